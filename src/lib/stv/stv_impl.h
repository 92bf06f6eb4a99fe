/*
 * stv_impl.h - what the files of the stv stage share (not installed): the
 * state of a count in progress, and the services of stv_stage.c (ties, the
 * order of election) that the counts (stv_count.c, stv_irish.c) call.
 */
#ifndef POWERSHARE_STV_IMPL_H
#define POWERSHARE_STV_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "powershare/stv.h"

/* A candidate's state during the count. */
enum { STV_CONTINUING, STV_ELECTED, STV_EXCLUDED, STV_WITHDRAWN };

/* Ballots of one line held by a candidate, each paper at `value` (units of
 * 1/PS_STV_SCALE); `pos` is the preference the papers are at. The Irish
 * count (whole papers, stv_irish.c) splits lines: `papers` of the line's
 * papers, received at stage `stage`; the Scottish count leaves them 0. */
typedef struct stv_parcel {
    size_t line;
    size_t pos;
    int64_t value;
    int64_t papers;
    int64_t stage;
} stv_parcel;

typedef struct stv_pile {
    stv_parcel *p;
    size_t n, cap;
} stv_pile;

typedef struct stv_count {
    const ps_ballots *b;
    ps_stv_options opt;
    ps_stv_result *res;
    int64_t quota;            /* units */
    int64_t scale;            /* one vote in units: PS_STV_SCALE or, under
                                 Meek, PS_STV_MEEK_SCALE */
    int64_t *votes;           /* n_candidates, now */
    int64_t *keep;            /* Meek: n_candidates keep factors (units);
                                 NULL under the other rules */
    int64_t iterations;       /* Meek: the iterations of the current round */
    unsigned char *state;     /* n_candidates: STV_... */
    bool *surplus_due;        /* elected, surplus not yet transferred */
    stv_pile *pile;           /* n_candidates */
    int64_t exhausted;        /* all stages so far */
    int64_t rounding_total;   /* all stages so far */
    size_t cap_stages, cap_ties;
    size_t *scratch;          /* n_candidates: psi_stv_elect's and _settle's */
    size_t *tied;             /* n_candidates: the count's list of level candidates */
    uint64_t rng;             /* splitmix64 state, from opt.seed */
    ps_error *err;
} stv_count;

/* The first preference after pos (from the start when pos is SIZE_MAX) for
 * a continuing candidate on ballot line `line`, or SIZE_MAX when none. */
size_t psi_stv_next_preference(const stv_count *cs, size_t line, size_t pos);

/* Counts under the Irish rules (stv_irish.c): first count to the last seat.
 * Returns 0, PS_ETIE, PS_ECANCELED, PS_EDATA (no valid ballot), PS_ENOMEM. */
int psi_stv_run_irish(stv_count *cs);

/* Appends the stage of one candidate's exclusion (amount: their votes), its
 * list of excluded candidates that one. Returns 0 or PS_ENOMEM. */
int psi_stv_add_exclusion(stv_count *cs, size_t candidate, int64_t amount);

/* Counts under Meek's method (stv_meek.c): every round to the last seat.
 * Returns 0, PS_ERANGE (too many ballots), PS_ETIE, PS_ECANCELED, PS_EDATA
 * (no valid ballot), PS_ENOMEM. */
int psi_stv_run_meek(stv_count *cs);

/* Appends a stage to the result with the current votes, quota, keep
 * factors (when the rule has them) and iterations; its number is
 * res->n_stages afterwards. Returns 0 or PS_ENOMEM (after psi_enomem). */
int psi_stv_add_stage(stv_count *cs, ps_stv_action action, size_t candidate, int64_t amount,
                      int64_t rounding);

/* The first stage, the same under every rule: each ballot line to its
 * first continuing preference through give(cs, line, candidate) (each rule
 * files papers its own way), lines naming none ignored; the valid votes;
 * the quota, valid / (seats + 1) with fractions disregarded, plus 1
 * (Scottish rule 47, Irish s. 120(2)); the stage; then the candidates at
 * the quota elected. Returns 0, PS_EDATA (no valid ballot) or PS_ENOMEM. */
int psi_stv_first_stage(stv_count *cs, int (*give)(stv_count *cs, size_t line, size_t candidate));

/* Elects the continuing candidates at or over the quota at the end of the
 * current stage (most votes first) or, with all_continuing, every
 * continuing candidate (rule 53). Returns 0 or PS_ENOMEM. */
int psi_stv_elect(stv_count *cs, bool all_continuing);

/* Of the k candidates in tied (ascending, k >= 2, level now), picks the one
 * whose surplus goes first (most) or who is excluded (!most): by the votes
 * at the most recent earlier stage where they differ, else by the options'
 * ties policy; records the tie. tied is not cs->scratch. Returns 0, PS_ETIE or
 * PS_ENOMEM. */
int psi_stv_settle(stv_count *cs, size_t *tied, size_t k, bool most, ps_stv_action action,
                   size_t *chosen);

/* Of the k candidates in tied (ascending, k >= 2), picks the one excluded
 * by lot alone (Meek's procedure T): the options' ties policy; records the
 * tie. Returns 0, PS_ETIE or PS_ENOMEM. */
int psi_stv_lot_exclusion(stv_count *cs, size_t *tied, size_t k, size_t *chosen);

/* The candidate whose surplus is transferred next: the largest of those
 * waiting (cs->surplus_due), a tie settled by psi_stv_settle. *found is
 * false when none waits. Returns 0, PS_ETIE or PS_ENOMEM. */
int psi_stv_largest_surplus(stv_count *cs, size_t *chosen, bool *found);

#endif
