/*
 * test_simulate.c - the simulate stage: random numbers against the
 * reference algorithms, gamma moments, the polls reader and its errors,
 * pooling, near-deterministic chambers whose seats are known by hand, an
 * analytic two-party probability, reproducibility over threads and ranks,
 * and allocation failures.
 *
 * Expected values: xoshiro256** outputs and the jumped state come from a
 * straight Python transcription of the authors' reference code (state
 * {1, 2, 3, 4}: 0x2d00, 0x0, 0x5a007080, ...; after one jump 0xbbd2f312298443d8);
 * splitmix64(0) = 0xe220a8397b1dcdaf is the well-known first output. Seats
 * of tests/data/simulate/three.csv are worked out in its README. The
 * two-party probability P(Beta(52.5, 48.5) > 1/2) = 0.655317 was integrated
 * numerically (Simpson, 200000 intervals) in Python.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "powershare/simulate.h"
#include "powershare/system.h"
#include "simulate/simulate_impl.h"
#include "temp_text.h"

#define DATA PS_TEST_DATA "/simulate/"

/* ---- random numbers ---------------------------------------------------------- */

Test(rng, xoshiro_reference_outputs)
{
    psi_xoshiro r = {{1, 2, 3, 4}};
    cr_assert_eq(psi_xoshiro_next(&r), 0x2d00u);
    cr_assert_eq(psi_xoshiro_next(&r), 0x0u);
    cr_assert_eq(psi_xoshiro_next(&r), 0x5a007080u);
    cr_assert_eq(psi_xoshiro_next(&r), 0x10e0000000009d80u);
}

Test(rng, jump_matches_reference)
{
    psi_xoshiro r = {{1, 2, 3, 4}};
    psi_xoshiro_jump(&r);
    cr_assert_eq(psi_xoshiro_next(&r), 0xbbd2f312298443d8u);
    cr_assert_eq(psi_xoshiro_next(&r), 0x62e57db2d5706577u);
}

Test(rng, splitmix_seeding)
{
    psi_xoshiro r;
    psi_xoshiro_seed(&r, 0);
    cr_assert_eq(r.s[0], 0xe220a8397b1dcdafu);
    cr_assert_eq(r.s[1], 0x6e789e6aa1b965f4u);
}

Test(rng, uniform_stays_open)
{
    psi_xoshiro r;
    psi_xoshiro_seed(&r, 7);
    double lo = 1, hi = 0;
    for (int i = 0; i < 100000; i++) {
        double u = psi_uniform_open(&r);
        lo = u < lo ? u : lo;
        hi = u > hi ? u : hi;
    }
    cr_assert(lo > 0.0 && hi < 1.0);
    cr_assert(lo < 0.001 && hi > 0.999);
}

/* Gamma(a, 1) has mean a and variance a: the sample mean must be within
 * five standard errors sqrt(a / n). */
static void gamma_moments(double a)
{
    psi_xoshiro r;
    psi_xoshiro_seed(&r, 42);
    const int n = 200000;
    double s = 0, s2 = 0;
    for (int i = 0; i < n; i++) {
        double g = psi_gamma(&r, a);
        cr_assert(g > 0.0);
        s += g;
        s2 += g * g;
    }
    double mean = s / n, var = s2 / n - mean * mean;
    cr_assert(fabs(mean - a) < 5 * sqrt(a / n), "Gamma(%g) mean %g", a, mean);
    /* the variance of the sample variance is about (2 a^2 + 6 a) / n */
    cr_assert(fabs(var - a) < 5 * sqrt((2 * a * a + 6 * a) / n), "Gamma(%g) variance %g", a, var);
}

Test(gamma, moments_small_shape) { gamma_moments(0.5); }
Test(gamma, moments_medium_shape) { gamma_moments(2.5); }
Test(gamma, moments_large_shape) { gamma_moments(480.5); }

Test(gamma, dirichlet_sums_to_one)
{
    psi_xoshiro r;
    psi_xoshiro_seed(&r, 3);
    double alpha[4] = {0.5, 1, 30, 1000}, x[4];
    for (int k = 0; k < 1000; k++) {
        psi_dirichlet(&r, alpha, 4, x);
        cr_assert(fabs(x[0] + x[1] + x[2] + x[3] - 1.0) < 1e-12);
    }
}

