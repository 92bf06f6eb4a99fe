/*
 * coalitions_evaluate_out.c - one given government, judged by the library
 * (ps_government_evaluate, government.h), as text, JSON and CSV: the
 * printers of `powershare coalitions --evaluate` and of the server's
 * /api/evaluate (one JSON writer for both), and the parsing of the member
 * list ("a,b,c") and of the posts ("a=4,b=3") both take. Nothing is
 * computed here but shares as decimals for display.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd_coalitions.h"

/* ---- parsing ------------------------------------------------------------ */

/* The party with this id: exactly, else the one id equal to it ignoring
 * case; -1 when none or several. */
static long find_id(const ps_legislature *leg, const char *id)
{
    long i = ps_legislature_find_party(leg, id);
    if (i >= 0)
        return i;
    long found = -1;
    for (size_t k = 0; k < leg->n_parties; k++)
        if (!strcasecmp(leg->parties[k].id, id)) {
            if (found >= 0)
                return -1;
            found = (long)k;
        }
    return found;
}

static void unknown_id(char *msg, size_t size, const ps_legislature *leg, const char *id,
                       size_t len)
{
    int n = snprintf(msg, size, "unknown party '%.*s'; the parties are: ",
                     (int)(len > 80 ? 80 : len), id);
    size_t at = n > 0 ? (size_t)n : 0;
    for (size_t i = 0; i < leg->n_parties && at + 4 < size; i++) {
        n = snprintf(msg + at, size - at, "%s%s", i ? ", " : "", leg->parties[i].id);
        if (n < 0 || (size_t)n >= size - at) {
            snprintf(msg + (size > 4 ? size - 4 : 0), size > 4 ? 4 : size, "...");
            return;
        }
        at += (size_t)n;
    }
}

/* One comma-separated item [start, end) as a party index, or -1 with msg. */
static long item_party(const ps_legislature *leg, const char *start, size_t len, char *msg,
                       size_t size)
{
    char id[256];
    if (len == 0) {
        snprintf(msg, size, "an empty party id in the list");
        return -1;
    }
    if (len >= sizeof id) {
        unknown_id(msg, size, leg, start, len);
        return -1;
    }
    memcpy(id, start, len);
    id[len] = '\0';
    long i = find_id(leg, id);
    if (i < 0 || i >= PS_COALITION_MAX_PLAYERS)
        unknown_id(msg, size, leg, id, len);
    return i < PS_COALITION_MAX_PLAYERS ? i : -1;
}

