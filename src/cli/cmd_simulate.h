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
    const char *first_text;  /* --first-divisor as typed, for messages */
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
    const char *system;  /* --system LAW */
} sim_args;

/* Everything the report shows. Party k of the model is names[k]; the
 * tallies' seat-capable party j is model index c->party[j]. */
typedef struct sim_report {
    const sim_args *a;
    const ps_apportion_options *rules; /* the rules in force */
    const ps_system *law;              /* --system, or NULL */
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

/* ---- the model's state (cmd_simulate.c) --------------------------------- */

typedef struct sim_state {
    ps_polls *polls;
    ps_election *election;
    ps_document *doc;          /* --legislature: owns leg */
    const ps_legislature *leg; /* NULL without --legislature */
    double *pooled, *alpha;
    bool *others, *exempt;
    int *community;
    long *leg_of;              /* --legislature: party of each poll entry, or -1 */
    char **comm_names;
    size_t n_comm;
    uint64_t *masks;
    size_t n_masks;
    int64_t n_eff;
    size_t n_used;
    ps_sim_counts *counts, *round;
    ps_system *law;            /* --system */
} sim_state;

/* ---- matching polls to a legislature (cmd_simulate_parties.c) ------------ */

/* The poll entry named `name` (exactly), unless it was folded into
 * "others"; -1 for none. */
long sim_find_party(const ps_polls *p, const bool *others, const char *name);
/* Maps each poll entry to the legislature's party it names (s->leg_of), by
 * id, then name, then ignoring case; ambiguities and seatless parties are
 * reported. Returns 0 or an exit code after a message. */
int sim_map_legislature(sim_state *s, size_t n);
/* The communities of the poll entries (from the legislature). */
int sim_communities(sim_state *s, size_t n);
/* *out: the poll entry an exemption names, or -1 with a note when the poll
 * lacks it. Returns 0 or an exit code after a message. */
int sim_exempt_target(long *out, const sim_state *s, const char *name, const char *file,
                      long line, long column);

#endif
