/*
 * fuzz_system.c - a law file (ps_system_read, include/powershare/system.h)
 * on arbitrary bytes, and the law, when it reads, applied to a fixed votes
 * table with every optional column (direct wins, alliances, candidates).
 *
 * Invariants: no crash or sanitizer report; errors consistent and, when
 * they have a position, in this input; nothing leaked, also with an
 * allocation failing; a law that reads applies, or fails with a data or
 * tie error (never an invalid-argument one), and its seats add up to the
 * house.
 */
#include <string.h>

#include "fuzz_common.h"

static const char votes_csv[] = "party,votes,direct_wins,alliance,candidates\n"
                                "A,5100,2,x,3\nB,2000,0,,20\nC,1500,1,x,\nD,1000,0,y,4\n"
                                "E,400,3,y,1\nF,0,1,,\n";

static int run(const char *text, size_t len, ps_error *err, int full)
{
    ps_system *law = NULL;
    int rc = ps_system_read(&law, text, len, "fuzz.json", err);
    FUZZ_CHECK((rc == 0) == (law != NULL), "rc %d with law %p", rc, (void *)law);
    if (rc == 0 && full && law->apportion.seats <= 100000) {
        ps_votes *v = NULL;
        ps_error e;
        ps_error_clear(&e);
        int vrc = ps_votes_read_csv(&v, votes_csv, strlen(votes_csv), "votes.csv", &e);
        FUZZ_CHECK(vrc == 0 || vrc == PS_ENOMEM, "the fixed votes table: %s", e.message);
        if (vrc == 0) {
            ps_system_result *r = NULL;
            int arc = ps_system_apply(&r, law, v, NULL, &e);
            fuzz_check_error(arc, &e, NULL);
            FUZZ_CHECK(arc != PS_EINVAL, "applying a law: invalid argument (%s)", e.message);
            if (arc == 0) {
                int64_t sum = 0;
                for (size_t i = 0; i < r->n; i++)
                    sum += r->seats[i];
                FUZZ_CHECK(sum <= r->house, "%lld seats in a house of %lld", (long long)sum,
                           (long long)r->house);
            }
            ps_system_result_free(r);
        }
        ps_votes_free(v);
    }
    ps_system_free(law);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive(run, data, size, "fuzz.json");
    return 0;
}
