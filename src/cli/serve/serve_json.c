/*
 * serve_json.c - the JSON pieces the API of `powershare serve` builds its
 * answers from (serve_api.c): numbers and optional strings, a chamber's
 * parties and communities with their power, a coalition condition by ids
 * and in words, and a chart as inline SVG. Strings from the data go out
 * through the JSON escaper (psi_buf_json_string); the words of a condition
 * are the coalition stage's (ps_condition_part_text), the colours and
 * charts the report stage's (ps_report_palette, ps_chart_render).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

void serve_json_num(psi_buf *b, double v)
{
    if (v != v)
        psi_buf_puts(b, "null");
    else
        psi_buf_printf(b, "%.6f", v + 0.0);
}

void serve_json_str_or_null(psi_buf *b, const char *s)
{
    if (s)
        psi_buf_json_string(b, s);
    else
        psi_buf_puts(b, "null");
}

static double community_sum(const ps_legislature *leg, const double *v, const char *id)
{
    double s = 0;
    for (size_t i = 0; v && i < leg->n_parties; i++)
        if (leg->parties[i].community >= 0 &&
            !strcmp(leg->communities[leg->parties[i].community].id, id))
            s += v[i];
    return v ? s : NAN;
}

static int64_t community_seats(const ps_legislature *leg, const char *id)
{
    int64_t s = 0;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (leg->parties[i].community >= 0 &&
            !strcmp(leg->communities[leg->parties[i].community].id, id))
            s += leg->parties[i].seats;
    return s;
}

void serve_json_parties(psi_buf *b, const ps_legislature *leg, const double *bz,
                        const double *ss)
{
    psi_buf_puts(b, "[");
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        psi_buf_printf(b, "%s\n  {\"index\": %zu, \"id\": ", i ? "," : "", i);
        psi_buf_json_string(b, p->id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, p->name);
        psi_buf_printf(b, ", \"seats\": %lld, \"color\": ", (long long)p->seats);
        psi_buf_json_string(b, p->color ? p->color : ps_report_palette(i));
        psi_buf_puts(b, ", \"community\": ");
        serve_json_str_or_null(b, p->community >= 0 ? leg->communities[p->community].id : NULL);
        psi_buf_puts(b, ", \"banzhaf\": ");
        serve_json_num(b, bz ? bz[i] : NAN);
        psi_buf_puts(b, ", \"shapley\": ");
        serve_json_num(b, ss ? ss[i] : NAN);
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "\n]");
}

void serve_json_communities(psi_buf *b, const ps_legislature *leg, const double *bz,
                            const double *ss)
{
    psi_buf_puts(b, "[");
    for (size_t c = 0; c < leg->n_communities; c++) {
        const char *id = leg->communities[c].id;
        psi_buf_printf(b, "%s\n  {\"id\": ", c ? "," : "");
        psi_buf_json_string(b, id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, leg->communities[c].name);
        psi_buf_printf(b, ", \"seats\": %lld, \"banzhaf\": ", (long long)community_seats(leg, id));
        serve_json_num(b, community_sum(leg, bz, id));
        psi_buf_puts(b, ", \"shapley\": ");
        serve_json_num(b, community_sum(leg, ss, id));
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "]");
}

void serve_json_ids(psi_buf *b, const ps_legislature *leg, ps_members m, bool communities)
{
    size_t n = communities ? leg->n_communities : leg->n_parties, k = 0;
    psi_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++)
        if ((m >> i) & 1u) {
            psi_buf_puts(b, k++ ? ", " : "");
            psi_buf_json_string(b, communities ? leg->communities[i].id : leg->parties[i].id);
        }
    psi_buf_puts(b, "]");
}

/* The condition as declared: every part, by ids, and each in words (the
 * coalition stage's ps_condition_part_text). */
void serve_json_condition(psi_buf *b, const ps_legislature *leg, const ps_condition *cond)
{
    psi_buf_printf(b, "{\"declared\": %s, \"constrains\": %s, \"name\": ",
                   cond->declared ? "true" : "false",
                   ps_condition_constrains(cond) ? "true" : "false");
    serve_json_str_or_null(b, cond->name);
    psi_buf_puts(b, ", \"include_communities\": ");
    serve_json_ids(b, leg, cond->communities_required, true);
    psi_buf_puts(b, ", \"require\": ");
    serve_json_ids(b, leg, cond->required, false);
    psi_buf_puts(b, ", \"exclude\": ");
    serve_json_ids(b, leg, cond->excluded, false);
    psi_buf_puts(b, ", \"incompatible\": [");
    for (size_t k = 0; k < cond->n_incompatible; k++) {
        psi_buf_puts(b, k ? ", " : "");
        serve_json_ids(b, leg, cond->incompatible[k], false);
    }
    psi_buf_puts(b, "], \"max_parties\": ");
    if (cond->max_parties > 0)
        psi_buf_printf(b, "%lld", (long long)cond->max_parties);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, ", \"parts\": [");
    size_t n = 0;
    for (int p = 0; p < PS_CONDITION_PART_COUNT; p++) {
        char text[PS_CONDITION_TEXT_BYTES];
        if (!ps_condition_part_text(text, sizeof text, cond, leg, (ps_condition_part)p))
            continue;
        psi_buf_printf(b, "%s{\"part\": \"%s\", \"text\": ", n++ ? ", " : "",
                       ps_condition_part_name((ps_condition_part)p));
        psi_buf_json_string(b, text);
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "]}");
}

int serve_chart_svg(char **out, ps_chart *chart)
{
    unsigned char *data = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = chart ? ps_chart_render(&data, &len, chart, PS_CHART_SVG, 1, NULL) : PS_EINVAL;
    if (rc == 0) {
        /* drop the XML declaration: the SVG goes inline into the page */
        const char *s = strstr((const char *)data, "<svg");
        *out = strdup(s ? s : (const char *)data);
        ps_free(data);
        rc = *out ? 0 : PS_ENOMEM;
    }
    return rc;
}
