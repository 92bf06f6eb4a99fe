/*
 * analysis.c - the analysis (ps_analyze_result), a judged government
 * (ps_government) and what-if outcomes (ps_whatif) as R lists of vectors,
 * which R/ makes into data frames.
 */
#include <string.h>

#include "powershare_r.h"

static SEXP ratio(ps_ratio r)
{
    char text[64];
    snprintf(text, sizeof text, "%lld/%lld", (long long)r.num, (long long)r.den);
    return Rf_mkChar(text);
}

SEXP ps_r_government(const ps_government *g, const ps_legislature *leg)
{
    static const char *const names[] = {"seats", "quota", "winning", "condition_holds",
                                        "condition_failed", "communities", "roles",
                                        "winning_subcoalitions", "majority_exit",
                                        "condition_exit", "members"};
    static const char *const cols[] = {"party", "seats", "seat_share", "status", "posts",
                                       "post_share", "swings", "banzhaf", "shapley_shubik"};
    SEXP out = PROTECT(ps_r_list(11, names));
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal((double)g->coalition.seats));
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal((double)g->quota));
    SET_VECTOR_ELT(out, 2, Rf_ScalarLogical(g->coalition.winning));
    SET_VECTOR_ELT(out, 3, Rf_ScalarLogical(g->verdict.holds));
    SEXP failed = SET_VECTOR_ELT(out, 4, Rf_allocVector(STRSXP, (R_xlen_t)g->verdict.n_failed));
    for (size_t k = 0; k < g->verdict.n_failed; k++)
        SET_STRING_ELT(failed, (R_xlen_t)k, Rf_mkCharCE(g->verdict.failed[k].reason, CE_UTF8));
    SEXP cid = SET_VECTOR_ELT(out, 5, Rf_allocVector(STRSXP, (R_xlen_t)g->n_communities));
    SEXP role = SET_VECTOR_ELT(out, 6, Rf_allocVector(STRSXP, (R_xlen_t)g->n_communities));
    for (size_t c = 0; c < g->n_communities; c++) {
        SET_STRING_ELT(cid, (R_xlen_t)c, Rf_mkCharCE(leg->communities[c].id, CE_UTF8));
        SET_STRING_ELT(role, (R_xlen_t)c, Rf_mkChar(ps_role_name(g->roles[c])));
    }
    SET_VECTOR_ELT(out, 7, Rf_ScalarReal((double)g->n_winning));
    const ps_government_exits *ex[2] = {&g->majority_exit, &g->condition_exit};
    for (int e = 0; e < 2; e++) {
        if (!ex[e]->applies)
            continue;
        SEXP sets = SET_VECTOR_ELT(out, 8 + e, Rf_allocVector(VECSXP, (R_xlen_t)ex[e]->n));
        for (size_t k = 0; k < ex[e]->n; k++)
            SET_VECTOR_ELT(sets, (R_xlen_t)k, ps_r_member_ids(leg, ex[e]->sets[k]));
    }
    R_xlen_t n = (R_xlen_t)g->n_members;
    SEXP m = SET_VECTOR_ELT(out, 10, ps_r_list(9, cols));
    SEXP party = SET_VECTOR_ELT(m, 0, Rf_allocVector(STRSXP, n));
    SEXP seats = SET_VECTOR_ELT(m, 1, Rf_allocVector(REALSXP, n));
    SEXP share = SET_VECTOR_ELT(m, 2, Rf_allocVector(STRSXP, n));
    SEXP status = SET_VECTOR_ELT(m, 3, Rf_allocVector(STRSXP, n));
    SEXP posts = SET_VECTOR_ELT(m, 4, Rf_allocVector(REALSXP, n));
    SEXP pshare = SET_VECTOR_ELT(m, 5, Rf_allocVector(STRSXP, n));
    SEXP swings = SET_VECTOR_ELT(m, 6, Rf_allocVector(REALSXP, n));
    SEXP bz = SET_VECTOR_ELT(m, 7, Rf_allocVector(STRSXP, n));
    SEXP ss = SET_VECTOR_ELT(m, 8, Rf_allocVector(STRSXP, n));
    for (R_xlen_t k = 0; k < n; k++) {
        const ps_government_member *x = &g->members[k];
        SET_STRING_ELT(party, k, Rf_mkCharCE(leg->parties[x->party].id, CE_UTF8));
        REAL(seats)[k] = (double)x->seats;
        SET_STRING_ELT(share, k, ratio(x->seat_share));
        SET_STRING_ELT(status, k, Rf_mkChar(x->critical ? "critical" : x->surplus ? "surplus" : ""));
        REAL(posts)[k] = x->posts < 0 ? NA_REAL : (double)x->posts;
        SET_STRING_ELT(pshare, k, g->has_posts ? ratio(x->post_share) : NA_STRING);
        REAL(swings)[k] = (double)x->swings;
        SET_STRING_ELT(bz, k, g->has_power ? STRING_ELT(ps_r_fraction(&x->banzhaf), 0) : NA_STRING);
        SET_STRING_ELT(ss, k, g->has_power ? STRING_ELT(ps_r_fraction(&x->shapley_shubik), 0)
                                           : NA_STRING);
    }
    UNPROTECT(1);
    return out;
}

