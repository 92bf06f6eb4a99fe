/*
 * scenario_analysis.c - one analysis of a chamber under a rule (game, power,
 * minimal winning coalitions, the power-sharing condition), so that a
 * scenario can be compared with the chamber as elected (scenario_compare.c).
 *
 * Minimal winning coalitions (MWC; every member critical, Riker 1962):
 *
 *  - Counting, for a game of one weighted layer: a dynamic program over the
 *    parties in decreasing weight. A winning S is minimal iff S minus its
 *    lightest member loses, so each MWC is counted once, at its last
 *    (lightest) member x, from the number of subsets of the heavier parties
 *    whose weight s satisfies q - w_x <= s < q. The table keeps, for every
 *    s < q, the number of subsets per set of condition communities covered
 *    (at most 2^6 sets), so the MWCs that hold a list of every community
 *    come out of the same pass: O(n q 2^c). Iraq 2014 (30 lists, q = 165)
 *    has 5,420,555 MWCs; they are counted, not listed.
 *  - Counting for several layers, and listing the MWCs of at most k lists:
 *    the coalition stage's branch and bound (coalition_search.c, parties
 *    in decreasing seat order, a branch ends where it first wins and is cut
 *    where a layer can no longer reach its quota), with a visitor that
 *    records or counts. It works on bit masks, so chambers of more than 64
 *    parties get neither (the one-layer count above has no such limit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../coalition/coalition_impl.h"
#include "cancel_hook.h"
#include "util.h"
#include "powershare/scenario.h"
#include "scenario_impl.h"

#define DP_MAX_CELLS 8000000  /* table entries (q per set of communities): 64 MB */
#define DP_MAX_COMMUNITIES 6

void ps_analysis_options_init(ps_analysis_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->max_lists = 5;
    opt->max_listed = 100000;
    opt->max_nodes = 50000000;
    ps_power_options_init(&opt->power);
    opt->power.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    /* The power stage's one policy: exact when affordable, otherwise Monte
     * Carlo with its intervals and a note (an->power->note) saying so, so a
     * scenario of a large chamber still shows who holds power. What only
     * exact values allow stays exact: the differences of scenario_compare.c
     * are sums of exact fractions and are left out (NaN) for estimates. A
     * caller that wants exact values or nothing sets PS_POWER_AUTO. */
    opt->power.method = PS_POWER_BEST;
}

void ps_analysis_free(ps_analysis *an)
{
    if (!an)
        return;
    ps_legislature_free(an->leg);
    ps_rule_free(an->rule);
    psi_free(an->rule_text);
    ps_game_free(an->game);
    psi_free(an->game_error);
    ps_power_free(an->power);
    psi_free(an->power_error);
    for (size_t i = 0; i < an->n_listed; i++)
        psi_free(an->listed[i].members);
    psi_free(an->listed);
    for (size_t i = 0; i < an->n_condition; i++)
        psi_free(an->condition[i]);
    psi_free(an->condition);
    psi_free(an->condition_missing);
    psi_free(an);
}

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* What the visitor of the branch and bound (coalition_search.c) needs. */
typedef struct tally {
    const ps_legislature *leg;
    const unsigned *cmask; /* condition communities of each party (bit set) */
    unsigned full;
    uint64_t count, count_condition;
    /* listing */
    bool listing;
    size_t max_listed;
    bool cut;
    size_t n_found, cap_found;
    ps_scenario_coalition *found;
} tally;

/* Appends a coalition (members in ascending index, as the mask has them).
 * Returns PS_OK, PS_ENOMEM, or 1 to stop the search when the list is full. */
static int record(tally *t, ps_members m, size_t k)
{
    if (t->n_found == t->max_listed) {
        t->cut = true;
        return 1;
    }
    if (t->n_found == t->cap_found) {
        size_t cap = t->cap_found ? 2 * t->cap_found : 64;
        ps_scenario_coalition *grown = psi_realloc_array(t->found, cap, sizeof *grown);
        if (!grown)
            return PS_ENOMEM;
        t->found = grown;
        t->cap_found = cap;
    }
    size_t *members = psi_malloc_array(k, sizeof *members);
    if (!members)
        return PS_ENOMEM;
    int64_t seats = 0;
    size_t j = 0;
    for (ps_members r = m; r; r &= r - 1) {
        size_t i = (size_t)__builtin_ctzll(r);
        members[j++] = i;
        seats += t->leg->parties[i].seats;
    }
    t->found[t->n_found++] = (ps_scenario_coalition){k, members, seats};
    return PS_OK;
}

static int visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    (void)sums;
    tally *t = ctx;
    if (t->listing)
        return record(t, m, k);
    unsigned covered = 0;
    for (ps_members r = m; r; r &= r - 1)
        covered |= t->cmask[__builtin_ctzll(r)];
    t->count = sat_add(t->count, 1);
    if (covered == t->full)
        t->count_condition = sat_add(t->count_condition, 1);
    return 0;
}

