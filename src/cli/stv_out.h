/*
 * stv_out.h - the printers of `powershare stv` (stv_out.c): they only read
 * the ballots and the count.
 */
#ifndef POWERSHARE_STV_OUT_H
#define POWERSHARE_STV_OUT_H

#include <stdio.h>

#include "cli.h"

typedef struct stv_report {
    const ps_ballots *ballots;
    const ps_stv_result *result;
    const ps_stv_options *opt; /* what the count was asked (the ties policy) */
} stv_report;

/* The count sheet as text: the stages' actions, the votes at each stage
 * (in blocks of stages that fit 100 columns), the result. */
void stv_text(psi_buf *b, const stv_report *r);
/* Everything as one JSON object. */
void stv_json(psi_buf *b, const stv_report *r);
/* The ties that the policy broke (lot), one line each, to f. */
void stv_note_ties(FILE *f, const stv_report *r);

/* The CSV tables: stages (the official sheet's stage,candidate,votes rows),
 * candidates, actions. */
#define STV_CSV_TABLES 3
extern const cli_csv_table stv_csv_tables[STV_CSV_TABLES];

#endif
