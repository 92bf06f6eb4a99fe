/*
 * system_read.c - a law's text (include/powershare/system.h) into a
 * ps_system: the top level, the districts and the seats, and the checks of
 * the rules together; each rule's own object is read by
 * system_read_rules.c, and finding a law by name and the catalogue are
 * system_load.c.
 *
 * Every key is checked: an unknown one is refused with "did you mean", a
 * rule the method cannot take (a remainder rule with a divisor method) is
 * refused at its key, so that a law file never silently means less than
 * it says.
 */
#include <string.h>

#include "system_impl.h"
#include "system_read.h"

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
    for (size_t i = 0; law->leveling.cap_name && i < law->leveling.n_caps; i++)
        psi_free(law->leveling.cap_name[i]);
    psi_free(law->leveling.cap_name);
    psi_free(law->leveling.cap_seats);
    psi_free(law->leveling.district_cap);
    psi_free(law);
}

/* "district_seats": {"name": seats, ...} in the law's order; ["name",
 * ...], the districts alone, their seats from each election's votes
 * (remainder_pool "by-votes"); or "given". */
static int districts_of(const psi_law_reader *r, ps_system *law, const psi_json *v)
{
    if (v->kind == PSI_JSON_STRING && !strcmp(v->text, "given")) {
        law->district_seats_given = true;
        return 0;
    }
    bool named = v->kind == PSI_JSON_ARRAY;
    int rc = named ? 0 : psi_json_expect(v, PSI_JSON_OBJECT, "district_seats", r->src, r->err);
    if (rc < 0)
        return rc;
    if (v->n == 0)
        return psi_law_bad(r, v, "'%s' names no district", "district_seats");
    law->district = psi_calloc(v->n, sizeof *law->district);
    law->district_seats = psi_calloc(v->n, sizeof *law->district_seats);
    if (!law->district || !law->district_seats)
        return psi_enomem(r->err);
    for (size_t d = 0; d < v->n; d++) {
        const char *name;
        if (named) {
            rc = psi_json_string(&name, v->items[d], "district_seats", r->src, r->err);
        } else {
            const psi_json_member *m = &v->members[d];
            rc = psi_json_int(&law->district_seats[d], m->value, 0, m->key, r->src, r->err);
            name = m->key;
        }
        if (rc < 0)
            return rc;
        if (!(law->district[d] = psi_strdup(name)))
            return psi_enomem(r->err);
        law->n_districts++;
    }
    return 0;
}

/* "seats": 150, or {"min": 1, "max": 18} for a law whose house size each
 * election gives (ps_system_set_seats). */
static int seats_of(const psi_law_reader *r, ps_system *law, const psi_json *v)
{
    if (v->kind != PSI_JSON_OBJECT)
        return psi_json_int(&law->apportion.seats, v, 1, "seats", r->src, r->err);
    static const char *const keys[] = {"min", "max", NULL};
    int rc = psi_json_check_keys(v, keys, "seats", r->src, r->err);
    const psi_json *lo = psi_json_get(v, "min"), *hi = psi_json_get(v, "max");
    if (rc == 0 && (!lo || !hi))
        return psi_law_bad(r, v, "'seats' as a range needs '%s' and 'max'", "min");
    if (rc < 0 || (rc = psi_json_int(&law->seats_min, lo, 1, "min", r->src, r->err)) < 0 ||
        (rc = psi_json_int(&law->seats_max, hi, law->seats_min, "max", r->src, r->err)) < 0)
        return rc;
    return 0;
}

static const char *const top_keys[] = {
    "format",    "chamber",         "law",          "source",
    "notes",     "seats",           "method",       "first_divisor",
    "threshold", "exempt_if_wins",  "ties",         "alliances",       "alliance_split",
    "bonus",     "remainder_share", "max_remainder_seats", "list_exhaustion",
    "majority_clause", "overhang",  "district_seats", "leveling", "joint_list_threshold",
    "district_threshold",
    "bundestag", "exempt", "additional_members", "remainder_pool", NULL};

