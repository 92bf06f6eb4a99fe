/*
 * plurality_read.c - the candidate votes table of multi-member plurality
 * (powershare/plurality.h): district, candidate, party, votes and the
 * district magnitudes, from the table's own seats column, a district,seats
 * file or one number.
 *
 * Districts and parties are looked up in a string table (names.h), so
 * that a national table of thousands of candidates (Iraq 2021: over 3,000
 * in 83 districts) reads in linear time; a
 * candidate named twice in one district is found the same way, keyed by
 * the district's index and the name. Order is meaning: everything keeps the
 * order in which the file first names it.
 */
#include <stdio.h>
#include <string.h>

#include "csv_reader.h"
#include "names.h"
#include "util.h"
#include "powershare/io.h"
#include "powershare/plurality.h"

/* ---- the candidate table -------------------------------------------------- */

void ps_candidate_votes_free(ps_candidate_votes *cv)
{
    if (!cv)
        return;
    for (size_t i = 0; cv->candidates && i < cv->n_candidates; i++)
        psi_free(cv->candidates[i]);
    for (size_t i = 0; cv->parties && i < cv->n_parties; i++)
        psi_free(cv->parties[i]);
    for (size_t i = 0; cv->districts && i < cv->n_districts; i++)
        psi_free(cv->districts[i]);
    psi_free(cv->candidates);
    psi_free(cv->parties);
    psi_free(cv->districts);
    psi_free(cv->party);
    psi_free(cv->district);
    psi_free(cv->votes);
    psi_free(cv->line);
    psi_free(cv->seats);
    psi_free(cv->n_standing);
    psi_free(cv);
}

enum { C_CANDIDATE, C_PARTY, C_VOTES, C_DISTRICT, C_SEATS, C_COLUMNS };
static const char *const column_names[] = {"candidate", "party", "votes", "district", "seats",
                                           NULL};

/* Checks the header and finds each column (first three required). */
static int read_header(psi_csv *csv, long *col, ps_error *err)
{
    return psi_csv_columns(csv, column_names, C_DISTRICT,
                           "candidate, party and votes (and optionally district and seats)",
                           col, err);
}

