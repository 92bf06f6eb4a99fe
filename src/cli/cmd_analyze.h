/*
 * cmd_analyze.h - the sections of `powershare analyze`, the main job.
 */
#ifndef POWERSHARE_CMD_ANALYZE_H
#define POWERSHARE_CMD_ANALYZE_H

#include "cli.h"
#include "cmd_coalitions.h"

/* The chamber: lists by size with communities, seats of no list, the
 * majority line, each community's seats, the largest list. (analyze_chamber.c) */
void analyze_chamber_text(psi_buf *b, const ps_legislature *leg);
/* The same as a JSON object, ending in "}\n". */
void analyze_chamber_json(psi_buf *b, const ps_legislature *leg);

/* Each community's share of seats and of voting power, as the analysis
 * summed them. (analyze_sections.c) */
void analyze_communities_text(psi_buf *b, const ps_analyze_result *r);
void analyze_communities_json(psi_buf *b, const ps_analyze_result *r);

/* The offices of the most plausible government: posts by d'Hondt picks
 * when the file gives a number of posts, and the offices reserved by
 * community (r->portfolio, not NULL). */
void analyze_offices_text(psi_buf *b, const ps_analyze_result *r);
void analyze_offices_json(psi_buf *b, const ps_analyze_result *r);

/* The model's most likely governments with its caveat. */
void analyze_prediction_text(psi_buf *b, const ps_legislature *leg, const ps_prediction *p);
void analyze_prediction_json(psi_buf *b, const ps_legislature *leg, const ps_prediction *p);

/* The self-contained HTML page of `analyze --html`: a summary, the
 * hemicycle, the power chart and the coalition bars, then the analysis
 * text, all drawn from the result (a chart out of reach is replaced by one
 * line saying why).
 * Returns an exit code, after printing the error. (analyze_html.c) */
int analyze_html(const char *out_path, const ps_analyze_result *r, const char *analysis_text);

/* The view of one coalition set of the analysis that the coalitions
 * printers take (cond: r->none or r->condition). (cmd_analyze.c) */
coal_view analyze_coal_view(const ps_analyze_result *r, const ps_coalition_set *set,
                            const ps_condition *cond, size_t top);

/* The analysis as CSV tables (analyze_csv.c; docs/cli.md): parties (the
 * main one), communities, coalitions, condition (the coalitions meeting the
 * file's condition), scenarios (whatif_csv_changes), offices, prediction. A
 * section the analysis lacks gives its header alone. The tables take an
 * analyze_csv_ctx. */
typedef struct analyze_csv_ctx {
    const ps_analyze_result *r;
    size_t top; /* coalitions per theory, as in the text */
} analyze_csv_ctx;
#define ANALYZE_CSV_TABLES 8
extern const cli_csv_table analyze_csv_tables[ANALYZE_CSV_TABLES];

#endif
