/*
 * cmd_seats_plurality.c - `powershare seats --method sntv|block-vote|
 * limited-vote`: candidate votes to the winners of each district and the
 * seats of each party (powershare/plurality.h).
 *
 * The magnitudes come from the table's seats column, --district-seats FILE
 * (district,seats) or --seats N (a table of one district). The count is
 * done once; text, JSON and the two CSV tables (candidates, parties) print
 * that one result, candidates and parties in the file's order as the rest
 * of `seats` keeps them. A tie broken by --ties first or random is said in
 * the text, and on standard error for the other formats.
 */
#include <stdio.h>
#include <string.h>

#include "cmd_seats.h"

typedef struct plurality_report {
    const seats_args *a;
    const ps_candidate_votes *cv;
    const ps_plurality_result *res;
} plurality_report;

/* ---- CSV ------------------------------------------------------------------ */

static void csv_candidates(psi_buf *b, const void *result)
{
    const plurality_report *r = result;
    psi_buf_puts(b, "district,candidate,party,votes,rank,elected\n");
    for (size_t i = 0; i < r->cv->n_candidates; i++) {
        if (r->cv->has_district_column)
            psi_buf_csv_field(b, r->cv->districts[r->cv->district[i]]);
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, r->cv->candidates[i]);
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, r->cv->parties[r->cv->party[i]]);
        psi_buf_printf(b, ",%lld,%lld,%s\n", (long long)r->cv->votes[i],
                       (long long)r->res->rank[i], r->res->elected[i] ? "true" : "false");
    }
}

static void csv_parties(psi_buf *b, const void *result)
{
    const plurality_report *r = result;
    psi_buf_puts(b, "party,candidates,votes,seats\n");
    for (size_t p = 0; p < r->cv->n_parties; p++) {
        psi_buf_csv_field(b, r->cv->parties[p]);
        psi_buf_printf(b, ",%lld,%lld,%lld\n", (long long)r->res->party_candidates[p],
                       (long long)r->res->party_votes[p], (long long)r->res->party_seats[p]);
    }
}

static const cli_csv_table plurality_tables[] = {
    {"candidates", csv_candidates},
    {"parties", csv_parties},
};
enum { PLURALITY_TABLES = sizeof plurality_tables / sizeof plurality_tables[0] };

/* ---- JSON ----------------------------------------------------------------- */

static void json_report(psi_buf *b, const plurality_report *r)
{
    const ps_candidate_votes *cv = r->cv;
    const ps_plurality_result *res = r->res;
    psi_buf_puts(b, "{\n  \"method\": ");
    psi_buf_json_string(b, ps_plurality_method_name(res->method));
    psi_buf_puts(b, ",\n  \"ballot\": ");
    psi_buf_json_string(b, ps_plurality_ballot(res->method));
    psi_buf_printf(b, ",\n  \"seats\": %lld,\n  \"votes_total\": %lld,\n  \"districts\": [",
                   (long long)res->seats, (long long)res->votes);
    for (size_t d = 0; d < res->n_districts; d++) {
        const ps_plurality_district *pd = &res->district[d];
        psi_buf_printf(b, "%s\n    {\"district\": ", d ? "," : "");
        if (cv->has_district_column)
            psi_buf_json_string(b, cv->districts[d]);
        else
            psi_buf_puts(b, "null");
        psi_buf_printf(b, ", \"seats\": %lld, \"votes_total\": %lld, \"candidates\": [",
                       (long long)pd->seats, (long long)pd->votes);
        size_t k = 0;
        for (size_t i = 0; i < cv->n_candidates; i++) {
            if (cv->district[i] != d)
                continue;
            psi_buf_printf(b, "%s\n      {\"candidate\": ", k++ ? "," : "");
            psi_buf_json_string(b, cv->candidates[i]);
            psi_buf_puts(b, ", \"party\": ");
            psi_buf_json_string(b, cv->parties[cv->party[i]]);
            psi_buf_printf(b, ", \"votes\": %lld, \"rank\": %lld, \"elected\": %s}",
                           (long long)cv->votes[i], (long long)res->rank[i],
                           res->elected[i] ? "true" : "false");
        }
        psi_buf_puts(b, "\n    ], \"tie\": ");
        json_tie(b, pd->tie, cv->candidates);
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "\n  ],\n  \"parties\": [");
    for (size_t p = 0; p < cv->n_parties; p++) {
        psi_buf_printf(b, "%s\n    {\"party\": ", p ? "," : "");
        psi_buf_json_string(b, cv->parties[p]);
        psi_buf_printf(b, ", \"candidates\": %lld, \"votes\": %lld, \"seats\": %lld}",
                       (long long)res->party_candidates[p], (long long)res->party_votes[p],
                       (long long)res->party_seats[p]);
    }
    psi_buf_puts(b, "\n  ]\n}\n");
}

