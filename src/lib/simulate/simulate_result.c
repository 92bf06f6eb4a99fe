/*
 * simulate_result.c - from the simulate stage's integer tallies to
 * probabilities, standard errors, seat quantiles and mean power.
 *
 * A probability is a count k of N draws: p = k / N with the binomial Monte
 * Carlo standard error sqrt(p (1 - p) / N) (Robert & Casella, "Monte Carlo
 * Statistical Methods", 2004, ch. 3.2); its 95% half-width is 1.96 se.
 * Quantiles are the inverse empirical distribution function (Hyndman & Fan
 * 1996, definition 1): the least s with F(s) >= q, decided in integers as
 * cum * 10^6 >= round(q * 10^6) * N. The Banzhaf sums are fixed point
 * (2^-32), so their mean and spread are exact up to that resolution.
 */
#include <math.h>

#include "util.h"
#include "powershare/simulate.h"

ps_sim_estimate ps_sim_estimate_of(uint64_t count, uint64_t draws)
{
    ps_sim_estimate e = {0.0, 0.0};
    if (draws == 0)
        return e;
    e.p = (double)count / (double)draws;
    e.se = sqrt(e.p * (1.0 - e.p) / (double)draws);
    return e;
}

int64_t ps_sim_seat_quantile(const ps_sim_counts *c, size_t j, double q)
{
    uint64_t n = c->draws[0];
    const uint64_t *h = c->hist + j * ((size_t)c->seats + 1);
    psi_u128 need = (psi_u128)(uint64_t)llround(q * 1e6) * n;
    psi_u128 cum = 0;
    if (n == 0)
        return 0;
    for (int64_t s = 0; s <= c->seats; s++) {
        cum += h[s];
        if (cum * 1000000u >= need && cum > 0)
            return s;
    }
    return c->seats;
}

double ps_sim_seat_mean(const ps_sim_counts *c, size_t j)
{
    uint64_t n = c->draws[0];
    const uint64_t *h = c->hist + j * ((size_t)c->seats + 1);
    psi_u128 sum = 0;
    if (n == 0)
        return 0.0;
    for (int64_t s = 0; s <= c->seats; s++)
        sum += (psi_u128)h[s] * (uint64_t)s;
    return (double)sum / (double)n;
}

void ps_sim_banzhaf(double *mean, double *se, const ps_sim_counts *c, size_t j)
{
    double n = (double)c->draws[0];
    *mean = *se = 0.0;
    if (!c->bz_sum || n == 0)
        return;
    double m1 = (double)c->bz_sum[j] / PS_SIM_FIXED_ONE / n;
    double m2 = (double)c->bz_sq[j] / PS_SIM_FIXED_ONE / n;
    double var = m2 - m1 * m1;
    if (var < 0.0)
        var = 0.0;
    *mean = m1;
    *se = n > 1 ? sqrt(var * n / (n - 1.0) / n) : 0.0;
}

static double hw(uint64_t k, uint64_t n)
{
    return 1.96 * ps_sim_estimate_of(k, n).se;
}

double ps_sim_max_halfwidth(const ps_sim_counts *c, const uint64_t *masks, size_t n_masks,
                            bool with_psc)
{
    uint64_t n = c->draws[0];
    double worst = 0.0, h;
    if (n == 0)
        return INFINITY;
#define KEEP(x)        \
    do {               \
        h = (x);       \
        if (h > worst) \
            worst = h; \
    } while (0)
    for (size_t j = 0; j < c->m; j++)
        KEEP(hw(c->entered[j], n));
    if (masks) {
        for (size_t i = 0; i < n_masks; i++) {
            KEEP(hw(c->win[masks[i]], n));
            KEEP(hw(c->minimal[masks[i]], n));
        }
    } else {
        size_t C = (size_t)1 << c->m;
        for (size_t mask = 1; mask < C; mask++) {
            if (!c->minimal[mask])
                continue;
            KEEP(hw(c->win[mask], n));
            KEEP(hw(c->minimal[mask], n));
        }
    }
    if (with_psc) {
        KEEP(hw(c->psc[0], n));
        KEEP(hw(c->psc[1], n));
    }
#undef KEEP
    return worst;
}
