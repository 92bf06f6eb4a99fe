/*
 * stv_meek.c - Meek's method of counting the single transferable vote
 * (powershare/stv.h, PS_STV_MEEK), as the Proportional Representation
 * Foundation's "Reference Meek Rule" states it (prfound.org/resources/
 * reference/reference-meek-rule/), steps A to C, whose letters the comments
 * below use.
 *
 * Nothing is transferred from pile to pile: every candidate has a keep
 * factor (1 while hopeful, 0 once defeated or withdrawn, below 1 once
 * elected), and each iteration of a round reads every ballot afresh from
 * its first preference, each candidate keeping their keep factor's share of
 * what reaches them and passing the rest on. The elected candidates' keep
 * factors are then brought down towards quota / votes, until a hopeful
 * candidate reaches the quota (elected: the round ends) or the total surplus
 * of the elected is under omega or stops falling (the lowest hopeful
 * candidate is defeated: the round ends).
 *
 * The rule's arithmetic is fixed-point with 9 decimal places, which is
 * exactly integer arithmetic in units of 10^-9 vote: products and quotients
 * rounded up where the rule says so, the quota truncated; the intermediate
 * products take 128 bits. The votes of ballots whose weight was not all
 * kept (no further hopeful or elected candidate) are the non-transferable
 * votes; with the roundings up they are exactly the valid votes less the
 * candidates' votes, so every stage adds up.
 */
#include "cancel_hook.h"
#include "stv_impl.h"
#include "util.h"

#define UNIT PS_STV_MEEK_SCALE
/* omega: an iteration stops once the total surplus is below 10^-6 vote */
#define OMEGA (UNIT / 1000000)

/* a * b / UNIT rounded up; a, b >= 0 and the result fits (stv.h's limit on
 * the ballots keeps every vote total within 64 bits) */
static int64_t mul_up(int64_t a, int64_t b)
{
    psi_i128 p = (psi_i128)a * b;
    return (int64_t)((p + UNIT - 1) / UNIT);
}

/* a * UNIT / b rounded up; a >= 0, b > 0 */
static int64_t div_up(int64_t a, int64_t b)
{
    psi_i128 p = (psi_i128)a * UNIT;
    return (int64_t)((p + b - 1) / b);
}

/* B.2.a: every valid ballot line from its first preference; each candidate
 * keeps w x kf (rounded up) of the weight w that reaches them. */
static void distribute(stv_count *cs)
{
    const ps_ballots *b = cs->b;
    size_t n = b->n_candidates;
    for (size_t c = 0; c < n; c++)
        cs->votes[c] = 0;
    for (size_t i = 0; i < b->n_lines; i++) {
        int64_t w = UNIT;
        for (size_t j = b->start[i]; j < b->start[i + 1] && w > 0; j++) {
            size_t c = b->pref[j];
            if (cs->keep[c] == 0)
                continue;
            int64_t kept = mul_up(w, cs->keep[c]);
            cs->votes[c] += kept * b->count[i];
            w -= kept;
        }
    }
    int64_t total = 0;
    for (size_t c = 0; c < n; c++)
        total += cs->votes[c];
    /* what the ballots did not give away: exhausted, the rounding included */
    cs->exhausted = cs->res->valid * UNIT - total;
}

/* B.2.b: the votes of all the candidates / (seats + 1), truncated, + 10^-9. */
static int64_t quota(const stv_count *cs)
{
    return (cs->res->valid * UNIT - cs->exhausted) / (cs->res->seats + 1) + 1;
}

static size_t count_state(const stv_count *cs, unsigned char state)
{
    size_t k = 0;
    for (size_t c = 0; c < cs->b->n_candidates; c++)
        k += cs->state[c] == state;
    return k;
}

enum round_end { ROUND_ELECTED, ROUND_DEFEAT };

/* B.2: iterates until a candidate reaches the quota or the surplus settles;
 * *surplus is the total surplus at the end. */
static int iterate(stv_count *cs, enum round_end *end, int64_t *surplus)
{
    size_t n = cs->b->n_candidates;
    int64_t last = cs->res->valid * UNIT;
    for (cs->iterations = 1;; cs->iterations++) {
        if (psi_cancelled())
            return psi_cancel_error(cs->err);
        distribute(cs);
        cs->quota = quota(cs);
        bool reached = false;
        int64_t s = 0;
        for (size_t c = 0; c < n; c++) {
            reached |= cs->state[c] == STV_CONTINUING && cs->votes[c] >= cs->quota;
            if (cs->state[c] == STV_ELECTED || (cs->state[c] == STV_CONTINUING &&
                                                 cs->votes[c] >= cs->quota))
                s += cs->votes[c] - cs->quota;
        }
        *surplus = s > 0 ? s : 0;
        if (reached) {
            *end = ROUND_ELECTED;
            return 0;
        }
        /* B.2.e; on the first iteration `last` is every vote, so the second
         * test cannot hold there */
        if (*surplus < OMEGA || *surplus >= last) {
            *end = ROUND_DEFEAT;
            return 0;
        }
        last = *surplus;
        /* B.2.f; an elected candidate whom no vote reaches any more (the
         * ones that elected them stopped by a keep factor grown to 1 or
         * more) keeps their factor: the rule would divide by 0 */
        for (size_t c = 0; c < n; c++)
            if (cs->state[c] == STV_ELECTED && cs->votes[c] > 0)
                cs->keep[c] = div_up(mul_up(cs->keep[c], cs->quota), cs->votes[c]);
    }
}

