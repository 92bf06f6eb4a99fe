/*
 * stv_stage.c - the bookkeeping of a count (powershare/stv.h): a stage's
 * figures, who is elected at its end and in which order, and the ties.
 *
 * Scottish rules 50(2) and 52(2) (SSI 2011/399, Schedule 1) settle equal
 * surpluses and candidates level for exclusion by the votes "at the last
 * stage at which they had an unequal number"; with three or more level the
 * rule is read as a sieve: walking back stage by stage, each stage keeps
 * those with the most votes (surplus) or the fewest (exclusion) until one
 * is left. Level at every stage, the law says lot, which is the caller's
 * policy here: refuse, the candidate listed first, or a seeded draw
 * (splitmix64, Steele, Lea and Flood 2014, with rejection so that the draw
 * is exactly uniform).
 */
#include <stdio.h>
#include <string.h>

#include "stv_impl.h"
#include "util.h"

int psi_stv_add_stage(stv_count *cs, ps_stv_action action, size_t candidate, int64_t amount,
                      int64_t rounding)
{
    ps_stv_result *res = cs->res;
    size_t n = cs->b->n_candidates;
    if (res->n_stages == cs->cap_stages) {
        size_t cap = cs->cap_stages ? 2 * cs->cap_stages : 16;
        ps_stv_stage *st = psi_realloc_array(res->stage, cap, sizeof *st);
        if (!st)
            return psi_enomem(cs->err);
        res->stage = st;
        cs->cap_stages = cap;
    }
    ps_stv_stage *s = &res->stage[res->n_stages];
    memset(s, 0, sizeof *s);
    if (!(s->votes = psi_malloc_array(n, sizeof *s->votes)))
        return psi_enomem(cs->err);
    memcpy(s->votes, cs->votes, n * sizeof *s->votes);
    res->n_stages++;
    if (cs->keep) {
        if (!(s->keep = psi_malloc_array(n, sizeof *s->keep)))
            return psi_enomem(cs->err);
        memcpy(s->keep, cs->keep, n * sizeof *s->keep);
    }
    s->quota = cs->quota;
    s->iterations = cs->iterations;
    s->action = action;
    s->candidate = candidate;
    s->amount = amount;
    s->exhausted = cs->exhausted;
    s->rounding = rounding;
    /* The sheet's "Non-transferable votes" carry the earlier stages'
     * rounding; this stage's is its own row. */
    s->non_transferable = cs->exhausted + cs->rounding_total;
    cs->rounding_total += rounding;
    return 0;
}

int psi_stv_add_exclusion(stv_count *cs, size_t candidate, int64_t amount)
{
    int rc = psi_stv_add_stage(cs, PS_STV_EXCLUSION, candidate, amount, 0);
    if (rc < 0)
        return rc;
    /* stv.h: every exclusion lists its candidates, one here */
    ps_stv_stage *s = &cs->res->stage[cs->res->n_stages - 1];
    if (!(s->excluded = psi_malloc_array(1, sizeof *s->excluded)))
        return psi_enomem(cs->err);
    s->excluded[0] = candidate;
    s->n_excluded = 1;
    return 0;
}

/* Most votes first; equal votes in ballot order (the order of election
 * decides nothing under rules that take surpluses by size). */
static void sort_by_votes(size_t *c, size_t k, const int64_t *votes)
{
    for (size_t i = 1; i < k; i++) {
        size_t x = c[i], j = i;
        while (j > 0 && (votes[c[j - 1]] < votes[x] ||
                         (votes[c[j - 1]] == votes[x] && c[j - 1] > x))) {
            c[j] = c[j - 1];
            j--;
        }
        c[j] = x;
    }
}

int psi_stv_first_stage(stv_count *cs, int (*give)(stv_count *cs, size_t line, size_t candidate))
{
    const ps_ballots *b = cs->b;
    for (size_t i = 0; i < b->n_lines; i++) {
        size_t j = psi_stv_next_preference(cs, i, SIZE_MAX);
        if (j == SIZE_MAX) {
            cs->res->ignored += b->count[i];
            continue;
        }
        cs->res->valid += b->count[i];
        int rc = give(cs, i, j);
        if (rc < 0)
            return rc;
    }
    if (cs->res->valid == 0)
        return psi_error(cs->err, PS_EDATA, NULL, 0, 0,
                         "no valid ballot: every ballot is empty or names only withdrawn "
                         "candidates");
    cs->quota = (cs->res->valid / (cs->res->seats + 1) + 1) * PS_STV_SCALE;
    cs->res->quota = cs->quota;
    int rc = psi_stv_add_stage(cs, PS_STV_FIRST_PREFERENCES, 0, 0, 0);
    return rc < 0 ? rc : psi_stv_elect(cs, false);
}

