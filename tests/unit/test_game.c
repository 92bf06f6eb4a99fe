/* test_game.c - decision rules compiled into layered weighted games. */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <string.h>

#include "util.h"
#include "powershare/game.h"
#include "powershare/legislature.h"

static int64_t quota(const char *text, int64_t total)
{
    int64_t q = -1;
    ps_error err;
    int rc = ps_quota_parse(&q, text, total, &err);
    cr_assert_eq(rc, PS_OK, "'%s' of %lld should parse: %s", text, (long long)total,
                 err.message);
    return q;
}

Test(game, quotas_typed_by_people_are_exact)
{
    cr_expect_eq(quota("majority", 328), 165);
    cr_expect_eq(quota("majority", 329), 165);
    cr_expect_eq(quota("majority", 1), 1);
    cr_expect_eq(quota("2/3", 328), 219); /* Iraq: president by two thirds */
    cr_expect_eq(quota("2/3", 300), 200);
    cr_expect_eq(quota("2/3", 301), 201);
    cr_expect_eq(quota("60%", 10), 6);
    cr_expect_eq(quota("0.6", 11), 7);
    cr_expect_eq(quota("100%", 7), 7);
    cr_expect_eq(quota("unanimity", 7), 7);
    cr_expect_eq(quota("165", 328), 165);
    cr_expect_eq(quota("1/2", 9223372036854775807LL), 4611686018427387904LL);
}

Test(game, malformed_quotas_are_refused)
{
    const char *bad[] = {"", "0/3", "3/2", "abc", "-5", "2/3x", "150%", "0%", "1.5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t q;
        ps_error err;
        cr_expect_eq(ps_quota_parse(&q, bad[i], 100, &err), PS_EINVAL, "'%s' refused", bad[i]);
        cr_expect(err.message[0] != '\0');
    }
    int64_t q;
    cr_expect_eq(ps_quota_parse(&q, "majority", 0, NULL), PS_EINVAL);
    cr_expect_eq(ps_quota_parse(&q, "99999999999999999999", 10, NULL), PS_ERANGE);
}

Test(game, layer_validation)
{
    ps_game *g = NULL;
    ps_error err;
    int64_t w[] = {4, 4, 4, 2, 2, 1};
    cr_assert_eq(ps_game_from_weights(&g, w, 6, 12, &err), PS_OK);
    cr_expect_eq(g->n_layers, 1);
    cr_expect_eq(g->totals[0], 17);
    int64_t neg[] = {4, -1, 4, 2, 2, 1};
    cr_expect_eq(ps_game_add_layer(g, neg, 3, &err), PS_EINVAL);
    cr_expect(strstr(err.message, "negative") != NULL, "%s", err.message);
    cr_expect_eq(ps_game_add_layer(g, w, 0, &err), PS_EDATA);
    cr_expect(strstr(err.message, "empty coalition") != NULL, "%s", err.message);
    cr_expect_eq(ps_game_add_layer(g, w, 18, &err), PS_EDATA);
    cr_expect(strstr(err.message, "above the total") != NULL, "%s", err.message);
    int64_t big[] = {INT64_MAX, 1, 0, 0, 0, 0};
    cr_expect_eq(ps_game_add_layer(g, big, 1, &err), PS_ERANGE);
    cr_expect_eq(g->n_layers, 1, "failed additions leave the game unchanged");
    int64_t zero[] = {1, 0, 0, 0, 0, 0}; /* zero weights: dummies, allowed */
    cr_expect_eq(ps_game_add_layer(g, zero, 1, &err), PS_OK);
    cr_expect_eq(g->n_layers, 2);
    ps_game_free(g);
    ps_game_free(NULL);
    cr_expect_eq(ps_game_new(&g, 0, &err), PS_EINVAL);
}

