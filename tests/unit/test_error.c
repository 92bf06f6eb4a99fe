/* test_error.c - error formatting, codes, and the string builder. */
#include <criterion/criterion.h>
#include <string.h>

#include "util.h"
#include "powershare/error.h"

Test(error, format_names_file_line_and_column)
{
    ps_error err;
    char buf[256];
    psi_error(&err, PS_EDATA, "votes.csv", 7, 12, "expected a whole number, got '%s'", "x");
    ps_error_format(&err, buf, sizeof buf);
    cr_expect_str_eq(buf, "votes.csv:7:12: expected a whole number, got 'x'");
    psi_error(&err, PS_EIO, "missing.json", 0, 0, "no such file");
    ps_error_format(&err, buf, sizeof buf);
    cr_expect_str_eq(buf, "missing.json: no such file");
    psi_error(&err, PS_EINVAL, NULL, 0, 0, "bad");
    ps_error_format(&err, buf, sizeof buf);
    cr_expect_str_eq(buf, "bad");
    psi_error(&err, PS_EDATA, "f.csv", 3, 0, "short row");
    ps_error_format(&err, buf, sizeof buf);
    cr_expect_str_eq(buf, "f.csv:3: short row");
}

Test(error, format_truncates_like_snprintf)
{
    ps_error err;
    char small[8];
    psi_error(&err, PS_EDATA, "a.csv", 1, 1, "message");
    size_t need = ps_error_format(&err, small, sizeof small);
    cr_expect_eq(need, strlen("a.csv:1:1: message"));
    cr_expect_str_eq(small, "a.csv:1");
}

Test(error, every_code_has_a_name_and_null_is_safe)
{
    int codes[] = {PS_OK, PS_ENOMEM, PS_EINVAL, PS_EIO, PS_EPARSE, PS_EDATA, PS_ETIE, PS_ERANGE};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        cr_expect(strcmp(ps_strerror(codes[i]), "unknown error") != 0);
    cr_expect_str_eq(ps_strerror(-99), "unknown error");
    cr_expect_eq(psi_error(NULL, PS_EDATA, "x", 1, 1, "y"), PS_EDATA);
    ps_error_clear(NULL);
    char buf[4] = "abc";
    cr_expect_eq(ps_error_format(NULL, buf, sizeof buf), 0);
    cr_expect_str_eq(buf, "");
}

Test(buf, json_strings_are_escaped)
{
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_json_string(&b, "a\"b\\c\nd\x01 \xc3\xb8");
    char *s = psi_buf_take(&b);
    cr_assert_not_null(s);
    cr_expect_str_eq(s, "\"a\\\"b\\\\c\\nd\\u0001 \xc3\xb8\"");
    ps_free(s);
}

Test(buf, csv_fields_are_quoted_only_when_needed)
{
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_csv_field(&b, "VVD");
    psi_buf_puts(&b, "|");
    psi_buf_csv_field(&b, "Al-Wataniya (National Coalition, Allawi)");
    psi_buf_puts(&b, "|");
    psi_buf_csv_field(&b, "say \"no\"");
    psi_buf_puts(&b, "|");
    psi_buf_csv_field(&b, " padded");
    char *s = psi_buf_take(&b);
    cr_expect_str_eq(s, "VVD|\"Al-Wataniya (National Coalition, Allawi)\"|\"say \"\"no\"\"\"|\" padded\"");
    ps_free(s);
}

Test(buf, a_failed_allocation_sticks_and_take_returns_null)
{
    psi_buf b;
    psi_buf_init(&b);
    long live = psi_alloc_live();
    psi_alloc_fail_after(0);
    psi_buf_puts(&b, "x");
    psi_alloc_fail_after(-1);
    psi_buf_puts(&b, "y");
    cr_expect(b.failed);
    cr_expect_null(psi_buf_take(&b));
    cr_expect_eq(psi_alloc_live(), live);
}
