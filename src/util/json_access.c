/*
 * json_access.c - reading a parsed JSON tree with messages that point.
 *
 * The stages that consume JSON (legislatures now; rules and scenarios later)
 * all need the same checks: only known keys, the right type, whole numbers
 * where counts are expected. Doing them here keeps the wording identical
 * everywhere ("expected an integer for 'seats', got a string") and puts the
 * position of the offending key or value on every error.
 *
 * "Did you mean" uses the Levenshtein distance (capped, on short keys):
 * a typo is at most two edits from the key the user meant.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "json_reader.h"

const char *psi_json_describe(const psi_json *v)
{
    if (!v)
        return "nothing";
    switch (v->kind) {
    case PSI_JSON_NULL: return "null";
    case PSI_JSON_BOOL: return v->boolean ? "true" : "false";
    case PSI_JSON_INT: return "an integer";
    case PSI_JSON_NUMBER: return "a number";
    case PSI_JSON_STRING: return "a string";
    case PSI_JSON_ARRAY: return "an array";
    case PSI_JSON_OBJECT: return "an object";
    }
    return "a value";
}

const psi_json_member *psi_json_member_get(const psi_json *obj, const char *key)
{
    if (!obj || obj->kind != PSI_JSON_OBJECT)
        return NULL;
    size_t n = strlen(key);
    for (size_t i = 0; i < obj->n; i++)
        if (obj->members[i].key_len == n && memcmp(obj->members[i].key, key, n) == 0)
            return &obj->members[i];
    return NULL;
}

const psi_json *psi_json_get(const psi_json *obj, const char *key)
{
    const psi_json_member *m = psi_json_member_get(obj, key);
    return m ? m->value : NULL;
}

const psi_json *psi_json_at(const psi_json *arr, size_t i)
{
    if (!arr || arr->kind != PSI_JSON_ARRAY || i >= arr->n)
        return NULL;
    return arr->items[i];
}

/* Edit distance capped at 3, for "did you mean" on short key names. */
static int distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 40 || nb > 40)
        return 3;
    int row[41];
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb] > 3 ? 3 : row[nb];
}

int psi_json_check_keys(const psi_json *obj, const char *const *allowed, const char *where,
                        const char *source, ps_error *err)
{
    for (size_t i = 0; i < obj->n; i++) {
        const psi_json_member *m = &obj->members[i];
        const char *best = NULL;
        int best_d = 3, known = 0;
        for (size_t k = 0; allowed[k] && !known; k++) {
            if (strcmp(m->key, allowed[k]) == 0 && strlen(allowed[k]) == m->key_len)
                known = 1;
            int d = distance(m->key, allowed[k]);
            if (d < best_d) {
                best_d = d;
                best = allowed[k];
            }
        }
        if (known)
            continue;
        char list[512];
        size_t used = 0;
        list[0] = '\0';
        for (size_t k = 0; allowed[k] && used < sizeof list; k++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", allowed[k]);
            used += w > 0 ? (size_t)w : 0;
        }
        char hint[96] = "";
        if (best && best_d <= 2)
            snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
        return psi_error(err, PS_EDATA, source, m->line, m->column,
                         "unknown key '%.80s' in %s%s; allowed keys: %s", m->key, where, hint,
                         list);
    }
    return 0;
}

static const char *kind_name(psi_json_kind kind)
{
    switch (kind) {
    case PSI_JSON_NULL: return "null";
    case PSI_JSON_BOOL: return "true or false";
    case PSI_JSON_INT: return "an integer";
    case PSI_JSON_NUMBER: return "a number";
    case PSI_JSON_STRING: return "a string";
    case PSI_JSON_ARRAY: return "an array";
    case PSI_JSON_OBJECT: return "an object";
    }
    return "a value";
}

int psi_json_expect(const psi_json *v, psi_json_kind kind, const char *what, const char *source,
                    ps_error *err)
{
    if (v->kind == kind || (kind == PSI_JSON_NUMBER && v->kind == PSI_JSON_INT))
        return 0;
    return psi_error(err, PS_EDATA, source, v->line, v->column, "expected %s for '%s', got %s",
                     kind_name(kind), what, psi_json_describe(v));
}

int psi_json_string(const char **out, const psi_json *v, const char *what, const char *source,
                    ps_error *err)
{
    int rc = psi_json_expect(v, PSI_JSON_STRING, what, source, err);
    if (rc < 0)
        return rc;
    *out = v->text;
    return 0;
}

int psi_json_int(int64_t *out, const psi_json *v, int64_t min, const char *what,
                 const char *source, ps_error *err)
{
    if (v->kind == PSI_JSON_NUMBER) {
        /* the cast only in range: beyond it, converting is undefined */
        if (v->number > -9.2e18 && v->number < 9.2e18 &&
            (double)(int64_t)v->number == v->number)
            return psi_error(err, PS_EDATA, source, v->line, v->column,
                             "expected an integer for '%s', got %s (write whole numbers without "
                             "a decimal point or exponent)", what, v->text);
        return psi_error(err, PS_EDATA, source, v->line, v->column,
                         "'%s' must be a whole number, got %s", what, v->text);
    }
    int rc = psi_json_expect(v, PSI_JSON_INT, what, source, err);
    if (rc < 0)
        return rc;
    if (v->integer < min) {
        if (min == 0)
            return psi_error(err, PS_EDATA, source, v->line, v->column,
                             "'%s' must not be negative, got %s", what, v->text);
        return psi_error(err, PS_EDATA, source, v->line, v->column,
                         "'%s' must be at least %lld, got %s", what, (long long)min, v->text);
    }
    *out = v->integer;
    return 0;
}

int psi_json_double(double *out, const psi_json *v, const char *what, const char *source,
                    ps_error *err)
{
    int rc = psi_json_expect(v, PSI_JSON_NUMBER, what, source, err);
    if (rc < 0)
        return rc;
    *out = v->number;
    return 0;
}
