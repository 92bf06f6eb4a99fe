/*
 * test_apportion.c - the apportion stage against official results,
 * textbook tables and hand-computed cases. (The naive reference, the
 * randomized cross-check and allocation failures: test_apportion_random.c.)
 *
 * Golden data: tests/data/apportion/<fixture>/ (see tests/data/README.md),
 * read with a small CSV reader of this file's own so that the stage is
 * tested without the io stage. Hand cases were computed with exact fractions
 * (Python's fractions module, sequential highest quotient / largest
 * remainder) and are written out in the comments; none comes from this
 * library's output.
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

/* The value of "key: value" in meta.txt, into out. */
static int meta(const char *dir, const char *key, char *out, size_t size)
{
    char path[512], line[2048];
    snprintf(path, sizeof path, "%s/meta.txt", dir);
    FILE *fp = fopen(path, "r");
    cr_assert(fp, "cannot open %s", path);
    size_t kl = strlen(key);
    int found = 0;
    while (!found && fgets(line, sizeof line, fp)) {
        if (strncmp(line, key, kl) == 0 && line[kl] == ':') {
            snprintf(out, size, "%s", line + kl + 2);
            out[strcspn(out, "\r\n")] = '\0';
            found = 1;
        }
    }
    fclose(fp);
    return found;
}

static int64_t expected_of(const row *exp, int ne, const char *party)
{
    for (int i = 0; i < ne; i++)
        if (strcmp(exp[i].f[0], party) == 0)
            return atoll(exp[i].f[1]);
    return 0; /* parties without seats are left out of expected.csv */
}

/* ---- golden fixtures -------------------------------------------------------- */

typedef struct fixture {
    int n;
    int64_t votes[MAXP];
    const char *names[MAXP];
    int64_t wins[MAXP];
    bool exempt[MAXP];
    row vrows[MAXP];
    row erows[MAXP];
    int ne;
    ps_apportion_options opt;
} fixture;

static void load_fixture(fixture *fx, const char *dir)
{
    char path[512], text[256];
    memset(fx, 0, sizeof *fx);
    snprintf(path, sizeof path, "%s/votes.csv", dir);
    fx->n = read_csv(path, fx->vrows, MAXP);
    cr_assert(fx->n > 0, "%s: no votes", path);
    for (int i = 0; i < fx->n; i++) {
        fx->names[i] = fx->vrows[i].f[0];
        fx->votes[i] = atoll(fx->vrows[i].f[1]);
    }
    snprintf(path, sizeof path, "%s/expected.csv", dir);
    fx->ne = read_csv(path, fx->erows, MAXP);
    cr_assert(fx->ne > 0, "%s: no expected seats", path);

    ps_apportion_options_init(&fx->opt);
    cr_assert(meta(dir, "method", text, sizeof text), "%s: no method", dir);
    char *arg = strchr(text, ' ');
    if (arg) {
        *arg++ = '\0';
        /* "1.4" -> 14/10, enough for the first divisors in the fixtures */
        char *dot = strchr(arg, '.');
        int64_t den = 1, num = atoll(arg);
        for (char *p = dot ? dot + 1 : arg + strlen(arg); *p; p++)
            num = num * 10 + (*p - '0'), den *= 10;
        fx->opt.first_divisor = (ps_ratio){num, den};
    }
    cr_assert_eq(ps_method_parse(&fx->opt.method, text, NULL), 0, "%s: method %s", dir, text);
    cr_assert(meta(dir, "seats", text, sizeof text), "%s: no seats", dir);
    fx->opt.seats = atoll(text);
    fx->opt.names = fx->names;
}

static void check_fixture(fixture *fx, const char *dir)
{
    ps_apportionment *a = NULL;
    ps_error err;
    int rc = ps_apportion(&a, fx->votes, (size_t)fx->n, &fx->opt, &err);
    cr_assert_eq(rc, 0, "%s: %s", dir, err.message);
    int64_t sum = 0;
    for (int i = 0; i < fx->n; i++) {
        cr_expect_eq(a->seats[i], expected_of(fx->erows, fx->ne, fx->names[i]),
                     "%s: %s got %lld seats", dir, fx->names[i], (long long)a->seats[i]);
        sum += a->seats[i];
    }
    cr_expect_eq(sum, fx->opt.seats, "%s: seats do not add up", dir);
    cr_expect_null(a->tie, "%s: no tie expected", dir);
    ps_apportionment_free(a);
}

