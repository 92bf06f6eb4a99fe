/*
 * system_read_rules.c - the readers of a law's rules (system.h), for
 * system_read.c: the majority bonus, the Bundestag's rule, the additional
 * member system, the lists exempt from the threshold, joint lists'
 * thresholds and the leveling tier with its placement; and the value
 * readers they share with system_read.c (text, share or ratio, boolean,
 * threshold).
 *
 * Each rule's object is checked key by key (an unknown key is refused with
 * "did you mean"), and a value is refused at its own line and column; what
 * the rules cannot take together is checked after the whole law is read
 * (system_read.c, coherent()).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "system_impl.h"
#include "system_read.h"

int psi_law_bad(const psi_law_reader *r, const psi_json *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = psi_verror(r->err, PS_EDATA, r->src, at->line, at->column, fmt, ap);
    va_end(ap);
    return rc;
}

int psi_law_text(const psi_law_reader *r, char **out, const psi_json *v, const char *key)
{
    const char *s;
    int rc = psi_json_string(&s, v, key, r->src, r->err);
    if (rc < 0)
        return rc;
    return (*out = psi_strdup(s)) ? 0 : psi_enomem(r->err);
}

/* "25%", "0.5%", "3/4", "1.4" (a string, or a number's token). */
int psi_law_ratio(const psi_law_reader *r, ps_ratio *out, const psi_json *v, const char *key)
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

int psi_law_bool(const psi_law_reader *r, bool *out, const psi_json *v, const char *key)
{
    int rc = psi_json_expect(v, PSI_JSON_BOOL, key, r->src, r->err);
    if (rc == 0)
        *out = v->boolean != 0;
    return rc;
}

int psi_law_threshold(const psi_law_reader *r, ps_apportion_options *opt, const psi_json *v)
{
    if (v->kind == PSI_JSON_STRING && !strcmp(v->text, "quota")) {
        opt->threshold = PS_THRESHOLD_QUOTA;
        return 0;
    }
    int rc = psi_law_ratio(r, &opt->threshold_share, v, "threshold");
    if (rc < 0)
        return rc;
    if (opt->threshold_share.num > opt->threshold_share.den)
        return psi_law_bad(r, v, "'%s' is more than all the votes", "threshold");
    opt->threshold = PS_THRESHOLD_SHARE;
    return 0;
}

int psi_law_bonus(const psi_law_reader *r, ps_bonus_rule *b, const psi_json *v)
{
    static const char *const keys[] = {"from", "seats", "step", "step_seats", "max_seats", "of",
                                       NULL};
    int rc = psi_json_check_keys(v, keys, "bonus", r->src, r->err);
    if (rc < 0)
        return rc;
    const psi_json *from = psi_json_get(v, "from"), *seats = psi_json_get(v, "seats"), *x;
    if (!from)
        return psi_law_bad(r, v, "the bonus needs '%s': the share the first list needs", "from");
    if (!seats)
        return psi_law_bad(r, v, "the bonus needs '%s': the seats it gives at that share", "seats");
    if ((rc = psi_law_ratio(r, &b->from, from, "from")) < 0 ||
        (rc = psi_json_int(&b->seats, seats, 0, "seats", r->src, r->err)) < 0)
        return rc;
    b->max_seats = b->seats;
    if (rc == 0 && (x = psi_json_get(v, "step")))
        rc = psi_law_ratio(r, &b->step, x, "step");
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
            rc = psi_law_bad(r, x,
                             "'of': expected \"valid\" (all valid votes) or \"eligible\" (the "
                             "votes of the lists over the threshold), got \"%s\"",
                             of);
    }
    if (rc == 0 && (b->step.num == 0) != (b->step_seats == 0))
        rc = psi_law_bad(r, v, "the bonus needs both 'step' and 'step_seats', or neither%s", "");
    b->present = rc == 0;
    return rc;
}

/* "bundestag": {"minimum": "mean" | "larger", "uncompensated_overhang": 3,
 * "list_floor": "minimum" | "wins"}, or {"house": "fixed", "lists": [...]}
 * (system.h, ps_bundestag_rule; the lists are read by
 * psi_law_bundestag_lists). */
