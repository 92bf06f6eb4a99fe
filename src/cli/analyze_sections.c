/*
 * analyze_sections.c - the community power and offices sections of
 * `powershare analyze`.
 *
 * Community power is the sum of its lists' indices: the normalised Banzhaf
 * and Shapley-Shubik values are shares of the whole, so they add up (the
 * exact per-list fractions are in the power section; sums are shown as
 * decimals).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_analyze.h"

typedef struct community_power {
    int64_t seats;
    double banzhaf, shapley;
} community_power;

/* n_communities + 1 rows: the last is "no community". */
static community_power *sum_by_community(const ps_legislature *leg, const ps_power *power)
{
    community_power *rows = calloc(leg->n_communities + 1, sizeof *rows);
    if (!rows)
        return NULL;
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        community_power *r = &rows[p->community >= 0 ? (size_t)p->community : leg->n_communities];
        r->seats += p->seats;
        if (power->values[PS_BANZHAF])
            r->banzhaf += power->values[PS_BANZHAF][i].value;
        if (power->values[PS_SHAPLEY_SHUBIK])
            r->shapley += power->values[PS_SHAPLEY_SHUBIK][i].value;
    }
    return rows;
}

static const char *row_name(const ps_legislature *leg, size_t c)
{
    return c < leg->n_communities ? leg->communities[c].name : "(no community)";
}

void analyze_communities_text(psi_buf *b, const ps_legislature *leg, const ps_power *power)
{
    community_power *rows = sum_by_community(leg, power);
    if (!rows) {
        b->failed = 1;
        return;
    }
    size_t w = 9;
    for (size_t c = 0; c <= leg->n_communities; c++)
        if (cli_display_width(row_name(leg, c)) > w)
            w = cli_display_width(row_name(leg, c));
    cli_pad(b, "community", w, false);
    psi_buf_puts(b, "  seat share  banzhaf  shapley_shubik\n");
    for (size_t c = 0; c <= leg->n_communities; c++) {
        if (c == leg->n_communities && rows[c].seats == 0)
            continue;
        cli_pad(b, row_name(leg, c), w, false);
        psi_buf_printf(b, "  %9.1f%%  %6.1f%%  %13.1f%%\n",
                       100.0 * (double)rows[c].seats / (double)leg->total_seats,
                       100.0 * rows[c].banzhaf, 100.0 * rows[c].shapley);
    }
    if (leg->unattributed_seats)
        psi_buf_printf(b, "(the %lld unattributed seats hold no power: they join no coalition)\n",
                       (long long)leg->unattributed_seats);
    free(rows);
}

void analyze_communities_json(psi_buf *b, const ps_legislature *leg, const ps_power *power)
{
    community_power *rows = sum_by_community(leg, power);
    if (!rows) {
        b->failed = 1;
        return;
    }
    psi_buf_puts(b, "[");
    for (size_t c = 0; c <= leg->n_communities; c++) {
        psi_buf_puts(b, c ? ",\n    {\"community\": " : "\n    {\"community\": ");
        if (c < leg->n_communities)
            psi_buf_json_string(b, leg->communities[c].id);
        else
            psi_buf_puts(b, "null");
        psi_buf_printf(b, ", \"seats\": %lld, \"banzhaf\": %.17g, \"shapley_shubik\": %.17g}",
                       (long long)rows[c].seats, rows[c].banzhaf, rows[c].shapley);
    }
    psi_buf_puts(b, "\n  ]");
    free(rows);
}

static void member_list(psi_buf *b, const ps_legislature *leg, const size_t *members, size_t n)
{
    for (size_t i = 0; i < n; i++)
        psi_buf_printf(b, "%s%s", i ? (i + 1 == n ? " and " : ", ") : "",
                       leg->parties[members[i]].name);
}