/* ---- polls ---------------------------------------------------------------------- */

static int parse(ps_polls **p, const char *text, ps_error *err)
{
    return ps_polls_parse(p, text, strlen(text), "p.csv", err);
}

Test(polls, percent_and_fraction_normalised)
{
    ps_polls *p = NULL;
    ps_error err;
    cr_assert_eq(ps_polls_load(&p, DATA "pooled.csv", &err), 0, "%s", err.message);
    cr_assert_eq(p->n_parties, 2);
    cr_assert_eq(p->n_polls, 3);
    cr_assert_str_eq(p->parties[0], "A");
    cr_assert_str_eq(p->communities[1], "south");
    cr_assert_eq(p->n_warnings, 0);
    cr_assert_float_eq(p->polls[2].shares[0], 0.3, 1e-15);

    double pooled[2];
    int64_t n;
    size_t used;
    cr_assert_eq(ps_polls_pool(pooled, &n, &used, p, 0, &err), 0);
    cr_assert_eq(n, 4000);
    cr_assert_eq(used, 2);
    cr_assert_float_eq(pooled[0], 0.375, 1e-12);
    cr_assert_eq(ps_polls_pool(pooled, &n, &used, p, 1500, &err), 0);
    cr_assert_eq(n, 1500, "the cap applies");
    ps_polls_free(p);
}

Test(polls, rounding_is_silent_and_larger_gaps_warn)
{
    ps_polls *p = NULL;
    ps_error err;
    cr_assert_eq(parse(&p, "pollster,date,party,share,respondents\n"
                           "X,2024-01-01,A,50.2,100\nX,2024-01-01,B,50,100\n", &err), 0);
    cr_assert_eq(p->n_warnings, 0, "0.2%% off is rounding");
    ps_polls_free(p);
    cr_assert_eq(parse(&p, "pollster,date,party,share,respondents\n"
                           "X,2024-01-01,A,52,100\nX,2024-01-01,B,50,100\n", &err), 0);
    cr_assert_eq(p->n_warnings, 1);
    cr_assert_str_eq(p->warnings[0], "p.csv:2: the shares of the poll of X on 2024-01-01 add "
                                     "up to 102, not 100; normalised");
    cr_assert_float_eq(p->polls[0].shares[0], 52.0 / 102.0, 1e-15);
    ps_polls_free(p);
}

static void refused(const char *text, int code, long line, long col, const char *msg)
{
    ps_polls *p = (ps_polls *)1;
    ps_error err;
    cr_assert_eq(parse(&p, text, &err), code, "got %d: %s", err.code, err.message);
    cr_assert_null(p);
    cr_assert_str_eq(err.file, "p.csv");
    cr_assert_eq(err.line, line, "line %ld for %s", err.line, err.message);
    cr_assert_eq(err.column, col, "column %ld for %s", err.column, err.message);
    cr_assert_str_eq(err.message, msg);
}

#define HDR "pollster,date,party,share,respondents\n"

