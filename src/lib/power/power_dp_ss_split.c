/*
 * power_dp_ss_split.c - one Shapley-Shubik table held by several processes,
 * for a table above one process's memory limit.
 *
 * The table's rows (coalition sizes k, power_dp_ss.h) are cut into one range
 * per process of about equal cells, and each process's range into one part
 * per thread. Adding B players (sixteen in a wavefront, power_dp_ss_wave.c,
 * or two in a pass) updates row k from rows k-B .. k as they were before,
 * so each part needs, besides its own rows, a copy of the B rows just
 * below them (a wavefront also updates the copies, for the states of the
 * row below that its later players read):
 *   - a process gets those of its first part from the process below it
 *     (the share's pass_up, or a sum where it has none; passed on by
 *     processes holding fewer than B rows), only the part of each row that
 *     can be non-zero yet, and
 *   - every part copies them, from those or from its own process's rows,
 *     before the players are added, while the thread below has not yet
 *     written them.
 * The prefix sums are per row and the removal step (psi_ss_removal) takes
 * any range of rows, so the rest is local: each part adds its rows' shares
 * of the counts, and the processes' shares are added up by the share's sum
 * (in two halves of 32 bits, so that the sum of many residues below p
 * cannot wrap around 2^64 before it is reduced modulo p).
 *
 * Cutting by sizes rather than by weights keeps the exchange to B rows per
 * boundary and pass and leaves the removal step local. The moduli are done
 * one after another, each by all processes; the counts are the same words
 * as with one table per process (power_dp_ss.c), so the output is the same
 * bytes.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "power_dp_ss.h"
#include "cancel_hook.h"
#include "progress_hook.h"

typedef psi_ss_layout layout;

#define MAX_THREADS PSI_MAX_JOBS

/* Rows a .. b-1 cut into n ranges of about equal cells: range i is rows
 * cut[i] .. cut[i+1]-1 (possibly none). */
static void cut_rows(const layout *L, size_t a, size_t b, size_t n, size_t *cut)
{
    size_t total = L->off[b] - L->off[a];
    size_t k = a;
    cut[0] = a;
    for (size_t i = 1; i < n; i++) {
        size_t want = L->off[a] + (size_t)((psi_u128)total * i / n);
        while (k < b && L->off[k] < want)
            k++;
        cut[i] = k;
    }
    cut[n] = b;
}

static size_t row_len(const layout *L, size_t k)
{
    return L->off[k + 1] - L->off[k];
}

static size_t longest_row(const layout *L)
{
    size_t len = 0;
    for (size_t k = 0; k <= L->K; k++)
        if (row_len(L, k) > len)
            len = row_len(L, k);
    return len;
}

/* The first of the B rows below row k that a part starting at k reads. */
static size_t below(size_t k, size_t B)
{
    return k >= B ? k - B : 0;
}

/* The most cells one of size processes holds when the rows are cut by
 * cells. */
static size_t largest_share(const layout *L, size_t size)
{
    size_t total = L->off[L->K + 1], k = 0, most = 0, start = 0;
    for (size_t i = 1; i <= size; i++) {
        size_t want = i == size ? total : (size_t)((psi_u128)total * i / size);
        while (k <= L->K && L->off[k] < want)
            k++;
        if (L->off[k] - start > most)
            most = L->off[k] - start;
        start = L->off[k];
    }
    return most;
}

/* The bytes of psi_ss_split_bytes when the parts read B rows below their
 * own. */
static double split_bytes(const layout *L, size_t size, size_t threads, size_t B)
{
    size_t most = largest_share(L, size);
    /* the rows, the exchange and the rows below this process's, and each
     * thread's copies */
    double words = (double)most + (double)(2 + threads) * (double)B * (double)longest_row(L);
    return words * 8.0;
}

double psi_ss_split_bytes(const layout *L, size_t size, size_t threads)
{
    return split_bytes(L, size, threads, psi_ss_batch(L, 0));
}

