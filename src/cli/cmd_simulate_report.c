/*
 * cmd_simulate_report.c - the report of `powershare simulate`: parties
 * (poll share, probability of seats, seat quantiles and mean, Banzhaf
 * power), coalitions (probability of a majority, and of a majority with no
 * smaller winning sub-coalition), and the power-sharing condition, each
 * probability with its Monte Carlo standard error; as text (an error below
 * 0.00005 in scientific notation, not 0.0000), CSV or JSON. In text, a
 * party name longer than CLI_NAME_MAX columns is shortened (cli_pad_name,
 * in the coalitions' labels too, with the note at the end); CSV and JSON
 * keep it whole.
 *
 * Nothing here depends on threads, ranks or timing, so a seed always gives
 * the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_simulate.h"

typedef struct coal {
    uint64_t mask;
    ps_sim_estimate win, minimal;
} coal;

static int by_probability(const void *x, const void *y)
{
    const coal *a = x, *b = y;
    if (a->minimal.p != b->minimal.p)
        return a->minimal.p < b->minimal.p ? 1 : -1;
    if (a->win.p != b->win.p)
        return a->win.p < b->win.p ? 1 : -1;
    return (a->mask > b->mask) - (a->mask < b->mask);
}

/* The coalitions to show: those asked, or every minimal winning one that
 * occurred, most likely first. */
static coal *coalitions(const sim_report *r, size_t *n)
{
    const ps_sim_counts *c = r->c;
    uint64_t N = c->draws[0];
    size_t C = (size_t)1 << c->m, k = 0;
    coal *list = malloc((r->masks ? r->n_masks : C) * sizeof *list + 1);
    if (!list)
        return NULL;
    if (r->masks) {
        for (size_t i = 0; i < r->n_masks; i++)
            list[k++] = (coal){r->masks[i], ps_sim_estimate_of(c->win[r->masks[i]], N),
                               ps_sim_estimate_of(c->minimal[r->masks[i]], N)};
    } else {
        for (size_t mask = 1; mask < C; mask++)
            if (c->minimal[mask])
                list[k++] = (coal){mask, ps_sim_estimate_of(c->win[mask], N),
                                   ps_sim_estimate_of(c->minimal[mask], N)};
        qsort(list, k, sizeof *list, by_probability);
    }
    *n = k;
    return list;
}

static const char *party_name(const sim_report *r, size_t j)
{
    return r->polls->parties[r->c->party[j]];
}

/* "A+B+C"; with `shorten` (text tables), each name longer than
 * CLI_NAME_MAX columns is shortened, and the result says whether one was. */
static bool label(psi_buf *b, const sim_report *r, uint64_t mask, bool shorten)
{
    bool first = true, shortened = false;
    for (size_t j = 0; j < r->c->m; j++) {
        if (!((mask >> j) & 1))
            continue;
        psi_buf_puts(b, first ? "" : "+");
        if (shorten)
            shortened |= cli_pad_name(b, party_name(r, j), 0, false);
        else
            psi_buf_puts(b, party_name(r, j));
        first = false;
    }
    return shortened;
}

static void describe_threshold(psi_buf *b, const ps_apportion_options *o)
{
    if (o->threshold == PS_THRESHOLD_QUOTA)
        psi_buf_puts(b, "one full quota of the valid votes");
    else if (o->threshold == PS_THRESHOLD_SHARE)
        psi_buf_printf(b, "%.6g%% of the valid votes",
                       100.0 * (double)o->threshold_share.num / (double)o->threshold_share.den);
    else
        psi_buf_puts(b, "none");
}

/* ---- text ------------------------------------------------------------------- */

/* A standard error in a column `width` wide: four decimals, or, when that
 * would show a non-zero error as 0.0000, two significant digits in
 * scientific notation (3.2e-05). */
static void put_se(psi_buf *b, int width, double se)
{
    if (se > 0.0 && se < 0.00005)
        psi_buf_printf(b, "%*.1e", width, se);
    else
        psi_buf_printf(b, "%*.4f", width, se);
}

