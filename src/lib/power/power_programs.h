/*
 * power_programs.h - the programs of the power stage, as power.c chooses
 * among them (see power.h): the exact dynamic programs and enumeration fill
 * a psi_counts with exact GMP numbers (power_modular.h), which power.c turns
 * into the fractions of ps_power; Monte Carlo fills a ps_power directly.
 * Not installed.
 */
#ifndef POWERSHARE_POWER_PROGRAMS_H
#define POWERSHARE_POWER_PROGRAMS_H

#include "power_modular.h"

/* One weighted layer: raw Banzhaf swings and the number of winning
 * coalitions by dynamic programming (power_dp.c). */
int psi_dp_banzhaf(psi_counts *c, const int64_t *w, size_t n, int64_t q,
                   const ps_power_options *opt, ps_error *err);
/* One weighted layer: Shapley-Shubik by dynamic programming over (size,
 * weight) (power_dp_ss.c), the residues shared among opt->threads threads,
 * within opt->max_memory and opt->max_work. */
int psi_dp_shapley(psi_counts *c, const int64_t *w, size_t n, int64_t q,
                   const ps_power_options *opt, ps_error *err);
/* One weighted layer: counts of minimal winning coalitions (fills c->mwc
 * and c->dp, PSI_HAVE_MWC) and/or raw Johnston scores (c->johnston,
 * PSI_HAVE_JOHNSTON), as `want` asks, by dynamic programming over (size,
 * weight), exact (residues + CRT, GMP for the final fractions)
 * (power_dp_mwc.c). Refused with PS_ERANGE (the message says which limit and
 * suggests --approx or fewer indices) above opt->max_work cell updates or
 * opt->max_memory bytes, computed before allocating. */
int psi_dp_mwc(psi_counts *c, const int64_t *w, size_t n, int64_t q, unsigned want,
               const ps_power_options *opt, ps_error *err);
/* The cell updates psi_dp_mwc would do for `want` (the same figure it
 * checks against max_work). */
double psi_dp_mwc_work(const int64_t *w, size_t n, int64_t q, unsigned want);
/* Any game of at most PSI_DP_MAX_LAYERS layers: raw Banzhaf swings and the
 * winning coalitions (want & PSI_HAVE_SWINGS) and Shapley-Shubik values
 * (want & PSI_HAVE_SS) by dynamic programming over capped weight vectors
 * (power_dp_layers.c), within opt->max_work and opt->max_memory. */
#define PSI_DP_MAX_LAYERS 64
int psi_dp_layers(psi_counts *c, const ps_game *g, unsigned want, const ps_power_options *opt,
                  ps_error *err);
/* The cell updates (all residues) and peak bytes psi_dp_layers would need.
 * Returns PS_OK or PS_ENOMEM. */
int psi_dp_layers_cost(double *work, double *bytes, const ps_game *g, unsigned want);
/* Any game of at most 126 players, by enumeration of its coalition
 * profiles (players with equal weights grouped); fills what `want`
 * (PSI_HAVE_... bits) asks for (power_enum.c). */
int psi_enumerate(psi_counts *c, const ps_game *g, unsigned want, ps_error *err);
/* log2 of the number of profiles psi_enumerate would visit (rounded up).
 * Returns PS_OK or PS_ENOMEM. */
int psi_enumerate_cost(double *out_bits, const ps_game *g);
/* Monte Carlo estimates into out (power_approx.c). */
int psi_approx(ps_power *out, const ps_game *g, const ps_power_options *opt, ps_error *err);
/* The floating-point mode (PS_POWER_FLOAT): banzhaf, penrose and
 * shapley_shubik of a game of one weighted layer as doubles with proven
 * error bounds, into out (power_float.c); PS_EINVAL for any other game. */
int psi_float_power(ps_power *out, const ps_game *g, const ps_power_options *opt,
                    ps_error *err);
/* Its Shapley-Shubik program (power_float_ss.c): val[i] and its bound
 * bnd[i] for every player, within opt->max_memory and opt->max_work, the
 * passes shared by opt->threads threads. */
int psi_float_shapley(double *val, double *bnd, const int64_t *w, size_t n, int64_t q,
                      const ps_power_options *opt, ps_error *err);
/* gamma_k = k u / (1 - k u), u = 2^-53 (infinite for k u >= 1/2), and the
 * bound (gamma A + (1 + gamma) u M + E) / (1 - gamma) (1 + 2^-20) of a sum
 * whose terms meet at most k roundings, A the sum of their absolute values,
 * M the mass of their running sums, E the underflows (power_float.c). */
double psi_float_gamma(double k);
double psi_float_bound(double G, double A, double M, double E);

#endif
