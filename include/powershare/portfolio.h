/*
 * powershare/portfolio.h - who gets which office in a coalition.
 *
 * Three ways of sharing the posts of a government among the lists of a
 * coalition:
 *
 *   Gamson's law (Gamson 1961; tested by Browne & Franklin 1973 and Warwick
 *   & Druckman 2006): each list's share of the posts is proportional to its
 *   share of the coalition's seats. The exact share is the fraction
 *   posts * seats_i / coalition seats; whole posts follow by the largest
 *   remainder (Hamilton, ps_apportion with PS_HARE).
 *
 *   Sequential picks by divisors (O'Leary, Grofman & Elklit 2005, "Divisor
 *   methods for sequential portfolio allocation in multi-party executive
 *   bodies"): the lists choose one post at a time, each pick going to the
 *   highest quotient seats / d(k), k = posts the list already has;
 *   d(k) = k + 1 for d'Hondt (the Northern Ireland Executive under the
 *   Northern Ireland Act 1998, s. 18; committee chairs of the European
 *   Parliament), 2k + 1 for Sainte-Lague (discussed by O'Leary et al. as
 *   the alternative kinder to small lists). Quotients are compared exactly
 *   as integer cross products. A tie (equal quotients) is broken by the tie
 *   order: the lists given as tie_order first, in that order, then the
 *   others in the order of the coalition as given; every pick decided by a
 *   tie is reported with the lists that were level. A statute may have a
 *   tie rule of its own (on votes, say): give the order it produces.
 *
 *   Parity between communities (Belgium's Constitution, art. 99: the
 *   Prime Minister possibly excepted, as many Dutch- as French-speaking
 *   ministers): the posts are split equally among the named communities,
 *   and each community's share goes to the coalition's lists of that
 *   community by the method above (picks or Gamson shares within the
 *   community); lists of no named community get no post. The split is the
 *   rule; the shares within a community are the method's model.
 *
 *   Offices reserved by community: an office (Iraq's unwritten convention
 *   since 2006: Prime Minister Shia, President Kurdish, Speaker Sunni) goes
 *   to the list of that community in the coalition with the most seats,
 *   ties by the tie order and reported; when the coalition holds no list of
 *   that community the office is unfilled and the result says so. Reserved
 *   offices are counted apart from the posts shared above.
 *
 * Ownership: every *out is the caller's, freed with its NULL-safe _free.
 * Thread safety: reentrant; inputs are only read.
 */
#ifndef POWERSHARE_PORTFOLIO_H
#define POWERSHARE_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "document.h"
#include "error.h"
#include "legislature.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ps_portfolio_method {
    PS_PORTFOLIO_GAMSON,
    PS_PORTFOLIO_DHONDT,
    PS_PORTFOLIO_SAINTE_LAGUE,
    PS_PORTFOLIO_METHOD_COUNT
} ps_portfolio_method;

/* "gamson", "dhondt", "sainte-lague"; NULL out of range. */
const char *ps_portfolio_method_name(ps_portfolio_method method);

/* Parses those names (also "d'hondt", "jefferson", "sainte-lague",
 * "webster", "proportional"). Errors: PS_EINVAL listing the names. */
int ps_portfolio_method_parse(ps_portfolio_method *out, const char *name, ps_error *err);

/* An office reserved for a community. */
typedef struct ps_office {
    char *office;     /* "Prime Minister" */
    char *community;  /* community id, "shia" */
    long line, column; /* where it was written (0 when not from a file) */
} ps_office;

/* The "offices" section of a legislature file:
 *   {"posts": 22, "reserved": [{"office": "Prime Minister", "community": "shia"}, ...]}
 * both keys optional. */
typedef struct ps_offices {
    char *source;      /* file, or NULL */
    int64_t posts;     /* posts to share, or -1 when not given */
    size_t n;
    ps_office *reserved;
} ps_offices;

/* An empty list (posts -1). Errors: PS_ENOMEM. */
int ps_offices_new(ps_offices **out);

/* Appends a reserved office; `spec` is "OFFICE=COMMUNITY"
 * ("Prime Minister=shia"). Errors: PS_EINVAL (no '=', empty part, an office
 * already reserved),
 * PS_ENOMEM. */
