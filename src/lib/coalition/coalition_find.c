/*
 * coalition_find.c - the feasible winning coalitions, counted, kept and
 * ranked by each theory.
 *
 * Minimal winning coalitions can be far too many to keep (Iraq 2014 has
 * over five million), while a reader wants the best few of each theory
 * with their ties. So the search runs twice over the same branch and bound
 * (coalition_search.c):
 *   pass 1 counts every minimal feasible winning coalition and, for each
 *          theory, keeps the `top` smallest scores in a max-heap (only the
 *          numbers), plus the best score and how many share it;
 *   pass 2 keeps every coalition whose score is at or below a theory's
 *          top-th smallest score.
 * Everything ranked 1..top is then kept, ties included, and the ranks are
 * exact: a competition rank is 1 + the number of strictly better
 * coalitions, all of which were kept. Without `top`, every minimal
 * coalition is kept (refused above the limit, with the count).
 * Scores are integers (seats, parties) or doubles (range, variance) whose
 * ties are decided with a relative tolerance of 1e-9.
 *
 * Each pass is shared by opt->threads threads and the processes of
 * opt->share, with the result of one walk: coalition_pass.c splits the
 * walk and says where one walk would have stopped, coalition_merge.c puts
 * together what the workers found. When the condition cannot be met,
 * coalition_near.c finds what comes closest.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coalition_impl.h"

/* ---- ordering and lists ------------------------------------------------ */

/* The coalition holding the lowest-numbered party of their difference first. */
static int cmp_members(ps_members a, ps_members b)
{
    ps_members d = a ^ b;
    if (!d)
        return 0;
    return (a & d & (~d + 1)) ? -1 : 1;
}

static int cmp_items(const void *pa, const void *pb)
{
    const ps_coalition *a = pa, *b = pb;
    if (a->seats != b->seats)
        return a->seats < b->seats ? -1 : 1;
    if (a->n_members != b->n_members)
        return a->n_members < b->n_members ? -1 : 1;
    return cmp_members(a->members, b->members);
}

static int cmp_masks(const void *pa, const void *pb)
{
    ps_members a = *(const ps_members *)pa, b = *(const ps_members *)pb;
    return a < b ? -1 : a > b;
}

typedef struct sort_entry {
    double key;
    size_t index;
} sort_entry;

static int cmp_entries(const void *pa, const void *pb)
{
    const sort_entry *a = pa, *b = pb;
    if (!psi_score_same(a->key, b->key))
        return a->key < b->key ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int build_list(ps_coalition_set *set, ps_theory t, const psi_geo *g, const psi_keep *kp,
                      const psi_stats *st, ps_error *err)
{
    ps_theory_list *tl = &set->theories[t];
    tl->available = !ps_theory_needs_dimension(t) || set->dimension >= 0;
    if (!tl->available)
        return PS_OK;
    sort_entry *e = psi_malloc_array(set->n ? set->n : 1, sizeof *e);
    if (!e)
        return psi_enomem(err);
    size_t n = 0;
    for (size_t i = 0; i < set->n; i++) {
        const ps_coalition *c = &set->items[i];
        if (t == PS_THEORY_CONNECTED ? !c->connected : !(c->minimal && c->feasible))
            continue;
        double x = psi_score(t, g, c->members, c->seats, c->n_members);
        if (t != PS_THEORY_CONNECTED && kp->top && !(x <= kp->threshold[t]) &&
            !psi_score_same(x, kp->threshold[t]))
            continue;
        e[n].key = t == PS_THEORY_CONNECTED ? 0 : x;
        e[n].index = i;
        n++;
    }
    qsort(e, n, sizeof *e, cmp_entries);
    tl->index = psi_malloc_array(n ? n : 1, sizeof *tl->index);
    tl->rank = psi_malloc_array(n ? n : 1, sizeof *tl->rank);
    tl->score = psi_malloc_array(n ? n : 1, sizeof *tl->score);
    if (!tl->index || !tl->rank || !tl->score) {
        psi_free(e);
        return psi_enomem(err);
    }
    for (size_t i = 0; i < n; i++) {
        tl->index[i] = e[i].index;
        tl->score[i] = e[i].key;
        bool tie = t == PS_THEORY_MINIMAL || t == PS_THEORY_CONNECTED ||
                   (i > 0 && psi_score_same(e[i].key, e[i - 1].key));
        tl->rank[i] = i == 0 ? 1 : tie ? tl->rank[i - 1] : i + 1;
    }
    tl->n = n;
    psi_free(e);
    if (t == PS_THEORY_CONNECTED) {
        tl->n_candidates = tl->n_best = set->n_connected;
    } else {
        tl->n_candidates = set->n_minimal;
        tl->n_best = t == PS_THEORY_MINIMAL ? set->n_minimal : st->n_best[t];
        tl->truncated = kp->truncated[t];
    }
    return PS_OK;
}

void ps_coalition_set_free(ps_coalition_set *set)
{
    if (!set)
        return;
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        psi_free(set->theories[t].index);
        psi_free(set->theories[t].rank);
        psi_free(set->theories[t].score);
    }
    psi_free(set->items);
    psi_free(set->near);
    psi_free(set);
}

