/*
 * analyze_chamber.c - the chamber section of `powershare analyze`: lists,
 * seats, communities, seats of no list, the majority line.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_analyze.h"

static double percent(int64_t part, int64_t whole)
{
    return whole > 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

static const char *community_name(const ps_legislature *leg, int c)
{
    return c >= 0 ? leg->communities[c].name : "-";
}

/* Largest list first; lists of equal size keep the file's order. */
static size_t *by_seats(const ps_legislature *leg)
{
    size_t *order = malloc((leg->n_parties ? leg->n_parties : 1) * sizeof *order);
    if (!order)
        return NULL;
    for (size_t i = 0; i < leg->n_parties; i++) {
        size_t j = i;
        for (; j > 0 && leg->parties[order[j - 1]].seats < leg->parties[i].seats; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    return order;
}

void analyze_chamber_text(psi_buf *b, const ps_legislature *leg)
{
    size_t *order = by_seats(leg);
    if (!order) {
        b->failed = 1;
        return;
    }
    int64_t total = leg->total_seats, majority = ps_legislature_majority(leg);
    size_t wn = 4, wc = 9;
    bool shortened = false;
    char num[32];
    for (size_t i = 0; i < leg->n_parties; i++) {
        size_t w = cli_name_width(leg->parties[i].name);
        wn = w > wn ? w : wn;
        w = cli_name_width(community_name(leg, leg->parties[i].community));
        wc = w > wc ? w : wc;
    }
    if (wn < 12 && leg->unattributed_seats)
        wn = 12;
    psi_buf_printf(b, "%s\n", leg->name[0] ? leg->name : "Legislature");
    if (leg->date)
        psi_buf_printf(b, "Election of %s\n", leg->date);
    psi_buf_printf(b, "%lld seats; a majority needs %lld.\n", (long long)total, (long long)majority);
    if (leg->unattributed_seats)
        psi_buf_printf(b, "%lld seats are attributed to no list: they count toward the %lld "
                          "and the majority line but join no coalition.\n",
                       (long long)leg->unattributed_seats, (long long)total);
    if (leg->vacant_seats)
        psi_buf_printf(b, "%lld seats are vacant.\n", (long long)leg->vacant_seats);
    psi_buf_puts(b, "\n");

    cli_pad(b, "list", wn, false);
    psi_buf_puts(b, "  ");
    cli_pad(b, "community", wc, false);
    psi_buf_puts(b, "  seats   share\n");
    for (size_t k = 0; k < leg->n_parties; k++) {
        const ps_party *p = &leg->parties[order[k]];
        shortened |= cli_pad_name(b, p->name, wn, false);
        psi_buf_puts(b, "  ");
        shortened |= cli_pad_name(b, community_name(leg, p->community), wc, false);
        snprintf(num, sizeof num, "%lld", (long long)p->seats);
        psi_buf_puts(b, "  ");
        cli_pad(b, num, 5, true);
        psi_buf_printf(b, "  %5.1f%%\n", percent(p->seats, total));
    }
    if (leg->unattributed_seats) {
        cli_pad(b, "unattributed", wn, false);
        psi_buf_puts(b, "  ");
        cli_pad(b, "-", wc, false);
        snprintf(num, sizeof num, "%lld", (long long)leg->unattributed_seats);
        psi_buf_puts(b, "  ");
        cli_pad(b, num, 5, true);
        psi_buf_printf(b, "  %5.1f%%\n", percent(leg->unattributed_seats, total));
    }

    if (leg->n_communities) {
        psi_buf_puts(b, "\nBy community:\n");
        for (size_t c = 0; c < leg->n_communities; c++) {
            int64_t seats = 0;
            size_t lists = 0;
            for (size_t i = 0; i < leg->n_parties; i++)
                if (leg->parties[i].community == (int)c) {
                    seats += leg->parties[i].seats;
                    lists++;
                }
            shortened |= cli_pad_name(b, leg->communities[c].name, wc, false);
            snprintf(num, sizeof num, "%lld", (long long)seats);
            psi_buf_puts(b, "  ");
            cli_pad(b, num, 5, true);
            psi_buf_printf(b, "  %5.1f%%  %zu list%s%s\n", percent(seats, total), lists,
                           lists == 1 ? "" : "s",
                           seats >= majority ? ", a majority on its own" : "");
        }
    }

    cli_names_note(b, shortened);

    size_t largest = 0;
    for (size_t i = 1; i < leg->n_parties; i++)
        if (leg->parties[i].seats > leg->parties[largest].seats)
            largest = i;
    const ps_party *big = &leg->parties[largest];
    if (big->seats >= majority)
        psi_buf_printf(b, "\nLargest list: %s, %lld seats, a majority on its own.\n", big->name,
                       (long long)big->seats);
    else
        psi_buf_printf(b, "\nLargest list: %s, %lld seats, %lld short of a majority.\n", big->name,
                       (long long)big->seats, (long long)(majority - big->seats));
    free(order);
}

void analyze_chamber_json(psi_buf *b, const ps_legislature *leg)
{
    psi_buf_puts(b, "{\n  \"name\": ");
    psi_buf_json_string(b, leg->name);
    psi_buf_printf(b, ",\n  \"total_seats\": %lld,\n  \"majority\": %lld,\n"
                      "  \"unattributed_seats\": %lld,\n  \"vacant_seats\": %lld,\n  \"parties\": [",
                   (long long)leg->total_seats, (long long)ps_legislature_majority(leg),
                   (long long)leg->unattributed_seats, (long long)leg->vacant_seats);
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        psi_buf_printf(b, "%s\n    {\"id\": ", i ? "," : "");
        psi_buf_json_string(b, p->id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, p->name);
        psi_buf_printf(b, ", \"seats\": %lld, \"community\": ", (long long)p->seats);
        if (p->community >= 0)
            psi_buf_json_string(b, leg->communities[p->community].id);
        else
            psi_buf_puts(b, "null");
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "\n  ],\n  \"communities\": [");
    for (size_t c = 0; c < leg->n_communities; c++) {
        int64_t seats = 0;
        for (size_t i = 0; i < leg->n_parties; i++)
            if (leg->parties[i].community == (int)c)
                seats += leg->parties[i].seats;
        psi_buf_printf(b, "%s\n    {\"id\": ", c ? "," : "");
        psi_buf_json_string(b, leg->communities[c].id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, leg->communities[c].name);
        psi_buf_printf(b, ", \"seats\": %lld}", (long long)seats);
    }
    psi_buf_puts(b, leg->n_communities ? "\n  ]\n}\n" : "]\n}\n");
}

