/*
 * cmd_predict_fit.c - `powershare predict fit` (a model from ParlGov, and
 * with --formations from the formations of divided societies too) and
 * `powershare predict eval` (its validation out of sample beside the
 * classic theories; with --formations the per-case table of
 * docs/predict.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_predict.h"

static int load_data(ps_parlgov **pg, ps_predict_data **d, ps_predict_formations **f,
                     const predict_opts *o)
{
    ps_error err;
    if (ps_parlgov_load(pg, o->dir, NULL, o->skip_caretaker, &err) < 0 ||
        ps_predict_data_build(d, *pg, o->dir, o->max_parties, &err) < 0 ||
        (o->formations &&
         ps_predict_formations_load(f, o->formations, o->max_parties, &err) < 0))
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
    for (int k = 0; k < (m->inclusive ? PS_PA_COUNT : PS_PA_FIRST_INCLUSIVE); k++)
        psi_buf_printf(b, "%-*s  %11.4f  %10.4f\n", m->inclusive ? 27 : 19, ps_predict_attr_name((ps_predict_attr)k),
                       m->beta[k], m->se[k]);
}

int predict_fit(const predict_opts *o)
{
    ps_parlgov *pg = NULL;
    ps_predict_data *d = NULL;
    ps_predict_formations *f = NULL;
    ps_predict_model *m = NULL;
    char *text = NULL;
    ps_error err;
    int status = load_data(&pg, &d, &f, o);
    if (status)
        goto done;
    if (ps_predict_fit_joint(&m, d, f, o->ridge, &err) < 0) {
        status = cli_fail(&err);
        goto done;
    }
    m->max_parties = o->max_parties;
    char src[512];
    snprintf(src, sizeof src, "ParlGov view_cabinet.csv: first cabinet after each election "
             "without a single-party majority%s%s",
             o->skip_caretaker ? ", skipping caretakers" : "",
             f ? "; and the formations of divided societies of tests/data/formations (each "
                 "election once)"
               : "");
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
        status = predict_emit(&b, NULL);
    } else {
        status = cli_write_output(NULL, text, strlen(text));
    }
done:
    ps_predict_text_free(text);
    ps_predict_model_free(m);
    ps_predict_formations_free(f);
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

/* The classic theory whose rank-1 set holds the cabinet and is the
 * smallest, into name and *size; false when none holds it. */
static bool best_theory(const char **name, uint64_t *size, const bool *hit, const uint64_t *set)
{
    bool found = false;
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        if (hit[t] && set[t] && (!found || set[t] < *size)) {
            *name = ps_theory_name((ps_theory)t);
            *size = set[t];
            found = true;
        }
    return found;
}

typedef struct tally {
    size_t top1, top5, top10, in_set;
    double loglik;
} tally;

static void tally_add(tally *t, const ps_predict_case_score *s)
{
    if (!s->rank)
        return;
    t->in_set++;
    t->top1 += s->rank == 1;
    t->top5 += s->rank <= 5;
    t->top10 += s->rank <= 10;
    t->loglik += log(s->p);
}

static void case_cells(psi_buf *b, const ps_predict_case_score *s, output_format f)
{
    if (f == FORMAT_CSV) {
        if (s->rank)
            psi_buf_printf(b, ",%zu,%.6g", s->rank, s->p);
        else
            psi_buf_puts(b, ",,");
    } else if (f == FORMAT_JSON) {
        if (s->rank)
            psi_buf_printf(b, "{\"rank\": %zu, \"probability\": %.6g}", s->rank, s->p);
        else
            psi_buf_puts(b, "null");
    } else if (s->rank) {
        psi_buf_printf(b, "  %8zu  %11.3g  %5s  %6s", s->rank, s->p, s->rank <= 5 ? "yes" : "no",
                       s->rank <= 10 ? "yes" : "no");
    } else {
        psi_buf_printf(b, "  %8s  %11s  %5s  %6s", "-", "-", "no", "no");
    }
}

static size_t lists_with_seats(const ps_predict_formation *c)
{
    const ps_legislature *leg = ps_document_legislature(c->doc);
    size_t n = 0;
    for (size_t i = 0; i < leg->n_parties; i++)
        n += leg->parties[i].seats > 0;
    return n;
}

