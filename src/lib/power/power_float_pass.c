/*
 * power_float_pass.c - the passes over the floating-point Shapley-Shubik
 * table (power_float_ss.c): a[k][x] = c[k][x] / C(t, k), the chance that a
 * random k-subset of the t players added so far weighs x. Two players per
 * pass (weights w1 <= w2, in ascending order of weight):
 *   a[k][x] <- A a[k][x] + B (a[k-1][x-w1] + a[k-1][x-w2]) + C a[k-2][x-w1-w2]
 * with A = (t+2-k)(t+1-k), B = k(t+2-k), C = k(k-1), each over (t+2)(t+1)
 * (the ratios C(t, k-j) / C(t+2, k); they add up to 1, so every entry stays
 * a probability), and a last odd player alone:
 *   a[k][x] <- (t+1-k)/(t+1) a[k][x] + k/(t+1) a[k-1][x-w].
 * A pass writes row k from rows k, k-1 and k-2 as they were before it, so
 * rows go from the top down, and a band of rows given to a thread reads the
 * two rows below it from a copy (power_float_ss.c). Every cell of a row is
 * scaled by A, even where nothing is added; the rows' x ranges are those of
 * power_dp_ss.c (only up to the k heaviest players added so far).
 *
 * The inner loops are written with vectors of four doubles (GCC/Clang
 * vector extensions) and compiled for AVX2 and for the baseline, the loader
 * picking one (target_clones), as power_kernel.c does. Both clones and the
 * scalar tails do the same operations in the same order (ISO C mode: no
 * contraction into fused multiply-adds), and a row is cut into the same
 * segments whatever the threads, so the results are the same bytes.
 */
#include <stdbool.h>
#include <string.h>

#include "power_float.h"
#include "power_modular.h"


PSI_CLONES static void pass2(double *restrict d, const double *s1, const double *s2,
                               const double *s3, size_t len, double A, double B, double C)
{
    const psi_f64x4 a = {A, A, A, A}, b = {B, B, B, B}, c = {C, C, C, C};
    size_t j = 0;
    for (; j + 4 <= len; j += 4) {
        psi_f64x4 x, y1, y2, y3;
        memcpy(&x, d + j, sizeof x);
        memcpy(&y1, s1 + j, sizeof y1);
        memcpy(&y2, s2 + j, sizeof y2);
        memcpy(&y3, s3 + j, sizeof y3);
        x = a * x + b * (y1 + y2) + c * y3;
        memcpy(d + j, &x, sizeof x);
    }
    for (; j < len; j++)
        d[j] = A * d[j] + B * (s1[j] + s2[j]) + C * s3[j];
}

/* d = A d + B s over len cells (one player). */
PSI_CLONES static void pass1(double *restrict d, const double *s, size_t len, double A,
                               double B)
{
    const psi_f64x4 a = {A, A, A, A}, b = {B, B, B, B};
    size_t j = 0;
    for (; j + 4 <= len; j += 4) {
        psi_f64x4 x, y;
        memcpy(&x, d + j, sizeof x);
        memcpy(&y, s + j, sizeof y);
        x = a * x + b * y;
        memcpy(d + j, &x, sizeof x);
    }
    for (; j < len; j++)
        d[j] = A * d[j] + B * s[j];
}

/* One row of a pass (power_float.h). Cells are cut into segments where each
 * added term lies wholly inside its source row or is left out (read from
 * the zeros); the cut depends on the row only. */
void psi_ftable_pass_row(const psi_ftable *S, size_t k, size_t t, size_t B,
                         const double *const *src)
{
    const int64_t *w = S->v + t;
    double A, Bc, C;
    if (B == 2) {
        double den = (double)((t + 2) * (t + 1));
        int64_t tk = (int64_t)t - (int64_t)k;
        A = (double)((tk + 2) * (tk + 1)) / den;
        Bc = (double)((int64_t)k * (tk + 2)) / den;
        C = (double)(k * (k - 1)) / den;
    } else {
        A = (double)(t + 1 - k) / (double)(t + 1);
        Bc = (double)k / (double)(t + 1);
        C = 0.0;
    }
    int64_t lo = S->lo[k], top = S->top[k];
    int64_t xs = INT64_MAX, xe = INT64_MIN;
    if (k <= t) {
        xs = lo;
        xe = psi_ftable_hi(S, t, k);
    }
    /* terms: 0 = row k-1 + w1, 1 = row k-1 + w2, 2 = row k-2 + w1 + w2 */
    int64_t from[3], to[3], shift[3];
    size_t row[3];
    bool live[3] = {false, false, false};
    size_t nterm = B == 2 ? 3 : 1;
    for (size_t u = 0; u < nterm; u++) {
        size_t size = u == 2 ? 2 : 1;
        if (size > k || k - size > t)
            continue; /* no such row, or still empty */
        row[u] = k - size;
        shift[u] = u == 0 ? w[0] : u == 1 ? w[1] : w[0] + w[1];
        int64_t f = S->lo[row[u]] + shift[u], e = psi_ftable_hi(S, t, row[u]) + shift[u];
        from[u] = f > lo ? f : lo;
        to[u] = e < top ? e : top;
        if (from[u] > to[u])
            continue;
        live[u] = true;
        xs = from[u] < xs ? from[u] : xs;
        xe = to[u] > xe ? to[u] : xe;
    }
    if (xs > xe)
        return;
    int64_t cut[8];
    size_t nc = 0;
    cut[nc++] = xs;
    cut[nc++] = xe + 1;
    for (size_t u = 0; u < nterm; u++)
        if (live[u]) {
            cut[nc++] = from[u];
            cut[nc++] = to[u] + 1;
        }
    for (size_t a = 1; a < nc; a++) /* insertion sort of at most 8 */
        for (size_t b = a; b > 0 && cut[b - 1] > cut[b]; b--) {
            int64_t tmp = cut[b];
            cut[b] = cut[b - 1];
            cut[b - 1] = tmp;
        }
    double *d = S->c + S->off[k];
    for (size_t g = 0; g + 1 < nc; g++) {
        int64_t a = cut[g], b = cut[g + 1] - 1;
        if (a > b || a < xs || b > xe)
            continue;
        const double *s[3] = {S->zero, S->zero, S->zero};
        for (size_t u = 0; u < nterm; u++)
            if (live[u] && a >= from[u] && b <= to[u])
                s[u] = src[row[u] == k - 1 ? 0 : 1] + (a - shift[u] - S->lo[row[u]]);
        size_t len = (size_t)(b - a + 1);
        if (B == 2)
            pass2(d + (a - lo), s[0], s[1], s[2], len, A, Bc, C);
        else
            pass1(d + (a - lo), s[0], len, A, Bc);
    }
}

/* Bands of rows for a pass (power_float.h), cut by the cells each row will
 * hold after it. */
void psi_ftable_bands(const psi_ftable *S, size_t t, size_t B, size_t T, size_t *first)
{
    size_t kt = t + B < S->R ? t + B : S->R;
    double total = 0, acc = 0;
    for (size_t k = 1; k <= kt; k++)
        total += (double)(psi_ftable_hi(S, t + B, k) - S->lo[k] + 1);
    first[0] = 1;
    size_t b = 1;
    for (size_t k = 1; k <= kt; k++) {
        acc += (double)(psi_ftable_hi(S, t + B, k) - S->lo[k] + 1);
        while (b < T && acc * (double)T >= total * (double)b)
            first[b++] = k + 1;
    }
    while (b <= T)
        first[b++] = kt + 1;
}