Test(polls, errors_name_line_and_column)
{
    refused(HDR "X,2024-01-01,A,50,100\nX,2024-01-01,B,40,100\n", PS_EDATA, 2, 0,
            "the shares of the poll of X on 2024-01-01 add up to 90; expected about 100 "
            "(percent) or 1 (fractions), within 3%");
    refused(HDR "X,2024-01-01,A,50,-100\n", PS_EDATA, 2, 19,
            "'respondents' must not be negative, got -100");
    refused(HDR "X,2024-01-01,A,50,0\n", PS_EDATA, 2, 19, "'respondents' must be at least 1, got 0");
    refused(HDR "X,,A,50,10\n", PS_EDATA, 2, 3, "the poll has no date; expected 'date' as YYYY-MM-DD");
    refused(HDR "X,2024-02-30,A,50,10\n", PS_EDATA, 2, 3,
            "expected 'date' as YYYY-MM-DD, got '2024-02-30'");
    refused(HDR "X,2024-01-01,A,-5,10\n", PS_EDATA, 2, 16, "'share' must not be negative, got -5");
    refused(HDR "X,2024-01-01,A,50,10\nX,2024-01-01,A,50,10\n", PS_EDATA, 3, 14,
            "party 'A' appears twice in the poll of X on 2024-01-01 (first on line 2)");
    refused(HDR "X,2024-01-01,A,50,10\nX,2024-01-01,B,50,11\n", PS_EDATA, 3, 19,
            "the poll of X on 2024-01-01 has 10 respondents on line 2 but 11 here; every "
            "row of one poll must give the same number");
    refused("pollster,date,party,share\n", PS_EDATA, 1, 0,
            "missing column 'respondents'; expected pollster, date, party, share, respondents "
            "(and optionally community)");
    refused(HDR, PS_EDATA, 0, 0, "no rows after the header; expected one row per party and poll");
    refused("pollster,date,party,share,respondents,community\n"
            "X,2024-01-01,A,50,10,n\nY,2024-01-01,A,50,10,s\n",
            PS_EDATA, 3, 22, "party 'A' is in community 's' here but 'n' on an earlier row");
}

/* ---- the election section ----------------------------------------------------------- */

Test(election, section_read_exactly)
{
    ps_document *doc = NULL;
    ps_election *e = NULL;
    ps_error err;
    cr_assert_eq(ps_document_load(&doc, DATA "election.json", &err), 0, "%s", err.message);
    cr_assert_eq(ps_election_from_document(&e, doc, &err), 0, "%s", err.message);
    ps_document_free(doc); /* the election is the caller's, independent of the document */
    cr_assert_not_null(e);
    cr_assert_eq(e->rules.method, PS_MODIFIED_SAINTE_LAGUE);
    cr_assert_eq(e->rules.seats, 9);
    cr_assert_eq(e->rules.first_divisor.num, 7);
    cr_assert_eq(e->rules.first_divisor.den, 5);
    cr_assert_eq(e->rules.threshold, PS_THRESHOLD_SHARE);
    cr_assert_eq(e->rules.threshold_share.num, 1);
    cr_assert_eq(e->rules.threshold_share.den, 20);
    cr_assert_eq(e->n_exempt, 1);
    cr_assert_str_eq(e->exempt[0], "C");
    cr_assert_eq(e->exempt_line[0], 10);
    ps_election_free(e);
}

static void election_refused(const char *json, long line, long col, const char *msg)
{
    const char *path = temp_text(json);
    ps_document *doc = NULL;
    ps_election *e = (ps_election *)1;
    ps_error err;
    int rc = ps_document_load(&doc, path, &err);
    cr_assert_eq(rc, PS_OK, "%s", err.message);
    rc = ps_election_from_document(&e, doc, &err);
    ps_document_free(doc);
    remove(path);
    cr_assert_eq(rc, PS_EDATA, "got %d: %s", rc, err.message);
    cr_assert_str_eq(err.file, path);
    cr_assert_null(e);
    cr_assert_eq(err.line, line, "line %ld: %s", err.line, err.message);
    cr_assert_eq(err.column, col, "column %ld: %s", err.column, err.message);
    cr_assert_str_eq(err.message, msg);
}

#define LEG "{\"name\": \"x\", \"total_seats\": 9, \"parties\": [{\"id\": \"A\", \"seats\": 9}],\n"

Test(election, errors_at_the_value)
{
    election_refused(LEG " \"election\": {\"method\": \"dhondt\", \"seats\": 0}}", 2, 44,
                     "'seats' must be at least 1, got 0");
    election_refused(LEG " \"election\": {\"method\": \"sainte-lague\", \"seats\": 9, "
                         "\"threshold\": \"120%\"}}", 2, 66,
                     "'threshold' 120% is more than 100% of the votes");
    election_refused(LEG " \"election\": {\"method\": \"dhondt\", \"seats\": 9, "
                         "\"first_divisor\": 1.4}}", 2, 64,
                     "'first_divisor' applies to modified-sainte-lague only");
    election_refused(LEG " \"election\": {\"seats\": 9}}", 2, 14,
                     "the election section needs 'method' (e.g. \"sainte-lague\")");
}

