/*
 * test_document.c - a legislature file read once (document.h): from a
 * path, from memory, from standard input ("-", a file or a pipe behind it)
 * and from a FIFO, each giving the same legislature and the same sections;
 * standard input read once per process; CSV documents and their defaults;
 * telling JSON from CSV. (Error positions, a byte-order mark, CRLF line
 * ends and allocation failures: test_document_text.c.)
 *
 * The reference is data/iraq-2014.json read from its path: every other way
 * of reading it must give the same summary (document_summary.c), and the
 * same positions in it.
 *
 * The tests that read standard input do it in a child process of their
 * own (fork), so that the once-per-process flag of ps_file_read never
 * reaches another test, whatever the runner does.
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

/* ---- the same document from a path, memory, standard input, a FIFO -------- */

Test(document, from_a_path)
{
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_load(&doc, IRAQ, &err), PS_OK, "%s", err.message);
    cr_expect_str_eq(ps_document_source(doc), IRAQ);
    cr_expect(ps_document_is_json(doc));
    cr_expect(ps_document_has_section(doc, "rule"));
    cr_expect(ps_document_has_section(doc, "condition"));
    cr_expect(ps_document_has_section(doc, "scenarios"));
    cr_expect(ps_document_has_section(doc, "offices"));
    cr_expect_not(ps_document_has_section(doc, "election"));
    cr_expect(ps_document_has_section(doc, "parties"), "any top-level key is a section");
    cr_expect_not(ps_document_has_section(doc, "Rule"), "keys are case-sensitive");
    const ps_legislature *leg = ps_document_legislature(doc);
    cr_assert_not_null(leg);
    cr_expect_eq(leg->total_seats, 328);
    cr_expect_eq(ps_legislature_validate(ps_document_legislature(doc), &err), PS_OK,
                 "the legislature is validated");

    /* each stage's section, as the file says */
    ps_rule *rule;
    cr_assert_eq(ps_rule_from_document(&rule, doc, &err), PS_OK, "%s", err.message);
    cr_expect_str_eq(rule->quota, "majority");
    cr_expect_not(rule->of_present);
    ps_rule_free(rule);
    ps_condition *c;
    cr_assert_eq(ps_condition_from_document(&c, doc, &err), PS_OK, "%s", err.message);
    cr_expect(c->declared);
    cr_expect_str_eq(c->name, "a broad power-sharing government: Shia, Sunni and Kurdish lists "
                              "together");
    ps_members want = 0;
    const char *communities[] = {"shia", "sunni", "kurdish"};
    for (int i = 0; i < 3; i++) {
        long k = ps_legislature_find_community(leg, communities[i]);
        cr_assert(k >= 0);
        want |= PS_MEMBER(k);
    }
    cr_expect_eq(c->communities_required, want);
    cr_expect_eq(c->required, 0);
    cr_expect_eq(c->excluded, 0);
    ps_condition_free(c);
    ps_scenarios *list;
    cr_assert_eq(ps_scenarios_from_document(&list, doc, &err), PS_OK, "%s", err.message);
    cr_assert_eq(list->n, 2);
    cr_expect_str_eq(list->items[0].name, "The Kurdish lists walk out");
    cr_expect_str_eq(list->items[1].name, "The Sunni lists lose their seats");
    ps_scenarios_free(list);
    ps_offices *o;
    cr_assert_eq(ps_offices_from_document(&o, doc, &err), PS_OK, "%s", err.message);
    cr_assert_eq(o->n, 3);
    cr_expect_str_eq(o->reserved[0].office, "Prime Minister");
    cr_expect_str_eq(o->reserved[0].community, "shia");
    cr_expect_str_eq(o->reserved[1].office, "President");
    cr_expect_str_eq(o->reserved[2].office, "Speaker");
    ps_offices_free(o);
    ps_election *e = (ps_election *)1;
    cr_assert_eq(ps_election_from_document(&e, doc, &err), PS_OK, "%s", err.message);
    cr_expect_null(e);

    /* the sections may be read again, in any order: nothing is consumed */
    char *once = summary(doc), *twice = summary(doc);
    expect_same(twice, once, "a second reading of the same document");
    free(once);
    free(twice);
    ps_document_free(doc);
    ps_document_free(NULL);
}

