/*
 * game_rule_compile.c - a rule applied to a legislature: its game, and a
 * sentence that says what the rule asks.
 *
 * The quota of seats is the first layer (ps_game_from_legislature: a share
 * quota counts all seats, unattributed ones included, or only the seats
 * filled with "of": "present"). Each further condition adds one layer in the
 * order min_parties, consent, presence, veto, layers, so that layer indices
 * are stable for reports.
 *
 * An and/or tree (rule.h) is compiled node by node: a node's own conditions
 * form one AND group, each "and" child is joined to it by ps_game_and (the
 * cross product of groups), and each "or" child is added by ps_game_or, so
 * that the game comes out in disjunctive normal form. A rule without "or"
 * and "and" gives the same one-group game as before.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "powershare/rule.h"

static int unknown(const ps_rule *rule, const ps_rule_name *name, const char *what,
                   const char *hint, ps_error *err)
{
    const char *file = name->line ? rule->source : NULL;
    return psi_error(err, PS_EDATA, file, name->line, name->column, "no %s '%s' in the legislature%s",
                     what, name->id, hint);
}

/* Weights of an extra layer, and the total its share quota refers to. */
static int layer_weights(int64_t *w, int64_t *base, const ps_legislature *leg,
                         const ps_rule *rule, const ps_rule_layer *layer, ps_error *err)
{
    const char *file = layer->line ? rule->source : NULL;
    long dim = -1;
    *base = 0;
    if (strcmp(layer->weights, "seats") && strcmp(layer->weights, "votes") &&
        strcmp(layer->weights, "parties")) {
        dim = ps_legislature_find_dimension(leg, layer->weights);
        if (dim < 0)
            return psi_error(err, PS_EDATA, file, layer->line, layer->column,
                             "layer weights '%s': expected seats, votes, parties or the id of a "
                             "policy dimension", layer->weights);
    }
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        if (!strcmp(layer->weights, "seats")) {
            w[i] = p->seats;
        } else if (!strcmp(layer->weights, "parties")) {
            w[i] = 1;
        } else if (!strcmp(layer->weights, "votes")) {
            if (p->votes == PS_UNKNOWN)
                return psi_error(err, PS_EDATA, file, layer->line, layer->column,
                                 "layer weights 'votes': party '%s' has no votes", p->id);
            w[i] = p->votes;
        } else {
            double x = p->positions ? p->positions[dim] : NAN;
            if (!(x >= 0) || x != floor(x) || x > 9.0e18)
                return psi_error(err, PS_EDATA, file, layer->line, layer->column,
                                 "layer weights '%s': party '%s' needs a whole, non-negative "
                                 "value there", layer->weights, p->id);
            w[i] = (int64_t)x;
        }
        if (*base > INT64_MAX - w[i])
            return psi_error(err, PS_ERANGE, file, layer->line, layer->column,
                             "layer weights '%s' add up to more than 2^63", layer->weights);
        *base += w[i];
    }
    if (!strcmp(layer->weights, "seats"))
        *base = leg->total_seats;
    return PS_OK;
}

static int add_layers(ps_game *game, const ps_legislature *leg, const ps_rule *rule,
                      ps_error *err)
{
    int rc = PS_OK;
    if (rule->min_parties)
        rc = ps_game_add_min_players(game, rule->min_parties, err);
    for (int l = PS_RULE_CONSENT; rc == PS_OK && l <= PS_RULE_PRESENCE; l++)
        for (size_t i = 0; rc == PS_OK && i < rule->n[l]; i++) {
            const ps_rule_name *name = &rule->names[l][i];
            if (ps_legislature_find_community(leg, name->id) < 0)
                return unknown(rule, name, "community", "", err);
            rc = ps_game_add_community(game, leg, name->id, l == PS_RULE_CONSENT, err);
        }
    for (size_t i = 0; rc == PS_OK && i < rule->n[PS_RULE_VETO]; i++) {
        const ps_rule_name *name = &rule->names[PS_RULE_VETO][i];
        long p = ps_legislature_find_party(leg, name->id);
        if (p < 0)
            return unknown(rule, name, "party", " (veto)", err);
        rc = ps_game_add_veto(game, (size_t)p, err);
    }
    if (rc < 0 || rule->n_layers == 0)
        return rc;
    int64_t *w = psi_malloc_array(leg->n_parties, sizeof *w);
    if (!w)
        return psi_enomem(err);
    for (size_t i = 0; rc == PS_OK && i < rule->n_layers; i++) {
        const ps_rule_layer *layer = &rule->layers[i];
        int64_t base, quota;
        rc = layer_weights(w, &base, leg, rule, layer, err);
        if (rc == PS_OK && (rc = ps_quota_parse(&quota, layer->quota, base, err)) < 0)
            psi_error(err, rc, layer->line ? rule->source : NULL, layer->line, layer->column,
                      "layer quota '%s' is not valid", layer->quota);
        if (rc == PS_OK)
            rc = ps_game_add_layer(game, w, quota, err);
    }
    psi_free(w);
    return rc;
}

