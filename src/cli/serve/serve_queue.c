/*
 * serve_queue.c - the work of `powershare serve`'s requests, off the HTTP
 * threads.
 *
 * libmicrohttpd serves with a pool of four threads, each polling (epoll)
 * its own share of the connections. A request that needs work (what-if
 * steps: serve_api_needs_worker) can take up to --timeout seconds, and a
 * thread that waited for it in the access handler would hold every other
 * connection it had accepted, cheap ones too, until their idle timeout
 * passed. So the handler never waits: it copies what the work needs (the
 * URL and the query arguments) into a job, suspends the connection
 * (MHD_suspend_connection, which takes it out of the thread's poll set and
 * stops its timeout) and queues the job. Two worker threads (the machine's
 * cores) take jobs in the order they came, run each with serve_work_run (a
 * child process killed at --timeout), store the outcome in the job and
 * resume the connection; libmicrohttpd then calls the handler again, which
 * answers from the job.
 *
 * A job that has waited SERVE_QUEUE_WAIT seconds without a turn is
 * answered 503 "busy; try again" without running: by a clock thread at
 * that moment, or by the worker that would start it. The queue holds at
 * most SERVE_QUEUE_MAX jobs (the connection limit: a connection has at most
 * one), so its memory is bounded; beyond, a job is refused at once (503).
 *
 * Ownership: a job belongs to its connection (the handler's con_cls) and
 * is freed when libmicrohttpd reports the request complete. While the
 * connection is suspended the queue, then one worker, may write the job's
 * outcome; the last thing they do is resume it, after which they never
 * touch the job again (it may be answered and freed before
 * MHD_resume_connection returns). Suspending happens under the queue's
 * lock, before the job is visible to a worker, so a resume never comes
 * before its suspend.
 *
 * Stopping: after serve_work_stop (running children are killed, their jobs
 * answered 503 within 0.1 s), serve_queue_stop answers every queued job 503
 * "the server is stopping", resumes it and joins the threads; a job pushed
 * later is refused without being suspended. Then no connection is
 * suspended, which MHD_stop_daemon requires; serve_queue_stop also waits
 * (a moment) until every job is freed, which is when libmicrohttpd has
 * sent its answer, as MHD_stop_daemon closes connections unanswered.
 */
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

#define N_WORKERS 2

struct serve_queue {
    const serve_state *st;
    pthread_mutex_t lock;
    pthread_cond_t work; /* a job was queued, or stopping (workers) */
    pthread_cond_t tick; /* the queue was empty and is not, or stopping (clock) */
    serve_job *head, *tail;
    size_t n;
    bool stopping;
    pthread_t workers[N_WORKERS];
    size_t n_workers; /* started */
    pthread_t clock;
    bool clock_started;
    atomic_size_t live; /* jobs made and not yet freed */
};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

serve_job *serve_job_new(serve_queue *q, struct MHD_Connection *conn, const char *url,
                         const serve_arg *args, size_t n)
{
    if (n > SERVE_MAX_ARGS)
        return NULL;
    size_t bytes = strlen(url) + 1;
    for (size_t i = 0; i < n; i++)
        bytes += strlen(args[i].key) + strlen(args[i].value) + 2;
    serve_job *job = calloc(1, sizeof *job);
    char *s = malloc(bytes);
    if (!job || !s) {
        free(job);
        free(s);
        return NULL;
    }
    job->queue = q;
    job->conn = conn;
    job->strings = s;
    job->outcome = SERVE_WORK_FAILED;
    job->status = 500;
    psi_buf_init(&job->out);
    /* each string and its NUL, one after the other */
    size_t len = strlen(url) + 1;
    memcpy(s, url, len);
    job->url = s;
    s += len;
    for (size_t i = 0; i < n; i++) {
        len = strlen(args[i].key) + 1;
        memcpy(s, args[i].key, len);
        job->args[i].key = s;
        s += len;
        len = strlen(args[i].value) + 1;
        memcpy(s, args[i].value, len);
        job->args[i].value = s;
        s += len;
    }
    job->n_args = n;
    atomic_fetch_add(&q->live, 1);
    return job;
}

void serve_job_free(serve_job *job)
{
    if (!job)
        return;
    serve_queue *q = job->queue;
    psi_buf_free(&job->out);
    free(job->strings);
    free(job);
    atomic_fetch_sub(&q->live, 1);
}

/* Stores an outcome that is not the work's (busy, stopping). */
static void set_outcome(serve_job *job, serve_work_outcome outcome, const char *message)
{
    job->outcome = outcome;
    job->status = 503;
    job->out.len = 0;
    if (job->out.data)
        job->out.data[0] = '\0';
    serve_work_gate_enter();
    psi_buf_puts(&job->out, message);
    serve_work_gate_leave();
}

/* Hands the answered job back to its connection: the job is not ours after
 * this (see the top of the file). */
static void give_back(serve_job *job)
{
    struct MHD_Connection *conn = job->conn;
    MHD_resume_connection(conn);
}

/* The oldest job, taken off the queue; NULL when empty. With q->lock. */
static serve_job *take(serve_queue *q)
{
    serve_job *job = q->head;
    if (job) {
        q->head = job->next;
        if (!q->head)
            q->tail = NULL;
        job->next = NULL;
        q->n--;
    }
    return job;
}

typedef struct work_ctx {
    const serve_state *st;
    const serve_job *job;
} work_ctx;

/* Runs in the child (serve_worker.c). */
static int job_work(psi_buf *out, void *ctx)
{
    const work_ctx *w = ctx;
    return serve_api(out, w->st, w->job->url, w->job->args, w->job->n_args);
}

