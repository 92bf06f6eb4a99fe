/*
 * fuzz_party_counts.c - ps_party_counts_load (the --direct-wins file) on
 * arbitrary bytes.
 *
 * That reader only takes a path, so the input is put in an anonymous
 * in-memory file (memfd) and read through /proc/self/fd/N.
 *
 * Invariants: no crash or sanitizer report; errors consistent; nothing
 * leaked, also with an allocation failing; on success every count is >= 0,
 * and on failure the caller's array is left untouched.
 */
#include "fuzz_file.h"

static const char *const parties[] = {"A", "B", "SPD", "CSU", "Die Linke", "SSW"};
#define N_PARTIES (sizeof parties / sizeof parties[0])


static int run(const char *text, size_t len, ps_error *err, int full)
{
    (void)text;
    (void)len;
    int64_t counts[N_PARTIES];
    for (size_t i = 0; i < N_PARTIES; i++)
        counts[i] = -7;
    int rc = ps_party_counts_load(counts, (char *const *)parties, N_PARTIES, fuzz_path, err);
    if (full) {
        for (size_t i = 0; i < N_PARTIES; i++) {
            if (rc < 0)
                FUZZ_CHECK(counts[i] == -7, "failed read changed the counts");
            else
                FUZZ_CHECK(counts[i] == -7 || counts[i] >= 0, "count %lld",
                           (long long)counts[i]);
        }
    }
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive_file(run, data, size);
    return 0;
}
