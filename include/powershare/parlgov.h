/*
 * powershare/parlgov.h - checking the coalition theories against the
 * cabinets that actually formed, with the ParlGov database.
 *
 * ParlGov (Döring & Manow, parlgov.org) publishes its tables as CSV. All
 * that is needed here is in its view `view_cabinet.csv`: one row per
 * cabinet and per party of the parliamentary election before it, with the
 * party's seats, whether it sat in the cabinet (cabinet_party), its
 * left-right position and the chamber size (election_seats_total). The
 * other tables (election, election_result, party, cabinet, cabinet_party)
 * hold the same facts spread out; they are not read.
 *
 * A case is the first cabinet formed after a parliamentary election: of the
 * cabinets whose election_id is that election, the one with the earliest
 * start_date (then the lowest cabinet_id). Its legislature has the parties
 * with at least one seat (seats above their sum count as unattributed), a
 * dimension "left_right" (0..10, ParlGov's own positions), and party ids
 * from name_short (made unique with "-<party_id>" when two parties share
 * one). A party listed twice for one cabinet counts once. ParlGov's
 * placeholders "none" (independents), "etc" (others) and "one-seat" are not
 * parties: their seats are unattributed (they count in the total and the
 * majority but join no coalition).
 *
 * Ownership: everything returned is the caller's, freed by its _free.
 * Thread safety: reentrant.
 */
#ifndef POWERSHARE_PARLGOV_H
#define POWERSHARE_PARLGOV_H

#include <stdbool.h>
#include <stddef.h>

#include "coalition.h"
#include "error.h"
#include "legislature.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ps_parlgov_case {
    char *country;        /* country_name_short, e.g. "DEU" */
    char *country_name;   /* e.g. "Germany" */
    char *election_date;  /* ISO date */
    long election_id;
    char *cabinet_name;
    char *cabinet_start;
    long cabinet_id;
    bool caretaker;
    ps_legislature *leg;  /* parties with seats; dimension 0 is left_right */
    ps_members cabinet;   /* the cabinet's parties that hold seats */
    size_t cabinet_seatless; /* cabinet parties that are not players (no
                                seats, or a placeholder such as "none") */
    bool single_majority; /* one party holds more than half of all seats */
    bool positions_complete; /* every party with seats has a left_right */
} ps_parlgov_case;

typedef struct ps_parlgov {
    size_t n;
    ps_parlgov_case *cases; /* by country, then election date */
} ps_parlgov;

/* Reads DIR/view_cabinet.csv and builds one case per election. country
 * (NULL: all) keeps one country, matched case-insensitively against
 * country_name_short ("NLD") or country_name ("Netherlands"). With
 * skip_caretaker, the case is the first cabinet not marked caretaker (an
 * election followed only by caretakers then gives no case).
 * Errors: PS_EIO (missing file), PS_EPARSE, PS_EDATA (a missing column, a
 * bad number: file, line and column), PS_ERANGE (an election with more than
 * 64 parties with seats), PS_ENOMEM. An unknown country is not an error:
 * the result is empty. */
int ps_parlgov_load(ps_parlgov **out, const char *dir, const char *country, bool skip_caretaker,
                    ps_error *err);
void ps_parlgov_free(ps_parlgov *pg);

/* The case of the election on `date` (ISO) in `country`, or NULL. */
const ps_parlgov_case *ps_parlgov_find(const ps_parlgov *pg, const char *country,
                                       const char *date);

/* One theory's record over the cases. */
typedef struct ps_parlgov_score {
    size_t cases;       /* cases where it applies (positions needed or not) */
    size_t hits;        /* the actual cabinet is in its prediction set */
    double mean_set;    /* average size of the prediction set (0: n/a) */
} ps_parlgov_score;

typedef struct ps_parlgov_eval {
    size_t elections;        /* cases read */
    size_t single_majority;  /* left out: one party has a majority */
    size_t cases;            /* evaluated */
    size_t cabinet_winning;  /* the actual cabinet holds a majority */
    size_t cabinet_minimal;  /* ... and is minimal winning */
    size_t cabinet_seatless; /* cases with a cabinet party without seats */
    ps_parlgov_score theory[PS_THEORY_COUNT];
    ps_parlgov_score median;  /* the cabinet holds the median party */
    ps_parlgov_score largest; /* the cabinet holds the largest party */
} ps_parlgov_eval;

/* One case: the actual cabinet described in the game "majority of all
 * seats", and for each theory whether it applies (positions known), whether
 * the cabinet is in its prediction set, and that set's size. */
typedef struct ps_parlgov_result {
    ps_coalition actual;
    int64_t quota;
    bool applies[PS_THEORY_COUNT];
    bool hit[PS_THEORY_COUNT];
    uint64_t set_size[PS_THEORY_COUNT];
    bool median_applies, median_hit, largest_hit;
} ps_parlgov_result;

/* Errors: as ps_game_from_legislature and ps_coalitions_find. */
int ps_parlgov_case_evaluate(ps_parlgov_result *out, const ps_parlgov_case *c, ps_error *err);

/* For every case without a single-party majority, the game "majority of
 * all seats", and each theory's rank-1 set: is the actual cabinet in it?
 * Theories that need positions (connected, range, distance, median) count
 * only the cases where every party with seats has one.
 * Errors: PS_ENOMEM, PS_ERANGE, PS_EDATA (a case that cannot be played:
 * the message names it). */
int ps_parlgov_evaluate(ps_parlgov_eval *out, const ps_parlgov *pg, ps_error *err);

#ifdef __cplusplus
}
#endif

#endif
