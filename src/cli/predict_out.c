/*
 * predict_out.c - the summary a reader of a prediction needs first (each
 * party's probability of being in the government, the majority statuses,
 * the mass of the ten most probable governments), printed alike by
 * `predict` and by `analyze`'s prediction section.
 */
#include <string.h>

#include "predict_out.h"

/* The parties by decreasing probability of being in government (ties by
 * index), into idx; returns how many hold seats. */
static size_t by_probability(size_t *idx, const ps_predict_summary *s, const ps_legislature *leg)
{
    size_t n = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (leg->parties[i].seats <= 0)
            continue;
        size_t j = n++;
        while (j > 0 && s->in_government[idx[j - 1]] < s->in_government[i]) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = i;
    }
    return n;
}

void predict_summary_text(psi_buf *b, const ps_predict_summary *s, const ps_legislature *leg,
                          double n_sets)
{
    size_t idx[64], n = by_probability(idx, s, leg), width = 2;
    for (size_t k = 0; k < n; k++) {
        size_t w = strlen(leg->parties[idx[k]].id);
        width = w > width ? w : width;
    }
    psi_buf_printf(b, "\nProbability of being in the government (summed over the %.0f "
                      "potential governments):\n", n_sets);
    for (size_t k = 0; k < n; k++) {
        const ps_party *pt = &leg->parties[idx[k]];
        psi_buf_printf(b, "  %-*s  %6.4f", (int)width, pt->id, s->in_government[idx[k]]);
        if (pt->name && strcmp(pt->name, pt->id))
            psi_buf_printf(b, "  %s", pt->name);
        psi_buf_puts(b, "\n");
    }
    psi_buf_printf(b, "Government: oversized (surplus) %.4f, minimal winning %.4f, minority "
                      "%.4f.\nThe 10 most probable governments hold %.4f of the "
                      "probability.\n",
                   s->surplus, s->minimal, s->minority, s->top10);
}

void predict_summary_json(psi_buf *b, const ps_predict_summary *s, const ps_legislature *leg)
{
    size_t idx[64], n = by_probability(idx, s, leg);
    psi_buf_puts(b, ",\n  \"in_government\": [");
    for (size_t k = 0; k < n; k++) {
        psi_buf_printf(b, "%s\n    {\"id\": ", k ? "," : "");
        psi_buf_json_string(b, leg->parties[idx[k]].id);
        psi_buf_printf(b, ", \"probability\": %.6g}", s->in_government[idx[k]]);
    }
    psi_buf_printf(b, "\n  ],\n  \"status_probability\": {\"surplus\": %.6g, "
                      "\"minimal_winning\": %.6g, \"minority\": %.6g},\n"
                      "  \"top10_probability\": %.6g",
                   s->surplus, s->minimal, s->minority, s->top10);
}

