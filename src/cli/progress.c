/*
 * progress.c - the progress line on a terminal's standard error.
 *
 * The first report of a task starts its clock; the line appears once the
 * task has run for a second (short work stays silent) and is redrawn at most
 * every tenth of a second. The estimate of the time left assumes the rate
 * seen since the first report holds: (total - done) / rate. The line ends
 * with a carriage return, so that whatever is written next starts at the
 * left margin, and is cut to the terminal's width so that it never wraps
 * (a wrapped line cannot be redrawn in place).
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "powershare/progress.h"

/* Seconds of work before the line appears: 1, or POWERSHARE_PROGRESS_AFTER
 * (a number of seconds; the tests set 0 so that they do not depend on how
 * fast the machine is). */
static double show_after = 1.0;
#define REDRAW_EVERY 0.1

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool enabled;
static size_t columns = 80;

static const char *task;          /* NULL: none under way */
static uint64_t task_done, first_done;
static double started, last_drawn;
static size_t drawn;              /* width of the line on screen, 0 none */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void erase(void)
{
    if (!drawn)
        return;
    fprintf(stderr, "\r%*s\r", (int)drawn, "");
    fflush(stderr);
    drawn = 0;
}

static void when_left(char *out, size_t size, double seconds)
{
    if (seconds < 60)
        snprintf(out, size, " about %.0f s left", seconds < 1 ? 1 : seconds);
    else if (seconds < 3600)
        snprintf(out, size, " about %.0f min left", seconds / 60);
    else
        snprintf(out, size, " about %.1f h left", seconds / 3600);
}

static void draw(const char *what, uint64_t done, uint64_t total, double t)
{
    char line[512];
    if (total) {
        char left[64] = "";
        int pct = (int)((double)done * 100.0 / (double)total);
        double elapsed = t - started;
        if (done > first_done && elapsed > 0) {
            double rate = (double)(done - first_done) / elapsed;
            when_left(left, sizeof left, (double)(total - done) / rate);
        }
        snprintf(line, sizeof line, "%s: %d%%%s", what, pct, left);
    } else {
        snprintf(line, sizeof line, "%s: %" PRIu64 " done, %.0f s so far", what, done,
                 t - started);
    }
    size_t len = strlen(line);
    if (columns > 1 && len > columns - 1)
        len = columns - 1;
    line[len] = '\0';
    int pad = drawn > len ? (int)(drawn - len) : 0;
    fprintf(stderr, "\r%s%*s\r", line, pad, "");
    fflush(stderr);
    drawn = len;
    last_drawn = t;
}

void cli_progress_show(const char *what, uint64_t done, uint64_t total)
{
    if (!enabled || !what)
        return;
    pthread_mutex_lock(&lock);
    double t = now();
    if (!task || strcmp(task, what) || done < task_done) { /* a new task */
        task = what;
        first_done = done;
        started = t;
        last_drawn = 0;
    }
    task_done = done;
    if (total && done >= total) { /* over */
        erase();
        task = NULL;
        task_done = 0;
    } else if (t - started >= show_after && (!drawn || t - last_drawn >= REDRAW_EVERY)) {
        draw(what, done, total, t);
    }
    pthread_mutex_unlock(&lock);
}

static void from_library(void *ctx, const char *what, uint64_t done, uint64_t total)
{
    (void)ctx;
    cli_progress_show(what, done, total);
}

void cli_progress_install(void)
{
    if (!isatty(STDERR_FILENO))
        return;
    const char *after = getenv("POWERSHARE_PROGRESS_AFTER");
    if (after && *after) {
        char *end;
        double v = strtod(after, &end);
        if (*end == '\0' && v >= 0 && v < 1e6)
            show_after = v;
    }
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        columns = ws.ws_col;
    enabled = true;
    ps_progress_set(from_library, NULL);
}

bool cli_progress_enabled(void)
{
    return enabled;
}

void cli_progress_clear(void)
{
    if (!enabled)
        return;
    pthread_mutex_lock(&lock);
    erase();
    task = NULL;
    task_done = 0;
    pthread_mutex_unlock(&lock);
}
