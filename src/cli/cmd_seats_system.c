/*
 * cmd_seats_system.c - `powershare seats --system LAW`: a whole electoral
 * law (include/powershare/system.h) on a votes table, and `--systems`, the
 * catalogue of bundled laws. Called by cmd_seats.c; prints with the pieces
 * of seats_out.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_seats.h"

static bool any_of(const int64_t *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (x[i])
            return true;
    return false;
}

static void law_header(psi_buf *b, const ps_system *law, const seats_args *a)
{
    psi_buf_printf(b, "%s, %s (%s)\n", law->chamber, law->law, law->id);
    describe_rule(b, a, law->apportion.seats);
}

/* The rules' sentences, one per line, each after `lead`. */
static void notes_lines(psi_buf *b, const char *notes, const char *lead)
{
    for (const char *s = notes; s && *s;) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        psi_buf_puts(b, lead);
        psi_buf_append(b, s, len);
        psi_buf_puts(b, "\n");
        s += len + (end != NULL);
    }
}

static void json_notes(psi_buf *b, const char *notes)
{
    psi_buf_puts(b, "[");
    const char *sep = "";
    for (const char *s = notes; s && *s;) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)len, s);
        psi_buf_printf(b, "%s\n    ", sep);
        psi_buf_json_string(b, line);
        sep = ",";
        s += len + (end != NULL);
    }
    psi_buf_puts(b, *sep ? "\n  ]" : "]");
}

/* The districts where list i's leveling seats were placed: "a, b" (text)
 * or ["a", "b"] (JSON). */
static void placed(psi_buf *b, const ps_system *law, const ps_system_result *r, size_t i,
                   bool json)
{
    const char *sep = "";
    psi_buf_puts(b, json ? "[" : "");
    for (size_t k = 0; k < r->n_districts; k++)
        for (int64_t s = 0; s < r->leveling_by_district[i * r->n_districts + k]; s++) {
            psi_buf_puts(b, sep);
            if (json)
                psi_buf_json_string(b, law->district[k]);
            else
                psi_buf_puts(b, law->district[k]);
            sep = ", ";
        }
    psi_buf_puts(b, json ? "]" : "");
}

static void print_text(psi_buf *b, const ps_system *law, const seats_args *a,
                       const ps_votes *v, const int64_t *votes, const ps_system_result *r)
{
    law_header(b, law, a);
    bool shortened = text_table(b, a, v->parties, v->n_parties, votes, r->seats, r->eligible,
                                r->votes_total);
    int64_t over = 0;
    for (size_t i = 0; i < r->n; i++)
        over += r->overhang[i];
    if (law->bundestag.fixed_house && r->house == law->apportion.seats)
        psi_buf_printf(b, "The house has %lld seats, fixed by law.\n", (long long)r->house);
    else if (law->bundestag.fixed_house)
        psi_buf_printf(b, "The house has %lld seats: %lld fixed by law and %lld by the majority "
                          "clause.\n",
                       (long long)r->house, (long long)law->apportion.seats,
                       (long long)(r->house - law->apportion.seats));
    else if (law->bundestag.present)
        psi_buf_printf(b, "The house has %lld seats: %lld base seats, %lld more for balance, and "
                          "%lld overhang seat(s) left uncompensated.\n",
                       (long long)r->house, (long long)law->apportion.seats,
                       (long long)(r->house - law->apportion.seats - over), (long long)over);
    else if (r->house != law->apportion.seats)
        psi_buf_printf(b, "The house has %lld seats: %lld by law and %lld of overhang.\n",
                       (long long)r->house, (long long)law->apportion.seats,
                       (long long)(r->house - law->apportion.seats));
    if (r->leveling) {
        psi_buf_puts(b, law->additional_members ? "Regional list seats:" : "Leveling seats:");
        const char *sep = " ";
        for (size_t i = 0; i < r->n; i++)
            if (r->leveling[i]) {
                psi_buf_printf(b, "%s%s %lld", sep, v->parties[i], (long long)r->leveling[i]);
                if (r->leveling_by_district) {
                    psi_buf_puts(b, " (");
                    placed(b, law, r, i, false);
                    psi_buf_puts(b, ")");
                }
                sep = "; ";
            }
        psi_buf_puts(b, *sep == ';' ? ".\n" : " none.\n");
    }
    notes_lines(b, r->notes, "- ");
    describe_tie(b, r->tie, v->parties, a);
    psi_buf_printf(b, "Law: %s\n", law->source);
    cli_names_note(b, shortened);
}

