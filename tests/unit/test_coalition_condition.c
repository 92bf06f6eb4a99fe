/* test_coalition_condition.c - the power-sharing condition: the "condition"
 * section read with its errors at their places, and ps_condition_judge,
 * which judges every part of a condition with its reason, against each part
 * on every coalition. Expected values are worked out by hand in the
 * comments. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "powershare/powershare.h"

#define A PS_MEMBER(0)
#define B PS_MEMBER(1)
#define C PS_MEMBER(2)
#define D PS_MEMBER(3)

/* ---- the "condition" section ------------------------------------------- */

static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "/tmp/ps-test-coalition-%d-%s", (int)getpid(), name);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fputs(text, f);
    fclose(f);
    return path;
}

#define LEG_HEAD                                                                             \
    "{\"name\": \"t\", \"total_seats\": 100,\n"                                              \
    " \"communities\": [{\"id\": \"x\"}, {\"id\": \"y\"}],\n"                                \
    " \"parties\": [{\"id\": \"A\", \"seats\": 40, \"community\": \"x\"},\n"                 \
    "  {\"id\": \"B\", \"seats\": 30}, {\"id\": \"C\", \"seats\": 20},\n"                    \
    "  {\"id\": \"D\", \"seats\": 10, \"community\": \"y\"}],\n"

Test(coalition, condition_section_is_read)
{
    const char *path = write_file("ok.json", LEG_HEAD
                                  " \"condition\": {\"name\": \"deal\", \"include_communities\": [\"y\"],\n"
                                  "  \"require\": [\"B\"], \"exclude\": [\"C\"],\n"
                                  "  \"incompatible\": [[\"A\", \"C\"]], \"max_parties\": 3}}\n");
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_load(&doc, path, &err), 0, "%s", err.message);
    const ps_legislature *leg = ps_document_legislature(doc);
    ps_condition *c = NULL;
    cr_assert_eq(ps_condition_from_document(&c, doc, &err), 0, "%s", err.message);
    cr_expect(c->declared);
    cr_expect_str_eq(c->name, "deal");
    cr_expect_eq(c->communities_required, PS_MEMBER(1));
    cr_expect_eq(c->required, B);
    cr_expect_eq(c->excluded, C);
    cr_expect_eq(c->n_incompatible, 1);
    cr_expect_eq(c->incompatible[0], A | C);
    cr_expect_eq(c->max_parties, 3);
    /* ABD is the only feasible winning coalition: B and D required, C out */
    ps_game *game = NULL;
    cr_assert_eq(ps_game_from_legislature(&game, leg, NULL, false, &err), 0);
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.condition = c;
    ps_coalition_set *set = NULL;
    cr_assert_eq(ps_coalitions_find(&set, game, leg, &opt, &err), 0, "%s", err.message);
    cr_expect_eq(set->n_minimal, 1);
    cr_expect_eq(set->items[0].members, A | B | D);
    ps_coalition_set_free(set);
    ps_game_free(game);
    ps_condition_free(c);
    ps_document_free(doc);
    remove(path);
}

