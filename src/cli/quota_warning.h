/*
 * quota_warning.h - the warning of `power` and `coalitions` about a seat
 * quota low enough that two disjoint coalitions can both reach it (defined
 * in cmd_power.c).
 */
#ifndef POWERSHARE_QUOTA_WARNING_H
#define POWERSHARE_QUOTA_WARNING_H

#include "cli.h"

/* Writes a warning to standard error when the rule's seat quota (rule->quota
 * over the chamber's seats, or the seats filled with rule->of_present) can be
 * reached by two disjoint sets of parties: some coalition S with
 * q <= seats(S) and q <= seats(complement of S). Such a game is not proper:
 * two rival decisions could both pass. The test is exact (a subset-sum over
 * the parties' seats) up to 2^24 seats in all, and 2q <= seats beyond.
 * Computing goes on either way; nothing is written when the quota or the
 * seats cannot be read (compiling the rule reports that). */
void cli_warn_improper_quota(const ps_legislature *leg, const ps_rule *rule);

#endif
