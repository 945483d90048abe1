/* cmd-scenarios.c: edgecase scenarios: trainer packs. Every published
 * playbook's role-play scenarios, ranked by how often the exception happened
 * and how badly it went (ec_scenario_score), each with the playbook's
 * acknowledge lines, the path that worked best and the redacted searches of
 * recent hard cases as extra openings. Markdown (the text view), JSON or one
 * self-contained HTML page. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "cli.h"
#include "commands.h"
#include "ec-outcomes.h"
#include "ec-report.h"
#include "ec-search.h"
#include "html-page.h"
#include "printer.h"

#define VERBATIMS 3

static const char score_definition[] =
    "uses + escalated + unresolved + uses x (share not heard), from every outcome recorded";

typedef struct scenario_filters {
    const char *category, *impact, *difficulty;
} scenario_filters;

/* One scenario while ranking; O is owned until it joins the result. */
typedef struct ranked {
    double score;
    int difficulty;
    const char *playbook, *scenario; /* borrowed from O */
    json_object *o;
} ranked;

static int difficulty_rank(const char *d)
{
    return strcmp(d, "hard") == 0 ? 0 : strcmp(d, "medium") == 0 ? 1 : strcmp(d, "easy") == 0 ? 2 : 3;
}

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->difficulty != y->difficulty)
        return x->difficulty - y->difficulty;
    int c = strcmp(x->playbook, y->playbook);
    return c ? c : strcmp(x->scenario, y->scenario);
}

static const ec_outcome_counts *counts_for(const ec_stats *st, const char *key)
{
    for (size_t i = 0; st && i < st->n; i++)
        if (strcmp(st->groups[i].key, key) == 0)
            return &st->groups[i].counts;
    return NULL;
}

static json_object *share(long num, long den)
{
    return den > 0 ? json_object_new_double((double)num / (double)den) : NULL;
}

/* The path to teach: the best Wilson lower bound among paths with enough
 * uses, else the playbook's first path. NULL when it has no path. */
static json_object *best_path_json(json_object *doc, const ec_stats *by_path)
{
    json_object *paths;
    if (!json_object_object_get_ex(doc, "paths", &paths) || !json_object_array_length(paths))
        return NULL;
    size_t n = json_object_array_length(paths);
    ec_path_stats *stats = calloc(n, sizeof *stats);
    if (!stats)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char *key = ec_strdup_printf("%s#%s", pj_str(doc, "id"),
                                     pj_str(json_object_array_get_idx(paths, i), "id"));
        const ec_outcome_counts *c = key ? counts_for(by_path, key) : NULL;
        stats[i].uses = c ? c->uses : 0;
        stats[i].resolved = c ? c->resolved : 0;
        free(key);
    }
    double low;
    size_t best = ec_best_path(stats, n, &low);
    json_object *p = json_object_array_get_idx(paths, best), *o = json_object_new_object(), *steps;
    json_object_object_add(o, "id", json_object_new_string(pj_str(p, "id")));
    json_object_object_add(o, "title", json_object_new_string(pj_str(p, "title")));
    json_object_object_add(o, "authority", json_object_new_string(pj_str(p, "authority")));
    if (json_object_object_get_ex(p, "steps", &steps))
        json_object_object_add(o, "steps", json_object_get(steps));
    json_object_object_add(o, "uses", json_object_new_int64(stats[best].uses));
    json_object_object_add(o, "success_rate", share(stats[best].resolved, stats[best].uses));
    json_object *ci = NULL;
    if (stats[best].uses > 0) {
        double lo, hi;
        ec_wilson95(stats[best].resolved, stats[best].uses, &lo, &hi);
        ci = json_object_new_array();
        json_object_array_add(ci, json_object_new_double(lo));
        json_object_array_add(ci, json_object_new_double(hi));
    }
    json_object_object_add(o, "success_ci95", ci);
    json_object_object_add(o, "chosen_by", json_object_new_string(low >= 0 ? "success" : "order"));
    free(stats);
    return o;
}

