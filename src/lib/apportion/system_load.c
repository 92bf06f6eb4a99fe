/*
 * system_load.c - a law by name (a file, a bundled id, standard input),
 * the catalogue of bundled laws (data/systems/), and what each election
 * gives a law that leaves it open: the house size, the district seats.
 * The reading of a law's text is system_read.c.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data_find.h"
#include "util.h"
#include "powershare/system.h"

int ps_system_set_district_seats(ps_system *law, const char *const *names,
                                 const int64_t *seats, size_t n, ps_error *err)
{
    if (!law->district_seats_given)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the law %s does not take district seats from the election",
                         law->id ? law->id : "given");
    int64_t sum = 0;
    for (size_t d = 0; d < n; d++)
        sum += seats[d] > 0 ? seats[d] : 0;
    if (n == 0 || sum != law->apportion.seats)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the district seats add up to %lld; the law %s shares %lld",
                         (long long)sum, law->id ? law->id : "given",
                         (long long)law->apportion.seats);
    char **district = psi_calloc(n, sizeof *district);
    int64_t *ds = psi_malloc_array(n, sizeof *ds);
    if (!district || !ds) {
        psi_free(district);
        psi_free(ds);
        return psi_enomem(err);
    }
    for (size_t d = 0; d < n; d++) {
        ds[d] = seats[d];
        if (!(district[d] = psi_strdup(names[d]))) {
            for (size_t e = 0; e < d; e++)
                psi_free(district[e]);
            psi_free(district);
            psi_free(ds);
            return psi_enomem(err);
        }
    }
    for (size_t d = 0; law->district && d < law->n_districts; d++)
        psi_free(law->district[d]);
    psi_free(law->district);
    psi_free(law->district_seats);
    law->district = district;
    law->district_seats = ds;
    law->n_districts = n;
    return 0;
}

int ps_system_set_seats(ps_system *law, int64_t seats, ps_error *err)
{
    if (!law->seats_max)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the law %s fixes the house at %lld seats; a house size does not apply",
                         law->id ? law->id : "given", (long long)law->apportion.seats);
    if (seats < law->seats_min || seats > law->seats_max)
        return psi_error(err, PS_EINVAL, NULL, 0, 0,
                         "the law %s is for houses of %lld to %lld seats, not %lld",
                         law->id ? law->id : "given", (long long)law->seats_min,
                         (long long)law->seats_max, (long long)seats);
    law->apportion.seats = seats;
    return 0;
}

/* The stem of a path: "data/systems/nz-mmp.json" -> "nz-mmp". */
static char *stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && !strcmp(base + n - 5, ".json"))
        n -= 5;
    return psi_strndup(base, n);
}

/* A bundled law's id, or a path to a file ("-": standard input). */
static bool is_id(const char *name)
{
    size_t n = strlen(name);
    return strcmp(name, "-") != 0 && !strchr(name, '/') &&
           !(n > 5 && !strcmp(name + n - 5, ".json"));
}

/* POWERSHARE_SYSTEMS: a folder of laws that comes before the shipped one
 * (a program or a binding running from elsewhere than the install). */
static int from_env(char **path, const char *relative, psi_buf *looked, ps_error *err)
{
    const char *dir = getenv("POWERSHARE_SYSTEMS");
    if (!dir || !*dir)
        return 0;
    psi_buf b;
    psi_buf_init(&b);
    psi_buf_printf(&b, "%s%s", dir, relative + strlen("systems"));
    if (b.failed)
        return psi_enomem(err);
    if (access(b.data, R_OK) == 0) {
        *path = psi_buf_take(&b);
        return *path ? 1 : psi_enomem(err);
    }
    psi_buf_printf(looked, "%s%s", looked->len ? ", " : "", b.data);
    psi_buf_free(&b);
    return 0;
}

int ps_system_load(ps_system **out, const char *name, ps_error *err)
{
    *out = NULL;
    char *path = NULL;
    if (is_id(name)) {
        psi_buf rel, looked;
        psi_buf_init(&rel);
        psi_buf_init(&looked);
        psi_buf_printf(&rel, "systems/%s.json", name);
        int found = rel.failed ? psi_enomem(err) : from_env(&path, rel.data, &looked, err);
        if (found == 0)
            found = psi_data_find(&path, rel.data, &looked, err);
        if (found == 0)
            found = looked.failed ? psi_enomem(err)
                                  : psi_error(err, PS_EIO, NULL, 0, 0,
                                              "no bundled law '%s' (looked in %s); give a law "
                                              "file's path, or see 'powershare seats --systems' "
                                              "for the bundled ones",
                                              name, looked.data);
        psi_buf_free(&rel);
        psi_buf_free(&looked);
        if (found < 0)
            return found;
    } else if (!(path = psi_strdup(name))) {
        return psi_enomem(err);
    }
    char *text = NULL;
    size_t len = 0;
    int rc = ps_file_read(&text, &len, path, err);
    if (rc == 0)
        rc = ps_system_read(out, text, len, is_id(name) ? path : ps_file_display_name(name), err);
    if (rc == 0 && !((*out)->id = stem(ps_file_display_name(path)))) {
        ps_system_free(*out);
        *out = NULL;
        rc = psi_enomem(err);
    }
    psi_free(text);
    psi_free(path);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int ps_system_catalogue(char ***out, ps_error *err)
{
    *out = NULL;
    char *path = NULL;
    psi_buf looked;
    psi_buf_init(&looked);
    int rc = from_env(&path, "systems", &looked, err);
    if (rc == 0)
        rc = psi_data_find(&path, "systems", &looked, err);
    if (rc == 0)
        rc = psi_error(err, PS_EIO, NULL, 0, 0, "the catalogue of laws is not installed (looked "
                                                "in %s)",
                       looked.failed ? "several places" : looked.data);
    psi_buf_free(&looked);
    if (rc < 0)
        return rc;
    DIR *dir = opendir(path);
    if (!dir) {
        rc = psi_error(err, PS_EIO, path, 0, 0, "cannot read the catalogue folder");
        psi_free(path);
        return rc;
    }
    /* names first, then one block: the pointers, then the strings */
    psi_buf names;
    psi_buf_init(&names);
    size_t n = 0;
    const struct dirent *e;
    while ((e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        if (len > 5 && !strcmp(e->d_name + len - 5, ".json")) {
            psi_buf_append(&names, e->d_name, len - 5);
            psi_buf_append(&names, "", 1);
            n++;
        }
    }
    closedir(dir);
    psi_free(path);
    if (names.failed) {
        psi_buf_free(&names);
        return psi_enomem(err);
    }
    char **list = psi_malloc((n + 1) * sizeof *list + names.len);
    if (!list) {
        psi_buf_free(&names);
        return psi_enomem(err);
    }
    char *s = (char *)(list + n + 1);
    if (names.len)
        memcpy(s, names.data, names.len);
    for (size_t i = 0; i < n; i++) {
        list[i] = s;
        s += strlen(s) + 1;
    }
    list[n] = NULL;
    qsort(list, n, sizeof *list, by_name);
    psi_buf_free(&names);
    *out = list;
    return 0;
}
