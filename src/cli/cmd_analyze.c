/*
 * cmd_analyze.c - `powershare analyze`: the main job.
 *
 * One report on a legislature file: the chamber; the decision rule and each
 * party's and community's voting power; who can govern, by each classic
 * theory; which governments meet the power-sharing condition declared in the
 * file, and whether each community is in them for substance or for show;
 * the scenarios declared in the file; the offices of the most plausible
 * government. Every section comes from a library stage; the same printers
 * serve the single-purpose commands (power, coalitions, whatif), so the
 * report says exactly what they say.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_analyze.h"
#include "cmd_whatif.h"

static const char usage_text[] =
    "usage: powershare analyze [options] LEGISLATURE.json|.csv\n"
    "\n"
    "The whole analysis of a chamber: seats and the majority line, voting power\n"
    "of each list and community, who can govern by each classic theory, which\n"
    "governments meet the file's power-sharing condition (and whether each\n"
    "community is in them for substance or for show), the file's what-if\n"
    "scenarios, and the offices of the most plausible government.\n"
    "\n"
    "  --top K              coalitions shown per theory (default 10)\n"
    "  --dimension ID       policy dimension for the theories that need one\n"
    "  --format text|json|csv  output format (default text); CSV is one table:\n"
    "  --table NAME         parties (default: seats and power), communities,\n"
    "                       coalitions, condition, scenarios, offices, prediction,\n"
    "                       government (--government's members)\n"
    "  --csv-dir DIR        write every CSV table as DIR/NAME.csv\n"
    "  --model FILE         prediction model (default: found as predict finds it:\n"
    "                       $POWERSHARE_MODEL, next to the program, the installed\n"
    "                       data folder; the section says why when there is none)\n"
    "  --government A,B,C   also judge this government (as `coalitions` judges one):\n"
    "                       does it win and meet the condition, who is critical,\n"
    "                       each member's power inside it, the exits that break it\n"
    "  --html FILE          also write a self-contained HTML page with charts\n"
    "  -o FILE              write to FILE (atomically) instead of stdout\n";

coal_view analyze_coal_view(const ps_analyze_result *r, const ps_coalition_set *set,
                            const ps_condition *cond, size_t top)
{
    coal_view v;
    memset(&v, 0, sizeof v);
    v.leg = r->leg;
    v.game = r->game;
    v.cond = cond;
    v.set = set;
    v.rule_text = r->rule_text;
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        v.show[t] = true;
    v.top = top;
    return v;
}

/* Each scenario before and after, as computed by ps_whatif_run. */
static void scenarios_section(psi_buf *b, const ps_analyze_result *r, bool json)
{
    const ps_whatif *w = r->whatif;
    whatif_ctx cx = {10, r->leg, r->condition->name, r->condition_ids, r->n_condition_ids};
    for (size_t k = 0; w && k < w->n; k++) {
        const ps_scenario_outcome *o = &w->items[k];
        if (json) {
            psi_buf_puts(b, k ? ",\n  " : "\n  ");
            whatif_json(b, o->scenario, w->before, o->after, o->diff);
        } else {
            psi_buf_puts(b, k ? "\n\n" : "");
            whatif_text(b, o->scenario, w->before, o->after, o->diff, &cx);
        }
    }
}

/* "No prediction: <reason>". When no model was found, the reason (the
 * predict stage's search) says where it looked and names --model and
 * POWERSHARE_MODEL; when the model given could not be read, it is that
 * file's error, exactly as `predict --model` gives it. */
static void prediction_missing(psi_buf *b, const char *why)
{
    psi_buf_printf(b, "No prediction: %s\n", why ? why : "no model given (--model FILE)");
}

static void heading(psi_buf *b, const char *title)
{
    psi_buf_printf(b, "\n== %s ==\n\n", title);
}

