/* test_portfolio.c - Gamson shares, sequential picks and reserved offices.
 *
 * Northern Ireland 2007 (tests/data/portfolios/ni-2007, meta.txt gives the
 * sources): DUP 36, SF 28, UUP 18, SDLP 16, 10 ministries by d'Hondt:
 * DUP SF DUP UUP SDLP SF DUP SF DUP UUP, ties DUP-UUP at 18 (pick 3) and at
 * 9 (pick 9). The other expectations are computed by hand in the comments. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "powershare/io.h"
#include "powershare/portfolio.h"

#include "torture.h"
#include "temp_text.h"

#define NI PS_TEST_DATA "/portfolios/ni-2007"
#define IRAQ PS_SOURCE_ROOT "/data/iraq-2014.json"

static ps_legislature *load(const char *path)
{
    ps_legislature *leg;
    ps_error err;
    cr_assert_eq(ps_legislature_load(&leg, path, &err), 0, "%s", err.message);
    return leg;
}

static ps_legislature *chamber(const char *const *ids, const int64_t *seats, size_t n)
{
    ps_legislature *leg;
    ps_error err;
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += seats[i];
    cr_assert_eq(ps_legislature_new(&leg, "t", total), 0);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(ps_legislature_add_party(leg, ids[i], NULL, seats[i], PS_UNKNOWN, NULL, NULL,
                                              &err),
                     0);
    return leg;
}

static ps_portfolio *allocate(const ps_legislature *leg, const char *const *coalition, size_t n,
                              ps_portfolio_method m, int64_t posts, const char *const *tie,
                              size_t n_tie)
{
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    opt.method = m;
    opt.posts = posts;
    opt.tie_order = tie;
    opt.n_tie_order = n_tie;
    ps_portfolio *p = NULL;
    ps_error err;
    cr_assert_eq(ps_portfolio_allocate(&p, leg, coalition, n, &opt, &err), 0, "%s", err.message);
    return p;
}

static const char *pick_id(const ps_portfolio *p, const ps_legislature *leg, int64_t k)
{
    return leg->parties[p->party[p->picks[k].member]].id;
}

static const char *const ni[] = {"DUP", "SF", "UUP", "SDLP"};

Test(portfolio, northern_ireland_2007_dhondt)
{
    ps_legislature *leg = load(NI "/seats.csv");
    ps_portfolio *p = allocate(leg, ni, 4, PS_PORTFOLIO_DHONDT, 10, ni, 4);
    FILE *f = fopen(NI "/expected_picks.txt", "r");
    cr_assert_not_null(f);
    char line[64];
    int64_t k = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!*line)
            continue;
        cr_assert_lt(k, 10);
        cr_expect_str_eq(pick_id(p, leg, k), line, "pick %lld", (long long)(k + 1));
        k++;
    }
    fclose(f);
    cr_expect_eq(k, 10);
    const int64_t won[] = {4, 3, 2, 1};
    for (size_t i = 0; i < 4; i++)
        cr_expect_eq(p->won[i], won[i], "%s", ni[i]);
    for (int64_t j = 0; j < 10; j++) {
        bool tie = j == 2 || j == 8;
        cr_expect_eq(p->picks[j].n_tied, tie ? 2u : 1u, "pick %lld", (long long)(j + 1));
        if (tie) {
            cr_expect_eq(p->picks[j].tied[0], 0, "DUP first");
            cr_expect_eq(p->picks[j].tied[1], 2, "then UUP");
        }
    }
    cr_expect_eq(p->picks[2].divisor, 2);
    cr_expect_eq(p->picks[8].divisor, 4);
    cr_expect_null(p->share_num);
    ps_portfolio_free(p);

    /* the other tie order: UUP takes picks 3 and 9, DUP 4 and 10 */
    const char *uup_first[] = {"UUP", "DUP"};
    p = allocate(leg, ni, 4, PS_PORTFOLIO_DHONDT, 10, uup_first, 2);
    const char *want[] = {"DUP", "SF", "UUP", "DUP", "SDLP", "SF", "DUP", "SF", "UUP", "DUP"};
    for (int64_t j = 0; j < 10; j++)
        cr_expect_str_eq(pick_id(p, leg, j), want[j], "pick %lld", (long long)(j + 1));
    cr_expect_eq(p->tie_rank[2], 0);
    cr_expect_eq(p->tie_rank[0], 1);
    cr_expect_eq(p->tie_rank[1], 2, "the rest keep the coalition order");
    cr_expect_eq(p->tie_rank[3], 3);
    cr_expect_eq(p->picks[2].n_tied, 2);
    cr_expect_eq(p->picks[2].tied[0], 2, "UUP first now");
    ps_portfolio_free(p);
    ps_legislature_free(leg);
}

