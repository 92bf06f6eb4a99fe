/*
 * apportion_biprop.c - biproportional apportionment ("doppelter Pukelsheim").
 *
 * Balinski & Demange, "An axiomatic approach to proportionality between
 * matrices", Math. Oper. Res. 14 (1989) 700-719; Pukelsheim & Schuhmacher,
 * "Das neue Zuercher Zuteilungsverfahren fuer Parlamentswahlen", AJP 2004;
 * Pukelsheim, "Proportional Representation", 2nd ed. 2017, ch. 14-15. In
 * force in Zurich (GPR ss. 102-103), Aargau, Schaffhausen, Uri and others.
 *
 * Upper apportionment: each party's voter number sum_d votes[p][d] / seats_d
 * (a voter casts one list vote per seat of the district). Scaled by the lcm
 * of the district sizes these are integers, so ps_apportion does the work,
 * threshold, exemptions and ties included, exactly.
 *
 * Lower apportionment by alternate scaling: a district step rounds each
 * district's votes (already divided by the party divisors) to its seats with
 * the method's own rounding, fixing the district divisors; a party step does
 * the same along each party's row. Steps alternate until both margins hold.
 * Weights are GMP rationals, so every rounding and every divisor is exact.
 * A step picks its divisor midway between the last awarded and the first
 * unawarded quotient, where no entry lies on a rounding boundary; when the
 * two are equal the step is tied.
 *
 * Ties during the scaling are not the result's: a district can be level
 * between two parties in an early step and the final divisors part them
 * (proporz's "exact 0.5 seats" case). So a tied step gives the contested
 * seats to the entries that the other margin needs most (the party, or
 * district, furthest below its total), which also leads a genuine tie to a
 * solution instead of round after round of flipping; only when the step
 * that makes both margins hold is itself tied does the result depend on
 * the tie, and then the policy in opt->ties decides (an error, or this
 * solution, recorded as the tie).
 *
 * Only divisor methods with d(0) > 0 are accepted: with a zero first divisor
 * every cell with votes would need a seat, which the margins seldom allow.
 * Winner-take-one (apportion_biprop_winners.c) gives d(0) = 0 to the few
 * cells it guarantees a seat: their first quotient is infinite, so they
 * are seated first and never hold a line's lowest awarded quotient. The
 * lower apportionment may use another method than the upper one.
 */
#include <gmp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "apportion_biprop_flow.h"
#include "apportion_biprop_quorum.h"
#include "apportion_biprop_winners.h"
#include "apportion_impl.h"
#include "util.h"

#define MAX_ROUNDS 1000

typedef struct bp {
    size_t np, nd;
    const int64_t *votes;  /* party-major */
    const int64_t *dseats; /* district targets */
    const int64_t *pseats; /* party targets (upper apportionment) */
    const unsigned char *must; /* cells guaranteed a seat (winner-take-one),
                                  party-major, or NULL */
    int64_t *seats;        /* the result, party-major */
    ps_method method;
    const char *const *names;
    mpq_t first;           /* d(0) */
    mpq_t *pdiv, *ddiv;    /* party and district divisors */
    mpq_t *x, *nq;         /* one line's weights and next quotients */
    int64_t *a;            /* one line's seats */
    unsigned char *sure;   /* one line's entries: guaranteed a seat, d(0) = 0 */
    size_t len;            /* entries in x, nq, a */
    mpq_t t, lo, hi;
    mpz_t z;
    psi_tie_ctx tc;
    char scope[160];
    int64_t *need;         /* one line's entries: how far the other margin
                              is below its total without this line */
    bool step_tied;        /* this step settled a tie */
    char tie_scope[160];   /* where, for the message */
    size_t tie_a, tie_b;   /* two of the entries tied there */
    const char *tie_label;
    const char *const *tie_names;
} bp;

static void set_u64(mpz_t z, uint64_t v)
{
    mpz_import(z, 1, -1, sizeof v, 0, 0, &v);
}

