/*
 * powershare/error.h - what went wrong, and where.
 *
 * Every library function returns 0 (PS_OK) or a negative PS_E... code. When the
 * caller passes a non-NULL ps_error *, it also receives the details: the code,
 * the file (or other source name) and the 1-based line and column where the
 * problem sits, and a message that says what was expected. The library never
 * prints and never exits.
 *
 * Thread safety: every function here is thread-safe; a ps_error must not be
 * shared between threads.
 */
#ifndef POWERSHARE_ERROR_H
#define POWERSHARE_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Return codes. Negative so that "rc < 0" is the one test for failure. */
typedef enum ps_code {
    PS_OK = 0,
    PS_ENOMEM = -1, /* an allocation failed; nothing was leaked */
    PS_EINVAL = -2, /* the caller's arguments are wrong (a usage error) */
    PS_EIO = -3,    /* a file could not be opened, read or written */
    PS_EPARSE = -4, /* input is not well-formed: not JSON/CSV, bad encoding */
    PS_EDATA = -5,  /* input is well-formed but its content is invalid */
    PS_ETIE = -6,   /* a tie decides a result and the policy is to refuse */
    PS_ERANGE = -7, /* a number or a problem is too large to handle exactly */
    PS_ECANCELED = -8 /* the caller's check stopped the work (cancel.h) */
} ps_code;

#define PS_ERROR_FILE_MAX 512
#define PS_ERROR_MESSAGE_MAX 1024

typedef struct ps_error {
    int code;                            /* one of ps_code; PS_OK when clear */
    char file[PS_ERROR_FILE_MAX];        /* source name, "" when none */
    long line;                           /* 1-based; 0 when not applicable */
    long column;                         /* 1-based, in characters; 0 when n/a */
    char message[PS_ERROR_MESSAGE_MAX];  /* what was expected; never ends in '\n' */
} ps_error;

/* A static, human-readable name for a code ("out of memory", ...).
 * Unknown codes give "unknown error". Never returns NULL. */
const char *ps_strerror(int code);

/* Resets *err to PS_OK with empty fields. NULL-safe. */
void ps_error_clear(ps_error *err);

/* Formats err as "file:line:column: message", leaving out the parts that are
 * empty or zero ("file: message", or just "message"). Writes at most size bytes
 * including the terminating NUL into buf and returns the length the full text
 * needs (like snprintf). NULL err formats as "". */
size_t ps_error_format(const ps_error *err, char *buf, size_t size);

/* Frees a string or array that a library function handed to the caller
 * (for example the text of ps_legislature_to_json). NULL-safe. Use it rather
 * than free() so that the library's allocation accounting stays exact. */
void ps_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif
