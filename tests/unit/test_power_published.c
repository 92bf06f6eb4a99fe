/*
 * test_power_published.c - power indices against published values (the
 * EEC Council of 1958, Nassau County, the UN Security Council); Monte Carlo
 * intervals that cover the exact values; errors and limits; allocation
 * failures; PS_POWER_BEST (exact when affordable, otherwise Monte Carlo).
 * (The brute-force cross-checks: test_power.c.)
 */
#include <criterion/criterion.h>
#include <gmp.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/game.h"
#include "powershare/power.h"
#include "power_helpers.h"

/* ---- published values ------------------------------------------------- */

Test(power, eec_council_1958)
{
    /* Felsenthal & Machover (1998) table 3.3.1 (normalised Banzhaf) and the
     * Shapley-Shubik values of the six original members. */
    int64_t w[] = {4, 4, 4, 2, 2, 1};
    ps_game *g = weighted(w, 6, 12);
    const char *bz[] = {"5/21", "5/21", "5/21", "1/7", "1/7", "0"};
    const char *ss[] = {"7/30", "7/30", "7/30", "3/20", "3/20", "0"};
    const char *raw[] = {"10", "10", "10", "6", "6", "0"};
    const char *pen[] = {"5/16", "5/16", "5/16", "3/16", "3/16", "0"};
    ps_power_method methods[] = {PS_POWER_AUTO, PS_POWER_ENUMERATE};
    for (int m = 0; m < 2; m++) {
        ps_power *p = compute(g, SWING_SS, methods[m]);
        expect_all(p, PS_BANZHAF, bz);
        expect_all(p, PS_SHAPLEY_SHUBIK, ss);
        expect_all(p, PS_BANZHAF_RAW, raw);
        expect_all(p, PS_PENROSE, pen);
        cr_expect_float_eq(p->values[PS_BANZHAF][0].value, 5.0 / 21, 1e-15);
        /* 14 winning coalitions of 64 */
        cr_expect_str_eq(p->coleman_collective.num, "7");
        cr_expect_str_eq(p->coleman_collective.den, "32");
        expect_frac(&p->values[PS_COLEMAN_PREVENT][0], "5/7", "prevent", 0);
        expect_frac(&p->values[PS_COLEMAN_INITIATE][3], "3/25", "initiate", 3);
        ps_power_free(p);
    }
    /* MWCs: {4,4,4} and three {4,4,2,2}: each of the five non-dummies is in
     * three, so the public good index is 1/5 for all five (Holler's
     * well-known contrast with Banzhaf on this game). */
    ps_power *p = compute(g, PS_INDEX_ALL, PS_POWER_AUTO);
    const char *holler[] = {"1/5", "1/5", "1/5", "1/5", "1/5", "0"};
    expect_all(p, PS_HOLLER, holler);
    /* DP: (1/4) * (1/3 + 2 * 1/4) for a big one; (1/4) * (3 * 1/4) for a 2 */
    const char *dp[] = {"5/24", "5/24", "5/24", "3/16", "3/16", "0"};
    expect_all(p, PS_DEEGAN_PACKEL, dp);
    ps_power_free(p);
    ps_game_free(g);
}

Test(power, nassau_county_1958)
{
    /* Banzhaf (1965): in the 1958 Board of Supervisors (weights 9, 9, 7, 3,
     * 1, 1, quota 16) the three largest members have (normalised Banzhaf)
     * power 1/3 each and the other three none. The game is "two of the three
     * largest", so every index gives the same figures. */
    int64_t w[] = {9, 9, 7, 3, 1, 1};
    ps_game *g = weighted(w, 6, 16);
    ps_power *p = compute(g, PS_INDEX_ALL, PS_POWER_AUTO);
    const char *third[] = {"1/3", "1/3", "1/3", "0", "0", "0"};
    ps_index all[] = {PS_BANZHAF, PS_SHAPLEY_SHUBIK, PS_DEEGAN_PACKEL, PS_HOLLER, PS_JOHNSTON};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        expect_all(p, all[k], third);
    ps_power_free(p);
    ps_game_free(g);
}

