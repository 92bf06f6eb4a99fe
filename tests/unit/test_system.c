/*
 * test_system.c - electoral laws applied whole (powershare/system.h): each
 * rule on a small table whose result is worked out by hand in the comment
 * above it; the law file's errors with their positions.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "powershare/powershare.h"

static ps_system *law_of(const char *json)
{
    ps_system *law = NULL;
    ps_error err;
    cr_assert_eq(ps_system_read(&law, json, strlen(json), "law.json", &err), PS_OK, "%s",
                 err.message);
    return law;
}

static ps_votes *votes_of(const char *csv)
{
    ps_votes *v = NULL;
    ps_error err;
    cr_assert_eq(ps_votes_read_csv(&v, csv, strlen(csv), "votes.csv", &err), PS_OK, "%s",
                 err.message);
    return v;
}

/* Applies the law and checks the seats, in the table's order. */
static ps_system_result *expect_seats(const char *law_json, const char *csv, const int64_t *want,
                                      size_t n)
{
    ps_system *law = law_of(law_json);
    ps_votes *v = votes_of(csv);
    ps_system_result *r = NULL;
    ps_error err;
    cr_assert_eq(ps_system_apply(&r, law, v, NULL, &err), PS_OK, "%s", err.message);
    cr_assert_eq(r->n, n);
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(r->seats[i], want[i], "%s: %lld seats, expected %lld", v->parties[i],
                     (long long)r->seats[i], (long long)want[i]);
    ps_votes_free(v);
    ps_system_free(law);
    return r;
}

#define LAW(rest)                                                                           \
    "{\"format\": \"powershare-system/1\", \"chamber\": \"Test\", \"law\": \"a test law\", " \
    "\"source\": \"the test\", " rest "}"

/* D'Hondt, 10 seats, 5%: E (4%) is out. Units x = A + C = 6600, B 2000,
 * D 1000. Quotients: x 6600 3300 2200 1650 1320 1100 943; B 2000 1000;
 * D 1000: the ten largest give x 7, B 2, D 1 (B's and D's 1000 both win).
 * x's 7 by D'Hondt: A 5100 2550 1700 1275 1020 850, C 1500: A 6, C 1. */
Test(system, an_alliance_pools_its_votes_and_splits_its_seats)
{
    int64_t want[] = {6, 2, 1, 1, 0};
    ps_system_result *r = expect_seats(
        LAW("\"seats\": 10, \"method\": \"dhondt\", \"threshold\": \"5%\", "
            "\"alliances\": \"all-eligible\""),
        "party,votes,alliance\nA,5100,x\nB,2000,\nC,1500,x\nD,1000,\nE,400,\n", want, 5);
    cr_expect_not_null(strstr(r->notes, "alliance x: 7 seats"));
    cr_expect(!r->eligible[4]);
    ps_system_result_free(r);
}

/* The same, but C (400 of 8500, 4.7%) is under the threshold: with
 * "all-eligible" the alliance does not count and A stands alone. A 5100
 * 2550 1700 1275 1020 850 729, B 2000 1000 667, D 1000 500: the ten
 * largest are 5100 2550 2000 1700 1275 1020 1000 1000 850 729: A 7, B 2,
 * D 1. */
Test(system, an_alliance_with_a_list_under_the_threshold_does_not_count)
{
    int64_t want[] = {7, 2, 0, 1};
    ps_system_result *r = expect_seats(
        LAW("\"seats\": 10, \"method\": \"dhondt\", \"threshold\": \"5%\", "
            "\"alliances\": \"all-eligible\""),
        "party,votes,alliance\nA,5100,x\nB,2000,\nC,400,x\nD,1000,\n", want, 4);
    cr_expect_null(r->notes, "%s", r->notes);
    ps_system_result_free(r);
}

/* Kieswet P 9: A has 5001 of 10000 votes; D'Hondt on 10 seats gives A 5
 * (5001 2500.5 1667 1250.25 1000.2) and B 5 (4999 2499.5 1666.3 1249.75
 * 999.8): half, not a majority. B won the last seat (999.8): it goes to
 * A, 6 to 4. */
Test(system, the_majority_clause_moves_the_last_seat)
{
    int64_t want[] = {6, 4};
    ps_system_result *r =
        expect_seats(LAW("\"seats\": 10, \"method\": \"dhondt\", \"majority_clause\": true"),
                     "party,votes\nA,5001\nB,4999\n", want, 2);
    cr_expect_eq(r->moved[0], 1);
    cr_expect_eq(r->moved[1], -1);
    ps_system_result_free(r);
}

