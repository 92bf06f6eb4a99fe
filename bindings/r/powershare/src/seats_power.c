/*
 * seats_power.c - seats from votes (ps_apportion, ps_apportion_biproportional)
 * and the voting power of a weighted game (ps_power_compute).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "powershare_r.h"

/* A numeric vector of whole numbers as int64 (R_alloc'ed). */
static int64_t *whole(SEXP x, const char *what, R_xlen_t *n)
{
    if (!Rf_isNumeric(x))
        ps_r_usage("%s: expected whole numbers", what);
    *n = XLENGTH(x);
    int64_t *out = (int64_t *)R_alloc((size_t)(*n ? *n : 1), sizeof *out);
    for (R_xlen_t i = 0; i < *n; i++) {
        double v = Rf_isInteger(x) ? (INTEGER(x)[i] == NA_INTEGER ? NAN : INTEGER(x)[i])
                                   : REAL(x)[i];
        if (!(v == floor(v)) || fabs(v) > 9007199254740992.0)
            ps_r_usage("%s: item %lld is not a whole number", what, (long long)i + 1);
        out[i] = (int64_t)v;
    }
    return out;
}

/* A share: NULL (false) or c(num, den) into *out (true). */
static bool ratio_of(ps_ratio *out, SEXP x, const char *what)
{
    if (Rf_isNull(x))
        return false;
    R_xlen_t n;
    int64_t *t = whole(x, what, &n);
    if (n != 2)
        ps_r_usage("%s: expected c(numerator, denominator)", what);
    *out = (ps_ratio){t[0], t[1]};
    return true;
}

/* threshold: NULL or c(num, den) */
static void share(ps_apportion_options *opt, SEXP threshold)
{
    if (ratio_of(&opt->threshold_share, threshold, "threshold"))
        opt->threshold = PS_THRESHOLD_SHARE;
}

static void method_of(ps_method *m, SEXP method)
{
    ps_error err;
    ps_error_clear(&err);
    if (ps_method_parse(m, CHAR(STRING_ELT(method, 0)), &err) < 0)
        ps_r_fail(&err);
}

SEXP R_ps_apportion(SEXP votes, SEXP seats, SEXP method, SEXP threshold, SEXP ties)
{
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    method_of(&opt.method, method);
    opt.seats = (int64_t)Rf_asReal(seats);
    share(&opt, threshold);
    if (!strcmp(CHAR(STRING_ELT(ties, 0)), "first"))
        opt.ties = PS_TIES_FIRST;
    R_xlen_t n;
    int64_t *v = whole(votes, "votes", &n);
    ps_apportionment *a = NULL;
    ps_error err;
    ps_error_clear(&err);
    if (ps_apportion(&a, v, (size_t)n, &opt, &err) < 0)
        ps_r_fail(&err);
    static const char *const names[] = {"seats", "eligible", "tied", "tie_winners"};
    SEXP out = PROTECT(ps_r_list(4, names));
    SEXP s = SET_VECTOR_ELT(out, 0, Rf_allocVector(REALSXP, n));
    SEXP e = SET_VECTOR_ELT(out, 1, Rf_allocVector(LGLSXP, n));
    for (R_xlen_t i = 0; i < n; i++) {
        REAL(s)[i] = (double)a->seats[i];
        LOGICAL(e)[i] = a->eligible[i];
    }
    SEXP tied = SET_VECTOR_ELT(out, 2, Rf_allocVector(INTSXP, a->tie ? (R_xlen_t)a->tie->n_tied : 0));
    SEXP won = SET_VECTOR_ELT(out, 3,
                              Rf_allocVector(INTSXP, a->tie ? (R_xlen_t)a->tie->n_winners : 0));
    for (R_xlen_t k = 0; a->tie && k < XLENGTH(tied); k++)
        INTEGER(tied)[k] = (int)a->tie->tied[k] + 1;
    for (R_xlen_t k = 0; a->tie && k < XLENGTH(won); k++)
        INTEGER(won)[k] = (int)a->tie->winners[k] + 1;
    ps_apportionment_free(a);
    UNPROTECT(1);
    return out;
}

