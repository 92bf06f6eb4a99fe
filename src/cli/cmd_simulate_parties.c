/*
 * cmd_simulate_parties.c - matching the names of a poll to the parties of
 * `simulate --legislature`: by id, then by name, then ignoring case (an
 * ambiguity is an error naming both); a polled party without seats joins
 * the simulation with its share; an exemption the poll lacks is a note.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_simulate.h"

long sim_find_party(const ps_polls *p, const bool *others, const char *name)
{
    long i = ps_polls_find(p, name);
    return i >= 0 && !others[i] ? i : -1;
}

/* The legislature party a poll name stands for: its id, else its name,
 * else the one party whose id or name equals it ignoring (ASCII) case.
 * Returns the index or -1; *also >= 0 when a second party matches
 * ignoring case too (ambiguous). */
static long leg_match(const ps_legislature *leg, const char *name, long *also)
{
    *also = -1;
    long k = ps_legislature_find_party(leg, name);
    for (size_t j = 0; k < 0 && j < leg->n_parties; j++)
        if (!strcmp(leg->parties[j].name, name))
            k = (long)j;
    if (k >= 0)
        return k;
    for (size_t j = 0; j < leg->n_parties && *also < 0; j++) {
        if (strcasecmp(leg->parties[j].id, name) && strcasecmp(leg->parties[j].name, name))
            continue;
        if (k < 0)
            k = (long)j;
        else
            *also = (long)j;
    }
    return k;
}

/* The poll entry (not an "others" one) with this name, else the one that
 * equals it ignoring case; -1 for none; *also as for leg_match. */
static long poll_match(const ps_polls *p, const bool *others, const char *name, long *also)
{
    *also = -1;
    long i = sim_find_party(p, others, name), k = -1;
    if (i >= 0)
        return i;
    for (size_t j = 0; j < p->n_parties && *also < 0; j++) {
        if (others[j] || strcasecmp(p->parties[j], name))
            continue;
        if (k < 0)
            k = (long)j;
        else
            *also = (long)j;
    }
    return k;
}

/* s->leg_of[i]: the legislature party of poll entry i, or -1 for a party
 * that holds no seat there (it joins the simulation with its poll share;
 * one note names them all) and for "others" entries. */
int sim_map_legislature(sim_state *s, size_t n)
{
    ps_error err;
    ps_polls *p = s->polls;
    psi_buf absent;
    psi_buf_init(&absent);
    if (!(s->leg_of = malloc(n * sizeof *s->leg_of)))
        return cli_fail(&(ps_error){.code = PS_ENOMEM, .message = "out of memory"});
    for (size_t i = 0; i < n; i++) {
        long also;
        s->leg_of[i] = -1;
        if (s->others[i])
            continue;
        long k = leg_match(s->leg, p->parties[i], &also);
        if (also >= 0) {
            psi_buf_free(&absent);
            psi_error(&err, PS_EDATA, p->source, p->party_line[i], p->party_column[i],
                      "party '%s' matches both '%s' and '%s' of %s when case is ignored; "
                      "write the id exactly", p->parties[i], s->leg->parties[k].id,
                      s->leg->parties[also].id, ps_document_source(s->doc));
            return cli_fail(&err);
        }
        for (size_t j = 0; k >= 0 && j < i; j++)
            if (s->leg_of[j] == k) {
                psi_buf_free(&absent);
                psi_error(&err, PS_EDATA, p->source, p->party_line[i], p->party_column[i],
                          "'%s' and '%s' (line %ld) both name party '%s' of %s; a party "
                          "appears once in the polls", p->parties[i], p->parties[j],
                          p->party_line[j], s->leg->parties[k].id, ps_document_source(s->doc));
                return cli_fail(&err);
            }
        s->leg_of[i] = k;
        if (k < 0)
            psi_buf_printf(&absent, "%s'%s'", absent.len ? ", " : "", p->parties[i]);
    }
    if (absent.len)
        fprintf(stderr, "powershare: note: %s: %s hold%s no seat in %s; joining the simulation "
                        "with %s poll share%s\n", p->source, absent.data,
                strchr(absent.data, ',') ? "" : "s", ps_document_source(s->doc),
                strchr(absent.data, ',') ? "their" : "its", strchr(absent.data, ',') ? "s" : "");
    psi_buf_free(&absent);
    return 0;
}

/* Communities from the polls' column or the legislature's parties. */
int sim_communities(sim_state *s, size_t n)
{
    ps_polls *p = s->polls;
    s->community = malloc(n * sizeof *s->community);
    s->comm_names = calloc(n + 1, sizeof *s->comm_names);
    if (!s->community || !s->comm_names)
        return cli_fail(&(ps_error){.code = PS_ENOMEM, .message = "out of memory"});
    if (s->leg) { /* mapped by map_legislature */
        for (size_t i = 0; i < n; i++)
            s->community[i] = s->leg_of[i] >= 0 ? s->leg->parties[s->leg_of[i]].community : -1;
        for (size_t c = 0; c < s->leg->n_communities; c++)
            s->comm_names[c] = s->leg->communities[c].name;
        s->n_comm = s->leg->n_communities;
    } else if (p->communities) {
        for (size_t i = 0; i < n; i++) {
            s->community[i] = -1;
            if (s->others[i] || !p->communities[i])
                continue;
            size_t c = 0;
            while (c < s->n_comm && s->comm_names[c] &&
                   strcmp(s->comm_names[c], p->communities[i]))
                c++;
            if (c == s->n_comm)
                s->comm_names[s->n_comm++] = p->communities[i];
            s->community[i] = (int)c;
        }
    }
    return 0;
}

/* *out: the poll entry an exemption names (by poll_match, else through the
 * legislature party of that name), or -1 when the polls do not name it.
 * Returns 0, or an exit code after an ambiguity was reported at (file,
 * line, column); file NULL for the --exempt option. */
int sim_exempt_target(long *out, const sim_state *s, const char *name, const char *file,
                         long line, long column)
{
    const ps_polls *p = s->polls;
    long also, i = poll_match(p, s->others, name, &also);
    *out = -1;
    if (also >= 0) {
        ps_error err;
        psi_error(&err, PS_EDATA, file, line, column,
                  "exempt party '%s' matches both '%s' and '%s' of the polls when case is "
                  "ignored; write it exactly", name, p->parties[i], p->parties[also]);
        return file ? cli_fail(&err) : cli_usage_error("simulate", "--exempt: %s", err.message);
    }
    if (i < 0 && s->leg) {
        long k = leg_match(s->leg, name, &also);
        for (size_t j = 0; k >= 0 && also < 0 && j < p->n_parties; j++)
            if (s->leg_of[j] == k)
                i = (long)j;
    }
    *out = i;
    return 0;
}
