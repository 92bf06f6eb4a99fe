/*
 * analyze.c - the main job as one library call (powershare/analyze.h).
 *
 * Each stage computes its part once, in pipeline order: the rule from the
 * document compiles into the game; power by the power stage's one policy
 * (exact when affordable, otherwise Monte Carlo that says so); community
 * shares as sums of their lists' values (normalised indices are shares of
 * the whole, so they add); coalitions by the coalition stage, without and
 * with the document's condition (skipped, with the reason, for a rule with
 * "or", which the search does not take); the scenarios by the scenario loop
 * (ps_whatif_run); the offices of the most plausible government by the
 * portfolio stage; the prediction (analyze_predict.c). The printers of
 * every output only read the result.
 */
#include <stdio.h>
#include <string.h>

#include "analyze_impl.h"
#include "cancel_hook.h"
#include "util.h"

void ps_analyze_options_init(ps_analyze_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->sections = PS_ANALYZE_ALL;
    opt->top = 10;
    opt->predict_top = 5;
    opt->threads = 1;
}

void ps_analyze_result_free(ps_analyze_result *res)
{
    if (!res)
        return;
    psi_analyze_prediction_free(res->prediction);
    psi_free(res->prediction_error);
    ps_portfolio_free(res->portfolio);
    psi_free(res->government);
    ps_government_free(res->evaluation);
    ps_formation_free(res->formation);
    psi_free(res->offices_unmet);
    ps_offices_free(res->offices);
    ps_whatif_free(res->whatif);
    ps_scenarios_free(res->scenarios);
    ps_coalition_set_free(res->feasible);
    ps_coalition_set_free(res->coalitions);
    psi_free(res->coalitions_skipped);
    psi_free(res->condition_ids);
    ps_condition_free(res->condition);
    ps_condition_free(res->none);
    psi_free(res->communities);
    ps_power_free(res->power);
    ps_free(res->rule_text);
    ps_game_free(res->game);
    ps_rule_free(res->rule);
    psi_free(res);
}

static int compute_power(ps_analyze_result *res, const ps_analyze_options *opt, ps_error *err)
{
    ps_power_options po;
    ps_power_options_init(&po);
    po.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    po.method = PS_POWER_BEST;
    po.threads = opt->threads ? opt->threads : 1;
    return ps_power_compute(&res->power, res->game, &po, err);
}

static double value_of(const ps_power *power, ps_index k, size_t i)
{
    return power->values[k] ? power->values[k][i].value : 0.0;
}

static int sum_by_community(ps_analyze_result *res, ps_error *err)
{
    const ps_legislature *leg = res->leg;
    size_t n = leg->n_communities;
    ps_community_share *rows = psi_calloc(n + 1, sizeof *rows);
    if (!rows)
        return psi_enomem(err);
    for (size_t c = 0; c < n; c++) {
        rows[c].id = leg->communities[c].id;
        rows[c].name = leg->communities[c].name;
    }
    rows[n].name = "(no community)";
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        ps_community_share *r = &rows[p->community >= 0 ? (size_t)p->community : n];
        r->seats += p->seats;
        if (res->power) {
            r->banzhaf += value_of(res->power, PS_BANZHAF, i);
            r->shapley_shubik += value_of(res->power, PS_SHAPLEY_SHUBIK, i);
        }
    }
    res->communities = rows;
    res->n_communities = n + (rows[n].seats > 0);
    return PS_OK;
}

static int condition_ids(ps_analyze_result *res, ps_error *err)
{
    const ps_legislature *leg = res->leg;
    res->condition_ids = psi_calloc(leg->n_communities + 1, sizeof *res->condition_ids);
    if (!res->condition_ids)
        return psi_enomem(err);
    for (size_t c = 0; c < leg->n_communities; c++)
        if (res->condition->communities_required & PS_MEMBER(c))
            res->condition_ids[res->n_condition_ids++] = leg->communities[c].id;
    return PS_OK;
}

static int find_coalitions(ps_analyze_result *res, const ps_analyze_options *opt, ps_error *err)
{
    size_t groups = ps_game_group_count(res->game);
    if (groups > 1) { /* skipped, not refused: power and the rest still stand */
        char why[256];
        snprintf(why, sizeof why, "the rule says 'or' (%zu alternatives), and the coalition "
                                  "search takes only a rule whose conditions must all hold",
                 groups);
        res->coalitions_skipped = psi_strdup(why);
        return res->coalitions_skipped ? PS_OK : psi_enomem(err);
    }
    ps_coalition_options co;
    ps_coalition_options_init(&co);
    co.top = opt->top;
    co.threads = opt->threads; /* the same result with any number */
    if (opt->dimension) {
        co.dimension = ps_legislature_find_dimension(res->leg, opt->dimension);
        if (co.dimension < 0)
            return psi_error(err, PS_EINVAL, res->source, 0, 0, "no dimension '%s'",
                             opt->dimension);
    }
    co.condition = res->none;
    int rc = ps_coalitions_find(&res->coalitions, res->game, res->leg, &co, err);
    if (rc == PS_OK && res->condition->declared) {
        co.condition = res->condition;
        rc = ps_coalitions_find(&res->feasible, res->game, res->leg, &co, err);
    }
    return rc;
}

static int run_scenarios(ps_analyze_result *res, const ps_analyze_options *opt, ps_error *err)
{
    if (res->scenarios->n == 0)
        return PS_OK;
    ps_analysis_options ao;
    ps_analysis_options_init(&ao);
    ao.condition = res->condition_ids;
    ao.n_condition = res->n_condition_ids;
    ao.power.threads = opt->threads ? opt->threads : 1;
    return ps_whatif_run(&res->whatif, res->leg, res->rule, res->scenarios, NULL, &ao, err);
}

/* The most plausible government, largest list first: the prediction's
 * most probable when there is a prediction (it meets the condition: the
 * prediction ranks only those), else rank 1 of the bargaining proposition
 * (fewest lists) among the governments that meet the condition when there
 * is one. */
static int choose_government(ps_analyze_result *res, ps_error *err)
{
    const ps_legislature *leg = res->leg;
    ps_members m = 0;
    if (ps_formation_computes_executive(res->formation)) { /* allocated with it */
        m = ps_portfolio_members(res->portfolio);
        res->government_basis = "the executive the file's formation rule computes (ministries "
                                "by d'Hondt over the parties with seats), not a prediction";
    } else if (res->prediction && res->prediction->n_top) {
        m = res->prediction->members[0];
        res->government_basis = "the most probable government of the formation model "
                                "(the prediction below, with its caveat)";
    } else {
        const ps_coalition_set *set = res->feasible ? res->feasible : res->coalitions;
        if (!set) /* the search was skipped */
            return PS_OK;
        const ps_theory_list *t = &set->theories[PS_THEORY_BARGAINING];
        if (!t->available || t->n == 0)
            return PS_OK;
        m = set->items[t->index[0]].members;
        res->government_basis = res->feasible
                                    ? "the first with the fewest lists (bargaining "
                                      "proposition) that meets the condition; no prediction"
                                    : "the first with the fewest lists (bargaining "
                                      "proposition); no prediction";
    }
    res->government = psi_calloc(leg->n_parties ? leg->n_parties : 1, sizeof *res->government);
    if (!res->government)
        return psi_enomem(err);
    size_t n = 0;
    size_t *g = res->government;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (m & PS_MEMBER(i)) {
            size_t j = n++;
            for (; j > 0 && leg->parties[g[j - 1]].seats < leg->parties[i].seats; j--)
                g[j] = g[j - 1];
            g[j] = i;
        }
    res->n_government = n;
    return PS_OK;
}

/* d'Hondt picks of the document's posts (a parity formation: its
 * ministries, split equally between its communities) and its reserved
 * offices. */
