/*
 * scenario.c - what-if steps: reading them (command line and JSON) and
 * applying them to a copy of a legislature and its rule.
 *
 * The steps model what happens to a chamber between an election and a vote:
 * a bloc walks out (Iraq's Kurdish lists suspended their participation in the
 * federal government in July 2014; the Sunni Accord Front boycotted the
 * Council in 2007), members lose their seats (de-Baathification exclusions),
 * lists merge or split after the count, members defect. Removing seats and
 * vacating them differ only in whether the chamber keeps its size: the first
 * lowers every quota counted on all seats, the second leaves it to the rule
 * ("of": "all" or "present") whether an empty seat still counts.
 *
 * Apply works on a deep copy and edits the parties array directly (the
 * legislature stage has no removal function); the seat invariant of
 * legislature.h is kept by each step and checked at the end.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "json_reader.h"
#include "text.h"
#include "../legislature/legislature_impl.h"
#include "powershare/io.h"
#include "powershare/scenario.h"

static void step_free(ps_step *s)
{
    psi_free(s->a);
    psi_free(s->b);
    psi_free(s->id);
    psi_free(s->name);
}

static void scenario_clear(ps_scenario *sc)
{
    for (size_t i = 0; i < sc->n_steps; i++)
        step_free(&sc->steps[i]);
    psi_free(sc->steps);
    psi_free(sc->name);
    psi_free(sc->notes);
    psi_free(sc->source);
}

int ps_scenario_new(ps_scenario **out, const char *name)
{
    *out = NULL;
    ps_scenario *sc = psi_calloc(1, sizeof *sc);
    if (!sc)
        return PS_ENOMEM;
    sc->name = psi_strdup(name ? name : "what if");
    if (!sc->name) {
        psi_free(sc);
        return PS_ENOMEM;
    }
    *out = sc;
    return PS_OK;
}

void ps_scenario_free(ps_scenario *sc)
{
    if (!sc)
        return;
    scenario_clear(sc);
    psi_free(sc);
}

void ps_scenarios_free(ps_scenarios *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++)
        scenario_clear(&list->items[i]);
    psi_free(list->items);
    psi_free(list);
}

/* Takes ownership of *step's strings (also on failure). */
static int push_step(ps_scenario *sc, ps_step *step, ps_error *err)
{
    ps_step *grown = psi_realloc_array(sc->steps, sc->n_steps + 1, sizeof *grown);
    if (!grown) {
        step_free(step);
        return psi_enomem(err);
    }
    sc->steps = grown;
    grown[sc->n_steps++] = *step;
    return PS_OK;
}

static int check_quota(const char *q, const char *src, long line, long column, ps_error *err)
{
    int64_t v;
    ps_error e;
    int rc = ps_quota_parse(&v, q, 100, &e);
    if (rc < 0) /* in a file, a bad quota is bad data; on the command line, bad usage */
        return psi_error(err, src && rc == PS_EINVAL ? PS_EDATA : rc, src, line, column,
                         "%s", e.message);
    return PS_OK;
}

