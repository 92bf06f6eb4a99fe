/*
 * document.c - a legislature file read once (ps_document), held by an R
 * external pointer whose finalizer frees it, and what is computed from it:
 * the chamber, power under its rule, the analysis, a judged government,
 * portfolios, what-if scenarios, a chart.
 */
#include <string.h>

#include "powershare_r.h"

void ps_r_power_options(ps_power_options *opt, SEXP indices, SEXP method, SEXP samples,
                        SEXP seed);

static void finalize(SEXP ptr)
{
    ps_document_free(R_ExternalPtrAddr(ptr));
    R_ClearExternalPtr(ptr);
}

ps_document *ps_r_document(SEXP ptr)
{
    ps_document *doc = TYPEOF(ptr) == EXTPTRSXP ? R_ExternalPtrAddr(ptr) : NULL;
    if (!doc)
        ps_r_usage("not a legislature (or one whose memory was freed)");
    return doc;
}

SEXP R_ps_document(SEXP source, SEXP is_text, SEXP name)
{
    ps_document *doc = NULL;
    ps_error err;
    ps_error_clear(&err);
    int rc;
    if (Rf_asLogical(is_text)) {
        const char *text = Rf_translateCharUTF8(STRING_ELT(source, 0));
        rc = ps_document_read(&doc, text, strlen(text), CHAR(STRING_ELT(name, 0)), &err);
    } else {
        rc = ps_document_load(&doc, R_ExpandFileName(Rf_translateChar(STRING_ELT(source, 0))),
                              &err);
    }
    if (rc < 0)
        ps_r_fail(&err);
    SEXP ptr = PROTECT(R_MakeExternalPtr(doc, Rf_install("ps_document"), R_NilValue));
    R_RegisterCFinalizerEx(ptr, finalize, TRUE);
    UNPROTECT(1);
    return ptr;
}

SEXP R_ps_doc_legislature(SEXP ptr)
{
    const ps_legislature *leg = ps_document_legislature(ps_r_document(ptr));
    static const char *const names[] = {"name", "total_seats", "majority", "party", "party_name",
                                        "seats", "votes", "community", "community_id",
                                        "community_name"};
    SEXP out = PROTECT(ps_r_list(10, names));
    R_xlen_t n = (R_xlen_t)leg->n_parties, nc = (R_xlen_t)leg->n_communities;
    SET_VECTOR_ELT(out, 0, ps_r_str(leg->name));
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal((double)leg->total_seats));
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)ps_legislature_majority(leg)));
    SEXP id = SET_VECTOR_ELT(out, 3, Rf_allocVector(STRSXP, n));
    SEXP nm = SET_VECTOR_ELT(out, 4, Rf_allocVector(STRSXP, n));
    SEXP seats = SET_VECTOR_ELT(out, 5, Rf_allocVector(REALSXP, n));
    SEXP votes = SET_VECTOR_ELT(out, 6, Rf_allocVector(REALSXP, n));
    SEXP com = SET_VECTOR_ELT(out, 7, Rf_allocVector(STRSXP, n));
    for (R_xlen_t i = 0; i < n; i++) {
        const ps_party *p = &leg->parties[i];
        SET_STRING_ELT(id, i, Rf_mkCharCE(p->id, CE_UTF8));
        SET_STRING_ELT(nm, i, Rf_mkCharCE(p->name, CE_UTF8));
        REAL(seats)[i] = p->seats == PS_UNKNOWN ? NA_REAL : (double)p->seats;
        REAL(votes)[i] = p->votes == PS_UNKNOWN ? NA_REAL : (double)p->votes;
        SET_STRING_ELT(com, i, p->community >= 0
                                   ? Rf_mkCharCE(leg->communities[p->community].id, CE_UTF8)
                                   : NA_STRING);
    }
    SEXP cid = SET_VECTOR_ELT(out, 8, Rf_allocVector(STRSXP, nc));
    SEXP cnm = SET_VECTOR_ELT(out, 9, Rf_allocVector(STRSXP, nc));
    for (R_xlen_t c = 0; c < nc; c++) {
        SET_STRING_ELT(cid, c, Rf_mkCharCE(leg->communities[c].id, CE_UTF8));
        const char *name = leg->communities[c].name;
        SET_STRING_ELT(cnm, c, Rf_mkCharCE(name ? name : leg->communities[c].id, CE_UTF8));
    }
    UNPROTECT(1);
    return out;
}

SEXP R_ps_doc_power(SEXP ptr, SEXP indices, SEXP method, SEXP samples, SEXP seed)
{
    ps_document *doc = ps_r_document(ptr);
    ps_power_options opt;
    ps_r_power_options(&opt, indices, method, samples, seed);
    ps_rule *rule = NULL;
    ps_game *game = NULL;
    ps_power *p = NULL;
    ps_error err;
    ps_error_clear(&err);
    int rc = ps_rule_from_document(&rule, doc, &err);
    if (rc == 0)
        rc = ps_game_from_rule(&game, ps_document_legislature(doc), rule, &err);
    ps_r_long_begin();
    if (rc == 0)
        rc = ps_power_compute(&p, game, &opt, &err);
    ps_r_long_end();
    ps_game_free(game);
    ps_rule_free(rule);
    if (rc < 0)
        ps_r_fail(&err);
    SEXP out = PROTECT(ps_r_power(p));
    ps_power_free(p);
    UNPROTECT(1);
    return out;
}

