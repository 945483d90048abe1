/* cmd-patterns.c: edgecase patterns: candidate exception patterns from unmet
 * demand, weak paths and stale content for knowledge managers (ec-insights.h),
 * and with --emit-drafts a draft playbook per pattern. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "cli.h"
#include "commands.h"
#include "ec-insights.h"
#include "printer.h"

#define DAY 86400
#define TEXT_PATTERNS 20 /* patterns shown to people; --json lists all */
#define CELL 96

/* ------------------------------------------------------------------ text */

static void pct(char *buf, json_object *o, const char *key)
{
    json_object *v;
    if (json_object_object_get_ex(o, key, &v) && v)
        snprintf(buf, CELL, "%.0f%%", 100 * json_object_get_double(v));
    else
        snprintf(buf, CELL, "-");
}

static size_t len_of(json_object *data, const char *key, json_object **arr)
{
    *arr = NULL;
    json_object_object_get_ex(data, key, arr);
    return *arr ? json_object_array_length(*arr) : 0;
}

static void patterns_table(const printer_ctx *ctx, json_object *arr, size_t n)
{
    enum { COLS = 7 };
    size_t rows = (n < TEXT_PATTERNS ? n : TEXT_PATTERNS) + 1;
    char(*cells)[COLS][CELL] = calloc(rows, sizeof *cells);
    const char **ptrs = calloc(rows * COLS, sizeof *ptrs);
    static const char *const head[COLS] = {"pattern", "now", "before", "escalated", "not heard",
                                           "nearest", "score"};
    if (!cells || !ptrs)
        goto out;
    for (int c = 0; c < COLS; c++)
        snprintf(cells[0][c], CELL, "%s", head[c]);
    for (size_t i = 0; i + 1 < rows; i++) {
        json_object *p = json_object_array_get_idx(arr, i), *near = NULL;
        char(*row)[CELL] = cells[i + 1];
        snprintf(row[0], CELL, "%s", pj_str(p, "label"));
        snprintf(row[1], CELL, "%lld", pj_int(p, "size"));
        snprintf(row[2], CELL, "%lld", pj_int(p, "previous"));
        pct(row[3], p, "share_escalated");
        pct(row[4], p, "share_not_heard");
        json_object_object_get_ex(p, "nearest", &near);
        snprintf(row[5], CELL, "%s", near ? pj_str(near, "id") : "-");
        if (near)
            snprintf(row[6], CELL, "%.2f", pj_double(near, "score"));
        else
            snprintf(row[6], CELL, "-");
    }
    for (size_t r = 0; r < rows; r++)
        for (int c = 0; c < COLS; c++)
            ptrs[r * COLS + c] = cells[r][c];
    printer_table(ctx, COLS, rows, ptrs, "lrrrrlr");
out:
    free(cells);
    free(ptrs);
}

