/*
 * json_reader.c - a strict RFC 8259 JSON parser that keeps positions.
 *
 * Recursive descent over text already checked by psi_text_check (so every
 * byte sequence is valid UTF-8 and has no NUL), after the UTF-8 byte-order
 * mark if it has one (RFC 8259 section 8.1 lets a parser ignore it; editors
 * on Windows write it), so positions count from after the mark. Every key
 * and string is held to a length (psi_text_limit, by the key it is the value
 * of), so that a 50 MB name is refused where it is written instead of
 * widening every row of a text table to 50 MB. The column of a position is
 * counted in characters, not bytes, by counting the bytes that are not UTF-8
 * continuation bytes; a cursor remembers the last column computed on the
 * current line so that a minified one-line file stays linear.
 *
 * Memory: all nodes, keys, strings and child arrays come from an arena of
 * growing chunks, so a document of any size is freed in a few calls and an
 * allocation failure in the middle leaves nothing to unwind but the arena.
 * Children are collected on two scratch stacks (items, members) and copied
 * into the arena when their container closes.
 *
 * This file holds the arena, positions and the structure (values, arrays,
 * objects); the scalar tokens (strings, numbers) are in json_token.c, and
 * what both share in json_reader_impl.h.
 *
 * Sources: RFC 8259 (grammar), RFC 3629 (UTF-8), Unicode 15 section 3.9
 * (surrogate pairs in \u escapes).
 */
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "text.h"
#include "json_reader.h"
#include "json_reader_impl.h"
#include "powershare/io.h"

/* ---- arena ---------------------------------------------------------------- */

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
} chunk;

struct psi_json_doc {
    chunk *chunks;
    const psi_json *root;
};

void *psi_json_arena_alloc(psi_json_doc *doc, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    chunk *c = doc->chunks;
    if (!c || c->cap - c->used < size) {
        /* Chunks double (4 KiB .. 1 MiB) so a small file costs one or two
         * allocations and a large one a few hundred. */
        size_t cap = c ? c->cap * 2 : 4096;
        if (cap > ((size_t)1 << 20))
            cap = (size_t)1 << 20;
        if (cap < size)
            cap = size;
        if (cap > SIZE_MAX - sizeof(chunk))
            return NULL;
        chunk *n = psi_malloc(sizeof(chunk) + cap);
        if (!n)
            return NULL;
        n->next = c;
        n->used = 0;
        n->cap = cap;
        doc->chunks = c = n;
    }
    void *p = c->data + c->used;
    c->used += size;
    return p;
}

void psi_json_free(psi_json_doc *doc)
{
    if (!doc)
        return;
    for (chunk *c = doc->chunks, *next; c; c = next) {
        next = c->next;
        psi_free(c);
    }
    psi_free(doc);
}

const psi_json *psi_json_root(const psi_json_doc *doc)
{
    return doc ? doc->root : NULL;
}

/* ---- parser state and positions ------------------------------------------- */


/* Column of `at`, which must lie on the current line. */
static long column_of(psi_json_parser *ps, const char *at)
{
    if (at < ps->col_ptr) {
        ps->col_ptr = ps->line_start;
        ps->col = 1;
    }
    for (const char *q = ps->col_ptr; q < at; q++)
        if (((unsigned char)*q & 0xC0) != 0x80)
            ps->col++;
    ps->col_ptr = at;
    return ps->col;
}

static void skip_ws(psi_json_parser *ps)
{
    while (ps->p < ps->end) {
        char c = *ps->p;
        if (c == '\n') {
            ps->line++;
            ps->line_start = ps->col_ptr = ps->p + 1;
            ps->col = 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return;
        }
        ps->p++;
    }
}

int psi_json_fail_at(psi_json_parser *ps, const char *at, int code, const char *fmt, ...)
{
    long col = column_of(ps, at);
    va_list ap;
    va_start(ap, fmt);
    psi_verror(ps->err, code, ps->source, ps->line, col, fmt, ap);
    va_end(ap);
    ps->rc = code;
    return code;
}

int psi_json_fail_nomem(psi_json_parser *ps)
{
    ps->rc = psi_enomem(ps->err);
    return ps->rc;
}

