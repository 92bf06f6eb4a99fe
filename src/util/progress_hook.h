/*
 * progress_hook.h - how the library's long programs report progress to the
 * callback of powershare/progress.h (progress.c). Not installed.
 *
 * Report at coarse points only (a pass over a table, a residue, a block of
 * samples, a Newton step), a few hundred times per second of work at most:
 * without a callback each report is one relaxed atomic load, with one it
 * takes a lock. Every run of a task begins with a report of done 0 (which
 * also restarts a task of the same name) and ends with psi_progress_end, on
 * every path that completes; reports of a task that has ended are dropped
 * until it begins again.
 */
#ifndef POWERSHARE_PROGRESS_HOOK_H
#define POWERSHARE_PROGRESS_HOOK_H

#include <stddef.h>
#include <stdint.h>

#include "powershare/progress.h"

/* done of total units of `what` (a static string) are finished; total 0:
 * unknown, or for a task under way, the total it has. Reports that would
 * make done go back are dropped (threads finishing out of order), done is
 * capped at total. From any thread. */
void psi_progress(const char *what, uint64_t done, uint64_t total);
/* n more units of the task `what` are finished or under way (from any
 * thread): for work shared among threads, after a psi_progress(what, 0,
 * total). The count stops one short of the total: only psi_progress_end
 * (or a psi_progress report of done == total) ends the task. */
void psi_progress_add(const char *what, uint64_t n);
/* The task `what` is over: the callback sees done == total once more (a
 * line can be erased). Nothing when it already ended or is not current. */
void psi_progress_end(const char *what);

/* A depth-first walk of a binary tree, "take" branch first: the node at
 * `depth` whose path took the items order[i] (i < depth) that are in the bit
 * set `taken` is reported as its share of the tree, in 1 / 2^depth steps
 * down to PSI_PROGRESS_TREE_DEPTH (the nodes below are not reported, so a
 * walk makes at most 2^PSI_PROGRESS_TREE_DEPTH reports). The root (depth 0)
 * begins the task; the positions of a walk never go back. */
#define PSI_PROGRESS_TREE_DEPTH 12
void psi_progress_tree_at(const char *what, const size_t *order, size_t depth, uint64_t taken);
static inline void psi_progress_tree(const char *what, const size_t *order, size_t depth,
                                     uint64_t taken)
{
    if (depth < PSI_PROGRESS_TREE_DEPTH)
        psi_progress_tree_at(what, order, depth, taken);
}

#endif
