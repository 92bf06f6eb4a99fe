/*
 * core.h - what the files of the compiled module powershare._core share.
 *
 * The module turns calls of the C library's public API into Python
 * objects (dicts, lists, str, int, float, None); the pure-Python package
 * around it (src/powershare/) makes DataFrames, Fractions and exceptions
 * of them. Every C result is converted, then freed, before the function
 * returns: no Python object points into C memory. Long computations run
 * with the GIL released.
 */
#ifndef POWERSHARE_PY_CORE_H
#define POWERSHARE_PY_CORE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <signal.h>

#include <powershare/powershare.h>

/* ---- long calls (core_interrupt.c) ---------------------------------------- */

/* A library call that may take long runs between CORE_LONG_BEGIN and
 * CORE_LONG_END (in place of Py_BEGIN/END_ALLOW_THREADS): the GIL is
 * released and, in the main thread, Ctrl-C stops the call (it returns
 * PS_ECANCELED, which core_raise turns into KeyboardInterrupt). */
typedef struct core_long {
    PyThreadState *state;
    int watching;                     /* our SIGINT handler is in place */
    struct sigaction python_handler;  /* put back at the end */
} core_long;

void core_long_begin(core_long *l);
void core_long_end(core_long *l);
/* Finds the main thread; at module init. -1 with an exception set. */
int core_interrupt_init(void);

#define CORE_LONG_BEGIN                                                                     \
    {                                                                                       \
        core_long core_long_;                                                               \
        core_long_begin(&core_long_);
#define CORE_LONG_END                                                                       \
    core_long_end(&core_long_);                                                             \
    }

/* Raises the exception class registered for err->code (errors.py), with
 * (message, code, file, line, column); returns NULL. */
PyObject *core_raise(const ps_error *err);

/* Raises a usage error (PS_EINVAL) with a message; returns NULL. */
PyObject *core_usage(const char *fmt, ...);

/* Power options from the keywords indices ("banzhaf,shapley_shubik"),
 * method ("auto", "exact", "enumerate", "approx", "best", "float"), samples (0: the
 * default), seed, threads; -1 with an exception set. */
int core_power_options(ps_power_options *opt, const char *indices, const char *method,
                       unsigned long long samples, unsigned long long seed, unsigned threads);

/* threshold: None or (num, den), a share of all valid votes, into opt; -1
 * with an exception set when it is neither. */
int core_threshold_share(ps_apportion_options *opt, PyObject *threshold);

/* ---- conversions (core_convert.c) ---------------------------------------- */

/* str or None. */
PyObject *core_str(const char *s);

/* A sequence of Python ints into a new int64_t array (*n entries);
 * NULL with an exception set when it is not one. */
int64_t *core_int64_array(PyObject *seq, size_t *n, const char *what);

/* Party ids (a sequence of str) into a member set of leg; -1 with an
 * exception set for an unknown id or one named twice. */
int core_members(ps_members *out, const ps_legislature *leg, PyObject *ids);

/* The ids of the parties in m, in the legislature's order. */
PyObject *core_member_ids(const ps_legislature *leg, ps_members m);

/* (num, den) as ints from an exact fraction's decimal strings, or None
 * when it is not exact (Monte Carlo). */
PyObject *core_fraction(const ps_fraction *f);

/* The reserved offices of p: [{"office", "community", "party" (or None),
 * "tied"}]. */
PyObject *core_awards(const ps_portfolio *p, const ps_legislature *leg);

/* A power result: {"exact", "method", "note", "samples", "confidence",
 * "values": {index name: [(num, den, value, half_width), ...]}}. */
PyObject *core_power_dict(const ps_power *p);

/* The chamber: name, date, seats, parties, communities. */
PyObject *core_legislature_dict(const ps_legislature *leg);

/* One judged government (government.h). */
PyObject *core_government_dict(const ps_government *g, const ps_legislature *leg);

/* The analysis (analyze.h). */
PyObject *core_analysis_dict(const ps_analyze_result *r);

/* simulate(polls, source, seats, method, threshold=None, quota=False,
 *          draws=10000, seed=1, threads=1, others=None, exempt=None,
 *          banzhaf=False, max_n=0, first_divisor=None): core_simulate.c */
PyObject *core_simulate(PyObject *self, PyObject *args, PyObject *kw);

/* The scenarios of doc (text NULL) or of the JSON text (the "scenarios"
 * form), only those named `select` when not NULL, each outcome as a dict
 * (core_whatif.c). */
PyObject *core_whatif(const ps_document *doc, const char *text, size_t len, const char *select);

/* apply_law(votes_csv_text, law, others, seats, district_names,
 * district_seats) and laws(): core_law.c */
PyObject *core_apply_law(PyObject *self, PyObject *args);
PyObject *core_laws(PyObject *self, PyObject *unused);

/* stv(blt_bytes, source, rule, seats, ties, seed): a single transferable
 * vote count, every figure in units of 1/scale vote (core_stv.c) */
PyObject *core_stv(PyObject *self, PyObject *args);

/* plurality(csv_bytes, source, seats, seats_path, seats_name, method, ties,
 *           seed): SNTV, block or limited vote (core_plurality.c) */
PyObject *core_plurality(PyObject *self, PyObject *args);

/* ---- the Document type (core_document.c) --------------------------------- */

extern PyTypeObject CoreDocumentType;

#endif
