/* test_formation.c - executives formed by rule (portfolio.h, "Executives
 * formed by rule"): the "formation" section and the executive it computes.
 * Worked by hand: A 40, B 30, C 20, D 10 of 100, five ministries by
 * d'Hondt: quotients A 40, 20, 13.3; B 30, 15; C 20, 10; D 10. The five
 * largest: A 40, B 30, A 20 (level with C 20: the tie order), C 20, B 15:
 * A 2, B 2, C 1. With B declining (tie order A, C): A 40, A 20 (level
 * with C 20), C 20, A 13.3, A 10 (level with C 20/2 and D 10/1): A 4, C 1. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "powershare/powershare.h"

static ps_document *doc_of(const char *formation)
{
    char text[2048];
    snprintf(text, sizeof text,
             "{\"format\": \"powershare-legislature/1\", \"total_seats\": 100,\n"
             " \"communities\": [{\"id\": \"x\"}, {\"id\": \"y\"}],\n"
             " \"parties\": [{\"id\": \"A\", \"seats\": 40, \"community\": \"x\"},\n"
             "  {\"id\": \"B\", \"seats\": 30, \"community\": \"y\"},\n"
             "  {\"id\": \"C\", \"seats\": 20, \"community\": \"x\"},\n"
             "  {\"id\": \"D\", \"seats\": 10, \"community\": \"y\"}],\n"
             " \"offices\": {\"reserved\": [{\"office\": \"Chief\", \"community\": \"y\"}]},\n"
             " \"formation\": %s}\n",
             formation);
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, text, strlen(text), "f.json", &err), 0, "%s",
                 err.message);
    return doc;
}

static ps_portfolio *execute(const ps_document *doc)
{
    ps_formation *f = NULL;
    ps_offices *o = NULL;
    ps_portfolio *p = NULL;
    ps_error err;
    cr_assert_eq(ps_formation_from_document(&f, doc, &err), 0, "%s", err.message);
    cr_assert_not_null(f);
    cr_assert_eq(ps_offices_from_document(&o, doc, &err), 0);
    cr_assert_eq(ps_formation_execute(&p, ps_document_legislature(doc), f, o, &err), 0, "%s",
                 err.message);
    ps_offices_free(o);
    ps_formation_free(f);
    return p;
}

static int64_t won(const ps_portfolio *p, const ps_document *doc, const char *id)
{
    long k = ps_legislature_find_party(ps_document_legislature(doc), id);
    for (size_t i = 0; i < p->n_members; i++)
        if ((long)p->party[i] == k)
            return p->won[i];
    return -1; /* not in the allocation */
}

Test(formation, dhondt_executive_by_hand)
{
    ps_document *doc =
        doc_of("{\"executive\": \"dhondt\", \"ministries\": 5, \"tie_order\": [\"A\"]}");
    ps_portfolio *p = execute(doc);
    cr_expect_eq(won(p, doc, "A"), 2);
    cr_expect_eq(won(p, doc, "B"), 2);
    cr_expect_eq(won(p, doc, "C"), 1);
    cr_expect_eq(won(p, doc, "D"), 0);
    cr_expect_eq(p->picks[2].n_tied, 2); /* A 40/2 = C 20/1 */
    cr_expect_eq(p->party[p->picks[2].member], 0);
    /* members: those with a ministry or an office (Chief: the largest y
     * list, B) */
    cr_expect_eq(ps_portfolio_members(p), (uint64_t)0x7);
    cr_assert_eq(p->n_awards, 1);
    cr_expect_eq(p->party[p->awards[0].member], 1);
    ps_portfolio_free(p);
    ps_document_free(doc);
}

