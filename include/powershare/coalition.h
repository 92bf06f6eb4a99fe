/*
 * powershare/coalition.h - which governments are possible.
 *
 * Players are the parties of a legislature in order (a ps_game built with
 * ps_game_from_legislature and possibly more layers); unattributed seats
 * belong to no player and so never join. A coalition is a set of players,
 * held as a bit mask (bit i = player i): at most PS_COALITION_MAX_PLAYERS
 * players and communities.
 *
 * Feasibility (a ps_condition) is not part of the game: required parties,
 * excluded parties, incompatible pairs, required communities (at least one
 * list of each) and a maximum number of parties. A coalition is "feasible"
 * when it meets all of them, "winning" when it wins every layer of the game.
 *
 * Minimal: a feasible winning coalition is minimal when no member can leave
 * with the rest still winning and still holding the required parties and
 * communities (excluded parties, incompatible pairs and the party limit can
 * only be helped by a departure). Without a condition this is the classic
 * minimal winning coalition: every member is needed.
 *
 * Critical: member i of S is critical when S \ {i} loses the game (the
 * condition plays no part); otherwise surplus. A community is in S "for
 * substance" when at least one of its lists in S is critical, "for show"
 * when all its lists in S are surplus, absent when it has none there.
 *
 * Theories (each a ranking of the minimal coalitions, or for Axelrod of the
 * minimal connected winning ones; rank 1 is the theory's prediction; ties
 * share a rank, competition style 1, 1, 3):
 *   minimal     every minimal coalition, all rank 1 (von Neumann-Morgenstern;
 *               Riker 1962); listed by seats
 *   minimum     fewest seats (Riker 1962, size principle)
 *   bargaining  fewest parties (Leiserson 1968, bargaining proposition)
 *   connected   minimal connected winning (Axelrod 1970) on a dimension:
 *               winning, no party with a seat strictly between its leftmost
 *               and rightmost member is missing, and the departure of any
 *               member at either end makes it lose; all rank 1. Not
 *               necessarily minimal: inner members may be surplus.
 *   range       smallest distance between the leftmost and rightmost member
 *               (Leiserson 1966, minimal range)
 *   distance    smallest seat-weighted variance of the members' positions
 *               (de Swaan 1973, minimal policy distance, in its variance
 *               form)
 * Each coalition also says whether it holds the median party (the party of
 * the median legislator on the dimension; with an even seat total both
 * parties at the middle can qualify) and the largest party.
 *
 * Sources: W. Riker, The Theory of Political Coalitions (1962); M.
 * Leiserson, Coalitions in Politics (1966) and "Factions and coalitions in
 * one-party Japan" (1968); R. Axelrod, Conflict of Interest (1970); A. de
 * Swaan, Coalition Theories and Cabinet Formations (1973); M. Laver and N.
 * Schofield, Multiparty Government (1990), ch. 5.
 *
 * Thread safety: all functions are reentrant; inputs are only read.
 */
#ifndef POWERSHARE_COALITION_H
#define POWERSHARE_COALITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "document.h"
#include "error.h"
#include "game.h"
#include "legislature.h"
#include "share.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PS_COALITION_MAX_PLAYERS 64
/* Most coalitions kept in memory unless the options say otherwise. */
#define PS_COALITION_DEFAULT_LIMIT 200000
/* Search budget: 5e8 nodes, about 20 s of one core per pass (Iraq 2014,
 * 30 lists and 5.4 million minimal winning coalitions, needs 2.1e7). */
#define PS_COALITION_DEFAULT_NODES 500000000u
/* With a top K, coalitions tied at the last kept rank are kept up to K +
 * this many per theory (the rest are counted in n_best, and the list says
 * truncated). */
#define PS_COALITION_TIES_KEPT 1000

/* A set of players: bit i = player i. */
typedef uint64_t ps_members;

#define PS_MEMBER(i) ((ps_members)1 << (i))

/* ---- the power-sharing condition (feasibility) ------------------------- */

