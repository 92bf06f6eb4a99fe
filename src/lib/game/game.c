/*
 * game.c - decision rules compiled into monotone simple games.
 *
 * A game is the intersection of weighted layers (a vector-weighted game in
 * the sense of Taylor & Zwicker, "Simple Games", 1999, ch. 3): every
 * condition of a rule (a quota of seats, a minimum number of parties, a veto,
 * a community's own majority as in the Northern Ireland Act 1998 s. 4(5), a
 * community's presence) is one layer, and a coalition wins iff it meets them
 * all. Validity is checked when a layer is added, so that a game in hand is
 * always one where the empty coalition loses and the grand coalition wins.
 * Shares ("2/3") become quotas by exact integer arithmetic: ceil(num * total
 * / den) in 128 bits.
 *
 * A rule with "or" is an OR of such AND groups (disjunctive normal form, to
 * which any and/or tree of weighted games flattens; Taylor & Zwicker, ch.
 * 1): the groups are consecutive runs of layers, and(a, b) takes the
 * pairwise unions of their groups, or(a, b) their concatenation.
 */
#include <string.h>

#include "util.h"
#include "powershare/game.h"
#include "powershare/number.h"

int ps_game_new(ps_game **out, size_t n_players, ps_error *err)
{
    if (!out)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_new: out is NULL");
    *out = NULL;
    if (n_players == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "a game needs at least one player");
    ps_game *g = psi_calloc(1, sizeof *g);
    if (!g)
        return psi_enomem(err);
    g->n_players = n_players;
    *out = g;
    return PS_OK;
}

void ps_game_free(ps_game *game)
{
    if (!game)
        return;
    psi_free(game->weights);
    psi_free(game->quotas);
    psi_free(game->totals);
    psi_free(game->group_start);
    psi_free(game);
}

int ps_game_copy(ps_game **out, const ps_game *game, ps_error *err)
{
    if (!out || !game)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_copy: NULL argument");
    *out = NULL;
    ps_game *g = NULL;
    int rc = ps_game_new(&g, game->n_players, err);
    if (rc < 0)
        return rc;
    size_t L = game->n_layers, n = game->n_players;
    if (L > 0) {
        g->weights = psi_malloc_array(L * n, sizeof *g->weights);
        g->quotas = psi_malloc_array(L, sizeof *g->quotas);
        g->totals = psi_malloc_array(L, sizeof *g->totals);
        if (!g->weights || !g->quotas || !g->totals) {
            ps_game_free(g);
            return psi_enomem(err);
        }
        memcpy(g->weights, game->weights, L * n * sizeof *g->weights);
        memcpy(g->quotas, game->quotas, L * sizeof *g->quotas);
        memcpy(g->totals, game->totals, L * sizeof *g->totals);
    }
    g->n_layers = L;
    if (game->n_groups >= 2) {
        g->group_start = psi_malloc_array(game->n_groups, sizeof *g->group_start);
        if (!g->group_start) {
            ps_game_free(g);
            return psi_enomem(err);
        }
        memcpy(g->group_start, game->group_start, game->n_groups * sizeof *g->group_start);
        g->n_groups = game->n_groups;
    }
    *out = g;
    return PS_OK;
}

int ps_game_add_layer(ps_game *game, const int64_t *weights, int64_t quota, ps_error *err)
{
    if (!game || !weights)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_add_layer: NULL argument");
    size_t n = game->n_players, L = game->n_layers;
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (weights[i] < 0)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "player %zu has a negative weight (%lld); expected a weight >= 0",
                             i + 1, (long long)weights[i]);
        if (weights[i] > INT64_MAX - total)
            return psi_error(err, PS_ERANGE, NULL, 0, 0,
                             "the total weight of the layer does not fit 64 bits");
        total += weights[i];
    }
    if (quota <= 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "quota %lld would let the empty coalition win; expected a quota >= 1",
                         (long long)quota);
    if (quota > total)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "quota %lld is above the total weight %lld: no coalition could win",
                         (long long)quota, (long long)total);
    if ((L + 1) > SIZE_MAX / n)
        return psi_enomem(err);
    int64_t *w = psi_realloc_array(game->weights, (L + 1) * n, sizeof *w);
    if (!w)
        return psi_enomem(err);
    game->weights = w;
    int64_t *q = psi_realloc_array(game->quotas, L + 1, sizeof *q);
    if (!q)
        return psi_enomem(err);
    game->quotas = q;
    int64_t *t = psi_realloc_array(game->totals, L + 1, sizeof *t);
    if (!t)
        return psi_enomem(err);
    game->totals = t;
    memcpy(w + L * n, weights, n * sizeof *w);
    q[L] = quota;
    t[L] = total;
    game->n_layers = L + 1;
    return PS_OK;
}

