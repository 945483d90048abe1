/* cmd-stats.c: edgecase stats: the figures contact centres steer by, from
 * the recorded outcomes, overall or grouped; definitions in edgecase(1).
 *
 * A playbook's category is read from the index when the figures are made,
 * not stored with each outcome: a knowledge manager who re-files a playbook
 * re-files its history, and recording needs no index. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cli.h"
#include "commands.h"
#include "ec-outcomes.h"
#include "ec-search.h"
#include "printer.h"

/* ------------------------------------------------------------ categories */

typedef struct category_cache {
    ec_searcher *index; /* NULL: no index, every category unknown */
    ec_strv ids, categories;
} category_cache;

static const char *category_of(void *user, const char *playbook_id)
{
    category_cache *c = user;
    for (size_t i = 0; i < c->ids.n; i++)
        if (strcmp(c->ids.items[i], playbook_id) == 0)
            return *c->categories.items[i] ? c->categories.items[i] : NULL;
    json_object *doc = NULL, *cat;
    const char *found = "";
    if (c->index && ec_searcher_document(c->index, playbook_id, &doc, NULL) == EC_OK &&
        json_object_object_get_ex(doc, "category", &cat) && cat)
        found = json_object_get_string(cat);
    if (ec_strv_push(&c->ids, playbook_id) || ec_strv_push(&c->categories, found)) {
        json_object_put(doc);
        return NULL;
    }
    json_object_put(doc);
    const char *kept = c->categories.items[c->categories.n - 1];
    return *kept ? kept : NULL;
}

/* ------------------------------------------------------------------ JSON */

static json_object *rate(double v)
{
    return v < 0 ? NULL : json_object_new_double(v);
}

/* The figures of C as the members of O (FORMAT: keys only ever added). */
static void add_figures(json_object *o, const ec_outcome_counts *c)
{
    ec_outcome_figures f;
    ec_outcome_figures_compute(c, &f);
    json_object_object_add(o, "uses", json_object_new_int64(c->uses));
    json_object_object_add(o, "resolved", json_object_new_int64(c->resolved));
    json_object_object_add(o, "escalated", json_object_new_int64(c->escalated));
    json_object_object_add(o, "unresolved", json_object_new_int64(c->unresolved));
    json_object_object_add(o, "resolution_rate", rate(f.resolution_rate));
    json_object *ci = NULL;
    if (f.resolution_low >= 0) {
        ci = json_object_new_array();
        json_object_array_add(ci, json_object_new_double(f.resolution_low));
        json_object_array_add(ci, json_object_new_double(f.resolution_high));
    }
    json_object_object_add(o, "resolution_ci95", ci);
    json_object_object_add(o, "first_contact_resolution", rate(f.fcr_rate));
    json_object_object_add(o, "emotional_validation", rate(f.heard_rate));
    json_object_object_add(o, "trust_index", rate(f.trust_index));
    json_object_object_add(o, "trust_mean", rate(f.trust_mean));
    json_object_object_add(o, "escalation_rate", rate(f.escalation_rate));
    json_object_object_add(o, "handle_time_mean", rate(f.handle_mean));
    json_object_object_add(o, "handle_time_quality_adjusted", rate(f.handle_per_resolved));
    json_object_object_add(o, "fcr_known", json_object_new_int64(c->fcr_known));
    json_object_object_add(o, "heard_known", json_object_new_int64(c->heard_known));
    json_object_object_add(o, "trust_known", json_object_new_int64(c->trust_known));
    json_object_object_add(o, "timed", json_object_new_int64(c->timed));
}

