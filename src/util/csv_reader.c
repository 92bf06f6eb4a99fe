/*
 * csv_reader.c - RFC 4180 records with positions.
 *
 * A single forward scan. Field contents are copied, unquoted, into one
 * buffer per record (each NUL-terminated) so callers get C strings; the
 * buffer and the field array are reused from record to record, so reading
 * a large table costs a handful of allocations.
 *
 * Deviations from RFC 4180, all on the side of accepting what spreadsheets
 * write: LF alone ends a record as well as CRLF, the last record may lack a
 * line end, empty lines are skipped, a CRLF inside quotes reads as LF, and
 * a UTF-8 byte-order mark before the header is skipped (Excel's "CSV
 * UTF-8"; pandas and R's readr skip it too), positions counting from after
 * it. Everything else outside the grammar is an error, never a guess.
 *
 * Every cell is held to a length (psi_text_limit, by its column's name), so
 * that a 50 MB name is refused at its cell instead of widening every row of
 * a text table to 50 MB; the header's names are kept for that.
 *
 * Column names are matched ignoring ASCII case ("Votes" is votes: a
 * spreadsheet's capitalised header is not a different column), and an
 * unknown name gets the closest known one within two edits (Levenshtein
 * distance) as "did you mean". The separator is the comma only; a header
 * written with semicolons (Excel in locales whose decimal mark is a comma)
 * is named as such rather than read as one long column name.
 */
#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#include "csv_reader.h"
#include "util.h"
#include "text.h"

struct psi_csv {
    const char *p, *end;
    long line, col;
    const char *source;
    size_t header_n; /* 0 until the first record is read */
    char *buf;       /* field contents of the current record */
    size_t buf_len, buf_cap;
    psi_csv_field *fields;
    size_t n_fields, cap_fields;
    char *header;       /* the header's field contents, kept ... */
    const char **names; /* ... for names[0..header_n): limits and messages */
};

int psi_csv_open(psi_csv **out, const char *text, size_t len, const char *source,
                 ps_error *err)
{
    *out = NULL;
    int rc = psi_text_check(text, len, source, err);
    if (rc < 0)
        return rc;
    psi_csv *csv = psi_calloc(1, sizeof *csv);
    if (!csv)
        return psi_enomem(err);
    size_t bom = psi_bom_length(text, len);
    text += bom;
    len -= bom;
    csv->p = text;
    csv->end = text + len;
    csv->line = 1;
    csv->col = 1;
    csv->source = source;
    *out = csv;
    return 0;
}

void psi_csv_free(psi_csv *csv)
{
    if (!csv)
        return;
    psi_free(csv->buf);
    psi_free(csv->fields);
    psi_free(csv->header);
    psi_free((void *)csv->names);
    psi_free(csv);
}

const char *psi_csv_source(const psi_csv *csv)
{
    return csv->source;
}

static int append(psi_csv *csv, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (csv->buf_cap - csv->buf_len < n) {
        size_t cap = csv->buf_cap ? csv->buf_cap : 256;
        while (cap - csv->buf_len < n) {
            if (cap > SIZE_MAX / 2)
                return PS_ENOMEM;
            cap *= 2;
        }
        char *buf = psi_realloc(csv->buf, cap);
        if (!buf)
            return PS_ENOMEM;
        csv->buf = buf;
        csv->buf_cap = cap;
    }
    memcpy(csv->buf + csv->buf_len, s, n);
    csv->buf_len += n;
    return 0;
}

static int push_field(psi_csv *csv, const psi_csv_field *f)
{
    if (csv->n_fields == csv->cap_fields) {
        size_t cap = csv->cap_fields ? csv->cap_fields * 2 : 16;
        psi_csv_field *fields = psi_realloc_array(csv->fields, cap, sizeof *fields);
        if (!fields)
            return PS_ENOMEM;
        csv->fields = fields;
        csv->cap_fields = cap;
    }
    csv->fields[csv->n_fields++] = *f;
    return 0;
}

static void advance_cols(psi_csv *csv, const char *from, const char *to)
{
    for (; from < to; from++)
        if (((unsigned char)*from & 0xC0) != 0x80)
            csv->col++;
}

/* True at a record end: LF, CRLF, or the end of the text. */
static int at_record_end(const psi_csv *csv)
{
    const char *p = csv->p;
    return p == csv->end || *p == '\n' || (*p == '\r' && p + 1 < csv->end && p[1] == '\n');
}

static void consume_newline(psi_csv *csv)
{
    if (csv->p < csv->end && *csv->p == '\r')
        csv->p++;
    if (csv->p < csv->end && *csv->p == '\n')
        csv->p++;
    csv->line++;
    csv->col = 1;
}

