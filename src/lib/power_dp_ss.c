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
 * Players of weight 0 are dummies: they get 0 and the others' values are
 * those of the game without them (the null-player property), so they are
 * left out of the table. The counts S_i[k] are below 2^(m-1) for m players
 * of positive weight; the table is computed once per modulus (power_modular.c)
 * and reused for every player, so memory is one table of 64-bit words
 * whatever the size of the counts.
 */
#include <stdlib.h>
#include <string.h>

#include "power_impl.h"

static inline uint64_t addm(uint64_t a, uint64_t b, uint64_t p)
{
    uint64_t s = a + b;
    return (p && s >= p) ? s - p : s;
}

static inline uint64_t subm(uint64_t a, uint64_t b, uint64_t p)
{
    uint64_t s = a - b;
    return (p && a < b) ? s + p : s;
}

typedef struct player {
    int64_t w;
    size_t i;
} player;

static int cmp_player(const void *a, const void *b)
{
    const player *x = a, *y = b;
    if (x->w != y->w)
        return (x->w > y->w) - (x->w < y->w);
    return (x->i > y->i) - (x->i < y->i);
}

typedef struct layout {
    size_t m;      /* players of positive weight */
    size_t K;      /* largest row */
    int64_t *lo;   /* [K+1] */
    int64_t *hi;   /* [K+1], already capped at q - 1 */
    size_t *off;   /* [K+2] */
    int64_t *pre;  /* [m+1] prefix sums of the weights in ascending order */
} layout;

/* d += s over len words, modulo p (0 standing for 2^64). This loop is
 * nearly all of the time, and it is memory-bound: it is written with
 * vectors of four words (GCC/Clang vector extensions) and cloned for AVX2,
 * which the loader picks when the processor has it. Residues modulo p are
 * below 2^62, so their sums compare correctly as signed 64-bit numbers. */
typedef int64_t i64x4 __attribute__((vector_size(32)));

