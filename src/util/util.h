/*
 * util.h - the domain-free services every file of the library (and the program)
 * may use: allocation, errors, a string builder, wide arithmetic, random
 * numbers. Not installed.
 *
 * Allocation: every allocation in the library goes through psi_malloc and
 * friends, so that a test build can make the n-th allocation fail and check
 * that every failure comes back as PS_ENOMEM with nothing leaked.
 */
#ifndef POWERSHARE_UTIL_H
#define POWERSHARE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "powershare/error.h"
#include "powershare/number.h"

#if defined(__GNUC__)
#define PSI_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PSI_PRINTF(fmt, args)
#endif

/* 128-bit unsigned integer (GCC and Clang); __extension__ keeps -Wpedantic
 * quiet about it. Use psi_u128 rather than spelling __int128. */
__extension__ typedef unsigned __int128 psi_u128;
__extension__ typedef __int128 psi_i128;

void *psi_malloc(size_t size);
void *psi_calloc(size_t count, size_t size);
/* Overflow-checked count * size allocation (NULL on overflow). */
void *psi_malloc_array(size_t count, size_t size);
void *psi_realloc(void *ptr, size_t size);
void *psi_realloc_array(void *ptr, size_t count, size_t size);
void psi_free(void *ptr);
/* NULL in, NULL out (not a failure); otherwise a copy or NULL on failure. */
char *psi_strdup(const char *s);
char *psi_strndup(const char *s, size_t n);

/* Failure injection, for tests only. After `n` more allocations succeed,
 * every allocation fails until reset with a negative n (the default). */
void psi_alloc_fail_after(long n);
/* Allocations made since the last psi_alloc_fail_after() call. */
long psi_alloc_count(void);
/* Blocks allocated by psi_* and not yet given to psi_free(): a leak check
 * that needs no sanitizer. Counts every thread. */
long psi_alloc_live(void);

/* Fills *err (when not NULL) and returns code, so that callers can write
 * `return psi_error(err, PS_EDATA, file, line, col, "...", ...);`.
 * file may be NULL; line/column 0 mean "not applicable". */
int psi_error(ps_error *err, int code, const char *file, long line, long column,
              const char *fmt, ...) PSI_PRINTF(6, 7);
int psi_verror(ps_error *err, int code, const char *file, long line, long column,
               const char *fmt, va_list ap) PSI_PRINTF(6, 0);
/* Shorthand for PS_ENOMEM with the standard message. */
int psi_enomem(ps_error *err);
#ifdef __clang_analyzer__
/* The static analyzer (make lint) sees one file at a time, so it cannot know
 * that these return their code, and follows `rc = psi_enomem(err);` on as if
 * rc could be 0 (some twenty false "null dereference" paths after a failed
 * allocation). These macros state it; compiled code is unchanged, and
 * error.c defines the functions as (psi_error) so that they do not expand. */
#define psi_error(err, code, ...) ((void)psi_error(err, code, __VA_ARGS__), (code))
#define psi_enomem(err) ((void)psi_enomem(err), PS_ENOMEM)
#endif

/* Wide unsigned arithmetic for exact comparisons: the product of up to four
 * 64-bit factors, compared without overflow. Returns -1, 0, 1 for
 * a[0]*...*a[na-1] versus b[0]*...*b[nb-1]. */
int psi_cmp_products(const uint64_t *a, int na, const uint64_t *b, int nb);

/* A growable string. After any failed append, `failed` is set and further
 * appends do nothing, so a writer checks once at the end. */
typedef struct psi_buf {
    char *data; /* NUL-terminated when not NULL */
    size_t len;
    size_t cap;
    int failed;
} psi_buf;

void psi_buf_init(psi_buf *b);
void psi_buf_free(psi_buf *b);
int psi_buf_append(psi_buf *b, const char *s, size_t n);
int psi_buf_puts(psi_buf *b, const char *s);
int psi_buf_printf(psi_buf *b, const char *fmt, ...) PSI_PRINTF(2, 3);
/* s as a JSON string literal, quoted and escaped ("\u00XX" for controls). */
int psi_buf_json_string(psi_buf *b, const char *s);
/* s as one CSV field: quoted (inner quotes doubled) when it holds a comma,
 * a quote, a CR or LF, or leading/trailing spaces; as is otherwise. */
int psi_buf_csv_field(psi_buf *b, const char *s);
/* Hands the string to the caller (or NULL if any append failed, in which
 * case the buffer is freed) and resets b. */
char *psi_buf_take(psi_buf *b);

/* Random numbers (rng.c): splitmix64 steps a single 64-bit state;
 * xoshiro256** has 256 bits of state, seeded from splitmix64, and a jump of
 * 2^128 steps for independent blocks. */
typedef struct psi_xoshiro {
    uint64_t s[4];
} psi_xoshiro;

uint64_t psi_splitmix64(uint64_t *state);
void psi_xoshiro_seed(psi_xoshiro *r, uint64_t seed);
uint64_t psi_xoshiro_next(psi_xoshiro *r);
void psi_xoshiro_jump(psi_xoshiro *r);

/* Counters of the library's main computations (work.c), for the test that
 * nothing is computed twice: each stage adds one per computation. */
typedef enum psi_work {
    PSI_WORK_POWER,       /* ps_power_compute */
    PSI_WORK_COALITIONS,  /* ps_coalitions_find */
    PSI_WORK_SCENARIO,    /* ps_analysis_compute */
    PSI_WORK_PREDICTION,  /* ps_predict_probabilities */
    PSI_WORK_COUNT
} psi_work;

void psi_work_done(psi_work w);
unsigned long psi_work_count(psi_work w);
const char *psi_work_name(psi_work w);

/* num/den in lowest terms (number.c); den > 0. */
ps_ratio psi_ratio_reduced(int64_t num, int64_t den);

#endif
