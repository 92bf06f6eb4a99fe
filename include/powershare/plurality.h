/*
 * powershare/plurality.h - multi-member plurality: candidate votes to seats.
 *
 * Three ballots, one count. In each district of M seats the M candidates
 * with the most votes win, whatever their party:
 *
 *   PS_SNTV          single non-transferable vote: each voter votes for one
 *                    candidate (Japan's House of Representatives before 1994,
 *                    the prefectural districts of the House of Councillors,
 *                    Iraq 2021, Afghanistan, Vanuatu);
 *   PS_BLOCK_VOTE    plurality-at-large: each voter has as many votes as
 *                    there are seats (English and Welsh multi-member wards,
 *                    town councils);
 *   PS_LIMITED_VOTE  each voter has more than one vote but fewer than the
 *                    seats (Spain's Senate: 3 of 4; Gibraltar).
 *
 * The methods differ in how many votes a voter casts, which the candidate
 * totals already hold, so they count the same way; the result names the
 * method so that outputs say which ballot the figures come from. The party
 * block vote (the whole district to the party with most votes) and rules
 * that reserve seats (Iraq 2021's seat for the most-voted woman in each
 * district) are not this count.
 *
 * Candidate votes CSV (docs/apportionment.md, "Single non-transferable vote
 * and block vote"): columns `candidate`, `party`, `votes` (all required) and
 * optionally `district` (several districts; without it the file is one
 * district) and `seats` (the district's magnitude: every row that gives it
 * must agree; rows may leave it empty when another row of the district
 * gives it). Column names ignore ASCII case; an unknown column is refused
 * at its header cell with "did you mean". A candidate is named once per
 * district; the same name may stand in two districts. Candidates and
 * districts keep the file's order (the ballot paper's, the official
 * table's), which is the order PS_TIES_FIRST favours. Independents are a
 * party cell like any other ("Independent"): they are counted together in
 * the seats by party, as official summaries count them.
 *
 * Ties: when candidates level on votes compete for the last seat(s) of a
 * district, the law decides (in Japan and England by lot). PS_TIES_ERROR
 * refuses with PS_ETIE naming the candidates, the seats and the district;
 * PS_TIES_FIRST gives the seats to those listed first; PS_TIES_RANDOM draws
 * them with the seed (one stream through the districts in file order).
 * Either way the district's `tie` records what was decided, as the
 * apportion stage records its ties (apportion.h).
 *
 * Ownership: every *out is the caller's and has a NULL-safe free function.
 * Thread safety: all functions are reentrant; a loaded table is read-only
 * and may be shared between threads.
 */
#ifndef POWERSHARE_PLURALITY_H
#define POWERSHARE_PLURALITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apportion.h" /* ps_tie_policy, ps_tie */
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ps_plurality_method {
    PS_SNTV,
    PS_BLOCK_VOTE,
    PS_LIMITED_VOTE,
    PS_PLURALITY_METHOD_COUNT
} ps_plurality_method;

/* The method's command-line name ("sntv", "block-vote", "limited-vote"),
 * or NULL out of range. */
const char *ps_plurality_method_name(ps_plurality_method method);

/* What each voter casts under the method, for outputs: "one vote",
 * "as many votes as seats", "fewer votes than seats"; NULL out of range. */
const char *ps_plurality_ballot(ps_plurality_method method);

/* Parses a method name, ignoring ASCII case: the names above and
 * "single-non-transferable-vote", "plurality-at-large", "bloc-vote",
 * "limited". Errors: PS_EINVAL, with a message listing the names (a
 * caller that also takes ps_method names tries those first or after). */
int ps_plurality_method_parse(ps_plurality_method *out, const char *name, ps_error *err);

/* A table of candidate votes. Districts are numbered in order of first
 * appearance; a file without a district column is one district named "". */
typedef struct ps_candidate_votes {
    size_t n_candidates;
    char **candidates;     /* names, in the file's order */
    size_t *party;         /* n_candidates: index into parties */
    size_t *district;      /* n_candidates: index into districts */
    int64_t *votes;        /* n_candidates, >= 0 */
    long *line;            /* n_candidates: the row's line, for messages */
    size_t n_parties;
    char **parties;        /* in order of first appearance */
    size_t n_districts;
    char **districts;      /* in order of first appearance */
    bool has_district_column;
    int64_t *seats;        /* n_districts: the magnitude, or -1 when not known
                              yet (no seats column, or none of the district's
                              rows gives it) */
    size_t *n_standing;    /* n_districts: candidates in the district */
} ps_candidate_votes;

