/*
 * cmd_simulate.c - `powershare simulate`: poll uncertainty to seat and
 * coalition probabilities (docs/simulate.md).
 *
 * Reads the polls, pools them, takes the chamber's rules from options or
 * from the "election" section of --legislature, builds the Dirichlet model
 * and runs the simulate stage: a fixed number of draws, or rounds of draws
 * until every reported probability's 95% half-width is below --precision.
 * The number of draws per round is decided from the counts alone, so the
 * result is the same for any number of threads.
 *
 * Each input (the polls, the --legislature file) is read once, so that "-"
 * (standard input), a pipe or a FIFO works; the legislature file becomes
 * one document that gives the chamber and its "election" section. Poll
 * names are matched to its parties' ids (or names) ignoring case; a poll
 * party without a seat there joins with its poll share, and an exemption
 * the polls lack is ignored, each with a note on standard error.
 *
 * Built with -Dmpi=enabled, the ranks share the draws (cli_mpi.h): each
 * parses the same input, draws the blocks b with b % ranks == rank, and
 * the integer tallies are summed over the ranks after each round; rank 0
 * alone writes.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli_mpi.h"
#include "cmd_simulate.h"
#include "progress.h"

static const char usage_text[] =
    "usage: powershare simulate [options] POLLS.csv\n"
    "\n"
    "Seat and coalition probabilities from polls. POLLS.csv has the columns\n"
    "pollster,date,party,share,respondents (and optionally community); shares\n"
    "in percent or as fractions. The latest poll of each pollster is pooled.\n"
    "POLLS.csv or the --legislature FILE (not both) may be - for standard input.\n"
    "\n"
    "The chamber (same syntax as `powershare seats`, or from --legislature):\n"
    "  --method M            apportionment method (e.g. sainte-lague, dhondt)\n"
    "  --seats N             seats in the chamber\n"
    "  --first-divisor X     first divisor of modified-sainte-lague (default 1.4)\n"
    "  --threshold RULE      a share of the valid votes (5%, 0.05, 1/20) or 'quota'\n"
    "  --exempt PARTY        PARTY ignores the threshold (repeatable)\n"
    "  --system LAW          a whole electoral law (a law file or a bundled id, as\n"
    "                        in `powershare seats --system`) in place of the above:\n"
    "                        its threshold, method, bonus and majority clause\n"
    "  --legislature FILE    take the rules from FILE's \"election\" section (options\n"
    "                        override it) and the parties' communities from FILE\n"
    "  --others NAME         a poll entry that is not a party: counts in the valid\n"
    "                        votes, never wins seats (repeatable; 'others' always is)\n"
    "\n"
    "The simulation:\n"
    "  --draws N             number of draws (default 100000)\n"
    "  --precision H         draw until every reported probability's 95% half-width\n"
    "                        is below H (e.g. 0.001)\n"
    "  --max-draws N         stop --precision there (default 100000000)\n"
    "  --seed S              random seed (default 1); same seed, same output\n"
    "  --threads N           worker threads (default: the processors online);\n"
    "                        the output does not depend on it\n"
    "  --sample-size N       cap the effective sample size of the pooled polls\n"
    "  --coalition A,B,...   report this coalition (repeatable); default: every\n"
    "                        minimal winning coalition that occurs\n"
    "  --banzhaf             each party's mean normalised Banzhaf index\n"
    "  --format text|csv|json   output format (default text)\n"
    "  -o FILE               write to FILE (atomically) instead of stdout\n";

enum {
    OPT_FIRST_DIVISOR = 256,
    OPT_THRESHOLD,
    OPT_EXEMPT,
    OPT_LEGISLATURE,
    OPT_OTHERS,
    OPT_DRAWS,
    OPT_PRECISION,
    OPT_MAX_DRAWS,
    OPT_SEED,
    OPT_THREADS,
    OPT_SAMPLE_SIZE,
    OPT_COALITION,
    OPT_BANZHAF,
    OPT_FORMAT,
    OPT_SYSTEM
};

static const struct option long_options[] = {
    {"method", required_argument, NULL, 'm'},
    {"seats", required_argument, NULL, 'n'},
    {"first-divisor", required_argument, NULL, OPT_FIRST_DIVISOR},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"exempt", required_argument, NULL, OPT_EXEMPT},
    {"legislature", required_argument, NULL, OPT_LEGISLATURE},
    {"others", required_argument, NULL, OPT_OTHERS},
    {"draws", required_argument, NULL, OPT_DRAWS},
    {"precision", required_argument, NULL, OPT_PRECISION},
    {"max-draws", required_argument, NULL, OPT_MAX_DRAWS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"sample-size", required_argument, NULL, OPT_SAMPLE_SIZE},
    {"coalition", required_argument, NULL, OPT_COALITION},
    {"banzhaf", no_argument, NULL, OPT_BANZHAF},
    {"system", required_argument, NULL, OPT_SYSTEM},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static int count_arg(const char *opt, const char *text, int64_t min, int64_t *out)
{
    ps_error err;
    if (ps_int64_parse(out, text, &err) < 0)
        return cli_usage_error("simulate", "%s: %s", opt, err.message);
    if (*out < min)
        return cli_usage_error("simulate", "%s must be at least %lld", opt, (long long)min);
    return 0;
}

static int push(const char **list, size_t *n, size_t cap, const char *opt, const char *v)
{
    if (*n == cap)
        return cli_usage_error("simulate", "too many %s options (at most %zu)", opt, cap);
    list[(*n)++] = v;
    return 0;
}

/* Returns -1 when --help was printed, 0 when parsed, else an exit code. */
static int parse_args(sim_args *a, int argc, char **argv)
{
    ps_error err;
    int64_t n;
    int c;
    bool draws_given = false;
    memset(a, 0, sizeof *a);
    ps_apportion_options_init(&a->rules);
    a->seed = 1;
    a->max_draws = 100000000;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    a->threads = cpus > 0 && cpus < 256 ? (int)cpus : 1;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":m:n:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'm':
            if (ps_method_parse(&a->rules.method, optarg, &err) < 0)
                return cli_usage_error("simulate", "--method: %s", err.message);
            a->method_given = true;
            break;
        case 'n':
            if (count_arg("--seats", optarg, 1, &a->rules.seats))
                return EXIT_USAGE;
            a->seats_given = true;
            break;
        case OPT_FIRST_DIVISOR:
            if (ps_ratio_parse(&a->rules.first_divisor, optarg, &err) < 0)
                return cli_usage_error("simulate", "--first-divisor: %s", err.message);
            if (a->rules.first_divisor.num <= 0 ||
                a->rules.first_divisor.num >= 3 * a->rules.first_divisor.den)
                return cli_usage_error("simulate", "--first-divisor must be above 0 and below 3");
            a->first_given = true;
            a->first_text = optarg;
            break;
        case OPT_THRESHOLD:
            if (cli_parse_threshold("simulate", optarg, &a->rules))
                return EXIT_USAGE;
            a->threshold_given = true;
            break;
        case OPT_EXEMPT:
            if (push(a->exempt, &a->n_exempt, SIM_MAX_LIST, "--exempt", optarg))
                return EXIT_USAGE;
            break;
        case OPT_LEGISLATURE: a->legislature = optarg; break;
        case OPT_OTHERS:
            if (push(a->others, &a->n_others, SIM_MAX_LIST, "--others", optarg))
                return EXIT_USAGE;
            break;
        case OPT_DRAWS:
            if (count_arg("--draws", optarg, 1, &n))
                return EXIT_USAGE;
            a->draws = (uint64_t)n;
            draws_given = true;
            break;
        case OPT_PRECISION: {
            char *end;
            a->precision = strtod(optarg, &end);
            if (*end || !(a->precision > 0.0 && a->precision < 0.5))
                return cli_usage_error("simulate",
                                       "--precision: expected a half-width between 0 and 0.5 "
                                       "such as 0.001, got '%s'", optarg);
            break;
        }
        case OPT_MAX_DRAWS:
            if (count_arg("--max-draws", optarg, 1, &n))
                return EXIT_USAGE;
            a->max_draws = (uint64_t)n;
            break;
        case OPT_SEED:
            if (count_arg("--seed", optarg, 0, &n))
                return EXIT_USAGE;
            a->seed = (uint64_t)n;
            break;
        case OPT_THREADS:
            if (count_arg("--threads", optarg, 1, &n))
                return EXIT_USAGE;
            if (n > 1024)
                return cli_usage_error("simulate", "--threads: at most 1024");
            a->threads = (int)n;
            break;
        case OPT_SAMPLE_SIZE:
            if (count_arg("--sample-size", optarg, 1, &a->sample_size))
                return EXIT_USAGE;
            break;
        case OPT_COALITION:
            if (push(a->coalition, &a->n_coalitions, 256, "--coalition", optarg))
                return EXIT_USAGE;
            break;
        case OPT_BANZHAF: a->banzhaf = true; break;
        case OPT_SYSTEM: a->system = optarg; break;
        case OPT_FORMAT:
            if (cli_parse_format("simulate", optarg, &a->format))
                return EXIT_USAGE;
            break;
        case 'o': a->out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return -1;
        case ':': return cli_usage_error("simulate", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("simulate", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("simulate", optind >= argc ? "expected one POLLS.csv file"
                                                          : "expected one POLLS.csv file, got more");
    a->input = argv[optind];
    if (draws_given && a->precision > 0.0)
        return cli_usage_error("simulate", "give --draws or --precision, not both");
    if (!draws_given && a->precision == 0.0)
        a->draws = 100000;
    return 0;
}

/* ---- the model -------------------------------------------------------------- */


static void state_free(sim_state *s)
{
    ps_polls_free(s->polls);
    ps_election_free(s->election);
    free(s->pooled);
    free(s->alpha);
    free(s->others);
    free(s->exempt);
    free(s->community);
    free(s->leg_of);
    free(s->comm_names); /* the names belong to the polls or the legislature */
    free(s->masks);
    ps_sim_counts_free(s->counts);
    ps_sim_counts_free(s->round);
    ps_system_free(s->law);
    ps_document_free(s->doc); /* last: the names above may be its parties' */
}

/* The polls, read once and named as the user gave them. */
static int load_polls(ps_polls **out, const char *path, ps_error *err)
{
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = cli_read_input(&text, &len, path, err);
    if (rc == PS_OK)
        rc = ps_polls_parse(out, text, len, ps_file_display_name(path), err);
    psi_free(text);
    return rc;
}

/* The rules: options override the election section. */
static int merge_rules(sim_args *a, sim_state *s, ps_apportion_options *r)
{
    ps_error err;
    *r = a->rules;
    if (a->system) {
        if (a->method_given || a->seats_given || a->threshold_given || a->first_given ||
            a->n_exempt)
            return cli_usage_error("simulate", "--system %s is the whole law: leave out "
                                               "--method, --seats, --threshold, "
                                               "--first-divisor and --exempt",
                                   a->system);
        const char *why = NULL;
        if (ps_system_load(&s->law, a->system, &err) < 0)
            return cli_fail(&err);
        if (!ps_system_needs_only_votes(s->law, &why))
            return cli_usage_error("simulate", "the law %s counts %s, which a poll does not "
                                               "give; simulate it with --method, --seats and "
                                               "--threshold",
                                   s->law->id, why);
        a->method_given = a->seats_given = a->threshold_given = true;
        a->rules = s->law->apportion;
        *r = a->rules;
    }
    if (a->legislature) {
        /* the whole file first: a broken file is reported as such, not as
         * a missing --method */
        if (cli_document_load(&s->doc, a->legislature, &err) < 0 ||
            ps_election_from_document(&s->election, s->doc, &err) < 0)
            return cli_fail(&err);
        s->leg = ps_document_legislature(s->doc);
        if (s->election) {
            const ps_apportion_options *e = &s->election->rules;
            if (!a->method_given) {
                r->method = e->method;
                if (!a->first_given)
                    r->first_divisor = e->first_divisor;
            }
            if (!a->seats_given)
                r->seats = e->seats;
            if (!a->threshold_given) {
                r->threshold = e->threshold;
                r->threshold_share = e->threshold_share;
            }
            a->method_given = a->seats_given = true;
        }
    }
    if (!a->method_given)
        return cli_usage_error("simulate", "--method is required (or --legislature FILE with "
                                           "an \"election\" section)");
    if (!a->seats_given)
        return cli_usage_error("simulate", "--seats N is required (or --legislature FILE with "
                                           "an \"election\" section)");
    /* refused rather than applied: another method with this first divisor
     * is no longer that method, and the report would name the wrong one */
    if (a->first_given && r->method != PS_MODIFIED_SAINTE_LAGUE)
        return cli_usage_error("simulate", "--first-divisor applies to modified-sainte-lague "
                                           "only, not %s; use --method modified-sainte-lague "
                                           "--first-divisor %s",
                               ps_method_name(r->method), a->first_text);
    if (r->method != PS_MODIFIED_SAINTE_LAGUE)
        r->first_divisor = (ps_ratio){0, 0};
    return 0;
}

static int build(sim_args *a, sim_state *s, ps_apportion_options *rules, ps_sim_model *m)
{
    ps_error err;
    int rc;
    if (load_polls(&s->polls, a->input, &err) != PS_OK) /* the polls are there only on 0 */
        return cli_fail(&err);
    ps_polls *p = s->polls;
    const char *input = ps_file_display_name(a->input);
    for (size_t i = 0; i < p->n_warnings; i++)
        fprintf(stderr, "powershare: warning: %s\n", p->warnings[i]);
    if ((rc = merge_rules(a, s, rules)))
        return rc;
    size_t n = p->n_parties;
    s->pooled = malloc(n * sizeof *s->pooled);
    s->alpha = malloc(n * sizeof *s->alpha);
    s->others = calloc(n, sizeof *s->others);
    s->exempt = calloc(n, sizeof *s->exempt);
    if (!s->pooled || !s->alpha || !s->others || !s->exempt)
        return cli_fail(&(ps_error){.code = PS_ENOMEM, .message = "out of memory"});
    for (size_t i = 0; i < n; i++)
        s->others[i] = !strcasecmp(p->parties[i], "others");
    for (size_t k = 0; k < a->n_others; k++) {
        long i = ps_polls_find(p, a->others[k]);
        if (i < 0)
            return cli_usage_error("simulate", "--others: no entry '%s' in %s", a->others[k],
                                   input);
        s->others[i] = true;
    }
    if (s->leg && (rc = sim_map_legislature(s, n)))
        return rc;
    /* An exemption the polls lack is the usual case (a minority party the
     * pollsters do not list): noted and ignored. */
    for (size_t k = 0; k < a->n_exempt; k++) {
        long i;
        if ((rc = sim_exempt_target(&i, s, a->exempt[k], NULL, 0, 0)))
            return rc;
        if (i >= 0)
            s->exempt[i] = true;
        else
            fprintf(stderr, "powershare: note: --exempt %s: the polls in %s do not name it; "
                            "ignored\n", a->exempt[k], input);
    }
    for (size_t k = 0; s->election && k < s->election->n_exempt; k++) {
        const ps_election *e = s->election;
        long i;
        if ((rc = sim_exempt_target(&i, s, e->exempt[k], e->source, e->exempt_line[k],
                                e->exempt_column[k])))
            return rc;
        if (i >= 0)
            s->exempt[i] = true;
        else
            fprintf(stderr, "powershare: note: %s:%ld:%ld: exempt party '%s': the polls in %s "
                            "do not name it; ignored\n", e->source, e->exempt_line[k],
                    e->exempt_column[k], e->exempt[k], input);
    }
    if ((rc = sim_communities(s, n)))
        return rc;
    if (ps_polls_pool(s->pooled, &s->n_eff, &s->n_used, p, a->sample_size, &err) < 0)
        return cli_fail(&err);
    /* A threshold that no party reaches even in the pooled poll leaves the
     * chamber empty in most draws: refuse it rather than report nonsense. */
    if (rules->threshold != PS_THRESHOLD_NONE) {
        bool any = false;
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            if (s->others[i])
                continue;
            double need = rules->threshold == PS_THRESHOLD_QUOTA
                              ? 1.0 / (double)rules->seats
                              : (double)rules->threshold_share.num /
                                    (double)rules->threshold_share.den;
            if (s->exempt[i] || s->pooled[i] >= need)
                any = true;
            if (best == SIZE_MAX || s->pooled[i] > s->pooled[best])
                best = i;
        }
        if (!any) {
            psi_error(&err, PS_EDATA, input, 0, 0,
                      "no party reaches the threshold in the pooled poll (the largest, '%s', "
                      "has %.2f%%) and none is exempt, so no seats could be given",
                      best == SIZE_MAX ? "?" : p->parties[best],
                      best == SIZE_MAX ? 0.0 : 100.0 * s->pooled[best]);
            return cli_fail(&err);
        }
    }
    for (size_t i = 0; i < n; i++)
        s->alpha[i] = (double)s->n_eff * s->pooled[i] + 0.5;

    memset(m, 0, sizeof *m);
    m->n = n;
    m->names = (const char *const *)p->parties;
    m->alpha = s->alpha;
    m->others = s->others;
    m->exempt = s->exempt;
    m->community = s->n_comm ? s->community : NULL;
    m->n_communities = s->n_comm;
    m->rules = *rules;
    m->system = s->law;
    m->banzhaf = a->banzhaf;
    if (ps_sim_counts_new(&s->counts, m, &err) < 0 || ps_sim_counts_new(&s->round, m, &err) < 0)
        return cli_fail(&err);

    /* --coalition A,B,C: masks over the seat-capable parties */
    if (a->n_coalitions) {
        s->masks = calloc(a->n_coalitions, sizeof *s->masks);
        if (!s->masks)
            return cli_fail(&(ps_error){.code = PS_ENOMEM, .message = "out of memory"});
        for (size_t k = 0; k < a->n_coalitions; k++) {
            const char *t = a->coalition[k];
            while (*t) {
                const char *e = strchr(t, ',');
                size_t len = e ? (size_t)(e - t) : strlen(t);
                char name[256];
                if (len == 0 || len >= sizeof name)
                    return cli_usage_error("simulate", "--coalition '%s': expected party "
                                                       "names separated by commas",
                                           a->coalition[k]);
                memcpy(name, t, len);
                name[len] = '\0';
                long i = sim_find_party(p, s->others, name);
                if (i < 0)
                    return cli_usage_error("simulate", "--coalition: no party '%s' in %s", name,
                                           input);
                size_t j = 0;
                while (s->counts->party[j] != (size_t)i)
                    j++;
                s->masks[k] |= (uint64_t)1 << j;
                t += len + (e != NULL);
            }
            if (!s->masks[k])
                return cli_usage_error("simulate", "--coalition: no party named");
        }
        s->n_masks = a->n_coalitions;
    }
    return 0;
}

/* ---- running ------------------------------------------------------------------ */

typedef struct progress {
    uint64_t base; /* blocks of earlier rounds */
    uint64_t total;
} progress;

/* The program's one progress line (progress.c), over all rounds. */
static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
    progress *pg = ctx;
    (void)total;
    uint64_t all = pg->total ? pg->total : 1;
    uint64_t now = pg->base + done < all ? pg->base + done : all;
    cli_progress_show("simulate (draws)", now, all);
}

