/*
 * test_legislature.c - building, copying and validating legislatures, their
 * JSON and CSV formats, and the bundled Iraq 2014 legislature.
 *
 * The seat invariant is the heart of it: party seats + unattributed +
 * vacant = total, with the Iraq 2014 numbers (313 + 15 + 0 = 328, majority
 * 165) as the reference case. Format errors are checked with their exact
 * message, line and column: the position is the feature.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/powershare.h"

#include "expect_error.h"


static void expect_error(int rc, int code, const char *msg)
{
    cr_assert_eq(rc, code, "rc %d, expected %d (%s)", rc, code, err.message);
    cr_expect_eq(err.code, code);
    cr_expect_str_eq(err.message, msg);
    cr_expect_eq(err.line, 0);
}

static ps_legislature *iraq_like(void)
{
    ps_legislature *leg;
    cr_assert_eq(ps_legislature_new(&leg, "Iraq-like", 328), 0);
    leg->unattributed_seats = 15;
    cr_assert_eq(ps_legislature_add_community(leg, "shia", "Shia", &err), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "kurdish", NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "sol", "State of Law", 92, PS_UNKNOWN, "shia",
                                          NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "kdp", NULL, 25, PS_UNKNOWN, "kurdish", NULL,
                                          &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "rest", NULL, 196, PS_UNKNOWN, NULL, NULL, &err),
                 0);
    return leg;
}

Test(legislature, new_and_defaults)
{
    ps_legislature *leg;
    cr_assert_eq(ps_legislature_new(&leg, NULL, PS_UNKNOWN), 0);
    cr_expect_str_eq(leg->name, "");
    cr_expect_eq(leg->n_parties, 0);
    cr_expect_eq(ps_legislature_majority(leg), PS_UNKNOWN);
    cr_expect_eq(ps_legislature_party_seats(leg), 0);
    expect_error(ps_legislature_validate(leg, &err), PS_EDATA,
                 "no parties; a legislature needs at least one");
    ps_legislature_free(leg);
    ps_legislature_free(NULL);
}

Test(legislature, majority_of_the_whole_chamber)
{
    ps_legislature *leg = iraq_like();
    cr_expect_eq(ps_legislature_majority(leg), 165);
    leg->total_seats = 329;
    cr_expect_eq(ps_legislature_majority(leg), 165);
    leg->total_seats = 1;
    cr_expect_eq(ps_legislature_majority(leg), 1);
    ps_legislature_free(leg);
}

Test(legislature, add_and_find)
{
    ps_legislature *leg = iraq_like();
    cr_expect_eq(ps_legislature_find_party(leg, "kdp"), 1);
    cr_expect_eq(ps_legislature_find_party(leg, "nope"), -1);
    cr_expect_eq(ps_legislature_find_community(leg, "kurdish"), 1);
    cr_expect_str_eq(leg->communities[1].name, "kurdish", "name defaults to the id");
    cr_expect_str_eq(leg->parties[1].name, "kdp");
    cr_expect_eq(leg->parties[1].community, 1);
    cr_expect_eq(leg->parties[2].community, -1);
    cr_expect_null(leg->parties[0].positions);
    cr_expect_eq(ps_legislature_party_seats(leg), 313);

    expect_error(ps_legislature_add_party(leg, "kdp", NULL, 1, 1, NULL, NULL, &err), PS_EDATA,
                 "duplicate party id 'kdp'");
    expect_error(ps_legislature_add_party(leg, "x", NULL, 1, 1, "sunni", NULL, &err), PS_EDATA,
                 "party 'x': unknown community 'sunni'");
    expect_error(ps_legislature_add_party(leg, "", NULL, 1, 1, NULL, NULL, &err), PS_EINVAL,
                 "party id is empty");
    expect_error(ps_legislature_add_party(leg, "y", NULL, -2, 1, NULL, NULL, &err), PS_EINVAL,
                 "party 'y': negative seats");
    expect_error(ps_legislature_add_community(leg, "shia", NULL, &err), PS_EDATA,
                 "duplicate community id 'shia'");
    expect_error(ps_legislature_add_dimension(leg, NULL, NULL, 0, 1, &err), PS_EINVAL,
                 "dimension id is empty");
    cr_expect_eq(leg->n_parties, 3, "failed adds change nothing");

    size_t k;
    cr_assert_eq(ps_legislature_add_dimension(leg, "lr", "Left-right", 0, 10, &err), 0);
    cr_expect(isnan(leg->parties[2].positions[0]), "existing parties get NAN");
    cr_assert_eq(ps_legislature_add_party(leg, "new", NULL, 0, 10, NULL, &k, &err), 0);
    cr_expect_eq(k, 3);
    cr_expect(isnan(leg->parties[3].positions[0]));
    cr_assert_eq(ps_legislature_add_dimension(leg, "eu", NULL, NAN, NAN, &err), 0);
    cr_expect_eq(ps_legislature_find_dimension(leg, "eu"), 1);
    cr_expect(isnan(leg->parties[3].positions[1]));
    expect_error(ps_legislature_add_dimension(leg, "eu", NULL, 0, 1, &err), PS_EDATA,
                 "duplicate dimension id 'eu'");
    ps_legislature_free(leg);
}

Test(legislature, many_parties_grow)
{
    ps_legislature *leg;
    cr_assert_eq(ps_legislature_new(&leg, "big", PS_UNKNOWN), 0);
    char id[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(id, sizeof id, "p%d", i);
        cr_assert_eq(ps_legislature_add_party(leg, id, NULL, 1, PS_UNKNOWN, NULL, NULL, &err), 0);
    }
    cr_expect_eq(ps_legislature_find_party(leg, "p999"), 999);
    cr_assert_eq(ps_legislature_validate(leg, &err), 0);
    cr_expect_eq(leg->total_seats, 1000, "derived from the parties");
    ps_legislature_free(leg);
}

Test(legislature, validate_the_seat_invariant)
{
    ps_legislature *leg = iraq_like();
    cr_expect_eq(ps_legislature_validate(leg, &err), 0, "%s", err.message);
    leg->total_seats = 330;
    expect_error(ps_legislature_validate(leg, &err), PS_EDATA,
                 "party seats (313) + unattributed (15) + vacant (0) = 328, which does not "
                 "equal total_seats (330)");
    leg->total_seats = 328;
    leg->vacant_seats = 2;
    expect_error(ps_legislature_validate(leg, &err), PS_EDATA,
                 "party seats (313) + unattributed (15) + vacant (2) = 330, which does not "
                 "equal total_seats (328)");
    leg->vacant_seats = 0;
    leg->parties[2].seats = PS_UNKNOWN;
    cr_expect_eq(ps_legislature_validate(leg, &err), 0, "a known total covers unknown seats");
    leg->total_seats = 100;
    expect_error(ps_legislature_validate(leg, &err), PS_EDATA,
                 "known party seats (117) + unattributed (15) + vacant (0) = 132, which exceeds "
                 "total_seats (100)");
    leg->total_seats = PS_UNKNOWN;
    expect_error(ps_legislature_validate(leg, &err), PS_EDATA,
                 "party 'rest' has no seat count but 'sol' has one; give seats for every party, "
                 "or total_seats");
    leg->parties[2].seats = 196;
    cr_expect_eq(ps_legislature_validate(leg, &err), 0);
    cr_expect_eq(leg->total_seats, 328, "derived: 313 + 15");
    leg->unattributed_seats = -1;
    expect_error(ps_legislature_validate(leg, &err), PS_EDATA,
                 "unattributed_seats must not be negative");
    leg->unattributed_seats = 0;
    leg->parties[0].votes = -7;
    expect_error(ps_legislature_validate(leg, &err), PS_EDATA, "party 'sol' has negative votes");
    leg->parties[0].votes = PS_UNKNOWN;
    leg->parties[0].seats = INT64_MAX;
    expect_error(ps_legislature_validate(leg, &err), PS_ERANGE,
                 "the seats of the parties add up to more than 2^63-1");
    ps_legislature_free(leg);
}

Test(legislature, votes_only_and_empty_chamber)
{
    ps_legislature *leg;
    cr_assert_eq(ps_legislature_new(&leg, "votes", PS_UNKNOWN), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "a", NULL, PS_UNKNOWN, 100, NULL, NULL, &err), 0);
    cr_expect_eq(ps_legislature_validate(leg, &err), 0);
    cr_expect_eq(leg->total_seats, PS_UNKNOWN, "votes only: the chamber size stays unknown");
    leg->parties[0].seats = 0;
    expect_error(ps_legislature_validate(leg, &err), PS_EDATA,
                 "the chamber has no seats (every party has 0); give total_seats or some seats");
    leg->total_seats = 0;
    expect_error(ps_legislature_validate(leg, &err), PS_EDATA,
                 "total_seats must be at least 1, got 0");
    ps_legislature_free(leg);
}

Test(legislature, copy_is_deep)
{
    ps_legislature *leg = iraq_like();
    cr_assert_eq(ps_legislature_add_dimension(leg, "lr", NULL, 0, 10, &err), 0);
    leg->parties[0].positions[0] = 6.5;
    leg->parties[0].color = psi_strdup("#112233");
    leg->notes = psi_strdup("notes");
    ps_legislature *copy;
    cr_assert_eq(ps_legislature_copy(&copy, leg), 0);
    ps_legislature_free(leg);
    cr_expect_str_eq(copy->name, "Iraq-like");
    cr_expect_str_eq(copy->notes, "notes");
    cr_expect_null(copy->date);
    cr_expect_eq(copy->n_parties, 3);
    cr_expect_eq(copy->parties[0].positions[0], 6.5);
    cr_expect_str_eq(copy->parties[0].color, "#112233");
    cr_expect_str_eq(copy->communities[1].id, "kurdish");
    cr_expect_eq(copy->unattributed_seats, 15);
    /* The copy keeps growing like the original. */
    char id[16];
    for (int i = 0; i < 20; i++) {
        snprintf(id, sizeof id, "extra%d", i);
        cr_assert_eq(ps_legislature_add_party(copy, id, NULL, 0, 0, NULL, NULL, &err), 0);
        cr_assert_eq(ps_legislature_add_community(copy, id, NULL, &err), 0);
        cr_assert_eq(ps_legislature_add_dimension(copy, id, NULL, NAN, NAN, &err), 0);
    }
    cr_expect_eq(copy->n_parties, 23);
    cr_expect(isnan(copy->parties[22].positions[20]));
    ps_legislature_free(copy);
}

