/*
 * test_io.c - the io stage: the JSON and CSV readers, files and format
 * sniffing, vote tables, and allocation failures in every reader. (The
 * legislature formats themselves are tested in test_legislature.c.)
 *
 * Every error is checked with its exact message and position, because the
 * position is the feature: a user must be able to jump to the value.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_reader.h"
#include "util.h"
#include "json_reader.h"
#include "powershare/powershare.h"

#include "expect_error.h"



static int json(const char *text)
{
    psi_json_doc *doc = NULL;
    ps_error_clear(&err);
    int rc = psi_json_parse(&doc, text, strlen(text), "t.json", &err);
    psi_json_free(doc);
    return rc;
}

static int votes_csv(const char *text)
{
    ps_votes *v = NULL;
    ps_error_clear(&err);
    int rc = ps_votes_read_csv(&v, text, strlen(text), "v.csv", &err);
    ps_votes_free(v);
    return rc;
}

/* ---- JSON reader ---------------------------------------------------------- */

Test(json, positions_count_characters_not_bytes)
{
    const char *text = "{\"é\": [1, \"ü\",\n  -2.5e1]}";
    psi_json_doc *doc;
    cr_assert_eq(psi_json_parse(&doc, text, strlen(text), "t", &err), 0);
    const psi_json *root = psi_json_root(doc);
    const psi_json_member *m = psi_json_member_get(root, "é");
    cr_assert(m);
    cr_expect_eq(m->line, 1);
    cr_expect_eq(m->column, 2);
    const psi_json *arr = m->value;
    cr_expect_eq(arr->column, 7);
    cr_expect_eq(psi_json_at(arr, 1)->column, 11);
    cr_expect_str_eq(psi_json_at(arr, 1)->text, "ü");
    const psi_json *num = psi_json_at(arr, 2);
    cr_expect_eq(num->kind, PSI_JSON_NUMBER);
    cr_expect_eq(num->line, 2);
    cr_expect_eq(num->column, 3);
    cr_expect_eq(num->number, -25.0);
    cr_expect_str_eq(num->text, "-2.5e1");
    cr_expect_null(psi_json_at(arr, 3));
    cr_expect_null(psi_json_get(root, "missing"));
    psi_json_free(doc);
}

Test(json, integers_are_exact_to_64_bits)
{
    const char *text = "[9223372036854775807, -9223372036854775808, 0, -0]";
    psi_json_doc *doc;
    cr_assert_eq(psi_json_parse(&doc, text, strlen(text), "t", &err), 0);
    const psi_json *a = psi_json_root(doc);
    cr_expect_eq(a->items[0]->kind, PSI_JSON_INT);
    cr_expect_eq(a->items[0]->integer, INT64_MAX);
    cr_expect_eq(a->items[1]->integer, INT64_MIN);
    cr_expect_eq(a->items[3]->integer, 0);
    psi_json_free(doc);
    expect_at(json("{\"seats\": 9223372036854775808}"), PS_ERANGE, 1, 11,
                 "number too large: 9223372036854775808 does not fit in 64 bits (the largest "
                 "is 2^63-1 = 9223372036854775807)");
    expect_at(json("[-9223372036854775809]"), PS_ERANGE, 1, 2,
                 "number too large: -9223372036854775809 does not fit in 64 bits (the "
                 "smallest is -9223372036854775808)");
    expect_at(json("[1e999]"), PS_ERANGE, 1, 2, "number out of range: 1e999");
}

