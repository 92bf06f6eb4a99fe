/*
 * cmd_chart.c - `powershare chart KIND FILE -o OUT.svg|png|pdf`.
 *
 * The command gathers what each chart needs from the stages (the rule and
 * its game, power indices, coalitions, a what-if scenario) and hands plain
 * arrays to the report stage, which lays out and renders. The legislature
 * file is read once into a document (document.h) that gives the chamber,
 * its rule and its condition, so "-" (standard input) and pipes work. The
 * helpers at the top (cli_chart_*) are shared with the other commands'
 * --chart option and with `powershare serve`.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: powershare chart hemicycle|coalitions|power|whatif [options] LEGISLATURE\n"
    "\n"
    "Draws a chart of a legislature: SVG written directly, PNG and PDF through\n"
    "cairo (the format comes from the -o file name; standard output gets SVG).\n"
    "LEGISLATURE may be - for standard input.\n"
    "\n"
    "  hemicycle    the chamber as an arch, majority line (and --quota2 line)\n"
    "  coalitions   stacked bars: critical members solid, surplus hatched\n"
    "  power        Banzhaf and Shapley-Shubik against seat share\n"
    "  whatif       power before and after a change (--remove, --vacate, --move,\n"
    "               --merge), per party and per community\n"
    "\n"
    "  -o FILE            write to FILE.svg, FILE.png or FILE.pdf (atomically)\n"
    "  --quota Q          the majority line / the rule's quota (default: the\n"
    "                     file's rule, else majority); e.g. 2/3, 60%, 165\n"
    "  --quota2 Q         a second line on the hemicycle, e.g. 2/3\n"
    "  --dimension D      hemicycle order by this policy dimension\n"
    "  --coalition A,B,C  a coalition to draw (repeatable; default: the ten with"
    "                     fewest seats among the minimal winning ones that meet\n"
    "                     the file's condition)\n"
    "  --remove P, --vacate P, --move A:B:K, --merge A,B\n"
    "                     the change for whatif (repeatable, applied in order)\n"
    "  --scale X          PNG pixels per SVG unit (default 1)\n";

int cli_chart_write(const ps_chart *chart, const char *path, double scale)
{
    ps_error err;
    ps_chart_format format = PS_CHART_SVG;
    if (path && strcmp(path, "-") && ps_chart_format_from_path(&format, path, &err) < 0)
        return cli_fail(&err);
    unsigned char *data = NULL;
    size_t len = 0;
    if (ps_chart_render(&data, &len, chart, format, scale, &err) < 0)
        return cli_fail(&err);
    int status = cli_write_output(path, (const char *)data, len);
    ps_free(data);
    return status;
}

int cli_power_shares(double *banzhaf, double *shapley, const ps_legislature *leg,
                     const ps_rule *rule, size_t max_enumerate, ps_error *err)
{
    ps_game *game = NULL;
    ps_power *power = NULL;
    int rc = ps_game_from_rule(&game, leg, rule, err);
    if (rc < 0)
        return rc;
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    if (max_enumerate)
        opt.max_enumerate = max_enumerate;
    opt.max_memory = (size_t)256 << 20;
    /* A chart draws bars, not fractions: beyond the exact programs' limits
     * (256 MB here), Monte Carlo estimates (a few thousandths either way
     * at the default samples) draw the same picture, and the note says so
     * on standard error. */
    opt.method = PS_POWER_BEST;
    rc = ps_power_compute(&power, game, &opt, err);
    if (rc == 0 && power->note)
        fprintf(stderr, "powershare: note: %s\n", power->note);
    if (rc == 0)
        for (size_t i = 0; i < leg->n_parties; i++) {
            banzhaf[i] = power->values[PS_BANZHAF] ? power->values[PS_BANZHAF][i].value : 0;
            shapley[i] = power->values[PS_SHAPLEY_SHUBIK]
                             ? power->values[PS_SHAPLEY_SHUBIK][i].value
                             : 0;
        }
    ps_power_free(power);
    ps_game_free(game);
    return rc;
}

