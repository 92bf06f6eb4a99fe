/*
 * system_apply.c - a law applied whole (ps_system_apply, system.h), in the
 * order the header gives: eligibility, seats outside the pool, the bonus,
 * the proportional seats (alliances, the small-council remainder rule,
 * list exhaustion), the majority clause, overhang. Laws with districts go
 * to system_tiers.c, system_bundestag.c or system_ams.c.
 *
 * The proportional seats go to "units": a list, or the eligible lists of
 * one alliance pooled. Each share of seats is one call of ps_apportion (or
 * of the remainder rule below) on the units' votes, so that every method,
 * exact comparison and tie policy of the apportion stage applies unchanged.
 */
#include <gmp.h>
#include <string.h>
#include <strings.h>

#include "apportion_impl.h"
#include "system_impl.h"
#include "util.h"

void ps_system_result_free(ps_system_result *r)
{
    if (!r)
        return;
    psi_free(r->seats);
    psi_free(r->bonus);
    psi_free(r->overhang);
    psi_free(r->moved);
    psi_free(r->eligible);
    psi_free(r->by_district);
    psi_free(r->leveling);
    psi_free(r->leveling_by_district);
    psi_free(r->uncovered_by_district);
    psi_tie_free(r->tie);
    psi_free(r->notes);
    psi_free(r);
}

static ps_system_result *result_new(size_t n)
{
    ps_system_result *r = psi_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->n = n;
    r->seats = psi_calloc(n, sizeof *r->seats);
    r->bonus = psi_calloc(n, sizeof *r->bonus);
    r->overhang = psi_calloc(n, sizeof *r->overhang);
    r->moved = psi_calloc(n, sizeof *r->moved);
    r->eligible = psi_calloc(n, sizeof *r->eligible);
    if (!r->seats || !r->bonus || !r->overhang || !r->moved || !r->eligible) {
        ps_system_result_free(r);
        return NULL;
    }
    return r;
}

/* The columns the law's rules read. */
static int check_columns(const ps_system *law, const ps_votes *v, ps_error *err)
{
    if (v->n_districts && !law->n_districts && !law->district_seats_given)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the law %s applies to one national table; this one has %zu districts",
                         law->id ? law->id : "given", v->n_districts);
    if ((law->overhang || law->apportion.exempt_if_wins) && !v->direct_wins)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "the law %s counts constituency seats (%s): give them in a direct_wins "
                         "column",
                         law->id ? law->id : "given",
                         law->overhang ? "overhang" : "the threshold's exemption");
    return 0;
}

static void mpz_set_votes(mpz_t out, int64_t v)
{
    uint64_t u = (uint64_t)v;
    mpz_import(out, 1, -1, sizeof u, 0, 0, &u);
}

/* The bonus of the list with the most votes (-1 when none). */
static int bonus_seats(int64_t *seats, long *who, const ps_system *law, const ps_votes *v,
                       const bool *eligible, int64_t total, int64_t eligible_votes,
                       ps_error *err)
{
    const ps_bonus_rule *b = &law->bonus;
    *seats = 0;
    *who = -1;
    if (!b->present)
        return 0;
    size_t first = v->n_parties;
    bool level = false;
    for (size_t i = 0; i < v->n_parties; i++) {
        if (!eligible[i])
            continue;
        if (first == v->n_parties || v->votes[i] > v->votes[first]) {
            first = i;
            level = false;
        } else if (v->votes[i] == v->votes[first]) {
            level = true;
        }
    }
    if (first == v->n_parties)
        return 0;
    if (level)
        return psi_error(err, PS_ETIE, NULL, 0, 0,
                         "two lists have the most votes, so the law cannot tell which one gets "
                         "the bonus");
    int64_t base = b->share_of_eligible ? eligible_votes : total;
    /* share >= from: votes * from.den >= from.num * base; steps =
     * floor((votes / base - from) / step), all in exact integers */
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    mpz_set_votes(x, v->votes[first]);
    mpz_mul_ui(x, x, (unsigned long)b->from.den);
    mpz_set_votes(y, base);
    mpz_mul_ui(y, y, (unsigned long)b->from.num);
    if (mpz_cmp(x, y) >= 0) {
        *seats = b->seats;
        *who = (long)first;
        if (b->step.num > 0 && b->step_seats > 0) {
            mpz_sub(x, x, y); /* (votes * from.den - from.num * base) */
            mpz_mul_ui(x, x, (unsigned long)b->step.den);
            mpz_set_votes(y, base);
            mpz_mul_ui(y, y, (unsigned long)b->from.den);
            mpz_mul_ui(y, y, (unsigned long)b->step.num);
            mpz_fdiv_q(x, x, y);
            if (mpz_cmp_si(x, (b->max_seats - b->seats) / b->step_seats + 1) > 0)
                *seats = b->max_seats;
            else
                *seats = b->seats + (int64_t)mpz_get_si(x) * b->step_seats;
        }
        if (*seats > b->max_seats)
            *seats = b->max_seats;
    }
    mpz_clears(x, y, NULL);
    return 0;
}

