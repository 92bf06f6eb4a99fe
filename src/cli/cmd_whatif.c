/*
 * cmd_whatif.c - `powershare whatif`: the chamber before and after a
 * scenario, side by side.
 *
 * Steps come from the command line (applied in the order given), from a
 * scenario file (--scenario), or from the legislature file's "scenarios"
 * section; the library (scenario.h) applies them, analyses both chambers and
 * computes the difference. This file only parses options and prints.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_whatif.h"

static const char usage_text[] =
    "usage: powershare whatif [options] LEGISLATURE.json|.csv\n"
    "\n"
    "Compares the chamber with what it would be after a scenario: seats, Banzhaf and\n"
    "Shapley-Shubik power per list and per community, the majority line, the\n"
    "minimal winning coalitions that appear and disappear, and whether the\n"
    "power-sharing condition can still be met.\n"
    "\n"
    "Steps, applied in the order given (together they make one scenario):\n"
    "  --remove ID              the list loses its seats (the chamber shrinks)\n"
    "  --vacate ID              the list walks out (its seats stay, vacant)\n"
    "  --remove-community C     every list of community C loses its seats\n"
    "  --leave-community C      every list of community C walks out\n"
    "  --merge A,B[=NEWID]      two lists become one (default id A+B)\n"
    "  --move A:B:K             K seats defect from A to B\n"
    "  --quota Q                the rule's quota becomes Q (majority, 2/3, 60%, 165)\n"
    "  --name TEXT              name of this scenario (default \"what if\")\n"
    "Without steps: the scenarios of --scenario FILE.json, or else those of the\n"
    "legislature file's \"scenarios\" section (docs/scenarios.md).\n"
    "\n"
    "  --scenario FILE.json     read the scenarios from FILE (a JSON array)\n"
    "  --select NAME            only the scenario called NAME\n"
    "  --of all|present         count the quota of all seats or of the members\n"
    "                           present, before and after (default: the rule's)\n"
    "  --include-community C    the power-sharing condition: a list of C in the\n"
    "                           government (repeat; default: the file's \"condition\")\n"
    "  --max-lists K            compare the minimal winning coalitions of at most\n"
    "                           K lists (default 5)\n"
    "  --show N                 print at most N coalitions that appear and N that\n"
    "                           disappear (default 10; JSON has them all)\n"
    "  --format text|json|csv   output format (default text); CSV is one table:\n"
    "  --table NAME             changes (default: seats and power per list and\n"
    "                           community), scenarios, coalitions\n"
    "  --csv-dir DIR            write every CSV table as DIR/NAME.csv\n"
    "  --chart whatif           draw power before and after (the first scenario)\n"
    "                           into the -o FILE (.svg, .png, .pdf); the text\n"
    "                           then goes to standard output\n"
    "  -o FILE                  write to FILE (atomically) instead of stdout\n";

enum {
    OPT_REMOVE = 256,
    OPT_VACATE,
    OPT_REMOVE_COMMUNITY,
    OPT_LEAVE_COMMUNITY,
    OPT_MERGE,
    OPT_MOVE,
    OPT_QUOTA,
    OPT_NAME,
    OPT_SCENARIO,
    OPT_SELECT,
    OPT_OF,
    OPT_INCLUDE,
    OPT_MAX_LISTS,
    OPT_SHOW,
    OPT_CHART,
    OPT_TABLE,
    OPT_CSV_DIR
};

static const struct option long_options[] = {
    {"remove", required_argument, NULL, OPT_REMOVE},
    {"vacate", required_argument, NULL, OPT_VACATE},
    {"remove-community", required_argument, NULL, OPT_REMOVE_COMMUNITY},
    {"leave-community", required_argument, NULL, OPT_LEAVE_COMMUNITY},
    {"merge", required_argument, NULL, OPT_MERGE},
    {"move", required_argument, NULL, OPT_MOVE},
    {"quota", required_argument, NULL, OPT_QUOTA},
    {"name", required_argument, NULL, OPT_NAME},
    {"scenario", required_argument, NULL, OPT_SCENARIO},
    {"select", required_argument, NULL, OPT_SELECT},
    {"of", required_argument, NULL, OPT_OF},
    {"include-community", required_argument, NULL, OPT_INCLUDE},
    {"max-lists", required_argument, NULL, OPT_MAX_LISTS},
    {"show", required_argument, NULL, OPT_SHOW},
    {"chart", required_argument, NULL, OPT_CHART},
    {"format", required_argument, NULL, 'f'},
    {"table", required_argument, NULL, OPT_TABLE},
    {"csv-dir", required_argument, NULL, OPT_CSV_DIR},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Power before and after, per list and per community (--chart whatif). */
