/*
 * predict_attr.c - the potential governments of one formation opportunity
 * and their attributes (include/powershare/predict.h).
 *
 * Every set of parties with seats of at most max_parties members, by size
 * (Gosper's hack: next set with the same number of bits), then by mask. The
 * attributes follow Martin & Stevenson, "Government formation in
 * parliamentary democracies" (AJPS 45(1), 2001, table 1): majority status,
 * size, the largest and the median party, ideological range, incumbency,
 * previous partners; plus the members' a priori voting power (Banzhaf 1965,
 * normalised, from the power stage on the game "majority of all seats").
 * Seats are integers, so majority status is exact; positions and power are
 * estimates and stay doubles.
 *
 * A power-sharing condition only narrows the choice set: excluded parties
 * are left out of the enumeration, the other sets are kept when they meet
 * it (ps_condition_meets, the one test of coalitions, analyze and serve).
 * The chamber's attributes (the largest and median parties, Banzhaf power)
 * stay those of the whole chamber: a condition changes who may govern, not
 * who holds the seats.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "powershare/game.h"
#include "powershare/power.h"
#include "powershare/predict.h"
#include "predict_impl.h"

static const char *const attr_names[PS_PA_COUNT] = {
    "minority", "minimal_winning", "parties", "seat_share", "largest", "median",
    "range", "variance", "no_position", "incumbent", "previous_partners", "banzhaf",
    "inclusive_every_community", "inclusive_communities", "inclusive_community_leaders",
    "inclusive_surplus", "inclusive_surplus_members", "inclusive_minority",
    "inclusive_passed_over"};

const char *ps_predict_attr_name(ps_predict_attr a)
{
    return (unsigned)a < PS_PA_COUNT ? attr_names[a] : NULL;
}

void ps_predict_alts_free(ps_predict_alts *a)
{
    if (!a)
        return;
    psi_free(a->members);
    psi_free(a->x);
    psi_free(a);
}

/* sum_{k=1..cap} C(m, k), or SIZE_MAX beyond the limit. */
static size_t count_sets(size_t m, size_t cap)
{
    double total = 0, c = 1;
    for (size_t k = 1; k <= cap && k <= m; k++) {
        c = c * (double)(m - k + 1) / (double)k;
        total += c;
    }
    return total > (double)PS_PREDICT_MAX_ALTERNATIVES ? SIZE_MAX : (size_t)(total + 0.5);
}

/* The median parties (Black 1958): by position (ties by index), a party is
 * median when neither the seats to its left nor to its right are more than
 * half of all party seats. Integer comparisons: exact. */