Test(power, un_security_council)
{
    /* Five permanent members with a veto and ten others, nine votes needed:
     * the weighted game [39; 7 x 5, 1 x 10]. Shapley-Shubik 421/2145 for a
     * permanent and 4/2145 for a non-permanent member (Shapley & Shubik
     * 1954, after the 1965 enlargement: Felsenthal & Machover 1998). */
    int64_t w[15];
    for (int i = 0; i < 15; i++)
        w[i] = i < 5 ? 7 : 1;
    ps_game *g = weighted(w, 15, 39);
    ps_power *dp = compute(g, SWING_SS, PS_POWER_AUTO);
    ps_power *en = compute(g, PS_INDEX_ALL, PS_POWER_ENUMERATE);
    expect_frac(&dp->values[PS_SHAPLEY_SHUBIK][0], "421/2145", "ss", 0);
    expect_frac(&dp->values[PS_SHAPLEY_SHUBIK][14], "4/2145", "ss", 14);
    expect_frac(&en->values[PS_SHAPLEY_SHUBIK][14], "4/2145", "ss", 14);
    /* Raw Banzhaf: a non-permanent member swings when it is the 9th vote:
     * C(9, 3) = 84 coalitions; a permanent member in every winning
     * coalition: sum_{k=4..9} C(10, k) = 848. */
    expect_frac(&dp->values[PS_BANZHAF_RAW][0], "848", "raw", 0);
    expect_frac(&dp->values[PS_BANZHAF_RAW][9], "84", "raw", 9);

    /* The same rule as layers: nine of fifteen votes AND five vetoes. */
    ps_game *layered = NULL;
    cr_assert_eq(ps_game_new(&layered, 15, NULL), PS_OK);
    int64_t one[15];
    for (int i = 0; i < 15; i++)
        one[i] = 1;
    cr_assert_eq(ps_game_add_layer(layered, one, 9, NULL), PS_OK);
    for (size_t v = 0; v < 5; v++)
        cr_assert_eq(ps_game_add_veto(layered, v, NULL), PS_OK);
    ps_power *ly = compute(layered, PS_INDEX_ALL, PS_POWER_AUTO);
    for (int k = 0; k < PS_INDEX_COUNT; k++)
        for (size_t i = 0; i < 15; i++) {
            cr_expect_str_eq(ly->values[k][i].num, en->values[k][i].num);
            cr_expect_str_eq(ly->values[k][i].den, en->values[k][i].den);
        }
    ps_power_free(ly);
    ps_game_free(layered);
    ps_power_free(dp);
    ps_power_free(en);
    ps_game_free(g);
}

/* ---- Monte Carlo -------------------------------------------------------- */

Test(power, monte_carlo_intervals_cover_exact_values)
{
    int64_t w[] = {4, 4, 4, 2, 2, 1};
    ps_game *g = weighted(w, 6, 12);
    ps_power *ex = compute(g, SWING_SS, PS_POWER_AUTO);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.method = PS_POWER_APPROX;
    opt.samples = 200000;
    opt.seed = 42;
    ps_power *a = NULL, *b = NULL;
    cr_assert_eq(ps_power_compute(&a, g, &opt, NULL), PS_OK);
    opt.threads = 3; /* four blocks of samples over three threads */
    cr_assert_eq(ps_power_compute(&b, g, &opt, NULL), PS_OK);
    cr_expect(!a->exact);
    cr_expect_eq(a->indices, PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE) |
                                 PS_INDEX_BIT(PS_SHAPLEY_SHUBIK));
    cr_expect_null(a->values[PS_HOLLER]);
    ps_index ks[] = {PS_BANZHAF, PS_PENROSE, PS_SHAPLEY_SHUBIK};
    for (int t = 0; t < 3; t++) {
        ps_index k = ks[t];
        for (size_t i = 0; i < 6; i++) {
            double est = a->values[k][i].value, h = a->half_width[k][i];
            cr_expect(h > 0 && h < 0.02, "half-width %g", h);
            cr_expect(fabs(est - ex->values[k][i].value) <= h, "%s of %zu: %g vs %g +- %g",
                      ps_index_name(k), i, est, ex->values[k][i].value, h);
            cr_expect_eq(est, b->values[k][i].value, "same seed, same estimate, any threads");
            cr_expect_null(a->values[k][i].num);
        }
    }
    ps_power_free(a);
    ps_power_free(b);
    ps_power_free(ex);
    ps_game_free(g);
}

