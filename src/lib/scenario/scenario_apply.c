/*
 * scenario_apply.c - applying what-if steps to a copy of a legislature and
 * its rule.
 *
 * Seat bookkeeping (legislature.h's invariant: party seats + unattributed +
 * vacant == total): `remove` takes a list's seats out of total_seats, so every
 * quota of all seats falls with it (a chamber of 328 without 36 seats has 292
 * and a majority of 147); `vacate` moves them to vacant_seats, so only a rule
 * counted "of" the members present sees the difference. A merge adds seats,
 * a move transfers them: totals do not change. The invariant is re-checked
 * with ps_legislature_validate() after the last step.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/scenario.h"
#include "scenario_impl.h"

static char *dup_or(const char *s, int *failed)
{
    char *d = psi_strdup(s);
    if (s && !d)
        *failed = 1;
    return d;
}

int psi_scenario_rule_copy(ps_rule **out, const ps_rule *src)
{
    *out = NULL;
    ps_rule *r = psi_calloc(1, sizeof *r);
    if (!r)
        return PS_ENOMEM;
    int failed = 0;
    r->source = dup_or(src->source, &failed);
    r->quota = dup_or(src->quota, &failed);
    r->quota_line = src->quota_line;
    r->quota_column = src->quota_column;
    r->of_present = src->of_present;
    r->min_parties = src->min_parties;
    for (int l = 0; l < PS_RULE_LIST_COUNT && !failed; l++) {
        if (!src->n[l])
            continue;
        if (!(r->names[l] = psi_calloc(src->n[l], sizeof *r->names[l]))) {
            failed = 1;
            break;
        }
        r->n[l] = src->n[l];
        for (size_t i = 0; i < src->n[l]; i++) {
            r->names[l][i] = src->names[l][i];
            r->names[l][i].id = dup_or(src->names[l][i].id, &failed);
        }
    }
    if (!failed && src->n_layers) {
        if (!(r->layers = psi_calloc(src->n_layers, sizeof *r->layers)))
            failed = 1;
        else
            r->n_layers = src->n_layers;
        for (size_t i = 0; !failed && i < src->n_layers; i++) {
            r->layers[i] = src->layers[i];
            r->layers[i].weights = dup_or(src->layers[i].weights, &failed);
            r->layers[i].quota = dup_or(src->layers[i].quota, &failed);
        }
    }
    if (failed) {
        ps_rule_free(r);
        return PS_ENOMEM;
    }
    *out = r;
    return PS_OK;
}

static void party_free(ps_party *p)
{
    psi_free(p->id);
    psi_free(p->name);
    psi_free(p->positions);
    psi_free(p->color);
    psi_free(p->source);
}

static int find(const ps_legislature *leg, const ps_step *st, const char *src, const char *id,
                size_t *out, ps_error *err)
{
    long i = ps_legislature_find_party(leg, id);
    if (i < 0)
        return psi_error(err, PS_EDATA, src, st->line, st->column,
                         "%s: no list '%s' in the chamber", ps_step_kind_name(st->kind), id);
    if (leg->parties[i].seats < 0)
        return psi_error(err, PS_EDATA, src, st->line, st->column,
                         "%s: party '%s' has an unknown number of seats",
                         ps_step_kind_name(st->kind), id);
    *out = (size_t)i;
    return PS_OK;
}

/* Takes party i out of the chamber; its seats are vacant or gone. */
static void drop_party(ps_legislature *leg, size_t i, bool vacate)
{
    int64_t s = leg->parties[i].seats;
    if (vacate)
        leg->vacant_seats += s;
    else if (leg->total_seats != PS_UNKNOWN)
        leg->total_seats -= s;
    party_free(&leg->parties[i]);
    memmove(&leg->parties[i], &leg->parties[i + 1],
            (leg->n_parties - i - 1) * sizeof leg->parties[0]);
    leg->n_parties--;
}

static int step_merge(ps_legislature *leg, const ps_step *st, const char *src, ps_error *err)
{
    size_t ia = 0, ib = 0;
    int rc = find(leg, st, src, st->a, &ia, err);
    if (rc == PS_OK)
        rc = find(leg, st, src, st->b, &ib, err);
    if (rc < 0)
        return rc;
    if (ia == ib)
        return psi_error(err, PS_EDATA, src, st->line, st->column,
                         "merge: a list cannot merge with itself ('%s')", st->a);
    ps_party *a = &leg->parties[ia], *b = &leg->parties[ib];
    psi_buf id, name;
    psi_buf_init(&id);
    psi_buf_init(&name);
    if (st->id)
        psi_buf_puts(&id, st->id);
    else
        psi_buf_printf(&id, "%s+%s", a->id, b->id);
    if (st->name)
        psi_buf_puts(&name, st->name);
    else
        psi_buf_printf(&name, "%s + %s", a->name, b->name);
    char *new_id = psi_buf_take(&id), *new_name = psi_buf_take(&name);
    if (!new_id || !new_name) {
        psi_free(new_id);
        psi_free(new_name);
        return psi_enomem(err);
    }
    long other = ps_legislature_find_party(leg, new_id);
    if (other >= 0 && (size_t)other != ia && (size_t)other != ib) {
        rc = psi_error(err, PS_EDATA, src, st->line, st->column,
                       "merge: another list already has the id '%s'; give the merged list "
                       "another id", new_id);
        psi_free(new_id);
        psi_free(new_name);
        return rc;
    }
    int64_t sa = a->seats, sb = b->seats;
    for (size_t d = 0; d < leg->n_dimensions; d++) {
        double pa = a->positions[d], pb = b->positions[d];
        a->positions[d] = isnan(pa) || isnan(pb) ? NAN
                          : sa + sb > 0 ? (pa * (double)sa + pb * (double)sb) / (double)(sa + sb)
                                        : (pa + pb) / 2;
    }
    a->votes = a->votes >= 0 && b->votes >= 0 && a->votes <= INT64_MAX - b->votes
                   ? a->votes + b->votes
                   : PS_UNKNOWN;
    a->seats = sa + sb;
    if (a->community != b->community)
        a->community = -1;
    psi_free(a->id);
    psi_free(a->name);
    psi_free(a->source);
    a->id = new_id;
    a->name = new_name;
    a->source = NULL;
    b->seats = 0; /* its seats went to the merged list */
    drop_party(leg, ib, false);
    return PS_OK;
}

