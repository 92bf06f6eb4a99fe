/*
 * system_pool.c - the proportional seats of an applied law (steps 4-5 of
 * system.h) and the majority clause (step 6).
 *
 * Units: a list, or the eligible lists of one alliance with their votes
 * pooled. Seats go to units by the law's method; an alliance's seats are
 * then split among its lists by the same method, or by the law's
 * alliance_split: for a Dutch list combination (Kieswet P 11, in force until
 * 1 December 2017) largest remainders on the combination's own quota, its
 * votes over its seats, which is Hare's quota on the combination's lists.
 * List exhaustion caps a unit at its candidates: the capped units are
 * fixed and the other seats shared again among the rest, which for a
 * divisor method is exactly the continuation of its sequence of
 * quotients. For largest remainders on the
 * Hare quota the quota stays that of all the lists (Kieswet P 10: the
 * seat passes on "by continued application"): a capped unit's surplus
 * goes down the same ranking of remainders, then to largest averages.
 */
#include <stdlib.h>
#include <string.h>

#include "apportion_impl.h"
#include "system_impl.h"

/* A non-negative count widened for exact products. */
static psi_u128 wide(int64_t x)
{
    return (psi_u128)(uint64_t)x;
}

typedef struct pool_ctx {
    const ps_system *law;
    ps_tie **tie;   /* the first deciding tie, in list indices */
    psi_buf *notes;
    ps_error *err;
} pool_ctx;

/* Keeps the first tie, its unit indices turned into list indices. */
static void keep_tie(pool_ctx *c, ps_tie *t, const size_t *list_of)
{
    if (!t)
        return;
    if (*c->tie) {
        psi_tie_free(t);
        return;
    }
    for (size_t i = 0; i < t->n_tied; i++)
        t->tied[i] = list_of[t->tied[i]];
    for (size_t i = 0; i < t->n_winners; i++)
        t->winners[i] = list_of[t->winners[i]];
    *c->tie = t;
}

static bool small_council_rule(const ps_system *law)
{
    return law->remainder_share.den != 0 || law->max_remainder_seats > 0;
}

static bool at_cap(const int64_t *caps, const int64_t *us, size_t u)
{
    return caps && caps[u] >= 0 && us[u] >= caps[u];
}

/* Largest remainders on the Hare quota, with the small-council rule: a
 * remainder seat only for a unit with remainder_share of the quota, at
 * most max_remainder_seats each; seats still left by largest averages.
 * caps (NULL, or -1: none): a unit never passes its cap, and what it
 * cannot take goes on down the same ranking (the quota unchanged). */
