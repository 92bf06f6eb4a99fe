/*
 * powershare/power.h - who holds real power: voting power indices of a game.
 *
 * Definitions (n players, W the winning coalitions, a "swing" of player i is
 * a winning coalition S containing i such that S \ {i} loses; i is then
 * "critical" in S; a minimal winning coalition (MWC) is one where every
 * member is critical):
 *
 *   banzhaf_raw       eta_i = number of swings of i (an integer)
 *   banzhaf           eta_i / sum_j eta_j                 (normalised Banzhaf)
 *   penrose           eta_i / 2^(n-1)                     (absolute Banzhaf)
 *   shapley_shubik    sum over swings S of (|S|-1)! (n-|S|)! / n!
 *   deegan_packel     (1 / #MWC) * sum over MWCs S containing i of 1 / |S|
 *   holler            (#MWCs containing i) / sum_j (#MWCs containing j)
 *                     (the public good index)
 *   johnston          J_i / sum_j J_j, J_i = sum over winning S where i is
 *                     critical of 1 / (number of critical members of S)
 *   coleman_prevent   eta_i / |W|      (power to prevent action)
 *   coleman_initiate  eta_i / (2^n - |W|)  (power to initiate action)
 *   coleman_collective |W| / 2^n       (power of the collectivity to act;
 *                     one number for the game, not per player)
 *
 * Sources: Banzhaf (1965), Penrose (1946), Shapley & Shubik (1954),
 * Deegan & Packel (1978), Holler (1982), Johnston (1978), Coleman (1971); the
 * textbook treatment is Felsenthal & Machover, "The Measurement of Voting
 * Power" (1998).
 *
 * Exact methods (PS_POWER_EXACT; every value is a reduced fraction):
 *   - one weighted layer, Banzhaf family, Shapley-Shubik and Coleman:
 *     dynamic programming over weights (generating functions). Banzhaf and
 *     Coleman take O(n q) time and O(q) memory, Shapley-Shubik O(n^2 q)
 *     time and about 8 * sum_k (row k) bytes, at most 8 * n * q (q the
 *     quota; rows only span the weights that coalitions of k members can
 *     have below q). Each player's counts come from the one full table by
 *     removing the player in closed form (an alternating sum over prefix
 *     sums, O(q / w_i) per player), never by recomputing. Counts beyond 64
 *     bits are computed modulo 2^64 and a few primes below 2^62 and put back
 *     together with the Chinese remainder theorem (GMP), one residue at a
 *     time, so memory does not grow with the size of the counts.
 *     The Shapley-Shubik table is refused with PS_ERANGE when it would need
 *     more than options.max_memory bytes.
 *   - Deegan-Packel, Holler, Johnston, and any game with several layers:
 *     enumeration of all 2^n coalitions, O(2^n n L) time, allowed up to
 *     options.max_enumerate players (default 25, about a second).
 *     Larger games get PS_ERANGE with a message suggesting the Monte Carlo
 *     approximation.
 * Monte Carlo (PS_POWER_APPROX): Banzhaf (normalised and Penrose) and
 * Shapley-Shubik only, for any game. Penrose from uniform random coalitions,
 * Shapley-Shubik from uniform random orderings (the pivot of each ordering).
 * The half-widths are Hoeffding bounds that hold for all players at once
 * with probability >= confidence (a union bound over the n players); the
 * normalised Banzhaf interval is derived from the Penrose intervals of all
 * players by interval arithmetic. The stream of random numbers is
 * xoshiro256** seeded through splitmix64 from options.seed, so a seed gives
 * the same result on every run.
 *
 * Memory: all results are allocated with the library's allocator; GMP's own
 * temporaries use GMP's allocator (which aborts on exhaustion, as GMP does).
 *
 * Thread safety: all functions are reentrant; the game is only read.
 */
#ifndef POWERSHARE_POWER_H
#define POWERSHARE_POWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Per-player indices, in the order of the CSV columns. */
typedef enum ps_index {
    PS_BANZHAF = 0,
    PS_BANZHAF_RAW,
    PS_PENROSE,
    PS_SHAPLEY_SHUBIK,
    PS_DEEGAN_PACKEL,
    PS_HOLLER,
    PS_JOHNSTON,
    PS_COLEMAN_PREVENT,
    PS_COLEMAN_INITIATE,
    PS_INDEX_COUNT
} ps_index;

