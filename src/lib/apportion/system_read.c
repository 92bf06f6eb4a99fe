/*
 * system_read.c - a law's text (include/powershare/system.h) into a
 * ps_system; finding a law by name and the catalogue are system_load.c.
 *
 * Every key is checked: an unknown one is refused with "did you mean", a
 * rule the method cannot take (a remainder rule with a divisor method) is
 * refused at its key, so that a law file never silently means less than
 * it says.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json_reader.h"
#include "util.h"
#include "powershare/system.h"

#define FORMAT "powershare-system/1"

void ps_system_free(ps_system *law)
{
    if (!law)
        return;
    psi_free(law->id);
    psi_free(law->chamber);
    psi_free(law->law);
    psi_free(law->source);
    psi_free(law->notes);
    for (size_t d = 0; law->district && d < law->n_districts; d++)
        psi_free(law->district[d]);
    psi_free(law->district);
    psi_free(law->district_seats);
    for (size_t i = 0; law->exempt && i < law->n_exempt; i++)
        psi_free(law->exempt[i]);
    psi_free(law->exempt);
    psi_free(law);
}

typedef struct reader {
    const char *src;
    ps_error *err;
} reader;

static int bad(const reader *r, const psi_json *at, const char *fmt, ...) PSI_PRINTF(3, 4);
static int bad(const reader *r, const psi_json *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = psi_verror(r->err, PS_EDATA, r->src, at->line, at->column, fmt, ap);
    va_end(ap);
    return rc;
}

static int text_of(const reader *r, char **out, const psi_json *v, const char *key)
{
    const char *s;
    int rc = psi_json_string(&s, v, key, r->src, r->err);
    if (rc < 0)
        return rc;
    return (*out = psi_strdup(s)) ? 0 : psi_enomem(r->err);
}

/* "25%", "0.5%", "3/4", "1.4" (a string, or a number's token). */
static int ratio_of(const reader *r, ps_ratio *out, const psi_json *v, const char *key)
{
    if (v->kind != PSI_JSON_STRING && v->kind != PSI_JSON_INT && v->kind != PSI_JSON_NUMBER)
        return psi_error(r->err, PS_EDATA, r->src, v->line, v->column,
                         "expected a share such as \"5%%\" or a ratio such as \"3/4\" for '%s', "
                         "got %s",
                         key, psi_json_describe(v));
    ps_error e;
    if (ps_ratio_parse(out, v->text, &e) < 0)
        return psi_error(r->err, PS_EDATA, r->src, v->line, v->column, "'%s': %s", key,
                         e.message);
    return 0;
}

static int bool_of(const reader *r, bool *out, const psi_json *v, const char *key)
{
    int rc = psi_json_expect(v, PSI_JSON_BOOL, key, r->src, r->err);
    if (rc == 0)
        *out = v->boolean != 0;
    return rc;
}

static int threshold_of(const reader *r, ps_apportion_options *opt, const psi_json *v)
{
    if (v->kind == PSI_JSON_STRING && !strcmp(v->text, "quota")) {
        opt->threshold = PS_THRESHOLD_QUOTA;
        return 0;
    }
    int rc = ratio_of(r, &opt->threshold_share, v, "threshold");
    if (rc < 0)
        return rc;
    if (opt->threshold_share.num > opt->threshold_share.den)
        return bad(r, v, "'%s' is more than all the votes", "threshold");
    opt->threshold = PS_THRESHOLD_SHARE;
    return 0;
}