static json_object *hard_cases_json(ec_store *store, const char *playbook, size_t limit,
                                    int *failed)
{
    ec_hard_search *hs = NULL;
    size_t n = 0;
    char *err = NULL;
    json_object *a = json_object_new_array();
    ec_status st = ec_store_hard_searches(store, playbook, limit, &hs, &n, &err);
    if (st != EC_OK) {
        cli_error("scenarios: %s", err ? err : ec_status_to_string(st));
        *failed = 1;
    }
    for (size_t i = 0; i < n; i++) {
        json_object *o = json_object_new_object();
        char when[32];
        struct tm tm;
        gmtime_r(&hs[i].at, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        json_object_object_add(o, "text", json_object_new_string(hs[i].query));
        json_object_object_add(o, "at", json_object_new_string(when));
        json_object_array_add(a, o);
    }
    ec_hard_searches_free(hs, n);
    free(err);
    return a;
}

/* The scenarios of playbook DOC that pass F, appended to *LIST. */
static int add_playbook(json_object *doc, const scenario_filters *f, const ec_stats *by_book,
                        const ec_stats *by_path, ec_store *store, size_t verbatims,
                        ranked **list, size_t *n, size_t *cap)
{
    json_object *scenarios, *ack;
    const char *id = pj_str(doc, "id");
    int failed = 0;
    if (strcmp(pj_str(doc, "kind"), "playbook") != 0 || strcmp(pj_str(doc, "status"), "published") ||
        (f->category && strcmp(pj_str(doc, "category"), f->category)) ||
        (f->impact && strcmp(pj_str(doc, "emotional_impact"), f->impact)) ||
        !json_object_object_get_ex(doc, "scenarios", &scenarios))
        return 0;
    const ec_outcome_counts *c = counts_for(by_book, id);
    ec_outcome_counts none = {0};
    if (!c)
        c = &none;
    double score = ec_scenario_score(c);
    json_object *best = NULL, *hard = NULL;
    for (size_t i = 0; i < json_object_array_length(scenarios); i++) {
        json_object *s = json_object_array_get_idx(scenarios, i);
        if (f->difficulty && strcmp(pj_str(s, "difficulty"), f->difficulty))
            continue;
        if (!best) {
            best = best_path_json(doc, by_path);
            hard = hard_cases_json(store, id, verbatims, &failed);
        }
        if (*n == *cap) {
            size_t nc = *cap ? 2 * *cap : 64;
            ranked *grown = realloc(*list, nc * sizeof *grown);
            if (!grown)
                break;
            *list = grown;
            *cap = nc;
        }
        json_object *o = json_object_new_object();
        json_object_object_add(o, "playbook", json_object_new_string(id));
        json_object_object_add(o, "title", json_object_new_string(pj_str(doc, "title")));
        json_object_object_add(o, "category", json_object_new_string(pj_str(doc, "category")));
        const char *impact = pj_str(doc, "emotional_impact");
        json_object_object_add(o, "emotional_impact", *impact ? json_object_new_string(impact) : NULL);
        json_object_object_add(o, "scenario", json_object_new_string(pj_str(s, "id")));
        static const char *const fields[] = {"difficulty", "persona", "opening", "twist",
                                             "good_handling"};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
            const char *v = pj_str(s, fields[k]);
            json_object_object_add(o, fields[k], *v ? json_object_new_string(v) : NULL);
        }
        json_object_object_add(o, "score", json_object_new_double(score));
        json_object_object_add(o, "uses", json_object_new_int64(c->uses));
        json_object_object_add(o, "escalated", json_object_new_int64(c->escalated));
        json_object_object_add(o, "unresolved", json_object_new_int64(c->unresolved));
        json_object_object_add(o, "not_heard_share", share(c->heard_known - c->heard_yes, c->heard_known));
        json_object_object_add(o, "acknowledge", json_object_object_get_ex(doc, "acknowledge", &ack)
                                                     ? json_object_get(ack)
                                                     : json_object_new_array());
        json_object_object_add(o, "best_path", best ? json_object_get(best) : NULL);
        json_object_object_add(o, "hard_cases", json_object_get(hard));
        (*list)[(*n)++] = (ranked){score, difficulty_rank(pj_str(s, "difficulty")), id,
                                   pj_str(s, "id"), o};
    }
    json_object_put(best);
    json_object_put(hard);
    return failed ? -1 : 0;
}

