/*
 * fuzz_common.h - what every fuzz harness shares.
 *
 * Each harness (fuzz_<name>.c) defines LLVMFuzzerTestOneInput. Built with
 * -Dfuzz=true it is linked with libFuzzer; otherwise with replay_main.c, a
 * main() that feeds it every file of the corpus folders given, so the seed
 * corpus and every crash ever found run in `make test` (under ASan + UBSan
 * in the sanitizer build).
 *
 * A harness checks cheap invariants on top of "no crash": every failure
 * fills the ps_error consistently (one line of UTF-8), every allocation is freed
 * (psi_alloc_live() returns to its value before the call), and a second run
 * with one allocation made to fail (chosen from the input) ends in the same
 * result or in PS_ENOMEM, again with nothing leaked. A broken invariant is
 * reported on standard error and abort()s, which libFuzzer records as a
 * crash.
 */
#ifndef PS_FUZZ_COMMON_H
#define PS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "powershare/powershare.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                 \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n  ",         \
                    __FILE__, __LINE__, #cond);                               \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* A copy of the input in a block of exactly `size` bytes (no terminating
 * NUL), so that AddressSanitizer catches a reader that looks past the end.
 * Never NULL: a zero-size input gets a 1-byte block and size 0. */
static inline char *fuzz_exact_copy(const uint8_t *data, size_t size)
{
    char *p = malloc(size ? size : 1);
    if (!p)
        abort();
    if (size)
        memcpy(p, data, size);
    return p;
}

/* The input as a C string (it ends at the first NUL byte, if any). */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *p = malloc(size + 1);
    if (!p)
        abort();
    if (size)
        memcpy(p, data, size);
    p[size] = '\0';
    return p;
}

