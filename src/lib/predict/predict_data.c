/*
 * predict_data.c - ParlGov's formation opportunities for the conditional
 * logit, and its out-of-sample validation.
 *
 * The cases are those of parlgov.c (the first cabinet after each election)
 * without a single-party majority, as in `powershare evaluate`. The
 * outgoing cabinet is the case cabinet's previous_cabinet_id in
 * view_cabinet.csv; its parties (cabinet_party = 1) are matched to the
 * case's players by ParlGov's party_id, so a party that left parliament
 * simply drops out. Validation: leave one country out (each country's cases
 * predicted by a model fitted on all other countries) and a time split
 * (fitted on elections before 1 January of a year, tested on the rest),
 * beside the classic theories' rank-1 sets on the same cases
 * (parlgov_eval.c), as in Martin & Stevenson (AJPS 2001).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_reader.h"
#include "util.h"
#include "cancel_hook.h"
#include "progress_hook.h"
#include "predict_impl.h"
#include "../parlgov/parlgov_impl.h"
#include "powershare/io.h"
#include "powershare/predict.h"

typedef struct prow {
    int64_t cabinet, previous, party;
    bool in_cabinet;
    char *short_name;
} prow;

static void prows_free(prow *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        psi_free(r[i].short_name);
    psi_free(r);
}

static int read_prows(prow **out, size_t *n_out, const char *dir, ps_error *err)
{
    enum { CAB, PREV, PARTY, INCAB, SHORT, NC };
    static const char *const names[NC] = {"cabinet_id", "previous_cabinet_id", "party_id",
                                          "cabinet_party", "party_name_short"};
    char path[4096];
    snprintf(path, sizeof path, "%s/view_cabinet.csv", dir);
    char *text;
    size_t n = 0, cap = 0;
    prow *rows = NULL;
    psi_csv *csv;
    const psi_csv_field *f;
    size_t nf;
    long col[NC];
    int rc = psi_parlgov_open(&text, &csv, col, path, names, NC, err);
    if (rc < 0)
        goto done;
    while ((rc = psi_csv_next(csv, &f, &nf, err)) == 1) {
        void *grown = rows;
        rc = psi_parlgov_grow(&grown, &cap, n, sizeof *rows, err);
        rows = grown;
        if (rc < 0)
            goto done;
        prow *r = &rows[n];
        memset(r, 0, sizeof *r);
        int64_t v = 0;
        r->previous = -1;
        if ((rc = psi_csv_count(&r->cabinet, &f[col[CAB]], names[CAB], path, err)) < 0 ||
            (f[col[PREV]].len &&
             (rc = psi_csv_count(&r->previous, &f[col[PREV]], names[PREV], path, err)) < 0) ||
            (rc = psi_csv_count(&r->party, &f[col[PARTY]], names[PARTY], path, err)) < 0 ||
            (f[col[INCAB]].len &&
             (rc = psi_csv_count(&v, &f[col[INCAB]], names[INCAB], path, err)) < 0))
            goto done;
        r->in_cabinet = v != 0;
        if (!(r->short_name = psi_strdup(f[col[SHORT]].text))) {
            rc = psi_enomem(err);
            goto done;
        }
        n++;
    }
done:
    psi_csv_free(csv);
    psi_free(text);
    if (rc < 0) {
        prows_free(rows, n);
        return rc;
    }
    *out = rows;
    *n_out = n;
    return PS_OK;
}

/* The outgoing cabinet's parties among the players of case c, as parlgov.c
 * named them: name_short, or name_short-party_id when that was taken. */
