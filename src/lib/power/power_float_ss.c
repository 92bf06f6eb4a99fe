/*
 * power_float_ss.c - Shapley-Shubik values of one weighted layer in double
 * precision with a proven error bound (the floating-point mode; the error
 * analysis is in power_float.c, the exact program in power_dp_ss.c).
 *
 * Table: a[k][x] = c[k][x] / C(t, k), the chance that a uniformly random
 * k-subset of the t players added so far weighs x, for the m players of
 * positive weight (weight 0 makes a dummy, left out) in ascending order of
 * weight, two per pass (power_float_pass.c has the passes). Row k is stored
 * over [lo_k, top_k] (lo_k the k lightest weights, top_k the k heaviest
 * capped at the stored top).
 *
 * Values: SS_i = (1/m) sum_{k=0}^{m-1} P_k, P_k the chance that a random
 * k-subset of the m-1 others weighs in [q - w_i, q - 1]. Removing player i
 * in closed form (c_{-i}[k][x] = sum_j (-1)^j c[k-j][x - j w_i]):
 *   P_k = sum_j (-1)^j rho_{k-j,j} W[k-j][j],
 *   rho_{r,j} = C(m, r) / C(m-1, r+j),
 * W[r][j] the sum of row r over the window shifted down by j w_i. For
 * k <= (m-1)/2, rho <= m/(m-k) < 2, falling geometrically in j, so the
 * alternating sums are well conditioned; above, the coefficients would grow
 * like C(m, m/2). Those k are read from the complement: T (k of the others)
 * weighs in the window iff the m-1-k others outside T weigh in
 * [W - q - w_i + 1, W - q] (W the total weight), and C(m-1, k) =
 * C(m-1, m-1-k), so P_k is that window's chance in row m-1-k. So the table
 * needs rows up to (m-1)/2 only (and only those some k needs: rows whose
 * lightest members pass the window are zero), over weights up to q - 1, or
 * up to W - q when that is larger and some k above (m-1)/2 matters (a
 * quota of at most half). The coefficient rho_{r,j} depends on the source
 * row and the shift only, so every window term of row r adds to the value
 * directly: rows outside, distinct weights inside, one row in cache while
 * every weight reads it.
 *
 * Window sums: after the passes each row becomes running sums, from its
 * bottom up to its median cell and from its top down above it; a window is
 * the difference of two (or, across the median, two differences), which
 * never cancels against more than half of its row (the error term M of
 * power_float.c).
 *
 * Threads (options.threads): a pass writes row k from rows k, k-1, k-2 as
 * they were before the pass. Each pass the rows are cut into bands of about
 * equal cells, one per thread, each done from its top row down; the two rows
 * just below a band belong to the band underneath, so they are copied to the
 * band's scratch before the pass (a barrier after the copies, one after the
 * pass). Then the rows become running sums, rows shared out, and the
 * distinct weights are shared out for the values. Every cell and every value
 * is computed by the same operations in the same order for any number of
 * threads, so the results are the same bytes.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "power_float.h"
#include "power_programs.h"
#include "cancel_hook.h"
#include "progress_hook.h"

#define U_ROUND 0x1p-53
#define TASK "power (Shapley-Shubik, floating point)"

/* Running sums of row r in place, up to its median cell and down above. */
static void running_sums(psi_ftable *S, size_t r)
{
    double *row = S->c + S->off[r];
    size_t len = (size_t)(S->top[r] - S->lo[r] + 1), s = 0;
    double total = 0, acc = 0;
    for (size_t x = 0; x < len; x++)
        total += row[x];
    if (total > 0)
        for (s = 0; s + 1 < len; s++) {
            acc += row[s];
            if (acc >= 0.5 * total)
                break;
        }
    acc = 0;
    for (size_t x = 0; x < s; x++) {
        acc += row[x];
        row[x] = acc;
    }
    acc = 0;
    for (size_t x = len; x-- > s;) {
        acc += row[x];
        row[x] = acc;
    }
    S->split[r] = S->lo[r] + (int64_t)s;
}

/* The sum of row r over [a, b] (inside the row) and its mass: the width
 * times the largest running sum read (power_float.c). At most 3 roundings. */