/* Sainte-Lague, by hand: quotients DUP 36, 12, 7.2; SF 28, 9.33, 5.6;
 * UUP 18, 6; SDLP 16, 5.33 -> DUP SF UUP SDLP DUP SF DUP UUP SF SDLP,
 * no tie: DUP 3, SF 3, UUP 2, SDLP 2. */
Test(portfolio, northern_ireland_2007_sainte_lague)
{
    ps_legislature *leg = load(NI "/seats.csv");
    ps_portfolio *p = allocate(leg, ni, 4, PS_PORTFOLIO_SAINTE_LAGUE, 10, NULL, 0);
    const char *want[] = {"DUP", "SF", "UUP", "SDLP", "DUP", "SF", "DUP", "UUP", "SF", "SDLP"};
    const int64_t div[] = {1, 1, 1, 1, 3, 3, 5, 3, 5, 3};
    for (int64_t j = 0; j < 10; j++) {
        cr_expect_str_eq(pick_id(p, leg, j), want[j], "pick %lld", (long long)(j + 1));
        cr_expect_eq(p->picks[j].divisor, div[j]);
        cr_expect_eq(p->picks[j].n_tied, 1);
    }
    const int64_t won[] = {3, 3, 2, 2};
    for (size_t i = 0; i < 4; i++)
        cr_expect_eq(p->won[i], won[i]);
    ps_portfolio_free(p);
    ps_legislature_free(leg);
}

/* Gamson, by hand: 10 * 36 / 98 = 180/49 (3.67), 10 * 28 / 98 = 20/7 (2.86),
 * 90/49 (1.84), 80/49 (1.63); floors 3 + 2 + 1 + 1 = 7, the 3 posts left go
 * to the largest remainders SF .86, UUP .84, DUP .67: 4, 3, 2, 1. */
Test(portfolio, northern_ireland_2007_gamson)
{
    ps_legislature *leg = load(NI "/seats.csv");
    ps_portfolio *p = allocate(leg, ni, 4, PS_PORTFOLIO_GAMSON, 10, NULL, 0);
    const int64_t num[] = {180, 20, 90, 80}, den[] = {49, 7, 49, 49}, won[] = {4, 3, 2, 1};
    for (size_t i = 0; i < 4; i++) {
        cr_expect_eq(p->share_num[i], num[i], "%s", ni[i]);
        cr_expect_eq(p->share_den[i], den[i], "%s", ni[i]);
        cr_expect_eq(p->won[i], won[i], "%s", ni[i]);
    }
    cr_expect_null(p->picks);
    cr_expect_eq(p->n_remainder_tied, 0);
    cr_expect_eq(p->coalition_seats, 98);
    ps_portfolio_free(p);
    ps_legislature_free(leg);
}

/* Three lists of 10 seats, 7 posts: 7/3 each, floors 2 + 2 + 2, one post
 * left and three equal remainders: the tie order decides and is reported. */
