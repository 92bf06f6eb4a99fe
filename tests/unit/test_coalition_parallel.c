/* test_coalition_parallel.c - the coalition search shared by threads and
 * processes gives the same result as one thread alone.
 *
 * Each problem (a game, options, find or count) is solved by one thread
 * alone, by 2, 3 and 7 threads of one process, and by 2 and 3 processes
 * (of 1 to 3 threads each, not always alike) simulated in one: the ranks
 * run on threads of their own, each calling
 * the library with a ps_share whose sum adds the ranks' words under a lock
 * between barriers (what MPI_Allreduce does for the program). Everything
 * must be equal: the return code and message, and of a ps_coalition_set
 * every count, item, list (index, rank, score, n_best, truncated) and near
 * miss. The problems: Iraq 2014 with and without its condition and with
 * each community's consent as more layers; random chambers of 20 to 40
 * parties (fixed seeds) with incompatible pairs, required parties and
 * communities, party limits and a policy dimension; top 1, 5, 10 and 0;
 * --all; node budgets that refuse (the message gives the count found
 * before the budget ran out, which only one walk in order knows); counts
 * with a stop; a cancellation seen by every thread. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_share.h"
#include "util.h"
#include "powershare/powershare.h"

/* ---- problems and their outcomes ---------------------------------------- */

typedef struct problem {
    const char *name;
    const ps_game *game;
    const ps_legislature *leg;
    ps_coalition_options opt;
    bool count;    /* ps_coalitions_count_with, else ps_coalitions_find */
    uint64_t stop;
} problem;

typedef struct outcome {
    int rc;
    char message[PS_ERROR_MESSAGE_MAX];
    ps_coalition_set *set;
    uint64_t count;
    bool stopped;
} outcome;

static void solve(outcome *o, const problem *p, unsigned threads, const ps_share *share)
{
    ps_coalition_options opt = p->opt;
    opt.threads = threads;
    opt.share = share;
    ps_error err;
    memset(&err, 0, sizeof err);
    memset(o, 0, sizeof *o);
    if (p->count)
        o->rc = ps_coalitions_count_with(&o->count, &o->stopped, p->game, &opt, p->stop, &err);
    else
        o->rc = ps_coalitions_find(&o->set, p->game, p->leg, &opt, &err);
    if (o->rc < 0)
        snprintf(o->message, sizeof o->message, "%s", err.message);
}

/* One problem solved by simulated processes, each with its threads. */
typedef struct world_run {
    const problem *p;
    const unsigned *threads; /* [rank] */
    outcome out[FAKE_MAX_RANKS];
} world_run;

static void run_rank(const ps_share *share, unsigned rank, void *arg)
{
    world_run *run = arg;
    solve(&run->out[rank], run->p, run->threads[rank], share);
}

static bool same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

static void expect_same(const problem *p, const char *how, const char *what, uint64_t a,
                        uint64_t b)
{
    cr_expect_eq(a, b, "%s, %s: %s differs: %llu alone, %llu here", p->name, how, what,
                 (unsigned long long)a, (unsigned long long)b);
}

static void compare_sets(const problem *p, const char *how, const ps_coalition_set *a,
                         const ps_coalition_set *b)
{
    expect_same(p, how, "n_players", a->n_players, b->n_players);
    expect_same(p, how, "quota", (uint64_t)a->quota, (uint64_t)b->quota);
    expect_same(p, how, "median", a->median, b->median);
    expect_same(p, how, "largest", a->largest, b->largest);
    expect_same(p, how, "n_minimal", a->n_minimal, b->n_minimal);
    expect_same(p, how, "n_all", a->n_all, b->n_all);
    expect_same(p, how, "n_connected", a->n_connected, b->n_connected);
    expect_same(p, how, "n", a->n, b->n);
    for (size_t i = 0; i < a->n && a->n == b->n; i++) {
        const ps_coalition *x = &a->items[i], *y = &b->items[i];
        cr_expect(x->members == y->members && x->seats == y->seats &&
                      x->surplus == y->surplus && x->critical == y->critical &&
                      x->n_members == y->n_members && x->winning == y->winning &&
                      x->feasible == y->feasible && x->minimal == y->minimal &&
                      x->connected == y->connected && x->has_median == y->has_median &&
                      x->has_largest == y->has_largest && same_double(x->range, y->range) &&
                      same_double(x->variance, y->variance),
                  "%s, %s: item %zu differs", p->name, how, i);
    }
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        const ps_theory_list *x = &a->theories[t], *y = &b->theories[t];
        char what[64];
        const char *name = ps_theory_name((ps_theory)t);
        snprintf(what, sizeof what, "%s available", name);
        expect_same(p, how, what, x->available, y->available);
        snprintf(what, sizeof what, "%s n", name);
        expect_same(p, how, what, x->n, y->n);
        snprintf(what, sizeof what, "%s n_candidates", name);
        expect_same(p, how, what, x->n_candidates, y->n_candidates);
        snprintf(what, sizeof what, "%s n_best", name);
        expect_same(p, how, what, x->n_best, y->n_best);
        snprintf(what, sizeof what, "%s truncated", name);
        expect_same(p, how, what, x->truncated, y->truncated);
        for (size_t i = 0; i < x->n && x->n == y->n; i++)
            cr_expect(x->index[i] == y->index[i] && x->rank[i] == y->rank[i] &&
                          same_double(x->score[i], y->score[i]),
                      "%s, %s: %s entry %zu differs", p->name, how, name, i);
    }
    expect_same(p, how, "n_near", a->n_near, b->n_near);
    for (size_t i = 0; i < a->n_near && a->n_near == b->n_near; i++)
        cr_expect(memcmp(&a->near[i], &b->near[i], sizeof a->near[i]) == 0,
                  "%s, %s: near miss %zu differs", p->name, how, i);
}

