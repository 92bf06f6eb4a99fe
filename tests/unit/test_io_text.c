/*
 * test_io_text.c - the text the io readers accept: a UTF-8 byte-order mark
 * at the start only, UTF-16 and UTF-32 named for what they are, the limits
 * on the length of cells, strings and names, CSV column names matched
 * regardless of case (a misspelling or a semicolon-separated header named),
 * and a votes-only JSON legislature read as a votes file.
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
#include "text.h"
#include "powershare/powershare.h"

#include "expect_error.h"
#include "read_helpers.h"

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
              "unknown column 'colour'; expected party, votes, district, direct_wins, alliance, "
              "candidates, members");
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
              "direct_wins, alliance, candidates, members");
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
