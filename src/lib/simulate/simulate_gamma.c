/*
 * simulate_gamma.c - gamma and Dirichlet variates.
 *
 * Gamma(a, 1) for a >= 1 by G. Marsaglia and W. W. Tsang, "A simple method
 * for generating gamma variables", ACM TOMS 26(3), 2000: d = a - 1/3,
 * c = 1 / sqrt(9d); draw a normal x until v = (1 + c x)^3 > 0 and accept
 * d v when log U < x^2 / 2 + d - d v + d log v (the squeeze
 * U < 1 - 0.0331 x^4 first, which accepts most draws without a log).
 * For a < 1 (the Jeffreys prior's 1/2 for a party nobody named), the same
 * paper's boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
 *
 * A Dirichlet(alpha) vector is a vector of independent Gamma(alpha_i)
 * divided by its sum (Devroye, "Non-Uniform Random Variate Generation",
 * 1986, ch. XI.4).
 */
#include <math.h>

#include "simulate_impl.h"

double psi_gamma(psi_xoshiro *r, double alpha)
{
    double boost = 1.0;
    if (alpha < 1.0) {
        boost = pow(psi_uniform_open(r), 1.0 / alpha);
        alpha += 1.0;
    }
    double d = alpha - 1.0 / 3.0;
    double c = 1.0 / sqrt(9.0 * d);
    for (;;) {
        double x, v;
        do {
            x = psi_normal(r);
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        double u = psi_uniform_open(r);
        double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2)
            return d * v * boost;
        if (log(u) < 0.5 * x2 + d * (1.0 - v + log(v)))
            return d * v * boost;
    }
}

void psi_dirichlet(psi_xoshiro *r, const double *alpha, size_t n, double *x)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        x[i] = psi_gamma(r, alpha[i]);
        sum += x[i];
    }
    /* sum > 0 always: every gamma variate is positive (underflow to 0 of
     * all of them at once would need alpha far below any poll's 1/2). */
    if (sum <= 0.0) {
        for (size_t i = 0; i < n; i++)
            x[i] = 1.0 / (double)n;
        return;
    }
    for (size_t i = 0; i < n; i++)
        x[i] /= sum;
}