static void compare(const problem *p, const char *how, const outcome *a, const outcome *b)
{
    cr_expect_eq(a->rc, b->rc, "%s, %s: returns %d against %d (%s)", p->name, how, b->rc,
                 a->rc, b->message);
    cr_expect_str_eq(a->message, b->message, "%s, %s: the messages differ", p->name, how);
    expect_same(p, how, "count", a->count, b->count);
    expect_same(p, how, "stopped", a->stopped, b->stopped);
    cr_expect((a->set == NULL) == (b->set == NULL), "%s, %s: a set against none", p->name,
              how);
    if (a->set && b->set)
        compare_sets(p, how, a->set, b->set);
}

/* Solves p alone, then in threads and in simulated processes; every way
 * must give the outcome of one thread alone. Returns that outcome's rc. */
static int check(const problem *p)
{
    outcome ref, o;
    solve(&ref, p, 1, NULL);
    char how[64];
    static const unsigned threads[] = {2, 3, 7};
    for (size_t i = 0; i < sizeof threads / sizeof *threads; i++) {
        solve(&o, p, threads[i], NULL);
        snprintf(how, sizeof how, "%u threads", threads[i]);
        compare(p, how, &ref, &o);
        ps_coalition_set_free(o.set);
    }
    /* 2 processes of 2 threads, 3 of 1, 2 of 3 and 1 (a node with more
     * processors than the other) */
    static const unsigned worlds[][4] = {{2, 2, 2}, {3, 1, 1, 1}, {2, 3, 1}};
    for (size_t k = 0; k < 3; k++) {
        unsigned size = worlds[k][0];
        world_run run = {p, worlds[k] + 1, {{0}}};
        cr_expect(fake_world_run(size, run_rank, &run), "%s: the ranks' sums had different "
                  "lengths", p->name);
        for (unsigned r = 0; r < size; r++) {
            snprintf(how, sizeof how, "rank %u of %u (%u threads)", r, size, worlds[k][1 + r]);
            compare(p, how, &ref, &run.out[r]);
            ps_coalition_set_free(run.out[r].set);
        }
    }
    ps_coalition_set_free(ref.set);
    return ref.rc;
}

/* ---- chambers ---------------------------------------------------------- */

typedef struct chamber {
    ps_document *doc;
    ps_legislature *own; /* a random one */
    const ps_legislature *leg;
    ps_game *game;
    ps_condition *cond;
} chamber;

static void chamber_free(chamber *c)
{
    ps_condition_free(c->cond);
    ps_game_free(c->game);
    ps_legislature_free(c->own);
    ps_document_free(c->doc);
}

/* Iraq 2014 with the file's rule; its condition (a Shia, a Sunni and a
 * Kurdish list) or none; with consent: each of the three communities'
 * own majority as one more layer. */
