/*
 * core.c - the module powershare._core: errors, seats from votes
 * (ps_apportion), voting power of a weighted game (ps_power_compute), and
 * the Document type (core_document.c).
 */
#include <stdarg.h>
#include <stdio.h>

#include "core.h"

/* code -> exception class, filled by errors.py through _register_errors */
static PyObject *error_classes;

PyObject *core_raise(const ps_error *err)
{
    if (err->code == PS_ENOMEM)
        return PyErr_NoMemory();
    if (err->code == PS_ECANCELED && PyErr_CheckSignals() < 0)
        return NULL; /* KeyboardInterrupt, or what the program's handler raised */
    PyObject *cls = NULL;
    if (error_classes) {
        PyObject *key = PyLong_FromLong(err->code);
        cls = key ? PyDict_GetItemWithError(error_classes, key) : NULL;
        Py_XDECREF(key);
    }
    if (!cls) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_RuntimeError, err->message);
        return NULL;
    }
    PyObject *args = Py_BuildValue("(sisll)", err->message, err->code,
                                   err->file[0] ? err->file : NULL, err->line, err->column);
    /* file None when empty: Py_BuildValue's "s" with NULL gives None */
    if (args) {
        PyErr_SetObject(cls, args);
        Py_DECREF(args);
    }
    return NULL;
}

PyObject *core_usage(const char *fmt, ...)
{
    ps_error err;
    ps_error_clear(&err);
    err.code = PS_EINVAL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err.message, sizeof err.message, fmt, ap);
    va_end(ap);
    return core_raise(&err);
}

static PyObject *register_errors(PyObject *self, PyObject *classes)
{
    (void)self;
    if (!PyDict_Check(classes))
        return PyErr_Format(PyExc_TypeError, "expected a dict of code -> class");
    Py_XSETREF(error_classes, Py_NewRef(classes));
    Py_RETURN_NONE;
}

int core_threshold_share(ps_apportion_options *opt, PyObject *threshold)
{
    if (threshold == Py_None)
        return 0;
    long long num, den;
    if (!PyArg_ParseTuple(threshold, "LL", &num, &den))
        return -1;
    opt->threshold = PS_THRESHOLD_SHARE;
    opt->threshold_share = (ps_ratio){num, den};
    return 0;
}

/* The options of a method by name and a threshold (None or (num, den));
 * -1 with an exception set. */
static int rules_of(ps_apportion_options *opt, const char *method, PyObject *threshold)
{
    ps_apportion_options_init(opt);
    ps_error err;
    ps_error_clear(&err);
    if (ps_method_parse(&opt->method, method, &err) < 0) {
        core_raise(&err);
        return -1;
    }
    return core_threshold_share(opt, threshold);
}

/* apportion(votes, seats, method="dhondt", threshold=None, ties="error",
 *           names=None) -> {"seats": [...], "eligible": [...], "tie": ...} */
