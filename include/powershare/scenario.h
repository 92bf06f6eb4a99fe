/*
 * powershare/scenario.h - what if: transforms of a legislature, and the
 * difference of two analyses.
 *
 * A scenario is a named list of steps applied in order to a copy of a
 * legislature and its decision rule (rule.h); the original is never changed.
 * The steps:
 *
 *   remove P            list P leaves with its seats: the chamber shrinks
 *                       (total_seats - seats of P), and so does every quota
 *                       counted on all seats
 *   vacate P            list P's members walk out: P is gone from the list of
 *                       parties, its seats stay in the chamber as
 *                       vacant_seats. Whether the quota then counts all seats
 *                       or the members present is the rule's business
 *                       ("of": "all" | "present", rule.h)
 *   remove_community C  every list of community C is removed (as remove)
 *   leave_community C   every list of community C walks out (as vacate)
 *   merge A,B           lists A and B become one list, in A's place, with
 *                       the sum of their seats; its id defaults to "A+B" and
 *                       its name to "<name of A> + <name of B>". It keeps the
 *                       community when A and B share it and has none
 *                       otherwise (a cross-community list is a real thing,
 *                       so this is not an error); votes are summed when both
 *                       are known; a position is the seat-weighted mean when
 *                       both are known, unknown otherwise
 *   move A:B:K          K seats defect from A to B (K <= seats of A; A may be
 *                       left with 0 seats and stays in the chamber)
 *   quota Q [of all|present]
 *                       the rule's quota becomes Q (ps_quota_parse syntax)
 *
 * Every id is checked when the step is applied; a step read from a file keeps
 * its line and column, so "unknown party 'kdpp'" points at where it was
 * written. Community, consent, presence and veto conditions of the rule are
 * kept as written: a rule that names a list which a step removed then fails to
 * compile, which the analysis reports rather than hides.
 *
 * Ownership: every *out is the caller's and has a NULL-safe _free.
 * Thread safety: all functions are reentrant; inputs are only read.
 */
#ifndef POWERSHARE_SCENARIO_H
#define POWERSHARE_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "document.h"
#include "error.h"
#include "game.h"
#include "legislature.h"
#include "power.h"
#include "rule.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ps_step_kind {
    PS_STEP_REMOVE,
    PS_STEP_VACATE,
    PS_STEP_REMOVE_COMMUNITY,
    PS_STEP_LEAVE_COMMUNITY,
    PS_STEP_MERGE,
    PS_STEP_MOVE,
    PS_STEP_QUOTA,
    PS_STEP_KIND_COUNT
} ps_step_kind;

/* The step's JSON key and command-line option stem: "remove", "vacate",
 * "remove_community", "leave_community", "merge", "move", "quota"; NULL out
 * of range. Static string. */
const char *ps_step_kind_name(ps_step_kind kind);

typedef struct ps_step {
    ps_step_kind kind;
    char *a;         /* the party (REMOVE, VACATE, MERGE's first, MOVE's giver)
                        or community (the _COMMUNITY steps); QUOTA: the quota */
    char *b;         /* MERGE's second list, MOVE's receiver; else NULL */
    char *id;        /* MERGE: id of the merged list, or NULL for "A+B" */
    char *name;      /* MERGE: its name, or NULL (see above) */
    int64_t seats;   /* MOVE: seats that defect, >= 0 */
    int of_present;  /* QUOTA: -1 keep the rule's base, 0 all seats, 1 present */
    long line, column; /* where it was written; 0 on the command line */
} ps_step;

typedef struct ps_scenario {
    char *name;      /* never NULL */
    char *notes;     /* free text, or NULL */
    char *source;    /* the file it was read from, or NULL */
    long line, column;
    size_t n_steps;
    ps_step *steps;
} ps_scenario;

typedef struct ps_scenarios {
    size_t n;
    ps_scenario *items;
} ps_scenarios;

/* An empty scenario called `name` (NULL: "what if"). Errors: PS_ENOMEM. */
int ps_scenario_new(ps_scenario **out, const char *name);

/* Frees a scenario. NULL-safe. */
void ps_scenario_free(ps_scenario *sc);

/* Appends a step written as on the command line:
 *   REMOVE, VACATE: "ID"; the _COMMUNITY steps: "COMMUNITY";
 *   MERGE: "A,B" or "A,B=NEWID"; MOVE: "A:B:K"; QUOTA: "Q" (ps_quota_parse
 *   syntax, checked for form).
 * Errors: PS_EINVAL (malformed text: the message shows the expected form),
 * PS_ENOMEM. On error the scenario is unchanged. */
