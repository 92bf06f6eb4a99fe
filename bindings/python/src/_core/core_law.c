/*
 * core_law.c - a whole electoral law (powershare/system.h) from Python:
 * apply_law(csv_text, law, others, seats, district_names, district_seats)
 * and laws().
 */
#include "core.h"

static PyObject *int_list(const int64_t *x, size_t n)
{
    PyObject *l = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; l && i < n; i++)
        PyList_SET_ITEM(l, (Py_ssize_t)i, PyLong_FromLongLong(x ? x[i] : 0));
    return l;
}

/* {party: {district: seats}} of a law that gives each party's seats by
 * district (the Bundestag's Land lists), else None. */
static PyObject *seats_in(const ps_system *law, const ps_system_result *r,
                          const ps_votes *v)
{
    if (!law->bundestag.present || !r->by_district)
        Py_RETURN_NONE;
    PyObject *out = PyDict_New();
    for (size_t i = 0; out && i < r->n; i++) {
        if (!r->seats[i])
            continue;
        PyObject *lists = PyDict_New();
        for (size_t k = 0; lists && k < r->n_districts; k++) {
            PyObject *s = PyLong_FromLongLong(r->by_district[i * r->n_districts + k]);
            if (!s || PyDict_SetItemString(lists, law->district[k], s) < 0)
                Py_CLEAR(lists);
            Py_XDECREF(s);
        }
        if (!lists || PyDict_SetItemString(out, v->parties[i], lists) < 0)
            Py_CLEAR(out);
        Py_XDECREF(lists);
    }
    return out;
}

/* {"party", "votes", "seats", "eligible", "bonus", "overhang", "moved",
 *  "leveling", "house", "notes", "chamber", "law", "source", "system",
 *  "seats_in"} */
static PyObject *result_dict(const ps_system *law, const ps_votes *v,
                             const ps_system_result *r)
{
    size_t n = r->n, nd = v->n_districts;
    PyObject *party = PyList_New((Py_ssize_t)n), *votes = PyList_New((Py_ssize_t)n);
    PyObject *eligible = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; party && votes && eligible && i < n; i++) {
        long long total = 0;
        for (size_t d = 0; d < (nd ? nd : 1); d++)
            total += v->votes[i * (nd ? nd : 1) + d];
        PyList_SET_ITEM(party, (Py_ssize_t)i, PyUnicode_FromString(v->parties[i]));
        PyList_SET_ITEM(votes, (Py_ssize_t)i, PyLong_FromLongLong(total));
        PyList_SET_ITEM(eligible, (Py_ssize_t)i, PyBool_FromLong(r->eligible[i]));
    }
    return Py_BuildValue("{s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:L,s:N,s:s,s:s,s:s,s:s,s:N}", "party",
                         party, "votes", votes, "seats", int_list(r->seats, n), "eligible",
                         eligible, "bonus", int_list(r->bonus, n), "overhang",
                         int_list(r->overhang, n), "moved", int_list(r->moved, n), "leveling",
                         int_list(r->leveling, n), "house", (long long)r->house, "notes",
                         core_str(r->notes), "chamber", law->chamber, "law", law->law,
                         "source", law->source, "system", law->id ? law->id : "", "seats_in",
                         seats_in(law, r, v));
}

