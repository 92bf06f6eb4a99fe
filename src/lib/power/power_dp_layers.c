/*
 * power_dp_layers.c - Banzhaf swings, winning coalitions and Shapley-Shubik
 * counts of a game of several weighted layers by dynamic programming.
 *
 * A coalition's state is its weight in every layer, capped at the layer's
 * quota (q_l stands for "q_l or more": the game is monotone, so more weight
 * never matters once the quota is met), plus, for Shapley-Shubik, its
 * number of members. A table counts the coalitions of a set of players by
 * state; adding a player is one pass over the table. This is the generating
 * function prod_i (1 + y z_1^{w_1i} ... z_L^{w_Li}) with exponents capped,
 * the several-layer form of power_dp.c and power_dp_ss.c.
 *
 * Two ideas keep the tables small.
 *
 * 1. Layers are opened late and closed early (variable elimination, as in
 *    bucket elimination for sums over products). A layer gets a dimension
 *    only when its first contributor (a player of positive weight in it) is
 *    added, and loses it as soon as no contributor is left to add: then
 *    only the coalitions that meet its quota are kept, because no later
 *    player can change whether they do, and a coalition that fails it fails
 *    with any addition (so it can never be a swing for a later player).
 *    Players are processed in the order of the layers they contribute to,
 *    so that a concurrent-consent layer (the seats of one community) is open
 *    only while that community's lists are added. For Iraq's 2014 rule
 *    (majority of 328 seats and the consent of three communities) no table
 *    has more than two layers open at once.
 *
 * 2. Each player's table of the others is never rebuilt from scratch.
 *    Capping makes division by (1 + z^w) impossible, so the others' tables
 *    come from divide and conquer instead: to serve the players of a range,
 *    add the other half of the range to the table of everybody outside the
 *    range and recurse into each half. Every player is added O(log n) times
 *    in all, so the work is O(n log n) table passes instead of O(n^2).
 *
 * A layer in which every player has the same weight c (a minimum number
 * of members, the member-state count of a double majority) needs no
 * dimension when the sizes are kept anyway: k members weigh k c. For the
 * EU Council's double majority (27 states, 55% of them and 65% of the
 * population) that is 28 sizes x 290,759 population values instead of
 * 16 times as many.
 *
 * Player i swings for a coalition T of the others iff T loses and T + i
 * wins: a layer closed in T's table is met, an unopened one is at 0. Counts
 * are below 2^n; the whole program runs once per modulus (2^64, primes just
 * below 2^62) and the counts are rebuilt by the Chinese remainder theorem
 * (power_modular.c). The same recursion, run without tables, measures the
 * work and memory beforehand for the limits of ps_power_options.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "power_programs.h"
#include "cancel_hook.h"
#include "progress_hook.h"

enum { UNOPENED = 0, OPEN = 1, CLOSED = 2 };

/* Layers this program takes (power.h: more go to enumeration). */
#define MAX_LAYERS PSI_DP_MAX_LAYERS

typedef struct table {
    unsigned char *status; /* [L] */
    size_t kext;           /* extent of the size dimension (1 without sizes) */
    size_t cells;          /* kext * prod over open layers of (q_l + 1) */
    size_t members;        /* players counted in the table */
    uint64_t *c;           /* [cells], NULL in a dry run */
} table;

typedef struct ctx {
    size_t n, L;
    const int64_t *q;     /* [L] quotas */
    int64_t *w;           /* [n * L] capped weights in processing order: w[o * L + l] */
    size_t *player;       /* [n] original index of the o-th player */
    size_t *contrib;      /* [L * (n + 1)]: contributors among the first o players */
    bool sizes;           /* Shapley-Shubik: keep the size dimension */
    int64_t *per_member;  /* [L]: c > 0 when every player weighs c in layer l
                           * (a count of members): with sizes, such a layer
                           * is read off the size, never opened; else 0 */
    uint64_t p;           /* current modulus (0 = 2^64) */
    bool dry;             /* measure only */
    bool parallel;        /* split the next solve() over two threads */
    double work, mem, peak;
    uint64_t *swings;     /* [n] residues of this plane, by original index */
    uint64_t *ss;         /* [n * n] S_i[k], by original index, or NULL */
    uint64_t winning;     /* residue of the number of winning coalitions */
} ctx;

