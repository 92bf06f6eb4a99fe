/*
 * replay_main.c - runs a fuzz harness over files, without libFuzzer.
 *
 * usage: fuzz_<name> PATH...   (each PATH a file or a folder of files)
 *
 * Every regular file (folders are read one level deep, names starting with
 * '.' skipped, in name order so runs repeat) is handed to
 * LLVMFuzzerTestOneInput once. A harness reports a broken invariant by
 * aborting, and the sanitizer build aborts on any report, so reaching the
 * end means every input passed. Prints "replayed N inputs" and exits 0;
 * exits 2 when a path cannot be read or no input was found.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, len = 0;
    uint8_t *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            uint8_t *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    int bad = !buf || ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(buf);
        return -1;
    }
    /* The harness copies what it needs; hand it an exact-size block. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    long count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            perror(argv[i]);
            return 2;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (replay_file(argv[i]) < 0)
                return 2;
            count++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d) {
            perror(argv[i]);
            return 2;
        }
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                char **more = realloc(names, cap * sizeof *names);
                if (!more)
                    return 2;
                names = more;
            }
            size_t need = strlen(argv[i]) + strlen(e->d_name) + 2;
            if (!(names[n] = malloc(need)))
                return 2;
            snprintf(names[n++], need, "%s/%s", argv[i], e->d_name);
        }
        closedir(d);
        if (n)
            qsort(names, n, sizeof *names, by_name);
        int rc = 0;
        for (size_t k = 0; k < n; k++) {
            if (!rc && stat(names[k], &st) == 0 && S_ISREG(st.st_mode)) {
                if (replay_file(names[k]) < 0)
                    rc = 2;
                else
                    count++;
            }
            free(names[k]);
        }
        free(names);
        if (rc)
            return rc;
    }
    if (count == 0) {
        fprintf(stderr, "no inputs found\n");
        return 2;
    }
    printf("replayed %ld inputs\n", count);
    return 0;
}
