/*
 * test_stv.c - the single transferable vote (powershare/stv.h): the BLT
 * reader and its errors with their positions; small counts whose every
 * figure is worked out by hand in the comment above them (a surplus with
 * its rounding, a surplus made by a transfer, the last vacancies filled
 * below the quota, ties settled by an earlier stage and by lot, withdrawn
 * candidates); Meek's rounds, their keep factors and quota to 9 places; the
 * Glasgow Langside 2022 count; allocation failures and cancellation.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "util.h"
#include "powershare/powershare.h"

#include "expect_error.h"
#include "torture.h"

#define V(x) ((int64_t)((x) * 100000.0 + ((x) < 0 ? -0.5 : 0.5))) /* votes to units */
#define LANGSIDE PS_TEST_DATA "/systems/stv-glasgow-langside-2022/ballots.blt"

static ps_ballots *read_blt(const char *text)
{
    ps_ballots *b = NULL;
    cr_assert_eq(ps_ballots_read(&b, text, strlen(text), "test.blt", &err), PS_OK,
                 "%s:%ld:%ld: %s", err.file, err.line, err.column, err.message);
    return b;
}

static int read_bad(const char *text)
{
    ps_ballots *b = (ps_ballots *)1;
    int rc = ps_ballots_read(&b, text, strlen(text), "test.blt", &err);
    cr_expect_null(b, "no ballots after an error");
    if (rc != 0)
        cr_expect_str_eq(err.file, "test.blt");
    return rc;
}

static ps_stv_result *count(const ps_ballots *b, ps_tie_policy ties, uint64_t seed)
{
    ps_stv_options opt;
    ps_stv_options_init(&opt);
    opt.ties = ties;
    opt.seed = seed;
    ps_stv_result *r = NULL;
    cr_assert_eq(ps_stv_count(&r, b, &opt, &err), PS_OK, "%s", err.message);
    return r;
}

/* Every stage adds up to the valid votes, exactly. */
static void expect_balanced(const ps_stv_result *r)
{
    for (size_t k = 0; k < r->n_stages; k++) {
        const ps_stv_stage *s = &r->stage[k];
        int64_t t = s->non_transferable + s->rounding;
        for (size_t i = 0; i < r->n_candidates; i++)
            t += s->votes[i];
        cr_expect_eq(t, r->valid * r->scale, "stage %zu adds up to %lld units", k + 1,
                     (long long)t);
    }
}

static void expect_votes(const ps_stv_result *r, size_t stage, const int64_t *want)
{
    for (size_t i = 0; i < r->n_candidates; i++)
        cr_expect_eq(r->stage[stage - 1].votes[i], want[i],
                     "stage %zu, candidate %zu: %lld units, expected %lld", stage, i + 1,
                     (long long)r->stage[stage - 1].votes[i], (long long)want[i]);
}

/* ---- the reader ------------------------------------------------------------ */

Test(stv, reads_a_blt_file)
{
    ps_ballots *b = read_blt("\xEF\xBB\xBF"
                             "3 2\r\n"
                             "-2\r\n"
                             "4 1 2 3 0\r\n"
                             "\r\n"
                             "1 3 0\r\n"
                             "2 0\r\n"
                             "0\r\n"
                             "\"Ann\" \"Red\"\r\n"
                             "\"Bob\"\r\n"
                             "\"C\xC3\xA9line\"  \"\"\r\n"
                             "\"Test election\"\r\n");
    cr_expect_eq(b->n_candidates, 3);
    cr_expect_eq(b->seats, 2);
    cr_expect_str_eq(b->candidates[0], "Ann");
    cr_expect_str_eq(b->candidates[2], "C\xC3\xA9line");
    cr_assert_not_null(b->affiliations);
    cr_expect_str_eq(b->affiliations[0], "Red");
    cr_expect_null(b->affiliations[1]);
    cr_expect_str_eq(b->affiliations[2], "");
    cr_expect(!b->withdrawn[0] && b->withdrawn[1] && !b->withdrawn[2]);
    cr_expect_str_eq(b->title, "Test election");
    cr_assert_eq(b->n_lines, 3);
    cr_expect_eq(b->count[0], 4);
    cr_expect_eq(b->start[1] - b->start[0], 3);
    cr_expect_eq(b->pref[b->start[0] + 2], 2);
    cr_expect_eq(b->pref[b->start[1]], 2);
    cr_expect_eq(b->start[3] - b->start[2], 0, "an empty ballot is read");
    cr_expect_eq(b->line[1], 5);
    cr_expect_eq(b->total, 7);
    ps_ballots_free(b);
}

