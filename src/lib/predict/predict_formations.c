/*
 * predict_formations.c - the formation cases of divided and fragmented
 * parliaments (Northern Ireland, Belgium, Switzerland, North Macedonia,
 * Iraq: tests/data/formations/, each number sourced there) as formation
 * opportunities of the conditional logit (include/powershare/predict.h).
 *
 * A case folder holds legislature.json and cabinet.json (its "members"). The
 * potential governments are every set of the parties with seats: the
 * file's condition is not applied as a filter, it only says which
 * communities the inclusion attributes look at and whether the chamber has
 * a convention of inclusive government. A filter would make "holds every
 * community" the same for every set of a case, and the model could not
 * learn what the convention does.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_reader.h"
#include "util.h"
#include "cancel_hook.h"
#include "progress_hook.h"
#include "predict_impl.h"
#include "powershare/io.h"

bool psi_predict_same_country(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = *a == '-' ? ' ' : tolower((unsigned char)*a);
        int y = *b == '-' ? ' ' : tolower((unsigned char)*b);
        if (x != y)
            return false;
    }
    return *a == *b;
}

void ps_predict_formations_free(ps_predict_formations *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        psi_free(f->cases[i].id);
        psi_free(f->cases[i].country);
        ps_document_free(f->cases[i].doc);
        ps_predict_alts_free(f->cases[i].alts);
    }
    psi_free(f->cases);
    psi_free(f);
}

/* "northern-ireland-2007" -> country "northern-ireland", year 2007. */
static int split_id(ps_predict_formation *c, const char *path, ps_error *err)
{
    const char *dash = strrchr(c->id, '-');
    char *end = NULL;
    long year = dash ? strtol(dash + 1, &end, 10) : 0;
    if (!dash || dash == c->id || !dash[1] || *end || year < 1000 || year > 9999)
        return psi_error(err, PS_EDATA, path, 0, 0,
                         "a formation case folder is named COUNTRY-YEAR "
                         "(\"northern-ireland-2007\"), got '%s'",
                         c->id);
    c->year = (int)year;
    if (!(c->country = psi_strdup(c->id)))
        return psi_enomem(err);
    c->country[dash - c->id] = '\0';
    return PS_OK;
}

/* cabinet.json: "formed" (false: no cabinet, the case is skipped) and
 * "members", each with an "id" that is a party of the legislature; other
 * keys (names, posts, sources, the uncertain or disputed lists kept apart)
 * are the data's notes. */
static int read_cabinet(ps_predict_formation *c, bool *formed, const char *path, ps_error *err)
{
    const ps_legislature *leg = ps_document_legislature(c->doc);
    char *text = NULL;
    size_t len = 0;
    psi_json_doc *doc = NULL;
    int rc = ps_file_read(&text, &len, path, err);
    if (rc == 0)
        rc = psi_json_parse(&doc, text, len, path, err);
    const psi_json *root = rc == 0 ? psi_json_root(doc) : NULL, *v;
    if (rc == 0)
        rc = psi_json_expect(root, PSI_JSON_OBJECT, "cabinet", path, err);
    if (rc == 0 && (!(v = psi_json_get(root, "formed")) || v->kind != PSI_JSON_BOOL))
        rc = psi_error(err, PS_EDATA, path, root->line, root->column,
                       "expected \"formed\": true or false (whether a cabinet formed)");
    if (rc == 0)
        *formed = v->boolean != 0;
    if (rc == 0 && *formed) {
        const psi_json *list = psi_json_get(root, "members");
        if (!list)
            rc = psi_error(err, PS_EDATA, path, root->line, root->column,
                           "missing key 'members' (the cabinet's lists)");
        else
            rc = psi_json_expect(list, PSI_JSON_ARRAY, "members", path, err);
        for (size_t i = 0; rc == 0 && i < list->n; i++) {
            const psi_json *item = list->items[i], *idv;
            const char *id;
            if ((rc = psi_json_expect(item, PSI_JSON_OBJECT, "members", path, err)) < 0)
                break;
            if (!(idv = psi_json_get(item, "id"))) {
                rc = psi_error(err, PS_EDATA, path, item->line, item->column,
                               "a member without an 'id'");
                break;
            }
            if ((rc = psi_json_string(&id, idv, "id", path, err)) < 0)
                break;
            long k = ps_legislature_find_party(leg, id);
            if (k < 0) {
                rc = psi_error(err, PS_EDATA, path, idv->line, idv->column,
                               "'%s' is not a party of %s", id, ps_document_source(c->doc));
                break;
            }
            if (!(c->cabinet & PS_MEMBER(k)))
                c->cabinet_size++;
            c->cabinet |= PS_MEMBER(k);
        }
        if (rc == 0 && !c->cabinet)
            rc = psi_error(err, PS_EDATA, path, 0, 0, "no list in the cabinet");
    }
    psi_json_free(doc);
    psi_free(text);
    return rc < 0 ? rc : PS_OK;
}