Test(power, monte_carlo_on_a_layered_game)
{
    /* the Security Council as nine of fifteen votes and five veto layers */
    ps_game *g = NULL;
    cr_assert_eq(ps_game_new(&g, 15, NULL), PS_OK);
    int64_t one[15];
    for (int i = 0; i < 15; i++)
        one[i] = 1;
    cr_assert_eq(ps_game_add_layer(g, one, 9, NULL), PS_OK);
    for (size_t v = 0; v < 5; v++)
        cr_assert_eq(ps_game_add_veto(g, v, NULL), PS_OK);
    ps_power *ex = compute(g, SWING_SS, PS_POWER_AUTO);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.method = PS_POWER_APPROX;
    opt.samples = 100000;
    opt.seed = 7;
    ps_power *a = NULL;
    cr_assert_eq(ps_power_compute(&a, g, &opt, NULL), PS_OK);
    ps_index ks[] = {PS_BANZHAF, PS_PENROSE, PS_SHAPLEY_SHUBIK};
    for (int t = 0; t < 3; t++)
        for (size_t i = 0; i < 15; i++)
            cr_expect(fabs(a->values[ks[t]][i].value - ex->values[ks[t]][i].value) <=
                          a->half_width[ks[t]][i],
                      "%s of %zu", ps_index_name(ks[t]), i);
    ps_power_free(a);
    ps_power_free(ex);
    ps_game_free(g);
}

/* ---- errors ------------------------------------------------------------- */

Test(power, limits_and_bad_arguments_are_clear_errors)
{
    ps_power *p = NULL;
    ps_error err;
    ps_game *g = NULL;
    cr_assert_eq(ps_game_new(&g, 3, NULL), PS_OK);
    cr_expect_eq(ps_power_compute(&p, g, NULL, &err), PS_EINVAL, "no layer");
    cr_expect_eq(ps_power_compute(&p, NULL, NULL, &err), PS_EINVAL);
    ps_game_free(g);

    int64_t w[40];
    for (int i = 0; i < 40; i++)
        w[i] = 1 + i; /* all different: 2^40 profiles */
    g = weighted(w, 40, 500);
    cr_assert_eq(ps_game_add_min_players(g, 3, NULL), PS_OK);
    cr_expect_eq(ps_power_compute(&p, g, NULL, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "--approx") != NULL, "%s", err.message);
    cr_expect_null(p);
    ps_game_free(g);

    g = weighted(w, 40, 500);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.max_work = 1e6; /* below what the program for holler and johnston needs */
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE, "work limit of the mwc program");
    cr_expect(strstr(err.message, "cell updates") != NULL, "%s", err.message);
    opt.max_work = 1e12;
    opt.indices = SWING_SS;
    opt.max_memory = 1000;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE, "memory limit");
    cr_expect(strstr(err.message, "MB") != NULL, "%s", err.message);
    opt.max_memory = (size_t)1 << 30;
    opt.max_work = 1000;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE, "work limit");
    cr_expect(strstr(err.message, "cell updates") != NULL, "%s", err.message);
    opt.max_work = 1e12;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_OK);
    ps_power_free(p);
    opt.method = PS_POWER_APPROX;
    opt.confidence = 1.0;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_EINVAL);
    opt.confidence = 0.95;
    opt.indices = PS_INDEX_BIT(PS_HOLLER);
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_EINVAL);
    ps_game_free(g);
    ps_power_free(NULL);

    /* huge weights: the dynamic programs refuse, enumeration copes */
    int64_t huge[3] = {(int64_t)1 << 61, (int64_t)1 << 61, 5};
    g = weighted(huge, 3, ((int64_t)1 << 61) + 6);
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE);
    opt.indices = PS_INDEX_ALL;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_OK, "%s", err.message);
    expect_frac(&p->values[PS_SHAPLEY_SHUBIK][0], "1/2", "ss", 0);
    expect_frac(&p->values[PS_SHAPLEY_SHUBIK][2], "0", "ss", 2);
    ps_power_free(p);
    ps_game_free(g);
}

