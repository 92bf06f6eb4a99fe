/*
 * core_document.c - the Document type of powershare._core: one legislature
 * file read once (ps_document_load / ps_document_read), and what is
 * computed from it: its chamber, the power of its rule's game, the whole
 * analysis (ps_analyze), one government judged, a chart. The Python object
 * owns the ps_document; what a method returns is converted (core.h), never
 * a view into it.
 */
#include "core.h"

typedef struct {
    PyObject_HEAD
    ps_document *doc;
} CoreDocument;

static void document_dealloc(CoreDocument *self)
{
    ps_document_free(self->doc);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Document(path=None, text=None, source="<string>") */
static int document_init(CoreDocument *self, PyObject *args, PyObject *kw)
{
    static char *keys[] = {"path", "text", "source", NULL};
    const char *path = NULL, *source = "<string>";
    Py_buffer text = {0};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|zz*s", keys, &path, &text, &source))
        return -1;
    if (!path == !text.buf) {
        if (text.buf)
            PyBuffer_Release(&text);
        core_usage("give a path or a text, not %s", path ? "both" : "neither");
        return -1;
    }
    ps_document *doc = NULL;
    ps_error err;
    ps_error_clear(&err);
    int rc;
    CORE_LONG_BEGIN
    rc = path ? ps_document_load(&doc, path, &err)
              : ps_document_read(&doc, text.buf, (size_t)text.len, source, &err);
    CORE_LONG_END
    if (text.buf)
        PyBuffer_Release(&text);
    if (rc < 0) {
        core_raise(&err);
        return -1;
    }
    ps_document_free(self->doc);
    self->doc = doc;
    return 0;
}

static PyObject *document_legislature(CoreDocument *self, PyObject *unused)
{
    (void)unused;
    return core_legislature_dict(ps_document_legislature(self->doc));
}

/* power(indices="banzhaf,shapley_shubik", method="auto", samples=0, seed=1,
 *       threads=1): the indices of the game of the document's rule. */
static PyObject *document_power(CoreDocument *self, PyObject *args, PyObject *kw)
{
    static char *keys[] = {"indices", "method", "samples", "seed", "threads", NULL};
    const char *indices = "banzhaf,shapley_shubik", *method = "auto";
    unsigned long long samples = 0, seed = 1;
    unsigned threads = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|ssKKI", keys, &indices, &method, &samples,
                                     &seed, &threads))
        return NULL;
    ps_power_options opt;
    if (core_power_options(&opt, indices, method, samples, seed, threads) < 0)
        return NULL;
    const ps_legislature *leg = ps_document_legislature(self->doc);
    ps_error err;
    ps_error_clear(&err);
    ps_rule *rule = NULL;
    ps_game *game = NULL;
    ps_power *p = NULL;
    int rc;
    CORE_LONG_BEGIN
    rc = ps_rule_from_document(&rule, self->doc, &err);
    if (rc == 0)
        rc = ps_game_from_rule(&game, leg, rule, &err);
    if (rc == 0)
        rc = ps_power_compute(&p, game, &opt, &err);
    CORE_LONG_END
    ps_game_free(game);
    ps_rule_free(rule);
    if (rc < 0)
        return core_raise(&err);
    PyObject *out = core_power_dict(p);
    ps_power_free(p);
    return out;
}

/* analyze(model=None, top=10, dimension=None, threads=1, government=None,
 *         coalitions=True, power=True, offices=True, scenarios=True,
 *         predict_top=5) */
static PyObject *document_analyze(CoreDocument *self, PyObject *args, PyObject *kw)
{
    static char *keys[] = {"model", "top", "dimension", "threads", "government", "coalitions",
                           "power", "offices", "scenarios", "predict_top", NULL};
    const char *model = NULL, *dimension = NULL;
    Py_ssize_t top = 10;
    unsigned threads = 1;
    PyObject *government = Py_None;
    int coalitions = 1, power = 1, offices = 1, scenarios = 1;
    Py_ssize_t predict_top = 5;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|znzIOppppn", keys, &model, &top, &dimension,
                                     &threads, &government, &coalitions, &power, &offices,
                                     &scenarios, &predict_top))
        return NULL;
    if (top < 1 || predict_top < 1)
        return core_usage("top must be at least 1, got %zd", top < 1 ? top : predict_top);
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    opt.top = (size_t)top;
    opt.dimension = dimension;
    opt.model = model;
    opt.predict_top = (size_t)predict_top;
    opt.threads = threads ? threads : 1;
    opt.sections = (power ? PS_ANALYZE_POWER : 0u) | (coalitions ? PS_ANALYZE_COALITIONS : 0u) |
                   (scenarios ? PS_ANALYZE_SCENARIOS : 0u) |
                   (coalitions && offices ? PS_ANALYZE_OFFICES : 0u) |
                   (model ? PS_ANALYZE_PREDICTION : 0u);
    const ps_legislature *leg = ps_document_legislature(self->doc);
    if (government != Py_None && core_members(&opt.government, leg, government) < 0)
        return NULL;
    ps_analyze_result *r = NULL;
    ps_error err;
    ps_error_clear(&err);
    int rc;
    CORE_LONG_BEGIN
    rc = ps_analyze(&r, self->doc, &opt, &err);
    CORE_LONG_END
    if (rc < 0)
        return core_raise(&err);
    PyObject *out = core_analysis_dict(r);
    ps_analyze_result_free(r);
    return out;
}

