/*
 * io_votes.c - vote tables, per-party counts and district seat tables.
 *
 * A votes table may be long (every party in every district of a national
 * election), so parties and districts are looked up in string tables
 * (names.h) instead of by linear search. Rows are read
 * into a list first and the party-by-district matrix is filled once the
 * number of parties and districts is known.
 *
 * Order is meaning here: parties and districts keep the order in which the
 * file first names them (ballot order, official order), never sorted, so
 * that tie rules such as "the party listed first" see the file's order.
 *
 * A votes file may also be a legislature JSON whose parties have votes
 * (docs/formats.md: a votes-only legislature is the input of an
 * apportionment); it is told from CSV by its first character, as a
 * legislature is, and read through the document. Column names of every
 * table here are matched ignoring ASCII case, with "did you mean" for an
 * unknown one.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "csv_reader.h"
#include "names.h"
#include "legislature_impl.h"
#include "util.h"
#include "text.h"
#include "powershare/io.h"

static int no_rows(const char *source, ps_error *err, const char *what)
{
    return psi_error(err, PS_EDATA, source, 0, 0, "no rows after the header; expected %s",
                     what);
}

/* ---- votes ---------------------------------------------------------------- */

typedef struct vrow {
    size_t party, district;
    int64_t votes, wins, candidates; /* candidates -1: empty cell */
    int64_t members;                 /* 0: empty cell */
    long members_column;
    char *alliance;                  /* a copy; NULL: empty */
    long line, column;               /* of the party cell */
    long alliance_column;
} vrow;

void ps_votes_free(ps_votes *v)
{
    if (!v)
        return;
    for (size_t i = 0; v->parties && i < v->n_parties; i++)
        psi_free(v->parties[i]);
    for (size_t i = 0; v->districts && i < v->n_districts; i++)
        psi_free(v->districts[i]);
    psi_free(v->parties);
    psi_free(v->districts);
    psi_free(v->votes);
    psi_free(v->direct_wins);
    psi_free(v->party_lines);
    for (size_t i = 0; v->alliance && i < v->n_parties; i++)
        psi_free(v->alliance[i]);
    psi_free(v->alliance);
    psi_free(v->candidates);
    psi_free(v->members);
    psi_free(v->district_wins);
    psi_free(v);
}

enum { V_PARTY, V_VOTES, V_DISTRICT, V_WINS, V_ALLIANCE, V_CANDIDATES, V_MEMBERS, V_COLUMNS };

/* Reads every row into *rows; parties and districts are named in order. */
static int read_vote_rows(psi_csv *csv, const long *col, psi_names *parties, psi_names *districts,
                          vrow **rows, size_t *n_rows, ps_error *err)
{
    const char *src = psi_csv_source(csv);
    const psi_csv_field *f;
    size_t n, cap = 0;
    int64_t total = 0;
    int rc;
    while ((rc = psi_csv_next(csv, &f, &n, err)) > 0) {
        const psi_csv_field *pf = &f[col[V_PARTY]], *vf = &f[col[V_VOTES]];
        vrow r = {.line = pf->line, .column = pf->column};
        if (pf->len == 0)
            return psi_error(err, PS_EDATA, src, pf->line, pf->column,
                             "empty 'party' cell; every row needs a party");
        if ((rc = psi_csv_count(&r.votes, vf, "votes", src, err)) < 0)
            return rc;
        if (r.votes > INT64_MAX - total)
            return psi_error(err, PS_ERANGE, src, vf->line, vf->column,
                             "the votes add up to more than 2^63-1");
        total += r.votes;
        if (col[V_WINS] >= 0 && f[col[V_WINS]].len &&
            (rc = psi_csv_count(&r.wins, &f[col[V_WINS]], "direct_wins", src, err)) < 0)
            return rc;
        r.candidates = -1;
        if (col[V_CANDIDATES] >= 0 && f[col[V_CANDIDATES]].len &&
            (rc = psi_csv_count(&r.candidates, &f[col[V_CANDIDATES]], "candidates", src,
                                err)) < 0)
            return rc;
        if (col[V_MEMBERS] >= 0 && f[col[V_MEMBERS]].len) {
            const psi_csv_field *mf = &f[col[V_MEMBERS]];
            if ((rc = psi_csv_count(&r.members, mf, "members", src, err)) < 0)
                return rc;
            if (r.members == 0)
                return psi_error(err, PS_EDATA, src, mf->line, mf->column,
                                 "'members' is 0; expected the number of parties on the "
                                 "list, at least 1");
            r.members_column = mf->column;
        }
        if (col[V_ALLIANCE] >= 0 && f[col[V_ALLIANCE]].len) {
            if (!(r.alliance = psi_strdup(f[col[V_ALLIANCE]].text)))
                return psi_enomem(err);
            r.alliance_column = f[col[V_ALLIANCE]].column;
        }
        long p = psi_names_find(parties, NULL, pf->text, 0);
        if (p < 0 && (p = psi_names_add(parties, NULL, pf->text, 0)) < 0) {
            psi_free(r.alliance);
            return psi_enomem(err);
        }
        r.party = (size_t)p;
        if (col[V_DISTRICT] >= 0) {
            const psi_csv_field *df = &f[col[V_DISTRICT]];
            long d = df->len ? psi_names_find(districts, NULL, df->text, 0) : -1;
            if (df->len && d < 0)
                d = psi_names_add(districts, NULL, df->text, 0);
            if (d < 0) {
                psi_free(r.alliance);
                return df->len ? psi_enomem(err)
                               : psi_error(err, PS_EDATA, src, df->line, df->column,
                                           "empty 'district' cell; every row needs a district");
            }
            r.district = (size_t)d;
        }
        if (*n_rows == cap) {
            cap = cap ? cap * 2 : 64;
            vrow *grown = psi_realloc_array(*rows, cap, sizeof *grown);
            if (!grown) {
                psi_free(r.alliance);
                return psi_enomem(err);
            }
            *rows = grown;
        }
        (*rows)[(*n_rows)++] = r;
    }
    return rc;
}

