/*
 * temp_text.h - writes a test's text to a fresh file under /tmp, for the
 * calls that read a path (test_predict.c, test_predict_inclusive.c,
 * test_rule.c, test_portfolio.c, test_simulate.c). The path is in a static
 * buffer: valid until the next call in the same file; the caller may
 * unlink it.
 */
#ifndef POWERSHARE_TEST_TEMP_TEXT_H
#define POWERSHARE_TEST_TEMP_TEXT_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static inline const char *temp_text(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/ps-test-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0, "mkstemp");
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        cr_assert(w > 0, "write %s", path);
        done += (size_t)w;
    }
    close(fd);
    return path;
}

#endif
