/*
 * powershare/report.h - show it: charts (SVG, PNG, PDF) and one HTML page.
 *
 * Every chart is built in two steps. A chart function lays out a drawing
 * (a ps_chart: circles, rectangles, lines and text in a fixed order) from
 * plain arrays that the caller fills: names, seats, colours, values and
 * flags. The drawing is then rendered:
 *
 *   SVG  written directly, byte for byte the same for the same input (no
 *        dates, no random ids, numbers printed with two decimals in the C
 *        locale); text stays text; every name is escaped for XML.
 *   PNG  through cairo (an image surface, then its PNG writer).
 *   PDF  through cairo (a PDF surface; text stays text in the PDF).
 *
 * The chart functions take no legislature so that every stage can feed
 * them (the power stage its indices, the coalition stage its coalitions, a
 * scenario its before and after); ps_chart_parties_from_legislature() and
 * ps_report_order() fill the common part from a legislature.
 *
 * Charts:
 *   hemicycle   the chamber as an arch of rows; each row's seats evenly
 *               spaced; parties fill wedges from left to right in the order
 *               given; seats of no list in grey at the right end, labelled;
 *               a majority line (and a second line, e.g. two thirds)
 *               drawn between the seat that reaches the quota and the next.
 *   coalitions  one stacked bar per coalition, the quota line across; each
 *               bar says its surplus or the seats it lacks; critical members
 *               solid, surplus members faded and hatched.
 *   power       each party as two points (seat share on x; Banzhaf and
 *               Shapley-Shubik on y) and the diagonal y = x.
 *   whatif      an index before and after a change, per party and per
 *               community, as pairs of bars.
 *
 * Colours: the party's "#rrggbb" when given, otherwise the colour-blind-safe
 * palette of Okabe & Ito (2008) extended with Paul Tol's schemes
 * (ps_report_palette()).
 *
 * Ownership: every *out is the caller's; ps_chart_free() and ps_free()
 * release them. Thread safety: reentrant (cairo's surfaces are per call).
 */
#ifndef POWERSHARE_REPORT_H
#define POWERSHARE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "legislature.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A laid-out drawing. Opaque; free it with ps_chart_free(). */
typedef struct ps_chart ps_chart;

typedef enum ps_chart_format {
    PS_CHART_SVG = 0,
    PS_CHART_PNG,
    PS_CHART_PDF
} ps_chart_format;

typedef enum ps_chart_kind {
    PS_CHART_HEMICYCLE = 0,
    PS_CHART_COALITIONS,
    PS_CHART_POWER,
    PS_CHART_WHATIF
} ps_chart_kind;

/* "hemicycle", "coalitions", "power", "whatif" to a kind.
 * Errors: PS_EINVAL naming the accepted kinds. */
int ps_chart_kind_parse(ps_chart_kind *out, const char *text, ps_error *err);

/* The format a file name asks for: ".svg", ".png", ".pdf" (any case).
 * Errors: PS_EINVAL when the name has none of them. */
int ps_chart_format_from_path(ps_chart_format *out, const char *path, ps_error *err);

/* One party as the charts see it. Strings are borrowed, never freed. */
typedef struct ps_chart_party {
    const char *id;    /* short label (bars, points); may be NULL (then name) */
    const char *name;  /* display name (legend, tooltips); never NULL */
    const char *color; /* "#rrggbb", or NULL for the default palette */
    const char *group; /* community name, or NULL */
    int64_t seats;     /* >= 0 */
} ps_chart_party;

/* The default palette, "#rrggbb": 16 colour-blind-safe colours (Okabe-Ito,
 * Tol muted), then 14 more (Tol light and vibrant); index is taken modulo
 * 30. Static string. */
const char *ps_report_palette(size_t index);

/* Fills parties[i] (n_parties entries, allocated by the caller) from the
 * legislature's parties in the legislature's order, borrowing its strings;
 * parties without a colour get ps_report_palette(i). Unknown seats count 0. */
