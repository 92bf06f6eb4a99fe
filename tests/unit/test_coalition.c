/* test_coalition.c - feasible winning coalitions, theories, substance or show.
 * (The "condition" section and ps_condition_judge: test_coalition_condition.c.)
 *
 * Expected values are computed by hand in the comments (textbook chamber
 * A 40, B 30, C 20, D 10 of 100, quota 51; Iraq 2014 from data/), and by
 * brute force over all subsets for random small games. */
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

/* A 40 @1, B 30 @2, C 20 @3, D 10 @4; communities: x = {A}, y = {D}. */
static ps_legislature *textbook(void)
{
    ps_legislature *leg = NULL;
    ps_error err;
    cr_assert_eq(ps_legislature_new(&leg, "textbook", 100), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "x", NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_community(leg, "y", NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_dimension(leg, "lr", NULL, NAN, NAN, &err), 0);
    const char *ids[] = {"A", "B", "C", "D"};
    const char *comm[] = {"x", NULL, NULL, "y"};
    int64_t seats[] = {40, 30, 20, 10};
    for (size_t i = 0; i < 4; i++) {
        size_t k;
        cr_assert_eq(ps_legislature_add_party(leg, ids[i], NULL, seats[i], PS_UNKNOWN, comm[i],
                                              &k, &err), 0);
        leg->parties[k].positions[0] = (double)(i + 1);
    }
    cr_assert_eq(ps_legislature_validate(leg, &err), 0, "%s", err.message);
    return leg;
}

typedef struct fixture {
    ps_legislature *leg;
    ps_game *game;
    ps_condition *cond;
    ps_coalition_set *set;
} fixture;

static void setup(fixture *f)
{
    ps_error err;
    memset(f, 0, sizeof *f);
    f->leg = textbook();
    cr_assert_eq(ps_game_from_legislature(&f->game, f->leg, NULL, false, &err), 0);
    cr_assert_eq(ps_condition_new(&f->cond, f->leg, &err), 0);
}

static void run(fixture *f, long dim, size_t top)
{
    ps_error err;
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.condition = f->cond;
    opt.dimension = dim;
    opt.top = top;
    ps_coalition_set_free(f->set);
    f->set = NULL;
    int rc = ps_coalitions_find(&f->set, f->game, f->leg, &opt, &err);
    cr_assert_eq(rc, 0, "find: %s", err.message);
}

static void teardown(fixture *f)
{
    ps_coalition_set_free(f->set);
    ps_condition_free(f->cond);
    ps_game_free(f->game);
    ps_legislature_free(f->leg);
}

/* The theory's list as masks with ranks, in order. */
static void expect_list(const fixture *f, ps_theory t, size_t n, const ps_members *m,
                        const size_t *rank)
{
    const ps_theory_list *tl = &f->set->theories[t];
    cr_assert(tl->available);
    cr_assert_eq(tl->n, n, "%s: %zu coalitions, expected %zu", ps_theory_name(t), tl->n, n);
    for (size_t i = 0; i < n; i++) {
        cr_expect_eq(f->set->items[tl->index[i]].members, m[i], "%s item %zu",
                     ps_theory_name(t), i);
        cr_expect_eq(tl->rank[i], rank[i], "%s rank %zu", ps_theory_name(t), i);
    }
}

Test(coalition, textbook_minimal_winning_by_hand)
{
    fixture f;
    setup(&f);
    run(&f, 0, 0);
    /* MWCs: AB 70, AC 60, BCD 60 (AD 50 and BC 50 lose; ACD, ABD, ABC have
     * a surplus member) */
    cr_expect_eq(f.set->n_minimal, 3);
    ps_members mwc[] = {A | C, B | C | D, A | B};
    size_t r1[] = {1, 1, 1};
    expect_list(&f, PS_THEORY_MINIMAL, 3, mwc, r1);
    /* Riker: AC and BCD tie at 60 seats; AB third */
    size_t rk[] = {1, 1, 3};
    expect_list(&f, PS_THEORY_MINIMUM, 3, mwc, rk);
    cr_expect_eq(f.set->theories[PS_THEORY_MINIMUM].n_best, 2);
    /* Leiserson: AC and AB have two parties (listed by seats), BCD three */
    ps_members barg[] = {A | C, A | B, B | C | D};
    expect_list(&f, PS_THEORY_BARGAINING, 3, barg, rk);
    /* Axelrod on 1..4: AB and BCD (ABC: C is a surplus end; AC skips B) */
    ps_members mcw[] = {B | C | D, A | B};
    size_t r2[] = {1, 1};
    expect_list(&f, PS_THEORY_CONNECTED, 2, mcw, r2);
    cr_expect_eq(f.set->n_connected, 2);
    /* range: AB 1; AC and BCD 2 */
    ps_members rng[] = {A | B, A | C, B | C | D};
    size_t rr[] = {1, 2, 2};
    expect_list(&f, PS_THEORY_RANGE, 3, rng, rr);
    /* variance: AB 40*30/70^2 = 0.2449; BCD 33.33/60 = 0.5556; AC
     * 40*20*4/60^2 = 0.8889 */
    ps_members dist[] = {A | B, B | C | D, A | C};
    size_t rd[] = {1, 2, 3};
    expect_list(&f, PS_THEORY_DISTANCE, 3, dist, rd);
    const ps_theory_list *tl = &f.set->theories[PS_THEORY_DISTANCE];
    cr_expect_float_eq(tl->score[0], 1200.0 / 4900.0, 1e-12);
    cr_expect_float_eq(tl->score[1], 100.0 / 180.0, 1e-12);
    cr_expect_float_eq(tl->score[2], 3200.0 / 3600.0, 1e-12);
    /* median: A has 60 to its right (> 50); B has 40 left, 30 right */
    cr_expect_eq(f.set->median, B);
    cr_expect_eq(f.set->largest, A);
    teardown(&f);
}

Test(coalition, top_keeps_ranks_and_ties)
{
    fixture f;
    setup(&f);
    run(&f, 0, 1);
    /* with top 1 only rank 1 is kept, ties included */
    ps_members mt[] = {A | C, B | C | D};
    size_t r[] = {1, 1};
    expect_list(&f, PS_THEORY_MINIMUM, 2, mt, r);
    cr_expect_eq(f.set->theories[PS_THEORY_MINIMUM].n_candidates, 3);
    ps_members bt[] = {A | C, A | B};
    expect_list(&f, PS_THEORY_BARGAINING, 2, bt, r);
    teardown(&f);
}

Test(coalition, all_winning_coalitions)
{
    fixture f;
    setup(&f);
    ps_error err;
    uint64_t n;
    bool stopped;
    cr_assert_eq(ps_coalitions_count(&n, &stopped, f.game, NULL, true, 0, &err), 0);
    /* AB AC ABC ABD ACD BCD ABCD */
    cr_expect_eq(n, 7);
    cr_assert_eq(ps_coalitions_count(&n, &stopped, f.game, NULL, true, 3, &err), 0);
    cr_expect(stopped);
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.all = true;
    cr_assert_eq(ps_coalitions_find(&f.set, f.game, f.leg, &opt, &err), 0);
    cr_expect_eq(f.set->n_all, 7);
    cr_expect_eq(f.set->n, 7);
    opt.limit = 6;
    ps_coalition_set *s2 = NULL;
    cr_expect_eq(ps_coalitions_find(&s2, f.game, f.leg, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "--max-parties"), "%s", err.message);
    teardown(&f);
}

Test(coalition, constraints_by_hand)
{
    fixture f;
    setup(&f);
    ps_error err;
    /* A and B incompatible: AC and BCD remain */
    cr_assert_eq(ps_condition_incompatible(f.cond, f.leg, "A", "B", &err), 0);
    run(&f, -1, 0);
    cr_expect_eq(f.set->n_minimal, 2);
    ps_condition_free(f.cond);
    cr_assert_eq(ps_condition_new(&f.cond, f.leg, &err), 0);
    /* D required: ABD, ACD, BCD; in ABD the D list is surplus */
    cr_assert_eq(ps_condition_include_community(f.cond, f.leg, "y", &err), 0);
    run(&f, -1, 0);
    cr_expect_eq(f.set->n_minimal, 3);
    const ps_theory_list *tl = &f.set->theories[PS_THEORY_MINIMAL];
    bool seen_show = false, seen_substance = false;
    for (size_t i = 0; i < tl->n; i++) {
        const ps_coalition *c = &f.set->items[tl->index[i]];
        cr_expect(c->members & D);
        if (c->members == (A | B | D)) {
            cr_expect_eq(c->critical, A | B);
            cr_expect_eq(c->surplus, 80 - 51);
            cr_expect_eq(ps_coalition_role(c, f.cond, 1), PS_ROLE_SHOW);
            cr_expect_eq(ps_coalition_role(c, f.cond, 0), PS_ROLE_SUBSTANCE);
            seen_show = true;
        }
        if (c->members == (B | C | D)) {
            cr_expect_eq(ps_coalition_role(c, f.cond, 1), PS_ROLE_SUBSTANCE);
            cr_expect_eq(ps_coalition_role(c, f.cond, 0), PS_ROLE_ABSENT);
            seen_substance = true;
        }
    }
    cr_expect(seen_show && seen_substance);
    /* at most two parties and no A: nothing wins; BC is 1 short */
    ps_condition_free(f.cond);
    cr_assert_eq(ps_condition_new(&f.cond, f.leg, &err), 0);
    f.cond->max_parties = 2;
    cr_assert_eq(ps_condition_exclude(f.cond, f.leg, "A", &err), 0);
    run(&f, -1, 0);
    cr_expect_eq(f.set->n_minimal, 0);
    cr_assert(f.set->n_near >= 1);
    cr_expect_eq(f.set->near[0].members, B | C);
    cr_expect_eq(f.set->near[0].seats_short, 1);
    teardown(&f);
}

Test(coalition, near_misses_say_what_is_lacking)
{
    /* community y (only D) is required, but D is incompatible with A, B and
     * C: D alone meets the condition with 10 seats (41 short); the winning
     * AC (60) and AB (70) lack community y */
    fixture f;
    setup(&f);
    ps_error err;
    cr_assert_eq(ps_condition_include_community(f.cond, f.leg, "y", &err), 0);
    cr_assert_eq(ps_condition_incompatible(f.cond, f.leg, "A", "D", &err), 0);
    cr_assert_eq(ps_condition_incompatible(f.cond, f.leg, "B", "D", &err), 0);
    cr_assert_eq(ps_condition_incompatible(f.cond, f.leg, "C", "D", &err), 0);
    run(&f, -1, 0);
    cr_expect_eq(f.set->n_minimal, 0);
    cr_assert_eq(f.set->n_near, 3);
    cr_expect_eq(f.set->near[0].members, D);
    cr_expect_eq(f.set->near[0].seats_short, 41);
    cr_expect_eq(f.set->near[0].missing_communities, 0);
    cr_expect_eq(f.set->near[1].members, A | C);
    cr_expect_eq(f.set->near[1].seats_short, 0);
    cr_expect_eq(f.set->near[1].missing_communities, PS_MEMBER(1));
    cr_expect_eq(f.set->near[2].members, A | B);
    teardown(&f);
}

Test(coalition, contradictions_and_unknown_ids)
{
    fixture f;
    setup(&f);
    ps_error err;
    cr_expect_eq(ps_condition_require(f.cond, f.leg, "Z", &err), PS_EDATA);
    cr_expect(strstr(err.message, "unknown party 'Z'"), "%s", err.message);
    cr_expect(strstr(err.message, "A, B, C, D"), "%s", err.message);
    cr_expect_eq(ps_condition_include_community(f.cond, f.leg, "w", &err), PS_EDATA);
    cr_expect_eq(ps_condition_incompatible(f.cond, f.leg, "A", "A", &err), PS_EDATA);
    cr_assert_eq(ps_condition_require(f.cond, f.leg, "A", &err), 0);
    cr_assert_eq(ps_condition_exclude(f.cond, f.leg, "A", &err), 0);
    cr_expect_eq(ps_condition_check(f.cond, f.leg, &err), PS_EDATA);
    cr_expect(strstr(err.message, "both required and excluded"), "%s", err.message);
    ps_condition_free(f.cond);
    cr_assert_eq(ps_condition_new(&f.cond, f.leg, &err), 0);
    cr_assert_eq(ps_condition_require(f.cond, f.leg, "A", &err), 0);
    cr_assert_eq(ps_condition_require(f.cond, f.leg, "B", &err), 0);
    cr_assert_eq(ps_condition_incompatible(f.cond, f.leg, "B", "A", &err), 0);
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.condition = f.cond;
    cr_expect_eq(ps_coalitions_find(&f.set, f.game, f.leg, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "incompatible"), "%s", err.message);
    teardown(&f);
}

Test(coalition, missing_positions_are_named)
{
    fixture f;
    setup(&f);
    f.leg->parties[2].positions[0] = NAN;
    f.leg->parties[3].positions[0] = NAN;
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.dimension = 0;
    ps_error err;
    cr_expect_eq(ps_coalitions_find(&f.set, f.game, f.leg, &opt, &err), PS_EDATA);
    cr_expect(strstr(err.message, "C, D"), "%s", err.message);
    teardown(&f);
}

static ps_legislature *iraq(void)
{
    ps_legislature *leg = NULL;
    ps_error err;
    int rc = ps_legislature_load(&leg, PS_SOURCE_ROOT "/data/iraq-2014.json", &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    return leg;
}

static ps_members ids(const ps_legislature *leg, const char *const *list)
{
    ps_members m = 0;
    for (; *list; list++) {
        long i = ps_legislature_find_party(leg, *list);
        cr_assert(i >= 0, "%s", *list);
        m |= PS_MEMBER((size_t)i);
    }
    return m;
}

/* A search that passes its node budget is refused, never half-reported:
 * Iraq's 5.4 million minimal winning coalitions need about 2e7 nodes, so
 * a budget of 10^5 runs out (and the default does not). */
Test(coalition, search_budget_is_refused_with_a_clear_error)
{
    ps_legislature *leg = iraq();
    ps_game *game = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_legislature(&game, leg, NULL, false, &err), 0);
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.top = 3;
    opt.max_nodes = 100000;
    ps_coalition_set *set = NULL;
    long live = psi_alloc_live();
    cr_expect_eq(ps_coalitions_find(&set, game, leg, &opt, &err), PS_ERANGE);
    cr_expect_null(set);
    cr_expect(strstr(err.message, "stopped after 1.0e+05 nodes") != NULL, "%s", err.message);
    cr_expect_eq(psi_alloc_live(), live);
    opt.max_nodes = 0; /* the default */
    cr_assert_eq(ps_coalitions_find(&set, game, leg, &opt, &err), PS_OK, "%s", err.message);
    cr_expect_eq(set->n_minimal, 5420555);
    ps_coalition_set_free(set);
    ps_game_free(game);
    ps_legislature_free(leg);
}

Test(coalition, iraq_2014_facts)
{
    ps_legislature *leg = iraq();
    ps_game *game = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_legislature(&game, leg, NULL, false, &err), 0);
    cr_assert_eq(game->quotas[0], 165);
    ps_coalition c;
    /* 92 + 34 + 29 = 155 < 165 */
    const char *three[] = {"sol", "ahrar", "muwatin", NULL};
    cr_assert_eq(ps_coalition_describe(&c, game, leg, NULL, -1, ids(leg, three), &err), 0);
    cr_expect_eq(c.seats, 155);
    cr_expect(!c.winning);
    cr_expect_eq(c.surplus, -10);
    /* + KDP 25 = 180, surplus 15; every member has more than 15 seats */
    const char *four[] = {"sol", "ahrar", "muwatin", "kdp", NULL};
    cr_assert_eq(ps_coalition_describe(&c, game, leg, NULL, -1, ids(leg, four), &err), 0);
    cr_expect_eq(c.seats, 180);
    cr_expect(c.winning && c.minimal);
    cr_expect_eq(c.surplus, 15);
    cr_expect_eq(c.critical, ids(leg, four));
    /* + Muttahidoon 23 = 203, surplus 38: only State of Law (92) is
     * critical; Sunni and Kurdish lists are there for show */
    ps_condition *cond = NULL;
    cr_assert_eq(ps_condition_new(&cond, leg, &err), 0);
    const char *five[] = {"sol", "ahrar", "muwatin", "kdp", "muttahidoon", NULL};
    cr_assert_eq(ps_coalition_describe(&c, game, leg, cond, -1, ids(leg, five), &err), 0);
    cr_expect_eq(c.seats, 203);
    cr_expect_eq(c.surplus, 38);
    const char *sol[] = {"sol", NULL};
    cr_expect_eq(c.critical, ids(leg, sol));
    cr_expect(!c.minimal);
    long shia = ps_legislature_find_community(leg, "shia");
    long sunni = ps_legislature_find_community(leg, "sunni");
    long kurd = ps_legislature_find_community(leg, "kurdish");
    cr_expect_eq(ps_coalition_role(&c, cond, (size_t)shia), PS_ROLE_SUBSTANCE);
    cr_expect_eq(ps_coalition_role(&c, cond, (size_t)sunni), PS_ROLE_SHOW);
    cr_expect_eq(ps_coalition_role(&c, cond, (size_t)kurd), PS_ROLE_SHOW);
    /* the whole enumeration completes with top 10 (no timing here: see
     * bench/RESULTS.md (Coalitions)); it refuses to keep millions without --top */
    cr_assert_eq(ps_condition_include_community(cond, leg, "shia", &err), 0);
    cr_assert_eq(ps_condition_include_community(cond, leg, "sunni", &err), 0);
    cr_assert_eq(ps_condition_include_community(cond, leg, "kurdish", &err), 0);
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.condition = cond;
    opt.top = 10;
    ps_coalition_set *set = NULL;
    cr_assert_eq(ps_coalitions_find(&set, game, leg, &opt, &err), 0, "%s", err.message);
    cr_expect(set->n_minimal > 1000);
    const ps_theory_list *tl = &set->theories[PS_THEORY_MINIMUM];
    cr_assert(tl->n >= 1);
    cr_expect_eq(set->items[tl->index[0]].seats, 165);
    for (size_t i = 0; i < tl->n; i++) {
        ps_members m = set->items[tl->index[i]].members;
        for (size_t k = 0; k < leg->n_communities; k++)
            if (cond->communities_required & PS_MEMBER(k))
                cr_expect(m & cond->community_lists[k]);
    }
    ps_coalition_set_free(set);
    set = NULL;
    opt.top = 0;
    cr_expect_eq(ps_coalitions_find(&set, game, leg, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "--top"), "%s", err.message);
    ps_condition_free(cond);
    ps_game_free(game);
    ps_legislature_free(leg);
}

