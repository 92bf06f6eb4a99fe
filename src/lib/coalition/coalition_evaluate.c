/*
 * coalition_evaluate.c - judging one given government (government.h): its
 * description in the game (ps_coalition_describe), the condition's verdict
 * (ps_condition_judge), each community's role (ps_coalition_role), each
 * member's voting power inside the government and the smallest exits that
 * break its majority or its condition.
 *
 * Power inside: the chamber's game restricted to the members of S (every
 * layer keeps its quota and the members' weights) is itself a valid game
 * when S wins (S reaches every quota), so the power stage computes its
 * exact Banzhaf and Shapley-Shubik values as reduced fractions (power.h;
 * Felsenthal & Machover, The Measurement of Voting Power, 1998, on
 * subgames). The count of winning sub-coalitions comes from the Coleman
 * power of the collectivity to act, |W| / 2^|S|.
 *
 * Exits: the game is monotone, so a smallest X with S \ X losing is found by
 * trying the sets of members by size, 1, 2, ..., in lexicographic order of
 * party indexes, stopping at the first size with a hit (every set of that
 * size is still tried, to count them). The same search with "S \ X fails
 * the condition" gives the condition's exits; only required parties and
 * required communities can be broken by leaving, so the search runs only
 * when the condition has one of them.
 */
#include <string.h>

#include "coalition_impl.h"
#include "powershare/government.h"

/* num/den in lowest terms; 0/1 when either is not positive. */
static ps_ratio ratio_of(int64_t num, int64_t den)
{
    return den > 0 && num > 0 ? psi_ratio_reduced(num, den) : (ps_ratio){0, 1};
}

/* A decimal string of at most 39 digits as an unsigned 128-bit number. */
static psi_u128 parse_u128(const char *s)
{
    psi_u128 v = 0;
    for (; s && *s >= '0' && *s <= '9'; s++)
        v = v * 10u + (psi_u128)(unsigned)(*s - '0');
    return v;
}

void ps_government_free(ps_government *gov)
{
    if (!gov)
        return;
    for (size_t k = 0; gov->members && k < gov->n_members; k++) {
        psi_free(gov->members[k].banzhaf.num);
        psi_free(gov->members[k].banzhaf.den);
        psi_free(gov->members[k].shapley_shubik.num);
        psi_free(gov->members[k].shapley_shubik.den);
    }
    psi_free(gov->members);
    psi_free(gov->roles);
    psi_free(gov);
}

/* The subgame on the members of S (in the order of gov->members). */
static int subgame(ps_game **out, const ps_game *game, const ps_government *gov, ps_error *err)
{
    size_t m = gov->n_members;
    int64_t *w = psi_calloc(m, sizeof *w);
    if (!w)
        return psi_enomem(err);
    int rc = ps_game_new(out, m, err);
    for (size_t l = 0; rc == 0 && l < game->n_layers; l++) {
        for (size_t k = 0; k < m; k++)
            w[k] = game->weights[l * game->n_players + gov->members[k].party];
        rc = ps_game_add_layer(*out, w, game->quotas[l], err);
    }
    psi_free(w);
    if (rc < 0) {
        ps_game_free(*out);
        *out = NULL;
    }
    return rc;
}

