/*
 * apportion_tie.c - the one place where the apportion stage's ties are
 * refused, broken or recorded; the engines (apportion_divisor.c,
 * apportion_quota.c, apportion_biprop.c) call it when a tie decides a seat.
 *
 * The law, not the algorithm, settles exact ties (often by lot), so the
 * default refuses to guess. A tie exists only when it decides a seat; level
 * quotients higher up change the order of award, not the result. Random
 * draws use splitmix64 (Steele, Lea, Flood 2014) seeded from the caller's
 * seed, so a seed always gives the same seats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apportion_tie.h"
#include "util.h"

uint64_t psi_rng_below(uint64_t *state, uint64_t bound)
{
    /* Rejection keeps the draw exactly uniform: a modulo alone would favour
     * small values whenever bound does not divide 2^64. */
    uint64_t limit = (UINT64_MAX - bound + 1) % bound; /* 2^64 mod bound */
    for (;;) {
        uint64_t r = psi_splitmix64(state);
        if (r >= limit)
            return r % bound;
    }
}

void psi_tie_ctx_init(psi_tie_ctx *tc, const ps_apportion_options *opt)
{
    memset(tc, 0, sizeof *tc);
    tc->policy = opt->ties;
    tc->rng = opt->seed;
    tc->names = opt->names;
    tc->label = "party";
    tc->scope = "";
    tc->record = 1;
}

void psi_tie_free(ps_tie *tie)
{
    if (!tie)
        return;
    psi_free(tie->tied);
    psi_free(tie->winners);
    psi_free(tie);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static size_t original(const psi_tie_ctx *tc, size_t i)
{
    return tc->map ? tc->map[i] : i;
}

/* Appends "name" for entity i to buf at *len, never past size. */
static void append_name(char *buf, size_t size, size_t *len, const psi_tie_ctx *tc, size_t i)
{
    size_t o = original(tc, i);
    int w;
    if (*len >= size)
        return;
    if (tc->names && tc->names[o])
        w = snprintf(buf + *len, size - *len, "%s", tc->names[o]);
    else
        w = snprintf(buf + *len, size - *len, "%s #%zu", tc->label, o + 1);
    if (w > 0)
        *len += (size_t)w;
    if (*len >= size)
        *len = size - 1;
}

static void append_text(char *buf, size_t size, size_t *len, const char *s)
{
    if (*len >= size)
        return;
    int w = snprintf(buf + *len, size - *len, "%s", s);
    if (w > 0)
        *len += (size_t)w;
    if (*len >= size)
        *len = size - 1;
}

static int refuse(const psi_tie_ctx *tc, const size_t *tied, size_t n_tied, size_t k,
                  int64_t total, const char *why, ps_error *err)
{
    enum { SHOWN = 12 };
    char list[PS_ERROR_MESSAGE_MAX / 2];
    size_t len = 0;
    size_t shown = n_tied > SHOWN ? SHOWN - 1 : n_tied;
    list[0] = '\0';
    for (size_t i = 0; i < shown; i++) {
        if (i > 0)
            append_text(list, sizeof list, &len, (i + 1 == n_tied) ? " and " : ", ");
        append_name(list, sizeof list, &len, tc, tied[i]);
    }
    if (shown < n_tied) {
        char more[48];
        snprintf(more, sizeof more, " and %zu more", n_tied - shown);
        append_text(list, sizeof list, &len, more);
    }
    int64_t first = total - (int64_t)k + 1;
    if (k == 1)
        return psi_error(err, PS_ETIE, NULL, 0, 0,
                         "tie for seat %lld of %lld%s between %s (%s); use --ties first "
                         "or --ties random --seed S to break it",
                         (long long)total, (long long)total, tc->scope, list, why);
    return psi_error(err, PS_ETIE, NULL, 0, 0,
                     "tie for seats %lld-%lld of %lld%s between %s (%s); use --ties first "
                     "or --ties random --seed S to break it",
                     (long long)first, (long long)total, (long long)total, tc->scope, list, why);
}

static int record(psi_tie_ctx *tc, const size_t *tied, size_t n_tied, size_t k, int64_t total)
{
    ps_tie *t = psi_calloc(1, sizeof *t);
    if (!t)
        return PS_ENOMEM;
    t->tied = psi_malloc_array(n_tied, sizeof *t->tied);
    t->winners = psi_malloc_array(k, sizeof *t->winners);
    if (!t->tied || !t->winners) {
        psi_tie_free(t);
        return PS_ENOMEM;
    }
    for (size_t i = 0; i < k; i++)
        t->winners[i] = original(tc, tied[i]);
    for (size_t i = 0; i < n_tied; i++)
        t->tied[i] = original(tc, tied[i]);
    qsort(t->tied, n_tied, sizeof *t->tied, cmp_size);
    t->n_tied = n_tied;
    t->n_winners = k;
    t->first_seat = total - (int64_t)k + 1;
    t->last_seat = total;
    psi_tie_free(tc->tie);
    tc->tie = t;
    return 0;
}

int psi_tie_decide(psi_tie_ctx *tc, size_t *tied, size_t n_tied, size_t k, int64_t total,
                   const char *why, ps_error *err)
{
    if (tc->policy == PS_TIES_ERROR)
        return refuse(tc, tied, n_tied, k, total, why, err);
    if (tc->policy == PS_TIES_RANDOM) {
        /* A partial Fisher-Yates shuffle draws k of n_tied uniformly. */
        for (size_t i = 0; i < k; i++) {
            size_t j = i + (size_t)psi_rng_below(&tc->rng, (uint64_t)(n_tied - i));
            size_t t = tied[i];
            tied[i] = tied[j];
            tied[j] = t;
        }
        qsort(tied, k, sizeof *tied, cmp_size);
        qsort(tied + k, n_tied - k, sizeof *tied, cmp_size);
    }
    /* PS_TIES_FIRST: tied is ascending, so the first k are the winners. */
    if (tc->record && record(tc, tied, n_tied, k, total) < 0)
        return psi_enomem(err);
    return 0;
}

static const char *const tie_policy_names[] = {"error", "first", "random"};

const char *ps_tie_policy_name(ps_tie_policy ties)
{
    return (unsigned)ties < sizeof tie_policy_names / sizeof *tie_policy_names
               ? tie_policy_names[ties]
               : NULL;
}

int ps_tie_policy_parse(ps_tie_policy *out, const char *name, ps_error *err)
{
    for (size_t t = 0; name && t < sizeof tie_policy_names / sizeof *tie_policy_names; t++)
        if (strcasecmp(name, tie_policy_names[t]) == 0) {
            *out = (ps_tie_policy)t;
            return PS_OK;
        }
    return psi_error(err, PS_EINVAL, NULL, 0, 0,
                     "unknown tie policy '%s'; expected error, first or random",
                     name ? name : "(null)");
}
