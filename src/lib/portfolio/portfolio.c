/*
 * portfolio.c - sharing the posts of a government among a coalition's lists
 * (portfolio.h describes the three rules and their sources).
 *
 * Gamson: the exact share posts * s_i / S is kept as a reduced fraction; the
 * whole posts come from ps_apportion (PS_HARE: Hamilton's largest remainder,
 * exactly) with the lists passed in tie order, so that its "first listed
 * wins" tie policy is the tie order, and its tie record is mapped back.
 *
 * Sequential picks (O'Leary, Grofman & Elklit 2005): post k goes to the
 * highest s_i / d(n_i), n_i the posts list i already has, d(n) = n + 1
 * (d'Hondt) or 2n + 1 (Sainte-Lague). Quotients are compared as the cross
 * products s_i * d_j and s_j * d_i (psi_cmp_products), so a tie is a tie
 * and not a rounding accident. Northern Ireland 2007 (DUP 36, SF 28, UUP 18,
 * SDLP 16; 10 ministries) gives DUP SF DUP UUP SDLP SF DUP SF DUP UUP, with
 * DUP and UUP level at 18 for pick 3 and at 9 for pick 9.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "json_reader.h"
#include "../legislature/legislature_impl.h"
#include "powershare/apportion.h"
#include "powershare/portfolio.h"
#include "portfolio_impl.h"

static const char *const method_names[PS_PORTFOLIO_METHOD_COUNT] = {"gamson", "dhondt",
                                                                     "sainte-lague"};

const char *ps_portfolio_method_name(ps_portfolio_method method)
{
    return (unsigned)method < PS_PORTFOLIO_METHOD_COUNT ? method_names[method] : NULL;
}

int ps_portfolio_method_parse(ps_portfolio_method *out, const char *name, ps_error *err)
{
    static const struct {
        const char *name;
        ps_portfolio_method m;
    } names[] = {{"gamson", PS_PORTFOLIO_GAMSON},         {"proportional", PS_PORTFOLIO_GAMSON},
                 {"dhondt", PS_PORTFOLIO_DHONDT},         {"d'hondt", PS_PORTFOLIO_DHONDT},
                 {"jefferson", PS_PORTFOLIO_DHONDT},      {"sainte-lague", PS_PORTFOLIO_SAINTE_LAGUE},
                 {"webster", PS_PORTFOLIO_SAINTE_LAGUE}};
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(name, names[i].name)) {
            *out = names[i].m;
            return PS_OK;
        }
    return psi_error(err, PS_EINVAL, NULL, 0, 0,
                     "unknown portfolio method '%s'; expected gamson, dhondt or sainte-lague",
                     name ? name : "");
}

void ps_portfolio_options_init(ps_portfolio_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->method = PS_PORTFOLIO_DHONDT;
}

/* ---- reserved offices ---------------------------------------------------- */

int ps_offices_new(ps_offices **out)
{
    *out = psi_calloc(1, sizeof **out);
    if (!*out)
        return PS_ENOMEM;
    (*out)->posts = -1;
    return PS_OK;
}

void ps_offices_free(ps_offices *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n; i++) {
        psi_free(o->reserved[i].office);
        psi_free(o->reserved[i].community);
    }
    psi_free(o->reserved);
    psi_free(o->source);
    psi_free(o);
}

/* (line, column) is where the community was written, (oline, ocolumn) the
 * office: each error points at its own value. */
static int add_office(ps_offices *o, const char *office, size_t office_len, const char *community,
                      long line, long column, long oline, long ocolumn, ps_error *err)
{
    for (size_t i = 0; i < o->n; i++)
        if (strlen(o->reserved[i].office) == office_len &&
            !memcmp(o->reserved[i].office, office, office_len))
            return psi_error(err, oline ? PS_EDATA : PS_EINVAL, oline ? o->source : NULL, oline,
                             ocolumn,
                             "the office \"%s\" is reserved twice", o->reserved[i].office);
    ps_office *grown = psi_realloc_array(o->reserved, o->n + 1, sizeof *grown);
    if (!grown)
        return psi_enomem(err);
    o->reserved = grown;
    char *a = psi_strndup(office, office_len), *c = psi_strdup(community);
    if (!a || !c) {
        psi_free(a);
        psi_free(c);
        return psi_enomem(err);
    }
    grown[o->n++] = (ps_office){a, c, line, column};
    return PS_OK;
}

int ps_offices_add_text(ps_offices *o, const char *spec, ps_error *err)
{
    const char *eq = spec ? strrchr(spec, '=') : NULL;
    if (!eq || eq == spec || !eq[1])
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "expected OFFICE=COMMUNITY (e.g. \"Prime Minister=shia\"), got '%s'",
                         spec ? spec : "");
    return add_office(o, spec, (size_t)(eq - spec), eq + 1, 0, 0, 0, 0, err);
}

