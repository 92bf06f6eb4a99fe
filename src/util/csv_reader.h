/*
 * csv_reader.h - an RFC 4180 CSV reader that remembers positions.
 *
 * Reads records one at a time from text in memory. Every field carries the
 * 1-based line and column (in characters) where it starts, so callers can
 * report "votes.csv:12:9: 'votes' must not be negative, got -4".
 *
 * Accepted: quoted fields with doubled quotes inside, line breaks inside
 * quoted fields (a CRLF there is read as LF, so the meaning of a file does
 * not depend on its line ends), LF or CRLF record ends, a last record with
 * or without a line end. Empty lines are skipped. A UTF-8 byte-order mark
 * at the start is skipped (it takes no column).
 * Refused (PS_ERANGE, with position): a field longer than its column's
 * limit (PS_IO_MAX_TEXT_BYTES; PS_IO_MAX_NOTES_BYTES for notes and source).
 * Refused (PS_EPARSE, with position): UTF-16 or UTF-32 text, a byte-order
 * mark after the start, NUL bytes, invalid UTF-8, an
 * unterminated quoted field, a quote inside an unquoted field, text after a
 * closing quote, a CR not followed by LF outside quotes, and a record whose
 * field count differs from the first record (the header).
 *
 * Thread safety: a reader is used by one thread at a time; distinct readers
 * are independent.
 */
#ifndef POWERSHARE_CSV_READER_H
#define POWERSHARE_CSV_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "powershare/error.h"

typedef struct psi_csv_field {
    const char *text;  /* unquoted content, NUL-terminated */
    size_t len;
    long line, column; /* where the field starts (its quote, if quoted) */
    int quoted;
} psi_csv_field;

typedef struct psi_csv psi_csv;

/* Starts reading text[0..len) (not necessarily NUL-terminated; it must
 * outlive the reader). Checks the encoding first. Errors: PS_EPARSE,
 * PS_ENOMEM. */
int psi_csv_open(psi_csv **out, const char *text, size_t len, const char *source,
                 ps_error *err);
void psi_csv_free(psi_csv *csv);

/* Reads the next record: returns 1 and sets *fields and *n (valid until the
 * next call), 0 at the end of the text, or a negative code. The first
 * record fixes the field count for all others. */
int psi_csv_next(psi_csv *csv, const psi_csv_field **fields, size_t *n, ps_error *err);

/* Reads the first record as a header: every name non-empty, without
 * leading or trailing spaces (refused, not trimmed: "party, seats" is a
 * slip the user should see), and unique ignoring ASCII case ("votes" and
 * "Votes" are the same column). An empty file is an error ("empty file;
 * expected a header line naming the columns"), and so is a header that is
 * one unquoted name holding a ';' (PSI_CSV_SEMICOLON_MESSAGE at its
 * position): no reader takes a one-column table, and "party;votes" is what
 * a spreadsheet writes where the decimal mark is a comma. */
int psi_csv_header(psi_csv *csv, const psi_csv_field **fields, size_t *n, ps_error *err);

/* The message for a semicolon-separated file, shared by the readers and
 * the legislature's format detection. */
#define PSI_CSV_SEMICOLON_MESSAGE                                                           \
    "the file looks semicolon-separated (as Excel writes in some locales); save it with " \
    "commas"

/* True when the line s[0..len) (up to its first '\n') holds no comma and
 * at least one semicolon: a header written with ';' as the separator. */
bool psi_csv_semicolon_line(const char *s, size_t len);

/* The source name given to psi_csv_open. */
const char *psi_csv_source(const psi_csv *csv);

/* Whether a column name is `name`, ignoring ASCII case: column names are
 * matched so ("Votes" is the votes column); cell contents never are. */
bool psi_csv_name_is(const char *column, const char *name);

/* Index of the header field named `name` (ignoring ASCII case), or -1. */
long psi_csv_find(const psi_csv_field *fields, size_t n, const char *name);

/* The name of known[] (NULL-terminated) closest to `column`, when it is at
 * most two edits away ignoring case ("vote", "comunity"), else NULL: the
 * "did you mean" of an unknown column. */
const char *psi_csv_suggest(const char *column, const char *const *known);

/* Reads the header and checks it against allowed[] (NULL-terminated; the
 * first `required` of them mandatory), storing each allowed column's
 * index, or -1, in col[]. Names ignore ASCII case; an unknown column is
 * refused at its cell, with "did you mean" when one is close. `expected`
 * says what the columns are, for the messages; NULL: the allowed names
 * joined by ", ". Errors: those of psi_csv_header, and PS_EDATA "unknown
 * column 'x' (did you mean 'y'?); expected ..." or "missing column 'x';
 * expected ..." (at the header's line). */
int psi_csv_columns(psi_csv *csv, const char *const *allowed, size_t required,
                    const char *expected, long *col, ps_error *err);

/* A whole number >= 0 in field f of column `column` (digits only).
 * Errors: PS_EDATA "expected a whole number for 'seats', got 'abc'",
 * "'seats' must not be negative, got -3", "'seats' must be a whole number,
 * got 2.5"; PS_ERANGE beyond 2^63-1. */
int psi_csv_count(int64_t *out, const psi_csv_field *f, const char *column, const char *source,
                  ps_error *err);

/* A decimal number (sign, fraction and exponent allowed). Errors: PS_EDATA
 * "expected a number for 'left_right', got 'abc'", or "number out of range
 * for 'left_right', got '1e400'" when it is well formed but no double holds
 * it. */
/* Whether the field is a decimal number by its grammar (sign, digits,
 * fraction, exponent), whatever its size. */
bool psi_csv_decimal(const psi_csv_field *f);
int psi_csv_number(double *out, const psi_csv_field *f, const char *column, const char *source,
                   ps_error *err);

#endif
