/*
 * fuzz_parlgov.c - ps_parlgov_load (ParlGov's view_cabinet.csv: `evaluate
 * --parlgov DIR`, `coalitions --parlgov DIR ...`) on arbitrary bytes, then
 * ps_parlgov_evaluate on what it read.
 *
 * That reader takes a directory and opens DIR/view_cabinet.csv, so a memfd
 * will not do: each process makes one private directory (mkdtemp under
 * /tmp, on the first input) and every input is written to
 * DIR/view_cabinet.csv before the run. This touches the disk (a few KB per
 * input, rewritten in place), which is acceptable for a fuzzer; the file
 * and the directory are removed at exit. A process that aborts (a finding,
 * or libFuzzer's -minimize_crash, which runs crashing inputs in child
 * processes) skips that and leaves its folder behind, holding the input.
 *
 * Invariants: no crash or sanitizer report; errors consistent, and a
 * position, when there is one, in DIR/view_cabinet.csv; nothing leaked,
 * also with an allocation failing (the run covers load and evaluate, so the
 * failing allocation can be in either); on success every case holds a
 * valid legislature of at most 64 parties, its cabinet's parties are among
 * them, the legislature round-trips through JSON, and the evaluation's
 * counts add up (cases + single-party majorities = elections, minimal
 * winning <= winning <= cases, hits <= cases for every theory).
 * skip_caretaker is chosen from the input's hash.
 *
 * Evaluation is skipped when a case has more than MAX_EVAL_PARTIES parties
 * with seats: the theories count every minimal winning coalition, which
 * grows exponentially (64 one-seat parties do not finish in a minute; 24
 * take a second), so such inputs would only be timeouts. The reader is
 * still fuzzed on them, up to its own limit of 64.
 */
#define _GNU_SOURCE /* mkdtemp */
#include <stdbool.h>
#include <unistd.h>

#include "fuzz_common.h"

#define MAX_EVAL_PARTIES 16

static char dir[64];
static char csv_path[128];

static void remove_dir(void)
{
    unlink(csv_path);
    rmdir(dir);
}

static void write_input(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fuzz-parlgov-XXXXXX");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            abort();
        }
        snprintf(csv_path, sizeof csv_path, "%s/view_cabinet.csv", dir);
        atexit(remove_dir);
    }
    FILE *f = fopen(csv_path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(csv_path);
        abort();
    }
}

static void check_result(const ps_parlgov *pg, const ps_parlgov_eval *ev)
{
    for (size_t i = 0; i < pg->n; i++) {
        const ps_parlgov_case *c = &pg->cases[i];
        FUZZ_CHECK(c->leg && c->country && c->election_date, "case %zu incomplete", i);
        FUZZ_CHECK(c->leg->n_parties > 0 && c->leg->n_parties <= PS_COALITION_MAX_PLAYERS,
                   "case %zu has %zu parties", i, c->leg->n_parties);
        if (c->leg->n_parties < 64)
            FUZZ_CHECK((c->cabinet >> c->leg->n_parties) == 0,
                       "case %zu: cabinet holds a party that is not there", i);
        fuzz_check_legislature(c->leg);
    }
    if (!ev)
        return;
    FUZZ_CHECK(ev->elections == pg->n, "%zu elections evaluated, %zu read", ev->elections, pg->n);
    FUZZ_CHECK(ev->cases + ev->single_majority == ev->elections, "cases do not add up");
    FUZZ_CHECK(ev->cabinet_minimal <= ev->cabinet_winning && ev->cabinet_winning <= ev->cases,
               "cabinet counts do not add up");
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        FUZZ_CHECK(ev->theory[t].hits <= ev->theory[t].cases &&
                   ev->theory[t].cases <= ev->cases, "theory %d: %zu hits in %zu cases", t,
                   ev->theory[t].hits, ev->theory[t].cases);
    FUZZ_CHECK(ev->median.hits <= ev->median.cases && ev->largest.hits <= ev->largest.cases,
               "median or largest hits out of range");
}

static int run(const char *text, size_t len, ps_error *err, int full)
{
    bool skip_caretaker = fuzz_hash((const uint8_t *)text, len) & 1;
    ps_parlgov *pg = NULL;
    int rc = ps_parlgov_load(&pg, dir, NULL, skip_caretaker, err);
    FUZZ_CHECK((rc == 0) == (pg != NULL), "rc %d with result %p", rc, (void *)pg);
    bool small = true;
    for (size_t i = 0; rc == 0 && i < pg->n; i++)
        small = small && pg->cases[i].leg->n_parties <= MAX_EVAL_PARTIES;
    if (rc == 0 && !small && full)
        check_result(pg, NULL);
    if (rc == 0 && small) {
        ps_parlgov_eval ev;
        rc = ps_parlgov_evaluate(&ev, pg, err);
        if (rc == 0 && full)
            check_result(pg, &ev);
    }
    ps_parlgov_free(pg);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_input(data, size);
    fuzz_drive(run, data, size, csv_path);
    return 0;
}
