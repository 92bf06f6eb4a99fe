/*
 * apportion.c - the apportion stage's entry point: method names, argument
 * checks, legal thresholds and their exemptions, and dispatch to the divisor
 * or quota engine (ties are settled by apportion_tie.c, below both).
 *
 * Thresholds follow the laws they model: a share of all valid votes
 * (Germany, Bundeswahlgesetz s. 6(3): 5% of the second votes, waived for
 * parties with three constituency wins and for national-minority parties)
 * or one full quota (Netherlands, Kieswet art. P 7: lists below the
 * kiesdeler get no seat). Both are decided as integer cross-products.
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
    {"d'hondt", PS_DHONDT},
    {"bader-ofer", PS_DHONDT},
    {"webster", PS_SAINTE_LAGUE},
    {"schepers", PS_SAINTE_LAGUE},
    {"sainte-lague-schepers", PS_SAINTE_LAGUE},
    {"hamilton", PS_HARE},
    {"hare-niemeyer", PS_HARE},
    {"vinton", PS_HARE},
    {"largest-remainder", PS_HARE},
    {"equal-proportions", PS_HUNTINGTON_HILL},
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
                     "imperiali-quota (or the names d'hondt, jefferson, bader-ofer, "
                     "webster, schepers, sainte-lague-schepers, hamilton, hare-niemeyer, "
                     "vinton, largest-remainder, equal-proportions)",
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
