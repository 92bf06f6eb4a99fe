/*
 * serve_api.c - the JSON API of `powershare serve` (docs/serve.md).
 *
 *   GET /api/legislatures                      the files given at start
 *   GET /api/analyze?leg=ID[&STEP=...]         parties, power, hemicycle;
 *                                              with what-if steps, before
 *                                              and after
 *   GET /api/coalition?leg=ID&members=a,b[&STEP=...]
 *                                              seats against the quota,
 *                                              critical / surplus members,
 *                                              the power-sharing condition
 *                                              (every part judged by the
 *                                              coalition stage's
 *                                              ps_condition_judge, with its
 *                                              reasons; for substance or
 *                                              for show),
 *                                              power, Gamson shares
 *   GET /api/evaluate?leg=ID&members=a,b[&posts=a:4,b:3]
 *                                              one government judged
 *                                              (serve_evaluate.c)
 * STEP is remove, vacate, move, merge, remove_community, leave_community or
 * quota with the command line's syntax (scenario.h), applied in order.
 *
 * The engine decides everything (winning, critical, roles, shares, and
 * with what-if steps the changed chamber's hemicycle, list and power
 * chart); the page only shows it. Every string from the data goes out
 * through the JSON escaper, and SVG through the report stage's XML escaper;
 * the pieces shared by the answers (parties, communities, the condition,
 * charts as inline SVG) are written by serve_json.c.
 *
 * Work per request is bounded in time: a request with what-if steps (a new
 * game, its power, its charts: work that grows with the chamber) is run by
 * one of serve_queue.c's workers in a child process killed after --timeout
 * seconds (serve_worker.c); one without only reads what was computed at start and
 * describes one coalition (linear in the lists), in the server's thread,
 * because a fork costs more than that. Within the limit, power has the limits it has at start (the
 * power stage's default of 2^25 enumerated profiles, a 256 MiB table limit
 * for the dynamic programmes), so a what-if chamber gets power whenever its
 * unchanged chamber could; coalitions are described one at a time.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"
#include "../cmd_analyze.h"

static const char *get(const serve_arg *args, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(args[i].key, key))
            return args[i].value;
    return NULL;
}

static const serve_leg *find_leg(const serve_state *st, const char *key)
{
    if (!key || !*key)
        return st->n == 1 ? &st->legs[0] : NULL;
    if (strspn(key, "0123456789") == strlen(key) && strlen(key) < 6) {
        size_t i = (size_t)atol(key);
        return i < st->n ? &st->legs[i] : NULL;
    }
    for (size_t i = 0; i < st->n; i++)
        if (!strcmp(st->legs[i].id, key))
            return &st->legs[i];
    return NULL;
}

static int fail(psi_buf *out, int status, const char *message)
{
    out->len = 0;
    if (out->data)
        out->data[0] = '\0';
    psi_buf_puts(out, "{\"error\": ");
    psi_buf_json_string(out, message);
    psi_buf_puts(out, "}\n");
    return status;
}

/* The what-if steps of the query, in order; NULL scenario when none. */
static int scenario_of(ps_scenario **out, const serve_arg *args, size_t n, ps_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < PS_STEP_KIND_COUNT; k++)
            if (!strcmp(args[i].key, ps_step_kind_name((ps_step_kind)k))) {
                if (!*out) {
                    int rc = ps_scenario_new(out, "what if");
                    if (rc < 0)
                        return psi_enomem(err);
                }
                int rc = ps_scenario_add_text(*out, (ps_step_kind)k, args[i].value, err);
                if (rc < 0) {
                    ps_scenario_free(*out);
                    *out = NULL;
                    return rc;
                }
            }
    return PS_OK;
}

/* A legislature as a request sees it: the one loaded, or a scenario's. */
typedef struct view {
    const serve_leg *base;
    ps_whatif *whatif;      /* the scenario's outcome, when one applies */
    const ps_legislature *leg_owned; /* the legislature after it ... */
    const ps_rule *rule_owned;       /* ... and its rule (the outcome's) */
    ps_condition *cond_owned;
    double *values; /* banzhaf then shapley, owned when a scenario applies */
    const ps_legislature *leg;
    const ps_game *game;
    const ps_condition *cond;
    const double *banzhaf, *shapley;
    char *power_error;
} view;

static void view_free(view *v)
{
    ps_whatif_free(v->whatif);
    ps_condition_free(v->cond_owned);
    free(v->values);
    free(v->power_error);
}

