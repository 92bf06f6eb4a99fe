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

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "jobs.h"
#include "shared.h"
#include "util.h"
#include "powershare/coalition.h"

typedef struct psi_split psi_split;

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
    uint64_t budget_set;   /* budget when the walk began (psi_search_nodes) */
    psi_split *split;      /* NULL: the whole tree; else one worker's part */
    uint64_t task;         /* with split: the task being walked (for visitors) */
} psi_search;

/* The nodes counted against the budget since it was set to budget_set, the
 * one that ran out included (0 without a budget). */
static inline uint64_t psi_search_nodes(const psi_search *s)
{
    return s->budget ? s->budget_set - s->budget + s->out_of_budget : 0;
}

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

/* ---- a walk split among workers (coalition_search.c) -------------------
 *
 * W workers walk the same top of the tree, the nodes above `depth`; a task
 * is each node at `depth` and each visit above it, numbered in the order of
 * the whole walk (the same numbers in every worker), and a worker walks
 * below a node at `depth`, or visits above it, only for its own tasks: task
 * t is worker (t + floor(t / W)) mod W's (round robin, shifted by one each
 * round). Each worker's visits are then those of the whole walk that fall
 * in its tasks, in the whole walk's order. Nodes above `depth` count
 * (spend the budget, add to nodes) in the worker with counts_top alone, so
 * that the nodes counted by all workers add up to those of the whole walk.
 * A worker whose budget runs out stops. */

/* One task a worker walked: the nodes above the depth walked before it
 * (with its own node for a visit above the depth), the nodes it counted
 * (0 for a visit above the depth) and its visits. */
typedef struct psi_task {
    uint64_t task, top, nodes, visits;
} psi_task;

struct psi_split {
    size_t depth;          /* nodes at this depth are tasks; at most n */
    uint64_t workers;      /* W >= 1 */
    uint64_t index;        /* this worker in [0, W), or the task with only */
    bool only;             /* walk task `index` alone, then stop (returns 1) */
    bool counts_top;       /* the nodes above depth count here */
    bool reports;          /* progress reports come from this worker */
    uint64_t stop;         /* return 1 after this many visits; 0: never */
    uint64_t tasks;        /* tasks met so far */
    uint64_t top;          /* nodes above depth walked so far */
    uint64_t visits;       /* visits made */
    psi_task *rec;         /* the tasks walked, in order (psi_realloc'd) */
    size_t n_rec, cap_rec;
};

/* The error of a search that returned rc < 0: the cancellation, or
 * PS_ENOMEM (a visitor's allocation). */
int psi_search_error(int rc, ps_error *err);

/* ---- one pass shared by threads and processes (coalition_pass.c) -------
 *
 * A search pass split among the W workers of all processes (the threads of
 * each of the processes of share, numbered process by process: thread t of
 * a process whose predecessors have F threads is worker F + t), each with
 * its copy of one prepared psi_search (team[t] = the search, same arrays)
 * and its visitor context ctx[t]. The outcome is decided as one walk of the
 * whole tree would decide it, whatever W: */
typedef struct psi_pass {
    bool all;              /* every feasible winning coalition, not the minimal ones */
    psi_visit visit;       /* returns 0, or < 0 for an error */
    void **ctx;            /* `threads` contexts */
    psi_search *const *team; /* `threads` copies of one psi_search, each
                              on lines of its own (PSI_LINE) */
    size_t threads;        /* >= 1, at most PSI_MAX_JOBS */
    const ps_share *share; /* NULL: alone */
    uint64_t max_nodes;    /* refuse a walk of more nodes; 0 or UINT64_MAX:
                              no budget */
    uint64_t stop;         /* the walk stops at this visit; 0: never */
} psi_pass;

typedef struct psi_pass_result {
    uint64_t visits;       /* of the whole walk, up to its stop or its budget */
    bool stopped;          /* the walk reached its stop-th visit within the budget */
    bool refused;          /* it ran out of budget first: visits is then the
                              count found before */
} psi_pass_result;

/* What each thread writes as it walks lies on cache lines of its own
 * (_Alignas(PSI_LINE) in arrays of per-thread state): shared lines made two
 * threads slower than one. */
#define PSI_LINE 64

/* Runs the pass. Each worker stops at `stop` visits or max_nodes nodes of
 * its own (its visitor's state is then partial); every process gets the
 * same *out. Errors: PS_EINVAL (a bad share), PS_EIO (the exchange),
 * PS_ECANCELED, PS_ENOMEM (a visitor's or the walk's). */