/* ---- text ----------------------------------------------------------------- */

static size_t widest(char *const *names, size_t n, size_t min)
{
    for (size_t i = 0; i < n; i++) {
        size_t w = cli_name_width(names[i]);
        if (w > min)
            min = w;
    }
    return min;
}

static void pad_number(psi_buf *b, int64_t value, size_t width)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)value);
    cli_pad(b, num, width, true);
}

/* One district's candidates: candidate, party, votes, rank, elected. */
static bool district_table(psi_buf *b, const plurality_report *r, size_t d, size_t wc,
                           size_t wp)
{
    const ps_candidate_votes *cv = r->cv;
    bool shortened = false;
    cli_pad(b, "candidate", wc, false);
    psi_buf_puts(b, "  ");
    cli_pad(b, "party", wp, false);
    psi_buf_puts(b, "         votes  rank  elected\n");
    for (size_t i = 0; i < cv->n_candidates; i++) {
        if (cv->district[i] != d)
            continue;
        shortened |= cli_pad_name(b, cv->candidates[i], wc, false);
        psi_buf_puts(b, "  ");
        shortened |= cli_pad_name(b, cv->parties[cv->party[i]], wp, false);
        psi_buf_puts(b, " ");
        pad_number(b, cv->votes[i], 13);
        psi_buf_puts(b, " ");
        pad_number(b, r->res->rank[i], 5);
        psi_buf_puts(b, r->res->elected[i] ? "  yes\n" : "\n");
    }
    return shortened;
}

static bool party_table(psi_buf *b, const plurality_report *r)
{
    const ps_candidate_votes *cv = r->cv;
    const ps_plurality_result *res = r->res;
    bool shortened = false;
    size_t w = widest(cv->parties, cv->n_parties, 5);
    int64_t standing = 0;
    cli_pad(b, "party", w, false);
    psi_buf_puts(b, "  candidates         votes  seats\n");
    for (size_t p = 0; p < cv->n_parties; p++) {
        shortened |= cli_pad_name(b, cv->parties[p], w, false);
        psi_buf_puts(b, " ");
        pad_number(b, res->party_candidates[p], 11);
        psi_buf_puts(b, " ");
        pad_number(b, res->party_votes[p], 13);
        psi_buf_puts(b, " ");
        pad_number(b, res->party_seats[p], 6);
        psi_buf_puts(b, "\n");
        standing += res->party_candidates[p];
    }
    cli_pad(b, "total", w, false);
    psi_buf_puts(b, " ");
    pad_number(b, standing, 11);
    psi_buf_puts(b, " ");
    pad_number(b, res->votes, 13);
    psi_buf_puts(b, " ");
    pad_number(b, res->seats, 6);
    psi_buf_puts(b, "\n");
    return shortened;
}

static void text_report(psi_buf *b, const plurality_report *r)
{
    const ps_candidate_votes *cv = r->cv;
    const ps_plurality_result *res = r->res;
    bool shortened = false;
    size_t wc = widest(cv->candidates, cv->n_candidates, 9);
    size_t wp = widest(cv->parties, cv->n_parties, 5);
    psi_buf_printf(b, "%s (each voter casts %s), %lld seat%s", ps_plurality_method_name(res->method),
                   ps_plurality_ballot(res->method), (long long)res->seats,
                   res->seats == 1 ? "" : "s");
    if (cv->has_district_column)
        psi_buf_printf(b, " in %zu district%s", res->n_districts,
                       res->n_districts == 1 ? "" : "s");
    psi_buf_puts(b, "; the candidates with the most votes win\n");
    for (size_t d = 0; d < res->n_districts; d++) {
        psi_buf_puts(b, "\n");
        if (cv->has_district_column)
            psi_buf_printf(b, "%s: %lld seat%s\n", cv->districts[d],
                           (long long)res->district[d].seats,
                           res->district[d].seats == 1 ? "" : "s");
        shortened |= district_table(b, r, d, wc, wp);
        describe_tie(b, res->district[d].tie, cv->candidates, r->a);
    }
    psi_buf_puts(b, "\nSeats by party\n");
    shortened |= party_table(b, r);
    cli_names_note(b, shortened);
}