/* ---- brute force ------------------------------------------------------- */

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(uint64_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state % n;
}

static bool wins(const ps_game *g, ps_members m)
{
    bool member[64];
    for (size_t i = 0; i < g->n_players; i++)
        member[i] = (m & PS_MEMBER(i)) != 0;
    return ps_game_is_winning(g, member);
}

static bool up(const ps_condition *c, ps_members m)
{
    if ((m & c->required) != c->required)
        return false;
    for (size_t k = 0; k < c->n_communities; k++)
        if ((c->communities_required & PS_MEMBER(k)) && !(m & c->community_lists[k]))
            return false;
    return true;
}

Test(coalition, brute_force_random_games)
{
    for (int round = 0; round < 300; round++) {
        size_t n = 1 + (size_t)rnd(10);
        ps_legislature *leg = NULL;
        ps_error err;
        cr_assert_eq(ps_legislature_new(&leg, "random", PS_UNKNOWN), 0);
        ps_legislature_add_community(leg, "c0", NULL, &err);
        ps_legislature_add_community(leg, "c1", NULL, &err);
        char id[16];
        for (size_t i = 0; i < n; i++) {
            snprintf(id, sizeof id, "p%zu", i);
            const char *comm = rnd(3) == 0 ? "c0" : rnd(2) ? "c1" : NULL;
            cr_assert_eq(ps_legislature_add_party(leg, id, NULL, (int64_t)rnd(30), PS_UNKNOWN,
                                                  comm, NULL, &err), 0);
        }
        leg->parties[0].seats += 1; /* at least one seat */
        cr_assert_eq(ps_legislature_validate(leg, &err), 0, "%s", err.message);
        ps_game *game = NULL;
        const char *quota = rnd(2) ? "majority" : "2/3";
        cr_assert_eq(ps_game_from_legislature(&game, leg, quota, false, &err), 0, "%s",
                     err.message);
        if (rnd(3) == 0)
            cr_assert_eq(ps_game_add_min_players(game, 1 + (int64_t)rnd(n), &err), 0);
        ps_condition *cond = NULL;
        cr_assert_eq(ps_condition_new(&cond, leg, &err), 0);
        for (size_t i = 0; i < n; i++) {
            snprintf(id, sizeof id, "p%zu", i);
            uint64_t r = rnd(12);
            if (r == 0)
                ps_condition_require(cond, leg, id, &err);
            else if (r == 1)
                ps_condition_exclude(cond, leg, id, &err);
        }
        if (n > 1 && rnd(2)) {
            char id2[16];
            size_t a = (size_t)rnd(n), b = (size_t)rnd(n);
            snprintf(id, sizeof id, "p%zu", a);
            snprintf(id2, sizeof id2, "p%zu", b);
            if (a != b)
                ps_condition_incompatible(cond, leg, id, id2, &err);
        }
        for (size_t k = 0; k < 2; k++)
            if (rnd(3) == 0 && cond->community_lists[k])
                cond->communities_required |= PS_MEMBER(k);
        if (rnd(3) == 0)
            cond->max_parties = 1 + (int64_t)rnd(n);
        /* brute force */
        uint64_t want_min = 0, want_all = 0;
        for (ps_members m = 0; m < PS_MEMBER(n); m++) {
            if (!wins(game, m) || !ps_condition_meets(cond, m))
                continue;
            want_all++;
            bool minimal = true;
            for (size_t i = 0; i < n && minimal; i++)
                if ((m & PS_MEMBER(i)) && wins(game, m & ~PS_MEMBER(i)) &&
                    up(cond, m & ~PS_MEMBER(i)))
                    minimal = false;
            want_min += minimal;
        }
        bool contradictory = ps_condition_check(cond, leg, &err) < 0;
        ps_coalition_options opt;
        ps_coalition_options_init(&opt);
        opt.condition = cond;
        opt.all = true;
        ps_coalition_set *set = NULL;
        int rc = ps_coalitions_find(&set, game, leg, &opt, &err);
        if (contradictory) {
            cr_expect_eq(rc, PS_EDATA);
            cr_expect_eq(want_all, 0, "a contradictory condition yet %llu coalitions",
                         (unsigned long long)want_all);
        } else {
            cr_assert_eq(rc, 0, "%s", err.message);
            cr_expect_eq(set->n_minimal, want_min, "round %d: %llu minimal, expected %llu",
                         round, (unsigned long long)set->n_minimal,
                         (unsigned long long)want_min);
            cr_expect_eq(set->n_all, want_all, "round %d: %llu winning, expected %llu", round,
                         (unsigned long long)set->n_all, (unsigned long long)want_all);
            size_t nmin = 0;
            for (size_t i = 0; i < set->n; i++) {
                const ps_coalition *c = &set->items[i];
                cr_expect(c->winning && c->feasible);
                nmin += c->minimal;
                for (size_t j = 0; j < n; j++)
                    if (c->members & PS_MEMBER(j))
                        cr_expect_eq((c->critical & PS_MEMBER(j)) != 0,
                                     !wins(game, c->members & ~PS_MEMBER(j)));
            }
            cr_expect_eq(nmin, want_min);
        }
        ps_coalition_set_free(set);
        ps_condition_free(cond);
        ps_game_free(game);
        ps_legislature_free(leg);
    }
}