static int parse_quoted(psi_csv *csv, psi_csv_field *f, ps_error *err)
{
    csv->p++;
    csv->col++;
    for (;;) {
        const char *p = csv->p;
        if (p == csv->end)
            return psi_error(err, PS_EPARSE, csv->source, f->line, f->column,
                             "unterminated quoted field; expected a closing '\"'");
        /* Copy the run of ordinary bytes in one go. */
        const char *q = p;
        while (q < csv->end && *q != '"' && *q != '\n' && *q != '\r')
            q++;
        if (q > p) {
            if (append(csv, p, (size_t)(q - p)) < 0)
                return psi_enomem(err);
            advance_cols(csv, p, q);
            csv->p = q;
            continue;
        }
        if (*p == '"') {
            if (p + 1 < csv->end && p[1] == '"') {
                if (append(csv, "\"", 1) < 0)
                    return psi_enomem(err);
                csv->p += 2;
                csv->col += 2;
                continue;
            }
            csv->p++;
            csv->col++;
            break;
        }
        int crlf = *p == '\r' && p + 1 < csv->end && p[1] == '\n';
        if (*p == '\n' || crlf) {
            if (append(csv, "\n", 1) < 0)
                return psi_enomem(err);
            consume_newline(csv);
        } else { /* a lone CR inside quotes is data */
            if (append(csv, "\r", 1) < 0)
                return psi_enomem(err);
            csv->p++;
            csv->col++;
        }
    }
    if (csv->p < csv->end && *csv->p != ',' && !at_record_end(csv))
        return psi_error(err, PS_EPARSE, csv->source, csv->line, csv->col,
                         "text after the closing quote of a field; expected ',' or the end of "
                         "the line");
    return 0;
}

static int parse_plain(psi_csv *csv, ps_error *err)
{
    const char *p = csv->p, *q = p;
    while (q < csv->end && *q != ',' && *q != '\n' && *q != '\r' && *q != '"')
        q++;
    if (append(csv, p, (size_t)(q - p)) < 0)
        return psi_enomem(err);
    advance_cols(csv, p, q);
    csv->p = q;
    if (q < csv->end && *q == '"')
        return psi_error(err, PS_EPARSE, csv->source, csv->line, csv->col,
                         "quote inside an unquoted field; enclose the whole field in double "
                         "quotes and double the quotes inside it");
    if (q < csv->end && *q == '\r' && !at_record_end(csv))
        return psi_error(err, PS_EPARSE, csv->source, csv->line, csv->col,
                         "carriage return without a line feed; expected LF or CRLF line ends");
    return 0;
}

/* Field f, number i of the current record (its text still an offset into
 * buf), against the limit of its column. */
static int check_length(const psi_csv *csv, const psi_csv_field *f, size_t i, ps_error *err)
{
    const char *name = csv->header_n && i < csv->header_n ? csv->names[i] : NULL;
    size_t limit = psi_text_limit(name);
    if (f->len <= limit)
        return 0;
    return psi_text_too_long(err, csv->source, f->line, f->column, name,
                             csv->header_n ? "cell" : "column name", f->len, limit);
}

/* Keeps a copy of the header record's names (texts still offsets). */
static int keep_header(psi_csv *csv)
{
    csv->header = psi_malloc(csv->buf_len ? csv->buf_len : 1);
    csv->names = psi_malloc_array(csv->n_fields, sizeof *csv->names);
    if (!csv->header || !csv->names) {
        psi_free(csv->header);
        psi_free((void *)csv->names);
        csv->header = NULL;
        csv->names = NULL;
        return PS_ENOMEM;
    }
    memcpy(csv->header, csv->buf, csv->buf_len);
    for (size_t i = 0; i < csv->n_fields; i++)
        csv->names[i] = csv->header + (uintptr_t)csv->fields[i].text;
    return 0;
}

