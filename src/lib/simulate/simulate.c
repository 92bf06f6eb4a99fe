/*
 * simulate.c - the simulate stage's draw loop: Dirichlet shares to votes,
 * threshold, the exact apportionment engine, and integer tallies of seats,
 * majorities, minimal winning coalitions, community conditions and Banzhaf
 * power, on several threads.
 *
 * The model is the Bayesian "now-cast" of Bender & Bauer (coalitions,
 * JOSS 3(23), 2018, doi:10.21105/joss.00606): poll counts n_i = N p_i with
 * a Jeffreys prior give the posterior Dirichlet(n_i + 1/2) of the true
 * shares; each draw is one possible election result. A draw's shares become
 * integer votes round(x_i * 10^9), so that the threshold and the seats are
 * decided by exactly the same integer rules as `powershare seats`
 * (apportion.c's threshold test, apportion_divisor.c / apportion_quota.c
 * for the seats). Exact ties then have probability ~0; if one occurs it is
 * broken by lot with a number from the block's own stream and counted.
 *
 * Determinism: see powershare/simulate.h. Work is handed out a block at a
 * time through an atomic counter; each worker keeps its own tallies and its
 * generator, which it jumps forward from block to block (its blocks come in
 * increasing order), and adds its tallies to the caller's at the end under
 * a mutex. Integer addition commutes, so the result is the same for any
 * number of workers.
 *
 * Coalitions: with m <= 20 seat-capable parties every coalition is a bit
 * mask; one pass over the 2^m masks builds each mask's seat sum and its
 * smallest member's seats from the mask without its lowest bit, so a
 * coalition wins iff sum >= q and is minimal winning iff also sum - min < q
 * (every member is critical; a member with 0 seats never is).
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "../apportion/apportion_impl.h"
#include "cancel_hook.h"
#include "util.h"
#include "powershare/simulate.h"
#include "powershare/system.h"
#include "simulate_impl.h"

/* ---- tallies ---------------------------------------------------------------- */

static void counts_views(ps_sim_counts *c, bool banzhaf)
{
    size_t C = (size_t)1 << c->m;
    uint64_t *p = c->data;
    c->draws = p++;
    c->ties = p++;
    c->empty = p++;
    c->psc = p;
    p += 2;
    c->entered = p;
    p += c->m;
    c->hist = p;
    p += c->m * ((size_t)c->seats + 1);
    c->win = p;
    p += C;
    c->minimal = p;
    p += C;
    c->bz_sum = banzhaf ? p : NULL;
    c->bz_sq = banzhaf ? p + c->m : NULL;
}

static int check_model(const ps_sim_model *mo, size_t *m, ps_error *err)
{
    *m = 0;
    if (!mo || mo->n == 0 || !mo->alpha)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "the simulation has no parties");
    *m = 0;
    for (size_t i = 0; i < mo->n; i++) {
        if (!(mo->alpha[i] > 0.0) || !isfinite(mo->alpha[i]))
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "Dirichlet parameter %zu must be a positive number", i + 1);
        if (!(mo->others && mo->others[i]))
            (*m)++;
        if (mo->community && mo->community[i] >= (int)mo->n_communities)
            return psi_error(err, PS_EINVAL, NULL, 0, 0, "community index out of range");
    }
    if (*m == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "every entry of the poll is 'others': no party can win seats");
    const char *why = NULL;
    if (mo->system && !ps_system_needs_only_votes(mo->system, &why))
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the law %s counts %s, which a poll does not give", mo->system->id, why);
    if (mo->system && !mo->names)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "a simulation under a law needs names");
    if (mo->system && mo->system->apportion.seats != mo->rules.seats)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "the rules are not the law's own");
    if (*m > PS_SIM_MAX_PARTIES)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "%zu parties can win seats; the simulation handles at most %d "
                         "(it tallies all 2^n coalitions); merge small parties into 'others'",
                         *m, PS_SIM_MAX_PARTIES);
    const ps_apportion_options *r = &mo->rules;
    if ((unsigned)r->method >= (unsigned)PS_METHOD_COUNT || r->seats <= 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the simulation needs a method and at least one seat");
    if (r->seats > ((int64_t)1 << 22) / (int64_t)*m - 1)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "%lld seats for %zu parties: the seat histograms allow at most "
                         "2^22 entries (parties x (seats + 1))",
                         (long long)r->seats, *m);
    if (r->threshold == PS_THRESHOLD_SHARE &&
        (r->threshold_share.den <= 0 || r->threshold_share.num < 0 ||
         r->threshold_share.num > r->threshold_share.den))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "the threshold share must be in [0, 1]");
    if (r->method == PS_MODIFIED_SAINTE_LAGUE && r->first_divisor.den != 0) {
        ps_ratio f = r->first_divisor;
        if (f.num <= 0 || f.den <= 0 || f.num >= 3 * f.den)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "the first divisor must be greater than 0 and less than 3");
    }
    return 0;
}