static int build_and_copy(void)
{
    ps_legislature *leg = NULL, *copy = NULL;
    int rc = ps_legislature_new(&leg, "x", 10);
    if (rc == 0)
        rc = ps_legislature_add_community(leg, "c", "C", &err);
    if (rc == 0)
        rc = ps_legislature_add_dimension(leg, "d", "D", 0, 1, &err);
    for (int i = 0; rc == 0 && i < 5; i++) {
        char id[8];
        snprintf(id, sizeof id, "p%d", i);
        rc = ps_legislature_add_party(leg, id, "P", 2, 10, i % 2 ? "c" : NULL, NULL, &err);
    }
    if (rc == 0)
        rc = ps_legislature_add_dimension(leg, "e", NULL, NAN, NAN, &err);
    if (rc == 0)
        rc = ps_legislature_copy(&copy, leg);
    if (rc == 0)
        rc = ps_legislature_validate(copy, &err);
    ps_legislature_free(copy);
    ps_legislature_free(leg);
    return rc;
}

Test(legislature, allocation_failures_change_nothing_and_leak_nothing)
{
    long live = psi_alloc_live(), n;
    for (n = 0; n < 10000; n++) {
        psi_alloc_fail_after(n);
        int rc = build_and_copy();
        psi_alloc_fail_after(-1);
        cr_assert_eq(psi_alloc_live(), live, "leak after failing allocation %ld", n);
        if (rc == 0)
            break;
        cr_assert_eq(rc, PS_ENOMEM);
    }
    cr_expect_gt(n, 10);
}

