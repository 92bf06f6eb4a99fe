/*
 * predict_fit.c - the conditional logit (McFadden, "Conditional logit
 * analysis of qualitative choice behavior", 1974) fitted by Newton-Raphson.
 *
 * Objective: sum_i [x_ic . b - log sum_j exp(x_ij . b)] - ridge/2 |b|^2.
 * Gradient: sum_i (x_ic - xbar_i) - ridge b, xbar_i = sum_j p_ij x_ij.
 * Hessian: -sum_i sum_j p_ij (x_ij - xbar_i)(x_ij - xbar_i)' - ridge I,
 * negative definite for ridge > 0, so Newton steps (solved by Cholesky)
 * always point uphill; a step that does not raise the objective is halved.
 *
 * Separation: when an attribute orders the chosen alternative above all
 * others in every case (e.g. a dummy that is 1 only for chosen cabinets),
 * the unpenalised maximum is at infinity. The ridge term (a Gaussian prior
 * N(0, 1/ridge) on each coefficient; le Cessie & van Houwelingen, Applied
 * Statistics 1992) keeps the estimate finite and costs little: with
 * ridge = 0.01 and hundreds of cases it moves the estimates by far less
 * than their standard errors. Standard errors: the square roots of the
 * diagonal of the inverse of minus the penalised Hessian at the optimum.
 * Probabilities use the log-sum-exp shift so that no exponential overflows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "cancel_hook.h"
#include "progress_hook.h"
#include "powershare/predict.h"

#define K PS_PA_COUNT

void ps_predict_model_free(ps_predict_model *m)
{
    if (!m)
        return;
    psi_free(m->source);
    psi_free(m);
}

static double dot(const double *x, const double *b)
{
    double s = 0;
    for (int k = 0; k < K; k++)
        s += x[k] * b[k];
    return s;
}

void ps_predict_probabilities(double *p, const ps_predict_model *m, const ps_predict_alts *a,
                              const double *offset)
{
    psi_work_done(PSI_WORK_PREDICTION);
    double top = -INFINITY, sum = 0;
    for (size_t j = 0; j < a->n; j++) {
        p[j] = dot(a->x + j * K, m->beta) + (offset ? offset[j] : 0);
        top = p[j] > top ? p[j] : top;
    }
    for (size_t j = 0; j < a->n; j++)
        sum += (p[j] = exp(p[j] - top));
    for (size_t j = 0; j < a->n; j++)
        p[j] /= sum;
}

typedef struct ranked {
    double p;
    size_t i;
} ranked;

static int by_p(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->p != b->p)
        return a->p > b->p ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* By decreasing probability, ties by index: a total order, so the result
 * does not depend on qsort's choices. */
int ps_predict_order(size_t **out, const double *p, size_t n, ps_error *err)
{
    *out = NULL;
    size_t *o = psi_malloc_array(n ? n : 1, sizeof *o);
    ranked *r = psi_malloc_array(n ? n : 1, sizeof *r);
    if (!o || !r) {
        psi_free(o);
        psi_free(r);
        return psi_enomem(err);
    }
    for (size_t i = 0; i < n; i++)
        r[i] = (ranked){p[i], i};
    qsort(r, n, sizeof *r, by_p);
    for (size_t i = 0; i < n; i++)
        o[i] = r[i].i;
    psi_free(r);
    *out = o;
    return PS_OK;
}

void ps_predict_order_free(size_t *order)
{
    psi_free(order);
}

/* The penalty on coefficient k: ridge, and PS_PREDICT_RIDGE_INCLUSIVE on
 * the inclusion attributes (learnt from a score of cases, not hundreds). */
static double lambda(int k, double ridge)
{
    return k >= PS_PA_FIRST_INCLUSIVE ? PS_PREDICT_RIDGE_INCLUSIVE : ridge;
}

/* Objective, gradient g and information matrix h (= minus the Hessian,
 * K*K) at b. g and h may be NULL (objective only). Returns the
 * unpenalised log-likelihood in *ll. */
static double evaluate(double *ll, double *g, double *h, const ps_predict_obs *obs, size_t n_obs,
                       double ridge, const double *b, double *u, int kk)
{
    double total = 0;
    if (g) {
        memset(g, 0, K * sizeof *g);
        memset(h, 0, (size_t)K * K * sizeof *h);
    }
    for (size_t i = 0; i < n_obs; i++) {
        const ps_predict_alts *a = obs[i].alts;
        double top = -INFINITY, sum = 0;
        for (size_t j = 0; j < a->n; j++) {
            u[j] = dot(a->x + j * K, b);
            top = u[j] > top ? u[j] : top;
        }
        for (size_t j = 0; j < a->n; j++)
            sum += (u[j] = exp(u[j] - top));
        total += dot(a->x + obs[i].chosen * K, b) - top - log(sum);
        if (!g)
            continue;
        double mean[K] = {0}, s2[K * K] = {0};
        for (size_t j = 0; j < a->n; j++) {
            double p = u[j] / sum;
            if (p == 0)
                continue;
            const double *x = a->x + j * K;
            for (int k = 0; k < kk; k++) {
                double px = p * x[k];
                mean[k] += px;
                for (int l = 0; l <= k; l++)
                    s2[k * K + l] += px * x[l];
            }
        }
        const double *xc = a->x + obs[i].chosen * K;
        for (int k = 0; k < kk; k++) {
            g[k] += xc[k] - mean[k];
            for (int l = 0; l <= k; l++)
                h[k * K + l] += s2[k * K + l] - mean[k] * mean[l];
        }
    }
    *ll = total;
    double pen = 0;
    for (int k = 0; k < kk; k++)
        pen += lambda(k, ridge) * b[k] * b[k];
    if (g)
        for (int k = 0; k < kk; k++) {
            g[k] -= lambda(k, ridge) * b[k];
            h[k * K + k] += lambda(k, ridge);
            for (int l = 0; l < k; l++)
                h[l * K + k] = h[k * K + l];
        }
    return total - pen / 2;
}