typedef struct ps_condition {
    char *name;             /* the condition's name, or NULL */
    bool declared;          /* read from a file's "condition" section */
    size_t n_players;       /* the legislature's parties */
    size_t n_communities;   /* the legislature's communities */
    ps_members required;    /* these must all be in */
    ps_members excluded;    /* these never join */
    size_t n_incompatible;
    ps_members *incompatible;   /* n_incompatible masks of two players */
    ps_members communities_required; /* bit c: community c must have a list in */
    ps_members *community_lists;     /* n_communities masks: each community's lists */
    int64_t max_parties;    /* 0: no limit */
    bool inclusive;         /* the chamber has a convention of inclusive
                               government ("convention": "inclusive"): not
                               a constraint on coalitions, a fact the
                               formation model uses (predict.h) */
} ps_condition;

/* An empty condition (no constraint) for this legislature.
 * Errors: PS_ERANGE (more than 64 parties or communities), PS_ENOMEM. */
int ps_condition_new(ps_condition **out, const ps_legislature *leg, ps_error *err);
void ps_condition_free(ps_condition *cond);
int ps_condition_copy(ps_condition **out, const ps_condition *cond, ps_error *err);

/* Constraints by id. Errors: PS_EDATA (an id the legislature does not have;
 * the message lists the ids it has), PS_ENOMEM. Adding the same constraint
 * twice is harmless. incompatible with a == b is PS_EDATA. */
int ps_condition_require(ps_condition *cond, const ps_legislature *leg, const char *party,
                         ps_error *err);
int ps_condition_exclude(ps_condition *cond, const ps_legislature *leg, const char *party,
                         ps_error *err);
int ps_condition_incompatible(ps_condition *cond, const ps_legislature *leg, const char *a,
                              const char *b, ps_error *err);
int ps_condition_include_community(ps_condition *cond, const ps_legislature *leg,
                                   const char *community, ps_error *err);

/* Contradictions that make the condition impossible whatever the seats: a
 * party both required and excluded, two required parties that are
 * incompatible, more required parties than max_parties, a required
 * community whose lists are all excluded. PS_EDATA says which. */
int ps_condition_check(const ps_condition *cond, const ps_legislature *leg, ps_error *err);

/* True iff the coalition meets every constraint: the verdict of
 * ps_condition_judge (below), without its texts. A NULL condition is met. */
bool ps_condition_meets(const ps_condition *cond, ps_members members);

/* True when the condition has any part (a required or excluded party, an
 * incompatible pair, a required community, a party limit); false for NULL
 * and for an empty condition, which every coalition meets trivially. */
bool ps_condition_constrains(const ps_condition *cond);

/* ---- judging one coalition against the condition ----------------------
 *
 * The one place that decides whether a coalition meets a condition, and
 * why not: ps_condition_meets, the coalition search's descriptions, the
 * command line's printers and the server's API all use it, so a
 * condition's every part (required and excluded parties, incompatible
 * pairs, required communities, the party limit) is judged the same way
 * everywhere. */

/* The parts of a condition, in the order a verdict lists its failures. */
typedef enum ps_condition_part {
    PS_CONDITION_REQUIRE,      /* required parties */
    PS_CONDITION_EXCLUDE,      /* excluded parties */
    PS_CONDITION_INCOMPATIBLE, /* incompatible pairs */
    PS_CONDITION_COMMUNITIES,  /* required communities */
    PS_CONDITION_MAX_PARTIES,  /* the party limit */
    PS_CONDITION_PART_COUNT
} ps_condition_part;

/* "require", "exclude", "incompatible", "include_communities",
 * "max_parties": the keys of a file's "condition" section; "unknown" for
 * a value out of range. */
const char *ps_condition_part_name(ps_condition_part part);

/* Room for one reason or one part's text, with its terminating NUL; a
 * longer text is cut at a character boundary and ends in "...". */
#define PS_CONDITION_TEXT_BYTES 320