int psi_law_bundestag(const psi_law_reader *r, ps_bundestag_rule *b, const psi_json *v)
{
    static const char *const keys[] = {"minimum", "uncompensated_overhang", "list_floor",
                                       "house", "lists", NULL};
    int rc = psi_json_check_keys(v, keys, "bundestag", r->src, r->err);
    const psi_json *x;
    const char *s;
    b->present = true;
    if (rc == 0 && (x = psi_json_get(v, "house")) &&
        (rc = psi_json_string(&s, x, "house", r->src, r->err)) == 0) {
        b->fixed_house = !strcmp(s, "fixed");
        if (!b->fixed_house && strcmp(s, "grows"))
            rc = psi_law_bad(r, x,
                             "'house': expected \"grows\" (overhang and balance seats, 2013 and "
                             "2020) or \"fixed\" (Zweitstimmendeckung, 2023), got \"%s\"",
                             s);
    }
    static const char *const growing[] = {"minimum", "uncompensated_overhang", "list_floor",
                                          NULL};
    for (size_t k = 0; rc == 0 && b->fixed_house && growing[k]; k++)
        if ((x = psi_json_get(v, growing[k])))
            rc = psi_law_bad(r, x, "'%s' belongs to the growing house; a fixed house has no "
                                   "minimums and no overhang",
                             growing[k]);
    if (rc == 0 && (x = psi_json_get(v, "lists")) && !b->fixed_house)
        rc = psi_law_bad(r, x, "'lists' names the Länder of a fixed house (\"house\": "
                               "\"fixed\"); the growing house takes them from %s",
                         "--district-seats");
    if (rc == 0 && b->fixed_house && !psi_json_get(v, "lists"))
        rc = psi_law_bad(r, v, "a fixed house needs '%s': the Länder where the parties stand "
                               "Land lists",
                         "lists");
    if (rc == 0 && (x = psi_json_get(v, "minimum")) &&
        (rc = psi_json_string(&s, x, "minimum", r->src, r->err)) == 0) {
        b->mean_minimum = !strcmp(s, "mean");
        if (!b->mean_minimum && strcmp(s, "larger"))
            rc = psi_law_bad(r, x,
                             "'minimum': expected \"larger\" (of wins and seats, 2013) or \"mean\" "
                             "(of both, rounded up, 2020), got \"%s\"",
                             s);
    }
    if (rc == 0 && (x = psi_json_get(v, "uncompensated_overhang")))
        rc = psi_json_int(&b->uncompensated, x, 0, "uncompensated_overhang", r->src, r->err);
    if (rc == 0 && (x = psi_json_get(v, "list_floor")) &&
        (rc = psi_json_string(&s, x, "list_floor", r->src, r->err)) == 0) {
        b->floor_minimum = !strcmp(s, "minimum");
        if (!b->floor_minimum && strcmp(s, "wins"))
            rc = psi_law_bad(r, x, "'list_floor': expected \"wins\" or \"minimum\", got \"%s\"", s);
    }
    return rc;
}

int psi_law_bundestag_lists(const psi_law_reader *r, ps_system *law, const psi_json *root)
{
    const psi_json *at = psi_json_get(root, "bundestag");
    const psi_json *v = at ? psi_json_get(at, "lists") : NULL, *ds;
    if (!law->bundestag.fixed_house || !v)
        return 0;
    if ((ds = psi_json_get(root, "district_seats")))
        return psi_law_bad(r, ds, "a fixed house shares no seats among the Länder: leave out "
                                  "'district_seats' (its Länder are the bundestag's '%s')",
                           "lists");
    int rc = psi_json_expect(v, PSI_JSON_ARRAY, "lists", r->src, r->err);
    if (rc < 0)
        return rc;
    if (v->n == 0)
        return psi_law_bad(r, v, "'%s' names no Land", "lists");
    law->district = psi_calloc(v->n, sizeof *law->district);
    law->district_seats = psi_calloc(v->n, sizeof *law->district_seats);
    if (!law->district || !law->district_seats)
        return psi_enomem(r->err);
    for (size_t i = 0; i < v->n; i++) {
        const char *s;
        if ((rc = psi_json_string(&s, v->items[i], "lists", r->src, r->err)) < 0)
            return rc;
        for (size_t k = 0; k < law->n_districts; k++)
            if (!strcmp(law->district[k], s))
                return psi_law_bad(r, v->items[i], "'lists' names \"%s\" twice", s);
        if (!(law->district[i] = psi_strdup(s)))
            return psi_enomem(r->err);
        law->n_districts++;
    }
    return 0;
}

/* "additional_members": {"constituencies": 73} (system.h): the district
 * seats are list seats given from the constituency seats each list holds. */
