/*
 * cmd_serve.c - `powershare serve [--port 8080] [--bind 127.0.0.1]
 * [--timeout 10] FILE...`.
 *
 * A small web server (GNU libmicrohttpd) for the interactive coalition
 * builder: the page of web/ (embedded into the program at build time, so
 * it works with no network and no file next to the program) and the JSON
 * API of serve_api.c.
 *
 * Safe by default:
 *   - listens on 127.0.0.1 unless --bind says otherwise;
 *   - GET and HEAD only; a request with a body is refused (413), a URL
 *     longer than 2,048 bytes (414), more than 32 query arguments (400);
 *     headers are bounded by libmicrohttpd's per-connection memory limit
 *     (32 KiB), connections by a limit (512) and an idle timeout (10 s);
 *   - work: a request with what-if steps (a new game, its power, its
 *     charts) is computed in a child process that is killed when it passes
 *     --timeout seconds of wall-clock time (504; serve_worker.c says why a
 *     process). No HTTP thread waits for it: the connection is suspended
 *     and the work queued for two worker threads (the machine's cores;
 *     serve_queue.c), so other requests are answered meanwhile; one that
 *     cannot start within 5 seconds gets 503, and at most 512 wait. Other
 *     requests only read what was computed at start (serve_api.c), in the
 *     HTTP thread. A chamber's power at start has the same time limit;
 *   - no request names a file: legislatures are the FILEs given here,
 *     chosen by index or id;
 *   - every response says Content-Security-Policy: default-src 'self' and
 *     X-Content-Type-Options: nosniff; names are escaped in JSON, HTML and
 *     SVG (the page sets text with textContent, never as HTML).
 * --port 0 picks a free port; the address is printed on standard error as
 * "powershare serve: listening on http://HOST:PORT/" once the server
 * answers. SIGINT or SIGTERM stops it cleanly.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "serve.h"

#if MHD_VERSION >= 0x00097002
typedef enum MHD_Result mhd_result;
#else
typedef int mhd_result;
#endif

/* The embedded page (web_page.c, generated from web/ at build time). */
typedef struct web_file {
    const char *path;
    const char *type;
    const unsigned char *data;
    size_t len;
} web_file;
extern const web_file web_files[];
extern const size_t web_n_files;

static const char usage_text[] =
    "usage: powershare serve [--port 8080] [--bind 127.0.0.1] [--timeout 10] LEGISLATURE...\n"
    "\n"
    "Serves the interactive coalition builder for the legislature files given:\n"
    "pick a legislature, click parties into a coalition, see the majority, the\n"
    "power-sharing condition, power and portfolio shares; a what-if panel.\n"
    "The JSON API is described in docs/serve.md.\n"
    "\n"
    "  --port N       TCP port (default 8080; 0 picks a free one)\n"
    "  --bind ADDR    IPv4 address to listen on (default 127.0.0.1, this\n"
    "                 machine only; 0.0.0.0 opens it to the network)\n"
    "  --timeout S    wall-clock seconds of work per request (default 10, at\n"
    "                 most 3600); a request that takes longer is stopped and\n"
    "                 answered 504. The same limit holds for each chamber's\n"
    "                 power at start.\n";

typedef struct server {
    serve_state st;
    serve_queue *queue;
} server;

typedef struct args_ctx {
    serve_arg args[SERVE_MAX_ARGS];
    size_t n;
    size_t bytes; /* of all keys and values, decoded */
    int overflow;
} args_ctx;

static mhd_result collect(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    args_ctx *a = cls;
    a->bytes += strlen(key) + (value ? strlen(value) : 0) + 2;
    if (a->n == SERVE_MAX_ARGS) {
        a->overflow = 1;
        return MHD_YES; /* keep counting bytes */
    }
    a->args[a->n].key = key;
    a->args[a->n].value = value ? value : "";
    a->n++;
    return MHD_YES;
}

static mhd_result respond(struct MHD_Connection *conn, unsigned status, const char *type,
                          const void *data, size_t len, enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, mode);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    mhd_result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

