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
 *
 * An alternative that no coalition of this chamber can reach (a quota
 * above what all parties hold together, more parties than there are) is
 * dropped, and the description says so in its place: a rule written for
 * a full chamber still works when seats are vacant or a member left. A
 * node's own conditions (with its "and") count as one more alternative
 * beside its "or". Only when every alternative is out of reach is the rule
 * refused, with the error of the first.
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

/* ---- alternatives out of reach ------------------------------------------- */

static bool has_own(const ps_rule *rule)
{
    return rule->quota || rule->min_parties || rule->n_layers || rule->n[PS_RULE_CONSENT] ||
           rule->n[PS_RULE_PRESENCE] || rule->n[PS_RULE_VETO];
}

/* True when no coalition can meet the node's own conditions, with the
 * reason in why. Anything that cannot be judged here (a bad quota text, a
 * dimension without values) is left to the compiler's own error. */
static bool own_out_of_reach(const ps_legislature *leg, const ps_rule *rule, char *why,
                             size_t size)
{
    int64_t q;
    if (rule->quota && leg->total_seats != PS_UNKNOWN) {
        int64_t base = leg->total_seats - (rule->of_present ? leg->vacant_seats : 0);
        int64_t held = ps_legislature_party_seats(leg);
        if (base > 0 && ps_quota_parse(&q, rule->quota, base, NULL) == PS_OK && q > held) {
            snprintf(why, size, "%lld seats asked, the parties hold %lld", (long long)q,
                     (long long)held);
            return true;
        }
    }
    if (rule->min_parties > (int64_t)leg->n_parties) {
        snprintf(why, size, "%lld parties asked, there are %zu", (long long)rule->min_parties,
                 leg->n_parties);
        return true;
    }
    if (rule->n_layers == 0)
        return false;
    int64_t *w = psi_malloc_array(leg->n_parties ? leg->n_parties : 1, sizeof *w);
    bool out = false;
    for (size_t i = 0; w && !out && i < rule->n_layers; i++) {
        const ps_rule_layer *layer = &rule->layers[i];
        int64_t base, sum = 0;
        if (layer_weights(w, &base, leg, rule, layer, NULL) < 0 || base <= 0 ||
            ps_quota_parse(&q, layer->quota, base, NULL) < 0)
            continue;
        for (size_t k = 0; k < leg->n_parties; k++)
            sum += w[k];
        if (q > sum) {
            snprintf(why, size, "%lld of %s asked, the parties have %lld", (long long)q,
                     layer->weights, (long long)sum);
            out = true;
        }
    }
    psi_free(w);
    return out;
}

static bool out_of_reach(const ps_legislature *leg, const ps_rule *rule, char *why, size_t size);

/* The node's own conditions and its "and": out of reach when any is. */
static bool part_out_of_reach(const ps_legislature *leg, const ps_rule *rule, char *why,
                              size_t size)
{
    if (own_out_of_reach(leg, rule, why, size))
        return true;
    for (size_t i = 0; i < rule->n_all_of; i++)
        if (out_of_reach(leg, rule->all_of[i], why, size))
            return true;
    return false;
}

/* The whole node: its own part (when it has one) and every "or". */
static bool out_of_reach(const ps_legislature *leg, const ps_rule *rule, char *why, size_t size)
{
    char first[256] = "";
    bool part = has_own(rule) || rule->n_all_of;
    if (part && !part_out_of_reach(leg, rule, first, sizeof first))
        return false;
    for (size_t i = 0; i < rule->n_any_of; i++)
        if (!out_of_reach(leg, rule->any_of[i], part ? why : first, part ? size : sizeof first))
            return false;
    if (!part && rule->n_any_of == 0)
        return false; /* no condition at all: the compiler's error */
    snprintf(why, size, "%s", first);
    return true;
}

/* ---- the game ------------------------------------------------------------- */

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
    char why[256];
    /* Out-of-reach alternatives are dropped unless all are (then the first
     * one's error stands). */
    bool drop = !out_of_reach(leg, rule, why, sizeof why);
    int rc = PS_OK;
    if (drop && (has_own(rule) || rule->n_all_of) && part_out_of_reach(leg, rule, why, sizeof why))
        rc = ps_game_new(&game, leg->n_parties, err); /* own part dropped: only the "or" */
    else {
        rc = own_game(&game, leg, rule, err);
        for (size_t i = 0; rc == PS_OK && i < rule->n_all_of; i++)
            if ((rc = compile_node(&child, leg, rule->all_of[i], err)) == PS_OK)
                rc = combine(&game, child, false, rule->all_of[i], err);
    }
    if (rc == PS_OK && game->n_layers == 0) { /* no conditions of its own: only its "or" */
        ps_game_free(game);
        game = NULL;
    }
    for (size_t i = 0; rc == PS_OK && i < rule->n_any_of; i++) {
        if (drop && out_of_reach(leg, rule->any_of[i], why, sizeof why))
            continue;
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

/* (own, and (each "and")), or (each "or"); an alternative out of reach
 * (compile_node dropped it) is named as dropped, with the reason. */
static int describe_node(psi_buf *b, const ps_legislature *leg, const ps_rule *rule,
                         ps_error *err)
{
    char why[256];
    int rc = PS_OK;
    bool any_own = has_own(rule);
    if ((any_own || rule->n_all_of) && part_out_of_reach(leg, rule, why, sizeof why)) {
        psi_buf_printf(b, "dropped, no coalition can reach it: %s", why);
    } else {
        rc = describe_own(b, leg, rule, err);
        for (size_t i = 0; rc == PS_OK && i < rule->n_all_of; i++) {
            psi_buf_puts(b, any_own || i ? ", and (" : "(");
            rc = describe_node(b, leg, rule->all_of[i], err);
            psi_buf_puts(b, ")");
        }
    }
    any_own = any_own || rule->n_all_of;
    for (size_t i = 0; rc == PS_OK && i < rule->n_any_of; i++) {
        psi_buf_puts(b, any_own || i ? "; or (" : "(");
        if (out_of_reach(leg, rule->any_of[i], why, sizeof why))
            psi_buf_printf(b, "dropped, no coalition can reach it: %s", why);
        else
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
