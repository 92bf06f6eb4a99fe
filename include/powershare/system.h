/*
 * powershare/system.h - a chamber's electoral law as data, applied whole.
 *
 * ps_apportion (apportion.h) is one formula. A real law adds rules around
 * it; a law file (docs/apportionment.md, "Electoral laws"; the bundled ones
 * in data/systems/<chamber>-<law>.json) names them and ps_system_apply
 * applies them in the law's order:
 *
 *   1. eligibility: the threshold (a share of all valid votes, or one full
 *      quota), waived for lists with `exempt_if_wins` constituency wins;
 *      a joint list of several parties (the `members` column) needs the
 *      higher share the law sets for its number of parties;
 *   2. seats kept outside the proportional pool: constituency seats of
 *      lists that are not eligible (overhang laws: New Zealand);
 *   3. a bonus for the list with the most votes (a sliding scale: Greece);
 *   4. the proportional seats by the method, where the lists of one
 *      alliance (an apparentement, a Swiss Listenverbindung, an Israeli
 *      surplus-vote agreement) count as one list, whose seats are then
 *      split among its lists by the same method; with the small-council
 *      rule of a largest-remainder method (Dutch councils under 19 seats:
 *      a remainder seat only for a list with a given share of the quota, at
 *      most one per list, the seats left over by largest averages);
 *   5. list exhaustion: a list never gets more seats than candidates; its
 *      surplus goes to the others by the same method (without a candidates
 *      column no list is capped, and the notes say so);
 *   6. the majority clause (Kieswet P 9): a list with more than half of the
 *      votes and not more than half of the seats takes one seat from the
 *      list that won the last seat;
 *   7. overhang: a list keeps its constituency seats above its proportional
 *      share, and the house grows by the difference.
 *
 * A law with districts (Norway) works on a votes table with a district
 * column instead: each district's seats by the method (with the law's
 * threshold, if any, in the district), then the leveling seats: the
 * district seats plus the leveling seats are shared nationally by the
 * leveling method among the lists over the leveling threshold (after the
 * district seats of the lists under it are set aside), a list whose
 * district seats exceed its national share is set aside with them and the
 * share is computed again, and each list's leveling seats are its national
 * share minus its district seats. With per_district, the leveling seats are
 * then placed in the districts one at a time: the highest of (a list's
 * votes in the district / d(its district seats there)) / (the district's
 * votes / its district seats), over the lists with leveling seats left and
 * the districts with room, wins (Norway's Election Act; d by
 * district_method, Sainte-Lague there).
 *
 * Votes come as a ps_votes table (io.h): `direct_wins` are the
 * constituency seats won, `alliance` the alliance each list belongs to,
 * `candidates` the length of each list. Everything is exact (integers and
 * ratios); ties that decide a seat follow the law's `ties` policy.
 *
 * Thread safety: a loaded law is read-only and may be shared.
 */
#ifndef POWERSHARE_SYSTEM_H
#define POWERSHARE_SYSTEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apportion.h"
#include "error.h"
#include "io.h"
#include "number.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A sliding bonus: the list with the most votes gets `seats` when its
 * share of the valid votes reaches `from`, and `step_seats` more for each
 * further whole `step` of share, never more than `max_seats`. */
typedef struct ps_bonus_rule {
    bool present;
    ps_ratio from;
    int64_t seats;
    ps_ratio step;       /* {0, 0} or zero: no steps */
    int64_t step_seats;
    int64_t max_seats;
    bool share_of_eligible; /* the share is of the eligible lists' votes */
} ps_bonus_rule;

/* A joint list's threshold: a list of `members` parties or more (the
 * votes' `members` column) needs this share of all valid votes. */
typedef struct ps_joint_threshold {
    int64_t members;
    ps_ratio share;
} ps_joint_threshold;

/* Leveling (adjustment) seats over districts. */
typedef struct ps_leveling_rule {
    int64_t seats;          /* 0: no leveling tier */
    ps_threshold_kind threshold; /* PS_THRESHOLD_NONE or PS_THRESHOLD_SHARE, of
                                    all valid votes nationally */
    ps_ratio threshold_share;
    ps_method method;       /* of the national share */
    ps_ratio first_divisor;
    int64_t per_district;   /* > 0: the leveling seats are placed in the
                               districts, this many in each (Norway: 1) */
    ps_method district_method; /* the divisors of that placement */
} ps_leveling_rule;

