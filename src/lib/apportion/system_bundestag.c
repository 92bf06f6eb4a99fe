/*
 * system_bundestag.c - the Bundestag's growing house (system.h,
 * ps_bundestag_rule; Federal Electoral Act section 6 as amended in 2013
 * and 2020).
 *
 * 1. Eligibility: the law's threshold on the national votes, waived for
 *    exempt_if_wins constituency wins and for the lists the law names
 *    (the national minority's SSW).
 * 2. The first distribution: each district's (Land's) seats among the
 *    eligible lists there, by the method.
 * 3. Minimums: a Land list's is the larger of its constituency wins and
 *    its first-distribution seats (2013) or the mean of both rounded up
 *    (2020); a party's is the sum over its lists, and at least its
 *    first-distribution total. Its threatened overhang is the sum of its
 *    lists' wins above their first-distribution seats.
 * 4. The house: from the law's seats upward, the first size at which the
 *    national distribution by the method leaves the parties short of their
 *    minimums by no more than `uncompensated` seats in all (each party by
 *    no more than its threatened overhang); the parties short keep those
 *    seats on top, and the house grows by them.
 * 5. Each party's seats go to its Land lists by the method, each list at
 *    least its floor (its wins, 2013; its minimum, 2020): from the floors,
 *    the highest votes / d(seats) wins each further seat.
 *
 * The fixed house (2023: BWG sections 1 and 4-6 as amended on 8 June 2023,
 * the 3-constituency clause kept by the Federal Constitutional Court's
 * judgment of 30 July 2024, 2 BvF 1/23) keeps step 1 and replaces the rest:
 * the law's seats go to the parties by the method on their national votes
 * (section 4 (2), the Oberverteilung), with the majority clause of section
 * 4 (4); each party's seats to its Land lists by the method, no floor
 * (section 4 (3), the Unterverteilung; step 5 from zero); a list's
 * constituency winners are seated as far as its seats go, the others not
 * (section 6 (1), Zweitstimmendeckung).
 *
 * The method's distributions are exact (ps_apportion); a tie that decides
 * a seat follows the law's ties policy.
 */
#include <stdio.h>
#include <string.h>

#include "apportion_impl.h"
#include "system_impl.h"

typedef struct bt {
    const ps_system *law;
    const ps_votes *v;
    size_t n, nd;        /* lists; the law's districts */
    size_t *law_of;      /* the votes' district -> the law's */
    int64_t *votes;      /* n * nd, in the law's district order */
    int64_t *wins;       /* n * nd */
    int64_t *national;   /* n */
    int64_t *first;      /* n * nd: the first distribution */
    int64_t *minimum;    /* n * nd: each Land list's minimum */
    int64_t *party_min;  /* n */
    int64_t *overhang;   /* n: threatened overhang */
    int64_t *at_size;    /* n: the national distribution at the house size */
    ps_tie **tie;
    psi_buf *notes;
    ps_error *err;
} bt;

static void bt_free(bt *b)
{
    psi_free(b->law_of);
    psi_free(b->votes);
    psi_free(b->wins);
    psi_free(b->national);
    psi_free(b->first);
    psi_free(b->minimum);
    psi_free(b->party_min);
    psi_free(b->overhang);
    psi_free(b->at_size);
}

/* seats among the n lists' votes (0 for the ineligible) by the law's
 * method, no threshold: into out[n]. */
static int distribute(bt *b, int64_t *out, const int64_t *votes, const bool *eligible,
                      int64_t seats)
{
    size_t n = b->n;
    int64_t *live = psi_calloc(n, sizeof *live);
    if (!live)
        return psi_enomem(b->err);
    for (size_t p = 0; p < n; p++)
        live[p] = eligible[p] ? votes[p] : 0;
    ps_apportion_options o = b->law->apportion;
    o.seats = seats;
    o.threshold = PS_THRESHOLD_NONE;
    o.exempt = NULL;
    o.direct_wins = NULL;
    o.exempt_if_wins = 0;
    o.names = (const char *const *)b->v->parties;
    ps_apportionment *a = NULL;
    int rc = ps_apportion(&a, live, n, &o, b->err);
    if (rc == 0) {
        memcpy(out, a->seats, n * sizeof *out);
        if (a->tie && !*b->tie) {
            *b->tie = a->tie;
            a->tie = NULL;
        }
        ps_apportionment_free(a);
    }
    psi_free(live);
    return rc;
}

