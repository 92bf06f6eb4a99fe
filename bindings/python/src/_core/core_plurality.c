/*
 * core_plurality.c - a multi-member plurality count (powershare/plurality.h:
 * SNTV, block vote, limited vote) from Python:
 *
 *   plurality(csv_bytes, source, seats, seats_path, seats_name, method, ties,
 *             seed) -> dict
 *
 * The candidate votes come as the bytes of a CSV (a file's, or the one the
 * package writes from a DataFrame) and are read by ps_candidate_votes_read_csv,
 * so errors name the line and column of the cell. The magnitudes: the
 * table's seats column, `seats` (> 0: a table of one district,
 * ps_candidate_votes_set_seats) or `seats_path`, a district,seats CSV
 * (ps_candidate_votes_load_seats); errors in it are said to be in
 * `seats_name` when given (the package writes a dict of district seats to a
 * temporary file, whose name would mean nothing to the user). Candidates,
 * parties and districts are returned in the file's order; a tie's
 * candidates by name.
 */
#include <string.h>

#include "core.h"

static PyObject *int64_list(const int64_t *x, size_t n)
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

/* names[idx[k]] for k < n (idx NULL: names[k]), as a list of str. */
static PyObject *name_list(char *const *names, const size_t *idx, size_t n)
{
    PyObject *l = PyList_New((Py_ssize_t)n);
    for (size_t k = 0; l && k < n; k++) {
        PyObject *s = PyUnicode_FromString(names[idx ? idx[k] : k]);
        if (!s) {
            Py_CLEAR(l);
            break;
        }
        PyList_SET_ITEM(l, (Py_ssize_t)k, s);
    }
    return l;
}

/* {"district", "candidate", "party", "votes", "rank", "elected", "line"} */
static PyObject *candidates_dict(const ps_candidate_votes *cv, const ps_plurality_result *r)
{
    size_t n = cv->n_candidates;
    PyObject *district = PyList_New((Py_ssize_t)n), *party = PyList_New((Py_ssize_t)n);
    PyObject *elected = PyList_New((Py_ssize_t)n), *line = PyList_New((Py_ssize_t)n);
    if (!district || !party || !elected || !line)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        PyObject *d = PyUnicode_FromString(cv->districts[cv->district[i]]);
        PyObject *p = PyUnicode_FromString(cv->parties[cv->party[i]]);
        PyObject *l = PyLong_FromLong(cv->line[i]);
        if (!d || !p || !l) {
            Py_XDECREF(d);
            Py_XDECREF(p);
            Py_XDECREF(l);
            goto fail;
        }
        PyList_SET_ITEM(district, (Py_ssize_t)i, d);
        PyList_SET_ITEM(party, (Py_ssize_t)i, p);
        PyList_SET_ITEM(elected, (Py_ssize_t)i, PyBool_FromLong(r->elected[i]));
        PyList_SET_ITEM(line, (Py_ssize_t)i, l);
    }
    return Py_BuildValue("{s:N,s:N,s:N,s:N,s:N,s:N,s:N}", "district", district, "candidate",
                         name_list(cv->candidates, NULL, n), "party", party, "votes",
                         int64_list(cv->votes, n), "rank", int64_list(r->rank, n), "elected",
                         elected, "line", line);
fail:
    Py_XDECREF(district);
    Py_XDECREF(party);
    Py_XDECREF(elected);
    Py_XDECREF(line);
    return NULL;
}

/* {"district", "seats", "votes", "candidates"} and the ties:
 * [{"district", "first_seat", "last_seat", "tied", "winners"}] */
static PyObject *districts_dict(const ps_candidate_votes *cv, const ps_plurality_result *r,
                                PyObject **ties)
{
    size_t n = r->n_districts;
    int64_t *seats = PyMem_Calloc(n ? n : 1, sizeof *seats);
    int64_t *votes = PyMem_Calloc(n ? n : 1, sizeof *votes);
    int64_t *standing = PyMem_Calloc(n ? n : 1, sizeof *standing);
    *ties = PyList_New(0);
    PyObject *out = NULL;
    if (!seats || !votes || !standing || !*ties) {
        PyErr_NoMemory();
        goto done;
    }
    for (size_t d = 0; d < n; d++) {
        const ps_plurality_district *pd = &r->district[d];
        seats[d] = pd->seats;
        votes[d] = pd->votes;
        standing[d] = (int64_t)pd->n_candidates;
        if (!pd->tie)
            continue;
        const ps_tie *t = pd->tie;
        PyObject *tie = Py_BuildValue(
            "{s:s,s:L,s:L,s:N,s:N}", "district", cv->districts[d], "first_seat",
            (long long)t->first_seat, "last_seat", (long long)t->last_seat, "tied",
            name_list(cv->candidates, t->tied, t->n_tied), "winners",
            name_list(cv->candidates, t->winners, t->n_winners));
        if (!tie || PyList_Append(*ties, tie) < 0) {
            Py_XDECREF(tie);
            goto done;
        }
        Py_DECREF(tie);
    }
    out = Py_BuildValue("{s:N,s:N,s:N,s:N}", "district", name_list(cv->districts, NULL, n),
                        "seats", int64_list(seats, n), "votes", int64_list(votes, n),
                        "candidates", int64_list(standing, n));
done:
    PyMem_Free(seats);
    PyMem_Free(votes);
    PyMem_Free(standing);
    if (!out)
        Py_CLEAR(*ties);
    return out;
}