/* The alliance, candidates and members of r's party: one alliance and one
 * count of members per party (its rows must agree), candidates summed over
 * its rows. */
static int party_columns(ps_votes *v, const vrow *r, const char *src, ps_error *err)
{
    size_t p = r->party;
    if (v->members && r->members) {
        if (v->members[p] && v->members[p] != r->members)
            return psi_error(err, PS_EDATA, src, r->line, r->members_column,
                             "party '%s' has %lld members here but %lld on an earlier row; a "
                             "list has one count of members",
                             v->parties[p], (long long)r->members, (long long)v->members[p]);
        v->members[p] = r->members;
    }
    if (v->candidates && r->candidates >= 0) {
        if (v->candidates[p] < 0)
            v->candidates[p] = 0;
        if (r->candidates > INT64_MAX - v->candidates[p])
            return psi_error(err, PS_ERANGE, src, r->line, 0,
                             "the candidates of '%s' add up to more than 2^63-1", v->parties[p]);
        v->candidates[p] += r->candidates;
    }
    if (!v->alliance || !r->alliance)
        return 0;
    if (v->alliance[p] && strcmp(v->alliance[p], r->alliance))
        return psi_error(err, PS_EDATA, src, r->line, r->alliance_column,
                         "party '%s' is in alliance '%s' here but in '%s' on an earlier row; a "
                         "list belongs to one alliance",
                         v->parties[p], r->alliance, v->alliance[p]);
    if (!v->alliance[p] && !(v->alliance[p] = psi_strdup(r->alliance)))
        return psi_enomem(err);
    return 0;
}