/* The variants (NULL: none): winner_take_one "every" or "single-seat",
 * lower_method a method's name, district_threshold c(num, den). */
static void variants_of(ps_biproportional_options *bopt, SEXP wto, SEXP lower_method,
                        SEXP district_threshold)
{
    ps_biproportional_options_init(bopt);
    ps_error err;
    ps_error_clear(&err);
    if (!Rf_isNull(wto) &&
        ps_winner_take_one_parse(&bopt->winner_take_one, CHAR(STRING_ELT(wto, 0)), &err) < 0)
        ps_r_usage("winner_take_one: %s", err.message);
    if (!Rf_isNull(lower_method)) {
        method_of(&bopt->lower_method, lower_method);
        bopt->lower_method_given = true;
    }
    ratio_of(&bopt->district_threshold, district_threshold, "district_threshold");
}

/* list(seats = party-major cells, unguaranteed = districts (from 1) where
 * winner-take-one could not apply) */
SEXP R_ps_biproportional(SEXP votes, SEXP district_seats, SEXP method, SEXP threshold,
                         SEXP ties, SEXP winner_take_one, SEXP lower_method,
                         SEXP district_threshold)
{
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    method_of(&opt.method, method);
    share(&opt, threshold);
    ps_error terr;
    ps_error_clear(&terr);
    if (ps_tie_policy_parse(&opt.ties, CHAR(STRING_ELT(ties, 0)), &terr) < 0)
        ps_r_usage("ties: %s", terr.message);
    ps_biproportional_options bopt;
    variants_of(&bopt, winner_take_one, lower_method, district_threshold);
    R_xlen_t nv, nd;
    int64_t *v = whole(votes, "votes", &nv);
    int64_t *d = whole(district_seats, "district seats", &nd);
    if (nd == 0 || nv % nd)
        ps_r_usage("votes: %lld numbers are not parties x %lld districts", (long long)nv,
                   (long long)nd);
    ps_biproportion *b = NULL;
    ps_error err;
    ps_error_clear(&err);
    if (ps_apportion_biproportional_with(&b, v, (size_t)(nv / nd), (size_t)nd, d, &opt, &bopt,
                                         &err) < 0)
        ps_r_fail(&err);
    static const char *const names[] = {"seats", "unguaranteed"};
    SEXP out = PROTECT(ps_r_list(2, names));
    SEXP seats = PROTECT(Rf_allocVector(REALSXP, nv));
    SEXP ung = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)b->n_unguaranteed));
    for (R_xlen_t k = 0; k < nv; k++)
        REAL(seats)[k] = (double)b->seats[k];
    for (size_t k = 0; k < b->n_unguaranteed; k++)
        REAL(ung)[k] = (double)b->unguaranteed[k] + 1;
    SET_VECTOR_ELT(out, 0, seats);
    SET_VECTOR_ELT(out, 1, ung);
    ps_biproportion_free(b);
    UNPROTECT(3);
    return out;
}