static json_object *stats_json(const ec_stats *st, const ec_stats_request *req)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "since", req->since ? json_object_new_string(req->since) : NULL);
    json_object_object_add(o, "until", req->until ? json_object_new_string(req->until) : NULL);
    json_object_object_add(o, "by", req->by == EC_BY_NONE ? NULL
                                                          : json_object_new_string(ec_stats_by_name(req->by)));
    json_object *total = json_object_new_object();
    add_figures(total, &st->total);
    json_object_object_add(o, "total", total);
    json_object *groups = json_object_new_array();
    for (size_t i = 0; i < st->n; i++) {
        json_object *g = json_object_new_object();
        const char *key = st->groups[i].key;
        json_object_object_add(g, "key", *key ? json_object_new_string(key) : NULL);
        add_figures(g, &st->groups[i].counts);
        json_object_array_add(groups, g);
    }
    json_object_object_add(o, "groups", groups);
    return o;
}

/* ------------------------------------------------------------------ text */

#define N_COLS 10
#define CELL 128

static void percent(char *buf, json_object *o, const char *key)
{
    json_object *v;
    if (json_object_object_get_ex(o, key, &v) && v)
        snprintf(buf, CELL, "%.0f%%", 100 * json_object_get_double(v));
    else
        snprintf(buf, CELL, "-");
}

static void duration(char *buf, json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !v) {
        snprintf(buf, CELL, "-");
        return;
    }
    printer_duration(buf, CELL, json_object_get_double(v));
}

/* One table row of the figures O under LABEL into ROW. */
static void row_cells(char row[N_COLS][CELL], const char *label, json_object *o)
{
    json_object *ci;
    snprintf(row[0], CELL, "%s", label);
    snprintf(row[1], CELL, "%lld", pj_int(o, "uses"));
    percent(row[2], o, "resolution_rate");
    if (json_object_object_get_ex(o, "resolution_ci95", &ci) && ci)
        snprintf(row[3], CELL, "%.0f-%.0f%%", 100 * json_object_get_double(json_object_array_get_idx(ci, 0)),
                 100 * json_object_get_double(json_object_array_get_idx(ci, 1)));
    else
        snprintf(row[3], CELL, "-");
    percent(row[4], o, "first_contact_resolution");
    percent(row[5], o, "emotional_validation");
    percent(row[6], o, "trust_index");
    percent(row[7], o, "escalation_rate");
    duration(row[8], o, "handle_time_mean");
    duration(row[9], o, "handle_time_quality_adjusted");
}

/* What an empty key means under each grouping. */
static const char *empty_label(const char *by)
{
    if (strcmp(by, "path") == 0 || strcmp(by, "playbook") == 0)
        return "(no path)";
    if (strcmp(by, "category") == 0)
        return "(unknown)";
    return "(none)";
}

static void stats_text(const printer_ctx *ctx, json_object *data)
{
    const char *by = pj_str(data, "by"), *since = pj_str(data, "since"), *until = pj_str(data, "until");
    json_object *groups = NULL, *total = NULL;
    json_object_object_get_ex(data, "groups", &groups);
    json_object_object_get_ex(data, "total", &total);
    fprintf(ctx->out, "outcomes closed %s%s%s%s (UTC)%s%s\n", *since ? "from " : "", *since ? since : "",
            *until ? " to " : "", *until ? until : (*since ? " on" : "at any time"),
            *by ? ", by " : "", by);
    if (pj_int(total, "uses") == 0) {
        fputs("no outcomes recorded in that time\n", ctx->out);
        return;
    }
    size_t n = groups ? json_object_array_length(groups) : 0;
    size_t rows = n + 2;
    char(*cells)[N_COLS][CELL] = calloc(rows, sizeof *cells);
    const char **ptrs = calloc(rows * N_COLS, sizeof *ptrs);
    if (!cells || !ptrs)
        goto out;
    static const char *const header[N_COLS] = {"",        "uses",  "resolved", "95% CI", "FCR",
                                               "heard",   "trust", "escalated", "AHT",   "QAHT"};
    for (int c = 0; c < N_COLS; c++)
        snprintf(cells[0][c], CELL, "%s", c == 0 && *by ? by : header[c]);
    for (size_t i = 0; i < n; i++) {
        json_object *g = json_object_array_get_idx(groups, i);
        const char *key = pj_str(g, "key");
        row_cells(cells[i + 1], *key ? key : empty_label(by), g);
    }
    row_cells(cells[n + 1], "total", total);
    for (size_t r = 0; r < rows; r++)
        for (int c = 0; c < N_COLS; c++)
            ptrs[r * N_COLS + c] = cells[r][c];
    printer_table(ctx, N_COLS, rows, ptrs, NULL);
    fprintf(ctx->out, "\nresolved: without escalation; FCR: resolved at first contact; heard: the "
                      "customer felt heard; trust: rated 4-5 of 5; AHT: average handle time; QAHT: "
                      "handle time per resolved case (see edgecase(1))\n");
out:
    free(cells);
    free(ptrs);
}

