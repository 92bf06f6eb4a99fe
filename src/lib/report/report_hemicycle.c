/*
 * report_hemicycle.c - the chamber as a parliament arch.
 *
 * Layout (the construction of the common "parliament diagram", as in David
 * Richfield's tool used by Wikipedia, redone here with exact ordering):
 *   1. Rows. With k rows the row radii are evenly spaced from rho to 1
 *      (rho = 0.38 of the outer radius), so rows are Delta = (1 - rho)/(k-1)
 *      apart; the seats along the rows are then about
 *      p = pi * sum(r_j) / n apart. The chosen k makes the seats as close
 *      to round cells as it can: it minimises |log(p / Delta)|. Chambers of
 *      up to 8 seats get a single row.
 *   2. Seats per row in proportion to the row's radius (largest remainders,
 *      outer rows first on equal remainders), so every row has the same
 *      spacing along its arc; within a row of m seats, seat i sits at the
 *      angle pi * (1 - (i + 1/2) / m).
 *   3. All seats are sorted by angle from the left (compared exactly as
 *      (2i + 1) * m' against (2i' + 1) * m), inner row first on equal
 *      angles, and handed out in that order: first party's seats, second
 *      party's, ..., then the seats of no list (grey), then the vacant ones
 *      (empty circles). Each party so fills a wedge.
 *   4. The majority line separates the first q seats of that order from
 *      the others, row by row (see quota_line): everything left of it is
 *      q seats.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define MAX_ROWS 64
#define MAX_SEATS 100000
#define RHO 0.38
#define PI 3.14159265358979323846

int ps_hemicycle_rows(size_t *out_rows, int64_t *per_row, int64_t n, ps_error *err)
{
    if (n < 1 || n > MAX_SEATS)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "a hemicycle needs 1 to %d seats, not %lld", MAX_SEATS, (long long)n);
    size_t k = 1;
    if (n > 8) {
        double best = INFINITY;
        for (size_t rows = 2; rows <= MAX_ROWS; rows++) {
            double delta = (1.0 - RHO) / (double)(rows - 1);
            double sum = (double)rows * (1.0 + RHO) / 2.0;
            double p = PI * sum / (double)n;
            double bad = fabs(log(p / delta));
            /* the rows must each get at least one seat */
            if ((double)n * RHO / sum < 1.0)
                break;
            if (bad < best) {
                best = bad;
                k = rows;
            }
        }
    }
    *out_rows = k;
    if (!per_row)
        return PS_OK;
    if (k == 1) {
        per_row[0] = n;
        return PS_OK;
    }
    double sum = (double)k * (1.0 + RHO) / 2.0;
    double rem[MAX_ROWS];
    int64_t given = 0;
    for (size_t j = 0; j < k; j++) {
        double r = RHO + (1.0 - RHO) * (double)j / (double)(k - 1);
        double exact = (double)n * r / sum;
        per_row[j] = (int64_t)floor(exact);
        rem[j] = exact - (double)per_row[j];
        given += per_row[j];
    }
    while (given < n) { /* largest remainder; outer rows win ties */
        size_t best = k - 1;
        for (size_t j = k; j-- > 0;)
            if (rem[j] > rem[best])
                best = j;
        per_row[best]++;
        rem[best] = -1.0;
        given++;
    }
    return PS_OK;
}

typedef struct seat {
    int64_t i, m; /* index in the row and the row's seat count */
    size_t row;
} seat;

