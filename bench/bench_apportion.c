/*
 * bench_apportion.c - times ps_apportion (Sainte-Lague) on a votes file.
 *
 *   bench_apportion gen N SEED          writes N deterministic vote counts
 *   bench_apportion run VOTES SEATS REPS SEATS_OUT
 *                                       prints the median time per call in
 *                                       microseconds, writes the seats
 *
 * The generator (splitmix64, counts 1..10,000,000) is here so that the C and
 * the JavaScript runs read the very same file. Built by bench/run-apportion.sh
 * against the static library; not part of the Meson build.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "powershare/apportion.h"

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int run(const char *path, int64_t seats, int reps, const char *out)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        perror(path);
        return 1;
    }
    size_t n = 0, cap = 16;
    int64_t *votes = malloc(cap * sizeof *votes);
    long long v;
    while (fscanf(fp, "%lld", &v) == 1) {
        if (n == cap)
            votes = realloc(votes, (cap *= 2) * sizeof *votes);
        votes[n++] = v;
    }
    fclose(fp);

    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.method = PS_SAINTE_LAGUE;
    opt.seats = seats;
    double *t = malloc((size_t)reps * sizeof *t);
    ps_apportionment *a = NULL;
    ps_error err;
    for (int r = 0; r < reps; r++) {
        ps_apportionment_free(a);
        double t0 = now_us();
        int rc = ps_apportion(&a, votes, n, &opt, &err);
        t[r] = now_us() - t0;
        if (rc != 0) {
            fprintf(stderr, "ps_apportion: %s\n", err.message);
            return 1;
        }
    }
    qsort(t, (size_t)reps, sizeof *t, cmp_double);
    printf("%.3f\n", t[reps / 2]);

    fp = fopen(out, "w");
    if (!fp) {
        perror(out);
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%lld\n", (long long)a->seats[i]);
    fclose(fp);
    ps_apportionment_free(a);
    free(votes);
    free(t);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "gen") == 0) {
        int n = atoi(argv[2]);
        uint64_t s = strtoull(argv[3], NULL, 10);
        for (int i = 0; i < n; i++)
            printf("%llu\n", (unsigned long long)(1 + splitmix64(&s) % 10000000));
        return 0;
    }
    if (argc == 6 && strcmp(argv[1], "run") == 0)
        return run(argv[2], atoll(argv[3]), atoi(argv[4]), argv[5]);
    fprintf(stderr, "usage: %s gen N SEED | run VOTES SEATS REPS SEATS_OUT\n", argv[0]);
    return 2;
}
