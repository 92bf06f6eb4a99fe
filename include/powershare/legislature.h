/*
 * powershare/legislature.h - who sits here.
 *
 * A legislature is a chamber with a fixed number of seats and the parties (or
 * lists) that hold them. Each party may belong to one community (an
 * ethno-religious group, a bloc, a language group) and may have positions on
 * named policy dimensions. Seats that the sources attribute to no list are
 * kept as `unattributed_seats`: they count toward the chamber size (and so
 * toward every quota of all seats) but belong to no party and never join a
 * coalition. Vacant seats are counted apart for the same reason.
 *
 * Invariant checked by ps_legislature_validate():
 *     sum of party seats + unattributed_seats + vacant_seats == total_seats
 * when every party has a known seat count.
 *
 * The structs are public so later stages and callers can read them directly;
 * change them only through these functions, which keep ids unique.
 *
 * Ownership: a ps_legislature owns every string and array it points to.
 * Thread safety: distinct legislatures may be used from distinct threads; a
 * legislature may be read (never written) by several threads at once.
 */
#ifndef POWERSHARE_LEGISLATURE_H
#define POWERSHARE_LEGISLATURE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a seat or vote count that the data does not give. */
#define PS_UNKNOWN ((int64_t)-1)

typedef struct ps_community {
    char *id;   /* unique among communities, e.g. "kurdish" */
    char *name; /* display name, e.g. "Kurdish"; never NULL (defaults to id) */
} ps_community;

typedef struct ps_dimension {
    char *id;   /* unique among dimensions, e.g. "left_right" */
    char *name; /* display name; never NULL (defaults to id) */
    double min; /* scale ends as declared; NAN when not declared */
    double max;
} ps_dimension;

typedef struct ps_party {
    char *id;          /* unique among parties; never NULL */
    char *name;        /* display name; never NULL (defaults to id) */
    int64_t seats;     /* >= 0, or PS_UNKNOWN */
    int64_t votes;     /* >= 0, or PS_UNKNOWN */
    int community;     /* index into communities, or -1 for none */
    double *positions; /* n_dimensions entries, NAN where unknown; NULL when
                          the legislature has no dimensions */
    char *color;       /* "#rrggbb", or NULL */
    char *source;      /* where the figures come from, or NULL */
} ps_party;

typedef struct ps_legislature {
    char *name;   /* never NULL (may be "") */
    char *date;   /* ISO 8601 date of the election, or NULL */
    char *source; /* where the data come from, or NULL */
    char *notes;  /* free text, or NULL */
    int64_t total_seats;        /* chamber size, > 0 once validated */
    int64_t unattributed_seats; /* seats in no list (see above), >= 0 */
    int64_t vacant_seats;       /* empty seats, >= 0 */
    size_t n_parties;
    ps_party *parties;
    size_t n_communities;
    ps_community *communities;
    size_t n_dimensions;
    ps_dimension *dimensions;
} ps_legislature;

/* Creates an empty legislature named `name` (NULL means "") with total_seats
 * seats (PS_UNKNOWN allowed until validation). *out is the caller's; free it
 * with ps_legislature_free(). Errors: PS_ENOMEM. */
int ps_legislature_new(ps_legislature **out, const char *name, int64_t total_seats);

/* Frees a legislature and everything it owns. NULL-safe. */
void ps_legislature_free(ps_legislature *leg);

/* Deep copy. Errors: PS_ENOMEM. */
int ps_legislature_copy(ps_legislature **out, const ps_legislature *src);

/* Adds a community. name NULL means the id. Errors: PS_EINVAL (NULL or empty
 * id), PS_EDATA (duplicate id), PS_ENOMEM. On error nothing changes. */
int ps_legislature_add_community(ps_legislature *leg, const char *id, const char *name,
                                 ps_error *err);

/* Adds a policy dimension (min/max may be NAN). Existing parties get NAN
 * positions on it. Errors as for communities. */
int ps_legislature_add_dimension(ps_legislature *leg, const char *id, const char *name,
                                 double min, double max, ps_error *err);

/* Adds a party and, when out_index is not NULL, stores its index there.
 * name NULL means the id; community NULL means none, otherwise it must name
 * a community already added. seats and votes are >= 0 or PS_UNKNOWN. Its
 * positions start as NAN. Errors: PS_EINVAL (NULL/empty id, a count below
 * PS_UNKNOWN), PS_EDATA (duplicate party id, unknown community), PS_ENOMEM.
 * On error nothing changes. */
int ps_legislature_add_party(ps_legislature *leg, const char *id, const char *name,
                             int64_t seats, int64_t votes, const char *community,
                             size_t *out_index, ps_error *err);

/* Index of the party / community / dimension with this id, or -1. */
long ps_legislature_find_party(const ps_legislature *leg, const char *id);
long ps_legislature_find_community(const ps_legislature *leg, const char *id);
long ps_legislature_find_dimension(const ps_legislature *leg, const char *id);

/* Sum of the known party seats. */
int64_t ps_legislature_party_seats(const ps_legislature *leg);

/* Seats a simple majority of the whole chamber needs: floor(total / 2) + 1
 * (165 of 328). Returns PS_UNKNOWN when total_seats is unknown. */
int64_t ps_legislature_majority(const ps_legislature *leg);

/* Checks the invariants: at least one party, total_seats > 0 (or derived
 * from the parties when unknown: it is then set, hence the non-const
 * argument), no negative counts, and the seat sum above. When total_seats
 * is known and some parties' seats are not, the known seats must not exceed
 * it. When total_seats is unknown, either every party has a seat count (the
 * total is derived) or none has (a votes-only legislature, valid as input
 * for apportionment: total_seats stays PS_UNKNOWN). On failure err names
 * what is wrong; file/line/column are left for the reader to fill.
 * Errors: PS_EDATA, PS_ERANGE (the seats add up beyond 2^63-1). */
int ps_legislature_validate(ps_legislature *leg, ps_error *err);

#ifdef __cplusplus
}
#endif

#endif