static int allocate_offices(ps_analyze_result *res, ps_error *err)
{
    const ps_offices *o = res->offices;
    if (ps_formation_computes_executive(res->formation))
        return PS_OK; /* the executive's, allocated with it */
    if (res->n_government == 0 || (o->n == 0 && o->posts <= 0 && !res->formation))
        return PS_OK;
    const char **ids = psi_calloc(res->n_government, sizeof *ids);
    if (!ids)
        return psi_enomem(err);
    for (size_t i = 0; i < res->n_government; i++)
        ids[i] = res->leg->parties[res->government[i]].id;
    ps_portfolio_options po;
    ps_portfolio_options_init(&po);
    po.method = PS_PORTFOLIO_DHONDT;
    po.posts = o->posts > 0 ? o->posts : 0;
    po.offices = o;
    ps_formation_apply_parity(&po, res->formation);
    ps_error why;
    int rc = ps_portfolio_allocate(&res->portfolio, res->leg, ids, res->n_government, &po, &why);
    psi_free(ids);
    if (rc == PS_EDATA && po.n_parity) { /* the rest of the analysis stands */
        return (res->offices_unmet = psi_strdup(why.message)) ? PS_OK : psi_enomem(err);
    }
    if (rc < 0 && err)
        *err = why;
    return rc;
}

static int analyze_chamber(ps_analyze_result *res, const ps_document *doc,
                           const ps_analyze_options *opt, ps_error *err)
{
    const ps_legislature *leg = res->leg;
    unsigned want = opt->sections;
    if (leg->total_seats == PS_UNKNOWN || ps_legislature_party_seats(leg) == 0)
        return psi_error(err, PS_EDATA, res->source, 0, 0,
                         "the legislature has no seats to analyse (give each party a seat "
                         "count)");
    int rc = ps_rule_from_document(&res->rule, doc, err);
    if (rc == PS_OK)
        rc = ps_game_from_rule(&res->game, leg, res->rule, err);
    if (rc == PS_OK)
        rc = ps_rule_describe(&res->rule_text, leg, res->rule, err);
    if (rc == PS_OK && (want & PS_ANALYZE_POWER))
        rc = compute_power(res, opt, err);
    if (rc == PS_OK)
        rc = sum_by_community(res, err);
    if (rc == PS_OK)
        rc = ps_condition_new(&res->none, leg, err);
    if (rc == PS_OK)
        rc = ps_condition_from_document(&res->condition, doc, err);
    if (rc == PS_OK)
        rc = condition_ids(res, err);
    if (rc == PS_OK && (want & PS_ANALYZE_COALITIONS))
        rc = find_coalitions(res, opt, err);
    if (rc == PS_OK)
        rc = ps_scenarios_from_document(&res->scenarios, doc, err);
    if (rc == PS_OK && (want & PS_ANALYZE_SCENARIOS))
        rc = run_scenarios(res, opt, err);
    if (rc == PS_OK)
        rc = ps_offices_from_document(&res->offices, doc, err);
    if (rc == PS_OK)
        rc = ps_formation_from_document(&res->formation, doc, err);
    if (rc == PS_OK && ps_formation_computes_executive(res->formation))
        rc = ps_formation_execute(&res->portfolio, leg, res->formation, res->offices, err);
    if (rc == PS_OK && opt->model && (want & PS_ANALYZE_PREDICTION))
        rc = psi_analyze_predict(res, opt->model, opt->predict_top, err);
    if (rc == PS_OK &&
        ((want & PS_ANALYZE_COALITIONS) || ps_formation_computes_executive(res->formation)))
        rc = choose_government(res, err);
    if (rc == PS_OK && (want & PS_ANALYZE_OFFICES))
        rc = allocate_offices(res, err);
    if (rc == PS_OK && opt->government)
        rc = ps_government_evaluate(&res->evaluation, res->game, leg, res->condition,
                                    opt->government, NULL, err);
    return rc;
}

int ps_analyze(ps_analyze_result **out, const ps_document *doc, const ps_analyze_options *opt,
               ps_error *err)
{
    if (!out || !doc)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_analyze: NULL argument");
    *out = NULL;
    ps_analyze_options defaults;
    if (!opt) {
        ps_analyze_options_init(&defaults);
        opt = &defaults;
    }
    ps_analyze_result *res = psi_calloc(1, sizeof *res);
    if (!res)
        return psi_enomem(err);
    res->leg = ps_document_legislature(doc);
    res->source = ps_document_source(doc);
    int rc = analyze_chamber(res, doc, opt, err);
    if (rc == PS_OK && psi_cancel_stopped())
        rc = psi_cancel_error(err); /* a stage kept "cancelled" as its message */
    if (rc < 0) {
        ps_analyze_result_free(res);
        return rc;
    }
    *out = res;
    return PS_OK;
}
