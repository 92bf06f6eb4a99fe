/*
 * power_table.c - power indices as a text table, CSV or JSON.
 *
 * Shared by `powershare power` and `powershare analyze`. Columns follow the
 * order of ps_index (the CSV header is fixed by the documentation); the
 * Coleman power of the collectivity to act is one number for the game, so
 * CSV carries it once, in the first row of its own column. Values of the
 * floating-point mode (--float) carry proven error bounds, Monte Carlo's
 * confidence intervals; both come in ps_power.half_width.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The half-widths are error bounds (--float: samples 0), not intervals. */
static bool error_bounds(const ps_power *pw)
{
    return !pw->exact && pw->samples == 0;
}

/* An error bound to `digits` significant digits, rounded up so that the
 * printed bound still holds. */
static void bound_text(psi_buf *b, double bound, int digits)
{
    char s[40];
    snprintf(s, sizeof s, "%.*e", digits - 1, bound);
    /* rounded down: one unit of the last digit more, until it holds */
    double unit = bound > 0 ? pow(10.0, floor(log10(bound)) - (double)(digits - 1)) : 0.0;
    for (int t = 0; t < 4 && strtod(s, NULL) < bound; t++)
        snprintf(s, sizeof s, "%.*e", digits - 1, strtod(s, NULL) + unit);
    psi_buf_puts(b, s);
}

static void fraction_text(psi_buf *b, const ps_fraction *f, bool exact_fractions, int digits)
{
    if (f->num && f->den && (exact_fractions || !strcmp(f->den, "1"))) {
        psi_buf_puts(b, f->num);
        if (strcmp(f->den, "1"))
            psi_buf_printf(b, "/%s", f->den);
    } else {
        psi_buf_printf(b, "%.*f", digits, f->value);
    }
}

static void text_unions(psi_buf *b, const ps_legislature *leg, const power_unions *u,
                        bool exact_fractions, size_t w)
{
    psi_buf_puts(b, "\nA priori unions (lists that enter as pre-formed blocs):\n");
    cli_pad(b, "party", w, false);
    psi_buf_puts(b, "  union                 owen  banzhaf_owen\n");
    for (size_t i = 0; i < leg->n_parties; i++) {
        psi_buf cell;
        psi_buf_init(&cell);
        cli_pad_name(b, leg->parties[i].name, w, false);
        psi_buf_puts(b, "  ");
        cli_pad(b, u->label[i] ? u->label[i] : "-", 16, false);
        fraction_text(&cell, &u->values->owen[i], exact_fractions, 4);
        psi_buf_puts(b, "  ");
        cli_pad(b, cell.data ? cell.data : "", 8, true);
        psi_buf_free(&cell);
        fraction_text(&cell, &u->values->banzhaf_owen[i], exact_fractions, 4);
        psi_buf_puts(b, "  ");
        cli_pad(b, cell.data ? cell.data : "", 12, true);
        b->failed |= cell.failed;
        psi_buf_free(&cell);
        psi_buf_puts(b, "\n");
    }
}

