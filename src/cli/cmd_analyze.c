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
#include "cmd_coalitions.h"
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
    "  --format text|json   output format (default text)\n"
    "  --model FILE         prediction model (default data/predict-model.json;\n"
    "                       the section is left out when it cannot be read)\n"
    "  --html FILE          also write a self-contained HTML page with charts\n"
    "  -o FILE              write to FILE (atomically) instead of stdout\n";

typedef struct analysis {
    const char *path;
    ps_legislature *leg;
    ps_rule *rule;
    ps_game *game;
    char *rule_text;
    ps_power *power;
    const char *power_note;     /* why power is estimated, or NULL */
    ps_condition *none, *cond;  /* no constraint; the file's condition */
    ps_coalition_set *any, *feasible;
    ps_scenarios *scenarios;
    ps_offices *offices;
    size_t top;
    long dimension;
    const char *model;
} analysis;

static void analysis_free(analysis *a)
{
    ps_offices_free(a->offices);
    ps_scenarios_free(a->scenarios);
    ps_coalition_set_free(a->feasible);
    ps_coalition_set_free(a->any);
    ps_condition_free(a->cond);
    ps_condition_free(a->none);
    ps_power_free(a->power);
    ps_free(a->rule_text);
    ps_game_free(a->game);
    ps_rule_free(a->rule);
    ps_legislature_free(a->leg);
}

/* Exact Banzhaf and Shapley-Shubik; a rule too large for the exact methods
 * (several layers over many lists) gets Monte Carlo estimates, and says so. */
static int compute_power(analysis *a, ps_error *err)
{
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    int rc = ps_power_compute(&a->power, a->game, &opt, err);
    if (rc != PS_ERANGE)
        return rc;
    a->power_note = "The rule is too large for the exact methods here: the values are "
                    "Monte Carlo estimates (1,000,000 samples, seed 1).";
    opt.method = PS_POWER_APPROX;
    return ps_power_compute(&a->power, a->game, &opt, err);
}

static int find_coalitions(analysis *a, ps_error *err)
{
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.top = a->top;
    opt.dimension = a->dimension;
    opt.condition = a->none;
    int rc = ps_coalitions_find(&a->any, a->game, a->leg, &opt, err);
    if (rc == PS_OK && a->cond->declared) {
        opt.condition = a->cond;
        rc = ps_coalitions_find(&a->feasible, a->game, a->leg, &opt, err);
    }
    return rc;
}

static int run_analysis(analysis *a, ps_error *err)
{
    int rc = ps_legislature_load(&a->leg, a->path, err);
    if (rc == PS_OK && (a->leg->total_seats == PS_UNKNOWN || ps_legislature_party_seats(a->leg) == 0))
        rc = psi_error(err, PS_EDATA, a->path, 0, 0, "the legislature has no seats to analyse "
                                                     "(give each party a seat count)");
    if (rc == PS_OK)
        rc = ps_rule_load(&a->rule, a->path, err);
    if (rc == PS_OK)
        rc = ps_game_from_rule(&a->game, a->leg, a->rule, err);
    if (rc == PS_OK)
        rc = ps_rule_describe(&a->rule_text, a->leg, a->rule, err);
    if (rc == PS_OK)
        rc = compute_power(a, err);
    if (rc == PS_OK)
        rc = ps_condition_new(&a->none, a->leg, err);
    if (rc == PS_OK)
        rc = ps_condition_load(&a->cond, a->leg, a->path, err);
    if (rc == PS_OK)
        rc = find_coalitions(a, err);
    if (rc == PS_OK)
        rc = ps_scenarios_load(&a->scenarios, a->path, err);
    if (rc == PS_OK)
        rc = ps_offices_load(&a->offices, a->path, err);
    return rc;
}

/* The most plausible government: rank 1 of the bargaining proposition
 * (fewest parties), among those that meet the condition when there is one;
 * its members as party indices, largest first. */
static size_t government(const analysis *a, size_t *members)
{
    const ps_coalition_set *set = a->feasible ? a->feasible : a->any;
    const ps_theory_list *t = &set->theories[PS_THEORY_BARGAINING];
    if (!t->available || t->n == 0)
        return 0;
    ps_members m = set->items[t->index[0]].members;
    size_t n = 0;
    for (size_t i = 0; i < a->leg->n_parties; i++)
        if (m & PS_MEMBER(i)) {
            size_t j = n++;
            for (; j > 0 && a->leg->parties[members[j - 1]].seats < a->leg->parties[i].seats; j--)
                members[j] = members[j - 1];
            members[j] = i;
        }
    return n;
}

static coal_view view_of(const analysis *a, const ps_coalition_set *set, const ps_condition *cond)
{
    coal_view v;
    memset(&v, 0, sizeof v);
    v.leg = a->leg;
    v.game = a->game;
    v.cond = cond;
    v.set = set;
    v.rule_text = a->rule_text;
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        v.show[t] = true;
    v.top = a->top;
    return v;
}