/* ---- the JSON and CSV legislature formats --------------------------------- */


static int leg_json(const char *text)
{
    ps_legislature *leg = NULL;
    ps_error_clear(&err);
    int rc = ps_legislature_read_json(&leg, text, strlen(text), "t.json", &err);
    ps_legislature_free(leg);
    return rc;
}

static int leg_csv(const char *text)
{
    ps_legislature *leg = NULL;
    ps_error_clear(&err);
    int rc = ps_legislature_read_csv(&leg, text, strlen(text), "t.csv", &err);
    ps_legislature_free(leg);
    return rc;
}

/* JSON --------------------------------------------------------------------- */

Test(legislature_json, content_errors_point_at_the_value)
{
    expect_at(leg_json("{\"parties\": [{\"id\": \"a\", \"seats\": \"3\"}]}"), PS_EDATA, 1, 35,
                 "expected an integer for 'seats', got a string");
    expect_at(leg_json("{\"parties\": [{\"id\": \"a\", \"seats\": -3}]}"), PS_EDATA, 1, 35,
                 "'seats' must not be negative, got -3");
    expect_at(leg_json("{\"parties\": [{\"id\": \"a\", \"votes\": 2.5}]}"), PS_EDATA, 1, 35,
                 "'votes' must be a whole number, got 2.5");
    expect_at(leg_json("{\"parties\": [{\"id\": \"a\", \"seats\": 99999999999999999999}]}"),
                 PS_ERANGE, 1, 35, "number too large: 99999999999999999999 does not fit in 64 "
                 "bits (the largest is 2^63-1 = 9223372036854775807)");
    expect_at(leg_json("{\"name\": 3, \"parties\": [{\"id\": \"a\"}]}"), PS_EDATA, 1, 10,
                 "expected a string for 'name', got an integer");
    expect_at(leg_json("{\"parties\": [{\"id\": \"a\", \"seat\": 1}]}"), PS_EDATA, 1, 26,
                 "unknown key 'seat' in party (did you mean 'seats'?); allowed keys: id, name, "
                 "seats, votes, community, positions, color, source");
    expect_at(leg_json("{\"parties\": [], \"totl_seats\": 3}"), PS_EDATA, 1, 17,
                 "unknown key 'totl_seats' in the legislature (did you mean 'total_seats'?); "
                 "allowed keys: format, name, date, source, notes, total_seats, "
                 "unattributed_seats, vacant_seats, communities, dimensions, parties, "
                 "election, rule, condition, scenarios, offices, formation");
    expect_at(leg_json("{\"parties\": [{\"id\": \"a\", \"seats\": 1},\n"
                          "{\"id\": \"b\", \"seats\": 1},\n{\"id\": \"a\", \"seats\": 1}]}"),
                 PS_EDATA, 3, 8, "duplicate party id 'a' (first at line 1)");
    expect_at(leg_json("[1]"), PS_EDATA, 1, 1,
                 "expected a JSON object at the top level, got an array");
    expect_at(leg_json("{\"name\": \"x\"}"), PS_EDATA, 1, 1,
                 "missing key 'parties'; a legislature needs a list of parties");
    expect_at(leg_json("{\"parties\": []}"), PS_EDATA, 1, 13,
                 "'parties' is empty; a legislature needs at least one party");
    expect_at(leg_json("{\"parties\": [{\"name\": \"a\"}]}"), PS_EDATA, 1, 14,
                 "missing key 'id' in party; every party needs an id");
    expect_at(leg_json("{\"parties\": [3]}"), PS_EDATA, 1, 14,
                 "expected an object for each party in 'parties', got an integer");
    expect_at(leg_json("{\"format\": \"powershare-legislature/2\", \"parties\": [{\"id\": "
                          "\"a\"}]}"), PS_EDATA, 1, 12, "unsupported format "
                 "\"powershare-legislature/2\"; expected \"powershare-legislature/1\"");
    expect_at(leg_json("{\"date\": \"30/4/2014\", \"parties\": [{\"id\": \"a\"}]}"), PS_EDATA,
                 1, 10, "expected an ISO 8601 date such as \"2014-04-30\" for 'date', got "
                 "\"30/4/2014\"");
    expect_at(leg_json("{\"parties\": [{\"id\": \"a\", \"color\": \"red\"}]}"), PS_EDATA, 1, 35,
                 "expected a colour written \"#rrggbb\" for 'color', got \"red\"");
    expect_at(leg_json("{\"total_seats\": 0, \"parties\": [{\"id\": \"a\"}]}"), PS_EDATA, 1, 17,
                 "'total_seats' must be at least 1, got 0");
}

