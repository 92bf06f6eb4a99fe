/*
 * power_dp_mwc.c - Deegan-Packel, Holler and Johnston in a weighted game by
 * dynamic programming over (size, weight).
 *
 * Players of positive weight are sorted by weight, heaviest first (ties by
 * index): positions 1..m; players of weight 0 come last (m+1..N). They are
 * never critical, so never in a minimal winning coalition (MWC).
 * P_t[k][x] is the number of k-subsets of positions 1..t weighing at most x
 * (prefix sums over the weight, for x < q only); adding a player is
 * P[k][x] += P[k-1][x - w] (prefix sums commute with the shift), removing
 * it the same with a minus, both exact modulo any modulus.
 *
 * Minimal winning coalitions. S is minimal winning iff w(S) >= q and
 * w(S) - w_min < q, w_min the weight of its lightest member; take the last
 * member t in the order (every member of weight w_t is then critical too):
 * S = T + {t}, T a subset of positions < t with q - w_t <= w(T) <= q - 1.
 * Before t is added, the MWCs ending at t with k+1 members are the window
 * P_{t-1}[k][q-1] - P_{t-1}[k][q-1-w_t]; those that also hold u < t are the
 * window [q - w_t - w_u, q - 1 - w_u] of the table without u, which is
 * never built: P^{-u}[k][x] = sum_j (-1)^j P[k-j][x - j w_u] (the closed
 * form of power_dp.c, here in two variables), O(min(k, q / w_u)) reads. This
 * gives M_u[s], the MWCs of size s holding u, hence Holler (sum_s M_u[s])
 * and Deegan-Packel (sum_s M_u[s] / s over #MWC).
 *
 * Johnston. In a winning S with excess e = w(S) - q the critical members are
 * those heavier than e, a prefix of S's members in the order: a critical
 * part C whose last member t has w_t > e, and a rest B after t whose
 * heaviest (first) member b has w_b <= e (then all of B are). With B = {b} +
 * B', B' after b, the number of rests for a critical part of weight a is
 *     G_t(a) = [q <= a] + sum_{b > t} (R_b(q-1 - (a - w_t) - w_b)
 *                                        - R_b(q-1 - (a - w_t) - w_t)),
 * R_b(y) the number of subsets of positions > b weighing at most y, needed
 * for y < q only. Going down from position N, R is updated like P, and the
 * two sums over b are running sums (Y[z] = sum R_b(z - w_b), Z[y] =
 * sum R_b(y)), O(q) per position. Each member u of C receives G / |C|; with
 * L = lcm(1 .. K+1) (K+1 bounds |C|) the scores L * J_u are integers. An
 * adjoint table W_v[k][y] = the sum, over the ways to finish a critical part
 * that has k members weighing y among positions <= v, of G_t * L / |C|
 * satisfies (going down, with c_k = L / (k+1), g_v[y] = G_v(y + w_v))
 *     W_{v-1}[k][y] = W_v[k][y] + V_v[k][y],
 *     V_v[k][y]     = c_k g_v[y] + W_v[k+1][y + w_v],
 * and L J_v = sum_{k,y} F_{v-1}[k][y] V_v[k][y], F the table P without its
 * prefix sums. P_{v-1} comes from P_v by removing v, so the forward table
 * built for the MWCs serves here too, and memory is two tables.
 *
 * Cost per residue, with K the most members a coalition below the quota can
 * have (K < m) and each row k stored only from the least weight lo_k of k
 * players: building P, m (K+1) q cell updates at most; the MWC counts,
 * O(m^2 K min(K, q / w_m)) reads for Holler and Deegan-Packel together
 * (below O(m^3 q); rows outside, players inside, so reads hit the cache);
 * Johnston, O(m K q) updates with two modular products each (Shoup's, and
 * a lazily reduced Montgomery one), and O(N q) for the rests. Memory 8 (K+1) q bytes per table at
 * most, one table for the MWCs and two for Johnston.
 *
 * Counts: #MWC and M_u[s] are at most C(m, m/2) (the MWCs are an antichain:
 * Sperner), L J_u at most L 2^(N-1); they are computed modulo 2^64 and
 * primes below 2^62 (power_modular.c) and rebuilt by the Chinese remainder
 * theorem; the fractions are formed with GMP. opt->threads residues run at
 * once, each thread with its own tables; with opt->share the processes
 * split the residues and add their counts up before the theorem. Sources: the definitions in
 * power.h; generating functions for weighted games: Brams & Affuso (1976),
 * Matsui & Matsui (2000). The decompositions by the last member (MWCs) and
 * by the last critical member (Johnston) and the adjoint sweep are this
 * file's own; the enumerator (power_enum.c) checks them in the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "power_programs.h"
#include "cancel_hook.h"
#include "progress_hook.h"

/* ---- the plan: sizes, residues, work and memory, without allocating ---- */

