/*
 * system_tiers.c - a law with districts and a leveling tier (system.h):
 * each district's seats, then the leveling seats from the national share.
 *
 * The national share is computed as Norway's Election Act does it (and
 * Sweden's and Denmark's in outline): all the seats (district and
 * leveling) shared by the leveling method among the lists over the
 * leveling threshold, once the district seats of the lists under it are
 * set aside; a list that won more district seats than its share keeps them
 * and is set aside too, and the share is computed again without it, until
 * no list is over its share. A list's leveling seats are its share minus
 * its district seats.
 *
 * Sweden's Elections Act (vallagen 2005:837, chapter 14, as amended by SFS
 * 2014:1384 for 2018; the Instrument of Government, chapter 3, sections
 * 7-8) differs in three rules, each an option of the law file: a list
 * under the national 4% takes part in the district seats of a constituency
 * where it has 12% (district_threshold; its seats are then kept outside
 * the national share); a list over its share returns the surplus, its
 * seats won with the lowest comparison numbers first, in constituencies of
 * three seats or more, each to the other list there with the highest
 * comparison number among those still under their share (14:4 a; the
 * cases 4 a does not settle are refused, not guessed); and the adjustment
 * seats are placed list by list where the list's comparison number votes /
 * (2s + 1) is highest, s its seats there so far (14:6: divisor 1 where it
 * has none), with no cap per constituency.
 *
 * Denmark's Folketingsvalglov, section 77 (district_seat_qualifies): a list
 * that won a constituency seat takes part in the national share whatever
 * its share of the votes; the share is by largest remainders (Hare), and a
 * list over it keeps its constituency seats and is set aside (77(4)).
 */
#include <gmp.h>
#include <stdio.h>
#include <string.h>

#include "system_impl.h"

/* The votes table's district d_v is the law's district law_of[d_v]. */
int psi_system_match_districts(size_t *law_of, const ps_system *law, const ps_votes *v,
                               ps_error *err)
{
    if (!v->n_districts)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "the law %s has %zu districts: give the votes with a district column",
                         law->id ? law->id : "given", law->n_districts);
    bool *seen = psi_calloc(law->n_districts, sizeof *seen);
    if (!seen)
        return psi_enomem(err);
    int rc = 0;
    for (size_t d = 0; rc == 0 && d < v->n_districts; d++) {
        size_t k = 0;
        while (k < law->n_districts && strcmp(law->district[k], v->districts[d]))
            k++;
        if (k == law->n_districts)
            rc = psi_error(err, PS_EDATA, NULL, 0, 0, "district '%s' is not one of the law's",
                           v->districts[d]);
        else
            seen[k] = true, law_of[d] = k;
    }
    for (size_t k = 0; rc == 0 && k < law->n_districts; k++)
        if (!seen[k] && law->district_seats[k] > 0)
            rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                           "the law's district '%s' (%lld seats) has no votes in the table",
                           law->district[k], (long long)law->district_seats[k]);
    psi_free(seen);
    return rc;
}

/* votes >= share * total, exactly. */
static bool over_share(int64_t votes, ps_ratio share, int64_t total)
{
    return (psi_u128)(uint64_t)votes * (uint64_t)share.den >=
           (psi_u128)(uint64_t)share.num * (uint64_t)total;
}

/* All the votes of the table's district d (not 0 when a list there has
 * votes). */
static int64_t district_total(const ps_votes *v, size_t d)
{
    int64_t total = 0;
    for (size_t p = 0; p < v->n_parties; p++)
        total += v->votes[p * v->n_districts + d];
    return total;
}

/* Who takes part in the seats of district k, when the law has others
 * entries or a district threshold: the law's threshold there (of all the
 * district's votes, others included), or the district threshold's share
 * of them or the leveling threshold nationally (passes); never an others
 * entry. The lists left out get 0 votes in col, and o no threshold, so
 * that ps_apportion shares the seats among the rest. admitted[p]: the list
 * takes part by the district threshold alone. */
