/*
 * power_float.c - Banzhaf, Penrose and Shapley-Shubik values of a game of
 * one weighted layer in double precision, each with a proven bound on its
 * error (PS_POWER_FLOAT, `powershare power --float`).
 *
 * The programs are those of the exact values (power_dp.c, power_dp_ss.c:
 * generating functions over weights), run once in floating point instead of
 * once per residue. Counts reach C(n, n/2) (10^1031 for 3433 players), far
 * beyond a double, so the tables hold probabilities instead of counts:
 *
 * Banzhaf. a[x] = c[x] / 2^t, the chance that a uniformly random coalition
 * of the t players added so far weighs x. Adding a player of weight w:
 * a[x] = (a[x] + a[x-w]) / 2, the halving exact. Penrose_i = P(the others
 * weigh in [q - w_i, q - 1]), or equally (the complement of a coalition of
 * the others) in [W - q - w_i + 1, W - q], W the total weight: the lower
 * window is used, so the table is kept over [0, X], X = min(q-1, W-q). A
 * player heavier than X only halves every entry: such players are left out
 * and their 2^-b put back at the end. The removal of player i is not the
 * alternating sum of power_dp.c here: a window sum of 2 a / (1 + z^w_i)
 * cancels against the whole table (a light player's Penrose value of 3e-6
 * in a table of mass 1/2 would keep a bound of only 1e-9 relative). The
 * table is small, so each distinct weight gets the table of the others
 * itself, by divide and conquer over the distinct weights (each half's
 * players added to a copy for the other half, O(n X log G) for G distinct
 * weights): every cell a sum of non-negative terms, every bound relative.
 * Each table carries a power-of-two exponent, raised (exactly) whenever its
 * largest cell falls below 2^-400: below a small quota the probabilities
 * pass 2^-1074 (2^-2400 for a quota of 27 of 72,041), and the normalised
 * index, a ratio of them, is taken on a common exponent.
 *
 * Shapley-Shubik: power_float_ss.c (the table a[k][x] = c[k][x] / C(t, k)
 * of random k-subsets, rows up to (m-1)/2 only, the rows above read from
 * the complement).
 *
 * Error bound (standard model fl(a op b) = (a op b)(1 + d), |d| <= u =
 * 2^-53, round to nearest; gamma_k = k u / (1 - k u); Higham, "Accuracy and
 * Stability of Numerical Algorithms", 2nd ed. 2002, ch. 2-4):
 *   - Every table entry is a sum of products of non-negative numbers. Along
 *     each path from the initial 1 an entry meets at most T roundings
 *     (Banzhaf: one addition per player, the halving is exact; Shapley-
 *     Shubik: 3 per player added alone (coefficient, product, sum), 5 per
 *     pair), so |a^ - a| <= gamma_T a + (T + 2) 2^-1074: the relative part
 *     from the products of (1 + d), the absolute part from the products and
 *     halvings that fall below 2^-1022 (gradual underflow errs by at most
 *     2^-1075 each; additions are exact there). Tiny probabilities may
 *     become 0 that way: that costs only this absolute term. (The Banzhaf
 *     tables charge it only for a player some of whose halvings could have
 *     lost a bit, a non-zero sum below 2^-1021, and in the units of the
 *     table's exponent.)
 *   - A signed sum of terms t_j, each reached by at most N roundings in all
 *     (table, coefficients, products, the additions of the sum in its
 *     order): |error| <= gamma_N sum_j |t_j| (Higham, Lemma 3.1 and (3.5));
 *     so beside every sum the sum A of the absolute values of its terms is
 *     accumulated. Pairwise order (blocks of 32 added in turn, then halves)
 *     keeps the additions' share of N to 31 + log2(terms / 32). For a
 *     Penrose value every term is non-negative, so A is the value itself:
 *     its bound is relative, gamma_(n + 31 + log2(w / 32)) and the
 *     underflow term.
 *   - Shapley-Shubik window sums come from running sums: P^[x] = P^[x-1] +
 *     a^[x] + e_x with |e_x| <= u P^[x], so a difference of two running sums
 *     errs by the e_x inside its window, at most u times the mass M =
 *     (width) x (the largest running sum inside), accumulated beside A.
 *   - Bound of a value: (gamma_N A + (1 + gamma_N) u M + E) / (1 - gamma_N),
 *     scaled as the value is, plus u |value| + 2^-1074 for its own last
 *     rounding, where E counts 2^-1074 for every table cell and coefficient
 *     that can reach a term through an underflow; the whole is multiplied
 *     by 1 + 2^-20, which covers the roundings in computing the bound (a few
 *     dozen operations on non-negative numbers, and the sums A and M
 *     themselves, each off by a relative gamma_N < 2^-30 at most).
 *   - Normalised Banzhaf = Penrose_i / sum_j Penrose_j: by interval
 *     arithmetic on the Penrose intervals of all players, as for Monte Carlo
 *     (power_approx.c), every endpoint rounded outwards.
 * The bound always holds: it is not a confidence interval. Values are
 * clamped to [0, 1], which only brings them closer to the truth.
 */
