/*
 * apportion_divisor.c - one exact engine for every divisor method.
 *
 * A divisor method gives each seat in turn to the party with the highest
 * quotient v / d(s) (Balinski & Young, "Fair Representation", 2nd ed. 2001,
 * ch. 4 and appendix A; Pukelsheim, "Proportional Representation", 2nd ed.
 * 2017, ch. 3). A method is nothing but its divisor sequence d(s), held as
 * exact integer factors, so every comparison is an integer cross-product of
 * at most four 64-bit factors (psi_cmp_products). Huntington-Hill's
 * d(s) = sqrt(s(s+1)) is compared squared: v^2 / (s(s+1)).
 *
 * Speed without a quotient table: let n parties share V votes and S seats.
 * Every method here has d(s) >= k s (k = 1, 2 or 3 by method), so the seats
 * whose quotient is strictly above L = V / (k (S - n)) number at most
 * sum (v_i (S - n) / V + 1) = S. Seats above such an L are in every result
 * of the sequential procedure (if L is below the last awarded quotient the
 * two sets are equal, otherwise all of them beat it), so each party starts at
 * its exact count above L: a floating-point guess, corrected by a galloping
 * search of exact comparisons. The at most ~3n seats left are given from a
 * binary heap. O(n log n) whatever S is, and exact for any 63-bit input.
 *
 * A zero divisor (Adams, Dean, Huntington-Hill at s = 0) is an infinite
 * quotient: every party gets a first seat before any gets a second, and
 * among infinite quotients the larger vote wins (ties if equal).
 */
#include <string.h>

#include "apportion_impl.h"
#include "util.h"

/* A quotient as factor lists: its value (its square for Huntington-Hill) is
 * prod(top) / prod(bot); `inf` marks a zero divisor. */
typedef struct quot {
    uint64_t top[2];
    uint64_t bot[2];
    int nt, nb;
    int inf;
    uint64_t votes; /* orders infinite quotients */
} quot;

typedef struct engine {
    ps_method method;
    uint64_t f_num, f_den; /* modified Sainte-Lague's first divisor */
    const uint64_t *votes;
    int64_t *seats;
    quot *key;             /* each party's next quotient */
    size_t *heap;
    size_t n;
} engine;

static void quotient(const engine *e, uint64_t v, uint64_t s, quot *q)
{
    q->top[0] = v;
    q->nt = 1;
    q->nb = 1;
    q->inf = 0;
    q->votes = v;
    switch (e->method) {
    case PS_DHONDT:
        q->bot[0] = s + 1;
        break;
    case PS_SAINTE_LAGUE:
        q->bot[0] = 2 * s + 1;
        break;
    case PS_MODIFIED_SAINTE_LAGUE:
        if (s == 0) {
            q->top[1] = e->f_den;
            q->nt = 2;
            q->bot[0] = e->f_num;
        } else {
            q->bot[0] = 2 * s + 1;
        }
        break;
    case PS_IMPERIALI:
        q->bot[0] = s + 2;
        break;
    case PS_DANISH:
        q->bot[0] = 3 * s + 1;
        break;
    case PS_HUNTINGTON_HILL:
        q->top[1] = v;
        q->nt = 2;
        q->bot[0] = s;
        q->bot[1] = s + 1;
        q->nb = 2;
        q->inf = s == 0;
        break;
    case PS_ADAMS:
        q->bot[0] = s;
        q->inf = s == 0;
        break;
    default: /* PS_DEAN: 2s(s+1) / (2s+1) */
        q->top[1] = 2 * s + 1;
        q->nt = 2;
        q->bot[0] = 2 * s;
        q->bot[1] = s + 1;
        q->nb = 2;
        q->inf = s == 0;
        break;
    }
}

static int cmp_quot(const quot *a, const quot *b)
{
    if (a->inf || b->inf) {
        if (a->inf != b->inf)
            return a->inf ? 1 : -1;
        return (a->votes > b->votes) - (a->votes < b->votes);
    }
    uint64_t l[4], r[4];
    int nl = 0, nr = 0;
    for (int i = 0; i < a->nt; i++)
        l[nl++] = a->top[i];
    for (int i = 0; i < b->nb; i++)
        l[nl++] = b->bot[i];
    for (int i = 0; i < b->nt; i++)
        r[nr++] = b->top[i];
    for (int i = 0; i < a->nb; i++)
        r[nr++] = a->bot[i];
    return psi_cmp_products(l, nl, r, nr);
}

/* k such that d(s) >= k s for every s, the slope of the divisor sequence. */
static uint64_t slope(ps_method method)
{
    switch (method) {
    case PS_SAINTE_LAGUE:
    case PS_MODIFIED_SAINTE_LAGUE:
        return 2;
    case PS_DANISH:
        return 3;
    default:
        return 1;
    }
}

/* True when party i's quotient at s seats is strictly above L. */
static int above(const engine *e, uint64_t v, uint64_t s, const quot *lim)
{
    quot q;
    quotient(e, v, s, &q);
    return cmp_quot(&q, lim) > 0;
}

/* The number of seats of a party with v votes whose quotients are above L:
 * the least s with quotient(s) <= L, searched from a guess by galloping
 * then bisecting. Returns cap + 1 if even quotient(cap) is above L. */