static void iraq(chamber *c, bool condition, bool consent)
{
    ps_error err;
    memset(c, 0, sizeof *c);
    cr_assert_eq(ps_document_load(&c->doc, PS_SOURCE_ROOT "/data/iraq-2014.json", &err), 0,
                 "%s", err.message);
    c->leg = ps_document_legislature(c->doc);
    ps_rule *rule = NULL;
    cr_assert_eq(ps_rule_from_document(&rule, c->doc, &err), 0, "%s", err.message);
    cr_assert_eq(ps_game_from_rule(&c->game, c->leg, rule, &err), 0, "%s", err.message);
    ps_rule_free(rule);
    if (condition)
        cr_assert_eq(ps_condition_from_document(&c->cond, c->doc, &err), 0, "%s",
                     err.message);
    else
        cr_assert_eq(ps_condition_new(&c->cond, c->leg, &err), 0);
    static const char *const communities[] = {"shia", "sunni", "kurdish"};
    for (size_t i = 0; consent && i < 3; i++)
        cr_assert_eq(ps_game_add_community(c->game, c->leg, communities[i], true, &err), 0,
                     "%s", err.message);
}

static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static double uniform(uint64_t *state)
{
    return (double)(next_random(state) >> 11) * 0x1.0p-53;
}

/* n parties, a few large and many small (seats 1 + 80 u^3; or `equal`
 * seats each), in three communities, with positions on one dimension "lr"
 * (ties included); the quota a majority of all seats. */
static void random_chamber(chamber *c, uint64_t seed, size_t n, int64_t equal)
{
    ps_error err;
    memset(c, 0, sizeof *c);
    uint64_t state = seed;
    int64_t seats[64], total = 0;
    for (size_t i = 0; i < n; i++) {
        double u = uniform(&state);
        seats[i] = equal ? equal : 1 + (int64_t)(80 * u * u * u);
        total += seats[i];
    }
    cr_assert_eq(ps_legislature_new(&c->own, "random", total), 0);
    static const char *const communities[] = {"a", "b", "c"};
    for (size_t k = 0; k < 3; k++)
        cr_assert_eq(ps_legislature_add_community(c->own, communities[k], NULL, &err), 0);
    cr_assert_eq(ps_legislature_add_dimension(c->own, "lr", NULL, NAN, NAN, &err), 0);
    for (size_t i = 0; i < n; i++) {
        char id[16];
        size_t k;
        snprintf(id, sizeof id, "p%zu", i);
        cr_assert_eq(ps_legislature_add_party(c->own, id, NULL, seats[i], PS_UNKNOWN,
                                              communities[next_random(&state) % 3], &k, &err),
                     0, "%s", err.message);
        c->own->parties[k].positions[0] = (double)(next_random(&state) % 12) / 4.0;
    }
    cr_assert_eq(ps_legislature_validate(c->own, &err), 0, "%s", err.message);
    c->leg = c->own;
    cr_assert_eq(ps_game_from_legislature(&c->game, c->leg, NULL, false, &err), 0, "%s",
                 err.message);
    cr_assert_eq(ps_condition_new(&c->cond, c->leg, &err), 0);
}

static void incompatible(chamber *c, size_t a, size_t b)
{
    ps_error err;
    char x[16], y[16];
    snprintf(x, sizeof x, "p%zu", a);
    snprintf(y, sizeof y, "p%zu", b);
    cr_assert_eq(ps_condition_incompatible(c->cond, c->leg, x, y, &err), 0, "%s", err.message);
}

static problem find_problem(const char *name, const chamber *c, size_t top, long dim)
{
    problem p = {name, c->game, c->leg, {0}, false, 0};
    ps_coalition_options_init(&p.opt);
    p.opt.condition = c->cond;
    p.opt.top = top;
    p.opt.dimension = dim;
    return p;
}

/* ---- the tests ---------------------------------------------------------- */

Test(coalition_parallel, iraq_2014_with_its_condition)
{
    chamber c;
    iraq(&c, true, false);
    problem p = find_problem("iraq, top 10", &c, 10, -1);
    cr_expect_eq(check(&p), PS_OK);
    p = find_problem("iraq, top 0 (too many)", &c, 0, -1);
    cr_expect_eq(check(&p), PS_ERANGE);
    chamber_free(&c);
}

Test(coalition_parallel, iraq_2014_without_condition_and_with_consent_layers)
{
    chamber c;
    iraq(&c, false, false);
    problem p = find_problem("iraq, no condition, top 5", &c, 5, -1);
    cr_expect_eq(check(&p), PS_OK);
    chamber_free(&c);
    iraq(&c, true, true);
    p = find_problem("iraq, consent of each community, top 5", &c, 5, -1);
    cr_expect_eq(check(&p), PS_OK);
    chamber_free(&c);
}