Test(legislature_json, seats_must_add_up)
{
    expect_at(leg_json("{\"total_seats\": 330, \"unattributed_seats\": 15,\n"
                          " \"parties\": [{\"id\": \"a\", \"seats\": 300}, {\"id\": \"b\", "
                          "\"seats\": 13}]}"),
                 PS_EDATA, 1, 17, "party seats (313) + unattributed (15) + vacant (0) = 328, "
                 "which does not equal total_seats (330)");
    expect_at(leg_json("{\"total_seats\": 10, \"parties\": [{\"id\": \"a\", \"seats\": 8}, "
                          "{\"id\": \"b\"}, {\"id\": \"c\", \"seats\": 3}]}"),
                 PS_EDATA, 1, 17, "known party seats (11) + unattributed (0) + vacant (0) = 11, "
                 "which exceeds total_seats (10)");
    expect_at(leg_json("{\"parties\": [{\"id\": \"a\", \"seats\": 8},\n {\"id\": \"b\"}]}"),
                 PS_EDATA, 2, 2, "party 'b' has no seat count but 'a' has one; give seats for "
                 "every party, or total_seats");
    ps_legislature *leg;
    const char *ok = "{\"vacant_seats\": 2, \"parties\": [{\"id\": \"a\", \"seats\": 8}]}";
    cr_assert_eq(ps_legislature_read_json(&leg, ok, strlen(ok), "t", &err), 0);
    cr_expect_eq(leg->total_seats, 10, "derived from the parties and vacancies");
    ps_legislature_free(leg);
}

