/* test_predict_inclusive.c - the inclusion attributes of a chamber with a
 * convention of inclusive government, their model file block, and the
 * formation cases of divided societies (predict.h). Every expected number
 * is worked out by hand below: the legislature A 40 (x), B 30 (y),
 * C 20 (x), D 10 (y) of 100, majority 51, communities x and y. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "powershare/powershare.h"
#include "temp_text.h"

#define A PS_MEMBER(0)
#define B PS_MEMBER(1)
#define C PS_MEMBER(2)
#define D PS_MEMBER(3)

static ps_legislature *divided(void)
{
    ps_legislature *leg = NULL;
    ps_error err;
    cr_assert_eq(ps_legislature_new(&leg, "divided", 100), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "x", NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "y", NULL, &err), 0);
    const char *ids[] = {"A", "B", "C", "D"}, *comm[] = {"x", "y", "x", "y"};
    const int64_t seats[] = {40, 30, 20, 10};
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(ps_legislature_add_party(leg, ids[i], NULL, seats[i], PS_UNKNOWN, comm[i],
                                              NULL, &err), 0);
    return leg;
}

static const double *row(const ps_predict_alts *a, ps_members m)
{
    for (size_t j = 0; j < a->n; j++)
        if (a->members[j] == m)
            return a->x + j * PS_PA_COUNT;
    cr_assert_fail("set %llx not enumerated", (unsigned long long)m);
    return NULL;
}

static void expect_inclusion(const double *x, double every, double held, double leaders,
                             double surplus, double surplus_members, double minority,
                             double passed)
{
    cr_expect_eq(x[PS_PA_INCL_EVERY], every);
    cr_expect_eq(x[PS_PA_INCL_COMMUNITIES], held);
    cr_expect_eq(x[PS_PA_INCL_LEADERS], leaders);
    cr_expect_float_eq(x[PS_PA_INCL_SURPLUS], surplus, 1e-12);
    cr_expect_eq(x[PS_PA_INCL_SURPLUS_MEMBERS], surplus_members);
    cr_expect_eq(x[PS_PA_INCL_MINORITY], minority);
    cr_expect_eq(x[PS_PA_INCL_PASSED_OVER], passed);
}

Test(predict_inclusive, attributes_by_hand)
{
    ps_legislature *leg = divided();
    ps_condition *cond = NULL;
    ps_error err;
    cr_assert_eq(ps_condition_new(&cond, leg, &err), 0);
    cond->inclusive = true; /* the convention alone: no community required */
    ps_predict_options opt;
    ps_predict_options_init(&opt);
    opt.condition = cond;
    ps_predict_alts *a = NULL;
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0, "%s", err.message);
    cr_expect(a->inclusive);
    cr_expect_eq(a->n, 15); /* the convention narrows nothing */
    /* A+B, 70: both communities, both leaders (A of x, B of y); surplus
     * (70 - 51) / 100; neither exit leaves 51 (30, 40); nobody outside
     * (C 20, D 10) is bigger than its smallest member B 30 */
    expect_inclusion(row(a, A | B), 1, 2, 1, 0.19, 0, 0, 0);
    /* A+C, 60: x only; B (30) outside is bigger than C (20) */
    expect_inclusion(row(a, A | C), 0, 1, 0, 0.09, 0, 0, 1);
    /* A+B+D, 80: D's exit leaves 70 >= 51, A's 40 and B's 50 do not;
     * C (20) outside is bigger than D (10) */
    expect_inclusion(row(a, A | B | D), 1, 2, 1, 0.29, 1, 0, 1);
    /* B+D, 40: a minority of y alone; A and C both bigger than D */
    expect_inclusion(row(a, B | D), 0, 1, 0, 0, 0, 1, 2);
    /* all four, 100: every exit leaves at least 60 */
    expect_inclusion(row(a, A | B | C | D), 1, 2, 1, 0.49, 4, 0, 0);
    ps_predict_alts_free(a);

    /* the communities a condition names are the ones looked at: with x
     * required, C+D holds "every" one (x) and its leader? C is not A */
    cr_assert_eq(ps_condition_include_community(cond, leg, "x", &err), 0);
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0);
    expect_inclusion(row(a, A | C), 1, 1, 1, 0.09, 0, 0, 1);
    ps_predict_alts_free(a);
    /* opt.communities overrides it (y) and does not filter the sets */
    opt.condition = NULL;
    opt.inclusive = true;
    opt.communities = PS_MEMBER(1);
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0);
    cr_expect_eq(a->n, 15);
    expect_inclusion(row(a, A | C), 0, 1, 0, 0.09, 0, 0, 1);
    expect_inclusion(row(a, C | D), 1, 2, 0, 0, 0, 1, 2);
    ps_predict_alts_free(a);

    /* without the convention every inclusion attribute is 0 */
    opt.inclusive = false;
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0);
    cr_expect(!a->inclusive);
    for (size_t j = 0; j < a->n; j++)
        for (int q = PS_PA_FIRST_INCLUSIVE; q < PS_PA_COUNT; q++)
            cr_expect_eq(a->x[j * PS_PA_COUNT + q], 0);
    ps_predict_alts_free(a);
    ps_condition_free(cond);
    ps_legislature_free(leg);
}

