/*
 * serve.h - what `powershare serve` shares between its HTTP glue
 * (cmd_serve.c) and its JSON API (serve_api.c).
 *
 * Legislatures are loaded once at start from the files named on the
 * command line, with everything that does not depend on a request computed
 * then (the game, Banzhaf and Shapley-Shubik power, the hemicycle SVG). A
 * request refers to a legislature by its index or its id (the file name
 * without folder and extension), never by a path, so no file path from a
 * request is ever opened. The state is read-only while serving, so the
 * server's threads share it without locks.
 */
#ifndef POWERSHARE_SERVE_H
#define POWERSHARE_SERVE_H

#include <stddef.h>

#include "cli.h"

typedef struct serve_leg {
    char *id;              /* file name without folder and extension, unique */
    char *path;            /* for messages only */
    ps_legislature *leg;
    ps_rule *rule;
    char *rule_text;
    ps_game *game;
    ps_condition *cond;
    int64_t posts;         /* posts to share (offices section), default 20 */
    double *banzhaf, *shapley; /* per party, or NULL when out of reach */
    char *power_error;
    size_t *order;         /* hemicycle order */
    char *hemicycle_svg;   /* data-party="i" = index in leg->parties */
    char *power_svg;       /* NULL when no power */
} serve_leg;

typedef struct serve_state {
    size_t n;
    serve_leg *legs;
} serve_state;

/* Loads each file and precomputes. Returns 0 or prints the error and
 * returns an exit code. */
int serve_state_load(serve_state *st, char **paths, size_t n);
void serve_state_free(serve_state *st);

/* One query argument. */
typedef struct serve_arg {
    const char *key, *value;
} serve_arg;

#define SERVE_MAX_ARGS 32

/* Answers an API request (path starts with "/api/"): fills out with JSON
 * and returns the HTTP status. Never touches the file system. */
int serve_api(psi_buf *out, const serve_state *st, const char *path, const serve_arg *args,
              size_t n_args);

#endif