int ps_sim_counts_new(ps_sim_counts **out, const ps_sim_model *model, ps_error *err)
{
    size_t m = 0;
    int rc;
    if (!out)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no place for the result (out is NULL)");
    *out = NULL;
    if ((rc = check_model(model, &m, err)) < 0)
        return rc;
    ps_sim_counts *c = psi_calloc(1, sizeof *c);
    if (!c)
        return psi_enomem(err);
    c->n = model->n;
    c->m = m;
    c->seats = model->rules.seats;
    c->len = 5 + m + m * ((size_t)c->seats + 1) + 2 * ((size_t)1 << m) +
             (model->banzhaf ? 2 * m : 0);
    c->party = psi_malloc_array(m, sizeof *c->party);
    c->data = psi_calloc(c->len, sizeof *c->data);
    if (!c->party || !c->data) {
        ps_sim_counts_free(c);
        return psi_enomem(err);
    }
    for (size_t i = 0, j = 0; i < model->n; i++)
        if (!(model->others && model->others[i]))
            c->party[j++] = i;
    counts_views(c, model->banzhaf);
    *out = c;
    return 0;
}

void ps_sim_counts_free(ps_sim_counts *c)
{
    if (!c)
        return;
    psi_free(c->party);
    psi_free(c->data);
    psi_free(c);
}

void ps_sim_counts_add(ps_sim_counts *dst, const ps_sim_counts *src)
{
    if (!dst || !src || dst->len != src->len)
        return;
    for (size_t i = 0; i < dst->len; i++)
        dst->data[i] += src->data[i];
}

int64_t ps_sim_majority(const ps_sim_counts *c)
{
    return c->seats / 2 + 1;
}

/* ---- one worker --------------------------------------------------------------- */

typedef struct shared {
    const ps_sim_model *model;
    const ps_sim_run_options *opt;
    ps_sim_counts *total;
    ps_ratio first;          /* the first divisor, defaulted */
    _Atomic uint64_t next;   /* next block offset to hand out */
    _Atomic int failed;
    pthread_mutex_t lock;
    uint64_t done;           /* blocks finished (under lock) */
    uint64_t due;           /* blocks this run will do */
    int rc;                  /* first error (under lock) */
    ps_error err;
    psi_cancel_hook cancel;  /* the caller's: every worker checks it */
} shared;

typedef struct worker {
    shared *sh;
    ps_sim_counts *c;
    psi_xoshiro gen;       /* generator positioned at block gen_block */
    uint64_t gen_block;
    double *x;             /* n shares */
    int64_t *votes;        /* n */
    uint64_t *cv;          /* m: compact votes of eligible parties */
    int64_t *cs;           /* m: their seats */
    size_t *map;           /* m: compact -> seat-capable index */
    int64_t *seat;         /* m: seats by seat-capable index */
    int64_t *sum;          /* 2^m seat sums */
    int64_t *min;          /* 2^m smallest member seats */
    uint64_t *swing;       /* m */
    int64_t *comm_total;   /* n_communities */
    int64_t *comm_sum;     /* n_communities */
    int *comm;             /* m: community of seat-capable j, or -1 */
} worker;

static void worker_free(worker *w)
{
    ps_sim_counts_free(w->c);
    psi_free(w->x);
    psi_free(w->votes);
    psi_free(w->cv);
    psi_free(w->cs);
    psi_free(w->map);
    psi_free(w->seat);
    psi_free(w->sum);
    psi_free(w->min);
    psi_free(w->swing);
    psi_free(w->comm_total);
    psi_free(w->comm_sum);
    psi_free(w->comm);
}