PyObject *core_apply_law(PyObject *self, PyObject *args)
{
    (void)self;
    const char *text, *name;
    Py_ssize_t len;
    PyObject *others_seq;
    long long seats; /* 0: the law's own */
    PyObject *dnames, *dseats; /* the district seats of the election, or two empty lists */
    if (!PyArg_ParseTuple(args, "s#sOLO!O!", &text, &len, &name, &others_seq, &seats,
                          &PyList_Type, &dnames, &PyList_Type, &dseats))
        return NULL;
    Py_ssize_t nd = PyList_GET_SIZE(dnames);
    if (PyList_GET_SIZE(dseats) != nd) {
        PyErr_SetString(PyExc_ValueError, "district names and seats differ in length");
        return NULL;
    }
    const char **district = PyMem_Calloc((size_t)nd + 1, sizeof *district);
    int64_t *district_seats = PyMem_Calloc((size_t)nd + 1, sizeof *district_seats);
    for (Py_ssize_t k = 0; district && district_seats && k < nd; k++) {
        district[k] = PyUnicode_AsUTF8(PyList_GET_ITEM(dnames, k));
        district_seats[k] = PyLong_AsLongLong(PyList_GET_ITEM(dseats, k));
        if (!district[k] || PyErr_Occurred()) {
            PyMem_Free(district);
            PyMem_Free(district_seats);
            return NULL;
        }
    }
    if (!district || !district_seats) {
        PyMem_Free(district);
        PyMem_Free(district_seats);
        return PyErr_NoMemory();
    }
    /* the names of the entries that win no seat, as C strings */
    PyObject *seq = PySequence_Fast(others_seq, "others must be a sequence of names");
    if (!seq) {
        PyMem_Free(district);
        PyMem_Free(district_seats);
        return NULL;
    }
    Py_ssize_t n_others = PySequence_Fast_GET_SIZE(seq);
    const char **other_names = PyMem_Calloc((size_t)n_others + 1, sizeof *other_names);
    for (Py_ssize_t k = 0; other_names && k < n_others; k++)
        if (!(other_names[k] = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(seq, k)))) {
            PyMem_Free(other_names);
            PyMem_Free(district);
            PyMem_Free(district_seats);
            Py_DECREF(seq);
            return NULL;
        }
    if (!other_names) {
        PyMem_Free(district);
        PyMem_Free(district_seats);
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    bool *others = NULL;
    ps_error err;
    ps_error_clear(&err);
    ps_system *law = NULL;
    ps_votes *v = NULL;
    ps_system_result *r = NULL;
    int rc;
    CORE_LONG_BEGIN
    rc = ps_system_load(&law, name, &err);
    if (rc == 0 && seats)
        rc = ps_system_set_seats(law, seats, &err);
    if (rc == 0 && nd)
        rc = ps_system_set_district_seats(law, district, district_seats, (size_t)nd, &err);
    if (rc == 0)
        rc = ps_votes_read_csv(&v, text, (size_t)len, "<votes>", &err);
    if (rc == 0)
        rc = ps_system_others(&others, v, other_names, (size_t)n_others, &err);
    if (rc == 0)
        rc = ps_system_apply(&r, law, v, others, &err);
    CORE_LONG_END
    ps_free(others);
    PyMem_Free(other_names);
    PyMem_Free(district);
    PyMem_Free(district_seats);
    Py_DECREF(seq);
    PyObject *out = rc < 0 ? core_raise(&err) : result_dict(law, v, r);
    ps_system_result_free(r);
    ps_votes_free(v);
    ps_system_free(law);
    return out;
}

PyObject *core_laws(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    ps_error err;
    ps_error_clear(&err);
    char **ids = NULL;
    if (ps_system_catalogue(&ids, &err) < 0)
        return core_raise(&err);
    PyObject *out = PyList_New(0);
    for (size_t i = 0; out && ids[i]; i++) {
        ps_system *law = NULL;
        if (ps_system_load(&law, ids[i], &err) < 0) {
            Py_CLEAR(out);
            core_raise(&err);
            break;
        }
        /* seats: the law's, or "1-18" for a law whose elections give it */
        PyObject *seats = law->seats_max
                              ? PyUnicode_FromFormat("%lld-%lld", (long long)law->seats_min,
                                                     (long long)law->seats_max)
                              : PyLong_FromLongLong(law->apportion.seats);
        PyObject *row = seats ? Py_BuildValue("{s:s,s:s,s:s,s:N,s:s}", "system", law->id,
                                              "chamber", law->chamber, "law", law->law, "seats",
                                              seats, "method",
                                              ps_method_name(law->apportion.method))
                              : NULL;
        ps_system_free(law);
        if (!row || PyList_Append(out, row) < 0)
            Py_CLEAR(out);
        Py_XDECREF(row);
    }
    ps_free(ids);
    return out;
}
