/*
 * cmd_whatif.h - the output of `powershare whatif`, shared with `analyze`,
 * which prints the scenarios declared in the legislature file the same way.
 */
#ifndef POWERSHARE_CMD_WHATIF_H
#define POWERSHARE_CMD_WHATIF_H

#include "cli.h"

/* What the text output needs besides the analyses. */
typedef struct whatif_ctx {
    size_t show;
    const ps_legislature *leg;
    const char *condition_name;
    const char *const *condition;
    size_t n_condition;
} whatif_ctx;

/* One scenario as text: its steps, the chamber before and after, power per
 * list and per community, the coalitions that appear and disappear, and the
 * power-sharing condition before and after. */
void whatif_text(psi_buf *b, const ps_scenario *sc, const ps_analysis *before,
                 const ps_analysis *after, const ps_scenario_diff *d, const whatif_ctx *cx);
/* The same as one JSON object (indented for the "scenarios" array). */
void whatif_json(psi_buf *b, const ps_scenario *sc, const ps_analysis *before,
                 const ps_analysis *after, const ps_scenario_diff *d);

/* The outcomes as CSV tables, each with a header row (whatif_csv.c):
 * changes (the main one: per scenario, each list then each community with
 * seats, Banzhaf and Shapley-Shubik before, after and the change), scenarios
 * (per scenario, the chamber before and after), coalitions (per scenario,
 * the minimal winning coalitions that appear and disappear). w NULL: the
 * header only. whatif_csv_tables lists them for --table and --csv-dir. */
void whatif_csv_changes(psi_buf *b, const ps_whatif *w);
void whatif_csv_scenarios(psi_buf *b, const ps_whatif *w);
void whatif_csv_coalitions(psi_buf *b, const ps_whatif *w);
#define WHATIF_CSV_TABLES 3
extern const cli_csv_table whatif_csv_tables[WHATIF_CSV_TABLES];

#endif
