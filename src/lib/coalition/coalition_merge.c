/*
 * coalition_merge.c - the passes of ps_coalitions_find (coalition_find.c)
 * in their workers, and what the workers found put together as one walk
 * would have found it (coalition_impl.h; the walk is split by
 * coalition_pass.c):
 *   pass 1 (psi_pass_stats): counts added up; each theory's `top` smallest
 *          scores, the smallest of all the workers' (a multiset: the order
 *          plays no part); the best score the smallest of the workers',
 *          shared by the sum of those of the workers whose best is the same;
 *   pass 2 (psi_pass_keep): each worker keeps what it would keep with its
 *          own count of ties at a theory's threshold. A worker has seen no
 *          more ties than one walk had by then, so it keeps at least what
 *          one walk keeps; all that is kept, in the order of one walk (by
 *          task, then in the worker's order), is kept again with the walk's
 *          counts, and a list is cut when that says so or a worker's own
 *          count did (the walk's count was then at its cap too);
 *   --all  (psi_pass_collect): everything (at most the limit), in any order.
 * Numbers cross processes as 64-bit words (doubles as their bits) by the
 * share's sum and gather (shared.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coalition_impl.h"

/* ---- the visitors ------------------------------------------------------ */

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
    psi_stats *st = ctx;
    st->count++;
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        if (!st->use[t])
            continue;
        double x = psi_score((ps_theory)t, st->geo, m, sums[0], k);
        if (st->n_best[t] == 0 || (x < st->best[t] && !psi_score_same(x, st->best[t]))) {
            st->best[t] = x;
            st->n_best[t] = 1;
        } else if (psi_score_same(x, st->best[t])) {
            st->n_best[t]++;
        }
        if (st->top)
            heap_push(st->heap[t], &st->heap_n[t], st->top, x);
    }
    return 0;
}

/* Coalitions strictly better than a theory's threshold are fewer than
 * `top`, so they are always kept and the ranks stay exact; those tied at the
 * threshold share what is left of the limit, theory by theory, in the
 * order of the walk. */
static bool keep_decide(psi_keep *kp, ps_members m, const int64_t *sums, size_t k)
{
    bool want = kp->top == 0, must = kp->top == 0;
    bool tie_for[PS_THEORY_COUNT] = {false};
    for (int t = 0; t < PS_THEORY_COUNT && kp->top; t++) {
        if (!kp->use[t])
            continue;
        double x = psi_score((ps_theory)t, kp->geo, m, sums[0], k);
        if (psi_score_same(x, kp->threshold[t]))
            want = tie_for[t] = true;
        else if (x < kp->threshold[t])
            want = must = true;
    }
    if (!want)
        return false;
    if (must)
        return true;
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
    return room;
}

static int keep_visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    psi_keep *kp = ctx;
    if (!keep_decide(kp, m, sums, k))
        return 0;
    if (kp->task && psi_masks_push(&kp->masks, &kp->n, &kp->cap, *kp->task) < 0)
        return PS_ENOMEM;
    return psi_masks_push(&kp->masks, &kp->n, &kp->cap, m) < 0 ? PS_ENOMEM : 0;
}

int psi_no_visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    (void)ctx, (void)m, (void)sums, (void)k;
    return 0;
}

static int collect_visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    (void)sums, (void)k;
    psi_keep *kp = ctx;
    return psi_masks_push(&kp->masks, &kp->n, &kp->cap, m) < 0 ? PS_ENOMEM : 0;
}

/* ---- the passes, shared by threads and processes (coalition_pass.c) ---- */

void psi_team_init(psi_team *tm, const psi_search *s, const ps_coalition_options *opt,
                   uint64_t nodes)
{
    tm->pass = (psi_pass){false, psi_no_visit, tm->ctx, tm->s, psi_pass_threads(opt->threads),
                          opt->share, nodes, 0};
    for (size_t t = 0; t < tm->pass.threads; t++) {
        tm->own[t].s = *s;
        tm->s[t] = &tm->own[t].s;
        tm->ctx[t] = NULL;
    }
}

static void put_double(uint64_t *w, double x)
{
    memcpy(w, &x, sizeof x);
}

static double get_double(const uint64_t *w)
{
    double x;
    memcpy(&x, w, sizeof x);
    return x;
}

