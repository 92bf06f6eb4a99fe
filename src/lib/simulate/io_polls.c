/*
 * io_polls.c - the polls CSV of the simulate stage, and poll pooling.
 *
 * One row per party and poll: pollster,date,party,share,respondents and an
 * optional community. A poll is the set of rows with the same pollster and
 * date. A share written with a trailing % ("29%") is percent; otherwise
 * shares are percent or fractions, decided per poll by their sum
 * (about 100 or about 1; the two are far apart, so a poll cannot be
 * ambiguous): published polls round each share, so a sum a little off is
 * normal and is normalised (silently within PS_POLL_SILENT, with a warning
 * within PS_POLL_WARN); further off, a share is probably mistyped and the
 * poll is refused.
 *
 * Pooling follows the spirit of coalitions::pool_surveys (Bender & Bauer
 * 2018): the latest poll of each pollster, weighted by respondents, with an
 * effective sample size equal to their sum. This treats the polls as
 * independent samples of the same population; house effects are not
 * modelled (docs/simulate.md).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csv_reader.h"
#include "util.h"
#include "text.h"
#include "powershare/io.h"
#include "powershare/simulate.h"

enum { C_POLLSTER, C_DATE, C_PARTY, C_SHARE, C_RESPONDENTS, C_COMMUNITY, C_COUNT };

static const char *const column_names[] = {"pollster", "date", "party", "share", "respondents",
                                           "community", NULL};

typedef struct row {
    size_t poll, party;
    double share;
    long line, column; /* of the share cell */
} row;

void ps_polls_free(ps_polls *p)
{
    if (!p)
        return;
    psi_free(p->source);
    for (size_t i = 0; p->parties && i < p->n_parties; i++)
        psi_free(p->parties[i]);
    for (size_t i = 0; p->communities && i < p->n_parties; i++)
        psi_free(p->communities[i]);
    for (size_t i = 0; p->polls && i < p->n_polls; i++) {
        psi_free(p->polls[i].pollster);
        psi_free(p->polls[i].date);
        psi_free(p->polls[i].shares);
    }
    for (size_t i = 0; p->warnings && i < p->n_warnings; i++)
        psi_free(p->warnings[i]);
    psi_free(p->parties);
    psi_free(p->party_line);
    psi_free(p->party_column);
    psi_free(p->communities);
    psi_free(p->polls);
    psi_free(p->warnings);
    psi_free(p);
}

long ps_polls_find(const ps_polls *p, const char *party)
{
    for (size_t i = 0; p && party && i < p->n_parties; i++)
        if (!strcmp(p->parties[i], party))
            return (long)i;
    return -1;
}

static int header(psi_csv *csv, long *col, ps_error *err)
{
    return psi_csv_columns(csv, column_names, C_COMMUNITY,
                           "pollster, date, party, share, respondents (and optionally community)",
                           col, err);
}

/* Appends s to a growing string array; returns its index or PS_ENOMEM. */
static long push_name(char ***arr, size_t *n, size_t *cap, const char *s)
{
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 8;
        char **a = psi_realloc_array(*arr, nc, sizeof *a);
        if (!a)
            return PS_ENOMEM;
        *arr = a;
        *cap = nc;
    }
    char *copy = psi_strdup(s);
    if (!copy)
        return PS_ENOMEM;
    (*arr)[*n] = copy;
    return (long)(*n)++;
}

typedef struct reader {
    ps_polls *p;
    size_t party_cap, poll_cap, warn_cap;
    row *rows;
    size_t n_rows, row_cap;
    const char *src;
} reader;