static PyObject *result_dict(const ps_candidate_votes *cv, const ps_plurality_result *r)
{
    PyObject *ties = NULL;
    PyObject *districts = districts_dict(cv, r, &ties);
    if (!districts)
        return NULL;
    size_t np = r->n_parties;
    PyObject *parties = Py_BuildValue(
        "{s:N,s:N,s:N,s:N}", "party", name_list(cv->parties, NULL, np), "candidates",
        int64_list(r->party_candidates, np), "votes", int64_list(r->party_votes, np), "seats",
        int64_list(r->party_seats, np));
    return Py_BuildValue("{s:s,s:s,s:L,s:L,s:O,s:N,s:N,s:N,s:N}", "method",
                         ps_plurality_method_name(r->method), "ballot",
                         ps_plurality_ballot(r->method), "seats", (long long)r->seats, "votes",
                         (long long)r->votes, "has_district",
                         cv->has_district_column ? Py_True : Py_False, "candidates",
                         candidates_dict(cv, r), "districts", districts, "parties", parties,
                         "ties", ties);
}

PyObject *core_plurality(PyObject *self, PyObject *args)
{
    (void)self;
    const char *text, *source, *seats_path, *seats_name, *method, *ties;
    Py_ssize_t len;
    long long seats;
    unsigned long long seed;
    if (!PyArg_ParseTuple(args, "y#sLzzssK", &text, &len, &source, &seats, &seats_path,
                          &seats_name, &method, &ties, &seed))
        return NULL;
    ps_plurality_options opt;
    ps_plurality_options_init(&opt);
    ps_error err;
    ps_error_clear(&err);
    if (ps_plurality_method_parse(&opt.method, method, &err) < 0)
        return core_raise(&err);
    if (ps_tie_policy_parse(&opt.ties, ties, &err) < 0)
        return core_usage("ties: %s", err.message);
    opt.seed = (uint64_t)seed;
    if (seats < 0)
        return core_usage("seats: expected a positive number, got %lld", seats);

    ps_candidate_votes *cv = NULL;
    ps_plurality_result *r = NULL;
    int rc;
    CORE_LONG_BEGIN
    rc = ps_candidate_votes_read_csv(&cv, text, (size_t)len, source, &err);
    CORE_LONG_END
    if (rc < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", source);
        return core_raise(&err);
    }
    if (seats > 0 && ps_candidate_votes_set_seats(cv, (int64_t)seats, &err) < 0) {
        ps_candidate_votes_free(cv);
        if (err.code == PS_EINVAL) /* the table has districts or a seats column */
            return core_usage("seats=%lld: an int is the seats of a table of one district "
                              "without a seats column; give a dict of district seats or "
                              "leave seats out",
                              seats);
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", source);
        return core_raise(&err);
    }
    if (seats_path && ps_candidate_votes_load_seats(cv, seats_path, &err) < 0) {
        ps_candidate_votes_free(cv);
        if (seats_name && (!err.file[0] || !strcmp(err.file, seats_path)))
            snprintf(err.file, sizeof err.file, "%s", seats_name);
        if (err.code == PS_EINVAL)
            return core_usage("seats: %s", err.message);
        return core_raise(&err);
    }
    for (size_t d = 0; d < cv->n_districts; d++)
        if (cv->seats[d] < 1) {
            PyObject *e = cv->has_district_column
                              ? core_usage("seats: district '%s' has no seats given: add a "
                                           "seats column, or give seats= a dict of "
                                           "district seats",
                                           cv->districts[d])
                              : core_usage("seats: give seats= (the seats to fill) or a "
                                           "seats column");
            ps_candidate_votes_free(cv);
            return e;
        }
    CORE_LONG_BEGIN
    rc = ps_plurality_count(&r, cv, &opt, &err);
    CORE_LONG_END
    if (rc < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", source);
        ps_candidate_votes_free(cv);
        return core_raise(&err);
    }
    PyObject *out = result_dict(cv, r);
    ps_plurality_result_free(r);
    ps_candidate_votes_free(cv);
    return out;
}
