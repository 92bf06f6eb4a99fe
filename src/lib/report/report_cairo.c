/*
 * report_cairo.c - PNG and PDF through cairo, and writing charts to files.
 *
 * The renderer walks the same shape list as the SVG writer, with the same
 * geometry: SVG's text baseline is cairo's current point, and the anchor
 * (start, middle, end) is applied with cairo's own text extents, so labels
 * sit where the SVG puts them. Text uses cairo's "toy" font API with
 * "DejaVu Sans" (Debian's fonts-dejavu-core), which fontconfig resolves.
 *
 * Memory: cairo allocates with the C library's allocator; only what this
 * file hands back goes through psi_malloc, so the library's accounting of
 * what the caller owns stays exact.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_internal.h"

static void set_rgb(cairo_t *cr, uint32_t c, double alpha)
{
    cairo_set_source_rgba(cr, (double)((c >> 16) & 255) / 255.0, (double)((c >> 8) & 255) / 255.0,
                          (double)(c & 255) / 255.0, alpha);
}

static void fill_stroke(cairo_t *cr, const psi_shape *s)
{
    if (s->fill != PSI_NONE) {
        set_rgb(cr, s->fill, s->opacity);
        if (s->stroke != PSI_NONE)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (s->stroke != PSI_NONE) {
        set_rgb(cr, s->stroke, 1.0);
        cairo_set_line_width(cr, s->stroke_width);
        if (s->dash) {
            static const double pattern[2] = {6, 4};
            cairo_set_dash(cr, pattern, 2, 0);
        }
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    cairo_new_path(cr);
}

static void draw(cairo_t *cr, const ps_chart *c)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    for (size_t i = 0; i < c->n; i++) {
        const psi_shape *s = &c->shapes[i];
        switch (s->kind) {
        case PSI_RECT:
            cairo_rectangle(cr, s->x, s->y, s->w, s->h);
            fill_stroke(cr, s);
            break;
        case PSI_CIRCLE:
            cairo_new_sub_path(cr);
            cairo_arc(cr, s->x, s->y, s->r, 0, 6.283185307179586);
            fill_stroke(cr, s);
            break;
        case PSI_DIAMOND:
            cairo_move_to(cr, s->x, s->y - s->r);
            cairo_line_to(cr, s->x + s->r, s->y);
            cairo_line_to(cr, s->x, s->y + s->r);
            cairo_line_to(cr, s->x - s->r, s->y);
            cairo_close_path(cr);
            fill_stroke(cr, s);
            break;
        case PSI_LINE:
            cairo_move_to(cr, s->x, s->y);
            cairo_line_to(cr, s->w, s->h);
            {
                psi_shape t = *s;
                t.fill = PSI_NONE;
                fill_stroke(cr, &t);
            }
            break;
        case PSI_POLYLINE:
            for (size_t k = 0; k < s->n_pts; k++)
                (k ? cairo_line_to : cairo_move_to)(cr, s->pts[2 * k], s->pts[2 * k + 1]);
            {
                psi_shape t = *s;
                t.fill = PSI_NONE;
                fill_stroke(cr, &t);
            }
            break;
        case PSI_TEXT: {
            cairo_text_extents_t ext;
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                   s->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
            cairo_set_font_size(cr, s->size);
            cairo_text_extents(cr, s->text, &ext);
            double x = s->x;
            if (s->anchor == PSI_MIDDLE)
                x -= ext.x_advance / 2;
            else if (s->anchor == PSI_END)
                x -= ext.x_advance;
            set_rgb(cr, s->fill == PSI_NONE ? 0 : s->fill, 1.0);
            cairo_move_to(cr, x, s->y);
            cairo_show_text(cr, s->text);
            cairo_new_path(cr);
            break;
        }
        }
    }
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    psi_buf *b = closure;
    return psi_buf_append(b, (const char *)data, length) < 0 ? CAIRO_STATUS_WRITE_ERROR
                                                              : CAIRO_STATUS_SUCCESS;
}

int ps_chart_render(unsigned char **out, size_t *out_len, const ps_chart *chart,
                    ps_chart_format format, double scale, ps_error *err)
{
    if (!out || !out_len || !chart)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_chart_render: NULL argument");
    *out = NULL;
    *out_len = 0;
    if (chart->failed)
        return psi_enomem(err);
    psi_buf b;
    psi_buf_init(&b);
    if (format == PS_CHART_SVG) {
        psi_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        psi_chart_svg(&b, chart);
    } else if (format == PS_CHART_PNG || format == PS_CHART_PDF) {
        if (scale <= 0)
            scale = 1;
        if (scale > 8)
            return psi_error(err, PS_EINVAL, NULL, 0, 0, "PNG scale %g is above 8", scale);
        cairo_surface_t *surface;
        if (format == PS_CHART_PNG)
            surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                 (int)(chart->width * scale + 0.5),
                                                 (int)(chart->height * scale + 0.5));
        else
            surface = cairo_pdf_surface_create_for_stream(to_buf, &b, chart->width,
                                                          chart->height);
        cairo_t *cr = cairo_create(surface);
        if (format == PS_CHART_PNG)
            cairo_scale(cr, scale, scale);
        draw(cr, chart);
        cairo_status_t st = cairo_status(cr);
        cairo_destroy(cr);
        if (format == PS_CHART_PNG && st == CAIRO_STATUS_SUCCESS)
            st = cairo_surface_write_to_png_stream(surface, to_buf, &b);
        cairo_surface_finish(surface);
        if (st == CAIRO_STATUS_SUCCESS)
            st = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (st != CAIRO_STATUS_SUCCESS && !b.failed) {
            psi_buf_free(&b);
            return psi_error(err, PS_EIO, NULL, 0, 0, "cairo could not draw the chart: %s",
                             cairo_status_to_string(st));
        }
    } else {
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "unknown chart format %d", (int)format);
    }
    size_t len = b.len;
    char *data = psi_buf_take(&b);
    if (!data)
        return psi_enomem(err);
    *out = (unsigned char *)data;
    *out_len = len;
    return PS_OK;
}

int ps_chart_write(const ps_chart *chart, const char *path, ps_error *err)
{
    ps_chart_format format;
    int rc = ps_chart_format_from_path(&format, path, err);
    if (rc < 0)
        return rc;
    unsigned char *data = NULL;
    size_t len = 0;
    rc = ps_chart_render(&data, &len, chart, format, 1.0, err);
    if (rc < 0)
        return rc;
    size_t n = strlen(path);
    char *tmp = psi_malloc(n + sizeof ".powershare-tmp-XXXXXX");
    if (!tmp) {
        psi_free(data);
        return psi_enomem(err);
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".powershare-tmp-XXXXXX", sizeof ".powershare-tmp-XXXXXX");
    int fd = mkstemp(tmp);
    int saved = fd < 0 ? errno : 0;
    if (fd >= 0) {
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) < 0)
            saved = errno;
        for (size_t off = 0; !saved && off < len;) {
            ssize_t w = write(fd, data + off, len - off);
            if (w < 0 && errno != EINTR)
                saved = errno;
            else if (w > 0)
                off += (size_t)w;
        }
        if (!saved && fsync(fd) < 0)
            saved = errno;
        if (close(fd) < 0 && !saved)
            saved = errno;
        if (!saved && rename(tmp, path) < 0)
            saved = errno;
        if (saved)
            unlink(tmp);
    }
    psi_free(tmp);
    psi_free(data);
    if (saved)
        return psi_error(err, PS_EIO, path, 0, 0, "cannot write the chart: %s", strerror(saved));
    return PS_OK;
}

void ps_report_shutdown(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}