int ps_game_from_weights(ps_game **out, const int64_t *weights, size_t n_players,
                         int64_t quota, ps_error *err)
{
    if (!out)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_from_weights: out is NULL");
    *out = NULL;
    ps_game *g = NULL;
    int rc = ps_game_new(&g, n_players, err);
    if (rc < 0)
        return rc;
    rc = ps_game_add_layer(g, weights, quota, err);
    if (rc < 0) {
        ps_game_free(g);
        return rc;
    }
    *out = g;
    return PS_OK;
}

int ps_quota_parse(int64_t *out, const char *text, int64_t total, ps_error *err)
{
    static const char expected[] =
        "expected majority, unanimity, a share such as 2/3, 0.6 or 60%%, or a whole number";
    if (!out || !text)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_quota_parse: NULL argument");
    if (total <= 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "a quota needs a positive total weight (got %lld)", (long long)total);
    if (strcmp(text, "majority") == 0) {
        *out = total / 2 + 1;
        return PS_OK;
    }
    if (strcmp(text, "unanimity") == 0) {
        *out = total;
        return PS_OK;
    }
    if (strpbrk(text, "/.%") == NULL) {
        ps_error sub;
        int rc = ps_int64_parse(out, text, &sub);
        if (rc < 0)
            return psi_error(err, rc, NULL, 0, 0,
                             rc == PS_ERANGE ? "quota '%.40s': too large for 64 bits"
                                             : "quota '%.40s': expected \"majority\", "
                                               "\"unanimity\", a share (2/3, 60%%, 0.6) or a "
                                               "whole number",
                             text);
        return PS_OK;
    }
    ps_ratio r;
    ps_error sub;
    int rc = ps_ratio_parse(&r, text, &sub);
    if (rc < 0) {
        if (rc == PS_ERANGE)
            return psi_error(err, rc, NULL, 0, 0, "quota '%s' is too large", text);
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "quota '%s': %s", text, expected);
    }
    if (r.num <= 0 || r.num > r.den)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "quota '%s' is a share outside (0, 1]; expected for example 2/3",
                         text);
    psi_u128 prod = (psi_u128)(uint64_t)r.num * (uint64_t)total;
    psi_u128 q = (prod + (uint64_t)r.den - 1) / (uint64_t)r.den;
    *out = (int64_t)q; /* <= total since num <= den */
    return PS_OK;
}

int ps_game_add_min_players(ps_game *game, int64_t k, ps_error *err)
{
    if (!game)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_add_min_players: NULL game");
    if (k < 1 || (uint64_t)k > game->n_players)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "a minimum of %lld parties is impossible with %zu parties; "
                         "expected 1 to %zu",
                         (long long)k, game->n_players, game->n_players);
    int64_t *w = psi_malloc_array(game->n_players, sizeof *w);
    if (!w)
        return psi_enomem(err);
    for (size_t i = 0; i < game->n_players; i++)
        w[i] = 1;
    int rc = ps_game_add_layer(game, w, k, err);
    psi_free(w);
    return rc;
}

int ps_game_add_veto(ps_game *game, size_t player, ps_error *err)
{
    if (!game)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_add_veto: NULL game");
    if (player >= game->n_players)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "veto player %zu out of range; expected 1 to %zu", player + 1,
                         game->n_players);
    int64_t *w = psi_calloc(game->n_players, sizeof *w);
    if (!w)
        return psi_enomem(err);
    w[player] = 1;
    int rc = ps_game_add_layer(game, w, 1, err);
    psi_free(w);
    return rc;
}