static int draw_chart(const ps_analysis *before, const ps_analysis *after, const char *path)
{
    ps_error err;
    if (!before->power || !after->power || !before->power->values[PS_BANZHAF] ||
        !after->power->values[PS_BANZHAF]) {
        fprintf(stderr, "powershare: no chart: power could not be computed before and after\n");
        return EXIT_FAILURE_;
    }
    size_t nb = before->leg->n_parties, na = after->leg->n_parties;
    double *vb = calloc(nb ? nb : 1, sizeof *vb), *va = calloc(na ? na : 1, sizeof *va);
    int status = EXIT_OK;
    if (!vb || !va) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    for (size_t i = 0; i < nb; i++)
        vb[i] = before->power->values[PS_BANZHAF][i].value;
    for (size_t i = 0; i < na; i++)
        va[i] = after->power->values[PS_BANZHAF][i].value;
    ps_report_data d;
    memset(&d, 0, sizeof d);
    d.quota = before->rule->quota;
    d.banzhaf = vb;
    d.after = after->leg;
    d.after_values = va;
    ps_chart *ch = NULL;
    if (ps_report_chart(&ch, PS_CHART_WHATIF, before->leg, &d, &err) < 0)
        status = cli_fail(&err);
    else
        status = cli_chart_write(ch, path, 1.0);
    ps_chart_free(ch);
done:
    free(vb);
    free(va);
    ps_report_shutdown();
    return status;
}

/* ---- the command --------------------------------------------------------- */

static int add_step(ps_scenario **sc, ps_step_kind kind, const char *text)
{
    ps_error err;
    if (!*sc && ps_scenario_new(sc, NULL) < 0) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    if (ps_scenario_add_text(*sc, kind, text, &err) < 0) {
        if (err.code == PS_EINVAL)
            return cli_usage_error("whatif", "%s", err.message);
        return cli_fail(&err);
    }
    return EXIT_OK;
}

static int parse_count(const char *opt, const char *text, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(text, &end, 10);
    if (!*text || *end || text[0] == '-' || v > 1000000)
        return cli_usage_error("whatif", "%s expects a whole number, got '%s'", opt, text);
    *out = (size_t)v;
    return EXIT_OK;
}

/* What the command works on, read once from the files. */
typedef struct whatif_input {
    ps_document *doc;
    ps_rule *rule;
    ps_condition *cond;        /* the file's, when --include-community is not given */
    const char **condition;    /* community ids the condition requires */
    size_t n_condition;
    ps_scenarios *list;        /* NULL when the steps come from the command line */
    char *file_text;           /* --scenario FILE */
} whatif_input;

static void input_free(whatif_input *in)
{
    ps_scenarios_free(in->list);
    ps_free(in->file_text);
    free(in->condition);
    ps_condition_free(in->cond);
    ps_rule_free(in->rule);
    ps_document_free(in->doc);
}

/* The communities the condition requires: --include-community, or the
 * file's condition section. */
static int read_condition(whatif_input *in, const char *const *include, size_t n_include,
                          ps_error *err)
{
    const ps_legislature *leg = ps_document_legislature(in->doc);
    in->condition = calloc(leg->n_communities + n_include + 1, sizeof *in->condition);
    if (!in->condition)
        return psi_enomem(err);
    if (n_include) {
        for (size_t k = 0; k < n_include; k++) {
            if (ps_legislature_find_community(leg, include[k]) < 0)
                return psi_error(err, PS_EINVAL, NULL, 0, 0,
                                 "--include-community: no community '%s' in %s", include[k],
                                 ps_document_source(in->doc));
            in->condition[in->n_condition++] = include[k];
        }
        return PS_OK;
    }
    int rc = ps_condition_from_document(&in->cond, in->doc, err);
    for (size_t k = 0; rc == PS_OK && k < leg->n_communities; k++)
        if (in->cond->communities_required & PS_MEMBER(k))
            in->condition[in->n_condition++] = leg->communities[k].id;
    return rc;
}

/* The scenarios: a --scenario file, or the legislature file's section. */
static int read_scenarios(whatif_input *in, const char *scenario_file, ps_error *err)
{
    if (!scenario_file)
        return ps_scenarios_from_document(&in->list, in->doc, err);
    size_t len;
    int rc = ps_file_read(&in->file_text, &len, scenario_file, err);
    if (rc == PS_OK)
        rc = ps_scenarios_read(&in->list, in->file_text, len,
                               ps_file_display_name(scenario_file), err);
    return rc;
}