static ps_members outgoing(const ps_parlgov_case *c, const prow *rows, size_t n)
{
    int64_t prev = -1;
    for (size_t i = 0; i < n && prev < 0; i++)
        if (rows[i].cabinet == c->cabinet_id)
            prev = rows[i].previous;
    if (prev < 0)
        return 0;
    ps_members m = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].cabinet != prev || !rows[i].in_cabinet)
            continue;
        for (size_t j = 0; j < n; j++) {
            if (rows[j].cabinet != c->cabinet_id || rows[j].party != rows[i].party)
                continue;
            char id[160];
            snprintf(id, sizeof id, "%s-%lld", rows[j].short_name, (long long)rows[j].party);
            long k = ps_legislature_find_party(c->leg, id);
            if (k < 0)
                k = ps_legislature_find_party(c->leg, rows[j].short_name);
            if (k >= 0)
                m |= PS_MEMBER(k);
            break;
        }
    }
    return m;
}

void ps_predict_data_free(ps_predict_data *d)
{
    if (!d)
        return;
    for (size_t i = 0; d->alts && i < d->n; i++)
        ps_predict_alts_free(d->alts[i]);
    psi_free(d->alts);
    psi_free(d->cases);
    psi_free(d->chosen);
    psi_free(d);
}

int ps_predict_data_build(ps_predict_data **out, const ps_parlgov *pg, const char *dir,
                          size_t max_parties, ps_error *err)
{
    *out = NULL;
    prow *rows = NULL;
    size_t n_rows = 0, n = 0;
    int rc = read_prows(&rows, &n_rows, dir, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < pg->n; i++)
        n += !pg->cases[i].single_majority;
    ps_predict_data *d = psi_calloc(1, sizeof *d);
    if (!d || !(d->cases = psi_calloc(n ? n : 1, sizeof(const ps_parlgov_case *))) ||
        !(d->alts = psi_calloc(n ? n : 1, sizeof(ps_predict_alts *))) ||
        !(d->chosen = psi_calloc(n ? n : 1, sizeof *d->chosen))) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t i = 0; i < pg->n; i++) {
        psi_progress("predict (cases)", i, pg->n);
        if (psi_cancelled()) {
            rc = psi_cancel_error(err);
            goto done;
        }
        const ps_parlgov_case *c = &pg->cases[i];
        if (c->single_majority)
            continue;
        d->cases[d->n] = c;
        d->chosen[d->n] = -1;
        rc = ps_predict_alternatives(&d->alts[d->n], c->leg, outgoing(c, rows, n_rows),
                                     max_parties, err);
        if (rc < 0) {
            psi_parlgov_case_error(err, rc, c);
            goto done;
        }
        const ps_predict_alts *a = d->alts[d->n];
        for (size_t j = 0; c->cabinet && j < a->n; j++)
            if (a->members[j] == c->cabinet) {
                d->chosen[d->n] = (long)j;
                break;
            }
        d->n++;
    }
done:
    psi_progress_end("predict (cases)");
    prows_free(rows, n_rows);
    if (rc < 0) {
        ps_predict_data_free(d);
        return rc;
    }
    *out = d;
    return PS_OK;
}

int ps_predict_fit_data(ps_predict_model **out, const ps_predict_data *d, const bool *use,
                        double ridge, ps_error *err)
{
    *out = NULL;
    ps_predict_obs *obs = psi_malloc_array(d->n ? d->n : 1, sizeof *obs);
    if (!obs)
        return psi_enomem(err);
    size_t k = 0;
    for (size_t i = 0; i < d->n; i++)
        if ((!use || use[i]) && d->chosen[i] >= 0)
            obs[k++] = (ps_predict_obs){d->alts[i], (size_t)d->chosen[i]};
    int rc = ps_predict_fit(out, obs, k, ridge, err);
    psi_free(obs);
    return rc;
}

void psi_predict_score_case(ps_predict_score *s, bool *hit1, const ps_predict_model *m,
                            const ps_predict_data *d, size_t i, double *p)
{
    s->cases++;
    *hit1 = false;
    long c = d->chosen[i];
    if (c < 0)
        return;
    size_t above = psi_predict_above(p, m, d->alts[i], (size_t)c);
    s->in_set++;
    s->top1 += above == 0;
    s->top5 += above < 5;
    s->loglik += log(p[c]);
    *hit1 = above == 0;
}

