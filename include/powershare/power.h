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
 *   owen, banzhaf_owen for a priori unions: ps_power_unions() below
 *
 * Sources: Banzhaf (1965), Penrose (1946), Shapley & Shubik (1954),
 * Deegan & Packel (1978), Holler (1982), Johnston (1978), Coleman (1971),
 * Owen (1977, 1982); the
 * textbook treatment is Felsenthal & Machover, "The Measurement of Voting
 * Power" (1998).
 *
 * Exact methods (PS_POWER_AUTO / PS_POWER_EXACT; every value is a reduced
 * fraction):
 *   - one weighted layer, Banzhaf family and Coleman: dynamic programming
 *     over weights (generating functions), O(n q) time and 8 q bytes (q the
 *     quota), any n; refused beyond options.max_memory or max_work.
 *   - one weighted layer, Shapley-Shubik: dynamic programming over (size,
 *     weight), O(n^2 q) time at worst; the table has one row per coalition
 *     size k, stored only over the weights that k players can have below q,
 *     at most 8 n q bytes (AIIB board, 86 players: 113 MB; 500 players with
 *     quota 100,000: 134 MB). Refused with PS_ERANGE when a table would pass
 *     options.max_memory or the work options.max_work (computed exactly
 *     beforehand: 2.6e10 cell updates for 500 players with quota 100,000).
 *     In both, each player's counts come from the one full table by
 *     removing the player in closed form (an alternating sum over prefix
 *     sums), never by recomputing. Counts beyond 64 bits are computed
 *     modulo 2^64 and primes just below 2^62 (one residue at a time, so
 *     memory does not grow with the size of the counts; options.threads
 *     residues at once) and put back together by the Chinese remainder
 *     theorem (GMP). Total weights above 2^61 are refused (PS_ERANGE).
 *   - one weighted layer, Deegan-Packel and Holler: dynamic programming
 *     over (size, weight), each minimal winning coalition counted by its
 *     lightest member; Johnston: the same, counting winning coalitions by
 *     their last critical member (critical members are the heaviest ones).
 *     Exact by residues as above; refused above max_work / max_memory.
 *   - several layers, Banzhaf family, Coleman and Shapley-Shubik: dynamic
 *     programming over the vector of layer weights, each capped at its
 *     quota; a layer has a dimension only from its first to its last
 *     contributor (players ordered by the layers they contribute to), and
 *     each player's table of the others comes from divide and conquer
 *     (O(n log n) player additions). Refused above max_work / max_memory.
 *   - Deegan-Packel, Holler and Johnston of a game with several layers, and
 *     any game where it is cheaper than the programs above: enumeration of
 *     coalition profiles. Players whose
 *     weights are equal in every layer are grouped and a profile says how
 *     many of each group join, so the cost is prod over groups of
 *     (size + 1) profiles (2^n when all weights differ; about 10^6 for
 *     Iraq's 30 lists of 2014), times the number of groups. Allowed up to
 *     2^options.max_enumerate profiles (default 2^25, a few seconds) and 126
 *     players; beyond, PS_ERANGE with a message that suggests the dynamic
 *     programs' indices or the Monte Carlo approximation.
 *   - PS_POWER_ENUMERATE forces enumeration for every index (a cross-check).
 * Monte Carlo (PS_POWER_APPROX): Banzhaf (normalised and Penrose) and
 * Shapley-Shubik only, for any game; the other indices asked for are left
 * out (values NULL, their bits cleared in ps_power.indices). Penrose from
 * uniform random coalitions, Shapley-Shubik from uniform random orderings
 * (the pivot of each ordering). The half-widths are Hoeffding bounds that
 * hold for all players at once with probability >= confidence (a union
 * bound over the n players); the normalised Banzhaf interval is derived from
 * the Penrose intervals of all players by interval arithmetic. The stream of
 * random numbers is xoshiro256** seeded through splitmix64 from
 * options.seed, cut into blocks of 65,536 samples, block b starting b jumps
 * of 2^128 further on; options.threads threads share the blocks, so a seed
 * gives the same result on every run and with any number of threads. Cost
 * O(samples * n * L).
 * Floating point (PS_POWER_FLOAT): banzhaf, penrose and shapley_shubik of a
 * game of one weighted layer (no "or"), each a double with a proven bound
 * on its error; the other indices asked for are left out as with Monte
 * Carlo, and any other game is refused (PS_EINVAL). The dynamic programs of
 * the exact values, run once in double precision on probabilities instead
 * of counts (which pass 10^300 beyond about 1000 players): Banzhaf keeps
 * P(a random coalition weighs x) below min(q, W - q + 1) (W the total
 * weight), each distinct weight's table of the others built by divide and
 * conquer over the distinct weights (O(n q log d), d of them), with a
 * power-of-two exponent so that the normalised index stays exact to the
 * last digits when the Penrose values are below 2^-1074; Shapley-Shubik
 * keeps P(a random k-subset weighs x) for k up to (m-1)/2 (m players of
 * positive weight), two players per pass, the larger k read from the
 * complement, each player removed in closed form as in the exact program
 * (O(m^2 q) at most, 8 bytes a cell, one table for all threads). The bound comes from forward error analysis done while
 * computing (fl(a op b) = (a op b)(1 + d), |d| <= 2^-53): every table
 * entry is a sum of non-negative terms, so its relative error is at most
 * gamma_T = T u / (1 - T u), T the roundings on its way (one per player
 * for Banzhaf, five per pair for Shapley-Shubik); every alternating sum
 * errs by at most gamma_N times the sum of the absolute values of its
 * terms, accumulated beside it, plus the rounding of the running sums it
 * reads; underflow (tiny probabilities become subnormal or 0) adds 2^-1074
 * per cell that can reach a value. Normalised Banzhaf is bounded by
 * interval arithmetic on the Penrose bounds of all players. The bound
 * always holds (it is no confidence interval); on EPIC's benchmark games
 * it is at most 1e-12 of the Banzhaf and Penrose values and 6e-11 of the
 * Shapley-Shubik values above 1e-6, the actual errors a few percent of it. options.threads threads share the Shapley-Shubik passes (bands
 * of rows) and the removals; the results are the same bytes for any number
 * of threads. Within options.max_memory and options.max_work as above.
 * Exact when affordable, otherwise Monte Carlo (PS_POWER_BEST): the one
 * policy for callers that want an answer whatever the size of the game (the
 * analysis, scenarios, charts, prediction). The exact methods run as with
 * PS_POWER_AUTO, within the same limits; when they refuse with PS_ERANGE
 * (work, memory, profiles, layers or weights beyond a limit above), Monte
 * Carlo runs as with PS_POWER_APPROX (the options' samples, confidence,
 * seed and threads) for banzhaf, penrose and shapley_shubik, and
 * ps_power.note says in one sentence why the values are estimates and how,
 * e.g. "The rule is too large for the exact methods here (the exact
 * Shapley-Shubik table for 500 players and quota 50276 needs 66.8 MB, above
 * the limit of 16.8 MB): the values are Monte Carlo estimates (1,000,000
 * samples, seed 1, 99% intervals for all players at once).", followed by
 * the asked-for indices it leaves out, if any. Nothing of the refused exact
 * attempt is kept: every value then is an estimate.
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
#include "share.h"

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
    PS_POWER_APPROX,   /* Monte Carlo */
    PS_POWER_BEST,     /* exact when the limits allow; when the exact
                          methods refuse (PS_ERANGE), Monte Carlo (samples,
                          confidence, seed of the options) for the indices
                          it estimates, and ps_power.note says so */
    PS_POWER_FLOAT     /* banzhaf, penrose and shapley_shubik of a game of
                          one weighted layer in double precision, each
                          value with a proven error bound (see above) */
} ps_power_method;

