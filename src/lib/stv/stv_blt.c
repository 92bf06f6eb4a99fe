/*
 * stv_blt.c - ballots in the BLT format (powershare/stv.h), read line by
 * line.
 *
 * BLT is the preference-profile format of Hill, Wichmann and Woodall's
 * ERS97 counting program, kept by OpenSTV and by the e-counting systems of
 * Scottish councils, whose returning officers publish one file per ward
 * (rule 56(c)(va) of Schedule 1 to SSI 2011/399). The format is loosely
 * tokenised in its original description; every file seen in practice puts
 * one item on a line (header, withdrawn list, one ballot line, "0", one
 * candidate, the title), and reading by line is what lets an error say
 * which line is wrong: a candidate number in a name's place, a ballot
 * whose closing 0 is missing. The Scottish files add the candidate's party
 * as a second quoted text on the name's line; it is kept as the
 * affiliation.
 *
 * Ballot lines are kept as they are (a count and a sequence); the count
 * walks them by index, so a file of 2,357 distinct sequences standing for
 * 11,358 ballots is 2,357 parcels, not 11,358 papers.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "stv_impl.h"
#include "text.h"
#include "util.h"
#include "powershare/io.h"

typedef struct reader {
    const char *text;
    size_t len;
    size_t pos;      /* the start of the next line */
    long line;       /* of the current line */
    const char *ls;  /* the current line's first character (after a BOM) */
    const char *le;  /* its end (before a CR LF) */
    const char *p;   /* the scan position in it */
    const char *src;
    ps_error *err;
} reader;

/* The ballots as they grow. */
typedef struct builder {
    ps_ballots *b;
    size_t cap_lines, cap_pref, n_pref;
    size_t *seen; /* per candidate: the ballot line + 1 that last named it */
} builder;

static long column_of(const reader *r, const char *at)
{
    long col = 1;
    for (const char *q = r->ls; q < at; q++)
        if (((unsigned char)*q & 0xC0) != 0x80)
            col++;
    return col;
}

static void skip_blanks(reader *r)
{
    while (r->p < r->le && (*r->p == ' ' || *r->p == '\t'))
        r->p++;
}

/* Moves to the next line that is not blank; false at the end of the text. */
static bool next_line(reader *r)
{
    while (r->pos < r->len) {
        const char *s = r->text + r->pos;
        const char *nl = memchr(s, '\n', r->len - r->pos);
        const char *e = nl ? nl : r->text + r->len;
        r->pos = nl ? (size_t)(nl - r->text) + 1 : r->len;
        r->line++;
        r->ls = s;
        r->le = (e > s && e[-1] == '\r') ? e - 1 : e;
        r->p = s;
        skip_blanks(r);
        if (r->p < r->le)
            return true;
    }
    return false;
}

/* The next token of the line (NULL and 0 at its end). */
static const char *token(reader *r, size_t *n)
{
    skip_blanks(r);
    const char *t = r->p;
    while (r->p < r->le && *r->p != ' ' && *r->p != '\t')
        r->p++;
    *n = (size_t)(r->p - t);
    return *n ? t : NULL;
}

/* What messages quote of a token: at most 40 bytes (error.c mends a cut
 * UTF-8 sequence). */
static int shown(size_t n)
{
    return n > 40 ? 40 : (int)n;
}