#include <limits.h>
#include <stdbool.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "power_programs.h"
#include "cancel_hook.h"
#include "progress_hook.h"

typedef long long i64x4 __attribute__((vector_size(32)));

#define U_ROUND 0x1p-53
#define TINY 0x1p-1074

double psi_float_gamma(double k)
{
    double ku = k * U_ROUND;
    return ku < 0.5 ? ku / (1.0 - ku) : INFINITY;
}

double psi_float_bound(double G, double A, double M, double E)
{
    return (G * A + (1.0 + G) * U_ROUND * M + E) / (1.0 - G) * (1.0 + 0x1p-20);
}

/* Adds a player of weight w (1 <= w < len) to the Banzhaf table in place:
 * a[x] = (a[x] + a[x-w]) / 2, x descending, so that a[x-w] is still the old
 * value (a block of four reads at least w >= 4 below itself); below w only
 * the halving. The same operations in the same order in both clones.
 * Returns whether a halving may have been inexact: only a non-zero sum
 * below 2^-1021 can lose a bit (sums are exact down there). */
PSI_CLONES static bool halve_add(double *a, size_t len, size_t w)
{
    const double lim = 0x1p-1021;
    size_t x = len;
    bool under = false;
    if (w >= 4) {
        const psi_f64x4 half = {0.5, 0.5, 0.5, 0.5}, low = {lim, lim, lim, lim}, nil = {0, 0, 0, 0};
        i64x4 flag = {0, 0, 0, 0};
        while (x >= w + 4) {
            psi_f64x4 p, s;
            memcpy(&p, a + x - 4, sizeof p);
            memcpy(&s, a + x - 4 - w, sizeof s);
            p = p + s;
            flag |= (p < low) & (p != nil);
            p = p * half;
            memcpy(a + x - 4, &p, sizeof p);
            x -= 4;
        }
        under = (flag[0] | flag[1] | flag[2] | flag[3]) != 0;
    }
    while (x > w) {
        x--;
        double p = a[x] + a[x - w];
        under |= p < lim && p != 0.0;
        a[x] = p * 0.5;
    }
    for (size_t y = 0; y < x; y++) {
        under |= a[y] < lim && a[y] != 0.0;
        a[y] *= 0.5;
    }
    return under;
}

#define BLOCK 32

/* The additions a term of a pairwise sum of len terms meets: BLOCK - 1 in
 * its block, one per halving above. */
static double pairwise_depth(size_t len)
{
    double d = BLOCK - 1;
    for (size_t b = BLOCK; b < len; b *= 2)
        d += 1;
    return d;
}

/* sum over x in [lo, lo + len) of a[x], pairwise above blocks of BLOCK. */
static double plain_sum(const double *a, size_t lo, size_t len)
{
    if (len > BLOCK) {
        size_t h = len / 2;
        return plain_sum(a, lo, h) + plain_sum(a, lo + h, len - h);
    }
    double s = 0;
    for (size_t x = lo; x < lo + len; x++)
        s += a[x];
    return s;
}