static bool named_exempt(const ps_system *law, const char *party)
{
    for (size_t i = 0; i < law->n_exempt; i++)
        if (!strcmp(law->exempt[i], party))
            return true;
    return false;
}

/* The votes and wins in the law's district order, the national votes,
 * and eligibility (step 1). */
static int gather(bt *b, ps_system_result *r, const bool *others)
{
    const ps_votes *v = b->v;
    size_t n = b->n, nd = b->nd, nv = v->n_districts;
    int rc = psi_system_match_districts(b->law_of, b->law, v, b->err);
    if (rc < 0)
        return rc;
    if (!v->district_wins)
        return psi_error(b->err, PS_EDATA, NULL, 0, 0,
                         "the law %s counts each Land list's constituency wins: give them in a "
                         "direct_wins column of the votes by district",
                         b->law->id ? b->law->id : "given");
    int64_t total = 0;
    for (size_t p = 0; p < n; p++)
        for (size_t d = 0; d < nv; d++) {
            size_t k = b->law_of[d];
            b->votes[p * nd + k] = v->votes[p * nv + d];
            b->wins[p * nd + k] = v->district_wins[p * nv + d];
            b->national[p] += v->votes[p * nv + d];
            total += v->votes[p * nv + d];
        }
    r->votes_total = total;
    const ps_apportion_options *o = &b->law->apportion;
    for (size_t p = 0; p < n; p++) {
        bool passes = o->threshold != PS_THRESHOLD_SHARE;
        if (!passes) {
            uint64_t a[2] = {(uint64_t)b->national[p], (uint64_t)o->threshold_share.den};
            uint64_t c[2] = {(uint64_t)total, (uint64_t)o->threshold_share.num};
            passes = psi_cmp_products(a, 2, c, 2) >= 0;
        }
        bool exempt = (o->exempt_if_wins && v->direct_wins[p] >= o->exempt_if_wins) ||
                      named_exempt(b->law, v->parties[p]);
        r->eligible[p] = !(others && others[p]) && (passes || exempt);
        if (!r->eligible[p] && v->direct_wins[p] > 0 && !(others && others[p]) &&
            !b->law->bundestag.fixed_house)
            return psi_error(b->err, PS_EDATA, NULL, 0, 0,
                             "%s won %lld constituencies but takes no part in the "
                             "distribution: seats kept outside it (section 6 (1)) are not "
                             "modelled here",
                             v->parties[p], (long long)v->direct_wins[p]);
    }
    return 0;
}

/* Steps 2-3: the first distribution and the minimums. */
static int minimums(bt *b, const ps_system_result *r)
{
    size_t n = b->n, nd = b->nd;
    int64_t *col = psi_calloc(n, sizeof *col), *got = psi_calloc(n, sizeof *got);
    int rc = col && got ? 0 : psi_enomem(b->err);
    for (size_t k = 0; rc == 0 && k < nd; k++) {
        for (size_t p = 0; p < n; p++)
            col[p] = b->votes[p * nd + k];
        rc = distribute(b, got, col, r->eligible, b->law->district_seats[k]);
        for (size_t p = 0; rc == 0 && p < n; p++)
            b->first[p * nd + k] = got[p];
    }
    for (size_t p = 0; rc == 0 && p < n; p++) {
        int64_t sum = 0, first = 0;
        for (size_t k = 0; k < nd; k++) {
            int64_t w = b->wins[p * nd + k], s = b->first[p * nd + k];
            int64_t m = b->law->bundestag.mean_minimum ? (w + s + 1) / 2 : s;
            b->minimum[p * nd + k] = m > w ? m : w;
            sum += b->minimum[p * nd + k];
            first += s;
            b->overhang[p] += w > s ? w - s : 0;
        }
        b->party_min[p] = r->eligible[p] ? (sum > first ? sum : first) : 0;
    }
    psi_free(col);
    psi_free(got);
    return rc;
}