/* Each scenario before and after; `json` selects the printer. */
static int scenarios_section(psi_buf *b, const analysis *a, bool json, ps_error *err)
{
    const char **condition = calloc(a->leg->n_communities + 1, sizeof *condition);
    if (!condition)
        return psi_enomem(err);
    size_t n_condition = 0;
    for (size_t c = 0; c < a->leg->n_communities; c++)
        if (a->cond->communities_required & PS_MEMBER(c))
            condition[n_condition++] = a->leg->communities[c].id;
    ps_analysis_options opt;
    ps_analysis_options_init(&opt);
    opt.condition = condition;
    opt.n_condition = n_condition;
    ps_analysis *before = NULL;
    int rc = ps_analysis_compute(&before, a->leg, a->rule, &opt, err);
    whatif_ctx cx = {10, a->leg, a->cond->name, condition, n_condition};
    for (size_t k = 0; rc == PS_OK && k < a->scenarios->n; k++) {
        const ps_scenario *sc = &a->scenarios->items[k];
        ps_legislature *leg2 = NULL;
        ps_rule *rule2 = NULL;
        ps_analysis *after = NULL;
        ps_scenario_diff *d = NULL;
        rc = ps_scenario_apply(&leg2, &rule2, a->leg, a->rule, sc, err);
        if (rc == PS_OK)
            rc = ps_analysis_compute(&after, leg2, rule2, &opt, err);
        if (rc == PS_OK)
            rc = ps_scenario_compare(&d, before, after, err);
        if (rc == PS_OK && json) {
            psi_buf_puts(b, k ? ",\n  " : "\n  ");
            whatif_json(b, sc, before, after, d);
        } else if (rc == PS_OK) {
            psi_buf_puts(b, k ? "\n\n" : "");
            whatif_text(b, sc, before, after, d, &cx);
        }
        ps_scenario_diff_free(d);
        ps_analysis_free(after);
        ps_rule_free(rule2);
        ps_legislature_free(leg2);
    }
    ps_analysis_free(before);
    free(condition);
    return rc;
}

static void heading(psi_buf *b, const char *title)
{
    psi_buf_printf(b, "\n== %s ==\n\n", title);
}

static int text_report(psi_buf *b, const analysis *a, ps_error *err)
{
    psi_buf_puts(b, "== The chamber ==\n\n");
    analyze_chamber_text(b, a->leg);

    heading(b, "The rule and voting power");
    power_report(b, a->leg, a->rule_text, a->power, NULL, FORMAT_TEXT, false);
    if (a->power_note)
        psi_buf_printf(b, "%s\n", a->power_note);
    psi_buf_puts(b, "\nBy community:\n");
    analyze_communities_text(b, a->leg, a->power);

    heading(b, "Who can govern");
    coal_view v = view_of(a, a->any, a->none);
    coal_text(b, &v);

    if (a->feasible) {
        char title[256];
        snprintf(title, sizeof title, "Governments that meet the condition%s%s%s",
                 a->cond->name ? ": " : "", a->cond->name ? a->cond->name : "", "");
        heading(b, title);
        v = view_of(a, a->feasible, a->cond);
        coal_text(b, &v);
    } else {
        heading(b, "Power-sharing condition");
        psi_buf_puts(b, "The file declares no \"condition\" section, so no government is held "
                        "to one.\n");
    }

    int rc = PS_OK;
    if (a->scenarios->n) {
        heading(b, "What if");
        rc = scenarios_section(b, a, false, err);
    }
    size_t *members = calloc(a->leg->n_parties, sizeof *members);
    if (!members)
        return psi_enomem(err);
    size_t n = government(a, members);
    if (rc == PS_OK && n && (a->offices->n || a->offices->posts > 0)) {
        heading(b, "Offices");
        psi_buf_puts(b, "The most plausible government is taken to be the first with the fewest "
                        "parties (bargaining proposition)");
        psi_buf_puts(b, a->feasible ? " that meets the condition.\n" : ".\n");
        rc = analyze_offices(b, a->leg, a->offices, members, n, false, err);
    }
    free(members);
    if (rc == PS_OK) {
        psi_buf part;
        ps_error perr;
        psi_buf_init(&part);
        heading(b, "Which government forms: a statistical prediction");
        if (analyze_prediction(&part, a->leg, a->model, 5, false, &perr) == PS_OK) {
            psi_buf_append(b, part.data ? part.data : "", part.len);
        } else {
            char why[PS_ERROR_FILE_MAX + PS_ERROR_MESSAGE_MAX];
            ps_error_format(&perr, why, sizeof why);
            psi_buf_printf(b, "No prediction: %s\n", why);
        }
        b->failed |= part.failed;
        psi_buf_free(&part);
    }
    return rc;
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

static int json_report(psi_buf *b, const analysis *a, ps_error *err)
{
    psi_buf part;
    psi_buf_init(&part);
    psi_buf_puts(b, "{\n  \"legislature\": ");
    psi_buf_json_string(b, a->path);
    analyze_chamber_json(&part, a->leg);
    json_member(b, "chamber", &part);
    psi_buf_free(&part);
    power_report(&part, a->leg, a->rule_text, a->power, NULL, FORMAT_JSON, false);
    json_member(b, "power", &part);
    psi_buf_free(&part);
    psi_buf_puts(b, ",\n  \"communities\": ");
    analyze_communities_json(b, a->leg, a->power);
    coal_view v = view_of(a, a->any, a->none);
    coal_json(&part, &v);
    json_member(b, "coalitions", &part);
    psi_buf_free(&part);
    if (a->feasible) {
        v = view_of(a, a->feasible, a->cond);
        coal_json(&part, &v);
        json_member(b, "coalitions_meeting_condition", &part);
        psi_buf_free(&part);
    } else {
        psi_buf_puts(b, ",\n  \"coalitions_meeting_condition\": null");
    }
    psi_buf_puts(b, ",\n  \"scenarios\": [");
    int rc = scenarios_section(b, a, true, err);
    psi_buf_puts(b, a->scenarios->n ? "\n  ],\n  \"offices\": " : "],\n  \"offices\": ");
    size_t *members = calloc(a->leg->n_parties, sizeof *members);
    if (!members)
        return psi_enomem(err);
    size_t n = government(a, members);
    if (rc == PS_OK && n && (a->offices->n || a->offices->posts > 0))
        rc = analyze_offices(b, a->leg, a->offices, members, n, true, err);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, ",\n  \"prediction\": ");
    psi_buf pred;
    ps_error perr;
    psi_buf_init(&pred);
    if (rc == PS_OK && analyze_prediction(&pred, a->leg, a->model, 5, true, &perr) == PS_OK)
        psi_buf_append(b, pred.data ? pred.data : "null", pred.data ? pred.len : 4);
    else
        psi_buf_puts(b, "null");
    b->failed |= pred.failed;
    psi_buf_free(&pred);
    psi_buf_puts(b, "\n}\n");
    free(members);
    return rc;
}

