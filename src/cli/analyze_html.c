/*
 * analyze_html.c - the HTML page of `analyze --html`. It leads with a short
 * summary and the three charts (the chamber, power against seat share, the
 * coalitions with the fewest lists), then gives the details: the whole text
 * report. Everything is read from the one computed analysis (ps_analyze):
 * the page neither reads the file again nor recomputes power, coalitions or
 * the prediction; the summary only picks facts out of the result.
 */
#include <stdio.h>
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
    if (!set) /* said in place of the chart, not fatal */
        return psi_error(err, PS_EDATA, r->source, 0, 0, "coalitions not searched: %s",
                         r->coalitions_skipped ? r->coalitions_skipped : "not asked for");
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

/* "A + B + C": the names of the lists in m, in the file's order. */
static void names_of(psi_buf *b, const ps_legislature *leg, ps_members m)
{
    size_t k = 0;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (m & PS_MEMBER(i))
            psi_buf_printf(b, "%s%s", k++ ? " + " : "", leg->parties[i].name);
}

static void largest_lists(psi_buf *b, const ps_legislature *leg)
{
    int64_t top = -1, majority = ps_legislature_majority(leg);
    size_t n_top = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (leg->parties[i].seats > top) {
            top = leg->parties[i].seats;
            n_top = 0;
        }
        n_top += leg->parties[i].seats == top;
    }
    psi_buf_puts(b, n_top > 1 ? "- Largest lists: " : "- Largest list: ");
    size_t k = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        if (p->seats != top)
            continue;
        psi_buf_printf(b, "%s%s", k ? (k + 1 == n_top ? " and " : ", ") : "", p->name);
        if (p->community >= 0)
            psi_buf_printf(b, " (%s)", leg->communities[p->community].name);
        k++;
    }
    psi_buf_printf(b, ", %lld seats%s (%.1f%%), ", (long long)top, n_top > 1 ? " each" : "",
                   100.0 * (double)top / (double)leg->total_seats);
    if (top >= majority)
        psi_buf_puts(b, "a majority on its own.\n");
    else
        psi_buf_printf(b, "%lld short of a majority.\n", (long long)(majority - top));
}

/* The list with the largest normalised Banzhaf index, as the analysis
 * computed it (the first of equals). */
static void most_power(psi_buf *b, const ps_analyze_result *r)
{
    const ps_power *pw = r->power;
    const ps_legislature *leg = r->leg;
    if (!pw || !pw->values[PS_BANZHAF] || leg->n_parties == 0)
        return;
    size_t best = 0;
    for (size_t i = 1; i < leg->n_parties; i++)
        if (pw->values[PS_BANZHAF][i].value > pw->values[PS_BANZHAF][best].value)
            best = i;
    psi_buf_printf(b, "- Most voting power: %s, %.1f%% of the Banzhaf index", leg->parties[best].name,
                   100.0 * pw->values[PS_BANZHAF][best].value);
    if (pw->values[PS_SHAPLEY_SHUBIK])
        psi_buf_printf(b, " and %.1f%% of the Shapley-Shubik index",
                       100.0 * pw->values[PS_SHAPLEY_SHUBIK][best].value);
    psi_buf_printf(b, " with %.1f%% of the seats%s\n",
                   100.0 * (double)leg->parties[best].seats / (double)leg->total_seats,
                   pw->exact ? "." : " (estimates).");
    if (pw->note)
        psi_buf_printf(b, "- Power is estimated: %s.\n", pw->note);
}

/* How many governments meet the condition, and the first of them: the
 * analysis's most plausible government. */
static void governments(psi_buf *b, const ps_analyze_result *r)
{
    const ps_coalition_set *set = r->feasible ? r->feasible : r->coalitions;
    if (!set)
        return;
    if (r->feasible) {
        psi_buf_puts(b, "- Power-sharing condition");
        if (r->condition && r->condition->name)
            psi_buf_printf(b, " \"%s\"", r->condition->name);
        psi_buf_printf(b, ": %llu minimal winning coalition%s meet%s it.",
                       (unsigned long long)set->n_minimal, set->n_minimal == 1 ? "" : "s",
                       set->n_minimal == 1 ? "s" : "");
    } else {
        psi_buf_printf(b, "- No power-sharing condition declared: %llu minimal winning "
                          "coalition%s.", (unsigned long long)set->n_minimal,
                       set->n_minimal == 1 ? "" : "s");
    }
    const ps_theory_list *t = &set->theories[PS_THEORY_BARGAINING];
    if (t->available && t->n) {
        const ps_coalition *first = &set->items[t->index[0]];
        psi_buf_puts(b, " The first with the fewest lists: ");
        names_of(b, r->leg, first->members);
        psi_buf_printf(b, " (%lld seats).", (long long)first->seats);
    }
    psi_buf_puts(b, "\n");
}

