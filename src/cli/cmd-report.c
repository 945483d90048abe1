/* cmd-report.c: edgecase report: the quarterly playbook update pack. Headline
 * figures against the previous quarter and the targets, their monthly trend,
 * the most used paths; text, JSON or one self-contained HTML page
 * (report-view.c draws it). Definitions in edgecase(1).
 *
 * The pattern sections (new patterns, weak paths, stale playbooks) are the
 * keys "patterns", "weak_paths" and "stale" of the JSON; add_insights() is
 * where they are filled, and report-view.c draws them when present. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli.h"
#include "commands.h"
#include "ec-insights.h"
#include "ec-outcomes.h"
#include "ec-report.h"
#include "ec-search.h"
#include "printer.h"
#include "report-view.h"

#define TOP_PATHS 10

static json_object *number(double v)
{
    return v < 0 ? NULL : json_object_new_double(v);
}

static json_object *quarter_json(const ec_quarter *q)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "quarter", json_object_new_string(q->label));
    json_object_object_add(o, "since", json_object_new_string(q->since));
    json_object_object_add(o, "until", json_object_new_string(q->until));
    return o;
}

/* One headline figure: now, before, the change, the target and the trend. */
static json_object *headline_json(const ec_report *r, const ec_targets *targets, ec_metric m)
{
    const ec_metric_info *info = ec_metric_get(m);
    const ec_target *t = &targets->of[m];
    long n, n_before;
    double now = ec_metric_value(m, &r->current, &n);
    double before = ec_metric_value(m, &r->before, &n_before);
    json_object *o = json_object_new_object();
    json_object_object_add(o, "key", json_object_new_string(info->key));
    json_object_object_add(o, "label", json_object_new_string(info->label));
    json_object_object_add(o, "unit", json_object_new_string(info->unit));
    json_object_object_add(o, "better", json_object_new_string(info->higher_is_better ? "higher"
                                                                                      : "lower"));
    json_object_object_add(o, "value", number(now));
    json_object_object_add(o, "n", json_object_new_int64(n));
    json_object_object_add(o, "previous", number(before));
    json_object_object_add(o, "previous_n", json_object_new_int64(n_before));
    json_object_object_add(o, "change", now >= 0 && before >= 0 ? json_object_new_double(now - before)
                                                                : NULL);
    json_object *target = NULL;
    if (t->set) {
        target = json_object_new_array();
        json_object_array_add(target, json_object_new_double(t->low));
        json_object_array_add(target, json_object_new_double(t->high));
    }
    json_object_object_add(o, "target", target);
    ec_target_status ts = ec_target_check(t, now);
    const char *name = ec_target_status_name(ts);
    int met = ec_target_met(m, ts);
    json_object_object_add(o, "status", name ? json_object_new_string(name) : NULL);
    json_object_object_add(o, "met", met < 0 ? NULL : json_object_new_boolean(met));
    json_object *trend = json_object_new_array();
    for (int i = 0; i < 6; i++) {
        json_object *p = json_object_new_object();
        long pn;
        double v = ec_metric_value(m, &r->months[i].counts, &pn);
        json_object_object_add(p, "period", json_object_new_string(r->months[i].key));
        json_object_object_add(p, "quarter", json_object_new_string(i < 3 ? r->previous.label
                                                                          : r->quarter.label));
        json_object_object_add(p, "value", number(v));
        json_object_object_add(p, "n", json_object_new_int64(pn));
        json_object_array_add(trend, p);
    }
    json_object_object_add(o, "trend", trend);
    return o;
}

