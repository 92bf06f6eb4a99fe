/*
 * predict_rank_all.c - every potential government of a chamber too large
 * to list, ranked exactly by classes of interchangeable parties
 * (include/powershare/predict.h, ps_predict_rank_all).
 *
 * Two parties are interchangeable when every attribute of every set treats
 * them alike: the same seats (so the same Banzhaf index in the majority
 * game, whose players are symmetric when their weights are equal), the
 * same community, the same position on every dimension, both or neither in
 * the outgoing cabinet, the same user offset, and neither named on its own
 * by the condition (required, or in an incompatible pair). Swapping them
 * changes no attribute, so the C(size, k) sets holding k members of a
 * class of `size` (times the same for the other classes) share one
 * probability. One representative per combination - the first k members
 * of each class - is scored with the attributes of predict_attr.c, and
 * counted with its multiplicity. Sums are kept relative to the largest
 * utility seen so far (rescaled when it grows), so nothing overflows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "cancel_hook.h"
#include "progress_hook.h"
#include "predict_impl.h"

#define TOP_MAX 1000

typedef struct klass {
    size_t first;          /* index in the member list */
    size_t size;
    ps_members *prefix;    /* size + 1: the first k members */
    double *ways;          /* size + 1: C(size, k) */
    double *weight;        /* size + 1: the weights of the sets holding k */
} klass;

void ps_predict_ranking_free(ps_predict_ranking *r)
{
    if (!r)
        return;
    ps_predict_summary_free(r->summary);
    psi_free(r->top);
    psi_free(r->top_p);
    psi_free(r->top_alike);
    psi_free(r->top_x);
    psi_free(r);
}

