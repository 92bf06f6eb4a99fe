/*
 * power_enum.c - every index of any game by enumerating its coalitions,
 * grouped by the players' weights.
 *
 * Players whose weights are equal in every layer are interchangeable, so a
 * coalition is described up to symmetry by its profile: how many members
 * (k_t of m_t) it takes from each group t. There are prod_t (m_t + 1)
 * profiles instead of 2^n coalitions (Iraq's 30 lists, with ten of one seat
 * and four of two, have about 10^6 profiles instead of 10^9), and with all
 * groups of one player this is plain enumeration. Profiles are visited as an
 * odometer, the layer sums updated as digits move.
 *
 * For a winning profile, in every layer the slack is sum - quota; a member
 * is critical iff in some layer its weight exceeds the slack, which depends
 * only on its group. From the critical groups come all the indices
 * (definitions in power.h); for one given player of a critical group t the
 * number of coalitions of this profile containing it is
 *     C(m_t - 1, k_t - 1) * prod_{u != t} C(m_u, k_u).
 *   swings by |S|              -> Banzhaf, Coleman; Shapley-Shubik with the
 *                                 weight (|S|-1)! (n-|S|)! / n!
 *   |C(S)| = |S|               -> S is minimal winning: Deegan-Packel, Holler
 *   1 / |C(S)| for i critical  -> Johnston
 * In a rule with "or" (several AND groups, game.h) a profile wins when some
 * group has no negative slack, and a member of class t is critical when,
 * for every winning group, its weight exceeds the slack of some layer of
 * that group (then no group wins without it).
 * Counts are below 2^n and are kept in 128-bit words (so n <= 126 here) and
 * turned into exact GMP fractions at the end. Cost O(P * g * L) for P
 * profiles and g groups. This is the exact method for games with several
 * layers and for the indices built on minimal winning coalitions, and the
 * cross-check of the dynamic programs.
 */
#include <math.h>
#include <string.h>

#include "cancel_hook.h"
#include "power_programs.h"

#define ENUM_MAX_PLAYERS 126

typedef struct groups {
    size_t g;      /* number of groups */
    size_t *m;     /* [g] members */
    size_t *of;    /* [n] group of each player */
    int64_t *w;    /* [L * g] weight of a member of group t in layer l */
    size_t max_m;
} groups;

static void groups_free(groups *G)
{
    psi_free(G->m);
    psi_free(G->of);
    psi_free(G->w);
    memset(G, 0, sizeof *G);
}

static int groups_make(groups *G, const ps_game *game)
{
    size_t n = game->n_players, L = game->n_layers;
    memset(G, 0, sizeof *G);
    G->m = psi_calloc(n, sizeof *G->m);
    G->of = psi_malloc_array(n, sizeof *G->of);
    G->w = psi_malloc_array(L * n, sizeof *G->w);
    size_t *rep = psi_malloc_array(n, sizeof *rep); /* first player of each group */
    if (!G->m || !G->of || !G->w || !rep) {
        psi_free(rep);
        groups_free(G);
        return PS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        size_t t;
        for (t = 0; t < G->g; t++) {
            size_t l;
            for (l = 0; l < L; l++)
                if (game->weights[l * n + i] != game->weights[l * n + rep[t]])
                    break;
            if (l == L)
                break;
        }
        if (t == G->g)
            rep[G->g++] = i;
        G->of[i] = t;
        G->m[t]++;
        if (G->m[t] > G->max_m)
            G->max_m = G->m[t];
    }
    /* Heaviest group first (layer 0), so that with one layer the critical
     * groups of a coalition are a prefix of the groups. */
    for (size_t a = 1; a < G->g; a++) {
        for (size_t b = a; b > 0 && game->weights[rep[b - 1]] < game->weights[rep[b]]; b--) {
            size_t tr = rep[b], tm = G->m[b];
            rep[b] = rep[b - 1];
            G->m[b] = G->m[b - 1];
            rep[b - 1] = tr;
            G->m[b - 1] = tm;
        }
    }
    for (size_t t = 0; t < G->g; t++) /* regroup the players by the sorted representatives */
        for (size_t i = 0; i < n; i++) {
            size_t l;
            for (l = 0; l < L; l++)
                if (game->weights[l * n + i] != game->weights[l * n + rep[t]])
                    break;
            if (l == L)
                G->of[i] = t;
        }
    for (size_t l = 0; l < L; l++)
        for (size_t t = 0; t < G->g; t++)
            G->w[l * G->g + t] = game->weights[l * n + rep[t]];
    psi_free(rep);
    return PS_OK;
}

