/*
 * simulate_impl.h - what the simulate stage's files share privately.
 *
 * simulate_rng.c: xoshiro256** (Blackman & Vigna 2018), seeded through
 * splitmix64, with the 2^128-step jump; uniform doubles.
 * simulate_gamma.c: gamma and Dirichlet variates (Marsaglia & Tsang 2000).
 */
#ifndef POWERSHARE_SIMULATE_IMPL_H
#define POWERSHARE_SIMULATE_IMPL_H

#include <stddef.h>
#include <stdint.h>

typedef struct psi_xoshiro {
    uint64_t s[4];
} psi_xoshiro;

/* Seeds the four state words from splitmix64(seed) (never all zero). */
void psi_xoshiro_seed(psi_xoshiro *r, uint64_t seed);
uint64_t psi_xoshiro_next(psi_xoshiro *r);
/* Advances by 2^128 steps: 2^128 non-overlapping subsequences. */
void psi_xoshiro_jump(psi_xoshiro *r);
/* Uniform on (0, 1): never 0 nor 1 (safe for log). */
double psi_uniform_open(psi_xoshiro *r);
/* Standard normal (Marsaglia polar method). */
double psi_normal(psi_xoshiro *r);

/* Gamma(alpha, 1) for alpha > 0. */
double psi_gamma(psi_xoshiro *r, double alpha);
/* Dirichlet(alpha[0..n)) into x (sums to 1). */
void psi_dirichlet(psi_xoshiro *r, const double *alpha, size_t n, double *x);

#endif
