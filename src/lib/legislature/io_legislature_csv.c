/*
 * io_legislature_csv.c - a legislature from a CSV table, one party a row.
 *
 * The header names the columns; `party` is the only required one. The
 * known columns (party, name, seats, votes, community, color, source) are
 * matched ignoring ASCII case, and a policy dimension is declared by a
 * `dim:` prefix (`dim:left_right`), in header order, so that a spreadsheet
 * of expert placements (Benoit & Laver style) loads without a schema. Any
 * other column is an error at its header cell with the closest known name
 * ("did you mean 'votes'?"): before the prefix, every unknown column was a
 * dimension, so a misspelt `vote` or `comunity` silently became one.
 * Empty cells mean "unknown". Communities are created in order of first
 * appearance.
 *
 * The chamber size is the sum of the seats column: a table cannot state
 * unattributed or vacant seats (use JSON for those). A table with no seat
 * counts at all (votes only) stays at total_seats = PS_UNKNOWN, an input
 * for apportionment. A table has no name of its own: the legislature is
 * named after the file (its base name without extension, "tk2023" for
 * data/tk2023.csv; "<stdin>" for standard input), so that every report has
 * a title.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csv_reader.h"
#include "util.h"
#include "text.h"
#include "legislature_impl.h"
#include "powershare/io.h"

enum { COL_PARTY, COL_NAME, COL_SEATS, COL_VOTES, COL_COMMUNITY, COL_COLOR, COL_SOURCE, N_COLS };

static const char *const known_columns[N_COLS + 1] = {
    "party", "name", "seats", "votes", "community", "color", "source", NULL};

#define KNOWN_LIST "party, name, seats, votes, community, color, source"
#define DIM_PREFIX "dim:"

typedef struct table {
    const char *src;
    ps_error *err;
    ps_legislature *leg;
    long col[N_COLS];  /* field index of each known column, or -1 */
    long *dim_of;      /* per header field: dimension index, or -1 */
    struct row {
        long line, column; /* of each party's seats cell (or id cell) */
    } *rows;               /* for errors found once the table is read */
    size_t n_header;
} table;

/* The dimension a `dim:NAME` header cell declares (NAME), or NULL when the
 * cell has no such prefix (matched ignoring case, like every column name). */
static const char *dimension_name(const char *cell)
{
    size_t n = sizeof DIM_PREFIX - 1;
    if (strlen(cell) < n)
        return NULL;
    char prefix[sizeof DIM_PREFIX];
    memcpy(prefix, cell, n);
    prefix[n] = '\0';
    return psi_csv_name_is(prefix, DIM_PREFIX) ? cell + n : NULL;
}

static int unknown_column(const table *t, const psi_csv_field *h)
{
    const char *near = psi_csv_suggest(h->text, known_columns);
    if (near)
        return psi_error(t->err, PS_EDATA, t->src, h->line, h->column,
                         "unknown column '%.80s' (did you mean '%s'?); the columns are "
                         KNOWN_LIST " (in any case), and a policy dimension is written "
                         DIM_PREFIX "NAME",
                         h->text, near);
    return psi_error(t->err, PS_EDATA, t->src, h->line, h->column,
                     "unknown column '%.80s'; if it is a policy dimension, write "
                     DIM_PREFIX "%.80s; the columns are " KNOWN_LIST " (in any case)",
                     h->text, h->text);
}

static int read_header(table *t, psi_csv *csv)
{
    const psi_csv_field *h;
    size_t n;
    int rc = psi_csv_header(csv, &h, &n, t->err);
    if (rc < 0)
        return rc;
    t->n_header = n;
    t->dim_of = psi_malloc_array(n, sizeof *t->dim_of);
    if (!t->dim_of)
        return psi_enomem(t->err);
    for (int k = 0; k < N_COLS; k++)
        t->col[k] = psi_csv_find(h, n, known_columns[k]);
    for (size_t i = 0; i < n; i++) {
        t->dim_of[i] = -1;
        int known = 0;
        for (int k = 0; k < N_COLS; k++)
            known |= t->col[k] == (long)i;
        if (known)
            continue;
        const char *dim = dimension_name(h[i].text);
        if (!dim)
            return unknown_column(t, &h[i]);
        if (!*dim || *dim == ' ')
            return psi_error(t->err, PS_EDATA, t->src, h[i].line, h[i].column,
                             "expected a dimension name right after '" DIM_PREFIX "' (such as "
                             DIM_PREFIX "left_right), got '%.80s'", h[i].text);
        if (ps_legislature_add_dimension(t->leg, dim, NULL, NAN, NAN, t->err) < 0)
            return psi_enomem(t->err); /* names are unique and non-empty */
        t->dim_of[i] = (long)t->leg->n_dimensions - 1;
    }
    if (t->col[COL_PARTY] < 0)
        return psi_error(t->err, PS_EDATA, t->src, h[0].line, h[0].column,
                         "the header has no 'party' column; expected party and optionally "
                         "name, seats, votes, community, color, source and policy dimensions "
                         "written " DIM_PREFIX "NAME");
    return 0;
}

static const psi_csv_field *cell(const table *t, const psi_csv_field *f, int k)
{
    return t->col[k] >= 0 ? &f[t->col[k]] : NULL;
}

