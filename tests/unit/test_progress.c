/*
 * test_progress.c - the progress hook (powershare/progress.h): the power
 * programs and the coalition search report through it, done never goes
 * back within a run and never passes the total, a run that completes ends
 * with done == total, and nothing comes once the callback is removed.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>

#include "powershare/powershare.h"

#include "power_helpers.h"

#define MAX_CALLS 200000

typedef struct call {
    const char *what;
    uint64_t done, total;
} call;

static call calls[MAX_CALLS];
static size_t n_calls;
static int in_callback; /* > 1 would mean two calls at once */
static int overlapped;

static void record(void *ctx, const char *what, uint64_t done, uint64_t total)
{
    cr_assert_eq(ctx, (void *)calls, "the context comes back");
    if (__atomic_add_fetch(&in_callback, 1, __ATOMIC_SEQ_CST) > 1)
        overlapped = 1;
    if (n_calls < MAX_CALLS)
        calls[n_calls++] = (call){what, done, total};
    __atomic_sub_fetch(&in_callback, 1, __ATOMIC_SEQ_CST);
}

static void listen(void)
{
    n_calls = 0;
    overlapped = 0;
    ps_progress_set(record, calls);
}

static void fini(void)
{
    ps_progress_set(NULL, NULL);
}

TestSuite(progress, .fini = fini);

/* Checks the rules of progress.h over the recorded calls; returns the
 * number of completed runs of `what`. */
static size_t check_runs(const char *what)
{
    size_t runs = 0;
    bool open = false;
    uint64_t last = 0;
    cr_assert_eq(overlapped, 0, "one callback call at a time");
    for (size_t i = 0; i < n_calls; i++) {
        const call *c = &calls[i];
        cr_assert_not_null(c->what);
        if (strcmp(c->what, what))
            continue;
        if (c->total)
            cr_expect_leq(c->done, c->total, "%s: done %lu of %lu", what,
                          (unsigned long)c->done, (unsigned long)c->total);
        if (!open || c->done == 0) { /* a run begins */
            cr_expect_eq(c->done, 0, "%s: a run begins at 0 (call %zu: %lu)", what, i,
                         (unsigned long)c->done);
            open = true;
        } else {
            cr_expect_gt(c->done, last, "%s: done goes forward (call %zu: %lu after %lu)",
                         what, i, (unsigned long)c->done, (unsigned long)last);
        }
        last = c->done;
        if (c->total && c->done == c->total) {
            runs++;
            open = false;
        }
    }
    cr_expect(!open, "%s: the last run ended with done == total", what);
    return runs;
}

static size_t count_of(const char *what)
{
    size_t k = 0;
    for (size_t i = 0; i < n_calls; i++)
        k += !strcmp(calls[i].what, what);
    return k;
}

static ps_game *big_game(size_t n)
{
    return random_game(n, 12345);
}

static void power(const ps_game *g, unsigned indices, ps_power_method method, unsigned threads)
{
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = indices;
    opt.method = method;
    opt.threads = threads;
    opt.samples = 200000;
    ps_power *p = NULL;
    ps_error err;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_OK, "%s", err.message);
    ps_power_free(p);
}

Test(progress, shapley_shubik_program_reports_per_pass)
{
    ps_game *g = big_game(60);
    listen();
    power(g, PS_INDEX_BIT(PS_SHAPLEY_SHUBIK), PS_POWER_EXACT, 2);
    cr_expect_eq(check_runs("power (Shapley-Shubik)"), 1);
    /* one report per pass over the table: about 60 per residue, not more */
    size_t k = count_of("power (Shapley-Shubik)");
    cr_expect(k >= 10 && k <= 60 * 8 + 2, "%zu reports", k);
    ps_game_free(g);
}

Test(progress, banzhaf_mwc_and_monte_carlo_report)
{
    ps_game *g = big_game(60);
    listen();
    power(g, PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_DEEGAN_PACKEL), PS_POWER_EXACT, 2);
    cr_expect_eq(check_runs("power (Banzhaf)"), 1);
    cr_expect_geq(check_runs("power (minimal winning coalitions)"), 1);
    listen();
    power(g, PS_INDEX_BIT(PS_SHAPLEY_SHUBIK), PS_POWER_APPROX, 3);
    cr_expect_eq(check_runs("power (Monte Carlo)"), 1);
    cr_expect_geq(count_of("power (Monte Carlo)"), 3, "a report per block of samples");
    ps_game_free(g);
}

Test(progress, several_layers_report)
{
    ps_game *g = big_game(24);
    int64_t ones[24];
    for (size_t i = 0; i < 24; i++)
        ones[i] = 1;
    ps_error err;
    cr_assert_eq(ps_game_add_layer(g, ones, 9, &err), PS_OK, "%s", err.message);
    listen();
    power(g, PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK), PS_POWER_EXACT, 2);
    cr_expect_geq(check_runs("power (several layers)"), 1);
    ps_game_free(g);
}

Test(progress, coalition_search_reports_its_share_of_the_tree)
{
    ps_legislature *leg = NULL;
    ps_game *g = NULL;
    ps_error err;
    cr_assert_eq(ps_legislature_load(&leg, PS_SOURCE_ROOT "/data/iraq-2014.json", &err), PS_OK,
                 "%s", err.message);
    cr_assert_eq(ps_game_from_legislature(&g, leg, "majority", false, &err), PS_OK, "%s",
                 err.message);
    listen();
    uint64_t n = 0;
    bool stopped = false;
    cr_assert_eq(ps_coalitions_count(&n, &stopped, g, NULL, false, 0, &err), PS_OK, "%s",
                 err.message);
    cr_expect_gt(n, 1000000, "Iraq 2014 has millions of minimal winning coalitions");
    cr_expect_eq(check_runs("coalition search"), 1);
    size_t k = count_of("coalition search");
    cr_expect(k >= 20 && k <= 4097, "%zu reports: coarse, at most 2^12 + 1", k);
    cr_expect_eq(calls[0].total, 4096);
    ps_game_free(g);
    ps_legislature_free(leg);
}

Test(progress, nothing_once_the_callback_is_removed)
{
    ps_game *g = big_game(60);
    listen();
    power(g, PS_INDEX_BIT(PS_BANZHAF), PS_POWER_EXACT, 1);
    cr_assert_gt(n_calls, 0);
    ps_progress_set(NULL, NULL);
    n_calls = 0;
    power(g, PS_INDEX_BIT(PS_SHAPLEY_SHUBIK), PS_POWER_EXACT, 2);
    power(g, PS_INDEX_BIT(PS_BANZHAF), PS_POWER_APPROX, 2);
    cr_expect_eq(n_calls, 0, "no call after ps_progress_set(NULL, NULL)");
    ps_game_free(g);
}