/* A sliding bonus as in Greece (20 seats at 25%, one more per 0.5%, at
 * most 50): A has 40.3%, floor((40.3 - 25) / 0.5) = 30 steps -> 50 seats.
 * The other 250 by Hare: A 100.75, B 87.25, C 62 -> 100, 87, 62 and the
 * last seat to A (remainder .75): A 101 + 50, B 87, C 62. */
Test(system, a_sliding_bonus_for_the_first_list)
{
    int64_t want[] = {151, 87, 62};
    ps_system_result *r = expect_seats(
        LAW("\"seats\": 300, \"method\": \"hare\", \"threshold\": \"3%\", "
            "\"bonus\": {\"from\": \"25%\", \"seats\": 20, \"step\": \"0.5%\", "
            "\"step_seats\": 1, \"max_seats\": 50}"),
        "party,votes\nA,403\nB,349\nC,248\n", want, 3);
    cr_expect_eq(r->bonus[0], 50);
    cr_expect_eq(r->house, 300);
    ps_system_result_free(r);
}

/* 30.2%: floor(5.2 / 0.5) = 10 steps: 30 seats; under 25%: none. */
Test(system, the_bonus_scale_and_its_floor)
{
    const char *law = LAW("\"seats\": 300, \"method\": \"hare\", \"bonus\": {\"from\": \"25%\", "
                          "\"seats\": 20, \"step\": \"0.5%\", \"step_seats\": 1, "
                          "\"max_seats\": 50}");
    ps_system *l = law_of(law);
    ps_votes *v = votes_of("party,votes\nA,303\nB,297\nC,400\n");
    ps_system_result *r = NULL;
    ps_error err;
    cr_assert_eq(ps_system_apply(&r, l, v, NULL, &err), PS_OK, "%s", err.message);
    cr_expect_eq(r->bonus[2], 20 + 30, "C has 40%%: 30 steps, 50 (the maximum)");
    ps_system_result_free(r);
    ps_votes_free(v);
    v = votes_of("party,votes\nA,303\nB,697\n");
    cr_assert_eq(ps_system_apply(&r, l, v, NULL, &err), PS_OK, "%s", err.message);
    cr_expect_eq(r->bonus[1], 50, "69.8%%: capped at 50");
    ps_system_result_free(r);
    ps_votes_free(v);
    v = votes_of("party,votes\nA,302\nB,250\nC,248\nD,200\n");
    cr_assert_eq(ps_system_apply(&r, l, v, NULL, &err), PS_OK, "%s", err.message);
    cr_expect_eq(r->bonus[0], 30, "30.2%%: 20 + floor(5.2 / 0.5) = 30");
    ps_system_result_free(r);
    ps_votes_free(v);
    v = votes_of("party,votes\nA,249\nB,248\nC,503\n");
    cr_assert_eq(ps_system_apply(&r, l, v, NULL, &err), PS_OK, "%s", err.message);
    cr_expect_eq(r->bonus[2], 50);
    ps_system_result_free(r);
    ps_votes_free(v);
    v = votes_of("party,votes\nA,249\nB,248\nC,248\nD,255\n");
    cr_assert_eq(ps_system_apply(&r, l, v, NULL, &err), PS_OK, "%s", err.message);
    cr_expect_eq(r->bonus[3], 21, "25.5%%: one step, 20 + 1");
    ps_system_result_free(r);
    ps_votes_free(v);
    ps_system_free(l);
}

/* Dutch councils under 19 seats: 9 seats, quota 1000 / 9; C and D (60
 * votes, under 3/4 of the quota, 83.3) get no remainder seat. A 880:
 * 7.92 -> 7; one remainder seat to A (its only one), the last by largest
 * averages: A 880 / 9 = 97.8 against C and D 60 / 1: A. */
Test(system, small_councils_remainder_seats_only_over_three_quarters_of_the_quota)
{
    int64_t want[] = {9, 0, 0};
    ps_system_result *r = expect_seats(
        LAW("\"seats\": 9, \"method\": \"hare\", \"remainder_share\": \"3/4\", "
            "\"max_remainder_seats\": 1"),
        "party,votes\nA,880\nC,60\nD,60\n", want, 3);
    ps_system_result_free(r);
    /* A 800, B 100, C 50, D 50: full seats A 7 (7.2); B (100 >= 83.3) and
     * A take the two remainder seats, B's remainder (.9) first */
    int64_t want2[] = {8, 1, 0, 0};
    r = expect_seats(LAW("\"seats\": 9, \"method\": \"hare\", \"remainder_share\": \"3/4\", "
                         "\"max_remainder_seats\": 1"),
                     "party,votes\nA,800\nB,100\nC,50\nD,50\n", want2, 4);
    ps_system_result_free(r);
}