/* What stands at `at`, for "expected X, got Y" messages. */
static void describe_at(const psi_json_parser *ps, const char *at, char *buf, size_t size)
{
    if (at >= ps->end) {
        snprintf(buf, size, "end of file");
        return;
    }
    unsigned char c = (unsigned char)*at;
    if (c == '"') {
        snprintf(buf, size, "a string");
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        snprintf(buf, size, "a number");
    } else if (c == '{' || c == '[') {
        snprintf(buf, size, "'%c'", c);
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        size_t n = 0;
        while (at + n < ps->end && n < 24 &&
               ((at[n] >= 'a' && at[n] <= 'z') || (at[n] >= 'A' && at[n] <= 'Z') ||
                (at[n] >= '0' && at[n] <= '9') || at[n] == '_'))
            n++;
        snprintf(buf, size, "'%.*s'", (int)n, at);
    } else if (c < 0x20) {
        snprintf(buf, size, "control character U+%04X", c);
    } else {
        size_t n = psi_utf8_len(c);
        if (n > (size_t)(ps->end - at))
            n = (size_t)(ps->end - at);
        snprintf(buf, size, "'%.*s'", (int)n, at);
    }
}

int psi_json_fail_expected(psi_json_parser *ps, const char *what)
{
    char got[64];
    describe_at(ps, ps->p, got, sizeof got);
    return psi_json_fail_at(ps, ps->p, PS_EPARSE, "expected %s, got %s", what, got);
}

psi_json *psi_json_new_node(psi_json_parser *ps, psi_json_kind kind, long line, long col)
{
    psi_json *v = psi_json_arena_alloc(ps->doc, sizeof *v);
    if (!v) {
        psi_json_fail_nomem(ps);
        return NULL;
    }
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->line = line;
    v->column = col;
    return v;
}

/* ---- values --------------------------------------------------------------- */

static const psi_json *parse_value(psi_json_parser *ps, const char *context);

static int push_item(psi_json_parser *ps, const psi_json *v)
{
    if (ps->n_items == ps->cap_items) {
        size_t cap = ps->cap_items ? ps->cap_items * 2 : 16;
        const psi_json **items =
            psi_realloc_array((void *)ps->items, cap, sizeof(const psi_json *));
        if (!items)
            return psi_json_fail_nomem(ps);
        ps->items = items;
        ps->cap_items = cap;
    }
    ps->items[ps->n_items++] = v;
    return 0;
}

static int push_member(psi_json_parser *ps, const psi_json_member *m)
{
    if (ps->n_members == ps->cap_members) {
        size_t cap = ps->cap_members ? ps->cap_members * 2 : 16;
        psi_json_member *members = psi_realloc_array(ps->members, cap, sizeof *members);
        if (!members)
            return psi_json_fail_nomem(ps);
        ps->members = members;
        ps->cap_members = cap;
    }
    ps->members[ps->n_members++] = *m;
    return 0;
}

/* After ',' a closing bracket is the classic trailing comma: say so. */
static int fail_after_comma(psi_json_parser *ps, const char *expected)
{
    if (ps->p < ps->end && (*ps->p == ']' || *ps->p == '}'))
        return psi_json_fail_at(ps, ps->p, PS_EPARSE,
                                "trailing comma before '%c' is not allowed in JSON", *ps->p);
    return psi_json_fail_expected(ps, expected);
}

static const psi_json *parse_array(psi_json_parser *ps, psi_json *v)
{
    size_t base = ps->n_items;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
        return v;
    }
    for (const char *context = "a value or ']'";; context = "a value after ','") {
        const psi_json *item = parse_value(ps, context);
        if (!item || push_item(ps, item) < 0)
            return NULL;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == ']') {
                fail_after_comma(ps, "a value after ','");
                return NULL;
            }
            continue;
        }
        if (ps->p < ps->end && *ps->p == ']')
            break;
        psi_json_fail_expected(ps, "',' or ']' after array item");
        return NULL;
    }
    ps->p++;
    size_t n = ps->n_items - base;
    const psi_json **items = psi_json_arena_alloc(ps->doc, n * sizeof(const psi_json *));
    if (!items) {
        psi_json_fail_nomem(ps);
        return NULL;
    }
    memcpy((void *)items, ps->items + base, n * sizeof(const psi_json *));
    v->items = items;
    v->n = n;
    ps->n_items = base;
    return v;
}