/* One part of the condition that a coalition fails. */
typedef struct ps_condition_failure {
    ps_condition_part part;
    ps_members parties;     /* REQUIRE: the required parties missing;
                               EXCLUDE: the excluded parties in it;
                               INCOMPATIBLE: the members of the pairs broken;
                               MAX_PARTIES: the coalition's members */
    ps_members communities; /* COMMUNITIES: bit c for each required
                               community without a list in it; else 0 */
    size_t n_pairs;         /* INCOMPATIBLE: pairs with both members in */
    char reason[PS_CONDITION_TEXT_BYTES];
    /* in words, with the legislature's names (a party or community without
     * a name by its id): "lacks SPD" (required), "excludes AfD", "rules out CDU/CSU
     * with AfD", "lacks a Kurdish list", "has 5 lists, at most 4"; several
     * parties or communities of one part go into one reason ("excludes AfD
     * and Die Linke", "lacks a Sunni and a Kurdish list"). Empty when
     * judged without a legislature. */
} ps_condition_failure;

typedef struct ps_condition_verdict {
    bool constrains;   /* ps_condition_constrains(cond) */
    bool holds;        /* the coalition meets every part (true when the
                          condition constrains nothing) */
    size_t n_parties;  /* members of the coalition */
    size_t n_failed;   /* failed parts, at most one per part */
    ps_condition_failure failed[PS_CONDITION_PART_COUNT]; /* in part order */
} ps_condition_verdict;

/* Judges the coalition `members` (bit i = party i of the condition's
 * legislature) against every part of cond (NULL: no condition, which
 * holds). leg, when not NULL, is the legislature the condition was made
 * for: its names go into the reasons; with NULL the reasons are empty
 * (the verdict is the same). Seats and winning play no part: the game
 * decides those (ps_coalition_describe). Never fails; reentrant; writes
 * only *out. */
void ps_condition_judge(ps_condition_verdict *out, const ps_condition *cond,
                        const ps_legislature *leg, ps_members members);

/* One declared part of the condition in words, for reports and pages:
 * "requires SPD", "excludes AfD", "rules out CDU/CSU with AfD", "a list of
 * each of Shia, Sunni and Kurdish", "at most 4 lists". Writes into buf
 * (size bytes, at least 4; cut at a character boundary with "..." when
 * longer) and returns true; returns false with buf empty when the
 * condition does not declare that part. Reentrant. */
bool ps_condition_part_text(char *buf, size_t size, const ps_condition *cond,
                            const ps_legislature *leg, ps_condition_part part);

/* Reads the "condition" section of a document (document.h), for its
 * legislature:
 *   {"name": "...", "include_communities": ["shia", ...], "require": [ids],
 *    "exclude": [ids], "incompatible": [["a", "b"], ...], "max_parties": k}
 * every key optional, unknown keys refused. *out is always a condition
 * (empty, declared false, when the file has no such section or is CSV).
 * Errors: PS_EDATA with the file, line and column of the
 * faulty value (unknown ids, wrong types), PS_ENOMEM. Does not run
 * ps_condition_check. */
int ps_condition_from_document(ps_condition **out, const ps_document *doc, ps_error *err);

/* ---- coalitions -------------------------------------------------------- */

typedef enum ps_theory {
    PS_THEORY_MINIMAL,
    PS_THEORY_MINIMUM,
    PS_THEORY_BARGAINING,
    PS_THEORY_CONNECTED,
    PS_THEORY_RANGE,
    PS_THEORY_DISTANCE,
    PS_THEORY_COUNT
} ps_theory;

/* "minimal", "minimum", ... and back. parse: PS_EINVAL for unknown text. */
const char *ps_theory_name(ps_theory t);
/* A short description: "fewest seats (Riker)". */
const char *ps_theory_title(ps_theory t);
int ps_theory_parse(ps_theory *out, const char *text, ps_error *err);
/* Whether the theory needs a policy dimension (connected, range, distance). */
bool ps_theory_needs_dimension(ps_theory t);

typedef enum ps_role {
    PS_ROLE_ABSENT,
    PS_ROLE_SHOW,
    PS_ROLE_SUBSTANCE
} ps_role;

const char *ps_role_name(ps_role r); /* "absent", "show", "substance" */

