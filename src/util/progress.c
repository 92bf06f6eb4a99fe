/*
 * progress.c - the process-wide progress hook (powershare/progress.h).
 *
 * One callback for the process, as a program has one terminal. Reports are
 * cheap when nobody listens: `listening` is read with a relaxed load and
 * nothing else happens. With a callback, a mutex serialises the calls and
 * guards the state of the current task, so that reports from several
 * threads reach the callback in an order where done never goes back, and
 * ps_progress_set can promise that the old callback is no longer running
 * when it returns.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#include "progress_hook.h"

static atomic_int listening;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static ps_progress_fn callback;
static void *callback_ctx;

/* The current task; `what` compared by content (static strings). */
static const char *task;
static uint64_t task_done, task_total;
static bool task_over = true;

void ps_progress_set(ps_progress_fn fn, void *ctx)
{
    pthread_mutex_lock(&lock);
    callback = fn;
    callback_ctx = ctx;
    task = NULL;
    task_done = task_total = 0;
    task_over = true;
    atomic_store_explicit(&listening, fn != NULL, memory_order_relaxed);
    pthread_mutex_unlock(&lock);
}

static bool is_task(const char *what)
{
    return task && what && (task == what || !strcmp(task, what));
}

/* Under the lock: hands the current state to the callback. */
static void tell(void)
{
    if (task_total && task_done >= task_total) {
        task_done = task_total;
        task_over = true;
    }
    callback(callback_ctx, task, task_done, task_total);
}

void psi_progress(const char *what, uint64_t done, uint64_t total)
{
    if (!atomic_load_explicit(&listening, memory_order_relaxed) || !what)
        return;
    pthread_mutex_lock(&lock);
    if (callback) {
        if (done == 0 || !is_task(what)) { /* a run begins */
            task = what;
            task_done = done;
            task_total = total;
            task_over = false;
            tell();
        } else if (!task_over && done > task_done) {
            task_done = done;
            if (total)
                task_total = total;
            tell();
        }
    }
    pthread_mutex_unlock(&lock);
}

void psi_progress_add(const char *what, uint64_t n)
{
    if (!atomic_load_explicit(&listening, memory_order_relaxed) || !what || n == 0)
        return;
    pthread_mutex_lock(&lock);
    if (callback) {
        if (!is_task(what)) { /* no begin seen: a task of unknown size */
            task = what;
            task_done = 0;
            task_total = 0;
            task_over = false;
        }
        /* only psi_progress_end says the work is over: counts that run
         * ahead (units counted as they start) stop one short of the total */
        uint64_t done = task_done + n < task_done ? UINT64_MAX : task_done + n;
        if (task_total && done >= task_total)
            done = task_total - 1;
        if (!task_over && done > task_done) {
            task_done = done;
            tell();
        }
    }
    pthread_mutex_unlock(&lock);
}

void psi_progress_end(const char *what)
{
    if (!atomic_load_explicit(&listening, memory_order_relaxed) || !what)
        return;
    pthread_mutex_lock(&lock);
    if (callback && is_task(what) && !task_over) {
        if (!task_total)
            task_total = task_done ? task_done : 1;
        task_done = task_total;
        tell();
    }
    pthread_mutex_unlock(&lock);
}

void psi_progress_tree_at(const char *what, const size_t *order, size_t depth, uint64_t taken)
{
    if (!atomic_load_explicit(&listening, memory_order_relaxed))
        return;
    uint64_t pos = 0;
    for (size_t i = 0; i < depth && i < PSI_PROGRESS_TREE_DEPTH; i++)
        if (order[i] >= 64 || !(taken >> order[i] & 1)) /* the second branch */
            pos |= (uint64_t)1 << (PSI_PROGRESS_TREE_DEPTH - 1 - i);
    psi_progress(what, pos, (uint64_t)1 << PSI_PROGRESS_TREE_DEPTH);
}
