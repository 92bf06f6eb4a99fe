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
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DEFAULT_MODEL "data/predict-model.json"

static const char usage_text[] =
    "usage: powershare predict [--model MODEL.json] [options] FILE\n"
    "       powershare predict fit --parlgov DIR [-o MODEL.json] [options]\n"
    "       powershare predict eval --parlgov DIR [options]\n"
    "\n"
    "Ranks every potential government of the legislature FILE (every set of\n"
    "parties with seats, minority cabinets included) by its probability of\n"
    "forming under a conditional logit fitted on the first cabinets after\n"
    "elections in ParlGov (see docs/predict.md). `fit` fits a model, `eval`\n"
    "validates it out of sample beside the classic coalition theories.\n"
    "FILE or the model (not both) may be - for standard input.\n"
    "\n"
    "  --model FILE         the model (default " DEFAULT_MODEL ")\n"
    "  --incumbent A,B      the outgoing cabinet's parties (ids of FILE)\n"
    "  --attribute DIM=B    a user attribute: B times the sum of the members'\n"
    "                       values on the dimension DIM of FILE (repeatable)\n"
    "  --top N              governments listed (default 10; 0: all)\n"
    "  --max-parties K      largest government considered (default: all when\n"
    "                       at most 15 parties have seats, otherwise 6)\n"
    "  --parlgov DIR        fit, eval: folder holding view_cabinet.csv\n"
    "  --skip-caretaker     fit, eval: the first cabinet not marked caretaker\n"
    "  --ridge X            fit, eval: penalty X/2 |beta|^2 (default 0.01)\n"
    "  --split-year Y       eval: train on elections before Y (default 1990)\n"
    "  --format text|json|csv  output format (default text)\n"
    "  -o FILE              write to FILE (atomically) instead of stdout\n";

static const struct option long_options[] = {
    {"model", required_argument, NULL, 'm'},
    {"incumbent", required_argument, NULL, 'i'},
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
    const char *model, *incumbent, *dir, *out_path;
    size_t top, max_parties;
    bool skip_caretaker;
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

/* --incumbent a,b,c -> a mask. */
static int incumbent_mask(ps_members *out, const ps_legislature *leg, const char *list)
{
    *out = 0;
    if (!list)
        return 0;
    char *copy = strdup(list);
    if (!copy) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    int status = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        long k = ps_legislature_find_party(leg, tok);
        if (k < 0) {
            status = cli_usage_error("predict", "--incumbent: no party '%s' in the file", tok);
            break;
        }
        *out |= PS_MEMBER(k);
    }
    free(copy);
    return status;
}

