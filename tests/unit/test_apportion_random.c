/*
 * test_apportion_random.c - the apportion stage against a naive reference:
 * the randomized test compares the fast engine with the sequential
 * procedure itself (one seat at a time, highest quotient first) using its
 * own 256-bit arithmetic; for huge houses, the defining min-max property
 * is checked instead. Every allocation failure is PS_ENOMEM and leaks
 * nothing.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "powershare/apportion.h"

#include "fixture.h"

#define MAXP 64
/* ---- a naive reference and the randomized cross-check ----------------------- */

/* 256-bit products in 32-bit limbs, independent of src/lib/wide.c. */
static void big_product(uint32_t r[8], const uint64_t *f, int n)
{
    memset(r, 0, 8 * sizeof r[0]);
    r[0] = 1;
    for (int k = 0; k < n; k++) {
        uint32_t out[8] = {0};
        uint32_t g[2] = {(uint32_t)f[k], (uint32_t)(f[k] >> 32)};
        for (int j = 0; j < 2; j++) {
            uint64_t carry = 0;
            for (int i = 0; i + j < 8; i++) {
                uint64_t t = (uint64_t)r[i] * g[j] + out[i + j] + carry;
                out[i + j] = (uint32_t)t;
                carry = t >> 32;
            }
        }
        memcpy(r, out, sizeof out);
    }
}

/* The quotient v/d(s) as nums/dens (squared for Huntington-Hill). */
typedef struct ref_q {
    uint64_t num[2], den[2];
    int nn, nd, inf;
    uint64_t v;
} ref_q;

static ref_q ref_quot(ps_method m, ps_ratio f, uint64_t v, uint64_t s)
{
    ref_q q = {.num = {v, 1}, .den = {1, 1}, .nn = 2, .nd = 2, .v = v};
    switch (m) {
    case PS_DHONDT: q.den[0] = s + 1; break;
    case PS_SAINTE_LAGUE: q.den[0] = 2 * s + 1; break;
    case PS_MODIFIED_SAINTE_LAGUE:
        if (s == 0)
            q.num[1] = (uint64_t)f.den, q.den[0] = (uint64_t)f.num;
        else
            q.den[0] = 2 * s + 1;
        break;
    case PS_IMPERIALI: q.den[0] = s + 2; break;
    case PS_DANISH: q.den[0] = 3 * s + 1; break;
    case PS_HUNTINGTON_HILL: q.num[1] = v, q.den[0] = s, q.den[1] = s + 1; break;
    case PS_ADAMS: q.den[0] = s; break;
    default: q.num[1] = 2 * s + 1, q.den[0] = 2 * s, q.den[1] = s + 1; break;
    }
    q.inf = q.den[0] == 0;
    return q;
}

