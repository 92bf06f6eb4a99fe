/*
 * error.c - error codes, their names, and filling ps_error.
 *
 * Messages are formatted once, where the error is found, because only there
 * is the context (the value, the expected form) known.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/error.h"

const char *ps_strerror(int code)
{
    switch (code) {
    case PS_OK: return "success";
    case PS_ENOMEM: return "out of memory";
    case PS_EINVAL: return "invalid argument";
    case PS_EIO: return "input/output error";
    case PS_EPARSE: return "malformed input";
    case PS_EDATA: return "invalid data";
    case PS_ETIE: return "undecided tie";
    case PS_ERANGE: return "too large";
    case PS_ECANCELED: return "cancelled";
    default: return "unknown error";
    }
}

void ps_error_clear(ps_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

size_t ps_error_format(const ps_error *err, char *buf, size_t size)
{
    int n;
    if (!err) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    const char *msg = err->message[0] ? err->message : ps_strerror(err->code);
    if (err->file[0] && err->line > 0 && err->column > 0)
        n = snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line, err->column, msg);
    else if (err->file[0] && err->line > 0)
        n = snprintf(buf, size, "%s:%ld: %s", err->file, err->line, msg);
    else if (err->file[0])
        n = snprintf(buf, size, "%s: %s", err->file, msg);
    else
        n = snprintf(buf, size, "%s", msg);
    return n < 0 ? 0 : (size_t)n;
}

/* Messages quote what the user wrote (a column name, a cell), which may hold
 * line breaks or be long enough to be cut. A message must stay one line that
 * never ends in '\n' (error.h), and a cut must not split a UTF-8 sequence, so
 * control characters become spaces and a cut backs up to a character
 * boundary and ends in "..."; a UTF-8 sequence that a "%.40s" in a format cut
 * short becomes '?'. Found by fuzzing, tests/fuzz/crashes/votes/. */
static void tidy_message(char *msg, int n)
{
    size_t len = strlen(msg);
    if (n >= 0 && (size_t)n > len && len >= 3) {
        len -= 3;
        while (len > 0 && ((unsigned char)msg[len] & 0xC0) == 0x80)
            len--;
        memcpy(msg + len, "...", 4);
        len += 3;
    }
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)msg[i];
        size_t need = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        size_t k = 1;
        while (k < need && i + k < len && ((unsigned char)msg[i + k] & 0xC0) == 0x80)
            k++;
        if (need == 0 || k < need) {
            /* a sequence cut by a "%.40s" in the format: not UTF-8 any more */
            msg[i++] = '?';
            continue;
        }
        if (c < 0x20 || c == 0x7F)
            msg[i] = ' ';
        i += need;
    }
}

int psi_verror(ps_error *err, int code, const char *file, long line, long column,
               const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    int n = 0;
    if (fmt) /* callers always pass one; the test keeps GCC's sanitizer build quiet */
        n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    else
        snprintf(err->message, sizeof err->message, "%s", ps_strerror(code));
    tidy_message(err->message, n);
    return code;
}

int (psi_error)(ps_error *err, int code, const char *file, long line, long column,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    psi_verror(err, code, file, line, column, fmt, ap);
    va_end(ap);
    return code;
}

int (psi_enomem)(ps_error *err) /* (name): see util.h's analyzer macros */
{
    return psi_error(err, PS_ENOMEM, NULL, 0, 0, "out of memory");
}
