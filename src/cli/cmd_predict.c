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
#include "cmd_predict.h"

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
    "  --formations DIR     fit, eval: also the formations of divided\n"
    "                       societies (one folder per case, as in\n"
    "                       tests/data/formations; docs/predict.md)\n"
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
    {"formations", required_argument, NULL, 'F'},
    {"skip-caretaker", no_argument, NULL, 'c'},
    {"ridge", required_argument, NULL, 'r'},
    {"split-year", required_argument, NULL, 'y'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};



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

int predict_emit(psi_buf *b, const char *out_path)
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
static int condition_of(ps_condition **out, const predict_opts *o, const ps_document *doc)
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
    ps_predict_summary *summary;
    ps_predict_ranking *all;  /* instead of a, p, order: every government
                                 of a large chamber of inclusive convention */
    char *model_path;
    psi_buf gone;     /* incumbent parties without a seat */
} ranked;

static void ranked_free(ranked *r)
{
    ps_predict_summary_free(r->summary);
    ps_predict_ranking_free(r->all);
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

/* --attribute DIM=B into dim and *beta; non-zero (usage) when malformed. */
static int user_attribute(char *dim, size_t size, double *beta, const char *text)
{
    const char *eq = strchr(text, '=');
    char *end = NULL;
    *beta = eq ? strtod(eq + 1, &end) : 0;
    if (!eq || eq == text || (size_t)(eq - text) >= size || !eq[1] || *end || !isfinite(*beta))
        return cli_usage_error("predict", "--attribute needs DIM=NUMBER, got '%s'", text);
    snprintf(dim, size, "%.*s", (int)(eq - text), text);
    return 0;
}

/* Every potential government of a large chamber of inclusive convention,
 * ranked by classes (ps_predict_rank_all). */
static int rank_every(ranked *r, const predict_opts *o, const ps_predict_options *popt)
{
    const ps_legislature *leg = ps_document_legislature(r->doc);
    ps_error err;
    double *offset = calloc(leg->n_parties ? leg->n_parties : 1, sizeof *offset);
    if (!offset) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    int status = EXIT_OK;
    for (size_t u = 0; status == EXIT_OK && u < o->n_user; u++) {
        char dim[256];
        double beta;
        if ((status = user_attribute(dim, sizeof dim, &beta, o->user[u])) == 0 &&
            ps_predict_party_offset(offset, leg, dim, beta, &err) < 0)
            status = cli_fail(&err);
    }
    if (status == EXIT_OK &&
        ps_predict_rank_all(&r->all, leg, popt, r->m, o->n_user ? offset : NULL, 0,
                            o->top ? o->top : 1000, &err) < 0)
        status = cli_fail(&err);
    free(offset);
    return status;
}

/* The model, the file, the potential governments and their ranking. */
/* The executive a formation rule computed, as text or JSON. */
static void executive_out(psi_buf *b, const ps_legislature *leg, const ps_formation *f,
                          const ps_portfolio *p, bool json)
{
    if (json) {
        psi_buf_puts(b, "{\n  \"legislature\": ");
        psi_buf_json_string(b, leg->name);
        psi_buf_printf(b, ",\n  \"computed\": true,\n  \"ministries\": %lld,\n"
                          "  \"executive\": [",
                       (long long)f->ministries);
    } else {
        psi_buf_printf(b, "%s: the executive is computed from the file's formation rule "
                          "(%lld ministries by d'Hondt over the parties with seats), not "
                          "predicted.\n\nlist  ministries\n",
                       leg->name, (long long)f->ministries);
    }
    bool first = true;
    for (size_t k = 0; k < p->n_members; k++) {
        if (p->won[k] == 0)
            continue;
        const char *id = leg->parties[p->party[k]].id;
        if (json) {
            psi_buf_puts(b, first ? "{\"id\": " : ", {\"id\": ");
            psi_buf_json_string(b, id);
            psi_buf_printf(b, ", \"ministries\": %lld}", (long long)p->won[k]);
        } else {
            psi_buf_printf(b, "%-4s  %10lld\n", id, (long long)p->won[k]);
        }
        first = false;
    }
    psi_buf_puts(b, json ? "],\n  \"offices\": [" : p->n_awards ? "\n" : "");
    for (size_t k = 0; k < p->n_awards; k++) {
        const ps_award *a = &p->awards[k];
        const char *holder = a->member >= 0 ? leg->parties[p->party[a->member]].id : NULL;
        if (json) {
            psi_buf_puts(b, k ? ", {\"office\": " : "{\"office\": ");
            psi_buf_json_string(b, a->office);
            psi_buf_puts(b, ", \"party\": ");
            if (holder)
                psi_buf_json_string(b, holder);
            else
                psi_buf_puts(b, "null");
            psi_buf_puts(b, "}");
        } else {
            psi_buf_printf(b, "%s: %s\n", a->office, holder ? holder : "(no list of its community)");
        }
    }
    if (json)
        psi_buf_puts(b, "]\n}\n");
}

/* A file whose formation rule computes the executive: it is shown, not
 * predicted. Returns -1 when the file has no such rule, else the exit
 * status (the output written). */
static int computed_executive(const predict_opts *o, const ps_document *doc)
{
    ps_error err;
    ps_formation *f = NULL;
    ps_offices *offices = NULL;
    ps_portfolio *p = NULL;
    if (ps_formation_from_document(&f, doc, &err) < 0)
        return cli_fail(&err);
    if (!ps_formation_computes_executive(f)) {
        ps_formation_free(f);
        return -1; /* none, or parity: a bargained government is predicted */
    }
    int status;
    if (ps_offices_from_document(&offices, doc, &err) < 0 ||
        ps_formation_execute(&p, ps_document_legislature(doc), f, offices, &err) < 0) {
        status = cli_fail(&err);
    } else {
        psi_buf b;
        psi_buf_init(&b);
        executive_out(&b, ps_document_legislature(doc), f, p, o->format == FORMAT_JSON);
        status = predict_emit(&b, o->out_path);
    }
    ps_portfolio_free(p);
    ps_offices_free(offices);
    ps_formation_free(f);
    return status;
}

/* rank's "the output is written already" (the computed executive). */
#define EXIT_DONE (-2)

static int rank(ranked *r, const predict_opts *o, const char *path)
{
    ps_error err;
    int status;
    /* the model first: "--model - FILE" reads standard input as the model */
    if (ps_predict_model_find(&r->model_path, o->model, &err) < 0 ||
        ps_predict_model_load(&r->m, r->model_path, &err) < 0 ||
        ps_document_load(&r->doc, path, &err) < 0)
        return cli_fail(&err);
    if ((status = computed_executive(o, r->doc)) >= 0)
        return status == EXIT_OK ? EXIT_DONE : status;
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
    if (o->dimension && ps_legislature_find_dimension(leg, o->dimension) < 0 &&
        ps_predict_enumerate(&r->a, leg, &popt, &err) < 0)
        return cli_usage_error("predict", "--dimension: %s", err.message);
    if (ps_predict_ranks_all(leg, &popt))
        return rank_every(r, o, &popt);
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
        char dim[256];
        double beta;
        if ((status = user_attribute(dim, sizeof dim, &beta, o->user[u])) != 0)
            return status;
        if (ps_predict_user_offset(r->offset, r->a, leg, dim, beta, &err) < 0)
            return cli_fail(&err);
    }
    ps_predict_probabilities(r->p, r->m, r->a, r->offset);
    if (ps_predict_order(&r->order, r->p, r->a->n, &err) < 0 ||
        ps_predict_summarize(&r->summary, r->a, r->p, r->order, leg->n_parties, &err) < 0)
        return cli_fail(&err);
    return EXIT_OK;
}

