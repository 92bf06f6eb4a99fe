/*
 * coalition_condition.c - the power-sharing condition: which governments
 * are feasible.
 *
 * Feasibility is kept apart from the game on purpose: "X never sits with Y"
 * or "at most four parties" are not monotone (adding a member can break
 * them), so they cannot be layers of a simple game without spoiling every
 * power index (see DESIGN.md, "Monotone games and feasibility"). They split
 * in two kinds, which the search treats differently:
 *   upward   (required parties, required communities): kept by supersets;
 *   downward (excluded parties, incompatible pairs, the party limit): kept
 *            by subsets, so a branch that breaks one can be cut.
 * ps_condition_judge is the one verdict on a coalition: every caller
 * (ps_condition_meets, the search's descriptions, the printers, the
 * server) takes it, with each failed part in words. The "condition"
 * section of a legislature file is read here too.
 */
#include <stdio.h>
#include <string.h>

#include "coalition_impl.h"
#include "json_reader.h"
#include "../legislature/legislature_impl.h"

void psi_list_ids(char *buf, size_t size, const ps_legislature *leg, bool communities)
{
    size_t len = 0, n = communities ? leg->n_communities : leg->n_parties;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len + 8 < size; i++) {
        const char *id = communities ? leg->communities[i].id : leg->parties[i].id;
        int w = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", id);
        if (w < 0 || (size_t)w >= size - len) {
            snprintf(buf + len, size - len, ", ...");
            break;
        }
        len += (size_t)w;
    }
    if (n == 0)
        snprintf(buf, size, "none");
}

int ps_condition_new(ps_condition **out, const ps_legislature *leg, ps_error *err)
{
    *out = NULL;
    if (!leg)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no legislature");
    if (leg->n_parties > PS_COALITION_MAX_PLAYERS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "%zu parties: coalitions are handled for at most %d parties",
                         leg->n_parties, PS_COALITION_MAX_PLAYERS);
    if (leg->n_communities > PS_COALITION_MAX_PLAYERS)
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "%zu communities: coalitions are handled for at most %d",
                         leg->n_communities, PS_COALITION_MAX_PLAYERS);
    ps_condition *c = psi_calloc(1, sizeof *c);
    if (!c)
        return psi_enomem(err);
    c->n_players = leg->n_parties;
    c->n_communities = leg->n_communities;
    c->community_lists = psi_calloc(leg->n_communities ? leg->n_communities : 1,
                                    sizeof *c->community_lists);
    if (!c->community_lists) {
        psi_free(c);
        return psi_enomem(err);
    }
    for (size_t i = 0; i < leg->n_parties; i++)
        if (leg->parties[i].community >= 0)
            c->community_lists[leg->parties[i].community] |= PS_MEMBER(i);
    *out = c;
    return PS_OK;
}

void ps_condition_free(ps_condition *cond)
{
    if (!cond)
        return;
    psi_free(cond->name);
    psi_free(cond->incompatible);
    psi_free(cond->community_lists);
    psi_free(cond);
}

int ps_condition_copy(ps_condition **out, const ps_condition *cond, ps_error *err)
{
    *out = NULL;
    ps_condition *c = psi_calloc(1, sizeof *c);
    if (!c)
        return psi_enomem(err);
    *c = *cond;
    c->name = NULL;
    c->incompatible = NULL;
    c->community_lists = psi_malloc_array(cond->n_communities ? cond->n_communities : 1,
                                          sizeof *c->community_lists);
    if (cond->n_incompatible)
        c->incompatible = psi_malloc_array(cond->n_incompatible, sizeof *c->incompatible);
    if (cond->name)
        c->name = psi_strdup(cond->name);
    if (!c->community_lists || (cond->n_incompatible && !c->incompatible) ||
        (cond->name && !c->name)) {
        ps_condition_free(c);
        return psi_enomem(err);
    }
    if (cond->n_communities)
        memcpy(c->community_lists, cond->community_lists,
               cond->n_communities * sizeof *c->community_lists);
    if (cond->n_incompatible)
        memcpy(c->incompatible, cond->incompatible,
               cond->n_incompatible * sizeof *c->incompatible);
    *out = c;
    return PS_OK;
}

