/*
 * work.c - counters of the library's main computations.
 *
 * "Compute once, print" is a promise a test can check: each stage's main
 * computation (a power program, a coalition search, a scenario analysis, a
 * prediction) adds one to its counter, and the program reports them on
 * standard error when PS_WORK_COUNTS is set in its environment. Relaxed
 * atomics: the counts are exact, and cost nothing next to the work.
 */
#include <stdatomic.h>

#include "util.h"

static atomic_ulong counts[PSI_WORK_COUNT];

void psi_work_done(psi_work w)
{
    atomic_fetch_add_explicit(&counts[w], 1, memory_order_relaxed);
}

unsigned long psi_work_count(psi_work w)
{
    return atomic_load_explicit(&counts[w], memory_order_relaxed);
}

const char *psi_work_name(psi_work w)
{
    static const char *const names[PSI_WORK_COUNT] = {"power", "coalition searches",
                                                      "scenario analyses", "predictions"};
    return names[w];
}
