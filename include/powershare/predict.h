/*
 * powershare/predict.h - which government forms: a conditional logit over
 * every potential government, fitted on the cabinets that actually formed.
 *
 * A formation opportunity is a choice among potential governments: every
 * non-empty set of parties with seats (minority cabinets included), with at
 * most max_parties members. Each is described by the attributes below,
 * computed with the game stage (a majority of all seats, the game ParlGov
 * cases are played in), the power stage (normalised Banzhaf) and one policy
 * dimension of the legislature ("left_right" unless another is named). The
 * probability that S forms is
 *     P(S) = exp(x_S . beta) / sum_T exp(x_T . beta)
 * (McFadden 1974; for cabinets Martin & Stevenson, AJPS 2001, and Glasgow,
 * Golder & Golder, "New empirical strategies for the study of parliamentary
 * government formation", Political Analysis 2012).
 *
 * Attributes that are the same for every potential government of one
 * opportunity cancel out of the probabilities; so the three majority
 * statuses are two dummies (surplus is the baseline), and positional
 * attributes of a legislature without positions are all 0 (with
 * no_position = 1 everywhere), so they play no part there.
 *
 * A power-sharing condition (coalition.h) narrows the choice set: only the
 * governments that meet it (ps_condition_meets, the test `coalitions` uses)
 * are potential governments, and the probabilities are over those alone -
 * the conditional logit of the same model on a smaller choice set.
 *
 * Ownership: everything returned is the caller's, freed by its _free.
 * Thread safety: reentrant.
 */
#ifndef POWERSHARE_PREDICT_H
#define POWERSHARE_PREDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "coalition.h"
#include "error.h"
#include "legislature.h"
#include "parlgov.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The attributes of a potential government S, in this order. */
typedef enum ps_predict_attr {
    PS_PA_MINORITY,     /* 1 when S does not hold a majority of all seats */
    PS_PA_MINIMAL,      /* 1 when S wins and every member is needed */
    PS_PA_PARTIES,      /* number of parties */
    PS_PA_SEAT_SHARE,   /* seats of S / all seats of the chamber */
    PS_PA_LARGEST,      /* 1 when S holds a largest party */
    PS_PA_MEDIAN,       /* 1 when S holds a median party on the dimension
                           (left_right by default; 0 when some party with
                           seats has no position) */
    PS_PA_RANGE,        /* max - min position of the members with one */
    PS_PA_VARIANCE,     /* seat-weighted variance of those positions */
    PS_PA_NO_POSITION,  /* 1 when a member has no position on it */
    PS_PA_INCUMBENT,    /* 1 when S is exactly the outgoing cabinet */
    PS_PA_PARTNERS,     /* 1 when S holds at least two parties of the
                           outgoing cabinet (they governed together) */
    PS_PA_BANZHAF,      /* sum of the members' normalised Banzhaf indices */
    PS_PA_COUNT
} ps_predict_attr;

/* "minority", "minimal_winning", "parties", "seat_share", "largest",
 * "median", "range", "variance", "no_position", "incumbent",
 * "previous_partners", "banzhaf"; NULL out of range. */
const char *ps_predict_attr_name(ps_predict_attr a);

/* Default cap on the number of parties: none when a legislature has at
 * most PS_PREDICT_ALL_UPTO parties with seats (2^15 sets), otherwise
 * PS_PREDICT_DEFAULT_MAX (the largest first cabinet after an election in
 * ParlGov up to 2010 has 6 parties with seats; see docs/predict.md). */
#define PS_PREDICT_ALL_UPTO 15
#define PS_PREDICT_DEFAULT_MAX 6
/* Refused beyond this many potential governments (memory). */
#define PS_PREDICT_MAX_ALTERNATIVES 20000000u

/* The potential governments of one opportunity. */
typedef struct ps_predict_alts {
    size_t n;                /* potential governments */
    ps_members *members;     /* n sets, by number of parties then mask */
    double *x;               /* n * PS_PA_COUNT attributes, row-major */
    size_t max_parties;      /* the cap that was used */
    bool positions;          /* every party with seats has a position on
                                the dimension */
    ps_members incumbent;    /* the outgoing cabinet's parties with seats
                                (0: none or unknown) */
    long dimension;          /* the dimension's index in leg, -1: none */
    bool conditioned;        /* a condition was applied (opt->condition) */
} ps_predict_alts;

/* How the potential governments of one opportunity are formed. */
typedef struct ps_predict_options {
    ps_members incumbent;          /* the outgoing cabinet's parties (0:
                                      unknown); those without seats drop
                                      out, as in the ParlGov data */
    size_t max_parties;            /* 0: the default cap above */
    const char *dimension;         /* the positional attributes' dimension;
                                      NULL: "left_right" when leg has it */
    const ps_condition *condition; /* only sets meeting it (NULL: all);
                                      its max_parties lowers the cap */
} ps_predict_options;