/* What the printers need of either ranking: a list (r->a, r->p,
 * r->order) or every government by classes (r->all). */
typedef struct view {
    size_t n_rows;
    double sets;
    size_t max_parties;
    bool positions, inclusive;
    long dimension;
    ps_members incumbent;
    const ps_predict_summary *summary;
} view;

typedef struct row {
    double rank;          /* 1 + the sets listed before */
    double p, alike;
    ps_members members;
    const double *x;
} row;

static void view_of(view *v, const ranked *r)
{
    if (r->all) {
        *v = (view){r->all->n_top, r->all->sets, r->all->max_parties, r->all->positions,
                    r->all->inclusive, r->all->dimension, r->all->incumbent, r->all->summary};
    } else {
        *v = (view){r->a->n, (double)r->a->n, r->a->max_parties, r->a->positions,
                    r->a->inclusive, r->a->dimension, r->a->incumbent, r->summary};
    }
}

/* Row k; rows are asked for in order from 0. */
static void row_at(row *w, const ranked *r, const view *v, size_t k)
{
    (void)v;
    double before = k ? w->rank + w->alike - 1 : 0;
    if (r->all) {
        w->members = r->all->top[k];
        w->p = r->all->top_p[k];
        w->alike = r->all->top_alike[k];
        w->x = r->all->top_x + k * PS_PA_COUNT;
    } else {
        size_t j = r->order[k];
        w->members = r->a->members[j];
        w->p = r->p[j];
        w->alike = 1;
        w->x = r->a->x + j * PS_PA_COUNT;
    }
    w->rank = before + 1;
}

