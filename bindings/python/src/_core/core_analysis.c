/*
 * core_analysis.c - the analysis of a document (ps_analyze_result) as a
 * Python dict (core.h): the rule, power, communities, the coalitions by
 * each theory without and with the condition, the most plausible
 * government and its offices, the prediction, the named government.
 */
#include "core.h"

static PyObject *communities(const ps_analyze_result *r)
{
    PyObject *list = PyList_New((Py_ssize_t)r->n_communities);
    for (size_t c = 0; list && c < r->n_communities; c++) {
        const ps_community_share *s = &r->communities[c];
        PyObject *row = Py_BuildValue("{s:N,s:s,s:L,s:d,s:d}", "id", core_str(s->id), "name",
                                      s->name, "seats", (long long)s->seats, "banzhaf",
                                      s->banzhaf, "shapley_shubik", s->shapley_shubik);
        if (!row) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)c, row);
    }
    return list;
}

static PyObject *coalition(const ps_coalition *c, const ps_legislature *leg)
{
    return Py_BuildValue("{s:N,s:L,s:L,s:N,s:O,s:O,s:O,s:O}", "members",
                         core_member_ids(leg, c->members), "seats", (long long)c->seats,
                         "surplus", (long long)c->surplus, "critical",
                         core_member_ids(leg, c->critical), "winning",
                         c->winning ? Py_True : Py_False, "feasible",
                         c->feasible ? Py_True : Py_False, "minimal",
                         c->minimal ? Py_True : Py_False, "connected",
                         c->connected ? Py_True : Py_False);
}

static PyObject *theory(const ps_theory_list *t)
{
    PyObject *ranked = PyList_New((Py_ssize_t)t->n);
    for (size_t k = 0; ranked && k < t->n; k++) {
        PyObject *row = Py_BuildValue("(nnd)", (Py_ssize_t)t->index[k], (Py_ssize_t)t->rank[k],
                                      t->score[k]);
        if (!row) {
            Py_CLEAR(ranked);
            break;
        }
        PyList_SET_ITEM(ranked, (Py_ssize_t)k, row);
    }
    if (!ranked)
        return NULL;
    return Py_BuildValue("{s:O,s:N,s:K,s:K,s:O}", "available", t->available ? Py_True : Py_False,
                         "ranked", ranked, "candidates", (unsigned long long)t->n_candidates,
                         "best", (unsigned long long)t->n_best, "truncated",
                         t->truncated ? Py_True : Py_False);
}

static PyObject *coalition_set(const ps_coalition_set *set, const ps_legislature *leg)
{
    if (!set)
        Py_RETURN_NONE;
    PyObject *items = PyList_New((Py_ssize_t)set->n), *theories = PyDict_New();
    for (size_t k = 0; items && k < set->n; k++) {
        PyObject *c = coalition(&set->items[k], leg);
        if (!c) {
            Py_CLEAR(items);
            break;
        }
        PyList_SET_ITEM(items, (Py_ssize_t)k, c);
    }
    for (int t = 0; theories && t < PS_THEORY_COUNT; t++) {
        PyObject *list = theory(&set->theories[t]);
        PyObject *title = PyUnicode_FromString(ps_theory_title((ps_theory)t));
        if (!list || !title || PyDict_SetItemString(list, "title", title) < 0 ||
            PyDict_SetItemString(theories, ps_theory_name((ps_theory)t), list) < 0)
            Py_CLEAR(theories);
        Py_XDECREF(list);
        Py_XDECREF(title);
    }
    if (!items || !theories) {
        Py_XDECREF(items);
        Py_XDECREF(theories);
        return NULL;
    }
    return Py_BuildValue("{s:L,s:K,s:N,s:N}", "quota", (long long)set->quota, "minimal_winning",
                         (unsigned long long)set->n_minimal, "items", items, "theories",
                         theories);
}

