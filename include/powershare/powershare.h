/*
 * powershare/powershare.h - the whole public interface of libpowershare.
 *
 * One header per stage of the pipeline (see docs/ and DESIGN):
 *   error        what went wrong, where
 *   number       exact ratios typed by people ("5%", "1.4", "2/3")
 *   legislature  who sits here
 *   io           reading and writing legislatures and vote tables
 *   document     a legislature file read once (path, "-", pipe, memory), its sections
 *   apportion    votes to seats, exactly
 *   system       a chamber's electoral law as data (tiers of rules around a formula)
 *   stv          the single transferable vote, counted from ballot files (BLT)
 *   plurality    SNTV, block and limited vote: candidate votes to winners by district
 *   game         which coalitions win: a rule as layers of weights and quotas
 *   rule         the "rule" section and options compiled into a game
 *   power        who holds real power: exact and Monte Carlo power indices
 *   coalition    which governments can form: feasibility, theories, substance or show
 *   parlgov      the theories against the cabinets that formed (ParlGov tables)
 *   simulate     how likely: poll uncertainty to seat and coalition probabilities
 *   scenario     what if: transforms of a legislature, the difference of two analyses
 *   portfolio    who gets which office: Gamson shares, divisor picks, reserved offices
 *   predict      which government forms: a conditional logit over potential governments
 *   report       show it: SVG/PNG/PDF charts and a self-contained HTML page
 *   analyze      the main job as one call: one result that every output prints
 *   progress     a hook for progress reports of long work (the library never prints)
 *   cancel       stopping long work from outside (Ctrl-C in a binding, a deadline)
 *   share        one computation shared by several processes (MPI ranks)
 */
#ifndef POWERSHARE_H
#define POWERSHARE_H

#include "apportion.h"
#include "analyze.h"
#include "cancel.h"
#include "coalition.h"
#include "document.h"
#include "error.h"
#include "game.h"
#include "government.h"
#include "io.h"
#include "legislature.h"
#include "number.h"
#include "parlgov.h"
#include "plurality.h"
#include "predict.h"
#include "progress.h"
#include "power.h"
#include "simulate.h"
#include "system.h"
#include "stv.h"
#include "rule.h"
#include "scenario.h"
#include "share.h"
#include "portfolio.h"
#include "report.h"

#define POWERSHARE_VERSION "0.1.0"

#endif
