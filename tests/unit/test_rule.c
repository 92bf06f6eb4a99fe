/* test_rule.c - decision rules: reading the "rule" section, compiling it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "powershare/powershare.h"

#include "torture.h"
#include "temp_text.h"


static const char chamber[] =
    "{\"name\": \"t\", \"total_seats\": 20, \"unattributed_seats\": 1,\n"
    " \"communities\": [{\"id\": \"n\", \"name\": \"North\"}, {\"id\": \"s\", \"name\": \"South\"}],\n"
    " \"parties\": [{\"id\": \"A\", \"seats\": 8, \"votes\": 800, \"community\": \"n\"},\n"
    "             {\"id\": \"B\", \"seats\": 5, \"votes\": 500, \"community\": \"n\"},\n"
    "             {\"id\": \"C\", \"seats\": 4, \"votes\": 400, \"community\": \"s\"},\n"
    "             {\"id\": \"D\", \"seats\": 2, \"votes\": 300, \"community\": \"s\"}],\n";

/* The chamber with the rule, read as a document from memory; *leg is a copy
 * of its legislature, the caller's. */
static void load(const char *rule_json, ps_legislature **leg, ps_rule **rule, int want)
{
    char text[2048];
    snprintf(text, sizeof text, "%s \"rule\": %s}\n", chamber, rule_json);
    ps_document *doc;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, text, strlen(text), "t.json", &err), PS_OK, "%s",
                 err.message);
    cr_assert_eq(ps_legislature_copy(leg, ps_document_legislature(doc)), PS_OK);
    int rc = ps_rule_from_document(rule, doc, &err);
    cr_assert_eq(rc, want, "rule %s: got %d (%s)", rule_json, rc, err.message);
    ps_document_free(doc);
}

static bool wins(const ps_game *g, const char *members)
{
    bool m[4] = {false, false, false, false};
    for (const char *p = members; *p; p++)
        m[*p - 'A'] = true;
    return ps_game_is_winning(g, m);
}

static ps_game *compile(const char *rule_json, ps_legislature **leg)
{
    ps_rule *rule;
    load(rule_json, leg, &rule, PS_OK);
    ps_game *g = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_rule(&g, *leg, rule, &err), PS_OK, "%s", err.message);
    ps_rule_free(rule);
    return g;
}

/* The chamber: 20 seats, 1 unattributed; A 8, B 5 (North), C 4, D 2 (South).
 * Every expectation below is worked out by hand in its comment. */

Test(rule, default_is_a_majority_of_all_seats_including_unattributed)
{
    ps_legislature *leg;
    ps_game *g = compile("{}", &leg);
    cr_expect_eq(g->n_layers, 1);
    cr_expect_eq(g->quotas[0], 11); /* floor(20 / 2) + 1 */
    cr_expect(wins(g, "AB"));       /* 13 */
    cr_expect(wins(g, "BCD"));      /* 11 */
    cr_expect(!wins(g, "AD"));      /* 10 */
    cr_expect(!wins(g, "BC"));      /* 9 */
    ps_game_free(g);
    ps_legislature_free(leg);
}

Test(rule, two_thirds_rounds_up_exactly)
{
    ps_legislature *leg;
    ps_game *g = compile("{\"quota\": \"2/3\"}", &leg);
    cr_expect_eq(g->quotas[0], 14); /* ceil(40 / 3) */
    cr_expect(!wins(g, "AB"));      /* 13 */
    cr_expect(wins(g, "ACD"));      /* 14 */
    ps_game_free(g);
    ps_legislature_free(leg);
}

Test(rule, consent_needs_each_communitys_own_majority)
{
    ps_legislature *leg;
    /* North has 13 seats (majority 7: only A reaches it alone or with B);
     * South has 6 (majority 4: C, or C with D). */
    ps_game *g = compile("{\"consent\": [\"n\", \"s\"]}", &leg);
    cr_expect_eq(g->n_layers, 3);
    cr_expect(wins(g, "AC"));   /* 12, A gives North 8 >= 7, C gives South 4 >= 4 */
    cr_expect(!wins(g, "ABD")); /* 15 seats but South only 2 */
    cr_expect(!wins(g, "BCD")); /* 11 seats but North only 5 */
    ps_game_free(g);
    ps_legislature_free(leg);
}