Test(json, strings_decode_escapes_and_surrogate_pairs)
{
    const char *text = "[\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\"]";
    psi_json_doc *doc;
    cr_assert_eq(psi_json_parse(&doc, text, strlen(text), "t", &err), 0, "%s", err.message);
    const psi_json *s = psi_json_root(doc)->items[0];
    cr_expect_str_eq(s->text, "a\"\\/\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    cr_expect_eq(s->text_len, strlen(s->text));
    psi_json_free(doc);
    expect_at(json("[\"\\ud83d\"]"), PS_EPARSE, 1, 3, "lone high surrogate \\uD83D; expected "
                 "a low surrogate (\\uDC00-\\uDFFF) right after it");
    expect_at(json("[\"x\\udc00\"]"), PS_EPARSE, 1, 4, "lone low surrogate \\uDC00; expected "
                 "a high surrogate (\\uD800-\\uDBFF) before it");
    expect_at(json("[\"\\u0000\"]"), PS_EPARSE, 1, 3, "\\u0000 (NUL) is not allowed in strings");
    expect_at(json("[\"\\u12\"]"), PS_EPARSE, 1, 3, "expected 4 hex digits after \\u");
    expect_at(json("[\"\\x\"]"), PS_EPARSE, 1, 3, "invalid escape '\\x'; expected one of "
                 "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    expect_at(json("[\"ab\tc\"]"), PS_EPARSE, 1, 5, "control character U+0009 inside a "
                 "string; write it as an escape such as \\t or \\u0009");
    expect_at(json("{\"name\": \"abc\n}"), PS_EPARSE, 1, 14,
                 "line break inside a string (missing closing '\"'?)");
    expect_at(json("[\"abc"), PS_EPARSE, 1, 2, "unterminated string; expected a closing '\"'");
}

Test(json, syntax_errors_say_what_was_expected)
{
    expect_at(json("{\"a\": 1"), PS_EPARSE, 1, 8,
                 "expected ',' or '}' after object member, got end of file");
    expect_at(json("{\"a\": 1 \"b\": 2}"), PS_EPARSE, 1, 9,
                 "expected ',' or '}' after object member, got a string");
    expect_at(json("{\"parties\": [\n  {\"id\": \"a\"},\n"), PS_EPARSE, 3, 1,
                 "expected a value after ',', got end of file");
    expect_at(json("{\"parties\": ["), PS_EPARSE, 1, 14,
                 "expected a value or ']', got end of file");
    expect_at(json("[1 2]"), PS_EPARSE, 1, 4, "expected ',' or ']' after array item, got a "
                 "number");
    expect_at(json("{\"a\" 1}"), PS_EPARSE, 1, 6, "expected ':' after key 'a', got a number");
    expect_at(json("{1: 2}"), PS_EPARSE, 1, 2, "expected a string key or '}', got a number");
    expect_at(json("[1,]"), PS_EPARSE, 1, 4, "trailing comma before ']' is not allowed in JSON");
    expect_at(json("{\"a\": 1,}"), PS_EPARSE, 1, 9,
                 "trailing comma before '}' is not allowed in JSON");
    expect_at(json("{'a': 1}"), PS_EPARSE, 1, 2,
                 "keys must be in double quotes, not single quotes");
    expect_at(json("[// hi\n1]"), PS_EPARSE, 1, 2, "comments are not allowed in JSON");
    expect_at(json("[01]"), PS_EPARSE, 1, 2, "leading zeros are not allowed in numbers");
    expect_at(json("[1.]"), PS_EPARSE, 1, 4, "expected a digit after '.', got ']'");
    expect_at(json("[1e+]"), PS_EPARSE, 1, 5, "expected a digit in the exponent, got ']'");
    expect_at(json("[-x]"), PS_EPARSE, 1, 3, "expected a digit after '-', got 'x'");
    expect_at(json("[+1]"), PS_EPARSE, 1, 2, "a number must not start with '+'");
    expect_at(json("[tru]"), PS_EPARSE, 1, 2, "expected a value or ']', got 'tru'");
    expect_at(json("[NaN]"), PS_EPARSE, 1, 2, "expected a value or ']', got 'NaN'");
    expect_at(json("{} x"), PS_EPARSE, 1, 4,
                 "expected end of input after the top-level value, got 'x'");
    expect_at(json(""), PS_EPARSE, 0, 0, "empty input; expected a JSON value");
    expect_at(json(" \n "), PS_EPARSE, 2, 2, "only white space; expected a JSON value");
    cr_expect_eq(json("[true, false, null, {}, [], \"\"]"), 0);
}

Test(json, duplicate_keys_name_the_first)
{
    expect_at(json("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}"), PS_EPARSE, 3, 2,
                 "duplicate key 'a' (first at line 1, column 2)");
    /* Large objects take the sorted path; the first duplicate still wins. */
    char text[2048] = "{";
    for (int i = 0; i < 40; i++)
        sprintf(text + strlen(text), "\"k%d\": %d, ", i, i);
    strcat(text, "\"k7\": 0, \"k3\": 0}");
    expect_at(json(text), PS_EPARSE, 1, 422, "duplicate key 'k7' (first at line 1, column 65)");
}

Test(json, nesting_is_limited)
{
    char text[300];
    memset(text, '[', 64);
    memset(text + 64, ']', 64);
    text[128] = '\0';
    cr_expect_eq(json(text), 0, "%s", err.message);
    memset(text, '[', 65);
    memset(text + 65, ']', 65);
    text[130] = '\0';
    expect_at(json(text), PS_EPARSE, 1, 65, "nesting deeper than 64 levels");
}

Test(json, encoding_is_checked_first)
{
    /* a leading byte-order mark is skipped (Excel's "CSV UTF-8") */
    cr_expect_eq(json("\xef\xbb\xbf{}"), 0, "%s", err.message);
    psi_json_doc *doc = NULL;
    expect_at(psi_json_parse(&doc, "{\"a\":\0 1}", 9, "t", &err), PS_EPARSE, 1, 6,
                 "NUL byte in text (is this a binary file?)");
    const char *tail = " (is the file in another encoding such as Windows-1256 or Latin-1? save "
                       "it as UTF-8)";
    char msg[256];
    snprintf(msg, sizeof msg, "invalid UTF-8: byte 0xE9%s", tail);
    expect_at(json("{\"caf\xe9\": 1}"), PS_EPARSE, 1, 6, msg);
    snprintf(msg, sizeof msg, "invalid UTF-8: overlong sequence starting with byte 0xC0%s", tail);
    expect_at(json("[\"\xc0\x80\"]"), PS_EPARSE, 1, 3, msg);
    snprintf(msg, sizeof msg, "invalid UTF-8: overlong sequence starting with byte 0xE0%s", tail);
    expect_at(json("[\"\xe0\x80\xaf\"]"), PS_EPARSE, 1, 3, msg);
    expect_at(json("[\"\xed\xa0\x80\"]"), PS_EPARSE, 1, 3,
                 "invalid UTF-8: encoded surrogate U+D800");
    snprintf(msg, sizeof msg, "invalid UTF-8: byte 0xF5%s", tail);
    expect_at(json("[\"\xf5\x80\x80\x80\"]"), PS_EPARSE, 1, 3, msg);
    expect_at(json("[\"\xf4\x90\x80\x80\"]"), PS_EPARSE, 1, 3,
                 "invalid UTF-8: code point U+110000 is beyond U+10FFFF");
    snprintf(msg, sizeof msg, "invalid UTF-8: unexpected continuation byte 0x80%s", tail);
    expect_at(json("\n [\"\x80\"]"), PS_EPARSE, 2, 4, msg);
    snprintf(msg, sizeof msg, "invalid UTF-8: truncated sequence at end of file, byte 0xE2%s",
             tail);
    expect_at(json("[\"\xe2\x82"), PS_EPARSE, 1, 3, msg);
}

Test(json, checked_access_messages)
{
    const char *text = "{\"seat\": 1, \"n\": \"x\", \"f\": 2.5, \"w\": 2.0, \"neg\": -3}";
    psi_json_doc *doc;
    cr_assert_eq(psi_json_parse(&doc, text, strlen(text), "t", &err), 0);
    const psi_json *o = psi_json_root(doc);
    static const char *const keys[] = {"seats", "n", "f", "w", "neg", NULL};
    expect_at(psi_json_check_keys(o, keys, "party", "t", &err), PS_EDATA, 1, 2,
                 "unknown key 'seat' in party (did you mean 'seats'?); allowed keys: seats, n, "
                 "f, w, neg");
    int64_t v;
    expect_at(psi_json_int(&v, psi_json_get(o, "n"), 0, "n", "t", &err), PS_EDATA, 1, 18,
                 "expected an integer for 'n', got a string");
    expect_at(psi_json_int(&v, psi_json_get(o, "f"), 0, "f", "t", &err), PS_EDATA, 1, 28,
                 "'f' must be a whole number, got 2.5");
    expect_at(psi_json_int(&v, psi_json_get(o, "w"), 0, "w", "t", &err), PS_EDATA, 1, 38,
                 "expected an integer for 'w', got 2.0 (write whole numbers without a decimal "
                 "point or exponent)");
    expect_at(psi_json_int(&v, psi_json_get(o, "neg"), 0, "neg", "t", &err), PS_EDATA, 1, 50,
                 "'neg' must not be negative, got -3");
    double d;
    cr_expect_eq(psi_json_double(&d, psi_json_get(o, "neg"), "neg", "t", &err), 0);
    cr_expect_eq(d, -3.0);
    cr_expect_str_eq(psi_json_describe(o), "an object");
    psi_json_free(doc);
}

/* ---- CSV reader ----------------------------------------------------------- */

static int csv_all(const char *text, size_t len, size_t *records)
{
    psi_csv *csv;
    ps_error_clear(&err);
    int rc = psi_csv_open(&csv, text, len, "t.csv", &err);
    if (rc < 0)
        return rc;
    const psi_csv_field *f;
    size_t n;
    *records = 0;
    while ((rc = psi_csv_next(csv, &f, &n, &err)) > 0)
        (*records)++;
    psi_csv_free(csv);
    return rc;
}

static int csv_str(const char *text)
{
    size_t n;
    return csv_all(text, strlen(text), &n);
}

Test(csv, quotes_newlines_and_positions)
{
    const char *text = "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\né,,\"\"\n"
                       "last,row,here";
    psi_csv *csv;
    cr_assert_eq(psi_csv_open(&csv, text, strlen(text), "t.csv", &err), 0);
    const psi_csv_field *f;
    size_t n;
    cr_assert_eq(psi_csv_header(csv, &f, &n, &err), 0);
    cr_expect_eq(n, 3);
    cr_expect_eq(psi_csv_find(f, n, "c"), 2);
    cr_expect_eq(psi_csv_find(f, n, "d"), -1);
    cr_assert_eq(psi_csv_next(csv, &f, &n, &err), 1);
    cr_expect_str_eq(f[0].text, "x,1");
    cr_expect_str_eq(f[1].text, "say \"hi\"");
    cr_expect_str_eq(f[2].text, "two\nlines");
    cr_expect(f[2].quoted);
    cr_expect_eq(f[1].line, 2);
    cr_expect_eq(f[1].column, 7);
    cr_assert_eq(psi_csv_next(csv, &f, &n, &err), 1);
    cr_expect_eq(f[0].line, 5, "the blank line is skipped");
    cr_expect_str_eq(f[0].text, "é");
    cr_expect_eq(f[1].column, 3);
    cr_expect_eq(f[1].len, 0);
    cr_expect_eq(f[2].column, 4, "columns count characters");
    cr_expect_str_eq(f[2].text, "");
    cr_assert_eq(psi_csv_next(csv, &f, &n, &err), 1);
    cr_expect_str_eq(f[2].text, "here", "no newline at the end is fine");
    cr_expect_eq(psi_csv_next(csv, &f, &n, &err), 0);
    psi_csv_free(csv);
}

Test(csv, errors_with_positions)
{
    expect_at(csv_str("a,b\n1,\"2\n"), PS_EPARSE, 2, 3,
                 "unterminated quoted field; expected a closing '\"'");
    expect_at(csv_str("a,b\n1,x\"y\n"), PS_EPARSE, 2, 4,
                 "quote inside an unquoted field; enclose the whole field in double quotes and "
                 "double the quotes inside it");
    expect_at(csv_str("a,b\n\"1\"x,2\n"), PS_EPARSE, 2, 4,
                 "text after the closing quote of a field; expected ',' or the end of the line");
    expect_at(csv_str("a,b\n1,2,3\n"), PS_EPARSE, 2, 5,
                 "record at line 2 has 3 fields; expected 2 as in the header");
    expect_at(csv_str("a,b\n1,2\n3\n"), PS_EPARSE, 3, 2,
                 "record at line 3 has 1 field; expected 2 as in the header");
    expect_at(csv_str("a,b\r1,2\n"), PS_EPARSE, 1, 4,
                 "carriage return without a line feed; expected LF or CRLF line ends");
    cr_expect_eq(csv_str("\xef\xbb\xbfparty,votes\n"), 0, "%s", err.message);
    size_t n;
    expect_at(csv_all("a,b\n1,\0\n", 8, &n), PS_EPARSE, 2, 3,
                 "NUL byte in text (is this a binary file?)");
    cr_expect_eq(csv_str("a,b\n1,\xff\n"), PS_EPARSE);
    cr_expect_eq(err.line, 2);
    cr_expect_eq(err.column, 3);
    cr_expect_eq(csv_all("", 0, &n), 0);
    cr_expect_eq(n, 0);
    cr_expect_eq(csv_all("a\n\n\n", 4, &n), 0);
    cr_expect_eq(n, 1);
}

Test(csv, header_checks)
{
    psi_csv *csv;
    const psi_csv_field *f;
    size_t n;
    const char *cases[][2] = {
        {"a,,c\n", "empty column name in the header (column 2)"},
        {"a,b,a\n", "duplicate column 'a' (first at column 1)"},
        {"a, b\n", "column name ' b' has leading or trailing spaces"},
    };
    long cols[] = {3, 5, 3};
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(psi_csv_open(&csv, cases[i][0], strlen(cases[i][0]), "h.csv", &err), 0);
        expect_at(psi_csv_header(csv, &f, &n, &err), PS_EPARSE, 1, cols[i], cases[i][1]);
        psi_csv_free(csv);
    }
    cr_assert_eq(psi_csv_open(&csv, "", 0, "h.csv", &err), 0);
    expect_at(psi_csv_header(csv, &f, &n, &err), PS_EPARSE, 0, 0,
                 "empty file; expected a header line naming the columns");
    psi_csv_free(csv);
}

