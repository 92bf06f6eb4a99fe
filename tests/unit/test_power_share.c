/*
 * test_power_share.c - the power stage shared among processes (ps_share):
 * every "process" (a thread of fake_share.h) gets the values of one
 * process alone, to the last digit, for the exact programs whose residues
 * are split (one layer: Banzhaf, Shapley-Shubik, Deegan-Packel, Holler,
 * Johnston; several layers) and for Monte Carlo, whose blocks are split;
 * and the work limit is per process.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fake_share.h"
#include "powershare/game.h"
#include "powershare/power.h"

static uint64_t state = 88172645463325252ull;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* One weighted layer of n players, weights 1..max, quota half the total. */
static ps_game *weighted(size_t n, uint64_t max)
{
    int64_t w[400], total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i] = 1 + (int64_t)(next() % max);
    ps_game *g = NULL;
    cr_assert_eq(ps_game_from_weights(&g, w, n, total / 2 + 1, NULL), PS_OK);
    return g;
}

/* Two layers: weights and a second small weight with its own quota. */
static ps_game *two_layers(size_t n)
{
    int64_t w[200], v[200], tw = 0, tv = 0;
    for (size_t i = 0; i < n; i++) {
        tw += w[i] = 1 + (int64_t)(next() % 5);
        tv += v[i] = (int64_t)(next() % 2);
    }
    ps_game *g = NULL;
    cr_assert_eq(ps_game_new(&g, n, NULL), PS_OK);
    cr_assert_eq(ps_game_add_layer(g, w, tw / 2 + 1, NULL), PS_OK);
    cr_assert_eq(ps_game_add_layer(g, v, tv / 3 + 1, NULL), PS_OK);
    return g;
}

typedef struct shared_run {
    const ps_game *game;
    ps_power_options opt;
    ps_power *out[FAKE_MAX_RANKS];
    int rc[FAKE_MAX_RANKS];
    ps_error err[FAKE_MAX_RANKS];
} shared_run;

static void rank_body(const ps_share *share, unsigned rank, void *arg)
{
    shared_run *run = arg;
    ps_power_options opt = run->opt;
    opt.share = share;
    run->rc[rank] = ps_power_compute(&run->out[rank], run->game, &opt, &run->err[rank]);
}

static void expect_same(const ps_power *a, const ps_power *b, unsigned rank, size_t size)
{
    cr_assert_eq(a->indices, b->indices);
    cr_assert_eq(a->exact, b->exact);
    for (int k = 0; k < PS_INDEX_COUNT; k++) {
        if (!a->values[k])
            continue;
        cr_assert_not_null(b->values[k]);
        for (size_t i = 0; i < a->n_players; i++) {
            const ps_fraction *x = &a->values[k][i], *y = &b->values[k][i];
            if (a->exact) {
                cr_assert_str_eq(x->num, y->num, "%s of player %zu, rank %u of %zu",
                                 ps_index_name((ps_index)k), i, rank, size);
                cr_assert_str_eq(x->den, y->den);
            } else {
                cr_assert_eq(x->value, y->value, "%s of player %zu, rank %u of %zu",
                             ps_index_name((ps_index)k), i, rank, size);
                cr_assert_eq(a->half_width[k][i], b->half_width[k][i]);
            }
        }
    }
}

/* The game's values alone, then shared by 2, 3 and 5 processes. */
static void check_shared(const ps_game *g, const ps_power_options *opt)
{
    ps_power *alone = NULL;
    ps_error err;
    cr_assert_eq(ps_power_compute(&alone, g, opt, &err), PS_OK, "%s", err.message);
    static const size_t sizes[] = {2, 3, 5};
    for (size_t s = 0; s < 3; s++) {
        shared_run run;
        memset(&run, 0, sizeof run);
        run.game = g;
        run.opt = *opt;
        fake_world_run(sizes[s], rank_body, &run);
        for (unsigned r = 0; r < sizes[s]; r++) {
            cr_assert_eq(run.rc[r], PS_OK, "rank %u: %s", r, run.err[r].message);
            expect_same(alone, run.out[r], r, sizes[s]);
            ps_power_free(run.out[r]);
        }
    }
    ps_power_free(alone);
}

Test(power_share, one_layer_exact_programs_split_their_residues)
{
    /* 140 players: the Shapley-Shubik counts need 3 residues, the Banzhaf
     * counts (below 2^140) 3 as well */
    ps_game *g = weighted(140, 40);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_BANZHAF_RAW) |
                  PS_INDEX_BIT(PS_SHAPLEY_SHUBIK) | PS_INDEX_BIT(PS_COLEMAN_PREVENT);
    opt.threads = 2;
    check_shared(g, &opt);
    ps_game_free(g);
}

Test(power_share, minimal_winning_indices_split_their_residues)
{
    ps_game *g = weighted(90, 12);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_DEEGAN_PACKEL) | PS_INDEX_BIT(PS_HOLLER) |
                  PS_INDEX_BIT(PS_JOHNSTON);
    check_shared(g, &opt);
    ps_game_free(g);
}