Test(portfolio, gamson_remainder_tie)
{
    const char *ids[] = {"A", "B", "C"};
    const int64_t seats[] = {10, 10, 10};
    ps_legislature *leg = chamber(ids, seats, 3);
    const char *tie[] = {"C"};
    ps_portfolio *p = allocate(leg, ids, 3, PS_PORTFOLIO_GAMSON, 7, tie, 1);
    for (size_t i = 0; i < 3; i++) {
        cr_expect_eq(p->share_num[i], 7);
        cr_expect_eq(p->share_den[i], 3);
    }
    cr_expect_eq(p->won[0], 2);
    cr_expect_eq(p->won[1], 2);
    cr_expect_eq(p->won[2], 3, "C is first in the tie order");
    cr_assert_eq(p->n_remainder_tied, 3);
    cr_expect_eq(p->remainder_tied[0], 2, "in tie order: C, A, B");
    cr_expect_eq(p->remainder_tied[1], 0);
    cr_expect_eq(p->remainder_tied[2], 1);
    cr_expect_eq(p->n_remainder_winners, 1);
    ps_portfolio_free(p);
    ps_legislature_free(leg);
}

/* Sainte-Lague, A 30 and B 10, 4 posts: pick 1 A (30); pick 2 A 30/3 = 10
 * and B 10/1 = 10 tie, the coalition order gives it to A; pick 3 B (10
 * against A 30/5 = 6); pick 4 A (6 against B 10/3). With B first in the tie
 * order: A, B, A, A. Either way A 3, B 1. */
Test(portfolio, sainte_lague_tie_at_pick_2)
{
    const char *ids[] = {"A", "B"};
    const int64_t seats[] = {30, 10};
    ps_legislature *leg = chamber(ids, seats, 2);
    ps_portfolio *p = allocate(leg, ids, 2, PS_PORTFOLIO_SAINTE_LAGUE, 4, NULL, 0);
    const char *want[] = {"A", "A", "B", "A"};
    for (int64_t j = 0; j < 4; j++)
        cr_expect_str_eq(pick_id(p, leg, j), want[j]);
    cr_expect_eq(p->picks[1].n_tied, 2);
    cr_expect_eq(p->picks[0].n_tied, 1);
    cr_expect_eq(p->picks[2].n_tied, 1);
    ps_portfolio_free(p);
    const char *b_first[] = {"B"};
    p = allocate(leg, ids, 2, PS_PORTFOLIO_SAINTE_LAGUE, 4, b_first, 1);
    const char *want2[] = {"A", "B", "A", "A"};
    for (int64_t j = 0; j < 4; j++)
        cr_expect_str_eq(pick_id(p, leg, j), want2[j]);
    cr_expect_eq(p->won[0], 3);
    cr_expect_eq(p->won[1], 1);
    ps_portfolio_free(p);
    ps_legislature_free(leg);
}

