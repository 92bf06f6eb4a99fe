/*
 * predict_summary.c - the probabilities a reader of a prediction needs
 * before the ranked list (include/powershare/predict.h): each party's
 * probability of being in the government (a marginal over every potential
 * government), the probability of each majority status, and the mass of
 * the ten most probable governments. Sums of the model's probabilities,
 * nothing estimated beyond them; over a capped choice set they are sums
 * over that set.
 */
#include "util.h"
#include "powershare/predict.h"

void ps_predict_summary_free(ps_predict_summary *s)
{
    if (!s)
        return;
    psi_free(s->in_government);
    psi_free(s);
}

int ps_predict_summarize(ps_predict_summary **out, const ps_predict_alts *a, const double *p,
                         const size_t *order, size_t n_parties, ps_error *err)
{
    *out = NULL;
    ps_predict_summary *s = psi_calloc(1, sizeof *s);
    if (!s || !(s->in_government = psi_calloc(n_parties ? n_parties : 1, sizeof(double)))) {
        ps_predict_summary_free(s);
        return psi_enomem(err);
    }
    s->n_parties = n_parties;
    for (size_t j = 0; j < a->n; j++) {
        const double *x = a->x + j * PS_PA_COUNT;
        for (ps_members r = a->members[j]; r; r &= r - 1) {
            size_t i = (size_t)__builtin_ctzll(r);
            if (i < n_parties)
                s->in_government[i] += p[j];
        }
        if (x[PS_PA_MINORITY] != 0)
            s->minority += p[j];
        else if (x[PS_PA_MINIMAL] != 0)
            s->minimal += p[j];
        else
            s->surplus += p[j];
    }
    for (size_t k = 0; k < a->n && k < 10; k++)
        s->top10 += p[order[k]];
    *out = s;
    return PS_OK;
}
