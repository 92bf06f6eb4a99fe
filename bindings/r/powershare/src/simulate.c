/*
 * simulate.c - poll uncertainty to seat and coalition probabilities
 * (simulate.h): the polls read and pooled by the library, each entry's
 * Dirichlet parameter N * share + 1/2 (docs/simulate.md), the draws in
 * seeded blocks, so that the counts equal `powershare simulate --draws D
 * --seed S`. Returns the counts; R/simulate.R makes the probabilities.
 */
#include <string.h>
#include <strings.h>

#include "powershare_r.h"

typedef struct sim {
    ps_polls *polls;
    ps_sim_counts *counts;
} sim;

static void sim_fail(sim *s, const ps_error *err)
{
    ps_polls_free(s->polls);
    ps_sim_counts_free(s->counts);
    ps_r_fail(err);
}

static void mark(bool *flags, const ps_polls *p, SEXP names, bool required, sim *s)
{
    for (R_xlen_t k = 0; !Rf_isNull(names) && k < XLENGTH(names); k++) {
        const char *name = Rf_translateCharUTF8(STRING_ELT(names, k));
        long i = ps_polls_find(p, name);
        if (i >= 0) {
            flags[i] = true;
        } else if (required) {
            ps_error err;
            ps_error_clear(&err);
            err.code = PS_EINVAL;
            snprintf(err.message, sizeof err.message, "others: no entry '%s' in the polls",
                     name);
            sim_fail(s, &err);
        }
    }
}

