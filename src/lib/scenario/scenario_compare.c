/*
 * scenario_compare.c - the difference of two analyses (before and after a
 * scenario), for the whatif command, the report and the web page.
 *
 * Parties are matched by id, so a list that lost seats to defectors is the
 * same row before and after, while a merged list is a new row and the two it
 * replaced show 0 after. Community power is the exact sum (GMP rationals) of
 * its lists' indices: the Banzhaf and Shapley-Shubik values of the parties
 * are fractions, and a community's share is their sum, reduced.
 *
 * Coalitions are matched as sets of party ids over the union of both
 * chambers' ids; each side's list is sorted (number of members, then ids)
 * and merged in one pass, so the cost is O(m log m) for m listed coalitions.
 */
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "powershare/scenario.h"
#include "scenario_impl.h"

static void fraction_clear(ps_fraction *f)
{
    psi_free(f->num);
    psi_free(f->den);
    f->num = f->den = NULL;
}

void ps_scenario_diff_free(ps_scenario_diff *d)
{
    if (!d)
        return;
    ps_diff_row *sets[2] = {d->parties, d->communities};
    const size_t ns[2] = {d->n_parties, d->n_communities};
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < ns[t]; i++)
            for (int k = 0; k < 2; k++) {
                fraction_clear(&sets[t][i].banzhaf[k]);
                fraction_clear(&sets[t][i].shapley[k]);
            }
    psi_free(d->parties);
    psi_free(d->communities);
    for (size_t i = 0; i < d->n_appeared; i++)
        psi_free(d->appeared[i].members);
    for (size_t i = 0; i < d->n_disappeared; i++)
        psi_free(d->disappeared[i].members);
    psi_free(d->appeared);
    psi_free(d->disappeared);
    psi_free(d);
}

static char *mpz_text(const mpz_t z)
{
    char *s = psi_malloc(mpz_sizeinbase(z, 10) + 2);
    if (s)
        mpz_get_str(s, 10, z);
    return s;
}

static bool picked(const ps_analysis *an, size_t i, int community, long party)
{
    return party >= 0 ? (long)i == party
                      : community >= 0 && an->leg->parties[i].community == community;
}

/* The sum of index k over the parties of `an` for which pick(i) holds, as a
 * reduced fraction; NAN without numbers when the index was not computed.
 * Monte Carlo estimates (the power stage's fallback) sum as doubles, with
 * no fraction. */
static int sum_index(ps_fraction *f, const ps_analysis *an, ps_index k, int community,
                     long party)
{
    f->num = f->den = NULL;
    f->value = NAN;
    if (!an->power || !an->power->values[k])
        return PS_OK;
    if (!an->power->exact) {
        f->value = 0;
        for (size_t i = 0; i < an->leg->n_parties; i++)
            if (picked(an, i, community, party))
                f->value += an->power->values[k][i].value;
        return PS_OK;
    }
    mpq_t acc, v;
    mpq_init(acc);
    mpq_init(v);
    int rc = PS_OK;
    for (size_t i = 0; i < an->leg->n_parties && rc == PS_OK; i++) {
        if (!picked(an, i, community, party))
            continue;
        const ps_fraction *x = &an->power->values[k][i];
        if (mpz_set_str(mpq_numref(v), x->num, 10) || mpz_set_str(mpq_denref(v), x->den, 10)) {
            rc = PS_EINVAL;
            break;
        }
        mpq_canonicalize(v);
        mpq_add(acc, acc, v);
    }
    if (rc == PS_OK) {
        f->num = mpz_text(mpq_numref(acc));
        f->den = mpz_text(mpq_denref(acc));
        f->value = mpq_get_d(acc);
        if (!f->num || !f->den) {
            fraction_clear(f);
            rc = PS_ENOMEM;
        }
    }
    mpq_clear(acc);
    mpq_clear(v);
    return rc;
}

