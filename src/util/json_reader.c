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

static void *arena_alloc(psi_json_doc *doc, size_t size)
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

typedef struct parser {
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
} parser;

/* Column of `at`, which must lie on the current line. */
static long column_of(parser *ps, const char *at)
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

static void skip_ws(parser *ps)
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

static int fail_at(parser *ps, const char *at, int code, const char *fmt, ...) PSI_PRINTF(4, 5);

static int fail_at(parser *ps, const char *at, int code, const char *fmt, ...)
{
    long col = column_of(ps, at);
    va_list ap;
    va_start(ap, fmt);
    psi_verror(ps->err, code, ps->source, ps->line, col, fmt, ap);
    va_end(ap);
    ps->rc = code;
    return code;
}

static int fail_nomem(parser *ps)
{
    ps->rc = psi_enomem(ps->err);
    return ps->rc;
}

/* What stands at `at`, for "expected X, got Y" messages. */
static void describe_at(const parser *ps, const char *at, char *buf, size_t size)
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

static int fail_expected(parser *ps, const char *what)
{
    char got[64];
    describe_at(ps, ps->p, got, sizeof got);
    return fail_at(ps, ps->p, PS_EPARSE, "expected %s, got %s", what, got);
}

static psi_json *new_node(parser *ps, psi_json_kind kind, long line, long col)
{
    psi_json *v = arena_alloc(ps->doc, sizeof *v);
    if (!v) {
        fail_nomem(ps);
        return NULL;
    }
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->line = line;
    v->column = col;
    return v;
}

/* ---- strings -------------------------------------------------------------- */

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes one \u escape at s (pointing at the backslash) into *cp, joining a
 * surrogate pair; returns the bytes consumed, or 0 after reporting. */
static size_t unicode_escape(parser *ps, const char *s, const char *close, unsigned *cp)
{
    unsigned hi;
    if (close - s < 6 || hex4(s + 2, &hi) < 0) {
        fail_at(ps, s, PS_EPARSE, "expected 4 hex digits after \\u");
        return 0;
    }
    if (hi == 0) {
        fail_at(ps, s, PS_EPARSE, "\\u0000 (NUL) is not allowed in strings");
        return 0;
    }
    if (hi >= 0xDC00 && hi <= 0xDFFF) {
        fail_at(ps, s, PS_EPARSE, "lone low surrogate \\u%04X; expected a high surrogate "
                "(\\uD800-\\uDBFF) before it", hi);
        return 0;
    }
    if (hi < 0xD800 || hi > 0xDBFF) {
        *cp = hi;
        return 6;
    }
    unsigned lo;
    if (close - s < 12 || s[6] != '\\' || s[7] != 'u' || hex4(s + 8, &lo) < 0 || lo < 0xDC00 ||
        lo > 0xDFFF) {
        fail_at(ps, s, PS_EPARSE, "lone high surrogate \\u%04X; expected a low surrogate "
                "(\\uDC00-\\uDFFF) right after it", hi);
        return 0;
    }
    *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    return 12;
}

/* Parses the string whose opening quote is at ps->p into the arena. */
static int parse_string(parser *ps, const char **out, size_t *out_len)
{
    const char *open = ps->p, *q = open + 1;
    /* First pass: find the closing quote, so the arena gets one block of the
     * raw length (decoding only ever shrinks). */
    while (q < ps->end && *q != '"') {
        unsigned char c = (unsigned char)*q;
        if (c == '\n')
            return fail_at(ps, q, PS_EPARSE, "line break inside a string (missing closing '\"'?)");
        if (c < 0x20)
            return fail_at(ps, q, PS_EPARSE, "control character U+%04X inside a string; "
                           "write it as an escape such as \\t or \\u%04X", c, c);
        q += (c == '\\' && q + 1 < ps->end) ? 2 : 1;
    }
    if (q >= ps->end)
        return fail_at(ps, open, PS_EPARSE, "unterminated string; expected a closing '\"'");
    const char *close = q;
    char *o = arena_alloc(ps->doc, (size_t)(close - open));
    if (!o)
        return fail_nomem(ps);
    size_t n = 0;
    for (const char *s = open + 1; s < close;) {
        if (*s != '\\') {
            o[n++] = *s++;
            continue;
        }
        char e = s[1];
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            o[n++] = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
            s += 2;
        } else if (e == 'u') {
            unsigned cp;
            size_t used = unicode_escape(ps, s, close, &cp);
            if (!used)
                return ps->rc;
            n += put_utf8(o + n, cp);
            s += used;
        } else {
            if (e > 0x20 && e < 0x7F)
                return fail_at(ps, s, PS_EPARSE, "invalid escape '\\%c'; expected one of "
                               "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", e);
            return fail_at(ps, s, PS_EPARSE, "invalid escape; expected one of "
                           "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX after '\\'");
        }
    }
    o[n] = '\0';
    *out = o;
    *out_len = n;
    ps->p = close + 1;
    return 0;
}

