/*
 * report_internal.h - the drawing that charts lay out and renderers draw.
 *
 * A chart is a list of shapes in painting order. The SVG writer and the
 * cairo renderer walk the same list, so a PNG or PDF shows exactly what the
 * SVG shows. Colours are 0xRRGGBB; PSI_NONE means no fill or no stroke.
 */
#ifndef POWERSHARE_REPORT_INTERNAL_H
#define POWERSHARE_REPORT_INTERNAL_H

#include <stdint.h>

#include "util.h"
#include "powershare/report.h"

#define PSI_NONE 0xFFFFFFFFu

typedef enum psi_shape_kind {
    PSI_RECT,
    PSI_CIRCLE,
    PSI_LINE,
    PSI_TEXT,
    PSI_DIAMOND,
    PSI_POLYLINE
} psi_shape_kind;

typedef enum psi_anchor { PSI_START, PSI_MIDDLE, PSI_END } psi_anchor;

typedef struct psi_shape {
    psi_shape_kind kind;
    double x, y;     /* rect: corner; circle/diamond: centre; line: start; text: anchor */
    double w, h;     /* rect: size; line: end point (x2, y2) */
    double r;        /* circle/diamond radius */
    uint32_t fill, stroke;
    double stroke_width;
    double opacity;  /* of the fill, 1 = opaque */
    int dash;        /* dashed stroke */
    double size;     /* text: font size */
    psi_anchor anchor;
    int bold;
    char *text;      /* text: the string; others: tooltip (SVG <title>) or NULL */
    const char *cls; /* static CSS class or NULL */
    long party;      /* data-party index, or -1 */
    double *pts;     /* polyline: x0 y0 x1 y1 ...; (w, h) is then a point the
                        line refers to (the arch's centre), written as
                        data-cx / data-cy */
    size_t n_pts;    /* points, not numbers */
} psi_shape;

struct ps_chart {
    double width, height;
    char *title;
    psi_shape *shapes;
    size_t n, cap;
    int failed; /* an allocation failed: the chart is unusable */
};

/* A new empty chart of this size. NULL on allocation failure. */
ps_chart *psi_chart_new(double width, double height, const char *title);

/* Appends a shape (copied; its text duplicated). Returns a pointer to the
 * stored shape (valid until the next add) or NULL after a failure, which
 * also sets chart->failed. */
psi_shape *psi_chart_add(ps_chart *c, const psi_shape *s);

/* A polyline of n points (pts: 2n numbers, copied) with a reference point
 * (cx, cy). Returns 0 or -1. */
int psi_polyline(ps_chart *c, const double *pts, size_t n, double cx, double cy, uint32_t stroke,
                 double width, int dash, const char *cls);

/* Shorthands; all return 0 or -1 (failure recorded in c->failed). */
int psi_rect(ps_chart *c, double x, double y, double w, double h, uint32_t fill,
             double opacity, const char *tooltip);
int psi_circle(ps_chart *c, double x, double y, double r, uint32_t fill, uint32_t stroke,
               const char *tooltip, long party);
int psi_line(ps_chart *c, double x1, double y1, double x2, double y2, uint32_t stroke,
             double width, int dash, const char *cls);
int psi_text(ps_chart *c, double x, double y, const char *text, double size, psi_anchor anchor,
             int bold, uint32_t fill);

/* "#rrggbb" to 0xRRGGBB; fallback when NULL or malformed. */
uint32_t psi_color_parse(const char *text, uint32_t fallback);
/* The colour of party i: its own, else the palette's i-th. */
uint32_t psi_party_color(const ps_chart_party *p, size_t i);
/* Black or white, whichever reads better on this fill. */
uint32_t psi_text_color_on(uint32_t fill);

/* Approximate width in pixels of text in a sans-serif font of this size
 * (DejaVu Sans averages about 0.6 em per character). Used to keep labels
 * apart; code points, not bytes. */
double psi_text_width(const char *text, double size);

/* A copy of text cut to at most max_chars code points, with "..." when cut.
 * NULL on allocation failure. */
char *psi_text_fit(const char *text, size_t max_chars);

/* Converts the chart to SVG text in b. */
void psi_chart_svg(psi_buf *b, const ps_chart *c);

/* Appends text escaped for XML/HTML (&, <, >, ", '). */
void psi_buf_xml(psi_buf *b, const char *text);

/* Finishes a chart function: on failure frees it and returns PS_ENOMEM. */
int psi_chart_finish(ps_chart **out, ps_chart *c, ps_error *err);

#endif