static void run_dir(const char *dir)
{
    fixture *fx = malloc(sizeof *fx);
    load_fixture(fx, dir);
    check_fixture(fx, dir);
    free(fx);
}

/* Runs every fixture folder under PS_TEST_DATA/apportion/<group>. */
static int run_group(const char *group)
{
    char base[512], dir[1024];
    snprintf(base, sizeof base, "%s/apportion/%s", PS_TEST_DATA, group);
    DIR *d = opendir(base);
    cr_assert(d, "cannot open %s", base);
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(dir, sizeof dir, "%s/%s", base, e->d_name);
        run_dir(dir);
        count++;
    }
    closedir(d);
    return count;
}

Test(golden, netherlands_quota_threshold)
{
    const char *dirs[] = {PS_TEST_DATA "/apportion/nl-tk2017", PS_TEST_DATA "/apportion/nl-tk2021"};
    for (int k = 0; k < 2; k++) {
        fixture *fx = malloc(sizeof *fx);
        load_fixture(fx, dirs[k]);
        fx->opt.threshold = PS_THRESHOLD_QUOTA;
        check_fixture(fx, dirs[k]);
        free(fx);
    }
}

static void load_germany(fixture *fx)
{
    const char *dir = PS_TEST_DATA "/apportion/de-bt2021";
    row w[MAXP];
    load_fixture(fx, dir);
    int nw = read_csv(PS_TEST_DATA "/apportion/de-bt2021/direct_wins.csv", w, MAXP);
    cr_assert(nw > 0);
    for (int i = 0; i < fx->n; i++) {
        fx->wins[i] = expected_of(w, nw, fx->names[i]);
        fx->exempt[i] = strcmp(fx->names[i], "SSW") == 0; /* national minority */
    }
    fx->opt.threshold = PS_THRESHOLD_SHARE;
    fx->opt.threshold_share = (ps_ratio){1, 20};
    fx->opt.direct_wins = fx->wins;
    fx->opt.exempt_if_wins = 3;
    fx->opt.exempt = fx->exempt;
}

Test(golden, germany_threshold_and_exemptions)
{
    fixture *fx = malloc(sizeof *fx);
    load_germany(fx);
    check_fixture(fx, "de-bt2021");

    /* DIE LINKE (4.89%) only sits through its three constituencies. */
    ps_apportionment *a = NULL;
    fx->opt.exempt_if_wins = 0;
    fx->opt.exempt = NULL;
    cr_assert_eq(ps_apportion(&a, fx->votes, (size_t)fx->n, &fx->opt, NULL), 0);
    for (int i = 0; i < fx->n; i++) {
        if (!strcmp(fx->names[i], "DIE LINKE") || !strcmp(fx->names[i], "SSW"))
            cr_expect(!a->eligible[i] && a->seats[i] == 0, "%s", fx->names[i]);
        if (!strcmp(fx->names[i], "FREIE WÄHLER"))
            cr_expect(!a->eligible[i]);
    }
    cr_expect_eq(a->votes_total, 46442023);
    ps_apportionment_free(a);
    free(fx);
}

Test(golden, germany_in_reverse_order)
{
    /* Results must not depend on where a party is listed. */
    fixture *fx = malloc(sizeof *fx), *rv = malloc(sizeof *rv);
    load_germany(fx);
    *rv = *fx;
    for (int i = 0; i < fx->n; i++) {
        int j = fx->n - 1 - i;
        rv->votes[i] = fx->votes[j];
        rv->names[i] = fx->names[j];
        rv->wins[i] = fx->wins[j];
        rv->exempt[i] = fx->exempt[j];
    }
    rv->opt.names = rv->names;
    rv->opt.direct_wins = rv->wins;
    rv->opt.exempt = rv->exempt;
    check_fixture(rv, "de-bt2021 reversed");
    free(fx);
    free(rv);
}