static void q_set_u64(mpq_t q, uint64_t v)
{
    set_u64(mpq_numref(q), v);
    mpz_set_ui(mpq_denref(q), 1);
}

/* Slope k and offset c with d(s) = k s + c for s >= 1; d(0) is b->first. */
static void shape(ps_method m, unsigned long *k, unsigned long *c)
{
    switch (m) {
    case PS_SAINTE_LAGUE:
    case PS_MODIFIED_SAINTE_LAGUE:
        *k = 2, *c = 1;
        break;
    case PS_IMPERIALI:
        *k = 1, *c = 2;
        break;
    case PS_DANISH:
        *k = 3, *c = 1;
        break;
    default: /* PS_DHONDT */
        *k = 1, *c = 1;
        break;
    }
}

/* out = v / d(s) */
static void quotient(bp *b, mpq_t out, const mpq_t v, int64_t s)
{
    if (s == 0) {
        mpq_div(out, v, b->first);
        return;
    }
    unsigned long k, c;
    shape(b->method, &k, &c);
    set_u64(b->z, (uint64_t)s);
    mpz_mul_ui(b->z, b->z, k);
    mpz_add_ui(b->z, b->z, c);
    mpq_set_z(b->t, b->z);
    mpq_div(out, v, b->t);
}

/* Seats above L = X / (k (h - m)): none if y = x/L <= d(0), else 1 plus
 * #{s >= 1 : k s + c < y}. Their sum is at most h because d(s) >= k s. */
static void line_start(bp *b, size_t m_pos, int64_t h)
{
    unsigned long k, c;
    shape(b->method, &k, &c);
    for (size_t j = 0; j < b->len; j++)
        b->a[j] = 0;
    if ((uint64_t)h <= m_pos)
        return;
    mpq_set_ui(b->lo, 0, 1); /* lo = X, the line's total weight */
    for (size_t j = 0; j < b->len; j++)
        mpq_add(b->lo, b->lo, b->x[j]);
    set_u64(b->z, (uint64_t)h - m_pos);
    mpz_mul_ui(b->z, b->z, k);
    mpq_set_z(b->hi, b->z); /* hi = k (h - m) */
    for (size_t j = 0; j < b->len; j++) {
        if (mpq_sgn(b->x[j]) == 0)
            continue;
        mpq_mul(b->t, b->x[j], b->hi);
        mpq_div(b->t, b->t, b->lo); /* y */
        if (!b->sure[j] && mpq_cmp(b->t, b->first) <= 0)
            continue;
        mpq_set_ui(b->nq[j], c, 1);
        mpq_sub(b->t, b->t, b->nq[j]);
        mpz_mul_ui(mpq_denref(b->t), mpq_denref(b->t), k);
        mpq_canonicalize(b->t); /* t = (y - c) / k */
        mpz_cdiv_q(b->z, mpq_numref(b->t), mpq_denref(b->t));
        b->a[j] = 1 + (mpz_sgn(b->z) > 0 ? (int64_t)mpz_get_si(b->z) - 1 : 0);
    }
}

/* Rounds the line x[0..len) to h seats; leaves the seats in a[] and the
 * line's divisor in `div`. tc->names/label describe the line's entries. */
