/*
 * test_biprop.c - biproportional apportionment (ps_apportion_biproportional)
 * against the official 2020 result of the canton of Uri (tests/data/
 * apportion/ch-uri-2020, source in its meta.txt), brute-force cases and
 * random margins.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "util.h"
#include "powershare/apportion.h"

#define MAXP 64

#define MAXD 8

typedef struct bip_fixture {
    int np, nd;
    const char *parties[MAXP];
    const char *districts[MAXD];
    int64_t votes[MAXP * MAXD];
    int64_t dseats[MAXD];
    int64_t want[MAXP * MAXD];
    row r[MAXP * MAXD];
    row d[MAXD];
} bip_fixture;

static int index_of(const char **list, int *len, const char *name, int add)
{
    for (int i = 0; i < *len; i++)
        if (strcmp(list[i], name) == 0)
            return i;
    cr_assert(add, "unknown name %s", name);
    list[*len] = name;
    return (*len)++;
}

static void load_uri(bip_fixture *b)
{
    row e[MAXP * MAXD];
    memset(b, 0, sizeof *b);
    b->nd = read_csv(PS_TEST_DATA "/apportion/ch-uri-2020/district_seats.csv", b->d, MAXD);
    cr_assert_eq(b->nd, 4);
    for (int j = 0; j < b->nd; j++) {
        b->districts[j] = b->d[j].f[0];
        b->dseats[j] = atoll(b->d[j].f[1]);
    }
    int nr = read_csv(PS_TEST_DATA "/apportion/ch-uri-2020/votes.csv", b->r, MAXP * MAXD);
    for (int i = 0; i < nr; i++) {
        int p = index_of(b->parties, &b->np, b->r[i].f[0], 1);
        int d = index_of(b->districts, &b->nd, b->r[i].f[1], 0);
        b->votes[p * b->nd + d] = atoll(b->r[i].f[2]);
    }
    int ne = read_csv(PS_TEST_DATA "/apportion/ch-uri-2020/expected.csv", e, MAXP * MAXD);
    for (int i = 0; i < ne; i++) {
        int p = index_of(b->parties, &b->np, e[i].f[0], 0);
        int d = index_of(b->districts, &b->nd, e[i].f[1], 0);
        b->want[p * b->nd + d] = atoll(e[i].f[2]);
    }
}

Test(biproportional, uri_2020)
{
    bip_fixture *b = malloc(sizeof *b);
    load_uri(b);
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.method = PS_SAINTE_LAGUE;
    opt.names = b->parties;
    ps_biproportion *r = NULL;
    ps_error err;
    int rc = ps_apportion_biproportional(&r, b->votes, (size_t)b->np, (size_t)b->nd, b->dseats,
                                         &opt, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    /* upper apportionment as published: CVP 12, SPGB 9, FDP 7, SVP 9 */
    const int64_t upper[] = {12, 9, 7, 9};
    for (int p = 0; p < b->np; p++)
        cr_expect_eq(r->party_seats[p], upper[p], "%s", b->parties[p]);
    for (int p = 0; p < b->np; p++)
        for (int d = 0; d < b->nd; d++)
            cr_expect_eq(r->seats[p * b->nd + d], b->want[p * b->nd + d], "%s in %s: %lld",
                         b->parties[p], b->districts[d], (long long)r->seats[p * b->nd + d]);
    cr_expect(r->rounds >= 1 && r->rounds < 1000);
    cr_expect_null(r->tie);
    ps_biproportion_free(r);
    free(b);
}

Test(biproportional, brute_force_cases)
{
    /* Each expected matrix is the only one with the right margins for which
     * divisors exist (checked by enumerating every matrix and testing the
     * divisor inequalities d(s-1) < v / (X_p Y_d) < d(s) as difference
     * constraints in log space with Bellman-Ford, in Python). Sainte-Lague;
     * upper apportionment on sum_d v / seats_d with exact fractions. */
    struct {
        int64_t v[9], ds[3], upper[3], want[9];
    } cases[] = {
        {{2192, 3037, 4442, 337, 3914, 2140, 524, 1384, 1027}, {5, 6, 4}, {8, 5, 2},
         {3, 2, 3, 1, 3, 1, 1, 1, 0}},
        {{3219, 4554, 935, 4801, 2142, 207, 1875, 3443, 2389}, {4, 6, 4}, {5, 4, 5},
         {1, 3, 1, 2, 2, 0, 1, 1, 3}},
    };
    for (int c = 0; c < 2; c++) {
        ps_apportion_options opt;
        ps_apportion_options_init(&opt);
        opt.method = PS_SAINTE_LAGUE;
        ps_biproportion *r = NULL;
        ps_error err;
        cr_assert_eq(ps_apportion_biproportional(&r, cases[c].v, 3, 3, cases[c].ds, &opt, &err), 0,
                     "%s", err.message);
        for (int p = 0; p < 3; p++)
            cr_expect_eq(r->party_seats[p], cases[c].upper[p], "case %d party %d", c, p);
        for (int i = 0; i < 9; i++)
            cr_expect_eq(r->seats[i], cases[c].want[i], "case %d cell %d: %lld", c, i,
                         (long long)r->seats[i]);
        ps_biproportion_free(r);
    }
}