static int rank_file(const opts *o, const char *path)
{
    ps_error err;
    ps_predict_model *m = NULL;
    ps_document *doc = NULL;
    const ps_legislature *leg = NULL;
    ps_predict_alts *a = NULL;
    double *p = NULL, *offset = NULL;
    size_t *order = NULL;
    int status = EXIT_OK;
    ps_members inc = 0;
    const char *model_name = ps_file_display_name(o->model); /* "<stdin>" for "-" */
    if (ps_predict_model_load(&m, o->model, &err) < 0)
        return cli_fail(&err);
    if (ps_document_load(&doc, path, &err) < 0) {
        status = cli_fail(&err);
        goto done;
    }
    leg = ps_document_legislature(doc);
    if ((status = incumbent_mask(&inc, leg, o->incumbent)) != 0)
        goto done;
    if (ps_predict_alternatives(&a, leg, inc, o->max_parties ? o->max_parties : m->max_parties,
                                &err) < 0 ||
        !(p = calloc(a->n, sizeof *p)) || !(offset = calloc(a->n, sizeof *offset))) {
        status = a ? (fprintf(stderr, "powershare: out of memory\n"), EXIT_FAILURE_)
                   : cli_fail(&err);
        goto done;
    }
    for (size_t u = 0; u < o->n_user; u++) {
        const char *eq = strchr(o->user[u], '=');
        char dim[256], *end;
        double beta = eq ? strtod(eq + 1, &end) : 0;
        if (!eq || eq == o->user[u] || (size_t)(eq - o->user[u]) >= sizeof dim || !eq[1] || *end ||
            !isfinite(beta)) {
            status = cli_usage_error("predict", "--attribute needs DIM=NUMBER, got '%s'",
                                     o->user[u]);
            goto done;
        }
        snprintf(dim, sizeof dim, "%.*s", (int)(eq - o->user[u]), o->user[u]);
        if (ps_predict_user_offset(offset, a, leg, dim, beta, &err) < 0) {
            status = cli_fail(&err);
            goto done;
        }
    }
    ps_predict_probabilities(p, m, a, offset);
    if (ps_predict_order(&order, p, a->n, &err) < 0) {
        status = cli_fail(&err);
        goto done;
    }
    size_t top = o->top && o->top < a->n ? o->top : a->n;
    psi_buf b;
    psi_buf_init(&b);
    if (o->format == FORMAT_TEXT) {
        psi_buf_printf(&b, "%s: %zu potential governments of at most %zu parties.\n", leg->name,
                       a->n, a->max_parties);
        psi_buf_printf(&b, "Model: %s (%s; %zu cabinets).\n", model_name,
                       m->source ? m->source : "no source given", m->cases);
        psi_buf_printf(&b, "Caveat: %s.\n", caveat);
        if (!a->positions)
            psi_buf_puts(&b, "No left_right position for every party: the positional "
                             "attributes (median, range, variance) play no part here.\n");
        if (!inc)
            psi_buf_puts(&b, "No outgoing cabinet given (--incumbent): incumbency plays no "
                             "part.\n");
        for (size_t u = 0; u < o->n_user; u++)
            psi_buf_printf(&b, "User attribute (coefficient given, not fitted): %s.\n",
                           o->user[u]);
        psi_buf_puts(&b, "\nrank  probability  seats  parties  status    government\n");
        for (size_t r = 0; r < top; r++) {
            size_t j = order[r];
            const double *x = a->x + j * PS_PA_COUNT;
            int64_t seats = (int64_t)llround(x[PS_PA_SEAT_SHARE] * (double)leg->total_seats);
            psi_buf_printf(&b, "%4zu  %11.6f  %5lld  %7zu  %-8s  ", r + 1, p[j],
                           (long long)seats, (size_t)x[PS_PA_PARTIES], status_of(x));
            members(&b, leg, a->members[j], " + ");
            psi_buf_puts(&b, "\n");
        }
    } else if (o->format == FORMAT_JSON) {
        psi_buf_puts(&b, "{\n  \"legislature\": ");
        psi_buf_json_string(&b, leg->name);
        psi_buf_puts(&b, ",\n  \"model\": ");
        psi_buf_json_string(&b, model_name);
        psi_buf_printf(&b, ",\n  \"caveat\": \"%s\",\n  \"positions\": %s,\n"
                           "  \"potential_governments\": %zu,\n  \"max_parties\": %zu,\n"
                           "  \"governments\": [",
                       caveat, a->positions ? "true" : "false", a->n, a->max_parties);
        for (size_t r = 0; r < top; r++) {
            size_t j = order[r];
            const double *x = a->x + j * PS_PA_COUNT;
            psi_buf_printf(&b, "%s\n    {\"rank\": %zu, \"probability\": %.6g, \"parties\": [",
                           r ? "," : "", r + 1, p[j]);
            bool first = true;
            for (size_t i = 0; i < leg->n_parties; i++)
                if (a->members[j] & PS_MEMBER(i)) {
                    psi_buf_puts(&b, first ? "" : ", ");
                    psi_buf_json_string(&b, leg->parties[i].id);
                    first = false;
                }
            psi_buf_printf(&b, "], \"status\": \"%s\", \"attributes\": {", status_of(x));
            for (int k = 0; k < PS_PA_COUNT; k++)
                psi_buf_printf(&b, "%s\"%s\": %.6g", k ? ", " : "",
                               ps_predict_attr_name((ps_predict_attr)k), x[k]);
            psi_buf_puts(&b, "}}");
        }
        psi_buf_puts(&b, "\n  ]\n}\n");
    } else {
        psi_buf_puts(&b, "rank,probability,status,government");
        for (int k = 0; k < PS_PA_COUNT; k++)
            psi_buf_printf(&b, ",%s", ps_predict_attr_name((ps_predict_attr)k));
        psi_buf_puts(&b, "\n");
        for (size_t r = 0; r < top; r++) {
            size_t j = order[r];
            const double *x = a->x + j * PS_PA_COUNT;
            psi_buf_printf(&b, "%zu,%.6g,%s,", r + 1, p[j], status_of(x));
            members(&b, leg, a->members[j], ";");
            for (int k = 0; k < PS_PA_COUNT; k++)
                psi_buf_printf(&b, ",%.6g", x[k]);
            psi_buf_puts(&b, "\n");
        }
    }
    status = emit(&b, o->out_path);
done:
    ps_predict_order_free(order);
    free(p);
    free(offset);
    ps_predict_alts_free(a);
    ps_document_free(doc);
    ps_predict_model_free(m);
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
    opts o = {DEFAULT_MODEL, NULL, NULL, NULL, 10, 0, false, -1, 1990, FORMAT_TEXT, 0, {NULL}};
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
            if (parse_count(&o.max_parties, optarg, "--max-parties", 1))
                return EXIT_USAGE;
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
        return mode == 1 ? fit(&o) : eval(&o);
    }
    if (optind + 1 != argc)
        return cli_usage_error("predict", optind == argc ? "a legislature FILE is required"
                                                         : "one FILE only");
    return rank_file(&o, argv[optind]);
}
