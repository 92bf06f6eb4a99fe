/*
 * coalition_search.c - branch and bound over the players of a game.
 *
 * Players that may join are sorted by decreasing seats (the first layer)
 * and decided one at a time, in or out. A branch is cut as soon as
 *   - some layer cannot reach its quota even with every undecided player
 *     (current sum + suffix sum < quota), or
 *   - a required party or a required community can no longer be had,
 * and a player is never added when it is incompatible with a member or the
 * party limit is reached (these constraints only get worse with more
 * members, so a branch that breaks them has no feasible leaf).
 *
 * For minimal coalitions the search stops going down as soon as the current
 * set wins: every superset is non-minimal. In a one-layer game without
 * required parties such a leaf is always minimal, since the member added
 * last is the lightest and the set was losing without it (the classic
 * argument for enumerating minimal winning coalitions in weight order; see
 * e.g. Kurz, "On minimum sum representations for weighted voting games",
 * 2012, and the enumeration in Matsui & Matsui 2000). With more layers or
 * upward constraints each leaf is checked member by member.
 *
 * The number of minimal winning coalitions grows exponentially with small
 * parties (Iraq 2014: 30 lists, over five million), so callers count first
 * and keep only what they need.
 *
 * With s->split, the walk is one worker's part of a walk shared by several
 * (coalition_impl.h, coalition_pass.c): it walks the top of the tree as
 * every worker does, and below it only its own tasks.
 */
#include <string.h>

#include "coalition_impl.h"
#include "cancel_hook.h"
#include "progress_hook.h"

void psi_game_sums(const ps_game *g, ps_members m, int64_t *sums)
{
    size_t n = g->n_players;
    for (size_t l = 0; l < g->n_layers; l++) {
        int64_t s = 0;
        for (ps_members r = m; r; r &= r - 1) {
            size_t i = (size_t)__builtin_ctzll(r);
            if (i < n)
                s += g->weights[l * n + i];
        }
        sums[l] = s;
    }
}

bool psi_sums_win(const ps_game *g, const int64_t *sums)
{
    for (size_t l = 0; l < g->n_layers; l++)
        if (sums[l] < g->quotas[l])
            return false;
    return true;
}

ps_members psi_critical(const ps_game *g, ps_members m, const int64_t *sums)
{
    ps_members crit = 0;
    size_t n = g->n_players;
    for (ps_members r = m; r; r &= r - 1) {
        size_t i = (size_t)__builtin_ctzll(r);
        for (size_t l = 0; l < g->n_layers; l++)
            if (sums[l] - g->weights[l * n + i] < g->quotas[l]) {
                crit |= PS_MEMBER(i);
                break;
            }
    }
    return crit;
}

bool psi_up_holds(const ps_condition *cond, ps_members m)
{
    if (!cond)
        return true;
    if ((cond->required & m) != cond->required)
        return false;
    for (size_t c = 0; c < cond->n_communities; c++)
        if ((cond->communities_required & PS_MEMBER(c)) && !(cond->community_lists[c] & m))
            return false;
    return true;
}

bool psi_up_wins(const ps_game *g, const ps_condition *cond, ps_members m, const int64_t *sums)
{
    return psi_sums_win(g, sums) && psi_up_holds(cond, m);
}

bool psi_is_minimal(const ps_game *g, const ps_condition *cond, ps_members m,
                    const int64_t *sums)
{
    size_t n = g->n_players;
    for (ps_members r = m; r; r &= r - 1) {
        size_t i = (size_t)__builtin_ctzll(r);
        ps_members rest = m & ~PS_MEMBER(i);
        bool wins = true;
        for (size_t l = 0; l < g->n_layers && wins; l++)
            wins = sums[l] - g->weights[l * n + i] >= g->quotas[l];
        if (wins && psi_up_holds(cond, rest))
            return false;
    }
    return true;
}

void psi_search_free(psi_search *s)
{
    if (!s)
        return;
    psi_free(s->player);
    psi_free(s->w);
    psi_free(s->suffix);
    psi_free(s->rest);
    psi_free(s->comm);
    psi_free(s->conflict);
    memset(s, 0, sizeof *s);
}