static void text_report(psi_buf *b, const ps_legislature *leg, const char *rule_text,
                        const ps_power *pw, const power_unions *u, bool exact_fractions)
{
    size_t w = 5;
    bool shortened = false;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (cli_name_width(leg->parties[i].name) > w)
            w = cli_name_width(leg->parties[i].name);
    psi_buf_printf(b, "Rule: %s\n", rule_text);
    psi_buf_printf(b, "Method: %s%s\n", pw->method, pw->exact ? " (exact)" : "");
    if (error_bounds(pw))
        psi_buf_puts(b, "Error bounds: each value ± a proven bound on its rounding error "
                        "(not a confidence interval)\n");
    else if (!pw->exact)
        psi_buf_printf(b, "Monte Carlo: %llu samples; intervals hold for all parties at once "
                          "with probability %g\n",
                       (unsigned long long)pw->samples, pw->confidence);
    psi_buf_puts(b, "\n");
    cli_pad(b, "party", w, false);
    psi_buf_puts(b, "  seats   share");
    /* a value and its error bound, "0.2380952381±2.5e-15", fill 20 to 23 */
    size_t bound_width = error_bounds(pw) ? 23 : 0;
    for (int k = 0; k < PS_INDEX_COUNT; k++)
        if (pw->values[k]) {
            psi_buf_puts(b, "  ");
            cli_pad(b, ps_index_name((ps_index)k), bound_width, true);
        }
    psi_buf_puts(b, "\n");
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        char num[32];
        shortened |= cli_pad_name(b, p->name, w, false);
        snprintf(num, sizeof num, "%lld", (long long)p->seats);
        psi_buf_puts(b, "  ");
        cli_pad(b, num, 5, true);
        psi_buf_printf(b, "  %5.1f%%",
                       leg->total_seats > 0 ? 100.0 * (double)p->seats / (double)leg->total_seats
                                            : 0.0);
        for (int k = 0; k < PS_INDEX_COUNT; k++) {
            if (!pw->values[k])
                continue;
            psi_buf cell;
            psi_buf_init(&cell);
            if (error_bounds(pw) && pw->half_width[k]) {
                psi_buf_printf(&cell, "%.10g±", pw->values[k][i].value);
                bound_text(&cell, pw->half_width[k][i], 2);
            } else {
                fraction_text(&cell, &pw->values[k][i], exact_fractions, 4);
                if (pw->half_width[k])
                    psi_buf_printf(&cell, "±%.4f", pw->half_width[k][i]);
            }
            psi_buf_puts(b, "  ");
            size_t width = strlen(ps_index_name((ps_index)k));
            cli_pad(b, cell.data ? cell.data : "", width > bound_width ? width : bound_width,
                    true);
            b->failed |= cell.failed;
            psi_buf_free(&cell);
        }
        psi_buf_puts(b, "\n");
    }
    cli_names_note(b, shortened);
    if (pw->coleman_collective.num) {
        psi_buf_puts(b, "\nColeman power of the chamber to act (share of coalitions that win): ");
        fraction_text(b, &pw->coleman_collective, exact_fractions, 6);
        psi_buf_puts(b, "\n");
    }
    if (u)
        text_unions(b, leg, u, exact_fractions, w);
}

static void csv_value(psi_buf *b, const ps_fraction *f, bool exact_fractions)
{
    if (f->num && f->den && (exact_fractions || !strcmp(f->den, "1"))) {
        psi_buf_puts(b, f->num);
        if (strcmp(f->den, "1"))
            psi_buf_printf(b, "/%s", f->den);
    } else {
        psi_buf_printf(b, "%.10g", f->value);
    }
}

static void csv_report(psi_buf *b, const ps_legislature *leg, const ps_power *pw,
                       const power_unions *u, bool exact_fractions)
{
    psi_buf_puts(b, "party,seats");
    for (int k = 0; k < PS_INDEX_COUNT; k++)
        if (pw->values[k]) {
            psi_buf_printf(b, ",%s", ps_index_name((ps_index)k));
            if (error_bounds(pw) && pw->half_width[k])
                psi_buf_printf(b, ",%s_error_bound", ps_index_name((ps_index)k));
        }
    if (pw->coleman_collective.num)
        psi_buf_puts(b, ",coleman_collective");
    if (u)
        psi_buf_puts(b, ",union,owen,banzhaf_owen");
    psi_buf_puts(b, "\n");
    for (size_t i = 0; i < leg->n_parties; i++) {
        psi_buf_csv_field(b, leg->parties[i].id);
        psi_buf_printf(b, ",%lld", (long long)leg->parties[i].seats);
        for (int k = 0; k < PS_INDEX_COUNT; k++)
            if (error_bounds(pw) && pw->half_width[k]) /* every digit of the double */
                psi_buf_printf(b, ",%.17g,%.17g", pw->values[k][i].value,
                               pw->half_width[k][i]);
            else if (pw->values[k]) {
                psi_buf_puts(b, ",");
                csv_value(b, &pw->values[k][i], exact_fractions);
            }
        if (pw->coleman_collective.num) {
            psi_buf_puts(b, ",");
            if (i == 0)
                csv_value(b, &pw->coleman_collective, exact_fractions);
        }
        if (u) {
            psi_buf_puts(b, ",");
            psi_buf_csv_field(b, u->label[i] ? u->label[i] : "");
            psi_buf_puts(b, ",");
            csv_value(b, &u->values->owen[i], exact_fractions);
            psi_buf_puts(b, ",");
            csv_value(b, &u->values->banzhaf_owen[i], exact_fractions);
        }
        psi_buf_puts(b, "\n");
    }
}

