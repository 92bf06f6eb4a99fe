/*
 * cmd_portfolios.c - `powershare portfolios`: who gets which office in a
 * given coalition (Gamson shares, d'Hondt or Sainte-Lague picks, offices
 * reserved by community). The portfolio stage (portfolio.h) computes; this
 * file parses options and prints, ties included. The legislature file is
 * read once into a document that gives both the chamber and its "offices"
 * section, so "-" (standard input) and pipes work.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: powershare portfolios [--coalition A,B,C] [options] LEGISLATURE.json|.csv|-\n"
    "\n"
    "Shares the posts of a government among the lists of a coalition, and awards\n"
    "the offices reserved by community (the file's \"offices\" section).\n"
    "The legislature file may be - for standard input.\n"
    "\n"
    "  --coalition A,B,C        the lists of the coalition (party ids; required\n"
    "                           unless the file's \"formation\" section computes the\n"
    "                           executive: ministries by d'Hondt over every party)\n"
    "  --method M               dhondt (default): sequential picks, d'Hondt divisors\n"
    "                           sainte-lague: sequential picks, divisors 1, 3, 5, ...\n"
    "                           gamson: shares proportional to seats, exact, and whole\n"
    "                           posts by largest remainder\n"
    "  --posts N                posts to share (default: the \"offices\" section's\n"
    "                           \"posts\", else 0: only the reserved offices)\n"
    "  --tie-order A,B,...      who comes first when quotients or remainders are\n"
    "                           level (default: the order of --coalition)\n"
    "  --office 'NAME=COMMUNITY'  reserve an office for a community (repeat;\n"
    "                           replaces the file's reserved offices)\n"
    "  --format text|json|csv   output format (default text); CSV is one table:\n"
    "  --table NAME             members (default: seats, share and posts of each\n"
    "                           list), picks, offices\n"
    "  --csv-dir DIR            write every CSV table as DIR/NAME.csv\n"
    "  -o FILE                  write to FILE (atomically) instead of stdout\n";

enum {
    OPT_COALITION = 256,
    OPT_METHOD,
    OPT_POSTS,
    OPT_TIE_ORDER,
    OPT_OFFICE,
    OPT_TABLE,
    OPT_CSV_DIR
};

static const struct option long_options[] = {
    {"coalition", required_argument, NULL, OPT_COALITION},
    {"method", required_argument, NULL, OPT_METHOD},
    {"posts", required_argument, NULL, OPT_POSTS},
    {"tie-order", required_argument, NULL, OPT_TIE_ORDER},
    {"office", required_argument, NULL, OPT_OFFICE},
    {"format", required_argument, NULL, 'f'},
    {"table", required_argument, NULL, OPT_TABLE},
    {"csv-dir", required_argument, NULL, OPT_CSV_DIR},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Splits "a,b,c" in place into ids; empty items are a usage error. */
static int split_ids(char *text, char ***out, size_t *n, const char *opt)
{
    size_t count = 1;
    for (const char *s = text; *s; s++)
        count += *s == ',';
    char **ids = calloc(count, sizeof *ids);
    if (!ids) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    size_t k = 0;
    for (char *s = text;; s++) {
        char *end = strchr(s, ',');
        if (end)
            *end = '\0';
        if (!*s) {
            free(ids);
            return cli_usage_error("portfolios", "%s: empty id in the list", opt);
        }
        ids[k++] = s;
        if (!end)
            break;
        s = end;
    }
    free(*out);
    *out = ids;
    *n = k;
    return EXIT_OK;
}

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