Test(rule, presence_veto_min_parties_and_layers)
{
    ps_legislature *leg;
    ps_game *g = compile("{\"presence\": [\"s\"]}", &leg);
    cr_expect(!wins(g, "AB")); /* no South list */
    cr_expect(wins(g, "ABD"));
    ps_game_free(g);
    ps_legislature_free(leg);

    g = compile("{\"veto\": [\"B\"]}", &leg);
    cr_expect(!wins(g, "AC"));
    cr_expect(wins(g, "ABC"));
    ps_game_free(g);
    ps_legislature_free(leg);

    g = compile("{\"min_parties\": 3}", &leg);
    cr_expect(!wins(g, "AC"));
    cr_expect(wins(g, "ACD"));
    ps_game_free(g);
    ps_legislature_free(leg);

    /* votes 800/500/400/300 = 2000; 60% is 1200 */
    g = compile("{\"layers\": [{\"weights\": \"votes\", \"quota\": \"60%\"}]}", &leg);
    cr_expect(wins(g, "AC"));   /* 12 seats, 1200 votes */
    cr_expect(!wins(g, "AD"));  /* 10 seats */
    cr_expect(wins(g, "BCD"));  /* 11 seats and 500 + 400 + 300 = 1200 votes */
    ps_game_free(g);
    ps_legislature_free(leg);
}

Test(rule, describe_says_what_the_rule_asks)
{
    ps_legislature *leg;
    ps_rule *rule;
    ps_error err;
    char *text;
    load("{\"quota\": \"2/3\", \"consent\": [\"n\"], \"veto\": [\"D\"]}", &leg, &rule, PS_OK);
    cr_assert_eq(ps_rule_describe(&text, leg, rule, &err), PS_OK, "%s", err.message);
    cr_expect_str_eq(text, "2/3 of all seats (14 of 20), with the consent (a majority of its "
                           "own seats) of each of: North, with the agreement of D");
    ps_free(text);
    ps_rule_free(rule);
    ps_legislature_free(leg);
}

static void expect_error(const char *rule_json, int code, long line, long column,
                         const char *fragment, bool at_compile)
{
    ps_legislature *leg;
    ps_rule *rule = NULL;
    ps_error err;
    if (!at_compile) {
        char text[2048];
        snprintf(text, sizeof text, "%s \"rule\": %s}\n", chamber, rule_json);
        ps_document *doc;
        cr_assert_eq(ps_document_read(&doc, text, strlen(text), "t.json", &err), PS_OK, "%s",
                     err.message);
        cr_assert_eq(ps_rule_from_document(&rule, doc, &err), code, "%s", rule_json);
        cr_expect_str_eq(err.file, "t.json", "%s: the error names the document", rule_json);
        ps_document_free(doc);
    } else {
        load(rule_json, &leg, &rule, PS_OK);
        ps_game *g;
        cr_assert_eq(ps_game_from_rule(&g, leg, rule, &err), code, "%s", rule_json);
        ps_legislature_free(leg);
        ps_rule_free(rule);
    }
    cr_expect_eq(err.line, line, "%s: line %ld", rule_json, err.line);
    cr_expect_eq(err.column, column, "%s: column %ld", rule_json, err.column);
    cr_expect(strstr(err.message, fragment) != NULL, "%s: message '%s'", rule_json, err.message);
}