/* The base condition carried over by ids to the legislature after steps. */
static int carry_condition(ps_condition **out, const serve_leg *base, const ps_legislature *leg,
                           ps_error *err)
{
    int rc = ps_condition_new(out, leg, err);
    const ps_condition *c = base->cond;
    const ps_legislature *b = base->leg;
    for (size_t k = 0; rc == 0 && k < b->n_communities; k++)
        if ((c->communities_required >> k) & 1u)
            rc = ps_condition_include_community(*out, leg, b->communities[k].id, err);
    for (size_t i = 0; rc == 0 && i < b->n_parties; i++) {
        if (ps_legislature_find_party(leg, b->parties[i].id) < 0)
            continue;
        if (c->required & PS_MEMBER(i))
            rc = ps_condition_require(*out, leg, b->parties[i].id, err);
        if (rc == 0 && (c->excluded & PS_MEMBER(i)))
            rc = ps_condition_exclude(*out, leg, b->parties[i].id, err);
    }
    /* a pair with a member gone can no longer be broken */
    for (size_t k = 0; rc == 0 && k < c->n_incompatible; k++) {
        ps_members p = c->incompatible[k];
        const char *x = b->parties[__builtin_ctzll(p)].id;
        const char *y = b->parties[63 - __builtin_clzll(p)].id;
        if (ps_legislature_find_party(leg, x) >= 0 && ps_legislature_find_party(leg, y) >= 0)
            rc = ps_condition_incompatible(*out, leg, x, y, err);
    }
    if (rc == 0) {
        (*out)->max_parties = c->max_parties;
        (*out)->declared = c->declared;
        if (c->name && !((*out)->name = strdup(c->name)))
            rc = psi_enomem(err);
    }
    return rc;
}

static int view_open(view *v, const serve_leg *base, const serve_arg *args, size_t n,
                     ps_error *err)
{
    memset(v, 0, sizeof *v);
    v->base = base;
    v->leg = base->leg;
    v->game = base->game;
    v->cond = base->cond;
    v->banzhaf = base->banzhaf;
    v->shapley = base->shapley;
    ps_scenario *sc = NULL;
    int rc = scenario_of(&sc, args, n, err);
    if (rc < 0 || !sc)
        return rc;
    /* the library's scenario loop, on a list of one */
    ps_scenarios one = {1, sc};
    ps_analysis_options opt;
    ps_analysis_options_init(&opt);
    rc = ps_whatif_run(&v->whatif, base->leg, base->rule, &one, NULL, &opt, err);
    ps_scenario_free(sc);
    if (rc < 0)
        return rc;
    const ps_analysis *after = v->whatif->items[0].after;
    if (!after->game)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "%s", after->game_error);
    rc = carry_condition(&v->cond_owned, base, after->leg, err);
    if (rc < 0)
        return rc;
    v->leg = v->leg_owned = after->leg;
    v->rule_owned = after->rule;
    v->game = after->game;
    v->cond = v->cond_owned;
    size_t np = v->leg->n_parties;
    v->values = calloc(2 * np + 2, sizeof *v->values);
    if (!v->values)
        return psi_enomem(err);
    const ps_power *pw = after->power;
    if (pw && pw->values[PS_BANZHAF] && pw->values[PS_SHAPLEY_SHUBIK]) {
        for (size_t i = 0; i < np; i++) {
            v->values[i] = pw->values[PS_BANZHAF][i].value;
            v->values[np + i] = pw->values[PS_SHAPLEY_SHUBIK][i].value;
        }
        v->banzhaf = v->values;
        v->shapley = v->values + np;
    } else {
        v->banzhaf = v->shapley = NULL;
        v->power_error = strdup(after->power_error ? after->power_error : "power not computed");
    }
    return PS_OK;
}

static int api_legislatures(psi_buf *b, const serve_state *st)
{
    psi_buf_puts(b, "{\"legislatures\": [");
    for (size_t i = 0; i < st->n; i++) {
        const ps_legislature *leg = st->legs[i].leg;
        psi_buf_printf(b, "%s\n  {\"index\": %zu, \"id\": ", i ? "," : "", i);
        psi_buf_json_string(b, st->legs[i].id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, leg->name);
        psi_buf_printf(b, ", \"total_seats\": %lld, \"parties\": %zu}", (long long)leg->total_seats,
                       leg->n_parties);
    }
    psi_buf_puts(b, "\n]}\n");
    return 200;
}

