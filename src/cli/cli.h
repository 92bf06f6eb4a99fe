/*
 * cli.h - what the subcommands of the powershare program share.
 *
 * Exit codes (docs/cli.md): 0 ok, 1 failure, 2 usage, 3 bad input data.
 */
#ifndef POWERSHARE_CLI_H
#define POWERSHARE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h" /* psi_buf: the library's string builder */
#include "powershare/powershare.h"

enum {
    EXIT_OK = 0,
    EXIT_FAILURE_ = 1,
    EXIT_USAGE = 2,
    EXIT_BAD_DATA = 3
};

typedef enum output_format {
    FORMAT_TEXT,
    FORMAT_JSON,
    FORMAT_CSV
} output_format;

/* A subcommand: its name, one line of help, and its entry point. */
typedef struct command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} command;

int cmd_seats(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_power(int argc, char **argv);
int cmd_whatif(int argc, char **argv);
int cmd_portfolios(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_coalitions(int argc, char **argv);
int cmd_evaluate(int argc, char **argv);
int cmd_predict(int argc, char **argv);
int cmd_stv(int argc, char **argv);

/* Renders a chart to path (format from its name: .svg, .png, .pdf; SVG to
 * stdout when path is NULL or "-"), atomically. scale: PNG pixels per unit
 * (1 normally). Returns 0 or an exit code after printing the error.
 * (cmd_chart.c; for the --chart option of the other commands) */
int cli_chart_write(const ps_chart *chart, const char *path, double scale);
/* Normalised Banzhaf and Shapley-Shubik values (doubles, n_parties each)
 * of the game of `rule` on leg, by the power stage's policy (exact when
 * affordable, else Monte Carlo estimates, whose note goes to standard
 * error); max_enumerate 0 = the power stage's default. Errors as
 * ps_game_from_rule and ps_power_compute. (cmd_chart.c) */
int cli_power_shares(double *banzhaf, double *shapley, const ps_legislature *leg,
                     const ps_rule *rule, size_t max_enumerate, ps_error *err);
/* The coalitions given as member masks (players = the parties of leg) as
 * chart items: members largest first, critical flags from
 * ps_coalition_describe in the game (cond may be NULL). *out (n items) is
 * freed with cli_coalition_items_free. Errors as ps_coalition_describe,
 * PS_ENOMEM. (cmd_chart.c) */
int cli_coalition_items(ps_chart_coalition **out, const ps_game *game, const ps_legislature *leg,
                        const ps_condition *cond, const ps_members *masks, size_t n,
                        ps_error *err);
void cli_coalition_items_free(ps_chart_coalition *items, size_t n);

/* Prints "powershare: <formatted error>" on stderr and returns the exit code
 * that the error's code calls for. */
int cli_fail(const ps_error *err);
/* Prints "powershare <cmd>: <message>" and a hint to --help; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) PSI_PRINTF(2, 3);
/* The exit code for a library return code. */
int cli_exit_code(int rc);
/* Parses --format's argument. Returns 0 or -1 (and prints a usage error). */
int cli_parse_format(const char *cmd, const char *text, output_format *out);

/* Writes text to path atomically (temporary file in the same folder, then
 * rename), or to stdout when path is NULL or "-". Returns 0 or an exit code
 * after printing the error. */
int cli_write_output(const char *path, const char *text, size_t len);

/* A priori unions for the power table: each party's union label (NULL for
 * a party alone) and the Owen and Banzhaf-Owen values. */
typedef struct power_unions {
    const char *const *label;
    const ps_union_power *values;
} power_unions;

/* Appends a table of power indices (text), or the same as CSV or JSON, for
 * the parties of leg. rule_text describes the rule (ps_rule_describe);
 * with exact_fractions every exact value is shown as a reduced fraction.
 * unions (NULL: none) adds the columns union, owen, banzhaf_owen.
 * (power_table.c) */
void power_report(psi_buf *b, const ps_legislature *leg, const char *rule_text,
                  const ps_power *power, const power_unions *unions, output_format format,
                  bool exact_fractions);

/* Display width of UTF-8 text, in code points (good enough for the
 * alphabetic scripts of party names). */
size_t cli_display_width(const char *s);
/* Appends s padded with spaces to `width` columns, right-aligned if asked. */
void cli_pad(psi_buf *b, const char *s, size_t width, bool right);
/* The ids of the parties in m, joined by ';', as one CSV field. */
void cli_csv_ids(psi_buf *b, const ps_legislature *leg, ps_members m);

/* Names in text tables: a list or community name wider than CLI_NAME_MAX
 * display columns is shortened to CLI_NAME_MAX columns ending in an
 * ellipsis, so one long name does not widen every row of the table; JSON
 * and CSV keep names whole. cli_name_width is the columns a name takes in
 * a table (its display width, at most CLI_NAME_MAX); cli_pad_name appends
 * it so, padded to width like cli_pad, and returns true when it shortened
 * it. cli_names_note appends the one-line note tables end with when a name
 * was shortened (nothing when none was). */
#define CLI_NAME_MAX 40
size_t cli_name_width(const char *s);
bool cli_pad_name(psi_buf *b, const char *s, size_t width, bool right);
void cli_names_note(psi_buf *b, bool shortened);

/* CSV output of a command that has several tables (docs/cli.md, "Output
 * formats"): --format csv writes one table, the first of the command's list
 * unless --table NAME picks another; --csv-dir DIR writes every table as
 * DIR/NAME.csv. Each table is RFC 4180 (fields quoted by psi_buf_csv_field)
 * with a header row; exact values have their own column beside the decimal.
 * A printer only reads `result`. (cli_csv.c) */
typedef struct cli_csv_table {
    const char *name;
    void (*print)(psi_buf *b, const void *result);
} cli_csv_table;
/* The index of the table called name (NULL: 0, the main table), or -1 after
 * a usage error listing the names. */
long cli_csv_find(const char *cmd, const cli_csv_table *tables, size_t n, const char *name);
/* Writes every table to DIR/NAME.csv (each atomically; DIR must exist).
 * Returns an exit code, after printing the error. */
int cli_csv_write_dir(const char *dir, const cli_csv_table *tables, size_t n, const void *result);
/* Writes one table (cli_csv_find's index) to path as cli_write_output. */
int cli_csv_write_one(const char *path, const cli_csv_table *table, const void *result);
/* Appends ",DECIMAL,EXACT" for f: the decimal (%.10g; empty when not a
 * number) and the exact reduced fraction ("" for an estimate). */
void cli_csv_fraction(psi_buf *b, const ps_fraction *f);

/* Parses --threshold for `cmd` (seats, simulate) into opt: "quota" or a
 * share; "4" is refused with "did you mean 4%?". Returns 0 or an exit code
 * after the message. (cli.c) */
int cli_parse_threshold(const char *cmd, const char *text, ps_apportion_options *opt);

/* Parses a share of the votes ("5%", "0.05", "1/20", at most 100%) given to
 * `option` of `cmd`; `alternative` is appended to the parse error (", or
 * 'quota'", or ""). Returns 0 or an exit code after the message. (cli.c) */
int cli_parse_share(const char *cmd, const char *option, const char *text, ps_ratio *out,
                    const char *alternative);

#endif