/* The government named with --government, judged in one line. */
static void named_government(psi_buf *b, const ps_analyze_result *r)
{
    const ps_government *g = r->evaluation;
    if (!g)
        return;
    psi_buf_puts(b, "- The government you named, ");
    names_of(b, r->leg, g->coalition.members);
    psi_buf_printf(b, ": %lld seats, %lld needed: %s", (long long)g->coalition.seats,
                   (long long)g->quota, g->coalition.winning ? "it wins" : "it does not win");
    if (g->verdict.constrains)
        psi_buf_printf(b, "; it %s the condition", g->verdict.holds ? "meets" : "does not meet");
    size_t critical = 0;
    for (size_t k = 0; k < g->n_members; k++)
        critical += g->members[k].critical;
    if (g->coalition.winning)
        psi_buf_printf(b, "; %zu of its %zu lists critical", critical, g->n_members);
    for (size_t c = 0; c < g->n_communities && g->coalition.winning; c++)
        if (g->roles[c] != PS_ROLE_ABSENT)
            psi_buf_printf(b, "; %s: %s", r->leg->communities[c].name,
                           g->roles[c] == PS_ROLE_SUBSTANCE ? "for substance" : "for show");
    psi_buf_puts(b, " (details in the full report).\n");
}

static void prediction(psi_buf *b, const ps_analyze_result *r)
{
    const ps_prediction *p = r->prediction;
    if (!p) {
        if (r->prediction_error)
            psi_buf_printf(b, "- No prediction: %s\n", r->prediction_error);
        return;
    }
    if (p->n_top) {
        psi_buf_puts(b, "- Most likely government by the prediction model: ");
        names_of(b, r->leg, p->members[0]);
        psi_buf_printf(b, " (probability %.6f of %zu potential governments).\n",
                       p->probability[0], p->n_alternatives);
    }
    psi_buf_printf(b, "- Caveat: %s.\n", p->caveat);
}

/* The short summary that opens the page: one fact an item. */
static char *summary_text(const ps_analyze_result *r)
{
    const ps_legislature *leg = r->leg;
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_printf(&b, "- %lld seats; a majority needs %lld.", (long long)leg->total_seats,
                   (long long)ps_legislature_majority(leg));
    if (r->rule_text)
        psi_buf_printf(&b, " Decision rule: %s.", r->rule_text);
    psi_buf_puts(&b, "\n");
    largest_lists(&b, leg);
    most_power(&b, r);
    governments(&b, r);
    named_government(&b, r);
    prediction(&b, r);
    return psi_buf_take(&b);
}

int analyze_html(const char *out_path, const ps_analyze_result *r, const char *analysis_text)
{
    static const struct {
        ps_chart_kind kind;
        const char *heading;
    } parts[] = {{PS_CHART_HEMICYCLE, "The chamber"},
                 {PS_CHART_POWER, "Voting power against seat share"},
                 {PS_CHART_COALITIONS, "Coalitions with the fewest lists"}};
    ps_report_section sections[5];
    size_t n = 0;
    page_charts pc;
    memset(&pc, 0, sizeof pc);
    ps_error err;
    char *summary = summary_text(r);
    if (!summary) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    sections[n++] = (ps_report_section){"Summary", summary, NULL};
    for (size_t k = 0; k < 3; k++) {
        if (make_chart(&pc, k, parts[k].kind, r, &err) == 0) {
            sections[n++] = (ps_report_section){parts[k].heading, NULL, pc.chart[k]};
        } else if (err.code == PS_ENOMEM || !(pc.note[k] = strdup(err.message))) {
            charts_free(&pc);
            ps_free(summary);
            return cli_fail(&err);
        } else {
            /* a chart out of reach (no coalition meeting the condition) is
             * said, not fatal */
            sections[n++] = (ps_report_section){parts[k].heading, pc.note[k], NULL};
        }
    }
    sections[n++] = (ps_report_section){"The full report", analysis_text, NULL};
    char *html = NULL;
    int status = EXIT_OK;
    if (ps_report_html(&html, r->leg->name ? r->leg->name : r->source, sections, n, &err) < 0)
        status = cli_fail(&err);
    else
        status = cli_write_output(out_path, html, strlen(html));
    ps_free(html);
    ps_free(summary);
    charts_free(&pc);
    ps_report_shutdown();
    return status;
}