/* Step 4: the house size, and each party's seats into r->seats. */
static int house(bt *b, ps_system_result *r)
{
    size_t n = b->n;
    int64_t base = b->law->apportion.seats, limit = 20 * base;
    int64_t allowed = b->law->bundestag.uncompensated;
    for (int64_t size = base; size <= limit; size++) {
        int rc = distribute(b, b->at_size, b->national, r->eligible, size);
        if (rc < 0)
            return rc;
        int64_t short_total = 0;
        bool fits = true;
        for (size_t p = 0; p < n; p++) {
            int64_t s = b->party_min[p] > b->at_size[p] ? b->party_min[p] - b->at_size[p] : 0;
            short_total += s;
            fits &= s <= b->overhang[p];
        }
        if (!fits || short_total > allowed)
            continue;
        r->house = size + short_total;
        for (size_t p = 0; p < n; p++) {
            r->overhang[p] = b->party_min[p] > b->at_size[p] ? b->party_min[p] - b->at_size[p]
                                                              : 0;
            r->seats[p] = b->at_size[p] + r->overhang[p];
        }
        psi_buf_printf(b->notes,
                       "the house grows from %lld to %lld seats, where the national "
                       "distribution gives every party its minimum%s\n",
                       (long long)base, (long long)size,
                       short_total ? " but for the overhang left uncompensated" : "");
        for (size_t p = 0; p < n; p++)
            if (r->overhang[p])
                psi_buf_printf(b->notes,
                               "%s keeps %lld overhang seat(s) uncompensated (%lld by the "
                               "distribution, %lld its minimum): the house has %lld seats\n",
                               b->v->parties[p], (long long)r->overhang[p],
                               (long long)b->at_size[p], (long long)b->party_min[p],
                               (long long)r->house);
        return 0;
    }
    return psi_error(b->err, PS_EDATA, NULL, 0, 0,
                     "no house of up to %lld seats gives every party its minimum",
                     (long long)limit);
}

/* Step 5: party p's seats to its Land lists from their floors, each
 * further seat to the highest votes / d(seats) (d by the law's method). */
static int lists(bt *b, ps_system_result *r, size_t p)
{
    size_t nd = b->nd;
    int64_t *s = r->by_district + p * nd, left = r->seats[p];
    for (size_t k = 0; k < nd; k++) {
        s[k] = b->law->bundestag.fixed_house     ? 0
               : b->law->bundestag.floor_minimum ? b->minimum[p * nd + k]
                                                 : b->wins[p * nd + k];
        left -= s[k];
    }
    if (left < 0)
        return psi_error(b->err, PS_EDATA, NULL, 0, 0,
                         "%s's lists need %lld seats more than its %lld", b->v->parties[p],
                         (long long)-left, (long long)r->seats[p]);
    ps_ratio first = b->law->apportion.first_divisor;
    for (; left > 0; left--) {
        size_t best = nd;
        bool level = false;
        uint64_t bv = 0, bn = 1, bd = 1; /* the best: bv / (bn / bd) */
        for (size_t k = 0; k < nd; k++) {
            psi_u128 dn, dd;
            if (b->votes[p * nd + k] == 0 ||
                !psi_system_divisor(b->law->apportion.method, first, s[k], &dn, &dd))
                continue;
            uint64_t kv = (uint64_t)b->votes[p * nd + k], kn = (uint64_t)dn, kd = (uint64_t)dd;
            /* kv * kd / kn against bv * bd / bn */
            uint64_t x[3] = {kv, kd, bn}, y[3] = {bv, bd, kn};
            int c = best == nd ? 1 : psi_cmp_products(x, 3, y, 3);
            if (c > 0) {
                best = k, bv = kv, bn = kn, bd = kd, level = false;
            } else if (c == 0) {
                level = true;
            }
        }
        if (best == nd)
            return psi_error(b->err, PS_EDATA, NULL, 0, 0, "%s has seats but no votes",
                             b->v->parties[p]);
        if (level && left == 1 && b->law->apportion.ties == PS_TIES_ERROR)
            return psi_error(b->err, PS_ETIE, NULL, 0, 0,
                             "%s's last seat is tied between Land lists", b->v->parties[p]);
        s[best]++;
    }
    return 0;
}

/* The fixed house: the law's seats among the eligible parties by their
 * national votes, then the majority clause (section 4 (4)): a party with
 * more than half of the eligible parties' votes and not more than half of
 * the seats gets k more, the fewest that give it more than half of the
 * house grown by them: s + k > (house + k) / 2. */
