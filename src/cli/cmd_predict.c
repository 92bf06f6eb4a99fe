/*
 * cmd_predict.c - `powershare predict`: which government forms, by a
 * conditional logit over every potential government (predict.h).
 *
 *   powershare predict [--model MODEL.json] FILE   rank the governments
 *   powershare predict fit --parlgov DIR -o MODEL.json
 *   powershare predict eval --parlgov DIR          out-of-sample validation
 *
 * FILE and the model are each read once, so either may be "-" (standard
 * input) or a pipe; outputs name the model as given ("<stdin>" for "-").
 * Without --model the library looks the model up (ps_predict_model_find:
 * POWERSHARE_MODEL, next to the program, the installed data directory).
 * Only governments meeting the file's "condition" section and the
 * constraint options (the same as `coalitions`, constraints.c) are ranked.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "constraints.h"

static const char usage_text[] =
    "usage: powershare predict [--model MODEL.json] [options] FILE\n"
    "       powershare predict fit --parlgov DIR [-o MODEL.json] [options]\n"
    "       powershare predict eval --parlgov DIR [options]\n"
    "\n"
    "Ranks every potential government of the legislature FILE (every set of\n"
    "parties with seats, minority cabinets included, that meets the file's\n"
    "condition and the options below) by its probability of\n"
    "forming under a conditional logit fitted on the first cabinets after\n"
    "elections in ParlGov (see docs/predict.md). `fit` fits a model, `eval`\n"
    "validates it out of sample beside the classic coalition theories.\n"
    "FILE or the model (not both) may be - for standard input.\n"
    "\n"
    "  --model FILE         the model (default: $POWERSHARE_MODEL, else\n"
    "                       predict-model.json next to the program or in the\n"
    "                       installed data directory; see docs/predict.md)\n"
    "  --incumbent A,B      the outgoing cabinet's parties (ids; a party\n"
    "                       without a seat in FILE simply drops out)\n"
    "  --dimension ID       policy dimension of the positional attributes\n"
    "                       (median, range, variance; default left_right)\n"
    "  --require ID         only governments with this party (repeatable)\n"
    "  --exclude ID         only governments without it (repeatable)\n"
    "  --incompatible A,B   never A and B together (repeatable)\n"
    "  --include-community C  at least one list of community C (repeatable)\n"
    "  --no-condition       ignore the file's \"condition\" section\n"
    "  --attribute DIM=B    a user attribute: B times the sum of the members'\n"
    "                       values on the dimension DIM of FILE (repeatable)\n"
    "  --top N              governments listed (default 10; 0: all)\n"
    "  --max-parties K      largest government considered (default: the\n"
    "                       condition's limit, else all when at most 15\n"
    "                       parties have seats, otherwise 6)\n"
    "  --parlgov DIR        fit, eval: folder holding view_cabinet.csv\n"
    "  --skip-caretaker     fit, eval: the first cabinet not marked caretaker\n"
    "  --ridge X            fit, eval: penalty X/2 |beta|^2 (default 0.01)\n"
    "  --split-year Y       eval: train on elections before Y (default 1990)\n"
    "  --format text|json|csv  output format (default text)\n"
    "  -o FILE              write to FILE (atomically) instead of stdout\n";

static const struct option long_options[] = {
    {"model", required_argument, NULL, 'm'},
    {"incumbent", required_argument, NULL, 'i'},
    {"dimension", required_argument, NULL, 'd'},
    {"require", required_argument, NULL, 'R'},
    {"exclude", required_argument, NULL, 'X'},
    {"incompatible", required_argument, NULL, 'I'},
    {"include-community", required_argument, NULL, 'C'},
    {"no-condition", no_argument, NULL, 'N'},
    {"attribute", required_argument, NULL, 'a'},
    {"top", required_argument, NULL, 't'},
    {"max-parties", required_argument, NULL, 'k'},
    {"parlgov", required_argument, NULL, 'p'},
    {"skip-caretaker", no_argument, NULL, 'c'},
    {"ridge", required_argument, NULL, 'r'},
    {"split-year", required_argument, NULL, 'y'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct opts {
    const char *model, *incumbent, *dir, *out_path, *dimension;
    size_t top, max_parties;
    cli_constraints cons;   /* --require ... --max-parties */
    bool skip_caretaker, no_condition;
    double ridge;
    int split_year;
    output_format format;
    size_t n_user;
    const char *user[16];
} opts;

