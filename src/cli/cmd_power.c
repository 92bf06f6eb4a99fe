/*
 * cmd_power.c - `powershare power`: voting power indices of a chamber.
 *
 * The rule comes from the legislature file's "rule" section, changed by the
 * options; it is compiled into a game (rule.h) whose indices the power stage
 * computes (power.h). The file is read once into a document (document.h),
 * which gives both the chamber and its rule, so "-" and pipes work. With
 * --weights the game is a textbook weighted game and no file is read.
 * Built with Open MPI, the ranks share the exact programs' residues and the
 * Monte Carlo blocks (cli_mpi.h); the output is the same bytes for any
 * number of ranks.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_mpi.h"
#include "quota_warning.h"
#include "rule_options.h"

/* Whether some subset of the n weights sums to a value in [lo, hi], by a
 * bitset of reachable sums (total bits). -1 when out of memory. */
static int subset_sum_in(const int64_t *w, size_t n, int64_t total, int64_t lo, int64_t hi)
{
    size_t words = (size_t)total / 64 + 1;
    uint64_t *bits = calloc(words, sizeof *bits);
    if (!bits)
        return -1;
    bits[0] = 1;
    for (size_t i = 0; i < n; i++) {
        size_t sh = (size_t)w[i] / 64, r = (size_t)w[i] % 64;
        if (w[i] == 0)
            continue;
        for (size_t k = words; k-- > sh;) { /* bits |= bits << w[i], high words first */
            uint64_t v = bits[k - sh] << r;
            if (r && k - sh > 0)
                v |= bits[k - sh - 1] >> (64 - r);
            bits[k] |= v;
        }
    }
    int found = 0;
    for (int64_t x = lo; x <= hi && !found; x++)
        found = (int)((bits[(size_t)x / 64] >> ((size_t)x % 64)) & 1u);
    free(bits);
    return found;
}

void cli_warn_improper_quota(const ps_legislature *leg, const ps_rule *rule)
{
    ps_error err;
    if (!leg || !rule || !rule->quota || leg->total_seats <= 0)
        return;
    int64_t base = leg->total_seats - (rule->of_present && leg->vacant_seats > 0
                                           ? leg->vacant_seats : 0);
    int64_t q, held = 0;
    if (base <= 0 || ps_quota_parse(&q, rule->quota, base, &err) < 0 || q <= 0)
        return;
    int64_t *w = calloc(leg->n_parties ? leg->n_parties : 1, sizeof *w);
    if (!w)
        return;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (leg->parties[i].seats < 0 || leg->parties[i].seats > INT64_MAX / 2 - held) {
            free(w);
            return;
        }
        w[i] = leg->parties[i].seats;
        held += w[i];
    }
    int can = 2 * q <= held;
    if (can && held < ((int64_t)1 << 24))
        can = subset_sum_in(w, leg->n_parties, held, q, held - q);
    free(w);
    if (can > 0)
        fprintf(stderr, "powershare: warning: quota %s is %lld of %lld seats: two disjoint "
                        "coalitions can both reach it, so rival decisions could both pass "
                        "(the game is not proper)\n",
                rule->quota, (long long)q, (long long)base);
}

/* Draws the chart asked for with --chart into path. */
static int draw_chart(ps_chart_kind kind, const ps_legislature *leg, const ps_rule *rule,
                      const ps_power *power, const char *path)
{
    ps_error err;
    ps_report_data d;
    memset(&d, 0, sizeof d);
    d.quota = rule->quota;
    double *bz = calloc(leg->n_parties ? leg->n_parties : 1, sizeof *bz);
    double *ss = calloc(leg->n_parties ? leg->n_parties : 1, sizeof *ss);
    int status = EXIT_OK;
    if (!bz || !ss) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    if (power->values[PS_BANZHAF] && power->values[PS_SHAPLEY_SHUBIK]) {
        for (size_t i = 0; i < leg->n_parties; i++) {
            bz[i] = power->values[PS_BANZHAF][i].value;
            ss[i] = power->values[PS_SHAPLEY_SHUBIK][i].value;
        }
        d.banzhaf = bz;
        d.shapley = ss;
    }
    ps_chart *chart = NULL;
    if (ps_report_chart(&chart, kind, leg, &d, &err) < 0) {
        status = cli_fail(&err);
        goto done;
    }
    status = cli_chart_write(chart, path, 1.0);
    ps_chart_free(chart);
done:
    free(bz);
    free(ss);
    ps_report_shutdown();
    return status;
}

