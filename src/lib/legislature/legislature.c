/*
 * legislature.c - the chamber: parties, communities, policy dimensions.
 *
 * Arrays grow by doubling; the capacity is not stored but implied: an array
 * of n > 0 elements always has room for the next power of two at or above n,
 * so growth happens exactly when n is 0 or a power of two. Every function
 * that changes the legislature allocates everything first and commits last,
 * so that on failure nothing changes (the allocation torture test relies on
 * it).
 *
 * The seat invariant follows how sources report results: seats attributed
 * to lists, plus seats the sources could not attribute, plus vacancies, make
 * the chamber. The majority is floor(total / 2) + 1 of the whole chamber,
 * as constitutions count it (Iraq 2014: 165 of 328).
 */
#include <math.h>
#include <string.h>

#include "util.h"
#include "text.h"
#include "legislature_impl.h"
#include "powershare/legislature.h"

static size_t capacity_for(size_t n)
{
    size_t cap = 1;
    while (cap < n)
        cap *= 2;
    return cap;
}

/* Makes room for element n (the n+1-th) in *arr of elements of `size`. */
static int grow(void **arr, size_t n, size_t size)
{
    if (n != 0 && (n & (n - 1)) != 0)
        return 0;
    void *p = psi_realloc_array(*arr, n ? n * 2 : 1, size);
    if (!p)
        return PS_ENOMEM;
    *arr = p;
    return 0;
}

int ps_legislature_new(ps_legislature **out, const char *name, int64_t total_seats)
{
    *out = NULL;
    ps_legislature *leg = psi_calloc(1, sizeof *leg);
    if (!leg)
        return PS_ENOMEM;
    leg->name = psi_strdup(name ? name : "");
    if (!leg->name) {
        psi_free(leg);
        return PS_ENOMEM;
    }
    leg->total_seats = total_seats;
    *out = leg;
    return 0;
}

static void free_party(ps_party *p)
{
    psi_free(p->id);
    psi_free(p->name);
    psi_free(p->positions);
    psi_free(p->color);
    psi_free(p->source);
}

void ps_legislature_free(ps_legislature *leg)
{
    if (!leg)
        return;
    for (size_t i = 0; leg->parties && i < leg->n_parties; i++)
        free_party(&leg->parties[i]);
    for (size_t i = 0; leg->communities && i < leg->n_communities; i++) {
        psi_free(leg->communities[i].id);
        psi_free(leg->communities[i].name);
    }
    for (size_t i = 0; leg->dimensions && i < leg->n_dimensions; i++) {
        psi_free(leg->dimensions[i].id);
        psi_free(leg->dimensions[i].name);
    }
    psi_free(leg->parties);
    psi_free(leg->communities);
    psi_free(leg->dimensions);
    psi_free(leg->name);
    psi_free(leg->date);
    psi_free(leg->source);
    psi_free(leg->notes);
    psi_free(leg);
}

/* strdup that tells a NULL source (fine) from a failed copy. */
static int dup_opt(char **out, const char *s)
{
    *out = psi_strdup(s);
    return s && !*out ? PS_ENOMEM : 0;
}

int ps_legislature_copy(ps_legislature **out, const ps_legislature *src)
{
    *out = NULL;
    ps_legislature *leg = psi_calloc(1, sizeof *leg);
    if (!leg)
        return PS_ENOMEM;
    leg->total_seats = src->total_seats;
    leg->unattributed_seats = src->unattributed_seats;
    leg->vacant_seats = src->vacant_seats;
    int rc = dup_opt(&leg->name, src->name ? src->name : "") | dup_opt(&leg->date, src->date) |
             dup_opt(&leg->source, src->source) | dup_opt(&leg->notes, src->notes);
    if (rc)
        goto fail;
    if (src->n_communities) {
        leg->communities = psi_calloc(capacity_for(src->n_communities), sizeof *leg->communities);
        if (!leg->communities)
            goto fail;
        for (; leg->n_communities < src->n_communities; leg->n_communities++) {
            const ps_community *s = &src->communities[leg->n_communities];
            ps_community *d = &leg->communities[leg->n_communities];
            if (dup_opt(&d->id, s->id) | dup_opt(&d->name, s->name)) {
                leg->n_communities++; /* so that free sees the partial copy */
                goto fail;
            }
        }
    }
    if (src->n_dimensions) {
        leg->dimensions = psi_calloc(capacity_for(src->n_dimensions), sizeof *leg->dimensions);
        if (!leg->dimensions)
            goto fail;
        for (; leg->n_dimensions < src->n_dimensions; leg->n_dimensions++) {
            const ps_dimension *s = &src->dimensions[leg->n_dimensions];
            ps_dimension *d = &leg->dimensions[leg->n_dimensions];
            d->min = s->min;
            d->max = s->max;
            if (dup_opt(&d->id, s->id) | dup_opt(&d->name, s->name)) {
                leg->n_dimensions++;
                goto fail;
            }
        }
    }
    if (src->n_parties) {
        leg->parties = psi_calloc(capacity_for(src->n_parties), sizeof *leg->parties);
        if (!leg->parties)
            goto fail;
        for (; leg->n_parties < src->n_parties; leg->n_parties++) {
            const ps_party *s = &src->parties[leg->n_parties];
            ps_party *d = &leg->parties[leg->n_parties];
            d->seats = s->seats;
            d->votes = s->votes;
            d->community = s->community;
            int bad = dup_opt(&d->id, s->id) | dup_opt(&d->name, s->name) |
                      dup_opt(&d->color, s->color) | dup_opt(&d->source, s->source);
            if (!bad && src->n_dimensions) {
                d->positions = psi_malloc_array(src->n_dimensions, sizeof *d->positions);
                if (d->positions)
                    memcpy(d->positions, s->positions, src->n_dimensions * sizeof *d->positions);
                else
                    bad = 1;
            }
            if (bad) {
                leg->n_parties++;
                goto fail;
            }
        }
    }
    *out = leg;
    return 0;
fail:
    ps_legislature_free(leg);
    return PS_ENOMEM;
}

