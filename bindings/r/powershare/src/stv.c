/*
 * stv.c - a single transferable vote count (powershare/stv.h) from R: the
 * ballots as raw bytes of a BLT file, every figure of the count as its
 * exact decimal text ("2345.50541"; R/stv.R adds the doubles), candidates
 * by name.
 */
#include <stdio.h>
#include <string.h>

#include "powershare_r.h"

/* A figure of the count in its rule's decimal places (r->scale). */
static SEXP figure(const ps_stv_result *r, int64_t v)
{
    char s[40];
    if (ps_stv_format_scaled(v, r->scale, s, sizeof s) < 0)
        return NA_STRING;
    return Rf_mkChar(s);
}

static SEXP name_of(const ps_ballots *b, size_t i)
{
    return Rf_mkCharCE(b->candidates[i], CE_UTF8);
}

/* Names joined by ';' (the CSV convention of the program). */
static SEXP joined(const ps_ballots *b, const size_t *idx, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(b->candidates[idx[i]]) + 1;
    char *s = R_alloc(len, 1);
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(s, ";");
        strcat(s, b->candidates[idx[i]]);
    }
    return Rf_mkCharCE(s, CE_UTF8);
}

static SEXP candidates(const ps_ballots *b, const ps_stv_result *r)
{
    static const char *const names[] = {"candidate", "affiliation", "status", "stage",
                                        "last_vacancies", "votes"};
    size_t n = b->n_candidates;
    SEXP out = PROTECT(ps_r_list(6, names));
    SEXP cand = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP aff = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP status = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP stage = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP last = PROTECT(Rf_allocVector(LGLSXP, (R_xlen_t)n));
    SEXP votes = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; i++) {
        const ps_stv_candidate *c = &r->candidate[i];
        const char *a = b->affiliations ? b->affiliations[i] : NULL;
        SET_STRING_ELT(cand, (R_xlen_t)i, name_of(b, i));
        SET_STRING_ELT(aff, (R_xlen_t)i, a ? Rf_mkCharCE(a, CE_UTF8) : NA_STRING);
        SET_STRING_ELT(status, (R_xlen_t)i, Rf_mkChar(ps_stv_status_name(c->status)));
        REAL(stage)[i] = (double)c->stage;
        LOGICAL(last)[i] = c->last_vacancies;
        SET_STRING_ELT(votes, (R_xlen_t)i, figure(r, c->votes));
    }
    SET_VECTOR_ELT(out, 0, cand);
    SET_VECTOR_ELT(out, 1, aff);
    SET_VECTOR_ELT(out, 2, status);
    SET_VECTOR_ELT(out, 3, stage);
    SET_VECTOR_ELT(out, 4, last);
    SET_VECTOR_ELT(out, 5, votes);
    UNPROTECT(7);
    return out;
}

/* One row of the sheet: its stage, label, figure and (Meek) keep factor. */
static void sheet_row(SEXP cols[4], size_t *j, size_t k, SEXP label, SEXP value, SEXP keep)
{
    REAL(cols[0])[*j] = (double)(k + 1);
    SET_STRING_ELT(cols[1], (R_xlen_t)*j, label);
    SET_STRING_ELT(cols[2], (R_xlen_t)*j, value);
    SET_STRING_ELT(cols[3], (R_xlen_t)*j, keep);
    (*j)++;
}

/* The official sheet's rows, as the program's CSV: stage, candidate, votes,
 * and under Meek's rule the keep factors and a Quota row (keep_factor NA
 * otherwise). */
static SEXP sheet(const ps_ballots *b, const ps_stv_result *r)
{
    static const char *const names[] = {"stage", "candidate", "votes", "keep_factor"};
    bool meek = r->rule == PS_STV_MEEK;
    size_t standing = 0;
    for (size_t i = 0; i < r->n_candidates; i++)
        standing += r->candidate[i].status != PS_STV_WITHDRAWN;
    size_t m = r->n_stages * (standing + 2 + meek), j = 0;
    SEXP out = PROTECT(ps_r_list(4, names));
    SEXP cols[4] = {PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)m)),
                    PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)m)),
                    PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)m)),
                    PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)m))};
    for (size_t k = 0; k < r->n_stages; k++) {
        const ps_stv_stage *s = &r->stage[k];
        for (size_t i = 0; i < r->n_candidates; i++)
            if (r->candidate[i].status != PS_STV_WITHDRAWN)
                sheet_row(cols, &j, k, name_of(b, i), figure(r, s->votes[i]),
                          s->keep ? figure(r, s->keep[i]) : NA_STRING);
        sheet_row(cols, &j, k, Rf_mkChar("Non-transferable votes"),
                  figure(r, s->non_transferable), NA_STRING);
        sheet_row(cols, &j, k, Rf_mkChar("Non-transferable votes due to rounding"),
                  figure(r, s->rounding), NA_STRING);
        if (meek)
            sheet_row(cols, &j, k, Rf_mkChar("Quota"), figure(r, s->quota), NA_STRING);
    }
    for (int c = 0; c < 4; c++)
        SET_VECTOR_ELT(out, c, cols[c]);
    UNPROTECT(5);
    return out;
}