typedef struct plan {
    size_t m, N, K;  /* positive players, all players, largest row */
    size_t cells;    /* sum over rows k <= K of q - lo_k */
    size_t residues; /* moduli */
    size_t bits;
    double work, bytes;
} plan;

/* The k-th smallest positive weight, by repeated selection (no allocation):
 * the smallest (weight, index) pair above *pw, *pi. Returns 0 when none. */
static int next_smallest(const int64_t *w, size_t n, int64_t *pw, size_t *pi, int first)
{
    int found = 0;
    int64_t bw = 0;
    size_t bi = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] <= 0)
            continue;
        if (!first && (w[i] < *pw || (i <= *pi && w[i] == *pw)))
            continue;
        if (!found || w[i] < bw) { /* i ascends: the first of equal weights stays */
            bw = w[i];
            bi = i;
            found = 1;
        }
    }
    *pw = bw;
    *pi = bi;
    return found;
}

/* Bits of the largest count: C(m, m/2) for the MWC counts, L 2^(N-1) for
 * the Johnston scores. GMP's temporaries only. */
static size_t count_bits(const plan *pl, unsigned want)
{
    size_t bits = 1;
    mpz_t x;
    mpz_init(x);
    if (want & PSI_HAVE_MWC) {
        mpz_bin_uiui(x, (unsigned long)pl->m, (unsigned long)(pl->m / 2));
        bits = mpz_sizeinbase(x, 2);
    }
    if (want & PSI_HAVE_JOHNSTON) {
        mpz_set_ui(x, 1);
        for (unsigned long k = 2; k <= (unsigned long)pl->K + 1; k++)
            mpz_lcm_ui(x, x, k);
        size_t b = mpz_sizeinbase(x, 2) + pl->N;
        bits = b > bits ? b : bits;
    }
    mpz_clear(x);
    return bits;
}

static void make_plan(plan *pl, const int64_t *w, size_t n, int64_t q, unsigned want)
{
    memset(pl, 0, sizeof *pl);
    pl->N = n;
    for (size_t i = 0; i < n; i++)
        pl->m += w[i] > 0;
    int64_t lo = 0, pw = 0;
    size_t pi = 0;
    pl->cells = (size_t)q; /* row 0 */
    for (size_t k = 1; k <= pl->m; k++) {
        if (!next_smallest(w, n, &pw, &pi, k == 1))
            break;
        lo += pw;
        if (lo > q - 1)
            break;
        pl->K = k;
        pl->cells += (size_t)(q - lo);
    }
    pl->bits = count_bits(pl, want);
    /* As psi_moduli_init: 2^64, then primes of 62 bits. */
    pl->residues = 1 + (pl->bits > 64 ? (pl->bits - 63 + 61) / 62 : 0);
    double m = (double)pl->m, K = (double)pl->K, cells = (double)pl->cells, R = (double)pl->residues;
    double work = m * cells; /* building P */
    double bytes = cells * 8.0;
    if (want & PSI_HAVE_MWC) {
        work += m * (m - 1) / 2 * K * (K + 1) / 2 + m * (K + 1);
        bytes += R * m * (K + 2) * 8.0;
    }
    if (want & PSI_HAVE_JOHNSTON) {
        work += 2 * m * cells + 3 * (double)n * (double)q;
        bytes += cells * 8.0 + 4.0 * (double)q * 8.0 + R * m * 8.0;
    }
    pl->work = work * R;
    pl->bytes = bytes;
}

