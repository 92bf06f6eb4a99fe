/*
 * parlgov.c - reading ParlGov's view_cabinet.csv into one case per
 * election: the legislature elected and the first cabinet formed after it.
 *
 * Source: ParlGov, Döring & Manow, "Parliaments and governments database"
 * (parlgov.org); the view's columns are documented there. Only these are
 * read: country_name_short, country_name, election_date, start_date,
 * cabinet_name, caretaker, cabinet_party, seats, election_seats_total,
 * party_name_short, party_name_english, left_right, election_id,
 * cabinet_id, party_id. An empty seats cell counts as 0 (a party that won
 * none), an empty left_right as unknown, an empty election_seats_total as
 * the sum of the seats.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_reader.h"
#include "util.h"
#include "text.h"
#include "parlgov_impl.h"
#include "powershare/io.h"
#include "powershare/parlgov.h"

enum {
    C_COUNTRY, C_COUNTRY_NAME, C_ELECTION_DATE, C_START, C_CABINET_NAME, C_CARETAKER,
    C_IN_CABINET, C_SEATS, C_TOTAL, C_SHORT, C_NAME, C_LR, C_ELECTION, C_CABINET, C_PARTY,
    N_COLS
};
static const char *const col_names[N_COLS] = {
    "country_name_short", "country_name", "election_date", "start_date", "cabinet_name",
    "caretaker", "cabinet_party", "seats", "election_seats_total", "party_name_short",
    "party_name_english", "left_right", "election_id", "cabinet_id", "party_id"};

#define MAX_SEATS 1000000

typedef struct row {
    char *country, *country_name, *election_date, *start, *cabinet_name, *short_name, *name;
    int64_t election, cabinet, party, seats, total;
    bool caretaker, in_cabinet;
    double lr;
    size_t order;
} row;

static void rows_free(row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        psi_free(rows[i].country);
        psi_free(rows[i].country_name);
        psi_free(rows[i].election_date);
        psi_free(rows[i].start);
        psi_free(rows[i].cabinet_name);
        psi_free(rows[i].short_name);
        psi_free(rows[i].name);
    }
    psi_free(rows);
}

static int count_or(int64_t *out, const psi_csv_field *f, int64_t empty, const char *col,
                    const char *src, ps_error *err)
{
    if (f->len == 0) {
        *out = empty;
        return PS_OK;
    }
    return psi_csv_count(out, f, col, src, err);
}

static int read_row(row *r, const psi_csv_field *f, const long *col, const char *src,
                    ps_error *err)
{
    memset(r, 0, sizeof *r);
    int64_t v;
    int rc;
    if ((rc = count_or(&r->election, &f[col[C_ELECTION]], -1, "election_id", src, err)) < 0 ||
        (rc = count_or(&r->cabinet, &f[col[C_CABINET]], -1, "cabinet_id", src, err)) < 0 ||
        (rc = count_or(&r->party, &f[col[C_PARTY]], -1, "party_id", src, err)) < 0 ||
        (rc = count_or(&r->seats, &f[col[C_SEATS]], 0, "seats", src, err)) < 0 ||
        (rc = count_or(&r->total, &f[col[C_TOTAL]], -1, "election_seats_total", src, err)) < 0 ||
        (rc = count_or(&v, &f[col[C_CARETAKER]], 0, "caretaker", src, err)) < 0)
        return rc;
    /* Seats of one chamber: far below this bound, which also keeps the sums
     * of a cabinet's rows from overflowing. */
    const psi_csv_field *too_many = r->seats > MAX_SEATS   ? &f[col[C_SEATS]]
                                    : r->total > MAX_SEATS ? &f[col[C_TOTAL]]
                                                           : NULL;
    if (too_many)
        return psi_error(err, PS_EDATA, src, too_many->line, too_many->column,
                         "'%s' must be at most %d (the seats of one chamber), got %s",
                         too_many == &f[col[C_SEATS]] ? "seats" : "election_seats_total",
                         MAX_SEATS, too_many->text);
    r->caretaker = v != 0;
    if ((rc = count_or(&v, &f[col[C_IN_CABINET]], 0, "cabinet_party", src, err)) < 0)
        return rc;
    r->in_cabinet = v != 0;
    r->lr = NAN;
    if (f[col[C_LR]].len && (rc = psi_csv_number(&r->lr, &f[col[C_LR]], "left_right", src,
                                                 err)) < 0)
        return rc;
    /* the dimension is declared 0..10 (ParlGov's scale); a position outside
     * it would make a legislature that does not read back (a fuzz finding) */
    if (f[col[C_LR]].len && !(r->lr >= 0 && r->lr <= 10))
        return psi_error(err, PS_EDATA, src, f[col[C_LR]].line, f[col[C_LR]].column,
                         "'left_right' must be between 0 and 10 (ParlGov's scale), got %.40s",
                         f[col[C_LR]].text);
    /* it becomes the legislature's "date", which must be ISO 8601 to be
     * written and read back (a fuzz finding: tests/fuzz/crashes/parlgov/) */
    const psi_csv_field *date = &f[col[C_ELECTION_DATE]];
    if (date->len != 10 || !psi_is_iso_date(date->text))
        return psi_error(err, PS_EDATA, src, date->line, date->column,
                         "expected 'election_date' as YYYY-MM-DD, got '%.40s'", date->text);
    r->country = psi_strdup(f[col[C_COUNTRY]].text);
    r->country_name = psi_strdup(f[col[C_COUNTRY_NAME]].text);
    r->election_date = psi_strdup(f[col[C_ELECTION_DATE]].text);
    r->start = psi_strdup(f[col[C_START]].text);
    r->cabinet_name = psi_strdup(f[col[C_CABINET_NAME]].text);
    r->short_name = psi_strdup(f[col[C_SHORT]].text);
    r->name = psi_strdup(f[col[C_NAME]].text);
    if (!r->country || !r->country_name || !r->election_date || !r->start || !r->cabinet_name ||
        !r->short_name || !r->name)
        return PS_ENOMEM;
    return PS_OK;
}