/* Cholesky factor L (lower) of the symmetric positive definite a, in
 * place. Returns false when a is not positive definite. */
static bool cholesky(double *a, int kk)
{
    for (int j = 0; j < kk; j++) {
        double d = a[j * K + j];
        for (int k = 0; k < j; k++)
            d -= a[j * K + k] * a[j * K + k];
        if (!(d > 0))
            return false;
        d = sqrt(d);
        a[j * K + j] = d;
        for (int i = j + 1; i < kk; i++) {
            double s = a[i * K + j];
            for (int k = 0; k < j; k++)
                s -= a[i * K + k] * a[j * K + k];
            a[i * K + j] = s / d;
        }
    }
    return true;
}

/* Solves L L' x = b in place. */
static void solve(const double *l, double *x, int kk)
{
    for (int i = 0; i < kk; i++) {
        double s = x[i];
        for (int k = 0; k < i; k++)
            s -= l[i * K + k] * x[k];
        x[i] = s / l[i * K + i];
    }
    for (int i = kk - 1; i >= 0; i--) {
        double s = x[i];
        for (int k = i + 1; k < kk; k++)
            s -= l[k * K + i] * x[k];
        x[i] = s / l[i * K + i];
    }
}

int ps_predict_fit(ps_predict_model **out, const ps_predict_obs *obs, size_t n_obs,
                   double ridge, ps_error *err)
{
    *out = NULL;
    if (!obs || n_obs == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no formation opportunity to fit on");
    if (ridge < 0)
        ridge = PS_PREDICT_RIDGE;
    size_t most = 0, total = 0;
    bool inclusive = false;
    for (size_t i = 0; i < n_obs; i++) {
        if (!obs[i].alts || obs[i].chosen >= obs[i].alts->n)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "opportunity %zu: the chosen government is not among its sets", i);
        most = obs[i].alts->n > most ? obs[i].alts->n : most;
        inclusive = inclusive || obs[i].alts->inclusive;
        total += obs[i].alts->n;
    }
    double *u = psi_malloc_array(most, sizeof *u);
    ps_predict_model *m = psi_calloc(1, sizeof *m);
    if (!u || !m) {
        psi_free(u);
        psi_free(m);
        return psi_enomem(err);
    }
    /* Without a chamber of inclusive convention the inclusion attributes
     * are 0 everywhere: they are left out of the fit (and of the model) */
    int kk = inclusive ? K : PS_PA_FIRST_INCLUSIVE;
    double b[K] = {0}, g[K] = {0}, h[K * K], ll;
    int rc = PS_OK, it = 0;
    double obj = evaluate(&ll, g, h, obs, n_obs, ridge, b, u, kk);
    m->null_loglik = ll;
    for (;; it++) {
        psi_progress("predict fitting (Newton steps)", (uint64_t)it, 0);
        if (psi_cancelled()) {
            rc = psi_cancel_error(err);
            goto done;
        }
        if (it == 100) {
            rc = psi_error(err, PS_ERANGE, NULL, 0, 0, "Newton-Raphson: no convergence in 100 steps");
            goto done;
        }
        if (!cholesky(h, kk)) {
            rc = psi_error(err, PS_ERANGE, NULL, 0, 0, "Newton-Raphson: singular Hessian");
            goto done;
        }
        double step[K];
        memcpy(step, g, sizeof step);
        solve(h, step, kk);
        double size = 0;
        for (int k = 0; k < kk; k++)
            size = fabs(step[k]) > size ? fabs(step[k]) : size;
        double t = 1, nb[K], nobj = obj;
        memcpy(nb, b, sizeof nb); /* the coefficients left out of the fit stay 0 */
        for (int halve = 0; halve < 40; halve++, t /= 2) {
            for (int k = 0; k < kk; k++)
                nb[k] = b[k] + t * step[k];
            nobj = evaluate(&ll, NULL, NULL, obs, n_obs, ridge, nb, u, kk);
            if (nobj >= obj)
                break;
        }
        if (!(nobj >= obj))
            break; /* no uphill step left: at the optimum to rounding */
        memcpy(b, nb, sizeof b);
        obj = evaluate(&ll, g, h, obs, n_obs, ridge, b, u, kk);
        if (size * t < 1e-9)
            break;
    }
    /* standard errors: diag of the inverse of minus the Hessian at b */
    evaluate(&ll, g, h, obs, n_obs, ridge, b, u, kk);
    if (!cholesky(h, kk)) {
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0, "Newton-Raphson: singular Hessian");
        goto done;
    }
    for (int k = 0; k < kk; k++) {
        double e[K] = {0};
        e[k] = 1;
        solve(h, e, kk);
        m->se[k] = sqrt(e[k]);
    }
    memcpy(m->beta, b, sizeof b);
    m->inclusive = inclusive;
    m->loglik = ll;
    m->ridge = ridge;
    m->cases = n_obs;
    m->alternatives = total;
    m->iterations = it + 1;
done:
    psi_progress_end("predict fitting (Newton steps)");
    psi_free(u);
    if (rc < 0) {
        ps_predict_model_free(m);
        return rc;
    }
    *out = m;
    return PS_OK;
}
