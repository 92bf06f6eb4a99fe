/*
 * test_document_text.c - what does not depend on where or how a document's
 * text was stored (document.h): a section's or the legislature's error has
 * the same position from a path and from memory; CRLF line ends and a UTF-8
 * byte-order mark give the same document as the plain file; every
 * allocation failure while reading a document and its sections is
 * PS_ENOMEM and leaks nothing.
 *
 * The summary helpers are in document_summary.c (the reference is
 * data/iraq-2014.json read from its path).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "powershare/powershare.h"

#include "torture.h"
#include "document_summary.h"

/* ---- error positions do not depend on where the text came from -------------- */

#define CHAMBER                                                                            \
    "{\"name\": \"t\", \"total_seats\": 15,\n"                                              \
    " \"communities\": [{\"id\": \"n\"}, {\"id\": \"s\"}],\n"                              \
    " \"parties\": [{\"id\": \"A\", \"seats\": 8, \"community\": \"n\"},\n"                 \
    "             {\"id\": \"B\", \"seats\": 7, \"community\": \"s\"}],\n"

typedef int (*section_reader)(const ps_document *doc, ps_error *err);

static int read_rule(const ps_document *doc, ps_error *err)
{
    ps_rule *r = NULL;
    int rc = ps_rule_from_document(&r, doc, err);
    ps_rule_free(r);
    return rc;
}

static int read_condition(const ps_document *doc, ps_error *err)
{
    ps_condition *c = NULL;
    int rc = ps_condition_from_document(&c, doc, err);
    ps_condition_free(c);
    return rc;
}

static int read_scenarios(const ps_document *doc, ps_error *err)
{
    ps_scenarios *s = NULL;
    int rc = ps_scenarios_from_document(&s, doc, err);
    ps_scenarios_free(s);
    return rc;
}

static int read_offices(const ps_document *doc, ps_error *err)
{
    ps_offices *o = NULL;
    int rc = ps_offices_from_document(&o, doc, err);
    ps_offices_free(o);
    return rc;
}

static int read_election(const ps_document *doc, ps_error *err)
{
    ps_election *e = NULL;
    int rc = ps_election_from_document(&e, doc, err);
    ps_election_free(e);
    return rc;
}

/* The section's error read from the path and from memory under the same
 * name: the same code, file, line, column and message, and the expected
 * position. */
static void expect_same_error(const char *text, section_reader read, long line, long column,
                              const char *says)
{
    size_t len = strlen(text);
    char *path = temp_file(text, len);
    ps_document *from_path = NULL, *from_memory = NULL;
    ps_error e1, e2;
    cr_assert_eq(ps_document_load(&from_path, path, &e1), PS_OK, "%s: %s", text, e1.message);
    cr_assert_eq(ps_document_read(&from_memory, text, len, path, &e2), PS_OK, "%s", e2.message);
    int rc1 = read(from_path, &e1), rc2 = read(from_memory, &e2);
    cr_expect_eq(rc1, PS_EDATA, "%s: got %d (%s)", text, rc1, e1.message);
    cr_expect_eq(rc2, rc1);
    cr_expect_eq(e2.code, e1.code);
    cr_expect_str_eq(e1.file, path, "the error names the file");
    cr_expect_str_eq(e2.file, e1.file);
    cr_expect_eq(e1.line, line, "%s: line %ld (%s)", text, e1.line, e1.message);
    cr_expect_eq(e1.column, column, "%s: column %ld (%s)", text, e1.column, e1.message);
    cr_expect_eq(e2.line, e1.line);
    cr_expect_eq(e2.column, e1.column);
    cr_expect_str_eq(e2.message, e1.message);
    cr_expect(strstr(e1.message, says) != NULL, "'%s' lacks '%s'", e1.message, says);
    ps_document_free(from_path);
    ps_document_free(from_memory);
    unlink(path);
    free(path);
}

