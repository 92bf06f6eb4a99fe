/*
 * apportion.c - the apportion stage's entry point: method names, argument
 * checks, legal thresholds and their exemptions, dispatch to the divisor or
 * quota engine, and the one place where ties are refused, broken or recorded.
 *
 * Thresholds follow the laws they model: a share of all valid votes
 * (Germany, Bundeswahlgesetz s. 6(3): 5% of the second votes, waived for
 * parties with three constituency wins and for national-minority parties)
 * or one full quota (Netherlands, Kieswet art. P 7: lists below the
 * kiesdeler get no seat). Both are decided as integer cross-products.
 *
 * Ties: the law, not the algorithm, settles exact ties (often by lot), so
 * the default refuses to guess. A tie exists only when it decides a seat;
 * level quotients higher up change the order of award, not the result.
 * Random draws use splitmix64 (Steele, Lea, Flood 2014) seeded from the
 * caller's seed, so a seed always gives the same seats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apportion_impl.h"
#include "util.h"

static const char *const method_names[PS_METHOD_COUNT] = {
    [PS_DHONDT] = "dhondt",
    [PS_SAINTE_LAGUE] = "sainte-lague",
    [PS_MODIFIED_SAINTE_LAGUE] = "modified-sainte-lague",
    [PS_IMPERIALI] = "imperiali",
    [PS_DANISH] = "danish",
    [PS_HUNTINGTON_HILL] = "huntington-hill",
    [PS_ADAMS] = "adams",
    [PS_DEAN] = "dean",
    [PS_HARE] = "hare",
    [PS_DROOP] = "droop",
    [PS_HAGENBACH_BISCHOFF] = "hagenbach-bischoff",
    [PS_IMPERIALI_QUOTA] = "imperiali-quota",
};

static const struct {
    const char *name;
    ps_method method;
} method_aliases[] = {
    {"jefferson", PS_DHONDT},
    {"webster", PS_SAINTE_LAGUE},
    {"hamilton", PS_HARE},
    {"largest-remainder", PS_HARE},
};

const char *ps_method_name(ps_method method)
{
    if ((unsigned)method >= (unsigned)PS_METHOD_COUNT)
        return NULL;
    return method_names[method];
}

int ps_method_parse(ps_method *out, const char *name, ps_error *err)
{
    if (name) {
        for (int m = 0; m < PS_METHOD_COUNT; m++) {
            if (strcasecmp(name, method_names[m]) == 0) {
                if (out)
                    *out = (ps_method)m;
                return 0;
            }
        }
        for (size_t i = 0; i < sizeof method_aliases / sizeof method_aliases[0]; i++) {
            if (strcasecmp(name, method_aliases[i].name) == 0) {
                if (out)
                    *out = method_aliases[i].method;
                return 0;
            }
        }
    }
    return psi_error(err, PS_EINVAL, NULL, 0, 0,
                     "unknown apportionment method '%s'; expected one of dhondt, "
                     "sainte-lague, modified-sainte-lague, imperiali, danish, "
                     "huntington-hill, adams, dean, hare, droop, hagenbach-bischoff, "
                     "imperiali-quota (or jefferson, webster, hamilton, "
                     "largest-remainder)",
                     name ? name : "(null)");
}

bool ps_method_is_divisor(ps_method method)
{
    return (unsigned)method <= (unsigned)PS_DEAN;
}

void ps_apportion_options_init(ps_apportion_options *opt)
{
    if (!opt)
        return;
    memset(opt, 0, sizeof *opt);
    opt->method = PS_DHONDT;
    opt->threshold = PS_THRESHOLD_NONE;
    opt->ties = PS_TIES_ERROR;
}

/* ---- ties ---------------------------------------------------------------- */

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

/* ---- ps_apportion ---------------------------------------------------------- */

void ps_apportionment_free(ps_apportionment *a)
{
    if (!a)
        return;
    psi_free(a->seats);
    psi_free(a->eligible);
    psi_tie_free(a->tie);
    psi_free(a);
}

static const char *party_name(const ps_apportion_options *opt, size_t i, char *buf, size_t size)
{
    if (opt->names && opt->names[i])
        return opt->names[i];
    snprintf(buf, size, "party #%zu", i + 1);
    return buf;
}

static int check_options(const ps_apportion_options *opt, ps_ratio *first, ps_error *err)
{
    if ((unsigned)opt->method >= (unsigned)PS_METHOD_COUNT)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown apportionment method %d",
                         (int)opt->method);
    if (opt->seats < 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the number of seats must not be negative (got %lld)",
                         (long long)opt->seats);
    if ((unsigned)opt->ties > (unsigned)PS_TIES_RANDOM)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown tie policy %d", (int)opt->ties);
    *first = opt->first_divisor;
    if (opt->method == PS_MODIFIED_SAINTE_LAGUE) {
        if (first->num == 0 && first->den == 0)
            *first = (ps_ratio){7, 5};
        /* The first divisor must stay below the second (3), or a party's
         * quotients would no longer fall seat by seat. */
        uint64_t three_den[2] = {3, (uint64_t)first->den};
        uint64_t num[1] = {(uint64_t)first->num};
        if (first->num <= 0 || first->den <= 0 || psi_cmp_products(num, 1, three_den, 2) >= 0)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "the first divisor must be greater than 0 and less than 3 "
                             "(got %lld/%lld)",
                             (long long)first->num, (long long)first->den);
    }
    switch (opt->threshold) {
    case PS_THRESHOLD_NONE:
    case PS_THRESHOLD_QUOTA:
        break;
    case PS_THRESHOLD_SHARE:
        if (opt->threshold_share.den <= 0 || opt->threshold_share.num < 0 ||
            opt->threshold_share.num > opt->threshold_share.den)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "the threshold share must be between 0 and 1 (got %lld/%lld)",
                             (long long)opt->threshold_share.num,
                             (long long)opt->threshold_share.den);
        break;
    default:
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown threshold kind %d",
                         (int)opt->threshold);
    }
    return 0;
}

