/*
 * cli_csv.c - CSV output of the commands whose result has several tables
 * (analyze, whatif, portfolios).
 *
 * A CSV file holds one table, so a result of several tables cannot be one
 * CSV file without a convention a spreadsheet does not know. The convention
 * (docs/cli.md, "Output formats"): --format csv writes one table, the
 * command's main one unless --table NAME picks another, to standard output
 * or -o FILE; --csv-dir DIR writes every table as DIR/NAME.csv. Fields are
 * quoted as RFC 4180 asks (psi_buf_csv_field); lines end in LF like the
 * other CSV outputs of the program.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

long cli_csv_find(const char *cmd, const cli_csv_table *tables, size_t n, const char *name)
{
    if (!name)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!strcmp(tables[k].name, name))
            return (long)k;
    psi_buf names;
    psi_buf_init(&names);
    for (size_t k = 0; k < n; k++)
        psi_buf_printf(&names, "%s%s", k ? ", " : "", tables[k].name);
    cli_usage_error(cmd, "--table: no table '%s'; expected one of %s", name,
                    names.data ? names.data : "");
    psi_buf_free(&names);
    return -1;
}

int cli_csv_write_one(const char *path, const cli_csv_table *table, const void *result)
{
    psi_buf b;
    psi_buf_init(&b);
    table->print(&b, result);
    int status;
    if (b.failed) {
        fprintf(stderr, "powershare: out of memory\n");
        status = EXIT_FAILURE_;
    } else {
        status = cli_write_output(path, b.data ? b.data : "", b.len);
    }
    psi_buf_free(&b);
    return status;
}

int cli_csv_write_dir(const char *dir, const cli_csv_table *tables, size_t n, const void *result)
{
    struct stat st;
    if (stat(dir, &st) < 0) {
        fprintf(stderr, "powershare: %s: --csv-dir expects an existing folder: %s\n", dir,
                strerror(errno));
        return EXIT_FAILURE_;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "powershare: %s: --csv-dir expects a folder, not a file\n", dir);
        return EXIT_FAILURE_;
    }
    for (size_t k = 0; k < n; k++) {
        psi_buf path;
        psi_buf_init(&path);
        psi_buf_printf(&path, "%s/%s.csv", dir, tables[k].name);
        int status = path.failed ? EXIT_FAILURE_ : cli_csv_write_one(path.data, &tables[k], result);
        if (path.failed)
            fprintf(stderr, "powershare: out of memory\n");
        psi_buf_free(&path);
        if (status != EXIT_OK)
            return status;
    }
    return EXIT_OK;
}

void cli_csv_fraction(psi_buf *b, const ps_fraction *f)
{
    psi_buf_puts(b, ",");
    if (!isnan(f->value))
        psi_buf_printf(b, "%.10g", f->value);
    psi_buf_puts(b, ",");
    if (f->num && f->den) {
        psi_buf_puts(b, f->num);
        if (strcmp(f->den, "1"))
            psi_buf_printf(b, "/%s", f->den);
    }
}