Test(rule, errors_point_at_the_value)
{
    /* The rule starts on line 7 at column 10: ' "rule": {' */
    expect_error("{\"of\": \"some\"}", PS_EDATA, 7, 17, "\"all\" or \"present\"", false);
    expect_error("{\"quota\": \"most\"}", PS_EDATA, 7, 20, "quota", false);
    expect_error("{\"quorum\": 3}", PS_EDATA, 7, 11, "unknown key", false);
    expect_error("{\"consent\": [\"n\", \"zz\"]}", PS_EDATA, 7, 28, "no community 'zz'", true);
    expect_error("{\"veto\": [\"Q\"]}", PS_EDATA, 7, 20, "no party 'Q'", true);
    expect_error("{\"layers\": [{\"weights\": \"gdp\", \"quota\": \"50%\"}]}", PS_EDATA, 7, 34,
                 "expected seats, votes, parties", true);
    expect_error("{\"quota\": 25}", PS_EDATA, 7, 20, "out of reach", true);
}

Test(rule, command_line_additions)
{
    ps_rule *rule;
    ps_error err;
    cr_assert_eq(ps_rule_new(&rule), PS_OK);
    cr_expect_eq(ps_rule_set_quota(rule, "3/4", &err), PS_OK);
    cr_expect_eq(ps_rule_set_quota(rule, "lots", &err), PS_EINVAL);
    cr_expect_str_eq(rule->quota, "3/4");
    cr_expect_eq(ps_rule_add_layer(rule, "votes:50%", &err), PS_OK);
    cr_expect_eq(ps_rule_add_layer(rule, "votes", &err), PS_EINVAL);
    cr_expect_eq(ps_rule_add_layer(rule, ":50%", &err), PS_EINVAL);
    cr_expect_eq(ps_rule_add_name(rule, PS_RULE_VETO, "", &err), PS_EINVAL);
    cr_expect_eq(rule->n_layers, 1);
    ps_rule_free(rule);
}

static int rule_job(void *path)
{
    ps_document *doc = NULL;
    ps_rule *rule = NULL;
    ps_game *g = NULL;
    char *d = NULL;
    ps_error e;
    int rc = ps_document_load(&doc, path, &e);
    const ps_legislature *leg = rc == PS_OK ? ps_document_legislature(doc) : NULL;
    if (rc == PS_OK)
        rc = ps_rule_from_document(&rule, doc, &e);
    if (rc == PS_OK)
        rc = ps_game_from_rule(&g, leg, rule, &e);
    if (rc == PS_OK)
        rc = ps_rule_describe(&d, leg, rule, &e);
    ps_free(d);
    ps_game_free(g);
    ps_rule_free(rule);
    ps_document_free(doc);
    return rc;
}

Test(rule, allocation_failures_are_enomem_without_leaks)
{
    char text[2048];
    snprintf(text, sizeof text, "%s \"rule\": {\"quota\": \"2/3\", \"consent\": [\"n\", \"s\"], "
             "\"layers\": [{\"weights\": \"votes\", \"quota\": \"50%%\"}]}}\n", chamber);
    char path[64];
    snprintf(path, sizeof path, "%s", temp_text(text));
    torture(rule_job, path);
    unlink(path);
}

/* ---- "or" and "and": the rule as an and/or tree --------------------------- */

/* (14 seats) or (A and B together, by veto): AB has 13 seats and still
 * wins by the alternative; ACD has 14 and wins by the quota. */
Test(rule, or_makes_alternatives)
{
    ps_legislature *leg;
    ps_game *g = compile("{\"quota\": \"14\", \"or\": [{\"veto\": [\"A\", \"B\"]}]}", &leg);
    cr_expect_eq(ps_game_group_count(g), 2);
    cr_expect(wins(g, "AB"));   /* 13 seats, both vetoes */
    cr_expect(wins(g, "ACD"));  /* 14 */
    cr_expect(wins(g, "ABC"));
    cr_expect(!wins(g, "BCD")); /* 11, no A */
    cr_expect(!wins(g, "A"));
    ps_game_free(g);
    ps_legislature_free(leg);
}