/* Each theory's ranked coalitions as columns: theory, rank, members (a
 * list of id vectors), seats, surplus. */
static SEXP coalition_set(const ps_coalition_set *set, const ps_legislature *leg)
{
    if (!set)
        return R_NilValue;
    static const char *const cols[] = {"theory", "rank", "members", "seats", "surplus",
                                       "minimal_winning"};
    R_xlen_t n = 0;
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        n += (R_xlen_t)set->theories[t].n;
    SEXP out = PROTECT(ps_r_list(6, cols));
    SEXP theory = SET_VECTOR_ELT(out, 0, Rf_allocVector(STRSXP, n));
    SEXP rank = SET_VECTOR_ELT(out, 1, Rf_allocVector(INTSXP, n));
    SEXP members = SET_VECTOR_ELT(out, 2, Rf_allocVector(VECSXP, n));
    SEXP seats = SET_VECTOR_ELT(out, 3, Rf_allocVector(REALSXP, n));
    SEXP surplus = SET_VECTOR_ELT(out, 4, Rf_allocVector(REALSXP, n));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal((double)set->n_minimal));
    R_xlen_t row = 0;
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        const ps_theory_list *l = &set->theories[t];
        for (size_t k = 0; k < l->n; k++, row++) {
            const ps_coalition *c = &set->items[l->index[k]];
            SET_STRING_ELT(theory, row, Rf_mkChar(ps_theory_name((ps_theory)t)));
            INTEGER(rank)[row] = (int)l->rank[k];
            SET_VECTOR_ELT(members, row, ps_r_member_ids(leg, c->members));
            REAL(seats)[row] = (double)c->seats;
            REAL(surplus)[row] = (double)c->surplus;
        }
    }
    UNPROTECT(1);
    return out;
}

static SEXP prediction(const ps_prediction *p, const ps_legislature *leg)
{
    if (!p)
        return R_NilValue;
    static const char *const names[] = {"caveat", "members", "probability", "alike",
                                        "in_government", "oversized", "minimal_winning",
                                        "minority", "top10"};
    SEXP out = PROTECT(ps_r_list(9, names));
    SET_VECTOR_ELT(out, 0, ps_r_str(p->caveat));
    SEXP members = SET_VECTOR_ELT(out, 1, Rf_allocVector(VECSXP, (R_xlen_t)p->n_top));
    SEXP prob = SET_VECTOR_ELT(out, 2, Rf_allocVector(REALSXP, (R_xlen_t)p->n_top));
    SEXP alike = SET_VECTOR_ELT(out, 3, Rf_allocVector(REALSXP, (R_xlen_t)p->n_top));
    for (size_t k = 0; k < p->n_top; k++) {
        SET_VECTOR_ELT(members, (R_xlen_t)k, ps_r_member_ids(leg, p->members[k]));
        REAL(prob)[k] = p->probability[k];
        REAL(alike)[k] = p->alike[k];
    }
    const ps_predict_summary *s = p->summary;
    size_t n = s ? s->n_parties : 0;
    SEXP in = SET_VECTOR_ELT(out, 4, Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP in_names = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n && i < leg->n_parties; i++) {
        REAL(in)[i] = s->in_government[i];
        SET_STRING_ELT(in_names, (R_xlen_t)i, Rf_mkCharCE(leg->parties[i].id, CE_UTF8));
    }
    Rf_setAttrib(in, R_NamesSymbol, in_names);
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal(s ? s->surplus : NA_REAL));
    SET_VECTOR_ELT(out, 6, Rf_ScalarReal(s ? s->minimal : NA_REAL));
    SET_VECTOR_ELT(out, 7, Rf_ScalarReal(s ? s->minority : NA_REAL));
    SET_VECTOR_ELT(out, 8, Rf_ScalarReal(s ? s->top10 : NA_REAL));
    UNPROTECT(2);
    return out;
}

