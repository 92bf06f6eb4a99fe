/*
 * portfolio_impl.h - the portfolio stage's internals shared by its files:
 * the two ways of sharing posts (on a result whose members, seats, tie
 * ranks and posts are set) and the parity split that runs them community
 * by community.
 */
#ifndef POWERSHARE_PORTFOLIO_IMPL_H
#define POWERSHARE_PORTFOLIO_IMPL_H

#include "powershare/portfolio.h"

/* Gamson shares of p->posts among p's members (share_num/den, won, the
 * remainder tie). */
int psi_portfolio_gamson(ps_portfolio *p, ps_error *err);

/* Sequential picks (d'Hondt or Sainte-Lague by p->method) of p->posts. */
int psi_portfolio_sequential(ps_portfolio *p, ps_error *err);

/* Under opt's parity: p->posts split equally among the communities, each
 * part shared among the members of that community by p->method. */
int psi_portfolio_parity(ps_portfolio *p, const ps_legislature *leg,
                         const ps_portfolio_options *opt, ps_error *err);

#endif
