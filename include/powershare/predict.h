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
#include <stdint.h>

#include "coalition.h"
#include "document.h"
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
    /* Inclusion (Lijphart's grand coalitions): 0 for every set unless the
     * chamber declares a convention of inclusive government (the
     * condition's "convention": "inclusive", or opt->inclusive), so that a
     * West European chamber keeps the model above and a consociational one
     * adds these. "The communities" are those the condition names
     * (include_communities), else every community with a list with seats. */
    PS_PA_INCL_EVERY,       /* 1 when S holds a list of each of the communities */
    PS_PA_INCL_COMMUNITIES, /* number of the legislature's communities S holds
                               a list of */
    PS_PA_INCL_LEADERS,     /* 1 when S holds a largest list (one with the
                               most seats) of each of the communities */
    PS_PA_INCL_SURPLUS,     /* surplus seats: (seats of S - majority) / all
                               seats, 0 for a minority */
    PS_PA_INCL_SURPLUS_MEMBERS, /* members whose exit leaves S a majority */
    PS_PA_INCL_MINORITY,    /* 1 when S holds fewer seats than the majority */
    PS_PA_INCL_PASSED_OVER, /* lists outside S with more seats than S's
                               smallest member: 0 when S is the k largest
                               lists (as a d'Hondt executive or
                               Switzerland's magic formula form) */
    PS_PA_COUNT
} ps_predict_attr;

/* The first inclusion attribute: a model file may leave out all of them (a
 * model fitted without divided-society cases); then they weigh 0. */
#define PS_PA_FIRST_INCLUSIVE PS_PA_INCL_EVERY

/* "minority", "minimal_winning", "parties", "seat_share", "largest",
 * "median", "range", "variance", "no_position", "incumbent",
 * "previous_partners", "banzhaf", "inclusive_every_community",
 * "inclusive_communities", "inclusive_community_leaders",
 * "inclusive_surplus", "inclusive_surplus_members", "inclusive_minority",
 * "inclusive_passed_over";
 * NULL out of range. */
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
    bool inclusive;          /* the inclusion attributes are on */
    bool sampled;            /* a random sample (opt->sample), not every set */
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
                                      its max_parties lowers the cap; its
                                      convention and communities feed the
                                      inclusion attributes */
    bool inclusive;                /* a convention of inclusive government
                                      (also on when condition->inclusive) */
    ps_members communities;        /* the inclusion attributes' communities
                                      (bit c: leg->communities[c]); 0: the
                                      condition's, else all with seats */
    size_t sample;                 /* 0: every potential government; else
                                      this many drawn uniformly at random,
                                      with replacement, among every
                                      non-empty set of the parties that may
                                      govern meeting the condition (no cap),
                                      after `keep` (McFadden 1978: the logit
                                      fitted on such a sample of the
                                      alternatives that are not chosen is
                                      consistent) */
    ps_members keep;               /* with sample: the set listed first (the
                                      cabinet that formed), when it meets
                                      the condition */
    uint64_t seed;                 /* with sample: the draws' seed */
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
    bool inclusive;          /* has the inclusion attributes (fitted with a
                                chamber of inclusive convention); without,
                                their beta and se are 0 */
} ps_predict_model;

void ps_predict_model_free(ps_predict_model *m);

/* What a reader must know of m's probabilities (a static sentence without
 * a final period): what it was fitted on, and that elsewhere they compare
 * with that record rather than forecast. */
const char *ps_predict_caveat(const ps_predict_model *m);

/* The default ridge: small next to the hundreds of cases, enough to keep
 * beta finite when an attribute separates the data (see docs/predict.md). */
#define PS_PREDICT_RIDGE 0.01
/* The penalty on the inclusion attributes: a N(0, 1) prior on each, the
 * usual weakly informative prior for a logit's coefficients. They are
 * learnt from the formations of a handful of divided societies, where
 * 0.01 lets one country's peculiarities decide a coefficient (see
 * docs/predict.md). */
#define PS_PREDICT_RIDGE_INCLUSIVE 1.0

/* One opportunity for fitting: its sets and the index of the one chosen. */
typedef struct ps_predict_obs {
    const ps_predict_alts *alts;
    size_t chosen;
} ps_predict_obs;

/* Maximises sum_i log P_i(chosen_i) - ridge/2 |beta|^2 (with
 * PS_PREDICT_RIDGE_INCLUSIVE in place of ridge on the inclusion
 * attributes) by Newton-Raphson
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

/* What a reader needs first: each party's probability of being in the
 * government (the sum of P(S) over the potential governments S holding
 * it), the probabilities of the three majority statuses, and how much of
 * the probability the ten most probable governments hold. */
