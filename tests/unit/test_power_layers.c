/*
 * test_power_layers.c - the dynamic program for games of several layers
 * (src/lib/power_dp_layers.c) against enumeration and closed forms.
 *
 * Enumeration (power_enum.c) is the independent reference: it tests every
 * coalition profile against every layer with no capping, no elimination
 * order and no divide and conquer, so agreement on thousands of random
 * games checks all three. Counts beyond 64 bits are checked against
 * binomial closed forms computed here with GMP.
 */
#include <criterion/criterion.h>
#include <gmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "power/power_programs.h"
#include "powershare/game.h"
#include "powershare/power.h"
#include "torture.h"

static uint64_t state;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* A random game: n players, L layers of one of five kinds (small weights,
 * 0/1 memberships, wide weights, one veto-like player, every player the
 * same weight), zeros sprinkled in the first three. */
static ps_game *random_game(size_t n, size_t L)
{
    ps_game *g = NULL;
    cr_assert_eq(ps_game_new(&g, n, NULL), PS_OK);
    for (size_t l = 0; l < L; l++) {
        int64_t w[16];
        int64_t total = 0;
        unsigned kind = (unsigned)(next() % 5);
        int64_t same = 1 + (int64_t)(next() % 3);
        for (size_t i = 0; i < n; i++) {
            w[i] = kind == 0   ? (int64_t)(next() % 7)
                   : kind == 1 ? (int64_t)(next() % 2)
                   : kind == 2 ? (int64_t)(next() % 13)
                   : kind == 3 ? (int64_t)(i == l % n)
                               : same; /* every player alike: read off the size */
            if (kind < 3 && next() % 4 == 0)
                w[i] = 0;
            total += w[i];
        }
        if (total == 0) {
            w[0] = 1;
            total = 1;
        }
        int64_t q = 1 + (int64_t)(next() % (uint64_t)total);
        cr_assert_eq(ps_game_add_layer(g, w, q, NULL), PS_OK);
    }
    return g;
}

static void expect_same(const psi_counts *a, const psi_counts *b, size_t n, int seed)
{
    cr_assert(mpz_cmp(a->winning, b->winning) == 0, "seed %d: winning coalitions differ", seed);
    for (size_t i = 0; i < n; i++) {
        cr_assert(mpz_cmp(a->swings[i], b->swings[i]) == 0, "seed %d: swings of %zu differ",
                  seed, i);
        cr_assert(mpq_cmp(a->ss[i], b->ss[i]) == 0, "seed %d: Shapley-Shubik of %zu differs",
                  seed, i);
    }
}

Test(power_layers, agrees_with_enumeration_on_random_games)
{
    state = 88172645463325252ull;
    ps_power_options opt;
    ps_power_options_init(&opt);
    for (int seed = 0; seed < 400; seed++) {
        size_t n = 1 + (size_t)(next() % 12), L = 1 + (size_t)(next() % 4);
        ps_game *g = random_game(n, L);
        psi_counts dp, en;
        cr_assert_eq(psi_counts_init(&dp, n), PS_OK);
        cr_assert_eq(psi_counts_init(&en, n), PS_OK);
        opt.threads = 1 + (unsigned)(seed & 1); /* every other game on two threads */
        cr_assert_eq(psi_dp_layers(&dp, g, PSI_HAVE_SWINGS | PSI_HAVE_SS, &opt, NULL), PS_OK);
        cr_assert_eq(dp.have & (PSI_HAVE_SWINGS | PSI_HAVE_SS), PSI_HAVE_SWINGS | PSI_HAVE_SS);
        cr_assert_eq(psi_enumerate(&en, g, PSI_HAVE_SWINGS | PSI_HAVE_SS, NULL), PS_OK);
        expect_same(&dp, &en, n, seed);
        /* swings alone take the program without sizes: same counts */
        psi_counts sw;
        cr_assert_eq(psi_counts_init(&sw, n), PS_OK);
        cr_assert_eq(psi_dp_layers(&sw, g, PSI_HAVE_SWINGS, &opt, NULL), PS_OK);
        cr_assert(mpz_cmp(sw.winning, en.winning) == 0);
        for (size_t i = 0; i < n; i++)
            cr_assert(mpz_cmp(sw.swings[i], en.swings[i]) == 0, "seed %d swings only", seed);
        psi_counts_clear(&sw);
        psi_counts_clear(&dp);
        psi_counts_clear(&en);
        ps_game_free(g);
    }
}