static int find_party(size_t *out, const ps_legislature *leg, const char *id, ps_error *err)
{
    long i = id ? ps_legislature_find_party(leg, id) : -1;
    if (i < 0) {
        char ids[600];
        psi_list_ids(ids, sizeof ids, leg, false);
        return psi_error(err, PS_EDATA, NULL, 0, 0, "unknown party '%s'; the parties are: %s",
                         id ? id : "(null)", ids);
    }
    *out = (size_t)i;
    return PS_OK;
}

int ps_condition_require(ps_condition *cond, const ps_legislature *leg, const char *party,
                         ps_error *err)
{
    size_t i = 0;
    int rc = find_party(&i, leg, party, err);
    if (rc == 0)
        cond->required |= PS_MEMBER(i);
    return rc;
}

int ps_condition_exclude(ps_condition *cond, const ps_legislature *leg, const char *party,
                         ps_error *err)
{
    size_t i = 0;
    int rc = find_party(&i, leg, party, err);
    if (rc == 0)
        cond->excluded |= PS_MEMBER(i);
    return rc;
}

int ps_condition_incompatible(ps_condition *cond, const ps_legislature *leg, const char *a,
                              const char *b, ps_error *err)
{
    size_t i = 0, j = 0;
    int rc = find_party(&i, leg, a, err);
    if (rc == 0)
        rc = find_party(&j, leg, b, err);
    if (rc < 0)
        return rc;
    if (i == j)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "a party cannot be incompatible with itself ('%s')", a);
    ps_members pair = PS_MEMBER(i) | PS_MEMBER(j);
    for (size_t k = 0; k < cond->n_incompatible; k++)
        if (cond->incompatible[k] == pair)
            return PS_OK;
    ps_members *grown = psi_realloc_array(cond->incompatible, cond->n_incompatible + 1,
                                          sizeof *grown);
    if (!grown)
        return psi_enomem(err);
    cond->incompatible = grown;
    cond->incompatible[cond->n_incompatible++] = pair;
    return PS_OK;
}

int ps_condition_include_community(ps_condition *cond, const ps_legislature *leg,
                                   const char *community, ps_error *err)
{
    long c = community ? ps_legislature_find_community(leg, community) : -1;
    if (c < 0) {
        char ids[600];
        psi_list_ids(ids, sizeof ids, leg, true);
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "unknown community '%s'; the communities are: %s",
                         community ? community : "(null)", ids);
    }
    if (!cond->community_lists[c])
        return psi_error(err, PS_EDATA, NULL, 0, 0, "community '%s' has no list", community);
    cond->communities_required |= PS_MEMBER((size_t)c);
    return PS_OK;
}

bool ps_condition_meets(const ps_condition *cond, ps_members m)
{
    ps_condition_verdict v;
    ps_condition_judge(&v, cond, NULL, m);
    return v.holds;
}

bool ps_condition_constrains(const ps_condition *c)
{
    return c && (c->required || c->excluded || c->n_incompatible || c->communities_required ||
                 c->max_parties > 0);
}

/* ---- the verdict and its words ---------------------------------------- */

static const char *const part_names[PS_CONDITION_PART_COUNT] = {
    "require", "exclude", "incompatible", "include_communities", "max_parties"};

const char *ps_condition_part_name(ps_condition_part part)
{
    return (unsigned)part < PS_CONDITION_PART_COUNT ? part_names[part] : "unknown";
}

/* A text of at most size - 1 bytes; what does not fit is cut at a
 * character boundary and replaced by "...". */
typedef struct text {
    char *buf;
    size_t size, len;
    bool cut;
} text;

static void text_init(text *t, char *buf, size_t size)
{
    t->buf = buf;
    t->size = size;
    t->len = 0;
    t->cut = size < 4;
    if (size)
        buf[0] = '\0';
}

static void put(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->cut)
        return;
    if (t->len + n + 4 > t->size) { /* keep room for "..." */
        size_t room = t->size - 4 - t->len;
        while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80)
            room--; /* s[room] would start the cut: not inside a character */
        memcpy(t->buf + t->len, s, room);
        memcpy(t->buf + t->len + room, "...", 4);
        t->len += room + 3;
        t->cut = true;
        return;
    }
    memcpy(t->buf + t->len, s, n + 1);
    t->len += n;
}

static const char *party_name(const ps_legislature *leg, size_t i)
{
    const ps_party *p = &leg->parties[i];
    return p->name && p->name[0] ? p->name : p->id;
}

static const char *community_name(const ps_legislature *leg, size_t c)
{
    const ps_community *k = &leg->communities[c];
    return k->name && k->name[0] ? k->name : k->id;
}