static double window(const psi_ftable *S, size_t r, int64_t a, int64_t b, double *mass)
{
    const double *row = S->c + S->off[r] - S->lo[r]; /* indexed by x */
    int64_t lo = S->lo[r], top = S->top[r], s = S->split[r];
    if (b < s) {
        double pb = row[b], pa = a > lo ? row[a - 1] : 0.0;
        *mass = (double)(b - a + 1) * pb;
        return pb - pa;
    }
    if (a >= s) {
        double sa = row[a], sb = b < top ? row[b + 1] : 0.0;
        *mass = (double)(b - a + 1) * sa;
        return sa - sb;
    }
    double ps = row[s - 1], pa = a > lo ? row[a - 1] : 0.0;
    double ss = row[s], sb = b < top ? row[b + 1] : 0.0;
    *mass = (double)(s - a) * ps + (double)(b - s + 1) * ss;
    return (ps - pa) + (ss - sb);
}

/* A sum in pairwise order, fed one term at a time (a binary counter). */
typedef struct pairwise {
    double level[64];
    uint64_t used;
} pairwise;

static void pairwise_add(pairwise *p, double x)
{
    unsigned l = 0;
    while (p->used & ((uint64_t)1 << l)) {
        x = p->level[l] + x;
        p->used &= ~((uint64_t)1 << l);
        l++;
    }
    p->level[l] = x;
    p->used |= (uint64_t)1 << l;
}

static double pairwise_total(const pairwise *p)
{
    double s = 0;
    for (unsigned l = 0; l < 64; l++)
        if (p->used & ((uint64_t)1 << l))
            s += p->level[l];
    return s;
}

/* One distinct weight's value: its sum, the absolute sum A, the mass M and
 * the number of terms; then the value and its bound. */
typedef struct group {
    int64_t w;
    pairwise sum;
    double A, M, terms;
    double value, bound;
} group;

/* The two families of windows: k <= (m-1)/2 directly (top q - 1), larger k
 * from the complement rows (top W - q); targets k in [klo, khi]. */
typedef struct family {
    int64_t top;
    size_t klo, khi;
    bool used;
} family;

/* Adds to g the terms of source row r for the targets of family f:
 * sum_j (-1)^j rho_{r,j} W[r][j], windows down from f->top. */
static void chain(const psi_ftable *S, size_t r, const double *rho, const family *f, group *g)
{
    if (!f->used || f->khi < r)
        return;
    size_t j0 = f->klo > r ? f->klo - r : 0, j1 = f->khi - r;
    int64_t w = g->w, lo = S->lo[r], top = S->top[r];
    if (f->top < lo || (f->top - lo) / w < (int64_t)j0)
        return; /* every window lies below the row */
    int64_t hi = f->top - (int64_t)j0 * w;
    double s = 0, A = 0, M = 0, n = 0;
    for (size_t j = j0; j <= j1 && hi >= lo; j++, hi -= w) {
        int64_t a = hi - w + 1;
        if (a > top)
            continue; /* the window is above the row: nothing */
        double mass;
        double t = rho[j] * window(S, r, a > lo ? a : lo, hi < top ? hi : top, &mass);
        s = (j & 1) ? s - t : s + t;
        A += t;
        M += rho[j] * mass;
        n += 1;
    }
    if (n > 0) {
        pairwise_add(&g->sum, s);
        g->A += A;
        g->M += M;
        g->terms += n;
    }
}

typedef struct shared {
    psi_ftable *S;
    size_t T;
    pthread_barrier_t bar;
    pthread_mutex_t gate;
    int stop;          /* set by thread 0 before a pass's first barrier, read
                        * by all between its two barriers */
    atomic_int halt;   /* the values: thread 0 saw a cancellation */
    double *scratch;   /* [T][2][maxlen] */
    group *groups;
    size_t n_groups;
    family fam[2];
    size_t m;
} shared;

typedef struct worker {
    shared *sh;
    size_t id;
    size_t *first; /* [T+1] */
    double *rho;   /* [R+1] */
    psi_cancel_hook hook;
} worker;

/* Waits for the other threads (none when alone). */
static void sync_all(shared *sh)
{
    if (sh->T > 1)
        pthread_barrier_wait(&sh->bar);
}

/* This thread's share of one pass; returns true when the pass was called
 * off (every thread reads the same flag, between the two barriers). */