static bool passes(const ps_apportion_options *opt, int64_t votes, int64_t total)
{
    uint64_t v = (uint64_t)votes, t = (uint64_t)total;
    switch (opt->threshold) {
    case PS_THRESHOLD_SHARE: {
        uint64_t a[2] = {v, (uint64_t)opt->threshold_share.den};
        uint64_t b[2] = {t, (uint64_t)opt->threshold_share.num};
        return psi_cmp_products(a, 2, b, 2) >= 0;
    }
    case PS_THRESHOLD_QUOTA: {
        /* votes >= total / seats, i.e. one full Hare quota. */
        uint64_t a[2] = {v, (uint64_t)opt->seats};
        return psi_cmp_products(a, 2, &t, 1) >= 0;
    }
    default:
        return true;
    }
}

static bool exempt(const ps_apportion_options *opt, size_t i)
{
    if (opt->exempt && opt->exempt[i])
        return true;
    return opt->exempt_if_wins > 0 && opt->direct_wins && opt->direct_wins[i] >= opt->exempt_if_wins;
}

static int no_eligible(const ps_apportion_options *opt, int64_t total, ps_error *err)
{
    if (total == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "no party has any votes, so the %lld seats cannot be given",
                         (long long)opt->seats);
    if (opt->threshold == PS_THRESHOLD_SHARE)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "no party reaches the threshold of %lld/%lld of the %lld valid votes "
                         "and none is exempt, so the %lld seats cannot be given",
                         (long long)opt->threshold_share.num, (long long)opt->threshold_share.den,
                         (long long)total, (long long)opt->seats);
    return psi_error(err, PS_EDATA, NULL, 0, 0,
                     "no party reaches the threshold of one full quota (%lld valid votes / %lld "
                     "seats) and none is exempt, so the seats cannot be given",
                     (long long)total, (long long)opt->seats);
}

static ps_apportionment *result_new(size_t n)
{
    ps_apportionment *a = psi_calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->n = n;
    a->seats = psi_calloc(n, sizeof *a->seats);
    a->eligible = psi_calloc(n, sizeof *a->eligible);
    if (!a->seats || !a->eligible) {
        ps_apportionment_free(a);
        return NULL;
    }
    return a;
}

/* Runs the engine on the compact list of parties that can win seats. */
static int distribute(ps_apportionment *a, const int64_t *votes, const ps_apportion_options *opt,
                      ps_ratio first, ps_error *err)
{
    size_t m = 0;
    for (size_t i = 0; i < a->n; i++)
        m += a->eligible[i] && votes[i] > 0;
    if (m == 0)
        return no_eligible(opt, a->votes_total, err);

    uint64_t *cv = psi_malloc_array(m, sizeof *cv);
    size_t *map = psi_malloc_array(m, sizeof *map);
    int64_t *cs = psi_calloc(m, sizeof *cs);
    int rc = 0;
    if (!cv || !map || !cs) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t i = 0, j = 0; i < a->n; i++) {
        if (a->eligible[i] && votes[i] > 0) {
            cv[j] = (uint64_t)votes[i];
            map[j++] = i;
        }
    }
    psi_tie_ctx tc;
    psi_tie_ctx_init(&tc, opt);
    tc.map = map;
    if (ps_method_is_divisor(opt->method))
        rc = psi_apportion_divisor(cs, cv, m, opt->seats, opt->method, first, &tc, err);
    else
        rc = psi_apportion_quota(cs, cv, m, opt->seats, opt->method, &tc, err);
    if (rc == 0) {
        for (size_t j = 0; j < m; j++)
            a->seats[map[j]] = cs[j];
        a->tie = tc.tie;
    } else {
        psi_tie_free(tc.tie);
    }
done:
    psi_free(cv);
    psi_free(map);
    psi_free(cs);
    return rc;
}

int ps_apportion(ps_apportionment **out, const int64_t *votes, size_t n,
                 const ps_apportion_options *opt, ps_error *err)
{
    ps_apportion_options defaults;
    ps_ratio first;
    char name[48];
    int rc;

    if (!out)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no place for the result (out is NULL)");
    *out = NULL;
    if (!opt) {
        ps_apportion_options_init(&defaults);
        opt = &defaults;
    }
    if (n == 0 || !votes)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no parties to apportion seats to");
    if ((rc = check_options(opt, &first, err)) < 0)
        return rc;

    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (votes[i] < 0)
            return psi_error(err, PS_EINVAL, NULL, 0, 0, "%s has a negative vote count (%lld)",
                             party_name(opt, i, name, sizeof name), (long long)votes[i]);
        if (votes[i] > INT64_MAX - total)
            return psi_error(err, PS_ERANGE, NULL, 0, 0,
                             "the total of the votes exceeds 2^63 - 1 (at %s)",
                             party_name(opt, i, name, sizeof name));
        total += votes[i];
    }

    ps_apportionment *a = result_new(n);
    if (!a)
        return psi_enomem(err);
    a->votes_total = total;
    for (size_t i = 0; i < n; i++) {
        a->eligible[i] = exempt(opt, i) || passes(opt, votes[i], total);
        if (a->eligible[i])
            a->votes_eligible += votes[i];
    }
    if (opt->seats > 0 && (rc = distribute(a, votes, opt, first, err)) < 0) {
        ps_apportionment_free(a);
        return rc;
    }
    *out = a;
    return 0;
}
