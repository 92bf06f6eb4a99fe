/*
 * fuzz_district_seats.c - ps_district_seats_read_csv on arbitrary bytes.
 *
 * Invariants: no crash or sanitizer report; errors consistent and with a
 * position in this file; nothing leaked, also with an allocation failing; a
 * table read successfully has at least one district, named, unique and
 * non-empty, with a seat count >= 0.
 */
#include "fuzz_common.h"

static int run(const char *text, size_t len, ps_error *err, int full)
{
    ps_district_seats *ds = NULL;
    int rc = ps_district_seats_read_csv(&ds, text, len, "fuzz.csv", err);
    FUZZ_CHECK((rc == 0) == (ds != NULL), "rc %d with ds %p", rc, (void *)ds);
    if (rc == 0 && full) {
        FUZZ_CHECK(ds->n > 0 && ds->districts && ds->seats, "empty table accepted");
        for (size_t i = 0; i < ds->n; i++) {
            FUZZ_CHECK(ds->districts[i] && ds->districts[i][0], "district %zu has no name", i);
            FUZZ_CHECK(ds->seats[i] >= 0, "district %zu has %lld seats", i,
                       (long long)ds->seats[i]);
            for (size_t j = 0; j < i; j++)
                FUZZ_CHECK(strcmp(ds->districts[i], ds->districts[j]) != 0,
                           "district '%s' listed twice", ds->districts[i]);
        }
    }
    ps_district_seats_free(ds);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive(run, data, size, "fuzz.csv");
    return 0;
}