Test(game, rule_conditions_compile_to_layers)
{
    ps_game *g = NULL;
    int64_t w[] = {50, 30, 15, 5};
    cr_assert_eq(ps_game_from_weights(&g, w, 4, 51, NULL), PS_OK);
    bool s01[] = {true, true, false, false};
    bool s0[] = {true, false, false, false};
    bool s12[] = {false, true, true, false};
    bool s023[] = {true, false, true, true};
    cr_expect(ps_game_is_winning(g, s01));
    cr_expect(!ps_game_is_winning(g, s0));
    cr_expect(ps_game_is_winning(g, s023));
    cr_assert_eq(ps_game_add_min_players(g, 3, NULL), PS_OK);
    cr_expect(!ps_game_is_winning(g, s01), "two parties are too few");
    cr_expect(ps_game_is_winning(g, s023));
    cr_expect_eq(ps_game_add_min_players(g, 5, NULL), PS_EDATA);
    cr_assert_eq(ps_game_add_veto(g, 1, NULL), PS_OK);
    cr_expect(!ps_game_is_winning(g, s023), "party 2 vetoes");
    bool s013[] = {true, true, false, true};
    cr_expect(ps_game_is_winning(g, s013));
    cr_expect_eq(ps_game_add_veto(g, 4, NULL), PS_EINVAL);
    /* community {2, 3} with 15 + 5 seats: its majority needs party 3 (15). */
    bool comm[] = {false, false, true, true};
    cr_assert_eq(ps_game_add_consent(g, w, comm, NULL), PS_OK);
    cr_expect_eq(g->quotas[g->n_layers - 1], 11);
    cr_expect(!ps_game_is_winning(g, s013));
    bool s0123[] = {true, true, true, true};
    cr_expect(ps_game_is_winning(g, s0123));
    bool none[] = {false, false, false, false};
    cr_expect_eq(ps_game_add_consent(g, w, none, NULL), PS_EDATA);
    cr_expect_eq(ps_game_add_presence(g, none, NULL), PS_EDATA);
    cr_assert_eq(ps_game_add_presence(g, s12, NULL), PS_OK);
    cr_expect_eq(g->n_layers, 5);
    ps_game *copy = NULL;
    cr_assert_eq(ps_game_copy(&copy, g, NULL), PS_OK);
    cr_expect_eq(copy->n_layers, 5);
    cr_expect_eq(memcmp(copy->weights, g->weights, 5 * 4 * sizeof(int64_t)), 0);
    ps_game_free(copy);
    ps_game_free(g);
}

static ps_legislature *small_legislature(void)
{
    ps_legislature *leg = NULL;
    cr_assert_eq(ps_legislature_new(&leg, "test", 100), PS_OK);
    cr_assert_eq(ps_legislature_add_community(leg, "a", NULL, NULL), PS_OK);
    cr_assert_eq(ps_legislature_add_community(leg, "b", NULL, NULL), PS_OK);
    cr_assert_eq(ps_legislature_add_community(leg, "c", NULL, NULL), PS_OK);
    cr_assert_eq(ps_legislature_add_party(leg, "A1", NULL, 40, PS_UNKNOWN, "a", NULL, NULL),
                 PS_OK);
    cr_assert_eq(ps_legislature_add_party(leg, "A2", NULL, 20, PS_UNKNOWN, "a", NULL, NULL),
                 PS_OK);
    cr_assert_eq(ps_legislature_add_party(leg, "B1", NULL, 25, PS_UNKNOWN, "b", NULL, NULL),
                 PS_OK);
    cr_assert_eq(ps_legislature_add_party(leg, "B2", NULL, 15, PS_UNKNOWN, "b", NULL, NULL),
                 PS_OK);
    return leg;
}