static int bonus_of(const reader *r, ps_bonus_rule *b, const psi_json *v)
{
    static const char *const keys[] = {"from", "seats", "step", "step_seats", "max_seats", "of",
                                       NULL};
    int rc = psi_json_check_keys(v, keys, "bonus", r->src, r->err);
    if (rc < 0)
        return rc;
    const psi_json *from = psi_json_get(v, "from"), *seats = psi_json_get(v, "seats"), *x;
    if (!from)
        return bad(r, v, "the bonus needs '%s': the share the first list needs", "from");
    if (!seats)
        return bad(r, v, "the bonus needs '%s': the seats it gives at that share", "seats");
    if ((rc = ratio_of(r, &b->from, from, "from")) < 0 ||
        (rc = psi_json_int(&b->seats, seats, 0, "seats", r->src, r->err)) < 0)
        return rc;
    b->max_seats = b->seats;
    if (rc == 0 && (x = psi_json_get(v, "step")))
        rc = ratio_of(r, &b->step, x, "step");
    if (rc == 0 && (x = psi_json_get(v, "step_seats")))
        rc = psi_json_int(&b->step_seats, x, 0, "step_seats", r->src, r->err);
    if (rc == 0 && (x = psi_json_get(v, "max_seats")))
        rc = psi_json_int(&b->max_seats, x, b->seats, "max_seats", r->src, r->err);
    if (rc == 0 && (x = psi_json_get(v, "of"))) {
        const char *of;
        rc = psi_json_string(&of, x, "of", r->src, r->err);
        if (rc == 0 && !strcmp(of, "eligible"))
            b->share_of_eligible = true;
        else if (rc == 0 && strcmp(of, "valid"))
            rc = bad(r, x, "'of': expected \"valid\" (all valid votes) or \"eligible\" (the "
                           "votes of the lists over the threshold), got \"%s\"",
                     of);
    }
    if (rc == 0 && (b->step.num == 0) != (b->step_seats == 0))
        rc = bad(r, v, "the bonus needs both 'step' and 'step_seats', or neither%s", "");
    b->present = rc == 0;
    return rc;
}

/* "bundestag": {"minimum": "mean" | "larger", "uncompensated_overhang": 3,
 * "list_floor": "minimum" | "wins"} (system.h, ps_bundestag_rule). */
static int bundestag_of(const reader *r, ps_bundestag_rule *b, const psi_json *v)
{
    static const char *const keys[] = {"minimum", "uncompensated_overhang", "list_floor", NULL};
    int rc = psi_json_check_keys(v, keys, "bundestag", r->src, r->err);
    const psi_json *x;
    const char *s;
    b->present = true;
    if (rc == 0 && (x = psi_json_get(v, "minimum")) &&
        (rc = psi_json_string(&s, x, "minimum", r->src, r->err)) == 0) {
        b->mean_minimum = !strcmp(s, "mean");
        if (!b->mean_minimum && strcmp(s, "larger"))
            rc = bad(r, x, "'minimum': expected \"larger\" (of wins and seats, 2013) or \"mean\" "
                           "(of both, rounded up, 2020), got \"%s\"",
                     s);
    }
    if (rc == 0 && (x = psi_json_get(v, "uncompensated_overhang")))
        rc = psi_json_int(&b->uncompensated, x, 0, "uncompensated_overhang", r->src, r->err);
    if (rc == 0 && (x = psi_json_get(v, "list_floor")) &&
        (rc = psi_json_string(&s, x, "list_floor", r->src, r->err)) == 0) {
        b->floor_minimum = !strcmp(s, "minimum");
        if (!b->floor_minimum && strcmp(s, "wins"))
            rc = bad(r, x, "'list_floor': expected \"wins\" or \"minimum\", got \"%s\"", s);
    }
    return rc;
}

/* "exempt": ["SSW"]: lists that the threshold does not apply to. */
static int exempt_of(const reader *r, ps_system *law, const psi_json *v)
{
    int rc = psi_json_expect(v, PSI_JSON_ARRAY, "exempt", r->src, r->err);
    if (rc < 0)
        return rc;
    if (!(law->exempt = psi_calloc(v->n ? v->n : 1, sizeof *law->exempt)))
        return psi_enomem(r->err);
    for (size_t i = 0; i < v->n; i++) {
        const char *s;
        if ((rc = psi_json_string(&s, v->items[i], "exempt", r->src, r->err)) < 0)
            return rc;
        if (!(law->exempt[i] = psi_strdup(s)))
            return psi_enomem(r->err);
        law->n_exempt++;
    }
    return 0;
}