Test(golden, norway_counties_modified_sainte_lague)
{
    cr_expect_eq(run_group("no-2021"), 19);
}

Test(golden, balinski_young_textbook)
{
    cr_expect_eq(run_group("textbook"), 12);
}

/* ---- names and options ------------------------------------------------------ */

Test(methods, names_round_trip)
{
    for (int m = 0; m < PS_METHOD_COUNT; m++) {
        ps_method back;
        const char *name = ps_method_name((ps_method)m);
        cr_assert_not_null(name);
        cr_assert_eq(ps_method_parse(&back, name, NULL), 0, "%s", name);
        cr_expect_eq((int)back, m);
        cr_expect_eq(ps_method_is_divisor((ps_method)m), m <= PS_DEAN);
    }
    cr_expect_null(ps_method_name(PS_METHOD_COUNT));
    const char *alias[] = {"jefferson", "webster", "hamilton", "largest-remainder"};
    ps_method want[] = {PS_DHONDT, PS_SAINTE_LAGUE, PS_HARE, PS_HARE};
    for (int i = 0; i < 4; i++) {
        ps_method m;
        cr_assert_eq(ps_method_parse(&m, alias[i], NULL), 0);
        cr_expect_eq(m, want[i]);
    }
    ps_error err;
    ps_method m;
    cr_expect_eq(ps_method_parse(&m, "borda", &err), PS_EINVAL);
    cr_expect(strstr(err.message, "borda") && strstr(err.message, "sainte-lague"), "%s",
              err.message);
}

static int run(ps_apportionment **a, const int64_t *v, size_t n, ps_method m, int64_t seats,
               ps_error *err)
{
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.method = m;
    opt.seats = seats;
    return ps_apportion(a, v, n, &opt, err);
}

static void expect_seats(ps_method m, const int64_t *v, size_t n, int64_t seats, const int64_t *want)
{
    ps_apportionment *a = NULL;
    ps_error err;
    int rc = run(&a, v, n, m, seats, &err);
    cr_assert_eq(rc, 0, "%s: %s", ps_method_name(m), err.message);
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(a->seats[i], want[i], "%s, %lld seats: party %zu got %lld, want %lld",
                     ps_method_name(m), (long long)seats, i, (long long)a->seats[i],
                     (long long)want[i]);
    ps_apportionment_free(a);
}

Test(options, invalid_arguments)
{
    ps_apportionment *a = (ps_apportionment *)1;
    ps_error err;
    int64_t v[] = {10, 20};
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.seats = 3;
    cr_expect_eq(ps_apportion(&a, v, 0, &opt, &err), PS_EINVAL);
    cr_expect_null(a);
    int64_t neg[] = {10, -1};
    cr_expect_eq(ps_apportion(&a, neg, 2, &opt, &err), PS_EINVAL);
    cr_expect(strstr(err.message, "party #2"), "%s", err.message);
    opt.seats = -1;
    cr_expect_eq(ps_apportion(&a, v, 2, &opt, &err), PS_EINVAL);
    opt.seats = 3;
    opt.method = PS_MODIFIED_SAINTE_LAGUE;
    opt.first_divisor = (ps_ratio){3, 1};
    cr_expect_eq(ps_apportion(&a, v, 2, &opt, &err), PS_EINVAL);
    opt.first_divisor = (ps_ratio){0, 1};
    cr_expect_eq(ps_apportion(&a, v, 2, &opt, &err), PS_EINVAL);
    opt.method = PS_DHONDT;
    opt.threshold = PS_THRESHOLD_SHARE;
    opt.threshold_share = (ps_ratio){3, 2};
    cr_expect_eq(ps_apportion(&a, v, 2, &opt, &err), PS_EINVAL);
    opt.threshold = PS_THRESHOLD_NONE;
    int64_t big[] = {INT64_MAX, 1};
    cr_expect_eq(ps_apportion(&a, big, 2, &opt, &err), PS_ERANGE);
    cr_expect_null(a);
}

