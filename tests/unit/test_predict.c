/* test_predict.c - potential governments, their attributes, the conditional
 * logit fit and the model file. Every expected number is worked out by hand
 * below (the legislature A 40, B 30, C 20, D 10 of 100 at positions 2, 4,
 * 6, 8, majority 51, and two-alternative choices whose logit has a closed
 * form). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/powershare.h"
#include "temp_text.h"

#define SAMPLE PS_TEST_DATA "/parlgov-sample"

static ps_legislature *abcd(bool positions)
{
    ps_legislature *leg = NULL;
    ps_error err;
    cr_assert_eq(ps_legislature_new(&leg, "abcd", 100), 0);
    if (positions)
        cr_assert_eq(ps_legislature_add_dimension(leg, "left_right", NULL, 0, 10, &err), 0);
    const char *ids[] = {"A", "B", "C", "D"};
    const int64_t seats[] = {40, 30, 20, 10};
    for (size_t i = 0; i < 4; i++) {
        size_t k;
        cr_assert_eq(ps_legislature_add_party(leg, ids[i], NULL, seats[i], PS_UNKNOWN, NULL, &k,
                                              &err), 0);
        if (positions)
            leg->parties[k].positions[0] = 2.0 + 2.0 * (double)i;
    }
    return leg;
}

static size_t find(const ps_predict_alts *a, ps_members m)
{
    for (size_t j = 0; j < a->n; j++)
        if (a->members[j] == m)
            return j;
    cr_assert_fail("set %llx not enumerated", (unsigned long long)m);
    return 0;
}

#define A PS_MEMBER(0)
#define B PS_MEMBER(1)
#define C PS_MEMBER(2)
#define D PS_MEMBER(3)

Test(predict, enumeration_order_and_cap)
{
    ps_legislature *leg = abcd(true);
    ps_predict_alts *a = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_alternatives(&a, leg, 0, 0, &err), 0, "%s", err.message);
    cr_expect_eq(a->n, 15); /* 2^4 - 1: 4 parties, no cap by default */
    cr_expect_eq(a->max_parties, 4);
    /* by size, then by mask */
    const ps_members want[] = {A, B, C, D, A | B, A | C, B | C, A | D, B | D, C | D};
    for (size_t j = 0; j < 10; j++)
        cr_expect_eq(a->members[j], want[j], "set %zu", j);
    cr_expect_eq(a->members[14], A | B | C | D);
    ps_predict_alts_free(a);
    /* a cap of 2: 4 + 6 */
    cr_assert_eq(ps_predict_alternatives(&a, leg, 0, 2, &err), 0);
    cr_expect_eq(a->n, 10);
    ps_predict_alts_free(a);
    /* a party with no seat never joins */
    leg->parties[3].seats = 0;
    leg->unattributed_seats = 10;
    cr_assert_eq(ps_predict_alternatives(&a, leg, 0, 0, &err), 0);
    cr_expect_eq(a->n, 7);
    ps_predict_alts_free(a);
    ps_legislature_free(leg);
}

