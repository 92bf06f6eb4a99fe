/*
 * analyze.c - the main job of powershare from C (docs/library.md).
 *
 * Reads a legislature file once into a document (a path, "-" for standard
 * input, or a pipe), runs ps_analyze, and prints a few values of the one
 * result: each list's Banzhaf power, each community's share, and the first
 * government that meets the file's power-sharing condition, with the role of
 * each community in it. Then does the same for a small chamber held in
 * memory (ps_document_read), with its own rule and condition.
 *
 * Build, from the repository root, against the static library:
 *   cc -Iinclude docs/examples/analyze.c BUILD/src/lib/libpowershare.a \
 *      -lgmp -lm -lpthread $(pkg-config --libs cairo fontconfig) -o analyze
 *   ./analyze data/iraq-2014.json
 */
#include <stdio.h>
#include <string.h>

#include <powershare/powershare.h>

/* A chamber of 10 seats; passing a law needs 6 of them and, as the
 * condition says, a government must hold a list of both communities. */
static const char toy[] =
    "{\"name\": \"Toy chamber\", \"total_seats\": 10,\n"
    " \"communities\": [{\"id\": \"north\"}, {\"id\": \"south\"}],\n"
    " \"parties\": [{\"id\": \"a\", \"seats\": 4, \"community\": \"north\"},\n"
    "             {\"id\": \"b\", \"seats\": 3, \"community\": \"south\"},\n"
    "             {\"id\": \"c\", \"seats\": 2, \"community\": \"south\"},\n"
    "             {\"id\": \"d\", \"seats\": 1, \"community\": \"north\"}],\n"
    " \"rule\": {\"quota\": \"6\"},\n"
    " \"condition\": {\"include_communities\": [\"north\", \"south\"]}}\n";

/* Prints the error as "file:line:column: message" and returns 1. */
static int fail(const ps_error *err)
{
    char text[PS_ERROR_FILE_MAX + PS_ERROR_MESSAGE_MAX + 64];
    ps_error_format(err, text, sizeof text);
    fprintf(stderr, "analyze: %s (%s)\n", text, ps_strerror(err->code));
    return 1;
}

static void print_result(const ps_analyze_result *res)
{
    const ps_legislature *leg = res->leg;
    const ps_power *power = res->power;
    printf("%s: %s, %lld seats\n", res->source, leg->name, (long long)leg->total_seats);
    printf("rule: %s\n", res->rule_text);
    printf("power: %s, %s\n", power->exact ? "exact" : "estimated", power->method);
    if (power->note)
        printf("  (%s)\n", power->note);

    /* Each list's normalised Banzhaf value: an exact fraction num/den when
     * power->exact, else an estimate with its half-width. */
    const ps_fraction *bz = power->values[PS_BANZHAF];
    for (size_t i = 0; i < leg->n_parties && i < 6; i++) {
        const ps_party *p = &leg->parties[i];
        if (power->exact)
            printf("  %-12s %3lld seats  Banzhaf %.4f = %s/%s\n", p->id, (long long)p->seats,
                   bz[i].value, bz[i].num, bz[i].den);
        else
            printf("  %-12s %3lld seats  Banzhaf %.4f +- %.4f\n", p->id, (long long)p->seats,
                   bz[i].value, power->half_width[PS_BANZHAF][i]);
    }
    if (leg->n_parties > 6)
        printf("  ... and %zu more lists\n", leg->n_parties - 6);

    for (size_t c = 0; c < res->n_communities; c++) {
        const ps_community_share *s = &res->communities[c];
        printf("  community %-16.16s %3lld seats  Banzhaf %.4f  Shapley-Shubik %.4f\n", s->name,
               (long long)s->seats, s->banzhaf, s->shapley_shubik);
    }

    printf("minimal winning coalitions: %llu\n", (unsigned long long)res->coalitions->n_minimal);
    if (!res->feasible) {
        printf("no power-sharing condition declared\n");
        return;
    }
    printf("condition: %s\n", res->condition->name ? res->condition->name : "(unnamed)");
    printf("  minimal coalitions meeting it: %llu\n",
           (unsigned long long)res->feasible->n_minimal);

    /* The first coalition meeting the condition by the bargaining
     * proposition (fewest lists), and each community's role in it. */
    const ps_theory_list *t = &res->feasible->theories[PS_THEORY_BARGAINING];
    if (t->n == 0) {
        printf("  none meets it\n");
        return;
    }
    const ps_coalition *first = &res->feasible->items[t->index[0]];
    char *members = NULL;
    ps_error err;
    ps_error_clear(&err);
    if (ps_coalition_format(&members, first, leg, true, &err) == 0)
        printf("  first (fewest lists): %s, %lld seats\n", members, (long long)first->seats);
    ps_free(members);
    for (size_t c = 0; c < leg->n_communities; c++)
        printf("    %-14s %s\n", leg->communities[c].id,
               ps_role_name(ps_coalition_role(first, res->condition, c)));
}

static int analyze(const ps_document *doc)
{
    ps_analyze_options opt;
    ps_analyze_options_init(&opt);
    opt.top = 3;
    ps_analyze_result *res = NULL;
    ps_error err;
    ps_error_clear(&err);
    if (ps_analyze(&res, doc, &opt, &err) < 0)
        return fail(&err);
    print_result(res);
    ps_analyze_result_free(res); /* before the document: it borrows from it */
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "data/iraq-2014.json";
    ps_error err;
    ps_error_clear(&err);

    /* From a path ("-": standard input, which a process can read once). */
    ps_document *doc = NULL;
    if (ps_document_load(&doc, path, &err) < 0)
        return fail(&err);
    int rc = analyze(doc);
    ps_document_free(doc);
    if (rc)
        return rc;

    /* From memory: the name given is what errors call the text. */
    printf("\n");
    if (ps_document_read(&doc, toy, strlen(toy), "toy.json", &err) < 0)
        return fail(&err);
    rc = analyze(doc);
    ps_document_free(doc);
    return rc;
}
