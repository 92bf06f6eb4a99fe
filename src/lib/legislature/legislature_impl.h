/*
 * legislature_impl.h - what the legislature stage's files share, and the
 * one door the other stages have into a document: its parsed sections.
 * Not installed.
 */
#ifndef POWERSHARE_LEGISLATURE_IMPL_H
#define POWERSHARE_LEGISLATURE_IMPL_H

#include "json_reader.h"
#include "powershare/document.h"
#include "powershare/legislature.h"

/* The checks of ps_legislature_validate(). When the fault belongs to one
 * party, *bad_party (if not NULL) gets its index, otherwise -1, so that a
 * reader can point at that party's row or object. */
int psi_legislature_check(ps_legislature *leg, long *bad_party, ps_error *err);

/* The legislature of a parsed JSON document (io_legislature_json.c); the
 * sections are left to their stages. */
int psi_legislature_from_json(ps_legislature **out, const psi_json *root, const char *source_name,
                              ps_error *err);

/* The value of a top-level key of a JSON document, or NULL (no such key, or
 * a CSV document). Positions in it are those of ps_document_source(doc). */
const psi_json *psi_document_section(const ps_document *doc, const char *key);

/* The votes of a JSON document's parties, in the file's order (io_votes.c):
 * a votes-only legislature, or any whose parties all have votes (their
 * seats, if any, are not used). Errors: PS_EDATA "party 'x' has no 'votes'"
 * at the party's object, PS_ERANGE (the votes add up beyond 2^63-1),
 * PS_EINVAL for a CSV document, PS_ENOMEM. ps_votes_load calls it for a
 * file that starts with '{'. */
int psi_votes_from_document(ps_votes **out, const ps_document *doc, ps_error *err);

#endif
