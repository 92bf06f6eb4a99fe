/*
 * cancel_hook.h - how the library's long programs check the caller's
 * cancellation (powershare/cancel.h; cancel.c). Not installed.
 *
 * Check with psi_cancelled() beside the progress reports (progress_hook.h)
 * and leave the loop when it says so; the results of a stopped program are
 * incomplete, so the public function that ran it asks psi_cancel_stopped()
 * before it hands anything over and returns psi_cancel_error() instead.
 * A thread the library starts adopts its starter's hook first
 * (psi_cancel_hook_get in the starter, psi_cancel_hook_adopt in the new
 * thread), so that its checks and its stop are the starter's.
 */
#ifndef POWERSHARE_CANCEL_HOOK_H
#define POWERSHARE_CANCEL_HOOK_H

#include <stdbool.h>

#include "powershare/cancel.h"
#include "powershare/error.h"

typedef struct psi_cancel_hook {
    ps_cancel_fn fn;
    void *ctx;
    void *stop; /* the installing thread's stop flag (an atomic_bool) */
} psi_cancel_hook;

/* True once the caller's check has asked to stop (calls it unless the
 * thread already stopped). False at once when no check is installed. */
bool psi_cancelled(void);
/* True when this thread's work has been stopped; never calls the check. */
bool psi_cancel_stopped(void);
/* PS_ECANCELED with its message in *err. */
int psi_cancel_error(ps_error *err);

/* The current thread's hook, to hand to a thread it starts. */
psi_cancel_hook psi_cancel_hook_get(void);
/* In a thread the library started: check and stop as the starter does. */
void psi_cancel_hook_adopt(const psi_cancel_hook *hook);

#endif