Test(election, absent_section_is_null)
{
    /* a CSV legislature has no sections (three.csv, which this test used to
     * read, is a table of polls, not a legislature: a document refuses it) */
    ps_document *doc = NULL;
    ps_election *e = (ps_election *)1;
    ps_error err;
    cr_assert_eq(ps_document_load(&doc, PS_TEST_DATA "/io/legislature.csv", &err), 0, "%s",
                 err.message);
    cr_assert_eq(ps_election_from_document(&e, doc, &err), 0);
    cr_assert_null(e);
    ps_document_free(doc);
    /* and a JSON legislature without the key */
    e = (ps_election *)1;
    cr_assert_eq(ps_document_load(&doc, PS_TEST_DATA "/io/small.json", &err), 0, "%s",
                 err.message);
    cr_assert_eq(ps_election_from_document(&e, doc, &err), 0);
    cr_assert_null(e);
    ps_document_free(doc);
}

/* ---- simulation ------------------------------------------------------------------ */

typedef struct fixture {
    double alpha[8];
    bool others[8];
    int community[8];
    ps_sim_model m;
} fixture;

static void model3(fixture *f, ps_method method, int64_t seats)
{
    memset(f, 0, sizeof *f);
    f->alpha[0] = 0.45e12 + 0.5;
    f->alpha[1] = 0.35e12 + 0.5;
    f->alpha[2] = 0.20e12 + 0.5;
    f->m.n = 3;
    f->m.alpha = f->alpha;
    ps_apportion_options_init(&f->m.rules);
    f->m.rules.method = method;
    f->m.rules.seats = seats;
}

static ps_sim_counts *run(const ps_sim_model *m, uint64_t blocks, uint64_t last, int threads,
                          int rank, int ranks)
{
    ps_sim_counts *c = NULL;
    ps_error err;
    cr_assert_eq(ps_sim_counts_new(&c, m, &err), 0, "%s", err.message);
    ps_sim_run_options o = {.seed = 11, .n_blocks = blocks, .last_draws = last,
                            .threads = threads, .rank = rank, .n_ranks = ranks};
    cr_assert_eq(ps_simulate_run(c, m, &o, &err), 0, "%s", err.message);
    return c;
}

Test(simulate, near_deterministic_chamber_has_the_hand_seats)
{
    fixture f;
    model3(&f, PS_DHONDT, 10);
    f.m.banzhaf = true;
    ps_sim_counts *c = run(&f.m, 1, 1000, 2, 0, 0);
    cr_assert_eq(c->draws[0], 1000);
    int64_t want[3] = {5, 3, 2};
    for (size_t j = 0; j < 3; j++) {
        cr_assert_eq(c->entered[j], 1000);
        cr_assert_eq(c->hist[j * 11 + (size_t)want[j]], 1000, "party %zu", j);
        cr_assert_eq(ps_sim_seat_quantile(c, j, 0.05), want[j]);
        cr_assert_eq(ps_sim_seat_quantile(c, j, 0.95), want[j]);
        cr_assert_float_eq(ps_sim_seat_mean(c, j), (double)want[j], 1e-12);
    }
    cr_assert_eq(ps_sim_majority(c), 6);
    /* masks: A = 1, B = 2, C = 4; A+B (8 seats) and A+C (7) are minimal */
    cr_assert_eq(c->win[3], 1000);
    cr_assert_eq(c->minimal[3], 1000);
    cr_assert_eq(c->win[5], 1000);
    cr_assert_eq(c->minimal[5], 1000);
    cr_assert_eq(c->win[6], 0);
    cr_assert_eq(c->win[7], 1000);
    cr_assert_eq(c->minimal[7], 0);
    cr_assert_eq(c->win[1], 0);
    /* Banzhaf of the game [6; 5, 3, 2]: swings 3, 1, 1 */
    double m, se;
    ps_sim_banzhaf(&m, &se, c, 0);
    cr_assert_float_eq(m, 0.6, 1e-9);
    cr_assert_float_eq(se, 0.0, 1e-6);
    ps_sim_banzhaf(&m, &se, c, 2);
    cr_assert_float_eq(m, 0.2, 1e-9);
    cr_assert_eq(c->ties[0], 0);
    ps_sim_counts_free(c);
}

