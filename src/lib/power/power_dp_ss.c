/*
 * power_dp_ss.c - Shapley-Shubik values of a weighted game by generating
 * functions in two variables.
 *
 * c[k][x], the number of coalitions of k members and weight x, are the
 * coefficients of prod_i (1 + y z^{w_i}) (Mann & Shapley 1962; Matsui &
 * Matsui 2000 for the O(n^2 q) bound). Player i is pivotal for a coalition
 * T of the others iff q - w_i <= w(T) <= q - 1, and then in |T|! (n-1-|T|)!
 * of the n! orderings, so
 *     SS_i = sum_k S_i[k] k! (n-1-k)! / n!,
 *     S_i[k] = the number of such T with |T| = k.
 * Only x < q matters, and coalitions of k members weigh at least the k
 * smallest weights and at most the k largest, so row k is stored only over
 * [lo_k, min(hi_k, q - 1)]; rows whose lo_k reaches q are dropped.
 *
 * As in power_dp.c, the others' table is never rebuilt:
 * prod_{j != i} = prod / (1 + y z^{w_i}) gives
 *     c_{-i}[k][x] = sum_j (-1)^j c[k-j][x - j w_i],
 * and with prefix sums along each row S_i[k] is an alternating sum of
 * O(min(k, q / w_i)) differences: O(n^2) per player instead of O(n q).
 *
 * Players are added in ascending order of weight, so that after t of them
 * row k can only be non-zero up to the weight of the k heaviest added so
 * far; the updates stop there. Sixteen players at a time go down the
 * table together, in a wavefront over tiles of its rows
 * (power_dp_ss_wave.c), so that a table that does not fit in cache is read
 * and written about once per 3.4 players rather than once per two. The
 * last few players, and a table held by several processes whose copies of
 * the rows below their parts would not fit (power_dp_ss_split.c), go two
 * per pass over the table (row k gains row k-1 shifted by either weight
 * and row k-2 shifted by both).
 *
 * Players of weight 0 are dummies: they get 0 and the others' values are
 * those of the game without them (the null-player property), so they are
 * left out of the table. The counts S_i[k] are at most C(m-1, k) for m
 * players of positive weight; the table is computed once per modulus
 * (power_modular.c), each residue in turn or several in threads (one table
 * each), and reused for every player, so memory is one table of 64-bit
 * words per thread whatever the size of the counts. Players of equal
 * weight have equal counts, so the removal step and the final fractions
 * are done once per distinct weight (the 3,433 shareholders of EPIC's
 * large test game have 60 distinct weights). With opt->share the residues
 * are split among processes (rank, rank + size, ...) and their counts
 * added up with the share's sum before the Chinese remainder theorem
 * (power_values.c, which shares the final fractions the same way). A
 * table above opt->max_memory is held by all the processes together, its
 * rows cut among them (power_dp_ss_split.c). The table is handled in
 * pieces of rows (power_dp_ss.h) for that.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "power_dp_ss.h"
#include "power_programs.h"
#include "cancel_hook.h"
#include "progress_hook.h"

typedef psi_ss_layout layout;

int64_t psi_ss_hi_after(const layout *L, size_t t, size_t r)
{
    if (r > t)
        return 0;
    int64_t h = L->pre[t] - L->pre[t - r];
    return h < L->hi[r] ? h : L->hi[r];
}

#ifndef BATCH
#define BATCH 2
#endif
#define TERMS_MAX ((1 << PSI_SS_BATCH_MAX) - 1)

size_t psi_ss_batch(const layout *L, size_t t)
{
    return t + BATCH < L->m ? BATCH : 1;
}

/* Adds players t .. t+B-1 in one pass: row k gains, for every non-empty
 * subset U of the batch, row k-|U| shifted by w(U), all read before this
 * pass writes them (k descends). Fewer passes over a table that does not
 * fit in cache, at the price of 2^B - 1 terms per cell. Each row's x range
 * is cut into segments where every term lies wholly inside its source row
 * or is left out. */