int ps_game_add_consent(ps_game *game, const int64_t *weights, const bool *member,
                        ps_error *err)
{
    if (!game || !weights || !member)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_add_consent: NULL argument");
    int64_t *w = psi_calloc(game->n_players, sizeof *w);
    if (!w)
        return psi_enomem(err);
    int64_t total = 0;
    int rc = PS_OK;
    for (size_t i = 0; i < game->n_players; i++) {
        if (!member[i])
            continue;
        if (weights[i] < 0) {
            rc = psi_error(err, PS_EINVAL, NULL, 0, 0,
                           "player %zu has a negative weight (%lld)", i + 1,
                           (long long)weights[i]);
            goto done;
        }
        if (weights[i] > INT64_MAX - total) {
            rc = psi_error(err, PS_ERANGE, NULL, 0, 0, "the group's weight overflows 64 bits");
            goto done;
        }
        w[i] = weights[i];
        total += weights[i];
    }
    if (total == 0) {
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "the group has no weight, so it cannot give its consent");
        goto done;
    }
    rc = ps_game_add_layer(game, w, total / 2 + 1, err);
done:
    psi_free(w);
    return rc;
}

int ps_game_add_presence(ps_game *game, const bool *member, ps_error *err)
{
    if (!game || !member)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_add_presence: NULL argument");
    int64_t *w = psi_calloc(game->n_players, sizeof *w);
    if (!w)
        return psi_enomem(err);
    int any = 0;
    for (size_t i = 0; i < game->n_players; i++) {
        if (member[i]) {
            w[i] = 1;
            any = 1;
        }
    }
    int rc;
    if (!any)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "the group has no member, so it can never be present");
    else
        rc = ps_game_add_layer(game, w, 1, err);
    psi_free(w);
    return rc;
}

int ps_game_from_legislature(ps_game **out, const ps_legislature *leg, const char *quota,
                             bool of_present, ps_error *err)
{
    if (!out || !leg)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_from_legislature: NULL argument");
    *out = NULL;
    if (leg->n_parties == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "the legislature has no party");
    if (leg->total_seats <= 0) /* named: the caller may not know the file (CSV: its name) */
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "the legislature%s%.200s%s has no seat counts, so its total number of "
                         "seats is unknown; give each party its seats (a table of votes alone "
                         "is the input of 'powershare seats')",
                         leg->name && leg->name[0] ? " '" : "", leg->name ? leg->name : "",
                         leg->name && leg->name[0] ? "'" : "");
    int64_t base = leg->total_seats;
    if (of_present)
        base -= leg->vacant_seats > 0 ? leg->vacant_seats : 0;
    if (base <= 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "no seat is filled");
    int64_t *w = psi_malloc_array(leg->n_parties, sizeof *w);
    if (!w)
        return psi_enomem(err);
    int rc = PS_OK;
    ps_game *g = NULL;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (leg->parties[i].seats < 0) {
            rc = psi_error(err, PS_EDATA, NULL, 0, 0, "party '%s' has an unknown number of seats",
                           leg->parties[i].id);
            goto done;
        }
        w[i] = leg->parties[i].seats;
    }
    int64_t q;
    rc = ps_quota_parse(&q, quota ? quota : "majority", base, err);
    if (rc < 0)
        goto done;
    rc = ps_game_from_weights(&g, w, leg->n_parties, q, err);
    if (rc == PS_EDATA && q > 0)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "quota %lld of %lld seats is out of reach of the parties, which hold "
                       "%lld seats together",
                       (long long)q, (long long)base, (long long)ps_legislature_party_seats(leg));
    if (rc == PS_OK)
        *out = g;
done:
    psi_free(w);
    return rc;
}