/* Sums the round's tallies over the ranks into s->counts. */
static int gather(sim_state *s)
{
    const ps_share *share = cli_mpi_share();
    if (share && share->sum(share->ctx, s->round->data, s->round->len) != 0)
        return -1;
    ps_sim_counts_add(s->counts, s->round);
    memset(s->round->data, 0, s->round->len * sizeof *s->round->data);
    return 0;
}

static int simulate(const sim_args *a, sim_state *s, const ps_sim_model *m, int rank,
                    int n_ranks)
{
    ps_error err;
    const uint64_t B = PS_SIM_BLOCK;
    progress pg = {0, 0};
    ps_sim_run_options ro = {.seed = a->seed, .threads = a->threads, .rank = rank,
                             .n_ranks = n_ranks};
    if (rank == 0 && cli_progress_enabled()) {
        ro.progress = show_progress;
        ro.progress_ctx = &pg;
    }
    uint64_t done = 0; /* blocks */
    uint64_t target = a->draws ? (a->draws + B - 1) / B : 16;
    uint64_t cap = a->draws ? target : (a->max_draws + B - 1) / B;
    pg.total = target / (uint64_t)(n_ranks > 0 ? n_ranks : 1);
    for (;;) {
        ro.first_block = done;
        ro.n_blocks = target - done;
        ro.last_draws = a->draws && target * B > a->draws ? a->draws % B : 0;
        if (ps_simulate_run(s->round, m, &ro, &err) < 0)
            return cli_fail(&err);
        if (gather(s) < 0)
            return cli_fail(&(ps_error){.code = PS_EIO, .message = "MPI_Allreduce failed"});
        pg.base += ro.n_blocks / (uint64_t)(n_ranks > 0 ? n_ranks : 1);
        done = target;
        if (a->draws || done >= cap)
            break;
        double h = ps_sim_max_halfwidth(s->counts, s->masks, s->n_masks, s->n_comm > 0);
        if (h < a->precision)
            break;
        /* half-widths shrink as 1/sqrt(draws): aim 10% past the estimate,
         * at least 16 more blocks and at most twice as many */
        double want = (double)done * (h / a->precision) * (h / a->precision) * 1.1;
        uint64_t next = want > (double)(2 * done) ? 2 * done : (uint64_t)ceil(want);
        if (next < done + 16)
            next = done + 16;
        target = next < cap ? next : cap;
        pg.total = target / (uint64_t)(n_ranks > 0 ? n_ranks : 1);
        pg.base = done / (uint64_t)(n_ranks > 0 ? n_ranks : 1);
    }
    if (ro.progress)
        cli_progress_clear();
    return 0;
}