/* log2 of the number of profiles, rounded up. */
static double profile_bits(const groups *G)
{
    double bits = 0;
    for (size_t t = 0; t < G->g; t++)
        bits += log2((double)G->m[t] + 1.0);
    return ceil(bits - 1e-9);
}

int psi_enumerate_cost(double *out_bits, const ps_game *g)
{
    groups G;
    if (groups_make(&G, g) < 0)
        return PS_ENOMEM;
    *out_bits = profile_bits(&G);
    groups_free(&G);
    return PS_OK;
}

static void set_u128(mpz_t out, psi_u128 v)
{
    uint64_t limbs[2] = {(uint64_t)v, (uint64_t)(v >> 64)};
    mpz_import(out, 2, -1, sizeof limbs[0], 0, 0, limbs);
}

int psi_enumerate(psi_counts *c, const ps_game *game, unsigned want, ps_error *err)
{
    size_t n = game->n_players, L = game->n_layers;
    if (n > ENUM_MAX_PLAYERS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "enumeration counts in 128 bits, up to %d players (this game has %zu)",
                         ENUM_MAX_PLAYERS, n);
    groups G;
    if (groups_make(&G, game) < 0)
        return psi_enomem(err);
    size_t g = G.g, n1 = n + 1, M = G.max_m + 1;
    int rc = PS_OK;
    psi_u128 *binom = psi_calloc(M * M, sizeof *binom);
    psi_u128 *sw = psi_calloc(g * n1, sizeof *sw);  /* one member of t: swings by |S| */
    psi_u128 *mw = psi_calloc(g * n1, sizeof *mw);  /* ... in MWCs, by |S| */
    psi_u128 *jc = psi_calloc(g * n1, sizeof *jc);  /* ... critical, by |C(S)| */
    size_t *multi = psi_malloc_array(g, sizeof *multi);
    size_t *k = psi_calloc(g, sizeof *k);
    size_t *crit = psi_malloc_array(g, sizeof *crit);
    int64_t *sums = psi_calloc(L, sizeof *sums);
    int64_t *slack = psi_malloc_array(L, sizeof *slack);
    size_t NG = ps_game_group_count(game);
    unsigned char *gwin = psi_calloc(NG, 1); /* which AND groups win */
    if (!binom || !sw || !mw || !jc || !multi || !k || !crit || !sums || !slack || !gwin) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t a = 0; a < M; a++) {
        binom[a * M] = 1;
        for (size_t b = 1; b <= a; b++)
            binom[a * M + b] = binom[(a - 1) * M + b - 1] + (b < a ? binom[(a - 1) * M + b] : 0);
    }

    size_t nmulti = 0, used = 0; /* groups of several players; groups in use */
    for (size_t t = 0; t < g; t++)
        if (G.m[t] > 1)
            multi[nmulti++] = t;
    psi_u128 winning = 0, n_mwc = 0;
    size_t size = 0;
    for (uint64_t visited = 1;; visited++) {
        if ((visited & 0xFFFF) == 0 && psi_cancelled()) {
            rc = psi_cancel_error(err); /* the counts are incomplete */
            goto done;
        }
        int win = 1;
        if (NG == 1) {
            for (size_t l = 0; l < L; l++) {
                slack[l] = sums[l] - game->quotas[l];
                if (slack[l] < 0) {
                    win = 0;
                    break;
                }
            }
        } else {
            win = 0;
            for (size_t l = 0; l < L; l++)
                slack[l] = sums[l] - game->quotas[l];
            for (size_t q = 0; q < NG; q++) {
                size_t first, end, l;
                ps_game_group_range(game, q, &first, &end);
                for (l = first; l < end && slack[l] >= 0; l++)
                    ;
                gwin[q] = l == end;
                win |= gwin[q];
            }
        }
        if (win) {
            size_t nc = 0, ncg = 0;
            psi_u128 N = 1;
            for (size_t a = 0; a < nmulti; a++)
                N *= binom[G.m[multi[a]] * M + k[multi[a]]];
            if (L == 1) {
                for (size_t t = 0; t < g && G.w[t] > slack[0]; t++)
                    if (k[t]) {
                        crit[ncg++] = t;
                        nc += k[t];
                    }
            } else if (NG > 1) {
                for (size_t t = 0; t < g; t++) {
                    if (!k[t])
                        continue;
                    int critical = 1; /* every winning group loses without one member */
                    for (size_t q = 0; q < NG && critical; q++) {
                        if (!gwin[q])
                            continue;
                        size_t first, end, l;
                        ps_game_group_range(game, q, &first, &end);
                        for (l = first; l < end && G.w[l * g + t] <= slack[l]; l++)
                            ;
                        critical = l < end;
                    }
                    if (critical) {
                        crit[ncg++] = t;
                        nc += k[t];
                    }
                }
            } else {
                for (size_t t = 0; t < g; t++) {
                    if (!k[t])
                        continue;
                    for (size_t l = 0; l < L; l++) {
                        if (G.w[l * g + t] > slack[l]) {
                            crit[ncg++] = t;
                            nc += k[t];
                            break;
                        }
                    }
                }
            }
            winning += N;
            int minimal = ncg == used;
            if (minimal)
                n_mwc += N;
            for (size_t a = 0; a < ncg; a++) {
                size_t t = crit[a];
                psi_u128 Nt = N;
                if (G.m[t] > 1) { /* the others' choices times C(m_t - 1, k_t - 1) */
                    Nt = binom[(G.m[t] - 1) * M + k[t] - 1];
                    for (size_t b = 0; b < nmulti; b++)
                        if (multi[b] != t)
                            Nt *= binom[G.m[multi[b]] * M + k[multi[b]]];
                }
                sw[t * n1 + size] += Nt;
                jc[t * n1 + nc] += Nt;
                if (minimal)
                    mw[t * n1 + size] += Nt;
            }
        }
        /* next profile */
        size_t t = 0;
        while (t < g && k[t] == G.m[t]) {
            for (size_t l = 0; l < L; l++)
                sums[l] -= (int64_t)k[t] * G.w[l * g + t];
            size -= k[t];
            k[t] = 0;
            used--;
            t++;
        }
        if (t == g)
            break;
        if (k[t]++ == 0)
            used++;
        size++;
        for (size_t l = 0; l < L; l++)
            sums[l] += G.w[l * g + t];
    }

    mpz_t num, f1, f2, big;
    mpq_t term;
    mpz_init(num);
    mpz_init(f1);
    mpz_init(f2);
    mpz_init(big);
    mpq_init(term);
    set_u128(c->winning, winning);
    for (size_t i = 0; i < n; i++) {
        size_t t = G.of[i];
        const psi_u128 *swi = sw + t * n1, *mwi = mw + t * n1, *jci = jc + t * n1;
        psi_u128 tot = 0, tot_mwc = 0;
        mpz_set_ui(num, 0);
        mpq_set_ui(c->dp[i], 0, 1);
        mpq_set_ui(c->johnston[i], 0, 1);
        for (size_t s = 1; s <= n; s++) {
            if (swi[s]) {
                tot += swi[s];
                mpz_fac_ui(f1, (unsigned long)(s - 1));
                mpz_fac_ui(f2, (unsigned long)(n - s));
                mpz_mul(f1, f1, f2);
                set_u128(big, swi[s]);
                mpz_addmul(num, f1, big);
            }
            if (mwi[s]) {
                tot_mwc += mwi[s];
                set_u128(mpq_numref(term), mwi[s]);
                mpz_set_ui(mpq_denref(term), (unsigned long)s);
                mpq_canonicalize(term);
                mpq_add(c->dp[i], c->dp[i], term);
            }
            if (jci[s]) {
                set_u128(mpq_numref(term), jci[s]);
                mpz_set_ui(mpq_denref(term), (unsigned long)s);
                mpq_canonicalize(term);
                mpq_add(c->johnston[i], c->johnston[i], term);
            }
        }
        set_u128(c->swings[i], tot);
        mpz_fac_ui(f1, (unsigned long)n);
        mpq_set_num(c->ss[i], num);
        mpq_set_den(c->ss[i], f1);
        mpq_canonicalize(c->ss[i]);
        set_u128(c->mwc[i], tot_mwc);
        /* Deegan-Packel: divide by the number of MWCs (at least one). */
        mpz_set_ui(mpq_numref(term), 1);
        set_u128(mpq_denref(term), n_mwc);
        mpq_mul(c->dp[i], c->dp[i], term);
    }
    mpz_clear(num);
    mpz_clear(f1);
    mpz_clear(f2);
    mpz_clear(big);
    mpq_clear(term);
    c->have |= want & (PSI_HAVE_SWINGS | PSI_HAVE_SS | PSI_HAVE_MWC | PSI_HAVE_JOHNSTON);
done:
    psi_free(gwin);
    psi_free(binom);
    psi_free(sw);
    psi_free(mw);
    psi_free(jc);
    psi_free(multi);
    psi_free(k);
    psi_free(crit);
    psi_free(sums);
    psi_free(slack);
    groups_free(&G);
    return rc;
}