typedef struct ps_coalition {
    ps_members members;
    size_t n_members;
    int64_t seats;         /* weight in the game's first layer (seats) */
    int64_t surplus;       /* seats - the first layer's quota */
    ps_members critical;   /* members whose exit makes it lose the game */
    bool winning;          /* wins every layer */
    bool feasible;         /* meets the condition */
    bool minimal;          /* see the top of this file */
    bool connected;        /* minimal connected winning (Axelrod) */
    bool has_median;       /* holds a median party (false without dimension) */
    bool has_largest;      /* holds a largest party */
    double range;          /* max - min position; NAN without dimension */
    double variance;       /* seat-weighted variance of positions; NAN */
} ps_coalition;

/* The role of community c (an index into the legislature's) in a coalition. */
ps_role ps_coalition_role(const ps_coalition *c, const ps_condition *cond, size_t community);

typedef struct ps_coalition_options {
    const ps_condition *condition; /* NULL: no constraint */
    long dimension;     /* policy dimension index for connected, range,
                           distance and the median party; -1: none */
    bool all;           /* keep every feasible winning coalition (not only the
                           minimal ones); refused above limit */
    size_t top;         /* keep, for each theory, the coalitions of ranks 1..top
                           (ties at the last rank up to top +
                           PS_COALITION_TIES_KEPT, within limit); minimal,
                           where all rank 1, keeps the top with the fewest
                           seats and their ties in seats; connected keeps
                           all (they are few). A theory's list holds exactly
                           what was kept: printers show all of it.
                           0: keep every minimal coalition (refused above
                           limit) */
    size_t limit;       /* most coalitions kept; 0: PS_COALITION_DEFAULT_LIMIT */
    uint64_t max_nodes; /* most nodes of one pass of the search (about 40 ns
                           each); 0: PS_COALITION_DEFAULT_NODES. A pass of
                           more nodes is refused however many threads and
                           processes share it */
    unsigned threads;   /* threads sharing each pass of the search (0 or 1:
                           one; at most 64) */
    const ps_share *share; /* NULL: this process alone. Else the processes
                           of the share (share.h), every one making the
                           same call on the same input, split each pass */
} ps_coalition_options;
/* With threads and a share, each pass of the search is split among the W
 * threads of all the processes (their numbers may differ from process to
 * process): all walk the top of the search tree, and each walks below the
 * nodes at a fixed depth that are its own (one in W, round robin), keeping
 * what it finds; the parts are then put together (counts added up, the
 * best scores merged, kept coalitions re-read in the order of one walk),
 * so that the result, a refusal and its message included, is the same as
 * that of one thread alone, whatever the threads and processes. The near
 * misses (when nothing meets the condition) and the connected theory's
 * coalitions are found by one thread (their searches are small). */

void ps_coalition_options_init(ps_coalition_options *opt); /* no condition, -1, top 0 */

/* One theory's ranked list: indexes into set->items, best first. */
typedef struct ps_theory_list {
    bool available;     /* false: needs a dimension that was not given */
    size_t n;
    size_t *index;      /* n entries into items */
    size_t *rank;       /* n competition ranks (1, 1, 3, ...) */
    double *score;      /* n: seats, parties, range, variance, or 0 */
    uint64_t n_candidates; /* coalitions the theory ranks (all, not only kept) */
    uint64_t n_best;    /* how many share rank 1: the prediction set's size */
    bool truncated;     /* ties at the last kept rank go on beyond the limit */
} ps_theory_list;

/* A coalition close to meeting a condition that nothing can meet. */
typedef struct ps_near_miss {
    ps_members members;
    int64_t seats;
    int64_t seats_short;        /* seats - quota when < 0, as a positive number; 0 */
    ps_members missing_required;    /* required parties not in it */
    ps_members missing_communities; /* required communities absent (bit c) */
    bool loses_other_layer;     /* enough seats but another layer of the rule fails */
    bool breaks_limits;         /* excluded / incompatible / too many parties */
} ps_near_miss;

