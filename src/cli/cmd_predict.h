/*
 * cmd_predict.h - what `powershare predict` (cmd_predict.c: ranking a
 * file) and its `fit` and `eval` modes (cmd_predict_fit.c) share.
 */
#ifndef POWERSHARE_CMD_PREDICT_H
#define POWERSHARE_CMD_PREDICT_H

#include "cli.h"
#include "constraints.h"
#include "predict_out.h"

typedef struct predict_opts {
    const char *model, *incumbent, *dir, *out_path, *dimension;
    const char *formations; /* --formations DIR, or NULL */
    size_t top, max_parties;
    cli_constraints cons;   /* --require ... --max-parties */
    bool skip_caretaker, no_condition;
    double ridge;
    int split_year;
    output_format format;
    size_t n_user;
    const char *user[16];
} predict_opts;

/* Writes b to out_path (NULL: stdout) atomically and frees it. */
int predict_emit(psi_buf *b, const char *out_path);

/* `predict fit` and `predict eval`: exit statuses. */
int predict_fit(const predict_opts *o);
int predict_eval(const predict_opts *o);

#endif