Test(biproportional, invalid_and_infeasible)
{
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    ps_biproportion *r = NULL;
    ps_error err;
    int64_t v[] = {10, 0, 5, 0};
    int64_t ds[] = {3, 2};
    opt.method = PS_HUNTINGTON_HILL;
    cr_expect_eq(ps_apportion_biproportional(&r, v, 2, 2, ds, &opt, &err), PS_EINVAL);
    opt.method = PS_HARE;
    cr_expect_eq(ps_apportion_biproportional(&r, v, 2, 2, ds, &opt, &err), PS_EINVAL);
    opt.method = PS_SAINTE_LAGUE;
    cr_expect_eq(ps_apportion_biproportional(&r, v, 0, 2, ds, &opt, &err), PS_EINVAL);
    /* district 2 has 2 seats but no votes */
    cr_expect_eq(ps_apportion_biproportional(&r, v, 2, 2, ds, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "district #2"), "%s", err.message);
    cr_expect_null(r);
}

Test(biproportional, random_margins_hold)
{
    uint64_t st = 2024;
    for (int t = 0; t < 150; t++) {
        size_t np = 1 + rnd(&st) % 6, nd = 1 + rnd(&st) % 5;
        int64_t v[MAXP * MAXD], ds[MAXD];
        for (size_t i = 0; i < np * nd; i++)
            v[i] = (int64_t)(1 + rnd(&st) % 20000);
        for (size_t d = 0; d < nd; d++)
            ds[d] = (int64_t)(rnd(&st) % 12);
        ps_apportion_options opt;
        ps_apportion_options_init(&opt);
        opt.method = (ps_method)(rnd(&st) % 2 ? PS_SAINTE_LAGUE : PS_DHONDT);
        opt.ties = PS_TIES_FIRST;
        ps_biproportion *r = NULL;
        ps_error err;
        int rc = ps_apportion_biproportional(&r, v, np, nd, ds, &opt, &err);
        cr_assert_eq(rc, 0, "case %d: %s", t, err.message);
        for (size_t p = 0; p < np; p++) {
            int64_t sum = 0;
            for (size_t d = 0; d < nd; d++)
                sum += r->seats[p * nd + d];
            cr_expect_eq(sum, r->party_seats[p], "case %d, party %zu", t, p);
        }
        for (size_t d = 0; d < nd; d++) {
            int64_t sum = 0;
            for (size_t p = 0; p < np; p++)
                sum += r->seats[p * nd + d];
            cr_expect_eq(sum, ds[d], "case %d, district %zu", t, d);
        }
        ps_biproportion_free(r);
    }
}

Test(alloc, biproportional_failures)
{
    bip_fixture *b = malloc(sizeof *b);
    load_uri(b);
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.method = PS_SAINTE_LAGUE;
    long base = psi_alloc_live();
    for (long k = 0;; k++) {
        ps_biproportion *r = NULL;
        psi_alloc_fail_after(k);
        int rc = ps_apportion_biproportional(&r, b->votes, (size_t)b->np, (size_t)b->nd, b->dseats,
                                             &opt, NULL);
        psi_alloc_fail_after(-1);
        if (rc == 0) {
            ps_biproportion_free(r);
            break;
        }
        cr_assert_eq(rc, PS_ENOMEM, "failure %ld: rc %d", k, rc);
        cr_assert_eq(psi_alloc_live(), base, "leak after failure %ld", k);
    }
    cr_expect_eq(psi_alloc_live(), base);
    free(b);
}