static void text_report(psi_buf *b, const ps_analyze_result *r, size_t top)
{
    psi_buf_puts(b, "== The chamber ==\n\n");
    analyze_chamber_text(b, r->leg);

    heading(b, "The rule and voting power");
    power_report(b, r->leg, r->rule_text, r->power, NULL, FORMAT_TEXT, false);
    if (r->power->note)
        psi_buf_printf(b, "%s\n", r->power->note);
    psi_buf_puts(b, "\nBy community:\n");
    analyze_communities_text(b, r);

    heading(b, "Who can govern");
    coal_view v;
    if (r->coalitions_skipped) {
        psi_buf_printf(b, "Not searched: %s. The power above takes the rule whole.\n",
                       r->coalitions_skipped);
    } else {
        v = analyze_coal_view(r, r->coalitions, r->none, top);
        coal_text(b, &v);
    }

    if (r->coalitions_skipped) {
        /* the condition judges coalitions, which were not searched */
    } else if (r->feasible) {
        char title[256];
        snprintf(title, sizeof title, "Governments that meet the condition%s%s",
                 r->condition->name ? ": " : "", r->condition->name ? r->condition->name : "");
        heading(b, title);
        v = analyze_coal_view(r, r->feasible, r->condition, top);
        coal_text(b, &v);
    } else {
        heading(b, "Power-sharing condition");
        psi_buf_puts(b, "The file declares no \"condition\" section, so no government is held "
                        "to one.\n");
    }

    if (r->whatif) {
        heading(b, "What if");
        scenarios_section(b, r, false);
    }
    if (r->portfolio) {
        heading(b, ps_formation_computes_executive(r->formation) ? "The executive: computed from the file's formation rule, not "
                                  "predicted"
                                : "Offices");
        psi_buf_printf(b, "The most plausible government is taken to be %s.\n",
                       r->government_basis);
        analyze_offices_text(b, r);
    } else if (r->offices_unmet) {
        heading(b, "Offices");
        psi_buf_printf(b, "The most plausible government is taken to be %s.\n"
                          "Its posts cannot be shared under the file's formation rule: %s.\n",
                       r->government_basis, r->offices_unmet);
    }
    heading(b, "Which government forms: a statistical prediction");
    if (r->prediction)
        analyze_prediction_text(b, r->leg, r->prediction);
    else
        prediction_missing(b, r->prediction_error);
    if (r->evaluation) {
        heading(b, "The government named (--government)");
        gov_view gv = {r->leg, r->condition, r->rule_text, r->evaluation};
        gov_text(b, &gv);
    }
}

/* Appends a printer's JSON object without its final newline. */
static void json_member(psi_buf *b, const char *key, const psi_buf *part)
{
    psi_buf_printf(b, ",\n  \"%s\": ", key);
    size_t len = part->len;
    while (len && part->data[len - 1] == '\n')
        len--;
    psi_buf_append(b, part->data ? part->data : "null", part->data ? len : 4);
}

static void json_report(psi_buf *b, const ps_analyze_result *r, size_t top)
{
    psi_buf part;
    psi_buf_init(&part);
    psi_buf_puts(b, "{\n  \"legislature\": ");
    psi_buf_json_string(b, r->source);
    analyze_chamber_json(&part, r->leg);
    json_member(b, "chamber", &part);
    psi_buf_free(&part);
    power_report(&part, r->leg, r->rule_text, r->power, NULL, FORMAT_JSON, false);
    json_member(b, "power", &part);
    psi_buf_free(&part);
    psi_buf_puts(b, ",\n  \"power_note\": ");
    if (r->power->note)
        psi_buf_json_string(b, r->power->note);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, ",\n  \"communities\": ");
    analyze_communities_json(b, r);
    coal_view v;
    if (r->coalitions) {
        v = analyze_coal_view(r, r->coalitions, r->none, top);
        coal_json(&part, &v);
        json_member(b, "coalitions", &part);
        psi_buf_free(&part);
    } else {
        psi_buf_puts(b, ",\n  \"coalitions\": null");
    }
    psi_buf_puts(b, ",\n  \"coalitions_skipped\": ");
    if (r->coalitions_skipped)
        psi_buf_json_string(b, r->coalitions_skipped);
    else
        psi_buf_puts(b, "null");
    if (r->feasible) {
        v = analyze_coal_view(r, r->feasible, r->condition, top);
        coal_json(&part, &v);
        json_member(b, "coalitions_meeting_condition", &part);
        psi_buf_free(&part);
    } else {
        psi_buf_puts(b, ",\n  \"coalitions_meeting_condition\": null");
    }
    psi_buf_puts(b, ",\n  \"scenarios\": [");
    scenarios_section(b, r, true);
    psi_buf_puts(b, r->whatif ? "\n  ],\n  \"government_basis\": " : "],\n  \"government_basis\": ");
    if (r->government_basis)
        psi_buf_json_string(b, r->government_basis);
    else
        psi_buf_puts(b, "null");
    psi_buf_printf(b, ",\n  \"executive_by_rule\": %s,\n  \"offices\": ",
                   ps_formation_computes_executive(r->formation) ? "true" : "false");
    if (r->portfolio)
        analyze_offices_json(b, r);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, ",\n  \"prediction\": ");
    if (r->prediction)
        analyze_prediction_json(b, r->leg, r->prediction);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, ",\n  \"prediction_error\": ");
    if (r->prediction_error)
        psi_buf_json_string(b, r->prediction_error);
    else
        psi_buf_puts(b, "null");
    if (r->evaluation) {
        gov_view gv = {r->leg, r->condition, r->rule_text, r->evaluation};
        gov_json(&part, &gv);
        json_member(b, "government", &part);
        psi_buf_free(&part);
    } else {
        psi_buf_puts(b, ",\n  \"government\": null");
    }
    psi_buf_puts(b, "\n}\n");
}