static int line(bp *b, int64_t h, mpq_t div, ps_error *err)
{
    size_t m_pos = 0;
    for (size_t j = 0; j < b->len; j++)
        m_pos += mpq_sgn(b->x[j]) > 0;
    if (m_pos == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "%lld seats are due%s but no party with seats has votes there",
                         (long long)h, b->scope);
    line_start(b, m_pos, h);
    int64_t given = 0;
    for (size_t j = 0; j < b->len; j++) {
        if (b->sure[j] && b->a[j] == 0 && mpq_sgn(b->x[j]) > 0)
            b->a[j] = 1; /* infinite first quotient */
        given += b->a[j];
        if (mpq_sgn(b->x[j]) > 0)
            quotient(b, b->nq[j], b->x[j], b->a[j]);
    }
    for (; given < h; given++) {
        size_t best = SIZE_MAX;
        for (size_t j = 0; j < b->len; j++) {
            if (mpq_sgn(b->x[j]) > 0 && (best == SIZE_MAX || mpq_cmp(b->nq[j], b->nq[best]) > 0))
                best = j;
        }
        b->a[best]++;
        quotient(b, b->nq[best], b->x[best], b->a[best]);
    }
    /* lo: lowest awarded quotient; hi: highest unawarded one. */
    int have_lo = 0;
    for (size_t j = 0; j < b->len; j++) {
        if (b->a[j] == 0 || (b->sure[j] && b->a[j] == 1))
            continue;
        quotient(b, b->t, b->x[j], b->a[j] - 1);
        if (!have_lo || mpq_cmp(b->t, b->lo) < 0)
            mpq_set(b->lo, b->t), have_lo = 1;
    }
    int have_hi = 0;
    for (size_t j = 0; j < b->len; j++) {
        if (mpq_sgn(b->x[j]) > 0 && (!have_hi || mpq_cmp(b->nq[j], b->hi) > 0))
            mpq_set(b->hi, b->nq[j]), have_hi = 1;
    }
    if (!have_lo) { /* only guaranteed seats: any divisor above hi */
        mpq_set_ui(div, 2, 1);
        mpq_mul(div, div, b->hi);
        return 0;
    }
    if (mpq_cmp(b->lo, b->hi) != 0) {
        mpq_add(div, b->lo, b->hi);
        mpq_div_2exp(div, div, 1);
        return 0;
    }

    /* A tie: the seats at lo go to the entries the other margin needs
     * most (list order among equals). */
    size_t *tied = psi_malloc_array(b->len, sizeof *tied);
    unsigned char *had = psi_calloc(b->len, 1);
    if (!tied || !had) {
        psi_free(tied);
        psi_free(had);
        return psi_enomem(err);
    }
    size_t nt = 0, k = 0;
    for (size_t j = 0; j < b->len; j++) {
        int got = 0;
        if (b->a[j] > 0 && !(b->sure[j] && b->a[j] == 1)) {
            quotient(b, b->t, b->x[j], b->a[j] - 1);
            got = mpq_cmp(b->t, b->lo) == 0;
        }
        if (got || (mpq_sgn(b->x[j]) > 0 && mpq_cmp(b->nq[j], b->lo) == 0)) {
            had[j] = (unsigned char)got;
            k += (size_t)got;
            tied[nt++] = j;
        }
    }
    for (size_t u = 1; u < nt; u++) /* by need, largest first; stable */
        for (size_t v = u; v > 0 && b->need[tied[v - 1]] < b->need[tied[v]]; v--) {
            size_t t = tied[v];
            tied[v] = tied[v - 1];
            tied[v - 1] = t;
        }
    for (size_t j = 0; j < nt; j++)
        b->a[tied[j]] -= had[tied[j]];
    for (size_t j = 0; j < k; j++)
        b->a[tied[j]] += 1;
    if (!b->step_tied) {
        b->step_tied = true;
        snprintf(b->tie_scope, sizeof b->tie_scope, "%s", b->scope);
        b->tie_a = tied[0];
        b->tie_b = tied[nt - 1];
        b->tie_label = b->tc.label;
        b->tie_names = b->tc.names;
    }
    mpq_set(div, b->lo); /* the only divisor consistent with a tie */
    psi_free(tied);
    psi_free(had);
    return 0;
}

static int active(const bp *b, size_t p, size_t d)
{
    return b->votes[p * b->nd + d] > 0 && b->pseats[p] > 0 && b->dseats[d] > 0;
}

