/*
 * apportion_biprop_flow.c - the lower apportionment as a transportation
 * problem, for the genuine ties where alternate scaling goes round in
 * circles (apportion_biprop.c).
 *
 * A biproportional apportionment is a matrix with the given margins that
 * minimises sum over cells of sum_{k < x} log(d(k) / v) (Gaffke and
 * Pukelsheim, "Divisor methods for proportional representation systems: an
 * optimization approach to vector and matrix apportionment problems",
 * Math. Social Sci. 56 (2008) 166-184): the cost of a cell's next seat
 * grows with its seats, so seats can be added one at a time along cheapest
 * augmenting paths (successive shortest paths). A path's cost is a product
 * of factors d(x) / v (a seat added) and v / d(x - 1) (a seat moved away),
 * compared exactly as GMP rationals, never as logarithms. When several
 * solutions are optimal the result is one of them; the caller reports the
 * tie. Cells that winner-take-one guarantees a seat start with it and never
 * give it up (their d(0) is 0, so that seat costs nothing).
 */
#include <gmp.h>
#include <stdbool.h>
#include <string.h>

#include "apportion_biprop_flow.h"
#include "util.h"

typedef struct flow {
    size_t np, nd;
    const int64_t *votes, *pseats, *dseats;
    const unsigned char *must; /* NULL, or cells that keep one seat */
    int64_t *x; /* party-major */
    ps_method method;
    const mpq_t *first;
    mpq_t *dist;  /* per node: districts 0..nd-1, parties nd.. */
    bool *seen;
    size_t *from; /* previous node on the best path */
    mpq_t f, g;
} flow;

static void set_u64(mpz_t z, uint64_t v)
{
    mpz_import(z, 1, -1, sizeof v, 0, 0, &v);
}

/* out = d(s) */
static void divisor(const flow *fl, mpq_t out, int64_t s)
{
    if (s == 0) {
        mpq_set(out, *fl->first);
        return;
    }
    uint64_t k = 1, c = 1;
    switch (fl->method) {
    case PS_SAINTE_LAGUE:
    case PS_MODIFIED_SAINTE_LAGUE: k = 2, c = 1; break;
    case PS_IMPERIALI: k = 1, c = 2; break;
    case PS_DANISH: k = 3, c = 1; break;
    default: break;
    }
    set_u64(mpq_numref(out), k * (uint64_t)s + c);
    mpz_set_ui(mpq_denref(out), 1);
}

/* factor of adding a seat to cell (p, d): d(x) / v */
static void add_factor(flow *fl, mpq_t out, size_t p, size_t d)
{
    divisor(fl, out, fl->x[p * fl->nd + d]);
    set_u64(mpq_numref(fl->f), (uint64_t)fl->votes[p * fl->nd + d]);
    mpz_set_ui(mpq_denref(fl->f), 1);
    mpq_div(out, out, fl->f);
}

/* factor of taking a seat from cell (p, d): v / d(x - 1) */
static void remove_factor(flow *fl, mpq_t out, size_t p, size_t d)
{
    divisor(fl, fl->f, fl->x[p * fl->nd + d] - 1);
    set_u64(mpq_numref(out), (uint64_t)fl->votes[p * fl->nd + d]);
    mpz_set_ui(mpq_denref(out), 1);
    mpq_div(out, out, fl->f);
}

/* Relaxes the edge u -> w with factor g: true when it improved w. */
static bool relax(flow *fl, size_t u, size_t w)
{
    mpq_mul(fl->f, fl->dist[u], fl->g);
    if (fl->seen[w] && mpq_cmp(fl->f, fl->dist[w]) >= 0)
        return false;
    mpq_set(fl->dist[w], fl->f);
    fl->seen[w] = true;
    fl->from[w] = u;
    return true;
}

/* One seat along the cheapest path from a district with room to a party
 * below its total (Bellman-Ford on products). */
