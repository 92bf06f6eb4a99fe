/*
 * shared.h - adding up and gathering numbers over the processes of a
 * ps_share (powershare/share.h), for the stages that split their work
 * among processes. Not installed.
 *
 * Alone (a NULL share, or size 0 or 1) every process is rank 0 of 1, sums
 * change nothing and a gather is a copy. Every process must make the same
 * calls in the same order; a process that fails on its own (out of memory)
 * returns without telling the others (share.h says what a caller does).
 */
#ifndef POWERSHARE_SHARED_H
#define POWERSHARE_SHARED_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "powershare/share.h"

static inline size_t psi_shared_rank(const ps_share *s)
{
    return s && s->size > 1 ? s->rank : 0;
}

static inline size_t psi_shared_size(const ps_share *s)
{
    return s && s->size > 1 ? s->size : 1;
}

/* PS_OK, or PS_EINVAL when a share of several processes has no sum or a
 * rank outside [0, size). */
int psi_shared_check(const ps_share *s, ps_error *err);

/* Replaces words[0 .. len) by their sums over the processes (modulo 2^64).
 * PS_OK or PS_EIO (the exchange failed). */
int psi_shared_sum(const ps_share *s, uint64_t *words, size_t len, ps_error *err);

/* Sends send[0 .. len) to the process of rank + 1 and replaces recv[0 ..
 * len) by what rank - 1 sent (rank 0: recv unchanged), with the share's
 * pass_up, or without one by a sum of size x len words. Alone: nothing.
 * PS_OK, PS_EIO or PS_ENOMEM. */
int psi_shared_pass_up(const ps_share *s, const uint64_t *send, uint64_t *recv, size_t len,
                       ps_error *err);

/* Every process's n words of `mine` concatenated in rank order, in every
 * process: *all (psi_malloc'd, *n_all words; freed with psi_free; never
 * NULL on success). Two sums: the vector of the processes' lengths (each
 * fills its own slot), then the words, each process writing its own at its
 * offset into zeros. PS_OK, PS_EIO or PS_ENOMEM. */
int psi_shared_gather(const ps_share *s, const uint64_t *mine, size_t n, uint64_t **all,
                      size_t *n_all, ps_error *err);

#endif