static int read_offices(ps_offices *o, const psi_json *sec, const char *src, ps_error *err)
{
    static const char *const keys[] = {"posts", "reserved", NULL};
    static const char *const office_keys[] = {"office", "community", NULL};
    int rc = psi_json_expect(sec, PSI_JSON_OBJECT, "offices", src, err);
    if (rc == PS_OK)
        rc = psi_json_check_keys(sec, keys, "offices", src, err);
    const psi_json *v;
    if (rc == PS_OK && (v = psi_json_get(sec, "posts")))
        rc = psi_json_int(&o->posts, v, 0, "posts", src, err);
    if (rc == PS_OK && (v = psi_json_get(sec, "reserved"))) {
        rc = psi_json_expect(v, PSI_JSON_ARRAY, "reserved", src, err);
        for (size_t i = 0; rc == PS_OK && i < v->n; i++) {
            const psi_json *item = v->items[i];
            const char *office = NULL, *community = NULL;
            rc = psi_json_expect(item, PSI_JSON_OBJECT, "a reserved office", src, err);
            if (rc == PS_OK)
                rc = psi_json_check_keys(item, office_keys, "reserved office", src, err);
            if (rc < 0)
                break;
            const psi_json *of = psi_json_get(item, "office");
            const psi_json *cm = psi_json_get(item, "community");
            if (!of || !cm) {
                psi_error(err, PS_EDATA, src, item->line, item->column,
                          "a reserved office needs 'office' and 'community'");
                return PS_EDATA;
            }
            if (rc == PS_OK)
                rc = psi_json_string(&office, of, "office", src, err);
            if (rc == PS_OK)
                rc = psi_json_string(&community, cm, "community", src, err);
            if (rc == PS_OK && (!*office || !*community))
                rc = psi_error(err, PS_EDATA, src, !*office ? of->line : cm->line,
                               !*office ? of->column : cm->column, "'%s' must not be empty",
                               !*office ? "office" : "community");
            if (rc == PS_OK)
                rc = add_office(o, office, strlen(office), community, cm->line, cm->column, of->line,
                                of->column, err);
        }
    }
    return rc;
}

int ps_offices_from_document(ps_offices **out, const ps_document *doc, ps_error *err)
{
    const psi_json *sec = psi_document_section(doc, "offices");
    const char *source = ps_document_source(doc);
    ps_offices *o = NULL;
    *out = NULL;
    int rc = PS_OK;
    if (ps_offices_new(&o) < 0)
        rc = psi_enomem(err);
    if (rc == PS_OK && !(o->source = psi_strdup(source)))
        rc = psi_enomem(err);
    if (rc == PS_OK && sec)
        rc = read_offices(o, sec, source, err);
    if (rc < 0) {
        ps_offices_free(o);
        return rc;
    }
    *out = o;
    return PS_OK;
}

/* ---- allocation ---------------------------------------------------------- */

void ps_portfolio_free(ps_portfolio *p)
{
    if (!p)
        return;
    psi_free(p->party);
    psi_free(p->seats);
    psi_free(p->tie_rank);
    psi_free(p->won);
    psi_free(p->share_num);
    psi_free(p->share_den);
    psi_free(p->remainder_tied);
    for (int64_t k = 0; p->picks && k < p->posts; k++)
        psi_free(p->picks[k].tied);
    psi_free(p->picks);
    for (size_t k = 0; k < p->n_awards; k++)
        psi_free(p->awards[k].tied);
    psi_free(p->awards);
    for (size_t g = 0; g < p->n_parity; g++)
        psi_free(p->parity[g].remainder_tied);
    psi_free(p->parity);
    psi_free(p);
}

/* Members sorted by tie rank; `tied` lists member indices. */
static void sort_by_rank(size_t *tied, size_t n, const size_t *rank)
{
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && rank[tied[b - 1]] > rank[tied[b]]; b--) {
            size_t t = tied[b];
            tied[b] = tied[b - 1];
            tied[b - 1] = t;
        }
}