/* Cross-community consent in the shape of Iraq's 2014 chamber: the seats of
 * its 30 lists (data/iraq-2014.json) in four communities (the labels here
 * are illustrative), a majority of all seats (165) and the majority of each
 * of three communities' own seats. Enumeration groups lists of equal seats and
 * community, so it is cheap enough to check every value. */
Test(power_layers, consent_of_three_communities_agrees_with_enumeration)
{
    static const int64_t seats[] = {92, 34, 29, 23, 25, 21, 21, 10, 9, 6, 6, 4, 3, 4, 2,
                                    5,  3,  2,  1,  1,  1,  1,  1,  1, 2, 2, 1, 1, 1, 1};
    static const int community[] = {0, 0, 0, 1, 2, 3, 2, 1, 2, 0, 0, 2, 2, 3, 3,
                                    1, 1, 1, 0, 1, 0, 3, 0, 1, 3, 3, 3, 3, 3, 3};
    size_t n = sizeof seats / sizeof seats[0];
    ps_game *g = NULL;
    cr_assert_eq(ps_game_from_weights(&g, seats, n, 165, NULL), PS_OK);
    for (int c = 0; c < 3; c++) {
        bool member[30];
        for (size_t i = 0; i < n; i++)
            member[i] = community[i] == c;
        cr_assert_eq(ps_game_add_consent(g, seats, member, NULL), PS_OK);
    }
    ps_power_options opt;
    ps_power_options_init(&opt);
    psi_counts dp, en;
    cr_assert_eq(psi_counts_init(&dp, n), PS_OK);
    cr_assert_eq(psi_counts_init(&en, n), PS_OK);
    cr_assert_eq(psi_dp_layers(&dp, g, PSI_HAVE_SWINGS | PSI_HAVE_SS, &opt, NULL), PS_OK);
    cr_assert_eq(psi_enumerate(&en, g, PSI_HAVE_SWINGS | PSI_HAVE_SS, NULL), PS_OK);
    expect_same(&dp, &en, n, -1);
    psi_counts_clear(&dp);
    psi_counts_clear(&en);
    ps_game_free(g);
}

/* 90 players, every one of weight 1: "at least k members and at least one
 * of the first g". Counts pass 2^64. With m = n - 1 others, a member of the
 * group swings for T (|T| = s) iff s >= k - 1 and T has no group member, or
 * s = k - 1 and T has one: C(m-g+1, s) for s >= k-1, plus C(m, k-1) -
 * C(m-g+1, k-1) at s = k-1. An outsider swings iff |T| = k - 1 and T holds
 * a group member: C(m, k-1) - C(m-g, k-1). Winning coalitions: sum over
 * s >= k of C(n, s) - C(n-g, s). */
Test(power_layers, counts_beyond_64_bits_match_closed_forms)
{
    size_t n = 90, grp = 7;
    unsigned long k = 40, m = (unsigned long)n - 1;
    ps_game *g = NULL;
    cr_assert_eq(ps_game_new(&g, n, NULL), PS_OK);
    cr_assert_eq(ps_game_add_min_players(g, (int64_t)k, NULL), PS_OK);
    bool member[90];
    for (size_t i = 0; i < n; i++)
        member[i] = i < grp;
    cr_assert_eq(ps_game_add_presence(g, member, NULL), PS_OK);
    ps_power_options opt;
    ps_power_options_init(&opt);
    psi_counts dp;
    cr_assert_eq(psi_counts_init(&dp, n), PS_OK);
    cr_assert_eq(psi_dp_layers(&dp, g, PSI_HAVE_SWINGS, &opt, NULL), PS_OK);
    mpz_t want, t;
    mpz_init(want);
    mpz_init(t);
    /* a group member */
    mpz_set_ui(want, 0);
    for (unsigned long s = k - 1; s <= m; s++) {
        mpz_bin_uiui(t, m - grp + 1, s);
        mpz_add(want, want, t);
    }
    mpz_bin_uiui(t, m, k - 1);
    mpz_add(want, want, t);
    mpz_bin_uiui(t, m - grp + 1, k - 1);
    mpz_sub(want, want, t);
    cr_assert(mpz_sizeinbase(want, 2) > 64);
    for (size_t i = 0; i < grp; i++)
        cr_assert(mpz_cmp(dp.swings[i], want) == 0, "group member %zu", i);
    /* an outsider */
    mpz_bin_uiui(want, m, k - 1);
    mpz_bin_uiui(t, m - grp, k - 1);
    mpz_sub(want, want, t);
    for (size_t i = grp; i < n; i++)
        cr_assert(mpz_cmp(dp.swings[i], want) == 0, "outsider %zu", i);
    /* winning coalitions */
    mpz_set_ui(want, 0);
    for (unsigned long s = k; s <= n; s++) {
        mpz_bin_uiui(t, n, s);
        mpz_add(want, want, t);
        mpz_bin_uiui(t, n - grp, s);
        mpz_sub(want, want, t);
    }
    cr_assert(mpz_cmp(dp.winning, want) == 0);
    mpz_clear(want);
    mpz_clear(t);
    psi_counts_clear(&dp);
    ps_game_free(g);
}

