/*
 * constraints.c - the constraint options of `coalitions` and `predict`
 * (constraints.h): one parser and one way of adding them to the file's
 * condition, so both commands take the same options with the same
 * messages. Unknown ids are usage errors (exit 2), naming the ids there
 * are (the coalition stage's ps_condition_* messages).
 */
#include <string.h>

#include "constraints.h"

void cli_constraints_init(cli_constraints *c)
{
    memset(c, 0, sizeof *c);
    c->max_parties = -1;
}

static int push(const char **list, size_t *n, const char *cmd, const char *opt, const char *text)
{
    if (*n == CLI_CONSTRAINT_MAX_IDS)
        return cli_usage_error(cmd, "too many %s options (at most %d)", opt,
                               CLI_CONSTRAINT_MAX_IDS);
    list[(*n)++] = text;
    return 0;
}

int cli_constraints_parse(cli_constraints *c, const char *cmd, cli_constraint which,
                          const char *arg)
{
    switch (which) {
    case CLI_REQUIRE: return push(c->require, &c->n_require, cmd, "--require", arg);
    case CLI_EXCLUDE: return push(c->exclude, &c->n_exclude, cmd, "--exclude", arg);
    case CLI_INCOMPATIBLE: {
        const char *comma = strchr(arg, ',');
        if (!comma || comma == arg || comma[1] == '\0' || strchr(comma + 1, ','))
            return cli_usage_error(cmd, "--incompatible expects A,B, got '%s'", arg);
        return push(c->incompatible, &c->n_incompatible, cmd, "--incompatible", arg);
    }
    case CLI_COMMUNITY:
        return push(c->community, &c->n_community, cmd, "--include-community", arg);
    case CLI_MAX_PARTIES: {
        ps_error err;
        if (ps_int64_parse(&c->max_parties, arg, &err) < 0)
            return cli_usage_error(cmd, "--max-parties: %s", err.message);
        if (c->max_parties < 1)
            return cli_usage_error(cmd, "--max-parties must be at least 1");
        return 0;
    }
    }
    return cli_usage_error(cmd, "unknown constraint option");
}

int cli_constraints_apply(ps_condition *cond, const ps_legislature *leg,
                          const cli_constraints *c, const char *cmd)
{
    ps_error err;
    for (size_t i = 0; i < c->n_require; i++)
        if (ps_condition_require(cond, leg, c->require[i], &err) < 0)
            return cli_usage_error(cmd, "--require: %s", err.message);
    for (size_t i = 0; i < c->n_exclude; i++)
        if (ps_condition_exclude(cond, leg, c->exclude[i], &err) < 0)
            return cli_usage_error(cmd, "--exclude: %s", err.message);
    for (size_t i = 0; i < c->n_incompatible; i++) {
        char pair[256];
        snprintf(pair, sizeof pair, "%s", c->incompatible[i]);
        char *comma = strchr(pair, ',');
        if (!comma) /* cut by the buffer: too long to be two ids of leg */
            return cli_usage_error(cmd, "--incompatible: '%s' is too long", c->incompatible[i]);
        *comma = '\0';
        if (ps_condition_incompatible(cond, leg, pair, comma + 1, &err) < 0)
            return cli_usage_error(cmd, "--incompatible: %s", err.message);
    }
    for (size_t i = 0; i < c->n_community; i++)
        if (ps_condition_include_community(cond, leg, c->community[i], &err) < 0)
            return cli_usage_error(cmd, "--include-community: %s", err.message);
    if (c->max_parties > 0)
        cond->max_parties = c->max_parties;
    return 0;
}
