/*
 * system_remainders.c - remainders pooled across tiers (system.h,
 * ps_remainder_pool_rule): the Czech Chamber of Deputies under Act No.
 * 247/1995 Coll., sections 48-51, as rewritten in 2021 after the
 * Constitutional Court's judgment Pl. US 44/17.
 *
 * Section 48: the national mandate number is all valid votes / 200,
 * rounded to a whole number; each region gets one seat per whole mandate
 * number in its valid votes, the seats left going to the largest
 * remainders. Section 50 (first scrutiny): in each region the valid votes
 * of the lists over the threshold / (the region's seats + 2), rounded, is
 * the regional electoral number; a list gets one seat per whole number; a
 * region given more seats than it has takes the excess back from the
 * lists with the smallest remainders (with level remainders, the list
 * with fewer votes there). Section 51 (second scrutiny): the lists'
 * remainders are summed nationally; that sum / (the seats left + 1),
 * rounded, is the national electoral number; a list gets one seat per
 * whole number of its pooled remainders and the seats left go to the
 * largest remainders (an excess is taken back from the smallest); each
 * list's seats then go to its regions with the largest remainders.
 *
 * A remainder is the list's votes less its seats times the quota, so a
 * seat taken back returns its quota of votes to the remainder. Everything
 * is in integers: the quotas are whole numbers by the law.
 */
#include <string.h>

#include "system_impl.h"

/* a / b rounded to the nearest whole number, halves up; 0 when b is 0. */
static int64_t rounded(int64_t a, int64_t b)
{
    return b > 0 ? (int64_t)(((psi_u128)(uint64_t)a * 2 + (uint64_t)b) / ((psi_u128)(uint64_t)b * 2)) : 0;
}

/* votes >= share * total, exactly. */
static bool reaches(int64_t votes, ps_ratio share, int64_t total)
{
    uint64_t a[2] = {(uint64_t)votes, (uint64_t)share.den};
    uint64_t b[2] = {(uint64_t)total, (uint64_t)share.num};
    return psi_cmp_products(a, 2, b, 2) >= 0;
}

typedef struct pool_ctx {
    const ps_system *law;
    const char *const *names; /* n names of the ranked items (for ties) */
    const char *what;         /* "region" or "list", for messages */
    ps_error *err;
} pool_ctx;

/* Among n items with key[i] (skipping skip[i]), the index of the largest
 * (want_max) or smallest; a level pair is refused unless the law's ties
 * are "first", which takes the earlier item. -1 when none. */
static long pick(const pool_ctx *c, const int64_t *key, const int64_t *second, const bool *skip,
                 size_t n, bool want_max, const char *why, int *rc)
{
    long best = -1;
    bool level = false;
    for (size_t i = 0; i < n; i++) {
        if (skip && skip[i])
            continue;
        if (best < 0) {
            best = (long)i;
            level = false;
            continue;
        }
        int64_t a = key[i], b = key[best];
        if (a == b && second) /* the second key: fewer votes gives up first */
            a = second[i], b = second[best];
        if (want_max ? a > b : a < b)
            best = (long)i, level = false;
        else if (a == b)
            level = true;
    }
    if (best >= 0 && level && c->law->apportion.ties == PS_TIES_ERROR)
        *rc = psi_error(c->err, PS_ETIE, NULL, 0, 0,
                        "tie for %s: %s %s and another are level; the law must say which "
                        "(ties first, or the lot the law draws)",
                        why, c->what, c->names[best]);
    return best;
}

/* seats among n items by whole quotas of votes[] and the largest
 * remainders for what is left (an excess taken back from the smallest);
 * rem[] gets each remainder. eligible: NULL or the items that take part. */