static bool one_pass(worker *me, size_t t, size_t B)
{
    shared *sh = me->sh;
    psi_ftable *S = sh->S;
    size_t b = me->id;
    psi_ftable_bands(S, t, B, sh->T, me->first);
    size_t k0 = me->first[b], k1 = me->first[b + 1];
    if (b == 0) {
        psi_progress_add(TASK, B);
        if (psi_cancelled())
            sh->stop = 1;
    }
    double *slot[2] = {sh->scratch + (2 * b) * S->maxlen,
                       sh->scratch + (2 * b + 1) * S->maxlen};
    for (size_t l = 0; l < 2 && k1 > k0; l++) { /* rows k0-1, k0-2: the band below's */
        if (k0 < l + 2 || k0 - 1 - l > t)
            continue; /* row 0 never changes; an empty row is never read */
        size_t r = k0 - 1 - l;
        size_t len = (size_t)(psi_ftable_hi(S, t, r) - S->lo[r] + 1);
        memcpy(slot[l], S->c + S->off[r], len * sizeof(double));
    }
    sync_all(sh);
    if (sh->stop)
        return true;
    for (size_t k = k1; k-- > k0;) {
        const double *src[2] = {NULL, NULL};
        for (size_t l = 0; l < 2 && l < k; l++) {
            size_t r = k - 1 - l;
            src[l] = r >= 1 && r < k0 ? slot[k0 - 1 - r] : S->c + S->off[r];
        }
        psi_ftable_pass_row(S, k, t, B, src);
    }
    sync_all(sh);
    return false;
}

static void *work(void *arg)
{
    worker *me = arg;
    shared *sh = me->sh;
    psi_ftable *S = sh->S;
    if (me->id > 0) {
        psi_cancel_hook_adopt(&me->hook);
        pthread_mutex_lock(&sh->gate); /* wait for the thread count */
        pthread_mutex_unlock(&sh->gate);
        if (me->id >= sh->T)
            return NULL;
    }
    size_t t = 0;
    bool stopped = false;
    for (; t + 2 <= S->m && !stopped; t += 2)
        stopped = one_pass(me, t, 2);
    if (t < S->m && !stopped)
        stopped = one_pass(me, t, 1);
    if (stopped)
        return NULL;
    for (size_t r = me->id; r <= S->R; r += sh->T)
        running_sums(S, r);
    sync_all(sh);
    size_t m = sh->m;
    for (size_t r = 0; r <= S->R; r++) {
        if (me->id == 0) {
            psi_progress_add(TASK, 1);
            if (psi_cancelled())
                atomic_store(&sh->halt, 1);
        }
        if (atomic_load_explicit(&sh->halt, memory_order_relaxed))
            break;
        /* rho_{r,0} = m / (m-r); rho_{r,j+1} = rho_{r,j} (r+j+1) / (m-1-r-j) */
        me->rho[0] = (double)m / (double)(m - r);
        for (size_t j = 0; r + j < S->R; j++)
            me->rho[j + 1] = me->rho[j] * ((double)(r + j + 1) / (double)(m - 1 - r - j));
        for (size_t gi = me->id; gi < sh->n_groups; gi += sh->T)
            for (size_t f = 0; f < 2; f++)
                chain(S, r, me->rho, &sh->fam[f], &sh->groups[gi]);
    }
    return NULL;
}

/* Runs the workers: threads 1..T-1 wait at the gate until the number that
 * could be started is known (the barrier needs it), thread 0 is the
 * caller. Should the barrier fail, the caller works alone and the others
 * return at once. */