static ps_members median_parties(const ps_legislature *leg, long dim, const size_t *idx,
                                 size_t m, size_t *order)
{
    for (size_t i = 0; i < m; i++)
        order[i] = idx[i];
    for (size_t i = 1; i < m; i++) { /* insertion sort: m <= 64 */
        size_t v = order[i], j = i;
        double pv = leg->parties[v].positions[dim];
        while (j > 0 && (leg->parties[order[j - 1]].positions[dim] > pv ||
                         (leg->parties[order[j - 1]].positions[dim] == pv && order[j - 1] > v))) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    int64_t total = 0, left = 0;
    for (size_t i = 0; i < m; i++)
        total += leg->parties[order[i]].seats;
    ps_members med = 0;
    for (size_t i = 0; i < m; i++) {
        int64_t s = leg->parties[order[i]].seats, right = total - left - s;
        if (2 * left <= total && 2 * right <= total)
            med |= PS_MEMBER(order[i]);
        left += s;
    }
    return med;
}


/* The inclusion attributes (see predict.h); all 0 without the convention. */
static void inclusion(double *x, const psi_predict_context *cx, ps_members s, int64_t seats,
                      int64_t min_seats)
{
    for (int q = PS_PA_FIRST_INCLUSIVE; q < PS_PA_COUNT; q++)
        x[q] = 0;
    if (!cx->inclusive)
        return;
    bool every = cx->n_named > 0, leaders = cx->n_named > 0;
    for (size_t c = 0; c < cx->n_named; c++) {
        every = every && (s & cx->named_lists[c]);
        leaders = leaders && (s & cx->named_leaders[c]);
    }
    size_t held = 0, surplus_members = 0;
    for (size_t c = 0; c < cx->n_communities; c++)
        held += (s & cx->community_lists[c]) != 0;
    if (seats >= cx->quota)
        for (ps_members r = s; r; r &= r - 1)
            surplus_members += seats - cx->leg->parties[__builtin_ctzll(r)].seats >= cx->quota;
    x[PS_PA_INCL_EVERY] = every;
    x[PS_PA_INCL_COMMUNITIES] = (double)held;
    x[PS_PA_INCL_LEADERS] = leaders;
    x[PS_PA_INCL_SURPLUS] =
        seats >= cx->quota ? (double)(seats - cx->quota) / (double)cx->leg->total_seats : 0;
    x[PS_PA_INCL_SURPLUS_MEMBERS] = (double)surplus_members;
    x[PS_PA_INCL_MINORITY] = seats < cx->quota;
    size_t passed = 0;
    for (ps_members r = cx->seated & ~s; r; r &= r - 1)
        passed += cx->leg->parties[__builtin_ctzll(r)].seats > min_seats;
    x[PS_PA_INCL_PASSED_OVER] = (double)passed;
}

/* The communities of the inclusion attributes and their lists. */
static void inclusion_context(psi_predict_context *cx, const ps_predict_options *opt,
                              const size_t *idx, size_t m)
{
    const ps_legislature *leg = cx->leg;
    const ps_condition *cond = opt->condition;
    cx->inclusive = opt->inclusive || (cond && cond->inclusive);
    if (!cx->inclusive)
        return;
    size_t nc = leg->n_communities;
    if (nc > 64) /* ps_condition_new refuses more; the attributes look at 64 */
        nc = 64;
    int64_t most[64] = {0};
    for (size_t j = 0; j < m; j++) {
        const ps_party *pt = &leg->parties[idx[j]];
        if (pt->community < 0 || (size_t)pt->community >= nc)
            continue;
        size_t c = (size_t)pt->community;
        cx->community_lists[c] |= PS_MEMBER(idx[j]);
        most[c] = pt->seats > most[c] ? pt->seats : most[c];
    }
    cx->n_communities = nc;
    ps_members named = opt->communities ? opt->communities
                       : cond && cond->communities_required ? cond->communities_required
                                                            : 0;
    for (size_t c = 0; c < nc; c++) {
        if (!cx->community_lists[c] || (named && !(named & PS_MEMBER(c))))
            continue;
        ps_members lead = 0;
        for (size_t j = 0; j < m; j++)
            if (leg->parties[idx[j]].community == (int)c && leg->parties[idx[j]].seats == most[c])
                lead |= PS_MEMBER(idx[j]);
        cx->named_lists[cx->n_named] = cx->community_lists[c];
        cx->named_leaders[cx->n_named] = lead;
        cx->n_named++;
    }
}

void psi_predict_attributes(double *x, const psi_predict_context *cx, ps_members s)
{
    const ps_legislature *leg = cx->leg;
    int64_t seats = 0, min_seats = INT64_MAX;
    size_t k = 0;
    double power = 0, wsum = 0, wx = 0, lo = INFINITY, hi = -INFINITY;
    bool missing = false;
    for (ps_members r = s; r; r &= r - 1) {
        size_t i = (size_t)__builtin_ctzll(r);
        int64_t v = leg->parties[i].seats;
        seats += v;
        min_seats = v < min_seats ? v : min_seats;
        k++;
        power += cx->banzhaf[i];
        double pos = cx->dim >= 0 ? leg->parties[i].positions[cx->dim] : NAN;
        if (isnan(pos)) {
            missing = true;
            continue;
        }
        wsum += (double)v;
        wx += (double)v * pos;
        lo = pos < lo ? pos : lo;
        hi = pos > hi ? pos : hi;
    }
    double var = 0;
    if (wsum > 0) {
        double mean = wx / wsum;
        for (ps_members r = s; r; r &= r - 1) {
            size_t i = (size_t)__builtin_ctzll(r);
            double pos = leg->parties[i].positions[cx->dim];
            if (!isnan(pos))
                var += (double)leg->parties[i].seats * (pos - mean) * (pos - mean);
        }
        var /= wsum;
    }
    bool winning = seats >= cx->quota;
    x[PS_PA_MINORITY] = !winning;
    x[PS_PA_MINIMAL] = winning && seats - min_seats < cx->quota;
    x[PS_PA_PARTIES] = (double)k;
    x[PS_PA_SEAT_SHARE] = (double)seats / (double)leg->total_seats;
    x[PS_PA_LARGEST] = (s & cx->largest) != 0;
    x[PS_PA_MEDIAN] = (s & cx->median) != 0;
    x[PS_PA_RANGE] = wsum > 0 ? hi - lo : 0;
    x[PS_PA_VARIANCE] = var;
    x[PS_PA_NO_POSITION] = missing;
    x[PS_PA_INCUMBENT] = cx->incumbent && s == cx->incumbent;
    x[PS_PA_PARTNERS] = __builtin_popcountll(s & cx->incumbent) >= 2;
    x[PS_PA_BANZHAF] = power;
    inclusion(x, cx, s, seats, min_seats);
}

static int banzhaf_of(double *out, const ps_game *game, ps_error *err)
{
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_BANZHAF);
    /* An attribute of a regression, a double anyway: where the exact
     * program is out of reach, a Monte Carlo estimate (a few thousandths
     * either way at the default samples; the seed is fixed, so the
     * attributes, and a fit on them, repeat) is better than no prediction. */
    opt.method = PS_POWER_BEST;
    ps_power *pw = NULL;
    int rc = ps_power_compute(&pw, game, &opt, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < game->n_players; i++)
        out[i] = pw->values[PS_BANZHAF][i].value;
    ps_power_free(pw);
    return PS_OK;
}