/* The fewest processes whose share of the table fits in max_memory with
 * one thread each; 0 if none (the rows cannot be cut finer than one per
 * process). */
static size_t processes_needed(const layout *L, size_t max_memory)
{
    for (size_t s = 2; s <= L->K + 1; s++) {
        double b = psi_ss_split_bytes(L, s, 1);
        if (b >= 0 && b <= (double)max_memory)
            return s;
    }
    return 0;
}

/* How many processes would bring each below a limit: "N processes sharing
 * the <what> (mpirun -n N) would bring each below it; or", or that none
 * would (need 0: the table has fewer rows than that). */
static void processes_advice(char *how, size_t len, size_t need, const char *what,
                             const layout *L)
{
    if (need)
        snprintf(how, len, "%zu processes sharing the %s (mpirun -n %zu) would bring each "
                 "below it; or", need, what, need);
    else
        snprintf(how, len, "no number of processes would bring each below it (the %s has "
                 "%zu rows to share);", what, L->K + 1);
}

int psi_ss_split_check_memory(const layout *L, int64_t q, const ps_power_options *opt,
                              ps_error *err)
{
    size_t size = psi_shared_size(opt->share);
    double mine = size > 1 ? psi_ss_split_bytes(L, size, 1) : -1;
    if (mine >= 0 && mine <= (double)opt->max_memory)
        return PS_OK;
    char how[160];
    processes_advice(how, sizeof how, processes_needed(L, opt->max_memory), "table", L);
    return psi_error(err, PS_ERANGE, NULL, 0, 0,
                     "the exact Shapley-Shubik table for %zu players and quota %lld needs "
                     "%.1f MB%s, above the limit of %.1f MB; %s raise the limit "
                     "(--max-memory), or use the Monte Carlo approximation (--approx)",
                     L->m, (long long)q, (double)L->off[L->K + 1] * 8.0 / 1e6,
                     size > 1 ? ", more than its share of each process" : "",
                     (double)opt->max_memory / 1e6, how);
}

int psi_ss_split_check_work(const layout *L, const char *what, double per_residue,
                            size_t P, const ps_power_options *opt, ps_error *err)
{
    size_t size = psi_shared_size(opt->share);
    double total = per_residue * (double)P;
    if (total / (double)size <= opt->max_work)
        return PS_OK;
    /* the fewest processes with each below the limit, each with a row */
    double need = ceil(total / opt->max_work);
    char how[160];
    processes_advice(how, sizeof how, need <= (double)(L->K + 1) ? (size_t)need : 0,
                     "tables", L);
    return psi_error(err, PS_ERANGE, NULL, 0, 0,
                     "%s needs about %.1e cell updates (%zu residues of %.1e, each table "
                     "shared by the %zu processes), above the limit of %.1e per process; %s "
                     "raise the limit (--max-work), or use the Monte Carlo approximation "
                     "(--approx)",
                     what, total, P, per_residue, size, opt->max_work, how);
}

enum step { ADD, PREFIX, REMOVAL };

/* One thread's rows of this process's table, and what it does next. */
typedef struct part {
    const layout *L;
    uint64_t **row;  /* [K+1]: its rows, and the copies of the B rows below */
    uint64_t *copy;  /* B rows of longest_row words: those copies */
    size_t kmin;     /* its rows are kmin .. kend-1 */
    size_t kend;
    enum step step;
    size_t t, B;     /* ADD: players t .. t+B-1 */
    bool wave;       /* ADD: in a wavefront (else in a pass) */
    const int64_t *v;
    uint64_t p;
    const int64_t *gw; /* REMOVAL */
    size_t G;
    int64_t q;
    uint64_t *res;   /* [G * m]: its rows' shares of the counts */
} part;