/* `predict eval --formations DIR`: the table of docs/predict.md. */
static int eval_joint(const predict_opts *o, const ps_predict_data *d,
                      const ps_predict_formations *f)
{
    ps_predict_joint_eval ev;
    ps_error err;
    if (ps_predict_evaluate_joint(&ev, d, f, o->ridge, &err) < 0)
        return cli_fail(&err);
    tally joint = {0}, alone = {0};
    for (size_t i = 0; i < f->n; i++) {
        tally_add(&joint, &ev.joint[i]);
        tally_add(&alone, &ev.baseline[i]);
    }
    psi_buf b;
    psi_buf_init(&b);
    if (o->format == FORMAT_CSV) {
        psi_buf_puts(&b, "case,lists,cabinet_lists,joint_rank,joint_probability,"
                         "parlgov_rank,parlgov_probability,best_theory,best_theory_set\n");
        for (size_t i = 0; i < f->n; i++) {
            const ps_predict_formation *c = &f->cases[i];
            psi_buf_printf(&b, "%s,%zu,%zu", c->id, lists_with_seats(c), c->cabinet_size);
            case_cells(&b, &ev.joint[i], FORMAT_CSV);
            case_cells(&b, &ev.baseline[i], FORMAT_CSV);
            const char *name = NULL;
            uint64_t size = 0;
            if (best_theory(&name, &size, ev.theory_hit[i], ev.theory_set[i]))
                psi_buf_printf(&b, ",%s,%llu\n", name, (unsigned long long)size);
            else
                psi_buf_puts(&b, ",,\n");
        }
    } else if (o->format == FORMAT_JSON) {
        psi_buf_printf(&b, "{\n  \"countries\": %zu,\n  \"parlgov\": {", ev.countries);
        score_line(&b, "joint", &ev.parlgov, FORMAT_JSON);
        psi_buf_puts(&b, ", ");
        score_line(&b, "parlgov_only", &ev.parlgov_only, FORMAT_JSON);
        psi_buf_puts(&b, "},\n  \"cases\": [");
        for (size_t i = 0; i < f->n; i++) {
            psi_buf_printf(&b, "%s\n    {\"case\": \"%s\", \"cabinet_lists\": %zu, \"joint\": ",
                           i ? "," : "", f->cases[i].id, f->cases[i].cabinet_size);
            case_cells(&b, &ev.joint[i], FORMAT_JSON);
            psi_buf_puts(&b, ", \"parlgov_only\": ");
            case_cells(&b, &ev.baseline[i], FORMAT_JSON);
            psi_buf_puts(&b, ", \"theories\": {");
            for (int t = 0; t < PS_THEORY_COUNT; t++)
                psi_buf_printf(&b, "%s\"%s\": {\"in_set\": %s, \"set\": %llu}", t ? ", " : "",
                               ps_theory_name((ps_theory)t), ev.theory_hit[i][t] ? "true" : "false",
                               (unsigned long long)ev.theory_set[i][t]);
            psi_buf_puts(&b, "}}");
        }
        psi_buf_puts(&b, "\n  ]\n}\n");
    } else {
        psi_buf_printf(&b,
                       "Formations of divided societies: %zu cases; ParlGov: %zu cases; "
                       "%zu countries, each left out in turn.\n"
                       "joint: fitted on ParlGov and the formation cases without the case's "
                       "country;\nParlGov alone: today's model, fitted without the case's "
                       "country. Rank '-': the cabinet\nis not a potential government (more "
                       "lists than the cap).\n\n"
                       "case                         joint:  rank  probability  top-5  top-10"
                       "   alone:  rank  probability  top-5  top-10   best classic theory\n",
                       f->n, d->n, ev.countries);
        for (size_t i = 0; i < f->n; i++) {
            psi_buf_printf(&b, "%-28s     ", f->cases[i].id);
            case_cells(&b, &ev.joint[i], FORMAT_TEXT);
            psi_buf_puts(&b, "        ");
            case_cells(&b, &ev.baseline[i], FORMAT_TEXT);
            const char *name = NULL;
            uint64_t size = 0;
            if (best_theory(&name, &size, ev.theory_hit[i], ev.theory_set[i]))
                psi_buf_printf(&b, "   %s (1 of %llu)\n", name, (unsigned long long)size);
            else
                psi_buf_puts(&b, "   none\n");
        }
        psi_buf_printf(&b, "\n                 cases  top-1  top-5  top-10  mean log P\n");
        const struct { const char *name; const tally *t; } rows[] = {
            {"joint", &joint}, {"ParlGov alone", &alone}};
        for (size_t r = 0; r < 2; r++)
            psi_buf_printf(&b, "%-15s  %5zu  %5zu  %5zu  %6zu  %10.3f\n", rows[r].name, f->n,
                           rows[r].t->top1, rows[r].t->top5, rows[r].t->top10,
                           rows[r].t->in_set ? rows[r].t->loglik / (double)rows[r].t->in_set : 0);
        psi_buf_puts(&b, "\nThe classic theories on the same cases (in set: the cabinet is in "
                         "the rank-1 set; tie-weighted:\n1 / that set's size when it is):\n\n"
                         "theory      cases  in set  tie-weighted\n");
        for (int t = 0; t < PS_THEORY_COUNT; t++) {
            size_t cases = 0, in = 0;
            double tie = 0;
            for (size_t i = 0; i < f->n; i++)
                if (ev.theory_set[i][t]) {
                    cases++;
                    in += ev.theory_hit[i][t];
                    tie += ev.theory_hit[i][t] ? 1.0 / (double)ev.theory_set[i][t] : 0;
                }
            psi_buf_printf(&b, "%-10s  %5zu  %6zu  %12.2f\n", ps_theory_name((ps_theory)t),
                           cases, in, tie);
        }
        psi_buf_puts(&b, "\nParlGov's cases, each country left out:\n\n"
                         "validation              cases  in set   top-1           top-5    "
                         "   mean log-lik\n");
        score_line(&b, "joint", &ev.parlgov, FORMAT_TEXT);
        score_line(&b, "ParlGov alone", &ev.parlgov_only, FORMAT_TEXT);
    }
    ps_predict_joint_eval_free(&ev);
    return predict_emit(&b, o->out_path);
}

int predict_eval(const predict_opts *o)
{
    ps_parlgov *pg = NULL;
    ps_predict_data *d = NULL;
    ps_predict_formations *f = NULL;
    ps_predict_eval ev;
    ps_error err;
    int status = load_data(&pg, &d, &f, o);
    if (status)
        goto done;
    if (f) {
        status = eval_joint(o, d, f);
        goto done;
    }
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
    status = predict_emit(&b, o->out_path);
done:
    ps_predict_formations_free(f);
    ps_predict_data_free(d);
    ps_parlgov_free(pg);
    return status;
}

