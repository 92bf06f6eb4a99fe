/* test_report.c - charts (SVG structure, escaping, determinism, hemicycle
 * geometry), PNG and PDF through cairo, the HTML page, allocation failures. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "powershare/powershare.h"

static char *svg_of(const ps_chart *chart)
{
    unsigned char *data = NULL;
    size_t len = 0;
    ps_error err;
    cr_assert_eq(ps_chart_render(&data, &len, chart, PS_CHART_SVG, 1, &err), PS_OK, "%s",
                 err.message);
    cr_assert_eq(strlen((char *)data), len);
    return (char *)data;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* A chamber of `seats` seats split over up to five parties, plus extras. */
static ps_chart *chamber(int64_t seats, int64_t unattributed, int64_t vacant, int64_t quota,
                         int64_t quota2)
{
    static const char *names[5] = {"Alpha", "Beta", "Gamma", "Delta", "Epsilon"};
    ps_chart_party parties[5];
    int64_t left = seats - unattributed - vacant;
    for (int i = 0; i < 5; i++) {
        parties[i] = (ps_chart_party){names[i], names[i], NULL, NULL, 0};
        int64_t s = i == 4 ? left : left / (i + 2);
        parties[i].seats = s;
        left -= s;
    }
    ps_hemicycle_input in;
    memset(&in, 0, sizeof in);
    in.title = "Test chamber";
    in.n_parties = 5;
    in.parties = parties;
    in.unattributed_seats = unattributed;
    in.vacant_seats = vacant;
    in.quota = quota;
    in.quota2 = quota2;
    ps_chart *c = NULL;
    ps_error err;
    cr_assert_eq(ps_chart_hemicycle(&c, &in, &err), PS_OK, "%s", err.message);
    return c;
}

Test(report, hemicycle_rows_hold_every_seat)
{
    const int64_t sizes[] = {1, 2, 7, 8, 9, 20, 100, 150, 328, 650, 1000, 5000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t rows = 0;
        int64_t per[64], sum = 0;
        cr_assert_eq(ps_hemicycle_rows(&rows, per, sizes[k], NULL), PS_OK);
        for (size_t r = 0; r < rows; r++) {
            cr_expect_gt(per[r], 0, "row %zu of %lld seats is empty", r, (long long)sizes[k]);
            if (r)
                cr_expect_geq(per[r], per[r - 1], "outer rows hold at least as many seats");
            sum += per[r];
        }
        cr_expect_eq(sum, sizes[k]);
        if (sizes[k] <= 8)
            cr_expect_eq(rows, 1, "a tiny chamber of %lld seats is one row", (long long)sizes[k]);
        else
            cr_expect_gt(rows, 1);
    }
    size_t rows;
    cr_expect_eq(ps_hemicycle_rows(&rows, NULL, 0, NULL), PS_EINVAL);
    cr_expect_eq(ps_hemicycle_rows(&rows, NULL, 100001, NULL), PS_EINVAL);
}

Test(report, hemicycle_draws_one_circle_per_seat)
{
    const int64_t sizes[] = {1, 2, 7, 328, 1000};
    for (size_t k = 0; k < 5; k++) {
        int64_t n = sizes[k], un = n >= 328 ? 15 : 0, vac = n == 1000 ? 3 : 0;
        ps_chart *c = chamber(n, un, vac, n / 2 + 1, 0);
        char *svg = svg_of(c);
        cr_expect_eq(count(svg, "<circle class=\"seat\""), (size_t)n, "%lld seats",
                     (long long)n);
        /* 1 of 1 and 2 of 2 are every seat: no line to draw */
        cr_expect_eq(count(svg, "class=\"majority\""), n / 2 + 1 < n ? 1u : 0u);
        cr_expect_eq(count(svg, "class=\"quota2\""), 0);
        if (un)
            cr_expect_eq(count(svg, "<title>attributed to no list: 15 seats</title>"), 15);
        cr_expect(strstr(svg, "attributed to no list") || !un);
        ps_free(svg);
        ps_chart_free(c);
    }
}

/* Seats on each side of a quota line. The line is a staircase of radial
 * segments, one per row, around the arch's centre (data-cx, data-cy): a
 * seat is left of it when its angle is larger than the angle of the segment
 * that spans its radius. */