static int take_part(int64_t *col, bool *admitted, ps_apportion_options *o,
                     const ps_system *law, const ps_votes *v, const bool *others,
                     const bool *passes, ps_error *err)
{
    size_t n = v->n_parties;
    int64_t total = 0;
    for (size_t p = 0; p < n; p++)
        total += col[p];
    ps_apportion_options e = *o;
    e.seats = 0;
    if (e.threshold == PS_THRESHOLD_QUOTA) /* one full quota of the district */
        e.threshold = o->seats ? PS_THRESHOLD_SHARE : PS_THRESHOLD_NONE,
        e.threshold_share = (ps_ratio){1, o->seats ? o->seats : 1};
    ps_apportionment *a = NULL;
    int rc = ps_apportion(&a, col, n, &e, err);
    if (rc < 0)
        return rc;
    for (size_t p = 0; p < n; p++) {
        bool in = a->eligible[p] && !(others && others[p]);
        admitted[p] = false;
        if (in && law->district_threshold.den && !passes[p])
            in = admitted[p] = col[p] > 0 && over_share(col[p], law->district_threshold, total);
        if (!in)
            col[p] = 0;
    }
    o->threshold = PS_THRESHOLD_NONE;
    ps_apportionment_free(a);
    return 0;
}

/* Each district by the law's method and district threshold. */
static int district_seats(ps_system_result *r, const ps_system *law, const ps_votes *v,
                          const size_t *law_of, const bool *others, const bool *passes,
                          psi_buf *notes, ps_tie **tie, ps_error *err)
{
    size_t n = v->n_parties, nv = v->n_districts, nd = law->n_districts;
    int64_t *col = psi_malloc_array(n, sizeof *col);
    bool *admitted = psi_calloc(n, sizeof *admitted);
    if (!col || !admitted) {
        psi_free(col);
        psi_free(admitted);
        return psi_enomem(err);
    }
    int rc = 0;
    for (size_t d = 0; rc == 0 && d < nv; d++) {
        size_t k = law_of[d];
        for (size_t p = 0; p < n; p++)
            col[p] = v->votes[p * nv + d];
        ps_apportion_options o = law->apportion;
        o.seats = law->district_seats[k];
        o.names = (const char *const *)v->parties;
        o.exempt_if_wins = 0;
        if (others || law->district_threshold.den)
            rc = take_part(col, admitted, &o, law, v, others, passes, err);
        ps_apportionment *a = NULL;
        if (rc < 0 || (rc = ps_apportion(&a, col, n, &o, err)) < 0) {
            size_t len = strlen(err ? err->message : "");
            if (err)
                snprintf(err->message + len, sizeof err->message - len, " (district '%s')",
                         law->district[k]);
            break;
        }
        for (size_t p = 0; p < n; p++) {
            r->by_district[p * nd + k] = a->seats[p];
            if (law->district_threshold.den && admitted[p])
                psi_buf_printf(notes,
                               "%s, under the leveling threshold, has %.4g%% of the votes in '%s' "
                               "(the district threshold: %.4g%%): it takes part in the district's "
                               "seats there and wins %lld\n",
                               v->parties[p],
                               100.0 * (double)v->votes[p * nv + d] / (double)district_total(v, d),
                               law->district[k],
                               100.0 * (double)law->district_threshold.num /
                                   (double)law->district_threshold.den,
                               (long long)a->seats[p]);
        }
        if (a->tie && !*tie) {
            *tie = a->tie;
            a->tie = NULL;
        }
        ps_apportionment_free(a);
    }
    psi_free(col);
    psi_free(admitted);
    return rc;
}

/* The return of surplus district seats (system.h, surplus "return";
 * Sweden's 14:4 a): while a list in the national share holds more district
 * seats than its share, its seat won with the lowest comparison number, in
 * a district of return_min_district_seats seats or more, is taken back and
 * given in that district, by the district method, to the other list with
 * the highest comparison number among those in the national share and
 * still under it. What 4 a does not settle (no district to take the seat
 * back from, or no list there to take it: 14:4 b) is refused. */
