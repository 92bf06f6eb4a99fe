/*
 * number.c - exact ratios from decimal, percent and fraction text.
 *
 * "1.4" is 14/10 reduced to 7/5; "0.67%" is 67/10000. Everything stays in
 * 64-bit integers; overflow is detected, never wrapped.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/number.h"

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

ps_ratio psi_ratio_reduced(int64_t num, int64_t den)
{
    int64_t g = gcd64(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    return (ps_ratio){num, den};
}

/* Parses digits [s, end) into *out; -1 on overflow. */
static int parse_digits(const char *s, const char *end, int64_t *out)
{
    int64_t v = 0;
    for (; s < end; s++) {
        int d = *s - '0';
        if (v > (INT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static size_t span_digits(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

int ps_int64_parse(int64_t *out, const char *text, ps_error *err)
{
    if (!text || !*text)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "expected a whole number, got nothing");
    size_t n = span_digits(text);
    if (n == 0 || text[n] != '\0')
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "expected a whole number of digits only, got '%s'", text);
    if (parse_digits(text, text + n, out) < 0)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "number '%s' is too large (at most 9223372036854775807)", text);
    return PS_OK;
}

/* Parses "ddd" or "ddd.ddd" at *p as num/den (den a power of ten). */
static int parse_decimal(const char **p, int64_t *num, int64_t *den)
{
    const char *s = *p;
    size_t whole = span_digits(s);
    size_t frac = 0;
    const char *frac_start = s + whole;
    if (*frac_start == '.') {
        frac_start++;
        frac = span_digits(frac_start);
        if (frac == 0)
            return PS_EINVAL;
    }
    if (whole == 0)
        return PS_EINVAL;
    if (whole > 18 || frac > 18)
        return PS_ERANGE;
    int64_t w = 0, f = 0, scale = 1;
    parse_digits(s, s + whole, &w);
    parse_digits(frac_start, frac_start + frac, &f);
    for (size_t i = 0; i < frac; i++)
        scale *= 10;
    if (w > (INT64_MAX - f) / scale)
        return PS_ERANGE;
    *num = w * scale + f;
    *den = scale;
    *p = frac ? frac_start + frac : s + whole;
    return PS_OK;
}

int ps_ratio_parse(ps_ratio *out, const char *text, ps_error *err)
{
    static const char expected[] =
        "expected a non-negative number such as 3, 1.4, 5%% or 2/3";
    if (!text || !*text)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "%s, got nothing", expected);
    const char *p = text;
    int64_t num, den;
    int rc = parse_decimal(&p, &num, &den);
    if (rc == PS_ERANGE)
        return psi_error(err, PS_ERANGE, NULL, 0, 0, "number '%s' has too many digits", text);
    if (rc < 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "%s, got '%s'", expected, text);
    if (*p == '%') {
        p++;
        if (den > INT64_MAX / 100)
            return psi_error(err, PS_ERANGE, NULL, 0, 0, "number '%s' has too many digits", text);
        den *= 100;
    } else if (*p == '/') {
        p++;
        int64_t dnum, dden;
        rc = parse_decimal(&p, &dnum, &dden);
        if (rc == PS_ERANGE)
            return psi_error(err, PS_ERANGE, NULL, 0, 0, "number '%s' has too many digits", text);
        if (rc < 0 || dden != 1)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "expected a whole-number denominator after '/' in '%s'", text);
        if (dnum == 0)
            return psi_error(err, PS_EINVAL, NULL, 0, 0, "zero denominator in '%s'", text);
        /* num/den / dnum = num / (den * dnum) */
        if (den > INT64_MAX / dnum)
            return psi_error(err, PS_ERANGE, NULL, 0, 0, "fraction '%s' is too large", text);
        den *= dnum;
    }
    if (*p != '\0')
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "%s, got '%s'", expected, text);
    *out = psi_ratio_reduced(num, den);
    return PS_OK;
}

int ps_ratio_compare(ps_ratio a, ps_ratio b)
{
    uint64_t l[2] = {(uint64_t)a.num, (uint64_t)b.den};
    uint64_t r[2] = {(uint64_t)b.num, (uint64_t)a.den};
    return psi_cmp_products(l, 2, r, 2);
}

int ps_ratio_format(ps_ratio r, char *buf, size_t size)
{
    if (r.den == 1)
        return snprintf(buf, size, "%lld", (long long)r.num);
    return snprintf(buf, size, "%lld/%lld", (long long)r.num, (long long)r.den);
}