/* Whether layer l is read off the size dimension instead of opened. */
static bool counted(const ctx *x, size_t l)
{
    return x->sizes && x->per_member[l] > 0;
}

/* Contributors to layer l among players o in [a, b). */
static size_t contributors(const ctx *x, size_t l, size_t a, size_t b)
{
    const size_t *c = x->contrib + l * (x->n + 1);
    return c[b] - c[a];
}

/* The cells of a layout, saturated at SIZE_MAX (far above any limit, so
 * the dry run refuses such a table before anything is allocated). */
static size_t cells_of(const ctx *x, const unsigned char *status, size_t kext)
{
    size_t cells = kext;
    for (size_t l = 0; l < x->L; l++)
        if (status[l] == OPEN) {
            size_t e = (size_t)x->q[l] + 1;
            cells = cells > SIZE_MAX / e ? SIZE_MAX : cells * e;
        }
    return cells;
}

/* The extents of the dimensions of a layout: [0] sizes, then open layers. */
static size_t dims_of(const ctx *x, const unsigned char *status, size_t kext, size_t *ext,
                      size_t *layer)
{
    size_t d = 0;
    ext[d] = kext;
    layer[d++] = SIZE_MAX;
    for (size_t l = 0; l < x->L; l++)
        if (status[l] == OPEN) {
            ext[d] = (size_t)x->q[l] + 1;
            layer[d++] = l;
        }
    return d;
}

static void table_free(table *t)
{
    psi_free(t->status);
    psi_free(t->c);
    t->status = NULL;
    t->c = NULL;
}

static void account(ctx *x, double cells_alloc, double cells_freed)
{
    x->mem += 8.0 * (cells_alloc - cells_freed);
    if (x->mem > x->peak)
        x->peak = x->mem;
}

/* Moves t into the layout (status, kext): cells of a newly closed layer are
 * kept only where the layer is met, a newly opened layer starts at 0, and
 * the size dimension may grow (it is outermost, so growing appends zeros). */
static int relayout(ctx *x, table *t, const unsigned char *status, size_t kext)
{
    size_t cells = cells_of(x, status, kext);
    x->work += (double)t->cells + (double)cells;
    account(x, (double)cells, 0);
    uint64_t *c = NULL;
    if (!x->dry) {
        c = psi_calloc(cells, sizeof *c);
        if (!c)
            return PS_ENOMEM;
    }
    if (c && t->c) { /* a real run: move the counts */
        size_t old_ext[MAX_LAYERS + 1], old_layer[MAX_LAYERS + 1], new_ext[MAX_LAYERS + 1];
        size_t new_layer[MAX_LAYERS + 1], digit[MAX_LAYERS + 1];
        size_t od = dims_of(x, t->status, t->kext, old_ext, old_layer);
        size_t nd = dims_of(x, status, kext, new_ext, new_layer);
        memset(digit, 0, sizeof digit);
        for (size_t cell = 0; cell < t->cells; cell++) {
            /* digit[] is the old multi-index of `cell` (last dimension fastest). */
            bool keep = true;
            size_t target = 0, j = 0;
            for (size_t d = 0; d < nd; d++) {
                while (j < od && old_layer[j] != new_layer[d] &&
                       (new_layer[d] == SIZE_MAX || old_layer[j] < new_layer[d])) {
                    /* an old dimension that is gone: its layer was closed */
                    if (digit[j] != old_ext[j] - 1)
                        keep = false;
                    j++;
                }
                size_t v = 0;
                if (j < od && old_layer[j] == new_layer[d])
                    v = digit[j++];
                target = target * new_ext[d] + v;
            }
            for (; j < od; j++)
                if (digit[j] != old_ext[j] - 1)
                    keep = false;
            if (keep && t->c[cell])
                c[target] = t->c[cell];
            for (size_t d = od; d-- > 0;) {
                if (++digit[d] < old_ext[d])
                    break;
                digit[d] = 0;
            }
        }
    }
    memcpy(t->status, status, x->L);
    account(x, 0, (double)t->cells);
    psi_free(t->c);
    t->c = c;
    t->cells = cells;
    t->kext = kext;
    return PS_OK;
}