/* "a" or "an" before a name, by its sound: "an Arab", "an Ulster", but "a
 * Unionist", "a Ukrainian", "a European" (a vowel letter sounding "you"). */
static const char *article(const char *name)
{
    static const char *const you[] = {"uni", "ukr", "uru", "uti", "usu", "eu", NULL};
    char low[4] = {0};
    for (size_t i = 0; i < 3 && name[i]; i++)
        low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
    for (size_t k = 0; you[k]; k++)
        if (!strncmp(low, you[k], strlen(you[k])))
            return "a ";
    return low[0] && strchr("aeiou", low[0]) ? "an " : "a ";
}

/* "A", "A and B", "A, B and C": the names of the set bits below n. */
static void names(text *t, const ps_legislature *leg, ps_members m, bool communities,
                  bool with_article)
{
    size_t n = communities ? leg->n_communities : leg->n_parties, left = 0;
    for (size_t i = 0; i < n; i++)
        left += (m >> i) & 1u;
    for (size_t i = 0; i < n; i++) {
        if (!((m >> i) & 1u))
            continue;
        const char *name = communities ? community_name(leg, i) : party_name(leg, i);
        if (with_article) /* "an Arab list", "a Kurdish list" */
            put(t, article(name));
        put(t, name);
        left--;
        put(t, left > 1 ? ", " : left == 1 ? " and " : "");
    }
}

static void pairs_text(text *t, const ps_condition *cond, const ps_legislature *leg,
                       ps_members only)
{
    size_t left = 0;
    for (size_t k = 0; k < cond->n_incompatible; k++)
        left += (cond->incompatible[k] & only) == cond->incompatible[k];
    put(t, "rules out ");
    for (size_t k = 0; k < cond->n_incompatible; k++) {
        ps_members p = cond->incompatible[k];
        if ((p & only) != p)
            continue;
        size_t i = (size_t)__builtin_ctzll(p), j = (size_t)(63 - __builtin_clzll(p));
        if (i < leg->n_parties && j < leg->n_parties) {
            put(t, party_name(leg, i));
            put(t, " with ");
            put(t, party_name(leg, j));
        }
        left--;
        put(t, left > 1 ? ", " : left == 1 ? " and " : "");
    }
}

static ps_condition_failure *fail_part(ps_condition_verdict *v, ps_condition_part part)
{
    ps_condition_failure *f = &v->failed[v->n_failed++];
    f->part = part;
    f->parties = 0;
    f->communities = 0;
    f->n_pairs = 0;
    f->reason[0] = '\0';
    return f;
}

void ps_condition_judge(ps_condition_verdict *out, const ps_condition *cond,
                        const ps_legislature *leg, ps_members m)
{
    out->constrains = ps_condition_constrains(cond);
    out->n_parties = psi_popcount(m);
    out->n_failed = 0;
    out->holds = true;
    if (!out->constrains)
        return;
    text t;
    ps_condition_failure *f;
    if ((m & cond->required) != cond->required) {
        f = fail_part(out, PS_CONDITION_REQUIRE);
        f->parties = cond->required & ~m;
        if (leg) {
            text_init(&t, f->reason, sizeof f->reason);
            put(&t, "lacks ");
            names(&t, leg, f->parties, false, false);
        }
    }
    if (m & cond->excluded) {
        f = fail_part(out, PS_CONDITION_EXCLUDE);
        f->parties = m & cond->excluded;
        if (leg) {
            text_init(&t, f->reason, sizeof f->reason);
            put(&t, "excludes ");
            names(&t, leg, f->parties, false, false);
        }
    }
    size_t broken = 0;
    ps_members in_pairs = 0;
    for (size_t k = 0; k < cond->n_incompatible; k++)
        if ((m & cond->incompatible[k]) == cond->incompatible[k]) {
            broken++;
            in_pairs |= cond->incompatible[k];
        }
    if (broken) {
        f = fail_part(out, PS_CONDITION_INCOMPATIBLE);
        f->parties = in_pairs;
        f->n_pairs = broken;
        if (leg) {
            text_init(&t, f->reason, sizeof f->reason);
            pairs_text(&t, cond, leg, m);
        }
    }
    ps_members absent = 0;
    for (size_t c = 0; c < cond->n_communities; c++)
        if ((cond->communities_required & PS_MEMBER(c)) && !(cond->community_lists[c] & m))
            absent |= PS_MEMBER(c);
    if (absent) {
        f = fail_part(out, PS_CONDITION_COMMUNITIES);
        f->communities = absent;
        if (leg) {
            text_init(&t, f->reason, sizeof f->reason);
            put(&t, "lacks ");
            names(&t, leg, absent, true, true);
            put(&t, " list");
        }
    }
    if (cond->max_parties > 0 && (int64_t)out->n_parties > cond->max_parties) {
        f = fail_part(out, PS_CONDITION_MAX_PARTIES);
        f->parties = m;
        if (leg)
            snprintf(f->reason, sizeof f->reason, "has %zu lists, at most %lld", out->n_parties,
                     (long long)cond->max_parties);
    }
    out->holds = out->n_failed == 0;
}

