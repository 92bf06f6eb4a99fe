/*
 * test_power_mwc.c - the dynamic program for Deegan-Packel, Holler and
 * Johnston in one weighted layer (src/lib/power_dp_mwc.c): published and
 * hand-checked values, the enumerator (power_enum.c) on thousands of random
 * small games, counts beyond 64 bits against closed forms and against the
 * grouped enumerator, the work and memory limits, and allocation failures.
 */
#include <criterion/criterion.h>
#include <gmp.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "power/power_programs.h"
#include "powershare/game.h"
#include "powershare/power.h"
#include "torture.h"

#define BOTH (PSI_HAVE_MWC | PSI_HAVE_JOHNSTON)

static ps_power_options defaults(void)
{
    ps_power_options opt;
    ps_power_options_init(&opt);
    return opt;
}

/* Runs psi_dp_mwc into *c (initialised here); asserts success. */
static void run_dp(psi_counts *c, const int64_t *w, size_t n, int64_t q, unsigned want)
{
    ps_power_options opt = defaults();
    ps_error err;
    cr_assert_eq(psi_counts_init(c, n), PS_OK);
    int rc = psi_dp_mwc(c, w, n, q, want, &opt, &err);
    cr_assert_eq(rc, PS_OK, "psi_dp_mwc: %s", err.message);
    cr_assert_eq(c->have & BOTH, want, "have bits %u for want %u", c->have, want);
}

static void expect_q(const mpq_t got, const char *want, const char *what, size_t i)
{
    mpq_t w;
    mpq_init(w);
    cr_assert_eq(mpq_set_str(w, want, 10), 0);
    mpq_canonicalize(w);
    char *g = mpq_get_str(NULL, 10, got);
    cr_expect(mpq_equal(got, w), "%s of player %zu: got %s, want %s", what, i + 1, g, want);
    void (*freefunc)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefunc);
    freefunc(g, strlen(g) + 1);
    mpq_clear(w);
}

/* Holler and normalised Johnston, as power.c forms them. */
static void normalise(mpq_t *holler, mpq_t *john, const psi_counts *c)
{
    mpz_t tot;
    mpq_t sum;
    mpz_init(tot);
    mpq_init(sum);
    for (size_t i = 0; i < c->n; i++) {
        mpz_add(tot, tot, c->mwc[i]);
        mpq_add(sum, sum, c->johnston[i]);
    }
    for (size_t i = 0; i < c->n; i++) {
        mpq_set_num(holler[i], c->mwc[i]);
        mpq_set_den(holler[i], tot);
        mpq_canonicalize(holler[i]);
        mpq_div(john[i], c->johnston[i], sum);
    }
    mpz_clear(tot);
    mpq_clear(sum);
}

/* ---- published and hand-checked values -------------------------------- */

Test(power_mwc, eec_council_1958)
{
    /* [12; 4,4,4,2,2,1]. MWCs: {4,4,4} and the three {4,4,2,2}: each of the
     * five non-dummies is in three (Holler 1/5 each), Deegan-Packel
     * (1/4)(1/3 + 2/4) = 5/24 for a big member and (1/4)(3/4) = 3/16 for a
     * small one (as in test_power.c). Johnston by hand (and confirmed by an
     * independent Python script with fractions.Fraction over all 64
     * coalitions): {4,4,4} plus any of {1}, {2}, {2,1} (six coalitions,
     * excess at most 3) has exactly the three 4s critical, 1/3 each; two
     * 4s with both 2s, with or without the 1 (six coalitions, excess 0 or
     * 1), have all four critical, 1/4 each; nothing else has a critical
     * member. A 4 scores 6/3 + 4/4 = 3, a 2 scores 6/4 = 3/2, the 1 none:
     * shares 1/4, 1/4, 1/4, 1/8, 1/8, 0. */
    int64_t w[] = {4, 4, 4, 2, 2, 1};
    psi_counts c;
    run_dp(&c, w, 6, 12, BOTH);
    const char *dp[] = {"5/24", "5/24", "5/24", "3/16", "3/16", "0"};
    const char *mwc[] = {"3", "3", "3", "3", "3", "0"};
    const char *hol[] = {"1/5", "1/5", "1/5", "1/5", "1/5", "0"};
    const char *jraw[] = {"3", "3", "3", "3/2", "3/2", "0"};
    const char *jn[] = {"1/4", "1/4", "1/4", "1/8", "1/8", "0"};
    mpq_t h[6], j[6], m;
    mpq_init(m);
    for (size_t i = 0; i < 6; i++) {
        mpq_init(h[i]);
        mpq_init(j[i]);
    }
    normalise(h, j, &c);
    for (size_t i = 0; i < 6; i++) {
        expect_q(c.dp[i], dp[i], "deegan_packel", i);
        mpq_set_z(m, c.mwc[i]);
        expect_q(m, mwc[i], "mwc", i);
        expect_q(h[i], hol[i], "holler", i);
        expect_q(c.johnston[i], jraw[i], "raw johnston", i);
        expect_q(j[i], jn[i], "johnston", i);
        mpq_clear(h[i]);
        mpq_clear(j[i]);
    }
    mpq_clear(m);
    psi_counts_clear(&c);
}

