/*
 * test_cancel.c - stopping long work from outside (powershare/cancel.h):
 * every long program stops at a check that says so, returns PS_ECANCELED
 * with nothing handed over and nothing leaked, on one thread or several;
 * a check that never stops changes no result; the stop stays until the
 * check is set again; other threads are not affected.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "util.h"
#include "powershare/powershare.h"

#include "power_helpers.h"

/* Says stop once it has been asked `after` times (never when after < 0). */
typedef struct counter {
    atomic_long asked;
    long after;
} counter;

static int stop_after(void *ctx)
{
    counter *c = ctx;
    long k = atomic_fetch_add(&c->asked, 1) + 1;
    return c->after >= 0 && k > c->after;
}

static void check(counter *c, long after)
{
    atomic_store(&c->asked, 0);
    c->after = after;
    ps_cancel_set(stop_after, c);
}

static void fini(void)
{
    ps_cancel_set(NULL, NULL);
}

TestSuite(cancel, .fini = fini);

static ps_game *big_game(size_t n)
{
    return random_game(n, 987);
}

static int power(ps_power **out, const ps_game *g, unsigned indices, ps_power_method method,
                 unsigned threads, ps_error *err)
{
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = indices;
    opt.method = method;
    opt.threads = threads;
    opt.samples = 2000000;
    return ps_power_compute(out, g, &opt, err);
}

/* The call is stopped at the check after `after`: PS_ECANCELED, no result,
 * the allocations of before. */
static void expect_cancelled(const ps_game *g, unsigned indices, ps_power_method method,
                             unsigned threads, long after)
{
    counter c;
    long live = psi_alloc_live();
    check(&c, after);
    ps_power *p = (ps_power *)&c; /* must come back NULL */
    ps_error err;
    int rc = power(&p, g, indices, method, threads, &err);
    cr_expect_eq(rc, PS_ECANCELED, "method %d, %u threads: rc %d (%s)", (int)method, threads, rc,
                 err.message);
    cr_expect_eq(err.code, PS_ECANCELED);
    cr_expect_str_eq(ps_strerror(err.code), "cancelled");
    cr_expect_null(p, "nothing handed over");
    cr_expect_eq(psi_alloc_live(), live, "nothing leaked");
    cr_expect_gt(atomic_load(&c.asked), after, "the check was asked");
    ps_power_free(p);
}

Test(cancel, every_power_program_stops)
{
    ps_game *g = big_game(60);
    unsigned ss = PS_INDEX_BIT(PS_SHAPLEY_SHUBIK), bz = PS_INDEX_BIT(PS_BANZHAF);
    unsigned dp = PS_INDEX_BIT(PS_DEEGAN_PACKEL) | PS_INDEX_BIT(PS_JOHNSTON);
    for (unsigned threads = 1; threads <= 2; threads++) {
        expect_cancelled(g, ss, PS_POWER_EXACT, threads, 2);
        expect_cancelled(g, bz, PS_POWER_EXACT, threads, 2);
        expect_cancelled(g, dp, PS_POWER_EXACT, threads, 2);
        expect_cancelled(g, ss | bz, PS_POWER_APPROX, threads, 1);
        expect_cancelled(g, ss, PS_POWER_BEST, threads, 0);
    }
    ps_game_free(g);
}

Test(cancel, layers_and_enumeration_stop)
{
    ps_game *layered = big_game(24);
    int64_t ones[24];
    for (size_t i = 0; i < 24; i++)
        ones[i] = 1;
    ps_error err;
    cr_assert_eq(ps_game_add_layer(layered, ones, 9, &err), PS_OK, "%s", err.message);
    unsigned both = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    expect_cancelled(layered, both, PS_POWER_EXACT, 1, 3);
    expect_cancelled(layered, both, PS_POWER_EXACT, 2, 3);
    ps_game_free(layered);
    ps_game *small = big_game(22); /* 2^22 profiles: within enumeration's limit */
    expect_cancelled(small, PS_INDEX_BIT(PS_HOLLER), PS_POWER_ENUMERATE, 1, 1);
    ps_game_free(small);
}

Test(cancel, a_check_that_never_stops_changes_nothing)
{
    ps_game *g = big_game(40);
    unsigned idx = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    ps_power *plain = NULL, *checked = NULL;
    ps_error err;
    cr_assert_eq(power(&plain, g, idx, PS_POWER_EXACT, 2, &err), PS_OK, "%s", err.message);
    counter c;
    check(&c, -1);
    cr_assert_eq(power(&checked, g, idx, PS_POWER_EXACT, 2, &err), PS_OK, "%s", err.message);
    cr_expect_gt(atomic_load(&c.asked), 0, "the programs asked");
    for (size_t i = 0; i < 40; i++) {
        const ps_fraction *a = &checked->values[PS_BANZHAF][i], *b = &plain->values[PS_BANZHAF][i];
        const ps_fraction *c_ss = &checked->values[PS_SHAPLEY_SHUBIK][i];
        const ps_fraction *p_ss = &plain->values[PS_SHAPLEY_SHUBIK][i];
        cr_expect(!strcmp(a->num, b->num) && !strcmp(a->den, b->den), "Banzhaf of %zu", i);
        cr_expect(!strcmp(c_ss->num, p_ss->num) && !strcmp(c_ss->den, p_ss->den),
                  "Shapley-Shubik of %zu", i);
    }
    ps_power_free(plain);
    ps_power_free(checked);
    ps_game_free(g);
}

