/*
 * io_internal.h - what the readers and writers of the io stage share.
 *
 * Text checks and number conversions that both the JSON and the CSV reader
 * need, so that a BOM, a NUL byte or a bad UTF-8 sequence gets the same
 * message and the same position whatever the format. Not installed.
 */
#ifndef POWERSHARE_IO_INTERNAL_H
#define POWERSHARE_IO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "powershare/legislature.h"

/* Checks that text[0..len) is UTF-8 that a reader may take: no byte-order
 * mark, no NUL byte, no invalid, overlong, surrogate or out-of-range
 * sequence. Errors: PS_EPARSE with the 1-based line and column (in
 * characters) of the offending byte, err->file = source. */
int psi_text_check(const char *text, size_t len, const char *source, ps_error *err);

/* Length in bytes of the UTF-8 sequence that starts with byte c (1 for a
 * continuation or invalid byte, so that scanning always advances). Only
 * meaningful on text that passed psi_text_check. */
size_t psi_utf8_len(unsigned char c);

/* Converts a decimal number with optional sign, fraction and exponent
 * (the JSON grammar, plus a leading '+', a bare ".5" and "5.") to a double,
 * whatever the C locale's decimal point. The whole of s[0..n) must be the
 * number. Returns 0, or -1 when it is not a number or is out of the range
 * of a finite double. */
int psi_parse_double(const char *s, size_t n, double *out);

/* Formats a finite double in the shortest "%.*g" form that reads back to
 * the same value, with '.' as the decimal point. buf needs 32 bytes. */
void psi_format_double(char *buf, size_t size, double v);

/* True for "#rrggbb" (hex digits in either case). */
int psi_is_color(const char *s);

/* Checks an ISO 8601 calendar date written YYYY, YYYY-MM or YYYY-MM-DD,
 * with the days of each month (leap years included). */
int psi_is_iso_date(const char *s);

/* The checks of ps_legislature_validate(). When the fault belongs to one
 * party, *bad_party (if not NULL) gets its index, otherwise -1, so that a
 * reader can point at that party's row or object. */
int psi_legislature_check(ps_legislature *leg, long *bad_party, ps_error *err);

/* Sets err's position (file, line, column) after the fact, for checks that
 * run once the whole input is known. Leaves the code and message alone. */
void psi_error_at(ps_error *err, const char *source, long line, long column);

#endif