static void sides(const char *svg, const char *cls, size_t *left, size_t *right)
{
    char key[64];
    snprintf(key, sizeof key, "<polyline class=\"%s\" points=\"", cls);
    const char *l = strstr(svg, key);
    cr_assert(l, "no %s line", cls);
    double px[200], py[200];
    size_t n = 0;
    const char *p = l + strlen(key);
    int used;
    while (n < 200 && sscanf(p, "%lf,%lf%n", &px[n], &py[n], &used) == 2) {
        n++;
        p += used;
        while (*p == ' ')
            p++;
    }
    double cx, cy;
    cr_assert_eq(sscanf(p, "\" data-cx=\"%lf\" data-cy=\"%lf\"", &cx, &cy), 2);
    cr_assert(n >= 2 && n % 2 == 0);
    *left = *right = 0;
    for (const char *q = strstr(svg, "<circle class=\"seat\""); q;
         q = strstr(q + 1, "<circle class=\"seat\"")) {
        double sx, sy;
        cr_assert_eq(sscanf(q, "<circle class=\"seat\" cx=\"%lf\" cy=\"%lf\"", &sx, &sy), 2);
        double rho = hypot(sx - cx, cy - sy), phi = atan2(cy - sy, sx - cx);
        int found = 0;
        for (size_t j = 0; j + 1 < n; j += 2) {
            double r0 = hypot(px[j] - cx, cy - py[j]), r1 = hypot(px[j + 1] - cx, cy - py[j + 1]);
            if (rho >= r0 && rho <= r1) {
                double a = atan2(cy - py[j + 1], px[j + 1] - cx);
                cr_assert(fabs(phi - a) > 1e-3, "a seat sits on the line");
                if (phi > a)
                    ++*left;
                else
                    ++*right;
                found = 1;
                break;
            }
        }
        cr_assert(found, "a seat at radius %g is beside every segment", rho);
    }
}

Test(report, majority_line_has_the_quota_on_its_left)
{
    struct {
        int64_t seats, quota, quota2;
    } cases[] = {{7, 4, 5}, {9, 5, 6}, {100, 51, 67}, {328, 165, 219}, {1000, 501, 667}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ps_chart *c = chamber(cases[k].seats, 0, 0, cases[k].quota, cases[k].quota2);
        char *svg = svg_of(c);
        size_t left, right;
        sides(svg, "majority", &left, &right);
        cr_expect_eq(left, (size_t)cases[k].quota, "%lld seats: %zu left of the majority line",
                     (long long)cases[k].seats, left);
        cr_expect_eq(right, (size_t)(cases[k].seats - cases[k].quota));
        sides(svg, "quota2", &left, &right);
        cr_expect_eq(left, (size_t)cases[k].quota2);
        ps_free(svg);
        ps_chart_free(c);
    }
    /* a quota of every seat (1 of 1, 2 of 2) has no boundary: no line */
    for (int64_t n = 1; n <= 2; n++) {
        ps_chart *c = chamber(n, 0, 0, n, 0);
        char *svg = svg_of(c);
        cr_expect_eq(count(svg, "class=\"majority\""), 0);
        cr_expect_eq(count(svg, "<circle class=\"seat\""), (size_t)n);
        ps_free(svg);
        ps_chart_free(c);
    }
}

Test(report, names_are_escaped_and_text_stays_text)
{
    ps_chart_party p[2] = {{"x<&\"'>", "Party <&\"'> one", NULL, NULL, 3},
                           {"y", "Plain", "#123456", NULL, 2}};
    ps_hemicycle_input in;
    memset(&in, 0, sizeof in);
    in.title = "A & B <chamber>";
    in.n_parties = 2;
    in.parties = p;
    in.quota = 3;
    ps_chart *c = NULL;
    cr_assert_eq(ps_chart_hemicycle(&c, &in, NULL), PS_OK);
    char *svg = svg_of(c);
    cr_expect(strstr(svg, "Party &lt;&amp;&quot;&#39;&gt; one"));
    cr_expect(strstr(svg, "<title>A &amp; B &lt;chamber&gt;</title>"));
    cr_expect(!strstr(svg, "<&"));
    cr_expect(!strstr(svg, "<chamber>"));
    cr_expect(strstr(svg, ">Plain</text>"), "names are <text>, not paths");
    cr_expect(strstr(svg, "fill=\"#123456\""), "the party's own colour");
    cr_expect(strstr(svg, "fill=\"#e69f00\""), "the palette's first colour otherwise");
    ps_free(svg);
    ps_chart_free(c);

    size_t members[2] = {0, 1};
    ps_chart_coalition co = {NULL, 2, members, NULL};
    ps_coalitions_input ci = {NULL, 2, p, 1, &co, 3, 5};
    cr_assert_eq(ps_chart_coalitions(&c, &ci, NULL), PS_OK);
    svg = svg_of(c);
    cr_expect(strstr(svg, "x&lt;&amp;&quot;&#39;&gt; + y"), "default label from the ids");
    ps_free(svg);
    ps_chart_free(c);
}

