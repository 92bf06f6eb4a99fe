/*
 * cmd_coalitions_out.c - printing the coalitions: one table per theory
 * (rank, seats, surplus, parties, members with the surplus ones in
 * [brackets], and each community's role: substance or show), the near
 * misses when the condition cannot be met (what each fails in the words of
 * ps_condition_judge, the one verdict on a condition), and the same in
 * JSON and CSV. Each theory's list is printed whole: the coalition stage
 * has already kept ranks 1..--top with every tie at the last rank.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd_coalitions.h"

static void members_text(psi_buf *b, const ps_legislature *leg, ps_members m,
                         ps_members surplus_mark)
{
    bool first = true;
    for (size_t i = 0; i < leg->n_parties; i++) {
        if (!(m & PS_MEMBER(i)))
            continue;
        bool s = (surplus_mark & PS_MEMBER(i)) != 0;
        psi_buf_printf(b, "%s%s%s%s", first ? "" : " + ", s ? "[" : "", leg->parties[i].id,
                       s ? "]" : "");
        first = false;
    }
    if (first)
        psi_buf_puts(b, "(none)");
}

static void roles_text(psi_buf *b, const coal_view *v, const ps_coalition *c)
{
    bool first = true;
    for (size_t k = 0; k < v->leg->n_communities; k++) {
        ps_role r = ps_coalition_role(c, v->cond, k);
        if (r == PS_ROLE_ABSENT)
            continue;
        psi_buf_printf(b, "%s%s %s", first ? "" : ", ", v->leg->communities[k].id,
                       ps_role_name(r));
        first = false;
    }
}

static void ids_list(psi_buf *b, const ps_legislature *leg, ps_members m, bool communities)
{
    size_t n = communities ? leg->n_communities : leg->n_parties;
    bool first = true;
    for (size_t i = 0; i < n; i++)
        if (m & PS_MEMBER(i)) {
            psi_buf_printf(b, "%s%s", first ? "" : ", ",
                           communities ? leg->communities[i].id : leg->parties[i].id);
            first = false;
        }
}

static void condition_text(psi_buf *b, const coal_view *v)
{
    const ps_condition *c = v->cond;
    if (!ps_condition_constrains(c)) {
        psi_buf_puts(b, "No power-sharing condition.\n");
        return;
    }
    psi_buf_puts(b, "Condition");
    if (c->name)
        psi_buf_printf(b, " \"%s\"", c->name);
    psi_buf_puts(b, ":");
    if (c->communities_required) {
        psi_buf_puts(b, " a list of each of ");
        ids_list(b, v->leg, c->communities_required, true);
        psi_buf_puts(b, ";");
    }
    if (c->required) {
        psi_buf_puts(b, " requires ");
        ids_list(b, v->leg, c->required, false);
        psi_buf_puts(b, ";");
    }
    if (c->excluded) {
        psi_buf_puts(b, " excludes ");
        ids_list(b, v->leg, c->excluded, false);
        psi_buf_puts(b, ";");
    }
    for (size_t k = 0; k < c->n_incompatible; k++) {
        psi_buf_puts(b, " ");
        members_text(b, v->leg, c->incompatible[k], 0);
        psi_buf_puts(b, " never together;");
    }
    if (c->max_parties)
        psi_buf_printf(b, " at most %lld parties;", (long long)c->max_parties);
    b->len--; /* the last ';' */
    b->data[b->len] = '\0';
    psi_buf_puts(b, ".\n");
}

static void score_text(char *out, size_t size, ps_theory t, double x)
{
    if (t == PS_THEORY_RANGE || t == PS_THEORY_DISTANCE)
        snprintf(out, size, "%.4g", x);
    else
        out[0] = '\0';
}

