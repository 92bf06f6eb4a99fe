/*
 * apportion_impl.h - what the apportion stage's files share privately.
 *
 * apportion.c validates, applies thresholds and hands the engines a compact
 * list of the parties that can win seats (eligible, votes > 0), in input
 * order. The engines report a deciding tie through the tie service of
 * apportion_tie.h (apportion_tie.c), which applies the caller's policy in one
 * place, so that every method refuses, breaks and records ties the same way.
 */
#ifndef POWERSHARE_APPORTION_IMPL_H
#define POWERSHARE_APPORTION_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "powershare/apportion.h"
#include "apportion_tie.h"

/* Divisor methods (apportion_divisor.c): gives `total` seats to n parties
 * with votes[i] > 0. first_divisor is used by PS_MODIFIED_SAINTE_LAGUE only
 * and has been validated (0 < f < 3). seats[] receives the result.
 * Errors: PS_ETIE, PS_ERANGE (Danish divisors past 2^64), PS_ENOMEM. */
int psi_apportion_divisor(int64_t *seats, const uint64_t *votes, size_t n, int64_t total,
                          ps_method method, ps_ratio first_divisor, psi_tie_ctx *tc,
                          ps_error *err);

/* Quota methods (apportion_quota.c), same contract. */
int psi_apportion_quota(int64_t *seats, const uint64_t *votes, size_t n, int64_t total,
                        ps_method method, psi_tie_ctx *tc, ps_error *err);

#endif