int psi_search_init(psi_search *s, const ps_game *game, const ps_condition *cond, bool up,
                    ps_error *err)
{
    memset(s, 0, sizeof *s);
    size_t np = game->n_players, L = game->n_layers;
    int refused = ps_game_require_and(game, "the coalition search", err);
    if (refused < 0)
        return refused;
    if (np > PS_COALITION_MAX_PLAYERS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "%zu parties: coalitions are enumerated for at most %d parties", np,
                         PS_COALITION_MAX_PLAYERS);
    if (L == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "the game has no layer");
    if (cond && cond->n_players != np)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the condition is for %zu parties, the game has %zu", cond->n_players,
                         np);
    s->game = game;
    s->n_players = np;
    s->L = L;
    s->player = psi_malloc_array(np + 1, sizeof *s->player);
    s->w = psi_malloc_array(L * np + 1, sizeof *s->w);
    s->suffix = psi_malloc_array(L * (np + 1), sizeof *s->suffix);
    s->rest = psi_malloc_array(np + 1, sizeof *s->rest);
    s->conflict = psi_calloc(np + 1, sizeof *s->conflict);
    s->comm = psi_calloc(cond && cond->n_communities ? cond->n_communities : 1, sizeof *s->comm);
    if (!s->player || !s->w || !s->suffix || !s->rest || !s->conflict || !s->comm) {
        psi_search_free(s);
        return psi_enomem(err);
    }
    ps_members excluded = cond ? cond->excluded : 0;
    size_t n = 0;
    for (size_t i = 0; i < np; i++) {
        if (excluded & PS_MEMBER(i))
            continue;
        /* insertion sort, heaviest first, ties in file order (stable) */
        size_t j = n++;
        for (; j > 0 && game->weights[s->player[j - 1]] < game->weights[i]; j--)
            s->player[j] = s->player[j - 1];
        s->player[j] = i;
    }
    s->n = n;
    for (size_t l = 0; l < L; l++) {
        s->suffix[l * (n + 1) + n] = 0;
        for (size_t j = n; j-- > 0;) {
            s->w[l * n + j] = game->weights[l * np + s->player[j]];
            s->suffix[l * (n + 1) + j] = s->suffix[l * (n + 1) + j + 1] + s->w[l * n + j];
        }
    }
    s->rest[n] = 0;
    for (size_t j = n; j-- > 0;)
        s->rest[j] = s->rest[j + 1] | PS_MEMBER(s->player[j]);
    if (cond) {
        for (size_t k = 0; k < cond->n_incompatible; k++) {
            ps_members pair = cond->incompatible[k];
            for (ps_members r = pair; r; r &= r - 1) {
                size_t i = (size_t)__builtin_ctzll(r);
                s->conflict[i] |= pair & ~PS_MEMBER(i);
            }
        }
        s->max_k = cond->max_parties > 0 ? (size_t)cond->max_parties : 0;
        if (up) {
            s->required = cond->required;
            for (size_t c = 0; c < cond->n_communities; c++)
                if (cond->communities_required & PS_MEMBER(c))
                    s->comm[s->n_comm++] = cond->community_lists[c];
        }
    }
    return PS_OK;
}

/* What a walk visits: minimal winning coalitions (the branch ends where it
 * first wins), all winning ones (at the leaves), or the heaviest feasible
 * ones (at the leaves, pruned below *floor). */
typedef enum walk_mode { MINIMAL, ALL, HEAVIEST } walk_mode;

typedef struct walk {
    psi_search *s;
    walk_mode mode;
    psi_visit visit;
    void *ctx;
    int64_t *sums; /* L */
    const int64_t *floor; /* heaviest: prune at or below */
    size_t below;  /* nodes at this depth and deeper are plain nodes: the
                      split's depth + 1, or 0 without a split */
    bool reports;  /* progress reports from this walk */
} walk;

static bool up_ok(const psi_search *s, ps_members m)
{
    if ((s->required & m) != s->required)
        return false;
    for (size_t c = 0; c < s->n_comm; c++)
        if (!(s->comm[c] & m))
            return false;
    return true;
}

/* Can the branch still meet the quotas and the upward constraints? */
static bool reachable(const psi_search *s, const int64_t *sums, size_t j, ps_members m,
                      bool quotas)
{
    if (quotas)
        for (size_t l = 0; l < s->L; l++)
            if (sums[l] + s->suffix[l * (s->n + 1) + j] < s->game->quotas[l])
                return false;
    ps_members avail = m | s->rest[j];
    if ((s->required & avail) != s->required)
        return false;
    for (size_t c = 0; c < s->n_comm; c++)
        if (!(s->comm[c] & avail))
            return false;
    return true;
}