int ps_system_others(bool **out, const ps_votes *v, const char *const *names, size_t n_names,
                     ps_error *err)
{
    *out = NULL;
    bool *others = psi_calloc(v->n_parties ? v->n_parties : 1, sizeof *others);
    if (!others)
        return psi_enomem(err);
    bool any = false;
    for (size_t i = 0; i < v->n_parties; i++)
        any |= others[i] = !strcasecmp(v->parties[i], "others");
    for (size_t k = 0; k < n_names; k++) {
        size_t i = 0;
        while (i < v->n_parties && strcmp(v->parties[i], names[k]))
            i++;
        if (i == v->n_parties) {
            psi_free(others);
            return psi_error(err, PS_EDATA, NULL, 0, 0, "others: no entry '%s'", names[k]);
        }
        any = others[i] = true;
    }
    if (any)
        *out = others;
    else
        psi_free(others);
    return 0;
}

/* A joint list of several parties needs the share its law sets for its
 * number of parties (a list exempt for its constituency wins stays so). */
static void joint_lists(bool *eligible, const ps_system *law, const ps_votes *v, int64_t total,
                        psi_buf *notes)
{
    for (size_t i = 0; v->members && i < v->n_parties; i++) {
        const ps_joint_threshold *t = NULL;
        for (size_t k = 0; k < law->n_joint_thresholds; k++)
            if (v->members[i] >= law->joint_threshold[k].members)
                t = &law->joint_threshold[k];
        bool exempt = law->apportion.exempt_if_wins && v->direct_wins &&
                      v->direct_wins[i] >= law->apportion.exempt_if_wins;
        if (!t || !eligible[i] || exempt)
            continue;
        uint64_t a[2] = {(uint64_t)v->votes[i], (uint64_t)t->share.den};
        uint64_t b[2] = {(uint64_t)total, (uint64_t)t->share.num};
        if (psi_cmp_products(a, 2, b, 2) >= 0)
            continue;
        eligible[i] = false;
        psi_buf_printf(notes,
                       "%s, a joint list of %lld parties, has under the %.4g%% of the valid "
                       "votes that a list of %lld or more parties needs: no seat\n",
                       v->parties[i], (long long)v->members[i],
                       100.0 * (double)t->share.num / (double)t->share.den,
                       (long long)t->members);
    }
}

bool ps_system_needs_only_votes(const ps_system *law, const char **why)
{
    const char *need = law->overhang                   ? "constituency seats (overhang)"
                       : law->apportion.exempt_if_wins ? "constituency wins (its threshold's "
                                                         "exemption)"
                       : law->additional_members       ? "constituency wins by region (the "
                                                         "additional member system)"
                                                       : NULL;
    if (why)
        *why = need;
    return need == NULL;
}

