/*
 * power_bench.c - times the power engine on a weighted game file.
 *
 * Usage: power_bench FILE INDEX [--threads N] [--approx SAMPLES] [--float]
 * FILE: first line the quota, then one weight per line (the format of EPIC's
 * test cases). INDEX: banzhaf, shapley_shubik, ... (ps_index_parse syntax).
 * Prints the wall time of ps_power_compute alone, then player 1's value
 * (exact fraction digits counted, not printed in full) and the sum of the
 * doubles, so that runs can be compared with other programs. --float runs
 * the floating-point mode (PS_POWER_FLOAT) and prints its error bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "powershare/game.h"
#include "powershare/power.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s FILE INDEX [--threads N] [--approx SAMPLES] [--float]\n",
                argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    long long q, x;
    if (fscanf(f, "%lld", &q) != 1) {
        fprintf(stderr, "%s: no quota\n", argv[1]);
        return 3;
    }
    size_t n = 0, cap = 64;
    int64_t *w = malloc(cap * sizeof *w);
    while (fscanf(f, "%lld", &x) == 1) {
        if (n == cap)
            w = realloc(w, (cap *= 2) * sizeof *w);
        w[n++] = x;
    }
    fclose(f);
    ps_error err;
    ps_game *g = NULL;
    if (ps_game_from_weights(&g, w, n, q, &err) < 0) {
        fprintf(stderr, "%s: %s\n", argv[1], err.message);
        return 3;
    }
    ps_power_options opt;
    ps_power_options_init(&opt);
    if (ps_index_parse(&opt.indices, argv[2], &err) < 0) {
        fprintf(stderr, "%s\n", err.message);
        return 2;
    }
    for (int a = 3; a < argc; a += 2) {
        if (strcmp(argv[a], "--float") == 0) {
            opt.method = PS_POWER_FLOAT;
            a -= 1; /* it takes no value */
            continue;
        }
        if (a + 1 == argc) {
            fprintf(stderr, "option %s needs a value\n", argv[a]);
            return 2;
        }
        if (strcmp(argv[a], "--approx") == 0) {
            opt.method = PS_POWER_APPROX;
            opt.samples = strtoull(argv[a + 1], NULL, 10);
        } else if (strcmp(argv[a], "--threads") == 0) {
            opt.threads = (unsigned)strtoul(argv[a + 1], NULL, 10);
        } else {
            fprintf(stderr, "unknown option %s\n", argv[a]);
            return 2;
        }
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ps_power *p = NULL;
    int rc = ps_power_compute(&p, g, &opt, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (rc < 0) {
        fprintf(stderr, "error: %s\n", err.message);
        return 1;
    }
    printf("file %s players %zu quota %lld index %s method %s\n", argv[1], n, q, argv[2],
           p->method);
    printf("time %.3f s\n", secs);
    for (int k = 0; k < PS_INDEX_COUNT; k++) {
        if (!p->values[k])
            continue;
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += p->values[k][i].value;
        const ps_fraction *v = &p->values[k][0];
        printf("%s: player 1 = %.12g", ps_index_name((ps_index)k), v->value);
        if (v->num)
            printf(" (exact: %zu-digit numerator / %zu-digit denominator)", strlen(v->num),
                   strlen(v->den));
        if (p->half_width[k] && p->samples == 0) { /* floating point: error bounds */
            double most = 0;
            for (size_t i = 0; i < n; i++)
                most = p->half_width[k][i] > most ? p->half_width[k][i] : most;
            printf(" +- %.3g (error bound; largest %.3g)", p->half_width[k][0], most);
        } else if (p->half_width[k]) {
            printf(" +- %.3g", p->half_width[k][0]);
        }
        printf("; sum over players %.12g\n", sum);
    }
    ps_power_free(p);
    ps_game_free(g);
    free(w);
    return 0;
}
