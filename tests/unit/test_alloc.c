/*
 * test_alloc.c - allocation-failure torture.
 *
 * Runs a whole load-and-apportion job with the n-th allocation failing, for
 * n = 0, 1, 2, ... until the job needs no more allocations than allowed.
 * Every run must end in PS_OK or PS_ENOMEM (never a crash or another code),
 * and every block the library allocated must be freed again.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "util.h"
#include "powershare/powershare.h"

#include "torture.h"

static int job(void)
{
    ps_error err;
    ps_legislature *leg = NULL, *copy = NULL;
    ps_votes *v = NULL;
    ps_apportionment *a = NULL;
    ps_biproportion *bp = NULL;
    ps_district_seats *ds = NULL;
    char *json = NULL;
    ps_error_clear(&err);

    int rc = ps_legislature_load(&leg, PS_SOURCE_ROOT "/data/iraq-2014.json", &err);
    if (rc == PS_OK)
        rc = ps_legislature_to_json(&json, leg, &err);
    if (rc == PS_OK && (rc = ps_legislature_copy(&copy, leg)) < 0)
        err.code = rc; /* ps_legislature_copy takes no ps_error */
    if (rc == PS_OK)
        rc = ps_votes_load(&v, PS_TEST_DATA "/apportion/nl-tk2017/votes.csv", &err);
    if (rc == PS_OK) {
        ps_apportion_options opt;
        ps_apportion_options_init(&opt);
        opt.method = PS_DHONDT;
        opt.seats = 150;
        opt.threshold = PS_THRESHOLD_QUOTA;
        rc = ps_apportion(&a, v->votes, v->n_parties, &opt, &err);
    }
    if (rc == PS_OK) {
        ps_votes_free(v);
        v = NULL;
        rc = ps_votes_load(&v, PS_TEST_DATA "/apportion/ch-uri-2020/votes.csv", &err);
    }
    if (rc == PS_OK)
        rc = ps_district_seats_load(&ds, PS_TEST_DATA "/apportion/ch-uri-2020/district_seats.csv",
                                    &err);
    if (rc == PS_OK) {
        ps_apportion_options opt;
        ps_apportion_options_init(&opt);
        opt.method = PS_SAINTE_LAGUE;
        rc = ps_apportion_biproportional(&bp, v->votes, v->n_parties, v->n_districts, ds->seats,
                                         &opt, &err);
    }
    if (rc != PS_OK)
        cr_expect_eq(err.code, rc, "the error record carries the code");
    ps_biproportion_free(bp);
    ps_district_seats_free(ds);
    ps_apportionment_free(a);
    ps_votes_free(v);
    ps_free(json);
    ps_legislature_free(copy);
    ps_legislature_free(leg);
    return rc;
}

static int job_of(void *unused)
{
    (void)unused;
    return job();
}

Test(alloc, every_allocation_failure_is_enomem_and_leaks_nothing)
{
    long n = torture(job_of, NULL);
    cr_assert(n > 10, "the job should allocate more than a handful of times (%ld)", n);
}
