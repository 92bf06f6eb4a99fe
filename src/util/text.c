/*
 * text.c - checking text and converting numbers, for every reader.
 *
 * Text is checked once, before any parsing, against RFC 3629: a UTF-8
 * sequence is refused when it is overlong, encodes a surrogate
 * (U+D800..U+DFFF) or goes beyond U+10FFFF. The typical culprit is a file
 * saved in a legacy code page (Windows-1256 for Arabic names, Latin-1), so
 * the message says so.
 *
 * A UTF-8 byte-order mark at the very start is accepted, as pandas and R's
 * readr accept it: Excel's "CSV UTF-8" and Notepad write one. Anywhere else
 * U+FEFF is refused: there it is invisible, and would make "A" and
 * "<U+FEFF>A" two different party ids (the usual cause is two files joined
 * with cat). A file saved as UTF-16 or UTF-32 ("Unicode text" in Excel and
 * Notepad) is recognised by its byte-order mark (Unicode 15, section 23.8)
 * or, without one, by the NUL bytes that every ASCII character brings in
 * those encodings, so that the message names the encoding instead of
 * reporting the first NUL byte.
 *
 * Numbers are converted with strtod after a grammar check of our own; the
 * locale's decimal point is swapped in first (the trick jansson uses), so a
 * program that called setlocale() still reads "0.5" as one half.
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "text.h"
#include "powershare/io.h"

void psi_error_at(ps_error *err, const char *source, long line, long column)
{
    if (!err)
        return;
    snprintf(err->file, sizeof err->file, "%s", source ? source : "");
    err->line = line;
    err->column = column;
}

/* ---- text ----------------------------------------------------------------- */

size_t psi_utf8_len(unsigned char c)
{
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    return 1;
}

static int bad_utf8(ps_error *err, const char *source, long line, long col, const char *what,
                    unsigned value)
{
    return psi_error(err, PS_EPARSE, source, line, col,
                     "invalid UTF-8: %s 0x%02X (is the file in another encoding such as "
                     "Windows-1256 or Latin-1? save it as UTF-8)", what, value);
}

/* Which wide encoding text is in, or NULL. With a byte-order mark it is
 * certain (no UTF-8 text starts with FE, FF or NUL; the UTF-32 marks are
 * tried first, as FF FE 00 00 also starts like UTF-16LE). Without one, the
 * first 256 bytes decide: ASCII characters, which a CSV header and JSON
 * punctuation are made of, have NUL high bytes, so in UTF-16 the first
 * character has one, and the NULs fall on one side of each 2-byte unit
 * only and on an eighth of the units at least (names in Arabic script have
 * no NUL byte; the header, the commas and the digits do); in UTF-32 the two
 * high bytes of every unit are NUL (code points below U+10000) while the
 * low byte is not always. A UTF-8 file with a stray NUL matches neither
 * and gets the NUL message. */
static const char *wide_encoding(const unsigned char *s, size_t len)
{
    if (len >= 4 && s[0] == 0x00 && s[1] == 0x00 && s[2] == 0xFE && s[3] == 0xFF)
        return "UTF-32 (big-endian)";
    if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0x00 && s[3] == 0x00)
        return "UTF-32 (little-endian)";
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        return "UTF-16 (big-endian)";
    if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        return "UTF-16 (little-endian)";
    size_t sample = (len < 256 ? len : 256) & ~(size_t)3, nul[4] = {0, 0, 0, 0};
    if (sample == 0 || !memchr(s, 0, sample))
        return NULL;
    for (size_t i = 0; i < sample; i++)
        nul[i % 4] += s[i] == 0;
    size_t units32 = sample / 4, units16 = sample / 2;
    if (nul[2] == units32 && nul[3] == units32 && nul[0] < units32)
        return "UTF-32 (little-endian)";
    if (nul[0] == units32 && nul[1] == units32 && nul[3] < units32)
        return "UTF-32 (big-endian)";
    size_t even = nul[0] + nul[2], odd = nul[1] + nul[3];
    if (s[0] != 0 && s[1] == 0 && even == 0 && odd >= 2 && 8 * odd >= units16)
        return "UTF-16 (little-endian)";
    if (s[0] == 0 && s[1] != 0 && odd == 0 && even >= 2 && 8 * even >= units16)
        return "UTF-16 (big-endian)";
    return NULL;
}

