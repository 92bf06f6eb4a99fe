/*
 * stv_out.c - the printers of `powershare stv`: the count sheet as text,
 * CSV tables and JSON. They only read the ballots and the count; every
 * figure is printed exactly, with the 5 decimal places of the count.
 *
 * The CSV "stages" table has the rows of the official Scottish count
 * sheet (its "Votes" column, stage by stage), labels included, so that a
 * published sheet and a recount can be compared with diff.
 */
#include <string.h>

#include "stv_out.h"

#define TEXT_WIDTH 100

/* A figure of the count, with as many decimal places as its scale has. */
static void put_votes(psi_buf *b, const ps_stv_result *res, int64_t v)
{
    char s[40];
    if (ps_stv_format_scaled(v, res->scale, s, sizeof s) < 0)
        b->failed = 1;
    else
        psi_buf_puts(b, s);
}

/* The same into s (at least 40 bytes); returns its length. */
static int format_votes(const ps_stv_result *res, int64_t v, char *s, size_t size)
{
    int n = ps_stv_format_scaled(v, res->scale, s, size);
    return n < 0 ? 0 : n;
}

static const char *status_name(const ps_stv_candidate *c)
{
    if (c->status == PS_STV_ELECTED && c->last_vacancies)
        return "elected (last vacancies)";
    return ps_stv_status_name(c->status);
}

static void action_text(psi_buf *b, const stv_report *r, const ps_stv_stage *s)
{
    psi_buf_puts(b, ps_stv_action_name(s->action));
    if (ps_stv_action_has_candidate(s->action))
        psi_buf_printf(b, " of %s", r->ballots->candidates[s->candidate]);
    for (size_t i = 1; i < s->n_excluded; i++)
        psi_buf_printf(b, " and %s", r->ballots->candidates[s->excluded[i]]);
}

static void elected_names(psi_buf *b, const stv_report *r, const ps_stv_stage *s,
                          const char *sep)
{
    for (size_t i = 0; i < s->n_elected; i++)
        psi_buf_printf(b, "%s%s", i ? sep : "", r->ballots->candidates[s->elected[i]]);
}

static void tie_text(psi_buf *b, const stv_report *r, const ps_stv_tie *t)
{
    const ps_ballots *bl = r->ballots;
    psi_buf_printf(b, "stage %lld: ", (long long)t->stage);
    for (size_t i = 0; i < t->n_tied; i++)
        psi_buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == t->n_tied ? " and " : ", ",
                       bl->candidates[t->tied[i]]);
    psi_buf_printf(b, " were level %s; %s %s ",
                   t->action == PS_STV_SURPLUS ? "for the first surplus" : "for exclusion",
                   bl->candidates[t->chosen],
                   t->action == PS_STV_SURPLUS ? "went first" : "was excluded");
    if (t->decided_at)
        psi_buf_printf(b, "by the votes at stage %lld\n", (long long)t->decided_at);
    else
        psi_buf_printf(b, "by lot (--ties %s)\n",
                       r->opt && r->opt->ties == PS_TIES_RANDOM ? "random" : "first");
}

void stv_note_ties(FILE *f, const stv_report *r)
{
    for (size_t i = 0; i < r->result->n_ties; i++) {
        if (r->result->tie[i].decided_at)
            continue;
        psi_buf b;
        psi_buf_init(&b);
        tie_text(&b, r, &r->result->tie[i]);
        if (b.data)
            fprintf(f, "powershare: note: %s", b.data);
        psi_buf_free(&b);
    }
}

/* ---- text ----------------------------------------------------------------- */