/* ------------------------------------------------------------ markdown */

/* Writes S with Markdown's active characters escaped. */
static void md_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\`*_[]<>#|", *s))
            fputc('\\', out);
        fputc(*s == '\n' ? ' ' : *s, out);
    }
}

static void md_field(FILE *out, const char *label, json_object *o, const char *key)
{
    const char *v = pj_str(o, key);
    if (!*v)
        return;
    fprintf(out, "**%s:** ", label);
    md_escape(out, v);
    fputs("\n\n", out);
}

static void percent(char *buf, size_t n, json_object *o, const char *key)
{
    json_object *v;
    if (json_object_object_get_ex(o, key, &v) && v)
        snprintf(buf, n, "%.0f%%", 100 * json_object_get_double(v));
    else
        snprintf(buf, n, "-");
}

static void scenarios_md(const printer_ctx *ctx, json_object *data)
{
    FILE *out = ctx->out;
    json_object *list = NULL, *filters = NULL;
    json_object_object_get_ex(data, "scenarios", &list);
    json_object_object_get_ex(data, "filters", &filters);
    fputs("# Trainer pack: role-play scenarios\n\n", out);
    fputs("Ranked by how often each exception happened and how badly it went. Score: ", out);
    md_escape(out, pj_str(data, "score_definition"));
    fputs(".", out);
    json_object_object_foreach(filters, key, val)
    {
        if (!val)
            continue;
        fprintf(out, " %s: ", key);
        md_escape(out, json_object_get_string(val));
        fputs(".", out);
    }
    fputs("\n", out);
    size_t n = list ? json_object_array_length(list) : 0;
    if (!n)
        fputs("\nNo scenarios match.\n", out);
    for (size_t i = 0; i < n; i++) {
        json_object *s = json_object_array_get_idx(list, i), *a, *best, *hard, *steps;
        char rate[16];
        fprintf(out, "\n## %lld. ", pj_int(s, "rank"));
        md_escape(out, pj_str(s, "title"));
        fprintf(out, " (%s)\n\n", *pj_str(s, "difficulty") ? pj_str(s, "difficulty") : "-");
        percent(rate, sizeof rate, s, "not_heard_share");
        fputs("Playbook `", out);
        fputs(pj_str(s, "playbook"), out); /* ids are letters, digits, . - _ */
        fprintf(out, "`, scenario `%s`, category ", pj_str(s, "scenario"));
        md_escape(out, pj_str(s, "category"));
        if (*pj_str(s, "emotional_impact"))
            fprintf(out, ", emotional impact %s", pj_str(s, "emotional_impact"));
        fprintf(out, ". Score %.1f: %lld cases, %lld escalated, %lld unresolved, %s not heard.\n\n",
                pj_double(s, "score"), pj_int(s, "uses"), pj_int(s, "escalated"),
                pj_int(s, "unresolved"), rate);
        md_field(out, "Persona", s, "persona");
        md_field(out, "Opening", s, "opening");
        md_field(out, "Twist", s, "twist");
        md_field(out, "Good handling", s, "good_handling");
        if (json_object_object_get_ex(s, "acknowledge", &a) && json_object_array_length(a)) {
            fputs("**Acknowledge first:**\n\n", out);
            for (size_t k = 0; k < json_object_array_length(a); k++) {
                fputs("- ", out);
                md_escape(out, json_object_get_string(json_object_array_get_idx(a, k)));
                fputc('\n', out);
            }
            fputc('\n', out);
        }
        if (json_object_object_get_ex(s, "best_path", &best) && best) {
            fputs("**The path that worked best:** ", out);
            md_escape(out, pj_str(best, "title"));
            fprintf(out, " (`%s`)", pj_str(best, "id"));
            json_object *ci;
            if (json_object_object_get_ex(best, "success_ci95", &ci) && ci) {
                percent(rate, sizeof rate, best, "success_rate");
                fprintf(out, ", %s resolved of %lld (95%%: %.0f-%.0f%%)", rate, pj_int(best, "uses"),
                        100 * json_object_get_double(json_object_array_get_idx(ci, 0)),
                        100 * json_object_get_double(json_object_array_get_idx(ci, 1)));
            }
            if (strcmp(pj_str(best, "chosen_by"), "order") == 0)
                fputs(" (the playbook's first path: none has enough outcomes to compare)", out);
            fputs("\n\n", out);
            if (json_object_object_get_ex(best, "steps", &steps))
                for (size_t k = 0; k < json_object_array_length(steps); k++) {
                    fprintf(out, "%zu. ", k + 1);
                    md_escape(out, json_object_get_string(json_object_array_get_idx(steps, k)));
                    fputc('\n', out);
                }
        }
        if (json_object_object_get_ex(s, "hard_cases", &hard) && json_object_array_length(hard)) {
            fputs("\n**Recent hard cases, as extra openings:**\n\n", out);
            for (size_t k = 0; k < json_object_array_length(hard); k++) {
                json_object *h = json_object_array_get_idx(hard, k);
                fputs(k ? "\n> " : "> ", out);
                md_escape(out, pj_str(h, "text"));
                fprintf(out, " (%.10s)\n", pj_str(h, "at"));
            }
        }
    }
}