Test(predict, attributes_by_hand)
{
    ps_legislature *leg = abcd(true);
    ps_predict_alts *a = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_alternatives(&a, leg, A | B, 0, &err), 0, "%s", err.message);
    cr_expect(a->positions);
    /* A + C: 60 seats, minimal winning (60 - 20 < 51); median party is B
     * (left of B 40, right 30, both <= 50), so not in; range 6 - 2 = 4;
     * variance (40 (4/3)^2 + 20 (8/3)^2) / 60 = 32/9. Banzhaf swings of
     * [51; 40, 30, 20, 10]: 5, 3, 3, 1 of 12, so A + C has 8/12. */
    const double *x = a->x + find(a, A | C) * PS_PA_COUNT;
    cr_expect_eq(x[PS_PA_MINORITY], 0);
    cr_expect_eq(x[PS_PA_MINIMAL], 1);
    cr_expect_eq(x[PS_PA_PARTIES], 2);
    cr_expect_float_eq(x[PS_PA_SEAT_SHARE], 0.6, 1e-12);
    cr_expect_eq(x[PS_PA_LARGEST], 1);
    cr_expect_eq(x[PS_PA_MEDIAN], 0);
    cr_expect_float_eq(x[PS_PA_RANGE], 4.0, 1e-12);
    cr_expect_float_eq(x[PS_PA_VARIANCE], 32.0 / 9.0, 1e-12);
    cr_expect_eq(x[PS_PA_NO_POSITION], 0);
    cr_expect_eq(x[PS_PA_INCUMBENT], 0);
    cr_expect_eq(x[PS_PA_PARTNERS], 0);
    cr_expect_float_eq(x[PS_PA_BANZHAF], 8.0 / 12.0, 1e-12);
    /* A + B: the outgoing cabinet; 70 - 30 < 51: minimal; holds B */
    x = a->x + find(a, A | B) * PS_PA_COUNT;
    cr_expect_eq(x[PS_PA_INCUMBENT], 1);
    cr_expect_eq(x[PS_PA_PARTNERS], 1);
    cr_expect_eq(x[PS_PA_MEDIAN], 1);
    cr_expect_eq(x[PS_PA_MINIMAL], 1);
    /* A + B + C: 90 - 20 >= 51: surplus; partners but not the incumbent */
    x = a->x + find(a, A | B | C) * PS_PA_COUNT;
    cr_expect_eq(x[PS_PA_MINORITY] + x[PS_PA_MINIMAL], 0);
    cr_expect_eq(x[PS_PA_INCUMBENT], 0);
    cr_expect_eq(x[PS_PA_PARTNERS], 1);
    /* D alone: minority, banzhaf 1/12, variance 0 */
    x = a->x + find(a, D) * PS_PA_COUNT;
    cr_expect_eq(x[PS_PA_MINORITY], 1);
    cr_expect_eq(x[PS_PA_LARGEST], 0);
    cr_expect_float_eq(x[PS_PA_BANZHAF], 1.0 / 12.0, 1e-12);
    cr_expect_eq(x[PS_PA_RANGE], 0);
    /* B + C + D: 60 - 10 < 51: minimal, three parties */
    x = a->x + find(a, B | C | D) * PS_PA_COUNT;
    cr_expect_eq(x[PS_PA_MINIMAL], 1);
    cr_expect_eq(x[PS_PA_PARTIES], 3);
    ps_predict_alts_free(a);
    ps_legislature_free(leg);
}

Test(predict, missing_positions)
{
    /* no left_right dimension: every set gets no_position 1 and positional
     * attributes 0 (constant, so they cancel out of the probabilities) */
    ps_legislature *leg = abcd(false);
    ps_predict_alts *a = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_alternatives(&a, leg, 0, 0, &err), 0);
    cr_expect(!a->positions);
    for (size_t j = 0; j < a->n; j++) {
        const double *x = a->x + j * PS_PA_COUNT;
        cr_expect_eq(x[PS_PA_NO_POSITION], 1);
        cr_expect_eq(x[PS_PA_MEDIAN] + x[PS_PA_RANGE] + x[PS_PA_VARIANCE], 0);
    }
    ps_predict_alts_free(a);
    ps_legislature_free(leg);
    /* one party unplaced: only the sets holding it are flagged; range and
     * variance use the placed members (A + D: only A placed: range 0) */
    leg = abcd(true);
    leg->parties[3].positions[0] = NAN;
    cr_assert_eq(ps_predict_alternatives(&a, leg, 0, 0, &err), 0);
    cr_expect(!a->positions);
    cr_expect_eq(a->x[find(a, A | D) * PS_PA_COUNT + PS_PA_NO_POSITION], 1);
    cr_expect_eq(a->x[find(a, A | D) * PS_PA_COUNT + PS_PA_RANGE], 0);
    cr_expect_eq(a->x[find(a, A | C) * PS_PA_COUNT + PS_PA_NO_POSITION], 0);
    cr_expect_eq(a->x[find(a, A | B) * PS_PA_COUNT + PS_PA_MEDIAN], 0); /* no median */
    ps_predict_alts_free(a);
    ps_legislature_free(leg);
}

/* Two alternatives differing only in attribute k (1 versus 0). */
static ps_predict_alts *pair(int k)
{
    ps_predict_alts *a = psi_calloc(1, sizeof *a);
    a->n = 2;
    a->members = psi_calloc(2, sizeof *a->members);
    a->x = psi_calloc(2 * PS_PA_COUNT, sizeof *a->x);
    a->members[0] = A;
    a->members[1] = B;
    a->x[k] = 1;
    return a;
}