Test(power, index_names_and_lists)
{
    cr_expect_str_eq(ps_index_name(PS_SHAPLEY_SHUBIK), "shapley_shubik");
    cr_expect_str_eq(ps_index_name(PS_COLEMAN_INITIATE), "coleman_initiate");
    cr_expect_null(ps_index_name(PS_INDEX_COUNT));
    unsigned bits;
    cr_assert_eq(ps_index_parse(&bits, "all", NULL), PS_OK);
    cr_expect_eq(bits, PS_INDEX_ALL);
    cr_assert_eq(ps_index_parse(&bits, "banzhaf,ss,coleman", NULL), PS_OK);
    cr_expect_eq(bits, PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK) |
                           PS_INDEX_BIT(PS_COLEMAN_PREVENT) | PS_INDEX_BIT(PS_COLEMAN_INITIATE));
    ps_error err;
    cr_expect_eq(ps_index_parse(&bits, "banzhaf,nope", &err), PS_EINVAL);
    cr_expect(strstr(err.message, "'nope'") != NULL, "%s", err.message);
    cr_expect_eq(ps_index_parse(&bits, "", &err), PS_EINVAL);
}

/* ---- allocation failures ------------------------------------------------ */

static void torture(const ps_game *g, const ps_power_options *opt)
{
    long baseline = psi_alloc_live();
    long n;
    for (n = 0; n < 100000; n++) {
        ps_power *p = NULL;
        ps_error err;
        psi_alloc_fail_after(n);
        int rc = ps_power_compute(&p, g, opt, &err);
        long made = psi_alloc_count();
        psi_alloc_fail_after(-1);
        ps_power_free(p);
        cr_assert(rc == PS_OK || rc == PS_ENOMEM, "failure %ld gave %d: %s", n, rc, err.message);
        if (rc != PS_OK)
            cr_assert_null(p);
        cr_assert_eq(psi_alloc_live(), baseline, "failure %ld leaked %ld", n,
                     psi_alloc_live() - baseline);
        if (rc == PS_OK) {
            cr_assert(made <= n);
            break;
        }
    }
    cr_expect(n > 5);
}

Test(power, every_allocation_failure_is_enomem_and_leaks_nothing)
{
    int64_t w[] = {4, 4, 4, 2, 2, 1, 0};
    ps_game *g = weighted(w, 7, 12);
    ps_power_options opt;
    ps_power_options_init(&opt);
    torture(g, &opt); /* enumeration */
    opt.indices = SWING_SS;
    torture(g, &opt); /* dynamic programs */
    opt.method = PS_POWER_APPROX;
    opt.samples = 100;
    torture(g, &opt);
    ps_game_free(g);
    int64_t big[70];
    for (int i = 0; i < 70; i++)
        big[i] = 1 + i % 3;
    g = weighted(big, 70, 71);
    ps_power_options_init(&opt);
    opt.indices = SWING_SS;
    torture(g, &opt); /* several residues */
    opt.threads = 2;
    torture(g, &opt); /* and two threads */
    ps_game_free(g);

    int64_t w3[] = {3, 2, 2, 1, 1};
    size_t u3[] = {0, 0, 1, 2, 2};
    g = weighted(w3, 5, 5);
    long baseline = psi_alloc_live();
    long n;
    for (n = 0; n < 10000; n++) {
        ps_union_power *p = NULL;
        psi_alloc_fail_after(n);
        int rc = ps_power_unions(&p, g, u3, 0, NULL);
        long made = psi_alloc_count();
        psi_alloc_fail_after(-1);
        ps_union_power_free(p);
        cr_assert(rc == PS_OK || rc == PS_ENOMEM);
        cr_assert_eq(psi_alloc_live(), baseline, "union failure %ld leaked", n);
        if (rc == PS_OK) {
            cr_assert(made <= n);
            break;
        }
    }
    cr_expect(n > 5);
    ps_game_free(g);
}

