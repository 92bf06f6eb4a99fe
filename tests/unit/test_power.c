/*
 * test_power.c - exact power indices against an independent brute-force
 * enumerator (random games, one and several layers, every index), closed
 * forms for counts beyond 64 bits, threads, and the Owen and Banzhaf-Owen
 * values of a priori unions against brute force. (Published values, Monte
 * Carlo, errors, allocation failures and PS_POWER_BEST:
 * test_power_published.c.)
 */
#include <criterion/criterion.h>
#include <gmp.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/game.h"
#include "powershare/power.h"
#include "power_helpers.h"

/* ---- an independent brute-force enumerator ------------------------------ */

typedef struct bf {
    size_t n;
    uint64_t winning;
    uint64_t swings[12];
    uint64_t ss_num[12]; /* over n! */
    uint64_t mwc[12];
    uint64_t n_mwc;
    uint64_t dp_num[12]; /* over 27720 * n_mwc */
    uint64_t j_num[12];  /* over 27720 */
} bf;

static int wins(size_t n, size_t L, const int64_t *w, const int64_t *q, unsigned mask)
{
    for (size_t l = 0; l < L; l++) {
        int64_t s = 0;
        for (size_t i = 0; i < n; i++)
            if (mask & (1u << i))
                s += w[l * n + i];
        if (s < q[l])
            return 0;
    }
    return 1;
}

static uint64_t fact(size_t k)
{
    uint64_t f = 1;
    for (size_t i = 2; i <= k; i++)
        f *= i;
    return f;
}