static int add_party(reader *r, const psi_csv_field *f, const psi_csv_field *comm, size_t *out,
                     ps_error *err)
{
    ps_polls *p = r->p;
    long i = ps_polls_find(p, f->text);
    if (i < 0) {
        size_t cap = r->party_cap;
        i = push_name(&p->parties, &p->n_parties, &r->party_cap, f->text);
        if (i < 0)
            return psi_enomem(err);
        if (r->party_cap != cap || !p->party_line) {
            long *pl = psi_realloc_array(p->party_line, r->party_cap, sizeof *pl);
            if (pl)
                p->party_line = pl;
            long *pc = pl ? psi_realloc_array(p->party_column, r->party_cap, sizeof *pc) : NULL;
            if (pc)
                p->party_column = pc;
            if (!pl || !pc) {
                psi_free(p->parties[--p->n_parties]);
                return psi_enomem(err);
            }
        }
        p->party_line[i] = f->line;
        p->party_column[i] = f->column;
        if (comm) {
            if (r->party_cap != cap || !p->communities) {
                char **c = psi_realloc_array(p->communities, r->party_cap, sizeof *c);
                if (!c) {
                    psi_free(p->parties[--p->n_parties]);
                    return psi_enomem(err);
                }
                p->communities = c;
            }
            p->communities[i] = NULL;
            if (comm->len && !(p->communities[i] = psi_strdup(comm->text))) {
                psi_free(p->parties[--p->n_parties]);
                return psi_enomem(err);
            }
        }
    } else if (comm) {
        const char *had = p->communities[i] ? p->communities[i] : "";
        if (strcmp(had, comm->text) != 0)
            return psi_error(err, PS_EDATA, r->src, comm->line, comm->column,
                             "party '%s' is in community '%s' here but '%s' on an earlier row",
                             f->text, comm->text, had);
    }
    *out = (size_t)i;
    return 0;
}

static int add_poll(reader *r, const psi_csv_field *pollster, const psi_csv_field *date,
                    int64_t respondents, const psi_csv_field *resp_f, size_t *out, ps_error *err)
{
    ps_polls *p = r->p;
    for (size_t i = 0; i < p->n_polls; i++) {
        if (strcmp(p->polls[i].pollster, pollster->text) || strcmp(p->polls[i].date, date->text))
            continue;
        if (p->polls[i].respondents != respondents)
            return psi_error(err, PS_EDATA, r->src, resp_f->line, resp_f->column,
                             "the poll of %s on %s has %lld respondents on line %ld but %lld "
                             "here; every row of one poll must give the same number",
                             pollster->text, date->text, (long long)p->polls[i].respondents,
                             p->polls[i].line, (long long)respondents);
        *out = i;
        return 0;
    }
    if (p->n_polls == r->poll_cap) {
        size_t nc = r->poll_cap ? 2 * r->poll_cap : 4;
        ps_poll *a = psi_realloc_array(p->polls, nc, sizeof *a);
        if (!a)
            return psi_enomem(err);
        p->polls = a;
        r->poll_cap = nc;
    }
    ps_poll *q = &p->polls[p->n_polls];
    memset(q, 0, sizeof *q);
    q->pollster = psi_strdup(pollster->text);
    q->date = psi_strdup(date->text);
    if (!q->pollster || !q->date) {
        psi_free(q->pollster);
        psi_free(q->date);
        return psi_enomem(err);
    }
    q->respondents = respondents;
    q->line = pollster->line;
    *out = p->n_polls++;
    return 0;
}