Test(document, from_memory)
{
    size_t len;
    char *text = slurp(IRAQ, &len);
    char *want = summary_of_path(IRAQ);
    char *got = summary_of_text(text, len, IRAQ);
    expect_same(got, want, "from memory");
    free(got);

    /* the text is the caller's: overwriting it after the read changes nothing */
    ps_document *doc;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, text, len, NULL, &err), PS_OK, "%s", err.message);
    cr_expect_str_eq(ps_document_source(doc), "<memory>");
    memset(text, 'x', len);
    free(text);
    got = summary(doc);
    expect_same(got, want, "from memory, the text overwritten and freed after the read");
    free(got);
    ps_document_free(doc);

    /* the election section, from a file that has one */
    text = slurp(ELECTION, &len);
    free(want);
    want = summary_of_path(ELECTION);
    cr_expect(strstr(want, "election modified-sainte-lague seats 9") != NULL, "%s", want);
    got = summary_of_text(text, len, ELECTION);
    expect_same(got, want, "election.json from memory");
    free(got);
    free(want);
    free(text);
}

/* ---- standard input, in a child process ---------------------------------------- */

typedef struct feed {
    int fd;
    const char *text;
    size_t len;
    size_t chunk; /* bytes per write */
} feed;

/* Writes the text to fd in chunks and closes it (a pipe's or a FIFO's
 * writer, so that the reader meets partial reads and its buffer grows). */
static void *feeder(void *arg)
{
    feed *f = arg;
    if (f->fd < 0)
        return NULL;
    size_t done = 0;
    while (done < f->len) {
        size_t n = f->len - done < f->chunk ? f->len - done : f->chunk;
        ssize_t w = write(f->fd, f->text + done, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    close(f->fd);
    return NULL;
}

typedef enum { STDIN_FILE, STDIN_PIPE } stdin_kind;

/* What the child reports: the first "-" (rc, source, summary) and a second
 * "-" (rc, error). */
typedef struct stdin_report {
    int rc1;
    char source[PS_ERROR_FILE_MAX];
    ps_error err1;
    int rc2;
    ps_error err2;
    int rc3; /* ps_legislature_load("-") after that */
    ps_error err3;
    int rc4; /* ps_file_read("-") */
    char *summary; /* malloc'd */
} stdin_report;

static void write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(3);
        c += w;
        n -= (size_t)w;
    }
}

static int read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n > 0) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

/* In a child: standard input becomes `path` (STDIN_FILE) or a pipe fed by
 * a thread with the file's bytes (STDIN_PIPE); "-" is read, then read
 * again; the report goes back through a pipe. Nothing in the child
 * asserts: the parent does. */
static void run_stdin_child(stdin_kind kind, const char *path, const char *text, size_t len,
                            int report_fd)
{
    pthread_t t;
    feed fd_feed = {.fd = -1, .text = text, .len = len, .chunk = 1000};
    if (kind == STDIN_FILE) {
        int fd = open(path, O_RDONLY);
        if (fd < 0 || dup2(fd, STDIN_FILENO) < 0)
            _exit(4);
        close(fd);
    } else {
        int p[2];
        if (pipe(p) < 0 || dup2(p[0], STDIN_FILENO) < 0)
            _exit(4);
        close(p[0]);
        fd_feed.fd = p[1];
        if (pthread_create(&t, NULL, feeder, &fd_feed) != 0)
            _exit(4);
    }
    stdin_report r;
    memset(&r, 0, sizeof r);
    ps_document *doc = NULL;
    ps_error_clear(&r.err1);
    r.rc1 = ps_document_load(&doc, "-", &r.err1);
    char *s = NULL;
    if (r.rc1 == PS_OK) {
        snprintf(r.source, sizeof r.source, "%s", ps_document_source(doc));
        s = summary(doc);
    }
    if (kind == STDIN_PIPE)
        pthread_join(t, NULL);
    ps_document_free(doc);
    doc = NULL;
    ps_error_clear(&r.err2);
    r.rc2 = ps_document_load(&doc, "-", &r.err2);
    ps_document_free(doc);
    ps_legislature *leg = NULL;
    r.rc3 = ps_legislature_load(&leg, "-", &r.err3);
    ps_legislature_free(leg);
    char *buf = NULL;
    size_t n = 0;
    ps_error err;
    r.rc4 = ps_file_read(&buf, &n, "-", &err);
    ps_free(buf);
    size_t slen = s ? strlen(s) : 0;
    write_all(report_fd, &r, sizeof r);
    write_all(report_fd, &slen, sizeof slen);
    if (slen)
        write_all(report_fd, s, slen);
    free(s);
    close(report_fd);
    _exit(0);
}

