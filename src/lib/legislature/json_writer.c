/*
 * json_writer.c - a legislature as "powershare-legislature/1" JSON.
 *
 * The output is meant to be read by people and diffed: keys in the fixed
 * order of docs/formats.md, 2-space indent, one party per block, short
 * records (communities, dimensions, positions) on one line. Defaults are
 * left out (unknown counts, zero unattributed or vacant seats, missing
 * colours), which the reader restores, so write-then-read is the identity.
 * Doubles use the shortest form that reads back to the same value.
 */
#include <math.h>
#include <string.h>

#include "util.h"
#include "text.h"
#include "powershare/io.h"

static void key(psi_buf *b, const char *indent, const char *k)
{
    psi_buf_printf(b, ",\n%s\"%s\": ", indent, k);
}

static void string_member(psi_buf *b, const char *indent, const char *k, const char *v)
{
    if (!v)
        return;
    key(b, indent, k);
    psi_buf_json_string(b, v);
}

static void count_member(psi_buf *b, const char *indent, const char *k, int64_t v)
{
    if (v < 0)
        return;
    key(b, indent, k);
    psi_buf_printf(b, "%lld", (long long)v);
}

static void number(psi_buf *b, double v)
{
    char tmp[48];
    /* -0 would be written "-0", which reads back as the integer 0 and is
     * written "0" next time: write it as 0 from the start (found by
     * fuzzing, tests/fuzz/crashes/legislature_csv/). */
    if (v == 0)
        v = 0;
    psi_format_double(tmp, sizeof tmp, v);
    psi_buf_puts(b, tmp);
}

static void write_dimension(psi_buf *b, const ps_dimension *d)
{
    psi_buf_puts(b, "{\"id\": ");
    psi_buf_json_string(b, d->id);
    psi_buf_puts(b, ", \"name\": ");
    psi_buf_json_string(b, d->name);
    if (isfinite(d->min)) {
        psi_buf_puts(b, ", \"min\": ");
        number(b, d->min);
    }
    if (isfinite(d->max)) {
        psi_buf_puts(b, ", \"max\": ");
        number(b, d->max);
    }
    psi_buf_puts(b, "}");
}

static void write_party(psi_buf *b, const ps_legislature *leg, const ps_party *p)
{
    static const char in[] = "      ";
    psi_buf_puts(b, "    {\n      \"id\": ");
    psi_buf_json_string(b, p->id);
    string_member(b, in, "name", p->name);
    count_member(b, in, "seats", p->seats);
    count_member(b, in, "votes", p->votes);
    if (p->community >= 0 && (size_t)p->community < leg->n_communities)
        string_member(b, in, "community", leg->communities[p->community].id);
    int any = 0;
    for (size_t d = 0; p->positions && d < leg->n_dimensions; d++) {
        if (!isfinite(p->positions[d]))
            continue;
        if (!any)
            key(b, in, "positions");
        psi_buf_puts(b, any ? ", " : "{");
        psi_buf_json_string(b, leg->dimensions[d].id);
        psi_buf_puts(b, ": ");
        number(b, p->positions[d]);
        any = 1;
    }
    if (any)
        psi_buf_puts(b, "}");
    string_member(b, in, "color", p->color);
    string_member(b, in, "source", p->source);
    psi_buf_puts(b, "\n    }");
}

int ps_legislature_to_json(char **out, const ps_legislature *leg, ps_error *err)
{
    static const char in[] = "  ";
    *out = NULL;
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_puts(&b, "{\n  \"format\": \"powershare-legislature/1\"");
    string_member(&b, in, "name", leg->name ? leg->name : "");
    string_member(&b, in, "date", leg->date);
    string_member(&b, in, "source", leg->source);
    string_member(&b, in, "notes", leg->notes);
    count_member(&b, in, "total_seats", leg->total_seats);
    if (leg->unattributed_seats > 0)
        count_member(&b, in, "unattributed_seats", leg->unattributed_seats);
    if (leg->vacant_seats > 0)
        count_member(&b, in, "vacant_seats", leg->vacant_seats);
    if (leg->n_communities) {
        key(&b, in, "communities");
        psi_buf_puts(&b, "[");
        for (size_t i = 0; i < leg->n_communities; i++) {
            psi_buf_puts(&b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
            psi_buf_json_string(&b, leg->communities[i].id);
            psi_buf_puts(&b, ", \"name\": ");
            psi_buf_json_string(&b, leg->communities[i].name);
            psi_buf_puts(&b, "}");
        }
        psi_buf_puts(&b, "\n  ]");
    }
    if (leg->n_dimensions) {
        key(&b, in, "dimensions");
        psi_buf_puts(&b, "[");
        for (size_t i = 0; i < leg->n_dimensions; i++) {
            psi_buf_puts(&b, i ? ",\n    " : "\n    ");
            write_dimension(&b, &leg->dimensions[i]);
        }
        psi_buf_puts(&b, "\n  ]");
    }
    key(&b, in, "parties");
    psi_buf_puts(&b, "[");
    for (size_t i = 0; i < leg->n_parties; i++) {
        psi_buf_puts(&b, i ? ",\n" : "\n");
        write_party(&b, leg, &leg->parties[i]);
    }
    psi_buf_puts(&b, leg->n_parties ? "\n  ]\n}\n" : "]\n}\n");
    *out = psi_buf_take(&b);
    return *out ? 0 : psi_enomem(err);
}