/* The plain game of a node's own conditions (no "and", no "or"); zero
 * layers when a sub-rule has none. */
static int own_game(ps_game **out, const ps_legislature *leg, const ps_rule *rule,
                    ps_error *err)
{
    ps_game *game = NULL;
    *out = NULL;
    int rc;
    if (rule->quota) {
        rc = ps_game_from_legislature(&game, leg, rule->quota, rule->of_present, err);
        if (rc < 0 && err && rule->quota_line) { /* point at the quota in the file */
            snprintf(err->file, sizeof err->file, "%s", rule->source ? rule->source : "");
            err->line = rule->quota_line;
            err->column = rule->quota_column;
        } else if (rc < 0 && err && !err->file[0] && rule->source) { /* name the file */
            snprintf(err->file, sizeof err->file, "%s", rule->source);
        }
    } else {
        rc = ps_game_new(&game, leg->n_parties, err);
    }
    if (rc < 0)
        return rc;
    rc = add_layers(game, leg, rule, err);
    if (rc < 0) {
        ps_game_free(game);
        return rc;
    }
    *out = game;
    return PS_OK;
}

/* a := a op b, b freed; a position for a limit error. */
static int combine(ps_game **a, ps_game *b, bool any, const ps_rule *at, ps_error *err)
{
    ps_game *t = NULL;
    int rc = any ? ps_game_or(&t, *a, b, err) : ps_game_and(&t, *a, b, err);
    ps_game_free(b);
    if (rc == PS_ERANGE)
        rc = psi_error(err, PS_EDATA, at->line ? at->source : NULL, at->line, at->column,
                       "%s", err ? err->message : "too many alternatives");
    if (rc < 0)
        return rc;
    ps_game_free(*a);
    *a = t;
    return PS_OK;
}

static int compile_node(ps_game **out, const ps_legislature *leg, const ps_rule *rule,
                        ps_error *err)
{
    ps_game *game = NULL, *child = NULL;
    *out = NULL;
    int rc = own_game(&game, leg, rule, err);
    for (size_t i = 0; rc == PS_OK && i < rule->n_all_of; i++)
        if ((rc = compile_node(&child, leg, rule->all_of[i], err)) == PS_OK)
            rc = combine(&game, child, false, rule->all_of[i], err);
    if (rc == PS_OK && game->n_layers == 0) { /* no conditions of its own: only its "or" */
        ps_game_free(game);
        game = NULL;
    }
    for (size_t i = 0; rc == PS_OK && i < rule->n_any_of; i++) {
        if ((rc = compile_node(&child, leg, rule->any_of[i], err)) < 0)
            break;
        if (!game)
            game = child;
        else
            rc = combine(&game, child, true, rule->any_of[i], err);
    }
    if (rc == PS_OK && !game)
        rc = psi_error(err, PS_EDATA, rule->line ? rule->source : NULL, rule->line, rule->column,
                       "a rule in 'or' or 'and' has no condition; expected at least one of "
                       "quota, min_parties, consent, presence, veto, layers");
    if (rc < 0) {
        ps_game_free(game);
        return rc;
    }
    *out = game;
    return PS_OK;
}

int ps_game_from_rule(ps_game **out, const ps_legislature *leg, const ps_rule *rule,
                      ps_error *err)
{
    return compile_node(out, leg, rule, err);
}

static void name_list(psi_buf *b, const ps_legislature *leg, const ps_rule_name *names, size_t n,
                      bool communities)
{
    for (size_t i = 0; i < n; i++) {
        const char *shown = names[i].id;
        long k = communities ? ps_legislature_find_community(leg, names[i].id)
                             : ps_legislature_find_party(leg, names[i].id);
        if (k >= 0)
            shown = communities ? leg->communities[k].name : leg->parties[k].name;
        psi_buf_printf(b, "%s%s", i == 0 ? "" : (i + 1 == n ? " and " : ", "), shown);
    }
}