/* A Banzhaf table over [0, X]: P(the players added weigh x) = a[x] 2^e.
 * The exponent keeps the largest cell near 1 however small the mass below
 * q gets (with a quota of 27 of 72,041 it is about 2^-2400): when a lower
 * bound on the largest cell falls below 2^-400, every cell is scaled up by
 * a power of two, which is exact. err bounds every cell's error from
 * underflow, in the units of a: 2^-1074 for each player added whose
 * halvings may have underflowed (a non-zero sum below 2^-1021), scaled
 * with the table. */
typedef struct table1 {
    double *a;
    long e;
    double err;
    double floor; /* at most the largest cell */
} table1;

/* The Banzhaf program: the distinct light weights (group g from gfirst[g]
 * in order[]), one table per level of the recursion, and per group its
 * window sum and the table it came from. */
typedef struct banzhaf_state {
    size_t Q; /* X + 1 cells */
    const psi_player *order;
    size_t n_groups;
    const size_t *gfirst; /* [n_groups + 1] */
    table1 *level;        /* [depth + 2] */
    double *sum;          /* [n_groups] window sums, in the units of a */
    double *cell_err;     /* [n_groups] that table's err */
    long *exp2;           /* [n_groups] that table's e */
    uint64_t done;
} banzhaf_state;

static void rescale(table1 *T, size_t Q)
{
    double most = 0;
    for (size_t x = 0; x < Q; x++)
        most = T->a[x] > most ? T->a[x] : most;
    if (!(most > 0))
        return;
    int k = -ilogb(most);
    double f = ldexp(1.0, k);
    for (size_t x = 0; x < Q; x++)
        T->a[x] *= f; /* exact: a power of two, and nothing overflows */
    T->e -= k;
    T->err = ldexp(T->err, k);
    T->floor = most * f;
}

static void add_players(banzhaf_state *B, table1 *T, size_t from, size_t to)
{
    for (size_t o = from; o < to; o++) {
        if (halve_add(T->a, B->Q, (size_t)B->order[o].w))
            T->err += TINY; /* a halving's underflow: at most 2^-1075 a cell */
        T->floor *= 0.5;
        if (T->floor < 0x1p-400)
            rescale(T, B->Q);
    }
    B->done += (uint64_t)(to - from);
    psi_progress("power (Banzhaf, floating point)", B->done, 0);
}

static void copy_table(table1 *to, const table1 *from, size_t Q)
{
    memcpy(to->a, from->a, Q * sizeof *to->a);
    to->e = from->e;
    to->err = from->err;
    to->floor = from->floor;
}

/* T holds the table of every light player outside groups [g0, g1): fill
 * their window sums. Each child gets a copy with the other half's players
 * added; a leaf adds its other members and sums its window, in place. */
static void split(banzhaf_state *B, table1 *T, size_t g0, size_t g1, size_t depth)
{
    if (psi_cancelled())
        return;
    if (g1 - g0 == 1) {
        size_t first = B->gfirst[g0], w = (size_t)B->order[first].w;
        add_players(B, T, first + 1, B->gfirst[g0 + 1]);
        size_t lo = B->Q > w ? B->Q - w : 0;
        B->sum[g0] = plain_sum(T->a, lo, B->Q - lo);
        B->cell_err[g0] = T->err;
        B->exp2[g0] = T->e;
        return;
    }
    size_t mid = g0 + (g1 - g0) / 2;
    table1 *next = &B->level[depth + 1];
    copy_table(next, T, B->Q);
    add_players(B, next, B->gfirst[mid], B->gfirst[g1]);
    split(B, next, g0, mid, depth + 1);
    copy_table(next, T, B->Q);
    add_players(B, next, B->gfirst[g0], B->gfirst[mid]);
    split(B, next, mid, g1, depth + 1);
}