/* A pass that ran out of its budget: refused, not half-reported. */
static int out_of_budget(uint64_t nodes, uint64_t found, ps_error *err)
{
    return psi_error(err, PS_ERANGE, NULL, 0, 0,
                     "the search for minimal winning coalitions stopped after %.1e nodes "
                     "(%llu found so far): far too many to rank, as with dozens of tiny "
                     "parties; leave out the smallest parties (--exclude) or limit the "
                     "coalitions (--max-parties)",
                     (double)nodes, (unsigned long long)found);
}

static int too_many(ps_error *err, bool all, uint64_t count, size_t limit)
{
    if (all)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "more than %zu winning coalitions meet the condition, too many to "
                         "list; leave out --all (the minimal ones are ranked without it), or "
                         "narrow the search (--max-parties K, --require, --exclude, "
                         "--include-community)",
                         limit);
    return psi_error(err, PS_ERANGE, NULL, 0, 0,
                     "%llu minimal winning coalitions meet the condition, more than the %zu "
                     "that can be kept; show the best of each theory (--top K), or narrow the "
                     "search (--max-parties K, --require, --exclude, --include-community)",
                     (unsigned long long)count, limit);
}

int ps_coalitions_find(ps_coalition_set **out, const ps_game *game, const ps_legislature *leg,
                       const ps_coalition_options *opt, ps_error *err)
{
    *out = NULL;
    psi_work_done(PSI_WORK_COALITIONS);
    ps_coalition_options defaults;
    if (!opt) {
        ps_coalition_options_init(&defaults);
        opt = &defaults;
    }
    if (!game || !leg || game->n_players != leg->n_parties || game->n_layers == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the game and the legislature have different parties");
    int refused = ps_game_require_and(game, "the coalition search", err);
    if (refused < 0) /* a rule with "or" (game.h) */
        return refused;
    const ps_condition *cond = opt->condition;
    size_t limit = opt->limit ? opt->limit : PS_COALITION_DEFAULT_LIMIT;
    size_t top = opt->top > limit ? limit : opt->top;
    int rc;
    if (cond && (rc = ps_condition_check(cond, leg, err)) < 0)
        return rc;
    if ((rc = psi_shared_check(opt->share, err)) < 0)
        return rc;
    psi_geo geo;
    psi_search s;
    memset(&s, 0, sizeof s);
    if ((rc = psi_geo_init(&geo, game, leg, cond, opt->dimension, err)) < 0)
        return rc;
    psi_stats st;
    psi_keep kp;
    psi_team tm;
    psi_pass_result res;
    memset(&st, 0, sizeof st);
    memset(&kp, 0, sizeof kp);
    ps_coalition_set *set = psi_calloc(1, sizeof *set);
    if (!set) {
        rc = psi_enomem(err);
        goto done;
    }
    set->n_players = game->n_players;
    set->quota = game->quotas[0];
    set->dimension = opt->dimension;
    set->median = geo.median;
    set->largest = geo.largest;
    if ((rc = psi_search_init(&s, game, cond, true, err)) < 0)
        goto done;
    uint64_t nodes = opt->max_nodes ? opt->max_nodes : PS_COALITION_DEFAULT_NODES;
    psi_team_init(&tm, &s, opt, nodes);

    /* pass 1: count, and the top scores of each theory */
    st.geo = &geo;
    st.top = top;
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        st.use[t] = t != PS_THEORY_CONNECTED &&
                    (!ps_theory_needs_dimension((ps_theory)t) || opt->dimension >= 0);
        if (st.use[t] && top && !(st.heap[t] = psi_malloc_array(top, sizeof(double)))) {
            rc = psi_enomem(err);
            goto done;
        }
    }
    if ((rc = psi_pass_stats(&st, &res, &tm, err)) < 0)
        goto done;
    if (res.refused) {
        rc = out_of_budget(nodes, res.visits, err);
        goto done;
    }
    set->n_minimal = st.count;

    kp.geo = &geo;
    kp.limit = limit;
    if (opt->all) {
        tm.pass.all = true;
        tm.pass.visit = psi_no_visit;
        tm.pass.stop = (uint64_t)limit + 1;
        if ((rc = psi_pass_run(&res, &tm.pass, err)) < 0)
            goto done;
        if (res.refused) {
            rc = out_of_budget(nodes, st.count, err);
            goto done;
        }
        if (res.visits > limit) {
            rc = too_many(err, true, res.visits, limit);
            goto done;
        }
        set->n_all = res.visits;
        tm.pass.stop = 0;
        rc = psi_pass_collect(&kp, &res, &tm, err);
        for (int t = 0; t < PS_THEORY_COUNT; t++)
            kp.use[t] = st.use[t];
    } else {
        if (!top && st.count > limit) {
            rc = too_many(err, false, st.count, limit);
            goto done;
        }
        kp.top = top;
        size_t n_use = 0;
        for (int t = 0; t < PS_THEORY_COUNT; t++)
            n_use += st.use[t];
        /* ties at the last kept rank: enough to show, the rest only counted */
        kp.tie_cap = limit / (n_use ? n_use : 1);
        if (kp.tie_cap > top + PS_COALITION_TIES_KEPT)
            kp.tie_cap = top + PS_COALITION_TIES_KEPT;
        for (int t = 0; t < PS_THEORY_COUNT; t++) {
            kp.use[t] = st.use[t];
            kp.threshold[t] = st.heap_n[t] ? st.heap[t][0] : -INFINITY;
        }
        rc = psi_pass_keep(&kp, &res, &tm, game, err);
    }
    if (rc < 0)
        goto done;
    if (res.refused) {
        rc = out_of_budget(nodes, st.count, err);
        goto done;
    }

    /* Axelrod's coalitions are listed apart: they need not be minimal */
    if ((rc = psi_geo_connected(&geo, &kp.masks, &kp.n, &kp.cap, &set->n_connected, err)) < 0)
        goto done;

    /* one item per distinct coalition, described */
    if (kp.n)
        qsort(kp.masks, kp.n, sizeof *kp.masks, cmp_masks);
    size_t n = 0;
    for (size_t i = 0; i < kp.n; i++)
        if (n == 0 || kp.masks[n - 1] != kp.masks[i])
            kp.masks[n++] = kp.masks[i];
    set->items = psi_malloc_array(n ? n : 1, sizeof *set->items);
    if (!set->items) {
        rc = psi_enomem(err);
        goto done;
    }
    int64_t *sums = psi_calloc(game->n_layers, sizeof *sums);
    if (!sums) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        psi_describe(&set->items[set->n++], &geo, kp.masks[i], sums);
    psi_free(sums);
    if (n)
        qsort(set->items, n, sizeof *set->items, cmp_items);
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        if ((rc = build_list(set, (ps_theory)t, &geo, &kp, &st, err)) < 0)
            goto done;
    if (set->n_minimal == 0 && ps_condition_constrains(cond))
        rc = psi_find_near(set, game, cond, err);

done:
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        psi_free(st.heap[t]);
    psi_free(kp.masks);
    psi_search_free(&s);
    psi_geo_free(&geo);
    if (rc < 0) {
        ps_coalition_set_free(set);
        return rc;
    }
    *out = set;
    return PS_OK;
}

int ps_coalitions_count_with(uint64_t *out, bool *stopped, const ps_game *game,
                             const ps_coalition_options *opt, uint64_t stop, ps_error *err)
{
    *out = 0;
    if (stopped)
        *stopped = false;
    ps_coalition_options defaults;
    if (!opt) {
        ps_coalition_options_init(&defaults);
        opt = &defaults;
    }
    if (!game)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no game to count coalitions of");
    psi_search s;
    int rc = psi_search_init(&s, game, opt->condition, true, err);
    if (rc < 0)
        return rc;
    uint64_t nodes = opt->max_nodes ? opt->max_nodes : PS_COALITION_DEFAULT_NODES;
    psi_team tm;
    psi_team_init(&tm, &s, opt, nodes);
    tm.pass.all = opt->all;
    tm.pass.stop = stop;
    psi_pass_result res;
    rc = psi_pass_run(&res, &tm.pass, err);
    psi_search_free(&s);
    if (rc < 0)
        return rc;
    if (res.refused)
        return out_of_budget(nodes, res.visits, err);
    *out = res.visits;
    if (stopped)
        *stopped = res.stopped;
    return PS_OK;
}

int ps_coalitions_count(uint64_t *out, bool *stopped, const ps_game *game,
                        const ps_condition *cond, bool all, uint64_t stop, ps_error *err)
{
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.condition = cond;
    opt.all = all;
    opt.max_nodes = UINT64_MAX; /* no budget */
    return ps_coalitions_count_with(out, stopped, game, &opt, stop, err);
}
