/*
 * apportion_biprop_quorum.c - the district quorum of a biproportional
 * apportionment (powershare/apportion.h, ps_biproportional_options): a party
 * with a given share of one district's votes takes part in the
 * apportionment even below the overall threshold, or, with no overall
 * threshold, only such parties take part (the forms of the Swiss cantons'
 * quorums: "5% of a district's votes", "5% in a district or 3% overall").
 *
 * The upper apportionment (ps_apportion) already knows how to let a party
 * past its threshold: an exemption. So the quorum only marks the parties
 * that meet it as exempt; where there is no overall threshold it sets one
 * of 100% of the votes, which no party passes by itself unless it has every
 * vote (and then it has every vote of its districts too). The comparison
 * is exact: votes x den >= num x the district's votes, in 128 bits.
 */
#include "apportion_biprop_quorum.h"
#include "util.h"

/* Does party p have at least num/den of some district's votes? */
static bool meets_quorum(const int64_t *votes, const int64_t *district_votes, size_t p,
                         size_t nd, ps_ratio share)
{
    for (size_t d = 0; d < nd; d++) {
        int64_t v = votes[p * nd + d];
        if (v > 0 && (psi_i128)v * share.den >= (psi_i128)share.num * district_votes[d])
            return true;
    }
    return false;
}

int psi_biprop_district_quorum(ps_apportion_options *o, bool **exempt, const int64_t *votes,
                               size_t np, size_t nd, const ps_biproportional_options *bopt,
                               ps_error *err)
{
    ps_ratio share = bopt->district_threshold;
    *exempt = NULL;
    if (share.num == 0 && share.den == 0)
        return 0;
    if (share.den <= 0 || share.num <= 0 || share.num > share.den)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "district threshold %lld/%lld; expected a share of a district's "
                         "votes above 0 and at most 1",
                         (long long)share.num, (long long)share.den);
    int64_t *district_votes = psi_calloc(nd ? nd : 1, sizeof *district_votes);
    bool *ex = psi_calloc(np ? np : 1, sizeof *ex);
    if (!district_votes || !ex) {
        psi_free(district_votes);
        psi_free(ex);
        return psi_enomem(err);
    }
    /* the caller checked that the votes are >= 0 and their total fits */
    for (size_t p = 0; p < np; p++)
        for (size_t d = 0; d < nd; d++)
            district_votes[d] += votes[p * nd + d];
    for (size_t p = 0; p < np; p++)
        ex[p] = (o->exempt && o->exempt[p]) ||
                meets_quorum(votes, district_votes, p, nd, share);
    psi_free(district_votes);
    if (o->threshold == PS_THRESHOLD_NONE) {
        o->threshold = PS_THRESHOLD_SHARE;
        o->threshold_share = (ps_ratio){1, 1};
    }
    o->exempt = ex;
    *exempt = ex;
    return 0;
}