Test(legislature_json, communities_and_dimensions)
{
    expect_at(leg_json("{\"communities\": [{\"id\": \"x\"}], \"parties\": [{\"id\": \"a\", "
                          "\"community\": \"y\"}]}"), PS_EDATA, 1, 69,
                 "unknown community 'y'; declared communities: x");
    expect_at(leg_json("{\"dimensions\": [{\"id\": \"lr\", \"min\": 0, \"max\": 10}],\n"
                          "\"parties\": [{\"id\": \"a\", \"positions\": {\"rl\": 1}}]}"),
                 PS_EDATA, 2, 39, "unknown dimension 'rl'; declared dimensions: lr");
    expect_at(leg_json("{\"parties\": [{\"id\": \"a\", \"positions\": {\"lr\": 1}}]}"),
                 PS_EDATA, 1, 40, "unknown dimension 'lr'; declare it in a top-level "
                 "\"dimensions\" array first");
    expect_at(leg_json("{\"dimensions\": [{\"id\": \"lr\", \"min\": 0, \"max\": 10}],\n"
                          "\"parties\": [{\"id\": \"a\", \"positions\": {\"lr\": 12}}]}"),
                 PS_EDATA, 2, 45, "position 12 on 'lr' is outside its declared range [0, 10]");
    expect_at(leg_json("{\"dimensions\": [{\"id\": \"lr\", \"min\": 10, \"max\": 0}], "
                          "\"parties\": [{\"id\": \"a\"}]}"), PS_EDATA, 1, 48,
                 "'max' (0) must be greater than 'min' (10)");
    expect_at(leg_json("{\"communities\": [{\"id\": \"x\"}, {\"id\": \"x\"}], \"parties\": "
                          "[{\"id\": \"a\"}]}"), PS_EDATA, 1, 38,
                 "duplicate community id 'x' (first at line 1)");
    /* Without a "communities" array, they are made in order of first use. */
    const char *text = "{\"parties\": [{\"id\": \"a\", \"community\": \"s\"}, {\"id\": \"b\"}, "
                       "{\"id\": \"c\", \"community\": \"k\"}, {\"id\": \"d\", \"community\": "
                       "\"s\"}]}";
    ps_legislature *leg;
    cr_assert_eq(ps_legislature_read_json(&leg, text, strlen(text), "t", &err), 0, "%s",
                 err.message);
    cr_expect_eq(leg->n_communities, 2);
    cr_expect_str_eq(leg->communities[0].id, "s");
    cr_expect_str_eq(leg->communities[1].name, "k");
    cr_expect_eq(leg->parties[1].community, -1);
    cr_expect_eq(leg->parties[3].community, 0);
    cr_expect_eq(leg->total_seats, PS_UNKNOWN, "no seats anywhere: votes-only input");
    ps_legislature_free(leg);
}

Test(legislature_json, round_trip)
{
    ps_legislature *leg;
    cr_assert_eq(ps_legislature_new(&leg, "Tést \"chamber\"", 20), 0);
    leg->date = psi_strdup("2021-09-26");
    leg->notes = psi_strdup("line one\nline two\ttabbed \\ and \x01");
    leg->unattributed_seats = 1;
    leg->vacant_seats = 2;
    cr_assert_eq(ps_legislature_add_community(leg, "n", "North", &err), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "unused", NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_dimension(leg, "lr", "Left-right", 0, 10, &err), 0);
    cr_assert_eq(ps_legislature_add_dimension(leg, "eu", NULL, NAN, 1, &err), 0);
    size_t k;
    cr_assert_eq(ps_legislature_add_party(leg, "a", "Alpha", 10, 12345, "n", &k, &err), 0);
    leg->parties[k].positions[0] = 0.1;
    leg->parties[k].positions[1] = -1.0 / 3.0;
    leg->parties[k].color = psi_strdup("#A1b2C3");
    leg->parties[k].source = psi_strdup("somewhere, 2021");
    cr_assert_eq(ps_legislature_add_party(leg, "b", NULL, 7, PS_UNKNOWN, NULL, &k, &err), 0);
    leg->parties[k].positions[0] = 1e-300;
    char *text;
    cr_assert_eq(ps_legislature_to_json(&text, leg, &err), 0);
    ps_legislature *back;
    cr_assert_eq(ps_legislature_read_json(&back, text, strlen(text), "rt", &err), 0, "%s\n%s",
                 err.message, text);
    char *again;
    cr_assert_eq(ps_legislature_to_json(&again, back, &err), 0);
    cr_expect_str_eq(again, text);
    cr_expect_str_eq(back->name, "Tést \"chamber\"");
    cr_expect_str_eq(back->notes, leg->notes);
    cr_expect_eq(back->total_seats, 20);
    cr_expect_eq(back->vacant_seats, 2);
    cr_expect_eq(back->n_communities, 2);
    cr_expect_eq(back->parties[0].positions[0], 0.1);
    cr_expect_eq(back->parties[0].positions[1], -1.0 / 3.0);
    cr_expect(isnan(back->parties[1].positions[1]));
    cr_expect_eq(back->parties[1].positions[0], 1e-300);
    cr_expect_eq(back->parties[1].votes, PS_UNKNOWN);
    cr_expect(isnan(back->dimensions[1].min));
    cr_expect_eq(back->dimensions[1].max, 1);
    cr_expect_str_eq(back->parties[0].color, "#A1b2C3");
    cr_expect_str_eq(back->parties[1].name, "b");
    ps_free(text);
    ps_free(again);
    ps_legislature_free(back);
    ps_legislature_free(leg);
}

