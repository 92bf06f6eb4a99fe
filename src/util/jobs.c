/*
 * jobs.c - a few jobs at once, each on a thread of its own (jobs.h).
 */
#include <pthread.h>
#include <stdbool.h>

#include "cancel_hook.h"
#include "jobs.h"

/* A job on a thread of its own, checking for cancellation as its starter. */
typedef struct started_job {
    void *(*run)(void *);
    void *job;
    psi_cancel_hook hook;
} started_job;

static void *run_started(void *arg)
{
    started_job *s = arg;
    psi_cancel_hook_adopt(&s->hook);
    return s->run(s->job);
}

void psi_run_jobs(void *(*run)(void *), void *jobs, size_t job_size, size_t count)
{
    pthread_t tid[PSI_MAX_JOBS];
    started_job start[PSI_MAX_JOBS];
    bool started[PSI_MAX_JOBS] = {false};
    char *job = jobs;
    psi_cancel_hook hook = psi_cancel_hook_get();
    if (count > PSI_MAX_JOBS)
        count = PSI_MAX_JOBS;
    for (size_t t = 1; t < count; t++) {
        start[t] = (started_job){run, job + t * job_size, hook};
        started[t] = pthread_create(&tid[t], NULL, run_started, &start[t]) == 0;
    }
    if (count > 0)
        run(job);
    for (size_t t = 1; t < count; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            run(job + t * job_size); /* no thread: its share runs here */
    }
}