static void patterns_text(const printer_ctx *ctx, json_object *data)
{
    json_object *period = NULL, *arr;
    const char *bold = printer_style(ctx, "bold"), *reset = printer_style(ctx, "reset");
    json_object_object_get_ex(data, "period", &period);
    fprintf(ctx->out, "%sUnmet demand%s %s to %s: %lld searches and cases (%lld the period before)\n",
            bold, reset, pj_str(period, "since"), pj_str(period, "until"), pj_int(data, "unmet"),
            pj_int(data, "unmet_previous"));
    size_t n = len_of(data, "patterns", &arr);
    if (n == 0) {
        fputs("no patterns: every search in the period found something that was used\n", ctx->out);
    } else {
        patterns_table(ctx, arr, n);
        if (n > TEXT_PATTERNS)
            fprintf(ctx->out, "... and %zu smaller patterns (--json lists them all)\n",
                    n - TEXT_PATTERNS);
        for (size_t i = 0; i < n && i < 5; i++) {
            json_object *p = json_object_array_get_idx(arr, i), *ex = NULL;
            fprintf(ctx->out, "\n%s%s%s (%s)\n", bold, pj_str(p, "label"), reset, pj_str(p, "trend"));
            json_object_object_get_ex(p, "examples", &ex);
            for (size_t j = 0; ex && j < json_object_array_length(ex) && j < 3; j++) {
                char *quoted = ec_strdup_printf(
                    "\"%s\"", json_object_get_string(json_object_array_get_idx(ex, j)));
                if (quoted)
                    printer_wrap(ctx, "  ", "   ", quoted);
                free(quoted);
            }
        }
    }
    n = len_of(data, "weak_paths", &arr);
    fprintf(ctx->out, "\n%sWeak paths%s (95%% interval below the category's other paths, or below "
                      "the previous period; at least %lld uses)\n",
            bold, reset, pj_int(json_object_object_get(data, "rules"), "min_uses"));
    if (n == 0)
        fputs("none\n", ctx->out);
    for (size_t i = 0; i < n; i++) {
        json_object *w = json_object_array_get_idx(arr, i), *ci = NULL;
        char rate[CELL], cat[CELL], prev[CELL];
        pct(rate, w, "resolution_rate");
        pct(cat, w, "category_rate");
        pct(prev, w, "previous_rate");
        json_object_object_get_ex(w, "resolution_ci95", &ci);
        fprintf(ctx->out, "  %s#%s: %s resolved of %lld (95%% %.0f-%.0f%%); category %s %s, before %s%s%s\n",
                pj_str(w, "playbook"), pj_str(w, "path"), rate, pj_int(w, "uses"),
                100 * json_object_get_double(json_object_array_get_idx(ci, 0)),
                100 * json_object_get_double(json_object_array_get_idx(ci, 1)),
                *pj_str(w, "category") ? pj_str(w, "category") : "(unknown)", cat, prev,
                json_object_get_boolean(json_object_object_get(w, "below_category")) ? " [below category]" : "",
                json_object_get_boolean(json_object_object_get(w, "falling")) ? " [falling]" : "");
    }
    n = len_of(data, "stale", &arr);
    fprintf(ctx->out, "\n%sStale content%s (review-by passed, or published and unused for %lld days)\n",
            bold, reset, pj_int(json_object_object_get(data, "rules"), "stale_days"));
    if (n == 0)
        fputs("none\n", ctx->out);
    for (size_t i = 0; i < n; i++) {
        json_object *s = json_object_array_get_idx(arr, i), *why = NULL;
        json_object_object_get_ex(s, "why", &why);
        fprintf(ctx->out, "  %s: ", pj_str(s, "id"));
        for (size_t j = 0; why && j < json_object_array_length(why); j++)
            fprintf(ctx->out, "%s%s", j ? ", " : "", json_object_get_string(json_object_array_get_idx(why, j)));
        if (*pj_str(s, "review_by"))
            fprintf(ctx->out, " (review by %s)", pj_str(s, "review_by"));
        fprintf(ctx->out, "; last used %s\n", *pj_str(s, "last_used") ? pj_str(s, "last_used") : "never");
    }
}

static const printer_view patterns_view = {"patterns", patterns_text, NULL};

/* ---------------------------------------------------------------- drafts */

/* One draft per pattern into DIR (created if missing); ids made unique with
 * -2, -3... when two labels slug alike. Adds "draft" to each pattern in J. */
static int emit_drafts(const ec_insights *in, const char *dir, json_object *j)
{
    ec_strv ids = {0};
    json_object *arr = json_object_object_get(j, "patterns");
    int rc = EXIT_OK;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_error("patterns: cannot create %s: %s", dir, strerror(errno));
        return EXIT_PROBLEMS;
    }
    for (size_t i = 0; i < in->n_patterns; i++) {
        char *slug = ec_insights_slug(in->patterns[i].label), *id = NULL, *path = NULL, *err = NULL;
        for (int k = 1; slug && !id; k++) {
            char *try = k == 1 ? ec_strdup_printf("draft.%s", slug)
                               : ec_strdup_printf("draft.%s-%d", slug, k);
            int dup = 0;
            for (size_t m = 0; try && m < ids.n && !dup; m++)
                dup = strcmp(ids.items[m], try) == 0;
            if (!try || !dup)
                id = try;
            else
                free(try);
            if (!try)
                break;
        }
        ec_status s = !id || ec_strv_push(&ids, id)
                          ? EC_ERR_NOMEM
                          : ec_insights_write_draft(&in->patterns[i], id, 0, dir, &path, &err);
        if (s != EC_OK) {
            cli_error("patterns: %s", err ? err : ec_status_to_string(s));
            rc = EXIT_PROBLEMS;
        } else if (arr) {
            json_object_object_add(json_object_array_get_idx(arr, i), "draft",
                                   json_object_new_string(path));
        }
        free(slug);
        free(id);
        free(path);
        free(err);
        if (rc != EXIT_OK)
            break;
    }
    ec_strv_free(&ids);
    return rc;
}

