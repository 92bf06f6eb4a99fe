/*
 * fuzz_numbers.c - the command-line number and name parsers on arbitrary
 * text: ps_ratio_parse, ps_int64_parse, ps_method_parse, and the quota text
 * of rules (ps_quota_parse).
 *
 * Invariants: no crash or sanitizer report; errors consistent, without a
 * position (the caller knows where the text came from); a ratio is in
 * lowest terms with num >= 0, den > 0, and what ps_ratio_format writes
 * parses back to the same ratio (when each side has at most 18 digits, the
 * parser's limit); an integer is >= 0 and equals strtoll's reading of the
 * text; a method name maps to a method whose name parses back to it. None of
 * these allocate, so nothing may be left allocated.
 */
#include <errno.h>
#include <inttypes.h>

#include "fuzz_common.h"

static int64_t gcd(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static void check_ratio(const char *text)
{
    ps_error err;
    ps_error_clear(&err);
    ps_ratio r = {-1, -1};
    int rc = ps_ratio_parse(&r, text, &err);
    fuzz_check_error(rc, &err, NULL);
    if (rc < 0) {
        FUZZ_CHECK(rc == PS_EINVAL || rc == PS_ERANGE, "ratio: code %d", rc);
        FUZZ_CHECK(err.line == 0 && err.file[0] == '\0', "ratio error with a position");
        return;
    }
    FUZZ_CHECK(r.num >= 0 && r.den > 0, "'%s' -> %" PRId64 "/%" PRId64, text, r.num, r.den);
    FUZZ_CHECK(gcd(r.num, r.den) == 1 || (r.num == 0 && r.den == 1),
               "'%s' -> %" PRId64 "/%" PRId64 " not in lowest terms", text, r.num, r.den);
    FUZZ_CHECK(ps_ratio_compare(r, r) == 0, "a ratio differs from itself");
    char buf[64];
    int n = ps_ratio_format(r, buf, sizeof buf);
    FUZZ_CHECK(n > 0 && (size_t)n < sizeof buf, "format length %d", n);
    const char *slash = strchr(buf, '/');
    size_t num_digits = slash ? (size_t)(slash - buf) : strlen(buf);
    size_t den_digits = slash ? strlen(slash + 1) : 1;
    if (num_digits <= 18 && den_digits <= 18) {
        ps_ratio back;
        rc = ps_ratio_parse(&back, buf, &err);
        FUZZ_CHECK(rc == 0 && back.num == r.num && back.den == r.den,
                   "'%s' -> '%s' does not parse back (rc %d)", text, buf, rc);
    }
}

static void check_int(const char *text)
{
    ps_error err;
    ps_error_clear(&err);
    int64_t v = -1;
    int rc = ps_int64_parse(&v, text, &err);
    fuzz_check_error(rc, &err, NULL);
    int digits_only = text[0] != '\0' && strspn(text, "0123456789") == strlen(text);
    if (rc < 0) {
        FUZZ_CHECK(rc == PS_EINVAL || rc == PS_ERANGE, "int: code %d", rc);
        FUZZ_CHECK(rc == PS_EINVAL || digits_only, "ERANGE for '%s'", text);
        if (digits_only) {
            errno = 0;
            (void)strtoll(text, NULL, 10);
            FUZZ_CHECK(errno == ERANGE, "'%s' refused but fits", text);
        }
        return;
    }
    FUZZ_CHECK(digits_only, "'%s' accepted as a whole number", text);
    errno = 0;
    long long want = strtoll(text, NULL, 10);
    FUZZ_CHECK(errno == 0 && want == v, "'%s' -> %" PRId64 ", strtoll says %lld", text, v, want);
}

static void check_method(const char *text)
{
    ps_error err;
    ps_error_clear(&err);
    ps_method m = PS_METHOD_COUNT;
    int rc = ps_method_parse(&m, text, &err);
    fuzz_check_error(rc, &err, NULL);
    if (rc < 0) {
        FUZZ_CHECK(rc == PS_EINVAL, "method: code %d", rc);
        return;
    }
    const char *name = ps_method_name(m);
    FUZZ_CHECK(name != NULL, "'%s' -> method %d without a name", text, (int)m);
    ps_method again = PS_METHOD_COUNT;
    FUZZ_CHECK(ps_method_parse(&again, name, &err) == 0 && again == m, "'%s' does not parse",
               name);
}

static void check_quota(const char *text)
{
    static const int64_t totals[] = {1, 7, 100, 328, INT64_MAX};
    for (size_t i = 0; i < sizeof totals / sizeof totals[0]; i++) {
        ps_error err;
        ps_error_clear(&err);
        int64_t q = -1;
        int rc = ps_quota_parse(&q, text, totals[i], &err);
        fuzz_check_error(rc, &err, NULL);
        if (rc < 0) {
            FUZZ_CHECK(rc == PS_EINVAL || rc == PS_ERANGE, "quota: code %d", rc);
            continue;
        }
        FUZZ_CHECK(q >= 0, "quota '%s' of %" PRId64 " -> %" PRId64, text, totals[i], q);
        if (strpbrk(text, "%/.") || !strcmp(text, "majority") || !strcmp(text, "unanimity"))
            FUZZ_CHECK(q >= 1 && q <= totals[i], "share quota '%s' of %" PRId64 " -> %" PRId64,
                       text, totals[i], q);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long live0 = psi_alloc_live();
    char *text = fuzz_cstring(data, size);
    check_ratio(text);
    check_int(text);
    check_method(text);
    check_quota(text);
    free(text);
    FUZZ_CHECK(psi_alloc_live() == live0, "number parsing allocated");
    return 0;
}