static stdin_report stdin_in_child(stdin_kind kind, const char *path, const char *text,
                                   size_t len)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        close(p[0]);
        run_stdin_child(kind, path, text, len, p[1]);
    }
    close(p[1]);
    stdin_report r;
    size_t slen = 0;
    int got = read_all(p[0], &r, sizeof r);
    if (got == 0)
        got = read_all(p[0], &slen, sizeof slen);
    char *s = calloc(1, slen + 1);
    cr_assert_not_null(s);
    if (got == 0 && slen)
        got = read_all(p[0], s, slen);
    close(p[0]);
    int status = 0;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child failed (status %d)",
              status);
    cr_assert_eq(got, 0, "the child's report is incomplete");
    r.summary = s;
    return r;
}

static void expect_stdin_document(stdin_kind kind, const char *what)
{
    size_t len;
    char *text = slurp(IRAQ, &len);
    char *want = summary_of_path(IRAQ);
    stdin_report r = stdin_in_child(kind, IRAQ, text, len);
    cr_assert_eq(r.rc1, PS_OK, "%s: %s", what, r.err1.message);
    cr_expect_str_eq(r.source, PS_STDIN_NAME);
    cr_expect_str_eq(r.source, "<stdin>");
    expect_same(r.summary, want, what);

    /* a second "-" in the same process is refused, by name */
    cr_expect_eq(r.rc2, PS_EINVAL, "%s: a second '-' gave %d", what, r.rc2);
    cr_expect_eq(r.err2.code, PS_EINVAL);
    cr_expect_str_eq(r.err2.file, PS_STDIN_NAME);
    cr_expect_eq(r.err2.line, 0);
    cr_expect_eq(r.err2.column, 0);
    cr_expect_str_eq(r.err2.message, "standard input was already read: '-' can stand for one "
                                     "input file only");
    cr_expect_eq(r.rc3, PS_EINVAL, "ps_legislature_load(\"-\") too: %d", r.rc3);
    cr_expect_str_eq(r.err3.message, r.err2.message);
    cr_expect_eq(r.rc4, PS_EINVAL, "and ps_file_read(\"-\"): %d", r.rc4);
    free(r.summary);
    free(want);
    free(text);
}

Test(document, from_standard_input_redirected_from_the_file)
{
    expect_stdin_document(STDIN_FILE, "standard input from the file");
}

Test(document, from_standard_input_through_a_pipe)
{
    expect_stdin_document(STDIN_PIPE, "standard input through a pipe");
}

/* The flag of a child's "-" never reaches this process. */
Test(document, standard_input_flag_stays_in_its_process)
{
    size_t len;
    char *text = slurp(IO_DATA "/small.json", &len);
    stdin_report r = stdin_in_child(STDIN_PIPE, NULL, text, len);
    cr_assert_eq(r.rc1, PS_OK, "%s", r.err1.message);
    cr_expect_eq(r.rc2, PS_EINVAL);
    free(r.summary);
    r = stdin_in_child(STDIN_FILE, IO_DATA "/small.json", NULL, 0);
    cr_assert_eq(r.rc1, PS_OK, "a second child reads '-' afresh: %s", r.err1.message);
    cr_expect_eq(r.rc2, PS_EINVAL);
    free(r.summary);
    free(text);
}

/* ---- a FIFO ----------------------------------------------------------------- */

typedef struct fifo_feed {
    feed f;
    const char *path;
} fifo_feed;

/* Opens the FIFO for writing (which waits for the reader) and feeds it. */
static void *fifo_writer(void *arg)
{
    fifo_feed *ff = arg;
    ff->f.fd = open(ff->path, O_WRONLY);
    return feeder(&ff->f);
}

/* Reads `text` through a FIFO in a fresh directory, fed by a thread in
 * chunks of `chunk` bytes: the summary (the caller's). */
static char *summary_through_fifo(const char *text, size_t len, size_t chunk)
{
    char dir[] = "/tmp/ps-document-fifo-XXXXXX";
    cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
    char path[sizeof dir + 16];
    snprintf(path, sizeof path, "%s/in.json", dir);
    cr_assert_eq(mkfifo(path, 0600), 0, "mkfifo: %s", strerror(errno));
    fifo_feed ff = {.f = {.fd = -1, .text = text, .len = len, .chunk = chunk}, .path = path};
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, fifo_writer, &ff), 0);
    ps_document *doc = NULL;
    ps_error err;
    int rc = ps_document_load(&doc, path, &err);
    if (rc < 0) { /* let a writer still waiting for a reader go */
        int fd = open(path, O_RDONLY | O_NONBLOCK);
        if (fd >= 0)
            close(fd);
    }
    pthread_join(t, NULL);
    unlink(path);
    rmdir(dir);
    cr_assert_eq(rc, PS_OK, "%s:%ld:%ld: %s", err.file, err.line, err.column, err.message);
    cr_expect_str_eq(ps_document_source(doc), path, "a FIFO is named by its path");
    char *s = summary(doc);
    ps_document_free(doc);
    return s;
}

