/*
 * io_sections.c - the analysis sections of a legislature file.
 *
 * A legislature JSON file may also say how the chamber is elected
 * ("election": method, seats, threshold) and how to analyse it: its
 * decision "rule", the power-sharing "condition", the what-if "scenarios"
 * and the reserved "offices". Each stage reads its own section with its own
 * checks and positions; this file only finds the section. A CSV legislature
 * has no sections, which is not an error: the stages then use defaults.
 */
#include <string.h>

#include "util.h"
#include "json_reader.h"
#include "powershare/io.h"

int psi_json_load_section(psi_json_doc **doc, const psi_json **section, const char *path,
                          const char *key, ps_error *err)
{
    char *text = NULL;
    size_t len = 0;
    *doc = NULL;
    *section = NULL;
    int rc = ps_file_read(&text, &len, path, err);
    if (rc < 0)
        return rc;
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    if (i == len || text[i] != '{') { /* CSV (or something the loader refuses) */
        psi_free(text);
        return PS_OK;
    }
    rc = psi_json_parse(doc, text, len, path, err);
    psi_free(text);
    if (rc < 0)
        return rc;
    *section = psi_json_get(psi_json_root(*doc), key);
    return PS_OK;
}
