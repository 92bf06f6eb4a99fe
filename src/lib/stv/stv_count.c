/*
 * stv_count.c - the count of a single transferable vote election
 * (powershare/stv.h), under the Scottish rules; the options, the result
 * and the end of every count (the Irish rules are stv_irish.c).
 *
 * The law: the Scottish Local Government Elections Order 2011 (SSI
 * 2011/399), Schedule 1, counting rules 46-53, as amended by SSI 2021/437
 * art. 2(4) (the 2007 Order, SSI 2007/42, has the same text as rules
 * 45-52). It is the weighted inclusive Gregory method: a surplus moves all
 * the elected candidate's papers, each at (its value * surplus / the
 * candidate's votes) cut to 5 decimal places (rule 49(3): "the remainder
 * ignored"), so papers with no further preference take their share with
 * them as non-transferable, and the candidate keeps the quota exactly.
 *
 * Every figure is an integer number of 1/100000 votes, so each stage is
 * exact and adds up to the valid votes; the one division of the method is
 * the transfer value, computed in 128 bits and truncated as the law says.
 * The count reproduces the official sheets of all 23 Glasgow wards of 2022
 * figure by figure (tests/cases/stv/).
 *
 * Papers are kept in parcels, one per ballot line and holder: a line of the
 * BLT file stands for `count` identical papers, which always move
 * together at the same value.
 */
#include <stdio.h>
#include <string.h>

#include "cancel_hook.h"
#include "stv_impl.h"
#include "util.h"

const char *ps_stv_rule_name(ps_stv_rule rule)
{
    switch (rule) {
    case PS_STV_SCOTTISH: return "scottish";
    case PS_STV_IRISH: return "irish";
    case PS_STV_MEEK: return "meek";
    default: return NULL;
    }
}

static int name_is(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a;
        if (x != *b)
            return 0;
    }
    return *a == *b;
}

int ps_stv_rule_parse(ps_stv_rule *out, const char *name, ps_error *err)
{
    if (name && (name_is(name, "scottish") || name_is(name, "scotland"))) {
        *out = PS_STV_SCOTTISH;
        return 0;
    }
    if (name && (name_is(name, "irish") || name_is(name, "ireland") || name_is(name, "dail"))) {
        *out = PS_STV_IRISH;
        return 0;
    }
    if (name && (name_is(name, "meek") || name_is(name, "meek-prf"))) {
        *out = PS_STV_MEEK;
        return 0;
    }
    return psi_error(err, PS_EINVAL, NULL, 0, 0,
                     "unknown STV rule '%.40s'; expected scottish, irish or meek",
                     name ? name : "");
}

void ps_stv_options_init(ps_stv_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->rule = PS_STV_SCOTTISH;
    opt->ties = PS_TIES_ERROR;
}

/* ---- papers ---------------------------------------------------------------- */

size_t psi_stv_next_preference(const stv_count *cs, size_t line, size_t pos)
{
    const ps_ballots *b = cs->b;
    size_t j = pos == SIZE_MAX ? b->start[line] : pos + 1;
    for (; j < b->start[line + 1]; j++)
        if (cs->state[b->pref[j]] == STV_CONTINUING)
            return j;
    return SIZE_MAX;
}

static int give(stv_count *cs, size_t line, size_t pos, int64_t value)
{
    stv_pile *p = &cs->pile[cs->b->pref[pos]];
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 8;
        stv_parcel *np = psi_realloc_array(p->p, cap, sizeof *np);
        if (!np)
            return psi_enomem(cs->err);
        p->p = np;
        p->cap = cap;
    }
    p->p[p->n++] = (stv_parcel){.line = line, .pos = pos, .value = value};
    cs->votes[cs->b->pref[pos]] += cs->b->count[line] * value;
    return 0;
}

/* Moves candidate c's papers on, each at value_of(its value); returns the
 * value that found no continuing preference in *lost. */
static int move_papers(stv_count *cs, size_t c, int64_t surplus, int64_t total, int64_t *lost)
{
    stv_pile *p = &cs->pile[c];
    *lost = 0;
    for (size_t i = 0; i < p->n; i++) {
        stv_parcel q = p->p[i];
        int64_t value = q.value;
        if (total) /* rule 49(3): cut to 5 decimal places */
            value = (int64_t)((psi_i128)value * surplus / total);
        size_t j = psi_stv_next_preference(cs, q.line, q.pos);
        if (j == SIZE_MAX) {
            *lost += cs->b->count[q.line] * value;
            continue;
        }
        int rc = give(cs, q.line, j, value);
        if (rc < 0)
            return rc;
    }
    psi_free(p->p);
    memset(p, 0, sizeof *p);
    return 0;
}