void psi_ss_add(uint64_t *const *row, const layout *L, size_t t, const int64_t *w, size_t B,
                uint64_t p, size_t kmin, size_t kmax)
{
    size_t nterm = ((size_t)1 << B) - 1;
    size_t dsize[TERMS_MAX];
    int64_t shift[TERMS_MAX];
    for (size_t u = 1; u <= nterm; u++) {
        dsize[u - 1] = 0;
        shift[u - 1] = 0;
        for (size_t b = 0; b < B; b++)
            if (u & ((size_t)1 << b)) {
                dsize[u - 1]++;
                shift[u - 1] += w[b];
            }
    }
    size_t top = t + B < L->K ? t + B : L->K;
    if (top > kmax)
        top = kmax;
    for (size_t k = top; k >= kmin && k >= 1; k--) {
        if ((k & 63) == 0 && psi_cancelled())
            return; /* a pass over a large table: checked every 64 rows */
        int64_t from[TERMS_MAX], to[TERMS_MAX];
        size_t live[TERMS_MAX], nl = 0;
        for (size_t u = 0; u < nterm; u++) {
            if (dsize[u] > k || k - dsize[u] > t)
                continue; /* no such row, or still empty */
            size_t r = k - dsize[u];
            int64_t f = L->lo[r] + shift[u], e = psi_ss_hi_after(L, t, r) + shift[u];
            if (f < L->lo[k])
                f = L->lo[k];
            if (e > L->hi[k])
                e = L->hi[k];
            if (f > e)
                continue;
            from[u] = f;
            to[u] = e;
            live[nl++] = u;
        }
        if (nl == 0)
            continue;
        int64_t cut[2 * TERMS_MAX];
        size_t nc = 0;
        for (size_t l = 0; l < nl; l++) {
            cut[nc++] = from[live[l]];
            cut[nc++] = to[live[l]] + 1;
        }
        for (size_t a = 1; a < nc; a++) /* insertion sort of at most 30 */
            for (size_t b = a; b > 0 && cut[b - 1] > cut[b]; b--) {
                int64_t tmp = cut[b];
                cut[b] = cut[b - 1];
                cut[b - 1] = tmp;
            }
        for (size_t g = 0; g + 1 < nc; g++) {
            int64_t a = cut[g], b = cut[g + 1] - 1;
            if (a > b)
                continue;
            const uint64_t *src[TERMS_MAX];
            size_t ns = 0;
            for (size_t l = 0; l < nl; l++) {
                size_t u = live[l];
                if (a >= from[u] && b <= to[u]) {
                    size_t r = k - dsize[u];
                    src[ns++] = row[r] + (size_t)(a - shift[u] - L->lo[r]);
                }
            }
            if (ns)
                psi_row_addn(row[k] + (size_t)(a - L->lo[k]), src, ns, (size_t)(b - a + 1), p);
        }
        if (k == kmin)
            break; /* kmin may be 1: k-- would pass 0 */
    }
}

void psi_ss_prefix(uint64_t *const *row, const layout *L, size_t kmin, size_t kmax, uint64_t p)
{
    for (size_t k = kmin; k <= kmax; k++) {
        uint64_t *r = row[k];
        size_t len = L->off[k + 1] - L->off[k];
        for (size_t x = 1; x < len; x++)
            r[x] = psi_addm(r[x], r[x - 1], p);
    }
}

/* S_i[k] = sum_j (-1)^j T[k-j][j], T[r][j] = the window sum of row r
 * shifted down by j w_i. Rows outside, players inside: one row stays in
 * cache while every player reads it (descending with stride w_i). */