double psi_dp_mwc_work(const int64_t *w, size_t n, int64_t q, unsigned want)
{
    plan pl;
    make_plan(&pl, w, n, q, want);
    return pl.work;
}

/* ---- arithmetic modulo p (0 = 2^64, else an odd p < 2^62) ---- */

/* Montgomery reduction: t * 2^-64 mod p for t < p 2^64; pinv = -p^-1 mod 2^64. */
static inline uint64_t redc(psi_u128 t, uint64_t p, uint64_t pinv)
{
    uint64_t mm = (uint64_t)t * pinv;
    uint64_t r = (uint64_t)((t + (psi_u128)mm * p) >> 64);
    return r >= p ? r - p : r;
}

static uint64_t neg_inverse(uint64_t p)
{
    uint64_t x = p; /* Newton: x = p^-1 mod 2^(2^i) */
    for (int i = 0; i < 6; i++)
        x *= 2 - p * x;
    return (uint64_t)0 - x;
}

/* ---- one residue plane ---- */

typedef struct sweep {
    size_t m, N, K;
    int64_t q;
    const int64_t *v;  /* [N] weights in the order */
    const int64_t *lo; /* [K+1] least weight of row k */
    const size_t *off; /* [K+2] */
    uint64_t *P, *W;   /* tables (W only for Johnston) */
    uint64_t *R, *Y, *Z, *g;
    const mpz_t *ck;   /* [K+1] L / (k+1) */
    int mwc, john;
} sweep;

/* P[k][x], zero below the row's least weight (and for x < 0). */
static inline uint64_t at(const sweep *s, const uint64_t *T, size_t k, int64_t x)
{
    return x < s->lo[k] ? 0 : T[s->off[k] + (size_t)(x - s->lo[k])];
}

/* The MWCs ending at position t (P holds positions < t): M[u * (K+2) + size].
 * Rows outside, players inside, so that one row stays in cache while every
 * earlier player u reads its alternating sum from it (descending with
 * stride w_u): row r gives the term j of size k = r + j. */