static void text_result(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg,
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

static void json_result(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg)
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
    if (p->n_remainder_tied > 1) {
        psi_buf_puts(b, "{\"tied\": ");
        json_ids(b, p, leg, p->remainder_tied, p->n_remainder_tied);
        psi_buf_puts(b, ", \"winners\": ");
        json_ids(b, p, leg, p->remainder_tied, p->n_remainder_winners);
        psi_buf_puts(b, "}");
    } else
        psi_buf_puts(b, "null");
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

typedef struct csv_ctx {
    const ps_portfolio *p;
    const ps_legislature *leg;
} csv_ctx;

static void csv_id(psi_buf *b, const csv_ctx *cx, size_t member)
{
    psi_buf_csv_field(b, cx->leg->parties[cx->p->party[member]].id);
}

static void csv_tied(psi_buf *b, const csv_ctx *cx, const size_t *m, size_t n)
{
    psi_buf ids;
    psi_buf_init(&ids);
    for (size_t k = 0; n > 1 && k < n; k++)
        psi_buf_printf(&ids, "%s%s", k ? ";" : "", cx->leg->parties[cx->p->party[m[k]]].id);
    psi_buf_csv_field(b, ids.data ? ids.data : "");
    b->failed |= ids.failed;
    psi_buf_free(&ids);
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

#define CSV_TABLES 3
static const cli_csv_table csv_tables[CSV_TABLES] = {
    {"members", csv_members}, {"picks", csv_picks}, {"offices", csv_offices}};

int cmd_portfolios(int argc, char **argv)
{
    output_format format = FORMAT_TEXT;
    const char *out_path = NULL, *table_name = NULL, *csv_dir = NULL;
    long table = 0;
    char **coalition = NULL, **tie = NULL;
    size_t n_coalition = 0, n_tie = 0;
    int64_t posts = -1;
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    ps_offices *cli_offices = NULL;
    ps_error err;
    int status = EXIT_OK, c;
    opterr = 0;
    while (status == EXIT_OK &&
           (c = getopt_long(argc, argv, ":f:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_COALITION:
            status = split_ids(optarg, &coalition, &n_coalition, "--coalition");
            break;
        case OPT_TIE_ORDER: status = split_ids(optarg, &tie, &n_tie, "--tie-order"); break;
        case OPT_METHOD:
            if (ps_portfolio_method_parse(&opt.method, optarg, &err) < 0)
                status = cli_usage_error("portfolios", "%s", err.message);
            break;
        case OPT_POSTS: {
            char *end;
            long long v = strtoll(optarg, &end, 10);
            if (!*optarg || *end || v < 0 || v > 1000000)
                status = cli_usage_error("portfolios", "--posts expects a whole number from 0 "
                                                       "to 1000000, got '%s'", optarg);
            posts = v;
            break;
        }
        case OPT_OFFICE:
            if (!cli_offices && ps_offices_new(&cli_offices) < 0) {
                fprintf(stderr, "powershare: out of memory\n");
                status = EXIT_FAILURE_;
            } else if (ps_offices_add_text(cli_offices, optarg, &err) < 0)
                status = err.code == PS_ENOMEM ? cli_fail(&err)
                                               : cli_usage_error("portfolios", "--office: %s",
                                                                 err.message);
            break;
        case 'f':
            if (cli_parse_format("portfolios", optarg, &format))
                status = EXIT_USAGE;
            break;
        case OPT_TABLE:
            table_name = optarg;
            if ((table = cli_csv_find("portfolios", csv_tables, CSV_TABLES, optarg)) < 0)
                status = EXIT_USAGE;
            break;
        case OPT_CSV_DIR: csv_dir = optarg; break;
        case 'o': out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); goto out;
        case ':':
            status = cli_usage_error("portfolios", "option '%s' needs a value", argv[optind - 1]);
            break;
        default: status = cli_usage_error("portfolios", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (status == EXIT_OK && optind != argc - 1)
        status = cli_usage_error("portfolios", "expected one legislature file");
    if (status == EXIT_OK && csv_dir && format == FORMAT_JSON)
        status = cli_usage_error("portfolios", "--csv-dir writes CSV tables, not --format json");
    if (status == EXIT_OK && csv_dir && out_path)
        status = cli_usage_error("portfolios", "--csv-dir names the files itself; leave out -o");
    if (status == EXIT_OK && csv_dir)
        format = FORMAT_CSV;
    if (status == EXIT_OK && table_name && format != FORMAT_CSV)
        status = cli_usage_error("portfolios", "--table picks a CSV table: add --format csv");
    if (status != EXIT_OK)
        goto out;

    ps_document *doc = NULL;
    const ps_legislature *leg = NULL;
    ps_offices *file_offices = NULL;
    ps_formation *formation = NULL;
    ps_portfolio *p = NULL;
    psi_buf b;
    psi_buf_init(&b);
    int rc = ps_document_load(&doc, argv[optind], &err);
    if (rc == PS_OK) {
        leg = ps_document_legislature(doc);
        rc = ps_offices_from_document(&file_offices, doc, &err);
    }
    if (rc == PS_OK && !coalition)
        rc = ps_formation_from_document(&formation, doc, &err);
    if (rc == PS_OK && !coalition && !formation) {
        ps_offices_free(file_offices);
        ps_document_free(doc);
        status = cli_usage_error("portfolios", "give the coalition: --coalition A,B,C (the file "
                                               "declares no \"formation\" rule that computes "
                                               "the executive)");
        goto out;
    }
    if (rc == PS_OK && formation && (tie || opt.method != PS_PORTFOLIO_DHONDT)) {
        ps_formation_free(formation);
        ps_offices_free(file_offices);
        ps_document_free(doc);
        status = cli_usage_error("portfolios", "the file's \"formation\" section computes the "
                                               "executive by d'Hondt with its own tie order; "
                                               "give --coalition to share posts otherwise");
        goto out;
    }
    if (rc == PS_OK && formation) {
        /* the executive by the file's rule (--posts and --office override
         * its ministries and the file's offices) */
        if (posts >= 0)
            formation->ministries = posts;
        rc = ps_formation_execute(&p, leg, formation, cli_offices ? cli_offices : file_offices,
                                  &err);
        n_tie = formation->n_tie_order;
    } else if (rc == PS_OK) {
        opt.offices = cli_offices ? cli_offices : file_offices;
        opt.posts = posts >= 0 ? posts : file_offices->posts >= 0 ? file_offices->posts : 0;
        opt.tie_order = (const char *const *)tie;
        opt.n_tie_order = n_tie;
        if (opt.posts == 0 && opt.offices->n == 0) {
            ps_offices_free(file_offices);
            ps_document_free(doc);
            status = cli_usage_error("portfolios", "nothing to share: give --posts N (the file "
                                                   "has no \"offices\" section with posts or "
                                                   "reserved offices)");
            goto out;
        }
        rc = ps_portfolio_allocate(&p, leg, (const char *const *)coalition, n_coalition, &opt,
                                   &err);
    }
    csv_ctx cx = {p, leg};
    if (rc == PS_OK) {
        if (format == FORMAT_JSON)
            json_result(&b, p, leg);
        else if (format == FORMAT_CSV && !csv_dir)
            csv_tables[table].print(&b, &cx);
        else if (format == FORMAT_TEXT) {
            if (formation)
                psi_buf_puts(&b, "The executive by the file's formation rule (computed, not "
                                 "bargained): ministries by d'Hondt over every party with seats "
                                 "that did not decline; the tie order is the section's "
                                 "tie_order.\n");
            text_result(&b, p, leg, n_tie > 0);
        }
    }
    if (rc < 0)
        status = cli_fail(&err);
    else if (csv_dir)
        status = cli_csv_write_dir(csv_dir, csv_tables, CSV_TABLES, &cx);
    else if (b.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else
        status = cli_write_output(out_path, b.data, b.len);
    psi_buf_free(&b);
    ps_portfolio_free(p);
    ps_formation_free(formation);
    ps_offices_free(file_offices);
    ps_document_free(doc);
out:
    ps_offices_free(cli_offices);
    free(coalition);
    free(tie);
    return status;
}
