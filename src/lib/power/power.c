/*
 * power.c - the power stage's entry point: choose the method, then turn the
 * exact counts into reduced fractions.
 *
 * Method choice (see power.h): a game of one weighted layer gets the dynamic
 * programs (power_dp.c, power_dp_ss.c) for the Banzhaf family, Coleman and
 * Shapley-Shubik; the indices built on minimal winning coalitions (Deegan-
 * Packel, Holler) and Johnston, and every game of several layers, are
 * enumerated (power_enum.c) up to a limit on the number of coalition
 * profiles; the floating-point mode (power_float.c) only when asked
 * (PS_POWER_FLOAT); Monte Carlo (power_approx.c) when asked, or with
 * PS_POWER_BEST when the exact methods refuse for a limit: the one policy
 * of "exact when affordable, otherwise Monte Carlo with its interval, and
 * say so" that every caller shares (the note of ps_power says so in
 * words). Every exact value is formed as a GMP rational (mpq) and
 * canonicalised, so the fraction printed is in lowest terms.
 *
 * A rule with "or" (a game of k >= 2 AND groups, game.h): the winning
 * coalitions of W_1 OR ... OR W_k are, by inclusion-exclusion, the sum over
 * the non-empty sets T of groups of (-1)^(|T|+1) times those of the AND of
 * the groups in T. The number of winning coalitions, a player's Banzhaf
 * swings (sum over S without i of v(S + i) - v(S)) and its Shapley-Shubik
 * value (the same sum weighted by |S|! (n-|S|-1)! / n!) are linear in the
 * winning indicator v, so they combine the same way: 2^k - 1 games of one
 * AND group, each computed by the programs above. k is capped at
 * OR_MAX_GROUPS (15 games). Deegan-Packel, Holler and Johnston are not
 * linear in v (minimality and critical counts), so they, and larger k, go to
 * enumeration, which evaluates the OR directly; Monte Carlo does too.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cancel_hook.h"
#include "power_programs.h"

static const char *const names[PS_INDEX_COUNT] = {
    "banzhaf",       "banzhaf_raw", "penrose",         "shapley_shubik",  "deegan_packel",
    "holler",        "johnston",    "coleman_prevent", "coleman_initiate",
};

const char *ps_index_name(ps_index index)
{
    if ((int)index < 0 || index >= PS_INDEX_COUNT)
        return NULL;
    return names[index];
}

static unsigned lookup(const char *s, size_t len)
{
    static const struct {
        const char *name;
        unsigned bits;
    } alias[] = {
        {"all", PS_INDEX_ALL},
        {"ss", PS_INDEX_BIT(PS_SHAPLEY_SHUBIK)},
        {"shapley", PS_INDEX_BIT(PS_SHAPLEY_SHUBIK)},
        {"coleman", PS_INDEX_BIT(PS_COLEMAN_PREVENT) | PS_INDEX_BIT(PS_COLEMAN_INITIATE)},
        {"absolute", PS_INDEX_BIT(PS_PENROSE)},
        {"pgi", PS_INDEX_BIT(PS_HOLLER)},
    };
    for (int k = 0; k < PS_INDEX_COUNT; k++)
        if (strlen(names[k]) == len && strncmp(names[k], s, len) == 0)
            return PS_INDEX_BIT(k);
    for (size_t k = 0; k < sizeof alias / sizeof alias[0]; k++)
        if (strlen(alias[k].name) == len && strncmp(alias[k].name, s, len) == 0)
            return alias[k].bits;
    return 0;
}

int ps_index_parse(unsigned *out, const char *list, ps_error *err)
{
    if (!out || !list)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_index_parse: NULL argument");
    unsigned bits = 0;
    const char *p = list;
    for (;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        unsigned b = lookup(p, len);
        if (!b)
            return psi_error(err, PS_EINVAL, NULL, 0, 0,
                             "unknown index '%.*s'; expected all or a comma-separated list of "
                             "banzhaf, banzhaf_raw, penrose, shapley_shubik, deegan_packel, "
                             "holler, johnston, coleman_prevent, coleman_initiate, coleman",
                             (int)len, p);
        bits |= b;
        if (!e)
            break;
        p = e + 1;
    }
    *out = bits;
    return PS_OK;
}

void ps_power_options_init(ps_power_options *opt)
{
    if (!opt)
        return;
    memset(opt, 0, sizeof *opt);
    opt->indices = PS_INDEX_ALL;
    opt->method = PS_POWER_AUTO;
    opt->max_enumerate = 25;
    opt->max_memory = (size_t)2 << 30;
    opt->samples = 1000000;
    opt->confidence = 0.99;
    opt->seed = 1;
    opt->threads = 1;
    opt->max_work = 1e12;
}

void ps_power_free(ps_power *power)
{
    if (!power)
        return;
    for (int k = 0; k < PS_INDEX_COUNT; k++) {
        if (power->values[k]) {
            for (size_t i = 0; i < power->n_players; i++) {
                psi_free(power->values[k][i].num);
                psi_free(power->values[k][i].den);
            }
        }
        psi_free(power->values[k]);
        psi_free(power->half_width[k]);
    }
    psi_free(power->coleman_collective.num);
    psi_free(power->coleman_collective.den);
    psi_free(power->note);
    psi_free(power);
}

/* Sets *f from the canonical rational q. Returns PS_OK or PS_ENOMEM. */
static int set_fraction(ps_fraction *f, const mpq_t q)
{
    f->num = psi_mpz_str(mpq_numref(q));
    f->den = psi_mpz_str(mpq_denref(q));
    f->value = mpq_get_d(q);
    return f->num && f->den ? PS_OK : PS_ENOMEM;
}

