/*
 * stv_irish.c - the count of a Dail election (powershare/stv.h,
 * PS_STV_IRISH): the Electoral Act 1992, Part XIX, ss. 118-127, as amended
 * by the Electoral (Amendment) Act 2001 (s. 31 inserted s. 124(1A)).
 *
 * Votes are whole ballot papers; nothing is ever split. A surplus moves
 * papers, not values (the Gregory method on whole papers): of the papers
 * examined - all the candidate's papers when they are first preferences
 * only, otherwise the parcel last received - each sub-parcel of papers
 * showing a next preference for the same continuing candidate gives
 * floor(sub-parcel x surplus / transferable papers) papers, and the papers
 * the cut fractions leave over go one each to the largest fractions. When
 * the transferable papers are not more than the surplus, all of them move
 * and the rest of the surplus is non-transferable.
 *
 * A surplus waits (is "deferred") while the surpluses not yet transferred
 * could change nothing: neither lift the lowest continuing candidate to the
 * next, nor bring a continuing candidate to the quota, nor the lowest past a
 * quarter of the quota (the share that returns a deposit, s. 124(3)). The
 * lowest candidates are then excluded, together when their votes and the
 * surpluses waiting are fewer than the next candidate's, and all their
 * papers move at one count. The count ends by s. 124: when the continuing
 * candidates are as many as the vacancies; when they are one more and the
 * lowest, with the surpluses waiting, is below the next (s. 124(1A)); or with
 * one vacancy left, when one candidate has more than all the others and the
 * surpluses together (s. 124(2)).
 *
 * Which papers of a sub-parcel move is the order of the papers in the
 * parcel ("those last filed"), which a BLT file does not keep: the count
 * takes them from the end of the file, so a later transfer of those papers
 * may differ by a few votes from an official count.
 */
#include <string.h>

#include "cancel_hook.h"
#include "stv_impl.h"
#include "util.h"

#define VOTE PS_STV_SCALE

/* Working arrays, n_candidates each. */
typedef struct irish_work {
    size_t *order;   /* continuing candidates, fewest votes first */
    size_t n_order;
    int64_t *sub;    /* papers per sub-parcel of the surplus being moved */
    int64_t *take;   /* papers each sub-parcel gives */
    int64_t *rest;   /* sub x surplus mod transferable: the cut fraction */
    size_t *group;   /* the candidates excluded together */
} irish_work;

static int64_t stage_now(const stv_count *cs)
{
    return (int64_t)cs->res->n_stages + 1;
}

static int give(stv_count *cs, size_t line, size_t pos, int64_t papers, int64_t stage)
{
    size_t to = cs->b->pref[pos];
    stv_pile *p = &cs->pile[to];
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 8;
        stv_parcel *np = psi_realloc_array(p->p, cap, sizeof *np);
        if (!np)
            return psi_enomem(cs->err);
        p->p = np;
        p->cap = cap;
    }
    p->p[p->n++] = (stv_parcel){
        .line = line, .pos = pos, .value = VOTE, .papers = papers, .stage = stage};
    cs->votes[to] += papers * VOTE;
    return 0;
}

/* The continuing candidates, fewest votes first (insertion sort: a Dail
 * constituency has a few dozen candidates at most). */
static void sort_continuing(stv_count *cs, irish_work *w)
{
    size_t n = cs->b->n_candidates, k = 0;
    for (size_t c = 0; c < n; c++) {
        if (cs->state[c] != STV_CONTINUING)
            continue;
        size_t j = k++;
        while (j > 0 && cs->votes[w->order[j - 1]] > cs->votes[c]) {
            w->order[j] = w->order[j - 1];
            j--;
        }
        w->order[j] = c;
    }
    w->n_order = k;
}

static int64_t surpluses_waiting(const stv_count *cs)
{
    int64_t s = 0;
    for (size_t c = 0; c < cs->b->n_candidates; c++)
        if (cs->surplus_due[c])
            s += cs->votes[c] - cs->quota;
    return s;
}

/* More than a quarter of the quota (s. 124(3)): 4 v > quota. */
static bool past_quarter(const stv_count *cs, int64_t votes)
{
    return (psi_i128)votes * 4 > (psi_i128)cs->quota;
}

