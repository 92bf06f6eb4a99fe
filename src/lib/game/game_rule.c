/*
 * game_rule.c - decision rules as written in a legislature file or on the
 * command line, compiled into weighted layers of a game.
 *
 * Every condition becomes one layer (game.h explains why each is monotone).
 * Names are checked against the legislature only when the rule is compiled,
 * since a rule may be written once and applied to several scenarios of the
 * same chamber; each name keeps its position in the file so that an unknown
 * id is still reported where it was written.
 *
 * "or" and "and" make the rule an and/or tree of sub-rules, each read by
 * the same code as the section itself (rule.h); a sub-rule has no seat quota
 * unless it writes one.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "json_reader.h"
#include "../legislature/legislature_impl.h"
#include "powershare/io.h"
#include "powershare/rule.h"

static const char *const list_keys[PS_RULE_LIST_COUNT] = {"consent", "presence", "veto"};

int ps_rule_new(ps_rule **out)
{
    *out = NULL;
    ps_rule *r = psi_calloc(1, sizeof *r);
    if (!r)
        return PS_ENOMEM;
    r->quota = psi_strdup("majority");
    if (!r->quota) {
        psi_free(r);
        return PS_ENOMEM;
    }
    *out = r;
    return PS_OK;
}

void ps_rule_free(ps_rule *rule)
{
    if (!rule)
        return;
    for (int l = 0; l < PS_RULE_LIST_COUNT; l++) {
        for (size_t i = 0; i < rule->n[l]; i++)
            psi_free(rule->names[l][i].id);
        psi_free(rule->names[l]);
    }
    for (size_t i = 0; i < rule->n_layers; i++) {
        psi_free(rule->layers[i].weights);
        psi_free(rule->layers[i].quota);
    }
    psi_free(rule->layers);
    for (size_t i = 0; i < rule->n_all_of; i++)
        ps_rule_free(rule->all_of[i]);
    for (size_t i = 0; i < rule->n_any_of; i++)
        ps_rule_free(rule->any_of[i]);
    psi_free(rule->all_of);
    psi_free(rule->any_of);
    psi_free(rule->quota);
    psi_free(rule->source);
    psi_free(rule);
}

static char *dup_or(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *d = psi_strdup(s);
    if (!d)
        *failed = 1;
    return d;
}

static int copy_children(ps_rule ***dst, size_t *n_dst, ps_rule *const *src, size_t n)
{
    if (!n)
        return PS_OK;
    if (!(*dst = psi_calloc(n, sizeof(ps_rule *))))
        return PS_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        int rc = ps_rule_copy(&(*dst)[i], src[i]);
        if (rc < 0)
            return rc;
        (*n_dst)++;
    }
    return PS_OK;
}

int ps_rule_copy(ps_rule **out, const ps_rule *src)
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
    r->line = src->line;
    r->column = src->column;
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
    if (!failed && (copy_children(&r->all_of, &r->n_all_of, src->all_of, src->n_all_of) < 0 ||
                    copy_children(&r->any_of, &r->n_any_of, src->any_of, src->n_any_of) < 0))
        failed = 1;
    if (failed) {
        ps_rule_free(r);
        return PS_ENOMEM;
    }
    *out = r;
    return PS_OK;
}

static int push_child(ps_rule ***list, size_t *n, ps_rule *child, ps_error *err)
{
    ps_rule **grown = psi_realloc_array(*list, *n + 1, sizeof(ps_rule *));
    if (!grown) {
        ps_rule_free(child);
        return psi_enomem(err);
    }
    *list = grown;
    grown[(*n)++] = child;
    return PS_OK;
}

int ps_rule_add_alternative(ps_rule *rule, ps_rule *alternative, ps_error *err)
{
    if (!rule || !alternative) {
        ps_rule_free(alternative);
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_rule_add_alternative: NULL argument");
    }
    return push_child(&rule->any_of, &rule->n_any_of, alternative, err);
}

static int check_quota_text(const char *quota, const char *source, long line, long column,
                            ps_error *err)
{
    int64_t q;
    ps_error e;
    int rc = ps_quota_parse(&q, quota, 100, &e);
    if (rc == PS_EINVAL && source)
        rc = PS_EDATA; /* a bad quota in a file is bad data, on the command line bad usage */
    if (rc < 0)
        return psi_error(err, rc, source, line, column, "%s", e.message);
    return PS_OK;
}

int ps_rule_set_quota(ps_rule *rule, const char *quota, ps_error *err)
{
    if (!quota || !*quota)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "empty quota");
    int rc = check_quota_text(quota, NULL, 0, 0, err);
    if (rc < 0)
        return rc;
    char *copy = psi_strdup(quota);
    if (!copy)
        return psi_enomem(err);
    psi_free(rule->quota);
    rule->quota = copy;
    rule->quota_line = rule->quota_column = 0;
    return PS_OK;
}