/* A node's own conditions, as one phrase (", " between parts; a sub-rule
 * without a quota starts without one). */
static int describe_own(psi_buf *b, const ps_legislature *leg, const ps_rule *rule,
                        ps_error *err)
{
    ps_game *game = NULL;
    int rc = own_game(&game, leg, rule, err);
    if (rc < 0)
        return rc;
    psi_buf own;
    psi_buf_init(&own);
    if (rule->quota) {
        int64_t base = leg->total_seats - (rule->of_present ? leg->vacant_seats : 0);
        const char *of = rule->of_present ? "of the seats filled" : "of all seats";
        if (!strcmp(rule->quota, "majority"))
            psi_buf_printf(&own, "a majority %s (%lld of %lld)", of, (long long)game->quotas[0],
                           (long long)base);
        else if (strpbrk(rule->quota, "/%."))
            psi_buf_printf(&own, "%s %s (%lld of %lld)", rule->quota, of,
                           (long long)game->quotas[0], (long long)base);
        else
            psi_buf_printf(&own, "%lld seats (of %lld)", (long long)game->quotas[0],
                           (long long)base);
    }
    if (rule->min_parties)
        psi_buf_printf(&own, ", from at least %lld parties", (long long)rule->min_parties);
    if (rule->n[PS_RULE_CONSENT]) {
        psi_buf_puts(&own, ", with the consent (a majority of its own seats) of each of: ");
        name_list(&own, leg, rule->names[PS_RULE_CONSENT], rule->n[PS_RULE_CONSENT], true);
    }
    if (rule->n[PS_RULE_PRESENCE]) {
        psi_buf_puts(&own, ", including at least one list of each of: ");
        name_list(&own, leg, rule->names[PS_RULE_PRESENCE], rule->n[PS_RULE_PRESENCE], true);
    }
    if (rule->n[PS_RULE_VETO]) {
        psi_buf_puts(&own, ", with the agreement of ");
        name_list(&own, leg, rule->names[PS_RULE_VETO], rule->n[PS_RULE_VETO], false);
    }
    size_t first_extra = game->n_layers - rule->n_layers;
    for (size_t i = 0; i < rule->n_layers; i++)
        psi_buf_printf(&own, ", and %s of %s (%lld of %lld)", rule->layers[i].quota,
                       rule->layers[i].weights, (long long)game->quotas[first_extra + i],
                       (long long)game->totals[first_extra + i]);
    ps_game_free(game);
    char *text = psi_buf_take(&own);
    if (!text)
        return psi_enomem(err);
    const char *t = text;
    if (!rule->quota && !strncmp(t, ", and ", 6))
        t += 6;
    else if (!rule->quota && !strncmp(t, ", ", 2))
        t += 2;
    psi_buf_puts(b, t);
    psi_free(text);
    return PS_OK;
}

/* (own, and (each "and")), or (each "or"). */
static int describe_node(psi_buf *b, const ps_legislature *leg, const ps_rule *rule,
                         ps_error *err)
{
    int rc = describe_own(b, leg, rule, err);
    bool any_own = rule->quota || rule->min_parties || rule->n_layers ||
                   rule->n[PS_RULE_CONSENT] || rule->n[PS_RULE_PRESENCE] || rule->n[PS_RULE_VETO];
    for (size_t i = 0; rc == PS_OK && i < rule->n_all_of; i++) {
        psi_buf_puts(b, any_own || i ? ", and (" : "(");
        rc = describe_node(b, leg, rule->all_of[i], err);
        psi_buf_puts(b, ")");
    }
    any_own = any_own || rule->n_all_of;
    for (size_t i = 0; rc == PS_OK && i < rule->n_any_of; i++) {
        psi_buf_puts(b, any_own || i ? "; or (" : "(");
        rc = describe_node(b, leg, rule->any_of[i], err);
        psi_buf_puts(b, ")");
    }
    return rc;
}

int ps_rule_describe(char **out, const ps_legislature *leg, const ps_rule *rule, ps_error *err)
{
    ps_game *game = NULL;
    *out = NULL;
    int rc = ps_game_from_rule(&game, leg, rule, err); /* every error before any text */
    ps_game_free(game);
    if (rc < 0)
        return rc;
    psi_buf b;
    psi_buf_init(&b);
    rc = describe_node(&b, leg, rule, err);
    char *text = psi_buf_take(&b);
    if (rc < 0) {
        psi_free(text);
        return rc;
    }
    *out = text;
    return *out ? PS_OK : psi_enomem(err);
}