/* Fewer parties first, then more seats, then by members (scenario_impl.h). */
int psi_scenario_cmp_coalition(const void *pa, const void *pb)
{
    const ps_scenario_coalition *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    if (a->seats != b->seats)
        return a->seats > b->seats ? -1 : 1;
    for (size_t k = 0; k < a->n; k++)
        if (a->members[k] != b->members[k])
            return a->members[k] < b->members[k] ? -1 : 1;
    return 0;
}

/* Counts the MWCs of a one-layer game with the table described above. */
static int dp_count(ps_analysis *an, const size_t *order, const unsigned *cmask, unsigned full)
{
    const ps_game *g = an->game;
    size_t n = g->n_players, sets = (size_t)full + 1;
    int64_t q = g->quotas[0];
    uint64_t *ways = psi_calloc(sets * (size_t)q, sizeof *ways);
    if (!ways)
        return PS_ENOMEM;
    ways[0] = 1;
    uint64_t count = 0, count_cond = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        int64_t w = g->weights[i];
        if (w <= 0)
            continue; /* a party without weight is never critical */
        for (size_t m = 0; m < sets; m++) {
            size_t to = m | cmask[i];
            for (int64_t s = q - w > 0 ? q - w : 0; s < q; s++) {
                uint64_t c = ways[m * (size_t)q + (size_t)s];
                count = sat_add(count, c);
                if (to == full)
                    count_cond = sat_add(count_cond, c);
            }
        }
        /* then i joins the heavier parties' subsets (descending s: 0/1 knapsack) */
        for (size_t m = sets; m-- > 0;) {
            size_t to = m | cmask[i];
            for (int64_t s = q - 1 - w; s >= 0; s--) {
                uint64_t c = ways[m * (size_t)q + (size_t)s];
                if (c) {
                    uint64_t *d = &ways[to * (size_t)q + (size_t)(s + w)];
                    *d = sat_add(*d, c);
                }
            }
        }
    }
    psi_free(ways);
    an->mwc_counted = true;
    an->n_mwc = count;
    an->n_mwc_condition = count_cond;
    return PS_OK;
}