void psi_ss_removal(const uint64_t *const *row, const layout *L, const int64_t *gw, size_t G,
                    int64_t q, uint64_t p, size_t kmin, size_t kmax, uint64_t *res)
{
    size_t m = L->m;
    size_t rows = L->K < m - 1 ? L->K : m - 1;
    if (kmax > rows)
        kmax = rows;
    for (size_t r = kmin; r <= kmax && !psi_cancelled(); r++) {
        const uint64_t *rw = row[r];
        int64_t lo = L->lo[r], top = L->hi[r];
        uint64_t total = rw[(size_t)(top - lo)];
        for (size_t g = 0; g < G; g++) {
            int64_t w = gw[g];
            uint64_t *S = res + g * m + r;
            int64_t x = q - 1;
            uint64_t cur = x > top ? total : rw[(size_t)(x - lo)];
            for (size_t j = 0; r + j < m && x >= lo; j++) {
                x -= w;
                uint64_t below = x < lo ? 0 : x > top ? total : rw[(size_t)(x - lo)];
                uint64_t term = psi_subm(cur, below, p);
                S[j] = (j & 1) ? psi_subm(S[j], term, p) : psi_addm(S[j], term, p);
                cur = below;
            }
        }
    }
}

/* One residue plane in one table c: fills res[g * m + k] = S_i[k] mod p
 * for the players i of weight gw[g] (players of equal weight have equal
 * counts). row[k] points into c. */
static void plane(uint64_t *c, uint64_t **row, const layout *L, const int64_t *v,
                  const int64_t *gw, size_t G, int64_t q, uint64_t p, uint64_t *res)
{
    size_t m = L->m, K = L->K;
    memset(c, 0, L->off[K + 1] * sizeof *c);
    for (size_t k = 0; k <= K; k++)
        row[k] = c + L->off[k];
    c[0] = 1; /* the empty coalition: row 0 is [0, 0] */
    for (size_t t = 0, B; t < m; t += B) {
        if (psi_cancelled())
            return; /* incomplete: ps_power_compute discards it */
        B = psi_ss_wave_players(L, t);
        if (B) {
            psi_ss_add_wave(row, L, t, v + t, B, p, 1, K);
        } else {
            B = psi_ss_batch(L, t);
            psi_ss_add(row, L, t, v + t, B, p, 1, K);
        }
        psi_progress_add("power (Shapley-Shubik)", B);
    }
    psi_ss_prefix(row, L, 0, K, p);
    memset(res, 0, G * m * sizeof *res);
    psi_ss_removal((const uint64_t *const *)row, L, gw, G, q, p, 0, K, res);
}

#define MAX_THREADS PSI_MAX_JOBS

/* The residue planes are independent: of the planes of this process (rank,
 * rank + size, ... of opt->share), thread t computes the t-th, the
 * (t + T)-th, ... in its own table. Results are the same for any T and any
 * number of processes. */
typedef struct job {
    uint64_t *table;
    uint64_t **row; /* [K+1] */
    const layout *L;
    const int64_t *v;
    const int64_t *gw;
    size_t G;
    int64_t q;
    const psi_moduli *mods;
    uint64_t *res;
    size_t first, step;
} job;

static void *run_job(void *arg)
{
    job *jb = arg;
    size_t m = jb->L->m;
    for (size_t j = jb->first; j < jb->mods->count; j += jb->step)
        plane(jb->table, jb->row, jb->L, jb->v, jb->gw, jb->G, jb->q, jb->mods->m[j],
              jb->res + j * jb->G * m);
    return NULL;
}

/* The cell updates of one residue plane, for the work limit. */
double psi_ss_plane_work(const layout *L)
{
    double work = 0;
    for (size_t t = 0; t < L->m; t++) {
        int64_t w = L->pre[t + 1] - L->pre[t];
        size_t top = t + 1 < L->K ? t + 1 : L->K;
        for (size_t k = top; k >= 1; k--) {
            int64_t hik1 = psi_ss_hi_after(L, t, k - 1);
            int64_t xmin = L->lo[k] > L->lo[k - 1] + w ? L->lo[k] : L->lo[k - 1] + w;
            int64_t xmax = L->hi[k] < hik1 + w ? L->hi[k] : hik1 + w;
            if (xmax >= xmin)
                work += (double)(xmax - xmin + 1);
        }
    }
    return work;
}

/* Every residue plane of this process in a table of its own: thread t of
 * T computes this process's t-th, (t + T)-th, ... planes, and res holds
 * them, the other processes' planes 0. PS_OK or PS_ENOMEM. */