/* The most used paths, titled from the index when there is one. */
static json_object *paths_json(const ec_report *r, ec_searcher *index)
{
    json_object *a = json_object_new_array();
    for (size_t i = 0; i < r->n_paths; i++) {
        const ec_report_path *p = &r->paths[i];
        json_object *o = json_object_new_object(), *doc = NULL, *paths;
        char *key = ec_strdup_printf("%s#%s", p->playbook_id, p->path_id);
        json_object_object_add(o, "path", key ? json_object_new_string(key) : NULL);
        free(key);
        json_object_object_add(o, "playbook", json_object_new_string(p->playbook_id));
        json_object_object_add(o, "path_id", json_object_new_string(p->path_id));
        const char *title = NULL, *path_title = NULL;
        if (index && ec_searcher_document(index, p->playbook_id, &doc, NULL) == EC_OK) {
            title = pj_str(doc, "title");
            if (json_object_object_get_ex(doc, "paths", &paths))
                for (size_t k = 0; k < json_object_array_length(paths); k++) {
                    json_object *po = json_object_array_get_idx(paths, k);
                    if (strcmp(pj_str(po, "id"), p->path_id) == 0)
                        path_title = pj_str(po, "title");
                }
        }
        json_object_object_add(o, "title", title && *title ? json_object_new_string(title) : NULL);
        json_object_object_add(o, "path_title",
                               path_title && *path_title ? json_object_new_string(path_title) : NULL);
        json_object_put(doc);
        json_object_object_add(o, "uses", json_object_new_int64(p->counts.uses));
        json_object_object_add(o, "resolved", json_object_new_int64(p->counts.resolved));
        json_object_object_add(o, "success_rate",
                               number(ec_metric_value(EC_METRIC_RESOLUTION, &p->counts, NULL)));
        json_object *ci = json_object_new_array();
        json_object_array_add(ci, json_object_new_double(p->low));
        json_object_array_add(ci, json_object_new_double(p->high));
        json_object_object_add(o, "success_ci95", ci);
        json_object_object_add(o, "escalation_rate",
                               number(ec_metric_value(EC_METRIC_ESCALATION, &p->counts, NULL)));
        json_object_object_add(o, "emotional_validation",
                               number(ec_metric_value(EC_METRIC_HEARD, &p->counts, NULL)));
        json_object_array_add(a, o);
    }
    return a;
}

/* Moves KEY from FROM to TO (a new reference; FROM keeps its own). */
static void copy_key(json_object *to, json_object *from, const char *key)
{
    json_object *v = pj_get(from, key);
    json_object_object_add(to, key, v ? json_object_get(v) : NULL);
}

