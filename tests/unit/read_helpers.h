/*
 * read_helpers.h - the readers' one-line calls that test_io.c and
 * test_io_text.c share: parse a text as JSON, as a votes CSV, or as CSV
 * records, filling the file's error record (expect_error.h) and returning
 * the reader's code.
 */
#ifndef POWERSHARE_TEST_READ_HELPERS_H
#define POWERSHARE_TEST_READ_HELPERS_H

#include <string.h>

#include "csv_reader.h"
#include "json_reader.h"
#include "powershare/powershare.h"

#include "expect_error.h"

static inline int json(const char *text)
{
    psi_json_doc *doc = NULL;
    ps_error_clear(&err);
    int rc = psi_json_parse(&doc, text, strlen(text), "t.json", &err);
    psi_json_free(doc);
    return rc;
}

static inline int votes_csv(const char *text)
{
    ps_votes *v = NULL;
    ps_error_clear(&err);
    int rc = ps_votes_read_csv(&v, text, strlen(text), "v.csv", &err);
    ps_votes_free(v);
    return rc;
}

static inline int csv_all(const char *text, size_t len, size_t *records)
{
    psi_csv *csv;
    ps_error_clear(&err);
    int rc = psi_csv_open(&csv, text, len, "t.csv", &err);
    if (rc < 0)
        return rc;
    const psi_csv_field *f;
    size_t n;
    *records = 0;
    while ((rc = psi_csv_next(csv, &f, &n, &err)) > 0)
        (*records)++;
    psi_csv_free(csv);
    return rc;
}

static inline int csv_str(const char *text)
{
    size_t n;
    return csv_all(text, strlen(text), &n);
}

#endif