static void *run_part(void *arg)
{
    part *pt = arg;
    if (pt->step == REMOVAL) /* shares of every part are added up, its own or none */
        memset(pt->res, 0, pt->G * pt->L->m * sizeof *pt->res);
    if (pt->kmin >= pt->kend)
        return NULL;
    size_t kmax = pt->kend - 1;
    switch (pt->step) {
    case ADD:
        if (kmax >= 1 && pt->wave)
            psi_ss_add_wave(pt->row, pt->L, pt->t, pt->v + pt->t, pt->B, pt->p,
                            pt->kmin ? pt->kmin : 1, kmax);
        else if (kmax >= 1)
            psi_ss_add(pt->row, pt->L, pt->t, pt->v + pt->t, pt->B, pt->p,
                       pt->kmin ? pt->kmin : 1, kmax);
        break;
    case PREFIX:
        psi_ss_prefix(pt->row, pt->L, pt->kmin, kmax, pt->p);
        break;
    case REMOVAL:
        psi_ss_removal((const uint64_t *const *)pt->row, pt->L, pt->gw, pt->G, pt->q, pt->p,
                       pt->kmin, kmax, pt->res);
        break;
    }
    return NULL;
}

/* What one process holds: its rows, its parts, and the exchange. */
typedef struct holder {
    const layout *L;
    const ps_share *share;
    size_t rank, size, T, B, maxlen;
    bool wave;          /* players added in wavefronts (B rows below), else in passes */
    size_t rounds;      /* exchange_rounds */
    size_t *rcut; /* [size + 1]: the processes' rows */
    size_t pcut[MAX_THREADS + 1]; /* this process's parts' rows */
    uint64_t *rows;     /* rows rcut[rank] .. rcut[rank+1]-1 */
    uint64_t *exchange; /* B rows of maxlen words: those sent to the next process */
    uint64_t *edge;     /* B rows of maxlen words: the rows below this process's */
    uint64_t *halves;   /* [2 G m] */
    part parts[MAX_THREADS];
} holder;

static uint64_t *local_row(const holder *h, size_t k)
{
    return h->rows + (h->L->off[k] - h->L->off[h->rcut[h->rank]]);
}

/* The send buffer for the next process: the B rows below its first row
 * (rows before `first` - B excluded), each from this process's rows or,
 * below them, from its edge, as they are before the pass after t players
 * (rows above t are still empty). */
static void rows_for_next(holder *h, size_t t)
{
    const layout *L = h->L;
    size_t mine = h->rcut[h->rank], end = h->rcut[h->rank + 1];
    size_t first = below(end, h->B);
    memset(h->exchange, 0, h->B * h->maxlen * sizeof *h->exchange);
    for (size_t k = first; k < end; k++) {
        uint64_t *to = h->exchange + (k - first) * h->maxlen;
        if (k >= mine) {
            if (k <= t)
                memcpy(to, local_row(h, k),
                       (size_t)(psi_ss_hi_after(L, t, k) - L->lo[k] + 1) * sizeof *to);
        } else {
            memcpy(to, h->edge + (k - below(mine, h->B)) * h->maxlen,
                   h->maxlen * sizeof *to);
        }
    }
}

/* The B rows just below this process's first row, as they are before the
 * pass after t players, into edge: each process sends the next one its
 * rows (or those it received) below that one's first, `rounds` times, so
 * that rows held `rounds` processes down arrive. */
static int exchange_rows(holder *h, size_t t, ps_error *err)
{
    for (size_t round = 0; round < h->rounds; round++) {
        if (h->rank + 1 < h->size)
            rows_for_next(h, t);
        int rc = psi_shared_pass_up(h->share, h->exchange, h->edge, h->B * h->maxlen, err);
        if (rc < 0)
            return rc;
    }
    return PS_OK;
}

/* How many times the rows are passed up before a pass: the farthest a
 * process's B rows below its first are held down the ranks (1 when every
 * process holds at least B rows; more when some hold fewer, or none). */
static size_t exchange_rounds(const holder *h)
{
    size_t rounds = 0;
    for (size_t r = 1; r < h->size; r++) {
        if (h->rcut[r] >= h->rcut[r + 1] || h->rcut[r] == 0)
            continue; /* no rows, or none below them */
        size_t lowest = below(h->rcut[r], h->B), owner = r;
        while (owner > 0 && h->rcut[owner] > lowest)
            owner--;
        if (r - owner > rounds)
            rounds = r - owner;
    }
    return rounds;
}

