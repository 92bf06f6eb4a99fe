/*
 * apportion_biprop_winners.c - which cells winner-take-one guarantees a seat.
 *
 * Grisons' law on the election of the Grand Council (Grossratswahlgesetz,
 * GRWG, art. 28 (2)-(3), first applied in 2022) adds a "Majorzbedingung" to
 * the lower apportionment: the list with the most votes in a district wins
 * at least one seat there, within the seats its party has from the upper
 * apportionment. Schaffhausen's election law (amended in force 1 March
 * 2016) says the same for its district of one seat only. The lower
 * apportionment then rounds these cells with a first divisor of 0
 * (Pukelsheim and Schuhmacher, "Doppelproporz bei Parlamentswahlen: ein
 * Rueck- und Ausblick", AJP 2011); this file only picks the cells.
 *
 * Two choices the laws leave open, made so as never to ask the impossible:
 * lists without upper seats (under the threshold) are not candidates, and
 * a district where more lists tie for the most votes than it has seats
 * guarantees none of them (the caller reports it).
 */
#include <stdio.h>
#include <string.h>

#include "apportion_biprop_winners.h"
#include "apportion_impl.h"
#include "util.h"

static bool applies(ps_winner_take_one rule, int64_t seats)
{
    if (seats <= 0)
        return false;
    return rule == PS_WTO_EVERY || (rule == PS_WTO_SINGLE_SEAT && seats == 1);
}

/* Pushes the leftover seats along one augmenting path found by
 * breadth-first search, from a party with room through cells with votes
 * (forward) and cells already holding seats (backward) to a district with
 * room. Nodes: parties 0..np-1, districts np..np+nd-1; from[p] == p marks a
 * party where a path starts. Returns the seats pushed, 0 when no path. */
static int64_t augment(const ps_biproportion *r, const int64_t *votes, int64_t *proom,
                       int64_t *droom, int64_t *flow, size_t *from, size_t *queue)
{
    size_t np = r->n_parties, nd = r->n_districts, head = 0, tail = 0, end = SIZE_MAX;
    for (size_t u = 0; u < np + nd; u++)
        from[u] = SIZE_MAX;
    for (size_t p = 0; p < np; p++)
        if (proom[p] > 0)
            from[p] = p, queue[tail++] = p;
    while (head < tail && end == SIZE_MAX) {
        size_t u = queue[head++];
        if (u < np) {
            for (size_t d = 0; d < nd; d++)
                if (votes[u * nd + d] > 0 && r->district_seats[d] > 0 && from[np + d] == SIZE_MAX)
                    from[np + d] = u, queue[tail++] = np + d;
        } else if (droom[u - np] > 0) {
            end = u;
        } else {
            for (size_t p = 0; p < np; p++)
                if (flow[p * nd + (u - np)] > 0 && from[p] == SIZE_MAX)
                    from[p] = u, queue[tail++] = p;
        }
    }
    if (end == SIZE_MAX)
        return 0;
    int64_t push = droom[end - np];
    for (size_t w = end;; w = from[w]) {
        if (w < np && from[w] == w) {
            push = proom[w] < push ? proom[w] : push;
            break;
        }
        if (w < np && flow[w * nd + (from[w] - np)] < push) /* a seat moved back */
            push = flow[w * nd + (from[w] - np)];
    }
    droom[end - np] -= push;
    for (size_t w = end;; w = from[w]) {
        if (w < np && from[w] == w) {
            proom[w] -= push;
            break;
        }
        if (w >= np)
            flow[from[w] * nd + (w - np)] += push;
        else
            flow[w * nd + (from[w] - np)] -= push;
    }
    return push;
}

/* *ok: some matrix with the margins gives every marked cell a seat, seats
 * only where there are votes. The seats left after one per marked cell are
 * sent from parties to districts as a maximum flow (Ford-Fulkerson on
 * integers); every one of them must arrive. */
static int feasible(const unsigned char *must, const ps_biproportion *r, const int64_t *votes,
                    bool *ok, ps_error *err)
{
    size_t np = r->n_parties, nd = r->n_districts;
    int64_t *proom = psi_calloc(np, sizeof *proom), *droom = psi_calloc(nd, sizeof *droom);
    int64_t *flow = psi_calloc(np * nd, sizeof *flow);
    size_t *from = psi_malloc_array(np + nd, sizeof *from);
    size_t *queue = psi_malloc_array(np + nd, sizeof *queue);
    int rc = 0;
    if (!proom || !droom || !flow || !from || !queue) {
        rc = psi_enomem(err);
        goto done;
    }
    int64_t left = 0, push;
    for (size_t p = 0; p < np; p++)
        proom[p] = r->party_seats[p];
    for (size_t d = 0; d < nd; d++)
        droom[d] = r->district_seats[d];
    for (size_t i = 0; i < np * nd; i++) {
        proom[i / nd] -= must[i];
        droom[i % nd] -= must[i];
    }
    for (size_t d = 0; d < nd; d++)
        left += droom[d];
    while (left > 0 && (push = augment(r, votes, proom, droom, flow, from, queue)) > 0)
        left -= push;
    *ok = left == 0;
done:
    psi_free(proom);
    psi_free(droom);
    psi_free(flow);
    psi_free(from);
    psi_free(queue);
    return rc;
}

int psi_biprop_winners(unsigned char *must, ps_biproportion *r, const int64_t *votes,
                       ps_winner_take_one rule, const char *const *names, ps_error *err)
{
    size_t np = r->n_parties, nd = r->n_districts;
    for (size_t d = 0; d < nd; d++) {
        if (!applies(rule, r->district_seats[d]))
            continue;
        int64_t best = 0;
        size_t level = 0;
        for (size_t p = 0; p < np; p++) {
            int64_t v = votes[p * nd + d];
            if (r->party_seats[p] == 0 || v <= 0 || v < best)
                continue;
            level = v > best ? 1 : level + 1;
            best = v;
        }
        if (level == 0)
            continue;
        if ((int64_t)level > r->district_seats[d]) {
            if (!r->unguaranteed) {
                r->unguaranteed = psi_malloc_array(nd, sizeof *r->unguaranteed);
                if (!r->unguaranteed)
                    return psi_enomem(err);
            }
            r->unguaranteed[r->n_unguaranteed++] = d;
            continue;
        }
        for (size_t p = 0; p < np; p++)
            must[p * nd + d] = r->party_seats[p] > 0 && votes[p * nd + d] == best;
    }
    for (size_t p = 0; p < np; p++) {
        int64_t wins = 0;
        for (size_t d = 0; d < nd; d++)
            wins += must[p * nd + d];
        if (wins <= r->party_seats[p])
            continue;
        char who[96];
        if (names && names[p])
            snprintf(who, sizeof who, "%s", names[p]);
        else
            snprintf(who, sizeof who, "party #%zu", p + 1);
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "winner-take-one cannot be met: %s has the most votes in %lld "
                         "districts but only %lld seat%s from the upper apportionment",
                         who, (long long)wins, (long long)r->party_seats[p],
                         r->party_seats[p] == 1 ? "" : "s");
    }
    bool ok = false;
    int rc = feasible(must, r, votes, &ok, err);
    if (rc == 0 && !ok)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "winner-take-one cannot be met: no matrix of seats gives each "
                       "district's strongest list a seat within the party and district totals "
                       "(seats go only where a list has votes)");
    return rc;
}
