/* test_formation.c - executives formed by rule (portfolio.h, "Executives
 * formed by rule"): the "formation" section and the executive it computes.
 * Worked by hand: A 40, B 30, C 20, D 10 of 100, five ministries by
 * d'Hondt: quotients A 40, 20, 13.3; B 30, 15; C 20, 10; D 10. The five
 * largest: A 40, B 30, A 20 (level with C 20: the tie order), C 20, B 15:
 * A 2, B 2, C 1. With B declining (tie order A, C): A 40, A 20 (level
 * with C 20), C 20, A 13.3, A 10 (level with C 20/2 and D 10/1): A 4, C 1. */
#include <criterion/criterion.h>
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
        {"{\"ministries\": 3}", "missing key 'executive'", 15},
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