Test(power_share, several_layers_split_their_residues)
{
    ps_game *g = two_layers(70); /* counts below 2^70: two residues */
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    check_shared(g, &opt);
    ps_game_free(g);
}

Test(power_share, monte_carlo_splits_its_blocks)
{
    ps_game *g = weighted(40, 30);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.method = PS_POWER_APPROX;
    opt.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    opt.samples = 5 * 65536 + 17; /* six blocks, the last one short */
    opt.seed = 11;
    opt.threads = 2;
    check_shared(g, &opt);
    ps_game_free(g);
}

Test(power_share, the_work_limit_is_per_process)
{
    ps_game *g = weighted(140, 40);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    ps_power *p = NULL;
    ps_error err;
    /* find the work of one residue from the refusal of a tiny limit */
    opt.max_work = 1;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE);
    size_t P = 0;
    double U = 0;
    const char *at = strstr(err.message, " residues of ");
    cr_assert_not_null(at, "%s", err.message);
    const char *open = at;
    while (open > err.message && open[-1] != '(')
        open--;
    cr_assert_eq(sscanf(open, "%zu residues of %lf", &P, &U), 2, "%s", err.message);
    cr_assert_eq(P, 3, "%s", err.message);
    cr_expect(strstr(err.message, "so more processes would not help") != NULL, "%s",
              err.message);
    /* room for one residue per process: refused alone, naming 3 processes */
    opt.max_work = U * 1.5;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "3 processes sharing the residues") != NULL, "%s",
              err.message);
    /* ... and accepted by three */
    shared_run run;
    memset(&run, 0, sizeof run);
    run.game = g;
    run.opt = opt;
    fake_world_run(3, rank_body, &run);
    opt.max_work = 1e12;
    ps_power *alone = NULL;
    cr_assert_eq(ps_power_compute(&alone, g, &opt, &err), PS_OK);
    for (unsigned r = 0; r < 3; r++) {
        cr_assert_eq(run.rc[r], PS_OK, "rank %u: %s", r, run.err[r].message);
        expect_same(alone, run.out[r], r, 3);
        ps_power_free(run.out[r]);
    }
    /* two processes still have two residues in the busiest */
    memset(&run, 0, sizeof run);
    run.game = g;
    run.opt = opt;
    run.opt.max_work = U * 1.5;
    fake_world_run(2, rank_body, &run);
    for (unsigned r = 0; r < 2; r++) {
        cr_assert_eq(run.rc[r], PS_ERANGE);
        cr_expect(strstr(run.err[r].message, "per process") != NULL, "%s",
                  run.err[r].message);
    }
    ps_power_free(alone);
    ps_game_free(g);
}

/* The table's size in bytes, from the refusal of a tiny memory limit. */
/* One process's exact Shapley-Shubik values of g; opt gets the options
 * that computed them. */
static ps_power *ss_alone(const ps_game *g, ps_power_options *opt)
{
    ps_power_options_init(opt);
    opt->indices = PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    ps_power *alone = NULL;
    ps_error err;
    cr_assert_eq(ps_power_compute(&alone, g, opt, &err), PS_OK, "%s", err.message);
    return alone;
}

static double table_bytes(const ps_game *g, ps_power_options opt)
{
    ps_power *p = NULL;
    ps_error err;
    opt.max_memory = 1;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE);
    const char *at = strstr(err.message, " needs ");
    double mb = 0;
    cr_assert(at && sscanf(at, " needs %lf MB", &mb) == 1, "%s", err.message);
    return mb * 1e6;
}

/* The game held by `size` processes of `threads` threads each within a
 * memory limit of `limit` bytes (with the share's pass_up, or one sum in
 * its place): every process gets the values of one table, `alone`. */
static void expect_held_as_alone(const ps_game *g, const ps_power_options *opt,
                                 const ps_power *alone, double limit, size_t size,
                                 unsigned threads, bool pass_up)
{
    shared_run run;
    memset(&run, 0, sizeof run);
    run.game = g;
    run.opt = *opt;
    run.opt.threads = threads;
    run.opt.max_memory = (size_t)limit;
    cr_assert(fake_world_run_with(size, pass_up, rank_body, &run));
    for (unsigned r = 0; r < size; r++) {
        cr_assert_eq(run.rc[r], PS_OK, "rank %u of %zu, %u threads: %s", r, size, threads,
                     run.err[r].message);
        expect_same(alone, run.out[r], r, size);
        ps_power_free(run.out[r]);
    }
}