Test(game, from_legislature_with_communities)
{
    ps_legislature *leg = small_legislature();
    ps_game *g = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_legislature(&g, leg, NULL, false, &err), PS_OK, "%s",
                 err.message);
    cr_expect_eq(g->quotas[0], 51);
    cr_assert_eq(ps_game_add_community(g, leg, "b", true, &err), PS_OK, "%s", err.message);
    cr_expect_eq(g->quotas[1], 21);
    cr_expect_eq(g->weights[1 * 4 + 0], 0);
    cr_expect_eq(g->weights[1 * 4 + 2], 25);
    cr_assert_eq(ps_game_add_community(g, leg, "a", false, &err), PS_OK);
    cr_expect_eq(g->quotas[2], 1);
    cr_expect_eq(ps_game_add_community(g, leg, "c", true, &err), PS_EDATA);
    cr_expect(strstr(err.message, "'c'") != NULL, "%s", err.message);
    cr_expect_eq(ps_game_add_community(g, leg, "zz", true, &err), PS_EDATA);
    bool a1b1[] = {true, false, true, false};
    bool a1a2[] = {true, true, false, false};
    cr_expect(ps_game_is_winning(g, a1b1));
    cr_expect(!ps_game_is_winning(g, a1a2), "no consent of community b");
    ps_game_free(g);
    cr_expect_eq(ps_game_from_legislature(&g, leg, "2/3", false, &err), PS_OK);
    cr_expect_eq(g->quotas[0], 67);
    ps_game_free(g);
    leg->total_seats = 150; /* 50 seats outside the lists: 3/4 is out of reach */
    cr_expect_eq(ps_game_from_legislature(&g, leg, "3/4", false, &err), PS_EDATA);
    cr_expect(strstr(err.message, "out of reach") != NULL, "%s", err.message);
    cr_expect_null(g);
    leg->vacant_seats = 50;
    cr_expect_eq(ps_game_from_legislature(&g, leg, "3/4", true, &err), PS_OK);
    cr_expect_eq(g->quotas[0], 75);
    ps_game_free(g);
    ps_legislature_free(leg);
}

static int job(void)
{
    ps_legislature *leg = small_legislature();
    ps_game *g = NULL, *copy = NULL;
    ps_error err;
    int rc = ps_game_from_legislature(&g, leg, "majority", false, &err);
    if (rc == PS_OK)
        rc = ps_game_add_community(g, leg, "a", true, &err);
    if (rc == PS_OK)
        rc = ps_game_add_community(g, leg, "b", false, &err);
    if (rc == PS_OK)
        rc = ps_game_add_min_players(g, 2, &err);
    if (rc == PS_OK)
        rc = ps_game_add_veto(g, 0, &err);
    if (rc == PS_OK)
        rc = ps_game_copy(&copy, g, &err);
    ps_game_free(copy);
    ps_game_free(g);
    psi_alloc_fail_after(-1);
    ps_legislature_free(leg);
    return rc;
}

Test(game, every_allocation_failure_is_enomem_and_leaks_nothing)
{
    long baseline = psi_alloc_live();
    long n;
    for (n = 0; n < 10000; n++) {
        ps_legislature *leg = small_legislature();
        ps_legislature_free(leg);
        psi_alloc_fail_after(-1);
        /* the legislature is built before failures start: count from there */
        leg = small_legislature();
        ps_game *g = NULL, *copy = NULL;
        ps_error err;
        psi_alloc_fail_after(n);
        int rc = ps_game_from_legislature(&g, leg, "majority", false, &err);
        if (rc == PS_OK)
            rc = ps_game_add_community(g, leg, "a", true, &err);
        if (rc == PS_OK)
            rc = ps_game_add_community(g, leg, "b", false, &err);
        if (rc == PS_OK)
            rc = ps_game_add_min_players(g, 2, &err);
        if (rc == PS_OK)
            rc = ps_game_add_veto(g, 0, &err);
        if (rc == PS_OK)
            rc = ps_game_copy(&copy, g, &err);
        long made = psi_alloc_count();
        psi_alloc_fail_after(-1);
        ps_game_free(copy);
        ps_game_free(g);
        ps_legislature_free(leg);
        cr_assert(rc == PS_OK || rc == PS_ENOMEM, "failure %ld gave %d", n, rc);
        cr_assert_eq(psi_alloc_live(), baseline, "failure %ld leaked", n);
        if (rc == PS_OK) {
            cr_assert(made <= n);
            break;
        }
    }
    cr_expect(n > 5);
    cr_expect_eq(job(), PS_OK);
}

/* ---- "or": games of several AND groups ------------------------------------ */