static int member_cmp(const void *a, const void *b)
{
    const psi_json_member *x = *(const psi_json_member *const *)a;
    const psi_json_member *y = *(const psi_json_member *const *)b;
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    int c = memcmp(x->key, y->key, n);
    if (c)
        return c;
    if (x->key_len != y->key_len)
        return x->key_len < y->key_len ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int same_key(const psi_json_member *a, const psi_json_member *b)
{
    return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

/* Reports the duplicate key that comes first in the document. Checked when
 * the object closes: quadratic for small objects, sorted for large ones. */
static int check_duplicates(psi_json_parser *ps, const psi_json_member *m, size_t n)
{
    const psi_json_member *dup = NULL, *first = NULL;
    if (n <= 16) {
        for (size_t j = 1; j < n && !dup; j++)
            for (size_t i = 0; i < j; i++)
                if (same_key(&m[i], &m[j])) {
                    dup = &m[j];
                    first = &m[i];
                    break;
                }
    } else {
        const psi_json_member **sorted = psi_malloc_array(n, sizeof(const psi_json_member *));
        if (!sorted)
            return psi_json_fail_nomem(ps);
        for (size_t i = 0; i < n; i++)
            sorted[i] = &m[i];
        qsort((void *)sorted, n, sizeof(const psi_json_member *), member_cmp);
        for (size_t i = 1; i < n; i++)
            if (same_key(sorted[i - 1], sorted[i]) && (!dup || sorted[i] < dup)) {
                dup = sorted[i];
                size_t k = i - 1;
                while (k > 0 && same_key(sorted[k - 1], sorted[i]))
                    k--;
                first = sorted[k];
            }
        psi_free((void *)sorted);
    }
    if (!dup)
        return 0;
    ps->rc = psi_error(ps->err, PS_EPARSE, ps->source, dup->line, dup->column,
                       "duplicate key '%s' (first at line %ld, column %ld)", dup->key,
                       first->line, first->column);
    return ps->rc;
}

static const psi_json *parse_object(psi_json_parser *ps, psi_json *v)
{
    size_t base = ps->n_members;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        return v;
    }
    for (int first = 1;; first = 0) {
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != '"') {
            if (ps->p < ps->end && *ps->p == '\'')
                psi_json_fail_at(ps, ps->p, PS_EPARSE,
                                 "keys must be in double quotes, not single quotes");
            else if (first)
                psi_json_fail_expected(ps, "a string key or '}'");
            else
                fail_after_comma(ps, "a string key after ','");
            return NULL;
        }
        psi_json_member m = {.line = ps->line, .column = column_of(ps, ps->p)};
        if (psi_json_parse_string(ps, &m.key, &m.key_len) < 0)
            return NULL;
        if (m.key_len > PS_IO_MAX_TEXT_BYTES) {
            ps->rc = psi_text_too_long(ps->err, ps->source, m.line, m.column, NULL, "key",
                                       m.key_len, PS_IO_MAX_TEXT_BYTES);
            return NULL;
        }
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != ':') {
            char what[96];
            snprintf(what, sizeof what, "':' after key '%.40s'", m.key);
            psi_json_fail_expected(ps, what);
            return NULL;
        }
        ps->p++;
        ps->key = m.key;
        m.value = parse_value(ps, "a value after ':'");
        if (!m.value || push_member(ps, &m) < 0)
            return NULL;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == '}')
            break;
        psi_json_fail_expected(ps, "',' or '}' after object member");
        return NULL;
    }
    ps->p++;
    size_t n = ps->n_members - base;
    psi_json_member *members = psi_json_arena_alloc(ps->doc, n * sizeof *members);
    if (!members) {
        psi_json_fail_nomem(ps);
        return NULL;
    }
    memcpy(members, ps->members + base, n * sizeof *members);
    ps->n_members = base;
    v->members = members;
    v->n = n;
    if (check_duplicates(ps, members, n) < 0)
        return NULL;
    return v;
}