int ps_scenario_add_text(ps_scenario *sc, ps_step_kind kind, const char *text, ps_error *err)
{
    if (!sc || !text || (unsigned)kind >= PS_STEP_KIND_COUNT)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_scenario_add_text: bad argument");
    ps_step s = {.kind = kind, .of_present = -1};
    const char *name = ps_step_kind_name(kind);
    if (!*text)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "--%s: empty argument", name);
    switch (kind) {
    case PS_STEP_MERGE: {
        const char *comma = strchr(text, ',');
        const char *eq = comma ? strchr(comma + 1, '=') : NULL;
        const char *end_b = eq ? eq : text + strlen(text);
        if (!comma || comma == text || end_b == comma + 1 || (eq && !eq[1]) ||
            memchr(comma + 1, ',', (size_t)(end_b - comma - 1)))
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "--merge: expected A,B or A,B=NEWID, got '%s'", text);
        s.a = psi_strndup(text, (size_t)(comma - text));
        s.b = psi_strndup(comma + 1, (size_t)(end_b - comma - 1));
        s.id = eq ? psi_strdup(eq + 1) : NULL;
        if (!s.a || !s.b || (eq && !s.id)) {
            step_free(&s);
            return psi_enomem(err);
        }
        break;
    }
    case PS_STEP_MOVE: {
        const char *c1 = strchr(text, ':');
        const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        char *end = NULL;
        long long k = 0;
        if (c2 && c2[1] >= '0' && c2[1] <= '9')
            k = strtoll(c2 + 1, &end, 10);
        if (!c1 || c1 == text || !c2 || c2 == c1 + 1 || !end || *end || k < 0 ||
            (k == LLONG_MAX))
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "--move: expected FROM:TO:SEATS (e.g. kdp:puk:3), got '%s'", text);
        s.a = psi_strndup(text, (size_t)(c1 - text));
        s.b = psi_strndup(c1 + 1, (size_t)(c2 - c1 - 1));
        s.seats = (int64_t)k;
        if (!s.a || !s.b) {
            step_free(&s);
            return psi_enomem(err);
        }
        break;
    }
    case PS_STEP_QUOTA: {
        int rc = check_quota(text, NULL, 0, 0, err);
        if (rc < 0)
            return rc;
    }
        /* fall through */
    default:
        if (!(s.a = psi_strdup(text)))
            return psi_enomem(err);
        break;
    }
    return push_step(sc, &s, err);
}

/* ---- JSON ---------------------------------------------------------------- */

static int json_id(char **out, const psi_json *v, const char *what, const char *src,
                   ps_error *err)
{
    const char *s;
    int rc = psi_json_string(&s, v, what, src, err);
    if (rc < 0)
        return rc;
    if (!*s)
        return psi_error(err, PS_EDATA, src, v->line, v->column, "'%s' must not be empty", what);
    if (!(*out = psi_strdup(s)))
        return psi_enomem(err);
    return PS_OK;
}

/* One step object: exactly one action key, plus "id"/"name" for merge and
 * "of" for quota. */