/* Adds the o-th player to t (whose open layers include every layer the
 * player contributes to), in place: cells are visited in descending order
 * and every target is at or above its source in each dimension, so each
 * source is read before anything is added to it. With sizes, only the rows
 * of fewer than t->members + 1 members can be non-zero. */
static void add_cells(ctx *x, table *t, size_t o)
{
    size_t ext[MAX_LAYERS + 1], layer[MAX_LAYERS + 1], shift[MAX_LAYERS + 1];
    size_t digit[MAX_LAYERS + 1], stride[MAX_LAYERS + 1];
    size_t nd = dims_of(x, t->status, t->kext, ext, layer);
    size_t per_size = t->cells / t->kext;
    size_t active = x->sizes ? (t->members + 1 < t->kext ? t->members + 1 : t->kext) * per_size
                             : t->cells;
    x->work += (double)active;
    if (x->dry || !t->c)
        return;
    uint64_t p = x->p;
    if (nd == 1) { /* no layer open: only the sizes (or the one count) */
        if (!x->sizes)
            t->c[0] = psi_addm(t->c[0], t->c[0], p);
        for (size_t k = active; x->sizes && k-- > 0;)
            if (k + 1 < t->kext)
                t->c[k + 1] = psi_addm(t->c[k + 1], t->c[k], p);
        return;
    }
    for (size_t d = 0; d < nd; d++)
        shift[d] = layer[d] == SIZE_MAX ? (x->sizes ? 1 : 0) : (size_t)x->w[o * x->L + layer[d]];
    stride[nd - 1] = 1;
    for (size_t d = nd - 1; d-- > 0;)
        stride[d] = stride[d + 1] * ext[d + 1];
    size_t row = ext[nd - 1], s = shift[nd - 1];
    size_t rows = active / row;
    /* digit[] of the last active row (the last dimension is the row). */
    size_t rem = rows - 1;
    for (size_t d = nd - 1; d-- > 0;) {
        digit[d] = rem % ext[d];
        rem /= ext[d];
    }
    for (size_t r = rows; r-- > 0;) {
        size_t to = 0;
        for (size_t d = 0; d + 1 < nd; d++) {
            size_t v = digit[d] + shift[d];
            to += (v < ext[d] ? v : ext[d] - 1) * stride[d];
        }
        const uint64_t *src = t->c + r * row;
        uint64_t *dst = t->c + to;
        for (size_t v = row; v-- > 0;) {
            size_t tv = v + s < row ? v + s : row - 1;
            dst[tv] = psi_addm(dst[tv], src[v], p);
        }
        for (size_t d = nd - 1; d-- > 0;) {
            if (digit[d]-- > 0)
                break;
            digit[d] = ext[d] - 1;
        }
    }
}

/* Adds the o-th player to t; the players still to come are [fa, fb) and
 * (o, end): layers with no contributor left among them are closed
 * afterwards. */
static int add_player(ctx *x, table *t, size_t o, size_t fa, size_t fb, size_t end)
{
    const size_t L = x->L;
    unsigned char status[MAX_LAYERS];
    memcpy(status, t->status, L);
    bool change = false;
    for (size_t l = 0; l < L; l++)
        if (x->w[o * L + l] > 0 && status[l] == UNOPENED && !counted(x, l)) {
            status[l] = OPEN;
            change = true;
        }
    if (change && relayout(x, t, status, t->kext) < 0)
        return PS_ENOMEM;
    add_cells(x, t, o);
    t->members++;
    change = false;
    for (size_t l = 0; l < L; l++)
        if (status[l] == OPEN && contributors(x, l, fa, fb) == 0 &&
            contributors(x, l, o + 1, end) == 0) {
            status[l] = CLOSED;
            change = true;
        }
    if (change && relayout(x, t, status, t->kext) < 0)
        return PS_ENOMEM;
    return PS_OK;
}

