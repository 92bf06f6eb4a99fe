/*
 * fuzz_rule.c - the "rule" section of a legislature file (ps_rule_load) on
 * arbitrary bytes, and the rule compiled into a game for the legislature of
 * the same file.
 *
 * ps_rule_load only takes a path, so the input is put in an anonymous
 * in-memory file (memfd) and read through /proc/self/fd/N.
 *
 * Invariants: no crash or sanitizer report; errors consistent; nothing
 * leaked, also with an allocation failing; when both the rule and the
 * legislature read, ps_game_from_rule and ps_rule_describe succeed or fail
 * cleanly (a data error, never an invalid-argument one).
 */
#include "fuzz_file.h"


static int run(const char *text, size_t len, ps_error *err, int full)
{
    ps_rule *rule = NULL;
    int rc = ps_rule_load(&rule, fuzz_path, err);
    FUZZ_CHECK((rc == 0) == (rule != NULL), "rc %d with rule %p", rc, (void *)rule);
    if (rc == 0 && full) {
        ps_legislature *leg = NULL;
        ps_error e;
        ps_error_clear(&e);
        if (ps_legislature_read_json(&leg, text, len, fuzz_path, &e) == 0 &&
            leg->total_seats > 0 && leg->n_parties <= 64) {
            ps_game *g = NULL;
            int grc = ps_game_from_rule(&g, leg, rule, &e);
            fuzz_check_error(grc, &e, NULL);
            FUZZ_CHECK(grc != PS_ENOMEM, "out of memory compiling a rule");
            ps_game_free(g);
            char *d = NULL;
            ps_error_clear(&e);
            grc = ps_rule_describe(&d, leg, rule, &e);
            fuzz_check_error(grc, &e, NULL);
            ps_free(d);
        }
        ps_legislature_free(leg);
    }
    ps_rule_free(rule);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive_file(run, data, size);
    return 0;
}
