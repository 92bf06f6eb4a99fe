/* test_number.c - exact ratios from text, and wide product comparison. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "util.h"
#include "powershare/number.h"

static ps_ratio parse_ok(const char *text)
{
    ps_ratio r = {0, 0};
    ps_error err;
    int rc = ps_ratio_parse(&r, text, &err);
    cr_assert_eq(rc, PS_OK, "'%s' should parse: %s", text, err.message);
    return r;
}

static int parse_code(const char *text)
{
    ps_ratio r;
    ps_error err;
    return ps_ratio_parse(&r, text, &err);
}

Test(number, decimals_percent_and_fractions_in_lowest_terms)
{
    struct { const char *text; int64_t num, den; } cases[] = {
        {"3", 3, 1},         {"1.4", 7, 5},      {"0.05", 1, 20},   {"5%", 1, 20},
        {"0.67%", 67, 10000}, {"2/3", 2, 3},      {"4/6", 2, 3},     {"0", 0, 1},
        {"100%", 1, 1},      {"1.60", 8, 5},     {"1.7", 17, 10},   {"1.9", 19, 10},
        {"999999999999999999", 999999999999999999, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ps_ratio r = parse_ok(cases[i].text);
        cr_expect_eq(r.num, cases[i].num, "%s: num %lld", cases[i].text, (long long)r.num);
        cr_expect_eq(r.den, cases[i].den, "%s: den %lld", cases[i].text, (long long)r.den);
    }
}

Test(number, malformed_text_is_refused_with_what_was_expected)
{
    const char *bad[] = {"", "-1", "+1", "1.", ".5", "1e3", "5 %", " 5", "5%%", "1/0",
                         "1/2.5", "abc", "1/", "0x10", "1,5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_eq(parse_code(bad[i]), PS_EINVAL, "'%s' should be refused", bad[i]);
    ps_ratio r;
    ps_error err;
    ps_ratio_parse(&r, "1e3", &err);
    cr_expect(strstr(err.message, "'1e3'") != NULL, "message quotes the text: %s", err.message);
    cr_expect(strstr(err.message, "expected") != NULL, "message says what was expected");
}

Test(number, too_many_digits_is_a_range_error)
{
    cr_expect_eq(parse_code("9999999999999999999"), PS_ERANGE);
    cr_expect_eq(parse_code("0.0000000000000000001"), PS_ERANGE);
    cr_expect_eq(parse_code("0.000000000000000001%"), PS_ERANGE);
}

Test(number, int64_accepts_digits_up_to_the_limit)
{
    int64_t v;
    ps_error err;
    cr_assert_eq(ps_int64_parse(&v, "9223372036854775807", &err), PS_OK);
    cr_expect_eq(v, INT64_MAX);
    cr_expect_eq(ps_int64_parse(&v, "9223372036854775808", &err), PS_ERANGE);
    cr_expect_eq(ps_int64_parse(&v, "-1", &err), PS_EINVAL);
    cr_expect_eq(ps_int64_parse(&v, "12a", &err), PS_EINVAL);
    cr_expect_eq(ps_int64_parse(&v, "", &err), PS_EINVAL);
    cr_expect_eq(ps_int64_parse(&v, NULL, &err), PS_EINVAL);
}

Test(number, compare_and_format)
{
    cr_expect_eq(ps_ratio_compare((ps_ratio){2, 3}, (ps_ratio){4, 6}), 0);
    cr_expect_eq(ps_ratio_compare((ps_ratio){1, 3}, (ps_ratio){1, 2}), -1);
    cr_expect_eq(ps_ratio_compare((ps_ratio){INT64_MAX, 1}, (ps_ratio){INT64_MAX - 1, 1}), 1);
    /* cross-products near 2^126 must not overflow */
    cr_expect_eq(ps_ratio_compare((ps_ratio){INT64_MAX, INT64_MAX - 1},
                                  (ps_ratio){INT64_MAX - 1, INT64_MAX - 2}), -1);
    char buf[64];
    ps_ratio_format((ps_ratio){7, 5}, buf, sizeof buf);
    cr_expect_str_eq(buf, "7/5");
    ps_ratio_format((ps_ratio){3, 1}, buf, sizeof buf);
    cr_expect_str_eq(buf, "3");
}

Test(number, wide_products_compare_exactly)
{
    uint64_t max = UINT64_MAX;
    /* (2^64-1)^4 versus (2^64-1)^3 * (2^64-2) */
    uint64_t a[4] = {max, max, max, max};
    uint64_t b[4] = {max, max, max, max - 1};
    cr_expect_eq(psi_cmp_products(a, 4, b, 4), 1);
    cr_expect_eq(psi_cmp_products(b, 4, a, 4), -1);
    cr_expect_eq(psi_cmp_products(a, 4, a, 4), 0);
    /* 6 * 35 == 10 * 21, different factorisations */
    uint64_t c[2] = {6, 35}, d[3] = {10, 21, 1};
    cr_expect_eq(psi_cmp_products(c, 2, d, 3), 0);
    uint64_t zero[2] = {0, max}, one[1] = {1};
    cr_expect_eq(psi_cmp_products(zero, 2, one, 1), -1);
}