bool ps_condition_part_text(char *buf, size_t size, const ps_condition *cond,
                            const ps_legislature *leg, ps_condition_part part)
{
    text t;
    text_init(&t, buf, size);
    if (!cond || !leg || !size)
        return false;
    switch (part) {
    case PS_CONDITION_REQUIRE:
        if (!cond->required)
            return false;
        put(&t, "requires ");
        names(&t, leg, cond->required, false, false);
        return true;
    case PS_CONDITION_EXCLUDE:
        if (!cond->excluded)
            return false;
        put(&t, "excludes ");
        names(&t, leg, cond->excluded, false, false);
        return true;
    case PS_CONDITION_INCOMPATIBLE:
        if (!cond->n_incompatible)
            return false;
        pairs_text(&t, cond, leg, ~(ps_members)0);
        return true;
    case PS_CONDITION_COMMUNITIES:
        if (!cond->communities_required)
            return false;
        put(&t, "a list of each of ");
        names(&t, leg, cond->communities_required, true, false);
        return true;
    case PS_CONDITION_MAX_PARTIES:
        if (cond->max_parties <= 0)
            return false;
        snprintf(buf, size, "at most %lld list%s", (long long)cond->max_parties,
                 cond->max_parties == 1 ? "" : "s");
        return true;
    default: return false;
    }
}

int ps_condition_check(const ps_condition *cond, const ps_legislature *leg, ps_error *err)
{
    ps_members both = cond->required & cond->excluded;
    if (both) {
        size_t i = (size_t)__builtin_ctzll(both);
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "contradictory condition: party '%s' is both required and excluded",
                         leg->parties[i].id);
    }
    for (size_t k = 0; k < cond->n_incompatible; k++) {
        ps_members p = cond->incompatible[k];
        if ((cond->required & p) == p) {
            size_t i = (size_t)__builtin_ctzll(p), j = (size_t)(63 - __builtin_clzll(p));
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "contradictory condition: parties '%s' and '%s' are both required "
                             "but declared incompatible",
                             leg->parties[i].id, leg->parties[j].id);
        }
    }
    size_t nreq = psi_popcount(cond->required);
    if (cond->max_parties > 0 && (int64_t)nreq > cond->max_parties)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "contradictory condition: %zu parties are required but at most %lld "
                         "may govern",
                         nreq, (long long)cond->max_parties);
    for (size_t c = 0; c < cond->n_communities; c++) {
        if (!(cond->communities_required & PS_MEMBER(c)))
            continue;
        ps_members lists = cond->community_lists[c];
        if (!(lists & ~cond->excluded))
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "contradictory condition: community '%s' is required but all its "
                             "lists are excluded",
                             leg->communities[c].id);
    }
    size_t ncomm = psi_popcount(cond->communities_required);
    if (cond->max_parties > 0 && !cond->required && (int64_t)ncomm > cond->max_parties)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "contradictory condition: %zu communities are required but at most "
                         "%lld parties may govern",
                         ncomm, (long long)cond->max_parties);
    return PS_OK;
}

/* ---- the "condition" section ------------------------------------------ */

/* Re-reports a by-id error at the position of the JSON value. */
static int at(int rc, const psi_json *v, const char *src, ps_error *err)
{
    if (rc < 0 && err) {
        snprintf(err->file, sizeof err->file, "%s", src ? src : "");
        err->line = v->line;
        err->column = v->column;
    }
    return rc;
}

