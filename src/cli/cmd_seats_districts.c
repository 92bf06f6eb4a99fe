/*
 * cmd_seats_districts.c - `powershare seats` on a votes table with districts.
 *
 * Each district has its own seat count (--district-seats FILE). Without
 * --biproportional every district is apportioned on its own with the same
 * method and threshold (as in Norway's county seats); with it the seats are
 * apportioned biproportionally over all districts (as in Zurich or Uri),
 * with --winner-take-one as in Grisons or Schaffhausen.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_seats.h"

/* seats[d] for each district of v, in v's order, from the district file. */
static int match_districts(const seats_args *a, const ps_votes *v, const ps_district_seats *ds,
                           int64_t *seats)
{
    for (size_t d = 0; d < v->n_districts; d++) {
        size_t k = 0;
        while (k < ds->n && strcmp(ds->districts[k], v->districts[d]))
            k++;
        if (k == ds->n) {
            fprintf(stderr, "powershare: %s: district '%s' of %s has no seat count there\n",
                    ps_file_display_name(a->district_seats_path), v->districts[d],
                    ps_file_display_name(a->input));
            return EXIT_BAD_DATA;
        }
        seats[d] = ds->seats[k];
    }
    for (size_t k = 0; k < ds->n; k++) {
        size_t d = 0;
        while (d < v->n_districts && strcmp(ds->districts[k], v->districts[d]))
            d++;
        if (d == v->n_districts) {
            fprintf(stderr, "powershare: %s: district '%s' has no votes in %s\n",
                    ps_file_display_name(a->district_seats_path), ds->districts[k],
                    ps_file_display_name(a->input));
            return EXIT_BAD_DATA;
        }
    }
    return EXIT_OK;
}

static void text_matrix(psi_buf *b, const ps_votes *v, const int64_t *seats,
                        const int64_t *district_seats)
{
    size_t nd = v->n_districts, w = 5;
    bool shortened = false;
    for (size_t p = 0; p < v->n_parties; p++)
        if (cli_name_width(v->parties[p]) > w)
            w = cli_name_width(v->parties[p]);
    char num[32];
    cli_pad(b, "party", w, false);
    for (size_t d = 0; d < nd; d++) {
        psi_buf_puts(b, "  ");
        cli_pad(b, v->districts[d], cli_display_width(v->districts[d]) < 5 ? 5 : 0, true);
    }
    psi_buf_puts(b, "  total\n");
    for (size_t p = 0; p <= v->n_parties; p++) {
        int64_t sum = 0;
        shortened |= cli_pad_name(b, p < v->n_parties ? v->parties[p] : "total", w, false);
        for (size_t d = 0; d < nd; d++) {
            int64_t s = p < v->n_parties ? seats[p * nd + d] : district_seats[d];
            size_t dw = cli_display_width(v->districts[d]);
            sum += s;
            snprintf(num, sizeof num, "%lld", (long long)s);
            psi_buf_puts(b, "  ");
            cli_pad(b, num, dw < 5 ? 5 : dw, true);
        }
        snprintf(num, sizeof num, "%lld", (long long)sum);
        psi_buf_puts(b, "  ");
        cli_pad(b, num, 5, true);
        psi_buf_puts(b, "\n");
    }
    cli_names_note(b, shortened);
}

static void csv_rows(psi_buf *b, const seats_args *a, const ps_votes *v, const int64_t *seats)
{
    size_t nd = v->n_districts;
    psi_buf_puts(b, "party,district,votes,seats");
    csv_exempt_header(b, a);
    psi_buf_puts(b, "\n");
    for (size_t p = 0; p < v->n_parties; p++)
        for (size_t d = 0; d < nd; d++) {
            psi_buf_csv_field(b, v->parties[p]);
            psi_buf_puts(b, ",");
            psi_buf_csv_field(b, v->districts[d]);
            psi_buf_printf(b, ",%lld,%lld", (long long)v->votes[p * nd + d],
                           (long long)seats[p * nd + d]);
            csv_exempt_cell(b, a, p);
            psi_buf_puts(b, "\n");
        }
}

static const char *wto_name(ps_winner_take_one rule)
{
    return rule == PS_WTO_EVERY ? "every" : rule == PS_WTO_SINGLE_SEAT ? "single-seat" : NULL;
}

/* The variant's lines of the text output: lower method, winner-take-one and
 * the districts where it could not apply. */
static void text_variant(psi_buf *b, const seats_args *a, const ps_votes *v,
                         const ps_biproportion *bp)
{
    if (a->bopt.lower_method_given)
        psi_buf_printf(b, "Lower apportionment by %s.\n", ps_method_name(a->bopt.lower_method));
    if (a->bopt.winner_take_one == PS_WTO_NONE)
        return;
    psi_buf_printf(b, "Winner-take-one: the list with the most votes in %s gets at least "
                      "one seat there.\n",
                   a->bopt.winner_take_one == PS_WTO_EVERY ? "each district"
                                                           : "each district of one seat");
    for (size_t i = 0; i < bp->n_unguaranteed; i++)
        psi_buf_printf(b, "Winner-take-one does not apply in %s: more lists tie for the most "
                          "votes than it has seats.\n",
                       v->districts[bp->unguaranteed[i]]);
}

