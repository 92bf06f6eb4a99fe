/*
 * cmd_coalitions.h - what cmd_coalitions.c (options, loading) shares with
 * cmd_coalitions_out.c (text, JSON and CSV output).
 */
#ifndef POWERSHARE_CMD_COALITIONS_H
#define POWERSHARE_CMD_COALITIONS_H

#include "cli.h"

typedef struct coal_view {
    const ps_legislature *leg;
    const ps_game *game;
    const ps_condition *cond;
    const ps_coalition_set *set;
    const char *rule_text;          /* one line describing the rule */
    bool show[PS_THEORY_COUNT];     /* theories to print */
    size_t top;                     /* rows per theory (0: all kept) */
    bool all;                       /* list every feasible winning coalition */
    const ps_coalition *actual;     /* the cabinet that formed (ParlGov), or NULL */
    const char *actual_label;
} coal_view;

void coal_text(psi_buf *b, const coal_view *v);
void coal_json(psi_buf *b, const coal_view *v);
void coal_csv(psi_buf *b, const coal_view *v);

/* ---- one given government (coalitions_evaluate_out.c): the printers of
 * `coalitions --evaluate` and of the server's /api/evaluate ------------- */

typedef struct gov_view {
    const ps_legislature *leg;
    const ps_condition *cond;       /* the condition it was judged against */
    const char *rule_text;          /* one line describing the rule */
    const ps_government *gov;       /* ps_government_evaluate's result */
} gov_view;

void gov_text(psi_buf *b, const gov_view *v);
/* The JSON object documented in docs/coalitions.md, "Judging one
 * government"; the server's /api/evaluate answers with the same. */
void gov_json(psi_buf *b, const gov_view *v);
/* One row per member. */
void gov_csv(psi_buf *b, const gov_view *v);

/* "a,b,c" (ids of leg; an id matches exactly, else case-insensitively when
 * only one party's id does) into a set. Returns 0, or -1 with a message in
 * msg (size bytes): an empty list or item, an unknown id (with the ids leg
 * has), an id listed twice. */
int gov_parse_members(ps_members *out, const ps_legislature *leg, const char *list, char *msg,
                      size_t size);
/* "a=4,b=3" (or "a:4") into posts[leg->n_parties] (0 for parties not
 * named); every named party must be in members, named once, with a whole
 * number; at least one post in all. Returns 0 or -1 with msg. */
int gov_parse_posts(int64_t *posts, const ps_legislature *leg, ps_members members,
                    const char *list, char *msg, size_t size);

#endif