/* ---- exact when affordable, otherwise Monte Carlo (PS_POWER_BEST) -------- */

/* Every estimate of `a` within its interval of the exact value of `ex`. */
static void expect_within(const ps_power *a, const ps_power *ex)
{
    ps_index ks[] = {PS_BANZHAF, PS_PENROSE, PS_SHAPLEY_SHUBIK};
    for (int t = 0; t < 3; t++) {
        ps_index k = ks[t];
        if (!(a->indices & PS_INDEX_BIT(k)))
            continue;
        cr_assert_not_null(a->values[k], "%s estimated", ps_index_name(k));
        cr_assert_not_null(a->half_width[k], "%s has intervals", ps_index_name(k));
        for (size_t i = 0; i < a->n_players; i++) {
            double est = a->values[k][i].value, h = a->half_width[k][i];
            cr_expect(h > 0 && h < 0.05, "half-width %g", h);
            cr_expect(fabs(est - ex->values[k][i].value) <= h, "%s of %zu: %g vs %g +- %g",
                      ps_index_name(k), i, est, ex->values[k][i].value, h);
            cr_expect_null(a->values[k][i].num);
        }
    }
}

Test(power, best_is_exact_when_affordable)
{
    int64_t w[] = {4, 4, 4, 2, 2, 1};
    ps_game *g = weighted(w, 6, 12);
    ps_power *auto_ = compute(g, PS_INDEX_ALL, PS_POWER_AUTO);
    ps_power *best = compute(g, PS_INDEX_ALL, PS_POWER_BEST);
    cr_expect(best->exact);
    cr_expect_null(best->note);
    cr_expect_eq(best->indices, PS_INDEX_ALL);
    cr_expect_eq(best->samples, 0);
    for (int k = 0; k < PS_INDEX_COUNT; k++) {
        cr_assert_not_null(best->values[k]);
        cr_expect_null(best->half_width[k]);
        for (size_t i = 0; i < 6; i++) {
            cr_expect_str_eq(best->values[k][i].num, auto_->values[k][i].num);
            cr_expect_str_eq(best->values[k][i].den, auto_->values[k][i].den);
        }
    }
    ps_power_free(auto_);
    ps_power_free(best);
    ps_game_free(g);
}

