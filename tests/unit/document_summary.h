/*
 * document_summary.h - helpers of the document tests (test_document*.c):
 * a document summarised as text so that two ways of reading the same file
 * can be compared, the reference bytes of a file, a file in /tmp.
 */
#ifndef PS_TEST_DOCUMENT_SUMMARY_H
#define PS_TEST_DOCUMENT_SUMMARY_H

#include <stddef.h>

#include "powershare/powershare.h"

#define IRAQ PS_SOURCE_ROOT "/data/iraq-2014.json"
#define IO_DATA PS_TEST_DATA "/io"
#define ELECTION PS_TEST_DATA "/simulate/election.json"

/* The sections a summary reports. */
extern const char *const section_keys[];
#define N_KEYS ((size_t)5)

/* The whole file, read without the library (the reference bytes). */
char *slurp(const char *path, size_t *len);

/* Writes text to a fresh file in /tmp; returns its path (free it). */
char *temp_file(const char *text, size_t len);

/* What a document says, as text, leaving out its source name. */
char *summary(const ps_document *doc);

/* The document at path (which must read) summarised. */
char *summary_of_path(const char *path);

/* The same from memory. */
char *summary_of_text(const char *text, size_t len, const char *source);

/* Two summaries are equal; on a difference, says where. */
void expect_same(const char *got, const char *want, const char *what);

#endif