static void print_json(psi_buf *out, const ps_legislature *leg, const whatif_input *in,
                       const ps_whatif *w)
{
    psi_buf_puts(out, "{\n  \"legislature\": ");
    psi_buf_json_string(out, leg->name);
    psi_buf_puts(out, ",\n  \"condition\": [");
    for (size_t k = 0; k < in->n_condition; k++) {
        if (k)
            psi_buf_puts(out, ", ");
        psi_buf_json_string(out, in->condition[k]);
    }
    psi_buf_puts(out, "],\n  \"scenarios\": [");
    for (size_t k = 0; k < w->n; k++) {
        const ps_scenario_outcome *o = &w->items[k];
        psi_buf_puts(out, k ? ",\n  " : "\n  ");
        whatif_json(out, o->scenario, w->before, o->after, o->diff);
    }
    psi_buf_puts(out, "\n  ]\n}\n");
}

static void print_text(psi_buf *out, const ps_legislature *leg, const whatif_input *in,
                       const ps_whatif *w, size_t show)
{
    whatif_ctx cx = {show, leg, in->cond && in->cond->name ? in->cond->name : NULL,
                     in->condition, in->n_condition};
    for (size_t k = 0; k < w->n; k++) {
        const ps_scenario_outcome *o = &w->items[k];
        if (k)
            psi_buf_puts(out, "\n\n");
        whatif_text(out, o->scenario, w->before, o->after, o->diff, &cx);
    }
}

/* The command line, parsed. */
typedef struct whatif_args {
    output_format format;
    const char *out_path, *scenario_file, *select, *name, *file;
    const char *csv_dir;
    long table; /* the CSV table (whatif_csv_tables) */
    bool chart;
    int of; /* -1: the rule's own; 0 all; 1 present */
    size_t max_lists, show, n_include;
    const char **include;
    ps_scenario *steps; /* the command line's steps, or NULL */
} whatif_args;

/* Fills a from argv; returns EXIT_OK, an exit code after a message, or -1
 * for --help (printed). */
