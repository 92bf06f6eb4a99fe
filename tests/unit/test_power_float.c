/*
 * test_power_float.c - the floating-point mode (PS_POWER_FLOAT) against the
 * exact fractions of PS_POWER_EXACT: every value of every player within its
 * proven bound (compared exactly, as rationals), the bounds small, on
 * textbook games, random games of 30 to 200 players (quotas from a tenth to
 * unanimity, players heavier than the quota, dummies), a game of 1150
 * players whose counts pass 10^340 (beyond any double; Shapley-Shubik there
 * against an independent closed form) and one whose values underflow; the same doubles for any number of threads; the games and
 * indices it refuses; limits and allocation failures.
 */
#include <criterion/criterion.h>
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/game.h"
#include "powershare/power.h"
#include "power_helpers.h"

#define FLOAT3                                                                              \
    (PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK))

static ps_power *float_power(const ps_game *g, unsigned indices, unsigned threads)
{
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = indices;
    opt.method = PS_POWER_FLOAT;
    opt.threads = threads;
    ps_power *p = NULL;
    ps_error err;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_OK, "float: %s", err.message);
    return p;
}

/* |value - num/den| <= bound, decided exactly; *rel gets bound / exact when
 * the exact value is above 1e-6 (else 0). */
static bool within(const ps_fraction *exact, double value, double bound, double *rel)
{
    mpq_t e, v, d;
    mpq_inits(e, v, d, NULL);
    cr_assert_eq(mpz_set_str(mpq_numref(e), exact->num, 10), 0);
    cr_assert_eq(mpz_set_str(mpq_denref(e), exact->den, 10), 0);
    mpq_canonicalize(e);
    mpq_set_d(v, value);
    mpq_sub(d, e, v);
    mpq_abs(d, d);
    mpq_set_d(v, bound);
    bool ok = mpq_cmp(d, v) <= 0;
    double ev = mpq_get_d(e);
    *rel = ev > 1e-6 ? bound / ev : 0.0;
    mpq_clears(e, v, d, NULL);
    return ok;
}

/* Every value of the float mode within its bound of the exact one; the
 * bounds below max_rel of the value (where it is above 1e-6) and below
 * 1e-9 in absolute terms. Returns the largest relative bound. */
static double check_game(const ps_game *g, const char *what, double max_rel, unsigned threads)
{
    ps_power *ex = compute(g, FLOAT3, PS_POWER_EXACT);
    ps_power *fl = float_power(g, FLOAT3, threads);
    ps_index ks[] = {PS_BANZHAF, PS_PENROSE, PS_SHAPLEY_SHUBIK};
    double worst = 0;
    cr_expect(!fl->exact);
    cr_expect_eq(fl->indices, FLOAT3);
    for (int t = 0; t < 3; t++) {
        ps_index k = ks[t];
        cr_assert_not_null(fl->values[k]);
        cr_assert_not_null(fl->half_width[k]);
        for (size_t i = 0; i < g->n_players; i++) {
            double v = fl->values[k][i].value, b = fl->half_width[k][i], rel;
            bool ok = within(&ex->values[k][i], v, b, &rel);
            cr_expect(ok, "%s, %s of player %zu: %.17g, exact %s/%s, bound %g", what,
                      ps_index_name(k), i + 1, v, ex->values[k][i].num, ex->values[k][i].den,
                      b);
            cr_expect(b >= 0 && b < 1e-9, "%s, %s of player %zu: bound %g", what,
                      ps_index_name(k), i + 1, b);
            cr_expect(rel <= max_rel, "%s, %s of player %zu: bound %g is %g of the value",
                      what, ps_index_name(k), i + 1, b, rel);
            cr_expect(v >= 0 && v <= 1);
            cr_expect_null(fl->values[k][i].num);
            worst = rel > worst ? rel : worst;
        }
    }
    ps_power_free(ex);
    ps_power_free(fl);
    return worst;
}