static const struct option long_options[] = {
    {"top", required_argument, NULL, 't'},
    {"dimension", required_argument, NULL, 'd'},
    {"format", required_argument, NULL, 'f'},
    {"html", required_argument, NULL, 'H'},
    {"model", required_argument, NULL, 'M'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

int cmd_analyze(int argc, char **argv)
{
    output_format format = FORMAT_TEXT;
    const char *out_path = NULL, *html_path = NULL, *dimension = NULL;
    analysis a;
    memset(&a, 0, sizeof a);
    a.top = 10;
    a.dimension = -1;
    a.model = "data/predict-model.json";
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
            a.top = (size_t)top;
            break;
        case 'd': dimension = optarg; break;
        case 'f':
            if (cli_parse_format("analyze", optarg, &format))
                return EXIT_USAGE;
            if (format == FORMAT_CSV)
                return cli_usage_error("analyze", "--format csv is not available for analyze; "
                                                  "use text or json");
            break;
        case 'H': html_path = optarg; break;
        case 'M': a.model = optarg; break;
        case 'o': out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        case ':': return cli_usage_error("analyze", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("analyze", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("analyze", "expected one legislature file");
    a.path = argv[optind];

    psi_buf out;
    psi_buf_init(&out);
    int status = EXIT_OK;
    int rc = run_analysis(&a, &err);
    if (rc == PS_OK && dimension) {
        a.dimension = ps_legislature_find_dimension(a.leg, dimension);
        if (a.dimension < 0) {
            analysis_free(&a);
            return cli_usage_error("analyze", "--dimension: no dimension '%s' in %s", dimension,
                                   a.path);
        }
        ps_coalition_set_free(a.any);
        ps_coalition_set_free(a.feasible);
        a.any = a.feasible = NULL;
        rc = find_coalitions(&a, &err);
    }
    if (rc == PS_OK)
        rc = format == FORMAT_JSON ? json_report(&out, &a, &err) : text_report(&out, &a, &err);
    if (rc < 0) {
        status = cli_fail(&err);
    } else if (out.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else {
        status = cli_write_output(out_path, out.data, out.len);
        if (status == EXIT_OK && html_path) {
            psi_buf text;
            psi_buf_init(&text);
            if (format != FORMAT_TEXT)
                text_report(&text, &a, &err);
            status = cli_html_report(html_path, a.path, a.leg->name,
                                     format == FORMAT_TEXT ? out.data : text.data);
            psi_buf_free(&text);
        }
    }
    psi_buf_free(&out);
    analysis_free(&a);
    return status;
}