int ps_scenario_add_text(ps_scenario *sc, ps_step_kind kind, const char *text, ps_error *err);

/* The "scenarios" section of a document (document.h; an empty list,
 * n == 0, when the file has none or is CSV). The section is an array whose
 * items are either scenarios {"name": ..., "notes": ..., "steps": [STEP, ...]}
 * or single steps (a one-step scenario named after its step). A STEP is one
 * of {"remove": ID}, {"vacate": ID}, {"remove_community": C},
 * {"leave_community": C}, {"merge": [A, B], "id": NEW, "name": NAME},
 * {"move": {"from": A, "to": B, "seats": K}}, {"quota": Q, "of": "all"|"present"}.
 * Errors: PS_ENOMEM, and PS_EDATA at the offending key or value (unknown
 * key, wrong type, a step with no or two actions). */
int ps_scenarios_from_document(ps_scenarios **out, const ps_document *doc, ps_error *err);

/* The same list as a standalone JSON file: the top level is the array,
 * which must hold at least one scenario (PS_EDATA at the array when it is
 * empty; PS_EPARSE for an empty file). source names the text in errors. */
int ps_scenarios_read(ps_scenarios **out, const char *text, size_t len, const char *source,
                      ps_error *err);

/* Frees a list. NULL-safe. */
void ps_scenarios_free(ps_scenarios *list);

/* Applies sc's steps in order to copies of leg and rule (rule NULL: the
 * default rule, a majority of all seats). *out_leg and *out_rule are the
 * caller's. Errors: PS_EDATA with the step's position (unknown party or
 * community, a merged id that another list already has, merging a list with
 * itself, moving more seats than a list holds, removing every list),
 * PS_EINVAL (bad quota text), PS_ENOMEM. Nothing is returned on error. */
int ps_scenario_apply(ps_legislature **out_leg, ps_rule **out_rule, const ps_legislature *leg,
                      const ps_rule *rule, const ps_scenario *sc, ps_error *err);

/* One line saying what a step does, e.g. "the lists of community kurdish
 * walk out (seats vacant)", "merge sol and ahrar into sol+ahrar". *out is the
 * caller's (ps_free). Errors: PS_ENOMEM. */
int ps_step_describe(char **out, const ps_step *step);

/* ---- analyses and their difference --------------------------------------- */

/* A coalition: indices of parties of one legislature, ascending. */
typedef struct ps_scenario_coalition {
    size_t n;
    size_t *members;
    int64_t seats;
} ps_scenario_coalition;

typedef struct ps_analysis_options {
    size_t max_lists;   /* minimal winning coalitions of at most this many
                           lists are listed (default 5) */
    size_t max_listed;  /* and at most this many of them (default 100000) */
    uint64_t max_nodes; /* search budget for counting the minimal winning
                           coalitions of games with several layers (default
                           50,000,000 steps) */
    const char *const *condition; /* community ids a power-sharing government
                                     must include, or NULL */
    size_t n_condition;
    ps_power_options power;       /* default: Banzhaf and Shapley-Shubik by
                                     PS_POWER_BEST (exact when affordable,
                                     else Monte Carlo: power->note says so) */
} ps_analysis_options;

/* Sets the defaults above. */
void ps_analysis_options_init(ps_analysis_options *opt);

typedef struct ps_analysis {
    ps_legislature *leg;  /* owned copies */
    ps_rule *rule;
    char *rule_text;      /* ps_rule_describe, NULL when the rule fails */
    ps_game *game;        /* NULL when the rule cannot be compiled ... */
    char *game_error;     /* ... and this says why */
    int64_t base;         /* seats the quota is counted on */
    int64_t quota;        /* seats a winning coalition needs (first layer) */
    ps_power *power;      /* players = parties; NULL when not computed ... */
    char *power_error;    /* ... and this says why */
    /* minimal winning coalitions (every member critical) */
    bool mwc_counted;     /* false: the count was out of budget */
    uint64_t n_mwc;       /* how many (saturates at UINT64_MAX) */
    uint64_t n_mwc_condition; /* how many hold a list of every condition
                                 community: each is there for substance
                                 (all of them without a condition) */
    size_t max_lists;
    bool listed_complete; /* false when max_listed cut the list */
    size_t n_listed;      /* those of at most max_lists lists, fewest lists
                             first, then most seats, then party order */
    ps_scenario_coalition *listed;
    /* the power-sharing condition */
    size_t n_condition;
    char **condition;     /* community ids */
    bool condition_possible; /* a winning coalition holds a list (with seats)
                                of every condition community */
    char *condition_missing; /* when not: which communities have no seated
                                list, or why no coalition wins; else NULL */
} ps_analysis;

