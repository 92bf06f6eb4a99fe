/* test_coalition_or.c - the coalition search and rules with "or": ps_analyze
 * skips the coalitions of a rule with "or" (the search takes only rules
 * whose conditions must all hold), says why, and computes the rest.
 *
 * The chamber is A 4, B 3, C 2 of 9 seats with "7 seats, or B and C
 * together" (as tests/cases/power/rule-with-or): its Banzhaf values are
 * 1/5, 3/5, 1/5, worked out by hand there. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "powershare/powershare.h"

#define CHAMBER                                                                             \
    "{\"name\": \"t\", \"total_seats\": 9,\n"                                               \
    " \"parties\": [{\"id\": \"A\", \"seats\": 4}, {\"id\": \"B\", \"seats\": 3},"         \
    " {\"id\": \"C\", \"seats\": 2}],\n"

static ps_analyze_result *analyze(const char *text, ps_document **doc)
{
    ps_error err;
    ps_analyze_result *res = NULL;
    cr_assert_eq(ps_document_read(doc, text, strlen(text), "t.json", &err), PS_OK, "%s",
                 err.message);
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    int rc = ps_analyze(&res, *doc, &opt, &err);
    cr_assert_eq(rc, PS_OK, "ps_analyze: %s", err.message);
    return res;
}

Test(coalition_or, analyze_skips_the_coalitions_of_a_rule_with_or)
{
    ps_document *doc = NULL;
    ps_analyze_result *res =
        analyze(CHAMBER " \"rule\": {\"quota\": \"7\", \"or\": [{\"veto\": [\"B\", \"C\"]}]}}",
                &doc);
    cr_expect_null(res->coalitions);
    cr_expect_null(res->feasible);
    cr_expect_eq(res->n_government, 0);
    cr_expect_null(res->portfolio);
    cr_assert_not_null(res->coalitions_skipped);
    cr_expect_str_eq(res->coalitions_skipped,
                     "the rule says 'or' (2 alternatives), and the coalition search takes only "
                     "a rule whose conditions must all hold");
    /* the rest stands: the rule, its description, the power */
    cr_expect_str_eq(res->rule_text, "7 seats (of 9); or (with the agreement of B and C)");
    cr_assert_not_null(res->power);
    cr_assert_not_null(res->power->values[PS_BANZHAF]);
    double want[3] = {0.2, 0.6, 0.2};
    for (size_t i = 0; i < 3; i++)
        cr_expect(fabs(res->power->values[PS_BANZHAF][i].value - want[i]) < 1e-12,
                  "Banzhaf of party %zu: %g, want %g", i,
                  res->power->values[PS_BANZHAF][i].value, want[i]);
    ps_analyze_result_free(res);
    ps_document_free(doc);
}

Test(coalition_or, analyze_searches_a_rule_without_or)
{
    ps_document *doc = NULL;
    ps_analyze_result *res = analyze(CHAMBER " \"rule\": {\"quota\": \"7\"}}", &doc);
    cr_expect_null(res->coalitions_skipped);
    cr_assert_not_null(res->coalitions);
    /* 7 of 9: the one minimal winning coalition is A+B */
    cr_expect_eq(res->coalitions->n_minimal, 1);
    ps_analyze_result_free(res);
    ps_document_free(doc);
}