static int worker_init(worker *w, shared *sh, ps_error *err)
{
    const ps_sim_model *mo = sh->model;
    memset(w, 0, sizeof *w);
    w->sh = sh;
    int rc = ps_sim_counts_new(&w->c, mo, err);
    if (rc < 0 || !w->c)
        return rc < 0 ? rc : PS_EINVAL;
    size_t n = mo->n, m = w->c->m, C = (size_t)1 << m, k = mo->n_communities;
    w->x = psi_malloc_array(n, sizeof *w->x);
    w->votes = psi_malloc_array(n, sizeof *w->votes);
    w->cv = psi_malloc_array(m, sizeof *w->cv);
    w->cs = psi_malloc_array(m, sizeof *w->cs);
    w->map = psi_malloc_array(m, sizeof *w->map);
    w->seat = psi_malloc_array(m, sizeof *w->seat);
    w->sum = psi_malloc_array(C, sizeof *w->sum);
    w->min = psi_malloc_array(C, sizeof *w->min);
    w->swing = psi_malloc_array(m, sizeof *w->swing);
    w->comm_total = psi_malloc_array(k ? k : 1, sizeof *w->comm_total);
    w->comm_sum = psi_malloc_array(k ? k : 1, sizeof *w->comm_sum);
    w->comm = psi_malloc_array(m, sizeof *w->comm);
    if (!w->x || !w->votes || !w->cv || !w->cs || !w->map || !w->seat || !w->sum || !w->min ||
        !w->swing || !w->comm_total || !w->comm_sum || !w->comm) {
        worker_free(w);
        return psi_enomem(err);
    }
    for (size_t j = 0; j < m; j++)
        w->comm[j] = mo->community ? mo->community[w->c->party[j]] : -1;
    psi_xoshiro_seed(&w->gen, sh->opt->seed);
    w->gen_block = 0;
    return 0;
}

/* The threshold test of apportion.c, as integer cross-products. */
static bool passes(const ps_apportion_options *r, int64_t v, int64_t total)
{
    switch (r->threshold) {
    case PS_THRESHOLD_SHARE:
        return (psi_u128)(uint64_t)v * (uint64_t)r->threshold_share.den >=
               (psi_u128)(uint64_t)total * (uint64_t)r->threshold_share.num;
    case PS_THRESHOLD_QUOTA:
        return (psi_u128)(uint64_t)v * (uint64_t)r->seats >= (psi_u128)(uint64_t)total;
    default:
        return true;
    }
}

/* Is there a minimal winning coalition holding a majority of every
 * community's seats? Called for minimal winning masks only. */
static bool cross_community(const worker *w, size_t mask, size_t k)
{
    for (size_t c = 0; c < k; c++)
        w->comm_sum[c] = 0;
    for (size_t j = 0; mask; j++, mask >>= 1)
        if ((mask & 1) && w->comm[j] >= 0)
            w->comm_sum[w->comm[j]] += w->seat[j];
    for (size_t c = 0; c < k; c++)
        if (w->comm_total[c] > 0 && 2 * w->comm_sum[c] <= w->comm_total[c])
            return false;
    return true;
}

static void tally(worker *w);
static int law_draw(worker *w, uint64_t tie_seed, ps_error *err);

static int one_draw(worker *w, psi_xoshiro *r, ps_error *err)
{
    const ps_sim_model *mo = w->sh->model;
    const ps_apportion_options *rules = &mo->rules;
    ps_sim_counts *c = w->c;
    size_t n = mo->n, m = c->m;
    int64_t S = c->seats;

    psi_dirichlet(r, mo->alpha, n, w->x);
    uint64_t tie_seed = psi_xoshiro_next(r); /* always drawn: streams stay aligned */
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        w->votes[i] = (int64_t)(w->x[i] * 1e9 + 0.5);
        total += w->votes[i];
    }
    if (mo->system)
        return law_draw(w, tie_seed, err);
    size_t me = 0;
    for (size_t j = 0; j < m; j++) {
        size_t i = c->party[j];
        w->seat[j] = 0;
        bool ok = (mo->exempt && mo->exempt[i]) || passes(rules, w->votes[i], total);
        if (ok && w->votes[i] > 0) {
            w->cv[me] = (uint64_t)w->votes[i];
            w->map[me++] = j;
        }
    }
    c->draws[0]++;
    if (me == 0) {
        c->empty[0]++;
        for (size_t j = 0; j < m; j++)
            c->hist[j * ((size_t)S + 1)]++;
        return 0;
    }
    psi_tie_ctx tc;
    memset(&tc, 0, sizeof tc);
    tc.policy = PS_TIES_RANDOM;
    tc.rng = tie_seed;
    tc.label = "party";
    tc.scope = "";
    tc.record = 1;
    memset(w->cs, 0, me * sizeof *w->cs);
    int rc = ps_method_is_divisor(rules->method)
                 ? psi_apportion_divisor(w->cs, w->cv, me, S, rules->method, w->sh->first, &tc,
                                         err)
                 : psi_apportion_quota(w->cs, w->cv, me, S, rules->method, &tc, err);
    if (rc < 0) {
        psi_tie_free(tc.tie);
        return rc;
    }
    if (tc.tie) {
        c->ties[0]++;
        psi_tie_free(tc.tie);
    }
    for (size_t e = 0; e < me; e++)
        w->seat[w->map[e]] = w->cs[e];
    tally(w);
    return 0;
}

