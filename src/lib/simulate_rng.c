/*
 * simulate_rng.c - the random numbers of the simulate stage.
 *
 * xoshiro256** 1.0 (D. Blackman and S. Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021; reference code at
 * prng.di.unimi.it): 256 bits of state, period 2^256 - 1, and a jump
 * polynomial that advances the state by 2^128 steps. The simulation gives
 * block b of draws the generator jumped b times from the seeded state, so a
 * block's numbers depend on its index only, never on which thread or rank
 * draws it. The state is filled by splitmix64 (Steele, Lea, Flood,
 * OOPSLA 2014), as the authors recommend, which never yields four zeros in
 * a row from one seed.
 *
 * Uniform doubles take the top 53 bits; (k + 0.5) / 2^53 keeps them strictly
 * inside (0, 1) so that log() never sees 0. Normal variates use Marsaglia's
 * polar method (Marsaglia & Bray 1964), which needs no trigonometry.
 */
#include <math.h>

#include "simulate_impl.h"

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

void psi_xoshiro_seed(psi_xoshiro *r, uint64_t seed)
{
    uint64_t st = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&st);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t psi_xoshiro_next(psi_xoshiro *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

void psi_xoshiro_jump(psi_xoshiro *r)
{
    static const uint64_t jump[] = {0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL,
                                    0xa9582618e03fc9aaULL, 0x39abdc4529b1661cULL};
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < 4; i++) {
        for (int b = 0; b < 64; b++) {
            if (jump[i] & (UINT64_C(1) << b)) {
                s0 ^= r->s[0];
                s1 ^= r->s[1];
                s2 ^= r->s[2];
                s3 ^= r->s[3];
            }
            psi_xoshiro_next(r);
        }
    }
    r->s[0] = s0;
    r->s[1] = s1;
    r->s[2] = s2;
    r->s[3] = s3;
}

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