int psi_parlgov_open(char **text, psi_csv **csv, long *col, const char *path,
                     const char *const *names, size_t n_names, ps_error *err)
{
    *text = NULL;
    *csv = NULL;
    size_t len = 0, nf;
    const psi_csv_field *f;
    int rc = ps_file_read(text, &len, path, err);
    if (rc < 0)
        return rc;
    if ((rc = psi_csv_open(csv, *text, len, path, err)) < 0 ||
        (rc = psi_csv_header(*csv, &f, &nf, err)) < 0)
        return rc;
    for (size_t c = 0; c < n_names; c++)
        if ((col[c] = psi_csv_find(f, nf, names[c])) < 0)
            return psi_error(err, PS_EDATA, path, 1, 1,
                             "no column '%s'; is this ParlGov's view_cabinet.csv?", names[c]);
    return PS_OK;
}

int psi_parlgov_grow(void **rows, size_t *cap, size_t n, size_t size, ps_error *err)
{
    if (n < *cap)
        return PS_OK;
    size_t want = *cap ? 2 * *cap : 256;
    void *grown = psi_realloc_array(*rows, want, size);
    if (!grown)
        return psi_enomem(err);
    *rows = grown;
    *cap = want;
    return PS_OK;
}

int psi_parlgov_case_error(ps_error *err, int rc, const ps_parlgov_case *c)
{
    if (rc != PS_ENOMEM && err) {
        char msg[PS_ERROR_MESSAGE_MAX];
        memcpy(msg, err->message, sizeof msg);
        psi_error(err, rc, NULL, 0, 0, "%s, election of %s: %s", c->country, c->election_date,
                  msg);
    }
    return rc;
}

