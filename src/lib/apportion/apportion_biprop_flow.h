/*
 * apportion_biprop_flow.h - the lower apportionment as a transportation
 * problem (apportion_biprop_flow.c), private to apportion_biprop.c.
 */
#ifndef POWERSHARE_APPORTION_BIPROP_FLOW_H
#define POWERSHARE_APPORTION_BIPROP_FLOW_H

#include <gmp.h>
#include <stddef.h>
#include <stdint.h>

#include "powershare/apportion.h"

/* A matrix of seats (party-major, np x nd) with the party totals pseats and
 * the district totals dseats that minimises the divisor method's cost, so a
 * biproportional apportionment; one of several when they tie. Cells
 * without votes get none; cells marked in must (NULL: none) keep at least
 * one (winner-take-one). first is d(0). Errors: PS_EDATA (no matrix meets
 * the totals), PS_ENOMEM. */
int psi_biprop_flow(int64_t *seats, const int64_t *votes, size_t np, size_t nd,
                    const int64_t *pseats, const int64_t *dseats, const unsigned char *must,
                    ps_method method, const mpq_t *first, ps_error *err);

#endif