typedef struct ps_system {
    char *id;        /* the file's stem ("il-knesset-2022") */
    char *chamber;   /* "Knesset" */
    char *law;       /* "Knesset Elections Law, as amended in 2014" */
    char *source;    /* where the law is published */
    char *notes;     /* or NULL */
    int64_t seats_min, seats_max;   /* 0, 0: the law fixes apportion.seats; else
                                       each election gives the house size in this
                                       range (ps_system_set_seats; until then
                                       apportion.seats is 0) */
    ps_apportion_options apportion; /* method, seats, first_divisor, threshold,
                                       exempt_if_wins, ties (names/exempt/
                                       direct_wins are the votes' own) */
    size_t n_joint_thresholds;      /* joint lists' thresholds, by members */
    ps_joint_threshold joint_threshold[8];
    bool alliances;                 /* lists of one alliance pool their votes */
    bool alliance_needs_all_eligible; /* an alliance counts only when every list
                                         of it passed the threshold (Israel) */
    ps_ratio remainder_share;       /* largest remainders: a list needs this
                                       share of the quota for a remainder seat
                                       ({0,0}: no such rule) */
    int64_t max_remainder_seats;    /* per list; 0: no limit */
    ps_bonus_rule bonus;
    bool list_exhaustion;           /* caps lists at the candidates column */
    bool majority_clause;
    bool overhang;                  /* needs direct_wins: constituency seats */
    size_t n_districts;             /* 0: one national table */
    char **district;                /* n_districts names */
    int64_t *district_seats;        /* n_districts */
    ps_leveling_rule leveling;
} ps_system;

/* The law in a JSON file, or one of the bundled laws by its id
 * ("nz-mmp-1993"): `name` without a '/' and without ".json" is looked up in
 * the folder named by the environment variable POWERSHARE_SYSTEMS, then in
 * the shipped data/systems/ (next to the program, or installed); "-" reads
 * the law from standard input (once per process, as every "-"). Errors: PS_EIO, PS_EPARSE, PS_EDATA (an unknown key, a
 * rule the method cannot take: each with file, line and column), PS_ENOMEM. */
int ps_system_load(ps_system **out, const char *name, ps_error *err);
int ps_system_read(ps_system **out, const char *text, size_t len, const char *source_name,
                   ps_error *err);
void ps_system_free(ps_system *law);

/* The house size of one election, for a law that leaves it to each
 * election ("seats": {"min": 1, "max": 18}: Dutch councils under 19
 * seats). Errors: PS_EINVAL (a law that fixes its seats, or a size out of
 * the law's range). */
int ps_system_set_seats(ps_system *law, int64_t seats, ps_error *err);

/* The ids of the bundled laws, NULL-terminated, sorted; free with ps_free
 * (one block). Errors: PS_EIO when the catalogue cannot be found. */
int ps_system_catalogue(char ***out, ps_error *err);

typedef struct ps_system_result {
    size_t n;               /* lists, in the votes table's order */
    int64_t *seats;         /* total seats of each list */
    int64_t *bonus;         /* bonus seats (included in seats) */
    int64_t *overhang;      /* seats kept above the proportional share */
    int64_t *moved;         /* +1/-1: the majority clause's seat; +/-k list
                               exhaustion's surplus; else 0 */
    bool *eligible;         /* passed the threshold or exempt (with districts:
                               over the leveling threshold, or seated in a
                               district) */
    int64_t house;          /* seats in the house: the law's seats, plus overhang */
    int64_t votes_total;
    ps_tie *tie;            /* NULL unless a tie decided a seat (ties first/random) */
    char *notes;            /* what the rules did, one sentence each, or NULL */
    size_t n_districts;     /* a law with districts: */
    int64_t *by_district;   /* n * n_districts district seats, list-major, in the
                               law's district order */
    int64_t *leveling;      /* n leveling seats (included in seats) */
    int64_t *leveling_by_district; /* n * n_districts where the leveling seats
                               were placed (per_district), or NULL */
} ps_system_result;

/* Applies the law to a votes table: of one district, or with a district
 * column naming the law's districts when it has them. others: NULL, or one
 * flag per list: true for an entry that counts in the valid votes but can
 * win no seat (a poll's "others"). Errors: PS_EINVAL (a table with
 * districts), PS_EDATA (a rule needs a column the table lacks: "the law
 * keeps constituency seats (overhang): give them in a direct_wins column"),
 * PS_ETIE, PS_ENOMEM. */
int ps_system_apply(ps_system_result **out, const ps_system *law, const ps_votes *votes,
                    const bool *others, ps_error *err);

/* The `others` flags of ps_system_apply for this table: true for an entry
 * named "others" (in any case) and for each of the n_names `names`. *out is
 * NULL when no entry is flagged, else the caller's (ps_free). Errors:
 * PS_EDATA (a name that is no entry: "no entry 'X'"), PS_ENOMEM. */
int ps_system_others(bool **out, const ps_votes *votes, const char *const *names,
                     size_t n_names, ps_error *err);

/* Whether the law can apply to national vote shares alone (a poll): not
 * when it counts constituency seats (overhang, a threshold waived for
 * constituency wins). When not, *why says what it needs. */
bool ps_system_needs_only_votes(const ps_system *law, const char **why);
void ps_system_result_free(ps_system_result *r);

#ifdef __cplusplus
}
#endif

#endif