/* Zero incumbent and cap, no dimension named, no condition. */
void ps_predict_options_init(ps_predict_options *opt);

/* Enumerates the potential governments of leg (its parties with seats;
 * parties with 0 seats never join; with a condition, only the sets that
 * meet it) with at most max_parties members, and computes their
 * attributes. opt NULL: the defaults.
 * Errors: PS_EDATA (unknown seats or total, no party with seats, a named
 * dimension leg lacks: the message lists those it has; a contradictory
 * condition or one no potential government meets), PS_ERANGE (more than 64
 * parties; more than PS_PREDICT_MAX_ALTERNATIVES sets: the message
 * suggests a lower cap), PS_ENOMEM, and the power stage's. */
int ps_predict_enumerate(ps_predict_alts **out, const ps_legislature *leg,
                         const ps_predict_options *opt, ps_error *err);

/* ps_predict_enumerate with only incumbent and max_parties set. */
int ps_predict_alternatives(ps_predict_alts **out, const ps_legislature *leg,
                            ps_members incumbent, size_t max_parties, ps_error *err);
void ps_predict_alts_free(ps_predict_alts *a);

/* A fitted model. */
typedef struct ps_predict_model {
    double beta[PS_PA_COUNT];
    double se[PS_PA_COUNT];  /* from the inverse penalised Hessian */
    double ridge;            /* penalty lambda/2 * |beta|^2 used in the fit */
    size_t cases;            /* opportunities used */
    size_t alternatives;     /* potential governments summed over them */
    double loglik;           /* log-likelihood at beta (without penalty) */
    double null_loglik;      /* with beta = 0 (uniform choice) */
    int iterations;          /* Newton steps */
    size_t max_parties;      /* 0: the default cap */
    char *source;            /* what it was fitted on, or NULL */
} ps_predict_model;

void ps_predict_model_free(ps_predict_model *m);

/* The default ridge: small next to the hundreds of cases, enough to keep
 * beta finite when an attribute separates the data (see docs/predict.md). */
#define PS_PREDICT_RIDGE 0.01

/* One opportunity for fitting: its sets and the index of the one chosen. */
typedef struct ps_predict_obs {
    const ps_predict_alts *alts;
    size_t chosen;
} ps_predict_obs;

/* Maximises sum_i log P_i(chosen_i) - ridge/2 |beta|^2 by Newton-Raphson
 * with the analytic gradient and Hessian, halving steps that do not raise
 * the objective; stops when no coefficient moves by more than 1e-9 (at most
 * 100 steps). ridge < 0 means PS_PREDICT_RIDGE.
 * Errors: PS_EINVAL (no observation, a chosen index out of range),
 * PS_ERANGE (no convergence, a singular Hessian), PS_ENOMEM. */
int ps_predict_fit(ps_predict_model **out, const ps_predict_obs *obs, size_t n_obs,
                   double ridge, ps_error *err);

/* P(S) for every potential government: p[i] for alts->members[i]
 * (n doubles, the caller's array). offset: NULL, or n numbers added to
 * the utilities x . beta (user attributes, below). */
void ps_predict_probabilities(double *p, const ps_predict_model *m, const ps_predict_alts *a,
                              const double *offset);

/* A user attribute from the legislature file: a policy dimension of leg
 * (any numeric party attribute can be declared as one), entering each
 * set's utility as beta times the sum of its members' values (a party
 * without a value counts 0). ParlGov has no such attribute, so beta is the
 * user's, not fitted. Adds to offset[0..a->n).
 * Errors: PS_EDATA (no such dimension: the message lists them). */
int ps_predict_user_offset(double *offset, const ps_predict_alts *a, const ps_legislature *leg,
                           const char *dimension, double beta, ps_error *err);

/* Indices of the alternatives by decreasing probability (ties by order);
 * *out has n entries, freed with ps_predict_order_free.
 * Errors: PS_ENOMEM. */
int ps_predict_order(size_t **out, const double *p, size_t n, ps_error *err);
void ps_predict_order_free(size_t *order);

/* The model as JSON ("powershare-predict-model/1"); *out is the caller's,
 * freed with ps_predict_text_free. Errors: PS_ENOMEM. */
int ps_predict_model_write(char **out, const ps_predict_model *m, ps_error *err);
void ps_predict_text_free(char *text);
/* Reads a model file. Errors: PS_EIO, PS_EPARSE, PS_EDATA (wrong format,
 * unknown or missing attribute, with file, line and column), PS_ENOMEM. */