static int give_back(ps_system_result *r, const ps_system *law, const int64_t *vk,
                     const int64_t *share, int64_t *district, const bool *in,
                     const char *const *names, psi_buf *notes, ps_error *err)
{
    size_t n = r->n, nd = law->n_districts;
    int64_t *seats = r->by_district, min = law->leveling.return_min_district_seats;
    bool ties = law->apportion.ties != PS_TIES_ERROR;
    for (;;) {
        size_t bp = n, bk = nd, over = n;
        bool level = false;
        for (size_t p = 0; p < n; p++) {
            if (!in[p] || district[p] <= share[p])
                continue;
            over = p;
            for (size_t k = 0; k < nd; k++) {
                int64_t s = seats[p * nd + k];
                if (s == 0 || law->district_seats[k] < min)
                    continue;
                int c = bp == n ? -1
                                : psi_system_cmp_quotients(law, vk[p * nd + k], s - 1,
                                                           vk[bp * nd + bk],
                                                           seats[bp * nd + bk] - 1);
                if (c < 0)
                    bp = p, bk = k, level = false;
                else if (c == 0)
                    level = true;
            }
        }
        if (over == n)
            return 0;
        if (bp == n)
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "%s holds %lld district seats, more than its national share of "
                             "%lld, and none in a district of %lld seats or more to return: "
                             "the law file gives no rule for that case, so it is refused "
                             "rather than guessed",
                             names[over], (long long)district[over], (long long)share[over],
                             (long long)min);
        if (level && !ties)
            return psi_error(err, PS_ETIE, NULL, 0, 0,
                             "tie for the district seat that %s returns first (its seat in '%s' "
                             "and another with the same comparison number); the law must say "
                             "which (ties first)",
                             names[bp], law->district[bk]);
        size_t q = n;
        level = false;
        for (size_t p = 0; p < n; p++) {
            if (p == bp || !in[p] || district[p] >= share[p] || vk[p * nd + bk] == 0)
                continue;
            int c = q == n ? 1
                           : psi_system_cmp_quotients(law, vk[p * nd + bk], seats[p * nd + bk],
                                                      vk[q * nd + bk], seats[q * nd + bk]);
            if (c > 0)
                q = p, level = false;
            else if (c == 0)
                level = true;
        }
        if (q == n)
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "%s returns its district seat in '%s', where no other list under its "
                             "national share has votes: the law's rule for that case is not "
                             "implemented",
                             names[bp], law->district[bk]);
        if (level && !ties)
            return psi_error(err, PS_ETIE, NULL, 0, 0,
                             "tie for the district seat that %s returns in '%s' (%s and another "
                             "with the same comparison number); the law must say which (ties "
                             "first)",
                             names[bp], law->district[bk], names[q]);
        seats[bp * nd + bk]--, district[bp]--;
        seats[q * nd + bk]++, district[q]++;
        psi_buf_printf(notes, "%s won more district seats than its national share of %lld: it "
                              "returns its seat in '%s', won with its lowest comparison number, "
                              "and %s takes it\n",
                       names[bp], (long long)share[bp], law->district[bk], names[q]);
    }
}

/* The leveling seats from the national share (see the top of the file). */
static int leveling(ps_system_result *r, const ps_system *law, const int64_t *national,
                    int64_t *district, const bool *passes, const int64_t *vk,
                    const char *const *names, psi_buf *notes, ps_error *err)
{
    size_t n = r->n;
    const ps_leveling_rule *L = &law->leveling;
    bool *in = psi_calloc(n, sizeof *in);
    int64_t *votes = psi_malloc_array(n, sizeof *votes);
    if (!in || !votes) {
        psi_free(in);
        psi_free(votes);
        return psi_enomem(err);
    }
    int64_t pool = law->apportion.seats;
    for (size_t p = 0; p < n; p++) {
        in[p] = passes[p];
        r->eligible[p] = in[p];
        if (!in[p])
            pool -= district[p];
    }
    int rc = 0;
    for (;;) {
        for (size_t p = 0; p < n; p++)
            votes[p] = in[p] ? national[p] : 0;
        ps_apportion_options o;
        ps_apportion_options_init(&o);
        o.method = L->method;
        o.first_divisor = L->first_divisor;
        o.seats = pool;
        o.ties = law->apportion.ties;
        o.names = names;
        ps_apportionment *a = NULL;
        if ((rc = ps_apportion(&a, votes, n, &o, err)) < 0)
            break;
        bool over = false;
        for (size_t p = 0; L->surplus == PS_SURPLUS_SET_ASIDE && p < n; p++)
            if (in[p] && district[p] > a->seats[p]) {
                in[p] = false;
                over = true;
                pool -= district[p];
                psi_buf_printf(notes, "%s won %lld district seats, more than its national "
                                      "share of %lld: it keeps them and takes no leveling "
                                      "seat\n",
                               names[p], (long long)district[p], (long long)a->seats[p]);
            }
        if (L->surplus == PS_SURPLUS_RETURN &&
            (rc = give_back(r, law, vk, a->seats, district, in, names, notes, err)) < 0) {
            ps_apportionment_free(a);
            break;
        }
        if (!over)
            for (size_t p = 0; p < n; p++)
                r->leveling[p] = in[p] ? a->seats[p] - district[p] : 0;
        ps_apportionment_free(a);
        if (!over)
            break;
    }
    int64_t given = 0;
    for (size_t p = 0; rc == 0 && p < n; p++)
        given += r->leveling[p];
    if (rc == 0 && given != L->seats)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "the national share leaves %lld leveling seats, not the law's %lld",
                       (long long)given, (long long)L->seats);
    psi_free(in);
    psi_free(votes);
    return rc;
}

