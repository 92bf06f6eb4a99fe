/*
 * document.c - a legislature file read once (powershare/document.h).
 *
 * The text is read once (ps_file_read: a path, a pipe, a FIFO or standard
 * input) and parsed once: a JSON document keeps its parsed tree, so that
 * each stage reads its own section from it (psi_document_section) with the
 * positions of the file; a CSV document has only the legislature. Before
 * this, each stage reopened the path to find its section, which read a
 * pipe once and then found it empty.
 *
 * The encoding is checked before the format is detected, so that a UTF-16
 * file is called that rather than "not JSON or CSV" (the readers check
 * again: one linear pass, nothing next to parsing); likewise a first line
 * separated by semicolons is called semicolon-separated.
 */
#include <string.h>

#include "csv_reader.h"
#include "legislature_impl.h"
#include "text.h"
#include "util.h"
#include "powershare/io.h"

struct ps_document {
    char *source;
    psi_json_doc *json; /* NULL for CSV */
    ps_legislature *leg;
};

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Whether s[0..n) is `party` in any case (column names ignore case). */
static int is_party(const char *s, size_t n)
{
    static const char party[] = "party";
    if (n != sizeof party - 1)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]) != party[i])
            return 0;
    return 1;
}

/* True when the line at s (up to end or '\n') has a comma-separated field
 * that is `party` (in any case), quoted or not. */
static int header_has_party(const char *s, const char *end)
{
    const char *eol = memchr(s, '\n', (size_t)(end - s));
    if (!eol)
        eol = end;
    if (eol > s && eol[-1] == '\r')
        eol--;
    while (s <= eol) {
        const char *comma = memchr(s, ',', (size_t)(eol - s));
        const char *f_end = comma ? comma : eol;
        size_t n = (size_t)(f_end - s);
        if (is_party(s, n) || (n == 7 && s[0] == '"' && s[6] == '"' && is_party(s + 1, 5)))
            return 1;
        if (!comma)
            break;
        s = comma + 1;
    }
    return 0;
}

typedef enum { KIND_JSON, KIND_CSV } doc_kind;

/* JSON or CSV by the first non-blank byte, or an error at that byte. */
static int detect(doc_kind *kind, const char *text, size_t len, const char *source,
                  ps_error *err)
{
    const char *p = text, *end = text + len;
    long line = 1;
    const char *line_start = text;
    while (p < end && is_blank(*p)) {
        if (*p == '\n') {
            line++;
            line_start = p + 1;
        }
        p++;
    }
    static const char expected[] = "expected a JSON object or a CSV header line with a 'party' "
                                   "column";
    if (len == 0)
        return psi_error(err, PS_EPARSE, source, 0, 0, "empty file; %s", expected);
    if (p == end)
        return psi_error(err, PS_EPARSE, source, 0, 0, "file holds only white space; %s",
                         expected);
    if (*p == '{' || *p == '[') {
        *kind = KIND_JSON;
        return PS_OK;
    }
    if (header_has_party(p, end)) {
        *kind = KIND_CSV;
        return PS_OK;
    }
    long col = 1;
    for (const char *q = line_start; q < p; q++)
        col++; /* only ASCII blanks precede p on its line */
    if (psi_csv_semicolon_line(p, (size_t)(end - p)))
        return psi_error(err, PS_EPARSE, source, line, col, PSI_CSV_SEMICOLON_MESSAGE);
    return psi_error(err, PS_EPARSE, source, line, col, "not a JSON or CSV legislature; %s",
                     expected);
}

/* Text checked, the byte-order mark (if any) already skipped. */
static int parse(ps_document *doc, const char *text, size_t len, ps_error *err)
{
    doc_kind kind = KIND_JSON;
    int rc = detect(&kind, text, len, doc->source, err);
    if (rc < 0)
        return rc;
    if (kind == KIND_CSV)
        return ps_legislature_read_csv(&doc->leg, text, len, doc->source, err);
    rc = psi_json_parse(&doc->json, text, len, doc->source, err);
    if (rc == PS_OK)
        rc = psi_legislature_from_json(&doc->leg, psi_json_root(doc->json), doc->source, err);
    return rc;
}

int ps_document_read(ps_document **out, const char *text, size_t len, const char *source_name,
                     ps_error *err)
{
    *out = NULL;
    ps_document *doc = psi_calloc(1, sizeof *doc);
    if (!doc || !(doc->source = psi_strdup(source_name ? source_name : "<memory>"))) {
        psi_free(doc);
        return psi_enomem(err);
    }
    int rc = psi_text_check(text, len, doc->source, err);
    if (rc == PS_OK) {
        size_t bom = psi_bom_length(text, len);
        rc = parse(doc, text + bom, len - bom, err);
    }
    if (rc < 0) {
        ps_document_free(doc);
        return rc;
    }
    *out = doc;
    return PS_OK;
}

int ps_document_load(ps_document **out, const char *path, ps_error *err)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc = ps_file_read(&text, &len, path, err);
    if (rc == PS_OK)
        rc = ps_document_read(out, text, len, ps_file_display_name(path), err);
    psi_free(text);
    return rc;
}

void ps_document_free(ps_document *doc)
{
    if (!doc)
        return;
    ps_legislature_free(doc->leg);
    psi_json_free(doc->json);
    psi_free(doc->source);
    psi_free(doc);
}

ps_legislature *ps_document_legislature(const ps_document *doc)
{
    return doc->leg;
}

const char *ps_document_source(const ps_document *doc)
{
    return doc->source;
}

bool ps_document_is_json(const ps_document *doc)
{
    return doc->json != NULL;
}

const psi_json *psi_document_section(const ps_document *doc, const char *key)
{
    return doc->json ? psi_json_get(psi_json_root(doc->json), key) : NULL;
}

bool ps_document_has_section(const ps_document *doc, const char *key)
{
    return psi_document_section(doc, key) != NULL;
}

/* The path loader of io.h, kept for callers that want the chamber alone. */
int ps_legislature_load(ps_legislature **out, const char *path, ps_error *err)
{
    *out = NULL;
    ps_document *doc = NULL;
    int rc = ps_document_load(&doc, path, err);
    if (rc == PS_OK) {
        *out = doc->leg;
        doc->leg = NULL;
    }
    ps_document_free(doc);
    return rc;
}