static bool spend(psi_search *s)
{
    if (!s->budget)
        return true;
    if (s->budget == 1) {
        s->out_of_budget = true;
        return false;
    }
    s->budget--;
    return true;
}

static bool can_add(const psi_search *s, size_t j, ps_members m, size_t k)
{
    if (s->max_k && k >= s->max_k)
        return false;
    return !(s->conflict[s->player[j]] & m);
}

static void add(walk *x, size_t j, int sign)
{
    psi_search *s = x->s;
    for (size_t l = 0; l < s->L; l++)
        x->sums[l] += sign * s->w[l * s->n + j];
}

/* The visitor, and with a split the count of visits and its stop. */
static int visit(walk *x, ps_members m, size_t k)
{
    int rc = x->visit(x->ctx, m, x->sums, k);
    psi_split *sp = x->s->split;
    if (sp) {
        sp->visits++;
        if (!rc && sp->stop && sp->visits >= sp->stop)
            rc = 1;
    }
    return rc;
}

/* A coalition that wins the game and the search's upward constraints is
 * visited when no member can leave with both still holding. */
static int minimal_leaf(walk *x, ps_members m, size_t k)
{
    const psi_search *s = x->s;
    const ps_game *g = s->game;
    size_t n = g->n_players;
    for (ps_members r = m; r; r &= r - 1) {
        size_t i = (size_t)__builtin_ctzll(r);
        bool wins = true;
        for (size_t l = 0; l < g->n_layers && wins; l++)
            wins = x->sums[l] - g->weights[l * n + i] >= g->quotas[l];
        if (wins && up_ok(s, m & ~PS_MEMBER(i)))
            return 0;
    }
    return visit(x, m, k);
}

/* ---- the split (coalition_impl.h) --------------------------------------- */

/* Round robin, shifted by one each round: tasks come in pairs of siblings
 * (in, out) whose sizes differ, and plain task % W would give worker 0
 * every "in" when W is even. */
static bool mine(const psi_split *sp, uint64_t task)
{
    if (sp->only)
        return task == sp->index;
    return (task + task / sp->workers) % sp->workers == sp->index;
}

/* The task walked: its nodes and visits are those since `nodes` and
 * `visits`. */
static int record(const psi_search *s, uint64_t task, uint64_t nodes, uint64_t visits)
{
    psi_split *sp = s->split;
    if (sp->n_rec == sp->cap_rec) {
        size_t cap = sp->cap_rec ? 2 * sp->cap_rec : 64;
        psi_task *rec = psi_realloc_array(sp->rec, cap, sizeof *rec);
        if (!rec)
            return PS_ENOMEM;
        sp->rec = rec;
        sp->cap_rec = cap;
    }
    sp->rec[sp->n_rec++] =
        (psi_task){task, sp->top, psi_search_nodes(s) - nodes, sp->visits - visits};
    return PS_OK;
}

/* A minimal leaf above the split depth: a task of its own. */
static int shallow_leaf(walk *x, ps_members m, size_t k)
{
    psi_split *sp = x->s->split;
    uint64_t task = sp->tasks++;
    if (!mine(sp, task))
        return 0;
    x->s->task = task;
    uint64_t nodes = psi_search_nodes(x->s), visits = sp->visits;
    int rc = minimal_leaf(x, m, k); /* visited or not: no node of its own */
    if (record(x->s, task, nodes, visits) < 0)
        return PS_ENOMEM;
    return rc ? rc : sp->only ? 1 : 0;
}

static int walk_top(walk *x, size_t j, ps_members m, size_t k);
static int walk_node(walk *x, size_t j, ps_members m, size_t k, bool counted);

/* A child node: below the split depth (or without a split) a plain node,
 * the test that every node pays. */
static inline int walk_rec(walk *x, size_t j, ps_members m, size_t k)
{
    return j >= x->below ? walk_node(x, j, m, k, true) : walk_top(x, j, m, k);
}

/* The node with members m, sorted player j to decide next: its visit, or
 * its branches (in, then out). counted: it spends the budget. */
