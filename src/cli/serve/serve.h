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

#include "../cli.h"

typedef struct serve_leg {
    char *id;              /* file name without folder and extension, unique */
    char *path;            /* for messages only */
    ps_document *doc;      /* the file, read once */
    ps_analyze_result *analysis; /* ps_analyze of it (rule, game, condition) */
    const ps_legislature *leg;   /* the document's */
    const ps_rule *rule;         /* these four: the analysis's */
    const char *rule_text;
    const ps_game *game;
    const ps_condition *cond;
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
    double timeout; /* seconds of wall-clock time per computation (--timeout) */
} serve_state;

/* Loads each file and precomputes (st->timeout set by the caller: a
 * chamber's power that takes longer is left out, with power_error saying
 * so). Returns 0 or prints the error and returns an exit code. */
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
/* GET /api/evaluate on one legislature: the JSON of `coalitions --evaluate
 * --format json` (serve_evaluate.c). */
int serve_api_evaluate(psi_buf *out, const serve_leg *sl, const serve_arg *args,
                       size_t n_args);
/* Whether the request's work grows with the chamber (what-if steps: a new
 * game, power and charts), so that it must run in a child process under
 * the time limit (serve_worker.c); the others only read what was computed
 * at start and describe one coalition. */
bool serve_api_needs_worker(const char *path, const serve_arg *args, size_t n_args);

/* ---- serve_json.c: the JSON pieces of the API's answers. Each appends to
 * b; strings from the data go through the JSON escaper. ---- */

/* v with six decimals, or null when v is NaN (no value). */
void serve_json_num(psi_buf *b, double v);
/* s as a JSON string, or null when s is NULL. */
void serve_json_str_or_null(psi_buf *b, const char *s);
/* The parties of leg in its order: index, id, name, seats, colour (the
 * party's, else the report stage's palette), community id or null, and
 * Banzhaf and Shapley-Shubik power from bz and ss (null when the array is
 * NULL). */
void serve_json_parties(psi_buf *b, const ps_legislature *leg, const double *bz,
                        const double *ss);
/* The communities of leg: id, name, seats, and the sums of bz and ss over
 * their parties (null when the array is NULL). */
void serve_json_communities(psi_buf *b, const ps_legislature *leg, const double *bz,
                            const double *ss);
/* The ids of the parties (communities when communities is true) of leg in
 * m, as a JSON array. */
void serve_json_ids(psi_buf *b, const ps_legislature *leg, ps_members m, bool communities);
/* The condition as declared: every part by ids, and each in words
 * (ps_condition_part_text). */
void serve_json_condition(psi_buf *b, const ps_legislature *leg, const ps_condition *cond);
/* Renders chart as SVG without the XML declaration, to go inline into the
 * page: *out is a new string the caller frees, NULL on failure. Returns 0,
 * PS_EINVAL when chart is NULL, or the renderer's error. */
int serve_chart_svg(char **out, ps_chart *chart);

/* ---- serve_worker.c: one computation in a child process, killed at a
 * wall-clock deadline (the design is explained atop serve_worker.c). ---- */

/* Fills out with the answer's body and returns its HTTP status; runs in
 * the child, so it may take any time and memory: the parent stops it. */
typedef int (*serve_work_fn)(psi_buf *out, void *ctx);

typedef enum serve_work_outcome {
    SERVE_WORK_ANSWERED,  /* *status and out are the child's answer */
    SERVE_WORK_TIMED_OUT, /* killed at the deadline; out is empty */
    SERVE_WORK_FAILED,    /* no answer (fork failed, the child died): out says why */
    SERVE_WORK_STOPPED    /* the server is stopping: out says so */
} serve_work_outcome;

/* Before the first serve_work_run: SIGCHLD to its default disposition. */
void serve_work_init(void);
/* Makes every waiting serve_work_run kill its child and return
 * SERVE_WORK_STOPPED within 0.1 s, and refuses new ones. */
void serve_work_stop(void);
/* Runs fn(out, ctx) in a child process for at most timeout seconds of
 * wall-clock time; the child is always reaped before this returns.
 * Thread-safe; the caller bounds how many run at once. */
serve_work_outcome serve_work_run(psi_buf *out, int *status, double timeout, serve_work_fn fn,
                                  void *ctx);

#endif