Test(power_layers, refuses_above_max_work_before_allocating)
{
    state = 7;
    ps_game *g = random_game(12, 3);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.max_work = 10;
    psi_counts c;
    cr_assert_eq(psi_counts_init(&c, 12), PS_OK);
    ps_error err = {0};
    long live = psi_alloc_live();
    cr_assert_eq(psi_dp_layers(&c, g, PSI_HAVE_SWINGS | PSI_HAVE_SS, &opt, &err), PS_ERANGE);
    cr_assert(strstr(err.message, "--approx") != NULL, "%s", err.message);
    cr_assert_eq(psi_alloc_live(), live);
    psi_counts_clear(&c);
    ps_game_free(g);
}

/* Layers with huge quotas: the product of their extents passes 2^64, which
 * must be refused (not wrap around to a small table). */
Test(power_layers, refuses_tables_beyond_the_address_space)
{
    int64_t w[4] = {(int64_t)1 << 40, (int64_t)1 << 40, (int64_t)1 << 40, 1};
    ps_game *g = NULL;
    cr_assert_eq(ps_game_new(&g, 4, NULL), PS_OK);
    for (int l = 0; l < 3; l++)
        cr_assert_eq(ps_game_add_layer(g, w, ((int64_t)1 << 41) + 1, NULL), PS_OK);
    ps_power_options opt;
    ps_power_options_init(&opt);
    psi_counts c;
    cr_assert_eq(psi_counts_init(&c, 4), PS_OK);
    ps_error err = {0};
    cr_assert_eq(psi_dp_layers(&c, g, PSI_HAVE_SWINGS, &opt, &err), PS_ERANGE);
    cr_assert(strstr(err.message, "--approx") != NULL, "%s", err.message);
    psi_counts_clear(&c);
    ps_game_free(g);
}

/* The public entry point picks the program for a game of several layers and
 * the values agree with enumeration. */
Test(power_layers, ps_power_compute_uses_it_for_several_layers)
{
    static const int64_t seats[] = {40, 30, 20, 10, 5, 5, 3, 2, 1, 1, 1, 1, 1};
    size_t n = sizeof seats / sizeof seats[0];
    ps_game *g = NULL;
    cr_assert_eq(ps_game_from_weights(&g, seats, n, 61, NULL), PS_OK);
    bool member[13] = {false, true, false, true, false, true, false, true, false, true};
    cr_assert_eq(ps_game_add_consent(g, seats, member, NULL), PS_OK);
    cr_assert_eq(ps_game_add_min_players(g, 3, NULL), PS_OK);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK) |
                  PS_INDEX_BIT(PS_COLEMAN_PREVENT);
    opt.max_enumerate = 4; /* enumeration would be refused: the program must run */
    ps_power *dp = NULL, *en = NULL;
    cr_assert_eq(ps_power_compute(&dp, g, &opt, NULL), PS_OK);
    cr_assert(strstr(dp->method, "capped weight vectors") != NULL, "%s", dp->method);
    opt.method = PS_POWER_ENUMERATE;
    opt.max_enumerate = 25;
    cr_assert_eq(ps_power_compute(&en, g, &opt, NULL), PS_OK);
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < PS_INDEX_COUNT; k++)
            if (opt.indices & PS_INDEX_BIT(k)) {
                cr_assert_str_eq(dp->values[k][i].num, en->values[k][i].num);
                cr_assert_str_eq(dp->values[k][i].den, en->values[k][i].den);
            }
    cr_assert_str_eq(dp->coleman_collective.num, en->coleman_collective.num);
    ps_power_free(dp);
    ps_power_free(en);
    ps_game_free(g);
}