Test(formation, a_party_declines)
{
    ps_document *doc = doc_of("{\"executive\": \"dhondt\", \"ministries\": 5,"
                              " \"decline\": [\"B\"], \"tie_order\": [\"A\", \"C\"]}");
    ps_portfolio *p = execute(doc);
    cr_expect_eq(won(p, doc, "A"), 4);
    cr_expect_eq(won(p, doc, "B"), -1); /* took no part */
    cr_expect_eq(won(p, doc, "C"), 1);
    cr_expect_eq(p->picks[4].n_tied, 3); /* A 40/4 = C 20/2 = D 10/1 */
    cr_expect_eq(won(p, doc, "D"), 0);
    /* Chief goes to the largest y list that took part: D */
    cr_expect_eq(p->party[p->awards[0].member], 3);
    ps_portfolio_free(p);
    ps_document_free(doc);
}

Test(formation, none_and_errors)
{
    ps_formation *f = NULL;
    ps_error err;
    const char *plain = "{\"format\": \"powershare-legislature/1\", \"total_seats\": 5,"
                        " \"parties\": [{\"id\": \"A\", \"seats\": 3}, {\"id\": \"B\", \"seats\": 2}]}";
    ps_document *doc = NULL;
    cr_assert_eq(ps_document_read(&doc, plain, strlen(plain), "p.json", &err), 0);
    cr_expect_eq(ps_formation_from_document(&f, doc, &err), 0);
    cr_expect_null(f); /* no section */
    ps_document_free(doc);
    const struct {
        const char *section, *message;
        long column;
    } bad[] = {
        {"{\"executive\": \"dhondt\"}", "missing key 'ministries'", 15},
        {"{\"ministries\": 3}", "formation needs one of 'executive'", 15},
        {"{\"executive\": \"dhondt\", \"parity\": [\"x\", \"y\"], \"ministries\": 2}",
         "not both", 15},
        {"{\"parity\": [\"x\", \"z\"], \"ministries\": 2}", "'z' in 'parity' is not a community",
         32},
        {"{\"parity\": [\"x\"], \"ministries\": 2}", "at least two communities", 26},
        {"{\"parity\": [\"x\", \"y\"], \"ministries\": 5}", "cannot be split equally", 52},
        {"{\"parity\": [\"x\", \"y\"], \"ministries\": 4, \"decline\": [\"A\"]}",
         "'decline' goes with", 66},
        {"{\"executive\": \"lottery\", \"ministries\": 3}", "unknown executive 'lottery'", 29},
        {"{\"executive\": \"dhondt\", \"ministries\": 3, \"decline\": [\"Z\"]}",
         "'Z' in 'decline' is not a party", 68},
        {"{\"executive\": \"dhondt\", \"ministries\": 3, \"tie_order\": [\"A\", \"A\"]}",
         "'A' is named twice in 'tie_order'", 75},
        {"{\"executive\": \"dhondt\", \"ministries\": 3, \"chair\": \"A\"}", "chair", 56},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        doc = doc_of(bad[i].section);
        cr_expect_lt(ps_formation_from_document(&f, doc, &err), 0, "%s", bad[i].section);
        cr_expect(strstr(err.message, bad[i].message), "%s: %s", bad[i].section, err.message);
        cr_expect_eq(err.line, 8, "%s", bad[i].section);
        cr_expect_eq(err.column, bad[i].column, "%s: column %ld", bad[i].section, err.column);
        ps_document_free(doc);
    }
    /* every party declines: no executive */
    doc = doc_of("{\"executive\": \"dhondt\", \"ministries\": 2,"
                 " \"decline\": [\"A\", \"B\", \"C\", \"D\"]}");
    cr_assert_eq(ps_formation_from_document(&f, doc, &err), 0);
    ps_portfolio *p = NULL;
    cr_expect_lt(ps_formation_execute(&p, ps_document_legislature(doc), f, NULL, &err), 0);
    cr_expect(strstr(err.message, "every party with seats declined"), "%s", err.message);
    ps_formation_free(f);
    ps_document_free(doc);
}

