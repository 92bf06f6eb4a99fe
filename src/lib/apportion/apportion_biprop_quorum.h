/*
 * apportion_biprop_quorum.h - the district quorum of a biproportional
 * apportionment (apportion_biprop_quorum.c), private to apportion_biprop.c.
 */
#ifndef POWERSHARE_APPORTION_BIPROP_QUORUM_H
#define POWERSHARE_APPORTION_BIPROP_QUORUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "powershare/apportion.h"

/* Applies bopt->district_threshold to the upper apportionment's options o
 * (a copy of the caller's): *exempt (np entries, the caller's to free) is
 * opt's exemptions plus every party with at least that share of some
 * district's votes (votes np x nd, party-major), and o->exempt points to
 * it; without a threshold in o, o gets one that only they pass. Nothing
 * is changed when the options have no district threshold (*exempt NULL).
 * Errors: PS_EINVAL (a share of 0, over 1 or with a zero denominator),
 * PS_ENOMEM. */
int psi_biprop_district_quorum(ps_apportion_options *o, bool **exempt, const int64_t *votes,
                               size_t np, size_t nd, const ps_biproportional_options *bopt,
                               ps_error *err);

#endif
