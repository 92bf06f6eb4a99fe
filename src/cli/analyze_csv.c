/*
 * analyze_csv.c - `powershare analyze --format csv`: the analysis as CSV
 * tables, one per section (cli_csv.c gives the convention: --table NAME
 * picks one, --csv-dir DIR writes them all). Like the text and JSON
 * printers they only read the result of ps_analyze; exact values stand in
 * their own column beside the decimal.
 */
#include <math.h>
#include <string.h>

#include "cmd_analyze.h"
#include "cmd_whatif.h"

/* One row per list, in the file's order: seats, seat share, and each power
 * index computed (decimal, exact fraction, and the interval's half-width
 * when the values are Monte Carlo estimates). */
static void parties_table(psi_buf *b, const void *ctx)
{
    const ps_analyze_result *r = ((const analyze_csv_ctx *)ctx)->r;
    const ps_legislature *leg = r->leg;
    const ps_power *pw = r->power;
    psi_buf_puts(b, "id,name,community,seats,seat_share");
    for (int k = 0; pw && k < PS_INDEX_COUNT; k++)
        if (pw->values[k]) {
            const char *name = ps_index_name((ps_index)k);
            psi_buf_printf(b, ",%s,%s_exact", name, name);
            if (pw->half_width[k])
                psi_buf_printf(b, ",%s_half_width", name);
        }
    psi_buf_puts(b, "\n");
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        psi_buf_csv_field(b, p->id);
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, p->name);
        psi_buf_puts(b, ",");
        if (p->community >= 0)
            psi_buf_csv_field(b, leg->communities[p->community].id);
        psi_buf_printf(b, ",%lld,%.10g", (long long)p->seats,
                       leg->total_seats > 0 ? (double)p->seats / (double)leg->total_seats : 0.0);
        for (int k = 0; pw && k < PS_INDEX_COUNT; k++)
            if (pw->values[k]) {
                cli_csv_fraction(b, &pw->values[k][i]);
                if (pw->half_width[k])
                    psi_buf_printf(b, ",%.10g", pw->half_width[k][i]);
            }
        psi_buf_puts(b, "\n");
    }
}

/* Each community's seats and the sums of its lists' power (decimals: the
 * analysis sums them as doubles). */
static void communities_table(psi_buf *b, const void *ctx)
{
    const ps_analyze_result *r = ((const analyze_csv_ctx *)ctx)->r;
    psi_buf_puts(b, "community,name,seats,seat_share,banzhaf,shapley_shubik\n");
    for (size_t c = 0; r->power && c < r->n_communities; c++) {
        const ps_community_share *row = &r->communities[c];
        psi_buf_csv_field(b, row->id ? row->id : "");
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, row->name);
        psi_buf_printf(b, ",%lld,%.10g,%.10g,%.10g\n", (long long)row->seats,
                       r->leg->total_seats > 0
                           ? (double)row->seats / (double)r->leg->total_seats : 0.0,
                       row->banzhaf, row->shapley_shubik);
    }
}

/* The coalitions by each theory, as `coalitions --format csv` prints them;
 * set NULL (no such section) gives the header alone. */
static void coalitions_of(psi_buf *b, const analyze_csv_ctx *cx, const ps_coalition_set *set,
                          const ps_condition *cond)
{
    static const ps_coalition_set empty; /* no theory lists anything */
    coal_view v = analyze_coal_view(cx->r, set ? set : &empty, cond, cx->top);
    coal_csv(b, &v);
}

static void coalitions_table(psi_buf *b, const void *ctx)
{
    const analyze_csv_ctx *cx = ctx;
    coalitions_of(b, cx, cx->r->coalitions, cx->r->none);
}

static void condition_table(psi_buf *b, const void *ctx)
{
    const analyze_csv_ctx *cx = ctx;
    coalitions_of(b, cx, cx->r->feasible, cx->r->condition);
}

static void scenarios_table(psi_buf *b, const void *ctx)
{
    whatif_csv_changes(b, ((const analyze_csv_ctx *)ctx)->r->whatif);
}

/* The offices of the most plausible government: a "posts" row per member
 * (d'Hondt picks, when the file gives posts or a parity formation: then
 * with the community whose part it shares), a "reserved" row per office
 * reserved by community. */
static void offices_table(psi_buf *b, const void *ctx)
{
    const ps_analyze_result *r = ((const analyze_csv_ctx *)ctx)->r;
    const ps_legislature *leg = r->leg;
    const ps_portfolio *pf = r->portfolio;
    psi_buf_puts(b, "kind,office,community,party,posts,tied\n");
    if (!pf)
        return;
    for (size_t i = 0; pf->posts > 0 && i < pf->n_members; i++) {
        /* under parity, the community whose part the list shares */
        int c = leg->parties[pf->party[i]].community;
        const char *part = "";
        for (size_t g = 0; c >= 0 && g < pf->n_parity; g++)
            if (!strcmp(pf->parity[g].community, leg->communities[c].id))
                part = pf->parity[g].community;
        psi_buf_puts(b, "posts,,");
        psi_buf_csv_field(b, part);
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, leg->parties[pf->party[i]].id);
        psi_buf_printf(b, ",%lld,\n", (long long)pf->won[i]);
    }
    for (size_t k = 0; k < pf->n_awards; k++) {
        const ps_award *a = &pf->awards[k];
        psi_buf_puts(b, "reserved,");
        psi_buf_csv_field(b, a->office);
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, a->community);
        psi_buf_puts(b, ",");
        if (a->member >= 0)
            psi_buf_csv_field(b, leg->parties[pf->party[a->member]].id);
        psi_buf_printf(b, ",,%s\n", a->n_tied > 1 ? "yes" : "no");
    }
}

static void prediction_table(psi_buf *b, const void *ctx)
{
    const ps_analyze_result *r = ((const analyze_csv_ctx *)ctx)->r;
    const ps_prediction *p = r->prediction;
    psi_buf_puts(b, "rank,probability,parties,n_parties,alike\n");
    double rank = 1; /* a row stands for `alike` sets of one probability */
    for (size_t k = 0; p && k < p->n_top; k++) {
        psi_buf_printf(b, "%.0f,%.10g,", rank, p->probability[k]);
        cli_csv_ids(b, r->leg, p->members[k]);
        size_t n = 0;
        for (size_t i = 0; i < r->leg->n_parties; i++)
            n += (p->members[k] & PS_MEMBER(i)) != 0;
        psi_buf_printf(b, ",%zu,%.0f\n", n, p->alike[k]);
        rank += p->alike[k];
    }
}

/* The government named with --government, as `coalitions --evaluate
 * --format csv` gives it (header only without --government). */
static void government_table(psi_buf *b, const void *ctx)
{
    const ps_analyze_result *r = ((const analyze_csv_ctx *)ctx)->r;
    gov_view gv = {r->leg, r->condition, r->rule_text, r->evaluation};
    gov_csv(b, &gv);
}

const cli_csv_table analyze_csv_tables[ANALYZE_CSV_TABLES] = {
    {"parties", parties_table},       {"communities", communities_table},
    {"coalitions", coalitions_table}, {"condition", condition_table},
    {"scenarios", scenarios_table},   {"offices", offices_table},
    {"prediction", prediction_table}, {"government", government_table},
};