/* Elects the continuing candidates in who (s. 124), the others staying
 * continuing. */
static int elect_these(stv_count *cs, const size_t *who, size_t k)
{
    size_t n = cs->b->n_candidates;
    unsigned char *keep = cs->state;
    for (size_t c = 0; c < n; c++)
        if (keep[c] == STV_CONTINUING)
            keep[c] = 0xff;
    for (size_t i = 0; i < k; i++)
        keep[who[i]] = STV_CONTINUING;
    int rc = psi_stv_elect(cs, true);
    for (size_t c = 0; c < n; c++)
        if (keep[c] == 0xff)
            keep[c] = STV_CONTINUING;
    return rc;
}

/* s. 124: fills the last vacancies if it can; *done when the count ends. */
static int last_vacancies(stv_count *cs, irish_work *w, bool *done)
{
    ps_stv_result *res = cs->res;
    size_t vacancies = (size_t)res->seats - res->n_elected, m = w->n_order;
    int64_t waiting = surpluses_waiting(cs);
    *done = true;
    if (m <= vacancies) /* s. 124(1) */
        return psi_stv_elect(cs, true);
    if (m == vacancies + 1 &&
        cs->votes[w->order[0]] + waiting < cs->votes[w->order[1]]) /* s. 124(1A) */
        return elect_these(cs, w->order + 1, m - 1);
    if (vacancies == 1) { /* s. 124(2) */
        int64_t others = waiting;
        for (size_t i = 0; i + 1 < m; i++)
            others += cs->votes[w->order[i]];
        if (cs->votes[w->order[m - 1]] > others)
            return elect_these(cs, w->order + m - 1, 1);
    }
    *done = false;
    return 0;
}

/* Whether the surpluses waiting could change anything now. */
static bool surplus_matters(const stv_count *cs, const irish_work *w)
{
    int64_t s = surpluses_waiting(cs), low = cs->votes[w->order[0]];
    if (w->n_order < 2 || s >= cs->votes[w->order[1]] - low)
        return true;
    if (cs->votes[w->order[w->n_order - 1]] + s >= cs->quota)
        return true;
    return !past_quarter(cs, low) && past_quarter(cs, low + s);
}

/* ---- a surplus --------------------------------------------------------------- */

/* Finds the parcels examined for c's surplus (those of stage *from_stage)
 * and counts the sub-parcels in w->sub; returns the transferable papers. */
static int64_t sort_surplus_papers(stv_count *cs, irish_work *w, size_t c, int64_t *from_stage)
{
    stv_pile *p = &cs->pile[c];
    int64_t last = 1, transferable = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->p[i].stage > last)
            last = p->p[i].stage;
    *from_stage = last; /* 1: original votes only, all examined */
    memset(w->sub, 0, cs->b->n_candidates * sizeof *w->sub);
    for (size_t i = 0; i < p->n; i++) {
        stv_parcel *q = &p->p[i];
        if (q->stage != last || q->papers == 0)
            continue;
        size_t j = psi_stv_next_preference(cs, q->line, q->pos);
        if (j == SIZE_MAX)
            continue;
        w->sub[cs->b->pref[j]] += q->papers;
        transferable += q->papers;
    }
    return transferable;
}

/* The papers each sub-parcel gives when the transferable papers exceed the
 * surplus: floor(sub x surplus / transferable), then one more each to the
 * largest fractions (equal: the larger sub-parcel, then the earlier
 * stages' votes, then the ties policy). */