/* The condition section's "convention". */
Test(predict_inclusive, convention_in_the_file)
{
    const char *ok = "{\"format\": \"powershare-legislature/1\", \"total_seats\": 10,\n"
                     " \"parties\": [{\"id\": \"a\", \"seats\": 6}, {\"id\": \"b\", \"seats\": 4}],\n"
                     " \"condition\": {\"convention\": \"inclusive\"}}\n";
    ps_document *doc = NULL;
    ps_condition *cond = NULL;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, ok, strlen(ok), "ok.json", &err), 0, "%s", err.message);
    cr_assert_eq(ps_condition_from_document(&cond, doc, &err), 0, "%s", err.message);
    cr_expect(cond->inclusive);
    cr_expect(!ps_condition_constrains(cond)); /* a fact, not a constraint */
    ps_condition_free(cond);
    ps_document_free(doc);
    const char *bad = "{\"format\": \"powershare-legislature/1\", \"total_seats\": 10,\n"
                      " \"parties\": [{\"id\": \"a\", \"seats\": 6}, {\"id\": \"b\", \"seats\": 4}],\n"
                      " \"condition\": {\"convention\": \"grand\"}}\n";
    cr_assert_eq(ps_document_read(&doc, bad, strlen(bad), "bad.json", &err), 0);
    cr_expect_lt(ps_condition_from_document(&cond, doc, &err), 0);
    cr_expect_eq(err.line, 3);
    cr_expect_eq(err.column, 30);
    cr_expect(strstr(err.message, "unknown convention 'grand'"), "%s", err.message);
    ps_document_free(doc);
}


/* The inclusion block of a model file: all or nothing. */
Test(predict_inclusive, model_file_block)
{
    ps_predict_model m0 = {.ridge = 0.01, .cases = 3, .alternatives = 9, .iterations = 2};
    for (int k = 0; k < PS_PA_COUNT; k++)
        m0.beta[k] = k < PS_PA_FIRST_INCLUSIVE ? 0.5 : 7.0; /* 7: must not be written */
    char *text = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_model_write(&text, &m0, &err), 0);
    cr_expect_null(strstr(text, "inclusive"));
    const char *path = temp_text(text);
    ps_predict_model *m = NULL;
    cr_assert_eq(ps_predict_model_load(&m, path, &err), 0, "%s", err.message);
    cr_expect(!m->inclusive);
    for (int k = PS_PA_FIRST_INCLUSIVE; k < PS_PA_COUNT; k++)
        cr_expect_eq(m->beta[k], 0);
    ps_predict_model_free(m);
    remove(path);
    /* one inclusion coefficient alone: the others are missing */
    char *one = malloc(strlen(text) + 128);
    char *cut = strstr(text, "\"minority\"");
    cr_assert(cut);
    sprintf(one, "%.*s\"inclusive_minority\": {\"beta\": 1, \"se\": 1},\n    %s",
            (int)(cut - text), text, cut);
    path = temp_text(one);
    cr_expect_lt(ps_predict_model_load(&m, path, &err), 0);
    cr_expect(strstr(err.message, "no coefficient for attribute 'inclusive_every_community'"),
              "%s", err.message);
    cr_expect(strstr(err.message, "all together or not at all"), "%s", err.message);
    remove(path);
    free(one);
    ps_predict_text_free(text);
}