typedef struct ps_power_options {
    unsigned indices;      /* bit set, default PS_INDEX_ALL */
    ps_power_method method;/* default PS_POWER_AUTO */
    size_t max_enumerate;  /* log2 of the most coalition profiles enumerated,
                            * default 25, at most 40 */
    size_t max_memory;     /* bytes for the DP tables in this process,
                            * default 2 GiB. An exact Shapley-Shubik table
                            * above it is held by all the processes of
                            * `share` together (its rows cut among them),
                            * when that brings each below it; else
                            * PS_ERANGE, whose message says how many
                            * processes would */
    uint64_t samples;      /* Monte Carlo samples, default 1,000,000 */
    double confidence;     /* in (0, 1), default 0.99 */
    uint64_t seed;         /* default 1 */
    unsigned threads;      /* threads for the exact Shapley-Shubik and
                            * Johnston programs (each needs its own table,
                            * so fewer run when max_memory would be
                            * exceeded), the program for several layers
                            * (two: the halves of its top split, when both
                            * fit in max_memory), Monte Carlo (blocks of
                            * samples) and PS_POWER_FLOAT (bands of rows of
                            * the Shapley-Shubik table), default 1. The
                            * results do not depend on it. */
    double max_work;       /* most cell updates of an exact dynamic program
                            * in this process (all its residues), default
                            * 1e12: about ten minutes on one core; above,
                            * PS_ERANGE, whose message says how many
                            * processes sharing the work would bring each
                            * below it */
    const ps_share *share; /* NULL (default): this process alone. Else the
                            * processes of the share split the residues of
                            * the exact dynamic programs (residue j is
                            * computed by process j % size, with its
                            * threads) and the blocks of Monte Carlo
                            * samples (block b by process b % size), and
                            * add them up with share->sum; every process
                            * gets the whole result, the same for any size.
                            * The Shapley-Shubik values' final step (the
                            * Chinese remainder theorem and the fractions)
                            * is split by player (or distinct weight) the
                            * same way and swapped. Enumeration and the
                            * programs' other steps run in every process
                            * alike. */
} ps_power_options;