int ps_system_apply(ps_system_result **out, const ps_system *law, const ps_votes *v,
                    const bool *others, ps_error *err)
{
    *out = NULL;
    if (!law || !v || v->n_parties == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_system_apply: no law or no lists");
    if (law->apportion.seats == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the law %s leaves the house size to each election (%lld to %lld "
                         "seats): give it (--seats)",
                         law->id ? law->id : "given", (long long)law->seats_min,
                         (long long)law->seats_max);
    int rc = check_columns(law, v, err);
    if (rc < 0)
        return rc;
    size_t n = v->n_parties;
    ps_system_result *r = result_new(n);
    if (!r)
        return psi_enomem(err);
    psi_buf notes;
    psi_buf_init(&notes);
    const char *const *names = (const char *const *)v->parties;
    if (law->list_exhaustion && !v->candidates)
        psi_buf_printf(&notes, "the law caps a list's seats at its candidates, which the votes "
                               "do not give: no list was capped\n");
    if (law->bundestag.present) {
        rc = psi_system_bundestag(r, law, v, others, &notes, err);
        goto done;
    }
    if (law->additional_members) {
        rc = psi_system_additional(r, law, v, others, &notes, err);
        goto done;
    }
    if (law->remainder_pool.present) {
        rc = psi_system_remainders(r, law, v, others, &notes, err);
        goto done;
    }
    if (law->n_districts) {
        rc = psi_system_tiers(r, law, v, others, &notes, err);
        goto done;
    }

    /* 1. eligibility: ps_apportion with no seats gives it (one full quota
     * is then the share 1/seats of the valid votes) */
    ps_apportion_options opt = law->apportion;
    if (opt.threshold == PS_THRESHOLD_QUOTA)
        opt.threshold = PS_THRESHOLD_SHARE, opt.threshold_share = (ps_ratio){1, opt.seats};
    opt.seats = 0;
    opt.names = names;
    opt.direct_wins = v->direct_wins;
    ps_apportionment *elig = NULL;
    if ((rc = ps_apportion(&elig, v->votes, n, &opt, err)) < 0)
        goto done;
    memcpy(r->eligible, elig->eligible, n * sizeof *r->eligible);
    for (size_t i = 0; others && i < n; i++)
        if (others[i]) {
            r->eligible[i] = false;
            psi_buf_printf(&notes, "%s counts in the valid votes but is not a list: it wins no "
                                   "seat\n",
                           names[i]);
        }
    r->votes_total = elig->votes_total;
    int64_t eligible_votes = elig->votes_eligible;
    ps_apportionment_free(elig);
    if (law->n_joint_thresholds) {
        joint_lists(r->eligible, law, v, r->votes_total, &notes);
        eligible_votes = 0;
        for (size_t i = 0; i < n; i++)
            if (r->eligible[i])
                eligible_votes += v->votes[i];
    }

    /* 2. constituency seats of lists outside the pool: not eligible, or
     * with no list votes (an independent) */
    int64_t pool = law->apportion.seats;
    if (law->overhang)
        for (size_t i = 0; i < n; i++)
            if ((!r->eligible[i] || v->votes[i] == 0) && v->direct_wins[i] > 0) {
                r->seats[i] = v->direct_wins[i];
                pool -= v->direct_wins[i];
                        psi_buf_printf(&notes,
                               "%s keeps its %lld constituency seat(s) outside the proportional "
                               "pool, which is %lld seats\n",
                               names[i], (long long)v->direct_wins[i], (long long)pool);
            }

    /* 3. the bonus */
    int64_t bonus = 0;
    long winner = -1;
    if ((rc = bonus_seats(&bonus, &winner, law, v, r->eligible, r->votes_total, eligible_votes,
                          err)) < 0)
        goto done;
    if (winner >= 0) {
        r->bonus[winner] = bonus;
        pool -= bonus;
        psi_buf_printf(&notes,
                       "%s, first with the most votes, gets a bonus of %lld seats; %lld are "
                       "shared in proportion\n",
                       names[winner], (long long)bonus, (long long)pool);
    }
    if (pool < 0) {
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "the seats kept outside the pool and the bonus exceed the law's %lld "
                       "seats",
                       (long long)law->apportion.seats);
        goto done;
    }

    /* 4.-5. the proportional seats */
    int64_t *prop = psi_calloc(n, sizeof *prop);
    if (!prop) {
        rc = psi_enomem(err);
        goto done;
    }
    rc = psi_system_proportional(prop, law, v, r->eligible, pool, &r->tie, &notes, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        r->seats[i] += prop[i] + r->bonus[i];

    /* 6. the majority clause */
    if (rc == 0 && law->majority_clause)
        rc = psi_system_majority_clause(r, law, v, prop, &notes, err);
    psi_free(prop);

    /* 7. overhang */
    r->house = law->apportion.seats;
    for (size_t i = 0; rc == 0 && law->overhang && i < n; i++)
        if (r->eligible[i] && v->direct_wins[i] > r->seats[i]) {
            r->overhang[i] = v->direct_wins[i] - r->seats[i];
            r->seats[i] = v->direct_wins[i];
            r->house += r->overhang[i];
            psi_buf_printf(&notes,
                           "%s won %lld constituency seats, %lld more than its proportional "
                           "share: it keeps them and the house grows\n",
                           names[i], (long long)v->direct_wins[i], (long long)r->overhang[i]);
        }
done:
    if (rc == 0 && notes.failed)
        rc = psi_enomem(err);
    if (rc == 0 && notes.len) {
        notes.data[--notes.len] = '\0'; /* the last newline */
        r->notes = psi_buf_take(&notes);
    }
    psi_buf_free(&notes);
    if (rc < 0) {
        ps_system_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}