/* values[k][i] = num_i / den (den shared) or num_i / den_i. */
static int fill_index(ps_power *out, ps_index k, mpq_t *vals)
{
    size_t n = out->n_players;
    out->values[k] = psi_calloc(n, sizeof *out->values[k]);
    if (!out->values[k])
        return PS_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (set_fraction(&out->values[k][i], vals[i]) < 0)
            return PS_ENOMEM;
    return PS_OK;
}

/* Builds every asked-for index from the counts. */
static int build(ps_power *out, const psi_counts *c, unsigned want)
{
    size_t n = c->n;
    int rc = PS_OK;
    mpq_t *v = psi_malloc_array(n, sizeof *v);
    if (!v)
        return PS_ENOMEM;
    for (size_t i = 0; i < n; i++)
        mpq_init(v[i]);
    mpz_t total, all;
    mpz_init(total);
    mpz_init(all);
    mpz_setbit(all, (mp_bitcnt_t)n); /* 2^n coalitions */

    for (int k = 0; k < PS_INDEX_COUNT && rc == PS_OK; k++) {
        if (!(want & PS_INDEX_BIT(k)))
            continue;
        mpz_set_ui(total, 0);
        switch ((ps_index)k) {
        case PS_BANZHAF:
        case PS_HOLLER: {
            mpz_t *src = k == PS_BANZHAF ? c->swings : c->mwc;
            for (size_t i = 0; i < n; i++)
                mpz_add(total, total, src[i]);
            for (size_t i = 0; i < n; i++) {
                mpq_set_num(v[i], src[i]);
                mpq_set_den(v[i], total);
                mpq_canonicalize(v[i]);
            }
            break;
        }
        case PS_BANZHAF_RAW:
            for (size_t i = 0; i < n; i++)
                mpq_set_z(v[i], c->swings[i]);
            break;
        case PS_PENROSE:
            for (size_t i = 0; i < n; i++) {
                mpq_set_num(v[i], c->swings[i]);
                mpz_set_ui(mpq_denref(v[i]), 0);
                mpz_setbit(mpq_denref(v[i]), (mp_bitcnt_t)(n - 1));
                mpq_canonicalize(v[i]);
            }
            break;
        case PS_SHAPLEY_SHUBIK:
            for (size_t i = 0; i < n; i++)
                mpq_set(v[i], c->ss[i]);
            break;
        case PS_DEEGAN_PACKEL:
            for (size_t i = 0; i < n; i++)
                mpq_set(v[i], c->dp[i]);
            break;
        case PS_JOHNSTON: {
            mpq_t sum;
            mpq_init(sum);
            for (size_t i = 0; i < n; i++)
                mpq_add(sum, sum, c->johnston[i]);
            for (size_t i = 0; i < n; i++)
                mpq_div(v[i], c->johnston[i], sum);
            mpq_clear(sum);
            break;
        }
        case PS_COLEMAN_PREVENT:
        case PS_COLEMAN_INITIATE:
            if (k == PS_COLEMAN_PREVENT)
                mpz_set(total, c->winning);
            else
                mpz_sub(total, all, c->winning);
            for (size_t i = 0; i < n; i++) {
                mpq_set_num(v[i], c->swings[i]);
                mpq_set_den(v[i], total);
                mpq_canonicalize(v[i]);
            }
            break;
        default:
            continue;
        }
        rc = fill_index(out, (ps_index)k, v);
    }
    if (rc == PS_OK &&
        (want & (PS_INDEX_BIT(PS_COLEMAN_PREVENT) | PS_INDEX_BIT(PS_COLEMAN_INITIATE)))) {
        mpq_set_num(v[0], c->winning);
        mpq_set_den(v[0], all);
        mpq_canonicalize(v[0]);
        rc = set_fraction(&out->coleman_collective, v[0]);
    }
    for (size_t i = 0; i < n; i++)
        mpq_clear(v[i]);
    psi_free(v);
    mpz_clear(total);
    mpz_clear(all);
    return rc;
}