static PyObject *apportion(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *keys[] = {"votes", "seats", "method", "threshold", "ties", NULL};
    PyObject *votes_obj, *threshold = Py_None;
    long long seats;
    const char *method = "dhondt", *ties = "error";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OL|sOs", keys, &votes_obj, &seats, &method,
                                     &threshold, &ties))
        return NULL;
    ps_apportion_options opt;
    if (rules_of(&opt, method, threshold) < 0)
        return NULL;
    opt.seats = seats;
    if (!strcmp(ties, "first"))
        opt.ties = PS_TIES_FIRST;
    else if (strcmp(ties, "error"))
        return core_usage("ties: expected \"error\" or \"first\", got \"%s\"", ties);
    ps_error err;
    ps_error_clear(&err);
    size_t n;
    int64_t *votes = core_int64_array(votes_obj, &n, "votes");
    if (!votes)
        return NULL;
    ps_apportionment *a = NULL;
    int rc;
    CORE_LONG_BEGIN
    rc = ps_apportion(&a, votes, n, &opt, &err);
    CORE_LONG_END
    PyMem_Free(votes);
    if (rc < 0)
        return core_raise(&err);
    PyObject *won = PyList_New((Py_ssize_t)n), *eligible = PyList_New((Py_ssize_t)n);
    PyObject *tie = Py_None, *out = NULL;
    Py_INCREF(Py_None);
    if (won && eligible) {
        for (size_t i = 0; i < n; i++) {
            PyList_SET_ITEM(won, (Py_ssize_t)i, PyLong_FromLongLong(a->seats[i]));
            PyList_SET_ITEM(eligible, (Py_ssize_t)i, PyBool_FromLong(a->eligible[i]));
        }
        if (a->tie) {
            PyObject *tied = PyList_New((Py_ssize_t)a->tie->n_tied);
            PyObject *winners = PyList_New((Py_ssize_t)a->tie->n_winners);
            for (size_t k = 0; tied && k < a->tie->n_tied; k++)
                PyList_SET_ITEM(tied, (Py_ssize_t)k, PyLong_FromSize_t(a->tie->tied[k]));
            for (size_t k = 0; winners && k < a->tie->n_winners; k++)
                PyList_SET_ITEM(winners, (Py_ssize_t)k, PyLong_FromSize_t(a->tie->winners[k]));
            Py_DECREF(tie);
            tie = tied && winners ? Py_BuildValue("{s:L,s:L,s:O,s:O}", "first_seat",
                                                  (long long)a->tie->first_seat, "last_seat",
                                                  (long long)a->tie->last_seat, "tied", tied,
                                                  "winners", winners)
                                  : NULL;
            Py_XDECREF(tied);
            Py_XDECREF(winners);
        }
        if (tie)
            out = Py_BuildValue("{s:O,s:O,s:O,s:L,s:L}", "seats", won, "eligible", eligible,
                                "tie", tie, "votes_total", (long long)a->votes_total,
                                "votes_eligible", (long long)a->votes_eligible);
    }
    Py_XDECREF(won);
    Py_XDECREF(eligible);
    Py_XDECREF(tie);
    ps_apportionment_free(a);
    return out;
}

/* The variants of a biproportional apportionment: winner_take_one None,
 * "every" or "single-seat"; lower_method None or a method's name;
 * district_threshold None or (num, den). -1 with an exception set. */
static int biproportional_variants(ps_biproportional_options *bopt, const char *wto,
                                   const char *lower_method, PyObject *district_threshold)
{
    ps_biproportional_options_init(bopt);
    ps_error err;
    ps_error_clear(&err);
    if (wto && ps_winner_take_one_parse(&bopt->winner_take_one, wto, &err) < 0) {
        core_usage("winner_take_one: %s", err.message);
        return -1;
    }
    if (lower_method) {
        if (ps_method_parse(&bopt->lower_method, lower_method, &err) < 0) {
            core_raise(&err);
            return -1;
        }
        bopt->lower_method_given = true;
    }
    if (district_threshold != Py_None) {
        long long num, den;
        if (!PyArg_ParseTuple(district_threshold, "LL", &num, &den))
            return -1;
        bopt->district_threshold = (ps_ratio){num, den};
    }
    return 0;
}

/* biproportional(votes, district_seats, method="sainte-lague", threshold=None,
 *                ties="error", winner_take_one=None, lower_method=None,
 *                district_threshold=None) -> {"seats": party-major list,
 *                "party_seats": [...], "rounds": int, "unguaranteed":
 *                [district indices]}; votes party-major. */
