/*
 * powershare/simulate.h - how likely: poll uncertainty to seat and coalition
 * probabilities.
 *
 * Model (docs/simulate.md): the vote shares of the n entries of a poll
 * (parties, plus residual "others" entries that never win seats) are drawn
 * from a Dirichlet distribution with alpha_i = N * p_i + 1/2 (Jeffreys),
 * N being the (effective) number of respondents and p_i the (pooled) share.
 * Each draw becomes integer votes round(share * 10^9); the threshold (a share
 * of all valid votes, others included, or one Hare quota), the exemptions
 * and the seats follow the exact engine of the apportion stage. Majority is
 * floor(S / 2) + 1 of the S seats handed out.
 *
 * Reproducibility: draws are cut into blocks of PS_SIM_BLOCK draws; block b
 * uses the xoshiro256** generator seeded from the seed (through splitmix64)
 * and jumped b times (2^128 steps each), whatever thread or MPI rank runs
 * it. Everything accumulated is an integer count (the Banzhaf sums are fixed
 * point), so the totals do not depend on the order in which blocks finish:
 * the same seed gives the same counts for any number of threads or ranks.
 *
 * Thread safety: a model may be shared by several threads once built; a
 * ps_sim_counts is written by one ps_simulate_run at a time.
 */
#ifndef POWERSHARE_SIMULATE_H
#define POWERSHARE_SIMULATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apportion.h"
#include "document.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PS_SIM_BLOCK 4096        /* draws per random-number block */
#define PS_SIM_MAX_PARTIES 20    /* parties that can win seats (2^n coalitions) */
#define PS_SIM_FIXED_ONE 4294967296.0 /* 2^32: fixed-point unit of Banzhaf sums */

/* ---- polls (io_polls.c) ---------------------------------------------------- */

typedef struct ps_poll {
    char *pollster;
    char *date;          /* YYYY-MM-DD */
    int64_t respondents; /* > 0 */
    double *shares;      /* n_parties fractions (normalised to sum 1); 0 where
                            the poll does not list the party */
    long line;           /* line of its first row, for messages */
} ps_poll;

typedef struct ps_polls {
    char *source;        /* file name, for messages */
    size_t n_parties;
    char **parties;      /* in order of first appearance */
    long *party_line;    /* n_parties: where each party is first named */
    long *party_column;
    char **communities;  /* n_parties entries (NULL = none), or NULL when the
                            file has no community column */
    size_t n_polls;
    ps_poll *polls;      /* in order of first appearance */
    size_t n_warnings;
    char **warnings;     /* "file:line: ..." notes (shares normalised) */
} ps_polls;

/* Tolerances on the sum of one poll's shares (docs/simulate.md). Shares may
 * be written in percent (summing to about 100) or as fractions (about 1);
 * which one is decided per poll by its sum. A relative deviation up to
 * PS_POLL_SILENT is rounding and is normalised silently; up to PS_POLL_WARN
 * it is normalised with a warning; beyond it the poll is refused. */
#define PS_POLL_SILENT 0.005
#define PS_POLL_WARN 0.03

/* Reads a polls CSV with the columns pollster,date,party,share,respondents
 * and optionally community (any order, names in any case; other columns
 * are refused). A share is a fraction, a percentage number, or a number
 * with a trailing % ("29%" is 0.29). Rows of
 * one poll (same pollster and date) must give the same respondents. Errors
 * name file, line and column: PS_EPARSE (CSV syntax), PS_EDATA (missing
 * column, empty pollster/party, no or malformed date, a share that is not a
 * number or is negative, respondents that are negative or zero, a party
 * listed twice in one poll, shares that do not add up, a party with two
 * communities), PS_EIO, PS_ENOMEM. *out is the caller's (ps_polls_free). */
int ps_polls_load(ps_polls **out, const char *path, ps_error *err);
int ps_polls_parse(ps_polls **out, const char *text, size_t len, const char *source,
                   ps_error *err);
void ps_polls_free(ps_polls *polls);

/* Index of the party with this name, or -1. */
long ps_polls_find(const ps_polls *polls, const char *party);

/* Pools the polls: each pollster's latest poll (by date; the last one in
 * the file on equal dates) enters, weighted by its respondents; out_shares
 * (n_parties) receives the pooled shares, *out_n the effective sample size
 * (the sum of the respondents of the polls that enter, capped at max_n when
 * max_n > 0), *out_used the number of polls pooled. Errors: PS_EDATA (no
 * polls). */
int ps_polls_pool(double *out_shares, int64_t *out_n, size_t *out_used, const ps_polls *polls,
                  int64_t max_n, ps_error *err);

/* ---- the "election" section of a legislature file (simulate_election.c) ---- */

typedef struct ps_election {
    ps_apportion_options rules; /* method, seats, first_divisor, threshold */
    size_t n_exempt;
    char **exempt;              /* party names exempt from the threshold */
    long *exempt_line, *exempt_column; /* where each is named */
    char *source;               /* the file */
    long line;                  /* of the section */
} ps_election;

/* Reads the "election" section of a document (document.h;
 * docs/formats.md). *out is NULL when it has no such section (or is CSV).
 * Errors: PS_ENOMEM, and PS_EDATA with the position of the
 * value at fault (unknown key, unknown method, seats < 1, a first divisor
 * outside (0, 3) or for another method, a threshold above 100%). */
int ps_election_from_document(ps_election **out, const ps_document *doc, ps_error *err);
void ps_election_free(ps_election *e);

/* ---- the model --------------------------------------------------------------- */