/* ---- numbers -------------------------------------------------------------- */

static int is_digit(const char *s, const char *end)
{
    return s < end && *s >= '0' && *s <= '9';
}

static const psi_json *parse_number(parser *ps, long line, long col)
{
    const char *s = ps->p, *q = s;
    int integral = 1;
    if (*q == '-')
        q++;
    if (!is_digit(q, ps->end)) {
        ps->p = q;
        fail_expected(ps, "a digit after '-'");
        return NULL;
    }
    if (*q == '0' && is_digit(q + 1, ps->end)) {
        fail_at(ps, s, PS_EPARSE, "leading zeros are not allowed in numbers");
        return NULL;
    }
    while (is_digit(q, ps->end))
        q++;
    if (q < ps->end && *q == '.') {
        integral = 0;
        if (!is_digit(++q, ps->end)) {
            ps->p = q;
            fail_expected(ps, "a digit after '.'");
            return NULL;
        }
        while (is_digit(q, ps->end))
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        integral = 0;
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (!is_digit(q, ps->end)) {
            ps->p = q;
            fail_expected(ps, "a digit in the exponent");
            return NULL;
        }
        while (is_digit(q, ps->end))
            q++;
    }
    size_t len = (size_t)(q - s);
    psi_json *v = new_node(ps, integral ? PSI_JSON_INT : PSI_JSON_NUMBER, line, col);
    char *text = v ? arena_alloc(ps->doc, len + 1) : NULL;
    if (v && !text)
        fail_nomem(ps);
    if (!text)
        return NULL;
    memcpy(text, s, len);
    text[len] = '\0';
    v->text = text;
    v->text_len = len;
    if (integral) {
        int neg = *s == '-';
        uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, mag = 0;
        for (const char *d = s + neg; d < q; d++) {
            unsigned digit = (unsigned)(*d - '0');
            if (mag > (limit - digit) / 10) {
                fail_at(ps, s, PS_ERANGE, "number too large: %.*s%s does not fit in 64 bits "
                        "(the %s)", len > 40 ? 40 : (int)len, s, len > 40 ? "..." : "",
                        neg ? "smallest is -9223372036854775808"
                            : "largest is 2^63-1 = 9223372036854775807");
                return NULL;
            }
            mag = mag * 10 + digit;
        }
        v->integer = neg ? (mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag)
                         : (int64_t)mag;
        v->number = (double)v->integer;
    } else if (psi_parse_double(s, len, &v->number) < 0) {
        fail_at(ps, s, PS_ERANGE, "number out of range: %.*s%s", len > 40 ? 40 : (int)len, s,
                len > 40 ? "..." : "");
        return NULL;
    }
    ps->p = q;
    return v;
}

/* ---- values --------------------------------------------------------------- */

static const psi_json *parse_value(parser *ps, const char *context);

static int push_item(parser *ps, const psi_json *v)
{
    if (ps->n_items == ps->cap_items) {
        size_t cap = ps->cap_items ? ps->cap_items * 2 : 16;
        const psi_json **items =
            psi_realloc_array((void *)ps->items, cap, sizeof(const psi_json *));
        if (!items)
            return fail_nomem(ps);
        ps->items = items;
        ps->cap_items = cap;
    }
    ps->items[ps->n_items++] = v;
    return 0;
}

static int push_member(parser *ps, const psi_json_member *m)
{
    if (ps->n_members == ps->cap_members) {
        size_t cap = ps->cap_members ? ps->cap_members * 2 : 16;
        psi_json_member *members = psi_realloc_array(ps->members, cap, sizeof *members);
        if (!members)
            return fail_nomem(ps);
        ps->members = members;
        ps->cap_members = cap;
    }
    ps->members[ps->n_members++] = *m;
    return 0;
}

/* After ',' a closing bracket is the classic trailing comma: say so. */
static int fail_after_comma(parser *ps, const char *expected)
{
    if (ps->p < ps->end && (*ps->p == ']' || *ps->p == '}'))
        return fail_at(ps, ps->p, PS_EPARSE, "trailing comma before '%c' is not allowed in JSON",
                       *ps->p);
    return fail_expected(ps, expected);
}