/* Gives each part a copy of the rows below its own as they are after t
 * players, zero beyond the weights they can hold yet: from the exchange,
 * or from this process's rows. A copy of its own, as a wavefront writes
 * it. */
static void rows_below(holder *h, size_t t)
{
    const layout *L = h->L;
    for (size_t i = 0; i < h->T; i++) {
        part *pt = &h->parts[i];
        if (pt->kmin >= pt->kend)
            continue;
        for (size_t k = below(pt->kmin, h->B), j = 0; k < pt->kmin; k++, j++) {
            const uint64_t *from =
                k < h->rcut[h->rank]
                    ? h->edge + (k - below(h->rcut[h->rank], h->B)) * h->maxlen
                    : local_row(h, k);
            size_t len = row_len(L, k);
            size_t held = k <= t ? (size_t)(psi_ss_hi_after(L, t, k) - L->lo[k] + 1) : 0;
            pt->row[k] = pt->copy + j * h->maxlen;
            memcpy(pt->row[k], from, held * sizeof(uint64_t));
            memset(pt->row[k] + held, 0, (len - held) * sizeof(uint64_t));
        }
    }
}

static void run_parts(holder *h, enum step step)
{
    for (size_t i = 0; i < h->T; i++)
        h->parts[i].step = step;
    psi_run_jobs(run_part, h->parts, sizeof *h->parts, h->T);
}

/* res (G m words) = the sum over every part of every process of their
 * shares, modulo p. */
static int add_shares(holder *h, uint64_t p, uint64_t *res, size_t words, ps_error *err)
{
    for (size_t x = 0; x < words; x++) {
        uint64_t s = 0;
        for (size_t i = 0; i < h->T; i++)
            s = psi_addm(s, h->parts[i].res[x], p);
        h->halves[2 * x] = s & 0xffffffffu;
        h->halves[2 * x + 1] = s >> 32;
    }
    int rc = psi_shared_sum(h->share, h->halves, 2 * words, err);
    if (rc < 0)
        return rc;
    for (size_t x = 0; x < words; x++) {
        psi_u128 s = ((psi_u128)h->halves[2 * x + 1] << 32) + h->halves[2 * x];
        res[x] = p ? (uint64_t)(s % p) : (uint64_t)s;
    }
    return PS_OK;
}

/* One residue plane, all processes together. */
static int shared_plane(holder *h, uint64_t p, uint64_t *res, size_t words,
                        ps_error *err)
{
    const layout *L = h->L;
    memset(h->rows, 0, (L->off[h->rcut[h->rank + 1]] - L->off[h->rcut[h->rank]]) *
                           sizeof *h->rows);
    if (h->rcut[h->rank] == 0 && h->rcut[h->rank + 1] > 0)
        h->rows[0] = 1; /* the empty coalition */
    for (size_t i = 0; i < h->T; i++)
        h->parts[i].p = p;
    for (size_t t = 0, B; t < L->m; t += B) {
        if (psi_cancelled())
            return PS_OK; /* incomplete: ps_power_compute discards it */
        B = h->wave ? psi_ss_wave_players(L, t) : 0;
        bool wave = B != 0;
        if (!wave)
            B = psi_ss_batch(L, t);
        psi_progress_add("power (Shapley-Shubik)", B);
        int rc = exchange_rows(h, t, err);
        if (rc < 0)
            return rc;
        rows_below(h, t);
        for (size_t i = 0; i < h->T; i++) {
            h->parts[i].t = t;
            h->parts[i].B = B;
            h->parts[i].wave = wave;
        }
        run_parts(h, ADD);
    }
    run_parts(h, PREFIX);
    run_parts(h, REMOVAL);
    return add_shares(h, p, res, words, err);
}

