/*
 * torture.h - the allocation-failure loop the stages' tests share.
 *
 * Runs job(ctx) once without failures (it must succeed and leak nothing),
 * then with the n-th allocation failing for n = 0, 1, 2, ... until the job
 * succeeds: every run must return PS_OK or PS_ENOMEM and leave the count of
 * live blocks where it was; a run that succeeds must not have met a failed
 * allocation (no failure is silently tolerated). Returns the first n at which the job succeeded,
 * that is how many allocations it needs.
 */
#ifndef POWERSHARE_TEST_TORTURE_H
#define POWERSHARE_TEST_TORTURE_H

#include <criterion/criterion.h>

#include "util.h"
#include "powershare/error.h"

typedef int (*torture_job)(void *ctx);

static inline long torture(torture_job job, void *ctx)
{
    psi_alloc_fail_after(-1);
    long baseline = psi_alloc_live();
    cr_assert_eq(job(ctx), PS_OK, "the job succeeds without injected failures");
    cr_assert_eq(psi_alloc_live(), baseline, "the plain job leaks nothing");
    long n;
    for (n = 0; n < 1000000; n++) {
        psi_alloc_fail_after(n);
        int rc = job(ctx);
        long made = psi_alloc_count();
        psi_alloc_fail_after(-1);
        cr_assert(rc == PS_OK || rc == PS_ENOMEM, "allocation %ld failing gave %d", n, rc);
        cr_assert_eq(psi_alloc_live(), baseline, "allocation %ld failing leaked", n);
        if (rc == PS_OK) {
            cr_assert(made <= n, "succeeded although allocation %ld failed", n);
            break;
        }
    }
    return n;
}

#endif
