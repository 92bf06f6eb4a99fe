/*
 * power_approx.c - Monte Carlo estimates of the Banzhaf and Shapley-Shubik
 * indices with a stated confidence, for games beyond the exact methods.
 *
 * Penrose (absolute Banzhaf): draw coalitions S uniformly (each player in or
 * out with probability 1/2); player i "swings at S" when toggling i changes
 * the outcome, which happens with probability exactly eta_i / 2^(n-1). So
 * one sample gives an unbiased Bernoulli draw for every player at once.
 * Shapley-Shubik: draw orderings uniformly (Fisher-Yates with Lemire's
 * unbiased bounded integers); the pivot of an ordering (the player whose
 * arrival makes the coalition win) is player i with probability SS_i
 * (Mann & Shapley 1960 used the same estimator).
 *
 * Confidence: by Hoeffding's inequality a mean of N draws in [0, 1] is within
 * sqrt(ln(2/d) / (2N)) of its expectation with probability >= 1 - d; with
 * d = (1 - confidence) / n for each of the n players, the union bound makes
 * all n intervals hold at once with probability >= confidence. The normalised
 * Banzhaf index eta_i / sum_j eta_j is bounded from the Penrose intervals of
 * all players by interval arithmetic, which holds on the same event.
 *
 * A rule with "or" (several AND groups, game.h) is judged by
 * ps_game_sums_win on the layer sums: a coalition wins when some group has
 * every layer met, and a member swings when the sums without it (or with
 * it, for a non-member) give the other outcome.
 *
 * Random numbers: xoshiro256** (Blackman & Vigna 2018) seeded by splitmix64
 * from the user's seed. The samples are cut into blocks of BLOCK; block b
 * draws from the stream jumped b times (2^128 numbers apart, so blocks never
 * overlap), and the hit counts of all blocks are added up. The processes
 * of options.share take blocks r, r + S, ... (rank r of S), and the threads
 * (options.threads) of each take every T-th of those; integer sums do not
 * depend on the order, so a seed gives the same estimates on every run and
 * with any number of threads and processes.
 */
#include <math.h>
#include <string.h>

#include "power_programs.h"
#include "cancel_hook.h"
#include "progress_hook.h"

typedef psi_xoshiro rng;

static uint64_t next(rng *r)
{
    return psi_xoshiro_next(r);
}