int ps_predict_model_load(ps_predict_model **out, const char *path, ps_error *err);

/* The model's file name, the environment variable naming a model, and the
 * `given` of ps_predict_model_find that asks for the search. */
#define PS_PREDICT_MODEL_FILE "predict-model.json"
#define PS_PREDICT_MODEL_ENV "POWERSHARE_MODEL"
#define PS_PREDICT_MODEL_SEARCH ""

/* Where the model is. given: a path the user named (--model), used as is
 * (it may be "-"); NULL or "" (PS_PREDICT_MODEL_SEARCH) looks in order:
 *   1. the environment variable POWERSHARE_MODEL, when set and not empty
 *      (used as is: a file it names that cannot be read is an error, not
 *      a reason to look further, so a slip there is never hidden);
 *   2. next to the running program: DIR/../share/powershare/
 *      predict-model.json, DIR being the folder of /proc/self/exe (Linux;
 *      skipped where there is no /proc); and, when that program lives in
 *      the build folder of this copy of the library, the source tree's
 *      data/predict-model.json (an uninstalled build);
 *   3. the data directory the library was built for
 *      (DATADIR/powershare/predict-model.json, where `meson install` puts it).
 * The first readable file wins. *out_path is the caller's
 * (ps_predict_text_free).
 * Errors: PS_EIO (POWERSHARE_MODEL names a file that cannot be read; no
 * model anywhere: the message names every place looked in, and --model
 * and POWERSHARE_MODEL as the ways to give one), PS_ENOMEM.
 * Thread safety: reads the environment (getenv). */
int ps_predict_model_find(char **out_path, const char *given, ps_error *err);

/* ---- ParlGov --------------------------------------------------------- */

/* The opportunities of ParlGov: the cases of pg without a single-party
 * majority, with their potential governments; the outgoing cabinet comes
 * from view_cabinet.csv's previous_cabinet_id (read again from dir). */
typedef struct ps_predict_data {
    size_t n;
    const ps_parlgov_case **cases; /* into the ps_parlgov given */
    ps_predict_alts **alts;
    long *chosen;        /* index of the actual cabinet, -1 when it is not a
                            potential government (no party with seats, or
                            more parties than the cap) */
} ps_predict_data;

/* Errors: as ps_predict_alternatives, and PS_EIO / PS_EDATA for the CSV. */
int ps_predict_data_build(ps_predict_data **out, const ps_parlgov *pg, const char *dir,
                          size_t max_parties, ps_error *err);
void ps_predict_data_free(ps_predict_data *d);

/* Fits on the cases with use[i] (NULL: all) whose cabinet is a potential
 * government. Errors: as ps_predict_fit. */
int ps_predict_fit_data(ps_predict_model **out, const ps_predict_data *d, const bool *use,
                        double ridge, ps_error *err);

/* One validation's record on its test cases. */
typedef struct ps_predict_score {
    size_t cases;        /* test cases */
    size_t in_set;       /* whose cabinet is a potential government */
    size_t top1, top5;   /* hits */
    double loglik;       /* sum of log P(cabinet) over in_set cases */
} ps_predict_score;

typedef struct ps_predict_eval {
    ps_predict_score in_sample;   /* fitted on all, tested on all */
    ps_predict_score loco;        /* leave one country out */
    ps_predict_score time_train;  /* split: fitted on elections before the year */
    ps_predict_score time_test;   /* ... tested on those from the year on */
    int split_year;
    size_t countries;
    /* the classic theories on the same cases (their rank-1 sets), and the
     * model's out-of-sample (leave one country out) top-1 on the cases
     * where each theory applies */
    ps_parlgov_score theory[PS_THEORY_COUNT];
    double theory_tie[PS_THEORY_COUNT]; /* hits weighted 1 / set size */
    size_t model_top1[PS_THEORY_COUNT]; /* model hits on those cases (loco) */
    size_t time_theory_cases[PS_THEORY_COUNT];  /* the same on the time test */
    double time_theory_tie[PS_THEORY_COUNT];
    size_t time_theory_hits[PS_THEORY_COUNT];
    size_t time_model_top1[PS_THEORY_COUNT];
} ps_predict_eval;

/* In-sample fit, leave-one-country-out, and the time split at split_year
 * (elections before 1 January of that year train), beside the classic
 * theories. Errors: as ps_predict_fit and ps_parlgov_case_evaluate. */
int ps_predict_evaluate(ps_predict_eval *out, const ps_predict_data *d, int split_year,
                        double ridge, ps_error *err);

#ifdef __cplusplus
}
#endif

#endif
