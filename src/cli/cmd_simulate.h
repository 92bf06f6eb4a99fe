/*
 * cmd_simulate.h - what the two files of `powershare simulate` share: the
 * parsed options (cmd_simulate.c) and the report (cmd_simulate_report.c).
 */
#ifndef POWERSHARE_CMD_SIMULATE_H
#define POWERSHARE_CMD_SIMULATE_H

#include "cli.h"

#define SIM_MAX_LIST 64

typedef struct sim_args {
    const char *input;       /* POLLS.csv */
    const char *legislature; /* --legislature FILE */
    const char *out_path;
    output_format format;
    ps_apportion_options rules;
    bool method_given, seats_given, threshold_given, first_given;
    const char *exempt[SIM_MAX_LIST];
    size_t n_exempt;
    const char *others[SIM_MAX_LIST];
    size_t n_others;
    const char *coalition[256];
    size_t n_coalitions;
    uint64_t draws;      /* 0 with --precision */
    double precision;    /* 0 with --draws */
    uint64_t max_draws;
    uint64_t seed;
    int threads;
    bool banzhaf;
    int64_t sample_size; /* cap on the effective sample size, 0 = none */
} sim_args;

/* Everything the report shows. Party k of the model is names[k]; the
 * tallies' seat-capable party j is model index c->party[j]. */
typedef struct sim_report {
    const sim_args *a;
    const ps_apportion_options *rules; /* the rules in force */
    const ps_polls *polls;
    const double *pooled;  /* model order = poll order */
    int64_t n_eff;
    size_t n_used;
    const ps_sim_counts *c;
    const bool *others;
    const uint64_t *masks; /* asked coalitions (over seat-capable parties) or NULL */
    size_t n_masks;
    char **community;      /* community names, or NULL */
    size_t n_communities;
} sim_report;

void simulate_report(psi_buf *b, const sim_report *r);

#endif
