/*
 * formation.c - executives formed by rule, not by bargaining
 * (include/powershare/portfolio.h, "Executives formed by rule").
 *
 * Northern Ireland's executive is the model: under the Northern Ireland
 * Act 1998, s. 18, the ministries are allocated by d'Hondt over the
 * Assembly's parties by their seats, each party choosing in turn; a party
 * may decline, and the picks go on without it (2016: the UUP and the SDLP).
 * The allocation is ps_portfolio_allocate's d'Hondt picks over every party
 * with seats that did not decline, so ties and their report are those of
 * the portfolio stage; offices nominated by the largest list of a
 * community (First Minister, deputy First Minister) are its reserved
 * offices.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "json_reader.h"
#include "../legislature/legislature_impl.h"
#include "powershare/portfolio.h"

void ps_formation_free(ps_formation *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_decline; i++)
        psi_free(f->decline[i]);
    for (size_t i = 0; i < f->n_tie_order; i++)
        psi_free(f->tie_order[i]);
    for (size_t i = 0; i < f->n_parity; i++)
        psi_free(f->parity[i]);
    psi_free(f->decline);
    psi_free(f->tie_order);
    psi_free(f->parity);
    psi_free(f->source);
    psi_free(f);
}

/* An array of ids of leg, each once, into *ids: party ids, or community
 * ids when `communities`. */
static int id_list(char ***ids, size_t *n, const psi_json *v, const char *what,
                   const ps_legislature *leg, bool communities, const char *src, ps_error *err)
{
    int rc = psi_json_expect(v, PSI_JSON_ARRAY, what, src, err);
    if (rc < 0)
        return rc;
    if (!(*ids = psi_calloc(v->n ? v->n : 1, sizeof **ids)))
        return psi_enomem(err);
    for (size_t i = 0; i < v->n; i++) {
        const char *id;
        if ((rc = psi_json_string(&id, v->items[i], what, src, err)) < 0)
            return rc;
        if ((communities ? ps_legislature_find_community(leg, id)
                         : ps_legislature_find_party(leg, id)) < 0)
            return psi_error(err, PS_EDATA, src, v->items[i]->line, v->items[i]->column,
                             "'%s' in '%s' is not a %s of the legislature", id, what,
                             communities ? "community" : "party");
        for (size_t j = 0; j < *n; j++)
            if (!strcmp((*ids)[j], id))
                return psi_error(err, PS_EDATA, src, v->items[i]->line, v->items[i]->column,
                                 "'%s' is named twice in '%s'", id, what);
        if (!((*ids)[(*n)++] = psi_strdup(id)))
            return psi_enomem(err);
    }
    return PS_OK;
}

/* "executive": "dhondt", with its optional "decline" and "tie_order". */
static int read_executive(ps_formation *f, const psi_json *sec, const psi_json *kind,
                          const ps_legislature *leg, const char *src, ps_error *err)
{
    const char *text;
    const psi_json *v;
    int rc = psi_json_string(&text, kind, "executive", src, err);
    if (rc < 0)
        return rc;
    if (strcmp(text, "dhondt"))
        return psi_error(err, PS_EDATA, src, kind->line, kind->column,
                         "unknown executive '%s': expected \"dhondt\" (ministries by d'Hondt "
                         "over the parties with seats)",
                         text);
    f->kind = PS_FORMATION_EXECUTIVE;
    if ((v = psi_json_get(sec, "decline")) &&
        (rc = id_list(&f->decline, &f->n_decline, v, "decline", leg, false, src, err)) < 0)
        return rc;
    if ((v = psi_json_get(sec, "tie_order")) &&
        (rc = id_list(&f->tie_order, &f->n_tie_order, v, "tie_order", leg, false, src, err)) < 0)
        return rc;
    return PS_OK;
}

/* "parity": [community, ...]: the ministries split equally among them. */
static int read_parity(ps_formation *f, const psi_json *sec, const psi_json *v,
                       const ps_legislature *leg, const char *src, ps_error *err)
{
    static const char *const executive_only[] = {"decline", "tie_order", NULL};
    for (size_t i = 0; executive_only[i]; i++) {
        const psi_json *x = psi_json_get(sec, executive_only[i]);
        if (x)
            return psi_error(err, PS_EDATA, src, x->line, x->column,
                             "'%s' goes with \"executive\", not with \"parity\" (a parity "
                             "government is bargained: give its lists to portfolios "
                             "--coalition)",
                             executive_only[i]);
    }
    f->kind = PS_FORMATION_PARITY;
    int rc = id_list(&f->parity, &f->n_parity, v, "parity", leg, true, src, err);
    if (rc == PS_OK && f->n_parity < 2)
        rc = psi_error(err, PS_EDATA, src, v->line, v->column,
                       "'parity' needs at least two communities");
    if (rc == PS_OK && f->ministries % (int64_t)f->n_parity != 0)
        rc = psi_error(err, PS_EDATA, src, psi_json_get(sec, "ministries")->line,
                       psi_json_get(sec, "ministries")->column,
                       "%lld ministries cannot be split equally among the %zu communities of "
                       "'parity' (the Prime Minister outside parity: leave that post out)",
                       (long long)f->ministries, f->n_parity);
    return rc;
}

