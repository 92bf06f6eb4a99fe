/*
 * predict_model.c - a fitted conditional logit as JSON
 * ("powershare-predict-model/1", docs/formats.md) and back.
 *
 * Doubles are written with 17 significant digits, which read back to the
 * same double (IEEE 754 binary64), so write-then-read is the identity.
 * Every attribute must have a coefficient: a model that silently ignored
 * one would rank governments differently from the model that was fitted.
 * The one exception is the inclusion attributes as a block: a model fitted
 * without a chamber of inclusive convention has none (they weigh 0).
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "util.h"
#include "json_reader.h"
#include "text.h"
#include "powershare/io.h"
#include "powershare/predict.h"

#define FORMAT "powershare-predict-model/1"

const char *ps_predict_caveat(const ps_predict_model *m)
{
    if (m && m->inclusive)
        return "the model was fitted on cabinets of European and other established "
               "parliamentary democracies (ParlGov, elections up to 2010) and, for its "
               "inclusion attributes, on 19 formations in six divided societies (Northern "
               "Ireland, Belgium, Switzerland, North Macedonia, Kosovo, Iraq 2014; "
               "docs/predict.md); elsewhere its probabilities are a comparison with that "
               "record, not a forecast";
    return "the model was fitted on cabinets of European and other established "
           "parliamentary democracies (ParlGov, elections up to 2010); elsewhere its "
           "probabilities are a comparison with that record, not a forecast";
}

void ps_predict_text_free(char *text)
{
    psi_free(text);
}

/* -0.0 is written as 0: "%.17g" gives "-0", which the JSON reader takes
 * for the integer 0, so a second write would say "0" (the values compare
 * equal; the text of write, read, write must not change either). */
static double no_negative_zero(double x)
{
    return x == 0 ? 0.0 : x;
}

int ps_predict_model_write(char **out, const ps_predict_model *m, ps_error *err)
{
    *out = NULL;
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_puts(&b, "{\n  \"format\": \"" FORMAT "\"");
    if (m->source) {
        psi_buf_puts(&b, ",\n  \"source\": ");
        psi_buf_json_string(&b, m->source);
    }
    psi_buf_printf(&b,
                   ",\n  \"max_parties\": %zu,\n  \"ridge\": %.17g,\n  \"cases\": %zu,\n"
                   "  \"alternatives\": %zu,\n  \"loglik\": %.17g,\n  \"null_loglik\": %.17g,\n"
                   "  \"iterations\": %d,\n  \"coefficients\": {",
                   m->max_parties, no_negative_zero(m->ridge), m->cases, m->alternatives,
                   no_negative_zero(m->loglik), no_negative_zero(m->null_loglik), m->iterations);
    int written = m->inclusive ? PS_PA_COUNT : PS_PA_FIRST_INCLUSIVE;
    for (int k = 0; k < written; k++)
        psi_buf_printf(&b, "%s\n    \"%s\": {\"beta\": %.17g, \"se\": %.17g}", k ? "," : "",
                       ps_predict_attr_name((ps_predict_attr)k), no_negative_zero(m->beta[k]),
                       no_negative_zero(m->se[k]));
    psi_buf_puts(&b, "\n  }\n}\n");
    if (b.failed) {
        psi_buf_free(&b);
        return psi_enomem(err);
    }
    *out = psi_buf_take(&b);
    return *out ? PS_OK : psi_enomem(err);
}

static int number_at(double *out, const psi_json *obj, const char *key, bool required,
                     const char *src, ps_error *err)
{
    const psi_json *v = psi_json_get(obj, key);
    if (!v) {
        if (!required)
            return PS_OK;
        return psi_error(err, PS_EDATA, src, obj->line, obj->column, "missing key '%s'", key);
    }
    int rc = psi_json_double(out, v, key, src, err);
    if (rc == 0 && !isfinite(*out))
        return psi_error(err, PS_EDATA, src, v->line, v->column, "'%s' must be finite", key);
    return rc;
}

static int count_at(size_t *out, const psi_json *obj, const char *key, const char *src,
                    ps_error *err)
{
    const psi_json *v = psi_json_get(obj, key);
    int64_t x = 0;
    int rc = v ? psi_json_int(&x, v, 0, key, src, err) : 0;
    *out = (size_t)x;
    return rc;
}

