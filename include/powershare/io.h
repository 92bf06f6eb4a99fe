/*
 * powershare/io.h - reading and writing legislatures and vote tables.
 *
 * Formats (docs/formats.md is the user-facing description):
 *   - Legislature JSON: an object with "name", "total_seats", "parties",
 *     optional "communities", "dimensions", "unattributed_seats", ...
 *     Unknown keys are errors, so a typo is never silently ignored.
 *   - Legislature CSV: one party per row; the header names the columns:
 *     `party` (required), `name`, `seats`, `votes`, `community`, `color`,
 *     `source` (in any case), and `dim:NAME` for a numeric position on the
 *     policy dimension NAME; any other column is refused at its header cell
 *     ("did you mean 'votes'?"). An empty cell means unknown. total_seats
 *     is the sum of the seats column (unknown when no row has seats). The
 *     legislature is named after the source's base name without extension
 *     ("tk2023" for "data/tk2023.csv").
 *   - Votes CSV: `party,votes` with optional `district` (several districts)
 *     and optional `direct_wins` (constituencies won, for threshold
 *     exemptions; summed over a party's rows, an empty cell counts 0),
 *     `alliance` and `candidates` (for the laws of system.h).
 *     ps_votes_load also reads a legislature JSON whose parties all have
 *     votes (told by its first character).
 *   - Every CSV reader says "the file looks semicolon-separated" at line 1
 *     when the header has semicolons and no comma.
 *   - District seats CSV: `district,seats`.
 *
 * All readers take UTF-8 text, with or without a byte-order mark at its
 * start (Excel's "CSV UTF-8" writes one; it takes no column in positions);
 * UTF-16 and UTF-32 are refused with a message naming the encoding, as are
 * NUL bytes and invalid UTF-8. They accept LF or CRLF line ends, and report
 * every error with the file name and the 1-based line and column (in
 * characters) of the offending token, saying what was expected.
 * Parsing is done by the project's own small readers, which keep the position
 * of every value so that content errors (a negative seat count in the 7th
 * party) point at the value, not just at the file.
 *
 * Limits: a file larger than PS_IO_MAX_FILE_BYTES is refused with PS_ERANGE,
 * and so is a text value longer than PS_IO_MAX_TEXT_BYTES (or
 * PS_IO_MAX_NOTES_BYTES for free text), at its position.
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

/* The longest text value, in bytes of UTF-8, that any reader takes: every
 * CSV cell (header included) and every JSON string and key. Names and ids
 * are a few dozen bytes; without a limit a 50 MB party name was accepted,
 * and each row of a text table was then padded to its width. Longer text
 * is refused at its position with PS_ERANGE ("'name' is 50,000,000 bytes
 * long; the limit is 1000 bytes"). */
#define PS_IO_MAX_TEXT_BYTES ((size_t)1000)

/* The same for free text, which is read and written back but never laid
 * out in a table: a JSON value or CSV column named "notes" or "source"
 * (data/iraq-2014.json's notes run to 1,777 bytes). */
#define PS_IO_MAX_NOTES_BYTES ((size_t)65536)

/* What errors and outputs call standard input. */
#define PS_STDIN_NAME "<stdin>"

/* Reads a whole file into a NUL-terminated buffer (*out, length *out_len).
 * `path` "-" is standard input, which a process can read once (a second
 * "-" is PS_EINVAL); pipes and FIFOs are read as they come. Errors: PS_EIO
 * (missing, a directory, unreadable: message says which), PS_ERANGE (too
 * large), PS_ENOMEM. err->file is set to ps_file_display_name(path). */
int ps_file_read(char **out, size_t *out_len, const char *path, ps_error *err);

/* PS_STDIN_NAME for "-", path otherwise: what messages call an input. */
const char *ps_file_display_name(const char *path);

/* Loads the legislature alone from a JSON or CSV file ("-": standard input),
 * as ps_document_load (document.h) does, which also keeps the file's
 * sections: a command that needs a section reads the document instead.
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
    char **alliance;      /* n_parties entries (NULL: in no alliance), or NULL
                             when no such column: lists with the same label
                             form one alliance (system.h) */
    int64_t *candidates;  /* n_parties entries (-1: not given), or NULL when no
                             such column: the length of each list */
    int64_t *district_wins; /* with districts and direct_wins: n_parties *
                             n_districts, party-major as votes: the wins in
                             each district (a Land list's, Bundestag); else
                             NULL */
    int64_t *members;     /* n_parties entries (1 when not given), or NULL when
                             no such column: the parties standing together on
                             each list (a joint list's threshold, system.h) */
} ps_votes;

/* Reads a votes CSV: `party`, `votes`, and optionally `district`,
 * `direct_wins`, `alliance` (a label; empty: none; a party's rows must agree),
 * `candidates` (summed over a party's rows) and `members` (the parties on a
 * joint list, at least 1; a party's rows must agree). Errors: PS_EPARSE, PS_EDATA (missing `party` or
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
