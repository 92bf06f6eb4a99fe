/*
 * json_reader.h - a strict JSON (RFC 8259) parser that remembers positions.
 *
 * Every value and every object key carries the 1-based line and column (in
 * characters) where it starts, so that a later stage can say
 * "iraq.json:41:18: 'seats' must not be negative, got -3" about a value that
 * is well-formed JSON but wrong for powershare.
 *
 * The whole tree lives in one arena owned by a psi_json_doc: nodes are
 * read-only views into it and die with psi_json_free(doc).
 *
 * Strictness: RFC 8259 grammar only (no comments, trailing commas, single
 * quotes, NaN, leading '+' or zeros); UTF-8 only (a byte-order mark at the
 * start is skipped; no NUL byte, no invalid sequence, no UTF-16 or UTF-32);
 * keys and strings of at most PS_IO_MAX_TEXT_BYTES (PS_IO_MAX_NOTES_BYTES
 * under a "notes" or "source" key: PS_ERANGE beyond); duplicate keys in one object are errors; nesting is
 * limited to PSI_JSON_MAX_DEPTH. One deviation: the escape \u0000 is refused,
 * because decoded strings are C strings.
 *
 * Numbers: an integer token (no fraction, no exponent) is kept exactly as
 * int64 (PS_ERANGE "number too large" beyond); every number also keeps its
 * token text, so a stage that wants an exact ratio ("quota": 0.5) can hand
 * the text to ps_ratio_parse() instead of trusting the double.
 *
 * Thread safety: parsing is reentrant; a document may be read by several
 * threads at once.
 */
#ifndef POWERSHARE_JSON_READER_H
#define POWERSHARE_JSON_READER_H

#include <stddef.h>
#include <stdint.h>

#include "powershare/error.h"

#define PSI_JSON_MAX_DEPTH 64

typedef enum psi_json_kind {
    PSI_JSON_NULL,
    PSI_JSON_BOOL,
    PSI_JSON_INT,    /* an integer token that fits int64 */
    PSI_JSON_NUMBER, /* any other number (fraction or exponent) */
    PSI_JSON_STRING,
    PSI_JSON_ARRAY,
    PSI_JSON_OBJECT
} psi_json_kind;

typedef struct psi_json psi_json;

typedef struct psi_json_member {
    const char *key; /* decoded UTF-8, NUL-terminated */
    size_t key_len;
    long line, column; /* of the key's opening quote */
    const psi_json *value;
} psi_json_member;

struct psi_json {
    psi_json_kind kind;
    long line, column; /* of the value's first character */
    int boolean;       /* PSI_JSON_BOOL */
    int64_t integer;   /* PSI_JSON_INT */
    double number;     /* PSI_JSON_INT and PSI_JSON_NUMBER */
    const char *text;  /* STRING: decoded UTF-8; INT, NUMBER: the token */
    size_t text_len;
    size_t n;          /* ARRAY: items; OBJECT: members */
    const psi_json *const *items;   /* ARRAY */
    const psi_json_member *members; /* OBJECT, in document order */
};

typedef struct psi_json_doc psi_json_doc;

/* Parses text[0..len) (which need not be NUL-terminated) into *out.
 * source names the text in errors. Errors: PS_EPARSE (syntax, encoding,
 * depth, duplicate key), PS_ERANGE (an integer beyond int64, a number beyond
 * double), PS_ENOMEM; err gets file, line, column and what was expected. */
int psi_json_parse(psi_json_doc **out, const char *text, size_t len, const char *source,
                   ps_error *err);
void psi_json_free(psi_json_doc *doc);
const psi_json *psi_json_root(const psi_json_doc *doc);

/* "an object", "an array", "a string", "an integer", "a number", "true",
 * "false", "null": how messages name what was found. */
const char *psi_json_describe(const psi_json *v);

/* The member with this key of an object, or NULL (also when v is not an
 * object). Linear in the number of members. */
const psi_json_member *psi_json_member_get(const psi_json *obj, const char *key);
/* Its value, or NULL. */
const psi_json *psi_json_get(const psi_json *obj, const char *key);
/* Item i of an array, or NULL when out of range or not an array. */
const psi_json *psi_json_at(const psi_json *arr, size_t i);

/* Helpers that check and report with positions. `what` names the thing for
 * messages (a key such as "seats", or "the top level"). Each returns 0 or a
 * negative code with err filled (file = source, position of the value). */

/* Every key of obj must be in allowed[] (NULL-terminated). Otherwise
 * PS_EDATA at the key: "unknown key 'seat' in party (did you mean 'seats'?);
 * allowed keys: id, name, ...". `where` names the object ("party"). */
int psi_json_check_keys(const psi_json *obj, const char *const *allowed, const char *where,
                        const char *source, ps_error *err);
/* v must be of this kind, else PS_EDATA "expected an integer for 'seats',
 * got a string". PSI_JSON_NUMBER accepts integers too. */
int psi_json_expect(const psi_json *v, psi_json_kind kind, const char *what, const char *source,
                    ps_error *err);
/* A string value; *out points into the document. */
int psi_json_string(const char **out, const psi_json *v, const char *what, const char *source,
                    ps_error *err);
/* A whole number >= min: messages for strings, fractions ("'seats' must be
 * a whole number, got 2.5") and values below min ("must not be negative"). */
int psi_json_int(int64_t *out, const psi_json *v, int64_t min, const char *what,
                 const char *source, ps_error *err);
/* Any number, as a double. */
int psi_json_double(double *out, const psi_json *v, const char *what, const char *source,
                    ps_error *err);

#endif