/* Bit sets of indices: PS_INDEX_BIT(PS_BANZHAF) | ... ; PS_INDEX_ALL is every
 * index. The Coleman collective power is computed whenever
 * PS_COLEMAN_PREVENT or PS_COLEMAN_INITIATE is asked for. */
#define PS_INDEX_BIT(i) (1u << (unsigned)(i))
#define PS_INDEX_ALL ((1u << PS_INDEX_COUNT) - 1u)

/* The index's column name: "banzhaf", "banzhaf_raw", "penrose",
 * "shapley_shubik", "deegan_packel", "holler", "johnston", "coleman_prevent",
 * "coleman_initiate"; NULL when out of range. Static string. */
const char *ps_index_name(ps_index index);

/* Parses a comma-separated list of those names (or "all") into a bit set.
 * Also accepted: "ss" and "shapley" for shapley_shubik, "coleman" for both
 * Coleman columns, "absolute" for penrose, "pgi" for holler.
 * Errors: PS_EINVAL naming the unknown item and the accepted names. */
int ps_index_parse(unsigned *out, const char *list, ps_error *err);

typedef enum ps_power_method {
    PS_POWER_AUTO = 0, /* exact when the limits allow; otherwise PS_ERANGE */
    PS_POWER_EXACT,    /* the best exact method (same as AUTO today) */
    PS_POWER_ENUMERATE,/* exact by enumeration only (a cross-check) */
    PS_POWER_APPROX    /* Monte Carlo */
} ps_power_method;

typedef struct ps_power_options {
    unsigned indices;      /* bit set, default PS_INDEX_ALL */
    ps_power_method method;/* default PS_POWER_AUTO */
    size_t max_enumerate;  /* largest n enumerated, default 25, at most 30 */
    size_t max_memory;     /* bytes for one DP table, default 2 GiB */
    uint64_t samples;      /* Monte Carlo samples, default 1,000,000 */
    double confidence;     /* in (0, 1), default 0.99 */
    uint64_t seed;         /* default 1 */
} ps_power_options;

/* Sets the defaults above. */
void ps_power_options_init(ps_power_options *opt);

/* An exact value num/den in lowest terms (decimal strings, den >= 1), and its
 * nearest double. With Monte Carlo num and den are NULL and value is the
 * estimate. */
typedef struct ps_fraction {
    char *num;
    char *den;
    double value;
} ps_fraction;

typedef struct ps_power {
    size_t n_players;
    unsigned indices;   /* the bit set that was computed */
    bool exact;         /* false for Monte Carlo */
    /* values[k][i]: index k of player i; NULL when index k was not asked for
     * (or, with Monte Carlo, cannot be estimated). */
    ps_fraction *values[PS_INDEX_COUNT];
    /* Monte Carlo only: half_width[k][i] of the interval value +- half-width
     * at the stated confidence; NULL when exact. */
    double *half_width[PS_INDEX_COUNT];
    ps_fraction coleman_collective; /* num/den NULL when not computed */
    uint64_t samples;   /* Monte Carlo samples drawn (0 when exact) */
    double confidence;  /* Monte Carlo confidence (0 when exact) */
    const char *method; /* static description: "dynamic programming", ... */
} ps_power;

/* Computes the indices in opt->indices (opt NULL means the defaults) for the
 * game into *out, which the caller frees with ps_power_free().
 * Errors: PS_EINVAL (NULL game, a game without layers, bad options, an index
 * Monte Carlo cannot estimate: deegan_packel, holler, johnston, coleman),
 * PS_ERANGE (too large for the exact methods; the message says which limit
 * and suggests --approx), PS_ENOMEM. */
int ps_power_compute(ps_power **out, const ps_game *game, const ps_power_options *opt,
                     ps_error *err);

/* Frees a result. NULL-safe. */
void ps_power_free(ps_power *power);

#ifdef __cplusplus
}
#endif

#endif