/* "district_seats": {"name": seats, ...} in the law's order, or "given". */
static int districts_of(const reader *r, ps_system *law, const psi_json *v)
{
    if (v->kind == PSI_JSON_STRING && !strcmp(v->text, "given")) {
        law->district_seats_given = true;
        return 0;
    }
    int rc = psi_json_expect(v, PSI_JSON_OBJECT, "district_seats", r->src, r->err);
    if (rc < 0)
        return rc;
    if (v->n == 0)
        return bad(r, v, "'%s' names no district", "district_seats");
    law->district = psi_calloc(v->n, sizeof *law->district);
    law->district_seats = psi_calloc(v->n, sizeof *law->district_seats);
    if (!law->district || !law->district_seats)
        return psi_enomem(r->err);
    for (size_t d = 0; d < v->n; d++) {
        const psi_json_member *m = &v->members[d];
        if ((rc = psi_json_int(&law->district_seats[d], m->value, 0, m->key, r->src, r->err)) < 0)
            return rc;
        if (!(law->district[d] = psi_strdup(m->key)))
            return psi_enomem(r->err);
        law->n_districts++;
    }
    return 0;
}

/* "seats": 150, or {"min": 1, "max": 18} for a law whose house size each
 * election gives (ps_system_set_seats). */
static int seats_of(const reader *r, ps_system *law, const psi_json *v)
{
    if (v->kind != PSI_JSON_OBJECT)
        return psi_json_int(&law->apportion.seats, v, 1, "seats", r->src, r->err);
    static const char *const keys[] = {"min", "max", NULL};
    int rc = psi_json_check_keys(v, keys, "seats", r->src, r->err);
    const psi_json *lo = psi_json_get(v, "min"), *hi = psi_json_get(v, "max");
    if (rc == 0 && (!lo || !hi))
        return bad(r, v, "'seats' as a range needs '%s' and 'max'", "min");
    if (rc < 0 || (rc = psi_json_int(&law->seats_min, lo, 1, "min", r->src, r->err)) < 0 ||
        (rc = psi_json_int(&law->seats_max, hi, law->seats_min, "max", r->src, r->err)) < 0)
        return rc;
    return 0;
}

/* "joint_list_threshold": {"2": "7%", "4": "10%"}: a list of that many
 * parties or more needs that share (the entry with the most members that
 * the list reaches applies). */
static int joint_threshold_of(const reader *r, ps_system *law, const psi_json *v)
{
    int rc = psi_json_expect(v, PSI_JSON_OBJECT, "joint_list_threshold", r->src, r->err);
    if (rc < 0)
        return rc;
    size_t cap = sizeof law->joint_threshold / sizeof law->joint_threshold[0];
    if (v->n == 0 || v->n > cap)
        return bad(r, v, "'joint_list_threshold' takes 1 to %zu entries: members -> share", cap);
    for (size_t k = 0; k < v->n; k++) {
        const psi_json_member *m = &v->members[k];
        ps_joint_threshold *t = &law->joint_threshold[k];
        char *end = NULL;
        long long members = strtoll(m->key, &end, 10);
        if (!*m->key || *end || members < 2 || members > 1000)
            return bad(r, m->value, "'joint_list_threshold': the key \"%s\" is not a number of "
                                    "parties from 2 up",
                       m->key);
        t->members = members;
        if ((rc = ratio_of(r, &t->share, m->value, m->key)) < 0)
            return rc;
        if (k && t->members <= law->joint_threshold[k - 1].members)
            return bad(r, m->value, "'joint_list_threshold': list the entries by members, "
                                    "ascending (%lld after %lld)",
                       members, (long long)law->joint_threshold[k - 1].members);
        law->n_joint_thresholds++;
    }
    return 0;
}