int ps_offices_add_text(ps_offices *offices, const char *spec, ps_error *err);

/* Reads the "offices" section of a document (document.h; an empty list
 * when there is none, or for CSV). Errors: PS_ENOMEM, PS_EDATA with the
 * position (unknown key, wrong type, empty name, an
 * office reserved twice). Community ids are checked by ps_portfolio_allocate. */
int ps_offices_from_document(ps_offices **out, const ps_document *doc, ps_error *err);

/* Frees the list. NULL-safe. */
void ps_offices_free(ps_offices *offices);

typedef struct ps_portfolio_options {
    ps_portfolio_method method; /* default PS_PORTFOLIO_DHONDT */
    int64_t posts;              /* posts to share, >= 0 (default 0) */
    const char *const *tie_order; /* party ids first in ties, or NULL */
    size_t n_tie_order;
    const ps_offices *offices;  /* reserved offices, or NULL */
    const char *const *parity;  /* community ids sharing the posts equally, or NULL */
    size_t n_parity;
} ps_portfolio_options;

/* Sets the defaults above. */
void ps_portfolio_options_init(ps_portfolio_options *opt);

/* One pick of a sequential allocation. */
typedef struct ps_pick {
    size_t member;    /* index into the result's members */
    int64_t divisor;  /* the divisor the quotient was taken at */
    size_t n_tied;    /* lists level at this pick (1 when no tie) */
    size_t *tied;     /* their member indices, in tie order (first = winner);
                         NULL when n_tied == 1 */
} ps_pick;

/* A reserved office, awarded. */
typedef struct ps_award {
    const char *office;    /* borrowed from the options' offices */
    const char *community; /* community id, borrowed */
    long member;           /* member index, or -1: no list of the community */
    size_t n_tied;         /* lists of the community level in seats (>= 2 when
                              the tie order decided), else 1 or 0 */
    size_t *tied;          /* member indices in tie order, or NULL */
} ps_award;

/* One community's equal part of the posts under parity. */
typedef struct ps_parity_part {
    const char *community;   /* community id, borrowed from the legislature */
    int64_t posts;           /* posts / n_parity */
    int64_t seats;           /* the coalition's seats of this community */
    size_t n_members;        /* the coalition's lists of this community */
    /* Gamson: lists level for this part's last post(s), member indices of
       the result in tie order, and how many of them got one; else 0/NULL */
    size_t n_remainder_tied;
    size_t *remainder_tied;
    size_t n_remainder_winners;
} ps_parity_part;

typedef struct ps_portfolio {
    ps_portfolio_method method;
    int64_t posts;
    size_t n_members;         /* the coalition, in the order given */
    size_t *party;            /* member -> party index in the legislature */
    int64_t *seats;           /* member's seats */
    int64_t coalition_seats;
    size_t *tie_rank;         /* member -> rank in the tie order (0 first) */
    int64_t *won;             /* posts per member */
    /* Gamson: exact share share_num[i] / share_den[i] (reduced); whole posts
       in `won` by largest remainder; NULL for the sequential methods */
    int64_t *share_num, *share_den;
    size_t n_remainder_tied;  /* Gamson: lists level for the last post(s) */
    size_t *remainder_tied;   /* their member indices in tie order */
    size_t n_remainder_winners; /* how many of them got one */
    /* sequential methods: one entry per post; NULL for Gamson (under
       parity: the first community's picks, then the next's, ...) */
    ps_pick *picks;
    /* parity: one part per community, in the order given (0/NULL without
       parity; then Gamson shares are of the member's part, and the
       remainder ties are the parts', not the fields above) */
    size_t n_parity;
    ps_parity_part *parity;
    size_t n_awards;
    ps_award *awards;
} ps_portfolio;

/* Shares opt->posts among the coalition (party ids of leg, each once) and
 * awards the reserved offices. *out is the caller's.
 * Errors: PS_EINVAL (NULL arguments, negative posts, an empty coalition),
 * PS_EDATA (unknown party, a party named twice, a tie-order id not in the
 * coalition or named twice, a party with unknown seats, a coalition without
 * seats while posts > 0, a reserved office for an undeclared community: the
 * message names it, with its position when it came from a file; parity: an
 * undeclared community or one named twice, posts that do not divide equally
 * among the communities, a community whose lists in the coalition hold no
 * seat while it is owed posts),
 * PS_ERANGE (posts * seats beyond 64 bits), PS_ENOMEM. */
