/*
 * fuzz_polls.c - ps_polls_parse (the POLLS.csv of `simulate`) on arbitrary
 * bytes.
 *
 * Invariants: no crash or sanitizer report; errors consistent and with a
 * position in this file; nothing leaked, also with an allocation failing; a
 * table read successfully has at least one party and one poll, with unique
 * non-empty party names, and pools (ps_polls_pool) into shares in [0, 1]
 * that add up to 1.
 */
#include <math.h>

#include "fuzz_common.h"

static int run(const char *text, size_t len, ps_error *err, int full)
{
    ps_polls *p = NULL;
    int rc = ps_polls_parse(&p, text, len, "fuzz.csv", err);
    FUZZ_CHECK((rc == 0) == (p != NULL), "rc %d with polls %p", rc, (void *)p);
    if (rc == 0 && full) {
        FUZZ_CHECK(p->n_parties > 0 && p->n_polls > 0, "empty polls accepted");
        for (size_t i = 0; i < p->n_parties; i++)
            FUZZ_CHECK(p->parties[i] && p->parties[i][0], "party %zu has no name", i);
        double *shares = malloc(p->n_parties * sizeof *shares);
        if (!shares)
            abort();
        int64_t n = 0;
        size_t used = 0;
        ps_error e;
        ps_error_clear(&e);
        int prc = ps_polls_pool(shares, &n, &used, p, 0, &e);
        fuzz_check_error(prc, &e, NULL);
        if (prc == 0) {
            double sum = 0;
            for (size_t i = 0; i < p->n_parties; i++) {
                FUZZ_CHECK(shares[i] >= 0 && shares[i] <= 1 + 1e-9, "pooled share %g", shares[i]);
                sum += shares[i];
            }
            FUZZ_CHECK(fabs(sum - 1) < 1e-6, "pooled shares add up to %.9g", sum);
            FUZZ_CHECK(used >= 1 && used <= p->n_polls, "%zu polls used of %zu", used,
                       p->n_polls);
        }
        free(shares);
    }
    ps_polls_free(p);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive(run, data, size, "fuzz.csv");
    return 0;
}