static uint64_t count_above(const engine *e, uint64_t v, const quot *lim, uint64_t guess,
                            uint64_t cap)
{
    uint64_t lo, hi; /* answer in [lo, hi]; hi == cap + 1 stands for "beyond" */
    if (guess > cap)
        guess = cap;
    if (above(e, v, guess, lim)) {
        lo = guess + 1;
        hi = cap + 1;
        for (uint64_t step = 1; step <= cap - guess; step *= 2) {
            if (!above(e, v, guess + step, lim)) {
                hi = guess + step;
                break;
            }
            lo = guess + step + 1;
        }
    } else {
        lo = 0;
        hi = guess;
        for (uint64_t step = 1; step <= guess; step *= 2) {
            if (above(e, v, guess - step, lim)) {
                lo = guess - step + 1;
                break;
            }
            hi = guess - step;
        }
    }
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (above(e, v, mid, lim))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Starts every party at its count above L; returns the seats so placed, or
 * 0 with all counts at zero if S <= n leaves no safe L. */
static uint64_t start(engine *e, uint64_t total)
{
    uint64_t sum_v = 0, given = 0;
    for (size_t i = 0; i < e->n; i++)
        sum_v += e->votes[i];
    if (total <= e->n)
        return 0;
    uint64_t sd = total - e->n;
    quot lim = {.top = {sum_v, sum_v}, .bot = {slope(e->method), sd}, .nt = 1, .nb = 2};
    if (e->method == PS_HUNTINGTON_HILL) {
        /* compared squared, like the quotients: L^2 = V^2 / (S - n)^2 */
        lim.nt = 2;
        lim.bot[0] = sd;
    }
    for (size_t i = 0; i < e->n; i++) {
        double x = (double)e->votes[i] * ((double)sd / (double)sum_v);
        uint64_t guess = x >= (double)total ? total : (uint64_t)x;
        uint64_t a = count_above(e, e->votes[i], &lim, guess, total);
        e->seats[i] = (int64_t)a;
        if (a > total - given) {
            /* Cannot happen (the sum is bounded by S); stay correct anyway. */
            memset(e->seats, 0, e->n * sizeof *e->seats);
            return 0;
        }
        given += a;
    }
    return given;
}

static int heap_less(const engine *e, size_t a, size_t b)
{
    return cmp_quot(&e->key[e->heap[a]], &e->key[e->heap[b]]) < 0;
}

static void sift_down(engine *e, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, big = i;
        if (l < e->n && heap_less(e, big, l))
            big = l;
        if (r < e->n && heap_less(e, big, r))
            big = r;
        if (big == i)
            return;
        size_t t = e->heap[i];
        e->heap[i] = e->heap[big];
        e->heap[big] = t;
        i = big;
    }
}

/* The tie, if any: the lowest awarded quotient `low` equals the highest
 * unawarded one. Each party has at most one quotient equal to `low` (its
 * quotients fall strictly), either just awarded or next in line. */
static int settle_tie(engine *e, const quot *low, int64_t total, psi_tie_ctx *tc, ps_error *err)
{
    if (cmp_quot(&e->key[e->heap[0]], low) != 0)
        return 0;
    size_t *tied = psi_malloc_array(e->n, sizeof *tied);
    unsigned char *had = psi_calloc(e->n, 1);
    if (!tied || !had) {
        psi_free(tied);
        psi_free(had);
        return psi_enomem(err);
    }
    size_t nt = 0, k = 0;
    for (size_t i = 0; i < e->n; i++) {
        quot q;
        int got = 0;
        if (e->seats[i] > 0) {
            quotient(e, e->votes[i], (uint64_t)e->seats[i] - 1, &q);
            got = cmp_quot(&q, low) == 0;
        }
        if (got || cmp_quot(&e->key[i], low) == 0) {
            had[i] = (unsigned char)got;
            k += (size_t)got;
            tied[nt++] = i;
        }
    }
    int rc = psi_tie_decide(tc, tied, nt, k, total, low->inf ? "equal votes" : "equal quotients",
                            err);
    if (rc == 0) {
        for (size_t j = 0; j < nt; j++)
            e->seats[tied[j]] -= had[tied[j]];
        for (size_t j = 0; j < k; j++)
            e->seats[tied[j]] += 1;
    }
    psi_free(tied);
    psi_free(had);
    return rc;
}

int psi_apportion_divisor(int64_t *seats, const uint64_t *votes, size_t n, int64_t total,
                          ps_method method, ps_ratio first_divisor, psi_tie_ctx *tc,
                          ps_error *err)
{
    uint64_t s_total = (uint64_t)total;
    if (method == PS_DANISH && s_total > (UINT64_MAX - 1) / 3)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "too many seats for exact Danish divisors (3s + 1 must fit 64 bits)");
    engine e = {.method = method,
                .f_num = (uint64_t)first_divisor.num,
                .f_den = (uint64_t)first_divisor.den,
                .votes = votes,
                .seats = seats,
                .n = n};
    e.key = psi_malloc_array(n, sizeof *e.key);
    e.heap = psi_malloc_array(n, sizeof *e.heap);
    if (!e.key || !e.heap) {
        psi_free(e.key);
        psi_free(e.heap);
        return psi_enomem(err);
    }
    uint64_t given = start(&e, s_total);
    for (size_t i = 0; i < n; i++) {
        quotient(&e, votes[i], (uint64_t)seats[i], &e.key[i]);
        e.heap[i] = i;
    }
    for (size_t i = n / 2; i-- > 0;)
        sift_down(&e, i);

    int rc = 0;
    if (given < s_total) {
        size_t last = 0;
        for (; given < s_total; given++) {
            last = e.heap[0];
            seats[last]++;
            quotient(&e, votes[last], (uint64_t)seats[last], &e.key[last]);
            sift_down(&e, 0);
        }
        /* Seats placed by start() are all strictly above every next
         * quotient, so only a heap-given seat can be level with one. */
        quot low;
        quotient(&e, votes[last], (uint64_t)seats[last] - 1, &low);
        rc = settle_tie(&e, &low, total, tc, err);
    }
    psi_free(e.key);
    psi_free(e.heap);
    return rc;
}