static json_object *pattern_entry(json_object *p)
{
    json_object *o = json_object_new_object();
    static const char *const keys[] = {"label",    "size",           "previous",
                                       "trend",    "share_escalated", "share_not_heard",
                                       "examples", "nearest",         "phrases"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        copy_key(o, p, keys[i]);
    json_object *near = pj_get(p, "nearest");
    char reason[256];
    int n = snprintf(reason, sizeof reason, "%s: %lld searches, %lld the quarter before",
                     pj_str(p, "trend"), pj_int(p, "size"), pj_int(p, "previous"));
    if (near && *pj_str(near, "id") && n > 0 && (size_t)n < sizeof reason)
        snprintf(reason + n, sizeof reason - (size_t)n, "; nearest playbook %s (%.2f)",
                 pj_str(near, "id"), pj_double(near, "score"));
    json_object_object_add(o, "reason", json_object_new_string(reason));
    return o;
}

static json_object *weak_entry(json_object *w)
{
    json_object *o = json_object_new_object();
    char *path = ec_strdup_printf("%s#%s", pj_str(w, "playbook"), pj_str(w, "path"));
    json_object_object_add(o, "path", json_object_new_string(path ? path : ""));
    free(path);
    static const char *const keys[] = {"category",      "uses",          "resolution_rate",
                                       "resolution_ci95", "category_rate", "previous_rate",
                                       "below_category", "falling"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        copy_key(o, w, keys[i]);
    char reason[256];
    json_object *ci = pj_get(w, "resolution_ci95");
    double high = ci ? json_object_get_double(json_object_array_get_idx(ci, 1)) : 0;
    json_object *below = pj_get(w, "below_category");
    if (below && json_object_get_boolean(below))
        snprintf(reason, sizeof reason,
                 "resolved %.0f%% of %lld (at most %.0f%%), its category %.0f%%",
                 100 * pj_double(w, "resolution_rate"), pj_int(w, "uses"), 100 * high,
                 100 * pj_double(w, "category_rate"));
    else
        snprintf(reason, sizeof reason, "falling: resolved %.0f%% of %lld, %.0f%% the quarter before",
                 100 * pj_double(w, "resolution_rate"), pj_int(w, "uses"),
                 100 * pj_double(w, "previous_rate"));
    json_object_object_add(o, "reason", json_object_new_string(reason));
    return o;
}

static json_object *stale_entry(json_object *st)
{
    json_object *o = json_object_new_object();
    static const char *const keys[] = {"id", "title", "category", "review_by", "last_used"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        copy_key(o, st, keys[i]);
    /* "why" lists the rules it broke: review-by passed, unused. */
    json_object *why = pj_get(st, "why");
    ec_buf reason = EC_BUF_INIT;
    size_t n = why && json_object_is_type(why, json_type_array) ? json_object_array_length(why) : 0;
    for (size_t i = 0; i < n; i++)
        ec_buf_printf(&reason, "%s%s", i ? ", " : "",
                      json_object_get_string(json_object_array_get_idx(why, i)));
    if (*pj_str(st, "review_by"))
        ec_buf_printf(&reason, " (review by %s)", pj_str(st, "review_by"));
    json_object_object_add(o, "reason", json_object_new_string(reason.data ? reason.data : ""));
    ec_buf_free(&reason);
    return o;
}

/* The pattern sections, from the same engine as `edgecase patterns`, over the
 * quarter (the previous period is the quarter before, of equal length):
 * "patterns" (the TOP largest new or unmet-demand groups), "weak_paths" and
 * "stale". Left out when they cannot be computed (an absent key says "not
 * computed", an empty array "none found"); WARNING then says why. */
static void add_insights(json_object *report, const ec_report *r, ec_store *store,
                         ec_searcher *index, size_t top, char **warning)
{
    ec_insights_request req = {0};
    ec_insights *in = NULL;
    char *err = NULL;
    time_t until;
    if (ec_outcome_time_parse(r->quarter.since, &req.since) != 0 ||
        ec_outcome_time_parse(r->quarter.until, &until) != 0)
        return;
    req.until = until + 86400; /* the quarter's last day counts whole */
    const char *today = getenv("EDGECASE_TODAY");
    if (today && *today && ec_outcome_time_parse(today, &req.today) == 0)
        req.today += 43200;
    ec_status st = ec_insights_compute(store, index, &req, &in, &err);
    if (st != EC_OK) {
        *warning = ec_strdup_printf("the pattern sections were left out: %s",
                                    err ? err : ec_status_to_string(st));
        free(err);
        return;
    }
    json_object *j = ec_insights_to_json(in, 1);
    json_object *pats = json_object_new_array(), *weak = json_object_new_array(),
                *stale = json_object_new_array(), *a;
    size_t n = (a = pj_get(j, "patterns")) ? json_object_array_length(a) : 0;
    for (size_t i = 0; i < n && i < top; i++)
        json_object_array_add(pats, pattern_entry(json_object_array_get_idx(a, i)));
    n = (a = pj_get(j, "weak_paths")) ? json_object_array_length(a) : 0;
    for (size_t i = 0; i < n; i++)
        json_object_array_add(weak, weak_entry(json_object_array_get_idx(a, i)));
    n = (a = pj_get(j, "stale")) ? json_object_array_length(a) : 0;
    for (size_t i = 0; i < n; i++)
        json_object_array_add(stale, stale_entry(json_object_array_get_idx(a, i)));
    json_object_object_add(report, "patterns", pats);
    json_object_object_add(report, "weak_paths", weak);
    if (index) /* staleness needs the playbooks */
        json_object_object_add(report, "stale", stale);
    else
        json_object_put(stale);
    json_object_put(j);
    ec_insights_free(in);
}

static json_object *report_json(const ec_report *r, const ec_targets *targets,
                                 const char *targets_from, ec_store *store, ec_searcher *index,
                                 size_t top, char **warning)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "quarter", json_object_new_string(r->quarter.label));
    json_object_object_add(o, "since", json_object_new_string(r->quarter.since));
    json_object_object_add(o, "until", json_object_new_string(r->quarter.until));
    json_object_object_add(o, "previous", quarter_json(&r->previous));
    json_object_object_add(o, "targets_from", json_object_new_string(targets_from));
    json_object *heads = json_object_new_array();
    for (int m = 0; m < EC_METRIC_COUNT; m++)
        json_object_array_add(heads, headline_json(r, targets, (ec_metric)m));
    json_object_object_add(o, "headline", heads);
    json_object_object_add(o, "top_paths", paths_json(r, index));
    add_insights(o, r, store, index, top, warning);
    return o;
}

/* The targets: --targets FILE, else DBDIR/targets.json when it exists, else
 * the defaults. *FROM receives where they came from (caller frees). */
static int load_targets(const char *opt, const char *dbdir, ec_targets *t, char **from)
{
    char *file = opt ? strdup(opt) : ec_strdup_printf("%s/targets.json", dbdir), *err = NULL;
    int rc = 0;
    ec_targets_default(t);
    *from = NULL;
    if (!file)
        return -1;
    ec_status st = ec_targets_load(file, t, &err);
    if (st == EC_OK) {
        *from = file;
        file = NULL;
    } else if (st == EC_ERR_NOT_FOUND && !opt) {
        *from = strdup("default");
    } else {
        cli_error("report: %s", err ? err : ec_status_to_string(st));
        rc = -1;
    }
    free(err);
    free(file);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},      {"quarter", required_argument, NULL, 'q'},
        {"format", required_argument, NULL, 'f'},  {"json", no_argument, NULL, 'j'},
        {"output", required_argument, NULL, 'o'},  {"targets", required_argument, NULL, 't'},
        {"top", required_argument, NULL, 'n'},     {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db_opt = NULL, *quarter = NULL, *output = NULL, *targets_opt = NULL;
    printer_format format = PRINTER_TEXT;
    long top = TOP_PATHS;
    int c, rc = EXIT_OK;
    ec_quarter q;
    ec_targets targets;
    ec_store *store = NULL;
    ec_searcher *index = NULL;
    ec_report *report = NULL;
    json_object *j = NULL;
    printer *p = NULL;
    FILE *out = stdout;
    char *dbdir = NULL, *err = NULL, *targets_from = NULL, *tmp_file = NULL, *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:q:f:jo:t:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'q': quarter = optarg; break;
        case 'o': output = optarg; break;
        case 't': targets_opt = optarg; break;
        case 'j': format = PRINTER_JSON; break;
        case 'f':
            if (printer_parse_format(optarg, &format))
                return cli_usage_error("report", "--format is text, json or html, not \"%s\"",
                                       optarg);
            break;
        case 'n':
            errno = 0;
            top = strtol(optarg, &end, 10);
            if (errno || *end || top < 0 || top > 1000)
                return cli_usage_error("report", "--top is a number of paths from 0 to 1000, "
                                                 "not \"%s\"", optarg);
            break;
        case 'h': return cmd_help(2, (char *[]){"help", "report", NULL});
        default: return cli_usage_error("report", "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error("report", "unexpected argument \"%s\"", argv[optind]);
    if (!quarter)
        return cli_usage_error("report", "say which quarter: --quarter YYYYQN, e.g. 2026Q4");
    if (ec_quarter_parse(quarter, &q))
        return cli_usage_error("report", "--quarter is YYYYQN (e.g. 2026Q4), not \"%s\"", quarter);
    if (!(dbdir = cli_db_dir(db_opt))) {
        cli_error("report: no database directory: set --db, $EDGECASE_DB or $HOME");
        return EXIT_USAGE;
    }
    if (load_targets(targets_opt, dbdir, &targets, &targets_from)) {
        rc = EXIT_PROBLEMS;
        goto out;
    }
    ec_status s = ec_store_open(dbdir, &store, &err);
    if (s == EC_OK)
        s = ec_report_build(store, &q, (size_t)top, &report, &err);
    if (s != EC_OK) {
        cli_error("report: %s", err ? err : ec_status_to_string(s));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    free(err);
    err = NULL;
    if (ec_searcher_open(dbdir, &index, &err) != EC_OK)
        index = NULL; /* titles are a nicety: ids stand in without an index */
    char *warning = NULL;
    j = report_json(report, &targets, targets_from ? targets_from : "default", store, index,
                    (size_t)top, &warning);
    if (warning) {
        cli_error("report: %s", warning);
        free(warning);
    }
    /* -o writes a new file beside FILE and renames it over: a reader (or a
     * mail job) never sees half a report. */
    if (output && !(tmp_file = ec_strdup_printf("%s.tmp%ld", output, (long)getpid()))) {
        rc = EXIT_PROBLEMS;
        goto out;
    }
    if (output && !(out = fopen(tmp_file, "w"))) {
        cli_error("report: cannot write %s (%s); check the directory exists and is writable",
                  output, strerror(errno));
        out = stdout;
        rc = EXIT_PROBLEMS;
        goto out;
    }
    if (!(p = printer_new(format, out, out == stdout && cli_use_color(stdout)))) {
        rc = EXIT_PROBLEMS;
        goto out;
    }
    printer_emit(p, &report_view, j);
    if (output) {
        int bad = ferror(out);
        bad |= fclose(out) != 0;
        out = stdout;
        if (bad || rename(tmp_file, output)) {
            cli_error("report: cannot write %s (%s); check the disk space and permissions", output,
                      strerror(errno));
            unlink(tmp_file);
            rc = EXIT_PROBLEMS;
        }
    }
out:
    if (out != stdout) {
        fclose(out);
        unlink(tmp_file);
    }
    printer_free(p);
    json_object_put(j);
    ec_report_free(report);
    ec_searcher_close(index);
    ec_store_close(store);
    free(tmp_file);
    free(targets_from);
    free(err);
    free(dbdir);
    return rc;
}
