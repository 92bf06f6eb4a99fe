/*
 * power_modular.c - exact big counts from machine words: residues and the
 * Chinese remainder theorem.
 *
 * Coalition counts reach 2^n. Rather than carrying big integers through a
 * dynamic program, the program is run once per modulus on plain 64-bit words
 * (the idea of computing power indices "exactly with modular arithmetic",
 * Kakimura & Terai 2025): first modulo 2^64, where the machine's wrapping
 * addition is the reduction, then modulo primes just above 2^61 (so that a
 * sum of two residues never overflows). Only the final counts are put back
 * together, by Garner's form of the Chinese remainder theorem with GMP. A
 * count known to lie in [0, product of the moduli) is recovered exactly.
 */
#include <limits.h>
#include <string.h>

#include "power_impl.h"

int psi_counts_init(psi_counts *c, size_t n)
{
    memset(c, 0, sizeof *c);
    c->n = n;
    mpz_init(c->winning);
    c->swings = psi_malloc_array(n, sizeof *c->swings);
    c->ss = psi_malloc_array(n, sizeof *c->ss);
    c->dp = psi_malloc_array(n, sizeof *c->dp);
    c->mwc = psi_malloc_array(n, sizeof *c->mwc);
    c->johnston = psi_malloc_array(n, sizeof *c->johnston);
    if (!c->swings || !c->ss || !c->dp || !c->mwc || !c->johnston) {
        psi_free(c->swings);
        psi_free(c->ss);
        psi_free(c->dp);
        psi_free(c->mwc);
        psi_free(c->johnston);
        c->swings = NULL;
        c->ss = c->dp = c->johnston = NULL;
        c->mwc = NULL;
        c->n = 0;
        return PS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        mpz_init(c->swings[i]);
        mpq_init(c->ss[i]);
        mpq_init(c->dp[i]);
        mpz_init(c->mwc[i]);
        mpq_init(c->johnston[i]);
    }
    return PS_OK;
}

void psi_counts_clear(psi_counts *c)
{
    if (!c)
        return;
    if (c->swings) {
        for (size_t i = 0; i < c->n; i++) {
            mpz_clear(c->swings[i]);
            mpq_clear(c->ss[i]);
            mpq_clear(c->dp[i]);
            mpz_clear(c->mwc[i]);
            mpq_clear(c->johnston[i]);
        }
    }
    psi_free(c->swings);
    psi_free(c->ss);
    psi_free(c->dp);
    psi_free(c->mwc);
    psi_free(c->johnston);
    mpz_clear(c->winning);
    memset(c, 0, sizeof *c);
}

void psi_mpz_set_u64(mpz_t out, uint64_t v)
{
#if ULONG_MAX >= UINT64_MAX
    mpz_set_ui(out, (unsigned long)v);
#else
    mpz_import(out, 1, -1, sizeof v, 0, 0, &v);
#endif
}

static uint64_t mpz_mod_u64(const mpz_t x, uint64_t p)
{
#if ULONG_MAX >= UINT64_MAX
    return (uint64_t)mpz_fdiv_ui(x, (unsigned long)p);
#else
    mpz_t t, m;
    mpz_init(t);
    mpz_init(m);
    psi_mpz_set_u64(m, p);
    mpz_fdiv_r(t, x, m);
    uint64_t r = 0;
    mpz_export(&r, NULL, -1, sizeof r, 0, 0, t);
    mpz_clear(t);
    mpz_clear(m);
    return r;
#endif
}

char *psi_mpz_str(const mpz_t x)
{
    size_t len = mpz_sizeinbase(x, 10) + 2;
    char *s = psi_malloc(len);
    if (s)
        mpz_get_str(s, 10, x);
    return s;
}

int psi_moduli_init(psi_moduli *mods, size_t bits)
{
    size_t count = 1;
    if (bits > 64)
        count += (bits - 64 + 60) / 61;
    mods->m = psi_malloc_array(count, sizeof *mods->m);
    if (!mods->m) {
        mods->count = 0;
        return PS_ENOMEM;
    }
    mods->count = count;
    mods->m[0] = 0;
    if (count > 1) {
        mpz_t p;
        mpz_init(p);
        mpz_setbit(p, 61);
        for (size_t j = 1; j < count; j++) {
            mpz_nextprime(p, p);
            uint64_t v = 0; /* p < 2^62 fits one word */
            mpz_export(&v, NULL, -1, sizeof v, 0, 0, p);
            mods->m[j] = v;
        }
        mpz_clear(p);
    }
    return PS_OK;
}

void psi_moduli_clear(psi_moduli *mods)
{
    if (!mods)
        return;
    psi_free(mods->m);
    mods->m = NULL;
    mods->count = 0;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t p)
{
    return (uint64_t)(((psi_u128)a * b) % p);
}

static uint64_t powmod(uint64_t a, uint64_t e, uint64_t p)
{
    uint64_t r = 1 % p;
    while (e) {
        if (e & 1)
            r = mulmod(r, a, p);
        a = mulmod(a, a, p);
        e >>= 1;
    }
    return r;
}

void psi_crt(mpz_t out, const uint64_t *r, const psi_moduli *mods)
{
    psi_mpz_set_u64(out, r[0]);
    if (mods->count == 1)
        return;
    mpz_t M;
    mpz_init(M);
    mpz_setbit(M, 64);
    for (size_t j = 1; j < mods->count; j++) {
        uint64_t p = mods->m[j];
        uint64_t xm = mpz_mod_u64(out, p);
        uint64_t Mm = mpz_mod_u64(M, p);
        uint64_t inv = powmod(Mm, p - 2, p); /* p prime, M coprime to p */
        uint64_t diff = r[j] >= xm ? r[j] - xm : r[j] + p - xm;
        uint64_t t = mulmod(diff, inv, p);
        mpz_t tt;
        mpz_init(tt);
        psi_mpz_set_u64(tt, t);
        mpz_addmul(out, M, tt);
        psi_mpz_set_u64(tt, p);
        mpz_mul(M, M, tt);
        mpz_clear(tt);
    }
    mpz_clear(M);
}