Test(power_float, textbook_games)
{
    /* EEC Council 1958 (Felsenthal & Machover 1998): Banzhaf 5/21 x3, 1/7
     * x2, 0; Shapley-Shubik 7/30 x3, 3/20 x2, 0 (Luxembourg a dummy) */
    int64_t eec[] = {4, 4, 4, 2, 2, 1};
    ps_game *g = weighted(eec, 6, 12);
    check_game(g, "EEC 1958", 1e-13, 1);
    ps_power *p = float_power(g, FLOAT3, 1);
    cr_expect(fabs(p->values[PS_BANZHAF][0].value - 5.0 / 21) < 1e-15);
    cr_expect(fabs(p->values[PS_SHAPLEY_SHUBIK][3].value - 3.0 / 20) < 1e-15);
    cr_expect_eq(p->samples, 0);
    cr_expect_eq(p->confidence, 1.0);
    cr_expect_str_eq(p->method, "dynamic programming in floating point");
    ps_power_free(p);
    ps_game_free(g);
    /* Nassau County 1958 (Banzhaf 1965), with two players of weight 0 */
    int64_t nassau[] = {9, 9, 7, 3, 1, 1, 0, 0};
    g = weighted(nassau, 8, 16);
    check_game(g, "Nassau", 1e-13, 1);
    p = float_power(g, FLOAT3, 1);
    for (int k = 0; k < PS_INDEX_COUNT; k++)
        if (p->values[k])
            for (size_t i = 6; i < 8; i++) {
                cr_expect_eq(p->values[k][i].value, 0.0, "weight 0 is a dummy");
                cr_expect_eq(p->half_width[k][i], 0.0);
            }
    ps_power_free(p);
    ps_game_free(g);
    /* UN Security Council: an elected member's Shapley-Shubik value 4/2145 */
    int64_t unsc[15] = {7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    g = weighted(unsc, 15, 39);
    check_game(g, "UN Security Council", 1e-12, 2);
    ps_game_free(g);
}

/* n players of weights drawn by kind from seed; quota a share of the total. */
static ps_game *drawn(size_t n, uint64_t seed, int kind, double share)
{
    int64_t w[256], total = 0;
    uint64_t x = seed;
    cr_assert_leq(n, 256);
    for (size_t i = 0; i < n; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        uint64_t r = x >> 33;
        w[i] = kind == 0   ? (int64_t)(r % 200) + 1           /* uniform */
               : kind == 1 ? (i < 3 ? (int64_t)(r % 2000) + 300 /* three giants */
                                    : (int64_t)(r % 20) + 1)
               : kind == 2 ? (int64_t)((const int[]){0, 0, 1, 2, 3, 50, 100}[r % 7])
                           : (int64_t)(r % 5 + 1) * (int64_t)(r % 5 + 1) * (int64_t)(r % 5 + 1);
        total += w[i];
    }
    if (total == 0)
        w[0] = total = 1;
    int64_t q = (int64_t)((double)total * share) + 1;
    q = q > total ? total : q;
    return weighted(w, n, q);
}

Test(power_float, random_games_against_exact, .timeout = 300)
{
    static const struct {
        size_t n;
        int kind;
        double share;
    } games[] = {
        {30, 0, 0.5},  {60, 0, 0.6},  {100, 0, 2.0 / 3},   {150, 0, 0.5},  {200, 0, 0.5},
        {30, 1, 0.3},  {60, 1, 0.5},  {150, 1, 0.5},       {60, 2, 0.3},   {150, 2, 0.95},
        {100, 3, 0.1}, {200, 3, 0.8}, {40, 0, 1.0},        {120, 1, 0.999},
    };
    double worst = 0;
    for (size_t t = 0; t < sizeof games / sizeof games[0]; t++) {
        ps_game *g = drawn(games[t].n, 1000 + t, games[t].kind, games[t].share);
        char what[64];
        snprintf(what, sizeof what, "game %zu (%zu players)", t, games[t].n);
        double rel = check_game(g, what, 1e-9, 1 + (unsigned)(t % 3));
        worst = rel > worst ? rel : worst;
        ps_game_free(g);
    }
    cr_expect(worst < 1e-10, "largest bound %g of a value", worst);
}

/* Shapley-Shubik of a game of `a` players of weight 1 and `b` of weight H
 * (ones first), exactly: a player of weight w is pivotal for the s ones and
 * t heavy players among the others iff s + t H lies in [q - w, q - 1], in
 * C(ones, s) C(heavies, t) of the subsets of s + t others, each in
 * (s+t)! (m-1-s-t)! / m! of the orderings. */
static void two_class_shapley(mpq_t out, size_t a, size_t b, int64_t H, int64_t q, bool heavy)
{
    size_t m = a + b, ones = heavy ? a : a - 1, heavies = heavy ? b - 1 : b;
    int64_t w = heavy ? H : 1;
    mpz_t c, d;
    mpq_t term;
    mpz_inits(c, d, NULL);
    mpq_init(term);
    mpq_set_ui(out, 0, 1);
    for (size_t t = 0; t <= heavies; t++)
        for (int64_t x = q - w; x <= q - 1; x++) {
            int64_t s = x - (int64_t)t * H;
            if (s < 0 || s > (int64_t)ones)
                continue;
            mpz_bin_uiui(c, ones, (unsigned long)s);
            mpz_bin_uiui(d, heavies, t);
            mpz_mul(mpq_numref(term), c, d);
            mpz_bin_uiui(mpq_denref(term), m - 1, (unsigned long)s + t);
            mpz_mul_ui(mpq_denref(term), mpq_denref(term), m);
            mpq_canonicalize(term);
            mpq_add(out, out, term);
        }
    mpq_clear(term);
    mpz_clears(c, d, NULL);
}

static bool within_q(const mpq_t exact, double value, double bound)
{
    mpq_t v, d;
    mpq_inits(v, d, NULL);
    mpq_set_d(v, value);
    mpq_sub(d, exact, v);
    mpq_abs(d, d);
    mpq_set_d(v, bound);
    bool ok = mpq_cmp(d, v) <= 0;
    mpq_clears(v, d, NULL);
    return ok;
}

Test(power_float, counts_beyond_doubles, .timeout = 300)
{
    /* 1130 players of weight 1 and 20 of weight 50, a majority (1066 of
     * 2130) and two thirds: C(1150, 575) is about 10^345, so counts held as
     * doubles would overflow; more than half the players fit below the
     * quota, so the Shapley-Shubik rows above (m-1)/2 come from the
     * complement. Banzhaf and Penrose against PS_POWER_EXACT (the exact
     * Shapley-Shubik program needs a minute here), Shapley-Shubik against
     * the closed form above. */
    int64_t w[1150];
    for (size_t i = 0; i < 1150; i++)
        w[i] = i < 1130 ? 1 : 50;
    int64_t quotas[] = {1066, 1420};
    for (size_t j = 0; j < 2; j++) {
        ps_game *g = weighted(w, 1150, quotas[j]);
        unsigned bz = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE);
        ps_power *ex = compute(g, bz, PS_POWER_EXACT);
        ps_power *fl = float_power(g, FLOAT3, 2);
        double rel;
        for (size_t i = 0; i < 1150; i += 1129) { /* a light one, then the heavy ones */
            for (int k = 0; k < PS_INDEX_COUNT; k++)
                if (bz & PS_INDEX_BIT(k)) {
                    cr_expect(within(&ex->values[k][i], fl->values[k][i].value,
                                     fl->half_width[k][i], &rel),
                              "quota %lld, %s of %zu", (long long)quotas[j],
                              ps_index_name((ps_index)k), i);
                    cr_expect(rel < 1e-10, "%s bound %g of the value",
                              ps_index_name((ps_index)k), rel);
                }
            for (size_t h = i; h < i + 2 && h < 1150; h++) {
                mpq_t ss;
                mpq_init(ss);
                two_class_shapley(ss, 1130, 20, 50, quotas[j], h >= 1130);
                double v = fl->values[PS_SHAPLEY_SHUBIK][h].value;
                double b = fl->half_width[PS_SHAPLEY_SHUBIK][h];
                cr_expect(within_q(ss, v, b), "quota %lld, shapley_shubik of %zu: %.17g vs %.17g",
                          (long long)quotas[j], h, v, mpq_get_d(ss));
                cr_expect(b < 1e-10 * mpq_get_d(ss), "bound %g of %g", b, mpq_get_d(ss));
                mpq_clear(ss);
            }
        }
        ps_power_free(ex);
        ps_power_free(fl);
        ps_game_free(g);
    }
}

