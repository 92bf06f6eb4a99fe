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

static const char *const attr_names[PS_PA_COUNT] = {
    "minority", "minimal_winning", "parties", "seat_share", "largest", "median",
    "range", "variance", "no_position", "incumbent", "previous_partners", "banzhaf"};

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

typedef struct context {
    const ps_legislature *leg;
    long dim;
    int64_t quota;
    ps_members largest, median, incumbent;
    const double *banzhaf;
} context;

static void attributes(double *x, const context *cx, ps_members s)
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

int ps_predict_enumerate(ps_predict_alts **out, const ps_legislature *leg,
                         const ps_predict_options *opt, ps_error *err)
{
    *out = NULL;
    ps_predict_options defaults;
    if (!opt) {
        ps_predict_options_init(&defaults);
        opt = &defaults;
    }
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
    size_t idx[PS_COALITION_MAX_PLAYERS], order[PS_COALITION_MAX_PLAYERS], m = 0;
    size_t pick[PS_COALITION_MAX_PLAYERS], mp = 0;
    int64_t most = 0;
    ps_members seated = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (leg->parties[i].seats == PS_UNKNOWN)
            return psi_error(err, PS_EDATA, NULL, 0, 0, "party '%s' has no seat count",
                             leg->parties[i].id);
        if (leg->parties[i].seats > 0) {
            idx[m++] = i;
            seated |= PS_MEMBER(i);
            if (!cond || !(cond->excluded & PS_MEMBER(i)))
                pick[mp++] = i;
        }
        most = leg->parties[i].seats > most ? leg->parties[i].seats : most;
    }
    if (m == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "no party with seats");
    size_t cap = opt->max_parties ? opt->max_parties
                 : m <= PS_PREDICT_ALL_UPTO ? m : PS_PREDICT_DEFAULT_MAX;
    if (cond && cond->max_parties > 0 && (uint64_t)cond->max_parties < cap)
        cap = (size_t)cond->max_parties;
    if (cap > mp)
        cap = mp;
    size_t n = count_sets(mp, cap);
    if (n == SIZE_MAX)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "%zu parties with seats give more than %u potential governments of at "
                         "most %zu parties; lower --max-parties",
                         mp, PS_PREDICT_MAX_ALTERNATIVES, cap);
    if (n == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "no potential government meets the condition: it excludes every "
                         "party with seats");
    ps_members incumbent = opt->incumbent & seated;
    ps_game *game = NULL;
    double *banzhaf = NULL;
    ps_predict_alts *a = psi_calloc(1, sizeof *a);
    int rc = ps_game_from_legislature(&game, leg, NULL, false, err);
    if (rc < 0)
        goto done;
    if (!a || !(banzhaf = psi_calloc(leg->n_parties, sizeof *banzhaf)) ||
        !(a->members = psi_malloc_array(n, sizeof *a->members)) ||
        !(a->x = psi_malloc_array(n, PS_PA_COUNT * sizeof *a->x))) {
        rc = psi_enomem(err);
        goto done;
    }
    if ((rc = banzhaf_of(banzhaf, game, err)) < 0)
        goto done;
    context cx = {leg, dim, game->quotas[0], 0, 0, incumbent, banzhaf};
    a->positions = cx.dim >= 0;
    a->dimension = dim;
    a->conditioned = cond != NULL;
    for (size_t j = 0; j < m; j++) {
        if (leg->parties[idx[j]].seats == most)
            cx.largest |= PS_MEMBER(idx[j]);
        if (cx.dim >= 0 && isnan(leg->parties[idx[j]].positions[cx.dim]))
            a->positions = false;
    }
    if (a->positions)
        cx.median = median_parties(leg, cx.dim, idx, m, order);
    a->n = n;
    a->max_parties = cap;
    a->incumbent = incumbent;
    size_t at = 0;
    for (size_t k = 1; k <= cap; k++) {
        /* masks over the mp parties that may govern with k bits, increasing */
        uint64_t v = k == 64 ? UINT64_MAX : ((uint64_t)1 << k) - 1;
        for (;;) {
            ps_members s = 0;
            for (uint64_t r = v; r; r &= r - 1)
                s |= PS_MEMBER(pick[__builtin_ctzll(r)]);
            if (ps_condition_meets(cond, s)) {
                a->members[at] = s;
                attributes(a->x + at * PS_PA_COUNT, &cx, s);
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
    if (at == 0)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "no potential government of at most %zu parties meets the condition", cap);
done:
    psi_free(banzhaf);
    ps_game_free(game);
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
