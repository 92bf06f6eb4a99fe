/* test_government.c - judging one given government (government.h).
 *
 * Every expected value is computed by hand in the comments: the game
 * [4; 3, 2, 2] and the textbook chamber A 40, B 30, C 20, D 10 of 100
 * (quota 51), whose winning coalitions are AB, AC, ABC, ABD, ACD, BCD and
 * ABCD. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/powershare.h"

#define A PS_MEMBER(0)
#define B PS_MEMBER(1)
#define C PS_MEMBER(2)
#define D PS_MEMBER(3)

static ps_legislature *chamber(size_t n, const int64_t *seats, int64_t total, bool communities)
{
    ps_legislature *leg = NULL;
    ps_error err;
    cr_assert_eq(ps_legislature_new(&leg, "test", total), 0);
    if (communities) {
        cr_assert_eq(ps_legislature_add_community(leg, "x", NULL, &err), 0);
        cr_assert_eq(ps_legislature_add_community(leg, "y", NULL, &err), 0);
    }
    const char *ids[] = {"A", "B", "C", "D"};
    const char *comm[] = {"x", NULL, NULL, "y"};
    for (size_t i = 0; i < n; i++) {
        size_t k;
        cr_assert_eq(ps_legislature_add_party(leg, ids[i], NULL, seats[i], PS_UNKNOWN,
                                              communities ? comm[i] : NULL, &k, &err),
                     0, "%s", err.message);
    }
    cr_assert_eq(ps_legislature_validate(leg, &err), 0, "%s", err.message);
    return leg;
}

static void assert_fraction(const ps_fraction *f, const char *num, const char *den)
{
    cr_assert_not_null(f->num);
    cr_assert_str_eq(f->num, num);
    cr_assert_str_eq(f->den, den);
}

static void assert_ratio(ps_ratio r, int64_t num, int64_t den)
{
    cr_assert_eq(r.num, num, "%lld/%lld", (long long)r.num, (long long)r.den);
    cr_assert_eq(r.den, den, "%lld/%lld", (long long)r.num, (long long)r.den);
}

/* [4; 3, 2, 2], S = {A, B, C}: 7 seats, 3 surplus. Without A, B + C = 4
 * still wins; without B or C, 5 wins: every member is surplus. The
 * subgame is the game: winning AB, AC, BC, ABC (4); each member swings in
 * the two pairs it is in, so Banzhaf 2/6 = 1/3 each, and Shapley-Shubik
 * 1/3 each by symmetry of the three (any two win). Smallest exits: no one
 * alone; every pair (AB leaves C with 2, AC leaves B with 2, BC leaves A
 * with 3 < 4), in order AB, AC, BC. */
Test(government, three_party_majority)
{
    int64_t seats[] = {3, 2, 2};
    ps_legislature *leg = chamber(3, seats, 7, false);
    ps_game *game = NULL;
    ps_government *g = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_legislature(&game, leg, "4", false, &err), 0, "%s", err.message);
    cr_assert_eq(ps_government_evaluate(&g, game, leg, NULL, A | B | C, NULL, &err), 0, "%s",
                 err.message);
    cr_assert(g->coalition.winning);
    cr_assert_eq(g->coalition.seats, 7);
    cr_assert_eq(g->coalition.surplus, 3);
    cr_assert_eq(g->quota, 4);
    cr_assert_eq(g->n_members, 3);
    cr_assert(g->has_power);
    cr_assert_eq(g->n_winning, 4);
    for (size_t k = 0; k < 3; k++) {
        cr_assert_not(g->members[k].critical);
        cr_assert(g->members[k].surplus);
        cr_assert_eq(g->members[k].swings, 2);
        assert_fraction(&g->members[k].banzhaf, "1", "3");
        assert_fraction(&g->members[k].shapley_shubik, "1", "3");
        cr_assert_eq(g->members[k].posts, -1);
    }
    assert_ratio(g->members[0].seat_share, 3, 7);
    assert_ratio(g->members[1].seat_share, 2, 7);
    cr_assert(g->majority_exit.applies);
    cr_assert_eq(g->majority_exit.size, 2);
    cr_assert_eq(g->majority_exit.count, 3);
    cr_assert_eq(g->majority_exit.n, 3);
    cr_assert_eq(g->majority_exit.sets[0], A | B);
    cr_assert_eq(g->majority_exit.sets[1], A | C);
    cr_assert_eq(g->majority_exit.sets[2], B | C);
    cr_assert_not(g->condition_exit.applies);
    cr_assert(g->verdict.holds);
    ps_government_free(g);
    /* S = {A, B}: 5 seats; each critical (alone 3 or 2 < 4); only AB wins
     * inside: 1 swing each, 1/2 and 1/2; each alone is an exit. */
    cr_assert_eq(ps_government_evaluate(&g, game, leg, NULL, A | B, NULL, &err), 0);
    cr_assert_eq(g->n_winning, 1);
    cr_assert(g->members[0].critical && g->members[1].critical);
    assert_fraction(&g->members[0].banzhaf, "1", "2");
    assert_fraction(&g->members[1].shapley_shubik, "1", "2");
    cr_assert_eq(g->majority_exit.size, 1);
    cr_assert_eq(g->majority_exit.count, 2);
    cr_assert_eq(g->majority_exit.sets[0], A);
    cr_assert_eq(g->majority_exit.sets[1], B);
    ps_government_free(g);
    ps_game_free(game);
    ps_legislature_free(leg);
}