Test(portfolio, iraq_offices_reserved_by_community)
{
    ps_document *doc;
    ps_offices *o;
    ps_error err;
    cr_assert_eq(ps_document_load(&doc, IRAQ, &err), 0, "%s", err.message);
    const ps_legislature *leg = ps_document_legislature(doc);
    cr_assert_eq(ps_offices_from_document(&o, doc, &err), 0, "%s", err.message);
    cr_assert_eq(o->n, 3);
    cr_expect_str_eq(o->reserved[0].office, "Prime Minister");
    cr_expect_str_eq(o->reserved[0].community, "shia");
    cr_expect_str_eq(o->reserved[1].community, "kurdish");
    cr_expect_str_eq(o->reserved[2].community, "sunni");
    cr_expect_eq(o->posts, -1);

    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    opt.offices = o;
    const char *gov[] = {"ahrar", "sol", "puk", "kdp", "muttahidoon", "arabiya"};
    ps_portfolio *p;
    cr_assert_eq(ps_portfolio_allocate(&p, leg, gov, 6, &opt, &err), 0, "%s", err.message);
    cr_assert_eq(p->n_awards, 3);
    cr_expect_str_eq(leg->parties[p->party[p->awards[0].member]].id, "sol");
    cr_expect_str_eq(leg->parties[p->party[p->awards[1].member]].id, "kdp");
    cr_expect_str_eq(leg->parties[p->party[p->awards[2].member]].id, "muttahidoon");
    for (size_t k = 0; k < 3; k++)
        cr_expect_eq(p->awards[k].n_tied, 1);
    ps_portfolio_free(p);

    /* Fadhila and Islah hold 6 seats each: a tie, decided by the coalition
     * order; no Sunni list: the Speaker goes to none */
    const char *small[] = {"islah", "fadhila", "gorran"};
    cr_assert_eq(ps_portfolio_allocate(&p, leg, small, 3, &opt, &err), 0);
    cr_expect_eq(p->awards[0].member, 0, "islah, first in the coalition");
    cr_assert_eq(p->awards[0].n_tied, 2);
    cr_expect_eq(p->awards[1].member, 2, "gorran");
    cr_expect_eq(p->awards[2].member, -1, "no Sunni list");
    cr_expect_eq(p->awards[2].n_tied, 0);
    ps_portfolio_free(p);
    const char *fadhila_first[] = {"fadhila"};
    opt.tie_order = fadhila_first;
    opt.n_tie_order = 1;
    cr_assert_eq(ps_portfolio_allocate(&p, leg, small, 3, &opt, &err), 0);
    cr_expect_eq(p->awards[0].member, 1, "fadhila by the tie order");
    ps_portfolio_free(p);
    ps_offices_free(o);
    ps_document_free(doc);
}

Test(portfolio, bad_input_is_refused_plainly)
{
    ps_legislature *leg = load(NI "/seats.csv");
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    opt.posts = 3;
    ps_portfolio *p = NULL;
    ps_error err;
    const char *unknown[] = {"DUP", "TUV"};
    cr_expect_eq(ps_portfolio_allocate(&p, leg, unknown, 2, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "'TUV'") != NULL, "%s", err.message);
    const char *twice[] = {"DUP", "SF", "DUP"};
    cr_expect_eq(ps_portfolio_allocate(&p, leg, twice, 3, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "twice") != NULL, "%s", err.message);
    const char *tie[] = {"UUP"};
    opt.tie_order = tie;
    opt.n_tie_order = 1;
    cr_expect_eq(ps_portfolio_allocate(&p, leg, ni, 2, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "not in the coalition") != NULL, "%s", err.message);
    opt.n_tie_order = 0;
    cr_expect_eq(ps_portfolio_allocate(&p, leg, ni, 0, &opt, &err), PS_EINVAL);
    opt.posts = -1;
    cr_expect_eq(ps_portfolio_allocate(&p, leg, ni, 4, &opt, &err), PS_EINVAL);
    opt.posts = 1;
    ps_offices *o;
    cr_assert_eq(ps_offices_new(&o), 0);
    cr_expect_eq(ps_offices_add_text(o, "First Minister", &err), PS_EINVAL);
    cr_expect_eq(ps_offices_add_text(o, "=x", &err), PS_EINVAL);
    cr_assert_eq(ps_offices_add_text(o, "First Minister=unionist", &err), 0);
    cr_expect_eq(ps_offices_add_text(o, "First Minister=nationalist", &err), PS_EINVAL);
    opt.offices = o;
    cr_expect_eq(ps_portfolio_allocate(&p, leg, ni, 4, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "no community 'unionist'") != NULL, "%s", err.message);
    cr_expect_null(p);
    ps_offices_free(o);
    ps_portfolio_method m;
    cr_expect_eq(ps_portfolio_method_parse(&m, "d'hondt", &err), 0);
    cr_expect_eq(m, PS_PORTFOLIO_DHONDT);
    cr_expect_eq(ps_portfolio_method_parse(&m, "webster", &err), 0);
    cr_expect_eq(m, PS_PORTFOLIO_SAINTE_LAGUE);
    cr_expect_eq(ps_portfolio_method_parse(&m, "hare", &err), PS_EINVAL);
    ps_legislature_free(leg);

    /* a coalition without seats has nothing to share posts by */
    const char *ids[] = {"A", "B"};
    const int64_t seats[] = {0, 5};
    leg = chamber(ids, seats, 2);
    opt.offices = NULL;
    cr_expect_eq(ps_portfolio_allocate(&p, leg, ids, 1, &opt, &err), PS_EDATA);
    ps_legislature_free(leg);
}