static PyObject *offices(const ps_portfolio *p, const ps_legislature *leg)
{
    if (!p)
        Py_RETURN_NONE;
    PyObject *won = PyDict_New(), *reserved = core_awards(p, leg);
    PyObject *parity = PyList_New((Py_ssize_t)p->n_parity);
    for (size_t i = 0; won && i < p->n_members; i++) {
        PyObject *v = PyLong_FromLongLong(p->won[i]);
        if (!v || PyDict_SetItemString(won, leg->parties[p->party[i]].id, v) < 0)
            Py_CLEAR(won);
        Py_XDECREF(v);
    }
    for (size_t g = 0; parity && g < p->n_parity; g++) {
        PyObject *row = Py_BuildValue("{s:s,s:L}", "community", p->parity[g].community, "posts",
                                      (long long)p->parity[g].posts);
        if (!row) {
            Py_CLEAR(parity);
            break;
        }
        PyList_SET_ITEM(parity, (Py_ssize_t)g, row);
    }
    if (!won || !reserved || !parity) {
        Py_XDECREF(won);
        Py_XDECREF(reserved);
        Py_XDECREF(parity);
        return NULL;
    }
    return Py_BuildValue("{s:s,s:L,s:N,s:N,s:N}", "method", ps_portfolio_method_name(p->method),
                         "posts", (long long)p->posts, "won", won, "reserved", reserved,
                         "parity", parity);
}

static PyObject *prediction(const ps_prediction *p, const ps_legislature *leg)
{
    if (!p)
        Py_RETURN_NONE;
    PyObject *top = PyList_New((Py_ssize_t)p->n_top), *in_gov = PyDict_New();
    for (size_t k = 0; top && k < p->n_top; k++) {
        PyObject *row = Py_BuildValue("{s:N,s:d,s:d}", "members",
                                      core_member_ids(leg, p->members[k]), "probability",
                                      p->probability[k], "alike", p->alike[k]);
        if (!row) {
            Py_CLEAR(top);
            break;
        }
        PyList_SET_ITEM(top, (Py_ssize_t)k, row);
    }
    const ps_predict_summary *s = p->summary;
    for (size_t i = 0; in_gov && s && i < s->n_parties && i < leg->n_parties; i++) {
        PyObject *v = PyFloat_FromDouble(s->in_government[i]);
        if (!v || PyDict_SetItemString(in_gov, leg->parties[i].id, v) < 0)
            Py_CLEAR(in_gov);
        Py_XDECREF(v);
    }
    if (!top || !in_gov) {
        Py_XDECREF(top);
        Py_XDECREF(in_gov);
        return NULL;
    }
    return Py_BuildValue("{s:s,s:s,s:d,s:O,s:N,s:N,s:d,s:d,s:d,s:d}", "model", p->model,
                         "caveat", p->caveat, "governments", p->sets, "inclusive",
                         p->inclusive ? Py_True : Py_False, "top", top, "in_government", in_gov,
                         "oversized", s ? s->surplus : 0.0, "minimal_winning",
                         s ? s->minimal : 0.0, "minority", s ? s->minority : 0.0, "top10",
                         s ? s->top10 : 0.0);
}

PyObject *core_analysis_dict(const ps_analyze_result *r)
{
    const ps_legislature *leg = r->leg;
    PyObject *gov = PyList_New((Py_ssize_t)r->n_government);
    for (size_t k = 0; gov && k < r->n_government; k++)
        PyList_SET_ITEM(gov, (Py_ssize_t)k, PyUnicode_FromString(leg->parties[r->government[k]].id));
    if (!gov)
        return NULL;
    PyObject *condition_ids = PyList_New((Py_ssize_t)r->n_condition_ids);
    for (size_t k = 0; condition_ids && k < r->n_condition_ids; k++)
        PyList_SET_ITEM(condition_ids, (Py_ssize_t)k, PyUnicode_FromString(r->condition_ids[k]));
    if (!condition_ids) {
        Py_DECREF(gov);
        return NULL;
    }
    return Py_BuildValue(
        "{s:N,s:N,s:L,s:N,s:N,s:{s:O,s:N,s:N},s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N}", "source",
        core_str(r->source), "rule", core_str(r->rule_text), "quota",
        (long long)(r->game && r->game->n_layers ? r->game->quotas[0] : 0), "power",
        r->power ? core_power_dict(r->power) : Py_NewRef(Py_None), "communities",
        communities(r), "condition", "declared",
        r->condition && r->condition->declared ? Py_True : Py_False, "name",
        core_str(r->condition ? r->condition->name : NULL), "communities", condition_ids,
        "coalitions", coalition_set(r->coalitions, leg), "feasible",
        coalition_set(r->feasible, leg), "coalitions_skipped", core_str(r->coalitions_skipped),
        "government", gov, "government_basis", core_str(r->government_basis), "offices",
        offices(r->portfolio, leg), "offices_unmet", core_str(r->offices_unmet), "prediction",
        prediction(r->prediction, leg), "prediction_error", core_str(r->prediction_error),
        "evaluation",
        r->evaluation ? core_government_dict(r->evaluation, leg) : Py_NewRef(Py_None));
}
