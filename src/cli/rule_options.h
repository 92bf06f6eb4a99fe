/*
 * rule_options.h - the decision-rule options of the command line, parsed
 * and laid over a file's rule the same way by every command that has them
 * (power today; coalitions and analyze can take the same calls).
 *
 * `--or SPEC` adds an alternative ("or") to the rule: SPEC is a
 * comma-separated list of conditions, each KEY=VALUE with the keys of the
 * rule options (quota=Q, of=all|present, min-parties=K, consent=C,
 * presence=C, veto=PARTY, layer=W:Q; consent, presence, veto and layer may
 * repeat), or a bare Q for quota=Q. So the EU Council's qualified majority
 * is `--quota 55% --layer population:65% --or 24`, and
 * `--or 'quota=2/3,veto=A'` is "or two thirds with A". The alternative has
 * no seat quota unless it says one, as in the file's "or" (rule.h).
 */
#ifndef POWERSHARE_CLI_RULE_OPTIONS_H
#define POWERSHARE_CLI_RULE_OPTIONS_H

#include "cli.h"

/* Parses one --or SPEC of command `cmd` and appends the alternative to
 * `rule` (the command line's collection of rule options). Returns 0, or
 * EXIT_USAGE after printing "powershare <cmd>: --or: ..." (an unknown key,
 * an empty item, a bad quota or layer), EXIT_FAILURE_ when out of memory. */
int cli_rule_or(ps_rule *rule, const char *cmd, const char *spec);

/* Lays the command line's rule options `cli` (collected in a rule made by
 * ps_rule_new, whose quota is ignored: the caller sets --quota itself)
 * over `rule`: --of present, --min-parties, the names, the layers and the
 * --or alternatives are added to rule's top level.
 * Errors: PS_EINVAL, PS_ENOMEM (err says which). */
int cli_rule_merge(ps_rule *rule, const ps_rule *cli, ps_error *err);

#endif
