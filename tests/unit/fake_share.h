/*
 * fake_share.h - several "processes" of a ps_share (powershare/share.h) as
 * threads of one test, so that the stages' splitting of work among MPI
 * ranks is tested without MPI (and under the sanitizers).
 *
 * fake_world_run(size, body, arg) starts `size` threads; thread r calls
 * body(share_r, r, arg), share_r being rank r of size whose sum adds the
 * words of all threads (a barrier, an accumulator, a barrier).
 */
#ifndef POWERSHARE_FAKE_SHARE_H
#define POWERSHARE_FAKE_SHARE_H

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "powershare/share.h"

#define FAKE_MAX_RANKS 8

typedef struct fake_world {
    size_t size;
    pthread_barrier_t barrier;
    pthread_mutex_t lock;
    uint64_t *acc;
    int failed;
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
    pthread_barrier_wait(&w->barrier);
    if (me->rank == 0) {
        w->acc = calloc(len ? len : 1, sizeof *w->acc);
        w->failed = w->acc == NULL;
    }
    pthread_barrier_wait(&w->barrier);
    if (!w->failed) {
        pthread_mutex_lock(&w->lock);
        for (size_t j = 0; j < len; j++)
            w->acc[j] += words[j];
        pthread_mutex_unlock(&w->lock);
    }
    pthread_barrier_wait(&w->barrier);
    int failed = w->failed;
    if (!failed)
        memcpy(words, w->acc, len * sizeof *words);
    pthread_barrier_wait(&w->barrier);
    if (me->rank == 0) {
        free(w->acc);
        w->acc = NULL;
    }
    return failed ? -1 : 0;
}

static void *fake_rank_main(void *arg)
{
    fake_rank *me = arg;
    me->body(&me->share, me->rank, me->arg);
    return NULL;
}

static inline void fake_world_run(size_t size,
                                  void (*body)(const ps_share *share, unsigned rank, void *arg),
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
        ranks[r] = (fake_rank){&w, r, {r, (unsigned)size, fake_sum, &ranks[r]}, body, arg};
        pthread_create(&tid[r], NULL, fake_rank_main, &ranks[r]);
    }
    for (unsigned r = 0; r < size; r++)
        pthread_join(tid[r], NULL);
    pthread_barrier_destroy(&w.barrier);
    pthread_mutex_destroy(&w.lock);
}

#endif