Test(document, from_a_fifo)
{
    size_t len;
    char *text = slurp(IRAQ, &len);
    char *want = summary_of_path(IRAQ);
    char *got = summary_through_fifo(text, len, 4096);
    expect_same(got, want, "through a FIFO");
    free(got);
    got = summary_through_fifo(text, len, 7);
    expect_same(got, want, "through a FIFO, 7 bytes at a time");
    free(got);

    /* more than the first buffer of a pipe (64 KiB): white space after the
     * object, which changes nothing */
    size_t big = len + 200000;
    char *padded = malloc(big);
    cr_assert_not_null(padded);
    memcpy(padded, text, len);
    for (size_t i = len; i < big; i++)
        padded[i] = i % 80 == 0 ? '\n' : ' ';
    got = summary_through_fifo(padded, big, 65536 + 17);
    expect_same(got, want, "through a FIFO, 200 kB of trailing white space");
    free(got);
    free(padded);
    free(want);
    free(text);
}

/* ---- CSV documents: no sections, every stage's default ---------------------- */

static void expect_defaults(const char *path, bool json)
{
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_load(&doc, path, &err), PS_OK, "%s:%ld:%ld: %s", err.file,
                 err.line, err.column, err.message);
    cr_expect_eq(ps_document_is_json(doc), json, "%s", path);
    for (size_t k = 0; k < N_KEYS; k++)
        cr_expect_not(ps_document_has_section(doc, section_keys[k]), "%s: %s", path,
                      section_keys[k]);
    cr_expect_not(ps_document_has_section(doc, "party"), "a CSV column is no section");
    const ps_legislature *leg = ps_document_legislature(doc);
    cr_assert_not_null(leg);

    ps_rule *rule = NULL, *plain = NULL;
    cr_assert_eq(ps_rule_from_document(&rule, doc, &err), PS_OK, "%s", err.message);
    cr_assert_eq(ps_rule_new(&plain), PS_OK);
    cr_expect_str_eq(rule->quota, plain->quota, "%s: the default quota", path);
    cr_expect_str_eq(rule->quota, "majority");
    cr_expect_not(rule->of_present, "a majority of all seats");
    cr_expect_eq(rule->min_parties, 0);
    cr_expect_eq(rule->n_layers, 0);
    for (int l = 0; l < PS_RULE_LIST_COUNT; l++)
        cr_expect_eq(rule->n[l], 0);
    char *d1 = NULL, *d2 = NULL;
    cr_assert_eq(ps_rule_describe(&d1, leg, rule, &err), PS_OK, "%s", err.message);
    cr_assert_eq(ps_rule_describe(&d2, leg, plain, &err), PS_OK, "%s", err.message);
    cr_expect_str_eq(d1, d2);
    ps_free(d1);
    ps_free(d2);
    ps_rule_free(plain);
    ps_rule_free(rule);

    ps_condition *c = NULL;
    cr_assert_eq(ps_condition_from_document(&c, doc, &err), PS_OK, "%s", err.message);
    cr_expect_not(c->declared, "%s: no condition declared", path);
    cr_expect_null(c->name);
    cr_expect_eq(c->n_players, leg->n_parties);
    cr_expect_eq(c->required, 0);
    cr_expect_eq(c->excluded, 0);
    cr_expect_eq(c->communities_required, 0);
    cr_expect_eq(c->n_incompatible, 0);
    cr_expect_eq(c->max_parties, 0);
    ps_condition_free(c);

    ps_scenarios *list = NULL;
    cr_assert_eq(ps_scenarios_from_document(&list, doc, &err), PS_OK, "%s", err.message);
    cr_assert_not_null(list);
    cr_expect_eq(list->n, 0);
    ps_scenarios_free(list);

    ps_offices *o = NULL;
    cr_assert_eq(ps_offices_from_document(&o, doc, &err), PS_OK, "%s", err.message);
    cr_assert_not_null(o);
    cr_expect_eq(o->n, 0);
    cr_expect_eq(o->posts, -1);
    ps_offices_free(o);

    ps_election *e = (ps_election *)1;
    cr_assert_eq(ps_election_from_document(&e, doc, &err), PS_OK, "%s", err.message);
    cr_expect_null(e);
    ps_document_free(doc);
}