static int read_step(ps_scenario *sc, const psi_json *v, const char *src, ps_error *err)
{
    static const char *const keys[] = {"remove", "vacate", "remove_community", "leave_community",
                                       "merge", "move", "quota", "id", "name", "of", NULL};
    int rc = psi_json_expect(v, PSI_JSON_OBJECT, "a step", src, err);
    if (rc == PS_OK)
        rc = psi_json_check_keys(v, keys, "step", src, err);
    if (rc < 0)
        return rc;
    int kind = -1;
    const psi_json_member *action = NULL;
    for (size_t i = 0; i < v->n; i++)
        for (int k = 0; k < PS_STEP_KIND_COUNT; k++)
            if (!strcmp(v->members[i].key, ps_step_kind_name((ps_step_kind)k))) {
                if (action)
                    return psi_error(err, PS_EDATA, src, v->members[i].line,
                                     v->members[i].column,
                                     "a step has one action, got '%s' and '%s'", action->key,
                                     v->members[i].key);
                action = &v->members[i];
                kind = k;
            }
    if (!action)
        return psi_error(err, PS_EDATA, src, v->line, v->column,
                         "a step needs one of: remove, vacate, remove_community, "
                         "leave_community, merge, move, quota");
    const psi_json *id = psi_json_get(v, "id"), *name = psi_json_get(v, "name"),
                   *of = psi_json_get(v, "of");
    const psi_json_member *extra = NULL;
    if (kind != PS_STEP_MERGE && (id || name))
        extra = psi_json_member_get(v, id ? "id" : "name");
    if (kind != PS_STEP_QUOTA && of)
        extra = psi_json_member_get(v, "of");
    if (extra)
        return psi_error(err, PS_EDATA, src, extra->line, extra->column,
                         "'%s' does not go with a '%s' step", extra->key, action->key);
    const psi_json *a = action->value;
    ps_step s = {.kind = (ps_step_kind)kind, .of_present = -1, .line = a->line,
                 .column = a->column};
    switch (kind) {
    case PS_STEP_MERGE:
        if (a->kind != PSI_JSON_ARRAY || a->n != 2)
            return psi_error(err, PS_EDATA, src, a->line, a->column,
                             "expected an array of two list ids for 'merge', got %s",
                             a->kind == PSI_JSON_ARRAY ? "another number of items"
                                                       : psi_json_describe(a));
        rc = json_id(&s.a, a->items[0], "merge", src, err);
        if (rc == PS_OK)
            rc = json_id(&s.b, a->items[1], "merge", src, err);
        if (rc == PS_OK && id)
            rc = json_id(&s.id, id, "id", src, err);
        if (rc == PS_OK && name)
            rc = json_id(&s.name, name, "name", src, err);
        break;
    case PS_STEP_MOVE: {
        static const char *const move_keys[] = {"from", "to", "seats", NULL};
        rc = psi_json_expect(a, PSI_JSON_OBJECT, "move", src, err);
        if (rc == PS_OK)
            rc = psi_json_check_keys(a, move_keys, "move", src, err);
        const psi_json *from = psi_json_get(a, "from"), *to = psi_json_get(a, "to"),
                       *k = psi_json_get(a, "seats");
        if (rc == PS_OK && (!from || !to || !k))
            rc = psi_error(err, PS_EDATA, src, a->line, a->column,
                           "'move' needs 'from', 'to' and 'seats'");
        if (rc == PS_OK)
            rc = json_id(&s.a, from, "from", src, err);
        if (rc == PS_OK)
            rc = json_id(&s.b, to, "to", src, err);
        if (rc == PS_OK)
            rc = psi_json_int(&s.seats, k, 0, "seats", src, err);
        break;
    }
    case PS_STEP_QUOTA:
        if (a->kind != PSI_JSON_STRING && a->kind != PSI_JSON_INT)
            return psi_error(err, PS_EDATA, src, a->line, a->column,
                             "expected a string (\"majority\", \"2/3\", \"60%%\") or a whole "
                             "number for 'quota', got %s", psi_json_describe(a));
        rc = check_quota(a->text, src, a->line, a->column, err);
        if (rc == PS_OK && !(s.a = psi_strdup(a->text)))
            rc = psi_enomem(err);
        if (rc == PS_OK && of) {
            const char *t;
            rc = psi_json_string(&t, of, "of", src, err);
            if (rc == PS_OK && strcmp(t, "all") && strcmp(t, "present"))
                rc = psi_error(err, PS_EDATA, src, of->line, of->column,
                               "expected \"all\" or \"present\" for 'of', got \"%s\"", t);
            if (rc == PS_OK)
                s.of_present = !strcmp(t, "present");
        }
        break;
    default:
        rc = json_id(&s.a, a, action->key, src, err);
        break;
    }
    if (rc < 0) {
        step_free(&s);
        return rc;
    }
    return push_step(sc, &s, err);
}