/* A fit whose cases have no convention leaves the block out (beta 0). */
Test(predict_inclusive, fit_without_convention)
{
    ps_legislature *leg = divided();
    ps_predict_alts *a = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_alternatives(&a, leg, 0, 0, &err), 0);
    ps_predict_obs obs[] = {{a, 4}, {a, 5}};
    ps_predict_model *m = NULL;
    cr_assert_eq(ps_predict_fit(&m, obs, 2, -1, &err), 0, "%s", err.message);
    cr_expect(!m->inclusive);
    for (int k = PS_PA_FIRST_INCLUSIVE; k < PS_PA_COUNT; k++)
        cr_expect_eq(m->beta[k], 0);
    ps_predict_model_free(m);
    ps_predict_alts_free(a);
    ps_legislature_free(leg);
}

static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

static const char case_json[] =
    "{\"format\": \"powershare-legislature/1\", \"total_seats\": 100,\n"
    " \"communities\": [{\"id\": \"x\"}, {\"id\": \"y\"}],\n"
    " \"parties\": [{\"id\": \"a\", \"seats\": 40, \"community\": \"x\"},\n"
    "             {\"id\": \"b\", \"seats\": 30, \"community\": \"y\"},\n"
    "             {\"id\": \"c\", \"seats\": 20, \"community\": \"x\"},\n"
    "             {\"id\": \"d\", \"seats\": 10, \"community\": \"y\"}],\n"
    " \"condition\": {\"include_communities\": [\"x\", \"y\"], \"convention\": \"inclusive\"}}\n";