static int member(const psi_law_reader *r, ps_system *law, const psi_json_member *m)
{
    const psi_json *v = m->value;
    const char *k = m->key, *s;
    ps_error e;
    int rc = 0;
    if (!strcmp(k, "format")) {
        if ((rc = psi_json_string(&s, v, k, r->src, r->err)) == 0 && strcmp(s, FORMAT))
            rc = psi_law_bad(r, v, "expected \"" FORMAT "\" for 'format', got \"%s\"", s);
    } else if (!strcmp(k, "chamber")) {
        rc = psi_law_text(r, &law->chamber, v, k);
    } else if (!strcmp(k, "law")) {
        rc = psi_law_text(r, &law->law, v, k);
    } else if (!strcmp(k, "source")) {
        rc = psi_law_text(r, &law->source, v, k);
    } else if (!strcmp(k, "notes")) {
        rc = psi_law_text(r, &law->notes, v, k);
    } else if (!strcmp(k, "seats")) {
        rc = seats_of(r, law, v);
    } else if (!strcmp(k, "method")) {
        if ((rc = psi_json_string(&s, v, k, r->src, r->err)) == 0 &&
            ps_method_parse(&law->apportion.method, s, &e) < 0)
            rc = psi_error(r->err, PS_EDATA, r->src, v->line, v->column, "%s", e.message);
    } else if (!strcmp(k, "first_divisor")) {
        rc = psi_law_ratio(r, &law->apportion.first_divisor, v, k);
    } else if (!strcmp(k, "threshold")) {
        rc = psi_law_threshold(r, &law->apportion, v);
    } else if (!strcmp(k, "exempt_if_wins")) {
        rc = psi_json_int(&law->apportion.exempt_if_wins, v, 1, k, r->src, r->err);
    } else if (!strcmp(k, "ties")) {
        if ((rc = psi_json_string(&s, v, k, r->src, r->err)) == 0) {
            if (!strcmp(s, "first"))
                law->apportion.ties = PS_TIES_FIRST;
            else if (strcmp(s, "error"))
                rc = psi_law_bad(r, v, "'ties': expected \"error\" or \"first\", got \"%s\"", s);
        }
    } else if (!strcmp(k, "alliances")) {
        if ((rc = psi_json_string(&s, v, k, r->src, r->err)) == 0) {
            law->alliances = true;
            if (!strcmp(s, "all-eligible"))
                law->alliance_needs_all_eligible = true;
            else if (strcmp(s, "eligible-lists"))
                rc = psi_law_bad(r, v,
                                 "'alliances': expected \"eligible-lists\" (the lists of an "
                                 "alliance that passed the threshold pool their votes) or "
                                 "\"all-eligible\" (an alliance counts only when all its lists "
                                 "passed), got \"%s\"",
                                 s);
        }
    } else if (!strcmp(k, "alliance_split")) {
        if ((rc = psi_json_string(&s, v, k, r->src, r->err)) == 0 &&
            ps_method_parse(&law->alliance_split, s, &e) < 0)
            rc = psi_error(r->err, PS_EDATA, r->src, v->line, v->column, "%s", e.message);
        law->alliance_split_given = rc == 0;
    } else if (!strcmp(k, "bonus")) {
        rc = psi_law_bonus(r, &law->bonus, v);
    } else if (!strcmp(k, "remainder_share")) {
        rc = psi_law_ratio(r, &law->remainder_share, v, k);
    } else if (!strcmp(k, "max_remainder_seats")) {
        rc = psi_json_int(&law->max_remainder_seats, v, 1, k, r->src, r->err);
    } else if (!strcmp(k, "list_exhaustion")) {
        rc = psi_law_bool(r, &law->list_exhaustion, v, k);
    } else if (!strcmp(k, "majority_clause")) {
        rc = psi_law_bool(r, &law->majority_clause, v, k);
    } else if (!strcmp(k, "overhang")) {
        rc = psi_law_bool(r, &law->overhang, v, k);
    } else if (!strcmp(k, "district_seats")) {
        rc = districts_of(r, law, v);
    } else if (!strcmp(k, "leveling")) {
        rc = psi_law_leveling(r, &law->leveling, v);
    } else if (!strcmp(k, "joint_list_threshold")) {
        rc = psi_law_joint_threshold(r, law, v);
    } else if (!strcmp(k, "district_threshold")) {
        if ((rc = psi_law_ratio(r, &law->district_threshold, v, k)) == 0 &&
            law->district_threshold.num > law->district_threshold.den)
            rc = psi_law_bad(r, v, "'%s' is more than all the votes", k);
    } else if (!strcmp(k, "bundestag")) {
        rc = psi_law_bundestag(r, &law->bundestag, v);
    } else if (!strcmp(k, "exempt")) {
        rc = psi_law_exempt(r, law, v);
    } else if (!strcmp(k, "additional_members")) {
        rc = psi_law_additional(r, law, v);
    } else if (!strcmp(k, "remainder_pool")) {
        rc = psi_law_remainder_pool(r, &law->remainder_pool, v);
    }
    return rc;
}