static int own_tables(const layout *L, const int64_t *v, const int64_t *gw, size_t G, int64_t q,
                      const psi_moduli *mods, const ps_power_options *opt, uint64_t *res,
                      ps_error *err)
{
    size_t rank = psi_shared_rank(opt->share), size = psi_shared_size(opt->share);
    size_t cells = L->off[L->K + 1];
    /* One table per thread; as many threads as the memory limit allows. */
    size_t T = opt->threads ? opt->threads : 1;
    size_t mine = psi_share_count(opt->share, mods->count);
    if (T > mine)
        T = mine ? mine : 1;
    if (T > MAX_THREADS)
        T = MAX_THREADS;
    while (T > 1 && cells > opt->max_memory / sizeof(uint64_t) / T)
        T--;
    job jobs[MAX_THREADS];
    int rc = PS_OK;
    size_t made = 0;
    for (; made < T; made++) {
        jobs[made] = (job){NULL, NULL, L, v, gw, G, q, mods, res, rank + made * size, T * size};
        jobs[made].table = psi_malloc_array(cells, sizeof(uint64_t));
        jobs[made].row = psi_malloc_array(L->K + 1, sizeof(uint64_t *));
        if (!jobs[made].table || !jobs[made].row) {
            psi_free(jobs[made].table);
            psi_free(jobs[made].row);
            rc = psi_enomem(err);
            break;
        }
    }
    if (rc == PS_OK) {
        psi_progress("power (Shapley-Shubik)", 0, (uint64_t)(mine * L->m));
        psi_run_jobs(run_job, jobs, sizeof *jobs, T);
        psi_progress_end("power (Shapley-Shubik)");
    }
    for (size_t t = 0; t < made; t++) {
        psi_free(jobs[t].table);
        psi_free(jobs[t].row);
    }
    return rc;
}