static int add_name_at(ps_rule *rule, ps_rule_list list, const char *id, long line, long column,
                       ps_error *err)
{
    if (!id || !*id)
        return psi_error(err, PS_EINVAL, rule->source, line, column, "empty id in '%s'",
                         list_keys[list]);
    ps_rule_name *grown =
        psi_realloc_array(rule->names[list], rule->n[list] + 1, sizeof *grown);
    if (!grown)
        return psi_enomem(err);
    rule->names[list] = grown;
    char *copy = psi_strdup(id);
    if (!copy)
        return psi_enomem(err);
    grown[rule->n[list]++] = (ps_rule_name){copy, line, column};
    return PS_OK;
}

int ps_rule_add_name(ps_rule *rule, ps_rule_list list, const char *id, ps_error *err)
{
    return add_name_at(rule, list, id, 0, 0, err);
}

static int add_layer_at(ps_rule *rule, const char *weights, size_t weights_len, const char *quota,
                        long line, long column, ps_error *err)
{
    ps_rule_layer *grown = psi_realloc_array(rule->layers, rule->n_layers + 1, sizeof *grown);
    if (!grown)
        return psi_enomem(err);
    rule->layers = grown;
    char *w = psi_strndup(weights, weights_len);
    char *q = psi_strdup(quota);
    if (!w || !q) {
        psi_free(w);
        psi_free(q);
        return psi_enomem(err);
    }
    grown[rule->n_layers++] = (ps_rule_layer){w, q, line, column};
    return PS_OK;
}

int ps_rule_add_layer(ps_rule *rule, const char *spec, ps_error *err)
{
    const char *colon = spec ? strchr(spec, ':') : NULL;
    if (!colon || colon == spec || !colon[1])
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "expected a layer as WEIGHTS:QUOTA (e.g. votes:50%%), got '%s'",
                         spec ? spec : "");
    int rc = check_quota_text(colon + 1, NULL, 0, 0, err);
    if (rc < 0)
        return rc;
    return add_layer_at(rule, spec, (size_t)(colon - spec), colon + 1, 0, 0, err);
}

/* ---- reading the "rule" section ------------------------------------------ */

static int read_quota(ps_rule *rule, const psi_json *v, const char *src, ps_error *err)
{
    const char *text;
    if (v->kind == PSI_JSON_INT) {
        if (v->integer <= 0)
            return psi_error(err, PS_EDATA, src, v->line, v->column,
                             "'quota' must be above 0, got %lld", (long long)v->integer);
        text = v->text;
    } else if (v->kind == PSI_JSON_STRING) {
        text = v->text;
    } else {
        return psi_error(err, PS_EDATA, src, v->line, v->column,
                         "expected a string (\"majority\", \"2/3\", \"60%%\") or a whole number "
                         "for 'quota', got %s", psi_json_describe(v));
    }
    int rc = check_quota_text(text, src, v->line, v->column, err);
    if (rc < 0)
        return rc;
    char *copy = psi_strdup(text);
    if (!copy)
        return psi_enomem(err);
    psi_free(rule->quota);
    rule->quota = copy;
    rule->quota_line = v->line;
    rule->quota_column = v->column;
    return PS_OK;
}

static int read_names(ps_rule *rule, ps_rule_list list, const psi_json *v, const char *src,
                      ps_error *err)
{
    int rc = psi_json_expect(v, PSI_JSON_ARRAY, list_keys[list], src, err);
    for (size_t i = 0; rc == PS_OK && i < v->n; i++) {
        const char *id;
        rc = psi_json_string(&id, v->items[i], list_keys[list], src, err);
        if (rc == PS_OK)
            rc = add_name_at(rule, list, id, v->items[i]->line, v->items[i]->column, err);
    }
    return rc;
}

static int read_layers(ps_rule *rule, const psi_json *v, const char *src, ps_error *err)
{
    static const char *const layer_keys[] = {"weights", "quota", NULL};
    int rc = psi_json_expect(v, PSI_JSON_ARRAY, "layers", src, err);
    for (size_t i = 0; rc == PS_OK && i < v->n; i++) {
        const psi_json *item = v->items[i];
        const char *weights;
        rc = psi_json_expect(item, PSI_JSON_OBJECT, "a layer", src, err);
        if (rc == PS_OK)
            rc = psi_json_check_keys(item, layer_keys, "layer", src, err);
        const psi_json *w = rc == PS_OK ? psi_json_get(item, "weights") : NULL;
        const psi_json *q = rc == PS_OK ? psi_json_get(item, "quota") : NULL;
        if (rc == PS_OK && (!w || !q))
            rc = psi_error(err, PS_EDATA, src, item->line, item->column,
                           "a layer needs 'weights' and 'quota'");
        if (rc == PS_OK)
            rc = psi_json_string(&weights, w, "weights", src, err);
        if (rc == PS_OK && q->kind != PSI_JSON_STRING && q->kind != PSI_JSON_INT)
            rc = psi_error(err, PS_EDATA, src, q->line, q->column,
                           "expected a string or a whole number for 'quota', got %s",
                           psi_json_describe(q));
        if (rc == PS_OK)
            rc = check_quota_text(q->text, src, q->line, q->column, err);
        if (rc == PS_OK)
            rc = add_layer_at(rule, weights, strlen(weights), q->text, w->line, w->column, err);
    }
    return rc;
}

