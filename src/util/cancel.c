/*
 * cancel.c - the per-thread cancellation check (powershare/cancel.h).
 *
 * Each thread has its own hook. The thread that installs a check owns the
 * stop flag; the threads the library starts for it point at that flag, so
 * that a stop seen by any of them stops them all and is still known to the
 * owner after they are joined.
 */
#include <stdatomic.h>
#include <stddef.h>

#include "cancel_hook.h"
#include "util.h"

static _Thread_local psi_cancel_hook hook;
static _Thread_local atomic_bool own_stop;

void ps_cancel_set(ps_cancel_fn fn, void *ctx)
{
    atomic_store(&own_stop, false);
    hook.fn = fn;
    hook.ctx = ctx;
    hook.stop = fn ? (void *)&own_stop : NULL;
}

bool psi_cancel_stopped(void)
{
    return hook.stop && atomic_load_explicit((atomic_bool *)hook.stop, memory_order_relaxed);
}

bool psi_cancelled(void)
{
    if (!hook.fn)
        return false;
    atomic_bool *stop = hook.stop;
    if (atomic_load_explicit(stop, memory_order_relaxed))
        return true;
    if (!hook.fn(hook.ctx))
        return false;
    atomic_store(stop, true);
    return true;
}

int psi_cancel_error(ps_error *err)
{
    return psi_error(err, PS_ECANCELED, NULL, 0, 0,
                     "cancelled by the caller before the work was done");
}

psi_cancel_hook psi_cancel_hook_get(void)
{
    return hook;
}

void psi_cancel_hook_adopt(const psi_cancel_hook *from)
{
    hook = *from;
}