Test(coalition_parallel, budgets_refuse_as_one_walk)
{
    chamber c;
    iraq(&c, true, false);
    /* pass 1 runs out early, in the middle, late; the message counts what
     * one walk in order had found */
    static const uint64_t budgets[] = {1, 7, 300, 5000, 123457, 2000000, 9000000};
    for (size_t i = 0; i < sizeof budgets / sizeof *budgets; i++) {
        char name[64];
        snprintf(name, sizeof name, "iraq, max_nodes %llu", (unsigned long long)budgets[i]);
        problem p = find_problem(name, &c, 10, -1);
        p.opt.max_nodes = budgets[i];
        cr_expect_eq(check(&p), PS_ERANGE, "%s", name);
    }
    chamber_free(&c);
}

Test(coalition_parallel, random_chambers_with_constraints_and_a_dimension)
{
    static const size_t sizes[] = {20, 26, 32, 40};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        size_t n = sizes[i];
        chamber c;
        char name[96];
        random_chamber(&c, 1000 + n, n, 0);
        ps_error err;
        incompatible(&c, 0, 1);
        incompatible(&c, 2, 5);
        incompatible(&c, 1, n - 1);
        cr_assert_eq(ps_condition_include_community(c.cond, c.leg, "b", &err), 0);
        c.cond->max_parties = n <= 26 ? 0 : 7;
        static const size_t tops[] = {1, 5, 10};
        for (size_t k = 0; k < 3; k++) {
            snprintf(name, sizeof name, "random %zu, top %zu, dimension", n, tops[k]);
            problem p = find_problem(name, &c, tops[k], 0);
            int rc = check(&p);
            cr_expect(rc == PS_OK || rc == PS_ERANGE, "%s: %d", name, rc);
        }
        cr_assert_eq(ps_condition_require(c.cond, c.leg, "p3", &err), 0);
        snprintf(name, sizeof name, "random %zu, p3 required, top 5", n);
        problem p = find_problem(name, &c, 5, 0);
        check(&p);
        if (n <= 26) {
            snprintf(name, sizeof name, "random %zu, top 0", n);
            p = find_problem(name, &c, 0, 0);
            check(&p);
        }
        chamber_free(&c);
    }
}

Test(coalition_parallel, ties_cut_at_the_cap)
{
    /* 20 parties of 3 seats: every minimal coalition (11 parties) ties on
     * seats and parties, far more than top + ties can keep */
    chamber c;
    random_chamber(&c, 7, 20, 3);
    problem p = find_problem("equal seats, top 5, limit 700", &c, 5, 0);
    p.opt.limit = 700;
    cr_expect_eq(check(&p), PS_OK);
    p = find_problem("equal seats, top 2", &c, 2, 0);
    cr_expect_eq(check(&p), PS_OK);
    chamber_free(&c);
}

Test(coalition_parallel, many_small_chambers)
{
    /* small limits (2 to 4 ties kept per theory) and few ties: which
     * worker met them matters most */
    for (uint64_t seed = 0; seed < 120; seed++) {
        chamber c;
        char name[96];
        size_t n = 8 + seed % 9;
        random_chamber(&c, 500 + seed, n, seed % 5 == 0 ? 2 : 0);
        if (seed % 3 == 0)
            incompatible(&c, 0, n - 1);
        if (seed % 4 == 1)
            c.cond->max_parties = 4;
        snprintf(name, sizeof name, "random %zu (seed %llu), top %llu", n,
                 (unsigned long long)seed, (unsigned long long)(1 + seed % 3));
        problem p = find_problem(name, &c, 1 + seed % 3, seed % 2 ? 0 : -1);
        p.opt.limit = 8 + seed % 8;
        check(&p);
        chamber_free(&c);
    }
}

Test(coalition_parallel, nothing_meets_the_condition)
{
    chamber c;
    random_chamber(&c, 99, 22, 0);
    ps_error err;
    cr_assert_eq(ps_condition_require(c.cond, c.leg, "p0", &err), 0);
    cr_assert_eq(ps_condition_require(c.cond, c.leg, "p1", &err), 0);
    c.cond->max_parties = 2;
    problem p = find_problem("random 22, near misses", &c, 10, 0);
    cr_expect_eq(check(&p), PS_OK);
    chamber_free(&c);
}