int psi_pass_run(psi_pass_result *out, const psi_pass *p, ps_error *err);
/* The threads of a pass for an option's count (0 or 1: one; at most
 * PSI_MAX_JOBS). */
size_t psi_pass_threads(unsigned threads);

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

/* When no coalition meets the condition: set->near (coalition_near.c).
 * Errors: PS_ECANCELED, PS_ENOMEM. */
int psi_find_near(ps_coalition_set *set, const ps_game *game, const ps_condition *cond,
                  ps_error *err);

/* ---- what ps_coalitions_find's passes gather (coalition_merge.c) -------- */

/* A theory's score of a coalition: seats (minimal, minimum), parties
 * (bargaining), range, variance; 0 for connected. (Inline: once per
 * theory and coalition found.) */
static inline double psi_score(ps_theory t, const psi_geo *g, ps_members m, int64_t seats,
                               size_t k)
{
    double range, variance;
    switch (t) {
    case PS_THEORY_MINIMAL:
    case PS_THEORY_MINIMUM: return (double)seats;
    case PS_THEORY_BARGAINING: return (double)k;
    case PS_THEORY_RANGE:
    case PS_THEORY_DISTANCE:
        psi_geo_spread(g, m, &range, &variance);
        return t == PS_THEORY_RANGE ? range : variance;
    default: return 0;
    }
}

/* Scores tie within a relative 1e-9. */
static inline bool psi_score_same(double a, double b)
{
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= 1e-9 * scale;
}

/* Pass 1: the count, each theory's `top` smallest scores (max-heaps), the
 * best score and how many share it. */
typedef struct psi_stats {
    const psi_geo *geo;
    size_t top;
    bool use[PS_THEORY_COUNT];
    double *heap[PS_THEORY_COUNT]; /* max-heaps of the top smallest */
    size_t heap_n[PS_THEORY_COUNT];
    double best[PS_THEORY_COUNT];
    uint64_t n_best[PS_THEORY_COUNT];
    uint64_t count;
} psi_stats;

/* Pass 2: the coalitions kept (scores below a theory's threshold, ties at
 * it up to tie_cap per theory), or with --all every one. */
typedef struct psi_keep {
    const psi_geo *geo;
    size_t top;
    bool use[PS_THEORY_COUNT];
    double threshold[PS_THEORY_COUNT];
    bool truncated[PS_THEORY_COUNT];
    size_t ties[PS_THEORY_COUNT];
    size_t tie_cap;
    size_t limit;
    ps_members *masks;
    size_t n, cap;
    const uint64_t *task; /* a worker's: its search's task; masks then
                             holds (task, mask) pairs */
} psi_keep;

/* A pass's workers in this process: copies of one search and the
 * visitors' contexts. */
typedef struct psi_team {
    struct {
        _Alignas(PSI_LINE) psi_search s;
    } own[PSI_MAX_JOBS];
    psi_search *s[PSI_MAX_JOBS]; /* &own[t].s */
    void *ctx[PSI_MAX_JOBS];
    psi_pass pass;
} psi_team;

/* The team for opt->threads and opt->share, with a budget of `nodes`
 * nodes (as psi_pass's max_nodes); its pass visits nothing (psi_no_visit)
 * and walks the minimal coalitions until told otherwise. */
void psi_team_init(psi_team *tm, const psi_search *s, const ps_coalition_options *opt,
                   uint64_t nodes);
int psi_no_visit(void *ctx, ps_members m, const int64_t *sums, size_t k);
/* Pass 1 into st (its heaps allocated, empty). */
int psi_pass_stats(psi_stats *st, psi_pass_result *res, psi_team *tm, ps_error *err);
/* Pass 2 into kp (its thresholds, uses, top and tie_cap set). */
int psi_pass_keep(psi_keep *kp, psi_pass_result *res, psi_team *tm, const ps_game *game,
                  ps_error *err);
/* --all: every feasible winning coalition into kp->masks. */
int psi_pass_collect(psi_keep *kp, psi_pass_result *res, psi_team *tm, ps_error *err);
/* Each: PS_OK with res (a refusal there: the caller says so), or the
 * errors of psi_pass_run and PS_ENOMEM. */

/* The "ids" of a legislature in one line, for messages ("a, b, c"). */
void psi_list_ids(char *buf, size_t size, const ps_legislature *leg, bool communities);

#endif
