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
 * MPI_UINT64_T, MPI_SUM, ...), and `pass_up` from MPI_Sendrecv to the
 * next rank. Any other transport will do: the only operation needed is
 * that element-wise sum; `pass_up` makes the exchange of a table held by
 * all the processes (power.h, max_memory) cost the same on any number of
 * them.
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
    /* Optional: sends send[0 .. len) to process rank + 1 and replaces
     * recv[0 .. len) by what process rank - 1 sent (the last process sends
     * nothing, the first receives nothing and its recv is left as it is).
     * Returns 0, or nonzero when the exchange failed. Called by every
     * process with the same len; send and recv do not overlap. NULL: the
     * library does it with one sum of size x len words, which moves size
     * times the words; a point-to-point send (MPI_Sendrecv) moves len. */
    int (*pass_up)(void *ctx, const uint64_t *send, uint64_t *recv, size_t len);
} ps_share;

#ifdef __cplusplus
}
#endif

#endif
