/*
 * apportion_biprop_winners.h - the cells that winner-take-one guarantees a
 * seat (apportion_biprop_winners.c), private to apportion_biprop.c.
 */
#ifndef POWERSHARE_APPORTION_BIPROP_WINNERS_H
#define POWERSHARE_APPORTION_BIPROP_WINNERS_H

#include <stddef.h>
#include <stdint.h>

#include "powershare/apportion.h"

/* Sets must[p * nd + d] (np x nd, zeroed by the caller) for each list that
 * the rule guarantees a seat in district d: the lists with upper seats
 * (pseats) and the most votes there. Districts where more lists tie for
 * the most votes than there are seats get none and are listed in
 * r->unguaranteed. Errors: PS_EDATA (a party guaranteed more seats than
 * its upper apportionment gives; names from `names` when not NULL),
 * PS_ENOMEM. */
int psi_biprop_winners(unsigned char *must, ps_biproportion *r, const int64_t *votes,
                       ps_winner_take_one rule, const char *const *names, ps_error *err);

#endif
