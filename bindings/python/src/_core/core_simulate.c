/*
 * core_simulate.c - poll uncertainty to seat and coalition probabilities
 * (simulate.h), for powershare.simulate. The polls are read and pooled by
 * the library (ps_polls_parse, ps_polls_pool: each pollster's latest poll,
 * weighted by respondents); each entry's Dirichlet parameter is
 * N * share + 1/2 (Jeffreys, docs/simulate.md); the draws run in blocks
 * whose random streams depend only on the seed, so the counts equal those
 * of `powershare simulate --draws D --seed S` for any thread count.
 */
#include <strings.h>

#include "core.h"

typedef struct sim {
    ps_polls *polls;
    double *pooled, *alpha;
    bool *others, *exempt;
    ps_sim_counts *counts;
} sim;

static void sim_free(sim *s)
{
    ps_polls_free(s->polls);
    PyMem_Free(s->pooled);
    PyMem_Free(s->alpha);
    PyMem_Free(s->others);
    PyMem_Free(s->exempt);
    ps_sim_counts_free(s->counts);
}

/* Marks the named entries (a sequence of str) in flags; -1 with an
 * exception for a name the polls lack when `required`. */
static int mark(bool *flags, const ps_polls *p, PyObject *names, const char *what,
                bool required)
{
    if (names == Py_None)
        return 0;
    PyObject *fast = PySequence_Fast(names, "expected a sequence of names");
    if (!fast)
        return -1;
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(fast); k++) {
        const char *name = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(fast, k));
        long i = name ? ps_polls_find(p, name) : -1;
        if (name && i >= 0)
            flags[i] = true;
        else if (!name || required) {
            Py_DECREF(fast);
            if (name)
                core_usage("%s: no entry '%s' in the polls", what, name);
            return -1;
        }
    }
    Py_DECREF(fast);
    return 0;
}

static PyObject *results(const sim *s)
{
    const ps_sim_counts *c = s->counts;
    const ps_polls *p = s->polls;
    uint64_t draws = c->draws[0];
    PyObject *parties = PyList_New(0), *coalitions = PyList_New(0);
    for (size_t i = 0; parties && i < p->n_parties; i++) {
        size_t j = 0;
        while (j < c->m && c->party[j] != i)
            j++;
        PyObject *row;
        if (j == c->m) {
            row = Py_BuildValue("{s:s,s:d,s:O}", "party", p->parties[i], "poll_share",
                                s->pooled[i], "others", Py_True);
        } else {
            double bz = 0, bz_se = 0;
            ps_sim_banzhaf(&bz, &bz_se, c, j);
            ps_sim_estimate e = ps_sim_estimate_of(c->entered[j], draws);
            row = Py_BuildValue("{s:s,s:d,s:O,s:d,s:d,s:L,s:L,s:L,s:d,s:d,s:d}", "party",
                                p->parties[i], "poll_share", s->pooled[i], "others", Py_False,
                                "p_seats", e.p, "se", e.se, "seats_q05",
                                (long long)ps_sim_seat_quantile(c, j, 0.05), "seats_q50",
                                (long long)ps_sim_seat_quantile(c, j, 0.5), "seats_q95",
                                (long long)ps_sim_seat_quantile(c, j, 0.95), "seats_mean",
                                ps_sim_seat_mean(c, j), "banzhaf", bz, "banzhaf_se", bz_se);
        }
        if (!row || PyList_Append(parties, row) < 0)
            Py_CLEAR(parties);
        Py_XDECREF(row);
    }
    size_t n_masks = (size_t)1 << c->m;
    for (size_t mask = 1; coalitions && mask < n_masks; mask++) {
        if (!c->minimal[mask])
            continue;
        PyObject *members = PyList_New(0);
        for (size_t j = 0; members && j < c->m; j++) {
            if (!(mask & ((size_t)1 << j)))
                continue;
            PyObject *name = PyUnicode_FromString(p->parties[c->party[j]]);
            if (!name || PyList_Append(members, name) < 0)
                Py_CLEAR(members);
            Py_XDECREF(name);
        }
        PyObject *row = members ? Py_BuildValue("{s:N,s:K,s:K}", "parties", members,
                                                "majority_draws",
                                                (unsigned long long)c->win[mask],
                                                "minimal_draws",
                                                (unsigned long long)c->minimal[mask])
                                : NULL;
        if (!row || PyList_Append(coalitions, row) < 0)
            Py_CLEAR(coalitions);
        Py_XDECREF(row);
    }
    if (!parties || !coalitions) {
        Py_XDECREF(parties);
        Py_XDECREF(coalitions);
        return NULL;
    }
    return Py_BuildValue("{s:K,s:L,s:L,s:K,s:K,s:N,s:N}", "draws", (unsigned long long)draws,
                         "seats", (long long)c->seats, "majority",
                         (long long)ps_sim_majority(c), "ties", (unsigned long long)c->ties[0],
                         "no_seat_draws", (unsigned long long)c->empty[0], "parties", parties,
                         "coalitions", coalitions);
}

