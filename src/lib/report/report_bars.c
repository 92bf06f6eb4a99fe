/*
 * report_bars.c - coalition bars and the before/after (what-if) chart.
 *
 * Coalition bars follow the election-night graphic: one horizontal stacked
 * bar per coalition on a common seat axis, the quota as a vertical line
 * across all bars. Members whose exit would break the majority (the
 * "critical" members of Riker's minimal-winning analysis, the swings of the
 * Banzhaf count) are solid; the others (surplus) are faded and hatched, so
 * the figure still reads in grey print. Hatching is drawn as explicit line
 * segments clipped to the segment, so SVG, PNG and PDF agree without
 * pattern support.
 *
 * The what-if chart shows one measure (a power index, a seat share) before
 * and after a change, per party and then per community, as two thin bars
 * per row with the numbers written out.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

static uint32_t darker(uint32_t c)
{
    uint32_t r = ((c >> 16) & 255) * 3 / 5, g = ((c >> 8) & 255) * 3 / 5, b = (c & 255) * 3 / 5;
    return (r << 16) | (g << 8) | b;
}

/* 45-degree hatch lines across the rectangle, `step` pixels apart. */
static void hatch(ps_chart *c, double x, double y, double w, double h, uint32_t color, double step)
{
    /* an integer counter: step / 2 + k * step is exact for the step of 6
     * used here, and no rounding can make the loop run away */
    for (long k = 0; step / 2 + (double)k * step < w + h; k++) {
        double t = step / 2 + (double)k * step;
        double sx = t <= w ? x + t : x + w, sy = t <= w ? y : y + (t - w);
        double ex = t - h >= 0 ? x + t - h : x, ey = t - h >= 0 ? y + h : y + t;
        if (sx > ex)
            psi_line(c, sx, sy, ex, ey, color, 1.2, 0, NULL);
    }
}

static char *joined_ids(const ps_coalitions_input *in, const ps_chart_coalition *co)
{
    psi_buf b;
    psi_buf_init(&b);
    for (size_t m = 0; m < co->n_members; m++) {
        const ps_chart_party *p = &in->parties[co->members[m]];
        if (m)
            psi_buf_puts(&b, " + ");
        psi_buf_puts(&b, p->id ? p->id : p->name);
    }
    if (!b.data)
        psi_buf_puts(&b, "");
    char *s = psi_buf_take(&b);
    if (!s)
        return NULL;
    char *fit = psi_text_fit(s, 120);
    psi_free(s);
    return fit;
}

