/*
 * whatif.c - what-if scenarios from C with ps_whatif_run (docs/library.md).
 *
 * Reads a legislature file once into a document, takes its rule, its
 * power-sharing condition and its "scenarios" section, and runs them with
 * ps_whatif_run, the one scenario loop of the library (analyze, whatif and
 * serve all call it). Then runs a scenario built in code, as
 * `powershare whatif --move` would: STEP given on the command line, in the
 * form of ps_scenario_add_text (default "sol:kdp:10", 10 seats defect).
 *
 * Build, from the repository root, against the static library:
 *   cc -Iinclude docs/examples/whatif.c BUILD/src/lib/libpowershare.a \
 *      -lgmp -lm -lpthread $(pkg-config --libs cairo fontconfig) -o whatif
 *   ./whatif data/iraq-2014.json [A:B:K]
 */
#include <math.h>
#include <stdio.h>

#include <powershare/powershare.h>

static int fail(const ps_error *err)
{
    char text[PS_ERROR_FILE_MAX + PS_ERROR_MESSAGE_MAX + 64];
    ps_error_format(err, text, sizeof text);
    fprintf(stderr, "whatif: %s (%s)\n", text, ps_strerror(err->code));
    return 1;
}

static void print_analysis(const char *label, const ps_analysis *an)
{
    printf("  %s: %lld seats, %lld vacant; %s\n", label, (long long)an->leg->total_seats,
           (long long)an->leg->vacant_seats, an->rule_text ? an->rule_text : an->game_error);
    if (an->mwc_counted)
        printf("    %llu minimal winning coalitions, %llu with a list of each condition "
               "community\n",
               (unsigned long long)an->n_mwc, (unsigned long long)an->n_mwc_condition);
    if (an->n_condition)
        printf("    condition %s%s%s\n", an->condition_possible ? "can be met" : "cannot be met",
               an->condition_missing ? ": " : "",
               an->condition_missing ? an->condition_missing : "");
}

static void print_outcome(const ps_whatif *w, size_t k)
{
    const ps_scenario_outcome *o = &w->items[k];
    printf("What if: %s\n", o->scenario->name);
    for (size_t s = 0; s < o->scenario->n_steps; s++) {
        char *line = NULL;
        if (ps_step_describe(&line, &o->scenario->steps[s]) == 0)
            printf("  %zu. %s\n", s + 1, line);
        ps_free(line);
    }
    print_analysis("after", o->after);
    /* The lists whose Banzhaf power changed by more than a point. */
    const ps_scenario_diff *d = o->diff;
    for (size_t i = 0; i < d->n_parties; i++) {
        const ps_diff_row *r = &d->parties[i];
        double before = r->banzhaf[0].value, after = r->banzhaf[1].value;
        if (isnan(before) || isnan(after) || fabs(after - before) < 0.01)
            continue;
        printf("    %-12s %3lld -> %3lld seats  Banzhaf %.4f -> %.4f\n", r->id,
               (long long)r->seats[0], (long long)r->seats[1], before, after);
    }
    printf("    listed coalitions of at most %zu lists: %zu appear, %zu disappear\n",
           o->after->max_lists, d->n_appeared, d->n_disappeared);
}

/* The ids of the communities the document's condition requires, for the
 * analyses' "with a list of each" counts. ids must hold n_communities. */
static size_t condition_ids(const char **ids, const ps_condition *cond, const ps_legislature *leg)
{
    size_t n = 0;
    for (size_t c = 0; c < leg->n_communities; c++)
        if (cond->communities_required & PS_MEMBER(c))
            ids[n++] = leg->communities[c].id;
    return n;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "data/iraq-2014.json";
    const char *move = argc > 2 ? argv[2] : "sol:kdp:10";
    ps_error err;
    ps_error_clear(&err);

    ps_document *doc = NULL;
    ps_rule *rule = NULL;
    ps_condition *cond = NULL;
    ps_scenarios *list = NULL;
    ps_scenario *mine = NULL;
    ps_whatif *w = NULL;
    const char *ids[PS_COALITION_MAX_PLAYERS];
    int rc = ps_document_load(&doc, path, &err);
    if (rc == 0)
        rc = ps_rule_from_document(&rule, doc, &err);
    if (rc == 0)
        rc = ps_condition_from_document(&cond, doc, &err);
    if (rc == 0)
        rc = ps_scenarios_from_document(&list, doc, &err);
    if (rc < 0)
        goto done;
    const ps_legislature *leg = ps_document_legislature(doc);

    ps_analysis_options opt;
    ps_analysis_options_init(&opt);
    opt.condition = ids;
    opt.n_condition = condition_ids(ids, cond, leg);

    /* The file's scenarios: the chamber is analysed once (before), then
     * each scenario on a copy; NULL selects every scenario. */
    rc = ps_whatif_run(&w, leg, rule, list, NULL, &opt, &err);
    if (rc < 0)
        goto done;
    printf("%s: %zu scenarios\n", ps_document_source(doc), w->n);
    print_analysis("before", w->before);
    for (size_t k = 0; k < w->n; k++)
        print_outcome(w, k);
    ps_whatif_free(w);
    w = NULL;

    /* A scenario built in code. ps_whatif_run borrows the list, so a list
     * of one that points at our scenario will do. */
    rc = ps_scenario_new(&mine, "seats defect");
    if (rc == 0)
        rc = ps_scenario_add_text(mine, PS_STEP_MOVE, move, &err);
    if (rc < 0)
        goto done;
    ps_scenarios one = {.n = 1, .items = mine};
    rc = ps_whatif_run(&w, leg, rule, &one, NULL, &opt, &err);
    if (rc == 0)
        print_outcome(w, 0);

done:
    if (rc < 0)
        fail(&err);
    ps_whatif_free(w); /* first: it borrows the scenarios */
    ps_scenario_free(mine);
    ps_scenarios_free(list);
    ps_condition_free(cond);
    ps_rule_free(rule);
    ps_document_free(doc);
    return rc < 0 ? 1 : 0;
}