static int check_id(const char *id, const char *what, ps_error *err)
{
    if (!id || !*id)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "%s id is empty", what);
    return 0;
}

int ps_legislature_add_community(ps_legislature *leg, const char *id, const char *name,
                                 ps_error *err)
{
    int rc = check_id(id, "community", err);
    if (rc < 0)
        return rc;
    if (ps_legislature_find_community(leg, id) >= 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "duplicate community id '%s'", id);
    if (grow((void **)&leg->communities, leg->n_communities, sizeof *leg->communities) < 0)
        return psi_enomem(err);
    ps_community c = {psi_strdup(id), psi_strdup(name ? name : id)};
    if (!c.id || !c.name) {
        psi_free(c.id);
        psi_free(c.name);
        return psi_enomem(err);
    }
    leg->communities[leg->n_communities++] = c;
    return 0;
}

int ps_legislature_add_dimension(ps_legislature *leg, const char *id, const char *name,
                                 double min, double max, ps_error *err)
{
    int rc = check_id(id, "dimension", err);
    if (rc < 0)
        return rc;
    if (ps_legislature_find_dimension(leg, id) >= 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "duplicate dimension id '%s'", id);
    if (grow((void **)&leg->dimensions, leg->n_dimensions, sizeof *leg->dimensions) < 0)
        return psi_enomem(err);
    ps_dimension d = {psi_strdup(id), psi_strdup(name ? name : id), min, max};
    if (!d.id || !d.name)
        goto nomem;
    /* Widening every party's positions is harmless if a later one fails:
     * the extra slot is unused until n_dimensions grows. */
    size_t n = leg->n_dimensions + 1;
    for (size_t i = 0; i < leg->n_parties; i++) {
        double *pos = psi_realloc_array(leg->parties[i].positions, n, sizeof *pos);
        if (!pos)
            goto nomem;
        pos[n - 1] = NAN;
        leg->parties[i].positions = pos;
    }
    leg->dimensions[leg->n_dimensions++] = d;
    return 0;
nomem:
    psi_free(d.id);
    psi_free(d.name);
    return psi_enomem(err);
}

int ps_legislature_add_party(ps_legislature *leg, const char *id, const char *name,
                             int64_t seats, int64_t votes, const char *community,
                             size_t *out_index, ps_error *err)
{
    int rc = check_id(id, "party", err);
    if (rc < 0)
        return rc;
    if (seats < PS_UNKNOWN || votes < PS_UNKNOWN)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "party '%s': negative %s", id,
                         seats < PS_UNKNOWN ? "seats" : "votes");
    if (ps_legislature_find_party(leg, id) >= 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "duplicate party id '%s'", id);
    long c = -1;
    if (community) {
        c = ps_legislature_find_community(leg, community);
        if (c < 0)
            return psi_error(err, PS_EDATA, NULL, 0, 0, "party '%s': unknown community '%s'", id,
                             community);
    }
    if (grow((void **)&leg->parties, leg->n_parties, sizeof *leg->parties) < 0)
        return psi_enomem(err);
    ps_party p = {.id = psi_strdup(id), .name = psi_strdup(name ? name : id), .seats = seats,
                  .votes = votes, .community = (int)c};
    int bad = !p.id || !p.name;
    if (!bad && leg->n_dimensions) {
        p.positions = psi_malloc_array(leg->n_dimensions, sizeof *p.positions);
        if (p.positions)
            for (size_t i = 0; i < leg->n_dimensions; i++)
                p.positions[i] = NAN;
        else
            bad = 1;
    }
    if (bad) {
        free_party(&p);
        return psi_enomem(err);
    }
    if (out_index)
        *out_index = leg->n_parties;
    leg->parties[leg->n_parties++] = p;
    return 0;
}

