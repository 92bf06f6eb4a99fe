/*
 * predict_joint.c - one conditional logit fitted on ParlGov and on the
 * formations of divided societies together, and its validation leaving one
 * country out (include/powershare/predict.h).
 *
 * Each election counts once: a ParlGov case of the same country and
 * election year as a formation case (Belgium 2010, Switzerland 2003 and
 * 2007 in ParlGov up to 2010) is left out of the joint fit, the formation
 * case (with its communities and convention) standing for it. The
 * validation fits one model per country of either source, without that
 * country, and scores its cases: ParlGov's (as `predict eval` does) and the
 * formation cases' rank and probability. Beside it, today's model - ParlGov
 * alone, the same country left out - and the classic theories' rank-1 sets
 * (parlgov_eval.c) on the formation cases.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "cancel_hook.h"
#include "progress_hook.h"
#include "predict_impl.h"

/* ParlGov's case i duplicates a formation case. */
static bool duplicated(const ps_parlgov_case *c, const ps_predict_formations *f)
{
    for (size_t j = 0; f && j < f->n; j++)
        if (atoi(c->election_date) == f->cases[j].year &&
            psi_predict_same_country(c->country_name, f->cases[j].country))
            return true;
    return false;
}

/* The observations: ParlGov's cases (not of country `left`, not
 * duplicated when f is given) and the formation cases (not of `left`). */
static int fit_without(ps_predict_model **out, const ps_predict_data *d,
                       const ps_predict_formations *f, const char *left, double ridge,
                       ps_error *err)
{
    size_t n = (d ? d->n : 0) + (f ? f->n : 0);
    ps_predict_obs *obs = psi_malloc_array(n ? n : 1, sizeof *obs);
    if (!obs)
        return psi_enomem(err);
    size_t k = 0;
    for (size_t i = 0; d && i < d->n; i++)
        if (d->chosen[i] >= 0 && !duplicated(d->cases[i], f) &&
            !(left && psi_predict_same_country(d->cases[i]->country_name, left)))
            obs[k++] = (ps_predict_obs){d->alts[i], (size_t)d->chosen[i]};
    for (size_t i = 0; f && i < f->n; i++)
        if (f->cases[i].chosen >= 0 && !(left && psi_predict_same_country(f->cases[i].country, left)))
            obs[k++] = (ps_predict_obs){f->cases[i].alts, (size_t)f->cases[i].chosen};
    int rc = ps_predict_fit(out, obs, k, ridge, err);
    psi_free(obs);
    return rc;
}

int ps_predict_fit_joint(ps_predict_model **out, const ps_predict_data *d,
                         const ps_predict_formations *f, double ridge, ps_error *err)
{
    return fit_without(out, d, f, NULL, ridge, err);
}

void ps_predict_joint_eval_free(ps_predict_joint_eval *ev)
{
    if (!ev)
        return;
    psi_free(ev->joint);
    psi_free(ev->baseline);
    psi_free(ev->theory_hit);
    psi_free(ev->theory_set);
    memset(ev, 0, sizeof *ev);
}

/* The countries of both sources, each once, into names (borrowed). */
static size_t countries_of(const char **names, const ps_predict_data *d,
                           const ps_predict_formations *f)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n + f->n; i++) {
        const char *c = i < d->n ? d->cases[i]->country_name : f->cases[i - d->n].country;
        size_t j = 0;
        while (j < n && !psi_predict_same_country(names[j], c))
            j++;
        if (j == n)
            names[n++] = c;
    }
    return n;
}

/* The classic theories on formation case c: ParlGov's test on its
 * legislature (positions when its first dimension is left_right and every
 * party with seats has one). */
