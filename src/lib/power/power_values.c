/*
 * power_values.c - the exact programs' last step for Shapley-Shubik: from
 * the residues of the pivot counts to the values, in lowest terms.
 *
 * SS_r = sum over k of S_r[k] k! (m-1-k)! / m!, each S_r[k] rebuilt from
 * its residues by the Chinese remainder theorem. With thousands of players
 * this is millions of big-number products (about a minute for 2,000
 * players), so it is shared like the residues: row r (a player, or a
 * distinct weight) belongs to process r % size of opt->share, and within
 * it to one of opt->threads threads. The processes then swap their values
 * (numerators and denominators as 64-bit words, by the share's gather), so
 * that every process ends with all of them: the same values whatever the
 * number of processes and threads.
 */
#include <stdbool.h>
#include <string.h>

#include "cancel_hook.h"
#include "power_modular.h"

typedef struct values_job {
    mpq_t *out;
    const uint64_t *res;
    size_t rows, m;
    const psi_moduli *mods;
    const mpz_t *weight; /* [m]: k! (m-1-k)! */
    const mpz_t *whole;  /* m! */
    size_t first, step;  /* rows first, first + step, ... */
    int rc;
} values_job;

static void *values_run(void *arg)
{
    values_job *jb = arg;
    size_t P = jb->mods->count;
    uint64_t *r = psi_malloc_array(P, sizeof *r);
    if (!r) {
        jb->rc = PS_ENOMEM;
        return NULL;
    }
    mpz_t sum, count;
    mpz_init(sum);
    mpz_init(count);
    for (size_t i = jb->first; i < jb->rows && !psi_cancelled(); i += jb->step) {
        mpz_set_ui(sum, 0);
        for (size_t k = 0; k < jb->m; k++) {
            for (size_t j = 0; j < P; j++)
                r[j] = jb->res[(j * jb->rows + i) * jb->m + k];
            psi_crt(count, r, jb->mods);
            if (mpz_sgn(count) != 0)
                mpz_addmul(sum, count, jb->weight[k]);
        }
        mpq_set_num(jb->out[i], sum);
        mpq_set_den(jb->out[i], *jb->whole);
        mpq_canonicalize(jb->out[i]);
    }
    mpz_clear(sum);
    mpz_clear(count);
    psi_free(r);
    return NULL;
}

/* Words of x's magnitude, least significant first. */
static size_t words_of(const mpz_t x)
{
    return mpz_sgn(x) == 0 ? 0 : (mpz_sizeinbase(x, 2) + 63) / 64;
}

/* This process's values as words: per row, the numerator's sign (1 when
 * negative), its length and words, the denominator's length and words. */
static uint64_t *pack(mpq_t *out, size_t rows, size_t rank, size_t size, size_t *n)
{
    size_t len = 0;
    for (size_t i = rank; i < rows; i += size)
        len += 3 + words_of(mpq_numref(out[i])) + words_of(mpq_denref(out[i]));
    uint64_t *w = psi_malloc_array(len ? len : 1, sizeof *w);
    if (!w)
        return NULL;
    size_t at = 0;
    for (size_t i = rank; i < rows; i += size) {
        mpz_srcptr part[2] = {mpq_numref(out[i]), mpq_denref(out[i])};
        w[at++] = mpz_sgn(part[0]) < 0;
        for (int h = 0; h < 2; h++) {
            size_t count = 0;
            w[at] = words_of(part[h]);
            mpz_export(w + at + 1, &count, -1, sizeof *w, 0, 0, part[h]);
            at += 1 + w[at];
        }
    }
    *n = at;
    return w;
}

/* The other processes' values from the words of all (rank order). */
static void unpack(mpq_t *out, size_t rows, size_t rank, size_t size, const uint64_t *w)
{
    size_t at = 0;
    for (size_t s = 0; s < size; s++)
        for (size_t i = s; i < rows; i += size) {
            bool negative = w[at++] != 0;
            mpz_ptr part[2] = {mpq_numref(out[i]), mpq_denref(out[i])};
            for (int h = 0; h < 2; h++) {
                size_t len = (size_t)w[at];
                if (s != rank)
                    mpz_import(part[h], len, -1, sizeof *w, 0, 0, w + at + 1);
                at += 1 + len;
            }
            if (s != rank && negative)
                mpz_neg(part[0], part[0]);
        }
}

static int swap_values(mpq_t *out, size_t rows, const ps_share *share, ps_error *err)
{
    size_t rank = psi_shared_rank(share), size = psi_shared_size(share);
    size_t n = 0, n_all = 0;
    uint64_t *mine = pack(out, rows, rank, size, &n), *all = NULL;
    if (!mine)
        return psi_enomem(err);
    int rc = psi_shared_gather(share, mine, n, &all, &n_all, err);
    psi_free(mine);
    if (rc < 0)
        return rc;
    unpack(out, rows, rank, size, all);
    psi_free(all);
    return PS_OK;
}

int psi_shapley_values(mpq_t *out, const uint64_t *res, size_t rows, size_t m,
                       const psi_moduli *mods, const ps_power_options *opt, ps_error *err)
{
    mpz_t *weight = psi_malloc_array(m + 1, sizeof *weight);
    if (!weight)
        return psi_enomem(err);
    /* weight[k] = k! (m-1-k)!, weight[m] = m! */
    mpz_t fact_k;
    mpz_init_set_ui(fact_k, 1);
    for (size_t k = 0; k <= m; k++)
        mpz_init(weight[k]);
    for (size_t k = 0; k < m; k++) {
        mpz_fac_ui(weight[k], (unsigned long)(m - 1 - k));
        mpz_mul(weight[k], weight[k], fact_k);
        mpz_mul_ui(fact_k, fact_k, (unsigned long)(k + 1));
    }
    mpz_set(weight[m], fact_k);
    mpz_clear(fact_k);
    size_t rank = psi_shared_rank(opt->share), size = psi_shared_size(opt->share);
    size_t mine = rows > rank ? (rows - rank + size - 1) / size : 0;
    size_t T = opt->threads ? opt->threads : 1;
    if (T > PSI_MAX_JOBS)
        T = PSI_MAX_JOBS;
    if (T > mine)
        T = mine ? mine : 1;
    values_job jobs[PSI_MAX_JOBS];
    for (size_t t = 0; t < T; t++)
        jobs[t] = (values_job){out,          res,       rows,          m, mods,
                               (const mpz_t *)weight, (const mpz_t *)&weight[m],
                               rank + t * size, T * size, PS_OK};
    psi_run_jobs(values_run, jobs, sizeof *jobs, T);
    int rc = PS_OK;
    for (size_t t = 0; t < T; t++)
        if (jobs[t].rc < 0)
            rc = psi_enomem(err);
    if (rc == PS_OK && size > 1 && !psi_cancelled())
        rc = swap_values(out, rows, opt->share, err);
    for (size_t k = 0; k <= m; k++)
        mpz_clear(weight[k]);
    psi_free(weight);
    return rc;
}