int psi_stv_elect(stv_count *cs, bool all_continuing)
{
    ps_stv_result *res = cs->res;
    ps_stv_stage *s = &res->stage[res->n_stages - 1];
    size_t n = cs->b->n_candidates, k = 0;
    for (size_t c = 0; c < n; c++)
        if (cs->state[c] == STV_CONTINUING && (all_continuing || cs->votes[c] >= cs->quota))
            cs->scratch[k++] = c;
    if (k == 0)
        return 0;
    sort_by_votes(cs->scratch, k, cs->votes);
    size_t *el = psi_realloc_array(s->elected, s->n_elected + k, sizeof *el);
    if (!el)
        return psi_enomem(cs->err);
    s->elected = el;
    for (size_t i = 0; i < k; i++) {
        size_t c = cs->scratch[i];
        cs->state[c] = STV_ELECTED;
        cs->surplus_due[c] = cs->votes[c] > cs->quota;
        res->candidate[c].status = PS_STV_ELECTED;
        res->candidate[c].stage = (int64_t)res->n_stages;
        res->candidate[c].last_vacancies = all_continuing;
        s->elected[s->n_elected++] = c;
        res->elected[res->n_elected++] = c;
    }
    return 0;
}

/* ---- ties ------------------------------------------------------------------ */

static uint64_t draw_below(uint64_t *state, uint64_t bound)
{
    if (bound <= 1)
        return 0;
    uint64_t limit = (UINT64_MAX - bound + 1) % bound; /* 2^64 mod bound */
    for (;;) {
        uint64_t r = psi_splitmix64(state);
        if (r >= limit)
            return r % bound;
    }
}

static int refuse(stv_count *cs, const size_t *tied, size_t k, bool most, bool looked_back)
{
    char list[PS_ERROR_MESSAGE_MAX / 2], amount[32];
    size_t len = 0, shown = k > 8 ? 7 : k;
    list[0] = '\0';
    for (size_t i = 0; i < shown && len < sizeof list; i++) {
        int w = snprintf(list + len, sizeof list - len, "%s%.60s",
                         i == 0 ? "" : (i + 1 == k ? " and " : ", "),
                         cs->b->candidates[tied[i]]);
        if (w > 0)
            len += (size_t)w;
    }
    if (shown < k && len < sizeof list)
        snprintf(list + len, sizeof list - len, " and %zu more", k - shown);
    int64_t fewest = cs->votes[tied[0]];
    for (size_t i = 1; i < k; i++)
        fewest = cs->votes[tied[i]] < fewest ? cs->votes[tied[i]] : fewest;
    ps_stv_format_scaled(fewest, cs->scale, amount, sizeof amount);
    if (!looked_back) /* Meek: level within the total surplus */
        return psi_error(cs->err, PS_ETIE, NULL, 0, 0,
                         "stage %zu: %s are level for defeat (within the total surplus of the "
                         "fewest votes, %s); the rule leaves it to lot: use --ties first or "
                         "--ties random --seed S to break it",
                         cs->res->n_stages + 1, list, amount);
    return psi_error(cs->err, PS_ETIE, NULL, 0, 0,
                     "stage %zu: %s are level %s with %s votes, and were level at every earlier "
                     "stage; the rules leave it to lot: use --ties first or --ties random "
                     "--seed S to break it",
                     cs->res->n_stages + 1, list,
                     most ? "for the first surplus" : "for exclusion", amount);
}

/* The options' ties policy: the candidate listed first goes first (most) or
 * the one listed last is excluded; a seeded draw; or a refusal. */