static SEXP actions(const ps_ballots *b, const ps_stv_result *r)
{
    static const char *const names[] = {"stage",   "action", "candidate", "excluded",
                                        "amount",  "elected", "quota",    "iterations"};
    size_t n = r->n_stages;
    SEXP out = PROTECT(ps_r_list(8, names));
    SEXP stage = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP action = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP cand = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP excluded = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP amount = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP elected = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP quota = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP iterations = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    for (size_t k = 0; k < n; k++) {
        const ps_stv_stage *s = &r->stage[k];
        REAL(stage)[k] = (double)(k + 1);
        SET_STRING_ELT(action, (R_xlen_t)k, Rf_mkChar(ps_stv_action_name(s->action)));
        SET_STRING_ELT(cand, (R_xlen_t)k,
                       ps_stv_action_has_candidate(s->action) ? name_of(b, s->candidate)
                                                              : NA_STRING);
        /* several candidates under the Irish rules, excluded together */
        SET_STRING_ELT(excluded, (R_xlen_t)k, joined(b, s->excluded, s->n_excluded));
        SET_STRING_ELT(amount, (R_xlen_t)k, figure(r, s->amount));
        SET_STRING_ELT(elected, (R_xlen_t)k, joined(b, s->elected, s->n_elected));
        SET_STRING_ELT(quota, (R_xlen_t)k, figure(r, s->quota));
        REAL(iterations)[k] = (double)s->iterations;
    }
    SET_VECTOR_ELT(out, 0, stage);
    SET_VECTOR_ELT(out, 1, action);
    SET_VECTOR_ELT(out, 2, cand);
    SET_VECTOR_ELT(out, 3, excluded);
    SET_VECTOR_ELT(out, 4, amount);
    SET_VECTOR_ELT(out, 5, elected);
    SET_VECTOR_ELT(out, 6, quota);
    SET_VECTOR_ELT(out, 7, iterations);
    UNPROTECT(9);
    return out;
}

static SEXP ties(const ps_ballots *b, const ps_stv_result *r)
{
    static const char *const names[] = {"stage", "action", "tied", "chosen", "decided_at"};
    size_t n = r->n_ties;
    SEXP out = PROTECT(ps_r_list(5, names));
    SEXP stage = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP action = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP tied = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP chosen = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP decided = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; i++) {
        const ps_stv_tie *t = &r->tie[i];
        REAL(stage)[i] = (double)t->stage;
        SET_STRING_ELT(action, (R_xlen_t)i, Rf_mkChar(ps_stv_action_name(t->action)));
        SET_STRING_ELT(tied, (R_xlen_t)i, joined(b, t->tied, t->n_tied));
        SET_STRING_ELT(chosen, (R_xlen_t)i, name_of(b, t->chosen));
        REAL(decided)[i] = (double)t->decided_at;
    }
    SET_VECTOR_ELT(out, 0, stage);
    SET_VECTOR_ELT(out, 1, action);
    SET_VECTOR_ELT(out, 2, tied);
    SET_VECTOR_ELT(out, 3, chosen);
    SET_VECTOR_ELT(out, 4, decided);
    UNPROTECT(6);
    return out;
}

SEXP R_ps_stv(SEXP blt, SEXP source, SEXP rule, SEXP seats, SEXP ties_policy, SEXP seed)
{
    if (TYPEOF(blt) != RAWSXP)
        ps_r_usage("ballots: expected the raw bytes of a BLT file");
    const char *src = Rf_translateCharUTF8(STRING_ELT(source, 0));
    const char *rule_name = Rf_translateCharUTF8(STRING_ELT(rule, 0));
    const char *tp = Rf_translateCharUTF8(STRING_ELT(ties_policy, 0));
    ps_stv_options opt;
    ps_stv_options_init(&opt);
    ps_error err;
    ps_error_clear(&err);
    if (ps_stv_rule_parse(&opt.rule, rule_name, &err) < 0)
        ps_r_fail(&err);
    double s = Rf_asReal(seats);
    if (ISNAN(s) || s < 0 || s > 1e9)
        ps_r_usage("seats: expected a positive number or NULL");
    opt.seats = (int64_t)s;
    if (ps_tie_policy_parse(&opt.ties, tp, &err) < 0)
        ps_r_usage("ties: %s", err.message);
    double sd = Rf_asReal(seed);
    if (ISNAN(sd) || sd < 0)
        ps_r_usage("seed: expected a non-negative number");
    opt.seed = (uint64_t)sd;
    ps_ballots *b = NULL;
    ps_stv_result *r = NULL;
    ps_r_long_begin();
    int rc = ps_ballots_read(&b, (const char *)RAW(blt), (size_t)XLENGTH(blt), src, &err);
    if (rc == 0)
        rc = ps_stv_count(&r, b, &opt, &err);
    ps_r_long_end();
    if (rc < 0) {
        ps_ballots_free(b);
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", src);
        ps_r_fail(&err);
    }
    static const char *const names[] = {"title",  "rule",       "seats",   "ballots",
                                        "valid",  "ignored",    "quota",   "elected",
                                        "candidates", "sheet",  "actions", "ties"};
    SEXP out = PROTECT(ps_r_list(12, names));
    SET_VECTOR_ELT(out, 0, ps_r_str(b->title));
    SET_VECTOR_ELT(out, 1, Rf_mkString(ps_stv_rule_name(r->rule)));
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r->seats));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal((double)b->total));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal((double)r->valid));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal((double)r->ignored));
    SET_VECTOR_ELT(out, 6, Rf_ScalarString(figure(r, r->quota)));
    SEXP elected = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)r->n_elected));
    for (size_t i = 0; i < r->n_elected; i++)
        SET_STRING_ELT(elected, (R_xlen_t)i, name_of(b, r->elected[i]));
    SET_VECTOR_ELT(out, 7, elected);
    SET_VECTOR_ELT(out, 8, candidates(b, r));
    SET_VECTOR_ELT(out, 9, sheet(b, r));
    SET_VECTOR_ELT(out, 10, actions(b, r));
    SET_VECTOR_ELT(out, 11, ties(b, r));
    ps_stv_result_free(r);
    ps_ballots_free(b);
    UNPROTECT(2);
    return out;
}