static int read_rows(row **out, size_t *n_out, const char *path, const char *country,
                     ps_error *err)
{
    char *text;
    size_t n = 0, cap = 0;
    row *rows = NULL;
    psi_csv *csv;
    const psi_csv_field *f;
    size_t nf;
    long col[N_COLS] = {0};
    int rc = psi_parlgov_open(&text, &csv, col, path, col_names, N_COLS, err);
    if (rc < 0)
        goto done;
    while ((rc = psi_csv_next(csv, &f, &nf, err)) == 1) {
        if (country && strcasecmp(f[col[C_COUNTRY]].text, country) &&
            strcasecmp(f[col[C_COUNTRY_NAME]].text, country))
            continue;
        void *grown = rows;
        rc = psi_parlgov_grow(&grown, &cap, n, sizeof *rows, err);
        rows = grown;
        if (rc < 0 || !rows) { /* grow never succeeds with NULL; says so to the analyzer */
            rc = rc < 0 ? rc : psi_enomem(err);
            goto done;
        }
        rc = read_row(&rows[n], f, col, path, err);
        rows[n].order = n;
        n++;
        if (rc < 0) {
            if (rc == PS_ENOMEM)
                psi_enomem(err);
            goto done;
        }
    }
done:
    psi_csv_free(csv);
    psi_free(text);
    if (rc < 0) {
        rows_free(rows, n);
        return rc;
    }
    *out = rows;
    *n_out = n;
    return PS_OK;
}

static int cmp_rows(const void *pa, const void *pb)
{
    const row *a = pa, *b = pb;
    if (a->election != b->election)
        return a->election < b->election ? -1 : 1;
    int c = strcmp(a->start, b->start);
    if (c)
        return c;
    if (a->cabinet != b->cabinet)
        return a->cabinet < b->cabinet ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static int cmp_cases(const void *pa, const void *pb)
{
    const ps_parlgov_case *a = pa, *b = pb;
    int c = strcmp(a->country, b->country);
    return c ? c : strcmp(a->election_date, b->election_date);
}

static void case_free(ps_parlgov_case *c)
{
    if (!c)
        return;
    psi_free(c->country);
    psi_free(c->country_name);
    psi_free(c->election_date);
    psi_free(c->cabinet_name);
    psi_free(c->cabinet_start);
    ps_legislature_free(c->leg);
}

void ps_parlgov_free(ps_parlgov *pg)
{
    if (!pg)
        return;
    for (size_t i = 0; i < pg->n; i++)
        case_free(&pg->cases[i]);
    psi_free(pg->cases);
    psi_free(pg);
}

/* ParlGov's placeholders for independents ("none"), others ("etc") and
 * parties with one seat ("one-seat"): not parties, so their seats count as
 * unattributed: in the total and the majority, never in a coalition. */
static bool placeholder(const row *r)
{
    return !strcmp(r->short_name, "none") || !strcmp(r->short_name, "etc") ||
           !strcmp(r->short_name, "one-seat");
}

/* rows[0..n) are one cabinet's rows. */
static int build_case(ps_parlgov_case *c, const row *rows, size_t n, ps_error *err)
{
    memset(c, 0, sizeof *c);
    const row *r0 = &rows[0];
    c->country = psi_strdup(r0->country);
    c->country_name = psi_strdup(r0->country_name);
    c->election_date = psi_strdup(r0->election_date);
    c->cabinet_name = psi_strdup(r0->cabinet_name);
    c->cabinet_start = psi_strdup(r0->start);
    if (!c->country || !c->country_name || !c->election_date || !c->cabinet_name ||
        !c->cabinet_start)
        return psi_enomem(err);
    c->election_id = (long)r0->election;
    c->cabinet_id = (long)r0->cabinet;
    c->caretaker = r0->caretaker;
    int64_t sum = 0, most = 0, total = r0->total, all = 0;
    size_t players = 0;
    for (size_t i = 0; i < n; i++) {
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = rows[j].party == rows[i].party;
        if (dup)
            continue;
        all += rows[i].seats;
        if (placeholder(&rows[i])) {
            c->cabinet_seatless += rows[i].in_cabinet;
        } else if (rows[i].seats > 0) {
            sum += rows[i].seats;
            players++;
            most = rows[i].seats > most ? rows[i].seats : most;
        } else if (rows[i].in_cabinet) {
            c->cabinet_seatless++;
        }
    }
    if (players > PS_COALITION_MAX_PLAYERS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0, "%s %s: %zu parties with seats (at most %d)",
                         c->country, c->election_date, players, PS_COALITION_MAX_PLAYERS);
    if (total < all)
        total = all;
    char name[256];
    snprintf(name, sizeof name, "%s, election of %s (ParlGov)", r0->country_name,
             r0->election_date);
    int rc = ps_legislature_new(&c->leg, name, total);
    if (rc < 0)
        return psi_enomem(err);
    c->leg->unattributed_seats = total - sum;
    if (!(c->leg->date = psi_strdup(r0->election_date)) ||
        !(c->leg->source = psi_strdup("ParlGov, view_cabinet.csv")))
        return psi_enomem(err);
    if ((rc = ps_legislature_add_dimension(c->leg, "left_right", "Left-right (ParlGov)", 0, 10,
                                           err)) < 0)
        return rc;
    c->positions_complete = true;
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = rows[j].party == r->party;
        if (dup || r->seats <= 0 || placeholder(r))
            continue;
        char id[128];
        snprintf(id, sizeof id, "%s", r->short_name[0] ? r->short_name : "party");
        if (!r->short_name[0] || ps_legislature_find_party(c->leg, id) >= 0)
            snprintf(id, sizeof id, "%s-%lld", r->short_name[0] ? r->short_name : "party",
                     (long long)r->party);
        size_t k;
        rc = ps_legislature_add_party(c->leg, id, r->name[0] ? r->name : id, r->seats,
                                      PS_UNKNOWN, NULL, &k, err);
        if (rc < 0)
            return rc;
        c->leg->parties[k].positions[0] = r->lr;
        if (isnan(r->lr))
            c->positions_complete = false;
        if (r->in_cabinet)
            c->cabinet |= PS_MEMBER(k);
    }
    c->single_majority = 2 * most > total;
    if (players == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "%s %s: no party with seats", c->country,
                         c->election_date);
    return ps_legislature_validate(c->leg, err);
}