Test(coalition_parallel, every_winning_coalition)
{
    chamber c;
    random_chamber(&c, 5, 16, 0);
    incompatible(&c, 0, 3);
    problem p = find_problem("random 16, all", &c, 3, 0);
    p.opt.all = true;
    cr_expect_eq(check(&p), PS_OK);
    p.name = "random 16, all, limit 500 (too many)";
    p.opt.limit = 500;
    cr_expect_eq(check(&p), PS_ERANGE);
    /* budgets between the minimal pass's nodes and the all pass's: the
     * count of all stops at limit + 1 before or after the budget runs out */
    static const uint64_t budgets[] = {400, 900, 1500, 2500, 4000, 8000, 20000};
    static const size_t limits[] = {50, 200, 2000};
    for (size_t i = 0; i < sizeof budgets / sizeof *budgets; i++)
        for (size_t k = 0; k < 3; k++) {
            char name[96];
            snprintf(name, sizeof name, "random 16, all, max_nodes %llu, limit %zu",
                     (unsigned long long)budgets[i], limits[k]);
            p.name = name;
            p.opt.max_nodes = budgets[i];
            p.opt.limit = limits[k];
            check(&p);
        }
    chamber_free(&c);
}

Test(coalition_parallel, counts_with_a_stop_and_a_budget)
{
    chamber c;
    random_chamber(&c, 11, 24, 0);
    incompatible(&c, 1, 2);
    static const uint64_t stops[] = {0, 1, 7, 1000, 30000};
    static const uint64_t budgets[] = {0, 50, 3000, 40000, 400000};
    for (int all = 0; all < 2; all++)
        for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
            for (size_t k = 0; k < sizeof budgets / sizeof *budgets; k++) {
                char name[96];
                snprintf(name, sizeof name, "random 24, count%s, stop %llu, max_nodes %llu",
                         all ? " all" : "", (unsigned long long)stops[i],
                         (unsigned long long)budgets[k]);
                problem p = find_problem(name, &c, 0, -1);
                p.count = true;
                p.stop = stops[i];
                p.opt.all = all;
                p.opt.max_nodes = budgets[k];
                check(&p);
            }
    /* the count of old, one thread without a budget, agrees */
    uint64_t n = 0, m = 0;
    bool stopped = true;
    ps_error err;
    cr_assert_eq(ps_coalitions_count(&n, &stopped, c.game, c.cond, false, 0, &err), 0);
    cr_expect(!stopped);
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.condition = c.cond;
    opt.threads = 3;
    cr_assert_eq(ps_coalitions_count_with(&m, NULL, c.game, &opt, 0, &err), 0, "%s",
                 err.message);
    cr_expect_eq(n, m);
    chamber_free(&c);
}

Test(coalition_parallel, bad_share_refused)
{
    chamber c;
    random_chamber(&c, 3, 10, 0);
    ps_share bad = {3, 2, fake_sum, NULL, NULL}; /* rank 3 of 2 */
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.share = &bad;
    ps_coalition_set *set = NULL;
    ps_error err;
    cr_expect_eq(ps_coalitions_find(&set, c.game, c.leg, &opt, &err), PS_EINVAL);
    cr_expect_null(set);
    uint64_t n;
    cr_expect_eq(ps_coalitions_count_with(&n, NULL, c.game, &opt, 0, &err), PS_EINVAL);
    chamber_free(&c);
}

static atomic_int checks;

static int stop_at_the_fifth_check(void *ctx)
{
    (void)ctx;
    return atomic_fetch_add(&checks, 1) >= 4;
}

Test(coalition_parallel, cancelled_in_every_thread)
{
    chamber c;
    iraq(&c, true, false);
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.condition = c.cond;
    opt.top = 10;
    opt.threads = 3;
    ps_coalition_set *set = NULL;
    ps_error err;
    long live = psi_alloc_live();
    ps_cancel_set(stop_at_the_fifth_check, NULL);
    cr_expect_eq(ps_coalitions_find(&set, c.game, c.leg, &opt, &err), PS_ECANCELED);
    cr_expect_null(set);
    cr_expect_eq(psi_alloc_live(), live);
    uint64_t n = 0;
    cr_expect_eq(ps_coalitions_count_with(&n, NULL, c.game, &opt, 0, &err), PS_ECANCELED,
                 "the thread stays cancelled");
    ps_cancel_set(NULL, NULL);
    cr_expect_eq(ps_coalitions_count_with(&n, NULL, c.game, &opt, 0, &err), PS_OK);
    cr_expect_eq(n, 4425667);
    chamber_free(&c);
}