/* Uniform in [0, bound), bound >= 1 (Lemire 2019, unbiased). */
static uint64_t bounded(rng *r, uint64_t bound)
{
    psi_u128 m = (psi_u128)next(r) * bound;
    uint64_t low = (uint64_t)m;
    if (low < bound) {
        uint64_t threshold = (0 - bound) % bound;
        while (low < threshold) {
            m = (psi_u128)next(r) * bound;
            low = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

static void penrose_samples(const ps_game *g, uint64_t N, rng *r, uint64_t *hits,
                            unsigned char *in, int64_t *sums)
{
    size_t n = g->n_players, NL = g->n_layers;
    for (uint64_t t = 0; t < N; t++) {
        uint64_t bits = 0;
        for (size_t i = 0; i < n; i++) {
            if ((i & 63) == 0)
                bits = next(r);
            in[i] = (unsigned char)(bits & 1);
            bits >>= 1;
        }
        memset(sums, 0, NL * sizeof *sums);
        for (size_t l = 0; l < NL; l++) {
            const int64_t *w = g->weights + l * n;
            int64_t s = 0;
            for (size_t i = 0; i < n; i++)
                if (in[i])
                    s += w[i];
            sums[l] = s;
        }
        int win = 1;
        for (size_t l = 0; l < NL; l++)
            if (sums[l] < g->quotas[l])
                win = 0;
        if (g->n_groups >= 2) { /* "or": toggle each player in the sums */
            win = ps_game_sums_win(g, sums);
            for (size_t i = 0; i < n; i++) {
                int64_t sign = in[i] ? -1 : 1;
                for (size_t l = 0; l < NL; l++)
                    sums[l] += sign * g->weights[l * n + i];
                hits[i] += (uint64_t)(ps_game_sums_win(g, sums) != win);
                for (size_t l = 0; l < NL; l++)
                    sums[l] -= sign * g->weights[l * n + i];
            }
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            if (in[i] && win) {
                for (size_t l = 0; l < NL; l++) {
                    if (sums[l] - g->weights[l * n + i] < g->quotas[l]) {
                        hits[i]++;
                        break;
                    }
                }
            } else if (!in[i] && !win) {
                int w2 = 1;
                for (size_t l = 0; l < NL && w2; l++)
                    if (sums[l] + g->weights[l * n + i] < g->quotas[l])
                        w2 = 0;
                hits[i] += (uint64_t)w2;
            }
        }
    }
}

static void shapley_samples(const ps_game *g, uint64_t N, rng *r, uint64_t *hits,
                            size_t *order, int64_t *sums)
{
    size_t n = g->n_players, NL = g->n_layers;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (uint64_t t = 0; t < N; t++) {
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = (size_t)bounded(r, (uint64_t)i + 1);
            size_t tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        memset(sums, 0, NL * sizeof *sums);
        for (size_t k = 0; k < n; k++) {
            size_t p = order[k];
            int win = 1;
            for (size_t l = 0; l < NL; l++) {
                sums[l] += g->weights[l * n + p];
                if (sums[l] < g->quotas[l])
                    win = 0;
            }
            if (g->n_groups >= 2)
                win = ps_game_sums_win(g, sums);
            if (win) {
                hits[p]++;
                break;
            }
        }
    }
}

#define BLOCK ((uint64_t)1 << 16)

typedef struct mc_job {
    const ps_game *g;
    uint64_t samples, seed;
    bool shapley;
    size_t first, stride; /* blocks first, first + stride, ... */
    uint64_t *hits;       /* [n], this job's own */
    unsigned char *in;    /* [n] */
    size_t *order;        /* [n] */
    int64_t *sums;        /* [layers] */
} mc_job;

static void *run_blocks(void *arg)
{
    mc_job *j = arg;
    uint64_t blocks = (j->samples + BLOCK - 1) / BLOCK;
    rng r;
    psi_xoshiro_seed(&r, j->seed);
    for (size_t t = 0; t < j->first; t++)
        psi_xoshiro_jump(&r);
    for (uint64_t b = j->first; b < blocks && !psi_cancelled(); b += j->stride) {
        psi_progress_add("power (Monte Carlo)", 1);
        uint64_t N = j->samples - b * BLOCK < BLOCK ? j->samples - b * BLOCK : BLOCK;
        rng block = r;
        if (j->shapley)
            shapley_samples(j->g, N, &block, j->hits, j->order, j->sums);
        else
            penrose_samples(j->g, N, &block, j->hits, j->in, j->sums);
        for (size_t t = 0; t < j->stride; t++)
            psi_xoshiro_jump(&r);
    }
    return NULL;
}

static void free_jobs(mc_job *jobs, size_t T)
{
    for (size_t t = 0; jobs && t < T; t++) {
        psi_free(jobs[t].hits);
        psi_free(jobs[t].in);
        psi_free(jobs[t].order);
        psi_free(jobs[t].sums);
    }
    psi_free(jobs);
}

/* hits[i] = how often player i swung (or was pivotal), over all samples. */
static int sample(uint64_t *hits, const ps_game *g, const ps_power_options *opt, uint64_t seed,
                  bool shapley, ps_error *err)
{
    size_t n = g->n_players;
    uint64_t blocks = (opt->samples + BLOCK - 1) / BLOCK;
    size_t size = psi_shared_size(opt->share), rank = psi_shared_rank(opt->share);
    uint64_t mine = blocks > rank ? (blocks - rank + size - 1) / size : 0;
    size_t T = opt->threads > 1 ? (opt->threads < PSI_MAX_JOBS ? opt->threads : PSI_MAX_JOBS) : 1;
    if ((uint64_t)T > mine)
        T = mine ? (size_t)mine : 1;
    mc_job *jobs = psi_calloc(T, sizeof *jobs);
    if (!jobs)
        return psi_enomem(err);
    for (size_t t = 0; t < T; t++) {
        jobs[t] = (mc_job){g, opt->samples, seed, shapley, rank + t * size, T * size,
                           NULL, NULL, NULL, NULL};
        jobs[t].hits = psi_calloc(n, sizeof *jobs[t].hits);
        jobs[t].in = psi_malloc(n);
        jobs[t].order = psi_malloc_array(n, sizeof *jobs[t].order);
        jobs[t].sums = psi_calloc(g->n_layers, sizeof *jobs[t].sums);
        if (!jobs[t].hits || !jobs[t].in || !jobs[t].order || !jobs[t].sums) {
            free_jobs(jobs, T);
            return psi_enomem(err);
        }
    }
    psi_progress("power (Monte Carlo)", 0, mine);
    psi_run_jobs(run_blocks, jobs, sizeof *jobs, T);
    psi_progress_end("power (Monte Carlo)");
    for (size_t t = 0; t < T; t++)
        for (size_t i = 0; i < n; i++)
            hits[i] += jobs[t].hits[i];
    free_jobs(jobs, T);
    return psi_shared_sum(opt->share, hits, n, err);
}

static int alloc_index(ps_power *out, ps_index k)
{
    out->values[k] = psi_calloc(out->n_players, sizeof *out->values[k]);
    out->half_width[k] = psi_calloc(out->n_players, sizeof *out->half_width[k]);
    return out->values[k] && out->half_width[k] ? PS_OK : PS_ENOMEM;
}

int psi_approx(ps_power *out, const ps_game *g, const ps_power_options *opt, ps_error *err)
{
    size_t n = g->n_players;
    uint64_t N = opt->samples;
    unsigned want = opt->indices & (PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE) |
                                     PS_INDEX_BIT(PS_SHAPLEY_SHUBIK));
    if (!want)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "Monte Carlo estimates banzhaf, penrose and shapley_shubik only");
    double delta = (1.0 - opt->confidence) / (double)n;
    double h = sqrt(log(2.0 / delta) / (2.0 * (double)N));
    uint64_t *hits = psi_calloc(n, sizeof *hits);
    int rc = PS_OK;
    if (!hits) {
        rc = psi_enomem(err);
        goto done;
    }
    if (want & (PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE))) {
        if ((rc = sample(hits, g, opt, opt->seed, false, err)) < 0)
            goto done;
        double sum = 0, sum_lo = 0, sum_hi = 0;
        for (size_t i = 0; i < n; i++) {
            double b = (double)hits[i] / (double)N;
            sum += b;
            sum_lo += fmax(0.0, b - h);
            sum_hi += fmin(1.0, b + h);
        }
        if (want & PS_INDEX_BIT(PS_PENROSE)) {
            if (alloc_index(out, PS_PENROSE) < 0) {
                rc = psi_enomem(err);
                goto done;
            }
            for (size_t i = 0; i < n; i++) {
                out->values[PS_PENROSE][i].value = (double)hits[i] / (double)N;
                out->half_width[PS_PENROSE][i] = h;
            }
        }
        if (want & PS_INDEX_BIT(PS_BANZHAF)) {
            if (alloc_index(out, PS_BANZHAF) < 0) {
                rc = psi_enomem(err);
                goto done;
            }
            for (size_t i = 0; i < n; i++) {
                double b = (double)hits[i] / (double)N;
                double lo_i = fmax(0.0, b - h), hi_i = fmin(1.0, b + h);
                double est = sum > 0 ? b / sum : 0.0;
                double lo_den = lo_i + (sum_hi - hi_i);
                double hi_den = hi_i + (sum_lo - lo_i);
                double lower = lo_den > 0 ? lo_i / lo_den : 0.0;
                double upper = hi_den > 0 ? hi_i / hi_den : 1.0;
                out->values[PS_BANZHAF][i].value = est;
                out->half_width[PS_BANZHAF][i] = fmax(est - lower, upper - est);
            }
        }
        memset(hits, 0, n * sizeof *hits);
    }
    if (want & PS_INDEX_BIT(PS_SHAPLEY_SHUBIK)) {
        if ((rc = sample(hits, g, opt, opt->seed ^ 0x5555555555555555ull, true, err)) < 0)
            goto done;
        if (alloc_index(out, PS_SHAPLEY_SHUBIK) < 0) {
            rc = psi_enomem(err);
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            out->values[PS_SHAPLEY_SHUBIK][i].value = (double)hits[i] / (double)N;
            out->half_width[PS_SHAPLEY_SHUBIK][i] = h;
        }
    }
    out->indices = want;
    out->exact = false;
    out->samples = N;
    out->confidence = opt->confidence;
    out->method = "Monte Carlo (Hoeffding bounds, simultaneous for all players)";
done:
    psi_free(hits);
    return rc;
}
