/*
 * test_document.c - a legislature file read once (document.h): from a
 * path, from memory, from standard input ("-", a file or a pipe behind it)
 * and from a FIFO, each giving the same legislature and the same sections;
 * standard input read once per process; CSV documents and their defaults;
 * telling JSON from CSV; error positions that do not depend on where the
 * text came from; a byte-order mark and CRLF line ends; allocation failures.
 *
 * The reference is data/iraq-2014.json read from its path: every other way
 * of reading it must give the same summary (the legislature written back as
 * JSON, the sections present, the rule's description, the condition's
 * fields, the scenarios' names and steps, the offices, the election), and
 * the same positions in it.
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

#define IRAQ PS_SOURCE_ROOT "/data/iraq-2014.json"
#define IO_DATA PS_TEST_DATA "/io"
#define ELECTION PS_TEST_DATA "/simulate/election.json"

static const char *const section_keys[] = {"rule", "condition", "scenarios", "offices",
                                           "election"};
#define N_KEYS (sizeof section_keys / sizeof section_keys[0])

/* ---- helpers ---------------------------------------------------------------- */

/* The whole file, read without the library (the reference bytes). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 16384;
            buf = realloc(buf, cap);
            cr_assert_not_null(buf);
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Writes text to a fresh file in /tmp (the content, not a suffix, makes
 * it JSON or CSV); the path is the caller's (free). */
static char *temp_file(const char *text, size_t len)
{
    char *path = strdup("/tmp/ps-document-XXXXXX");
    cr_assert_not_null(path);
    int fd = mkstemp(path);
    cr_assert(fd >= 0, "mkstemp: %s", strerror(errno));
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        cr_assert(w > 0);
        done += (size_t)w;
    }
    close(fd);
    return path;
}

/* What a document says, as text, leaving out its source name: the
 * legislature as JSON, which sections it has, and what each stage reads
 * from it (with the positions kept by the readers). On an error, the
 * error, with its position. The result is the caller's (free). */
