/*
 * cmd_seats.c - `powershare seats`: votes to seats.
 *
 * Reads a votes CSV (party,votes[,district][,direct_wins]), runs the
 * apportion stage once (one district), once per district, or
 * biproportionally, and prints text, CSV or JSON. Options map one to one
 * onto ps_apportion_options; see docs/cli.md.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_seats.h"

static const char usage_text[] =
    "usage: powershare seats --method METHOD --seats N [options] VOTES.csv\n"
    "       powershare seats --system LAW [options] VOTES.csv\n"
    "       powershare seats --systems\n"
    "       powershare seats --method sntv|block-vote|limited-vote [options] CANDIDATES.csv\n"
    "\n"
    "Votes to seats, exactly. VOTES.csv has the columns party,votes and\n"
    "optionally district (several districts), direct_wins, alliance and\n"
    "candidates. Any one of the files may be - for standard input.\n"
    "\n"
    "  --system LAW          a whole electoral law: a law file, or the id of a\n"
    "                        bundled one (thresholds, alliances, bonus, overhang,\n"
    "                        list exhaustion, majority clause; docs/apportionment.md)\n"
    "  --systems             list the bundled laws\n"
    "  --others NAME         with --system: an entry that counts in the valid votes\n"
    "                        but is not a list and wins no seat (repeatable; an\n"
    "                        entry named 'others' always is)\n"
    "  --method M            dhondt, sainte-lague, modified-sainte-lague, imperiali,\n"
    "                        danish, huntington-hill, adams, dean (divisor methods);\n"
    "                        hare, droop, hagenbach-bischoff, imperiali-quota (quota);\n"
    "                        sntv, block-vote, limited-vote (candidates with the most\n"
    "                        votes win; the file is candidate,party,votes[,district]\n"
    "                        [,seats]; seats by --seats, --district-seats or the\n"
    "                        seats column)\n"
    "  --table NAME          with sntv, block-vote, limited-vote and --format csv:\n"
    "                        candidates (default) or parties\n"
    "  --seats N             seats to give (one district); with --system, the house\n"
    "                        size of a law that leaves it to each election\n"
    "  --first-divisor X     first divisor of modified-sainte-lague (default 1.4)\n"
    "  --threshold RULE      a share of valid votes (5%, 0.05, 1/20) or 'quota'\n"
    "                        (one full Hare quota, as in the Netherlands)\n"
    "  --exempt PARTY        PARTY ignores the threshold (repeatable)\n"
    "  --exempt-if-seats-won K  parties with K constituency wins ignore it\n"
    "  --direct-wins FILE    CSV party,<count> of constituency wins\n"
    "  --district-seats FILE CSV district,seats (votes with a district column); with\n"
    "                        --system, the seats of the districts of a law that\n"
    "                        takes them from each election (the Bundestag's Land seats)\n"
    "  --biproportional      biproportional apportionment over the districts\n"
    "                        (upper and lower by --method, default sainte-lague)\n"
    "  --lower-method M      with --biproportional: the lower apportionment's\n"
    "                        method (--method is then the upper one's)\n"
    "  --winner-take-one every|single-seat  with --biproportional: the list with\n"
    "                        the most votes in each district (every, as in Grisons)\n"
    "                        or in each district of one seat (single-seat, as in\n"
    "                        Schaffhausen) gets at least one seat there\n"
    "  --district-threshold SHARE  with --biproportional: a list with SHARE of one\n"
    "                        district's votes takes part whatever --threshold\n"
    "                        (5% in a district or 3% overall: --threshold 3%\n"
    "                        --district-threshold 5%); alone, only such lists do\n"
    "  --ties error|first|random  what a tie for the last seat does (default\n"
    "                        error); first: the party listed first wins\n"
    "  --seed S              seed for --ties random\n"
    "  --format text|csv|json   output format (default text)\n"
    "  -o FILE               write to FILE (atomically) instead of stdout\n";


static int parse_count(const char *opt_name, const char *text, int64_t *out)
{
    ps_error err;
    if (ps_int64_parse(out, text, &err) < 0)
        return cli_usage_error("seats", "%s: %s", opt_name, err.message);
    return 0;
}

static int parse_ties(const char *text, ps_tie_policy *out)
{
    ps_error err;
    if (ps_tie_policy_parse(out, text, &err) < 0)
        return cli_usage_error("seats", "--ties: %s", err.message);
    return 0;
}

enum {
    OPT_FIRST_DIVISOR = 256,
    OPT_THRESHOLD,
    OPT_EXEMPT,
    OPT_EXEMPT_IF,
    OPT_DIRECT_WINS,
    OPT_DISTRICT_SEATS,
    OPT_BIPROPORTIONAL,
    OPT_TIES,
    OPT_SEED,
    OPT_FORMAT,
    OPT_SYSTEM,
    OPT_SYSTEMS,
    OPT_OTHERS,
    OPT_TABLE,
    OPT_LOWER_METHOD,
    OPT_WINNER_TAKE_ONE,
    OPT_DISTRICT_THRESHOLD
};

static const struct option long_options[] = {
    {"method", required_argument, NULL, 'm'},
    {"seats", required_argument, NULL, 'n'},
    {"first-divisor", required_argument, NULL, OPT_FIRST_DIVISOR},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"exempt", required_argument, NULL, OPT_EXEMPT},
    {"exempt-if-seats-won", required_argument, NULL, OPT_EXEMPT_IF},
    {"direct-wins", required_argument, NULL, OPT_DIRECT_WINS},
    {"district-seats", required_argument, NULL, OPT_DISTRICT_SEATS},
    {"biproportional", no_argument, NULL, OPT_BIPROPORTIONAL},
    {"lower-method", required_argument, NULL, OPT_LOWER_METHOD},
    {"winner-take-one", required_argument, NULL, OPT_WINNER_TAKE_ONE},
    {"district-threshold", required_argument, NULL, OPT_DISTRICT_THRESHOLD},
    {"system", required_argument, NULL, OPT_SYSTEM},
    {"systems", no_argument, NULL, OPT_SYSTEMS},
    {"others", required_argument, NULL, OPT_OTHERS},
    {"table", required_argument, NULL, OPT_TABLE},
    {"ties", required_argument, NULL, OPT_TIES},
    {"seed", required_argument, NULL, OPT_SEED},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* --lower-method, --winner-take-one or --district-threshold: variants of
 * --biproportional. */
