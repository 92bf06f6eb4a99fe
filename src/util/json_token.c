/*
 * json_token.c - the scalar tokens of the JSON reader (json_reader.c):
 * strings, with their escapes decoded (surrogate pairs in \u escapes joined,
 * \u0000 refused because decoded strings are C strings) and each held to
 * its length limit; numbers, an integer token kept exactly as int64 and
 * every number keeping its token text.
 *
 * Sources: RFC 8259 sections 6 and 7 (grammar), RFC 3629 (UTF-8), Unicode
 * 15 section 3.9 (surrogate pairs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "text.h"
#include "json_reader_impl.h"
#include "powershare/io.h"

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
static size_t unicode_escape(psi_json_parser *ps, const char *s, const char *close, unsigned *cp)
{
    unsigned hi;
    if (close - s < 6 || hex4(s + 2, &hi) < 0) {
        psi_json_fail_at(ps, s, PS_EPARSE, "expected 4 hex digits after \\u");
        return 0;
    }
    if (hi == 0) {
        psi_json_fail_at(ps, s, PS_EPARSE, "\\u0000 (NUL) is not allowed in strings");
        return 0;
    }
    if (hi >= 0xDC00 && hi <= 0xDFFF) {
        psi_json_fail_at(ps, s, PS_EPARSE,
                         "lone low surrogate \\u%04X; expected a high surrogate "
                         "(\\uD800-\\uDBFF) before it",
                         hi);
        return 0;
    }
    if (hi < 0xD800 || hi > 0xDBFF) {
        *cp = hi;
        return 6;
    }
    unsigned lo;
    if (close - s < 12 || s[6] != '\\' || s[7] != 'u' || hex4(s + 8, &lo) < 0 || lo < 0xDC00 ||
        lo > 0xDFFF) {
        psi_json_fail_at(ps, s, PS_EPARSE,
                         "lone high surrogate \\u%04X; expected a low surrogate "
                         "(\\uDC00-\\uDFFF) right after it",
                         hi);
        return 0;
    }
    *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    return 12;
}

/* Parses the string whose opening quote is at ps->p into the arena. */
int psi_json_parse_string(psi_json_parser *ps, const char **out, size_t *out_len)
{
    const char *open = ps->p, *q = open + 1;
    /* First pass: find the closing quote, so the arena gets one block of the
     * raw length (decoding only ever shrinks). */
    while (q < ps->end && *q != '"') {
        unsigned char c = (unsigned char)*q;
        if (c == '\n')
            return psi_json_fail_at(ps, q, PS_EPARSE,
                                    "line break inside a string (missing closing '\"'?)");
        if (c < 0x20)
            return psi_json_fail_at(ps, q, PS_EPARSE,
                                    "control character U+%04X inside a string; "
                                    "write it as an escape such as \\t or \\u%04X",
                                    c, c);
        q += (c == '\\' && q + 1 < ps->end) ? 2 : 1;
    }
    if (q >= ps->end)
        return psi_json_fail_at(ps, open, PS_EPARSE,
                                "unterminated string; expected a closing '\"'");
    const char *close = q;
    char *o = psi_json_arena_alloc(ps->doc, (size_t)(close - open));
    if (!o)
        return psi_json_fail_nomem(ps);
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
                return psi_json_fail_at(ps, s, PS_EPARSE,
                                        "invalid escape '\\%c'; expected one of "
                                        "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                                        e);
            return psi_json_fail_at(ps, s, PS_EPARSE,
                                    "invalid escape; expected one of "
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

const psi_json *psi_json_parse_number(psi_json_parser *ps, long line, long col)
{
    const char *s = ps->p, *q = s;
    int integral = 1;
    if (*q == '-')
        q++;
    if (!is_digit(q, ps->end)) {
        ps->p = q;
        psi_json_fail_expected(ps, "a digit after '-'");
        return NULL;
    }
    if (*q == '0' && is_digit(q + 1, ps->end)) {
        psi_json_fail_at(ps, s, PS_EPARSE, "leading zeros are not allowed in numbers");
        return NULL;
    }
    while (is_digit(q, ps->end))
        q++;
    if (q < ps->end && *q == '.') {
        integral = 0;
        if (!is_digit(++q, ps->end)) {
            ps->p = q;
            psi_json_fail_expected(ps, "a digit after '.'");
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
            psi_json_fail_expected(ps, "a digit in the exponent");
            return NULL;
        }
        while (is_digit(q, ps->end))
            q++;
    }
    size_t len = (size_t)(q - s);
    psi_json *v = psi_json_new_node(ps, integral ? PSI_JSON_INT : PSI_JSON_NUMBER, line, col);
    char *text = v ? psi_json_arena_alloc(ps->doc, len + 1) : NULL;
    if (v && !text)
        psi_json_fail_nomem(ps);
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
                psi_json_fail_at(ps, s, PS_ERANGE,
                                 "number too large: %.*s%s does not fit in 64 bits "
                                 "(the %s)",
                                 len > 40 ? 40 : (int)len, s, len > 40 ? "..." : "",
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
        psi_json_fail_at(ps, s, PS_ERANGE, "number out of range: %.*s%s", len > 40 ? 40 : (int)len,
                         s, len > 40 ? "..." : "");
        return NULL;
    }
    ps->p = q;
    return v;
}
