/*
 * main.c - the powershare program: a table of subcommands.
 *
 * Each subcommand lives in cmd_<verb>.c, parses its own options, calls one
 * library stage and prints. Nothing here knows about elections.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "progress.h"

static const command commands[] = {
    {"analyze", "the main job: chamber, power, who can govern, power-sharing, what if, offices", cmd_analyze},
    {"power", "voting power indices under the chamber's decision rule", cmd_power},
    {"simulate", "how likely: seat and coalition probabilities from polls", cmd_simulate},
    {"coalitions", "which governments can form, by theory; substance or show", cmd_coalitions},
    {"evaluate", "coalition theories against the cabinets that formed (ParlGov)", cmd_evaluate},
    {"predict", "which government forms: conditional logit fitted on real cabinets", cmd_predict},
    {"seats", "votes to seats, exactly (divisor, quota and biproportional methods)", cmd_seats},
    {"stv", "single transferable vote: count ballots (BLT), stage by stage, exactly", cmd_stv},
    {"whatif", "what if a bloc walks out, lists merge, members defect: before and after", cmd_whatif},
    {"chart", "charts: hemicycle, coalition bars, power, what-if (SVG, PNG, PDF)", cmd_chart},
    {"serve", "the interactive coalition builder in the browser (loopback)", cmd_serve},
    {"portfolios", "who gets which office: Gamson shares, d'Hondt picks, reserved offices", cmd_portfolios},
};

static void print_help(FILE *f)
{
    fprintf(f, "usage: powershare <command> [options] FILE\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'powershare <command> --help' describes a command.\n"
               "Exit codes: 0 ok, 1 failure, 2 usage, 3 bad input data.\n");
}

/* With PS_WORK_COUNTS set, how many times each main computation ran: the
 * test that analyze computes once whatever it prints (tests/cases/analyze). */
static void report_work(void)
{
    if (!getenv("PS_WORK_COUNTS"))
        return;
    for (int w = 0; w < PSI_WORK_COUNT; w++)
        fprintf(stderr, "work: %s %lu\n", psi_work_name((psi_work)w), psi_work_count((psi_work)w));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (!strcmp(name, "--version")) {
        printf("powershare %s\n", POWERSHARE_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (!strcmp(name, commands[i].name)) {
            /* serve's requests run side by side: no one line for them */
            if (strcmp(name, "serve"))
                cli_progress_install();
            int status = commands[i].run(argc - 1, argv + 1);
            cli_progress_clear();
            report_work();
            return status;
        }
    }
    fprintf(stderr, "powershare: unknown command '%s'\n", name);
    print_help(stderr);
    return EXIT_USAGE;
}