/* The tallies of one draw whose seats are in w->seat. */
static void tally(worker *w)
{
    const ps_sim_model *mo = w->sh->model;
    ps_sim_counts *c = w->c;
    size_t m = c->m, k = mo->n_communities;
    int64_t S = c->seats;
    for (size_t j = 0; j < m; j++) {
        c->entered[j] += w->seat[j] > 0;
        c->hist[j * ((size_t)S + 1) + (size_t)w->seat[j]]++;
    }

    bool possible = k > 0;
    for (size_t t = 0; t < k; t++)
        w->comm_total[t] = 0;
    for (size_t j = 0; j < m; j++)
        if (w->comm[j] >= 0)
            w->comm_total[w->comm[j]] += w->seat[j];
    if (k) {
        /* every community with a party in the poll must hold a seat */
        for (size_t j = 0; j < m; j++)
            if (w->comm[j] >= 0 && w->comm_total[w->comm[j]] == 0)
                possible = false;
        c->psc[0] += possible;
    }
    bool cross = false;

    int64_t q = S / 2 + 1;
    size_t C = (size_t)1 << m;
    w->sum[0] = 0;
    w->min[0] = INT64_MAX;
    for (size_t mask = 1; mask < C; mask++) {
        size_t low = (size_t)__builtin_ctzll((unsigned long long)mask);
        size_t rest = mask & (mask - 1);
        int64_t s = w->seat[low];
        w->sum[mask] = w->sum[rest] + s;
        w->min[mask] = w->min[rest] < s ? w->min[rest] : s;
        if (w->sum[mask] >= q) {
            c->win[mask]++;
            if (w->sum[mask] - w->min[mask] < q) {
                c->minimal[mask]++;
                if (possible && !cross)
                    cross = cross_community(w, mask, k);
            }
        }
    }
    c->psc[1] += cross;

    if (c->bz_sum) {
        uint64_t all = 0;
        memset(w->swing, 0, m * sizeof *w->swing);
        for (size_t mask = 0; mask < C; mask++) {
            if (w->sum[mask] >= q)
                continue;
            for (size_t j = 0; j < m; j++)
                if (!((mask >> j) & 1) && w->sum[mask] + w->seat[j] >= q)
                    w->swing[j]++;
        }
        for (size_t j = 0; j < m; j++)
            all += w->swing[j];
        for (size_t j = 0; j < m && all; j++) {
            double b = (double)w->swing[j] / (double)all;
            c->bz_sum[j] += (uint64_t)(b * PS_SIM_FIXED_ONE + 0.5);
            c->bz_sq[j] += (uint64_t)(b * b * PS_SIM_FIXED_ONE + 0.5);
        }
    }
}

/* One draw under a whole law (ps_sim_model.system): the law's rules on the
 * drawn votes, ties by lot. */
static int law_draw(worker *w, uint64_t tie_seed, ps_error *err)
{
    const ps_sim_model *mo = w->sh->model;
    ps_sim_counts *c = w->c;
    ps_system law = *mo->system;
    law.apportion.ties = PS_TIES_RANDOM;
    law.apportion.seed = tie_seed | 1;
    ps_votes v;
    memset(&v, 0, sizeof v);
    v.n_parties = mo->n;
    v.parties = (char **)(uintptr_t)mo->names;
    v.votes = w->votes;
    ps_system_result *r = NULL;
    c->draws[0]++;
    int rc = ps_system_apply(&r, &law, &v, mo->others, err);
    if (rc == PS_EDATA) { /* no list passed the threshold */
        c->empty[0]++;
        for (size_t j = 0; j < c->m; j++)
            c->hist[j * ((size_t)c->seats + 1)]++;
        return 0;
    }
    if (rc < 0)
        return rc;
    if (r->tie)
        c->ties[0]++;
    for (size_t j = 0; j < c->m; j++)
        w->seat[j] = r->seats[c->party[j]];
    ps_system_result_free(r);
    tally(w);
    return 0;
}

