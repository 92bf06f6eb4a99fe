/*
 * report_data.c - charts from a legislature: party order and ps_report_chart.
 *
 * The hemicycle's left-to-right order follows the convention of the
 * parliament diagram: by position on a policy dimension (left on the left)
 * when the data have one, otherwise grouped by community so that each
 * community forms one arc, largest list first within it. The sort is a
 * stable insertion sort with explicit tie rules, so the order (and hence the
 * SVG) never depends on the C library's qsort.
 */
#include <math.h>
#include <string.h>

#include "powershare/game.h"
#include "report_internal.h"

void ps_chart_parties_from_legislature(ps_chart_party *parties, const ps_legislature *leg)
{
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        parties[i].id = p->id;
        parties[i].name = p->name;
        parties[i].color = p->color ? p->color : ps_report_palette(i);
        parties[i].group = p->community >= 0 ? leg->communities[p->community].name : NULL;
        parties[i].seats = p->seats > 0 ? p->seats : 0;
    }
}

/* Does a come before b? */
static int before(const ps_legislature *leg, long dim, size_t a, size_t b)
{
    const ps_party *pa = &leg->parties[a], *pb = &leg->parties[b];
    if (dim >= 0) {
        double x = pa->positions[dim], y = pb->positions[dim];
        if (isnan(x) != isnan(y))
            return !isnan(x);
        if (!isnan(x) && x != y)
            return x < y;
        return a < b;
    }
    unsigned ca = pa->community < 0 ? (unsigned)leg->n_communities : (unsigned)pa->community;
    unsigned cb = pb->community < 0 ? (unsigned)leg->n_communities : (unsigned)pb->community;
    if (ca != cb)
        return ca < cb;
    if (pa->seats != pb->seats)
        return pa->seats > pb->seats;
    return a < b;
}

int ps_report_order(size_t *order, const ps_legislature *leg, const char *dimension, ps_error *err)
{
    if (!order || !leg)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_report_order: NULL argument");
    long dim = -1;
    if (dimension) {
        dim = ps_legislature_find_dimension(leg, dimension);
        if (dim < 0)
            return psi_error(err, PS_EDATA, NULL, 0, 0, "no policy dimension '%s'", dimension);
    }
    for (size_t d = 0; d < leg->n_dimensions && (dimension ? d == 0 : dim < 0); d++) {
        long cand = dimension ? dim : (long)d;
        int complete = 1;
        for (size_t i = 0; i < leg->n_parties && complete; i++)
            if (leg->parties[i].seats > 0 && isnan(leg->parties[i].positions[cand]))
                complete = 0;
        if (complete)
            dim = cand;
        else if (dimension)
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "a party with seats has no position on '%s'", dimension);
    }
    for (size_t i = 0; i < leg->n_parties; i++) {
        size_t j = i;
        for (; j > 0 && before(leg, dim, i, order[j - 1]); j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    return PS_OK;
}

static int hemicycle(ps_chart **out, const ps_legislature *leg, const ps_report_data *d,
                     ps_error *err)
{
    size_t n = leg->n_parties;
    int64_t total = leg->total_seats;
    ps_hemicycle_input in;
    memset(&in, 0, sizeof in);
    int rc = ps_quota_parse(&in.quota, d && d->quota ? d->quota : "majority", total, err);
    if (rc < 0)
        return rc;
    if (d && d->quota2 && (rc = ps_quota_parse(&in.quota2, d->quota2, total, err)) < 0)
        return rc;
    ps_chart_party *all = psi_malloc_array(n ? n : 1, sizeof *all);
    ps_chart_party *drawn = psi_malloc_array(n ? n : 1, sizeof *drawn);
    size_t *order = psi_malloc_array(n ? n : 1, sizeof *order);
    if (!all || !drawn || !order) {
        rc = psi_enomem(err);
        goto done;
    }
    ps_chart_parties_from_legislature(all, leg);
    if ((rc = ps_report_order(order, leg, d ? d->dimension : NULL, err)) < 0)
        goto done;
    for (size_t k = 0; k < n; k++)
        drawn[k] = all[order[k]];
    in.title = leg->name[0] ? leg->name : NULL;
    in.n_parties = n;
    in.parties = drawn;
    in.keys = order;
    in.unattributed_seats = leg->unattributed_seats;
    in.vacant_seats = leg->vacant_seats;
    rc = ps_chart_hemicycle(out, &in, err);
done:
    psi_free(all);
    psi_free(drawn);
    psi_free(order);
    return rc;
}

static double sum_by(const ps_legislature *leg, const double *v, const char *community_id)
{
    double s = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        int c = leg->parties[i].community;
        if (c >= 0 && !strcmp(leg->communities[c].id, community_id))
            s += v[i];
    }
    return s;
}

