/*
 * buf.c - a growable string for writers (JSON, CSV, text reports).
 *
 * Writers append without checking each call; the first failed allocation
 * sets `failed`, later appends are no-ops, and psi_buf_take() reports it.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

void psi_buf_init(psi_buf *b)
{
    memset(b, 0, sizeof *b);
}

void psi_buf_free(psi_buf *b)
{
    psi_free(b->data);
    psi_buf_init(b);
}

static int reserve(psi_buf *b, size_t extra)
{
    if (b->failed)
        return PS_ENOMEM;
    if (extra > SIZE_MAX - b->len - 1) {
        b->failed = 1;
        return PS_ENOMEM;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap && b->data) /* cap > 0 only with data; said for the analyzer */
        return PS_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *data = psi_realloc(b->data, cap);
    if (!data) {
        b->failed = 1;
        return PS_ENOMEM;
    }
    b->data = data;
    b->cap = cap;
    return PS_OK;
}

int psi_buf_append(psi_buf *b, const char *s, size_t n)
{
    if (reserve(b, n) < 0)
        return PS_ENOMEM;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return PS_OK;
}

int psi_buf_puts(psi_buf *b, const char *s)
{
    return psi_buf_append(b, s, strlen(s));
}

int psi_buf_printf(psi_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0)
        return PS_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return PS_OK;
}

int psi_buf_json_string(psi_buf *b, const char *s)
{
    psi_buf_append(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': psi_buf_append(b, "\\\"", 2); break;
        case '\\': psi_buf_append(b, "\\\\", 2); break;
        case '\n': psi_buf_append(b, "\\n", 2); break;
        case '\r': psi_buf_append(b, "\\r", 2); break;
        case '\t': psi_buf_append(b, "\\t", 2); break;
        default:
            if (*p < 0x20)
                psi_buf_printf(b, "\\u%04x", *p);
            else
                psi_buf_append(b, (const char *)p, 1);
        }
    }
    return psi_buf_append(b, "\"", 1);
}

int psi_buf_csv_field(psi_buf *b, const char *s)
{
    size_t n = strlen(s);
    int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    if (strpbrk(s, ",\"\r\n"))
        quote = 1;
    if (!quote)
        return psi_buf_append(b, s, n);
    psi_buf_append(b, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            psi_buf_append(b, "\"", 1);
        psi_buf_append(b, p, 1);
    }
    return psi_buf_append(b, "\"", 1);
}

char *psi_buf_take(psi_buf *b)
{
    if (b->failed) {
        psi_buf_free(b);
        return NULL;
    }
    if (!b->data && psi_buf_append(b, "", 0) < 0) {
        psi_buf_free(b);
        return NULL;
    }
    char *s = b->data;
    psi_buf_init(b);
    return s;
}