/* List exhaustion: D'Hondt, 10 seats; A 6000 would get 6 but has 3
 * candidates. The other 7 among B 3000 (3000 1500 1000 750 600 500 429)
 * and C 900 (900 450): B 6, C 1. */
Test(system, a_list_never_gets_more_seats_than_candidates)
{
    int64_t want[] = {3, 6, 1};
    ps_system_result *r =
        expect_seats(LAW("\"seats\": 10, \"method\": \"dhondt\", \"list_exhaustion\": true"),
                     "party,votes,candidates\nA,6000,3\nB,3000,20\nC,900,\n", want, 3);
    cr_expect_not_null(strstr(r->notes, "A has 3 candidate(s) for 6 seats"));
    ps_system_result_free(r);
}

/* Overhang (New Zealand): Sainte-Lague on 10 seats, 5% or one electorate.
 * An independent (no party vote) won 1 electorate: 9 in the pool. A 600,
 * B 300, C 100 (3 electorates). Quotients: A 600 200 120 85.7 66.7;
 * B 300 100 60; C 100 33: the nine largest give A 5, B 3 (its 60 is
 * ninth... worked out: 600 300 200 120 100 100 85.7 66.7 60) -> A 5, B 3,
 * C 1; C keeps its 3 electorates: house 10 + 2. */
Test(system, overhang_seats_are_kept_and_the_house_grows)
{
    int64_t want[] = {5, 3, 3, 1};
    ps_system_result *r = expect_seats(
        LAW("\"seats\": 10, \"method\": \"sainte-lague\", \"threshold\": \"5%\", "
            "\"exempt_if_wins\": 1, \"overhang\": true"),
        "party,votes,direct_wins\nA,600,2\nB,300,0\nC,100,3\nIndependent,0,1\n", want, 4);
    cr_expect_eq(r->overhang[2], 2);
    cr_expect_eq(r->house, 12);
    ps_system_result_free(r);
}

Test(system, a_rule_needs_its_column)
{
    ps_system *law = law_of(LAW("\"seats\": 10, \"method\": \"dhondt\", \"overhang\": true"));
    ps_votes *v = votes_of("party,votes\nA,1\n");
    ps_system_result *r = NULL;
    ps_error err;
    cr_expect_eq(ps_system_apply(&r, law, v, NULL, &err), PS_EDATA);
    cr_expect_not_null(strstr(err.message, "direct_wins column"), "%s", err.message);
    ps_votes_free(v);
    ps_system_free(law);
}

static void expect_law_error(const char *json, long line, long column, const char *part)
{
    ps_system *law = NULL;
    ps_error err;
    cr_expect_eq(ps_system_read(&law, json, strlen(json), "law.json", &err), PS_EDATA);
    cr_expect_null(law);
    cr_expect_str_eq(err.file, "law.json");
    cr_expect_eq(err.line, line, "%s: line %ld", err.message, err.line);
    cr_expect_eq(err.column, column, "%s: column %ld", err.message, err.column);
    cr_expect_not_null(strstr(err.message, part), "%s", err.message);
}

Test(system, law_file_errors_name_the_place)
{
    expect_law_error("{\"format\": \"powershare-system/1\", \"chamber\": \"T\", \"law\": \"l\",\n"
                     " \"source\": \"s\", \"seats\": 10, \"method\": \"dhondt\", \"treshold\": "
                     "\"5%\"}",
                     2, 50, "did you mean 'threshold'");
    expect_law_error("{\"format\": \"powershare-system/1\", \"chamber\": \"T\", \"law\": \"l\",\n"
                     " \"source\": \"s\", \"seats\": 10, \"method\": \"dhondt\",\n"
                     " \"remainder_share\": \"3/4\"}",
                     3, 21, "largest-remainder methods");
    expect_law_error("{\"format\": \"powershare-system/1\", \"chamber\": \"T\", \"law\": \"l\",\n"
                     " \"source\": \"s\", \"method\": \"dhondt\"}",
                     1, 1, "a law needs 'seats'");
    expect_law_error("{\"format\": \"powershare-system/1\", \"chamber\": \"T\", \"law\": \"l\",\n"
                     " \"source\": \"s\", \"seats\": 10, \"method\": \"dhondt\",\n"
                     " \"bonus\": {\"from\": \"25%\", \"seats\": 20, \"step\": \"1%\"}}",
                     3, 11, "both 'step' and 'step_seats'");
}

