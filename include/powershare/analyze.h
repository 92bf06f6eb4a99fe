/*
 * powershare/analyze.h - the main job as one library call.
 *
 * ps_analyze() takes a document (document.h) and computes, once, everything
 * `powershare analyze` reports: the decision rule and its game; each list's
 * Banzhaf and Shapley-Shubik power (exact when affordable, otherwise Monte
 * Carlo with intervals, and power->note says so: power.h PS_POWER_BEST);
 * each community's share of seats and power; the coalitions by each
 * classic theory, without constraint and under the document's power-sharing
 * condition; the document's what-if scenarios (ps_whatif_run); the offices
 * of the most plausible government; the statistical prediction. Every
 * output (text, JSON, HTML, the server, the Python and R packages) is a
 * printer of this one result: nothing is computed while printing, and
 * nothing twice.
 *
 * Ownership: *out is the caller's (ps_analyze_result_free, NULL-safe). It
 * borrows the document's legislature and must not outlive the document.
 * Thread safety: reentrant; the document is only read.
 */
#ifndef POWERSHARE_ANALYZE_H
#define POWERSHARE_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "coalition.h"
#include "document.h"
#include "error.h"
#include "game.h"
#include "government.h"
#include "legislature.h"
#include "portfolio.h"
#include "power.h"
#include "predict.h"
#include "rule.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The parts of the analysis to compute (ps_analyze_options.sections). The
 * rule, its game and description, the condition and the document's
 * scenarios and offices sections are always read. */
#define PS_ANALYZE_POWER       (1u << 0) /* power, and communities' shares */
#define PS_ANALYZE_COALITIONS  (1u << 1) /* coalitions and the government */
#define PS_ANALYZE_SCENARIOS   (1u << 2) /* the scenarios' outcomes */
#define PS_ANALYZE_OFFICES     (1u << 3) /* the government's offices (needs
                                            PS_ANALYZE_COALITIONS) */
#define PS_ANALYZE_PREDICTION  (1u << 4) /* needs a model */
#define PS_ANALYZE_ALL         0x1fu

typedef struct ps_analyze_options {
    unsigned sections;     /* PS_ANALYZE_* bits (default PS_ANALYZE_ALL);
                              what is left out stays NULL or empty */
    size_t top;            /* coalitions listed per theory (default 10) */
    const char *dimension; /* policy dimension id for the theories that need
                              one (NULL: those theories are not ranked) */
    const char *model;     /* prediction model file (NULL: no prediction) */
    size_t predict_top;    /* governments the prediction lists (default 5) */
    unsigned threads;      /* threads for the power programs and the
                              coalition search (default 1) */
    ps_members government; /* a government to judge (ps_government_evaluate
                              under the document's rule and condition; 0:
                              none) */
} ps_analyze_options;

/* Sets the defaults above. */
void ps_analyze_options_init(ps_analyze_options *opt);

/* A community's seats and the sum of its lists' normalised power. */
typedef struct ps_community_share {
    const char *id;   /* NULL for the row of lists without a community */
    const char *name; /* "(no community)" for that row */
    int64_t seats;
    double banzhaf, shapley_shubik;
} ps_community_share;

/* The model's most likely governments. */
typedef struct ps_prediction {
    char *model;              /* the model file */
    const char *caveat;       /* static: what the model was fitted on
                                 (ps_predict_caveat) */
    size_t n_alternatives;    /* potential governments ranked (SIZE_MAX
                                 beyond it: see sets) */
    double sets;              /* the same, as a number */
    size_t max_parties;       /* of at most this many lists */
    bool every;               /* every government of a large chamber of
                                 inclusive convention, ranked by classes
                                 (ps_predict_rank_all) */
    bool inclusive;           /* the inclusion attributes applied */
    size_t n_top;
    double *probability;      /* n_top, highest first (each set's) */
    double *alike;            /* n_top: the sets each row stands for (1
                                 unless every) */
    ps_members *members;      /* n_top */
    ps_predict_summary *summary; /* each party's probability of being in
                                    government, the statuses, the top 10 */
} ps_prediction;

typedef struct ps_analyze_result {
    const ps_legislature *leg; /* the document's */
    const char *source;        /* the document's source name */
    ps_rule *rule;
    ps_game *game;
    char *rule_text;           /* ps_rule_describe */
    ps_power *power;           /* Banzhaf and Shapley-Shubik; power->note
                                  says why when they are estimates (NULL
                                  without PS_ANALYZE_POWER) */
    size_t n_communities;      /* rows: each community, then the lists of
                                  no community when they hold seats */
    ps_community_share *communities;
    ps_condition *none;        /* no constraint */
    ps_condition *condition;   /* the document's (declared false when none) */
    size_t n_condition_ids;    /* communities the condition requires */
    const char **condition_ids;
    ps_coalition_set *coalitions; /* under no constraint (NULL without
                                     PS_ANALYZE_COALITIONS, or when
                                     coalitions_skipped says why) */
    char *coalitions_skipped;     /* NULL, or why the coalitions (and the
                                     government and offices that follow
                                     from them) were not searched: the rule
                                     says "or", which the coalition search
                                     does not take (rule.h); the rest of
                                     the analysis stands */
    ps_coalition_set *feasible;   /* meeting the condition; NULL when the
                                     document declares none */
    ps_scenarios *scenarios;   /* the document's (n == 0: none) */
    ps_whatif *whatif;         /* their outcomes; NULL when none */
    ps_offices *offices;       /* the document's "offices" section */
    ps_formation *formation;   /* the document's "formation" section, NULL
                                  when it has none: an executive computed,
                                  not predicted, or parity between
                                  communities applied to the offices of the
                                  most plausible government */
    size_t n_government;       /* the most plausible government: the
                                  prediction's first when there is one,
                                  else rank 1 of */
    size_t *government;        /* the bargaining proposition (fewest lists)
                                  meeting the condition; party indices,
                                  largest first */
    const char *government_basis; /* static: which of the three, in words:
                                     the formation rule's executive (then
                                     portfolio is its allocation), the
                                     prediction's first, the bargaining
                                     proposition's */
    ps_government *evaluation; /* opt->government judged; NULL when none
                                  was asked */
    char *offices_unmet;       /* why the government's posts could not be
                                  shared under the file's parity rule (it
                                  holds no list of a community the rule
                                  names); NULL otherwise */
    ps_portfolio *portfolio;   /* its offices; NULL when the document gives
                                  no offices or posts, or no government */
    ps_prediction *prediction; /* NULL when no model was given or it could
                                  not be used: then prediction_error says why */
    char *prediction_error;
} ps_analyze_result;

/* Analyses the document's chamber (see the top of this file); opt NULL
 * means the defaults. Errors: PS_EDATA (no seats to analyse, a bad section
 * value: with its position), PS_EINVAL (an unknown dimension, a NULL
 * argument), PS_ERANGE (more lists than the coalition search takes),
 * PS_ENOMEM. A prediction model that cannot be
 * read is not an error: prediction is NULL and prediction_error says why. */
int ps_analyze(ps_analyze_result **out, const ps_document *doc, const ps_analyze_options *opt,
               ps_error *err);

void ps_analyze_result_free(ps_analyze_result *res);

#ifdef __cplusplus
}
#endif

#endif