/* A copy of t with the size dimension grown to kext. */
static int table_copy(ctx *x, table *out, const table *t, size_t kext)
{
    out->status = psi_malloc(x->L);
    if (!out->status)
        return PS_ENOMEM;
    memcpy(out->status, t->status, x->L);
    out->kext = kext;
    out->members = t->members;
    out->cells = cells_of(x, out->status, kext);
    out->c = NULL;
    x->work += (double)out->cells;
    account(x, (double)out->cells, 0);
    if (x->dry)
        return PS_OK;
    out->c = psi_calloc(out->cells, sizeof *out->c);
    if (!out->c)
        return PS_ENOMEM;
    if (t->c)
        memcpy(out->c, t->c, t->cells * sizeof *t->c); /* sizes outermost */
    return PS_OK;
}

/* Swings (and S_i[k]) of the o-th player from the table of all others. */
static void extract(ctx *x, const table *t, size_t o)
{
    x->work += (double)t->cells;
    if (x->dry || psi_cancelled())
        return; /* a dry run, or a stopped one: ps_power_compute discards it */
    psi_progress_add("power (several layers)", 1);
    size_t ext[MAX_LAYERS + 1], layer[MAX_LAYERS + 1], digit[MAX_LAYERS + 1];
    size_t nd = dims_of(x, t->status, t->kext, ext, layer);
    const int64_t *wi = x->w + o * x->L;
    /* Unopened layers are at 0 for every coalition of the others. */
    bool lost_unopened = false, won_unopened = true;
    for (size_t l = 0; l < x->L; l++)
        if (t->status[l] == UNOPENED && !counted(x, l)) {
            lost_unopened = true;
            if (wi[l] < x->q[l])
                won_unopened = false;
        }
    size_t i = x->player[o];
    uint64_t p = x->p, sw = 0;
    memset(digit, 0, sizeof digit);
    if (won_unopened) {
        for (size_t cell = 0; cell < t->cells; cell++) {
            bool loses = lost_unopened, wins = true;
            for (size_t l = 0; x->sizes && l < x->L; l++)
                if (x->per_member[l] > 0) { /* k members weigh k c, capped */
                    int64_t c = x->per_member[l], k = (int64_t)digit[0];
                    int64_t v = k >= (x->q[l] + c - 1) / c ? x->q[l] : k * c;
                    if (v < x->q[l])
                        loses = true;
                    if (v + wi[l] < x->q[l])
                        wins = false;
                }
            for (size_t d = 1; d < nd; d++) {
                size_t l = layer[d];
                int64_t v = (int64_t)digit[d];
                if (v < x->q[l])
                    loses = true;
                if (v + wi[l] < x->q[l])
                    wins = false;
            }
            if (loses && wins && t->c[cell]) {
                sw = psi_addm(sw, t->c[cell], p);
                if (x->ss)
                    x->ss[i * x->n + digit[0]] =
                        psi_addm(x->ss[i * x->n + digit[0]], t->c[cell], p);
            }
            for (size_t d = nd; d-- > 0;) {
                if (++digit[d] < ext[d])
                    break;
                digit[d] = 0;
            }
        }
    }
    x->swings[i] = sw;
}

static int solve(ctx *x, size_t lo, size_t hi, table *t);

/* The left half of the top split, solved in a thread of its own with its
 * own copy of the context (it writes other players' results). */
typedef struct branch {
    ctx x;
    size_t lo, hi;
    table t;
    int rc;
    psi_cancel_hook hook; /* the starter's: a stop there stops the branch */
} branch;