Test(power_share, a_table_above_the_memory_limit_is_held_by_all_processes)
{
    ps_game *g = weighted(140, 40);
    ps_power_options opt;
    ps_power *alone = ss_alone(g, &opt);
    double bytes = table_bytes(g, opt);
    /* refused alone at 60% of the table, naming the processes that would
     * hold it */
    opt.max_memory = (size_t)(bytes * 0.6);
    ps_power *p = NULL;
    ps_error err;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_ERANGE);
    cr_expect(strstr(err.message, "2 processes sharing the table (mpirun -n 2)") != NULL, "%s",
              err.message);
    /* held by 2, 3 and 5 processes of one to three threads each (parts of a
     * few rows, the rows below a part in another process or thread): the
     * same values as one table */
    static const size_t sizes[] = {2, 3, 5};
    for (size_t s = 0; s < 3; s++)
        for (unsigned threads = 1; threads <= 3; threads++)
            /* two threads: without the share's pass_up (one sum in its place) */
            expect_held_as_alone(g, &opt, alone, bytes * 0.6, sizes[s], threads, threads != 2);
    /* the work limit counts each process's share of every table */
    shared_run run;
    memset(&run, 0, sizeof run);
    run.game = g;
    run.opt = opt;
    run.opt.max_work = 1;
    fake_world_run(2, rank_body, &run);
    for (unsigned r = 0; r < 2; r++) {
        cr_assert_eq(run.rc[r], PS_ERANGE);
        cr_expect(strstr(run.err[r].message, "each table shared by the 2 processes") != NULL,
                  "%s", run.err[r].message);
    }
    ps_power_free(alone);
    ps_game_free(g);
}

Test(power_share, heavy_players_in_a_wavefront_match_the_held_table)
{
    /* 36 players of weight up to 12,000: one process adds them sixteen at
     * a time in a wavefront over tiles of the weights (power_dp_ss_wave.c),
     * six processes holding the table add two per pass (its rows are too
     * long for the copies of sixteen rows below each part to fit); same
     * values. */
    ps_game *g = weighted(36, 12000);
    ps_power_options opt;
    ps_power *alone = ss_alone(g, &opt);
    expect_held_as_alone(g, &opt, alone, table_bytes(g, opt) * 0.6, 6, 1, true);
    ps_power_free(alone);
    ps_game_free(g);
}

Test(power_share, a_held_table_of_many_rows_takes_players_in_wavefronts)
{
    /* 300 players of weight 1..10: a table of a few hundred short rows,
     * so the copies of the sixteen rows below each part fit beside a
     * process's share, and the processes add the players in wavefronts,
     * each part also bringing its copies of the rows below up to the
     * states its later players read. 2 and 3 processes of 1 and 2
     * threads, parts of a few rows to more than a hundred: the values of
     * one table. */
    ps_game *g = weighted(300, 10);
    ps_power_options opt;
    ps_power *alone = ss_alone(g, &opt);
    double bytes = table_bytes(g, opt);
    static const size_t sizes[] = {2, 3};
    for (size_t s = 0; s < 2; s++)
        for (unsigned threads = 1; threads <= 2; threads++)
            expect_held_as_alone(g, &opt, alone, bytes * 0.8, sizes[s], threads, true);
    ps_power_free(alone);
    ps_game_free(g);
}

/* A table of a few long rows: the rows each process would read from the
 * others outweigh its share, so no number of processes helps, and the
 * refusal says so in every process. */
Test(power_share, a_table_of_few_long_rows_is_not_shared)
{
    static const int64_t w[] = {30, 30, 30, 30, 29, 28, 1, 1};
    ps_game *g = NULL;
    cr_assert_eq(ps_game_from_weights(&g, w, 8, 90, NULL), PS_OK);
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = PS_INDEX_BIT(PS_SHAPLEY_SHUBIK);
    /* rows of 1, 30, 59, 60, 31 and 1 words: 1,456 bytes */
    opt.max_memory = 1400;
    shared_run run;
    memset(&run, 0, sizeof run);
    run.game = g;
    run.opt = opt;
    fake_world_run(3, rank_body, &run);
    for (unsigned r = 0; r < 3; r++) {
        cr_assert_eq(run.rc[r], PS_ERANGE, "rank %u", r);
        cr_expect(strstr(run.err[r].message, "needs 0.0 MB, more than its share of each "
                         "process") != NULL, "%s", run.err[r].message);
        cr_expect(strstr(run.err[r].message, "no number of processes would bring each below "
                         "it (the table has 6 rows to share)") != NULL, "%s",
                  run.err[r].message);
    }
    opt.max_memory = 1456;
    ps_power *p = NULL;
    ps_error err;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_OK, "%s", err.message);
    ps_power_free(p);
    ps_game_free(g);
}

/* More processes than one machine runs threads (70, above the 64 threads
 * a process starts): each holds a row or two of the table, and the values
 * are those of one table. */
Test(power_share, a_table_is_held_by_seventy_processes)
{
    ps_game *g = weighted(150, 40);
    ps_power_options opt;
    ps_power *alone = ss_alone(g, &opt);
    expect_held_as_alone(g, &opt, alone, table_bytes(g, opt) * 0.2, 70, 1, true);
    ps_power_free(alone);
    ps_game_free(g);
}

Test(power_share, a_bad_share_is_refused)
{
    ps_game *g = weighted(10, 5);
    ps_power_options opt;
    ps_power_options_init(&opt);
    ps_share bad = {3, 2, NULL, NULL, NULL};
    opt.share = &bad;
    ps_power *p = NULL;
    ps_error err;
    cr_assert_eq(ps_power_compute(&p, g, &opt, &err), PS_EINVAL);
    cr_assert_null(p);
    ps_game_free(g);
}
