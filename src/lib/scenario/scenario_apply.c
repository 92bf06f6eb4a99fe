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
 * with ps_legislature_validate() after the last step. A step naming a
 * party the chamber does not have is refused at the step's position with
 * the chamber's ids and, for a slip of case, the id that was meant.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/scenario.h"
#include "scenario_impl.h"

static void party_free(ps_party *p)
{
    psi_free(p->id);
    psi_free(p->name);
    psi_free(p->positions);
    psi_free(p->color);
    psi_free(p->source);
}

/* ASCII letters compared without case: ids are ASCII in practice, and a
 * byte outside ASCII compares as itself. */
static bool same_ignoring_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* An id the user probably meant: one equal to `id` but for case, else the
 * id of a party whose name is `id` but for case; NULL when none or when
 * several qualify. */
static const char *suggestion(const ps_legislature *leg, const char *id)
{
    for (int by_name = 0; by_name < 2; by_name++) {
        const char *found = NULL;
        size_t n = 0;
        for (size_t i = 0; i < leg->n_parties; i++) {
            const ps_party *p = &leg->parties[i];
            if (same_ignoring_case(by_name ? p->name : p->id, id)) {
                found = p->id;
                n++;
            }
        }
        if (n == 1)
            return found;
    }
    return NULL;
}

/* "remove: no list 'CDU' in the chamber (did you mean 'cdu'?); its lists
 * are: cdu, spd, ..." at the step's position: the ids of the chamber as
 * the earlier steps left it. */
static int unknown_party(const ps_legislature *leg, const ps_step *st, const char *src,
                         const char *id, ps_error *err)
{
    psi_buf b;
    psi_buf_init(&b);
    const char *hint = suggestion(leg, id);
    if (hint)
        psi_buf_printf(&b, " (did you mean '%s'?)", hint);
    psi_buf_puts(&b, "; its lists are: ");
    for (size_t i = 0; i < leg->n_parties && b.len < 600; i++)
        psi_buf_printf(&b, "%s%s", i ? ", " : "", leg->parties[i].id);
    if (b.len >= 600)
        psi_buf_puts(&b, ", ...");
    if (!leg->n_parties)
        psi_buf_puts(&b, "none");
    if (b.failed) {
        psi_buf_free(&b);
        return psi_enomem(err);
    }
    int rc = psi_error(err, PS_EDATA, src, st->line, st->column,
                       "%s: no list '%s' in the chamber%s", ps_step_kind_name(st->kind), id,
                       b.data);
    psi_buf_free(&b);
    return rc;
}

static int find(const ps_legislature *leg, const ps_step *st, const char *src, const char *id,
                size_t *out, ps_error *err)
{
    long i = ps_legislature_find_party(leg, id);
    if (i < 0)
        return unknown_party(leg, st, src, id, err);
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
        rc = rule ? ps_rule_copy(&r, rule) : ps_rule_new(&r);
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
