/* power_helpers.c - the power tests' shared helpers (power_helpers.h). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "power_helpers.h"

ps_power *compute(const ps_game *g, unsigned indices, ps_power_method method)
{
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.indices = indices;
    opt.method = method;
    ps_power *p = NULL;
    ps_error err;
    int rc = ps_power_compute(&p, g, &opt, &err);
    cr_assert_eq(rc, PS_OK, "power: %s", err.message);
    return p;
}

ps_game *weighted(const int64_t *w, size_t n, int64_t q)
{
    ps_game *g = NULL;
    ps_error err;
    cr_assert_eq(ps_game_from_weights(&g, w, n, q, &err), PS_OK, "%s", err.message);
    return g;
}

void expect_frac(const ps_fraction *f, const char *want, const char *what, size_t i)
{
    char got[4096];
    if (strcmp(f->den, "1") == 0)
        snprintf(got, sizeof got, "%s", f->num);
    else
        snprintf(got, sizeof got, "%s/%s", f->num, f->den);
    cr_expect_str_eq(got, want, "%s of player %zu: got %s, want %s", what, i + 1, got, want);
}

void expect_all(const ps_power *p, ps_index k, const char *const *want)
{
    cr_assert_not_null(p->values[k], "%s computed", ps_index_name(k));
    for (size_t i = 0; i < p->n_players; i++)
        expect_frac(&p->values[k][i], want[i], ps_index_name(k), i);
}

ps_game *random_game(size_t n, uint64_t seed)
{
    int64_t w[64], total = 0;
    uint64_t x = seed;
    cr_assert_leq(n, 64);
    for (size_t i = 0; i < n; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        w[i] = (int64_t)(x >> 33) % 200 + 1;
        total += w[i];
    }
    return weighted(w, n, total / 2 + 1);
}