static void row_text(psi_buf *b, const coal_view *v, const ps_coalition *c, size_t rank,
                     const char *score, size_t width)
{
    psi_buf_printf(b, "%4zu  %5lld  %7lld  %7zu  ", rank, (long long)c->seats,
                   (long long)c->surplus, c->n_members);
    if (score) {
        cli_pad(b, score, 8, true);
        psi_buf_puts(b, "  ");
    }
    psi_buf tmp;
    psi_buf_init(&tmp);
    members_text(&tmp, v->leg, c->members, c->members & ~c->critical);
    cli_pad(b, tmp.data ? tmp.data : "", width, false);
    psi_buf_free(&tmp);
    psi_buf_puts(b, "  ");
    roles_text(b, v, c);
    while (b->len && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    psi_buf_puts(b, "\n");
}

static size_t members_width(const coal_view *v, const ps_coalition *c)
{
    psi_buf tmp;
    psi_buf_init(&tmp);
    members_text(&tmp, v->leg, c->members, c->members & ~c->critical);
    size_t w = tmp.data ? cli_display_width(tmp.data) : 0;
    psi_buf_free(&tmp);
    return w;
}

static void theory_text(psi_buf *b, const coal_view *v, ps_theory t)
{
    const ps_theory_list *tl = &v->set->theories[t];
    psi_buf_printf(b, "\n%s\n", ps_theory_title(t));
    if (!tl->available) {
        psi_buf_puts(b, "  needs a policy dimension: give --dimension ID\n");
        return;
    }
    if (tl->n == 0) {
        psi_buf_puts(b, "  no coalition\n");
        return;
    }
    size_t shown = tl->n; /* ranks 1..top and every tie at the last */
    if (t == PS_THEORY_MINIMAL)
        psi_buf_printf(b, "  %llu coalition%s, all predicted; the %zu with the fewest seats:\n",
                       (unsigned long long)tl->n_best, tl->n_best == 1 ? "" : "s", shown);
    else if (t == PS_THEORY_CONNECTED)
        psi_buf_printf(b, "  %llu coalition%s, all predicted:\n", (unsigned long long)tl->n_best,
                       tl->n_best == 1 ? "" : "s");
    else
        psi_buf_printf(b, "  prediction: %llu coalition%s at rank 1, of %llu ranked\n",
                       (unsigned long long)tl->n_best, tl->n_best == 1 ? "" : "s",
                       (unsigned long long)tl->n_candidates);
    bool with_score = t == PS_THEORY_RANGE || t == PS_THEORY_DISTANCE;
    size_t width = 9;
    for (size_t i = 0; i < shown; i++) {
        size_t w = members_width(v, &v->set->items[tl->index[i]]);
        width = w > width ? w : width;
    }
    psi_buf_printf(b, "rank  seats  surplus  parties  %s", with_score ? "   score  " : "");
    cli_pad(b, "coalition", v->leg->n_communities ? width : 0, false);
    psi_buf_puts(b, v->leg->n_communities ? "  communities\n" : "\n");
    char score[32];
    for (size_t i = 0; i < shown; i++) {
        score_text(score, sizeof score, t, tl->score[i]);
        row_text(b, v, &v->set->items[tl->index[i]], tl->rank[i], with_score ? score : NULL,
                 width);
    }
    uint64_t more = (t == PS_THEORY_MINIMAL || t == PS_THEORY_CONNECTED ? tl->n_best
                                                                         : tl->n_candidates) -
                    shown;
    if (more)
        psi_buf_printf(b, "  ... and %llu more (--top K shows more)\n", (unsigned long long)more);
    if (tl->truncated)
        psi_buf_puts(b, "  (more ties at the last rank than can be kept)\n");
}

static void near_text(psi_buf *b, const coal_view *v)
{
    const ps_coalition_set *s = v->set;
    psi_buf_puts(b, "No coalition can meet the condition.");
    if (!s->n_near) {
        psi_buf_puts(b, " Not even the parties it allows reach the majority.\n");
        return;
    }
    psi_buf_puts(b, " The closest:\n");
    for (size_t i = 0; i < s->n_near; i++) {
        const ps_near_miss *nm = &s->near[i];
        psi_buf_puts(b, "  ");
        members_text(b, v->leg, nm->members, 0);
        psi_buf_printf(b, " (%lld seats): ", (long long)nm->seats);
        bool first = true;
        if (nm->seats_short) {
            psi_buf_printf(b, "%lld seats short", (long long)nm->seats_short);
            first = false;
        } else if (nm->loses_other_layer) {
            psi_buf_puts(b, "fails another condition of the rule");
            first = false;
        }
        /* what it fails, in the condition stage's words */
        ps_condition_verdict verdict;
        ps_condition_judge(&verdict, v->cond, v->leg, nm->members);
        for (size_t k = 0; k < verdict.n_failed; k++) {
            psi_buf_printf(b, "%s%s", first ? "" : "; ", verdict.failed[k].reason);
            first = false;
        }
        psi_buf_puts(b, first ? "wins\n" : "\n");
    }
}

void coal_text(psi_buf *b, const coal_view *v)
{
    const ps_legislature *leg = v->leg;
    const ps_coalition_set *s = v->set;
    psi_buf_printf(b, "%s\n", leg->name[0] ? leg->name : "Legislature");
    psi_buf_printf(b, "%lld seats; rule: %s.\n", (long long)leg->total_seats, v->rule_text);
    if (leg->unattributed_seats)
        psi_buf_printf(b, "%lld unattributed seats count in the total but join no coalition.\n",
                       (long long)leg->unattributed_seats);
    condition_text(b, v);
    if (s->dimension >= 0) {
        psi_buf_printf(b, "Dimension %s; median party: ", leg->dimensions[s->dimension].id);
        ids_list(b, leg, s->median, false);
        psi_buf_puts(b, ". ");
    }
    psi_buf_puts(b, "Largest party: ");
    ids_list(b, leg, s->largest, false);
    psi_buf_puts(b, ".\n");
    if (s->n_minimal == 0 && v->cond) {
        near_text(b, v);
        return;
    }
    bool any = ps_condition_constrains(v->cond);
    psi_buf_printf(b, "%llu minimal winning coalition%s%s", (unsigned long long)s->n_minimal,
                   s->n_minimal == 1 ? "" : "s",
                   !any ? "" : s->n_minimal == 1 ? " meets the condition" : " meet the condition");
    if (v->all)
        psi_buf_printf(b, "; %llu winning coalitions in all", (unsigned long long)s->n_all);
    psi_buf_puts(b, ".\nSurplus members are in [brackets]: the coalition still wins without "
                    "them.\nA community is there for substance when one of its lists is "
                    "critical, for show when all are surplus.\n");
    if (v->actual) {
        const ps_coalition *a = v->actual;
        psi_buf_printf(b, "\nThe cabinet that formed (%s): ", v->actual_label);
        members_text(b, leg, a->members, a->winning ? a->members & ~a->critical : 0);
        psi_buf_printf(b, ", %lld seats, %s%s%s%s.\n", (long long)a->seats,
                       !a->winning ? "a minority cabinet"
                       : a->minimal ? "minimal winning"
                                    : "winning with surplus members",
                       a->connected ? ", minimal connected winning" : "",
                       a->has_median ? ", holds the median party" : "",
                       a->has_largest ? ", holds the largest party" : "");
    }
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        if (v->show[t])
            theory_text(b, v, (ps_theory)t);
    if (v->all) {
        psi_buf_puts(b, "\nEvery winning coalition that meets the condition, by seats\n");
        size_t width = 9;
        for (size_t i = 0; i < s->n; i++) {
            size_t w = members_width(v, &s->items[i]);
            width = w > width ? w : width;
        }
        psi_buf_puts(b, "   #  seats  surplus  parties  ");
        cli_pad(b, "coalition", v->leg->n_communities ? width : 0, false);
        psi_buf_puts(b, v->leg->n_communities ? "  communities\n" : "\n");
        size_t k = 0;
        for (size_t i = 0; i < s->n; i++)
            if (s->items[i].winning && s->items[i].feasible)
                row_text(b, v, &s->items[i], ++k, NULL, width);
    }
}

/* ---- JSON -------------------------------------------------------------- */

static void json_ids(psi_buf *b, const ps_legislature *leg, ps_members m, bool communities)
{
    size_t n = communities ? leg->n_communities : leg->n_parties;
    bool first = true;
    psi_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++)
        if (m & PS_MEMBER(i)) {
            psi_buf_puts(b, first ? "" : ", ");
            psi_buf_json_string(b, communities ? leg->communities[i].id : leg->parties[i].id);
            first = false;
        }
    psi_buf_puts(b, "]");
}