static void json_districts(psi_buf *b, const seats_args *a, const ps_votes *v,
                           const int64_t *seats, const int64_t *district_seats,
                           const int64_t *party_seats, const ps_biproportion *bp)
{
    size_t nd = v->n_districts, np = v->n_parties;
    int64_t total = 0, *col_votes = NULL, *col_seats = NULL, *party_votes = NULL;
    for (size_t d = 0; d < nd; d++)
        total += district_seats[d];
    json_header(b, a, total);
    psi_buf_printf(b, "  \"biproportional\": %s,\n", a->biproportional ? "true" : "false");
    if (bp) {
        psi_buf_printf(b, "  \"rounds\": %d,\n", bp->rounds);
        psi_buf_puts(b, "  \"lower_method\": ");
        psi_buf_json_string(b, ps_method_name(a->bopt.lower_method_given ? a->bopt.lower_method
                                                                          : a->opt.method));
        psi_buf_puts(b, ",\n  \"winner_take_one\": ");
        if (wto_name(a->bopt.winner_take_one))
            psi_buf_json_string(b, wto_name(a->bopt.winner_take_one));
        else
            psi_buf_puts(b, "null");
        psi_buf_puts(b, ",\n  \"district_threshold\": ");
        if (a->bopt.district_threshold.den) {
            psi_buf_printf(b, "\"%lld/%lld\"", (long long)a->bopt.district_threshold.num,
                           (long long)a->bopt.district_threshold.den);
        } else {
            psi_buf_puts(b, "null");
        }
        psi_buf_puts(b, ",\n  \"winner_take_one_not_applied\": [");
        for (size_t i = 0; i < bp->n_unguaranteed; i++) {
            psi_buf_puts(b, i ? ", " : "");
            psi_buf_json_string(b, v->districts[bp->unguaranteed[i]]);
        }
        psi_buf_puts(b, "],\n");
    }
    psi_buf_puts(b, "  \"districts\": [");
    col_votes = calloc(np ? np : 1, sizeof *col_votes);
    col_seats = calloc(np ? np : 1, sizeof *col_seats);
    party_votes = calloc(np ? np : 1, sizeof *party_votes);
    if (!col_votes || !col_seats || !party_votes) {
        b->failed = 1;
        goto done;
    }
    for (size_t d = 0; d < nd; d++) {
        for (size_t p = 0; p < np; p++) {
            col_votes[p] = v->votes[p * nd + d];
            col_seats[p] = seats[p * nd + d];
        }
        psi_buf_printf(b, "%s\n    {\"district\": ", d ? "," : "");
        psi_buf_json_string(b, v->districts[d]);
        psi_buf_printf(b, ", \"seats\": %lld, \"parties\": ", (long long)district_seats[d]);
        json_party_rows(b, a, v->parties, np, col_votes, col_seats, NULL, "    ");
        psi_buf_puts(b, "}");
    }
    for (size_t p = 0; p < np; p++)
        for (size_t d = 0; d < nd; d++)
            party_votes[p] += v->votes[p * nd + d];
    psi_buf_puts(b, "\n  ],\n  \"totals\": ");
    json_party_rows(b, a, v->parties, np, party_votes, party_seats, NULL, "  ");
    psi_buf_puts(b, "\n}\n");
done:
    free(col_votes);
    free(col_seats);
    free(party_votes);
}

static int run_biproportional(const seats_args *a, const ps_votes *v, ps_apportion_options *opt,
                              const int64_t *district_seats, psi_buf *b)
{
    ps_error err;
    ps_biproportion *bp = NULL;
    size_t nd = v->n_districts;
    if (ps_apportion_biproportional_with(&bp, v->votes, v->n_parties, nd, district_seats, opt,
                                         &a->bopt, &err) < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", ps_file_display_name(a->input));
        return cli_fail(&err);
    }
    int64_t total = 0;
    for (size_t d = 0; d < nd; d++)
        total += district_seats[d];
    switch (a->format) {
    case FORMAT_TEXT:
        psi_buf_puts(b, "Biproportional apportionment: ");
        describe_rule(b, a, total);
        psi_buf_printf(b, "Upper apportionment on votes / district seats; lower apportionment "
                          "by alternate scaling (%d round%s).\n",
                       bp->rounds, bp->rounds == 1 ? "" : "s");
        text_variant(b, a, v, bp);
        psi_buf_puts(b, "\n");
        text_matrix(b, v, bp->seats, district_seats);
        describe_tie(b, bp->tie, v->parties, a);
        if (bp->lower_tied)
            psi_buf_puts(b, "Tie: the lower apportionment depends on a tie (equal quotients at "
                            "the final divisors); another matrix meets both totals too. This "
                            "is the one --ties first gives.\n");
        break;
    case FORMAT_CSV: csv_rows(b, a, v, bp->seats); break;
    case FORMAT_JSON:
        json_districts(b, a, v, bp->seats, district_seats, bp->party_seats, bp);
        break;
    }
    for (size_t i = 0; a->format == FORMAT_CSV && i < bp->n_unguaranteed; i++)
        fprintf(stderr, "powershare: note: winner-take-one does not apply in %s: more lists "
                        "tie for the most votes than it has seats\n",
                v->districts[bp->unguaranteed[i]]);
    if (bp->lower_tied && a->format != FORMAT_TEXT)
        fprintf(stderr, "powershare: note: the lower apportionment depends on a tie; another "
                        "matrix meets both totals too (--ties first gave this one)\n");
    ps_biproportion_free(bp);
    return EXIT_OK;
}