void ps_predict_options_init(ps_predict_options *opt)
{
    memset(opt, 0, sizeof *opt);
}

/* "no dimension 'x' in the legislature; it has: a, b" (or "(it has none)"). */
static int no_dimension(const ps_legislature *leg, const char *dimension, ps_error *err)
{
    psi_buf b;
    psi_buf_init(&b);
    for (size_t i = 0; i < leg->n_dimensions; i++)
        psi_buf_printf(&b, "%s%s", i ? ", " : "", leg->dimensions[i].id);
    int rc = psi_error(err, PS_EDATA, NULL, 0, 0, "no dimension '%s' in the legislature%s%s",
                       dimension, leg->n_dimensions ? "; it has: " : " (it has none)",
                       b.data && !b.failed ? b.data : "");
    psi_buf_free(&b);
    return rc;
}

int ps_predict_alternatives(ps_predict_alts **out, const ps_legislature *leg,
                            ps_members incumbent, size_t max_parties, ps_error *err)
{
    ps_predict_options opt;
    ps_predict_options_init(&opt);
    opt.incumbent = incumbent;
    opt.max_parties = max_parties;
    return ps_predict_enumerate(out, leg, &opt, err);
}

void psi_predict_context_free(psi_predict_context *cx)
{
    psi_free(cx->banzhaf_owned);
    cx->banzhaf_owned = NULL;
}