static int fixed_house(bt *b, ps_system_result *r)
{
    int64_t base = b->law->apportion.seats, eligible_votes = 0;
    int rc = distribute(b, r->seats, b->national, r->eligible, base);
    r->house = base;
    for (size_t p = 0; rc == 0 && p < b->n; p++)
        eligible_votes += r->eligible[p] ? b->national[p] : 0;
    for (size_t p = 0; rc == 0 && p < b->n; p++) {
        if (!r->eligible[p] || 2 * b->national[p] <= eligible_votes ||
            2 * r->seats[p] > r->house)
            continue;
        int64_t k = r->house - 2 * r->seats[p] + 1;
        r->seats[p] += k;
        r->house += k;
        psi_buf_printf(b->notes,
                       "%s has more than half of the votes of the parties taking part but not "
                       "of the seats: %lld more seat(s) (section 4 (4)), the house has %lld\n",
                       b->v->parties[p], (long long)k, (long long)r->house);
    }
    return rc;
}

/* Zweitstimmendeckung (section 6 (1)): a Land list's constituency winners
 * beyond its seats are not seated. Into r->uncovered_by_district, with a
 * note for each party that loses winners. */
static void coverage(bt *b, ps_system_result *r)
{
    size_t nd = b->nd;
    int64_t all = 0;
    for (size_t p = 0; p < b->n; p++) {
        int64_t wins = 0, lost = 0;
        for (size_t k = 0; k < nd; k++) {
            int64_t w = b->wins[p * nd + k], s = r->by_district[p * nd + k];
            r->uncovered_by_district[p * nd + k] = w > s ? w - s : 0;
            wins += w;
            lost += w > s ? w - s : 0;
        }
        all += lost;
        if (!lost)
            continue;
        psi_buf_printf(b->notes, "%s: %lld of its %lld constituency winners covered by its "
                                 "second votes, %lld not seated (",
                       b->v->parties[p], (long long)(wins - lost), (long long)wins,
                       (long long)lost);
        const char *sep = "";
        for (size_t k = 0; k < nd; k++)
            if (r->uncovered_by_district[p * nd + k]) {
                psi_buf_printf(b->notes, "%s%s %lld", sep, b->law->district[k],
                               (long long)r->uncovered_by_district[p * nd + k]);
                sep = ", ";
            }
        psi_buf_printf(b->notes, ")%s\n",
                       r->eligible[p] ? "" : ": the party takes no part in the distribution");
    }
    psi_buf_printf(b->notes,
                   "%lld constituency winner(s) in all not seated: their party's second "
                   "votes in their Land do not cover them (Zweitstimmendeckung)\n",
                   (long long)all);
}

int psi_system_bundestag(ps_system_result *r, const ps_system *law, const ps_votes *v,
                         const bool *others, psi_buf *notes, ps_error *err)
{
    size_t n = v->n_parties, nd = law->n_districts;
    if (nd == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the law %s takes its Land seats from each election: give them "
                         "(--district-seats)",
                         law->id ? law->id : "given");
    bt b = {.law = law, .v = v, .n = n, .nd = nd, .tie = &r->tie, .notes = notes, .err = err};
    b.law_of = psi_calloc(v->n_districts ? v->n_districts : 1, sizeof *b.law_of);
    b.votes = psi_calloc(n * nd, sizeof *b.votes);
    b.wins = psi_calloc(n * nd, sizeof *b.wins);
    b.first = psi_calloc(n * nd, sizeof *b.first);
    b.minimum = psi_calloc(n * nd, sizeof *b.minimum);
    b.national = psi_calloc(n, sizeof *b.national);
    b.party_min = psi_calloc(n, sizeof *b.party_min);
    b.overhang = psi_calloc(n, sizeof *b.overhang);
    b.at_size = psi_calloc(n, sizeof *b.at_size);
    r->by_district = psi_calloc(n * nd, sizeof *r->by_district);
    r->n_districts = nd;
    int rc = b.law_of && b.votes && b.wins && b.first && b.minimum && b.national &&
                     b.party_min && b.overhang && b.at_size && r->by_district
                 ? 0
                 : psi_enomem(err);
    bool fixed = law->bundestag.fixed_house;
    if (rc == 0 && fixed &&
        !(r->uncovered_by_district = psi_calloc(n * nd, sizeof *r->uncovered_by_district)))
        rc = psi_enomem(err);
    if (rc == 0)
        rc = gather(&b, r, others);
    if (rc == 0)
        rc = fixed ? fixed_house(&b, r) : minimums(&b, r);
    if (rc == 0 && !fixed)
        rc = house(&b, r);
    for (size_t p = 0; rc == 0 && p < n; p++)
        if (r->eligible[p])
            rc = lists(&b, r, p);
    if (rc == 0 && fixed)
        coverage(&b, r);
    bt_free(&b);
    return rc;
}
