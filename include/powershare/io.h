/*
 * powershare/io.h - reading and writing legislatures and vote tables.
 *
 * Formats (docs/formats.md is the user-facing description):
 *   - Legislature JSON: an object with "name", "total_seats", "parties",
 *     optional "communities", "dimensions", "unattributed_seats", ...
 *     Unknown keys are errors, so a typo is never silently ignored.
 *   - Legislature CSV: one party per row; the header names the columns:
 *     `party` (required), `name`, `seats`, `votes`, `community`, `color`,
 *     `source`, and any other column is a numeric position on a policy
 *     dimension of that name. An empty cell means unknown. total_seats is
 *     the sum of the seats column (unknown when no row has seats).
 *   - Votes CSV: `party,votes` with optional `district` (several districts)
 *     and optional `direct_wins` (constituencies won, for threshold
 *     exemptions; summed over a party's rows, an empty cell counts 0).
 *   - District seats CSV: `district,seats`.
 *
 * All readers take UTF-8 text (a UTF-8 byte-order mark is refused with a
 * clear message, as are NUL bytes and invalid UTF-8), accept LF or CRLF line
 * ends, and report every error with the file name and the 1-based line and
 * column (in characters) of the offending token, saying what was expected.
 * Parsing is done by the project's own small readers, which keep the position
 * of every value so that content errors (a negative seat count in the 7th
 * party) point at the value, not just at the file.
 *
 * Limits: a file larger than PS_IO_MAX_FILE_BYTES is refused with PS_ERANGE.
 *
 * Ownership: every *out is the caller's and has a NULL-safe free function.
 * Thread safety: all functions are reentrant.
 */
#ifndef POWERSHARE_IO_H
#define POWERSHARE_IO_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "legislature.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PS_IO_MAX_FILE_BYTES ((size_t)256 << 20) /* 256 MiB */

/* Reads a whole file into a NUL-terminated buffer (*out, length *out_len).
 * Errors: PS_EIO (missing, a directory, unreadable: message says which),
 * PS_ERANGE (too large), PS_ENOMEM. err->file is set to path. */
int ps_file_read(char **out, size_t *out_len, const char *path, ps_error *err);

/* Loads a legislature from a JSON or CSV file. The format is decided by the
 * content: a first non-blank byte '{' (or '[', to get a clear "expected an
 * object" error) means JSON; anything else that looks
 * like a CSV header (a line of comma-separated names that includes `party`)
 * means CSV; otherwise PS_EPARSE "not a JSON or CSV legislature".
 * The result is validated (ps_legislature_validate).
 * Errors: as ps_file_read, plus PS_EPARSE and PS_EDATA with a position. */
int ps_legislature_load(ps_legislature **out, const char *path, ps_error *err);

/* The same from text in memory; `source_name` is what errors call the file. */
int ps_legislature_read_json(ps_legislature **out, const char *text, size_t len,
                             const char *source_name, ps_error *err);
int ps_legislature_read_csv(ps_legislature **out, const char *text, size_t len,
                            const char *source_name, ps_error *err);

/* Serialises to the JSON format above (2-space indent, keys in a fixed order,
 * trailing newline), such that reading it back gives an equal legislature.
 * *out is a NUL-terminated string owned by the caller (ps_free()).
 * Errors: PS_ENOMEM. */
int ps_legislature_to_json(char **out, const ps_legislature *leg, ps_error *err);

/* A table of votes by party, and optionally by district. */
typedef struct ps_votes {
    size_t n_parties;
    char **parties;       /* party ids in order of first appearance */
    size_t n_districts;   /* 0 when the file has no district column */
    char **districts;     /* district names in order of first appearance */
    int64_t *votes;       /* n_parties * max(1, n_districts), party-major:
                             votes[p * max(1, n_districts) + d]; a party
                             absent from a district has 0 there */
    int64_t *direct_wins; /* n_parties entries, or NULL when no such column */
    long *party_lines;    /* line of each party's first row, for messages */
} ps_votes;

/* Reads a votes CSV. Errors: PS_EPARSE, PS_EDATA (missing `party` or
 * `votes` column, unknown column, negative or non-integer votes, a party
 * listed twice in one district, no rows), PS_ERANGE (a number over 2^63-1 or
 * a total that overflows), PS_ENOMEM, PS_EIO. */
int ps_votes_load(ps_votes **out, const char *path, ps_error *err);
int ps_votes_read_csv(ps_votes **out, const char *text, size_t len, const char *source_name,
                      ps_error *err);
void ps_votes_free(ps_votes *votes);

/* Reads `party,<count>` CSV files such as constituency wins, where the second
 * column's header is any name (e.g. `constituencies_won`). Fills counts[i] for
 * each parties[i] listed in the file and leaves the others untouched.
 * Errors: PS_EDATA (a party not in `parties`, a party twice, bad count). */
int ps_party_counts_load(int64_t *counts, char *const *parties, size_t n_parties,
                         const char *path, ps_error *err);

/* A `district,seats` table. */
typedef struct ps_district_seats {
    size_t n;
    char **districts;
    int64_t *seats;
} ps_district_seats;

int ps_district_seats_load(ps_district_seats **out, const char *path, ps_error *err);
int ps_district_seats_read_csv(ps_district_seats **out, const char *text, size_t len,
                               const char *source_name, ps_error *err);
void ps_district_seats_free(ps_district_seats *ds);

#ifdef __cplusplus
}
#endif

#endif
