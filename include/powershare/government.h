/*
 * powershare/government.h - judging one given government.
 *
 * A government S (a set of the legislature's parties, as in coalition.h)
 * is judged in the chamber's game (the rule) and against the power-sharing
 * condition:
 *
 *   winning       S wins every layer of the game
 *   seats         the weight of S in the game's first layer (the seats);
 *   surplus       seats - the first layer's quota (negative: seats short)
 *   condition     ps_condition_judge's verdict: holds or not, and every
 *                 part S fails, with its reason in words
 *   critical      member i is critical when S wins and S \ {i} loses; a
 *                 member of a winning S that is not critical is surplus. A
 *                 losing S has neither: no member's exit changes anything.
 *   roles         each community of the legislature: absent (no list of it
 *                 in S), for substance (one of its lists in S is critical),
 *                 for show (all its lists in S are surplus, or S loses):
 *                 ps_coalition_role, the notion `coalitions` prints.
 *   power inside  the subgame on S: the players are S's members, a
 *                 sub-coalition T of S wins when T wins in the chamber's
 *                 game. For each member: its swings (the winning T it is
 *                 critical in), the normalised Banzhaf index (swings over
 *                 the sum of all members' swings) and the Shapley-Shubik
 *                 index (the share of the |S|! orders of S in which it
 *                 turns the growing sub-coalition from losing to winning),
 *                 exact fractions from the power stage (power.h) run on the
 *                 subgame; n_winning counts the winning T. Only when S wins
 *                 (a losing S has no winning sub-coalition).
 *   seat share    member seats / S's seats, exact, in lowest terms
 *   post share    member posts / all posts, when posts are given
 *   majority exit the smallest sets X of members (fewest members) such
 *                 that S \ X loses: the first in order (sets compared by
 *                 size, then as sorted lists of party indexes,
 *                 lexicographically), up to PS_GOVERNMENT_EXITS_KEPT of
 *                 them, and how many there are. Only when S wins.
 *   condition exit the smallest sets X such that S \ X fails the
 *                 condition, in the same order. Only when S meets a
 *                 condition that exits can break: one that requires a party
 *                 or a community (excluded parties, incompatible pairs and
 *                 the party limit are only helped by an exit). Otherwise
 *                 none (size 0, count 0).
 *
 * A comparison of power with seats and posts says whether a member's
 * inclusion is real: a member with a share of seats or posts but no swing
 * inside the government is there for show.
 *
 * Thread safety: reentrant; the inputs are only read.
 */
#ifndef POWERSHARE_GOVERNMENT_H
#define POWERSHARE_GOVERNMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "coalition.h"
#include "error.h"
#include "game.h"
#include "legislature.h"
#include "number.h"
#include "power.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Smallest exit sets kept (the count covers all). */
#define PS_GOVERNMENT_EXITS_KEPT 16
/* Most sets of members tried when searching the smallest exits (each a
 * test of the rule or the condition): 2^26, under a second. Beyond,
 * PS_ERANGE. Every government of up to 26 members is within it. */
#define PS_GOVERNMENT_MAX_EXIT_TRIES ((uint64_t)1 << 26)

typedef struct ps_government_member {
    size_t party;         /* index in the legislature */
    int64_t seats;        /* its weight in the first layer */
    ps_ratio seat_share;  /* seats / the government's seats; 0/1 when the
                             government has no seat */
    bool critical;        /* see the top of this file */
    bool surplus;         /* the government wins and it is not critical */
    int64_t posts;        /* -1 when no posts were given */
    ps_ratio post_share;  /* posts / all posts; 0/1 without posts */
    uint64_t swings;      /* winning sub-coalitions it is critical in; 0 when
                             the government loses */
    ps_fraction banzhaf;  /* in the subgame; num and den NULL (value 0)
                             when the government loses */
    ps_fraction shapley_shubik;
} ps_government_member;

/* The smallest sets of members whose exit breaks something. */
typedef struct ps_government_exits {
    bool applies;      /* false: not asked (see the top of this file) */
    size_t size;       /* members in each smallest set; 0 when none */
    uint64_t count;    /* how many sets of that size there are */
    size_t n;          /* kept: min(count, PS_GOVERNMENT_EXITS_KEPT) */
    ps_members sets[PS_GOVERNMENT_EXITS_KEPT]; /* the first n, in order */
} ps_government_exits;

typedef struct ps_government {
    ps_coalition coalition;   /* ps_coalition_describe of S (dimension -1) */
    int64_t quota;            /* the game's first layer's quota */
    ps_condition_verdict verdict; /* ps_condition_judge of S */
    size_t n_communities;     /* the legislature's */
    ps_role *roles;           /* [n_communities] */
    size_t n_members;
    ps_government_member *members; /* [n_members], in the legislature's order */
    bool has_power;           /* the government wins: the subgame's power */
    uint64_t n_winning;       /* winning sub-coalitions of S (S included);
                                 0 when it loses */
    bool has_posts;
    int64_t posts;            /* all posts given (0 without) */
    ps_government_exits majority_exit;
    ps_government_exits condition_exit;
} ps_government;

/* Judges the government `members` (bit i = party i of leg) in game (built
 * from leg: one player per party, one AND group of layers) under cond
 * (NULL: none). posts, when not NULL, holds leg->n_parties counts: each
 * member's posts (non-members must have 0). *out is the caller's, freed
 * with ps_government_free.
 * Errors: PS_EINVAL (NULL game or leg, player counts differ, no member, a
 * member beyond the last party, posts negative, given to a non-member, or
 * all 0), PS_EDATA (a game with "or" groups: the message says that judging
 * a government takes rules without "or"), PS_ERANGE (more than 64 parties;
 * the power stage refuses the subgame; the exit search passes
 * PS_GOVERNMENT_MAX_EXIT_TRIES), PS_ENOMEM. */
int ps_government_evaluate(ps_government **out, const ps_game *game, const ps_legislature *leg,
                           const ps_condition *cond, ps_members members, const int64_t *posts,
                           ps_error *err);

/* Frees a result. NULL-safe. */
void ps_government_free(ps_government *gov);

#ifdef __cplusplus
}
#endif

#endif
