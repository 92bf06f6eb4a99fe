/*
 * report_svg.c - the drawing list, the SVG writer and the palette.
 *
 * SVG is written by hand rather than through a library so that the output
 * is deterministic byte for byte: shapes in painting order, coordinates with
 * two decimals (printf in the C locale, "-0" folded to "0"), no timestamps,
 * no generated ids. Text stays <text> so that it can be searched, copied and
 * translated; every string from the data is escaped for XML (&, <, >, " and
 * '), which makes the same SVG safe to inline in an HTML page.
 *
 * Palette: Okabe & Ito, "Color Universal Design" (2008), seven colours
 * without black, followed by Paul Tol's "muted" scheme (2021), nine
 * colours; these sixteen are told apart under the common colour-vision
 * deficiencies. Chambers with more uncoloured parties continue with Tol's
 * "light" and "vibrant" schemes (fourteen more, each safe within itself)
 * before the palette repeats at 30. Grey is left out: the charts use it for
 * seats of no list.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report_internal.h"

#define PALETTE_SIZE 30
static const char *const palette[PALETTE_SIZE] = {
    /* Okabe & Ito */
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    /* Tol muted */
    "#332288", "#CC6677", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933",
    "#AA4499",
    /* Tol light, then Tol vibrant (their greys left out) */
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
    "#0077BB", "#33BBEE", "#009988", "#EE7733", "#CC3311", "#EE3377"};

const char *ps_report_palette(size_t index)
{
    return palette[index % PALETTE_SIZE];
}

int ps_chart_kind_parse(ps_chart_kind *out, const char *text, ps_error *err)
{
    static const char *const names[] = {"hemicycle", "coalitions", "power", "whatif"};
    for (int i = 0; text && i < 4; i++)
        if (!strcmp(text, names[i])) {
            *out = (ps_chart_kind)i;
            return PS_OK;
        }
    return psi_error(err, PS_EINVAL, NULL, 0, 0,
                     "unknown chart '%s'; expected hemicycle, coalitions, power or whatif",
                     text ? text : "");
}

int ps_chart_format_from_path(ps_chart_format *out, const char *path, ps_error *err)
{
    size_t n = path ? strlen(path) : 0;
    if (n >= 4) {
        const char *ext = path + n - 4;
        if (!strcasecmp(ext, ".svg")) {
            *out = PS_CHART_SVG;
            return PS_OK;
        }
        if (!strcasecmp(ext, ".png")) {
            *out = PS_CHART_PNG;
            return PS_OK;
        }
        if (!strcasecmp(ext, ".pdf")) {
            *out = PS_CHART_PDF;
            return PS_OK;
        }
    }
    return psi_error(err, PS_EINVAL, NULL, 0, 0,
                     "'%s': a chart file name must end in .svg, .png or .pdf", path ? path : "");
}

ps_chart *psi_chart_new(double width, double height, const char *title)
{
    ps_chart *c = psi_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->width = width;
    c->height = height;
    if (title && !(c->title = psi_strdup(title))) {
        psi_free(c);
        return NULL;
    }
    return c;
}

void ps_chart_free(ps_chart *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        psi_free(c->shapes[i].text);
        psi_free(c->shapes[i].pts);
    }
    psi_free(c->shapes);
    psi_free(c->title);
    psi_free(c);
}

void ps_chart_size(const ps_chart *c, double *width, double *height)
{
    if (width)
        *width = c ? c->width : 0;
    if (height)
        *height = c ? c->height : 0;
}

psi_shape *psi_chart_add(ps_chart *c, const psi_shape *s)
{
    if (c->failed)
        return NULL;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        psi_shape *grown = psi_realloc_array(c->shapes, cap, sizeof *grown);
        if (!grown) {
            c->failed = 1;
            return NULL;
        }
        c->shapes = grown;
        c->cap = cap;
    }
    psi_shape *d = &c->shapes[c->n];
    *d = *s;
    d->text = NULL;
    d->pts = NULL;
    if (s->text && !(d->text = psi_strdup(s->text))) {
        c->failed = 1;
        return NULL;
    }
    if (s->pts) {
        if (!(d->pts = psi_malloc_array(2 * s->n_pts, sizeof *d->pts))) {
            psi_free(d->text);
            c->failed = 1;
            return NULL;
        }
        memcpy(d->pts, s->pts, 2 * s->n_pts * sizeof *d->pts);
    }
    c->n++;
    return d;
}

static psi_shape blank(psi_shape_kind kind)
{
    psi_shape s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.fill = PSI_NONE;
    s.stroke = PSI_NONE;
    s.opacity = 1.0;
    s.party = -1;
    return s;
}

int psi_rect(ps_chart *c, double x, double y, double w, double h, uint32_t fill, double opacity,
             const char *tooltip)
{
    psi_shape s = blank(PSI_RECT);
    s.x = x;
    s.y = y;
    s.w = w;
    s.h = h;
    s.fill = fill;
    s.opacity = opacity;
    s.text = (char *)tooltip;
    return psi_chart_add(c, &s) ? 0 : -1;
}