static int fill_row(ps_diff_row *r, const ps_analysis *an[2], bool community)
{
    for (int side = 0; side < 2; side++) {
        long at = side ? r->after : r->before;
        const ps_legislature *leg = an[side]->leg;
        r->seats[side] = 0;
        if (at >= 0) {
            for (size_t i = 0; i < leg->n_parties; i++)
                if (community ? leg->parties[i].community == (int)at : (long)i == at)
                    r->seats[side] += leg->parties[i].seats;
        }
        int c = community && at >= 0 ? (int)at : -1;
        long p = !community ? (at >= 0 ? at : -2) : -1;
        /* an absent party sums over nothing: an exact 0 */
        int rc = sum_index(&r->banzhaf[side], an[side], PS_BANZHAF, c, p);
        if (rc == PS_OK)
            rc = sum_index(&r->shapley[side], an[side], PS_SHAPLEY_SHUBIK, c, p);
        if (rc < 0)
            return rc;
    }
    return PS_OK;
}

/* A coalition as sorted indices into a universe of ids. */
typedef struct key {
    size_t n;
    size_t *u;
    size_t src; /* index into the side's listed array */
} key;

static int cmp_key(const void *pa, const void *pb)
{
    const key *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (size_t k = 0; k < a->n; k++)
        if (a->u[k] != b->u[k])
            return a->u[k] < b->u[k] ? -1 : 1;
    return 0;
}

static int cmp_size(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return (a > b) - (a < b);
}

/* keys for one side; universe ids: the before parties are 0..nb-1, an after
 * party keeps its before index when it has one, else nb + its index. */
static key *make_keys(const ps_analysis *an, const long *uid, size_t max_lists, size_t *n_out,
                      size_t *storage_out, size_t **storage)
{
    size_t n = 0, cells = 0;
    for (size_t i = 0; i < an->n_listed; i++)
        if (an->listed[i].n <= max_lists) {
            n++;
            cells += an->listed[i].n;
        }
    *n_out = n;
    *storage_out = cells;
    key *keys = psi_calloc(n ? n : 1, sizeof *keys);
    *storage = psi_malloc_array(cells ? cells : 1, sizeof **storage);
    if (!keys || !*storage) {
        psi_free(keys);
        psi_free(*storage);
        *storage = NULL;
        return NULL;
    }
    size_t at = 0, j = 0;
    for (size_t i = 0; i < an->n_listed; i++) {
        const ps_scenario_coalition *c = &an->listed[i];
        if (c->n > max_lists)
            continue;
        keys[j] = (key){c->n, *storage + at, i};
        for (size_t k = 0; k < c->n; k++)
            keys[j].u[k] = (size_t)uid[c->members[k]];
        qsort(keys[j].u, c->n, sizeof *keys[j].u, cmp_size);
        at += c->n;
        j++;
    }
    if (n)
        qsort(keys, n, sizeof *keys, cmp_key);
    return keys;
}

static int copy_coalition(ps_scenario_coalition *dst, const ps_scenario_coalition *src)
{
    dst->n = src->n;
    dst->seats = src->seats;
    dst->members = psi_malloc_array(src->n ? src->n : 1, sizeof *dst->members);
    if (!dst->members)
        return PS_ENOMEM;
    memcpy(dst->members, src->members, src->n * sizeof *dst->members);
    return PS_OK;
}