static int read_formation(ps_formation *f, const psi_json *sec, const ps_legislature *leg,
                          const char *src, ps_error *err)
{
    static const char *const keys[] = {"executive", "parity", "ministries", "decline",
                                       "tie_order", NULL};
    int rc = psi_json_expect(sec, PSI_JSON_OBJECT, "formation", src, err);
    if (rc == PS_OK)
        rc = psi_json_check_keys(sec, keys, "formation", src, err);
    if (rc < 0)
        return rc;
    const psi_json *kind = psi_json_get(sec, "executive"), *parity = psi_json_get(sec, "parity");
    const psi_json *v = psi_json_get(sec, "ministries");
    if (!kind == !parity)
        return psi_error(err, PS_EDATA, src, sec->line, sec->column,
                         "formation needs one of 'executive' (\"dhondt\": ministries by "
                         "d'Hondt over the parties with seats) and 'parity' (communities "
                         "with equal posts)%s",
                         kind ? ", not both" : "");
    if (!v)
        return psi_error(err, PS_EDATA, src, sec->line, sec->column,
                         "missing key 'ministries' in formation (how many are shared)");
    if ((rc = psi_json_int(&f->ministries, v, 1, "ministries", src, err)) < 0)
        return rc;
    return kind ? read_executive(f, sec, kind, leg, src, err)
                : read_parity(f, sec, parity, leg, src, err);
}

int ps_formation_from_document(ps_formation **out, const ps_document *doc, ps_error *err)
{
    *out = NULL;
    const psi_json *sec = psi_document_section(doc, "formation");
    if (!sec)
        return PS_OK;
    const char *src = ps_document_source(doc);
    ps_formation *f = psi_calloc(1, sizeof *f);
    int rc = f && (f->source = psi_strdup(src)) ? PS_OK : psi_enomem(err);
    if (rc == PS_OK)
        rc = read_formation(f, sec, ps_document_legislature(doc), src, err);
    if (rc < 0) {
        ps_formation_free(f);
        return rc;
    }
    *out = f;
    return PS_OK;
}

static bool declined(const ps_formation *f, const char *id)
{
    for (size_t i = 0; i < f->n_decline; i++)
        if (!strcmp(f->decline[i], id))
            return true;
    return false;
}

int ps_formation_execute(ps_portfolio **out, const ps_legislature *leg, const ps_formation *f,
                         const ps_offices *offices, ps_error *err)
{
    *out = NULL;
    if (f->kind != PS_FORMATION_EXECUTIVE)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "a parity formation computes no executive: share a coalition's posts "
                         "under it (ps_formation_apply_parity)");
    const char **ids = psi_calloc(leg->n_parties ? leg->n_parties : 1, sizeof *ids);
    const char **ties = psi_calloc(f->n_tie_order ? f->n_tie_order : 1, sizeof *ties);
    if (!ids || !ties) {
        psi_free(ids);
        psi_free(ties);
        return psi_enomem(err);
    }
    /* the parties with seats that take part, largest first (stable) */
    size_t n = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (leg->parties[i].seats <= 0 || declined(f, leg->parties[i].id))
            continue;
        size_t j = n++;
        for (; j > 0 && leg->parties[ps_legislature_find_party(leg, ids[j - 1])].seats <
                            leg->parties[i].seats;
             j--)
            ids[j] = ids[j - 1];
        ids[j] = leg->parties[i].id;
    }
    /* a tie-order id that declined or holds no seat takes no part */
    size_t nt = 0;
    for (size_t i = 0; i < f->n_tie_order; i++) {
        long k = ps_legislature_find_party(leg, f->tie_order[i]);
        if (k >= 0 && leg->parties[k].seats > 0 && !declined(f, f->tie_order[i]))
            ties[nt++] = f->tie_order[i];
    }
    int rc = PS_OK;
    if (n == 0) {
        rc = psi_error(err, PS_EDATA, f->source, 0, 0,
                       "every party with seats declined: no executive can form");
    } else {
        ps_portfolio_options po;
        ps_portfolio_options_init(&po);
        po.method = PS_PORTFOLIO_DHONDT;
        po.posts = f->ministries;
        po.tie_order = ties;
        po.n_tie_order = nt;
        po.offices = offices;
        rc = ps_portfolio_allocate(out, leg, ids, n, &po, err);
    }
    psi_free(ids);
    psi_free(ties);
    return rc;
}

bool ps_formation_computes_executive(const ps_formation *f)
{
    return f && f->kind == PS_FORMATION_EXECUTIVE;
}

void ps_formation_apply_parity(ps_portfolio_options *opt, const ps_formation *f)
{
    if (!opt || !f || f->kind != PS_FORMATION_PARITY)
        return;
    opt->parity = (const char *const *)f->parity;
    opt->n_parity = f->n_parity;
    if (opt->posts == 0)
        opt->posts = f->ministries;
}

uint64_t ps_portfolio_members(const ps_portfolio *p)
{
    uint64_t m = 0;
    for (size_t i = 0; p && i < p->n_members; i++)
        if (p->won[i] > 0)
            m |= (uint64_t)1 << p->party[i];
    for (size_t a = 0; p && a < p->n_awards; a++)
        if (p->awards[a].member >= 0)
            m |= (uint64_t)1 << p->party[p->awards[a].member];
    return m;
}