int psi_dp_shapley(psi_counts *cnt, const int64_t *w, size_t n, int64_t q,
                   const ps_power_options *opt, ps_error *err)
{
    size_t max_memory = opt->max_memory;
    int64_t wsum = 0;
    for (size_t i = 0; i < n; i++)
        wsum += w[i];
    if (wsum > ((int64_t)1 << 61)) /* keeps sums of shifted bounds in range */
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "the total weight %lld is above 2^61, too large for the exact "
                         "Shapley-Shubik program; scale the weights down or use --approx",
                         (long long)wsum);
    int rc = PS_OK;
    layout L = {0, 0, NULL, NULL, NULL, NULL};
    psi_moduli mods = {0};
    int64_t *v = NULL;
    psi_player *sorted = NULL;
    size_t *index = NULL, *group = NULL;
    int64_t *gw = NULL;
    mpq_t *gval = NULL;
    size_t n_gval = 0;
    uint64_t *res = NULL;
    size_t m = 0;

    v = psi_malloc_array(n, sizeof *v);
    sorted = psi_malloc_array(n, sizeof *sorted);
    index = psi_malloc_array(n, sizeof *index);
    gw = psi_malloc_array(n, sizeof *gw);
    group = psi_malloc_array(n, sizeof *group);
    if (!v || !sorted || !index || !gw || !group)
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        if (w[i] > 0) {
            sorted[m].w = w[i];
            sorted[m++].i = i;
        }
    }
    qsort(sorted, m, sizeof *sorted, psi_cmp_player);
    size_t G = 0; /* distinct weights: gw[group[t]] == v[t] */
    for (size_t t = 0; t < m; t++) {
        v[t] = sorted[t].w;
        index[t] = sorted[t].i;
        if (t == 0 || v[t] != v[t - 1])
            gw[G++] = v[t];
        group[t] = G - 1;
    }
    /* Row bounds: lo_k from the smallest weights, hi_k from the largest. */
    L.m = m;
    L.lo = psi_malloc_array(m + 1, sizeof *L.lo);
    L.hi = psi_malloc_array(m + 1, sizeof *L.hi);
    L.off = psi_malloc_array(m + 2, sizeof *L.off);
    L.pre = psi_malloc_array(m + 1, sizeof *L.pre);
    if (!L.lo || !L.hi || !L.off || !L.pre)
        goto nomem;
    L.pre[0] = 0;
    for (size_t t = 0; t < m; t++)
        L.pre[t + 1] = L.pre[t] + v[t];
    L.lo[0] = 0;
    L.hi[0] = 0;
    size_t K = 0;
    int64_t sumlo = 0, sumhi = 0;
    for (size_t k = 1; k <= m; k++) {
        sumlo += v[k - 1];
        sumhi += v[m - k];
        if (sumlo > q - 1)
            break;
        L.lo[k] = sumlo;
        L.hi[k] = sumhi < q - 1 ? sumhi : q - 1;
        K = k;
    }
    L.K = K;
    L.off[0] = 0;
    for (size_t k = 0; k <= K; k++) {
        size_t len = (size_t)(L.hi[k] - L.lo[k] + 1);
        if (L.off[k] > (SIZE_MAX / 8 - len)) {
            L.off[k + 1] = SIZE_MAX / 8;
            K = k; /* overflowing: refused just below */
            break;
        }
        L.off[k + 1] = L.off[k] + len;
    }
    size_t cells = L.off[K + 1];
    size_t size = psi_shared_size(opt->share);
    /* A table above the memory limit is held by all the processes together
     * (power_dp_ss_split.c), when there are enough of them. */
    bool split = cells > max_memory / sizeof(uint64_t);
    if (split) {
        rc = psi_ss_split_check_memory(&L, q, opt, err);
        if (rc < 0)
            goto done;
    }
    /* S_i[k] <= C(m-1, k) <= C(m-1, floor((m-1)/2)), the bound on the counts */
    mpz_t bound;
    mpz_init(bound);
    mpz_bin_uiui(bound, (unsigned long)(m - 1), (unsigned long)((m - 1) / 2));
    size_t bits = mpz_sizeinbase(bound, 2);
    mpz_clear(bound);
    if (psi_moduli_init(&mods, bits) < 0)
        goto nomem;
    char what[96];
    snprintf(what, sizeof what, "the exact Shapley-Shubik program for %zu players and quota %lld",
             m, (long long)q);
    size_t P = mods.count;
    double work = psi_ss_plane_work(&L);
    if (split)
        rc = psi_ss_split_check_work(&L, what, work, P, opt, err);
    else
        rc = psi_check_work(what, work, P, opt, "use the Monte Carlo approximation (--approx)",
                            err);
    if (rc < 0)
        goto done;
    res = psi_calloc(P * (G ? G : 1) * (m ? m : 1), sizeof *res); /* others' planes stay 0 */
    if (!res)
        goto nomem;
    if (split)
        rc = psi_ss_split_planes(&L, v, gw, G, q, &mods, opt, res, err);
    else
        rc = own_tables(&L, v, gw, G, q, &mods, opt, res, err);
    if (rc < 0)
        goto done;
    if (size > 1 && !split) { /* the other processes' planes */
        rc = psi_shared_sum(opt->share, res, P * G * m, err);
        if (rc < 0)
            goto done;
    }

    for (size_t i = 0; i < n; i++)
        mpq_set_ui(cnt->ss[i], 0, 1); /* the dummies */
    gval = psi_malloc_array(G ? G : 1, sizeof *gval);
    if (!gval)
        goto nomem;
    for (; n_gval < G; n_gval++)
        mpq_init(gval[n_gval]);
    rc = psi_shapley_values(gval, res, G, m, &mods, opt, err);
    if (rc < 0)
        goto done;
    for (size_t t = 0; t < m; t++)
        mpq_set(cnt->ss[index[t]], gval[group[t]]);
    cnt->have |= PSI_HAVE_SS;
    goto done;
nomem:
    rc = psi_enomem(err);
done:
    for (size_t g = 0; g < n_gval; g++)
        mpq_clear(gval[g]);
    psi_free(gval);
    psi_free(gw);
    psi_free(group);
    psi_free(res);
    psi_moduli_clear(&mods);
    psi_free(L.lo);
    psi_free(L.hi);
    psi_free(L.off);
    psi_free(L.pre);
    psi_free(v);
    psi_free(sorted);
    psi_free(index);
    return rc;
}