static void brute(bf *b, size_t n, size_t L, const int64_t *w, const int64_t *q)
{
    memset(b, 0, sizeof *b);
    b->n = n;
    for (unsigned mask = 0; mask < (1u << n); mask++) {
        if (!wins(n, L, w, q, mask))
            continue;
        b->winning++;
        size_t size = (size_t)__builtin_popcount(mask), nc = 0;
        int crit[12] = {0};
        for (size_t i = 0; i < n; i++)
            if ((mask & (1u << i)) && !wins(n, L, w, q, mask & ~(1u << i))) {
                crit[i] = 1;
                nc++;
            }
        for (size_t i = 0; i < n; i++) {
            if (!crit[i])
                continue;
            b->swings[i]++;
            b->ss_num[i] += fact(size - 1) * fact(n - size);
            b->j_num[i] += 27720 / nc;
            if (nc == size) {
                b->mwc[i]++;
                b->dp_num[i] += 27720 / size;
            }
        }
        if (nc == size)
            b->n_mwc++;
    }
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static void expect_u(const ps_fraction *f, uint64_t num, uint64_t den, const char *what,
                     size_t i, unsigned seed)
{
    uint64_t g = gcd(num, den);
    if (g == 0)
        g = 1;
    num /= g;
    den /= g;
    if (num == 0)
        den = 1;
    char a[32], b[32];
    snprintf(a, sizeof a, "%" PRIu64, num);
    snprintf(b, sizeof b, "%" PRIu64, den);
    cr_expect(strcmp(f->num, a) == 0 && strcmp(f->den, b) == 0,
              "seed %u, %s of player %zu: got %s/%s, want %s/%s", seed, what, i + 1, f->num,
              f->den, a, b);
    cr_expect(fabs(f->value - (double)num / (double)den) < 1e-12, "seed %u: value", seed);
}

static void compare(const ps_power *p, const bf *b, unsigned indices, unsigned seed)
{
    size_t n = b->n;
    uint64_t tot = 0, tot_mwc = 0, tot_j = 0;
    for (size_t i = 0; i < n; i++) {
        tot += b->swings[i];
        tot_mwc += b->mwc[i];
        tot_j += b->j_num[i];
    }
    for (size_t i = 0; i < n; i++) {
        if (indices & PS_INDEX_BIT(PS_BANZHAF))
            expect_u(&p->values[PS_BANZHAF][i], b->swings[i], tot, "banzhaf", i, seed);
        if (indices & PS_INDEX_BIT(PS_BANZHAF_RAW))
            expect_u(&p->values[PS_BANZHAF_RAW][i], b->swings[i], 1, "raw", i, seed);
        if (indices & PS_INDEX_BIT(PS_PENROSE))
            expect_u(&p->values[PS_PENROSE][i], b->swings[i], (uint64_t)1 << (n - 1), "penrose",
                     i, seed);
        if (indices & PS_INDEX_BIT(PS_SHAPLEY_SHUBIK))
            expect_u(&p->values[PS_SHAPLEY_SHUBIK][i], b->ss_num[i], fact(n), "ss", i, seed);
        if (indices & PS_INDEX_BIT(PS_HOLLER))
            expect_u(&p->values[PS_HOLLER][i], b->mwc[i], tot_mwc, "holler", i, seed);
        if (indices & PS_INDEX_BIT(PS_DEEGAN_PACKEL))
            expect_u(&p->values[PS_DEEGAN_PACKEL][i], b->dp_num[i], 27720 * b->n_mwc, "dp", i,
                     seed);
        if (indices & PS_INDEX_BIT(PS_JOHNSTON))
            expect_u(&p->values[PS_JOHNSTON][i], b->j_num[i], tot_j, "johnston", i, seed);
        if (indices & PS_INDEX_BIT(PS_COLEMAN_PREVENT))
            expect_u(&p->values[PS_COLEMAN_PREVENT][i], b->swings[i], b->winning, "prevent", i,
                     seed);
        if (indices & PS_INDEX_BIT(PS_COLEMAN_INITIATE))
            expect_u(&p->values[PS_COLEMAN_INITIATE][i], b->swings[i],
                     ((uint64_t)1 << n) - b->winning, "initiate", i, seed);
    }
    if (indices & PS_INDEX_BIT(PS_COLEMAN_PREVENT))
        expect_u(&p->coleman_collective, b->winning, (uint64_t)1 << n, "collective", 0, seed);
}

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

static void random_games(size_t max_layers, unsigned seeds)
{
    for (unsigned seed = 1; seed <= seeds; seed++) {
        uint64_t s = seed * 7919u;
        size_t n = 1 + (size_t)(lcg(&s) % 12);
        size_t L = 1 + (size_t)(lcg(&s) % max_layers);
        int64_t w[4 * 12], q[4];
        ps_game *g = NULL;
        cr_assert_eq(ps_game_new(&g, n, NULL), PS_OK);
        int64_t range = (int64_t)(1 + lcg(&s) % 30); /* small ranges give ties */
        for (size_t l = 0; l < L; l++) {
            int64_t total = 0;
            for (size_t i = 0; i < n; i++) {
                w[l * n + i] = (lcg(&s) % 5 == 0) ? 0 : (int64_t)(lcg(&s) % (uint64_t)range);
                total += w[l * n + i];
            }
            if (total == 0) {
                w[l * n] = 1;
                total = 1;
            }
            q[l] = 1 + (int64_t)(lcg(&s) % (uint64_t)total);
            cr_assert_eq(ps_game_add_layer(g, w + l * n, q[l], NULL), PS_OK);
        }
        bf b;
        brute(&b, n, L, w, q);
        ps_power *p = compute(g, PS_INDEX_ALL, PS_POWER_AUTO);
        compare(p, &b, PS_INDEX_ALL, seed);
        ps_power_free(p);
        /* one layer: the dynamic programs; several: enumeration */
        p = compute(g, SWING_SS, PS_POWER_AUTO);
        compare(p, &b, SWING_SS, seed);
        ps_power_free(p);
        ps_game_free(g);
    }
}

Test(power, random_weighted_games_match_brute_force)
{
    random_games(1, 1500);
}

Test(power, random_layered_games_match_brute_force)
{
    random_games(4, 800);
}

/* A game of n players (n <= 24) of weights below `top` and a quota
 * between a quarter and three quarters of their total, from seed: the
 * dynamic programs' `indices` against the enumerator's, exactly. */
static void dp_against_enumeration(unsigned seed, uint64_t s, size_t n, uint64_t top,
                                   unsigned indices)
{
    int64_t w[24], total = 0;
    for (size_t i = 0; i < n; i++) {
        w[i] = (int64_t)(lcg(&s) % top);
        total += w[i];
    }
    int64_t q = total / 4 + (int64_t)(lcg(&s) % (uint64_t)(total / 2));
    ps_game *g = weighted(w, n, q);
    ps_power *dp = compute(g, indices, PS_POWER_AUTO);
    ps_power *en = compute(g, indices, PS_POWER_ENUMERATE);
    for (int k = 0; k < PS_INDEX_COUNT; k++) {
        if (!(indices & PS_INDEX_BIT(k)))
            continue;
        for (size_t i = 0; i < n; i++) {
            cr_expect_str_eq(dp->values[k][i].num, en->values[k][i].num, "seed %u, %s of %zu",
                             seed, ps_index_name((ps_index)k), i);
            cr_expect_str_eq(dp->values[k][i].den, en->values[k][i].den, "seed %u", seed);
        }
    }
    if (dp->coleman_collective.num)
        cr_expect_str_eq(dp->coleman_collective.num, en->coleman_collective.num);
    ps_power_free(dp);
    ps_power_free(en);
    ps_game_free(g);
}

Test(power, larger_random_games_dp_against_enumeration)
{
    /* n = 20..24 with weights up to 1000: the dynamic programs (batches,
     * a wavefront of sixteen players, row bounds, prefix sums) against the
     * enumerator, exactly. */
    for (unsigned seed = 1; seed <= 6; seed++) {
        uint64_t s = seed * 104729u;
        size_t n = 20 + (size_t)(lcg(&s) % 5);
        dp_against_enumeration(seed, s, n, 1000, SWING_SS);
    }
}

Test(power, heavy_players_in_a_wavefront_against_enumeration)
{
    /* n = 20..21 with weights up to 40,000: sixteen players go down the
     * Shapley-Shubik table together (power_dp_ss_wave.c) over tens of
     * tiles of 8,192 weights, each step up to five tiles behind the one
     * before. */
    for (unsigned seed = 1; seed <= 3; seed++) {
        uint64_t s = seed * 15485863u;
        size_t n = 20 + (size_t)(lcg(&s) % 2);
        dp_against_enumeration(seed, s, n, 40000, PS_INDEX_BIT(PS_SHAPLEY_SHUBIK));
    }
}

Test(power, grouped_enumeration_of_iraq_2014)
{
    /* The 30 lists of Iraq's 2014 Council of Representatives (seats), quota
     * 165 of 328: 10^6 profiles instead of 2^30 coalitions. Every index of
     * the enumerator must equal the dynamic programs' (all nine by DP). */
    int64_t w[30] = {92, 34, 29, 25, 23, 21, 21, 10, 9, 6, 6, 5, 4, 4, 3,
                     3,  2,  2,  2,  2,  1,  1,  1, 1, 1, 1, 1, 1, 1, 1};
    ps_game *g = weighted(w, 30, 165);
    ps_power *en = compute(g, PS_INDEX_ALL, PS_POWER_ENUMERATE);
    ps_power *dp = compute(g, PS_INDEX_ALL, PS_POWER_AUTO);
    cr_expect_str_eq(en->method, "enumeration");
    cr_expect(strstr(dp->method, "dynamic programming") != NULL, "%s", dp->method);
    for (int k = 0; k < PS_INDEX_COUNT; k++) {
        for (size_t i = 0; i < 30; i++) {
            cr_expect_str_eq(dp->values[k][i].num, en->values[k][i].num);
            cr_expect_str_eq(dp->values[k][i].den, en->values[k][i].den);
        }
    }
    /* the indices sum to one */
    ps_index norm[] = {PS_BANZHAF, PS_SHAPLEY_SHUBIK, PS_DEEGAN_PACKEL, PS_HOLLER, PS_JOHNSTON};
    for (size_t k = 0; k < 5; k++) {
        double sum = 0;
        for (size_t i = 0; i < 30; i++)
            sum += en->values[norm[k]][i].value;
        cr_expect_float_eq(sum, 1.0, 1e-12, "%s sums to %g", ps_index_name(norm[k]), sum);
    }
    /* equal seats, equal power */
    cr_expect_str_eq(en->values[PS_HOLLER][5].num, en->values[PS_HOLLER][6].num);
    ps_power_free(en);
    ps_power_free(dp);
    ps_game_free(g);
}

/* ---- counts beyond 64 bits ---------------------------------------------- */

/* Two classes: a players of weight wa and b of weight wb, quota q. The counts
 * for a player of class A are sums over (x, y) = (others of A, of B) in the
 * coalition of C(a-1, x) C(b, y), when wa*x + wb*y is in [q - wa, q - 1]. */
static void two_class(mpz_t raw, mpq_t ss, size_t a, size_t b, int64_t wa, int64_t wb,
                      int64_t q, int first_class)
{
    size_t n = a + b, na = first_class ? a - 1 : a, nb = first_class ? b : b - 1;
    int64_t wi = first_class ? wa : wb;
    mpz_t c1, c2, t, f, num, den;
    mpz_inits(c1, c2, t, f, num, den, NULL);
    mpz_set_ui(raw, 0);
    for (size_t x = 0; x <= na; x++)
        for (size_t y = 0; y <= nb; y++) {
            int64_t s = wa * (int64_t)x + wb * (int64_t)y;
            if (s < q - wi || s > q - 1)
                continue;
            mpz_bin_uiui(c1, na, x);
            mpz_bin_uiui(c2, nb, y);
            mpz_mul(t, c1, c2);
            mpz_add(raw, raw, t);
            mpz_fac_ui(f, x + y);
            mpz_mul(t, t, f);
            mpz_fac_ui(f, n - 1 - x - y);
            mpz_mul(t, t, f);
            mpz_add(num, num, t);
        }
    mpz_fac_ui(den, n);
    mpq_set_num(ss, num);
    mpq_set_den(ss, den);
    mpq_canonicalize(ss);
    mpz_clears(c1, c2, t, f, num, den, NULL);
}

static void check_two_class(size_t a, size_t b, int64_t wa, int64_t wb, int64_t q)
{
    size_t n = a + b;
    int64_t *w = malloc(n * sizeof *w);
    for (size_t i = 0; i < n; i++)
        w[i] = i < a ? wa : wb;
    ps_game *g = weighted(w, n, q);
    ps_power *p = compute(g, SWING_SS, PS_POWER_AUTO);
    mpz_t raw;
    mpq_t ss;
    mpz_init(raw);
    mpq_init(ss);
    size_t players[2] = {0, n - 1};
    for (int c = 0; c < 2; c++) {
        size_t i = players[c];
        two_class(raw, ss, a, b, wa, wb, q, c == 0);
        char *want = mpz_get_str(NULL, 10, raw);
        cr_expect_str_eq(p->values[PS_BANZHAF_RAW][i].num, want, "n=%zu raw of %zu", n, i);
        free(want);
        want = mpz_get_str(NULL, 10, mpq_numref(ss));
        cr_expect_str_eq(p->values[PS_SHAPLEY_SHUBIK][i].num, want, "n=%zu ss num of %zu", n, i);
        free(want);
        want = mpz_get_str(NULL, 10, mpq_denref(ss));
        cr_expect_str_eq(p->values[PS_SHAPLEY_SHUBIK][i].den, want, "n=%zu ss den of %zu", n, i);
        free(want);
    }
    mpz_clear(raw);
    mpq_clear(ss);
    ps_power_free(p);
    ps_game_free(g);
    free(w);
}

Test(power, symmetric_game_beyond_64_bits)
{
    /* n = 70 equal weights, quota 40: raw Banzhaf C(69, 39) ~ 6.5e19 > 2^64,
     * Shapley-Shubik 1/70 each. */
    int64_t w[70];
    for (int i = 0; i < 70; i++)
        w[i] = 1;
    ps_game *g = weighted(w, 70, 40);
    ps_power *p = compute(g, SWING_SS, PS_POWER_AUTO);
    mpz_t c;
    mpz_init(c);
    mpz_bin_uiui(c, 69, 39);
    cr_assert(mpz_sizeinbase(c, 2) > 64);
    char *want = mpz_get_str(NULL, 10, c);
    for (size_t i = 0; i < 70; i++) {
        cr_expect_str_eq(p->values[PS_BANZHAF_RAW][i].num, want);
        expect_frac(&p->values[PS_SHAPLEY_SHUBIK][i], "1/70", "ss", i);
        expect_frac(&p->values[PS_BANZHAF][i], "1/70", "banzhaf", i);
    }
    free(want);
    /* winning coalitions: sum_{k >= 40} C(70, k) over 2^70 */
    mpz_t s, t;
    mpz_init(s);
    mpz_init(t);
    for (unsigned k = 40; k <= 70; k++) {
        mpz_bin_uiui(t, 70, k);
        mpz_add(s, s, t);
    }
    mpq_t coll;
    mpq_init(coll);
    mpq_set_num(coll, s);
    mpz_set_ui(t, 0);
    mpz_setbit(t, 70);
    mpq_set_den(coll, t);
    mpq_canonicalize(coll);
    want = mpz_get_str(NULL, 10, mpq_numref(coll));
    cr_expect_str_eq(p->coleman_collective.num, want);
    free(want);
    mpq_clear(coll);
    mpz_clears(s, t, c, NULL);
    ps_power_free(p);
    ps_game_free(g);
}

Test(power, two_class_games_beyond_64_bits)
{
    check_two_class(35, 35, 2, 1, 60);    /* 70 players: two residues */
    check_two_class(60, 80, 3, 1, 151);   /* 140 players: three residues */
    check_two_class(100, 150, 5, 2, 500); /* 250 players: five residues */
}

Test(power, threads_give_the_same_exact_values)
{
    int64_t w[130];
    for (int i = 0; i < 130; i++)
        w[i] = 1 + (i * 7919) % 23;
    ps_game *g = weighted(w, 130, 900);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    ps_power *a = NULL, *b = NULL;
    cr_assert_eq(ps_power_compute(&a, g, &opt, NULL), PS_OK);
    opt.threads = 3; /* more threads than cores, fewer than residues */
    cr_assert_eq(ps_power_compute(&b, g, &opt, NULL), PS_OK);
    for (size_t i = 0; i < 130; i++) {
        cr_expect_str_eq(a->values[PS_SHAPLEY_SHUBIK][i].num, b->values[PS_SHAPLEY_SHUBIK][i].num);
        cr_expect_str_eq(a->values[PS_SHAPLEY_SHUBIK][i].den, b->values[PS_SHAPLEY_SHUBIK][i].den);
    }
    ps_power_free(a);
    ps_power_free(b);
    ps_game_free(g);
}

/* ---- a priori unions (Owen, Banzhaf-Owen) -------------------------------- */

Test(power, owen_values_of_a_small_bloc_game)
{
    /* [2; 1, 1, 1] with players 1 and 2 as a bloc: the bloc decides alone.
     * Consistent orderings 123, 213, 312, 321: pivots 2, 1, 1, 2. */
    int64_t w[] = {1, 1, 1};
    ps_game *g = weighted(w, 3, 2);
    size_t u[] = {0, 0, 1};
    ps_union_power *p = NULL;
    ps_error err;
    cr_assert_eq(ps_power_unions(&p, g, u, 0, &err), PS_OK, "%s", err.message);
    const char *half[] = {"1/2", "1/2", "0"};
    for (size_t i = 0; i < 3; i++) {
        expect_frac(&p->owen[i], half[i], "owen", i);
        expect_frac(&p->banzhaf_owen[i], half[i], "banzhaf_owen", i);
    }
    ps_union_power_free(p);
    ps_union_power_free(NULL);
    size_t bad[] = {0, 0, 3};
    cr_expect_eq(ps_power_unions(&p, g, bad, 0, &err), PS_EINVAL);
    ps_game_free(g);
}

/* Owen by brute force: every ordering in which each union's members are
 * adjacent, and its pivot. */
static void owen_brute(size_t n, size_t L, const int64_t *w, const int64_t *q,
                       const size_t *u, uint64_t *piv, uint64_t *total)
{
    size_t perm[8];
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    memset(piv, 0, n * sizeof *piv);
    *total = 0;
    for (;;) {
        int ok = 1; /* a union, once left, never comes back */
        for (size_t a = 0; a < n && ok; a++)
            for (size_t b = a + 2; b < n && ok; b++)
                if (u[perm[a]] == u[perm[b]])
                    for (size_t c = a + 1; c < b; c++)
                        if (u[perm[c]] != u[perm[a]])
                            ok = 0;
        if (ok) {
            (*total)++;
            unsigned mask = 0;
            for (size_t a = 0; a < n; a++) {
                mask |= 1u << perm[a];
                if (wins(n, L, w, q, mask)) {
                    piv[perm[a]]++;
                    break;
                }
            }
        }
        /* next permutation */
        size_t i = n - 1;
        while (i > 0 && perm[i - 1] >= perm[i])
            i--;
        if (i == 0)
            break;
        size_t j = n - 1;
        while (perm[j] <= perm[i - 1])
            j--;
        size_t t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
        for (size_t a = i, b = n - 1; a < b; a++, b--) {
            t = perm[a];
            perm[a] = perm[b];
            perm[b] = t;
        }
    }
}

Test(power, owen_values_match_brute_force_and_the_identities)
{
    for (unsigned seed = 1; seed <= 300; seed++) {
        uint64_t s = seed * 31337u;
        size_t n = 1 + (size_t)(lcg(&s) % 7);
        size_t L = 1 + (size_t)(lcg(&s) % 2);
        int64_t w[2 * 8], q[2];
        ps_game *g = NULL;
        cr_assert_eq(ps_game_new(&g, n, NULL), PS_OK);
        for (size_t l = 0; l < L; l++) {
            int64_t total = 0;
            for (size_t i = 0; i < n; i++) {
                w[l * n + i] = (int64_t)(lcg(&s) % 6);
                total += w[l * n + i];
            }
            if (total == 0) {
                w[l * n] = 1;
                total = 1;
            }
            q[l] = 1 + (int64_t)(lcg(&s) % (uint64_t)total);
            cr_assert_eq(ps_game_add_layer(g, w + l * n, q[l], NULL), PS_OK);
        }
        size_t u[8];
        for (size_t i = 0; i < n; i++)
            u[i] = (size_t)(lcg(&s) % n);
        uint64_t piv[8], total;
        owen_brute(n, L, w, q, u, piv, &total);
        ps_union_power *p = NULL;
        ps_error err;
        cr_assert_eq(ps_power_unions(&p, g, u, 0, &err), PS_OK, "%s", err.message);
        for (size_t i = 0; i < n; i++)
            expect_u(&p->owen[i], piv[i], total, "owen", i, seed);
        ps_union_power_free(p);

        /* all alone, and all together: Shapley-Shubik and Penrose */
        ps_power *ex = compute(g, SWING_SS, PS_POWER_ENUMERATE);
        size_t alone[8], together[8];
        for (size_t i = 0; i < n; i++) {
            alone[i] = i;
            together[i] = 0;
        }
        const size_t *cases[2] = {alone, together};
        for (int c = 0; c < 2; c++) {
            cr_assert_eq(ps_power_unions(&p, g, cases[c], 0, &err), PS_OK);
            for (size_t i = 0; i < n; i++) {
                cr_expect_str_eq(p->owen[i].num, ex->values[PS_SHAPLEY_SHUBIK][i].num);
                cr_expect_str_eq(p->owen[i].den, ex->values[PS_SHAPLEY_SHUBIK][i].den);
                cr_expect_str_eq(p->banzhaf_owen[i].num, ex->values[PS_PENROSE][i].num);
                cr_expect_str_eq(p->banzhaf_owen[i].den, ex->values[PS_PENROSE][i].den);
            }
            ps_union_power_free(p);
        }
        ps_power_free(ex);
        ps_game_free(g);
    }
}

Test(power, owen_values_refuse_games_too_large)
{
    int64_t w[40];
    size_t u[40];
    for (int i = 0; i < 40; i++) {
        w[i] = 1 + i;
        u[i] = (size_t)i;
    }
    ps_game *g = weighted(w, 40, 400);
    ps_union_power *p = NULL;
    ps_error err;
    cr_expect_eq(ps_power_unions(&p, g, u, 0, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "Owen") != NULL, "%s", err.message);
    cr_expect_null(p);
    ps_game_free(g);
}