static void *solve_branch(void *arg)
{
    branch *b = arg;
    psi_cancel_hook_adopt(&b->hook);
    b->rc = solve(&b->x, b->lo, b->hi, &b->t);
    return NULL;
}

/* Serves the players [lo, hi) from t, the table of everybody outside the
 * range; takes t over. With x->parallel (the top call of a real run with
 * two threads or more), the left half runs in a thread while this one
 * builds and solves the right half. */
static int solve(ctx *x, size_t lo, size_t hi, table *t)
{
    if (hi - lo == 1) {
        extract(x, t, lo);
        account(x, 0, (double)t->cells);
        table_free(t);
        return PS_OK;
    }
    size_t mid = lo + (hi - lo) / 2;
    size_t k_left = x->sizes ? x->n - (mid - lo) + 1 : 1;
    size_t k_right = x->sizes ? x->n - (hi - mid) + 1 : 1;
    table left = {0};
    int rc = table_copy(x, &left, t, k_left);
    for (size_t o = mid; rc == PS_OK && o < hi && (x->dry || !psi_cancelled()); o++)
        rc = add_player(x, &left, o, lo, mid, hi);
    branch *br = NULL;
    pthread_t tid;
    bool started = false;
    if (rc == PS_OK && x->parallel) {
        x->parallel = false;
        if (!(br = psi_malloc(sizeof *br)))
            rc = PS_ENOMEM;
        else {
            *br = (branch){*x, lo, mid, left, PS_OK, psi_cancel_hook_get()};
            started = pthread_create(&tid, NULL, solve_branch, br) == 0;
        }
    }
    if (!started && rc == PS_OK) {
        rc = solve(x, lo, mid, &left);
    } else if (!started) {
        account(x, 0, (double)left.cells);
        table_free(&left);
    }
    if (rc == PS_OK && k_right != t->kext)
        rc = relayout(x, t, t->status, k_right);
    for (size_t o = lo; rc == PS_OK && o < mid && (x->dry || !psi_cancelled()); o++)
        rc = add_player(x, t, o, mid, hi, mid);
    if (rc == PS_OK) {
        rc = solve(x, mid, hi, t);
    } else {
        account(x, 0, (double)t->cells);
        table_free(t);
    }
    if (started) {
        pthread_join(tid, NULL);
        if (rc == PS_OK)
            rc = br->rc;
        x->work += br->x.work;
    }
    psi_free(br);
    return rc;
}

static int root_table(ctx *x, table *t, size_t kext)
{
    memset(t, 0, sizeof *t);
    t->status = psi_calloc(x->L, 1);
    if (!t->status)
        return PS_ENOMEM;
    t->kext = kext;
    t->cells = kext;
    account(x, (double)kext, 0);
    if (x->dry)
        return PS_OK;
    t->c = psi_calloc(kext, sizeof *t->c);
    if (!t->c)
        return PS_ENOMEM;
    t->c[0] = 1;
    return PS_OK;
}

/* One plane: every player's swings (and S_i[k]) modulo x->p, or only the
 * work in a dry run. */
static int plane(ctx *x)
{
    table t;
    int rc = root_table(x, &t, 1);
    if (rc == PS_OK && x->n > 1)
        return solve(x, 0, x->n, &t); /* takes t over */
    if (rc == PS_OK)
        extract(x, &t, 0);
    account(x, 0, (double)t.cells);
    table_free(&t);
    return rc;
}

/* The number of winning coalitions modulo x->p: all players added, every
 * layer closed, the one cell left counts the coalitions that meet them all. */
static int winning_plane(ctx *x)
{
    table all;
    bool sizes = x->sizes;
    x->sizes = false;
    int rc = root_table(x, &all, 1);
    for (size_t o = 0; rc == PS_OK && o < x->n; o++)
        rc = add_player(x, &all, o, 0, 0, x->n);
    x->sizes = sizes;
    if (rc == PS_OK && !x->dry && all.c)
        x->winning = all.c[0];
    account(x, 0, (double)all.cells);
    table_free(&all);
    return rc;
}

