/*
 * portfolios_out.h - the printers of `powershare portfolios`: a portfolio
 * result (portfolio.h) as text, JSON or one of its CSV tables.
 */
#ifndef POWERSHARE_PORTFOLIOS_OUT_H
#define POWERSHARE_PORTFOLIOS_OUT_H

#include "cli.h"

/* The result in words and tables; tie_order_given says where the tie order
 * came from. */
void portfolios_text(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg,
                     bool tie_order_given);

/* The result as one JSON object (docs/portfolios.md). */
void portfolios_json(psi_buf *b, const ps_portfolio *p, const ps_legislature *leg);

/* What the CSV tables read. */
typedef struct portfolios_csv_ctx {
    const ps_portfolio *p;
    const ps_legislature *leg;
} portfolios_csv_ctx;

/* members, picks, offices, parity. */
#define PORTFOLIOS_CSV_TABLES 4
extern const cli_csv_table portfolios_csv_tables[PORTFOLIOS_CSV_TABLES];

#endif