Test(simulate, threshold_others_and_exemption)
{
    /* A 61%, B 35%, C 3% (below 5%), others 1% (counted in the valid
     * votes, never seated). Sainte-Lague, 100 seats between A and B: with
     * divisor 0.96, 61 / 0.96 = 63.54 -> 64 and 35 / 0.96 = 36.46 -> 36. */
    fixture f;
    memset(&f, 0, sizeof f);
    double share[4] = {0.61, 0.35, 0.03, 0.01};
    for (int i = 0; i < 4; i++)
        f.alpha[i] = share[i] * 1e12 + 0.5;
    f.others[3] = true;
    f.m.n = 4;
    f.m.alpha = f.alpha;
    f.m.others = f.others;
    ps_apportion_options_init(&f.m.rules);
    f.m.rules.method = PS_SAINTE_LAGUE;
    f.m.rules.seats = 100;
    f.m.rules.threshold = PS_THRESHOLD_SHARE;
    f.m.rules.threshold_share = (ps_ratio){1, 20};
    ps_sim_counts *c = run(&f.m, 1, 500, 1, 0, 0);
    cr_assert_eq(c->m, 3, "others is not a party");
    cr_assert_eq(c->entered[2], 0);
    cr_assert_eq(c->hist[0 * 101 + 64], 500);
    cr_assert_eq(c->hist[1 * 101 + 36], 500);
    ps_sim_counts_free(c);

    bool exempt[4] = {false, false, true, false};
    f.m.exempt = exempt;
    c = run(&f.m, 1, 500, 1, 0, 0);
    cr_assert_eq(c->entered[2], 500);
    ps_sim_counts_free(c);
}

Test(simulate, quota_method_and_quota_threshold)
{
    /* Hare, 11 seats over A 45, B 35, C 20: quotas 4.95, 3.85, 2.2; floors
     * 4 + 3 + 2 = 9, the two remainders .95 (A) and .85 (B) take the rest:
     * 5, 4, 2. */
    fixture f;
    model3(&f, PS_HARE, 11);
    ps_sim_counts *c = run(&f.m, 1, 300, 1, 0, 0);
    cr_assert_eq(c->hist[0 * 12 + 5], 300);
    cr_assert_eq(c->hist[1 * 12 + 4], 300);
    cr_assert_eq(c->hist[2 * 12 + 2], 300);
    ps_sim_counts_free(c);

    /* A 50, B 42, C 8 with one full quota (10% of 10 seats) as threshold:
     * C is out; D'Hondt gives A 50, 25, 16.7, 12.5, 10 and B 42, 21, 14,
     * 10.5, 8.4 (A's next, 8.33, is below): 5 and 5. */
    f.alpha[0] = 0.50e12 + 0.5;
    f.alpha[1] = 0.42e12 + 0.5;
    f.alpha[2] = 0.08e12 + 0.5;
    f.m.rules.method = PS_DHONDT;
    f.m.rules.seats = 10;
    f.m.rules.threshold = PS_THRESHOLD_QUOTA;
    c = run(&f.m, 1, 300, 2, 0, 0);
    cr_assert_eq(c->entered[2], 0);
    cr_assert_eq(c->hist[0 * 11 + 5], 300);
    cr_assert_eq(c->hist[1 * 11 + 5], 300);
    /* 5 + 5 of 10: majority 6, so only A+B wins and it is minimal */
    cr_assert_eq(c->win[3], 300);
    cr_assert_eq(c->minimal[3], 300);
    cr_assert_eq(c->win[1], 0);
    ps_sim_counts_free(c);
}