/* The leveling object's "placement", "surplus" and
 * "return_min_district_seats" (system.h); per_district alone means the
 * relative placement (Norway's law files before "placement"). */
static int placement_of(const reader *r, ps_leveling_rule *l, const psi_json *v)
{
    const psi_json *x = psi_json_get(v, "placement");
    const char *s;
    int rc = 0;
    l->placement = l->per_district ? PS_PLACE_RELATIVE : PS_PLACE_NONE;
    if (x && (rc = psi_json_string(&s, x, "placement", r->src, r->err)) == 0) {
        if (!strcmp(s, "relative-per-district") && l->per_district)
            l->placement = PS_PLACE_RELATIVE;
        else if (!strcmp(s, "largest-quotient") && !l->per_district)
            l->placement = PS_PLACE_LARGEST_QUOTIENT;
        else if (!strcmp(s, "relative-per-district") || !strcmp(s, "largest-quotient"))
            rc = bad(r, x, "'placement': \"%s\" %s 'per_district' (relative-per-district "
                           "places that many in each district; largest-quotient has no cap)",
                     s, l->per_district ? "takes no" : "needs");
        else
            rc = bad(r, x, "'placement': expected \"relative-per-district\" (Norway) or "
                           "\"largest-quotient\" (Sweden), got \"%s\"",
                     s);
    }
    if (rc == 0 && (x = psi_json_get(v, "surplus")) &&
        (rc = psi_json_string(&s, x, "surplus", r->src, r->err)) == 0) {
        if (!strcmp(s, "return"))
            l->surplus = PS_SURPLUS_RETURN;
        else if (strcmp(s, "set-aside"))
            rc = bad(r, x, "'surplus': expected \"set-aside\" (the list keeps its district "
                           "seats and the share is computed again without it) or \"return\" "
                           "(its surplus district seats go to other lists), got \"%s\"",
                     s);
    }
    l->return_min_district_seats = 1;
    if (rc == 0 && (x = psi_json_get(v, "return_min_district_seats"))) {
        if (l->surplus != PS_SURPLUS_RETURN)
            return bad(r, x, "'return_min_district_seats' goes with \"surplus\": \"%s\"",
                       "return");
        rc = psi_json_int(&l->return_min_district_seats, x, 1, "return_min_district_seats",
                          r->src, r->err);
    }
    return rc;
}

static int leveling_of(const reader *r, ps_leveling_rule *l, const psi_json *v)
{
    static const char *const keys[] = {"seats",        "threshold",       "method",
                                       "first_divisor", "per_district", "district_method",
                                       "placement",    "surplus", "return_min_district_seats",
                                       NULL};
    int rc = psi_json_check_keys(v, keys, "leveling", r->src, r->err);
    if (rc < 0)
        return rc;
    const psi_json *seats = psi_json_get(v, "seats"), *method = psi_json_get(v, "method"), *x;
    if (!seats || !method)
        return bad(r, v, "the leveling tier needs '%s' and 'method'", "seats");
    if ((rc = psi_json_int(&l->seats, seats, 1, "seats", r->src, r->err)) < 0)
        return rc;
    const char *s;
    ps_error e;
    if ((rc = psi_json_string(&s, method, "method", r->src, r->err)) < 0)
        return rc;
    if (ps_method_parse(&l->method, s, &e) < 0)
        return psi_error(r->err, PS_EDATA, r->src, method->line, method->column, "%s",
                         e.message);
    if ((x = psi_json_get(v, "first_divisor"))) {
        if (l->method != PS_MODIFIED_SAINTE_LAGUE)
            return bad(r, x, "'first_divisor' applies to modified-sainte-lague only, not %s",
                       ps_method_name(l->method));
        if ((rc = ratio_of(r, &l->first_divisor, x, "first_divisor")) < 0)
            return rc;
    }
    if ((x = psi_json_get(v, "threshold"))) {
        if ((rc = ratio_of(r, &l->threshold_share, x, "threshold")) < 0)
            return rc;
        l->threshold = PS_THRESHOLD_SHARE;
    }
    if ((x = psi_json_get(v, "per_district")) &&
        (rc = psi_json_int(&l->per_district, x, 1, "per_district", r->src, r->err)) < 0)
        return rc;
    l->district_method = PS_SAINTE_LAGUE;
    if ((x = psi_json_get(v, "district_method"))) {
        if ((rc = psi_json_string(&s, x, "district_method", r->src, r->err)) < 0)
            return rc;
        if (ps_method_parse(&l->district_method, s, &e) < 0)
            return psi_error(r->err, PS_EDATA, r->src, x->line, x->column, "%s", e.message);
        if (l->district_method != PS_DHONDT && l->district_method != PS_SAINTE_LAGUE)
            return bad(r, x, "'district_method': the placement takes dhondt or sainte-lague "
                             "divisors, not %s",
                       ps_method_name(l->district_method));
    }
    return placement_of(r, l, v);
}