/* Each district on its own. */
static int run_separately(const seats_args *a, const ps_votes *v, ps_apportion_options *opt,
                          const int64_t *district_seats, psi_buf *b)
{
    size_t nd = v->n_districts, np = v->n_parties;
    int status = EXIT_OK;
    int64_t *seats = calloc(np * nd, sizeof *seats);
    int64_t *col = calloc(np, sizeof *col);
    int64_t *totals = calloc(np, sizeof *totals);
    psi_buf text;
    psi_buf_init(&text);
    if (!seats || !col || !totals) {
        b->failed = 1;
        goto done;
    }
    for (size_t d = 0; d < nd; d++) {
        ps_error err;
        ps_apportionment *res = NULL;
        for (size_t p = 0; p < np; p++)
            col[p] = v->votes[p * nd + d];
        opt->seats = district_seats[d];
        if (ps_apportion(&res, col, np, opt, &err) < 0) {
            if (!err.file[0])
                snprintf(err.file, sizeof err.file, "%s", ps_file_display_name(a->input));
            size_t len = strlen(err.message);
            snprintf(err.message + len, sizeof err.message - len, " (district '%s')",
                     v->districts[d]);
            status = cli_fail(&err);
            goto done;
        }
        for (size_t p = 0; p < np; p++) {
            seats[p * nd + d] = res->seats[p];
            totals[p] += res->seats[p];
        }
        if (a->format == FORMAT_TEXT) {
            psi_buf_printf(&text, "%s%s: ", d ? "\n" : "", v->districts[d]);
            describe_rule(&text, a, opt->seats);
            /* a shortened name is noted once, under the matrix of all districts */
            (void)text_table(&text, a, v->parties, np, col, res->seats, res->eligible,
                             res->votes_total);
            describe_tie(&text, res->tie, v->parties, a);
        } else if (res->tie) {
            psi_buf note;
            psi_buf_init(&note);
            describe_tie(&note, res->tie, v->parties, a);
            if (note.data)
                fprintf(stderr, "powershare: note: district '%s': %s", v->districts[d], note.data);
            psi_buf_free(&note);
        }
        ps_apportionment_free(res);
    }
    switch (a->format) {
    case FORMAT_TEXT:
        psi_buf_append(b, text.data ? text.data : "", text.len);
        psi_buf_puts(b, "\nSeats by district:\n");
        text_matrix(b, v, seats, district_seats);
        break;
    case FORMAT_CSV: csv_rows(b, a, v, seats); break;
    case FORMAT_JSON: json_districts(b, a, v, seats, district_seats, totals, NULL); break;
    }
done:
    psi_buf_free(&text);
    free(seats);
    free(col);
    free(totals);
    return status;
}

int run_districts(const seats_args *a, const ps_votes *v, ps_apportion_options *opt, psi_buf *b)
{
    ps_error err;
    ps_district_seats *ds = NULL;
    if (!a->district_seats_path)
        return cli_usage_error("seats", "%s has a district column: give each district's seats "
                                        "with --district-seats FILE",
                               ps_file_display_name(a->input));
    if (ps_district_seats_load(&ds, a->district_seats_path, &err) < 0)
        return cli_fail(&err);
    int64_t *district_seats = calloc(v->n_districts, sizeof *district_seats);
    int status;
    if (!district_seats) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    status = match_districts(a, v, ds, district_seats);
    if (status)
        goto done;
    if (a->seats_given) {
        int64_t total = 0;
        for (size_t d = 0; d < v->n_districts; d++)
            total += district_seats[d];
        if (total != opt->seats) {
            status = cli_usage_error("seats", "--seats %lld disagrees with the %lld seats of %s",
                                     (long long)opt->seats, (long long)total,
                                     ps_file_display_name(a->district_seats_path));
            goto done;
        }
    }
    status = a->biproportional ? run_biproportional(a, v, opt, district_seats, b)
                               : run_separately(a, v, opt, district_seats, b);
done:
    free(district_seats);
    ps_district_seats_free(ds);
    return status;
}