static bool bipro_variant(const seats_args *a)
{
    return a->bopt.lower_method_given || a->bopt.winner_take_one != PS_WTO_NONE ||
           a->bopt.district_threshold.den != 0;
}

/* Returns -1 when --help was printed, 0 when parsed, else an exit code. */
static int parse_args(seats_args *a, int argc, char **argv)
{
    ps_error err;
    int64_t n;
    int c;
    bool first_given = false;
    const char *first_text = NULL;
    memset(a, 0, sizeof *a);
    ps_apportion_options_init(&a->opt);
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":m:n:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'm':
            if (ps_plurality_method_parse(&a->plurality_method, optarg, &err) == 0)
                a->plurality = true;
            else if (ps_method_parse(&a->opt.method, optarg, &err) < 0)
                return cli_usage_error("seats", "--method: %s; from candidate votes: sntv, "
                                                "block-vote, limited-vote", err.message);
            else
                a->plurality = false;
            a->method_given = true;
            break;
        case OPT_TABLE: a->table = optarg; break;
        case 'n':
            if (parse_count("--seats", optarg, &a->opt.seats))
                return EXIT_USAGE;
            a->seats_given = true;
            break;
        case OPT_FIRST_DIVISOR:
            if (ps_ratio_parse(&a->opt.first_divisor, optarg, &err) < 0)
                return cli_usage_error("seats", "--first-divisor: %s", err.message);
            if (a->opt.first_divisor.num == 0)
                return cli_usage_error("seats", "--first-divisor must be above 0");
            first_given = true;
            first_text = optarg;
            a->rule_given = true;
            break;
        case OPT_THRESHOLD:
            if (cli_parse_threshold("seats", optarg, &a->opt))
                return EXIT_USAGE;
            a->rule_given = true;
            break;
        case OPT_SYSTEM: a->system = optarg; break;
        case OPT_SYSTEMS: a->systems = true; break;
        case OPT_OTHERS:
            if (a->n_others == sizeof a->others / sizeof a->others[0])
                return cli_usage_error("seats", "too many --others options (at most 64)");
            a->others[a->n_others++] = optarg;
            break;
        case OPT_EXEMPT:
            if (a->n_exempt == sizeof a->exempt / sizeof a->exempt[0])
                return cli_usage_error("seats", "too many --exempt options (at most 64)");
            a->exempt[a->n_exempt++] = optarg;
            break;
        case OPT_EXEMPT_IF:
            if (parse_count("--exempt-if-seats-won", optarg, &n))
                return EXIT_USAGE;
            if (n == 0)
                return cli_usage_error("seats", "--exempt-if-seats-won must be at least 1");
            a->opt.exempt_if_wins = n;
            a->rule_given = true;
            break;
        case OPT_DIRECT_WINS: a->direct_wins_path = optarg; break;
        case OPT_DISTRICT_SEATS: a->district_seats_path = optarg; break;
        case OPT_BIPROPORTIONAL: a->biproportional = true; break;
        case OPT_LOWER_METHOD:
            if (ps_method_parse(&a->bopt.lower_method, optarg, &err) < 0)
                return cli_usage_error("seats", "--lower-method: %s", err.message);
            a->bopt.lower_method_given = true;
            break;
        case OPT_WINNER_TAKE_ONE:
            if (ps_winner_take_one_parse(&a->bopt.winner_take_one, optarg, &err) < 0 ||
                a->bopt.winner_take_one == PS_WTO_NONE)
                return cli_usage_error("seats", "--winner-take-one: expected every or "
                                                "single-seat, got '%s'", optarg);
            break;
        case OPT_DISTRICT_THRESHOLD: {
            int rc = cli_parse_share("seats", "--district-threshold", optarg,
                                     &a->bopt.district_threshold, "");
            if (rc)
                return rc;
            if (a->bopt.district_threshold.num == 0)
                return cli_usage_error("seats", "--district-threshold: expected a share above "
                                                "0, got '%s'", optarg);
            break;
        }
        case OPT_TIES:
            if (parse_ties(optarg, &a->opt.ties))
                return EXIT_USAGE;
            a->ties_given = true;
            break;
        case OPT_SEED:
            if (parse_count("--seed", optarg, &n))
                return EXIT_USAGE;
            a->opt.seed = (uint64_t)n;
            break;
        case OPT_FORMAT:
            if (cli_parse_format("seats", optarg, &a->format))
                return EXIT_USAGE;
            break;
        case 'o': a->out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return -1;
        case ':': return cli_usage_error("seats", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("seats", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (a->systems) {
        if (optind != argc)
            return cli_usage_error("seats", "--systems lists the bundled laws and takes no file");
        return 0;
    }
    if (optind != argc - 1)
        return cli_usage_error("seats", optind >= argc ? "expected one VOTES.csv file"
                                                       : "expected one VOTES.csv file, got more");
    a->input = argv[optind];
    if (a->plurality) {
        /* the candidates with the most votes win: no list rule applies */
        if (a->system || a->rule_given || a->n_exempt || a->n_others || a->biproportional ||
            a->direct_wins_path || bipro_variant(a))
            return cli_usage_error("seats", "--method %s counts candidates: leave out "
                                            "--system, --threshold, --first-divisor, --exempt, "
                                            "--exempt-if-seats-won, --others, --direct-wins and "
                                            "--biproportional",
                                   ps_plurality_method_name(a->plurality_method));
        if (a->table && a->format != FORMAT_CSV)
            return cli_usage_error("seats", "--table picks a CSV table: add --format csv");
        if (a->opt.ties == PS_TIES_RANDOM && !a->opt.seed)
            return cli_usage_error("seats", "--ties random needs --seed S (so the draw can be "
                                            "repeated)");
        return 0;
    }
    if (a->table)
        return cli_usage_error("seats", "--table applies to --method sntv, block-vote and "
                                        "limited-vote");
    if (a->system) {
        /* the law says all of these: one source of truth */
        if (a->method_given || a->rule_given || a->n_exempt ||
            a->biproportional || a->direct_wins_path || bipro_variant(a))
            return cli_usage_error("seats", "--system %s is the whole law: leave out --method, "
                                            "--threshold, --first-divisor, --exempt, "
                                            "--exempt-if-seats-won, --direct-wins and "
                                            "--biproportional",
                                   a->system);
        return 0;
    }
    if (a->n_others)
        return cli_usage_error("seats", "--others applies with --system (a law)");
    if (!a->method_given) {
        if (!a->biproportional)
            return cli_usage_error("seats", "--method is required");
        a->opt.method = PS_SAINTE_LAGUE;
    }
    /* Refused rather than applied: sainte-lague (or any other method) with
     * another first divisor is no longer that method, and the output would
     * name a method that was not used. */
    if (bipro_variant(a) && !a->biproportional)
        return cli_usage_error("seats", "--lower-method, --winner-take-one and "
                                        "--district-threshold apply with --biproportional");
    if (first_given && a->opt.method != PS_MODIFIED_SAINTE_LAGUE &&
        !(a->bopt.lower_method_given && a->bopt.lower_method == PS_MODIFIED_SAINTE_LAGUE))
        return cli_usage_error("seats", "--first-divisor applies to modified-sainte-lague only, "
                                        "not %s; use --method modified-sainte-lague "
                                        "--first-divisor %s",
                               ps_method_name(a->opt.method), first_text);
    if (a->biproportional && !ps_method_is_divisor(a->opt.method))
        return cli_usage_error("seats", "--biproportional needs a divisor method, not %s",
                               ps_method_name(a->opt.method));
    if (a->bopt.lower_method_given && !ps_method_is_divisor(a->bopt.lower_method))
        return cli_usage_error("seats", "--lower-method needs a divisor method, not %s",
                               ps_method_name(a->bopt.lower_method));
    if (a->opt.ties == PS_TIES_RANDOM && !a->opt.seed)
        return cli_usage_error("seats", "--ties random needs --seed S (so the draw can be repeated)");
    return 0;
}

/* ---- one district -------------------------------------------------------- */

static int run_single(const seats_args *a, const ps_votes *v, ps_apportion_options *opt,
                      psi_buf *b)
{
    ps_error err;
    ps_apportionment *res = NULL;
    bool shortened;
    if (!a->seats_given)
        return cli_usage_error("seats", "--seats N is required");
    int rc = ps_apportion(&res, v->votes, v->n_parties, opt, &err);
    if (rc < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", ps_file_display_name(a->input));
        return cli_fail(&err);
    }
    switch (a->format) {
    case FORMAT_TEXT:
        describe_rule(b, a, opt->seats);
        shortened = text_table(b, a, v->parties, v->n_parties, v->votes, res->seats,
                               res->eligible, res->votes_total);
        describe_tie(b, res->tie, v->parties, a);
        cli_names_note(b, shortened);
        break;
    case FORMAT_CSV:
        psi_buf_puts(b, "party,votes,seats");
        csv_exempt_header(b, a);
        psi_buf_puts(b, "\n");
        for (size_t i = 0; i < v->n_parties; i++) {
            psi_buf_csv_field(b, v->parties[i]);
            psi_buf_printf(b, ",%lld,%lld", (long long)v->votes[i], (long long)res->seats[i]);
            csv_exempt_cell(b, a, i);
            psi_buf_puts(b, "\n");
        }
        break;
    case FORMAT_JSON:
        json_header(b, a, opt->seats);
        psi_buf_printf(b, "  \"votes_total\": %lld,\n  \"votes_eligible\": %lld,\n  \"parties\": ",
                       (long long)res->votes_total, (long long)res->votes_eligible);
        json_party_rows(b, a, v->parties, v->n_parties, v->votes, res->seats, res->eligible,
                        "  ");
        psi_buf_puts(b, ",\n  \"tie\": ");
        json_tie(b, res->tie, v->parties);
        psi_buf_puts(b, "\n}\n");
        break;
    }
    if (res->tie && a->format != FORMAT_TEXT) {
        psi_buf note;
        psi_buf_init(&note);
        describe_tie(&note, res->tie, v->parties, a);
        if (note.data)
            fprintf(stderr, "powershare: note: %s", note.data);
        psi_buf_free(&note);
    }
    ps_apportionment_free(res);
    return EXIT_OK;
}

int cmd_seats(int argc, char **argv)
{
    seats_args a;
    ps_error err;
    int rc = parse_args(&a, argc, argv);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;

    ps_votes *v = NULL;
    bool *exempt = NULL, *mark = NULL;
    int64_t *wins = NULL;
    psi_buf out;
    psi_buf_init(&out);
    int status = EXIT_OK;

    if (a.systems) {
        status = print_catalogue(a.format, &out);
        if (status == EXIT_OK)
            status = out.failed ? EXIT_FAILURE_
                                : cli_write_output(a.out_path, out.data ? out.data : "", out.len);
        psi_buf_free(&out);
        return status;
    }
    if (a.plurality) {
        status = run_plurality(&a, &out);
        if (status == EXIT_OK)
            status = out.failed ? EXIT_FAILURE_
                                : cli_write_output(a.out_path, out.data ? out.data : "", out.len);
        psi_buf_free(&out);
        return status;
    }
    if (ps_votes_load(&v, a.input, &err) < 0)
        return cli_fail(&err);
    if (a.system) {
        status = run_system(&a, v, &out);
        if (status == EXIT_OK)
            status = out.failed ? EXIT_FAILURE_
                                : cli_write_output(a.out_path, out.data ? out.data : "", out.len);
        goto done;
    }

    ps_apportion_options opt = a.opt;
    opt.names = (const char *const *)v->parties;
    if (a.n_exempt) {
        exempt = calloc(v->n_parties, sizeof *exempt);
        if (!exempt)
            goto nomem;
        for (size_t i = 0; i < a.n_exempt; i++) {
            size_t p = 0;
            while (p < v->n_parties && strcmp(v->parties[p], a.exempt[i]))
                p++;
            if (p == v->n_parties) {
                status = cli_usage_error("seats", "--exempt: no party '%s' in %s", a.exempt[i],
                                         ps_file_display_name(a.input));
                goto done;
            }
            exempt[p] = true;
        }
        opt.exempt = exempt;
    }
    if (a.direct_wins_path) {
        wins = calloc(v->n_parties, sizeof *wins);
        if (!wins)
            goto nomem;
        if (v->direct_wins)
            memcpy(wins, v->direct_wins, v->n_parties * sizeof *wins);
        if (ps_party_counts_load(wins, v->parties, v->n_parties, a.direct_wins_path, &err) < 0) {
            status = cli_fail(&err);
            goto done;
        }
        opt.direct_wins = wins;
    } else {
        opt.direct_wins = v->direct_wins;
    }
    if (opt.exempt_if_wins && !opt.direct_wins) {
        status = cli_usage_error("seats", "--exempt-if-seats-won needs constituency wins: a "
                                          "direct_wins column or --direct-wins FILE");
        goto done;
    }
    if (a.n_exempt || opt.exempt_if_wins) { /* which parties the output marks */
        if (!(mark = calloc(v->n_parties, sizeof *mark)))
            goto nomem;
        for (size_t i = 0; i < v->n_parties; i++)
            mark[i] = (exempt && exempt[i]) ||
                      (opt.exempt_if_wins && opt.direct_wins[i] >= opt.exempt_if_wins);
        a.exempt_mark = mark;
    }

    if (v->n_districts == 0) {
        if (a.district_seats_path || a.biproportional) {
            status = cli_usage_error("seats", "%s has no district column, so --district-seats "
                                              "and --biproportional do not apply",
                                     ps_file_display_name(a.input));
            goto done;
        }
        status = run_single(&a, v, &opt, &out);
    } else {
        status = run_districts(&a, v, &opt, &out);
    }
    if (status == EXIT_OK) {
        if (out.failed)
            goto nomem;
        status = cli_write_output(a.out_path, out.data ? out.data : "", out.len);
    }
    goto done;
nomem:
    fprintf(stderr, "powershare: out of memory\n");
    status = EXIT_FAILURE_;
done:
    psi_buf_free(&out);
    free(exempt);
    free(mark);
    free(wins);
    ps_votes_free(v);
    return status;
}