static int by_lot(stv_count *cs, const size_t *left, size_t n_left, bool most, bool looked_back,
                  size_t *chosen)
{
    switch (cs->opt.ties) {
    case PS_TIES_FIRST: *chosen = most ? left[0] : left[n_left - 1]; return 0;
    case PS_TIES_RANDOM: *chosen = left[draw_below(&cs->rng, n_left)]; return 0;
    default: return refuse(cs, left, n_left, most, looked_back);
    }
}

static int record(stv_count *cs, const size_t *tied, size_t k, ps_stv_action action,
                  size_t chosen, int64_t decided_at)
{
    ps_stv_result *res = cs->res;
    if (res->n_ties == cs->cap_ties) {
        size_t cap = cs->cap_ties ? 2 * cs->cap_ties : 4;
        ps_stv_tie *t = psi_realloc_array(res->tie, cap, sizeof *t);
        if (!t)
            return psi_enomem(cs->err);
        res->tie = t;
        cs->cap_ties = cap;
    }
    ps_stv_tie *t = &res->tie[res->n_ties];
    if (!(t->tied = psi_malloc_array(k, sizeof *t->tied)))
        return psi_enomem(cs->err);
    memcpy(t->tied, tied, k * sizeof *t->tied);
    res->n_ties++;
    t->n_tied = k;
    t->stage = (int64_t)res->n_stages + 1;
    t->action = action;
    t->chosen = chosen;
    t->decided_at = decided_at;
    return 0;
}

int psi_stv_settle(stv_count *cs, size_t *tied, size_t k, bool most, ps_stv_action action,
                   size_t *chosen)
{
    ps_stv_result *res = cs->res;
    size_t *left = cs->scratch, n_left = k;
    memcpy(left, tied, k * sizeof *left);
    int64_t decided_at = 0;
    /* The current stage is the last one; look at those before it. */
    for (size_t s = res->n_stages - 1; s-- > 0 && n_left > 1;) {
        const int64_t *v = res->stage[s].votes;
        int64_t best = v[left[0]];
        for (size_t i = 1; i < n_left; i++)
            if (most ? v[left[i]] > best : v[left[i]] < best)
                best = v[left[i]];
        size_t kept = 0;
        for (size_t i = 0; i < n_left; i++)
            if (v[left[i]] == best)
                left[kept++] = left[i];
        n_left = kept;
        if (n_left == 1)
            decided_at = (int64_t)s + 1;
    }
    if (n_left == 1)
        *chosen = left[0];
    else if (by_lot(cs, left, n_left, most, true, chosen) < 0)
        return PS_ETIE;
    return record(cs, tied, k, action, *chosen, decided_at);
}

int psi_stv_lot_exclusion(stv_count *cs, size_t *tied, size_t k, size_t *chosen)
{
    if (by_lot(cs, tied, k, false, false, chosen) < 0)
        return PS_ETIE;
    return record(cs, tied, k, PS_STV_EXCLUSION, *chosen, 0);
}

const char *ps_stv_action_name(ps_stv_action action)
{
    return action == PS_STV_SURPLUS     ? "surplus"
           : action == PS_STV_EXCLUSION ? "exclusion"
           : action == PS_STV_ELECTION  ? "election"
                                        : "first preferences";
}

bool ps_stv_action_has_candidate(ps_stv_action action)
{
    return action == PS_STV_SURPLUS || action == PS_STV_EXCLUSION;
}

const char *ps_stv_status_name(ps_stv_status status)
{
    switch (status) {
    case PS_STV_ELECTED: return "elected";
    case PS_STV_EXCLUDED: return "excluded";
    case PS_STV_WITHDRAWN: return "withdrawn";
    default: return "not elected";
    }
}

int psi_stv_largest_surplus(stv_count *cs, size_t *chosen, bool *found)
{
    size_t k = 0;
    int64_t top = -1;
    for (size_t i = 0; i < cs->b->n_candidates; i++) {
        if (!cs->surplus_due[i])
            continue;
        if (cs->votes[i] > top) {
            top = cs->votes[i];
            k = 0;
        }
        if (cs->votes[i] == top)
            cs->tied[k++] = i;
    }
    *found = k > 0;
    if (k == 0)
        return 0;
    *chosen = cs->tied[0];
    return k > 1 ? psi_stv_settle(cs, cs->tied, k, true, PS_STV_SURPLUS, chosen) : 0;
}
