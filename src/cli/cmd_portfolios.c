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
#include "portfolios_out.h"

static const char usage_text[] =
    "usage: powershare portfolios [--coalition A,B,C] [options] LEGISLATURE.json|.csv|-\n"
    "\n"
    "Shares the posts of a government among the lists of a coalition, and awards\n"
    "the offices reserved by community (the file's \"offices\" section).\n"
    "The legislature file may be - for standard input.\n"
    "\n"
    "  --coalition A,B,C        the lists of the coalition (party ids; required\n"
    "                           unless the file's \"formation\" section computes the\n"
    "                           executive: ministries by d'Hondt over every party;\n"
    "                           given, it replaces that executive)\n"
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
    "  --parity C1,C2,...       split the posts equally among these communities,\n"
    "                           each part shared among the coalition's lists of it\n"
    "                           (default: the file's \"formation\" parity, whose\n"
    "                           \"ministries\" are then the posts)\n"
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
    OPT_PARITY,
    OPT_TABLE,
    OPT_CSV_DIR
};

static const struct option long_options[] = {
    {"coalition", required_argument, NULL, OPT_COALITION},
    {"method", required_argument, NULL, OPT_METHOD},
    {"posts", required_argument, NULL, OPT_POSTS},
    {"tie-order", required_argument, NULL, OPT_TIE_ORDER},
    {"office", required_argument, NULL, OPT_OFFICE},
    {"parity", required_argument, NULL, OPT_PARITY},
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

int cmd_portfolios(int argc, char **argv)
{
    output_format format = FORMAT_TEXT;
    const char *out_path = NULL, *table_name = NULL, *csv_dir = NULL;
    long table = 0;
    char **coalition = NULL, **tie = NULL, **parity = NULL;
    size_t n_coalition = 0, n_tie = 0, n_parity = 0;
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
        case OPT_PARITY: status = split_ids(optarg, &parity, &n_parity, "--parity"); break;
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
            if ((table = cli_csv_find("portfolios", portfolios_csv_tables, PORTFOLIOS_CSV_TABLES, optarg)) < 0)
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
    if (rc == PS_OK)
        rc = ps_formation_from_document(&formation, doc, &err);
    /* the file's executive, unless a coalition is given */
    bool executive = formation && formation->kind == PS_FORMATION_EXECUTIVE && !coalition;
    const char *misuse = NULL;
    if (rc == PS_OK && !coalition && !executive)
        misuse = formation ? "give the coalition: --coalition A,B,C (the file's formation rule "
                             "is parity between communities: it shares a government's posts, "
                             "it does not choose the government)"
                           : "give the coalition: --coalition A,B,C (the file declares no "
                             "\"formation\" rule that computes the executive)";
    else if (rc == PS_OK && executive && (tie || parity || opt.method != PS_PORTFOLIO_DHONDT))
        misuse = "the file's \"formation\" section computes the executive by d'Hondt with its "
                 "own tie order; give --coalition to share posts otherwise";
    if (misuse) {
        ps_formation_free(formation);
        ps_offices_free(file_offices);
        ps_document_free(doc);
        status = cli_usage_error("portfolios", "%s", misuse);
        goto out;
    }
    if (rc == PS_OK && executive) {
        /* the executive by the file's rule (--posts and --office override
         * its ministries and the file's offices) */
        if (posts >= 0)
            formation->ministries = posts;
        rc = ps_formation_execute(&p, leg, formation, cli_offices ? cli_offices : file_offices,
                                  &err);
        n_tie = formation->n_tie_order;
    } else if (rc == PS_OK) {
        opt.offices = cli_offices ? cli_offices : file_offices;
        /* posts: --posts, else the parity formation's ministries, else the
         * offices section's */
        ps_formation_apply_parity(&opt, formation);
        if (parity) { /* --parity replaces the file's communities */
            opt.parity = (const char *const *)parity;
            opt.n_parity = n_parity;
        }
        opt.posts = posts >= 0 ? posts
                    : opt.posts > 0 ? opt.posts
                    : file_offices->posts >= 0 ? file_offices->posts
                                               : 0;
        opt.tie_order = (const char *const *)tie;
        opt.n_tie_order = n_tie;
        if (opt.posts == 0 && opt.offices->n == 0) {
            ps_formation_free(formation);
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
    portfolios_csv_ctx cx = {p, leg};
    if (rc == PS_OK) {
        if (format == FORMAT_JSON)
            portfolios_json(&b, p, leg);
        else if (format == FORMAT_CSV && !csv_dir)
            portfolios_csv_tables[table].print(&b, &cx);
        else if (format == FORMAT_TEXT) {
            if (executive)
                psi_buf_puts(&b, "The executive by the file's formation rule (computed, not "
                                 "bargained): ministries by d'Hondt over every party with seats "
                                 "that did not decline; the tie order is the section's "
                                 "tie_order.\n");
            portfolios_text(&b, p, leg, n_tie > 0);
        }
    }
    if (rc < 0)
        status = cli_fail(&err);
    else if (csv_dir)
        status = cli_csv_write_dir(csv_dir, portfolios_csv_tables, PORTFOLIOS_CSV_TABLES, &cx);
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
    free(parity);
    return status;
}