static int share_surplus(stv_count *cs, irish_work *w, int64_t surplus, int64_t transferable)
{
    size_t n = cs->b->n_candidates;
    int64_t given = 0;
    if (transferable <= 0)
        return 0; /* not reached: the caller's transferable > surplus >= 0 */
    for (size_t d = 0; d < n; d++) {
        psi_i128 x = (psi_i128)w->sub[d] * surplus;
        w->take[d] = (int64_t)(x / transferable);
        w->rest[d] = w->sub[d] ? (int64_t)(x % transferable) : -1;
        given += w->take[d];
    }
    for (; given < surplus; given++) {
        size_t k = 0, best = SIZE_MAX;
        for (size_t d = 0; d < n; d++) {
            if (w->rest[d] < 0)
                continue;
            if (best == SIZE_MAX || w->rest[d] > w->rest[best] ||
                (w->rest[d] == w->rest[best] && w->sub[d] > w->sub[best])) {
                best = d;
                k = 0;
            }
            if (w->rest[d] == w->rest[best] && w->sub[d] == w->sub[best])
                cs->tied[k++] = d;
        }
        size_t chosen = cs->tied[0];
        if (k > 1) {
            int rc = psi_stv_settle(cs, cs->tied, k, true, PS_STV_SURPLUS, &chosen);
            if (rc < 0)
                return rc;
        }
        w->take[chosen]++;
        w->rest[chosen] = -1; /* one more paper at most */
    }
    return 0;
}

/* Moves w->take[d] papers to each d from c's examined parcels, the papers
 * last in the file first. */
static int move_shares(stv_count *cs, irish_work *w, size_t c, int64_t from_stage)
{
    stv_pile *p = &cs->pile[c];
    int64_t now = stage_now(cs);
    /* A candidate's parcels come in file order within a stage, so walking
     * the pile backwards meets the last lines first. */
    for (size_t i = p->n; i-- > 0;) {
        stv_parcel *q = &p->p[i];
        if (q->stage != from_stage || q->papers == 0)
            continue;
        size_t j = psi_stv_next_preference(cs, q->line, q->pos);
        if (j == SIZE_MAX)
            continue;
        size_t d = cs->b->pref[j];
        int64_t k = q->papers < w->take[d] ? q->papers : w->take[d];
        if (k == 0)
            continue;
        size_t line = q->line; /* give() may move p->p */
        int rc = give(cs, line, j, k, now);
        if (rc < 0)
            return rc;
        q = &p->p[i];
        q->papers -= k;
        w->take[d] -= k;
        cs->votes[c] -= k * VOTE;
    }
    return 0;
}

static int transfer_surplus(stv_count *cs, irish_work *w)
{
    size_t n = cs->b->n_candidates, c = 0;
    bool found;
    int rc0 = psi_stv_largest_surplus(cs, &c, &found);
    if (rc0 < 0)
        return rc0; /* found: the caller saw a surplus due */
    int64_t surplus = (cs->votes[c] - cs->quota) / VOTE, from_stage;
    int64_t transferable = sort_surplus_papers(cs, w, c, &from_stage);
    if (transferable <= surplus) {
        memcpy(w->take, w->sub, n * sizeof *w->take);
        cs->exhausted += (surplus - transferable) * VOTE; /* not effective */
    } else {
        int rc = share_surplus(cs, w, surplus, transferable);
        if (rc < 0)
            return rc;
    }
    int rc = move_shares(cs, w, c, from_stage);
    if (rc < 0)
        return rc;
    cs->votes[c] = cs->quota;
    cs->surplus_due[c] = false;
    return psi_stv_add_stage(cs, PS_STV_SURPLUS, c, surplus * VOTE, 0);
}

/* ---- exclusion --------------------------------------------------------------- */

/* How many of the lowest candidates go together: the most whose votes and
 * the surpluses waiting are fewer than the next candidate's, none past a
 * candidate short of a quarter of the quota who could pass it with the
 * lower ones' papers, leaving at least as many candidates as vacancies. */
static size_t group_size(const stv_count *cs, const irish_work *w)
{
    size_t m = w->n_order, vacancies = (size_t)cs->res->seats - cs->res->n_elected, best = 1;
    int64_t waiting = surpluses_waiting(cs), sum = cs->votes[w->order[0]];
    for (size_t k = 2; k < m && m - k >= vacancies; k++) {
        int64_t v = cs->votes[w->order[k - 1]];
        if (!past_quarter(cs, v) && past_quarter(cs, sum + waiting + v))
            break;
        sum += v;
        if (sum + waiting < cs->votes[w->order[k]])
            best = k;
    }
    return best;
}

