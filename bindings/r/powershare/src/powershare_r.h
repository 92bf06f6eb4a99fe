/*
 * powershare_r.h - what the C files of the R package share.
 *
 * Each .Call entry point calls the C library's public API, copies the
 * result into R vectors and frees it before returning; the R functions in
 * R/ make data frames of those lists. Errors: the C result is freed first,
 * then ps_r_fail() signals an R condition (R/errors.R) carrying the
 * library's code, file, line and column; it does not return.
 */
#ifndef POWERSHARE_R_H
#define POWERSHARE_R_H

#include <R.h>
#include <Rinternals.h>

#include <powershare/powershare.h>

/* Around a library call that may take long (interrupt.c): a user interrupt
 * (Ctrl-C, Esc) stops it with PS_ECANCELED, which ps_r_fail turns back into
 * R's interrupt. Nothing between the two may signal an R error. */
void ps_r_long_begin(void);
void ps_r_long_end(void);

/* Signals the condition for err (class by code; PS_ECANCELED: R's
 * interrupt condition, then back to the top level); never returns. */
void ps_r_fail(const ps_error *err);

/* A usage error (PS_EINVAL) with a message; never returns. */
void ps_r_usage(const char *fmt, ...);

/* A list with these names, its elements to be set (PROTECTed once). */
SEXP ps_r_list(int n, const char *const *names);

/* A character vector of the party ids in m (legislature order). */
SEXP ps_r_member_ids(const ps_legislature *leg, ps_members m);

/* "num/den" of an exact fraction, or NA. */
SEXP ps_r_fraction(const ps_fraction *f);

/* A string or NA. */
SEXP ps_r_str(const char *s);

/* Party ids (a character vector) into a member set; fails on an unknown id. */
ps_members ps_r_members(const ps_legislature *leg, SEXP ids);

/* The document inside an external pointer (document.c). */
ps_document *ps_r_document(SEXP ptr);

/* power result: list(exact, method, note, values = list(index = list(value,
 * exact, half_width))) */
SEXP ps_r_power(const ps_power *p);

/* One judged government. */
SEXP ps_r_government(const ps_government *g, const ps_legislature *leg);

/* The analysis. */
SEXP ps_r_analysis(const ps_analyze_result *r);

#endif