static int parse_count(size_t *out, const char *text, const char *opt, long lo)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < lo || v > 1000000000L) {
        cli_usage_error("predict", "%s needs a whole number >= %ld, got '%s'", opt, lo, text);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

static int emit(psi_buf *b, const char *out_path)
{
    int status;
    if (b->failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else {
        status = cli_write_output(out_path, b->data ? b->data : "", b->len);
    }
    psi_buf_free(b);
    return status;
}

static const char *status_of(const double *x)
{
    return x[PS_PA_MINORITY] != 0 ? "minority" : x[PS_PA_MINIMAL] != 0 ? "minimal" : "surplus";
}

static void members(psi_buf *b, const ps_legislature *leg, ps_members m, const char *sep)
{
    bool first = true;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (m & PS_MEMBER(i)) {
            psi_buf_printf(b, "%s%s", first ? "" : sep, leg->parties[i].id);
            first = false;
        }
}

static const char caveat[] =
    "the model was fitted on cabinets of European and other established parliamentary "
    "democracies (ParlGov, elections up to 2010); elsewhere its probabilities are a "
    "comparison with that record, not a forecast";

/* --incumbent a,b,c -> a mask of the parties with seats. A party of the
 * outgoing cabinet that is not in the file, or has no seat in it, lost its
 * seats: it drops out (as in the ParlGov data the model was fitted on) and
 * is listed in *gone (", "-separated) so that a misspelt id shows. */
static int incumbent_mask(ps_members *out, psi_buf *gone, const ps_legislature *leg,
                          const char *list)
{
    *out = 0;
    if (!list)
        return 0;
    char *copy = strdup(list);
    if (!copy) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        long k = ps_legislature_find_party(leg, tok);
        if (k >= 0 && leg->parties[k].seats > 0)
            *out |= PS_MEMBER(k);
        else
            psi_buf_printf(gone, "%s%s", gone->len ? ", " : "", tok);
    }
    free(copy);
    return 0;
}

/* The file's condition (unless --no-condition) with the options added. */
static int condition_of(ps_condition **out, const opts *o, const ps_document *doc)
{
    ps_error err;
    const ps_legislature *leg = ps_document_legislature(doc);
    if (o->no_condition ? ps_condition_new(out, leg, &err) < 0
                        : ps_condition_from_document(out, doc, &err) < 0)
        return cli_fail(&err);
    return cli_constraints_apply(*out, leg, &o->cons, "predict");
}

/* "excludes State of Law; at most 4 lists" into b; false when the
 * condition constrains nothing. */
static bool condition_text(psi_buf *b, const ps_condition *cond, const ps_legislature *leg)
{
    if (!ps_condition_constrains(cond))
        return false;
    char part[PS_CONDITION_TEXT_BYTES];
    bool first = true;
    for (int k = 0; k < PS_CONDITION_PART_COUNT; k++)
        if (ps_condition_part_text(part, sizeof part, cond, leg, (ps_condition_part)k)) {
            psi_buf_printf(b, "%s%s", first ? "" : "; ", part);
            first = false;
        }
    return true;
}

typedef struct ranked {
    ps_predict_model *m;
    ps_document *doc;
    ps_condition *cond;
    ps_predict_alts *a;
    double *p, *offset;
    size_t *order;
    char *model_path;
    psi_buf gone;     /* incumbent parties without a seat */
} ranked;

static void ranked_free(ranked *r)
{
    ps_predict_order_free(r->order);
    free(r->p);
    free(r->offset);
    ps_predict_alts_free(r->a);
    ps_condition_free(r->cond);
    ps_document_free(r->doc);
    ps_predict_model_free(r->m);
    ps_predict_text_free(r->model_path);
    psi_buf_free(&r->gone);
}

/* The model, the file, the potential governments and their ranking. */
static int rank(ranked *r, const opts *o, const char *path)
{
    ps_error err;
    int status;
    if (ps_predict_model_find(&r->model_path, o->model, &err) < 0 ||
        ps_predict_model_load(&r->m, r->model_path, &err) < 0 ||
        ps_document_load(&r->doc, path, &err) < 0)
        return cli_fail(&err);
    const ps_legislature *leg = ps_document_legislature(r->doc);
    if ((status = condition_of(&r->cond, o, r->doc)) != 0)
        return status;
    ps_predict_options popt;
    ps_predict_options_init(&popt);
    if ((status = incumbent_mask(&popt.incumbent, &r->gone, leg, o->incumbent)) != 0)
        return status;
    popt.max_parties = o->cons.max_parties > 0 ? (size_t)o->cons.max_parties : r->m->max_parties;
    popt.dimension = o->dimension;
    popt.condition = r->cond;
    if (ps_predict_enumerate(&r->a, leg, &popt, &err) < 0) {
        if (o->dimension && ps_legislature_find_dimension(leg, o->dimension) < 0)
            return cli_usage_error("predict", "--dimension: %s", err.message);
        return cli_fail(&err);
    }
    if (!(r->p = calloc(r->a->n, sizeof *r->p)) ||
        !(r->offset = calloc(r->a->n, sizeof *r->offset))) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    for (size_t u = 0; u < o->n_user; u++) {
        const char *eq = strchr(o->user[u], '=');
        char dim[256], *end;
        double beta = eq ? strtod(eq + 1, &end) : 0;
        if (!eq || eq == o->user[u] || (size_t)(eq - o->user[u]) >= sizeof dim || !eq[1] || *end ||
            !isfinite(beta))
            return cli_usage_error("predict", "--attribute needs DIM=NUMBER, got '%s'",
                                   o->user[u]);
        snprintf(dim, sizeof dim, "%.*s", (int)(eq - o->user[u]), o->user[u]);
        if (ps_predict_user_offset(r->offset, r->a, leg, dim, beta, &err) < 0)
            return cli_fail(&err);
    }
    ps_predict_probabilities(r->p, r->m, r->a, r->offset);
    if (ps_predict_order(&r->order, r->p, r->a->n, &err) < 0)
        return cli_fail(&err);
    return EXIT_OK;
}

static int rank_file(const opts *o, const char *path)
{
    ranked r;
    memset(&r, 0, sizeof r);
    psi_buf_init(&r.gone);
    int status = rank(&r, o, path);
    if (status != EXIT_OK) {
        ranked_free(&r);
        return status;
    }
    const ps_legislature *leg = ps_document_legislature(r.doc);
    const ps_predict_alts *a = r.a;
    const ps_predict_model *m = r.m;
    const double *p = r.p;
    const size_t *order = r.order;
    const char *model_name = ps_file_display_name(r.model_path); /* "<stdin>" for "-" */
    const char *dim = a->dimension >= 0 ? leg->dimensions[a->dimension].id
                      : o->dimension ? o->dimension : "left_right";
    psi_buf cond;
    psi_buf_init(&cond);
    bool conditioned = condition_text(&cond, r.cond, leg);
    size_t top = o->top && o->top < a->n ? o->top : a->n;
    psi_buf b;
    psi_buf_init(&b);
    if (o->format == FORMAT_TEXT) {
        psi_buf_printf(&b, "%s: %zu potential governments of at most %zu parties.\n", leg->name,
                       a->n, a->max_parties);
        psi_buf_printf(&b, "Model: %s (%s; %zu cabinets).\n", model_name,
                       m->source ? m->source : "no source given", m->cases);
        psi_buf_printf(&b, "Caveat: %s.\n", caveat);
        if (conditioned)
            psi_buf_printf(&b, "Condition: %s; only the governments that meet it are "
                               "ranked.\n", cond.data);
        if (!a->positions)
            psi_buf_printf(&b, "No %s position for every party: the positional "
                               "attributes (median, range, variance) play no part here.\n", dim);
        else if (o->dimension)
            psi_buf_printf(&b, "Positional attributes on the dimension %s.\n", dim);
        if (!a->incumbent && !r.gone.len)
            psi_buf_puts(&b, "No outgoing cabinet given (--incumbent): incumbency plays no "
                             "part.\n");
        if (r.gone.len)
            psi_buf_printf(&b, "Outgoing cabinet parties without a seat here (they drop out): "
                               "%s.\n", r.gone.data);
        for (size_t u = 0; u < o->n_user; u++)
            psi_buf_printf(&b, "User attribute (coefficient given, not fitted): %s.\n",
                           o->user[u]);
        psi_buf_puts(&b, "\nrank  probability  seats  parties  status    government\n");
        for (size_t k = 0; k < top; k++) {
            size_t j = order[k];
            const double *x = a->x + j * PS_PA_COUNT;
            int64_t seats = (int64_t)llround(x[PS_PA_SEAT_SHARE] * (double)leg->total_seats);
            psi_buf_printf(&b, "%4zu  %11.6f  %5lld  %7zu  %-8s  ", k + 1, p[j],
                           (long long)seats, (size_t)x[PS_PA_PARTIES], status_of(x));
            members(&b, leg, a->members[j], " + ");
            psi_buf_puts(&b, "\n");
        }
    } else if (o->format == FORMAT_JSON) {
        psi_buf_puts(&b, "{\n  \"legislature\": ");
        psi_buf_json_string(&b, leg->name);
        psi_buf_puts(&b, ",\n  \"model\": ");
        psi_buf_json_string(&b, model_name);
        psi_buf_printf(&b, ",\n  \"caveat\": \"%s\",\n  \"dimension\": ", caveat);
        psi_buf_json_string(&b, dim);
        psi_buf_puts(&b, ",\n  \"condition\": ");
        if (conditioned)
            psi_buf_json_string(&b, cond.data);
        else
            psi_buf_puts(&b, "null");
        psi_buf_puts(&b, ",\n  \"incumbent_without_seats\": [");
        if (r.gone.len) {
            /* the ids as given, one JSON string each */
            char *copy = psi_strdup(r.gone.data);
            bool first = true;
            for (char *save = NULL, *tok = copy ? strtok_r(copy, ",", &save) : NULL; tok;
                 tok = strtok_r(NULL, ",", &save)) {
                psi_buf_puts(&b, first ? "" : ", ");
                psi_buf_json_string(&b, tok + (tok[0] == ' '));
                first = false;
            }
            if (!copy)
                b.failed = true;
            psi_free(copy);
        }
        psi_buf_printf(&b, "],\n  \"positions\": %s,\n"
                           "  \"potential_governments\": %zu,\n  \"max_parties\": %zu,\n"
                           "  \"governments\": [",
                       a->positions ? "true" : "false", a->n, a->max_parties);
        for (size_t k = 0; k < top; k++) {
            size_t j = order[k];
            const double *x = a->x + j * PS_PA_COUNT;
            psi_buf_printf(&b, "%s\n    {\"rank\": %zu, \"probability\": %.6g, \"parties\": [",
                           k ? "," : "", k + 1, p[j]);
            bool first = true;
            for (size_t i = 0; i < leg->n_parties; i++)
                if (a->members[j] & PS_MEMBER(i)) {
                    psi_buf_puts(&b, first ? "" : ", ");
                    psi_buf_json_string(&b, leg->parties[i].id);
                    first = false;
                }
            psi_buf_printf(&b, "], \"status\": \"%s\", \"attributes\": {", status_of(x));
            for (int q = 0; q < PS_PA_COUNT; q++)
                psi_buf_printf(&b, "%s\"%s\": %.6g", q ? ", " : "",
                               ps_predict_attr_name((ps_predict_attr)q), x[q]);
            psi_buf_puts(&b, "}}");
        }
        psi_buf_puts(&b, "\n  ]\n}\n");
    } else {
        psi_buf_puts(&b, "rank,probability,status,government");
        for (int q = 0; q < PS_PA_COUNT; q++)
            psi_buf_printf(&b, ",%s", ps_predict_attr_name((ps_predict_attr)q));
        psi_buf_puts(&b, "\n");
        for (size_t k = 0; k < top; k++) {
            size_t j = order[k];
            const double *x = a->x + j * PS_PA_COUNT;
            psi_buf_printf(&b, "%zu,%.6g,%s,", k + 1, p[j], status_of(x));
            members(&b, leg, a->members[j], ";");
            for (int q = 0; q < PS_PA_COUNT; q++)
                psi_buf_printf(&b, ",%.6g", x[q]);
            psi_buf_puts(&b, "\n");
        }
    }
    if (cond.failed)
        b.failed = true;
    status = emit(&b, o->out_path);
    psi_buf_free(&cond);
    ranked_free(&r);
    return status;
}

static int load_data(ps_parlgov **pg, ps_predict_data **d, const opts *o)
{
    ps_error err;
    if (ps_parlgov_load(pg, o->dir, NULL, o->skip_caretaker, &err) < 0 ||
        ps_predict_data_build(d, *pg, o->dir, o->max_parties, &err) < 0)
        return cli_fail(&err);
    if (!(*d)->n) {
        fprintf(stderr, "powershare: %s: no case without a single-party majority\n", o->dir);
        return EXIT_BAD_DATA;
    }
    return 0;
}

static void coefficients(psi_buf *b, const ps_predict_model *m)
{
    psi_buf_printf(b, "Fitted on %zu cabinets (%zu potential governments), %d Newton steps.\n"
                      "Log-likelihood %.2f (uniform choice: %.2f), ridge %g.\n\n"
                      "attribute            coefficient  std. error\n",
                   m->cases, m->alternatives, m->iterations, m->loglik, m->null_loglik, m->ridge);
    for (int k = 0; k < PS_PA_COUNT; k++)
        psi_buf_printf(b, "%-19s  %11.4f  %10.4f\n", ps_predict_attr_name((ps_predict_attr)k),
                       m->beta[k], m->se[k]);
}

static int fit(const opts *o)
{
    ps_parlgov *pg = NULL;
    ps_predict_data *d = NULL;
    ps_predict_model *m = NULL;
    char *text = NULL;
    ps_error err;
    int status = load_data(&pg, &d, o);
    if (status)
        goto done;
    if (ps_predict_fit_data(&m, d, NULL, o->ridge, &err) < 0) {
        status = cli_fail(&err);
        goto done;
    }
    m->max_parties = o->max_parties;
    char src[512];
    snprintf(src, sizeof src, "ParlGov view_cabinet.csv: first cabinet after each election "
             "without a single-party majority%s", o->skip_caretaker ? ", skipping caretakers" : "");
    if (!(m->source = psi_strdup(src))) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    if (ps_predict_model_write(&text, m, &err) < 0) {
        status = cli_fail(&err);
        goto done;
    }
    if (o->out_path) {
        if ((status = cli_write_output(o->out_path, text, strlen(text))) != 0)
            goto done;
        psi_buf b;
        psi_buf_init(&b);
        coefficients(&b, m);
        status = emit(&b, NULL);
    } else {
        status = cli_write_output(NULL, text, strlen(text));
    }
done:
    ps_predict_text_free(text);
    ps_predict_model_free(m);
    ps_predict_data_free(d);
    ps_parlgov_free(pg);
    return status;
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

static void score_line(psi_buf *b, const char *name, const ps_predict_score *s, output_format f)
{
    double ll = s->in_set ? s->loglik / (double)s->in_set : 0;
    if (f == FORMAT_CSV)
        psi_buf_printf(b, "%s,%zu,%zu,%zu,%zu,%.4f\n", name, s->cases, s->in_set, s->top1,
                       s->top5, ll);
    else if (f == FORMAT_JSON)
        psi_buf_printf(b, "\"%s\": {\"cases\": %zu, \"in_set\": %zu, \"top1\": %zu, "
                          "\"top5\": %zu, \"mean_loglik\": %.4f}",
                       name, s->cases, s->in_set, s->top1, s->top5, ll);
    else
        psi_buf_printf(b, "%-22s  %5zu  %6zu  %5zu %6.1f%%  %5zu %6.1f%%  %11.3f\n", name,
                       s->cases, s->in_set, s->top1, pct(s->top1, s->cases), s->top5,
                       pct(s->top5, s->cases), ll);
}

static int eval(const opts *o)
{
    ps_parlgov *pg = NULL;
    ps_predict_data *d = NULL;
    ps_predict_eval ev;
    ps_error err;
    int status = load_data(&pg, &d, o);
    if (status)
        goto done;
    /* load_data returns 0 only with d built: its cli_fail(&err) reports a
     * failed call, whose negative code maps to a non-zero exit status */
    size_t n_cases = d->n; /* NOLINT(clang-analyzer-core.NullDereference): see above */
    if (ps_predict_evaluate(&ev, d, o->split_year, o->ridge, &err) < 0) {
        status = cli_fail(&err);
        goto done;
    }
    char train[64], test[64];
    snprintf(train, sizeof train, "time: before %d (in)", ev.split_year);
    snprintf(test, sizeof test, "time: %d on (out)", ev.split_year);
    const struct { const char *name; const ps_predict_score *s; } rows[] = {
        {"in sample", &ev.in_sample}, {"leave country out", &ev.loco},
        {train, &ev.time_train}, {test, &ev.time_test}};
    psi_buf b;
    psi_buf_init(&b);
    if (o->format == FORMAT_JSON) {
        psi_buf_printf(&b, "{\n  \"cases\": %zu,\n  \"countries\": %zu,\n  \"split_year\": %d,\n",
                       n_cases, ev.countries, ev.split_year);
        for (size_t i = 0; i < 4; i++) {
            psi_buf_puts(&b, "  ");
            score_line(&b, i == 0 ? "in_sample" : i == 1 ? "leave_country_out"
                           : i == 2 ? "time_train" : "time_test", rows[i].s, FORMAT_JSON);
            psi_buf_puts(&b, ",\n");
        }
        psi_buf_puts(&b, "  \"theories\": {");
        for (int t = 0; t < PS_THEORY_COUNT; t++)
            psi_buf_printf(&b, "%s\n    \"%s\": {\"cases\": %zu, \"hits\": %zu, "
                               "\"tie_weighted_hits\": %.4f, \"mean_set\": %.4f, "
                               "\"model_top1_loco\": %zu, \"time_test_cases\": %zu, "
                               "\"time_test_hits\": %zu, \"time_test_tie_weighted\": %.4f, "
                               "\"model_top1_time_test\": %zu}",
                           t ? "," : "", ps_theory_name((ps_theory)t), ev.theory[t].cases,
                           ev.theory[t].hits, ev.theory_tie[t], ev.theory[t].mean_set,
                           ev.model_top1[t], ev.time_theory_cases[t], ev.time_theory_hits[t],
                           ev.time_theory_tie[t], ev.time_model_top1[t]);
        psi_buf_puts(&b, "\n  }\n}\n");
    } else if (o->format == FORMAT_CSV) {
        psi_buf_puts(&b, "validation,cases,in_set,top1,top5,mean_loglik\n");
        for (size_t i = 0; i < 4; i++)
            score_line(&b, rows[i].name, rows[i].s, FORMAT_CSV);
        psi_buf_puts(&b, "\ntheory,cases,hits,tie_weighted_hits,mean_set,model_top1_loco,"
                         "time_test_cases,time_test_hits,time_test_tie_weighted,"
                         "model_top1_time_test\n");
        for (int t = 0; t < PS_THEORY_COUNT; t++)
            psi_buf_printf(&b, "%s,%zu,%zu,%.4f,%.4f,%zu,%zu,%zu,%.4f,%zu\n",
                           ps_theory_name((ps_theory)t), ev.theory[t].cases, ev.theory[t].hits,
                           ev.theory_tie[t], ev.theory[t].mean_set, ev.model_top1[t],
                           ev.time_theory_cases[t], ev.time_theory_hits[t],
                           ev.time_theory_tie[t], ev.time_model_top1[t]);
    } else {
        psi_buf_printf(&b, "ParlGov: %zu cases (no single-party majority), %zu countries.\n"
                           "A case counts as a miss when its cabinet is not a potential "
                           "government (no party with seats, or above the party cap).\n\n"
                           "validation              cases  in set   top-1           top-5    "
                           "   mean log-lik\n",
                       n_cases, ev.countries);
        for (size_t i = 0; i < 4; i++)
            score_line(&b, rows[i].name, rows[i].s, FORMAT_TEXT);
        psi_buf_puts(&b, "\nThe classic theories' rank-1 sets on the same cases, beside the "
                         "model's top-1\n(tie-weighted: a hit counts 1 / the size of the "
                         "rank-1 set):\n\n"
                         "                  leave one country out                    time "
                         "split, test\n"
                         "theory      cases  in set  tie-weighted  model top-1   cases  in set"
                         "  tie-weighted  model top-1\n");
        for (int t = 0; t < PS_THEORY_COUNT; t++) {
            size_t c = ev.theory[t].cases, tc = ev.time_theory_cases[t];
            psi_buf_printf(&b, "%-10s  %5zu  %5.1f%%  %11.1f%%  %10.1f%%   %5zu  %5.1f%%  "
                               "%11.1f%%  %10.1f%%\n",
                           ps_theory_name((ps_theory)t), c, pct(ev.theory[t].hits, c),
                           c ? 100 * ev.theory_tie[t] / (double)c : 0, pct(ev.model_top1[t], c),
                           tc, pct(ev.time_theory_hits[t], tc),
                           tc ? 100 * ev.time_theory_tie[t] / (double)tc : 0,
                           pct(ev.time_model_top1[t], tc));
        }
    }
    status = emit(&b, o->out_path);
done:
    ps_predict_data_free(d);
    ps_parlgov_free(pg);
    return status;
}

int cmd_predict(int argc, char **argv)
{
    opts o;
    memset(&o, 0, sizeof o);
    o.top = 10;
    o.ridge = -1;
    o.split_year = 1990;
    o.format = FORMAT_TEXT;
    cli_constraints_init(&o.cons);
    bool narrowed = false; /* a constraint other than --max-parties */
    int mode = 0; /* 0 rank, 1 fit, 2 eval */
    if (argc > 1 && !strcmp(argv[1], "fit"))
        mode = 1;
    else if (argc > 1 && !strcmp(argv[1], "eval"))
        mode = 2;
    if (mode) {
        argc--;
        argv++;
    }
    int c;
    size_t v;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'm': o.model = optarg; break;
        case 'i': o.incumbent = optarg; break;
        case 'd': o.dimension = optarg; break;
        case 'R':
        case 'X':
        case 'I':
        case 'C':
            narrowed = true;
            if (cli_constraints_parse(&o.cons, "predict",
                                      c == 'R' ? CLI_REQUIRE : c == 'X' ? CLI_EXCLUDE
                                      : c == 'I' ? CLI_INCOMPATIBLE : CLI_COMMUNITY, optarg))
                return EXIT_USAGE;
            break;
        case 'N': o.no_condition = true; break;
        case 'a':
            if (o.n_user == sizeof o.user / sizeof o.user[0])
                return cli_usage_error("predict", "at most 16 --attribute options");
            o.user[o.n_user++] = optarg;
            break;
        case 't':
            if (parse_count(&o.top, optarg, "--top", 0))
                return EXIT_USAGE;
            break;
        case 'k':
            if (cli_constraints_parse(&o.cons, "predict", CLI_MAX_PARTIES, optarg))
                return EXIT_USAGE;
            o.max_parties = (size_t)o.cons.max_parties;
            break;
        case 'p': o.dir = optarg; break;
        case 'c': o.skip_caretaker = true; break;
        case 'r': {
            char *end;
            o.ridge = strtod(optarg, &end);
            if (!*optarg || *end || !(o.ridge >= 0) || !isfinite(o.ridge))
                return cli_usage_error("predict", "--ridge needs a number >= 0, got '%s'", optarg);
            break;
        }
        case 'y':
            if (parse_count(&v, optarg, "--split-year", 1))
                return EXIT_USAGE;
            o.split_year = (int)v;
            break;
        case 'f':
            if (cli_parse_format("predict", optarg, &o.format))
                return EXIT_USAGE;
            break;
        case 'o': o.out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        case ':': return cli_usage_error("predict", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("predict", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (mode) {
        if (!o.dir)
            return cli_usage_error("predict", "%s needs --parlgov DIR", mode == 1 ? "fit" : "eval");
        if (optind != argc)
            return cli_usage_error("predict", "unexpected argument '%s'", argv[optind]);
        if (narrowed || o.no_condition || o.dimension || o.incumbent)
            return cli_usage_error("predict", "%s takes no --require, --exclude, "
                                   "--incompatible, --include-community, --no-condition, "
                                   "--dimension or --incumbent (they rank a FILE)",
                                   mode == 1 ? "fit" : "eval");
        return mode == 1 ? fit(&o) : eval(&o);
    }
    if (optind + 1 != argc)
        return cli_usage_error("predict", optind == argc ? "a legislature FILE is required"
                                                         : "one FILE only");
    return rank_file(&o, argv[optind]);
}
