/*
 * power_impl.h - what the files of the power stage share. Not installed.
 *
 * The exact engines (dynamic programming, enumeration) fill a psi_counts with
 * exact GMP numbers; power.c turns those into the fractions of ps_power.
 */
#ifndef POWERSHARE_POWER_IMPL_H
#define POWERSHARE_POWER_IMPL_H

#include <gmp.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"
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

/* Allocates and initialises every array (all zero). Returns PS_ENOMEM (with
 * nothing left allocated) or PS_OK. psi_counts_clear() is safe after either. */
int psi_counts_init(psi_counts *c, size_t n);
void psi_counts_clear(psi_counts *c);

/* Residue planes: modulus 2^64 (stored as 0) and then primes just above 2^61,
 * enough that their product reaches 2^bits. */
typedef struct psi_moduli {
    size_t count;
    uint64_t *m; /* m[0] == 0 stands for 2^64 */
} psi_moduli;

int psi_moduli_init(psi_moduli *mods, size_t bits);
void psi_moduli_clear(psi_moduli *mods);
/* out = the unique x in [0, product of the moduli) with x = r[j] mod m[j]. */
void psi_crt(mpz_t out, const uint64_t *r, const psi_moduli *mods);
/* mpz from a uint64_t, whatever the width of unsigned long. */
void psi_mpz_set_u64(mpz_t out, uint64_t v);
/* A decimal string of x, allocated with psi_malloc (NULL on failure). */
char *psi_mpz_str(const mpz_t x);

/* One weighted layer: raw Banzhaf swings and the number of winning
 * coalitions by dynamic programming (power_dp.c). */
int psi_dp_banzhaf(psi_counts *c, const int64_t *w, size_t n, int64_t q, size_t max_memory,
                   ps_error *err);
/* One weighted layer: Shapley-Shubik by dynamic programming over (size,
 * weight) (power_dp_ss.c). */
int psi_dp_shapley(psi_counts *c, const int64_t *w, size_t n, int64_t q, size_t max_memory,
                   ps_error *err);
/* Any game, by enumeration of the 2^n coalitions; fills what `want`
 * (PSI_HAVE_... bits) asks for (power_enum.c). */
int psi_enumerate(psi_counts *c, const ps_game *g, unsigned want, ps_error *err);
/* Monte Carlo estimates into out (power_approx.c). */
int psi_approx(ps_power *out, const ps_game *g, const ps_power_options *opt, ps_error *err);

#endif
