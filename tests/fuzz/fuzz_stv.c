/*
 * fuzz_stv.c - ballots in the BLT format (ps_ballots_read,
 * include/powershare/stv.h) on arbitrary bytes, and, when they read and are
 * small, their count under the Scottish rules and under Meek's, with ties
 * broken by ballot order (so that a count never stops at a tie).
 *
 * Invariants: no crash or sanitizer report; errors consistent and, when
 * they have a position, in this input; nothing leaked, also with an
 * allocation failing (in the reader or in the count); ballots that read are
 * well formed (candidate numbers in range, no repeats, counts positive and
 * adding up); a count fills min(seats, standing candidates) seats, every
 * stage adds up to the valid votes exactly, nothing is negative, and the
 * quota is floor(valid / (seats + 1)) + 1 (Scottish) or the last stage's
 * (Meek, whose every stage has keep factors).
 */
#include <string.h>

#include "fuzz_common.h"

static void check_ballots(const ps_ballots *b)
{
    int64_t total = 0;
    FUZZ_CHECK(b->n_candidates >= 1 && b->n_candidates <= PS_STV_MAX_CANDIDATES, "%zu candidates",
               b->n_candidates);
    FUZZ_CHECK(b->seats >= 1 && (uint64_t)b->seats <= b->n_candidates, "%lld seats",
               (long long)b->seats);
    for (size_t i = 0; i < b->n_candidates; i++)
        FUZZ_CHECK(b->candidates[i] && b->candidates[i][0], "candidate %zu has no name", i);
    for (size_t l = 0; l < b->n_lines; l++) {
        FUZZ_CHECK(b->count[l] >= 1, "ballot line %zu counts %lld", l, (long long)b->count[l]);
        total += b->count[l];
        FUZZ_CHECK(b->start[l] <= b->start[l + 1], "ballot line %zu ends before it starts", l);
        for (size_t j = b->start[l]; j < b->start[l + 1]; j++) {
            FUZZ_CHECK(b->pref[j] < b->n_candidates, "candidate %u out of range",
                       (unsigned)b->pref[j]);
            for (size_t k = b->start[l]; k < j; k++)
                FUZZ_CHECK(b->pref[k] != b->pref[j], "candidate %u twice on a ballot",
                           (unsigned)b->pref[j]);
        }
    }
    FUZZ_CHECK(total == b->total, "counts add up to %lld, total %lld", (long long)total,
               (long long)b->total);
}

static void check_count(const ps_ballots *b, const ps_stv_result *r)
{
    size_t standing = 0;
    for (size_t i = 0; i < b->n_candidates; i++)
        standing += !b->withdrawn[i];
    size_t want = standing < (size_t)b->seats ? standing : (size_t)b->seats;
    FUZZ_CHECK(r->n_elected == want, "%zu elected, expected %zu", r->n_elected, want);
    FUZZ_CHECK(r->valid + r->ignored == b->total, "valid %lld + ignored %lld != %lld",
               (long long)r->valid, (long long)r->ignored, (long long)b->total);
    FUZZ_CHECK(r->n_stages >= 1, "no stage");
    if (r->rule == PS_STV_MEEK)
        FUZZ_CHECK(r->quota == r->stage[r->n_stages - 1].quota && r->scale == PS_STV_MEEK_SCALE,
                   "Meek quota %lld, scale %lld", (long long)r->quota, (long long)r->scale);
    else
        FUZZ_CHECK(r->quota == (r->valid / (r->seats + 1) + 1) * PS_STV_SCALE, "quota %lld",
                   (long long)r->quota);
    for (size_t k = 0; k < r->n_stages; k++) {
        const ps_stv_stage *s = &r->stage[k];
        int64_t t = s->non_transferable + s->rounding;
        FUZZ_CHECK(s->rounding >= 0 && s->exhausted >= 0, "stage %zu: negative figures", k + 1);
        FUZZ_CHECK((s->keep != NULL) == (r->rule == PS_STV_MEEK), "stage %zu: keep factors",
                   k + 1);
        for (size_t i = 0; i < r->n_candidates; i++) {
            FUZZ_CHECK(s->votes[i] >= 0, "stage %zu: negative votes", k + 1);
            t += s->votes[i];
        }
        FUZZ_CHECK(t == r->valid * r->scale, "stage %zu adds up to %lld units, not %lld",
                   k + 1, (long long)t, (long long)(r->valid * r->scale));
    }
    for (size_t i = 0; i < r->n_elected; i++)
        FUZZ_CHECK(r->candidate[r->elected[i]].status == PS_STV_ELECTED, "elected %zu's status",
                   r->elected[i]);
}

static int run(const char *text, size_t len, ps_error *err, int full)
{
    ps_ballots *b = NULL;
    int rc = ps_ballots_read(&b, text, len, "fuzz.blt", err);
    FUZZ_CHECK((rc == 0) == (b != NULL), "rc %d with ballots %p", rc, (void *)b);
    if (rc == 0 && full)
        check_ballots(b);
    /* the count costs stages x papers: only small elections */
    int count_rc = 0;
    for (int meek = 0; rc == 0 && meek < 2 && b->n_candidates <= 60 &&
                       b->n_lines <= (meek ? 500u : 5000u);
         meek++) {
        ps_stv_options opt;
        ps_stv_options_init(&opt);
        opt.ties = PS_TIES_FIRST;
        opt.rule = meek ? PS_STV_MEEK : PS_STV_SCOTTISH;
        ps_stv_result *r = NULL;
        count_rc = ps_stv_count(&r, b, &opt, err);
        FUZZ_CHECK((count_rc == 0) == (r != NULL), "count rc %d with result %p", count_rc,
                   (void *)r);
        FUZZ_CHECK(count_rc == 0 || count_rc == PS_EDATA || count_rc == PS_ENOMEM ||
                       (meek && count_rc == PS_ERANGE),
                   "count: %d (%s)", count_rc, err->message);
        if (count_rc == 0 && full)
            check_count(b, r);
        ps_stv_result_free(r);
        if (count_rc < 0)
            break;
    }
    ps_ballots_free(b);
    return rc < 0 ? rc : count_rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive(run, data, size, "fuzz.blt");
    return 0;
}
