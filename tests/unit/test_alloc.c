/*
 * test_alloc.c - allocation-failure torture.
 *
 * Runs a whole load-and-apportion job, and a job that reads documents and
 * every stage's section from them (document.h), with the n-th allocation
 * failing, for n = 0, 1, 2, ... until the job needs no more allocations
 * than allowed.
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

/* A document read once and each stage's section read from it: Iraq 2014
 * (rule, condition, scenarios, offices), a file with an election section,
 * and a CSV legislature (every section at its default). */
static int sections_of(const char *path, ps_error *err)
{
    ps_document *doc = NULL;
    ps_rule *rule = NULL;
    ps_condition *cond = NULL;
    ps_scenarios *list = NULL;
    ps_offices *offices = NULL;
    ps_election *election = NULL;
    char *text = NULL;
    int rc = ps_document_load(&doc, path, err);
    if (rc == PS_OK)
        rc = ps_rule_from_document(&rule, doc, err);
    if (rc == PS_OK)
        rc = ps_condition_from_document(&cond, doc, err);
    if (rc == PS_OK)
        rc = ps_scenarios_from_document(&list, doc, err);
    if (rc == PS_OK)
        rc = ps_offices_from_document(&offices, doc, err);
    if (rc == PS_OK)
        rc = ps_election_from_document(&election, doc, err);
    if (rc == PS_OK)
        rc = ps_rule_describe(&text, ps_document_legislature(doc), rule, err);
    ps_free(text);
    ps_election_free(election);
    ps_offices_free(offices);
    ps_scenarios_free(list);
    ps_condition_free(cond);
    ps_rule_free(rule);
    ps_document_free(doc);
    return rc;
}

static int document_job(void *unused)
{
    (void)unused;
    ps_error err;
    ps_error_clear(&err);
    int rc = sections_of(PS_SOURCE_ROOT "/data/iraq-2014.json", &err);
    if (rc == PS_OK)
        rc = sections_of(PS_TEST_DATA "/simulate/election.json", &err);
    if (rc == PS_OK)
        rc = sections_of(PS_TEST_DATA "/io/legislature.csv", &err);
    if (rc != PS_OK)
        cr_expect_eq(err.code, rc, "the error record carries the code");
    return rc;
}

Test(alloc, document_and_section_readers_fail_cleanly)
{
    long n = torture(document_job, NULL);
    cr_assert(n > 20, "reading the documents and their sections should allocate more than a "
              "handful of times (%ld)", n);
}
