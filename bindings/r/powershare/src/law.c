/*
 * law.c - a whole electoral law (powershare/system.h) from R: the seats of
 * a votes table (given as CSV text) under a law, and the catalogue.
 */
#include <string.h>

#include "powershare_r.h"

static SEXP ints(const int64_t *x, size_t n)
{
    SEXP v = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; i++)
        REAL(v)[i] = x ? (double)x[i] : 0.0;
    UNPROTECT(1);
    return v;
}

/* list(party, district, seats) of the parties with seats, for a law that
 * gives them by district (the Bundestag's Land lists); else NULL. */
static SEXP seats_in(const ps_system *law, const ps_system_result *r, const ps_votes *v)
{
    if (!law->bundestag.present || !r->by_district)
        return R_NilValue;
    size_t nd = r->n_districts, m = 0;
    for (size_t i = 0; i < r->n; i++)
        m += r->seats[i] ? nd : 0;
    static const char *const names[] = {"party", "district", "seats"};
    SEXP out = PROTECT(ps_r_list(3, names));
    SEXP party = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)m));
    SEXP district = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)m));
    SEXP seats = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)m));
    size_t j = 0;
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; r->seats[i] && k < nd; k++, j++) {
            SET_STRING_ELT(party, (R_xlen_t)j, Rf_mkCharCE(v->parties[i], CE_UTF8));
            SET_STRING_ELT(district, (R_xlen_t)j, Rf_mkCharCE(law->district[k], CE_UTF8));
            REAL(seats)[j] = (double)r->by_district[i * nd + k];
        }
    SET_VECTOR_ELT(out, 0, party);
    SET_VECTOR_ELT(out, 1, district);
    SET_VECTOR_ELT(out, 2, seats);
    UNPROTECT(4);
    return out;
}

SEXP R_ps_law(SEXP csv, SEXP name, SEXP others_names, SEXP house, SEXP district_names,
              SEXP district_seats)
{
    const char *text = Rf_translateCharUTF8(STRING_ELT(csv, 0));
    const char *law_name = Rf_translateCharUTF8(STRING_ELT(name, 0));
    ps_error err;
    ps_error_clear(&err);
    ps_system *law = NULL;
    ps_votes *v = NULL;
    ps_system_result *r = NULL;
    size_t n_others = (size_t)XLENGTH(others_names);
    const char **other_names = (const char **)R_alloc(n_others + 1, sizeof *other_names);
    for (size_t k = 0; k < n_others; k++)
        other_names[k] = Rf_translateCharUTF8(STRING_ELT(others_names, (R_xlen_t)k));
    bool *others = NULL;
    ps_r_long_begin();
    int rc = ps_system_load(&law, law_name, &err);
    if (rc == 0 && XLENGTH(house) == 1)
        rc = ps_system_set_seats(law, (int64_t)REAL(house)[0], &err);
    size_t nd_given = (size_t)XLENGTH(district_names);
    if (rc == 0 && nd_given) {
        const char **dn = (const char **)R_alloc(nd_given, sizeof *dn);
        int64_t *ds = (int64_t *)R_alloc(nd_given, sizeof *ds);
        for (size_t k = 0; k < nd_given; k++) {
            dn[k] = Rf_translateCharUTF8(STRING_ELT(district_names, (R_xlen_t)k));
            ds[k] = (int64_t)REAL(district_seats)[k];
        }
        rc = ps_system_set_district_seats(law, dn, ds, nd_given, &err);
    }
    if (rc == 0)
        rc = ps_votes_read_csv(&v, text, strlen(text), "<votes>", &err);
    if (rc == 0)
        rc = ps_system_others(&others, v, other_names, n_others, &err);
    if (rc == 0)
        rc = ps_system_apply(&r, law, v, others, &err);
    ps_r_long_end();
    ps_free(others);
    if (rc < 0) {
        ps_votes_free(v);
        ps_system_free(law);
        ps_r_fail(&err);
    }
    static const char *const names[] = {"party",    "votes", "seats",   "eligible",
                                        "bonus",    "overhang", "moved", "leveling",
                                        "house",    "notes", "system",  "chamber",
                                        "law",      "source", "seats_in"};
    SEXP out = PROTECT(ps_r_list(15, names));
    size_t n = r->n, nd = v->n_districts ? v->n_districts : 1;
    SEXP party = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP votes = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP eligible = PROTECT(Rf_allocVector(LGLSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; i++) {
        double total = 0;
        for (size_t d = 0; d < nd; d++)
            total += (double)v->votes[i * nd + d];
        SET_STRING_ELT(party, (R_xlen_t)i, Rf_mkCharCE(v->parties[i], CE_UTF8));
        REAL(votes)[i] = total;
        LOGICAL(eligible)[i] = r->eligible[i];
    }
    SET_VECTOR_ELT(out, 0, party);
    SET_VECTOR_ELT(out, 1, votes);
    SET_VECTOR_ELT(out, 2, ints(r->seats, n));
    SET_VECTOR_ELT(out, 3, eligible);
    SET_VECTOR_ELT(out, 4, ints(r->bonus, n));
    SET_VECTOR_ELT(out, 5, ints(r->overhang, n));
    SET_VECTOR_ELT(out, 6, ints(r->moved, n));
    SET_VECTOR_ELT(out, 7, ints(r->leveling, n));
    SET_VECTOR_ELT(out, 8, Rf_ScalarReal((double)r->house));
    SET_VECTOR_ELT(out, 9, ps_r_str(r->notes));
    SET_VECTOR_ELT(out, 10, ps_r_str(law->id));
    SET_VECTOR_ELT(out, 11, ps_r_str(law->chamber));
    SET_VECTOR_ELT(out, 12, ps_r_str(law->law));
    SET_VECTOR_ELT(out, 13, ps_r_str(law->source));
    SET_VECTOR_ELT(out, 14, seats_in(law, r, v));
    ps_system_result_free(r);
    ps_votes_free(v);
    ps_system_free(law);
    UNPROTECT(4);
    return out;
}

SEXP R_ps_laws(void)
{
    ps_error err;
    ps_error_clear(&err);
    char **ids = NULL;
    if (ps_system_catalogue(&ids, &err) < 0)
        ps_r_fail(&err);
    size_t n = 0;
    while (ids[n])
        n++;
    SEXP id = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; i++)
        SET_STRING_ELT(id, (R_xlen_t)i, Rf_mkCharCE(ids[i], CE_UTF8));
    ps_free(ids);
    UNPROTECT(1);
    return id;
}