static void text(psi_buf *b, const sim_report *r, const coal *list, size_t nc)
{
    const ps_sim_counts *c = r->c;
    const ps_polls *p = r->polls;
    uint64_t N = c->draws[0];
    size_t w = 5;
    bool shortened = false;
    for (size_t i = 0; i < p->n_parties; i++) {
        size_t len = cli_name_width(p->parties[i]);
        w = len > w ? len : w;
    }
    psi_buf_printf(b, "Simulated elections: %llu draws, seed %llu\n", (unsigned long long)N,
                   (unsigned long long)r->a->seed);
    psi_buf_printf(b, "Polls: %zu pooled, %lld respondents; shares ~ Dirichlet(respondents x "
                      "share + 1/2)\n", r->n_used, (long long)r->n_eff);
    psi_buf_printf(b, "Chamber: %s, %lld seats; threshold: ", ps_method_name(r->rules->method),
                   (long long)r->rules->seats);
    describe_threshold(b, r->rules);
    psi_buf_printf(b, "; majority: %lld seats\n", (long long)ps_sim_majority(c));
    if (r->law)
        psi_buf_printf(b, "Law: %s, %s (%s), applied to every draw\n", r->law->chamber,
                       r->law->law, r->law->id);
    psi_buf_puts(b, "Probabilities with their Monte Carlo standard errors (se).\n\n");

    cli_pad(b, "party", w, false);
    psi_buf_puts(b, "    poll  P(seats)      se   5%  50%  95%    mean");
    if (c->bz_sum)
        psi_buf_puts(b, "  Banzhaf      se");
    psi_buf_puts(b, "\n");
    for (size_t i = 0, j = 0; i < p->n_parties; i++) {
        shortened |= cli_pad_name(b, p->parties[i], w, false);
        psi_buf_printf(b, " %6.2f%%", 100.0 * r->pooled[i]);
        if (r->others[i]) {
            psi_buf_puts(b, "  (not a party: no seats)\n");
            continue;
        }
        ps_sim_estimate e = ps_sim_estimate_of(c->entered[j], N);
        psi_buf_printf(b, "  %8.4f ", e.p);
        put_se(b, 7, e.se);
        psi_buf_printf(b, " %4lld %4lld %4lld %7.2f", (long long)ps_sim_seat_quantile(c, j, 0.05),
                       (long long)ps_sim_seat_quantile(c, j, 0.5),
                       (long long)ps_sim_seat_quantile(c, j, 0.95), ps_sim_seat_mean(c, j));
        if (c->bz_sum) {
            double m, se;
            ps_sim_banzhaf(&m, &se, c, j);
            psi_buf_printf(b, "  %7.4f ", m);
            put_se(b, 7, se);
        }
        psi_buf_puts(b, "\n");
        j++;
    }
    psi_buf_puts(b, "\n");
    if (nc == 0) {
        psi_buf_puts(b, "No coalition of parties reached a majority in any draw.\n");
    } else {
        size_t cw = 9;
        for (size_t k = 0; k < nc; k++) {
            psi_buf t;
            psi_buf_init(&t);
            label(&t, r, list[k].mask, true);
            size_t len = t.data ? cli_display_width(t.data) : 0;
            cw = len > cw ? len : cw;
            psi_buf_free(&t);
        }
        cli_pad(b, "coalition", cw, false);
        psi_buf_puts(b, "  P(majority)      se  P(minimal)      se\n");
        for (size_t k = 0; k < nc; k++) {
            psi_buf t;
            psi_buf_init(&t);
            shortened |= label(&t, r, list[k].mask, true);
            cli_pad(b, t.data ? t.data : "", cw, false);
            psi_buf_free(&t);
            psi_buf_printf(b, "  %11.4f ", list[k].win.p);
            put_se(b, 7, list[k].win.se);
            psi_buf_printf(b, "  %10.4f ", list[k].minimal.p);
            put_se(b, 7, list[k].minimal.se);
            psi_buf_puts(b, "\n");
        }
        psi_buf_puts(b, "P(minimal): a majority that no smaller coalition of its members has.\n");
    }
    if (r->n_communities) {
        ps_sim_estimate s0 = ps_sim_estimate_of(c->psc[0], N), s1 = ps_sim_estimate_of(c->psc[1], N);
        psi_buf_puts(b, "\nPower-sharing (a majority of the seats and of every community's seats; "
                        "communities: ");
        for (size_t k = 0; k < r->n_communities; k++)
            psi_buf_printf(b, "%s%s", k ? ", " : "", r->community[k]);
        psi_buf_puts(b, ")\n");
        psi_buf_printf(b, "  every community holds a seat               %.4f ", s0.p);
        put_se(b, 7, s0.se);
        psi_buf_printf(b, "\n  ... and a minimal winning coalition has it %.4f ", s1.p);
        put_se(b, 7, s1.se);
        psi_buf_puts(b, "\n");
    }
    psi_buf_printf(b, "\nTies for the last seat, drawn by lot: %llu draw%s.\n",
                   (unsigned long long)c->ties[0], c->ties[0] == 1 ? "" : "s");
    if (c->empty[0])
        psi_buf_printf(b, "Draws where no party passed the threshold (no seats): %llu.\n",
                       (unsigned long long)c->empty[0]);
    cli_names_note(b, shortened);
}