static int read_scenario(ps_scenario *sc, const psi_json *v, const char *src, ps_error *err)
{
    static const char *const keys[] = {"name", "notes", "steps", NULL};
    sc->line = v->line;
    sc->column = v->column;
    if (src && !(sc->source = psi_strdup(src)))
        return psi_enomem(err);
    bool is_step = false;
    for (int k = 0; v->kind == PSI_JSON_OBJECT && k < PS_STEP_KIND_COUNT; k++)
        is_step = is_step || psi_json_get(v, ps_step_kind_name((ps_step_kind)k));
    if (is_step && !psi_json_get(v, "steps")) {
        /* a single step standing for a scenario of its own */
        int rc = read_step(sc, v, src, err);
        char *d = NULL;
        if (rc == PS_OK && ps_step_describe(&d, &sc->steps[0]) < 0)
            rc = psi_enomem(err);
        if (rc == PS_OK)
            sc->name = d;
        return rc;
    }
    int rc = psi_json_expect(v, PSI_JSON_OBJECT, "a scenario", src, err);
    if (rc == PS_OK)
        rc = psi_json_check_keys(v, keys, "scenario", src, err);
    if (rc < 0)
        return rc;
    const psi_json *name = psi_json_get(v, "name"), *notes = psi_json_get(v, "notes"),
                   *steps = psi_json_get(v, "steps");
    if (!name || !steps)
        return psi_error(err, PS_EDATA, src, v->line, v->column,
                         "a scenario needs 'name' and 'steps'");
    rc = json_id(&sc->name, name, "name", src, err);
    if (rc == PS_OK && notes) {
        const char *t;
        rc = psi_json_string(&t, notes, "notes", src, err);
        if (rc == PS_OK && !(sc->notes = psi_strdup(t)))
            rc = psi_enomem(err);
    }
    if (rc == PS_OK)
        rc = psi_json_expect(steps, PSI_JSON_ARRAY, "steps", src, err);
    if (rc == PS_OK && steps->n == 0)
        rc = psi_error(err, PS_EDATA, src, steps->line, steps->column,
                       "'steps' must hold at least one step");
    for (size_t i = 0; rc == PS_OK && i < steps->n; i++)
        rc = read_step(sc, steps->items[i], src, err);
    return rc;
}

static int read_list(ps_scenarios **out, const psi_json *sec, const char *src, ps_error *err)
{
    ps_scenarios *list = psi_calloc(1, sizeof *list);
    if (!list)
        return psi_enomem(err);
    int rc = PS_OK;
    if (sec) {
        rc = psi_json_expect(sec, PSI_JSON_ARRAY, "scenarios", src, err);
        if (rc == PS_OK && sec->n &&
            !(list->items = psi_calloc(sec->n, sizeof *list->items))) {
            psi_enomem(err);
            rc = PS_ENOMEM;
        }
        for (size_t i = 0; rc == PS_OK && i < sec->n; i++) {
            list->n++;
            rc = read_scenario(&list->items[i], sec->items[i], src, err);
        }
        /* names must tell the scenarios apart in reports */
        for (size_t i = 0; rc == PS_OK && i < list->n; i++)
            for (size_t j = 0; rc == PS_OK && j < i; j++)
                if (!strcmp(list->items[i].name, list->items[j].name))
                    rc = psi_error(err, PS_EDATA, src, list->items[i].line,
                                   list->items[i].column,
                                   "two scenarios are called \"%s\" (the first at line %ld)",
                                   list->items[i].name, list->items[j].line);
    }
    if (rc < 0) {
        ps_scenarios_free(list);
        return rc;
    }
    *out = list;
    return PS_OK;
}

int ps_scenarios_from_document(ps_scenarios **out, const ps_document *doc, ps_error *err)
{
    *out = NULL;
    return read_list(out, psi_document_section(doc, "scenarios"), ps_document_source(doc), err);
}

int ps_scenarios_read(ps_scenarios **out, const char *text, size_t len, const char *source,
                      ps_error *err)
{
    psi_json_doc *doc = NULL;
    *out = NULL;
    size_t i = psi_bom_length(text, len);
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    if (i == len) /* the JSON reader would say "empty input; expected a JSON value" */
        return psi_error(err, PS_EPARSE, source, 0, 0,
                         "%s; expected a JSON array of scenarios (docs/scenarios.md)",
                         len > psi_bom_length(text, len) ? "file holds only white space" : "empty file");
    int rc = psi_json_parse(&doc, text, len, source, err);
    if (rc == PS_OK)
        rc = read_list(out, psi_json_root(doc), source, err);
    if (rc == PS_OK && (*out)->n == 0) { /* a file of scenarios with none is a mistake */
        const psi_json *root = psi_json_root(doc);
        rc = psi_error(err, PS_EDATA, source, root->line, root->column,
                       "no scenario in the file; expected at least one "
                       "{\"name\": ..., \"steps\": [...]} or step (docs/scenarios.md)");
        ps_scenarios_free(*out);
        *out = NULL;
    }
    psi_json_free(doc);
    return rc;
}
