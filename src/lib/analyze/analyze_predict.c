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

static const char caveat[] =
    "the model was fitted on cabinets of European and other established "
    "parliamentary democracies (ParlGov, elections up to 2010): elsewhere its "
    "probabilities compare with that record; they are not a forecast";

void psi_analyze_prediction_free(ps_prediction *p)
{
    if (!p)
        return;
    psi_free(p->model);
    psi_free(p->probability);
    psi_free(p->members);
    psi_free(p);
}

static int rank(ps_prediction **out, const ps_legislature *leg, const ps_condition *cond,
                const char *given, size_t top, ps_error *err)
{
    ps_predict_model *m = NULL;
    ps_predict_alts *alts = NULL;
    double *p = NULL;
    size_t *order = NULL;
    ps_prediction *pr = NULL;
    char *model_path = NULL;
    int rc = ps_predict_model_find(&model_path, given, err);
    if (rc == PS_OK)
        rc = ps_predict_model_load(&m, model_path, err);
    if (rc == PS_OK) {
        ps_predict_options popt;
        ps_predict_options_init(&popt);
        popt.max_parties = m->max_parties;
        popt.condition = cond;
        rc = ps_predict_enumerate(&alts, leg, &popt, err);
    }
    if (rc == PS_OK && !(p = psi_calloc(alts->n ? alts->n : 1, sizeof *p)))
        rc = psi_enomem(err);
    if (rc == PS_OK) {
        ps_predict_probabilities(p, m, alts, NULL);
        rc = ps_predict_order(&order, p, alts->n, err);
    }
    size_t shown = rc == PS_OK ? (top < alts->n ? top : alts->n) : 0;
    if (rc == PS_OK && !(pr = psi_calloc(1, sizeof *pr)))
        rc = psi_enomem(err);
    if (rc == PS_OK) {
        pr->caveat = caveat;
        pr->n_alternatives = alts->n;
        pr->max_parties = alts->max_parties;
        pr->n_top = shown;
        pr->model = psi_strdup(ps_file_display_name(model_path));
        pr->probability = psi_calloc(shown ? shown : 1, sizeof *pr->probability);
        pr->members = psi_calloc(shown ? shown : 1, sizeof *pr->members);
        if (!pr->model || !pr->probability || !pr->members)
            rc = psi_enomem(err);
    }
    for (size_t k = 0; rc == PS_OK && k < shown; k++) {
        pr->probability[k] = p[order[k]];
        pr->members[k] = alts->members[order[k]];
    }
    ps_predict_order_free(order);
    psi_free(p);
    ps_predict_alts_free(alts);
    ps_predict_model_free(m);
    ps_predict_text_free(model_path);
    if (rc < 0) {
        psi_analyze_prediction_free(pr);
        return rc;
    }
    *out = pr;
    return PS_OK;
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