static int district_step(bp *b, ps_error *err)
{
    b->len = b->np;
    b->tc.names = b->names;
    b->tc.label = "party";
    for (size_t d = 0; d < b->nd; d++) {
        if (b->dseats[d] == 0)
            continue;
        for (size_t p = 0; p < b->np; p++) {
            if (active(b, p, d)) {
                q_set_u64(b->t, (uint64_t)b->votes[p * b->nd + d]);
                mpq_div(b->x[p], b->t, b->pdiv[p]);
            } else {
                mpq_set_ui(b->x[p], 0, 1);
            }
            b->sure[p] = b->must && b->must[p * b->nd + d];
            int64_t elsewhere = 0; /* party p's seats in the other districts */
            for (size_t e = 0; e < b->nd; e++)
                elsewhere += e == d ? 0 : b->seats[p * b->nd + e];
            b->need[p] = b->pseats[p] - elsewhere;
        }
        snprintf(b->scope, sizeof b->scope, " in district #%zu (lower apportionment)", d + 1);
        int rc = line(b, b->dseats[d], b->ddiv[d], err);
        if (rc < 0)
            return rc;
        for (size_t p = 0; p < b->np; p++)
            b->seats[p * b->nd + d] = b->a[p];
    }
    return 0;
}

static int party_step(bp *b, ps_error *err)
{
    b->len = b->nd;
    for (size_t p = 0; p < b->np; p++) {
        if (b->pseats[p] == 0)
            continue;
        for (size_t d = 0; d < b->nd; d++) {
            if (active(b, p, d)) {
                q_set_u64(b->t, (uint64_t)b->votes[p * b->nd + d]);
                mpq_div(b->x[d], b->t, b->ddiv[d]);
            } else {
                mpq_set_ui(b->x[d], 0, 1);
            }
            b->sure[d] = b->must && b->must[p * b->nd + d];
            int64_t others = 0; /* district d's seats of the other parties */
            for (size_t q = 0; q < b->np; q++)
                others += q == p ? 0 : b->seats[q * b->nd + d];
            b->need[d] = b->dseats[d] - others;
        }
        b->tc.names = NULL;
        b->tc.label = "district";
        if (b->names && b->names[p])
            snprintf(b->scope, sizeof b->scope, " of %s (lower apportionment)", b->names[p]);
        else
            snprintf(b->scope, sizeof b->scope, " of party #%zu (lower apportionment)", p + 1);
        int rc = line(b, b->pseats[p], b->pdiv[p], err);
        if (rc < 0)
            return rc;
        for (size_t d = 0; d < b->nd; d++)
            b->seats[p * b->nd + d] = b->a[d];
    }
    return 0;
}

static int margins_hold(const bp *b, int parties)
{
    size_t outer = parties ? b->np : b->nd, inner = parties ? b->nd : b->np;
    for (size_t i = 0; i < outer; i++) {
        int64_t sum = 0;
        for (size_t j = 0; j < inner; j++)
            sum += parties ? b->seats[i * b->nd + j] : b->seats[j * b->nd + i];
        if (sum != (parties ? b->pseats[i] : b->dseats[i]))
            return 0;
    }
    return 1;
}

/* The result depends on a tie: refused (PS_TIES_ERROR), or kept as
 * settled, with the tie recorded in the message of a note-less result. */
static int final_tie(bp *b, ps_biproportion *r, ps_error *err)
{
    char a[96], c[96];
    const char *const *names = b->tie_names;
    if (names && names[b->tie_a] && names[b->tie_b]) {
        snprintf(a, sizeof a, "%s", names[b->tie_a]);
        snprintf(c, sizeof c, "%s", names[b->tie_b]);
    } else {
        snprintf(a, sizeof a, "%s #%zu", b->tie_label, b->tie_a + 1);
        snprintf(c, sizeof c, "%s #%zu", b->tie_label, b->tie_b + 1);
    }
    if (b->tc.policy == PS_TIES_ERROR)
        return psi_error(err, PS_ETIE, NULL, 0, 0,
                         "tie%s between %s and %s (equal quotients at the final divisors): "
                         "the lower apportionment depends on how it is broken; use --ties "
                         "first to take the solution that meets both margins",
                         b->tie_scope, a, c);
    r->lower_tied = true;
    return 0;
}

/* True when the seats after this district step were seen after an earlier
 * one (a hash of the matrix; history[0..k) holds the earlier ones). */