static const char *const top_keys[] = {
    "format",    "chamber",         "law",          "source",
    "notes",     "seats",           "method",       "first_divisor",
    "threshold", "exempt_if_wins",  "ties",         "alliances",
    "bonus",     "remainder_share", "max_remainder_seats", "list_exhaustion",
    "majority_clause", "overhang",  "district_seats", "leveling", "joint_list_threshold",
    "district_threshold",
    "bundestag", "exempt", NULL};

static int member(const reader *r, ps_system *law, const psi_json_member *m)
{
    const psi_json *v = m->value;
    const char *k = m->key, *s;
    ps_error e;
    int rc = 0;
    if (!strcmp(k, "format")) {
        if ((rc = psi_json_string(&s, v, k, r->src, r->err)) == 0 && strcmp(s, FORMAT))
            rc = bad(r, v, "expected \"" FORMAT "\" for 'format', got \"%s\"", s);
    } else if (!strcmp(k, "chamber")) {
        rc = text_of(r, &law->chamber, v, k);
    } else if (!strcmp(k, "law")) {
        rc = text_of(r, &law->law, v, k);
    } else if (!strcmp(k, "source")) {
        rc = text_of(r, &law->source, v, k);
    } else if (!strcmp(k, "notes")) {
        rc = text_of(r, &law->notes, v, k);
    } else if (!strcmp(k, "seats")) {
        rc = seats_of(r, law, v);
    } else if (!strcmp(k, "method")) {
        if ((rc = psi_json_string(&s, v, k, r->src, r->err)) == 0 &&
            ps_method_parse(&law->apportion.method, s, &e) < 0)
            rc = psi_error(r->err, PS_EDATA, r->src, v->line, v->column, "%s", e.message);
    } else if (!strcmp(k, "first_divisor")) {
        rc = ratio_of(r, &law->apportion.first_divisor, v, k);
    } else if (!strcmp(k, "threshold")) {
        rc = threshold_of(r, &law->apportion, v);
    } else if (!strcmp(k, "exempt_if_wins")) {
        rc = psi_json_int(&law->apportion.exempt_if_wins, v, 1, k, r->src, r->err);
    } else if (!strcmp(k, "ties")) {
        if ((rc = psi_json_string(&s, v, k, r->src, r->err)) == 0) {
            if (!strcmp(s, "first"))
                law->apportion.ties = PS_TIES_FIRST;
            else if (strcmp(s, "error"))
                rc = bad(r, v, "'ties': expected \"error\" or \"first\", got \"%s\"", s);
        }
    } else if (!strcmp(k, "alliances")) {
        if ((rc = psi_json_string(&s, v, k, r->src, r->err)) == 0) {
            law->alliances = true;
            if (!strcmp(s, "all-eligible"))
                law->alliance_needs_all_eligible = true;
            else if (strcmp(s, "eligible-lists"))
                rc = bad(r, v,
                         "'alliances': expected \"eligible-lists\" (the lists of an alliance "
                         "that passed the threshold pool their votes) or \"all-eligible\" (an "
                         "alliance counts only when all its lists passed), got \"%s\"",
                         s);
        }
    } else if (!strcmp(k, "bonus")) {
        rc = bonus_of(r, &law->bonus, v);
    } else if (!strcmp(k, "remainder_share")) {
        rc = ratio_of(r, &law->remainder_share, v, k);
    } else if (!strcmp(k, "max_remainder_seats")) {
        rc = psi_json_int(&law->max_remainder_seats, v, 1, k, r->src, r->err);
    } else if (!strcmp(k, "list_exhaustion")) {
        rc = bool_of(r, &law->list_exhaustion, v, k);
    } else if (!strcmp(k, "majority_clause")) {
        rc = bool_of(r, &law->majority_clause, v, k);
    } else if (!strcmp(k, "overhang")) {
        rc = bool_of(r, &law->overhang, v, k);
    } else if (!strcmp(k, "district_seats")) {
        rc = districts_of(r, law, v);
    } else if (!strcmp(k, "leveling")) {
        rc = leveling_of(r, &law->leveling, v);
    } else if (!strcmp(k, "joint_list_threshold")) {
        rc = joint_threshold_of(r, law, v);
    } else if (!strcmp(k, "district_threshold")) {
        if ((rc = ratio_of(r, &law->district_threshold, v, k)) == 0 &&
            law->district_threshold.num > law->district_threshold.den)
            rc = bad(r, v, "'%s' is more than all the votes", k);
    } else if (!strcmp(k, "bundestag")) {
        rc = bundestag_of(r, &law->bundestag, v);
    } else if (!strcmp(k, "exempt")) {
        rc = exempt_of(r, law, v);
    }
    return rc;
}