int psi_csv_next(psi_csv *csv, const psi_csv_field **fields, size_t *n, ps_error *err)
{
    *fields = NULL;
    *n = 0;
    while (csv->p < csv->end && at_record_end(csv))
        consume_newline(csv);
    if (csv->p == csv->end)
        return 0;
    csv->buf_len = 0;
    csv->n_fields = 0;
    for (;;) {
        psi_csv_field f = {.text = NULL, .len = csv->buf_len, .line = csv->line,
                           .column = csv->col,
                           .quoted = csv->p < csv->end && *csv->p == '"'};
        size_t start = csv->buf_len;
        int rc = f.quoted ? parse_quoted(csv, &f, err) : parse_plain(csv, err);
        if (rc < 0)
            return rc;
        /* Offsets for now: the buffer may move until the record is done. */
        f.len = csv->buf_len - start;
        f.text = (const char *)(uintptr_t)start;
        if ((rc = check_length(csv, &f, csv->n_fields, err)) < 0)
            return rc;
        if (append(csv, "", 1) < 0 || push_field(csv, &f) < 0)
            return psi_enomem(err);
        if (csv->p < csv->end && *csv->p == ',') {
            csv->p++;
            csv->col++;
            continue;
        }
        break;
    }
    if (csv->header_n == 0) {
        if (keep_header(csv) < 0)
            return psi_enomem(err);
        csv->header_n = csv->n_fields;
    } else if (csv->n_fields != csv->header_n) {
        long line = csv->fields[0].line, col = csv->col;
        if (csv->n_fields > csv->header_n) {
            line = csv->fields[csv->header_n].line;
            col = csv->fields[csv->header_n].column;
        }
        return psi_error(err, PS_EPARSE, csv->source, line, col,
                         "record at line %ld has %zu field%s; expected %zu as in the header",
                         csv->fields[0].line, csv->n_fields, csv->n_fields == 1 ? "" : "s",
                         csv->header_n);
    }
    if (csv->p < csv->end)
        consume_newline(csv);
    for (size_t i = 0; i < csv->n_fields; i++)
        csv->fields[i].text = csv->buf + (uintptr_t)csv->fields[i].text;
    *fields = csv->fields;
    *n = csv->n_fields;
    return 1;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

bool psi_csv_name_is(const char *column, const char *name)
{
    for (; *column && *name; column++, name++)
        if (lower((unsigned char)*column) != lower((unsigned char)*name))
            return false;
    return *column == *name;
}

bool psi_csv_semicolon_line(const char *s, size_t len)
{
    const char *eol = memchr(s, '\n', len);
    size_t n = eol ? (size_t)(eol - s) : len;
    return !memchr(s, ',', n) && memchr(s, ';', n);
}

int psi_csv_header(psi_csv *csv, const psi_csv_field **fields, size_t *n, ps_error *err)
{
    int rc = psi_csv_next(csv, fields, n, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return psi_error(err, PS_EPARSE, csv->source, 0, 0,
                         "empty file; expected a header line naming the columns");
    const psi_csv_field *f = *fields;
    if (*n == 1 && !f[0].quoted && strchr(f[0].text, ';'))
        return psi_error(err, PS_EPARSE, csv->source, f[0].line, f[0].column,
                         PSI_CSV_SEMICOLON_MESSAGE);
    for (size_t i = 0; i < *n; i++) {
        if (f[i].len == 0)
            return psi_error(err, PS_EPARSE, csv->source, f[i].line, f[i].column,
                             "empty column name in the header (column %zu)", i + 1);
        if (f[i].text[0] == ' ' || f[i].text[f[i].len - 1] == ' ')
            return psi_error(err, PS_EPARSE, csv->source, f[i].line, f[i].column,
                             "column name '%s' has leading or trailing spaces", f[i].text);
        for (size_t j = 0; j < i; j++) {
            if (strcmp(f[i].text, f[j].text) == 0)
                return psi_error(err, PS_EPARSE, csv->source, f[i].line, f[i].column,
                                 "duplicate column '%s' (first at column %ld)", f[i].text,
                                 f[j].column);
            if (psi_csv_name_is(f[i].text, f[j].text))
                return psi_error(err, PS_EPARSE, csv->source, f[i].line, f[i].column,
                                 "duplicate column '%s' (first at column %ld as '%s'; column "
                                 "names ignore case)", f[i].text, f[j].column, f[j].text);
        }
    }
    return 0;
}

long psi_csv_find(const psi_csv_field *fields, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (psi_csv_name_is(fields[i].text, name))
            return (long)i;
    return -1;
}

/* Levenshtein distance ignoring ASCII case, capped at 3 (only 0..2 are
 * used) and on names of at most 40 bytes. */
static int edits(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 40 || nb > 40)
        return 3;
    int prev[41], cur[41];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int same = lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 1]);
            int best = prev[j - 1] + !same;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (nb + 1) * sizeof *prev);
    }
    return prev[nb] > 3 ? 3 : prev[nb];
}

const char *psi_csv_suggest(const char *column, const char *const *known)
{
    const char *best = NULL;
    int best_d = 3;
    for (size_t k = 0; known[k]; k++) {
        int d = edits(column, known[k]);
        /* two edits of a two-letter name could make it any other name */
        if (d < best_d && (size_t)d < strlen(column)) {
            best_d = d;
            best = known[k];
        }
    }
    return best;
}