/* Penrose values as pen[i] 2^ex[i] with their bounds bnd[i] 2^ex[i], by the
 * Banzhaf tables (the exponents keep values below 2^-1074 meaningful for
 * the normalised index). */
static int float_penrose(double *pen, double *bnd, long *ex, const int64_t *w, size_t n,
                         int64_t q, const ps_power_options *opt, ps_error *err)
{
    int64_t W = 0;
    for (size_t i = 0; i < n; i++)
        W += w[i];
    /* The others weigh in [q - w, q - 1] iff the others outside weigh in
     * [W - q - w + 1, W - q]: the lower of the two windows, the smaller
     * table. */
    int64_t X = q - 1 < W - q ? q - 1 : W - q;
    int rc = PS_OK;
    psi_player *order = psi_malloc_array(n, sizeof *order);
    size_t *gfirst = psi_malloc_array(n + 1, sizeof *gfirst);
    double *sum = psi_malloc_array(n + 1, 2 * sizeof *sum);
    long *exp2 = psi_malloc_array(n + 1, sizeof *exp2);
    table1 *level = NULL;
    banzhaf_state B = {(size_t)X + 1, order, 0, gfirst, NULL, sum, NULL, exp2, 0};
    size_t light = 0, heavy = 0, depth = 0;
    if (!order || !gfirst || !sum || !exp2)
        goto nomem;
    B.cell_err = sum + n + 1;
    for (size_t i = 0; i < n; i++)
        order[i] = (psi_player){w[i], i};
    qsort(order, n, sizeof *order, psi_cmp_player);
    /* order: dummies (weight 0), light players by weight, heavy players
     * (weight > X: they only halve the table, so they are left out and
     * their 2^-heavy put back) */
    size_t o0 = 0;
    while (o0 < n && order[o0].w == 0)
        o0++;
    for (size_t o = o0; o < n; o++) {
        if (order[o].w > X) {
            heavy++;
            continue;
        }
        if (o == o0 || order[o].w != order[o - 1].w)
            gfirst[B.n_groups++] = o;
        light++;
    }
    gfirst[B.n_groups] = o0 + light;
    while (((size_t)1 << depth) < B.n_groups)
        depth++;
    if ((uint64_t)X >= SIZE_MAX / sizeof(double) / (depth + 2) ||
        (size_t)(X + 1) * sizeof(double) * (depth + 2) > opt->max_memory) {
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                       "the floating-point Banzhaf tables for quota %lld need %.1f MB, above "
                       "the limit of %.1f MB; use the Monte Carlo approximation (--approx)",
                       (long long)q, (double)(X + 1) * 8.0 * (double)(depth + 2) / 1e6,
                       (double)opt->max_memory / 1e6);
        goto done;
    }
    level = psi_calloc(depth + 2, sizeof *level);
    if (!level)
        goto nomem;
    for (size_t l = 0; l < depth + 2; l++)
        if (!(level[l].a = psi_calloc(B.Q, sizeof *level[l].a)))
            goto nomem;
    B.level = level;
    psi_progress("power (Banzhaf, floating point)", 0,
                 (uint64_t)light * (depth + 1) + (heavy ? light : 0));
    level[0] = (table1){level[0].a, 0, 0.0, 1.0};
    level[0].a[0] = 1.0;
    if (B.n_groups)
        split(&B, &level[0], 0, B.n_groups, 0);
    double all = 0, all_err = 0;
    long all_e = 0;
    if (heavy && !psi_cancelled()) { /* a heavy player's window is the whole table */
        memset(level[0].a, 0, B.Q * sizeof *level[0].a);
        level[0] = (table1){level[0].a, 0, 0.0, 1.0};
        level[0].a[0] = 1.0;
        add_players(&B, &level[0], o0, o0 + light);
        all = plain_sum(level[0].a, 0, B.Q);
        all_err = level[0].err;
        all_e = level[0].e;
    }
    psi_progress_end("power (Banzhaf, floating point)");
    /* Every cell is a sum of non-negative terms, each met by at most
     * `light` roundings (one per player added; halvings and rescalings are
     * exact), then the pairwise window sum; cells err by at most err
     * through underflow. The values are scaled by 2^-heavy (2^(1-heavy)
     * for a heavy player, whose own halving is taken out). */
    for (size_t g = 0, o = o0; o < n; o++) {
        size_t i = order[o].i;
        double s, cells, e_cell;
        long e = -(long)heavy;
        if (o >= o0 + light) {
            s = all;
            cells = (double)B.Q;
            e_cell = all_err;
            e += all_e + 1;
        } else {
            g += o > o0 && order[o].w != order[o - 1].w;
            s = sum[g];
            cells = (double)order[o].w < (double)B.Q ? (double)order[o].w : (double)B.Q;
            e_cell = B.cell_err[g];
            e += exp2[g];
        }
        double G = psi_float_gamma((double)light + pairwise_depth((size_t)cells));
        pen[i] = s;
        bnd[i] = psi_float_bound(G, s, 0.0, cells * e_cell);
        ex[i] = e;
    }
    for (size_t o = 0; o < o0; o++) {
        pen[order[o].i] = 0.0; /* dummies */
        bnd[order[o].i] = 0.0;
        ex[order[o].i] = 0;
    }
    goto done;