Test(predict, fit_closed_form)
{
    /* 3 choices of the x = 1 alternative, 1 of the x = 0 one: the logit
     * maximum is beta = log 3, p = 3/4, information 4 p (1 - p) = 3/4, so
     * se = 1 / sqrt(3/4). A ridge of 1e-10 moves this by ~1e-10. */
    ps_predict_alts *a = pair(PS_PA_INCUMBENT);
    ps_predict_obs obs[4] = {{a, 0}, {a, 0}, {a, 0}, {a, 1}};
    ps_predict_model *m = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_fit(&m, obs, 4, 1e-10, &err), 0, "%s", err.message);
    cr_expect_float_eq(m->beta[PS_PA_INCUMBENT], log(3.0), 1e-7);
    cr_expect_float_eq(m->se[PS_PA_INCUMBENT], 1.0 / sqrt(0.75), 1e-6);
    cr_expect_float_eq(m->beta[PS_PA_PARTIES], 0.0, 1e-12);
    cr_expect_float_eq(m->null_loglik, 4 * log(0.5), 1e-12);
    cr_expect_float_eq(m->loglik, 3 * log(0.75) + log(0.25), 1e-9);
    double p[2];
    ps_predict_probabilities(p, m, a, NULL);
    cr_expect_float_eq(p[0], 0.75, 1e-7);
    size_t *order = NULL;
    cr_assert_eq(ps_predict_order(&order, p, 2, &err), 0);
    cr_expect_eq(order[0], 0);
    ps_predict_order_free(order);
    ps_predict_model_free(m);
    ps_predict_alts_free(a);
}

Test(predict, separation_stays_finite)
{
    /* the x = 1 alternative always chosen: no finite maximum without the
     * penalty; with ridge r the optimum solves 3 (1 - s(b)) = r b. */
    ps_predict_alts *a = pair(PS_PA_MEDIAN);
    ps_predict_obs obs[3] = {{a, 0}, {a, 0}, {a, 0}};
    ps_predict_model *m = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_fit(&m, obs, 3, 0.01, &err), 0, "%s", err.message);
    double b = m->beta[PS_PA_MEDIAN];
    cr_expect(isfinite(b) && b > 3 && b < 10, "beta %g", b);
    cr_expect_float_eq(3.0 / (1.0 + exp(b)), 0.01 * b, 1e-9);
    ps_predict_model_free(m);
    /* the default ridge (negative argument) is PS_PREDICT_RIDGE */
    cr_assert_eq(ps_predict_fit(&m, obs, 3, -1, &err), 0);
    cr_expect_eq(m->ridge, PS_PREDICT_RIDGE);
    ps_predict_model_free(m);
    /* a chosen index out of range */
    obs[1].chosen = 2;
    cr_expect_eq(ps_predict_fit(&m, obs, 3, 0.01, &err), PS_EINVAL);
    cr_expect_eq(ps_predict_fit(&m, obs, 0, 0.01, &err), PS_EINVAL);
    ps_predict_alts_free(a);
}


Test(predict, model_round_trip)
{
    ps_predict_model m0 = {.ridge = 0.01, .cases = 7, .alternatives = 99, .loglik = -1.5,
                           .null_loglik = -2.25, .iterations = 4, .max_parties = 6,
                           .inclusive = true};
    for (int k = 0; k < PS_PA_COUNT; k++) {
        m0.beta[k] = 0.1 * k - 1.0 / 3.0;
        m0.se[k] = 1.0 / (k + 7);
    }
    m0.source = (char *)"a \"test\"";
    char *text = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_model_write(&text, &m0, &err), 0);
    const char *path = temp_text(text);
    ps_predict_text_free(text);
    ps_predict_model *m = NULL;
    cr_assert_eq(ps_predict_model_load(&m, path, &err), 0, "%s", err.message);
    for (int k = 0; k < PS_PA_COUNT; k++) {
        cr_expect_eq(m->beta[k], m0.beta[k]); /* 17 digits: exact */
        cr_expect_eq(m->se[k], m0.se[k]);
    }
    cr_expect_str_eq(m->source, "a \"test\"");
    cr_expect_eq(m->cases, 7);
    cr_expect_eq(m->max_parties, 6);
    cr_expect_eq(m->loglik, -1.5);
    ps_predict_model_free(m);
    remove(path);
}

