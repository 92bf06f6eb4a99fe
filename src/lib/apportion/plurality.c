/*
 * plurality.c - multi-member plurality (powershare/plurality.h): in each
 * district the candidates with the most votes fill its seats.
 *
 * Under the single non-transferable vote (Japan's Public Offices Election
 * Act, art. 95: the candidates with the most valid votes win, up to the
 * number to elect), the block vote (England's Local Elections (Principal
 * Areas) Rules 2006, rule 45: "the candidates ... to whom the greatest
 * number of votes have been given shall be declared to have been elected")
 * and the limited vote the count is the same; only the ballot differs, and
 * the candidate totals already carry it.
 *
 * Each district is sorted once (most votes first, the file's order among
 * equals). A tie exists only when candidates level with the last winner
 * are more than the seats left for them; it is settled by the apportion
 * stage's tie service (apportion_tie.c), so that it is refused, broken and
 * recorded exactly as a tie between lists is, with one random stream for
 * the whole table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apportion_tie.h"
#include "util.h"
#include "powershare/plurality.h"

static const char *const method_names[PS_PLURALITY_METHOD_COUNT] = {"sntv", "block-vote",
                                                                     "limited-vote"};
static const char *const ballots[PS_PLURALITY_METHOD_COUNT] = {
    "one vote", "as many votes as seats", "fewer votes than seats"};

static const struct {
    const char *name;
    ps_plurality_method method;
} aliases[] = {
    {"single-non-transferable-vote", PS_SNTV},
    {"plurality-at-large", PS_BLOCK_VOTE},
    {"bloc-vote", PS_BLOCK_VOTE},
    {"limited", PS_LIMITED_VOTE},
};

const char *ps_plurality_method_name(ps_plurality_method method)
{
    return (unsigned)method < PS_PLURALITY_METHOD_COUNT ? method_names[method] : NULL;
}

const char *ps_plurality_ballot(ps_plurality_method method)
{
    return (unsigned)method < PS_PLURALITY_METHOD_COUNT ? ballots[method] : NULL;
}

int ps_plurality_method_parse(ps_plurality_method *out, const char *name, ps_error *err)
{
    for (int m = 0; name && m < PS_PLURALITY_METHOD_COUNT; m++)
        if (strcasecmp(name, method_names[m]) == 0) {
            *out = (ps_plurality_method)m;
            return 0;
        }
    for (size_t i = 0; name && i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcasecmp(name, aliases[i].name) == 0) {
            *out = aliases[i].method;
            return 0;
        }
    return psi_error(err, PS_EINVAL, NULL, 0, 0,
                     "unknown plurality method '%s'; expected sntv, block-vote or limited-vote "
                     "(or single-non-transferable-vote, plurality-at-large, bloc-vote, limited)",
                     name ? name : "(null)");
}

void ps_plurality_options_init(ps_plurality_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->method = PS_SNTV;
    opt->ties = PS_TIES_ERROR;
}

void ps_plurality_result_free(ps_plurality_result *r)
{
    if (!r)
        return;
    for (size_t d = 0; r->district && d < r->n_districts; d++) {
        psi_free(r->district[d].order);
        psi_tie_free(r->district[d].tie);
    }
    psi_free(r->district);
    psi_free(r->elected);
    psi_free(r->rank);
    psi_free(r->party_votes);
    psi_free(r->party_seats);
    psi_free(r->party_candidates);
    psi_free(r);
}

/* qsort has no context argument: the votes being sorted. Each call sets it
 * and sorts at once, under no lock, so sort_votes is thread-local. */
static _Thread_local const int64_t *sort_votes;

static int by_votes(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (sort_votes[x] != sort_votes[y])
        return sort_votes[x] > sort_votes[y] ? -1 : 1;
    return (x > y) - (x < y); /* the file's order among equals */
}

/* Fills each district's candidate list, in the file's order. */
static int gather(ps_plurality_result *r, const ps_candidate_votes *cv)
{
    for (size_t d = 0; d < cv->n_districts; d++) {
        r->district[d].order = psi_malloc_array(cv->n_standing[d] ? cv->n_standing[d] : 1,
                                                sizeof *r->district[d].order);
        if (!r->district[d].order)
            return PS_ENOMEM;
    }
    for (size_t i = 0; i < cv->n_candidates; i++) {
        ps_plurality_district *pd = &r->district[cv->district[i]];
        pd->order[pd->n_candidates++] = i;
        pd->votes += cv->votes[i];
    }
    return 0;
}

/* Elects the first `seats` of the sorted district, settling a tie at the
 * last seat through the tie service. */