static int read_row(reader *r, const psi_csv_field *f, const long *col, ps_error *err)
{
    const psi_csv_field *pollster = &f[col[C_POLLSTER]], *date = &f[col[C_DATE]],
                        *party = &f[col[C_PARTY]], *share = &f[col[C_SHARE]],
                        *resp = &f[col[C_RESPONDENTS]];
    const psi_csv_field *comm = col[C_COMMUNITY] >= 0 ? &f[col[C_COMMUNITY]] : NULL;
    int rc;
    if (!pollster->len)
        return psi_error(err, PS_EDATA, r->src, pollster->line, pollster->column,
                         "empty 'pollster'; expected the name of the polling firm");
    if (!date->len)
        return psi_error(err, PS_EDATA, r->src, date->line, date->column,
                         "the poll has no date; expected 'date' as YYYY-MM-DD");
    if (date->len != 10 || !psi_is_iso_date(date->text))
        return psi_error(err, PS_EDATA, r->src, date->line, date->column,
                         "expected 'date' as YYYY-MM-DD, got '%s'", date->text);
    if (!party->len)
        return psi_error(err, PS_EDATA, r->src, party->line, party->column,
                         "empty 'party'; expected a party name");
    /* "29%" is 29 percent, read as the fraction 0.29: a poll written with
     * % signs then sums to about 1 and is normalised like any other. */
    psi_csv_field num = *share;
    bool percent = share->len > 1 && share->text[share->len - 1] == '%';
    if (percent)
        num.len--;
    double s = 0.0;
    if ((rc = psi_csv_number(&s, &num, "share", r->src, err)) < 0 && !psi_csv_decimal(&num))
        return rc;
    if (share->text[0] == '-' && (rc < 0 || s < 0.0))
        return psi_error(err, PS_EDATA, r->src, share->line, share->column,
                         "'share' must not be negative, got %.40s%s", share->text,
                         share->len > 40 ? "..." : "");
    /* A well-formed number that strtod cannot hold (1e400, a 100 MB run of
     * digits) is out of range, not "not a number"; and no share, percent or
     * fraction, exceeds 100: saying so at the cell beats a poll whose sum is
     * off. */
    if (rc < 0 || !(s <= 100.0))
        return psi_error(err, PS_EDATA, r->src, share->line, share->column,
                         "'share' must be a percentage (0 to 100) or a fraction (0 to 1), "
                         "got %.40s%s", share->text, share->len > 40 ? "..." : "");
    if (percent)
        s /= 100.0;
    int64_t n;
    if ((rc = psi_csv_count(&n, resp, "respondents", r->src, err)) < 0)
        return rc;
    if (n == 0)
        return psi_error(err, PS_EDATA, r->src, resp->line, resp->column,
                         "'respondents' must be at least 1, got 0");
    size_t pi = 0, qi = 0;
    if ((rc = add_party(r, party, comm, &pi, err)) < 0)
        return rc;
    if ((rc = add_poll(r, pollster, date, n, resp, &qi, err)) < 0)
        return rc;
    for (size_t k = 0; k < r->n_rows; k++)
        if (r->rows[k].poll == qi && r->rows[k].party == pi)
            return psi_error(err, PS_EDATA, r->src, party->line, party->column,
                             "party '%s' appears twice in the poll of %s on %s (first on line %ld)",
                             party->text, pollster->text, date->text, r->rows[k].line);
    if (r->n_rows == r->row_cap) {
        size_t nc = r->row_cap ? 2 * r->row_cap : 16;
        row *a = psi_realloc_array(r->rows, nc, sizeof *a);
        if (!a)
            return psi_enomem(err);
        r->rows = a;
        r->row_cap = nc;
    }
    r->rows[r->n_rows++] = (row){qi, pi, s, share->line, share->column};
    return 0;
}

static int warn(reader *r, const char *msg)
{
    return push_name(&r->p->warnings, &r->p->n_warnings, &r->warn_cap, msg) < 0 ? PS_ENOMEM : 0;
}

/* Fills each poll's shares and normalises them (see the file comment). */
static int finish(reader *r, ps_error *err)
{
    ps_polls *p = r->p;
    for (size_t i = 0; i < p->n_polls; i++) {
        p->polls[i].shares = psi_calloc(p->n_parties, sizeof(double));
        if (!p->polls[i].shares)
            return psi_enomem(err);
    }
    for (size_t k = 0; k < r->n_rows; k++)
        p->polls[r->rows[k].poll].shares[r->rows[k].party] = r->rows[k].share;
    for (size_t i = 0; i < p->n_polls; i++) {
        ps_poll *q = &p->polls[i];
        double sum = 0.0;
        for (size_t j = 0; j < p->n_parties; j++)
            sum += q->shares[j];
        double dev100 = fabs(sum - 100.0) / 100.0, dev1 = fabs(sum - 1.0);
        double dev = dev100 < dev1 ? dev100 : dev1;
        double unit = dev100 < dev1 ? 100.0 : 1.0;
        if (!(dev <= PS_POLL_WARN))
            return psi_error(err, PS_EDATA, r->src, q->line, 0,
                             "the shares of the poll of %s on %s add up to %g; expected about "
                             "100 (percent) or 1 (fractions), within %g%%",
                             q->pollster, q->date, sum, 100.0 * PS_POLL_WARN);
        if (dev > PS_POLL_SILENT) {
            char msg[768];
            snprintf(msg, sizeof msg,
                     "%s:%ld: the shares of the poll of %s on %s add up to %g, not %g; normalised",
                     r->src, q->line, q->pollster, q->date, sum, unit);
            if (warn(r, msg) < 0)
                return psi_enomem(err);
        }
        for (size_t j = 0; j < p->n_parties; j++)
            q->shares[j] /= sum;
    }
    return 0;
}

