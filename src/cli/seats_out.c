/*
 * seats_out.c - the printers of `powershare seats` that one district and
 * several share: the rule and tie sentences, the party table, and the JSON
 * pieces (header, party rows, tie), and the mark of the parties exempt from
 * the threshold (a '*' and a footnote in text, "exempt" in CSV and JSON).
 * A name longer than CLI_NAME_MAX columns is shortened in the text table
 * (cli_pad_name, with the note under it); JSON and CSV keep it whole.
 * cmd_seats.c and cmd_seats_districts.c call them; they call nothing of
 * either.
 */
#include <stdio.h>

#include "seats_out.h"

void describe_rule(psi_buf *b, const seats_args *a, int64_t seats)
{
    psi_buf_printf(b, "%s, %lld seats", ps_method_name(a->opt.method), (long long)seats);
    if (a->opt.method == PS_MODIFIED_SAINTE_LAGUE) {
        char r[64];
        ps_ratio fd = a->opt.first_divisor.den ? a->opt.first_divisor : (ps_ratio){7, 5};
        ps_ratio_format(fd, r, sizeof r);
        psi_buf_printf(b, ", first divisor %s", r);
    }
    if (a->opt.threshold == PS_THRESHOLD_QUOTA) {
        psi_buf_puts(b, "; threshold: one full quota of the valid votes");
    } else if (a->opt.threshold == PS_THRESHOLD_SHARE) {
        psi_buf_printf(b, "; threshold: %.6g%% of the valid votes",
                       100.0 * (double)a->opt.threshold_share.num / (double)a->opt.threshold_share.den);
    }
    if (a->bopt.district_threshold.den) {
        ps_ratio s = a->bopt.district_threshold;
        psi_buf_printf(b, "%s%.6g%% of a district's votes",
                       a->opt.threshold == PS_THRESHOLD_NONE ? "; threshold: " : ", or ",
                       100.0 * (double)s.num / (double)s.den);
    }
    if (a->opt.exempt_if_wins)
        psi_buf_printf(b, ", waived with %lld constituency win(s)", (long long)a->opt.exempt_if_wins);
    psi_buf_puts(b, "\n");
}

void describe_tie(psi_buf *b, const ps_tie *tie, char *const *names, const seats_args *a)
{
    if (!tie)
        return;
    psi_buf_printf(b, "Tie: seat%s %lld", tie->first_seat == tie->last_seat ? "" : "s",
                   (long long)tie->first_seat);
    if (tie->last_seat != tie->first_seat)
        psi_buf_printf(b, "-%lld", (long long)tie->last_seat);
    psi_buf_puts(b, " contested by ");
    for (size_t i = 0; i < tie->n_tied; i++)
        psi_buf_printf(b, "%s%s", i ? (i + 1 == tie->n_tied ? " and " : ", ") : "",
                       names[tie->tied[i]]);
    psi_buf_puts(b, "; given to ");
    for (size_t i = 0; i < tie->n_winners; i++)
        psi_buf_printf(b, "%s%s", i ? (i + 1 == tie->n_winners ? " and " : ", ") : "",
                       names[tie->winners[i]]);
    if (a->opt.ties == PS_TIES_RANDOM)
        psi_buf_printf(b, " by lot (--ties random --seed %llu)\n", (unsigned long long)a->opt.seed);
    else
        psi_buf_puts(b, " as listed first (--ties first)\n");
}

static size_t name_width(char *const *names, size_t n, size_t min)
{
    size_t w = min;
    for (size_t i = 0; i < n; i++) {
        size_t len = cli_name_width(names[i]);
        if (len > w)
            w = len;
    }
    return w;
}

/* "* exempt from the threshold (...)" under a table that marked a party. */
static void exempt_footnote(psi_buf *b, const seats_args *a)
{
    psi_buf_puts(b, "* exempt from the threshold (");
    if (a->n_exempt)
        psi_buf_puts(b, "--exempt");
    if (a->n_exempt && a->opt.exempt_if_wins)
        psi_buf_puts(b, ", or ");
    if (a->opt.exempt_if_wins)
        psi_buf_printf(b, "at least %lld constituency win%s", (long long)a->opt.exempt_if_wins,
                       a->opt.exempt_if_wins == 1 ? "" : "s");
    psi_buf_puts(b, ")\n");
}

