/*
 * system_read.h - what the two files reading a law's text share:
 * system_read.c (the top level, districts, seats and the checks of the
 * rules together) and system_read_rules.c (each rule's object and the
 * value readers).
 *
 * Each function returns 0 or a negative PS_E... code with r->err filled:
 * PS_EDATA at the offending value's line and column, or PS_ENOMEM. What
 * it allocates goes into the ps_system and is freed with it.
 */
#ifndef POWERSHARE_SYSTEM_READ_H
#define POWERSHARE_SYSTEM_READ_H

#include "json_reader.h"
#include "util.h"
#include "powershare/system.h"

/* The text being read: its name in messages, and where errors go. */
typedef struct psi_law_reader {
    const char *src;
    ps_error *err;
} psi_law_reader;

/* PS_EDATA at `at`'s line and column, the message from fmt. */
int psi_law_bad(const psi_law_reader *r, const psi_json *at, const char *fmt, ...)
    PSI_PRINTF(3, 4);

/* Values: a string (copied into *out), a share or ratio ("25%", "3/4",
 * "1.4"), a boolean, and the top-level "threshold" (a share or "quota").
 * key names the value in messages. */
int psi_law_text(const psi_law_reader *r, char **out, const psi_json *v, const char *key);
int psi_law_ratio(const psi_law_reader *r, ps_ratio *out, const psi_json *v, const char *key);
int psi_law_bool(const psi_law_reader *r, bool *out, const psi_json *v, const char *key);
int psi_law_threshold(const psi_law_reader *r, ps_apportion_options *opt, const psi_json *v);

/* The rules' objects (system.h): "bonus", "bundestag",
 * "additional_members", "exempt", "joint_list_threshold", "leveling".
 * Each checks its own keys; the checks of the rules together are
 * system_read.c's. */
int psi_law_bonus(const psi_law_reader *r, ps_bonus_rule *b, const psi_json *v);
int psi_law_bundestag(const psi_law_reader *r, ps_bundestag_rule *b, const psi_json *v);
int psi_law_additional(const psi_law_reader *r, ps_system *law, const psi_json *v);
int psi_law_exempt(const psi_law_reader *r, ps_system *law, const psi_json *v);
int psi_law_joint_threshold(const psi_law_reader *r, ps_system *law, const psi_json *v);
int psi_law_leveling(const psi_law_reader *r, ps_leveling_rule *l, const psi_json *v);
/* "remainder_pool" (system.h, ps_remainder_pool_rule). */
int psi_law_remainder_pool(const psi_law_reader *r, ps_remainder_pool_rule *p,
                           const psi_json *v);

/* Once the whole law is read: the leveling tier's "per_district" object
 * (each district's adjustment seats, by name) matched to the districts
 * into law->leveling.district_cap; each name must be a district and the
 * seats must add up to the tier's. */
int psi_law_leveling_caps(const psi_law_reader *r, ps_system *law, const psi_json *root);

/* Once the whole law is read: the Bundestag's fixed house's "lists" (the
 * Länder, in the law's order) into law->district, with no seats of their
 * own; a fixed house takes no "district_seats". */
int psi_law_bundestag_lists(const psi_law_reader *r, ps_system *law, const psi_json *root);

#endif