void ps_chart_parties_from_legislature(ps_chart_party *parties, const ps_legislature *leg);

/* The drawing order of the hemicycle: order[k] is the index of the k-th
 * party from the left. By the first policy dimension on which every party
 * with seats has a position (dimension NULL), or the named one; without one,
 * by community in the file's order of communities (parties of no community
 * last), then by seats, largest first, then by the file's order.
 * Errors: PS_EDATA (dimension named but unknown, or a party with seats and
 * no position on it), PS_EINVAL. */
int ps_report_order(size_t *order, const ps_legislature *leg, const char *dimension,
                    ps_error *err);

typedef struct ps_hemicycle_input {
    const char *title;             /* NULL: none */
    size_t n_parties;
    const ps_chart_party *parties; /* left to right */
    int64_t unattributed_seats;    /* drawn grey at the right end */
    int64_t vacant_seats;          /* drawn as empty circles after them */
    int64_t quota;                 /* majority line after this many seats; 0: none */
    const char *quota_label;       /* NULL: "majority N" */
    int64_t quota2;                /* a second line (two thirds); 0: none */
    const char *quota2_label;      /* NULL: "N" */
    const size_t *keys;            /* per party, the number its seats carry
                                      as data-party="K" in the SVG (e.g. the
                                      index in the legislature); NULL: the
                                      position in `parties` */
} ps_hemicycle_input;

/* Seats in total must be 1 to 100,000. Errors: PS_EINVAL (NULL, negative
 * seats, no seat, too many, a quota above the seats), PS_ENOMEM. */
int ps_chart_hemicycle(ps_chart **out, const ps_hemicycle_input *in, ps_error *err);

/* The rows of the hemicycle for `seats` seats: *out_rows rows, and when
 * per_row is not NULL (room for 64 entries) the seats of each row, inner
 * first. Exposed for tests. Errors: PS_EINVAL (seats < 1 or > 100,000). */
int ps_hemicycle_rows(size_t *out_rows, int64_t *per_row, int64_t seats, ps_error *err);

typedef struct ps_chart_coalition {
    const char *label;      /* NULL: the members' ids joined by " + " */
    size_t n_members;
    const size_t *members;  /* indices into the parties, in drawing order */
    const bool *critical;   /* per member: its exit breaks the majority;
                               NULL: computed from the seats and the quota */
} ps_chart_coalition;

typedef struct ps_coalitions_input {
    const char *title;
    size_t n_parties;
    const ps_chart_party *parties;
    size_t n_coalitions;
    const ps_chart_coalition *coalitions;
    int64_t quota;        /* seats needed, > 0 */
    int64_t total_seats;  /* the axis' end, >= quota */
} ps_coalitions_input;

/* Errors: PS_EINVAL (NULL, a member out of range, quota <= 0 or above
 * total_seats, no coalition), PS_ENOMEM. */
int ps_chart_coalitions(ps_chart **out, const ps_coalitions_input *in, ps_error *err);

typedef struct ps_power_input {
    const char *title;
    size_t n_parties;
    const ps_chart_party *parties;
    int64_t total_seats;         /* seat share = seats / total_seats */
    const double *banzhaf;       /* n_parties values in [0, 1], or NULL */
    const double *shapley;       /* n_parties values in [0, 1], or NULL */
} ps_power_input;

/* Errors: PS_EINVAL (NULL, both series NULL, total_seats <= 0),
 * PS_ENOMEM. */
int ps_chart_power(ps_chart **out, const ps_power_input *in, ps_error *err);

typedef struct ps_whatif_row {
    const char *label;
    const char *color;  /* NULL: palette */
    double before, after;
} ps_whatif_row;

typedef struct ps_whatif_input {
    const char *title;
    const char *measure;            /* what the values are, e.g. "Banzhaf" */
    size_t n_parties;
    const ps_whatif_row *parties;
    size_t n_groups;                /* may be 0 */
    const ps_whatif_row *groups;    /* per community */
} ps_whatif_input;