static const psi_json *parse_array(parser *ps, psi_json *v)
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
        fail_expected(ps, "',' or ']' after array item");
        return NULL;
    }
    ps->p++;
    size_t n = ps->n_items - base;
    const psi_json **items = arena_alloc(ps->doc, n * sizeof(const psi_json *));
    if (!items) {
        fail_nomem(ps);
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
static int check_duplicates(parser *ps, const psi_json_member *m, size_t n)
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
            return fail_nomem(ps);
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

static const psi_json *parse_object(parser *ps, psi_json *v)
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
                fail_at(ps, ps->p, PS_EPARSE, "keys must be in double quotes, not single quotes");
            else if (first)
                fail_expected(ps, "a string key or '}'");
            else
                fail_after_comma(ps, "a string key after ','");
            return NULL;
        }
        psi_json_member m = {.line = ps->line, .column = column_of(ps, ps->p)};
        if (parse_string(ps, &m.key, &m.key_len) < 0)
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
            fail_expected(ps, what);
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
        fail_expected(ps, "',' or '}' after object member");
        return NULL;
    }
    ps->p++;
    size_t n = ps->n_members - base;
    psi_json_member *members = arena_alloc(ps->doc, n * sizeof *members);
    if (!members) {
        fail_nomem(ps);
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

static int word_at(const parser *ps, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(ps->end - ps->p) >= n && memcmp(ps->p, w, n) == 0;
}

static const psi_json *parse_value(parser *ps, const char *context)
{
    const char *key = ps->key; /* for this value only, not for its items */
    ps->key = NULL;
    skip_ws(ps);
    if (ps->p >= ps->end) {
        fail_expected(ps, context);
        return NULL;
    }
    long line = ps->line, col = column_of(ps, ps->p);
    char c = *ps->p;
    psi_json *v;
    switch (c) {
    case '{':
    case '[':
        if (ps->depth >= PSI_JSON_MAX_DEPTH) {
            fail_at(ps, ps->p, PS_EPARSE, "nesting deeper than %d levels", PSI_JSON_MAX_DEPTH);
            return NULL;
        }
        v = new_node(ps, c == '{' ? PSI_JSON_OBJECT : PSI_JSON_ARRAY, line, col);
        if (!v)
            return NULL;
        ps->depth++;
        const psi_json *r = c == '{' ? parse_object(ps, v) : parse_array(ps, v);
        ps->depth--;
        return r;
    case '"':
        v = new_node(ps, PSI_JSON_STRING, line, col);
        if (!v || parse_string(ps, &v->text, &v->text_len) < 0)
            return NULL;
        if (v->text_len > psi_text_limit(key)) {
            ps->rc = psi_text_too_long(ps->err, ps->source, line, col, key, "string",
                                       v->text_len, psi_text_limit(key));
            return NULL;
        }
        return v;
    case '\'':
        fail_at(ps, ps->p, PS_EPARSE, "strings must be in double quotes, not single quotes");
        return NULL;
    case '/':
        fail_at(ps, ps->p, PS_EPARSE, "comments are not allowed in JSON");
        return NULL;
    case '+':
        fail_at(ps, ps->p, PS_EPARSE, "a number must not start with '+'");
        return NULL;
    case '.':
        fail_at(ps, ps->p, PS_EPARSE, "a number must start with a digit (write 0.5, not .5)");
        return NULL;
    default:
        break;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return parse_number(ps, line, col);
    static const char *const words[] = {"true", "false", "null"};
    for (int i = 0; i < 3; i++)
        if (word_at(ps, words[i])) {
            v = new_node(ps, i == 2 ? PSI_JSON_NULL : PSI_JSON_BOOL, line, col);
            if (!v)
                return NULL;
            v->boolean = i == 0;
            ps->p += strlen(words[i]);
            return v;
        }
    fail_expected(ps, context);
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
    parser ps = {.p = text, .end = text + len, .line = 1, .line_start = text, .col_ptr = text,
                 .col = 1,
                 .source = source, .err = err, .doc = doc};
    skip_ws(&ps);
    if (ps.p == ps.end) {
        rc = len ? fail_at(&ps, ps.p, PS_EPARSE, "only white space; expected a JSON value")
                 : psi_error(err, PS_EPARSE, source, 0, 0, "empty input; expected a JSON value");
    } else {
        doc->root = parse_value(&ps, "a JSON value");
        if (doc->root) {
            skip_ws(&ps);
            if (ps.p < ps.end)
                fail_expected(&ps, "end of input after the top-level value");
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
