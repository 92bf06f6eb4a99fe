/*
 * cmd_coalitions.c - `powershare coalitions`: which governments can form.
 *
 * Reads a legislature (or one ParlGov election), its rule ("rule" section,
 * --quota) and its power-sharing condition ("condition" section, changed
 * by --require, --exclude, --incompatible, --include-community,
 * --max-parties), runs the coalition stage and prints each theory's ranked
 * list (cmd_coalitions_out.c). The file is read once into a document
 * (document.h) that gives the chamber and both sections, so "-" and pipes
 * work. Options naming unknown parties, communities or dimensions are usage
 * errors (exit 2); faults in the file exit 3. With --evaluate A,B,C it
 * judges that one government instead (ps_government_evaluate, government.h;
 * printed by coalitions_evaluate_out.c), under the same rule, condition
 * and constraint options.
 * The search's passes are shared by --threads threads and, built with Open
 * MPI, by the ranks (cli_mpi.h): every rank computes, rank 0 alone reads
 * the legislature file (a ParlGov folder is read by each) and writes; the
 * output is the same bytes for any number of either.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_mpi.h"
#include "cmd_coalitions.h"
#include "constraints.h"
#include "quota_warning.h"

static const char usage_text[] =
    "usage: powershare coalitions [options] LEGISLATURE.json|.csv|-\n"
    "       powershare coalitions --parlgov DIR --country C --election DATE [options]\n"
    "\n"
    "The governments that can form: minimal winning coalitions that meet the\n"
    "power-sharing condition, ranked by the classic theories, with each member\n"
    "critical or surplus and each community there for substance or for show.\n"
    "The legislature file may be - for standard input.\n"
    "\n"
    "  --theory T           minimal, minimum, bargaining, connected, range,\n"
    "                       distance or all (default all)\n"
    "  --dimension ID       policy dimension for connected, range, distance and\n"
    "                       the median party\n"
    "  --top K              show ranks 1..K of each theory (default 10; 0: all,\n"
    "                       refused beyond --limit)\n"
    "  --all                also list every winning coalition meeting the condition\n"
    "  --limit N            most coalitions kept in memory (default 200000)\n"
    "  --threads N          threads sharing the search (default: the processors\n"
    "                       online); the output does not depend on it\n"
    "  --quota Q            majority, 2/3, 60%, or a number of seats\n"
    "  --require ID         this party must be in (repeatable)\n"
    "  --exclude ID         this party never joins (repeatable)\n"
    "  --incompatible A,B   A and B never govern together (repeatable)\n"
    "  --include-community C  at least one list of community C (repeatable)\n"
    "  --max-parties K      at most K parties\n"
    "  --no-condition       ignore the file's \"condition\" section\n"
    "  --evaluate A,B,C     judge this one government instead: majority, surplus,\n"
    "                       condition, critical members, communities, power\n"
    "                       inside it against seats and posts, smallest exits\n"
    "  --posts A=4,B=3      the posts each member holds (with --evaluate)\n"
    "  --parlgov DIR        read ParlGov's view_cabinet.csv from DIR, with\n"
    "  --country C          country (short name such as NLD, or full name)\n"
    "  --election DATE      election date (YYYY-MM-DD)\n"
    "  --format text|json|csv  output format (default text)\n"
    "  --chart coalitions|hemicycle  draw a chart into the -o FILE (.svg, .png,\n"
    "                       .pdf): bars of the first ten coalitions of the first\n"
    "                       theory shown; the table then goes to standard output\n"
    "  -o FILE              write to FILE (atomically) instead of stdout\n";

enum {
    OPT_THEORY = 256, OPT_DIMENSION, OPT_TOP, OPT_ALL, OPT_LIMIT, OPT_QUOTA, OPT_REQUIRE,
    OPT_EXCLUDE, OPT_INCOMPATIBLE, OPT_COMMUNITY, OPT_MAX, OPT_NO_CONDITION, OPT_PARLGOV,
    OPT_COUNTRY, OPT_ELECTION, OPT_FORMAT, OPT_CHART, OPT_EVALUATE, OPT_POSTS, OPT_THREADS
};

static const struct option long_options[] = {
    {"theory", required_argument, NULL, OPT_THEORY},
    {"dimension", required_argument, NULL, OPT_DIMENSION},
    {"top", required_argument, NULL, OPT_TOP},
    {"all", no_argument, NULL, OPT_ALL},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"quota", required_argument, NULL, OPT_QUOTA},
    {"require", required_argument, NULL, OPT_REQUIRE},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"incompatible", required_argument, NULL, OPT_INCOMPATIBLE},
    {"include-community", required_argument, NULL, OPT_COMMUNITY},
    {"max-parties", required_argument, NULL, OPT_MAX},
    {"no-condition", no_argument, NULL, OPT_NO_CONDITION},
    {"parlgov", required_argument, NULL, OPT_PARLGOV},
    {"country", required_argument, NULL, OPT_COUNTRY},
    {"election", required_argument, NULL, OPT_ELECTION},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"chart", required_argument, NULL, OPT_CHART},
    {"evaluate", required_argument, NULL, OPT_EVALUATE},
    {"posts", required_argument, NULL, OPT_POSTS},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct coal_args {
    const char *theory, *dimension, *quota, *out_path, *input;
    const char *parlgov, *country, *election;
    cli_constraints cons; /* --require ... --max-parties (constraints.c) */
    int64_t top, limit, threads;
    bool all, no_condition;
    const char *chart;
    const char *evaluate, *posts; /* --evaluate, --posts */
    output_format format;
    int rank;                     /* MPI rank: 0 alone writes */
} coal_args;

