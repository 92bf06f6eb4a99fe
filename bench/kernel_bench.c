/*
 * kernel_bench.c - what one core of this machine can do for the exact
 * power programs' inner loop, d[j] += s[j] on 64-bit words, so that the
 * programs' measured cell updates per second can be set against it.
 *
 * Usage: kernel_bench [MEGABYTES]   (default 512)
 * Prints updates per second (one update = one word read from s, one read
 * and written in d) for
 *   - tables far larger than the caches (2 x MEGABYTES): memory bandwidth;
 *   - 16 KB rows, reused: the throughput of the vector units from L1;
 *   - the same with the reduction modulo a prime below 2^62 (add, compare,
 *     subtract), which is what the residue planes other than 2^64 do.
 * Compiled with -O3 -march=native by bench/run-power.sh; plain C, no
 * library.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void add_plain(uint64_t *restrict d, const uint64_t *restrict s, size_t n)
{
    for (size_t j = 0; j < n; j++)
        d[j] += s[j];
}

static void add_mod(uint64_t *restrict d, const uint64_t *restrict s, size_t n, uint64_t p)
{
    for (size_t j = 0; j < n; j++) {
        uint64_t x = d[j] + s[j];
        d[j] = x >= p ? x - p : x;
    }
}

/* Updates per second of `rounds` passes of add over n words. */
static double rate(uint64_t *d, const uint64_t *s, size_t n, int rounds, uint64_t p)
{
    double t0 = now();
    for (int r = 0; r < rounds; r++) {
        if (p)
            add_mod(d, s, n, p);
        else
            add_plain(d, s, n);
        __asm__ volatile("" ::: "memory");
    }
    return (double)n * rounds / (now() - t0);
}

int main(int argc, char **argv)
{
    size_t mb = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 512;
    size_t big = mb * 1024 * 1024 / sizeof(uint64_t), small = 2048;
    uint64_t *d = malloc(big * sizeof *d), *s = malloc(big * sizeof *s);
    if (!d || !s)
        return 1;
    for (size_t j = 0; j < big; j++) {
        d[j] = j;
        s[j] = j * 3;
    }
    const uint64_t p = (((uint64_t)1 << 62) - ((uint64_t)1 << 40)) + 1;
    double dram = 0, cache = 0, cache_mod = 0, dram_mod = 0;
    for (int rep = 0; rep < 3; rep++) { /* best of three */
        double x = rate(d, s, big, 4, 0);
        dram = x > dram ? x : dram;
        x = rate(d, s, big, 4, p);
        dram_mod = x > dram_mod ? x : dram_mod;
        x = rate(d, s, small, 200000, 0);
        cache = x > cache ? x : cache;
        x = rate(d, s, small, 200000, p);
        cache_mod = x > cache_mod ? x : cache_mod;
    }
    printf("words: %zu MB tables, 16 KB rows\n", 2 * mb);
    printf("memory (d += s, tables >> cache): %.2e updates/s = %.1f GB/s\n", dram, dram * 24 / 1e9);
    printf("memory, modulo a prime:          %.2e updates/s\n", dram_mod);
    printf("L1 (d += s, 16 KB rows):          %.2e updates/s\n", cache);
    printf("L1, modulo a prime:               %.2e updates/s\n", cache_mod);
    printf("checksum %llu\n", (unsigned long long)(d[big / 2] ^ d[small / 2]));
    free(d);
    free(s);
    return 0;
}