static int whole_then_largest(int64_t *seats, int64_t *rem, const int64_t *votes,
                              const bool *eligible, size_t n, int64_t total, int64_t quota,
                              const pool_ctx *c, const char *why)
{
    bool *skip = psi_calloc(n ? n : 1, sizeof *skip);
    bool *won = psi_calloc(n ? n : 1, sizeof *won);
    if (!skip || !won) {
        psi_free(skip);
        psi_free(won);
        return psi_enomem(c->err);
    }
    int rc = 0;
    int64_t given = 0;
    for (size_t i = 0; i < n; i++) {
        bool in = !eligible || eligible[i];
        seats[i] = in && quota > 0 ? votes[i] / quota : 0;
        rem[i] = in ? votes[i] - seats[i] * quota : 0;
        given += seats[i];
    }
    for (; rc == 0 && given < total; given++) {
        for (size_t i = 0; i < n; i++) /* a remainder wins one seat at most */
            skip[i] = (eligible && !eligible[i]) || votes[i] == 0 || won[i];
        long i = pick(c, rem, NULL, skip, n, true, why, &rc);
        if (i < 0)
            break;
        seats[i]++;
        won[i] = true;
    }
    psi_free(skip);
    psi_free(won);
    return rc;
}

/* Takes back seats over `have` from the items with the smallest remainders
 * (then the fewer votes), each seat's quota returning to the remainder. */
static int take_back(int64_t *seats, int64_t *rem, const int64_t *votes, size_t n, int64_t have,
                     int64_t quota, const pool_ctx *c, const char *why, psi_buf *notes,
                     const char *where)
{
    bool *skip = psi_calloc(n ? n : 1, sizeof *skip);
    if (!skip)
        return psi_enomem(c->err);
    int64_t given = 0;
    for (size_t i = 0; i < n; i++)
        given += seats[i];
    int rc = 0;
    while (rc == 0 && given > have) {
        for (size_t i = 0; i < n; i++)
            skip[i] = seats[i] == 0;
        long i = pick(c, rem, votes, skip, n, false, why, &rc);
        if (i < 0 || rc < 0)
            break;
        seats[i]--;
        rem[i] += quota;
        given--;
        psi_buf_printf(notes, "%s: one seat more than %s has: %s, with the smallest remainder, "
                              "gives it back\n",
                       where, where, c->names[i]);
    }
    psi_free(skip);
    return rc;
}

/* Which lists take part: the threshold of all valid votes, higher for a
 * joint list of several parties (the members column); never an others
 * entry. */
static void eligibility(bool *eligible, const ps_system *law, const ps_votes *v,
                        const int64_t *national, int64_t total, const bool *others)
{
    for (size_t p = 0; p < v->n_parties; p++) {
        ps_ratio share = law->apportion.threshold == PS_THRESHOLD_SHARE
                             ? law->apportion.threshold_share
                             : (ps_ratio){0, 1};
        for (size_t k = 0; v->members && k < law->n_joint_thresholds; k++)
            if (v->members[p] >= law->joint_threshold[k].members)
                share = law->joint_threshold[k].share;
        eligible[p] = national[p] > 0 && !(others && others[p]) &&
                      reaches(national[p], share, total);
    }
}

typedef struct work {
    size_t n, nd;
    int64_t *vk;      /* n x nd votes, in the law's district order */
    int64_t *total;   /* nd: all valid votes of each district */
    int64_t *seats;   /* nd: each district's seats */
    int64_t *rem;     /* n x nd: each list's remainder in each district */
    int64_t *national, *col, *colseats, *colrem, *pooled, *second, *second_rem;
    bool *eligible;
    size_t *law_of;
} work;

static void work_free(work *w)
{
    psi_free(w->vk);
    psi_free(w->total);
    psi_free(w->seats);
    psi_free(w->rem);
    psi_free(w->national);
    psi_free(w->col);
    psi_free(w->colseats);
    psi_free(w->colrem);
    psi_free(w->pooled);
    psi_free(w->second);
    psi_free(w->second_rem);
    psi_free(w->eligible);
    psi_free(w->law_of);
}

