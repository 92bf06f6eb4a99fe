/*
 * io_legislature_json.c - a legislature from the JSON format of
 * docs/formats.md ("powershare-legislature/1").
 *
 * The document is parsed into a positioned tree first (json_reader.c) and
 * then walked in a fixed order: communities and dimensions before parties,
 * because parties refer to them. Every content error points at the value
 * or key at fault; the seat invariant, which only the whole file can break,
 * points at total_seats (or at the party it concerns).
 *
 * Unknown keys are errors rather than ignored, so that a typo such as
 * "seat" never silently drops data.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "text.h"
#include "legislature_impl.h"
#include "json_reader.h"
#include "powershare/io.h"

/* "election", "rule", "condition", "scenarios", "offices" and "formation"
 * describe how the chamber is elected and analysed, not the chamber: the
 * simulate, game, coalition, scenario and portfolio stages read and check them
 * (psi_json_load_section), so this reader only lets them pass. */
static const char *const top_keys[] = {
    "format", "name", "date", "source", "notes", "total_seats", "unattributed_seats",
    "vacant_seats", "communities", "dimensions", "parties",
    "election", "rule", "condition", "scenarios", "offices", "formation", NULL};
static const char *const community_keys[] = {"id", "name", NULL};
static const char *const dimension_keys[] = {"id", "name", "min", "max", NULL};
static const char *const party_keys[] = {"id", "name", "seats", "votes", "community",
                                         "positions", "color", "source", NULL};

#define FORMAT_ID "powershare-legislature/1"

typedef struct reader {
    const char *src;
    ps_error *err;
    ps_legislature *leg;
} reader;

static int at(const reader *r, const psi_json *v, int code, const char *fmt, ...)
    PSI_PRINTF(4, 5);

static int at(const reader *r, const psi_json *v, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    psi_verror(r->err, code, r->src, v->line, v->column, fmt, ap);
    va_end(ap);
    return code;
}
#ifdef __clang_analyzer__
/* The analyzer does not follow variadic calls: say that at() returns its
 * code, as util.h does for psi_error(). Compiled code is unchanged. */
#define at(r, v, code, ...) ((void)at(r, v, code, __VA_ARGS__), (code))
#endif

/* An optional string member, copied into *dst (left alone when absent). */
static int opt_string(const reader *r, char **dst, const psi_json *obj, const char *key)
{
    const psi_json *v = psi_json_get(obj, key);
    const char *s;
    if (!v)
        return 0;
    int rc = psi_json_string(&s, v, key, r->src, r->err);
    if (rc < 0)
        return rc;
    char *copy = psi_strdup(s);
    if (!copy)
        return psi_enomem(r->err);
    psi_free(*dst);
    *dst = copy;
    return 0;
}

static int opt_int(const reader *r, int64_t *dst, const psi_json *obj, const char *key,
                   int64_t min)
{
    const psi_json *v = psi_json_get(obj, key);
    return v ? psi_json_int(dst, v, min, key, r->src, r->err) : 0;
}

/* The required, non-empty "id" of an item of `what` ("party"). */
static int get_id(const reader *r, const psi_json *obj, const char *what, const char **id)
{
    const psi_json *v = psi_json_get(obj, "id");
    if (!v)
        return at(r, obj, PS_EDATA, "missing key 'id' in %s; every %s needs an id", what, what);
    int rc = psi_json_string(id, v, "id", r->src, r->err);
    if (rc < 0)
        return rc;
    if (!**id)
        return at(r, v, PS_EDATA, "'id' must not be empty");
    return 0;
}

/* Item i of arr duplicates an earlier id: name the line of the first. */
static int duplicate_id(const reader *r, const psi_json *arr, size_t i, const char *what)
{
    const psi_json *dup = psi_json_get(arr->items[i], "id");
    for (size_t j = 0; j < i; j++) {
        const psi_json *first = psi_json_get(arr->items[j], "id");
        if (first && first->kind == PSI_JSON_STRING && strcmp(first->text, dup->text) == 0)
            return at(r, dup, PS_EDATA, "duplicate %s id '%s' (first at line %ld)", what,
                      dup->text, first->line);
    }
    return at(r, dup, PS_EDATA, "duplicate %s id '%s'", what, dup->text);
}