SEXP ps_r_analysis(const ps_analyze_result *r)
{
    const ps_legislature *leg = r->leg;
    static const char *const names[] = {"rule", "quota", "power", "community", "community_seats",
                                        "community_banzhaf", "community_shapley", "coalitions",
                                        "feasible", "government", "government_basis",
                                        "reserved_office", "reserved_party", "prediction",
                                        "prediction_error", "evaluation"};
    SEXP out = PROTECT(ps_r_list(16, names));
    SET_VECTOR_ELT(out, 0, ps_r_str(r->rule_text));
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(r->game && r->game->n_layers ? (double)r->game->quotas[0]
                                                                      : NA_REAL));
    if (r->power)
        SET_VECTOR_ELT(out, 2, ps_r_power(r->power));
    R_xlen_t nc = (R_xlen_t)r->n_communities;
    SEXP cid = SET_VECTOR_ELT(out, 3, Rf_allocVector(STRSXP, nc));
    SEXP cs = SET_VECTOR_ELT(out, 4, Rf_allocVector(REALSXP, nc));
    SEXP cb = SET_VECTOR_ELT(out, 5, Rf_allocVector(REALSXP, nc));
    SEXP css = SET_VECTOR_ELT(out, 6, Rf_allocVector(REALSXP, nc));
    for (R_xlen_t c = 0; c < nc; c++) {
        const ps_community_share *s = &r->communities[c];
        SET_STRING_ELT(cid, c, s->id ? Rf_mkCharCE(s->id, CE_UTF8) : NA_STRING);
        REAL(cs)[c] = (double)s->seats;
        REAL(cb)[c] = s->banzhaf;
        REAL(css)[c] = s->shapley_shubik;
    }
    SET_VECTOR_ELT(out, 7, coalition_set(r->coalitions, leg));
    SET_VECTOR_ELT(out, 8, coalition_set(r->feasible, leg));
    SEXP gov = SET_VECTOR_ELT(out, 9, Rf_allocVector(STRSXP, (R_xlen_t)r->n_government));
    for (size_t k = 0; k < r->n_government; k++)
        SET_STRING_ELT(gov, (R_xlen_t)k, Rf_mkCharCE(leg->parties[r->government[k]].id, CE_UTF8));
    SET_VECTOR_ELT(out, 10, ps_r_str(r->government_basis));
    const ps_portfolio *p = r->portfolio;
    R_xlen_t na = p ? (R_xlen_t)p->n_awards : 0;
    SEXP office = SET_VECTOR_ELT(out, 11, Rf_allocVector(STRSXP, na));
    SEXP holder = SET_VECTOR_ELT(out, 12, Rf_allocVector(STRSXP, na));
    for (R_xlen_t k = 0; k < na; k++) {
        SET_STRING_ELT(office, k, Rf_mkCharCE(p->awards[k].office, CE_UTF8));
        SET_STRING_ELT(holder, k, p->awards[k].member >= 0
                                      ? Rf_mkCharCE(leg->parties[p->party[p->awards[k].member]].id,
                                                    CE_UTF8)
                                      : NA_STRING);
    }
    SET_VECTOR_ELT(out, 13, prediction(r->prediction, leg));
    SET_VECTOR_ELT(out, 14, ps_r_str(r->prediction_error));
    if (r->evaluation)
        SET_VECTOR_ELT(out, 15, ps_r_government(r->evaluation, leg));
    UNPROTECT(1);
    return out;
}

/* ---- what if ------------------------------------------------------------- */

