/*
 * powershare/game.h - which coalitions win: a decision rule as a monotone
 * simple game.
 *
 * A game has n players (parties, lists, member states) and L >= 1 weighted
 * layers. Layer l gives player i the weight w[l][i] >= 0 and has a quota
 * q[l] > 0; a coalition S wins iff, for every layer, the sum of the weights of
 * its members reaches the quota:  sum_{i in S} w[l][i] >= q[l]  for all l.
 * Such a game (a "vector-weighted" game, the intersection of weighted games)
 * is monotone: adding a member never makes a winning coalition lose. Every
 * condition of a decision rule compiles to one more layer:
 *
 *   quota of seats              weights = seats,            quota = q
 *   minimum number of parties   weights = 1 for each party, quota = k
 *   veto player v               weights = 1 for v, 0 else,   quota = 1
 *   concurrent consent of a     weights = seats of its lists (0 for the
 *   community (its own majority)  others), quota = floor(its seats / 2) + 1
 *   presence of a community     weights = 1 for its lists,  quota = 1
 *
 * Constraints that are not monotone ("X never sits with Y") are feasibility
 * rules of the coalition stage, never layers of a game.
 *
 * "Or": a game may also be a disjunction of AND groups of layers (disjunctive
 * normal form, to which every and/or tree of weighted games flattens: Taylor
 * & Zwicker, "Simple Games", 1999, on unions and intersections of weighted
 * games). The layers are stored in order, each group a consecutive run of
 * them, and S wins iff, for at least one group, S meets every layer of that
 * group. The EU Council's qualified majority (TEU art. 16(4)) is such a game:
 * (15 of 27 members AND 65% of the population) OR (24 of 27 members). A game
 * of one group (n_groups 0 or 1) is the plain intersection above; every
 * game built without ps_game_add_group() is one. A union of monotone games is
 * monotone, and every group is a valid intersection, so the empty coalition
 * still loses and the grand coalition still wins.
 *
 * Code that reads weights and quotas directly must either honour the groups
 * (ps_game_sums_win() says whether the layer sums of a coalition win) or
 * refuse a game with several groups (ps_game_require_and()).
 *
 * Validity, checked whenever a layer is added: weights are >= 0 (a zero
 * weight makes a dummy in that layer, which is allowed), the total weight of
 * a layer fits in int64_t, its quota is > 0 (otherwise the empty coalition
 * would win) and at most the layer's total weight (otherwise nobody could
 * ever win). Hence in every valid game the empty coalition loses and the
 * grand coalition wins.
 *
 * Thread safety: all functions are reentrant; a game may be read (is_winning,
 * the power stage) from several threads at once once it is built.
 */
#ifndef POWERSHARE_GAME_H
#define POWERSHARE_GAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "legislature.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ps_game {
    size_t n_players;
    size_t n_layers;
    int64_t *weights; /* n_layers * n_players: weights[l * n_players + i] */
    int64_t *quotas;  /* n_layers */
    int64_t *totals;  /* n_layers: the sum of each layer's weights */
    size_t n_groups;      /* 0 or 1: all layers form one AND group; k >= 2: an OR of
                             k AND groups */
    size_t *group_start;  /* [n_groups] when n_groups >= 2: the first layer of each
                             group (group_start[0] == 0, increasing); group g ends
                             where group g + 1 starts, the last at n_layers */
} ps_game;

/* The most AND groups a game may have. */
#define PS_GAME_MAX_GROUPS 64

/* A game with n_players >= 1 players and no layer yet (add at least one
 * before computing power). Free it with ps_game_free().
 * Errors: PS_EINVAL (n_players == 0), PS_ENOMEM. */
int ps_game_new(ps_game **out, size_t n_players, ps_error *err);

/* Frees a game. NULL-safe. */
void ps_game_free(ps_game *game);

/* Deep copy. Errors: PS_ENOMEM. */
int ps_game_copy(ps_game **out, const ps_game *game, ps_error *err);

/* Adds a layer with these n_players weights and this quota (see the validity
 * rules above). The weights are copied.
 * Errors: PS_EINVAL (NULL arguments, a negative weight), PS_ERANGE (the total
 * weight overflows int64_t), PS_EDATA (quota <= 0, or above the total weight;
 * the message gives both numbers), PS_ENOMEM. On error the game is unchanged. */
int ps_game_add_layer(ps_game *game, const int64_t *weights, int64_t quota, ps_error *err);

/* The usual weighted game [quota; w_1, ..., w_n] as a one-layer game.
 * Errors: as ps_game_new and ps_game_add_layer. */
int ps_game_from_weights(ps_game **out, const int64_t *weights, size_t n_players,
                         int64_t quota, ps_error *err);

/* Parses a quota typed by a person, relative to a total weight `total` > 0:
 *   "majority"  more than half: floor(total / 2) + 1
 *   "unanimity" all of it: total
 *   "2/3", "0.6", "60%"  at least that share: ceil(share * total), computed
 *              exactly with integers (2/3 of 328 is 219, of 300 is 200);
 *              the share must be in (0, 1] (a "%" or "/" or "." marks a
 *              share; "1/1" and "100%" are unanimity)
 *   "165"      an absolute weight (digits only), taken as is
 * The result is not checked against the total here; ps_game_add_layer does.
 * Errors: PS_EINVAL (malformed text, a share of 0 or above 1, total <= 0),
 * PS_ERANGE (does not fit 64 bits). */
