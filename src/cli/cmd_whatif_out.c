/*
 * cmd_whatif_out.c - text and JSON for `powershare whatif` (and the scenario
 * part of `powershare analyze`): before and after side by side.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_whatif.h"


/* ---- text ---------------------------------------------------------------- */

static void pct(psi_buf *b, const ps_fraction *f, bool present, size_t width)
{
    char s[32];
    if (!present)
        snprintf(s, sizeof s, "-");
    else if (isnan(f->value))
        snprintf(s, sizeof s, "n/a");
    else
        snprintf(s, sizeof s, "%.1f", 100.0 * f->value);
    cli_pad(b, s, width, true);
}

static void change(psi_buf *b, const ps_fraction f[2], size_t width)
{
    char s[32];
    if (isnan(f[0].value) || isnan(f[1].value))
        snprintf(s, sizeof s, "n/a");
    else {
        double d = 100.0 * (f[1].value - f[0].value);
        snprintf(s, sizeof s, "%+.1f", fabs(d) < 0.05 ? 0.0 : d);
    }
    cli_pad(b, s, width, true);
}

static void seats_cell(psi_buf *b, int64_t v, bool present, size_t width)
{
    char s[32];
    if (present)
        snprintf(s, sizeof s, "%lld", (long long)v);
    else
        snprintf(s, sizeof s, "-");
    cli_pad(b, s, width, true);
}

/* Rows by the larger of their seats before and after; file order otherwise. */
static size_t *row_order(const ps_diff_row *rows, size_t n)
{
    size_t *o = malloc((n ? n : 1) * sizeof *o);
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        int64_t si = rows[i].seats[0] > rows[i].seats[1] ? rows[i].seats[0] : rows[i].seats[1];
        size_t j = i;
        for (; j > 0; j--) {
            const ps_diff_row *r = &rows[o[j - 1]];
            int64_t sj = r->seats[0] > r->seats[1] ? r->seats[0] : r->seats[1];
            if (sj >= si)
                break;
            o[j] = o[j - 1];
        }
        o[j] = i;
    }
    return o;
}

static void text_rows(psi_buf *b, const char *title, const ps_diff_row *rows, size_t n,
                      bool community)
{
    size_t *o = row_order(rows, n);
    if (!o) {
        b->failed = 1;
        return;
    }
    size_t wn = strlen(title);
    bool shortened = false;
    for (size_t i = 0; i < n; i++) {
        size_t w = cli_name_width(community ? rows[i].name : rows[i].id);
        wn = w > wn ? w : wn;
    }
    cli_pad(b, "", wn, false);
    psi_buf_puts(b, "     seats        Banzhaf %         Shapley-Shubik %\n");
    cli_pad(b, title, wn, false);
    psi_buf_puts(b, "  before after  before after change  before after change\n");
    for (size_t k = 0; k < n; k++) {
        const ps_diff_row *r = &rows[o[k]];
        bool pb = r->before >= 0, pa = r->after >= 0;
        if (community) /* a community is there as long as it is declared */
            pb = pa = true;
        /* ids: names can be long */
        shortened |= cli_pad_name(b, community ? r->name : r->id, wn, false);
        psi_buf_puts(b, "  ");
        seats_cell(b, r->seats[0], pb, 6);
        seats_cell(b, r->seats[1], pa, 6);
        psi_buf_puts(b, "  ");
        pct(b, &r->banzhaf[0], pb, 6);
        pct(b, &r->banzhaf[1], pa, 6);
        change(b, r->banzhaf, 7);
        psi_buf_puts(b, "  ");
        pct(b, &r->shapley[0], pb, 6);
        pct(b, &r->shapley[1], pa, 6);
        change(b, r->shapley, 7);
        psi_buf_puts(b, "\n");
    }
    cli_names_note(b, shortened);
    free(o);
}

static void text_chamber(psi_buf *b, const char *label, const ps_analysis *an)
{
    const ps_legislature *l = an->leg;
    psi_buf_printf(b, "%s %lld seats", label, (long long)l->total_seats);
    if (l->vacant_seats)
        psi_buf_printf(b, ", %lld vacant", (long long)l->vacant_seats);
    if (l->unattributed_seats)
        psi_buf_printf(b, ", %lld unattributed", (long long)l->unattributed_seats);
    if (an->game)
        psi_buf_printf(b, "; %s.\n", an->rule_text ? an->rule_text : "");
    else
        psi_buf_printf(b, "; no coalition can win: %s.\n", an->game_error);
    if (an->power_error)
        psi_buf_printf(b, "   (power not computed: %s)\n", an->power_error);
    else if (an->power && an->power->note)
        psi_buf_printf(b, "   (%s)\n", an->power->note);
}