Test(predict, model_errors)
{
    ps_predict_model *m = NULL;
    ps_error err;
    const char *path = temp_text("{\"format\": \"powershare-predict-model/1\",\n"
                            " \"coefficients\": {\"minority\": {\"beta\": 1},\n"
                            "   \"colour\": {\"beta\": 2}}}\n");
    cr_expect_eq(ps_predict_model_load(&m, path, &err), PS_EDATA);
    cr_expect_eq(err.line, 3);
    cr_expect_eq(err.column, 4);
    cr_expect(strstr(err.message, "unknown attribute 'colour'"), "%s", err.message);
    remove(path);
    path = temp_text("{\"format\": \"powershare-predict-model/1\",\n"
                      " \"coefficients\": {\"minority\": {\"beta\": 1}}}\n");
    cr_expect_eq(ps_predict_model_load(&m, path, &err), PS_EDATA);
    cr_expect(strstr(err.message, "no coefficient for attribute 'minimal_winning'"), "%s",
              err.message);
    remove(path);
    path = temp_text("{\"format\": \"powershare-legislature/1\"}");
    cr_expect_eq(ps_predict_model_load(&m, path, &err), PS_EDATA);
    remove(path);
    cr_expect(!m);
}

Test(predict, parlgov_sample)
{
    ps_parlgov *pg = NULL;
    ps_predict_data *d = NULL;
    ps_error err;
    cr_assert_eq(ps_parlgov_load(&pg, SAMPLE, NULL, false, &err), 0, "%s", err.message);
    cr_assert_eq(ps_predict_data_build(&d, pg, SAMPLE, 0, &err), 0, "%s", err.message);
    /* XMP 2001, XMP 2009, YEX 2003 (XMP 2005 has a single-party majority) */
    cr_assert_eq(d->n, 3);
    for (size_t i = 0; i < d->n; i++) {
        cr_assert(d->chosen[i] >= 0);
        cr_expect_eq(d->alts[i]->members[d->chosen[i]], d->cases[i]->cabinet);
    }
    /* XMP 2009 (Gamma): previous cabinet Beta I had party A alone */
    const ps_parlgov_case *c = d->cases[1];
    cr_assert_str_eq(c->election_date, "2009-03-01");
    cr_expect_eq(d->alts[1]->incumbent, PS_MEMBER(ps_legislature_find_party(c->leg, "A")));
    cr_expect_eq(d->alts[0]->incumbent, 0); /* Alpha I: no previous cabinet */
    ps_predict_eval ev;
    cr_assert_eq(ps_predict_evaluate(&ev, d, 2005, 0.01, &err), 0, "%s", err.message);
    cr_expect_eq(ev.countries, 2);
    cr_expect_eq(ev.loco.cases, 3);
    cr_expect_eq(ev.time_train.cases, 2); /* 2001, 2003 */
    cr_expect_eq(ev.time_test.cases, 1);
    cr_expect_eq(ev.theory[PS_THEORY_MINIMAL].cases, 3);
    ps_predict_data_free(d);
    ps_parlgov_free(pg);
}

Test(predict, allocation_failures)
{
    long start = psi_alloc_live();
    ps_legislature *leg = abcd(true);
    long base = psi_alloc_live();
    for (long k = 0;; k++) {
        ps_predict_alts *a = NULL;
        ps_predict_model *m = NULL;
        char *text = NULL;
        ps_error err;
        psi_alloc_fail_after(k);
        int rc = ps_predict_alternatives(&a, leg, A | B, 0, &err);
        if (rc == 0) {
            ps_predict_obs obs[2] = {{a, 4}, {a, 5}};
            rc = ps_predict_fit(&m, obs, 2, 0.01, &err);
        }
        if (rc == 0)
            rc = ps_predict_model_write(&text, m, &err);
        psi_alloc_fail_after(-1);
        cr_assert(rc == 0 || rc == PS_ENOMEM, "rc %d at %ld: %s", rc, k, err.message);
        ps_predict_text_free(text);
        ps_predict_model_free(m);
        ps_predict_alts_free(a);
        cr_assert_eq(psi_alloc_live(), base, "leak after failure %ld", k);
        if (rc == 0)
            break;
    }
    for (long k = 0;; k++) {
        ps_parlgov *pg = NULL;
        ps_predict_data *d = NULL;
        ps_predict_eval ev;
        ps_error err;
        psi_alloc_fail_after(k);
        int rc = ps_parlgov_load(&pg, SAMPLE, NULL, false, &err);
        if (rc == 0)
            rc = ps_predict_data_build(&d, pg, SAMPLE, 0, &err);
        if (rc == 0)
            rc = ps_predict_evaluate(&ev, d, 2005, 0.01, &err);
        psi_alloc_fail_after(-1);
        cr_assert(rc == 0 || rc == PS_ENOMEM, "rc %d at %ld: %s", rc, k, err.message);
        ps_predict_data_free(d);
        ps_parlgov_free(pg);
        cr_assert_eq(psi_alloc_live(), base, "leak after failure %ld", k);
        if (rc == 0)
            break;
    }
    ps_legislature_free(leg);
    cr_assert_eq(psi_alloc_live(), start);
}