static SEXP changes(const ps_diff_row *rows, size_t n)
{
    static const char *const cols[] = {"id", "seats_before", "seats_after", "banzhaf_before",
                                       "banzhaf_after", "shapley_before", "shapley_after"};
    SEXP out = PROTECT(ps_r_list(7, cols));
    SEXP id = SET_VECTOR_ELT(out, 0, Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP sb = SET_VECTOR_ELT(out, 1, Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP sa = SET_VECTOR_ELT(out, 2, Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP f[4];
    for (int k = 0; k < 4; k++)
        f[k] = SET_VECTOR_ELT(out, 3 + k, Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; i++) {
        R_xlen_t j = (R_xlen_t)i;
        SET_STRING_ELT(id, j, Rf_mkCharCE(rows[i].id, CE_UTF8));
        REAL(sb)[j] = rows[i].before < 0 ? NA_REAL : (double)rows[i].seats[0];
        REAL(sa)[j] = rows[i].after < 0 ? NA_REAL : (double)rows[i].seats[1];
        SET_STRING_ELT(f[0], j, STRING_ELT(ps_r_fraction(&rows[i].banzhaf[0]), 0));
        SET_STRING_ELT(f[1], j, STRING_ELT(ps_r_fraction(&rows[i].banzhaf[1]), 0));
        SET_STRING_ELT(f[2], j, STRING_ELT(ps_r_fraction(&rows[i].shapley[0]), 0));
        SET_STRING_ELT(f[3], j, STRING_ELT(ps_r_fraction(&rows[i].shapley[1]), 0));
    }
    UNPROTECT(1);
    return out;
}

SEXP R_ps_doc_whatif(SEXP ptr, SEXP scenarios)
{
    ps_document *doc = ps_r_document(ptr);
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    opt.sections = 0; /* the rule and the condition, as analyze reads them */
    ps_analyze_result *r = NULL;
    ps_scenarios *list = NULL;
    ps_whatif *w = NULL;
    ps_error err;
    ps_error_clear(&err);
    const char *text =
        Rf_isNull(scenarios) ? NULL : Rf_translateCharUTF8(STRING_ELT(scenarios, 0));
    ps_r_long_begin();
    int rc = ps_analyze(&r, doc, &opt, &err);
    if (rc == 0)
        rc = text ? ps_scenarios_read(&list, text, strlen(text), "<scenarios>", &err)
                  : ps_scenarios_from_document(&list, doc, &err);
    if (rc == 0 && list->n) {
        ps_analysis_options ao;
        ps_analysis_options_init(&ao);
        ao.condition = r->condition_ids;
        ao.n_condition = r->n_condition_ids;
        rc = ps_whatif_run(&w, r->leg, r->rule, list, NULL, &ao, &err);
    }
    ps_r_long_end();
    if (rc < 0) {
        ps_whatif_free(w);
        ps_scenarios_free(list);
        ps_analyze_result_free(r);
        ps_r_fail(&err);
    }
    static const char *const names[] = {"name", "steps", "quota_before", "quota_after",
                                        "minimal_winning_before", "minimal_winning_after",
                                        "parties", "communities"};
    R_xlen_t n = w ? (R_xlen_t)w->n : 0;
    SEXP out = PROTECT(Rf_allocVector(VECSXP, n));
    for (R_xlen_t k = 0; k < n; k++) {
        const ps_scenario_outcome *o = &w->items[k];
        SEXP s = SET_VECTOR_ELT(out, k, ps_r_list(8, names));
        SET_VECTOR_ELT(s, 0, ps_r_str(o->scenario->name));
        SEXP steps = SET_VECTOR_ELT(s, 1, Rf_allocVector(STRSXP, (R_xlen_t)o->scenario->n_steps));
        for (size_t i = 0; i < o->scenario->n_steps; i++) {
            char *text = NULL;
            if (ps_step_describe(&text, &o->scenario->steps[i]) == 0)
                SET_STRING_ELT(steps, (R_xlen_t)i, Rf_mkCharCE(text, CE_UTF8));
            ps_free(text);
        }
        SET_VECTOR_ELT(s, 2, Rf_ScalarReal((double)w->before->quota));
        SET_VECTOR_ELT(s, 3, Rf_ScalarReal((double)o->after->quota));
        SET_VECTOR_ELT(s, 4, Rf_ScalarReal((double)w->before->n_mwc));
        SET_VECTOR_ELT(s, 5, Rf_ScalarReal((double)o->after->n_mwc));
        SET_VECTOR_ELT(s, 6, changes(o->diff->parties, o->diff->n_parties));
        SET_VECTOR_ELT(s, 7, changes(o->diff->communities, o->diff->n_communities));
    }
    ps_whatif_free(w);
    ps_scenarios_free(list);
    ps_analyze_result_free(r);
    UNPROTECT(1);
    return out;
}
