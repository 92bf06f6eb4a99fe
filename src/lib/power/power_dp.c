/*
 * power_dp.c - Banzhaf swings of a weighted game by generating functions.
 *
 * For the game [q; w_1..w_n] let c[x] be the number of coalitions of weight
 * x, the coefficients of prod_i (1 + z^{w_i}), kept only for x < q (the
 * losing coalitions). Player i swings for a coalition T of the others iff
 * q - w_i <= w(T) <= q - 1, so its raw Banzhaf count is the sum of the
 * others' table c_{-i} over that window (Brams & Affuso 1976; Matsui &
 * Matsui 2000 for the O(nq) bound).
 *
 * c_{-i} is not recomputed: c = c_{-i} * (1 + z^{w_i}), hence
 * c_{-i} = c * (1 - z^{w_i} + z^{2 w_i} - ...), and with prefix sums P of c
 * the window sum is the alternating sum
 *     sum_{j>=0} (-1)^j (P[q-1 - j w_i] - P[q-1 - w_i - j w_i])
 * over the terms with a non-negative upper index: O(q / w_i) per player, so
 * all n players together cost less than building the table once (and
 * players of equal weight share one sum).
 *
 * Counts are below 2^n; the table is computed once per modulus (2^64 and
 * primes just below 2^62, see power_modular.c) and each player's count rebuilt by
 * the Chinese remainder theorem. The number of winning coalitions is 2^n
 * minus P[q-1].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "power_programs.h"
#include "cancel_hook.h"
#include "progress_hook.h"

/* By weight, then index (power_modular.h); power_dp_ss.c sorts with it too. */
int psi_cmp_player(const void *a, const void *b)
{
    const psi_player *x = a, *y = b;
    if (x->w != y->w)
        return (x->w > y->w) - (x->w < y->w);
    return (x->i > y->i) - (x->i < y->i);
}

/* One residue plane: fills sw[i] (the swings of i modulo p) and *losing.
 * `order` lists the players by weight, so that players of equal weight share
 * one extraction. */
static void plane(uint64_t *c, const int64_t *w, const psi_player *order, size_t n,
                  size_t q, uint64_t p, uint64_t *sw, uint64_t *losing)
{
    memset(c, 0, q * sizeof *c);
    c[0] = 1;
    for (size_t i = 0; i < n; i++) {
        if (psi_cancelled())
            return; /* incomplete: ps_power_compute discards it */
        psi_progress_add("power (Banzhaf)", 1);
        size_t wi = (size_t)w[i];
        if (wi >= q)
            continue; /* every coalition with i reaches the quota */
        if (wi == 0) {
            for (size_t x = 0; x < q; x++)
                c[x] = psi_addm(c[x], c[x], p);
        } else {
            psi_self_add(c, q, wi, p);
        }
    }
    for (size_t x = 1; x < q; x++)
        c[x] = psi_addm(c[x], c[x - 1], p);
    *losing = c[q - 1];
    for (size_t o = 0; o < n; o++) {
        size_t i = order[o].i, wi = (size_t)order[o].w;
        if (wi == 0) {
            sw[i] = 0;
            continue;
        }
        if (o > 0 && order[o - 1].w == order[o].w) {
            sw[i] = sw[order[o - 1].i];
            continue;
        }
        uint64_t s = 0;
        /* hi runs q-1, q-1-w, ...; lo = hi - w (exclusive lower end). */
        size_t hi = q - 1;
        for (size_t j = 0;; j++) {
            uint64_t term = c[hi];
            if (hi >= wi)
                term = psi_subm(term, c[hi - wi], p);
            s = (j & 1) ? psi_subm(s, term, p) : psi_addm(s, term, p);
            if (hi < wi)
                break;
            hi -= wi;
        }
        sw[i] = s;
    }
}

int psi_dp_banzhaf(psi_counts *c, const int64_t *w, size_t n, int64_t q,
                   const ps_power_options *opt, ps_error *err)
{
    if ((uint64_t)q > SIZE_MAX / sizeof(uint64_t) ||
        (size_t)q * sizeof(uint64_t) > opt->max_memory)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "the Banzhaf table for quota %lld needs %.1f MB, above the limit of "
                         "%.1f MB; use the Monte Carlo approximation (--approx)",
                         (long long)q, (double)q * 8.0 / 1e6, (double)opt->max_memory / 1e6);
    psi_moduli mods;
    if (psi_moduli_init(&mods, n) < 0)
        return psi_enomem(err);
    size_t P = mods.count;
    psi_player *order = psi_malloc_array(n, sizeof *order);
    if (!order) {
        psi_moduli_clear(&mods);
        return psi_enomem(err);
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (psi_player){w[i], i};
    qsort(order, n, sizeof *order, psi_cmp_player);
    double work = 0;
    for (size_t o = 0; o < n; o++) {
        if (order[o].w < q)
            work += (double)(q - order[o].w);
        if (order[o].w > 0 && (o == 0 || order[o - 1].w != order[o].w))
            work += (double)q / (double)order[o].w;
    }
    char what[96];
    snprintf(what, sizeof what, "the exact Banzhaf program for %zu players and quota %lld", n,
             (long long)q);
    int rc = psi_check_work(what, work, P, opt, "use the Monte Carlo approximation (--approx)",
                            err);
    if (rc < 0) {
        psi_free(order);
        psi_moduli_clear(&mods);
        return rc;
    }
    uint64_t *table = psi_malloc_array((size_t)q, sizeof *table);
    /* the residues of the other processes stay 0 until the sums below */
    uint64_t *sw = psi_calloc(n * P, sizeof *sw);
    uint64_t *losing = psi_calloc(P, sizeof *losing);
    uint64_t *r = psi_malloc_array(P, sizeof *r);
    if (!table || !sw || !losing || !r) {
        psi_free(table);
        psi_free(sw);
        psi_free(losing);
        psi_free(r);
        psi_free(order);
        psi_moduli_clear(&mods);
        return psi_enomem(err);
    }
    psi_progress("power (Banzhaf)", 0, (uint64_t)(psi_share_count(opt->share, P) * n));
    size_t size = psi_shared_size(opt->share);
    for (size_t j = psi_shared_rank(opt->share); j < P; j += size)
        plane(table, w, order, n, (size_t)q, mods.m[j], sw + j * n, &losing[j]);
    psi_progress_end("power (Banzhaf)");
    psi_free(table);
    psi_free(order);
    if (psi_shared_sum(opt->share, sw, n * P, err) < 0 ||
        psi_shared_sum(opt->share, losing, P, err) < 0) {
        psi_free(sw);
        psi_free(losing);
        psi_free(r);
        psi_moduli_clear(&mods);
        return PS_EIO;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < P; j++)
            r[j] = sw[j * n + i];
        psi_crt(c->swings[i], r, &mods);
    }
    mpz_t lose;
    mpz_init(lose);
    psi_crt(lose, losing, &mods);
    mpz_set_ui(c->winning, 0);
    mpz_setbit(c->winning, (mp_bitcnt_t)n);
    mpz_sub(c->winning, c->winning, lose);
    mpz_clear(lose);
    psi_free(sw);
    psi_free(losing);
    psi_free(r);
    psi_moduli_clear(&mods);
    c->have |= PSI_HAVE_SWINGS;
    return PS_OK;
}