Test(coalition, condition_errors_have_positions)
{
    struct {
        const char *body, *want;
    } bad[] = {
        {" \"condition\": {\"require\": [\"A\", \"Z\"]}}\n", ":6:33: unknown party 'Z'"},
        {" \"condition\": {\"include_communities\": [\"w\"]}}\n", ":6:40: unknown community 'w'"},
        {" \"condition\": {\"incompatible\": [[\"A\", \"Q\"]]}}\n", ":6:39: unknown party 'Q'"},
        {" \"condition\": {\"incompatible\": [[\"A\"]]}}\n", ":6:33: each item of 'incompatible'"},
        {" \"condition\": {\"max_parties\": 0}}\n", ":6:31:"},
        {" \"condition\": {\"requires\": [\"A\"]}}\n", "did you mean 'require'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[2048];
        snprintf(text, sizeof text, "%s%s", LEG_HEAD, bad[i].body);
        const char *path = write_file("bad.json", text);
        ps_document *doc = NULL;
        ps_error err;
        cr_assert_eq(ps_document_load(&doc, path, &err), 0, "%s", err.message);
        ps_condition *c = NULL;
        cr_expect_eq(ps_condition_from_document(&c, doc, &err), PS_EDATA, "case %zu", i);
        cr_expect_str_eq(err.file, path, "case %zu: the error names the file", i);
        char msg[2048];
        ps_error_format(&err, msg, sizeof msg);
        cr_expect(strstr(msg, bad[i].want), "case %zu: '%s' lacks '%s'", i, msg, bad[i].want);
        cr_expect_null(c);
        ps_document_free(doc);
        remove(path);
    }
}

/* ---- ps_condition_judge: every part of a condition, with its reason ---- */

/* Alpha 40 (arab), Beta 30 (kurdish), Gamma 20, Delta 10: named parties and
 * communities, for the reasons' words. */
static ps_legislature *named_chamber(void)
{
    ps_legislature *leg = NULL;
    ps_error err;
    cr_assert_eq(ps_legislature_new(&leg, "named", 100), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "arab", "Arab", &err), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "kurdish", "Kurdish", &err), 0);
    const char *ids[] = {"alpha", "beta", "gamma", "delta"};
    const char *names[] = {"Alpha", "Beta", "Gamma", "Delta"};
    const char *comm[] = {"arab", "kurdish", NULL, NULL};
    int64_t seats[] = {40, 30, 20, 10};
    for (size_t i = 0; i < 4; i++) {
        size_t k;
        cr_assert_eq(ps_legislature_add_party(leg, ids[i], names[i], seats[i], PS_UNKNOWN,
                                              comm[i], &k, &err), 0);
    }
    cr_assert_eq(ps_legislature_validate(leg, &err), 0, "%s", err.message);
    return leg;
}

Test(coalition, judge_without_condition_holds)
{
    ps_legislature *leg = named_chamber();
    ps_condition *c = NULL;
    ps_error err;
    cr_assert_eq(ps_condition_new(&c, leg, &err), 0);
    ps_condition_verdict v;
    ps_condition_judge(&v, c, leg, A | B | C | D);
    cr_expect(!v.constrains);
    cr_expect(v.holds);
    cr_expect_eq(v.n_failed, 0);
    cr_expect_eq(v.n_parties, 4);
    ps_condition_judge(&v, NULL, NULL, A);
    cr_expect(v.holds && !v.constrains && v.n_failed == 0);
    cr_expect(!ps_condition_constrains(c) && !ps_condition_constrains(NULL));
    ps_condition_free(c);
    ps_legislature_free(leg);
}

Test(coalition, judge_an_exclusion_alone)
{
    /* the case of issue 13: only an excluded party, no community */
    ps_legislature *leg = named_chamber();
    ps_condition *c = NULL;
    ps_error err;
    cr_assert_eq(ps_condition_new(&c, leg, &err), 0);
    cr_assert_eq(ps_condition_exclude(c, leg, "delta", &err), 0);
    ps_condition_verdict v;
    ps_condition_judge(&v, c, leg, A | D);
    cr_expect(v.constrains);
    cr_expect(!v.holds);
    cr_assert_eq(v.n_failed, 1);
    cr_expect_eq(v.failed[0].part, PS_CONDITION_EXCLUDE);
    cr_expect_eq(v.failed[0].parties, D);
    cr_expect_str_eq(v.failed[0].reason, "excludes Delta");
    cr_expect(!ps_condition_meets(c, A | D));
    ps_condition_judge(&v, c, leg, A | B);
    cr_expect(v.constrains && v.holds && v.n_failed == 0);
    cr_expect(ps_condition_meets(c, A | B));
    ps_condition_free(c);
    ps_legislature_free(leg);
}