/* The textbook chamber, S = all four with posts 4, 3, 2, 1.
 * Swings (winning coalitions where the member's exit loses): A in AB, AC,
 * ABC, ABD, ACD (5); B in AB, ABD, BCD (3); C in AC, ACD, BCD (3); D in
 * BCD (1): Banzhaf 5/12, 1/4, 1/4, 1/12. Shapley-Shubik: a swing in a
 * coalition of k of 4 weighs (k-1)!(4-k)!/4!: 1/12 for k = 2 and 3, so
 * 5/12, 3/12, 3/12, 1/12. No member is critical (the other three hold at
 * least 60), so x (A) and y (D) are there for show. Smallest majority
 * exits, pairs: AB (CD 30), AC (BD 40), AD (BC 50), BC (AD 50); BD leaves
 * AC 60 and CD leaves AB 70. Condition "a list of x and of y": A or D
 * alone leaving breaks it. Posts 4, 3, 2, 1 of 10. */
Test(government, textbook_all_four)
{
    int64_t seats[] = {40, 30, 20, 10};
    ps_legislature *leg = chamber(4, seats, 100, true);
    ps_game *game = NULL;
    ps_condition *cond = NULL;
    ps_government *g = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_legislature(&game, leg, NULL, false, &err), 0);
    cr_assert_eq(ps_condition_new(&cond, leg, &err), 0);
    cr_assert_eq(ps_condition_include_community(cond, leg, "x", &err), 0);
    cr_assert_eq(ps_condition_include_community(cond, leg, "y", &err), 0);
    int64_t posts[] = {4, 3, 2, 1};
    cr_assert_eq(ps_government_evaluate(&g, game, leg, cond, A | B | C | D, posts, &err), 0,
                 "%s", err.message);
    cr_assert_eq(g->coalition.surplus, 49);
    cr_assert_eq(g->n_winning, 7);
    const char *bz[] = {"5", "12", "1", "4", "1", "4", "1", "12"};
    uint64_t swings[] = {5, 3, 3, 1};
    for (size_t k = 0; k < 4; k++) {
        assert_fraction(&g->members[k].banzhaf, bz[2 * k], bz[2 * k + 1]);
        assert_fraction(&g->members[k].shapley_shubik, bz[2 * k], bz[2 * k + 1]);
        cr_assert_eq(g->members[k].swings, swings[k]);
        cr_assert(g->members[k].surplus);
        cr_assert_eq(g->members[k].posts, posts[k]);
    }
    cr_assert(g->has_posts);
    cr_assert_eq(g->posts, 10);
    assert_ratio(g->members[0].post_share, 2, 5);
    assert_ratio(g->members[1].post_share, 3, 10);
    assert_ratio(g->members[3].seat_share, 1, 10);
    cr_assert_eq(g->n_communities, 2);
    cr_assert_eq(g->roles[0], PS_ROLE_SHOW);
    cr_assert_eq(g->roles[1], PS_ROLE_SHOW);
    cr_assert_eq(g->majority_exit.size, 2);
    cr_assert_eq(g->majority_exit.count, 4);
    cr_assert_eq(g->majority_exit.sets[0], A | B);
    cr_assert_eq(g->majority_exit.sets[1], A | C);
    cr_assert_eq(g->majority_exit.sets[2], A | D);
    cr_assert_eq(g->majority_exit.sets[3], B | C);
    cr_assert(g->condition_exit.applies);
    cr_assert_eq(g->condition_exit.size, 1);
    cr_assert_eq(g->condition_exit.count, 2);
    cr_assert_eq(g->condition_exit.sets[0], A);
    cr_assert_eq(g->condition_exit.sets[1], D);
    ps_government_free(g);
    /* A + B: 70 seats, both critical: x for substance, y absent. It fails
     * the condition (no list of y), so no condition exit is searched. */
    cr_assert_eq(ps_government_evaluate(&g, game, leg, cond, A | B, NULL, &err), 0);
    cr_assert_eq(g->roles[0], PS_ROLE_SUBSTANCE);
    cr_assert_eq(g->roles[1], PS_ROLE_ABSENT);
    cr_assert_not(g->verdict.holds);
    cr_assert_eq(g->verdict.n_failed, 1);
    cr_assert_eq(g->verdict.failed[0].part, PS_CONDITION_COMMUNITIES);
    cr_assert_not(g->condition_exit.applies);
    ps_government_free(g);
    /* B + C: 50 seats, one short: it loses, no power, no majority exit,
     * no member critical or surplus. */
    cr_assert_eq(ps_government_evaluate(&g, game, leg, NULL, B | C, NULL, &err), 0);
    cr_assert_not(g->coalition.winning);
    cr_assert_eq(g->coalition.surplus, -1);
    cr_assert_not(g->has_power);
    cr_assert_eq(g->n_winning, 0);
    cr_assert_not(g->majority_exit.applies);
    cr_assert_not(g->members[0].critical || g->members[0].surplus);
    cr_assert_null(g->members[0].banzhaf.num);
    ps_government_free(g);
    ps_condition_free(cond);
    ps_game_free(game);
    ps_legislature_free(leg);
}