static void diff_rows(psi_buf *b, const view *v)
{
    const ps_legislature *a = v->base->leg, *z = v->leg;
    psi_buf_puts(b, "[");
    size_t k = 0;
    for (size_t pass = 0; pass < 2; pass++) {
        const ps_legislature *from = pass ? z : a;
        for (size_t i = 0; i < from->n_parties; i++) {
            long ia = ps_legislature_find_party(a, from->parties[i].id);
            long iz = ps_legislature_find_party(z, from->parties[i].id);
            if (pass && ia >= 0)
                continue;
            psi_buf_printf(b, "%s\n  {\"id\": ", k++ ? "," : "");
            psi_buf_json_string(b, from->parties[i].id);
            psi_buf_puts(b, ", \"name\": ");
            psi_buf_json_string(b, from->parties[i].name);
            psi_buf_printf(b, ", \"seats_before\": %lld, \"seats_after\": %lld",
                           (long long)(ia >= 0 ? a->parties[ia].seats : 0),
                           (long long)(iz >= 0 ? z->parties[iz].seats : 0));
            psi_buf_puts(b, ", \"banzhaf_before\": ");
            serve_json_num(b, ia >= 0 && v->base->banzhaf ? v->base->banzhaf[ia] : 0);
            psi_buf_puts(b, ", \"banzhaf_after\": ");
            serve_json_num(b, iz >= 0 && v->banzhaf ? v->banzhaf[iz] : 0);
            psi_buf_puts(b, ", \"shapley_before\": ");
            serve_json_num(b, ia >= 0 && v->base->shapley ? v->base->shapley[ia] : 0);
            psi_buf_puts(b, ", \"shapley_after\": ");
            serve_json_num(b, iz >= 0 && v->shapley ? v->shapley[iz] : 0);
            psi_buf_puts(b, "}");
        }
    }
    psi_buf_puts(b, "\n]");
}

/* The changed chamber as the page draws it, like the top level of
 * /api/analyze for the unchanged one: its lists (indices into it, which the
 * hemicycle's data-party attributes use), their order, the hemicycle and
 * the power chart. A chart that cannot be drawn is null. */
static void chamber_json(psi_buf *b, const view *v)
{
    const ps_legislature *leg = v->leg;
    size_t n = leg->n_parties;
    psi_buf_printf(b, "{\"total_seats\": %lld, \"unattributed_seats\": %lld, "
                      "\"vacant_seats\": %lld, \"quota\": %lld,\n\"parties\": ",
                   (long long)leg->total_seats, (long long)leg->unattributed_seats,
                   (long long)leg->vacant_seats, (long long)v->game->quotas[0]);
    serve_json_parties(b, leg, v->banzhaf, v->shapley);
    psi_buf_puts(b, ",\n\"order\": [");
    size_t *order = calloc(n ? n : 1, sizeof *order);
    if (order && ps_report_order(order, leg, NULL, NULL) < 0)
        for (size_t i = 0; i < n; i++)
            order[i] = i;
    for (size_t i = 0; i < n; i++)
        psi_buf_printf(b, "%s%zu", i ? ", " : "", order ? order[i] : i);
    free(order);
    ps_report_data d;
    memset(&d, 0, sizeof d);
    d.quota = v->rule_owned->quota;
    d.banzhaf = v->banzhaf;
    d.shapley = v->shapley;
    char *hemicycle = NULL, *power = NULL;
    ps_chart *chart = NULL;
    if (ps_report_chart(&chart, PS_CHART_HEMICYCLE, leg, &d, NULL) == 0)
        serve_chart_svg(&hemicycle, chart);
    ps_chart_free(chart);
    chart = NULL;
    if (v->banzhaf && ps_report_chart(&chart, PS_CHART_POWER, leg, &d, NULL) == 0)
        serve_chart_svg(&power, chart);
    ps_chart_free(chart);
    psi_buf_puts(b, "],\n\"hemicycle_svg\": ");
    serve_json_str_or_null(b, hemicycle);
    psi_buf_puts(b, ",\n\"power_svg\": ");
    serve_json_str_or_null(b, power);
    psi_buf_puts(b, "}");
    free(hemicycle);
    free(power);
}

/* The request's view of a legislature, or the error answer (its status). */
static int open_view(psi_buf *b, view *v, const serve_leg *sl, const serve_arg *args, size_t n)
{
    ps_error err;
    ps_error_clear(&err);
    if (view_open(v, sl, args, n, &err) == 0)
        return 0;
    view_free(v);
    return fail(b, err.code == PS_ENOMEM ? 500 : 422, err.message);
}