/* The district quorum (ps_biproportional_options.district_threshold), on
 * two districts of 10 seats with 1,000 votes each. Voter numbers (votes /
 * 10): X 89, Y 85, Z 6 (3% of all; 60 votes, 6%, in A), W 14 (7%), V 6
 * (3% in each district). Sainte-Lague on 20 seats:
 * - 5% overall: X, Y and W take part (divisor 9.35: 9.52, 9.09, 1.50 just
 *   under), so X 10, Y 9, W 1;
 * - 5% overall or 5% of a district's votes: Z as well (6% in A); divisor
 *   9.7: X 9.18 -> 9, Y 8.76 -> 9, Z 0.62 -> 1, W 1.44 -> 1;
 * - 5% of a district's votes alone (Zurich): the same four, V never. */
Test(biproportional, district_threshold)
{
    int64_t v[] = {470, 420, 400, 450, 60, 0, 40, 100, 30, 30};
    int64_t ds[] = {10, 10};
    int64_t want_overall[] = {10, 9, 0, 1, 0}, want_either[] = {9, 9, 1, 1, 0};
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.method = PS_SAINTE_LAGUE;
    opt.threshold = PS_THRESHOLD_SHARE;
    opt.threshold_share = (ps_ratio){1, 20};
    ps_biproportional_options bopt;
    ps_biproportional_options_init(&bopt);
    ps_biproportion *r = NULL;
    ps_error err;
    cr_assert_eq(ps_apportion_biproportional_with(&r, v, 5, 2, ds, &opt, &bopt, &err), PS_OK,
                 "%s", err.message);
    for (int p = 0; p < 5; p++)
        cr_expect_eq(r->party_seats[p], want_overall[p], "5%%: party %d", p);
    ps_biproportion_free(r);
    bopt.district_threshold = (ps_ratio){1, 20};
    cr_assert_eq(ps_apportion_biproportional_with(&r, v, 5, 2, ds, &opt, &bopt, &err), PS_OK,
                 "%s", err.message);
    for (int p = 0; p < 5; p++)
        cr_expect_eq(r->party_seats[p], want_either[p], "5%% or 5%% in a district: party %d", p);
    cr_expect_eq(r->seats[2 * 2 + 0], 1, "Z's seat is in A");
    ps_biproportion_free(r);
    opt.threshold = PS_THRESHOLD_NONE;
    cr_assert_eq(ps_apportion_biproportional_with(&r, v, 5, 2, ds, &opt, &bopt, &err), PS_OK,
                 "%s", err.message);
    for (int p = 0; p < 5; p++)
        cr_expect_eq(r->party_seats[p], want_either[p], "5%% in a district: party %d", p);
    ps_biproportion_free(r);
    /* an exemption still counts; V is exempt (its 30 and 30 votes make the
     * district of its seat a tie, taken as listed) */
    bool exempt[] = {false, false, false, false, true};
    opt.exempt = exempt;
    opt.ties = PS_TIES_FIRST;
    cr_assert_eq(ps_apportion_biproportional_with(&r, v, 5, 2, ds, &opt, &bopt, &err), PS_OK,
                 "%s", err.message);
    cr_expect_eq(r->party_seats[4], 1, "exempt V gets a seat");
    ps_biproportion_free(r);
    opt.exempt = NULL;
    /* the share must be above 0 and at most 1 */
    bopt.district_threshold = (ps_ratio){3, 2};
    cr_expect_eq(ps_apportion_biproportional_with(&r, v, 5, 2, ds, &opt, &bopt, &err), PS_EINVAL);
    cr_expect(strstr(err.message, "district threshold 3/2") != NULL, "%s", err.message);
    bopt.district_threshold = (ps_ratio){0, 1};
    cr_expect_eq(ps_apportion_biproportional_with(&r, v, 5, 2, ds, &opt, &bopt, &err), PS_EINVAL);
    cr_expect_null(r);
}

Test(biproportional, winner_take_one_names)
{
    ps_winner_take_one w;
    ps_error err;
    cr_expect_eq(ps_winner_take_one_parse(&w, "Every", &err), PS_OK);
    cr_expect_eq(w, PS_WTO_EVERY);
    cr_expect_eq(ps_winner_take_one_parse(&w, "single-seat", &err), PS_OK);
    cr_expect_eq(w, PS_WTO_SINGLE_SEAT);
    cr_expect_eq(ps_winner_take_one_parse(&w, "none", &err), PS_OK);
    cr_expect_eq(w, PS_WTO_NONE);
    cr_expect_eq(ps_winner_take_one_parse(&w, "most", &err), PS_EINVAL);
    cr_expect_str_eq(err.message, "unknown winner-take-one rule 'most'; expected every or "
                                  "single-seat");
}