typedef struct job_ctx {
    ps_game *g;
    unsigned threads;
} job_ctx;

static int layers_job(void *arg)
{
    job_ctx *j = arg;
    psi_counts c;
    int rc = psi_counts_init(&c, j->g->n_players);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.threads = j->threads;
    if (rc == PS_OK)
        rc = psi_dp_layers(&c, j->g, PSI_HAVE_SWINGS | PSI_HAVE_SS, &opt, NULL);
    psi_counts_clear(&c);
    return rc;
}

Test(power_layers, every_allocation_failure_is_enomem_and_leaks_nothing)
{
    state = 99;
    job_ctx j = {random_game(9, 3), 1};
    cr_assert_gt(torture(layers_job, &j), 5);
    j.threads = 2; /* and with the top split in a thread */
    cr_assert_gt(torture(layers_job, &j), 5);
    ps_game_free(j.g);
}

/* ---- rules with "or" (several AND groups) -------------------------------- */

/* A random OR game: 2 to 4 groups of 1 or 2 random layers each, at most 5
 * layers in all (so the conjunctions stay quick for the layer program). */
static ps_game *random_or_game(size_t n, size_t groups)
{
    ps_game *g = NULL;
    cr_assert_eq(ps_game_new(&g, n, NULL), PS_OK);
    for (size_t k = 0; k < groups; k++) {
        size_t layers = 1 + (size_t)(next() % 2);
        if (g->n_layers + layers + (groups - k - 1) > 5)
            layers = 1;
        ps_game *part = random_game(n, layers);
        if (k > 0)
            cr_assert_eq(ps_game_add_group(g, NULL), PS_OK);
        for (size_t l = 0; l < part->n_layers; l++)
            cr_assert_eq(ps_game_add_layer(g, part->weights + l * n, part->quotas[l], NULL),
                         PS_OK);
        ps_game_free(part);
    }
    return g;
}

/* Brute force over all 2^n coalitions with ps_game_is_winning only: the
 * winning coalitions, raw Banzhaf swings and Shapley-Shubik values, straight
 * from their definitions (power.h). */
static void brute_force(psi_counts *c, const ps_game *g)
{
    size_t n = g->n_players;
    bool in[16];
    mpq_t term[17]; /* term[s] = (s-1)! (n-s)! / n! for a swing in a coalition of s */
    mpz_t f;
    mpz_init(f);
    for (size_t s = 1; s <= n; s++) {
        mpq_init(term[s]);
        mpz_fac_ui(mpq_numref(term[s]), (unsigned long)(s - 1));
        mpz_fac_ui(f, (unsigned long)(n - s));
        mpz_mul(mpq_numref(term[s]), mpq_numref(term[s]), f);
        mpz_fac_ui(mpq_denref(term[s]), (unsigned long)n);
        mpq_canonicalize(term[s]);
    }
    for (uint32_t S = 0; S < (1u << n); S++) {
        size_t size = 0;
        for (size_t i = 0; i < n; i++) {
            in[i] = S >> i & 1u;
            size += in[i];
        }
        bool win = ps_game_is_winning(g, in);
        if (!win)
            continue;
        mpz_add_ui(c->winning, c->winning, 1);
        for (size_t i = 0; i < n; i++) {
            if (!in[i])
                continue;
            in[i] = false;
            bool without = ps_game_is_winning(g, in);
            in[i] = true;
            if (without)
                continue;
            mpz_add_ui(c->swings[i], c->swings[i], 1);
            mpq_add(c->ss[i], c->ss[i], term[size]);
        }
    }
    for (size_t s = 1; s <= n; s++)
        mpq_clear(term[s]);
    mpz_clear(f);
}

static void expect_power_equals_counts(const ps_power *p, const psi_counts *c, size_t n, int seed)
{
    char *s;
    for (size_t i = 0; i < n; i++) {
        s = mpz_get_str(NULL, 10, c->swings[i]);
        cr_assert_str_eq(p->values[PS_BANZHAF_RAW][i].num, s, "seed %d: swings of %zu", seed, i);
        free(s);
        s = mpz_get_str(NULL, 10, mpq_numref(c->ss[i]));
        cr_assert_str_eq(p->values[PS_SHAPLEY_SHUBIK][i].num, s, "seed %d: SS of %zu", seed, i);
        free(s);
        s = mpz_get_str(NULL, 10, mpq_denref(c->ss[i]));
        cr_assert_str_eq(p->values[PS_SHAPLEY_SHUBIK][i].den, s, "seed %d: SS of %zu", seed, i);
        free(s);
    }
}