static int whatif(ps_chart **out, const ps_legislature *leg, const ps_report_data *d,
                  ps_error *err)
{
    const ps_legislature *after = d->after;
    const double *bv = d->before_values ? d->before_values : d->banzhaf;
    if (!after || !bv || !d->after_values)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the whatif chart needs the legislature after the change and the "
                         "values before and after");
    size_t n = leg->n_parties + after->n_parties, nr = 0;
    size_t ng = leg->n_communities + after->n_communities, ngr = 0;
    ps_whatif_row *rows = psi_calloc(n ? n : 1, sizeof *rows);
    ps_whatif_row *groups = psi_calloc(ng ? ng : 1, sizeof *groups);
    if (!rows || !groups) {
        psi_free(rows);
        psi_free(groups);
        return psi_enomem(err);
    }
    for (size_t i = 0; i < leg->n_parties; i++) {
        long j = ps_legislature_find_party(after, leg->parties[i].id);
        rows[nr++] = (ps_whatif_row){leg->parties[i].name,
                                     leg->parties[i].color ? leg->parties[i].color
                                                           : ps_report_palette(i),
                                     bv[i], j >= 0 ? d->after_values[j] : 0.0};
    }
    for (size_t j = 0; j < after->n_parties; j++)
        if (ps_legislature_find_party(leg, after->parties[j].id) < 0)
            rows[nr++] = (ps_whatif_row){after->parties[j].name, after->parties[j].color, 0.0,
                                         d->after_values[j]};
    for (size_t c = 0; c < leg->n_communities; c++) {
        const char *id = leg->communities[c].id;
        groups[ngr++] = (ps_whatif_row){leg->communities[c].name, NULL, sum_by(leg, bv, id),
                                        sum_by(after, d->after_values, id)};
    }
    for (size_t c = 0; c < after->n_communities; c++) {
        const char *id = after->communities[c].id;
        if (ps_legislature_find_community(leg, id) < 0)
            groups[ngr++] = (ps_whatif_row){after->communities[c].name, NULL, 0.0,
                                            sum_by(after, d->after_values, id)};
    }
    ps_whatif_input in = {leg->name[0] ? leg->name : NULL, d->measure ? d->measure : "Banzhaf",
                          nr, rows, ngr, groups};
    int rc = ps_chart_whatif(out, &in, err);
    psi_free(rows);
    psi_free(groups);
    return rc;
}

int ps_report_chart(ps_chart **out, ps_chart_kind kind, const ps_legislature *leg,
                    const ps_report_data *d, ps_error *err)
{
    if (!out || !leg)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_report_chart: NULL argument");
    *out = NULL;
    if (leg->total_seats <= 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "the legislature has no seat count");
    if (kind == PS_CHART_HEMICYCLE)
        return hemicycle(out, leg, d, err);
    if (!d)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "this chart needs data beyond the seats");
    if (kind == PS_CHART_WHATIF)
        return whatif(out, leg, d, err);
    size_t n = leg->n_parties;
    ps_chart_party *parties = psi_malloc_array(n ? n : 1, sizeof *parties);
    if (!parties)
        return psi_enomem(err);
    ps_chart_parties_from_legislature(parties, leg);
    int rc;
    const char *title = leg->name[0] ? leg->name : NULL;
    if (kind == PS_CHART_POWER) {
        ps_power_input in = {title, n, parties, leg->total_seats, d->banzhaf, d->shapley};
        rc = ps_chart_power(out, &in, err);
    } else if (kind == PS_CHART_COALITIONS) {
        int64_t quota = 0;
        rc = ps_quota_parse(&quota, d->quota ? d->quota : "majority", leg->total_seats, err);
        if (rc == 0) {
            ps_coalitions_input in = {title, n, parties, d->n_coalitions, d->coalitions,
                                      quota, leg->total_seats};
            rc = ps_chart_coalitions(out, &in, err);
        }
    } else {
        rc = psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown chart kind %d", (int)kind);
    }
    psi_free(parties);
    return rc;
}
