/*
 * test_io.c - the io stage: the JSON and CSV readers, files and format
 * sniffing, vote tables, and allocation failures in every reader. (The
 * legislature formats themselves are tested in test_legislature.c; text
 * encodings, length limits and column names in test_io_text.c.)
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
#include "read_helpers.h"

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
                 "unknown column 'seats'; expected party, votes, district, direct_wins, alliance, "
                 "candidates, members");
    expect_at(votes_csv("party,district\n"), PS_EDATA, 1, 0,
                 "missing column 'votes'; expected party, votes, district, direct_wins, alliance, "
                 "candidates, members");
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

