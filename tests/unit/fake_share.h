/*
 * fake_share.h - several "processes" of a ps_share (powershare/share.h) as
 * threads of one test, so that the stages' splitting of work among MPI
 * ranks is tested without MPI (and under the sanitizers).
 *
 * fake_world_run(size, body, arg) starts `size` threads; thread r calls
 * body(share_r, r, arg), share_r being rank r of size whose sum adds the
 * words of all threads (an accumulator, a barrier, a copy, a barrier) and
 * whose pass_up copies each rank's words to the next one's (a barrier, a
 * copy, a barrier). fake_world_run_sum_only does the same with no pass_up,
 * so that the library's replacement for it (one sum) is tested too. Both
 * return false when the ranks called a sum or a pass_up with different
 * lengths (a stage whose processes disagree on what they exchange would
 * hang or mix words under MPI); the sums then add what all of them have.
 */
#ifndef POWERSHARE_FAKE_SHARE_H
#define POWERSHARE_FAKE_SHARE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "powershare/share.h"

#define FAKE_MAX_RANKS 72

typedef struct fake_world {
    size_t size;
    pthread_barrier_t barrier;
    pthread_mutex_t lock;
    uint64_t *acc; /* the sum under way, of len words */
    const uint64_t *sent[FAKE_MAX_RANKS]; /* the pass_up under way: each rank's words */
    size_t len;
    int failed;    /* its accumulator could not be allocated */
    int mismatch;  /* a sum's ranks gave different lengths */
} fake_world;

typedef struct fake_rank {
    fake_world *world;
    unsigned rank;
    ps_share share;
    void (*body)(const ps_share *share, unsigned rank, void *arg);
    void *arg;
} fake_rank;

static int fake_sum(void *ctx, uint64_t *words, size_t len)
{
    fake_rank *me = ctx;
    fake_world *w = me->world;
    pthread_mutex_lock(&w->lock);
    if (!w->acc && !w->failed) { /* the first rank to arrive */
        w->acc = calloc(len ? len : 1, sizeof *w->acc);
        w->len = len;
        w->failed = w->acc == NULL;
    }
    if (len != w->len)
        w->mismatch = 1;
    size_t common = len < w->len ? len : w->len;
    for (size_t j = 0; w->acc && j < common; j++)
        w->acc[j] += words[j];
    pthread_mutex_unlock(&w->lock);
    pthread_barrier_wait(&w->barrier);
    int failed = w->failed;
    if (!failed)
        memcpy(words, w->acc, common * sizeof *words);
    if (pthread_barrier_wait(&w->barrier) == PTHREAD_BARRIER_SERIAL_THREAD) {
        free(w->acc); /* the next sum starts afresh */
        w->acc = NULL;
        w->failed = 0;
    }
    pthread_barrier_wait(&w->barrier);
    return failed ? -1 : 0;
}

static int fake_pass_up(void *ctx, const uint64_t *send, uint64_t *recv, size_t len)
{
    fake_rank *me = ctx;
    fake_world *w = me->world;
    pthread_mutex_lock(&w->lock);
    if (me->rank == 0)
        w->len = len;
    pthread_mutex_unlock(&w->lock);
    w->sent[me->rank] = send;
    pthread_barrier_wait(&w->barrier);
    if (len != w->len) {
        pthread_mutex_lock(&w->lock);
        w->mismatch = 1;
        pthread_mutex_unlock(&w->lock);
    }
    size_t common = len < w->len ? len : w->len;
    if (me->rank > 0)
        memcpy(recv, w->sent[me->rank - 1], common * sizeof *recv);
    pthread_barrier_wait(&w->barrier);
    return 0;
}

static void *fake_rank_main(void *arg)
{
    fake_rank *me = arg;
    me->body(&me->share, me->rank, me->arg);
    return NULL;
}

static inline bool fake_world_run_with(size_t size, bool pass_up,
                                       void (*body)(const ps_share *share, unsigned rank,
                                                    void *arg),
                                       void *arg)
{
    fake_world w;
    memset(&w, 0, sizeof w);
    w.size = size;
    pthread_barrier_init(&w.barrier, NULL, (unsigned)size);
    pthread_mutex_init(&w.lock, NULL);
    fake_rank ranks[FAKE_MAX_RANKS];
    pthread_t tid[FAKE_MAX_RANKS];
    for (unsigned r = 0; r < size; r++) {
        ranks[r] = (fake_rank){&w, r, {r, (unsigned)size, fake_sum, &ranks[r],
                                       pass_up ? fake_pass_up : NULL}, body, arg};
        pthread_create(&tid[r], NULL, fake_rank_main, &ranks[r]);
    }
    for (unsigned r = 0; r < size; r++)
        pthread_join(tid[r], NULL);
    pthread_barrier_destroy(&w.barrier);
    pthread_mutex_destroy(&w.lock);
    return !w.mismatch;
}

static inline bool fake_world_run(size_t size,
                                  void (*body)(const ps_share *share, unsigned rank, void *arg),
                                  void *arg)
{
    return fake_world_run_with(size, true, body, arg);
}

static inline bool fake_world_run_sum_only(size_t size,
                                           void (*body)(const ps_share *share, unsigned rank,
                                                        void *arg),
                                           void *arg)
{
    return fake_world_run_with(size, false, body, arg);
}

#endif