Test(document, section_errors_at_the_same_place_from_memory_and_path)
{
    /* each section starts on line 5, after ' "<key>": ' */
    expect_same_error(CHAMBER " \"rule\": {\"of\": \"some\"}}\n", read_rule, 5, 17,
                      "\"all\" or \"present\"");
    expect_same_error(CHAMBER " \"condition\": {\"require\": [\"A\", \"Z\"]}}\n", read_condition,
                      5, 33, "unknown party 'Z'");
    expect_same_error(CHAMBER " \"scenarios\": [{\"name\": \"s\", \"steps\": [{\"remov\": "
                      "\"A\"}]}]}\n", read_scenarios, 5, 41, "unknown key 'remov'");
    expect_same_error(CHAMBER " \"offices\": {\"posts\": -1}}\n", read_offices, 5, 23,
                      "negative");
    expect_same_error(CHAMBER " \"election\": {\"method\": \"dhondt\", \"seats\": 0}}\n",
                      read_election, 5, 44, "'seats' must be at least 1, got 0");
}

Test(document, legislature_errors_at_the_same_place_from_memory_and_path)
{
    static const char *bad[] = {
        "{\"parties\": [{\"id\": \"a\", \"seats\": -3}]}\n",
        "{\"parties\": [{\"id\": \"a\", \"seats\": 1},\n  {\"id\": \"a\", \"seats\": 2}]}\n",
        "{\"parties\": [{\"id\": \"a\", \"seats\": 1}],\n \"name\": 7}\n",
        "party,seats\na,1\nb,x\n",
        "\n  hello\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len = strlen(bad[i]);
        char *path = temp_file(bad[i], len);
        ps_document *doc = (ps_document *)1;
        ps_error e1, e2;
        int rc1 = ps_document_load(&doc, path, &e1);
        cr_expect_null(doc);
        doc = (ps_document *)1;
        int rc2 = ps_document_read(&doc, bad[i], len, path, &e2);
        cr_expect_null(doc);
        cr_expect(rc1 < 0, "case %zu read", i);
        cr_expect_eq(rc2, rc1, "case %zu", i);
        cr_expect_str_eq(e1.file, path);
        cr_expect_str_eq(e2.file, e1.file);
        cr_expect(e1.line > 0, "case %zu: a position (%s)", i, e1.message);
        cr_expect_eq(e2.line, e1.line, "case %zu", i);
        cr_expect_eq(e2.column, e1.column, "case %zu", i);
        cr_expect_str_eq(e2.message, e1.message);
        unlink(path);
        free(path);
    }
}

/* ---- CRLF line ends, a UTF-8 byte-order mark ------------------------------------- */

/* text with every "\n" made "\r\n" (the caller frees it) */
static char *crlf(const char *text, size_t len, size_t *out_len)
{
    char *out = malloc(2 * len + 1);
    cr_assert_not_null(out);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            out[n++] = '\r';
        out[n++] = text[i];
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

static char *with_bom(const char *text, size_t len, size_t *out_len)
{
    char *out = malloc(len + 4);
    cr_assert_not_null(out);
    memcpy(out, "\xEF\xBB\xBF", 3);
    memcpy(out + 3, text, len);
    out[len + 3] = '\0';
    *out_len = len + 3;
    return out;
}

Test(document, crlf_line_ends_give_the_same_document)
{
    size_t len, n;
    char *text = slurp(IRAQ, &len);
    char *want = summary_of_path(IRAQ);
    char *windows = crlf(text, len, &n);
    cr_assert_gt(n, len);
    char *got = summary_of_text(windows, n, IRAQ);
    expect_same(got, want, "with CRLF line ends, from memory");
    free(got);
    char *path = temp_file(windows, n);
    got = summary_of_path(path);
    expect_same(got, want, "with CRLF line ends, from a file");
    free(got);
    unlink(path);
    free(path);

    /* and an error keeps its line and column */
    const char *bad = CHAMBER " \"rule\": {\"of\": \"some\"}}\n";
    char *bad_crlf = crlf(bad, strlen(bad), &n);
    ps_document *doc;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, bad_crlf, n, "w.json", &err), PS_OK, "%s", err.message);
    cr_expect_eq(read_rule(doc, &err), PS_EDATA);
    cr_expect_eq(err.line, 5);
    cr_expect_eq(err.column, 17);
    ps_document_free(doc);
    free(bad_crlf);

    /* a CSV with CRLF: the same as without */
    const char *csv = "party,name,seats\na,Alpha,3\nb,Beta,2\n";
    char *csv_crlf = crlf(csv, strlen(csv), &n);
    char *a = summary_of_text(csv, strlen(csv), "c.csv");
    char *b = summary_of_text(csv_crlf, n, "c.csv");
    expect_same(b, a, "a CSV with CRLF line ends");
    free(a);
    free(b);
    free(csv_crlf);
    free(windows);
    free(want);
    free(text);
}