static int count_arg(const char *name, const char *text, int64_t min, int64_t *out)
{
    ps_error err;
    if (ps_int64_parse(out, text, &err) < 0)
        return cli_usage_error("coalitions", "%s: %s", name, err.message);
    if (*out < min)
        return cli_usage_error("coalitions", "%s must be at least %lld", name, (long long)min);
    return 0;
}

static int parse_args(coal_args *a, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->top = 10;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    a->threads = cpus < 1 ? 1 : cpus > 64 ? 64 : cpus; /* the library uses 64 at most */
    cli_constraints_init(&a->cons);
    int c, rc = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_THEORY: a->theory = optarg; break;
        case OPT_DIMENSION: a->dimension = optarg; break;
        case OPT_TOP: rc = count_arg("--top", optarg, 0, &a->top); break;
        case OPT_ALL: a->all = true; break;
        case OPT_LIMIT: rc = count_arg("--limit", optarg, 1, &a->limit); break;
        case OPT_THREADS:
            if (!(rc = count_arg("--threads", optarg, 1, &a->threads)) && a->threads > 1024)
                return cli_usage_error("coalitions", "--threads: at most 1024");
            break;
        case OPT_QUOTA: a->quota = optarg; break;
        case OPT_REQUIRE:
            rc = cli_constraints_parse(&a->cons, "coalitions", CLI_REQUIRE, optarg);
            break;
        case OPT_EXCLUDE:
            rc = cli_constraints_parse(&a->cons, "coalitions", CLI_EXCLUDE, optarg);
            break;
        case OPT_INCOMPATIBLE:
            rc = cli_constraints_parse(&a->cons, "coalitions", CLI_INCOMPATIBLE, optarg);
            break;
        case OPT_COMMUNITY:
            rc = cli_constraints_parse(&a->cons, "coalitions", CLI_COMMUNITY, optarg);
            break;
        case OPT_MAX:
            rc = cli_constraints_parse(&a->cons, "coalitions", CLI_MAX_PARTIES, optarg);
            break;
        case OPT_NO_CONDITION: a->no_condition = true; break;
        case OPT_PARLGOV: a->parlgov = optarg; break;
        case OPT_COUNTRY: a->country = optarg; break;
        case OPT_ELECTION: a->election = optarg; break;
        case OPT_FORMAT:
            if (cli_parse_format("coalitions", optarg, &a->format))
                return EXIT_USAGE;
            break;
        case OPT_CHART: a->chart = optarg; break;
        case OPT_EVALUATE: a->evaluate = optarg; break;
        case OPT_POSTS: a->posts = optarg; break;
        case 'o': a->out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return -1;
        case ':':
            return cli_usage_error("coalitions", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("coalitions", "unknown option '%s'", argv[optind - 1]);
        }
        if (rc)
            return rc;
    }
    if (a->posts && !a->evaluate)
        return cli_usage_error("coalitions", "--posts goes with --evaluate A,B,C");
    if (a->evaluate && (a->theory || a->all || a->chart))
        return cli_usage_error("coalitions", "--evaluate judges one government: it takes "
                                             "no --theory, --all or --chart");
    if (a->chart) {
        ps_chart_kind kind;
        ps_error err;
        if (ps_chart_kind_parse(&kind, a->chart, &err) < 0 ||
            (kind != PS_CHART_COALITIONS && kind != PS_CHART_HEMICYCLE))
            return cli_usage_error("coalitions", "--chart: expected coalitions or hemicycle");
        if (!a->out_path)
            return cli_usage_error("coalitions", "--chart needs -o FILE.svg|png|pdf");
    }
    if (a->parlgov) {
        if (optind != argc)
            return cli_usage_error("coalitions", "--parlgov takes no legislature file");
        if (!a->country || !a->election)
            return cli_usage_error("coalitions", "--parlgov needs --country and --election");
        return 0;
    }
    if (a->country || a->election)
        return cli_usage_error("coalitions", "--country and --election go with --parlgov DIR");
    if (optind != argc - 1)
        return cli_usage_error("coalitions", optind >= argc ? "expected one legislature file"
                                                            : "expected one legislature file, "
                                                              "got more");
    a->input = argv[optind];
    return 0;
}

