/*
 * scenario_impl.h - what the scenario stage's files share privately.
 */
#ifndef POWERSHARE_SCENARIO_IMPL_H
#define POWERSHARE_SCENARIO_IMPL_H

#include "powershare/rule.h"
#include "powershare/scenario.h"

/* The qsort order of listed coalitions (scenario_analysis.c): fewer parties
 * first, then more seats, then by member indexes. scenario_compare.c sorts
 * the appeared and disappeared ones the same way. */
int psi_scenario_cmp_coalition(const void *pa, const void *pb);

#endif