/* An optional array of objects: *out is NULL when absent. */
static int opt_array(const reader *r, const psi_json **out, const psi_json *obj,
                     const char *key, const char *item, const char *const *keys)
{
    *out = psi_json_get(obj, key);
    if (!*out)
        return 0;
    int rc = psi_json_expect(*out, PSI_JSON_ARRAY, key, r->src, r->err);
    for (size_t i = 0; rc == 0 && i < (*out)->n; i++) {
        const psi_json *v = (*out)->items[i];
        if (v->kind != PSI_JSON_OBJECT)
            return at(r, v, PS_EDATA, "expected an object for each %s in '%s', got %s", item,
                      key, psi_json_describe(v));
        rc = psi_json_check_keys(v, keys, item, r->src, r->err);
    }
    return rc;
}

/* "a, b, c" for messages; "(none)" when empty, "..." when cut. */
static void list_ids(char *buf, size_t size, const ps_legislature *leg, int dimensions)
{
    size_t n = dimensions ? leg->n_dimensions : leg->n_communities, used = 0;
    snprintf(buf, size, "(none)");
    for (size_t i = 0; i < n && used + 1 < size; i++) {
        const char *id = dimensions ? leg->dimensions[i].id : leg->communities[i].id;
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", id);
        used += w > 0 ? (size_t)w : 0;
    }
    if (used >= size && size > 4)
        memcpy(buf + size - 4, "...", 4);
}

static int read_communities(const reader *r, const psi_json *arr)
{
    for (size_t i = 0; i < arr->n; i++) {
        const psi_json *c = arr->items[i];
        const char *id, *name = NULL;
        int rc = get_id(r, c, "community", &id);
        const psi_json *nv = psi_json_get(c, "name");
        if (rc == 0 && nv)
            rc = psi_json_string(&name, nv, "name", r->src, r->err);
        if (rc < 0)
            return rc;
        if (ps_legislature_find_community(r->leg, id) >= 0)
            return duplicate_id(r, arr, i, "community");
        if (ps_legislature_add_community(r->leg, id, name, r->err) < 0)
            return PS_ENOMEM; /* the id was checked: only memory can fail */
    }
    return 0;
}

static int read_dimensions(const reader *r, const psi_json *arr)
{
    for (size_t i = 0; i < arr->n; i++) {
        const psi_json *d = arr->items[i];
        const char *id, *name = NULL;
        double min = NAN, max = NAN;
        const psi_json *nv = psi_json_get(d, "name"), *minv = psi_json_get(d, "min"),
                       *maxv = psi_json_get(d, "max");
        int rc = get_id(r, d, "dimension", &id);
        if (rc == 0 && nv)
            rc = psi_json_string(&name, nv, "name", r->src, r->err);
        if (rc == 0 && minv)
            rc = psi_json_double(&min, minv, "min", r->src, r->err);
        if (rc == 0 && maxv)
            rc = psi_json_double(&max, maxv, "max", r->src, r->err);
        if (rc < 0)
            return rc;
        if (minv && maxv && !(min < max))
            return at(r, maxv, PS_EDATA, "'max' (%s) must be greater than 'min' (%s)", maxv->text,
                      minv->text);
        if (ps_legislature_find_dimension(r->leg, id) >= 0)
            return duplicate_id(r, arr, i, "dimension");
        if (ps_legislature_add_dimension(r->leg, id, name, min, max, r->err) < 0)
            return PS_ENOMEM;
    }
    return 0;
}