/* ---- the stages ------------------------------------------------------------ */

/* A ballot line's papers at full value to its first preference. */
static int give_first(stv_count *cs, size_t line, size_t candidate)
{
    return give(cs, line, candidate, PS_STV_SCALE);
}

/* Rules 49 and 50: the largest surplus waiting, if any (*done false if
 * none). */
static int transfer_surplus(stv_count *cs, bool *done)
{
    size_t n = cs->b->n_candidates, c = 0;
    int rc0 = psi_stv_largest_surplus(cs, &c, done);
    if (rc0 < 0 || !*done)
        return rc0;
    int64_t total = cs->votes[c], surplus = total - cs->quota, lost;
    int64_t before = 0, after = 0;
    for (size_t i = 0; i < n; i++)
        before += cs->votes[i];
    int rc = move_papers(cs, c, surplus, total, &lost);
    if (rc < 0)
        return rc;
    cs->votes[c] = cs->quota;
    cs->surplus_due[c] = false;
    for (size_t i = 0; i < n; i++)
        after += cs->votes[i];
    cs->exhausted += lost;
    /* what the cut values did not carry: surplus = moved + lost + rounding */
    int64_t rounding = before - after - lost;
    return psi_stv_add_stage(cs, PS_STV_SURPLUS, c, surplus, rounding);
}

/* Rules 51 and 52: the continuing candidate with the fewest votes. */
static int exclude_lowest(stv_count *cs)
{
    size_t n = cs->b->n_candidates, k = 0, c;
    int64_t low = INT64_MAX;
    for (size_t i = 0; i < n; i++) {
        if (cs->state[i] != STV_CONTINUING)
            continue;
        if (cs->votes[i] < low) {
            low = cs->votes[i];
            k = 0;
        }
        if (cs->votes[i] == low)
            cs->tied[k++] = i;
    }
    c = cs->tied[0];
    if (k > 1) {
        int rc = psi_stv_settle(cs, cs->tied, k, false, PS_STV_EXCLUSION, &c);
        if (rc < 0)
            return rc;
    }
    int64_t amount = cs->votes[c], lost;
    cs->state[c] = STV_EXCLUDED;
    cs->res->candidate[c].status = PS_STV_EXCLUDED;
    cs->res->candidate[c].stage = (int64_t)cs->res->n_stages + 1;
    int rc = move_papers(cs, c, 0, 0, &lost);
    if (rc < 0)
        return rc;
    cs->votes[c] = 0;
    cs->exhausted += lost;
    return psi_stv_add_exclusion(cs, c, amount);
}

static int run(stv_count *cs)
{
    ps_stv_result *res = cs->res;
    size_t n = cs->b->n_candidates;
    int rc = cs->opt.rule == PS_STV_IRISH  ? psi_stv_run_irish(cs)
             : cs->opt.rule == PS_STV_MEEK ? psi_stv_run_meek(cs)
                                           : psi_stv_first_stage(cs, give_first);
    while (rc == 0 && cs->opt.rule == PS_STV_SCOTTISH && res->n_elected < (size_t)res->seats) {
        if (psi_cancelled())
            return psi_cancel_error(cs->err);
        size_t continuing = 0;
        for (size_t i = 0; i < n; i++)
            continuing += cs->state[i] == STV_CONTINUING;
        /* rule 53: as many continuing candidates as vacancies, or fewer */
        if (continuing <= (size_t)res->seats - res->n_elected) {
            rc = psi_stv_elect(cs, true);
            break;
        }
        bool surplus;
        rc = transfer_surplus(cs, &surplus);
        if (rc == 0 && !surplus)
            rc = exclude_lowest(cs);
        if (rc == 0)
            rc = psi_stv_elect(cs, false);
    }
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        res->candidate[i].votes = cs->votes[i];
        if (cs->state[i] == STV_CONTINUING)
            res->candidate[i].status = PS_STV_NOT_ELECTED;
        else if (cs->state[i] == STV_WITHDRAWN)
            res->candidate[i].status = PS_STV_WITHDRAWN;
    }
    return 0;
}

/* ---- the call --------------------------------------------------------------- */

