/*
 * names.h - a string -> index table over a growing array of names, for
 * the readers of long tables (every party in every district of a national
 * election, thousands of candidates): FNV-1a hashing, open addressing,
 * linear time for the whole table. Not installed.
 *
 * Order is meaning: names keep the order in which they were added (the
 * file's order), and indices never change. A name may carry a tag (for
 * example a candidate's district), so that one table holds the same name
 * once per tag; callers that need no tags pass NULL tags and tag 0.
 */
#ifndef POWERSHARE_NAMES_H
#define POWERSHARE_NAMES_H

#include <stddef.h>

typedef struct psi_names {
    char **name;  /* owned copies, n of them, in the order added */
    size_t n, cap;
    size_t *slot; /* index + 1, 0 = empty; slot_cap is a power of two */
    size_t slot_cap;
} psi_names;

/* The index of s with tag, or -1. tags[i] is name i's tag; NULL when
 * every tag is 0. */
long psi_names_find(const psi_names *t, const size_t *tags, const char *s, size_t tag);

/* Appends a copy of s with tag and returns its index, or PS_ENOMEM. tags
 * as for psi_names_find, already holding the new name's tag at index n. */
long psi_names_add(psi_names *t, const size_t *tags, const char *s, size_t tag);

/* Frees the copies, the array and the slots (a caller that keeps the
 * names takes t->name and sets it to NULL first). */
void psi_names_free(psi_names *t);

#endif
