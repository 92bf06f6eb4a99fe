/*
 * fuzz_rule.c - the "rule" section of a legislature document
 * (ps_document_read, then ps_rule_from_document) on arbitrary bytes, and
 * the rule compiled into a game for the document's legislature.
 *
 * The document is read from memory, from a block of exactly the input's
 * size, so AddressSanitizer sees a reader that looks past the end.
 *
 * Invariants: no crash or sanitizer report; errors consistent and, when
 * they have a position, in this input; nothing leaked, also with an
 * allocation failing; when the document and its rule read,
 * ps_game_from_rule and ps_rule_describe succeed or fail cleanly (a data
 * error, never an invalid-argument one).
 */
#include "fuzz_common.h"

static int run(const char *text, size_t len, ps_error *err, int full)
{
    ps_document *doc = NULL;
    ps_rule *rule = NULL;
    int rc = ps_document_read(&doc, text, len, "fuzz.json", err);
    FUZZ_CHECK((rc == 0) == (doc != NULL), "rc %d with document %p", rc, (void *)doc);
    if (rc == 0) {
        rc = ps_rule_from_document(&rule, doc, err);
        FUZZ_CHECK((rc == 0) == (rule != NULL), "rc %d with rule %p", rc, (void *)rule);
        FUZZ_CHECK(rc == 0 || ps_document_is_json(doc), "a CSV document's rule failed: %d", rc);
    }
    if (rc == 0 && full) {
        const ps_legislature *leg = ps_document_legislature(doc);
        ps_error e;
        ps_error_clear(&e);
        if (leg->total_seats > 0 && leg->n_parties <= 64) {
            ps_game *g = NULL;
            int grc = ps_game_from_rule(&g, leg, rule, &e);
            fuzz_check_error(grc, &e, NULL);
            FUZZ_CHECK(grc != PS_ENOMEM, "out of memory compiling a rule");
            FUZZ_CHECK(grc != PS_EINVAL, "compiling a rule: invalid argument (%s)", e.message);
            ps_game_free(g);
            char *d = NULL;
            ps_error_clear(&e);
            grc = ps_rule_describe(&d, leg, rule, &e);
            fuzz_check_error(grc, &e, NULL);
            FUZZ_CHECK(grc != PS_EINVAL, "describing a rule: invalid argument (%s)", e.message);
            ps_free(d);
        }
    }
    ps_rule_free(rule);
    ps_document_free(doc);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive(run, data, size, "fuzz.json");
    return 0;
}