Test(stv, a_title_and_affiliations_are_optional)
{
    ps_ballots *b = read_blt("2 1\n1 2 1 0\n0\n\"A\"\n\"B\"\n\n");
    cr_expect_null(b->title);
    cr_expect_null(b->affiliations);
    ps_ballots_free(b);
}

Test(stv, reader_errors_say_where_and_what)
{
    expect_at(read_bad(""), PS_EPARSE, 0, 0,
              "the file is empty; expected the numbers of candidates and seats ('9 4')");
    expect_at(read_bad("x 2\n"), PS_EPARSE, 1, 1,
              "expected the number of candidates (a whole number), got 'x'");
    expect_at(read_bad("3\n"), PS_EPARSE, 1, 2,
              "expected the number of seats after the number of candidates ('9 4')");
    expect_at(read_bad("3 4\n"), PS_EDATA, 1, 3,
              "4 seats for 3 candidates; expected at most one seat a candidate");
    expect_at(read_bad("0 1\n"), PS_EDATA, 1, 1, "0 candidates; expected at least 1");
    expect_at(read_bad("3 0\n"), PS_EDATA, 1, 3, "0 seats; expected at least 1");
    expect_at(read_bad("10001 1\n"), PS_ERANGE, 1, 1, "10001 candidates; the limit is 10000");
    expect_at(read_bad("3 2 1\n"), PS_EPARSE, 1, 5,
              "expected the end of the first line after the numbers of candidates and seats, "
              "got '1'");
    expect_at(read_bad("3 2\n1 1 2\n0\n"), PS_EPARSE, 2, 6,
              "expected 0 to end the ballot after its preferences");
    expect_at(read_bad("3 2\n1 1 2\n1 4 0\n"), PS_EPARSE, 2, 6,
              "expected 0 to end the ballot after its preferences");
    expect_at(read_bad("3 2\n2 1 0\n1 2  4 0\n"), PS_EDATA, 3, 6,
              "candidate 4 does not exist; expected 1 to 3, or 0 to end the ballot");
    expect_at(read_bad("3 2\n1 1 2 1 0\n"), PS_EDATA, 2, 7,
              "candidate 1 is ranked twice on this ballot");
    expect_at(read_bad("3 2\n1 1=2 3 0\n"), PS_EPARSE, 2, 3,
              "expected a candidate number (1 to 3) or 0 to end the ballot, got '1=2' (equal "
              "rankings are not supported)");
    expect_at(read_bad("3 2\n1 1 0 2\n"), PS_EPARSE, 2, 7,
              "expected the end of the ballot line after its closing 0, got '2'");
    expect_at(read_bad("3 2\n0 1 0\n"), PS_EDATA, 2, 1,
              "a ballot count of 0 (a line '0' alone ends the ballots); expected a positive "
              "whole number");
    expect_at(read_bad("3 2\n-4\n"), PS_EDATA, 2, 1,
              "withdrawn candidate -4 does not exist; expected -1 to -3");
    expect_at(read_bad("3 2\n-1 -1\n"), PS_EDATA, 2, 4, "candidate 1 is withdrawn twice");
    expect_at(read_bad("3 2\n1 1 0\n-1\n"), PS_EPARSE, 3, 1,
              "expected a ballot count (a whole number), got '-1'");
    expect_at(read_bad("3 2\n99999999999999999999 1 0\n"), PS_ERANGE, 2, 1,
              "a ballot count '99999999999999999999' is over 2^63 - 1");
    expect_at(read_bad("3 2\n9000000000000 1 0\n2000000000000 1 0\n"), PS_ERANGE, 3, 1,
              "more than 10000000000000 ballots in all; the limit is 10000000000000");
    expect_at(read_bad("3 2\n1 1 0\n\"A\"\n"), PS_EPARSE, 3, 1,
              "expected a ballot line ('count preferences 0') or the line '0' that ends the "
              "ballots, got a quoted name");
    expect_at(read_bad("3 2\n1 1 0\n"), PS_EPARSE, 2, 6,
              "the file ends here; expected more ballot lines and the line '0' that ends them");
    expect_at(read_bad("3 2\n1 1 0\n0\n\"A\"\n\"B\"\n"), PS_EPARSE, 5, 4,
              "the file ends here; expected the name of candidate 3 of 3 ('\"Name\"')");
    expect_at(read_bad("3 2\n1 1 0\n0\n\"A\"\nB\n"), PS_EPARSE, 5, 1,
              "expected the name of candidate 2 in double quotes, got 'B'");
    expect_at(read_bad("3 2\n1 1 0\n0\n\"A\"\n\"B\n"), PS_EPARSE, 5, 3,
              "expected a closing '\"' after the name of candidate 2");
    expect_at(read_bad("3 2\n1 1 0\n0\n\"A\"\n\"\"\n"), PS_EDATA, 5, 1,
              "the name of candidate 2 is empty");
    expect_at(read_bad("3 2\n1 1 0\n0\n\"A\"\n\"B\" \"x\" \"y\"\n"), PS_EPARSE, 5, 9,
              "expected the end of the line after the name and affiliation of candidate 2");
    expect_at(read_bad("2 1\n1 1 0\n0\n\"A\"\n\"B\"\n\"T\"\n\"more\"\n"), PS_EPARSE, 7, 1,
              "expected the end of the file after the title, got '\"more\"'");
    /* columns count characters, not bytes: "é" is one */
    expect_at(read_bad("2 1\n1 1 0\n0\n\"A\"\n\"B\"\n\"\xC3\xA9t\xC3\xA9\" x\n"), PS_EPARSE, 6,
              7, "expected the end of the line after the title");
    expect_at(read_bad("2 1\n1 1 0\n0\n\"A\"\n\"B\xFF\"\n"), PS_EPARSE, 5, 3,
              "invalid UTF-8: byte 0xFF (is the file in another encoding such as "
              "Windows-1256 or Latin-1? save it as UTF-8)");
}