/* Waits on the generic readers' acceptance of a leading byte-order mark
 * (document.h promises it; psi_text_check refused it before). */
Test(document, utf8_bom_gives_the_same_document)
{
    size_t len, n, m;
    char *text = slurp(IRAQ, &len);
    char *want = summary_of_path(IRAQ);
    char *bom = with_bom(text, len, &n);
    char *got = summary_of_text(bom, n, IRAQ);
    expect_same(got, want, "with a byte-order mark, from memory");
    free(got);
    char *path = temp_file(bom, n);
    got = summary_of_path(path);
    expect_same(got, want, "with a byte-order mark, from a file");
    free(got);
    unlink(path);
    free(path);

    /* a byte-order mark and CRLF together */
    char *windows = crlf(text, len, &m);
    char *both = with_bom(windows, m, &n);
    got = summary_of_text(both, n, IRAQ);
    expect_same(got, want, "with a byte-order mark and CRLF line ends");
    free(got);
    free(both);
    free(windows);

    /* positions on the first line do not count the mark */
    const char *bad = "{\"rule\": {\"of\": \"some\"}, \"parties\": [{\"id\": \"a\", \"seats\": 1}]}\n";
    ps_document *doc;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, bad, strlen(bad), "b.json", &err), PS_OK, "%s",
                 err.message);
    cr_expect_eq(read_rule(doc, &err), PS_EDATA);
    long line = err.line, column = err.column;
    cr_expect_eq(line, 1);
    cr_expect_eq(column, 17);
    ps_document_free(doc);
    char *bad_bom = with_bom(bad, strlen(bad), &n);
    cr_assert_eq(ps_document_read(&doc, bad_bom, n, "b.json", &err), PS_OK, "%s", err.message);
    cr_expect_eq(read_rule(doc, &err), PS_EDATA);
    cr_expect_eq(err.line, line);
    cr_expect_eq(err.column, column);
    ps_document_free(doc);
    free(bad_bom);

    /* a CSV with a byte-order mark */
    const char *csv = "party,seats\na,3\nb,2\n";
    char *csv_bom = with_bom(csv, strlen(csv), &n);
    char *a = summary_of_text(csv, strlen(csv), "c.csv");
    char *b = summary_of_text(csv_bom, n, "c.csv");
    expect_same(b, a, "a CSV with a byte-order mark");
    free(a);
    free(b);
    free(csv_bom);
    free(bom);
    free(want);
    free(text);
}

/* ---- allocation failures ------------------------------------------------------ */

typedef struct texts {
    const char *text[3];
    size_t len[3];
} texts;

/* Each text read as a document and every section read from it. */
static int document_job(void *arg)
{
    const texts *t = arg;
    ps_error err;
    ps_error_clear(&err);
    int rc = PS_OK;
    for (int i = 0; rc == PS_OK && i < 3; i++) {
        ps_document *doc = NULL;
        rc = ps_document_read(&doc, t->text[i], t->len[i], "t.json", &err);
        if (rc == PS_OK)
            rc = read_rule(doc, &err);
        if (rc == PS_OK)
            rc = read_condition(doc, &err);
        if (rc == PS_OK)
            rc = read_scenarios(doc, &err);
        if (rc == PS_OK)
            rc = read_offices(doc, &err);
        if (rc == PS_OK)
            rc = read_election(doc, &err);
        ps_document_free(doc);
    }
    if (rc != PS_OK)
        cr_expect_eq(err.code, rc, "the error record carries the code");
    return rc;
}

Test(document, allocation_failures_are_enomem_without_leaks)
{
    texts t;
    char *a = slurp(IRAQ, &t.len[0]);
    char *b = slurp(ELECTION, &t.len[1]);
    char *c = slurp(IO_DATA "/legislature.csv", &t.len[2]);
    t.text[0] = a;
    t.text[1] = b;
    t.text[2] = c;
    long n = torture(document_job, &t);
    cr_expect(n > 20, "reading three documents and their sections allocates more (%ld)", n);
    free(a);
    free(b);
    free(c);
}