int ps_parlgov_load(ps_parlgov **out, const char *dir, const char *country, bool skip_caretaker,
                    ps_error *err)
{
    *out = NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/view_cabinet.csv", dir);
    row *rows = NULL;
    size_t n = 0;
    int rc = read_rows(&rows, &n, path, country, err);
    if (rc < 0)
        return rc;
    if (n)
        qsort(rows, n, sizeof *rows, cmp_rows);
    ps_parlgov *pg = psi_calloc(1, sizeof *pg);
    size_t n_elections = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || rows[i].election != rows[i - 1].election)
            n_elections++;
    if (!pg || !(pg->cases = psi_calloc(n_elections ? n_elections : 1, sizeof *pg->cases))) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t i = 0; i < n;) {
        /* rows[i..end) are one election; its cabinets come by start date */
        size_t end = i;
        while (end < n && rows[end].election == rows[i].election)
            end++;
        size_t first = i;
        while (skip_caretaker && first < end && rows[first].caretaker)
            first++;
        if (first < end) {
            size_t j = first;
            while (j < end && rows[j].cabinet == rows[first].cabinet)
                j++;
            rc = build_case(&pg->cases[pg->n], rows + first, j - first, err);
            pg->n++;
            if (rc < 0)
                goto done;
        }
        i = end;
    }
    if (pg->n)
        qsort(pg->cases, pg->n, sizeof *pg->cases, cmp_cases);
done:
    rows_free(rows, n);
    if (rc < 0) {
        ps_parlgov_free(pg);
        return rc;
    }
    *out = pg;
    return PS_OK;
}

const ps_parlgov_case *ps_parlgov_find(const ps_parlgov *pg, const char *country,
                                       const char *date)
{
    for (size_t i = 0; pg && i < pg->n; i++) {
        const ps_parlgov_case *c = &pg->cases[i];
        if ((!country || !strcasecmp(c->country, country) ||
             !strcasecmp(c->country_name, country)) &&
            date && !strcmp(c->election_date, date))
            return c;
    }
    return NULL;
}