void ps_stv_result_free(ps_stv_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->stage && i < r->n_stages; i++) {
        psi_free(r->stage[i].votes);
        psi_free(r->stage[i].elected);
        psi_free(r->stage[i].excluded);
        psi_free(r->stage[i].keep);
    }
    for (size_t i = 0; r->tie && i < r->n_ties; i++)
        psi_free(r->tie[i].tied);
    psi_free(r->stage);
    psi_free(r->tie);
    psi_free(r->elected);
    psi_free(r->candidate);
    psi_free(r);
}

static void count_free(stv_count *cs)
{
    for (size_t i = 0; cs->pile && i < cs->b->n_candidates; i++)
        psi_free(cs->pile[i].p);
    psi_free(cs->pile);
    psi_free(cs->votes);
    psi_free(cs->keep);
    psi_free(cs->state);
    psi_free(cs->surplus_due);
    psi_free(cs->scratch);
    psi_free(cs->tied);
}

static int check_options(const ps_ballots *b, const ps_stv_options *opt, ps_error *err)
{
    if (!ps_stv_rule_name(opt->rule))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown STV rule %d", (int)opt->rule);
    if (opt->ties != PS_TIES_ERROR && opt->ties != PS_TIES_FIRST && opt->ties != PS_TIES_RANDOM)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown tie policy %d", (int)opt->ties);
    if (opt->seats < 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "%lld seats; expected at least 1",
                         (long long)opt->seats);
    if ((uint64_t)opt->seats > b->n_candidates)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "%lld seats for %zu candidates; expected at most one seat a candidate",
                         (long long)opt->seats, b->n_candidates);
    return 0;
}

int ps_stv_count(ps_stv_result **out, const ps_ballots *ballots, const ps_stv_options *opt,
                 ps_error *err)
{
    *out = NULL;
    ps_error_clear(err);
    ps_stv_options defaults;
    if (!opt) {
        ps_stv_options_init(&defaults);
        opt = &defaults;
    }
    if (!ballots || ballots->n_candidates == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no ballots to count");
    int rc = check_options(ballots, opt, err);
    if (rc < 0)
        return rc;
    size_t n = ballots->n_candidates;
    stv_count cs = {.b = ballots, .opt = *opt, .rng = opt->seed, .err = err};
    ps_stv_result *res = psi_calloc(1, sizeof *res);
    cs.res = res;
    if (!res || !(res->candidate = psi_calloc(n, sizeof *res->candidate)) ||
        !(res->elected = psi_calloc(n, sizeof *res->elected)) ||
        !(cs.votes = psi_calloc(n, sizeof *cs.votes)) ||
        !(cs.state = psi_calloc(n, sizeof *cs.state)) ||
        !(cs.surplus_due = psi_calloc(n, sizeof *cs.surplus_due)) ||
        !(cs.pile = psi_calloc(n, sizeof *cs.pile)) ||
        !(cs.scratch = psi_calloc(n, sizeof *cs.scratch)) ||
        !(cs.tied = psi_calloc(n, sizeof *cs.tied))) {
        rc = psi_enomem(err);
        goto done;
    }
    res->rule = opt->rule;
    res->scale = cs.scale = opt->rule == PS_STV_MEEK ? PS_STV_MEEK_SCALE : PS_STV_SCALE;
    res->n_candidates = n;
    res->seats = opt->seats ? opt->seats : ballots->seats;
    for (size_t i = 0; i < n; i++) {
        cs.state[i] = ballots->withdrawn && ballots->withdrawn[i] ? STV_WITHDRAWN
                                                                   : STV_CONTINUING;
        res->candidate[i].status = PS_STV_NOT_ELECTED;
    }
    rc = run(&cs);
done:
    count_free(&cs);
    if (rc < 0) {
        ps_stv_result_free(res);
        return rc;
    }
    *out = res;
    return 0;
}

int ps_stv_format(int64_t value, char *buf, size_t size)
{
    return ps_stv_format_scaled(value, PS_STV_SCALE, buf, size);
}

int ps_stv_format_scaled(int64_t value, int64_t scale, char *buf, size_t size)
{
    int places = 0;
    for (int64_t s = scale; s > 1 && s % 10 == 0; s /= 10)
        places++;
    int64_t check = 1;
    for (int i = 0; i < places; i++)
        check *= 10;
    if (scale < 1 || check != scale)
        return -1;
    uint64_t v = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    if (places == 0)
        return snprintf(buf, size, "%s%llu", value < 0 ? "-" : "", (unsigned long long)v);
    return snprintf(buf, size, "%s%llu.%0*llu", value < 0 ? "-" : "",
                    (unsigned long long)(v / (uint64_t)scale), places,
                    (unsigned long long)(v % (uint64_t)scale));
}
