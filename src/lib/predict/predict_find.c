/*
 * predict_find.c - where the prediction model is (ps_predict_model_find,
 * include/powershare/predict.h): the path given, POWERSHARE_MODEL, next to
 * the running program, the installed data directory.
 *
 * The library reads /proc/self/exe itself rather than taking argv[0] from
 * the program: ps_analyze finds the model for every caller (the CLI, the
 * server, a program linked against the library) without each of them
 * passing its own path, and /proc/self/exe is the kernel's answer - argv[0]
 * may be a bare name found on PATH, a relative path from another folder, or
 * a symbolic link. Where /proc is missing that step is skipped and the
 * others still apply.
 *
 * The build passes three folders (meson.build, src/lib/meson.build):
 * PS_MODEL_DATADIR (the install's data directory, powershare/ included),
 * PS_MODEL_SOURCE_ROOT and PS_MODEL_BUILD_ROOT. The source tree's
 * data/ is used only by a program inside the build folder, so an installed
 * program never picks up a model from a source tree left behind.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "powershare/predict.h"

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

int ps_predict_model_find(char **out_path, const char *given, ps_error *err)
{
    *out_path = NULL;
    if (given && *given) {
        if (!(*out_path = psi_strdup(given)))
            return psi_enomem(err);
        return PS_OK;
    }
    const char *env = getenv(PS_PREDICT_MODEL_ENV);
    if (env && *env) {
        if (!readable(env))
            return psi_error(err, PS_EIO, NULL, 0, 0,
                             "%s names '%s', which cannot be read (%s); set it to a prediction "
                             "model file, or give one with --model FILE",
                             PS_PREDICT_MODEL_ENV, env, strerror(errno));
        if (!(*out_path = psi_strdup(env)))
            return psi_enomem(err);
        return PS_OK;
    }
    psi_buf looked;
    psi_buf_init(&looked);
    char exe[PATH_MAX], path[PATH_MAX + 64];
    int rc = 0;
    if (self_exe(exe, sizeof exe)) {
        char *slash = strrchr(exe, '/');
        snprintf(path, sizeof path, "%.*s/" NEXT_TO_BINARY PS_PREDICT_MODEL_FILE,
                 (int)(slash ? slash - exe : 0), exe);
        rc = try_path(out_path, &looked, path, err);
#if defined(PS_MODEL_SOURCE_ROOT) && defined(PS_MODEL_BUILD_ROOT)
        if (rc == 0 && inside(exe, PS_MODEL_BUILD_ROOT))
            rc = try_path(out_path, &looked, PS_MODEL_SOURCE_ROOT "/data/" PS_PREDICT_MODEL_FILE,
                          err);
#else
        (void)inside;
#endif
    }
    if (rc == 0)
        rc = try_path(out_path, &looked, PS_MODEL_DATADIR "/" PS_PREDICT_MODEL_FILE, err);
    if (rc == 0) {
        if (looked.failed)
            rc = psi_enomem(err);
        else
            rc = psi_error(err, PS_EIO, NULL, 0, 0,
                           "no prediction model found: %s is not set, and there is none in "
                           "%s; give one with --model FILE or the environment variable %s",
                           PS_PREDICT_MODEL_ENV, looked.data, PS_PREDICT_MODEL_ENV);
    }
    psi_buf_free(&looked);
    return rc < 0 ? rc : PS_OK;
}
