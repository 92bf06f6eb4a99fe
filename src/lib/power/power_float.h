/*
 * power_float.h - what the two files of the floating-point Shapley-Shubik
 * program share (power_float_ss.c: the layout, the values, the threads;
 * power_float_pass.c: the passes over the table). Not installed.
 */
#ifndef POWERSHARE_POWER_FLOAT_H
#define POWERSHARE_POWER_FLOAT_H

#include <stddef.h>
#include <stdint.h>

/* The table a[k][x] = P(a random k-subset of the players added weighs x). */
typedef struct psi_ftable {
    size_t m, R;      /* players of positive weight; the highest row */
    const int64_t *v; /* [m] their weights, ascending */
    int64_t *pre;     /* [m+1] prefix sums of v */
    int64_t *lo;      /* [R+1] row k over [lo[k], top[k]] */
    int64_t *top;
    int64_t *split;   /* [R+1] running sums: up from lo below split, down from top above */
    size_t *off;      /* [R+2] */
    size_t maxlen;
    double *c;
    double *zero;     /* [maxlen] zeros: a term that adds nothing to a segment */
} psi_ftable;

/* The heaviest row r can weigh after the t lightest players (r <= t). */
static inline int64_t psi_ftable_hi(const psi_ftable *S, size_t t, size_t r)
{
    int64_t h = S->pre[t] - S->pre[t - r];
    return h < S->top[r] ? h : S->top[r];
}

/* Adds players t .. t+B-1 (B = 1 or 2) to row k in one pass; src[0] and
 * src[1] hold rows k-1 and k-2 as they were before the pass, indexed by
 * x - lo (power_float_pass.c). */
void psi_ftable_pass_row(const psi_ftable *S, size_t k, size_t t, size_t B,
                         const double *const *src);
/* Cuts rows 1 .. min(t+B, R) into T bands of about equal cells for the pass
 * adding players t .. t+B-1: band b is rows first[b] .. first[b+1]-1. A
 * function of the pass alone, so every thread computes the same. */
void psi_ftable_bands(const psi_ftable *S, size_t t, size_t B, size_t T, size_t *first);

#endif