Test(power_mwc, nassau_county_1958)
{
    /* [16; 9,9,7,3,1,1] is "two of the three largest" (Banzhaf 1965): the
     * MWCs are the three pairs, each of size 2, Johnston's swings are those
     * pairs (two critical) and the three pairs with any of the small ones.
     * Deegan-Packel (1/3)(2 * 1/2) = 1/3; raw Johnston 2 * 8 * 1/2 = 8. */
    int64_t w[] = {9, 9, 7, 3, 1, 1};
    psi_counts c;
    run_dp(&c, w, 6, 16, BOTH);
    const char *dp[] = {"1/3", "1/3", "1/3", "0", "0", "0"};
    const char *jr[] = {"8", "8", "8", "0", "0", "0"};
    for (size_t i = 0; i < 6; i++) {
        expect_q(c.dp[i], dp[i], "deegan_packel", i);
        expect_q(c.johnston[i], jr[i], "raw johnston", i);
        cr_expect_eq(mpz_get_ui(c.mwc[i]), i < 3 ? 2u : 0u);
    }
    psi_counts_clear(&c);
}

/* ---- against the enumerator -------------------------------------------- */

static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state += 0x9e3779b97f4a7c15ULL; /* splitmix64 */
    uint64_t z = rng_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* The dynamic program's counts equal the enumerator's, exactly. */
static void compare(const int64_t *w, size_t n, int64_t q, unsigned want, const char *tag)
{
    ps_game *g = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_weights(&g, w, n, q, &err), PS_OK, "%s", err.message);
    psi_counts e, d;
    cr_assert_eq(psi_counts_init(&e, n), PS_OK);
    cr_assert_eq(psi_enumerate(&e, g, BOTH, &err), PS_OK, "%s", err.message);
    run_dp(&d, w, n, q, want);
    char desc[512];
    int len = snprintf(desc, sizeof desc, "%s q=%lld w=", tag, (long long)q);
    for (size_t i = 0; i < n && len > 0 && (size_t)len < sizeof desc - 24; i++)
        len += snprintf(desc + len, sizeof desc - (size_t)len, "%lld,", (long long)w[i]);
    for (size_t i = 0; i < n; i++) {
        if (want & PSI_HAVE_MWC) {
            cr_assert(mpz_cmp(d.mwc[i], e.mwc[i]) == 0, "mwc of %zu: %s", i + 1, desc);
            cr_assert(mpq_equal(d.dp[i], e.dp[i]), "dp of %zu: %s", i + 1, desc);
        }
        if (want & PSI_HAVE_JOHNSTON)
            cr_assert(mpq_equal(d.johnston[i], e.johnston[i]), "johnston of %zu: %s", i + 1,
                      desc);
    }
    psi_counts_clear(&e);
    psi_counts_clear(&d);
    ps_game_free(g);
}

Test(power_mwc, random_games_against_enumeration)
{
    int64_t w[14];
    size_t games = 0;
    for (uint64_t seed = 1; seed <= 3000; seed++) {
        rng_state = seed;
        size_t n = 1 + (size_t)(rnd() % 14);
        int64_t total = 0;
        int style = (int)(rnd() % 4);
        for (size_t i = 0; i < n; i++) {
            switch (style) {
            case 0: /* small weights: many ties */
                w[i] = (int64_t)(rnd() % 5);
                break;
            case 1: /* wide weights */
                w[i] = (int64_t)(rnd() % 1000);
                break;
            case 2: /* a few classes, zeros likely */
                w[i] = (int64_t)((rnd() % 3) * (1 + rnd() % 7));
                break;
            default: /* one heavy player among light ones */
                w[i] = i == 0 ? (int64_t)(10 + rnd() % 40) : (int64_t)(1 + rnd() % 6);
            }
            total += w[i];
        }
        if (total == 0) {
            w[0] = 1;
            total = 1;
        }
        int64_t q = 1 + (int64_t)(rnd() % (uint64_t)total);
        unsigned want = seed % 5 == 0 ? PSI_HAVE_MWC : seed % 5 == 1 ? PSI_HAVE_JOHNSTON : BOTH;
        char tag[32];
        snprintf(tag, sizeof tag, "seed %llu", (unsigned long long)seed);
        compare(w, n, q, want, tag);
        games++;
    }
    cr_expect_eq(games, 3000u);
}