static const char usage_text[] =
    "usage: powershare power [options] LEGISLATURE.json|.csv|-\n"
    "       powershare power --weights 4,4,4,2,2,1 --quota 12 [options]\n"
    "\n"
    "Voting power of each party under the chamber's decision rule.\n"
    "The legislature file may be - for standard input.\n"
    "\n"
    "  --index LIST         comma-separated indices, or all (default): banzhaf,\n"
    "                       banzhaf_raw, penrose, shapley_shubik, deegan_packel,\n"
    "                       holler, johnston, coleman_prevent, coleman_initiate\n"
    "  --quota Q            majority, 2/3, 60%, or a number of seats\n"
    "  --of present         a share quota of the seats filled, not of all seats\n"
    "  --consent C          community C's own majority must agree (repeatable)\n"
    "  --presence C         at least one list of community C (repeatable)\n"
    "  --veto PARTY         PARTY must agree (repeatable)\n"
    "  --min-parties K      at least K parties\n"
    "  --layer W:Q          a further layer: weights seats|votes|parties|DIMENSION,\n"
    "                       quota Q (e.g. votes:50%)\n"
    "  --or SPEC            an alternative: a coalition also wins when it meets\n"
    "                       SPEC, conditions KEY=VALUE joined by commas (quota,\n"
    "                       of, min-parties, consent, presence, veto, layer) or a\n"
    "                       bare quota: --or 24, --or 'quota=2/3,veto=A' (repeatable)\n"
    "  --weights W1,W2,...  a weighted game without a file (with --quota)\n"
    "  --exact              print every index as a reduced fraction\n"
    "  --approx             Monte Carlo estimates with confidence intervals\n"
    "  --samples N          Monte Carlo samples (default 1000000)\n"
    "  --confidence C       confidence of the intervals (default 0.99)\n"
    "  --seed S             Monte Carlo seed (default 1)\n"
    "  --enumerate          exact by enumerating every coalition (a cross-check)\n"
    "  --float              banzhaf, penrose and shapley_shubik in double precision,\n"
    "                       each with a proven error bound (one weighted layer)\n"
    "  --threads N          threads for the exact programs, --float and the Monte\n"
    "                       Carlo samples\n"
    "  --max-work N         most cell updates of an exact program in one process\n"
    "                       (default 1e12, about ten minutes of one core)\n"
    "  --max-memory BYTES   most bytes of an exact program's tables in one process\n"
    "                       (default 2^31); under mpirun a larger Shapley-Shubik\n"
    "                       table is held by all the processes together\n"
    "  --union A,B,...      these lists enter as a pre-formed bloc (repeatable):\n"
    "                       adds Owen and Banzhaf-Owen values\n"
    "  --unions-by-community  every community's lists form one bloc\n"
    "  --format text|json|csv   output format (default text)\n"
    "  --chart power|hemicycle  draw a chart into the -o FILE (.svg, .png, .pdf);\n"
    "                       the table then goes to standard output\n"
    "  -o FILE              write to FILE (atomically) instead of stdout\n";

#define MAX_UNIONS 64

typedef struct power_args {
    ps_rule *rule;
    char *unions[MAX_UNIONS]; /* argv strings; their commas become '+' */
    size_t n_unions;
    bool unions_by_community;
    ps_power_options opt;
    const char *weights;
    const char *quota;
    bool exact_fractions;
    bool chart_given;
    ps_chart_kind chart;
    output_format format;
    const char *out_path;
    const char *input;
} power_args;