/* A rule without "or" compiles to the same single group as before. */
Test(rule, no_or_is_one_group)
{
    ps_legislature *leg;
    ps_game *g = compile("{\"quota\": \"2/3\", \"min_parties\": 2}", &leg);
    cr_expect_eq(g->n_groups, 0);
    cr_expect_eq(ps_game_group_count(g), 1);
    cr_expect_eq(g->n_layers, 2);
    ps_game_free(g);
    ps_legislature_free(leg);
}

/* "and" with an "or" inside: majority (11) AND (consent of the North OR
 * consent of the South) flattens to two groups of two layers.
 * North: A 8 + B 5 = 13, its majority 7; South: C 4 + D 2 = 6, majority 4. */
Test(rule, and_of_an_or_flattens_to_groups)
{
    ps_legislature *leg;
    ps_game *g = compile("{\"and\": [{\"consent\": [\"n\"], \"or\": [{\"consent\": [\"s\"]}]}]}",
                         &leg);
    cr_expect_eq(ps_game_group_count(g), 2);
    cr_expect_eq(g->n_layers, 4);
    cr_expect(!wins(g, "AD"));  /* 10 seats: not a majority */
    cr_expect(wins(g, "BCD"));  /* 11 seats; North 5 < 7, but South 6 >= 4 */
    cr_expect(wins(g, "AC"));   /* 12, North 8 >= 7 */
    cr_expect(!wins(g, "BD"));  /* 7: no majority */
    ps_game_free(g);
    ps_legislature_free(leg);
}

Test(rule, or_errors_name_the_place)
{
    ps_legislature *leg;
    ps_rule *rule;
    ps_error err;
    char text[2048];
    snprintf(text, sizeof text, "%s \"rule\": {\"or\": []}}\n", chamber);
    ps_document *doc;
    cr_assert_eq(ps_document_read(&doc, text, strlen(text), "t.json", &err), PS_OK);
    cr_expect_eq(ps_rule_from_document(&rule, doc, &err), PS_EDATA);
    cr_expect(strstr(err.message, "'or' is empty") != NULL, "%s", err.message);
    cr_expect_eq(err.line, 7);
    ps_document_free(doc);
    load("{\"or\": [{}]}", &leg, &rule, PS_EDATA);
    ps_legislature_free(leg);
    load("{\"or\": [{\"quota\": \"majority\", \"of\": \"some\"}]}", &leg, &rule, PS_EDATA);
    ps_legislature_free(leg);
    load("{\"or\": [{\"colour\": 1}]}", &leg, &rule, PS_EDATA);
    ps_legislature_free(leg);
    load("{\"or\": 3}", &leg, &rule, PS_EDATA);
    ps_legislature_free(leg);
}

/* The description says "or", and a copy keeps the tree. */
Test(rule, or_is_described_and_copied)
{
    ps_legislature *leg;
    ps_rule *rule, *copy = NULL;
    load("{\"quota\": \"14\", \"or\": [{\"quota\": \"3/4\"},\n"
         "                          {\"veto\": [\"A\"], \"min_parties\": 3}]}",
         &leg, &rule, PS_OK);
    char *text = NULL;
    ps_error err;
    cr_assert_eq(ps_rule_describe(&text, leg, rule, &err), PS_OK, "%s", err.message);
    cr_expect_str_eq(text, "14 seats (of 20); or (3/4 of all seats (15 of 20)); or (from at "
                           "least 3 parties, with the agreement of A)");
    ps_free(text);
    cr_assert_eq(ps_rule_copy(&copy, rule), PS_OK);
    ps_rule_free(rule);
    ps_game *g = NULL;
    cr_assert_eq(ps_game_from_rule(&g, leg, copy, NULL), PS_OK);
    cr_expect_eq(ps_game_group_count(g), 3);
    cr_expect(wins(g, "ACD"));  /* 14 */
    cr_expect(!wins(g, "AB"));  /* 13 seats, only 2 parties */
    cr_expect(wins(g, "ABD"));  /* 15 seats */
    cr_expect(!wins(g, "BCD")); /* 11 seats, no A */
    ps_game_free(g);
    ps_rule_free(copy);
    ps_legislature_free(leg);
}
