/*
 * cmd_stv.c - `powershare stv`: a single transferable vote count from a
 * ballot file (BLT).
 *
 * Reads the ballots, counts them once with the stv stage
 * (powershare/stv.h) and prints the count sheet (stv_out.c): text, one
 * CSV table (--table) or every table (--csv-dir), or JSON. See docs/cli.md.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "stv_out.h"

static const char usage_text[] =
    "usage: powershare stv [options] BALLOTS.blt\n"
    "\n"
    "Counts a single transferable vote election from a ballot file in the BLT\n"
    "format (- for standard input): the stages, the votes of every candidate at\n"
    "each, the non-transferable votes and the votes lost to rounding, exactly\n"
    "(docs/apportionment.md, \"Single transferable vote\").\n"
    "\n"
    "  --rule R              counting rules: scottish (the default; Scottish local\n"
    "                        government elections: weighted inclusive Gregory,\n"
    "                        transfer values cut to 5 decimal places) or irish\n"
    "                        (Dail elections: whole papers, deferred surpluses,\n"
    "                        several candidates excluded together) or meek (the\n"
    "                        PR Foundation's reference Meek rule: keep factors\n"
    "                        iterated, 9 decimal places; the stages also show\n"
    "                        the quota and the keep factors)\n"
    "  --seats N             seats to fill (default: the ballot file's)\n"
    "  --ties error|first|random  what a tie that the rules leave to lot does\n"
    "                        (default error); first: the candidate listed first\n"
    "                        is favoured (its surplus goes first, it is not the\n"
    "                        one excluded)\n"
    "  --seed S              seed for --ties random\n"
    "  --format text|csv|json   output format (default text)\n"
    "  --table NAME          with --format csv: stages (default: stage,candidate,\n"
    "                        votes as the official sheet; meek adds keep_factor\n"
    "                        and a Quota row), candidates or actions\n"
    "  --csv-dir DIR         write every CSV table as DIR/NAME.csv\n"
    "  -o FILE               write to FILE (atomically) instead of stdout\n";

enum { OPT_RULE = 256, OPT_SEATS, OPT_TIES, OPT_SEED, OPT_FORMAT, OPT_TABLE, OPT_CSV_DIR };

static const struct option long_options[] = {
    {"rule", required_argument, NULL, OPT_RULE},
    {"seats", required_argument, NULL, OPT_SEATS},
    {"ties", required_argument, NULL, OPT_TIES},
    {"seed", required_argument, NULL, OPT_SEED},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"table", required_argument, NULL, OPT_TABLE},
    {"csv-dir", required_argument, NULL, OPT_CSV_DIR},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct stv_args {
    ps_stv_options opt;
    output_format format;
    const char *table;
    const char *csv_dir;
    const char *out_path;
    const char *input;
} stv_args;

static int parse_int(const char *opt_name, const char *text, int64_t *out)
{
    ps_error err;
    if (ps_int64_parse(out, text, &err) < 0)
        return cli_usage_error("stv", "%s: %s", opt_name, err.message);
    return 0;
}

/* Returns -1 when --help was printed, 0 when parsed, else an exit code. */
static int parse_args(stv_args *a, int argc, char **argv)
{
    ps_error err;
    int64_t n;
    int c;
    bool format_given = false;
    memset(a, 0, sizeof *a);
    ps_stv_options_init(&a->opt);
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_RULE:
            if (ps_stv_rule_parse(&a->opt.rule, optarg, &err) < 0)
                return cli_usage_error("stv", "--rule: %s", err.message);
            break;
        case OPT_SEATS:
            if (parse_int("--seats", optarg, &n))
                return EXIT_USAGE;
            if (n == 0)
                return cli_usage_error("stv", "--seats must be at least 1");
            a->opt.seats = n;
            break;
        case OPT_TIES:
            if (ps_tie_policy_parse(&a->opt.ties, optarg, &err) < 0)
                return cli_usage_error("stv", "--ties: %s", err.message);
            break;
        case OPT_SEED:
            if (parse_int("--seed", optarg, &n))
                return EXIT_USAGE;
            a->opt.seed = (uint64_t)n;
            break;
        case OPT_FORMAT:
            if (cli_parse_format("stv", optarg, &a->format))
                return EXIT_USAGE;
            format_given = true;
            break;
        case OPT_TABLE: a->table = optarg; break;
        case OPT_CSV_DIR: a->csv_dir = optarg; break;
        case 'o': a->out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return -1;
        case ':': return cli_usage_error("stv", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("stv", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("stv", optind >= argc ? "expected one BALLOTS.blt file"
                                                     : "expected one BALLOTS.blt file, got more");
    a->input = argv[optind];
    if (a->opt.ties == PS_TIES_RANDOM && !a->opt.seed)
        return cli_usage_error("stv", "--ties random needs --seed S (so the draw can be "
                                      "repeated)");
    if (a->csv_dir && format_given && a->format != FORMAT_CSV)
        return cli_usage_error("stv", "--csv-dir writes CSV tables, not another --format");
    if (a->csv_dir && a->out_path)
        return cli_usage_error("stv", "--csv-dir names the files itself; leave out -o");
    if (a->table && a->format != FORMAT_CSV)
        return cli_usage_error("stv", "--table picks a CSV table: add --format csv");
    if (a->table && cli_csv_find("stv", stv_csv_tables, STV_CSV_TABLES, a->table) < 0)
        return EXIT_USAGE;
    return 0;
}

int cmd_stv(int argc, char **argv)
{
    stv_args a;
    ps_error err;
    int rc = parse_args(&a, argc, argv);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;

    ps_ballots *ballots = NULL;
    ps_stv_result *res = NULL;
    if (ps_ballots_load(&ballots, a.input, &err) < 0)
        return cli_fail(&err);
    if (ps_stv_count(&res, ballots, &a.opt, &err) < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", ps_file_display_name(a.input));
        ps_ballots_free(ballots);
        return cli_fail(&err);
    }
    stv_report report = {.ballots = ballots, .result = res, .opt = &a.opt};
    int status;
    if (a.csv_dir) {
        status = cli_csv_write_dir(a.csv_dir, stv_csv_tables, STV_CSV_TABLES, &report);
    } else if (a.format == FORMAT_CSV) {
        long t = cli_csv_find("stv", stv_csv_tables, STV_CSV_TABLES, a.table);
        status = cli_csv_write_one(a.out_path, &stv_csv_tables[t], &report);
    } else {
        psi_buf out;
        psi_buf_init(&out);
        if (a.format == FORMAT_JSON)
            stv_json(&out, &report);
        else
            stv_text(&out, &report);
        if (out.failed) {
            fprintf(stderr, "powershare: out of memory\n");
            status = EXIT_FAILURE_;
        } else {
            status = cli_write_output(a.out_path, out.data ? out.data : "", out.len);
        }
        psi_buf_free(&out);
    }
    /* a tie left to lot and broken by the policy is said in the text; in
     * the other formats, on standard error */
    if (status == EXIT_OK && (a.format != FORMAT_TEXT || a.csv_dir))
        stv_note_ties(stderr, &report);
    ps_stv_result_free(res);
    ps_ballots_free(ballots);
    return status;
}
