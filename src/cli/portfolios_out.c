/*
 * portfolios_out.c - the printers of `powershare portfolios`
 * (portfolios_out.h): the coalition, its tie order, the picks with their
 * quotients and ties, each list's seats, exact Gamson share and posts, the
 * parity split between communities, and the reserved offices.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolios_out.h"

static const char *method_title(ps_portfolio_method m)
{
    switch (m) {
    case PS_PORTFOLIO_GAMSON: return "Gamson proportional shares, whole posts by largest remainder";
    case PS_PORTFOLIO_DHONDT: return "sequential picks, d'Hondt divisors 1, 2, 3 and so on";
    default: return "sequential picks, Sainte-Lague divisors 1, 3, 5 and so on";
    }
}

static const char *member_name(const ps_portfolio *p, const ps_legislature *leg, size_t i)
{
    return leg->parties[p->party[i]].name;
}

static void list_names(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg,
                       const size_t *m, size_t n)
{
    for (size_t k = 0; k < n; k++)
        psi_buf_printf(b, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ",
                       member_name(p, leg, m[k]));
}

static const char *community_name(const ps_legislature *leg, const char *id)
{
    long c = ps_legislature_find_community(leg, id);
    return c >= 0 ? leg->communities[c].name : id;
}

/* "Parity: ..." and the part each community gets. */
static void text_parity(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg)
{
    psi_buf_printf(b, "Parity between communities: the %lld posts split equally, %lld to each; "
                      "the lists of each share its part%s.\n",
                   (long long)p->posts, (long long)p->parity[0].posts,
                   p->method == PS_PORTFOLIO_GAMSON ? " (Gamson shares of the part)" : "");
    for (size_t g = 0; g < p->n_parity; g++) {
        const ps_parity_part *pt = &p->parity[g];
        psi_buf_printf(b, "  %s: %lld posts among %zu list%s with %lld seats", 
                       community_name(leg, pt->community), (long long)pt->posts, pt->n_members,
                       pt->n_members == 1 ? "" : "s", (long long)pt->seats);
        if (pt->n_remainder_tied > 1) {
            psi_buf_puts(b, "; tie for its last post: ");
            list_names(b, p, leg, pt->remainder_tied, pt->n_remainder_tied);
            psi_buf_printf(b, " have equal remainders, %zu went by the tie order to ",
                           pt->n_remainder_winners);
            list_names(b, p, leg, pt->remainder_tied, pt->n_remainder_winners);
        }
        psi_buf_puts(b, ".\n");
    }
    size_t outside = 0;
    for (size_t i = 0; i < p->n_members; i++) {
        bool in = false;
        for (size_t g = 0; g < p->n_parity; g++)
            in |= leg->parties[p->party[i]].community >= 0 &&
                  !strcmp(leg->communities[leg->parties[p->party[i]].community].id,
                          p->parity[g].community);
        outside += !in;
    }
    if (outside)
        psi_buf_printf(b, "  %zu list%s of no community named by parity: no post.\n", outside,
                       outside == 1 ? "" : "s");
}

