/*
 * analyze_predict.c - the prediction section of the analysis: the
 * conditional logit of the predict stage over every potential government,
 * ranked, with the caveat that travels with it.
 *
 * Only the governments that meet the document's power-sharing condition
 * are ranked (the predict stage applies it with ps_condition_meets, as the
 * coalitions section does), so the prediction never puts first a
 * government the coalitions section rules out.
 *
 * A model that cannot be found, read or used is a note of the analysis,
 * not its failure: the rest of the report stands without it. With no model
 * named (PS_PREDICT_MODEL_SEARCH) it is looked up by ps_predict_model_find,
 * whose message names where it looked and how to give one.
 */
#include <stdio.h>
#include <string.h>

#include "analyze_impl.h"
#include "util.h"
#include "powershare/io.h"
#include "powershare/predict.h"

void psi_analyze_prediction_free(ps_prediction *p)
{
    if (!p)
        return;
    psi_free(p->model);
    psi_free(p->probability);
    psi_free(p->alike);
    psi_free(p->members);
    ps_predict_summary_free(p->summary);
    psi_free(p);
}

static int make(ps_prediction **out, size_t shown, const char *model_path, ps_error *err)
{
    ps_prediction *pr = psi_calloc(1, sizeof *pr);
    if (!pr)
        return psi_enomem(err);
    pr->n_top = shown;
    pr->model = psi_strdup(ps_file_display_name(model_path));
    pr->probability = psi_calloc(shown ? shown : 1, sizeof *pr->probability);
    pr->alike = psi_calloc(shown ? shown : 1, sizeof *pr->alike);
    pr->members = psi_calloc(shown ? shown : 1, sizeof *pr->members);
    if (!pr->model || !pr->probability || !pr->alike || !pr->members) {
        psi_analyze_prediction_free(pr);
        return psi_enomem(err);
    }
    *out = pr;
    return PS_OK;
}

/* Every government of a large chamber of inclusive convention. */
static int rank_every(ps_prediction **out, const ps_legislature *leg,
                      const ps_predict_options *popt, const ps_predict_model *m,
                      const char *model_path, size_t top, ps_error *err)
{
    ps_predict_ranking *r = NULL;
    int rc = ps_predict_rank_all(&r, leg, popt, m, NULL, 0, top, err);
    if (rc == PS_OK)
        rc = make(out, r->n_top, model_path, err);
    if (rc == PS_OK) {
        ps_prediction *pr = *out;
        pr->sets = r->sets;
        pr->n_alternatives = r->sets < (double)SIZE_MAX ? (size_t)r->sets : SIZE_MAX;
        pr->max_parties = r->max_parties;
        pr->every = true;
        pr->inclusive = r->inclusive && m->inclusive;
        for (size_t k = 0; k < r->n_top; k++) {
            pr->probability[k] = r->top_p[k];
            pr->alike[k] = r->top_alike[k];
            pr->members[k] = r->top[k];
        }
        pr->summary = r->summary;
        r->summary = NULL;
    }
    ps_predict_ranking_free(r);
    return rc;
}

/* The listed potential governments (at most the cap). */
static int rank_listed(ps_prediction **out, const ps_legislature *leg,
                       const ps_predict_options *popt, const ps_predict_model *m,
                       const char *model_path, size_t top, ps_error *err)
{
    ps_predict_alts *alts = NULL;
    double *p = NULL;
    size_t *order = NULL;
    int rc = ps_predict_enumerate(&alts, leg, popt, err);
    if (rc == PS_OK && !(p = psi_calloc(alts->n ? alts->n : 1, sizeof *p)))
        rc = psi_enomem(err);
    if (rc == PS_OK) {
        ps_predict_probabilities(p, m, alts, NULL);
        rc = ps_predict_order(&order, p, alts->n, err);
    }
    size_t shown = rc == PS_OK ? (top < alts->n ? top : alts->n) : 0;
    if (rc == PS_OK)
        rc = make(out, shown, model_path, err);
    if (rc == PS_OK) {
        ps_prediction *pr = *out;
        pr->n_alternatives = alts->n;
        pr->sets = (double)alts->n;
        pr->max_parties = alts->max_parties;
        pr->inclusive = alts->inclusive && m->inclusive;
        for (size_t k = 0; k < shown; k++) {
            pr->probability[k] = p[order[k]];
            pr->alike[k] = 1;
            pr->members[k] = alts->members[order[k]];
        }
        rc = ps_predict_summarize(&pr->summary, alts, p, order, leg->n_parties, err);
    }
    ps_predict_order_free(order);
    psi_free(p);
    ps_predict_alts_free(alts);
    return rc;
}

static int rank(ps_prediction **out, const ps_legislature *leg, const ps_condition *cond,
                const char *given, size_t top, ps_error *err)
{
    ps_predict_model *m = NULL;
    char *model_path = NULL;
    *out = NULL;
    int rc = ps_predict_model_find(&model_path, given, err);
    if (rc == PS_OK)
        rc = ps_predict_model_load(&m, model_path, err);
    if (rc == PS_OK) {
        ps_predict_options popt;
        ps_predict_options_init(&popt);
        popt.max_parties = m->max_parties;
        popt.condition = cond;
        rc = ps_predict_ranks_all(leg, &popt)
                 ? rank_every(out, leg, &popt, m, model_path, top, err)
                 : rank_listed(out, leg, &popt, m, model_path, top, err);
    }
    if (rc == PS_OK)
        (*out)->caveat = ps_predict_caveat(m);
    ps_predict_model_free(m);
    ps_predict_text_free(model_path);
    if (rc < 0) {
        psi_analyze_prediction_free(*out);
        *out = NULL;
    }
    return rc;
}

int psi_analyze_predict(ps_analyze_result *res, const char *model_path, size_t top,
                        ps_error *err)
{
    ps_error why;
    ps_error_clear(&why);
    int rc = rank(&res->prediction, res->leg, res->condition, model_path, top, &why);
    if (rc == PS_ENOMEM)
        return psi_enomem(err);
    if (rc < 0) {
        char text[PS_ERROR_FILE_MAX + PS_ERROR_MESSAGE_MAX];
        ps_error_format(&why, text, sizeof text);
        if (!(res->prediction_error = psi_strdup(text)))
            return psi_enomem(err);
    }
    return PS_OK;
}