/* ---- CSV -------------------------------------------------------------------- */

static void csv(psi_buf *b, const sim_report *r, const coal *list, size_t nc)
{
    const ps_sim_counts *c = r->c;
    uint64_t N = c->draws[0];
    psi_buf_puts(b, "kind,name,p,se,p_minimal,se_minimal,poll_share,seats_q05,seats_q50,"
                    "seats_q95,seats_mean,banzhaf,banzhaf_se\n");
    for (size_t j = 0; j < c->m; j++) {
        ps_sim_estimate e = ps_sim_estimate_of(c->entered[j], N);
        psi_buf_puts(b, "party,");
        psi_buf_csv_field(b, party_name(r, j));
        psi_buf_printf(b, ",%.6f,%.6f,,,%.6f,%lld,%lld,%lld,%.4f,", e.p, e.se,
                       r->pooled[c->party[j]], (long long)ps_sim_seat_quantile(c, j, 0.05),
                       (long long)ps_sim_seat_quantile(c, j, 0.5),
                       (long long)ps_sim_seat_quantile(c, j, 0.95), ps_sim_seat_mean(c, j));
        if (c->bz_sum) {
            double m, se;
            ps_sim_banzhaf(&m, &se, c, j);
            psi_buf_printf(b, "%.6f,%.6f", m, se);
        } else {
            psi_buf_puts(b, ",");
        }
        psi_buf_puts(b, "\n");
    }
    for (size_t k = 0; k < nc; k++) {
        psi_buf t;
        psi_buf_init(&t);
        label(&t, r, list[k].mask, false);
        psi_buf_puts(b, "coalition,");
        psi_buf_csv_field(b, t.data ? t.data : "");
        psi_buf_free(&t);
        psi_buf_printf(b, ",%.6f,%.6f,%.6f,%.6f,,,,,,,\n", list[k].win.p, list[k].win.se,
                       list[k].minimal.p, list[k].minimal.se);
    }
    if (r->n_communities) {
        ps_sim_estimate s0 = ps_sim_estimate_of(c->psc[0], N), s1 = ps_sim_estimate_of(c->psc[1], N);
        psi_buf_printf(b, "power_sharing,every community seated,%.6f,%.6f,,,,,,,,,\n", s0.p, s0.se);
        psi_buf_printf(b, "power_sharing,minimal winning cross-community,%.6f,%.6f,,,,,,,,,\n",
                       s1.p, s1.se);
    }
}

/* ---- JSON ------------------------------------------------------------------- */

