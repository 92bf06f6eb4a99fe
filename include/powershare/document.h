/*
 * powershare/document.h - a legislature file, read once.
 *
 * A legislature file holds more than the chamber: a JSON file may also
 * declare how the chamber is elected ("election"), its decision "rule", the
 * power-sharing "condition", what-if "scenarios" and reserved "offices"
 * (docs/formats.md). A document reads such a file once, from a path, from
 * standard input ("-", the Unix convention) or from memory; tells JSON from
 * CSV by its content; parses it once; and owns the legislature and the
 * parsed sections. Each stage then reads its own section from the document:
 *
 *   ps_rule_from_document        rule.h       "rule"
 *   ps_condition_from_document   coalition.h  "condition"
 *   ps_scenarios_from_document   scenario.h   "scenarios"
 *   ps_offices_from_document     portfolio.h  "offices"
 *   ps_election_from_document    simulate.h   "election"
 *
 * A CSV legislature has no sections, which is not an error: each stage then
 * gives its default (a simple majority of all seats, no condition, no
 * scenarios, no offices). Errors inside a section name the document's
 * source with the line and column of the value.
 *
 * The format is decided by the content: a first non-blank byte '{' (or '[',
 * which gets a clear "expected an object" error) means JSON; a first line
 * that is a comma-separated header with a `party` column (in any case)
 * means CSV; a header with semicolons and no comma gets "the file looks
 * semicolon-separated"; anything else is PS_EPARSE "not a JSON or CSV
 * legislature". Text may start with a
 * UTF-8 byte-order mark and use CRLF line ends (io.h).
 *
 * Ownership: a document is the caller's (ps_document_free, NULL-safe); the
 * legislature and the strings it returns live as long as the document.
 * Thread safety: a document is read-only after it is made (the legislature
 * may be changed by its owner: ps_legislature_validate); different
 * documents are independent. Standard input can be read once per process:
 * a second document from "-" fails with PS_EINVAL.
 */
#ifndef POWERSHARE_DOCUMENT_H
#define POWERSHARE_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "io.h"
#include "legislature.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ps_document ps_document;

/* Reads the file at `path` ("-" for standard input; a pipe or FIFO works
 * too) once, parses it and validates the legislature
 * (ps_legislature_validate). Errors: those of ps_file_read (PS_EIO,
 * PS_ERANGE), PS_EPARSE and PS_EDATA with a position, PS_ENOMEM. */
int ps_document_load(ps_document **out, const char *path, ps_error *err);

/* The same from text in memory (len bytes; NUL bytes are errors);
 * `source_name` is what errors and ps_document_source() call it (NULL:
 * "<memory>"). The text is copied where needed: the caller may free it. */
int ps_document_read(ps_document **out, const char *text, size_t len, const char *source_name,
                     ps_error *err);

void ps_document_free(ps_document *doc);

/* The legislature, owned by the document. Non-const so that its owner may
 * validate or adjust it (a command's options); the sections read later see
 * the change. */
ps_legislature *ps_document_legislature(const ps_document *doc);

/* The name given for the input: the path, PS_STDIN_NAME for "-", or the
 * source name given to ps_document_read. */
const char *ps_document_source(const ps_document *doc);

/* True for a JSON document (which may have sections), false for CSV. */
bool ps_document_is_json(const ps_document *doc);

/* True when the JSON document has the top-level key (a section). */
bool ps_document_has_section(const ps_document *doc, const char *key);

#ifdef __cplusplus
}
#endif

#endif