static void text_header(psi_buf *b, const stv_report *r)
{
    const ps_stv_result *res = r->result;
    const ps_ballots *bl = r->ballots;
    if (bl->title)
        psi_buf_printf(b, "%s\n", bl->title);
    size_t standing = 0;
    for (size_t i = 0; i < bl->n_candidates; i++)
        standing += res->candidate[i].status != PS_STV_WITHDRAWN;
    psi_buf_printf(b, "Single transferable vote, %s rules: %lld seat%s, %zu candidates\n",
                   res->rule == PS_STV_SCOTTISH ? "Scottish"
                   : res->rule == PS_STV_IRISH  ? "Irish (Dail)"
                   : res->rule == PS_STV_MEEK   ? "Meek (reference)"
                                                : ps_stv_rule_name(res->rule),
                   (long long)res->seats, res->seats == 1 ? "" : "s", standing);
    if (res->rule == PS_STV_MEEK) {
        psi_buf_printf(b, "Valid votes %lld; quota at each iteration = the candidates' votes / "
                          "%lld, to 9 places, + 0.000000001; at the end ",
                       (long long)res->valid, (long long)res->seats + 1);
        put_votes(b, res, res->quota);
        psi_buf_puts(b, "\n");
    } else {
        char q[32];
        snprintf(q, sizeof q, "%lld", (long long)(res->quota / res->scale));
        psi_buf_printf(b, "Valid votes %lld; quota %s = floor(%lld / %lld) + 1\n",
                       (long long)res->valid, q, (long long)res->valid,
                       (long long)res->seats + 1);
    }
    if (res->ignored)
        psi_buf_printf(b, "Ballots without a standing candidate (not counted): %lld\n",
                       (long long)res->ignored);
    bool any = false;
    for (size_t i = 0; i < bl->n_candidates; i++)
        if (res->candidate[i].status == PS_STV_WITHDRAWN) {
            psi_buf_printf(b, "%s%s", any ? ", " : "Withdrawn: ", bl->candidates[i]);
            any = true;
        }
    if (any)
        psi_buf_puts(b, "\n");
}

static void text_stages(psi_buf *b, const stv_report *r)
{
    const ps_stv_result *res = r->result;
    int width = res->n_stages >= 100 ? 3 : res->n_stages >= 10 ? 2 : 1;
    psi_buf_puts(b, "\nStages:\n");
    for (size_t k = 0; k < res->n_stages; k++) {
        const ps_stv_stage *s = &res->stage[k];
        psi_buf_printf(b, "  %*zu  ", width, k + 1);
        action_text(b, r, s);
        if (ps_stv_action_has_candidate(s->action)) {
            psi_buf_puts(b, ": ");
            put_votes(b, res, s->amount);
        }
        if (s->keep) {
            psi_buf_printf(b, " (%lld iteration%s, quota ", (long long)s->iterations,
                           s->iterations == 1 ? "" : "s");
            put_votes(b, res, s->quota);
            psi_buf_puts(b, ")");
        }
        size_t quota_elected = 0;
        while (quota_elected < s->n_elected &&
               !res->candidate[s->elected[quota_elected]].last_vacancies)
            quota_elected++;
        if (quota_elected) {
            psi_buf_puts(b, "; elected: ");
            ps_stv_stage part = *s;
            part.n_elected = quota_elected;
            elected_names(b, r, &part, ", ");
        }
        if (quota_elected < s->n_elected) {
            psi_buf_puts(b, "; elected as the last vacancies: ");
            ps_stv_stage part = *s;
            part.elected += quota_elected;
            part.n_elected -= quota_elected;
            elected_names(b, r, &part, ", ");
        }
        psi_buf_puts(b, "\n");
    }
}

