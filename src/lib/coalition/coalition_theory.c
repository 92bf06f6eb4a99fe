/*
 * coalition_theory.c - what the classic coalition theories look at: policy
 * positions, the median and the largest party, connectedness, and the
 * description of one coalition (seats, surplus, critical members).
 *
 * Definitions follow Laver & Schofield, Multiparty Government (1990), ch. 5:
 *   - median party: the party holding the median legislator when the
 *     parties with seats are ordered by position (Black 1958). With an even
 *     seat total the two middle legislators may sit in two parties; both
 *     count (a party qualifies when neither side of it holds more than half
 *     the seats).
 *   - minimal connected winning (Axelrod 1970): winning, "connected" (every
 *     party with seats strictly between the leftmost and the rightmost
 *     member is in), and losing as soon as a member at either end leaves.
 *     Connected coalitions are intervals of the order by position, so they
 *     are listed directly: for each pair of end positions, the parties
 *     strictly inside plus a non-empty subset of the parties sitting at
 *     each end (several parties may share a position).
 *   - minimal range (Leiserson 1966): max - min position of the members;
 *     minimal policy distance (de Swaan 1973), here as the seat-weighted
 *     variance of the members' positions around their seat-weighted mean.
 * Positions are doubles (they are estimates); ties are decided with a
 * relative tolerance of 1e-9 in coalition_find.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "coalition_impl.h"

static const char *const theory_names[PS_THEORY_COUNT] = {
    "minimal", "minimum", "bargaining", "connected", "range", "distance"};
static const char *const theory_titles[PS_THEORY_COUNT] = {
    "minimal winning: every member needed",
    "minimum winning: fewest seats (Riker)",
    "bargaining proposition: fewest parties (Leiserson)",
    "minimal connected winning (Axelrod)",
    "minimal range on the dimension (Leiserson)",
    "minimal policy distance: seat-weighted variance (de Swaan)"};

const char *ps_theory_name(ps_theory t)
{
    return (unsigned)t < PS_THEORY_COUNT ? theory_names[t] : "unknown";
}

const char *ps_theory_title(ps_theory t)
{
    return (unsigned)t < PS_THEORY_COUNT ? theory_titles[t] : "unknown";
}

int ps_theory_parse(ps_theory *out, const char *text, ps_error *err)
{
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        if (text && !strcmp(text, theory_names[t])) {
            *out = (ps_theory)t;
            return PS_OK;
        }
    return psi_error(err, PS_EINVAL, NULL, 0, 0,
                     "unknown theory '%s'; expected minimal, minimum, bargaining, connected, "
                     "range or distance",
                     text ? text : "");
}

bool ps_theory_needs_dimension(ps_theory t)
{
    return t == PS_THEORY_CONNECTED || t == PS_THEORY_RANGE || t == PS_THEORY_DISTANCE;
}

const char *ps_role_name(ps_role r)
{
    switch (r) {
    case PS_ROLE_SHOW: return "show";
    case PS_ROLE_SUBSTANCE: return "substance";
    default: return "absent";
    }
}

ps_role ps_coalition_role(const ps_coalition *c, const ps_condition *cond, size_t community)
{
    if (!cond || community >= cond->n_communities)
        return PS_ROLE_ABSENT;
    ps_members in = c->members & cond->community_lists[community];
    if (!in)
        return PS_ROLE_ABSENT;
    return (in & c->critical) ? PS_ROLE_SUBSTANCE : PS_ROLE_SHOW;
}

void ps_coalition_options_init(ps_coalition_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->dimension = -1;
}

int psi_masks_push(ps_members **masks, size_t *n, size_t *cap, ps_members m)
{
    if (*n == *cap) {
        size_t want = *cap ? *cap * 2 : 64;
        ps_members *grown = psi_realloc_array(*masks, want, sizeof *grown);
        if (!grown)
            return PS_ENOMEM;
        *masks = grown;
        *cap = want;
    }
    (*masks)[(*n)++] = m;
    return PS_OK;
}

void psi_geo_free(psi_geo *g)
{
    if (g)
        psi_free(g->pos);
}

static int64_t seats_of(const ps_game *game, size_t i)
{
    return game->weights[i];
}

int psi_geo_init(psi_geo *g, const ps_game *game, const ps_legislature *leg,
                 const ps_condition *cond, long dim, ps_error *err)
{
    memset(g, 0, sizeof *g);
    g->game = game;
    g->cond = cond;
    g->dim = dim;
    g->n = game->n_players;
    int64_t most = -1;
    for (size_t i = 0; i < g->n; i++)
        if (seats_of(game, i) > most)
            most = seats_of(game, i);
    for (size_t i = 0; i < g->n; i++)
        if (seats_of(game, i) == most)
            g->largest |= PS_MEMBER(i);
    if (dim < 0)
        return PS_OK;
    if ((size_t)dim >= leg->n_dimensions)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "dimension index %ld out of range", dim);
    g->pos = psi_malloc_array(g->n ? g->n : 1, sizeof *g->pos);
    if (!g->pos)
        return psi_enomem(err);
    char missing[700];
    size_t n_missing = 0, len = 0;
    missing[0] = '\0';
    for (size_t i = 0; i < g->n; i++) {
        double x = leg->parties[i].positions ? leg->parties[i].positions[dim] : NAN;
        g->pos[i] = seats_of(game, i) > 0 ? x : NAN;
        if (seats_of(game, i) > 0 && isnan(x)) {
            if (len + 80 < sizeof missing) {
                int w = snprintf(missing + len, sizeof missing - len, "%s%s",
                                 n_missing ? ", " : "", leg->parties[i].id);
                if (w > 0)
                    len += (size_t)w;
            }
            n_missing++;
        }
    }
    if (n_missing) {
        psi_free(g->pos);
        g->pos = NULL;
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "dimension '%s': %zu part%s with seats ha%s no position: %s%s",
                         leg->dimensions[dim].id, n_missing, n_missing == 1 ? "y" : "ies",
                         n_missing == 1 ? "s" : "ve", missing,
                         len + 80 >= sizeof missing ? ", ..." : "");
    }
    /* the median party: neither side holds more than half the seats */
    int64_t total = 0;
    for (size_t i = 0; i < g->n; i++)
        total += seats_of(game, i);
    for (size_t i = 0; i < g->n; i++) {
        if (seats_of(game, i) <= 0)
            continue;
        int64_t left = 0, right = 0;
        for (size_t j = 0; j < g->n; j++) {
            if (j == i || seats_of(game, j) <= 0)
                continue;
            /* parties at the same position are ordered by file order */
            if (g->pos[j] < g->pos[i] || (j < i && g->pos[j] == g->pos[i]))
                left += seats_of(game, j);
            else
                right += seats_of(game, j);
        }
        if (2 * left <= total && 2 * right <= total)
            g->median |= PS_MEMBER(i);
    }
    return PS_OK;
}