Test(report, svg_is_deterministic_byte_for_byte)
{
    ps_chart *a = chamber(328, 15, 0, 165, 219), *b = chamber(328, 15, 0, 165, 219);
    char *sa = svg_of(a), *sb = svg_of(b);
    cr_expect_str_eq(sa, sb);
    cr_expect(!strncmp(sa, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44));
    cr_expect(!strstr(sa, "-0\""), "no negative zero");
    ps_free(sa);
    ps_free(sb);
    ps_chart_free(a);
    ps_chart_free(b);
}

static void check_file(const char *path, const char *magic, size_t magic_len)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "%s was not written", path);
    char head[16] = {0};
    size_t got = fread(head, 1, sizeof head, f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    cr_expect_geq(got, magic_len);
    cr_expect(!memcmp(head, magic, magic_len), "%s has the wrong magic bytes", path);
    cr_expect_gt(size, 500, "%s is %ld bytes", path, size);
}

Test(report, png_and_pdf_through_cairo)
{
    ps_chart *c = chamber(328, 15, 0, 165, 0);
    char dir[] = "/tmp/ps-report-test-XXXXXX";
    cr_assert(mkdtemp(dir));
    char png[128], pdf[128], svg[128], bad[128];
    snprintf(png, sizeof png, "%s/chamber.png", dir);
    snprintf(pdf, sizeof pdf, "%s/chamber.PDF", dir);
    snprintf(svg, sizeof svg, "%s/chamber.svg", dir);
    snprintf(bad, sizeof bad, "%s/chamber.gif", dir);
    ps_error err;
    cr_assert_eq(ps_chart_write(c, png, &err), PS_OK, "%s", err.message);
    cr_assert_eq(ps_chart_write(c, pdf, &err), PS_OK, "%s", err.message);
    cr_assert_eq(ps_chart_write(c, svg, &err), PS_OK, "%s", err.message);
    cr_expect_eq(ps_chart_write(c, bad, &err), PS_EINVAL);
    check_file(png, "\x89PNG\r\n\x1a\n", 8);
    check_file(pdf, "%PDF-", 5);
    check_file(svg, "<?xml", 5);
    /* the PNG is as large as the drawing: width and height in the IHDR */
    FILE *f = fopen(png, "rb");
    unsigned char ihdr[24];
    cr_assert_eq(fread(ihdr, 1, 24, f), 24);
    fclose(f);
    double w, h;
    ps_chart_size(c, &w, &h);
    cr_expect_eq((ihdr[16] << 24 | ihdr[17] << 16 | ihdr[18] << 8 | ihdr[19]), (int)(w + 0.5));
    cr_expect_eq((ihdr[20] << 24 | ihdr[21] << 16 | ihdr[22] << 8 | ihdr[23]), (int)(h + 0.5));
    char sub[128];
    snprintf(sub, sizeof sub, "%s/no/such/folder/x.png", dir);
    cr_expect_eq(ps_chart_write(c, sub, &err), PS_EIO);
    ps_report_shutdown(); /* fontconfig's caches: nothing for LeakSanitizer */
    unlink(png);
    unlink(pdf);
    unlink(svg);
    rmdir(dir);
    ps_chart_free(c);
}

