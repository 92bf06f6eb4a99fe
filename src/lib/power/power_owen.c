/*
 * power_owen.c - the Owen value and the Banzhaf-Owen value of a game whose
 * players enter in a priori unions (pre-formed blocs).
 *
 * Owen (1977): orderings are drawn so that every union's members arrive
 * together, unions in a uniformly random order and members in a uniformly
 * random order within their union; a player's value is the chance that it
 * is pivotal. For player i in union U_k (u members) among m unions this is
 *     sum over R (a set of r other unions) and T (t other members of U_k)
 *     r! (m-1-r)! / m!  *  t! (u-1-t)! / u!  *  [v(R u T u i) - v(R u T)].
 * The Banzhaf-Owen value (Owen 1982) weighs every (R, T) alike:
 * 1 / 2^(m-1) * 1 / 2^(u-1). With every player alone these are the
 * Shapley-Shubik and Penrose values; with one union of all, likewise.
 *
 * Exact by enumeration: for each union k, the 2^(m-1) sets of other unions
 * (their weights summed once per set, in Gray-code order) times the
 * 2^(u-1) subsets of the union's other members, for each of its members.
 * Counts by (r, t) fit 64 bits (n <= 62 here) and become GMP fractions at
 * the end. Cost sum_k 2^(m-1) * u_k * 2^(u_k-1) * L.
 */
#include <math.h>
#include <string.h>

#include "power_modular.h"

void ps_union_power_free(ps_union_power *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_players; i++) {
        if (p->owen) {
            psi_free(p->owen[i].num);
            psi_free(p->owen[i].den);
        }
        if (p->banzhaf_owen) {
            psi_free(p->banzhaf_owen[i].num);
            psi_free(p->banzhaf_owen[i].den);
        }
    }
    psi_free(p->owen);
    psi_free(p->banzhaf_owen);
    psi_free(p);
}

/* Honours a rule with "or" (game.h). */
static int wins(const ps_game *g, const int64_t *sums)
{
    return ps_game_sums_win(g, sums);
}

static int set_frac(ps_fraction *f, mpq_t q)
{
    mpq_canonicalize(q);
    f->num = psi_mpz_str(mpq_numref(q));
    f->den = psi_mpz_str(mpq_denref(q));
    f->value = mpq_get_d(q);
    return f->num && f->den ? PS_OK : PS_ENOMEM;
}