/* evaluate(government, posts=None): one government judged under the
 * document's rule and condition; posts a {party id: posts} dict. */
static PyObject *document_evaluate(CoreDocument *self, PyObject *args, PyObject *kw)
{
    static char *keys[] = {"government", "posts", NULL};
    PyObject *government, *posts_obj = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O", keys, &government, &posts_obj))
        return NULL;
    const ps_legislature *leg = ps_document_legislature(self->doc);
    ps_members members;
    if (core_members(&members, leg, government) < 0)
        return NULL;
    int64_t *posts = NULL;
    if (posts_obj != Py_None) {
        if (!PyDict_Check(posts_obj))
            return PyErr_Format(PyExc_TypeError, "posts: expected a dict of party id -> posts");
        posts = PyMem_Calloc(leg->n_parties ? leg->n_parties : 1, sizeof *posts);
        if (!posts)
            return PyErr_NoMemory();
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(posts_obj, &pos, &key, &value)) {
            const char *id = PyUnicode_AsUTF8(key);
            long i = id ? ps_legislature_find_party(leg, id) : -1;
            long long v = PyLong_AsLongLong(value);
            if (!id || i < 0 || (v == -1 && PyErr_Occurred())) {
                PyMem_Free(posts);
                return id && !PyErr_Occurred() ? core_usage("posts: no party '%s'", id) : NULL;
            }
            posts[i] = v;
        }
    }
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    opt.sections = 0;
    opt.government = posts ? 0 : members; /* with posts: judged below */
    ps_analyze_result *r = NULL;
    ps_government *g = NULL;
    ps_error err;
    ps_error_clear(&err);
    int rc;
    CORE_LONG_BEGIN
    /* the rule's game and the condition, as analyze reads them */
    rc = ps_analyze(&r, self->doc, &opt, &err);
    if (rc == 0 && posts)
        rc = ps_government_evaluate(&g, r->game, leg, r->condition, members, posts, &err);
    CORE_LONG_END
    PyMem_Free(posts);
    PyObject *out = NULL;
    if (rc < 0)
        core_raise(&err);
    else
        out = core_government_dict(g ? g : r->evaluation, leg);
    ps_government_free(g);
    ps_analyze_result_free(r);
    return out;
}

/* chart(kind, banzhaf=None, shapley=None): an SVG string. "hemicycle",
 * "power" (needs banzhaf and/or shapley, a float per party). */
static PyObject *document_chart(CoreDocument *self, PyObject *args, PyObject *kw)
{
    static char *keys[] = {"kind", "banzhaf", "shapley", NULL};
    const char *kind_name;
    PyObject *bz_obj = Py_None, *ss_obj = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "s|OO", keys, &kind_name, &bz_obj, &ss_obj))
        return NULL;
    ps_chart_kind kind;
    ps_error err;
    ps_error_clear(&err);
    if (ps_chart_kind_parse(&kind, kind_name, &err) < 0)
        return core_raise(&err);
    const ps_legislature *leg = ps_document_legislature(self->doc);
    double *values[2] = {NULL, NULL};
    PyObject *objs[2] = {bz_obj, ss_obj};
    for (int k = 0; k < 2; k++) {
        if (objs[k] == Py_None)
            continue;
        PyObject *fast = PySequence_Fast(objs[k], "values: a sequence of floats");
        if (!fast || (size_t)PySequence_Fast_GET_SIZE(fast) != leg->n_parties) {
            if (fast)
                core_usage("values: %zu expected (one per party), got %zd", leg->n_parties,
                           PySequence_Fast_GET_SIZE(fast));
            Py_XDECREF(fast);
            PyMem_Free(values[0]);
            return NULL;
        }
        values[k] = PyMem_Malloc((leg->n_parties ? leg->n_parties : 1) * sizeof(double));
        for (size_t i = 0; values[k] && i < leg->n_parties; i++)
            values[k][i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, (Py_ssize_t)i));
        Py_DECREF(fast);
        if (!values[k] || PyErr_Occurred()) {
            PyMem_Free(values[0]);
            PyMem_Free(values[1]);
            return values[k] ? NULL : PyErr_NoMemory();
        }
    }
    ps_report_data data;
    memset(&data, 0, sizeof data);
    data.banzhaf = values[0];
    data.shapley = values[1];
    ps_chart *chart = NULL;
    unsigned char *svg = NULL;
    size_t len = 0;
    int rc = ps_report_chart(&chart, kind, leg, &data, &err);
    if (rc == 0)
        rc = ps_chart_render(&svg, &len, chart, PS_CHART_SVG, 1, &err);
    ps_chart_free(chart);
    PyMem_Free(values[0]);
    PyMem_Free(values[1]);
    if (rc < 0)
        return core_raise(&err);
    PyObject *out = PyUnicode_FromStringAndSize((const char *)svg, (Py_ssize_t)len);
    ps_free(svg);
    return out;
}