static int word_at(const psi_json_parser *ps, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(ps->end - ps->p) >= n && memcmp(ps->p, w, n) == 0;
}

static const psi_json *parse_value(psi_json_parser *ps, const char *context)
{
    const char *key = ps->key; /* for this value only, not for its items */
    ps->key = NULL;
    skip_ws(ps);
    if (ps->p >= ps->end) {
        psi_json_fail_expected(ps, context);
        return NULL;
    }
    long line = ps->line, col = column_of(ps, ps->p);
    char c = *ps->p;
    psi_json *v;
    switch (c) {
    case '{':
    case '[':
        if (ps->depth >= PSI_JSON_MAX_DEPTH) {
            psi_json_fail_at(ps, ps->p, PS_EPARSE, "nesting deeper than %d levels",
                             PSI_JSON_MAX_DEPTH);
            return NULL;
        }
        v = psi_json_new_node(ps, c == '{' ? PSI_JSON_OBJECT : PSI_JSON_ARRAY, line, col);
        if (!v)
            return NULL;
        ps->depth++;
        const psi_json *r = c == '{' ? parse_object(ps, v) : parse_array(ps, v);
        ps->depth--;
        return r;
    case '"':
        v = psi_json_new_node(ps, PSI_JSON_STRING, line, col);
        if (!v || psi_json_parse_string(ps, &v->text, &v->text_len) < 0)
            return NULL;
        if (v->text_len > psi_text_limit(key)) {
            ps->rc = psi_text_too_long(ps->err, ps->source, line, col, key, "string",
                                       v->text_len, psi_text_limit(key));
            return NULL;
        }
        return v;
    case '\'':
        psi_json_fail_at(ps, ps->p, PS_EPARSE,
                         "strings must be in double quotes, not single quotes");
        return NULL;
    case '/':
        psi_json_fail_at(ps, ps->p, PS_EPARSE, "comments are not allowed in JSON");
        return NULL;
    case '+':
        psi_json_fail_at(ps, ps->p, PS_EPARSE, "a number must not start with '+'");
        return NULL;
    case '.':
        psi_json_fail_at(ps, ps->p, PS_EPARSE,
                         "a number must start with a digit (write 0.5, not .5)");
        return NULL;
    default:
        break;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return psi_json_parse_number(ps, line, col);
    static const char *const words[] = {"true", "false", "null"};
    for (int i = 0; i < 3; i++)
        if (word_at(ps, words[i])) {
            v = psi_json_new_node(ps, i == 2 ? PSI_JSON_NULL : PSI_JSON_BOOL, line, col);
            if (!v)
                return NULL;
            v->boolean = i == 0;
            ps->p += strlen(words[i]);
            return v;
        }
    psi_json_fail_expected(ps, context);
    return NULL;
}

int psi_json_parse(psi_json_doc **out, const char *text, size_t len, const char *source,
                   ps_error *err)
{
    *out = NULL;
    int rc = psi_text_check(text, len, source, err);
    if (rc < 0)
        return rc;
    size_t bom = psi_bom_length(text, len);
    text += bom;
    len -= bom;
    psi_json_doc *doc = psi_calloc(1, sizeof *doc);
    if (!doc)
        return psi_enomem(err);
    psi_json_parser ps = {.p = text, .end = text + len, .line = 1, .line_start = text,
                          .col_ptr = text, .col = 1, .source = source, .err = err,
                          .doc = doc};
    skip_ws(&ps);
    if (ps.p == ps.end) {
        rc = len ? psi_json_fail_at(&ps, ps.p, PS_EPARSE, "only white space; expected a JSON value")
                 : psi_error(err, PS_EPARSE, source, 0, 0, "empty input; expected a JSON value");
    } else {
        doc->root = parse_value(&ps, "a JSON value");
        if (doc->root) {
            skip_ws(&ps);
            if (ps.p < ps.end)
                psi_json_fail_expected(&ps, "end of input after the top-level value");
        }
        rc = ps.rc;
    }
    psi_free((void *)ps.items);
    psi_free(ps.members);
    if (rc < 0) {
        psi_json_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}