enum {
    OPT_INDEX = 256,
    OPT_QUOTA,
    OPT_OF,
    OPT_CONSENT,
    OPT_PRESENCE,
    OPT_VETO,
    OPT_MIN_PARTIES,
    OPT_LAYER,
    OPT_OR,
    OPT_WEIGHTS,
    OPT_EXACT,
    OPT_APPROX,
    OPT_SAMPLES,
    OPT_CONFIDENCE,
    OPT_SEED,
    OPT_ENUMERATE,
    OPT_THREADS,
    OPT_MAX_WORK,
    OPT_MAX_MEMORY,
    OPT_FORMAT,
    OPT_CHART,
    OPT_UNION,
    OPT_UNIONS_BY_COMMUNITY,
    OPT_FLOAT
};

static const struct option long_options[] = {
    {"index", required_argument, NULL, OPT_INDEX},
    {"quota", required_argument, NULL, OPT_QUOTA},
    {"of", required_argument, NULL, OPT_OF},
    {"consent", required_argument, NULL, OPT_CONSENT},
    {"presence", required_argument, NULL, OPT_PRESENCE},
    {"veto", required_argument, NULL, OPT_VETO},
    {"min-parties", required_argument, NULL, OPT_MIN_PARTIES},
    {"layer", required_argument, NULL, OPT_LAYER},
    {"or", required_argument, NULL, OPT_OR},
    {"weights", required_argument, NULL, OPT_WEIGHTS},
    {"exact", no_argument, NULL, OPT_EXACT},
    {"approx", no_argument, NULL, OPT_APPROX},
    {"samples", required_argument, NULL, OPT_SAMPLES},
    {"confidence", required_argument, NULL, OPT_CONFIDENCE},
    {"seed", required_argument, NULL, OPT_SEED},
    {"enumerate", no_argument, NULL, OPT_ENUMERATE},
    {"float", no_argument, NULL, OPT_FLOAT},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"max-work", required_argument, NULL, OPT_MAX_WORK},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"chart", required_argument, NULL, OPT_CHART},
    {"union", required_argument, NULL, OPT_UNION},
    {"unions-by-community", no_argument, NULL, OPT_UNIONS_BY_COMMUNITY},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static int count_arg(const char *name, const char *text, int64_t min, int64_t *out)
{
    ps_error err;
    if (ps_int64_parse(out, text, &err) < 0)
        return cli_usage_error("power", "%s: %s", name, err.message);
    if (*out < min)
        return cli_usage_error("power", "%s must be at least %lld", name, (long long)min);
    return 0;
}

/* A limit such as 1e12 (--max-work, --max-memory): a number from 1 to
 * 1e18; what it counts is named in the message. */
static int limit_arg(const char *name, const char *what, const char *text, double *out)
{
    char *end = NULL;
    *out = strtod(text, &end);
    if (end == text || *end || !(*out >= 1) || *out > 1e18)
        return cli_usage_error("power", "%s: expected a number of %s, got '%s'", name, what,
                               text);
    return 0;
}

static int rule_arg(power_args *a, int c, const char *text)
{
    ps_error err;
    int rc = PS_OK;
    switch (c) {
    case OPT_CONSENT: rc = ps_rule_add_name(a->rule, PS_RULE_CONSENT, text, &err); break;
    case OPT_PRESENCE: rc = ps_rule_add_name(a->rule, PS_RULE_PRESENCE, text, &err); break;
    case OPT_VETO: rc = ps_rule_add_name(a->rule, PS_RULE_VETO, text, &err); break;
    case OPT_LAYER: rc = ps_rule_add_layer(a->rule, text, &err); break;
    default: break;
    }
    if (rc == PS_ENOMEM)
        return cli_fail(&err);
    return rc < 0 ? cli_usage_error("power", "%s", err.message) : 0;
}