/* ---- the run -------------------------------------------------------------- */

/* The magnitudes: --seats N, --district-seats FILE, or the seats column. */
static int set_magnitudes(const seats_args *a, ps_candidate_votes *cv)
{
    ps_error err;
    const char *name = ps_file_display_name(a->input);
    if (a->seats_given && a->district_seats_path)
        return cli_usage_error("seats", "give --seats or --district-seats, not both");
    if (a->seats_given) {
        if (cv->has_district_column)
            return cli_usage_error("seats", "%s has a district column: give each district's "
                                            "seats with --district-seats FILE or a seats column",
                                   name);
        if (cv->seats[0] >= 0)
            return cli_usage_error("seats", "%s gives its seats in a seats column; leave out "
                                            "--seats", name);
        if (ps_candidate_votes_set_seats(cv, a->opt.seats, &err) < 0) {
            if (err.code == PS_EINVAL)
                return cli_usage_error("seats", "--seats must be at least 1");
            snprintf(err.file, sizeof err.file, "%s", name);
            return cli_fail(&err);
        }
        return 0;
    }
    if (a->district_seats_path) {
        if (ps_candidate_votes_load_seats(cv, a->district_seats_path, &err) < 0) {
            if (err.code == PS_EINVAL)
                return cli_usage_error("seats", "--district-seats: %s", err.message);
            return cli_fail(&err);
        }
        return 0;
    }
    for (size_t d = 0; d < cv->n_districts; d++)
        if (cv->seats[d] < 0) {
            if (!cv->has_district_column)
                return cli_usage_error("seats", "--seats N is required (or a seats column in "
                                                "%s)", name);
            return cli_usage_error("seats", "district '%s' of %s has no seats: add a seats "
                                            "column or --district-seats FILE",
                                   cv->districts[d], name);
        }
    return 0;
}

int run_plurality(const seats_args *a, psi_buf *b)
{
    ps_error err;
    ps_candidate_votes *cv = NULL;
    ps_plurality_result *res = NULL;
    long table = 0;
    if (a->format == FORMAT_CSV &&
        (table = cli_csv_find("seats", plurality_tables, PLURALITY_TABLES, a->table)) < 0)
        return EXIT_USAGE;
    if (ps_candidate_votes_load(&cv, a->input, &err) < 0)
        return cli_fail(&err);
    int status = set_magnitudes(a, cv);
    if (status != EXIT_OK)
        goto done;
    ps_plurality_options opt;
    ps_plurality_options_init(&opt);
    opt.method = a->plurality_method;
    opt.ties = a->opt.ties;
    opt.seed = a->opt.seed;
    if (ps_plurality_count(&res, cv, &opt, &err) < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", ps_file_display_name(a->input));
        status = cli_fail(&err);
        goto done;
    }
    plurality_report report = {.a = a, .cv = cv, .res = res};
    if (a->format == FORMAT_CSV)
        plurality_tables[table].print(b, &report);
    else if (a->format == FORMAT_JSON)
        json_report(b, &report);
    else
        text_report(b, &report);
    if (a->format != FORMAT_TEXT)
        for (size_t d = 0; d < res->n_districts; d++)
            if (res->district[d].tie) {
                psi_buf note;
                psi_buf_init(&note);
                describe_tie(&note, res->district[d].tie, cv->candidates, a);
                if (note.data)
                    fprintf(stderr, "powershare: note: %s%s%s", cv->has_district_column ? cv->districts[d] : "",
                            cv->has_district_column ? ": " : "", note.data);
                psi_buf_free(&note);
            }
done:
    ps_plurality_result_free(res);
    ps_candidate_votes_free(cv);
    return status;
}