void psi_geo_spread(const psi_geo *g, ps_members m, double *range, double *variance)
{
    if (g->dim < 0 || !g->pos) {
        *range = NAN;
        *variance = NAN;
        return;
    }
    double lo = INFINITY, hi = -INFINITY, sw = 0, swx = 0;
    for (ps_members r = m; r; r &= r - 1) {
        size_t i = (size_t)__builtin_ctzll(r);
        if (isnan(g->pos[i]))
            continue;
        double w = (double)seats_of(g->game, i), x = g->pos[i];
        lo = x < lo ? x : lo;
        hi = x > hi ? x : hi;
        sw += w;
        swx += w * x;
    }
    if (sw <= 0) {
        *range = 0;
        *variance = 0;
        return;
    }
    double mean = swx / sw, v = 0;
    for (ps_members r = m; r; r &= r - 1) {
        size_t i = (size_t)__builtin_ctzll(r);
        if (!isnan(g->pos[i]))
            v += (double)seats_of(g->game, i) * (g->pos[i] - mean) * (g->pos[i] - mean);
    }
    *range = hi - lo;
    *variance = v / sw;
}

bool psi_geo_mcw(const psi_geo *g, ps_members m, const int64_t *sums)
{
    if (g->dim < 0 || !g->pos || !m || !psi_up_wins(g->game, g->cond, m, sums))
        return false;
    double lo = INFINITY, hi = -INFINITY;
    for (ps_members r = m; r; r &= r - 1) {
        size_t i = (size_t)__builtin_ctzll(r);
        if (isnan(g->pos[i]))
            return false; /* a member without seats is never needed */
        lo = g->pos[i] < lo ? g->pos[i] : lo;
        hi = g->pos[i] > hi ? g->pos[i] : hi;
    }
    for (size_t i = 0; i < g->n; i++)
        if (!isnan(g->pos[i]) && g->pos[i] > lo && g->pos[i] < hi && !(m & PS_MEMBER(i)))
            return false;
    size_t n = g->game->n_players;
    for (ps_members r = m; r; r &= r - 1) {
        size_t i = (size_t)__builtin_ctzll(r);
        if (g->pos[i] != lo && g->pos[i] != hi)
            continue;
        ps_members rest = m & ~PS_MEMBER(i);
        bool wins = true;
        for (size_t l = 0; l < g->game->n_layers && wins; l++)
            wins = sums[l] - g->game->weights[l * n + i] >= g->game->quotas[l];
        if (wins && psi_up_holds(g->cond, rest))
            return false;
    }
    return true;
}