static int parse_args(whatif_args *a, int argc, char **argv)
{
    int status = EXIT_OK, c;
    const char *table_name = NULL;
    opterr = 0;
    while (status == EXIT_OK &&
           (c = getopt_long(argc, argv, ":f:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_REMOVE: status = add_step(&a->steps, PS_STEP_REMOVE, optarg); break;
        case OPT_VACATE: status = add_step(&a->steps, PS_STEP_VACATE, optarg); break;
        case OPT_REMOVE_COMMUNITY:
            status = add_step(&a->steps, PS_STEP_REMOVE_COMMUNITY, optarg);
            break;
        case OPT_LEAVE_COMMUNITY:
            status = add_step(&a->steps, PS_STEP_LEAVE_COMMUNITY, optarg);
            break;
        case OPT_MERGE: status = add_step(&a->steps, PS_STEP_MERGE, optarg); break;
        case OPT_MOVE: status = add_step(&a->steps, PS_STEP_MOVE, optarg); break;
        case OPT_QUOTA: status = add_step(&a->steps, PS_STEP_QUOTA, optarg); break;
        case OPT_NAME: a->name = optarg; break;
        case OPT_SCENARIO: a->scenario_file = optarg; break;
        case OPT_SELECT: a->select = optarg; break;
        case OPT_OF:
            if (strcmp(optarg, "all") && strcmp(optarg, "present"))
                status = cli_usage_error("whatif", "--of expects all or present, got '%s'",
                                         optarg);
            a->of = !strcmp(optarg, "present");
            break;
        case OPT_INCLUDE: a->include[a->n_include++] = optarg; break;
        case OPT_MAX_LISTS: status = parse_count("--max-lists", optarg, &a->max_lists); break;
        case OPT_SHOW: status = parse_count("--show", optarg, &a->show); break;
        case OPT_CHART:
            if (strcmp(optarg, "whatif"))
                status = cli_usage_error("whatif", "--chart: expected whatif, got '%s'", optarg);
            a->chart = true;
            break;
        case 'f':
            if (cli_parse_format("whatif", optarg, &a->format))
                status = EXIT_USAGE;
            break;
        case OPT_TABLE:
            table_name = optarg;
            if ((a->table = cli_csv_find("whatif", whatif_csv_tables, WHATIF_CSV_TABLES,
                                         optarg)) < 0)
                status = EXIT_USAGE;
            break;
        case OPT_CSV_DIR: a->csv_dir = optarg; break;
        case 'o': a->out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return -1;
        case ':':
            status = cli_usage_error("whatif", "option '%s' needs a value", argv[optind - 1]);
            break;
        default: status = cli_usage_error("whatif", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (status == EXIT_OK && optind != argc - 1)
        status = cli_usage_error("whatif", "expected one legislature file");
    if (status == EXIT_OK && a->csv_dir && a->format == FORMAT_JSON)
        status = cli_usage_error("whatif", "--csv-dir writes CSV tables, not --format json");
    if (status == EXIT_OK && a->csv_dir && a->out_path)
        status = cli_usage_error("whatif", "--csv-dir names the files itself; leave out -o");
    if (status == EXIT_OK && a->csv_dir)
        a->format = FORMAT_CSV;
    if (status == EXIT_OK && table_name && a->format != FORMAT_CSV)
        status = cli_usage_error("whatif", "--table picks a CSV table: add --format csv");
    if (status == EXIT_OK && a->chart && !a->out_path)
        status = cli_usage_error("whatif", "--chart needs -o FILE.svg|png|pdf");
    if (status == EXIT_OK && a->steps && a->scenario_file)
        status = cli_usage_error("whatif", "give steps or --scenario, not both");
    if (status == EXIT_OK && a->steps && a->select)
        status = cli_usage_error("whatif", "--select picks a scenario from a file; the command "
                                           "line makes one scenario");
    if (status == EXIT_OK && a->name && !a->steps)
        status = cli_usage_error("whatif", "--name names the steps given on the command line");
    if (status == EXIT_OK && a->steps && a->name) {
        char *copy = psi_strdup(a->name);
        if (copy) {
            psi_free(a->steps->name);
            a->steps->name = copy;
        }
    }
    a->file = status == EXIT_OK ? argv[optind] : NULL;
    return status;
}

/* Reads the files once, runs the scenarios (ps_whatif_run), prints. */
static int run(const whatif_args *a)
{
    const ps_scenario *cli_sc = a->steps;
    const char *select = a->select;
    int status = EXIT_OK;
    ps_error err;
    whatif_input in;
    memset(&in, 0, sizeof in);
    int rc = ps_document_load(&in.doc, a->file, &err);
    const ps_legislature *leg = rc == PS_OK ? ps_document_legislature(in.doc) : NULL;
    if (rc == PS_OK)
        rc = ps_rule_from_document(&in.rule, in.doc, &err);
    if (rc == PS_OK && a->of >= 0)
        in.rule->of_present = a->of == 1;
    if (rc == PS_OK)
        rc = read_condition(&in, a->include, a->n_include, &err);
    if (rc == PS_OK && !cli_sc)
        rc = read_scenarios(&in, a->scenario_file, &err);
    if (rc == PS_OK && !cli_sc && !a->scenario_file && in.list->n == 0) {
        status = cli_usage_error("whatif", "no scenario: give steps (--remove ID, ...), "
                                           "--scenario FILE, or declare \"scenarios\" in %s",
                                 ps_document_source(in.doc));
        input_free(&in);
        return status;
    }
    ps_scenarios one = {1, a->steps}; /* the command line's steps, borrowed */
    const ps_scenarios *list = cli_sc ? &one : in.list;
    size_t selected = 0;
    for (size_t k = 0; rc == PS_OK && k < list->n; k++)
        selected += !select || !strcmp(list->items[k].name, select);
    if (rc == PS_OK && select && selected == 0)
        rc = psi_error(&err, PS_EINVAL, NULL, 0, 0, "--select: no scenario called \"%s\"", select);

    ps_analysis_options opt;
    ps_analysis_options_init(&opt);
    opt.max_lists = a->max_lists;
    opt.condition = in.condition;
    opt.n_condition = in.n_condition;
    ps_whatif *w = NULL;
    if (rc == PS_OK)
        rc = ps_whatif_run(&w, leg, in.rule, list, select, &opt, &err);
    psi_buf out;
    psi_buf_init(&out);
    if (rc == PS_OK && a->format == FORMAT_JSON)
        print_json(&out, leg, &in, w);
    else if (rc == PS_OK && a->format == FORMAT_CSV && !a->csv_dir)
        whatif_csv_tables[a->table].print(&out, w);
    else if (rc == PS_OK && a->format == FORMAT_TEXT)
        print_text(&out, leg, &in, w, a->show);
    if (rc < 0)
        status = cli_fail(&err);
    else if (a->csv_dir)
        status = cli_csv_write_dir(a->csv_dir, whatif_csv_tables, WHATIF_CSV_TABLES, w);
    else if (out.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else if (a->chart) {
        status = w->n ? draw_chart(w->before, w->items[0].after, a->out_path) : EXIT_OK;
        if (status == EXIT_OK)
            status = cli_write_output(NULL, out.data, out.len);
    } else
        status = cli_write_output(a->out_path, out.data, out.len);
    psi_buf_free(&out);
    ps_whatif_free(w);
    input_free(&in);
    return status;
}

int cmd_whatif(int argc, char **argv)
{
    whatif_args a;
    memset(&a, 0, sizeof a);
    a.format = FORMAT_TEXT;
    a.of = -1;
    a.max_lists = 5;
    a.show = 10;
    a.include = calloc((size_t)argc + 1, sizeof *a.include);
    if (!a.include) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    int status = parse_args(&a, argc, argv);
    if (status == EXIT_OK)
        status = run(&a);
    ps_scenario_free(a.steps);
    free(a.include);
    return status < 0 ? EXIT_OK : status;
}