int ps_quota_parse(int64_t *out, const char *text, int64_t total, ps_error *err);

/* Minimum number of parties: adds the layer (1, 1, ..., 1; k).
 * Errors: PS_EDATA (k < 1 or k > n_players), PS_ENOMEM. */
int ps_game_add_min_players(ps_game *game, int64_t k, ps_error *err);

/* Veto: adds the layer (0, ..., 1 at player, ..., 0; 1), so that no coalition
 * without that player wins. Errors: PS_EINVAL (player out of range),
 * PS_ENOMEM. */
int ps_game_add_veto(ps_game *game, size_t player, ps_error *err);

/* Concurrent consent of a group (a community): the coalition must hold a
 * majority of the group's own weight. Adds the layer with weight[i] for the
 * members (member[i] true) and 0 for the others, quota floor(group total / 2)
 * + 1. Errors: PS_EINVAL (NULL arguments, negative weight), PS_EDATA (the
 * group has no weight: an empty community cannot consent), PS_ENOMEM. */
int ps_game_add_consent(ps_game *game, const int64_t *weights, const bool *member,
                        ps_error *err);

/* Presence of a group: at least one member must be in the coalition. Adds the
 * layer with 1 for the members, 0 for the others, quota 1.
 * Errors: PS_EINVAL (NULL), PS_EDATA (no member), PS_ENOMEM. */
int ps_game_add_presence(ps_game *game, const bool *member, ps_error *err);

/* A one-layer game from a legislature: the players are its parties in order,
 * the weights their seats, the quota `quota` (ps_quota_parse syntax; NULL
 * means "majority") relative to all seats of the chamber (total_seats), or,
 * with of_present, to the seats that are filled (total_seats - vacant_seats).
 * Seats held by nobody in the list (unattributed) count in the base but belong
 * to no player, so a quota may be out of reach: PS_EDATA says so.
 * Errors: PS_EDATA (a party with unknown seats, unknown total, quota out of
 * reach), PS_EINVAL (bad quota text), PS_ENOMEM. */
int ps_game_from_legislature(ps_game **out, const ps_legislature *leg, const char *quota,
                             bool of_present, ps_error *err);

/* Adds concurrent-consent (consent true) or presence layers for the community
 * with this id of the legislature the game was built from (players = its
 * parties, in order; the consent weights are their seats).
 * Errors: PS_EDATA (no such community, no seats in it, player count differs
 * from the legislature's party count), PS_ENOMEM. */
int ps_game_add_community(ps_game *game, const ps_legislature *leg, const char *community,
                          bool consent, ps_error *err);

/* True iff the coalition wins: member[i] says whether player i is in it.
 * Honours the OR of groups. */
bool ps_game_is_winning(const ps_game *game, const bool *member);

/* True iff a coalition whose weight in layer l is sums[l] (for every layer)
 * wins: some group has every layer's sum at or above its quota. */
bool ps_game_sums_win(const ps_game *game, const int64_t *sums);

/* The number of AND groups: 1 for a plain game. */
size_t ps_game_group_count(const ps_game *game);

/* The layers [*first, *end) of group g (g < ps_game_group_count()). */
void ps_game_group_range(const ps_game *game, size_t g, size_t *first, size_t *end);

/* Closes the current AND group and opens a new one: layers added afterwards
 * form an alternative ("or") to those before. The current group must have a
 * layer. Errors: PS_EINVAL (NULL game, the current group has no layer yet),
 * PS_ERANGE (PS_GAME_MAX_GROUPS groups already), PS_ENOMEM. */
int ps_game_add_group(ps_game *game, ps_error *err);

/* The conjunction of a and b (same players): S wins iff it wins in both.
 * The groups of the result are the pairwise unions of a's and b's groups
 * (a game of no layer counts as "always", so a AND an empty game is a).
 * Errors: PS_EINVAL (different player counts), PS_ERANGE (more than
 * PS_GAME_MAX_GROUPS groups), PS_ENOMEM. */
int ps_game_and(ps_game **out, const ps_game *a, const ps_game *b, ps_error *err);

/* The disjunction of a and b (same players, each with at least one layer):
 * the groups of a followed by those of b.
 * Errors: PS_EINVAL (different player counts, a game without layers),
 * PS_ERANGE (more than PS_GAME_MAX_GROUPS groups), PS_ENOMEM. */
int ps_game_or(ps_game **out, const ps_game *a, const ps_game *b, ps_error *err);

/* The plain game (one AND group) of the groups whose bits are set in
 * `groups` (bit g for group g, g < 64): S wins iff it wins in each of them.
 * A layer repeated in several groups is kept once, and of layers with the
 * same weights only the one with the highest quota (it implies the others).
 * Errors: PS_EINVAL (no group selected, a bit past the last group),
 * PS_ENOMEM. */
int ps_game_conjunction(ps_game **out, const ps_game *game, uint64_t groups, ps_error *err);

/* PS_OK for a game of one AND group; for an OR game, PS_EDATA with a message
 * naming `what` (e.g. "coalition search") and saying that it takes rules
 * without "or". */
int ps_game_require_and(const ps_game *game, const char *what, ps_error *err);

#ifdef __cplusplus
}
#endif

#endif
