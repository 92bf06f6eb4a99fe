/*
 * power_modular.h - what the exact programs of the power stage share: the
 * exact counts they fill (psi_counts), the residue planes and the Chinese
 * remainder theorem, the processes of a ps_share and their work limit, GMP
 * helpers (power_modular.c), the player order (power_dp.c) and the inner
 * loops (power_kernel.c); threads come from jobs.h. Not installed; power.c
 * only reads the counts.
 */
#ifndef POWERSHARE_POWER_MODULAR_H
#define POWERSHARE_POWER_MODULAR_H

#include <gmp.h>
#include <stddef.h>
#include <stdint.h>

#include "jobs.h"
#include "shared.h"
#include "util.h"
#include "powershare/game.h"
#include "powershare/power.h"

/* Which parts of a psi_counts are filled. */
#define PSI_HAVE_SWINGS 1u   /* swings, winning */
#define PSI_HAVE_SS 2u       /* ss */
#define PSI_HAVE_MWC 4u      /* dp, mwc */
#define PSI_HAVE_JOHNSTON 8u /* johnston */

typedef struct psi_counts {
    size_t n;
    unsigned have;
    mpz_t winning;   /* number of winning coalitions */
    mpz_t *swings;   /* [n] swings (raw Banzhaf) */
    mpq_t *ss;       /* [n] Shapley-Shubik values */
    mpq_t *dp;       /* [n] Deegan-Packel values */
    mpz_t *mwc;      /* [n] minimal winning coalitions containing i */
    mpq_t *johnston; /* [n] raw Johnston scores (sum of 1/#critical) */
} psi_counts;

/* Allocates and initialises every array (all zero). Returns PS_ENOMEM or
 * PS_OK; call psi_counts_clear() after either. */
int psi_counts_init(psi_counts *c, size_t n);
void psi_counts_clear(psi_counts *c);

/* Residue planes: modulus 2^64 (stored as 0) and then primes just below 2^62,
 * enough that their product reaches 2^bits (counts must be below 2^bits). */
typedef struct psi_moduli {
    size_t count;
    uint64_t *m;   /* m[0] == 0 stands for 2^64 */
    uint64_t *inv; /* inv[j] = (m_0 ... m_{j-1})^-1 mod m_j (j >= 1) */
    uint64_t *pm;  /* pm[j * count + l] = m_0 ... m_{l-1} mod m_j */
} psi_moduli;

int psi_moduli_init(psi_moduli *mods, size_t bits);
void psi_moduli_clear(psi_moduli *mods);
/* out = the unique x in [0, product of the moduli) with x = r[j] mod m[j]. */
void psi_crt(mpz_t out, const uint64_t *r, const psi_moduli *mods);
/* mpz from a uint64_t, whatever the width of unsigned long. */
void psi_mpz_set_u64(mpz_t out, uint64_t v);
/* Shapley-Shubik values from the residues of S_r[k], the coalitions of k
 * others (of m players) for which the players of row r are pivotal
 * (res[j * rows * m + r * m + k] for modulus j; a row per player, or per
 * weight when players of equal weight share one): out[r] = sum over k of
 * S_r[k] k! (m-1-k)! / m!, in lowest terms, in every process of
 * opt->share, the rows shared among the processes and opt->threads
 * threads (power_values.c). PS_OK, PS_ENOMEM or PS_EIO, with err. */
int psi_shapley_values(mpq_t *out, const uint64_t *res, size_t rows, size_t m,
                       const psi_moduli *mods, const ps_power_options *opt, ps_error *err);
/* x mod p (p = 0: modulo 2^64), in [0, p). */
uint64_t psi_mpz_mod_u64(const mpz_t x, uint64_t p);
/* How many of `count` residues (or Monte Carlo blocks) are this process's:
 * residue j belongs to process j % size of opt->share (shared.h). */
size_t psi_share_count(const ps_share *s, size_t count);
/* The work limit of an exact program with P residues of per_residue cell
 * updates each: PS_OK when this process's residues stay within
 * opt->max_work; else PS_ERANGE with the message "<what> needs about ...
 * cell updates (...), above the limit of ...", how many processes sharing
 * the residues would bring each below it, and `advice` (what to do
 * instead). */
int psi_check_work(const char *what, double per_residue, size_t P, const ps_power_options *opt,
                   const char *advice, ps_error *err);

/* A decimal string of x, allocated with psi_malloc (NULL on failure). */
char *psi_mpz_str(const mpz_t x);

/* Addition and subtraction modulo p (0 = 2^64, else p < 2^62), for the
 * residue planes of the DP engines (power_dp.c, power_dp_ss.c). */
static inline uint64_t psi_addm(uint64_t a, uint64_t b, uint64_t p)
{
    uint64_t s = a + b;
    return (p && s >= p) ? s - p : s;
}

static inline uint64_t psi_subm(uint64_t a, uint64_t b, uint64_t p)
{
    uint64_t s = a - b;
    return (p && a < b) ? s + p : s;
}

/* A player's weight and index. psi_cmp_player (power_dp.c) is the qsort
 * order by weight, then index, so that players of equal weight are adjacent
 * and share one extraction. */
typedef struct psi_player {
    int64_t w;
    size_t i;
} psi_player;
int psi_cmp_player(const void *a, const void *b);

/* The inner loops of the dynamic programs (power_kernel.c, and the
 * floating-point passes of power_float*.c) are written with vectors of four
 * 64-bit lanes (GCC/Clang vector extensions) and compiled twice, for AVX2
 * and for the baseline, the loader picking one (GCC's target_clones). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define PSI_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PSI_CLONES
#endif
typedef double psi_f64x4 __attribute__((vector_size(32)));

/* Inner loops (power_kernel.c), modulo p (0 = 2^64, else p < 2^62):
 * d[j] += s[j]; d[j] += the sum of src[t][j]; c[x] += c[x - w] for x >= w. */
void psi_row_add(uint64_t *restrict d, const uint64_t *restrict s, size_t len, uint64_t p);
void psi_self_add(uint64_t *c, size_t len, size_t w, uint64_t p);
void psi_row_addn(uint64_t *restrict d, const uint64_t *const *src, size_t ns, size_t len,
                  uint64_t p);

#endif
