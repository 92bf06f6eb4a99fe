/*
 * plurality.c - a multi-member plurality count (powershare/plurality.h:
 * SNTV, block vote, limited vote) from R. The candidate votes come as the
 * raw bytes of a CSV (a file's, or the one R/plurality.R writes from a data
 * frame), read by ps_candidate_votes_read_csv so that errors name the line
 * and column of the cell. The magnitudes: the table's seats column, `seats`
 * (> 0: a table of one district) or `seats_path`, a district,seats CSV,
 * whose errors are said to be in `seats_name` when given (R/plurality.R
 * writes a named vector of district seats to a temporary file). Figures are
 * doubles; a tie's candidates are joined by ';' as in the program's CSV.
 */
#include <stdio.h>
#include <string.h>

#include "powershare_r.h"

static SEXP names_of(char *const *names, const size_t *idx, size_t n)
{
    SEXP out = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (size_t k = 0; k < n; k++)
        SET_STRING_ELT(out, (R_xlen_t)k, Rf_mkCharCE(names[idx ? idx[k] : k], CE_UTF8));
    UNPROTECT(1);
    return out;
}

static SEXP reals(const int64_t *x, size_t n)
{
    SEXP out = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    for (size_t k = 0; k < n; k++)
        REAL(out)[k] = (double)x[k];
    UNPROTECT(1);
    return out;
}

/* Names joined by ';'. */
static SEXP joined(char *const *names, const size_t *idx, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(names[idx[i]]) + 1;
    char *s = R_alloc(len, 1);
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(s, ";");
        strcat(s, names[idx[i]]);
    }
    return Rf_mkCharCE(s, CE_UTF8);
}