static int api_analyze(psi_buf *b, const serve_leg *sl, const serve_arg *args, size_t n)
{
    view v;
    int status = open_view(b, &v, sl, args, n);
    if (status)
        return status;
    const ps_legislature *leg = sl->leg;
    psi_buf_puts(b, "{\"id\": ");
    psi_buf_json_string(b, sl->id);
    psi_buf_puts(b, ", \"name\": ");
    psi_buf_json_string(b, leg->name);
    psi_buf_puts(b, ", \"date\": ");
    serve_json_str_or_null(b, leg->date);
    psi_buf_printf(b, ", \"total_seats\": %lld, \"unattributed_seats\": %lld, \"vacant_seats\": "
                      "%lld, \"quota\": %lld, \"rule\": ",
                   (long long)leg->total_seats, (long long)leg->unattributed_seats,
                   (long long)leg->vacant_seats, (long long)sl->game->quotas[0]);
    serve_json_str_or_null(b, sl->rule_text);
    psi_buf_puts(b, ",\n\"condition\": ");
    serve_json_condition(b, leg, sl->cond);
    psi_buf_puts(b, ",\n\"power_error\": ");
    serve_json_str_or_null(b, sl->power_error);
    psi_buf_puts(b, ",\n\"parties\": ");
    serve_json_parties(b, leg, sl->banzhaf, sl->shapley);
    psi_buf_puts(b, ",\n\"communities\": ");
    serve_json_communities(b, leg, sl->banzhaf, sl->shapley);
    psi_buf_puts(b, ",\n\"order\": [");
    for (size_t i = 0; i < leg->n_parties; i++)
        psi_buf_printf(b, "%s%zu", i ? ", " : "", sl->order[i]);
    psi_buf_puts(b, "],\n\"hemicycle_svg\": ");
    psi_buf_json_string(b, sl->hemicycle_svg);
    psi_buf_puts(b, ",\n\"power_svg\": ");
    serve_json_str_or_null(b, sl->power_svg);
    /* an executive the file's formation rule computes (as analyze's) */
    const ps_analyze_result *a = sl->analysis;
    psi_buf_puts(b, ",\n\"executive\": ");
    if (ps_formation_computes_executive(a->formation) && a->portfolio)
        analyze_offices_json(b, a);
    else
        psi_buf_puts(b, "null");
    if (v.leg_owned) {
        psi_buf_printf(b, ",\n\"whatif\": {\"total_seats\": %lld, \"quota\": %lld, "
                          "\"power_error\": ",
                       (long long)v.leg->total_seats, (long long)v.game->quotas[0]);
        serve_json_str_or_null(b, v.power_error);
        psi_buf_puts(b, ",\n\"parties\": ");
        diff_rows(b, &v);
        psi_buf_puts(b, ",\n\"communities\": ");
        serve_json_communities(b, v.leg, v.banzhaf, v.shapley);
        char *svg = NULL;
        if (sl->banzhaf && v.banzhaf) {
            ps_chart *chart = NULL;
            ps_report_data d;
            memset(&d, 0, sizeof d);
            d.banzhaf = sl->banzhaf;
            d.after = v.leg;
            d.after_values = v.banzhaf;
            d.measure = "Banzhaf";
            if (ps_report_chart(&chart, PS_CHART_WHATIF, leg, &d, NULL) == 0)
                serve_chart_svg(&svg, chart);
            ps_chart_free(chart);
        }
        psi_buf_puts(b, ",\n\"chart_svg\": ");
        serve_json_str_or_null(b, svg);
        free(svg);
        psi_buf_puts(b, ",\n\"chamber\": ");
        chamber_json(b, &v);
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "}\n");
    view_free(&v);
    return 200;
}