static void json(psi_buf *b, const sim_report *r, const coal *list, size_t nc)
{
    const ps_sim_counts *c = r->c;
    const ps_polls *p = r->polls;
    uint64_t N = c->draws[0];
    psi_buf_printf(b, "{\n  \"draws\": %llu,\n  \"seed\": %llu,\n  \"polls_pooled\": %zu,\n"
                      "  \"sample_size\": %lld,\n  \"method\": ",
                   (unsigned long long)N, (unsigned long long)r->a->seed, r->n_used,
                   (long long)r->n_eff);
    psi_buf_json_string(b, ps_method_name(r->rules->method));
    psi_buf_printf(b, ",\n  \"seats\": %lld,\n  \"threshold\": ", (long long)r->rules->seats);
    if (r->rules->threshold == PS_THRESHOLD_QUOTA)
        psi_buf_puts(b, "\"quota\"");
    else if (r->rules->threshold == PS_THRESHOLD_SHARE)
        psi_buf_printf(b, "\"%lld/%lld\"", (long long)r->rules->threshold_share.num,
                       (long long)r->rules->threshold_share.den);
    else
        psi_buf_puts(b, "null");
    psi_buf_printf(b, ",\n  \"majority\": %lld,\n  \"ties\": %llu,\n  \"no_seat_draws\": %llu,\n"
                      "  \"parties\": [",
                   (long long)ps_sim_majority(c), (unsigned long long)c->ties[0],
                   (unsigned long long)c->empty[0]);
    for (size_t i = 0, j = 0; i < p->n_parties; i++) {
        psi_buf_printf(b, "%s\n    {\"party\": ", i ? "," : "");
        psi_buf_json_string(b, p->parties[i]);
        psi_buf_printf(b, ", \"poll_share\": %.6f", r->pooled[i]);
        if (r->others[i]) {
            psi_buf_puts(b, ", \"others\": true}");
            continue;
        }
        ps_sim_estimate e = ps_sim_estimate_of(c->entered[j], N);
        psi_buf_printf(b, ", \"p_seats\": %.6f, \"se\": %.6f, \"seats_q05\": %lld, "
                          "\"seats_q50\": %lld, \"seats_q95\": %lld, \"seats_mean\": %.4f",
                       e.p, e.se, (long long)ps_sim_seat_quantile(c, j, 0.05),
                       (long long)ps_sim_seat_quantile(c, j, 0.5),
                       (long long)ps_sim_seat_quantile(c, j, 0.95), ps_sim_seat_mean(c, j));
        if (c->bz_sum) {
            double m, se;
            ps_sim_banzhaf(&m, &se, c, j);
            psi_buf_printf(b, ", \"banzhaf\": %.6f, \"banzhaf_se\": %.6f", m, se);
        }
        psi_buf_puts(b, "}");
        j++;
    }
    psi_buf_puts(b, "\n  ],\n  \"coalitions\": [");
    for (size_t k = 0; k < nc; k++) {
        psi_buf_printf(b, "%s\n    {\"parties\": [", k ? "," : "");
        bool first = true;
        for (size_t j = 0; j < c->m; j++) {
            if (!((list[k].mask >> j) & 1))
                continue;
            psi_buf_puts(b, first ? "" : ", ");
            psi_buf_json_string(b, party_name(r, j));
            first = false;
        }
        psi_buf_printf(b, "], \"p_majority\": %.6f, \"se\": %.6f, \"p_minimal\": %.6f, "
                          "\"se_minimal\": %.6f}",
                       list[k].win.p, list[k].win.se, list[k].minimal.p, list[k].minimal.se);
    }
    psi_buf_printf(b, "%s],\n  \"power_sharing\": ", nc ? "\n  " : "");
    if (!r->n_communities) {
        psi_buf_puts(b, "null\n}\n");
        return;
    }
    ps_sim_estimate s0 = ps_sim_estimate_of(c->psc[0], N), s1 = ps_sim_estimate_of(c->psc[1], N);
    psi_buf_puts(b, "{\"communities\": [");
    for (size_t k = 0; k < r->n_communities; k++) {
        psi_buf_puts(b, k ? ", " : "");
        psi_buf_json_string(b, r->community[k]);
    }
    psi_buf_printf(b, "], \"p_every_community_seated\": %.6f, \"se\": %.6f, "
                      "\"p_minimal_cross_community\": %.6f, \"se_minimal\": %.6f}\n}\n",
                   s0.p, s0.se, s1.p, s1.se);
}

void simulate_report(psi_buf *b, const sim_report *r)
{
    size_t nc = 0;
    coal *list = coalitions(r, &nc);
    if (!list) {
        b->failed = 1;
        return;
    }
    switch (r->a->format) {
    case FORMAT_TEXT: text(b, r, list, nc); break;
    case FORMAT_CSV: csv(b, r, list, nc); break;
    case FORMAT_JSON: json(b, r, list, nc); break;
    }
    free(list);
}