#define SWING_INDICES                                                                       \
    (PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_BANZHAF_RAW) | PS_INDEX_BIT(PS_PENROSE) |   \
     PS_INDEX_BIT(PS_COLEMAN_PREVENT) | PS_INDEX_BIT(PS_COLEMAN_INITIATE))
#define MWC_INDICES (PS_INDEX_BIT(PS_DEEGAN_PACKEL) | PS_INDEX_BIT(PS_HOLLER))

/* The exact counts of a game of one AND group, for the indices in want. */
static int plain_counts(psi_counts *c, const char **method, const ps_game *g, unsigned want,
                        const ps_power_options *opt, ps_error *err)
{
    size_t n = g->n_players;
    int rc = PS_OK;
    unsigned dp_want = ((want & SWING_INDICES) ? PSI_HAVE_SWINGS : 0u) |
                       ((want & PS_INDEX_BIT(PS_SHAPLEY_SHUBIK)) ? PSI_HAVE_SS : 0u);
    unsigned mwc_want = ((want & MWC_INDICES) ? PSI_HAVE_MWC : 0u) |
                        ((want & PS_INDEX_BIT(PS_JOHNSTON)) ? PSI_HAVE_JOHNSTON : 0u);
    size_t limit = opt->max_enumerate > 40 ? 40 : opt->max_enumerate;
    double bits = 0;
    if (n <= 126 && psi_enumerate_cost(&bits, g) < 0)
        return psi_enomem(err);
    /* A rough cost of enumeration in the units of the programs' cell
     * updates: every profile is tested against every layer. */
    double enum_work = n <= 126 ? ldexp(1.0, (int)bits) * 4.0 * (double)g->n_layers : 1e300;
    int enumerate = opt->method == PS_POWER_ENUMERATE || (mwc_want && g->n_layers > 1);
    if (!enumerate && mwc_want && bits <= (double)limit &&
        enum_work < psi_dp_mwc_work(g->weights, n, g->quotas[0], mwc_want))
        enumerate = 1; /* one layer, and the profiles are few */
    if (!enumerate && g->n_layers > 1) {
        /* Several layers: the dynamic program unless enumerating the
         * profiles is clearly cheaper (small games, many equal players). */
        double work = 0, bytes = 0;
        if (psi_dp_layers_cost(&work, &bytes, g, dp_want) < 0)
            return psi_enomem(err);
        if (bits <= (double)limit && enum_work < work)
            enumerate = 1;
    }
    if (enumerate) {
        const char *what = opt->method == PS_POWER_ENUMERATE
                               ? "exact power by enumeration"
                               : g->n_layers > 1 ? "deegan_packel, holler and johnston in a game "
                                                   "of several layers"
                                                 : "deegan_packel, holler and johnston";
        const char *instead = opt->method == PS_POWER_ENUMERATE
                                  ? "use the dynamic programs (leave out --enumerate) or the "
                                    "Monte Carlo approximation (--approx)"
                                  : "ask for banzhaf, penrose, shapley_shubik and coleman "
                                    "only (exact by dynamic programming), or use --approx";
        if (n > 126) {
            rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                           "%s enumerates coalitions, at most 126 players (this game has %zu); "
                           "%s",
                           what, n, instead);
            goto done;
        }
        if (bits > (double)limit) {
            rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                           "%s enumerates about 2^%.0f coalition profiles (players of equal "
                           "weight grouped), above the limit of 2^%zu; %s",
                           what, bits, limit, instead);
            goto done;
        }
        rc = psi_enumerate(c, g, PSI_HAVE_SWINGS | PSI_HAVE_SS | PSI_HAVE_MWC |
                                     PSI_HAVE_JOHNSTON, err);
        *method = "enumeration";
    } else if (g->n_layers > 1) {
        rc = psi_dp_layers(c, g, dp_want, opt, err);
        *method = "dynamic programming (capped weight vectors, multi-modular)";
    } else {
        if (want & SWING_INDICES)
            rc = psi_dp_banzhaf(c, g->weights, n, g->quotas[0], opt, err);
        if (rc == PS_OK && (want & PS_INDEX_BIT(PS_SHAPLEY_SHUBIK)))
            rc = psi_dp_shapley(c, g->weights, n, g->quotas[0], opt, err);
        if (rc == PS_OK && mwc_want)
            rc = psi_dp_mwc(c, g->weights, n, g->quotas[0], mwc_want, opt, err);
        *method = "dynamic programming (generating functions, multi-modular)";
    }
    if (rc == PS_OK && psi_cancel_stopped())
        rc = psi_cancel_error(err); /* the counts are incomplete */
