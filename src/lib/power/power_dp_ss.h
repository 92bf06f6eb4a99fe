/*
 * power_dp_ss.h - the Shapley-Shubik table of power_dp_ss.c, in pieces that
 * work on a range of its rows, so that one table can be held by several
 * threads or processes (power_dp_ss_split.c). Not installed.
 *
 * Row k holds c[k][x], the coalitions of k players of weight x, for x in
 * [lo[k], hi[k]]. Every piece takes the rows as pointers, row[k] being the
 * word of weight lo[k]: the rows of a range may live anywhere, and the rows
 * just below it that an addition reads may be copies.
 */
#ifndef POWERSHARE_POWER_DP_SS_H
#define POWERSHARE_POWER_DP_SS_H

#include <stddef.h>
#include <stdint.h>

#include "power_modular.h"

typedef struct psi_ss_layout {
    size_t m;     /* players of positive weight */
    size_t K;     /* largest row */
    int64_t *lo;  /* [K+1] */
    int64_t *hi;  /* [K+1], already capped at q - 1 */
    size_t *off;  /* [K+2] row k is words off[k] .. off[k+1] of a whole table */
    int64_t *pre; /* [m+1] prefix sums of the weights in ascending order */
} psi_ss_layout;

/* The most players one pass adds (power_dp_ss.c). */
#define PSI_SS_BATCH_MAX 4

/* How many players the pass that starts after t of them adds: passes of
 * BATCH (2) players, then one at a time. The same for every caller, so that
 * a table held in pieces goes through the same passes. */
size_t psi_ss_batch(const psi_ss_layout *L, size_t t);

/* The highest weight row r can hold after the t lightest players (0 when
 * r > t: the row is still empty, and nothing of it is read). */
int64_t psi_ss_hi_after(const psi_ss_layout *L, size_t t, size_t r);

/* Adds players t .. t+B-1 (weights w[0 .. B)) to rows kmin .. kmax
 * (kmin >= 1) of the table holding the first t players. An added row k
 * reads rows k-B .. k before this pass, so rows kmin-B .. kmin-1 must hold
 * their values before it (a copy, when another thread updates them at the
 * same time). Modulo p. */
void psi_ss_add(uint64_t *const *row, const psi_ss_layout *L, size_t t, const int64_t *w,
                size_t B, uint64_t p, size_t kmin, size_t kmax);

/* How many players the wavefront that starts after t of them adds
 * (power_dp_ss_wave.c), 0 when too few are left (then psi_ss_batch's
 * passes add them). The same for every caller. */
size_t psi_ss_wave_players(const psi_ss_layout *L, size_t t);

/* Adds players t .. t+T-1 (weights w[0 .. T), T = psi_ss_wave_players) to
 * rows kmin .. kmax (kmin >= 1) of the table holding the first t players:
 * the same words as psi_ss_add, with each band of rows updated by all T
 * players while it is in cache. Rows kmin-T .. kmin-1 must hold their
 * values before it, zero beyond the weights they can hold yet; when
 * kmin > 1 they are copies, which it overwrites (the states of row kmin-1
 * that the later players read). Modulo p. Returns early, the table
 * incomplete, when cancelled. */
void psi_ss_add_wave(uint64_t *const *row, const psi_ss_layout *L, size_t t, const int64_t *w,
                     size_t T, uint64_t p, size_t kmin, size_t kmax);

/* Rows kmin .. kmax become their prefix sums along x, modulo p. */
void psi_ss_prefix(uint64_t *const *row, const psi_ss_layout *L, size_t kmin, size_t kmax,
                   uint64_t p);

/* Adds the share of rows kmin .. kmax (prefix sums, all m players added)
 * to res[g * m + k] = S_i[k] mod p for the players i of weight gw[g]. A
 * count's shares from several ranges add up to it. */
void psi_ss_removal(const uint64_t *const *row, const psi_ss_layout *L, const int64_t *gw,
                    size_t G, int64_t q, uint64_t p, size_t kmin, size_t kmax, uint64_t *res);

/* Cell updates of one residue plane (all passes over all rows). */
double psi_ss_plane_work(const psi_ss_layout *L);

/* One table shared by the processes of opt->share (power_dp_ss_split.c),
 * for a table above opt->max_memory in one process. */

/* The bytes a process needs when `size` processes of `threads` threads
 * each share one table: its rows, and the copies of the rows just below
 * each process's and each thread's rows, two players per pass (the least
 * it can need; wavefronts of players, faster, need the copies of more
 * rows below and are used when those fit too). */
double psi_ss_split_bytes(const psi_ss_layout *L, size_t size, size_t threads);

/* PS_OK when the processes of opt->share can hold the table within
 * opt->max_memory each; else PS_ERANGE, the message naming how many
 * processes would. */
int psi_ss_split_check_memory(const psi_ss_layout *L, int64_t q, const ps_power_options *opt,
                              ps_error *err);

/* The work limit when each of the P residue tables of layout L
 * (per_residue cell updates) is shared by all the processes: PS_OK, or
 * PS_ERANGE naming how many processes would bring each below
 * opt->max_work (at most one per row of the table). */
int psi_ss_split_check_work(const psi_ss_layout *L, const char *what, double per_residue,
                            size_t P, const ps_power_options *opt, ps_error *err);

/* Fills res[j * G * m + g * m + k] for every modulus j of mods, each table
 * shared by all processes of opt->share (each with opt->threads threads),
 * one modulus after another; the same words in every process. res is
 * zeroed by the caller. PS_OK, PS_ENOMEM, PS_EIO or PS_ECANCELED. */
int psi_ss_split_planes(const psi_ss_layout *L, const int64_t *v, const int64_t *gw, size_t G,
                        int64_t q, const psi_moduli *mods, const ps_power_options *opt,
                        uint64_t *res, ps_error *err);

#endif