nomem:
    rc = psi_enomem(err);
done:
    for (size_t l = 0; level && l < depth + 2; l++)
        psi_free(level[l].a);
    psi_free(level);
    psi_free(order);
    psi_free(gfirst);
    psi_free(sum);
    psi_free(exp2);
    return rc;
}

/* x 2^e as a double (0 below the range), and a bound's: rounded up by the
 * smallest subnormal when it may have underflowed. */
static double scaled(double x, long e)
{
    return ldexp(x, e < -4000 ? -4000 : e > 4000 ? 4000 : (int)e);
}

static double scaled_bound(double b, long e)
{
    return b > 0.0 ? scaled(b, e) + TINY : 0.0;
}

/* Normalised Banzhaf from the Penrose values pen[i] +- pb[i], all scaled
 * alike (interval arithmetic: P_i / (P_i + sum_{j != i} P_j) grows with P_i
 * and falls with the others), every endpoint rounded outwards. */
static void normalise(double *bz, double *bb, const double *pen, const double *pb, size_t n)
{
    double sum = 0, lows = 0, highs = 0;
    for (size_t i = 0; i < n; i++) {
        sum += pen[i];
        lows += fmax(0.0, nextafter(pen[i] - pb[i], -INFINITY));
        highs += nextafter(pen[i] + pb[i], INFINITY);
    }
    double g = psi_float_gamma((double)n + 4.0);
    lows *= 1.0 - g;  /* at most the true sum of the lower ends */
    highs *= 1.0 + g; /* at least the true sum of the upper ends */
    for (size_t i = 0; i < n; i++) {
        double lo = fmax(0.0, nextafter(pen[i] - pb[i], -INFINITY));
        double hi = nextafter(pen[i] + pb[i], INFINITY);
        double v = sum > 0.0 ? pen[i] / sum : 0.0;
        /* lower: lo / (lo + sum_{j != i} hi_j) >= lo / highs; upper:
         * hi / (hi + sum_{j != i} lo_j) = hi / (hi - lo + lows_true). */
        double lower = highs > 0.0 ? lo / highs * (1.0 - 4.0 * U_ROUND) : 0.0;
        double den = ((hi - lo) + lows) * (1.0 - 4.0 * U_ROUND);
        double upper = den > 0.0 ? fmin(1.0, hi / den * (1.0 + 4.0 * U_ROUND)) : 1.0;
        bz[i] = v > 1.0 ? 1.0 : v;
        bb[i] = pen[i] == 0.0 && pb[i] == 0.0 /* a dummy: exactly 0 */
                    ? 0.0
                    : fmax(bz[i] - lower, upper - bz[i]) * (1.0 + 0x1p-20) + TINY;
    }
}

