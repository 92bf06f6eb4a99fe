/*
 * powershare/stv.h - the single transferable vote, counted from ballots.
 *
 * Ballots come in the BLT format (docs/apportionment.md, "Single
 * transferable vote"), one item a line:
 *
 *   9 4                      candidates, seats
 *   -3 -7                    optional: withdrawn candidates (negative numbers)
 *   27 2 1 4 7 0             a count of ballots, their preferences (candidate
 *   ...                      numbers from 1, most preferred first), 0
 *   0                        the end of the ballots
 *   "Susan AITKEN"           the candidates' names in ballot-paper order, one a
 *   ...                      line; a second quoted text on the line is the
 *   "Ward 7 Langside"        candidate's affiliation (as Scottish councils'
 *                            official files have it); then an optional title
 *
 * Blank lines are skipped; tokens are separated by spaces or tabs; LF or
 * CRLF; UTF-8 with or without a byte-order mark (as the other readers,
 * io.h). A ballot line may not name a candidate twice; a ballot with no
 * preference, or with only withdrawn candidates, is read but is not a valid
 * vote (it counts in `ignored` of the result, not in the quota). Equal
 * rankings, ballot ids and several ballots on one line are refused.
 *
 * Counting rules (ps_stv_rule):
 *
 *   PS_STV_SCOTTISH  the Scottish Local Government Elections Order 2011 (SSI
 *     2011/399), Schedule 1, rules 46-53, as amended by SSI 2021/437: the
 *     quota is floor(valid / (seats + 1)) + 1 (Droop); a candidate at or over
 *     the quota is elected; the largest surplus is transferred first, one per
 *     stage, and every surplus before any exclusion (none is deferred); a
 *     surplus moves all the candidate's papers (weighted inclusive Gregory):
 *     each paper at value * surplus / the candidate's votes, cut (not
 *     rounded) to 5 decimal places, the loss shown as rounding; excluded
 *     candidates' papers move one candidate at a time at the values they
 *     have; when the continuing candidates are as many as the vacancies left,
 *     they are all elected, below the quota if need be, before any surplus
 *     still waiting (rule 53); the count stops when every seat is filled.
 *     Equal surpluses go in the order of the votes at the most recent earlier
 *     stage where the candidates differed (most first), candidates level for
 *     exclusion likewise (fewest excluded; with three or more level, each
 *     earlier stage keeps those with the most, or the fewest, votes until
 *     one is left); level at every stage, the law says lot: the options'
 *     `ties` policy.
 *
 *   PS_STV_IRISH  the Dail rules, Electoral Act 1992 Part XIX (ss. 118-127)
 *     as amended by the Electoral (Amendment) Act 2001: whole votes only;
 *     quota as above; a surplus moves whole papers, drawn from all the
 *     candidate's papers when they are first preferences only, otherwise
 *     from the parcel last received: each sub-parcel (next continuing
 *     preference) gives floor(papers x surplus / transferable papers), the
 *     papers still due going one each to the largest remainders (equal
 *     remainders: the larger sub-parcel, then the earlier stages' votes as
 *     for surpluses); when the transferable papers are not more than the
 *     surplus they all move and the rest is non-transferable; which papers of
 *     a sub-parcel move is not in a BLT file: the count takes them from the
 *     end of the file (the papers "last filed"). The largest surplus goes
 *     first, but a surplus is deferred while the surpluses not yet
 *     transferred could neither lift the lowest continuing candidate above
 *     the next, nor bring any continuing candidate to the quota, nor the
 *     lowest to a quarter of the quota. The lowest candidates are excluded
 *     together while their total with the untransferred surpluses is below
 *     the next candidate's votes (but not past a candidate who could still
 *     reach a quarter of the quota from the lower ones' papers); an
 *     exclusion moves all the excluded papers in one stage. s. 124: as many
 *     continuing candidates as vacancies are elected; one more than the
 *     vacancies, and the lowest with the untransferred surpluses below the
 *     next: all but the lowest are elected (s. 124(1A), 2001); one vacancy
 *     and a candidate above all the others with the surpluses: elected.
 *     Figures are whole votes (multiples of PS_STV_SCALE); rounding is 0.
 *
 *   PS_STV_MEEK  Meek's method as the Proportional Representation
 *     Foundation's "Reference Meek Rule" states it (prfound.org): every hopeful
 *     candidate keeps all of each vote that reaches them, a withdrawn or
 *     defeated one none, an elected one the fraction kf (the keep factor)
 *     that brings them to the quota. Each round iterates: each ballot gives
 *     each candidate in its order w x kf (rounded up to 9 decimal places)
 *     of its remaining weight w (1 at the start); the quota is the votes of
 *     all candidates / (seats + 1), truncated to 9 places, plus 10^-9;
 *     hopeful candidates at or over the quota are elected and end the round;
 *     otherwise, once the total surplus of the elected is under 10^-6 or no
 *     longer falls, the hopeful candidate with the fewest votes is defeated
 *     (those within the total surplus of the fewest are level: the rule's
 *     procedure T, a lot, is the options' `ties` policy) and the round ends;
 *     else each elected candidate's kf becomes kf x quota (rounded up to 9
 *     places) / votes (rounded up) and the iteration goes on. The count
 *     ends when every seat is filled, or when the hopeful candidates are no
 *     more than the seats left: they are all elected (last_vacancies).
 *     Figures are in units of 10^-9 vote (PS_STV_MEEK_SCALE); a stage is a
 *     round: its votes, quota and keep factors as the round ended, then the
 *     action that ended it (PS_STV_FIRST_PREFERENCES for a first round that
 *     elects, PS_STV_ELECTION for a later one, PS_STV_EXCLUSION for a
 *     defeat, whose candidate still has their votes in that stage); the
 *     votes left on ballots with no further candidate, and the rounding of
 *     the weights, are its non-transferable votes (rounding is 0).
 *
 * A result names the rule it was counted with and the scale of its figures.
 *
 * Every figure of a count is exact: an int64_t in units of 1/scale of a vote
 * (result->scale: PS_STV_SCALE = 100000 under the Scottish and Irish rules,
 * so 2345.50541 votes are 234550541; PS_STV_MEEK_SCALE under Meek's). Each
 * stage's candidates' votes, the non-transferable votes and the votes lost
 * to rounding add up to the valid votes exactly.
 *
 * Ownership: every *out is the caller's and has a NULL-safe free function;
 * a result refers to its candidates by their index in the ballots.
 * Thread safety: all functions are reentrant; loaded ballots are read-only
 * and may be shared between threads.
 */