long ps_legislature_find_party(const ps_legislature *leg, const char *id)
{
    for (size_t i = 0; id && i < leg->n_parties; i++)
        if (strcmp(leg->parties[i].id, id) == 0)
            return (long)i;
    return -1;
}

long ps_legislature_find_community(const ps_legislature *leg, const char *id)
{
    for (size_t i = 0; id && i < leg->n_communities; i++)
        if (strcmp(leg->communities[i].id, id) == 0)
            return (long)i;
    return -1;
}

long ps_legislature_find_dimension(const ps_legislature *leg, const char *id)
{
    for (size_t i = 0; id && i < leg->n_dimensions; i++)
        if (strcmp(leg->dimensions[i].id, id) == 0)
            return (long)i;
    return -1;
}

int64_t ps_legislature_party_seats(const ps_legislature *leg)
{
    int64_t sum = 0;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (leg->parties[i].seats > 0 && sum <= INT64_MAX - leg->parties[i].seats)
            sum += leg->parties[i].seats;
    return sum;
}

int64_t ps_legislature_majority(const ps_legislature *leg)
{
    if (leg->total_seats <= 0)
        return PS_UNKNOWN;
    return leg->total_seats / 2 + 1;
}

/* a + b, or -1 when it would overflow (both are >= 0). */
static int64_t add_seats(int64_t a, int64_t b)
{
    return a > INT64_MAX - b ? -1 : a + b;
}

int psi_legislature_check(ps_legislature *leg, long *bad_party, ps_error *err)
{
    long bad_dummy;
    if (!bad_party)
        bad_party = &bad_dummy;
    *bad_party = -1;
    if (leg->n_parties == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "no parties; a legislature needs at least one");
    if (leg->unattributed_seats < 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "unattributed_seats must not be negative");
    if (leg->vacant_seats < 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "vacant_seats must not be negative");
    if (leg->total_seats < PS_UNKNOWN || leg->total_seats == 0)
        return psi_error(err, PS_EDATA, NULL, 0, 0, "total_seats must be at least 1, got %lld",
                         (long long)leg->total_seats);
    size_t known = 0;
    long first_unknown = -1, first_known = -1;
    int64_t sum = 0;
    for (size_t i = 0; i < leg->n_parties; i++) {
        const ps_party *p = &leg->parties[i];
        if (p->seats < PS_UNKNOWN || p->votes < PS_UNKNOWN) {
            *bad_party = (long)i;
            return psi_error(err, PS_EDATA, NULL, 0, 0, "party '%s' has negative %s", p->id,
                             p->seats < PS_UNKNOWN ? "seats" : "votes");
        }
        if (p->seats == PS_UNKNOWN) {
            if (first_unknown < 0)
                first_unknown = (long)i;
            continue;
        }
        if (first_known < 0)
            first_known = (long)i;
        known++;
        if ((sum = add_seats(sum, p->seats)) < 0) {
            *bad_party = (long)i;
            return psi_error(err, PS_ERANGE, NULL, 0, 0, "the seats of the parties add up to "
                             "more than 2^63-1");
        }
    }
    int64_t chamber = add_seats(sum, leg->unattributed_seats);
    if (chamber >= 0)
        chamber = add_seats(chamber, leg->vacant_seats);
    if (chamber < 0)
        return psi_error(err, PS_ERANGE, NULL, 0, 0, "the seat counts add up to more than 2^63-1");
    if (leg->total_seats == PS_UNKNOWN) {
        if (known == 0)
            return 0; /* votes only: an input for apportionment */
        if (known < leg->n_parties) {
            *bad_party = first_unknown;
            return psi_error(err, PS_EDATA, NULL, 0, 0,
                             "party '%s' has no seat count but '%s' has one; give seats for "
                             "every party, or total_seats", leg->parties[first_unknown].id,
                             leg->parties[first_known].id);
        }
        if (chamber == 0)
            return psi_error(err, PS_EDATA, NULL, 0, 0, "the chamber has no seats (every party "
                             "has 0); give total_seats or some seats");
        leg->total_seats = chamber;
        return 0;
    }
    if (known == leg->n_parties && chamber != leg->total_seats)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "party seats (%lld) + unattributed (%lld) + vacant (%lld) = %lld, which "
                         "does not equal total_seats (%lld)", (long long)sum,
                         (long long)leg->unattributed_seats, (long long)leg->vacant_seats,
                         (long long)chamber, (long long)leg->total_seats);
    if (chamber > leg->total_seats)
        return psi_error(err, PS_EDATA, NULL, 0, 0,
                         "known party seats (%lld) + unattributed (%lld) + vacant (%lld) = %lld, "
                         "which exceeds total_seats (%lld)", (long long)sum,
                         (long long)leg->unattributed_seats, (long long)leg->vacant_seats,
                         (long long)chamber, (long long)leg->total_seats);
    return 0;
}

int ps_legislature_validate(ps_legislature *leg, ps_error *err)
{
    return psi_legislature_check(leg, NULL, err);
}