typedef struct ps_sim_model {
    size_t n;                 /* entries drawn (parties and others) */
    const char *const *names; /* n names, for messages */
    const double *alpha;      /* n Dirichlet parameters > 0 */
    const bool *others;       /* n entries or NULL: never eligible for seats */
    const bool *exempt;       /* n entries or NULL: ignore the threshold */
    const int *community;     /* n entries or NULL: index < n_communities or -1 */
    size_t n_communities;
    ps_apportion_options rules; /* method, seats, first_divisor, threshold and
                                   threshold_share are used; exempt through the
                                   field above; ties are broken by lot (counted) */
    bool banzhaf;             /* accumulate normalised Banzhaf indices */
    const struct ps_system *system; /* NULL, or a whole law (system.h) applied
                                       to each draw: its rules must be the
                                       law's own (rules = system->apportion),
                                       and it must need only votes
                                       (ps_system_needs_only_votes); its ties
                                       are drawn by lot like the rules' */
} ps_sim_model;

/* Integer tallies, one flat array so that they can be summed element-wise
 * (ps_sim_counts_add, MPI_Reduce). m = parties that can win seats (the
 * non-"others" entries, in model order), C = 2^m. */
typedef struct ps_sim_counts {
    size_t n;        /* model entries */
    size_t m;        /* seat-capable parties */
    size_t *party;   /* m: model index of seat-capable party j */
    int64_t seats;   /* S */
    size_t len;      /* entries of data */
    uint64_t *data;  /* all tallies below, as views into it: */
    uint64_t *draws;       /* [0] draws made */
    uint64_t *ties;        /* [0] draws where a tie for the last seat was drawn by lot */
    uint64_t *empty;       /* [0] draws where no party passed the threshold */
    uint64_t *psc;         /* [0] every community won a seat; [1] also a minimal
                              winning coalition holds a majority in every community */
    uint64_t *entered;     /* m: draws with a seat */
    uint64_t *hist;        /* m * (S + 1): hist[j * (S + 1) + s] draws with s seats */
    uint64_t *win;         /* C: coalition mask has >= majority */
    uint64_t *minimal;     /* C: ... and no proper sub-coalition has */
    uint64_t *bz_sum;      /* m (banzhaf): sum of round(beta * 2^32) */
    uint64_t *bz_sq;       /* m (banzhaf): sum of round(beta^2 * 2^32) */
} ps_sim_counts;

/* Checks the model and makes zeroed tallies for it. Errors: PS_EINVAL (n 0,
 * alpha <= 0, no seat-capable party, bad rules), PS_ERANGE (more than
 * PS_SIM_MAX_PARTIES seat-capable parties, or parties x (seats + 1) above
 * 2^22), PS_ENOMEM. */
int ps_sim_counts_new(ps_sim_counts **out, const ps_sim_model *model, ps_error *err);
void ps_sim_counts_free(ps_sim_counts *c);
/* dst += src (same model). */
void ps_sim_counts_add(ps_sim_counts *dst, const ps_sim_counts *src);
/* The seats majority: floor(S / 2) + 1. */
int64_t ps_sim_majority(const ps_sim_counts *c);

/* Called after each finished block with the blocks done so far (this
 * process) and the blocks this call will run; from any worker thread, one
 * call at a time. */
typedef void (*ps_sim_progress)(void *ctx, uint64_t done, uint64_t total);

typedef struct ps_sim_run_options {
    uint64_t seed;
    uint64_t first_block;  /* run blocks first_block .. first_block + n_blocks - 1 */
    uint64_t n_blocks;
    uint64_t last_draws;   /* draws in the very last block if it is partial
                              (0: full); applies to block first_block + n_blocks - 1 */
    int threads;           /* >= 1 */
    int rank, n_ranks;     /* run only blocks b with b % n_ranks == rank (MPI);
                              n_ranks 0 means 1 */
    ps_sim_progress progress;
    void *progress_ctx;
} ps_sim_run_options;

/* Draws the blocks and adds their tallies to *counts. Errors: PS_EINVAL,
 * PS_ENOMEM, PS_ERANGE (from the engine), PS_ECANCELED (the calling
 * thread's check of cancel.h, made before each block by every worker);
 * after an error *counts holds an
 * unspecified part of the blocks and should be discarded. Thread-safe for
 * distinct counts. */
int ps_simulate_run(ps_sim_counts *counts, const ps_sim_model *model,
                    const ps_sim_run_options *opt, ps_error *err);

/* ---- results (simulate_result.c) --------------------------------------------- */

typedef struct ps_sim_estimate {
    double p;  /* probability (a count / draws) */
    double se; /* Monte Carlo standard error sqrt(p (1 - p) / draws) */
} ps_sim_estimate;

/* The estimate for `count` of `draws`. */
ps_sim_estimate ps_sim_estimate_of(uint64_t count, uint64_t draws);

/* Seat quantile q (0 < q < 1) of seat-capable party j: the least s whose
 * cumulative share of draws is >= q (inverse empirical CDF). */
int64_t ps_sim_seat_quantile(const ps_sim_counts *c, size_t j, double q);
double ps_sim_seat_mean(const ps_sim_counts *c, size_t j);

/* Mean normalised Banzhaf index of party j and its Monte Carlo standard
 * error (sample standard deviation / sqrt(draws)). */
void ps_sim_banzhaf(double *mean, double *se, const ps_sim_counts *c, size_t j);

/* The largest 95% half-width (1.96 se) over the probabilities that a report
 * shows: entry probabilities, the coalitions in masks (n_masks; NULL: every
 * coalition that was minimal winning in some draw) with and without
 * minimality, and the power-sharing condition when with_psc. */
double ps_sim_max_halfwidth(const ps_sim_counts *c, const uint64_t *masks, size_t n_masks,
                            bool with_psc);

#ifdef __cplusplus
}
#endif

#endif