/* Fills the matrix; a second row for the same cell is an error. */
static int fill_votes(ps_votes *v, const vrow *rows, size_t n_rows, const char *src,
                      ps_error *err)
{
    size_t nd = v->n_districts ? v->n_districts : 1;
    long *first = psi_calloc(v->n_parties * nd, sizeof *first);
    if (!first)
        return psi_enomem(err);
    int rc = 0;
    for (size_t i = 0; i < n_rows && rc == 0; i++) {
        const vrow *r = &rows[i];
        size_t cell = r->party * nd + r->district;
        if (first[cell]) {
            /* r->party is an index psi_names_add gave into the names that
             * became v->parties, so the array is there (the analyzer cannot
             * follow the index through the hash table)
             * NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
            const char *party = v->parties[r->party];
            if (v->n_districts)
                rc = psi_error(err, PS_EDATA, src, r->line, r->column,
                               "party '%s' listed twice in district '%s' (first at line %ld)",
                               party, v->districts[r->district], first[cell]);
            else
                rc = psi_error(err, PS_EDATA, src, r->line, r->column,
                               "party '%s' listed twice (first at line %ld)", party,
                               first[cell]);
            break;
        }
        first[cell] = r->line;
        v->votes[cell] = r->votes;
        if (v->district_wins)
            v->district_wins[cell] = r->wins;
        if ((rc = party_columns(v, r, src, err)) < 0)
            break;
        if (!v->party_lines[r->party])
            v->party_lines[r->party] = r->line;
        if (v->direct_wins) {
            if (r->wins > INT64_MAX - v->direct_wins[r->party])
                rc = psi_error(err, PS_ERANGE, src, r->line, 0,
                               "the direct wins of '%s' add up to more than 2^63-1",
                               v->parties[r->party]);
            else
                v->direct_wins[r->party] += r->wins;
        }
    }
    psi_free(first);
    return rc;
}

int ps_votes_read_csv(ps_votes **out, const char *text, size_t len, const char *source_name,
                      ps_error *err)
{
    static const char *const allowed[] = {"party",    "votes",      "district", "direct_wins",
                                          "alliance", "candidates", "members",  NULL};
    *out = NULL;
    psi_csv *csv;
    int rc = psi_csv_open(&csv, text, len, source_name, err);
    if (rc < 0)
        return rc;
    long col[V_COLUMNS];
    psi_names parties = {0}, districts = {0};
    vrow *rows = NULL;
    size_t n_rows = 0;
    ps_votes *v = NULL;
    if ((rc = psi_csv_columns(csv, allowed, 2, NULL, col, err)) < 0 ||
        (rc = read_vote_rows(csv, col, &parties, &districts, &rows, &n_rows, err)) < 0)
        goto done;
    if (n_rows == 0) {
        rc = no_rows(source_name, err, "one row per party (and district)");
        goto done;
    }
    if (!(v = psi_calloc(1, sizeof *v))) {
        rc = psi_enomem(err);
        goto done;
    }
    /* The name arrays move into the result. */
    v->n_parties = parties.n;
    v->parties = parties.name;
    v->n_districts = districts.n;
    v->districts = districts.name;
    parties.name = districts.name = NULL;
    size_t nd = v->n_districts ? v->n_districts : 1;
    v->votes = psi_calloc(v->n_parties * nd, sizeof *v->votes);
    v->party_lines = psi_calloc(v->n_parties, sizeof *v->party_lines);
    if (col[V_WINS] >= 0)
        v->direct_wins = psi_calloc(v->n_parties, sizeof *v->direct_wins);
    if (col[V_WINS] >= 0 && v->n_districts)
        v->district_wins = psi_calloc(v->n_parties * nd, sizeof *v->district_wins);
    if (col[V_ALLIANCE] >= 0)
        v->alliance = psi_calloc(v->n_parties, sizeof *v->alliance);
    if (col[V_CANDIDATES] >= 0 &&
        (v->candidates = psi_malloc_array(v->n_parties, sizeof *v->candidates)))
        for (size_t i = 0; i < v->n_parties; i++)
            v->candidates[i] = -1;
    if (col[V_MEMBERS] >= 0)
        v->members = psi_calloc(v->n_parties, sizeof *v->members);
    if (!v->votes || !v->party_lines || (col[V_WINS] >= 0 && !v->direct_wins) ||
        (col[V_WINS] >= 0 && v->n_districts && !v->district_wins) ||
        (col[V_ALLIANCE] >= 0 && !v->alliance) || (col[V_CANDIDATES] >= 0 && !v->candidates) ||
        (col[V_MEMBERS] >= 0 && !v->members))
        rc = psi_enomem(err);
    else
        rc = fill_votes(v, rows, n_rows, source_name, err);
    for (size_t i = 0; rc == 0 && v->members && i < v->n_parties; i++)
        if (v->members[i] == 0)
            v->members[i] = 1; /* empty cells: a single party */
done:
    psi_names_free(&parties);
    psi_names_free(&districts);
    for (size_t i = 0; i < n_rows; i++)
        psi_free(rows[i].alliance);
    psi_free(rows);
    psi_csv_free(csv);
    if (rc < 0)
        ps_votes_free(v);
    else
        *out = v;
    return rc;
}

/* ---- votes JSON: a votes-only legislature --------------------------------- */

int psi_votes_from_document(ps_votes **out, const ps_document *doc, ps_error *err)
{
    *out = NULL;
    const ps_legislature *leg = ps_document_legislature(doc);
    const char *src = ps_document_source(doc);
    const psi_json *items = psi_document_section(doc, "parties");
    if (!ps_document_is_json(doc) || !items || items->n != leg->n_parties)
        return psi_error(err, PS_EINVAL, src, 0, 0, "expected a JSON legislature");
    int64_t total = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        const psi_json *at = items->items[i];
        if (p->votes < 0)
            return psi_error(err, PS_EDATA, src, at->line, at->column,
                             "party '%.80s' has no 'votes'; a votes file gives every party's "
                             "votes",
                             p->id);
        if (p->votes > INT64_MAX - total)
            return psi_error(err, PS_ERANGE, src, at->line, at->column,
                             "the votes add up to more than 2^63-1");
        total += p->votes;
    }
    ps_votes *v = psi_calloc(1, sizeof *v);
    if (!v)
        return psi_enomem(err);
    v->n_parties = leg->n_parties;
    v->parties = psi_calloc(leg->n_parties, sizeof *v->parties);
    v->votes = psi_calloc(leg->n_parties, sizeof *v->votes);
    v->party_lines = psi_calloc(leg->n_parties, sizeof *v->party_lines);
    int failed = !v->parties || !v->votes || !v->party_lines;
    for (size_t i = 0; !failed && i < leg->n_parties; i++) {
        failed = !(v->parties[i] = psi_strdup(leg->parties[i].id));
        v->votes[i] = leg->parties[i].votes;
        v->party_lines[i] = items->items[i]->line;
    }
    if (failed) {
        ps_votes_free(v);
        return psi_enomem(err);
    }
    *out = v;
    return PS_OK;
}

/* Whether the text (after a byte-order mark and blanks) starts as JSON,
 * decided as for a legislature (document.c): by its first character. */
static bool looks_json(const char *text, size_t len)
{
    size_t i = psi_bom_length(text, len);
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    return i < len && (text[i] == '{' || text[i] == '[');
}

int ps_votes_load(ps_votes **out, const char *path, ps_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    int rc = ps_file_read(&text, &len, path, err);
    path = ps_file_display_name(path); /* "-" is "<stdin>" in messages */
    if (rc < 0)
        return rc;
    if (looks_json(text, len)) {
        ps_document *doc = NULL;
        rc = ps_document_read(&doc, text, len, path, err);
        if (rc == PS_OK)
            rc = psi_votes_from_document(out, doc, err);
        ps_document_free(doc);
    } else {
        rc = ps_votes_read_csv(out, text, len, path, err);
    }
    psi_free(text);
    return rc;
}

/* ---- party,<count> -------------------------------------------------------- */

static int read_counts(int64_t *counts, char *const *parties, size_t n_parties, psi_csv *csv,
                       long *line, ps_error *err)
{
    const char *src = psi_csv_source(csv);
    const psi_csv_field *f;
    size_t n;
    int rc = psi_csv_header(csv, &f, &n, err);
    if (rc < 0)
        return rc;
    if (n != 2 || !psi_csv_name_is(f[0].text, "party"))
        return psi_error(err, PS_EDATA, src, f[0].line, f[0].column,
                         "expected a header of two columns, 'party' and a count name (such as "
                         "party,constituencies_won)");
    char what[128];
    snprintf(what, sizeof what, "%s", f[1].text);
    while ((rc = psi_csv_next(csv, &f, &n, err)) > 0) {
        size_t i = 0;
        while (i < n_parties && strcmp(parties[i], f[0].text) != 0)
            i++;
        if (i == n_parties)
            return psi_error(err, PS_EDATA, src, f[0].line, f[0].column,
                             "unknown party '%.80s'; expected one of the %zu parties of the "
                             "votes table", f[0].text, n_parties);
        if (line[i])
            return psi_error(err, PS_EDATA, src, f[0].line, f[0].column,
                             "party '%.80s' listed twice (first at line %ld)", f[0].text,
                             line[i]);
        if ((rc = psi_csv_count(&counts[i], &f[1], what, src, err)) < 0)
            return rc;
        line[i] = f[0].line;
    }
    return rc;
}

int ps_party_counts_load(int64_t *counts, char *const *parties, size_t n_parties,
                         const char *path, ps_error *err)
{
    char *text;
    size_t len;
    int rc = ps_file_read(&text, &len, path, err);
    path = ps_file_display_name(path); /* "-" is "<stdin>" in messages */
    if (rc < 0)
        return rc;
    psi_csv *csv = NULL;
    /* Counts are staged so that a bad row leaves the caller's array alone. */
    int64_t *staged = psi_calloc(n_parties, sizeof *staged);
    long *line = psi_calloc(n_parties, sizeof *line);
    if (!staged || !line)
        rc = psi_enomem(err);
    else if ((rc = psi_csv_open(&csv, text, len, path, err)) == 0)
        rc = read_counts(staged, parties, n_parties, csv, line, err);
    for (size_t i = 0; rc == 0 && i < n_parties; i++)
        if (line[i])
            counts[i] = staged[i];
    psi_csv_free(csv);
    psi_free(staged);
    psi_free(line);
    psi_free(text);
    return rc;
}

/* ---- district,seats ------------------------------------------------------- */

void ps_district_seats_free(ps_district_seats *ds)
{
    if (!ds)
        return;
    for (size_t i = 0; ds->districts && i < ds->n; i++)
        psi_free(ds->districts[i]);
    psi_free(ds->districts);
    psi_free(ds->seats);
    psi_free(ds);
}

int ps_district_seats_read_csv(ps_district_seats **out, const char *text, size_t len,
                               const char *source_name, ps_error *err)
{
    static const char *const allowed[] = {"district", "seats", NULL};
    *out = NULL;
    psi_csv *csv;
    int rc = psi_csv_open(&csv, text, len, source_name, err);
    if (rc < 0)
        return rc;
    psi_names d = {0};
    int64_t *seats = NULL;
    long *lines = NULL;
    size_t cap = 0;
    long col[2];
    const psi_csv_field *f;
    size_t n;
    if ((rc = psi_csv_columns(csv, allowed, 2, NULL, col, err)) < 0)
        goto done;
    while ((rc = psi_csv_next(csv, &f, &n, err)) > 0) {
        const psi_csv_field *df = &f[col[0]];
        if (df->len == 0) {
            rc = psi_error(err, PS_EDATA, source_name, df->line, df->column,
                           "empty 'district' cell; every row needs a district");
            goto done;
        }
        long k = psi_names_find(&d, NULL, df->text, 0);
        if (k >= 0) {
            /* k indexes d, and lines[] grows before each name is added */
            long at = lines[k]; /* NOLINT(clang-analyzer-core.NullDereference): see above */
            rc = psi_error(err, PS_EDATA, source_name, df->line, df->column,
                           "district '%s' listed twice (first at line %ld)", df->text, at);
            goto done;
        }
        if (d.n == cap) {
            cap = cap ? cap * 2 : 16;
            int64_t *s2 = psi_realloc_array(seats, cap, sizeof *s2);
            if (s2)
                seats = s2;
            long *l2 = s2 ? psi_realloc_array(lines, cap, sizeof *l2) : NULL;
            if (!l2) {
                rc = psi_enomem(err);
                goto done;
            }
            lines = l2;
        }
        if ((rc = psi_csv_count(&seats[d.n], &f[col[1]], "seats", source_name, err)) < 0)
            goto done;
        lines[d.n] = df->line;
        if (psi_names_add(&d, NULL, df->text, 0) < 0) {
            rc = psi_enomem(err);
            goto done;
        }
    }
    if (rc == 0 && d.n == 0)
        rc = no_rows(source_name, err, "one row per district");
    if (rc < 0)
        goto done;
    ps_district_seats *ds = psi_calloc(1, sizeof *ds);
    if (!ds) {
        rc = psi_enomem(err);
        goto done;
    }
    ds->n = d.n;
    ds->districts = d.name;
    ds->seats = seats;
    d.name = NULL;
    seats = NULL;
    *out = ds;
done:
    psi_names_free(&d);
    psi_free(seats);
    psi_free(lines);
    psi_csv_free(csv);
    return rc;
}

int ps_district_seats_load(ps_district_seats **out, const char *path, ps_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    int rc = ps_file_read(&text, &len, path, err);
    path = ps_file_display_name(path); /* "-" is "<stdin>" in messages */
    if (rc < 0)
        return rc;
    rc = ps_district_seats_read_csv(out, text, len, path, err);
    psi_free(text);
    return rc;
}