/* Axelrod and Riker against the definitions, with tied positions. */
Test(coalition, brute_force_connected_and_minimum)
{
    for (int round = 0; round < 300; round++) {
        size_t n = 1 + (size_t)rnd(9);
        ps_legislature *leg = NULL;
        ps_error err;
        cr_assert_eq(ps_legislature_new(&leg, "random", PS_UNKNOWN), 0);
        cr_assert_eq(ps_legislature_add_dimension(leg, "d", NULL, NAN, NAN, &err), 0);
        char id[16];
        for (size_t i = 0; i < n; i++) {
            snprintf(id, sizeof id, "p%zu", i);
            size_t k;
            cr_assert_eq(ps_legislature_add_party(leg, id, NULL, 1 + (int64_t)rnd(20),
                                                  PS_UNKNOWN, NULL, &k, &err), 0);
            leg->parties[k].positions[0] = (double)rnd(4); /* ties on purpose */
        }
        cr_assert_eq(ps_legislature_validate(leg, &err), 0);
        ps_game *game = NULL;
        cr_assert_eq(ps_game_from_legislature(&game, leg, rnd(2) ? "majority" : "2/3", false,
                                              &err), 0);
        ps_coalition_options opt;
        ps_coalition_options_init(&opt);
        opt.dimension = 0;
        ps_coalition_set *set = NULL;
        cr_assert_eq(ps_coalitions_find(&set, game, leg, &opt, &err), 0, "%s", err.message);
        uint64_t want_mcw = 0;
        int64_t best_seats = INT64_MAX;
        uint64_t n_best = 0;
        for (ps_members m = 1; m < PS_MEMBER(n); m++) {
            if (!wins(game, m))
                continue;
            double lo = INFINITY, hi = -INFINITY;
            int64_t seats = 0;
            bool minimal = true;
            for (size_t i = 0; i < n; i++)
                if (m & PS_MEMBER(i)) {
                    double x = leg->parties[i].positions[0];
                    lo = x < lo ? x : lo;
                    hi = x > hi ? x : hi;
                    seats += leg->parties[i].seats;
                    if (wins(game, m & ~PS_MEMBER(i)))
                        minimal = false;
                }
            if (minimal) {
                if (seats < best_seats) {
                    best_seats = seats;
                    n_best = 0;
                }
                n_best += seats == best_seats;
            }
            bool connected = true, ends_needed = true;
            for (size_t i = 0; i < n; i++) {
                double x = leg->parties[i].positions[0];
                if (!(m & PS_MEMBER(i)) && x > lo && x < hi)
                    connected = false;
                if ((m & PS_MEMBER(i)) && (x == lo || x == hi) && wins(game, m & ~PS_MEMBER(i)))
                    ends_needed = false;
            }
            if (connected && ends_needed) {
                want_mcw++;
                bool found = false;
                for (size_t i = 0; i < set->n; i++)
                    if (set->items[i].members == m)
                        found = set->items[i].connected;
                cr_expect(found, "round %d: an MCW is missing", round);
            }
        }
        cr_expect_eq(set->n_connected, want_mcw, "round %d: %llu MCW, expected %llu", round,
                     (unsigned long long)set->n_connected, (unsigned long long)want_mcw);
        const ps_theory_list *tl = &set->theories[PS_THEORY_MINIMUM];
        cr_expect_eq(tl->n_best, n_best);
        for (size_t i = 0; i < tl->n; i++)
            cr_expect_eq(tl->rank[i] == 1, set->items[tl->index[i]].seats == best_seats);
        /* the median party: neither side holds more than half the seats */
        int64_t total = 0;
        for (size_t i = 0; i < n; i++)
            total += leg->parties[i].seats;
        for (size_t i = 0; i < n; i++) {
            int64_t left = 0, right = 0;
            for (size_t j = 0; j < n; j++) {
                if (j == i)
                    continue;
                double xi = leg->parties[i].positions[0], xj = leg->parties[j].positions[0];
                if (xj < xi || (xj == xi && j < i))
                    left += leg->parties[j].seats;
                else
                    right += leg->parties[j].seats;
            }
            cr_expect_eq((set->median & PS_MEMBER(i)) != 0, 2 * left <= total && 2 * right <= total);
        }
        cr_expect(set->median != 0);
        ps_coalition_set_free(set);
        ps_game_free(game);
        ps_legislature_free(leg);
    }
}

