/*
 * cli_mpi.h - the commands that run on Open MPI ranks (simulate, power,
 * coalitions) when the program is built with -Dmpi=enabled (PS_WITH_MPI).
 *
 * Every rank runs the same command on the same input: rank 0 alone reads
 * each input file and broadcasts its bytes (mpirun gives standard input to
 * rank 0 alone, and a FIFO can be read once), the library shares the work
 * through a ps_share whose sum is MPI_Allreduce and whose pass_up is
 * MPI_Sendrecv to the next rank (share.h), and rank 0 alone
 * writes; the other ranks send their standard output and error to
 * /dev/null, so that messages appear once. Built without MPI, the same
 * calls are those of one process alone.
 */
#ifndef POWERSHARE_CLI_MPI_H
#define POWERSHARE_CLI_MPI_H

#include "cli.h"

/* A command on every rank: starts MPI (once per process), runs run(argc,
 * argv, rank, n_ranks) (rank 0 of 1 without MPI), ends MPI and returns
 * run's status. Every rank fails alike on bad input or usage (exit codes 2
 * and 3) and ends normally; a rank that fails on its own (out of memory:
 * status EXIT_FAILURE_) aborts the job instead, so that no rank is left
 * waiting for it in a sum. */
int cli_mpi_run(int (*run)(int argc, char **argv, int rank, int n_ranks), int argc,
                char **argv);
/* The ranks as a ps_share for the library, NULL alone. */
const ps_share *cli_mpi_share(void);
/* Reads the file at path whole (ps_file_read: "-", pipes and FIFOs too);
 * under MPI rank 0 reads and broadcasts the bytes, or its failure. *text
 * is freed with psi_free. */
int cli_read_input(char **text, size_t *len, const char *path, ps_error *err);
/* ps_document_load through cli_read_input. */
int cli_document_load(ps_document **out, const char *path, ps_error *err);

#endif