static int remainder_rule(int64_t *us, const int64_t *uv, const int64_t *caps, size_t k,
                          int64_t seats, const char *const *unames, const size_t *list_of,
                          pool_ctx *c)
{
    const ps_system *law = c->law;
    psi_u128 total = 0;
    for (size_t u = 0; u < k; u++)
        total += wide(uv[u]);
    if (total == 0)
        return psi_error(c->err, PS_EDATA, NULL, 0, 0, "no list has votes");
    psi_u128 *rem = psi_calloc(k, sizeof *rem);
    size_t *order = psi_malloc_array(k, sizeof *order);
    if (!rem || !order) {
        psi_free(rem);
        psi_free(order);
        return psi_enomem(c->err);
    }
    int64_t left = seats;
    size_t m = 0;
    for (size_t u = 0; u < k; u++) {
        psi_u128 scaled = wide(uv[u]) * wide(seats);
        us[u] = (int64_t)(scaled / total);
        rem[u] = scaled % total;
        if (caps && caps[u] >= 0 && us[u] > caps[u]) {
            psi_buf_printf(c->notes, "%s has %lld candidate(s) for %lld full seats: the others "
                                     "take the rest\n",
                           unames[u], (long long)caps[u], (long long)us[u]);
            us[u] = caps[u];
        }
        left -= us[u];
        bool enough = law->remainder_share.den == 0 ||
                      scaled * wide(law->remainder_share.den) >=
                          wide(law->remainder_share.num) * total;
        if (uv[u] > 0 && enough)
            order[m++] = u;
    }
    /* by remainder, largest first; level remainders in list order */
    for (size_t a = 1; a < m; a++)
        for (size_t b = a; b > 0 && rem[order[b - 1]] < rem[order[b]]; b--) {
            size_t t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    int64_t cap = law->max_remainder_seats > 0 ? law->max_remainder_seats : seats;
    int rc = 0;
    for (int64_t round = 0; rc == 0 && left > 0 && round < cap && m > 0; round++) {
        /* the units at their cap leave the ranking, with a note */
        size_t kept = 0;
        for (size_t j = 0; j < m; j++) {
            if (!at_cap(caps, us, order[j]))
                order[kept++] = order[j];
            else if (j < (size_t)left)
                psi_buf_printf(c->notes, "%s has %lld candidate(s): its remainder seat passes "
                                         "to the next remainder\n",
                               unames[order[j]], (long long)caps[order[j]]);
        }
        m = kept;
        if (m == 0)
            break;
        size_t give = (size_t)left < m ? (size_t)left : m;
        if (give < m && rem[order[give - 1]] == rem[order[give]]) {
            size_t lo = give - 1, hi = give;
            while (lo > 0 && rem[order[lo - 1]] == rem[order[give]])
                lo--;
            while (hi < m && rem[order[hi]] == rem[order[give]])
                hi++;
            psi_tie_ctx tc;
            ps_apportion_options o = law->apportion;
            o.names = NULL;
            psi_tie_ctx_init(&tc, &o);
            tc.map = list_of;
            rc = psi_tie_decide(&tc, order + lo, hi - lo, give - lo, seats, "equal remainders",
                                c->err);
            keep_tie(c, tc.tie, list_of);
            if (rc < 0)
                break;
        }
        for (size_t j = 0; j < give; j++)
            us[order[j]]++;
        left -= (int64_t)give;
    }
    /* largest averages for what is left: the highest votes / (seats + 1) */
    while (rc == 0 && left > 0) {
        size_t best = k;
        for (size_t u = 0; u < k; u++)
            if (uv[u] > 0 && !at_cap(caps, us, u) &&
                (best == k ||
                 wide(uv[u]) * wide(us[best] + 1) > wide(uv[best]) * wide(us[u] + 1)))
                best = u;
        if (best == k) {
            psi_buf_printf(c->notes, "%lld seat(s) stay empty: every list is exhausted\n",
                           (long long)left);
            break;
        }
        us[best]++;
        left--;
    }
    if (rc == 0 && small_council_rule(law))
        psi_buf_printf(c->notes, "remainder seats only to lists with %lld/%lld of the quota, "
                                 "at most %lld each\n",
                       (long long)law->remainder_share.num,
                       (long long)(law->remainder_share.den ? law->remainder_share.den : 1),
                       (long long)cap);
    psi_free(rem);
    psi_free(order);
    return rc;
}

/* `seats` among k units by the law's method (no threshold: eligibility is
 * decided); a unit with 0 votes gets nothing. */
static int share(int64_t *us, const int64_t *uv, size_t k, int64_t seats,
                 const char *const *unames, const size_t *list_of, pool_ctx *c)
{
    memset(us, 0, k * sizeof *us);
    if (seats == 0)
        return 0;
    if (!ps_method_is_divisor(c->law->apportion.method) && small_council_rule(c->law))
        return remainder_rule(us, uv, NULL, k, seats, unames, list_of, c);
    ps_apportion_options o = c->law->apportion;
    o.seats = seats;
    o.threshold = PS_THRESHOLD_NONE;
    o.exempt = NULL;
    o.direct_wins = NULL;
    o.exempt_if_wins = 0;
    o.names = unames;
    ps_apportionment *a = NULL;
    int rc = ps_apportion(&a, uv, k, &o, c->err);
    if (rc < 0)
        return rc;
    memcpy(us, a->seats, k * sizeof *us);
    keep_tie(c, a->tie, list_of);
    a->tie = NULL;
    ps_apportionment_free(a);
    return 0;
}

/* share() with caps (-1: none): capped units are fixed at their cap and the
 * rest shared again; seats no unit can take stay empty (noted). */
static int share_capped(int64_t *us, const int64_t *uv, const int64_t *caps, size_t k,
                        int64_t seats, const char *const *unames, const size_t *list_of,
                        pool_ctx *c)
{
    bool any_cap = false;
    for (size_t u = 0; caps && u < k; u++)
        any_cap |= caps[u] >= 0;
    if (c->law->apportion.method == PS_HARE && any_cap)
        return remainder_rule(us, uv, caps, k, seats, unames, list_of, c);
    int64_t *live = psi_malloc_array(k, sizeof *live);
    int64_t *got = psi_malloc_array(k, sizeof *got);
    bool *fixed = psi_calloc(k, sizeof *fixed);
    int rc = live && got && fixed ? 0 : psi_enomem(c->err);
    int64_t left = seats;
    memset(us, 0, k * sizeof *us);
    while (rc == 0) {
        bool any = false;
        for (size_t u = 0; u < k; u++) {
            live[u] = fixed[u] ? 0 : uv[u];
            any |= live[u] > 0;
        }
        if (!any) {
            if (left > 0)
                psi_buf_printf(c->notes, "%lld seat(s) stay empty: every list is exhausted\n",
                               (long long)left);
            break;
        }
        if ((rc = share(got, live, k, left, unames, list_of, c)) < 0)
            break;
        bool over = false;
        for (size_t u = 0; caps && u < k; u++)
            if (!fixed[u] && caps[u] >= 0 && got[u] > caps[u]) {
                fixed[u] = over = true;
                us[u] = caps[u];
                left -= caps[u];
                psi_buf_printf(c->notes, "%s has %lld candidate(s) for %lld seats: the "
                                         "others take the rest\n",
                               unames[u], (long long)caps[u], (long long)got[u]);
            }
        if (!over) {
            for (size_t u = 0; u < k; u++)
                if (!fixed[u])
                    us[u] = got[u];
            break;
        }
    }
    psi_free(live);
    psi_free(got);
    psi_free(fixed);
    return rc;
}

/* The units: unit_of[i] for each eligible list (k units), in the order of
 * their first list; an alliance pools the votes of its eligible lists. */
typedef struct units {
    size_t k;
    size_t *unit_of;      /* n: unit of list i, or SIZE_MAX (not eligible) */
    size_t *first;        /* k: the unit's first list */
    int64_t *votes, *caps; /* k */
    const char **name;    /* k: the alliance's label, or the list's name */
    size_t *members;      /* k: number of lists */
    bool *pooled;         /* k: an alliance's unit */
} units;

static void units_free(units *u)
{
    psi_free(u->unit_of);
    psi_free(u->first);
    psi_free(u->votes);
    psi_free(u->caps);
    psi_free(u->name);
    psi_free(u->members);
    psi_free(u->pooled);
}

static bool same_alliance(const ps_votes *v, size_t i, size_t j)
{
    return v->alliance && v->alliance[i] && v->alliance[j] &&
           !strcmp(v->alliance[i], v->alliance[j]);
}

static int units_make(units *u, const ps_system *law, const ps_votes *v, const bool *eligible,
                      ps_error *err)
{
    size_t n = v->n_parties;
    memset(u, 0, sizeof *u);
    u->unit_of = psi_malloc_array(n, sizeof *u->unit_of);
    u->first = psi_malloc_array(n, sizeof *u->first);
    u->votes = psi_calloc(n, sizeof *u->votes);
    u->caps = psi_malloc_array(n, sizeof *u->caps);
    u->name = psi_malloc_array(n, sizeof *u->name);
    u->members = psi_calloc(n, sizeof *u->members);
    u->pooled = psi_calloc(n, sizeof *u->pooled);
    if (!u->unit_of || !u->first || !u->votes || !u->caps || !u->name || !u->members ||
        !u->pooled)
        return psi_enomem(err);
    for (size_t i = 0; i < n; i++) {
        u->unit_of[i] = SIZE_MAX;
        if (!eligible[i])
            continue;
        bool pooled = law->alliances && v->alliance && v->alliance[i];
        for (size_t j = 0; pooled && law->alliance_needs_all_eligible && j < n; j++)
            if (!eligible[j] && same_alliance(v, i, j))
                pooled = false;
        size_t t = u->k;
        for (size_t j = 0; pooled && j < i; j++)
            if (u->unit_of[j] != SIZE_MAX && u->pooled[u->unit_of[j]] && same_alliance(v, i, j)) {
                t = u->unit_of[j];
                break;
            }
        if (t == u->k) {
            u->first[t] = i;
            u->caps[t] = 0;
            u->name[t] = pooled ? v->alliance[i] : v->parties[i];
            u->pooled[t] = pooled;
            u->k++;
        }
        u->unit_of[i] = t;
        u->members[t]++;
        u->votes[t] += v->votes[i];
        int64_t cap = v->candidates ? v->candidates[i] : -1;
        if (!law->list_exhaustion || cap < 0 || u->caps[t] < 0)
            u->caps[t] = -1;
        else
            u->caps[t] += cap;
    }
    return 0;
}

int psi_system_proportional(int64_t *prop, const ps_system *law, const ps_votes *v,
                            const bool *eligible, int64_t pool, ps_tie **tie, psi_buf *notes,
                            ps_error *err)
{
    size_t n = v->n_parties;
    pool_ctx c = {law, tie, notes, err};
    units u;
    int rc = units_make(&u, law, v, eligible, err);
    int64_t *us = rc == 0 ? psi_calloc(n, sizeof *us) : NULL;
    int64_t *mv = us ? psi_calloc(n, sizeof *mv) : NULL;
    int64_t *mc = mv ? psi_malloc_array(n, sizeof *mc) : NULL;
    int64_t *ms = mc ? psi_calloc(n, sizeof *ms) : NULL;
    size_t *mlist = ms ? psi_malloc_array(n, sizeof *mlist) : NULL;
    const char **mname = mlist ? psi_malloc_array(n, sizeof *mname) : NULL;
    if (rc == 0 && !mname)
        rc = psi_enomem(err);
    if (rc == 0 && u.k == 0)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0, "no list passed the threshold");
    if (rc == 0)
        rc = share_capped(us, u.votes, law->list_exhaustion ? u.caps : NULL, u.k, pool, u.name,
                          u.first, &c);
    /* each unit's seats among its lists, by the same method or the law's
     * alliance_split (without the small-council rule, which is the whole
     * council's: Kieswet P 11 has none) */
    ps_system split_law = *law;
    if (law->alliance_split_given) {
        split_law.apportion.method = law->alliance_split;
        split_law.remainder_share = (ps_ratio){0, 0};
        split_law.max_remainder_seats = 0;
    }
    pool_ctx split = {&split_law, tie, notes, err};
    for (size_t t = 0; rc == 0 && t < u.k; t++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (u.unit_of[i] == t) {
                mv[m] = v->votes[i];
                mc[m] = v->candidates && law->list_exhaustion ? v->candidates[i] : -1;
                mname[m] = v->parties[i];
                mlist[m++] = i;
            }
        if (m == 1) {
            prop[mlist[0]] = us[t];
            continue;
        }
        rc = share_capped(ms, mv, law->list_exhaustion ? mc : NULL, m, us[t], mname, mlist,
                          &split);
        for (size_t j = 0; rc == 0 && j < m; j++)
            prop[mlist[j]] = ms[j];
        if (rc == 0 && !law->alliance_split_given)
            psi_buf_printf(notes, "alliance %s: %lld seats together, split among its %zu lists\n",
                           u.name[t], (long long)us[t], m);
        else if (rc == 0)
            psi_buf_printf(notes, "alliance %s: %lld seats together, split among its %zu lists "
                                  "by %s%s\n",
                           u.name[t], (long long)us[t], m, ps_method_name(law->alliance_split),
                           ps_method_is_divisor(law->alliance_split)
                               ? ""
                               : " on the alliance's own quota (its votes / its seats)");
    }
    psi_free(us);
    psi_free(mv);
    psi_free(mc);
    psi_free(ms);
    psi_free(mlist);
    psi_free(mname);
    units_free(&u);
    return rc;
}