int ps_game_add_community(ps_game *game, const ps_legislature *leg, const char *community,
                          bool consent, ps_error *err)
{
    if (!game || !leg || !community)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_add_community: NULL argument");
    if (game->n_players != leg->n_parties)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "the game has %zu players but the legislature %zu parties",
                         game->n_players, leg->n_parties);
    long c = ps_legislature_find_community(leg, community);
    if (c < 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "no community '%s' in the legislature",
                         community);
    size_t n = leg->n_parties;
    bool *member = psi_calloc(n, sizeof *member);
    int64_t *w = psi_calloc(n, sizeof *w);
    int rc;
    if (!member || !w) {
        rc = psi_enomem(err);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        member[i] = leg->parties[i].community == c;
        w[i] = leg->parties[i].seats > 0 ? leg->parties[i].seats : 0;
    }
    rc = consent ? ps_game_add_consent(game, w, member, err)
                 : ps_game_add_presence(game, member, err);
    if (rc == PS_EDATA)
        rc = psi_error(err, PS_EDATA, NULL, 0, 0, "community '%s' has no %s", community,
                       consent ? "seats" : "list");
done:
    psi_free(member);
    psi_free(w);
    return rc;
}

bool ps_game_is_winning(const ps_game *game, const bool *member)
{
    if (!game || !member)
        return false;
    size_t n = game->n_players, G = ps_game_group_count(game);
    for (size_t g = 0; g < G; g++) {
        size_t first, end, l;
        ps_game_group_range(game, g, &first, &end);
        for (l = first; l < end; l++) {
            const int64_t *w = game->weights + l * n;
            int64_t s = 0;
            for (size_t i = 0; i < n; i++)
                if (member[i])
                    s += w[i];
            if (s < game->quotas[l])
                break;
        }
        if (l == end)
            return true;
    }
    return false;
}

bool ps_game_sums_win(const ps_game *game, const int64_t *sums)
{
    size_t G = ps_game_group_count(game);
    for (size_t g = 0; g < G; g++) {
        size_t first, end, l;
        ps_game_group_range(game, g, &first, &end);
        for (l = first; l < end && sums[l] >= game->quotas[l]; l++)
            ;
        if (l == end)
            return true;
    }
    return false;
}

size_t ps_game_group_count(const ps_game *game)
{
    return game->n_groups >= 2 ? game->n_groups : 1;
}

void ps_game_group_range(const ps_game *game, size_t g, size_t *first, size_t *end)
{
    if (game->n_groups < 2) {
        *first = 0;
        *end = game->n_layers;
        return;
    }
    *first = game->group_start[g];
    *end = g + 1 < game->n_groups ? game->group_start[g + 1] : game->n_layers;
}

int ps_game_add_group(ps_game *game, ps_error *err)
{
    if (!game)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_add_group: NULL game");
    size_t G = ps_game_group_count(game), first, end;
    ps_game_group_range(game, G - 1, &first, &end);
    if (end == first)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "an alternative of the rule has no condition; expected at least "
                         "one layer before 'or'");
    if (G >= PS_GAME_MAX_GROUPS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "the rule has more than %d alternatives once its 'or' are spelled out",
                         PS_GAME_MAX_GROUPS);
    size_t *s = psi_realloc_array(game->group_start, G + 1, sizeof *s);
    if (!s)
        return psi_enomem(err);
    game->group_start = s;
    s[0] = 0;
    s[G] = game->n_layers;
    game->n_groups = G + 1;
    return PS_OK;
}

/* Appends layers [first, end) of src to dst (same players). */
static int append_layers(ps_game *dst, const ps_game *src, size_t first, size_t end,
                         ps_error *err)
{
    for (size_t l = first; l < end; l++) {
        int rc = ps_game_add_layer(dst, src->weights + l * src->n_players, src->quotas[l], err);
        if (rc < 0)
            return rc;
    }
    return PS_OK;
}