static void text_coalition(psi_buf *b, const char *mark, const ps_scenario_coalition *c,
                           const ps_legislature *leg)
{
    psi_buf_printf(b, "  %s ", mark);
    for (size_t k = 0; k < c->n; k++)
        psi_buf_printf(b, "%s%s", k ? " + " : "", leg->parties[c->members[k]].id);
    psi_buf_printf(b, " (%lld seats)\n", (long long)c->seats);
}

static void text_count(psi_buf *b, const ps_analysis *an)
{
    if (!an->game)
        psi_buf_puts(b, "none");
    else if (!an->mwc_counted)
        psi_buf_printf(b, "more than %llu (not all counted)", (unsigned long long)an->n_mwc);
    else
        psi_buf_printf(b, "%llu", (unsigned long long)an->n_mwc);
}

static void text_condition_line(psi_buf *b, const char *label, const ps_analysis *an,
                                const whatif_ctx *cx)
{
    psi_buf_printf(b, "  %s ", label);
    if (!an->condition_possible) {
        psi_buf_printf(b, "cannot be met: %s.\n", an->condition_missing);
        return;
    }
    psi_buf_puts(b, "can be met; ");
    if (!an->mwc_counted)
        psi_buf_puts(b, "the minimal winning coalitions were not all counted.\n");
    else if (an->n_mwc_condition == 0)
        psi_buf_printf(b, "but no minimal winning coalition holds all %zu: every such "
                          "government has a community there for show.\n", cx->n_condition);
    else
        psi_buf_printf(b, "%llu minimal winning coalition%s hold%s a list of each, every "
                          "community there for substance.\n",
                       (unsigned long long)an->n_mwc_condition, an->n_mwc_condition == 1 ? "" : "s",
                       an->n_mwc_condition == 1 ? "s" : "");
}