/* Sets the defaults above. */
void ps_power_options_init(ps_power_options *opt);

/* An exact value num/den in lowest terms (decimal strings, den >= 1, "0/1"
 * for zero), and a double close to it (GMP's mpq_get_d, truncated). With
 * Monte Carlo num and den are NULL and value is the estimate; with
 * PS_POWER_FLOAT they are NULL and value is the double computed. */
typedef struct ps_fraction {
    char *num;
    char *den;
    double value;
} ps_fraction;

typedef struct ps_power {
    size_t n_players;
    unsigned indices;   /* the bit set that was computed */
    bool exact;         /* false for Monte Carlo and PS_POWER_FLOAT */
    /* values[k][i]: index k of player i; NULL when index k was not asked for
     * (or, with Monte Carlo or PS_POWER_FLOAT, is not computed there). */
    ps_fraction *values[PS_INDEX_COUNT];
    /* Monte Carlo: half_width[k][i] of the interval value +- half-width at
     * the stated confidence. PS_POWER_FLOAT (samples 0, confidence 1): a
     * proven bound on |value - the exact value|, always true. NULL when
     * exact. */
    double *half_width[PS_INDEX_COUNT];
    ps_fraction coleman_collective; /* num/den NULL when not computed */
    uint64_t samples;   /* Monte Carlo samples drawn (0 when exact and with
                         * PS_POWER_FLOAT) */
    double confidence;  /* Monte Carlo confidence (0 when exact, 1 with
                         * PS_POWER_FLOAT) */
    const char *method; /* static description: "dynamic programming", ... */
    /* NULL unless PS_POWER_BEST fell back to Monte Carlo: then one sentence
     * (no final newline) saying why the values are estimates (the exact
     * methods' refusal) and how (samples, seed, confidence), and which
     * asked-for indices are left out. Owned by the ps_power, freed by
     * ps_power_free(). */
    char *note;
} ps_power;

/* Computes the indices in opt->indices (opt NULL means the defaults) for the
 * game into *out, which the caller frees with ps_power_free(); on error *out
 * is NULL. The game is only read.
 * With PS_POWER_BEST, a refusal of the exact methods is not an error: the
 * result is then Monte Carlo's (exact false, half_width set, note set),
 * unless none of banzhaf, penrose and shapley_shubik was asked for, in which
 * case the refusal is returned as with PS_POWER_AUTO.
 * Errors: PS_EINVAL (NULL game, a game without layers, bad options: no index,
 * an unknown method, samples 0 or confidence outside (0, 1) with
 * PS_POWER_APPROX or PS_POWER_BEST, Monte Carlo asked for none of banzhaf,
 * penrose, shapley_shubik, PS_POWER_FLOAT asked for none of them or given a
 * game of several layers or with "or"), PS_ERANGE (too large for the exact
 * methods or PS_POWER_FLOAT's tables; the message says which limit and what
 * to do instead), PS_ENOMEM.
 * Thread safety: reentrant; the game and the options are only read. */
int ps_power_compute(ps_power **out, const ps_game *game, const ps_power_options *opt,
                     ps_error *err);

/* Frees a result. NULL-safe. */
void ps_power_free(ps_power *power);

/* Values for players that enter in a priori unions (pre-formed blocs):
 * owen[i] is the Owen value (orderings keep every union's members together;
 * unions and members within a union in uniformly random order; the chance
 * that i is pivotal) and banzhaf_owen[i] the Banzhaf-Owen value (every set
 * of other unions and of fellow members counted alike: swings / (2^(m-1)
 * 2^(u-1)) for m non-empty unions and u members in i's union). Exact
 * fractions, as in ps_fraction. With every player alone they are the
 * Shapley-Shubik and Penrose values. */
typedef struct ps_union_power {
    size_t n_players;
    ps_fraction *owen;         /* [n_players] */
    ps_fraction *banzhaf_owen; /* [n_players] */
} ps_union_power;

/* Computes both for the game, union_of[i] being the union (0, 1, ...) of
 * player i; numbers may be skipped (empty unions are ignored). Exact by
 * enumeration, sum over unions k of 2^(m-1) * u_k * 2^(u_k - 1) steps times
 * the number of layers; refused above 2^max_enumerate of them (0 means 25)
 * or above 62 players. Any number of layers. *out is the caller's, freed
 * with ps_union_power_free().
 * Errors: PS_EINVAL (NULL arguments, a game without layers, a union number
 * >= n_players), PS_ERANGE (too large: the message says so), PS_ENOMEM.
 * Thread safety: reentrant; the game is only read. */
int ps_power_unions(ps_union_power **out, const ps_game *game, const size_t *union_of,
                    size_t max_enumerate, ps_error *err);

/* Frees a result. NULL-safe. */
void ps_union_power_free(ps_union_power *power);

#ifdef __cplusplus
}
#endif

#endif