static int read_positions(const reader *r, ps_party *p, const psi_json *pos)
{
    int rc = psi_json_expect(pos, PSI_JSON_OBJECT, "positions", r->src, r->err);
    if (rc < 0)
        return rc;
    ps_legislature *leg = r->leg;
    for (size_t i = 0; i < pos->n; i++) {
        const psi_json_member *m = &pos->members[i];
        long d = ps_legislature_find_dimension(leg, m->key);
        if (d < 0) {
            char list[400];
            list_ids(list, sizeof list, leg, 1);
            if (!leg->n_dimensions)
                return psi_error(r->err, PS_EDATA, r->src, m->line, m->column,
                                 "unknown dimension '%s'; declare it in a top-level "
                                 "\"dimensions\" array first", m->key);
            return psi_error(r->err, PS_EDATA, r->src, m->line, m->column,
                             "unknown dimension '%s'; declared dimensions: %s", m->key, list);
        }
        double v;
        rc = psi_json_double(&v, m->value, m->key, r->src, r->err);
        if (rc < 0)
            return rc;
        const ps_dimension *dim = &leg->dimensions[d];
        if ((!isnan(dim->min) && v < dim->min) || (!isnan(dim->max) && v > dim->max)) {
            char lo[32] = "-inf", hi[32] = "inf";
            if (!isnan(dim->min))
                psi_format_double(lo, sizeof lo, dim->min);
            if (!isnan(dim->max))
                psi_format_double(hi, sizeof hi, dim->max);
            return at(r, m->value, PS_EDATA, "position %s on '%s' is outside its declared "
                      "range [%s, %s]", m->value->text, m->key, lo, hi);
        }
        p->positions[d] = v;
    }
    return 0;
}

/* communities_given: whether a "communities" array declared them all. */
static int read_party(const reader *r, const psi_json *arr, size_t i, int communities_given)
{
    const psi_json *obj = arr->items[i];
    const char *id, *name = NULL, *community = NULL;
    int64_t seats = PS_UNKNOWN, votes = PS_UNKNOWN;
    const psi_json *nv = psi_json_get(obj, "name"), *cv = psi_json_get(obj, "community");
    int rc = get_id(r, obj, "party", &id);
    if (rc == 0 && nv)
        rc = psi_json_string(&name, nv, "name", r->src, r->err);
    if (rc == 0)
        rc = opt_int(r, &seats, obj, "seats", 0);
    if (rc == 0)
        rc = opt_int(r, &votes, obj, "votes", 0);
    if (rc == 0 && cv)
        rc = psi_json_string(&community, cv, "community", r->src, r->err);
    if (rc < 0)
        return rc;
    if (ps_legislature_find_party(r->leg, id) >= 0)
        return duplicate_id(r, arr, i, "party");
    if (community && ps_legislature_find_community(r->leg, community) < 0) {
        if (communities_given) {
            char list[400];
            list_ids(list, sizeof list, r->leg, 0);
            return at(r, cv, PS_EDATA, "unknown community '%s'; declared communities: %s",
                      community, list);
        }
        if (!*community)
            return at(r, cv, PS_EDATA, "'community' must not be empty (leave it out instead)");
        if (ps_legislature_add_community(r->leg, community, NULL, r->err) < 0)
            return PS_ENOMEM;
    }
    size_t k;
    if (ps_legislature_add_party(r->leg, id, name, seats, votes, community, &k, r->err) < 0)
        return PS_ENOMEM;
    ps_party *p = &r->leg->parties[k];
    const psi_json *pos = psi_json_get(obj, "positions"), *col = psi_json_get(obj, "color");
    if (pos && (rc = read_positions(r, p, pos)) < 0)
        return rc;
    if (col && (rc = opt_string(r, &p->color, obj, "color")) < 0)
        return rc;
    if (p->color && !psi_is_color(p->color))
        return at(r, col, PS_EDATA, "expected a colour written \"#rrggbb\" for 'color', got "
                  "\"%.40s\"", p->color);
    return opt_string(r, &p->source, obj, "source");
}