Test(power_float, underflow_costs_only_an_absolute_term, .timeout = 300)
{
    /* unanimity of 1100 players of weight 1: each is pivotal in exactly the
     * grand coalition, Penrose 2^-1099, below the smallest double;
     * Shapley-Shubik 1/1100, normalised Banzhaf 1/1100 */
    int64_t w[1100];
    for (size_t i = 0; i < 1100; i++)
        w[i] = 1;
    ps_game *g = weighted(w, 1100, 1100);
    ps_power *ex = compute(g, PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE),
                           PS_POWER_EXACT);
    ps_power *fl = float_power(g, FLOAT3, 1);
    mpq_t ss;
    mpq_init(ss);
    mpq_set_ui(ss, 1, 1100);
    double rel;
    for (size_t i = 0; i < 1100; i += 99) {
        cr_expect(within(&ex->values[PS_PENROSE][i], fl->values[PS_PENROSE][i].value,
                         fl->half_width[PS_PENROSE][i], &rel));
        cr_expect(fl->half_width[PS_PENROSE][i] < 1e-300);
        cr_expect(within(&ex->values[PS_BANZHAF][i], fl->values[PS_BANZHAF][i].value,
                         fl->half_width[PS_BANZHAF][i], &rel));
        cr_expect(rel < 1e-12, "normalised Banzhaf 1/1100 +- %g of it", rel);
        cr_expect(within_q(ss, fl->values[PS_SHAPLEY_SHUBIK][i].value,
                           fl->half_width[PS_SHAPLEY_SHUBIK][i]));
        cr_expect(fl->half_width[PS_SHAPLEY_SHUBIK][i] < 1e-14);
    }
    mpq_clear(ss);
    ps_power_free(ex);
    ps_power_free(fl);
    ps_game_free(g);
    /* 1200 players of weights 1 .. 60 and a quota of 27: every Penrose value
     * is about 2^-1100 or less, beyond doubles, yet the normalised Banzhaf
     * values are ordinary numbers, computed on a common exponent */
    int64_t v[1200];
    for (size_t i = 0; i < 1200; i++)
        v[i] = 1 + (int64_t)(i * 7 % 60);
    g = weighted(v, 1200, 27);
    ex = compute(g, PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE), PS_POWER_EXACT);
    fl = float_power(g, FLOAT3, 1);
    for (size_t i = 0; i < 1200; i += 7) {
        cr_expect(within(&ex->values[PS_PENROSE][i], fl->values[PS_PENROSE][i].value,
                         fl->half_width[PS_PENROSE][i], &rel));
        cr_expect(within(&ex->values[PS_BANZHAF][i], fl->values[PS_BANZHAF][i].value,
                         fl->half_width[PS_BANZHAF][i], &rel), "banzhaf of %zu", i);
        cr_expect(rel > 0 && rel < 1e-10, "banzhaf of %zu: bound %g of the value", i, rel);
    }
    ps_power_free(ex);
    ps_power_free(fl);
    ps_game_free(g);
}