/* Parity by hand, the same chamber (x: A 40, C 20; y: B 30, D 10), the
 * coalition A, B, C, D and 6 posts, 3 to each community. d'Hondt within x:
 * A 40, then A 20 level with C 20 (A first in the coalition's order), then
 * C 20 over A 13.3: A 2, C 1. Within y: B 30, B 15, then B 10 level with
 * D 10 (B first): B 3, D 0. Gamson within y: 3 * 30/40 = 9/4 and
 * 3 * 10/40 = 3/4; floors 2 and 0, the last post to the larger remainder
 * (3/4): B 2, D 1. Within x exactly 2 and 1. */
static ps_portfolio *parity_share(const ps_document *doc, ps_portfolio_method method,
                                  const char *const *coalition, size_t n, ps_error *err)
{
    ps_formation *f = NULL;
    cr_assert_eq(ps_formation_from_document(&f, doc, err), 0, "%s", err->message);
    cr_assert_eq(f->kind, PS_FORMATION_PARITY);
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    opt.method = method;
    ps_formation_apply_parity(&opt, f);
    cr_expect_eq(opt.posts, 6);
    ps_portfolio *p = NULL;
    ps_portfolio *none = NULL;
    cr_expect_lt(ps_formation_execute(&none, ps_document_legislature(doc), f, NULL, err), 0);
    if (ps_portfolio_allocate(&p, ps_document_legislature(doc), coalition, n, &opt, err) < 0)
        p = NULL;
    ps_formation_free(f);
    return p;
}

Test(formation, parity_by_hand)
{
    ps_document *doc = doc_of("{\"parity\": [\"x\", \"y\"], \"ministries\": 6}");
    const char *all[] = {"A", "B", "C", "D"};
    ps_error err;
    ps_portfolio *p = parity_share(doc, PS_PORTFOLIO_DHONDT, all, 4, &err);
    cr_assert_not_null(p, "%s", err.message);
    cr_expect_eq(won(p, doc, "A"), 2);
    cr_expect_eq(won(p, doc, "C"), 1);
    cr_expect_eq(won(p, doc, "B"), 3);
    cr_expect_eq(won(p, doc, "D"), 0);
    cr_assert_eq(p->n_parity, 2);
    cr_expect_str_eq(p->parity[0].community, "x");
    cr_expect_eq(p->parity[0].posts, 3);
    cr_expect_eq(p->parity[0].seats, 60);
    cr_expect_eq(p->parity[1].seats, 40);
    cr_expect_eq(p->picks[1].n_tied, 2);            /* A 40/2 = C 20 */
    cr_expect_eq(p->party[p->picks[1].member], 0);  /* A */
    cr_expect_eq(p->party[p->picks[3].member], 1);  /* y's first pick: B */
    cr_expect_eq(p->picks[5].n_tied, 2);            /* B 30/3 = D 10 */
    ps_portfolio_free(p);

    p = parity_share(doc, PS_PORTFOLIO_GAMSON, all, 4, &err);
    cr_assert_not_null(p, "%s", err.message);
    cr_expect_eq(won(p, doc, "A"), 2);
    cr_expect_eq(won(p, doc, "C"), 1);
    cr_expect_eq(won(p, doc, "B"), 2);
    cr_expect_eq(won(p, doc, "D"), 1);
    cr_expect_eq(p->share_num[1], 9); /* B: 9/4 */
    cr_expect_eq(p->share_den[1], 4);
    cr_expect_eq(p->share_num[3], 3); /* D: 3/4 */
    cr_expect_eq(p->share_den[3], 4);
    cr_expect_eq(p->share_num[0], 2); /* A: 2/1 */
    cr_expect_eq(p->share_den[0], 1);
    cr_expect_eq(p->parity[1].n_remainder_tied, 0);
    ps_portfolio_free(p);

    /* a coalition without a y list cannot meet parity */
    const char *no_y[] = {"A", "C"};
    cr_expect_null(parity_share(doc, PS_PORTFOLIO_DHONDT, no_y, 2, &err));
    cr_expect(strstr(err.message, "no seat of community 'y'"), "%s", err.message);
    ps_document_free(doc);
}

