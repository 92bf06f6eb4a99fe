/*
 * core_stv.c - a single transferable vote count (powershare/stv.h) from
 * Python: stv(blt_bytes, source, rule, seats, ties, seed) -> dict. Every
 * figure stays an int in units of 1/scale vote (scale: the result's,
 * PS_STV_SCALE or PS_STV_MEEK_SCALE); the
 * package turns them into Decimals. Candidates are indices into
 * "candidates"; a stage's "excluded" lists every candidate it excluded
 * (several together under the Irish rules).
 */
#include <string.h>

#include "core.h"

static PyObject *units_list(const int64_t *x, size_t n)
{
    PyObject *l = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; l && i < n; i++) {
        PyObject *v = PyLong_FromLongLong(x[i]);
        if (!v) {
            Py_CLEAR(l);
            break;
        }
        PyList_SET_ITEM(l, (Py_ssize_t)i, v);
    }
    return l;
}

static PyObject *index_list(const size_t *x, size_t n)
{
    PyObject *l = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; l && i < n; i++) {
        PyObject *v = PyLong_FromSize_t(x[i]);
        if (!v) {
            Py_CLEAR(l);
            break;
        }
        PyList_SET_ITEM(l, (Py_ssize_t)i, v);
    }
    return l;
}

static PyObject *candidates_dict(const ps_ballots *b, const ps_stv_result *r)
{
    size_t n = b->n_candidates;
    PyObject *name = PyList_New((Py_ssize_t)n), *aff = PyList_New((Py_ssize_t)n);
    PyObject *status = PyList_New((Py_ssize_t)n), *stage = PyList_New((Py_ssize_t)n);
    PyObject *last = PyList_New((Py_ssize_t)n), *votes = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; name && aff && status && stage && last && votes && i < n; i++) {
        const ps_stv_candidate *c = &r->candidate[i];
        PyList_SET_ITEM(name, (Py_ssize_t)i, PyUnicode_FromString(b->candidates[i]));
        PyList_SET_ITEM(aff, (Py_ssize_t)i,
                        core_str(b->affiliations ? b->affiliations[i] : NULL));
        PyList_SET_ITEM(status, (Py_ssize_t)i,
                        PyUnicode_FromString(ps_stv_status_name(c->status)));
        PyList_SET_ITEM(stage, (Py_ssize_t)i, PyLong_FromLongLong(c->stage));
        PyList_SET_ITEM(last, (Py_ssize_t)i, PyBool_FromLong(c->last_vacancies));
        PyList_SET_ITEM(votes, (Py_ssize_t)i, PyLong_FromLongLong(c->votes));
    }
    return Py_BuildValue("{s:N,s:N,s:N,s:N,s:N,s:N}", "name", name, "affiliation", aff,
                         "status", status, "stage", stage, "last_vacancies", last, "votes",
                         votes);
}

static PyObject *stages_list(const ps_stv_result *r)
{
    PyObject *l = PyList_New((Py_ssize_t)r->n_stages);
    for (size_t k = 0; l && k < r->n_stages; k++) {
        const ps_stv_stage *s = &r->stage[k];
        PyObject *who = ps_stv_action_has_candidate(s->action) ? PyLong_FromSize_t(s->candidate)
                                                               : Py_NewRef(Py_None);
        PyObject *keep = s->keep ? units_list(s->keep, r->n_candidates) : Py_NewRef(Py_None);
        PyObject *d = Py_BuildValue("{s:s,s:N,s:N,s:L,s:N,s:L,s:L,s:L,s:N,s:L,s:L,s:N}",
                                    "action", ps_stv_action_name(s->action), "candidate", who,
                                    "excluded", index_list(s->excluded, s->n_excluded),
                                    "amount", (long long)s->amount, "votes",
                                    units_list(s->votes, r->n_candidates), "exhausted",
                                    (long long)s->exhausted, "non_transferable",
                                    (long long)s->non_transferable, "rounding",
                                    (long long)s->rounding, "elected",
                                    index_list(s->elected, s->n_elected), "quota",
                                    (long long)s->quota, "iterations",
                                    (long long)s->iterations, "keep", keep);
        if (!d) {
            Py_CLEAR(l);
            break;
        }
        PyList_SET_ITEM(l, (Py_ssize_t)k, d);
    }
    return l;
}

static PyObject *ties_list(const ps_stv_result *r)
{
    PyObject *l = PyList_New((Py_ssize_t)r->n_ties);
    for (size_t i = 0; l && i < r->n_ties; i++) {
        const ps_stv_tie *t = &r->tie[i];
        PyObject *d = Py_BuildValue("{s:L,s:s,s:N,s:n,s:L}", "stage", (long long)t->stage,
                                    "action", ps_stv_action_name(t->action), "tied",
                                    index_list(t->tied, t->n_tied), "chosen",
                                    (Py_ssize_t)t->chosen, "decided_at",
                                    (long long)t->decided_at);
        if (!d) {
            Py_CLEAR(l);
            break;
        }
        PyList_SET_ITEM(l, (Py_ssize_t)i, d);
    }
    return l;
}

PyObject *core_stv(PyObject *self, PyObject *args)
{
    (void)self;
    const char *text, *source, *rule_name, *ties;
    Py_ssize_t len;
    long long seats;
    unsigned long long seed;
    if (!PyArg_ParseTuple(args, "y#ssLsK", &text, &len, &source, &rule_name, &seats, &ties,
                          &seed))
        return NULL;
    ps_stv_options opt;
    ps_stv_options_init(&opt);
    ps_error err;
    ps_error_clear(&err);
    if (ps_stv_rule_parse(&opt.rule, rule_name, &err) < 0)
        return core_raise(&err);
    if (seats < 0)
        return core_usage("seats: expected a positive number or None, got %lld", seats);
    opt.seats = seats;
    if (ps_tie_policy_parse(&opt.ties, ties, &err) < 0)
        return core_usage("ties: %s", err.message);
    opt.seed = (uint64_t)seed;
    ps_ballots *b = NULL;
    ps_stv_result *r = NULL;
    int rc;
    CORE_LONG_BEGIN
    rc = ps_ballots_read(&b, text, (size_t)len, source, &err);
    if (rc == 0)
        rc = ps_stv_count(&r, b, &opt, &err);
    CORE_LONG_END
    if (rc < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", source);
        ps_ballots_free(b);
        return core_raise(&err);
    }
    PyObject *out = Py_BuildValue(
        "{s:N,s:s,s:L,s:L,s:L,s:L,s:L,s:L,s:N,s:N,s:N,s:N}", "title", core_str(b->title), "rule",
        ps_stv_rule_name(r->rule), "seats", (long long)r->seats, "ballots", (long long)b->total,
        "valid", (long long)r->valid, "ignored", (long long)r->ignored, "quota",
        (long long)r->quota, "scale", (long long)r->scale, "elected",
        index_list(r->elected, r->n_elected), "candidates", candidates_dict(b, r), "stages",
        stages_list(r), "ties", ties_list(r));
    ps_stv_result_free(r);
    ps_ballots_free(b);
    return out;
}