/* The command line's constraints over the file's; unknown ids exit 2. */
static int apply_options(ps_condition *cond, const ps_legislature *leg, const coal_args *a)
{
    return cli_constraints_apply(cond, leg, &a->cons, "coalitions");
}

static int pick_dimension(long *out, const ps_legislature *leg, const char *id)
{
    *out = -1;
    if (!id)
        return 0;
    *out = ps_legislature_find_dimension(leg, id);
    if (*out >= 0)
        return 0;
    if (!leg->n_dimensions)
        return cli_usage_error("coalitions", "--dimension: unknown dimension '%s'; the "
                                             "legislature declares no policy dimension",
                               id);
    char list[512];
    size_t len = 0;
    list[0] = '\0';
    for (size_t i = 0; i < leg->n_dimensions && len + 70 < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
                                leg->dimensions[i].id);
    return cli_usage_error("coalitions", "--dimension: unknown dimension '%s'; the "
                                         "legislature declares: %s",
                           id, list);
}

typedef struct loaded {
    ps_document *doc;         /* from a file: owns the legislature */
    ps_parlgov *pg;           /* from ParlGov */
    const ps_legislature *leg;
    const ps_parlgov_case *pcase;
    ps_rule *rule;
    ps_game *game;
    ps_condition *cond;
    ps_coalition_set *set;
    char *rule_text;
} loaded;

static void loaded_free(loaded *l)
{
    ps_rule_free(l->rule);
    ps_game_free(l->game);
    ps_condition_free(l->cond);
    ps_coalition_set_free(l->set);
    ps_free(l->rule_text);
    ps_parlgov_free(l->pg); /* the legislature's owners go last */
    ps_document_free(l->doc);
}