void portfolios_text(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg,
                        bool tie_order_given)
{
    size_t n = p->n_members, *by_rank = calloc(n, sizeof *by_rank);
    if (!by_rank) {
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++)
        by_rank[p->tie_rank[i]] = i;
    psi_buf_puts(b, "Coalition: ");
    for (size_t i = 0; i < n; i++)
        psi_buf_printf(b, "%s%s", i ? " + " : "", member_name(p, leg, i));
    psi_buf_printf(b, " (%lld seats)\n", (long long)p->coalition_seats);
    if (p->posts > 0) {
        psi_buf_printf(b, "%lld posts: %s.\n", (long long)p->posts, method_title(p->method));
        psi_buf_puts(b, "Tie order: ");
        for (size_t r = 0; r < n; r++)
            psi_buf_printf(b, "%s%s", r ? " > " : "", member_name(p, leg, by_rank[r]));
        psi_buf_printf(b, " (%s).\n", tie_order_given ? "--tie-order, then the coalition order"
                                                      : "the coalition order");
        if (p->n_parity)
            text_parity(b, p, leg);
    }
    size_t wn = 4;
    bool shortened = false;
    for (size_t i = 0; i < n; i++) {
        size_t w = cli_name_width(member_name(p, leg, i));
        wn = w > wn ? w : wn;
    }
    if (p->picks && p->posts > 0) {
        psi_buf_puts(b, "\npick  ");
        cli_pad(b, "list", wn, false);
        psi_buf_puts(b, "  quotient\n");
        for (int64_t k = 0; k < p->posts; k++) {
            const ps_pick *pk = &p->picks[k];
            int64_t s = p->seats[pk->member];
            if (p->n_parity && k % p->parity[0].posts == 0)
                psi_buf_printf(b, "      (%s)\n",
                               community_name(leg, p->parity[k / p->parity[0].posts].community));
            char q[96];
            snprintf(q, sizeof q, "%lld/%lld = %.2f", (long long)s, (long long)pk->divisor,
                     (double)s / (double)pk->divisor);
            psi_buf_printf(b, "%4lld  ", (long long)k + 1);
            shortened |= cli_pad_name(b, member_name(p, leg, pk->member), wn, false);
            psi_buf_printf(b, "  %s", q);
            if (pk->n_tied > 1) {
                psi_buf_puts(b, "  tie: ");
                list_names(b, p, leg, pk->tied, pk->n_tied);
                psi_buf_printf(b, " level at %.2f; %s first by the tie order",
                               (double)s / (double)pk->divisor, member_name(p, leg, pk->member));
            }
            psi_buf_puts(b, "\n");
        }
    }
    if (p->posts > 0) {
        psi_buf_puts(b, "\n");
        cli_pad(b, "list", wn, false);
        psi_buf_puts(b, p->method == PS_PORTFOLIO_GAMSON ? "  seats  exact share          posts\n"
                                                         : "  seats  posts\n");
        for (size_t i = 0; i < n; i++) {
            shortened |= cli_pad_name(b, member_name(p, leg, i), wn, false);
            psi_buf_printf(b, "  %5lld", (long long)p->seats[i]);
            if (p->method == PS_PORTFOLIO_GAMSON) {
                char sh[96];
                snprintf(sh, sizeof sh, "%lld/%lld = %.3f", (long long)p->share_num[i],
                         (long long)p->share_den[i],
                         (double)p->share_num[i] / (double)p->share_den[i]);
                psi_buf_puts(b, "  ");
                cli_pad(b, sh, 19, false);
            }
            psi_buf_printf(b, "  %5lld\n", (long long)p->won[i]);
        }
        if (p->n_remainder_tied > 1) {
            psi_buf_puts(b, "Tie for the last post");
            psi_buf_puts(b, p->n_remainder_winners == 1 ? ": " : "s: ");
            list_names(b, p, leg, p->remainder_tied, p->n_remainder_tied);
            psi_buf_printf(b, " have equal remainders; %zu post%s went by the tie order to ",
                           p->n_remainder_winners, p->n_remainder_winners == 1 ? "" : "s");
            list_names(b, p, leg, p->remainder_tied, p->n_remainder_winners);
            psi_buf_puts(b, ".\n");
        }
    }
    cli_names_note(b, shortened);
    if (p->n_awards) {
        psi_buf_puts(b, "\nReserved offices:\n");
        for (size_t k = 0; k < p->n_awards; k++) {
            const ps_award *a = &p->awards[k];
            long c = ps_legislature_find_community(leg, a->community);
            const char *cname = leg->communities[c].name;
            psi_buf_printf(b, "  %s (%s): ", a->office, cname);
            if (a->member < 0) {
                psi_buf_printf(b, "no %s list in the coalition; the office cannot go to one of "
                                  "its lists.\n", cname);
                continue;
            }
            psi_buf_printf(b, "%s (%lld seats, the largest %s list in the coalition)",
                           member_name(p, leg, (size_t)a->member),
                           (long long)p->seats[a->member], cname);
            if (a->n_tied > 1) {
                psi_buf_puts(b, "; tie: ");
                list_names(b, p, leg, a->tied, a->n_tied);
                psi_buf_puts(b, " hold as many seats; decided by the tie order");
            }
            psi_buf_puts(b, ".\n");
        }
    }
    free(by_rank);
}

static void json_ids(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg,
                     const size_t *m, size_t n)
{
    psi_buf_puts(b, "[");
    for (size_t k = 0; k < n; k++) {
        if (k)
            psi_buf_puts(b, ", ");
        psi_buf_json_string(b, leg->parties[p->party[m[k]]].id);
    }
    psi_buf_puts(b, "]");
}

/* {"tied": [ids], "winners": [ids]}, or null when no tie (n < 2). */
static void json_remainder_tie(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg,
                               const size_t *tied, size_t n, size_t winners)
{
    if (n < 2) {
        psi_buf_puts(b, "null");
        return;
    }
    psi_buf_puts(b, "{\"tied\": ");
    json_ids(b, p, leg, tied, n);
    psi_buf_puts(b, ", \"winners\": ");
    json_ids(b, p, leg, tied, winners);
    psi_buf_puts(b, "}");
}

