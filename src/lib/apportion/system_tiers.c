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
 */
#include <gmp.h>
#include <stdio.h>
#include <string.h>

#include "system_impl.h"

/* The votes table's district d_v is the law's district law_of[d_v]. */
static int match_districts(size_t *law_of, const ps_system *law, const ps_votes *v,
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

/* Each district by the law's method and district threshold. */
static int district_seats(ps_system_result *r, const ps_system *law, const ps_votes *v,
                          const size_t *law_of, ps_tie **tie, ps_error *err)
{
    size_t n = v->n_parties, nv = v->n_districts, nd = law->n_districts;
    int64_t *col = psi_malloc_array(n, sizeof *col);
    if (!col)
        return psi_enomem(err);
    int rc = 0;
    for (size_t d = 0; rc == 0 && d < nv; d++) {
        size_t k = law_of[d];
        for (size_t p = 0; p < n; p++)
            col[p] = v->votes[p * nv + d];
        ps_apportion_options o = law->apportion;
        o.seats = law->district_seats[k];
        o.names = (const char *const *)v->parties;
        o.exempt_if_wins = 0;
        ps_apportionment *a = NULL;
        if ((rc = ps_apportion(&a, col, n, &o, err)) < 0) {
            size_t len = strlen(err ? err->message : "");
            if (err)
                snprintf(err->message + len, sizeof err->message - len, " (district '%s')",
                         law->district[k]);
            break;
        }
        for (size_t p = 0; p < n; p++)
            r->by_district[p * nd + k] = a->seats[p];
        if (a->tie && !*tie) {
            *tie = a->tie;
            a->tie = NULL;
        }
        ps_apportionment_free(a);
    }
    psi_free(col);
    return rc;
}

/* The leveling seats from the national share (see the top of the file). */
static int leveling(ps_system_result *r, const ps_system *law, const int64_t *national,
                    const int64_t *district, const char *const *names, psi_buf *notes,
                    ps_error *err)
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
    int64_t total = 0, pool = law->apportion.seats;
    for (size_t p = 0; p < n; p++)
        total += national[p];
    for (size_t p = 0; p < n; p++) {
        in[p] = national[p] > 0 &&
                (L->threshold == PS_THRESHOLD_NONE ||
                 (psi_u128)(uint64_t)national[p] * (uint64_t)L->threshold_share.den >=
                     (psi_u128)(uint64_t)L->threshold_share.num * (uint64_t)total);
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
        for (size_t p = 0; p < n; p++)
            if (in[p] && district[p] > a->seats[p]) {
                in[p] = false;
                over = true;
                pool -= district[p];
                psi_buf_printf(notes, "%s won %lld district seats, more than its national "
                                      "share of %lld: it keeps them and takes no leveling "
                                      "seat\n",
                               names[p], (long long)district[p], (long long)a->seats[p]);
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

int psi_system_tiers(ps_system_result *r, const ps_system *law, const ps_votes *v,
                     psi_buf *notes, ps_error *err)
{
    size_t n = v->n_parties, nd = law->n_districts, nv = v->n_districts;
    r->n_districts = nd;
    r->by_district = psi_calloc(n * nd, sizeof *r->by_district);
    r->leveling = psi_calloc(n, sizeof *r->leveling);
    size_t *law_of = psi_calloc(nv ? nv : 1, sizeof *law_of);
    int64_t *national = psi_calloc(n, sizeof *national), *district = psi_calloc(n, sizeof *district);
    int rc = r->by_district && r->leveling && law_of && national && district ? 0
                                                                              : psi_enomem(err);
    if (rc == 0)
        rc = match_districts(law_of, law, v, err);
    if (rc == 0)
        rc = district_seats(r, law, v, law_of, &r->tie, err);
    for (size_t p = 0; rc == 0 && p < n; p++) {
        for (size_t d = 0; d < nv; d++)
            national[p] += v->votes[p * nv + d];
        for (size_t k = 0; k < nd; k++)
            district[p] += r->by_district[p * nd + k];
        r->votes_total += national[p];
    }
    if (rc == 0 && law->leveling.seats)
        rc = leveling(r, law, national, district, (const char *const *)v->parties, notes, err);
    if (rc == 0 && law->leveling.per_district)
        rc = place(r, law, v, law_of, err);
    for (size_t p = 0; rc == 0 && p < n; p++) {
        r->seats[p] = district[p] + r->leveling[p];
        r->eligible[p] = r->eligible[p] || district[p] > 0; /* over the leveling threshold,
                                                              or seated in a district */
    }
    r->house = law->apportion.seats;
    psi_free(law_of);
    psi_free(national);
    psi_free(district);
    return rc;
}
