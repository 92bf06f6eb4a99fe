/*
 * fuzz_model.c - ps_predict_model_load (a "powershare-predict-model/1"
 * file: `predict --model FILE`, `analyze --model FILE`) on arbitrary bytes.
 *
 * That reader only takes a path, so the input is put in an anonymous
 * in-memory file (memfd) and read through /proc/self/fd/N.
 *
 * Invariants: no crash or sanitizer report; errors consistent and with a
 * position in this file; nothing leaked, also with an allocation failing;
 * a model read successfully is written back (ps_predict_model_write) into a
 * second memfd, reads again to the same coefficients, counts and source,
 * and writing that gives the same bytes (write, read, write is the
 * identity, as predict_model.c promises for %.17g).
 */
#include "fuzz_file.h"

/* A second memfd holding `text`; its path in `path`. Returns the fd. */
static int memfd_with(const char *text, char *path, size_t size)
{
    int fd = memfd_create("fuzz-model-back", 0);
    if (fd < 0) {
        perror("memfd_create");
        abort();
    }
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n <= 0) {
            perror("write");
            abort();
        }
        done += (size_t)n;
    }
    snprintf(path, size, "/proc/self/fd/%d", fd);
    return fd;
}

static void check_round_trip(const ps_predict_model *m)
{
    ps_error e;
    ps_error_clear(&e);
    char *t1 = NULL, *t2 = NULL;
    int rc = ps_predict_model_write(&t1, m, &e);
    FUZZ_CHECK(rc == 0 && t1, "writing a model read successfully failed: %d %s", rc, e.message);
    char path[64];
    int fd = memfd_with(t1, path, sizeof path);
    ps_predict_model *back = NULL;
    rc = ps_predict_model_load(&back, path, &e);
    FUZZ_CHECK(rc == 0 && back, "a written model does not read back: %s:%ld:%ld: %s\n%s", e.file,
               e.line, e.column, e.message, t1);
    close(fd);
    for (int k = 0; k < PS_PA_COUNT; k++) {
        FUZZ_CHECK(back->beta[k] == m->beta[k], "beta of %s: %.17g became %.17g",
                   ps_predict_attr_name((ps_predict_attr)k), m->beta[k], back->beta[k]);
        FUZZ_CHECK(back->se[k] == m->se[k], "se of %s: %.17g became %.17g",
                   ps_predict_attr_name((ps_predict_attr)k), m->se[k], back->se[k]);
    }
    FUZZ_CHECK(back->ridge == m->ridge && back->loglik == m->loglik &&
               back->null_loglik == m->null_loglik, "ridge or log-likelihoods changed");
    FUZZ_CHECK(back->cases == m->cases && back->alternatives == m->alternatives &&
               back->iterations == m->iterations && back->max_parties == m->max_parties,
               "a count changed");
    FUZZ_CHECK((back->source == NULL) == (m->source == NULL) &&
               (!m->source || strcmp(back->source, m->source) == 0), "source changed");
    rc = ps_predict_model_write(&t2, back, &e);
    FUZZ_CHECK(rc == 0 && t2 && strcmp(t1, t2) == 0, "write, read, write changed the text:\n%s\n"
               "--- became ---\n%s", t1, t2 ? t2 : "(null)");
    ps_predict_text_free(t1);
    ps_predict_text_free(t2);
    ps_predict_model_free(back);
}

static int run(const char *text, size_t len, ps_error *err, int full)
{
    (void)text;
    (void)len;
    ps_predict_model *m = NULL;
    int rc = ps_predict_model_load(&m, fuzz_path, err);
    FUZZ_CHECK((rc == 0) == (m != NULL), "rc %d with model %p", rc, (void *)m);
    if (rc == 0 && full)
        check_round_trip(m);
    ps_predict_model_free(m);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drive_file(run, data, size);
    return 0;
}