static int api_coalition(psi_buf *b, const serve_leg *sl, const serve_arg *args, size_t n)
{
    view v;
    int status = open_view(b, &v, sl, args, n);
    if (status)
        return status;
    const ps_legislature *leg = v.leg;
    ps_members mask = 0;
    const char *list = get(args, n, "members");
    char ids[4096];
    snprintf(ids, sizeof ids, "%s", list ? list : "");
    char *save = NULL;
    psi_buf dropped;
    psi_buf_init(&dropped);
    psi_buf_puts(&dropped, "[");
    for (char *id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
        long i = ps_legislature_find_party(leg, id);
        if (i < 0 && v.leg_owned && ps_legislature_find_party(sl->leg, id) >= 0) {
            /* gone in the what-if: reported, not an error */
            if (dropped.len > 1)
                psi_buf_puts(&dropped, ", ");
            psi_buf_json_string(&dropped, id);
            continue;
        }
        if (i < 0 || i >= 64) {
            psi_buf_free(&dropped);
            char msg[600];
            snprintf(msg, sizeof msg, "no party '%.500s' in this legislature", id);
            view_free(&v);
            return fail(b, 422, msg);
        }
        mask |= PS_MEMBER(i);
    }
    ps_coalition d;
    psi_buf_puts(&dropped, "]");
    ps_error err;
    ps_error_clear(&err);
    if (ps_coalition_describe(&d, v.game, leg, v.cond, -1, mask, &err) < 0) {
        psi_buf_free(&dropped);
        view_free(&v);
        return fail(b, 422, err.message);
    }
    int64_t quota = v.game->quotas[0];
    /* Gamson: posts in proportion to seats (portfolio stage). */
    const char *names[64];
    size_t m = 0;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (mask & PS_MEMBER(i))
            names[m++] = leg->parties[i].id;
    ps_portfolio *pf = NULL;
    if (m && d.seats > 0) {
        ps_portfolio_options po;
        ps_portfolio_options_init(&po);
        po.method = PS_PORTFOLIO_GAMSON;
        ps_formation_apply_parity(&po, sl->analysis->formation);
        po.posts = sl->posts;
        if (ps_portfolio_allocate(&pf, leg, names, m, &po, NULL) < 0)
            pf = NULL; /* parity the coalition cannot meet: no posts */
    }
    psi_buf_printf(b, "{\"seats\": %lld, \"quota\": %lld, \"total_seats\": %lld, "
                      "\"winning\": %s, \"surplus\": %lld, \"short\": %lld, \"verdict\": ",
                   (long long)d.seats, (long long)quota, (long long)leg->total_seats,
                   d.winning ? "true" : "false", (long long)(d.seats - quota),
                   (long long)(d.seats < quota ? quota - d.seats : 0));
    char verdict[128];
    if (d.winning)
        snprintf(verdict, sizeof verdict, "majority: %lld of %lld needed, %lld to spare",
                 (long long)d.seats, (long long)quota, (long long)(d.seats - quota));
    else if (d.seats >= quota)
        snprintf(verdict, sizeof verdict, "enough seats, but another condition of the rule fails");
    else
        snprintf(verdict, sizeof verdict, "no majority: %lld short of %lld",
                 (long long)(quota - d.seats), (long long)quota);
    psi_buf_json_string(b, verdict);
    psi_buf_printf(b, ", \"posts\": %lld, \"dropped\": %s,\n\"members\": [",
                   (long long)(pf ? pf->posts : 0), dropped.data ? dropped.data : "[]");
    psi_buf_free(&dropped);
    size_t k = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (!(mask & PS_MEMBER(i)))
            continue;
        const ps_party *p = &leg->parties[i];
        psi_buf_printf(b, "%s\n  {\"index\": %zu, \"id\": ", k ? "," : "", i);
        psi_buf_json_string(b, p->id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, p->name);
        psi_buf_printf(b, ", \"seats\": %lld, \"community\": ", (long long)p->seats);
        serve_json_str_or_null(b, p->community >= 0 ? leg->communities[p->community].id : NULL);
        psi_buf_printf(b, ", \"critical\": %s, \"banzhaf\": ",
                       (d.critical & PS_MEMBER(i)) ? "true" : "false");
        serve_json_num(b, v.banzhaf ? v.banzhaf[i] : NAN);
        psi_buf_puts(b, ", \"shapley\": ");
        serve_json_num(b, v.shapley ? v.shapley[i] : NAN);
        psi_buf_printf(b, ", \"gamson\": {\"num\": %lld, \"den\": %lld, \"value\": ",
                       (long long)p->seats, (long long)(d.seats > 0 ? d.seats : 1));
        serve_json_num(b, d.seats > 0 ? (double)p->seats / (double)d.seats : 0);
        psi_buf_printf(b, ", \"posts\": %lld}}", (long long)(pf ? pf->won[k] : 0));
        k++;
    }
    ps_portfolio_free(pf);
    /* the condition: the coalition stage's cv, every part judged */
    ps_condition_verdict cv;
    ps_condition_judge(&cv, v.cond, leg, mask);
    psi_buf_printf(b, "\n],\n\"condition\": {\"declared\": %s, \"constrains\": %s, "
                      "\"name\": ",
                   v.cond->declared ? "true" : "false", cv.constrains ? "true" : "false");
    serve_json_str_or_null(b, v.cond->name);
    psi_buf_printf(b, ", \"feasible\": %s, \"failed\": [", cv.holds ? "true" : "false");
    for (size_t f_i = 0; f_i < cv.n_failed; f_i++) {
        const ps_condition_failure *f = &cv.failed[f_i];
        psi_buf_printf(b, "%s\n  {\"part\": \"%s\", \"reason\": ", f_i ? "," : "",
                       ps_condition_part_name(f->part));
        psi_buf_json_string(b, f->reason);
        psi_buf_puts(b, ", \"parties\": ");
        serve_json_ids(b, leg, f->parties, false);
        psi_buf_puts(b, ", \"communities\": ");
        serve_json_ids(b, leg, f->communities, true);
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "], \"communities\": [");
    bool any = false, show = false;
    for (size_t c = 0; c < leg->n_communities; c++) {
        bool required = (v.cond->communities_required >> c) & 1u;
        ps_role role = ps_coalition_role(&d, v.cond, c);
        if (required) {
            any = true;
            show = show || role != PS_ROLE_SUBSTANCE;
        }
        psi_buf_printf(b, "%s\n  {\"id\": ", c ? "," : "");
        psi_buf_json_string(b, leg->communities[c].id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, leg->communities[c].name);
        psi_buf_printf(b, ", \"required\": %s, \"role\": \"%s\"}", required ? "true" : "false",
                       ps_role_name(role));
    }
    bool holds = cv.constrains && cv.holds && d.winning;
    const char *kind = !cv.constrains ? "none"
                       : !holds            ? "fails"
                       : !any              ? "met"
                       : show              ? "show"
                                           : "substance";
    psi_buf_printf(b, "], \"holds\": %s, \"kind\": \"%s\"}", holds ? "true" : "false", kind);
    /* the coalition as a bar */
    char *svg = NULL;
    if (m) {
        ps_chart_party *parties = calloc(leg->n_parties, sizeof *parties);
        if (parties) {
            size_t members[64];
            bool critical[64];
            ps_chart_parties_from_legislature(parties, leg);
            for (size_t i = 0, j = 0; i < leg->n_parties; i++)
                if (mask & PS_MEMBER(i)) {
                    members[j] = i;
                    critical[j++] = (d.critical & PS_MEMBER(i)) != 0;
                }
            ps_chart_coalition co = {NULL, m, members, critical};
            ps_coalitions_input in = {NULL, leg->n_parties, parties, 1, &co, quota,
                                      leg->total_seats};
            ps_chart *chart = NULL;
            if (quota > 0 && quota <= leg->total_seats &&
                ps_chart_coalitions(&chart, &in, NULL) == 0)
                serve_chart_svg(&svg, chart);
            ps_chart_free(chart);
            free(parties);
        }
    }
    psi_buf_puts(b, ",\n\"chart_svg\": ");
    serve_json_str_or_null(b, svg);
    free(svg);
    psi_buf_puts(b, "}\n");
    view_free(&v);
    return 200;
}

