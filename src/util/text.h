/*
 * text.h - text checks and number conversions for every reader.
 *
 * What the JSON and the CSV reader (and the readers built on them) share,
 * so that a BOM, a NUL byte, a bad UTF-8 sequence or an overlong name gets
 * the same message and the same position whatever the format. Not
 * installed.
 */
#ifndef POWERSHARE_TEXT_H
#define POWERSHARE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Checks that text[0..len) is UTF-8 that a reader may take: no NUL byte,
 * no invalid, overlong, surrogate or out-of-range sequence, and no
 * byte-order mark (U+FEFF) except one at offset 0, which is accepted and
 * takes no column (the caller skips it: psi_bom_length). Errors: PS_EPARSE
 * with the 1-based line and column (in characters) of the offending byte,
 * err->file = source; for a file in UTF-16 or UTF-32 (with or without a
 * byte-order mark) PS_EPARSE without a position, "the file is UTF-16
 * (little-endian); save it as UTF-8 (in Excel: CSV UTF-8)". */
int psi_text_check(const char *text, size_t len, const char *source, ps_error *err);

/* 3 when text starts with a UTF-8 byte-order mark (EF BB BF), else 0: the
 * readers skip it, as Excel's "CSV UTF-8" and many editors write one. */
size_t psi_bom_length(const char *text, size_t len);

/* The most bytes a text value may hold, by the name of its JSON key or CSV
 * column (NULL for a key, a header cell or an array item): free text
 * ("notes", "source") PS_IO_MAX_NOTES_BYTES, anything else (names, ids)
 * PS_IO_MAX_TEXT_BYTES (powershare/io.h). */
size_t psi_text_limit(const char *name);

/* Reports a text value of len bytes, beyond limit, at its position:
 * PS_ERANGE "'name' is 2,000 bytes long; the limit is 1000 bytes" (name is
 * the key or column the value belongs to), or with name NULL "<kind> is
 * ..." ("key", "column name", "string"). Returns PS_ERANGE. */
int psi_text_too_long(ps_error *err, const char *source, long line, long column,
                      const char *name, const char *kind, size_t len, size_t limit);

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

/* Sets err's position (file, line, column) after the fact, for checks that
 * run once the whole input is known. Leaves the code and message alone. */
void psi_error_at(ps_error *err, const char *source, long line, long column);

#endif