int psi_law_additional(const psi_law_reader *r, ps_system *law, const psi_json *v)
{
    static const char *const keys[] = {"constituencies", NULL};
    int rc = psi_json_check_keys(v, keys, "additional_members", r->src, r->err);
    const psi_json *x = rc == 0 ? psi_json_get(v, "constituencies") : NULL;
    if (rc == 0 && !x)
        rc = psi_law_bad(r, v, "'additional_members' needs '%s': the number of constituency seats",
                         "constituencies");
    if (rc == 0)
        rc = psi_json_int(&law->additional_members, x, 1, "constituencies", r->src, r->err);
    return rc;
}

/* "exempt": ["SSW"]: lists that the threshold does not apply to. */
int psi_law_exempt(const psi_law_reader *r, ps_system *law, const psi_json *v)
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

/* "joint_list_threshold": {"2": "7%", "4": "10%"}: a list of that many
 * parties or more needs that share (the entry with the most members that
 * the list reaches applies). */
int psi_law_joint_threshold(const psi_law_reader *r, ps_system *law, const psi_json *v)
{
    int rc = psi_json_expect(v, PSI_JSON_OBJECT, "joint_list_threshold", r->src, r->err);
    if (rc < 0)
        return rc;
    size_t cap = sizeof law->joint_threshold / sizeof law->joint_threshold[0];
    if (v->n == 0 || v->n > cap)
        return psi_law_bad(r, v,
                           "'joint_list_threshold' takes 1 to %zu entries: members -> share", cap);
    for (size_t k = 0; k < v->n; k++) {
        const psi_json_member *m = &v->members[k];
        ps_joint_threshold *t = &law->joint_threshold[k];
        char *end = NULL;
        long long members = strtoll(m->key, &end, 10);
        if (!*m->key || *end || members < 2 || members > 1000)
            return psi_law_bad(r, m->value,
                               "'joint_list_threshold': the key \"%s\" is not a number of "
                               "parties from 2 up",
                               m->key);
        t->members = members;
        if ((rc = psi_law_ratio(r, &t->share, m->value, m->key)) < 0)
            return rc;
        if (k && t->members <= law->joint_threshold[k - 1].members)
            return psi_law_bad(r, m->value, "'joint_list_threshold': list the entries by members, "
                                            "ascending (%lld after %lld)",
                               members, (long long)law->joint_threshold[k - 1].members);
        law->n_joint_thresholds++;
    }
    return 0;
}

/* The leveling object's "placement", "surplus" and
 * "return_min_district_seats" (system.h); per_district alone means the
 * relative placement (Norway's law files before "placement"). */
static int placement_of(const psi_law_reader *r, ps_leveling_rule *l, const psi_json *v)
{
    const psi_json *x = psi_json_get(v, "placement");
    const char *s;
    int rc = 0;
    l->placement = l->per_district ? PS_PLACE_RELATIVE : PS_PLACE_NONE;
    if (x && (rc = psi_json_string(&s, x, "placement", r->src, r->err)) == 0) {
        if (!strcmp(s, "national-quotients"))
            l->placement = PS_PLACE_NATIONAL_QUOTIENTS;
        else if (!strcmp(s, "relative-per-district") && l->per_district)
            l->placement = PS_PLACE_RELATIVE;
        else if (!strcmp(s, "largest-quotient") && !l->per_district)
            l->placement = PS_PLACE_LARGEST_QUOTIENT;
        else if (!strcmp(s, "relative-per-district") || !strcmp(s, "largest-quotient"))
            rc = psi_law_bad(r, x,
                             "'placement': \"%s\" %s 'per_district' (relative-per-district "
                             "places that many in each district; largest-quotient has no cap)",
                             s, l->per_district ? "takes no" : "needs");
        else
            rc = psi_law_bad(r, x, "'placement': expected \"relative-per-district\" (Norway), "
                                   "\"largest-quotient\" (Sweden) or \"national-quotients\" "
                                   "(Iceland), got \"%s\"",
                             s);
    }
    if (rc == 0 && (l->placement == PS_PLACE_NATIONAL_QUOTIENTS) != (l->n_caps > 0))
        rc = psi_law_bad(r, x ? x : v,
                         "'per_district' as an object of each district's seats goes with "
                         "\"placement\": \"%s\"",
                         "national-quotients");
    psi_u128 num, den;
    if (rc == 0 && l->placement == PS_PLACE_NATIONAL_QUOTIENTS &&
        !psi_system_divisor(l->method, l->first_divisor, 0, &num, &den))
        rc = psi_law_bad(r, psi_json_get(v, "method"),
                         "\"national-quotients\" takes a divisor method for the national "
                         "quotients, not %s",
                         ps_method_name(l->method));
    if (rc == 0 && l->placement == PS_PLACE_NATIONAL_QUOTIENTS && psi_json_get(v, "surplus"))
        rc = psi_law_bad(r, psi_json_get(v, "surplus"),
                         "'surplus' belongs to a national share, which \"%s\" replaces",
                         "national-quotients");
    if (rc == 0 && (x = psi_json_get(v, "surplus")) &&
        (rc = psi_json_string(&s, x, "surplus", r->src, r->err)) == 0) {
        if (!strcmp(s, "return"))
            l->surplus = PS_SURPLUS_RETURN;
        else if (strcmp(s, "set-aside"))
            rc = psi_law_bad(r, x,
                             "'surplus': expected \"set-aside\" (the list keeps its district "
                             "seats and the share is computed again without it) or \"return\" "
                             "(its surplus district seats go to other lists), got \"%s\"",
                             s);
    }
    l->return_min_district_seats = 1;
    if (rc == 0 && (x = psi_json_get(v, "return_min_district_seats"))) {
        if (l->surplus != PS_SURPLUS_RETURN)
            return psi_law_bad(r, x, "'return_min_district_seats' goes with \"surplus\": \"%s\"",
                               "return");
        rc = psi_json_int(&l->return_min_district_seats, x, 1, "return_min_district_seats",
                          r->src, r->err);
    }
    return rc;
}