static void json_double(psi_buf *b, double x)
{
    if (isnan(x))
        psi_buf_puts(b, "null");
    else
        psi_buf_printf(b, "%.10g", x);
}

static void json_coalition(psi_buf *b, const coal_view *v, const ps_coalition *c)
{
    psi_buf_puts(b, "{\"parties\": ");
    json_ids(b, v->leg, c->members, false);
    psi_buf_printf(b, ", \"seats\": %lld, \"surplus\": %lld, \"winning\": %s, \"critical\": ",
                   (long long)c->seats, (long long)c->surplus, c->winning ? "true" : "false");
    json_ids(b, v->leg, c->critical, false);
    psi_buf_puts(b, ", \"surplus_members\": ");
    json_ids(b, v->leg, c->winning ? c->members & ~c->critical : 0, false);
    psi_buf_printf(b, ", \"minimal\": %s, \"connected\": %s, \"has_median\": %s, "
                      "\"has_largest\": %s, \"range\": ",
                   c->minimal ? "true" : "false", c->connected ? "true" : "false",
                   c->has_median ? "true" : "false", c->has_largest ? "true" : "false");
    json_double(b, c->range);
    psi_buf_puts(b, ", \"variance\": ");
    json_double(b, c->variance);
    psi_buf_puts(b, ", \"communities\": {");
    bool first = true;
    for (size_t k = 0; k < v->leg->n_communities; k++) {
        ps_role r = ps_coalition_role(c, v->cond, k);
        if (r == PS_ROLE_ABSENT)
            continue;
        psi_buf_puts(b, first ? "" : ", ");
        psi_buf_json_string(b, v->leg->communities[k].id);
        psi_buf_printf(b, ": \"%s\"", ps_role_name(r));
        first = false;
    }
    psi_buf_puts(b, "}}");
}

