/*
 * apportion_impl.h - what the apportion stage's files share privately.
 *
 * apportion.c validates, applies thresholds and hands the engines a compact
 * list of the parties that can win seats (eligible, votes > 0), in input
 * order. The engines report a deciding tie through psi_tie_decide(), which
 * applies the caller's policy in one place, so that every method refuses,
 * breaks and records ties the same way.
 */
#ifndef POWERSHARE_APPORTION_IMPL_H
#define POWERSHARE_APPORTION_IMPL_H

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

/* Divisor methods (apportion_divisor.c): gives `total` seats to n parties
 * with votes[i] > 0. first_divisor is used by PS_MODIFIED_SAINTE_LAGUE only
 * and has been validated (0 < f < 3). seats[] receives the result.
 * Errors: PS_ETIE, PS_ERANGE (Danish divisors past 2^64), PS_ENOMEM. */
int psi_apportion_divisor(int64_t *seats, const uint64_t *votes, size_t n, int64_t total,
                          ps_method method, ps_ratio first_divisor, psi_tie_ctx *tc,
                          ps_error *err);

/* Quota methods (apportion_quota.c), same contract. */
int psi_apportion_quota(int64_t *seats, const uint64_t *votes, size_t n, int64_t total,
                        ps_method method, psi_tie_ctx *tc, ps_error *err);

#endif