/* Reads a candidate votes CSV ("-": standard input, read once). Errors: as
 * ps_file_read (io.h), plus those of ps_candidate_votes_read_csv. */
int ps_candidate_votes_load(ps_candidate_votes **out, const char *path, ps_error *err);

/* The same from text in memory; `source_name` is what errors call the file.
 * Errors, each with the line and column of the offending cell:
 *   PS_EPARSE  not UTF-8, NUL bytes, malformed CSV (as every reader, io.h);
 *   PS_EDATA   a missing `candidate`, `party` or `votes` column, an unknown
 *              column, an empty candidate, party or district cell, negative
 *              or non-integer votes, a candidate twice in one district, a
 *              seats cell of 0, two seats cells of one district that
 *              disagree, seats above the district's candidates, no rows;
 *   PS_ERANGE  a number over 2^63 - 1, votes that add up past it, a name
 *              over PS_IO_MAX_TEXT_BYTES;
 *   PS_ENOMEM. *out is NULL after an error. */
int ps_candidate_votes_read_csv(ps_candidate_votes **out, const char *text, size_t len,
                                const char *source_name, ps_error *err);

void ps_candidate_votes_free(ps_candidate_votes *cv);

/* Sets every district's magnitude from a `district,seats` CSV ("-":
 * standard input), which names each district of cv once and no other.
 * Errors, with the line and column of the offending cell: PS_EDATA (a
 * missing or unknown column, a district not in cv or twice, seats 0, seats
 * above the district's candidates, a district of cv left out: that one at
 * line 0), PS_EINVAL (cv has a seats column already), and those of
 * ps_file_read. cv is unchanged after an error. */
int ps_candidate_votes_load_seats(ps_candidate_votes *cv, const char *path, ps_error *err);

/* Sets the magnitude of a table of one district (no district column).
 * Errors: PS_EINVAL (cv has districts or a seats column, seats < 1),
 * PS_EDATA (seats above the candidates; the message names the file). */
int ps_candidate_votes_set_seats(ps_candidate_votes *cv, int64_t seats, ps_error *err);

typedef struct ps_plurality_options {
    ps_plurality_method method;
    ps_tie_policy ties;
    uint64_t seed;         /* PS_TIES_RANDOM */
} ps_plurality_options;

/* Fills *opt with the defaults: PS_SNTV, ties are errors. */
void ps_plurality_options_init(ps_plurality_options *opt);

typedef struct ps_plurality_district {
    int64_t seats;
    int64_t votes;         /* the district's candidate votes (under the block
                              and limited vote, several per voter) */
    size_t n_candidates;
    size_t *order;         /* the district's candidates (indices into cv),
                              most votes first, equal votes in file order;
                              after a broken tie its winners come first */
    ps_tie *tie;           /* NULL unless a tie was broken: first_seat..
                              last_seat of the district, candidate indices
                              into cv */
} ps_plurality_district;

typedef struct ps_plurality_result {
    ps_plurality_method method;
    size_t n_candidates;
    bool *elected;         /* n_candidates */
    int64_t *rank;         /* n_candidates: 1-based place in its district's
                              order */
    size_t n_districts;
    ps_plurality_district *district;
    size_t n_parties;
    int64_t *party_votes;  /* n_parties: the votes of its candidates */
    int64_t *party_seats;  /* n_parties: its elected candidates */
    int64_t *party_candidates; /* n_parties: its candidates standing */
    int64_t seats;         /* all districts' seats */
    int64_t votes;         /* all districts' candidate votes */
} ps_plurality_result;

/* Counts every district of cv under opt (NULL: the defaults). *out is the
 * caller's; free with ps_plurality_result_free(); NULL after an error.
 * Time O(n log n) for n candidates. Errors: PS_EINVAL (a method or ties
 * policy out of range, a district whose magnitude is not known: the message
 * says how to give it), PS_ETIE (see above), PS_ENOMEM. */
int ps_plurality_count(ps_plurality_result **out, const ps_candidate_votes *cv,
                       const ps_plurality_options *opt, ps_error *err);

void ps_plurality_result_free(ps_plurality_result *result);

#ifdef __cplusplus
}
#endif

#endif