/* A sequence of str as a C array of borrowed UTF-8 pointers (valid while
 * `fast` lives); -1 with an exception. */
static int str_array(const char ***out, size_t *n, PyObject **fast, PyObject *seq)
{
    *out = NULL;
    *n = 0;
    *fast = NULL;
    if (seq == Py_None)
        return 0;
    if (!(*fast = PySequence_Fast(seq, "expected a sequence of ids")))
        return -1;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(*fast);
    *out = PyMem_Calloc((size_t)(len ? len : 1), sizeof **out);
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < len; k++)
        if (!((*out)[k] = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(*fast, k))))
            return -1;
    *n = (size_t)len;
    return 0;
}

/* portfolios(coalition, posts=None, method="dhondt", tie_order=None,
 *            parity=None): the coalition's posts and the file's reserved
 * offices; posts None takes the file's formation parity ministries or
 * "offices" posts; parity None takes the file's parity rule. */
static PyObject *document_portfolios(CoreDocument *self, PyObject *args, PyObject *kw)
{
    static char *keys[] = {"coalition", "posts", "method", "tie_order", "parity", NULL};
    PyObject *coalition, *tie_obj = Py_None, *parity_obj = Py_None;
    long long posts = -1;
    const char *method = "dhondt";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|LsOO", keys, &coalition, &posts, &method,
                                     &tie_obj, &parity_obj))
        return NULL;
    const ps_legislature *leg = ps_document_legislature(self->doc);
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    ps_error err;
    ps_error_clear(&err);
    if (ps_portfolio_method_parse(&opt.method, method, &err) < 0)
        return core_raise(&err);
    const char **ids = NULL, **ties = NULL, **parity = NULL;
    size_t n = 0, n_ties = 0, n_parity = 0;
    PyObject *f1 = NULL, *f2 = NULL, *f3 = NULL, *out = NULL;
    ps_offices *offices = NULL;
    ps_formation *formation = NULL;
    ps_portfolio *p = NULL;
    if (str_array(&ids, &n, &f1, coalition) < 0 || str_array(&ties, &n_ties, &f2, tie_obj) < 0 ||
        str_array(&parity, &n_parity, &f3, parity_obj) < 0)
        goto done;
    if (ps_offices_from_document(&offices, self->doc, &err) < 0 ||
        ps_formation_from_document(&formation, self->doc, &err) < 0) {
        core_raise(&err);
        goto done;
    }
    ps_formation_apply_parity(&opt, formation);
    if (parity) {
        opt.parity = parity;
        opt.n_parity = n_parity;
    }
    opt.posts = posts >= 0 ? posts : opt.posts > 0 ? opt.posts : offices->posts > 0 ? offices->posts : 0;
    opt.tie_order = ties;
    opt.n_tie_order = n_ties;
    opt.offices = offices;
    if (ps_portfolio_allocate(&p, leg, ids, n, &opt, &err) < 0) {
        core_raise(&err);
        goto done;
    }
    out = PyList_New((Py_ssize_t)p->n_members);
    for (size_t i = 0; out && i < p->n_members; i++) {
        PyObject *row = Py_BuildValue(
            "{s:s,s:L,s:L,s:N}", "party", leg->parties[p->party[i]].id, "seats",
            (long long)p->seats[i], "posts", (long long)p->won[i], "share",
            p->share_num ? Py_BuildValue("(LL)", (long long)p->share_num[i],
                                         (long long)p->share_den[i])
                         : Py_NewRef(Py_None));
        if (!row) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, (Py_ssize_t)i, row);
    }
    PyObject *awards = out ? core_awards(p, leg) : NULL;
    if (!awards) {
        Py_CLEAR(out);
    } else {
        PyObject *result = Py_BuildValue("{s:N,s:N,s:L,s:s,s:n}", "members", out, "offices",
                                         awards, "posts", (long long)p->posts, "method",
                                         ps_portfolio_method_name(p->method), "parity",
                                         (Py_ssize_t)p->n_parity);
        out = result;
    }
