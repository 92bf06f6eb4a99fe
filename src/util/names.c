/*
 * names.c - the string -> index table (names.h).
 */
#include <stdint.h>
#include <string.h>

#include "names.h"
#include "util.h"

static uint64_t fnv1a(const char *s, size_t tag)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)tag;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

long psi_names_find(const psi_names *t, const size_t *tags, const char *s, size_t tag)
{
    if (!t->slot_cap)
        return -1;
    size_t mask = t->slot_cap - 1;
    for (size_t i = (size_t)fnv1a(s, tag) & mask;; i = (i + 1) & mask) {
        size_t k = t->slot[i];
        if (!k)
            return -1;
        if ((!tags || tags[k - 1] == tag) && strcmp(t->name[k - 1], s) == 0)
            return (long)(k - 1);
    }
}

static void place(psi_names *t, size_t idx, size_t tag)
{
    size_t mask = t->slot_cap - 1;
    size_t i = (size_t)fnv1a(t->name[idx], tag) & mask;
    while (t->slot[i])
        i = (i + 1) & mask;
    t->slot[i] = idx + 1;
}

long psi_names_add(psi_names *t, const size_t *tags, const char *s, size_t tag)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **grown = psi_realloc_array(t->name, cap, sizeof *grown);
        if (!grown)
            return PS_ENOMEM;
        t->name = grown;
        t->cap = cap;
    }
    if (2 * (t->n + 1) > t->slot_cap) { /* at most half full */
        size_t cap = t->slot_cap ? t->slot_cap * 2 : 32;
        size_t *slot = psi_calloc(cap, sizeof *slot);
        if (!slot)
            return PS_ENOMEM;
        psi_free(t->slot);
        t->slot = slot;
        t->slot_cap = cap;
        for (size_t i = 0; i < t->n; i++)
            place(t, i, tags ? tags[i] : 0);
    }
    if (!(t->name[t->n] = psi_strdup(s)))
        return PS_ENOMEM;
    place(t, t->n, tag);
    return (long)t->n++;
}

void psi_names_free(psi_names *t)
{
    for (size_t i = 0; t->name && i < t->n; i++)
        psi_free(t->name[i]);
    psi_free(t->name);
    psi_free(t->slot);
}
