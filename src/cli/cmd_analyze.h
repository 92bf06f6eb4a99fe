/*
 * cmd_analyze.h - the sections of `powershare analyze`, the main job.
 */
#ifndef POWERSHARE_CMD_ANALYZE_H
#define POWERSHARE_CMD_ANALYZE_H

#include "cli.h"

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

/* The self-contained HTML page of `analyze --html`: the analysis text,
 * then the hemicycle, the power chart and the coalition bars, drawn from
 * the result (a chart out of reach is replaced by one line saying why).
 * Returns an exit code, after printing the error. (analyze_html.c) */
int analyze_html(const char *out_path, const ps_analyze_result *r, const char *analysis_text);

#endif