Test(power_float, same_doubles_for_any_threads)
{
    ps_game *g = drawn(180, 77, 0, 0.5);
    ps_power *one = float_power(g, FLOAT3, 1);
    for (unsigned t = 2; t <= 5; t++) {
        ps_power *p = float_power(g, FLOAT3, t);
        for (int k = 0; k < PS_INDEX_COUNT; k++) {
            if (!one->values[k])
                continue;
            for (size_t i = 0; i < g->n_players; i++) {
                cr_expect_eq(memcmp(&one->values[k][i].value, &p->values[k][i].value,
                                    sizeof(double)), 0, "%s of %zu, %u threads",
                             ps_index_name((ps_index)k), i, t);
                cr_expect_eq(memcmp(&one->half_width[k][i], &p->half_width[k][i],
                                    sizeof(double)), 0);
            }
        }
        ps_power_free(p);
    }
    ps_power_free(one);
    ps_game_free(g);
}

Test(power_float, other_indices_are_left_out)
{
    int64_t w[] = {4, 4, 4, 2, 2, 1};
    ps_game *g = weighted(w, 6, 12);
    ps_power *p = float_power(g, PS_INDEX_ALL, 1);
    cr_expect_eq(p->indices, FLOAT3);
    cr_expect_null(p->values[PS_HOLLER]);
    cr_expect_null(p->values[PS_BANZHAF_RAW]);
    cr_expect_null(p->coleman_collective.num);
    ps_power_free(p);
    p = float_power(g, PS_INDEX_BIT(PS_SHAPLEY_SHUBIK) | PS_INDEX_BIT(PS_HOLLER), 1);
    cr_expect_eq(p->indices, PS_INDEX_BIT(PS_SHAPLEY_SHUBIK));
    cr_expect_null(p->values[PS_BANZHAF]);
    ps_power_free(p);
    ps_game_free(g);
}

