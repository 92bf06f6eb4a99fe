/*
 * cli.h - what the subcommands of the powershare program share.
 *
 * Exit codes (docs/cli.md): 0 ok, 1 failure, 2 usage, 3 bad input data.
 */
#ifndef POWERSHARE_CLI_H
#define POWERSHARE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "internal.h" /* psi_buf: the library's string builder */
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

/* Display width of UTF-8 text, in code points (good enough for the
 * alphabetic scripts of party names). */
size_t cli_display_width(const char *s);
/* Appends s padded with spaces to `width` columns, right-aligned if asked. */
void cli_pad(psi_buf *b, const char *s, size_t width, bool right);

/* Display width of UTF-8 text, in code points (good enough for the
 * alphabetic scripts of party names). */
size_t cli_display_width(const char *s);
/* Appends s padded with spaces to `width` columns, right-aligned if asked. */
void cli_pad(psi_buf *b, const char *s, size_t width, bool right);

#endif