int psi_portfolio_gamson(ps_portfolio *p, ps_error *err)
{
    size_t n = p->n_members;
    p->share_num = psi_calloc(n, sizeof *p->share_num);
    p->share_den = psi_calloc(n, sizeof *p->share_den);
    int64_t *votes = psi_calloc(n, sizeof *votes);
    size_t *by_rank = psi_calloc(n, sizeof *by_rank);
    ps_apportionment *a = NULL;
    int rc = PS_OK;
    if (!p->share_num || !p->share_den || !votes || !by_rank) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (p->posts == 0 || p->seats[i] == 0) {
            p->share_num[i] = 0;
            p->share_den[i] = 1;
            continue;
        }
        /* posts * s_i / S in lowest terms: the product may pass 64 bits */
        psi_u128 num = (psi_u128)(uint64_t)p->posts * (uint64_t)p->seats[i];
        psi_u128 x = num, y = (psi_u128)(uint64_t)p->coalition_seats;
        while (y) {
            psi_u128 t = x % y;
            x = y;
            y = t;
        }
        num /= x;
        if (num > (psi_u128)INT64_MAX) {
            rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                           "posts times seats is too large to share exactly");
            goto done;
        }
        p->share_num[i] = (int64_t)num;
        p->share_den[i] = (int64_t)((psi_u128)(uint64_t)p->coalition_seats / x);
    }
    for (size_t i = 0; i < n; i++)
        by_rank[p->tie_rank[i]] = i;
    for (size_t r = 0; r < n; r++)
        votes[r] = p->seats[by_rank[r]];
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.method = PS_HARE;
    opt.seats = p->posts;
    opt.ties = PS_TIES_FIRST;
    rc = ps_apportion(&a, votes, n, &opt, err);
    if (rc < 0)
        goto done;
    for (size_t r = 0; r < n; r++)
        p->won[by_rank[r]] = a->seats[r];
    if (a->tie) {
        p->remainder_tied = psi_malloc_array(a->tie->n_tied, sizeof *p->remainder_tied);
        if (!p->remainder_tied) {
            rc = psi_enomem(err);
            goto done;
        }
        p->n_remainder_tied = a->tie->n_tied;
        for (size_t k = 0; k < a->tie->n_tied; k++) /* ascending index = tie order */
            p->remainder_tied[k] = by_rank[a->tie->tied[k]];
        p->n_remainder_winners = a->tie->n_winners;
    }
done:
    ps_apportionment_free(a);
    psi_free(votes);
    psi_free(by_rank);
    return rc;
}

int psi_portfolio_sequential(ps_portfolio *p, ps_error *err)
{
    size_t n = p->n_members;
    int64_t step = p->method == PS_PORTFOLIO_DHONDT ? 1 : 2;
    p->picks = psi_calloc(p->posts ? (size_t)p->posts : 1, sizeof *p->picks);
    size_t *level = psi_malloc_array(n, sizeof *level);
    if (!p->picks || !level) {
        psi_free(level);
        return psi_enomem(err);
    }
    for (int64_t k = 0; k < p->posts; k++) {
        size_t n_level = 0;
        for (size_t i = 0; i < n; i++) {
            if (n_level == 0) {
                level[n_level++] = i;
                continue;
            }
            size_t b = level[0];
            uint64_t lhs[2] = {(uint64_t)p->seats[i], (uint64_t)(step * p->won[b] + 1)};
            uint64_t rhs[2] = {(uint64_t)p->seats[b], (uint64_t)(step * p->won[i] + 1)};
            int c = psi_cmp_products(lhs, 2, rhs, 2);
            if (c > 0)
                n_level = 0;
            if (c >= 0)
                level[n_level++] = i;
        }
        sort_by_rank(level, n_level, p->tie_rank);
        ps_pick *pk = &p->picks[k];
        pk->member = level[0];
        pk->divisor = step * p->won[level[0]] + 1;
        pk->n_tied = n_level;
        if (n_level > 1) {
            pk->tied = psi_malloc_array(n_level, sizeof *pk->tied);
            if (!pk->tied) {
                psi_free(level);
                return psi_enomem(err);
            }
            memcpy(pk->tied, level, n_level * sizeof *level);
        }
        p->won[level[0]]++;
    }
    psi_free(level);
    return PS_OK;
}

static int awards(ps_portfolio *p, const ps_legislature *leg, const ps_offices *o, ps_error *err)
{
    if (!o || !o->n)
        return PS_OK;
    p->awards = psi_calloc(o->n, sizeof *p->awards);
    if (!p->awards)
        return psi_enomem(err);
    for (size_t k = 0; k < o->n; k++) {
        const ps_office *of = &o->reserved[k];
        long c = ps_legislature_find_community(leg, of->community);
        if (c < 0)
            return psi_error(err, PS_EDATA, of->line ? o->source : NULL, of->line, of->column,
                             "office \"%s\": the legislature has no community '%s'", of->office,
                             of->community);
        ps_award *aw = &p->awards[p->n_awards++];
        aw->office = of->office;
        aw->community = leg->communities[c].id;
        aw->member = -1;
        size_t n_level = 0;
        for (size_t i = 0; i < p->n_members; i++) {
            if (leg->parties[p->party[i]].community != (int)c)
                continue;
            if (aw->member < 0 || p->seats[i] > p->seats[aw->member]) {
                aw->member = (long)i;
                n_level = 1;
            } else if (p->seats[i] == p->seats[aw->member]) {
                n_level++;
            }
        }
        aw->n_tied = n_level;
        if (n_level > 1) {
            if (!(aw->tied = psi_malloc_array(n_level, sizeof *aw->tied)))
                return psi_enomem(err);
            size_t m = 0;
            int64_t top = p->seats[aw->member];
            for (size_t i = 0; i < p->n_members; i++)
                if (leg->parties[p->party[i]].community == (int)c && p->seats[i] == top)
                    aw->tied[m++] = i;
            sort_by_rank(aw->tied, n_level, p->tie_rank);
            aw->member = (long)aw->tied[0];
        }
    }
    return PS_OK;
}