static SEXP candidates(const ps_candidate_votes *cv, const ps_plurality_result *r)
{
    static const char *const names[] = {"district", "candidate", "party",
                                        "votes",    "rank",      "elected"};
    size_t n = cv->n_candidates;
    SEXP out = PROTECT(ps_r_list(6, names));
    SEXP district = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP party = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP elected = PROTECT(Rf_allocVector(LGLSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; i++) {
        SET_STRING_ELT(district, (R_xlen_t)i,
                       Rf_mkCharCE(cv->districts[cv->district[i]], CE_UTF8));
        SET_STRING_ELT(party, (R_xlen_t)i, Rf_mkCharCE(cv->parties[cv->party[i]], CE_UTF8));
        LOGICAL(elected)[i] = r->elected[i];
    }
    SET_VECTOR_ELT(out, 0, district);
    SET_VECTOR_ELT(out, 1, names_of(cv->candidates, NULL, n));
    SET_VECTOR_ELT(out, 2, party);
    SET_VECTOR_ELT(out, 3, reals(cv->votes, n));
    SET_VECTOR_ELT(out, 4, reals(r->rank, n));
    SET_VECTOR_ELT(out, 5, elected);
    UNPROTECT(4);
    return out;
}

static SEXP districts(const ps_candidate_votes *cv, const ps_plurality_result *r)
{
    static const char *const names[] = {"district", "seats", "votes", "candidates"};
    size_t n = r->n_districts;
    SEXP out = PROTECT(ps_r_list(4, names));
    SEXP seats = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP votes = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP standing = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    for (size_t d = 0; d < n; d++) {
        REAL(seats)[d] = (double)r->district[d].seats;
        REAL(votes)[d] = (double)r->district[d].votes;
        REAL(standing)[d] = (double)r->district[d].n_candidates;
    }
    SET_VECTOR_ELT(out, 0, names_of(cv->districts, NULL, n));
    SET_VECTOR_ELT(out, 1, seats);
    SET_VECTOR_ELT(out, 2, votes);
    SET_VECTOR_ELT(out, 3, standing);
    UNPROTECT(4);
    return out;
}

static SEXP parties(const ps_candidate_votes *cv, const ps_plurality_result *r)
{
    static const char *const names[] = {"party", "candidates", "votes", "seats"};
    size_t n = r->n_parties;
    SEXP out = PROTECT(ps_r_list(4, names));
    SET_VECTOR_ELT(out, 0, names_of(cv->parties, NULL, n));
    SET_VECTOR_ELT(out, 1, reals(r->party_candidates, n));
    SET_VECTOR_ELT(out, 2, reals(r->party_votes, n));
    SET_VECTOR_ELT(out, 3, reals(r->party_seats, n));
    UNPROTECT(1);
    return out;
}

static SEXP ties(const ps_candidate_votes *cv, const ps_plurality_result *r)
{
    static const char *const names[] = {"district", "first_seat", "last_seat", "tied",
                                        "winners"};
    size_t n = 0;
    for (size_t d = 0; d < r->n_districts; d++)
        n += r->district[d].tie != NULL;
    SEXP out = PROTECT(ps_r_list(5, names));
    SEXP district = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP first = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP last = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP tied = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP winners = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (size_t d = 0, k = 0; d < r->n_districts; d++) {
        const ps_tie *t = r->district[d].tie;
        if (!t)
            continue;
        SET_STRING_ELT(district, (R_xlen_t)k, Rf_mkCharCE(cv->districts[d], CE_UTF8));
        REAL(first)[k] = (double)t->first_seat;
        REAL(last)[k] = (double)t->last_seat;
        SET_STRING_ELT(tied, (R_xlen_t)k, joined(cv->candidates, t->tied, t->n_tied));
        SET_STRING_ELT(winners, (R_xlen_t)k, joined(cv->candidates, t->winners, t->n_winners));
        k++;
    }
    SET_VECTOR_ELT(out, 0, district);
    SET_VECTOR_ELT(out, 1, first);
    SET_VECTOR_ELT(out, 2, last);
    SET_VECTOR_ELT(out, 3, tied);
    SET_VECTOR_ELT(out, 4, winners);
    UNPROTECT(6);
    return out;
}

static const char *opt_string(SEXP x)
{
    return Rf_isString(x) && XLENGTH(x) == 1 && STRING_ELT(x, 0) != NA_STRING
               ? Rf_translateCharUTF8(STRING_ELT(x, 0))
               : NULL;
}

SEXP R_ps_plurality(SEXP csv, SEXP source, SEXP seats, SEXP seats_path, SEXP seats_name,
                    SEXP method, SEXP ties_policy, SEXP seed)
{
    if (TYPEOF(csv) != RAWSXP)
        ps_r_usage("candidates: expected the raw bytes of a CSV file");
    const char *src = Rf_translateCharUTF8(STRING_ELT(source, 0));
    const char *spath = opt_string(seats_path), *sname = opt_string(seats_name);
    const char *mname = Rf_translateCharUTF8(STRING_ELT(method, 0));
    const char *tp = Rf_translateCharUTF8(STRING_ELT(ties_policy, 0));
    ps_plurality_options opt;
    ps_plurality_options_init(&opt);
    ps_error err;
    ps_error_clear(&err);
    if (ps_plurality_method_parse(&opt.method, mname, &err) < 0)
        ps_r_fail(&err);
    if (ps_tie_policy_parse(&opt.ties, tp, &err) < 0)
        ps_r_usage("ties: %s", err.message);
    double sd = Rf_asReal(seed);
    if (ISNAN(sd) || sd < 0)
        ps_r_usage("seed: expected a non-negative number");
    opt.seed = (uint64_t)sd;
    double s = Rf_asReal(seats);
    if (ISNAN(s) || s < 0 || s > 1e15)
        ps_r_usage("seats: expected a positive number or NULL");

    ps_candidate_votes *cv = NULL;
    ps_plurality_result *r = NULL;
    ps_r_long_begin();
    int rc = ps_candidate_votes_read_csv(&cv, (const char *)RAW(csv), (size_t)XLENGTH(csv), src,
                                         &err);
    ps_r_long_end();
    if (rc < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", src);
        ps_r_fail(&err);
    }
    if (s >= 1 && ps_candidate_votes_set_seats(cv, (int64_t)s, &err) < 0) {
        ps_candidate_votes_free(cv);
        if (err.code == PS_EINVAL) /* the table has districts or a seats column */
            ps_r_usage("seats = %.0f: a number is the seats of a table of one district "
                       "without a seats column; give a named vector of district seats or "
                       "leave seats out",
                       s);
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", src);
        ps_r_fail(&err);
    }
    if (spath && ps_candidate_votes_load_seats(cv, spath, &err) < 0) {
        ps_candidate_votes_free(cv);
        if (sname && (!err.file[0] || !strcmp(err.file, spath)))
            snprintf(err.file, sizeof err.file, "%s", sname);
        if (err.code == PS_EINVAL) {
            char msg[sizeof err.message];
            snprintf(msg, sizeof msg, "%s", err.message);
            ps_r_usage("seats: %s", msg);
        }
        ps_r_fail(&err);
    }
    for (size_t d = 0; d < cv->n_districts; d++)
        if (cv->seats[d] < 1) {
            char msg[512];
            if (cv->has_district_column)
                snprintf(msg, sizeof msg,
                         "seats: district '%s' has no seats given: add a seats column, or "
                         "give seats a named vector of district seats",
                         cv->districts[d]);
            else
                snprintf(msg, sizeof msg,
                         "seats: give seats (the seats to fill) or a seats column");
            ps_candidate_votes_free(cv);
            ps_r_usage("%s", msg);
        }
    ps_r_long_begin();
    rc = ps_plurality_count(&r, cv, &opt, &err);
    ps_r_long_end();
    if (rc < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", src);
        ps_candidate_votes_free(cv);
        ps_r_fail(&err);
    }
    static const char *const names[] = {"method",     "ballot",    "seats",   "votes_total",
                                        "candidates", "districts", "parties", "ties"};
    SEXP out = PROTECT(ps_r_list(8, names));
    SET_VECTOR_ELT(out, 0, Rf_mkString(ps_plurality_method_name(r->method)));
    SET_VECTOR_ELT(out, 1, Rf_mkString(ps_plurality_ballot(r->method)));
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r->seats));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal((double)r->votes));
    SET_VECTOR_ELT(out, 4, candidates(cv, r));
    SET_VECTOR_ELT(out, 5, districts(cv, r));
    SET_VECTOR_ELT(out, 6, parties(cv, r));
    SET_VECTOR_ELT(out, 7, ties(cv, r));
    ps_plurality_result_free(r);
    ps_candidate_votes_free(cv);
    UNPROTECT(1);
    return out;
}
