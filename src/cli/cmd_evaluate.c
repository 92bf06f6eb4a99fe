/*
 * cmd_evaluate.c - `powershare evaluate --parlgov DIR`: how often each
 * coalition theory predicts the cabinet that actually formed (the ParlGov
 * test of parlgov_eval.c), as hit rates with the mean size of each
 * theory's prediction set.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: powershare evaluate --parlgov DIR [--country C] [options]\n"
    "\n"
    "For the first cabinet after each election in ParlGov's view_cabinet.csv\n"
    "where no party holds a majority of the seats: is it in each theory's\n"
    "prediction set? Prints the hit rates and the mean size of the sets.\n"
    "\n"
    "  --parlgov DIR        folder holding view_cabinet.csv\n"
    "  --country C          one country (short name such as NLD, or full name)\n"
    "  --skip-caretaker     take the first cabinet not marked caretaker\n"
    "  --cases              one CSV line per case instead of the summary\n"
    "  --format text|json|csv  output format (default text)\n"
    "  -o FILE              write to FILE (atomically) instead of stdout\n";

static const struct option long_options[] = {
    {"parlgov", required_argument, NULL, 'p'},
    {"country", required_argument, NULL, 'c'},
    {"skip-caretaker", no_argument, NULL, 'k'},
    {"cases", no_argument, NULL, 'C'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct line {
    const char *id, *title;
    const ps_parlgov_score *s;
    bool has_set;
} line;

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

/* One line per case: what each theory said about the cabinet that formed
 * (1 hit, 0 miss, empty: does not apply). */