/* The exact program for "or" (inclusion-exclusion over the 2^k - 1
 * conjunctions, each by the existing programs) and enumeration (which
 * evaluates the OR itself) both equal brute force on 300 random OR games. */
Test(power_layers, or_by_inclusion_exclusion_equals_enumeration_and_brute_force)
{
    state = 0x9e3779b97f4a7c15ull;
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_BANZHAF_RAW) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK) |
                  PS_INDEX_BIT(PS_COLEMAN_PREVENT);
    for (int seed = 0; seed < 300; seed++) {
        size_t n = 1 + (size_t)(next() % 10), k = 2 + (size_t)(next() % 3);
        ps_game *g = random_or_game(n, k);
        cr_assert_eq(ps_game_group_count(g), k);
        psi_counts bf, en;
        cr_assert_eq(psi_counts_init(&bf, n), PS_OK);
        cr_assert_eq(psi_counts_init(&en, n), PS_OK);
        brute_force(&bf, g);
        cr_assert_eq(psi_enumerate(&en, g, PSI_HAVE_SWINGS | PSI_HAVE_SS, NULL), PS_OK);
        expect_same(&en, &bf, n, seed);

        opt.method = PS_POWER_AUTO;
        opt.max_enumerate = 0; /* no enumeration anywhere: inclusion-exclusion */
        ps_power *ie = NULL;
        ps_error ie_err;
        cr_assert_eq(ps_power_compute(&ie, g, &opt, &ie_err), PS_OK, "seed %d: %s", seed,
                     ie_err.message);
        cr_assert(strstr(ie->method, "inclusion-exclusion") != NULL, "%s", ie->method);
        expect_power_equals_counts(ie, &bf, n, seed);
        /* Coleman to prevent: swings / winning coalitions, so winning agrees too */
        mpq_t v;
        mpq_init(v);
        mpq_set_num(v, bf.swings[0]);
        mpq_set_den(v, bf.winning);
        mpq_canonicalize(v);
        char *num = mpz_get_str(NULL, 10, mpq_numref(v));
        cr_assert_str_eq(ie->values[PS_COLEMAN_PREVENT][0].num, num, "seed %d", seed);
        free(num);
        mpq_clear(v);

        opt.method = PS_POWER_ENUMERATE;
        opt.max_enumerate = 25;
        ps_power *pe = NULL;
        cr_assert_eq(ps_power_compute(&pe, g, &opt, NULL), PS_OK);
        expect_power_equals_counts(pe, &bf, n, seed);
        ps_power_free(ie);
        ps_power_free(pe);
        psi_counts_clear(&bf);
        psi_counts_clear(&en);
        ps_game_free(g);
    }
}

/* Five alternatives are past the cap of the exact programs (4): enumeration
 * takes them when it may, otherwise the refusal says why and names the way
 * out; Monte Carlo evaluates the OR and covers the exact values. */
Test(power_layers, or_beyond_four_alternatives_and_monte_carlo)
{
    state = 12345;
    ps_game *g = random_or_game(9, 5);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_PENROSE) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    opt.max_enumerate = 0;
    ps_power *p = NULL;
    ps_error e;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &e), PS_ERANGE);
    cr_assert(strstr(e.message, "more than 4 alternatives") != NULL, "%s", e.message);
    cr_assert(strstr(e.message, "--approx") != NULL, "%s", e.message);
    opt.max_enumerate = 25;
    cr_assert_eq(ps_power_compute(&p, g, &opt, NULL), PS_OK);
    cr_assert(strstr(p->method, "enumeration") != NULL, "%s", p->method);
    opt.method = PS_POWER_APPROX;
    opt.samples = 200000;
    ps_power *mc = NULL;
    cr_assert_eq(ps_power_compute(&mc, g, &opt, NULL), PS_OK);
    for (size_t i = 0; i < 9; i++)
        for (int k = PS_PENROSE; k <= PS_SHAPLEY_SHUBIK; k++) {
            double exact = p->values[k][i].value, est = mc->values[k][i].value;
            double hw = mc->half_width[k][i];
            cr_assert(est - hw <= exact + 1e-12 && exact - 1e-12 <= est + hw,
                      "index %d player %zu: %g outside %g +- %g", k, i, exact, est, hw);
        }
    ps_power_free(p);
    ps_power_free(mc);
    ps_game_free(g);
}