/* Pass 1 in the workers, merged into st (its heaps allocated, empty):
 * count, each theory's `top` smallest scores of all (a multiset), the best
 * score (the smallest of the workers') and how many share it (those of the
 * workers whose best is the same). */
int psi_pass_stats(psi_stats *st, psi_pass_result *res, psi_team *tm, ps_error *err)
{
    size_t threads = tm->pass.threads, n_use = 0;
    struct {
        _Alignas(PSI_LINE) psi_stats v;
    } own[PSI_MAX_JOBS];
    psi_stats *part[PSI_MAX_JOBS] = {NULL};
    uint64_t *words = NULL, *all = NULL;
    size_t n_words = 0, n_all = 0;
    int rc = PS_OK;
    memset(own, 0, sizeof own);
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        n_use += st->use[t];
    for (size_t w = 0; w < threads; w++) {
        part[w] = &own[w].v;
        part[w]->geo = st->geo;
        part[w]->top = st->top;
        memcpy(part[w]->use, st->use, sizeof st->use);
        /* a line more than the heap: threads' heaps apart */
        for (int t = 0; t < PS_THEORY_COUNT && st->top; t++)
            if (st->use[t] &&
                !(part[w]->heap[t] = psi_malloc_array(st->top + PSI_LINE / sizeof(double),
                                                      sizeof(double))))
                rc = psi_enomem(err);
        tm->ctx[w] = part[w];
    }
    tm->pass.visit = stats_visit;
    if (rc < 0 || (rc = psi_pass_run(res, &tm->pass, err)) < 0 || res->refused)
        goto done;
    /* each worker: per theory used, best, n_best, heap_n, the heap */
    if (!(words = psi_malloc_array(threads * n_use * (3 + st->top) + 1, sizeof *words))) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t w = 0; w < threads; w++)
        for (int t = 0; t < PS_THEORY_COUNT; t++) {
            if (!st->use[t])
                continue;
            put_double(&words[n_words++], part[w]->best[t]);
            words[n_words++] = part[w]->n_best[t];
            words[n_words++] = part[w]->heap_n[t];
            for (size_t i = 0; i < part[w]->heap_n[t]; i++)
                put_double(&words[n_words++], part[w]->heap[t][i]);
        }
    if ((rc = psi_shared_gather(tm->pass.share, words, n_words, &all, &n_all, err)) < 0)
        goto done;
    st->count = res->visits;
    bool found[PS_THEORY_COUNT] = {false};
    for (int round = 0; round < 2; round++) /* the best, then who shares it */
        for (size_t at = 0; at < n_all;)
            for (int t = 0; t < PS_THEORY_COUNT; t++) {
                if (!st->use[t])
                    continue;
                double best = get_double(&all[at]);
                uint64_t n_best = all[at + 1], heap_n = all[at + 2];
                at += 3;
                if (round == 0 && n_best && (!found[t] || best < st->best[t])) {
                    st->best[t] = best;
                    found[t] = true;
                }
                for (size_t i = 0; round == 0 && i < heap_n; i++)
                    heap_push(st->heap[t], &st->heap_n[t], st->top, get_double(&all[at + i]));
                at += heap_n;
                if (round == 1 && n_best && psi_score_same(best, st->best[t]))
                    st->n_best[t] += n_best;
            }
done:
    for (size_t w = 0; w < threads; w++)
        for (int t = 0; t < PS_THEORY_COUNT; t++)
            psi_free(own[w].v.heap[t]);
    psi_free(words);
    psi_free(all);
    return rc;
}

/* The masks of the workers of this process, one after the other, gathered
 * from every process into *all. */
static int gather_masks(uint64_t **all, size_t *n_all, psi_keep *const *part, size_t threads,
                        const ps_share *share, ps_error *err)
{
    size_t n = 0;
    for (size_t w = 0; w < threads; w++)
        n += part[w]->n;
    uint64_t *words = psi_malloc_array(n + 1, sizeof *words);
    if (!words)
        return psi_enomem(err);
    n = 0;
    for (size_t w = 0; w < threads; w++) {
        if (part[w]->n)
            memcpy(words + n, part[w]->masks, part[w]->n * sizeof *words);
        n += part[w]->n;
    }
    int rc = psi_shared_gather(share, words, n, all, n_all, err);
    psi_free(words);
    return rc;
}