static mhd_result json_error(struct MHD_Connection *conn, unsigned status, const char *message)
{
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_puts(&b, "{\"error\": ");
    psi_buf_json_string(&b, message);
    psi_buf_puts(&b, "}\n");
    size_t len = b.len;
    char *s = psi_buf_take(&b);
    if (!s)
        return MHD_NO;
    /* psi memory goes back through psi_free: copy into the response */
    mhd_result r = respond(conn, status, "application/json", s, len, MHD_RESPMEM_MUST_COPY);
    psi_free(s);
    return r;
}

/* Sends b (JSON) with status and frees it. */
static mhd_result answer(struct MHD_Connection *conn, int status, psi_buf *b)
{
    size_t len = b->len;
    char *s = psi_buf_take(b);
    if (!s)
        return json_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    mhd_result r = respond(conn, (unsigned)status, "application/json; charset=utf-8", s, len,
                           MHD_RESPMEM_MUST_COPY);
    psi_free(s);
    return r;
}

/* A work request's answer, from its job (serve_queue.c). */
static mhd_result job_answer(struct MHD_Connection *conn, serve_job *job, double timeout)
{
    if (job->outcome == SERVE_WORK_ANSWERED)
        return answer(conn, job->status, &job->out);
    char message[512];
    if (job->outcome == SERVE_WORK_TIMED_OUT)
        snprintf(message, sizeof message,
                 "this request needs more than the server's limit of %g s of work "
                 "(--timeout) and was stopped; asking again will not help: ask for less, "
                 "or run `powershare whatif` on the command line",
                 timeout);
    else
        snprintf(message, sizeof message, "%s",
                 job->out.data && !job->out.failed ? job->out.data : "the computation failed");
    return json_error(conn,
                      job->outcome == SERVE_WORK_TIMED_OUT ? MHD_HTTP_GATEWAY_TIMEOUT
                      : job->outcome == SERVE_WORK_STOPPED || job->outcome == SERVE_WORK_BUSY
                          ? MHD_HTTP_SERVICE_UNAVAILABLE
                          : MHD_HTTP_INTERNAL_SERVER_ERROR,
                      message);
}

/* *req_cls after the first call of a request that has no job. */
static int first_call_marker;

static mhd_result handle_request(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version,
                                 const char *upload_data, size_t *upload_data_size,
                                 void **req_cls)
{
    (void)version;
    (void)upload_data;
    server *sv = cls;
    if (*req_cls == NULL) {
        /* Headers only so far. Refuse at once what we never read, so that a
         * body is never waited for; otherwise answer on the next call. */
        *req_cls = &first_call_marker;
        if (strcmp(method, "GET") && strcmp(method, "HEAD"))
            return json_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD");
        const char *length =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if ((length && strcmp(length, "0")) ||
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
            return json_error(conn, MHD_HTTP_CONTENT_TOO_LARGE, "request bodies are not accepted");
        return MHD_YES;
    }
    if (*req_cls != &first_call_marker) /* resumed: the job is done */
        return job_answer(conn, *req_cls, sv->st.timeout);
    if (*upload_data_size != 0) {
        *upload_data_size = 0;
        return json_error(conn, MHD_HTTP_CONTENT_TOO_LARGE, "request bodies are not accepted");
    }
    args_ctx a;
    memset(&a, 0, sizeof a);
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect, &a);
    if (strlen(url) + a.bytes > 2048)
        return json_error(conn, MHD_HTTP_URI_TOO_LONG, "URL too long");
    if (a.overflow)
        return json_error(conn, MHD_HTTP_BAD_REQUEST, "too many query arguments");
    if (strncmp(url, "/api/", 5)) {
        const char *want = strcmp(url, "/") ? url : "/index.html";
        for (size_t i = 0; i < web_n_files; i++)
            if (!strcmp(want, web_files[i].path))
                return respond(conn, MHD_HTTP_OK, web_files[i].type, web_files[i].data,
                               web_files[i].len, MHD_RESPMEM_PERSISTENT);
        return json_error(conn, MHD_HTTP_NOT_FOUND, "not found");
    }
    if (!serve_api_needs_worker(url, a.args, a.n)) {
        /* reads what was computed at start, describes one coalition */
        psi_buf b;
        psi_buf_init(&b);
        int status = serve_api(&b, &sv->st, url, a.args, a.n);
        return answer(conn, status, &b);
    }
    /* work: never waited for here (serve_queue.c) */
    serve_job *job = serve_job_new(sv->queue, conn, url, a.args, a.n);
    if (!job)
        return json_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    *req_cls = job; /* freed by request_done */
    if (serve_queue_push(sv->queue, job))
        return MHD_YES; /* suspended; called again once the job is done */
    return job_answer(conn, job, sv->st.timeout);
}