#define MAX_DEPTH 8

static int read_rule(ps_rule *rule, const psi_json *sec, const char *src, int depth,
                     ps_error *err);

/* "or" / "and": an array of sub-rules, each an object read like the section. */
static int read_children(ps_rule *rule, bool any, const psi_json *v, const char *src, int depth,
                         ps_error *err)
{
    const char *key = any ? "or" : "and";
    int rc = psi_json_expect(v, PSI_JSON_ARRAY, key, src, err);
    if (rc == PS_OK && v->n == 0)
        rc = psi_error(err, PS_EDATA, src, v->line, v->column,
                       "'%s' is empty; expected a list of rules such as [{\"quota\": \"24\"}]",
                       key);
    if (rc == PS_OK && depth >= MAX_DEPTH)
        rc = psi_error(err, PS_EDATA, src, v->line, v->column,
                       "'%s' is nested more than %d levels deep", key, MAX_DEPTH);
    for (size_t i = 0; rc == PS_OK && i < v->n; i++) {
        const psi_json *item = v->items[i];
        ps_rule *child = psi_calloc(1, sizeof *child);
        if (!child)
            return psi_enomem(err);
        child->line = item->line;
        child->column = item->column;
        if (src && !(child->source = psi_strdup(src))) {
            ps_rule_free(child);
            return psi_enomem(err);
        }
        rc = read_rule(child, item, src, depth + 1, err);
        if (rc == PS_OK && item->n == 0)
            rc = psi_error(err, PS_EDATA, src, item->line, item->column,
                           "a rule in '%s' has no condition; expected at least one of quota, "
                           "min_parties, consent, presence, veto, layers, and, or", key);
        if (rc < 0) {
            ps_rule_free(child);
            return rc;
        }
        rc = any ? push_child(&rule->any_of, &rule->n_any_of, child, err)
                 : push_child(&rule->all_of, &rule->n_all_of, child, err);
    }
    return rc;
}

static int read_rule(ps_rule *rule, const psi_json *sec, const char *src, int depth,
                     ps_error *err)
{
    static const char *const keys[] = {"quota", "of",     "min_parties", "consent", "presence",
                                       "veto",  "layers", "or",          "and",     NULL};
    int rc = psi_json_expect(sec, PSI_JSON_OBJECT, depth ? "a rule" : "rule", src, err);
    if (rc == PS_OK)
        rc = psi_json_check_keys(sec, keys, "rule", src, err);
    const psi_json *v;
    if (rc == PS_OK && (v = psi_json_get(sec, "quota")))
        rc = read_quota(rule, v, src, err);
    if (rc == PS_OK && (v = psi_json_get(sec, "of"))) {
        const char *of;
        rc = psi_json_string(&of, v, "of", src, err);
        if (rc == PS_OK && strcmp(of, "all") && strcmp(of, "present"))
            rc = psi_error(err, PS_EDATA, src, v->line, v->column,
                           "expected \"all\" or \"present\" for 'of', got \"%s\"", of);
        if (rc == PS_OK)
            rule->of_present = !strcmp(of, "present");
    }
    if (rc == PS_OK && (v = psi_json_get(sec, "min_parties")))
        rc = psi_json_int(&rule->min_parties, v, 1, "min_parties", src, err);
    for (int l = 0; rc == PS_OK && l < PS_RULE_LIST_COUNT; l++)
        if ((v = psi_json_get(sec, list_keys[l])))
            rc = read_names(rule, (ps_rule_list)l, v, src, err);
    if (rc == PS_OK && (v = psi_json_get(sec, "layers")))
        rc = read_layers(rule, v, src, err);
    if (rc == PS_OK && (v = psi_json_get(sec, "and")))
        rc = read_children(rule, false, v, src, depth, err);
    if (rc == PS_OK && (v = psi_json_get(sec, "or")))
        rc = read_children(rule, true, v, src, depth, err);
    return rc;
}

int ps_rule_from_document(ps_rule **out, const ps_document *doc, ps_error *err)
{
    const psi_json *sec = psi_document_section(doc, "rule");
    const char *source = ps_document_source(doc);
    ps_rule *rule = NULL;
    *out = NULL;
    int rc = ps_rule_new(&rule);
    if (rc < 0)
        psi_enomem(err);
    if (rc == PS_OK && !(rule->source = psi_strdup(source)))
        rc = psi_enomem(err);
    if (rc == PS_OK && sec)
        rc = read_rule(rule, sec, source, 0, err);
    if (rc < 0) {
        ps_rule_free(rule);
        return rc;
    }
    *out = rule;
    return PS_OK;
}