/* What the additional member system takes: districts of its own, a
 * divisor method with a known sequence, and none of the tiers' rules. */
static int additional_fits(const psi_law_reader *r, const ps_system *law, const psi_json *at)
{
    psi_u128 num, den;
    if (!law->n_districts)
        return psi_law_bad(r, at, "'additional_members' needs the regions' list seats in "
                                  "'%s'",
                           "district_seats");
    if (!psi_system_divisor(law->apportion.method, law->apportion.first_divisor, 0, &num, &den))
        return psi_law_bad(r, at, "'additional_members' takes dhondt, sainte-lague, "
                                  "modified-sainte-lague, imperiali or danish, not %s",
                           ps_method_name(law->apportion.method));
    if (law->leveling.seats || law->district_threshold.den || law->bundestag.present ||
        law->apportion.threshold != PS_THRESHOLD_NONE || law->apportion.exempt_if_wins ||
        law->n_exempt)
        return psi_law_bad(r, at,
                           "'additional_members' takes no threshold, leveling tier, district "
                           "threshold, exemption or Bundestag rule (%s)",
                           "not modelled");
    return 0;
}

/* Rules that the method or the other rules cannot take. */
static int coherent(const psi_law_reader *r, const ps_system *law, const psi_json *root)
{
    const psi_json_member *m;
    bool divisor = ps_method_is_divisor(law->apportion.method);
    if (divisor && (m = psi_json_member_get(root, "remainder_share")))
        return psi_law_bad(r, m->value,
                           "'remainder_share' is a rule of largest-remainder methods, not "
                           "of %s",
                           ps_method_name(law->apportion.method));
    if (divisor && (m = psi_json_member_get(root, "max_remainder_seats")))
        return psi_law_bad(r, m->value,
                           "'max_remainder_seats' is a rule of largest-remainder methods, "
                           "not of %s",
                           ps_method_name(law->apportion.method));
    if (law->apportion.method != PS_MODIFIED_SAINTE_LAGUE &&
        (m = psi_json_member_get(root, "first_divisor")))
        return psi_law_bad(r, m->value,
                           "'first_divisor' applies to modified-sainte-lague only, not %s",
                           ps_method_name(law->apportion.method));
    if (law->seats_max && law->n_districts && (m = psi_json_member_get(root, "seats")))
        return psi_law_bad(r, m->value,
                           "a law with districts fixes its seats; a range (%s) is for one "
                           "national table",
                           "min, max");
    if (law->leveling.seats && !law->n_districts && (m = psi_json_member_get(root, "leveling")))
        return psi_law_bad(r, m->value, "a leveling tier needs districts (%s)", "district_seats");
    if (law->remainder_pool.present && (m = psi_json_member_get(root, "remainder_pool"))) {
        const psi_json *ds = psi_json_get(root, "district_seats");
        bool named = ds && ds->kind == PSI_JSON_ARRAY;
        if (!law->n_districts || named != law->remainder_pool.district_seats_by_votes)
            return psi_law_bad(r, m->value,
                               "'remainder_pool' needs districts: their names as a list "
                               "(\"district_seats\": [\"name\", ...]) with \"district_seats\": "
                               "\"by-votes\", or their seats (an object) with \"fixed\"%s",
                               "");
        if (ps_method_is_divisor(law->apportion.method) || law->leveling.seats ||
            law->district_threshold.den || law->bonus.present || law->alliances ||
            law->overhang || law->majority_clause || law->list_exhaustion || law->n_exempt ||
            law->apportion.threshold == PS_THRESHOLD_QUOTA || law->apportion.exempt_if_wins)
            return psi_law_bad(r, m->value,
                               "'remainder_pool' takes a quota method, a threshold share and "
                               "joint lists' thresholds, none of the other rules (%s)",
                               "not modelled");
    } else if (law->n_districts && !law->remainder_pool.present &&
               (m = psi_json_member_get(root, "district_seats")) &&
               m->value->kind == PSI_JSON_ARRAY) {
        return psi_law_bad(r, m->value, "district names without seats go with %s",
                           "\"remainder_pool\": {\"district_seats\": \"by-votes\"}");
    }
    if (law->n_districts && !law->remainder_pool.present &&
        (law->bonus.present || law->alliances || law->overhang ||
                             law->majority_clause || law->list_exhaustion ||
                             law->n_joint_thresholds))
        return psi_law_bad(r, root,
                           "a law with districts takes a leveling tier but none of the rules "
                           "of one national table (bonus, alliances, overhang, the majority "
                           "clause, list exhaustion, joint lists' thresholds)%s",
                           "");
    if (law->leveling.per_district &&
        law->leveling.per_district * (int64_t)law->n_districts != law->leveling.seats)
        return psi_law_bad(r, psi_json_get(root, "leveling"),
                           "%lld leveling seats cannot be placed %lld in each of the %zu districts",
                           (long long)law->leveling.seats, (long long)law->leveling.per_district,
                           law->n_districts);
    if (law->district_threshold.den && (m = psi_json_member_get(root, "district_threshold")) &&
        (law->leveling.threshold == PS_THRESHOLD_NONE ||
         law->apportion.threshold != PS_THRESHOLD_NONE))
        return psi_law_bad(r, m->value,
                           "'district_threshold' is the alternative to the leveling tier's "
                           "threshold (a list passes in a district with either), and "
                           "replaces '%s' in the districts: give 'leveling' a threshold and "
                           "leave out the top-level one",
                           "threshold");
    ps_method dm = law->apportion.method;
    if (law->leveling.surplus == PS_SURPLUS_RETURN &&
        dm != PS_DHONDT && dm != PS_SAINTE_LAGUE && dm != PS_MODIFIED_SAINTE_LAGUE &&
        dm != PS_IMPERIALI && dm != PS_DANISH)
        return psi_law_bad(r, psi_json_get(root, "leveling"),
                           "a returned district seat follows the comparison numbers of the "
                           "district method: dhondt, sainte-lague, modified-sainte-lague, "
                           "imperiali or danish, not %s",
                           ps_method_name(dm));
    int rc;
    if ((m = psi_json_member_get(root, "additional_members")) &&
        (rc = additional_fits(r, law, m->value)) < 0)
        return rc;
    if (law->n_districts && !law->remainder_pool.district_seats_by_votes &&
        !law->bundestag.fixed_house) {
        int64_t sum = law->leveling.seats + law->additional_members;
        for (size_t d = 0; d < law->n_districts; d++)
            sum += law->district_seats[d];
        if (sum != law->apportion.seats)
            return psi_error(r->err, PS_EDATA, r->src, root->line, root->column,
                             "'seats' is %lld, but the districts, the leveling tier and the "
                             "constituencies hold %lld",
                             (long long)law->apportion.seats, (long long)sum);
    }
    if (law->bundestag.present && (m = psi_json_member_get(root, "bundestag")) &&
        (!divisor || !(law->district_seats_given || law->bundestag.fixed_house) ||
         law->leveling.seats))
        return psi_law_bad(r, m->value,
                           "the Bundestag's rule takes a divisor method, districts given by "
                           "each election (\"district_seats\": \"given\") or the fixed "
                           "house's Land lists, and no leveling tier%s",
                           "");
    if (law->district_seats_given && !law->bundestag.present &&
        (m = psi_json_member_get(root, "district_seats")))
        return psi_law_bad(r, m->value,
                           "district seats given by each election are for the Bundestag's "
                           "rule (%s)",
                           "bundestag");
    if (law->alliance_split_given && !law->alliances &&
        (m = psi_json_member_get(root, "alliance_split")))
        return psi_law_bad(r, m->value, "'alliance_split' splits the seats of alliances: give "
                                        "'%s' too",
                           "alliances");
    if (law->alliances && !divisor && (m = psi_json_member_get(root, "alliances")))
        return psi_law_bad(r, m->value,
                           "alliances are apportioned here with divisor methods only, not "
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
    psi_law_reader r = {src, err};
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
        rc = psi_law_leveling_caps(&r, law, root);
    if (rc == 0)
        rc = psi_law_bundestag_lists(&r, law, root);
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