Test(coalition, judge_every_part_fails_with_its_reason)
{
    /* require Gamma, exclude Delta, Beta never with Delta, a list of each
     * community, at most one party; Beta + Delta breaks all five */
    ps_legislature *leg = named_chamber();
    ps_condition *c = NULL;
    ps_error err;
    cr_assert_eq(ps_condition_new(&c, leg, &err), 0);
    cr_assert_eq(ps_condition_require(c, leg, "gamma", &err), 0);
    cr_assert_eq(ps_condition_exclude(c, leg, "delta", &err), 0);
    cr_assert_eq(ps_condition_incompatible(c, leg, "beta", "delta", &err), 0);
    cr_assert_eq(ps_condition_include_community(c, leg, "arab", &err), 0);
    cr_assert_eq(ps_condition_include_community(c, leg, "kurdish", &err), 0);
    c->max_parties = 1;
    ps_condition_verdict v;
    ps_condition_judge(&v, c, leg, B | D);
    cr_expect(!v.holds);
    cr_expect_eq(v.n_parties, 2);
    cr_assert_eq(v.n_failed, 5);
    cr_expect_eq(v.failed[0].part, PS_CONDITION_REQUIRE);
    cr_expect_eq(v.failed[0].parties, C);
    cr_expect_str_eq(v.failed[0].reason, "lacks Gamma");
    cr_expect_eq(v.failed[1].part, PS_CONDITION_EXCLUDE);
    cr_expect_str_eq(v.failed[1].reason, "excludes Delta");
    cr_expect_eq(v.failed[2].part, PS_CONDITION_INCOMPATIBLE);
    cr_expect_eq(v.failed[2].parties, B | D);
    cr_expect_eq(v.failed[2].n_pairs, 1);
    cr_expect_str_eq(v.failed[2].reason, "rules out Beta with Delta");
    cr_expect_eq(v.failed[3].part, PS_CONDITION_COMMUNITIES);
    cr_expect_eq(v.failed[3].communities, PS_MEMBER(0));
    cr_expect_str_eq(v.failed[3].reason, "lacks an Arab list");
    cr_expect_eq(v.failed[4].part, PS_CONDITION_MAX_PARTIES);
    cr_expect_str_eq(v.failed[4].reason, "has 2 lists, at most 1");
    /* the same verdict without a legislature, only without words */
    ps_condition_verdict bare;
    ps_condition_judge(&bare, c, NULL, B | D);
    cr_expect(!bare.holds);
    cr_expect_eq(bare.n_failed, 5);
    cr_expect_str_eq(bare.failed[3].reason, "");
    /* several of one part go into one reason */
    ps_condition_judge(&v, c, leg, 0);
    cr_assert_eq(v.n_failed, 2);
    cr_expect_str_eq(v.failed[1].reason, "lacks an Arab and a Kurdish list");
    /* the declared parts in words */
    char text[PS_CONDITION_TEXT_BYTES];
    cr_expect(ps_condition_part_text(text, sizeof text, c, leg, PS_CONDITION_REQUIRE));
    cr_expect_str_eq(text, "requires Gamma");
    cr_expect(ps_condition_part_text(text, sizeof text, c, leg, PS_CONDITION_INCOMPATIBLE));
    cr_expect_str_eq(text, "rules out Beta with Delta");
    cr_expect(ps_condition_part_text(text, sizeof text, c, leg, PS_CONDITION_COMMUNITIES));
    cr_expect_str_eq(text, "a list of each of Arab and Kurdish");
    cr_expect(ps_condition_part_text(text, sizeof text, c, leg, PS_CONDITION_MAX_PARTIES));
    cr_expect_str_eq(text, "at most 1 list");
    cr_expect_str_eq(ps_condition_part_name(PS_CONDITION_COMMUNITIES), "include_communities");
    ps_condition_free(c);
    cr_assert_eq(ps_condition_new(&c, leg, &err), 0);
    cr_expect(!ps_condition_part_text(text, sizeof text, c, leg, PS_CONDITION_EXCLUDE));
    cr_expect_str_eq(text, "");
    cr_assert_eq(ps_condition_exclude(c, leg, "alpha", &err), 0);
    cr_assert_eq(ps_condition_exclude(c, leg, "beta", &err), 0);
    cr_assert_eq(ps_condition_exclude(c, leg, "gamma", &err), 0);
    ps_condition_judge(&v, c, leg, A | B | C | D);
    cr_assert_eq(v.n_failed, 1);
    cr_expect_str_eq(v.failed[0].reason, "excludes Alpha, Beta and Gamma");
    ps_condition_free(c);
    ps_legislature_free(leg);
}

