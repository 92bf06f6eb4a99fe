/*
 * core_interrupt.c - long calls with the GIL released that Ctrl-C can stop.
 *
 * While the library works, Python cannot run its own SIGINT handler: the
 * KeyboardInterrupt would only come once the call returns. So, for a call
 * made from the main thread (the only one Python delivers SIGINT to), a
 * handler of ours replaces Python's for the call's duration. It only
 * raises a flag; the library's cancellation check (powershare/cancel.h)
 * reads it at its progress points, from any of its threads, and the call
 * returns PS_ECANCELED. Afterwards Python's handler is put back and the
 * signal handed to it (PyErr_SetInterrupt), so that KeyboardInterrupt, or
 * whatever handler the program installed, follows as usual. Calls from
 * other threads only release the GIL, as Python's own signals reach only
 * the main thread; a program that set SIGINT to be ignored or to kill the
 * process keeps that behaviour.
 */
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#include "core.h"

static unsigned long main_thread;
static atomic_int interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    atomic_store(&interrupted, 1);
}

static int check_interrupted(void *ctx)
{
    (void)ctx;
    return atomic_load(&interrupted);
}

int core_interrupt_init(void)
{
    PyObject *threading = PyImport_ImportModule("threading");
    PyObject *main = threading ? PyObject_CallMethod(threading, "main_thread", NULL) : NULL;
    PyObject *ident = main ? PyObject_GetAttrString(main, "ident") : NULL;
    if (ident)
        main_thread = PyLong_AsUnsignedLong(ident);
    Py_XDECREF(ident);
    Py_XDECREF(main);
    Py_XDECREF(threading);
    return PyErr_Occurred() ? -1 : 0;
}

void core_long_begin(core_long *l)
{
    memset(l, 0, sizeof *l);
    if (PyThread_get_thread_ident() == main_thread &&
        sigaction(SIGINT, NULL, &l->python_handler) == 0 &&
        !(l->python_handler.sa_flags & SA_SIGINFO) &&
        l->python_handler.sa_handler != SIG_DFL && l->python_handler.sa_handler != SIG_IGN) {
        struct sigaction ours;
        memset(&ours, 0, sizeof ours);
        ours.sa_handler = on_sigint;
        sigemptyset(&ours.sa_mask);
        atomic_store(&interrupted, 0);
        if (sigaction(SIGINT, &ours, NULL) == 0) {
            l->watching = 1;
            ps_cancel_set(check_interrupted, NULL);
        }
    }
    l->state = PyEval_SaveThread();
}

void core_long_end(core_long *l)
{
    PyEval_RestoreThread(l->state);
    if (!l->watching)
        return;
    ps_cancel_set(NULL, NULL);
    sigaction(SIGINT, &l->python_handler, NULL);
    if (atomic_load(&interrupted))
        PyErr_SetInterrupt(); /* Python's handler runs at its next check */
}