static int count_district(ps_plurality_result *r, size_t d, const ps_candidate_votes *cv,
                          psi_tie_ctx *tc, ps_error *err)
{
    ps_plurality_district *pd = &r->district[d];
    size_t n = pd->n_candidates, m = (size_t)pd->seats;
    sort_votes = cv->votes;
    qsort(pd->order, n, sizeof *pd->order, by_votes);
    if (m < n && cv->votes[pd->order[m - 1]] == cv->votes[pd->order[m]]) {
        int64_t level = cv->votes[pd->order[m - 1]];
        size_t lo = m - 1, hi = m + 1;
        while (lo > 0 && cv->votes[pd->order[lo - 1]] == level)
            lo--;
        while (hi < n && cv->votes[pd->order[hi]] == level)
            hi++;
        /* positions lo..hi-1 are level; m - lo seats are left for them */
        size_t n_tied = hi - lo, k = m - lo;
        size_t *tied = psi_malloc_array(n_tied, sizeof *tied);
        if (!tied)
            return psi_enomem(err);
        for (size_t i = 0; i < n_tied; i++)
            tied[i] = i; /* compact: position lo + i, already in file order */
        char scope[PS_ERROR_MESSAGE_MAX / 4] = "";
        if (cv->has_district_column)
            snprintf(scope, sizeof scope, " in district '%s'", cv->districts[d]);
        tc->map = pd->order + lo;
        tc->scope = scope;
        tc->tie = NULL;
        int rc = psi_tie_decide(tc, tied, n_tied, k, pd->seats, "equal votes", err);
        if (rc == 0) {
            size_t *picked = psi_malloc_array(n_tied, sizeof *picked);
            if (!picked) {
                rc = psi_enomem(err);
            } else {
                for (size_t i = 0; i < n_tied; i++)
                    picked[i] = pd->order[lo + tied[i]];
                memcpy(pd->order + lo, picked, n_tied * sizeof *picked);
                psi_free(picked);
            }
        }
        pd->tie = tc->tie;
        tc->tie = NULL;
        tc->map = NULL;
        tc->scope = "";
        psi_free(tied);
        if (rc < 0)
            return rc;
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = pd->order[i];
        r->rank[c] = (int64_t)i + 1;
        r->elected[c] = i < m;
        r->party_votes[cv->party[c]] += cv->votes[c];
        r->party_candidates[cv->party[c]]++;
        if (i < m)
            r->party_seats[cv->party[c]]++;
    }
    return 0;
}

static int check(const ps_candidate_votes *cv, const ps_plurality_options *opt, ps_error *err)
{
    if ((unsigned)opt->method >= PS_PLURALITY_METHOD_COUNT ||
        (unsigned)opt->ties > (unsigned)PS_TIES_RANDOM)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "plurality options out of range");
    for (size_t d = 0; d < cv->n_districts; d++)
        if (cv->seats[d] < 1)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             cv->has_district_column
                                 ? "district '%s' has no seats given: add a seats column or a "
                                   "district,seats file"
                                 : "%sthe seats to fill are not given",
                             cv->districts[d]);
    return 0;
}

int ps_plurality_count(ps_plurality_result **out, const ps_candidate_votes *cv,
                       const ps_plurality_options *opt, ps_error *err)
{
    *out = NULL;
    ps_plurality_options defaults;
    if (!opt) {
        ps_plurality_options_init(&defaults);
        opt = &defaults;
    }
    int rc = check(cv, opt, err);
    if (rc < 0)
        return rc;
    ps_plurality_result *r = psi_calloc(1, sizeof *r);
    if (!r)
        return psi_enomem(err);
    r->method = opt->method;
    r->n_candidates = cv->n_candidates;
    r->n_districts = cv->n_districts;
    r->n_parties = cv->n_parties;
    r->elected = psi_calloc(cv->n_candidates, sizeof *r->elected);
    r->rank = psi_calloc(cv->n_candidates, sizeof *r->rank);
    r->district = psi_calloc(cv->n_districts, sizeof *r->district);
    r->party_votes = psi_calloc(cv->n_parties, sizeof *r->party_votes);
    r->party_seats = psi_calloc(cv->n_parties, sizeof *r->party_seats);
    r->party_candidates = psi_calloc(cv->n_parties, sizeof *r->party_candidates);
    if (!r->elected || !r->rank || !r->district || !r->party_votes || !r->party_seats ||
        !r->party_candidates || gather(r, cv) < 0) {
        ps_plurality_result_free(r);
        return psi_enomem(err);
    }
    ps_apportion_options aopt;
    ps_apportion_options_init(&aopt);
    aopt.ties = opt->ties;
    aopt.seed = opt->seed;
    aopt.names = (const char *const *)cv->candidates;
    psi_tie_ctx tc;
    psi_tie_ctx_init(&tc, &aopt);
    tc.label = "candidate";
    for (size_t d = 0; d < cv->n_districts && rc == 0; d++) {
        r->district[d].seats = cv->seats[d];
        r->seats += cv->seats[d];
        r->votes += r->district[d].votes;
        rc = count_district(r, d, cv, &tc, err);
    }
    if (rc < 0) {
        ps_plurality_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}