int psi_predict_context_init(psi_predict_context *cx, const ps_legislature *leg,
                             const ps_predict_options *opt, ps_error *err)
{
    memset(cx, 0, sizeof *cx);
    if (!leg)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no legislature");
    if (leg->n_parties > PS_COALITION_MAX_PLAYERS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0, "%zu parties: at most %d", leg->n_parties,
                         PS_COALITION_MAX_PLAYERS);
    long dim = ps_legislature_find_dimension(leg, opt->dimension ? opt->dimension : "left_right");
    if (dim < 0 && opt->dimension)
        return no_dimension(leg, opt->dimension, err);
    const ps_condition *cond = opt->condition;
    if (cond) {
        int rc = ps_condition_check(cond, leg, err);
        if (rc < 0)
            return rc;
    }
    /* idx: the parties with seats (the chamber); pick: those that may
     * govern (not excluded by the condition), the enumeration's players */
    size_t idx[PS_COALITION_MAX_PLAYERS], m = 0;
    int64_t most = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (leg->parties[i].seats == PS_UNKNOWN)
            return psi_error(err, PS_EDATA, NULL, 0, 0, "party '%s' has no seat count",
                             leg->parties[i].id);
        if (leg->parties[i].seats > 0) {
            idx[m++] = i;
            cx->seated |= PS_MEMBER(i);
            if (!cond || !(cond->excluded & PS_MEMBER(i)))
                cx->pick[cx->n_pick++] = i;
        }
        most = leg->parties[i].seats > most ? leg->parties[i].seats : most;
    }
    if (m == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "no party with seats");
    cx->n_seated = m;
    cx->leg = leg;
    cx->dim = dim;
    cx->incumbent = opt->incumbent & cx->seated;
    ps_game *game = NULL;
    int rc = ps_game_from_legislature(&game, leg, NULL, false, err);
    if (rc < 0)
        return rc;
    cx->quota = game->quotas[0];
    if (!(cx->banzhaf_owned = psi_calloc(leg->n_parties, sizeof *cx->banzhaf_owned)))
        rc = psi_enomem(err);
    else
        rc = banzhaf_of(cx->banzhaf_owned, game, err);
    ps_game_free(game);
    if (rc < 0) {
        psi_predict_context_free(cx);
        return rc;
    }
    cx->banzhaf = cx->banzhaf_owned;
    cx->positions = dim >= 0;
    for (size_t j = 0; j < m; j++) {
        if (leg->parties[idx[j]].seats == most)
            cx->largest |= PS_MEMBER(idx[j]);
        if (dim >= 0 && isnan(leg->parties[idx[j]].positions[dim]))
            cx->positions = false;
    }
    if (cx->positions) {
        size_t order[PS_COALITION_MAX_PLAYERS];
        cx->median = median_parties(leg, dim, idx, m, order);
    }
    inclusion_context(cx, opt, idx, m);
    return PS_OK;
}

/* Fills a with the sets of cx's players of at most cap members that meet
 * the condition (by size, then mask: Gosper's hack). */
static void list_sets(ps_predict_alts *a, const psi_predict_context *cx,
                      const ps_condition *cond, size_t cap)
{
    size_t at = 0, mp = cx->n_pick;
    for (size_t k = 1; k <= cap; k++) {
        /* masks over the mp parties that may govern with k bits, increasing */
        uint64_t v = k == 64 ? UINT64_MAX : ((uint64_t)1 << k) - 1;
        for (;;) {
            ps_members s = 0;
            for (uint64_t r = v; r; r &= r - 1)
                s |= PS_MEMBER(cx->pick[__builtin_ctzll(r)]);
            if (ps_condition_meets(cond, s)) {
                a->members[at] = s;
                psi_predict_attributes(a->x + at * PS_PA_COUNT, cx, s);
                at++;
            }
            /* Gosper's hack; stop past the mp-th bit */
            uint64_t c = v & (~v + 1), r = v + c;
            if (r == 0 || k == mp)
                break;
            v = (((r ^ v) >> 2) / c) | r;
            if (mp < 64 && (v >> mp))
                break;
        }
    }
    a->n = at;
}

/* Fills a with n sets drawn uniformly (with replacement) among the
 * non-empty sets of cx's players that meet the condition, after `keep`
 * when it meets it. */
static void sample_sets(ps_predict_alts *a, const psi_predict_context *cx,
                        const ps_condition *cond, size_t n, ps_members keep, uint64_t seed)
{
    psi_xoshiro rng;
    psi_xoshiro_seed(&rng, seed);
    size_t at = 0, mp = cx->n_pick;
    if (keep && (keep & ~cx->seated) == 0 && ps_condition_meets(cond, keep)) {
        a->members[at] = keep;
        psi_predict_attributes(a->x + at * PS_PA_COUNT, cx, keep);
        at++;
    }
    /* rejection: every draw is uniform over the sets that meet the
     * condition; give up after 1000 draws per wanted set */
    for (uint64_t tries = 0; at < n + (keep != 0) && tries < 1000 * (uint64_t)n; tries++) {
        uint64_t v = psi_xoshiro_next(&rng);
        if (mp < 64)
            v &= ((uint64_t)1 << mp) - 1;
        ps_members s = 0;
        for (uint64_t r = v; r; r &= r - 1)
            s |= PS_MEMBER(cx->pick[__builtin_ctzll(r)]);
        if (!s || !ps_condition_meets(cond, s))
            continue;
        a->members[at] = s;
        psi_predict_attributes(a->x + at * PS_PA_COUNT, cx, s);
        at++;
    }
    a->n = at;
}