int ps_portfolio_allocate(ps_portfolio **out, const ps_legislature *leg,
                          const char *const *coalition, size_t n, const ps_portfolio_options *opt,
                          ps_error *err);

/* Frees a result. NULL-safe. */
void ps_portfolio_free(ps_portfolio *p);

/* ---- Executives formed by rule ----------------------------------------- */

/* Some executives are not bargained: Northern Ireland's ministries are
 * allocated by d'Hondt over the Assembly's parties (Northern Ireland Act
 * 1998, s. 18; a party may decline its picks, which then go on without
 * it), its First and deputy First Ministers nominated by the largest
 * unionist and nationalist parties. Others are bargained under a rule of
 * composition: Belgium's Council of Ministers has as many Dutch- as
 * French-speaking ministers. The "formation" section of a legislature
 * file declares one of the two:
 *   {"executive": "dhondt", "ministries": 10,
 *    "decline": ["uup"], "tie_order": ["dup", "uup"]}
 *   {"parity": ["nl", "fr"], "ministries": 14}
 * ("decline" and "tie_order" optional, and only with "executive"); offices
 * nominated by the largest list of a community are the "offices" section's
 * reserved offices. */
typedef enum ps_formation_kind {
    PS_FORMATION_EXECUTIVE, /* the executive is computed: d'Hondt over every party */
    PS_FORMATION_PARITY     /* a bargained government's posts split equally by community */
} ps_formation_kind;

typedef struct ps_formation {
    char *source;        /* the file, or NULL */
    ps_formation_kind kind;
    int64_t ministries;  /* ministries shared, >= 1 (parity: a multiple of n_parity) */
    size_t n_decline;
    char **decline;      /* ids of the parties that declined */
    size_t n_tie_order;
    char **tie_order;    /* ids first in ties (the statute's tie rule, e.g.
                            on votes, as the order it produces) */
    size_t n_parity;
    char **parity;       /* PS_FORMATION_PARITY: the community ids */
} ps_formation;

/* The document's "formation" section; *out NULL when it has none (or for
 * CSV). Errors: PS_EDATA with the position (unknown key, neither or both
 * of "executive" and "parity", an "executive" other than "dhondt",
 * ministries < 1, an id that is not a party or not a community, an id named
 * twice, "decline" or "tie_order" with parity, ministries that parity
 * cannot split equally), PS_ENOMEM. */
int ps_formation_from_document(ps_formation **out, const ps_document *doc, ps_error *err);
void ps_formation_free(ps_formation *f);

/* The executive f (PS_FORMATION_EXECUTIVE) forms in leg: d'Hondt picks of f->ministries over every
 * party with seats that did not decline (largest first; ties by
 * f->tie_order, then by seats order), and the reserved offices of offices
 * (NULL: none) to the largest list of their community among them. Its
 * members are the parties with a ministry or an office
 * (ps_portfolio_members). Errors: as ps_portfolio_allocate; PS_EDATA when
 * every party declined; PS_EINVAL for a parity formation. */
int ps_formation_execute(ps_portfolio **out, const ps_legislature *leg, const ps_formation *f,
                         const ps_offices *offices, ps_error *err);

/* True when f computes the executive (PS_FORMATION_EXECUTIVE); false for
 * NULL and for parity, which shares a bargained government's posts. */
bool ps_formation_computes_executive(const ps_formation *f);

/* Sets opt's parity and, when opt->posts is 0, its posts from a
 * PS_FORMATION_PARITY formation (nothing for another kind or NULL). The
 * options borrow f's ids. */
void ps_formation_apply_parity(ps_portfolio_options *opt, const ps_formation *f);

/* The parties of p that won a post or an office (bit i: party i of the
 * legislature). */
uint64_t ps_portfolio_members(const ps_portfolio *p);

#ifdef __cplusplus
}
#endif

#endif
