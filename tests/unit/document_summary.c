/*
 * document_summary.c - helpers of the document tests (document_summary.h):
 * the summary of a document written as text (the legislature written back
 * as JSON, the sections present, the rule's description, the condition's
 * fields, the scenarios' names and steps, the offices, the election), so
 * that every way of reading the same file can be compared with the file
 * read from its path.
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

const char *const section_keys[N_KEYS] = {"rule", "condition", "scenarios", "offices",
                                          "election"};

/* The whole file, read without the library (the reference bytes). */
char *slurp(const char *path, size_t *len)
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
char *temp_file(const char *text, size_t len)
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
char *summary(const ps_document *doc)
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
char *summary_of_path(const char *path)
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
char *summary_of_text(const char *text, size_t len, const char *source)
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
void expect_same(const char *got, const char *want, const char *what)
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