static int read_model(ps_predict_model *m, const psi_json *root, const char *src, ps_error *err)
{
    static const char *const keys[] = {"format", "source", "max_parties", "ridge", "cases",
                                       "alternatives", "loglik", "null_loglik", "iterations",
                                       "coefficients", NULL};
    static const char *const coef_keys[] = {"beta", "se", NULL};
    int rc;
    const char *s;
    if ((rc = psi_json_expect(root, PSI_JSON_OBJECT, "the top level", src, err)) < 0 ||
        (rc = psi_json_check_keys(root, keys, "a model", src, err)) < 0)
        return rc;
    const psi_json *v = psi_json_get(root, "format");
    if (!v)
        return psi_error(err, PS_EDATA, src, root->line, root->column,
                         "missing key 'format' (\"" FORMAT "\")");
    if ((rc = psi_json_string(&s, v, "format", src, err)) < 0)
        return rc;
    if (strcmp(s, FORMAT))
        return psi_error(err, PS_EDATA, src, v->line, v->column,
                         "format '%s' is not a prediction model (\"" FORMAT "\")", s);
    if ((v = psi_json_get(root, "source"))) {
        if ((rc = psi_json_string(&s, v, "source", src, err)) < 0)
            return rc;
        if (!(m->source = psi_strdup(s)))
            return psi_enomem(err);
    }
    size_t it = 0;
    if ((rc = count_at(&m->max_parties, root, "max_parties", src, err)) < 0 ||
        (rc = count_at(&m->cases, root, "cases", src, err)) < 0 ||
        (rc = count_at(&m->alternatives, root, "alternatives", src, err)) < 0 ||
        (rc = count_at(&it, root, "iterations", src, err)) < 0 ||
        (rc = number_at(&m->ridge, root, "ridge", false, src, err)) < 0 ||
        (rc = number_at(&m->loglik, root, "loglik", false, src, err)) < 0 ||
        (rc = number_at(&m->null_loglik, root, "null_loglik", false, src, err)) < 0)
        return rc;
    const psi_json *iv = psi_json_get(root, "iterations");
    if (iv && it > INT_MAX) /* stored as an int: a bigger count would come back negative */
        return psi_error(err, PS_EDATA, src, iv->line, iv->column,
                         "'iterations' must be at most %d, got %zu", INT_MAX, it);
    m->iterations = (int)it;
    const psi_json *coef = psi_json_get(root, "coefficients");
    if (!coef)
        return psi_error(err, PS_EDATA, src, root->line, root->column,
                         "missing key 'coefficients'");
    if ((rc = psi_json_expect(coef, PSI_JSON_OBJECT, "coefficients", src, err)) < 0)
        return rc;
    for (size_t i = 0; i < coef->n; i++) {
        const psi_json_member *mem = &coef->members[i];
        int k = 0;
        while (k < PS_PA_COUNT && strcmp(mem->key, ps_predict_attr_name((ps_predict_attr)k)))
            k++;
        if (k == PS_PA_COUNT)
            return psi_error(err, PS_EDATA, src, mem->line, mem->column,
                             "unknown attribute '%s'", mem->key);
    }
    /* the inclusion attributes come all together or not at all */
    m->inclusive = false;
    for (int k = PS_PA_FIRST_INCLUSIVE; k < PS_PA_COUNT; k++)
        m->inclusive = m->inclusive || psi_json_get(coef, ps_predict_attr_name((ps_predict_attr)k));
    int wanted = m->inclusive ? PS_PA_COUNT : PS_PA_FIRST_INCLUSIVE;
    for (int k = 0; k < wanted; k++) {
        const char *name = ps_predict_attr_name((ps_predict_attr)k);
        const psi_json *c = psi_json_get(coef, name);
        if (!c)
            return psi_error(err, PS_EDATA, src, coef->line, coef->column,
                             "no coefficient for attribute '%s'%s", name,
                             k >= PS_PA_FIRST_INCLUSIVE
                                 ? " (the inclusion attributes come all together or not at all)"
                                 : "");
        if ((rc = psi_json_expect(c, PSI_JSON_OBJECT, name, src, err)) < 0 ||
            (rc = psi_json_check_keys(c, coef_keys, name, src, err)) < 0 ||
            (rc = number_at(&m->beta[k], c, "beta", true, src, err)) < 0 ||
            (rc = number_at(&m->se[k], c, "se", false, src, err)) < 0)
            return rc;
    }
    return PS_OK;
}

int ps_predict_model_load(ps_predict_model **out, const char *path, ps_error *err)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    psi_json_doc *doc = NULL;
    int rc = ps_file_read(&text, &len, path, err);
    path = ps_file_display_name(path); /* "-" is "<stdin>" in messages */
    if (rc < 0)
        return rc;
    /* A byte-order mark is skipped here as the JSON reader skips it, so that
     * a file of a mark alone, or of a mark and white space, gets the message
     * the same file without the mark gets. */
    size_t bom = psi_bom_length(text, len), i = bom;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    ps_predict_model *m = psi_calloc(1, sizeof *m);
    if (!m)
        rc = psi_enomem(err);
    else if (i == len) /* the JSON reader would say "empty input; expected a JSON value" */
        rc = psi_error(err, PS_EPARSE, path, 0, 0,
                       "%s; expected a prediction model (a JSON object with \"format\": \"" FORMAT
                       "\")", len > bom ? "file holds only white space" : "empty file");
    else if ((rc = psi_json_parse(&doc, text, len, path, err)) == 0)
        rc = read_model(m, psi_json_root(doc), path, err);
    psi_json_free(doc);
    psi_free(text);
    if (rc < 0) {
        ps_predict_model_free(m);
        return rc;
    }
    *out = m;
    return PS_OK;
}
