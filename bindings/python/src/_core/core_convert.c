/*
 * core_convert.c - C results into Python objects (core.h). Each function
 * copies what it needs; the C result can be freed as soon as it returns.
 * Exact values stay exact: a fraction is (num, den) with both as Python
 * ints (from the library's decimal strings), which powershare/tables.py
 * makes into fractions.Fraction.
 */
#include <math.h>

#include "core.h"

PyObject *core_str(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}

int64_t *core_int64_array(PyObject *seq, size_t *n, const char *what)
{
    PyObject *fast = PySequence_Fast(seq, what);
    if (!fast)
        return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(fast);
    int64_t *out = PyMem_Malloc((size_t)(len ? len : 1) * sizeof *out);
    if (!out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(fast, i);
        if (!PyLong_Check(item)) {
            PyErr_Format(PyExc_TypeError, "%s: item %zd is %s, expected an int", what, i,
                         Py_TYPE(item)->tp_name);
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
        long long v = PyLong_AsLongLong(item);
        if (v == -1 && PyErr_Occurred()) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
        out[i] = v;
    }
    *n = (size_t)len;
    Py_DECREF(fast);
    return out;
}

int core_members(ps_members *out, const ps_legislature *leg, PyObject *ids)
{
    PyObject *fast = PySequence_Fast(ids, "a government is a sequence of party ids");
    if (!fast)
        return -1;
    ps_members m = 0;
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(fast); k++) {
        const char *id = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(fast, k));
        long i = id ? ps_legislature_find_party(leg, id) : -1;
        if (!id || i < 0 || i >= 64 || (m & PS_MEMBER(i))) {
            Py_DECREF(fast);
            if (id)
                core_usage(i < 0 ? "no party '%s' in the legislature"
                                 : "party '%s' is named twice (or beyond the 64th)",
                           id);
            return -1;
        }
        m |= PS_MEMBER(i);
    }
    Py_DECREF(fast);
    *out = m;
    return 0;
}

PyObject *core_member_ids(const ps_legislature *leg, ps_members m)
{
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list && i < leg->n_parties && i < 64; i++) {
        if (!(m & PS_MEMBER(i)))
            continue;
        PyObject *s = PyUnicode_FromString(leg->parties[i].id);
        if (!s || PyList_Append(list, s) < 0)
            Py_CLEAR(list);
        Py_XDECREF(s);
    }
    return list;
}

PyObject *core_fraction(const ps_fraction *f)
{
    if (!f->num || !f->den)
        Py_RETURN_NONE;
    PyObject *num = PyLong_FromString(f->num, NULL, 10);
    PyObject *den = num ? PyLong_FromString(f->den, NULL, 10) : NULL;
    PyObject *out = den ? PyTuple_Pack(2, num, den) : NULL;
    Py_XDECREF(num);
    Py_XDECREF(den);
    return out;
}

PyObject *core_awards(const ps_portfolio *p, const ps_legislature *leg)
{
    PyObject *list = PyList_New((Py_ssize_t)p->n_awards);
    for (size_t k = 0; list && k < p->n_awards; k++) {
        const ps_award *a = &p->awards[k];
        PyObject *row = Py_BuildValue(
            "{s:s,s:s,s:N,s:O}", "office", a->office, "community", a->community, "party",
            core_str(a->member >= 0 ? leg->parties[p->party[a->member]].id : NULL), "tied",
            a->n_tied > 1 ? Py_True : Py_False);
        if (!row) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)k, row);
    }
    return list;
}

static PyObject *ratio(ps_ratio r)
{
    return Py_BuildValue("(LL)", (long long)r.num, (long long)r.den);
}

PyObject *core_power_dict(const ps_power *p)
{
    PyObject *values = PyDict_New();
    for (int k = 0; values && k < PS_INDEX_COUNT; k++) {
        if (!p->values[k])
            continue;
        PyObject *rows = PyList_New((Py_ssize_t)p->n_players);
        for (size_t i = 0; rows && i < p->n_players; i++) {
            PyObject *row = Py_BuildValue(
                "(Ndd)", core_fraction(&p->values[k][i]), p->values[k][i].value,
                p->half_width[k] ? p->half_width[k][i] : NAN);
            if (!row) {
                Py_CLEAR(rows);
                break;
            }
            PyList_SET_ITEM(rows, (Py_ssize_t)i, row);
        }
        if (!rows || PyDict_SetItemString(values, ps_index_name((ps_index)k), rows) < 0)
            Py_CLEAR(values);
        Py_XDECREF(rows);
    }
    if (!values)
        return NULL;
    return Py_BuildValue("{s:O,s:s,s:N,s:K,s:d,s:N}", "exact", p->exact ? Py_True : Py_False,
                         "method", p->method ? p->method : "", "note", core_str(p->note),
                         "samples", (unsigned long long)p->samples, "confidence", p->confidence, "values",
                         values);
}

