/*
 * file.c - reading an input whole: a path, or standard input for "-".
 *
 * Inputs are small (a legislature, a votes table, a poll), so they are read
 * whole with open/fstat/read: a directory, a missing file and a permission
 * problem each get their own message, and pipes, FIFOs and standard input
 * work as well as regular files (their buffer grows as data comes). Every
 * reader takes the text from here exactly once, so an input that can be
 * read only once (a pipe) gives the same result as the file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "powershare/io.h"

static int open_error(ps_error *err, const char *path, int e)
{
    char msg[128];
    switch (e) {
    case ENOENT: return psi_error(err, PS_EIO, path, 0, 0, "no such file");
    case EACCES: return psi_error(err, PS_EIO, path, 0, 0, "permission denied (cannot read it)");
    case EISDIR: return psi_error(err, PS_EIO, path, 0, 0, "is a directory, not a file");
    case ENOTDIR:
        return psi_error(err, PS_EIO, path, 0, 0, "no such file (a part of the path is not a "
                         "directory)");
    default:
        if (strerror_r(e, msg, sizeof msg) != 0)
            snprintf(msg, sizeof msg, "error %d", e);
        return psi_error(err, PS_EIO, path, 0, 0, "cannot read: %s", msg);
    }
}

static int too_large(ps_error *err, const char *path)
{
    return psi_error(err, PS_ERANGE, path, 0, 0, "file is too large (the limit is %zu MiB)",
                     PS_IO_MAX_FILE_BYTES >> 20);
}

const char *ps_file_display_name(const char *path)
{
    return path && strcmp(path, "-") == 0 ? PS_STDIN_NAME : path;
}

/* Standard input can be read once; a second "-" in one process would read
 * nothing and look like an empty file, so it is refused by name. */
static atomic_flag stdin_taken = ATOMIC_FLAG_INIT;

static int open_input(int *fd, const char *path, ps_error *err)
{
    if (strcmp(path, "-") == 0) {
        if (atomic_flag_test_and_set(&stdin_taken))
            return psi_error(err, PS_EINVAL, PS_STDIN_NAME, 0, 0,
                             "standard input was already read: '-' can stand for one input "
                             "file only");
        *fd = STDIN_FILENO;
        return 0;
    }
    do
        *fd = open(path, O_RDONLY);
    while (*fd < 0 && errno == EINTR);
    return *fd < 0 ? open_error(err, path, errno) : 0;
}

static void close_input(int fd)
{
    if (fd != STDIN_FILENO)
        close(fd);
}

int ps_file_read(char **out, size_t *out_len, const char *path, ps_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (!path || !*path)
        return psi_error(err, PS_EINVAL, NULL, 0, 0, "no file name given");
    int fd = -1;
    int rc = open_input(&fd, path, err);
    if (rc < 0)
        return rc;
    path = ps_file_display_name(path);
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        close_input(fd);
        return open_error(err, path, e);
    }
    if (S_ISDIR(st.st_mode)) {
        close_input(fd);
        return open_error(err, path, EISDIR);
    }
    /* Regular files are read in one block of their size; pipes and devices
     * report no size, so their buffer grows as data comes. */
    size_t cap = 65536;
    if (S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > PS_IO_MAX_FILE_BYTES) {
            close_input(fd);
            return too_large(err, path);
        }
        cap = (size_t)st.st_size + 2; /* room to see the end without growing */
    }
    char *buf = psi_malloc(cap);
    if (!buf) {
        close_input(fd);
        return psi_enomem(err);
    }
    size_t len = 0;
    for (;;) {
        if (len + 1 >= cap) {
            if (len >= PS_IO_MAX_FILE_BYTES + 1) {
                rc = too_large(err, path);
                break;
            }
            size_t ncap = cap * 2 > PS_IO_MAX_FILE_BYTES + 2 ? PS_IO_MAX_FILE_BYTES + 2 : cap * 2;
            char *nbuf = psi_realloc(buf, ncap);
            if (!nbuf) {
                rc = psi_enomem(err);
                break;
            }
            buf = nbuf;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + len, cap - 1 - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = open_error(err, path, errno);
            break;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close_input(fd);
    if (rc == 0 && len > PS_IO_MAX_FILE_BYTES)
        rc = too_large(err, path);
    if (rc < 0) {
        psi_free(buf);
        return rc;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return 0;
}
