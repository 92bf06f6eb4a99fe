/*
 * coalition_pass.c - one pass of the search shared by threads and
 * processes (coalition_impl.h), with the outcome of one walk.
 *
 * The tree is split at depth D = min(n, ceil(log2 W) + 10): at most 1024
 * tasks per worker, a few hundred in practice since the bound prunes the
 * top of the tree, dealt round robin (coalition_search.c) so that a
 * worker's tasks lie all over the tree. Visits need no order: the callers
 * merge what the workers' visitors found (sums, a multiset, or kept
 * coalitions re-read in task order, coalition_merge.c). What does depend
 * on the order is where one walk would have stopped: at its stop-th visit,
 * or at its (max_nodes + 1)-th node. When the workers' nodes add up to more
 * than the budget, their task records (the nodes above D before each task,
 * and the task's nodes and visits) give, in task order, the first task in
 * which the walk reaches either; that task alone is walked again, with
 * what is left of both, to see which comes first. A worker that stops on
 * its own (its own stop-th visit, or its own nodes past the budget) stops
 * past that point, so the records before it are whole.
 */
#include <stdlib.h>
#include <string.h>

#include "coalition_impl.h"

size_t psi_pass_threads(unsigned threads)
{
    return threads <= 1 ? 1 : threads > PSI_MAX_JOBS ? PSI_MAX_JOBS : threads;
}

static size_t split_depth(size_t n, uint64_t workers)
{
    size_t bits = 0;
    while (bits < 63 && ((uint64_t)1 << bits) < workers)
        bits++;
    return n < bits + 10 ? n : bits + 10;
}

typedef struct pass_job {
    psi_search *s;
    psi_visit visit;
    void *ctx;
    int rc;
    bool all;
} pass_job;

static void *run_job(void *arg)
{
    pass_job *j = arg;
    j->rc = j->all ? psi_search_all(j->s, j->visit, j->ctx)
                   : psi_search_minimal(j->s, j->visit, j->ctx);
    return NULL;
}

static int count_only(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    (void)ctx, (void)m, (void)sums, (void)k;
    return 0;
}