static bool seen_before(const bp *b, uint64_t *history, size_t k)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < b->np * b->nd; i++)
        h = (h ^ (uint64_t)b->seats[i]) * 1099511628211u;
    for (size_t i = 0; i + 1 < k; i++)
        if (history[i] == h)
            return true;
    if (k > 0)
        history[k - 1] = h;
    return false;
}

static mpq_t *q_array(size_t n)
{
    mpq_t *q = psi_malloc_array(n, sizeof *q);
    if (q)
        for (size_t i = 0; i < n; i++)
            mpq_init(q[i]);
    return q;
}

static void q_array_free(mpq_t *q, size_t n)
{
    if (!q)
        return;
    for (size_t i = 0; i < n; i++)
        mpq_clear(q[i]);
    psi_free(q);
}

static int lower(ps_biproportion *r, const int64_t *votes, const ps_apportion_options *opt,
                 ps_method method, const unsigned char *must, ps_error *err)
{
    size_t width = r->n_parties > r->n_districts ? r->n_parties : r->n_districts;
    bp b = {.np = r->n_parties, .nd = r->n_districts, .votes = votes,
            .dseats = r->district_seats, .pseats = r->party_seats, .seats = r->seats,
            .must = must, .method = method, .names = opt->names};
    b.pdiv = q_array(b.np);
    b.ddiv = q_array(b.nd);
    b.x = q_array(width);
    b.nq = q_array(width);
    b.a = psi_calloc(width, sizeof *b.a);
    b.need = psi_calloc(width, sizeof *b.need);
    b.sure = psi_calloc(width, sizeof *b.sure);
    uint64_t *history = psi_calloc(MAX_ROUNDS / 2 + 1, sizeof *history);
    mpq_inits(b.first, b.t, b.lo, b.hi, NULL);
    mpz_init(b.z);
    int rc = 0;
    if (!b.pdiv || !b.ddiv || !b.x || !b.nq || !b.a || !b.need || !b.sure || !history) {
        rc = psi_enomem(err);
        goto done;
    }
    mpq_set_ui(b.first, 1, 1);
    if (method == PS_IMPERIALI)
        mpq_set_ui(b.first, 2, 1);
    if (method == PS_MODIFIED_SAINTE_LAGUE) {
        ps_ratio f = opt->first_divisor;
        if (f.num == 0 && f.den == 0)
            f = (ps_ratio){7, 5};
        set_u64(mpq_numref(b.first), (uint64_t)f.num);
        set_u64(mpq_denref(b.first), (uint64_t)f.den);
        mpq_canonicalize(b.first);
    }
    for (size_t p = 0; p < b.np; p++)
        mpq_set_ui(b.pdiv[p], 1, 1);
    psi_tie_ctx_init(&b.tc, opt);
    b.tc.record = 0;
    b.tc.rng = opt->seed ^ 0x9E3779B97F4A7C15u; /* apart from the upper draw */

    for (;;) {
        b.step_tied = false;
        if ((rc = district_step(&b, err)) < 0)
            goto done;
        r->rounds++;
        if (margins_hold(&b, 1))
            break;
        if (b.step_tied && seen_before(&b, history, (size_t)r->rounds / 2 + 1)) {
            /* a genuine tie sends the scaling round in circles: solve the
             * transportation problem instead, and report the tie */
            rc = psi_biprop_flow(r->seats, votes, b.np, b.nd, b.pseats, b.dseats, must,
                                 b.method, (const mpq_t *)&b.first, err);
            if (rc == 0)
                rc = final_tie(&b, r, err);
            goto done;
        }
        if (r->rounds >= MAX_ROUNDS)
            goto no_convergence;
        b.step_tied = false;
        if ((rc = party_step(&b, err)) < 0)
            goto done;
        r->rounds++;
        if (margins_hold(&b, 0))
            break;
        if (r->rounds >= MAX_ROUNDS)
            goto no_convergence;
    }
    if (b.step_tied) /* the step that settled both margins was tied */
        rc = final_tie(&b, r, err);
    goto done;
no_convergence:
    rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                   "the lower apportionment did not converge within %d rounds of "
                   "alternate scaling (the district and party totals may be incompatible)",
                   MAX_ROUNDS);