typedef struct other_thread {
    const ps_game *g;
    int rc;
} other_thread;

static void *compute_elsewhere(void *arg)
{
    other_thread *t = arg;
    ps_power *p = NULL;
    ps_error err;
    t->rc = power(&p, t->g, PS_INDEX_BIT(PS_BANZHAF), PS_POWER_EXACT, 1, &err);
    ps_power_free(p);
    return NULL;
}

Test(cancel, the_stop_stays_until_set_again_and_only_on_its_thread)
{
    ps_game *g = big_game(60);
    unsigned bz = PS_INDEX_BIT(PS_BANZHAF);
    counter c;
    check(&c, 0);
    ps_power *p = NULL;
    ps_error err;
    cr_assert_eq(power(&p, g, bz, PS_POWER_EXACT, 1, &err), PS_ECANCELED);
    long asked = atomic_load(&c.asked);
    cr_expect_eq(power(&p, g, bz, PS_POWER_EXACT, 2, &err), PS_ECANCELED, "still stopped");
    cr_expect_eq(atomic_load(&c.asked), asked, "without asking the check again");

    other_thread t = {g, -100};
    pthread_t tid;
    cr_assert_eq(pthread_create(&tid, NULL, compute_elsewhere, &t), 0);
    pthread_join(tid, NULL);
    cr_expect_eq(t.rc, PS_OK, "another thread has no check");

    check(&c, -1); /* set again: the stop is cleared */
    cr_expect_eq(power(&p, g, bz, PS_POWER_EXACT, 1, &err), PS_OK, "%s", err.message);
    ps_power_free(p);
    p = NULL;
    ps_cancel_set(NULL, NULL);
    cr_expect_eq(power(&p, g, bz, PS_POWER_EXACT, 1, &err), PS_OK, "%s", err.message);
    ps_power_free(p);
    ps_game_free(g);
}

static ps_document *iraq(void)
{
    ps_document *doc = NULL;
    ps_error err;
    cr_assert_eq(ps_document_load(&doc, PS_SOURCE_ROOT "/data/iraq-2014.json", &err), PS_OK,
                 "%s", err.message);
    return doc;
}

Test(cancel, the_coalition_search_stops)
{
    ps_document *doc = iraq();
    ps_game *g = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_legislature(&g, ps_document_legislature(doc), "majority", false,
                                          &err),
                 PS_OK, "%s", err.message);
    counter c;
    long live = psi_alloc_live();
    check(&c, 3);
    uint64_t n = 0;
    bool stopped = false;
    cr_expect_eq(ps_coalitions_count(&n, &stopped, g, NULL, false, 0, &err), PS_ECANCELED);
    cr_expect_eq(err.code, PS_ECANCELED);
    cr_expect_eq(psi_alloc_live(), live);
    ps_game_free(g);
    ps_document_free(doc);
}

Test(cancel, the_whole_analysis_stops_at_any_check)
{
    ps_document *doc = iraq();
    counter c;
    /* stopped at the first check, and at later ones, in whichever stage */
    for (long after = 0; after <= 40; after += 8) {
        long live = psi_alloc_live();
        check(&c, after);
        ps_analyze_result *res = NULL;
        ps_error err;
        int rc = ps_analyze(&res, doc, NULL, &err);
        if (atomic_load(&c.asked) <= after) { /* the whole job asked fewer times */
            cr_expect_eq(rc, PS_OK, "%s", err.message);
            ps_analyze_result_free(res);
            break;
        }
        cr_expect_eq(rc, PS_ECANCELED, "after %ld checks: rc %d (%s)", after, rc, err.message);
        cr_expect_null(res);
        cr_expect_eq(psi_alloc_live(), live, "after %ld checks: nothing leaked", after);
    }
    ps_document_free(doc);
}

Test(cancel, the_poll_simulation_stops_on_every_worker)
{
    double alpha[3] = {450.5, 350.5, 200.5};
    ps_sim_model m;
    memset(&m, 0, sizeof m);
    m.n = 3;
    m.alpha = alpha;
    ps_apportion_options_init(&m.rules);
    m.rules.method = PS_DHONDT;
    m.rules.seats = 100;
    for (int threads = 1; threads <= 3; threads += 2) {
        ps_sim_counts *counts = NULL;
        ps_error err;
        cr_assert_eq(ps_sim_counts_new(&counts, &m, &err), PS_OK, "%s", err.message);
        counter c;
        check(&c, 4);
        ps_sim_run_options o = {.seed = 1, .n_blocks = 1000, .threads = threads};
        cr_expect_eq(ps_simulate_run(counts, &m, &o, &err), PS_ECANCELED, "%d threads: %s",
                     threads, err.message);
        cr_expect_eq(err.code, PS_ECANCELED);
        cr_expect_lt(atomic_load(&c.asked), 1000, "stopped well before the end");
        ps_sim_counts_free(counts);
    }
}