static int cmp_tasks(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

/* Task `task` walked alone (the nodes above the depth not counted) with
 * `nodes` nodes of the budget left and a stop after `stop` visits (0:
 * none): *stopped, or it ran out of nodes, after *visits visits. */
static int walk_again(bool *stopped, uint64_t *visits, const psi_pass *p,
                      const psi_split *shape, uint64_t task, uint64_t nodes, uint64_t stop)
{
    psi_search s = *p->team[0];
    psi_split sp;
    memset(&sp, 0, sizeof sp);
    sp.depth = shape->depth;
    sp.workers = shape->workers;
    sp.index = task;
    sp.only = true;
    sp.stop = stop;
    s.split = &sp;
    s.budget = s.budget_set = nodes + 1;
    s.out_of_budget = false;
    int rc = p->all ? psi_search_all(&s, count_only, NULL)
                    : psi_search_minimal(&s, count_only, NULL);
    psi_free(sp.rec);
    if (rc < 0)
        return rc;
    *stopped = stop && sp.visits >= stop;
    *visits = sp.visits;
    return PS_OK;
}

/* Where one walk stops: rec holds every worker's tasks (4 words each: task,
 * top, nodes, visits), complete up to the first worker that stopped, which
 * is past the point decided here. */
static int replay(psi_pass_result *out, const psi_pass *p, const psi_split *shape,
                  uint64_t *rec, size_t n_rec, uint64_t all_nodes)
{
    uint64_t budget = p->max_nodes, stop = p->stop, v = 0, below = 0;
    qsort(rec, n_rec, 4 * sizeof *rec, cmp_tasks);
    for (size_t i = 0; i < n_rec; i++) {
        const uint64_t *r = rec + 4 * i; /* task, top, nodes, visits */
        uint64_t base = r[1] + below;   /* nodes walked before its own */
        if (base > budget) {            /* ran out above the split depth */
            *out = (psi_pass_result){v, false, true};
            return PS_OK;
        }
        bool reach = stop && v + r[3] >= stop, over = base + r[2] > budget;
        if (reach || over) { /* (a visit above the depth is walked again within
                                the budget: its node was counted in base) */
            bool stopped;
            uint64_t seen;
            int rc = walk_again(&stopped, &seen, p, shape, r[0], budget - base,
                                stop ? stop - v : 0);
            if (rc < 0)
                return rc;
            *out = stopped ? (psi_pass_result){stop, true, false}
                           : (psi_pass_result){v + seen, false, true};
            return PS_OK;
        }
        v += r[3];
        below += r[2];
    }
    *out = (psi_pass_result){v, false, all_nodes > budget};
    return PS_OK;
}

/* The workers of all processes (*workers) and this process's first
 * (*first): the processes' threads, each filling its slot, added up (a
 * process's threads may differ from another's, as when --threads defaults
 * to the processors of each node). */
static int count_workers(uint64_t *workers, uint64_t *first, const ps_share *share,
                         size_t threads, ps_error *err)
{
    size_t size = psi_shared_size(share), rank = psi_shared_rank(share);
    *workers = threads;
    *first = 0;
    if (size == 1)
        return PS_OK;
    uint64_t *n = psi_calloc(size, sizeof *n);
    if (!n)
        return psi_enomem(err);
    n[rank] = threads;
    int rc = psi_shared_sum(share, n, size, err);
    *workers = 0;
    for (size_t r = 0; r < size; r++) {
        if (r == rank)
            *first = *workers;
        *workers += n[r];
    }
    psi_free(n);
    return rc;
}

int psi_pass_run(psi_pass_result *out, const psi_pass *p, ps_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = psi_shared_check(p->share, err);
    if (rc < 0)
        return rc;
    size_t threads = p->threads < 1 ? 1 : p->threads > PSI_MAX_JOBS ? PSI_MAX_JOBS : p->threads;
    uint64_t workers, first;
    if ((rc = count_workers(&workers, &first, p->share, threads, err)) < 0)
        return rc;
    struct {
        _Alignas(PSI_LINE) psi_split v;
    } sp[PSI_MAX_JOBS];
    pass_job jobs[PSI_MAX_JOBS];
    memset(sp, 0, sizeof sp);
    for (size_t t = 0; t < threads; t++) {
        psi_split *w = &sp[t].v;
        w->depth = split_depth(p->team[t]->n, workers);
        w->workers = workers;
        w->index = first + t;
        w->counts_top = w->index == 0;
        w->reports = t == 0;
        w->stop = p->stop;
        psi_search *s = p->team[t];
        s->split = w;
        /* spend() gives up at 1; UINT64_MAX nodes are no budget at all */
        s->budget = p->max_nodes && p->max_nodes < UINT64_MAX ? p->max_nodes + 1 : 0;
        s->budget_set = s->budget;
        s->out_of_budget = false;
        jobs[t] = (pass_job){s, p->visit, p->ctx[t], 0, p->all};
    }
    psi_run_jobs(run_job, jobs, sizeof *jobs, threads);

    uint64_t total[2] = {0, 0}; /* visits, nodes */
    size_t n_rec = 0;
    for (size_t t = 0; t < threads; t++) {
        if (jobs[t].rc < 0 && rc == PS_OK)
            rc = jobs[t].rc;
        total[0] += sp[t].v.visits;
        total[1] += psi_search_nodes(p->team[t]);
        n_rec += sp[t].v.n_rec;
    }
    uint64_t *mine = NULL, *rec = NULL;
    size_t n_words = 0;
    if (rc < 0) {
        rc = psi_search_error(rc, err);
        goto done;
    }
    if (workers == 1) { /* one walk in order: where it stopped is where it would */
        bool stopped = p->stop && sp[0].v.visits >= p->stop;
        *out = (psi_pass_result){sp[0].v.visits, stopped, p->team[0]->out_of_budget};
        goto done;
    }
    if ((rc = psi_shared_sum(p->share, total, 2, err)) < 0)
        goto done;
    if (!p->max_nodes || total[1] <= p->max_nodes) {
        /* within the budget, or none: every visit up to the stop counts */
        bool stopped = p->stop && total[0] >= p->stop;
        *out = (psi_pass_result){stopped ? p->stop : total[0], stopped, false};
        goto done;
    }
    if (!(mine = psi_malloc_array(4 * n_rec + 1, sizeof *mine))) {
        rc = psi_enomem(err);
        goto done;
    }
    size_t at = 0;
    for (size_t t = 0; t < threads; t++)
        for (size_t i = 0; i < sp[t].v.n_rec; i++) {
            const psi_task *r = &sp[t].v.rec[i];
            mine[at++] = r->task;
            mine[at++] = r->top;
            mine[at++] = r->nodes;
            mine[at++] = r->visits;
        }
    if ((rc = psi_shared_gather(p->share, mine, at, &rec, &n_words, err)) < 0)
        goto done;
    if ((rc = replay(out, p, &sp[0].v, rec, n_words / 4, total[1])) < 0)
        rc = psi_search_error(rc, err);
done:
    for (size_t t = 0; t < threads; t++) {
        psi_free(sp[t].v.rec);
        p->team[t]->split = NULL;
    }
    psi_free(mine);
    psi_free(rec);
    return rc;
}
