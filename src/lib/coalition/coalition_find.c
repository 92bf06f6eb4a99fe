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
 * When the condition cannot be met, two more searches find what comes
 * closest: the heaviest coalitions meeting every constraint (how many seats
 * they lack), and the minimal winning coalitions that keep the exclusions,
 * incompatibilities and party limit but miss the fewest required parties
 * and communities.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coalition_impl.h"

#define NEAR_BUDGET 2000000u

static bool same(double a, double b)
{
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= 1e-9 * scale;
}

static double score(ps_theory t, const psi_geo *g, ps_members m, int64_t seats, size_t k)
{
    double range, variance;
    switch (t) {
    case PS_THEORY_MINIMAL:
    case PS_THEORY_MINIMUM: return (double)seats;
    case PS_THEORY_BARGAINING: return (double)k;
    case PS_THEORY_RANGE:
    case PS_THEORY_DISTANCE:
        psi_geo_spread(g, m, &range, &variance);
        return t == PS_THEORY_RANGE ? range : variance;
    default: return 0;
    }
}

typedef struct stats {
    const psi_geo *geo;
    size_t top;
    bool use[PS_THEORY_COUNT];
    double *heap[PS_THEORY_COUNT]; /* max-heaps of the top smallest */
    size_t heap_n[PS_THEORY_COUNT];
    double best[PS_THEORY_COUNT];
    uint64_t n_best[PS_THEORY_COUNT];
    uint64_t count;
    uint64_t stop;
} stats;

static void heap_push(double *h, size_t *n, size_t cap, double x)
{
    size_t i;
    if (*n == cap) {
        if (x >= h[0])
            return;
        /* replace the largest and sift down */
        i = 0;
        for (;;) {
            size_t l = 2 * i + 1, r = l + 1, big = i;
            double bv = x;
            if (l < *n && h[l] > bv) {
                big = l;
                bv = h[l];
            }
            if (r < *n && h[r] > bv)
                big = r;
            if (big == i)
                break;
            h[i] = h[big];
            i = big;
        }
        h[i] = x;
        return;
    }
    i = (*n)++;
    while (i > 0 && h[(i - 1) / 2] < x) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = x;
}

static int stats_visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    stats *st = ctx;
    st->count++;
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        if (!st->use[t])
            continue;
        double x = score((ps_theory)t, st->geo, m, sums[0], k);
        if (st->n_best[t] == 0 || (x < st->best[t] && !same(x, st->best[t]))) {
            st->best[t] = x;
            st->n_best[t] = 1;
        } else if (same(x, st->best[t])) {
            st->n_best[t]++;
        }
        if (st->top)
            heap_push(st->heap[t], &st->heap_n[t], st->top, x);
    }
    return st->stop && st->count >= st->stop ? 1 : 0;
}

typedef struct keep {
    const psi_geo *geo;
    size_t top;
    bool use[PS_THEORY_COUNT];
    double threshold[PS_THEORY_COUNT];
    bool truncated[PS_THEORY_COUNT];
    size_t ties[PS_THEORY_COUNT];
    size_t tie_cap;
    size_t limit;
    ps_members *masks;
    size_t n, cap;
} keep;

/* Coalitions strictly better than a theory's threshold are fewer than
 * `top`, so they are always kept and the ranks stay exact; those tied at the
 * threshold share what is left of the limit, theory by theory. */
static int keep_visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    keep *kp = ctx;
    bool want = kp->top == 0, must = kp->top == 0;
    bool tie_for[PS_THEORY_COUNT] = {false};
    for (int t = 0; t < PS_THEORY_COUNT && kp->top; t++) {
        if (!kp->use[t])
            continue;
        double x = score((ps_theory)t, kp->geo, m, sums[0], k);
        if (same(x, kp->threshold[t]))
            want = tie_for[t] = true;
        else if (x < kp->threshold[t])
            want = must = true;
    }
    if (!want)
        return 0;
    if (!must) {
        bool room = false;
        for (int t = 0; t < PS_THEORY_COUNT; t++) {
            if (!tie_for[t])
                continue;
            if (kp->ties[t] < kp->tie_cap) {
                kp->ties[t]++;
                room = true;
            } else {
                kp->truncated[t] = true;
            }
        }
        if (!room)
            return 0;
    }
    return psi_masks_push(&kp->masks, &kp->n, &kp->cap, m) < 0 ? PS_ENOMEM : 0;
}

static int count_visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    (void)m, (void)sums, (void)k;
    stats *st = ctx;
    st->count++;
    return st->stop && st->count >= st->stop ? 1 : 0;
}

static int collect_visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    (void)sums, (void)k;
    keep *kp = ctx;
    return psi_masks_push(&kp->masks, &kp->n, &kp->cap, m) < 0 ? PS_ENOMEM : 0;
}

/* ---- near misses ------------------------------------------------------- */

typedef struct near_ctx {
    const ps_game *game;
    const ps_condition *cond;
    ps_near_miss best[3];
    size_t n;
    int64_t floor;
    bool by_missing; /* rank by missing requirements, then seats */
} near_ctx;

static size_t n_missing(const near_ctx *x, ps_members m)
{
    size_t miss = psi_popcount(x->cond->required & ~m);
    for (size_t c = 0; c < x->cond->n_communities; c++)
        if ((x->cond->communities_required & PS_MEMBER(c)) && !(x->cond->community_lists[c] & m))
            miss++;
    return miss;
}

static bool near_better(const near_ctx *x, const ps_near_miss *a, const ps_near_miss *b)
{
    if (x->by_missing) {
        size_t ma = n_missing(x, a->members), mb = n_missing(x, b->members);
        if (ma != mb)
            return ma < mb;
        return a->seats < b->seats;
    }
    return a->seats > b->seats;
}