void whatif_text(psi_buf *b, const ps_scenario *sc, const ps_analysis *before,
                          const ps_analysis *after, const ps_scenario_diff *d, const whatif_ctx *cx)
{
    psi_buf_printf(b, "What if: %s\n", sc->name);
    for (size_t k = 0; k < sc->n_steps; k++) {
        char *t = NULL;
        if (ps_step_describe(&t, &sc->steps[k]) < 0) {
            b->failed = 1;
            return;
        }
        psi_buf_printf(b, "  %zu. %s\n", k + 1, t);
        ps_free(t);
    }
    if (sc->notes)
        psi_buf_printf(b, "  Notes: %s\n", sc->notes);
    psi_buf_puts(b, "\n");
    text_chamber(b, "Before:", before);
    text_chamber(b, "After: ", after);
    psi_buf_puts(b, "\n");
    text_rows(b, "list", d->parties, d->n_parties, false);
    const ps_legislature *lb = before->leg, *la = after->leg;
    if (lb->vacant_seats || la->vacant_seats || lb->unattributed_seats) {
        size_t wn = 4;
        for (size_t i = 0; i < d->n_parties; i++) {
            size_t w = cli_name_width(d->parties[i].id);
            wn = w > wn ? w : wn;
        }
        if (lb->unattributed_seats || la->unattributed_seats) {
            cli_pad(b, "(unattributed)", wn, false);
            psi_buf_puts(b, "  ");
            seats_cell(b, lb->unattributed_seats, true, 6);
            seats_cell(b, la->unattributed_seats, true, 6);
            psi_buf_puts(b, "\n");
        }
        if (lb->vacant_seats || la->vacant_seats) {
            cli_pad(b, "(vacant)", wn, false);
            psi_buf_puts(b, "  ");
            seats_cell(b, lb->vacant_seats, true, 6);
            seats_cell(b, la->vacant_seats, true, 6);
            psi_buf_puts(b, "\n");
        }
    }
    if (d->n_communities) {
        psi_buf_puts(b, "\n");
        text_rows(b, "community", d->communities, d->n_communities, true);
    }

    psi_buf_puts(b, "\nMinimal winning coalitions: ");
    text_count(b, before);
    psi_buf_puts(b, " before, ");
    text_count(b, after);
    psi_buf_puts(b, " after.\n");
    size_t k = before->max_lists < after->max_lists ? before->max_lists : after->max_lists;
    psi_buf_printf(b, "Of at most %zu lists: %zu appear, %zu disappear%s.\n", k, d->n_appeared,
                   d->n_disappeared,
                   d->coalitions_complete ? "" : " (listing cut short: too many to compare)");
    for (size_t i = 0; i < d->n_appeared && i < cx->show; i++)
        text_coalition(b, "+", &d->appeared[i], la);
    if (d->n_appeared > cx->show)
        psi_buf_printf(b, "  + ... and %zu more\n", d->n_appeared - cx->show);
    for (size_t i = 0; i < d->n_disappeared && i < cx->show; i++)
        text_coalition(b, "-", &d->disappeared[i], lb);
    if (d->n_disappeared > cx->show)
        psi_buf_printf(b, "  - ... and %zu more\n", d->n_disappeared - cx->show);

    if (cx->n_condition) {
        psi_buf_printf(b, "\nPower-sharing condition%s%s%s: a winning coalition with a list of ",
                       cx->condition_name ? " \"" : "",
                       cx->condition_name ? cx->condition_name : "",
                       cx->condition_name ? "\"" : "");
        for (size_t c = 0; c < cx->n_condition; c++) {
            long ci = ps_legislature_find_community(cx->leg, cx->condition[c]);
            psi_buf_printf(b, "%s%s", c == 0 ? "" : c + 1 == cx->n_condition ? " and " : ", ",
                           cx->leg->communities[ci].name);
        }
        psi_buf_puts(b, "\n");
        text_condition_line(b, "before:", before, cx);
        text_condition_line(b, "after: ", after, cx);
    }
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_fraction(psi_buf *b, const ps_fraction *f, bool present)
{
    if (!present || isnan(f->value))
        psi_buf_puts(b, "null");
    else if (!f->num) /* a Monte Carlo estimate: no exact fraction */
        psi_buf_printf(b, "{\"exact\": null, \"value\": %.17g}", f->value);
    else
        psi_buf_printf(b, "{\"exact\": \"%s/%s\", \"value\": %.17g}", f->num, f->den, f->value);
}

static void json_str_or_null(psi_buf *b, const char *s)
{
    if (s)
        psi_buf_json_string(b, s);
    else
        psi_buf_puts(b, "null");
}

static void json_analysis(psi_buf *b, const ps_analysis *an)
{
    const ps_legislature *l = an->leg;
    psi_buf_printf(b, "{\"total_seats\": %lld, \"vacant_seats\": %lld, \"unattributed_seats\": "
                      "%lld, \"rule\": ",
                   (long long)l->total_seats, (long long)l->vacant_seats,
                   (long long)l->unattributed_seats);
    json_str_or_null(b, an->rule_text);
    if (an->game)
        psi_buf_printf(b, ", \"quota\": %lld, \"base\": %lld", (long long)an->quota,
                       (long long)an->base);
    else
        psi_buf_puts(b, ", \"quota\": null, \"base\": null");
    psi_buf_puts(b, ", \"game_error\": ");
    json_str_or_null(b, an->game_error);
    psi_buf_puts(b, ", \"power_error\": ");
    json_str_or_null(b, an->power_error);
    psi_buf_puts(b, ", \"power_note\": ");
    json_str_or_null(b, an->power ? an->power->note : NULL);
    psi_buf_printf(b, ", \"minimal_winning\": {\"counted\": %s, \"count\": %llu, "
                      "\"with_condition\": ",
                   an->mwc_counted ? "true" : "false", (unsigned long long)an->n_mwc);
    if (an->n_condition)
        psi_buf_printf(b, "%llu", (unsigned long long)an->n_mwc_condition);
    else
        psi_buf_puts(b, "null");
    psi_buf_printf(b, ", \"listed_up_to_lists\": %zu, \"listed\": %zu}", an->max_lists,
                   an->n_listed);
    psi_buf_printf(b, ", \"condition\": {\"possible\": %s, \"missing\": ",
                   an->condition_possible ? "true" : "false");
    json_str_or_null(b, an->condition_missing);
    psi_buf_puts(b, "}}");
}

static void json_rows(psi_buf *b, const ps_diff_row *rows, size_t n, bool community)
{
    psi_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        const ps_diff_row *r = &rows[i];
        bool pb = community || r->before >= 0, pa = community || r->after >= 0;
        psi_buf_printf(b, "%s\n      {\"id\": ", i ? "," : "");
        psi_buf_json_string(b, r->id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, r->name);
        psi_buf_puts(b, ", \"seats\": {\"before\": ");
        if (pb)
            psi_buf_printf(b, "%lld", (long long)r->seats[0]);
        else
            psi_buf_puts(b, "null");
        psi_buf_puts(b, ", \"after\": ");
        if (pa)
            psi_buf_printf(b, "%lld", (long long)r->seats[1]);
        else
            psi_buf_puts(b, "null");
        const char *names[2] = {"banzhaf", "shapley_shubik"};
        const ps_fraction *f[2] = {r->banzhaf, r->shapley};
        for (int k = 0; k < 2; k++) {
            psi_buf_printf(b, "}, \"%s\": {\"before\": ", names[k]);
            json_fraction(b, &f[k][0], pb);
            psi_buf_puts(b, ", \"after\": ");
            json_fraction(b, &f[k][1], pa);
            if (!isnan(f[k][0].value) && !isnan(f[k][1].value))
                psi_buf_printf(b, ", \"change\": %.17g", f[k][1].value - f[k][0].value);
            else
                psi_buf_puts(b, ", \"change\": null");
        }
        psi_buf_puts(b, "}}");
    }
    psi_buf_puts(b, n ? "\n    ]" : "]");
}

