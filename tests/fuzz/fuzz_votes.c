/*
 * fuzz_votes.c - ps_votes_read_csv on arbitrary bytes, then apportionment.
 *
 * Invariants: no crash or sanitizer report; errors consistent and with a
 * position in this file; nothing leaked, also with an allocation failing; a
 * table read successfully has unique non-empty party (and district) names
 * and votes >= 0. A single-district table is then apportioned by a method
 * and seat count (0..63) picked from the input, ties to the first party: a
 * success gives exactly the seats asked for, none to ineligible parties.
 */
#include "fuzz_common.h"

static void check_names(char **names, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(names[i] && names[i][0], "%s %zu has no name", what, i);
        for (size_t j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(names[i], names[j]) != 0, "%s '%s' listed twice", what, names[i]);
    }
}

static void apportion(const ps_votes *v, uint64_t pick)
{
    ps_apportion_options opt;
    ps_apportion_options_init(&opt);
    opt.method = (ps_method)(pick % PS_METHOD_COUNT);
    opt.seats = (int64_t)((pick >> 8) % 64);
    opt.ties = PS_TIES_FIRST;
    opt.direct_wins = v->direct_wins;
    opt.names = (const char *const *)v->parties;
    if ((pick >> 16) & 1) {
        opt.threshold = PS_THRESHOLD_SHARE;
        opt.threshold_share = (ps_ratio){1, 20};
        opt.exempt_if_wins = 3;
    }
    ps_apportionment *a = NULL;
    ps_error err;
    ps_error_clear(&err);
    int rc = ps_apportion(&a, v->votes, v->n_parties, &opt, &err);
    fuzz_check_error(rc, &err, NULL);
    FUZZ_CHECK(rc != PS_EINVAL, "valid options refused: %s", err.message);
    if (rc == 0) {
        int64_t sum = 0;
        for (size_t i = 0; i < a->n; i++) {
            FUZZ_CHECK(a->seats[i] >= 0, "negative seats");
            FUZZ_CHECK(a->eligible[i] || a->seats[i] == 0, "seats to an ineligible party");
            sum += a->seats[i];
        }
        FUZZ_CHECK(sum == opt.seats, "%s gave %lld seats, asked %lld",
                   ps_method_name(opt.method), (long long)sum, (long long)opt.seats);
    }
    ps_apportionment_free(a);
}

static int run(const char *text, size_t len, ps_error *err, int full)
{
    ps_votes *v = NULL;
    int rc = ps_votes_read_csv(&v, text, len, "fuzz.csv", err);
    FUZZ_CHECK((rc == 0) == (v != NULL), "rc %d with votes %p", rc, (void *)v);
    if (rc == 0 && full) {
        FUZZ_CHECK(v->n_parties > 0, "no parties accepted");
        check_names(v->parties, v->n_parties, "party");
        check_names(v->districts, v->n_districts, "district");
        size_t cells = v->n_parties * (v->n_districts ? v->n_districts : 1);
        for (size_t i = 0; i < cells; i++)
            FUZZ_CHECK(v->votes[i] >= 0, "negative votes");
        for (size_t i = 0; v->direct_wins && i < v->n_parties; i++)
            FUZZ_CHECK(v->direct_wins[i] >= 0, "negative direct wins");
        for (size_t i = 0; i < v->n_parties; i++)
            FUZZ_CHECK(v->party_lines[i] >= 2, "party line %ld", v->party_lines[i]);
        if (v->n_districts == 0)
            apportion(v, fuzz_hash((const uint8_t *)text, len));
    }
    ps_votes_free(v);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive(run, data, size, "fuzz.csv");
    return 0;
}