PyObject *core_legislature_dict(const ps_legislature *leg)
{
    PyObject *parties = PyList_New((Py_ssize_t)leg->n_parties);
    PyObject *communities = PyList_New((Py_ssize_t)leg->n_communities);
    if (!parties || !communities) {
        Py_XDECREF(parties);
        Py_XDECREF(communities);
        return NULL;
    }
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        PyObject *row = Py_BuildValue(
            "{s:s,s:s,s:N,s:N,s:N,s:N}", "id", p->id, "name", p->name, "seats",
            p->seats == PS_UNKNOWN ? Py_NewRef(Py_None) : PyLong_FromLongLong(p->seats), "votes",
            p->votes == PS_UNKNOWN ? Py_NewRef(Py_None) : PyLong_FromLongLong(p->votes),
            "community", core_str(p->community >= 0 ? leg->communities[p->community].id : NULL),
            "color", core_str(p->color));
        if (!row) {
            Py_DECREF(parties);
            Py_DECREF(communities);
            return NULL;
        }
        PyList_SET_ITEM(parties, (Py_ssize_t)i, row);
    }
    for (size_t c = 0; c < leg->n_communities; c++) {
        PyObject *row = Py_BuildValue("{s:s,s:N}", "id", leg->communities[c].id, "name",
                                      core_str(leg->communities[c].name));
        if (!row) {
            Py_DECREF(parties);
            Py_DECREF(communities);
            return NULL;
        }
        PyList_SET_ITEM(communities, (Py_ssize_t)c, row);
    }
    return Py_BuildValue("{s:s,s:N,s:L,s:L,s:L,s:L,s:N,s:N}", "name", leg->name, "date",
                         core_str(leg->date), "total_seats", (long long)leg->total_seats,
                         "unattributed_seats", (long long)leg->unattributed_seats,
                         "vacant_seats", (long long)leg->vacant_seats, "majority",
                         (long long)ps_legislature_majority(leg), "parties", parties,
                         "communities", communities);
}

static PyObject *exits(const ps_government_exits *e, const ps_legislature *leg)
{
    if (!e->applies)
        Py_RETURN_NONE;
    PyObject *sets = PyList_New((Py_ssize_t)e->n);
    for (size_t k = 0; sets && k < e->n; k++) {
        PyObject *ids = core_member_ids(leg, e->sets[k]);
        if (!ids) {
            Py_CLEAR(sets);
            break;
        }
        PyList_SET_ITEM(sets, (Py_ssize_t)k, ids);
    }
    if (!sets)
        return NULL;
    return Py_BuildValue("{s:n,s:K,s:N}", "size", (Py_ssize_t)e->size, "count",
                         (unsigned long long)e->count, "sets", sets);
}

static PyObject *verdict(const ps_condition_verdict *v)
{
    PyObject *failed = PyList_New((Py_ssize_t)v->n_failed);
    for (size_t k = 0; failed && k < v->n_failed; k++)
        PyList_SET_ITEM(failed, (Py_ssize_t)k, PyUnicode_FromString(v->failed[k].reason));
    if (!failed)
        return NULL;
    return Py_BuildValue("{s:O,s:O,s:N}", "constrains", v->constrains ? Py_True : Py_False,
                         "holds", v->holds ? Py_True : Py_False, "failed", failed);
}

PyObject *core_government_dict(const ps_government *g, const ps_legislature *leg)
{
    PyObject *members = PyList_New((Py_ssize_t)g->n_members);
    for (size_t k = 0; members && k < g->n_members; k++) {
        const ps_government_member *m = &g->members[k];
        PyObject *row = Py_BuildValue(
            "{s:s,s:L,s:N,s:O,s:O,s:N,s:N,s:K,s:N,s:N}", "id", leg->parties[m->party].id,
            "seats", (long long)m->seats, "seat_share", ratio(m->seat_share), "critical",
            m->critical ? Py_True : Py_False, "surplus", m->surplus ? Py_True : Py_False, "posts",
            m->posts < 0 ? Py_NewRef(Py_None) : PyLong_FromLongLong(m->posts), "post_share",
            g->has_posts ? ratio(m->post_share) : Py_NewRef(Py_None), "swings",
            (unsigned long long)m->swings, "banzhaf",
            g->has_power ? core_fraction(&m->banzhaf) : Py_NewRef(Py_None), "shapley_shubik",
            g->has_power ? core_fraction(&m->shapley_shubik) : Py_NewRef(Py_None));
        if (!row) {
            Py_CLEAR(members);
            break;
        }
        PyList_SET_ITEM(members, (Py_ssize_t)k, row);
    }
    PyObject *roles = PyDict_New();
    for (size_t c = 0; roles && c < g->n_communities; c++) {
        PyObject *role = PyUnicode_FromString(ps_role_name(g->roles[c]));
        if (!role || PyDict_SetItemString(roles, leg->communities[c].id, role) < 0)
            Py_CLEAR(roles);
        Py_XDECREF(role);
    }
    if (!members || !roles) {
        Py_XDECREF(members);
        Py_XDECREF(roles);
        return NULL;
    }
    return Py_BuildValue("{s:N,s:L,s:L,s:O,s:L,s:N,s:N,s:K,s:N,s:N}", "members", members,
                         "seats", (long long)g->coalition.seats, "quota", (long long)g->quota,
                         "winning", g->coalition.winning ? Py_True : Py_False, "surplus",
                         (long long)(g->coalition.seats - g->quota), "condition",
                         verdict(&g->verdict), "roles", roles, "winning_subcoalitions",
                         (unsigned long long)g->n_winning, "majority_exit",
                         exits(&g->majority_exit, leg), "condition_exit",
                         exits(&g->condition_exit, leg));
}