int ps_predict_enumerate(ps_predict_alts **out, const ps_legislature *leg,
                         const ps_predict_options *opt, ps_error *err)
{
    *out = NULL;
    ps_predict_options defaults;
    ps_predict_options_init(&defaults);
    opt = opt ? opt : &defaults;
    psi_predict_context cx;
    int rc = psi_predict_context_init(&cx, leg, opt, err);
    if (rc < 0)
        return rc;
    const ps_condition *cond = opt->condition;
    size_t m = cx.n_seated, mp = cx.n_pick;
    size_t cap = opt->max_parties ? opt->max_parties
                 : m <= PS_PREDICT_ALL_UPTO ? m : PS_PREDICT_DEFAULT_MAX;
    if (opt->sample)
        cap = mp;
    if (cond && cond->max_parties > 0 && (uint64_t)cond->max_parties < cap)
        cap = (size_t)cond->max_parties;
    if (cap > mp)
        cap = mp;
    size_t n = opt->sample ? opt->sample + 1 : count_sets(mp, cap);
    ps_predict_alts *a = NULL;
    if (n == SIZE_MAX)
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                       "%zu parties with seats give more than %u potential governments of at "
                       "most %zu parties; lower --max-parties",
                       mp, PS_PREDICT_MAX_ALTERNATIVES, cap);
    else if (n == 0 || mp == 0)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "no potential government meets the condition: it excludes every "
                       "party with seats");
    else if (!(a = psi_calloc(1, sizeof *a)) ||
             !(a->members = psi_malloc_array(n, sizeof *a->members)) ||
             !(a->x = psi_malloc_array(n, PS_PA_COUNT * sizeof *a->x)))
        rc = psi_enomem(err);
    if (rc == 0) {
        a->inclusive = cx.inclusive;
        a->positions = cx.positions;
        a->dimension = cx.dim;
        a->conditioned = cond != NULL;
        a->max_parties = cap;
        a->incumbent = cx.incumbent;
        a->sampled = opt->sample > 0;
        if (opt->sample)
            sample_sets(a, &cx, cond, opt->sample, opt->keep, opt->seed);
        else
            list_sets(a, &cx, cond, cap);
        if (a->n == 0)
            rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                           "no potential government of at most %zu parties meets the "
                           "condition",
                           cap);
    }
    psi_predict_context_free(&cx);
    if (rc < 0) {
        ps_predict_alts_free(a);
        return rc;
    }
    *out = a;
    return PS_OK;
}

int ps_predict_user_offset(double *offset, const ps_predict_alts *a, const ps_legislature *leg,
                           const char *dimension, double beta, ps_error *err)
{
    long d = ps_legislature_find_dimension(leg, dimension);
    if (d < 0)
        return no_dimension(leg, dimension, err);
    for (size_t j = 0; j < a->n; j++) {
        double sum = 0;
        for (ps_members r = a->members[j]; r; r &= r - 1) {
            double v = leg->parties[__builtin_ctzll(r)].positions[d];
            sum += isnan(v) ? 0 : v;
        }
        offset[j] += beta * sum;
    }
    return PS_OK;
}

int ps_predict_party_offset(double *offset, const ps_legislature *leg, const char *dimension,
                            double beta, ps_error *err)
{
    long d = ps_legislature_find_dimension(leg, dimension);
    if (d < 0)
        return no_dimension(leg, dimension, err);
    for (size_t i = 0; i < leg->n_parties; i++) {
        double v = leg->parties[i].positions[d];
        offset[i] += beta * (isnan(v) ? 0 : v);
    }
    return PS_OK;
}

bool ps_predict_ranks_all(const ps_legislature *leg, const ps_predict_options *opt)
{
    const ps_condition *cond = opt ? opt->condition : NULL;
    if (!leg || !opt || opt->max_parties || !(opt->inclusive || (cond && cond->inclusive)))
        return false;
    size_t may = 0;
    for (size_t i = 0; i < leg->n_parties; i++)
        may += leg->parties[i].seats > 0 && !(cond && (cond->excluded & PS_MEMBER(i)));
    return may > PS_PREDICT_ALL_UPTO;
}
