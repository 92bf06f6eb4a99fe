/*
 * scenario_step.c - what a what-if step is called and what it does, in
 * words: the step names of the JSON keys and command-line options
 * ("remove", "vacate", ...) and the one-line description of a step. Reading
 * (scenario.c), applying (scenario_apply.c) and the printers use them; they
 * use nothing of those.
 */
#include "util.h"
#include "powershare/scenario.h"

static const char *const kind_names[PS_STEP_KIND_COUNT] = {
    "remove", "vacate", "remove_community", "leave_community", "merge", "move", "quota"};

const char *ps_step_kind_name(ps_step_kind kind)
{
    return (unsigned)kind < PS_STEP_KIND_COUNT ? kind_names[kind] : NULL;
}

int ps_step_describe(char **out, const ps_step *st)
{
    psi_buf b;
    psi_buf_init(&b);
    switch (st->kind) {
    case PS_STEP_REMOVE:
        psi_buf_printf(&b, "%s loses its seats (the chamber shrinks)", st->a);
        break;
    case PS_STEP_VACATE:
        psi_buf_printf(&b, "%s walks out (its seats stay vacant)", st->a);
        break;
    case PS_STEP_REMOVE_COMMUNITY:
        psi_buf_printf(&b, "the %s lists lose their seats (the chamber shrinks)", st->a);
        break;
    case PS_STEP_LEAVE_COMMUNITY:
        psi_buf_printf(&b, "the %s lists walk out (their seats stay vacant)", st->a);
        break;
    case PS_STEP_MERGE:
        psi_buf_printf(&b, "%s and %s merge", st->a, st->b);
        if (st->id)
            psi_buf_printf(&b, " as %s", st->id);
        else
            psi_buf_printf(&b, " as %s+%s", st->a, st->b);
        break;
    case PS_STEP_MOVE:
        psi_buf_printf(&b, "%lld seat%s move%s from %s to %s", (long long)st->seats,
                       st->seats == 1 ? "" : "s", st->seats == 1 ? "s" : "", st->a, st->b);
        break;
    case PS_STEP_QUOTA:
        psi_buf_printf(&b, "the quota becomes %s%s", st->a,
                       st->of_present == 1   ? " of the members present"
                       : st->of_present == 0 ? " of all seats"
                                             : "");
        break;
    default:
        psi_buf_puts(&b, "unknown step");
        break;
    }
    *out = psi_buf_take(&b);
    return *out ? PS_OK : PS_ENOMEM;
}