/* A whole number of digits only: 0, -1 (not one) or -2 (over 2^63 - 1). */
static int parse_count(const char *t, size_t n, int64_t *out)
{
    int64_t v = 0;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (t[i] < '0' || t[i] > '9')
            return -1;
        int d = t[i] - '0';
        if (v > (INT64_MAX - d) / 10)
            return -2;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static int at(reader *r, int code, const char *t, const char *fmt, ...) PSI_PRINTF(4, 5);
static int at(reader *r, int code, const char *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = psi_verror(r->err, code, r->src, r->line, column_of(r, t), fmt, ap);
    va_end(ap);
    return rc;
}

/* A number token, or an error saying what `what` is and that it was
 * expected here. */
static int number(reader *r, const char *t, size_t n, const char *what, int64_t *out)
{
    int rc = parse_count(t, n, out);
    if (rc == -2)
        return at(r, PS_ERANGE, t, "%s '%.*s' is over 2^63 - 1", what, shown(n), t);
    if (rc < 0)
        return at(r, PS_EPARSE, t, "expected %s (a whole number), got '%.*s'", what, shown(n), t);
    return 0;
}

/* The end of the text where more was due: after the last line read. */
static int ends_early(reader *r, const char *fmt, ...) PSI_PRINTF(2, 3);
static int ends_early(reader *r, const char *fmt, ...)
{
    char msg[PS_ERROR_MESSAGE_MAX / 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->line == 0)
        return psi_error(r->err, PS_EPARSE, r->src, 0, 0, "the file is empty; %s", msg);
    return psi_error(r->err, PS_EPARSE, r->src, r->line, column_of(r, r->le),
                     "the file ends here; %s", msg);
}

/* ---- the parts of the file ----------------------------------------------- */

static int header(reader *r, ps_ballots *b)
{
    size_t n;
    const char *t;
    int64_t cands = 0, seats = 0;
    if (!next_line(r))
        return ends_early(r, "expected the numbers of candidates and seats ('9 4')");
    t = token(r, &n);
    int rc = number(r, t, n, "the number of candidates", &cands);
    if (rc < 0)
        return rc;
    if (cands == 0)
        return at(r, PS_EDATA, t, "0 candidates; expected at least 1");
    if (cands > PS_STV_MAX_CANDIDATES)
        return at(r, PS_ERANGE, t, "%lld candidates; the limit is %d", (long long)cands,
                  PS_STV_MAX_CANDIDATES);
    if (!(t = token(r, &n)))
        return at(r, PS_EPARSE, r->p, "expected the number of seats after the number of "
                                      "candidates ('9 4')");
    if ((rc = number(r, t, n, "the number of seats", &seats)) < 0)
        return rc;
    if (seats == 0)
        return at(r, PS_EDATA, t, "0 seats; expected at least 1");
    if (seats > cands)
        return at(r, PS_EDATA, t, "%lld seats for %lld candidates; expected at most one seat a "
                  "candidate", (long long)seats, (long long)cands);
    if ((t = token(r, &n)))
        return at(r, PS_EPARSE, t, "expected the end of the first line after the numbers of "
                  "candidates and seats, got '%.*s'", shown(n), t);
    b->n_candidates = (size_t)cands;
    b->seats = seats;
    return 0;
}

/* The optional line of withdrawn candidates: "-2 -5". */
static int withdrawn(reader *r, ps_ballots *b)
{
    size_t n;
    const char *t;
    while ((t = token(r, &n))) {
        int64_t k = 0;
        if (t[0] != '-' || parse_count(t + 1, n - 1, &k) == -1)
            return at(r, PS_EPARSE, t, "expected a withdrawn candidate as a negative number "
                      "(-1 to -%zu), got '%.*s'", b->n_candidates, shown(n), t);
        if (parse_count(t + 1, n - 1, &k) == -2 || k == 0 || (uint64_t)k > b->n_candidates)
            return at(r, PS_EDATA, t, "withdrawn candidate %.*s does not exist; expected -1 "
                      "to -%zu", shown(n), t, b->n_candidates);
        if (b->withdrawn[k - 1])
            return at(r, PS_EDATA, t, "candidate %lld is withdrawn twice", (long long)k);
        b->withdrawn[k - 1] = true;
    }
    return 0;
}

static int grow(builder *bd, size_t more_pref)
{
    ps_ballots *b = bd->b;
    if (b->n_lines + 1 >= bd->cap_lines) {
        size_t cap = bd->cap_lines ? 2 * bd->cap_lines : 64;
        int64_t *count = psi_realloc_array(b->count, cap, sizeof *count);
        if (!count)
            return PS_ENOMEM;
        b->count = count;
        size_t *start = psi_realloc_array(b->start, cap + 1, sizeof *start);
        if (!start)
            return PS_ENOMEM;
        b->start = start;
        long *line = psi_realloc_array(b->line, cap, sizeof *line);
        if (!line)
            return PS_ENOMEM;
        b->line = line;
        bd->cap_lines = cap;
    }
    if (bd->n_pref + more_pref > bd->cap_pref) {
        size_t cap = bd->cap_pref ? 2 * bd->cap_pref : 256;
        while (cap < bd->n_pref + more_pref)
            cap *= 2;
        uint32_t *pref = psi_realloc_array(b->pref, cap, sizeof *pref);
        if (!pref)
            return PS_ENOMEM;
        b->pref = pref;
        bd->cap_pref = cap;
    }
    return 0;
}

/* One ballot line, "count c1 c2 ... 0"; the count is read already. */
static int ballot(reader *r, builder *bd, const char *count_tok, int64_t count)
{
    ps_ballots *b = bd->b;
    size_t n;
    const char *t;
    if (count == 0)
        return at(r, PS_EDATA, count_tok, "a ballot count of 0 (a line '0' alone ends the "
                  "ballots); expected a positive whole number");
    if (count > PS_STV_MAX_BALLOTS - b->total)
        return at(r, PS_ERANGE, count_tok, "more than %lld ballots in all; the limit is %lld",
                  (long long)PS_STV_MAX_BALLOTS, (long long)PS_STV_MAX_BALLOTS);
    if (grow(bd, b->n_candidates) < 0)
        return psi_enomem(r->err);
    size_t line_no = b->n_lines;
    b->start[line_no] = bd->n_pref;
    for (;;) {
        if (!(t = token(r, &n)))
            return at(r, PS_EPARSE, r->p, "expected 0 to end the ballot after its preferences");
        int64_t c;
        int rc = parse_count(t, n, &c);
        if (rc == -1)
            return at(r, PS_EPARSE, t, "expected a candidate number (1 to %zu) or 0 to end the "
                      "ballot, got '%.*s'%s", b->n_candidates, shown(n), t,
                      memchr(t, '=', n) ? " (equal rankings are not supported)" : "");
        if (rc == -2 || (uint64_t)c > b->n_candidates)
            return at(r, PS_EDATA, t, "candidate %.*s does not exist; expected 1 to %zu, or 0 "
                      "to end the ballot", shown(n), t, b->n_candidates);
        if (c == 0)
            break;
        if (bd->seen[c - 1] == line_no + 1)
            return at(r, PS_EDATA, t, "candidate %lld is ranked twice on this ballot",
                      (long long)c);
        bd->seen[c - 1] = line_no + 1;
        b->pref[bd->n_pref++] = (uint32_t)(c - 1);
    }
    if ((t = token(r, &n)))
        return at(r, PS_EPARSE, t, "expected the end of the ballot line after its closing 0, "
                  "got '%.*s'", shown(n), t);
    b->count[line_no] = count;
    b->line[line_no] = r->line;
    b->total += count;
    b->n_lines++;
    b->start[b->n_lines] = bd->n_pref;
    return 0;
}

static int ballots(reader *r, builder *bd)
{
    size_t n;
    const char *t;
    bool first = true;
    for (;;) {
        if (!next_line(r))
            return ends_early(r, "expected more ballot lines and the line '0' that ends them");
        t = token(r, &n);
        if (first && t[0] == '-') {
            r->p = t;
            int rc = withdrawn(r, bd->b);
            if (rc < 0)
                return rc;
            first = false;
            continue;
        }
        first = false;
        if (t[0] == '"')
            return at(r, PS_EPARSE, t, "expected a ballot line ('count preferences 0') or the "
                      "line '0' that ends the ballots, got a quoted name");
        int64_t count = 0;
        int rc = number(r, t, n, "a ballot count", &count);
        if (rc < 0)
            return rc;
        const char *after = r->p;
        if (count == 0 && !token(r, &n))
            return 0;
        r->p = after;
        if ((rc = ballot(r, bd, t, count)) < 0)
            return rc;
    }
}

/* A quoted text at the scan position into *out (a copy); `what` names it. */
static int quoted(reader *r, char **out, const char *what)
{
    const char *t = r->p;
    if (t >= r->le || *t != '"') {
        size_t n = 0;
        while (t + n < r->le && t[n] != ' ' && t[n] != '\t')
            n++;
        return at(r, PS_EPARSE, t, "expected %s in double quotes, got '%.*s'", what, shown(n),
                  t);
    }
    const char *close = memchr(t + 1, '"', (size_t)(r->le - t - 1));
    if (!close)
        return at(r, PS_EPARSE, r->le, "expected a closing '\"' after %s", what);
    size_t len = (size_t)(close - t - 1);
    if (len > PS_IO_MAX_TEXT_BYTES)
        return psi_text_too_long(r->err, r->src, r->line, column_of(r, t), NULL, what, len,
                                 PS_IO_MAX_TEXT_BYTES);
    if (!(*out = psi_strndup(t + 1, len)))
        return psi_enomem(r->err);
    r->p = close + 1;
    skip_blanks(r);
    return 0;
}

static int names(reader *r, ps_ballots *b)
{
    char what[64];
    for (size_t i = 0; i < b->n_candidates; i++) {
        snprintf(what, sizeof what, "the name of candidate %zu", i + 1);
        if (!next_line(r))
            return ends_early(r, "expected %s of %zu ('\"Name\"')", what, b->n_candidates);
        const char *t = r->p;
        int rc = quoted(r, &b->candidates[i], what);
        if (rc < 0)
            return rc;
        if (!b->candidates[i][0])
            return at(r, PS_EDATA, t, "%s is empty", what);
        if (r->p < r->le) {
            if (!b->affiliations &&
                !(b->affiliations = psi_calloc(b->n_candidates, sizeof *b->affiliations)))
                return psi_enomem(r->err);
            snprintf(what, sizeof what, "the affiliation of candidate %zu", i + 1);
            if ((rc = quoted(r, &b->affiliations[i], what)) < 0)
                return rc;
            if (r->p < r->le)
                return at(r, PS_EPARSE, r->p, "expected the end of the line after the name "
                          "and affiliation of candidate %zu", i + 1);
        }
    }
    if (!next_line(r))
        return 0;
    int rc = quoted(r, &b->title, "the title");
    if (rc < 0)
        return rc;
    if (r->p < r->le)
        return at(r, PS_EPARSE, r->p, "expected the end of the line after the title");
    if (next_line(r)) {
        size_t n;
        const char *t = token(r, &n);
        return at(r, PS_EPARSE, t, "expected the end of the file after the title, got '%.*s'",
                  shown(n), t);
    }
    return 0;
}

/* ---- the calls ------------------------------------------------------------ */

void ps_ballots_free(ps_ballots *b)
{
    if (!b)
        return;
    for (size_t i = 0; b->candidates && i < b->n_candidates; i++)
        psi_free(b->candidates[i]);
    for (size_t i = 0; b->affiliations && i < b->n_candidates; i++)
        psi_free(b->affiliations[i]);
    psi_free(b->candidates);
    psi_free(b->affiliations);
    psi_free(b->withdrawn);
    psi_free(b->title);
    psi_free(b->count);
    psi_free(b->start);
    psi_free(b->pref);
    psi_free(b->line);
    psi_free(b);
}

int ps_ballots_read(ps_ballots **out, const char *text, size_t len, const char *source_name,
                    ps_error *err)
{
    *out = NULL;
    ps_error_clear(err);
    if (!text && len)
        return psi_error(err, PS_EINVAL, source_name, 0, 0, "no text to read");
    if (!text)
        text = "";
    int rc = psi_text_check(text, len, source_name, err);
    if (rc < 0)
        return rc;
    size_t bom = psi_bom_length(text, len);
    reader r = {.text = text, .len = len, .pos = bom, .src = source_name, .err = err};
    builder bd = {0};
    if (!(bd.b = psi_calloc(1, sizeof *bd.b)))
        return psi_enomem(err);
    ps_ballots *b = bd.b;
    if ((rc = header(&r, b)) < 0)
        goto fail;
    if (!(b->candidates = psi_calloc(b->n_candidates, sizeof *b->candidates)) ||
        !(b->withdrawn = psi_calloc(b->n_candidates, sizeof *b->withdrawn)) ||
        !(bd.seen = psi_calloc(b->n_candidates, sizeof *bd.seen)) ||
        !(b->start = psi_calloc(1, sizeof *b->start))) {
        rc = psi_enomem(err);
        goto fail;
    }
    if ((rc = ballots(&r, &bd)) < 0 || (rc = names(&r, b)) < 0)
        goto fail;
    psi_free(bd.seen);
    *out = b;
    return 0;
fail:
    psi_free(bd.seen);
    ps_ballots_free(b);
    return rc;
}

int ps_ballots_load(ps_ballots **out, const char *path, ps_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    int rc = ps_file_read(&text, &len, path, err);
    if (rc < 0)
        return rc;
    rc = ps_ballots_read(out, text, len, ps_file_display_name(path), err);
    psi_free(text);
    return rc;
}