static int read_top(const reader *r, const psi_json *root, const psi_json **parties)
{
    int rc = psi_json_check_keys(root, top_keys, "the legislature", r->src, r->err);
    if (rc < 0)
        return rc;
    const psi_json *fmt = psi_json_get(root, "format");
    const char *s;
    if (fmt && (rc = psi_json_string(&s, fmt, "format", r->src, r->err)) < 0)
        return rc;
    if (fmt && strcmp(s, FORMAT_ID) != 0)
        return at(r, fmt, PS_EDATA, "unsupported format \"%.60s\"; expected \"" FORMAT_ID "\"",
                  s);
    ps_legislature *leg = r->leg;
    if ((rc = opt_string(r, &leg->name, root, "name")) < 0 ||
        (rc = opt_string(r, &leg->date, root, "date")) < 0 ||
        (rc = opt_string(r, &leg->source, root, "source")) < 0 ||
        (rc = opt_string(r, &leg->notes, root, "notes")) < 0)
        return rc;
    if (leg->date && !psi_is_iso_date(leg->date))
        return at(r, psi_json_get(root, "date"), PS_EDATA, "expected an ISO 8601 date such as "
                  "\"2014-04-30\" for 'date', got \"%.40s\"", leg->date);
    if ((rc = opt_int(r, &leg->total_seats, root, "total_seats", 1)) < 0 ||
        (rc = opt_int(r, &leg->unattributed_seats, root, "unattributed_seats", 0)) < 0 ||
        (rc = opt_int(r, &leg->vacant_seats, root, "vacant_seats", 0)) < 0)
        return rc;
    const psi_json *comms, *dims;
    if ((rc = opt_array(r, &comms, root, "communities", "community", community_keys)) < 0 ||
        (rc = opt_array(r, &dims, root, "dimensions", "dimension", dimension_keys)) < 0 ||
        (rc = opt_array(r, parties, root, "parties", "party", party_keys)) < 0)
        return rc;
    if (comms && (rc = read_communities(r, comms)) < 0)
        return rc;
    if (dims && (rc = read_dimensions(r, dims)) < 0)
        return rc;
    if (!*parties)
        return at(r, root, PS_EDATA, "missing key 'parties'; a legislature needs a list of "
                  "parties");
    if ((*parties)->n == 0)
        return at(r, *parties, PS_EDATA, "'parties' is empty; a legislature needs at least one "
                  "party");
    for (size_t i = 0; i < (*parties)->n; i++)
        if ((rc = read_party(r, *parties, i, comms != NULL)) < 0)
            return rc;
    return 0;
}

/* Runs the whole-file checks and points their error at the right place. */
static int check(const reader *r, const psi_json *root, const psi_json *parties)
{
    long bad;
    int rc = psi_legislature_check(r->leg, &bad, r->err);
    if (rc == 0)
        return 0;
    const psi_json *where = psi_json_get(root, "total_seats");
    if (bad >= 0) {
        const psi_json *party = parties->items[bad];
        where = psi_json_get(party, "seats");
        if (!where)
            where = party;
    } else if (!where) {
        where = parties;
    }
    psi_error_at(r->err, r->src, where->line, where->column);
    return rc;
}

int psi_legislature_from_json(ps_legislature **out, const psi_json *root, const char *source_name,
                              ps_error *err)
{
    *out = NULL;
    const psi_json *parties = NULL;
    reader r = {source_name, err, NULL};
    int rc;
    if (root->kind != PSI_JSON_OBJECT)
        return at(&r, root, PS_EDATA, "expected a JSON object at the top level, got %s",
                  psi_json_describe(root));
    if (ps_legislature_new(&r.leg, NULL, PS_UNKNOWN) < 0)
        return psi_enomem(err);
    rc = read_top(&r, root, &parties);
    if (rc == PS_ENOMEM)
        psi_enomem(err);
    if (rc == 0)
        rc = check(&r, root, parties);
    if (rc < 0)
        ps_legislature_free(r.leg);
    else
        *out = r.leg;
    return rc;
}

int ps_legislature_read_json(ps_legislature **out, const char *text, size_t len,
                             const char *source_name, ps_error *err)
{
    *out = NULL;
    psi_json_doc *doc;
    int rc = psi_json_parse(&doc, text, len, source_name, err);
    if (rc < 0)
        return rc;
    rc = psi_legislature_from_json(out, psi_json_root(doc), source_name, err);
    psi_json_free(doc);
    return rc;
}
