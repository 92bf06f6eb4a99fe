/*
 * wide.c - exact comparison of products of 64-bit factors.
 *
 * Apportionment compares quotients v_a / d_a against v_b / d_b as the
 * cross-products v_a * d_b versus v_b * d_a; with rational divisors and the
 * squared form of Huntington-Hill these are products of up to four 64-bit
 * numbers, so they are computed in 256 bits (four limbs, least significant
 * first) with 128-bit partial products (psi_u128).
 */
#include <string.h>

#include "util.h"

#define LIMBS 4

/* r = r * f, r having LIMBS limbs; the caller guarantees no overflow. */
static void mul_limb(uint64_t r[LIMBS], uint64_t f)
{
    psi_u128 carry = 0;
    for (int i = 0; i < LIMBS; i++) {
        psi_u128 t = (psi_u128)r[i] * f + carry;
        r[i] = (uint64_t)t;
        carry = t >> 64;
    }
}

static void product(uint64_t r[LIMBS], const uint64_t *f, int n)
{
    memset(r, 0, sizeof(uint64_t) * LIMBS);
    r[0] = 1;
    for (int i = 0; i < n && i < LIMBS; i++)
        mul_limb(r, f[i]);
}

int psi_cmp_products(const uint64_t *a, int na, const uint64_t *b, int nb)
{
    /* The common case (a quotient against a quotient, two factors a side)
     * fits 128 bits: no limb arithmetic needed. */
    if (na <= 2 && nb <= 2) {
        psi_u128 x = na == 0 ? 1 : na == 1 ? a[0] : (psi_u128)a[0] * a[1];
        psi_u128 y = nb == 0 ? 1 : nb == 1 ? b[0] : (psi_u128)b[0] * b[1];
        return (x > y) - (x < y);
    }
    uint64_t pa[LIMBS], pb[LIMBS];
    product(pa, a, na);
    product(pb, b, nb);
    for (int i = LIMBS - 1; i >= 0; i--) {
        if (pa[i] != pb[i])
            return pa[i] < pb[i] ? -1 : 1;
    }
    return 0;
}
