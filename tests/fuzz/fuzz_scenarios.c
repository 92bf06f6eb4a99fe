/*
 * fuzz_scenarios.c - ps_scenarios_read (a scenario list as JSON, the
 * syntax of the "scenarios" section and of `whatif --scenario FILE`) on
 * arbitrary bytes.
 *
 * Invariants: no crash or sanitizer report; errors consistent and with a
 * position in this file; nothing leaked, also with an allocation failing.
 */
#include "fuzz_common.h"

static int run(const char *text, size_t len, ps_error *err, int full)
{
    (void)full;
    ps_scenarios *s = NULL;
    int rc = ps_scenarios_read(&s, text, len, "fuzz.json", err);
    FUZZ_CHECK(rc == 0 || s == NULL, "rc %d with a result", rc);
    ps_scenarios_free(s);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive(run, data, size, "fuzz.json");
    return 0;
}
