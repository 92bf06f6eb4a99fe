/*
 * apportion_quota.c - largest-remainder (quota) methods.
 *
 * Each party gets floor(v / q) seats, and the seats left go to the largest
 * remainders (Hamilton 1792; Hare 1859; Droop 1881; Hagenbach-Bischoff 1888;
 * Balinski & Young, "Fair Representation", ch. 2). The quota is a ratio
 * qn / qd with the same denominator for every party, so floors and
 * remainders are exact integers of v * qd (at most 127 bits) and remainders
 * compare as plain integers.
 *
 * Two corners the textbook rule leaves open:
 *  - The floors can exceed S with the Imperiali quota V / (S + 2). Italian
 *    law (DPR 361/1957 art. 77, before 1993) took the excess back one seat
 *    each from the parties with the smallest remainders; so do we.
 *  - With the Droop quota and fewer votes than seats, more seats can remain
 *    than there are parties; the remainders are then used in rounds (every
 *    party one more seat per full round, the last round by remainder).
 */
#include <stdlib.h>

#include "apportion_impl.h"
#include "util.h"

typedef struct rem {
    uint64_t r;
    size_t i;
} rem;

static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static int by_remainder_desc(const void *a, const void *b)
{
    const rem *x = a, *y = b;
    if (x->r != y->r)
        return x->r < y->r ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Settles a tie at the cut between rank[cut - 1] and rank[cut] of a ranking
 * in which the first `cut` entries win. `gain` is +1 when winning adds a seat
 * (remainder seats) and -1 when losing takes one away (overshoot). */
static int settle_cut(uint64_t *seats, const rem *rank, size_t len, size_t cut, int gain,
                      int64_t total, psi_tie_ctx *tc, ps_error *err)
{
    if (cut == 0 || cut >= len || rank[cut - 1].r != rank[cut].r)
        return 0;
    uint64_t level = rank[cut].r;
    size_t lo = cut, hi = cut;
    while (lo > 0 && rank[lo - 1].r == level)
        lo--;
    while (hi < len && rank[hi].r == level)
        hi++;
    size_t nt = hi - lo;
    size_t *tied = psi_malloc_array(nt, sizeof *tied);
    if (!tied)
        return psi_enomem(err);
    for (size_t j = 0; j < nt; j++)
        tied[j] = rank[lo + j].i;
    qsort(tied, nt, sizeof *tied, by_size);
    /* The contested seats go to the "keepers": for remainder seats those who
     * win one, for overshoot those who are not cut back. */
    size_t provisional = cut - lo;
    size_t k = gain > 0 ? provisional : nt - provisional;
    int rc = psi_tie_decide(tc, tied, nt, k, total, "equal remainders", err);
    if (rc == 0) {
        /* Undo the provisional choice, then apply the decided one. */
        for (size_t j = lo; j < cut; j++) {
            if (gain > 0)
                seats[rank[j].i] -= 1;
            else
                seats[rank[j].i] += 1;
        }
        for (size_t j = 0; j < nt; j++) {
            int keeper = j < k;
            if (gain > 0 && keeper)
                seats[tied[j]] += 1;
            if (gain < 0 && !keeper)
                seats[tied[j]] -= 1;
        }
    }
    psi_free(tied);
    return rc;
}

int psi_apportion_quota(int64_t *seats, const uint64_t *votes, size_t n, int64_t total,
                        ps_method method, psi_tie_ctx *tc, ps_error *err)
{
    uint64_t s = (uint64_t)total, sum_v = 0;
    for (size_t i = 0; i < n; i++)
        sum_v += votes[i];
    /* Callers pass only parties with votes (apportion.c, simulate.c), so
     * this never fires; checked so that no path divides by zero. */
    if (n == 0 || sum_v == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "quota method: no party has votes");
    uint64_t qn = sum_v, qd;
    switch (method) {
    case PS_HARE:
        qd = s;
        break;
    case PS_DROOP:
        qn = sum_v / (s + 1) + 1;
        qd = 1;
        break;
    case PS_HAGENBACH_BISCHOFF:
        qd = s + 1;
        break;
    default: /* PS_IMPERIALI_QUOTA */
        qd = s + 2;
        break;
    }

    rem *rank = psi_malloc_array(n, sizeof *rank);
    uint64_t *fl = psi_malloc_array(n, sizeof *fl);
    if (!rank || !fl) {
        psi_free(rank);
        psi_free(fl);
        return psi_enomem(err);
    }
    /* Floors are at most S + 2 (Imperiali), so sums fit 64 bits. */
    uint64_t floors = 0;
    for (size_t i = 0; i < n; i++) {
        psi_u128 x = (psi_u128)votes[i] * qd;
        fl[i] = (uint64_t)(x / qn);
        rank[i].r = (uint64_t)(x % qn);
        rank[i].i = i;
        floors += fl[i];
    }

    int rc;
    if (floors <= s) {
        /* Remainder seats, in rounds if there are more than parties. */
        uint64_t left = s - floors;
        uint64_t rounds = left / n;
        size_t cut = (size_t)(left % n);
        qsort(rank, n, sizeof *rank, by_remainder_desc);
        for (size_t i = 0; i < n; i++)
            fl[i] += rounds;
        for (size_t j = 0; j < cut; j++)
            fl[rank[j].i] += 1;
        rc = settle_cut(fl, rank, n, cut, +1, total, tc, err);
    } else {
        /* Overshoot: cut back from the smallest remainders of the parties
         * that hold a seat. Only parties with floor >= 1 are ranked; with at
         * most 2 excess seats, a party ever losing two holds at least S + 1. */
        uint64_t excess = floors - s;
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (fl[i] > 0)
                rank[m++] = (rem){.r = rank[i].r, .i = i};
        }
        qsort(rank, m, sizeof *rank, by_remainder_desc);
        /* Reversed, the ranking puts the smallest remainders first. */
        for (size_t a = 0, b = m; a + 1 < b; a++, b--) {
            rem t = rank[a];
            rank[a] = rank[b - 1];
            rank[b - 1] = t;
        }
        /* m >= 1: floors > s >= 0, so some party holds a floor seat */
        uint64_t rounds = excess / m; /* NOLINT(clang-analyzer-core.DivideZero): m >= 1 */
        size_t cut = (size_t)(excess % m);
        for (size_t j = 0; j < m; j++)
            fl[rank[j].i] -= rounds;
        for (size_t j = 0; j < cut; j++)
            fl[rank[j].i] -= 1;
        rc = settle_cut(fl, rank, m, cut, -1, total, tc, err);
    }
    /* Every count is now at most S, so it fits int64_t. */
    for (size_t i = 0; i < n; i++)
        seats[i] = (int64_t)fl[i];
    psi_free(rank);
    psi_free(fl);
    return rc;
}