static int apply_step(ps_legislature *leg, ps_rule *rule, const ps_step *st, const char *src,
                      ps_error *err)
{
    size_t i = 0, j = 0;
    int rc;
    switch (st->kind) {
    case PS_STEP_REMOVE:
    case PS_STEP_VACATE:
        if ((rc = find(leg, st, src, st->a, &i, err)) < 0)
            return rc;
        if (leg->n_parties == 1)
            return psi_error(err, PS_EDATA, src, st->line, st->column,
                             "%s: '%s' is the last list in the chamber", ps_step_kind_name(st->kind),
                             st->a);
        drop_party(leg, i, st->kind == PS_STEP_VACATE);
        return PS_OK;
    case PS_STEP_REMOVE_COMMUNITY:
    case PS_STEP_LEAVE_COMMUNITY: {
        long c = ps_legislature_find_community(leg, st->a);
        if (c < 0)
            return psi_error(err, PS_EDATA, src, st->line, st->column,
                             "%s: unknown community '%s'", ps_step_kind_name(st->kind), st->a);
        size_t left = 0;
        for (i = 0; i < leg->n_parties; i++) {
            if (leg->parties[i].community != (int)c)
                left++;
            else if (leg->parties[i].seats < 0)
                return psi_error(err, PS_EDATA, src, st->line, st->column,
                                 "%s: party '%s' has an unknown number of seats",
                                 ps_step_kind_name(st->kind), leg->parties[i].id);
        }
        if (left == 0)
            return psi_error(err, PS_EDATA, src, st->line, st->column,
                             "%s: every list of the chamber is in community '%s'; none would be "
                             "left", ps_step_kind_name(st->kind), st->a);
        for (i = leg->n_parties; i-- > 0;)
            if (leg->parties[i].community == (int)c)
                drop_party(leg, i, st->kind == PS_STEP_LEAVE_COMMUNITY);
        return PS_OK;
    }
    case PS_STEP_MERGE:
        return step_merge(leg, st, src, err);
    case PS_STEP_MOVE:
        if ((rc = find(leg, st, src, st->a, &i, err)) < 0 ||
            (rc = find(leg, st, src, st->b, &j, err)) < 0)
            return rc;
        if (i == j)
            return psi_error(err, PS_EDATA, src, st->line, st->column,
                             "move: '%s' cannot move seats to itself", st->a);
        if (st->seats > leg->parties[i].seats)
            return psi_error(err, PS_EDATA, src, st->line, st->column,
                             "move: '%s' holds %lld seats and cannot lose %lld", st->a,
                             (long long)leg->parties[i].seats, (long long)st->seats);
        leg->parties[i].seats -= st->seats;
        leg->parties[j].seats += st->seats;
        return PS_OK;
    case PS_STEP_QUOTA: {
        ps_error e;
        rc = ps_rule_set_quota(rule, st->a, &e);
        if (rc == PS_ENOMEM)
            return psi_enomem(err);
        if (rc < 0)
            return psi_error(err, rc, src, st->line, st->column, "%s", e.message);
        rule->quota_line = st->line;
        rule->quota_column = st->column;
        if (st->of_present >= 0)
            rule->of_present = st->of_present == 1;
        return PS_OK;
    }
    default:
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown step kind %d", (int)st->kind);
    }
}

int ps_scenario_apply(ps_legislature **out_leg, ps_rule **out_rule, const ps_legislature *leg,
                      const ps_rule *rule, const ps_scenario *sc, ps_error *err)
{
    if (!out_leg || !out_rule || !leg || !sc)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_scenario_apply: NULL argument");
    *out_leg = NULL;
    *out_rule = NULL;
    ps_legislature *l = NULL;
    ps_rule *r = NULL;
    int rc = ps_legislature_copy(&l, leg);
    if (rc == PS_OK)
        rc = rule ? psi_scenario_rule_copy(&r, rule) : ps_rule_new(&r);
    if (rc < 0) {
        ps_legislature_free(l);
        return psi_enomem(err);
    }
    for (size_t k = 0; rc == PS_OK && k < sc->n_steps; k++)
        rc = apply_step(l, r, &sc->steps[k], sc->source, err);
    if (rc == PS_OK) {
        ps_error e;
        rc = ps_legislature_validate(l, &e);
        if (rc == PS_ENOMEM)
            psi_enomem(err);
        else if (rc < 0)
            psi_error(err, rc, sc->source, sc->line, sc->column, "scenario \"%s\": %s", sc->name,
                      e.message);
    }
    if (rc < 0) {
        ps_legislature_free(l);
        ps_rule_free(r);
        return rc;
    }
    *out_leg = l;
    *out_rule = r;
    return PS_OK;
}