#ifndef POWERSHARE_STV_H
#define POWERSHARE_STV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apportion.h" /* ps_tie_policy */
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One vote in the units of every figure of a count (5 decimal places), under
 * the Scottish and Irish rules. */
#define PS_STV_SCALE ((int64_t)100000)
/* One vote in the units of a count under Meek's method (9 decimal places). */
#define PS_STV_MEEK_SCALE ((int64_t)1000000000)
/* The most ballots a count under Meek's method takes (so that all of them, in
 * units of 1/PS_STV_MEEK_SCALE, fit 64 bits): 9223372036. */
#define PS_STV_MEEK_MAX_BALLOTS (INT64_MAX / PS_STV_MEEK_SCALE)
/* The most candidates a ballot file may have. */
#define PS_STV_MAX_CANDIDATES 10000
/* The most ballots a file may hold in all (so that every figure, in units of
 * 1/PS_STV_SCALE, fits 64 bits): 10^13. */
#define PS_STV_MAX_BALLOTS ((int64_t)10000000000000)

/* Ballots as read from a BLT file. Candidates are numbered from 0 here (the
 * file numbers them from 1). */
typedef struct ps_ballots {
    size_t n_candidates;
    char **candidates;   /* names, in the file's (ballot-paper) order */
    char **affiliations; /* n_candidates entries (NULL: none given), or NULL
                            when no candidate line gives one */
    bool *withdrawn;     /* n_candidates entries */
    int64_t seats;       /* from the first line, >= 1 */
    char *title;         /* or NULL when the file has none */
    size_t n_lines;      /* ballot lines, in the file's order */
    int64_t *count;      /* n_lines: how many ballots the line stands for, >= 1 */
    size_t *start;       /* n_lines + 1: line i's preferences are
                            pref[start[i]] .. pref[start[i + 1] - 1] */
    uint32_t *pref;      /* candidate indices, most preferred first, no repeats
                            (withdrawn candidates included: the count skips them) */
    long *line;          /* n_lines: the line of the file, for messages */
    int64_t total;       /* the sum of count: every ballot of the file */
} ps_ballots;

/* Reads a BLT file ("-": standard input, which a process can read once, as
 * ps_file_read in io.h). Errors: as ps_file_read (PS_EIO, PS_ERANGE,
 * PS_ENOMEM), plus those of ps_ballots_read, whose file name is the path
 * ("<stdin>" for "-"). */
int ps_ballots_load(ps_ballots **out, const char *path, ps_error *err);