static bool augment(flow *fl, const int64_t *drow, const int64_t *prow)
{
    size_t nd = fl->nd, np = fl->np, n = nd + np;
    for (size_t u = 0; u < n; u++) {
        fl->seen[u] = u < nd && drow[u] < fl->dseats[u];
        if (fl->seen[u])
            mpq_set_ui(fl->dist[u], 1, 1);
        fl->from[u] = SIZE_MAX;
    }
    for (size_t round = 0; round < n; round++) {
        bool changed = false;
        for (size_t d = 0; d < nd; d++)
            for (size_t p = 0; p < np; p++) {
                size_t cell = p * nd + d;
                if (fl->votes[cell] <= 0 || fl->pseats[p] == 0 || fl->dseats[d] == 0)
                    continue;
                if (fl->seen[d]) { /* district -> party: a seat added */
                    add_factor(fl, fl->g, p, d);
                    changed |= relax(fl, d, nd + p);
                }
                int64_t keep = fl->must && fl->must[cell] ? 1 : 0;
                if (fl->seen[nd + p] && fl->x[cell] > keep) { /* party -> district: moved */
                    remove_factor(fl, fl->g, p, d);
                    changed |= relax(fl, nd + p, d);
                }
            }
        if (!changed)
            break;
    }
    size_t best = SIZE_MAX;
    for (size_t p = 0; p < np; p++)
        if (fl->seen[nd + p] && prow[p] < fl->pseats[p] &&
            (best == SIZE_MAX || mpq_cmp(fl->dist[nd + p], fl->dist[best]) < 0))
            best = nd + p;
    if (best == SIZE_MAX)
        return false;
    for (size_t w = best; fl->from[w] != SIZE_MAX;) {
        size_t u = fl->from[w];
        if (u < nd) /* u district, w party: add */
            fl->x[(w - nd) * nd + u]++;
        else /* u party, w district: remove */
            fl->x[(u - nd) * nd + w]--;
        w = u;
    }
    return true;
}

int psi_biprop_flow(int64_t *seats, const int64_t *votes, size_t np, size_t nd,
                    const int64_t *pseats, const int64_t *dseats, const unsigned char *must,
                    ps_method method, const mpq_t *first, ps_error *err)
{
    size_t n = np + nd;
    flow fl;
    memset(&fl, 0, sizeof fl);
    fl.np = np;
    fl.nd = nd;
    fl.votes = votes;
    fl.pseats = pseats;
    fl.dseats = dseats;
    fl.must = must;
    fl.x = seats;
    fl.method = method;
    fl.first = first;
    fl.dist = psi_malloc_array(n, sizeof *fl.dist);
    fl.seen = psi_calloc(n, sizeof *fl.seen);
    fl.from = psi_malloc_array(n, sizeof *fl.from);
    int64_t *drow = psi_calloc(nd, sizeof *drow), *prow = psi_calloc(np, sizeof *prow);
    if (!fl.dist || !fl.seen || !fl.from || !drow || !prow) {
        psi_free(fl.dist);
        psi_free(fl.seen);
        psi_free(fl.from);
        psi_free(drow);
        psi_free(prow);
        return psi_enomem(err);
    }
    for (size_t u = 0; u < n; u++)
        mpq_init(fl.dist[u]);
    mpq_inits(fl.f, fl.g, NULL);
    int64_t total = 0, placed = 0;
    for (size_t i = 0; i < np * nd; i++) {
        seats[i] = must && must[i] ? 1 : 0;
        placed += seats[i];
        drow[i % nd] += seats[i];
        prow[i / nd] += seats[i];
    }
    for (size_t d = 0; d < nd; d++)
        total += dseats[d];
    int rc = 0;
    for (int64_t s = placed; s < total; s++) {
        if (!augment(&fl, drow, prow)) {
            rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                           "no matrix of seats meets both the district and the party totals "
                           "(a party has seats due but no votes where seats are left)");
            break;
        }
        for (size_t d = 0; d < nd; d++)
            drow[d] = 0;
        for (size_t p = 0; p < np; p++)
            prow[p] = 0;
        for (size_t p = 0; p < np; p++)
            for (size_t d = 0; d < nd; d++) {
                drow[d] += seats[p * nd + d];
                prow[p] += seats[p * nd + d];
            }
    }
    for (size_t u = 0; u < n; u++)
        mpq_clear(fl.dist[u]);
    mpq_clears(fl.f, fl.g, NULL);
    psi_free(fl.dist);
    psi_free(fl.seen);
    psi_free(fl.from);
    psi_free(drow);
    psi_free(prow);
    return rc;
}