/* ---- legislature CSV ------------------------------------------------------ */

Test(legislature_csv, columns_dimensions_and_communities)
{
    ps_legislature *leg;
    cr_assert_eq(ps_legislature_load(&leg, IO_DATA "/legislature.csv", &err), 0, "%s",
                 err.message);
    cr_expect_eq(leg->n_parties, 3);
    cr_expect_eq(leg->total_seats, 20);
    cr_expect_str_eq(leg->parties[1].name, "Beta, the \"Second\"");
    cr_expect_eq(leg->parties[2].votes, PS_UNKNOWN);
    cr_expect_eq(leg->n_communities, 2);
    cr_expect_eq(leg->parties[2].community, 0);
    cr_expect_eq(leg->n_dimensions, 2);
    cr_expect_str_eq(leg->dimensions[1].id, "decentral");
    cr_expect_eq(leg->parties[1].positions[1], -1.25);
    cr_expect(isnan(leg->parties[0].positions[1]));
    cr_expect_null(leg->parties[1].color);
    cr_expect_str_eq(leg->parties[2].color, "#AABBCC");
    ps_legislature_free(leg);
    cr_assert_eq(ps_legislature_load(&leg, IO_DATA "/crlf.csv", &err), 0, "%s", err.message);
    cr_expect_eq(leg->total_seats, 9, "CRLF and a blank line are fine");
    cr_expect_str_eq(leg->parties[1].id, "y");
    ps_legislature_free(leg);
}

Test(legislature_csv, errors)
{
    expect_at(leg_csv("party,seats\na,3\nb,three\n"), PS_EDATA, 3, 3,
                 "expected a whole number for 'seats', got 'three'");
    expect_at(leg_csv("party,seats\na,-3\n"), PS_EDATA, 2, 3,
                 "'seats' must not be negative, got -3");
    expect_at(leg_csv("party,seats\na,2.5\n"), PS_EDATA, 2, 3,
                 "'seats' must be a whole number, got 2.5");
    expect_at(leg_csv("party,votes\na,\"1,234\"\n"), PS_EDATA, 2, 3,
                 "expected a whole number for 'votes', got '1,234' (write numbers without "
                 "thousands separators)");
    expect_at(leg_csv("party,seats\na,1\nb,2\na,3\n"), PS_EDATA, 4, 1,
                 "duplicate party 'a' (first at line 2)");
    expect_at(leg_csv("party,seats,seats\n"), PS_EPARSE, 1, 13,
                 "duplicate column 'seats' (first at column 7)");
    expect_at(leg_csv("party,,x\n"), PS_EPARSE, 1, 7, "empty column name in the header "
                 "(column 2)");
    expect_at(leg_csv("name,seats\na,1\n"), PS_EDATA, 1, 1,
                 "the header has no 'party' column; expected party and optionally name, seats, "
                 "votes, community, color, source and policy dimensions written dim:NAME");
    expect_at(leg_csv("party,dim:lr\na,left\n"), PS_EDATA, 2, 3,
                 "expected a number for 'lr', got 'left'");
    expect_at(leg_csv("party,seats\na,1\nb,\n"), PS_EDATA, 3, 3,
                 "party 'b' has no seat count but 'a' has one; give seats for every party, or "
                 "total_seats");
    expect_at(leg_csv("party,seats\n"), PS_EDATA, 0, 0,
                 "no rows after the header; expected one row per party");
    expect_at(leg_csv("party,seats\na,1\nb,2,3\n"), PS_EPARSE, 3, 5,
                 "record at line 3 has 3 fields; expected 2 as in the header");
    expect_at(leg_csv("party,color\na,blue\n"), PS_EDATA, 2, 3,
                 "expected a colour written #rrggbb for 'color', got 'blue'");
    ps_legislature *leg;
    const char *votes_only = "party,votes\na,100\nb,50\n";
    cr_assert_eq(ps_legislature_read_csv(&leg, votes_only, strlen(votes_only), "t", &err), 0);
    cr_expect_eq(leg->total_seats, PS_UNKNOWN);
    cr_expect_eq(leg->parties[0].seats, PS_UNKNOWN);
    cr_expect_eq(ps_legislature_validate(leg, &err), 0);
    ps_legislature_free(leg);
}

/* ---- the bundled Iraq 2014 legislature ------------------------------------ */