/* Two layers: seats [51; 40, 30, 20, 10] and the consent of y = {D}
 * (quota 6 of its 10): inside A + B + D only the sub-coalitions holding D
 * and 51 seats win: ABD (80), AD? 50 no, BD 40 no. So only ABD wins: each
 * of A, B, D swings once (AB, AD, BD lose), 1/3 each; the subgame keeps
 * the consent layer. */
Test(government, consent_layer_in_subgame)
{
    int64_t seats[] = {40, 30, 20, 10};
    ps_legislature *leg = chamber(4, seats, 100, true);
    ps_game *game = NULL;
    ps_government *g = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_legislature(&game, leg, NULL, false, &err), 0);
    cr_assert_eq(ps_game_add_community(game, leg, "y", true, &err), 0, "%s", err.message);
    cr_assert_eq(ps_government_evaluate(&g, game, leg, NULL, A | B | D, NULL, &err), 0);
    cr_assert_eq(g->n_winning, 1);
    for (size_t k = 0; k < 3; k++) {
        cr_assert(g->members[k].critical);
        assert_fraction(&g->members[k].banzhaf, "1", "3");
        assert_fraction(&g->members[k].shapley_shubik, "1", "3");
    }
    cr_assert_eq(g->majority_exit.size, 1);
    cr_assert_eq(g->majority_exit.count, 3);
    ps_government_free(g);
    ps_game_free(game);
    ps_legislature_free(leg);
}

Test(government, errors)
{
    int64_t seats[] = {40, 30, 20, 10};
    ps_legislature *leg = chamber(4, seats, 100, false);
    ps_game *game = NULL, *other = NULL, *either = NULL;
    ps_government *g = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_legislature(&game, leg, NULL, false, &err), 0);
    cr_assert_eq(ps_government_evaluate(&g, game, leg, NULL, 0, NULL, &err), PS_EINVAL);
    cr_assert_null(g);
    cr_assert_eq(ps_government_evaluate(&g, game, leg, NULL, PS_MEMBER(4), NULL, &err),
                 PS_EINVAL);
    int64_t posts[] = {1, 0, 0, 1}; /* D is not a member */
    cr_assert_eq(ps_government_evaluate(&g, game, leg, NULL, A | B, posts, &err), PS_EINVAL);
    cr_assert(strstr(err.message, "'D'"), "%s", err.message);
    int64_t none[] = {0, 0, 0, 0};
    cr_assert_eq(ps_government_evaluate(&g, game, leg, NULL, A | B, none, &err), PS_EINVAL);
    int64_t unanimity[] = {1, 1, 1, 1};
    cr_assert_eq(ps_game_from_weights(&other, unanimity, 4, 4, &err), 0);
    cr_assert_eq(ps_game_or(&either, game, other, &err), 0);
    cr_assert_eq(ps_government_evaluate(&g, either, leg, NULL, A | B, NULL, &err), PS_EDATA);
    cr_assert_null(g);
    ps_government_free(NULL);
    ps_game_free(either);
    ps_game_free(other);
    ps_game_free(game);
    ps_legislature_free(leg);
}

/* Every allocation failure comes back as PS_ENOMEM with nothing leaked. */
Test(government, allocation_failures)
{
    int64_t seats[] = {40, 30, 20, 10};
    ps_legislature *leg = chamber(4, seats, 100, true);
    ps_game *game = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_legislature(&game, leg, NULL, false, &err), 0);
    long live = psi_alloc_live();
    for (long n = 0; n < 400; n++) {
        ps_government *g = NULL;
        psi_alloc_fail_after(n);
        int rc = ps_government_evaluate(&g, game, leg, NULL, A | B | C | D, NULL, &err);
        psi_alloc_fail_after(-1);
        if (rc == 0) {
            ps_government_free(g);
            break;
        }
        cr_assert_eq(rc, PS_ENOMEM, "n = %ld: %d %s", n, rc, err.message);
        cr_assert_null(g);
        cr_assert_eq(psi_alloc_live(), live, "leak at n = %ld", n);
    }
    ps_game_free(game);
    ps_legislature_free(leg);
}
