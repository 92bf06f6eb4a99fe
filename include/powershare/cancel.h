/*
 * powershare/cancel.h - stopping long work from outside (Ctrl-C in Python
 * or R, a deadline in a server).
 *
 * A thread that calls the library may install a check with
 * ps_cancel_set. The library's long programs (the power dynamic programs
 * and Monte Carlo, the coalition search, the prediction's fitting and
 * ranking, the poll simulation) call it at the same coarse points where
 * they report progress (progress.h): at most a few hundred times per second
 * of work. When it returns nonzero the program stops, frees what it holds
 * and its public function returns PS_ECANCELED ("cancelled"), with nothing
 * handed to the caller. Quick functions (reading a file, an apportionment)
 * do not check.
 *
 * The check belongs to the thread that installed it. The threads the
 * library starts for that thread's call make the same check, so `fn` may
 * run on several threads at once and must be safe for that (read an atomic
 * flag; do not call into an interpreter from a thread that is not its
 * own). Once the check has returned nonzero the thread stays cancelled:
 * every later long program it calls stops at its first check, without
 * calling fn again, until ps_cancel_set is called again on that thread
 * (which clears the state, also when it installs the same fn).
 *
 * Without a check (the default) a check point costs one thread-local load.
 */
#ifndef POWERSHARE_CANCEL_H
#define POWERSHARE_CANCEL_H

#ifdef __cplusplus
extern "C" {
#endif

/* Nonzero: stop the work under way. ctx is the one given to ps_cancel_set. */
typedef int (*ps_cancel_fn)(void *ctx);

/* Installs fn (with ctx) for the calls the current thread makes from now on,
 * replacing its previous check and clearing its cancelled state; fn NULL
 * removes the check. Other threads are not affected. */
void ps_cancel_set(ps_cancel_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
