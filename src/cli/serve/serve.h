/*
 * serve.h - what `powershare serve` shares between its HTTP glue
 * (cmd_serve.c), its JSON API (serve_api.c) and the queue of work that
 * runs off the HTTP threads (serve_queue.c, serve_worker.c).
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
    SERVE_WORK_STOPPED,   /* the server is stopping: out says so */
    SERVE_WORK_BUSY       /* never run: no turn within SERVE_QUEUE_WAIT s
                           * (serve_queue.c); out says so */
} serve_work_outcome;

/* Around allocations in the server's threads, so that none is under way
 * when serve_work_run forks: a no-op but under AddressSanitizer, whose
 * allocator (unlike glibc's) is not locked around fork(), so that a child
 * could wait forever for a lock another thread held (serve_worker.c).
 * They nest; serve_work_run is never called between them. */
void serve_work_gate_enter(void);
void serve_work_gate_leave(void);
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

/* ---- serve_queue.c: the work of requests, queued for two worker threads
 * so that no HTTP thread ever waits for it (the design is explained atop
 * serve_queue.c). ---- */

struct MHD_Connection;

/* Jobs that may wait at once: the server's connection limit. */
#define SERVE_QUEUE_MAX 512
/* Seconds a job may wait for a turn; then it is answered 503. */
#define SERVE_QUEUE_WAIT 5.0

/* One request's work: copies of its URL and query arguments, and its
 * outcome once done. Belongs to its connection (the access handler's
 * con_cls) and is freed with serve_job_free when the request completes;
 * while the connection is suspended only the queue writes it. */
typedef struct serve_queue serve_queue;

typedef struct serve_job {
    serve_queue *queue;
    struct MHD_Connection *conn;
    const char *url; /* these point into strings */
    serve_arg args[SERVE_MAX_ARGS];
    size_t n_args;
    char *strings;
    double queued; /* CLOCK_MONOTONIC seconds */
    struct serve_job *next; /* in the queue */
    serve_work_outcome outcome; /* these three: set before the resume */
    int status;
    psi_buf out; /* as serve_work_run leaves it */
} serve_job;

/* A job of q for conn with copies of url and args (n at most
 * SERVE_MAX_ARGS), not yet queued; NULL when out of memory. Thread-safe. */
serve_job *serve_job_new(serve_queue *q, struct MHD_Connection *conn, const char *url,
                         const serve_arg *args, size_t n);
void serve_job_free(serve_job *job); /* NULL-safe */
/* Starts the two workers and the clock that answers jobs that waited too
 * long, with the calling thread's signal mask. Returns NULL (errno set)
 * when a thread or memory is lacking. */
serve_queue *serve_queue_start(const serve_state *st);
/* From the access handler only (it suspends job->conn): queues the job and
 * returns true; the connection is resumed once job's outcome is set. When
 * the queue is full or stopping, sets the outcome at once (503, busy or
 * stopping), suspends nothing and returns false. Thread-safe. */
bool serve_queue_push(serve_queue *q, serve_job *job);
/* After serve_work_stop: answers every queued job 503 "the server is
 * stopping", resumes its connection and joins the threads (whose running
 * work serve_work_stop ends), so that no connection stays suspended;
 * later pushes are refused. Then waits, at most `seconds`, until every
 * job is freed (its answer sent). NULL-safe. */
void serve_queue_stop(serve_queue *q, double seconds);
/* Stops q if needed and frees it: after MHD_stop_daemon, as handlers may
 * push until then. NULL-safe. */
void serve_queue_free(serve_queue *q);

#endif