/* Grows the per-candidate arrays to hold index i. */
static int grow_candidates(ps_candidate_votes *cv, size_t *cap, size_t i)
{
    if (i < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    size_t *party = psi_realloc_array(cv->party, c, sizeof *party);
    if (party)
        cv->party = party;
    size_t *district = party ? psi_realloc_array(cv->district, c, sizeof *district) : NULL;
    if (district)
        cv->district = district;
    int64_t *votes = district ? psi_realloc_array(cv->votes, c, sizeof *votes) : NULL;
    if (votes)
        cv->votes = votes;
    long *line = votes ? psi_realloc_array(cv->line, c, sizeof *line) : NULL;
    if (!line)
        return PS_ENOMEM;
    cv->line = line;
    *cap = c;
    return 0;
}

/* A district's seats from its row: 0 is refused; a second row must agree.
 * seats_line/column remember where each district's magnitude was given. */
static int take_seats(ps_candidate_votes *cv, size_t d, const psi_csv_field *f, long *at_line,
                      long *at_column, const char *src, ps_error *err)
{
    int64_t s;
    if (!at_line || !at_column) /* not reached: allocated with the district (row_district) */
        return psi_enomem(err);
    int rc = psi_csv_count(&s, f, "seats", src, err);
    if (rc < 0)
        return rc;
    if (s == 0)
        return psi_error(err, PS_EDATA, src, f->line, f->column,
                         "'seats' is 0; a district elects at least 1");
    if (cv->seats[d] >= 0 && cv->seats[d] != s)
        return psi_error(err, PS_EDATA, src, f->line, f->column,
                         "district '%s' has %lld seats here but %lld at line %ld; a district "
                         "has one magnitude",
                         cv->districts[d], (long long)s, (long long)cv->seats[d], at_line[d]);
    if (cv->seats[d] < 0) {
        cv->seats[d] = s;
        at_line[d] = f->line;
        at_column[d] = f->column;
    }
    return 0;
}

/* The district of a row (its cell, or the one district ""), added when new. */
static long row_district(ps_candidate_votes *cv, psi_names *districts, const long *col,
                         const psi_csv_field *f, size_t *dcap, long **at_line,
                         long **at_column, const char *src, ps_error *err)
{
    const char *name = "";
    if (col[C_DISTRICT] >= 0) {
        const psi_csv_field *df = &f[col[C_DISTRICT]];
        if (df->len == 0)
            return psi_error(err, PS_EDATA, src, df->line, df->column,
                             "empty 'district' cell; every row needs a district");
        name = df->text;
    }
    long d = psi_names_find(districts, NULL, name, 0);
    if (d >= 0)
        return d;
    if (districts->n == *dcap) {
        size_t c = *dcap ? *dcap * 2 : 16;
        int64_t *seats = psi_realloc_array(cv->seats, c, sizeof *seats);
        if (seats)
            cv->seats = seats;
        size_t *standing = seats ? psi_realloc_array(cv->n_standing, c, sizeof *standing) : NULL;
        if (standing)
            cv->n_standing = standing;
        long *l = standing ? psi_realloc_array(*at_line, c, sizeof *l) : NULL;
        if (l)
            *at_line = l;
        long *k = l ? psi_realloc_array(*at_column, c, sizeof *k) : NULL;
        if (!k)
            return psi_enomem(err);
        *at_column = k;
        *dcap = c;
    }
    size_t i = districts->n;
    if (psi_names_add(districts, NULL, name, 0) < 0)
        return psi_enomem(err);
    cv->districts = districts->name;
    cv->n_districts = districts->n;
    cv->seats[i] = -1;
    cv->n_standing[i] = 0;
    (*at_line)[i] = 0;
    (*at_column)[i] = 0;
    return (long)i;
}

static int read_rows(psi_csv *csv, const long *col, ps_candidate_votes *cv, psi_names *cands,
                     psi_names *parties, psi_names *districts, long **at_line,
                     long **at_column, ps_error *err)
{
    const char *src = psi_csv_source(csv);
    const psi_csv_field *f;
    size_t n, cap = 0, dcap = 0;
    int64_t total = 0;
    int rc;
    while ((rc = psi_csv_next(csv, &f, &n, err)) > 0) {
        const psi_csv_field *cf = &f[col[C_CANDIDATE]], *pf = &f[col[C_PARTY]],
                            *vf = &f[col[C_VOTES]];
        if (cf->len == 0)
            return psi_error(err, PS_EDATA, src, cf->line, cf->column,
                             "empty 'candidate' cell; every row names a candidate");
        if (pf->len == 0)
            return psi_error(err, PS_EDATA, src, pf->line, pf->column,
                             "empty 'party' cell; write the party, or 'Independent'");
        int64_t votes;
        if ((rc = psi_csv_count(&votes, vf, "votes", src, err)) < 0)
            return rc;
        if (votes > INT64_MAX - total)
            return psi_error(err, PS_ERANGE, src, vf->line, vf->column,
                             "the votes add up to more than 2^63-1");
        total += votes;
        long d = row_district(cv, districts, col, f, &dcap, at_line, at_column, src, err);
        if (d < 0)
            return (int)d;
        if (col[C_SEATS] >= 0 && f[col[C_SEATS]].len &&
            (rc = take_seats(cv, (size_t)d, &f[col[C_SEATS]], *at_line, *at_column, src, err)) < 0)
            return rc;
        size_t i = cands->n;
        if (grow_candidates(cv, &cap, i) < 0)
            return psi_enomem(err);
        long twice = psi_names_find(cands, cv->district, cf->text, (size_t)d);
        if (twice >= 0) {
            if (col[C_DISTRICT] >= 0)
                return psi_error(err, PS_EDATA, src, cf->line, cf->column,
                                 "candidate '%s' listed twice in district '%s' (first at line "
                                 "%ld)",
                                 cf->text, cv->districts[d], cv->line[twice]);
            return psi_error(err, PS_EDATA, src, cf->line, cf->column,
                             "candidate '%s' listed twice (first at line %ld)", cf->text,
                             cv->line[twice]);
        }
        long p = psi_names_find(parties, NULL, pf->text, 0);
        if (p < 0 && (p = psi_names_add(parties, NULL, pf->text, 0)) < 0)
            return psi_enomem(err);
        cv->district[i] = (size_t)d;
        if (psi_names_add(cands, cv->district, cf->text, (size_t)d) < 0)
            return psi_enomem(err);
        cv->party[i] = (size_t)p;
        cv->votes[i] = votes;
        cv->line[i] = cf->line;
        cv->n_standing[d]++;
        cv->n_candidates = cands->n;
    }
    return rc;
}

/* Seats above the candidates standing, found once the table is whole. */
static int check_magnitudes(const ps_candidate_votes *cv, const long *at_line,
                            const long *at_column, const char *src, ps_error *err)
{
    for (size_t d = 0; d < cv->n_districts; d++)
        if (cv->seats[d] > (int64_t)cv->n_standing[d])
            return psi_error(err, PS_EDATA, src, at_line[d], at_column[d],
                             "%s%s%s has %lld seats but %zu candidate%s; a district cannot "
                             "elect more candidates than stand",
                             cv->has_district_column ? "district '" : "the table",
                             cv->has_district_column ? cv->districts[d] : "",
                             cv->has_district_column ? "'" : "", (long long)cv->seats[d],
                             cv->n_standing[d], cv->n_standing[d] == 1 ? "" : "s");
    return 0;
}

int ps_candidate_votes_read_csv(ps_candidate_votes **out, const char *text, size_t len,
                                const char *source_name, ps_error *err)
{
    *out = NULL;
    if (!text && len)
        return psi_error(err, PS_EINVAL, source_name, 0, 0, "no text");
    psi_csv *csv;
    int rc = psi_csv_open(&csv, text ? text : "", len, source_name, err);
    if (rc < 0)
        return rc;
    long col[C_COLUMNS];
    psi_names cands = {0}, parties = {0}, districts = {0};
    long *at_line = NULL, *at_column = NULL;
    ps_candidate_votes *cv = psi_calloc(1, sizeof *cv);
    if (!cv) {
        rc = psi_enomem(err);
        goto done;
    }
    if ((rc = read_header(csv, col, err)) < 0)
        goto done;
    cv->has_district_column = col[C_DISTRICT] >= 0;
    rc = read_rows(csv, col, cv, &cands, &parties, &districts, &at_line, &at_column, err);
    /* the names move into the table, whatever happened */
    cv->candidates = cands.name;
    cv->parties = parties.name;
    cv->n_parties = parties.n;
    cv->districts = districts.name;
    cv->n_districts = districts.n;
    cands.name = parties.name = districts.name = NULL;
    if (rc == 0 && cv->n_candidates == 0)
        rc = psi_error(err, PS_EDATA, source_name, 0, 0,
                       "no rows after the header; expected one row per candidate");
    if (rc == 0)
        rc = check_magnitudes(cv, at_line, at_column, source_name, err);
done:
    psi_names_free(&cands);
    psi_names_free(&parties);
    psi_names_free(&districts);
    psi_free(at_line);
    psi_free(at_column);
    psi_csv_free(csv);
    if (rc < 0)
        ps_candidate_votes_free(cv);
    else
        *out = cv;
    return rc;
}

int ps_candidate_votes_load(ps_candidate_votes **out, const char *path, ps_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    int rc = ps_file_read(&text, &len, path, err);
    if (rc < 0)
        return rc;
    rc = ps_candidate_votes_read_csv(out, text, len, ps_file_display_name(path), err);
    psi_free(text);
    return rc;
}

/* ---- magnitudes given apart ---------------------------------------------- */

int ps_candidate_votes_set_seats(ps_candidate_votes *cv, int64_t seats, ps_error *err)
{
    if (cv->has_district_column || cv->n_districts != 1 || cv->seats[0] >= 0 || seats < 1)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "one magnitude applies to a table of one district without its own "
                         "seats, and is at least 1");
    if (seats > (int64_t)cv->n_standing[0])
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "%lld seats but %zu candidate%s; a district cannot elect more "
                         "candidates than stand",
                         (long long)seats, cv->n_standing[0], cv->n_standing[0] == 1 ? "" : "s");
    cv->seats[0] = seats;
    return 0;
}

