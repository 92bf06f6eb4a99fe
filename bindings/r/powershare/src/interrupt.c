/*
 * interrupt.c - long library calls that Ctrl-C (Esc in RStudio) can stop.
 *
 * R notices a user interrupt only when asked (R_CheckUserInterrupt), and
 * a long C computation never asks. So, for the duration of a long call,
 * the library's cancellation check (powershare/cancel.h) is ours: on R's
 * own thread, at most every 50 ms, it asks R inside R_ToplevelExec (so
 * that R's jump out of an interrupt lands there, not through the C
 * library's frames); when R says the user interrupted, the check says stop
 * to every thread of the call, and the call returns PS_ECANCELED. Then
 * ps_r_fail hands the interrupt back to R (R/errors.R). Threads the
 * library starts only read the flag: R may not be called from them.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "powershare_r.h"

static pthread_t r_thread;
static atomic_int interrupted;
static struct timespec last_poll;

static void check_user_interrupt(void *data)
{
    (void)data;
    R_CheckUserInterrupt();
}

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static int poll_r(void *ctx)
{
    (void)ctx;
    if (atomic_load(&interrupted))
        return 1;
    if (!pthread_equal(pthread_self(), r_thread) || seconds_since(&last_poll) < 0.05)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &last_poll);
    if (!R_ToplevelExec(check_user_interrupt, NULL))
        atomic_store(&interrupted, 1);
    return atomic_load(&interrupted);
}

void ps_r_long_begin(void)
{
    r_thread = pthread_self();
    atomic_store(&interrupted, 0);
    clock_gettime(CLOCK_MONOTONIC, &last_poll);
    ps_cancel_set(poll_r, NULL);
}

void ps_r_long_end(void)
{
    ps_cancel_set(NULL, NULL);
}