#define TIERS(rest)                                                                         \
    LAW("\"seats\": 5, \"method\": \"dhondt\", \"district_seats\": {\"d1\": 2, \"d2\": 2}, "  \
        "\"leveling\": {\"seats\": 1, \"threshold\": \"10%\", \"method\": \"dhondt\"}" rest)

/* Two districts of 2 seats (D'Hondt) and one leveling seat. d1: A 60,
 * B 35, C 5 -> A, B; d2: A 50, B 20, C 30 -> A (50), C (30). National A
 * 110, B 55, C 35 (all over 10%): 5 seats by D'Hondt 110 55 55 36.7 35
 * -> A 3, B 1, C 1; A had 2 district seats: its leveling seat. */
Test(system, a_leveling_seat_from_the_national_share)
{
    int64_t want[] = {3, 1, 1};
    ps_system_result *r =
        expect_seats(TIERS(""),
                     "party,district,votes\nA,d1,60\nB,d1,35\nC,d1,5\nA,d2,50\nB,d2,20\nC,d2,30\n",
                     want, 3);
    cr_expect_eq(r->leveling[0], 1);
    cr_expect_eq(r->by_district[0 * 2 + 0], 1);
    cr_expect_eq(r->by_district[2 * 2 + 1], 1);
    ps_system_result_free(r);
}

/* C wins both seats of d2 (C 50 25, A 20) but its national share is 1
 * (A 80, B 56, C 55: 80 56 55 40 28 -> A 2, B 2, C 1): C keeps its 2 and
 * is set aside; the other 3 seats: A 80 40, B 56 -> A 2, B 1, so A's
 * leveling seat. */
Test(system, a_list_over_its_national_share_is_set_aside)
{
    int64_t want[] = {2, 1, 2};
    ps_system_result *r =
        expect_seats(TIERS(""),
                     "party,district,votes\nA,d1,60\nB,d1,36\nC,d1,5\nA,d2,20\nB,d2,20\nC,d2,50\n",
                     want, 3);
    cr_expect_eq(r->leveling[0], 1);
    cr_expect_eq(r->leveling[2], 0);
    cr_expect_not_null(strstr(r->notes, "C won 2 district seats"), "%s", r->notes);
    ps_system_result_free(r);
}

Test(system, a_law_with_districts_checks_them)
{
    expect_law_error(TIERS(", \"majority_clause\": true"), 1, 1, "a law with districts");
    ps_system *law = law_of(TIERS(""));
    ps_votes *v = votes_of("party,district,votes\nA,d1,60\nA,d3,5\n");
    ps_system_result *r = NULL;
    ps_error err;
    cr_expect_eq(ps_system_apply(&r, law, v, NULL, &err), PS_EDATA);
    cr_expect_not_null(strstr(err.message, "district 'd3' is not one of the law's"), "%s",
                       err.message);
    ps_votes_free(v);
    ps_system_free(law);
}

/* Sweden's options (system.h): two districts of 3 seats by Sainte-Lague and
 * `level` leveling seats for the lists with 20%; lrest goes in the leveling
 * object, rest at the top. */
#define SWEDISH(seats, level, lrest, rest)                                                   \
    LAW("\"seats\": " #seats ", \"method\": \"sainte-lague\", "                             \
        "\"district_seats\": {\"d1\": 3, \"d2\": 3}, \"leveling\": {\"seats\": " #level ", " \
        "\"threshold\": \"20%\", \"method\": \"sainte-lague\"" lrest "}" rest)

/* C has 70 of 620 votes nationally (11.3%, under the 20%) but 50% in d2,
 * over the district threshold of 30%: it takes part there. d1 (A 300,
 * B 200, C 20): A 300, B 200, A 100 -> A 2, B 1. d2 (A 30, B 20, C 50):
 * C 50, A 30, B 20 -> one each.
 * C's seat is set aside; the other 6 by Sainte-Lague on A 330, B 220:
 * 330 220 110 73.3 66 47.1 -> A 4, B 2. A's leveling seat goes where
 * 300 / 5 = 60 (d1) beats 30 / 3 = 10 (d2). */
