/*
 * analyze_sections.c - the printers of the community power, offices and
 * prediction sections of `powershare analyze`. They only read the
 * analysis (ps_analyze): the sums, the picks and the ranking were computed
 * there once.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_analyze.h"
#include "predict_out.h"

void analyze_communities_text(psi_buf *b, const ps_analyze_result *r)
{
    const ps_legislature *leg = r->leg;
    size_t w = 9;
    for (size_t c = 0; c < r->n_communities; c++)
        if (cli_name_width(r->communities[c].name) > w)
            w = cli_name_width(r->communities[c].name);
    cli_pad(b, "community", w, false);
    psi_buf_puts(b, "  seat share  banzhaf  shapley_shubik\n");
    bool shortened = false;
    for (size_t c = 0; c < r->n_communities; c++) {
        const ps_community_share *row = &r->communities[c];
        shortened |= cli_pad_name(b, row->name, w, false);
        psi_buf_printf(b, "  %9.1f%%  %6.1f%%  %13.1f%%\n",
                       100.0 * (double)row->seats / (double)leg->total_seats,
                       100.0 * row->banzhaf, 100.0 * row->shapley_shubik);
    }
    cli_names_note(b, shortened);
    if (leg->unattributed_seats)
        psi_buf_printf(b, "(the %lld unattributed seats hold no power: they join no coalition)\n",
                       (long long)leg->unattributed_seats);
}

void analyze_communities_json(psi_buf *b, const ps_analyze_result *r)
{
    psi_buf_puts(b, "[");
    for (size_t c = 0; c <= r->leg->n_communities; c++) {
        const ps_community_share *row = &r->communities[c];
        psi_buf_puts(b, c ? ",\n    {\"community\": " : "\n    {\"community\": ");
        if (row->id)
            psi_buf_json_string(b, row->id);
        else
            psi_buf_puts(b, "null");
        psi_buf_printf(b, ", \"seats\": %lld, \"banzhaf\": %.17g, \"shapley_shubik\": %.17g}",
                       (long long)row->seats, row->banzhaf, row->shapley_shubik);
    }
    psi_buf_puts(b, "\n  ]");
}

static void member_list(psi_buf *b, const ps_legislature *leg, const size_t *members, size_t n)
{
    for (size_t i = 0; i < n; i++)
        psi_buf_printf(b, "%s%s", i ? (i + 1 == n ? " and " : ", ") : "",
                       leg->parties[members[i]].name);
}

void analyze_offices_json(psi_buf *b, const ps_analyze_result *r)
{
    const ps_legislature *leg = r->leg;
    const ps_portfolio *pf = r->portfolio;
    psi_buf_puts(b, "{\"coalition\": [");
    for (size_t i = 0; i < r->n_government; i++) {
        psi_buf_puts(b, i ? ", " : "");
        psi_buf_json_string(b, leg->parties[r->government[i]].id);
    }
    /* posts won by each government member, in the order of "coalition" (an
     * executive's allocation also holds the parties that won none) */
    psi_buf_printf(b, "], \"posts\": %lld, \"won\": [", (long long)pf->posts);
    for (size_t i = 0; i < r->n_government; i++) {
        int64_t won = 0;
        for (size_t j = 0; j < pf->n_members; j++)
            if (pf->party[j] == r->government[i])
                won = pf->won[j];
        psi_buf_printf(b, "%s%lld", i ? ", " : "", (long long)won);
    }
    psi_buf_puts(b, "], \"parity\": ");
    for (size_t g = 0; g < pf->n_parity; g++) {
        psi_buf_puts(b, g ? ", {\"community\": " : "[{\"community\": ");
        psi_buf_json_string(b, pf->parity[g].community);
        psi_buf_printf(b, ", \"posts\": %lld}", (long long)pf->parity[g].posts);
    }
    psi_buf_puts(b, pf->n_parity ? "]" : "null");
    psi_buf_puts(b, ", \"reserved\": [");
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
}