/* The command in one MPI rank (or alone): every rank draws its blocks,
 * rank 0 writes. */
static int run_simulate(int argc, char **argv, int rank, int n_ranks)
{
    sim_args a;
    int rc = parse_args(&a, argc, argv);
    if (rc == 0) {
        sim_state s;
        ps_apportion_options rules;
        ps_sim_model m;
        memset(&s, 0, sizeof s);
        rc = build(&a, &s, &rules, &m);
        if (rc == 0)
            rc = simulate(&a, &s, &m, rank, n_ranks);
        if (rc == 0 && rank == 0) {
            psi_buf b;
            psi_buf_init(&b);
            sim_report r = {.a = &a, .rules = &rules, .law = s.law, .polls = s.polls,
                            .pooled = s.pooled,
                            .n_eff = s.n_eff, .n_used = s.n_used, .c = s.counts,
                            .others = s.others, .masks = s.masks, .n_masks = s.n_masks,
                            .community = s.n_comm ? s.comm_names : NULL,
                            .n_communities = s.n_comm};
            simulate_report(&b, &r);
            if (b.failed || !b.data)
                rc = cli_fail(&(ps_error){.code = PS_ENOMEM, .message = "out of memory"});
            else
                rc = cli_write_output(a.out_path, b.data, b.len);
            psi_buf_free(&b);
        }
        state_free(&s);
    } else if (rc < 0) {
        rc = EXIT_OK;
    }
    return rc;
}

int cmd_simulate(int argc, char **argv)
{
    return cli_mpi_run(run_simulate, argc, argv);
}
