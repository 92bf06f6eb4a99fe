/*
 * constraints.h - the constraint options that `coalitions` and `predict`
 * share (--require, --exclude, --incompatible, --include-community,
 * --max-parties): parsed the same way, added over the file's condition the
 * same way, with the same messages.
 */
#ifndef POWERSHARE_CLI_CONSTRAINTS_H
#define POWERSHARE_CLI_CONSTRAINTS_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

#define CLI_CONSTRAINT_MAX_IDS 64

typedef enum cli_constraint {
    CLI_REQUIRE,       /* --require ID */
    CLI_EXCLUDE,       /* --exclude ID */
    CLI_INCOMPATIBLE,  /* --incompatible A,B */
    CLI_COMMUNITY,     /* --include-community C */
    CLI_MAX_PARTIES    /* --max-parties K */
} cli_constraint;

/* The options as given (the strings are argv's). */
typedef struct cli_constraints {
    const char *require[CLI_CONSTRAINT_MAX_IDS], *exclude[CLI_CONSTRAINT_MAX_IDS];
    const char *incompatible[CLI_CONSTRAINT_MAX_IDS], *community[CLI_CONSTRAINT_MAX_IDS];
    size_t n_require, n_exclude, n_incompatible, n_community;
    int64_t max_parties;   /* -1: not given */
} cli_constraints;

/* No option given. */
void cli_constraints_init(cli_constraints *c);

/* Records one option's argument. Returns 0, or EXIT_USAGE after printing
 * "powershare <cmd>: ..." (too many, A,B malformed, K not a whole number
 * >= 1). */
int cli_constraints_parse(cli_constraints *c, const char *cmd, cli_constraint which,
                          const char *arg);

/* Adds the options to cond (a condition of leg). Returns 0, or EXIT_USAGE
 * after printing the unknown id with the ids leg has. */
int cli_constraints_apply(ps_condition *cond, const ps_legislature *leg,
                          const cli_constraints *c, const char *cmd);

#endif