int analyze_offices(psi_buf *b, const ps_legislature *leg, const ps_offices *offices,
                    const size_t *members, size_t n, bool json, ps_error *err)
{
    const char **ids = calloc(n ? n : 1, sizeof *ids);
    if (!ids)
        return PS_ENOMEM;
    for (size_t i = 0; i < n; i++)
        ids[i] = leg->parties[members[i]].id;
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    opt.method = PS_PORTFOLIO_DHONDT;
    opt.posts = offices->posts > 0 ? offices->posts : 0;
    opt.offices = offices;
    ps_portfolio *pf = NULL;
    int rc = ps_portfolio_allocate(&pf, leg, ids, n, &opt, err);
    free(ids);
    if (rc < 0)
        return rc;
    if (json) {
        psi_buf_puts(b, "{\"coalition\": [");
        for (size_t i = 0; i < n; i++) {
            psi_buf_puts(b, i ? ", " : "");
            psi_buf_json_string(b, leg->parties[members[i]].id);
        }
        psi_buf_printf(b, "], \"posts\": %lld, \"won\": [", (long long)pf->posts);
        for (size_t i = 0; i < pf->n_members; i++)
            psi_buf_printf(b, "%s%lld", i ? ", " : "", (long long)pf->won[i]);
        psi_buf_puts(b, "], \"reserved\": [");
        for (size_t k = 0; k < pf->n_awards; k++) {
            const ps_award *a = &pf->awards[k];
            psi_buf_puts(b, k ? ", {\"office\": " : "{\"office\": ");
            psi_buf_json_string(b, a->office);
            psi_buf_puts(b, ", \"party\": ");
            if (a->member >= 0)
                psi_buf_json_string(b, leg->parties[pf->party[a->member]].id);
            else
                psi_buf_puts(b, "null");
            psi_buf_printf(b, ", \"tied\": %s}", a->n_tied > 1 ? "true" : "false");
        }
        psi_buf_puts(b, "]}");
    } else {
        psi_buf_puts(b, "For the government of ");
        member_list(b, leg, members, n);
        psi_buf_puts(b, ":\n");
        if (pf->posts > 0) {
            psi_buf_printf(b, "%lld posts by d'Hondt picks:", (long long)pf->posts);
            for (size_t i = 0; i < pf->n_members; i++)
                psi_buf_printf(b, "%s %s %lld", i ? "," : "", leg->parties[pf->party[i]].name,
                               (long long)pf->won[i]);
            psi_buf_puts(b, "\n");
        }
        for (size_t k = 0; k < pf->n_awards; k++) {
            const ps_award *a = &pf->awards[k];
            long c = ps_legislature_find_community(leg, a->community);
            const char *community = c >= 0 ? leg->communities[c].name : a->community;
            if (a->member < 0)
                psi_buf_printf(b, "  %s (reserved for a %s list): the coalition holds none\n",
                               a->office, community);
            else
                psi_buf_printf(b, "  %s (reserved for a %s list): %s%s\n", a->office, community,
                               leg->parties[pf->party[a->member]].name,
                               a->n_tied > 1 ? " (level in seats with another list; the "
                                               "coalition's order decided)" : "");
        }
    }
    ps_portfolio_free(pf);
    return PS_OK;
}

/* The model's top governments. The caveat is part of the section: the model
 * was fitted on European (and other established) parliamentary cabinets. */
int analyze_prediction(psi_buf *b, const ps_legislature *leg, const char *model_path,
                       size_t top, bool json, ps_error *err)
{
    ps_predict_model *m = NULL;
    ps_predict_alts *alts = NULL;
    double *p = NULL;
    size_t *order = NULL;
    int rc = ps_predict_model_load(&m, model_path, err);
    if (rc == PS_OK)
        rc = ps_predict_alternatives(&alts, leg, 0, m->max_parties, err);
    if (rc == PS_OK && !(p = calloc(alts->n ? alts->n : 1, sizeof *p)))
        rc = psi_enomem(err);
    if (rc == PS_OK) {
        ps_predict_probabilities(p, m, alts, NULL);
        rc = ps_predict_order(&order, p, alts->n, err);
    }
    if (rc == PS_OK) {
        static const char caveat[] =
            "the model was fitted on cabinets of European and other established "
            "parliamentary democracies (ParlGov, elections up to 2010): elsewhere its "
            "probabilities compare with that record; they are not a forecast";
        size_t shown = top < alts->n ? top : alts->n;
        if (json) {
            psi_buf_printf(b, "{\"model\": ");
            psi_buf_json_string(b, model_path);
            psi_buf_printf(b, ", \"caveat\": \"%s\", \"potential_governments\": %zu, \"top\": [",
                           caveat, alts->n);
        } else {
            psi_buf_printf(b, "Model: %s, a conditional logit over %zu potential governments of "
                              "at most %zu parties.\nCaveat: %s.\n\nrank  probability  "
                              "government\n",
                           model_path, alts->n, alts->max_parties, caveat);
        }
        for (size_t k = 0; k < shown; k++) {
            size_t g = order[k];
            if (json)
                psi_buf_printf(b, "%s{\"probability\": %.17g, \"members\": [", k ? ", " : "",
                               p[g]);
            else
                psi_buf_printf(b, "%4zu  %11.6f  ", k + 1, p[g]);
            bool first = true;
            for (size_t i = 0; i < leg->n_parties; i++)
                if (alts->members[g] & PS_MEMBER(i)) {
                    if (json) {
                        psi_buf_puts(b, first ? "" : ", ");
                        psi_buf_json_string(b, leg->parties[i].id);
                    } else {
                        psi_buf_printf(b, "%s%s", first ? "" : " + ", leg->parties[i].id);
                    }
                    first = false;
                }
            psi_buf_puts(b, json ? "]}" : "\n");
        }
        if (json)
            psi_buf_puts(b, "]}");
    }
    ps_predict_order_free(order);
    free(p);
    ps_predict_alts_free(alts);
    ps_predict_model_free(m);
    return rc;
}
