/*
 * parity.c - posts split equally between communities, then shared within
 * each (include/powershare/portfolio.h, "Parity between communities").
 *
 * Belgium's Constitution, art. 99, is the model: the Prime Minister
 * possibly excepted, the Council of Ministers has as many Dutch- as
 * French-speaking ministers. Each community's part (posts / n) is shared
 * among the coalition's lists of that community by the result's own method,
 * run on a sub-result that holds only those lists (their tie ranks
 * renumbered in the order of the whole), and mapped back: the posts won, the picks in
 * community order, the Gamson shares of the part and its remainder tie.
 * Michel I (2014, 14 ministers): MR alone of the French-speaking lists, so
 * its 7; N-VA 33, CD&V 18, Open Vld 14 share the Dutch-speaking 7.
 */
#include <string.h>

#include "util.h"
#include "../legislature/legislature_impl.h"
#include "portfolio_impl.h"

/* Checks the communities and the split; fills the parts' ids and posts. */
static int parity_parts(ps_portfolio *p, const ps_legislature *leg, const ps_portfolio_options *opt,
                        long *community, ps_error *err)
{
    size_t k = opt->n_parity;
    if (p->posts % (int64_t)k != 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "parity: %lld posts cannot be split equally among %zu communities",
                         (long long)p->posts, k);
    for (size_t g = 0; g < k; g++) {
        const char *id = opt->parity[g] ? opt->parity[g] : "";
        long c = ps_legislature_find_community(leg, id);
        if (c < 0)
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "parity: the legislature has no community '%s'", id);
        for (size_t h = 0; h < g; h++)
            if (community[h] == c)
                return psi_error(err, PS_EDATA, NULL, 0, 0,
                                 "parity: community '%s' is named twice", id);
        community[g] = c;
        p->parity[g].community = leg->communities[c].id;
        p->parity[g].posts = p->posts / (int64_t)k;
    }
    return PS_OK;
}

/* A result holding the members of p whose community is c. */
static int part_of(ps_portfolio **out, const ps_portfolio *p, const ps_legislature *leg, long c,
                   int64_t posts, size_t *index, ps_error *err)
{
    ps_portfolio *q = psi_calloc(1, sizeof *q);
    size_t n = p->n_members;
    if (!q || !(q->party = psi_calloc(n, sizeof *q->party)) ||
        !(q->seats = psi_calloc(n, sizeof *q->seats)) ||
        !(q->tie_rank = psi_calloc(n, sizeof *q->tie_rank)) ||
        !(q->won = psi_calloc(n, sizeof *q->won))) {
        ps_portfolio_free(q);
        return psi_enomem(err);
    }
    q->method = p->method;
    q->posts = posts;
    for (size_t i = 0; i < n; i++) {
        if (leg->parties[p->party[i]].community != (int)c)
            continue;
        size_t j = q->n_members++;
        index[j] = i;
        q->party[j] = p->party[i];
        q->seats[j] = p->seats[i];
        q->coalition_seats += p->seats[i];
    }
    /* the part's tie ranks: 0..m-1 in the order of the whole */
    for (size_t j = 0; j < q->n_members; j++) {
        size_t before = 0;
        for (size_t l = 0; l < q->n_members; l++)
            before += p->tie_rank[index[l]] < p->tie_rank[index[j]];
        q->tie_rank[j] = before;
    }
    *out = q;
    return PS_OK;
}

/* Copies part q (members index[]) into p: posts, picks from *next_pick,
 * Gamson shares and the remainder tie into part g. */
static void merge_part(ps_portfolio *p, ps_portfolio *q, const size_t *index, size_t g,
                       size_t *next_pick)
{
    for (size_t j = 0; j < q->n_members; j++) {
        p->won[index[j]] = q->won[j];
        if (q->share_num) {
            p->share_num[index[j]] = q->share_num[j];
            p->share_den[index[j]] = q->share_den[j];
        }
    }
    for (int64_t k = 0; q->picks && k < q->posts; k++) {
        ps_pick *pk = &p->picks[(*next_pick)++];
        *pk = q->picks[k];
        q->picks[k].tied = NULL; /* now p's */
        pk->member = index[pk->member];
        for (size_t t = 0; t < pk->n_tied && pk->tied; t++)
            pk->tied[t] = index[pk->tied[t]];
    }
    ps_parity_part *part = &p->parity[g];
    if (q->n_remainder_tied) {
        part->remainder_tied = q->remainder_tied;
        q->remainder_tied = NULL;
        part->n_remainder_tied = q->n_remainder_tied;
        part->n_remainder_winners = q->n_remainder_winners;
        for (size_t t = 0; t < part->n_remainder_tied; t++)
            part->remainder_tied[t] = index[part->remainder_tied[t]];
    }
}

int psi_portfolio_parity(ps_portfolio *p, const ps_legislature *leg,
                         const ps_portfolio_options *opt, ps_error *err)
{
    size_t k = opt->n_parity, n = p->n_members;
    long *community = psi_calloc(k, sizeof *community);
    size_t *index = psi_calloc(n, sizeof *index);
    p->parity = psi_calloc(k, sizeof *p->parity);
    bool gamson = p->method == PS_PORTFOLIO_GAMSON;
    if (gamson) {
        p->share_num = psi_calloc(n, sizeof *p->share_num);
        p->share_den = psi_calloc(n, sizeof *p->share_den);
    } else {
        p->picks = psi_calloc(p->posts ? (size_t)p->posts : 1, sizeof *p->picks);
    }
    int rc = PS_OK;
    if (!community || !index || !p->parity || (gamson && (!p->share_num || !p->share_den)) ||
        (!gamson && !p->picks))
        rc = psi_enomem(err);
    if (rc == PS_OK) {
        p->n_parity = k;
        rc = parity_parts(p, leg, opt, community, err);
    }
    for (size_t i = 0; gamson && rc == PS_OK && i < n; i++)
        p->share_den[i] = 1; /* a list of no named community: 0 of 1 */
    size_t next_pick = 0;
    for (size_t g = 0; rc == PS_OK && g < k; g++) {
        ps_portfolio *q = NULL;
        rc = part_of(&q, p, leg, community[g], p->parity[g].posts, index, err);
        if (rc == PS_OK) {
            p->parity[g].seats = q->coalition_seats;
            p->parity[g].n_members = q->n_members;
            if (q->posts > 0 && q->coalition_seats == 0)
                rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                               "parity: the coalition holds no seat of community '%s', which "
                               "is owed %lld of the %lld posts",
                               p->parity[g].community, (long long)q->posts, (long long)p->posts);
        }
        if (rc == PS_OK)
            rc = gamson ? psi_portfolio_gamson(q, err) : psi_portfolio_sequential(q, err);
        if (rc == PS_OK)
            merge_part(p, q, index, g, &next_pick);
        ps_portfolio_free(q);
    }
    psi_free(community);
    psi_free(index);
    return rc;
}
