/*
 * cmd_seats.h - `powershare seats` on several districts
 * (cmd_seats_districts.c), called by cmd_seats.c; both print with the
 * pieces of seats_out.h.
 */
#ifndef POWERSHARE_CMD_SEATS_H
#define POWERSHARE_CMD_SEATS_H

#include "seats_out.h"

/* A whole electoral law (--system) on a table of one district
 * (cmd_seats_system.c). */
int run_system(const seats_args *a, const ps_votes *v, psi_buf *b);
/* The bundled laws (--systems), one a line, or CSV or JSON. */
int print_catalogue(output_format format, psi_buf *b);

/* Candidate votes to winners (--method sntv, block-vote, limited-vote):
 * reads a->input, counts, prints into b. Returns an exit code, after the
 * message. (cmd_seats_plurality.c) */
int run_plurality(const seats_args *a, psi_buf *b);

/* Several districts, each apportioned on its own or biproportionally. */
int run_districts(const seats_args *a, const ps_votes *v, ps_apportion_options *opt, psi_buf *b);

#endif