SEXP R_ps_simulate(SEXP polls, SEXP source, SEXP seats, SEXP method, SEXP threshold,
                   SEXP quota, SEXP draws, SEXP seed, SEXP others, SEXP exempt, SEXP banzhaf)
{
    sim s = {NULL, NULL};
    ps_sim_model m;
    memset(&m, 0, sizeof m);
    ps_error err;
    ps_error_clear(&err);
    const char *text = Rf_translateCharUTF8(STRING_ELT(polls, 0));
    if (ps_polls_parse(&s.polls, text, strlen(text), CHAR(STRING_ELT(source, 0)), &err) < 0)
        sim_fail(&s, &err);
    ps_apportion_options_init(&m.rules);
    m.rules.seats = (int64_t)Rf_asReal(seats);
    if (ps_method_parse(&m.rules.method, CHAR(STRING_ELT(method, 0)), &err) < 0)
        sim_fail(&s, &err);
    if (Rf_asLogical(quota))
        m.rules.threshold = PS_THRESHOLD_QUOTA;
    else if (!Rf_isNull(threshold)) {
        m.rules.threshold = PS_THRESHOLD_SHARE;
        m.rules.threshold_share = (ps_ratio){(int64_t)REAL(threshold)[0],
                                             (int64_t)REAL(threshold)[1]};
    }
    size_t n = s.polls->n_parties;
    double *pooled = (double *)R_alloc(n, sizeof *pooled);
    double *alpha = (double *)R_alloc(n, sizeof *alpha);
    bool *is_other = (bool *)R_alloc(n, sizeof *is_other);
    bool *is_exempt = (bool *)R_alloc(n, sizeof *is_exempt);
    for (size_t i = 0; i < n; i++) {
        is_other[i] = !strcasecmp(s.polls->parties[i], "others");
        is_exempt[i] = false;
    }
    mark(is_other, s.polls, others, true, &s);
    mark(is_exempt, s.polls, exempt, false, &s); /* an unpolled exemption: usual */
    int64_t n_eff;
    size_t used;
    if (ps_polls_pool(pooled, &n_eff, &used, s.polls, 0, &err) < 0)
        sim_fail(&s, &err);
    for (size_t i = 0; i < n; i++)
        alpha[i] = (double)n_eff * pooled[i] + 0.5;
    m.n = n;
    m.names = (const char *const *)s.polls->parties;
    m.alpha = alpha;
    m.others = is_other;
    m.exempt = is_exempt;
    m.banzhaf = Rf_asLogical(banzhaf);
    if (ps_sim_counts_new(&s.counts, &m, &err) < 0)
        sim_fail(&s, &err);
    uint64_t d = (uint64_t)Rf_asReal(draws);
    if (d == 0) {
        err.code = PS_EINVAL;
        snprintf(err.message, sizeof err.message, "draws must be at least 1");
        sim_fail(&s, &err);
    }
    ps_sim_run_options ro;
    memset(&ro, 0, sizeof ro);
    ro.seed = (uint64_t)Rf_asReal(seed);
    ro.threads = 1;
    ro.n_blocks = (d + PS_SIM_BLOCK - 1) / PS_SIM_BLOCK;
    ro.last_draws = d % PS_SIM_BLOCK;
    ps_r_long_begin();
    int rc = ps_simulate_run(s.counts, &m, &ro, &err);
    ps_r_long_end();
    if (rc < 0)
        sim_fail(&s, &err);

    const ps_sim_counts *c = s.counts;
    static const char *const names[] = {"draws", "seats", "majority", "sample_size", "party",
                                        "poll_share", "others", "entered", "seats_q05",
                                        "seats_q50", "seats_q95", "seats_mean", "banzhaf",
                                        "coalition", "majority_draws", "minimal_draws"};
    SEXP out = PROTECT(ps_r_list(16, names));
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal((double)c->draws[0]));
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal((double)c->seats));
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)ps_sim_majority(c)));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal((double)n_eff));
    SEXP party = SET_VECTOR_ELT(out, 4, Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP share = SET_VECTOR_ELT(out, 5, Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP oth = SET_VECTOR_ELT(out, 6, Rf_allocVector(LGLSXP, (R_xlen_t)n));
    SEXP ent = SET_VECTOR_ELT(out, 7, Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP q[3];
    for (int k = 0; k < 3; k++)
        q[k] = SET_VECTOR_ELT(out, 8 + k, Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP mean = SET_VECTOR_ELT(out, 11, Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP bz = SET_VECTOR_ELT(out, 12, Rf_allocVector(REALSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; i++) {
        R_xlen_t r = (R_xlen_t)i;
        SET_STRING_ELT(party, r, Rf_mkCharCE(s.polls->parties[i], CE_UTF8));
        REAL(share)[r] = pooled[i];
        size_t j = 0;
        while (j < c->m && c->party[j] != i)
            j++;
        LOGICAL(oth)[r] = j == c->m;
        if (j == c->m) {
            REAL(ent)[r] = REAL(q[0])[r] = REAL(q[1])[r] = REAL(q[2])[r] = NA_REAL;
            REAL(mean)[r] = REAL(bz)[r] = NA_REAL;
            continue;
        }
        double se;
        REAL(ent)[r] = (double)c->entered[j];
        REAL(q[0])[r] = (double)ps_sim_seat_quantile(c, j, 0.05);
        REAL(q[1])[r] = (double)ps_sim_seat_quantile(c, j, 0.5);
        REAL(q[2])[r] = (double)ps_sim_seat_quantile(c, j, 0.95);
        REAL(mean)[r] = ps_sim_seat_mean(c, j);
        ps_sim_banzhaf(&REAL(bz)[r], &se, c, j);
    }
    R_xlen_t nm = 0;
    size_t masks = (size_t)1 << c->m;
    for (size_t mask = 1; mask < masks; mask++)
        nm += c->minimal[mask] != 0;
    SEXP coal = SET_VECTOR_ELT(out, 13, Rf_allocVector(VECSXP, nm));
    SEXP win = SET_VECTOR_ELT(out, 14, Rf_allocVector(REALSXP, nm));
    SEXP min = SET_VECTOR_ELT(out, 15, Rf_allocVector(REALSXP, nm));
    R_xlen_t row = 0;
    for (size_t mask = 1; mask < masks; mask++) {
        if (!c->minimal[mask])
            continue;
        int k = 0;
        for (size_t j = 0; j < c->m; j++)
            k += (mask >> j) & 1u;
        SEXP ids = SET_VECTOR_ELT(coal, row, Rf_allocVector(STRSXP, k));
        k = 0;
        for (size_t j = 0; j < c->m; j++)
            if ((mask >> j) & 1u)
                SET_STRING_ELT(ids, k++, Rf_mkCharCE(s.polls->parties[c->party[j]], CE_UTF8));
        REAL(win)[row] = (double)c->win[mask];
        REAL(min)[row] = (double)c->minimal[mask];
        row++;
    }
    ps_polls_free(s.polls);
    ps_sim_counts_free(s.counts);
    UNPROTECT(1);
    return out;
}
