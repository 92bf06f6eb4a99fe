/* test_parlgov.c - ParlGov's view_cabinet.csv and the theories' hit rates,
 * on the synthetic sample tests/data/parlgov-sample (made-up rows; every
 * expected number is worked out by hand in its README and below). */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "util.h"
#include "powershare/powershare.h"

#define SAMPLE PS_TEST_DATA "/parlgov-sample"

Test(parlgov, cases_are_first_cabinets)
{
    ps_parlgov *pg = NULL;
    ps_error err;
    cr_assert_eq(ps_parlgov_load(&pg, SAMPLE, NULL, false, &err), 0, "%s", err.message);
    cr_assert_eq(pg->n, 4);
    const ps_parlgov_case *c = ps_parlgov_find(pg, "XMP", "2001-05-01");
    cr_assert(c);
    cr_expect_str_eq(c->cabinet_name, "Alpha I"); /* not the later Alpha II */
    cr_expect_eq(c->leg->n_parties, 4);          /* E has no seat */
    cr_expect_eq(c->leg->total_seats, 100);
    cr_expect_eq(c->cabinet, PS_MEMBER(0) | PS_MEMBER(1));
    cr_expect(c->positions_complete && !c->single_majority);
    c = ps_parlgov_find(pg, "examplia", "2005-05-01");
    cr_assert(c);
    cr_expect(c->single_majority);            /* 60 of 101 */
    c = ps_parlgov_find(pg, "Yonder", "2003-02-02");
    cr_assert(c);
    cr_expect_eq(c->leg->n_parties, 3);           /* R listed twice */
    cr_expect_eq(c->leg->parties[2].seats, 10);
    cr_expect(c->caretaker);
    cr_expect(!ps_parlgov_find(pg, "XMP", "1999-01-01"));
    ps_parlgov_free(pg);
    cr_assert_eq(ps_parlgov_load(&pg, SAMPLE, "YEX", false, &err), 0);
    cr_expect_eq(pg->n, 1);
    ps_parlgov_free(pg);
}

Test(parlgov, missing_folder_and_columns)
{
    ps_parlgov *pg = NULL;
    ps_error err;
    cr_expect_eq(ps_parlgov_load(&pg, PS_TEST_DATA "/no-such-folder", NULL, false, &err), PS_EIO);
    cr_expect_null(pg);
}

Test(parlgov, hit_rates_by_hand)
{
    ps_parlgov *pg = NULL;
    ps_error err;
    cr_assert_eq(ps_parlgov_load(&pg, SAMPLE, NULL, false, &err), 0, "%s", err.message);
    ps_parlgov_eval ev;
    cr_assert_eq(ps_parlgov_evaluate(&ev, pg, &err), 0, "%s", err.message);
    cr_expect_eq(ev.elections, 4);
    cr_expect_eq(ev.single_majority, 1);
    cr_expect_eq(ev.cases, 3);
    cr_expect_eq(ev.cabinet_winning, 3);
    cr_expect_eq(ev.cabinet_minimal, 2); /* BCD of 2009 has a surplus D */
    /* minimal: AB yes, BCD no, PR yes; 3 MWCs in each case */
    cr_expect_eq(ev.theory[PS_THEORY_MINIMAL].cases, 3);
    cr_expect_eq(ev.theory[PS_THEORY_MINIMAL].hits, 2);
    cr_expect_float_eq(ev.theory[PS_THEORY_MINIMAL].mean_set, 3.0, 1e-12);
    /* minimum: {AC, BCD}, {AC, BC}, {PR, QR}: only PR hits */
    cr_expect_eq(ev.theory[PS_THEORY_MINIMUM].hits, 1);
    cr_expect_float_eq(ev.theory[PS_THEORY_MINIMUM].mean_set, 2.0, 1e-12);
    /* bargaining: {AB, AC}, {AB, AC, BC}, {PQ, PR, QR} */
    cr_expect_eq(ev.theory[PS_THEORY_BARGAINING].hits, 2);
    cr_expect_float_eq(ev.theory[PS_THEORY_BARGAINING].mean_set, 8.0 / 3.0, 1e-12);
    /* positions only in 2001 and Yonder: MCW {AB, BCD} and {PQ, PR, QR} */
    cr_expect_eq(ev.theory[PS_THEORY_CONNECTED].cases, 2);
    cr_expect_eq(ev.theory[PS_THEORY_CONNECTED].hits, 2);
    cr_expect_float_eq(ev.theory[PS_THEORY_CONNECTED].mean_set, 2.5, 1e-12);
    /* range: AB (2) alone; all three at range 0 */
    cr_expect_eq(ev.theory[PS_THEORY_RANGE].hits, 2);
    cr_expect_float_eq(ev.theory[PS_THEORY_RANGE].mean_set, 2.0, 1e-12);
    cr_expect_eq(ev.theory[PS_THEORY_DISTANCE].hits, 2);
    /* median: B in 2001 (in AB); Q in Yonder (not in PR) */
    cr_expect_eq(ev.median.cases, 2);
    cr_expect_eq(ev.median.hits, 1);
    /* largest: A (2001), A or B (2009), P or Q (Yonder) */
    cr_expect_eq(ev.largest.cases, 3);
    cr_expect_eq(ev.largest.hits, 3);
    ps_parlgov_free(pg);
}

Test(parlgov, allocation_failures_leak_nothing)
{
    long start = psi_alloc_live();
    for (long k = 0;; k++) {
        ps_parlgov *pg = NULL;
        ps_error err;
        psi_alloc_fail_after(k);
        int rc = ps_parlgov_load(&pg, SAMPLE, NULL, false, &err);
        ps_parlgov_eval ev;
        if (rc == 0)
            rc = ps_parlgov_evaluate(&ev, pg, &err);
        psi_alloc_fail_after(-1);
        cr_assert(rc == 0 || rc == PS_ENOMEM, "rc %d at %ld: %s", rc, k, err.message);
        ps_parlgov_free(pg);
        cr_assert_eq(psi_alloc_live(), start, "leak after failure %ld", k);
        if (rc == 0)
            break;
    }
}