Test(coalition, judge_agrees_with_each_part_on_every_coalition)
{
    /* brute force over the 16 coalitions of the named chamber, each part
     * checked by its definition */
    ps_legislature *leg = named_chamber();
    ps_condition *c = NULL;
    ps_error err;
    cr_assert_eq(ps_condition_new(&c, leg, &err), 0);
    cr_assert_eq(ps_condition_require(c, leg, "alpha", &err), 0);
    cr_assert_eq(ps_condition_exclude(c, leg, "gamma", &err), 0);
    cr_assert_eq(ps_condition_incompatible(c, leg, "alpha", "delta", &err), 0);
    cr_assert_eq(ps_condition_include_community(c, leg, "kurdish", &err), 0);
    c->max_parties = 2;
    for (ps_members m = 0; m < 16; m++) {
        bool req = (m & A) != 0, exc = !(m & C), inc = (m & (A | D)) != (A | D);
        bool com = (m & B) != 0, max = __builtin_popcountll(m) <= 2;
        ps_condition_verdict v;
        ps_condition_judge(&v, c, leg, m);
        size_t want = !req + !exc + !inc + !com + !max;
        cr_expect_eq(v.n_failed, want, "coalition %llx", (unsigned long long)m);
        cr_expect_eq(v.holds, want == 0, "coalition %llx", (unsigned long long)m);
        cr_expect_eq(ps_condition_meets(c, m), want == 0, "coalition %llx",
                     (unsigned long long)m);
        for (size_t k = 0; k < v.n_failed; k++)
            cr_expect(v.failed[k].reason[0], "coalition %llx: part %zu has a reason",
                      (unsigned long long)m, k);
    }
    ps_condition_free(c);
    ps_legislature_free(leg);
}

Test(coalition, judge_cuts_a_long_reason_between_characters)
{
    /* a name of 200 two-byte characters (400 bytes) does not fit in
     * PS_CONDITION_TEXT_BYTES: it is cut between characters, with "..." */
    char name[401];
    for (size_t i = 0; i < 200; i++)
        memcpy(name + 2 * i, "\xc3\xa9", 2); /* U+00E9 */
    name[400] = '\0';
    ps_legislature *leg = NULL;
    ps_error err;
    size_t k;
    cr_assert_eq(ps_legislature_new(&leg, "long", 10), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "e", name, 6, PS_UNKNOWN, NULL, &k, &err), 0);
    cr_assert_eq(ps_legislature_add_party(leg, "f", NULL, 4, PS_UNKNOWN, NULL, &k, &err), 0);
    ps_condition *c = NULL;
    cr_assert_eq(ps_condition_new(&c, leg, &err), 0);
    cr_assert_eq(ps_condition_exclude(c, leg, "e", &err), 0);
    ps_condition_verdict v;
    ps_condition_judge(&v, c, leg, PS_MEMBER(0));
    cr_assert_eq(v.n_failed, 1);
    const char *r = v.failed[0].reason;
    size_t len = strlen(r);
    cr_expect_lt(len, (size_t)PS_CONDITION_TEXT_BYTES);
    cr_expect_eq(strncmp(r, "excludes ", 9), 0);
    cr_assert_gt(len, 12);
    cr_expect_str_eq(r + len - 3, "...");
    cr_expect_eq((len - 9 - 3) % 2, 0, "cut inside a character: %zu bytes", len);
    ps_condition_free(c);
    ps_legislature_free(leg);
}

/* "a" or "an" by the sound of the community's name: "an Ulster Scots
 * list", "a Unionist list", "a European list", "an Other list". */
Test(condition, article_by_sound)
{
    const char *text = "{\"format\": \"powershare-legislature/1\", \"total_seats\": 4,\n"
                       " \"communities\": [{\"id\": \"u\", \"name\": \"Unionist\"},\n"
                       "  {\"id\": \"s\", \"name\": \"Ulster Scots\"},\n"
                       "  {\"id\": \"e\", \"name\": \"European\"}, {\"id\": \"o\", \"name\": \"Other\"}],\n"
                       " \"parties\": [{\"id\": \"A\", \"seats\": 1, \"community\": \"u\"},\n"
                       "  {\"id\": \"B\", \"seats\": 1, \"community\": \"s\"},\n"
                       "  {\"id\": \"C\", \"seats\": 1, \"community\": \"e\"},\n"
                       "  {\"id\": \"D\", \"seats\": 1, \"community\": \"o\"}]}\n";
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_read(&doc, text, strlen(text), "t.json", &err), 0, "%s",
                 err.message);
    const ps_legislature *leg = ps_document_legislature(doc);
    ps_condition *c = NULL;
    cr_assert_eq(ps_condition_new(&c, leg, &err), 0);
    for (const char *const *id = (const char *const[]){"u", "s", "e", "o", NULL}; *id; id++)
        cr_assert_eq(ps_condition_include_community(c, leg, *id, &err), 0);
    ps_condition_verdict v;
    ps_condition_judge(&v, c, leg, 0);
    cr_assert_eq(v.n_failed, 1);
    cr_expect_str_eq(v.failed[0].reason,
                     "lacks a Unionist, an Ulster Scots, a European and an Other list");
    ps_condition_free(c);
    ps_document_free(doc);
}