/* Resolves the coalition and the tie order. */
static int members(ps_portfolio *p, const ps_legislature *leg, const char *const *coalition,
                   size_t n, const ps_portfolio_options *opt, ps_error *err)
{
    for (size_t i = 0; i < n; i++) {
        long at = coalition[i] ? ps_legislature_find_party(leg, coalition[i]) : -1;
        if (at < 0)
            return psi_error(err, PS_EDATA, NULL, 0, 0, "coalition: no list '%s' in the chamber",
                             coalition[i] ? coalition[i] : "(null)");
        for (size_t j = 0; j < i; j++)
            if (p->party[j] == (size_t)at)
                return psi_error(err, PS_EDATA, NULL, 0, 0,
                                 "coalition: '%s' is named twice", coalition[i]);
        if (leg->parties[at].seats < 0)
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "coalition: '%s' has an unknown number of seats", coalition[i]);
        p->party[i] = (size_t)at;
        p->seats[i] = leg->parties[at].seats;
        if (p->coalition_seats > INT64_MAX - p->seats[i])
            return psi_error(err, PS_ERANGE, NULL, 0, 0, "coalition seats overflow");
        p->coalition_seats += p->seats[i];
        p->tie_rank[i] = SIZE_MAX;
    }
    size_t next = 0;
    for (size_t t = 0; t < opt->n_tie_order; t++) {
        const char *id = opt->tie_order[t];
        size_t i = 0;
        while (i < n && strcmp(leg->parties[p->party[i]].id, id ? id : ""))
            i++;
        if (i == n)
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "tie order: '%s' is not in the coalition", id ? id : "(null)");
        if (p->tie_rank[i] != SIZE_MAX)
            return psi_error(err, PS_EDATA, NULL, 0, 0, "tie order: '%s' is named twice", id);
        p->tie_rank[i] = next++;
    }
    for (size_t i = 0; i < n; i++)
        if (p->tie_rank[i] == SIZE_MAX)
            p->tie_rank[i] = next++;
    return PS_OK;
}

int ps_portfolio_allocate(ps_portfolio **out, const ps_legislature *leg,
                          const char *const *coalition, size_t n, const ps_portfolio_options *opt,
                          ps_error *err)
{
    if (!out || !leg || !coalition)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_portfolio_allocate: NULL argument");
    *out = NULL;
    ps_portfolio_options defaults;
    if (!opt) {
        ps_portfolio_options_init(&defaults);
        opt = &defaults;
    }
    if (n == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "the coalition is empty");
    if (opt->posts < 0 || (unsigned)opt->method >= PS_PORTFOLIO_METHOD_COUNT)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "posts must be >= 0 and the method valid");
    ps_portfolio *p = psi_calloc(1, sizeof *p);
    if (!p)
        return psi_enomem(err);
    p->method = opt->method;
    p->posts = opt->posts;
    p->n_members = n;
    p->party = psi_calloc(n, sizeof *p->party);
    p->seats = psi_calloc(n, sizeof *p->seats);
    p->tie_rank = psi_calloc(n, sizeof *p->tie_rank);
    p->won = psi_calloc(n, sizeof *p->won);
    if (!p->party || !p->seats || !p->tie_rank || !p->won) {
        ps_portfolio_free(p);
        psi_enomem(err);
        return PS_ENOMEM;
    }
    int rc = members(p, leg, coalition, n, opt, err);
    if (rc == PS_OK && opt->n_parity == 0 && p->posts > 0 && p->coalition_seats == 0)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "the coalition holds no seats: there is nothing to share posts by");
    if (rc == PS_OK && opt->n_parity > 0)
        rc = psi_portfolio_parity(p, leg, opt, err);
    else if (rc == PS_OK && p->method == PS_PORTFOLIO_GAMSON)
        rc = psi_portfolio_gamson(p, err);
    else if (rc == PS_OK)
        rc = psi_portfolio_sequential(p, err);
    if (rc == PS_OK)
        rc = awards(p, leg, opt->offices, err);
    if (rc < 0) {
        ps_portfolio_free(p);
        return rc;
    }
    *out = p;
    return PS_OK;
}
