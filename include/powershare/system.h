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
 *      split among its lists by the same method, or by `alliance_split`
 *      (a Dutch list combination before 1 December 2017, Kieswet P 11:
 *      largest remainders on the combination's own quota, its votes over
 *      its seats); with the small-council
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
 * A law with districts (Norway, Sweden) works on a votes table with a
 * district column instead: each district's seats by the method (with the
 * law's threshold, if any, in the district; with a district_threshold, a
 * list takes part in a district's seats when it has that share of the
 * district's votes or passes the leveling threshold nationally: Sweden's
 * 12% or 4%), then the leveling seats: the district seats plus the
 * leveling seats are shared nationally by the leveling method among the
 * lists over the leveling threshold (after the district seats of the lists
 * under it are set aside; with district_seat_qualifies, a list that won a
 * district seat takes part whatever its share: Denmark's Folketingsvalglov
 * section 77(1)). A list whose district seats exceed its national
 * share is, by `surplus`, either set aside with them and the share
 * computed again (Norway), or made to return the surplus: its district
 * seats won with the lowest comparison numbers (in districts of at least
 * return_min_district_seats seats) go, each in its district by the
 * district method, to the other list with the highest comparison number
 * among those below their national share (Sweden since 2018). Each list's
 * leveling seats are its national share minus its district seats. Then
 * they are placed in the districts, by `placement`: relative-per-district
 * places per_district seats in each district, one at a time: the highest
 * of (a list's votes in the district / d(its district seats there)) / (the
 * district's votes / its district seats), over the lists with leveling
 * seats left and the districts with room, wins (Norway's Election Act);
 * largest-quotient places each list's seats one at a time in the district
 * where its votes / d(its seats there, leveling seats placed included) are
 * highest, with no cap per district (Sweden's Elections Act 14:6);
 * national-quotients replaces the national share: seat by seat, the party
 * over the leveling threshold with the highest national quotient (its
 * votes / d(its seats so far), by the leveling method) takes it, at its
 * list with the highest next quotient (votes / d(seats there)) as a share
 * of all the district's votes, in the districts with room (per_district
 * gives each district's seats), two seats at most per list; a party with
 * no list left drops out (Iceland's Act no. 24/2000, article 108). d by
 * district_method (Sainte-Lague in both: 1, 3, 5, ...; D'Hondt in Iceland). An `others` entry
 * counts in every share's base and takes part in no seat.
 *
 * The additional member system (Scotland Act 1998, sections 6-8;
 * Government of Wales Act 2006, sections 6-9): the constituency seats are
 * given (the votes' direct_wins by district); each region's list seats go
 * one at a time to the highest of a list's regional votes / d(s), s its
 * constituency seats in the region plus its list seats there so far
 * (D'Hondt: d(s) = s + 1). The result's by_district are the constituency
 * seats, leveling and leveling_by_district the list seats.
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

/* The Bundestag's growing house (Federal Electoral Act, BWahlG, section 6,
 * as amended in 2013 and 2020): the base seats are shared among the
 * districts (Länder: their seats are given by each election,
 * ps_system_set_district_seats), each district's seats among the eligible
 * parties there by the method (the first distribution); each party's
 * minimum is the sum over its district lists of the larger of the list's
 * constituency wins and either its first-distribution seats (2013) or the
 * mean of both, rounded up (2020), and at least its first-distribution
 * total; the house grows from the base seats until the national
 * distribution by the method gives every party its minimum, save for at
 * most `uncompensated` seats of shortfall (2020: 3), which the parties
 * short keep on top; each party's seats then go to its district lists by
 * the method, no list below its floor (its wins, 2013; its minimum, 2020).
 *
 * The fixed house (fixed_house; BWG sections 1 and 4-6 as amended on 8
 * June 2023, "bundestag": {"house": "fixed", "lists": [Länder]}): the
 * districts are the Länder the law names, with no seats of their own; the
 * law's seats go to the eligible parties by the method on their national
 * votes (the Oberverteilung); a party with more than half of the eligible
 * parties' votes and not more than half of the seats gets seats on top
 * until it has more than half, and the house grows by them (section 4
 * (4)); each party's seats go to its Land lists by the method on their
 * votes, no floor (the Unterverteilung); a list's constituency winners
 * are seated only as far as its seats go (Zweitstimmendeckung), the rest
 * are not seated (the result's uncovered_by_district); no overhang. The
 * winners of a party that takes no part are not seated either. */
typedef struct ps_bundestag_rule {
    bool present;
    bool mean_minimum;     /* 2020: the mean of wins and seats, rounded up */
    int64_t uncompensated; /* overhang seats that may stay uncompensated */
    bool floor_minimum;    /* the lists' floor is the minimum, else the wins */
    bool fixed_house;      /* 2023: the fixed house, Zweitstimmendeckung */
} ps_bundestag_rule;

/* Remainders pooled across tiers (the Czech Chamber of Deputies, Act No.
 * 247/1995 Coll., sections 48-51 as amended in 2021): each district's seats
 * by the national mandate number (all valid votes / the seats, rounded to a
 * whole number; the largest remainders for the seats left), unless
 * district_seats are fixed; in each district every eligible list gets one
 * seat per whole quota, the quota being the eligible lists' votes there /
 * (the district's seats + first_plus), rounded (Imperiali: 2); a district
 * given more seats than it has takes the excess back from the lists with
 * the smallest remainders (then the fewer votes there); the lists'
 * remainders (votes less seats x quota) are pooled nationally and the seats
 * left shared by whole quotas of the pooled remainders / (the seats left +
 * second_plus), rounded (Hagenbach-Bischoff: 1), and the largest remainders
 * (an excess taken back the same way); each list's pooled seats go to its
 * districts with the largest remainders, one each. The result's
 * by_district are the first-tier seats, leveling and leveling_by_district
 * the pooled ones. */
typedef struct ps_remainder_pool_rule {
    bool present;
    int64_t first_plus;        /* the district quota's divisor: seats + this */
    int64_t second_plus;       /* the national quota's divisor: seats left + this */
    bool district_seats_by_votes; /* the districts' seats from each election's votes */
} ps_remainder_pool_rule;

/* Where the leveling seats go (system.h, laws with districts). */
typedef enum ps_leveling_placement {
    PS_PLACE_NONE,              /* nowhere: national seats only */
    PS_PLACE_RELATIVE,          /* per_district in each district, the highest
                                   relative quotient first (Norway) */
    PS_PLACE_LARGEST_QUOTIENT,  /* list by list, its highest quotient, no cap
                                   per district (Sweden) */
    PS_PLACE_NATIONAL_QUOTIENTS /* seat by seat: the party with the highest
                                   national quotient, at its list with the
                                   highest share of its district (Iceland) */
} ps_leveling_placement;

/* A list with more district seats than its national share. */
typedef enum ps_leveling_surplus {
    PS_SURPLUS_SET_ASIDE,       /* keeps them, set aside, share again (Norway) */
    PS_SURPLUS_RETURN           /* returns the surplus to other lists (Sweden) */
} ps_leveling_surplus;

/* Leveling (adjustment) seats over districts. */
typedef struct ps_leveling_rule {
    int64_t seats;          /* 0: no leveling tier */
    ps_threshold_kind threshold; /* PS_THRESHOLD_NONE or PS_THRESHOLD_SHARE, of
                                    all valid votes nationally */
    ps_ratio threshold_share;
    bool district_seat_qualifies; /* a list with a district seat takes part in
                                     the national share under the threshold
                                     (Denmark) */
    ps_method method;       /* of the national share */
    ps_ratio first_divisor;
    int64_t per_district;   /* > 0: the leveling seats are placed in the
                               districts, this many in each (Norway: 1) */
    ps_method district_method; /* the divisors of that placement */
    ps_leveling_placement placement; /* PS_PLACE_RELATIVE with per_district */
    ps_leveling_surplus surplus;
    int64_t return_min_district_seats; /* PS_SURPLUS_RETURN: no seat is returned
                                          in a district with fewer seats (Sweden: 3) */
    int64_t *district_cap;  /* PS_PLACE_NATIONAL_QUOTIENTS: the adjustment seats
                               of each district, in the law's district order
                               ("per_district": {"name": seats, ...}) */
    size_t n_caps;          /* while reading: the caps by name, matched to the */
    char **cap_name;        /* districts once the whole law is read */
    int64_t *cap_seats;
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
    bool alliance_split_given;      /* the alliances' seats are split among their */
    ps_method alliance_split;       /* lists by this method, not the law's (Kieswet
                                       P 11: PS_HARE, the combination's quota) */
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
    ps_ratio district_threshold;    /* {0, 0}: none; else a list passes in a
                                       district with this share of its votes, or
                                       over the leveling threshold (Sweden: 12%) */
    bool district_seats_given;      /* each election gives the district seats
                                       (ps_system_set_district_seats) */
    ps_bundestag_rule bundestag;
    ps_remainder_pool_rule remainder_pool; /* "remainder_pool" (Czech Republic) */
    int64_t additional_members;     /* > 0: an additional member system with this
                                       many constituency seats (Scotland: 73); the
                                       district_seats are each region's list seats,
                                       given by the method from the seats each list
                                       holds there (its constituency wins, the
                                       votes' direct_wins by district) */
    size_t n_exempt;                /* lists exempt from the threshold by name */
    char **exempt;                  /* (Germany's national-minority SSW) */
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

/* The district seats of one election, for a law whose districts it gives
 * ("district_seats": "given": the Bundestag's Land quotas): n districts
 * by name and seats, adding up to the law's seats. Errors: PS_EINVAL (a law
 * with its own districts or none, a sum that differs), PS_ENOMEM. */
int ps_system_set_district_seats(ps_system *law, const char *const *names,
                                 const int64_t *seats, size_t n, ps_error *err);

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
                               were placed (the law's placement), or NULL */
    int64_t *uncovered_by_district; /* the Bundestag's fixed house: n *
                               n_districts constituency winners of each Land
                               list that its seats do not cover (not seated),
                               else NULL */
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