/* "per_district": {"name": seats, ...}: each district's adjustment seats
 * (Iceland: one or two), kept by name until the districts are known
 * (psi_law_leveling_caps). */
static int caps_of(const psi_law_reader *r, ps_leveling_rule *l, const psi_json *v)
{
    if (v->n == 0)
        return psi_law_bad(r, v, "'%s' names no district", "per_district");
    l->cap_name = psi_calloc(v->n, sizeof *l->cap_name);
    l->cap_seats = psi_calloc(v->n, sizeof *l->cap_seats);
    if (!l->cap_name || !l->cap_seats)
        return psi_enomem(r->err);
    for (size_t i = 0; i < v->n; i++) {
        const psi_json_member *m = &v->members[i];
        int rc = psi_json_int(&l->cap_seats[i], m->value, 0, m->key, r->src, r->err);
        if (rc < 0)
            return rc;
        if (!(l->cap_name[i] = psi_strdup(m->key)))
            return psi_enomem(r->err);
        l->n_caps++;
    }
    return 0;
}

int psi_law_leveling_caps(const psi_law_reader *r, ps_system *law, const psi_json *root)
{
    ps_leveling_rule *l = &law->leveling;
    const psi_json *at = psi_json_get(root, "leveling");
    const psi_json *caps = at ? psi_json_get(at, "per_district") : NULL;
    if (!l->n_caps || !caps)
        return 0;
    if (!(l->district_cap = psi_calloc(law->n_districts ? law->n_districts : 1,
                                       sizeof *l->district_cap)))
        return psi_enomem(r->err);
    int64_t sum = 0;
    for (size_t i = 0; i < l->n_caps; i++) {
        size_t k = 0;
        while (k < law->n_districts && strcmp(law->district[k], l->cap_name[i]))
            k++;
        if (k == law->n_districts)
            return psi_law_bad(r, caps->members[i].value,
                               "'per_district': \"%s\" is not one of the law's districts "
                               "(district_seats)",
                               l->cap_name[i]);
        l->district_cap[k] = l->cap_seats[i];
        sum += l->cap_seats[i];
    }
    if (sum != l->seats)
        return psi_law_bad(r, caps,
                           "'per_district' places %lld adjustment seats, but the leveling tier "
                           "has %lld",
                           (long long)sum, (long long)l->seats);
    return 0;
}

