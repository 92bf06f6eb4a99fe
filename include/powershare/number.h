/*
 * powershare/number.h - exact numbers typed by people.
 *
 * Users write thresholds as "5%", first divisors as "1.4", quotas as "2/3".
 * These are parsed into exact ratios of 64-bit integers, never into floating
 * point, so that every later comparison can be made as an integer
 * cross-product.
 *
 * Thread safety: every function here is thread-safe.
 */
#ifndef POWERSHARE_NUMBER_H
#define POWERSHARE_NUMBER_H

#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A non-negative exact ratio num/den, den > 0, kept in lowest terms. */
typedef struct ps_ratio {
    int64_t num;
    int64_t den;
} ps_ratio;

/* Parses a non-negative decimal or fraction into *out, in lowest terms:
 *   "3"      -> 3/1       "1.4"   -> 7/5      "0.05" -> 1/20
 *   "5%"     -> 1/20      "0.67%" -> 67/10000 "2/3"  -> 2/3
 * Accepts no sign, no exponent, no spaces, at most 18 digits on each side of
 * the point. The whole string must be consumed.
 * Errors: PS_EINVAL (malformed, negative, zero denominator), PS_ERANGE (does
 * not fit 64 bits). err->message quotes the text and says what was expected;
 * err->file, line and column are left empty (the caller knows where the text
 * came from). */
int ps_ratio_parse(ps_ratio *out, const char *text, ps_error *err);

/* Parses a non-negative decimal integer (digits only, at most 2^63 - 1).
 * Errors: PS_EINVAL (empty, sign, non-digit), PS_ERANGE (too large). */
int ps_int64_parse(int64_t *out, const char *text, ps_error *err);

/* Compares a/b with c/d exactly: returns -1, 0 or 1. */
int ps_ratio_compare(ps_ratio a, ps_ratio b);

/* Writes the ratio as "n" (den 1) or "n/d" into buf (at most size bytes, NUL
 * included) and returns the length the full text needs, like snprintf. */
int ps_ratio_format(ps_ratio r, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