Test(iraq, council_of_representatives_2014)
{
    ps_legislature *leg;
    cr_assert_eq(ps_legislature_load(&leg, IRAQ, &err), 0, "%s:%ld:%ld: %s", err.file, err.line,
                 err.column, err.message);
    cr_expect_eq(leg->total_seats, 328);
    cr_expect_eq(ps_legislature_majority(leg), 165);
    cr_expect_eq(leg->unattributed_seats, 15);
    cr_expect_eq(leg->vacant_seats, 0);
    cr_expect_eq(ps_legislature_party_seats(leg), 313);
    cr_expect_eq(ps_legislature_find_party(leg, "other"), -1, "the remainder is no party");
    cr_expect_str_eq(leg->date, "2014-04-30");
    /* kurdishinstitute.be: "Kurds won 62 seats" = KDP 25 + PUK 21 + Gorran 9 + KIU 4 + KIG 3. */
    long kurdish = ps_legislature_find_community(leg, "kurdish");
    cr_assert(kurdish >= 0);
    int64_t by_community[8] = {0}, none = 0;
    size_t no_community = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        cr_expect_not_null(p->source, "%s has a source", p->id);
        cr_expect_not_null(p->color, "%s has a colour", p->id);
        if (p->community < 0) {
            none += p->seats;
            no_community++;
        } else {
            by_community[p->community] += p->seats;
        }
    }
    cr_expect_eq(by_community[kurdish], 62);
    const char *kurds[] = {"kdp", "puk", "gorran", "kiu", "kig"};
    const int64_t seats[] = {25, 21, 9, 4, 3};
    for (int i = 0; i < 5; i++) {
        long k = ps_legislature_find_party(leg, kurds[i]);
        cr_assert(k >= 0);
        cr_expect_eq(leg->parties[k].seats, seats[i]);
        cr_expect_eq(leg->parties[k].community, kurdish);
    }
    cr_expect_eq(by_community[ps_legislature_find_community(leg, "minority")], 10,
                 "8 quota seats and 2 Turkmen Front seats");
    cr_expect_eq(no_community, 6);
    cr_expect_eq(none, 11);
    cr_expect_eq(leg->n_communities, 5);
    cr_expect_eq(leg->n_dimensions, 0);
    cr_expect_eq(ps_legislature_validate(leg, &err), 0);
    /* The chamber part of the file is in the writer's canonical form; the
     * analysis sections (rule, condition, scenarios, offices), which the
     * legislature writer does not write, follow it. */
    char *text, *written;
    size_t len;
    cr_assert_eq(ps_file_read(&text, &len, IRAQ, &err), 0);
    cr_assert_eq(ps_legislature_to_json(&written, leg, &err), 0);
    size_t chamber = strlen(written);
    cr_assert(chamber > 3 && !strcmp(written + chamber - 3, "\n}\n"));
    chamber -= 3;
    cr_expect(len > chamber && !strncmp(text, written, chamber),
              "the chamber part of %s is not in canonical form", IRAQ);
    ps_free(text);
    ps_free(written);
    ps_legislature_free(leg);
}

/* ---- column names: case, dim:, misspellings (issue 13) ------------------- */

Test(legislature_csv, known_columns_ignore_case)
{
    ps_legislature *leg = NULL;
    const char *text = "Party,NAME,Seats,Votes,Community,Color,Source\n"
                       "a,Alpha,3,300,north,#112233,table 1\nb,Beta,2,200,,,\n";
    cr_assert_eq(ps_legislature_read_csv(&leg, text, strlen(text), "t.csv", &err), 0, "%s",
                 err.message);
    cr_expect_eq(leg->n_dimensions, 0, "no column became a dimension");
    cr_expect_eq(leg->total_seats, 5);
    cr_expect_eq(leg->parties[0].votes, 300);
    cr_expect_str_eq(leg->parties[0].name, "Alpha");
    cr_expect_str_eq(leg->communities[0].id, "north");
    cr_expect_str_eq(leg->parties[0].color, "#112233");
    cr_expect_str_eq(leg->parties[0].source, "table 1");
    ps_legislature_free(leg);
}