static int work_make(work *w, const ps_system *law, const ps_votes *v, ps_error *err)
{
    size_t n = v->n_parties, nd = law->n_districts, m = n > nd ? n : nd;
    memset(w, 0, sizeof *w);
    w->n = n, w->nd = nd;
    w->vk = psi_calloc(n * nd, sizeof *w->vk);
    w->rem = psi_calloc(n * nd, sizeof *w->rem);
    w->total = psi_calloc(nd, sizeof *w->total);
    w->seats = psi_calloc(nd, sizeof *w->seats);
    w->national = psi_calloc(n, sizeof *w->national);
    w->col = psi_calloc(m, sizeof *w->col);
    w->colseats = psi_calloc(m, sizeof *w->colseats);
    w->colrem = psi_calloc(m, sizeof *w->colrem);
    w->pooled = psi_calloc(n, sizeof *w->pooled);
    w->second = psi_calloc(n, sizeof *w->second);
    w->second_rem = psi_calloc(n, sizeof *w->second_rem);
    w->eligible = psi_calloc(n, sizeof *w->eligible);
    w->law_of = psi_calloc(v->n_districts ? v->n_districts : 1, sizeof *w->law_of);
    if (!w->vk || !w->rem || !w->total || !w->seats || !w->national || !w->col ||
        !w->colseats || !w->colrem || !w->pooled || !w->second || !w->second_rem ||
        !w->eligible || !w->law_of)
        return psi_enomem(err);
    return 0;
}

/* Section 48: each district's seats by the national mandate number. */
static int district_seats(work *w, const ps_system *law, int64_t all, psi_buf *notes,
                          ps_error *err)
{
    if (!law->remainder_pool.district_seats_by_votes) {
        memcpy(w->seats, law->district_seats, w->nd * sizeof *w->seats);
        return 0;
    }
    int64_t s = law->apportion.seats, number = rounded(all, s);
    if (number == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "no valid votes to share %lld seats by",
                         (long long)s);
    pool_ctx c = {law, (const char *const *)law->district, "region", err};
    int rc = whole_then_largest(w->seats, w->colrem, w->total, NULL, w->nd, s, number, &c,
                                "a district's last seat (equal remainders)");
    int64_t sum = 0;
    for (size_t k = 0; k < w->nd; k++)
        sum += w->seats[k];
    if (rc == 0 && sum != s)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "the mandate number %lld gives the districts %lld seats, not %lld",
                       (long long)number, (long long)sum, (long long)s);
    if (rc == 0)
        psi_buf_printf(notes, "the districts' seats by the national mandate number %lld (the "
                              "valid votes / %lld, rounded) and the largest remainders\n",
                       (long long)number, (long long)s);
    return rc;
}

/* Section 50: each district's seats by whole quotas; the remainders. */
static int first_tier(ps_system_result *r, work *w, const ps_system *law,
                      const char *const *names, psi_buf *notes, ps_error *err)
{
    size_t n = w->n, nd = w->nd;
    pool_ctx c = {law, names, "list", err};
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < nd; k++) {
        int64_t votes = 0;
        for (size_t p = 0; p < n; p++) {
            w->col[p] = w->vk[p * nd + k];
            votes += w->eligible[p] ? w->col[p] : 0;
        }
        int64_t quota = rounded(votes, w->seats[k] + law->remainder_pool.first_plus);
        for (size_t p = 0; p < n; p++) {
            bool in = w->eligible[p] && quota > 0;
            w->colseats[p] = in ? w->col[p] / quota : 0;
            w->colrem[p] = w->eligible[p] ? w->col[p] - w->colseats[p] * quota : 0;
        }
        rc = take_back(w->colseats, w->colrem, w->col, n, w->seats[k], quota, &c,
                       "the seat a district gives back (equal remainders and votes)", notes,
                       law->district[k]);
        for (size_t p = 0; rc == 0 && p < n; p++) {
            r->by_district[p * nd + k] = w->colseats[p];
            w->rem[p * nd + k] = w->colrem[p];
        }
    }
    return rc;
}

/* Section 51: the pooled remainders' seats, placed where each list's
 * remainders are largest. */