/* half_width: Monte Carlo's "half_width", or with bound the "error_bound"
 * of the floating-point mode. */
static void json_value(psi_buf *b, const ps_fraction *f, const double *half_width, bool bound)
{
    psi_buf_printf(b, "{\"value\": %.17g", f->value);
    if (f->num && f->den)
        psi_buf_printf(b, ", \"fraction\": \"%s/%s\"", f->num, f->den);
    if (half_width)
        psi_buf_printf(b, ", \"%s\": %.17g", bound ? "error_bound" : "half_width", *half_width);
    psi_buf_puts(b, "}");
}

static void json_report(psi_buf *b, const ps_legislature *leg, const char *rule_text,
                        const ps_power *pw, const power_unions *u)
{
    psi_buf_puts(b, "{\n  \"rule\": ");
    psi_buf_json_string(b, rule_text);
    psi_buf_puts(b, ",\n  \"method\": ");
    psi_buf_json_string(b, pw->method);
    psi_buf_printf(b, ",\n  \"exact\": %s,\n", pw->exact ? "true" : "false");
    if (!pw->exact && !error_bounds(pw))
        psi_buf_printf(b, "  \"samples\": %llu,\n  \"confidence\": %g,\n",
                       (unsigned long long)pw->samples, pw->confidence);
    psi_buf_puts(b, "  \"parties\": [");
    for (size_t i = 0; i < leg->n_parties; i++) {
        psi_buf_printf(b, "%s\n    {\"party\": ", i ? "," : "");
        psi_buf_json_string(b, leg->parties[i].id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, leg->parties[i].name);
        psi_buf_printf(b, ", \"seats\": %lld", (long long)leg->parties[i].seats);
        for (int k = 0; k < PS_INDEX_COUNT; k++)
            if (pw->values[k]) {
                psi_buf_printf(b, ", \"%s\": ", ps_index_name((ps_index)k));
                json_value(b, &pw->values[k][i], pw->half_width[k] ? &pw->half_width[k][i] : NULL,
                           error_bounds(pw));
            }
        if (u) {
            psi_buf_puts(b, ", \"union\": ");
            if (u->label[i])
                psi_buf_json_string(b, u->label[i]);
            else
                psi_buf_puts(b, "null");
            psi_buf_puts(b, ", \"owen\": ");
            json_value(b, &u->values->owen[i], NULL, false);
            psi_buf_puts(b, ", \"banzhaf_owen\": ");
            json_value(b, &u->values->banzhaf_owen[i], NULL, false);
        }
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "\n  ],\n  \"coleman_collective\": ");
    if (pw->coleman_collective.num)
        json_value(b, &pw->coleman_collective, NULL, false);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, "\n}\n");
}

void power_report(psi_buf *b, const ps_legislature *leg, const char *rule_text,
                  const ps_power *power, const power_unions *unions, output_format format,
                  bool exact_fractions)
{
    switch (format) {
    case FORMAT_TEXT: text_report(b, leg, rule_text, power, unions, exact_fractions); break;
    case FORMAT_CSV: csv_report(b, leg, power, unions, exact_fractions); break;
    case FORMAT_JSON: json_report(b, leg, rule_text, power, unions); break;
    }
}
