/*
 * report_html.c - one self-contained HTML page.
 *
 * Everything is inline: the CSS in a <style> element, each chart as inline
 * <svg> (the same writer as the .svg files, whose text is already escaped
 * for XML and so for HTML), the text sections in <pre>. No script, no font,
 * no image and no link to anything outside, so the page opens from a file,
 * offline, years later, and cannot leak who reads it.
 */
#include <string.h>

#include "report_internal.h"

/* Nothing may run past the page's edge, at any window width: charts scale
 * down to the column (their viewBox keeps the proportions); text wraps at
 * the column, keeping its line breaks and spaces so that tables stay aligned
 * wherever they fit, and a word too long for a line breaks rather than
 * widening the page. A narrow window gets smaller margins and type. */
static const char style[] =
    "body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;margin:2em auto;max-width:1040px;"
    "color:#222;background:#fff;padding:0 1em;overflow-wrap:break-word}\n"
    "h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;"
    "margin-top:2em}\n"
    "section,figure{max-width:100%;min-width:0}\n"
    "figure{margin:1em 0}\n"
    "pre{background:#f6f6f6;padding:1em;max-width:100%;box-sizing:border-box;"
    "white-space:pre-wrap;overflow-wrap:anywhere;overflow-x:auto;font-size:.85em;"
    "line-height:1.35}\n"
    "svg{display:block;max-width:100%;height:auto}\n"
    "footer{margin-top:3em;font-size:.8em;color:#666}\n"
    "@media (max-width:600px){body{margin:1em auto;padding:0 .5em}pre{padding:.5em;"
    "font-size:.75em}}\n";

int ps_report_html(char **out, const char *title, const ps_report_section *sections,
                   size_t n_sections, ps_error *err)
{
    if (!out || (n_sections && !sections))
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "ps_report_html: NULL argument");
    *out = NULL;
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "style-src 'unsafe-inline'; img-src data:\">\n<title>");
    psi_buf_xml(&b, title ? title : "powershare report");
    psi_buf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", style);
    psi_buf_xml(&b, title ? title : "powershare report");
    psi_buf_puts(&b, "</h1>\n");
    for (size_t i = 0; i < n_sections; i++) {
        const ps_report_section *s = &sections[i];
        psi_buf_puts(&b, "<section>\n");
        if (s->heading) {
            psi_buf_puts(&b, "<h2>");
            psi_buf_xml(&b, s->heading);
            psi_buf_puts(&b, "</h2>\n");
        }
        if (s->text) {
            psi_buf_puts(&b, "<pre>");
            psi_buf_xml(&b, s->text);
            psi_buf_puts(&b, "</pre>\n");
        }
        if (s->chart) {
            if (s->chart->failed) {
                psi_buf_free(&b);
                return psi_enomem(err);
            }
            psi_buf_puts(&b, "<figure>\n");
            psi_chart_svg(&b, s->chart);
            psi_buf_puts(&b, "</figure>\n");
        }
        psi_buf_puts(&b, "</section>\n");
    }
    psi_buf_puts(&b, "<footer>Made by powershare " "from the data named above; "
                     "every figure is computed exactly where it can be.</footer>\n"
                     "</body>\n</html>\n");
    char *s = psi_buf_take(&b);
    if (!s)
        return psi_enomem(err);
    *out = s;
    return PS_OK;
}
