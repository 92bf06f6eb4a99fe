/*
 * predict_out.h - the prediction summary's printers (predict_out.c).
 */
#ifndef POWERSHARE_PREDICT_OUT_H
#define POWERSHARE_PREDICT_OUT_H

#include "cli.h"

/* "Probability of being in the government (summed over the N potential
 * governments):", a line per party with seats by decreasing probability,
 * the statuses and the top-10 mass. */
void predict_summary_text(psi_buf *b, const ps_predict_summary *s, const ps_legislature *leg,
                          double n_sets);

/* ", \"in_government\": [...], \"status_probability\": {...},
 * \"top10_probability\": X" (a leading comma: members of an object). */
void predict_summary_json(psi_buf *b, const ps_predict_summary *s, const ps_legislature *leg);

#endif