/* Reads BLT text from memory; `source_name` is what errors call the file.
 * Errors, each with the line and column (in characters) of the offending
 * token and what was expected:
 *   PS_EPARSE  not UTF-8, NUL bytes (io.h); a token that is not a number
 *              where one is due; an unclosed or missing quoted name; text
 *              after the title; the file ends before the ballots' closing 0
 *              or before every candidate is named;
 *   PS_EDATA   no candidate or no seat, more seats than candidates, a
 *              candidate number out of range or twice on one ballot, a ballot
 *              count of 0, a withdrawn number out of range or twice, an
 *              empty name;
 *   PS_ERANGE  more than PS_STV_MAX_CANDIDATES candidates, more than
 *              PS_STV_MAX_BALLOTS ballots in all, a number of candidates or
 *              seats or a ballot count over 2^63 - 1, a name or title over
 *              PS_IO_MAX_TEXT_BYTES (io.h);
 *   PS_EINVAL  text NULL with len > 0;
 *   PS_ENOMEM. *out is NULL after an error. */
int ps_ballots_read(ps_ballots **out, const char *text, size_t len, const char *source_name,
                    ps_error *err);

void ps_ballots_free(ps_ballots *ballots);

/* The counting rules. New rules are added before PS_STV_RULE_COUNT. */
typedef enum ps_stv_rule {
    PS_STV_SCOTTISH,
    PS_STV_IRISH,
    PS_STV_MEEK,
    PS_STV_RULE_COUNT
} ps_stv_rule;

/* The rule's command-line name ("scottish", "irish", "meek"), or NULL out of
 * range. */
const char *ps_stv_rule_name(ps_stv_rule rule);

/* Parses a rule name, ignoring ASCII case: "scottish" (also "scotland"),
 * "irish" (also "ireland", "dail"), "meek" (also "meek-prf"). Errors:
 * PS_EINVAL, with a message listing the names. */
int ps_stv_rule_parse(ps_stv_rule *out, const char *name, ps_error *err);

typedef struct ps_stv_options {
    ps_stv_rule rule;
    int64_t seats;       /* 0: the ballot file's; otherwise this many */
    ps_tie_policy ties;  /* a tie that the rule leaves to lot: PS_TIES_ERROR
                            refuses (PS_ETIE); PS_TIES_FIRST favours the
                            candidate listed first on the ballot paper (its
                            surplus goes first; of candidates level for
                            exclusion the one listed last is excluded);
                            PS_TIES_RANDOM draws uniformly with `seed` */
    uint64_t seed;
} ps_stv_options;

/* Fills *opt with the defaults: the Scottish rules, the file's seats, ties
 * are errors. */
void ps_stv_options_init(ps_stv_options *opt);

/* What a stage did. */
typedef enum ps_stv_action {
    PS_STV_FIRST_PREFERENCES, /* stage 1 */
    PS_STV_SURPLUS,           /* an elected candidate's surplus transferred */
    PS_STV_EXCLUSION,         /* a candidate excluded, their papers transferred
                                 (Meek: defeated, their keep factor set to 0) */
    PS_STV_ELECTION           /* Meek: the keep factors iterated until hopeful
                                 candidates reached the quota */
} ps_stv_action;

typedef enum ps_stv_status {
    PS_STV_ELECTED,
    PS_STV_EXCLUDED,
    PS_STV_NOT_ELECTED, /* still continuing when the last seat was filled */
    PS_STV_WITHDRAWN    /* withdrawn in the ballot file: took no part */
} ps_stv_status;

typedef struct ps_stv_candidate {
    ps_stv_status status;
    int64_t stage;       /* elected at the end of this stage, or excluded by it;
                            0 for the other statuses */
    bool last_vacancies; /* elected because the continuing candidates were as
                            many as the vacancies left (rule 53), perhaps below
                            the quota */
    int64_t votes;       /* at the end of the count */
} ps_stv_candidate;

typedef struct ps_stv_stage {
    ps_stv_action action;
    size_t candidate;        /* whose surplus, or who was excluded (0 at stage 1);
                                of several excluded together, excluded[0] */
    int64_t amount;          /* the surplus, or the excluded candidates' votes
                                (0 at stage 1 and for PS_STV_ELECTION) */
    size_t n_excluded;       /* candidates excluded together at this stage (the
                                Irish rule): 0 for other actions, else >= 1 */
    size_t *excluded;        /* n_excluded entries, fewest votes first; NULL
                                when n_excluded is 0 */
    int64_t *votes;          /* n_candidates: each candidate's votes at the end
                                of the stage */
    int64_t exhausted;       /* the value of the papers that had no further
                                continuing preference, all stages so far */
    int64_t rounding;        /* lost by cutting transfer values at this stage */
    int64_t non_transferable;/* as the Scottish count sheet prints "Non-
                                transferable votes": exhausted plus the rounding
                                of the earlier stages (this stage's rounding is
                                its own row) */
    size_t n_elected;
    size_t *elected;         /* elected at the end of this stage, in order of
                                election (most votes first; equal votes: ballot
                                order); NULL when none */
    int64_t quota;           /* the quota at the end of the stage (Meek's
                                changes; the other rules': result->quota) */
    int64_t *keep;           /* Meek: n_candidates keep factors at the end of
                                the stage, in units of 1/scale (scale: 1);
                                NULL under the other rules */
    int64_t iterations;      /* Meek: the iterations of the round; 0 otherwise */
} ps_stv_stage;