static void print_csv(psi_buf *b, const ps_votes *v, const int64_t *votes,
                      const ps_system_result *r)
{
    bool bonus = any_of(r->bonus, r->n), over = any_of(r->overhang, r->n),
         moved = any_of(r->moved, r->n), level = r->leveling != NULL;
    psi_buf_printf(b, "party,votes,seats,eligible%s%s%s%s\n", bonus ? ",bonus" : "",
                   over ? ",overhang" : "", moved ? ",moved" : "", level ? ",leveling" : "");
    for (size_t i = 0; i < r->n; i++) {
        psi_buf_csv_field(b, v->parties[i]);
        psi_buf_printf(b, ",%lld,%lld,%s", (long long)votes[i], (long long)r->seats[i],
                       r->eligible[i] ? "true" : "false");
        if (bonus)
            psi_buf_printf(b, ",%lld", (long long)r->bonus[i]);
        if (over)
            psi_buf_printf(b, ",%lld", (long long)r->overhang[i]);
        if (moved)
            psi_buf_printf(b, ",%lld", (long long)r->moved[i]);
        if (level)
            psi_buf_printf(b, ",%lld", (long long)r->leveling[i]);
        psi_buf_puts(b, "\n");
    }
}

static void print_json(psi_buf *b, const ps_system *law, const ps_votes *v,
                       const int64_t *votes, const ps_system_result *r)
{
    psi_buf_puts(b, "{\n  \"system\": ");
    psi_buf_json_string(b, law->id);
    psi_buf_puts(b, ",\n  \"chamber\": ");
    psi_buf_json_string(b, law->chamber);
    psi_buf_puts(b, ",\n  \"law\": ");
    psi_buf_json_string(b, law->law);
    psi_buf_puts(b, ",\n  \"source\": ");
    psi_buf_json_string(b, law->source);
    psi_buf_printf(b, ",\n  \"method\": \"%s\",\n  \"seats\": %lld,\n  \"house\": %lld,\n"
                      "  \"votes_total\": %lld,\n  \"parties\": [",
                   ps_method_name(law->apportion.method), (long long)law->apportion.seats,
                   (long long)r->house, (long long)r->votes_total);
    for (size_t i = 0; i < r->n; i++) {
        psi_buf_puts(b, i ? ",\n    {\"party\": " : "\n    {\"party\": ");
        psi_buf_json_string(b, v->parties[i]);
        psi_buf_printf(b, ", \"votes\": %lld, \"seats\": %lld, \"eligible\": %s",
                       (long long)votes[i], (long long)r->seats[i],
                       r->eligible[i] ? "true" : "false");
        if (r->bonus[i])
            psi_buf_printf(b, ", \"bonus\": %lld", (long long)r->bonus[i]);
        if (r->overhang[i])
            psi_buf_printf(b, ", \"overhang\": %lld", (long long)r->overhang[i]);
        if (r->moved[i])
            psi_buf_printf(b, ", \"moved\": %lld", (long long)r->moved[i]);
        if (!law->bundestag.present && r->by_district && r->seats[i] &&
            (!law->leveling.seats || r->leveling_by_district)) {
            /* a law with districts whose every seat has a district: the
             * party's seats in each, district and leveling seats */
            psi_buf_puts(b, ", \"seats_in\": {");
            for (size_t k = 0; k < r->n_districts; k++) {
                size_t c = i * r->n_districts + k;
                int64_t s = r->by_district[c];
                if (r->leveling_by_district)
                    s += r->leveling_by_district[c];
                psi_buf_puts(b, k ? ", " : "");
                psi_buf_json_string(b, law->district[k]);
                psi_buf_printf(b, ": %lld", (long long)s);
            }
            psi_buf_puts(b, "}");
        }
        if (r->leveling)
            psi_buf_printf(b, ", \"leveling\": %lld", (long long)r->leveling[i]);
        if (r->leveling && r->leveling_by_district && r->leveling[i]) {
            psi_buf_puts(b, ", \"leveling_in\": ");
            placed(b, law, r, i, true);
        }
        if (law->bundestag.present && r->by_district && r->seats[i]) {
            /* the seats of each of the party's district (Land) lists */
            psi_buf_puts(b, ", \"seats_in\": {");
            for (size_t k = 0; k < r->n_districts; k++) {
                psi_buf_puts(b, k ? ", " : "");
                psi_buf_json_string(b, law->district[k]);
                psi_buf_printf(b, ": %lld", (long long)r->by_district[i * r->n_districts + k]);
            }
            psi_buf_puts(b, "}");
        }
        if (r->uncovered_by_district && any_of(r->uncovered_by_district + i * r->n_districts,
                                               r->n_districts)) {
            /* the fixed house: constituency winners that the list's seats
             * do not cover (not seated), by Land */
            psi_buf_puts(b, ", \"uncovered_in\": {");
            const char *sep = "";
            for (size_t k = 0; k < r->n_districts; k++) {
                int64_t u = r->uncovered_by_district[i * r->n_districts + k];
                if (!u)
                    continue;
                psi_buf_puts(b, sep);
                psi_buf_json_string(b, law->district[k]);
                psi_buf_printf(b, ": %lld", (long long)u);
                sep = ", ";
            }
            psi_buf_puts(b, "}");
        }
        psi_buf_puts(b, "}");
    }
    psi_buf_puts(b, "\n  ],\n  \"notes\": ");
    json_notes(b, r->notes);
    psi_buf_puts(b, ",\n  \"tie\": ");
    json_tie(b, r->tie, v->parties);
    psi_buf_puts(b, "\n}\n");
}