Test(system, a_district_threshold_admits_a_list_in_one_district)
{
    int64_t want[] = {4, 2, 1};
    ps_system_result *r = expect_seats(
        SWEDISH(7, 1, ", \"placement\": \"largest-quotient\"", ", \"district_threshold\": \"30%\""),
        "party,district,votes\nA,d1,300\nB,d1,200\nC,d1,20\nA,d2,30\nB,d2,20\nC,d2,50\n", want,
        3);
    cr_expect_eq(r->by_district[2 * 2 + 1], 1);
    cr_expect_eq(r->by_district[0 * 2 + 1], 1);
    cr_expect_eq(r->leveling[0], 1);
    cr_expect_eq(r->leveling_by_district[0 * 2 + 0], 1);
    cr_expect(r->eligible[2]);
    cr_expect_not_null(strstr(r->notes, "C, under the leveling threshold, has 50% of the votes "
                                        "in 'd2'"),
                       "%s", r->notes);
    ps_system_result_free(r);
}

/* Districts by modified Sainte-Lague (1.2), as in Sweden. d1 (A 400, B 95):
 * A 333.3 133.3 80, B 79.2 -> A 3. d2 (A 300, B 250): A 250, B 208.3,
 * A 100 -> A 2, B 1. National 8 seats on A 700, B 345: A 583.3 233.3 140
 * 100 77.8, B 287.5 115 69 -> A 5, B 3: B's 2 leveling seats. The first
 * goes to d1, where B has no seat: 95 / 1 = 95 beats 250 / 3 = 83.3 (with
 * the first divisor 1.2, 79.2 would lose); the second to d2, as B now has
 * a seat in d1: 95 / 3 = 31.7 against 83.3. */
Test(system, largest_quotient_places_a_list_s_seats_one_at_a_time)
{
    int64_t want[] = {5, 3};
    ps_system_result *r = expect_seats(
        LAW("\"seats\": 8, \"method\": \"modified-sainte-lague\", \"first_divisor\": \"1.2\", "
            "\"district_seats\": {\"d1\": 3, \"d2\": 3}, \"leveling\": {\"seats\": 2, "
            "\"threshold\": \"5%\", \"method\": \"modified-sainte-lague\", \"first_divisor\": "
            "\"1.2\", \"placement\": \"largest-quotient\", \"district_method\": "
            "\"sainte-lague\"}"),
        "party,district,votes\nA,d1,400\nB,d1,95\nA,d2,300\nB,d2,250\n", want, 2);
    cr_expect_eq(r->by_district[0 * 2 + 0], 3);
    cr_expect_eq(r->by_district[1 * 2 + 1], 1);
    cr_expect_eq(r->leveling[1], 2);
    cr_expect_eq(r->leveling_by_district[1 * 2 + 0], 1);
    cr_expect_eq(r->leveling_by_district[1 * 2 + 1], 1);
    cr_expect_eq(r->leveling_by_district[0 * 2 + 0] + r->leveling_by_district[0 * 2 + 1], 0);
    ps_system_result_free(r);
}

/* C wins all 3 seats of d1 (C 100 33.3 20, A 10, B 8); d2 (A 100, B 90):
 * A 100, B 90, A 33.3 -> A 2, B 1. National 7 seats on A 110, B 98,
 * C 100: 110 100 98 36.7 33.3 32.7 22 -> A 3, B 2, C 2: C is one over.
 * Returned: its seat won with the lowest comparison number, 100 / 5 = 20
 * in d1, which goes to A (10 / 1 against B's 8 / 1; both under their
 * share). Then B's leveling seat: d2, 90 / 3 = 30 against 8 / 1. Set
 * aside instead (Norway), C keeps 3 and A 110, B 98 share the other 4:
 * A 2, B 2. */
Test(system, a_list_over_its_share_returns_its_surplus_district_seats)
{
    const char *votes = "party,district,votes\nA,d1,10\nB,d1,8\nC,d1,100\nA,d2,100\nB,d2,90\n";
    int64_t want[] = {3, 2, 2};
    ps_system_result *r = expect_seats(
        SWEDISH(7, 1,
                ", \"placement\": \"largest-quotient\", \"surplus\": \"return\", "
                "\"return_min_district_seats\": 3",
                ""),
        votes, want, 3);
    cr_expect_eq(r->by_district[0 * 2 + 0], 1);
    cr_expect_eq(r->by_district[2 * 2 + 0], 2);
    cr_expect_eq(r->leveling[1], 1);
    cr_expect_eq(r->leveling_by_district[1 * 2 + 1], 1);
    cr_expect_not_null(strstr(r->notes, "C won more district seats than its national share of "
                                        "2: it returns its seat in 'd1'"),
                       "%s", r->notes);
    cr_expect_not_null(strstr(r->notes, "and A takes it"), "%s", r->notes);
    ps_system_result_free(r);
    int64_t kept[] = {2, 2, 3};
    r = expect_seats(SWEDISH(7, 1, "", ""), votes, kept, 3);
    cr_expect_not_null(strstr(r->notes, "C won 3 district seats"), "%s", r->notes);
    ps_system_result_free(r);
}