void cli_coalition_items_free(ps_chart_coalition *cs, size_t n)
{
    for (size_t k = 0; cs && k < n; k++) {
        free((void *)cs[k].members);
        free((void *)cs[k].critical);
    }
    free(cs);
}

int cli_coalition_items(ps_chart_coalition **out, const ps_game *game, const ps_legislature *leg,
                        const ps_condition *cond, const ps_members *masks, size_t n,
                        ps_error *err)
{
    int rc = 0;
    ps_chart_coalition *cs = calloc(n ? n : 1, sizeof *cs);
    *out = NULL;
    if (!cs)
        return psi_enomem(err);
    for (size_t k = 0; rc == 0 && k < n; k++) {
        ps_coalition d;
        rc = ps_coalition_describe(&d, game, leg, cond, -1, masks[k], err);
        if (rc < 0)
            break;
        size_t *members = calloc(64, sizeof *members);
        bool *critical = calloc(64, sizeof *critical);
        if (!members || !critical) {
            free(members);
            free(critical);
            rc = psi_enomem(err);
            break;
        }
        size_t m = 0;
        /* biggest first, so the bar reads like the chamber */
        for (size_t i = 0; i < leg->n_parties && i < 64; i++)
            if (masks[k] & PS_MEMBER(i)) {
                size_t j = m++;
                for (; j > 0 && leg->parties[members[j - 1]].seats < leg->parties[i].seats; j--)
                    members[j] = members[j - 1];
                members[j] = i;
            }
        for (size_t j = 0; j < m; j++)
            critical[j] = (d.critical & PS_MEMBER(members[j])) != 0;
        cs[k].members = members;
        cs[k].critical = critical;
        cs[k].n_members = m;
    }
    if (rc < 0) {
        cli_coalition_items_free(cs, n);
        return rc;
    }
    *out = cs;
    return PS_OK;
}

typedef struct chart_args {
    const char *quota, *quota2, *dimension;
    char **coalitions;
    size_t n_coalitions;
    ps_scenario *scenario;
    size_t n_steps;
} chart_args;

/* The coalitions to draw, as ps_chart_coalition with critical flags from the
 * coalition stage. Arrays are allocated here and freed by free_coalitions. */
static int coalitions_of(ps_chart_coalition **out, size_t *n_out, const ps_document *doc,
                         const ps_rule *rule, const chart_args *a, ps_error *err)
{
    const ps_legislature *leg = ps_document_legislature(doc);
    const char *path = ps_document_source(doc);
    ps_game *game = NULL;
    ps_condition *cond = NULL;
    ps_coalition_set *set = NULL;
    ps_members *masks = NULL;
    size_t n = 0;
    int rc = ps_game_from_rule(&game, leg, rule, err);
    if (rc == 0)
        rc = ps_condition_from_document(&cond, doc, err);
    if (rc == 0 && a->n_coalitions) {
        masks = calloc(a->n_coalitions, sizeof *masks);
        rc = masks ? 0 : psi_enomem(err);
        for (size_t k = 0; rc == 0 && k < a->n_coalitions; k++) {
            char *list = a->coalitions[k], *save = NULL;
            for (char *id = strtok_r(list, ",", &save); id && rc == 0;
                 id = strtok_r(NULL, ",", &save)) {
                long i = ps_legislature_find_party(leg, id);
                if (i < 0)
                    rc = psi_error(err, PS_EDATA, path, 0, 0, "--coalition: no party '%s'", id);
                else if (i >= 64)
                    rc = psi_error(err, PS_ERANGE, path, 0, 0, "more than 64 parties");
                else
                    masks[k] |= PS_MEMBER(i);
            }
        }
        n = a->n_coalitions;
    } else if (rc == 0) {
        ps_coalition_options opt;
        ps_coalition_options_init(&opt);
        opt.condition = cond;
        opt.top = 10;
        rc = ps_coalitions_find(&set, game, leg, &opt, err);
        if (rc == 0) {
            const ps_theory_list *t = &set->theories[PS_THEORY_BARGAINING];
            n = t->n; /* the ten best (cppcheck 2.10 misreads the ?: form) */
            if (n > 10)
                n = 10;
            if (n == 0)
                rc = psi_error(err, PS_EDATA, path, 0, 0,
                               "no winning coalition meets the condition");
            else if (!(masks = calloc(n, sizeof *masks)))
                rc = psi_enomem(err);
            for (size_t k = 0; rc == 0 && k < n; k++)
                masks[k] = set->items[t->index[k]].members;
        }
    }
    ps_chart_coalition *cs = NULL;
    if (rc == 0)
        rc = cli_coalition_items(&cs, game, leg, cond, masks, n, err);
    free(masks);
    ps_coalition_set_free(set);
    ps_condition_free(cond);
    ps_game_free(game);
    *out = cs;
    *n_out = rc < 0 ? 0 : n;
    return rc;
}