void coal_json(psi_buf *b, const coal_view *v)
{
    const ps_legislature *leg = v->leg;
    const ps_coalition_set *s = v->set;
    const ps_condition *c = v->cond;
    psi_buf_puts(b, "{\n  \"legislature\": ");
    psi_buf_json_string(b, leg->name);
    psi_buf_printf(b, ",\n  \"total_seats\": %lld,\n  \"unattributed_seats\": %lld,\n"
                      "  \"quota\": %lld,\n  \"rule\": ",
                   (long long)leg->total_seats, (long long)leg->unattributed_seats,
                   (long long)s->quota);
    psi_buf_json_string(b, v->rule_text);
    psi_buf_puts(b, ",\n  \"condition\": ");
    if (!c) {
        psi_buf_puts(b, "null");
    } else {
        psi_buf_puts(b, "{\"name\": ");
        if (c->name)
            psi_buf_json_string(b, c->name);
        else
            psi_buf_puts(b, "null");
        psi_buf_puts(b, ", \"include_communities\": ");
        json_ids(b, leg, c->communities_required, true);
        psi_buf_puts(b, ", \"require\": ");
        json_ids(b, leg, c->required, false);
        psi_buf_puts(b, ", \"exclude\": ");
        json_ids(b, leg, c->excluded, false);
        psi_buf_puts(b, ", \"incompatible\": [");
        for (size_t k = 0; k < c->n_incompatible; k++) {
            psi_buf_puts(b, k ? ", " : "");
            json_ids(b, leg, c->incompatible[k], false);
        }
        psi_buf_printf(b, "], \"max_parties\": %lld}", (long long)c->max_parties);
    }
    psi_buf_puts(b, ",\n  \"dimension\": ");
    if (s->dimension >= 0)
        psi_buf_json_string(b, leg->dimensions[s->dimension].id);
    else
        psi_buf_puts(b, "null");
    psi_buf_puts(b, ",\n  \"median_parties\": ");
    json_ids(b, leg, s->median, false);
    psi_buf_puts(b, ",\n  \"largest_parties\": ");
    json_ids(b, leg, s->largest, false);
    psi_buf_printf(b, ",\n  \"minimal_winning_count\": %llu,\n  \"connected_count\": %llu",
                   (unsigned long long)s->n_minimal, (unsigned long long)s->n_connected);
    if (v->actual) {
        psi_buf_puts(b, ",\n  \"actual_cabinet\": ");
        json_coalition(b, v, v->actual);
    }
    psi_buf_puts(b, ",\n  \"theories\": {");
    bool first = true;
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        const ps_theory_list *tl = &s->theories[t];
        if (!v->show[t])
            continue;
        psi_buf_printf(b, "%s\n    \"%s\": {\"title\": ", first ? "" : ",",
                       ps_theory_name((ps_theory)t));
        first = false;
        psi_buf_json_string(b, ps_theory_title((ps_theory)t));
        psi_buf_printf(b, ", \"available\": %s, \"candidates\": %llu, \"prediction_size\": %llu, "
                          "\"truncated\": %s, \"coalitions\": [",
                       tl->available ? "true" : "false", (unsigned long long)tl->n_candidates,
                       (unsigned long long)tl->n_best, tl->truncated ? "true" : "false");
        size_t shown = tl->n; /* ranks 1..top and every tie at the last */
        for (size_t i = 0; i < shown; i++) {
            psi_buf_printf(b, "%s\n      {\"rank\": %zu, \"score\": ", i ? "," : "", tl->rank[i]);
            json_double(b, tl->score[i]);
            psi_buf_puts(b, ", \"coalition\": ");
            json_coalition(b, v, &s->items[tl->index[i]]);
            psi_buf_puts(b, "}");
        }
        psi_buf_puts(b, shown ? "\n    ]}" : "]}");
    }
    psi_buf_puts(b, first ? "}" : "\n  }");
    if (v->all) {
        psi_buf_printf(b, ",\n  \"winning_count\": %llu,\n  \"winning\": [",
                       (unsigned long long)s->n_all);
        size_t k = 0;
        for (size_t i = 0; i < s->n; i++)
            if (s->items[i].winning && s->items[i].feasible) {
                psi_buf_puts(b, k++ ? ",\n    " : "\n    ");
                json_coalition(b, v, &s->items[i]);
            }
        psi_buf_puts(b, k ? "\n  ]" : "]");
    }
    psi_buf_puts(b, ",\n  \"near_misses\": [");
    for (size_t i = 0; i < s->n_near; i++) {
        const ps_near_miss *nm = &s->near[i];
        psi_buf_puts(b, i ? ",\n    {\"parties\": " : "\n    {\"parties\": ");
        json_ids(b, leg, nm->members, false);
        psi_buf_printf(b, ", \"seats\": %lld, \"seats_short\": %lld, \"fails_other_layer\": %s, "
                          "\"missing_communities\": ",
                       (long long)nm->seats, (long long)nm->seats_short,
                       nm->loses_other_layer ? "true" : "false");
        json_ids(b, leg, nm->missing_communities, true);
        psi_buf_puts(b, ", \"missing_parties\": ");
        json_ids(b, leg, nm->missing_required, false);
        ps_condition_verdict verdict;
        ps_condition_judge(&verdict, c, leg, nm->members);
        psi_buf_puts(b, ", \"fails\": [");
        for (size_t k = 0; k < verdict.n_failed; k++) {
            psi_buf_printf(b, "%s{\"part\": \"%s\", \"reason\": ", k ? ", " : "",
                           ps_condition_part_name(verdict.failed[k].part));
            psi_buf_json_string(b, verdict.failed[k].reason);
            psi_buf_puts(b, "}");
        }
        psi_buf_puts(b, "]}");
    }
    psi_buf_puts(b, s->n_near ? "\n  ]\n}\n" : "]\n}\n");
}