static void offices_error(const char *json, long line, long column, const char *says)
{
    const char *path = temp_text(json);
    ps_document *doc = NULL;
    ps_offices *o = NULL;
    ps_error err;
    int rc = ps_document_load(&doc, path, &err);
    cr_assert_eq(rc, PS_OK, "%s: %s", json, err.message);
    rc = ps_offices_from_document(&o, doc, &err);
    ps_document_free(doc);
    unlink(path);
    cr_expect_eq(rc, PS_EDATA, "%s", json);
    cr_expect_str_eq(err.file, path, "%s: the error names the file", json);
    cr_expect_null(o);
    cr_expect_eq(err.line, line, "%s: %s", json, err.message);
    cr_expect_eq(err.column, column, "%s: %s", json, err.message);
    cr_expect(strstr(err.message, says) != NULL, "%s: %s", json, err.message);
}

Test(portfolio, offices_section_errors_have_positions)
{
    const char *head = "{\"parties\": [{\"id\": \"a\", \"seats\": 1}],\n\"offices\": ";
    char buf[512];
    static const struct {
        const char *sec;
        long line, column;
        const char *says;
    } cases[] = {
        {"{\"reserve\": []}}", 2, 13, "unknown key 'reserve'"},
        {"{\"posts\": -1}}", 2, 22, "negative"},
        {"{\"reserved\": [{\"office\": \"PM\"}]}}", 2, 26, "needs 'office' and 'community'"},
        {"{\"reserved\": [{\"office\": \"\", \"community\": \"x\"}]}}", 2, 37, "must not be empty"},
        {"{\"reserved\": [{\"office\": \"PM\", \"community\": \"x\"}, {\"office\": \"PM\", "
         "\"community\": \"y\"}]}}",
         2, 73, "reserved twice"},
        {"[]}", 2, 12, "expected an object"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(buf, sizeof buf, "%s%s", head, cases[i].sec);
        offices_error(buf, cases[i].line, cases[i].column, cases[i].says);
    }
}

static int job(const ps_legislature *leg)
{
    ps_offices *o = NULL;
    ps_portfolio *p = NULL;
    ps_error err;
    int rc = ps_offices_new(&o) < 0 ? PS_ENOMEM : PS_OK;
    if (rc == PS_OK)
        rc = ps_offices_add_text(o, "Prime Minister=shia", &err);
    if (rc == PS_OK)
        rc = ps_offices_add_text(o, "President=kurdish", &err);
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    opt.offices = o;
    opt.posts = 12;
    const char *gov[] = {"sol", "fadhila", "islah", "kdp", "wataniya"};
    const char *tie[] = {"islah"};
    opt.tie_order = tie;
    opt.n_tie_order = 1;
    for (int m = 0; rc == PS_OK && m < PS_PORTFOLIO_METHOD_COUNT; m++) {
        opt.method = (ps_portfolio_method)m;
        rc = ps_portfolio_allocate(&p, leg, gov, 5, &opt, &err);
        ps_portfolio_free(p);
        p = NULL;
    }
    ps_offices_free(o);
    return rc;
}

static int job_of(void *leg)
{
    return job(leg);
}

Test(portfolio, allocation_failures)
{
    ps_legislature *leg = load(IRAQ);
    long n = torture(job_of, leg);
    cr_expect(n > 10, "%ld", n);
    ps_legislature_free(leg);
}
