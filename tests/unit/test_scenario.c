/* test_scenario.c - what-if steps, analyses and their difference.
 *
 * The small chamber used throughout: A 40 (community x), B 35 (y), C 20 (y),
 * D 5 (none), 100 seats, majority 51. By hand: the minimal winning
 * coalitions are AB, AC and BC (D is a dummy), so Banzhaf and Shapley-Shubik
 * give A, B and C 1/3 each. Without C (80 seats, majority 41): AB and AD are
 * minimal; Banzhaf swings A 3 (AB, AD, ABD), B 1, D 1, so 3/5, 1/5, 1/5;
 * Shapley-Shubik: A is pivotal in 4 of the 6 orders (2/3), B and D in one
 * each (1/6). Iraq's counts were checked with an independent Python program
 * (memoised recursion over the lists by decreasing seats). */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "util.h"
#include "powershare/io.h"
#include "powershare/scenario.h"

#include "torture.h"

#define IRAQ PS_SOURCE_ROOT "/data/iraq-2014.json"

static ps_legislature *small(void)
{
    ps_legislature *leg;
    ps_error err;
    cr_assert_eq(ps_legislature_new(&leg, "small", 100), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "x", "Ex", &err), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "y", "Why", &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "A", NULL, 40, PS_UNKNOWN, "x", NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "B", NULL, 35, 1000, "y", NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "C", NULL, 20, 500, "y", NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "D", NULL, 5, PS_UNKNOWN, NULL, NULL, &err), 0);
    cr_assert_eq(ps_legislature_validate(leg, &err), 0);
    return leg;
}

static ps_scenarios *read_list(const char *json, int want, ps_error *err)
{
    ps_scenarios *list = NULL;
    int rc = ps_scenarios_read(&list, json, strlen(json), "s.json", err);
    cr_assert_eq(rc, want, "ps_scenarios_read gave %d: %s", rc, err->message);
    return list;
}

/* Applies one scenario given as JSON text to the small chamber. */
static int apply_json(ps_legislature **out, ps_rule **rule, const char *json, ps_error *err)
{
    ps_legislature *leg = small();
    ps_scenarios *list = read_list(json, PS_OK, err);
    cr_assert_eq(list->n, 1);
    int rc = ps_scenario_apply(out, rule, leg, NULL, &list->items[0], err);
    ps_scenarios_free(list);
    ps_legislature_free(leg);
    return rc;
}

Test(scenario, command_line_steps_parse)
{
    ps_scenario *sc;
    ps_error err;
    cr_assert_eq(ps_scenario_new(&sc, NULL), 0);
    cr_expect_str_eq(sc->name, "what if");
    cr_assert_eq(ps_scenario_add_text(sc, PS_STEP_MERGE, "a,b=ab", &err), 0);
    cr_assert_eq(ps_scenario_add_text(sc, PS_STEP_MERGE, "a,b", &err), 0);
    cr_assert_eq(ps_scenario_add_text(sc, PS_STEP_MOVE, "kdp:puk:3", &err), 0);
    cr_assert_eq(ps_scenario_add_text(sc, PS_STEP_QUOTA, "2/3", &err), 0);
    cr_assert_eq(ps_scenario_add_text(sc, PS_STEP_LEAVE_COMMUNITY, "kurdish", &err), 0);
    cr_assert_eq(sc->n_steps, 5);
    cr_expect_str_eq(sc->steps[0].a, "a");
    cr_expect_str_eq(sc->steps[0].b, "b");
    cr_expect_str_eq(sc->steps[0].id, "ab");
    cr_expect_null(sc->steps[1].id);
    cr_expect_str_eq(sc->steps[2].a, "kdp");
    cr_expect_str_eq(sc->steps[2].b, "puk");
    cr_expect_eq(sc->steps[2].seats, 3);
    cr_expect_str_eq(sc->steps[3].a, "2/3");
    const char *bad_merge[] = {"a", "a,", ",b", "a,b,c", "a,b="};
    for (size_t i = 0; i < sizeof bad_merge / sizeof bad_merge[0]; i++)
        cr_expect_eq(ps_scenario_add_text(sc, PS_STEP_MERGE, bad_merge[i], &err), PS_EINVAL,
                     "%s", bad_merge[i]);
    const char *bad_move[] = {"a:b", "a:b:", "a:b:-1", "a:b:x", ":b:1", "a::1", "a:b:1x"};
    for (size_t i = 0; i < sizeof bad_move / sizeof bad_move[0]; i++)
        cr_expect_eq(ps_scenario_add_text(sc, PS_STEP_MOVE, bad_move[i], &err), PS_EINVAL,
                     "%s", bad_move[i]);
    cr_expect_eq(ps_scenario_add_text(sc, PS_STEP_QUOTA, "3/2", &err), PS_EINVAL);
    cr_expect_eq(ps_scenario_add_text(sc, PS_STEP_REMOVE, "", &err), PS_EINVAL);
    cr_expect_eq(sc->n_steps, 5, "failed steps change nothing");
    ps_scenario_free(sc);
}