Test(simulate, two_parties_match_the_beta_probability)
{
    /* A 52% of 100 respondents against B: A has a majority of 11 D'Hondt
     * seats iff its votes exceed B's, P(Beta(52.5, 48.5) > 1/2) = 0.655317 */
    fixture f;
    memset(&f, 0, sizeof f);
    f.alpha[0] = 52.5;
    f.alpha[1] = 48.5;
    f.m.n = 2;
    f.m.alpha = f.alpha;
    ps_apportion_options_init(&f.m.rules);
    f.m.rules.method = PS_DHONDT;
    f.m.rules.seats = 11;
    ps_sim_counts *c = run(&f.m, 50, 0, 2, 0, 0);
    ps_sim_estimate e = ps_sim_estimate_of(c->win[1], c->draws[0]);
    cr_assert_eq(c->draws[0], 50 * PS_SIM_BLOCK);
    cr_assert(fabs(e.p - 0.655317) < 4 * e.se, "P = %f (se %f)", e.p, e.se);
    cr_assert(e.se > 0.0009 && e.se < 0.0012, "se %f", e.se);
    ps_sim_counts_free(c);
}

Test(simulate, same_counts_for_any_threads_and_ranks)
{
    fixture f;
    memset(&f, 0, sizeof f);
    double share[5] = {0.3, 0.25, 0.2, 0.15, 0.1};
    for (int i = 0; i < 5; i++)
        f.alpha[i] = share[i] * 500 + 0.5;
    f.m.n = 5;
    f.m.alpha = f.alpha;
    f.m.banzhaf = true;
    ps_apportion_options_init(&f.m.rules);
    f.m.rules.method = PS_SAINTE_LAGUE;
    f.m.rules.seats = 31;
    f.m.rules.threshold = PS_THRESHOLD_SHARE;
    f.m.rules.threshold_share = (ps_ratio){1, 10};
    ps_sim_counts *one = run(&f.m, 7, 123, 1, 0, 0);
    ps_sim_counts *three = run(&f.m, 7, 123, 3, 0, 0);
    ps_sim_counts *r0 = run(&f.m, 7, 123, 2, 0, 2);
    ps_sim_counts *r1 = run(&f.m, 7, 123, 1, 1, 2);
    cr_assert_eq(one->draws[0], 6 * PS_SIM_BLOCK + 123);
    cr_assert(memcmp(one->data, three->data, one->len * sizeof *one->data) == 0);
    ps_sim_counts_add(r0, r1);
    cr_assert(memcmp(one->data, r0->data, one->len * sizeof *one->data) == 0);
    cr_assert(one->entered[4] > 0 && one->entered[4] < one->draws[0], "C is sometimes in");
    ps_sim_counts_free(one);
    ps_sim_counts_free(three);
    ps_sim_counts_free(r0);
    ps_sim_counts_free(r1);
}

Test(simulate, communities_condition)
{
    /* A (north) 45, B (south) 35, C (south) 20: 5, 3, 2 seats of 10. Every
     * community is seated; minimal A+B holds north 5/5 and south 3/5: yes. */
    fixture f;
    model3(&f, PS_DHONDT, 10);
    int comm[3] = {0, 1, 1};
    f.m.community = comm;
    f.m.n_communities = 2;
    ps_sim_counts *c = run(&f.m, 1, 100, 1, 0, 0);
    cr_assert_eq(c->psc[0], 100);
    cr_assert_eq(c->psc[1], 100);
    ps_sim_counts_free(c);
    /* A and B north, C south: */
    int comm2[3] = {0, 0, 1};
    f.m.community = comm2;
    c = run(&f.m, 1, 100, 1, 0, 0);
    /* minimal coalitions A+B (south 0 of 2) and A+C (north 5 of 8, south 2
     * of 2): A+C qualifies */
    cr_assert_eq(c->psc[1], 100);
    ps_sim_counts_free(c);
}

Test(simulate, refuses_bad_models)
{
    fixture f;
    model3(&f, PS_DHONDT, 0);
    ps_sim_counts *c = NULL;
    ps_error err;
    cr_assert_eq(ps_sim_counts_new(&c, &f.m, &err), PS_EINVAL);
    model3(&f, PS_DHONDT, 10);
    f.alpha[1] = 0.0;
    cr_assert_eq(ps_sim_counts_new(&c, &f.m, &err), PS_EINVAL);
    cr_assert_null(c);
}

/* ---- allocation failures ------------------------------------------------------------ */