void portfolios_json(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg)
{
    size_t n = p->n_members, *by_rank = calloc(n, sizeof *by_rank);
    if (!by_rank) {
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++)
        by_rank[p->tie_rank[i]] = i;
    psi_buf_printf(b, "{\n  \"method\": \"%s\",\n  \"posts\": %lld,\n  \"coalition_seats\": %lld,"
                      "\n  \"tie_order\": ",
                   ps_portfolio_method_name(p->method), (long long)p->posts,
                   (long long)p->coalition_seats);
    json_ids(b, p, leg, by_rank, n);
    psi_buf_puts(b, ",\n  \"members\": [");
    for (size_t i = 0; i < n; i++) {
        const ps_party *pt = &leg->parties[p->party[i]];
        psi_buf_printf(b, "%s\n    {\"id\": ", i ? "," : "");
        psi_buf_json_string(b, pt->id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, pt->name);
        psi_buf_printf(b, ", \"seats\": %lld, \"posts\": %lld", (long long)p->seats[i],
                       (long long)p->won[i]);
        if (p->share_num)
            psi_buf_printf(b, ", \"share\": {\"exact\": \"%lld/%lld\", \"value\": %.17g}",
                           (long long)p->share_num[i], (long long)p->share_den[i],
                           (double)p->share_num[i] / (double)p->share_den[i]);
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "\n  ],\n  \"picks\": ");
    if (!p->picks)
        psi_buf_puts(b, "null");
    else {
        psi_buf_puts(b, "[");
        for (int64_t k = 0; k < p->posts; k++) {
            const ps_pick *pk = &p->picks[k];
            int64_t s = p->seats[pk->member];
            psi_buf_printf(b, "%s\n    {\"pick\": %lld, \"id\": ", k ? "," : "", (long long)k + 1);
            psi_buf_json_string(b, leg->parties[p->party[pk->member]].id);
            psi_buf_printf(b, ", \"seats\": %lld, \"divisor\": %lld, \"quotient\": %.17g, "
                              "\"tied\": ",
                           (long long)s, (long long)pk->divisor, (double)s / (double)pk->divisor);
            if (pk->n_tied > 1)
                json_ids(b, p, leg, pk->tied, pk->n_tied);
            else
                psi_buf_puts(b, "null");
            psi_buf_puts(b, "}");
        }
        psi_buf_puts(b, p->posts ? "\n  ]" : "]");
    }
    psi_buf_puts(b, ",\n  \"remainder_tie\": ");
    json_remainder_tie(b, p, leg, p->remainder_tied, p->n_remainder_tied, p->n_remainder_winners);
    psi_buf_puts(b, ",\n  \"parity\": ");
    if (!p->n_parity)
        psi_buf_puts(b, "null");
    for (size_t g = 0; g < p->n_parity; g++) {
        const ps_parity_part *pt = &p->parity[g];
        psi_buf_printf(b, "%s\n    {\"community\": ", g ? "," : "[");
        psi_buf_json_string(b, pt->community);
        psi_buf_printf(b, ", \"posts\": %lld, \"seats\": %lld, \"lists\": %zu, "
                          "\"remainder_tie\": ",
                       (long long)pt->posts, (long long)pt->seats, pt->n_members);
        json_remainder_tie(b, p, leg, pt->remainder_tied, pt->n_remainder_tied,
                           pt->n_remainder_winners);
        psi_buf_puts(b, "}");
        if (g + 1 == p->n_parity)
            psi_buf_puts(b, "\n  ]");
    }
    psi_buf_puts(b, ",\n  \"offices\": [");
    for (size_t k = 0; k < p->n_awards; k++) {
        const ps_award *a = &p->awards[k];
        psi_buf_printf(b, "%s\n    {\"office\": ", k ? "," : "");
        psi_buf_json_string(b, a->office);
        psi_buf_puts(b, ", \"community\": ");
        psi_buf_json_string(b, a->community);
        psi_buf_puts(b, ", \"id\": ");
        if (a->member >= 0)
            psi_buf_json_string(b, leg->parties[p->party[a->member]].id);
        else
            psi_buf_puts(b, "null");
        psi_buf_puts(b, ", \"tied\": ");
        if (a->n_tied > 1)
            json_ids(b, p, leg, a->tied, a->n_tied);
        else
            psi_buf_puts(b, "null");
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, p->n_awards ? "\n  ]\n}\n" : "]\n}\n");
    free(by_rank);
}

/* ---- CSV (cli_csv.c: one table per output, --table picks it) ---------- */

typedef portfolios_csv_ctx csv_ctx;

static void csv_id(psi_buf *b, const csv_ctx *cx, size_t member)
{
    psi_buf_csv_field(b, cx->leg->parties[cx->p->party[member]].id);
}

/* The ids of members m[0..n), joined by ';', as one field. */
static void csv_ids(psi_buf *b, const csv_ctx *cx, const size_t *m, size_t n)
{
    psi_buf ids;
    psi_buf_init(&ids);
    for (size_t k = 0; k < n; k++)
        psi_buf_printf(&ids, "%s%s", k ? ";" : "", cx->leg->parties[cx->p->party[m[k]]].id);
    psi_buf_csv_field(b, ids.data ? ids.data : "");
    b->failed |= ids.failed;
    psi_buf_free(&ids);
}