/* The access handler: its allocations do not overlap a fork (serve.h). */
static mhd_result handle(void *cls, struct MHD_Connection *conn, const char *url,
                         const char *method, const char *version, const char *upload_data,
                         size_t *upload_data_size, void **req_cls)
{
    serve_work_gate_enter();
    mhd_result r = handle_request(cls, conn, url, method, version, upload_data,
                                  upload_data_size, req_cls);
    serve_work_gate_leave();
    return r;
}

/* MHD_OPTION_NOTIFY_COMPLETED: the request is over (answered, or its
 * connection closed), so its job, if any, is no longer needed. A suspended
 * connection never gets here: it is resumed first. */
static void request_done(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)conn;
    (void)why;
    if (*req_cls && *req_cls != &first_call_marker) {
        serve_work_gate_enter();
        serve_job_free(*req_cls);
        serve_work_gate_leave();
    }
    *req_cls = NULL;
}

static const struct option long_options[] = {{"port", required_argument, NULL, 'p'},
                                             {"bind", required_argument, NULL, 'b'},
                                             {"timeout", required_argument, NULL, 't'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};

int cmd_serve(int argc, char **argv)
{
    long port = 8080;
    const char *bind_addr = "127.0.0.1";
    double timeout = 10;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":p:b:t:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'p': {
            char *end;
            port = strtol(optarg, &end, 10);
            if (*end || port < 0 || port > 65535)
                return cli_usage_error("serve", "--port wants 0 to 65535, not '%s'", optarg);
            break;
        }
        case 'b': bind_addr = optarg; break;
        case 't': {
            char *end;
            timeout = strtod(optarg, &end);
            if (end == optarg || *end || !(timeout >= 0.1 && timeout <= 3600))
                return cli_usage_error("serve", "--timeout wants seconds from 0.1 to 3600, not '%s'",
                                       optarg);
            break;
        }
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        case ':': return cli_usage_error("serve", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("serve", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("serve", "expected at least one legislature file");
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, bind_addr, &addr.sin_addr) != 1)
        return cli_usage_error("serve", "--bind wants an IPv4 address such as 127.0.0.1, not '%s'",
                               bind_addr);

    server sv;
    memset(&sv, 0, sizeof sv);
    sv.st.timeout = timeout;
    serve_work_init();
    int status = serve_state_load(&sv.st, argv + optind, (size_t)(argc - optind));
    if (status != EXIT_OK)
        return status;

    /* Signals are taken by sigwait below; the server's threads inherit the
     * mask, so none of them is interrupted. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (!(sv.queue = serve_queue_start(&sv.st))) {
        fprintf(stderr, "powershare serve: cannot start the worker threads: %s\n",
                strerror(errno));
        serve_state_free(&sv.st);
        return EXIT_FAILURE_;
    }
    /* the connection limit is also the queue's (SERVE_QUEUE_MAX) */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME, (uint16_t)port,
        NULL, NULL, handle, &sv, MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, 4u,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_QUEUE_MAX, MHD_OPTION_CONNECTION_TIMEOUT, 10u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768, MHD_OPTION_LISTEN_BACKLOG_SIZE, 512u,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "powershare serve: cannot listen on %s:%ld: %s\n", bind_addr, port,
                errno ? strerror(errno) : "libmicrohttpd refused");
        serve_queue_free(sv.queue);
        serve_state_free(&sv.st);
        return EXIT_FAILURE_;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    fprintf(stderr, "powershare serve: listening on http://%s:%u/ (%zu legislature%s)\n", bind_addr,
            info ? (unsigned)info->port : (unsigned)port, sv.st.n, sv.st.n == 1 ? "" : "s");
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    serve_work_stop(); /* running computations are killed, not waited for */
    serve_queue_stop(sv.queue, 1); /* queued ones answered 503: none suspended */
    MHD_stop_daemon(d);
    serve_queue_free(sv.queue);
    serve_state_free(&sv.st);
    ps_report_shutdown();
    fprintf(stderr, "powershare serve: stopped\n");
    return EXIT_OK;
}