int psi_circle(ps_chart *c, double x, double y, double r, uint32_t fill, uint32_t stroke,
               const char *tooltip, long party)
{
    psi_shape s = blank(PSI_CIRCLE);
    s.x = x;
    s.y = y;
    s.r = r;
    s.fill = fill;
    s.stroke = stroke;
    s.stroke_width = stroke == PSI_NONE ? 0 : 1;
    s.text = (char *)tooltip;
    s.party = party;
    return psi_chart_add(c, &s) ? 0 : -1;
}

int psi_line(ps_chart *c, double x1, double y1, double x2, double y2, uint32_t stroke,
             double width, int dash, const char *cls)
{
    psi_shape s = blank(PSI_LINE);
    s.x = x1;
    s.y = y1;
    s.w = x2;
    s.h = y2;
    s.stroke = stroke;
    s.stroke_width = width;
    s.dash = dash;
    s.cls = cls;
    return psi_chart_add(c, &s) ? 0 : -1;
}

int psi_polyline(ps_chart *c, const double *pts, size_t n, double cx, double cy, uint32_t stroke,
                 double width, int dash, const char *cls)
{
    psi_shape s = blank(PSI_POLYLINE);
    s.pts = (double *)pts;
    s.n_pts = n;
    s.w = cx;
    s.h = cy;
    s.stroke = stroke;
    s.stroke_width = width;
    s.dash = dash;
    s.cls = cls;
    return psi_chart_add(c, &s) ? 0 : -1;
}

int psi_text(ps_chart *c, double x, double y, const char *text, double size, psi_anchor anchor,
             int bold, uint32_t fill)
{
    psi_shape s = blank(PSI_TEXT);
    s.x = x;
    s.y = y;
    s.text = (char *)(text ? text : "");
    s.size = size;
    s.anchor = anchor;
    s.bold = bold;
    s.fill = fill;
    return psi_chart_add(c, &s) ? 0 : -1;
}

int psi_chart_finish(ps_chart **out, ps_chart *c, ps_error *err)
{
    *out = NULL;
    if (!c || c->failed) {
        ps_chart_free(c);
        return psi_enomem(err);
    }
    *out = c;
    return PS_OK;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

uint32_t psi_color_parse(const char *text, uint32_t fallback)
{
    if (!text || text[0] != '#' || strlen(text) != 7)
        return fallback;
    uint32_t v = 0;
    for (int i = 1; i < 7; i++) {
        int h = hexval(text[i]);
        if (h < 0)
            return fallback;
        v = (v << 4) | (uint32_t)h;
    }
    return v;
}

uint32_t psi_party_color(const ps_chart_party *p, size_t i)
{
    return psi_color_parse(p->color, psi_color_parse(ps_report_palette(i), 0x888888));
}

uint32_t psi_text_color_on(uint32_t fill)
{
    /* Relative luminance with the sRGB weights, good enough to choose. */
    double r = (double)((fill >> 16) & 255), g = (double)((fill >> 8) & 255),
           b = (double)(fill & 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140.0 ? 0x000000 : 0xFFFFFF;
}

double psi_text_width(const char *text, double size)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return 0.6 * size * (double)n;
}

char *psi_text_fit(const char *text, size_t max_chars)
{
    const char *s = text ? text : "";
    size_t chars = 0, cut = 0;
    for (size_t i = 0; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == (max_chars > 3 ? max_chars - 3 : 0) && !cut)
                cut = i;
            chars++;
        }
    if (chars <= max_chars)
        return psi_strdup(s);
    char *r = psi_malloc(cut + 4);
    if (!r)
        return NULL;
    memcpy(r, s, cut);
    memcpy(r + cut, "...", 4);
    return r;
}

void psi_buf_xml(psi_buf *b, const char *text)
{
    const char *s = text ? text : "";
    size_t start = 0, i = 0;
    for (; s[i]; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            /* Control characters are not allowed in XML 1.0: drop them. */
            if ((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n')
                rep = "";
        }
        if (rep) {
            psi_buf_append(b, s + start, i - start);
            psi_buf_puts(b, rep);
            start = i + 1;
        }
    }
    psi_buf_append(b, s + start, i - start);
}

/* A coordinate with at most two decimals, no trailing zeros, never "-0". */
static void num(psi_buf *b, double v)
{
    char text[64];
    if (!isfinite(v))
        v = 0;
    double r = round(v * 100.0) / 100.0;
    if (r == 0)
        r = 0; /* folds -0 */
    snprintf(text, sizeof text, "%.2f", r);
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == '0')
        n--;
    if (n > 0 && text[n - 1] == '.')
        n--;
    psi_buf_append(b, text, n);
}

static void color(psi_buf *b, const char *attr, uint32_t c)
{
    if (c == PSI_NONE)
        psi_buf_printf(b, " %s=\"none\"", attr);
    else
        psi_buf_printf(b, " %s=\"#%06x\"", attr, (unsigned)c);
}

static void attr(psi_buf *b, const char *name, double v)
{
    psi_buf_printf(b, " %s=\"", name);
    num(b, v);
    psi_buf_puts(b, "\"");
}