static int ref_cmp(const ref_q *a, const ref_q *b)
{
    if (a->inf || b->inf)
        return a->inf != b->inf ? (a->inf ? 1 : -1) : (a->v > b->v) - (a->v < b->v);
    uint64_t l[4] = {a->num[0], a->num[1], b->den[0], b->den[1]};
    uint64_t r[4] = {b->num[0], b->num[1], a->den[0], a->den[1]};
    uint32_t x[8], y[8];
    big_product(x, l, 4);
    big_product(y, r, 4);
    for (int i = 7; i >= 0; i--)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* Seat by seat, highest quotient first, the earlier party on equal ones.
 * Returns 1 if the last seat was decided by a tie. */
static int naive(int64_t *seats, const int64_t *v, size_t n, ps_method m, ps_ratio f, int64_t total)
{
    ref_q last = {0};
    memset(seats, 0, n * sizeof *seats);
    for (int64_t k = 0; k < total; k++) {
        size_t best = SIZE_MAX;
        ref_q bq = {0};
        for (size_t i = 0; i < n; i++) {
            if (v[i] == 0)
                continue;
            ref_q q = ref_quot(m, f, (uint64_t)v[i], (uint64_t)seats[i]);
            if (best == SIZE_MAX || ref_cmp(&q, &bq) > 0)
                best = i, bq = q;
        }
        if (best == SIZE_MAX)
            return 0; /* no votes at all: ps_apportion must refuse */
        seats[best]++;
        last = bq;
    }
    for (size_t i = 0; total > 0 && i < n; i++) {
        ref_q q = ref_quot(m, f, (uint64_t)v[i], (uint64_t)seats[i]);
        if (v[i] > 0 && ref_cmp(&q, &last) == 0)
            return 1;
    }
    return 0;
}

static int seen_ties, seen_plain; /* so the test proves it covered both */

static void cross_check(uint64_t seed, size_t n, int64_t seats, uint64_t scale)
{
    static const ps_ratio firsts[] = {{7, 5}, {6, 5}, {1, 2}, {29, 10}, {1, 1}};
    uint64_t st = seed;
    int64_t v[MAXP], want[MAXP];
    /* "Huge" votes sit just below 2^62 / n, so the total still fits. */
    uint64_t cap = ((uint64_t)1 << 62) / n;
    for (size_t i = 0; i < n; i++) {
        uint64_t r = rnd(&st);
        if (rnd(&st) % 8 == 0)
            v[i] = 0;
        else if (scale > cap)
            v[i] = (int64_t)(cap - r % (cap / 4 + 1));
        else
            v[i] = (int64_t)(1 + r % scale);
    }
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.method = (ps_method)(rnd(&st) % (PS_DEAN + 1));
    opt.first_divisor = firsts[rnd(&st) % 5];
    opt.seats = seats;
    opt.ties = (rnd(&st) % 2) ? PS_TIES_FIRST : PS_TIES_ERROR;
    int tie = naive(want, v, n, opt.method, opt.first_divisor, seats);
    int any = 0;
    for (size_t i = 0; i < n; i++)
        any |= v[i] > 0;
    ps_apportionment *a = NULL;
    ps_error err;
    int rc = ps_apportion(&a, v, n, &opt, &err);
    if (!any && seats > 0) {
        cr_expect_eq(rc, PS_EDATA);
        return;
    }
    seen_ties += tie;
    seen_plain += !tie;
    if (tie && opt.ties == PS_TIES_ERROR) {
        cr_expect_eq(rc, PS_ETIE, "seed %llu: tie not reported", (unsigned long long)seed);
        return;
    }
    cr_assert_eq(rc, 0, "seed %llu: %s", (unsigned long long)seed, err.message);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(a->seats[i], want[i], "seed %llu %s n=%zu S=%lld: party %zu got %lld, want %lld",
                     (unsigned long long)seed, ps_method_name(opt.method), n, (long long)seats, i,
                     (long long)a->seats[i], (long long)want[i]);
    cr_expect_eq(a->tie != NULL, tie && opt.ties == PS_TIES_FIRST, "seed %llu",
                 (unsigned long long)seed);
    ps_apportionment_free(a);
}

Test(random, fast_engine_equals_sequential, .timeout = 300)
{
    uint64_t st = 12345;
    for (uint64_t seed = 1; seed <= 2500; seed++) {
        size_t n = 1 + rnd(&st) % 30;
        int64_t seats = (int64_t)(rnd(&st) % 300);
        static const uint64_t scales[] = {5, 30, 1000, 1000000, (uint64_t)1 << 62};
        cross_check(seed, n, seats, scales[rnd(&st) % 5]);
    }
    /* 100,000 seats, large and huge votes */
    for (uint64_t seed = 5001; seed <= 5012; seed++)
        cross_check(seed, 2 + seed % 11, 100000, seed % 2 ? (uint64_t)1 << 62 : 1000000000);
    cr_expect(seen_ties > 100 && seen_plain > 1000, "ties %d, plain %d", seen_ties, seen_plain);
}

/* For huge seat counts no sequential run is possible; check the defining
 * property instead: every awarded quotient >= every unawarded one. */
Test(random, huge_house_min_max_property)
{
    uint64_t st = 99;
    for (int t = 0; t < 200; t++) {
        size_t n = 1 + rnd(&st) % 30;
        int64_t v[MAXP];
        for (size_t i = 0; i < n; i++)
            v[i] = (int64_t)(1 + rnd(&st) % ((uint64_t)1 << 57));
        ps_apportion_options opt;
        ps_apportion_options_init(&opt);
        opt.method = (ps_method)(t % (PS_DEAN + 1));
        opt.seats = (int64_t)(rnd(&st) % ((uint64_t)1 << 62));
        opt.ties = PS_TIES_FIRST;
        opt.first_divisor = (ps_ratio){7, 5};
        ps_apportionment *a = NULL;
        cr_assert_eq(ps_apportion(&a, v, n, &opt, NULL), 0);
        int64_t sum = 0;
        ref_q lo = {0}, hi = {0};
        int have = 0;
        for (size_t i = 0; i < n; i++) {
            sum += a->seats[i];
            ref_q next = ref_quot(opt.method, opt.first_divisor, (uint64_t)v[i], (uint64_t)a->seats[i]);
            if (!have || ref_cmp(&next, &hi) > 0)
                hi = next;
            if (a->seats[i] > 0) {
                ref_q got = ref_quot(opt.method, opt.first_divisor, (uint64_t)v[i],
                                     (uint64_t)a->seats[i] - 1);
                if (!have || ref_cmp(&got, &lo) < 0)
                    lo = got;
            }
            have = 1;
        }
        cr_expect_eq(sum, opt.seats);
        cr_expect(ref_cmp(&lo, &hi) >= 0, "%s: awarded quotient below an unawarded one",
                  ps_method_name(opt.method));
        ps_apportionment_free(a);
    }
}

/* ---- allocation failures ------------------------------------------------------ */

Test(alloc, every_failure_is_enomem_without_leaks)
{
    int64_t v[] = {30, 10, 10, 10, 7};
    for (int m = 0; m < PS_METHOD_COUNT; m++) {
        ps_apportion_options opt;
        ps_apportion_options_init(&opt);
        opt.method = (ps_method)m;
        opt.seats = 4;
        opt.ties = PS_TIES_FIRST;
        long base = psi_alloc_live();
        for (long k = 0;; k++) {
            ps_apportionment *a = NULL;
            psi_alloc_fail_after(k);
            int rc = ps_apportion(&a, v, 5, &opt, NULL);
            psi_alloc_fail_after(-1);
            if (rc == 0) {
                ps_apportionment_free(a);
                break;
            }
            cr_assert_eq(rc, PS_ENOMEM, "%s, failure %ld: rc %d", ps_method_name((ps_method)m), k, rc);
            cr_assert_eq(psi_alloc_live(), base, "leak after failure %ld", k);
        }
        cr_expect_eq(psi_alloc_live(), base);
    }
}
