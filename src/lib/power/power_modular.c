/*
 * power_modular.c - exact big counts from machine words: residues and the
 * Chinese remainder theorem.
 *
 * Coalition counts reach 2^n. Rather than carrying big integers through a
 * dynamic program, the program is run once per modulus on plain 64-bit words
 * (the idea of computing power indices "exactly with modular arithmetic",
 * Kakimura & Terai 2025): first modulo 2^64, where the machine's wrapping
 * addition is the reduction, then modulo primes just below 2^62 (so that a
 * sum of two residues stays below 2^63 and compares as a signed number).
 * Only the final counts are put back together, by Garner's form of the
 * Chinese remainder theorem: mixed-radix digits in machine words, then one
 * Horner pass in GMP. A count known to lie in [0, product of the moduli) is
 * recovered exactly.
 */
#include <limits.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#include "cancel_hook.h"
#include "power_modular.h"

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
        return PS_ENOMEM; /* psi_counts_clear() still needed for winning */
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

uint64_t psi_mpz_mod_u64(const mpz_t x, uint64_t p)
{
    if (p == 0) { /* modulo 2^64: the low word of |x|, negated for x < 0 */
        mpz_t r;
        mpz_init(r);
        mpz_fdiv_r_2exp(r, x, 64);
        uint64_t v = 0;
        mpz_export(&v, NULL, -1, sizeof v, 0, 0, r);
        mpz_clear(r);
        return v;
    }
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

size_t psi_share_count(const ps_share *s, size_t count)
{
    size_t rank = psi_shared_rank(s), size = psi_shared_size(s);
    return count > rank ? (count - rank + size - 1) / size : 0;
}

int psi_check_work(const char *what, double per_residue, size_t P, const ps_power_options *opt,
                   const char *advice, ps_error *err)
{
    size_t size = psi_shared_size(opt->share);
    /* the busiest process has ceil(P / size) residues */
    size_t busiest = (P + size - 1) / size;
    double mine = per_residue * (double)busiest;
    if (mine <= opt->max_work)
        return PS_OK;
    char split[160];
    if (per_residue > opt->max_work)
        snprintf(split, sizeof split, "even one residue is above it, so more processes "
                 "would not help;");
    else {
        size_t need = P; /* the fewest processes whose busiest is within */
        for (size_t k = 1; k < P; k++) {
            size_t each = (P + k - 1) / k;
            if (per_residue * (double)each <= opt->max_work) {
                need = k;
                break;
            }
        }
        snprintf(split, sizeof split, "%zu processes sharing the residues (mpirun -n %zu) "
                 "would bring each below it; or", need, need);
    }
    return psi_error(err, PS_ERANGE, NULL, 0, 0,
                     "%s needs about %.1e cell updates (%zu residues of %.1e%s), above the "
                     "limit of %.1e%s; %s raise the limit (--max-work), or %s",
                     what, per_residue * (double)P, P, per_residue,
                     size > 1 ? ", shared by the processes" : "", opt->max_work,
                     size > 1 ? " per process" : "", split, advice);
}

char *psi_mpz_str(const mpz_t x)
{
    size_t len = mpz_sizeinbase(x, 10) + 2;
    char *s = psi_malloc(len);
    if (s)
        mpz_get_str(s, 10, x);
    return s;
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

int psi_moduli_init(psi_moduli *mods, size_t bits)
{
    /* 2^64 and k primes above 2^62 - 2^40 multiply to more than 2^(63 + 62k),
     * which must reach 2^bits. */
    size_t count = 1;
    if (bits > 64)
        count += (bits - 63 + 61) / 62;
    memset(mods, 0, sizeof *mods);
    mods->m = psi_malloc_array(count, sizeof *mods->m);
    mods->inv = psi_malloc_array(count, sizeof *mods->inv);
    mods->pm = psi_malloc_array(count * count, sizeof *mods->pm);
    if (!mods->m || !mods->inv || !mods->pm) {
        psi_moduli_clear(mods);
        return PS_ENOMEM;
    }
    mods->count = count;
    mods->m[0] = 0;
    mods->inv[0] = 1;
    if (count > 1) {
        mpz_t p;
        mpz_init(p);
        mpz_setbit(p, 62);
        mpz_t off;
        mpz_init(off);
        mpz_setbit(off, 40);
        mpz_sub(p, p, off);
        mpz_clear(off);
        for (size_t j = 1; j < count; j++) {
            /* successive primes, far below 2^62 for any count we can use */
            mpz_nextprime(p, p);
            uint64_t v = 0;
            mpz_export(&v, NULL, -1, sizeof v, 0, 0, p);
            mods->m[j] = v;
        }
        mpz_clear(p);
    }
    /* pm[j * count + l] = m_0 ... m_{l-1} mod m_j (m_0 = 2^64), for l <= j. */
    for (size_t j = 1; j < count; j++) {
        uint64_t p = mods->m[j], prod = 1;
        uint64_t two64 = (uint64_t)(((psi_u128)1 << 64) % p);
        for (size_t l = 0; l <= j; l++) {
            mods->pm[j * count + l] = prod;
            if (l < j)
                prod = mulmod(prod, l == 0 ? two64 : mods->m[l] % p, p);
        }
        mods->inv[j] = powmod(mods->pm[j * count + j], p - 2, p); /* p prime */
    }
    return PS_OK;
}

void psi_moduli_clear(psi_moduli *mods)
{
    if (!mods)
        return;
    psi_free(mods->m);
    psi_free(mods->inv);
    psi_free(mods->pm);
    memset(mods, 0, sizeof *mods);
}

/* Garner: x = t_0 + t_1 m_0 + t_2 m_0 m_1 + ..., each mixed-radix digit t_j
 * found modulo m_j with machine words, then one Horner pass in GMP. */
void psi_crt(mpz_t out, const uint64_t *r, const psi_moduli *mods)
{
    size_t P = mods->count;
    if (P <= 1) { /* P == 0 does not occur: psi_moduli_init gives one at least */
        psi_mpz_set_u64(out, P ? r[0] : 0);
        return;
    }
    uint64_t t[64];
    uint64_t *digits = P <= 64 ? t : NULL;
    mpz_t tmp;
    if (!digits) { /* more than 3900 bits: rare, no fast path */
        mpz_t M;
        mpz_init(M);
        mpz_init(tmp);
        psi_mpz_set_u64(out, r[0]);
        mpz_setbit(M, 64);
        for (size_t j = 1; j < P; j++) {
            uint64_t p = mods->m[j];
            uint64_t xm = psi_mpz_mod_u64(out, p);
            uint64_t diff = r[j] >= xm ? r[j] - xm : r[j] + p - xm;
            psi_mpz_set_u64(tmp, mulmod(diff, mods->inv[j], p));
            mpz_addmul(out, M, tmp);
            psi_mpz_set_u64(tmp, p);
            mpz_mul(M, M, tmp);
        }
        mpz_clear(M);
        mpz_clear(tmp);
        return;
    }
    digits[0] = r[0];
    for (size_t j = 1; j < P; j++) {
        uint64_t p = mods->m[j];
        const uint64_t *pm = mods->pm + j * P;
        uint64_t x = 0;
        for (size_t l = 0; l < j; l++)
            x = (x + mulmod(digits[l] % p, pm[l], p)) % p;
        uint64_t diff = r[j] >= x ? r[j] - x : r[j] % p + p - x;
        digits[j] = mulmod(diff % p, mods->inv[j], p);
    }
    mpz_init(tmp);
    psi_mpz_set_u64(out, digits[P - 1]);
    for (size_t j = P - 1; j-- > 0;) {
        if (j == 0)
            mpz_mul_2exp(out, out, 64);
        else {
            psi_mpz_set_u64(tmp, mods->m[j]);
            mpz_mul(out, out, tmp);
        }
        psi_mpz_set_u64(tmp, digits[j]);
        mpz_add(out, out, tmp);
    }
    mpz_clear(tmp);
}