static int make_chart(ps_chart **out, ps_chart_kind kind, const ps_document *doc, chart_args *a,
                      ps_error *err)
{
    const ps_legislature *leg = ps_document_legislature(doc);
    const char *path = ps_document_source(doc);
    ps_legislature *after = NULL;
    ps_rule *rule = NULL, *after_rule = NULL;
    double *values = NULL;
    ps_chart_coalition *cs = NULL;
    size_t n_cs = 0;
    int rc = ps_rule_from_document(&rule, doc, err);
    if (rc == 0 && a->quota && kind != PS_CHART_HEMICYCLE)
        rc = ps_rule_set_quota(rule, a->quota, err);
    if (rc != 0) /* != rather than <: the tests above go on only on 0 */
        goto done;
    if (leg->total_seats == PS_UNKNOWN) {
        rc = psi_error(err, PS_EDATA, path, 0, 0, "the legislature has no seat counts");
        goto done;
    }
    size_t n = leg->n_parties;
    ps_report_data d;
    memset(&d, 0, sizeof d);
    d.quota = a->quota ? a->quota : rule->quota;
    d.quota2 = a->quota2;
    d.dimension = a->dimension;
    if (kind == PS_CHART_POWER || kind == PS_CHART_WHATIF) {
        values = calloc(2 * n + 2, sizeof *values);
        if (!values) {
            rc = psi_enomem(err);
            goto done;
        }
        if ((rc = cli_power_shares(values, values + n, leg, rule, 0, err)) < 0)
            goto done;
        d.banzhaf = values;
        d.shapley = values + n;
    }
    if (kind == PS_CHART_WHATIF) {
        if (!a->n_steps) {
            rc = psi_error(err, PS_EINVAL, NULL, 0, 0,
                           "whatif needs a change: --remove, --vacate, --move or --merge");
            goto done;
        }
        if ((rc = ps_scenario_apply(&after, &after_rule, leg, rule, a->scenario, err)) < 0)
            goto done;
        double *av = calloc(2 * after->n_parties + 2, sizeof *av);
        if (!av) {
            rc = psi_enomem(err);
            goto done;
        }
        rc = cli_power_shares(av, av + after->n_parties, after, after_rule, 0, err);
        if (rc == 0) {
            d.after = after;
            d.after_values = av;
            d.measure = "Banzhaf";
            rc = ps_report_chart(out, kind, leg, &d, err);
        }
        free(av);
        goto done;
    }
    if (kind == PS_CHART_COALITIONS) {
        if ((rc = coalitions_of(&cs, &n_cs, doc, rule, a, err)) < 0)
            goto done;
        d.coalitions = cs;
        d.n_coalitions = n_cs;
    }
    rc = ps_report_chart(out, kind, leg, &d, err);
done:
    cli_coalition_items_free(cs, n_cs);
    free(values);
    ps_rule_free(after_rule);
    ps_legislature_free(after);
    ps_rule_free(rule);
    return rc;
}

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},  {"quota", required_argument, NULL, 'q'},
    {"quota2", required_argument, NULL, 'Q'},  {"dimension", required_argument, NULL, 'd'},
    {"coalition", required_argument, NULL, 'c'}, {"remove", required_argument, NULL, 'r'},
    {"vacate", required_argument, NULL, 'v'},  {"move", required_argument, NULL, 'm'},
    {"merge", required_argument, NULL, 'M'},   {"scale", required_argument, NULL, 's'},
    {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};