Test(formation, parity_options_errors)
{
    ps_document *doc = doc_of("{\"parity\": [\"x\", \"y\"], \"ministries\": 6}");
    const ps_legislature *leg = ps_document_legislature(doc);
    const char *all[] = {"A", "B", "C", "D"};
    const char *xy[] = {"x", "y"}, *xz[] = {"x", "z"}, *xx[] = {"x", "x"};
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    opt.posts = 5;
    opt.parity = xy;
    opt.n_parity = 2;
    ps_portfolio *p = NULL;
    ps_error err;
    cr_expect_lt(ps_portfolio_allocate(&p, leg, all, 4, &opt, &err), 0);
    cr_expect(strstr(err.message, "5 posts cannot be split equally"), "%s", err.message);
    opt.posts = 4;
    opt.parity = xz;
    cr_expect_lt(ps_portfolio_allocate(&p, leg, all, 4, &opt, &err), 0);
    cr_expect(strstr(err.message, "no community 'z'"), "%s", err.message);
    opt.parity = xx;
    cr_expect_lt(ps_portfolio_allocate(&p, leg, all, 4, &opt, &err), 0);
    cr_expect(strstr(err.message, "named twice"), "%s", err.message);
    cr_expect_null(p);
    ps_document_free(doc);
}

/* Gamson ties inside the parts: x: A 20, C 20; y: B 10, D 10; 2 posts,
 * one to each community. Within x, A and C each have 1/2 of the post:
 * level, A first by the coalition's order; within y, B and D likewise. */
Test(formation, parity_gamson_ties_by_part)
{
    const char *text = "{\"format\": \"powershare-legislature/1\", \"total_seats\": 60,\n"
                       " \"communities\": [{\"id\": \"x\"}, {\"id\": \"y\"}],\n"
                       " \"parties\": [{\"id\": \"A\", \"seats\": 20, \"community\": \"x\"},\n"
                       "  {\"id\": \"B\", \"seats\": 10, \"community\": \"y\"},\n"
                       "  {\"id\": \"C\", \"seats\": 20, \"community\": \"x\"},\n"
                       "  {\"id\": \"D\", \"seats\": 10, \"community\": \"y\"}]}\n";
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, text, strlen(text), "t.json", &err), 0, "%s",
                 err.message);
    const char *all[] = {"A", "B", "C", "D"}, *xy[] = {"x", "y"};
    ps_portfolio_options opt;
    ps_portfolio_options_init(&opt);
    opt.method = PS_PORTFOLIO_GAMSON;
    opt.posts = 2;
    opt.parity = xy;
    opt.n_parity = 2;
    ps_portfolio *p = NULL;
    cr_assert_eq(ps_portfolio_allocate(&p, ps_document_legislature(doc), all, 4, &opt, &err), 0,
                 "%s", err.message);
    cr_expect_eq(p->n_remainder_tied, 0); /* the parts hold the ties */
    for (size_t g = 0; g < 2; g++) {
        const ps_parity_part *pt = &p->parity[g];
        cr_assert_eq(pt->n_remainder_tied, 2, "part %zu", g);
        cr_expect_eq(pt->remainder_tied[0], g);     /* A (0), then B (1) */
        cr_expect_eq(pt->remainder_tied[1], g + 2); /* C (2), D (3) */
        cr_expect_eq(pt->n_remainder_winners, 1);
    }
    cr_expect_eq(p->won[0], 1);
    cr_expect_eq(p->won[1], 1);
    cr_expect_eq(p->won[2], 0);
    cr_expect_eq(p->won[3], 0);
    cr_expect_eq(p->share_num[2], 1); /* C: 1/2 */
    cr_expect_eq(p->share_den[2], 2);
    ps_portfolio_free(p);
    ps_document_free(doc);
}
