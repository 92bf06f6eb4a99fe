/*
 * power_dp_ss_wave.c - adding several players to a Shapley-Shubik table
 * (or to a range of its rows) in a skewed wavefront, so that a band of the
 * table is updated by all of them while it is in cache.
 *
 * Adding player t (weight w) is row k += row k-1 shifted by w, for k
 * descending (power_dp_ss.c), so that row k-1 is still read before t. The
 * pass of power_dp_ss.c reads and writes the whole table once per two
 * players; a table of hundreds of megabytes makes that a matter of memory
 * bandwidth. Here T players go down the rows together, a pipeline: at step
 * g, player i (the i-th of the T) updates row g + i. Player i's row k then
 * reads row k-1 just after player i-1 has updated it (same step) and row k
 * itself as player i-1 left it (step g + 1), and nothing reads a row that
 * a later player has already overwritten.
 *
 * Within a step the x range is cut into tiles, ascending; player i at tile
 * j reads row k-1 only at and below tile j. A band of S steps runs
 * together: step g works on tile j while step g + 1 works on tile j + lag,
 * lag = ceil(w_max / tile), the tiles of x - w that step g + 1 still had to
 * read before step g overwrites them. The S x T updates of a band then
 * touch a few tiles per row at a time: from memory, each row of the band is
 * read and written once per band instead of once per two players.
 *
 * A range of rows kmin .. kmax held by one thread or process among others
 * (power_dp_ss_split.c) gets copies of the T rows below it as they were
 * before the wavefront, and the wavefront also runs over the copies, in a
 * triangle (player i down to row kmin - T + 1 + i): player i's row kmin
 * reads row kmin - 1 after i players, which needs row kmin - 1 - j after
 * i - j of them, the copy of row kmin - T as it is.
 *
 * The result is the same words as the passes of power_dp_ss.c: the same
 * additions modulo p, in another order.
 */
#include <stdint.h>

#include "power_dp_ss.h"
#include "cancel_hook.h"

/* Words per tile, steps per band and players per wavefront, the best of
 * those measured on linear.q100k.n500 (bench/RESULTS.md, "Players added
 * in a wavefront"): tiles of 256 to 16,384 words, 1 to 32 steps and 2 to
 * 32 players. Small tiles lose to the bookkeeping per tile. */
#define WAVE_TILE 8192
#define WAVE_STEPS 4
#define WAVE_PLAYERS 16

size_t psi_ss_wave_players(const psi_ss_layout *L, size_t t)
{
    return t + WAVE_PLAYERS <= L->m ? WAVE_PLAYERS : 0;
}

/* Player t (weight w, the table holding players 0 .. t-1 in row k-1) adds
 * row k-1 shifted by w to row k, over x in [xa, xb]. */
static void add_row_tile(uint64_t *const *row, const psi_ss_layout *L, size_t t, int64_t w,
                         size_t k, int64_t xa, int64_t xb, uint64_t p)
{
    size_t r = k - 1;
    int64_t f = L->lo[r] + w, e = psi_ss_hi_after(L, t, r) + w;
    if (f < L->lo[k])
        f = L->lo[k];
    if (e > L->hi[k])
        e = L->hi[k];
    if (f < xa)
        f = xa;
    if (e > xb)
        e = xb;
    if (f > e)
        return;
    psi_row_add(row[k] + (f - L->lo[k]), row[r] + (f - w - L->lo[r]), (size_t)(e - f + 1), p);
}

/* The rows player i of the wavefront updates: low[i] .. top[i]. */
typedef struct wave_rows {
    ptrdiff_t low[WAVE_PLAYERS], top[WAVE_PLAYERS];
} wave_rows;

/* Steps g1 .. g0 (descending) of the wavefront, tile by tile. */
static void band(uint64_t *const *row, const psi_ss_layout *L, size_t t0, const int64_t *w,
                 size_t T, uint64_t p, const wave_rows *R, ptrdiff_t g0, ptrdiff_t g1,
                 size_t lag)
{
    size_t tiles = (size_t)(L->hi[L->K] / WAVE_TILE) + 1;
    size_t diagonals = tiles + lag * (size_t)(g0 - g1);
    for (size_t d = 0; d < diagonals; d++) {
        for (ptrdiff_t g = g0; g >= g1; g--) {
            size_t behind = lag * (size_t)(g0 - g);
            if (d < behind || d - behind >= tiles)
                continue;
            int64_t xa = (int64_t)(d - behind) * WAVE_TILE, xb = xa + WAVE_TILE - 1;
            for (size_t i = 0; i < T; i++) {
                ptrdiff_t k = g + (ptrdiff_t)i;
                if (k >= R->low[i] && k <= R->top[i])
                    add_row_tile(row, L, t0 + i, w[i], (size_t)k, xa, xb, p);
            }
        }
    }
}

void psi_ss_add_wave(uint64_t *const *row, const psi_ss_layout *L, size_t t0, const int64_t *w,
                     size_t T, uint64_t p, size_t kmin, size_t kmax)
{
    int64_t wmax = 0;
    for (size_t i = 0; i < T; i++)
        wmax = w[i] > wmax ? w[i] : wmax;
    size_t lag = (size_t)((wmax + WAVE_TILE - 1) / WAVE_TILE);
    if (lag == 0)
        lag = 1;
    /* Player i updates rows min(t0 + i + 1, kmax) down to kmin, and the
     * copies below down to kmin - T + 1 + i (the triangle above), at steps
     * g = k - i. */
    wave_rows R;
    ptrdiff_t gtop = PTRDIFF_MIN, gbot = PTRDIFF_MAX;
    for (size_t i = 0; i < T; i++) {
        ptrdiff_t low = (ptrdiff_t)kmin - (ptrdiff_t)T + 1 + (ptrdiff_t)i;
        size_t top = t0 + i + 1 < kmax ? t0 + i + 1 : kmax;
        R.low[i] = low > 1 ? low : 1;
        R.top[i] = (ptrdiff_t)top;
        if (R.top[i] < R.low[i])
            continue;
        gtop = R.top[i] - (ptrdiff_t)i > gtop ? R.top[i] - (ptrdiff_t)i : gtop;
        gbot = R.low[i] - (ptrdiff_t)i < gbot ? R.low[i] - (ptrdiff_t)i : gbot;
    }
    for (ptrdiff_t g0 = gtop; g0 >= gbot; g0 -= WAVE_STEPS) {
        if (psi_cancelled())
            return; /* incomplete: ps_power_compute discards it */
        ptrdiff_t g1 = g0 - WAVE_STEPS + 1 > gbot ? g0 - WAVE_STEPS + 1 : gbot;
        band(row, L, t0, w, T, p, &R, g0, g1, lag);
    }
}