int gov_parse_members(ps_members *out, const ps_legislature *leg, const char *list, char *msg,
                      size_t size)
{
    *out = 0;
    if (!list || !*list) {
        snprintf(msg, size, "expected party ids separated by commas, got an empty list");
        return -1;
    }
    for (const char *p = list;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        long i = item_party(leg, p, len, msg, size);
        if (i < 0)
            return -1;
        if (*out & PS_MEMBER(i)) {
            snprintf(msg, size, "party '%s' is listed twice", leg->parties[i].id);
            return -1;
        }
        *out |= PS_MEMBER(i);
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

int gov_parse_posts(int64_t *posts, const ps_legislature *leg, ps_members members,
                    const char *list, char *msg, size_t size)
{
    memset(posts, 0, leg->n_parties * sizeof *posts);
    ps_members seen = 0;
    for (const char *p = list;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq)
            eq = memchr(p, ':', len);
        if (!eq) {
            snprintf(msg, size, "expected ID=COUNT items separated by commas, got '%.*s'",
                     (int)(len > 80 ? 80 : len), p);
            return -1;
        }
        long i = item_party(leg, p, (size_t)(eq - p), msg, size);
        if (i < 0)
            return -1;
        if (!(members & PS_MEMBER(i))) {
            snprintf(msg, size, "'%s' has posts but is not in the government",
                     leg->parties[i].id);
            return -1;
        }
        if (seen & PS_MEMBER(i)) {
            snprintf(msg, size, "posts of '%s' given twice", leg->parties[i].id);
            return -1;
        }
        seen |= PS_MEMBER(i);
        char count[32];
        size_t clen = len - (size_t)(eq + 1 - p);
        ps_error err;
        if (clen >= sizeof count) {
            snprintf(msg, size, "posts of '%s': too large a number", leg->parties[i].id);
            return -1;
        }
        memcpy(count, eq + 1, clen);
        count[clen] = '\0';
        if (ps_int64_parse(&posts[i], count, &err) < 0) {
            snprintf(msg, size, "posts of '%s': %s", leg->parties[i].id, err.message);
            return -1;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    int64_t total = 0;
    for (size_t i = 0; i < leg->n_parties; i++)
        total += posts[i] > INT64_MAX / 128 ? INT64_MAX / 128 : posts[i];
    if (total == 0) {
        snprintf(msg, size, "expected at least one post");
        return -1;
    }
    return 0;
}

/* ---- text --------------------------------------------------------------- */

static void ids_text(psi_buf *b, const ps_legislature *leg, ps_members m, const char *sep)
{
    bool first = true;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (m & PS_MEMBER(i)) {
            psi_buf_printf(b, "%s%s", first ? "" : sep, leg->parties[i].id);
            first = false;
        }
}

static double ratio_value(ps_ratio r)
{
    return r.den ? (double)r.num / (double)r.den : 0;
}

static void exits_text(psi_buf *b, const gov_view *v, const ps_government_exits *e,
                       const char *what)
{
    psi_buf_printf(b, "Smallest exit that breaks the %s: ", what);
    if (!e->count) {
        psi_buf_puts(b, "none.\n");
        return;
    }
    psi_buf_printf(b, "%zu member%s, %llu way%s: ", e->size, e->size == 1 ? "" : "s",
                   (unsigned long long)e->count, e->count == 1 ? "" : "s");
    for (size_t k = 0; k < e->n; k++) {
        psi_buf_puts(b, k ? "; " : "");
        ids_text(b, v->leg, e->sets[k], " + ");
    }
    if (e->count > e->n)
        psi_buf_printf(b, "; ... and %llu more", (unsigned long long)(e->count - e->n));
    psi_buf_puts(b, ".\n");
}

static void condition_line(psi_buf *b, const gov_view *v)
{
    const ps_condition_verdict *cv = &v->gov->verdict;
    if (!cv->constrains) {
        psi_buf_puts(b, "Condition: none.\n");
        return;
    }
    psi_buf_puts(b, "Condition");
    if (v->cond->name)
        psi_buf_printf(b, " \"%s\"", v->cond->name);
    psi_buf_puts(b, " (");
    size_t n = 0;
    for (int p = 0; p < PS_CONDITION_PART_COUNT; p++) {
        char text[PS_CONDITION_TEXT_BYTES];
        if (ps_condition_part_text(text, sizeof text, v->cond, v->leg, (ps_condition_part)p))
            psi_buf_printf(b, "%s%s", n++ ? "; " : "", text);
    }
    psi_buf_puts(b, cv->holds ? "): met.\n" : "): not met: ");
    for (size_t k = 0; !cv->holds && k < cv->n_failed; k++)
        psi_buf_printf(b, "%s%s", k ? "; " : "", cv->failed[k].reason);
    if (!cv->holds)
        psi_buf_puts(b, ".\n");
}

void gov_text(psi_buf *b, const gov_view *v)
{
    const ps_legislature *leg = v->leg;
    const ps_government *g = v->gov;
    const ps_coalition *c = &g->coalition;
    psi_buf_printf(b, "%s\n", leg->name[0] ? leg->name : "Legislature");
    psi_buf_printf(b, "%lld seats; rule: %s.\n", (long long)leg->total_seats, v->rule_text);
    psi_buf_puts(b, "\nGovernment: ");
    for (size_t k = 0; k < g->n_members; k++) {
        const ps_government_member *m = &g->members[k];
        psi_buf_printf(b, "%s%s%s%s", k ? " + " : "", m->surplus ? "[" : "",
                       leg->parties[m->party].id, m->surplus ? "]" : "");
    }
    psi_buf_printf(b, " (%zu member%s).\n", g->n_members, g->n_members == 1 ? "" : "s");
    if (c->winning)
        psi_buf_printf(b, "Wins: %lld seats, quota %lld, %lld surplus seats; %s.\n",
                       (long long)c->seats, (long long)g->quota, (long long)c->surplus,
                       c->critical == c->members ? "every member is critical"
                       : c->critical ? "surplus members in [brackets]"
                                     : "every member is surplus");
    else if (c->seats >= g->quota)
        psi_buf_printf(b, "Loses: %lld seats reach the quota of %lld, but another condition "
                          "of the rule fails.\n",
                       (long long)c->seats, (long long)g->quota);
    else
        psi_buf_printf(b, "Loses: %lld seats, %lld short of the quota of %lld.\n",
                       (long long)c->seats, (long long)(g->quota - c->seats),
                       (long long)g->quota);
    condition_line(b, v);
    if (g->n_communities) {
        psi_buf_puts(b, "Communities: ");
        for (size_t k = 0; k < g->n_communities; k++)
            psi_buf_printf(b, "%s%s %s", k ? ", " : "", leg->communities[k].id,
                           g->roles[k] == PS_ROLE_SUBSTANCE ? "for substance"
                           : g->roles[k] == PS_ROLE_SHOW    ? "for show"
                                                            : "absent");
        psi_buf_puts(b, ".\n");
    }
    size_t width = 6;
    for (size_t k = 0; k < g->n_members; k++) {
        size_t w = cli_display_width(leg->parties[g->members[k].party].id);
        width = w > width ? w : width;
    }
    psi_buf_puts(b, "\n");
    cli_pad(b, "member", width, false);
    psi_buf_printf(b, "  seats  seat share  %s    status  swings  banzhaf  shapley-shubik\n",
                   g->has_posts ? "posts  post share" : "");
    for (size_t k = 0; k < g->n_members; k++) {
        const ps_government_member *m = &g->members[k];
        cli_pad(b, leg->parties[m->party].id, width, false);
        psi_buf_printf(b, "  %5lld  %10.4f  ", (long long)m->seats, ratio_value(m->seat_share));
        if (g->has_posts)
            psi_buf_printf(b, "%5lld  %10.4f", (long long)m->posts, ratio_value(m->post_share));
        psi_buf_printf(b, "  %8s", m->critical ? "critical" : m->surplus ? "surplus" : "-");
        if (g->has_power)
            psi_buf_printf(b, "  %6llu  %7.4f  %14.4f\n", (unsigned long long)m->swings,
                           m->banzhaf.value, m->shapley_shubik.value);
        else
            psi_buf_printf(b, "  %6s  %7s  %14s\n", "-", "-", "-");
    }
    psi_buf_puts(b, "\n");
    if (g->has_power)
        psi_buf_printf(b, "Power inside the government: %llu of its sub-coalitions win; a "
                          "member's swings are those it is critical in.\n",
                       (unsigned long long)g->n_winning);
    else
        psi_buf_puts(b, "Power inside the government: none (it does not win).\n");
    if (g->majority_exit.applies)
        exits_text(b, v, &g->majority_exit, "majority");
    if (g->condition_exit.applies)
        exits_text(b, v, &g->condition_exit, "condition");
}

/* ---- JSON --------------------------------------------------------------- */

static void json_ids(psi_buf *b, const ps_legislature *leg, ps_members m)
{
    bool first = true;
    psi_buf_puts(b, "[");
    for (size_t i = 0; i < leg->n_parties; i++)
        if (m & PS_MEMBER(i)) {
            psi_buf_puts(b, first ? "" : ", ");
            psi_buf_json_string(b, leg->parties[i].id);
            first = false;
        }
    psi_buf_puts(b, "]");
}

static void json_ratio(psi_buf *b, ps_ratio r)
{
    psi_buf_printf(b, "{\"num\": %lld, \"den\": %lld, \"value\": %.10g}", (long long)r.num,
                   (long long)r.den, ratio_value(r));
}

static void json_fraction(psi_buf *b, const ps_fraction *f)
{
    psi_buf_puts(b, "{\"num\": ");
    psi_buf_json_string(b, f->num);
    psi_buf_puts(b, ", \"den\": ");
    psi_buf_json_string(b, f->den);
    psi_buf_printf(b, ", \"value\": %.10g}", f->value);
}

static void json_exits(psi_buf *b, const gov_view *v, const ps_government_exits *e)
{
    if (!e->applies) {
        psi_buf_puts(b, "null");
        return;
    }
    psi_buf_printf(b, "{\"size\": %zu, \"count\": %llu, \"sets\": [", e->size,
                   (unsigned long long)e->count);
    for (size_t k = 0; k < e->n; k++) {
        psi_buf_puts(b, k ? ", " : "");
        json_ids(b, v->leg, e->sets[k]);
    }
    psi_buf_puts(b, "]}");
}

void gov_json(psi_buf *b, const gov_view *v)
{
    const ps_legislature *leg = v->leg;
    const ps_government *g = v->gov;
    const ps_coalition *c = &g->coalition;
    psi_buf_puts(b, "{\n  \"legislature\": ");
    psi_buf_json_string(b, leg->name);
    psi_buf_printf(b, ",\n  \"total_seats\": %lld,\n  \"quota\": %lld,\n  \"rule\": ",
                   (long long)leg->total_seats, (long long)g->quota);
    psi_buf_json_string(b, v->rule_text);
    psi_buf_puts(b, ",\n  \"government\": ");
    json_ids(b, leg, c->members);
    psi_buf_printf(b, ",\n  \"seats\": %lld,\n  \"surplus\": %lld,\n  \"winning\": %s,\n"
                      "  \"minimal\": %s,\n  \"critical\": ",
                   (long long)c->seats, (long long)c->surplus, c->winning ? "true" : "false",
                   c->minimal ? "true" : "false");
    json_ids(b, leg, c->critical);
    psi_buf_puts(b, ",\n  \"surplus_members\": ");
    json_ids(b, leg, c->winning ? c->members & ~c->critical : 0);
    const ps_condition_verdict *cv = &g->verdict;
    psi_buf_printf(b, ",\n  \"condition\": {\"constrains\": %s, \"name\": ",
                   cv->constrains ? "true" : "false");
    if (v->cond && v->cond->name)
        psi_buf_json_string(b, v->cond->name);
    else
        psi_buf_puts(b, "null");
    psi_buf_printf(b, ", \"holds\": %s, \"failed\": [", cv->holds ? "true" : "false");
    for (size_t k = 0; k < cv->n_failed; k++) {
        psi_buf_printf(b, "%s{\"part\": \"%s\", \"reason\": ", k ? ", " : "",
                       ps_condition_part_name(cv->failed[k].part));
        psi_buf_json_string(b, cv->failed[k].reason);
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "]},\n  \"communities\": {");
    for (size_t k = 0; k < g->n_communities; k++) {
        psi_buf_puts(b, k ? ", " : "");
        psi_buf_json_string(b, leg->communities[k].id);
        psi_buf_printf(b, ": \"%s\"", ps_role_name(g->roles[k]));
    }
    psi_buf_puts(b, "},\n  \"posts\": ");
    if (g->has_posts)
        psi_buf_printf(b, "%lld", (long long)g->posts);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, ",\n  \"winning_subcoalitions\": ");
    if (g->has_power)
        psi_buf_printf(b, "%llu", (unsigned long long)g->n_winning);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, ",\n  \"members\": [");
    for (size_t k = 0; k < g->n_members; k++) {
        const ps_government_member *m = &g->members[k];
        const ps_party *p = &leg->parties[m->party];
        psi_buf_puts(b, k ? ",\n    {\"id\": " : "\n    {\"id\": ");
        psi_buf_json_string(b, p->id);
        psi_buf_puts(b, ", \"name\": ");
        psi_buf_json_string(b, p->name);
        psi_buf_puts(b, ", \"community\": ");
        if (p->community >= 0)
            psi_buf_json_string(b, leg->communities[p->community].id);
        else
            psi_buf_puts(b, "null");
        psi_buf_printf(b, ", \"seats\": %lld, \"seat_share\": ", (long long)m->seats);
        json_ratio(b, m->seat_share);
        psi_buf_printf(b, ", \"critical\": %s, \"surplus\": %s, \"posts\": ",
                       m->critical ? "true" : "false", m->surplus ? "true" : "false");
        if (g->has_posts) {
            psi_buf_printf(b, "%lld, \"post_share\": ", (long long)m->posts);
            json_ratio(b, m->post_share);
        } else {
            psi_buf_puts(b, "null, \"post_share\": null");
        }
        if (g->has_power) {
            psi_buf_printf(b, ", \"swings\": %llu, \"banzhaf\": ", (unsigned long long)m->swings);
            json_fraction(b, &m->banzhaf);
            psi_buf_puts(b, ", \"shapley_shubik\": ");
            json_fraction(b, &m->shapley_shubik);
            psi_buf_puts(b, "}");
        } else {
            psi_buf_puts(b, ", \"swings\": null, \"banzhaf\": null, \"shapley_shubik\": null}");
        }
    }
    psi_buf_puts(b, "\n  ],\n  \"majority_exit\": ");
    json_exits(b, v, &g->majority_exit);
    psi_buf_puts(b, ",\n  \"condition_exit\": ");
    json_exits(b, v, &g->condition_exit);
    psi_buf_puts(b, "\n}\n");
}

/* ---- CSV ---------------------------------------------------------------- */

static void csv_ratio(psi_buf *b, ps_ratio r, bool given)
{
    if (!given) {
        psi_buf_puts(b, ",,");
        return;
    }
    psi_buf_printf(b, ",%.10g,%lld", ratio_value(r), (long long)r.num);
    if (r.den != 1)
        psi_buf_printf(b, "/%lld", (long long)r.den);
}

void gov_csv(psi_buf *b, const gov_view *v)
{
    const ps_legislature *leg = v->leg;
    const ps_government *g = v->gov;
    psi_buf_puts(b, "party,community,seats,seat_share,seat_share_exact,posts,post_share,"
                    "post_share_exact,status,swings,banzhaf,banzhaf_exact,shapley_shubik,"
                    "shapley_shubik_exact\n");
    for (size_t k = 0; g && k < g->n_members; k++) {
        const ps_government_member *m = &g->members[k];
        const ps_party *p = &leg->parties[m->party];
        psi_buf_csv_field(b, p->id);
        psi_buf_puts(b, ",");
        if (p->community >= 0)
            psi_buf_csv_field(b, leg->communities[p->community].id);
        psi_buf_printf(b, ",%lld", (long long)m->seats);
        csv_ratio(b, m->seat_share, true);
        psi_buf_puts(b, ",");
        if (g->has_posts)
            psi_buf_printf(b, "%lld", (long long)m->posts);
        csv_ratio(b, m->post_share, g->has_posts);
        psi_buf_printf(b, ",%s,", m->critical ? "critical" : m->surplus ? "surplus" : "");
        if (g->has_power) {
            psi_buf_printf(b, "%llu", (unsigned long long)m->swings);
            cli_csv_fraction(b, &m->banzhaf);
            cli_csv_fraction(b, &m->shapley_shubik);
        } else {
            psi_buf_puts(b, ",,,,");
        }
        psi_buf_puts(b, "\n");
    }
}