static int read_seats_file(int64_t *staged, long *seen, const ps_candidate_votes *cv,
                           psi_csv *csv, ps_error *err)
{
    static const char *const names[] = {"district", "seats", NULL};
    const char *src = psi_csv_source(csv);
    const psi_csv_field *f;
    size_t n;
    int rc = psi_csv_header(csv, &f, &n, err);
    if (rc < 0)
        return rc;
    long dc = psi_csv_find(f, n, "district"), sc = psi_csv_find(f, n, "seats");
    if (n != 2 || dc < 0 || sc < 0) {
        const char *near = n && dc < 0 ? psi_csv_suggest(f[0].text, names) : NULL;
        return psi_error(err, PS_EDATA, src, f[0].line, f[0].column,
                         "expected the header district,seats%s%s%s", near ? " (did you mean '" : "",
                         near ? near : "", near ? "'?)" : "");
    }
    while ((rc = psi_csv_next(csv, &f, &n, err)) > 0) {
        const psi_csv_field *df = &f[dc], *sf = &f[sc];
        size_t d = 0;
        while (d < cv->n_districts && strcmp(cv->districts[d], df->text) != 0)
            d++;
        if (d == cv->n_districts)
            return psi_error(err, PS_EDATA, src, df->line, df->column,
                             "unknown district '%.80s'; expected one of the %zu districts of "
                             "the candidate votes",
                             df->text, cv->n_districts);
        if (seen[d])
            return psi_error(err, PS_EDATA, src, df->line, df->column,
                             "district '%s' listed twice (first at line %ld)", df->text,
                             seen[d]);
        if ((rc = psi_csv_count(&staged[d], sf, "seats", src, err)) < 0)
            return rc;
        if (staged[d] == 0)
            return psi_error(err, PS_EDATA, src, sf->line, sf->column,
                             "'seats' is 0; a district elects at least 1");
        if (staged[d] > (int64_t)cv->n_standing[d])
            return psi_error(err, PS_EDATA, src, sf->line, sf->column,
                             "district '%s' has %lld seats but %zu candidate%s; a district "
                             "cannot elect more candidates than stand",
                             df->text, (long long)staged[d], cv->n_standing[d],
                             cv->n_standing[d] == 1 ? "" : "s");
        seen[d] = df->line;
    }
    if (rc < 0)
        return rc;
    for (size_t d = 0; d < cv->n_districts; d++)
        if (!seen[d])
            return psi_error(err, PS_EDATA, src, 0, 0,
                             "district '%s' has no row; every district of the candidate votes "
                             "needs its seats",
                             cv->districts[d]);
    return 0;
}

int ps_candidate_votes_load_seats(ps_candidate_votes *cv, const char *path, ps_error *err)
{
    for (size_t d = 0; d < cv->n_districts; d++)
        if (cv->seats[d] >= 0 || !cv->has_district_column)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             cv->has_district_column
                                 ? "the candidate votes give their seats already (a seats "
                                   "column); leave out the district seats file"
                                 : "the candidate votes have no district column; give the "
                                   "seats of their one district as a number");
    char *text;
    size_t len;
    int rc = ps_file_read(&text, &len, path, err);
    if (rc < 0)
        return rc;
    psi_csv *csv = NULL;
    int64_t *staged = psi_calloc(cv->n_districts, sizeof *staged);
    long *seen = psi_calloc(cv->n_districts, sizeof *seen);
    if (!staged || !seen)
        rc = psi_enomem(err);
    else if ((rc = psi_csv_open(&csv, text, len, ps_file_display_name(path), err)) == 0)
        rc = read_seats_file(staged, seen, cv, csv, err);
    if (rc == 0)
        memcpy(cv->seats, staged, cv->n_districts * sizeof *staged);
    psi_csv_free(csv);
    psi_free(staged);
    psi_free(seen);
    psi_free(text);
    return rc;
}