static void expect_apply_error(const char *law_json, const char *csv, int code, const char *part)
{
    ps_system *law = law_of(law_json);
    ps_votes *v = votes_of(csv);
    ps_system_result *r = NULL;
    ps_error err;
    cr_expect_eq(ps_system_apply(&r, law, v, NULL, &err), code, "%s", err.message);
    cr_expect_null(r);
    cr_expect_not_null(strstr(err.message, part), "%s", err.message);
    ps_votes_free(v);
    ps_system_free(law);
}

/* What the return rule does not settle is refused: no district of 4 seats
 * to return C's seat in; and C alone in d1 (C 60 there; A 100, B 90, C 5
 * in d2: national 100 90 65 33.3 30 21.7 20 -> A 3, B 2, C 2, and C holds
 * 3) with no other list there to take the seat. */
Test(system, a_return_the_law_does_not_settle_is_refused)
{
    expect_apply_error(SWEDISH(7, 1, ", \"surplus\": \"return\", \"return_min_district_seats\": 4",
                               ""),
                       "party,district,votes\nA,d1,10\nB,d1,8\nC,d1,100\nA,d2,100\nB,d2,90\n",
                       PS_EDATA, "none in a district of 4 seats or more to return");
    expect_apply_error(SWEDISH(7, 1, ", \"surplus\": \"return\"", ""),
                       "party,district,votes\nC,d1,60\nA,d2,100\nB,d2,90\nC,d2,5\n", PS_EDATA,
                       "where no other list under its national share has votes");
}

/* An others entry counts in the base and takes part in no seat. d1 (A 60,
 * B 36, others 50): A 60, B 36, A 30 -> A, B (as a list, others' 50 would
 * take B's seat). d2 (A 50, B 20, C 18): A 50, 25 -> A 2. C has 22 of 238
 * votes, 9.2%, under the leveling threshold of 10% (of the lists alone it
 * would have 11.7%). National 5 seats, D'Hondt, on A 110, B 56: 110 56 55
 * 36.7 28 -> A 3, B 2: B's leveling seat. */
Test(system, others_count_in_the_base_of_a_law_with_districts)
{
    ps_system *law = law_of(TIERS(""));
    ps_votes *v = votes_of("party,district,votes\nA,d1,60\nB,d1,36\nC,d1,4\nothers,d1,50\n"
                           "A,d2,50\nB,d2,20\nC,d2,18\n");
    bool *others = NULL;
    ps_system_result *r = NULL;
    ps_error err;
    cr_assert_eq(ps_system_others(&others, v, NULL, 0, &err), PS_OK, "%s", err.message);
    cr_assert_eq(ps_system_apply(&r, law, v, others, &err), PS_OK, "%s", err.message);
    int64_t want[] = {3, 2, 0, 0};
    for (size_t i = 0; i < 4; i++)
        cr_expect_eq(r->seats[i], want[i], "%s: %lld", v->parties[i], (long long)r->seats[i]);
    cr_expect_eq(r->leveling[1], 1);
    cr_expect(!r->eligible[2] && !r->eligible[3]);
    cr_expect_eq(r->votes_total, 238);
    cr_expect_not_null(strstr(r->notes, "others counts in the valid votes"), "%s", r->notes);
    ps_system_result_free(r);
    ps_free(others);
    ps_votes_free(v);
    ps_system_free(law);
}

static void expect_law_refused(const char *json, const char *part)
{
    ps_system *law = NULL;
    ps_error err;
    cr_expect_eq(ps_system_read(&law, json, strlen(json), "law.json", &err), PS_EDATA);
    cr_expect_null(law);
    cr_expect_not_null(strstr(err.message, part), "%s", err.message);
}