/* ---------------------------------------------------------------- HTML */

static void html_field(FILE *out, const char *label, json_object *o, const char *key)
{
    const char *v = pj_str(o, key);
    if (!*v)
        return;
    fprintf(out, "<p><strong>%s:</strong> ", label);
    printer_html_escape(out, v);
    fputs("</p>\n", out);
}

static void scenarios_html(const printer_ctx *ctx, json_object *data)
{
    FILE *out = ctx->out;
    json_object *list = NULL;
    json_object_object_get_ex(data, "scenarios", &list);
    html_page_begin(out, "edgecase trainer pack: role-play scenarios");
    fputs("<header><h1>Trainer pack: role-play scenarios</h1>\n<p class=\"sub\">Ranked by how "
          "often each exception happened and how badly it went. Score: ", out);
    printer_html_escape(out, pj_str(data, "score_definition"));
    fputs(".</p></header>\n<main>\n", out);
    size_t n = list ? json_object_array_length(list) : 0;
    if (!n)
        fputs("<p>No scenarios match.</p>\n", out);
    for (size_t i = 0; i < n; i++) {
        json_object *s = json_object_array_get_idx(list, i), *a, *best, *hard, *steps;
        char rate[16];
        fprintf(out, "<section class=\"scenario\" aria-labelledby=\"s%zu\">\n<h2 id=\"s%zu\">%lld. ",
                i, i, pj_int(s, "rank"));
        printer_html_escape(out, pj_str(s, "title"));
        fputs(" (", out);
        printer_html_escape(out, pj_str(s, "difficulty"));
        fputs(")</h2>\n<p class=\"muted\">", out);
        printer_html_escape(out, pj_str(s, "playbook"));
        fputs(" / ", out);
        printer_html_escape(out, pj_str(s, "scenario"));
        fputs("; ", out);
        printer_html_escape(out, pj_str(s, "category"));
        percent(rate, sizeof rate, s, "not_heard_share");
        fprintf(out, ". Score %.1f: %lld cases, %lld escalated, %lld unresolved, %s not heard.</p>\n",
                pj_double(s, "score"), pj_int(s, "uses"), pj_int(s, "escalated"),
                pj_int(s, "unresolved"), rate);
        html_field(out, "Persona", s, "persona");
        html_field(out, "Opening", s, "opening");
        html_field(out, "Twist", s, "twist");
        html_field(out, "Good handling", s, "good_handling");
        if (json_object_object_get_ex(s, "acknowledge", &a) && json_object_array_length(a)) {
            fputs("<p><strong>Acknowledge first:</strong></p><ul>\n", out);
            for (size_t k = 0; k < json_object_array_length(a); k++)
                html_element(out, "li", json_object_get_string(json_object_array_get_idx(a, k)));
            fputs("</ul>\n", out);
        }
        if (json_object_object_get_ex(s, "best_path", &best) && best) {
            fputs("<p><strong>The path that worked best:</strong> ", out);
            printer_html_escape(out, pj_str(best, "title"));
            percent(rate, sizeof rate, best, "success_rate");
            if (pj_int(best, "uses"))
                fprintf(out, " (%s resolved of %lld)", rate, pj_int(best, "uses"));
            fputs("</p>\n<ol>\n", out);
            if (json_object_object_get_ex(best, "steps", &steps))
                for (size_t k = 0; k < json_object_array_length(steps); k++)
                    html_element(out, "li", json_object_get_string(json_object_array_get_idx(steps, k)));
            fputs("</ol>\n", out);
        }
        if (json_object_object_get_ex(s, "hard_cases", &hard) && json_object_array_length(hard)) {
            fputs("<p><strong>Recent hard cases, as extra openings:</strong></p>\n", out);
            for (size_t k = 0; k < json_object_array_length(hard); k++)
                html_element(out, "blockquote", pj_str(json_object_array_get_idx(hard, k), "text"));
        }
        fputs("</section>\n", out);
    }
    fputs("</main>\n", out);
    html_page_end(out);
}