__attribute__((target_clones("avx2", "default"))) static void
row_add(uint64_t *restrict d, const uint64_t *restrict s, size_t len, uint64_t p)
{
    size_t j = 0;
    if (p == 0) {
        for (; j + 4 <= len; j += 4) {
            i64x4 a, b;
            memcpy(&a, d + j, sizeof a);
            memcpy(&b, s + j, sizeof b);
            a = (i64x4)((uint64_t __attribute__((vector_size(32))))a +
                        (uint64_t __attribute__((vector_size(32))))b);
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

/* Prefix sum of row r up to weight x (inclusive). */
static inline uint64_t prefix(const uint64_t *c, const layout *L, size_t r, int64_t x)
{
    if (r > L->K || x < L->lo[r])
        return 0;
    if (x > L->hi[r])
        x = L->hi[r];
    return c[L->off[r] + (size_t)(x - L->lo[r])];
}

/* One residue plane: fills res[i * m + k] = S_i[k] mod p. */
static void plane(uint64_t *c, const layout *L, const int64_t *v, int64_t q, uint64_t p,
                  uint64_t *res)
{
    size_t m = L->m, K = L->K;
    memset(c, 0, L->off[K + 1] * sizeof *c);
    c[0] = 1; /* the empty coalition: row 0 is [0, 0] */
    for (size_t t = 0; t < m; t++) {
        int64_t w = v[t];
        size_t top = t + 1 < K ? t + 1 : K;
        for (size_t k = top; k >= 1; k--) {
            /* Players go in ascending order of weight, so the k-1 heaviest
             * of those already added weigh pre[t] - pre[t-k+1]: row k-1 is
             * still zero above that. */
            int64_t hik1 = L->pre[t] - L->pre[t - (k - 1)];
            if (hik1 > L->hi[k - 1])
                hik1 = L->hi[k - 1];
            int64_t xmin = L->lo[k] > L->lo[k - 1] + w ? L->lo[k] : L->lo[k - 1] + w;
            int64_t xmax = L->hi[k] < hik1 + w ? L->hi[k] : hik1 + w;
            if (xmin > xmax)
                continue;
            row_add(c + L->off[k] + (size_t)(xmin - L->lo[k]),
                    c + L->off[k - 1] + (size_t)(xmin - w - L->lo[k - 1]),
                    (size_t)(xmax - xmin + 1), p);
        }
    }
    for (size_t k = 0; k <= K; k++) {
        uint64_t *row = c + L->off[k];
        size_t len = L->off[k + 1] - L->off[k];
        for (size_t x = 1; x < len; x++)
            row[x] = addm(row[x], row[x - 1], p);
    }
    /* S_i[k] = sum_j (-1)^j T[k-j][j], T[r][j] = the window sum of row r
     * shifted down by j w_i; visiting row by row keeps the reads of one
     * row together (descending with stride w_i). */
    for (size_t i = 0; i < m; i++) {
        int64_t w = v[i];
        uint64_t *S = res + i * m;
        memset(S, 0, m * sizeof *S);
        size_t rows = K < m - 1 ? K : m - 1;
        for (size_t r = 0; r <= rows; r++) {
            int64_t hi = q - 1;
            for (size_t j = 0; r + j < m && hi >= L->lo[r]; j++, hi -= w) {
                uint64_t term = subm(prefix(c, L, r, hi), prefix(c, L, r, hi - w), p);
                S[r + j] = (j & 1) ? subm(S[r + j], term, p) : addm(S[r + j], term, p);
            }
        }
    }
}

int psi_dp_shapley(psi_counts *cnt, const int64_t *w, size_t n, int64_t q, size_t max_memory,
                   ps_error *err)
{
    int rc = PS_OK;
    layout L = {0, 0, NULL, NULL, NULL, NULL};
    psi_moduli mods = {0, NULL};
    int64_t *v = NULL;
    player *sorted = NULL;
    size_t *index = NULL;
    uint64_t *table = NULL, *res = NULL, *r = NULL;
    mpz_t *fact = NULL;
    size_t m = 0;

    v = psi_malloc_array(n, sizeof *v);
    sorted = psi_malloc_array(n, sizeof *sorted);
    index = psi_malloc_array(n, sizeof *index);
    if (!v || !sorted || !index)
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        if (w[i] > 0) {
            sorted[m].w = w[i];
            sorted[m++].i = i;
        }
    }
    qsort(sorted, m, sizeof *sorted, cmp_player);
    for (size_t t = 0; t < m; t++) {
        v[t] = sorted[t].w;
        index[t] = sorted[t].i;
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
    if (cells > max_memory / sizeof(uint64_t)) {
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                       "the exact Shapley-Shubik table for %zu players and quota %lld needs "
                       "%.1f MB, above the limit of %.1f MB; use the Monte Carlo approximation "
                       "(--approx)",
                       m, (long long)q, (double)cells * 8.0 / 1e6, (double)max_memory / 1e6);
        goto done;
    }
    if (psi_moduli_init(&mods, m) < 0)
        goto nomem;
    size_t P = mods.count;
    table = psi_malloc_array(cells, sizeof *table);
    res = psi_malloc_array(P * m * (m ? m : 1), sizeof *res);
    r = psi_malloc_array(P, sizeof *r);
    fact = psi_malloc_array(m + 1, sizeof *fact);
    if (!table || !res || !r || !fact)
        goto nomem;
    for (size_t j = 0; j < P; j++)
        plane(table, &L, v, q, mods.m[j], res + j * m * m);
    psi_free(table);
    table = NULL;

    for (size_t k = 0; k <= m; k++) {
        mpz_init(fact[k]);
        if (k == 0)
            mpz_set_ui(fact[k], 1);
        else
            mpz_mul_ui(fact[k], fact[k - 1], (unsigned long)k);
    }
    mpz_t s, term;
    mpz_init(s);
    mpz_init(term);
    for (size_t i = 0; i < n; i++)
        mpq_set_ui(cnt->ss[i], 0, 1);
    for (size_t i = 0; i < m; i++) {
        mpz_set_ui(s, 0);
        for (size_t k = 0; k < m; k++) {
            for (size_t j = 0; j < P; j++)
                r[j] = res[j * m * m + i * m + k];
            psi_crt(term, r, &mods);
            if (mpz_sgn(term) == 0)
                continue;
            mpz_mul(term, term, fact[k]);
            mpz_mul(term, term, fact[m - 1 - k]);
            mpz_add(s, s, term);
        }
        mpq_set_num(cnt->ss[index[i]], s);
        mpq_set_den(cnt->ss[index[i]], fact[m]);
        mpq_canonicalize(cnt->ss[index[i]]);
    }
    mpz_clear(s);
    mpz_clear(term);
    for (size_t k = 0; k <= m; k++)
        mpz_clear(fact[k]);
    cnt->have |= PSI_HAVE_SS;
    goto done;
nomem:
    rc = psi_enomem(err);
done:
    psi_free(fact);
    psi_free(r);
    psi_free(res);
    psi_free(table);
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