int psi_geo_connected(const psi_geo *g, ps_members **masks, size_t *n, size_t *cap,
                      uint64_t *count, ps_error *err)
{
    *count = 0;
    if (g->dim < 0 || !g->pos)
        return PS_OK;
    /* distinct positions, sorted, and the parties at each */
    size_t np = g->n, ng = 0;
    double xs[PS_COALITION_MAX_PLAYERS];
    ps_members at[PS_COALITION_MAX_PLAYERS];
    for (size_t i = 0; i < np; i++) {
        if (isnan(g->pos[i]))
            continue;
        size_t k = 0;
        while (k < ng && xs[k] < g->pos[i])
            k++;
        if (k < ng && xs[k] == g->pos[i]) {
            at[k] |= PS_MEMBER(i);
            continue;
        }
        memmove(xs + k + 1, xs + k, (ng - k) * sizeof *xs);
        memmove(at + k + 1, at + k, (ng - k) * sizeof *at);
        xs[k] = g->pos[i];
        at[k] = PS_MEMBER(i);
        ng++;
    }
    for (size_t k = 0; k < ng; k++)
        if (psi_popcount(at[k]) > 16)
            return psi_error(err, PS_ERANGE, NULL, 0, 0,
                             "%zu parties share one position: too many for the connected "
                             "theory",
                             psi_popcount(at[k]));
    int64_t sums[64];
    int64_t *s = g->game->n_layers <= 64 ? sums : psi_calloc(g->game->n_layers, sizeof *s);
    if (!s)
        return psi_enomem(err);
    int rc = PS_OK;
    for (size_t a = 0; a < ng && rc == 0; a++) {
        ps_members inner = 0;
        for (size_t b = a; b < ng && rc == 0; b++) {
            if (b > a + 1)
                inner |= at[b - 1];
            /* non-empty subsets of the parties at each end */
            for (ps_members sa = at[a]; sa && rc == 0; sa = (sa - 1) & at[a]) {
                ps_members B = b > a ? at[b] : 0, sb = B;
                do {
                    ps_members m = inner | sa | sb;
                    psi_game_sums(g->game, m, s);
                    if (psi_geo_mcw(g, m, s) && ps_condition_meets(g->cond, m)) {
                        (*count)++;
                        if (psi_masks_push(masks, n, cap, m) < 0)
                            rc = psi_enomem(err);
                    }
                    sb = (sb - 1) & B;
                } while (sb && rc == 0);
            }
        }
    }
    if (s != sums)
        psi_free(s);
    return rc;
}

void psi_describe(ps_coalition *out, const psi_geo *g, ps_members members, int64_t *sums)
{
    const ps_game *game = g->game;
    memset(out, 0, sizeof *out);
    psi_game_sums(game, members, sums);
    out->members = members;
    out->n_members = psi_popcount(members);
    out->seats = sums[0];
    out->surplus = sums[0] - game->quotas[0];
    out->winning = psi_sums_win(game, sums);
    out->critical = out->winning ? psi_critical(game, members, sums) : 0;
    out->feasible = ps_condition_meets(g->cond, members);
    out->minimal = psi_up_wins(game, g->cond, members, sums) &&
                   psi_is_minimal(game, g->cond, members, sums);
    out->connected = psi_geo_mcw(g, members, sums);
    out->has_median = (members & g->median) != 0;
    out->has_largest = (members & g->largest) != 0;
    psi_geo_spread(g, members, &out->range, &out->variance);
}

int ps_coalition_describe(ps_coalition *out, const ps_game *game, const ps_legislature *leg,
                          const ps_condition *cond, long dimension, ps_members members,
                          ps_error *err)
{
    memset(out, 0, sizeof *out);
    if (!game || !leg || game->n_players != leg->n_parties)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the game and the legislature have different parties");
    if (game->n_players > PS_COALITION_MAX_PLAYERS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0, "more than %d parties",
                         PS_COALITION_MAX_PLAYERS);
    int refused = ps_game_require_and(game, "describing a coalition", err);
    if (refused < 0)
        return refused;
    psi_geo g;
    int rc = psi_geo_init(&g, game, leg, cond, dimension, err);
    if (rc < 0)
        return rc;
    int64_t local[64];
    int64_t *sums = game->n_layers <= 64 ? local : psi_calloc(game->n_layers, sizeof *sums);
    if (!sums) {
        psi_geo_free(&g);
        return psi_enomem(err);
    }
    members &= game->n_players == 64 ? ~(ps_members)0 : PS_MEMBER(game->n_players) - 1;
    psi_describe(out, &g, members, sums);
    if (sums != local)
        psi_free(sums);
    psi_geo_free(&g);
    return PS_OK;
}

int ps_coalition_format(char **out, const ps_coalition *c, const ps_legislature *leg,
                        bool mark_surplus, ps_error *err)
{
    psi_buf b;
    psi_buf_init(&b);
    bool first = true;
    for (size_t i = 0; i < leg->n_parties && i < PS_COALITION_MAX_PLAYERS; i++) {
        if (!(c->members & PS_MEMBER(i)))
            continue;
        bool surplus = mark_surplus && !(c->critical & PS_MEMBER(i));
        psi_buf_printf(&b, "%s%s%s%s", first ? "" : " + ", surplus ? "[" : "",
                       leg->parties[i].id, surplus ? "]" : "");
        first = false;
    }
    if (first)
        psi_buf_puts(&b, "(none)");
    *out = psi_buf_take(&b);
    return *out ? PS_OK : psi_enomem(err);
}