Test(legislature_csv, dimensions_need_the_dim_prefix)
{
    ps_legislature *leg = NULL;
    const char *text = "party,seats,dim:left_right,DIM:EU\na,3,2.5,\nb,2,,-1\n";
    cr_assert_eq(ps_legislature_read_csv(&leg, text, strlen(text), "t.csv", &err), 0, "%s",
                 err.message);
    cr_assert_eq(leg->n_dimensions, 2);
    cr_expect_str_eq(leg->dimensions[0].id, "left_right");
    cr_expect_str_eq(leg->dimensions[1].id, "EU", "the id keeps its case");
    cr_expect_eq(leg->parties[0].positions[0], 2.5);
    cr_expect_eq(leg->parties[1].positions[1], -1.0);
    ps_legislature_free(leg);

    expect_at(leg_csv("party,seats,vote\na,1,1\n"), PS_EDATA, 1, 13,
              "unknown column 'vote' (did you mean 'votes'?); the columns are party, name, "
              "seats, votes, community, color, source (in any case), and a policy dimension is "
              "written dim:NAME");
    expect_at(leg_csv("party,seats,comunity\na,1,x\n"), PS_EDATA, 1, 13,
              "unknown column 'comunity' (did you mean 'community'?); the columns are party, "
              "name, seats, votes, community, color, source (in any case), and a policy "
              "dimension is written dim:NAME");
    expect_at(leg_csv("party,seats,left_right\na,1,2\n"), PS_EDATA, 1, 13,
              "unknown column 'left_right'; if it is a policy dimension, write dim:left_right; "
              "the columns are party, name, seats, votes, community, color, source (in any "
              "case)");
    expect_at(leg_csv("pary,seats\na,1\n"), PS_EDATA, 1, 1,
              "unknown column 'pary' (did you mean 'party'?); the columns are party, name, "
              "seats, votes, community, color, source (in any case), and a policy dimension is "
              "written dim:NAME");
    expect_at(leg_csv("party,dim:\na,1\n"), PS_EDATA, 1, 7,
              "expected a dimension name right after 'dim:' (such as dim:left_right), got "
              "'dim:'");
    expect_at(leg_csv("party,Seats,seats\na,1,1\n"), PS_EPARSE, 1, 13,
              "duplicate column 'seats' (first at column 7 as 'Seats'; column names ignore "
              "case)");
    expect_at(leg_csv("party;seats\na;1\n"), PS_EPARSE, 1, 1,
              "the file looks semicolon-separated (as Excel writes in some locales); save it "
              "with commas");
}

Test(legislature_csv, named_after_its_file)
{
    static const struct {
        const char *source, *name;
    } cases[] = {{"data/tk2023.csv", "tk2023"}, {"tk2023.csv", "tk2023"},
                 {"/tmp/a.b/nl.tk.2023.csv", "nl.tk.2023"}, {"noext", "noext"},
                 {"dir/.hidden", ".hidden"}, {"<stdin>", "<stdin>"}, {NULL, ""}};
    const char *text = "party,seats\na,1\n";
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ps_legislature *leg = NULL;
        cr_assert_eq(ps_legislature_read_csv(&leg, text, strlen(text), cases[i].source, &err),
                     0, "%s", err.message);
        cr_expect_str_eq(leg->name, cases[i].name, "source %s", cases[i].source);
        ps_legislature_free(leg);
    }
    /* and so through a document, from a path or standard input's name */
    ps_document *doc = NULL;
    cr_assert_eq(ps_document_read(&doc, text, strlen(text), "<stdin>", &err), 0);
    cr_expect_str_eq(ps_document_legislature(doc)->name, "<stdin>");
    ps_document_free(doc);
    cr_assert_eq(ps_document_load(&doc, PS_TEST_DATA "/coalitions/nl-tk2023.csv", &err), 0,
                 "%s", err.message);
    cr_expect_str_eq(ps_document_legislature(doc)->name, "nl-tk2023");
    ps_document_free(doc);
}

Test(legislature_csv, document_detection_ignores_case_and_names_semicolons)
{
    ps_document *doc = NULL;
    const char *upper = "PARTY,Seats\na,1\n";
    cr_assert_eq(ps_document_read(&doc, upper, strlen(upper), "u.csv", &err), 0, "%s",
                 err.message);
    cr_expect_eq(ps_document_legislature(doc)->total_seats, 1);
    ps_document_free(doc);
    const char *semi = "\n  party;seats;dim:lr\na;1;2,5\n";
    expect_at(ps_document_read(&doc, semi, strlen(semi), "s.csv", &err), PS_EPARSE, 2, 3,
              "the file looks semicolon-separated (as Excel writes in some locales); save it "
              "with commas");
    cr_expect_null(doc);
}

Test(legislature_csv, unknown_total_names_the_legislature)
{
    ps_legislature *leg = NULL;
    const char *text = "party,votes\na,100\nb,50\n";
    cr_assert_eq(ps_legislature_read_csv(&leg, text, strlen(text), "dir/tk2023.csv", &err), 0);
    ps_game *game = NULL;
    expect_at(ps_game_from_legislature(&game, leg, NULL, false, &err), PS_EDATA, 0, 0,
              "the legislature 'tk2023' has no seat counts, so its total number of seats is "
              "unknown; give each party its seats (a table of votes alone is the input of "
              "'powershare seats')");
    cr_expect_null(game);
    ps_legislature_free(leg);
}