void analyze_offices_text(psi_buf *b, const ps_analyze_result *r)
{
    const ps_legislature *leg = r->leg;
    const ps_portfolio *pf = r->portfolio;
    psi_buf_puts(b, "For the government of ");
    member_list(b, leg, r->government, r->n_government);
    psi_buf_puts(b, ":\n");
    if (pf->posts > 0) {
        psi_buf_printf(b, "%lld posts by d'Hondt picks", (long long)pf->posts);
        for (size_t g = 0; g < pf->n_parity; g++) {
            long c = ps_legislature_find_community(leg, pf->parity[g].community);
            psi_buf_printf(b, "%s%s", g == 0 ? " (the file's parity rule: equal parts, "
                                               : g + 1 == pf->n_parity ? " and " : ", ",
                           c >= 0 ? leg->communities[c].name : pf->parity[g].community);
            psi_buf_printf(b, " %lld%s", (long long)pf->parity[g].posts,
                           g + 1 == pf->n_parity ? ")" : "");
        }
        psi_buf_puts(b, ":");
        for (size_t i = 0; i < pf->n_members; i++)
            psi_buf_printf(b, "%s %s %lld", i ? "," : "", leg->parties[pf->party[i]].name,
                           (long long)pf->won[i]);
        psi_buf_puts(b, "\n");
        for (int64_t k = 0; pf->picks && k < pf->posts; k++) {
            const ps_pick *pk = &pf->picks[k];
            if (pk->n_tied < 2)
                continue;
            psi_buf_printf(b, "  pick %lld: a tie at %lld/%lld between ", (long long)k + 1,
                           (long long)pf->seats[pk->member], (long long)pk->divisor);
            for (size_t t = 0; t < pk->n_tied; t++)
                psi_buf_printf(b, "%s%s", t ? " and " : "",
                               leg->parties[pf->party[pk->tied[t]]].name);
            psi_buf_printf(b, ", to %s by the tie order\n",
                           leg->parties[pf->party[pk->member]].name);
        }
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

static void members_of(psi_buf *b, const ps_legislature *leg, ps_members m, bool json)
{
    bool first = true;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (m & PS_MEMBER(i)) {
            if (json) {
                psi_buf_puts(b, first ? "" : ", ");
                psi_buf_json_string(b, leg->parties[i].id);
            } else {
                psi_buf_printf(b, "%s%s", first ? "" : " + ", leg->parties[i].id);
            }
            first = false;
        }
}

void analyze_prediction_text(psi_buf *b, const ps_legislature *leg, const ps_prediction *p)
{
    psi_buf_printf(b, "Model: %s, a conditional logit over %.0f potential governments of "
                      "at most %zu parties%s.\nCaveat: %s.\n",
                   p->model, p->sets, p->max_parties,
                   p->every ? " (every one, ranked by classes of interchangeable lists)" : "",
                   p->caveat);
    if (p->inclusive)
        psi_buf_puts(b, "Convention of inclusive government: the inclusion attributes apply.\n");
    if (p->summary)
        predict_summary_text(b, p->summary, leg, p->sets);
    psi_buf_puts(b, "\nrank  probability  government\n");
    double rank = 1;
    for (size_t k = 0; k < p->n_top; k++) {
        psi_buf_printf(b, "%4.0f  %11.6f  ", rank, p->probability[k]);
        members_of(b, leg, p->members[k], false);
        if (p->alike[k] > 1)
            psi_buf_printf(b, "  (and %.0f alike)", p->alike[k] - 1);
        psi_buf_puts(b, "\n");
        rank += p->alike[k];
    }
}

void analyze_prediction_json(psi_buf *b, const ps_legislature *leg, const ps_prediction *p)
{
    psi_buf_printf(b, "{\"model\": ");
    psi_buf_json_string(b, p->model);
    psi_buf_puts(b, ", \"caveat\": ");
    psi_buf_json_string(b, p->caveat);
    psi_buf_printf(b, ", \"potential_governments\": %.0f, \"every\": %s", p->sets,
                   p->every ? "true" : "false");
    if (p->summary)
        predict_summary_json(b, p->summary, leg);
    psi_buf_puts(b, ", \"top\": [");
    for (size_t k = 0; k < p->n_top; k++) {
        psi_buf_printf(b, "%s{\"probability\": %.17g, \"alike\": %.0f, \"members\": [",
                       k ? ", " : "", p->probability[k], p->alike[k]);
        members_of(b, leg, p->members[k], true);
        psi_buf_puts(b, "]}");
    }
    psi_buf_puts(b, "]}");
}