/* ---- files and format sniffing -------------------------------------------- */

Test(files, load_errors)
{
    ps_legislature *leg = NULL;
    expect_at(ps_legislature_load(&leg, IO_DATA "/no-such-file.json", &err), PS_EIO, 0, 0,
                 "no such file");
    cr_expect_str_eq(err.file, IO_DATA "/no-such-file.json");
    expect_at(ps_legislature_load(&leg, IO_DATA, &err), PS_EIO, 0, 0,
                 "is a directory, not a file");
    expect_at(ps_legislature_load(&leg, IO_DATA "/empty.json", &err), PS_EPARSE, 0, 0,
                 "empty file; expected a JSON object or a CSV header line with a 'party' column");
    expect_at(ps_legislature_load(&leg, IO_DATA "/blank.csv", &err), PS_EPARSE, 0, 0,
                 "file holds only white space; expected a JSON object or a CSV header line "
                 "with a 'party' column");
    expect_at(ps_legislature_load(&leg, IO_DATA "/not_a_legislature.txt", &err), PS_EPARSE,
                 2, 3, "not a JSON or CSV legislature; expected a JSON object or a CSV header "
                 "line with a 'party' column");
    /* the same file with a byte-order mark reads as without it */
    cr_assert_eq(ps_legislature_load(&leg, IO_DATA "/bom.json", &err), 0, "%s", err.message);
    ps_legislature_free(leg);
    leg = NULL;
    cr_assert_eq(ps_legislature_load(&leg, IO_DATA "/small.json", &err), 0, "%s", err.message);
    cr_expect_eq(leg->total_seats, 5);
    ps_legislature_free(leg);
}

