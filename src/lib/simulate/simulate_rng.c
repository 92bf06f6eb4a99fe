/*
 * simulate_rng.c - the random numbers of the simulate stage.
 *
 * The generator is the library's xoshiro256** (rng.c). The simulation gives
 * block b of draws the generator jumped b times from the seeded state, so a
 * block's numbers depend on its index only, never on which thread or rank
 * draws it.
 *
 * Uniform doubles take the top 53 bits; (k + 0.5) / 2^53 keeps them strictly
 * inside (0, 1) so that log() never sees 0. Normal variates use Marsaglia's
 * polar method (Marsaglia & Bray 1964), which needs no trigonometry.
 */
#include <math.h>

#include "simulate_impl.h"

double psi_uniform_open(psi_xoshiro *r)
{
    return ((double)(psi_xoshiro_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

double psi_normal(psi_xoshiro *r)
{
    for (;;) {
        double u = 2.0 * psi_uniform_open(r) - 1.0;
        double v = 2.0 * psi_uniform_open(r) - 1.0;
        double s = u * u + v * v;
        if (s > 0.0 && s < 1.0)
            return u * sqrt(-2.0 * log(s) / s);
    }
}