/* Values are shares in [0, 1]. Errors: PS_EINVAL, PS_ENOMEM. */
int ps_chart_whatif(ps_chart **out, const ps_whatif_input *in, ps_error *err);

/* Renders a chart. *out (length *out_len, NUL-terminated for SVG) is the
 * caller's: ps_free(). scale multiplies the PNG's pixel size (1 = the SVG's
 * size; ignored for SVG and PDF; 0 means 1).
 * Errors: PS_EINVAL, PS_EIO (cairo failed), PS_ENOMEM. */
int ps_chart_render(unsigned char **out, size_t *out_len, const ps_chart *chart,
                    ps_chart_format format, double scale, ps_error *err);

/* Renders to a file, written under a temporary name in the same folder and
 * renamed into place. The format comes from the file name.
 * Errors: as ps_chart_render, PS_EIO (cannot write). */
int ps_chart_write(const ps_chart *chart, const char *path, ps_error *err);

/* Width and height of the drawing in SVG user units (pixels). */
void ps_chart_size(const ps_chart *chart, double *width, double *height);

/* Frees a chart. NULL-safe. */
void ps_chart_free(ps_chart *chart);

/* Frees the process-wide caches that cairo and fontconfig fill when a PNG
 * or PDF is drawn (fonts found, glyphs). Only a leak checker notices them;
 * call it once before exit, when no other thread uses cairo or fontconfig
 * any more. Rendering again afterwards works (the caches fill anew). */
void ps_report_shutdown(void);

/* The simplest entry point for a command: builds the chart of `kind` for a
 * legislature and writes it to `path` (format from the name).
 *   hemicycle   the chamber, majority line (quota of the rule: `quota`,
 *               ps_quota_parse syntax, NULL = "majority"; quota2 a second
 *               line or NULL)
 *   power       needs banzhaf and/or shapley (n_parties values each, the
 *               legislature's order)
 *   coalitions  needs n_coalitions coalitions over the legislature's parties
 *   whatif      needs `after` (the legislature after the change, parties
 *               matched by id) and before/after values of one measure for
 *               the parties of `leg` and `after`
 * Arguments a kind does not use may be NULL/0.
 * Errors: PS_EINVAL (an argument the kind needs is missing), as the chart
 * functions and ps_chart_write. */
typedef struct ps_report_data {
    const char *quota;        /* NULL: "majority" */
    const char *quota2;       /* NULL: no second line */
    const char *dimension;    /* hemicycle order; NULL: see ps_report_order */
    const double *banzhaf;    /* per party of leg, or NULL */
    const double *shapley;    /* per party of leg, or NULL */
    size_t n_coalitions;
    const ps_chart_coalition *coalitions;
    const ps_legislature *after;  /* whatif */
    const double *after_values;   /* whatif: per party of `after` */
    const double *before_values;  /* whatif: per party of leg; NULL: banzhaf */
    const char *measure;          /* whatif: NULL means "Banzhaf" */
} ps_report_data;

int ps_report_chart(ps_chart **out, ps_chart_kind kind, const ps_legislature *leg,
                    const ps_report_data *data, ps_error *err);

/* One self-contained HTML page (inline CSS and SVG, no script, no network):
 * a title, then sections in order, each a heading and either preformatted
 * text (escaped) or a chart (inline SVG). *out is the caller's (ps_free).
 * Errors: PS_EINVAL, PS_ENOMEM. */
typedef struct ps_report_section {
    const char *heading;
    const char *text;      /* or NULL */
    const ps_chart *chart; /* or NULL */
} ps_report_section;

int ps_report_html(char **out, const char *title, const ps_report_section *sections,
                   size_t n_sections, ps_error *err);

#ifdef __cplusplus
}
#endif

#endif
