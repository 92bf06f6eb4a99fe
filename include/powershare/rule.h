/*
 * powershare/rule.h - a decision rule as people write it, and its game.
 *
 * A rule says which coalitions of a legislature can pass a decision: a quota
 * of seats (of all seats or of the members present) and any number of extra
 * conditions, every one of which must hold. It is written in the legislature
 * JSON file as the "rule" section (docs/formats.md), or on the command line,
 * and compiled by ps_game_from_rule() into a monotone simple game
 * (include/powershare/game.h) with one weighted layer per condition:
 *
 *   "quota": "majority" | "2/3" | "60%" | 165     layer of seats
 *   "of": "all" | "present"                       base of a share quota
 *   "min_parties": 2                              layer of ones
 *   "consent": ["shia", "kurdish"]                each community's own majority
 *   "presence": ["sunni"]                         at least one list of each
 *   "veto": ["kdp"]                               each listed party must agree
 *   "layers": [{"weights": "votes", "quota": "50%"}]
 *       a further weighted layer; "weights" is "seats", "votes", "parties"
 *       (one each), or the id of a policy dimension whose positions are
 *       whole numbers (a population, say), as in the EU Council's double
 *       majority.
 *   "or": [{...}, ...]                            alternatives (see below)
 *   "and": [{...}, ...]                           sub-rules that must hold too
 *
 * "Or": a rule is an and/or tree. Each object in "or" and "and" is written
 * like a rule section itself (the same keys, "or" and "and" included, up to
 * 8 levels deep), except that it has no seat quota unless it says "quota".
 * An object means: (its own conditions AND each of its "and") OR any of its
 * "or". So the EU Council's qualified majority, "55% of the members holding
 * 65% of the population, or fewer than four members against" (TEU art.
 * 16(4)), is, with one seat per member state and a "population" dimension:
 *
 *   "rule": {"quota": "55%", "layers": [{"weights": "population", "quota": "65%"}],
 *            "or": [{"quota": "24"}]}
 *
 * A rule without "or" and "and" means what it always has. The top level
 * keeps its default quota ("majority") whatever else it holds. The tree is
 * compiled into the disjunctive normal form of game.h (an OR of AND groups,
 * at most PS_GAME_MAX_GROUPS of them).
 *
 * Ownership: a ps_rule owns its strings. Thread safety: reentrant.
 */
#ifndef POWERSHARE_RULE_H
#define POWERSHARE_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "document.h"
#include "error.h"
#include "game.h"
#include "legislature.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ps_rule_list {
    PS_RULE_CONSENT,  /* community ids */
    PS_RULE_PRESENCE, /* community ids */
    PS_RULE_VETO,     /* party ids */
    PS_RULE_LIST_COUNT
} ps_rule_list;

/* A name in a rule, with where it was written (line 0 for the command line),
 * so that an unknown id is reported at its place. */
typedef struct ps_rule_name {
    char *id;
    long line, column;
} ps_rule_name;

typedef struct ps_rule_layer {
    char *weights; /* "seats", "votes", "parties" or a dimension id */
    char *quota;   /* ps_quota_parse syntax */
    long line, column;
} ps_rule_layer;

typedef struct ps_rule {
    char *source;      /* file the rule came from, or NULL */
    char *quota;       /* ps_quota_parse syntax; "majority" by default */
    long quota_line, quota_column;
    bool of_present;   /* a share quota of the seats filled, not of all */
    int64_t min_parties; /* 0: no such condition */
    size_t n[PS_RULE_LIST_COUNT];
    ps_rule_name *names[PS_RULE_LIST_COUNT];
    size_t n_layers;
    ps_rule_layer *layers;
    /* The and/or tree (see above). In a sub-rule, quota is NULL when it has
     * no seat quota of its own; line and column say where it was written. */
    size_t n_all_of;
    struct ps_rule **all_of; /* "and" */
    size_t n_any_of;
    struct ps_rule **any_of; /* "or" */
    long line, column;
} ps_rule;

/* A rule with the defaults: a simple majority of all seats.
 * Errors: PS_ENOMEM. */
int ps_rule_new(ps_rule **out);

/* Frees a rule and its sub-rules. NULL-safe. */
void ps_rule_free(ps_rule *rule);

/* Deep copy, sub-rules included. Errors: PS_ENOMEM. */
int ps_rule_copy(ps_rule **out, const ps_rule *rule);

/* Appends `alternative` to rule's "or" list; the rule takes it over (also on
 * error, when it is freed). Errors: PS_EINVAL (NULL), PS_ENOMEM. */
int ps_rule_add_alternative(ps_rule *rule, ps_rule *alternative, ps_error *err);

/* Reads the "rule" section of a document (document.h). A document without
 * one (or a CSV legislature) gives the default rule. Errors: PS_EDATA with
 * the position of the offending key or value (unknown key, wrong type, "of"
 * not all/present, a bad quota text), PS_ENOMEM. */
int ps_rule_from_document(ps_rule **out, const ps_document *doc, ps_error *err);

/* Changes the quota (ps_quota_parse syntax, checked here against a total of
 * 100 for form only). Errors: PS_EINVAL, PS_ENOMEM. */
int ps_rule_set_quota(ps_rule *rule, const char *quota, ps_error *err);

/* Appends an id to one of the lists. Errors: PS_EINVAL (empty id),
 * PS_ENOMEM. */
int ps_rule_add_name(ps_rule *rule, ps_rule_list list, const char *id, ps_error *err);

/* Appends a layer; `spec` is "WEIGHTS:QUOTA", e.g. "votes:50%" or
 * "population:65%". Errors: PS_EINVAL (no colon, empty part), PS_ENOMEM. */
int ps_rule_add_layer(ps_rule *rule, const char *spec, ps_error *err);

/* Compiles the rule for this legislature: players are its parties in order;
 * a rule with "or" gives a game of several AND groups (game.h).
 * Errors: PS_EDATA (an alternative without any condition; more than
 * PS_GAME_MAX_GROUPS alternatives once spelled out; an unknown party or
 * community, with the rule's position;
 * a community without seats; a dimension with missing or fractional
 * positions; a quota out of reach: the message gives the numbers),
 * PS_EINVAL (bad quota text), PS_ENOMEM. */
int ps_game_from_rule(ps_game **out, const ps_legislature *leg, const ps_rule *rule,
                      ps_error *err);

/* One line for reports, e.g. "a majority of all seats (165 of 328), with
 * the consent of Shia and Kurdish lists". *out is the caller's (ps_free).
 * Errors: PS_EDATA as ps_game_from_rule, PS_ENOMEM. */
int ps_rule_describe(char **out, const ps_legislature *leg, const ps_rule *rule, ps_error *err);

#ifdef __cplusplus
}
#endif

#endif