done:
    ps_portfolio_free(p);
    ps_formation_free(formation);
    ps_offices_free(offices);
    PyMem_Free(ids);
    PyMem_Free(ties);
    PyMem_Free(parity);
    Py_XDECREF(f1);
    Py_XDECREF(f2);
    Py_XDECREF(f3);
    return out;
}

/* whatif(scenarios=None, select=None): scenarios is JSON text (bytes) in
 * the "scenarios" form; None runs the document's own. */
static PyObject *document_whatif(CoreDocument *self, PyObject *args, PyObject *kw)
{
    static char *keys[] = {"scenarios", "select", NULL};
    Py_buffer text = {0};
    const char *select = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|z*z", keys, &text, &select))
        return NULL;
    PyObject *out = core_whatif(self->doc, text.buf, (size_t)text.len, select);
    if (text.buf)
        PyBuffer_Release(&text);
    return out;
}

/* election(): the document's "election" section (method, seats,
 * threshold, exempt parties) as a dict, or None when it has none. */
static PyObject *document_election(CoreDocument *self, PyObject *unused)
{
    (void)unused;
    ps_election *e = NULL;
    ps_error err;
    ps_error_clear(&err);
    if (ps_election_from_document(&e, self->doc, &err) < 0)
        return core_raise(&err);
    if (!e)
        Py_RETURN_NONE;
    PyObject *exempt = PyList_New((Py_ssize_t)e->n_exempt);
    for (size_t k = 0; exempt && k < e->n_exempt; k++)
        PyList_SET_ITEM(exempt, (Py_ssize_t)k, PyUnicode_FromString(e->exempt[k]));
    const ps_apportion_options *r = &e->rules;
    PyObject *threshold = r->threshold == PS_THRESHOLD_SHARE
                              ? Py_BuildValue("(LL)", (long long)r->threshold_share.num,
                                              (long long)r->threshold_share.den)
                              : Py_NewRef(Py_None);
    PyObject *out = exempt && threshold
                        ? Py_BuildValue("{s:s,s:L,s:O,s:O,s:O,s:N}", "method",
                                        ps_method_name(r->method), "seats", (long long)r->seats,
                                        "threshold", threshold, "quota",
                                        r->threshold == PS_THRESHOLD_QUOTA ? Py_True : Py_False,
                                        "exempt", exempt, "first_divisor",
                                        r->first_divisor.den
                                            ? Py_BuildValue("(LL)",
                                                            (long long)r->first_divisor.num,
                                                            (long long)r->first_divisor.den)
                                            : Py_NewRef(Py_None))
                        : NULL;
    Py_XDECREF(exempt);
    Py_XDECREF(threshold);
    ps_election_free(e);
    return out;
}

static PyObject *document_source(CoreDocument *self, void *closure)
{
    (void)closure;
    return core_str(ps_document_source(self->doc));
}

static PyMethodDef document_methods[] = {
    {"legislature", (PyCFunction)document_legislature, METH_NOARGS, "The chamber as a dict."},
    {"power", (PyCFunction)(void (*)(void))document_power, METH_VARARGS | METH_KEYWORDS,
     "Power indices of the game of the document's rule."},
    {"analyze", (PyCFunction)(void (*)(void))document_analyze, METH_VARARGS | METH_KEYWORDS,
     "The whole analysis (ps_analyze) as a dict."},
    {"evaluate", (PyCFunction)(void (*)(void))document_evaluate, METH_VARARGS | METH_KEYWORDS,
     "One government judged (ps_government_evaluate)."},
    {"chart", (PyCFunction)(void (*)(void))document_chart, METH_VARARGS | METH_KEYWORDS,
     "A chart of the chamber as SVG text."},
    {"portfolios", (PyCFunction)(void (*)(void))document_portfolios,
     METH_VARARGS | METH_KEYWORDS, "Who gets which office in a coalition (portfolio.h)."},
    {"whatif", (PyCFunction)(void (*)(void))document_whatif, METH_VARARGS | METH_KEYWORDS,
     "Scenarios run (ps_whatif_run)."},
    {"election", (PyCFunction)document_election, METH_NOARGS,
     "The \"election\" section's rules, or None."},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef document_getset[] = {
    {"source", (getter)document_source, NULL, "the file name, or the source given", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

PyTypeObject CoreDocumentType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "powershare._core.Document",
    .tp_basicsize = sizeof(CoreDocument),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A legislature file read once (use powershare.Legislature).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)document_init,
    .tp_dealloc = (destructor)document_dealloc,
    .tp_methods = document_methods,
    .tp_getset = document_getset,
};
