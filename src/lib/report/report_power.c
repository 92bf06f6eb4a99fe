/*
 * report_power.c - voting power against seat share.
 *
 * The reference figure of the voting-power literature (Felsenthal &
 * Machover 1998, ch. 1): each party's seat share on x, its power index on y,
 * and the diagonal y = x on which power would be proportional to seats.
 * Banzhaf is a filled circle, Shapley-Shubik a hollow diamond in the same
 * colour. With 20 or 30 parties the small ones crowd the origin, so points
 * get short labels only where the label's box meets no other label (greedy,
 * largest power first, trying right, left, above, below); the full figures
 * of every party are in the table beside the plot, which needs no luck.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

typedef struct box {
    double x0, y0, x1, y1;
} box;

static int overlaps(const box *a, const box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static double value_of(const ps_power_input *in, size_t i)
{
    double v = 0;
    if (in->banzhaf)
        v = in->banzhaf[i];
    if (in->shapley && in->shapley[i] > v)
        v = in->shapley[i];
    return v;
}

int ps_chart_power(ps_chart **out, const ps_power_input *in, ps_error *err)
{
    if (!out || !in || !in->parties || (!in->banzhaf && !in->shapley))
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "ps_chart_power: needs parties and Banzhaf or Shapley-Shubik values");
    *out = NULL;
    if (in->total_seats <= 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "total seats must be positive");
    size_t n = in->n_parties;
    double vmax = 0.1;
    for (size_t i = 0; i < n; i++) {
        vmax = fmax(vmax, value_of(in, i));
        vmax = fmax(vmax, (double)in->parties[i].seats / (double)in->total_seats);
    }
    vmax = fmin(1.0, ceil(vmax * 10.0 - 1e-9) / 10.0);
    const double px = 80, side = 540, top = in->title ? 70 : 40;
    const double py = top + side; /* y of the origin */
    double H = fmax(py + 80, top + 40 + 20.0 * (double)n + 40);
    ps_chart *c = psi_chart_new(1000, H, in->title);
    if (!c)
        return psi_enomem(err);
    if (in->title)
        psi_text(c, 500, 34, in->title, 20, PSI_MIDDLE, 1, 0x111111);
    char text[256], tip[768];
    double step = vmax > 0.35 ? 0.1 : 0.05;
    for (int g = 0; g * step <= vmax + 1e-9; g++) {
        double v = g * step, gx = px + v / vmax * side, gy = py - v / vmax * side;
        psi_line(c, px, gy, px + side, gy, 0xE0E0E0, 1, 0, NULL);
        psi_line(c, gx, py, gx, py - side, 0xE0E0E0, 1, 0, NULL);
        snprintf(text, sizeof text, "%.0f%%", v * 100);
        psi_text(c, px - 6, gy + 4, text, 11, PSI_END, 0, 0x555555);
        psi_text(c, gx, py + 16, text, 11, PSI_MIDDLE, 0, 0x555555);
    }
    psi_line(c, px, py, px + side, py - side, 0x999999, 1.5, 1, "diagonal");
    psi_text(c, px + side / 2, py + 38, "seat share", 13, PSI_MIDDLE, 1, 0x222222);
    psi_text(c, px - 50, top - 10, "power", 13, PSI_START, 1, 0x222222);
    psi_text(c, px + side - 4, py - side + 14, "power = seat share", 11, PSI_END, 0, 0x777777);

    /* Points, then labels largest first. */
    size_t *order = psi_malloc_array(n ? n : 1, sizeof *order);
    box *placed = psi_malloc_array(2 * n + 1, sizeof *placed);
    if (!order || !placed) {
        psi_free(order);
        psi_free(placed);
        ps_chart_free(c);
        return psi_enomem(err);
    }
    size_t n_placed = 0;
    for (size_t i = 0; i < n; i++) {
        const ps_chart_party *p = &in->parties[i];
        uint32_t col = psi_party_color(p, i);
        double sx = px + (double)p->seats / (double)in->total_seats / vmax * side;
        if (in->banzhaf) {
            double y = py - in->banzhaf[i] / vmax * side;
            snprintf(tip, sizeof tip, "%s: Banzhaf %.1f%%", p->name, 100 * in->banzhaf[i]);
            psi_circle(c, sx, y, 5.5, col, 0xFFFFFF, tip, (long)i);
            placed[n_placed++] = (box){sx - 5, y - 5, sx + 5, y + 5};
        }
        if (in->shapley) {
            double y = py - in->shapley[i] / vmax * side;
            psi_shape s;
            memset(&s, 0, sizeof s);
            s.kind = PSI_DIAMOND;
            s.x = sx;
            s.y = y;
            s.r = 7;
            s.fill = PSI_NONE;
            s.stroke = col;
            s.stroke_width = 2;
            s.opacity = 1;
            s.party = (long)i;
            snprintf(tip, sizeof tip, "%s: Shapley-Shubik %.1f%%", p->name, 100 * in->shapley[i]);
            s.text = tip;
            psi_chart_add(c, &s);
        }
        order[i] = i;
    }
    for (size_t i = 1; i < n; i++) /* insertion sort: stable, deterministic */
        for (size_t j = i; j > 0 && value_of(in, order[j - 1]) < value_of(in, order[j]); j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        const ps_chart_party *p = &in->parties[i];
        const char *id = p->id ? p->id : p->name;
        char *fit = psi_text_fit(id, 14);
        if (!fit) {
            c->failed = 1;
            break;
        }
        double sx = px + (double)p->seats / (double)in->total_seats / vmax * side;
        double sy = py - value_of(in, i) / vmax * side;
        double tw = psi_text_width(fit, 11), th = 11;
        const double dx[4] = {9, -9 - tw, -tw / 2, -tw / 2};
        const double dy[4] = {4, 4, -10, 18};
        for (int t = 0; t < 4; t++) {
            box b = {sx + dx[t], sy + dy[t] - th, sx + dx[t] + tw, sy + dy[t] + 2};
            int free_ = b.x0 > px && b.x1 < px + side && b.y0 > py - side && b.y1 < py;
            for (size_t q = 0; free_ && q < n_placed; q++)
                free_ = !overlaps(&b, &placed[q]);
            if (free_) {
                psi_text(c, b.x0, sy + dy[t], fit, 11, PSI_START, 0, 0x222222);
                placed[n_placed++] = b;
                break;
            }
        }
        psi_free(fit);
    }
    psi_free(placed);

    /* Table: every party, by power. */
    double tx = 650, ty = top + 10;
    psi_text(c, tx, ty, "party", 12, PSI_START, 1, 0x222222);
    psi_text(c, 860, ty, "seats", 12, PSI_END, 1, 0x222222);
    if (in->banzhaf)
        psi_text(c, 920, ty, "Bz", 12, PSI_END, 1, 0x222222);
    if (in->shapley)
        psi_text(c, 980, ty, "SS", 12, PSI_END, 1, 0x222222);
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        const ps_chart_party *p = &in->parties[i];
        double y = ty + 20.0 * (double)(k + 1);
        char *fit = psi_text_fit(p->name, 26);
        if (!fit) {
            c->failed = 1;
            break;
        }
        psi_circle(c, tx + 5, y - 4, 5, psi_party_color(p, i), PSI_NONE, NULL, -1);
        psi_text(c, tx + 14, y, fit, 11, PSI_START, 0, 0x222222);
        psi_free(fit);
        snprintf(text, sizeof text, "%.1f%%", 100.0 * (double)p->seats / (double)in->total_seats);
        psi_text(c, 860, y, text, 11, PSI_END, 0, 0x222222);
        if (in->banzhaf) {
            snprintf(text, sizeof text, "%.1f%%", 100.0 * in->banzhaf[i]);
            psi_text(c, 920, y, text, 11, PSI_END, 0, 0x222222);
        }
        if (in->shapley) {
            snprintf(text, sizeof text, "%.1f%%", 100.0 * in->shapley[i]);
            psi_text(c, 980, y, text, 11, PSI_END, 0, 0x222222);
        }
    }
    psi_free(order);
    double ly = py + 60;
    psi_circle(c, px + 6, ly - 4, 5.5, 0x555555, PSI_NONE, NULL, -1);
    psi_text(c, px + 16, ly, "Banzhaf (normalised)", 12, PSI_START, 0, 0x333333);
    psi_shape d;
    memset(&d, 0, sizeof d);
    d.kind = PSI_DIAMOND;
    d.x = px + 206;
    d.y = ly - 4;
    d.r = 7;
    d.fill = PSI_NONE;
    d.stroke = 0x555555;
    d.stroke_width = 2;
    d.opacity = 1;
    d.party = -1;
    psi_chart_add(c, &d);
    psi_text(c, px + 218, ly, "Shapley-Shubik", 12, PSI_START, 0, 0x333333);
    return psi_chart_finish(out, c, err);
}