static int torture_job(void)
{
    static const char text[] = HDR "X,2024-01-01,A,45,1000\nX,2024-01-01,B,35,1000\n"
                                   "X,2024-01-01,C,21,1000\nY,2024-01-02,A,40,500\n"
                                   "Y,2024-01-02,B,60,500\n";
    ps_polls *p = NULL;
    ps_error err;
    int rc = ps_polls_parse(&p, text, sizeof text - 1, "t.csv", &err);
    if (rc < 0)
        return rc;
    fixture f;
    model3(&f, PS_SAINTE_LAGUE, 20);
    f.m.banzhaf = true;
    ps_sim_counts *c = NULL;
    rc = ps_sim_counts_new(&c, &f.m, &err);
    if (rc == 0) {
        ps_sim_run_options o = {.seed = 1, .n_blocks = 2, .last_draws = 5, .threads = 2};
        rc = ps_simulate_run(c, &f.m, &o, &err);
    }
    ps_sim_counts_free(c);
    ps_polls_free(p);
    return rc;
}

Test(alloc, every_failure_is_enomem_without_leaks)
{
    /* Each draw of the engine allocates, so a full sweep would take
     * minutes: every n up to 600 (parsing, tallies, both workers' set-up,
     * the first draws of each thread), then a few later ones. */
    psi_alloc_fail_after(-1);
    long baseline = psi_alloc_live();
    cr_assert_eq(torture_job(), 0);
    cr_assert_eq(psi_alloc_live(), baseline);
    for (long n = 0; n < 9000; n = n < 600 ? n + 1 : n + 1700) {
        psi_alloc_fail_after(n);
        int rc = torture_job();
        psi_alloc_fail_after(-1);
        cr_assert(rc == 0 || rc == PS_ENOMEM, "allocation %ld failing gave %d", n, rc);
        cr_assert_eq(psi_alloc_live(), baseline, "allocation %ld failing leaked", n);
        if (n < 100)
            cr_assert_eq(rc, PS_ENOMEM, "allocation %ld failing went unnoticed", n);
    }
}

/* A whole law on every draw: the near-deterministic poll A 45%, B 35%,
 * C 20% under D'Hondt on 10 seats with a bonus of 3 seats from 40%: A
 * gets the bonus and the other 7 go A .45 .225 .15, B .35 .175 .117, C .2:
 * the seven largest give A 3, B 3, C 1; so A 6, B 3, C 1 in every draw. A
 * law that needs constituency seats is refused. */
Test(simulate, a_whole_law_applies_to_every_draw)
{
    fixture f;
    model3(&f, PS_DHONDT, 10);
    static const char *const names[] = {"A", "B", "C"};
    const char *text = "{\"format\": \"powershare-system/1\", \"chamber\": \"T\", \"law\": \"l\", "
                       "\"source\": \"s\", \"seats\": 10, \"method\": \"dhondt\", "
                       "\"bonus\": {\"from\": \"40%\", \"seats\": 3}}";
    ps_system *law = NULL;
    ps_error err;
    cr_assert_eq(ps_system_read(&law, text, strlen(text), "law.json", &err), PS_OK, "%s",
                 err.message);
    f.m.names = names;
    f.m.rules = law->apportion;
    f.m.system = law;
    ps_sim_counts *c = run(&f.m, 1, 500, 2, 0, 0);
    int64_t want[3] = {6, 3, 1};
    for (size_t j = 0; j < 3; j++)
        cr_expect_eq(c->hist[j * 11 + (size_t)want[j]], 500, "party %zu", j);
    ps_sim_counts_free(c);
    ps_system_free(law);
    text = "{\"format\": \"powershare-system/1\", \"chamber\": \"T\", \"law\": \"l\", "
           "\"source\": \"s\", \"seats\": 10, \"method\": \"dhondt\", \"overhang\": true}";
    cr_assert_eq(ps_system_read(&law, text, strlen(text), "law.json", &err), PS_OK, "%s",
                 err.message);
    f.m.system = law;
    f.m.rules = law->apportion;
    cr_expect_eq(ps_sim_counts_new(&c, &f.m, &err), PS_EINVAL);
    cr_expect_not_null(strstr(err.message, "which a poll does not give"), "%s", err.message);
    ps_system_free(law);
}