typedef struct ps_coalition_set {
    size_t n_players;
    int64_t quota;           /* the first layer's quota */
    long dimension;
    ps_members median;       /* the median party (or the two), 0 without dimension */
    ps_members largest;      /* the largest party (or those tied) */
    uint64_t n_minimal;      /* minimal feasible winning coalitions, all counted */
    uint64_t n_all;          /* feasible winning coalitions, when opt.all; else 0 */
    uint64_t n_connected;    /* minimal connected winning, feasible ones */
    size_t n;
    ps_coalition *items;     /* what was kept, by seats then members */
    ps_theory_list theories[PS_THEORY_COUNT];
    size_t n_near;           /* when no coalition meets the condition */
    ps_near_miss *near;
} ps_coalition_set;

/* Enumerates the feasible winning coalitions of the game (players = the
 * parties of leg), by branch and bound in decreasing seat order, pruning
 * branches that cannot reach a layer's quota with the seats still
 * undecided, or that already break an exclusion, an incompatibility or the
 * party limit. Counts every minimal one, keeps what the options ask, ranks
 * them by each theory. When none meets the condition, n_near holds up to
 * three coalitions that come closest of each kind (most seats while meeting
 * the condition; winning while missing the fewest requirements).
 * Errors: PS_EINVAL (NULL, player count differs from leg), PS_ERANGE (more
 * than 64 players; more coalitions to keep than limit: the message gives
 * the count and suggests --top, --max-parties, --require or --exclude; a
 * search pass beyond max_nodes, as with dozens of tiny parties whose
 * minimal winning coalitions run to 10^18: the message says so),
 * PS_EDATA (a party with seats lacks a position on the dimension: the
 * message names them; an invalid dimension index), PS_EINVAL (a share of
 * several processes without a sum or with a rank beyond its size), PS_EIO
 * (the share's sum failed), PS_ECANCELED (cancel.h), PS_ENOMEM. */
int ps_coalitions_find(ps_coalition_set **out, const ps_game *game, const ps_legislature *leg,
                       const ps_coalition_options *opt, ps_error *err);
void ps_coalition_set_free(ps_coalition_set *set);

/* Counts the minimal feasible winning coalitions (or, with all, every
 * feasible winning coalition) without keeping them. Stops at `stop` (0: no
 * stop) and then returns that count with *stopped set (stopped may be
 * NULL). One thread, no node budget. Errors as above. */
int ps_coalitions_count(uint64_t *out, bool *stopped, const ps_game *game,
                        const ps_condition *cond, bool all, uint64_t stop, ps_error *err);
/* The same count with options (NULL: the defaults): opt->condition,
 * opt->all, opt->threads, opt->share and opt->max_nodes (UINT64_MAX: no
 * budget) play their parts; the other options none. A count is refused
 * (PS_ERANGE) when the search needs more than max_nodes nodes before it
 * ends or finds its stop-th coalition, as one thread alone would be,
 * whatever the threads and processes. Errors also: PS_EINVAL (a bad share), PS_EIO (the share's
 * sum failed), PS_ECANCELED, PS_ENOMEM. */
int ps_coalitions_count_with(uint64_t *out, bool *stopped, const ps_game *game,
                             const ps_coalition_options *opt, uint64_t stop, ps_error *err);

/* Describes one given coalition (members as a mask) in the game: seats,
 * surplus, critical members, winning, feasible, minimal, connected, median,
 * largest, range, variance (dimension -1: none). Used for actual cabinets
 * and for what-if comparisons. Errors: PS_EINVAL, PS_ERANGE, PS_EDATA
 * (missing positions), PS_ENOMEM. */
int ps_coalition_describe(ps_coalition *out, const ps_game *game, const ps_legislature *leg,
                          const ps_condition *cond, long dimension, ps_members members,
                          ps_error *err);

/* Members as "id + id + id" (ids of leg), surplus members in brackets when
 * mark_surplus. *out is the caller's (ps_free). Errors: PS_ENOMEM. */
int ps_coalition_format(char **out, const ps_coalition *c, const ps_legislature *leg,
                        bool mark_surplus, ps_error *err);

#ifdef __cplusplus
}
#endif

#endif
