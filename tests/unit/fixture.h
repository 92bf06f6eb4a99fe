/*
 * fixture.h - what the apportionment tests (test_apportion.c,
 * test_biprop.c) share: a small CSV reader of their own (RFC 4180 quoting),
 * so that the golden fixtures under tests/data/ are read without the
 * library's io stage, and splitmix64 for the random cases.
 */
#ifndef POWERSHARE_TEST_FIXTURE_H
#define POWERSHARE_TEST_FIXTURE_H

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct row {
    char f[4][128];
    int nf;
} row;

/* Reads up to max data rows (the header is skipped); returns their number,
 * or -1 if the file cannot be opened. */
static inline int read_csv(const char *path, row *rows, int max)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    int n = -1, c, inq = 0, field = 0;
    size_t len = 0;
    row cur;
    memset(&cur, 0, sizeof cur);
    for (;;) {
        c = fgetc(fp);
        if (inq) {
            if (c == '"') {
                int d = fgetc(fp);
                if (d == '"')
                    goto put;
                inq = 0;
                c = d;
            } else if (c != EOF) {
                goto put;
            }
        }
        if (c == '"' && len == 0) {
            inq = 1;
            continue;
        }
        if (c == ',' || c == '\n' || c == EOF) {
            cur.f[field][len] = '\0';
            cur.nf = field + 1;
            if (c == ',') {
                field++, len = 0;
                cr_assert(field < 4, "%s: too many fields", path);
                continue;
            }
            if (field > 0 || len > 0) {
                if (n >= 0) {
                    cr_assert(n < max, "%s: too many rows", path);
                    rows[n] = cur;
                }
                n++;
            }
            memset(&cur, 0, sizeof cur);
            field = 0, len = 0;
            if (c == EOF)
                break;
            continue;
        }
        if (c == '\r')
            continue;
    put:
        cr_assert(len + 1 < sizeof cur.f[0], "%s: field too long", path);
        cur.f[field][len++] = (char)c;
    }
    fclose(fp);
    return n < 0 ? 0 : n;
}

/* splitmix64 (Steele, Lea & Flood 2014): the next number of the stream *s. */
static inline uint64_t rnd(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

#endif