static int near_visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    (void)k;
    near_ctx *x = ctx;
    ps_near_miss nm;
    memset(&nm, 0, sizeof nm);
    nm.members = m;
    nm.seats = sums[0];
    nm.seats_short = sums[0] < x->game->quotas[0] ? x->game->quotas[0] - sums[0] : 0;
    nm.loses_other_layer = !nm.seats_short && !psi_sums_win(x->game, sums);
    nm.missing_required = x->cond->required & ~m;
    for (size_t c = 0; c < x->cond->n_communities; c++)
        if ((x->cond->communities_required & PS_MEMBER(c)) && !(x->cond->community_lists[c] & m))
            nm.missing_communities |= PS_MEMBER(c);
    size_t i = x->n < 3 ? x->n++ : 3;
    if (i == 3) {
        if (!near_better(x, &nm, &x->best[2]))
            return 0;
        i = 2;
    }
    while (i > 0 && near_better(x, &nm, &x->best[i - 1])) {
        x->best[i] = x->best[i - 1];
        i--;
    }
    x->best[i] = nm;
    if (!x->by_missing && x->n == 3)
        x->floor = x->best[2].seats;
    return 0;
}

static int find_near(ps_coalition_set *set, const ps_game *game, const ps_condition *cond,
                     ps_error *err)
{
    ps_near_miss all[6];
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        psi_search s;
        int rc = psi_search_init(&s, game, cond, pass == 0, err);
        if (rc < 0)
            return rc;
        s.budget = NEAR_BUDGET;
        near_ctx x;
        memset(&x, 0, sizeof x);
        x.game = game;
        x.cond = cond;
        x.floor = -1;
        x.by_missing = pass == 1;
        rc = pass == 0 ? psi_search_heaviest(&s, near_visit, &x, &x.floor)
                       : psi_search_minimal(&s, near_visit, &x);
        psi_search_free(&s);
        if (rc < 0)
            return psi_search_error(rc, err);
        for (size_t i = 0; i < x.n; i++)
            all[n++] = x.best[i];
    }
    if (n) {
        set->near = psi_malloc_array(n, sizeof *set->near);
        if (!set->near)
            return psi_enomem(err);
        memcpy(set->near, all, n * sizeof *all);
        set->n_near = n;
    }
    return PS_OK;
}

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
    if (!same(a->key, b->key))
        return a->key < b->key ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int build_list(ps_coalition_set *set, ps_theory t, const psi_geo *g, const keep *kp,
                      const stats *st, ps_error *err)
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
        double x = score(t, g, c->members, c->seats, c->n_members);
        if (t != PS_THEORY_CONNECTED && kp->top && !(x <= kp->threshold[t]) &&
            !same(x, kp->threshold[t]))
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
                   (i > 0 && same(e[i].key, e[i - 1].key));
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

int ps_coalitions_count(uint64_t *out, bool *stopped, const ps_game *game,
                        const ps_condition *cond, bool all, uint64_t stop, ps_error *err)
{
    *out = 0;
    if (stopped)
        *stopped = false;
    psi_search s;
    int rc = psi_search_init(&s, game, cond, true, err);
    if (rc < 0)
        return rc;
    stats st;
    memset(&st, 0, sizeof st);
    st.stop = stop;
    rc = all ? psi_search_all(&s, count_visit, &st) : psi_search_minimal(&s, count_visit, &st);
    psi_search_free(&s);
    if (rc < 0)
        return psi_search_error(rc, err);
    *out = st.count;
    if (stopped)
        *stopped = rc > 0;
    return PS_OK;
}

/* A pass that ran out of its budget: refused, not half-reported. */
static int out_of_budget(const psi_search *s, uint64_t nodes, uint64_t found, ps_error *err)
{
    if (!s->out_of_budget)
        return PS_OK;
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
    psi_geo geo;
    psi_search s;
    memset(&s, 0, sizeof s);
    if ((rc = psi_geo_init(&geo, game, leg, cond, opt->dimension, err)) < 0)
        return rc;
    stats st;
    keep kp;
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

    /* pass 1: count, and the top scores of each theory */
    s.budget = nodes + 1; /* spend() gives up at 1 */
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
    if ((rc = psi_search_minimal(&s, stats_visit, &st)) < 0) {
        rc = psi_search_error(rc, err);
        goto done;
    }
    if ((rc = out_of_budget(&s, nodes, st.count, err)) < 0)
        goto done;
    set->n_minimal = st.count;

    kp.geo = &geo;
    kp.limit = limit;
    if (opt->all) {
        stats cnt;
        memset(&cnt, 0, sizeof cnt);
        cnt.stop = (uint64_t)limit + 1;
        s.budget = nodes + 1;
        if ((rc = psi_search_all(&s, count_visit, &cnt)) < 0) {
            rc = psi_search_error(rc, err);
            goto done;
        }
        if ((rc = out_of_budget(&s, nodes, st.count, err)) < 0)
            goto done;
        if (cnt.count > limit) {
            rc = too_many(err, true, cnt.count, limit);
            goto done;
        }
        set->n_all = cnt.count;
        s.budget = nodes + 1;
        rc = psi_search_all(&s, collect_visit, &kp);
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
        s.budget = nodes + 1;
        rc = psi_search_minimal(&s, keep_visit, &kp);
    }
    if (rc < 0) {
        rc = psi_search_error(rc, err);
        goto done;
    }
    if ((rc = out_of_budget(&s, nodes, st.count, err)) < 0)
        goto done;
    if (opt->all)
        for (int t = 0; t < PS_THEORY_COUNT; t++)
            kp.use[t] = st.use[t];

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
        rc = find_near(set, game, cond, err);

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