int psi_law_leveling(const psi_law_reader *r, ps_leveling_rule *l, const psi_json *v)
{
    static const char *const keys[] = {"seats",        "threshold",       "method",
                                       "first_divisor", "per_district", "district_method",
                                       "placement",    "surplus", "return_min_district_seats",
                                       "district_seat_qualifies", NULL};
    int rc = psi_json_check_keys(v, keys, "leveling", r->src, r->err);
    if (rc < 0)
        return rc;
    const psi_json *seats = psi_json_get(v, "seats"), *method = psi_json_get(v, "method"), *x;
    if (!seats || !method)
        return psi_law_bad(r, v, "the leveling tier needs '%s' and 'method'", "seats");
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
            return psi_law_bad(r, x,
                               "'first_divisor' applies to modified-sainte-lague only, not %s",
                               ps_method_name(l->method));
        if ((rc = psi_law_ratio(r, &l->first_divisor, x, "first_divisor")) < 0)
            return rc;
    }
    if ((x = psi_json_get(v, "threshold"))) {
        if ((rc = psi_law_ratio(r, &l->threshold_share, x, "threshold")) < 0)
            return rc;
        l->threshold = PS_THRESHOLD_SHARE;
    }
    if ((x = psi_json_get(v, "district_seat_qualifies")) &&
        (rc = psi_law_bool(r, &l->district_seat_qualifies, x, "district_seat_qualifies")) < 0)
        return rc;
    if ((x = psi_json_get(v, "per_district")) && x->kind == PSI_JSON_OBJECT) {
        if ((rc = caps_of(r, l, x)) < 0)
            return rc;
    } else if (x && (rc = psi_json_int(&l->per_district, x, 1, "per_district", r->src,
                                       r->err)) < 0) {
        return rc;
    }
    l->district_method = PS_SAINTE_LAGUE;
    if ((x = psi_json_get(v, "district_method"))) {
        if ((rc = psi_json_string(&s, x, "district_method", r->src, r->err)) < 0)
            return rc;
        if (ps_method_parse(&l->district_method, s, &e) < 0)
            return psi_error(r->err, PS_EDATA, r->src, x->line, x->column, "%s", e.message);
        if (l->district_method != PS_DHONDT && l->district_method != PS_SAINTE_LAGUE)
            return psi_law_bad(r, x,
                               "'district_method': the placement takes dhondt or sainte-lague "
                               "divisors, not %s",
                               ps_method_name(l->district_method));
    }
    return placement_of(r, l, v);
}

/* A quota's name as the "+ k" of its divisor (system.h, remainder_pool). */
static int quota_plus(const psi_law_reader *r, int64_t *out, const psi_json *v, const char *key)
{
    const char *s;
    int rc = psi_json_string(&s, v, key, r->src, r->err);
    if (rc < 0)
        return rc;
    if (!strcmp(s, "hare"))
        *out = 0;
    else if (!strcmp(s, "hagenbach-bischoff"))
        *out = 1;
    else if (!strcmp(s, "imperiali"))
        *out = 2;
    else
        return psi_law_bad(r, v, "'%s': expected \"hare\" (votes / seats), "
                                 "\"hagenbach-bischoff\" (/ (seats + 1)) or \"imperiali\" "
                                 "(/ (seats + 2)), got \"%s\"",
                           key, s);
    return 0;
}

/* "remainder_pool": {"first_quota": "imperiali", "second_quota":
 * "hagenbach-bischoff", "district_seats": "by-votes" | "fixed"}. */
int psi_law_remainder_pool(const psi_law_reader *r, ps_remainder_pool_rule *p,
                           const psi_json *v)
{
    static const char *const keys[] = {"first_quota", "second_quota", "district_seats", NULL};
    int rc = psi_json_check_keys(v, keys, "remainder_pool", r->src, r->err);
    const psi_json *x;
    const char *s;
    p->present = true;
    p->first_plus = 2;
    p->second_plus = 1;
    if (rc == 0 && (x = psi_json_get(v, "first_quota")))
        rc = quota_plus(r, &p->first_plus, x, "first_quota");
    if (rc == 0 && (x = psi_json_get(v, "second_quota")))
        rc = quota_plus(r, &p->second_plus, x, "second_quota");
    if (rc == 0 && (x = psi_json_get(v, "district_seats")) &&
        (rc = psi_json_string(&s, x, "district_seats", r->src, r->err)) == 0) {
        p->district_seats_by_votes = !strcmp(s, "by-votes");
        if (!p->district_seats_by_votes && strcmp(s, "fixed"))
            rc = psi_law_bad(r, x,
                             "'district_seats': expected \"by-votes\" (each election's valid "
                             "votes give each district's seats) or \"fixed\" (the law's "
                             "district_seats), got \"%s\"",
                             s);
    }
    return rc;
}