static int rank_file(const predict_opts *o, const char *path)
{
    ranked r;
    memset(&r, 0, sizeof r);
    psi_buf_init(&r.gone);
    int status = rank(&r, o, path);
    if (status != EXIT_OK) {
        ranked_free(&r);
        return status == EXIT_DONE ? EXIT_OK : status;
    }
    const ps_legislature *leg = ps_document_legislature(r.doc);
    const ps_predict_model *m = r.m;
    view v;
    view_of(&v, &r);
    const char *model_name = ps_file_display_name(r.model_path); /* "<stdin>" for "-" */
    const char *caveat = ps_predict_caveat(m);
    const char *dim = v.dimension >= 0 ? leg->dimensions[v.dimension].id
                      : o->dimension ? o->dimension : "left_right";
    psi_buf cond;
    psi_buf_init(&cond);
    bool conditioned = condition_text(&cond, r.cond, leg);
    size_t top = o->top && o->top < v.n_rows ? o->top : v.n_rows;
    int n_attr = v.inclusive ? PS_PA_COUNT : PS_PA_FIRST_INCLUSIVE;
    row w;
    psi_buf b;
    psi_buf_init(&b);
    if (o->format == FORMAT_TEXT) {
        psi_buf_printf(&b, "%s: %.0f potential governments of at most %zu parties.\n", leg->name,
                       v.sets, v.max_parties);
        psi_buf_printf(&b, "Model: %s (%s; %zu cabinets).\n", model_name,
                       m->source ? m->source : "no source given", m->cases);
        psi_buf_printf(&b, "Caveat: %s.\n", caveat);
        if (r.all)
            psi_buf_printf(&b, "Every one ranked, by classes of interchangeable lists (the same "
                               "seats, community and positions): %llu combinations; 'alike' "
                               "counts the sets a row stands for.\n",
                           (unsigned long long)r.all->combinations);
        if (conditioned)
            psi_buf_printf(&b, "Condition: %s; only the governments that meet it are "
                               "ranked.\n", cond.data);
        if (!v.positions)
            psi_buf_printf(&b, "No %s position for every party: the positional "
                               "attributes (median, range, variance) play no part here.\n", dim);
        else if (o->dimension)
            psi_buf_printf(&b, "Positional attributes on the dimension %s.\n", dim);
        if (!v.incumbent && !r.gone.len)
            psi_buf_puts(&b, "No outgoing cabinet given (--incumbent): incumbency plays no "
                             "part.\n");
        if (r.gone.len)
            psi_buf_printf(&b, "Outgoing cabinet parties without a seat here (they drop out): "
                               "%s.\n", r.gone.data);
        for (size_t u = 0; u < o->n_user; u++)
            psi_buf_printf(&b, "User attribute (coefficient given, not fitted): %s.\n",
                           o->user[u]);
        if (v.inclusive)
            psi_buf_puts(&b, m->inclusive
                                 ? "Convention of inclusive government: the inclusion "
                                   "attributes apply.\n"
                                 : "The file declares a convention of inclusive government, "
                                   "but this model has no inclusion attributes (fitted without "
                                   "divided societies): they play no part.\n");
        predict_summary_text(&b, v.summary, leg, v.sets);
        psi_buf_puts(&b, "\nrank  probability  seats  parties  status    government\n");
        for (size_t k = 0; k < top; k++) {
            row_at(&w, &r, &v, k);
            int64_t seats = (int64_t)llround(w.x[PS_PA_SEAT_SHARE] * (double)leg->total_seats);
            psi_buf_printf(&b, "%4.0f  %11.6f  %5lld  %7zu  %-8s  ", w.rank, w.p,
                           (long long)seats, (size_t)w.x[PS_PA_PARTIES], status_of(w.x));
            members(&b, leg, w.members, " + ");
            if (w.alike > 1)
                psi_buf_printf(&b, "  (and %.0f alike)", w.alike - 1);
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
        predict_summary_json(&b, v.summary, leg);
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
                           "  \"potential_governments\": %.0f,\n  \"max_parties\": %zu,\n",
                       v.positions ? "true" : "false", v.sets, v.max_parties);
        if (r.all)
            psi_buf_printf(&b, "  \"combinations\": %llu,\n",
                           (unsigned long long)r.all->combinations);
        psi_buf_puts(&b, "  \"governments\": [");
        for (size_t k = 0; k < top; k++) {
            row_at(&w, &r, &v, k);
            const double *x = w.x;
            psi_buf_printf(&b, "%s\n    {\"rank\": %.0f, \"probability\": %.6g, ", k ? "," : "",
                           w.rank, w.p);
            if (r.all)
                psi_buf_printf(&b, "\"alike\": %.0f, ", w.alike);
            psi_buf_puts(&b, "\"parties\": [");
            bool first = true;
            for (size_t i = 0; i < leg->n_parties; i++)
                if (w.members & PS_MEMBER(i)) {
                    psi_buf_puts(&b, first ? "" : ", ");
                    psi_buf_json_string(&b, leg->parties[i].id);
                    first = false;
                }
            psi_buf_printf(&b, "], \"status\": \"%s\", \"attributes\": {", status_of(x));
            for (int q = 0; q < n_attr; q++)
                psi_buf_printf(&b, "%s\"%s\": %.6g", q ? ", " : "",
                               ps_predict_attr_name((ps_predict_attr)q), x[q]);
            psi_buf_puts(&b, "}}");
        }
        psi_buf_puts(&b, "\n  ]\n}\n");
    } else {
        psi_buf_puts(&b, r.all ? "rank,probability,alike,status,government"
                               : "rank,probability,status,government");
        for (int q = 0; q < n_attr; q++)
            psi_buf_printf(&b, ",%s", ps_predict_attr_name((ps_predict_attr)q));
        psi_buf_puts(&b, "\n");
        for (size_t k = 0; k < top; k++) {
            row_at(&w, &r, &v, k);
            psi_buf_printf(&b, "%.0f,%.6g,", w.rank, w.p);
            if (r.all)
                psi_buf_printf(&b, "%.0f,", w.alike);
            psi_buf_printf(&b, "%s,", status_of(w.x));
            members(&b, leg, w.members, ";");
            for (int q = 0; q < n_attr; q++)
                psi_buf_printf(&b, ",%.6g", w.x[q]);
            psi_buf_puts(&b, "\n");
        }
    }
    if (cond.failed)
        b.failed = true;
    status = predict_emit(&b, o->out_path);
    psi_buf_free(&cond);
    ranked_free(&r);
    return status;
}

int cmd_predict(int argc, char **argv)
{
    predict_opts o;
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
        case 'F': o.formations = optarg; break;
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
        return mode == 1 ? predict_fit(&o) : predict_eval(&o);
    }
    if (o.formations)
        return cli_usage_error("predict", "--formations is for fit and eval");
    if (optind + 1 != argc)
        return cli_usage_error("predict", optind == argc ? "a legislature FILE is required"
                                                         : "one FILE only");
    return rank_file(&o, argv[optind]);
}