done:
    q_array_free(b.pdiv, b.np);
    q_array_free(b.ddiv, b.nd);
    q_array_free(b.x, width);
    q_array_free(b.nq, width);
    psi_free(b.a);
    psi_free(b.need);
    psi_free(b.sure);
    psi_free(history);
    mpq_clears(b.first, b.t, b.lo, b.hi, NULL);
    mpz_clear(b.z);
    return rc;
}

void ps_biproportion_free(ps_biproportion *b)
{
    if (!b)
        return;
    psi_free(b->seats);
    psi_free(b->party_seats);
    psi_free(b->district_seats);
    psi_free(b->unguaranteed);
    psi_tie_free(b->tie);
    psi_free(b);
}

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Voter numbers scaled to integers: sum_d votes[p][d] * (lcm / seats_d). */
static int voter_numbers(int64_t *w, const int64_t *votes, size_t np, size_t nd,
                         const int64_t *dseats, ps_error *err)
{
    uint64_t lcm = 1;
    for (size_t d = 0; d < nd; d++) {
        if (dseats[d] == 0)
            continue;
        uint64_t s = (uint64_t)dseats[d], f = s / gcd_u64(lcm, s);
        if (lcm > (uint64_t)INT64_MAX / f)
            return psi_error(err, PS_ERANGE, NULL, 0, 0,
                             "the least common multiple of the district sizes exceeds 2^63 - 1");
        lcm *= f;
    }
    for (size_t p = 0; p < np; p++) {
        int64_t sum = 0, term;
        for (size_t d = 0; d < nd; d++) {
            if (dseats[d] == 0)
                continue;
            if (__builtin_mul_overflow(votes[p * nd + d], (int64_t)(lcm / (uint64_t)dseats[d]), &term) ||
                __builtin_add_overflow(sum, term, &sum))
                return psi_error(err, PS_ERANGE, NULL, 0, 0,
                                 "party #%zu's voter number, scaled to an integer, exceeds 2^63 - 1",
                                 p + 1);
        }
        w[p] = sum;
    }
    return 0;
}

static int check_input(const int64_t *votes, size_t np, size_t nd, const int64_t *dseats,
                       ps_method lower_method, int64_t *total, ps_error *err)
{
    if (np == 0 || nd == 0 || !votes || !dseats)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "biproportional apportionment needs at least one party and one district");
    if (np > SIZE_MAX / nd / sizeof(int64_t))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "too many parties times districts");
    switch (lower_method) {
    case PS_DHONDT:
    case PS_SAINTE_LAGUE:
    case PS_MODIFIED_SAINTE_LAGUE:
    case PS_IMPERIALI:
    case PS_DANISH:
        break;
    default:
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "biproportional apportionment needs a divisor method with a positive "
                         "first divisor (dhondt, sainte-lague, modified-sainte-lague, imperiali "
                         "or danish) for the lower apportionment, not %s",
                         ps_method_name(lower_method) ? ps_method_name(lower_method) : "this");
    }
    *total = 0;
    for (size_t d = 0; d < nd; d++) {
        if (dseats[d] < 0)
            return psi_error(err, PS_EINVAL, NULL, 0, 0, "district #%zu has a negative seat count",
                             d + 1);
        if (dseats[d] > INT64_MAX - *total)
            return psi_error(err, PS_ERANGE, NULL, 0, 0, "the total of the seats exceeds 2^63 - 1");
        *total += dseats[d];
    }
    for (size_t i = 0; i < np * nd; i++) {
        if (votes[i] < 0)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "party #%zu has a negative vote count in district #%zu", i / nd + 1,
                             i % nd + 1);
    }
    return 0;
}