/* The lists level, or an empty field when no tie (n < 2). */
static void csv_tied(psi_buf *b, const csv_ctx *cx, const size_t *m, size_t n)
{
    csv_ids(b, cx, m, n > 1 ? n : 0);
}

/* Each list of the coalition in the order given: seats, Gamson's exact
 * share (empty for the sequential methods), posts won, rank in the tie
 * order (1 first). */
static void csv_members(psi_buf *b, const void *ctx)
{
    const csv_ctx *cx = ctx;
    const ps_portfolio *p = cx->p;
    psi_buf_puts(b, "id,name,seats,share,share_exact,posts,tie_rank\n");
    for (size_t i = 0; i < p->n_members; i++) {
        csv_id(b, cx, i);
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, member_name(p, cx->leg, i));
        psi_buf_printf(b, ",%lld,", (long long)p->seats[i]);
        if (p->share_num)
            psi_buf_printf(b, "%.10g,%lld/%lld", (double)p->share_num[i] / (double)p->share_den[i],
                           (long long)p->share_num[i], (long long)p->share_den[i]);
        else
            psi_buf_puts(b, ",");
        psi_buf_printf(b, ",%lld,%zu\n", (long long)p->won[i], p->tie_rank[i] + 1);
    }
}

/* The sequential picks: post, list, seats / divisor = quotient, and the
 * lists level with it (empty when none). */
static void csv_picks(psi_buf *b, const void *ctx)
{
    const csv_ctx *cx = ctx;
    const ps_portfolio *p = cx->p;
    psi_buf_puts(b, "pick,id,seats,divisor,quotient,quotient_exact,tied\n");
    for (int64_t k = 0; p->picks && k < p->posts; k++) {
        const ps_pick *pk = &p->picks[k];
        int64_t s = p->seats[pk->member];
        psi_buf_printf(b, "%lld,", (long long)k + 1);
        csv_id(b, cx, pk->member);
        int64_t g = s, r = pk->divisor; /* the fraction in lowest terms */
        while (r) {
            int64_t t = g % r;
            g = r;
            r = t;
        }
        g = g ? g : 1;
        psi_buf_printf(b, ",%lld,%lld,%.10g,%lld", (long long)s, (long long)pk->divisor,
                       (double)s / (double)pk->divisor, (long long)(s / g));
        if (pk->divisor / g != 1)
            psi_buf_printf(b, "/%lld", (long long)(pk->divisor / g));
        psi_buf_puts(b, ",");
        csv_tied(b, cx, pk->tied, pk->n_tied);
        psi_buf_puts(b, "\n");
    }
}

/* The offices reserved by community: who gets each (empty: no list of the
 * community in the coalition), and the lists level for it. */
static void csv_offices(psi_buf *b, const void *ctx)
{
    const csv_ctx *cx = ctx;
    const ps_portfolio *p = cx->p;
    psi_buf_puts(b, "office,community,id,tied\n");
    for (size_t k = 0; k < p->n_awards; k++) {
        const ps_award *a = &p->awards[k];
        psi_buf_csv_field(b, a->office);
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, a->community);
        psi_buf_puts(b, ",");
        if (a->member >= 0)
            csv_id(b, cx, (size_t)a->member);
        psi_buf_puts(b, ",");
        csv_tied(b, cx, a->tied, a->n_tied);
        psi_buf_puts(b, "\n");
    }
}

/* Parity between communities: each community's part of the posts, the
 * coalition's seats and lists in it, and the lists level for its last post
 * under Gamson (empty when none, or without parity: header only). */
static void csv_parity(psi_buf *b, const void *ctx)
{
    const csv_ctx *cx = ctx;
    const ps_portfolio *p = cx->p;
    psi_buf_puts(b, "community,posts,seats,lists,tied,tie_winners\n");
    for (size_t g = 0; g < p->n_parity; g++) {
        const ps_parity_part *pt = &p->parity[g];
        psi_buf_csv_field(b, pt->community);
        psi_buf_printf(b, ",%lld,%lld,%zu,", (long long)pt->posts, (long long)pt->seats,
                       pt->n_members);
        csv_tied(b, cx, pt->remainder_tied, pt->n_remainder_tied);
        psi_buf_puts(b, ",");
        csv_ids(b, cx, pt->remainder_tied, pt->n_remainder_tied > 1 ? pt->n_remainder_winners : 0);
        psi_buf_puts(b, "\n");
    }
}

const cli_csv_table portfolios_csv_tables[PORTFOLIOS_CSV_TABLES] = {
    {"members", csv_members}, {"picks", csv_picks}, {"offices", csv_offices}, {"parity", csv_parity}};