/* ---- hand-computed cases ---------------------------------------------------- */

Test(divisor, every_method_small_case)
{
    /* votes 980, 470, 280, 120, 10; 10 seats. Sequential highest quotient
     * with exact fractions. E.g. Imperiali (2, 3, 4, ...): A's quotients
     * 490, 326.7, 245, 196, 163.3, 140, 122.5 beat B's 470/4 = 117.5, C's
     * 280/3 = 93.3 and D's 60: A 7, B 2 (235, 156.7), C 1 (140). Adams
     * (0, 1, 2, ...) seats everyone first, then 980/1..980/3 = 326.7,
     * 470/1 = 470, 280/1, 120/1 ... ending A 4, B 2, C 2, D 1, E 1. */
    int64_t v[] = {980, 470, 280, 120, 10};
    struct {
        ps_method m;
        int64_t want[5];
    } cases[] = {
        {PS_DHONDT, {6, 3, 1, 0, 0}},
        {PS_SAINTE_LAGUE, {5, 3, 1, 1, 0}},
        {PS_MODIFIED_SAINTE_LAGUE, {5, 3, 2, 0, 0}},
        {PS_IMPERIALI, {7, 2, 1, 0, 0}},
        {PS_DANISH, {5, 2, 2, 1, 0}},
        {PS_HUNTINGTON_HILL, {5, 2, 1, 1, 1}},
        {PS_ADAMS, {4, 2, 2, 1, 1}},
        {PS_DEAN, {5, 2, 1, 1, 1}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_seats(cases[i].m, v, 5, 10, cases[i].want);
}

Test(quota, four_quotas_small_case)
{
    /* votes 16, 6, 4, 3 (V = 29), 8 seats.
     * Hare 29/8: floors 4,1,1,0 rem 3/2,19/8,3/8,3 -> D, B: 4,2,1,1.
     * Droop floor(29/9)+1 = 4: floors 4,1,1,0 rem 0,2,0,3 -> D, B: 4,2,1,1.
     * Hagenbach-Bischoff 29/9: floors 4,1,1,0 rem 28/9,25/9,7/9,27/9
     *   -> A, D: 5,1,1,1.
     * Imperiali 29/10: floors 5,2,1,1 = 9 > 8, rem 3/2,1/5,11/10,1/10:
     *   the smallest remainder (D) gives its seat back: 5,2,1,0. */
    int64_t v[] = {16, 6, 4, 3};
    expect_seats(PS_HARE, v, 4, 8, (int64_t[]){4, 2, 1, 1});
    expect_seats(PS_DROOP, v, 4, 8, (int64_t[]){4, 2, 1, 1});
    expect_seats(PS_HAGENBACH_BISCHOFF, v, 4, 8, (int64_t[]){5, 1, 1, 1});
    expect_seats(PS_IMPERIALI_QUOTA, v, 4, 8, (int64_t[]){5, 2, 1, 0});
}

Test(quota, larger_case)
{
    /* votes 4700, 2900, 1600, 800, 7 seats. Hare 10000/7: floors 3,2,1,0,
     * remainders 2900/7, 300/7, 1200/7, 800 -> D: 3,2,1,1. Droop 1251:
     * floors 3,2,1,0 rem 947,398,349,800 -> A: 4,2,1,0. HB 1250: rem
     * 950,400,350,800 -> A. Imperiali 10000/9: floors 4,2,1,0 = 7 exactly. */
    int64_t v[] = {4700, 2900, 1600, 800};
    expect_seats(PS_HARE, v, 4, 7, (int64_t[]){3, 2, 1, 1});
    expect_seats(PS_DROOP, v, 4, 7, (int64_t[]){4, 2, 1, 0});
    expect_seats(PS_HAGENBACH_BISCHOFF, v, 4, 7, (int64_t[]){4, 2, 1, 0});
    expect_seats(PS_IMPERIALI_QUOTA, v, 4, 7, (int64_t[]){4, 2, 1, 0});
}

Test(quota, imperiali_overshoot)
{
    /* votes 7, 6, 1, 3 seats: quota 14/5, floors 2 (rem 7/5), 2 (rem 2/5),
     * 0: 4 > 3, so B, with the smaller remainder, gives one back. */
    expect_seats(PS_IMPERIALI_QUOTA, (int64_t[]){7, 6, 1}, 3, 3, (int64_t[]){2, 1, 0});
    /* One party: floors S + 2, both excess seats come back from it. */
    expect_seats(PS_IMPERIALI_QUOTA, (int64_t[]){42}, 1, 10, (int64_t[]){10});
    expect_seats(PS_HAGENBACH_BISCHOFF, (int64_t[]){42}, 1, 10, (int64_t[]){10});
}

Test(quota, exact_quotas)
{
    /* 600, 300, 100 with 10 seats: Hare quota 100, every remainder 0. */
    int64_t v[] = {600, 300, 100};
    int64_t want[] = {6, 3, 1};
    expect_seats(PS_HARE, v, 3, 10, want);
    /* D'Hondt: A's 6th, B's 3rd and C's 1st quotient are all 100, and they
     * are seats 8-10; the next (600/7) is lower, so no tie decides. */
    expect_seats(PS_DHONDT, v, 3, 10, want);
    /* HB quota 1000/11: floors 6,3,1 with remainders 6/11,3/11,1/11 (x 100). */
    expect_seats(PS_HAGENBACH_BISCHOFF, v, 3, 10, want);
}

Test(edge, zero_votes_single_party_zero_seats)
{
    for (int m = 0; m < PS_METHOD_COUNT; m++) {
        /* 100, 0, 40 with 3 seats: 2, 0, 1 (Adams and friends seat A and C
         * first; the zero never gets a seat), except with Imperiali: divisors
         * 2, 3, 4 give A 50, 33.3, 25 over C's 20; the quota 140/5 = 28 gives
         * floors 3 and 1, and C's remainder 12 < 16 gives its seat back. */
        int imp = m == PS_IMPERIALI || m == PS_IMPERIALI_QUOTA;
        expect_seats((ps_method)m, (int64_t[]){100, 0, 40}, 3, 3,
                     imp ? (int64_t[]){3, 0, 0} : (int64_t[]){2, 0, 1});
        expect_seats((ps_method)m, (int64_t[]){42}, 1, 10, (int64_t[]){10});
        expect_seats((ps_method)m, (int64_t[]){7, 0, 3}, 3, 0, (int64_t[]){0, 0, 0});
    }
    ps_apportionment *a = NULL;
    ps_error err;
    cr_expect_eq(run(&a, (int64_t[]){0, 0}, 2, PS_DHONDT, 5, &err), PS_EDATA);
    cr_expect(strstr(err.message, "no party has any votes"), "%s", err.message);
    cr_assert_eq(run(&a, (int64_t[]){0, 0}, 2, PS_DHONDT, 0, &err), 0);
    cr_expect_eq(a->seats[0] + a->seats[1], 0);
    ps_apportionment_free(a);
}

Test(edge, more_seats_than_votes)
{
    /* 3 and 2 votes. D'Hondt, 10 seats: A 3,1.5,1,.75,.6,.5 B 2,1,.67,.5
     * -> 6, 4 (exact fractions). Sainte-Lague, 9 seats: 5, 4. */
    expect_seats(PS_DHONDT, (int64_t[]){3, 2}, 2, 10, (int64_t[]){6, 4});
    expect_seats(PS_SAINTE_LAGUE, (int64_t[]){3, 2}, 2, 9, (int64_t[]){5, 4});
    expect_seats(PS_ADAMS, (int64_t[]){3, 2, 0}, 3, 7, (int64_t[]){4, 3, 0});
    /* Droop quota floor(3/10)+1 = 1: floors 2, 1, then 6 seats in 3 full
     * rounds of the remainders. */
    expect_seats(PS_DROOP, (int64_t[]){2, 1}, 2, 9, (int64_t[]){5, 4});
}

/* ---- thresholds ------------------------------------------------------------- */

Test(threshold, share_quota_exemptions)
{
    ps_apportionment *a = NULL;
    ps_error err;
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    int64_t v[] = {600, 340, 45, 15};
    opt.method = PS_SAINTE_LAGUE;
    opt.seats = 20;
    opt.threshold = PS_THRESHOLD_SHARE;
    opt.threshold_share = (ps_ratio){1, 20}; /* 50 of 1000 votes */
    cr_assert_eq(ps_apportion(&a, v, 4, &opt, &err), 0);
    /* Sainte-Lague on 600, 340: 13, 7 */
    cr_expect_eq(a->seats[0], 13);
    cr_expect_eq(a->seats[1], 7);
    cr_expect(a->eligible[0] && a->eligible[1] && !a->eligible[2] && !a->eligible[3]);
    cr_expect_eq(a->votes_total, 1000);
    cr_expect_eq(a->votes_eligible, 940);
    ps_apportionment_free(a);

    int64_t wins[] = {0, 5, 3, 2};
    opt.direct_wins = wins;
    opt.exempt_if_wins = 3;
    cr_assert_eq(ps_apportion(&a, v, 4, &opt, &err), 0);
    /* C exempt by its 3 wins: Sainte-Lague on 600, 340, 45 gives 12, 7, 1 */
    cr_expect_eq(a->seats[0], 12);
    cr_expect_eq(a->seats[2], 1);
    cr_expect(a->eligible[2] && !a->eligible[3]);
    ps_apportionment_free(a);

    bool ex[] = {false, false, false, true};
    opt.exempt = ex;
    cr_assert_eq(ps_apportion(&a, v, 4, &opt, &err), 0);
    cr_expect(a->eligible[3]);
    ps_apportionment_free(a);

    /* exactly 5% passes */
    opt.exempt = NULL;
    opt.direct_wins = NULL;
    cr_assert_eq(ps_apportion(&a, (int64_t[]){950, 50}, 2, &opt, &err), 0);
    cr_expect(a->eligible[1]);
    ps_apportionment_free(a);

    /* one Hare quota: 999/10 = 99.9, so 99 fails; 1000/10 = 100, so 100 passes */
    opt.method = PS_DHONDT;
    opt.seats = 10;
    opt.threshold = PS_THRESHOLD_QUOTA;
    cr_assert_eq(ps_apportion(&a, (int64_t[]){700, 200, 99}, 3, &opt, &err), 0);
    cr_expect(!a->eligible[2]);
    cr_expect_eq(a->seats[0], 8); /* D'Hondt on 700, 200: 8, 2 */
    ps_apportionment_free(a);
    cr_assert_eq(ps_apportion(&a, (int64_t[]){700, 200, 100}, 3, &opt, &err), 0);
    cr_expect(a->eligible[2]);
    cr_expect_eq(a->seats[2], 1); /* 7, 2, 1 */
    ps_apportionment_free(a);

    /* nobody passes 50% */
    opt.threshold = PS_THRESHOLD_SHARE;
    opt.threshold_share = (ps_ratio){1, 2};
    cr_expect_eq(ps_apportion(&a, (int64_t[]){40, 30, 30}, 3, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "threshold"), "%s", err.message);
    cr_expect_null(a);
}

/* ---- ties ------------------------------------------------------------------ */

static const char *const tie_names[] = {"VVD", "PvdA", "SP", "CDA"};

static int tie_run(ps_apportionment **a, ps_tie_policy p, uint64_t seed, const char *const *names,
                   ps_error *err)
{
    /* D'Hondt, 4 seats on 30, 10, 10, 10: 30 and 15 are seats 1 and 2;
     * A's third quotient and B, C and D's first are all 10. */
    static const int64_t v[] = {30, 10, 10, 10};
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.seats = 4;
    opt.ties = p;
    opt.seed = seed;
    opt.names = names;
    return ps_apportion(a, v, 4, &opt, err);
}

Test(ties, error_names_the_parties)
{
    ps_apportionment *a = NULL;
    ps_error err;
    cr_assert_eq(tie_run(&a, PS_TIES_ERROR, 0, tie_names, &err), PS_ETIE);
    cr_expect_null(a);
    cr_expect(strstr(err.message, "tie for seats 3-4 of 4 between VVD, PvdA, SP and CDA"), "%s",
              err.message);
    cr_expect(strstr(err.message, "--ties first"), "%s", err.message);
    cr_assert_eq(tie_run(&a, PS_TIES_ERROR, 0, NULL, &err), PS_ETIE);
    cr_expect(strstr(err.message, "party #1, party #2, party #3 and party #4"), "%s", err.message);

    /* quota methods and infinite quotients say what was level */
    cr_assert_eq(run(&a, (int64_t[]){5, 5}, 2, PS_HARE, 1, &err), PS_ETIE);
    cr_expect(strstr(err.message, "tie for seat 1 of 1") && strstr(err.message, "remainders"),
              "%s", err.message);
    cr_assert_eq(run(&a, (int64_t[]){5, 5, 3}, 3, PS_ADAMS, 1, &err), PS_ETIE);
    cr_expect(strstr(err.message, "party #1 and party #2 (equal votes"), "%s", err.message);
    /* HB quota 15/3 = 5: floors 2 + 1 = 3 > 2 seats, both remainders 0 */
    cr_assert_eq(run(&a, (int64_t[]){10, 5}, 2, PS_HAGENBACH_BISCHOFF, 2, &err), PS_ETIE);
}

Test(ties, level_but_not_deciding)
{
    /* Level quotients or remainders that every party gets a seat for. */
    expect_seats(PS_DHONDT, (int64_t[]){10, 10}, 2, 2, (int64_t[]){1, 1});
    expect_seats(PS_HARE, (int64_t[]){5, 5, 1}, 3, 2, (int64_t[]){1, 1, 0});
    expect_seats(PS_ADAMS, (int64_t[]){5, 5}, 2, 2, (int64_t[]){1, 1});
}

Test(ties, first_and_random)
{
    ps_apportionment *a = NULL;
    ps_error err;
    cr_assert_eq(tie_run(&a, PS_TIES_FIRST, 0, tie_names, &err), 0);
    cr_expect_eq(a->seats[0], 3);
    cr_expect_eq(a->seats[1], 1);
    cr_expect_eq(a->seats[2] + a->seats[3], 0);
    cr_assert_not_null(a->tie);
    cr_expect_eq(a->tie->first_seat, 3);
    cr_expect_eq(a->tie->last_seat, 4);
    cr_expect_eq(a->tie->n_tied, 4);
    cr_expect_eq(a->tie->n_winners, 2);
    cr_expect(a->tie->winners[0] == 0 && a->tie->winners[1] == 1);
    ps_apportionment_free(a);

    int seen[4] = {0};
    for (uint64_t seed = 0; seed < 200; seed++) {
        ps_apportionment *b = NULL;
        cr_assert_eq(tie_run(&a, PS_TIES_RANDOM, seed, tie_names, &err), 0);
        cr_assert_eq(tie_run(&b, PS_TIES_RANDOM, seed, tie_names, &err), 0);
        int64_t sum = 0;
        for (int i = 0; i < 4; i++) {
            cr_expect_eq(a->seats[i], b->seats[i], "seed %llu not reproducible",
                         (unsigned long long)seed);
            sum += a->seats[i];
        }
        cr_expect_eq(sum, 4);
        cr_expect(a->seats[0] >= 2 && a->seats[0] <= 3);
        cr_assert_eq(a->tie->n_winners, 2);
        cr_expect(a->tie->winners[0] < a->tie->winners[1]);
        for (size_t w = 0; w < 2; w++)
            seen[a->tie->winners[w]]++;
        ps_apportionment_free(a);
        ps_apportionment_free(b);
    }
    for (int i = 0; i < 4; i++)
        cr_expect(seen[i] > 50, "party %d won %d of 400 draws", i, seen[i]);
}