Test(predict, user_attribute)
{
    ps_legislature *leg = abcd(true);
    ps_predict_alts *a = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_alternatives(&a, leg, 0, 0, &err), 0);
    double *off = psi_calloc(a->n, sizeof *off);
    /* on left_right (2, 4, 6, 8): A + C sums 8; times 0.5 */
    cr_assert_eq(ps_predict_user_offset(off, a, leg, "left_right", 0.5, &err), 0);
    cr_expect_float_eq(off[find(a, A | C)], 4.0, 1e-12);
    cr_expect_float_eq(off[find(a, A | B | C | D)], 10.0, 1e-12);
    cr_expect_eq(ps_predict_user_offset(off, a, leg, "size", 1, &err), PS_EDATA);
    cr_expect(strstr(err.message, "no dimension 'size' in the legislature; it has: left_right"), "%s", err.message);
    psi_free(off);
    ps_predict_alts_free(a);
    ps_legislature_free(leg);
}

Test(predict, condition_narrows_the_choice_set)
{
    ps_legislature *leg = abcd(true);
    ps_condition *cond = NULL;
    ps_predict_alts *a = NULL;
    ps_error err;
    cr_assert_eq(ps_condition_new(&cond, leg, &err), 0);
    cr_assert_eq(ps_condition_exclude(cond, leg, "A", &err), 0);
    ps_predict_options opt;
    ps_predict_options_init(&opt);
    opt.condition = cond;
    /* without A: the 7 sets of B, C, D. The chamber's attributes stay
     * the whole chamber's: the largest party is still A (not in B + C),
     * the median still B (in it), Banzhaf of B + C 3/12 + 3/12 */
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0, "%s", err.message);
    cr_expect_eq(a->n, 7);
    cr_expect(a->conditioned);
    for (size_t j = 0; j < a->n; j++)
        cr_expect_eq(a->members[j] & A, 0, "set %zu holds A", j);
    const double *x = a->x + find(a, B | C) * PS_PA_COUNT;
    cr_expect_eq(x[PS_PA_LARGEST], 0);
    cr_expect_eq(x[PS_PA_MEDIAN], 1);
    cr_expect_float_eq(x[PS_PA_BANZHAF], 6.0 / 12.0, 1e-12);
    ps_predict_alts_free(a);
    /* and B required, at most 2 parties (the condition's limit lowers the
     * cap): B, B + C, B + D */
    cr_assert_eq(ps_condition_require(cond, leg, "B", &err), 0);
    cond->max_parties = 2;
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0, "%s", err.message);
    cr_expect_eq(a->n, 3);
    cr_expect_eq(a->max_parties, 2);
    cr_expect_eq(a->members[0], B);
    cr_expect_eq(a->members[1], B | C);
    cr_expect_eq(a->members[2], B | D);
    ps_predict_alts_free(a);
    /* a contradiction (A both required and excluded) says so */
    cr_assert_eq(ps_condition_require(cond, leg, "A", &err), 0);
    cr_expect_eq(ps_predict_enumerate(&a, leg, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "'A' is both required and excluded"), "%s", err.message);
    cr_expect_null(a);
    ps_condition_free(cond);
    ps_legislature_free(leg);
}

