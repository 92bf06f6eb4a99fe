/*
 * powershare/share.h - one computation shared by several processes (the
 * ranks of an MPI job, for example).
 *
 * The library itself never starts or talks to other processes: the caller
 * runs the same call with the same input in every process, each with a
 * ps_share that says which process it is and how to add up numbers across
 * all of them. The stages that take a ps_share (power.h, coalition.h) split
 * their work by `rank`, compute their part, and put the parts together with
 * `sum`; every process then holds the whole result, the same bytes
 * whatever `size` and the threads of each process.
 *
 * The command-line program built with Open MPI (-Dmpi=enabled) fills one
 * from MPI_COMM_WORLD, `sum` being MPI_Allreduce(MPI_IN_PLACE, words, len,
 * MPI_UINT64_T, MPI_SUM, ...). Any other transport will do: the only
 * collective operation needed is that element-wise sum.
 *
 * Every process must make the same calls in the same order (the calls
 * decide identically on identical input). A process that fails on its
 * own, for example out of memory, returns its error without telling the
 * others, which may then wait in `sum`: an MPI caller should abort the job
 * (MPI_Abort) when one rank fails.
 */
#ifndef POWERSHARE_SHARE_H
#define POWERSHARE_SHARE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ps_share {
    unsigned rank; /* this process, in [0, size) */
    unsigned size; /* processes sharing the work; 0 and 1 mean alone */
    /* Replaces words[0 .. len) in every process by the sums of those of all
     * processes (modulo 2^64). Returns 0, or nonzero when the exchange
     * failed. Called by every process with the same len. */
    int (*sum)(void *ctx, uint64_t *words, size_t len);
    void *ctx;
} ps_share;

#ifdef __cplusplus
}
#endif

#endif
