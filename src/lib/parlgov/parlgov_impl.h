/*
 * parlgov_impl.h - what the files reading ParlGov share (parlgov.c,
 * parlgov_eval.c, predict_data.c). Not installed.
 */
#ifndef POWERSHARE_PARLGOV_IMPL_H
#define POWERSHARE_PARLGOV_IMPL_H

#include <stddef.h>

#include "csv_reader.h"
#include "powershare/error.h"
#include "powershare/parlgov.h"

/* Reads path (ParlGov's view_cabinet.csv) into *text, opens it as CSV in
 * *csv and finds the columns names[0..n_names) in its header: col[c] is the
 * index of names[c]. A missing column is PS_EDATA naming it. The caller then
 * reads the records with psi_csv_next and, on success or failure alike,
 * frees both with psi_csv_free(*csv) and psi_free(*text). */
int psi_parlgov_open(char **text, psi_csv **csv, long *col, const char *path,
                     const char *const *names, size_t n_names, ps_error *err);

/* Makes room for one more element of size bytes in the growable array
 * *rows holding n of *cap (n == *cap: the capacity doubles, from 256).
 * Returns PS_OK or PS_ENOMEM (*rows unchanged then). */
int psi_parlgov_grow(void **rows, size_t *cap, size_t n, size_t size, ps_error *err);

/* After a stage failed with rc on case c: prefixes err's message with the
 * case's country and election date ("NL, election of 2010-06-09: ...") so
 * that the user can find it; PS_ENOMEM is left as it is. Returns rc. */
int psi_parlgov_case_error(ps_error *err, int rc, const ps_parlgov_case *c);

#endif