static char *summary(const ps_document *doc)
{
    char *out = NULL;
    size_t out_len = 0;
    FILE *f = open_memstream(&out, &out_len);
    cr_assert_not_null(f);
    ps_error err;
    ps_error_clear(&err);
    const ps_legislature *leg = ps_document_legislature(doc);
    const char *src = ps_document_source(doc);
    fprintf(f, "json %d\n", ps_document_is_json(doc));
    for (size_t k = 0; k < N_KEYS; k++)
        fprintf(f, "section %s %d\n", section_keys[k],
                ps_document_has_section(doc, section_keys[k]));
    char *text = NULL;
    if (ps_legislature_to_json(&text, leg, &err) == PS_OK)
        fprintf(f, "legislature\n%s", text);
    else
        fprintf(f, "legislature error %d %s\n", err.code, err.message);
    ps_free(text);
    text = NULL;

    ps_rule *rule = NULL;
    if (ps_rule_from_document(&rule, doc, &err) == PS_OK) {
        fprintf(f, "rule quota %s at %ld:%ld, of_present %d, min_parties %lld, layers %zu\n",
                rule->quota, rule->quota_line, rule->quota_column, rule->of_present,
                (long long)rule->min_parties, rule->n_layers);
        cr_expect_str_eq(rule->source, src, "the rule names the document's source");
        if (ps_rule_describe(&text, leg, rule, &err) == PS_OK)
            fprintf(f, "rule says %s\n", text);
        else
            fprintf(f, "rule describe error %d %ld:%ld %s\n", err.code, err.line, err.column,
                    err.message);
        ps_free(text);
        text = NULL;
    } else {
        fprintf(f, "rule error %d %ld:%ld %s\n", err.code, err.line, err.column, err.message);
    }
    ps_rule_free(rule);

    ps_condition *c = NULL;
    if (ps_condition_from_document(&c, doc, &err) == PS_OK) {
        fprintf(f, "condition declared %d name %s players %zu communities %zu required %llx "
                   "excluded %llx communities_required %llx max_parties %lld incompatible",
                c->declared, c->name ? c->name : "(none)", c->n_players, c->n_communities,
                (unsigned long long)c->required, (unsigned long long)c->excluded,
                (unsigned long long)c->communities_required, (long long)c->max_parties);
        for (size_t i = 0; i < c->n_incompatible; i++)
            fprintf(f, " %llx", (unsigned long long)c->incompatible[i]);
        fputc('\n', f);
    } else {
        fprintf(f, "condition error %d %ld:%ld %s\n", err.code, err.line, err.column,
                err.message);
    }
    ps_condition_free(c);

    ps_scenarios *list = NULL;
    if (ps_scenarios_from_document(&list, doc, &err) == PS_OK) {
        fprintf(f, "scenarios %zu\n", list->n);
        for (size_t i = 0; i < list->n; i++) {
            const ps_scenario *sc = &list->items[i];
            fprintf(f, "scenario %s at %ld:%ld, notes %s, steps %zu\n", sc->name, sc->line,
                    sc->column, sc->notes ? sc->notes : "(none)", sc->n_steps);
            cr_expect(sc->source == NULL || strcmp(sc->source, src) == 0,
                      "scenario %zu names '%s', not the document's source '%s'", i, sc->source,
                      src);
            for (size_t s = 0; s < sc->n_steps; s++) {
                cr_assert_eq(ps_step_describe(&text, &sc->steps[s]), PS_OK);
                fprintf(f, "  step %s at %ld:%ld\n", text, sc->steps[s].line,
                        sc->steps[s].column);
                ps_free(text);
                text = NULL;
            }
        }
    } else {
        fprintf(f, "scenarios error %d %ld:%ld %s\n", err.code, err.line, err.column,
                err.message);
    }
    ps_scenarios_free(list);

    ps_offices *o = NULL;
    if (ps_offices_from_document(&o, doc, &err) == PS_OK) {
        fprintf(f, "offices posts %lld reserved %zu\n", (long long)o->posts, o->n);
        for (size_t i = 0; i < o->n; i++)
            fprintf(f, "office %s = %s at %ld:%ld\n", o->reserved[i].office,
                    o->reserved[i].community, o->reserved[i].line, o->reserved[i].column);
        cr_expect(o->source == NULL || strcmp(o->source, src) == 0,
                  "the offices name '%s', not the document's source '%s'", o->source, src);
    } else {
        fprintf(f, "offices error %d %ld:%ld %s\n", err.code, err.line, err.column, err.message);
    }
    ps_offices_free(o);

    ps_election *e = (ps_election *)1;
    if (ps_election_from_document(&e, doc, &err) == PS_OK) {
        if (!e) {
            fprintf(f, "election none\n");
        } else {
            fprintf(f, "election %s seats %lld line %ld threshold %d exempt %zu\n",
                    ps_method_name(e->rules.method), (long long)e->rules.seats, e->line,
                    (int)e->rules.threshold, e->n_exempt);
            for (size_t i = 0; i < e->n_exempt; i++)
                fprintf(f, "exempt %s at %ld:%ld\n", e->exempt[i], e->exempt_line[i],
                        e->exempt_column[i]);
            cr_expect_str_eq(e->source, src, "the election names the document's source");
        }
        ps_election_free(e);
    } else {
        cr_expect_null(e, "an election that failed is NULL");
        fprintf(f, "election error %d %ld:%ld %s\n", err.code, err.line, err.column,
                err.message);
    }
    fclose(f);
    return out;
}

/* The document at path (which must read) summarised. */
static char *summary_of_path(const char *path)
{
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_load(&doc, path, &err), PS_OK, "%s:%ld:%ld: %s", err.file,
                 err.line, err.column, err.message);
    cr_expect_str_eq(ps_document_source(doc), path);
    char *s = summary(doc);
    ps_document_free(doc);
    return s;
}

/* The same from memory. */
static char *summary_of_text(const char *text, size_t len, const char *source)
{
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, text, len, source, &err), PS_OK, "%s:%ld:%ld: %s",
                 err.file, err.line, err.column, err.message);
    char *s = summary(doc);
    ps_document_free(doc);
    return s;
}

/* Two summaries are equal; on a difference, says where. */
static void expect_same(const char *got, const char *want, const char *what)
{
    if (strcmp(got, want) == 0)
        return;
    size_t i = 0;
    while (got[i] && got[i] == want[i])
        i++;
    size_t from = i > 60 ? i - 60 : 0;
    cr_expect_fail("%s: differs from the path's document at byte %zu:\n...%.120s\n"
                   "instead of\n...%.120s", what, i, got + from, want + from);
}

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