done:
    return rc;
}

#define OR_MAX_GROUPS 4

static int odd_bits(uint64_t x)
{
    int odd = 0;
    for (; x; x &= x - 1)
        odd ^= 1;
    return odd;
}

/* c += sign * d for the linear counts (winning, swings, ss). */
static void add_signed(psi_counts *c, const psi_counts *d, int sign)
{
    if (sign > 0) {
        mpz_add(c->winning, c->winning, d->winning);
        for (size_t i = 0; i < c->n; i++) {
            mpz_add(c->swings[i], c->swings[i], d->swings[i]);
            mpq_add(c->ss[i], c->ss[i], d->ss[i]);
        }
    } else {
        mpz_sub(c->winning, c->winning, d->winning);
        for (size_t i = 0; i < c->n; i++) {
            mpz_sub(c->swings[i], c->swings[i], d->swings[i]);
            mpq_sub(c->ss[i], c->ss[i], d->ss[i]);
        }
    }
}

/* An OR of k AND groups: enumeration when asked, when an index needs it or
 * k is above the cap, or when it is cheap; otherwise inclusion-exclusion over
 * the 2^k - 1 conjunctions (header comment). */
static int or_counts(psi_counts *c, const char **method, const ps_game *g, unsigned want,
                     const ps_power_options *opt, ps_error *err)
{
    size_t n = g->n_players, k = ps_game_group_count(g);
    unsigned mwc_want = ((want & MWC_INDICES) ? PSI_HAVE_MWC : 0u) |
                        ((want & PS_INDEX_BIT(PS_JOHNSTON)) ? PSI_HAVE_JOHNSTON : 0u);
    size_t limit = opt->max_enumerate > 40 ? 40 : opt->max_enumerate;
    double bits = 0;
    if (n <= 126 && psi_enumerate_cost(&bits, g) < 0)
        return psi_enomem(err);
    int can_enumerate = n <= 126 && bits <= (double)limit;
    int must_enumerate = opt->method == PS_POWER_ENUMERATE || mwc_want || k > OR_MAX_GROUPS;
    /* Small games: enumeration is exact and cheap, and one pass instead of
     * 2^k - 1. */
    if (can_enumerate && (must_enumerate || bits <= 20)) {
        *method = "enumeration (rule with 'or')";
        int rc = psi_enumerate(c, g, PSI_HAVE_SWINGS | PSI_HAVE_SS | PSI_HAVE_MWC |
                                         PSI_HAVE_JOHNSTON, err);
        return rc == PS_OK && psi_cancel_stopped() ? psi_cancel_error(err) : rc;
    }
    if (must_enumerate) {
        const char *why = opt->method == PS_POWER_ENUMERATE ? "exact power by enumeration"
                          : mwc_want ? "deegan_packel, holler and johnston in a rule with 'or'"
                                     : "a rule with more than 4 alternatives ('or')";
        if (n > 126)
            return psi_error(err, PS_ERANGE, NULL, 0, 0,
                             "%s enumerates coalitions, at most 126 players (this game has "
                             "%zu); ask for banzhaf, penrose, shapley_shubik and coleman only, "
                             "or use --approx", why, n);
        return psi_error(err, PS_ERANGE, NULL, 0, 0,
                         "%s enumerates about 2^%.0f coalition profiles (players of equal "
                         "weight grouped), above the limit of 2^%zu; %s", why, bits, limit,
                         k > OR_MAX_GROUPS && !mwc_want
                             ? "exact programs take at most 4 alternatives (2^4 - 1 = 15 "
                               "games by inclusion-exclusion); use --approx"
                             : "ask for banzhaf, penrose, shapley_shubik and coleman only "
                               "(exact by inclusion-exclusion), or use --approx");
    }
    unsigned lin = want & (SWING_INDICES | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK));
    psi_counts d;
    int rc = PS_OK;
    const char *sub_method = NULL;
    for (uint64_t T = 1; rc == PS_OK && T < ((uint64_t)1 << k); T++) {
        ps_game *sub = NULL;
        if ((rc = ps_game_conjunction(&sub, g, T, err)) < 0)
            break;
        if (psi_counts_init(&d, n) < 0) {
            psi_counts_clear(&d);
            ps_game_free(sub);
            return psi_enomem(err);
        }
        ps_power_options one = *opt;
        one.method = PS_POWER_AUTO;
        rc = plain_counts(&d, &sub_method, sub, lin, &one, err);
        if (rc == PS_OK)
            add_signed(c, &d, odd_bits(T) ? 1 : -1);
        psi_counts_clear(&d);
        ps_game_free(sub);
    }
    c->have |= PSI_HAVE_SWINGS | PSI_HAVE_SS;
    *method = "inclusion-exclusion over the AND games of a rule with 'or', each exact";
    (void)sub_method;
    return rc;
}

