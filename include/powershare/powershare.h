/*
 * powershare/powershare.h - the whole public interface of libpowershare.
 *
 * One header per stage of the pipeline (see docs/ and DESIGN):
 *   error        what went wrong, where
 *   number       exact ratios typed by people ("5%", "1.4", "2/3")
 *   legislature  who sits here
 *   io           reading and writing legislatures and vote tables
 *   apportion    votes to seats, exactly
 *   game         which coalitions win: a rule as layers of weights and quotas
 *   power        who holds real power: exact and Monte Carlo power indices
 */
#ifndef POWERSHARE_H
#define POWERSHARE_H

#include "apportion.h"
#include "error.h"
#include "game.h"
#include "io.h"
#include "legislature.h"
#include "number.h"
#include "power.h"

#define POWERSHARE_VERSION "0.1.0"

#endif