Test(power_mwc, edge_quotas_against_enumeration)
{
    /* quota 1 (every non-empty coalition of positive weight wins), quota =
     * total (only the grand coalition), a player alone above the quota */
    int64_t a[] = {3, 0, 2, 2, 1, 0, 5};
    for (int64_t q = 1; q <= 13; q++)
        compare(a, 7, q, BOTH, "edge");
    int64_t b[] = {0, 0, 7};
    compare(b, 3, 7, BOTH, "one real player");
    int64_t c1[] = {1};
    compare(c1, 1, 1, BOTH, "one player");
}

/* ---- beyond 64 bits ----------------------------------------------------- */

Test(power_mwc, equal_weights_closed_form)
{
    /* 80 players of weight 3, quota 120: the MWCs are exactly the
     * coalitions of s = 40 players (C(80, 40) ~ 1.1e23 of them), each player
     * in C(79, 39) ~ 5.4e22 > 2^64; Deegan-Packel C(79,39) / (40 C(80,40))
     * = 1/80. A coalition of r >= 40 wins with excess 3r - 120, and its
     * members are critical iff 3 > 3r - 120, i.e. only when r = 40: raw
     * Johnston C(79, 39) / 40. Quota 119 gives the same game. */
    int64_t w[80];
    for (size_t i = 0; i < 80; i++)
        w[i] = 3;
    mpz_t b;
    mpq_t want;
    mpz_init(b);
    mpq_init(want);
    mpz_bin_uiui(b, 79, 39);
    cr_assert(mpz_sizeinbase(b, 2) > 64);
    int64_t quotas[] = {120, 119, 118};
    for (size_t k = 0; k < 3; k++) {
        psi_counts c;
        run_dp(&c, w, 80, quotas[k], BOTH);
        mpq_set_num(want, b);
        mpz_set_ui(mpq_denref(want), 40);
        mpq_canonicalize(want);
        for (size_t i = 0; i < 80; i++) {
            cr_expect(mpz_cmp(c.mwc[i], b) == 0, "mwc of %zu", i + 1);
            cr_expect(mpq_cmp_ui(c.dp[i], 1, 80) == 0, "dp of %zu", i + 1);
            cr_expect(mpq_equal(c.johnston[i], want), "johnston of %zu", i + 1);
        }
        psi_counts_clear(&c);
    }
    mpz_clear(b);
    mpq_clear(want);
}

Test(power_mwc, three_classes_against_grouped_enumeration)
{
    /* 100 players in three weight classes (and two dummies of weight 0):
     * counts near 2^96 and Johnston numerators near 2^200, several residues.
     * The grouped enumerator counts profiles in 128-bit words (only
     * 35 * 41 * 23 * 3 of them), an independent computation. */
    int64_t w[100];
    for (size_t i = 0; i < 100; i++)
        w[i] = i < 34 ? 5 : i < 74 ? 3 : i < 98 ? 2 : 0;
    int64_t total = 34 * 5 + 40 * 3 + 24 * 2;
    int64_t quotas[] = {total / 2 + 1, (2 * total + 2) / 3, total / 4, 7};
    for (size_t k = 0; k < 4; k++)
        compare(w, 100, quotas[k], BOTH, "three classes");
}

Test(power_mwc, threads_give_the_same_counts)
{
    /* the residues shared among threads: identical results for 1, 2, 5 */
    int64_t w[90];
    for (size_t i = 0; i < 90; i++)
        w[i] = 1 + (int64_t)((i * 7919) % 23);
    int64_t q = 600;
    psi_counts c[3];
    unsigned threads[] = {1, 2, 5};
    for (size_t k = 0; k < 3; k++) {
        ps_power_options opt = defaults();
        opt.threads = threads[k];
        ps_error err;
        cr_assert_eq(psi_counts_init(&c[k], 90), PS_OK);
        cr_assert_eq(psi_dp_mwc(&c[k], w, 90, q, BOTH, &opt, &err), PS_OK, "%s", err.message);
    }
    cr_assert(mpz_sizeinbase(c[0].mwc[0], 2) > 64, "counts beyond 64 bits");
    for (size_t k = 1; k < 3; k++)
        for (size_t i = 0; i < 90; i++) {
            cr_expect(mpz_cmp(c[k].mwc[i], c[0].mwc[i]) == 0);
            cr_expect(mpq_equal(c[k].dp[i], c[0].dp[i]));
            cr_expect(mpq_equal(c[k].johnston[i], c[0].johnston[i]));
        }
    for (size_t k = 0; k < 3; k++)
        psi_counts_clear(&c[k]);
}