/* Ends a table line without the spaces that padded its last cell. */
static void end_line(psi_buf *b)
{
    while (!b->failed && b->len && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    psi_buf_puts(b, "\n");
}

enum { ROW_NT = -1, ROW_ROUNDING = -2, ROW_TOTAL = -3, ROW_QUOTA = -4 };

/* A figure of the votes table (keep: Meek's keep factors instead). */
static int64_t row_value(const ps_stv_result *res, size_t k, long row, bool keep)
{
    const ps_stv_stage *s = &res->stage[k];
    if (keep)
        return s->keep[row];
    if (row == ROW_QUOTA)
        return s->quota;
    if (row == ROW_NT)
        return s->non_transferable;
    if (row == ROW_ROUNDING)
        return s->rounding;
    if (row == ROW_TOTAL) {
        int64_t t = s->non_transferable + s->rounding;
        for (size_t i = 0; i < res->n_candidates; i++)
            t += s->votes[i];
        return t;
    }
    return s->votes[row];
}

static bool elected_at(const ps_stv_stage *s, size_t c)
{
    for (size_t i = 0; i < s->n_elected; i++)
        if (s->elected[i] == c)
            return true;
    return false;
}

/* The votes at the end of each stage, with the sheet's rows below them (and
 * Meek's quota), or (keep) Meek's keep factors; stages in columns, as many
 * as fit the width. */
static void text_table(psi_buf *b, const stv_report *r, bool keep)
{
    const ps_stv_result *res = r->result;
    const ps_ballots *bl = r->ballots;
    static const char *const labels[] = {"Non-transferable votes", "  due to rounding", "Total",
                                         "Quota"};
    long last_row = keep ? 0 : res->rule == PS_STV_MEEK ? ROW_QUOTA : ROW_TOTAL;
    size_t name_w = strlen("Stage"), cell_w = 0;
    bool shortened = false, marked = false;
    for (size_t i = 0; i < bl->n_candidates; i++)
        if (res->candidate[i].status != PS_STV_WITHDRAWN && cli_name_width(bl->candidates[i]) > name_w)
            name_w = cli_name_width(bl->candidates[i]);
    for (long row = ROW_NT; row >= last_row; row--)
        if (strlen(labels[-row - 1]) > name_w)
            name_w = strlen(labels[-row - 1]);
    for (size_t k = 0; k < res->n_stages; k++)
        for (long row = last_row; row < (long)res->n_candidates; row++) {
            char s[40];
            size_t w = (size_t)format_votes(res, row_value(res, k, row, keep), s, sizeof s);
            if (w > cell_w)
                cell_w = w;
        }
    cell_w += 1; /* the '*' of an election */
    size_t per = (TEXT_WIDTH - name_w) / (cell_w + 2);
    if (per == 0)
        per = 1;
    psi_buf_puts(b, keep ? "\nKeep factors at the end of each stage:\n"
                         : "\nVotes at the end of each stage:\n");
    for (size_t k0 = 0; k0 < res->n_stages; k0 += per) {
        size_t k1 = k0 + per < res->n_stages ? k0 + per : res->n_stages;
        if (k0)
            psi_buf_puts(b, "\n");
        cli_pad(b, "Stage", name_w, false);
        for (size_t k = k0; k < k1; k++) {
            char h[24];
            snprintf(h, sizeof h, "%zu ", k + 1);
            psi_buf_puts(b, "  ");
            cli_pad(b, h, cell_w, true);
        }
        end_line(b);
        for (long row = 0; row < (long)bl->n_candidates; row++) {
            if (res->candidate[row].status == PS_STV_WITHDRAWN)
                continue;
            shortened |= cli_pad_name(b, bl->candidates[row], name_w, false);
            for (size_t k = k0; k < k1; k++) {
                char s[40];
                bool el = !keep && elected_at(&res->stage[k], (size_t)row);
                int n = format_votes(res, row_value(res, k, row, keep), s, sizeof s - 1);
                s[n] = el ? '*' : ' ';
                s[n + 1] = '\0';
                marked |= el;
                psi_buf_puts(b, "  ");
                cli_pad(b, s, cell_w, true);
            }
            end_line(b);
        }
        for (long row = ROW_NT; row >= last_row; row--) {
            cli_pad(b, labels[-row - 1], name_w, false);
            for (size_t k = k0; k < k1; k++) {
                char s[40];
                int n = format_votes(res, row_value(res, k, row, keep), s, sizeof s - 1);
                s[n] = ' ';
                s[n + 1] = '\0';
                psi_buf_puts(b, "  ");
                cli_pad(b, s, cell_w, true);
            }
            end_line(b);
        }
    }
    if (marked)
        psi_buf_puts(b, "* elected at the end of this stage\n");
    cli_names_note(b, shortened);
}

static void text_result(psi_buf *b, const stv_report *r)
{
    const ps_stv_result *res = r->result;
    const ps_ballots *bl = r->ballots;
    size_t name_w = 0;
    bool shortened = false;
    for (size_t i = 0; i < bl->n_candidates; i++)
        if (cli_name_width(bl->candidates[i]) > name_w)
            name_w = cli_name_width(bl->candidates[i]);
    psi_buf_puts(b, "\nElected, in order of election:\n");
    for (size_t i = 0; i < res->n_elected; i++) {
        const ps_stv_candidate *c = &res->candidate[res->elected[i]];
        psi_buf_printf(b, "  %2zu  ", i + 1);
        shortened |= cli_pad_name(b, bl->candidates[res->elected[i]], name_w, false);
        psi_buf_printf(b, "  stage %lld", (long long)c->stage);
        if (c->last_vacancies) {
            psi_buf_puts(b, ", as one of the last vacancies");
            if (c->votes < res->quota) {
                psi_buf_puts(b, " (");
                put_votes(b, res, c->votes);
                psi_buf_puts(b, " votes, under the quota)");
            }
        }
        psi_buf_puts(b, "\n");
    }
    if (res->n_elected < (size_t)res->seats)
        psi_buf_printf(b, "  (%lld seat%s left empty: too few candidates stood)\n",
                       (long long)res->seats - (long long)res->n_elected,
                       res->seats - (int64_t)res->n_elected == 1 ? "" : "s");
    bool any = false;
    for (size_t i = 0; i < bl->n_candidates; i++) {
        const ps_stv_candidate *c = &res->candidate[i];
        if (c->status == PS_STV_ELECTED)
            continue;
        if (!any)
            psi_buf_puts(b, "Not elected:\n");
        any = true;
        psi_buf_puts(b, "      ");
        shortened |= cli_pad_name(b, bl->candidates[i], name_w, false);
        if (c->status == PS_STV_EXCLUDED)
            psi_buf_printf(b, "  excluded at stage %lld\n", (long long)c->stage);
        else if (c->status == PS_STV_WITHDRAWN)
            psi_buf_puts(b, "  withdrawn\n");
        else
            psi_buf_puts(b, "  continuing when the last seat was filled\n");
    }
    if (res->n_ties) {
        psi_buf_puts(b, "Ties:\n");
        for (size_t i = 0; i < res->n_ties; i++) {
            psi_buf_puts(b, "  ");
            tie_text(b, r, &res->tie[i]);
        }
    }
    cli_names_note(b, shortened);
}

void stv_text(psi_buf *b, const stv_report *r)
{
    text_header(b, r);
    text_stages(b, r);
    text_table(b, r, false);
    if (r->result->rule == PS_STV_MEEK)
        text_table(b, r, true);
    text_result(b, r);
}

/* ---- CSV ------------------------------------------------------------------ */

/* A row of the stages table; Meek's has a keep factor column (keep NULL:
 * empty, for the rows that are not candidates). */
static void csv_row(psi_buf *b, const ps_stv_result *res, size_t stage, const char *label,
                    int64_t v, const int64_t *keep)
{
    psi_buf_printf(b, "%zu,", stage);
    psi_buf_csv_field(b, label);
    psi_buf_puts(b, ",");
    put_votes(b, res, v);
    if (res->rule == PS_STV_MEEK) {
        psi_buf_puts(b, ",");
        if (keep)
            put_votes(b, res, *keep);
    }
    psi_buf_puts(b, "\n");
}

static void csv_stages(psi_buf *b, const void *p)
{
    const stv_report *r = p;
    const ps_stv_result *res = r->result;
    psi_buf_puts(b, res->rule == PS_STV_MEEK ? "stage,candidate,votes,keep_factor\n"
                                             : "stage,candidate,votes\n");
    for (size_t k = 0; k < res->n_stages; k++) {
        const ps_stv_stage *s = &res->stage[k];
        for (size_t i = 0; i < res->n_candidates; i++)
            if (res->candidate[i].status != PS_STV_WITHDRAWN)
                csv_row(b, res, k + 1, r->ballots->candidates[i], s->votes[i],
                        s->keep ? &s->keep[i] : NULL);
        csv_row(b, res, k + 1, "Non-transferable votes", s->non_transferable, NULL);
        csv_row(b, res, k + 1, "Non-transferable votes due to rounding", s->rounding, NULL);
        if (res->rule == PS_STV_MEEK)
            csv_row(b, res, k + 1, "Quota", s->quota, NULL);
    }
}

static void csv_candidates(psi_buf *b, const void *p)
{
    const stv_report *r = p;
    const ps_stv_result *res = r->result;
    psi_buf_puts(b, "candidate,elected,stage,status,votes\n");
    for (size_t i = 0; i < res->n_candidates; i++) {
        const ps_stv_candidate *c = &res->candidate[i];
        psi_buf_csv_field(b, r->ballots->candidates[i]);
        psi_buf_printf(b, ",%s,", c->status == PS_STV_ELECTED ? "yes" : "no");
        if (c->stage)
            psi_buf_printf(b, "%lld", (long long)c->stage);
        psi_buf_puts(b, ",");
        psi_buf_csv_field(b, status_name(c));
        psi_buf_puts(b, ",");
        put_votes(b, res, c->votes);
        psi_buf_puts(b, "\n");
    }
}

static void csv_actions(psi_buf *b, const void *p)
{
    const stv_report *r = p;
    const ps_stv_result *res = r->result;
    psi_buf_puts(b, "stage,action,candidate,amount,elected\n");
    for (size_t k = 0; k < res->n_stages; k++) {
        const ps_stv_stage *s = &res->stage[k];
        psi_buf_printf(b, "%zu,%s,", k + 1, ps_stv_action_name(s->action));
        if (ps_stv_action_has_candidate(s->action)) {
            psi_buf names;
            psi_buf_init(&names);
            psi_buf_puts(&names, r->ballots->candidates[s->candidate]);
            for (size_t i = 1; i < s->n_excluded; i++)
                psi_buf_printf(&names, " and %s", r->ballots->candidates[s->excluded[i]]);
            if (names.failed)
                b->failed = 1;
            else
                psi_buf_csv_field(b, names.data);
            psi_buf_free(&names);
            psi_buf_puts(b, ",");
            put_votes(b, res, s->amount);
        } else {
            psi_buf_puts(b, ",");
        }
        psi_buf_puts(b, ",");
        psi_buf names;
        psi_buf_init(&names);
        elected_names(&names, r, s, ";");
        if (names.failed)
            b->failed = 1;
        psi_buf_csv_field(b, names.data ? names.data : "");
        psi_buf_free(&names);
        psi_buf_puts(b, "\n");
    }
}

const cli_csv_table stv_csv_tables[STV_CSV_TABLES] = {
    {"stages", csv_stages},
    {"candidates", csv_candidates},
    {"actions", csv_actions},
};

/* ---- JSON ----------------------------------------------------------------- */

static void json_name_or_null(psi_buf *b, const char *s)
{
    if (s)
        psi_buf_json_string(b, s);
    else
        psi_buf_puts(b, "null");
}

static void json_names(psi_buf *b, const stv_report *r, const size_t *idx, size_t n)
{
    psi_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            psi_buf_puts(b, ", ");
        psi_buf_json_string(b, r->ballots->candidates[idx[i]]);
    }
    psi_buf_puts(b, "]");
}