static int id_list(ps_condition *c, const ps_legislature *leg, const psi_json *arr,
                   const char *what, const char *src, ps_error *err,
                   int (*fn)(ps_condition *, const ps_legislature *, const char *, ps_error *))
{
    int rc = psi_json_expect(arr, PSI_JSON_ARRAY, what, src, err);
    for (size_t i = 0; rc == 0 && i < arr->n; i++) {
        const char *id;
        rc = psi_json_string(&id, arr->items[i], what, src, err);
        if (rc == 0)
            rc = at(fn(c, leg, id, err), arr->items[i], src, err);
    }
    return rc;
}

static int read_condition(ps_condition *c, const ps_legislature *leg, const psi_json *sec,
                          const char *src, ps_error *err)
{
    static const char *const keys[] = {"name",         "include_communities", "require",
                                       "exclude",      "incompatible",        "max_parties",
                                       "convention",   NULL};
    int rc = psi_json_expect(sec, PSI_JSON_OBJECT, "condition", src, err);
    if (rc == 0)
        rc = psi_json_check_keys(sec, keys, "condition", src, err);
    if (rc < 0)
        return rc;
    const psi_json *v;
    if ((v = psi_json_get(sec, "name"))) {
        const char *name;
        if ((rc = psi_json_string(&name, v, "name", src, err)) < 0)
            return rc;
        if (!(c->name = psi_strdup(name)))
            return psi_enomem(err);
    }
    if ((v = psi_json_get(sec, "include_communities")) &&
        (rc = id_list(c, leg, v, "include_communities", src, err,
                      ps_condition_include_community)) < 0)
        return rc;
    if ((v = psi_json_get(sec, "require")) &&
        (rc = id_list(c, leg, v, "require", src, err, ps_condition_require)) < 0)
        return rc;
    if ((v = psi_json_get(sec, "exclude")) &&
        (rc = id_list(c, leg, v, "exclude", src, err, ps_condition_exclude)) < 0)
        return rc;
    if ((v = psi_json_get(sec, "incompatible"))) {
        if ((rc = psi_json_expect(v, PSI_JSON_ARRAY, "incompatible", src, err)) < 0)
            return rc;
        for (size_t i = 0; i < v->n; i++) {
            const psi_json *pair = v->items[i];
            const char *a, *b;
            if ((rc = psi_json_expect(pair, PSI_JSON_ARRAY, "incompatible", src, err)) < 0)
                return rc;
            if (pair->n != 2)
                return psi_error(err, PS_EDATA, src, pair->line, pair->column,
                                 "each item of 'incompatible' must be a pair of party ids "
                                 "[\"a\", \"b\"], got %zu item%s",
                                 pair->n, pair->n == 1 ? "" : "s");
            if ((rc = psi_json_string(&a, pair->items[0], "incompatible", src, err)) < 0 ||
                (rc = psi_json_string(&b, pair->items[1], "incompatible", src, err)) < 0)
                return rc;
            rc = ps_condition_incompatible(c, leg, a, b, err);
            if (rc < 0) {
                /* point at the id at fault */
                const psi_json *bad = ps_legislature_find_party(leg, a) < 0 ? pair->items[0]
                                                                            : pair->items[1];
                return at(rc, bad, src, err);
            }
        }
    }
    if ((v = psi_json_get(sec, "max_parties"))) {
        int64_t k;
        if ((rc = psi_json_int(&k, v, 1, "max_parties", src, err)) < 0)
            return rc;
        c->max_parties = k;
    }
    if ((v = psi_json_get(sec, "convention"))) {
        const char *conv;
        if ((rc = psi_json_string(&conv, v, "convention", src, err)) < 0)
            return rc;
        if (strcmp(conv, "inclusive") != 0)
            return psi_error(err, PS_EDATA, src, v->line, v->column,
                             "unknown convention '%s': expected \"inclusive\" (a convention "
                             "of inclusive government)",
                             conv);
        c->inclusive = true;
    }
    c->declared = true;
    return PS_OK;
}

int ps_condition_from_document(ps_condition **out, const ps_document *doc, ps_error *err)
{
    *out = NULL;
    const psi_json *sec = psi_document_section(doc, "condition");
    const ps_legislature *leg = ps_document_legislature(doc);
    ps_condition *c = NULL;
    int rc = ps_condition_new(&c, leg, err);
    if (rc == 0 && sec)
        rc = read_condition(c, leg, sec, ps_document_source(doc), err);
    if (rc < 0) {
        ps_condition_free(c);
        return rc;
    }
    *out = c;
    return PS_OK;
}
