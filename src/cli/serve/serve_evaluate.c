/*
 * serve_evaluate.c - GET /api/evaluate?leg=ID&members=a,b,c[&posts=a:4,b:3]:
 * one government judged by the library (ps_government_evaluate,
 * government.h) in the legislature's game and condition as loaded at
 * start, answered with the very JSON object of `powershare coalitions FILE
 * --evaluate a,b,c --format json` (gov_json, coalitions_evaluate_out.c).
 * The ids and posts are parsed as on the command line (gov_parse_members,
 * gov_parse_posts); a bad list is a 422 with the same message. The work is
 * the subgame's exact power and a bounded search of exits (government.h),
 * so it runs in the server's thread like /api/coalition.
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd_coalitions.h"
#include "serve.h"

static const char *arg(const serve_arg *args, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(args[i].key, key))
            return args[i].value;
    return NULL;
}

static int refuse(psi_buf *out, int status, const char *what, const char *message)
{
    out->len = 0;
    if (out->data)
        out->data[0] = '\0';
    char text[1200];
    snprintf(text, sizeof text, "%s%s", what, message);
    psi_buf_puts(out, "{\"error\": ");
    psi_buf_json_string(out, text);
    psi_buf_puts(out, "}\n");
    return status;
}

int serve_api_evaluate(psi_buf *out, const serve_leg *sl, const serve_arg *args,
                       size_t n_args)
{
    const ps_legislature *leg = sl->leg;
    char msg[1024];
    ps_members members;
    if (gov_parse_members(&members, leg, arg(args, n_args, "members"), msg, sizeof msg) < 0)
        return refuse(out, 422, "members: ", msg);
    int64_t *posts = NULL;
    const char *post_list = arg(args, n_args, "posts");
    if (post_list) {
        posts = calloc(leg->n_parties, sizeof *posts);
        if (!posts)
            return refuse(out, 500, "", "out of memory");
        if (gov_parse_posts(posts, leg, members, post_list, msg, sizeof msg) < 0) {
            free(posts);
            return refuse(out, 422, "posts: ", msg);
        }
    }
    ps_error err;
    ps_error_clear(&err);
    ps_government *gov = NULL;
    int rc = ps_government_evaluate(&gov, sl->game, leg, sl->cond, members, posts, &err);
    free(posts);
    if (rc < 0)
        return refuse(out, rc == PS_ENOMEM ? 500 : 422, "", err.message);
    gov_view v = {leg, sl->cond, sl->rule_text, gov};
    gov_json(out, &v);
    ps_government_free(gov);
    return 200;
}