static const printer_view stats_view = {"stats", stats_text, NULL};

/* ------------------------------------------------------------------- run */

int cmd_stats(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},    {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'}, {"by", required_argument, NULL, 'b'},
        {"json", no_argument, NULL, 'j'},        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db_opt = NULL;
    int json = 0, c, rc = EXIT_OK;
    ec_stats_request req = {0};
    category_cache cats = {0};
    ec_store *store = NULL;
    ec_stats *st = NULL;
    char *dbdir = NULL, *err = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:s:u:b:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 's': req.since = optarg; break;
        case 'u': req.until = optarg; break;
        case 'j': json = 1; break;
        case 'b':
            if (ec_stats_by_parse(optarg, &req.by) || req.by == EC_BY_NONE)
                return cli_usage_error("stats", "--by is playbook, path, category, channel, agent, "
                                                "day, week or month, not \"%s\"", optarg);
            break;
        case 'h': return cmd_help(2, (char *[]){"help", "stats", NULL});
        default: return cli_usage_error("stats", "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error("stats", "unexpected argument \"%s\"", argv[optind]);
    if (!(dbdir = cli_db_dir(db_opt))) {
        cli_error("stats: no database directory: set --db, $EDGECASE_DB or $HOME");
        return EXIT_USAGE;
    }
    /* Read-only: figures need no write permission, and create nothing. */
    ec_status s = ec_store_open_readonly(dbdir, &store, &err);
    if (s == EC_ERR_NOT_FOUND) {
        cli_error("stats: %s; record some with 'edgecase outcome record' or 'outcome import'", err);
        rc = EXIT_PROBLEMS;
        goto out;
    }
    if (s != EC_OK) {
        cli_error("stats: %s", err ? err : ec_status_to_string(s));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    if (req.by == EC_BY_CATEGORY) {
        free(err);
        err = NULL;
        if (ec_searcher_open(dbdir, &cats.index, &err) != EC_OK)
            fprintf(stderr, "edgecase stats: warning: no index in %s: categories are unknown\n",
                    dbdir);
        req.category_of = category_of;
        req.category_user = &cats;
    }
    free(err);
    err = NULL;
    s = ec_store_stats(store, &req, &st, &err);
    if (s != EC_OK) {
        if (s == EC_ERR_USAGE)
            rc = cli_usage_error("stats", "%s", err ? err : "bad request");
        else
            cli_error("stats: %s", err ? err : ec_status_to_string(s));
        rc = s == EC_ERR_USAGE ? EXIT_USAGE : EXIT_PROBLEMS;
        goto out;
    }
    json_object *j = stats_json(st, &req);
    printer *p = printer_new(json ? PRINTER_JSON : PRINTER_TEXT, stdout, cli_use_color(stdout));
    if (p)
        printer_emit(p, &stats_view, j);
    printer_free(p);
    json_object_put(j);
out:
    ec_stats_free(st);
    ec_store_close(store);
    ec_searcher_close(cats.index);
    ec_strv_free(&cats.ids);
    ec_strv_free(&cats.categories);
    free(err);
    free(dbdir);
    return rc;
}