static int coalitions(ps_analysis *an, const ps_analysis_options *opt)
{
    const ps_game *g = an->game;
    const ps_legislature *leg = an->leg;
    size_t n = g->n_players;
    tally t = {0};
    t.leg = leg;
    size_t *order = psi_malloc_array(n, sizeof *order);
    unsigned *cmask = psi_calloc(n, sizeof *cmask);
    psi_search s = {0};
    /* a rule with "or" (game.h): the coalition search takes AND rules only */
    bool searchable = n <= PS_COALITION_MAX_PLAYERS && ps_game_group_count(g) == 1;
    int rc = PS_OK;
    if (!order || !cmask) {
        rc = PS_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) { /* stable: by seats, then file order */
        size_t j = i;
        for (; j > 0 && leg->parties[order[j - 1]].seats < leg->parties[i].seats; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    for (size_t c = 0; c < an->n_condition; c++) {
        long ci = ps_legislature_find_community(leg, an->condition[c]);
        for (size_t i = 0; i < n; i++)
            if (leg->parties[i].community == (int)ci && c < 8 * sizeof(unsigned))
                cmask[i] |= 1u << c;
    }
    t.full = an->n_condition < 8 * sizeof(unsigned) ? (1u << an->n_condition) - 1u : 0;
    t.cmask = cmask;
    if (searchable && psi_search_init(&s, g, NULL, false, NULL) < 0) {
        rc = PS_ENOMEM;
        goto done;
    }

    /* list the small ones (more than 64 parties: not listed) */
    t.listing = true;
    t.max_listed = opt->max_listed;
    if (searchable && opt->max_lists > 0) {
        s.max_k = opt->max_lists;
        rc = psi_search_minimal(&s, visit, &t);
        if (rc < 0)
            goto done;
        rc = PS_OK;
    }
    if (t.n_found)
        qsort(t.found, t.n_found, sizeof *t.found, psi_scenario_cmp_coalition);
    an->listed = t.found;
    an->n_listed = t.n_found;
    an->listed_complete = searchable && !t.cut;
    t.found = NULL;
    t.n_found = 0;

    /* count them all */
    if (g->n_layers == 1 && an->n_condition <= DP_MAX_COMMUNITIES &&
        g->quotas[0] <= (int64_t)(DP_MAX_CELLS >> an->n_condition)) {
        rc = dp_count(an, order, cmask, t.full);
    } else if (searchable) {
        t.listing = false;
        s.max_k = 0;
        s.budget = opt->max_nodes + 1; /* spend() stops at 1 */
        s.out_of_budget = false;
        rc = psi_search_minimal(&s, visit, &t);
        an->mwc_counted = !s.out_of_budget;
        an->n_mwc = t.count;
        an->n_mwc_condition = t.count_condition;
    }
done:
    for (size_t i = 0; i < t.n_found; i++)
        psi_free(t.found[i].members);
    psi_free(t.found);
    psi_search_free(&s);
    psi_free(order);
    psi_free(cmask);
    return rc;
}

/* Which condition communities have no seated list. */
static int condition(ps_analysis *an)
{
    psi_buf b;
    psi_buf_init(&b);
    size_t missing = 0;
    for (size_t c = 0; c < an->n_condition; c++) {
        long ci = ps_legislature_find_community(an->leg, an->condition[c]);
        bool seated = false;
        for (size_t i = 0; i < an->leg->n_parties && !seated; i++)
            seated = an->leg->parties[i].community == (int)ci && an->leg->parties[i].seats > 0;
        if (!seated)
            psi_buf_printf(&b, "%s%s", missing++ ? ", " : "no seated list of ",
                           an->leg->communities[ci].name);
    }
    if (!missing && !an->game)
        psi_buf_printf(&b, "no coalition can win: %s", an->game_error);
    an->condition_possible = !missing && an->game;
    if (an->condition_possible) {
        psi_buf_free(&b);
        return PS_OK;
    }
    an->condition_missing = psi_buf_take(&b);
    return an->condition_missing ? PS_OK : PS_ENOMEM;
}

/* Keeps a message from a failed stage; only PS_ENOMEM and PS_ECANCELED are
 * passed up. */
static int keep_message(char **out, int rc, const ps_error *e)
{
    if (rc == PS_ENOMEM || rc == PS_ECANCELED)
        return rc;
    *out = psi_strdup(e->message[0] ? e->message : ps_strerror(rc));
    return *out ? PS_OK : PS_ENOMEM;
}

int ps_analysis_compute(ps_analysis **out, const ps_legislature *leg, const ps_rule *rule,
                        const ps_analysis_options *opt, ps_error *err)
{
    if (!out || !leg)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_analysis_compute: NULL argument");
    *out = NULL;
    psi_work_done(PSI_WORK_SCENARIO);
    ps_analysis_options defaults;
    if (!opt) {
        ps_analysis_options_init(&defaults);
        opt = &defaults;
    }
    for (size_t c = 0; c < opt->n_condition; c++)
        if (ps_legislature_find_community(leg, opt->condition[c]) < 0)
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "the condition names community '%s', which the legislature does "
                             "not declare", opt->condition[c]);
    ps_analysis *an = psi_calloc(1, sizeof *an);
    if (!an)
        return psi_enomem(err);
    int rc = ps_legislature_copy(&an->leg, leg);
    if (rc == PS_OK)
        rc = rule ? ps_rule_copy(&an->rule, rule) : ps_rule_new(&an->rule);
    if (rc == PS_OK && opt->n_condition &&
        !(an->condition = psi_calloc(opt->n_condition, sizeof *an->condition)))
        rc = PS_ENOMEM;
    for (size_t c = 0; rc == PS_OK && c < opt->n_condition; c++) {
        an->n_condition++;
        if (!(an->condition[c] = psi_strdup(opt->condition[c])))
            rc = PS_ENOMEM;
    }
    an->max_lists = opt->max_lists;
    if (rc == PS_OK)
        an->base = an->leg->total_seats - (an->rule->of_present ? an->leg->vacant_seats : 0);
    ps_error e;
    if (rc == PS_OK) {
        int r = ps_game_from_rule(&an->game, an->leg, an->rule, &e);
        if (r < 0)
            rc = keep_message(&an->game_error, r, &e);
        else
            an->quota = an->game->quotas[0];
    }
    if (rc == PS_OK && an->game) {
        int r = ps_rule_describe(&an->rule_text, an->leg, an->rule, &e);
        if (r == PS_ENOMEM)
            rc = PS_ENOMEM;
    }
    if (rc == PS_OK && an->game) {
        int r = ps_power_compute(&an->power, an->game, &opt->power, &e);
        if (r < 0)
            rc = keep_message(&an->power_error, r, &e);
    }
    if (rc == PS_OK && an->game)
        rc = coalitions(an, opt);
    else
        an->listed_complete = true;
    if (rc == PS_OK)
        rc = condition(an);
    if (rc == PS_OK && psi_cancel_stopped())
        rc = PS_ECANCELED;
    if (rc < 0) {
        ps_analysis_free(an);
        return rc == PS_ECANCELED ? psi_cancel_error(err) : psi_enomem(err);
    }
    *out = an;
    return PS_OK;
}
