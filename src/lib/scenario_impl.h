/*
 * scenario_impl.h - what the scenario stage's files share privately.
 */
#ifndef POWERSHARE_SCENARIO_IMPL_H
#define POWERSHARE_SCENARIO_IMPL_H

#include "powershare/rule.h"

/* Deep copy of a rule (rule.h has none yet). Returns PS_OK or PS_ENOMEM. */
int psi_scenario_rule_copy(ps_rule **out, const ps_rule *rule);

#endif