Test(stv, load_reads_a_file)
{
    ps_ballots *b = NULL;
    cr_expect_eq(ps_ballots_load(&b, PS_TEST_DATA "/no-such.blt", &err), PS_EIO);
    cr_expect_null(b);
    cr_assert_eq(ps_ballots_load(&b, LANGSIDE, &err), PS_OK, "%s", err.message);
    cr_expect_eq(b->n_candidates, 9);
    cr_expect_eq(b->n_lines, 2357);
    cr_expect_eq(b->total, 11358);
    cr_expect_str_eq(b->title, "Ward 7 Langside");
    ps_ballots_free(b);
}

/* ---- counts ----------------------------------------------------------------- */

/* 15 ballots, 2 seats: quota floor(15/3) + 1 = 6. Stage 1: A 9 (elected),
 * B 3, C 3. Stage 2, A's surplus of 3: every paper moves at trunc5(3/9) =
 * 0.33333: B 3 + 5 x 0.33333 = 4.66665, C 3 + 4 x 0.33333 = 4.33332, A
 * keeps 6, 0.00003 lost to rounding. Stage 3: C excluded (fewest), all of
 * C's papers are exhausted (3 at 1, 4 at 0.33333 = 4.33332); the sheet's
 * non-transferable votes are 4.33332 + the earlier 0.00003. B is the one
 * continuing candidate for the one vacancy: elected at stage 3 with
 * 4.66665, under the quota. */