static PyObject *biproportional(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *keys[] = {"votes",           "district_seats", "method",
                           "threshold",       "ties",           "winner_take_one",
                           "lower_method",    "district_threshold", NULL};
    PyObject *votes_obj, *seats_obj, *threshold = Py_None, *district_threshold = Py_None;
    const char *method = "sainte-lague", *ties = "error", *wto = NULL, *lower_method = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|sOszzO", keys, &votes_obj, &seats_obj,
                                     &method, &threshold, &ties, &wto, &lower_method,
                                     &district_threshold))
        return NULL;
    ps_apportion_options opt;
    ps_biproportional_options bopt;
    if (rules_of(&opt, method, threshold) < 0 ||
        biproportional_variants(&bopt, wto, lower_method, district_threshold) < 0)
        return NULL;
    ps_error err;
    ps_error_clear(&err);
    if (ps_tie_policy_parse(&opt.ties, ties, &err) < 0)
        return core_usage("ties: %s", err.message);
    size_t nv, nd;
    int64_t *votes = core_int64_array(votes_obj, &nv, "votes");
    int64_t *dseats = votes ? core_int64_array(seats_obj, &nd, "district_seats") : NULL;
    if (!dseats) {
        PyMem_Free(votes);
        return NULL;
    }
    if (nd == 0 || nv % nd) {
        PyMem_Free(votes);
        PyMem_Free(dseats);
        return core_usage("votes: %zu numbers are not parties x %zu districts", nv, nd);
    }
    ps_biproportion *b = NULL;
    int rc;
    CORE_LONG_BEGIN
    rc = ps_apportion_biproportional_with(&b, votes, nv / nd, nd, dseats, &opt, &bopt, &err);
    CORE_LONG_END
    PyMem_Free(votes);
    PyMem_Free(dseats);
    if (rc < 0)
        return core_raise(&err);
    PyObject *cells = PyList_New((Py_ssize_t)(b->n_parties * b->n_districts));
    PyObject *parties = PyList_New((Py_ssize_t)b->n_parties);
    for (size_t k = 0; cells && k < b->n_parties * b->n_districts; k++)
        PyList_SET_ITEM(cells, (Py_ssize_t)k, PyLong_FromLongLong(b->seats[k]));
    for (size_t k = 0; parties && k < b->n_parties; k++)
        PyList_SET_ITEM(parties, (Py_ssize_t)k, PyLong_FromLongLong(b->party_seats[k]));
    PyObject *unguaranteed = PyList_New((Py_ssize_t)b->n_unguaranteed);
    for (size_t k = 0; unguaranteed && k < b->n_unguaranteed; k++)
        PyList_SET_ITEM(unguaranteed, (Py_ssize_t)k, PyLong_FromSize_t(b->unguaranteed[k]));
    PyObject *out = cells && parties && unguaranteed
                        ? Py_BuildValue("{s:O,s:O,s:i,s:O}", "seats", cells, "party_seats",
                                        parties, "rounds", b->rounds, "unguaranteed",
                                        unguaranteed)
                        : NULL;
    Py_XDECREF(cells);
    Py_XDECREF(parties);
    Py_XDECREF(unguaranteed);
    ps_biproportion_free(b);
    return out;
}

/* Parses "auto", "exact", "enumerate", "approx", "best", "float" (the order
 * of ps_power_method). */
static int power_method(ps_power_method *out, const char *name)
{
    static const char *const names[] = {"auto",  "exact", "enumerate", "approx",
                                        "best",  "float", NULL};
    for (int k = 0; names[k]; k++)
        if (!strcmp(name, names[k])) {
            *out = (ps_power_method)k;
            return 0;
        }
    core_usage("method: expected auto, exact, enumerate, approx, best or float, got \"%s\"",
               name);
    return -1;
}

int core_power_options(ps_power_options *opt, const char *indices, const char *method,
                       unsigned long long samples, unsigned long long seed, unsigned threads)
{
    ps_power_options_init(opt);
    ps_error err;
    ps_error_clear(&err);
    if (ps_index_parse(&opt->indices, indices, &err) < 0) {
        core_raise(&err);
        return -1;
    }
    if (power_method(&opt->method, method) < 0)
        return -1;
    if (samples)
        opt->samples = samples;
    opt->seed = seed;
    opt->threads = threads ? threads : 1;
    return 0;
}