int run_system(const seats_args *a, const ps_votes *v, psi_buf *b)
{
    ps_error err;
    ps_system *law = NULL;
    bool *others = NULL;
    if (ps_system_others(&others, v, a->others, a->n_others, &err) < 0)
        return cli_usage_error("seats", "--%s in %s", err.message,
                               ps_file_display_name(a->input));
    if (ps_system_load(&law, a->system, &err) < 0) {
        ps_free(others);
        return cli_fail(&err);
    }
    if (a->seats_given && ps_system_set_seats(law, a->opt.seats, &err) < 0) {
        ps_free(others);
        ps_system_free(law);
        return cli_usage_error("seats", "--seats: %s", err.message);
    }
    if (a->district_seats_path) {
        ps_district_seats *ds = NULL;
        int rc = ps_district_seats_load(&ds, a->district_seats_path, &err);
        if (rc == 0)
            rc = ps_system_set_district_seats(law, (const char *const *)ds->districts, ds->seats,
                                              ds->n, &err);
        ps_district_seats_free(ds);
        if (rc < 0) {
            ps_free(others);
            ps_system_free(law);
            return rc == PS_EINVAL ? cli_usage_error("seats", "--district-seats: %s", err.message)
                                   : cli_fail(&err);
        }
    }
    seats_args shown = *a;
    shown.opt = law->apportion;
    if (a->ties_given)
        law->apportion.ties = shown.opt.ties = a->opt.ties;
    shown.opt.seed = a->opt.seed;
    law->apportion.seed = a->opt.seed;
    ps_system_result *r = NULL;
    int rc = ps_system_apply(&r, law, v, others, &err);
    ps_free(others);
    if (rc < 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", ps_file_display_name(a->input));
        ps_system_free(law);
        return cli_fail(&err);
    }
    /* a table with districts is printed with each list's national votes */
    int64_t *national = NULL;
    const int64_t *votes = v->votes;
    if (v->n_districts) {
        if (!(national = calloc(v->n_parties, sizeof *national))) {
            b->failed = 1;
        } else {
            for (size_t p = 0; p < v->n_parties; p++)
                for (size_t d = 0; d < v->n_districts; d++)
                    national[p] += v->votes[p * v->n_districts + d];
            votes = national;
        }
    }
    if (!b->failed) {
        switch (a->format) {
        case FORMAT_TEXT: print_text(b, law, &shown, v, votes, r); break;
        case FORMAT_CSV: print_csv(b, v, votes, r); break;
        case FORMAT_JSON: print_json(b, law, v, votes, r); break;
        }
    }
    free(national);
    ps_system_result_free(r);
    ps_system_free(law);
    return EXIT_OK;
}

int print_catalogue(output_format format, psi_buf *b)
{
    ps_error err;
    char **ids = NULL;
    if (ps_system_catalogue(&ids, &err) < 0)
        return cli_fail(&err);
    int status = EXIT_OK;
    if (format == FORMAT_CSV)
        psi_buf_puts(b, "system,chamber,law,seats,method\n");
    else if (format == FORMAT_JSON)
        psi_buf_puts(b, "[");
    for (size_t i = 0; ids[i]; i++) {
        ps_system *law = NULL;
        if (ps_system_load(&law, ids[i], &err) < 0) {
            status = cli_fail(&err);
            break;
        }
        /* "150", or "1-18" for a law whose elections give the house size */
        char seats[48];
        if (law->seats_max)
            snprintf(seats, sizeof seats, "%lld-%lld", (long long)law->seats_min,
                     (long long)law->seats_max);
        else
            snprintf(seats, sizeof seats, "%lld", (long long)law->apportion.seats);
        if (format == FORMAT_CSV) {
            psi_buf_printf(b, "%s,", law->id);
            psi_buf_csv_field(b, law->chamber);
            psi_buf_puts(b, ",");
            psi_buf_csv_field(b, law->law);
            psi_buf_printf(b, ",%s,%s\n", seats, ps_method_name(law->apportion.method));
        } else if (format == FORMAT_JSON) {
            psi_buf_printf(b, "%s\n  {\"system\": \"%s\", \"chamber\": ", i ? "," : "", law->id);
            psi_buf_json_string(b, law->chamber);
            psi_buf_puts(b, ", \"law\": ");
            psi_buf_json_string(b, law->law);
            psi_buf_printf(b, law->seats_max ? ", \"seats\": \"%s\", \"method\": \"%s\"}"
                                             : ", \"seats\": %s, \"method\": \"%s\"}",
                           seats, ps_method_name(law->apportion.method));
        } else {
            psi_buf_printf(b, "%-22s %s: %s; %s seats, %s\n", law->id, law->chamber, law->law,
                           seats, ps_method_name(law->apportion.method));
        }
        ps_system_free(law);
    }
    if (format == FORMAT_JSON && status == EXIT_OK)
        psi_buf_puts(b, "\n]\n");
    ps_free(ids);
    return status;
}