static int diff_coalitions(ps_scenario_diff *d, const ps_analysis *before,
                           const ps_analysis *after)
{
    size_t nb = before->leg->n_parties, na = after->leg->n_parties;
    size_t k = before->max_lists < after->max_lists ? before->max_lists : after->max_lists;
    long *ub = psi_malloc_array(nb ? nb : 1, sizeof *ub);
    long *ua = psi_malloc_array(na ? na : 1, sizeof *ua);
    size_t *sb = NULL, *sa = NULL, n_kb = 0, n_ka = 0, cb, ca;
    key *kb = NULL, *ka = NULL;
    int rc = PS_ENOMEM;
    if (!ub || !ua)
        goto done;
    for (size_t i = 0; i < nb; i++)
        ub[i] = (long)i;
    for (size_t i = 0; i < na; i++) {
        long b = ps_legislature_find_party(before->leg, after->leg->parties[i].id);
        ua[i] = b >= 0 ? b : (long)(nb + i);
    }
    kb = make_keys(before, ub, k, &n_kb, &cb, &sb);
    ka = kb ? make_keys(after, ua, k, &n_ka, &ca, &sa) : NULL;
    if (!kb || !ka)
        goto done;
    d->appeared = psi_calloc(n_ka ? n_ka : 1, sizeof *d->appeared);
    d->disappeared = psi_calloc(n_kb ? n_kb : 1, sizeof *d->disappeared);
    if (!d->appeared || !d->disappeared)
        goto done;
    size_t i = 0, j = 0;
    rc = PS_OK;
    while (rc == PS_OK && (i < n_kb || j < n_ka)) {
        int c = i == n_kb ? 1 : j == n_ka ? -1 : cmp_key(&kb[i], &ka[j]);
        if (c == 0) {
            i++;
            j++;
        } else if (c < 0) {
            rc = copy_coalition(&d->disappeared[d->n_disappeared], &before->listed[kb[i++].src]);
            if (rc == PS_OK)
                d->n_disappeared++;
        } else {
            rc = copy_coalition(&d->appeared[d->n_appeared], &after->listed[ka[j++].src]);
            if (rc == PS_OK)
                d->n_appeared++;
        }
    }
    if (d->n_appeared)
        qsort(d->appeared, d->n_appeared, sizeof *d->appeared, psi_scenario_cmp_coalition);
    if (d->n_disappeared)
        qsort(d->disappeared, d->n_disappeared, sizeof *d->disappeared,
              psi_scenario_cmp_coalition);
    d->coalitions_complete = before->listed_complete && after->listed_complete;
done:
    psi_free(ub);
    psi_free(ua);
    psi_free(kb);
    psi_free(ka);
    psi_free(sb);
    psi_free(sa);
    return rc;
}

int ps_scenario_compare(ps_scenario_diff **out, const ps_analysis *before,
                        const ps_analysis *after, ps_error *err)
{
    if (!out || !before || !after)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_scenario_compare: NULL argument");
    *out = NULL;
    const ps_analysis *an[2] = {before, after};
    const ps_legislature *lb = before->leg, *la = after->leg;
    ps_scenario_diff *d = psi_calloc(1, sizeof *d);
    if (!d)
        return psi_enomem(err);
    size_t extra = 0;
    for (size_t i = 0; i < la->n_parties; i++)
        if (ps_legislature_find_party(lb, la->parties[i].id) < 0)
            extra++;
    int rc = PS_OK;
    size_t nrows = lb->n_parties + extra;
    if (!(d->parties = psi_calloc(nrows ? nrows : 1, sizeof *d->parties)))
        rc = PS_ENOMEM;
    for (size_t i = 0; rc == PS_OK && i < lb->n_parties; i++) {
        ps_diff_row *r = &d->parties[d->n_parties++];
        r->id = lb->parties[i].id;
        r->name = lb->parties[i].name;
        r->before = (long)i;
        r->after = ps_legislature_find_party(la, r->id);
        rc = fill_row(r, an, false);
    }
    for (size_t i = 0; rc == PS_OK && i < la->n_parties; i++) {
        if (ps_legislature_find_party(lb, la->parties[i].id) >= 0)
            continue;
        ps_diff_row *r = &d->parties[d->n_parties++];
        r->id = la->parties[i].id;
        r->name = la->parties[i].name;
        r->before = -1;
        r->after = (long)i;
        rc = fill_row(r, an, false);
    }
    if (rc == PS_OK && la->n_communities &&
        !(d->communities = psi_calloc(la->n_communities, sizeof *d->communities)))
        rc = PS_ENOMEM;
    for (size_t c = 0; rc == PS_OK && c < la->n_communities; c++) {
        ps_diff_row *r = &d->communities[d->n_communities++];
        r->id = la->communities[c].id;
        r->name = la->communities[c].name;
        r->before = ps_legislature_find_community(lb, r->id);
        r->after = (long)c;
        rc = fill_row(r, an, true);
    }
    if (rc == PS_OK)
        rc = diff_coalitions(d, before, after);
    if (rc < 0) {
        ps_scenario_diff_free(d);
        return rc == PS_ENOMEM ? psi_enomem(err)
                               : psi_error(err, rc, NULL, 0, 0, "malformed power value");
    }
    *out = d;
    return PS_OK;
}
