/*
 * powershare/apportion.h - votes to seats, exactly.
 *
 * Divisor methods give the next seat to the party with the highest quotient
 * votes / d(s), s being the seats it already has. One engine serves them all;
 * a method is only its divisor sequence d(0), d(1), ...:
 *
 *   PS_DHONDT                 1, 2, 3, ...        (Jefferson)
 *   PS_SAINTE_LAGUE           1, 3, 5, ...        (Webster)
 *   PS_MODIFIED_SAINTE_LAGUE  f, 3, 5, ...        (f = first_divisor, default 7/5)
 *   PS_IMPERIALI              2, 3, 4, ...
 *   PS_DANISH                 1, 4, 7, ...
 *   PS_HUNTINGTON_HILL        sqrt(s(s+1)): 0, sqrt 2, sqrt 6, ...
 *   PS_ADAMS                  0, 1, 2, ...        (smallest divisors)
 *   PS_DEAN                   2s(s+1)/(2s+1): 0, 4/3, 12/5, ...
 *
 * Quotients are compared as integer cross-products (wide multiplication, no
 * overflow up to 2^63 - 1 votes and seats), never as floating point; the
 * square roots of Huntington-Hill are compared by squaring both sides. A
 * divisor of 0 makes the quotient infinite: every party with votes gets a
 * seat before any party gets a second one (ties among them go by votes).
 *
 * Quota methods give each party floor(votes / quota) seats and the rest by
 * largest remainder:
 *   PS_HARE (Hamilton)          quota = V / S
 *   PS_DROOP                    quota = floor(V / (S + 1)) + 1
 *   PS_HAGENBACH_BISCHOFF       quota = V / (S + 1)
 *   PS_IMPERIALI_QUOTA          quota = V / (S + 2)
 * where V is the votes of the eligible parties. If the floors already exceed
 * S (possible with the Imperiali quota, and with Hagenbach-Bischoff when
 * every remainder is zero), the excess seats are taken back one each from
 * the parties with the smallest remainders. If more
 * seats remain than there are parties (the Droop quota with fewer votes than
 * seats), the remainders are used in rounds.
 *
 * Thresholds decide eligibility before the apportionment:
 *   PS_THRESHOLD_SHARE  votes >= share * all valid votes (e.g. 5%)
 *   PS_THRESHOLD_QUOTA  votes >= all valid votes / seats (one Hare quota, as in
 *                       the Netherlands)
 * A party is exempt from the threshold when `exempt[i]` is true or when
 * `direct_wins[i] >= exempt_if_wins` (exempt_if_wins > 0), as in Germany.
 * Parties with zero votes never get a seat.
 *
 * Ties: when two or more parties are exactly level for the last seat(s) to be
 * given, the result depends on a rule the law must supply. Policy
 * PS_TIES_ERROR (the default) refuses with PS_ETIE and a message naming the
 * tied parties and the seat numbers in question. PS_TIES_FIRST gives the
 * contested seats to the parties listed first; PS_TIES_RANDOM draws them with
 * the seed. Either way the result's `tie` records what was decided.
 *
 * Speed: divisor methods start every party at a seat count that it is sure to
 * reach (all quotients above a common divisor slightly above V/S) and give
 * the remaining seats with a heap; no quotient table is built. O(n log n) for
 * n parties, whatever the number of seats.
 *
 * Thread safety: all functions are reentrant.
 */
#ifndef POWERSHARE_APPORTION_H
#define POWERSHARE_APPORTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "number.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ps_method {
    PS_DHONDT,
    PS_SAINTE_LAGUE,
    PS_MODIFIED_SAINTE_LAGUE,
    PS_IMPERIALI,
    PS_DANISH,
    PS_HUNTINGTON_HILL,
    PS_ADAMS,
    PS_DEAN,
    PS_HARE,
    PS_DROOP,
    PS_HAGENBACH_BISCHOFF,
    PS_IMPERIALI_QUOTA,
    PS_METHOD_COUNT
} ps_method;

/* The method's command-line name ("dhondt", "sainte-lague",
 * "modified-sainte-lague", "imperiali", "danish", "huntington-hill", "adams",
 * "dean", "hare", "droop", "hagenbach-bischoff", "imperiali-quota"), or NULL
 * for a value out of range. */
const char *ps_method_name(ps_method method);

/* Parses a method name, ignoring ASCII case. Accepts the names above and the
 * names users know: "d'hondt", "jefferson", "bader-ofer" (D'Hondt);
 * "webster", "schepers", "sainte-lague-schepers" (Sainte-Lague); "hamilton",
 * "hare-niemeyer", "vinton", "largest-remainder" (Hare); "equal-proportions"
 * (Huntington-Hill). "hagenbach-bischoff" is the quota method; the Swiss
 * "Hagenbach-Bischoff" rule is D'Hondt (docs/apportionment.md). Errors:
 * PS_EINVAL, with a message listing the valid names. */