static const printer_view scenarios_view = {"scenarios", scenarios_md, scenarios_html};

/* ------------------------------------------------------------------- run */

int cmd_scenarios(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},         {"category", required_argument, NULL, 'c'},
        {"impact", required_argument, NULL, 'i'},     {"difficulty", required_argument, NULL, 'D'},
        {"format", required_argument, NULL, 'f'},     {"json", no_argument, NULL, 'j'},
        {"limit", required_argument, NULL, 'n'},      {"verbatims", required_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},             {NULL, 0, NULL, 0}};
    const char *db_opt = NULL;
    scenario_filters f = {0};
    printer_format format = PRINTER_TEXT;
    long limit = 0, verbatims = VERBATIMS;
    int c, rc = EXIT_OK;
    ec_searcher *index = NULL;
    ec_store *store = NULL;
    ec_stats *by_book = NULL, *by_path = NULL;
    ec_strv ids = {0};
    ranked *list = NULL;
    size_t n = 0, cap = 0;
    json_object *j = NULL;
    char *dbdir = NULL, *err = NULL, *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:c:i:D:f:jn:v:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'c': f.category = optarg; break;
        case 'i':
            if (strcmp(optarg, "low") && strcmp(optarg, "medium") && strcmp(optarg, "high"))
                return cli_usage_error("scenarios", "--impact is low, medium or high, not \"%s\"",
                                       optarg);
            f.impact = optarg;
            break;
        case 'D':
            if (difficulty_rank(optarg) > 2)
                return cli_usage_error("scenarios", "--difficulty is easy, medium or hard, not \"%s\"",
                                       optarg);
            f.difficulty = optarg;
            break;
        case 'j': format = PRINTER_JSON; break;
        case 'f':
            if (strcmp(optarg, "md") == 0 || strcmp(optarg, "markdown") == 0)
                format = PRINTER_TEXT; /* the text view writes Markdown */
            else if (strcmp(optarg, "text") == 0 || printer_parse_format(optarg, &format))
                return cli_usage_error("scenarios", "--format is md, json or html, not \"%s\"",
                                       optarg);
            break;
        case 'n':
        case 'v':
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (errno || *end || v < 0 || v > 100000)
                return cli_usage_error("scenarios", "--%s is a number, not \"%s\"",
                                       c == 'n' ? "limit" : "verbatims", optarg);
            *(c == 'n' ? &limit : &verbatims) = v;
            break;
        case 'h': return cmd_help(2, (char *[]){"help", "scenarios", NULL});
        default: return cli_usage_error("scenarios", "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error("scenarios", "unexpected argument \"%s\"", argv[optind]);
    if (!(dbdir = cli_db_dir(db_opt))) {
        cli_error("scenarios: no database directory: set --db, $EDGECASE_DB or $HOME");
        return EXIT_USAGE;
    }
    ec_status s = ec_searcher_open(dbdir, &index, &err);
    if (s != EC_OK) {
        if (s == EC_ERR_NOT_FOUND)
            cli_error("scenarios: no index in %s: run 'edgecase index --db %s PLAYBOOKS' first",
                      dbdir, dbdir);
        else
            cli_error("scenarios: %s", err ? err : ec_status_to_string(s));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    free(err);
    err = NULL;
    ec_stats_request req = {.by = EC_BY_PLAYBOOK};
    if ((s = ec_store_open(dbdir, &store, &err)) == EC_OK &&
        (s = ec_store_stats(store, &req, &by_book, &err)) == EC_OK) {
        req.by = EC_BY_PATH;
        s = ec_store_stats(store, &req, &by_path, &err);
    }
    if (s == EC_OK)
        s = ec_searcher_field_values(index, "id", "", &ids, &err);
    if (s != EC_OK) {
        cli_error("scenarios: %s", err ? err : ec_status_to_string(s));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    for (size_t i = 0; i < ids.n; i++) {
        json_object *doc = NULL;
        if (ec_searcher_document(index, ids.items[i], &doc, NULL) != EC_OK)
            continue;
        if (add_playbook(doc, &f, by_book, by_path, store, (size_t)verbatims, &list, &n, &cap))
            rc = EXIT_PROBLEMS;
        /* The ranked entries borrow ids from their own objects, not from DOC. */
        json_object_put(doc);
    }
    for (size_t i = 0; i < n; i++) {
        list[i].playbook = pj_str(list[i].o, "playbook");
        list[i].scenario = pj_str(list[i].o, "scenario");
    }
    if (n)
        qsort(list, n, sizeof *list, cmp_ranked);
    j = json_object_new_object();
    json_object *fo = json_object_new_object(), *arr = json_object_new_array();
    json_object_object_add(fo, "category", f.category ? json_object_new_string(f.category) : NULL);
    json_object_object_add(fo, "impact", f.impact ? json_object_new_string(f.impact) : NULL);
    json_object_object_add(fo, "difficulty", f.difficulty ? json_object_new_string(f.difficulty) : NULL);
    json_object_object_add(j, "filters", fo);
    json_object_object_add(j, "score_definition", json_object_new_string(score_definition));
    for (size_t i = 0; i < n; i++) {
        if (limit && i >= (size_t)limit) {
            json_object_put(list[i].o);
            continue;
        }
        json_object_object_add(list[i].o, "rank", json_object_new_int64((long long)i + 1));
        json_object_array_add(arr, list[i].o);
    }
    n = 0;
    json_object_object_add(j, "scenarios", arr);
    printer *p = printer_new(format, stdout, 0);
    if (p)
        printer_emit(p, &scenarios_view, j);
    printer_free(p);
out:
    for (size_t i = 0; i < n; i++)
        json_object_put(list[i].o);
    free(list);
    json_object_put(j);
    ec_strv_free(&ids);
    ec_stats_free(by_book);
    ec_stats_free(by_path);
    ec_store_close(store);
    ec_searcher_close(index);
    free(err);
    free(dbdir);
    return rc;
}