/* ------------------------------------------------------------------- run */

/* --since / --until: a date or a date-time (UTC) or Unix seconds. A date
 * given to --until counts that whole day, as in edgecase stats. */
static int parse_bound(const char *opt, const char *s, int is_until, time_t *out)
{
    if (ec_outcome_time_parse(s, out) != 0)
        return cli_usage_error("patterns", "%s \"%s\" is not a date; write YYYY-MM-DD", opt, s);
    if (is_until && strlen(s) == 10 && s[4] == '-')
        *out += DAY;
    return 0;
}

int cmd_patterns(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},     {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},  {"json", no_argument, NULL, 'j'},
        {"emit-drafts", required_argument, NULL, 'e'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db_opt = NULL, *drafts = NULL, *since = NULL, *until = NULL;
    int json = 0, c, rc = EXIT_OK;
    ec_insights_request req = {0};
    ec_store *store = NULL;
    ec_searcher *index = NULL;
    ec_insights *in = NULL;
    json_object *j = NULL;
    char *dbdir = NULL, *err = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:s:u:je:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 's': since = optarg; break;
        case 'u': until = optarg; break;
        case 'j': json = 1; break;
        case 'e': drafts = optarg; break;
        case 'h': return cmd_help(2, (char *[]){"help", "patterns", NULL});
        default: return cli_usage_error("patterns", "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error("patterns", "unexpected argument \"%s\"", argv[optind]);
    const char *today = getenv("EDGECASE_TODAY");
    if (today && *today) {
        if (strlen(today) != 10 || ec_outcome_time_parse(today, &req.today) != 0)
            return cli_usage_error("patterns", "EDGECASE_TODAY=\"%s\" is not a date; write YYYY-MM-DD",
                                   today);
        req.today += DAY / 2;
    } else {
        req.today = time(NULL);
    }
    /* By default the 90 days up to the end of today. */
    req.until = req.today - req.today % DAY + DAY;
    if ((since && parse_bound("--since", since, 0, &req.since)) ||
        (until && parse_bound("--until", until, 1, &req.until)))
        return EXIT_USAGE;
    if (req.since && req.since >= req.until)
        return cli_usage_error("patterns", "--since %s is not before --until %s", since,
                               until ? until : "(today)");
    if (!(dbdir = cli_db_dir(db_opt))) {
        cli_error("patterns: no database directory: set --db, $EDGECASE_DB or $HOME");
        return EXIT_USAGE;
    }
    ec_status s = ec_store_open(dbdir, &store, &err);
    if (s != EC_OK) {
        cli_error("patterns: %s", err ? err : ec_status_to_string(s));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    free(err);
    err = NULL;
    if (ec_searcher_open(dbdir, &index, &err) != EC_OK)
        fprintf(stderr, "edgecase patterns: warning: no index in %s: nearest playbooks, categories "
                        "and stale content are unknown; run edgecase index first\n", dbdir);
    free(err);
    err = NULL;
    if ((s = ec_insights_compute(store, index, &req, &in, &err)) != EC_OK) {
        cli_error("patterns: %s", err ? err : ec_status_to_string(s));
        rc = s == EC_ERR_USAGE ? EXIT_USAGE : EXIT_PROBLEMS;
        goto out;
    }
    if (!(j = ec_insights_to_json(in, 0))) {
        cli_error("patterns: out of memory");
        rc = EXIT_PROBLEMS;
        goto out;
    }
    if (drafts && (rc = emit_drafts(in, drafts, j)) != EXIT_OK)
        goto out;
    printer *p = printer_new(json ? PRINTER_JSON : PRINTER_TEXT, stdout, cli_use_color(stdout));
    if (p)
        printer_emit(p, &patterns_view, j);
    printer_free(p);
    if (drafts && !json)
        printf("\n%zu draft playbook%s written to %s\n", in->n_patterns,
               in->n_patterns == 1 ? "" : "s", drafts);
out:
    json_object_put(j);
    ec_insights_free(in);
    ec_searcher_close(index);
    ec_store_close(store);
    free(err);
    free(dbdir);
    return rc;
}