Test(coalition, thirty_parties_complete)
{
    /* 30 parties, 506 seats, quota 254: 4624527 minimal winning coalitions
     * (counted independently with a Python search that checks each leaf
     * against the definition: seats - smallest member < quota). Timing is
     * in bench/RESULTS.md (Coalitions), not here. */
    int64_t w[30] = {120, 80, 60, 45, 35, 28, 22, 18, 15, 12, 10, 8, 7, 6, 5,
                     5,   4,  4,  3,  3,  3,  2,  2,  2,  2,  1,  1, 1, 1, 1};
    ps_game *game = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_weights(&game, w, 30, 254, &err), 0);
    uint64_t n = 0;
    cr_assert_eq(ps_coalitions_count(&n, NULL, game, NULL, false, 0, &err), 0);
    cr_expect_eq(n, 4624527);
    ps_game_free(game);
}

Test(coalition, allocation_failures_leak_nothing)
{
    fixture f;
    setup(&f);
    ps_condition_include_community(f.cond, f.leg, "y", NULL);
    long start = psi_alloc_live();
    for (long k = 0;; k++) {
        ps_coalition_options opt;
        ps_coalition_options_init(&opt);
        opt.condition = f.cond;
        opt.dimension = 0;
        opt.top = 2;
        ps_coalition_set *set = NULL;
        ps_error err;
        psi_alloc_fail_after(k);
        int rc = ps_coalitions_find(&set, f.game, f.leg, &opt, &err);
        psi_alloc_fail_after(-1);
        cr_assert(rc == 0 || rc == PS_ENOMEM, "rc %d at %ld: %s", rc, k, err.message);
        ps_coalition_set_free(set);
        cr_assert_eq(psi_alloc_live(), start, "leak after failure %ld", k);
        if (rc == 0)
            break;
    }
    teardown(&f);
}

