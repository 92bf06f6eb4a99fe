/*
 * rule_options.c - the rule options of the command line (rule_options.h):
 * `--or SPEC` read into a sub-rule of the rule's "or" list, and the options
 * collected from the command line laid over the file's rule.
 */
#include <stdlib.h>
#include <string.h>

#include "rule_options.h"

/* One KEY=VALUE (or a bare quota) of an --or SPEC into alt. */
static int or_item(ps_rule *alt, const char *cmd, const char *spec, char *item)
{
    ps_error err;
    int rc = PS_OK;
    char *eq = strchr(item, '=');
    const char *key = eq ? item : "quota", *value = eq ? eq + 1 : item;
    if (eq)
        *eq = '\0';
    if (!*value)
        return cli_usage_error(cmd, "--or '%s': '%s' has no value; expected KEY=VALUE", spec,
                               key);
    if (!strcmp(key, "quota")) {
        rc = ps_rule_set_quota(alt, value, &err);
    } else if (!strcmp(key, "of")) {
        if (strcmp(value, "present") && strcmp(value, "all"))
            return cli_usage_error(cmd, "--or '%s': of: expected all or present, got '%s'", spec,
                                   value);
        alt->of_present = !strcmp(value, "present");
    } else if (!strcmp(key, "min-parties")) {
        if (ps_int64_parse(&alt->min_parties, value, &err) < 0 || alt->min_parties < 1)
            return cli_usage_error(cmd, "--or '%s': min-parties: expected a whole number of at "
                                        "least 1, got '%s'", spec, value);
    } else if (!strcmp(key, "consent")) {
        rc = ps_rule_add_name(alt, PS_RULE_CONSENT, value, &err);
    } else if (!strcmp(key, "presence")) {
        rc = ps_rule_add_name(alt, PS_RULE_PRESENCE, value, &err);
    } else if (!strcmp(key, "veto")) {
        rc = ps_rule_add_name(alt, PS_RULE_VETO, value, &err);
    } else if (!strcmp(key, "layer")) {
        rc = ps_rule_add_layer(alt, value, &err);
    } else {
        return cli_usage_error(cmd, "--or '%s': unknown condition '%s'; expected quota, of, "
                                    "min-parties, consent, presence, veto or layer", spec, key);
    }
    if (rc == PS_ENOMEM)
        return cli_fail(&err);
    return rc < 0 ? cli_usage_error(cmd, "--or '%s': %s", spec, err.message) : 0;
}

int cli_rule_or(ps_rule *rule, const char *cmd, const char *spec)
{
    ps_error err;
    ps_rule *alt = NULL;
    char *copy = strdup(spec);
    if (!copy || ps_rule_new(&alt) < 0) {
        free(copy);
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    /* an alternative has no seat quota unless it says one (rule.h) */
    psi_free(alt->quota);
    alt->quota = NULL;
    int status = 0;
    char *item = copy;
    while (status == 0) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        if (!*item)
            status = cli_usage_error(cmd, "--or '%s': an empty condition; expected "
                                          "KEY=VALUE[,KEY=VALUE...] such as quota=24", spec);
        else
            status = or_item(alt, cmd, spec, item);
        if (!comma)
            break;
        item = comma + 1;
    }
    free(copy);
    if (status) {
        ps_rule_free(alt);
        return status;
    }
    if (ps_rule_add_alternative(rule, alt, &err) < 0)
        return cli_fail(&err);
    return 0;
}

int cli_rule_merge(ps_rule *rule, const ps_rule *cli, ps_error *err)
{
    int rc;
    if (cli->of_present)
        rule->of_present = true;
    if (cli->min_parties)
        rule->min_parties = cli->min_parties;
    for (int l = 0; l < PS_RULE_LIST_COUNT; l++)
        for (size_t i = 0; i < cli->n[l]; i++)
            if ((rc = ps_rule_add_name(rule, (ps_rule_list)l, cli->names[l][i].id, err)) < 0)
                return rc;
    for (size_t i = 0; i < cli->n_layers; i++) {
        char spec[512];
        snprintf(spec, sizeof spec, "%s:%s", cli->layers[i].weights, cli->layers[i].quota);
        if ((rc = ps_rule_add_layer(rule, spec, err)) < 0)
            return rc;
    }
    for (size_t i = 0; i < cli->n_any_of; i++) {
        ps_rule *alt = NULL;
        if (ps_rule_copy(&alt, cli->any_of[i]) < 0)
            return psi_enomem(err);
        if ((rc = ps_rule_add_alternative(rule, alt, err)) < 0)
            return rc;
    }
    return PS_OK;
}