static void json_candidates(psi_buf *b, const stv_report *r)
{
    const ps_stv_result *res = r->result;
    const ps_ballots *bl = r->ballots;
    psi_buf_puts(b, "  \"candidates\": [\n");
    for (size_t i = 0; i < res->n_candidates; i++) {
        const ps_stv_candidate *c = &res->candidate[i];
        psi_buf_puts(b, "    {\"name\": ");
        psi_buf_json_string(b, bl->candidates[i]);
        psi_buf_puts(b, ", \"affiliation\": ");
        json_name_or_null(b, bl->affiliations ? bl->affiliations[i] : NULL);
        psi_buf_printf(b, ", \"status\": \"%s\", \"stage\": ",
                       ps_stv_status_name(c->status));
        if (c->stage)
            psi_buf_printf(b, "%lld", (long long)c->stage);
        else
            psi_buf_puts(b, "null");
        psi_buf_printf(b, ", \"last_vacancies\": %s, \"votes\": ",
                       c->last_vacancies ? "true" : "false");
        put_votes(b, res, c->votes);
        psi_buf_printf(b, "}%s\n", i + 1 < res->n_candidates ? "," : "");
    }
    psi_buf_puts(b, "  ],\n");
}

static void json_stages(psi_buf *b, const stv_report *r)
{
    const ps_stv_result *res = r->result;
    psi_buf_puts(b, "  \"stages\": [\n");
    for (size_t k = 0; k < res->n_stages; k++) {
        const ps_stv_stage *s = &res->stage[k];
        psi_buf_printf(b, "    {\"stage\": %zu, \"action\": \"%s\", \"candidate\": ", k + 1,
                       ps_stv_action_name(s->action));
        json_name_or_null(b, ps_stv_action_has_candidate(s->action)
                                 ? r->ballots->candidates[s->candidate] : NULL);
        /* "candidate" is the first of them, kept for older readers */
        psi_buf_puts(b, ", \"excluded\": ");
        json_names(b, r, s->excluded, s->n_excluded);
        psi_buf_puts(b, ", \"amount\": ");
        put_votes(b, res, s->amount);
        psi_buf_puts(b, ",\n     \"votes\": [");
        for (size_t i = 0; i < res->n_candidates; i++) {
            if (i)
                psi_buf_puts(b, ", ");
            put_votes(b, res, s->votes[i]);
        }
        psi_buf_puts(b, "],\n     \"exhausted\": ");
        put_votes(b, res, s->exhausted);
        psi_buf_puts(b, ", \"non_transferable\": ");
        put_votes(b, res, s->non_transferable);
        psi_buf_puts(b, ", \"rounding\": ");
        put_votes(b, res, s->rounding);
        psi_buf_puts(b, ", \"elected\": ");
        json_names(b, r, s->elected, s->n_elected);
        if (s->keep) {
            psi_buf_puts(b, ",\n     \"quota\": ");
            put_votes(b, res, s->quota);
            psi_buf_printf(b, ", \"iterations\": %lld, \"keep\": [", (long long)s->iterations);
            for (size_t i = 0; i < res->n_candidates; i++) {
                if (i)
                    psi_buf_puts(b, ", ");
                put_votes(b, res, s->keep[i]);
            }
            psi_buf_puts(b, "]");
        }
        psi_buf_printf(b, "}%s\n", k + 1 < res->n_stages ? "," : "");
    }
    psi_buf_puts(b, "  ],\n");
}

