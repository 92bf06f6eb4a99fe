/*
 * core_whatif.c - what if: the document's scenarios, or a list given as
 * JSON text in the same form, run by the library's one scenario loop
 * (ps_whatif_run) under the document's rule and condition, and each
 * outcome as a dict: the steps in words, the chamber after, and each
 * party's and community's seats and exact power before and after, the
 * minimal winning coalitions that appear and disappear.
 */
#include "core.h"

static PyObject *rows(const ps_diff_row *r, size_t n)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t k = 0; list && k < n; k++) {
        /* a list absent before (a merged one) or after (removed): None */
        PyObject *row = Py_BuildValue(
            "{s:s,s:s,s:N,s:N,s:N,s:N,s:N,s:N}", "id", r[k].id, "name",
            r[k].name ? r[k].name : r[k].id, "seats_before",
            r[k].before < 0 ? Py_NewRef(Py_None) : PyLong_FromLongLong(r[k].seats[0]),
            "seats_after",
            r[k].after < 0 ? Py_NewRef(Py_None) : PyLong_FromLongLong(r[k].seats[1]),
            "banzhaf_before", core_fraction(&r[k].banzhaf[0]),
            "banzhaf_after", core_fraction(&r[k].banzhaf[1]), "shapley_before", core_fraction(&r[k].shapley[0]),
            "shapley_after", core_fraction(&r[k].shapley[1]));
        if (!row) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)k, row);
    }
    return list;
}

static PyObject *coalitions(const ps_scenario_coalition *c, size_t n, const ps_legislature *leg)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t k = 0; list && k < n; k++) {
        PyObject *ids = PyList_New((Py_ssize_t)c[k].n);
        for (size_t i = 0; ids && i < c[k].n; i++)
            PyList_SET_ITEM(ids, (Py_ssize_t)i, PyUnicode_FromString(leg->parties[c[k].members[i]].id));
        PyObject *row = ids ? Py_BuildValue("{s:N,s:L}", "members", ids, "seats",
                                            (long long)c[k].seats)
                            : NULL;
        if (!row) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)k, row);
    }
    return list;
}

static PyObject *steps(const ps_scenario *sc)
{
    PyObject *list = PyList_New((Py_ssize_t)sc->n_steps);
    for (size_t k = 0; list && k < sc->n_steps; k++) {
        char *text = NULL;
        if (ps_step_describe(&text, &sc->steps[k]) < 0) {
            Py_CLEAR(list);
            PyErr_NoMemory();
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)k, PyUnicode_FromString(text));
        ps_free(text);
    }
    return list;
}

static PyObject *outcome(const ps_scenario_outcome *o, const ps_analysis *before)
{
    const ps_analysis *after = o->after;
    const ps_scenario_diff *d = o->diff;
    return Py_BuildValue(
        "{s:s,s:N,s:N,s:L,s:L,s:L,s:L,s:K,s:K,s:O,s:N,s:N,s:N,s:N,s:N}", "name",
        o->scenario->name, "notes", core_str(o->scenario->notes), "steps", steps(o->scenario),
        "total_seats_before", (long long)before->leg->total_seats, "total_seats_after",
        (long long)after->leg->total_seats, "quota_before", (long long)before->quota,
        "quota_after", (long long)after->quota, "minimal_winning_before",
        (unsigned long long)before->n_mwc, "minimal_winning_after",
        (unsigned long long)after->n_mwc, "condition_possible",
        after->condition_possible ? Py_True : Py_False, "condition_missing",
        core_str(after->condition_missing), "parties", rows(d->parties, d->n_parties),
        "communities", rows(d->communities, d->n_communities), "appeared",
        coalitions(d->appeared, d->n_appeared, after->leg), "disappeared",
        coalitions(d->disappeared, d->n_disappeared, before->leg));
}

PyObject *core_whatif(const ps_document *doc, const char *text, size_t len, const char *select)
{
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    opt.sections = 0; /* the rule and the condition, as analyze reads them */
    ps_analyze_result *r = NULL;
    ps_scenarios *list = NULL;
    ps_whatif *w = NULL;
    ps_error err;
    ps_error_clear(&err);
    int rc;
    CORE_LONG_BEGIN
    rc = ps_analyze(&r, doc, &opt, &err);
    if (rc == 0)
        rc = text ? ps_scenarios_read(&list, text, len, "<scenarios>", &err)
                  : ps_scenarios_from_document(&list, doc, &err);
    if (rc == 0 && list->n) {
        ps_analysis_options ao;
        ps_analysis_options_init(&ao);
        ao.condition = r->condition_ids;
        ao.n_condition = r->n_condition_ids;
        rc = ps_whatif_run(&w, r->leg, r->rule, list, select, &ao, &err);
    }
    CORE_LONG_END
    PyObject *out = NULL;
    if (rc < 0) {
        core_raise(&err);
    } else {
        out = PyList_New(0);
        for (size_t k = 0; out && w && k < w->n; k++) {
            PyObject *o = outcome(&w->items[k], w->before);
            if (!o || PyList_Append(out, o) < 0)
                Py_CLEAR(out);
            Py_XDECREF(o);
        }
    }
    ps_whatif_free(w);
    ps_scenarios_free(list);
    ps_analyze_result_free(r);
    return out;
}