/* ---- the majority clause --------------------------------------------------- */

/* d(s) of a divisor method as num/den: the divisor of the (s+1)-th seat. */
bool psi_system_divisor(ps_method m, ps_ratio first, int64_t s, psi_u128 *num, psi_u128 *den)
{
    *den = 1;
    switch (m) {
    case PS_DHONDT: *num = wide(s) + 1; return true;
    case PS_SAINTE_LAGUE: *num = 2 * wide(s) + 1; return true;
    case PS_IMPERIALI: *num = wide(s) + 2; return true;
    case PS_DANISH: *num = 3 * wide(s) + 1; return true;
    case PS_MODIFIED_SAINTE_LAGUE:
        if (s > 0) {
            *num = 2 * wide(s) + 1;
        } else {
            *num = wide(first.num ? first.num : 7);
            *den = wide(first.den ? first.den : 5);
        }
        return true;
    default: return false;
    }
}

int psi_system_cmp_quotients(const ps_system *law, int64_t av, int64_t as, int64_t bv,
                             int64_t bs)
{
    psi_u128 an = 1, ad = 1, bn = 1, bd = 1;
    (void)psi_system_divisor(law->apportion.method, law->apportion.first_divisor, as, &an, &ad);
    (void)psi_system_divisor(law->apportion.method, law->apportion.first_divisor, bs, &bn, &bd);
    /* av * ad / an against bv * bd / bn; the divisors of a seat count fit 64 bits */
    uint64_t x[3] = {(uint64_t)av, (uint64_t)ad, (uint64_t)bn};
    uint64_t y[3] = {(uint64_t)bv, (uint64_t)bd, (uint64_t)an};
    return psi_cmp_products(x, 3, y, 3);
}

