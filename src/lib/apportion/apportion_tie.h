/*
 * apportion_tie.h - the apportion stage's tie service (apportion_tie.c),
 * private to the stage and to simulate's inner loop.
 *
 * The engines report a deciding tie through psi_tie_decide(), which applies
 * the caller's policy in one place, so that every method refuses, breaks and
 * records ties the same way.
 */
#ifndef POWERSHARE_APPORTION_TIE_H
#define POWERSHARE_APPORTION_TIE_H

#include <stddef.h>
#include <stdint.h>

#include "powershare/apportion.h"

/* How a tie is to be settled and reported. */
typedef struct psi_tie_ctx {
    ps_tie_policy policy;
    uint64_t rng;               /* splitmix64 state, seeded from opt->seed */
    const char *const *names;   /* entity names by original index, or NULL */
    const char *label;          /* "party" or "district", for unnamed entities */
    const size_t *map;          /* compact index -> original index, or NULL */
    const char *scope;          /* e.g. " in district #2", or "" */
    int record;                 /* keep the broken tie in `tie` */
    ps_tie *tie;                /* the recorded tie, owned by the caller */
} psi_tie_ctx;

/* Sets up a context from the options: names, policy and seed. */
void psi_tie_ctx_init(psi_tie_ctx *tc, const ps_apportion_options *opt);

/* A tie decides `k` seats among the `n_tied` entities `tied` (compact
 * indices, ascending, n_tied > k >= 1); the contested seats are the last k of
 * `total`. With PS_TIES_ERROR, fills err and returns PS_ETIE (`why` says what
 * was level, e.g. "equal quotients"). Otherwise reorders `tied` so that the
 * winners come first (both parts ascending), records the tie when
 * tc->record, and returns 0 (or PS_ENOMEM). */
int psi_tie_decide(psi_tie_ctx *tc, size_t *tied, size_t n_tied, size_t k, int64_t total,
                   const char *why, ps_error *err);

/* Frees a ps_tie and its arrays; NULL-safe. */
void psi_tie_free(ps_tie *tie);

/* A uniform draw in [0, bound), bound > 0, from the splitmix64 state. */
uint64_t psi_rng_below(uint64_t *state, uint64_t bound);

#endif
