/*
 * analyze_html.c - the HTML page of `analyze --html`: the analysis text and
 * three charts (the chamber, power against seat share, the coalitions with
 * the fewest lists), all drawn from the one computed analysis: the page
 * neither reads the file again nor recomputes power or coalitions.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_analyze.h"

typedef struct page_charts {
    ps_chart *chart[3];
    char *note[3];         /* why a chart is out of reach */
    double *values;        /* Banzhaf, then Shapley-Shubik, per party */
    ps_chart_coalition *items;
    size_t n_items;
} page_charts;

static void charts_free(page_charts *pc)
{
    for (size_t k = 0; k < 3; k++) {
        ps_chart_free(pc->chart[k]);
        free(pc->note[k]);
    }
    free(pc->values);
    cli_coalition_items_free(pc->items, pc->n_items);
}

/* The ten best governments of the bargaining proposition, meeting the
 * condition when the file declares one, as chart items. */
static int coalition_items(page_charts *pc, const ps_analyze_result *r, ps_error *err)
{
    const ps_coalition_set *set = r->feasible ? r->feasible : r->coalitions;
    const ps_theory_list *t = &set->theories[PS_THEORY_BARGAINING];
    size_t n = t->n; /* the ten best (cppcheck 2.10 misreads the ?: form) */
    if (n > 10)
        n = 10;
    if (n == 0)
        return psi_error(err, PS_EDATA, r->source, 0, 0,
                         "no winning coalition meets the condition");
    ps_members masks[10];
    for (size_t k = 0; k < n; k++)
        masks[k] = set->items[t->index[k]].members;
    int rc = cli_coalition_items(&pc->items, r->game, r->leg,
                                 r->feasible ? r->condition : r->none, masks, n, err);
    pc->n_items = rc < 0 ? 0 : n;
    return rc;
}

static int make_chart(page_charts *pc, size_t k, ps_chart_kind kind, const ps_analyze_result *r,
                      ps_error *err)
{
    size_t n = r->leg->n_parties;
    ps_report_data d;
    memset(&d, 0, sizeof d);
    d.quota = r->rule->quota;
    if (kind == PS_CHART_POWER) {
        if (!pc->values && !(pc->values = calloc(2 * n + 2, sizeof *pc->values)))
            return psi_enomem(err);
        for (size_t i = 0; i < n; i++) {
            const ps_power *p = r->power;
            pc->values[i] = p->values[PS_BANZHAF] ? p->values[PS_BANZHAF][i].value : 0;
            pc->values[n + i] =
                p->values[PS_SHAPLEY_SHUBIK] ? p->values[PS_SHAPLEY_SHUBIK][i].value : 0;
        }
        d.banzhaf = pc->values;
        d.shapley = pc->values + n;
    }
    if (kind == PS_CHART_COALITIONS) {
        int rc = coalition_items(pc, r, err);
        if (rc < 0)
            return rc;
        d.coalitions = pc->items;
        d.n_coalitions = pc->n_items;
    }
    return ps_report_chart(&pc->chart[k], kind, r->leg, &d, err);
}

int analyze_html(const char *out_path, const ps_analyze_result *r, const char *analysis_text)
{
    static const struct {
        ps_chart_kind kind;
        const char *heading;
    } parts[] = {{PS_CHART_HEMICYCLE, "The chamber"},
                 {PS_CHART_POWER, "Voting power against seat share"},
                 {PS_CHART_COALITIONS, "Coalitions with the fewest lists"}};
    ps_report_section sections[4];
    size_t n = 0;
    page_charts pc;
    memset(&pc, 0, sizeof pc);
    ps_error err;
    sections[n++] = (ps_report_section){"Analysis", analysis_text, NULL};
    for (size_t k = 0; k < 3; k++) {
        if (make_chart(&pc, k, parts[k].kind, r, &err) == 0) {
            sections[n++] = (ps_report_section){parts[k].heading, NULL, pc.chart[k]};
        } else if (err.code == PS_ENOMEM || !(pc.note[k] = strdup(err.message))) {
            charts_free(&pc);
            return cli_fail(&err);
        } else {
            /* a chart out of reach (no coalition meeting the condition) is
             * said, not fatal */
            sections[n++] = (ps_report_section){parts[k].heading, pc.note[k], NULL};
        }
    }
    char *html = NULL;
    int status = EXIT_OK;
    if (ps_report_html(&html, r->leg->name ? r->leg->name : r->source, sections, n, &err) < 0)
        status = cli_fail(&err);
    else
        status = cli_write_output(out_path, html, strlen(html));
    ps_free(html);
    charts_free(&pc);
    ps_report_shutdown();
    return status;
}