Test(files, unreadable_file)
{
    if (geteuid() == 0)
        cr_skip_test("root can read a file without permissions");
    char path[] = "/tmp/ps_io_test_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    chmod(path, 0);
    char *text;
    size_t len;
    expect_at(ps_file_read(&text, &len, path, &err), PS_EIO, 0, 0,
                 "permission denied (cannot read it)");
    unlink(path);
}

Test(files, read_whole_file)
{
    char *text;
    size_t len;
    cr_assert_eq(ps_file_read(&text, &len, IO_DATA "/crlf.csv", &err), 0);
    cr_expect_eq(len, 25);
    cr_expect_eq(text[len], '\0');
    ps_free(text);
}

/* ---- votes, counts, district seats ---------------------------------------- */

Test(votes, districts_keep_file_order)
{
    ps_votes *v;
    cr_assert_eq(ps_votes_load(&v, IO_DATA "/votes_districts.csv", &err), 0, "%s", err.message);
    cr_assert_eq(v->n_parties, 4);
    cr_assert_eq(v->n_districts, 2);
    const char *order[] = {"CVP", "SPGB", "FDP", "SVP"};
    for (int i = 0; i < 4; i++)
        cr_expect_str_eq(v->parties[i], order[i]);
    cr_expect_str_eq(v->districts[1], "Buerglen");
    cr_expect_eq(v->votes[0 * 2 + 1], 2822);
    cr_expect_eq(v->votes[1 * 2 + 0], 11908);
    cr_expect_eq(v->votes[2 * 2 + 1], 0, "FDP is absent from Buerglen");
    cr_expect_eq(v->votes[3 * 2 + 0], 0);
    cr_expect_eq(v->party_lines[3], 7);
    cr_expect_null(v->direct_wins);
    ps_votes_free(v);
}

Test(votes, plain_table_and_direct_wins)
{
    const char *text = "votes,party,direct_wins\n10,b,\n30,a,2\n";
    ps_votes *v;
    cr_assert_eq(ps_votes_read_csv(&v, text, strlen(text), "v.csv", &err), 0, "%s", err.message);
    cr_expect_eq(v->n_districts, 0);
    cr_expect_str_eq(v->parties[0], "b");
    cr_expect_eq(v->votes[1], 30);
    cr_expect_eq(v->direct_wins[0], 0);
    cr_expect_eq(v->direct_wins[1], 2);
    ps_votes_free(v);
}

Test(votes, errors)
{
    expect_at(votes_csv("party,votes,seats\n"), PS_EDATA, 1, 13,
                 "unknown column 'seats'; expected party, votes, district, direct_wins");
    expect_at(votes_csv("party,district\n"), PS_EDATA, 1, 0,
                 "missing column 'votes'; expected party, votes, district, direct_wins");
    expect_at(votes_csv("party,votes\na,-5\n"), PS_EDATA, 2, 3,
                 "'votes' must not be negative, got -5");
    expect_at(votes_csv("party,votes\na,\n"), PS_EDATA, 2, 3,
                 "empty cell; expected a whole number for 'votes'");
    expect_at(votes_csv("party,district,votes\na,x,1\nb,x,2\na,y,3\na,x,4\n"), PS_EDATA, 5, 1,
                 "party 'a' listed twice in district 'x' (first at line 2)");
    expect_at(votes_csv("party,votes\na,1\na,1\n"), PS_EDATA, 3, 1,
                 "party 'a' listed twice (first at line 2)");
    expect_at(votes_csv("party,votes\n"), PS_EDATA, 0, 0,
                 "no rows after the header; expected one row per party (and district)");
    expect_at(votes_csv("party,votes\na,9223372036854775807\nb,1\n"), PS_ERANGE, 3, 3,
                 "the votes add up to more than 2^63-1");
    expect_at(votes_csv("party,votes\na,9223372036854775808\n"), PS_ERANGE, 2, 3,
                 "number too large for 'votes': 9223372036854775808 does not fit in 64 bits "
                 "(the largest is 2^63-1 = 9223372036854775807)");
}

Test(votes, many_parties_and_districts)
{
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_puts(&b, "party,district,votes\n");
    for (int d = 0; d < 300; d++)
        for (int p = 0; p < 40; p++)
            psi_buf_printf(&b, "p%d,d%d,%d\n", (p * 7) % 40, d, p + d);
    char *text = psi_buf_take(&b);
    ps_votes *v;
    cr_assert_eq(ps_votes_read_csv(&v, text, strlen(text), "big", &err), 0, "%s", err.message);
    cr_expect_eq(v->n_parties, 40);
    cr_expect_eq(v->n_districts, 300);
    cr_expect_str_eq(v->parties[1], "p7");
    cr_expect_eq(v->votes[1 * 300 + 299], 1 + 299);
    ps_votes_free(v);
    ps_free(text);
}

Test(votes, party_counts_and_district_seats)
{
    int64_t wins[3] = {-1, -1, -1};
    char *parties[] = {"CDU", "SPD", "CSU"};
    cr_assert_eq(ps_party_counts_load(wins, parties, 3, IO_DATA "/direct_wins.csv", &err), 0,
                 "%s", err.message);
    cr_expect_eq(wins[0], -1, "not in the file: untouched");
    cr_expect_eq(wins[1], 121);
    cr_expect_eq(wins[2], 45);
    char *two[] = {"CDU", "SPD"};
    int64_t w2[2] = {-1, -1};
    expect_at(ps_party_counts_load(w2, two, 2, IO_DATA "/direct_wins.csv", &err), PS_EDATA,
                 3, 1, "unknown party 'CSU'; expected one of the 2 parties of the votes table");
    cr_expect_eq(w2[1], -1, "nothing is filled on error");
    ps_district_seats *ds;
    cr_assert_eq(ps_district_seats_load(&ds, IO_DATA "/district_seats.csv", &err), 0);
    cr_expect_eq(ds->n, 2);
    cr_expect_str_eq(ds->districts[1], "Buerglen");
    cr_expect_eq(ds->seats[0], 15);
    ps_district_seats_free(ds);
    const char *dup = "seats,district\n3,a\n4,a\n";
    expect_at(ps_district_seats_read_csv(&ds, dup, strlen(dup), "d.csv", &err), PS_EDATA, 3, 3,
                 "district 'a' listed twice (first at line 2)");
    const char *bad = "district,seats,x\n";
    expect_at(ps_district_seats_read_csv(&ds, bad, strlen(bad), "d.csv", &err), PS_EDATA, 1,
                 16, "unknown column 'x'; expected district, seats");
}

