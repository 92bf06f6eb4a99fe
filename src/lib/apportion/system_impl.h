/*
 * system_impl.h - what the files of an applied law (system_*.c) share.
 */
#ifndef POWERSHARE_SYSTEM_IMPL_H
#define POWERSHARE_SYSTEM_IMPL_H

#include "util.h"
#include "powershare/system.h"

/* Steps 4-5 of system.h: `pool` seats in proportion among the eligible
 * lists into prop[] (alliances pooled and split, the small-council
 * remainder rule, list exhaustion). The first tie that decided a seat goes
 * to *tie (list indices; an alliance's tie names its first list); what the
 * rules did is added to notes, a line each. */
int psi_system_proportional(int64_t *prop, const ps_system *law, const ps_votes *v,
                            const bool *eligible, int64_t pool, ps_tie **tie, psi_buf *notes,
                            ps_error *err);

/* Step 6: the majority clause on r->seats, prop[] being the proportional
 * seats (which tell the list that won the last seat). */
int psi_system_majority_clause(ps_system_result *r, const ps_system *law, const ps_votes *v,
                               const int64_t *prop, psi_buf *notes, ps_error *err);

/* A law with districts: each district's seats, then the leveling tier, into
 * r (allocated for n lists; its by_district and leveling are allocated
 * here). others: NULL or the entries that win no seat (they count in every
 * share's base). */
int psi_system_tiers(ps_system_result *r, const ps_system *law, const ps_votes *v,
                     const bool *others, psi_buf *notes, ps_error *err);

/* The divisor d(s) = num / den of a divisor method after s seats (the
 * first divisor of modified Sainte-Lague: first, default 7/5); false for
 * a method that is no divisor method with such a sequence. */
bool psi_system_divisor(ps_method m, ps_ratio first, int64_t s, psi_u128 *num, psi_u128 *den);

/* av / d(as) against bv / d(bs) by the divisors of the law's method (one
 * psi_system_divisor knows, as the reader checks): -1, 0, 1, exactly. */
int psi_system_cmp_quotients(const ps_system *law, int64_t av, int64_t as, int64_t bv,
                             int64_t bs);

/* The votes table's district d is the law's district law_of[d]; every law
 * district with seats must have votes. Errors: PS_EDATA, PS_ENOMEM. */
int psi_system_match_districts(size_t *law_of, const ps_system *law, const ps_votes *v,
                               ps_error *err);

/* The adjustment seats of placement "national-quotients" (system.h;
 * Iceland's article 108) into r->leveling, r->leveling_by_district
 * (allocated here) and r->eligible, from the district seats in
 * r->by_district: vk the votes by district in the law's order (n x
 * n_districts, every entry's, for the districts' totals), national and
 * district each list's national votes and district seats, passes the lists
 * over the leveling threshold. */
int psi_system_adjust(ps_system_result *r, const ps_system *law, const int64_t *vk,
                      const int64_t *national, const int64_t *district, const bool *passes,
                      const char *const *names, psi_buf *notes, ps_error *err);

/* The Bundestag's rule (system.h, ps_bundestag_rule) into r (allocated for
 * n lists; its by_district is allocated here). others: NULL or the entries
 * that win no seat. */
int psi_system_bundestag(ps_system_result *r, const ps_system *law, const ps_votes *v,
                         const bool *others, psi_buf *notes, ps_error *err);

/* The additional member system (system.h, additional_members) into r
 * (allocated for n lists; its by_district, leveling and
 * leveling_by_district are allocated here): the constituency seats by
 * district from the votes' direct_wins, each district's list seats from
 * them. others: NULL or the entries that win no list seat. */
int psi_system_additional(ps_system_result *r, const ps_system *law, const ps_votes *v,
                          const bool *others, psi_buf *notes, ps_error *err);

/* Remainders pooled across tiers (system.h, ps_remainder_pool_rule) into r
 * (allocated for n lists; its by_district, leveling and
 * leveling_by_district are allocated here). others: NULL or the entries
 * that win no seat. */
int psi_system_remainders(ps_system_result *r, const ps_system *law, const ps_votes *v,
                          const bool *others, psi_buf *notes, ps_error *err);

#endif