Test(system, the_leveling_options_are_checked)
{
    expect_law_refused(SWEDISH(7, 1, ", \"placement\": \"relative-per-district\"", ""),
                       "needs 'per_district'");
    expect_law_refused(SWEDISH(8, 2, ", \"placement\": \"largest-quotient\", \"per_district\": 1",
                               ""),
                       "takes no 'per_district'");
    expect_law_refused(SWEDISH(7, 1, ", \"placement\": \"by-lot\"", ""),
                       "expected \"relative-per-district\"");
    expect_law_refused(SWEDISH(7, 1, ", \"surplus\": \"keep\"", ""), "'surplus': expected");
    expect_law_refused(SWEDISH(7, 1, ", \"return_min_district_seats\": 3", ""),
                       "goes with \"surplus\": \"return\"");
    expect_law_refused(SWEDISH(7, 1, "", ", \"district_threshold\": \"30%\", \"threshold\": \"1%\""),
                       "'district_threshold' is the alternative");
    expect_law_refused(TIERS(", \"district_threshold\": \"120%\""), "more than all the votes");
}

/* Iceland's article 108 (placement "national-quotients"): two districts of
 * 2 seats by D'Hondt and one adjustment seat each. d1 (A 650, B 300,
 * D 260; 1210 votes): A 650, A 325 -> A 2. d2 (A 100, B 280, C 200; 580):
 * B 280, C 200 -> B 1, C 1. National numbers (votes / (seats + 1), ...):
 * B 580 / 2 = 290, D 260 / 1 = 260, A 750 / 3 = 250, C 200 / 2 = 100.
 * Seat 1: B, at its list with the higher share: d1 300 / 1 / 1210 = 0.248
 * against d2 280 / 2 / 580 = 0.241: d1, now full (item 5), which leaves D
 * without a list: its numbers go (item 6). Seat 2: A (250), in d2, the only
 * district with room. Without item 6, D's 260 would come first; Sweden's
 * placement (no cap) would put A's seat in d1 (650 / 3 against 100). */
#define ICELAND(per_district, lrest)                                                        \
    LAW("\"seats\": 6, \"method\": \"dhondt\", \"district_seats\": {\"d1\": 2, \"d2\": 2}, " \
        "\"leveling\": {\"seats\": 2, \"threshold\": \"5%\", \"method\": \"dhondt\", "          \
        "\"per_district\": " per_district ", \"district_method\": \"dhondt\"" lrest "}")

Test(system, national_quotients_give_each_seat_to_a_party_then_a_list)
{
    int64_t want[] = {3, 2, 1, 0};
    ps_system_result *r = expect_seats(
        ICELAND("{\"d1\": 1, \"d2\": 1}", ", \"placement\": \"national-quotients\""),
        "party,district,votes\nA,d1,650\nB,d1,300\nC,d2,200\nD,d1,260\nA,d2,100\nB,d2,280\n",
        want, 4);
    cr_expect_eq(r->by_district[0 * 2 + 0], 2);
    cr_expect_eq(r->leveling[0], 1);
    cr_expect_eq(r->leveling[1], 1);
    cr_expect_eq(r->leveling[3], 0);
    cr_expect_eq(r->leveling_by_district[1 * 2 + 0], 1); /* B in d1 */
    cr_expect_eq(r->leveling_by_district[0 * 2 + 1], 1); /* A in d2 */
    cr_expect(r->eligible[3]);
    ps_system_result_free(r);
}

Test(system, national_quotients_options_are_checked)
{
    expect_law_refused(ICELAND("{\"d1\": 1, \"d2\": 1}", ""),
                       "goes with \"placement\": \"national-quotients\"");
    expect_law_refused(ICELAND("1", ", \"placement\": \"national-quotients\""),
                       "goes with \"placement\": \"national-quotients\"");
    expect_law_refused(ICELAND("{\"d1\": 1, \"d3\": 1}", ", \"placement\": \"national-quotients\""),
                       "\"d3\" is not one of the law's districts");
    expect_law_refused(ICELAND("{\"d1\": 1, \"d2\": 2}", ", \"placement\": \"national-quotients\""),
                       "places 3 adjustment seats, but the leveling tier has 2");
    expect_law_refused(ICELAND("{\"d1\": 1, \"d2\": 1}",
                               ", \"placement\": \"national-quotients\", \"surplus\": \"return\""),
                       "'surplus' belongs to a national share");
    expect_law_refused(ICELAND("{\"d1\": \"one\", \"d2\": 1}",
                               ", \"placement\": \"national-quotients\""),
                       "d1");
}

#define AMS(rest)                                                                           \
    LAW("\"seats\": 7, \"method\": \"dhondt\", \"district_seats\": {\"north\": 2, "        \
        "\"south\": 2}" rest)

