/*
 * coalition_impl.h - what the coalition stage's files share privately.
 *
 * The search works on the players that may join (not excluded), sorted by
 * decreasing weight in the game's first layer, so that a branch and bound
 * reaches the quota early and can stop as soon as it is reached (a
 * coalition that just became winning is the only minimal candidate below
 * its node). Masks passed to visitors use the players' original indices.
 */
#ifndef POWERSHARE_COALITION_IMPL_H
#define POWERSHARE_COALITION_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"
#include "powershare/coalition.h"

typedef struct psi_search {
    const ps_game *game;
    size_t n_players;
    size_t n;              /* players that may join, sorted */
    size_t *player;        /* n: original index of sorted player j */
    size_t L;
    int64_t *w;            /* L * n: w[l * n + j], sorted order */
    int64_t *suffix;       /* L * (n + 1): weight of sorted players j.. */
    ps_members *rest;      /* n + 1: mask of sorted players j.. */
    ps_members required;   /* must be in (upward constraint) */
    size_t n_comm;
    ps_members *comm;      /* required communities' lists (upward) */
    ps_members *conflict;  /* n_players: players incompatible with i */
    size_t max_k;          /* 0: no limit */
    uint64_t budget;       /* nodes left before giving up; 0: no budget */
    bool out_of_budget;
    uint32_t tick;         /* nodes walked, for the cancellation check */
} psi_search;

/* Returns nonzero to stop the search (the value is passed back). */
typedef int (*psi_visit)(void *ctx, ps_members members, const int64_t *sums, size_t k);

/* up: when false, required parties and communities are ignored (used to
 * look for near misses). Errors: PS_ERANGE (> 64 players), PS_ENOMEM. */
int psi_search_init(psi_search *s, const ps_game *game, const ps_condition *cond, bool up,
                    ps_error *err);
void psi_search_free(psi_search *s);

/* Visits every minimal feasible winning coalition / every feasible winning
 * coalition. Returns 0, the visitor's nonzero value, or PS_ECANCELED when
 * the caller's cancellation check stopped the walk (cancel_hook.h). */
int psi_search_minimal(psi_search *s, psi_visit visit, void *ctx);
int psi_search_all(psi_search *s, psi_visit visit, void *ctx);
/* Coalitions meeting every constraint (winning or not) with the most
 * first-layer weight: visits candidates; the visitor returns 0 and the
 * bound is raised through *floor (weights at or below it are pruned). */
int psi_search_heaviest(psi_search *s, psi_visit visit, void *ctx, const int64_t *floor);

/* The error of a search that returned rc < 0: the cancellation, or
 * PS_ENOMEM (a visitor's allocation). */
int psi_search_error(int rc, ps_error *err);

/* Layer sums of a coalition (L entries). */
void psi_game_sums(const ps_game *g, ps_members m, int64_t *sums);
bool psi_sums_win(const ps_game *g, const int64_t *sums);
/* Members whose exit makes the coalition lose the game. */
ps_members psi_critical(const ps_game *g, ps_members m, const int64_t *sums);
/* Holds the condition's required parties and communities (true for NULL). */
bool psi_up_holds(const ps_condition *cond, ps_members m);
/* Wins the game and holds the condition's required parties and communities. */
bool psi_up_wins(const ps_game *g, const ps_condition *cond, ps_members m, const int64_t *sums);
/* No member can leave with psi_up_wins still true. */
bool psi_is_minimal(const ps_game *g, const ps_condition *cond, ps_members m,
                    const int64_t *sums);

static inline size_t psi_popcount(ps_members m)
{
    return (size_t)__builtin_popcountll(m);
}

/* Positions on the chosen dimension and first-layer weights, for the
 * theories that need them (coalition_theory.c). */
typedef struct psi_geo {
    const ps_game *game;
    const ps_condition *cond;
    long dim;           /* -1: none */
    size_t n;
    double *pos;        /* n: NAN for players without seats */
    ps_members median;  /* the median party (or two) */
    ps_members largest;
} psi_geo;

/* Errors: PS_EDATA (a party with seats has no position: the message names
 * them; dim out of range), PS_ENOMEM. */
int psi_geo_init(psi_geo *g, const ps_game *game, const ps_legislature *leg,
                 const ps_condition *cond, long dim, ps_error *err);
void psi_geo_free(psi_geo *g);
/* Range and seat-weighted variance of a coalition's positions (NAN without
 * a dimension). */
void psi_geo_spread(const psi_geo *g, ps_members m, double *range, double *variance);
/* Minimal connected winning (Axelrod). */
bool psi_geo_mcw(const psi_geo *g, ps_members m, const int64_t *sums);
/* Every feasible minimal connected winning coalition, appended to *masks
 * (a psi_realloc'd array of *n, capacity *cap). Errors: PS_ERANGE (more
 * than 16 parties at one position), PS_ENOMEM. */
int psi_geo_connected(const psi_geo *g, ps_members **masks, size_t *n, size_t *cap,
                      uint64_t *count, ps_error *err);
/* ps_coalition_describe with the geometry already prepared; sums has room
 * for the game's layers. */
void psi_describe(ps_coalition *out, const psi_geo *g, ps_members members, int64_t *sums);
/* Appends a mask to a growable array. */
int psi_masks_push(ps_members **masks, size_t *n, size_t *cap, ps_members m);

/* The "ids" of a legislature in one line, for messages ("a, b, c"). */
void psi_list_ids(char *buf, size_t size, const ps_legislature *leg, bool communities);

#endif