/* ---- loading ------------------------------------------------------------ */

static char *id_of(const char *path)
{
    if (strcmp(path, "-") == 0)
        path = "stdin";
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *id = malloc(n + 8);
    if (id) {
        memcpy(id, base, n);
        id[n] = '\0';
    }
    return id;
}

static int svg_of(char **out, const ps_chart *chart)
{
    unsigned char *data = NULL;
    size_t len = 0;
    *out = NULL;
    if (ps_chart_render(&data, &len, chart, PS_CHART_SVG, 1, NULL) < 0)
        return -1;
    const char *s = strstr((const char *)data, "<svg");
    *out = strdup(s ? s : (const char *)data);
    ps_free(data);
    return *out ? 0 : -1;
}

/* A chamber's power, in the child (serve_worker.c): 2n doubles, Banzhaf
 * then Shapley-Shubik, as raw bytes (the parent is the same program), or
 * the library's message with 422. */
static int power_work(psi_buf *out, void *ctx)
{
    const serve_leg *sl = ctx;
    size_t n = sl->leg->n_parties;
    double *values = calloc(2 * n + 2, sizeof *values);
    if (!values) {
        psi_buf_puts(out, "out of memory");
        return 500;
    }
    ps_error perr;
    ps_error_clear(&perr);
    int status = 200;
    if (cli_power_shares(values, values + n, sl->leg, sl->rule, 0, &perr) == 0)
        psi_buf_append(out, (const char *)values, 2 * n * sizeof *values);
    else {
        psi_buf_puts(out, perr.message);
        status = 422;
    }
    free(values);
    return status;
}

/* Fills sl->banzhaf and sl->shapley, or sl->power_error: computed in a
 * child process stopped after `timeout` seconds, like a request's work. */
static int load_power(serve_leg *sl, double timeout)
{
    size_t n = sl->leg->n_parties;
    psi_buf b;
    psi_buf_init(&b);
    int status = 500;
    serve_work_outcome done = serve_work_run(&b, &status, timeout, power_work, sl);
    if (done == SERVE_WORK_ANSWERED && status == 200 && b.len == 2 * n * sizeof(double)) {
        double *values = calloc(2 * n + 2, sizeof *values);
        if (!values) {
            psi_buf_free(&b);
            return -1;
        }
        memcpy(values, b.data, b.len);
        sl->banzhaf = values;
        sl->shapley = values + n;
    } else {
        char message[600];
        if (done == SERVE_WORK_TIMED_OUT)
            snprintf(message, sizeof message,
                     "power not computed: it needs more than the server's limit of %g s of "
                     "work (--timeout)",
                     timeout);
        else
            snprintf(message, sizeof message, "%s",
                     b.data && b.len && !b.failed ? b.data : "power not computed");
        if (!(sl->power_error = strdup(message))) {
            psi_buf_free(&b);
            return -1;
        }
    }
    psi_buf_free(&b);
    return 0;
}

/* No legislature before i has the id of legislature i. */
static bool unique_id(const serve_state *st, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (!strcmp(st->legs[j].id, st->legs[i].id))
            return false;
    return true;
}

