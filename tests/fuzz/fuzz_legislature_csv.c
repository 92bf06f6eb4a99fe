/*
 * fuzz_legislature_csv.c - ps_legislature_read_csv on arbitrary bytes.
 *
 * Invariants: no crash or sanitizer report; errors consistent and with a
 * position in this file; nothing leaked, also with an allocation failing;
 * a legislature read successfully round-trips through
 * ps_legislature_to_json byte for byte (see fuzz_common.h).
 */
#include "fuzz_common.h"

static int run(const char *text, size_t len, ps_error *err, int full)
{
    ps_legislature *leg = NULL;
    int rc = ps_legislature_read_csv(&leg, text, len, "fuzz.csv", err);
    FUZZ_CHECK((rc == 0) == (leg != NULL), "rc %d with leg %p", rc, (void *)leg);
    if (rc == 0 && full)
        fuzz_check_legislature(leg);
    ps_legislature_free(leg);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive(run, data, size, "fuzz.csv");
    return 0;
}
