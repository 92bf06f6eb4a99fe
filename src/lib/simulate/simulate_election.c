/*
 * simulate_election.c - the "election" section of a legislature JSON file:
 * how the chamber is elected, for the simulate stage.
 *
 *   "election": {"method": "sainte-lague", "seats": 598,
 *                "first_divisor": "1.4", "threshold": "5%" | "quota",
 *                "exempt": ["SSW"]}
 *
 * Numbers that people type as ratios ("5%", "1/20", 0.05, "1.4") go through
 * ps_ratio_parse on the token text, so they stay exact; every fault is
 * reported at the position of the offending value (docs/formats.md).
 */
#include <string.h>

#include "util.h"
#include "json_reader.h"
#include "../legislature/legislature_impl.h"
#include "powershare/simulate.h"

static const char *const keys[] = {"method", "seats", "first_divisor", "threshold", "exempt",
                                   NULL};

void ps_election_free(ps_election *e)
{
    if (!e)
        return;
    for (size_t i = 0; e->exempt && i < e->n_exempt; i++)
        psi_free(e->exempt[i]);
    psi_free(e->exempt);
    psi_free(e->exempt_line);
    psi_free(e->exempt_column);
    psi_free(e->source);
    psi_free(e);
}

/* A ratio given as a JSON string or number; *what* names it in messages. */
static int ratio_value(ps_ratio *out, const psi_json *v, const char *what, const char *src,
                       ps_error *err)
{
    if (v->kind != PSI_JSON_STRING && v->kind != PSI_JSON_INT && v->kind != PSI_JSON_NUMBER)
        return psi_error(err, PS_EDATA, src, v->line, v->column,
                         "expected a number or a string such as \"5%%\" for '%s', got %s", what,
                         psi_json_describe(v));
    ps_error e2;
    if (ps_ratio_parse(out, v->text, &e2) < 0)
        return psi_error(err, PS_EDATA, src, v->line, v->column, "'%s': %s", what, e2.message);
    return 0;
}

static int read_section(ps_election *e, const psi_json *sec, const char *src, ps_error *err)
{
    int rc;
    const char *s;
    if ((rc = psi_json_expect(sec, PSI_JSON_OBJECT, "election", src, err)) < 0)
        return rc;
    if ((rc = psi_json_check_keys(sec, keys, "election", src, err)) < 0)
        return rc;
    const psi_json *v;
    if (!(v = psi_json_get(sec, "method")))
        return psi_error(err, PS_EDATA, src, sec->line, sec->column,
                         "the election section needs 'method' (e.g. \"sainte-lague\")");
    if ((rc = psi_json_string(&s, v, "method", src, err)) < 0)
        return rc;
    ps_error e2;
    if (ps_method_parse(&e->rules.method, s, &e2) < 0)
        return psi_error(err, PS_EDATA, src, v->line, v->column, "%s", e2.message);
    if (!(v = psi_json_get(sec, "seats")))
        return psi_error(err, PS_EDATA, src, sec->line, sec->column,
                         "the election section needs 'seats' (the chamber size)");
    if ((rc = psi_json_int(&e->rules.seats, v, 1, "seats", src, err)) < 0)
        return rc;
    if ((v = psi_json_get(sec, "first_divisor"))) {
        if (e->rules.method != PS_MODIFIED_SAINTE_LAGUE)
            return psi_error(err, PS_EDATA, src, v->line, v->column,
                             "'first_divisor' applies to modified-sainte-lague only");
        if ((rc = ratio_value(&e->rules.first_divisor, v, "first_divisor", src, err)) < 0)
            return rc;
        if (e->rules.first_divisor.num <= 0 ||
            e->rules.first_divisor.num >= 3 * e->rules.first_divisor.den)
            return psi_error(err, PS_EDATA, src, v->line, v->column,
                             "'first_divisor' must be greater than 0 and less than 3, got %s",
                             v->text);
    }
    if ((v = psi_json_get(sec, "threshold"))) {
        if (v->kind == PSI_JSON_STRING && !strcmp(v->text, "quota")) {
            e->rules.threshold = PS_THRESHOLD_QUOTA;
        } else {
            if ((rc = ratio_value(&e->rules.threshold_share, v, "threshold", src, err)) < 0)
                return rc;
            /* a bare number is a fraction: 4 would be 400%, surely 4% */
            if (!strpbrk(v->text, "%/") &&
                e->rules.threshold_share.num >= e->rules.threshold_share.den)
                return psi_error(err, PS_EDATA, src, v->line, v->column,
                                 "'threshold' %s without %% is a fraction of the votes (0.05 is "
                                 "5%%); did you mean \"%s%%\"?", v->text, v->text);
            if (e->rules.threshold_share.num > e->rules.threshold_share.den)
                return psi_error(err, PS_EDATA, src, v->line, v->column,
                                 "'threshold' %s is more than 100%% of the votes", v->text);
            e->rules.threshold = PS_THRESHOLD_SHARE;
        }
    }
    if ((v = psi_json_get(sec, "exempt"))) {
        if ((rc = psi_json_expect(v, PSI_JSON_ARRAY, "exempt", src, err)) < 0)
            return rc;
        size_t n = v->n ? v->n : 1;
        e->exempt = psi_calloc(n, sizeof *e->exempt);
        e->exempt_line = psi_calloc(n, sizeof *e->exempt_line);
        e->exempt_column = psi_calloc(n, sizeof *e->exempt_column);
        if (!e->exempt || !e->exempt_line || !e->exempt_column)
            return psi_enomem(err);
        for (size_t i = 0; i < v->n; i++) {
            const psi_json *it = v->items[i];
            if ((rc = psi_json_string(&s, it, "exempt", src, err)) < 0)
                return rc;
            if (!(e->exempt[i] = psi_strdup(s)))
                return psi_enomem(err);
            e->exempt_line[i] = it->line;
            e->exempt_column[i] = it->column;
            e->n_exempt = i + 1;
        }
    }
    return 0;
}

int ps_election_from_document(ps_election **out, const ps_document *doc, ps_error *err)
{
    if (!out)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no place for the result (out is NULL)");
    *out = NULL;
    const psi_json *sec = psi_document_section(doc, "election");
    const char *source = ps_document_source(doc);
    if (!sec)
        return PS_OK;
    ps_election *e = psi_calloc(1, sizeof *e);
    if (!e || !(e->source = psi_strdup(source))) {
        psi_free(e);
        return psi_enomem(err);
    }
    ps_apportion_options_init(&e->rules);
    e->line = sec->line;
    int rc = read_section(e, sec, source, err);
    if (rc < 0) {
        ps_election_free(e);
        return rc;
    }
    *out = e;
    return 0;
}
