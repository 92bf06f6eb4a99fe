/*
 * progress.h - the progress line of the powershare program (progress.c).
 *
 * One line on standard error, only when standard error is a terminal and a
 * task has run for more than about a second:
 *     power (Shapley-Shubik): 42% about 12 s left
 * redrawn at most ten times a second with a carriage return and erased when
 * the task ends, so that nothing of it stays between the lines a command
 * prints. When standard error is not a terminal nothing is ever written.
 * It serves the library's hook (powershare/progress.h) and simulate's own
 * callback alike.
 */
#ifndef POWERSHARE_CLI_PROGRESS_H
#define POWERSHARE_CLI_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

/* Installs the line as the library's progress callback when standard error
 * is a terminal (once, from main, before a command runs). */
void cli_progress_install(void);
/* Whether the line is on (standard error is a terminal). */
bool cli_progress_enabled(void);
/* One report: done of total units of `what` (total 0: unknown). Nothing
 * when the line is off. Thread-safe. */
void cli_progress_show(const char *what, uint64_t done, uint64_t total);
/* Erases the line if one is drawn, and forgets the task. */
void cli_progress_clear(void);

#endif