int psi_text_check(const char *text, size_t len, const char *source, ps_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    const char *wide = wide_encoding(s, len);
    if (wide)
        return psi_error(err, PS_EPARSE, source, 0, 0,
                         "the file is %s; save it as UTF-8 (in Excel: CSV UTF-8)", wide);
    /* The byte-order mark takes no column: positions count from after it,
     * as the readers skip it. */
    size_t start = psi_bom_length(text, len);
    long line = 1, col = 1;
    for (size_t i = start; i < len;) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c == 0)
                return psi_error(err, PS_EPARSE, source, line, col,
                                 "NUL byte in text (is this a binary file?)");
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i++;
            continue;
        }
        size_t n = psi_utf8_len((unsigned char)c);
        if (n == 1) {
            const char *what = c < 0xC0 ? "unexpected continuation byte"
                               : c < 0xC2 ? "overlong sequence starting with byte"
                                          : "byte";
            return bad_utf8(err, source, line, col, what, c);
        }
        if (n > len - i)
            return bad_utf8(err, source, line, col, "truncated sequence at end of file, byte", c);
        unsigned cp = c & (0x7Fu >> n);
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return bad_utf8(err, source, line, col, "byte", c);
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        static const unsigned min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[n])
            return bad_utf8(err, source, line, col, "overlong sequence starting with byte", c);
        if (cp >= 0xD800 && cp <= 0xDFFF)
            return psi_error(err, PS_EPARSE, source, line, col,
                             "invalid UTF-8: encoded surrogate U+%04X", cp);
        if (cp > 0x10FFFF)
            return psi_error(err, PS_EPARSE, source, line, col,
                             "invalid UTF-8: code point U+%X is beyond U+10FFFF", cp);
        if (cp == 0xFEFF)
            return psi_error(err, PS_EPARSE, source, line, col,
                             "byte-order mark (U+FEFF) inside the text; only the start of a "
                             "file may have one (were two files joined?)");
        col++;
        i += n;
    }
    return 0;
}

/* ---- numbers, colours, dates ---------------------------------------------- */

static size_t span_digits(const char *s, const char *end)
{
    size_t n = 0;
    while (s + n < end && s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

int psi_parse_double(const char *s, size_t n, double *out)
{
    const char *p = s, *end = s + n;
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    size_t whole = span_digits(p, end), frac = 0;
    p += whole;
    const char *point = NULL;
    if (p < end && *p == '.') {
        point = p++;
        frac = span_digits(p, end);
        p += frac;
    }
    if (whole + frac == 0)
        return -1;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        size_t exp = span_digits(p, end);
        if (!exp)
            return -1;
        p += exp;
    }
    if (p != end)
        return -1;
    const char *dp = localeconv()->decimal_point;
    size_t dn = dp && *dp ? strlen(dp) : 1;
    char buf[512];
    if (n + dn >= sizeof buf)
        return -1;
    if (point && dn == 1 && dp && *dp && *dp != '.') {
        memcpy(buf, s, n);
        buf[point - s] = *dp;
        buf[n] = '\0';
    } else if (point && dn > 1) {
        size_t k = (size_t)(point - s);
        memcpy(buf, s, k);
        memcpy(buf + k, dp, dn);
        memcpy(buf + k + dn, point + 1, n - k - 1);
        buf[n - 1 + dn] = '\0';
    } else {
        memcpy(buf, s, n);
        buf[n] = '\0';
    }
    char *stop;
    double v = strtod(buf, &stop);
    if (*stop != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

void psi_format_double(char *buf, size_t size, double v)
{
    const char *dp = localeconv()->decimal_point;
    for (int prec = 15; prec <= 17; prec++) {
        char tmp[48];
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        /* Put '.' back where the locale wrote its own point. */
        char *at = dp && *dp && strcmp(dp, ".") != 0 ? strstr(tmp, dp) : NULL;
        if (at) {
            size_t dn = strlen(dp);
            *at = '.';
            memmove(at + 1, at + dn, strlen(at + dn) + 1);
        }
        double back;
        if (prec == 17 || (psi_parse_double(tmp, strlen(tmp), &back) == 0 && back == v)) {
            snprintf(buf, size, "%s", tmp);
            return;
        }
    }
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int psi_is_color(const char *s)
{
    if (!s || s[0] != '#' || strlen(s) != 7)
        return 0;
    for (int i = 1; i < 7; i++)
        if (!is_hex(s[i]))
            return 0;
    return 1;
}

static int digits_at(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int psi_is_iso_date(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n != 4 && n != 7 && n != 10)
        return 0;
    int year = digits_at(s, 4);
    if (year < 0)
        return 0;
    if (n == 4)
        return 1;
    int month = s[4] == '-' ? digits_at(s + 5, 2) : -1;
    if (month < 1 || month > 12)
        return 0;
    if (n == 7)
        return 1;
    int day = s[7] == '-' ? digits_at(s + 8, 2) : -1;
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int max = month == 2 && !leap ? 28 : days[month - 1];
    return day >= 1 && day <= max;
}

size_t psi_bom_length(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* ---- length of text values ------------------------------------------------ */

size_t psi_text_limit(const char *name)
{
    if (name && (strcmp(name, "notes") == 0 || strcmp(name, "source") == 0))
        return PS_IO_MAX_NOTES_BYTES;
    return PS_IO_MAX_TEXT_BYTES;
}

/* 50000000 as "50,000,000": a length of that size is read at a glance. */
static void group_digits(char *buf, size_t size, size_t n)
{
    char digits[32];
    int nd = snprintf(digits, sizeof digits, "%zu", n);
    size_t o = 0;
    for (int i = 0; i < nd && o + 2 < size; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

int psi_text_too_long(ps_error *err, const char *source, long line, long column,
                      const char *name, const char *kind, size_t len, size_t limit)
{
    char n[40];
    group_digits(n, sizeof n, len);
    if (name)
        return psi_error(err, PS_ERANGE, source, line, column,
                         "'%.40s' is %s bytes long; the limit is %zu bytes", name, n, limit);
    return psi_error(err, PS_ERANGE, source, line, column,
                     "%s is %s bytes long; the limit is %zu bytes", kind, n, limit);
}
