/*
 * data_find.c - where the shipped data files are (data_find.h): next to the
 * running program, the source tree for a program in the build folder, the
 * installed data directory.
 *
 * The library reads /proc/self/exe itself rather than taking argv[0] from
 * the program: every caller (the CLI, the server, a program linked against
 * the library) finds the data without passing its own path, and
 * /proc/self/exe is the kernel's answer - argv[0] may be a bare name found
 * on PATH, a relative path from another folder, or a symbolic link. Where
 * /proc is missing that step is skipped and the others still apply.
 *
 * The build passes three folders (src/lib/meson.build): PS_MODEL_DATADIR
 * (the install's data directory, powershare/ included), PS_MODEL_SOURCE_ROOT
 * and PS_MODEL_BUILD_ROOT. The source tree's data/ is used only by a
 * program inside the build folder, so an installed program never picks up
 * data from a source tree left behind.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "data_find.h"

#ifndef PS_MODEL_DATADIR
#define PS_MODEL_DATADIR "/usr/local/share/powershare"
#endif

/* From the program's folder to the install's data, for the default layout
 * PREFIX/bin and PREFIX/share. */
#define NEXT_TO_BINARY "../share/powershare/"

static bool readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* The running program's path into buf; false where it cannot be known. */
static bool self_exe(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return false;
    buf[n] = '\0';
    return true;
}

/* True when path lies inside the folder dir. */
static bool inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return n > 0 && !strncmp(path, dir, n) && path[n] == '/';
}

/* Tries one candidate: *out_path on success; otherwise adds it to the list
 * of places looked in. Returns 1 found, 0 not, PS_ENOMEM. */
static int try_path(char **out_path, psi_buf *looked, const char *path, ps_error *err)
{
    if (readable(path)) {
        if (!(*out_path = psi_strdup(path)))
            return psi_enomem(err);
        return 1;
    }
    psi_buf_printf(looked, "%s%s", looked->len ? ", " : "", path);
    return 0;
}

int psi_data_find(char **out_path, const char *relative, psi_buf *looked, ps_error *err)
{
    *out_path = NULL;
    char exe[PATH_MAX], path[2 * PATH_MAX];
    int rc = 0;
    if (self_exe(exe, sizeof exe)) {
        char *slash = strrchr(exe, '/');
        snprintf(path, sizeof path, "%.*s/" NEXT_TO_BINARY "%s", (int)(slash ? slash - exe : 0),
                 exe, relative);
        rc = try_path(out_path, looked, path, err);
#if defined(PS_MODEL_SOURCE_ROOT) && defined(PS_MODEL_BUILD_ROOT)
        if (rc == 0 && inside(exe, PS_MODEL_BUILD_ROOT)) {
            snprintf(path, sizeof path, "%s/data/%s", PS_MODEL_SOURCE_ROOT, relative);
            rc = try_path(out_path, looked, path, err);
        }
#else
        (void)inside;
#endif
    }
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/%s", PS_MODEL_DATADIR, relative);
        rc = try_path(out_path, looked, path, err);
    }
    return rc;
}
