/*
 * powershare/progress.h - a hook for progress reports of long work.
 *
 * The library never prints. Its long programs (the power dynamic programs
 * and Monte Carlo, the coalition search, the prediction's fitting) report
 * how far they are at coarse points, at most a few hundred times per
 * second of work, through one process-wide callback that the program
 * installs (the powershare program draws a line on a terminal's standard
 * error; see docs/cli.md). Without a callback a report costs one relaxed
 * atomic load.
 *
 * A report names its task (`what`, a static string such as
 * "power (Shapley-Shubik)" or "coalition search") and says that `done` of
 * `total` units are finished; total is 0 when the amount of work is not
 * known in advance (then done only counts). For one run of a task the
 * callback sees done never decrease and never pass total, and the last
 * report of a run that completes has done == total (for a known total):
 * that is the moment to erase a progress line. A new run of a task starts
 * again from a smaller done; a report for another `what` starts a new task.
 * Tasks run one after the other; progress of work done concurrently by
 * several callers of the library (a server's requests) is interleaved.
 *
 * ps_simulate_run has its own per-call callback (simulate.h,
 * ps_sim_progress); it does not report here.
 *
 * Thread safety: reports come from any thread, one callback call at a time
 * (the calls are serialised). ps_progress_set may be called at any time
 * from any thread except from inside the callback; once it returns, the
 * previous callback is not running and will not be called again.
 */
#ifndef POWERSHARE_PROGRESS_H
#define POWERSHARE_PROGRESS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* done of total units of task `what` are finished (total 0: unknown). */
typedef void (*ps_progress_fn)(void *ctx, const char *what, uint64_t done, uint64_t total);

/* Installs fn (with ctx, handed back on every call) for the whole process,
 * replacing any previous callback; fn NULL removes it. */
void ps_progress_set(ps_progress_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