static void holder_free(holder *h)
{
    psi_free(h->rows);
    psi_free(h->exchange);
    psi_free(h->edge);
    psi_free(h->halves);
    psi_free(h->rcut);
    for (size_t i = 0; i < h->T; i++) {
        psi_free(h->parts[i].row);
        psi_free(h->parts[i].copy);
        psi_free(h->parts[i].res);
    }
}

static int holder_init(holder *h, const layout *L, const int64_t *v, const int64_t *gw,
                       size_t G, int64_t q, const ps_power_options *opt)
{
    memset(h, 0, sizeof *h);
    h->L = L;
    h->share = opt->share;
    h->rank = psi_shared_rank(opt->share);
    h->size = psi_shared_size(opt->share);
    /* Wavefronts when the copies of their rows below fit (the same choice
     * in every process), else passes of two players. */
    size_t wave = psi_ss_wave_players(L, 0);
    h->wave = wave && split_bytes(L, h->size, 1, wave) <= (double)opt->max_memory;
    h->B = h->wave ? wave : psi_ss_batch(L, 0);
    h->maxlen = longest_row(L);
    size_t T = opt->threads ? opt->threads : 1;
    if (T > MAX_THREADS)
        T = MAX_THREADS;
    while (T > 1 && split_bytes(L, h->size, T, h->B) > (double)opt->max_memory)
        T--;
    h->T = T;
    h->rcut = psi_malloc_array(h->size + 1, sizeof *h->rcut);
    if (!h->rcut)
        return PS_ENOMEM;
    cut_rows(L, 0, L->K + 1, h->size, h->rcut);
    h->rounds = exchange_rounds(h);
    cut_rows(L, h->rcut[h->rank], h->rcut[h->rank + 1], T, h->pcut);
    size_t own = L->off[h->rcut[h->rank + 1]] - L->off[h->rcut[h->rank]];
    h->rows = psi_malloc_array(own ? own : 1, sizeof *h->rows);
    h->exchange = psi_malloc_array(h->B * h->maxlen, sizeof *h->exchange);
    h->edge = psi_malloc_array(h->B * h->maxlen, sizeof *h->edge);
    h->halves = psi_malloc_array(2 * (G ? G : 1) * L->m, sizeof *h->halves);
    if (!h->rows || !h->exchange || !h->edge || !h->halves)
        return PS_ENOMEM;
    for (size_t i = 0; i < T; i++) {
        part *pt = &h->parts[i];
        *pt = (part){L, NULL, NULL, h->pcut[i], h->pcut[i + 1], ADD, 0, 0, false, v, 0, gw, G, q,
                     NULL};
        pt->row = psi_calloc(L->K + 1, sizeof *pt->row);
        pt->copy = psi_malloc_array(h->B * h->maxlen, sizeof *pt->copy);
        pt->res = psi_malloc_array((G ? G : 1) * L->m, sizeof *pt->res);
        if (!pt->row || !pt->copy || !pt->res)
            return PS_ENOMEM;
        for (size_t k = pt->kmin; k < pt->kend; k++)
            pt->row[k] = local_row(h, k);
    }
    return PS_OK;
}

int psi_ss_split_planes(const layout *L, const int64_t *v, const int64_t *gw, size_t G,
                        int64_t q, const psi_moduli *mods, const ps_power_options *opt,
                        uint64_t *res, ps_error *err)
{
    holder *h = psi_malloc(sizeof *h);
    if (!h)
        return psi_enomem(err);
    int rc = holder_init(h, L, v, gw, G, q, opt);
    if (rc < 0) {
        holder_free(h);
        psi_free(h);
        return psi_enomem(err);
    }
    size_t words = G * L->m;
    psi_progress("power (Shapley-Shubik)", 0, (uint64_t)(mods->count * L->m));
    for (size_t j = 0; j < mods->count && rc == PS_OK; j++)
        rc = shared_plane(h, mods->m[j], res + j * words, words, err);
    psi_progress_end("power (Shapley-Shubik)");
    holder_free(h);
    psi_free(h);
    return rc;
}