/* Analyses a legislature under a rule (NULL: majority of all seats): the
 * game, Banzhaf and Shapley-Shubik power (or what opt->power asks for), the
 * minimal winning coalitions and the condition. A rule that does not compile
 * or a power index out of reach is recorded (game_error, power_error), not an
 * error, so that a scenario where nobody can win still has an analysis.
 * Errors: PS_EDATA (a condition community the legislature does not declare),
 * PS_EINVAL, PS_ENOMEM. */
int ps_analysis_compute(ps_analysis **out, const ps_legislature *leg, const ps_rule *rule,
                        const ps_analysis_options *opt, ps_error *err);

/* Frees an analysis. NULL-safe. */
void ps_analysis_free(ps_analysis *an);

/* One row of a comparison: a party (matched by id) or a community. */
typedef struct ps_diff_row {
    const char *id;    /* borrowed from the analyses */
    const char *name;
    long before, after;        /* index in each legislature, -1 when absent */
    int64_t seats[2];          /* [0] before, [1] after; 0 when absent */
    ps_fraction banzhaf[2];    /* exact values owned by the diff; num NULL
                                  and value NAN when not computed; 0 when
                                  absent */
    ps_fraction shapley[2];
} ps_diff_row;

typedef struct ps_scenario_diff {
    size_t n_parties;       /* the parties before in their order, then the
                               new ones (a merged list) */
    ps_diff_row *parties;
    size_t n_communities;   /* communities of the legislature after */
    ps_diff_row *communities;
    bool coalitions_complete;  /* false when either listing was cut */
    size_t n_appeared;         /* listed coalitions after that were not before */
    ps_scenario_coalition *appeared;    /* indices into after->leg */
    size_t n_disappeared;      /* listed before and not after */
    ps_scenario_coalition *disappeared; /* indices into before->leg */
} ps_scenario_diff;

/* The difference of two analyses: seats and power per party and community,
 * and the minimal winning coalitions (of at most min(before, after)
 * max_lists lists) that appear and disappear, matched by party ids.
 * Community power is the exact sum of its lists' values.
 * Errors: PS_EINVAL (NULL), PS_ENOMEM. */
int ps_scenario_compare(ps_scenario_diff **out, const ps_analysis *before,
                        const ps_analysis *after, ps_error *err);

/* Frees a diff. NULL-safe. */
void ps_scenario_diff_free(ps_scenario_diff *diff);

/* A scenario's outcome: the analysis after its steps and the difference
 * from the analysis before. */
typedef struct ps_scenario_outcome {
    const ps_scenario *scenario; /* borrowed from the list given */
    ps_analysis *after;
    ps_scenario_diff *diff;
} ps_scenario_outcome;

/* The analysis before and each scenario's outcome, in the list's order. */
typedef struct ps_whatif {
    ps_analysis *before;
    size_t n;
    ps_scenario_outcome *items;
} ps_whatif;

/* Runs scenarios: analyses the legislature under the rule once (before),
 * then applies each scenario of `list` to a copy (ps_scenario_apply),
 * analyses it and compares it with before. With `select` not NULL only the
 * scenarios of that name run. This is the one scenario loop: analyze,
 * whatif and serve all call it. *out borrows the scenarios from `list`,
 * which must outlive it. Errors: as ps_scenario_apply (an unknown id in a
 * step, with its position), ps_analysis_compute and ps_scenario_compare;
 * PS_EINVAL when `select` names no scenario of the list. */
int ps_whatif_run(ps_whatif **out, const ps_legislature *leg, const ps_rule *rule,
                  const ps_scenarios *list, const char *select, const ps_analysis_options *opt,
                  ps_error *err);

/* Frees the outcomes (not the scenarios). NULL-safe. */
void ps_whatif_free(ps_whatif *w);

#ifdef __cplusplus
}
#endif

#endif