int ps_winner_take_one_parse(ps_winner_take_one *out, const char *name, ps_error *err)
{
    static const char *const names[] = {"none", "every", "single-seat"};
    for (size_t k = 0; name && k < sizeof names / sizeof *names; k++)
        if (strcasecmp(name, names[k]) == 0) {
            *out = (ps_winner_take_one)k;
            return PS_OK;
        }
    return psi_error(err, PS_EINVAL, NULL, 0, 0,
                     "unknown winner-take-one rule '%.40s'; expected every or single-seat",
                     name ? name : "(null)");
}

void ps_biproportional_options_init(ps_biproportional_options *bopt)
{
    if (bopt)
        memset(bopt, 0, sizeof *bopt);
}

int ps_apportion_biproportional(ps_biproportion **out, const int64_t *votes, size_t n_parties,
                                size_t n_districts, const int64_t *district_seats,
                                const ps_apportion_options *opt, ps_error *err)
{
    return ps_apportion_biproportional_with(out, votes, n_parties, n_districts, district_seats,
                                            opt, NULL, err);
}

int ps_apportion_biproportional_with(ps_biproportion **out, const int64_t *votes,
                                     size_t n_parties, size_t n_districts,
                                     const int64_t *district_seats,
                                     const ps_apportion_options *opt,
                                     const ps_biproportional_options *bopt, ps_error *err)
{
    ps_apportion_options o;
    ps_biproportional_options plain;
    int64_t total = 0;
    int rc;
    if (!out || !opt)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "out and opt must not be NULL");
    *out = NULL;
    if (!bopt) {
        ps_biproportional_options_init(&plain);
        bopt = &plain;
    }
    if ((unsigned)bopt->winner_take_one > PS_WTO_SINGLE_SEAT)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown winner-take-one rule %d",
                         (int)bopt->winner_take_one);
    ps_method lower_method = bopt->lower_method_given ? bopt->lower_method : opt->method;
    if ((rc = check_input(votes, n_parties, n_districts, district_seats, lower_method, &total,
                          err)) < 0)
        return rc;

    ps_biproportion *r = psi_calloc(1, sizeof *r);
    int64_t *w = psi_malloc_array(n_parties, sizeof *w);
    unsigned char *must = NULL;
    bool *exempt = NULL;
    ps_apportionment *up = NULL;
    if (!r || !w)
        goto nomem;
    r->n_parties = n_parties;
    r->n_districts = n_districts;
    r->seats = psi_calloc(n_parties * n_districts, sizeof *r->seats);
    r->party_seats = psi_calloc(n_parties, sizeof *r->party_seats);
    r->district_seats = psi_malloc_array(n_districts, sizeof *r->district_seats);
    if (!r->seats || !r->party_seats || !r->district_seats)
        goto nomem;
    memcpy(r->district_seats, district_seats, n_districts * sizeof *district_seats);

    if ((rc = voter_numbers(w, votes, n_parties, n_districts, district_seats, err)) < 0)
        goto fail;
    o = *opt;
    o.seats = total;
    if ((rc = psi_biprop_district_quorum(&o, &exempt, votes, n_parties, n_districts, bopt,
                                         err)) < 0 ||
        (rc = ps_apportion(&up, w, n_parties, &o, err)) < 0)
        goto fail;
    memcpy(r->party_seats, up->seats, n_parties * sizeof *up->seats);
    r->tie = up->tie;
    up->tie = NULL;
    ps_apportionment_free(up);
    up = NULL;

    if (bopt->winner_take_one != PS_WTO_NONE) {
        must = psi_calloc(n_parties * n_districts, 1);
        if (!must)
            goto nomem;
        if ((rc = psi_biprop_winners(must, r, votes, bopt->winner_take_one, opt->names, err)) < 0)
            goto fail;
    }
    if (total > 0 && (rc = lower(r, votes, opt, lower_method, must, err)) < 0)
        goto fail;
    psi_free(w);
    psi_free(must);
    psi_free(exempt);
    *out = r;
    return 0;

nomem:
    rc = psi_enomem(err);
fail:
    ps_apportionment_free(up);
    ps_biproportion_free(r);
    psi_free(w);
    psi_free(must);
    psi_free(exempt);
    return rc;
}