Test(report, coalition_bars_mark_critical_and_surplus)
{
    /* 100 seats, 51 needed: A 40 + B 30 + C 20 = 90 (surplus 39); without A
     * 50 < 51: A critical; without B 60, without C 70: both surplus.
     * A 40 + C 5 = 45: 6 short. */
    ps_chart_party p[4] = {{"A", "Alpha", NULL, NULL, 40},
                           {"B", "Beta", NULL, NULL, 30},
                           {"C", "Gamma", NULL, NULL, 20},
                           {"D", "Delta", NULL, NULL, 5}};
    size_t m1[3] = {0, 1, 2}, m2[2] = {0, 3};
    ps_chart_coalition co[2] = {{"Grand", 3, m1, NULL}, {NULL, 2, m2, NULL}};
    ps_coalitions_input in = {"Bars", 4, p, 2, co, 51, 100};
    ps_chart *c = NULL;
    cr_assert_eq(ps_chart_coalitions(&c, &in, NULL), PS_OK);
    char *svg = svg_of(c);
    cr_expect(strstr(svg, "<title>Alpha: 40 seats, critical</title>"));
    cr_expect(strstr(svg, "<title>Beta: 30 seats, surplus</title>"));
    cr_expect(strstr(svg, "<title>Gamma: 20 seats, surplus</title>"));
    cr_expect(strstr(svg, ">90: surplus 39</text>"));
    cr_expect(strstr(svg, ">45: 6 short</text>"));
    cr_expect(strstr(svg, ">A + D</text>"));
    cr_expect_eq(count(svg, "class=\"majority\""), 1);
    cr_expect_gt(count(svg, "fill-opacity=\"0.35\""), 1, "surplus members are faded");
    ps_free(svg);
    ps_chart_free(c);
    size_t bad[1] = {4};
    ps_chart_coalition cb = {NULL, 1, bad, NULL};
    ps_coalitions_input ib = {NULL, 4, p, 1, &cb, 51, 100};
    cr_expect_eq(ps_chart_coalitions(&c, &ib, NULL), PS_EINVAL);
    ib.coalitions = co;
    ib.quota = 101;
    cr_expect_eq(ps_chart_coalitions(&c, &ib, NULL), PS_EINVAL);
}

Test(report, power_and_whatif_charts)
{
    ps_chart_party p[3] = {{"a", "A", NULL, NULL, 50}, {"b", "B", NULL, NULL, 30},
                           {"c", "C", NULL, NULL, 20}};
    double bz[3] = {0.6, 0.2, 0.2}, ss[3] = {2.0 / 3, 1.0 / 6, 1.0 / 6};
    ps_power_input in = {"Power", 3, p, 100, bz, ss};
    ps_chart *c = NULL;
    cr_assert_eq(ps_chart_power(&c, &in, NULL), PS_OK);
    char *svg = svg_of(c);
    cr_expect_eq(count(svg, "<circle cx"), 3 + 3 + 1, "Banzhaf points, table swatches, legend");
    cr_expect_eq(count(svg, "Shapley-Shubik 66.7%"), 1);
    cr_expect_eq(count(svg, "class=\"diagonal\""), 1);
    cr_expect(strstr(svg, ">60.0%</text>"), "the table gives Banzhaf of A");
    ps_free(svg);
    ps_chart_free(c);
    in.banzhaf = in.shapley = NULL;
    cr_expect_eq(ps_chart_power(&c, &in, NULL), PS_EINVAL);

    ps_whatif_row rows[2] = {{"A", NULL, 0.6, 0.5}, {"B & co", "#00ff00", 0.4, 0.5}};
    ps_whatif_row groups[1] = {{"Everyone", NULL, 1.0, 1.0}};
    ps_whatif_input wi = {"What if", "Banzhaf", 2, rows, 1, groups};
    cr_assert_eq(ps_chart_whatif(&c, &wi, NULL), PS_OK);
    svg = svg_of(c);
    cr_expect(strstr(svg, "60.0% \xe2\x86\x92 50.0% (-10.0)"));
    cr_expect(strstr(svg, "40.0% \xe2\x86\x92 50.0% (+10.0)"));
    cr_expect(strstr(svg, "100.0% \xe2\x86\x92 100.0% (+0.0)"));
    cr_expect(strstr(svg, ">B &amp; co</text>"));
    ps_free(svg);
    ps_chart_free(c);
}