static void json_ties(psi_buf *b, const stv_report *r)
{
    const ps_stv_result *res = r->result;
    psi_buf_puts(b, "  \"ties\": [");
    for (size_t i = 0; i < res->n_ties; i++) {
        const ps_stv_tie *t = &res->tie[i];
        psi_buf_printf(b, "%s\n    {\"stage\": %lld, \"action\": \"%s\", \"tied\": ",
                       i ? "," : "", (long long)t->stage, ps_stv_action_name(t->action));
        json_names(b, r, t->tied, t->n_tied);
        psi_buf_puts(b, ", \"chosen\": ");
        psi_buf_json_string(b, r->ballots->candidates[t->chosen]);
        psi_buf_puts(b, ", \"decided_at\": ");
        if (t->decided_at)
            psi_buf_printf(b, "%lld}", (long long)t->decided_at);
        else
            psi_buf_puts(b, "null}");
    }
    psi_buf_puts(b, res->n_ties ? "\n  ]\n" : "]\n");
}

void stv_json(psi_buf *b, const stv_report *r)
{
    const ps_stv_result *res = r->result;
    psi_buf_puts(b, "{\n  \"title\": ");
    json_name_or_null(b, r->ballots->title);
    psi_buf_printf(b, ",\n  \"rule\": \"%s\",\n  \"seats\": %lld,\n  \"ballots\": %lld,\n"
                      "  \"valid\": %lld,\n  \"ignored\": %lld,\n  \"quota\": ",
                   ps_stv_rule_name(res->rule), (long long)res->seats,
                   (long long)r->ballots->total, (long long)res->valid, (long long)res->ignored);
    put_votes(b, res, res->quota);
    psi_buf_puts(b, ",\n  \"elected\": ");
    json_names(b, r, res->elected, res->n_elected);
    psi_buf_puts(b, ",\n");
    json_candidates(b, r);
    json_stages(b, r);
    json_ties(b, r);
    psi_buf_puts(b, "}\n");
}