static int exclude_lowest(stv_count *cs, irish_work *w)
{
    size_t k = group_size(cs, w);
    memcpy(w->group, w->order, k * sizeof *w->group);
    if (k == 1) {
        size_t t = 0;
        while (t < w->n_order && cs->votes[w->order[t]] == cs->votes[w->order[0]])
            cs->tied[t] = w->order[t], t++;
        if (t > 1) {
            /* settle wants the level candidates in ballot order */
            for (size_t i = 1; i < t; i++)
                for (size_t j = i; j > 0 && cs->tied[j - 1] > cs->tied[j]; j--) {
                    size_t x = cs->tied[j];
                    cs->tied[j] = cs->tied[j - 1];
                    cs->tied[j - 1] = x;
                }
            int rc = psi_stv_settle(cs, cs->tied, t, false, PS_STV_EXCLUSION, &w->group[0]);
            if (rc < 0)
                return rc;
        }
    }
    int64_t now = stage_now(cs), amount = 0, lost = 0;
    for (size_t i = 0; i < k; i++) {
        size_t g = w->group[i];
        cs->state[g] = STV_EXCLUDED;
        cs->res->candidate[g].status = PS_STV_EXCLUDED;
        cs->res->candidate[g].stage = now;
        amount += cs->votes[g];
    }
    for (size_t i = 0; i < k; i++) {
        size_t g = w->group[i];
        stv_pile *p = &cs->pile[g];
        for (size_t t = 0; t < p->n; t++) {
            stv_parcel q = p->p[t];
            if (q.papers == 0)
                continue;
            size_t j = psi_stv_next_preference(cs, q.line, q.pos);
            int rc = j == SIZE_MAX ? (lost += q.papers, 0) : give(cs, q.line, j, q.papers, now);
            if (rc < 0)
                return rc;
        }
        psi_free(p->p);
        memset(p, 0, sizeof *p);
        cs->votes[g] = 0;
    }
    cs->exhausted += lost * VOTE;
    int rc = psi_stv_add_stage(cs, PS_STV_EXCLUSION, w->group[0], amount, 0);
    if (rc < 0)
        return rc;
    ps_stv_stage *s = &cs->res->stage[cs->res->n_stages - 1];
    if (!(s->excluded = psi_malloc_array(k, sizeof *s->excluded)))
        return psi_enomem(cs->err);
    memcpy(s->excluded, w->group, k * sizeof *s->excluded);
    s->n_excluded = k;
    return 0;
}

/* ---- the count --------------------------------------------------------------- */

/* A ballot line's papers, whole, to its first preference (filed at count 1). */
static int give_first(stv_count *cs, size_t line, size_t candidate)
{
    return give(cs, line, candidate, cs->b->count[line], 1);
}

int psi_stv_run_irish(stv_count *cs)
{
    size_t n = cs->b->n_candidates;
    irish_work w = {0};
    int rc = 0;
    if (!(w.order = psi_calloc(n, sizeof *w.order)) || !(w.sub = psi_calloc(n, sizeof *w.sub)) ||
        !(w.take = psi_calloc(n, sizeof *w.take)) || !(w.rest = psi_calloc(n, sizeof *w.rest)) ||
        !(w.group = psi_calloc(n, sizeof *w.group)))
        rc = psi_enomem(cs->err);
    if (rc == 0)
        rc = psi_stv_first_stage(cs, give_first);
    while (rc == 0 && cs->res->n_elected < (size_t)cs->res->seats) {
        if (psi_cancelled()) {
            rc = psi_cancel_error(cs->err);
            break;
        }
        sort_continuing(cs, &w);
        bool done;
        rc = last_vacancies(cs, &w, &done);
        if (rc < 0 || done)
            break;
        bool surplus = false;
        for (size_t c = 0; c < n; c++)
            surplus |= cs->surplus_due[c];
        if (surplus && surplus_matters(cs, &w))
            rc = transfer_surplus(cs, &w);
        else
            rc = exclude_lowest(cs, &w);
        if (rc == 0)
            rc = psi_stv_elect(cs, false);
    }
    psi_free(w.order);
    psi_free(w.sub);
    psi_free(w.take);
    psi_free(w.rest);
    psi_free(w.group);
    return rc;
}
