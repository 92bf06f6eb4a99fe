/*
 * cli_mpi.c - the commands' MPI ranks (cli_mpi.h).
 */
#include <stdlib.h>

#ifdef PS_WITH_MPI
#include <mpi.h>
#endif

#include "cli_mpi.h"

#ifdef PS_WITH_MPI
static int world_rank, world_size = 1;

static int allreduce_sum(void *ctx, uint64_t *words, size_t len)
{
    (void)ctx;
    /* in pieces, since MPI counts are ints */
    const size_t piece = (size_t)1 << 28;
    for (size_t at = 0; at < len; at += piece) {
        int count = (int)(len - at < piece ? len - at : piece);
        if (MPI_Allreduce(MPI_IN_PLACE, words + at, count, MPI_UINT64_T, MPI_SUM,
                          MPI_COMM_WORLD) != MPI_SUCCESS)
            return -1;
    }
    return 0;
}

static int sendrecv_up(void *ctx, const uint64_t *send, uint64_t *recv, size_t len)
{
    (void)ctx;
    int up = world_rank + 1 < world_size ? world_rank + 1 : MPI_PROC_NULL;
    int down = world_rank > 0 ? world_rank - 1 : MPI_PROC_NULL;
    const size_t piece = (size_t)1 << 28;
    for (size_t at = 0; at < len; at += piece) {
        int count = (int)(len - at < piece ? len - at : piece);
        if (MPI_Sendrecv(send + at, count, MPI_UINT64_T, up, 0, recv + at, count, MPI_UINT64_T,
                         down, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE) != MPI_SUCCESS)
            return -1;
    }
    return 0;
}

static ps_share world_share;
#endif

static void cli_mpi_start(int *rank, int *n_ranks)
{
    *rank = 0;
    *n_ranks = 1;
#ifdef PS_WITH_MPI
    int inited = 0;
    MPI_Initialized(&inited);
    if (!inited)
        MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &world_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &world_size);
    world_share = (ps_share){(unsigned)world_rank, (unsigned)world_size, allreduce_sum, NULL,
                             sendrecv_up};
    if (world_rank != 0) { /* messages and output once, from rank 0 */
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            world_rank += 0; /* nowhere left to say so */
    }
    *rank = world_rank;
    *n_ranks = world_size;
#endif
}

static void cli_mpi_finish(int status)
{
#ifdef PS_WITH_MPI
    if (status == EXIT_FAILURE_ && world_size > 1) {
        fflush(stdout);
        fflush(stderr);
        MPI_Abort(MPI_COMM_WORLD, status);
    }
    MPI_Finalize();
#else
    (void)status;
#endif
}

int cli_mpi_run(int (*run)(int argc, char **argv, int rank, int n_ranks), int argc,
                char **argv)
{
    int rank = 0, n_ranks = 1;
    cli_mpi_start(&rank, &n_ranks);
    int status = run(argc, argv, rank, n_ranks);
    cli_mpi_finish(status);
    return status;
}

const ps_share *cli_mpi_share(void)
{
#ifdef PS_WITH_MPI
    return world_size > 1 ? &world_share : NULL;
#else
    return NULL;
#endif
}

int cli_read_input(char **text, size_t *len, const char *path, ps_error *err)
{
#ifdef PS_WITH_MPI
    if (world_size > 1) {
        long long head[2] = {0, 0}; /* return code, length */
        *text = NULL;
        *len = 0;
        if (world_rank == 0) {
            head[0] = ps_file_read(text, len, path, err);
            head[1] = (long long)*len;
        }
        if (MPI_Bcast(head, 2, MPI_LONG_LONG, 0, MPI_COMM_WORLD) != MPI_SUCCESS)
            return psi_error(err, PS_EIO, ps_file_display_name(path), 0, 0,
                             "MPI_Bcast of the input failed");
        if (head[0] < 0) /* rank 0 has the message and prints it */
            return world_rank == 0 ? (int)head[0]
                                   : psi_error(err, (int)head[0], ps_file_display_name(path),
                                               0, 0, "rank 0 could not read the input");
        size_t n = (size_t)head[1]; /* at most PS_IO_MAX_FILE_BYTES: fits an int */
        /* a rank cannot leave the broadcast half-way: the others would wait */
        if (world_rank != 0 && !(*text = psi_malloc(n + 1)))
            MPI_Abort(MPI_COMM_WORLD, EXIT_FAILURE_);
        if (MPI_Bcast(*text, (int)n, MPI_CHAR, 0, MPI_COMM_WORLD) != MPI_SUCCESS) {
            psi_free(*text);
            *text = NULL;
            return psi_error(err, PS_EIO, ps_file_display_name(path), 0, 0,
                             "MPI_Bcast of the input failed");
        }
        (*text)[n] = '\0';
        *len = n;
        return PS_OK;
    }
#endif
    return ps_file_read(text, len, path, err);
}

int cli_document_load(ps_document **out, const char *path, ps_error *err)
{
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = cli_read_input(&text, &len, path, err);
    if (rc == PS_OK)
        rc = ps_document_read(out, text, len, ps_file_display_name(path), err);
    psi_free(text);
    return rc;
}