static int exact(ps_power *out, const ps_game *g, const ps_power_options *opt, ps_error *err)
{
    unsigned want = opt->indices;
    psi_counts c;
    if (psi_counts_init(&c, g->n_players) < 0) {
        psi_counts_clear(&c);
        return psi_enomem(err);
    }
    const char *method = NULL;
    int rc = ps_game_group_count(g) > 1 ? or_counts(&c, &method, g, want, opt, err)
                                        : plain_counts(&c, &method, g, want, opt, err);
    out->method = method;
    if (rc == PS_OK) {
        rc = build(out, &c, want);
        if (rc < 0)
            rc = psi_enomem(err);
    }
    out->indices = want;
    out->exact = true;
    psi_counts_clear(&c);
    return rc;
}

#define APPROX_INDICES                                                                      \
    (PS_INDEX_BIT(PS_BANZHAF) | PS_INDEX_BIT(PS_PENROSE) | PS_INDEX_BIT(PS_SHAPLEY_SHUBIK))

/* "1,000,000" */
static void put_count(psi_buf *b, uint64_t v)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            psi_buf_puts(b, ",");
        psi_buf_append(b, digits + i, 1);
    }
}

/* The sentence of ps_power.note: why (the refusal's reason, without its
 * advice after "; ") and how (samples, seed, confidence), and which asked-for
 * indices Monte Carlo leaves out. NULL when out of memory. */