PyObject *core_simulate(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *keys[] = {"polls", "source", "seats", "method", "threshold", "quota",
                           "draws", "seed", "threads", "others", "exempt", "banzhaf", "max_n",
                           "first_divisor", NULL};
    Py_buffer text = {0};
    const char *source, *method;
    long long seats, max_n = 0;
    PyObject *threshold = Py_None, *others = Py_None, *exempt = Py_None, *first = Py_None;
    int quota = 0, banzhaf = 0, threads = 1;
    unsigned long long draws = 10000, seed = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*sLs|OpKKiOOpLO", keys, &text, &source,
                                     &seats, &method, &threshold, &quota, &draws, &seed,
                                     &threads, &others, &exempt, &banzhaf, &max_n, &first))
        return NULL;
    sim s = {0};
    ps_sim_model m;
    memset(&m, 0, sizeof m);
    ps_error err;
    ps_error_clear(&err);
    PyObject *out = NULL;
    int rc = ps_polls_parse(&s.polls, text.buf, (size_t)text.len, source, &err);
    PyBuffer_Release(&text);
    if (rc < 0) {
        core_raise(&err);
        goto done;
    }
    ps_apportion_options_init(&m.rules);
    m.rules.seats = seats;
    if (ps_method_parse(&m.rules.method, method, &err) < 0) {
        core_raise(&err);
        goto done;
    }
    if (first != Py_None) {
        long long num, den;
        if (!PyArg_ParseTuple(first, "LL", &num, &den))
            goto done;
        m.rules.first_divisor = (ps_ratio){num, den};
    }
    if (quota)
        m.rules.threshold = PS_THRESHOLD_QUOTA;
    else if (core_threshold_share(&m.rules, threshold) < 0)
        goto done;
    size_t n = s.polls->n_parties;
    s.pooled = PyMem_Calloc(n, sizeof *s.pooled);
    s.alpha = PyMem_Calloc(n, sizeof *s.alpha);
    s.others = PyMem_Calloc(n, sizeof *s.others);
    s.exempt = PyMem_Calloc(n, sizeof *s.exempt);
    if (!s.pooled || !s.alpha || !s.others || !s.exempt) {
        PyErr_NoMemory();
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        s.others[i] = !strcasecmp(s.polls->parties[i], "others");
    /* an exemption the polls lack is usual (a minority party not polled) */
    if (mark(s.others, s.polls, others, "others", true) < 0 ||
        mark(s.exempt, s.polls, exempt, "exempt", false) < 0)
        goto done;
    int64_t n_eff;
    size_t used;
    if (ps_polls_pool(s.pooled, &n_eff, &used, s.polls, max_n, &err) < 0) {
        core_raise(&err);
        goto done;
    }
    /* a threshold no party reaches even in the pooled poll would leave the
     * chamber empty in most draws: refused, as the program refuses it */
    if (m.rules.threshold != PS_THRESHOLD_NONE) {
        double need = m.rules.threshold == PS_THRESHOLD_QUOTA
                          ? 1.0 / (double)(seats > 0 ? seats : 1)
                          : (double)m.rules.threshold_share.num /
                                (double)(m.rules.threshold_share.den ? m.rules.threshold_share.den : 1);
        bool any = false;
        for (size_t i = 0; i < n; i++)
            any |= !s.others[i] && (s.exempt[i] || s.pooled[i] >= need);
        if (!any) {
            err.code = PS_EDATA;
            snprintf(err.message, sizeof err.message,
                     "no party reaches the threshold in the pooled poll and none is exempt, "
                     "so no seats could be given");
            snprintf(err.file, sizeof err.file, "%s", source);
            core_raise(&err);
            goto done;
        }
    }
    for (size_t i = 0; i < n; i++)
        s.alpha[i] = (double)n_eff * s.pooled[i] + 0.5;
    m.n = n;
    m.names = (const char *const *)s.polls->parties;
    m.alpha = s.alpha;
    m.others = s.others;
    m.exempt = s.exempt;
    m.banzhaf = banzhaf;
    if (ps_sim_counts_new(&s.counts, &m, &err) < 0) {
        core_raise(&err);
        goto done;
    }
    ps_sim_run_options ro;
    memset(&ro, 0, sizeof ro);
    ro.seed = seed;
    ro.threads = threads > 0 ? threads : 1;
    ro.n_blocks = (draws + PS_SIM_BLOCK - 1) / PS_SIM_BLOCK;
    ro.last_draws = draws % PS_SIM_BLOCK;
    if (draws == 0) {
        core_usage("draws must be at least 1");
        goto done;
    }
    CORE_LONG_BEGIN
    rc = ps_simulate_run(s.counts, &m, &ro, &err);
    CORE_LONG_END
    if (rc < 0) {
        core_raise(&err);
        goto done;
    }
    out = results(&s);
    if (out) {
        PyObject *warnings = PyList_New((Py_ssize_t)s.polls->n_warnings);
        for (size_t k = 0; warnings && k < s.polls->n_warnings; k++)
            PyList_SET_ITEM(warnings, (Py_ssize_t)k, PyUnicode_FromString(s.polls->warnings[k]));
        PyObject *extra = warnings ? Py_BuildValue("{s:L,s:n,s:N}", "sample_size",
                                                   (long long)n_eff, "polls_pooled",
                                                   (Py_ssize_t)used, "warnings", warnings)
                                   : NULL;
        if (!extra || PyDict_Update(out, extra) < 0)
            Py_CLEAR(out);
        Py_XDECREF(extra);
    }
done:
    sim_free(&s);
    return out;
}
