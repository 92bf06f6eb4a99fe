/*
 * system_ams.c - the additional member system (system.h,
 * "additional_members"): each region's list seats by the law's divisor
 * method, a list's constituency wins in the region counted as seats it
 * already holds.
 *
 * The Scotland Act 1998, sections 6-8 (and the Government of Wales Act
 * 2006, sections 6-9, in the same words): the regional figure of a party is
 * its regional votes divided by 1 plus its constituency seats in the region
 * plus its regional seats so far; the highest figure takes the next seat,
 * one seat at a time, until the region's seats are filled. An individual
 * regional candidate is a list of one, and a list that has no votes takes
 * no seat. Constituency seats of lists with no regional votes (an
 * independent, a party standing in the constituencies only) stay theirs.
 *
 * The seats are given as the Acts give them, one at a time, from the seats
 * held: ps_apportion starts every list at 0 seats, and emulating the head
 * start with it (the region's constituency and list seats shared, lists
 * whose wins pass their share set aside) reports ties between quotients
 * that the law never compares (a list's figures below its constituency
 * seats). Quotients are compared exactly (psi_cmp_products on the divisors
 * of psi_system_divisor); only level figures that decide a seat are a tie,
 * settled by the tie service of the apportion stage as every method's.
 */
#include <stdio.h>
#include <string.h>

#include "apportion_tie.h"
#include "system_impl.h"

/* The list seats of one region (law district k): votes[p] and held[p]
 * (its constituency seats there) in, got[p] (its list seats) out. in[p]:
 * the list takes part. tied: n scratch entries. */
static int region(int64_t *got, const int64_t *votes, const int64_t *held, const bool *in,
                  size_t n, size_t *tied, const ps_system *law, size_t k, ps_tie **tie,
                  ps_error *err)
{
    int64_t seats = law->district_seats[k];
    char scope[160];
    snprintf(scope, sizeof scope, " in district '%s'", law->district[k]);
    psi_tie_ctx tc;
    psi_tie_ctx_init(&tc, &law->apportion);
    tc.names = law->apportion.names;
    tc.scope = scope;
    memset(got, 0, n * sizeof *got);
    int rc = 0;
    for (int64_t given = 0; rc == 0 && given < seats;) {
        size_t best = n, n_tied = 0;
        for (size_t p = 0; p < n; p++) {
            if (!in[p])
                continue;
            int c = best == n ? 1
                              : psi_system_cmp_quotients(law, votes[p], held[p] + got[p],
                                                         votes[best], held[best] + got[best]);
            if (c > 0)
                best = p, n_tied = 0;
            if (c >= 0)
                tied[n_tied++] = p;
        }
        if (best == n) {
            rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                           "no list has regional votes in district '%s' for its %lld seats",
                           law->district[k], (long long)seats);
            break;
        }
        /* every list with the highest figure takes a seat, unless there are
         * more of them than seats left: then the tie decides */
        int64_t left = seats - given;
        size_t take = n_tied;
        if ((int64_t)n_tied > left) {
            take = (size_t)left;
            rc = psi_tie_decide(&tc, tied, n_tied, take, seats, "equal regional figures", err);
        }
        for (size_t i = 0; rc == 0 && i < take; i++)
            got[tied[i]]++;
        given += (int64_t)take;
    }
    if (tc.tie && !*tie)
        *tie = tc.tie;
    else
        psi_tie_free(tc.tie);
    return rc;
}

int psi_system_additional(ps_system_result *r, const ps_system *law, const ps_votes *v,
                          const bool *others, psi_buf *notes, ps_error *err)
{
    size_t n = v->n_parties, nd = law->n_districts, nv = v->n_districts;
    r->n_districts = nd;
    r->by_district = psi_calloc(n * nd, sizeof *r->by_district);
    r->leveling = psi_calloc(n, sizeof *r->leveling);
    r->leveling_by_district = psi_calloc(n * nd, sizeof *r->leveling_by_district);
    size_t *law_of = psi_calloc(nv ? nv : 1, sizeof *law_of), *tied = psi_calloc(n, sizeof *tied);
    int64_t *votes = psi_calloc(n * nd, sizeof *votes), *col = psi_calloc(n, sizeof *col);
    int64_t *held = psi_calloc(n, sizeof *held), *got = psi_calloc(n, sizeof *got);
    bool *in = psi_calloc(n, sizeof *in);
    int rc = r->by_district && r->leveling && r->leveling_by_district && law_of && tied &&
                     votes && col && held && got && in
                 ? 0
                 : psi_enomem(err);
    if (rc == 0)
        rc = psi_system_match_districts(law_of, law, v, err);
    if (rc == 0 && !v->district_wins)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "the law %s counts each list's constituency wins in its region: give "
                       "them in a direct_wins column of the votes by district",
                       law->id ? law->id : "given");
    int64_t wins = 0;
    for (size_t p = 0; rc == 0 && p < n; p++) {
        for (size_t d = 0; d < nv; d++) {
            size_t k = law_of[d];
            votes[p * nd + k] = v->votes[p * nv + d];
            r->by_district[p * nd + k] = v->district_wins[p * nv + d];
            r->votes_total += v->votes[p * nv + d];
            r->seats[p] += v->district_wins[p * nv + d];
            wins += v->district_wins[p * nv + d];
        }
        if (others && others[p])
            psi_buf_printf(notes, "%s counts in the valid votes but is not a list: it wins no "
                                  "list seat\n",
                           v->parties[p]);
    }
    if (rc == 0 && wins != law->additional_members)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "the direct_wins add up to %lld constituency seats, not the law's %lld",
                       (long long)wins, (long long)law->additional_members);
    ps_system law_k = *law; /* the tie service names the lists */
    law_k.apportion.names = (const char *const *)v->parties;
    for (size_t k = 0; rc == 0 && k < nd; k++) {
        for (size_t p = 0; p < n; p++) {
            col[p] = votes[p * nd + k];
            held[p] = r->by_district[p * nd + k];
            in[p] = col[p] > 0 && !(others && others[p]);
        }
        rc = region(got, col, held, in, n, tied, &law_k, k, &r->tie, err);
        for (size_t p = 0; rc == 0 && p < n; p++) {
            r->leveling_by_district[p * nd + k] = got[p];
            r->leveling[p] += got[p];
            r->seats[p] += got[p];
        }
    }
    for (size_t p = 0; rc == 0 && p < n; p++) {
        r->eligible[p] = r->seats[p] > 0;
        for (size_t k = 0; k < nd; k++)
            r->eligible[p] |= votes[p * nd + k] > 0 && !(others && others[p]);
    }
    r->house = law->apportion.seats;
    psi_free(law_of);
    psi_free(tied);
    psi_free(votes);
    psi_free(col);
    psi_free(held);
    psi_free(got);
    psi_free(in);
    return rc;
}
