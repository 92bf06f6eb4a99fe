/*
 * coalition_near.c - when no coalition meets the condition, what comes
 * closest (coalition_impl.h): the heaviest coalitions meeting every
 * constraint (how many seats they lack), and the minimal winning
 * coalitions that keep the exclusions, incompatibilities and party limit
 * but miss the fewest required parties and communities. Two small searches
 * of one walk each (their pruning follows what they have found), within
 * NEAR_BUDGET nodes.
 */
#include <string.h>

#include "coalition_impl.h"

#define NEAR_BUDGET 2000000u

/* ---- near misses ------------------------------------------------------- */

typedef struct near_ctx {
    const ps_game *game;
    const ps_condition *cond;
    ps_near_miss best[3];
    size_t n;
    int64_t floor;
    bool by_missing; /* rank by missing requirements, then seats */
} near_ctx;

static size_t n_missing(const near_ctx *x, ps_members m)
{
    size_t miss = psi_popcount(x->cond->required & ~m);
    for (size_t c = 0; c < x->cond->n_communities; c++)
        if ((x->cond->communities_required & PS_MEMBER(c)) && !(x->cond->community_lists[c] & m))
            miss++;
    return miss;
}

static bool near_better(const near_ctx *x, const ps_near_miss *a, const ps_near_miss *b)
{
    if (x->by_missing) {
        size_t ma = n_missing(x, a->members), mb = n_missing(x, b->members);
        if (ma != mb)
            return ma < mb;
        return a->seats < b->seats;
    }
    return a->seats > b->seats;
}

static int near_visit(void *ctx, ps_members m, const int64_t *sums, size_t k)
{
    (void)k;
    near_ctx *x = ctx;
    ps_near_miss nm;
    memset(&nm, 0, sizeof nm);
    nm.members = m;
    nm.seats = sums[0];
    nm.seats_short = sums[0] < x->game->quotas[0] ? x->game->quotas[0] - sums[0] : 0;
    nm.loses_other_layer = !nm.seats_short && !psi_sums_win(x->game, sums);
    nm.missing_required = x->cond->required & ~m;
    for (size_t c = 0; c < x->cond->n_communities; c++)
        if ((x->cond->communities_required & PS_MEMBER(c)) && !(x->cond->community_lists[c] & m))
            nm.missing_communities |= PS_MEMBER(c);
    size_t i = x->n < 3 ? x->n++ : 3;
    if (i == 3) {
        if (!near_better(x, &nm, &x->best[2]))
            return 0;
        i = 2;
    }
    while (i > 0 && near_better(x, &nm, &x->best[i - 1])) {
        x->best[i] = x->best[i - 1];
        i--;
    }
    x->best[i] = nm;
    if (!x->by_missing && x->n == 3)
        x->floor = x->best[2].seats;
    return 0;
}

int psi_find_near(ps_coalition_set *set, const ps_game *game, const ps_condition *cond,
                     ps_error *err)
{
    ps_near_miss all[6];
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        psi_search s;
        int rc = psi_search_init(&s, game, cond, pass == 0, err);
        if (rc < 0)
            return rc;
        s.budget = NEAR_BUDGET;
        near_ctx x;
        memset(&x, 0, sizeof x);
        x.game = game;
        x.cond = cond;
        x.floor = -1;
        x.by_missing = pass == 1;
        rc = pass == 0 ? psi_search_heaviest(&s, near_visit, &x, &x.floor)
                       : psi_search_minimal(&s, near_visit, &x);
        psi_search_free(&s);
        if (rc < 0)
            return psi_search_error(rc, err);
        for (size_t i = 0; i < x.n; i++)
            all[n++] = x.best[i];
    }
    if (n) {
        set->near = psi_malloc_array(n, sizeof *set->near);
        if (!set->near)
            return psi_enomem(err);
        memcpy(set->near, all, n * sizeof *all);
        set->n_near = n;
    }
    return PS_OK;
}