int ps_game_and(ps_game **out, const ps_game *a, const ps_game *b, ps_error *err)
{
    if (!out || !a || !b || a->n_players != b->n_players)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "ps_game_and: two games of the same players expected");
    *out = NULL;
    if (b->n_layers == 0)
        return ps_game_copy(out, a, err);
    if (a->n_layers == 0)
        return ps_game_copy(out, b, err);
    size_t Ga = ps_game_group_count(a), Gb = ps_game_group_count(b);
    if (Ga * Gb > PS_GAME_MAX_GROUPS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "the rule has %zu alternatives once its 'or' are spelled out, above "
                         "the limit of %d", Ga * Gb, PS_GAME_MAX_GROUPS);
    ps_game *g = NULL;
    int rc = ps_game_new(&g, a->n_players, err);
    for (size_t i = 0; rc == PS_OK && i < Ga; i++)
        for (size_t j = 0; rc == PS_OK && j < Gb; j++) {
            size_t fa, ea, fb, eb;
            ps_game_group_range(a, i, &fa, &ea);
            ps_game_group_range(b, j, &fb, &eb);
            if (i + j > 0)
                rc = ps_game_add_group(g, err);
            if (rc == PS_OK)
                rc = append_layers(g, a, fa, ea, err);
            if (rc == PS_OK)
                rc = append_layers(g, b, fb, eb, err);
        }
    if (rc < 0) {
        ps_game_free(g);
        return rc;
    }
    *out = g;
    return PS_OK;
}

int ps_game_or(ps_game **out, const ps_game *a, const ps_game *b, ps_error *err)
{
    if (!out || !a || !b || a->n_players != b->n_players || !a->n_layers || !b->n_layers)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "ps_game_or: two games of the same players, each with a layer, "
                         "expected");
    *out = NULL;
    size_t Ga = ps_game_group_count(a), Gb = ps_game_group_count(b);
    if (Ga + Gb > PS_GAME_MAX_GROUPS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "the rule has %zu alternatives once its 'or' are spelled out, above "
                         "the limit of %d", Ga + Gb, PS_GAME_MAX_GROUPS);
    ps_game *g = NULL;
    int rc = ps_game_copy(&g, a, err);
    for (size_t j = 0; rc == PS_OK && j < Gb; j++) {
        size_t fb, eb;
        ps_game_group_range(b, j, &fb, &eb);
        rc = ps_game_add_group(g, err);
        if (rc == PS_OK)
            rc = append_layers(g, b, fb, eb, err);
    }
    if (rc < 0) {
        ps_game_free(g);
        return rc;
    }
    *out = g;
    return PS_OK;
}

int ps_game_conjunction(ps_game **out, const ps_game *game, uint64_t groups, ps_error *err)
{
    if (!out || !game)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_game_conjunction: NULL argument");
    *out = NULL;
    size_t G = ps_game_group_count(game), n = game->n_players;
    if (!groups || (G < 64 && (groups >> G)))
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "ps_game_conjunction: groups must name 1 to %zu existing groups", G);
    /* keep[l]: layer l is in a selected group and no other selected layer
     * with the same weights asks more (ties: the first one is kept). */
    bool *in = psi_calloc(game->n_layers ? game->n_layers : 1, sizeof *in);
    if (!in)
        return psi_enomem(err);
    for (size_t g = 0; g < G; g++) {
        size_t first, end;
        ps_game_group_range(game, g, &first, &end);
        if (groups >> g & 1u)
            for (size_t l = first; l < end; l++)
                in[l] = true;
    }
    for (size_t l = 0; l < game->n_layers; l++) {
        if (!in[l])
            continue;
        for (size_t m = 0; m < game->n_layers; m++) {
            if (m == l || !in[m] ||
                memcmp(game->weights + l * n, game->weights + m * n, n * sizeof *game->weights))
                continue;
            if (game->quotas[m] > game->quotas[l] ||
                (m < l && game->quotas[m] == game->quotas[l])) {
                in[l] = false;
                break;
            }
        }
    }
    ps_game *g = NULL;
    int rc = ps_game_new(&g, n, err);
    for (size_t l = 0; rc == PS_OK && l < game->n_layers; l++)
        if (in[l])
            rc = ps_game_add_layer(g, game->weights + l * n, game->quotas[l], err);
    psi_free(in);
    if (rc < 0) {
        ps_game_free(g);
        return rc;
    }
    *out = g;
    return PS_OK;
}

int ps_game_require_and(const ps_game *game, const char *what, ps_error *err)
{
    if (!game || game->n_groups < 2)
        return PS_OK;
    return psi_error(err, PS_EDATA, NULL, 0, 0,
                     "%s takes a rule whose conditions must all hold; this rule says 'or' "
                     "(%zu alternatives), which only the power indices handle "
                     "(powershare power)",
                     what, game->n_groups);
}