int cmd_chart(int argc, char **argv)
{
    const char *out_path = NULL;
    double scale = 1;
    chart_args a;
    memset(&a, 0, sizeof a);
    char *coal[64];
    a.coalitions = coal;
    ps_error err;
    if (ps_scenario_new(&a.scenario, "what if") < 0) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    int c, status = EXIT_OK;
    opterr = 0;
    while (status == EXIT_OK &&
           (c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
        ps_step_kind step = PS_STEP_KIND_COUNT;
        switch (c) {
        case 'o': out_path = optarg; break;
        case 'q': a.quota = optarg; break;
        case 'Q': a.quota2 = optarg; break;
        case 'd': a.dimension = optarg; break;
        case 'c':
            if (a.n_coalitions == 64)
                status = cli_usage_error("chart", "at most 64 --coalition options");
            else
                a.coalitions[a.n_coalitions++] = optarg;
            break;
        case 'r': step = PS_STEP_REMOVE; break;
        case 'v': step = PS_STEP_VACATE; break;
        case 'm': step = PS_STEP_MOVE; break;
        case 'M': step = PS_STEP_MERGE; break;
        case 's': {
            char *end;
            scale = strtod(optarg, &end);
            if (*end || !(scale > 0 && scale <= 8))
                status = cli_usage_error("chart", "--scale wants a number in (0, 8]");
            break;
        }
        case 'h':
            fputs(usage_text, stdout);
            ps_scenario_free(a.scenario);
            return EXIT_OK;
        case ':': status = cli_usage_error("chart", "option '%s' needs a value", argv[optind - 1]); break;
        default: status = cli_usage_error("chart", "unknown option '%s'", argv[optind - 1]);
        }
        if (step != PS_STEP_KIND_COUNT) {
            if (ps_scenario_add_text(a.scenario, step, optarg, &err) < 0)
                status = cli_usage_error("chart", "%s", err.message);
            a.n_steps++;
        }
    }
    ps_chart_kind kind = PS_CHART_HEMICYCLE;
    if (status == EXIT_OK && optind != argc - 2)
        status = cli_usage_error("chart", "expected a chart kind and one legislature file");
    if (status == EXIT_OK && ps_chart_kind_parse(&kind, argv[optind], &err) < 0)
        status = cli_usage_error("chart", "%s", err.message);
    ps_chart_format format;
    if (status == EXIT_OK && out_path && strcmp(out_path, "-") &&
        ps_chart_format_from_path(&format, out_path, &err) < 0)
        status = cli_usage_error("chart", "%s", err.message);
    if (status != EXIT_OK) {
        ps_scenario_free(a.scenario);
        return status;
    }
    ps_chart *chart = NULL;
    ps_document *doc = NULL;
    if (ps_document_load(&doc, argv[optind + 1], &err) < 0 ||
        make_chart(&chart, kind, doc, &a, &err) < 0)
        status = cli_fail(&err);
    else
        status = cli_chart_write(chart, out_path, scale);
    ps_chart_free(chart);
    ps_document_free(doc);
    ps_scenario_free(a.scenario);
    ps_report_shutdown();
    return status;
}