static void run(shared *sh, worker *wk, size_t T)
{
    pthread_t tid[PSI_MAX_JOBS];
    size_t started = 1;
    psi_cancel_hook hook = psi_cancel_hook_get();
    pthread_mutex_lock(&sh->gate);
    for (size_t t = 1; t < T; t++) {
        wk[started].hook = hook;
        wk[started].id = started;
        if (pthread_create(&tid[started], NULL, work, &wk[started]) == 0)
            started++;
    }
    sh->T = started;
    if (started > 1 && pthread_barrier_init(&sh->bar, NULL, (unsigned)started) != 0)
        sh->T = 1;
    pthread_mutex_unlock(&sh->gate);
    wk[0].id = 0;
    work(&wk[0]);
    for (size_t t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    if (sh->T > 1)
        pthread_barrier_destroy(&sh->bar);
}

/* The rows the values need, their bounds and offsets. */
static int layout(psi_ftable *S, family *fam, int64_t q, int64_t W)
{
    size_t m = S->m, h = (m - 1) / 2, K = 0;
    while (K + 1 <= m - 1 && S->pre[K + 1] <= q - 1)
        K++; /* the most others that can weigh below q */
    fam[0] = (family){q - 1, 0, K < h ? K : h, true};
    fam[1] = (family){W - q, 0, 0, false};
    if (K > h) {
        size_t klo = m - 1 - K, khi = m - 2 - h;
        while (khi > klo && S->pre[khi] > W - q)
            khi--;
        fam[1] = (family){W - q, klo, khi, S->pre[klo] <= W - q};
    }
    S->R = fam[0].khi;
    if (fam[1].used && fam[1].khi > S->R)
        S->R = fam[1].khi;
    int64_t X = fam[1].used && W - q > q - 1 ? W - q : q - 1;
    size_t R = S->R;
    S->lo = psi_malloc_array(R + 1, sizeof *S->lo);
    S->top = psi_malloc_array(R + 1, sizeof *S->top);
    S->split = psi_malloc_array(R + 1, sizeof *S->split);
    S->off = psi_malloc_array(R + 2, sizeof *S->off);
    if (!S->lo || !S->top || !S->split || !S->off)
        return PS_ENOMEM;
    S->off[0] = 0;
    S->maxlen = 1;
    for (size_t k = 0; k <= R; k++) {
        int64_t heavy = S->pre[m] - S->pre[m - k];
        S->lo[k] = S->pre[k];
        S->top[k] = heavy < X ? heavy : X;
        size_t len = (size_t)(S->top[k] - S->lo[k] + 1);
        S->maxlen = len > S->maxlen ? len : S->maxlen;
        S->off[k + 1] = S->off[k] + len < S->off[k] ? SIZE_MAX : S->off[k] + len;
    }
    return PS_OK;
}

/* The threads asked for, at most PSI_MAX_JOBS and one per row of the
 * table (bands of rows), at least one. */
static size_t thread_count(unsigned threads, size_t rows)
{
    size_t T = threads < 1 ? 1 : threads > PSI_MAX_JOBS ? PSI_MAX_JOBS : threads;
    size_t most = rows < 1 ? 1 : rows;
    return T < most ? T : most;
}

/* Cell updates of all passes (one player at a time), for max_work; stops
 * counting past the limit. */
static double pass_work(const psi_ftable *S, double limit)
{
    double cells = 0;
    for (size_t t = 1; t <= S->m && cells <= limit; t++)
        for (size_t k = 1; k <= t && k <= S->R; k++)
            cells += (double)(psi_ftable_hi(S, t, k) - S->lo[k] + 1);
    return cells;
}

int psi_float_shapley(double *val, double *bnd, const int64_t *w, size_t n, int64_t q,
                      const ps_power_options *opt, ps_error *err)
{
    int64_t W = 0;
    for (size_t i = 0; i < n; i++)
        W += w[i];
    if (W > ((int64_t)1 << 61))
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "the total weight %lld is above 2^61, too large for the floating-point "
                         "Shapley-Shubik program; scale the weights down or use --approx",
                         (long long)W);
    int rc = PS_OK;
    psi_ftable S;
    memset(&S, 0, sizeof S);
    shared sh;
    memset(&sh, 0, sizeof sh);
    worker wk[PSI_MAX_JOBS];
    memset(wk, 0, sizeof wk);
    psi_player *sorted = psi_malloc_array(n, sizeof *sorted);
    int64_t *v = psi_malloc_array(n, sizeof *v);
    size_t *group_of = psi_malloc_array(n, sizeof *group_of);
    S.pre = psi_malloc_array(n + 1, sizeof *S.pre);
    if (!sorted || !v || !group_of || !S.pre)
        goto nomem;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] > 0)
            sorted[m++] = (psi_player){w[i], i};
    qsort(sorted, m, sizeof *sorted, psi_cmp_player);
    for (size_t i = 0; i < n; i++) {
        val[i] = 0.0; /* the dummies */
        bnd[i] = 0.0;
    }
    if (m == 0)
        goto done; /* no game has that (quota >= 1), but nothing to do */
    S.m = m;
    S.v = v;
    S.pre[0] = 0;
    for (size_t t = 0; t < m; t++) {
        v[t] = sorted[t].w;
        S.pre[t + 1] = S.pre[t] + v[t];
    }
    if (layout(&S, sh.fam, q, W) < 0)
        goto nomem;
    size_t cells = S.off[S.R + 1];
    if (cells > opt->max_memory / sizeof(double)) {
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                       "the floating-point Shapley-Shubik table for %zu players and quota %lld "
                       "needs %.1f MB, above the limit of %.1f MB; use the Monte Carlo "
                       "approximation (--approx)",
                       m, (long long)q, (double)cells * 8.0 / 1e6, (double)opt->max_memory / 1e6);
        goto done;
    }
    double work_done = pass_work(&S, opt->max_work);
    if (work_done > opt->max_work) {
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                       "the floating-point Shapley-Shubik program for %zu players and quota "
                       "%lld needs more than %.1e cell updates, above the limit of %.1e; use "
                       "the Monte Carlo approximation (--approx)",
                       m, (long long)q, opt->max_work, opt->max_work);
        goto done;
    }
    /* Roundings a term meets: the table (5 a pair, 3 a single), rho_{r,j}
     * (2j + 1 <= 2R + 1), its product (1), its window (3), its chain (R + 1)
     * and the pairwise sum over rows and families (2 log2(2R + 2) + 2), and
     * the division by m (1). */
    size_t pairs = m / 2, singles = m % 2;
    double Tr = 5.0 * (double)pairs + 3.0 * (double)singles;
    double depth = 2.0;
    for (size_t c = 1; c < 2 * (S.R + 1); c *= 2)
        depth += 2.0;
    double G = psi_float_gamma(Tr + 3.0 * (double)S.R + depth + 8.0);
    if (!(G < 0x1p-30)) {
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                       "%zu players are too many for the error bound of the floating-point "
                       "mode; use --approx", m);
        goto done;
    }
    size_t T = thread_count(opt->threads, S.R);
    S.c = psi_calloc(cells, sizeof *S.c);
    S.zero = psi_calloc(S.maxlen, sizeof *S.zero);
    sh.scratch = psi_malloc_array(2 * T * S.maxlen, sizeof *sh.scratch);
    sh.groups = psi_calloc(m ? m : 1, sizeof *sh.groups);
    for (size_t t = 0; t < T; t++) {
        wk[t].sh = &sh;
        wk[t].first = psi_malloc_array(T + 1, sizeof *wk[t].first);
        wk[t].rho = psi_malloc_array(S.R + 1, sizeof *wk[t].rho);
        if (!wk[t].first || !wk[t].rho)
            goto nomem;
    }
    if (!S.c || !S.zero || !sh.scratch || !sh.groups)
        goto nomem;
    for (size_t t = 0; t < m; t++) {
        if (t == 0 || v[t] != v[t - 1])
            sh.groups[sh.n_groups++].w = v[t];
        group_of[t] = sh.n_groups - 1;
    }
    S.c[0] = 1.0; /* row 0: the empty coalition */
    sh.S = &S;
    sh.m = m;
    atomic_init(&sh.halt, 0);
    pthread_mutex_init(&sh.gate, NULL);
    psi_progress(TASK, 0, (uint64_t)(m + S.R + 1));
    run(&sh, wk, T);
    psi_progress_end(TASK);
    pthread_mutex_destroy(&sh.gate);
    if (sh.stop || atomic_load(&sh.halt))
        goto done; /* incomplete: ps_power_compute discards it */
    for (size_t gi = 0; gi < sh.n_groups; gi++) {
        group *g = &sh.groups[gi];
        /* E: per term, the window's cells (w + 1 of them, each within
         * (Tr + 2) 2^-1074, times rho < 2), rho's own underflows and the
         * product's. */
        double units = g->terms * (2.0 * ((double)g->w + 1.0) * (Tr + 2.0) +
                                   2.0 * ((double)S.R + 2.0) + 1.0);
        double value = pairwise_total(&g->sum) / (double)m;
        double b = psi_float_bound(G, g->A, g->M, ldexp(units, -1074)) / (double)m;
        g->value = value < 0.0 ? 0.0 : value > 1.0 ? 1.0 : value;
        g->bound = b + U_ROUND * fabs(value) + 0x1p-1074;
    }
    for (size_t t = 0; t < m; t++) {
        val[sorted[t].i] = sh.groups[group_of[t]].value;
        bnd[sorted[t].i] = sh.groups[group_of[t]].bound;
    }
    goto done;
nomem:
    rc = psi_enomem(err);
done:
    for (size_t t = 0; t < PSI_MAX_JOBS; t++) {
        psi_free(wk[t].first);
        psi_free(wk[t].rho);
    }
    psi_free(sh.groups);
    psi_free(sh.scratch);
    psi_free(S.c);
    psi_free(S.zero);
    psi_free(S.lo);
    psi_free(S.top);
    psi_free(S.split);
    psi_free(S.off);
    psi_free(S.pre);
    psi_free(sorted);
    psi_free(v);
    psi_free(group_of);
    return rc;
}