static ps_legislature *toy(void)
{
    ps_legislature *leg = NULL;
    cr_assert_eq(ps_legislature_new(&leg, "Toy", 20), PS_OK);
    ps_legislature_add_community(leg, "n", "North", NULL);
    ps_legislature_add_community(leg, "s", "South", NULL);
    ps_legislature_add_party(leg, "p1", "Small north", 2, PS_UNKNOWN, "n", NULL, NULL);
    ps_legislature_add_party(leg, "p2", "Big south", 8, PS_UNKNOWN, "s", NULL, NULL);
    ps_legislature_add_party(leg, "p3", "No community", 4, PS_UNKNOWN, NULL, NULL, NULL);
    ps_legislature_add_party(leg, "p4", "Big north", 5, PS_UNKNOWN, "n", NULL, NULL);
    leg->unattributed_seats = 1;
    cr_assert_eq(ps_legislature_validate(leg, NULL), PS_OK);
    return leg;
}

Test(report, order_by_community_then_seats_or_by_dimension)
{
    ps_legislature *leg = toy();
    size_t order[4];
    cr_assert_eq(ps_report_order(order, leg, NULL, NULL), PS_OK);
    size_t want[4] = {3, 0, 1, 2}; /* north big, north small, south, none */
    for (int i = 0; i < 4; i++)
        cr_expect_eq(order[i], want[i], "position %d", i);
    cr_assert_eq(ps_legislature_add_dimension(leg, "lr", "left-right", 0, 10, NULL), PS_OK);
    double pos[4] = {7, 2, 9, 2};
    for (int i = 0; i < 4; i++)
        leg->parties[i].positions[0] = pos[i];
    cr_assert_eq(ps_report_order(order, leg, NULL, NULL), PS_OK);
    size_t by_dim[4] = {1, 3, 0, 2}; /* 2, 2 (file order), 7, 9 */
    for (int i = 0; i < 4; i++)
        cr_expect_eq(order[i], by_dim[i], "position %d", i);
    cr_expect_eq(ps_report_order(order, leg, "nope", NULL), PS_EDATA);
    leg->parties[2].positions[0] = NAN;
    cr_expect_eq(ps_report_order(order, leg, "lr", NULL), PS_EDATA);
    ps_legislature_free(leg);
}

Test(report, report_chart_from_a_legislature_and_html_page)
{
    ps_legislature *leg = toy();
    ps_report_data d;
    memset(&d, 0, sizeof d);
    d.quota2 = "2/3"; /* ceil(40/3) = 14 of 20 */
    ps_chart *h = NULL, *p = NULL;
    ps_error err;
    cr_assert_eq(ps_report_chart(&h, PS_CHART_HEMICYCLE, leg, &d, &err), PS_OK, "%s",
                 err.message);
    char *svg = svg_of(h);
    cr_expect_eq(count(svg, "<circle class=\"seat\""), 20);
    cr_expect(strstr(svg, ">majority 11</text>"));
    cr_expect(strstr(svg, ">14</text>"));
    /* data-party carries the index in the legislature: Big north is 3 */
    cr_expect_eq(count(svg, "data-party=\"3\""), 5);
    ps_free(svg);
    cr_expect_eq(ps_report_chart(&p, PS_CHART_POWER, leg, &d, NULL), PS_EINVAL);
    double bz[4] = {0.1, 0.5, 0.2, 0.2};
    d.banzhaf = bz;
    cr_assert_eq(ps_report_chart(&p, PS_CHART_POWER, leg, &d, NULL), PS_OK);
    ps_report_section s[3] = {{"The <chamber>", NULL, h},
                              {"Numbers", "a < b & c", NULL},
                              {"Power", NULL, p}};
    char *html = NULL;
    cr_assert_eq(ps_report_html(&html, "Toy & co", s, 3, &err), PS_OK);
    cr_expect(!strncmp(html, "<!DOCTYPE html>", 15));
    cr_expect(strstr(html, "<title>Toy &amp; co</title>"));
    cr_expect(strstr(html, "<h2>The &lt;chamber&gt;</h2>"));
    cr_expect(strstr(html, "<pre>a &lt; b &amp; c</pre>"));
    cr_expect_eq(count(html, "<svg xmlns"), 2);
    cr_expect(!strstr(html, "<?xml"), "inline SVG has no XML declaration");
    cr_expect(!strstr(html, "<script"));
    cr_expect(!strstr(html, "src="));
    cr_expect(!strstr(html, "href="));
    ps_free(html);
    ps_chart_free(h);
    ps_chart_free(p);
    ps_legislature_free(leg);
}