int ps_polls_parse(ps_polls **out, const char *text, size_t len, const char *source,
                   ps_error *err)
{
    if (!out)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no place for the result (out is NULL)");
    *out = NULL;
    const char *src = source ? source : "polls";
    psi_csv *csv = NULL;
    reader r;
    memset(&r, 0, sizeof r);
    r.src = src;
    long col[C_COUNT];
    int rc = psi_csv_open(&csv, text, len, src, err);
    if (rc < 0)
        return rc;
    if (!(r.p = psi_calloc(1, sizeof *r.p)) || !(r.p->source = psi_strdup(src))) {
        rc = psi_enomem(err);
        goto done;
    }
    if ((rc = header(csv, col, err)) < 0)
        goto done;
    const psi_csv_field *f;
    size_t nf;
    while ((rc = psi_csv_next(csv, &f, &nf, err)) == 1)
        if ((rc = read_row(&r, f, col, err)) < 0)
            goto done;
    if (rc < 0)
        goto done;
    if (r.n_rows == 0) {
        rc = psi_error(err, PS_EDATA, src, 0, 0,
                       "no rows after the header; expected one row per party and poll");
        goto done;
    }
    rc = finish(&r, err);
done:
    psi_csv_free(csv);
    psi_free(r.rows);
    if (rc < 0) {
        ps_polls_free(r.p);
        return rc;
    }
    *out = r.p;
    return 0;
}

int ps_polls_load(ps_polls **out, const char *path, ps_error *err)
{
    char *text;
    size_t len;
    if (out)
        *out = NULL;
    int rc = ps_file_read(&text, &len, path, err);
    path = ps_file_display_name(path); /* "-" is "<stdin>" in messages */
    if (rc < 0)
        return rc;
    rc = ps_polls_parse(out, text, len, path, err);
    psi_free(text);
    return rc;
}

int ps_polls_pool(double *out_shares, int64_t *out_n, size_t *out_used, const ps_polls *p,
                  int64_t max_n, ps_error *err)
{
    if (!p || p->n_polls == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "no polls to pool");
    size_t used = 0;
    int64_t total = 0;
    for (size_t j = 0; j < p->n_parties; j++)
        out_shares[j] = 0.0;
    for (size_t i = 0; i < p->n_polls; i++) {
        const ps_poll *q = &p->polls[i];
        bool latest = true;
        for (size_t k = 0; k < p->n_polls && latest; k++) {
            if (k == i || strcmp(p->polls[k].pollster, q->pollster))
                continue;
            int c = strcmp(p->polls[k].date, q->date); /* ISO dates sort as text */
            if (c > 0 || (c == 0 && k > i))
                latest = false;
        }
        if (!latest)
            continue;
        used++;
        if (q->respondents > INT64_MAX - total)
            return psi_error(err, PS_ERANGE, p->source, q->line, 0,
                             "the respondents of the pooled polls add up beyond 2^63 - 1");
        total += q->respondents;
        for (size_t j = 0; j < p->n_parties; j++)
            out_shares[j] += (double)q->respondents * q->shares[j];
    }
    for (size_t j = 0; j < p->n_parties; j++)
        out_shares[j] /= (double)total;
    if (max_n > 0 && total > max_n)
        total = max_n;
    *out_n = total;
    if (out_used)
        *out_used = used;
    return 0;
}