/* Returns -1 after --help, 0 when parsed, else an exit code. The rule
 * options are collected into a->rule, applied over the file's rule later. */
static int parse_args(power_args *a, int argc, char **argv)
{
    ps_error err;
    int64_t n;
    double x;
    int c, rc;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_INDEX:
            if (ps_index_parse(&a->opt.indices, optarg, &err) < 0)
                return cli_usage_error("power", "--index: %s", err.message);
            break;
        case OPT_QUOTA: a->quota = optarg; break;
        case OPT_OF:
            if (strcmp(optarg, "present") && strcmp(optarg, "all"))
                return cli_usage_error("power", "--of: expected all or present, got '%s'", optarg);
            a->rule->of_present = !strcmp(optarg, "present");
            break;
        case OPT_CONSENT:
        case OPT_PRESENCE:
        case OPT_VETO:
        case OPT_LAYER:
            if ((rc = rule_arg(a, c, optarg)))
                return rc;
            break;
        case OPT_OR:
            if ((rc = cli_rule_or(a->rule, "power", optarg)))
                return rc;
            break;
        case OPT_MIN_PARTIES:
            if (count_arg("--min-parties", optarg, 1, &a->rule->min_parties))
                return EXIT_USAGE;
            break;
        case OPT_WEIGHTS: a->weights = optarg; break;
        case OPT_EXACT: a->exact_fractions = true; break;
        case OPT_APPROX: a->opt.method = PS_POWER_APPROX; break;
        case OPT_ENUMERATE: a->opt.method = PS_POWER_ENUMERATE; break;
        case OPT_FLOAT: a->opt.method = PS_POWER_FLOAT; break;
        case OPT_SAMPLES:
            if (count_arg("--samples", optarg, 1, &n))
                return EXIT_USAGE;
            a->opt.samples = (uint64_t)n;
            break;
        case OPT_CONFIDENCE: {
            ps_ratio r;
            if (ps_ratio_parse(&r, optarg, &err) < 0 || r.num == 0 || r.num >= r.den)
                return cli_usage_error("power", "--confidence: expected a number between 0 "
                                                "and 1 such as 0.99, got '%s'", optarg);
            a->opt.confidence = (double)r.num / (double)r.den;
            break;
        }
        case OPT_SEED:
            if (count_arg("--seed", optarg, 0, &n))
                return EXIT_USAGE;
            a->opt.seed = (uint64_t)n;
            break;
        case OPT_THREADS:
            if (count_arg("--threads", optarg, 1, &n))
                return EXIT_USAGE;
            a->opt.threads = (unsigned)(n > 256 ? 256 : n);
            break;
        case OPT_MAX_WORK:
            if (limit_arg("--max-work", "cell updates such as 1e12", optarg, &x))
                return EXIT_USAGE;
            a->opt.max_work = x;
            break;
        case OPT_MAX_MEMORY:
            if (limit_arg("--max-memory", "bytes such as 8e9", optarg, &x))
                return EXIT_USAGE;
            a->opt.max_memory = (size_t)x;
            break;
        case OPT_FORMAT:
            if (cli_parse_format("power", optarg, &a->format))
                return EXIT_USAGE;
            break;
        case OPT_CHART:
            if (ps_chart_kind_parse(&a->chart, optarg, &err) < 0)
                return cli_usage_error("power", "--chart: %s", err.message);
            if (a->chart != PS_CHART_POWER && a->chart != PS_CHART_HEMICYCLE)
                return cli_usage_error("power", "--chart: expected power or hemicycle");
            a->chart_given = true;
            break;
        case OPT_UNION:
            if (a->n_unions == MAX_UNIONS)
                return cli_usage_error("power", "at most %d --union options", MAX_UNIONS);
            a->unions[a->n_unions++] = optarg;
            break;
        case OPT_UNIONS_BY_COMMUNITY: a->unions_by_community = true; break;
        case 'o': a->out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return -1;
        case ':': return cli_usage_error("power", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("power", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (a->chart_given && !a->out_path)
        return cli_usage_error("power", "--chart needs -o FILE.svg|png|pdf");
    if (a->chart_given && a->chart == PS_CHART_POWER)
        a->opt.indices |= PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    if (a->weights) {
        if (optind != argc)
            return cli_usage_error("power", "--weights takes no legislature file");
        if (!a->quota)
            return cli_usage_error("power", "--weights needs --quota");
        return 0;
    }
    if (optind != argc - 1)
        return cli_usage_error("power", "expected one legislature file (or --weights)");
    a->input = argv[optind];
    return 0;
}

/* A legislature of players "1", "2", ... with the given weights as seats. */
static int weights_legislature(ps_legislature **out, const char *list)
{
    ps_error err;
    ps_legislature *leg = NULL;
    if (ps_legislature_new(&leg, "weighted game", PS_UNKNOWN) < 0) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    const char *p = list;
    size_t i = 0;
    int status = EXIT_OK;
    while (status == EXIT_OK) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char item[32], id[32];
        int64_t w;
        if (len == 0 || len >= sizeof item) {
            status = cli_usage_error("power", "--weights: expected whole numbers separated by "
                                              "commas, got '%s'", list);
            break;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        if (ps_int64_parse(&w, item, &err) < 0) {
            status = cli_usage_error("power", "--weights: %s", err.message);
            break;
        }
        snprintf(id, sizeof id, "%zu", ++i);
        if (ps_legislature_add_party(leg, id, NULL, w, PS_UNKNOWN, NULL, NULL, &err) < 0)
            status = cli_fail(&err);
        if (!comma)
            break;
        p = comma + 1;
    }
    if (status == EXIT_OK && ps_legislature_validate(leg, &err) < 0)
        status = cli_fail(&err);
    if (status != EXIT_OK) {
        ps_legislature_free(leg);
        return status;
    }
    *out = leg;
    return EXIT_OK;
}

/* The document's rule (doc NULL with --weights: the default rule) with the
 * command line's changes on top. */
static int merge_rule(ps_rule **out, const ps_document *doc, const power_args *a, ps_error *err)
{
    ps_rule *rule = NULL;
    int rc = doc ? ps_rule_from_document(&rule, doc, err) : ps_rule_new(&rule);
    if (rc < 0)
        return rc;
    if (a->quota && (rc = ps_rule_set_quota(rule, a->quota, err)) < 0)
        goto fail;
    if ((rc = cli_rule_merge(rule, a->rule, err)) < 0)
        goto fail;
    *out = rule;
    return PS_OK;
fail:
    ps_rule_free(rule);
    return rc;
}

/* union_of[i] and a label per party from --union / --unions-by-community;
 * a party in no bloc is a union of its own (label NULL). */
static int build_unions(size_t *union_of, const char **label, const ps_legislature *leg,
                        power_args *a)
{
    for (size_t i = 0; i < leg->n_parties; i++) {
        union_of[i] = i;
        label[i] = NULL;
    }
    if (a->unions_by_community)
        for (size_t i = 0; i < leg->n_parties; i++) {
            int c = leg->parties[i].community;
            if (c < 0)
                continue;
            for (size_t j = 0; j <= i; j++)
                if (leg->parties[j].community == c) {
                    union_of[i] = j; /* the union takes its first list's number */
                    break;
                }
            label[i] = leg->communities[c].name;
        }
    for (size_t k = 0; k < a->n_unions; k++) {
        const char *p = a->unions[k];
        size_t first = SIZE_MAX;
        while (*p) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            size_t i = 0;
            while (i < leg->n_parties &&
                   (strlen(leg->parties[i].id) != len || strncmp(leg->parties[i].id, p, len)))
                i++;
            if (i == leg->n_parties)
                return cli_usage_error("power", "--union: no party '%.*s'", (int)len, p);
            if (label[i])
                return cli_usage_error("power", "--union: party '%s' is in two blocs",
                                       leg->parties[i].id);
            if (first == SIZE_MAX)
                first = i;
            union_of[i] = first;
            label[i] = a->unions[k];
            p += len + (comma ? 1 : 0);
        }
        /* the label names the bloc "A+B+C" (no comma, so CSV stays plain) */
        for (char *c = a->unions[k]; *c; c++)
            if (*c == ',')
                *c = '+';
    }
    return EXIT_OK;
}

static int run_power(int argc, char **argv, int rank, int n_ranks);

int cmd_power(int argc, char **argv)
{
    return cli_mpi_run(run_power, argc, argv);
}

/* The command in one MPI rank (or alone): every rank computes, rank 0
 * writes. */
static int run_power(int argc, char **argv, int rank, int n_ranks)
{
    (void)n_ranks; /* the library splits the work through cli_mpi_share() */
    power_args a;
    memset(&a, 0, sizeof a);
    ps_power_options_init(&a.opt);
    ps_error err;
    if (ps_rule_new(&a.rule) < 0) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    ps_document *doc = NULL;
    ps_legislature *weighted = NULL; /* --weights: owned here, else leg is doc's */
    ps_legislature *leg = NULL;
    ps_rule *rule = NULL;
    ps_game *game = NULL;
    ps_power *power = NULL;
    char *rule_text = NULL;
    psi_buf out;
    psi_buf_init(&out);
    a.opt.share = cli_mpi_share();
    int status = parse_args(&a, argc, argv);
    if (status)
        goto done;
    if (a.weights)
        status = weights_legislature(&weighted, a.weights);
    else if (cli_document_load(&doc, a.input, &err) < 0)
        status = cli_fail(&err);
    if (status)
        goto done;
    leg = a.weights ? weighted : ps_document_legislature(doc);
    if (merge_rule(&rule, doc, &a, &err) == 0)
        cli_warn_improper_quota(leg, rule);
    if (!rule || ps_game_from_rule(&game, leg, rule, &err) < 0 ||
        ps_rule_describe(&rule_text, leg, rule, &err) < 0 ||
        ps_power_compute(&power, game, &a.opt, &err) < 0) {
        status = cli_fail(&err);
        goto done;
    }
    power_unions unions = {NULL, NULL};
    ps_union_power *union_values = NULL;
    size_t *union_of = NULL;
    const char **labels = NULL;
    if (a.n_unions || a.unions_by_community) {
        union_of = calloc(leg->n_parties, sizeof *union_of);
        labels = calloc(leg->n_parties, sizeof *labels);
        if (!union_of || !labels) {
            fprintf(stderr, "powershare: out of memory\n");
            status = EXIT_FAILURE_;
        } else if ((status = build_unions(union_of, labels, leg, &a)) == EXIT_OK &&
                   ps_power_unions(&union_values, game, union_of, 0, &err) < 0) {
            status = cli_fail(&err);
        }
        unions.label = labels;
        unions.values = union_values;
    }
    if (status == EXIT_OK)
        power_report(&out, leg, rule_text, power, union_values ? &unions : NULL, a.format,
                     a.exact_fractions);
    ps_union_power_free(union_values);
    free(union_of);
    free(labels);
    if (status != EXIT_OK || rank != 0)
        goto done;
    if (out.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else if (a.chart_given) {
        status = draw_chart(a.chart, leg, rule, power, a.out_path);
        if (status == EXIT_OK)
            status = cli_write_output(NULL, out.data, out.len);
    } else {
        status = cli_write_output(a.out_path, out.data, out.len);
    }
done:
    if (status < 0)
        status = EXIT_OK; /* --help */
    psi_buf_free(&out);
    ps_free(rule_text);
    ps_power_free(power);
    ps_game_free(game);
    ps_rule_free(rule);
    ps_rule_free(a.rule);
    ps_legislature_free(weighted);
    ps_document_free(doc);
    return status;
}