Test(predict, any_dimension)
{
    ps_legislature *leg = abcd(true);
    ps_error err;
    cr_assert_eq(ps_legislature_add_dimension(leg, "eu", NULL, 0, 10, &err), 0);
    /* eu: D 1, C 2, A 3, B 4: A is the median party (30 seats on each side) */
    const double eu[] = {3, 4, 2, 1};
    for (size_t i = 0; i < 4; i++)
        leg->parties[i].positions[1] = eu[i];
    ps_predict_options opt;
    ps_predict_options_init(&opt);
    opt.dimension = "eu";
    ps_predict_alts *a = NULL;
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0, "%s", err.message);
    cr_expect_eq(a->dimension, 1);
    cr_expect(a->positions);
    cr_expect_eq(a->x[find(a, A) * PS_PA_COUNT + PS_PA_MEDIAN], 1);
    cr_expect_eq(a->x[find(a, B) * PS_PA_COUNT + PS_PA_MEDIAN], 0);
    /* C + D on eu: 2 - 1 = 1; on left_right 8 - 6 = 2 */
    cr_expect_float_eq(a->x[find(a, C | D) * PS_PA_COUNT + PS_PA_RANGE], 1.0, 1e-12);
    ps_predict_alts_free(a);
    opt.dimension = NULL; /* left_right: B is the median party */
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0);
    cr_expect_eq(a->dimension, 0);
    cr_expect_eq(a->x[find(a, B) * PS_PA_COUNT + PS_PA_MEDIAN], 1);
    cr_expect_float_eq(a->x[find(a, C | D) * PS_PA_COUNT + PS_PA_RANGE], 2.0, 1e-12);
    ps_predict_alts_free(a);
    opt.dimension = "size";
    cr_expect_eq(ps_predict_enumerate(&a, leg, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "no dimension 'size' in the legislature; it has: left_right, eu"),
              "%s", err.message);
    ps_legislature_free(leg);
}

Test(predict, incumbent_without_seats_drops_out)
{
    /* D lost its seats: the outgoing cabinet C + D is C in this chamber */
    ps_legislature *leg = abcd(false);
    leg->parties[3].seats = 0;
    leg->unattributed_seats = 10;
    ps_predict_options opt;
    ps_predict_options_init(&opt);
    opt.incumbent = C | D;
    ps_predict_alts *a = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0, "%s", err.message);
    cr_expect_eq(a->incumbent, C);
    cr_expect_eq(a->x[find(a, C) * PS_PA_COUNT + PS_PA_INCUMBENT], 1);
    ps_predict_alts_free(a);
    ps_legislature_free(leg);
}

Test(predict, model_find)
{
    char *path = NULL;
    ps_error err;
    /* a path given is used as is, even "-" */
    cr_assert_eq(ps_predict_model_find(&path, "-", &err), 0);
    cr_expect_str_eq(path, "-");
    ps_predict_text_free(path);
    /* POWERSHARE_MODEL */
    setenv(PS_PREDICT_MODEL_ENV, PS_SOURCE_ROOT "/data/predict-model.json", 1);
    cr_assert_eq(ps_predict_model_find(&path, NULL, &err), 0, "%s", err.message);
    cr_expect_str_eq(path, PS_SOURCE_ROOT "/data/predict-model.json");
    ps_predict_text_free(path);
    /* naming no file: an error, not a reason to look further */
    setenv(PS_PREDICT_MODEL_ENV, PS_SOURCE_ROOT "/no-such-model.json", 1);
    cr_expect_eq(ps_predict_model_find(&path, PS_PREDICT_MODEL_SEARCH, &err), PS_EIO);
    cr_expect_null(path);
    cr_expect(strstr(err.message, "POWERSHARE_MODEL names '" PS_SOURCE_ROOT "/no-such-model.json'"),
              "%s", err.message);
    cr_expect(strstr(err.message, "--model FILE"), "%s", err.message);
    /* unset: this test program lives in the build folder, so the source
     * tree's data/ is found */
    unsetenv(PS_PREDICT_MODEL_ENV);
    cr_assert_eq(ps_predict_model_find(&path, NULL, &err), 0, "%s", err.message);
    cr_expect_str_eq(path, PS_SOURCE_ROOT "/data/predict-model.json");
    ps_predict_model *m = NULL;
    cr_expect_eq(ps_predict_model_load(&m, path, &err), 0, "%s", err.message);
    ps_predict_model_free(m);
    ps_predict_text_free(path);
}