Test(scenario, json_list_reads_scenarios_and_single_steps)
{
    ps_error err;
    ps_scenarios *list = read_list(
        "[{\"name\": \"Walkout\", \"notes\": \"n\", \"steps\": [{\"leave_community\": \"y\"}]},\n"
        " {\"merge\": [\"A\", \"B\"], \"id\": \"AB\", \"name\": \"A and B\"},\n"
        " {\"move\": {\"from\": \"A\", \"to\": \"D\", \"seats\": 3}},\n"
        " {\"quota\": \"2/3\", \"of\": \"present\"},\n"
        " {\"quota\": 60}]",
        PS_OK, &err);
    cr_assert_eq(list->n, 5);
    cr_expect_str_eq(list->items[0].name, "Walkout");
    cr_expect_str_eq(list->items[0].notes, "n");
    cr_expect_eq(list->items[0].steps[0].kind, PS_STEP_LEAVE_COMMUNITY);
    cr_expect_eq(list->items[0].steps[0].line, 1);
    cr_expect_eq(list->items[0].steps[0].column, 66);
    cr_expect_str_eq(list->items[1].name, "A and B merge as AB");
    cr_expect_str_eq(list->items[1].steps[0].name, "A and B");
    cr_expect_eq(list->items[2].steps[0].seats, 3);
    cr_expect_eq(list->items[3].steps[0].of_present, 1);
    cr_expect_str_eq(list->items[4].steps[0].a, "60");
    ps_scenarios_free(list);

    /* a file of scenarios must hold one (the "scenarios" section of a
     * legislature may be empty: ps_scenarios_from_document) */
    list = read_list("  []", PS_EDATA, &err);
    cr_expect_null(list);
    cr_expect_eq(err.line, 1);
    cr_expect_eq(err.column, 3);
    cr_expect(strstr(err.message, "no scenario") != NULL, "%s", err.message);
}