Test(predict_inclusive, formation_cases)
{
    char dir[] = "/tmp/test_formations_XXXXXX";
    cr_assert(mkdtemp(dir));
    char sub[600];
    const char *names[] = {"utopia-2001", "utopia-2005", "arcadia-2010"};
    const char *cabinets[] = {
        "{\"formed\": true, \"members\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}",
        "{\"formed\": true, \"members\": [{\"id\": \"b\"}, {\"id\": \"a\"}, {\"id\": \"d\"}]}",
        "{\"formed\": true, \"members\": [{\"id\": \"c\"}, {\"id\": \"d\"}]}"};
    for (int i = 0; i < 3; i++) {
        snprintf(sub, sizeof sub, "%s/%s", dir, names[i]);
        cr_assert_eq(mkdir(sub, 0700), 0);
        put(sub, "legislature.json", case_json);
        put(sub, "cabinet.json", cabinets[i]);
    }
    snprintf(sub, sizeof sub, "%s/notes", dir); /* no legislature.json: skipped */
    cr_assert_eq(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/utopia-2003", dir); /* no cabinet formed: skipped */
    cr_assert_eq(mkdir(sub, 0700), 0);
    put(sub, "legislature.json", case_json);
    put(sub, "cabinet.json", "{\"formed\": false}");
    ps_predict_formations *f = NULL;
    ps_error err;
    cr_assert_eq(ps_predict_formations_load(&f, dir, 0, &err), 0, "%s", err.message);
    cr_assert_eq(f->n, 3);
    cr_expect_str_eq(f->cases[0].id, "arcadia-2010"); /* by name */
    cr_expect_str_eq(f->cases[0].country, "arcadia");
    cr_expect_eq(f->cases[0].year, 2010);
    cr_expect_eq(f->cases[2].cabinet, A | B | D);
    cr_expect_eq(f->cases[2].cabinet_size, 3);
    const ps_predict_formation *c = &f->cases[1];
    cr_expect_eq(c->alts->n, 15); /* the condition does not filter */
    cr_assert_geq(c->chosen, 0);
    cr_expect_eq(c->alts->members[c->chosen], A | B);
    cr_expect(c->alts->inclusive);
    /* the joint fit on the three alone has the inclusion block */
    ps_predict_model *m = NULL;
    cr_assert_eq(ps_predict_fit_joint(&m, NULL, f, -1, &err), 0, "%s", err.message);
    cr_expect(m->inclusive);
    ps_predict_model_free(m);
    ps_predict_formations_free(f);

    /* a cabinet id that is not a party: file, line and column */
    snprintf(sub, sizeof sub, "%s/utopia-2005", dir);
    put(sub, "cabinet.json", "{\"formed\": true,\n \"members\": [{\"id\": \"b\"},\n {\"id\": \"zz\"}]}");
    cr_expect_lt(ps_predict_formations_load(&f, dir, 0, &err), 0);
    cr_expect(strstr(err.message, "'zz' is not a party"), "%s", err.message);
    cr_expect(strstr(err.file, "utopia-2005/cabinet.json"), "%s", err.file);
    cr_expect_eq(err.line, 3);
    cr_expect_eq(err.column, 9);
    put(sub, "cabinet.json", "{\"members\": []}");
    cr_expect_lt(ps_predict_formations_load(&f, dir, 0, &err), 0);
    cr_expect(strstr(err.message, "\"formed\": true or false"), "%s", err.message);
    put(sub, "cabinet.json", "{\"formed\": true, \"members\": [{\"id\": \"b\"}]}");
    /* a folder not named COUNTRY-YEAR */
    snprintf(sub, sizeof sub, "%s/utopia", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    put(sub, "legislature.json", case_json);
    put(sub, "cabinet.json", "{\"formed\": true, \"members\": [{\"id\": \"a\"}]}");
    cr_expect_lt(ps_predict_formations_load(&f, dir, 0, &err), 0);
    cr_expect(strstr(err.message, "COUNTRY-YEAR"), "%s", err.message);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

/* Every potential government by classes of interchangeable parties, worked
 * by hand: A 2 seats, B 1, C 1 (B and C alike), a model with only
 * beta_parties = ln 2, so a set of k parties weighs 2^k: the 3 singletons
 * 2 each, the 3 pairs 4 each, the three together 8; Z = 26. */
Test(predict_inclusive, rank_all_by_hand)
{
    ps_legislature *leg = NULL;
    ps_error err;
    cr_assert_eq(ps_legislature_new(&leg, "abc", 4), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "A", NULL, 2, PS_UNKNOWN, NULL, NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "B", NULL, 1, PS_UNKNOWN, NULL, NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "C", NULL, 1, PS_UNKNOWN, NULL, NULL, &err), 0);
    ps_predict_model m = {.beta = {[PS_PA_PARTIES] = log(2.0)}};
    ps_predict_ranking *r = NULL;
    cr_assert_eq(ps_predict_rank_all(&r, leg, NULL, &m, NULL, B | C, 10, &err), 0, "%s",
                 err.message);
    cr_expect_eq(r->sets, 7);
    cr_expect_eq(r->combinations, 5); /* A: 0 or 1, {B, C}: 0, 1 or 2 members */
    cr_expect_float_eq(r->summary->in_government[0], 18.0 / 26, 1e-12); /* 2+4+4+8 */
    cr_expect_float_eq(r->summary->in_government[1], 18.0 / 26, 1e-12); /* B, BA, BC, ABC */
    cr_expect_float_eq(r->summary->in_government[2], 18.0 / 26, 1e-12);
    /* majority 3: A+B, A+C minimal winning (8/26), A+B+C surplus (8/26),
     * the rest (A, B, C, B+C) minority (2+2+2+4 = 10/26) */
    cr_expect_float_eq(r->summary->minimal, 8.0 / 26, 1e-12);
    cr_expect_float_eq(r->summary->surplus, 8.0 / 26, 1e-12);
    cr_expect_float_eq(r->summary->minority, 10.0 / 26, 1e-12);
    cr_expect_float_eq(r->target_p, 4.0 / 26, 1e-12);
    cr_expect_eq(r->target_rank, 2); /* only A+B+C is more probable */
    cr_assert_eq(r->n_top, 5);
    cr_expect_eq(r->top[0], A | B | C);
    cr_expect_float_eq(r->top_p[0], 8.0 / 26, 1e-12);
    cr_expect_eq(r->top_alike[0], 1);
    /* the pairs: A+B standing for A+C (alike 2), and B+C */
    cr_expect_float_eq(r->top_p[1], 4.0 / 26, 1e-12);
    cr_expect_float_eq(r->top_p[2], 4.0 / 26, 1e-12);
    cr_expect_eq(r->top_alike[1] + r->top_alike[2], 3);
    /* the 10 most probable sets are all 7: the whole probability */
    cr_expect_float_eq(r->summary->top10, 1.0, 1e-12);
    ps_predict_ranking_free(r);
    ps_legislature_free(leg);
}

/* The same sums as listing every set, on a chamber with classes, a
 * community condition and the convention. */
Test(predict_inclusive, rank_all_matches_the_list)
{
    ps_legislature *leg = NULL;
    ps_error err;
    cr_assert_eq(ps_legislature_new(&leg, "eleven", 100), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "x", NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "y", NULL, &err), 0);
    const int64_t seats[] = {30, 20, 10, 10, 10, 5, 5, 4, 3, 2, 1};
    const char *comm[] = {"x", "y", "x", "x", "y", "y", "y", "x", NULL, NULL, NULL};
    for (size_t i = 0; i < 11; i++) {
        char id[8];
        snprintf(id, sizeof id, "p%zu", i);
        cr_assert_eq(ps_legislature_add_party(leg, id, NULL, seats[i], PS_UNKNOWN, comm[i], NULL,
                                              &err), 0);
    }
    ps_condition *cond = NULL;
    cr_assert_eq(ps_condition_new(&cond, leg, &err), 0);
    cr_assert_eq(ps_condition_include_community(cond, leg, "y", &err), 0);
    cond->inclusive = true;
    ps_predict_options opt;
    ps_predict_options_init(&opt);
    opt.condition = cond;
    ps_predict_model m = {.inclusive = true};
    for (int k = 0; k < PS_PA_COUNT; k++)
        m.beta[k] = 0.3 * (k % 5) - 0.5;
    ps_predict_alts *a = NULL;
    cr_assert_eq(ps_predict_enumerate(&a, leg, &opt, &err), 0, "%s", err.message);
    double *p = calloc(a->n, sizeof *p);
    size_t *order = NULL;
    ps_predict_probabilities(p, &m, a, NULL);
    cr_assert_eq(ps_predict_order(&order, p, a->n, &err), 0);
    ps_predict_summary *s = NULL;
    cr_assert_eq(ps_predict_summarize(&s, a, p, order, leg->n_parties, &err), 0);
    ps_members target = a->members[order[3]];
    size_t higher = 0;
    for (size_t j = 0; j < a->n; j++)
        higher += p[j] > p[order[3]];
    ps_predict_ranking *r = NULL;
    cr_assert_eq(ps_predict_rank_all(&r, leg, &opt, &m, NULL, target, 20, &err), 0, "%s",
                 err.message);
    cr_expect_eq(r->sets, (double)a->n);
    cr_expect_lt(r->combinations, a->n); /* the 10-seat x lists are alike */
    for (size_t i = 0; i < leg->n_parties; i++)
        cr_expect_float_eq(r->summary->in_government[i], s->in_government[i], 1e-9, "party %zu",
                           i);
    cr_expect_float_eq(r->summary->minority, s->minority, 1e-9);
    cr_expect_float_eq(r->summary->minimal, s->minimal, 1e-9);
    cr_expect_float_eq(r->summary->top10, s->top10, 1e-9);
    cr_expect_float_eq(r->top_p[0], p[order[0]], 1e-12);
    cr_expect_float_eq(r->target_p, p[order[3]], 1e-12);
    cr_expect_eq(r->target_rank, (double)higher + 1);
    ps_predict_ranking_free(r);
    ps_predict_summary_free(s);
    ps_predict_order_free(order);
    free(p);
    ps_predict_alts_free(a);
    ps_condition_free(cond);
    ps_legislature_free(leg);
}