/* Banzhaf, swings and Shapley-Shubik of the subgame; n_winning. */
static int power_inside(ps_government *gov, const ps_game *game, ps_error *err)
{
    ps_game *sub = NULL;
    int rc = subgame(&sub, game, gov, err);
    if (rc < 0)
        return rc;
    ps_power_options opt;
    ps_power_options_init(&opt);
    opt.method = PS_POWER_AUTO;
    opt.indices = PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_BANZHAF_RAW) |
                  PS_INDEX_BIT(PS_SHAPLEY_SHUBIK) | PS_INDEX_BIT(PS_COLEMAN_PREVENT);
    ps_power *pw = NULL;
    rc = ps_power_compute(&pw, sub, &opt, err);
    ps_game_free(sub);
    if (rc < 0)
        return rc;
    for (size_t k = 0; k < gov->n_members; k++) {
        ps_government_member *g = &gov->members[k];
        g->banzhaf = pw->values[PS_BANZHAF][k];
        g->shapley_shubik = pw->values[PS_SHAPLEY_SHUBIK][k];
        /* the strings now belong to gov */
        pw->values[PS_BANZHAF][k].num = pw->values[PS_BANZHAF][k].den = NULL;
        pw->values[PS_SHAPLEY_SHUBIK][k].num = pw->values[PS_SHAPLEY_SHUBIK][k].den = NULL;
        g->swings = (uint64_t)parse_u128(pw->values[PS_BANZHAF_RAW][k].num);
    }
    /* |W| = collective * 2^m, collective = num / den with den a power of 2 */
    psi_u128 num = parse_u128(pw->coleman_collective.num);
    psi_u128 den = parse_u128(pw->coleman_collective.den);
    psi_u128 all = (psi_u128)1 << gov->n_members;
    gov->n_winning = den ? (uint64_t)(num * (all / den)) : 0;
    gov->has_power = true;
    ps_power_free(pw);
    return PS_OK;
}

/* Whether S \ x breaks what is searched: the majority (loses the game) or
 * the condition (fails it). */
typedef struct exit_search {
    const ps_game *game;
    const ps_condition *cond;
    bool majority;
    int64_t *sums;
    ps_members s;
} exit_search;

static bool breaks(exit_search *e, ps_members x)
{
    ps_members rest = e->s & ~x;
    if (!e->majority)
        return !ps_condition_meets(e->cond, rest);
    psi_game_sums(e->game, rest, e->sums);
    return !psi_sums_win(e->game, e->sums);
}

static int find_exits(ps_government_exits *out, exit_search *e, const ps_government *gov,
                      ps_error *err)
{
    size_t m = gov->n_members;
    size_t idx[PS_COALITION_MAX_PLAYERS];
    uint64_t tries = 0;
    out->applies = true;
    for (size_t size = 1; size <= m; size++) {
        for (size_t j = 0; j < size; j++)
            idx[j] = j;
        for (;;) {
            if (++tries > PS_GOVERNMENT_MAX_EXIT_TRIES)
                return psi_error(err, PS_ERANGE, NULL, 0, 0,
                                 "the smallest exits of this %zu-member government need more "
                                 "than %llu tries of the rule",
                                 m, (unsigned long long)PS_GOVERNMENT_MAX_EXIT_TRIES);
            ps_members x = 0;
            for (size_t j = 0; j < size; j++)
                x |= PS_MEMBER(gov->members[idx[j]].party);
            if (breaks(e, x)) {
                if (out->n < PS_GOVERNMENT_EXITS_KEPT)
                    out->sets[out->n++] = x;
                out->count++;
            }
            /* the next combination of `size` of 0..m-1, lexicographically */
            size_t j = size;
            while (j > 0 && idx[j - 1] == m - size + j - 1)
                j--;
            if (j == 0)
                break;
            idx[j - 1]++;
            for (size_t k = j; k < size; k++)
                idx[k] = idx[k - 1] + 1;
        }
        if (out->count) {
            out->size = size;
            return PS_OK;
        }
    }
    return PS_OK;
}