static void json_coalitions(psi_buf *b, const ps_scenario_coalition *c, size_t n,
                            const ps_legislature *leg)
{
    psi_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        psi_buf_printf(b, "%s\n      {\"members\": [", i ? "," : "");
        for (size_t k = 0; k < c[i].n; k++) {
            if (k)
                psi_buf_puts(b, ", ");
            psi_buf_json_string(b, leg->parties[c[i].members[k]].id);
        }
        psi_buf_printf(b, "], \"seats\": %lld}", (long long)c[i].seats);
    }
    psi_buf_puts(b, n ? "\n    ]" : "]");
}

void whatif_json(psi_buf *b, const ps_scenario *sc, const ps_analysis *before,
                          const ps_analysis *after, const ps_scenario_diff *d)
{
    psi_buf_puts(b, "{\n    \"name\": ");
    psi_buf_json_string(b, sc->name);
    psi_buf_puts(b, ",\n    \"notes\": ");
    json_str_or_null(b, sc->notes);
    psi_buf_puts(b, ",\n    \"steps\": [");
    for (size_t k = 0; k < sc->n_steps; k++) {
        char *t = NULL;
        if (ps_step_describe(&t, &sc->steps[k]) < 0) {
            b->failed = 1;
            return;
        }
        psi_buf_printf(b, "%s{\"kind\": \"%s\", \"text\": ", k ? ", " : "",
                       ps_step_kind_name(sc->steps[k].kind));
        psi_buf_json_string(b, t);
        psi_buf_puts(b, "}");
        ps_free(t);
    }
    psi_buf_puts(b, "],\n    \"before\": ");
    json_analysis(b, before);
    psi_buf_puts(b, ",\n    \"after\": ");
    json_analysis(b, after);
    psi_buf_puts(b, ",\n    \"parties\": ");
    json_rows(b, d->parties, d->n_parties, false);
    psi_buf_puts(b, ",\n    \"communities\": ");
    json_rows(b, d->communities, d->n_communities, true);
    size_t k = before->max_lists < after->max_lists ? before->max_lists : after->max_lists;
    psi_buf_printf(b, ",\n    \"coalitions\": {\"max_lists\": %zu, \"complete\": %s,\n"
                      "    \"appeared\": ",
                   k, d->coalitions_complete ? "true" : "false");
    json_coalitions(b, d->appeared, d->n_appeared, after->leg);
    psi_buf_puts(b, ",\n    \"disappeared\": ");
    json_coalitions(b, d->disappeared, d->n_disappeared, before->leg);
    psi_buf_puts(b, "}\n  }");
}

