/*
 * shared.c - sums and gathers over the processes of a ps_share (shared.h).
 */
#include <string.h>

#include "shared.h"

int psi_shared_check(const ps_share *s, ps_error *err)
{
    if (s && s->size > 1 && (!s->sum || s->rank >= s->size))
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "share: rank %u of %u processes, or no sum function", s->rank, s->size);
    return PS_OK;
}

int psi_shared_sum(const ps_share *s, uint64_t *words, size_t len, ps_error *err)
{
    if (psi_shared_size(s) == 1 || len == 0)
        return PS_OK;
    if (s->sum(s->ctx, words, len) != 0)
        return psi_error(err, PS_EIO, NULL, 0, 0,
                         "adding up the work of the %u processes failed", s->size);
    return PS_OK;
}

int psi_shared_pass_up(const ps_share *s, const uint64_t *send, uint64_t *recv, size_t len,
                       ps_error *err)
{
    size_t size = psi_shared_size(s), rank = psi_shared_rank(s);
    if (size == 1 || len == 0)
        return PS_OK;
    if (s->pass_up) {
        if (s->pass_up(s->ctx, send, recv, len) != 0)
            return psi_error(err, PS_EIO, NULL, 0, 0,
                             "sending words to the next of the %u processes failed", s->size);
        return PS_OK;
    }
    /* each process writes into the next one's slot of zeros */
    uint64_t *slots = psi_calloc(size * len, sizeof *slots);
    if (!slots)
        return psi_enomem(err);
    if (rank + 1 < size)
        memcpy(slots + (rank + 1) * len, send, len * sizeof *slots);
    int rc = psi_shared_sum(s, slots, size * len, err);
    if (rc == PS_OK && rank > 0)
        memcpy(recv, slots + rank * len, len * sizeof *slots);
    psi_free(slots);
    return rc;
}

int psi_shared_gather(const ps_share *s, const uint64_t *mine, size_t n, uint64_t **all,
                      size_t *n_all, ps_error *err)
{
    size_t size = psi_shared_size(s), rank = psi_shared_rank(s);
    *all = NULL;
    *n_all = 0;
    uint64_t *len = psi_calloc(size, sizeof *len);
    if (!len)
        return psi_enomem(err);
    len[rank] = n;
    int rc = psi_shared_sum(s, len, size, err);
    size_t total = 0, at = 0;
    for (size_t r = 0; rc == PS_OK && r < size; r++) {
        if (r == rank)
            at = total;
        total += (size_t)len[r];
    }
    psi_free(len);
    if (rc < 0)
        return rc;
    uint64_t *words = psi_calloc(total ? total : 1, sizeof *words);
    if (!words)
        return psi_enomem(err);
    if (n)
        memcpy(words + at, mine, n * sizeof *words);
    if ((rc = psi_shared_sum(s, words, total, err)) < 0) {
        psi_free(words);
        return rc;
    }
    *all = words;
    *n_all = total;
    return PS_OK;
}