static int cases_csv(const ps_parlgov *pg, const char *out_path)
{
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_puts(&b, "country,election_date,cabinet,cabinet_start,seats,quota,parties,winning");
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        psi_buf_printf(&b, ",%s", ps_theory_name((ps_theory)t));
    psi_buf_puts(&b, ",median,largest\n");
    for (size_t i = 0; i < pg->n; i++) {
        const ps_parlgov_case *c = &pg->cases[i];
        if (c->single_majority)
            continue;
        ps_parlgov_result r;
        ps_error err;
        if (ps_parlgov_case_evaluate(&r, c, &err) < 0) {
            psi_buf_free(&b);
            return cli_fail(&err);
        }
        psi_buf_printf(&b, "%s,%s,", c->country, c->election_date);
        psi_buf_csv_field(&b, c->cabinet_name);
        psi_buf_printf(&b, ",%s,%lld,%lld,", c->cabinet_start, (long long)r.actual.seats,
                       (long long)r.quota);
        cli_csv_ids(&b, c->leg, c->cabinet);
        psi_buf_printf(&b, ",%d", r.actual.winning);
        for (int t = 0; t < PS_THEORY_COUNT; t++)
            if (r.applies[t])
                psi_buf_printf(&b, ",%d", r.hit[t]);
            else
                psi_buf_puts(&b, ",");
        if (r.median_applies)
            psi_buf_printf(&b, ",%d", r.median_hit);
        else
            psi_buf_puts(&b, ",");
        psi_buf_printf(&b, ",%d\n", r.largest_hit);
    }
    int status;
    if (b.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else {
        status = cli_write_output(out_path, b.data, b.len);
    }
    psi_buf_free(&b);
    return status;
}

int cmd_evaluate(int argc, char **argv)
{
    const char *dir = NULL, *country = NULL, *out_path = NULL;
    output_format format = FORMAT_TEXT;
    bool skip_caretaker = false, per_case = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'p': dir = optarg; break;
        case 'c': country = optarg; break;
        case 'k': skip_caretaker = true; break;
        case 'C': per_case = true; break;
        case 'f':
            if (cli_parse_format("evaluate", optarg, &format))
                return EXIT_USAGE;
            break;
        case 'o': out_path = optarg; break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        case ':': return cli_usage_error("evaluate", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("evaluate", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!dir)
        return cli_usage_error("evaluate", "--parlgov DIR is required");
    if (optind != argc)
        return cli_usage_error("evaluate", "unexpected argument '%s'", argv[optind]);
    ps_error err;
    ps_parlgov *pg = NULL;
    if (ps_parlgov_load(&pg, dir, country, skip_caretaker, &err) < 0)
        return cli_fail(&err);
    if (!pg->n) {
        fprintf(stderr, "powershare: %s: no election%s%s\n", dir, country ? " of country " : "",
                country ? country : "");
        ps_parlgov_free(pg);
        return EXIT_BAD_DATA;
    }
    if (per_case) {
        int status = cases_csv(pg, out_path);
        ps_parlgov_free(pg);
        return status;
    }
    ps_parlgov_eval ev;
    if (ps_parlgov_evaluate(&ev, pg, &err) < 0) {
        ps_parlgov_free(pg);
        return cli_fail(&err);
    }
    line lines[PS_THEORY_COUNT + 2];
    size_t nl = 0;
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        lines[nl++] = (line){ps_theory_name((ps_theory)t), ps_theory_title((ps_theory)t),
                             &ev.theory[t], true};
    lines[nl++] = (line){"median", "the cabinet holds the median party", &ev.median, false};
    lines[nl++] = (line){"largest", "the cabinet holds the largest party", &ev.largest, false};

    psi_buf b;
    psi_buf_init(&b);
    if (format == FORMAT_TEXT) {
        psi_buf_printf(&b, "ParlGov: %zu elections%s%s; %zu with a single-party majority left "
                           "out; %zu cases.\n",
                       ev.elections, country ? " of " : "", country ? country : "",
                       ev.single_majority, ev.cases);
        psi_buf_printf(&b, "The first cabinet after the election held a majority in %zu cases "
                           "(%.1f%%), was minimal winning in %zu (%.1f%%).\n",
                       ev.cabinet_winning, pct(ev.cabinet_winning, ev.cases), ev.cabinet_minimal,
                       pct(ev.cabinet_minimal, ev.cases));
        if (ev.cabinet_seatless)
            psi_buf_printf(&b, "In %zu cases the cabinet had a party without seats (not counted "
                               "as a member).\n",
                           ev.cabinet_seatless);
        psi_buf_puts(&b, "\ntheory       cases   hits  hit rate  mean set  what is predicted\n");
        for (size_t i = 0; i < nl; i++) {
            const ps_parlgov_score *s = lines[i].s;
            psi_buf_printf(&b, "%-11s  %5zu  %5zu  %7.1f%%  ", lines[i].id, s->cases, s->hits,
                           pct(s->hits, s->cases));
            if (lines[i].has_set)
                psi_buf_printf(&b, "%8.2f  ", s->mean_set);
            else
                psi_buf_puts(&b, "       -  ");
            psi_buf_printf(&b, "%s\n", lines[i].title);
        }
    } else if (format == FORMAT_JSON) {
        psi_buf_printf(&b, "{\n  \"elections\": %zu,\n  \"single_party_majority\": %zu,\n"
                           "  \"cases\": %zu,\n  \"cabinet_winning\": %zu,\n"
                           "  \"cabinet_minimal\": %zu,\n  \"cabinet_with_seatless_party\": %zu,\n"
                           "  \"theories\": {",
                       ev.elections, ev.single_majority, ev.cases, ev.cabinet_winning,
                       ev.cabinet_minimal, ev.cabinet_seatless);
        for (size_t i = 0; i < nl; i++) {
            const ps_parlgov_score *s = lines[i].s;
            psi_buf_printf(&b, "%s\n    \"%s\": {\"cases\": %zu, \"hits\": %zu, "
                               "\"hit_rate\": %.4f, \"mean_set\": ",
                           i ? "," : "", lines[i].id, s->cases, s->hits,
                           s->cases ? (double)s->hits / (double)s->cases : 0.0);
            if (lines[i].has_set)
                psi_buf_printf(&b, "%.4f}", s->mean_set);
            else
                psi_buf_puts(&b, "null}");
        }
        psi_buf_puts(&b, "\n  }\n}\n");
    } else {
        psi_buf_puts(&b, "theory,cases,hits,hit_rate,mean_set\n");
        for (size_t i = 0; i < nl; i++) {
            const ps_parlgov_score *s = lines[i].s;
            psi_buf_printf(&b, "%s,%zu,%zu,%.4f,", lines[i].id, s->cases, s->hits,
                           s->cases ? (double)s->hits / (double)s->cases : 0.0);
            if (lines[i].has_set)
                psi_buf_printf(&b, "%.4f", s->mean_set);
            psi_buf_puts(&b, "\n");
        }
    }
    int status;
    if (b.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else {
        status = cli_write_output(out_path, b.data, b.len);
    }
    psi_buf_free(&b);
    ps_parlgov_free(pg);
    return status;
}