/* ---- limits ------------------------------------------------------------ */

Test(power_mwc, refused_above_max_work_and_memory)
{
    int64_t w[40];
    for (size_t i = 0; i < 40; i++)
        w[i] = (int64_t)(100 + 37 * i);
    int64_t q = 5000;
    double work = psi_dp_mwc_work(w, 40, q, BOTH);
    cr_assert(work > 0);
    cr_expect(psi_dp_mwc_work(w, 40, q, PSI_HAVE_MWC) < work);
    cr_expect(psi_dp_mwc_work(w, 40, q, PSI_HAVE_JOHNSTON) < work);
    ps_power_options opt = defaults();
    psi_counts c;
    ps_error err;
    long base = psi_alloc_live();
    opt.max_work = work * 0.999;
    cr_assert_eq(psi_counts_init(&c, 40), PS_OK);
    cr_expect_eq(psi_dp_mwc(&c, w, 40, q, BOTH, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "cell updates") != NULL, "%s", err.message);
    cr_expect(strstr(err.message, "--approx") != NULL, "%s", err.message);
    cr_expect(strstr(err.message, "fewer indices") != NULL, "%s", err.message);
    cr_expect_eq(c.have, 0u);
    psi_counts_clear(&c);
    cr_expect_eq(psi_alloc_live(), base, "nothing allocated for a refusal");
    /* exactly at the limit it runs */
    opt.max_work = work;
    cr_assert_eq(psi_counts_init(&c, 40), PS_OK);
    cr_expect_eq(psi_dp_mwc(&c, w, 40, q, BOTH, &opt, &err), PS_OK, "%s", err.message);
    psi_counts_clear(&c);
    /* memory */
    opt = defaults();
    opt.max_memory = 10000;
    cr_assert_eq(psi_counts_init(&c, 40), PS_OK);
    cr_expect_eq(psi_dp_mwc(&c, w, 40, q, PSI_HAVE_MWC, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "MB") != NULL, "%s", err.message);
    cr_expect(strstr(err.message, "--approx") != NULL, "%s", err.message);
    psi_counts_clear(&c);
    cr_expect_eq(psi_alloc_live(), base);
}

Test(power_mwc, bad_arguments)
{
    ps_power_options opt = defaults();
    psi_counts c;
    ps_error err;
    int64_t w[] = {3, 2, 1};
    cr_assert_eq(psi_counts_init(&c, 3), PS_OK);
    cr_expect_eq(psi_dp_mwc(&c, w, 3, 0, BOTH, &opt, &err), PS_EINVAL);
    cr_expect_eq(psi_dp_mwc(&c, w, 3, 7, BOTH, &opt, &err), PS_EINVAL);
    int64_t neg[] = {3, -2, 1};
    cr_expect_eq(psi_dp_mwc(&c, neg, 3, 2, BOTH, &opt, &err), PS_ERANGE);
    cr_expect_eq(c.have, 0u);
    psi_counts_clear(&c);
}

/* ---- allocation failures ------------------------------------------------ */

typedef struct job_args {
    const int64_t *w;
    size_t n;
    int64_t q;
    unsigned want;
    unsigned threads;
} job_args;

static int job(void *ctx)
{
    const job_args *a = ctx;
    ps_power_options opt = defaults();
    opt.threads = a->threads;
    psi_counts c;
    int rc = psi_counts_init(&c, a->n);
    if (rc == PS_OK)
        rc = psi_dp_mwc(&c, a->w, a->n, a->q, a->want, &opt, NULL);
    psi_counts_clear(&c);
    return rc;
}

Test(power_mwc, allocation_failures)
{
    int64_t small[] = {4, 4, 4, 2, 2, 1, 0};
    int64_t big[80];
    for (size_t i = 0; i < 80; i++)
        big[i] = 1 + (int64_t)(i % 7);
    job_args cases[] = {
        {small, 7, 12, BOTH, 1},
        {small, 7, 12, PSI_HAVE_MWC, 1},
        {small, 7, 12, PSI_HAVE_JOHNSTON, 1},
        {big, 80, 161, BOTH, 1}, /* several residues */
        {big, 80, 161, BOTH, 3}, /* in three threads */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        long needed = torture(job, &cases[k]);
        cr_expect(needed > 5, "case %zu needs %ld allocations", k, needed);
    }
}
