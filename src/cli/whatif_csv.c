/*
 * whatif_csv.c - the scenario outcomes of `powershare whatif` (and the
 * scenarios table of `powershare analyze`) as CSV tables: one row per
 * scenario and list or community with its seats and power before and
 * after, one row per scenario with the chamber before and after, and one
 * row per coalition that appears or disappears. They only read the
 * outcomes of ps_whatif_run; exact values stand in their own column beside
 * the decimal (cli_csv_fraction).
 */
#include <math.h>
#include <string.h>

#include "cmd_whatif.h"

static void seats_field(psi_buf *b, int64_t v, bool present)
{
    psi_buf_puts(b, ",");
    if (present)
        psi_buf_printf(b, "%lld", (long long)v);
}

/* ",VALUE,EXACT" before and after, then ",CHANGE" (decimal). */
static void index_fields(psi_buf *b, const ps_fraction f[2], bool pb, bool pa)
{
    static const ps_fraction absent = {NULL, NULL, NAN};
    cli_csv_fraction(b, pb ? &f[0] : &absent);
    cli_csv_fraction(b, pa ? &f[1] : &absent);
    psi_buf_puts(b, ",");
    if (!isnan(f[0].value) && !isnan(f[1].value))
        psi_buf_printf(b, "%.10g", f[1].value - f[0].value);
}

static void change_rows(psi_buf *b, const char *scenario, const ps_diff_row *rows, size_t n,
                        bool community)
{
    for (size_t i = 0; i < n; i++) {
        const ps_diff_row *r = &rows[i];
        bool pb = community || r->before >= 0, pa = community || r->after >= 0;
        psi_buf_csv_field(b, scenario);
        psi_buf_puts(b, community ? ",community," : ",list,");
        psi_buf_csv_field(b, r->id);
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, r->name ? r->name : "");
        seats_field(b, r->seats[0], pb);
        seats_field(b, r->seats[1], pa);
        index_fields(b, r->banzhaf, pb, pa);
        index_fields(b, r->shapley, pb, pa);
        psi_buf_puts(b, "\n");
    }
}

void whatif_csv_changes(psi_buf *b, const ps_whatif *w)
{
    psi_buf_puts(b, "scenario,kind,id,name,seats_before,seats_after,"
                    "banzhaf_before,banzhaf_before_exact,banzhaf_after,banzhaf_after_exact,"
                    "banzhaf_change,shapley_shubik_before,shapley_shubik_before_exact,"
                    "shapley_shubik_after,shapley_shubik_after_exact,shapley_shubik_change\n");
    for (size_t k = 0; w && k < w->n; k++) {
        const ps_scenario_outcome *o = &w->items[k];
        change_rows(b, o->scenario->name, o->diff->parties, o->diff->n_parties, false);
        change_rows(b, o->scenario->name, o->diff->communities, o->diff->n_communities, true);
    }
}

static void analysis_fields(psi_buf *b, const ps_analysis *an)
{
    psi_buf_printf(b, ",%lld,%lld,", (long long)an->leg->total_seats,
                   (long long)an->leg->vacant_seats);
    if (an->game)
        psi_buf_printf(b, "%lld", (long long)an->quota);
    psi_buf_puts(b, ",");
    if (an->mwc_counted && an->game)
        psi_buf_printf(b, "%llu", (unsigned long long)an->n_mwc);
    psi_buf_puts(b, ",");
    if (an->n_condition)
        psi_buf_puts(b, an->condition_possible ? "yes" : "no");
}

void whatif_csv_scenarios(psi_buf *b, const ps_whatif *w)
{
    psi_buf_puts(b, "scenario,steps,when,total_seats,vacant_seats,quota,minimal_winning,"
                    "condition_possible\n");
    for (size_t k = 0; w && k < w->n; k++) {
        const ps_scenario_outcome *o = &w->items[k];
        psi_buf steps;
        psi_buf_init(&steps);
        for (size_t s = 0; s < o->scenario->n_steps; s++) {
            char *t = NULL;
            if (ps_step_describe(&t, &o->scenario->steps[s]) < 0) {
                b->failed = 1;
                psi_buf_free(&steps);
                return;
            }
            psi_buf_printf(&steps, "%s%s", s ? "; " : "", t);
            ps_free(t);
        }
        for (int when = 0; when < 2; when++) {
            psi_buf_csv_field(b, o->scenario->name);
            psi_buf_puts(b, ",");
            psi_buf_csv_field(b, steps.data ? steps.data : "");
            psi_buf_puts(b, when ? ",after" : ",before");
            analysis_fields(b, when ? o->after : w->before);
            psi_buf_puts(b, "\n");
        }
        b->failed |= steps.failed;
        psi_buf_free(&steps);
    }
}

static void coalition_rows(psi_buf *b, const char *scenario, const char *change,
                           const ps_scenario_coalition *c, size_t n, const ps_legislature *leg)
{
    for (size_t i = 0; i < n; i++) {
        psi_buf ids;
        psi_buf_init(&ids);
        for (size_t k = 0; k < c[i].n; k++)
            psi_buf_printf(&ids, "%s%s", k ? ";" : "", leg->parties[c[i].members[k]].id);
        psi_buf_csv_field(b, scenario);
        psi_buf_printf(b, ",%s,", change);
        psi_buf_csv_field(b, ids.data ? ids.data : "");
        psi_buf_printf(b, ",%zu,%lld\n", c[i].n, (long long)c[i].seats);
        b->failed |= ids.failed;
        psi_buf_free(&ids);
    }
}

void whatif_csv_coalitions(psi_buf *b, const ps_whatif *w)
{
    psi_buf_puts(b, "scenario,change,parties,n_parties,seats\n");
    for (size_t k = 0; w && k < w->n; k++) {
        const ps_scenario_outcome *o = &w->items[k];
        const ps_scenario_diff *d = o->diff;
        coalition_rows(b, o->scenario->name, "appeared", d->appeared, d->n_appeared,
                       o->after->leg);
        coalition_rows(b, o->scenario->name, "disappeared", d->disappeared, d->n_disappeared,
                       w->before->leg);
    }
}

static void print_changes(psi_buf *b, const void *w) { whatif_csv_changes(b, w); }
static void print_scenarios(psi_buf *b, const void *w) { whatif_csv_scenarios(b, w); }
static void print_coalitions(psi_buf *b, const void *w) { whatif_csv_coalitions(b, w); }

const cli_csv_table whatif_csv_tables[WHATIF_CSV_TABLES] = {
    {"changes", print_changes},
    {"scenarios", print_scenarios},
    {"coalitions", print_coalitions},
};