int ps_chart_coalitions(ps_chart **out, const ps_coalitions_input *in, ps_error *err)
{
    if (!out || !in || !in->parties || !in->coalitions)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_chart_coalitions: NULL argument");
    *out = NULL;
    if (in->n_coalitions == 0)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no coalition to draw");
    if (in->quota <= 0 || in->total_seats < in->quota)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the quota (%lld) must be between 1 and the seats (%lld)",
                         (long long)in->quota, (long long)in->total_seats);
    for (size_t k = 0; k < in->n_coalitions; k++) {
        const ps_chart_coalition *co = &in->coalitions[k];
        if (co->n_members && !co->members)
            return psi_error(err, PS_EINVAL, NULL, 0, 0, "coalition %zu has no member list", k);
        for (size_t m = 0; m < co->n_members; m++)
            if (co->members[m] >= in->n_parties)
                return psi_error(err, PS_EINVAL, NULL, 0, 0,
                                 "coalition %zu names party %zu of %zu", k, co->members[m],
                                 in->n_parties);
    }
    const double W = 1000, x0 = 30, x1 = 840, top = in->title ? 80 : 48, block = 58;
    double scale = (x1 - x0) / (double)in->total_seats;
    double H = top + block * (double)in->n_coalitions + 70;
    ps_chart *c = psi_chart_new(W, H, in->title);
    if (!c)
        return psi_enomem(err);
    if (in->title)
        psi_text(c, W / 2, 34, in->title, 20, PSI_MIDDLE, 1, 0x111111);
    char text[256], tip[768];
    for (size_t k = 0; k < in->n_coalitions; k++) {
        const ps_chart_coalition *co = &in->coalitions[k];
        double y = top + block * (double)k;
        int64_t total = 0;
        for (size_t m = 0; m < co->n_members; m++)
            total += in->parties[co->members[m]].seats;
        char *label = co->label ? psi_strdup(co->label) : joined_ids(in, co);
        if (!label) {
            c->failed = 1;
            break;
        }
        char *fit = psi_text_fit(label, 110);
        psi_free(label);
        if (!fit) {
            c->failed = 1;
            break;
        }
        psi_text(c, x0, y + 14, fit, 13, PSI_START, 1, 0x222222);
        psi_free(fit);
        double x = x0, by = y + 20, bh = 26;
        for (size_t m = 0; m < co->n_members; m++) {
            size_t i = co->members[m];
            const ps_chart_party *p = &in->parties[i];
            /* Without a majority nobody is surplus: every member is drawn
             * solid, and called neither critical nor surplus. */
            bool winning = total >= in->quota;
            bool critical = !winning || (co->critical ? co->critical[m]
                                                      : total - p->seats < in->quota);
            uint32_t fill = psi_party_color(p, i);
            double w = (double)p->seats * scale;
            snprintf(tip, sizeof tip, "%s: %lld seats, %s", p->name, (long long)p->seats,
                     !winning ? "no majority" : critical ? "critical" : "surplus");
            psi_rect(c, x, by, w, bh, fill, critical ? 1.0 : 0.35, tip);
            if (!critical && w > 2)
                hatch(c, x, by, w, bh, darker(fill), 6);
            const char *id = p->id ? p->id : p->name;
            if (psi_text_width(id, 11) + 6 < w)
                psi_text(c, x + w / 2, by + 17, id, 11, PSI_MIDDLE, critical,
                         critical ? psi_text_color_on(fill) : 0x111111);
            x += w;
        }
        if (total >= in->quota)
            snprintf(text, sizeof text, "%lld: surplus %lld", (long long)total,
                     (long long)(total - in->quota));
        else
            snprintf(text, sizeof text, "%lld: %lld short", (long long)total,
                     (long long)(in->quota - total));
        psi_text(c, x1 + 10, by + 18, text, 13, PSI_START, 1,
                 total >= in->quota ? 0x1B5E20 : 0xB71C1C);
    }
    double qx = x0 + (double)in->quota * scale, yb = top + block * (double)in->n_coalitions;
    psi_line(c, qx, top - 8, qx, yb, 0x222222, 2, 1, "majority");
    snprintf(text, sizeof text, "majority %lld", (long long)in->quota);
    psi_text(c, qx, top - 12, text, 13, PSI_MIDDLE, 1, 0x222222);
    /* seat axis */
    psi_line(c, x0, yb + 4, x1, yb + 4, 0x888888, 1, 0, NULL);
    psi_text(c, x0, yb + 20, "0", 11, PSI_MIDDLE, 0, 0x555555);
    snprintf(text, sizeof text, "%lld seats", (long long)in->total_seats);
    psi_text(c, x1, yb + 20, text, 11, PSI_END, 0, 0x555555);
    psi_rect(c, x0, yb + 34, 18, 12, 0x555555, 1.0, NULL);
    psi_text(c, x0 + 24, yb + 45, "critical: its exit breaks the majority", 12, PSI_START, 0,
             0x333333);
    psi_rect(c, x0 + 340, yb + 34, 18, 12, 0x555555, 0.35, NULL);
    hatch(c, x0 + 340, yb + 34, 18, 12, 0x333333, 6);
    psi_text(c, x0 + 364, yb + 45, "surplus: the majority holds without it", 12, PSI_START, 0,
             0x333333);
    return psi_chart_finish(out, c, err);
}

static void pct(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.1f%%", 100.0 * v + 0.0);
}