/* [3; 2, 1, 1] OR [1; 0, 0, 1] (player 3 alone decides too). */
Test(game, or_of_groups_wins_when_any_group_wins)
{
    static const int64_t w1[] = {2, 1, 1}, w2[] = {0, 0, 1};
    ps_game *g = NULL, *c = NULL;
    cr_assert_eq(ps_game_from_weights(&g, w1, 3, 3, NULL), PS_OK);
    cr_assert_eq(ps_game_add_group(g, NULL), PS_OK);
    cr_assert_eq(ps_game_add_layer(g, w2, 1, NULL), PS_OK);
    cr_expect_eq(ps_game_group_count(g), 2);
    bool a[] = {true, true, false}, b[] = {false, false, true}, none[] = {false, true, false};
    cr_expect(ps_game_is_winning(g, a));     /* 3 >= 3 in the first group */
    cr_expect(ps_game_is_winning(g, b));     /* the second group */
    cr_expect(!ps_game_is_winning(g, none)); /* 1 < 3, 0 < 1 */
    int64_t sums[] = {1, 0};
    cr_expect(!ps_game_sums_win(g, sums));
    sums[1] = 1;
    cr_expect(ps_game_sums_win(g, sums));
    ps_error e;
    cr_expect_eq(ps_game_require_and(g, "the coalition search", &e), PS_EDATA);
    cr_expect(strstr(e.message, "the coalition search") != NULL, "%s", e.message);
    cr_assert_eq(ps_game_copy(&c, g, NULL), PS_OK);
    cr_expect_eq(ps_game_group_count(c), 2);
    cr_expect(ps_game_is_winning(c, b));
    ps_game_free(c);
    ps_game_free(g);
}

Test(game, add_group_needs_a_layer_first)
{
    ps_game *g = NULL;
    cr_assert_eq(ps_game_new(&g, 2, NULL), PS_OK);
    cr_expect_eq(ps_game_add_group(g, NULL), PS_EINVAL);
    ps_game_free(g);
}

/* (A or B) and C: and() gives the groups {A, C} and {B, C}; the
 * conjunction of both groups keeps C once and, of the two seat layers with
 * the same weights, the higher quota. */
Test(game, and_or_and_conjunction)
{
    static const int64_t seats[] = {3, 2, 1}, ones[] = {1, 1, 1};
    ps_game *A = NULL, *B = NULL, *C = NULL, *AB = NULL, *x = NULL, *k = NULL;
    cr_assert_eq(ps_game_from_weights(&A, seats, 3, 4, NULL), PS_OK);
    cr_assert_eq(ps_game_from_weights(&B, seats, 3, 5, NULL), PS_OK);
    cr_assert_eq(ps_game_from_weights(&C, ones, 3, 2, NULL), PS_OK);
    cr_assert_eq(ps_game_or(&AB, A, B, NULL), PS_OK);
    cr_assert_eq(ps_game_and(&x, AB, C, NULL), PS_OK);
    cr_expect_eq(ps_game_group_count(x), 2);
    cr_expect_eq(x->n_layers, 4);
    cr_assert_eq(ps_game_conjunction(&k, x, 3, NULL), PS_OK);
    cr_expect_eq(ps_game_group_count(k), 1);
    cr_expect_eq(k->n_layers, 2); /* in layer order: parties >= 2, seats >= 5 (implies 4) */
    cr_expect_eq(k->quotas[0], 2);
    cr_expect_eq(k->quotas[1], 5);
    ps_game_free(k);
    cr_expect_eq(ps_game_conjunction(&k, x, 4, NULL), PS_EINVAL); /* no group 2 */
    ps_game *empty = NULL;
    cr_assert_eq(ps_game_new(&empty, 3, NULL), PS_OK);
    cr_expect_eq(ps_game_or(&k, A, empty, NULL), PS_EINVAL);
    ps_game_free(empty);
    ps_game_free(x);
    ps_game_free(AB);
    ps_game_free(A);
    ps_game_free(B);
    ps_game_free(C);
}