static int load(loaded *l, const coal_args *a)
{
    ps_error err;
    if (a->parlgov) {
        if (ps_parlgov_load(&l->pg, a->parlgov, a->country, false, &err) < 0)
            return cli_fail(&err);
        if (!l->pg->n) {
            fprintf(stderr, "powershare: %s: no election of country '%s'\n", a->parlgov,
                    a->country);
            return EXIT_BAD_DATA;
        }
        l->pcase = ps_parlgov_find(l->pg, a->country, a->election);
        if (!l->pcase) {
            fprintf(stderr, "powershare: %s: no election of %s on %s; its elections:",
                    a->parlgov, a->country, a->election);
            for (size_t i = 0; i < l->pg->n; i++)
                fprintf(stderr, " %s", l->pg->cases[i].election_date);
            fprintf(stderr, "\n");
            return EXIT_BAD_DATA;
        }
        l->leg = l->pcase->leg;
        if (ps_rule_new(&l->rule) < 0 || ps_condition_new(&l->cond, l->leg, &err) < 0) {
            fprintf(stderr, "powershare: out of memory\n");
            return EXIT_FAILURE_;
        }
    } else {
        if (cli_document_load(&l->doc, a->input, &err) < 0)
            return cli_fail(&err);
        l->leg = ps_document_legislature(l->doc);
        if (l->leg->total_seats == PS_UNKNOWN || ps_legislature_party_seats(l->leg) == 0) {
            fprintf(stderr, "powershare: %s: the legislature has no seats (give each party a "
                            "seat count)\n",
                    ps_document_source(l->doc));
            return EXIT_BAD_DATA;
        }
        if (ps_rule_from_document(&l->rule, l->doc, &err) < 0)
            return cli_fail(&err);
        if (a->no_condition ? ps_condition_new(&l->cond, l->leg, &err) < 0
                            : ps_condition_from_document(&l->cond, l->doc, &err) < 0)
            return cli_fail(&err);
    }
    if (a->quota && ps_rule_set_quota(l->rule, a->quota, &err) < 0)
        return cli_usage_error("coalitions", "--quota: %s", err.message);
    cli_warn_improper_quota(l->leg, l->rule);
    if (ps_game_from_rule(&l->game, l->leg, l->rule, &err) < 0 ||
        ps_rule_describe(&l->rule_text, l->leg, l->rule, &err) < 0)
        return cli_fail(&err);
    return apply_options(l->cond, l->leg, a);
}

/* The chart of --chart: up to ten coalitions of the first theory shown that
 * has any, as bars against the majority line; or the hemicycle. */
static int draw_chart(const coal_args *a, const loaded *l, const coal_view *v)
{
    ps_error err;
    ps_chart_kind kind;
    ps_chart_kind_parse(&kind, a->chart, &err);
    ps_members masks[10];
    size_t n = 0;
    for (int t = 0; t < PS_THEORY_COUNT && n == 0; t++) {
        const ps_theory_list *list = &l->set->theories[t];
        if (!v->show[t] || !list->available)
            continue;
        for (size_t i = 0; i < list->n && n < 10; i++)
            masks[n++] = l->set->items[list->index[i]].members;
    }
    ps_report_data d;
    memset(&d, 0, sizeof d);
    d.quota = l->rule->quota;
    ps_chart_coalition *items = NULL;
    int status = EXIT_OK;
    if (kind == PS_CHART_COALITIONS) {
        if (cli_coalition_items(&items, l->game, l->leg, l->cond, masks, n, &err) < 0)
            return cli_fail(&err);
        d.coalitions = items;
        d.n_coalitions = n;
    }
    ps_chart *chart = NULL;
    if (ps_report_chart(&chart, kind, l->leg, &d, &err) < 0)
        status = cli_fail(&err);
    else
        status = cli_chart_write(chart, a->out_path, 1.0);
    ps_chart_free(chart);
    cli_coalition_items_free(items, n);
    ps_report_shutdown();
    return status;
}