int psi_csv_columns(psi_csv *csv, const char *const *allowed, size_t required,
                    const char *expected, long *col, ps_error *err)
{
    const psi_csv_field *h;
    size_t n;
    int rc = psi_csv_header(csv, &h, &n, err);
    if (rc < 0)
        return rc;
    /* the column names, for the messages: bounded (a longer list would
     * only be cut short) */
    char list[160] = "";
    size_t len = 0;
    for (size_t k = 0; allowed[k]; k++) {
        if (!expected && len < sizeof list)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "",
                                    allowed[k]);
        col[k] = psi_csv_find(h, n, allowed[k]);
    }
    if (!expected)
        expected = list;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (allowed[k] && !psi_csv_name_is(h[i].text, allowed[k]))
            k++;
        if (allowed[k])
            continue;
        const char *near = psi_csv_suggest(h[i].text, allowed);
        char hint[64] = "";
        if (near)
            snprintf(hint, sizeof hint, " (did you mean '%s'?)", near);
        return psi_error(err, PS_EDATA, psi_csv_source(csv), h[i].line, h[i].column,
                         "unknown column '%.80s'%s; expected %s", h[i].text, hint, expected);
    }
    for (size_t k = 0; k < required; k++)
        if (col[k] < 0)
            return psi_error(err, PS_EDATA, psi_csv_source(csv), h[0].line, 0,
                             "missing column '%s'; expected %s", allowed[k], expected);
    return 0;
}

/* "1.5", "-3", "2e3": numbers that are not whole or not positive get a
 * message about that rather than about the characters. */
int psi_csv_count(int64_t *out, const psi_csv_field *f, const char *column, const char *source,
                  ps_error *err)
{
    const char *s = f->text;
    int64_t v = 0;
    size_t i = 0;
    for (; i < f->len && s[i] >= '0' && s[i] <= '9'; i++) {
        int d = s[i] - '0';
        if (v > (INT64_MAX - d) / 10)
            return psi_error(err, PS_ERANGE, source, f->line, f->column,
                             "number too large for '%s': %.40s does not fit in 64 bits (the "
                             "largest is 2^63-1 = 9223372036854775807)", column, s);
        v = v * 10 + d;
    }
    if (i == f->len && i > 0) {
        *out = v;
        return 0;
    }
    double d;
    if (psi_parse_double(s, f->len, &d) == 0) {
        if (d < 0)
            return psi_error(err, PS_EDATA, source, f->line, f->column,
                             "'%s' must not be negative, got %.40s", column, s);
        if (d >= 9.2e18 || d != (double)(int64_t)d)
            return psi_error(err, PS_EDATA, source, f->line, f->column,
                             "'%s' must be a whole number, got %.40s", column, s);
        return psi_error(err, PS_EDATA, source, f->line, f->column,
                         "'%s' must be a whole number written with digits only, got %.40s",
                         column, s);
    }
    const char *hint = "";
    if (f->len && (s[0] == ' ' || s[f->len - 1] == ' '))
        hint = " (remove the spaces)";
    else if (strpbrk(s, ",'"))
        hint = " (write numbers without thousands separators)";
    if (f->len == 0)
        return psi_error(err, PS_EDATA, source, f->line, f->column,
                         "empty cell; expected a whole number for '%s'", column);
    return psi_error(err, PS_EDATA, source, f->line, f->column,
                     "expected a whole number for '%s', got '%.40s'%s", column, s, hint);
}

bool psi_csv_decimal(const psi_csv_field *f)
{
    const char *p = f->text, *end = f->text + f->len;
    size_t digits = 0;
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    for (; p < end && *p >= '0' && *p <= '9'; p++)
        digits++;
    if (p < end && *p == '.')
        for (p++; p < end && *p >= '0' && *p <= '9'; p++)
            digits++;
    if (digits && p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p == end || *p < '0' || *p > '9')
            return false;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    return digits && p == end;
}

int psi_csv_number(double *out, const psi_csv_field *f, const char *column, const char *source,
                   ps_error *err)
{
    if (psi_parse_double(f->text, f->len, out) == 0)
        return 0;
    if (psi_csv_decimal(f)) /* well formed, but no double holds it (1e400) */
        return psi_error(err, PS_EDATA, source, f->line, f->column,
                         "number out of range for '%s', got '%.40s%s'", column, f->text,
                         f->len > 40 ? "..." : "");
    return psi_error(err, PS_EDATA, source, f->line, f->column,
                     "expected a number for '%s', got '%.40s'", column, f->text);
}