/* Two attributes at once: the x/y, width/height pairs of most shapes. */
static void attr2(psi_buf *b, const char *n1, double v1, const char *n2, double v2)
{
    attr(b, n1, v1);
    attr(b, n2, v2);
}

/* A point of a path or a points list: the command or separator, "x y". */
static void point(psi_buf *b, const char *lead, double x, double y, const char *sep)
{
    psi_buf_puts(b, lead);
    num(b, x);
    psi_buf_puts(b, sep);
    num(b, y);
}

/* The stroke of a line or polyline, dashed or not, and the end of its tag. */
static void stroke_and_end(psi_buf *b, const psi_shape *s)
{
    color(b, "stroke", s->stroke);
    attr(b, "stroke-width", s->stroke_width);
    if (s->dash)
        psi_buf_puts(b, " stroke-dasharray=\"6 4\"");
    psi_buf_puts(b, "/>\n");
}

static void close_shape(psi_buf *b, const psi_shape *s, const char *tag)
{
    if (s->text) {
        psi_buf_puts(b, "><title>");
        psi_buf_xml(b, s->text);
        psi_buf_printf(b, "</title></%s>\n", tag);
    } else {
        psi_buf_puts(b, "/>\n");
    }
}

static void open_tag(psi_buf *b, const char *tag, const psi_shape *s)
{
    psi_buf_printf(b, "<%s", tag);
    if (s->cls)
        psi_buf_printf(b, " class=\"%s\"", s->cls);
}

static void common(psi_buf *b, const psi_shape *s)
{
    if (s->party >= 0)
        psi_buf_printf(b, " data-party=\"%ld\"", s->party);
    color(b, "fill", s->fill);
    if (s->opacity < 1.0 && s->fill != PSI_NONE)
        attr(b, "fill-opacity", s->opacity);
    if (s->stroke != PSI_NONE) {
        color(b, "stroke", s->stroke);
        attr(b, "stroke-width", s->stroke_width);
        if (s->dash)
            psi_buf_puts(b, " stroke-dasharray=\"6 4\"");
    }
}

void psi_chart_svg(psi_buf *b, const ps_chart *c)
{
    psi_buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
    attr(b, "width", c->width);
    attr(b, "height", c->height);
    psi_buf_puts(b, " viewBox=\"0 0 ");
    num(b, c->width);
    psi_buf_puts(b, " ");
    num(b, c->height);
    psi_buf_puts(b, "\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" role=\"img\">\n");
    if (c->title) {
        psi_buf_puts(b, "<title>");
        psi_buf_xml(b, c->title);
        psi_buf_puts(b, "</title>\n");
    }
    psi_buf_puts(b, "<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    for (size_t i = 0; i < c->n; i++) {
        const psi_shape *s = &c->shapes[i];
        switch (s->kind) {
        case PSI_RECT:
            open_tag(b, "rect", s);
            attr2(b, "x", s->x, "y", s->y);
            attr2(b, "width", s->w, "height", s->h);
            common(b, s);
            close_shape(b, s, "rect");
            break;
        case PSI_CIRCLE:
            open_tag(b, "circle", s);
            attr2(b, "cx", s->x, "cy", s->y);
            attr(b, "r", s->r);
            common(b, s);
            close_shape(b, s, "circle");
            break;
        case PSI_DIAMOND:
            open_tag(b, "path", s);
            point(b, " d=\"M", s->x, s->y - s->r, " ");
            point(b, "L", s->x + s->r, s->y, " ");
            point(b, "L", s->x, s->y + s->r, " ");
            point(b, "L", s->x - s->r, s->y, " ");
            psi_buf_puts(b, "Z\"");
            common(b, s);
            close_shape(b, s, "path");
            break;
        case PSI_LINE:
            open_tag(b, "line", s);
            attr2(b, "x1", s->x, "y1", s->y);
            attr2(b, "x2", s->w, "y2", s->h);
            stroke_and_end(b, s);
            break;
        case PSI_POLYLINE:
            open_tag(b, "polyline", s);
            psi_buf_puts(b, " points=\"");
            for (size_t k = 0; k < s->n_pts; k++)
                point(b, k ? " " : "", s->pts[2 * k], s->pts[2 * k + 1], ",");
            psi_buf_puts(b, "\"");
            attr2(b, "data-cx", s->w, "data-cy", s->h);
            psi_buf_puts(b, " fill=\"none\"");
            stroke_and_end(b, s);
            break;
        case PSI_TEXT:
            open_tag(b, "text", s);
            attr2(b, "x", s->x, "y", s->y);
            attr(b, "font-size", s->size);
            if (s->anchor == PSI_MIDDLE)
                psi_buf_puts(b, " text-anchor=\"middle\"");
            else if (s->anchor == PSI_END)
                psi_buf_puts(b, " text-anchor=\"end\"");
            if (s->bold)
                psi_buf_puts(b, " font-weight=\"bold\"");
            color(b, "fill", s->fill == PSI_NONE ? 0 : s->fill);
            psi_buf_puts(b, ">");
            psi_buf_xml(b, s->text);
            psi_buf_puts(b, "</text>\n");
            break;
        }
    }
    psi_buf_puts(b, "</svg>\n");
}