/* ---- allocation failures -------------------------------------------------- */

typedef int (*reader_fn)(void);

static int load_iraq(void)
{
    ps_legislature *leg = NULL;
    int rc = ps_legislature_load(&leg, IRAQ, &err);
    char *text = NULL;
    if (rc == 0)
        rc = ps_legislature_to_json(&text, leg, &err);
    ps_free(text);
    ps_legislature_free(leg);
    return rc;
}

static int load_csv(void)
{
    ps_legislature *leg = NULL;
    int rc = ps_legislature_load(&leg, IO_DATA "/legislature.csv", &err);
    ps_legislature_free(leg);
    return rc;
}

static int load_votes(void)
{
    ps_votes *v = NULL;
    ps_district_seats *ds = NULL;
    int64_t wins[2];
    char *parties[] = {"SPD", "CSU"};
    int rc = ps_votes_load(&v, IO_DATA "/votes_districts.csv", &err);
    if (rc == 0)
        rc = ps_district_seats_load(&ds, IO_DATA "/district_seats.csv", &err);
    if (rc == 0)
        rc = ps_party_counts_load(wins, parties, 2, IO_DATA "/direct_wins.csv", &err);
    ps_votes_free(v);
    ps_district_seats_free(ds);
    return rc;
}

static void torture(reader_fn fn)
{
    long live = psi_alloc_live();
    long n;
    for (n = 0; n < 100000; n++) {
        psi_alloc_fail_after(n);
        ps_error_clear(&err);
        int rc = fn();
        psi_alloc_fail_after(-1);
        cr_assert_eq(psi_alloc_live(), live, "leak after failing allocation %ld", n);
        if (rc == 0)
            break;
        cr_assert_eq(rc, PS_ENOMEM, "allocation %ld: rc %d (%s)", n, rc, err.message);
        cr_assert_eq(err.code, PS_ENOMEM, "allocation %ld: err.code %d", n, err.code);
    }
    cr_expect_gt(n, 3);
}

Test(alloc, readers_fail_cleanly)
{
    torture(load_iraq);
    torture(load_csv);
    torture(load_votes);
}

/* ---- byte-order marks, UTF-16 and UTF-32, the length of text -------------- */

/* (Included here rather than at the top: the tests below were appended
 * while the top of this file was being reworked.) */
#include "text.h"

static int check(const char *text, size_t len)
{
    ps_error_clear(&err);
    return psi_text_check(text, len, "t", &err);
}

Test(encoding, utf8_bom_is_accepted_at_the_start_only)
{
    cr_expect_eq(check("\xef\xbb\xbfparty\n", 9), 0, "%s", err.message);
    cr_expect_eq(check("\xef\xbb\xbf", 3), 0, "a mark alone is an empty text");
    /* the mark takes no column: the first character after it is column 1 */
    const char *tail = " (is the file in another encoding such as Windows-1256 or Latin-1? save "
                       "it as UTF-8)";
    char msg[256];
    snprintf(msg, sizeof msg, "invalid UTF-8: byte 0xFF%s", tail);
    expect_at(check("\xef\xbb\xbf\xff", 4), PS_EPARSE, 1, 1, msg);
    expect_at(check("\xef\xbb\xbf" "ab\xff", 6), PS_EPARSE, 1, 3, msg);
    /* elsewhere U+FEFF is refused: invisible in a name, it makes two ids of one */
    static const char twice[] = "byte-order mark (U+FEFF) inside the text; only the start of a "
                                "file may have one (were two files joined?)";
    expect_at(check("\xef\xbb\xbf\xef\xbb\xbf", 6), PS_EPARSE, 1, 1, twice);
    expect_at(check("a,b\n1,\xef\xbb\xbf" "2\n", 11), PS_EPARSE, 2, 3, twice);
    expect_at(check("x\xef\xbb\xbf", 4), PS_EPARSE, 1, 2, twice);
    expect_at(check("\xef\xbb", 2), PS_EPARSE, 1, 1, "invalid UTF-8: truncated sequence at end "
              "of file, byte 0xEF (is the file in another encoding such as Windows-1256 or "
              "Latin-1? save it as UTF-8)");
}

Test(encoding, json_reader_skips_the_bom)
{
    const char *plain = "{\"a\": [1,\n  \"\xc3\xa9\"]}";
    const char *marked = "\xef\xbb\xbf{\"a\": [1,\n  \"\xc3\xa9\"]}";
    psi_json_doc *d1, *d2;
    cr_assert_eq(psi_json_parse(&d1, plain, strlen(plain), "t", &err), 0, "%s", err.message);
    cr_assert_eq(psi_json_parse(&d2, marked, strlen(marked), "t", &err), 0, "%s", err.message);
    const psi_json *r1 = psi_json_root(d1), *r2 = psi_json_root(d2);
    cr_expect_eq(r2->line, 1);
    cr_expect_eq(r2->column, 1);
    cr_expect_eq(r2->members[0].column, r1->members[0].column);
    const psi_json *s1 = psi_json_at(r1->members[0].value, 1);
    const psi_json *s2 = psi_json_at(r2->members[0].value, 1);
    cr_expect_eq(s2->line, 2);
    cr_expect_eq(s2->column, s1->column);
    cr_expect_str_eq(s2->text, "\xc3\xa9");
    psi_json_free(d1);
    psi_json_free(d2);
    /* errors on line 1 are at the column they have without the mark */
    expect_at(json("\xef\xbb\xbf{\"a\": 1,}"), PS_EPARSE, 1, 9,
              "trailing comma before '}' is not allowed in JSON");
    expect_at(json("\xef\xbb\xbf"), PS_EPARSE, 0, 0, "empty input; expected a JSON value");
    expect_at(json("\xef\xbb\xbf \r\n"), PS_EPARSE, 2, 1,
              "only white space; expected a JSON value");
    cr_expect_eq(json("\xef\xbb\xbf{\r\n\"a\": 1\r\n}\r\n"), 0, "a mark and CRLF: %s",
                 err.message);
}