/* power(weights, quota, indices="banzhaf,shapley_shubik", method="auto",
 *       samples=0, seed=1, threads=1) -> core_power_dict */
static PyObject *power(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *keys[] = {"weights", "quota", "indices", "method", "samples", "seed",
                           "threads", NULL};
    PyObject *weights_obj;
    long long quota;
    const char *indices = "banzhaf,shapley_shubik", *method = "auto";
    unsigned long long samples = 0, seed = 1;
    unsigned threads = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OL|ssKKI", keys, &weights_obj, &quota, &indices,
                                     &method, &samples, &seed, &threads))
        return NULL;
    ps_power_options opt;
    if (core_power_options(&opt, indices, method, samples, seed, threads) < 0)
        return NULL;
    size_t n;
    int64_t *w = core_int64_array(weights_obj, &n, "weights");
    if (!w)
        return NULL;
    ps_error err;
    ps_error_clear(&err);
    ps_game *g = NULL;
    ps_power *p = NULL;
    int rc;
    CORE_LONG_BEGIN
    rc = ps_game_from_weights(&g, w, n, quota, &err);
    if (rc == 0)
        rc = ps_power_compute(&p, g, &opt, &err);
    CORE_LONG_END
    PyMem_Free(w);
    ps_game_free(g);
    if (rc < 0)
        return core_raise(&err);
    PyObject *out = core_power_dict(p);
    ps_power_free(p);
    return out;
}

static PyObject *method_names(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    PyObject *list = PyList_New(0);
    for (int m = 0; list && m < PS_METHOD_COUNT; m++) {
        PyObject *s = PyUnicode_FromString(ps_method_name((ps_method)m));
        if (!s || PyList_Append(list, s) < 0) {
            Py_XDECREF(s);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(s);
    }
    return list;
}

static PyMethodDef core_methods[] = {
    {"_register_errors", register_errors, METH_O, "code -> exception class (errors.py)"},
    {"apportion", (PyCFunction)(void (*)(void))apportion, METH_VARARGS | METH_KEYWORDS,
     "Seats from votes (ps_apportion)."},
    {"power", (PyCFunction)(void (*)(void))power, METH_VARARGS | METH_KEYWORDS,
     "Voting power of the weighted game [quota; weights] (ps_power_compute)."},
    {"biproportional", (PyCFunction)(void (*)(void))biproportional,
     METH_VARARGS | METH_KEYWORDS, "Biproportional apportionment (Pukelsheim)."},
    {"method_names", method_names, METH_NOARGS, "The apportionment methods' names."},
    {"apply_law", core_apply_law, METH_VARARGS, "A whole electoral law on a votes table."},
    {"laws", core_laws, METH_NOARGS, "The bundled electoral laws."},
    {"stv", core_stv, METH_VARARGS, "A single transferable vote count from BLT ballots."},
    {"plurality", core_plurality, METH_VARARGS,
     "A multi-member plurality count (SNTV, block vote, limited vote)."},
    {"simulate", (PyCFunction)(void (*)(void))core_simulate, METH_VARARGS | METH_KEYWORDS,
     "Seat and coalition probabilities from polls (simulate.h)."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef core_module = {PyModuleDef_HEAD_INIT, "_core",
                                         "powershare's compiled core (use the powershare "
                                         "package, not this module)",
                                         -1, core_methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__core(void);
PyMODINIT_FUNC PyInit__core(void)
{
    if (PyType_Ready(&CoreDocumentType) < 0)
        return NULL;
    if (core_interrupt_init() < 0)
        return NULL;
    PyObject *m = PyModule_Create(&core_module);
    if (!m)
        return NULL;
    if (PyModule_AddObjectRef(m, "Document", (PyObject *)&CoreDocumentType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