/* The additional member system: the constituency wins count as seats held.
 * north: A 100 with 2 wins (100 / 3 = 33.3), B 60, C 30: B (60), then
 * A 33.3 against B 30 and C 30: A. south: A 50, B 40 with 1 win (20),
 * C 45: A (50), then C 45 against A 25: C. Plain D'Hondt would give north
 * A, B and south A, C, and ignore the 3 wins. Seats: A 2 + 2 = 4, B 1 + 1
 * = 2, C 1. */
Test(system, additional_members_count_the_constituency_wins_as_held)
{
    int64_t want[] = {4, 2, 1};
    ps_system_result *r = expect_seats(AMS(", \"additional_members\": {\"constituencies\": 3}"),
                                       "district,party,votes,direct_wins\nnorth,A,100,2\n"
                                       "north,B,60,0\nnorth,C,30,0\nsouth,A,50,0\nsouth,B,40,1\n"
                                       "south,C,45,0\n",
                                       want, 3);
    cr_expect_eq(r->house, 7);
    cr_expect_eq(r->leveling[0], 2);
    cr_expect_eq(r->leveling[1], 1);
    cr_expect_eq(r->leveling_by_district[1 * 2 + 0], 1); /* B's list seat in north */
    cr_expect_eq(r->by_district[0 * 2 + 0], 2);          /* A's wins in north */
    cr_expect_eq(r->leveling_by_district[2 * 2 + 1], 1); /* C's in south */
    ps_system_result_free(r);
}

/* A list with wins and no regional votes keeps them; an exact tie for the
 * last seat is refused, and `ties: first` gives it to the list first in the
 * table. north (1 seat): A 40 with 1 win (20), B 20: level. */
Test(system, additional_members_ties_and_seats_without_a_list)
{
    const char *csv = "district,party,votes,direct_wins\nnorth,A,40,1\nnorth,B,20,0\n"
                      "north,IND,0,1\n";
    const char *json = LAW("\"seats\": 3, \"method\": \"dhondt\", \"district_seats\": "
                           "{\"north\": 1}, \"additional_members\": {\"constituencies\": 2}");
    ps_system *law = law_of(json);
    ps_votes *v = votes_of(csv);
    ps_system_result *r = NULL;
    ps_error err;
    cr_expect_eq(ps_system_apply(&r, law, v, NULL, &err), PS_ETIE);
    cr_expect_not_null(strstr(err.message, "in district 'north'"), "%s", err.message);
    law->apportion.ties = PS_TIES_FIRST;
    cr_assert_eq(ps_system_apply(&r, law, v, NULL, &err), PS_OK, "%s", err.message);
    cr_expect_eq(r->seats[0], 2);
    cr_expect_eq(r->seats[1], 0);
    cr_expect_eq(r->seats[2], 1);
    cr_expect_not_null(r->tie);
    ps_system_result_free(r);
    ps_votes_free(v);
    ps_system_free(law);
}

Test(system, additional_members_are_checked)
{
    expect_law_error(AMS(",\n \"additional_members\": {\"seats\": 3}"), 2, 25,
                     "unknown key 'seats' in additional_members");
    expect_law_error(AMS(",\n \"additional_members\": {\"constituencies\": 4}"), 1, 1,
                     "'seats' is 7, but the districts, the leveling tier and the constituencies "
                     "hold 8");
    expect_law_error(LAW("\"seats\": 7, \"method\": \"hare\", \"district_seats\": {\"north\": 4},\n"
                         " \"additional_members\": {\"constituencies\": 3}"),
                     2, 24, "takes dhondt, sainte-lague");
    expect_law_error(AMS(", \"threshold\": \"5%\",\n \"additional_members\": {\"constituencies\": 3}"),
                     2, 24, "takes no threshold");
    expect_law_error(LAW("\"seats\": 7, \"method\": \"dhondt\",\n"
                         " \"additional_members\": {\"constituencies\": 7}"),
                     2, 24, "needs the regions' list seats");
    ps_system *law = law_of(AMS(", \"additional_members\": {\"constituencies\": 3}"));
    ps_votes *v = votes_of("district,party,votes,direct_wins\nnorth,A,100,2\nsouth,B,40,0\n");
    ps_system_result *r = NULL;
    ps_error err;
    cr_expect_eq(ps_system_apply(&r, law, v, NULL, &err), PS_EDATA);
    cr_expect_not_null(strstr(err.message, "add up to 2 constituency seats, not the law's 3"),
                       "%s", err.message);
    const char *why = NULL;
    cr_expect_not(ps_system_needs_only_votes(law, &why));
    ps_votes_free(v);
    ps_system_free(law);
}