typedef struct kept {
    uint64_t task, at;
    ps_members m;
} kept;

static int cmp_kept(const void *pa, const void *pb)
{
    const kept *a = pa, *b = pb;
    if (a->task != b->task)
        return a->task < b->task ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

/* Pass 2 in the workers, each keeping with its own tie counts (a superset
 * of what one walk keeps, its ties being fewer); then all kept, in the
 * walk's order (by task, then in each worker's order), are kept again with
 * the walk's tie counts, into kp. A list is truncated when that says so or
 * a worker's own count did. */
int psi_pass_keep(psi_keep *kp, psi_pass_result *res, psi_team *tm, const ps_game *game,
                  ps_error *err)
{
    size_t threads = tm->pass.threads;
    struct {
        _Alignas(PSI_LINE) psi_keep v;
    } own[PSI_MAX_JOBS];
    psi_keep *part[PSI_MAX_JOBS] = {NULL};
    uint64_t *all = NULL, flags[PS_THEORY_COUNT] = {0};
    kept *order = NULL;
    int64_t *sums = NULL;
    size_t n_all = 0;
    int rc;
    memset(own, 0, sizeof own);
    for (size_t w = 0; w < threads; w++) {
        part[w] = &own[w].v;
        *part[w] = *kp;
        part[w]->masks = NULL;
        part[w]->n = part[w]->cap = 0;
        part[w]->task = &tm->s[w]->task;
        tm->ctx[w] = part[w];
    }
    tm->pass.visit = keep_visit;
    if ((rc = psi_pass_run(res, &tm->pass, err)) < 0 || res->refused)
        goto done;
    for (size_t w = 0; w < threads; w++)
        for (int t = 0; t < PS_THEORY_COUNT; t++)
            flags[t] |= part[w]->truncated[t];
    if ((rc = psi_shared_sum(tm->pass.share, flags, PS_THEORY_COUNT, err)) < 0 ||
        (rc = gather_masks(&all, &n_all, part, threads, tm->pass.share, err)) < 0)
        goto done;
    size_t n = n_all / 2;
    order = psi_malloc_array(n + 1, sizeof *order);
    sums = psi_calloc(game->n_layers, sizeof *sums);
    if (!order || !sums) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (kept){all[2 * i], i, all[2 * i + 1]};
    qsort(order, n, sizeof *order, cmp_kept);
    for (size_t i = 0; i < n; i++) {
        psi_game_sums(game, order[i].m, sums);
        if (keep_decide(kp, order[i].m, sums, psi_popcount(order[i].m)) &&
            psi_masks_push(&kp->masks, &kp->n, &kp->cap, order[i].m) < 0) {
            rc = psi_enomem(err);
            goto done;
        }
    }
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        kp->truncated[t] = kp->truncated[t] || flags[t];
done:
    for (size_t w = 0; w < threads; w++)
        psi_free(part[w]->masks);
    psi_free(all);
    psi_free(order);
    psi_free(sums);
    return rc;
}

/* --all: every feasible winning coalition of the workers, into kp (their
 * order plays no part: the masks are sorted). */
int psi_pass_collect(psi_keep *kp, psi_pass_result *res, psi_team *tm, ps_error *err)
{
    size_t threads = tm->pass.threads;
    struct {
        _Alignas(PSI_LINE) psi_keep v;
    } own[PSI_MAX_JOBS];
    psi_keep *part[PSI_MAX_JOBS] = {NULL};
    int rc;
    memset(own, 0, sizeof own);
    for (size_t w = 0; w < threads; w++)
        tm->ctx[w] = part[w] = &own[w].v;
    tm->pass.all = true;
    tm->pass.visit = collect_visit;
    if ((rc = psi_pass_run(res, &tm->pass, err)) == PS_OK && !res->refused) {
        psi_free(kp->masks);
        kp->masks = NULL;
        rc = gather_masks(&kp->masks, &kp->n, part, threads, tm->pass.share, err);
        kp->cap = kp->n;
    }
    for (size_t w = 0; w < threads; w++)
        psi_free(part[w]->masks);
    return rc;
}