/* Players in the order of the layers they contribute to (the first layer
 * first, contributors before the others), then by index. */
typedef struct keyed {
    uint64_t key;
    size_t i;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return (x->key > y->key) - (x->key < y->key);
    return (x->i > y->i) - (x->i < y->i);
}

static void ctx_free(ctx *x)
{
    psi_free(x->w);
    psi_free(x->player);
    psi_free(x->contrib);
    psi_free(x->per_member);
}

static int ctx_init(ctx *x, const ps_game *g, bool sizes)
{
    memset(x, 0, sizeof *x);
    size_t n = g->n_players, L = g->n_layers;
    x->n = n;
    x->L = L;
    x->q = g->quotas;
    x->sizes = sizes;
    x->w = psi_malloc_array(n * L, sizeof *x->w);
    x->player = psi_malloc_array(n, sizeof *x->player);
    x->contrib = psi_calloc(L * (n + 1), sizeof *x->contrib);
    x->per_member = psi_calloc(L, sizeof *x->per_member);
    if (!x->w || !x->player || !x->contrib || !x->per_member)
        return PS_ENOMEM;
    for (size_t l = 0; l < L; l++) {
        const int64_t *wl = g->weights + l * n;
        size_t same = 1;
        while (same < n && wl[same] == wl[0])
            same++;
        if (same == n && wl[0] > 0)
            x->per_member[l] = wl[0] < g->quotas[l] ? wl[0] : g->quotas[l];
    }
    keyed *k = psi_malloc_array(n, sizeof *k);
    if (!k)
        return PS_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        k[i] = (keyed){0, i};
        for (size_t l = 0; l < L; l++)
            k[i].key = (k[i].key << 1) | (g->weights[l * n + i] > 0 ? 0u : 1u);
    }
    qsort(k, n, sizeof *k, cmp_keyed);
    for (size_t o = 0; o < n; o++)
        x->player[o] = k[o].i;
    psi_free(k);
    for (size_t o = 0; o < n; o++)
        for (size_t l = 0; l < L; l++) {
            int64_t v = g->weights[l * n + x->player[o]];
            x->w[o * L + l] = v < g->quotas[l] ? v : g->quotas[l];
            x->contrib[l * (n + 1) + o + 1] = x->contrib[l * (n + 1) + o] + (v > 0);
        }
    return PS_OK;
}

/* The whole program without tables: its cell updates per residue and its
 * peak memory in bytes. */
static int measure(ctx *x, bool want_winning, double *work, double *bytes)
{
    x->dry = true;
    x->work = x->mem = x->peak = 0;
    int rc = plane(x);
    if (rc == PS_OK && want_winning)
        rc = winning_plane(x);
    x->dry = false;
    *work = x->work;
    *bytes = x->peak;
    return rc;
}

int psi_dp_layers_cost(double *work, double *bytes, const ps_game *g, unsigned want)
{
    *work = *bytes = 0;
    if (g->n_layers > MAX_LAYERS) {
        *work = *bytes = 1e300;
        return PS_OK;
    }
    ctx x;
    int rc = ctx_init(&x, g, (want & PSI_HAVE_SS) != 0);
    if (rc == PS_OK)
        rc = measure(&x, (want & PSI_HAVE_SWINGS) != 0, work, bytes);
    ctx_free(&x);
    if (rc == PS_OK) {
        psi_moduli mods;
        if (psi_moduli_init(&mods, g->n_players) < 0)
            return PS_ENOMEM;
        *work *= (double)mods.count;
        psi_moduli_clear(&mods);
    }
    return rc;
}