static char *fallback_note(const ps_error *refusal, const ps_power_options *opt,
                           unsigned left_out)
{
    psi_buf b;
    psi_buf_init(&b);
    const char *why = refusal->message, *cut = strstr(why, "; ");
    psi_buf_puts(&b, "The rule is too large for the exact methods here (");
    psi_buf_append(&b, why, cut ? (size_t)(cut - why) : strlen(why));
    psi_buf_puts(&b, "): the values are Monte Carlo estimates (");
    put_count(&b, opt->samples);
    psi_buf_printf(&b, " samples, seed %llu, %.6g%% intervals for all players at once)",
                   (unsigned long long)opt->seed, 100.0 * opt->confidence);
    if (left_out) {
        const char *sep = "";
        psi_buf_puts(&b, "; Monte Carlo does not estimate ");
        for (int k = 0; k < PS_INDEX_COUNT; k++) {
            if (!(left_out & PS_INDEX_BIT(k)))
                continue;
            left_out &= ~PS_INDEX_BIT(k);
            psi_buf_printf(&b, "%s%s", sep, names[k]);
            sep = (left_out & (left_out - 1)) ? ", " : " and "; /* two more, or one */
        }
        psi_buf_puts(&b, ", so they are left out");
    }
    psi_buf_puts(&b, ".");
    return psi_buf_take(&b);
}

/* PS_POWER_BEST: the exact methods as PS_POWER_AUTO; when they refuse with
 * PS_ERANGE (a limit of the options), Monte Carlo for the indices it can
 * estimate, and a note that says so. *out is fresh (calloc'ed) on entry and
 * may be replaced. */
static int best(ps_power **out, const ps_game *g, const ps_power_options *opt, ps_error *err)
{
    ps_error refusal;
    memset(&refusal, 0, sizeof refusal);
    int rc = exact(*out, g, opt, &refusal);
    if (rc == PS_OK)
        return PS_OK;
    if (rc != PS_ERANGE || !(opt->indices & APPROX_INDICES)) {
        if (err)
            *err = refusal;
        return rc;
    }
    /* Start again from an empty result: nothing of the refused attempt is
     * kept. */
    ps_power *p = psi_calloc(1, sizeof *p);
    if (!p)
        return psi_enomem(err);
    p->n_players = g->n_players;
    ps_power_free(*out);
    *out = p;
    rc = psi_approx(p, g, opt, err);
    if (rc < 0)
        return rc;
    if (!(p->note = fallback_note(&refusal, opt, opt->indices & ~APPROX_INDICES)))
        return psi_enomem(err);
    return PS_OK;
}

int ps_power_compute(ps_power **out, const ps_game *game, const ps_power_options *options,
                     ps_error *err)
{
    if (!out)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_power_compute: out is NULL");
    *out = NULL;
    if (!game)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_power_compute: game is NULL");
    psi_work_done(PSI_WORK_POWER);
    if (game->n_layers == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the game has no layer (no quota): every coalition would win");
    size_t first, end;
    ps_game_group_range(game, ps_game_group_count(game) - 1, &first, &end);
    if (first == end)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the last alternative ('or') of the game has no layer: every "
                         "coalition would win");
    ps_power_options defaults;
    ps_power_options_init(&defaults);
    const ps_power_options *opt = options ? options : &defaults;
    if (!(opt->max_work > 0))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "max_work must be positive");
    int bad_share = psi_shared_check(opt->share, err);
    if (bad_share < 0)
        return bad_share;
    if (opt->indices == 0 || (opt->indices & ~PS_INDEX_ALL))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no valid index asked for");
    if ((unsigned)opt->method > (unsigned)PS_POWER_FLOAT)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown power method %d", (int)opt->method);
    if ((opt->method == PS_POWER_APPROX || opt->method == PS_POWER_BEST) &&
        (opt->samples == 0 || !(opt->confidence > 0.0 && opt->confidence < 1.0)))
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "Monte Carlo needs samples >= 1 and a confidence strictly between "
                         "0 and 1");
    ps_power *p = psi_calloc(1, sizeof *p);
    if (!p)
        return psi_enomem(err);
    p->n_players = game->n_players;
    int rc = opt->method == PS_POWER_APPROX ? psi_approx(p, game, opt, err)
             : opt->method == PS_POWER_FLOAT ? psi_float_power(p, game, opt, err)
             : opt->method == PS_POWER_BEST ? best(&p, game, opt, err)
                                            : exact(p, game, opt, err);
    if (rc == PS_OK && psi_cancel_stopped())
        rc = psi_cancel_error(err); /* Monte Carlo's samples stopped short */
    if (rc < 0) {
        ps_power_free(p);
        return rc;
    }
    *out = p;
    return PS_OK;
}