#define FLOAT_INDICES                                                                       \
    (PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK))

static int alloc_index(ps_power *out, ps_index k)
{
    out->values[k] = psi_calloc(out->n_players, sizeof *out->values[k]);
    out->half_width[k] = psi_calloc(out->n_players, sizeof *out->half_width[k]);
    return out->values[k] && out->half_width[k] ? PS_OK : PS_ENOMEM;
}

static void put_index(ps_power *out, ps_index k, const double *v, const double *b)
{
    for (size_t i = 0; i < out->n_players; i++) {
        out->values[k][i].value = v[i];
        out->half_width[k][i] = b[i];
    }
}

int psi_float_power(ps_power *out, const ps_game *g, const ps_power_options *opt, ps_error *err)
{
    size_t n = g->n_players;
    if (g->n_layers != 1)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the floating-point mode covers games of one weighted layer (this "
                         "rule has %zu layers%s); use the exact programs or --approx",
                         g->n_layers, ps_game_group_count(g) > 1 ? " in 'or' alternatives" : "");
    if (n > ((size_t)1 << 22))
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "the floating-point mode takes at most 4,194,304 players (its error "
                         "bound grows with their number); use --approx");
    unsigned want = opt->indices & FLOAT_INDICES;
    if (!want)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the floating-point mode computes banzhaf, penrose and shapley_shubik "
                         "only; use the exact programs for the other indices");
    double *v = psi_malloc_array(n, 4 * sizeof *v);
    long *ex = psi_malloc_array(n, sizeof *ex);
    if (!v || !ex) {
        psi_free(v);
        psi_free(ex);
        return psi_enomem(err);
    }
    double *b = v + n, *v2 = v + 2 * n, *b2 = v + 3 * n;
    int rc = PS_OK;
    if (want & (PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE))) {
        rc = float_penrose(v, b, ex, g->weights, n, g->quotas[0], opt, err);
        if (rc == PS_OK && (want & PS_INDEX_BIT(PS_PENROSE))) {
            if (alloc_index(out, PS_PENROSE) < 0)
                goto nomem;
            for (size_t i = 0; i < n; i++) {
                v2[i] = fmin(1.0, scaled(v[i], ex[i]));
                b2[i] = scaled_bound(b[i], ex[i]);
            }
            put_index(out, PS_PENROSE, v2, b2);
        }
        if (rc == PS_OK && (want & PS_INDEX_BIT(PS_BANZHAF))) {
            if (alloc_index(out, PS_BANZHAF) < 0)
                goto nomem;
            long top = LONG_MIN; /* one scale for all: the largest exponent */
            for (size_t i = 0; i < n; i++)
                if (v[i] > 0.0 || b[i] > 0.0)
                    top = ex[i] > top ? ex[i] : top;
            top = top == LONG_MIN ? 0 : top; /* every player a dummy: no game */
            for (size_t i = 0; i < n; i++) {
                v[i] = scaled(v[i], ex[i] - top);
                b[i] = scaled_bound(b[i], ex[i] - top);
            }
            normalise(v2, b2, v, b, n);
            put_index(out, PS_BANZHAF, v2, b2);
        }
    }
    if (rc == PS_OK && (want & PS_INDEX_BIT(PS_SHAPLEY_SHUBIK)) && !psi_cancel_stopped()) {
        rc = psi_float_shapley(v, b, g->weights, n, g->quotas[0], opt, err);
        if (rc == PS_OK) {
            if (alloc_index(out, PS_SHAPLEY_SHUBIK) < 0)
                goto nomem;
            put_index(out, PS_SHAPLEY_SHUBIK, v, b);
        }
    }
    out->indices = want;
    out->exact = false;
    out->samples = 0;
    out->confidence = 1.0;
    out->method = "dynamic programming in floating point";
    psi_free(v);
    psi_free(ex);
    return rc;
nomem:
    psi_free(v);
    psi_free(ex);
    return psi_enomem(err);
}