static void mwc_ending_at(const sweep *s, size_t t, uint64_t p, uint64_t *M, uint64_t *n_mwc)
{
    size_t K = s->K, K2 = K + 2;
    int64_t q = s->q, wt = s->v[t];
    size_t kmax = t < K ? t : K; /* P has subsets of t players */
    /* |T'| = k <= km: T = T' + {u} lies below the quota, so k + 1 <= K */
    size_t km = K == 0 || t == 0 ? 0 : (t - 1 < K - 1 ? t - 1 : K - 1);
    int others = K > 0 && t > 0;
    for (size_t r = 0; r <= kmax; r++) {
        const uint64_t *row = s->P + s->off[r];
        int64_t lr = s->lo[r];
        uint64_t c = psi_subm(at(s, s->P, r, q - 1), at(s, s->P, r, q - 1 - wt), p);
        M[t * K2 + r + 1] = psi_addm(M[t * K2 + r + 1], c, p);
        *n_mwc = psi_addm(*n_mwc, c, p);
        if (!others || r > km)
            continue;
        for (size_t u = 0; u < t; u++) {
            int64_t wu = s->v[u], x = q - 1 - wu;
            uint64_t *Mu = M + u * K2 + 2 + r;
            /* x < 0: u alone wins, never with a later member in an MWC */
            for (size_t j = 0; r + j <= km && x >= lr; j++, x -= wu) {
                int64_t xl = x - wt;
                uint64_t val = psi_subm(row[x - lr], xl >= lr ? row[xl - lr] : 0, p);
                Mu[j] = (j & 1) ? psi_subm(Mu[j], val, p) : psi_addm(Mu[j], val, p);
            }
        }
    }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define MWC_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define MWC_CLONES
#endif

typedef int64_t mwc_i64x4 __attribute__((vector_size(32)));

/* d -= s modulo p over len words (removing a player), four at a time as in
 * power_kernel.c: p < 2^62, so residues compare correctly as signed. */
MWC_CLONES static void row_sub(uint64_t *restrict d, const uint64_t *restrict s, size_t len,
                               uint64_t p)
{
    size_t x = 0;
    if (p == 0) {
        for (; x < len; x++)
            d[x] -= s[x];
        return;
    }
    mwc_i64x4 pv = {(int64_t)p, (int64_t)p, (int64_t)p, (int64_t)p};
    for (; x + 4 <= len; x += 4) {
        mwc_i64x4 a, b;
        memcpy(&a, d + x, sizeof a);
        memcpy(&b, s + x, sizeof b);
        a -= b;
        a += pv & (a < 0);
        memcpy(d + x, &a, sizeof a);
    }
    for (; x < len; x++)
        d[x] = psi_subm(d[x], s[x], p);
}

/* Adds or removes the player of weight w to P. */
static void add_player(const sweep *s, int64_t w, uint64_t p, int remove)
{
    size_t K = s->K;
    for (size_t a = 1; a <= K; a++) {
        size_t k = remove ? a : K + 1 - a; /* removing: rows up; adding: rows down */
        int64_t xs = s->lo[k] > s->lo[k - 1] + w ? s->lo[k] : s->lo[k - 1] + w;
        if (xs > s->q - 1)
            continue;
        uint64_t *d = s->P + s->off[k] + (size_t)(xs - s->lo[k]);
        const uint64_t *src = s->P + s->off[k - 1] + (size_t)(xs - w - s->lo[k - 1]);
        size_t len = (size_t)(s->q - xs);
        if (!remove)
            psi_row_add(d, src, len, p);
        else
            row_sub(d, src, len, p);
    }
}

/* One segment of a row of the Johnston sweep: V = c g + nx (nx NULL: 0),
 * W += V, acc += f V with f the differences of the prefix sums (*prev: the
 * entry before the segment). Modulo 2^64 plainly; modulo a prime with
 * Shoup's product for c g (cs = floor(c 2^64 / p)) and the products f V
 * summed four at a time (below 4 p^2 < p 2^64) before one Montgomery
 * reduction, which leaves a factor 2^-64 the caller takes out. */
static void johnston_segment(uint64_t *restrict wrow, const uint64_t *restrict row,
                             const uint64_t *restrict g, const uint64_t *restrict nx,
                             size_t len, uint64_t *prev, uint64_t c, uint64_t cs, uint64_t p,
                             uint64_t pinv, uint64_t *acc)
{
    uint64_t pv = *prev, a = *acc;
    if (p == 0) {
        for (size_t y = 0; y < len; y++) {
            uint64_t f = row[y] - pv;
            pv = row[y];
            uint64_t V = c * g[y] + (nx ? nx[y] : 0);
            wrow[y] += V;
            a += f * V;
        }
    } else {
        psi_u128 lazy = 0;
        unsigned pending = 0;
        for (size_t y = 0; y < len; y++) {
            uint64_t f = psi_subm(row[y], pv, p);
            pv = row[y];
            uint64_t qh = (uint64_t)(((psi_u128)g[y] * cs) >> 64);
            uint64_t V = c * g[y] - qh * p;
            V = V >= p ? V - p : V;
            if (nx)
                V = psi_addm(V, nx[y], p);
            wrow[y] = psi_addm(wrow[y], V, p);
            lazy += (psi_u128)f * V;
            if (++pending == 4) {
                a = psi_addm(a, redc(lazy, p, pinv), p);
                lazy = 0;
                pending = 0;
            }
        }
        if (pending)
            a = psi_addm(a, redc(lazy, p, pinv), p);
    }
    *prev = pv;
    *acc = a;
}

/* Johnston at position v (positive weight; P holds positions <= v on entry
 * and < v on return; W is W_v on entry and W_{v-1} on return). Returns
 * L J_v mod p. ck[k] = c_k mod p, cs[k] its Shoup constant. */
static uint64_t johnston_at(const sweep *s, size_t v, uint64_t p, uint64_t pinv,
                            const uint64_t *ck, const uint64_t *cs)
{
    size_t K = s->K;
    int64_t q = s->q, wv = s->v[v];
    uint64_t *g = s->g;
    for (int64_t y = 0; y < q; y++) {
        uint64_t x = y >= q - wv ? 1 : 0;
        x = psi_addm(x, s->Y[q - 1 - y], p);
        if (y <= q - 1 - wv)
            x = psi_subm(x, s->Z[q - 1 - y - wv], p);
        g[y] = x;
    }
    add_player(s, wv, p, 1);
    uint64_t acc = 0;
    for (size_t k = 0; k <= K; k++) {
        const uint64_t *row = s->P + s->off[k];
        uint64_t *wrow = s->W + s->off[k];
        int64_t lk = s->lo[k];
        /* W[k+1][y + wv] exists for y in [ya, yb] */
        int64_t ya = q, yb = q - 1;
        const uint64_t *next = NULL;
        if (k < K) {
            int64_t ln = s->lo[k + 1];
            next = s->W + s->off[k + 1];
            ya = ln - wv > lk ? ln - wv : lk;
            yb = q - 1 - wv;
            if (ya > yb)
                ya = q, yb = q - 1;
            else
                next += ya + wv - ln;
        }
        uint64_t prev = 0, c = ck[k], csk = cs[k];
        size_t l1 = (size_t)((ya < q ? ya : q) - lk);
        johnston_segment(wrow, row, g + lk, NULL, l1, &prev, c, csk, p, pinv, &acc);
        if (ya < q) {
            size_t o = (size_t)(ya - lk), l2 = (size_t)(yb - ya + 1);
            johnston_segment(wrow + o, row + o, g + ya, next, l2, &prev, c, csk, p, pinv,
                             &acc);
            o += l2;
            johnston_segment(wrow + o, row + o, g + yb + 1, NULL, (size_t)(q - 1 - yb),
                             &prev, c, csk, p, pinv, &acc);
        }
    }
    if (p != 0) /* the products carried a factor 2^-64 */
        acc = (uint64_t)(((psi_u128)acc << 64) % p);
    return acc;
}

/* Rests: position v (weight wv) joins the running sums, then R. */
static void suffix_step(const sweep *s, int64_t wv, uint64_t p)
{
    int64_t q = s->q;
    for (int64_t y = 0; y < q; y++)
        s->Z[y] = psi_addm(s->Z[y], s->R[y], p);
    for (int64_t z = wv; z < q; z++)
        s->Y[z] = psi_addm(s->Y[z], s->R[z - wv], p);
    for (int64_t y = q - 1; y >= wv; y--)
        s->R[y] = psi_addm(s->R[y], s->R[y - wv], p);
}

/* One residue plane. M and n_mwc are NULL unless the MWC counts are asked
 * for (s->mwc), J is NULL unless Johnston is (s->john). */
static void plane(const sweep *s, uint64_t p, uint64_t *M, uint64_t *n_mwc, uint64_t *J)
{
    size_t K = s->K, m = s->m;
    int64_t q = s->q;
    memset(s->P, 0, s->off[K + 1] * sizeof *s->P);
    for (int64_t x = 0; x < q; x++)
        s->P[x] = 1; /* row 0: the empty set */
    bool mwc = M && n_mwc;
    if (mwc) {
        memset(M, 0, m * (K + 2) * sizeof *M);
        *n_mwc = 0;
    }
    for (size_t t = 0; t < m; t++) {
        if (psi_cancelled())
            return; /* incomplete: ps_power_compute discards it */
        psi_progress_add("power (minimal winning coalitions)", 1);
        if (mwc)
            mwc_ending_at(s, t, p, M, n_mwc);
        if (J || t + 1 < m)
            add_player(s, s->v[t], p, 0);
    }
    if (!J)
        return;
    uint64_t pinv = p ? neg_inverse(p) : 0;
    uint64_t *ck = s->g + q, *cs = ck + K + 1; /* c_k mod p and Shoup's constants */
    for (size_t k = 0; k <= K; k++) {
        ck[k] = psi_mpz_mod_u64(s->ck[k], p);
        cs[k] = p ? (uint64_t)(((psi_u128)ck[k] << 64) / p) : 0;
    }
    memset(s->W, 0, s->off[K + 1] * sizeof *s->W);
    memset(s->Y, 0, (size_t)q * sizeof *s->Y);
    memset(s->Z, 0, (size_t)q * sizeof *s->Z);
    for (int64_t y = 0; y < q; y++)
        s->R[y] = 1;
    for (size_t v = s->N; v-- > 0;) {
        if (psi_cancelled())
            return;
        psi_progress_add("power (minimal winning coalitions)", 1);
        if (v < m)
            J[v] = johnston_at(s, v, p, pinv, ck, cs);
        suffix_step(s, s->v[v], p);
    }
}

/* ---- residues in threads ---- */

/* The residue planes are independent: thread th computes planes th,
 * th + T, ... in its own tables. Results do not depend on T. */
#define MWC_MAX_THREADS 16

typedef struct job {
    sweep s;
    const psi_moduli *mods;
    uint64_t *M, *nm, *J;
    size_t first, step;
} job;

static void *run_job(void *arg)
{
    job *jb = arg;
    size_t m = jb->s.m, K2 = jb->s.K + 2;
    for (size_t j = jb->first; j < jb->mods->count; j += jb->step)
        plane(&jb->s, jb->mods->m[j], jb->M ? jb->M + j * m * K2 : NULL,
              jb->nm ? jb->nm + j : NULL, jb->J ? jb->J + j * m : NULL);
    return NULL;
}

/* ---- the entry point ---- */

int psi_dp_mwc(psi_counts *c, const int64_t *w, size_t n, int64_t q, unsigned want,
               const ps_power_options *opt, ps_error *err)
{
    want &= PSI_HAVE_MWC | PSI_HAVE_JOHNSTON;
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] < 0 || w[i] > ((int64_t)1 << 61) - total)
            return psi_error(err, PS_ERANGE, NULL, 0, 0,
                             "weights must be non-negative with a total at most 2^61 for the "
                             "exact Deegan-Packel, Holler and Johnston programs");
        total += w[i];
    }
    if (q < 1 || q > total)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "quota %lld outside [1, %lld]", (long long)q, (long long)total);
    if (!want)
        return PS_OK;
    plan pl;
    make_plan(&pl, w, n, q, want);
    if (pl.bytes > (double)opt->max_memory)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "the exact Deegan-Packel/Holler/Johnston tables for %zu players and "
                         "quota %lld need %.1f MB, above the memory limit of %.1f MB; ask for "
                         "fewer indices (banzhaf, shapley_shubik and coleman need less) or use "
                         "--approx",
                         pl.m, (long long)q, pl.bytes / 1e6, (double)opt->max_memory / 1e6);
    char what[112];
    snprintf(what, sizeof what,
             "the exact Deegan-Packel/Holler/Johnston program for %zu players and quota %lld",
             pl.m, (long long)q);
    int refused = psi_check_work(what, pl.work / (double)pl.residues, pl.residues, opt,
                                 "ask for fewer indices (banzhaf, shapley_shubik and coleman "
                                 "need less) or use --approx",
                                 err);
    if (refused < 0)
        return refused;

    size_t m = pl.m, N = n, K = pl.K, K2 = K + 2;
    int mwc = (want & PSI_HAVE_MWC) != 0, john = (want & PSI_HAVE_JOHNSTON) != 0;
    int rc = PS_OK;
    psi_moduli mods = {0};
    psi_player *order = NULL;
    int64_t *v = NULL, *lo = NULL;
    size_t *off = NULL;
    uint64_t *M = NULL, *nm = NULL, *J = NULL, *r = NULL;
    job jobs[MWC_MAX_THREADS];
    memset(jobs, 0, sizeof jobs);
    mpz_t *ck = NULL;
    size_t nck = 0;

    if (psi_moduli_init(&mods, pl.bits) < 0)
        goto nomem;
    size_t R = mods.count;
    order = psi_malloc_array(n, sizeof *order);
    v = psi_malloc_array(n, sizeof *v);
    lo = psi_malloc_array(K + 1, sizeof *lo);
    off = psi_malloc_array(K + 2, sizeof *off);
    r = psi_malloc_array(R, sizeof *r);
    if (!order || !v || !lo || !off || !r)
        goto nomem;
    /* heaviest first, ties by index; weight 0 last */
    for (size_t i = 0; i < n; i++)
        order[i] = (psi_player){-w[i], i};
    qsort(order, n, sizeof *order, psi_cmp_player);
    for (size_t t = 0; t < n; t++)
        v[t] = -order[t].w;
    lo[0] = 0;
    off[0] = 0;
    for (size_t k = 1; k <= K; k++)
        lo[k] = lo[k - 1] + v[m - k];
    for (size_t k = 0; k <= K; k++)
        off[k + 1] = off[k] + (size_t)(q - lo[k]);
    /* one set of tables per thread; as many threads as max_memory allows */
    size_t T = opt->threads ? opt->threads : 1;
    size_t mine = psi_share_count(opt->share, R), size = psi_shared_size(opt->share);
    T = T > mine ? (mine ? mine : 1) : T;
    T = T > MWC_MAX_THREADS ? MWC_MAX_THREADS : T;
    while (T > 1 && pl.bytes * (double)T > (double)opt->max_memory)
        T--;
    for (size_t th = 0; th < T; th++) {
        jobs[th].s.P = psi_malloc_array(pl.cells, sizeof(uint64_t));
        if (!jobs[th].s.P)
            goto nomem;
        if (john) {
            jobs[th].s.W = psi_malloc_array(pl.cells, sizeof(uint64_t));
            /* R, Y, Z, g, then c_k and Shoup's constants */
            uint64_t *vec = psi_malloc_array(4 * (size_t)q + 2 * (K + 1), sizeof *vec);
            jobs[th].s.R = vec; /* freed through R */
            if (!jobs[th].s.W || !vec)
                goto nomem;
            jobs[th].s.Y = vec + q;
            jobs[th].s.Z = vec + 2 * q;
            jobs[th].s.g = vec + 3 * q;
        }
    }
    if (mwc) {
        M = psi_calloc(R * m * K2, sizeof *M); /* others' residues stay 0 */
        nm = psi_calloc(R, sizeof *nm);
        if (!M || !nm)
            goto nomem;
    }
    if (john) {
        J = psi_calloc(R * m, sizeof *J);
        ck = psi_malloc_array(K + 1, sizeof *ck);
        if (!J || !ck)
            goto nomem;
        mpz_t L;
        mpz_init_set_ui(L, 1);
        for (unsigned long k = 2; k <= (unsigned long)K + 1; k++)
            mpz_lcm_ui(L, L, k);
        for (nck = 0; nck <= K; nck++) {
            mpz_init(ck[nck]);
            mpz_divexact_ui(ck[nck], L, (unsigned long)nck + 1);
        }
        mpz_clear(L);
    }
    for (size_t th = 0; th < T; th++) {
        sweep *sw = &jobs[th].s;
        sw->m = m;
        sw->N = N;
        sw->K = K;
        sw->q = q;
        sw->v = v;
        sw->lo = lo;
        sw->off = off;
        sw->ck = (const mpz_t *)ck;
        sw->mwc = mwc;
        sw->john = john;
        jobs[th].mods = &mods;
        jobs[th].M = M;
        jobs[th].nm = nm;
        jobs[th].J = J;
        jobs[th].first = psi_shared_rank(opt->share) + th * size;
        jobs[th].step = T * size;
    }
    psi_progress("power (minimal winning coalitions)", 0,
                 (uint64_t)(mine * (m + (john ? N : 0))));
    psi_run_jobs(run_job, jobs, sizeof *jobs, T);
    psi_progress_end("power (minimal winning coalitions)");
    if ((mwc && (psi_shared_sum(opt->share, M, R * m * K2, err) < 0 ||
                 psi_shared_sum(opt->share, nm, R, err) < 0)) ||
        (john && psi_shared_sum(opt->share, J, R * m, err) < 0)) {
        rc = PS_EIO;
        goto done;
    }

    mpz_t x, total_mwc;
    mpq_t term;
    mpz_init(x);
    mpz_init(total_mwc);
    mpq_init(term);
    if (mwc)
        psi_crt(total_mwc, nm, &mods);
    for (size_t i = 0; i < n; i++) {
        mpz_set_ui(c->mwc[i], 0);
        mpq_set_ui(c->dp[i], 0, 1);
        mpq_set_ui(c->johnston[i], 0, 1);
    }
    for (size_t t = 0; t < m; t++) {
        size_t i = order[t].i;
        if (mwc) {
            for (size_t sz = 1; sz <= K + 1; sz++) {
                for (size_t j = 0; j < R; j++)
                    r[j] = M[j * m * K2 + t * K2 + sz];
                psi_crt(x, r, &mods);
                if (mpz_sgn(x) == 0)
                    continue;
                mpz_add(c->mwc[i], c->mwc[i], x);
                mpq_set_num(term, x);
                mpz_set_ui(mpq_denref(term), (unsigned long)sz);
                mpq_canonicalize(term);
                mpq_add(c->dp[i], c->dp[i], term);
            }
            mpz_set_ui(mpq_numref(term), 1);
            mpz_set(mpq_denref(term), total_mwc);
            mpq_mul(c->dp[i], c->dp[i], term);
        }
        if (john) {
            for (size_t j = 0; j < R; j++)
                r[j] = J[j * m + t];
            psi_crt(mpq_numref(c->johnston[i]), r, &mods);
            mpz_set(mpq_denref(c->johnston[i]), ck[0]); /* L */
            mpq_canonicalize(c->johnston[i]);
        }
    }
    mpz_clear(x);
    mpz_clear(total_mwc);
    mpq_clear(term);
    c->have |= want;
    goto done;
nomem:
    rc = psi_enomem(err);
done:
    for (size_t k = 0; k < nck; k++)
        mpz_clear(ck[k]);
    psi_free(ck);
    psi_free(J);
    for (size_t th = 0; th < MWC_MAX_THREADS; th++) {
        psi_free(jobs[th].s.P);
        psi_free(jobs[th].s.W);
        psi_free(jobs[th].s.R);
    }
    psi_free(M);
    psi_free(nm);
    psi_free(r);
    psi_free(off);
    psi_free(lo);
    psi_free(v);
    psi_free(order);
    psi_moduli_clear(&mods);
    return rc;
}
