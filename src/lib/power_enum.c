/*
 * power_enum.c - every index of any game by enumerating its coalitions.
 *
 * The 2^n coalitions are visited in Gray-code order, so that each step adds
 * or removes one player and the layer sums are updated in O(L). For each
 * winning coalition S the critical members are those whose weight, in some
 * layer, exceeds the slack sum_S w - q of that layer. From the critical set
 * C(S) come all the indices (definitions in power.h):
 *   swings of i by |S|     -> Banzhaf, Coleman, and Shapley-Shubik with the
 *                              weight (|S|-1)! (n-|S|)! / n!
 *   |C(S)| = |S|           -> S is minimal winning: Deegan-Packel, Holler
 *   1 / |C(S)| for i in C  -> Johnston
 * Counts are kept per size in 64-bit words (n <= 30 here, so no count passes
 * 2^30) and turned into exact GMP fractions at the end. Cost O(2^n n L).
 * This is the exact method for games with several layers and for the
 * indices built on minimal winning coalitions, and the cross-check of the
 * dynamic programs.
 */
#include <string.h>

#include "power_impl.h"

#define ENUM_MAX 30

int psi_enumerate(psi_counts *c, const ps_game *g, unsigned want, ps_error *err)
{
    size_t n = g->n_players, NL = g->n_layers;
    if (n > ENUM_MAX)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "enumeration is limited to %d players (this game has %zu)", ENUM_MAX,
                         n);
    size_t n1 = n + 1;
    int64_t *sums = psi_calloc(NL, sizeof *sums);
    uint64_t *sw = psi_calloc(n * n1, sizeof *sw);   /* swings of i by |S| */
    uint64_t *mwc = psi_calloc(n * n1, sizeof *mwc); /* MWCs with i by |S| */
    uint64_t *jc = psi_calloc(n * n1, sizeof *jc);   /* i critical, by |C(S)| */
    int64_t *slack = psi_malloc_array(NL, sizeof *slack);
    size_t *crit = psi_malloc_array(n, sizeof *crit);
    if (!sums || !sw || !mwc || !jc || !slack || !crit) {
        psi_free(sums);
        psi_free(sw);
        psi_free(mwc);
        psi_free(jc);
        psi_free(slack);
        psi_free(crit);
        return psi_enomem(err);
    }
    uint64_t winning = 0, n_mwc = 0;
    uint32_t mask = 0;
    size_t size = 0;
    uint64_t total = (uint64_t)1 << n;
    for (uint64_t step = 0; step < total; step++) {
        if (step > 0) {
            /* Gray code: flip the lowest set bit of step. */
            size_t b = (size_t)__builtin_ctzll(step);
            uint32_t bit = (uint32_t)1 << b;
            int add = !(mask & bit);
            mask ^= bit;
            size = add ? size + 1 : size - 1;
            for (size_t l = 0; l < NL; l++) {
                int64_t wl = g->weights[l * n + b];
                sums[l] = add ? sums[l] + wl : sums[l] - wl;
            }
        }
        int win = 1;
        for (size_t l = 0; l < NL; l++) {
            slack[l] = sums[l] - g->quotas[l];
            if (slack[l] < 0) {
                win = 0;
                break;
            }
        }
        if (!win)
            continue;
        winning++;
        size_t nc = 0;
        for (uint32_t rest = mask; rest; rest &= rest - 1) {
            size_t i = (size_t)__builtin_ctz(rest);
            for (size_t l = 0; l < NL; l++) {
                if (g->weights[l * n + i] > slack[l]) {
                    crit[nc++] = i;
                    break;
                }
            }
        }
        for (size_t t = 0; t < nc; t++) {
            size_t i = crit[t];
            sw[i * n1 + size]++;
            jc[i * n1 + nc]++;
        }
        if (nc == size) {
            n_mwc++;
            for (size_t t = 0; t < nc; t++)
                mwc[crit[t] * n1 + size]++;
        }
    }

    mpz_t num, f1, f2;
    mpq_t term;
    mpz_init(num);
    mpz_init(f1);
    mpz_init(f2);
    mpq_init(term);
    psi_mpz_set_u64(c->winning, winning);
    for (size_t i = 0; i < n; i++) {
        const uint64_t *swi = sw + i * n1, *mwi = mwc + i * n1, *jci = jc + i * n1;
        uint64_t tot = 0, tot_mwc = 0;
        mpz_set_ui(num, 0);
        mpq_set_ui(c->dp[i], 0, 1);
        mpq_set_ui(c->johnston[i], 0, 1);
        for (size_t s = 1; s <= n; s++) {
            if (swi[s]) {
                tot += swi[s];
                mpz_fac_ui(f1, (unsigned long)(s - 1));
                mpz_fac_ui(f2, (unsigned long)(n - s));
                mpz_mul(f1, f1, f2);
                psi_mpz_set_u64(f2, swi[s]);
                mpz_addmul(num, f1, f2);
            }
            if (mwi[s]) {
                tot_mwc += mwi[s];
                psi_mpz_set_u64(mpq_numref(term), mwi[s]);
                mpz_set_ui(mpq_denref(term), (unsigned long)s);
                mpq_canonicalize(term);
                mpq_add(c->dp[i], c->dp[i], term);
            }
            if (jci[s]) {
                psi_mpz_set_u64(mpq_numref(term), jci[s]);
                mpz_set_ui(mpq_denref(term), (unsigned long)s);
                mpq_canonicalize(term);
                mpq_add(c->johnston[i], c->johnston[i], term);
            }
        }
        psi_mpz_set_u64(c->swings[i], tot);
        mpz_fac_ui(f1, (unsigned long)n);
        mpq_set_num(c->ss[i], num);
        mpq_set_den(c->ss[i], f1);
        mpq_canonicalize(c->ss[i]);
        psi_mpz_set_u64(c->mwc[i], tot_mwc);
        /* Deegan-Packel: divide by the number of MWCs (at least one). */
        psi_mpz_set_u64(mpq_numref(term), 1);
        psi_mpz_set_u64(mpq_denref(term), n_mwc);
        mpq_mul(c->dp[i], c->dp[i], term);
    }
    mpz_clear(num);
    mpz_clear(f1);
    mpz_clear(f2);
    mpq_clear(term);
    c->have |= want & (PSI_HAVE_SWINGS | PSI_HAVE_SS | PSI_HAVE_MWC | PSI_HAVE_JOHNSTON);
    psi_free(sums);
    psi_free(sw);
    psi_free(mwc);
    psi_free(jc);
    psi_free(slack);
    psi_free(crit);
    return PS_OK;
}