static int check_args(const ps_game *game, const ps_legislature *leg, ps_members members,
                      const int64_t *posts, ps_error *err)
{
    if (!game || !leg || game->n_players != leg->n_parties)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the game and the legislature have different parties");
    if (leg->n_parties > PS_COALITION_MAX_PLAYERS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0, "more than %d parties",
                         PS_COALITION_MAX_PLAYERS);
    int rc = ps_game_require_and(game, "judging a government", err);
    if (rc < 0)
        return rc;
    if (!members)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "a government needs at least one member");
    if (leg->n_parties < 64 && (members >> leg->n_parties))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "a member beyond the last party");
    if (!posts)
        return PS_OK;
    int64_t total = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        bool in = (members & PS_MEMBER(i)) != 0;
        if (posts[i] < 0 || (!in && posts[i] != 0))
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "posts for '%s': %s", leg->parties[i].id,
                             posts[i] < 0 ? "a negative number" : "not a member");
        if (posts[i] > INT64_MAX - total)
            return psi_error(err, PS_ERANGE, NULL, 0, 0, "too many posts");
        total += posts[i];
    }
    if (total == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "posts given, but none above 0");
    return PS_OK;
}

static int evaluate(ps_government *gov, const ps_game *game, const ps_legislature *leg,
                    const ps_condition *cond, ps_members members, const int64_t *posts,
                    ps_error *err)
{
    int rc = ps_coalition_describe(&gov->coalition, game, leg, cond, -1, members, err);
    if (rc < 0)
        return rc;
    const ps_coalition *c = &gov->coalition;
    gov->quota = game->quotas[0];
    ps_condition_judge(&gov->verdict, cond, leg, members);
    gov->n_communities = leg->n_communities;
    gov->roles = psi_calloc(leg->n_communities ? leg->n_communities : 1, sizeof *gov->roles);
    gov->n_members = c->n_members;
    gov->members = psi_calloc(c->n_members, sizeof *gov->members);
    if (!gov->roles || !gov->members)
        return psi_enomem(err);
    /* the roles need the condition's lists of each community */
    ps_condition *empty = NULL;
    if (!cond && (rc = ps_condition_new(&empty, leg, err)) < 0)
        return rc;
    for (size_t k = 0; k < leg->n_communities; k++)
        gov->roles[k] = ps_coalition_role(c, cond ? cond : empty, k);
    ps_condition_free(empty);
    if (posts) {
        gov->has_posts = true;
        for (size_t i = 0; i < leg->n_parties; i++)
            gov->posts += posts[i];
    }
    size_t k = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (!(members & PS_MEMBER(i)))
            continue;
        ps_government_member *g = &gov->members[k++];
        g->party = i;
        g->seats = game->weights[i];
        g->seat_share = ratio_of(g->seats, c->seats);
        g->critical = (c->critical & PS_MEMBER(i)) != 0;
        g->surplus = c->winning && !g->critical;
        g->posts = posts ? posts[i] : -1;
        g->post_share = posts ? ratio_of(posts[i], gov->posts) : ratio_of(0, 1);
    }
    int64_t local[64];
    int64_t *sums = game->n_layers <= 64 ? local : psi_calloc(game->n_layers, sizeof *sums);
    if (!sums)
        return psi_enomem(err);
    exit_search e = {game, cond, true, sums, members};
    if (c->winning) {
        rc = power_inside(gov, game, err);
        if (rc == 0)
            rc = find_exits(&gov->majority_exit, &e, gov, err);
    }
    if (rc == 0 && cond && gov->verdict.constrains && gov->verdict.holds &&
        (cond->required || cond->communities_required)) {
        e.majority = false;
        rc = find_exits(&gov->condition_exit, &e, gov, err);
    }
    if (sums != local)
        psi_free(sums);
    return rc;
}

int ps_government_evaluate(ps_government **out, const ps_game *game, const ps_legislature *leg,
                           const ps_condition *cond, ps_members members, const int64_t *posts,
                           ps_error *err)
{
    if (!out)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no place for the result");
    *out = NULL;
    int rc = check_args(game, leg, members, posts, err);
    if (rc < 0)
        return rc;
    ps_government *gov = psi_calloc(1, sizeof *gov);
    if (!gov)
        return psi_enomem(err);
    rc = evaluate(gov, game, leg, cond, members, posts, err);
    if (rc < 0) {
        ps_government_free(gov);
        return rc;
    }
    *out = gov;
    return PS_OK;
}