static int second_tier(ps_system_result *r, work *w, const ps_system *law,
                       const char *const *names, psi_buf *notes, ps_error *err)
{
    size_t n = w->n, nd = w->nd;
    int64_t left = law->apportion.seats, pooled = 0;
    for (size_t p = 0; p < n; p++) {
        for (size_t k = 0; k < nd; k++) {
            left -= r->by_district[p * nd + k];
            w->pooled[p] += w->rem[p * nd + k];
        }
        pooled += w->pooled[p];
    }
    if (left <= 0)
        return 0;
    int64_t quota = rounded(pooled, left + law->remainder_pool.second_plus);
    pool_ctx c = {law, names, "list", err};
    int rc = whole_then_largest(w->second, w->second_rem, w->pooled, w->eligible, n, left, quota,
                                &c, "a pooled seat (equal remainders)");
    if (rc == 0)
        rc = take_back(w->second, w->second_rem, w->pooled, n, left, quota, &c,
                       "the pooled seat given back (equal remainders)", notes, "the nation");
    if (rc == 0)
        psi_buf_printf(notes, "%lld seat(s) left after the districts' whole quotas, shared by "
                              "the pooled remainders (national quota %lld)\n",
                       (long long)left, (long long)quota);
    bool *used = psi_calloc(nd, sizeof *used);
    if (rc == 0 && !used)
        rc = psi_enomem(err);
    pool_ctx d = {law, (const char *const *)law->district, "region", err};
    for (size_t p = 0; rc == 0 && p < n; p++) {
        r->leveling[p] = w->second[p];
        memset(used, 0, nd * sizeof *used);
        for (int64_t s = 0; rc == 0 && s < w->second[p]; s++) {
            long k = pick(&d, w->rem + p * nd, NULL, used, nd, true,
                          "where a pooled seat goes (equal remainders)", &rc);
            if (k < 0) {
                rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                               "%s has more pooled seats than districts with a remainder; "
                               "the law file gives no rule for that case, so it is refused "
                               "rather than guessed",
                               names[p]);
                break;
            }
            used[k] = true;
            r->leveling_by_district[p * nd + (size_t)k]++;
        }
    }
    psi_free(used);
    return rc;
}

int psi_system_remainders(ps_system_result *r, const ps_system *law, const ps_votes *v,
                          const bool *others, psi_buf *notes, ps_error *err)
{
    size_t n = v->n_parties, nd = law->n_districts;
    work w;
    int rc = work_make(&w, law, v, err);
    r->n_districts = nd;
    r->by_district = rc == 0 ? psi_calloc(n * nd, sizeof *r->by_district) : NULL;
    r->leveling = r->by_district ? psi_calloc(n, sizeof *r->leveling) : NULL;
    r->leveling_by_district =
        r->leveling ? psi_calloc(n * nd, sizeof *r->leveling_by_district) : NULL;
    if (rc == 0 && !r->leveling_by_district)
        rc = psi_enomem(err);
    if (rc == 0 && !v->n_districts)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "the law %s has %zu districts: give the votes with a district column",
                       law->id ? law->id : "given", nd);
    for (size_t d = 0; rc == 0 && d < v->n_districts; d++) {
        size_t k = 0;
        while (k < nd && strcmp(law->district[k], v->districts[d]))
            k++;
        if (k == nd)
            rc = psi_error(err, PS_EDATA, NULL, 0, 0, "district '%s' is not one of the law's",
                           v->districts[d]);
        w.law_of[d] = k;
    }
    int64_t all = 0;
    for (size_t p = 0; rc == 0 && p < n; p++)
        for (size_t d = 0; d < v->n_districts; d++) {
            int64_t x = v->votes[p * v->n_districts + d];
            w.vk[p * nd + w.law_of[d]] += x;
            w.total[w.law_of[d]] += x;
            w.national[p] += x;
            all += x;
        }
    for (size_t k = 0; rc == 0 && k < nd; k++)
        if (w.total[k] == 0)
            rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                           "the law's district '%s' has no votes in the table",
                           law->district[k]);
    const char *const *names = (const char *const *)v->parties;
    if (rc == 0) {
        r->votes_total = all;
        r->house = law->apportion.seats;
        eligibility(w.eligible, law, v, w.national, all, others);
        rc = district_seats(&w, law, all, notes, err);
    }
    if (rc == 0)
        rc = first_tier(r, &w, law, names, notes, err);
    if (rc == 0)
        rc = second_tier(r, &w, law, names, notes, err);
    for (size_t p = 0; rc == 0 && p < n; p++) {
        r->eligible[p] = w.eligible[p];
        r->seats[p] = r->leveling[p];
        for (size_t k = 0; k < nd; k++)
            r->seats[p] += r->by_district[p * nd + k];
    }
    work_free(&w);
    return rc;
}