Test(encoding, csv_reader_skips_the_bom)
{
    psi_csv *csv;
    const psi_csv_field *f;
    size_t n;
    const char *text = "\xef\xbb\xbfparty,votes\r\nA,5\r\n";
    cr_assert_eq(psi_csv_open(&csv, text, strlen(text), "t.csv", &err), 0, "%s", err.message);
    cr_assert_eq(psi_csv_header(csv, &f, &n, &err), 0, "%s", err.message);
    cr_expect_str_eq(f[0].text, "party", "the mark is not part of the first name");
    cr_expect_eq(f[0].column, 1);
    cr_expect_eq(f[1].column, 7);
    cr_assert_eq(psi_csv_next(csv, &f, &n, &err), 1);
    cr_expect_eq(f[1].line, 2);
    cr_expect_eq(f[1].column, 3);
    psi_csv_free(csv);
    expect_at(csv_str("\xef\xbb\xbf" "a,b\n1,\"2\n"), PS_EPARSE, 2, 3,
              "unterminated quoted field; expected a closing '\"'");
    expect_at(votes_csv("\xef\xbb\xbfparty,votes,colour\nA,5,red\n"), PS_EDATA, 1, 13,
              "unknown column 'colour'; expected party, votes, district, direct_wins");
    expect_at(votes_csv("\xef\xbb\xbfparty,votes\r\nA,-4\r\n"), PS_EDATA, 2, 3,
              "'votes' must not be negative, got -4");
    cr_assert_eq(psi_csv_open(&csv, "\xef\xbb\xbf", 3, "t.csv", &err), 0);
    expect_at(psi_csv_header(csv, &f, &n, &err), PS_EPARSE, 0, 0,
              "empty file; expected a header line naming the columns");
    psi_csv_free(csv);
}

Test(encoding, bom_in_every_loader)
{
    const char *votes = "\xef\xbb\xbfparty,votes\nA,5\n";
    ps_votes *v = NULL;
    cr_assert_eq(ps_votes_read_csv(&v, votes, strlen(votes), "v.csv", &err), 0, "%s",
                 err.message);
    cr_expect_str_eq(v->parties[0], "A");
    ps_votes_free(v);
    const char *districts = "\xef\xbb\xbf" "district,seats\nN,3\n";
    ps_district_seats *ds = NULL;
    cr_assert_eq(ps_district_seats_read_csv(&ds, districts, strlen(districts), "d.csv", &err),
                 0, "%s", err.message);
    cr_expect_str_eq(ds->districts[0], "N");
    ps_district_seats_free(ds);
    const char *csv = "\xef\xbb\xbfparty,seats\r\nA,3\r\n";
    ps_legislature *leg = NULL;
    cr_assert_eq(ps_legislature_read_csv(&leg, csv, strlen(csv), "l.csv", &err), 0, "%s",
                 err.message);
    cr_expect_str_eq(leg->parties[0].id, "A");
    ps_legislature_free(leg);
    const char *json_text = "\xef\xbb\xbf{\"parties\": [{\"id\": \"A\", \"seats\": 3}]}";
    cr_assert_eq(ps_legislature_read_json(&leg, json_text, strlen(json_text), "l.json", &err),
                 0, "%s", err.message);
    cr_expect_str_eq(leg->parties[0].id, "A");
    ps_legislature_free(leg);
}

/* text as UTF-16 or UTF-32 (width 2 or 4), little- or big-endian, with or
 * without the byte-order mark; every character below U+10000 */
static size_t widen(char *out, const unsigned *cps, size_t n, int width, int big, int bom)
{
    size_t o = 0;
    for (size_t i = bom ? 0 : 1; i <= n; i++) {
        unsigned cp = i == 0 ? 0xFEFF : cps[i - 1];
        for (int b = 0; b < width; b++) {
            int shift = big ? 8 * (width - 1 - b) : 8 * b;
            out[o++] = (char)((cp >> shift) & 0xFF);
        }
    }
    return o;
}

static size_t ascii_cps(unsigned *cps, const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        cps[n] = (unsigned char)s[n];
    return n;
}