int ps_power_unions(ps_union_power **out, const ps_game *g, const size_t *union_of,
                    size_t max_enumerate, ps_error *err)
{
    if (!out)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_power_unions: out is NULL");
    *out = NULL;
    if (!g || !union_of || g->n_layers == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "ps_power_unions needs a game with at least one layer and the union "
                         "of every player");
    size_t n = g->n_players, L = g->n_layers, m = 0;
    for (size_t i = 0; i < n; i++)
        if (union_of[i] + 1 > m)
            m = union_of[i] + 1;
    if (m > n)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "union numbers must run from 0 to at most the number of players - 1");
    if (max_enumerate == 0)
        max_enumerate = 25;
    int rc = PS_OK;
    size_t *size = psi_calloc(m, sizeof *size);
    int64_t *uw = psi_calloc(m * L, sizeof *uw);   /* union weights, [k * L + l] */
    int64_t *sums = psi_calloc(L, sizeof *sums);
    int64_t *base = psi_calloc(L, sizeof *base);
    size_t *mem = psi_malloc_array(n, sizeof *mem);  /* members of the current union */
    size_t *others = psi_malloc_array(m, sizeof *others);
    uint64_t *cnt = psi_calloc(m * n, sizeof *cnt); /* [r * n + t] for one player */
    ps_union_power *res = psi_calloc(1, sizeof *res);
    if (!size || !uw || !sums || !base || !mem || !others || !cnt || !res) {
        rc = psi_enomem(err);
        goto done;
    }
    res->n_players = n;
    res->owen = psi_calloc(n, sizeof *res->owen);
    res->banzhaf_owen = psi_calloc(n, sizeof *res->banzhaf_owen);
    if (!res->owen || !res->banzhaf_owen) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        size[union_of[i]]++;
        for (size_t l = 0; l < L; l++)
            uw[union_of[i] * L + l] += g->weights[l * n + i];
    }
    double cost = 0;
    for (size_t k = 0; k < m; k++)
        if (size[k])
            cost += ldexp((double)size[k], (int)(m - 1 + size[k] - 1));
    if (n > 62 || cost > ldexp(1.0, (int)max_enumerate)) {
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                       "the Owen values enumerate about %.1e coalitions here, above the limit "
                       "of 2^%zu (or more than 62 players)",
                       cost, max_enumerate);
        goto done;
    }
    mpq_t owen, term, f;
    mpz_t a;
    mpq_init(owen);
    mpq_init(term);
    mpq_init(f);
    mpz_init(a);
    for (size_t k = 0; k < m; k++) {
        size_t u = 0, mo = 0;
        for (size_t i = 0; i < n; i++)
            if (union_of[i] == k)
                mem[u++] = i;
        if (!u)
            continue;
        for (size_t j = 0; j < m; j++)
            if (j != k && size[j])
                others[mo++] = j;
        size_t mm = mo + 1; /* non-empty unions */
        for (size_t a_i = 0; a_i < u; a_i++) {
            size_t i = mem[a_i];
            memset(cnt, 0, m * n * sizeof *cnt);
            uint64_t swings = 0;
            memset(base, 0, L * sizeof *base);
            size_t r = 0;
            for (uint64_t step = 0; step < ((uint64_t)1 << mo); step++) {
                if (step) { /* Gray code over the other unions */
                    size_t b = (size_t)__builtin_ctzll(step);
                    /* bit b of the Gray code flipped; its new value says add/remove */
                    int add = (int)(((step ^ (step >> 1)) >> b) & 1);
                    for (size_t l = 0; l < L; l++)
                        base[l] += add ? uw[others[b] * L + l] : -uw[others[b] * L + l];
                    r = add ? r + 1 : r - 1;
                }
                /* subsets T of the union's other members */
                for (uint64_t tm = 0; tm < ((uint64_t)1 << (u - 1)); tm++) {
                    size_t t = 0;
                    memcpy(sums, base, L * sizeof *sums);
                    for (size_t b2 = 0, idx = 0; idx < u; idx++) {
                        if (idx == a_i)
                            continue;
                        if (tm >> b2 & 1) {
                            for (size_t l = 0; l < L; l++)
                                sums[l] += g->weights[l * n + mem[idx]];
                            t++;
                        }
                        b2++;
                    }
                    if (wins(g, sums))
                        continue;
                    for (size_t l = 0; l < L; l++)
                        sums[l] += g->weights[l * n + i];
                    if (wins(g, sums)) {
                        cnt[r * n + t]++;
                        swings++;
                    }
                }
            }
            /* Owen: sum cnt[r][t] r!(mm-1-r)!/mm! t!(u-1-t)!/u! */
            mpq_set_ui(owen, 0, 1);
            for (size_t rr = 0; rr < mm; rr++)
                for (size_t tt = 0; tt < u; tt++) {
                    uint64_t c = cnt[rr * n + tt];
                    if (!c)
                        continue;
                    psi_mpz_set_u64(a, c);
                    mpz_t x;
                    mpz_init(x);
                    mpz_fac_ui(x, (unsigned long)rr);
                    mpz_mul(a, a, x);
                    mpz_fac_ui(x, (unsigned long)(mm - 1 - rr));
                    mpz_mul(a, a, x);
                    mpz_fac_ui(x, (unsigned long)tt);
                    mpz_mul(a, a, x);
                    mpz_fac_ui(x, (unsigned long)(u - 1 - tt));
                    mpz_mul(a, a, x);
                    mpq_set_z(term, a);
                    mpz_fac_ui(x, (unsigned long)mm);
                    mpz_fac_ui(a, (unsigned long)u);
                    mpz_mul(x, x, a);
                    mpq_set_z(f, x);
                    mpq_div(term, term, f);
                    mpq_add(owen, owen, term);
                    mpz_clear(x);
                }
            if (rc == PS_OK && set_frac(&res->owen[i], owen) < 0)
                rc = psi_enomem(err);
            psi_mpz_set_u64(mpq_numref(term), swings);
            mpz_set_ui(mpq_denref(term), 0);
            mpz_setbit(mpq_denref(term), (mp_bitcnt_t)(mo + u - 1));
            if (rc == PS_OK && set_frac(&res->banzhaf_owen[i], term) < 0)
                rc = psi_enomem(err);
        }
    }
    mpq_clear(owen);
    mpq_clear(term);
    mpq_clear(f);
    mpz_clear(a);
done:
    psi_free(size);
    psi_free(uw);
    psi_free(sums);
    psi_free(base);
    psi_free(mem);
    psi_free(others);
    psi_free(cnt);
    if (rc == PS_OK)
        *out = res;
    else
        ps_union_power_free(res);
    return rc;
}