static int run_block(worker *w, uint64_t b, ps_error *err)
{
    const ps_sim_run_options *opt = w->sh->opt;
    while (w->gen_block < b) {
        psi_xoshiro_jump(&w->gen);
        w->gen_block++;
    }
    psi_xoshiro r = w->gen; /* the block's own stream */
    uint64_t draws = PS_SIM_BLOCK;
    if (opt->last_draws && b == opt->first_block + opt->n_blocks - 1)
        draws = opt->last_draws;
    for (uint64_t d = 0; d < draws; d++) {
        int rc = one_draw(w, &r, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static void fail(shared *sh, int rc, const ps_error *err)
{
    pthread_mutex_lock(&sh->lock);
    if (sh->rc == 0) {
        sh->rc = rc;
        sh->err = *err;
    }
    pthread_mutex_unlock(&sh->lock);
    atomic_store(&sh->failed, 1);
}

static void *work(void *arg)
{
    shared *sh = arg;
    const ps_sim_run_options *opt = sh->opt;
    uint64_t nr = opt->n_ranks > 0 ? (uint64_t)opt->n_ranks : 1;
    worker w;
    ps_error err;
    ps_error_clear(&err);
    psi_cancel_hook_adopt(&sh->cancel);
    int rc = worker_init(&w, sh, &err);
    if (rc < 0) {
        fail(sh, rc, &err);
        return NULL;
    }
    for (;;) {
        if (atomic_load(&sh->failed))
            break;
        if (psi_cancelled()) {
            rc = psi_cancel_error(&err);
            fail(sh, rc, &err);
            break;
        }
        uint64_t k = atomic_fetch_add(&sh->next, 1);
        if (k >= opt->n_blocks)
            break;
        uint64_t b = opt->first_block + k;
        if (b % nr != (uint64_t)opt->rank)
            continue;
        if ((rc = run_block(&w, b, &err)) < 0) {
            fail(sh, rc, &err);
            break;
        }
        pthread_mutex_lock(&sh->lock);
        sh->done++;
        if (opt->progress)
            opt->progress(opt->progress_ctx, sh->done, sh->due);
        pthread_mutex_unlock(&sh->lock);
    }
    pthread_mutex_lock(&sh->lock);
    if (rc == 0)
        ps_sim_counts_add(sh->total, w.c);
    pthread_mutex_unlock(&sh->lock);
    worker_free(&w);
    return NULL;
}

int ps_simulate_run(ps_sim_counts *counts, const ps_sim_model *model,
                    const ps_sim_run_options *opt, ps_error *err)
{
    size_t m = 0;
    int rc;
    if (!counts || !opt)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no tallies or options given");
    if ((rc = check_model(model, &m, err)) < 0)
        return rc;
    if (m != counts->m || model->n != counts->n || model->rules.seats != counts->seats ||
        (model->banzhaf != (counts->bz_sum != NULL)))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "the tallies belong to another model");
    if (opt->threads < 1 || opt->threads > 1024 || opt->n_ranks < 0 ||
        opt->rank < 0 || (opt->n_ranks > 0 && opt->rank >= opt->n_ranks) ||
        opt->last_draws > PS_SIM_BLOCK)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "bad run options (threads, rank, draws)");

    shared sh;
    memset(&sh, 0, sizeof sh);
    sh.model = model;
    sh.opt = opt;
    sh.total = counts;
    sh.cancel = psi_cancel_hook_get();
    sh.first = model->rules.first_divisor;
    if (sh.first.num == 0 && sh.first.den == 0)
        sh.first = (ps_ratio){7, 5};
    atomic_init(&sh.next, 0);
    atomic_init(&sh.failed, 0);
    uint64_t nr = opt->n_ranks > 0 ? (uint64_t)opt->n_ranks : 1;
    for (uint64_t k = 0; k < opt->n_blocks; k++)
        sh.due += (opt->first_block + k) % nr == (uint64_t)opt->rank;
    if (pthread_mutex_init(&sh.lock, NULL) != 0)
        return psi_error(err, PS_ENOMEM, NULL, 0, 0, "cannot create a mutex");

    int threads = opt->threads;
    if ((uint64_t)threads > sh.due)
        threads = sh.due ? (int)sh.due : 1;
    pthread_t *tid = NULL;
    int started = 0;
    if (threads > 1) {
        tid = psi_malloc_array((size_t)threads - 1, sizeof *tid);
        if (!tid) {
            pthread_mutex_destroy(&sh.lock);
            return psi_enomem(err);
        }
        for (; started < threads - 1; started++)
            if (pthread_create(&tid[started], NULL, work, &sh) != 0)
                break; /* fewer threads: same result, just slower */
    }
    work(&sh); /* the calling thread works too */
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    psi_free(tid);
    pthread_mutex_destroy(&sh.lock);
    if (sh.rc < 0) {
        if (err)
            *err = sh.err;
        return sh.rc;
    }
    return 0;
}