Test(report, names_and_formats)
{
    ps_chart_kind k;
    ps_chart_format f;
    cr_expect_eq(ps_chart_kind_parse(&k, "whatif", NULL), PS_OK);
    cr_expect_eq(k, PS_CHART_WHATIF);
    cr_expect_eq(ps_chart_kind_parse(&k, "pie", NULL), PS_EINVAL);
    cr_expect_eq(ps_chart_format_from_path(&f, "a/b.PNG", NULL), PS_OK);
    cr_expect_eq(f, PS_CHART_PNG);
    cr_expect_eq(ps_chart_format_from_path(&f, "x.pdf", NULL), PS_OK);
    cr_expect_eq(f, PS_CHART_PDF);
    cr_expect_eq(ps_chart_format_from_path(&f, "svg", NULL), PS_EINVAL);
    cr_expect_str_eq(ps_report_palette(0), ps_report_palette(30));
    for (size_t i = 0; i < 30; i++) /* 30 different colours, none grey */
        for (size_t j = i + 1; j < 30; j++)
            cr_expect_str_neq(ps_report_palette(i), ps_report_palette(j));
}

/* Builds every chart and the page, renders SVG; returns the first error. */
static int everything(void)
{
    ps_legislature *leg = NULL;
    int rc = ps_legislature_new(&leg, "Toy", 9);
    if (rc == 0)
        rc = ps_legislature_add_community(leg, "n", "North", NULL);
    if (rc == 0)
        rc = ps_legislature_add_party(leg, "a", "A <x>", 5, PS_UNKNOWN, "n", NULL, NULL);
    if (rc == 0)
        rc = ps_legislature_add_party(leg, "b", "B", 4, PS_UNKNOWN, NULL, NULL, NULL);
    ps_chart *h = NULL, *p = NULL, *co = NULL, *w = NULL;
    double v[2] = {0.5, 0.5};
    size_t members[2] = {0, 1};
    ps_chart_coalition coal = {NULL, 2, members, NULL};
    ps_report_data d;
    memset(&d, 0, sizeof d);
    d.banzhaf = v;
    d.shapley = v;
    d.coalitions = &coal;
    d.n_coalitions = 1;
    d.after = leg;
    d.after_values = v;
    if (rc == 0)
        rc = ps_report_chart(&h, PS_CHART_HEMICYCLE, leg, &d, NULL);
    if (rc == 0)
        rc = ps_report_chart(&p, PS_CHART_POWER, leg, &d, NULL);
    if (rc == 0)
        rc = ps_report_chart(&co, PS_CHART_COALITIONS, leg, &d, NULL);
    if (rc == 0)
        rc = ps_report_chart(&w, PS_CHART_WHATIF, leg, &d, NULL);
    char *html = NULL;
    unsigned char *svg = NULL;
    size_t len;
    if (rc == 0) {
        ps_report_section s[2] = {{"h", "t", h}, {"p", NULL, co}};
        rc = ps_report_html(&html, "x", s, 2, NULL);
    }
    if (rc == 0)
        rc = ps_chart_render(&svg, &len, w, PS_CHART_SVG, 1, NULL);
    ps_free(svg);
    ps_free(html);
    ps_chart_free(h);
    ps_chart_free(p);
    ps_chart_free(co);
    ps_chart_free(w);
    ps_legislature_free(leg);
    return rc;
}

Test(report, every_allocation_failure_is_enomem_and_leaks_nothing)
{
    long baseline = psi_alloc_live();
    long n;
    for (n = 0; n < 100000; n++) {
        psi_alloc_fail_after(n);
        int rc = everything();
        psi_alloc_fail_after(-1);
        cr_assert(rc == PS_OK || rc == PS_ENOMEM, "failure %ld gave %d", n, rc);
        cr_assert_eq(psi_alloc_live(), baseline, "failure %ld leaked %ld", n,
                     psi_alloc_live() - baseline);
        if (rc == PS_OK)
            break;
    }
    cr_expect(n > 20, "only %ld allocations", n);
    cr_expect_eq(everything(), PS_OK);
}
