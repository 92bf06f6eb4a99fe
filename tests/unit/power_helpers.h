/* power_helpers.h - what the power tests share (test_power.c and
 * test_power_published.c): computing a game's indices, building a weighted
 * game, and comparing exact fractions with the published "num/den". Each
 * helper fails the running Criterion test on error. */
#ifndef POWERSHARE_TEST_POWER_HELPERS_H
#define POWERSHARE_TEST_POWER_HELPERS_H

#include "powershare/game.h"
#include "powershare/power.h"

/* The indices computed from swings and orderings. */
#define SWING_SS                                                                             \
    (PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_BANZHAF_RAW) | PS_INDEX_BIT(PS_PENROSE) |    \
     PS_INDEX_BIT(PS_SHAPLEY_SHUBIK) | PS_INDEX_BIT(PS_COLEMAN_PREVENT) |                   \
     PS_INDEX_BIT(PS_COLEMAN_INITIATE))

/* ps_power_compute of `indices` by `method`; asserts success. */
ps_power *compute(const ps_game *g, unsigned indices, ps_power_method method);

/* n players (at most 64) of pseudo-random weights 1..200 drawn from seed,
 * quota half the total plus one: far beyond enumeration for n of 40 or
 * more, so the dynamic programs run. Asserts success. */
ps_game *random_game(size_t n, uint64_t seed);

/* The weighted game [q; w]; asserts success. */
ps_game *weighted(const int64_t *w, size_t n, int64_t q);

/* Expects f to be `want` ("num/den", or "num" when den is 1). */
void expect_frac(const ps_fraction *f, const char *want, const char *what, size_t i);

/* Expects index k of every player to be want[i]. */
void expect_all(const ps_power *p, ps_index k, const char *const *want);

#endif
