/*
 * expect_error.h - what the readers' tests (test_io.c, test_legislature.c)
 * share: one error record per test file, and a check that a call failed
 * with the expected code, message, line and column.
 */
#ifndef POWERSHARE_TEST_EXPECT_ERROR_H
#define POWERSHARE_TEST_EXPECT_ERROR_H

#include <criterion/criterion.h>

#include "powershare/error.h"

#define IO_DATA PS_TEST_DATA "/io"
#define IRAQ PS_SOURCE_ROOT "/data/iraq-2014.json"

/* The error record the helpers of each test file fill. */
static ps_error err;

/* rc must be `code`, and err must say `msg` at line:col. */
static inline void expect_at(int rc, int code, long line, long col, const char *msg)
{
    cr_assert_eq(rc, code, "rc %d, expected %d (%s:%ld:%ld: %s)", rc, code, err.file, err.line,
                 err.column, err.message);
    cr_expect_eq(err.code, code);
    cr_expect_str_eq(err.message, msg);
    cr_expect_eq(err.line, line, "line %ld, expected %ld (%s)", err.line, line, err.message);
    cr_expect_eq(err.column, col, "column %ld, expected %ld (%s)", err.column, col, err.message);
}

#endif