static void whatif_rows(ps_chart *c, const ps_whatif_row *rows, size_t n, double y0, double scale,
                        size_t color_base)
{
    char a[32], b[32], text[128];
    for (size_t i = 0; i < n; i++) {
        const ps_whatif_row *r = &rows[i];
        double y = y0 + 30.0 * (double)i;
        uint32_t fill = psi_color_parse(r->color,
                                        psi_color_parse(ps_report_palette(color_base + i), 0));
        char *name = psi_text_fit(r->label, 38);
        if (!name) {
            c->failed = 1;
            return;
        }
        psi_text(c, 290, y + 15, name, 12, PSI_END, 0, 0x222222);
        psi_free(name);
        double before = r->before > 0 ? r->before : 0, after = r->after > 0 ? r->after : 0;
        psi_rect(c, 300, y + 3, before * scale, 9, fill, 0.35, NULL);
        psi_rect(c, 300, y + 13, after * scale, 9, fill, 1.0, NULL);
        pct(a, sizeof a, r->before);
        pct(b, sizeof b, r->after);
        double d = 100.0 * (r->after - r->before);
        if (fabs(d) < 0.05)
            d = 0;
        snprintf(text, sizeof text, "%s \xe2\x86\x92 %s (%+.1f)", a, b, d);
        psi_text(c, 300 + (before > after ? before : after) * scale + 8, y + 17, text, 11,
                 PSI_START, d != 0, d > 0 ? 0x1B5E20 : d < 0 ? 0xB71C1C : 0x444444);
    }
}

int ps_chart_whatif(ps_chart **out, const ps_whatif_input *in, ps_error *err)
{
    if (!out || !in || (in->n_parties && !in->parties) || (in->n_groups && !in->groups))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_chart_whatif: NULL argument");
    *out = NULL;
    if (!in->n_parties && !in->n_groups)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "nothing to compare");
    double vmax = 0.05;
    for (size_t i = 0; i < in->n_parties; i++) {
        vmax = fmax(vmax, fmax(in->parties[i].before, in->parties[i].after));
    }
    for (size_t i = 0; i < in->n_groups; i++)
        vmax = fmax(vmax, fmax(in->groups[i].before, in->groups[i].after));
    const double W = 1000, top = in->title ? 70 : 40;
    double scale = 520.0 / vmax;
    double H = top + 36 + 30.0 * (double)in->n_parties + (in->n_groups ? 40 : 0) +
               30.0 * (double)in->n_groups + 50;
    ps_chart *c = psi_chart_new(W, H, in->title);
    if (!c)
        return psi_enomem(err);
    if (in->title)
        psi_text(c, W / 2, 34, in->title, 20, PSI_MIDDLE, 1, 0x111111);
    char text[256];
    const char *measure = in->measure ? in->measure : "value";
    snprintf(text, sizeof text, "%s by party: before (faded) and after (solid)", measure);
    psi_text(c, 30, top + 10, text, 14, PSI_START, 1, 0x222222);
    whatif_rows(c, in->parties, in->n_parties, top + 22, scale, 0);
    double y = top + 22 + 30.0 * (double)in->n_parties;
    if (in->n_groups) {
        snprintf(text, sizeof text, "%s by community", measure);
        psi_text(c, 30, y + 28, text, 14, PSI_START, 1, 0x222222);
        whatif_rows(c, in->groups, in->n_groups, y + 40, scale, in->n_parties);
        y += 40 + 30.0 * (double)in->n_groups;
    }
    psi_rect(c, 30, y + 18, 18, 9, 0x555555, 0.35, NULL);
    psi_text(c, 54, y + 27, "before", 12, PSI_START, 0, 0x333333);
    psi_rect(c, 130, y + 18, 18, 9, 0x555555, 1.0, NULL);
    psi_text(c, 154, y + 27, "after", 12, PSI_START, 0, 0x333333);
    return psi_chart_finish(out, c, err);
}