SEXP ps_r_power(const ps_power *p)
{
    static const char *const names[] = {"exact", "method", "note", "values", "error_bounds"};
    static const char *const cols[] = {"value", "exact", "half_width"};
    SEXP out = PROTECT(ps_r_list(5, names));
    /* the floating-point mode: half_width holds proven error bounds */
    SET_VECTOR_ELT(out, 4, Rf_ScalarLogical(!p->exact && p->samples == 0));
    SET_VECTOR_ELT(out, 0, Rf_ScalarLogical(p->exact));
    SET_VECTOR_ELT(out, 1, ps_r_str(p->method));
    SET_VECTOR_ELT(out, 2, ps_r_str(p->note));
    int n = 0;
    for (int k = 0; k < PS_INDEX_COUNT; k++)
        n += p->values[k] != NULL;
    const char *idx[PS_INDEX_COUNT];
    for (int k = 0, j = 0; k < PS_INDEX_COUNT; k++)
        if (p->values[k])
            idx[j++] = ps_index_name((ps_index)k);
    SEXP values = SET_VECTOR_ELT(out, 3, ps_r_list(n, idx));
    for (int k = 0, j = 0; k < PS_INDEX_COUNT; k++) {
        if (!p->values[k])
            continue;
        SEXP col = SET_VECTOR_ELT(values, j++, ps_r_list(3, cols));
        R_xlen_t np = (R_xlen_t)p->n_players;
        SEXP v = SET_VECTOR_ELT(col, 0, Rf_allocVector(REALSXP, np));
        SEXP x = SET_VECTOR_ELT(col, 1, Rf_allocVector(STRSXP, np));
        SEXP h = SET_VECTOR_ELT(col, 2, Rf_allocVector(REALSXP, np));
        for (R_xlen_t i = 0; i < np; i++) {
            REAL(v)[i] = p->values[k][i].value;
            SET_STRING_ELT(x, i, STRING_ELT(ps_r_fraction(&p->values[k][i]), 0));
            REAL(h)[i] = p->half_width[k] ? p->half_width[k][i] : NA_REAL;
        }
    }
    UNPROTECT(1);
    return out;
}

/* Power options; fails on a bad index list or method. */
void ps_r_power_options(ps_power_options *opt, SEXP indices, SEXP method, SEXP samples,
                        SEXP seed);
void ps_r_power_options(ps_power_options *opt, SEXP indices, SEXP method, SEXP samples,
                        SEXP seed)
{
    /* the order of ps_power_method */
    static const char *const methods[] = {"auto", "exact", "enumerate", "approx", "best", "float"};
    ps_power_options_init(opt);
    ps_error err;
    ps_error_clear(&err);
    if (ps_index_parse(&opt->indices, CHAR(STRING_ELT(indices, 0)), &err) < 0)
        ps_r_fail(&err);
    const char *m = CHAR(STRING_ELT(method, 0));
    int k = 0;
    while (k < 6 && strcmp(m, methods[k]))
        k++;
    if (k == 6)
        ps_r_usage("method: expected auto, exact, enumerate, approx, best or float, got \"%s\"",
                   m);
    opt->method = (ps_power_method)k;
    if (Rf_asReal(samples) > 0)
        opt->samples = (uint64_t)Rf_asReal(samples);
    opt->seed = (uint64_t)Rf_asReal(seed);
}

SEXP R_ps_power(SEXP weights, SEXP quota, SEXP indices, SEXP method, SEXP samples, SEXP seed)
{
    ps_power_options opt;
    ps_r_power_options(&opt, indices, method, samples, seed);
    R_xlen_t n;
    int64_t *w = whole(weights, "weights", &n);
    ps_game *g = NULL;
    ps_power *p = NULL;
    ps_error err;
    ps_error_clear(&err);
    int rc = ps_game_from_weights(&g, w, (size_t)n, (int64_t)Rf_asReal(quota), &err);
    ps_r_long_begin();
    if (rc == 0)
        rc = ps_power_compute(&p, g, &opt, &err);
    ps_r_long_end();
    ps_game_free(g);
    if (rc < 0)
        ps_r_fail(&err);
    SEXP out = PROTECT(ps_r_power(p));
    ps_power_free(p);
    UNPROTECT(1);
    return out;
}

SEXP R_ps_methods(void)
{
    SEXP out = PROTECT(Rf_allocVector(STRSXP, PS_METHOD_COUNT));
    for (int m = 0; m < PS_METHOD_COUNT; m++)
        SET_STRING_ELT(out, m, Rf_mkChar(ps_method_name((ps_method)m)));
    UNPROTECT(1);
    return out;
}
