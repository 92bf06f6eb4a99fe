/*
 * scenario_run.c - the scenario loop (ps_whatif_run): before, then each
 * scenario applied, analysed and compared.
 *
 * analyze, whatif and serve each had their own copy of this loop; the
 * analysis before the steps is computed once and shared by every
 * comparison, so a file with k scenarios costs k + 1 analyses.
 */
#include <string.h>

#include "util.h"
#include "powershare/scenario.h"

void ps_whatif_free(ps_whatif *w)
{
    if (!w)
        return;
    for (size_t k = 0; k < w->n; k++) {
        ps_scenario_diff_free(w->items[k].diff);
        ps_analysis_free(w->items[k].after);
    }
    psi_free(w->items);
    ps_analysis_free(w->before);
    psi_free(w);
}

static bool selected(const ps_scenario *sc, const char *select)
{
    return !select || strcmp(sc->name, select) == 0;
}

/* The analysis after one scenario, and its difference from before. */
static int run_one(ps_scenario_outcome *o, const ps_whatif *w, const ps_legislature *leg,
                   const ps_rule *rule, const ps_scenario *sc, const ps_analysis_options *opt,
                   ps_error *err)
{
    ps_legislature *leg_after = NULL;
    ps_rule *rule_after = NULL;
    o->scenario = sc;
    int rc = ps_scenario_apply(&leg_after, &rule_after, leg, rule, sc, err);
    if (rc == PS_OK)
        rc = ps_analysis_compute(&o->after, leg_after, rule_after, opt, err);
    if (rc == PS_OK)
        rc = ps_scenario_compare(&o->diff, w->before, o->after, err);
    ps_rule_free(rule_after);
    ps_legislature_free(leg_after);
    return rc;
}

int ps_whatif_run(ps_whatif **out, const ps_legislature *leg, const ps_rule *rule,
                  const ps_scenarios *list, const char *select, const ps_analysis_options *opt,
                  ps_error *err)
{
    if (!out || !leg || !list || !opt)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_whatif_run: NULL argument");
    *out = NULL;
    size_t n = 0;
    for (size_t k = 0; k < list->n; k++)
        n += selected(&list->items[k], select);
    if (select && n == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no scenario called \"%s\"", select);
    ps_whatif *w = psi_calloc(1, sizeof *w);
    if (!w || (n && !(w->items = psi_calloc(n, sizeof *w->items)))) {
        psi_free(w);
        return psi_enomem(err);
    }
    int rc = ps_analysis_compute(&w->before, leg, rule, opt, err);
    for (size_t k = 0; rc == PS_OK && k < list->n; k++)
        if (selected(&list->items[k], select))
            rc = run_one(&w->items[w->n++], w, leg, rule, &list->items[k], opt, err);
    if (rc < 0) {
        ps_whatif_free(w);
        return rc;
    }
    *out = w;
    return PS_OK;
}