/* FNV-1a of the input: picks the allocation to fail, the method, ... */
static inline uint64_t fuzz_hash(const uint8_t *data, size_t size)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < size; i++) {
        h ^= data[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* The error record agrees with the return code and says something. */
static inline void fuzz_check_error(int rc, const ps_error *err, const char *source)
{
    if (rc == 0) {
        FUZZ_CHECK(err->code == 0, "success but err->code %d", err->code);
        return;
    }
    FUZZ_CHECK(rc < 0 && rc >= PS_ERANGE, "unknown return code %d", rc);
    FUZZ_CHECK(err->code == rc, "returned %d but err->code is %d (%s)", rc, err->code,
               err->message);
    FUZZ_CHECK(err->message[0] != '\0', "error %d without a message", rc);
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL, "message not terminated");
    FUZZ_CHECK(err->message[strlen(err->message) - 1] != '\n', "message ends in a newline: %s",
               err->message);
    for (const unsigned char *m = (const unsigned char *)err->message; *m;) {
        FUZZ_CHECK(*m >= 0x20 && *m != 0x7F, "control character 0x%02X in message: %s", *m,
                   err->message);
        size_t need = *m < 0x80 ? 1 : *m >= 0xC2 && *m <= 0xDF ? 2 : *m >= 0xE0 && *m <= 0xEF ? 3
                    : *m >= 0xF0 && *m <= 0xF4 ? 4 : 0;
        FUZZ_CHECK(need > 0, "message is not UTF-8: %s", err->message);
        for (size_t k = 1; k < need; k++)
            FUZZ_CHECK((m[k] & 0xC0) == 0x80, "message is not UTF-8: %s", err->message);
        m += need;
    }
    FUZZ_CHECK(err->line >= 0 && err->column >= 0, "negative position %ld:%ld", err->line,
               err->column);
    FUZZ_CHECK(err->column == 0 || err->line > 0, "a column without a line");
    if (source && err->line > 0)
        FUZZ_CHECK(strcmp(err->file, source) == 0, "position in '%s', not in '%s'", err->file,
                   source);
}

/* One run of the parser under test. `full` asks for the invariant checks on
 * a success (round trips and the like); without it the run only parses and
 * frees, which is what the allocation-failure run repeats. */
typedef int (*fuzz_run_fn)(const char *text, size_t len, ps_error *err, int full);

/* Runs `run` on the input three times: plain (to count its allocations),
 * with the invariant checks, and with allocation number hash % count made to
 * fail. Checks the error record and that nothing leaks after each. */
static inline void fuzz_drive(fuzz_run_fn run, const uint8_t *data, size_t size,
                              const char *source)
{
    char *text = fuzz_exact_copy(data, size);
    long live0 = psi_alloc_live();
    ps_error err;

    ps_error_clear(&err);
    psi_alloc_fail_after(-1);
    int rc0 = run(text, size, &err, 0);
    long allocations = psi_alloc_count();
    fuzz_check_error(rc0, &err, source);
    FUZZ_CHECK(rc0 != PS_ENOMEM, "out of memory without a failure injected");
    FUZZ_CHECK(psi_alloc_live() == live0, "%ld block(s) leaked (rc %d)", psi_alloc_live() - live0,
               rc0);

    ps_error_clear(&err);
    int rc = run(text, size, &err, 1);
    fuzz_check_error(rc, &err, source);
    FUZZ_CHECK(rc == rc0, "second run returned %d, first %d", rc, rc0);
    FUZZ_CHECK(psi_alloc_live() == live0, "%ld block(s) leaked (checked run)",
               psi_alloc_live() - live0);

    if (allocations > 0) {
        ps_error_clear(&err);
        psi_alloc_fail_after((long)(fuzz_hash(data, size) % (uint64_t)allocations));
        rc = run(text, size, &err, 0);
        psi_alloc_fail_after(-1);
        fuzz_check_error(rc, &err, source);
        FUZZ_CHECK(rc == rc0 || rc == PS_ENOMEM,
                   "with an allocation failing: returned %d (%s), expected %d or PS_ENOMEM", rc,
                   err.message, rc0);
        FUZZ_CHECK(psi_alloc_live() == live0, "%ld block(s) leaked after an allocation failure",
                   psi_alloc_live() - live0);
    }
    free(text);
}

/* A legislature that was read successfully serialises to JSON, that JSON
 * reads back, and serialising again gives the same bytes; a copy
 * serialises the same too. */
static inline void fuzz_check_legislature(const ps_legislature *leg)
{
    ps_error err;
    char *j1 = NULL, *j2 = NULL, *j3 = NULL;
    ps_legislature *back = NULL, *copy = NULL;
    ps_error_clear(&err);
    int rc = ps_legislature_to_json(&j1, leg, &err);
    FUZZ_CHECK(rc == 0 && j1, "to_json failed: %d %s", rc, err.message);
    rc = ps_legislature_read_json(&back, j1, strlen(j1), "roundtrip.json", &err);
    FUZZ_CHECK(rc == 0, "JSON written by ps_legislature_to_json does not read back:\n%s:%ld:%ld: "
               "%s\n--- JSON ---\n%s", err.file, err.line, err.column, err.message, j1);
    rc = ps_legislature_to_json(&j2, back, &err);
    FUZZ_CHECK(rc == 0 && j2, "to_json of the read-back failed: %d", rc);
    FUZZ_CHECK(strcmp(j1, j2) == 0, "round trip changed the JSON:\n%s\n--- became ---\n%s", j1,
               j2);
    FUZZ_CHECK(ps_legislature_copy(&copy, leg) == 0 && copy, "copy failed");
    rc = ps_legislature_to_json(&j3, copy, &err);
    FUZZ_CHECK(rc == 0 && j3 && strcmp(j1, j3) == 0, "a copy serialises differently");
    FUZZ_CHECK(ps_legislature_party_seats(leg) >= 0, "negative seat sum");
    FUZZ_CHECK(leg->n_parties > 0 && leg->name, "a validated legislature without parties");
    ps_free(j1);
    ps_free(j2);
    ps_free(j3);
    ps_legislature_free(back);
    ps_legislature_free(copy);
}

#endif