Test(scenario, json_errors_have_positions)
{
    static const struct {
        const char *json;
        long line, column;
        const char *says;
    } cases[] = {
        {"[{\"name\": \"s\", \"steps\": [{\"remov\": \"A\"}]}]", 1, 27, "unknown key 'remov'"},
        {"[{\"name\": \"s\", \"steps\": [{\"remove\": \"A\", \"vacate\": \"B\"}]}]", 1, 42,
         "one action"},
        {"[{\"name\": \"s\", \"steps\": [{\"id\": \"A\"}]}]", 1, 26, "needs one of"},
        {"[{\"name\": \"s\", \"steps\": []}]", 1, 25, "at least one step"},
        {"[{\"name\": \"s\"}]", 1, 2, "needs 'name' and 'steps'"},
        {"[{\"merge\": [\"A\"]}]", 1, 12, "two list ids"},
        {"[{\"remove\": \"A\", \"id\": \"x\"}]", 1, 18, "does not go with"},
        {"[{\"move\": {\"from\": \"A\", \"to\": \"B\", \"seats\": -2}}]", 1, 45, "negative"},
        {"[{\"move\": {\"from\": \"A\", \"to\": \"B\"}}]", 1, 11, "needs 'from', 'to'"},
        {"[{\"quota\": \"3/2\"}]", 1, 12, "quota"},
        {"[{\"quota\": \"2/3\", \"of\": \"some\"}]", 1, 25, "all\" or \"present"},
        {"[{\"remove\": \"\"}]", 1, 13, "must not be empty"},
        {"[{\"remove\": \"A\"},\n {\"remove\": \"A\"}]", 2, 2, "two scenarios"},
        {"{\"remove\": \"A\"}", 1, 1, "expected an array"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ps_scenarios *list = NULL;
        ps_error err;
        int rc = ps_scenarios_read(&list, cases[i].json, strlen(cases[i].json), "s.json", &err);
        cr_expect_eq(rc, PS_EDATA, "%s: got %d", cases[i].json, rc);
        cr_expect_null(list);
        cr_expect_str_eq(err.file, "s.json");
        cr_expect_eq(err.line, cases[i].line, "%s: line %ld", cases[i].json, err.line);
        cr_expect_eq(err.column, cases[i].column, "%s: column %ld (%s)", cases[i].json,
                     err.column, err.message);
        cr_expect(strstr(err.message, cases[i].says) != NULL, "%s: message '%s'", cases[i].json,
                  err.message);
    }
}

Test(scenario, remove_and_vacate_keep_the_seat_invariant)
{
    ps_legislature *l;
    ps_rule *r;
    ps_error err;
    cr_assert_eq(apply_json(&l, &r, "[{\"remove\": \"B\"}]", &err), 0, "%s", err.message);
    cr_expect_eq(l->n_parties, 3);
    cr_expect_eq(l->total_seats, 65);
    cr_expect_eq(l->vacant_seats, 0);
    cr_expect_eq(ps_legislature_find_party(l, "B"), -1);
    cr_expect_eq(ps_legislature_majority(l), 33);
    ps_legislature_free(l);
    ps_rule_free(r);

    cr_assert_eq(apply_json(&l, &r, "[{\"vacate\": \"B\"}]", &err), 0);
    cr_expect_eq(l->total_seats, 100);
    cr_expect_eq(l->vacant_seats, 35);
    ps_legislature_free(l);
    ps_rule_free(r);

    cr_assert_eq(apply_json(&l, &r, "[{\"leave_community\": \"y\"}]", &err), 0);
    cr_expect_eq(l->n_parties, 2);
    cr_expect_eq(l->vacant_seats, 55);
    cr_expect_eq(l->total_seats, 100);
    ps_legislature_free(l);
    ps_rule_free(r);

    cr_assert_eq(apply_json(&l, &r, "[{\"remove_community\": \"y\"}]", &err), 0);
    cr_expect_eq(l->n_parties, 2);
    cr_expect_str_eq(l->parties[0].id, "A");
    cr_expect_str_eq(l->parties[1].id, "D");
    cr_expect_eq(l->total_seats, 45);
    cr_expect_eq(l->n_communities, 2, "the community stays declared");
    ps_legislature_free(l);
    ps_rule_free(r);
}

Test(scenario, merge_move_and_quota)
{
    ps_legislature *l;
    ps_rule *r;
    ps_error err;
    cr_assert_eq(apply_json(&l, &r, "[{\"merge\": [\"B\", \"C\"]}]", &err), 0, "%s", err.message);
    cr_expect_eq(l->n_parties, 3);
    cr_expect_str_eq(l->parties[1].id, "B+C");
    cr_expect_str_eq(l->parties[1].name, "B + C");
    cr_expect_eq(l->parties[1].seats, 55);
    cr_expect_eq(l->parties[1].votes, 1500);
    cr_expect_eq(l->parties[1].community, 1, "both were y");
    cr_expect_eq(l->total_seats, 100);
    ps_legislature_free(l);
    ps_rule_free(r);

    cr_assert_eq(apply_json(&l, &r, "[{\"merge\": [\"A\", \"B\"], \"id\": \"A\"}]", &err), 0);
    cr_expect_str_eq(l->parties[0].id, "A", "the merged list may keep one of the two ids");
    cr_expect_eq(l->parties[0].community, -1, "x and y: no community");
    cr_expect_eq(l->parties[0].votes, PS_UNKNOWN);
    ps_legislature_free(l);
    ps_rule_free(r);

    cr_assert_eq(apply_json(&l, &r,
                            "[{\"name\": \"s\", \"steps\": [{\"move\": {\"from\": \"A\", \"to\": "
                            "\"D\", \"seats\": 40}}, {\"quota\": \"2/3\", \"of\": \"present\"}]}]",
                            &err),
                 0);
    cr_expect_eq(l->parties[0].seats, 0, "a list left with no seat stays");
    cr_expect_eq(l->parties[3].seats, 45);
    cr_expect_str_eq(r->quota, "2/3");
    cr_expect(r->of_present);
    ps_legislature_free(l);
    ps_rule_free(r);
}

Test(scenario, apply_errors_point_at_the_step)
{
    static const struct {
        const char *json;
        long column;
        const char *says;
    } cases[] = {
        {"[{\"remove\": \"Z\"}]", 13, "no list 'Z'"},
        {"[{\"leave_community\": \"z\"}]", 22, "unknown community 'z'"},
        {"[{\"merge\": [\"A\", \"A\"]}]", 12, "itself"},
        {"[{\"merge\": [\"A\", \"B\"], \"id\": \"D\"}]", 12, "already has the id 'D'"},
        {"[{\"move\": {\"from\": \"C\", \"to\": \"D\", \"seats\": 21}}]", 11,
         "holds 20 seats and cannot lose 21"},
        {"[{\"move\": {\"from\": \"C\", \"to\": \"C\", \"seats\": 1}}]", 11, "itself"},
        {"[{\"name\": \"s\", \"steps\": [{\"remove\": \"A\"}, {\"remove\": \"A\"}]}]", 54,
         "no list 'A'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ps_legislature *l = NULL;
        ps_rule *r = NULL;
        ps_error err;
        cr_expect_eq(apply_json(&l, &r, cases[i].json, &err), PS_EDATA, "%s", cases[i].json);
        cr_expect_null(l);
        cr_expect_null(r);
        cr_expect_str_eq(err.file, "s.json");
        cr_expect_eq(err.line, 1);
        cr_expect_eq(err.column, cases[i].column, "%s: column %ld (%s)", cases[i].json,
                     err.column, err.message);
        cr_expect(strstr(err.message, cases[i].says) != NULL, "%s: '%s'", cases[i].json,
                  err.message);
    }
    /* every list of the chamber leaving is refused, not an empty chamber */
    ps_legislature *l = NULL;
    ps_rule *r = NULL;
    ps_error err;
    cr_expect_eq(apply_json(&l, &r,
                            "[{\"name\": \"s\", \"steps\": [{\"remove\": \"A\"}, {\"remove\": "
                            "\"B\"}, {\"remove\": \"C\"}, {\"remove\": \"D\"}]}]",
                            &err),
                 PS_EDATA);
    cr_expect(strstr(err.message, "last list") != NULL, "%s", err.message);
}

static ps_analysis *analyse(const ps_legislature *leg, const ps_rule *rule, const char *c1,
                            const char *c2)
{
    ps_analysis_options opt;
    ps_analysis_options_init(&opt);
    const char *cond[2] = {c1, c2};
    opt.condition = cond;
    opt.n_condition = c1 ? (c2 ? 2 : 1) : 0;
    ps_analysis *an = NULL;
    ps_error err;
    cr_assert_eq(ps_analysis_compute(&an, leg, rule, &opt, &err), 0, "%s", err.message);
    return an;
}

static void expect_fraction(const ps_fraction *f, const char *num, const char *den,
                            const char *what)
{
    cr_assert_not_null(f->num, "%s: no exact value", what);
    cr_expect_str_eq(f->num, num, "%s", what);
    cr_expect_str_eq(f->den, den, "%s", what);
}

/* A rule of two layers (majority of 100 and the consent of y: B 35 + C 20,
 * its own majority 28, so B is needed) is counted and listed by the branch
 * and bound. By hand: the winning coalitions hold B and 51 seats; the
 * minimal ones are AB (75) and BC (55) (BCD and ABD keep winning without
 * D); AB holds x and y, BC only y. */
Test(scenario, minimal_winning_coalitions_under_a_rule_of_two_layers)
{
    ps_legislature *leg = small();
    ps_rule *rule = NULL;
    ps_error err;
    cr_assert_eq(ps_rule_new(&rule), PS_OK);
    cr_assert_eq(ps_rule_add_name(rule, PS_RULE_CONSENT, "y", &err), PS_OK);
    ps_analysis_options opt;
    ps_analysis_options_init(&opt);
    const char *cond[2] = {"x", "y"};
    opt.condition = cond;
    opt.n_condition = 2;
    ps_analysis *an = NULL;
    cr_assert_eq(ps_analysis_compute(&an, leg, rule, &opt, &err), PS_OK, "%s", err.message);
    cr_expect(an->mwc_counted);
    cr_expect_eq(an->n_mwc, 2);
    cr_expect_eq(an->n_mwc_condition, 1);
    cr_assert_eq(an->n_listed, 2);
    cr_expect(an->listed_complete);
    cr_expect_eq(an->listed[0].seats, 75, "AB first: more seats");
    cr_expect_eq(an->listed[1].seats, 55);
    ps_analysis_free(an);

    opt.max_listed = 1; /* the list is cut, the count is not */
    cr_assert_eq(ps_analysis_compute(&an, leg, rule, &opt, &err), PS_OK);
    cr_expect_eq(an->n_listed, 1);
    cr_expect(!an->listed_complete);
    cr_expect_eq(an->n_mwc, 2);
    ps_analysis_free(an);

    opt.max_listed = 100;
    opt.max_nodes = 2; /* too small a budget: not counted, and says so */
    cr_assert_eq(ps_analysis_compute(&an, leg, rule, &opt, &err), PS_OK);
    cr_expect(!an->mwc_counted);
    ps_analysis_free(an);
    ps_rule_free(rule);
    ps_legislature_free(leg);
}

Test(scenario, analysis_and_difference_of_the_small_chamber)
{
    ps_legislature *leg = small(), *after_leg;
    ps_rule *after_rule;
    ps_scenario *sc;
    ps_error err;
    ps_analysis *before = analyse(leg, NULL, "x", "y");
    cr_expect_eq(before->quota, 51);
    cr_expect(before->mwc_counted);
    cr_expect_eq(before->n_mwc, 3);
    cr_expect_eq(before->n_mwc_condition, 2, "AB and AC hold x and y; BC only y");
    cr_expect_eq(before->n_listed, 3);
    cr_expect(before->condition_possible);
    /* listed by fewest lists, then most seats: AB 75, AC 60, BC 55 */
    cr_expect_eq(before->listed[0].seats, 75);
    cr_expect_eq(before->listed[1].seats, 60);
    cr_expect_eq(before->listed[2].seats, 55);

    cr_assert_eq(ps_scenario_new(&sc, "C goes"), 0);
    cr_assert_eq(ps_scenario_add_text(sc, PS_STEP_REMOVE, "C", &err), 0);
    cr_assert_eq(ps_scenario_apply(&after_leg, &after_rule, leg, NULL, sc, &err), 0);
    ps_analysis *after = analyse(after_leg, after_rule, "x", "y");
    cr_expect_eq(after->quota, 41);
    cr_expect_eq(after->n_mwc, 2);
    cr_expect_eq(after->n_mwc_condition, 1);

    ps_scenario_diff *d;
    cr_assert_eq(ps_scenario_compare(&d, before, after, &err), 0);
    cr_assert_eq(d->n_parties, 4);
    cr_expect_str_eq(d->parties[0].id, "A");
    expect_fraction(&d->parties[0].banzhaf[0], "1", "3", "A before");
    expect_fraction(&d->parties[0].banzhaf[1], "3", "5", "A after");
    expect_fraction(&d->parties[0].shapley[1], "2", "3", "A SS after");
    expect_fraction(&d->parties[1].shapley[1], "1", "6", "B SS after");
    expect_fraction(&d->parties[2].banzhaf[1], "0", "1", "C after: absent, 0");
    cr_expect_eq(d->parties[2].after, -1);
    cr_expect_eq(d->parties[2].seats[1], 0);
    expect_fraction(&d->parties[3].banzhaf[0], "0", "1", "D before: a dummy");
    expect_fraction(&d->parties[3].banzhaf[1], "1", "5", "D after");
    cr_assert_eq(d->n_communities, 2);
    expect_fraction(&d->communities[1].banzhaf[0], "2", "3", "y before: B + C");
    expect_fraction(&d->communities[1].banzhaf[1], "1", "5", "y after: B");
    cr_expect_eq(d->communities[1].seats[0], 55);
    cr_expect_eq(d->communities[1].seats[1], 35);
    cr_expect(d->coalitions_complete);
    cr_assert_eq(d->n_appeared, 1);
    cr_expect_eq(d->appeared[0].n, 2);
    cr_expect_str_eq(after->leg->parties[d->appeared[0].members[0]].id, "A");
    cr_expect_str_eq(after->leg->parties[d->appeared[0].members[1]].id, "D");
    cr_assert_eq(d->n_disappeared, 2, "AC and BC");
    cr_expect_eq(d->disappeared[0].seats, 60);
    cr_expect_eq(d->disappeared[1].seats, 55);

    ps_scenario_diff_free(d);
    ps_analysis_free(after);
    ps_analysis_free(before);
    ps_legislature_free(after_leg);
    ps_rule_free(after_rule);
    ps_scenario_free(sc);
    ps_legislature_free(leg);
}

Test(scenario, walkout_without_a_reachable_quota_is_reported_not_an_error)
{
    ps_legislature *leg = small(), *l2;
    ps_rule *r2;
    ps_scenario *sc;
    ps_error err;
    cr_assert_eq(ps_scenario_new(&sc, NULL), 0);
    cr_assert_eq(ps_scenario_add_text(sc, PS_STEP_LEAVE_COMMUNITY, "y", &err), 0);
    cr_assert_eq(ps_scenario_apply(&l2, &r2, leg, NULL, sc, &err), 0);
    /* 45 seats left in a chamber of 100: a majority of all seats (51) is out of reach */
    ps_analysis *an = analyse(l2, r2, "x", NULL);
    cr_expect_null(an->game);
    cr_expect_not_null(an->game_error);
    cr_expect_null(an->power);
    cr_expect_not(an->condition_possible);
    cr_expect(strstr(an->condition_missing, "no coalition can win") != NULL, "%s",
              an->condition_missing);
    ps_analysis_free(an);
    /* counted of the members present (45), a majority is 23: A alone */
    r2->of_present = true;
    an = analyse(l2, r2, "x", "y");
    cr_expect_eq(an->quota, 23);
    cr_expect_eq(an->n_mwc, 1);
    cr_expect_not(an->condition_possible);
    cr_expect_str_eq(an->condition_missing, "no seated list of Why");
    ps_analysis_free(an);
    ps_legislature_free(l2);
    ps_rule_free(r2);
    ps_scenario_free(sc);
    ps_legislature_free(leg);
}

Test(scenario, a_merged_list_is_a_new_row)
{
    ps_legislature *leg = small(), *l2;
    ps_rule *r2;
    ps_scenario *sc;
    ps_error err;
    cr_assert_eq(ps_scenario_new(&sc, NULL), 0);
    cr_assert_eq(ps_scenario_add_text(sc, PS_STEP_MERGE, "B,C", &err), 0);
    cr_assert_eq(ps_scenario_apply(&l2, &r2, leg, NULL, sc, &err), 0);
    ps_analysis *before = analyse(leg, NULL, NULL, NULL), *after = analyse(l2, r2, NULL, NULL);
    cr_expect_eq(after->n_mwc, 1, "B+C (55) wins alone");
    ps_scenario_diff *d;
    cr_assert_eq(ps_scenario_compare(&d, before, after, &err), 0);
    cr_assert_eq(d->n_parties, 5);
    cr_expect_str_eq(d->parties[4].id, "B+C");
    cr_expect_eq(d->parties[4].before, -1);
    cr_expect_eq(d->parties[4].seats[1], 55);
    expect_fraction(&d->parties[4].banzhaf[1], "1", "1", "B+C is a dictator");
    cr_expect_eq(d->n_appeared, 1);
    cr_expect_eq(d->n_disappeared, 3);
    ps_scenario_diff_free(d);
    ps_analysis_free(before);
    ps_analysis_free(after);
    ps_legislature_free(l2);
    ps_rule_free(r2);
    ps_scenario_free(sc);
    ps_legislature_free(leg);
}

Test(scenario, iraq_2014_scenarios)
{
    ps_document *doc;
    ps_rule *rule;
    ps_scenarios *list;
    ps_error err;
    cr_assert_eq(ps_document_load(&doc, IRAQ, &err), 0, "%s", err.message);
    const ps_legislature *leg = ps_document_legislature(doc);
    cr_assert_eq(ps_rule_from_document(&rule, doc, &err), 0, "%s", err.message);
    cr_assert_eq(ps_scenarios_from_document(&list, doc, &err), 0, "%s:%ld:%ld: %s", err.file,
                 err.line, err.column, err.message);
    cr_assert_eq(list->n, 2);
    cr_expect_str_eq(list->items[0].name, "The Kurdish lists walk out");
    cr_expect_str_eq(list->items[1].name, "The Sunni lists lose their seats");
    ps_analysis_options opt;
    ps_analysis_options_init(&opt);
    const char *cond[] = {"shia", "sunni", "kurdish"};
    opt.condition = cond;
    opt.n_condition = 3;
    ps_analysis *before;
    cr_assert_eq(ps_analysis_compute(&before, leg, rule, &opt, &err), 0, "%s", err.message);
    cr_expect_eq(before->quota, 165);
    cr_expect_eq(before->n_mwc, 5420555);
    cr_expect_eq(before->n_mwc_condition, 4425597);
    cr_expect_eq(before->n_listed, 16 + 77, "16 MWCs of 4 lists, 77 of 5");
    static const struct {
        int64_t total, vacant, quota;
        uint64_t mwc;
    } want[] = {{328, 62, 165, 223202}, {292, 0, 147, 632114}};
    for (size_t k = 0; k < 2; k++) {
        ps_legislature *l2;
        ps_rule *r2;
        ps_analysis *after;
        cr_assert_eq(ps_scenario_apply(&l2, &r2, leg, rule, &list->items[k], &err), 0);
        cr_expect_eq(l2->total_seats, want[k].total);
        cr_expect_eq(l2->vacant_seats, want[k].vacant);
        cr_assert_eq(ps_analysis_compute(&after, l2, r2, &opt, &err), 0);
        cr_expect_eq(after->quota, want[k].quota);
        cr_expect_eq(after->n_mwc, want[k].mwc, "scenario %zu: %llu", k,
                     (unsigned long long)after->n_mwc);
        cr_expect_eq(after->n_mwc_condition, 0);
        cr_expect_not(after->condition_possible);
        ps_analysis_free(after);
        ps_legislature_free(l2);
        ps_rule_free(r2);
    }
    /* the walkout counted of the members present: 266 seats, majority 134 */
    rule->of_present = true;
    ps_legislature *l2;
    ps_rule *r2;
    ps_analysis *after;
    cr_assert_eq(ps_scenario_apply(&l2, &r2, leg, rule, &list->items[0], &err), 0);
    cr_assert_eq(ps_analysis_compute(&after, l2, r2, &opt, &err), 0);
    cr_expect_eq(after->quota, 134);
    cr_expect_eq(after->n_mwc, 155967);
    ps_analysis_free(after);
    ps_legislature_free(l2);
    ps_rule_free(r2);
    ps_analysis_free(before);
    ps_scenarios_free(list);
    ps_rule_free(rule);
    ps_document_free(doc);
}

/* Every allocation failure comes back as PS_ENOMEM and leaks nothing. */
static int job(const ps_legislature *leg)
{
    ps_legislature *l2 = NULL;
    ps_rule *r2 = NULL;
    ps_scenarios *list = NULL;
    ps_analysis *a = NULL, *b = NULL;
    ps_scenario_diff *d = NULL;
    ps_error err;
    const char *json = "[{\"name\": \"s\", \"notes\": \"n\", \"steps\": [{\"merge\": [\"A\", "
                       "\"D\"], \"name\": \"AD\"}, {\"move\": {\"from\": \"B\", \"to\": \"C\", "
                       "\"seats\": 5}}, {\"quota\": \"60%\"}]}, {\"vacate\": \"C\"}]";
    const char *cond[] = {"x", "y"};
    ps_analysis_options opt;
    ps_analysis_options_init(&opt);
    opt.condition = cond;
    opt.n_condition = 2;
    int rc = ps_scenarios_read(&list, json, strlen(json), "s.json", &err);
    if (rc == PS_OK)
        rc = ps_scenario_apply(&l2, &r2, leg, NULL, &list->items[0], &err);
    if (rc == PS_OK)
        rc = ps_analysis_compute(&a, leg, NULL, &opt, &err);
    if (rc == PS_OK)
        rc = ps_analysis_compute(&b, l2, r2, &opt, &err);
    if (rc == PS_OK)
        rc = ps_scenario_compare(&d, a, b, &err);
    char *text = NULL;
    if (rc == PS_OK)
        rc = ps_step_describe(&text, &list->items[1].steps[0]);
    ps_free(text);
    ps_scenario_diff_free(d);
    ps_analysis_free(a);
    ps_analysis_free(b);
    ps_legislature_free(l2);
    ps_rule_free(r2);
    ps_scenarios_free(list);
    return rc;
}

static int job_of(void *leg)
{
    return job(leg);
}

Test(scenario, allocation_failures)
{
    ps_legislature *leg = small(); /* built outside the failing window */
    long n = torture(job_of, leg);
    cr_expect(n > 20, "%ld", n);
    ps_legislature_free(leg);
}

/* A rule of two layers (a majority and the presence of community x): the
 * minimal winning coalitions are counted by the search, not the table. By
 * hand: every winning coalition needs A (the only x list) and 51 seats: AB,
 * AC, ABC, ABD, ACD, ABCD; minimal: AB and AC. Banzhaf swings: A 6, B 2
 * (AB, ABD), C 2 (AC, ACD), D 0: 3/5, 1/5, 1/5, 0. When A walks out, the
 * rule names a community with no seated list: no game, reported. */
Test(scenario, a_rule_of_several_layers)
{
    ps_legislature *leg = small(), *l2;
    ps_rule *rule, *r2;
    ps_error err;
    cr_assert_eq(ps_rule_new(&rule), 0);
    cr_assert_eq(ps_rule_add_name(rule, PS_RULE_PRESENCE, "x", &err), 0);
    ps_analysis *an = analyse(leg, rule, NULL, NULL);
    cr_assert_not_null(an->game, "%s", an->game_error);
    cr_expect_eq(an->game->n_layers, 2);
    cr_expect(an->mwc_counted);
    cr_expect_eq(an->n_mwc, 2);
    cr_expect_eq(an->n_listed, 2);
    cr_assert_not_null(an->power, "%s", an->power_error);
    expect_fraction(&an->power->values[PS_BANZHAF][0], "3", "5", "A");
    expect_fraction(&an->power->values[PS_BANZHAF][1], "1", "5", "B");
    expect_fraction(&an->power->values[PS_BANZHAF][3], "0", "1", "D");
    ps_analysis_free(an);

    ps_scenario *sc;
    cr_assert_eq(ps_scenario_new(&sc, NULL), 0);
    cr_assert_eq(ps_scenario_add_text(sc, PS_STEP_VACATE, "A", &err), 0);
    cr_assert_eq(ps_scenario_apply(&l2, &r2, leg, rule, sc, &err), 0);
    cr_expect_eq(r2->n[PS_RULE_PRESENCE], 1, "the rule is copied as written");
    an = analyse(l2, r2, NULL, NULL);
    cr_expect_null(an->game);
    cr_expect_not_null(an->game_error);
    cr_expect_eq(an->n_mwc, 0);
    ps_analysis_free(an);
    ps_legislature_free(l2);
    ps_rule_free(r2);
    ps_scenario_free(sc);
    ps_rule_free(rule);
    ps_legislature_free(leg);
}