int psi_dp_layers(psi_counts *c, const ps_game *g, unsigned want, const ps_power_options *opt,
                  ps_error *err)
{
    if (g->n_groups >= 2)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "psi_dp_layers: a game with 'or' is split by power.c first");
    size_t n = g->n_players;
    if (g->n_layers > MAX_LAYERS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "the dynamic program for games of several layers takes at most %d "
                         "layers (this game has %zu)",
                         MAX_LAYERS, g->n_layers);
    bool sizes = (want & PSI_HAVE_SS) != 0, winning = (want & PSI_HAVE_SWINGS) != 0;
    psi_moduli mods;
    if (psi_moduli_init(&mods, n) < 0)
        return psi_enomem(err);
    size_t P = mods.count;
    ctx x;
    double work = 0, bytes = 0;
    int rc = ctx_init(&x, g, sizes);
    if (rc == PS_OK)
        rc = measure(&x, winning, &work, &bytes);
    if (rc < 0) {
        ctx_free(&x);
        psi_moduli_clear(&mods);
        return psi_enomem(err);
    }
    char what[80];
    snprintf(what, sizeof what, "the exact program for this game of %zu layers", g->n_layers);
    if (bytes > (double)opt->max_memory)
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                       "the exact program for this game of %zu layers needs %.1f MB, above "
                       "the limit of %.1f MB; use the Monte Carlo approximation (--approx)",
                       g->n_layers, bytes / 1e6, (double)opt->max_memory / 1e6);
    else
        rc = psi_check_work(what, work, P, opt, "use the Monte Carlo approximation (--approx)",
                            err);
    if (rc < 0) {
        ctx_free(&x);
        psi_moduli_clear(&mods);
        return rc;
    }
    /* the residues of the other processes stay 0 until the sums below */
    uint64_t *sw = psi_calloc(n * P, sizeof *sw);
    uint64_t *win = psi_calloc(P, sizeof *win);
    uint64_t *ss = sizes ? psi_calloc(n * n * P, sizeof *ss) : NULL;
    uint64_t *r = psi_malloc_array(P, sizeof *r);
    rc = sw && win && r && (ss || !sizes) ? PS_OK : PS_ENOMEM;
    /* two threads share the top split when both halves' tables fit */
    bool two = opt->threads > 1 && x.n >= 4 && 2.0 * bytes <= (double)opt->max_memory;
    size_t size = psi_shared_size(opt->share);
    psi_progress("power (several layers)", 0,
                 (uint64_t)(psi_share_count(opt->share, P) * n));
    for (size_t j = psi_shared_rank(opt->share); rc == PS_OK && j < P; j += size) {
        x.parallel = two;
        x.p = mods.m[j];
        x.swings = sw + j * n;
        x.ss = sizes ? ss + j * n * n : NULL;
        rc = plane(&x);
        if (rc == PS_OK && winning)
            rc = winning_plane(&x);
        win[j] = x.winning;
    }
    psi_progress_end("power (several layers)");
    int shared = PS_OK;
    if (rc == PS_OK && winning)
        shared = psi_shared_sum(opt->share, sw, n * P, err) < 0 ||
                         psi_shared_sum(opt->share, win, P, err) < 0
                     ? PS_EIO
                     : PS_OK;
    if (rc == PS_OK && shared == PS_OK && sizes)
        shared = psi_shared_sum(opt->share, ss, n * n * P, err);
    if (rc == PS_OK && shared == PS_OK && winning) {
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < P; j++)
                r[j] = sw[j * n + i];
            psi_crt(c->swings[i], r, &mods);
        }
        psi_crt(c->winning, win, &mods);
        c->have |= PSI_HAVE_SWINGS;
    }
    if (rc == PS_OK && shared == PS_OK && sizes) {
        shared = psi_shapley_values(c->ss, ss, n, n, &mods, opt, err);
        if (shared == PS_OK)
            c->have |= PSI_HAVE_SS;
    }
    psi_free(sw);
    psi_free(win);
    psi_free(ss);
    psi_free(r);
    ctx_free(&x);
    psi_moduli_clear(&mods);
    if (shared < 0)
        return shared; /* err says so */
    return rc < 0 ? psi_enomem(err) : PS_OK;
}