/* A tie the count had to settle. */
typedef struct ps_stv_tie {
    int64_t stage;        /* the stage whose action it decided */
    ps_stv_action action; /* PS_STV_SURPLUS: whose surplus goes first;
                             PS_STV_EXCLUSION: who is excluded */
    size_t n_tied;
    size_t *tied;         /* the candidates level, ascending */
    size_t chosen;        /* whose surplus went, or who was excluded */
    int64_t decided_at;   /* the earlier stage whose votes decided it, or 0 when
                             the candidates were level at every stage and the
                             options' ties policy decided (lot) */
} ps_stv_tie;

typedef struct ps_stv_result {
    ps_stv_rule rule;
    size_t n_candidates;
    int64_t seats;
    int64_t valid;        /* valid ballots: those with a standing candidate */
    int64_t ignored;      /* ballots without one (empty, or only withdrawn
                             candidates): not counted */
    int64_t scale;        /* one vote, in the units of every figure here:
                             PS_STV_SCALE, or PS_STV_MEEK_SCALE under Meek */
    int64_t quota;        /* in units of 1/scale vote; Meek's at the end of
                             the count (each stage has its own) */
    size_t n_elected;     /* == seats, unless fewer candidates stood */
    size_t *elected;      /* in order of election */
    ps_stv_candidate *candidate; /* n_candidates */
    size_t n_stages;
    ps_stv_stage *stage;  /* stage k is stage[k - 1] */
    size_t n_ties;
    ps_stv_tie *tie;      /* in the order they arose; NULL when none */
} ps_stv_result;

/* Counts the ballots under opt's rule (opt NULL: the defaults). *out is the
 * caller's; free with ps_stv_result_free(); NULL after an error. Checks the
 * caller's cancellation (cancel.h) once per stage. Time: about (stages x
 * ballot lines x preferences); memory: stages x candidates figures.
 * Errors: PS_EINVAL (no ballots, a rule or ties policy out of range,
 * negative seats or more seats than candidates in the options), PS_EDATA
 * (no valid ballot), PS_ERANGE (Meek: more than PS_STV_MEEK_MAX_BALLOTS
 * ballots), PS_ETIE (a tie left to lot under PS_TIES_ERROR: the message
 * names the candidates and the stage), PS_ECANCELED, PS_ENOMEM. Meek's
 * rounds iterate: each iteration reads every ballot line once, and the
 * iterations of a round are bounded because the total surplus, a whole
 * number of units, must fall at each one; cancellation is checked at each. */
int ps_stv_count(ps_stv_result **out, const ps_ballots *ballots, const ps_stv_options *opt,
                 ps_error *err);

void ps_stv_result_free(ps_stv_result *result);

/* Writes a figure of a count (units of 1/PS_STV_SCALE) as a decimal with 5
 * places, "2345.50541" or "-0.00100", into buf (at most size bytes, NUL
 * included); returns the length the full text needs, like snprintf. */
int ps_stv_format(int64_t value, char *buf, size_t size);

/* The same for a figure in units of 1/scale, scale a power of ten from 1 to
 * 10^18 (result->scale): as many decimal places as scale has zeros,
 * "84.625000001" for 84625000001 at PS_STV_MEEK_SCALE. Another scale writes
 * nothing and returns -1. */
int ps_stv_format_scaled(int64_t value, int64_t scale, char *buf, size_t size);

/* The names of a stage's action ("first preferences", "surplus",
 * "exclusion") and of a candidate's status ("elected", "excluded",
 * "withdrawn", "not elected"), as every output writes them. */
const char *ps_stv_action_name(ps_stv_action action);

/* Whether a stage of this action has a candidate (stage.candidate: whose
 * surplus, or who was excluded): true for PS_STV_SURPLUS and
 * PS_STV_EXCLUSION, false for first preferences and Meek's elections. */
bool ps_stv_action_has_candidate(ps_stv_action action);
const char *ps_stv_status_name(ps_stv_status status);

#ifdef __cplusplus
}
#endif

#endif