typedef struct ps_predict_summary {
    size_t n_parties;       /* the legislature's parties */
    double *in_government;  /* n_parties: P(party in the government); 0 for
                               a party that is in no potential government */
    double surplus;         /* P(a majority with a member it could lose) */
    double minimal;         /* P(a minimal winning government) */
    double minority;        /* P(a minority government) */
    double top10;           /* P(one of the 10 most probable) */
} ps_predict_summary;

/* p: the probabilities of a's sets (ps_predict_probabilities); order: their
 * ranking (ps_predict_order). *out is the caller's
 * (ps_predict_summary_free). Errors: PS_ENOMEM. */
int ps_predict_summarize(ps_predict_summary **out, const ps_predict_alts *a, const double *p,
                         const size_t *order, size_t n_parties, ps_error *err);
void ps_predict_summary_free(ps_predict_summary *s);

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

/* ---- Every potential government of a large chamber ------------------- */

/* A chamber whose potential governments are too many to list (Iraq 2014:
 * 30 lists, 2^30 - 1 sets) is ranked without listing them. Parties that no
 * attribute tells apart - the same seats, community, position on every
 * dimension, incumbency, user offset, and not named one by one by the
 * condition (required, in an incompatible pair) - form a class; the sets
 * are visited one per combination of how many members of each class they
 * hold (Iraq 2014: 29,491,200 combinations for 1,073,741,823 sets), each
 * standing for the C(size, k) products of sets that swap interchangeable
 * lists, which have the same attributes and so the same probability. The
 * sums (the partition function, each party's probability of being in
 * government, the majority statuses) are therefore exact, not sampled. */
typedef struct ps_predict_ranking {
    double sets;             /* potential governments (meeting the condition) */
    uint64_t combinations;   /* combinations visited */
    ps_predict_summary *summary;
    size_t n_top;            /* the most probable combinations, by
                                decreasing probability */
    ps_members *top;         /* n_top representatives (the first members of
                                each class) */
    double *top_p;           /* the probability of each of its sets */
    double *top_alike;       /* how many sets it stands for (1: itself) */
    double *top_x;           /* n_top * PS_PA_COUNT attributes */
    double target_rank;      /* 1 + the sets more probable than the target
                                (0: no target, or not a potential government) */
    double target_p;         /* the target's probability */
    bool inclusive, positions;
    long dimension;
    ps_members incumbent;
    size_t max_parties;      /* the cap applied (the number of parties that
                                may govern when none) */
} ps_predict_ranking;

/* Refused beyond this many combinations (time: about 0.2 s per million). */
#define PS_PREDICT_RANK_ALL_MAX 200000000u

/* Ranks every potential government of leg under m: every non-empty set of
 * the parties that may govern meeting opt's condition, with at most
 * opt->max_parties members (0: no cap; opt->sample is ignored). offset:
 * NULL, or a number per party of leg added to the utility of each set
 * holding it (user attributes: ps_predict_user_offset's per-party terms).
 * target: a set whose rank and probability are wanted (0: none). top: the
 * combinations listed (at most 1000; 0: none, the summary still counts the
 * ten most probable sets).
 * Errors: as ps_predict_enumerate; PS_ERANGE beyond PS_PREDICT_RANK_ALL_MAX
 * combinations (the message gives their number and suggests
 * --max-parties); PS_ENOMEM. */
int ps_predict_rank_all(ps_predict_ranking **out, const ps_legislature *leg,
                        const ps_predict_options *opt, const ps_predict_model *m,
                        const double *offset, ps_members target, size_t top, ps_error *err);
void ps_predict_ranking_free(ps_predict_ranking *r);

/* Whether leg is to be ranked by ps_predict_rank_all rather than listed:
 * its chamber has a convention of inclusive government (opt->inclusive or
 * its condition's), no cap is given (opt->max_parties 0) and more than
 * PS_PREDICT_ALL_UPTO parties may govern - where ps_predict_enumerate
 * would stop at PS_PREDICT_DEFAULT_MAX parties and leave out the oversized
 * cabinets such chambers form. */
bool ps_predict_ranks_all(const ps_legislature *leg, const ps_predict_options *opt);

/* A user attribute per party: offset[i] += beta * the value of party i on
 * leg's dimension (0 without one); what ps_predict_user_offset sums over
 * each set. Errors: PS_EDATA (no such dimension: the message lists them). */
int ps_predict_party_offset(double *offset, const ps_legislature *leg, const char *dimension,
                            double beta, ps_error *err);

/* ---- Formations of divided societies --------------------------------- */