bool text_table(psi_buf *b, const seats_args *a, char *const *names, size_t n,
                const int64_t *votes, const int64_t *seats, const bool *eligible,
                int64_t total_votes)
{
    const bool *mark = a->exempt_mark;
    bool marked = false, shortened = false;
    size_t w = name_width(names, n, 5);
    char num[32];
    int64_t total_seats = 0;
    int below = 0;
    cli_pad(b, "party", w, false);
    psi_buf_puts(b, "        votes    share  seats\n");
    for (size_t i = 0; i < n; i++) {
        double share = total_votes ? 100.0 * (double)votes[i] / (double)total_votes : 0.0;
        shortened |= cli_pad_name(b, names[i], w, false);
        snprintf(num, sizeof num, "%lld", (long long)votes[i]);
        psi_buf_puts(b, " ");
        cli_pad(b, num, 12, true);
        psi_buf_printf(b, " %7.2f%% %6lld%s\n", share, (long long)seats[i],
                       mark && mark[i] ? " *"
                       : eligible && !eligible[i] ? "  below threshold" : "");
        marked |= mark && mark[i];
        total_seats += seats[i];
        below += eligible && !eligible[i];
    }
    cli_pad(b, "total", w, false);
    snprintf(num, sizeof num, "%lld", (long long)total_votes);
    psi_buf_puts(b, " ");
    cli_pad(b, num, 12, true);
    psi_buf_printf(b, " %7.2f%% %6lld\n", total_votes ? 100.0 : 0.0, (long long)total_seats);
    if (below)
        psi_buf_printf(b, "%d list%s below the threshold got no seat.\n", below,
                       below == 1 ? "" : "s");
    if (marked)
        exempt_footnote(b, a);
    return shortened;
}

void json_party_rows(psi_buf *b, const seats_args *a, char *const *names, size_t n,
                     const int64_t *votes, const int64_t *seats, const bool *eligible,
                     const char *indent)
{
    psi_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        psi_buf_printf(b, "%s\n%s  {\"party\": ", i ? "," : "", indent);
        psi_buf_json_string(b, names[i]);
        psi_buf_printf(b, ", \"votes\": %lld, \"seats\": %lld", (long long)votes[i],
                       (long long)seats[i]);
        if (eligible)
            psi_buf_printf(b, ", \"eligible\": %s", eligible[i] ? "true" : "false");
        if (a->exempt_mark)
            psi_buf_printf(b, ", \"exempt\": %s", a->exempt_mark[i] ? "true" : "false");
        psi_buf_puts(b, "}");
    }
    psi_buf_printf(b, "\n%s]", indent);
}

void json_tie(psi_buf *b, const ps_tie *tie, char *const *names)
{
    if (!tie) {
        psi_buf_puts(b, "null");
        return;
    }
    psi_buf_printf(b, "{\"first_seat\": %lld, \"last_seat\": %lld, \"tied\": [",
                   (long long)tie->first_seat, (long long)tie->last_seat);
    for (size_t i = 0; i < tie->n_tied; i++) {
        psi_buf_puts(b, i ? ", " : "");
        psi_buf_json_string(b, names[tie->tied[i]]);
    }
    psi_buf_puts(b, "], \"winners\": [");
    for (size_t i = 0; i < tie->n_winners; i++) {
        psi_buf_puts(b, i ? ", " : "");
        psi_buf_json_string(b, names[tie->winners[i]]);
    }
    psi_buf_puts(b, "]}");
}

void json_header(psi_buf *b, const seats_args *a, int64_t seats)
{
    psi_buf_puts(b, "{\n  \"method\": ");
    psi_buf_json_string(b, ps_method_name(a->opt.method));
    psi_buf_printf(b, ",\n  \"seats\": %lld,\n  \"threshold\": ", (long long)seats);
    if (a->opt.threshold == PS_THRESHOLD_QUOTA)
        psi_buf_puts(b, "\"quota\"");
    else if (a->opt.threshold == PS_THRESHOLD_SHARE)
        psi_buf_printf(b, "\"%lld/%lld\"", (long long)a->opt.threshold_share.num,
                       (long long)a->opt.threshold_share.den);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, ",\n");
}

void csv_exempt_header(psi_buf *b, const seats_args *a)
{
    if (a->exempt_mark)
        psi_buf_puts(b, ",exempt");
}

void csv_exempt_cell(psi_buf *b, const seats_args *a, size_t party)
{
    if (a->exempt_mark)
        psi_buf_puts(b, a->exempt_mark[party] ? ",true" : ",false");
}
