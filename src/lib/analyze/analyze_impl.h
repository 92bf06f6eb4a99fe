/*
 * analyze_impl.h - what the analyze stage's files share. Not installed.
 */
#ifndef POWERSHARE_ANALYZE_IMPL_H
#define POWERSHARE_ANALYZE_IMPL_H

#include "powershare/analyze.h"

/* Fills res->prediction with the model's `top` most likely governments, or
 * res->prediction_error when the model cannot be read or used (not an
 * error of the analysis). Returns 0 or PS_ENOMEM. (analyze_predict.c) */
int psi_analyze_predict(ps_analyze_result *res, const char *model_path, size_t top,
                        ps_error *err);

void psi_analyze_prediction_free(ps_prediction *p);

#endif