/* Rules that the method or the other rules cannot take. */
static int coherent(const reader *r, const ps_system *law, const psi_json *root)
{
    const psi_json_member *m;
    bool divisor = ps_method_is_divisor(law->apportion.method);
    if (divisor && (m = psi_json_member_get(root, "remainder_share")))
        return bad(r, m->value, "'remainder_share' is a rule of largest-remainder methods, not "
                                "of %s",
                   ps_method_name(law->apportion.method));
    if (divisor && (m = psi_json_member_get(root, "max_remainder_seats")))
        return bad(r, m->value, "'max_remainder_seats' is a rule of largest-remainder methods, "
                                "not of %s",
                   ps_method_name(law->apportion.method));
    if (law->apportion.method != PS_MODIFIED_SAINTE_LAGUE &&
        (m = psi_json_member_get(root, "first_divisor")))
        return bad(r, m->value, "'first_divisor' applies to modified-sainte-lague only, not %s",
                   ps_method_name(law->apportion.method));
    if (law->seats_max && law->n_districts && (m = psi_json_member_get(root, "seats")))
        return bad(r, m->value, "a law with districts fixes its seats; a range (%s) is for one "
                                "national table",
                   "min, max");
    if (law->leveling.seats && !law->n_districts && (m = psi_json_member_get(root, "leveling")))
        return bad(r, m->value, "a leveling tier needs districts (%s)", "district_seats");
    if (law->n_districts && (law->bonus.present || law->alliances || law->overhang ||
                             law->majority_clause || law->list_exhaustion ||
                             law->n_joint_thresholds))
        return bad(r, root, "a law with districts takes a leveling tier but none of the rules "
                            "of one national table (bonus, alliances, overhang, the majority "
                            "clause, list exhaustion, joint lists' thresholds)%s",
                   "");
    if (law->leveling.per_district &&
        law->leveling.per_district * (int64_t)law->n_districts != law->leveling.seats)
        return bad(r, psi_json_get(root, "leveling"),
                   "%lld leveling seats cannot be placed %lld in each of the %zu districts",
                   (long long)law->leveling.seats, (long long)law->leveling.per_district,
                   law->n_districts);
    if (law->district_threshold.den && (m = psi_json_member_get(root, "district_threshold")) &&
        (law->leveling.threshold == PS_THRESHOLD_NONE ||
         law->apportion.threshold != PS_THRESHOLD_NONE))
        return bad(r, m->value, "'district_threshold' is the alternative to the leveling tier's "
                                "threshold (a list passes in a district with either), and "
                                "replaces '%s' in the districts: give 'leveling' a threshold and "
                                "leave out the top-level one",
                   "threshold");
    ps_method dm = law->apportion.method;
    if (law->leveling.surplus == PS_SURPLUS_RETURN &&
        dm != PS_DHONDT && dm != PS_SAINTE_LAGUE && dm != PS_MODIFIED_SAINTE_LAGUE &&
        dm != PS_IMPERIALI && dm != PS_DANISH)
        return bad(r, psi_json_get(root, "leveling"),
                   "a returned district seat follows the comparison numbers of the district "
                   "method: dhondt, sainte-lague, modified-sainte-lague, imperiali or danish, "
                   "not %s",
                   ps_method_name(dm));
    if (law->n_districts) {
        int64_t sum = law->leveling.seats;
        for (size_t d = 0; d < law->n_districts; d++)
            sum += law->district_seats[d];
        if (sum != law->apportion.seats)
            return psi_error(r->err, PS_EDATA, r->src, root->line, root->column,
                             "'seats' is %lld, but the districts and the leveling tier hold "
                             "%lld",
                             (long long)law->apportion.seats, (long long)sum);
    }
    if (law->bundestag.present && (m = psi_json_member_get(root, "bundestag")) &&
        (!divisor || !law->district_seats_given || law->leveling.seats))
        return bad(r, m->value, "the Bundestag's rule takes a divisor method, districts given by "
                                "each election (\"district_seats\": \"given\") and no leveling "
                                "tier%s",
                   "");
    if (law->district_seats_given && !law->bundestag.present &&
        (m = psi_json_member_get(root, "district_seats")))
        return bad(r, m->value, "district seats given by each election are for the Bundestag's "
                                "rule (%s)",
                   "bundestag");
    if (law->alliances && !divisor && (m = psi_json_member_get(root, "alliances")))
        return bad(r, m->value, "alliances are apportioned here with divisor methods only, not "
                                "%s",
                   ps_method_name(law->apportion.method));
    return 0;
}