int ps_method_parse(ps_method *out, const char *name, ps_error *err);

/* True for the divisor methods (PS_DHONDT .. PS_DEAN). */
bool ps_method_is_divisor(ps_method method);

typedef enum ps_threshold_kind {
    PS_THRESHOLD_NONE,
    PS_THRESHOLD_SHARE,
    PS_THRESHOLD_QUOTA
} ps_threshold_kind;

typedef enum ps_tie_policy {
    PS_TIES_ERROR,
    PS_TIES_FIRST,
    PS_TIES_RANDOM
} ps_tie_policy;

/* The policy's name ("error", "first", "random"), or NULL out of range. */
const char *ps_tie_policy_name(ps_tie_policy ties);

/* Parses "error", "first" or "random" (ASCII case ignored): the tie policy
 * of every stage that can meet a tie (apportionment, STV, plurality).
 * Errors: PS_EINVAL "unknown tie policy 'x'; expected error, first or
 * random". */
int ps_tie_policy_parse(ps_tie_policy *out, const char *name, ps_error *err);

typedef struct ps_apportion_options {
    ps_method method;
    int64_t seats;               /* seats to give, >= 0 */
    ps_ratio first_divisor;      /* PS_MODIFIED_SAINTE_LAGUE only; {0,0} = 7/5;
                                    must be > 0 and < 3 (the next divisor) */
    ps_threshold_kind threshold;
    ps_ratio threshold_share;    /* PS_THRESHOLD_SHARE: e.g. {1, 20} for 5% */
    const bool *exempt;          /* n entries or NULL */
    const int64_t *direct_wins;  /* n entries or NULL */
    int64_t exempt_if_wins;      /* > 0 to exempt parties with that many wins */
    ps_tie_policy ties;
    uint64_t seed;               /* PS_TIES_RANDOM */
    const char *const *names;    /* n party names for messages, or NULL */
} ps_apportion_options;

/* Fills *opt with the defaults: D'Hondt, 0 seats, no threshold, ties are
 * errors, everything else zero/NULL. */
void ps_apportion_options_init(ps_apportion_options *opt);

/* A tie that decided seats. */
typedef struct ps_tie {
    int64_t first_seat;  /* contested seats, 1-based in order of award: */
    int64_t last_seat;   /*   first_seat..last_seat (last_seat == total) */
    size_t n_tied;       /* parties level for those seats */
    size_t *tied;        /* their indices, ascending */
    size_t n_winners;    /* how many of them got a contested seat */
    size_t *winners;     /* their indices, ascending */
} ps_tie;

typedef struct ps_apportionment {
    size_t n;               /* number of parties */
    int64_t *seats;         /* n entries */
    bool *eligible;         /* n entries: passed the threshold or exempt */
    int64_t votes_total;    /* all valid votes */
    int64_t votes_eligible; /* votes of eligible parties */
    ps_tie *tie;            /* NULL unless a tie was broken (FIRST/RANDOM) */
} ps_apportionment;

/* Apportions opt->seats among n parties with the given votes (opt NULL:
 * the defaults, i.e. no seats). *out is the caller's; free with
 * ps_apportionment_free(); it is NULL after an error.
 * Errors: PS_EINVAL (n == 0, negative votes or seats, a bad first divisor,
 * a share outside [0, 1]), PS_EDATA (seats > 0 but no eligible party has
 * votes: the message says which threshold removed them), PS_ETIE (see
 * above), PS_ERANGE (total votes overflow; PS_DANISH with more than
 * (2^64 - 2) / 3 seats, whose divisors 3s + 1 would not fit 64 bits),
 * PS_ENOMEM. */
int ps_apportion(ps_apportionment **out, const int64_t *votes, size_t n,
                 const ps_apportion_options *opt, ps_error *err);

void ps_apportionment_free(ps_apportionment *a);

/* Biproportional apportionment (Pukelsheim's "doppelter Pukelsheim", as in
 * Zurich, Aargau, Uri...). votes is n_parties x n_districts, party-major.
 *
 * Upper apportionment: each party's seats over the whole area, by
 * opt->method (a divisor method; Sainte-Lague in Swiss law) applied to its
 * voter numbers sum_d votes[p][d] / district_seats[d] (each voter casts as
 * many list votes as the district has seats), with opt's threshold on those
 * voter numbers. Lower apportionment: seats[p][d] = round(votes[p][d] /
 * (D_d * P_p)) with the same method's rounding, district divisors D_d and
 * party divisors P_p chosen by alternate scaling so that every district gets
 * its seats and every party its upper-apportionment seats. All arithmetic is
 * exact (GMP rationals). Districts with 0 seats take no part; only parties
 * with upper-apportionment seats take part in the lower one. A tie at any
 * step follows opt->ties; a tie broken in the lower apportionment is not
 * recorded in `tie`.
 *
 * Only divisor methods whose first divisor is positive are accepted
 * (D'Hondt, Sainte-Lague, modified Sainte-Lague, Imperiali, Danish): with
 * d(0) = 0 every cell with votes would need a seat. */
