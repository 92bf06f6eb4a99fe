/*
 * json_reader_impl.h - what the two halves of the JSON reader share (not
 * for other files): the parser's state, the arena, and the error helpers.
 * json_reader.c holds the arena, positions and structure (values, arrays,
 * objects); json_token.c the scalar tokens (strings with their escapes,
 * numbers kept exactly).
 */
#ifndef POWERSHARE_JSON_READER_IMPL_H
#define POWERSHARE_JSON_READER_IMPL_H

#include <stddef.h>

#include "util.h"
#include "json_reader.h"

typedef struct psi_json_parser {
    const char *p, *end;
    long line;
    const char *line_start;
    const char *col_ptr; /* a point on the current line ... */
    long col;            /* ... and its column */
    const char *source;
    ps_error *err;
    int rc;
    int depth;
    const char *key; /* the key whose value is parsed next, for its limit */
    psi_json_doc *doc;
    const psi_json **items; /* scratch stack of array items */
    size_t n_items, cap_items;
    psi_json_member *members; /* scratch stack of object members */
    size_t n_members, cap_members;
} psi_json_parser;

/* Size bytes from the document's arena (NULL when out of memory). */
void *psi_json_arena_alloc(psi_json_doc *doc, size_t size);

/* Records an error at `at` (on the current line) and returns code. */
int psi_json_fail_at(psi_json_parser *ps, const char *at, int code, const char *fmt, ...)
    PSI_PRINTF(4, 5);

/* Records PS_ENOMEM and returns it. */
int psi_json_fail_nomem(psi_json_parser *ps);

/* "expected WHAT, got ..." at the current position; returns PS_EPARSE. */
int psi_json_fail_expected(psi_json_parser *ps, const char *what);

/* A zeroed node of this kind at line:col from the arena (NULL and the
 * error recorded when out of memory). */
psi_json *psi_json_new_node(psi_json_parser *ps, psi_json_kind kind, long line, long col);

/* The string token at ps->p (its opening quote): decoded into the arena,
 * held to the length limit of ps->key; ps->p moves past the closing quote.
 * Returns 0 or the error code. */
int psi_json_parse_string(psi_json_parser *ps, const char **out, size_t *out_len);

/* The number token at ps->p, which starts at line:col (NULL on error). */
const psi_json *psi_json_parse_number(psi_json_parser *ps, long line, long col);

#endif