Test(document, csv_has_no_sections_and_gives_defaults)
{
    expect_defaults(IO_DATA "/legislature.csv", false);
    expect_defaults(IO_DATA "/crlf.csv", false);
    expect_defaults(PS_TEST_DATA "/portfolios/ni-2007/seats.csv", false);
    /* a JSON legislature without sections: the same defaults */
    expect_defaults(IO_DATA "/small.json", true);

    /* the CSV document's legislature is the CSV reader's */
    size_t len;
    char *text = slurp(IO_DATA "/legislature.csv", &len);
    ps_legislature *leg = NULL;
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_legislature_read_csv(&leg, text, len, "x.csv", &err), PS_OK, "%s",
                 err.message);
    cr_assert_eq(ps_legislature_validate(leg, &err), PS_OK, "%s", err.message);
    cr_assert_eq(ps_document_read(&doc, text, len, "x.csv", &err), PS_OK, "%s", err.message);
    char *a = NULL, *b = NULL;
    cr_assert_eq(ps_legislature_to_json(&a, leg, &err), PS_OK);
    cr_assert_eq(ps_legislature_to_json(&b, ps_document_legislature(doc), &err), PS_OK);
    cr_expect_str_eq(b, a);
    ps_free(a);
    ps_free(b);
    ps_document_free(doc);
    ps_legislature_free(leg);
    free(text);
}

/* ---- JSON or CSV, by the content -------------------------------------------- */

static void expect_kind(const char *text, bool json, size_t n_parties)
{
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, text, strlen(text), "k", &err), PS_OK,
                 "'%s': %s:%ld:%ld: %s", text, err.file, err.line, err.column, err.message);
    cr_expect_eq(ps_document_is_json(doc), json, "'%s'", text);
    cr_expect_eq(ps_document_legislature(doc)->n_parties, n_parties, "'%s'", text);
    ps_document_free(doc);
}

static void expect_refused(const char *text, size_t len, int code, long line, long column,
                           const char *says)
{
    ps_document *doc = (ps_document *)1;
    ps_error err;
    int rc = ps_document_read(&doc, text, len, "k", &err);
    cr_expect_eq(rc, code, "'%.*s': got %d (%s)", (int)len, text, rc, err.message);
    cr_expect_null(doc);
    cr_expect_eq(err.code, rc);
    cr_expect_str_eq(err.file, "k");
    cr_expect_eq(err.line, line, "'%.*s': line %ld (%s)", (int)len, text, err.line, err.message);
    cr_expect_eq(err.column, column, "'%.*s': column %ld (%s)", (int)len, text, err.column,
                 err.message);
    cr_expect(strstr(err.message, says) != NULL, "'%.*s': '%s' lacks '%s'", (int)len, text,
              err.message, says);
}

#define REFUSED(lit, ...) expect_refused(lit, sizeof lit - 1, __VA_ARGS__)

Test(document, json_or_csv_by_content)
{
    expect_kind("{\"parties\": [{\"id\": \"a\", \"seats\": 1}]}", true, 1);
    expect_kind("\n \t\r\n  {\"parties\": [{\"id\": \"a\", \"seats\": 1}]}\n", true, 1);
    expect_kind("party,seats\na,3\nb,2\n", false, 2);
    expect_kind("seats,party\n3,a\n", false, 1);
    expect_kind("seats,\"party\"\n3,a\n", false, 1);
    expect_kind("party\na\nb\nc\n", false, 3);
    expect_kind("party,seats\r\na,3\r\nb,2\r\n", false, 2);

    static const char expected[] = "expected a JSON object or a CSV header line with a 'party' "
                                   "column";
    REFUSED("", PS_EPARSE, 0, 0, "empty file");
    REFUSED(" \n\t\r\n", PS_EPARSE, 0, 0, "file holds only white space");
    REFUSED("name,seats\nx,1\n", PS_EPARSE, 1, 1, "not a JSON or CSV legislature");
    REFUSED("\n\n   partyname,seats\n", PS_EPARSE, 3, 4, expected);
    REFUSED("<html>", PS_EPARSE, 1, 1, expected);
    REFUSED("[{\"id\": \"a\"}]", PS_EDATA, 1, 1, "object");
    REFUSED("{\"parties\": [{\"id\": \"a\", \"seats\": 1}]", PS_EPARSE, 1, 38,
                   "");
    REFUSED("{\"a\": 1\0}", PS_EPARSE, 1, 8, "NUL byte");

    ps_document *doc = NULL;
    ps_error err;
    cr_expect_eq(ps_document_read(&doc, "", 0, NULL, &err), PS_EPARSE);
    cr_expect_str_eq(err.file, "<memory>", "an unnamed text is called <memory>");
}

