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

#endif