static int by_angle(const void *pa, const void *pb)
{
    const seat *a = pa, *b = pb;
    /* angle ~ -(2i + 1) / m: the leftmost seat has the smallest fraction */
    uint64_t l = (uint64_t)(2 * a->i + 1) * (uint64_t)b->m;
    uint64_t r = (uint64_t)(2 * b->i + 1) * (uint64_t)a->m;
    if (l != r)
        return l < r ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

static double seat_angle(const seat *s)
{
    return PI * (1.0 - ((double)s->i + 0.5) / (double)s->m);
}

static void seat_circle(ps_chart *c, double x, double y, double r, uint32_t fill, uint32_t stroke,
                        const char *tip, long key)
{
    if (psi_circle(c, x, y, r, fill, stroke, tip, key) == 0)
        c->shapes[c->n - 1].cls = "seat";
}

/* A quota line: in each row, the boundary between the seats that are among
 * the first q of the order and the others. Within a row of m seats of which
 * c come first, that boundary is at the angle pi * (1 - c / m), halfway
 * between seat c - 1 and seat c. Rows may cut at slightly different angles
 * (several seats share an angle), so the line is a staircase from the
 * inner row to the outer one rather than one radius. */
static void quota_line(ps_chart *c, const seat *seats, int64_t q, const char *label,
                       const char *cls, double cx, double cy, const double *radius,
                       const int64_t *per_row, size_t k, double half, double r_out)
{
    int64_t first[MAX_ROWS] = {0};
    double pts[4 * MAX_ROWS] = {0};
    for (int64_t s = 0; s < q; s++)
        first[seats[s].row]++;
    double a = 0;
    for (size_t j = 0; j < k; j++) {
        a = PI * (1.0 - (double)first[j] / (double)per_row[j]);
        double r0 = radius[j] - half, r1 = j + 1 == k ? r_out : radius[j] + half;
        pts[4 * j] = cx + r0 * cos(a);
        pts[4 * j + 1] = cy - r0 * sin(a);
        pts[4 * j + 2] = cx + r1 * cos(a);
        pts[4 * j + 3] = cy - r1 * sin(a);
    }
    psi_polyline(c, pts, 2 * k, cx, cy, 0x222222, 2, 1, cls);
    double lx = cx + (r_out + 6) * cos(a), ly = cy - (r_out + 6) * sin(a);
    psi_anchor anchor = a > PI * 0.55 ? PSI_END : a < PI * 0.45 ? PSI_START : PSI_MIDDLE;
    psi_text(c, lx, ly - 2, label, 13, anchor, 1, 0x222222);
}

int ps_chart_hemicycle(ps_chart **out, const ps_hemicycle_input *in, ps_error *err)
{
    if (!out || !in || (in->n_parties && !in->parties))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_chart_hemicycle: NULL argument");
    *out = NULL;
    int64_t n = 0;
    for (size_t p = 0; p < in->n_parties; p++) {
        if (in->parties[p].seats < 0 || in->parties[p].seats > MAX_SEATS)
            return psi_error(err, PS_EINVAL, NULL, 0, 0, "party '%s' has %lld seats",
                             in->parties[p].name, (long long)in->parties[p].seats);
        n += in->parties[p].seats;
    }
    if (in->unattributed_seats < 0 || in->vacant_seats < 0 ||
        in->unattributed_seats > MAX_SEATS || in->vacant_seats > MAX_SEATS)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "negative or too many seats of no list");
    n += in->unattributed_seats + in->vacant_seats;
    size_t k;
    int64_t per_row[MAX_ROWS];
    int rc = ps_hemicycle_rows(&k, per_row, n, err);
    if (rc < 0)
        return rc;
    if (k < 1 || k > MAX_ROWS) /* never (n >= 1 here); radius[k - 1] below relies on it */
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no hemicycle rows for %lld seats",
                         (long long)n);
    if (in->quota < 0 || in->quota > n || in->quota2 < 0 || in->quota2 > n)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "a quota line beyond the %lld seats",
                         (long long)n);

    seat *seats = psi_malloc_array((size_t)n, sizeof *seats);
    if (!seats)
        return psi_enomem(err);
    size_t at = 0;
    for (size_t j = 0; j < k; j++)
        for (int64_t i = 0; i < per_row[j]; i++)
            seats[at++] = (seat){i, per_row[j], j};
    qsort(seats, (size_t)n, sizeof *seats, by_angle);

    const double W = 1000, R = 430, cx = W / 2, top = in->title ? 84 : 40;
    const double cy = top + R + 20;
    double radius[MAX_ROWS];
    double cell = 1e9;
    for (size_t j = 0; j < k; j++) {
        radius[j] = k == 1 ? 0.72 * R : R * (RHO + (1.0 - RHO) * (double)j / (double)(k - 1));
        double along = PI * radius[j] / (double)per_row[j];
        cell = along < cell ? along : cell;
    }
    if (k > 1) {
        double delta = R * (1.0 - RHO) / (double)(k - 1);
        cell = delta < cell ? delta : cell;
    } else if (cell > 0.3 * R) {
        cell = 0.3 * R;
    }
    double seat_r = 0.42 * cell;

    /* Legend: two columns below the arch; names cut at 52 characters. */
    size_t entries = in->n_parties + (in->unattributed_seats > 0) + (in->vacant_seats > 0);
    size_t legend_rows = (entries + 1) / 2;
    double legend_top = cy + 40;
    double H = legend_top + 22.0 * (double)legend_rows + 16;

    ps_chart *c = psi_chart_new(W, H, in->title);
    if (!c) {
        psi_free(seats);
        return psi_enomem(err);
    }
    if (in->title)
        psi_text(c, cx, 34, in->title, 20, PSI_MIDDLE, 1, 0x111111);

    char tip[768];
    size_t party = 0;
    int64_t left = in->n_parties ? in->parties[0].seats : 0;
    for (int64_t s = 0; s < n; s++) {
        while (party < in->n_parties && left == 0) {
            party++;
            left = party < in->n_parties ? in->parties[party].seats : 0;
        }
        double a = seat_angle(&seats[s]);
        double x = cx + radius[seats[s].row] * cos(a), y = cy - radius[seats[s].row] * sin(a);
        if (party < in->n_parties) {
            const ps_chart_party *p = &in->parties[party];
            snprintf(tip, sizeof tip, "%s: %lld seat%s", p->name, (long long)p->seats,
                     p->seats == 1 ? "" : "s");
            long key = in->keys ? (long)in->keys[party] : (long)party;
            seat_circle(c, x, y, seat_r, psi_party_color(p, party), PSI_NONE, tip, key);
            left--;
        } else if (s < n - in->vacant_seats) {
            snprintf(tip, sizeof tip, "attributed to no list: %lld seats",
                     (long long)in->unattributed_seats);
            seat_circle(c, x, y, seat_r * 0.92, 0xDDDDDD, 0x777777, tip, -1);
        } else {
            snprintf(tip, sizeof tip, "vacant: %lld seats", (long long)in->vacant_seats);
            seat_circle(c, x, y, seat_r * 0.85, 0xFFFFFF, 0x888888, tip, -1);
        }
    }

    char label[128];
    double half = k == 1 ? seat_r + 6 : R * (1.0 - RHO) / (double)(k - 1) / 2.0;
    double r_out = radius[k - 1] + seat_r + 8;
    /* A quota of every seat (unanimity) has no boundary to draw: the
     * caption under the seat count says it. */
    if (in->quota > 0 && in->quota < n) {
        if (in->quota_label)
            snprintf(label, sizeof label, "%s", in->quota_label);
        else
            snprintf(label, sizeof label, "majority %lld", (long long)in->quota);
        quota_line(c, seats, in->quota, label, "majority", cx, cy, radius, per_row, k, half, r_out);
    }
    if (in->quota2 > 0 && in->quota2 < n) {
        if (in->quota2_label)
            snprintf(label, sizeof label, "%s", in->quota2_label);
        else
            snprintf(label, sizeof label, "%lld", (long long)in->quota2);
        quota_line(c, seats, in->quota2, label, "quota2", cx, cy, radius, per_row, k, half, r_out);
    }
    psi_free(seats);

    snprintf(label, sizeof label, "%lld seat%s", (long long)n, n == 1 ? "" : "s");
    psi_text(c, cx, cy - 6, label, k == 1 && n <= 2 ? 18 : 28, PSI_MIDDLE, 1, 0x111111);
    if (in->quota > 0) {
        snprintf(label, sizeof label, "%lld for a majority%s", (long long)in->quota,
                 in->quota == n && n > 1 ? " (every seat)" : "");
        psi_text(c, cx, cy + 18, label, 14, PSI_MIDDLE, 0, 0x444444);
    }

    /* Legend, in the drawing order, filled column by column. */
    for (size_t e = 0; e < entries; e++) {
        size_t col = e / legend_rows, row = e % legend_rows;
        double x = 30 + 480.0 * (double)col, y = legend_top + 22.0 * (double)row;
        uint32_t fill;
        uint32_t stroke = PSI_NONE;
        char *name;
        int64_t seats_of;
        if (e < in->n_parties) {
            fill = psi_party_color(&in->parties[e], e);
            name = psi_text_fit(in->parties[e].name, 52);
            seats_of = in->parties[e].seats;
        } else if (e == in->n_parties && in->unattributed_seats > 0) {
            fill = 0xDDDDDD;
            stroke = 0x777777;
            name = psi_strdup("attributed to no list");
            seats_of = in->unattributed_seats;
        } else {
            fill = 0xFFFFFF;
            stroke = 0x888888;
            name = psi_strdup("vacant");
            seats_of = in->vacant_seats;
        }
        if (!name) {
            c->failed = 1;
            break;
        }
        psi_circle(c, x + 7, y - 5, 7, fill, stroke, NULL, -1);
        psi_text(c, x + 22, y, name, 13, PSI_START, 0, 0x222222);
        snprintf(label, sizeof label, "%lld", (long long)seats_of);
        psi_text(c, x + 460, y, label, 13, PSI_END, 1, 0x222222);
        psi_free(name);
    }
    return psi_chart_finish(out, c, err);
}