typedef struct ps_biproportion {
    size_t n_parties;
    size_t n_districts;
    int64_t *seats;         /* n_parties * n_districts, party-major */
    int64_t *party_seats;   /* upper apportionment, n_parties */
    int64_t *district_seats;/* copy of the input, n_districts */
    int rounds;             /* alternate-scaling steps used (each step rounds
                               every district, or every party, once; the
                               first district step counts) */
    ps_tie *tie;            /* as in ps_apportionment (upper apportionment) */
    bool lower_tied;        /* the lower apportionment depended on a tie, settled
                               by the policy (ties first or random): another
                               solution meets both margins too */
    size_t n_unguaranteed;  /* winner-take-one: districts where more lists tie
                               for the most votes than the district has seats, */
    size_t *unguaranteed;   /*   so none of them is guaranteed a seat (indices,
                               ascending; NULL when none) */
} ps_biproportion;

/* *out is the caller's; free with ps_biproportion_free().
 * Errors: PS_EINVAL (not an accepted divisor method, sizes 0, negative
 * votes or seats), PS_EDATA (a district
 * where no eligible party has votes but seats are due), PS_ERANGE (no
 * convergence within 1000 rounds, or numbers too large), PS_ETIE, PS_ENOMEM. */
int ps_apportion_biproportional(ps_biproportion **out, const int64_t *votes, size_t n_parties,
                                size_t n_districts, const int64_t *district_seats,
                                const ps_apportion_options *opt, ps_error *err);

void ps_biproportion_free(ps_biproportion *b);

/* Winner-take-one ("Majorzbedingung"): in the lower apportionment the list
 * with the most votes in a district gets at least one seat there. Cells so
 * guaranteed round with a first divisor of 0 (any positive quotient gives a
 * seat), every other cell as usual, so the divisors still decide everything
 * else (Pukelsheim and Schuhmacher, AJP 2011). The strongest list is taken
 * among the lists with upper-apportionment seats; when more lists tie for
 * the most votes than the district has seats, the condition does not apply
 * there (ps_biproportion.unguaranteed). The upper apportionment is not
 * changed: a party that is strongest in more districts than it has seats is
 * an error (PS_EDATA). */
typedef enum ps_winner_take_one {
    PS_WTO_NONE,        /* plain biproportional apportionment */
    PS_WTO_EVERY,       /* every district: Grisons (GRWG art. 28, since 2022) */
    PS_WTO_SINGLE_SEAT  /* districts of one seat only: Schaffhausen (Wahlgesetz,
                           since 2016; Buchberg-Ruedlingen) */
} ps_winner_take_one;

typedef struct ps_biproportional_options {
    ps_winner_take_one winner_take_one;
    bool lower_method_given; /* false: the lower apportionment uses opt->method */
    ps_method lower_method;  /* the lower apportionment's divisor method (d(0) > 0;
                                modified Sainte-Lague takes opt->first_divisor) */
    ps_ratio district_threshold; /* {0, 0}: none. Otherwise (0 < share <= 1) a
                                party with at least this share of one
                                district's votes takes part in the
                                apportionment whatever opt's threshold (as if
                                exempt); without a threshold in opt, only
                                such parties take part: the forms of the Swiss
                                cantons' quorums, "5% of a district's votes"
                                and "5% in a district or 3% overall" (which
                                the R package proporz applies to Zug). */
} ps_biproportional_options;

/* Parses a winner-take-one rule by name, ignoring ASCII case: "none",
 * "every" or "single-seat". Errors: PS_EINVAL, with a message naming them. */
int ps_winner_take_one_parse(ps_winner_take_one *out, const char *name, ps_error *err);

/* Plain: no winner-take-one, the lower method is the upper one, no district
 * threshold. */
void ps_biproportional_options_init(ps_biproportional_options *bopt);

/* ps_apportion_biproportional with the variants above (bopt NULL: plain).
 * With a lower method given, opt->method is the upper apportionment's
 * method and may be any method ps_apportion accepts. Errors as
 * ps_apportion_biproportional, and PS_EDATA when winner-take-one cannot be
 * met (a party strongest in more districts than its seats). */
int ps_apportion_biproportional_with(ps_biproportion **out, const int64_t *votes,
                                     size_t n_parties, size_t n_districts,
                                     const int64_t *district_seats,
                                     const ps_apportion_options *opt,
                                     const ps_biproportional_options *bopt, ps_error *err);

#ifdef __cplusplus
}
#endif

#endif
