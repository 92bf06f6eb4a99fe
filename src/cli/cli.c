/*
 * cli.c - errors, exit codes and text helpers shared by the subcommands.
 *
 * Exit codes follow the library's return codes: bad input data (malformed
 * or invalid files, numbers too large, an undecided tie in the data) is 3,
 * usage is 2, anything else 1.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_exit_code(int rc)
{
    switch (rc) {
    case PS_OK: return EXIT_OK;
    case PS_EINVAL: return EXIT_USAGE;
    case PS_EIO:
    case PS_EPARSE:
    case PS_EDATA:
    case PS_ETIE:
    case PS_ERANGE: return EXIT_BAD_DATA;
    default: return EXIT_FAILURE_; /* PS_ENOMEM, and PS_ECANCELED (never asked for) */
    }
}

int cli_fail(const ps_error *err)
{
    char text[PS_ERROR_FILE_MAX + PS_ERROR_MESSAGE_MAX + 64];
    ps_error_format(err, text, sizeof text);
    fprintf(stderr, "powershare: %s\n", text);
    return cli_exit_code(err->code);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "powershare %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'powershare %s --help')\n", cmd);
    return EXIT_USAGE;
}

int cli_parse_format(const char *cmd, const char *text, output_format *out)
{
    if (!strcmp(text, "text"))
        *out = FORMAT_TEXT;
    else if (!strcmp(text, "json"))
        *out = FORMAT_JSON;
    else if (!strcmp(text, "csv"))
        *out = FORMAT_CSV;
    else {
        cli_usage_error(cmd, "unknown format '%s'; expected text, json or csv", text);
        return -1;
    }
    return 0;
}

size_t cli_display_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            w++;
    return w;
}

void cli_pad(psi_buf *b, const char *s, size_t width, bool right)
{
    size_t w = cli_display_width(s);
    if (right)
        for (; w < width; w++)
            psi_buf_append(b, " ", 1);
    psi_buf_puts(b, s);
    if (!right)
        for (; w < width; w++)
            psi_buf_append(b, " ", 1);
}

void cli_csv_ids(psi_buf *b, const ps_legislature *leg, ps_members m)
{
    psi_buf tmp;
    psi_buf_init(&tmp);
    bool first = true;
    for (size_t i = 0; i < leg->n_parties; i++)
        if (m & PS_MEMBER(i)) {
            psi_buf_printf(&tmp, "%s%s", first ? "" : ";", leg->parties[i].id);
            first = false;
        }
    psi_buf_csv_field(b, tmp.data ? tmp.data : "");
    psi_buf_free(&tmp);
}

size_t cli_name_width(const char *s)
{
    size_t w = cli_display_width(s);
    return w > CLI_NAME_MAX ? CLI_NAME_MAX : w;
}

bool cli_pad_name(psi_buf *b, const char *s, size_t width, bool right)
{
    if (cli_display_width(s) <= CLI_NAME_MAX) {
        cli_pad(b, s, width, right);
        return false;
    }
    /* The first CLI_NAME_MAX - 1 code points, trailing spaces dropped, then
     * an ellipsis (U+2026, one column). */
    const char *p = s;
    for (size_t cols = 0; *p; p++) {
        if ((*(const unsigned char *)p & 0xC0) != 0x80 && cols++ == CLI_NAME_MAX - 1)
            break;
    }
    size_t len = (size_t)(p - s), shown = CLI_NAME_MAX - 1;
    while (len && s[len - 1] == ' ') {
        len--;
        shown--;
    }
    if (right)
        for (size_t w = shown + 1; w < width; w++)
            psi_buf_append(b, " ", 1);
    psi_buf_append(b, s, len);
    psi_buf_puts(b, "\xE2\x80\xA6");
    if (!right)
        for (size_t w = shown + 1; w < width; w++)
            psi_buf_append(b, " ", 1);
    return true;
}

void cli_names_note(psi_buf *b, bool shortened)
{
    if (shortened)
        psi_buf_printf(b, "(names longer than %d columns are shortened with \xE2\x80\xA6; "
                          "--format json or csv gives them whole)\n", CLI_NAME_MAX);
}

/* --threshold: a share ("5%", 0.05, 1/20) or "quota". A bare number of 1 or
 * more (a fraction of 100% or more) is surely a percentage without its %:
 * "did you mean 4%?". */
int cli_parse_share(const char *cmd, const char *option, const char *text, ps_ratio *out,
                    const char *alternative)
{
    ps_error err;
    if (ps_ratio_parse(out, text, &err) < 0)
        return cli_usage_error(cmd, "%s: %s%s", option, err.message, alternative);
    if (!strpbrk(text, "%/") && out->num >= out->den)
        return cli_usage_error(cmd, "%s: '%s' without %% is a fraction of the "
                                    "votes (0.05 is 5%%), here %.6g%%; did you mean %s%%?",
                               option, text, 100.0 * (double)out->num / (double)out->den, text);
    if (out->num > out->den)
        return cli_usage_error(cmd, "%s: '%s' is more than 100%% of the votes", option, text);
    return 0;
}

int cli_parse_threshold(const char *cmd, const char *text, ps_apportion_options *opt)
{
    if (!strcmp(text, "quota")) {
        opt->threshold = PS_THRESHOLD_QUOTA;
        return 0;
    }
    int rc = cli_parse_share(cmd, "--threshold", text, &opt->threshold_share, ", or 'quota'");
    if (rc)
        return rc;
    opt->threshold = PS_THRESHOLD_SHARE;
    return 0;
}
