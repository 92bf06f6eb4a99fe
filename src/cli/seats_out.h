/*
 * seats_out.h - what the files of `powershare seats` share: the parsed
 * options and the printers (seats_out.c) used for one district and for
 * several.
 */
#ifndef POWERSHARE_SEATS_OUT_H
#define POWERSHARE_SEATS_OUT_H

#include "cli.h"

typedef struct seats_args {
    ps_apportion_options opt;
    bool method_given;
    bool seats_given;
    const char *exempt[64];
    size_t n_exempt;
    const char *others[64]; /* --others: entries that win no seat (--system) */
    size_t n_others;
    const char *direct_wins_path;
    const char *district_seats_path;
    bool biproportional;
    ps_biproportional_options bopt; /* --winner-take-one, --lower-method */
    const char *system;   /* --system: a law file or a bundled law's id */
    bool systems;         /* --systems: list the bundled laws */
    bool ties_given;
    bool rule_given;      /* --threshold, --first-divisor, --exempt-if-seats-won */
    bool plurality;       /* --method sntv, block-vote or limited-vote: candidate
                             votes (cmd_seats_plurality.c) */
    ps_plurality_method plurality_method;
    const char *table;    /* --table: the CSV table of a plurality count */
    output_format format;
    const char *out_path;
    const char *input;
    /* Per party: exempt from the threshold (--exempt, or enough constituency
     * wins); NULL when no exemption is named. Set by cmd_seats.c. */
    const bool *exempt_mark;
} seats_args;

/* "sainte-lague, 150 seats; threshold: ...\n" */
void describe_rule(psi_buf *b, const seats_args *a, int64_t seats);
/* "Tie: seats 149-150 contested by A and B; given to A ...\n", nothing when
 * tie is NULL. */
void describe_tie(psi_buf *b, const ps_tie *tie, char *const *names, const seats_args *a);
/* party / votes / share / seats table with a total row; eligible may be NULL.
 * Parties exempt from the threshold (a->exempt_mark) get a '*' after their
 * seats and a footnote under the table. A name longer than CLI_NAME_MAX
 * columns is shortened (cli_pad_name); returns true when one was, so that
 * the caller ends its output with cli_names_note. */
bool text_table(psi_buf *b, const seats_args *a, char *const *names, size_t n,
                const int64_t *votes, const int64_t *seats, const bool *eligible,
                int64_t total_votes);
/* [{"party", "votes", "seats"[, "eligible"][, "exempt"]}, ...]: "exempt"
 * on every row when a->exempt_mark is set. */
void json_party_rows(psi_buf *b, const seats_args *a, char *const *names, size_t n,
                     const int64_t *votes, const int64_t *seats, const bool *eligible,
                     const char *indent);
/* ",exempt" after a CSV header and ",true"/",false" after a row, when
 * a->exempt_mark is set; nothing otherwise. */
void csv_exempt_header(psi_buf *b, const seats_args *a);
void csv_exempt_cell(psi_buf *b, const seats_args *a, size_t party);
void json_tie(psi_buf *b, const ps_tie *tie, char *const *names);
/* "{\n  \"method\": ..., \"seats\": N, \"threshold\": ...,\n" */
void json_header(psi_buf *b, const seats_args *a, int64_t seats);

#endif