Test(encoding, utf16_and_utf32_are_named)
{
    unsigned cps[256];
    char buf[1100];
    size_t n = ascii_cps(cps, "party,votes\r\nA,100\r\nB,50\r\n");
    static const struct {
        int width, big, bom;
        const char *name;
    } cases[] = {
        {2, 0, 1, "UTF-16 (little-endian)"}, {2, 1, 1, "UTF-16 (big-endian)"},
        {2, 0, 0, "UTF-16 (little-endian)"}, {2, 1, 0, "UTF-16 (big-endian)"},
        {4, 0, 1, "UTF-32 (little-endian)"}, {4, 1, 1, "UTF-32 (big-endian)"},
        {4, 0, 0, "UTF-32 (little-endian)"}, {4, 1, 0, "UTF-32 (big-endian)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = widen(buf, cps, n, cases[i].width, cases[i].big, cases[i].bom);
        char msg[160];
        snprintf(msg, sizeof msg, "the file is %s; save it as UTF-8 (in Excel: CSV UTF-8)",
                 cases[i].name);
        expect_at(check(buf, len), PS_EPARSE, 0, 0, msg);
        cr_expect_str_eq(err.file, "t");
        /* the same from the readers, which check first */
        psi_json_doc *doc = NULL;
        expect_at(psi_json_parse(&doc, buf, len, "t", &err), PS_EPARSE, 0, 0, msg);
        psi_csv *csv = NULL;
        expect_at(psi_csv_open(&csv, buf, len, "t", &err), PS_EPARSE, 0, 0, msg);
    }
    /* names in Arabic script bring no NUL byte; the header and digits do */
    n = ascii_cps(cps, "party,name,seats\n");
    for (int row = 0; row < 6; row++) {
        cps[n++] = 'L';
        cps[n++] = (unsigned)('0' + row);
        cps[n++] = ',';
        for (int k = 0; k < 20; k++)
            cps[n++] = 0x0627 + (unsigned)k; /* alef and the letters after it */
        cps[n++] = ',';
        cps[n++] = '9';
        cps[n++] = '\n';
    }
    size_t len = widen(buf, cps, n, 2, 0, 0);
    expect_at(check(buf, len), PS_EPARSE, 0, 0,
              "the file is UTF-16 (little-endian); save it as UTF-8 (in Excel: CSV UTF-8)");
    /* a UTF-8 file with a stray NUL or two is not UTF-16 */
    expect_at(check("party,votes\nA\0B,100\n", 20), PS_EPARSE, 2, 2,
              "NUL byte in text (is this a binary file?)");
    expect_at(check("party,votes\nA\0B\0,100\n", 21), PS_EPARSE, 2, 2,
              "NUL byte in text (is this a binary file?)");
    expect_at(check("\0", 1), PS_EPARSE, 1, 1, "NUL byte in text (is this a binary file?)");
}

/* "<c>" repeated n times, in a static buffer */
static const char *repeat(char c, size_t n)
{
    static char buf[PS_IO_MAX_NOTES_BYTES + 16];
    cr_assert_lt(n, sizeof buf);
    memset(buf, c, n);
    buf[n] = '\0';
    return buf;
}

static int csv_fmt(const char *fmt, const char *cell)
{
    size_t size = strlen(fmt) + strlen(cell) + 1;
    char *text = malloc(size);
    cr_assert_not_null(text);
    snprintf(text, size, fmt, cell);
    size_t n;
    int rc = csv_all(text, strlen(text), &n);
    free(text);
    return rc;
}

static int json_fmt(const char *fmt, const char *s)
{
    size_t size = strlen(fmt) + strlen(s) + 1;
    char *text = malloc(size);
    cr_assert_not_null(text);
    snprintf(text, size, fmt, s);
    int rc = json(text);
    free(text);
    return rc;
}

Test(text_limit, csv_cells)
{
    cr_expect_eq(PS_IO_MAX_TEXT_BYTES, 1000);
    cr_expect_eq(csv_fmt("party,votes\n%s,1\n", repeat('x', 1000)), 0, "%s", err.message);
    expect_at(csv_fmt("party,votes\nA,1\n%s,1\n", repeat('x', 1001)), PS_ERANGE, 3, 1,
              "'party' is 1,001 bytes long; the limit is 1000 bytes");
    expect_at(csv_fmt("party,votes\nA,\"%s\"\n", repeat('9', 2000)), PS_ERANGE, 2, 3,
              "'votes' is 2,000 bytes long; the limit is 1000 bytes");
    expect_at(csv_fmt("party,%s\n", repeat('v', 1001)), PS_ERANGE, 1, 7,
              "column name is 1,001 bytes long; the limit is 1000 bytes");
    /* a cell past the header's columns has no name; its length is checked
     * before the count of fields */
    expect_at(csv_fmt("party\nA,%s\n", repeat('x', 1001)), PS_ERANGE, 2, 3,
              "cell is 1,001 bytes long; the limit is 1000 bytes");
    /* bytes, not characters: 600 x "é" is 1,200 bytes */
    char *wide = malloc(1300);
    cr_assert_not_null(wide);
    for (int i = 0; i < 600; i++)
        memcpy(wide + 2 * i, "\xc3\xa9", 2);
    wide[1200] = '\0';
    expect_at(csv_fmt("district,seats\n%s,3\n", wide), PS_ERANGE, 2, 1,
              "'district' is 1,200 bytes long; the limit is 1000 bytes");
    free(wide);
    /* doubled quotes count once, as read */
    char *quoted = malloc(2100);
    cr_assert_not_null(quoted);
    for (int i = 0; i < 1000; i++)
        memcpy(quoted + 2 * i, "\"\"", 2);
    quoted[2000] = '\0';
    cr_expect_eq(csv_fmt("party,votes\n\"%s\",1\n", quoted), 0, "%s", err.message);
    free(quoted);
    /* free text: 'source' and 'notes' columns take up to PS_IO_MAX_NOTES_BYTES */
    cr_expect_eq(csv_fmt("party,source\nA,%s\n", repeat('s', 5000)), 0, "%s", err.message);
    expect_at(csv_fmt("party,notes\nA,%s\n", repeat('s', PS_IO_MAX_NOTES_BYTES + 1)), PS_ERANGE,
              2, 3, "'notes' is 65,537 bytes long; the limit is 65536 bytes");
}

Test(text_limit, json_strings_and_keys)
{
    cr_expect_eq(json_fmt("{\"name\": \"%s\"}", repeat('x', 1000)), 0, "%s", err.message);
    expect_at(json_fmt("{\"a\": 1,\n \"name\": \"%s\"}", repeat('x', 1001)), PS_ERANGE, 2, 10,
              "'name' is 1,001 bytes long; the limit is 1000 bytes");
    expect_at(json_fmt("[\"a\", \"%s\"]", repeat('x', 50000)), PS_ERANGE, 1, 7,
              "string is 50,000 bytes long; the limit is 1000 bytes");
    expect_at(json_fmt("{\"%s\": 1}", repeat('k', 1001)), PS_ERANGE, 1, 2,
              "key is 1,001 bytes long; the limit is 1000 bytes");
    /* decoded bytes count: 1000 escapes of 6 characters are 1000 bytes */
    char *esc = malloc(7000);
    cr_assert_not_null(esc);
    for (int i = 0; i < 1000; i++)
        memcpy(esc + 6 * i, "\\u0041", 6);
    esc[6000] = '\0';
    cr_expect_eq(json_fmt("{\"id\": \"%s\"}", esc), 0, "%s", err.message);
    free(esc);
    /* free text, as data/iraq-2014.json's notes (1,777 bytes) */
    cr_expect_eq(json_fmt("{\"notes\": \"%s\"}", repeat('n', 5000)), 0, "%s", err.message);
    cr_expect_eq(json_fmt("{\"p\": {\"source\": \"%s\"}}", repeat('n', 5000)), 0, "%s",
                 err.message);
    expect_at(json_fmt("{\"notes\": \"%s\"}", repeat('n', PS_IO_MAX_NOTES_BYTES + 1)), PS_ERANGE,
              1, 11, "'notes' is 65,537 bytes long; the limit is 65536 bytes");
    /* only the string right under the key: not the items of an array there */
    expect_at(json_fmt("{\"notes\": [\"%s\"]}", repeat('n', 1001)), PS_ERANGE, 1, 12,
              "string is 1,001 bytes long; the limit is 1000 bytes");
    /* nor the key after it */
    expect_at(json_fmt("{\"notes\": {\"x\": \"%s\"}}", repeat('n', 1001)), PS_ERANGE, 1, 17,
              "'x' is 1,001 bytes long; the limit is 1000 bytes");
}

Test(text_limit, legislature_party_name)
{
    ps_legislature *leg = NULL;
    size_t size = 64 + 2000;
    char *text = malloc(size);
    cr_assert_not_null(text);
    snprintf(text, size, "party,name,seats\nA,%s,3\n", repeat('x', 2000));
    expect_at(ps_legislature_read_csv(&leg, text, strlen(text), "l.csv", &err), PS_ERANGE, 2, 3,
              "'name' is 2,000 bytes long; the limit is 1000 bytes");
    cr_expect_null(leg);
    cr_expect_str_eq(err.file, "l.csv");
    free(text);
}

/* ---- column names ignore case; misspellings; semicolons (issue 13) ------- */

Test(csv_columns, names_ignore_ascii_case)
{
    cr_expect(psi_csv_name_is("Votes", "votes"));
    cr_expect(psi_csv_name_is("PARTY", "party"));
    cr_expect(!psi_csv_name_is("vote", "votes"));
    cr_expect(!psi_csv_name_is("votes", "vote"));
    cr_expect(!psi_csv_name_is("v\xc3\xb6tes", "votes"), "only ASCII letters fold");
    static const char *const known[] = {"party", "name", "seats", "votes", "community", NULL};
    cr_expect_str_eq(psi_csv_suggest("vote", known), "votes");
    cr_expect_str_eq(psi_csv_suggest("Seat", known), "seats");
    cr_expect_str_eq(psi_csv_suggest("comunity", known), "community");
    cr_expect_str_eq(psi_csv_suggest("prty", known), "party");
    cr_expect_null(psi_csv_suggest("left_right", known));
    cr_expect_null(psi_csv_suggest("x", known), "a name of one letter suggests nothing");
}

Test(csv_columns, semicolon_header)
{
    cr_expect(psi_csv_semicolon_line("party;votes\nA,1\n", 16));
    cr_expect(!psi_csv_semicolon_line("party,votes;x\n", 14));
    cr_expect(!psi_csv_semicolon_line("party\nA;1\n", 10), "only the first line counts");
    psi_csv *csv = NULL;
    const psi_csv_field *f;
    size_t n;
    const char *text = "party;votes\nA;1\n";
    cr_assert_eq(psi_csv_open(&csv, text, strlen(text), "t.csv", &err), 0);
    expect_at(psi_csv_header(csv, &f, &n, &err), PS_EPARSE, 1, 1,
              "the file looks semicolon-separated (as Excel writes in some locales); save it "
              "with commas");
    psi_csv_free(csv);
    /* a quoted name holding ';' is a name */
    text = "\"a;b\"\n1\n";
    cr_assert_eq(psi_csv_open(&csv, text, strlen(text), "t.csv", &err), 0);
    cr_expect_eq(psi_csv_header(csv, &f, &n, &err), 0, "%s", err.message);
    cr_expect_eq(psi_csv_find(f, n, "A;B"), 0);
    psi_csv_free(csv);
}

Test(csv_columns, votes_districts_and_polls_ignore_case)
{
    ps_votes *v = NULL;
    const char *votes = "Party,District,Votes,Direct_Wins\nA,North,10,1\nB,North,5,\n";
    cr_assert_eq(ps_votes_read_csv(&v, votes, strlen(votes), "v.csv", &err), 0, "%s",
                 err.message);
    cr_expect_eq(v->n_districts, 1);
    cr_expect_eq(v->votes[0], 10);
    cr_expect_not_null(v->direct_wins);
    ps_votes_free(v);
    expect_at(votes_csv("party,vote\nA,1\n"), PS_EDATA, 1, 7,
              "unknown column 'vote' (did you mean 'votes'?); expected party, votes, district, "
              "direct_wins");
    expect_at(votes_csv("party;votes\nA;1\n"), PS_EPARSE, 1, 1,
              "the file looks semicolon-separated (as Excel writes in some locales); save it "
              "with commas");

    ps_district_seats *ds = NULL;
    const char *d = "DISTRICT,Seats\nNorth,3\n";
    cr_assert_eq(ps_district_seats_read_csv(&ds, d, strlen(d), "d.csv", &err), 0, "%s",
                 err.message);
    cr_expect_eq(ds->seats[0], 3);
    ps_district_seats_free(ds);
    d = "district,seat\nNorth,3\n";
    expect_at(ps_district_seats_read_csv(&ds, d, strlen(d), "d.csv", &err), PS_EDATA, 1, 10,
              "unknown column 'seat' (did you mean 'seats'?); expected district, seats");

    ps_polls *p = NULL;
    const char *polls = "Pollster,Date,Party,Share,Respondents\nX,2024-01-01,A,60,100\n"
                        "X,2024-01-01,B,40,100\n";
    cr_assert_eq(ps_polls_parse(&p, polls, strlen(polls), "p.csv", &err), 0, "%s",
                 err.message);
    cr_expect_eq(p->n_parties, 2);
    ps_polls_free(p);
    polls = "pollster,date,party,shares,respondents\nX,2024-01-01,A,60,100\n";
    expect_at(ps_polls_parse(&p, polls, strlen(polls), "p.csv", &err), PS_EDATA, 1, 21,
              "unknown column 'shares' (did you mean 'share'?); expected pollster, date, party, "
              "share, respondents (and optionally community)");
}

Test(votes_json, a_votes_only_legislature_is_a_votes_file)
{
    /* tests/data/apportion/no-2021/20-finnmark-finnmarku: the same votes as
     * votes.csv beside it, written as JSON */
    const char *dir = PS_TEST_DATA "/apportion/no-2021/20-finnmark-finnmarku";
    char path[512];
    ps_votes *a = NULL, *b = NULL;
    snprintf(path, sizeof path, "%s/votes.json", dir);
    cr_assert_eq(ps_votes_load(&a, path, &err), 0, "%s", err.message);
    snprintf(path, sizeof path, "%s/votes.csv", dir);
    cr_assert_eq(ps_votes_load(&b, path, &err), 0, "%s", err.message);
    cr_assert_eq(a->n_parties, 17);
    cr_assert_eq(b->n_parties, 17);
    cr_expect_eq(a->n_districts, 0);
    cr_expect_null(a->direct_wins);
    for (size_t i = 0; i < 17; i++) {
        cr_expect_str_eq(a->parties[i], b->parties[i]);
        cr_expect_eq(a->votes[i], b->votes[i]);
    }
    cr_expect_str_eq(a->parties[2], "R\xc3\x98" "DT");
    cr_expect_eq(a->votes[0], 12226);
    cr_expect_eq(a->party_lines[0], 8, "the line of the party's object");
    ps_votes_free(a);
    ps_votes_free(b);
}

Test(votes_json, errors_point_at_the_party)
{
    char path[] = "/tmp/ps_votes_json_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    const char *text = "{\"parties\": [\n  {\"id\": \"A\", \"votes\": 7},\n  {\"id\": \"B\"}\n]}\n";
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    ps_votes *v = NULL;
    expect_at(ps_votes_load(&v, path, &err), PS_EDATA, 3, 3,
              "party 'B' has no 'votes'; a votes file gives every party's votes");
    cr_expect_str_eq(err.file, path);
    cr_expect_null(v);
    /* a JSON syntax error is a JSON error, not "unknown column '{'" */
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("{\"parties\": [\n  {\"id\": \"A\" \"votes\": 7}]}\n", f);
    fclose(f);
    expect_at(ps_votes_load(&v, path, &err), PS_EPARSE, 2, 14,
              "expected ',' or '}' after object member, got a string");
    unlink(path);
}