static const struct option long_options[] = {
    {"top", required_argument, NULL, 't'},
    {"dimension", required_argument, NULL, 'd'},
    {"format", required_argument, NULL, 'f'},
    {"html", required_argument, NULL, 'H'},
    {"table", required_argument, NULL, 'T'},
    {"csv-dir", required_argument, NULL, 'D'},
    {"model", required_argument, NULL, 'M'},
    {"government", required_argument, NULL, 'G'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Reads the file once and analyses it; a dimension the file lacks, or a
 * --government list that is not the file's ids, is a usage error, as before
 * the analysis starts. */
static int analyze_file(ps_document **doc, ps_analyze_result **res, const char *path,
                        ps_analyze_options *opt, const char *government)
{
    ps_error err;
    if (ps_document_load(doc, path, &err) < 0)
        return cli_fail(&err);
    char msg[1024];
    if (government && gov_parse_members(&opt->government, ps_document_legislature(*doc),
                                        government, msg, sizeof msg) < 0)
        return cli_usage_error("analyze", "--government: %s", msg);
    if (opt->dimension && ps_legislature_find_dimension(ps_document_legislature(*doc),
                                                        opt->dimension) < 0)
        return cli_usage_error("analyze", "--dimension: no dimension '%s' in %s", opt->dimension,
                               ps_document_source(*doc));
    if (ps_analyze(res, *doc, opt, &err) < 0)
        return cli_fail(&err);
    return EXIT_OK;
}

int cmd_analyze(int argc, char **argv)
{
    output_format format = FORMAT_TEXT;
    const char *out_path = NULL, *html_path = NULL, *table_name = NULL, *csv_dir = NULL;
    const char *government = NULL;
    long table = 0;
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    opt.model = PS_PREDICT_MODEL_SEARCH; /* looked up as predict looks it up */
    int c;
    int64_t top;
    ps_error err;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 't':
            if (ps_int64_parse(&top, optarg, &err) < 0 || top < 1)
                return cli_usage_error("analyze", "--top: expected a whole number >= 1, got '%s'",
                                       optarg);
            opt.top = (size_t)top;
            break;
        case 'd': opt.dimension = optarg; break;
        case 'f':
            if (cli_parse_format("analyze", optarg, &format))
                return EXIT_USAGE;
            break;
        case 'T':
            table_name = optarg;
            if ((table = cli_csv_find("analyze", analyze_csv_tables, ANALYZE_CSV_TABLES,
                                      optarg)) < 0)
                return EXIT_USAGE;
            break;
        case 'D': csv_dir = optarg; break;
        case 'H': html_path = optarg; break;
        case 'M': opt.model = optarg; break;
        case 'G': government = optarg; break;
        case 'o': out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        case ':': return cli_usage_error("analyze", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("analyze", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("analyze", "expected one legislature file");
    if (csv_dir && format == FORMAT_JSON)
        return cli_usage_error("analyze", "--csv-dir writes CSV tables, not --format json");
    if (csv_dir && out_path)
        return cli_usage_error("analyze", "--csv-dir names the files itself; leave out -o");
    if (csv_dir)
        format = FORMAT_CSV;
    if (table_name && format != FORMAT_CSV)
        return cli_usage_error("analyze", "--table picks a CSV table: add --format csv");
    if (!strcmp(argv[optind], "-") && opt.model && !strcmp(opt.model, "-"))
        return cli_usage_error("analyze", "standard input ('-') can be one input only: the "
                                          "legislature or --model, not both");

    ps_document *doc = NULL;
    ps_analyze_result *res = NULL;
    int status = analyze_file(&doc, &res, argv[optind], &opt, government);
    psi_buf out, text;
    psi_buf_init(&out);
    psi_buf_init(&text);
    if (status == EXIT_OK && res) {
        if (format == FORMAT_JSON)
            json_report(&out, res, opt.top);
        if (format == FORMAT_TEXT || html_path)
            text_report(&text, res, opt.top);
        analyze_csv_ctx cx = {res, opt.top};
        if (format == FORMAT_CSV && !csv_dir)
            analyze_csv_tables[table].print(&out, &cx);
        const psi_buf *main_out = format == FORMAT_TEXT ? &text : &out;
        if (out.failed || text.failed) {
            fprintf(stderr, "powershare: out of memory\n");
            status = EXIT_FAILURE_;
        } else if (csv_dir) {
            status = cli_csv_write_dir(csv_dir, analyze_csv_tables, ANALYZE_CSV_TABLES, &cx);
        } else {
            status = cli_write_output(out_path, main_out->data, main_out->len);
        }
        if (status == EXIT_OK && html_path)
            status = analyze_html(html_path, res, text.data);
    }
    psi_buf_free(&text);
    psi_buf_free(&out);
    ps_analyze_result_free(res);
    ps_document_free(doc);
    return status;
}