static int theories(bool *hit, uint64_t *set, const ps_predict_formation *c, ps_error *err)
{
    const ps_legislature *leg = ps_document_legislature(c->doc);
    bool complete = leg->n_dimensions > 0 && !strcmp(leg->dimensions[0].id, "left_right");
    for (size_t i = 0; complete && i < leg->n_parties; i++)
        if (leg->parties[i].seats > 0 && isnan(leg->parties[i].positions[0]))
            complete = false;
    ps_parlgov_case pc;
    memset(&pc, 0, sizeof pc);
    pc.leg = (ps_legislature *)leg; /* only read */
    pc.cabinet = c->cabinet;
    pc.positions_complete = complete;
    ps_parlgov_result r;
    int rc = ps_parlgov_case_evaluate(&r, &pc, err);
    if (rc < 0)
        return rc;
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        hit[t] = r.applies[t] && r.hit[t];
        set[t] = r.applies[t] ? r.set_size[t] : 0;
    }
    return PS_OK;
}

int ps_predict_evaluate_joint(ps_predict_joint_eval *out, const ps_predict_data *d,
                              const ps_predict_formations *f, double ridge, ps_error *err)
{
    memset(out, 0, sizeof *out);
    size_t most = 1;
    for (size_t i = 0; i < d->n; i++)
        most = d->alts[i]->n > most ? d->alts[i]->n : most;
    for (size_t i = 0; i < f->n; i++)
        most = f->cases[i].alts->n > most ? f->cases[i].alts->n : most;
    double *p = psi_malloc_array(most, sizeof *p);
    const char **names = psi_malloc_array(d->n + f->n + 1, sizeof *names);
    out->n = f->n;
    out->joint = psi_calloc(f->n + 1, sizeof *out->joint);
    out->baseline = psi_calloc(f->n + 1, sizeof *out->baseline);
    out->theory_hit = psi_calloc(f->n + 1, sizeof *out->theory_hit);
    out->theory_set = psi_calloc(f->n + 1, sizeof *out->theory_set);
    ps_predict_model *joint = NULL, *alone = NULL;
    int rc = PS_OK;
    if (!p || !names || !out->joint || !out->baseline || !out->theory_hit || !out->theory_set) {
        rc = psi_enomem(err);
        goto done;
    }
    size_t nc = countries_of(names, d, f);
    for (size_t k = 0; k < nc; k++) {
        psi_progress("predict eval (countries left out)", k, nc);
        if (psi_cancelled()) {
            rc = psi_cancel_error(err);
            goto done;
        }
        if ((rc = fit_without(&joint, d, f, names[k], ridge, err)) < 0 ||
            (rc = fit_without(&alone, d, NULL, names[k], ridge, err)) < 0)
            goto done;
        for (size_t i = 0; i < d->n; i++)
            if (psi_predict_same_country(d->cases[i]->country_name, names[k])) {
                bool hit;
                psi_predict_score_case(&out->parlgov, &hit, joint, d, i, p);
                psi_predict_score_case(&out->parlgov_only, &hit, alone, d, i, p);
            }
        for (size_t i = 0; i < f->n; i++)
            if (psi_predict_same_country(f->cases[i].country, names[k])) {
                if ((rc = ps_predict_formation_score(&out->joint[i].rank, &out->joint[i].p,
                                                     &f->cases[i], joint, err)) < 0 ||
                    (rc = ps_predict_formation_score(&out->baseline[i].rank,
                                                     &out->baseline[i].p, &f->cases[i], alone,
                                                     err)) < 0)
                    goto done;
            }
        ps_predict_model_free(joint);
        ps_predict_model_free(alone);
        joint = alone = NULL;
        out->countries++;
    }
    for (size_t i = 0; i < f->n; i++)
        if ((rc = theories(out->theory_hit[i], out->theory_set[i], &f->cases[i], err)) < 0)
            goto done;
done:
    psi_progress_end("predict eval (countries left out)");
    ps_predict_model_free(joint);
    ps_predict_model_free(alone);
    psi_free(p);
    psi_free(names);
    if (rc < 0)
        ps_predict_joint_eval_free(out);
    return rc;
}