/* --evaluate: the one government, judged and printed. */
static int evaluate(const coal_args *a, const loaded *l)
{
    char msg[1024];
    ps_members members;
    if (gov_parse_members(&members, l->leg, a->evaluate, msg, sizeof msg) < 0)
        return cli_usage_error("coalitions", "--evaluate: %s", msg);
    int64_t *posts = NULL;
    if (a->posts) {
        posts = calloc(l->leg->n_parties, sizeof *posts);
        if (!posts) {
            fprintf(stderr, "powershare: out of memory\n");
            return EXIT_FAILURE_;
        }
        if (gov_parse_posts(posts, l->leg, members, a->posts, msg, sizeof msg) < 0) {
            free(posts);
            return cli_usage_error("coalitions", "--posts: %s", msg);
        }
    }
    ps_error err;
    ps_government *gov = NULL;
    int rc = ps_government_evaluate(&gov, l->game, l->leg, l->cond, members, posts, &err);
    free(posts);
    if (rc < 0)
        return cli_fail(&err);
    gov_view v = {l->leg, l->cond, l->rule_text, gov};
    psi_buf out;
    psi_buf_init(&out);
    if (a->format == FORMAT_JSON)
        gov_json(&out, &v);
    else if (a->format == FORMAT_CSV)
        gov_csv(&out, &v);
    else
        gov_text(&out, &v);
    int status = EXIT_OK;
    if (out.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else if (a->rank == 0) {
        status = cli_write_output(a->out_path, out.data, out.len);
    }
    psi_buf_free(&out);
    ps_government_free(gov);
    return status;
}

static int run_coalitions(int argc, char **argv, int rank, int n_ranks);

int cmd_coalitions(int argc, char **argv)
{
    return cli_mpi_run(run_coalitions, argc, argv);
}

/* The command in one MPI rank (or alone): every rank computes, rank 0
 * writes. */
static int run_coalitions(int argc, char **argv, int rank, int n_ranks)
{
    (void)n_ranks; /* the library splits the work through cli_mpi_share() */
    coal_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status < 0 ? EXIT_OK : status;
    a.rank = rank;
    coal_view v;
    memset(&v, 0, sizeof v);
    if (!a.theory || !strcmp(a.theory, "all")) {
        for (int t = 0; t < PS_THEORY_COUNT; t++)
            v.show[t] = true;
    } else {
        ps_theory t;
        ps_error err;
        if (ps_theory_parse(&t, a.theory, &err) < 0)
            return cli_usage_error("coalitions", "--theory: %s, or all", err.message);
        if (ps_theory_needs_dimension(t) && !a.dimension && !a.parlgov)
            return cli_usage_error("coalitions", "--theory %s needs --dimension ID", a.theory);
        v.show[t] = true;
    }
    loaded l;
    memset(&l, 0, sizeof l);
    if ((status = load(&l, &a)) != 0 || a.evaluate) {
        if (!status)
            status = evaluate(&a, &l);
        loaded_free(&l);
        return status;
    }
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.condition = l.cond;
    opt.all = a.all;
    opt.top = (size_t)a.top;
    opt.limit = (size_t)a.limit;
    opt.threads = (unsigned)a.threads;
    opt.share = cli_mpi_share();
    const char *dim = a.dimension ? a.dimension
                      : l.pcase && l.pcase->positions_complete ? "left_right" : NULL;
    if ((status = pick_dimension(&opt.dimension, l.leg, dim)) != 0) {
        loaded_free(&l);
        return status;
    }
    ps_error err;
    ps_coalition actual;
    if (ps_coalitions_find(&l.set, l.game, l.leg, &opt, &err) < 0 ||
        (l.pcase && ps_coalition_describe(&actual, l.game, l.leg, NULL, opt.dimension,
                                          l.pcase->cabinet, &err) < 0)) {
        status = cli_fail(&err);
        loaded_free(&l);
        return status;
    }
    char label[300];
    if (l.pcase) {
        snprintf(label, sizeof label, "%s, from %s", l.pcase->cabinet_name,
                 l.pcase->cabinet_start);
        v.actual = &actual;
        v.actual_label = label;
    }
    v.leg = l.leg;
    v.game = l.game;
    v.cond = l.cond;
    v.set = l.set;
    v.rule_text = l.rule_text;
    v.top = (size_t)a.top;
    v.all = a.all;
    psi_buf out;
    psi_buf_init(&out);
    if (a.format == FORMAT_JSON)
        coal_json(&out, &v);
    else if (a.format == FORMAT_CSV)
        coal_csv(&out, &v);
    else
        coal_text(&out, &v);
    if (out.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else if (rank != 0) {
        status = EXIT_OK; /* rank 0 writes */
    } else if (a.chart) {
        status = draw_chart(&a, &l, &v);
        if (status == EXIT_OK)
            status = cli_write_output(NULL, out.data, out.len);
    } else {
        status = cli_write_output(a.out_path, out.data, out.len);
    }
    psi_buf_free(&out);
    loaded_free(&l);
    return status;
}