int psi_system_majority_clause(ps_system_result *r, const ps_system *law, const ps_votes *v,
                               const int64_t *prop, psi_buf *notes, ps_error *err)
{
    size_t n = v->n_parties, maj = n;
    for (size_t i = 0; i < n; i++)
        if (wide(v->votes[i]) * 2 > wide(r->votes_total))
            maj = i;
    if (maj == n || 2 * r->seats[maj] > law->apportion.seats)
        return 0;
    /* the list that won the last seat: the smallest quotient of a last seat
     * (divisor methods), or the smallest remainder that won a seat */
    ps_method m = law->apportion.method;
    bool divisor = ps_method_is_divisor(m);
    size_t last = n;
    bool level = false;
    psi_u128 bn = 0, bd = 1, num, den;
    psi_u128 total = wide(r->votes_total), seats = wide(law->apportion.seats);
    for (size_t j = 0; j < n; j++) {
        if (j == maj || prop[j] == 0)
            continue;
        psi_u128 qn, qd;
        if (divisor) {
            if (!psi_system_divisor(m, law->apportion.first_divisor, prop[j] - 1, &num, &den))
                return psi_error(err, PS_EDATA, NULL, 0, 0,
                                 "the majority clause is defined here for D'Hondt, "
                                 "Sainte-Lague, modified Sainte-Lague, Imperiali and Danish "
                                 "divisors and for largest remainders, not %s",
                                 ps_method_name(m));
            qn = wide(v->votes[j]) * den; /* votes / d = votes * den / num */
            qd = num;
        } else {
            psi_u128 scaled = wide(v->votes[j]) * seats;
            if (wide(prop[j]) <= scaled / total)
                continue; /* no remainder seat */
            qn = scaled % total;
            qd = 1;
        }
        if (last == n || qn * bd < bn * qd) {
            last = j;
            bn = qn;
            bd = qd;
            level = false;
        } else if (qn * bd == bn * qd) {
            level = true;
        }
    }
    if (last == n)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "%s has a majority of the votes but not of the seats, and no other "
                         "list won a seat that the majority clause could take",
                         v->parties[maj]);
    if (level && law->apportion.ties == PS_TIES_ERROR)
        return psi_error(err, PS_ETIE, NULL, 0, 0,
                         "the majority clause takes the last seat won, and two lists won it "
                         "level with %s; the law must say which (ties first)",
                         v->parties[last]);
    r->seats[last]--;
    r->seats[maj]++;
    r->moved[last] = -1;
    r->moved[maj] = 1;
    psi_buf_printf(notes, "majority clause: %s, with a majority of the votes, takes the last "
                          "seat won, from %s\n",
                   v->parties[maj], v->parties[last]);
    return 0;
}
