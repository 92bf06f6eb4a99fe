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
    "  --format text|json       output format (default text)\n"
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
    OPT_CHART
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

int cmd_whatif(int argc, char **argv)
{
    output_format format = FORMAT_TEXT;
    const char *out_path = NULL, *scenario_file = NULL, *select = NULL, *name = NULL;
    bool chart = false;
    int chart_status = EXIT_OK;
    int of = -1;
    size_t max_lists = 5, show = 10, n_include = 0;
    const char **include = calloc((size_t)argc + 1, sizeof *include);
    ps_scenario *cli_sc = NULL;
    int status = EXIT_OK, c;
    if (!include) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    opterr = 0;
    while (status == EXIT_OK &&
           (c = getopt_long(argc, argv, ":f:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_REMOVE: status = add_step(&cli_sc, PS_STEP_REMOVE, optarg); break;
        case OPT_VACATE: status = add_step(&cli_sc, PS_STEP_VACATE, optarg); break;
        case OPT_REMOVE_COMMUNITY:
            status = add_step(&cli_sc, PS_STEP_REMOVE_COMMUNITY, optarg);
            break;
        case OPT_LEAVE_COMMUNITY:
            status = add_step(&cli_sc, PS_STEP_LEAVE_COMMUNITY, optarg);
            break;
        case OPT_MERGE: status = add_step(&cli_sc, PS_STEP_MERGE, optarg); break;
        case OPT_MOVE: status = add_step(&cli_sc, PS_STEP_MOVE, optarg); break;
        case OPT_QUOTA: status = add_step(&cli_sc, PS_STEP_QUOTA, optarg); break;
        case OPT_NAME: name = optarg; break;
        case OPT_SCENARIO: scenario_file = optarg; break;
        case OPT_SELECT: select = optarg; break;
        case OPT_OF:
            if (strcmp(optarg, "all") && strcmp(optarg, "present"))
                status = cli_usage_error("whatif", "--of expects all or present, got '%s'",
                                         optarg);
            of = !strcmp(optarg, "present");
            break;
        case OPT_INCLUDE: include[n_include++] = optarg; break;
        case OPT_MAX_LISTS: status = parse_count("--max-lists", optarg, &max_lists); break;
        case OPT_SHOW: status = parse_count("--show", optarg, &show); break;
        case OPT_CHART:
            if (strcmp(optarg, "whatif"))
                status = cli_usage_error("whatif", "--chart: expected whatif, got '%s'", optarg);
            chart = true;
            break;
        case 'f':
            if (cli_parse_format("whatif", optarg, &format))
                status = EXIT_USAGE;
            else if (format == FORMAT_CSV)
                status = cli_usage_error("whatif", "--format csv is not available for whatif; "
                                                   "use text or json");
            break;
        case 'o': out_path = optarg; break;
        case 'h':
            fputs(usage_text, stdout);
            ps_scenario_free(cli_sc);
            free(include);
            return EXIT_OK;
        case ':':
            status = cli_usage_error("whatif", "option '%s' needs a value", argv[optind - 1]);
            break;
        default: status = cli_usage_error("whatif", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (status == EXIT_OK && optind != argc - 1)
        status = cli_usage_error("whatif", "expected one legislature file");
    if (status == EXIT_OK && chart && !out_path)
        status = cli_usage_error("whatif", "--chart needs -o FILE.svg|png|pdf");
    if (status == EXIT_OK && cli_sc && scenario_file)
        status = cli_usage_error("whatif", "give steps or --scenario, not both");
    if (status == EXIT_OK && cli_sc && select)
        status = cli_usage_error("whatif", "--select picks a scenario from a file; the command "
                                           "line makes one scenario");
    if (status == EXIT_OK && name && !cli_sc)
        status = cli_usage_error("whatif", "--name names the steps given on the command line");
    if (status != EXIT_OK) {
        ps_scenario_free(cli_sc);
        free(include);
        return status;
    }
    if (cli_sc && name) {
        char *copy = psi_strdup(name);
        if (copy) {
            psi_free(cli_sc->name);
            cli_sc->name = copy;
        }
    }

    const char *path = argv[optind];
    ps_error err;
    ps_legislature *leg = NULL;
    ps_rule *rule = NULL;
    ps_condition *cond = NULL;
    ps_scenarios *list = NULL;
    ps_analysis *before = NULL;
    char *file_text = NULL;
    const char **condition = NULL;
    size_t n_condition = 0;
    psi_buf out;
    psi_buf_init(&out);
    int rc = ps_legislature_load(&leg, path, &err);
    if (rc == PS_OK)
        rc = ps_rule_load(&rule, path, &err);
    if (rc == PS_OK && of >= 0)
        rule->of_present = of == 1;
    /* the power-sharing condition: its communities (the coalition stage
     * reads and checks the section) */
    if (rc == PS_OK && n_include == 0 && (rc = ps_condition_load(&cond, leg, path, &err)) == PS_OK) {
        condition = calloc(leg->n_communities + 1, sizeof *condition);
        if (!condition) {
            psi_error(&err, PS_ENOMEM, NULL, 0, 0, "out of memory");
            rc = PS_ENOMEM;
        }
        for (size_t k = 0; condition && k < leg->n_communities; k++)
            if (cond->communities_required & PS_MEMBER(k))
                condition[n_condition++] = leg->communities[k].id;
    }
    if (rc == PS_OK && n_include) {
        for (size_t k = 0; rc == PS_OK && k < n_include; k++)
            if (ps_legislature_find_community(leg, include[k]) < 0)
                rc = psi_error(&err, PS_EINVAL, NULL, 0, 0,
                               "--include-community: no community '%s' in %s", include[k], path);
        condition = include;
        n_condition = n_include;
    }
    if (rc == PS_OK) {
        if (cli_sc) {
            rc = psi_error(&err, PS_ENOMEM, NULL, 0, 0, "out of memory");
            if ((list = calloc(1, sizeof *list))) { /* a list of one, borrowed */
                list->n = 1;
                list->items = cli_sc;
                rc = PS_OK;
            }
        } else if (scenario_file) {
            size_t len;
            rc = ps_file_read(&file_text, &len, scenario_file, &err);
            if (rc == PS_OK)
                rc = ps_scenarios_read(&list, file_text, len, scenario_file, &err);
        } else {
            rc = ps_scenarios_load(&list, path, &err);
            if (rc == PS_OK && list->n == 0) {
                ps_scenarios_free(list);
                list = NULL;
                ps_legislature_free(leg);
                ps_rule_free(rule);
                ps_condition_free(cond);
                free(condition == include ? NULL : condition);
                free(include);
                return cli_usage_error("whatif", "no scenario: give steps (--remove ID, ...), "
                                                 "--scenario FILE, or declare \"scenarios\" in %s",
                                       path);
            }
        }
    }
    size_t selected = 0;
    for (size_t k = 0; rc == PS_OK && list && k < list->n; k++)
        selected += !select || !strcmp(list->items[k].name, select);
    if (rc == PS_OK && select && selected == 0)
        rc = psi_error(&err, PS_EINVAL, NULL, 0, 0, "--select: no scenario called \"%s\"", select);

    ps_analysis_options opt;
    ps_analysis_options_init(&opt);
    opt.max_lists = max_lists;
    opt.condition = condition;
    opt.n_condition = n_condition;
    if (rc == PS_OK)
        rc = ps_analysis_compute(&before, leg, rule, &opt, &err);
    whatif_ctx cx = {show, leg, cond && cond->name ? cond->name : NULL, condition, n_condition};
    if (rc == PS_OK && format == FORMAT_JSON) {
        psi_buf_puts(&out, "{\n  \"legislature\": ");
        psi_buf_json_string(&out, leg->name);
        psi_buf_puts(&out, ",\n  \"condition\": [");
        for (size_t k = 0; condition && k < n_condition; k++) {
            if (k)
                psi_buf_puts(&out, ", ");
            psi_buf_json_string(&out, condition[k]);
        }
        psi_buf_puts(&out, "],\n  \"scenarios\": [");
    }
    size_t printed = 0;
    for (size_t k = 0; rc == PS_OK && k < list->n; k++) {
        const ps_scenario *sc = &list->items[k];
        if (select && strcmp(sc->name, select))
            continue;
        ps_legislature *l2 = NULL;
        ps_rule *r2 = NULL;
        ps_analysis *after = NULL;
        ps_scenario_diff *d = NULL;
        rc = ps_scenario_apply(&l2, &r2, leg, rule, sc, &err);
        if (rc == PS_OK)
            rc = ps_analysis_compute(&after, l2, r2, &opt, &err);
        if (rc == PS_OK)
            rc = ps_scenario_compare(&d, before, after, &err);
        if (rc == PS_OK) {
            if (format == FORMAT_JSON) {
                psi_buf_puts(&out, printed ? ",\n  " : "\n  ");
                whatif_json(&out, sc, before, after, d);
            } else {
                if (printed)
                    psi_buf_puts(&out, "\n\n");
                whatif_text(&out, sc, before, after, d, &cx);
            }
            if (chart && printed == 0)
                chart_status = draw_chart(before, after, out_path);
            printed++;
        }
        ps_scenario_diff_free(d);
        ps_analysis_free(after);
        ps_legislature_free(l2);
        ps_rule_free(r2);
    }
    if (rc == PS_OK && format == FORMAT_JSON)
        psi_buf_puts(&out, "\n  ]\n}\n");
    if (rc < 0)
        status = cli_fail(&err);
    else if (out.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else if (chart) {
        status = chart_status ? chart_status : cli_write_output(NULL, out.data, out.len);
    } else
        status = cli_write_output(out_path, out.data, out.len);
    psi_buf_free(&out);
    if (cli_sc) {
        free(list);
        ps_scenario_free(cli_sc);
    } else
        ps_scenarios_free(list);
    ps_analysis_free(before);
    ps_condition_free(cond);
    ps_legislature_free(leg);
    ps_rule_free(rule);
    ps_free(file_text);
    if (condition != include)
        free(condition);
    free(include);
    return status;
}
