/*
 * output.c - writing results so that a failure never leaves half a file.
 *
 * With -o FILE the text goes to a temporary file in FILE's own folder (so
 * rename() stays on one file system and is atomic), is flushed and synced,
 * and only then renamed over FILE. If anything fails, or the program is
 * killed midway, FILE keeps its old content and the temporary is removed (or,
 * after a kill, left with a name that says what it is).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        text += n;
        len -= (size_t)n;
    }
    return 0;
}

int cli_write_output(const char *path, const char *text, size_t len)
{
    if (!path || !strcmp(path, "-")) {
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
            fprintf(stderr, "powershare: cannot write to standard output: %s\n", strerror(errno));
            return EXIT_FAILURE_;
        }
        return EXIT_OK;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + sizeof ".powershare-tmp-XXXXXX");
    if (!tmp) {
        fprintf(stderr, "powershare: out of memory\n");
        return EXIT_FAILURE_;
    }
    /* Same folder as the target: name.powershare-tmp-XXXXXX */
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".powershare-tmp-XXXXXX", sizeof ".powershare-tmp-XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "powershare: %s: cannot create a temporary file next to it: %s\n", path,
                strerror(errno));
        free(tmp);
        return EXIT_FAILURE_;
    }
    /* mkstemp makes the file private; give it the mode a new file gets. */
    mode_t mask = umask(0);
    umask(mask);
    int saved = 0;
    if (fchmod(fd, 0666 & ~mask) < 0)
        saved = errno;
    if (!saved && (write_all(fd, text, len) < 0 || fsync(fd) < 0))
        saved = errno;
    if (close(fd) < 0 && !saved)
        saved = errno;
    if (!saved && rename(tmp, path) < 0)
        saved = errno;
    if (saved) {
        unlink(tmp);
        fprintf(stderr, "powershare: %s: cannot write: %s\n", path, strerror(saved));
        free(tmp);
        return EXIT_FAILURE_;
    }
    free(tmp);
    return EXIT_OK;
}
