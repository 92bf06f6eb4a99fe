/*
 * power_kernel.c - the inner loops of the dynamic programs over weights.
 *
 * These few loops take nearly all of the time of the exact Banzhaf and
 * Shapley-Shubik programs, and they are memory-bound. They are written with
 * vectors of four 64-bit words (GCC/Clang vector extensions, so no
 * intrinsics and no assembler) and compiled twice, for AVX2 and for the
 * baseline, the loader picking the right one (target_clones). Arithmetic is
 * modulo p, where p == 0 stands for 2^64 (the machine's wrapping addition)
 * and otherwise p < 2^62, so that the sum of two residues is below 2^63 and
 * compares correctly as a signed 64-bit number (AVX2 has no unsigned
 * 64-bit comparison).
 */
#include <string.h>

#include "power_modular.h"

typedef int64_t i64x4 __attribute__((vector_size(32)));
typedef uint64_t u64x4 __attribute__((vector_size(32)));

static inline uint64_t addm(uint64_t a, uint64_t b, uint64_t p)
{
    uint64_t s = a + b;
    return (p && s >= p) ? s - p : s;
}

/* d += s over len words, modulo p: one player added to one row (the last,
 * odd player of the Shapley-Shubik program). */
PSI_CLONES void psi_row_add(uint64_t *restrict d, const uint64_t *restrict s, size_t len,
                            uint64_t p)
{
    size_t j = 0;
    if (p == 0) {
        for (; j + 4 <= len; j += 4) {
            i64x4 a, b;
            memcpy(&a, d + j, sizeof a);
            memcpy(&b, s + j, sizeof b);
            a = (i64x4)((u64x4)a + (u64x4)b);
            memcpy(d + j, &a, sizeof a);
        }
        for (; j < len; j++)
            d[j] += s[j];
    } else {
        i64x4 pv = {(int64_t)p, (int64_t)p, (int64_t)p, (int64_t)p};
        for (; j + 4 <= len; j += 4) {
            i64x4 a, b;
            memcpy(&a, d + j, sizeof a);
            memcpy(&b, s + j, sizeof b);
            a += b;
            a -= pv & (a >= pv);
            memcpy(d + j, &a, sizeof a);
        }
        for (; j < len; j++) {
            uint64_t t = d[j] + s[j];
            d[j] = t >= p ? t - p : t;
        }
    }
}

/* c[x] += c[x - w] for x = len-1 down to w: adding one player of weight w
 * to a one-dimensional table in place. Going down, a block of four reads
 * words at least w >= 4 below itself, which this pass has not written yet. */
PSI_CLONES void psi_self_add(uint64_t *c, size_t len, size_t w, uint64_t p)
{
    size_t x = len;
    if (w >= 4) {
        if (p == 0) {
            while (x >= w + 4) {
                u64x4 a, b;
                memcpy(&a, c + x - 4, sizeof a);
                memcpy(&b, c + x - 4 - w, sizeof b);
                a += b;
                memcpy(c + x - 4, &a, sizeof a);
                x -= 4;
            }
        } else {
            i64x4 pv = {(int64_t)p, (int64_t)p, (int64_t)p, (int64_t)p};
            while (x >= w + 4) {
                i64x4 a, b;
                memcpy(&a, c + x - 4, sizeof a);
                memcpy(&b, c + x - 4 - w, sizeof b);
                a += b;
                a -= pv & (a >= pv);
                memcpy(c + x - 4, &a, sizeof a);
                x -= 4;
            }
        }
    }
    while (x > w) {
        x--;
        c[x] = addm(c[x], c[x - w], p);
    }
}

/* d[j] += src[0][j] + ... + src[ns-1][j]: several players in one pass. */
PSI_CLONES void psi_row_addn(uint64_t *restrict d, const uint64_t *const *src, size_t ns,
                             size_t len, uint64_t p)
{
    size_t j = 0;
    if (p == 0) {
        for (; j + 4 <= len; j += 4) {
            u64x4 x, y;
            memcpy(&x, d + j, sizeof x);
            for (size_t t = 0; t < ns; t++) {
                memcpy(&y, src[t] + j, sizeof y);
                x += y;
            }
            memcpy(d + j, &x, sizeof x);
        }
        for (; j < len; j++)
            for (size_t t = 0; t < ns; t++)
                d[j] += src[t][j];
    } else {
        i64x4 pv = {(int64_t)p, (int64_t)p, (int64_t)p, (int64_t)p};
        for (; j + 4 <= len; j += 4) {
            i64x4 x, y;
            memcpy(&x, d + j, sizeof x);
            for (size_t t = 0; t < ns; t++) {
                memcpy(&y, src[t] + j, sizeof y);
                x += y;
                x -= pv & (x >= pv);
            }
            memcpy(d + j, &x, sizeof x);
        }
        for (; j < len; j++)
            for (size_t t = 0; t < ns; t++)
                d[j] = addm(d[j], src[t][j], p);
    }
}