int ps_system_read(ps_system **out, const char *text, size_t len, const char *source_name,
                   ps_error *err)
{
    *out = NULL;
    const char *src = source_name ? source_name : "<law>";
    psi_json_doc *doc = NULL;
    int rc = psi_json_parse(&doc, text, len, src, err);
    if (rc < 0)
        return rc;
    reader r = {src, err};
    const psi_json *root = psi_json_root(doc);
    ps_system *law = psi_calloc(1, sizeof *law);
    if (!law) {
        psi_json_free(doc);
        return psi_enomem(err);
    }
    ps_apportion_options_init(&law->apportion);
    law->apportion.seats = 0;
    if ((rc = psi_json_expect(root, PSI_JSON_OBJECT, "the top level", src, err)) == 0)
        rc = psi_json_check_keys(root, top_keys, "a law", src, err);
    for (size_t i = 0; rc == 0 && i < root->n; i++)
        rc = member(&r, law, &root->members[i]);
    static const char *const required[] = {"format", "chamber", "law", "source", "seats",
                                           "method", NULL};
    for (size_t k = 0; rc == 0 && required[k]; k++)
        if (!psi_json_get(root, required[k]))
            rc = psi_error(err, PS_EDATA, src, root->line, root->column,
                           "a law needs '%s' (format, chamber, law, source, seats and method "
                           "are required)",
                           required[k]);
    if (rc == 0)
        rc = coherent(&r, law, root);
    psi_json_free(doc);
    if (rc < 0) {
        ps_system_free(law);
        return rc;
    }
    *out = law;
    return 0;
}