Test(power, best_falls_back_to_monte_carlo_when_the_exact_programs_refuse)
{
    int64_t w[30];
    for (int i = 0; i < 30; i++)
        w[i] = 1 + 3 * i; /* all different */
    ps_game *g = weighted(w, 30, 700);
    ps_power *ex = compute(g, SWING_SS, PS_POWER_AUTO); /* within the default limits */
    cr_assert(ex->exact);

    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = SWING_SS;
    opt.samples = 200000;
    opt.seed = 42;
    opt.max_work = 1000; /* far below what the dynamic programs need */
    ps_power *p = NULL;
    ps_error err;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE, "AUTO refuses");
    cr_expect_null(p);

    opt.method = PS_POWER_BEST;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_OK, "%s", err.message);
    cr_expect(!p->exact);
    cr_assert_not_null(p->note);
    cr_expect(strstr(p->note, "Monte Carlo") != NULL, "%s", p->note);
    cr_expect(strstr(p->note, "cell updates") != NULL, "the refusal's reason: %s", p->note);
    cr_expect(strstr(p->note, "--approx") == NULL, "no advice to do what was done: %s",
              p->note);
    cr_expect(strstr(p->note, "200,000 samples, seed 42, 99% intervals") != NULL, "%s",
              p->note);
    cr_expect(strstr(p->note, "left out") != NULL, "banzhaf_raw and coleman: %s", p->note);
    cr_expect(strstr(p->note, "banzhaf_raw, coleman_prevent and coleman_initiate") != NULL,
              "%s", p->note);
    cr_expect_eq(p->indices, PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE) |
                                 PS_INDEX_BIT(PS_SHAPLEY_SHUBIK));
    cr_expect_null(p->values[PS_BANZHAF_RAW]);
    cr_expect_eq(p->samples, 200000);
    cr_expect_float_eq(p->confidence, 0.99, 1e-12);
    expect_within(p, ex);
    ps_power_free(p);

    /* the memory limit, and only what Monte Carlo estimates: nothing left out */
    opt.max_work = 1e12;
    opt.max_memory = 1000;
    opt.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_OK, "%s", err.message);
    cr_expect(!p->exact);
    cr_assert_not_null(p->note);
    cr_expect(strstr(p->note, "MB") != NULL, "%s", p->note);
    cr_expect(strstr(p->note, "left out") == NULL, "%s", p->note);
    cr_expect_eq(p->indices, opt.indices);
    expect_within(p, ex);
    ps_power_free(p);

    /* the same seed gives the same estimates */
    ps_power *q = NULL;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_OK);
    opt.threads = 3;
    cr_assert_eq(ps_power_compute(&q, g, &opt, &err), PS_OK);
    for (size_t i = 0; i < 30; i++)
        cr_expect_eq(p->values[PS_BANZHAF][i].value, q->values[PS_BANZHAF][i].value);
    ps_power_free(p);
    ps_power_free(q);
    ps_power_free(ex);
    ps_game_free(g);
}

Test(power, best_falls_back_when_enumeration_is_refused)
{
    /* several layers and holler: enumeration only, 2^30 profiles */
    int64_t w[30];
    for (int i = 0; i < 30; i++)
        w[i] = 1 + 2 * i;
    ps_game *g = weighted(w, 30, 500);
    cr_assert_eq(ps_game_add_min_players(g, 3, NULL), PS_OK);
    ps_power *ex = compute(g, SWING_SS, PS_POWER_AUTO); /* the layered program */
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK) |
                  PS_INDEX_BIT(PS_HOLLER);
    opt.max_enumerate = 12;
    opt.samples = 200000;
    opt.method = PS_POWER_BEST;
    ps_power *p = NULL;
    ps_error err;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_OK, "%s", err.message);
    cr_expect(!p->exact);
    cr_assert_not_null(p->note);
    cr_expect(strstr(p->note, "profiles") != NULL, "%s", p->note);
    cr_expect(strstr(p->note, "Monte Carlo does not estimate holler") != NULL, "%s", p->note);
    cr_expect_null(p->values[PS_HOLLER]);
    cr_expect_eq(p->indices, PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK));
    expect_within(p, ex);
    ps_power_free(p);

    /* nothing Monte Carlo can estimate: the refusal, as with AUTO */
    opt.indices = PS_INDEX_BIT(PS_HOLLER);
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "profiles") != NULL, "%s", err.message);
    cr_expect_null(p);
    /* bad Monte Carlo options are refused up front */
    opt.indices = PS_INDEX_BIT(PS_BANZHAF);
    opt.samples = 0;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_EINVAL);
    opt.samples = 1000;
    opt.method = (ps_power_method)99;
    cr_expect_eq(ps_power_compute(&p, g, &opt, &err), PS_EINVAL);
    ps_power_free(ex);
    ps_game_free(g);
}

Test(power, best_fallback_allocation_failures_are_enomem_and_leak_nothing)
{
    int64_t w[] = {4, 4, 4, 2, 2, 1, 0};
    ps_game *g = weighted(w, 7, 12);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.method = PS_POWER_BEST;
    opt.indices = SWING_SS;
    opt.max_work = 1; /* the programs refuse: every run falls back */
    opt.samples = 100;
    torture(g, &opt);
    opt.max_work = 1e12; /* exact */
    torture(g, &opt);
    ps_game_free(g);
}
