/*
 * parlgov_eval.c - how often each coalition theory predicts the cabinet
 * that actually formed.
 *
 * For each ParlGov case (parlgov.c) where no party holds more than half of
 * all seats: the game is "a majority of all seats" (floor(total / 2) + 1,
 * the unattributed seats counting in the total but joining nobody); the
 * actual cabinet is the set of its parties that hold seats. A theory "hits"
 * when that set is in the theory's prediction set (its rank-1 coalitions):
 *   minimal     the cabinet is a minimal winning coalition
 *   minimum     ... and has the fewest seats of all of them
 *   bargaining  ... and has the fewest parties of all of them
 *   range       ... and has the smallest left-right range of all of them
 *   distance    ... and the smallest seat-weighted variance
 *   connected   the cabinet is minimal connected winning
 *   median      the cabinet holds the median party (no set: a property)
 *   largest     the cabinet holds the largest party
 * This is the test of Laver & Schofield (1990, table 5.1) and of Martin &
 * Stevenson, "Government formation in parliamentary democracies" (AJPS
 * 2001). Minority and surplus cabinets are misses for every set theory.
 */
#include <math.h>
#include <string.h>

#include "../coalition/coalition_impl.h"
#include "parlgov_impl.h"
#include "powershare/parlgov.h"

static bool same(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static void tally(ps_parlgov_score *s, bool hit, double set_size)
{
    s->cases++;
    s->hits += hit;
    s->mean_set += set_size; /* a sum until the end */
}

int ps_parlgov_case_evaluate(ps_parlgov_result *out, const ps_parlgov_case *c, ps_error *err)
{
    memset(out, 0, sizeof *out);
    ps_game *game = NULL;
    ps_coalition_set *set = NULL;
    int rc = ps_game_from_legislature(&game, c->leg, NULL, false, err);
    if (rc < 0)
        return rc;
    long dim = c->positions_complete ? 0 : -1;
    ps_coalition_options opt;
    ps_coalition_options_init(&opt);
    opt.dimension = dim;
    opt.top = 1;
    rc = ps_coalitions_find(&set, game, c->leg, &opt, err);
    if (rc == 0)
        rc = ps_coalition_describe(&out->actual, game, c->leg, NULL, dim, c->cabinet, err);
    if (rc < 0) {
        ps_game_free(game);
        ps_coalition_set_free(set);
        return rc;
    }
    const ps_coalition *a = &out->actual;
    out->quota = game->quotas[0];
    for (int t = 0; t < PS_THEORY_COUNT; t++) {
        const ps_theory_list *tl = &set->theories[t];
        if (!tl->available)
            continue;
        double best = tl->n ? tl->score[0] : NAN;
        bool hit;
        switch ((ps_theory)t) {
        case PS_THEORY_MINIMAL: hit = a->minimal; break;
        case PS_THEORY_CONNECTED: hit = a->connected; break;
        case PS_THEORY_MINIMUM: hit = a->minimal && same((double)a->seats, best); break;
        case PS_THEORY_BARGAINING: hit = a->minimal && same((double)a->n_members, best); break;
        case PS_THEORY_RANGE: hit = a->minimal && same(a->range, best); break;
        case PS_THEORY_DISTANCE: hit = a->minimal && same(a->variance, best); break;
        default: hit = false;
        }
        out->applies[t] = true;
        out->hit[t] = hit;
        out->set_size[t] = tl->n_best;
    }
    out->median_applies = dim >= 0;
    out->median_hit = dim >= 0 && a->has_median;
    out->largest_hit = a->has_largest;
    ps_coalition_set_free(set);
    ps_game_free(game);
    return PS_OK;
}

static int one_case(ps_parlgov_eval *ev, const ps_parlgov_case *c, ps_error *err)
{
    ps_parlgov_result r;
    int rc = ps_parlgov_case_evaluate(&r, c, err);
    if (rc < 0)
        return rc;
    ev->cases++;
    ev->cabinet_winning += r.actual.winning;
    ev->cabinet_minimal += r.actual.minimal;
    ev->cabinet_seatless += c->cabinet_seatless > 0;
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        if (r.applies[t])
            tally(&ev->theory[t], r.hit[t], (double)r.set_size[t]);
    if (r.median_applies)
        tally(&ev->median, r.median_hit, 0);
    tally(&ev->largest, r.largest_hit, 0);
    return PS_OK;
}

int ps_parlgov_evaluate(ps_parlgov_eval *out, const ps_parlgov *pg, ps_error *err)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < pg->n; i++) {
        const ps_parlgov_case *c = &pg->cases[i];
        out->elections++;
        if (c->single_majority) {
            out->single_majority++;
            continue;
        }
        int rc = one_case(out, c, err);
        if (rc < 0)
            return psi_parlgov_case_error(err, rc, c);
    }
    for (int t = 0; t < PS_THEORY_COUNT; t++)
        if (out->theory[t].cases)
            out->theory[t].mean_set /= (double)out->theory[t].cases;
    return PS_OK;
}