/* One formation opportunity of a divided or fragmented parliament, read
 * from a case folder (tests/data/formations/<case>/, docs/predict.md):
 * legislature.json (a legislature file; its condition names the
 * communities and, with "convention": "inclusive", the chamber's
 * convention of inclusive government) and cabinet.json ("formed": false
 * when no cabinet formed - the case is then left out - and "members", each
 * with the "id" of a list of the cabinet). The case's potential governments are
 * every set of its parties with seats (the condition feeds the inclusion
 * attributes; it does not narrow the choice, so that the model can learn
 * what the convention does). */
typedef struct ps_predict_formation {
    char *id;                /* the folder's name, "northern-ireland-2007" */
    char *country;           /* the id without its "-YEAR": "northern-ireland" */
    int year;                /* the id's YEAR */
    ps_document *doc;        /* the legislature file */
    ps_members cabinet;      /* the cabinet's lists */
    size_t cabinet_size;     /* how many */
    ps_predict_alts *alts;   /* every set; for a chamber ranked whole
                                (ps_predict_ranks_all) a sample of
                                PS_PREDICT_FIT_SAMPLE sets after the cabinet,
                                for fitting (alts->sampled) */
    long chosen;             /* index of the cabinet in alts, -1 when it is
                                not a potential government (more lists than
                                the cap) */
    ps_predict_options options; /* how alts was made (no condition) */
} ps_predict_formation;

/* The sample of a formation case too large to list, and its seed. */
#define PS_PREDICT_FIT_SAMPLE 20000
#define PS_PREDICT_FIT_SEED 20140430u

typedef struct ps_predict_formations {
    size_t n;
    ps_predict_formation *cases; /* by folder name */
} ps_predict_formations;

/* Reads every case folder of dir (those holding a legislature.json; a
 * folder without one is skipped). max_parties: the cap of
 * ps_predict_enumerate (0: its default).
 * Folders whose cabinet.json says "formed": false are left out.
 * Errors: PS_EIO (dir or a file unreadable), PS_EPARSE / PS_EDATA (a bad
 * file, with file, line and column; a cabinet id that is not a party of
 * the legislature; a folder name without "-YEAR"), the enumeration's. */
int ps_predict_formations_load(ps_predict_formations **out, const char *dir,
                               size_t max_parties, ps_error *err);
void ps_predict_formations_free(ps_predict_formations *f);

/* The rank and probability of case c's cabinet under m: over its listed
 * sets, or for a sampled case over every set (ps_predict_rank_all).
 * rank 0: not a potential government. Errors: as ps_predict_rank_all. */
int ps_predict_formation_score(size_t *rank, double *p, const ps_predict_formation *c,
                               const ps_predict_model *m, ps_error *err);

/* How one formation case fared under one model. */
typedef struct ps_predict_case_score {
    size_t rank;             /* 1-based rank of the cabinet that formed
                                (ties count against it); 0: not a potential
                                government */
    double p;                /* the probability the model gave it */
} ps_predict_case_score;

/* The joint validation: the model fitted on ParlGov and the formations
 * together (ParlGov's cases of the same country and election year as a
 * formation case are left out of the fit, to count each election once),
 * every country left out in turn. */
typedef struct ps_predict_joint_eval {
    ps_predict_score parlgov;        /* the joint model on ParlGov's cases,
                                        leave one country out */
    ps_predict_score parlgov_only;   /* today's model (ParlGov alone) on them */
    size_t n;                        /* formation cases */
    ps_predict_case_score *joint;    /* n: the joint model, country left out */
    ps_predict_case_score *baseline; /* n: ParlGov alone, the country left out */
    bool (*theory_hit)[PS_THEORY_COUNT];      /* n: cabinet in the rank-1 set */
    uint64_t (*theory_set)[PS_THEORY_COUNT];  /* n: that set's size (0: the
                                                 theory does not apply) */
    size_t countries;                /* fits made */
} ps_predict_joint_eval;

/* Errors: as ps_predict_fit and ps_parlgov_case_evaluate, PS_ENOMEM. */
int ps_predict_evaluate_joint(ps_predict_joint_eval *out, const ps_predict_data *d,
                              const ps_predict_formations *f, double ridge, ps_error *err);
void ps_predict_joint_eval_free(ps_predict_joint_eval *ev);

/* Fits on ParlGov (d, NULL for none) and the formation cases (f, NULL for
 * none) together, ParlGov's duplicates of formation cases left out.
 * Errors: as ps_predict_fit. */
int ps_predict_fit_joint(ps_predict_model **out, const ps_predict_data *d,
                         const ps_predict_formations *f, double ridge, ps_error *err);

#ifdef __cplusplus
}
#endif

#endif