/* sections: c(power, coalitions, scenarios, offices) as logicals */
SEXP R_ps_doc_analyze(SEXP ptr, SEXP model, SEXP top, SEXP government, SEXP sections,
                      SEXP predict_top)
{
    ps_document *doc = ps_r_document(ptr);
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    opt.top = (size_t)Rf_asInteger(top);
    opt.predict_top = (size_t)Rf_asInteger(predict_top);
    opt.model = Rf_isNull(model) ? NULL : CHAR(STRING_ELT(model, 0));
    const int *s = LOGICAL(sections);
    opt.sections = (s[0] ? PS_ANALYZE_POWER : 0u) | (s[1] ? PS_ANALYZE_COALITIONS : 0u) |
                   (s[2] ? PS_ANALYZE_SCENARIOS : 0u) |
                   (s[1] && s[3] ? PS_ANALYZE_OFFICES : 0u) |
                   (opt.model ? PS_ANALYZE_PREDICTION : 0u);
    if (!Rf_isNull(government))
        opt.government = ps_r_members(ps_document_legislature(doc), government);
    ps_analyze_result *r = NULL;
    ps_error err;
    ps_error_clear(&err);
    ps_r_long_begin();
    int rc = ps_analyze(&r, doc, &opt, &err);
    ps_r_long_end();
    if (rc < 0)
        ps_r_fail(&err);
    SEXP out = PROTECT(ps_r_analysis(r));
    ps_analyze_result_free(r);
    UNPROTECT(1);
    return out;
}

/* posts: NULL or a named numeric vector (party id -> posts) */
SEXP R_ps_doc_evaluate(SEXP ptr, SEXP government, SEXP posts)
{
    ps_document *doc = ps_r_document(ptr);
    const ps_legislature *leg = ps_document_legislature(doc);
    ps_members members = ps_r_members(leg, government);
    int64_t *counts = NULL;
    if (!Rf_isNull(posts)) {
        SEXP names = Rf_getAttrib(posts, R_NamesSymbol);
        if (!Rf_isNumeric(posts) || Rf_isNull(names))
            ps_r_usage("posts: expected a named numeric vector, e.g. c(dup = 4, sf = 3)");
        counts = (int64_t *)R_alloc(leg->n_parties ? leg->n_parties : 1, sizeof *counts);
        memset(counts, 0, (leg->n_parties ? leg->n_parties : 1) * sizeof *counts);
        for (R_xlen_t k = 0; k < XLENGTH(posts); k++) {
            const char *id = Rf_translateCharUTF8(STRING_ELT(names, k));
            long i = ps_legislature_find_party(leg, id);
            if (i < 0)
                ps_r_usage("posts: no party '%s'", id);
            counts[i] = Rf_isInteger(posts) ? (int64_t)INTEGER(posts)[k]
                                            : (int64_t)REAL(posts)[k];
        }
    }
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    opt.sections = 0;
    opt.government = counts ? 0 : members;
    ps_analyze_result *r = NULL;
    ps_government *g = NULL;
    ps_error err;
    ps_error_clear(&err);
    ps_r_long_begin();
    int rc = ps_analyze(&r, doc, &opt, &err);
    if (rc == 0 && counts)
        rc = ps_government_evaluate(&g, r->game, leg, r->condition, members, counts, &err);
    ps_r_long_end();
    if (rc < 0) {
        ps_analyze_result_free(r);
        ps_r_fail(&err);
    }
    SEXP out = PROTECT(ps_r_government(g ? g : r->evaluation, leg));
    ps_government_free(g);
    ps_analyze_result_free(r);
    UNPROTECT(1);
    return out;
}

/* A character vector as borrowed C strings (R_alloc'ed); NULL for NULL. */
static const char **strings(SEXP x, size_t *n)
{
    *n = 0;
    if (Rf_isNull(x))
        return NULL;
    *n = (size_t)XLENGTH(x);
    const char **out = (const char **)R_alloc(*n ? *n : 1, sizeof *out);
    for (size_t k = 0; k < *n; k++)
        out[k] = Rf_translateCharUTF8(STRING_ELT(x, (R_xlen_t)k));
    return out;
}