/* Places the leveling seats in the districts (system.h, per_district):
 * the highest relative quotient wins, one seat at a time. */
static int place(ps_system_result *r, const ps_system *law, const ps_votes *v,
                 const size_t *law_of, ps_error *err)
{
    size_t n = r->n, nd = law->n_districts, nv = v->n_districts;
    const ps_leveling_rule *L = &law->leveling;
    int64_t *left = psi_malloc_array(n, sizeof *left), *room = psi_malloc_array(nd, sizeof *room);
    int64_t *vk = psi_calloc(n * nd, sizeof *vk), *tv = psi_calloc(nd, sizeof *tv);
    r->leveling_by_district = psi_calloc(n * nd, sizeof *r->leveling_by_district);
    int rc = left && room && vk && tv && r->leveling_by_district ? 0 : psi_enomem(err);
    mpq_t q, best;
    mpq_inits(q, best, NULL);
    for (size_t p = 0; rc == 0 && p < n; p++) {
        left[p] = r->leveling[p];
        for (size_t d = 0; d < nv; d++) {
            vk[p * nd + law_of[d]] = v->votes[p * nv + d];
            tv[law_of[d]] += v->votes[p * nv + d];
        }
    }
    for (size_t k = 0; rc == 0 && k < nd; k++)
        room[k] = L->per_district;
    for (int64_t seat = 0; rc == 0 && seat < L->seats; seat++) {
        size_t bp = n, bk = nd;
        bool level = false;
        for (size_t k = 0; k < nd; k++) {
            if (room[k] == 0 || tv[k] == 0 || law->district_seats[k] == 0)
                continue;
            for (size_t p = 0; p < n; p++) {
                if (left[p] == 0 || vk[p * nd + k] == 0)
                    continue;
                uint64_t s = (uint64_t)r->by_district[p * nd + k];
                uint64_t dv = L->district_method == PS_DHONDT ? s + 1 : 2 * s + 1;
                /* (votes / d) / (district votes / district seats) */
                mpz_set_ui(mpq_numref(q), (unsigned long)vk[p * nd + k]);
                mpz_mul_ui(mpq_numref(q), mpq_numref(q), (unsigned long)law->district_seats[k]);
                mpz_set_ui(mpq_denref(q), (unsigned long)dv);
                mpz_mul_ui(mpq_denref(q), mpq_denref(q), (unsigned long)tv[k]);
                mpq_canonicalize(q);
                int c = bp == n ? 1 : mpq_cmp(q, best);
                if (c > 0) {
                    mpq_set(best, q);
                    bp = p, bk = k, level = false;
                } else if (c == 0) {
                    level = true;
                }
            }
        }
        if (bp == n) {
            rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                           "no district can take the leveling seats still due");
        } else if (level && law->apportion.ties == PS_TIES_ERROR) {
            rc = psi_error(err, PS_ETIE, NULL, 0, 0,
                           "tie for leveling seat %lld between equal relative quotients (%s in "
                           "'%s' and another); the law must say which (ties first)",
                           (long long)seat + 1, v->parties[bp], law->district[bk]);
        } else {
            r->leveling_by_district[bp * nd + bk]++;
            left[bp]--;
            room[bk]--;
        }
    }
    mpq_clears(q, best, NULL);
    psi_free(left);
    psi_free(room);
    psi_free(vk);
    psi_free(tv);
    return rc;
}

/* Places each list's leveling seats (system.h, largest-quotient): one at a
 * time in the district where its votes / d(s) are highest, s its seats
 * there so far (district seats and the leveling seats placed before), d by
 * district_method; no cap per district, so the lists do not compete and
 * their order does not matter. */
