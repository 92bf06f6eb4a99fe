/*
 * io_file.c - reading files, checking text, and telling JSON from CSV.
 *
 * Files are read whole (they are small: a legislature, a votes table) with
 * open/fstat/read so that a directory, a missing file and a permission
 * problem each get their own message, and pipes work too.
 *
 * Text is checked once, before any parsing, against RFC 3629: a UTF-8
 * sequence is refused when it is overlong, encodes a surrogate
 * (U+D800..U+DFFF) or goes beyond U+10FFFF. The typical culprit is a file
 * saved in a legacy code page (Windows-1256 for Arabic names, Latin-1), so
 * the message says so.
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

/* ---- files ---------------------------------------------------------------- */

static int open_error(ps_error *err, const char *path, int e)
{
    char msg[128];
    switch (e) {
    case ENOENT: return psi_error(err, PS_EIO, path, 0, 0, "no such file");
    case EACCES: return psi_error(err, PS_EIO, path, 0, 0, "permission denied (cannot read it)");
    case EISDIR: return psi_error(err, PS_EIO, path, 0, 0, "is a directory, not a file");
    case ENOTDIR:
        return psi_error(err, PS_EIO, path, 0, 0, "no such file (a part of the path is not a "
                         "directory)");
    default:
        if (strerror_r(e, msg, sizeof msg) != 0)
            snprintf(msg, sizeof msg, "error %d", e);
        return psi_error(err, PS_EIO, path, 0, 0, "cannot read: %s", msg);
    }
}

static int too_large(ps_error *err, const char *path)
{
    return psi_error(err, PS_ERANGE, path, 0, 0, "file is too large (the limit is %zu MiB)",
                     PS_IO_MAX_FILE_BYTES >> 20);
}

int ps_file_read(char **out, size_t *out_len, const char *path, ps_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (!path || !*path)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no file name given");
    int fd;
    do
        fd = open(path, O_RDONLY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return open_error(err, path, errno);
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        close(fd);
        return open_error(err, path, e);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return open_error(err, path, EISDIR);
    }
    /* Regular files are read in one block of their size; pipes and devices
     * report no size, so their buffer grows as data comes. */
    size_t cap = 65536;
    if (S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > PS_IO_MAX_FILE_BYTES) {
            close(fd);
            return too_large(err, path);
        }
        cap = (size_t)st.st_size + 1;
    }
    char *buf = psi_malloc(cap);
    if (!buf) {
        close(fd);
        return psi_enomem(err);
    }
    size_t len = 0;
    int rc = 0;
    for (;;) {
        if (len + 1 >= cap) {
            if (len >= PS_IO_MAX_FILE_BYTES + 1) {
                rc = too_large(err, path);
                break;
            }
            size_t ncap = cap * 2 > PS_IO_MAX_FILE_BYTES + 2 ? PS_IO_MAX_FILE_BYTES + 2 : cap * 2;
            char *nbuf = psi_realloc(buf, ncap);
            if (!nbuf) {
                rc = psi_enomem(err);
                break;
            }
            buf = nbuf;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + len, cap - 1 - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = open_error(err, path, errno);
            break;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    if (rc == 0 && len > PS_IO_MAX_FILE_BYTES)
        rc = too_large(err, path);
    if (rc < 0) {
        psi_free(buf);
        return rc;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return 0;
}

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

int psi_text_check(const char *text, size_t len, const char *source, ps_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return psi_error(err, PS_EPARSE, source, 1, 1,
                         "byte-order mark at start of file; save as UTF-8 without BOM");
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
        return psi_error(err, PS_EPARSE, source, 1, 1,
                         "UTF-16 byte-order mark at start of file; save as UTF-8 without BOM");
    long line = 1, col = 1;
    for (size_t i = 0; i < len;) {
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

/* ---- loading a legislature, JSON or CSV ----------------------------------- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* True when the line at s (up to end or '\n') has a comma-separated field
 * that is `party`, quoted or not. */
static int header_has_party(const char *s, const char *end)
{
    const char *eol = memchr(s, '\n', (size_t)(end - s));
    if (!eol)
        eol = end;
    if (eol > s && eol[-1] == '\r')
        eol--;
    while (s <= eol) {
        const char *comma = memchr(s, ',', (size_t)(eol - s));
        const char *f_end = comma ? comma : eol;
        size_t n = (size_t)(f_end - s);
        if ((n == 5 && memcmp(s, "party", 5) == 0) || (n == 7 && memcmp(s, "\"party\"", 7) == 0))
            return 1;
        if (!comma)
            break;
        s = comma + 1;
    }
    return 0;
}

int ps_legislature_load(ps_legislature **out, const char *path, ps_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    int rc = ps_file_read(&text, &len, path, err);
    if (rc < 0)
        return rc;
    rc = psi_text_check(text, len, path, err);
    if (rc < 0)
        goto done;
    const char *p = text, *end = text + len;
    long line = 1;
    const char *line_start = text;
    while (p < end && is_blank(*p)) {
        if (*p == '\n') {
            line++;
            line_start = p + 1;
        }
        p++;
    }
    static const char expected[] = "expected a JSON object or a CSV header line with a 'party' "
                                   "column";
    if (len == 0) {
        rc = psi_error(err, PS_EPARSE, path, 0, 0, "empty file; %s", expected);
    } else if (p == end) {
        rc = psi_error(err, PS_EPARSE, path, 0, 0, "file holds only white space; %s", expected);
    } else if (*p == '{' || *p == '[') {
        rc = ps_legislature_read_json(out, text, len, path, err);
    } else if (header_has_party(p, end)) {
        rc = ps_legislature_read_csv(out, text, len, path, err);
    } else {
        long col = 1;
        for (const char *q = line_start; q < p; q++)
            col++; /* only ASCII blanks precede p on its line */
        rc = psi_error(err, PS_EPARSE, path, line, col, "not a JSON or CSV legislature; %s",
                       expected);
    }
done:
    psi_free(text);
    return rc;
}