SEXP R_ps_doc_portfolios(SEXP ptr, SEXP coalition, SEXP posts, SEXP method, SEXP parity)
{
    ps_document *doc = ps_r_document(ptr);
    const ps_legislature *leg = ps_document_legislature(doc);
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    ps_error err;
    ps_error_clear(&err);
    if (ps_portfolio_method_parse(&opt.method, CHAR(STRING_ELT(method, 0)), &err) < 0)
        ps_r_fail(&err);
    size_t n, n_parity;
    const char **ids = strings(coalition, &n);
    const char **par = strings(parity, &n_parity);
    ps_offices *offices = NULL;
    ps_formation *formation = NULL;
    ps_portfolio *p = NULL;
    int rc = ps_offices_from_document(&offices, doc, &err);
    if (rc == 0)
        rc = ps_formation_from_document(&formation, doc, &err);
    if (rc == 0) {
        ps_formation_apply_parity(&opt, formation);
        if (par) {
            opt.parity = par;
            opt.n_parity = n_parity;
        }
        double want = Rf_asReal(posts);
        opt.posts = !ISNA(want) ? (int64_t)want
                    : opt.posts > 0 ? opt.posts
                    : offices->posts > 0 ? offices->posts
                                         : 0;
        opt.offices = offices;
        rc = ps_portfolio_allocate(&p, leg, ids, n, &opt, &err);
    }
    ps_formation_free(formation);
    if (rc < 0) {
        ps_offices_free(offices);
        ps_r_fail(&err);
    }
    static const char *const names[] = {"party", "seats", "posts", "share", "office",
                                        "office_community", "office_party"};
    SEXP out = PROTECT(ps_r_list(7, names));
    R_xlen_t m = (R_xlen_t)p->n_members, a = (R_xlen_t)p->n_awards;
    SEXP party = SET_VECTOR_ELT(out, 0, Rf_allocVector(STRSXP, m));
    SEXP seats = SET_VECTOR_ELT(out, 1, Rf_allocVector(REALSXP, m));
    SEXP won = SET_VECTOR_ELT(out, 2, Rf_allocVector(REALSXP, m));
    SEXP sh = SET_VECTOR_ELT(out, 3, Rf_allocVector(STRSXP, m));
    for (R_xlen_t i = 0; i < m; i++) {
        SET_STRING_ELT(party, i, Rf_mkCharCE(leg->parties[p->party[i]].id, CE_UTF8));
        REAL(seats)[i] = (double)p->seats[i];
        REAL(won)[i] = (double)p->won[i];
        char frac[64];
        snprintf(frac, sizeof frac, "%lld/%lld",
                 (long long)(p->share_num ? p->share_num[i] : 0),
                 (long long)(p->share_den ? p->share_den[i] : 1));
        SET_STRING_ELT(sh, i, p->share_num ? Rf_mkChar(frac) : NA_STRING);
    }
    SEXP office = SET_VECTOR_ELT(out, 4, Rf_allocVector(STRSXP, a));
    SEXP oc = SET_VECTOR_ELT(out, 5, Rf_allocVector(STRSXP, a));
    SEXP op = SET_VECTOR_ELT(out, 6, Rf_allocVector(STRSXP, a));
    for (R_xlen_t k = 0; k < a; k++) {
        const ps_award *w = &p->awards[k];
        SET_STRING_ELT(office, k, Rf_mkCharCE(w->office, CE_UTF8));
        SET_STRING_ELT(oc, k, Rf_mkCharCE(w->community, CE_UTF8));
        SET_STRING_ELT(op, k, w->member >= 0
                                  ? Rf_mkCharCE(leg->parties[p->party[w->member]].id, CE_UTF8)
                                  : NA_STRING);
    }
    ps_portfolio_free(p);
    ps_offices_free(offices);
    UNPROTECT(1);
    return out;
}

SEXP R_ps_doc_chart(SEXP ptr, SEXP kind, SEXP banzhaf, SEXP shapley)
{
    ps_document *doc = ps_r_document(ptr);
    const ps_legislature *leg = ps_document_legislature(doc);
    ps_chart_kind k;
    ps_error err;
    ps_error_clear(&err);
    if (ps_chart_kind_parse(&k, CHAR(STRING_ELT(kind, 0)), &err) < 0)
        ps_r_fail(&err);
    ps_report_data data;
    memset(&data, 0, sizeof data);
    if (!Rf_isNull(banzhaf) || !Rf_isNull(shapley)) {
        if ((!Rf_isNull(banzhaf) && (size_t)XLENGTH(banzhaf) != leg->n_parties) ||
            (!Rf_isNull(shapley) && (size_t)XLENGTH(shapley) != leg->n_parties))
            ps_r_usage("values: one per party (%zu)", leg->n_parties);
        data.banzhaf = Rf_isNull(banzhaf) ? NULL : REAL(banzhaf);
        data.shapley = Rf_isNull(shapley) ? NULL : REAL(shapley);
    }
    ps_chart *chart = NULL;
    unsigned char *svg = NULL;
    size_t len = 0;
    int rc = ps_report_chart(&chart, k, leg, &data, &err);
    if (rc == 0)
        rc = ps_chart_render(&svg, &len, chart, PS_CHART_SVG, 1, &err);
    ps_chart_free(chart);
    if (rc < 0)
        ps_r_fail(&err);
    SEXP out = PROTECT(Rf_ScalarString(Rf_mkCharLenCE((const char *)svg, (int)len, CE_UTF8)));
    ps_free(svg);
    UNPROTECT(1);
    return out;
}