static int read_row(table *t, const psi_csv_field *f)
{
    const psi_csv_field *id = cell(t, f, COL_PARTY), *name = cell(t, f, COL_NAME),
                        *seats = cell(t, f, COL_SEATS), *votes = cell(t, f, COL_VOTES),
                        *comm = cell(t, f, COL_COMMUNITY), *color = cell(t, f, COL_COLOR),
                        *source = cell(t, f, COL_SOURCE);
    ps_legislature *leg = t->leg;
    if (id->len == 0)
        return psi_error(t->err, PS_EDATA, t->src, id->line, id->column,
                         "empty 'party' cell; every row needs a party id");
    long first = ps_legislature_find_party(leg, id->text);
    if (first >= 0)
        return psi_error(t->err, PS_EDATA, t->src, id->line, id->column,
                         "duplicate party '%s' (first at line %ld)", id->text,
                         t->rows[first].line);
    int64_t s = PS_UNKNOWN, v = PS_UNKNOWN;
    int rc = 0;
    if (seats && seats->len)
        rc = psi_csv_count(&s, seats, "seats", t->src, t->err);
    if (rc == 0 && votes && votes->len)
        rc = psi_csv_count(&v, votes, "votes", t->src, t->err);
    if (rc < 0)
        return rc;
    if (color && color->len && !psi_is_color(color->text))
        return psi_error(t->err, PS_EDATA, t->src, color->line, color->column,
                         "expected a colour written #rrggbb for 'color', got '%.40s'",
                         color->text);
    const char *c = comm && comm->len ? comm->text : NULL;
    if (c && ps_legislature_find_community(leg, c) < 0 &&
        ps_legislature_add_community(leg, c, NULL, t->err) < 0)
        return psi_enomem(t->err);
    size_t k;
    if (ps_legislature_add_party(leg, id->text, name && name->len ? name->text : NULL, s, v, c,
                                 &k, t->err) < 0)
        return psi_enomem(t->err);
    ps_party *p = &leg->parties[k];
    t->rows[k].line = (seats ? seats : id)->line;
    t->rows[k].column = (seats ? seats : id)->column;
    if (color && color->len && !(p->color = psi_strdup(color->text)))
        return psi_enomem(t->err);
    if (source && source->len && !(p->source = psi_strdup(source->text)))
        return psi_enomem(t->err);
    for (size_t i = 0; i < t->n_header; i++) {
        if (t->dim_of[i] < 0 || f[i].len == 0)
            continue;
        const char *dim = leg->dimensions[t->dim_of[i]].id;
        if ((rc = psi_csv_number(&p->positions[t->dim_of[i]], &f[i], dim, t->src, t->err)) < 0)
            return rc;
    }
    return 0;
}

/* Room for one more row line; grown like the party array. */
static int grow_rows(table *t)
{
    size_t n = t->leg->n_parties;
    if (n != 0 && (n & (n - 1)) != 0)
        return 0;
    struct row *rows = psi_realloc_array(t->rows, n ? n * 2 : 1, sizeof *rows);
    if (!rows)
        return psi_enomem(t->err);
    t->rows = rows;
    return 0;
}

/* The legislature's name for a table read from `source`: its base name
 * without the extension ("tk2023" for data/tk2023.csv), or the source as it
 * is when it has neither ("<stdin>"). */
static char *name_of(const char *source)
{
    if (!source)
        return psi_strdup("");
    const char *base = strrchr(source, '/');
    base = base ? base + 1 : source;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    if (n == 0) /* "dir/": keep what there is */
        return psi_strdup(source);
    char *name = psi_malloc(n + 1);
    if (name) {
        memcpy(name, base, n);
        name[n] = '\0';
    }
    return name;
}

int ps_legislature_read_csv(ps_legislature **out, const char *text, size_t len,
                            const char *source_name, ps_error *err)
{
    *out = NULL;
    table t = {.src = source_name, .err = err};
    psi_csv *csv = NULL;
    int rc = psi_csv_open(&csv, text, len, source_name, err);
    if (rc < 0)
        return rc;
    char *name = name_of(source_name);
    rc = name ? ps_legislature_new(&t.leg, name, PS_UNKNOWN) : PS_ENOMEM;
    psi_free(name);
    if (rc < 0) {
        rc = psi_enomem(err);
        goto done;
    }
    if ((rc = read_header(&t, csv)) < 0)
        goto done;
    const psi_csv_field *f;
    size_t n;
    while ((rc = psi_csv_next(csv, &f, &n, err)) > 0)
        if ((rc = grow_rows(&t)) < 0 || (rc = read_row(&t, f)) < 0)
            goto done;
    if (rc < 0)
        goto done;
    if (t.leg->n_parties == 0) {
        rc = psi_error(err, PS_EDATA, source_name, 0, 0, "no rows after the header; expected "
                       "one row per party");
        goto done;
    }
    long bad;
    if ((rc = psi_legislature_check(t.leg, &bad, err)) < 0)
        psi_error_at(err, source_name, bad >= 0 ? t.rows[bad].line : 0,
                     bad >= 0 ? t.rows[bad].column : 0);
done:
    psi_csv_free(csv);
    psi_free(t.dim_of);
    psi_free(t.rows);
    if (rc < 0)
        ps_legislature_free(t.leg);
    else
        *out = t.leg;
    return rc;
}