static int load_one(serve_leg *sl, const char *path, double timeout, ps_error *err)
{
    sl->path = strdup(path);
    sl->id = id_of(path);
    if (!sl->path || !sl->id)
        return psi_enomem(err);
    /* The file is read once, and analysed by the library's one call; the
     * server asks it for the chamber, its rule and condition only: power is
     * computed below under the server's wall-clock limit (--timeout), and
     * coalitions per request. */
    int rc = ps_document_load(&sl->doc, path, err);
    if (rc == 0 && ps_document_legislature(sl->doc)->total_seats == PS_UNKNOWN)
        rc = psi_error(err, PS_EDATA, ps_document_source(sl->doc), 0, 0,
                       "the legislature has no seat counts");
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    opt.sections = 0;
    if (rc == 0)
        rc = ps_analyze(&sl->analysis, sl->doc, &opt, err);
    if (rc != 0)
        return rc;
    const ps_analyze_result *a = sl->analysis;
    sl->leg = ps_document_legislature(sl->doc);
    sl->rule = a->rule;
    sl->game = a->game;
    sl->cond = a->condition;
    sl->rule_text = a->rule_text;
    sl->posts = a->formation && !ps_formation_computes_executive(a->formation)
                    ? a->formation->ministries /* parity */
                : a->offices->posts > 0 ? a->offices->posts
                                        : 20;
    size_t n = sl->leg->n_parties;
    sl->order = calloc(n ? n : 1, sizeof *sl->order);
    if (!sl->order || load_power(sl, timeout) < 0)
        return psi_enomem(err);
    if ((rc = ps_report_order(sl->order, sl->leg, NULL, err)) < 0)
        return rc;
    ps_chart *chart = NULL;
    ps_report_data d;
    memset(&d, 0, sizeof d);
    d.quota = sl->rule->quota;
    d.banzhaf = sl->banzhaf;
    d.shapley = sl->shapley;
    rc = ps_report_chart(&chart, PS_CHART_HEMICYCLE, sl->leg, &d, err);
    if (rc == 0 && svg_of(&sl->hemicycle_svg, chart) < 0)
        rc = psi_enomem(err);
    ps_chart_free(chart);
    chart = NULL;
    if (rc == 0 && sl->banzhaf) {
        rc = ps_report_chart(&chart, PS_CHART_POWER, sl->leg, &d, err);
        if (rc == 0 && svg_of(&sl->power_svg, chart) < 0)
            rc = psi_enomem(err);
        ps_chart_free(chart);
    }
    return rc;
}

int serve_state_load(serve_state *st, char **paths, size_t n)
{
    st->legs = calloc(n, sizeof *st->legs);
    if (!st->legs) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    st->n = n;
    for (size_t i = 0; i < n; i++) {
        ps_error err;
        ps_error_clear(&err);
        if (load_one(&st->legs[i], paths[i], st->timeout, &err) < 0) {
            int status = cli_fail(&err);
            serve_state_free(st);
            return status;
        }
        /* ids must be unique: a second "iraq-2014" becomes "iraq-2014-2",
         * a third "iraq-2014-3" */
        size_t len = strlen(st->legs[i].id);
        for (size_t copy = 2; copy < 1000000 && !unique_id(st, i); copy++)
            snprintf(st->legs[i].id + len, 8, "-%zu", copy);
    }
    return EXIT_OK;
}

void serve_state_free(serve_state *st)
{
    for (size_t i = 0; st->legs && i < st->n; i++) {
        serve_leg *sl = &st->legs[i];
        free(sl->id);
        free(sl->path);
        ps_analyze_result_free(sl->analysis); /* owns rule, game, condition */
        free(sl->banzhaf);
        free(sl->power_error);
        free(sl->order);
        free(sl->hemicycle_svg);
        free(sl->power_svg);
        ps_document_free(sl->doc); /* owns sl->leg */
    }
    free(st->legs);
    st->legs = NULL;
    st->n = 0;
}