static bool same_double(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

/* Whether party i must stand alone: the condition names it. */
static bool named(const ps_condition *cond, size_t i)
{
    if (!cond)
        return false;
    if (cond->required & PS_MEMBER(i))
        return true;
    for (size_t k = 0; k < cond->n_incompatible; k++)
        if (cond->incompatible[k] & PS_MEMBER(i))
            return true;
    return false;
}

static bool interchangeable(const psi_predict_context *cx, const ps_condition *cond,
                            const double *offset, size_t i, size_t j)
{
    const ps_party *a = &cx->leg->parties[i], *b = &cx->leg->parties[j];
    if (a->seats != b->seats || a->community != b->community ||
        !(cx->incumbent & PS_MEMBER(i)) != !(cx->incumbent & PS_MEMBER(j)) || named(cond, i) ||
        named(cond, j) || (offset && !same_double(offset[i], offset[j])))
        return false;
    for (size_t d = 0; d < cx->leg->n_dimensions; d++)
        if (!same_double(a->positions[d], b->positions[d]))
            return false;
    return true;
}

/* Groups cx's players into classes: members[] lists them class by class. */
static size_t make_classes(klass *cl, size_t *members, const psi_predict_context *cx,
                           const ps_condition *cond, const double *offset)
{
    bool placed[64] = {false};
    size_t n = 0, at = 0;
    for (size_t a = 0; a < cx->n_pick; a++) {
        if (placed[a])
            continue;
        cl[n].first = at;
        for (size_t b = a; b < cx->n_pick; b++)
            if (!placed[b] && interchangeable(cx, cond, offset, cx->pick[a], cx->pick[b])) {
                placed[b] = true;
                members[at++] = cx->pick[b];
            }
        cl[n].size = at - cl[n].first;
        n++;
    }
    return n;
}

static double choose(size_t n, size_t k)
{
    double c = 1;
    for (size_t i = 1; i <= k; i++)
        c = c * (double)(n - k + i) / (double)i;
    return c;
}

typedef struct entry {
    double u, alike;
    ps_members rep;
    double x[PS_PA_COUNT];
} entry;

/* The kept combinations: a min-heap on u (ties: the later one is lower). */
typedef struct heap {
    entry *e;
    size_t n, cap;
} heap;

static bool lower(const entry *a, const entry *b)
{
    return a->u < b->u;
}

static void heap_offer(heap *h, const entry *e)
{
    if (h->cap == 0)
        return;
    size_t i;
    if (h->n < h->cap) { /* sift up */
        i = h->n++;
        while (i > 0 && lower(e, &h->e[(i - 1) / 2])) {
            h->e[i] = h->e[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        h->e[i] = *e;
        return;
    }
    if (!lower(&h->e[0], e))
        return;
    h->e[0] = *e; /* replace the lowest, sift down */
    for (i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && lower(&h->e[l], &h->e[m]))
            m = l;
        if (r < h->n && lower(&h->e[r], &h->e[m]))
            m = r;
        if (m == i)
            break;
        entry t = h->e[i];
        h->e[i] = h->e[m];
        h->e[m] = t;
        i = m;
    }
}

static int by_u_desc(const void *a, const void *b)
{
    double x = ((const entry *)a)->u, y = ((const entry *)b)->u;
    return x > y ? -1 : x < y;
}

typedef struct sums {
    double top_u;        /* the largest utility so far */
    double z;            /* sum of alike * exp(u - top_u) */
    double *party;       /* per party, the same over the sets holding it */
    double status[3];    /* surplus, minimal, minority */
    double pending[64];  /* weights not yet given to a class's count: the
                            sets since digit c last changed weigh
                            pending[0] + ... + pending[c] (see flush) */
    size_t n_parties;
    klass *cl;           /* their weight[k]: the same by class and count */
    size_t nc;
} sums;

static void rescale(sums *s, double u)
{
    if (u <= s->top_u)
        return;
    double f = isinf(s->top_u) ? 0 : exp(s->top_u - u);
    s->z *= f;
    for (size_t c = 0; c < s->nc; c++)
        for (size_t k = 0; k <= s->cl[c].size; k++)
            s->cl[c].weight[k] *= f;
    for (int k = 0; k < 3; k++)
        s->status[k] *= f;
    for (size_t c = 0; c < s->nc; c++)
        s->pending[c] *= f;
    s->top_u = u;
}

/* Digits 0..c of the odometer are about to change (c = nc - 1 at the
 * end): the sets visited since each of them last changed hold k[j] members
 * of class j; their weight goes to that count, and to the level above. */
static void flush(sums *s, const size_t *k, size_t c)
{
    double running = 0;
    for (size_t j = 0; j <= c; j++) {
        running += s->pending[j];
        s->cl[j].weight[k[j]] += running;
        s->pending[j] = 0;
    }
    if (c + 1 < s->nc)
        s->pending[c + 1] += running;
}

/* Room for each class's tables (one block, freed with cl[0].prefix). */
static int class_tables(klass *cl, size_t nc, const size_t *members, ps_error *err)
{
    size_t total = 0;
    for (size_t c = 0; c < nc; c++)
        total += cl[c].size + 1;
    ps_members *masks = psi_calloc(total ? total : 1, sizeof *masks);
    double *nums = psi_calloc(2 * (total ? total : 1), sizeof *nums);
    if (!masks || !nums) {
        psi_free(masks);
        psi_free(nums);
        return psi_enomem(err);
    }
    for (size_t c = 0, at = 0; c < nc; c++) {
        cl[c].prefix = masks + at;
        cl[c].ways = nums + at;
        cl[c].weight = nums + total + at;
        for (size_t k = 0; k <= cl[c].size; k++) {
            cl[c].prefix[k] = k ? cl[c].prefix[k - 1] | PS_MEMBER(members[cl[c].first + k - 1]) : 0;
            cl[c].ways[k] = choose(cl[c].size, k);
        }
        at += cl[c].size + 1;
    }
    return PS_OK;
}

static double utility(const double *x, const ps_predict_model *m, const double *offset,
                      ps_members s)
{
    double u = 0;
    for (int k = 0; k < PS_PA_COUNT; k++)
        u += x[k] * m->beta[k];
    for (ps_members r = s; offset && r; r &= r - 1)
        u += offset[__builtin_ctzll(r)];
    return u;
}

static int finish(ps_predict_ranking *r, heap *h, const sums *s, ps_error *err)
{
    qsort(h->e, h->n, sizeof *h->e, by_u_desc);
    r->n_top = h->n;
    size_t n = h->n ? h->n : 1;
    if (!(r->top = psi_malloc_array(n, sizeof *r->top)) ||
        !(r->top_p = psi_malloc_array(n, sizeof *r->top_p)) ||
        !(r->top_alike = psi_malloc_array(n, sizeof *r->top_alike)) ||
        !(r->top_x = psi_malloc_array(n, PS_PA_COUNT * sizeof *r->top_x)) ||
        !(r->summary = psi_calloc(1, sizeof *r->summary)) ||
        !(r->summary->in_government = psi_calloc(s->n_parties ? s->n_parties : 1,
                                                 sizeof(double))))
        return psi_enomem(err);
    double left = 10;
    for (size_t k = 0; k < h->n; k++) {
        r->top[k] = h->e[k].rep;
        r->top_p[k] = exp(h->e[k].u - s->top_u) / s->z;
        r->top_alike[k] = h->e[k].alike;
        memcpy(r->top_x + k * PS_PA_COUNT, h->e[k].x, sizeof h->e[k].x);
        double take = h->e[k].alike < left ? h->e[k].alike : left;
        r->summary->top10 += take * r->top_p[k];
        left -= take;
    }
    r->summary->n_parties = s->n_parties;
    for (size_t i = 0; i < s->n_parties; i++)
        r->summary->in_government[i] = s->party[i] / s->z;
    r->summary->surplus = s->status[0] / s->z;
    r->summary->minimal = s->status[1] / s->z;
    r->summary->minority = s->status[2] / s->z;
    return PS_OK;
}

int ps_predict_rank_all(ps_predict_ranking **out, const ps_legislature *leg,
                        const ps_predict_options *opt, const ps_predict_model *m,
                        const double *offset, ps_members target, size_t top, ps_error *err)
{
    *out = NULL;
    ps_predict_options defaults;
    ps_predict_options_init(&defaults);
    opt = opt ? opt : &defaults;
    psi_predict_context cx;
    int rc = psi_predict_context_init(&cx, leg, opt, err);
    if (rc < 0)
        return rc;
    const ps_condition *cond = opt->condition;
    size_t cap = opt->max_parties ? opt->max_parties : cx.n_pick;
    if (cond && cond->max_parties > 0 && (uint64_t)cond->max_parties < cap)
        cap = (size_t)cond->max_parties;
    klass cl[64];
    size_t members[64], k[64] = {0};
    size_t nc = make_classes(cl, members, &cx, cond, offset);
    double combos = 1;
    for (size_t c = 0; c < nc; c++)
        combos *= (double)(cl[c].size + 1);
    ps_predict_ranking *r = psi_calloc(1, sizeof *r);
    /* at least 10 kept: the top-10 mass of the summary */
    heap h = {NULL, 0, top < 10 ? 10 : top < TOP_MAX ? top : TOP_MAX};
    sums s = {-INFINITY, 0, NULL, {0, 0, 0}, {0}, leg->n_parties, cl, nc};
    cl[0].prefix = NULL;
    if (combos > (double)PS_PREDICT_RANK_ALL_MAX) {
        rc = psi_error(err, PS_ERANGE, NULL, 0, 0,
                       "%zu parties that may govern fall into %zu classes of interchangeable "
                       "parties, %.0f combinations to rank (at most %u); give --max-parties",
                       cx.n_pick, nc, combos, PS_PREDICT_RANK_ALL_MAX);
        goto done;
    }
    if (!r || !(s.party = psi_calloc(leg->n_parties, sizeof *s.party)) ||
        (h.cap && !(h.e = psi_malloc_array(h.cap, sizeof *h.e)))) {
        rc = psi_enomem(err);
        goto done;
    }
    if ((rc = class_tables(cl, nc, members, err)) < 0)
        goto done;
    double target_u = NAN, above = 0;
    entry e;
    if (target && (target & ~cx.seated) == 0 && ps_condition_meets(cond, target) &&
        (size_t)__builtin_popcountll(target) <= cap) {
        psi_predict_attributes(e.x, &cx, target);
        target_u = utility(e.x, m, offset, target);
    }
    uint64_t visited = 0, total = (uint64_t)combos;
    /* the classes c..nc-1 at their current counts: members, size, ways */
    ps_members suf_rep[65] = {0};
    size_t suf_size[65] = {0};
    double suf_alike[65];
    for (size_t c = 0; c <= nc; c++)
        suf_alike[c] = 1;
    for (;;) {
        /* the next combination: an odometer over k[c] in 0..size */
        size_t c = 0;
        while (c < nc && k[c] == cl[c].size)
            c++;
        if (c == nc)
            break;
        flush(&s, k, c);
        for (size_t j = 0; j < c; j++)
            k[j] = 0;
        k[c]++;
        suf_rep[c] = suf_rep[c + 1] | cl[c].prefix[k[c]];
        suf_size[c] = suf_size[c + 1] + k[c];
        suf_alike[c] = suf_alike[c + 1] * cl[c].ways[k[c]];
        for (size_t j = c; j-- > 0;) {
            suf_rep[j] = suf_rep[c];
            suf_size[j] = suf_size[c];
            suf_alike[j] = suf_alike[c];
        }
        if ((++visited & 0xFFFFF) == 0) {
            if (psi_cancelled())
                break;
            psi_progress("predict (potential governments)", visited, total);
        }
        ps_members rep = suf_rep[0];
        size_t size = suf_size[0];
        double alike = suf_alike[0];
        if (size > cap || !ps_condition_meets(cond, rep))
            continue;
        psi_predict_attributes(e.x, &cx, rep);
        e.u = utility(e.x, m, offset, rep);
        e.rep = rep;
        e.alike = alike;
        rescale(&s, e.u);
        double w = alike * exp(e.u - s.top_u);
        s.z += w;
        s.pending[0] += w;
        s.status[e.x[PS_PA_MINORITY] != 0 ? 2 : e.x[PS_PA_MINIMAL] != 0 ? 1 : 0] += w;
        r->sets += alike;
        if (e.u > target_u)
            above += alike;
        heap_offer(&h, &e);
    }
    if (nc)
        flush(&s, k, nc - 1);
    psi_progress_end("predict (potential governments)");
    psi_work_done(PSI_WORK_PREDICTION);
    if (psi_cancel_stopped()) {
        rc = psi_cancel_error(err);
        goto done;
    }
    if (r->sets == 0) {
        rc = psi_error(err, PS_EDATA, NULL, 0, 0,
                       "no potential government of at most %zu parties meets the condition",
                       cap);
        goto done;
    }
    r->combinations = visited;
    /* a party of class c is in k / size of the sets holding k of c */
    for (size_t c = 0; c < nc; c++)
        for (size_t q = 1; q <= cl[c].size; q++)
            for (size_t j = 0; j < cl[c].size; j++)
                s.party[members[cl[c].first + j]] +=
                    cl[c].weight[q] * (double)q / (double)cl[c].size;
    if (!isnan(target_u)) {
        r->target_rank = above + 1;
        r->target_p = exp(target_u - s.top_u) / s.z;
    }
    r->inclusive = cx.inclusive;
    r->positions = cx.positions;
    r->dimension = cx.dim;
    r->incumbent = cx.incumbent;
    r->max_parties = cap;
    rc = finish(r, &h, &s, err);
    if (rc == PS_OK && r->n_top > top)
        r->n_top = top; /* the rest were kept for the top-10 mass */
done:
    if (nc && cl[0].prefix) {
        psi_free(cl[0].prefix);
        psi_free(cl[0].ways);
    }
    psi_free(h.e);
    psi_free(s.party);
    psi_predict_context_free(&cx);
    if (rc < 0) {
        ps_predict_ranking_free(r);
        return rc;
    }
    *out = r;
    return PS_OK;
}
