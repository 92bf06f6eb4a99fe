/*
 * error.c - error codes, their names, and filling ps_error.
 *
 * Messages are formatted once, where the error is found, because only there
 * is the context (the value, the expected form) known.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
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

int psi_verror(ps_error *err, int code, const char *file, long line, long column,
               const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return code;
}

int psi_error(ps_error *err, int code, const char *file, long line, long column,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    psi_verror(err, code, file, line, column, fmt, ap);
    va_end(ap);
    return code;
}

int psi_enomem(ps_error *err)
{
    return psi_error(err, PS_ENOMEM, NULL, 0, 0, "out of memory");
}
