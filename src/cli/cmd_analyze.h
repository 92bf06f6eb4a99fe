/*
 * cmd_analyze.h - the sections of `powershare analyze`, the main job.
 */
#ifndef POWERSHARE_CMD_ANALYZE_H
#define POWERSHARE_CMD_ANALYZE_H

#include "cli.h"

/* The chamber: lists by size with communities, seats of no list, the
 * majority line, each community's seats, the largest list. (analyze_chamber.c) */
void analyze_chamber_text(psi_buf *b, const ps_legislature *leg);
/* The same as a JSON object, ending in "}\n". */
void analyze_chamber_json(psi_buf *b, const ps_legislature *leg);

/* Each community's share of seats and of voting power (the sum of its lists'
 * normalised Banzhaf and Shapley-Shubik values). (analyze_sections.c) */
void analyze_communities_text(psi_buf *b, const ps_legislature *leg, const ps_power *power);
void analyze_communities_json(psi_buf *b, const ps_legislature *leg, const ps_power *power);

/* The offices of a government: posts by d'Hondt picks when the file gives a
 * number of posts, and the offices reserved by community. `members` are
 * party indices. Returns 0 or a library error code (err filled). */
int analyze_offices(psi_buf *b, const ps_legislature *leg, const ps_offices *offices,
                    const size_t *members, size_t n, bool json, ps_error *err);

/* The prediction model's `top` most likely governments with the caveat
 * that the model was fitted on European cabinets. Returns 0 or a library
 * error code (err filled): a model that cannot be read is reported by the
 * caller as a note, not a failure. (analyze_sections.c) */
int analyze_prediction(psi_buf *b, const ps_legislature *leg, const char *model_path,
                       size_t top, bool json, ps_error *err);

#endif