static int load_case(ps_predict_formation *c, const char *dir, size_t max_parties,
                     ps_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, c->id);
    int rc = split_id(c, path, err);
    if (rc < 0)
        return rc;
    snprintf(path, sizeof path, "%s/%s/legislature.json", dir, c->id);
    if ((rc = ps_document_load(&c->doc, path, err)) < 0)
        return rc;
    snprintf(path, sizeof path, "%s/%s/cabinet.json", dir, c->id);
    bool formed = false;
    if ((rc = read_cabinet(c, &formed, path, err)) < 0)
        return rc;
    if (!formed)
        return PS_OK; /* no cabinet: not an opportunity (alts stays NULL) */
    ps_condition *cond = NULL;
    if ((rc = ps_condition_from_document(&cond, c->doc, err)) < 0)
        return rc;
    ps_predict_options *opt = &c->options;
    ps_predict_options_init(opt);
    opt->max_parties = max_parties;
    opt->inclusive = cond->inclusive;
    opt->communities = cond->communities_required;
    ps_condition_free(cond);
    const ps_legislature *leg = ps_document_legislature(c->doc);
    if (ps_predict_ranks_all(leg, opt)) {
        /* too many to list: a uniform sample for the fit (McFadden 1978) */
        opt->sample = PS_PREDICT_FIT_SAMPLE;
        opt->keep = c->cabinet;
        opt->seed = PS_PREDICT_FIT_SEED;
    }
    if ((rc = ps_predict_enumerate(&c->alts, leg, opt, err)) < 0)
        return rc;
    c->chosen = -1;
    for (size_t j = 0; j < c->alts->n; j++)
        if (c->alts->members[j] == c->cabinet)
            c->chosen = (long)j;
    return PS_OK;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const ps_predict_formation *)a)->id, ((const ps_predict_formation *)b)->id);
}

/* Whether dir/name/legislature.json exists. */
static bool is_case(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/legislature.json", dir, name);
    FILE *fp = fopen(path, "rb");
    if (fp)
        fclose(fp);
    return fp != NULL;
}

int ps_predict_formations_load(ps_predict_formations **out, const char *dir,
                               size_t max_parties, ps_error *err)
{
    *out = NULL;
    DIR *dp = opendir(dir);
    if (!dp)
        return psi_error(err, PS_EIO, dir, 0, 0,
                         "cannot read the folder of formation cases (one folder per case, "
                         "each with legislature.json and cabinet.json)");
    ps_predict_formations *f = psi_calloc(1, sizeof *f);
    size_t cap = 0;
    int rc = f ? PS_OK : psi_enomem(err);
    for (struct dirent *e; rc == 0 && (e = readdir(dp));) {
        if (e->d_name[0] == '.' || !is_case(dir, e->d_name))
            continue;
        if (f->n == cap) {
            size_t want = cap ? 2 * cap : 16;
            ps_predict_formation *grown = psi_realloc_array(f->cases, want, sizeof *grown);
            if (!grown) {
                rc = psi_enomem(err);
                break;
            }
            f->cases = grown;
            cap = want;
        }
        memset(&f->cases[f->n], 0, sizeof f->cases[f->n]);
        if (!(f->cases[f->n].id = psi_strdup(e->d_name)))
            rc = psi_enomem(err);
        f->n++;
    }
    closedir(dp);
    if (rc == 0 && f->n == 0)
        rc = psi_error(err, PS_EDATA, dir, 0, 0,
                       "no formation case here (a folder holding legislature.json)");
    if (rc == 0)
        qsort(f->cases, f->n, sizeof *f->cases, by_id);
    /* load each case; those where no cabinet formed are dropped, the
     * others moved down to `kept` (on an error, the rest too, to be freed) */
    size_t kept = 0, i = 0;
    for (; rc == 0 && i < f->n; i++) {
        psi_progress("predict (formation cases)", i, f->n);
        rc = psi_cancelled() ? psi_cancel_error(err)
                             : load_case(&f->cases[i], dir, max_parties, err);
        if (rc == 0 && !f->cases[i].alts) {
            psi_free(f->cases[i].id);
            psi_free(f->cases[i].country);
            ps_document_free(f->cases[i].doc);
            continue;
        }
        f->cases[kept++] = f->cases[i];
    }
    if (f) {
        for (; i < f->n; i++)
            f->cases[kept++] = f->cases[i];
        f->n = kept;
    }
    psi_progress_end("predict (formation cases)");
    if (rc < 0) {
        ps_predict_formations_free(f);
        return rc;
    }
    *out = f;
    return PS_OK;
}

int ps_predict_formation_score(size_t *rank, double *p, const ps_predict_formation *c,
                               const ps_predict_model *m, ps_error *err)
{
    *rank = 0;
    *p = 0;
    if (c->alts->sampled) {
        ps_predict_options opt = c->options;
        opt.sample = 0;
        ps_predict_ranking *r = NULL;
        int rc = ps_predict_rank_all(&r, ps_document_legislature(c->doc), &opt, m, NULL,
                                     c->cabinet, 0, err);
        if (rc < 0)
            return rc;
        *rank = (size_t)r->target_rank;
        *p = r->target_p;
        ps_predict_ranking_free(r);
        return PS_OK;
    }
    if (c->chosen < 0)
        return PS_OK;
    double *q = psi_malloc_array(c->alts->n, sizeof *q);
    if (!q)
        return psi_enomem(err);
    *rank = psi_predict_above(q, m, c->alts, (size_t)c->chosen) + 1;
    *p = q[c->chosen];
    psi_free(q);
    return PS_OK;
}