/* B.3: the hopeful candidate with the fewest votes is defeated; those
 * within the total surplus of the fewest are level with them. */
static int defeat_lowest(stv_count *cs, int64_t surplus)
{
    size_t n = cs->b->n_candidates, k = 0, chosen = SIZE_MAX;
    int64_t low = INT64_MAX;
    for (size_t c = 0; c < n; c++)
        if (cs->state[c] == STV_CONTINUING && cs->votes[c] < low)
            low = cs->votes[c];
    for (size_t c = 0; c < n; c++)
        if (cs->state[c] == STV_CONTINUING && cs->votes[c] <= low + surplus)
            cs->tied[k++] = chosen = c;
    if (k > 1) {
        int rc = psi_stv_lot_exclusion(cs, cs->tied, k, &chosen);
        if (rc < 0)
            return rc;
    }
    int rc = psi_stv_add_exclusion(cs, chosen, cs->votes[chosen]);
    if (rc < 0)
        return rc;
    cs->state[chosen] = STV_EXCLUDED;
    cs->res->candidate[chosen].status = PS_STV_EXCLUDED;
    cs->res->candidate[chosen].stage = (int64_t)cs->res->n_stages;
    cs->keep[chosen] = 0;
    cs->votes[chosen] = 0;
    return 0;
}

/* Valid and ignored ballots; the keep factors at the start (A). */
static int start(stv_count *cs)
{
    const ps_ballots *b = cs->b;
    if (b->total > PS_STV_MEEK_MAX_BALLOTS)
        return psi_error(cs->err, PS_ERANGE, NULL, 0, 0,
                         "%lld ballots: Meek's method counts at most %lld (its figures, in "
                         "units of 10^-9 vote, must fit 64 bits)",
                         (long long)b->total, (long long)PS_STV_MEEK_MAX_BALLOTS);
    if (!(cs->keep = psi_calloc(b->n_candidates, sizeof *cs->keep)))
        return psi_enomem(cs->err);
    for (size_t c = 0; c < b->n_candidates; c++)
        cs->keep[c] = cs->state[c] == STV_CONTINUING ? UNIT : 0;
    for (size_t i = 0; i < b->n_lines; i++) {
        if (psi_stv_next_preference(cs, i, SIZE_MAX) == SIZE_MAX)
            cs->res->ignored += b->count[i];
        else
            cs->res->valid += b->count[i];
    }
    if (cs->res->valid == 0)
        return psi_error(cs->err, PS_EDATA, NULL, 0, 0,
                         "no valid ballot: every ballot is empty or names only withdrawn "
                         "candidates");
    return 0;
}

int psi_stv_run_meek(stv_count *cs)
{
    ps_stv_result *res = cs->res;
    int rc = start(cs);
    /* B.1: rounds while seats are left and more hopeful candidates than them */
    while (rc == 0 && res->n_elected < (size_t)res->seats &&
           count_state(cs, STV_CONTINUING) > (size_t)res->seats - res->n_elected) {
        enum round_end end = ROUND_DEFEAT;
        int64_t surplus = 0;
        rc = iterate(cs, &end, &surplus);
        if (rc < 0)
            break;
        if (end == ROUND_DEFEAT) {
            rc = defeat_lowest(cs, surplus);
        } else {
            rc = psi_stv_add_stage(cs, res->n_stages == 0 ? PS_STV_FIRST_PREFERENCES
                                                          : PS_STV_ELECTION,
                                   0, 0, 0);
            if (rc == 0)
                rc = psi_stv_elect(cs, false);
        }
    }
    if (rc == 0 && res->n_stages == 0) {
        /* no round: the hopeful candidates were no more than the seats */
        cs->iterations = 1;
        distribute(cs);
        cs->quota = quota(cs);
        rc = psi_stv_add_stage(cs, PS_STV_FIRST_PREFERENCES, 0, 0, 0);
    }
    /* C.1: seats left are the last hopeful candidates'; C.2: if none is
     * left, they stay not elected */
    if (rc == 0 && res->n_elected < (size_t)res->seats)
        rc = psi_stv_elect(cs, true);
    res->quota = cs->quota;
    return rc;
}