static int place_largest(ps_system_result *r, const ps_system *law, const int64_t *vk,
                         const char *const *names, ps_error *err)
{
    size_t n = r->n, nd = law->n_districts;
    bool dhondt = law->leveling.district_method == PS_DHONDT;
    int64_t *placed = r->leveling_by_district = psi_calloc(n * nd, sizeof *placed);
    if (!placed)
        return psi_enomem(err);
    for (size_t p = 0; p < n; p++)
        for (int64_t seat = 0; seat < r->leveling[p]; seat++) {
            size_t best = nd;
            psi_u128 bv = 0, bd = 1;
            bool level = false;
            for (size_t k = 0; k < nd; k++) {
                psi_u128 x = (psi_u128)(uint64_t)vk[p * nd + k];
                uint64_t s = (uint64_t)(r->by_district[p * nd + k] + placed[p * nd + k]);
                psi_u128 d = dhondt ? (psi_u128)s + 1 : 2 * (psi_u128)s + 1;
                if (x == 0)
                    continue;
                /* x / d against bv / bd; both products stay under 2^127 */
                int c = best == nd ? 1 : (x * bd > bv * d) - (x * bd < bv * d);
                if (c > 0)
                    best = k, bv = x, bd = d, level = false;
                else if (c == 0)
                    level = true;
            }
            if (best == nd)
                return psi_error(err, PS_EDATA, NULL, 0, 0,
                                 "%s has leveling seats but no votes in any district", names[p]);
            if (level && law->apportion.ties == PS_TIES_ERROR)
                return psi_error(err, PS_ETIE, NULL, 0, 0,
                                 "tie for %s's leveling seat %lld between districts with equal "
                                 "quotients ('%s' and another); the law must say which (ties "
                                 "first)",
                                 names[p], (long long)seat + 1, law->district[best]);
            placed[p * nd + best]++;
        }
    return 0;
}

int psi_system_tiers(ps_system_result *r, const ps_system *law, const ps_votes *v,
                     const bool *others, psi_buf *notes, ps_error *err)
{
    size_t n = v->n_parties, nd = law->n_districts, nv = v->n_districts;
    const ps_leveling_rule *L = &law->leveling;
    const char *const *names = (const char *const *)v->parties;
    r->n_districts = nd;
    r->by_district = psi_calloc(n * nd, sizeof *r->by_district);
    r->leveling = psi_calloc(n, sizeof *r->leveling);
    size_t *law_of = psi_calloc(nv ? nv : 1, sizeof *law_of);
    int64_t *national = psi_calloc(n, sizeof *national), *district = psi_calloc(n, sizeof *district);
    int64_t *vk = psi_calloc(n * nd, sizeof *vk); /* votes in the law's order */
    bool *passes = psi_calloc(n, sizeof *passes); /* over the leveling threshold */
    int rc = r->by_district && r->leveling && law_of && national && district && vk && passes
                 ? 0
                 : psi_enomem(err);
    if (rc == 0)
        rc = psi_system_match_districts(law_of, law, v, err);
    for (size_t p = 0; rc == 0 && p < n; p++) {
        for (size_t d = 0; d < nv; d++) {
            national[p] += v->votes[p * nv + d];
            vk[p * nd + law_of[d]] = v->votes[p * nv + d];
        }
        r->votes_total += national[p];
    }
    for (size_t p = 0; rc == 0 && p < n; p++) {
        passes[p] = national[p] > 0 && !(others && others[p]) &&
                    (L->threshold == PS_THRESHOLD_NONE ||
                     over_share(national[p], L->threshold_share, r->votes_total));
        if (others && others[p])
            psi_buf_printf(notes, "%s counts in the valid votes but is not a list: it wins no "
                                  "seat\n",
                           names[p]);
    }
    if (rc == 0)
        rc = district_seats(r, law, v, law_of, others, passes, notes, &r->tie, err);
    for (size_t p = 0; rc == 0 && p < n; p++) {
        for (size_t k = 0; k < nd; k++)
            district[p] += r->by_district[p * nd + k];
        if (L->district_seat_qualifies && district[p] > 0 && !passes[p]) {
            passes[p] = true; /* Folketingsvalglov section 77(1), no. 1 */
            psi_buf_printf(notes, "%s is under the leveling threshold but won a district "
                                  "seat: it takes part in the national share\n",
                           names[p]);
        }
    }
    if (rc == 0 && L->seats && L->placement == PS_PLACE_NATIONAL_QUOTIENTS)
        rc = psi_system_adjust(r, law, vk, national, district, passes, names, notes, err);
    else if (rc == 0 && L->seats)
        rc = leveling(r, law, national, district, passes, vk, names, notes, err);
    if (rc == 0 && L->per_district) /* (national-quotients placed them as given) */
        rc = place(r, law, v, law_of, err);
    else if (rc == 0 && L->seats && L->placement == PS_PLACE_LARGEST_QUOTIENT)
        rc = place_largest(r, law, vk, names, err);
    for (size_t p = 0; rc == 0 && p < n; p++) {
        r->seats[p] = district[p] + r->leveling[p];
        r->eligible[p] = r->eligible[p] || district[p] > 0; /* over the leveling threshold,
                                                              or seated in a district */
    }
    r->house = law->apportion.seats;
    psi_free(law_of);
    psi_free(national);
    psi_free(district);
    psi_free(vk);
    psi_free(passes);
    return rc;
}