bool serve_api_needs_worker(const char *path, const serve_arg *args, size_t n_args)
{
    if (strcmp(path, "/api/analyze") && strcmp(path, "/api/coalition"))
        return false;
    for (size_t i = 0; i < n_args; i++)
        for (int k = 0; k < PS_STEP_KIND_COUNT; k++)
            if (!strcmp(args[i].key, ps_step_kind_name((ps_step_kind)k)))
                return true;
    return false;
}

int serve_api(psi_buf *out, const serve_state *st, const char *path, const serve_arg *args,
              size_t n_args)
{
    if (!strcmp(path, "/api/legislatures"))
        return api_legislatures(out, st);
    int analyze = !strcmp(path, "/api/analyze"), coalition = !strcmp(path, "/api/coalition");
    int evaluate = !strcmp(path, "/api/evaluate");
    if (!analyze && !coalition && !evaluate)
        return fail(out, 404, "no such API; see /api/legislatures, /api/analyze, "
                              "/api/coalition, /api/evaluate");
    const serve_leg *sl = find_leg(st, get(args, n_args, "leg"));
    if (!sl)
        return fail(out, 404, "no such legislature: give leg=INDEX or leg=ID "
                              "from /api/legislatures");
    if (evaluate)
        return serve_api_evaluate(out, sl, args, n_args);
    return analyze ? api_analyze(out, sl, args, n_args) : api_coalition(out, sl, args, n_args);
}