size_t psi_predict_above(double *p, const ps_predict_model *m, const ps_predict_alts *a,
                         size_t chosen)
{
    ps_predict_probabilities(p, m, a, NULL);
    size_t above = 0;
    for (size_t j = 0; j < a->n; j++)
        above += p[j] > p[chosen] || (j < chosen && p[j] == p[chosen]);
    return above;
}

static int year_of(const ps_parlgov_case *c)
{
    return atoi(c->election_date);
}

int ps_predict_evaluate(ps_predict_eval *out, const ps_predict_data *d, int split_year,
                        double ridge, ps_error *err)
{
    memset(out, 0, sizeof *out);
    out->split_year = split_year;
    size_t most = 1;
    for (size_t i = 0; i < d->n; i++)
        most = d->alts[i]->n > most ? d->alts[i]->n : most;
    double *p = psi_malloc_array(most, sizeof *p);
    bool *use = psi_calloc(d->n ? d->n : 1, sizeof *use);
    bool *loco = psi_calloc(d->n ? d->n : 1, sizeof *loco);
    bool *timed = psi_calloc(d->n ? d->n : 1, sizeof *timed);
    ps_predict_model *m = NULL;
    int rc = PS_OK;
    bool hit;
    if (!p || !use || !loco || !timed) {
        rc = psi_enomem(err);
        goto done;
    }
    if ((rc = ps_predict_fit_data(&m, d, NULL, ridge, err)) < 0)
        goto done;
    for (size_t i = 0; i < d->n; i++)
        psi_predict_score_case(&out->in_sample, &hit, m, d, i, p);
    ps_predict_model_free(m);
    m = NULL;
    /* leave one country out: cases are sorted by country */
    for (size_t i = 0; i < d->n;) {
        size_t end = i;
        while (end < d->n && !strcmp(d->cases[end]->country, d->cases[i]->country))
            end++;
        for (size_t j = 0; j < d->n; j++)
            use[j] = j < i || j >= end;
        if ((rc = ps_predict_fit_data(&m, d, use, ridge, err)) < 0)
            goto done;
        for (size_t j = i; j < end; j++)
            psi_predict_score_case(&out->loco, &loco[j], m, d, j, p);
        ps_predict_model_free(m);
        m = NULL;
        out->countries++;
        i = end;
    }
    for (size_t j = 0; j < d->n; j++)
        use[j] = year_of(d->cases[j]) < split_year;
    if ((rc = ps_predict_fit_data(&m, d, use, ridge, err)) < 0)
        goto done;
    for (size_t j = 0; j < d->n; j++)
        psi_predict_score_case(use[j] ? &out->time_train : &out->time_test, &timed[j], m, d, j, p);
    /* the classic theories on the same cases */
    for (size_t j = 0; j < d->n; j++) {
        ps_parlgov_result r;
        if ((rc = ps_parlgov_case_evaluate(&r, d->cases[j], err)) < 0)
            goto done;
        for (int t = 0; t < PS_THEORY_COUNT; t++) {
            if (!r.applies[t])
                continue;
            double tie = r.hit[t] && r.set_size[t] ? 1.0 / (double)r.set_size[t] : 0;
            out->theory[t].cases++;
            out->theory[t].hits += r.hit[t];
            out->theory[t].mean_set += (double)r.set_size[t];
            out->theory_tie[t] += tie;
            out->model_top1[t] += loco[j];
            if (!use[j]) {
                out->time_theory_cases[t]++;
                out->time_theory_hits[t] += r.hit[t];
                out->time_theory_tie[t] += tie;
                out->time_model_top1[t] += timed[j];
            }
        }
    }
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        if (out->theory[t].cases)
            out->theory[t].mean_set /= (double)out->theory[t].cases;
done:
    ps_predict_model_free(m);
    psi_free(p);
    psi_free(use);
    psi_free(loco);
    psi_free(timed);
    return rc;
}
