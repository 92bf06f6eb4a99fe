/*
 * simulate_impl.h - what the simulate stage's files share privately.
 *
 * simulate_rng.c: uniform and normal variates from the library's
 * xoshiro256** (rng.c, declared in util.h).
 * simulate_gamma.c: gamma and Dirichlet variates (Marsaglia & Tsang 2000).
 */
#ifndef POWERSHARE_SIMULATE_IMPL_H
#define POWERSHARE_SIMULATE_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Uniform on (0, 1): never 0 nor 1 (safe for log). */
double psi_uniform_open(psi_xoshiro *r);
/* Standard normal (Marsaglia polar method). */
double psi_normal(psi_xoshiro *r);

/* Gamma(alpha, 1) for alpha > 0. */
double psi_gamma(psi_xoshiro *r, double alpha);
/* Dirichlet(alpha[0..n)) into x (sums to 1). */
void psi_dirichlet(psi_xoshiro *r, const double *alpha, size_t n, double *x);

#endif