/* ---- CSV --------------------------------------------------------------- */

static void csv_row(psi_buf *b, const coal_view *v, const char *theory, size_t rank,
                    double score, const ps_coalition *c)
{
    psi_buf_printf(b, "%s,%zu,", theory, rank);
    if (!isnan(score))
        psi_buf_printf(b, "%.10g", score);
    psi_buf_printf(b, ",%lld,%lld,%zu,", (long long)c->seats, (long long)c->surplus,
                   c->n_members);
    cli_csv_ids(b, v->leg, c->members);
    psi_buf_puts(b, ",");
    cli_csv_ids(b, v->leg, c->critical);
    psi_buf_puts(b, ",");
    cli_csv_ids(b, v->leg, c->winning ? c->members & ~c->critical : 0);
    psi_buf_puts(b, ",");
    psi_buf tmp;
    psi_buf_init(&tmp);
    bool first = true;
    for (size_t k = 0; k < v->leg->n_communities; k++) {
        ps_role r = ps_coalition_role(c, v->cond, k);
        if (r == PS_ROLE_ABSENT)
            continue;
        psi_buf_printf(&tmp, "%s%s=%s", first ? "" : ";", v->leg->communities[k].id,
                       ps_role_name(r));
        first = false;
    }
    psi_buf_csv_field(b, tmp.data ? tmp.data : "");
    psi_buf_free(&tmp);
    psi_buf_puts(b, "\n");
}

void coal_csv(psi_buf *b, const coal_view *v)
{
    const ps_coalition_set *s = v->set;
    psi_buf_puts(b, "theory,rank,score,seats,surplus,n_parties,parties,critical,"
                    "surplus_members,communities\n");
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        const ps_theory_list *tl = &s->theories[t];
        if (!v->show[t])
            continue;
        size_t shown = tl->n; /* ranks 1..top and every tie at the last */
        for (size_t i = 0; i < shown; i++)
            csv_row(b, v, ps_theory_name((ps_theory)t), tl->rank[i], tl->score[i],
                    &s->items[tl->index[i]]);
    }
    if (v->all) {
        size_t k = 0;
        for (size_t i = 0; i < s->n; i++)
            if (s->items[i].winning && s->items[i].feasible)
                csv_row(b, v, "winning", ++k, NAN, &s->items[i]);
    }
}
