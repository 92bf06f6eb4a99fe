/*
 * fuzz_file.h - for harnesses of readers that only take a path: the input
 * goes into an anonymous in-memory file (memfd), read through
 * /proc/self/fd/N, so nothing touches the disk. Include it first (it needs
 * _GNU_SOURCE for memfd_create).
 */
#ifndef POWERSHARE_FUZZ_FILE_H
#define POWERSHARE_FUZZ_FILE_H

#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_common.h"

/* The path of the current input, for the harness's run function. */
static char fuzz_path[64];

/* Writes the input to a memfd, sets fuzz_path to it and drives `run`. */
static inline void fuzz_drive_file(fuzz_run_fn run, const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz", 0);
    if (fd < 0) {
        perror("memfd_create");
        abort();
    }
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) {
            perror("write");
            abort();
        }
        done += (size_t)n;
    }
    snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fd);
    fuzz_drive(run, data, size, fuzz_path);
    close(fd);
}

#endif