static void expect_refusal(const ps_game *g, unsigned indices, int code, const char *says)
{
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = indices;
    opt.method = PS_POWER_FLOAT;
    ps_power *p = (ps_power *)1;
    ps_error err;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), code, "%s", err.message);
    cr_expect_null(p);
    cr_expect(strstr(err.message, says) != NULL, "message: %s", err.message);
}

Test(power_float, refuses_what_it_does_not_cover)
{
    int64_t w[] = {4, 4, 4, 2, 2, 1};
    ps_game *g = weighted(w, 6, 12);
    expect_refusal(g, PS_INDEX_BIT(PS_HOLLER), PS_EINVAL,
                   "the floating-point mode computes banzhaf, penrose and shapley_shubik only");
    ps_error err;
    cr_assert_eq(ps_game_add_min_players(g, 3, &err), PS_OK);
    expect_refusal(g, FLOAT3, PS_EINVAL,
                   "the floating-point mode covers games of one weighted layer (this rule has "
                   "2 layers); use the exact programs or --approx");
    ps_game_free(g);
    /* an "or" of two groups of one layer each */
    g = weighted(w, 6, 12);
    int64_t ones[] = {1, 1, 1, 1, 1, 1};
    cr_assert_eq(ps_game_add_group(g, &err), PS_OK, "%s", err.message);
    cr_assert_eq(ps_game_add_layer(g, ones, 5, &err), PS_OK, "%s", err.message);
    expect_refusal(g, FLOAT3, PS_EINVAL, "in 'or' alternatives");
    ps_game_free(g);
}

Test(power_float, limits_are_clear_errors)
{
    ps_game *g = drawn(100, 5, 0, 0.5);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.method = PS_POWER_FLOAT;
    opt.indices = PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    opt.max_memory = 100000;
    ps_power *p = NULL;
    ps_error err;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "floating-point Shapley-Shubik table") != NULL, "%s",
              err.message);
    opt.indices = PS_INDEX_BIT(PS_PENROSE);
    opt.max_memory = 1000;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "floating-point Banzhaf tables") != NULL, "%s", err.message);
    ps_power_options_init(&opt);
    opt.method = PS_POWER_FLOAT;
    opt.max_work = 1000;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "cell updates") != NULL, "%s", err.message);
    ps_game_free(g);
}

Test(power_float, allocation_failures_are_enomem_and_leak_nothing)
{
    ps_game *g = drawn(40, 9, 1, 0.5);
    for (unsigned threads = 1; threads <= 2; threads++) {
        ps_power_options opt;
        ps_power_options_init(&opt);
        opt.method = PS_POWER_FLOAT;
        opt.threads = threads;
        long baseline = psi_alloc_live(), n;
        for (n = 0; n < 100000; n++) {
            ps_power *p = NULL;
            ps_error err;
            psi_alloc_fail_after(n);
            int rc = ps_power_compute(&p, g, &opt, &err);
            long made = psi_alloc_count();
            psi_alloc_fail_after(-1);
            ps_power_free(p);
            cr_assert(rc == PS_OK || rc == PS_ENOMEM, "failure %ld gave %d: %s", n, rc,
                      err.message);
            cr_assert_eq(psi_alloc_live(), baseline, "failure %ld leaked", n);
            if (rc == PS_OK) {
                cr_assert(made <= n);
                break;
            }
        }
        cr_expect(n > 10);
    }
    ps_game_free(g);
}
