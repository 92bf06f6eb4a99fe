/*
 * predict_impl.h - what the predict stage's files share.
 */
#ifndef POWERSHARE_PREDICT_IMPL_H
#define POWERSHARE_PREDICT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "powershare/predict.h"

/* What the attributes of a set are computed from: the chamber's largest
 * and median parties, its Banzhaf indices, the inclusion attributes'
 * communities (predict_attr.c). */
typedef struct psi_predict_context {
    const ps_legislature *leg;
    long dim;
    int64_t quota;
    ps_members largest, median, incumbent;
    const double *banzhaf;          /* normalised Banzhaf index of each party */
    double *banzhaf_owned;
    bool positions;                 /* every party with seats has a position */
    size_t pick[64], n_pick;        /* the parties that may govern (with seats,
                                       not excluded by the condition) */
    size_t n_seated;
    bool inclusive;
    ps_members seated;              /* the parties with seats */
    size_t n_named;                 /* the communities the attributes look at */
    ps_members named_lists[64];     /* each one's lists with seats */
    ps_members named_leaders[64];   /* each one's largest lists */
    ps_members community_lists[64]; /* every community's lists with seats */
    size_t n_communities;
} psi_predict_context;

/* Validates leg and opt and computes the context; free it with
 * psi_predict_context_free. Errors: those of ps_predict_enumerate but the
 * count of sets. */
int psi_predict_context_init(psi_predict_context *cx, const ps_legislature *leg,
                             const ps_predict_options *opt, ps_error *err);
void psi_predict_context_free(psi_predict_context *cx);

/* The PS_PA_COUNT attributes of the set s into x. */
void psi_predict_attributes(double *x, const psi_predict_context *cx, ps_members s);

/* Fills p with the probabilities of a's sets under m and returns how many
 * sets rank before the one at index chosen (a higher probability, or an
 * equal one at a lower index): 0 means the model's top choice. */
size_t psi_predict_above(double *p, const ps_predict_model *m, const ps_predict_alts *a,
                         size_t chosen);

/* Scores ParlGov's case i of d under m into s (cases, in_set, top1, top5,
 * loglik); *hit1: the model's top choice was the cabinet. p: room for the
 * case's probabilities. */
void psi_predict_score_case(ps_predict_score *s, bool *hit1, const ps_predict_model *m,
                            const ps_predict_data *d, size_t i, double *p);

/* The same country, for a ParlGov name ("Belgium", "United Kingdom") and a
 * formation case's ("belgium", "northern-ireland"): case-insensitive,
 * '-' and ' ' alike. */
bool psi_predict_same_country(const char *a, const char *b);

#endif