Test(stv, a_surplus_cut_to_five_decimals_and_the_last_vacancy)
{
    ps_ballots *b = read_blt("3 2\n5 1 2 0\n4 1 3 0\n3 2 0\n3 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n");
    ps_stv_result *r = count(b, PS_TIES_ERROR, 0);
    cr_expect_eq(r->quota, V(6));
    cr_expect_eq(r->valid, 15);
    cr_assert_eq(r->n_stages, 3);
    expect_votes(r, 1, (int64_t[]){V(9), V(3), V(3)});
    expect_votes(r, 2, (int64_t[]){V(6), V(4.66665), V(4.33332)});
    expect_votes(r, 3, (int64_t[]){V(6), V(4.66665), 0});
    cr_expect_eq(r->stage[1].action, PS_STV_SURPLUS);
    cr_expect_eq(r->stage[1].candidate, 0);
    cr_expect_eq(r->stage[1].amount, V(3));
    cr_expect_eq(r->stage[1].rounding, V(0.00003));
    cr_expect_eq(r->stage[1].non_transferable, 0);
    cr_expect_eq(r->stage[2].action, PS_STV_EXCLUSION);
    cr_expect_eq(r->stage[2].candidate, 2);
    cr_expect_eq(r->stage[2].amount, V(4.33332));
    cr_expect_eq(r->stage[2].rounding, 0);
    cr_expect_eq(r->stage[2].exhausted, V(4.33332));
    cr_expect_eq(r->stage[2].non_transferable, V(4.33335));
    cr_assert_eq(r->n_elected, 2);
    cr_expect_eq(r->elected[0], 0);
    cr_expect_eq(r->elected[1], 1);
    cr_expect_eq(r->candidate[0].stage, 1);
    cr_expect(!r->candidate[0].last_vacancies);
    cr_expect_eq(r->candidate[1].stage, 3);
    cr_expect(r->candidate[1].last_vacancies);
    cr_expect_eq(r->candidate[1].votes, V(4.66665));
    cr_expect_eq(r->candidate[2].status, PS_STV_EXCLUDED);
    cr_expect_eq(r->candidate[2].stage, 3);
    cr_expect_eq(r->stage[2].n_elected, 1);
    cr_expect_eq(r->n_ties, 0);
    expect_balanced(r);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

/* 12 ballots, 2 seats: quota 5. Stage 1: A 4, B 3, C 2, D 3. Stage 2: C
 * excluded; its 2 papers go on to A: A 6, elected. Stage 3: A's surplus of
 * 1, at trunc5(1/6) = 0.16666 a paper: B 3 + 4 x 0.16666 = 3.66664, D 3 +
 * 2 x 0.16666 = 3.33332 (the "C A D" papers skip A), 0.00004 lost. Without
 * the surplus B and D would be level; with it D is excluded at stage 4 and
 * B fills the last vacancy with 3.66664. */
Test(stv, a_surplus_made_by_a_transfer)
{
    ps_ballots *b = read_blt("4 2\n4 1 2 0\n3 2 0\n2 3 1 4 0\n3 4 0\n0\n"
                             "\"A\"\n\"B\"\n\"C\"\n\"D\"\n");
    ps_stv_result *r = count(b, PS_TIES_ERROR, 0);
    cr_assert_eq(r->n_stages, 4);
    expect_votes(r, 2, (int64_t[]){V(6), V(3), 0, V(3)});
    cr_expect_eq(r->candidate[0].stage, 2);
    cr_expect_eq(r->stage[2].action, PS_STV_SURPLUS);
    cr_expect_eq(r->stage[2].amount, V(1));
    expect_votes(r, 3, (int64_t[]){V(5), V(3.66664), 0, V(3.33332)});
    cr_expect_eq(r->stage[2].rounding, V(0.00004));
    cr_expect_eq(r->stage[3].candidate, 3);
    cr_expect_eq(r->stage[3].non_transferable, V(3.33336));
    cr_expect_eq(r->elected[1], 1);
    cr_expect(r->candidate[1].last_vacancies);
    expect_balanced(r);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

/* 11 ballots, 1 seat: quota 6. Stage 1: A 5, B 3, C 2, D 1. Stage 2: D
 * excluded, its paper goes to C: B 3, C 3, level for exclusion; at stage 1
 * C had fewer (2 < 3), so C is excluded at stage 3 (rule 52), then B at
 * stage 4, and A fills the vacancy with 5 votes. */
Test(stv, a_tie_for_exclusion_settled_by_an_earlier_stage)
{
    ps_ballots *b = read_blt("4 1\n5 1 0\n3 2 0\n2 3 0\n1 4 3 0\n0\n"
                             "\"A\"\n\"B\"\n\"C\"\n\"D\"\n");
    ps_stv_result *r = count(b, PS_TIES_ERROR, 0);
    cr_assert_eq(r->n_ties, 1);
    cr_expect_eq(r->tie[0].stage, 3);
    cr_expect_eq(r->tie[0].action, PS_STV_EXCLUSION);
    cr_assert_eq(r->tie[0].n_tied, 2);
    cr_expect_eq(r->tie[0].tied[0], 1);
    cr_expect_eq(r->tie[0].tied[1], 2);
    cr_expect_eq(r->tie[0].chosen, 2);
    cr_expect_eq(r->tie[0].decided_at, 1);
    cr_expect_eq(r->candidate[2].stage, 3);
    cr_expect_eq(r->candidate[1].stage, 4);
    cr_expect_eq(r->elected[0], 0);
    cr_expect(r->candidate[0].last_vacancies);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

/* 7 ballots, 1 seat: quota 4. A and B have 2 each at stage 1, the only
 * stage: lot. Refused by default; with "first" B (listed last of the two)
 * is excluded; then A, and C (3) fills the vacancy. */
Test(stv, a_tie_left_to_lot)
{
    ps_ballots *b = read_blt("3 1\n2 1 0\n2 2 0\n3 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cy\"\n");
    ps_stv_result *r = (ps_stv_result *)1;
    ps_stv_options opt;
    ps_stv_options_init(&opt);
    cr_expect_eq(ps_stv_count(&r, b, &opt, &err), PS_ETIE);
    cr_expect_null(r);
    cr_expect_str_eq(err.message, "stage 2: Ann and Bob are level for exclusion with 2.00000 "
                                  "votes, and were level at every earlier stage; the rules "
                                  "leave it to lot: use --ties first or --ties random --seed "
                                  "S to break it");
    r = count(b, PS_TIES_FIRST, 0);
    cr_assert_eq(r->n_ties, 1);
    cr_expect_eq(r->tie[0].chosen, 1);
    cr_expect_eq(r->tie[0].decided_at, 0);
    cr_expect_eq(r->candidate[1].stage, 2);
    cr_expect_eq(r->candidate[0].stage, 3);
    cr_expect_eq(r->elected[0], 2);
    ps_stv_result_free(r);
    /* a seed always draws the same; over seeds, both are drawn */
    bool drawn[2] = {false, false};
    for (uint64_t seed = 1; seed <= 16; seed++) {
        ps_stv_result *r1 = count(b, PS_TIES_RANDOM, seed);
        ps_stv_result *r2 = count(b, PS_TIES_RANDOM, seed);
        cr_expect_eq(r1->tie[0].chosen, r2->tie[0].chosen);
        cr_assert(r1->tie[0].chosen < 2);
        drawn[r1->tie[0].chosen] = true;
        ps_stv_result_free(r1);
        ps_stv_result_free(r2);
    }
    cr_expect(drawn[0] && drawn[1]);
    ps_ballots_free(b);
}

/* 12 ballots, 3 seats: quota 4. A and B both have 5 at stage 1: equal
 * surpluses, level at every stage (lot). With "first" A's goes first (stage
 * 2: C + 5 x 0.2 = 2), then B's (stage 3: D + 1 = 2). C and D are level at
 * 2; at stage 2 D had fewer (1 < 2): D is excluded at stage 4, and C fills
 * the last vacancy. */
Test(stv, equal_surpluses)
{
    ps_ballots *b = read_blt("4 3\n5 1 3 0\n5 2 4 0\n1 3 0\n1 4 0\n0\n"
                             "\"A\"\n\"B\"\n\"C\"\n\"D\"\n");
    ps_stv_result *r = count(b, PS_TIES_FIRST, 0);
    cr_assert_eq(r->n_stages, 4);
    cr_expect_eq(r->stage[1].candidate, 0);
    cr_expect_eq(r->stage[2].candidate, 1);
    expect_votes(r, 3, (int64_t[]){V(4), V(4), V(2), V(2)});
    cr_assert_eq(r->n_ties, 2);
    cr_expect_eq(r->tie[0].action, PS_STV_SURPLUS);
    cr_expect_eq(r->tie[0].chosen, 0);
    cr_expect_eq(r->tie[0].decided_at, 0);
    cr_expect_eq(r->tie[1].action, PS_STV_EXCLUSION);
    cr_expect_eq(r->tie[1].chosen, 3);
    cr_expect_eq(r->tie[1].decided_at, 2);
    cr_expect_eq(r->elected[2], 2);
    expect_balanced(r);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

/* B is withdrawn: "B A" counts for A, "B" alone is not a valid vote (3
 * ballots ignored, 6 valid, quota floor(6/2) + 1 = 4). A has 2 + 2 = 4:
 * elected at stage 1. */
Test(stv, withdrawn_candidates_take_no_part)
{
    ps_ballots *b = read_blt("3 1\n-2\n2 2 1 0\n3 2 0\n2 1 0\n2 3 0\n0\n"
                             "\"A\"\n\"B\"\n\"C\"\n");
    ps_stv_result *r = count(b, PS_TIES_ERROR, 0);
    cr_expect_eq(r->valid, 6);
    cr_expect_eq(r->ignored, 3);
    cr_expect_eq(r->quota, V(4));
    cr_expect_eq(r->n_stages, 1);
    cr_expect_eq(r->elected[0], 0);
    cr_expect_eq(r->candidate[1].status, PS_STV_WITHDRAWN);
    cr_expect_eq(r->candidate[2].status, PS_STV_NOT_ELECTED);
    cr_expect_eq(r->candidate[2].stage, 0);
    expect_balanced(r);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

/* Two seats and one standing candidate: elected at stage 1 (1 vote, quota
 * floor(1/3) + 1 = 1), one seat empty. */
Test(stv, fewer_candidates_than_seats)
{
    ps_ballots *b = read_blt("3 2\n-1 -3\n1 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n");
    ps_stv_result *r = count(b, PS_TIES_ERROR, 0);
    cr_expect_eq(r->n_elected, 1);
    cr_expect_eq(r->elected[0], 1);
    cr_expect_eq(r->candidate[1].stage, 1);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

Test(stv, options_and_empty_counts_are_checked)
{
    ps_ballots *b = read_blt("2 1\n3 0\n0\n\"A\"\n\"B\"\n");
    ps_stv_result *r = NULL;
    cr_expect_eq(ps_stv_count(&r, b, NULL, &err), PS_EDATA);
    cr_expect_str_eq(err.message, "no valid ballot: every ballot is empty or names only "
                                  "withdrawn candidates");
    ps_ballots_free(b);
    b = read_blt("2 1\n3 1 0\n0\n\"A\"\n\"B\"\n");
    ps_stv_options opt;
    ps_stv_options_init(&opt);
    opt.seats = 3;
    cr_expect_eq(ps_stv_count(&r, b, &opt, &err), PS_EINVAL);
    cr_expect_str_eq(err.message, "3 seats for 2 candidates; expected at most one seat a "
                                  "candidate");
    opt.seats = 2; /* both elected: rule 53 at stage 1 */
    cr_assert_eq(ps_stv_count(&r, b, &opt, &err), PS_OK);
    cr_expect_eq(r->n_elected, 2);
    ps_stv_result_free(r);
    ps_stv_options_init(&opt);
    opt.rule = PS_STV_RULE_COUNT;
    cr_expect_eq(ps_stv_count(&r, b, &opt, &err), PS_EINVAL);
    ps_ballots_free(b);
    ps_stv_rule rule;
    cr_expect_eq(ps_stv_rule_parse(&rule, "Scottish", &err), PS_OK);
    cr_expect_eq(rule, PS_STV_SCOTTISH);
    cr_expect_str_eq(ps_stv_rule_name(rule), "scottish");
    cr_expect_eq(ps_stv_rule_parse(&rule, "MEEK-prf", &err), PS_OK);
    cr_expect_eq(rule, PS_STV_MEEK);
    cr_expect_str_eq(ps_stv_rule_name(rule), "meek");
    cr_expect_eq(ps_stv_rule_parse(&rule, "warren", &err), PS_EINVAL);
    cr_expect_str_eq(err.message, "unknown STV rule 'warren'; expected scottish, irish or meek");
}

Test(stv, format)
{
    char s[32];
    cr_expect_eq(ps_stv_format(234550541, s, sizeof s), 10);
    cr_expect_str_eq(s, "2345.50541");
    ps_stv_format(0, s, sizeof s);
    cr_expect_str_eq(s, "0.00000");
    ps_stv_format(-100, s, sizeof s);
    cr_expect_str_eq(s, "-0.00100");
    ps_stv_format(INT64_MIN, s, sizeof s);
    cr_expect_str_eq(s, "-92233720368547.75808");
    cr_expect_eq(ps_stv_format_scaled(84625000001, PS_STV_MEEK_SCALE, s, sizeof s), 12);
    cr_expect_str_eq(s, "84.625000001");
    ps_stv_format_scaled(-5, PS_STV_MEEK_SCALE, s, sizeof s);
    cr_expect_str_eq(s, "-0.000000005");
    ps_stv_format_scaled(42, 1, s, sizeof s);
    cr_expect_str_eq(s, "42");
    cr_expect_eq(ps_stv_format_scaled(42, 20, s, sizeof s), -1);
    cr_expect_eq(ps_stv_format_scaled(42, 0, s, sizeof s), -1);
}

/* ---- Meek's method (the PR Foundation's reference rule) ---------------------- */

#define M(units) ((int64_t)(units)) /* a figure in units of 10^-9 vote */

static ps_stv_result *meek_count(const ps_ballots *b)
{
    ps_stv_options opt;
    ps_stv_options_init(&opt);
    opt.rule = PS_STV_MEEK;
    ps_stv_result *r = NULL;
    cr_assert_eq(ps_stv_count(&r, b, &opt, &err), PS_OK, "%s", err.message);
    return r;
}

/* Droop's ballots 513.blt, its transcript meek-prf-o6-fixed-p9-d9 (tests/data/
 * systems/stv-meek-reference/SOURCES.md): 9 ballots, 2 seats. Round 1: the
 * first preferences 5, 1, 3; quota 9 / 3 + 10^-9; Castor elected. Round 2:
 * Castor's keep factor falls to 0.600000001 in one update (3.000000001 /
 * 5, rounded up), his 5 ballots giving him 3.000000005 and Pollux
 * 1.999999995 more; the surplus 0.000000004 is under omega, so Pollux,
 * lowest with 2.999999995, is defeated; Helen fills the last seat. */
Test(stv, meek_counts_the_reference_rule)
{
    ps_ballots *b = read_blt("3 2\n5 1 2 0\n1 2 0\n3 3 0\n0\n\"Castor\"\n\"Pollux\"\n"
                             "\"Helen\"\n");
    ps_stv_result *r = meek_count(b);
    cr_expect_eq(r->rule, PS_STV_MEEK);
    cr_expect_eq(r->scale, PS_STV_MEEK_SCALE);
    cr_assert_eq(r->n_stages, 2);
    expect_balanced(r);
    const ps_stv_stage *s1 = &r->stage[0], *s2 = &r->stage[1];
    cr_expect_eq(s1->action, PS_STV_FIRST_PREFERENCES);
    cr_expect_eq(s1->iterations, 1);
    cr_expect_eq(s1->quota, M(3000000001));
    expect_votes(r, 1, (int64_t[]){M(5000000000), M(1000000000), M(3000000000)});
    cr_expect_eq(s1->n_elected, 1);
    cr_expect_eq(s1->elected[0], 0);
    cr_expect_eq(s2->action, PS_STV_EXCLUSION);
    cr_expect_eq(s2->candidate, 1);
    cr_expect_eq(s2->amount, M(2999999995));
    cr_expect_eq(s2->iterations, 2);
    expect_votes(r, 2, (int64_t[]){M(3000000005), M(2999999995), M(3000000000)});
    cr_expect_eq(s2->keep[0], M(600000001));
    cr_expect_eq(s2->keep[1], PS_STV_MEEK_SCALE);
    cr_expect_eq(s2->non_transferable, 0);
    cr_expect_eq(r->n_elected, 2);
    cr_expect_eq(r->elected[1], 2);
    cr_expect(r->candidate[2].last_vacancies);
    cr_expect_eq(r->candidate[1].status, PS_STV_EXCLUDED);
    cr_expect_eq(r->candidate[1].stage, 2);
    cr_expect_eq(r->quota, M(3000000001));
    ps_stv_result_free(r);
    /* under the Scottish rules the figures are in 10^-5 vote */
    r = count(b, PS_TIES_ERROR, 0);
    cr_expect_eq(r->scale, PS_STV_SCALE);
    cr_expect_null(r->stage[0].keep);
    cr_expect_eq(r->stage[0].quota, r->quota);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

/* A later round that elects: 2 seats; A 4 (then B), B 3 (then C), C 2, D 1
 * (then C): 10 ballots, quota 10 / 3 truncated + 10^-9 = 3.333333334.
 * Round 1: A elected with 4. Round 2, iteration 1: nothing changes, the
 * surplus is 0.666666666; A's keep factor becomes 1 x 3.333333334 / 4 =
 * 0.8333333335, rounded up to 0.833333334. Iteration 2: A keeps 4 x
 * 0.833333334 = 3.333333336 and passes 4 x 0.166666666 = 0.666666664 to B,
 * who reaches 3.666666664: elected, the round ends. */
Test(stv, meek_a_later_round_elects)
{
    ps_ballots *b = read_blt("4 2\n4 1 2 0\n3 2 3 0\n2 3 0\n1 4 3 0\n0\n\"A\"\n\"B\"\n"
                             "\"C\"\n\"D\"\n");
    ps_stv_result *r = meek_count(b);
    expect_balanced(r);
    cr_assert_eq(r->n_stages, 2);
    const ps_stv_stage *s = &r->stage[1];
    cr_expect_eq(s->action, PS_STV_ELECTION);
    cr_expect_not(ps_stv_action_has_candidate(PS_STV_ELECTION));
    cr_expect_not(ps_stv_action_has_candidate(PS_STV_FIRST_PREFERENCES));
    cr_expect(ps_stv_action_has_candidate(PS_STV_EXCLUSION) &&
              ps_stv_action_has_candidate(PS_STV_SURPLUS));
    cr_expect_eq(s->iterations, 2);
    cr_expect_eq(s->quota, M(3333333334));
    expect_votes(r, 2, (int64_t[]){M(3333333336), M(3666666664), M(2000000000), M(1000000000)});
    cr_expect_eq(s->keep[0], M(833333334));
    cr_expect_eq(s->n_elected, 1);
    cr_expect_eq(s->elected[0], 1);
    cr_expect_eq(r->candidate[1].stage, 2);
    cr_expect_not(r->candidate[1].last_vacancies);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

/* Three candidates with 1 vote each for one seat: level for defeat, which
 * the rule leaves to lot; as many hopeful candidates as seats from the
 * start: one stage, everyone elected as the last vacancies; too many
 * ballots for 10^-9 units. */
Test(stv, meek_ties_short_counts_and_limits)
{
    ps_ballots *b = read_blt("3 1\n1 1 0\n1 2 0\n1 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n");
    ps_stv_options opt;
    ps_stv_options_init(&opt);
    opt.rule = PS_STV_MEEK;
    ps_stv_result *r = NULL;
    cr_expect_eq(ps_stv_count(&r, b, &opt, &err), PS_ETIE);
    cr_expect_str_eq(err.message, "stage 1: A, B and C are level for defeat (within the total "
                                  "surplus of the fewest votes, 1.000000000); the rule leaves "
                                  "it to lot: use --ties first or --ties random --seed S to "
                                  "break it");
    opt.ties = PS_TIES_FIRST; /* C, listed last, then B are defeated */
    cr_assert_eq(ps_stv_count(&r, b, &opt, &err), PS_OK, "%s", err.message);
    cr_expect_eq(r->elected[0], 0);
    cr_expect_eq(r->n_ties, 2);
    cr_expect_eq(r->tie[0].chosen, 2);
    cr_expect_eq(r->tie[0].decided_at, 0);
    ps_stv_result_free(r);
    ps_ballots_free(b);

    b = read_blt("3 2\n-3\n2 1 0\n1 3 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n");
    opt.ties = PS_TIES_ERROR;
    cr_assert_eq(ps_stv_count(&r, b, &opt, &err), PS_OK, "%s", err.message);
    cr_expect_eq(r->n_stages, 1);
    cr_expect_eq(r->stage[0].action, PS_STV_FIRST_PREFERENCES);
    expect_votes(r, 1, (int64_t[]){M(2000000000), M(1000000000), 0});
    cr_expect_eq(r->n_elected, 2);
    cr_expect(r->candidate[0].last_vacancies && r->candidate[1].last_vacancies);
    cr_expect_eq(r->candidate[2].status, PS_STV_WITHDRAWN);
    ps_stv_result_free(r);
    ps_ballots_free(b);

    b = read_blt("2 1\n9300000000 1 0\n1 2 0\n0\n\"A\"\n\"B\"\n");
    cr_expect_eq(ps_stv_count(&r, b, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "Meek's method counts at most 9223372036") != NULL, "%s",
              err.message);
    cr_expect_null(r);
    opt.rule = PS_STV_SCOTTISH; /* 10^-5 units: fine */
    cr_assert_eq(ps_stv_count(&r, b, &opt, &err), PS_OK, "%s", err.message);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

/* ---- Glasgow 2022, Ward 7 Langside (the whole sheet is compared by
 * tests/cases/stv/glasgow-langside-2022) --------------------------------------- */

Test(stv, glasgow_langside_2022)
{
    ps_ballots *b = NULL;
    cr_assert_eq(ps_ballots_load(&b, LANGSIDE, &err), PS_OK, "%s", err.message);
    ps_stv_result *r = count(b, PS_TIES_ERROR, 0);
    cr_expect_eq(r->quota, V(2272));
    cr_assert_eq(r->n_stages, 9);
    size_t order[] = {1, 0, 2, 3};
    cr_assert_eq(r->n_elected, 4);
    for (size_t i = 0; i < 4; i++)
        cr_expect_eq(r->elected[i], order[i]);
    cr_expect_eq(r->stage[6].votes[2], V(2345.50541));
    cr_expect_eq(r->stage[7].rounding, V(0.02471));
    cr_expect_eq(r->stage[8].amount, V(1828.28986));
    cr_expect_eq(r->candidate[3].votes, V(2240.76391));
    cr_expect(r->candidate[3].last_vacancies);
    expect_balanced(r);
    ps_stv_result_free(r);
    ps_ballots_free(b);
}

/* ---- failures --------------------------------------------------------------- */

static const char tie_text[] = "4 3\n5 1 3 0\n5 2 4 0\n1 3 0\n1 4 0\n0\n\"A\"\n\"B\"\n\"C\"\n"
                               "\"D\"\n\"T\"\n";

/* ctx: the rule (NULL: the Scottish one) */
static int read_and_count(void *ctx)
{
    ps_ballots *b = NULL;
    ps_stv_result *r = NULL;
    ps_stv_options opt;
    ps_stv_options_init(&opt);
    opt.ties = PS_TIES_FIRST;
    if (ctx)
        opt.rule = *(const ps_stv_rule *)ctx;
    int rc = ps_ballots_read(&b, tie_text, strlen(tie_text), "t.blt", &err);
    if (rc == 0)
        rc = ps_stv_count(&r, b, &opt, &err);
    ps_stv_result_free(r);
    ps_ballots_free(b);
    return rc;
}

Test(stv, allocation_failures)
{
    cr_expect_gt(torture(read_and_count, NULL), 10);
    ps_stv_rule meek = PS_STV_MEEK;
    cr_expect_gt(torture(read_and_count, &meek), 10);
}

static int stop(void *ctx)
{
    (void)ctx;
    return 1;
}

Test(stv, cancellation)
{
    ps_ballots *b = NULL;
    cr_assert_eq(ps_ballots_load(&b, LANGSIDE, &err), PS_OK);
    long live = psi_alloc_live();
    ps_stv_result *r = (ps_stv_result *)1;
    ps_cancel_set(stop, NULL);
    cr_expect_eq(ps_stv_count(&r, b, NULL, &err), PS_ECANCELED);
    ps_stv_options opt;
    ps_stv_options_init(&opt);
    opt.rule = PS_STV_MEEK;
    cr_expect_eq(ps_stv_count(&r, b, &opt, &err), PS_ECANCELED);
    ps_cancel_set(NULL, NULL);
    cr_expect_null(r);
    cr_expect_eq(psi_alloc_live(), live);
    ps_ballots_free(b);
}
