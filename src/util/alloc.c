/*
 * alloc.c - the library's allocation functions, with failure injection.
 *
 * The torture test (tests/unit/test_alloc.c) runs a whole load-and-analyse
 * job with the n-th allocation failing, for every n, and checks that each
 * run ends in PS_ENOMEM with nothing leaked. The counter is atomic so that
 * threaded stages can be tortured too.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static _Atomic long fail_after = -1; /* < 0: never fail */
static _Atomic long allocations;
static _Atomic long live;

void psi_alloc_fail_after(long n)
{
    atomic_store(&allocations, 0);
    atomic_store(&fail_after, n);
}

long psi_alloc_count(void)
{
    return atomic_load(&allocations);
}

long psi_alloc_live(void)
{
    return atomic_load(&live);
}

static void *counted(void *p)
{
    if (p)
        atomic_fetch_add(&live, 1);
    return p;
}

static int should_fail(void)
{
    long made = atomic_fetch_add(&allocations, 1);
    long limit = atomic_load(&fail_after);
    return limit >= 0 && made >= limit;
}

void *psi_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return counted(malloc(size ? size : 1));
}

void *psi_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    if (count == 0 || size == 0)
        count = size = 1;
    return counted(calloc(count, size));
}

void *psi_malloc_array(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    return psi_malloc(count * size);
}

void *psi_realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    void *p = realloc(ptr, size ? size : 1);
    return ptr ? p : counted(p);
}

void *psi_realloc_array(void *ptr, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    return psi_realloc(ptr, count * size);
}

void psi_free(void *ptr)
{
    if (ptr)
        atomic_fetch_sub(&live, 1);
    free(ptr);
}

char *psi_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *copy = psi_malloc(n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *psi_strdup(const char *s)
{
    return s ? psi_strndup(s, strlen(s)) : NULL;
}

void ps_free(void *ptr)
{
    psi_free(ptr);
}
