/*
 * system_adjust.c - adjustment seats given party by party from national
 * quotients and placed by the list's share of its district's votes
 * (system.h, placement "national-quotients"): Iceland's Act on Elections
 * to the Althing no. 24/2000, article 108.
 *
 * The law (108, paragraphs 1-3, in force for the elections of 2003 to 2021)
 * words it as two registers and a loop, and the code follows its items:
 *
 *   1. each party over the threshold (five per cent of the valid votes in
 *      the whole country) gets its "national numbers": its votes in the
 *      whole country divided by its constituency seats plus 1, plus 2, ...
 *      (the leveling method's divisors d(s + k - 1), D'Hondt: s + k);
 *   2. each of its lists gets the two seats that came closest to being won
 *      in the district, each with the "share": the seat's quotient by the
 *      district method (votes / d(s), then / d(s + 1)), as a share of all
 *      the valid votes in the district;
 *   3. the highest national number not yet struck out gives the seat to its
 *      party; the party's list with the highest share takes it; both
 *      numbers are struck out;
 *   4. level numbers are decided by lot (here: the law's ties policy);
 *   5. when a district has all its adjustment seats, the shares of every
 *      list there are struck out;
 *   6. a party with no share left loses its national numbers too;
 *   7. item 3 again until all the adjustment seats are given.
 *
 * So a party's number of adjustment seats is not fixed beforehand (item 6
 * can pass its turn to the next party), unlike the national share of
 * system_tiers.c. Quotients are compared exactly as integer products.
 */
#include <stdio.h>

#include "system_impl.h"

/* The seats of a list that the register of item 2 holds. */
#define REGISTER_SEATS 2

/* x / d(s) by method m (first: a modified first divisor), as the factors
 * num[0] * num[1] over *den (x * dd / dn for d(s) = dn / dd). */
static void quotient(uint64_t num[2], uint64_t *den, ps_method m, ps_ratio first, int64_t x,
                     int64_t s)
{
    psi_u128 dn = 1, dd = 1;
    (void)psi_system_divisor(m, first, s, &dn, &dd);
    num[0] = (uint64_t)x;
    num[1] = (uint64_t)dd;
    *den = (uint64_t)dn;
}

/* a / b against c / e, each a product of factors: -1, 0, 1. */
static int cmp_ratios(const uint64_t *a, int na, const uint64_t *b, int nb, const uint64_t *c,
                      int nc, const uint64_t *e, int ne)
{
    uint64_t x[4], y[4];
    int nx = 0, ny = 0;
    for (int i = 0; i < na; i++)
        x[nx++] = a[i];
    for (int i = 0; i < ne; i++)
        x[nx++] = e[i];
    for (int i = 0; i < nc; i++)
        y[ny++] = c[i];
    for (int i = 0; i < nb; i++)
        y[ny++] = b[i];
    return psi_cmp_products(x, nx, y, ny);
}

/* Whether list (p, k) still has a share in the register (items 2, 5). */
static bool has_share(const ps_system *law, const int64_t *vk, const int64_t *room,
                      const int64_t *taken, size_t p, size_t k)
{
    size_t nd = law->n_districts;
    return room[k] > 0 && vk[p * nd + k] > 0 && taken[p * nd + k] < REGISTER_SEATS;
}

int psi_system_adjust(ps_system_result *r, const ps_system *law, const int64_t *vk,
                      const int64_t *national, const int64_t *district, const bool *passes,
                      const char *const *names, psi_buf *notes, ps_error *err)
{
    size_t n = r->n, nd = law->n_districts;
    const ps_leveling_rule *L = &law->leveling;
    bool ties = law->apportion.ties != PS_TIES_ERROR;
    int64_t *room = psi_malloc_array(nd, sizeof *room), *tv = psi_calloc(nd, sizeof *tv);
    int64_t *taken = r->leveling_by_district = psi_calloc(n * nd, sizeof *taken);
    bool *in = psi_calloc(n, sizeof *in);
    if (!room || !tv || !taken || !in) {
        psi_free(room);
        psi_free(tv);
        psi_free(in);
        return psi_enomem(err);
    }
    for (size_t k = 0; k < nd; k++) {
        room[k] = L->district_cap[k];
        for (size_t p = 0; p < n; p++)
            tv[k] += vk[p * nd + k];
    }
    for (size_t p = 0; p < n; p++)
        r->eligible[p] = in[p] = passes[p];
    int rc = 0;
    for (int64_t seat = 1; rc == 0 && seat <= L->seats; seat++) {
        /* items 3 and 6: the highest national number of a party with a share */
        size_t bp = n;
        bool level = false;
        uint64_t bn[2], bd[1];
        for (size_t p = 0; p < n; p++) {
            bool alive = false;
            for (size_t k = 0; in[p] && !alive && k < nd; k++)
                alive = has_share(law, vk, room, taken, p, k);
            if (!alive)
                continue;
            uint64_t qn[2], qd[1];
            quotient(qn, qd, L->method, L->first_divisor, national[p],
                     district[p] + r->leveling[p]);
            int c = bp == n ? 1 : cmp_ratios(qn, 2, qd, 1, bn, 2, bd, 1);
            if (c > 0)
                bp = p, bn[0] = qn[0], bn[1] = qn[1], bd[0] = qd[0], level = false;
            else if (c == 0)
                level = true;
        }
        if (bp == n) {
            rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                           "adjustment seat %lld: no party over the threshold has a list in a "
                           "district with room",
                           (long long)seat);
            break;
        }
        if (level && !ties) {
            rc = psi_error(err, PS_ETIE, NULL, 0, 0,
                           "tie for adjustment seat %lld between equal national numbers (%s and "
                           "another); the law draws lots: say which (ties first)",
                           (long long)seat, names[bp]);
            break;
        }
        /* item 3: the party's list with the highest share of its district */
        size_t bk = nd;
        uint64_t sn[2], sd[2];
        level = false;
        for (size_t k = 0; k < nd; k++) {
            if (!has_share(law, vk, room, taken, bp, k))
                continue;
            uint64_t qn[2], qd[2];
            quotient(qn, qd, L->district_method, law->apportion.first_divisor,
                     vk[bp * nd + k], r->by_district[bp * nd + k] + taken[bp * nd + k]);
            qd[1] = (uint64_t)tv[k];
            int c = bk == nd ? 1 : cmp_ratios(qn, 2, qd, 2, sn, 2, sd, 2);
            if (c > 0)
                bk = k, sn[0] = qn[0], sn[1] = qn[1], sd[0] = qd[0], sd[1] = qd[1], level = false;
            else if (c == 0)
                level = true;
        }
        if (level && !ties) {
            rc = psi_error(err, PS_ETIE, NULL, 0, 0,
                           "tie for adjustment seat %lld of %s between lists with equal shares "
                           "('%s' and another); the law draws lots: say which (ties first)",
                           (long long)seat, names[bp], law->district[bk]);
            break;
        }
        taken[bp * nd + bk]++;
        r->leveling[bp]++;
        room[bk]--;
        psi_buf_printf(notes, "adjustment seat %lld: %s (the highest national number), "
                              "placed in '%s' (its list's highest share there)\n",
                       (long long)seat, names[bp], law->district[bk]);
    }
    psi_free(room);
    psi_free(tv);
    psi_free(in);
    return rc;
}