static int walk_node(walk *x, size_t j, ps_members m, size_t k, bool counted)
{
    psi_search *s = x->s;
    if (counted && !spend(s))
        return 0;
    if ((++s->tick & 0xFFF) == 0 && psi_cancelled())
        return PS_ECANCELED;
    if (j < PSI_PROGRESS_TREE_DEPTH && x->reports)
        psi_progress_tree_at("coalition search", s->player, j, m);
    switch (x->mode) {
    case MINIMAL:
        if (psi_sums_win(s->game, x->sums) && up_ok(s, m))
            return s->split && j < s->split->depth ? shallow_leaf(x, m, k)
                                                   : minimal_leaf(x, m, k);
        if (j == s->n)
            return 0;
        break;
    case ALL:
        if (j == s->n)
            return psi_sums_win(s->game, x->sums) && up_ok(s, m) ? visit(x, m, k) : 0;
        break;
    case HEAVIEST:
        if (x->sums[0] + s->suffix[j] <= *x->floor)
            return 0;
        if (j == s->n)
            return up_ok(s, m) ? x->visit(x->ctx, m, x->sums, k) : 0;
        break;
    }
    if (!reachable(s, x->sums, j, m, x->mode != HEAVIEST))
        return 0;
    int rc = 0;
    ps_members bit = PS_MEMBER(s->player[j]);
    if (can_add(s, j, m, k)) {
        add(x, j, 1);
        rc = walk_rec(x, j + 1, m | bit, k + 1);
        add(x, j, -1);
        if (rc)
            return rc;
    }
    if (!(s->required & bit))
        rc = walk_rec(x, j + 1, m, k);
    return rc;
}

/* A node at the split depth: a task, walked by its worker. */
static int walk_task(walk *x, size_t j, ps_members m, size_t k)
{
    psi_search *s = x->s;
    psi_split *sp = s->split;
    uint64_t task = sp->tasks++;
    if (!mine(sp, task))
        return 0;
    s->task = task;
    uint64_t nodes = psi_search_nodes(s), visits = sp->visits;
    int rc = walk_node(x, j, m, k, true);
    if (record(s, task, nodes, visits) < 0)
        return PS_ENOMEM;
    return rc ? rc : sp->only ? 1 : 0;
}

/* A node at or above the split depth. */
static int walk_top(walk *x, size_t j, ps_members m, size_t k)
{
    psi_search *s = x->s;
    psi_split *sp = s->split;
    if (s->out_of_budget) /* this worker's own budget: the whole walk's too */
        return 0;
    if (j == sp->depth)
        return walk_task(x, j, m, k);
    sp->top++;
    return walk_node(x, j, m, k, sp->counts_top);
}

/* Sums live on the stack: at most a few layers in practice, but any
 * count is allowed, so a small fixed array falls back to the heap. */
static int run(psi_search *s, walk_mode mode, psi_visit visit_fn, void *ctx,
               const int64_t *floor)
{
    int64_t local[16];
    int64_t *sums = s->L <= 16 ? local : psi_calloc(s->L, sizeof *sums);
    if (!sums)
        return PS_ENOMEM;
    memset(sums, 0, s->L * sizeof *sums);
    bool reports = !s->split || s->split->reports;
    walk x = {s, mode, visit_fn, ctx, sums, floor, s->split ? s->split->depth + 1 : 0, reports};
    int rc = walk_rec(&x, 0, 0, 0);
    if (reports)
        psi_progress_end("coalition search");
    if (sums != local)
        psi_free(sums);
    return rc;
}

int psi_search_error(int rc, ps_error *err)
{
    return rc == PS_ECANCELED ? psi_cancel_error(err) : psi_enomem(err);
}

int psi_search_minimal(psi_search *s, psi_visit visit_fn, void *ctx)
{
    return run(s, MINIMAL, visit_fn, ctx, NULL);
}

int psi_search_all(psi_search *s, psi_visit visit_fn, void *ctx)
{
    return run(s, ALL, visit_fn, ctx, NULL);
}

int psi_search_heaviest(psi_search *s, psi_visit visit_fn, void *ctx, const int64_t *floor)
{
    s->split = NULL; /* its pruning follows the visitor: one walk alone */
    return run(s, HEAVIEST, visit_fn, ctx, floor);
}
