/*
 * init.c - the package's registration, its error conditions, and the small
 * conversions every entry point uses (powershare_r.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <R_ext/Rdynload.h>

#include "powershare_r.h"

void ps_r_fail(const ps_error *err)
{
    SEXP ns = PROTECT(R_FindNamespace(PROTECT(Rf_mkString("powershare"))));
    SEXP fn = PROTECT(Rf_findFun(Rf_install(".ps_condition"), ns));
    SEXP call = PROTECT(Rf_lang6(fn, PROTECT(Rf_ScalarInteger(err->code)),
                                 PROTECT(Rf_mkString(err->message)),
                                 PROTECT(err->file[0] ? Rf_mkString(err->file)
                                                      : Rf_ScalarString(NA_STRING)),
                                 PROTECT(Rf_ScalarInteger((int)err->line)),
                                 PROTECT(Rf_ScalarInteger((int)err->column))));
    Rf_eval(call, ns);
    UNPROTECT(9); /* not reached: .ps_condition signals an error */
    Rf_error("%s", err->message);
}

void ps_r_usage(const char *fmt, ...)
{
    ps_error err;
    ps_error_clear(&err);
    err.code = PS_EINVAL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err.message, sizeof err.message, fmt, ap);
    va_end(ap);
    ps_r_fail(&err);
}

SEXP ps_r_list(int n, const char *const *names)
{
    SEXP list = PROTECT(Rf_allocVector(VECSXP, n));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, n));
    for (int k = 0; k < n; k++)
        SET_STRING_ELT(nm, k, Rf_mkCharCE(names[k], CE_UTF8));
    Rf_setAttrib(list, R_NamesSymbol, nm);
    UNPROTECT(2);
    return list;
}

SEXP ps_r_str(const char *s)
{
    return s ? Rf_ScalarString(Rf_mkCharCE(s, CE_UTF8)) : Rf_ScalarString(NA_STRING);
}

SEXP ps_r_member_ids(const ps_legislature *leg, ps_members m)
{
    int n = 0;
    for (size_t i = 0; i < leg->n_parties && i < 64; i++)
        n += (m & PS_MEMBER(i)) != 0;
    SEXP out = PROTECT(Rf_allocVector(STRSXP, n));
    int k = 0;
    for (size_t i = 0; i < leg->n_parties && i < 64; i++)
        if (m & PS_MEMBER(i))
            SET_STRING_ELT(out, k++, Rf_mkCharCE(leg->parties[i].id, CE_UTF8));
    UNPROTECT(1);
    return out;
}

SEXP ps_r_fraction(const ps_fraction *f)
{
    if (!f->num || !f->den)
        return Rf_ScalarString(NA_STRING);
    size_t len = strlen(f->num) + strlen(f->den) + 2;
    char *text = R_alloc(len, 1);
    snprintf(text, len, "%s/%s", f->num, f->den);
    return Rf_mkString(text);
}

ps_members ps_r_members(const ps_legislature *leg, SEXP ids)
{
    if (!Rf_isString(ids) || XLENGTH(ids) == 0)
        ps_r_usage("a government is a non-empty character vector of party ids");
    ps_members m = 0;
    for (R_xlen_t k = 0; k < XLENGTH(ids); k++) {
        const char *id = Rf_translateCharUTF8(STRING_ELT(ids, k));
        long i = ps_legislature_find_party(leg, id);
        if (i < 0)
            ps_r_usage("no party '%s' in the legislature", id);
        if (i >= 64 || (m & PS_MEMBER(i)))
            ps_r_usage("party '%s' is named twice (or beyond the 64th)", id);
        m |= PS_MEMBER(i);
    }
    return m;
}

/* the entry points (their files) */
SEXP R_ps_apportion(SEXP votes, SEXP seats, SEXP method, SEXP threshold, SEXP ties);
SEXP R_ps_biproportional(SEXP votes, SEXP district_seats, SEXP method, SEXP threshold,
                         SEXP ties, SEXP winner_take_one, SEXP lower_method,
                         SEXP district_threshold);
SEXP R_ps_power(SEXP weights, SEXP quota, SEXP indices, SEXP method, SEXP samples, SEXP seed);
SEXP R_ps_methods(void);
SEXP R_ps_law(SEXP csv, SEXP name, SEXP others, SEXP house, SEXP district_names,
              SEXP district_seats);
SEXP R_ps_laws(void);
SEXP R_ps_stv(SEXP blt, SEXP source, SEXP rule, SEXP seats, SEXP ties, SEXP seed);
SEXP R_ps_plurality(SEXP csv, SEXP source, SEXP seats, SEXP seats_path, SEXP seats_name,
                    SEXP method, SEXP ties, SEXP seed);
SEXP R_ps_document(SEXP source, SEXP is_text, SEXP name);
SEXP R_ps_doc_legislature(SEXP doc);
SEXP R_ps_doc_power(SEXP doc, SEXP indices, SEXP method, SEXP samples, SEXP seed);
SEXP R_ps_doc_analyze(SEXP doc, SEXP model, SEXP top, SEXP government, SEXP sections,
                      SEXP predict_top);
SEXP R_ps_doc_evaluate(SEXP doc, SEXP government, SEXP posts);
SEXP R_ps_doc_portfolios(SEXP doc, SEXP coalition, SEXP posts, SEXP method, SEXP parity);
SEXP R_ps_doc_whatif(SEXP doc, SEXP scenarios);
SEXP R_ps_doc_chart(SEXP doc, SEXP kind, SEXP banzhaf, SEXP shapley);
SEXP R_ps_simulate(SEXP polls, SEXP source, SEXP seats, SEXP method, SEXP threshold,
                   SEXP quota, SEXP draws, SEXP seed, SEXP others, SEXP exempt,
                   SEXP banzhaf);

static const R_CallMethodDef calls[] = {
    {"R_ps_apportion", (DL_FUNC)&R_ps_apportion, 5},
    {"R_ps_biproportional", (DL_FUNC)&R_ps_biproportional, 8},
    {"R_ps_power", (DL_FUNC)&R_ps_power, 6},
    {"R_ps_methods", (DL_FUNC)&R_ps_methods, 0},
    {"R_ps_law", (DL_FUNC)&R_ps_law, 6},
    {"R_ps_laws", (DL_FUNC)&R_ps_laws, 0},
    {"R_ps_stv", (DL_FUNC)&R_ps_stv, 6},
    {"R_ps_plurality", (DL_FUNC)&R_ps_plurality, 8},
    {"R_ps_document", (DL_FUNC)&R_ps_document, 3},
    {"R_ps_doc_legislature", (DL_FUNC)&R_ps_doc_legislature, 1},
    {"R_ps_doc_power", (DL_FUNC)&R_ps_doc_power, 5},
    {"R_ps_doc_analyze", (DL_FUNC)&R_ps_doc_analyze, 6},
    {"R_ps_doc_evaluate", (DL_FUNC)&R_ps_doc_evaluate, 3},
    {"R_ps_doc_portfolios", (DL_FUNC)&R_ps_doc_portfolios, 5},
    {"R_ps_doc_whatif", (DL_FUNC)&R_ps_doc_whatif, 2},
    {"R_ps_doc_chart", (DL_FUNC)&R_ps_doc_chart, 4},
    {"R_ps_simulate", (DL_FUNC)&R_ps_simulate, 11},
    {NULL, NULL, 0}};

void R_init_powershare(DllInfo *dll);
void R_init_powershare(DllInfo *dll)
{
    R_registerRoutines(dll, NULL, calls, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);
}