static void *worker_main(void *arg)
{
    serve_queue *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->stopping && !q->head)
            pthread_cond_wait(&q->work, &q->lock);
        if (q->stopping)
            break; /* serve_queue_stop answers what is left */
        serve_job *job = take(q);
        pthread_mutex_unlock(&q->lock);
        if (now() - job->queued > SERVE_QUEUE_WAIT)
            set_outcome(job, SERVE_WORK_BUSY, "busy; try again");
        else {
            work_ctx w = {q->st, job};
            job->outcome = serve_work_run(&job->out, &job->status, q->st->timeout, job_work, &w);
        }
        give_back(job);
        pthread_mutex_lock(&q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

/* Answers the jobs that have waited SERVE_QUEUE_WAIT seconds, when they
 * have: the oldest is at the head, so it sleeps until the head's time. */
static void *clock_main(void *arg)
{
    serve_queue *q = arg;
    pthread_mutex_lock(&q->lock);
    while (!q->stopping) {
        if (!q->head) {
            pthread_cond_wait(&q->tick, &q->lock);
            continue;
        }
        double due = q->head->queued + SERVE_QUEUE_WAIT;
        if (now() <= due) {
            struct timespec until;
            until.tv_sec = (time_t)due;
            until.tv_nsec = (long)((due - (double)until.tv_sec) * 1e9);
            pthread_cond_timedwait(&q->tick, &q->lock, &until);
            continue; /* the head may have changed: look again */
        }
        serve_job *job = take(q);
        pthread_mutex_unlock(&q->lock);
        set_outcome(job, SERVE_WORK_BUSY, "busy; try again");
        give_back(job);
        pthread_mutex_lock(&q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

bool serve_queue_push(serve_queue *q, serve_job *job)
{
    pthread_mutex_lock(&q->lock);
    if (q->stopping || q->n >= SERVE_QUEUE_MAX) {
        bool stopping = q->stopping;
        pthread_mutex_unlock(&q->lock);
        set_outcome(job, stopping ? SERVE_WORK_STOPPED : SERVE_WORK_BUSY,
                    stopping ? "the server is stopping" : "busy; try again");
        return false;
    }
    /* before any worker can see the job, so that its resume follows */
    MHD_suspend_connection(job->conn);
    job->queued = now();
    job->next = NULL;
    if (q->tail)
        q->tail->next = job;
    else {
        q->head = job;
        pthread_cond_signal(&q->tick);
    }
    q->tail = job;
    q->n++;
    pthread_cond_signal(&q->work);
    pthread_mutex_unlock(&q->lock);
    return true;
}

/* Ends and joins the threads started, answers and resumes every queued
 * job. */
static void stop_threads(serve_queue *q)
{
    pthread_mutex_lock(&q->lock);
    q->stopping = true;
    serve_job *left = q->head;
    q->head = q->tail = NULL;
    q->n = 0;
    pthread_cond_broadcast(&q->work);
    pthread_cond_broadcast(&q->tick);
    pthread_mutex_unlock(&q->lock);
    while (left) {
        serve_job *job = left;
        left = job->next;
        job->next = NULL;
        set_outcome(job, SERVE_WORK_STOPPED, "the server is stopping");
        give_back(job);
    }
    for (size_t i = 0; i < q->n_workers; i++)
        pthread_join(q->workers[i], NULL);
    q->n_workers = 0;
    if (q->clock_started)
        pthread_join(q->clock, NULL);
    q->clock_started = false;
}

serve_queue *serve_queue_start(const serve_state *st)
{
    serve_queue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->st = st;
    atomic_init(&q->live, 0);
    pthread_condattr_t attr;
    int rc = pthread_condattr_init(&attr);
    if (rc != 0) {
        free(q);
        errno = rc;
        return NULL;
    }
    /* the clock's deadlines are CLOCK_MONOTONIC, like the jobs' times */
    rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (rc == 0 && (rc = pthread_mutex_init(&q->lock, NULL)) == 0) {
        if ((rc = pthread_cond_init(&q->work, NULL)) != 0)
            pthread_mutex_destroy(&q->lock);
        else if ((rc = pthread_cond_init(&q->tick, &attr)) != 0) {
            pthread_cond_destroy(&q->work);
            pthread_mutex_destroy(&q->lock);
        }
    }
    pthread_condattr_destroy(&attr);
    if (rc != 0) {
        free(q);
        errno = rc;
        return NULL;
    }
    while (rc == 0 && q->n_workers < N_WORKERS) {
        rc = pthread_create(&q->workers[q->n_workers], NULL, worker_main, q);
        if (rc == 0)
            q->n_workers++;
    }
    if (rc == 0 && (rc = pthread_create(&q->clock, NULL, clock_main, q)) == 0)
        q->clock_started = true;
    if (rc != 0) {
        serve_queue_free(q);
        errno = rc;
        return NULL;
    }
    return q;
}

void serve_queue_stop(serve_queue *q, double seconds)
{
    if (!q)
        return;
    stop_threads(q);
    /* Every job is now answered and its connection resumed; libmicrohttpd
     * sends the answers from its own threads, and MHD_stop_daemon would
     * close the connections unanswered: wait until each request is over
     * (its job freed), or the time runs out. */
    struct timespec slice = {0, 10000000}; /* 10 ms */
    for (double until = now() + seconds; atomic_load(&q->live) > 0 && now() < until;)
        nanosleep(&slice, NULL);
}

void serve_queue_free(serve_queue *q)
{
    if (!q)
        return;
    stop_threads(q); /* nothing to do when stopped already */
    pthread_cond_destroy(&q->tick);
    pthread_cond_destroy(&q->work);
    pthread_mutex_destroy(&q->lock);
    free(q);
}
