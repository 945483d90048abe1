/* ec-report.c: quarters, headline metrics, targets, the report's figures and
 * the scenario score. */
#define _POSIX_C_SOURCE 200809L
#include "ec-report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "ec-util.h"

/* ------------------------------------------------------------- quarters */

static void quarter_fill(ec_quarter *q)
{
    static const char *const last_day[] = {"03-31", "06-30", "09-30", "12-31"};
    snprintf(q->label, sizeof q->label, "%04dQ%d", q->year, q->q);
    snprintf(q->since, sizeof q->since, "%04d-%02d-01", q->year, (q->q - 1) * 3 + 1);
    snprintf(q->until, sizeof q->until, "%04d-%s", q->year, last_day[q->q - 1]);
    for (int i = 0; i < 3; i++)
        snprintf(q->months[i], sizeof q->months[i], "%04d-%02d", q->year, (q->q - 1) * 3 + 1 + i);
}

int ec_quarter_parse(const char *s, ec_quarter *out)
{
    if (!s || strlen(s) < 6 || strlen(s) > 7)
        return -1;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    const char *p = s + 4;
    if (*p == '-')
        p++;
    if ((*p != 'Q' && *p != 'q') || p[1] < '1' || p[1] > '4' || p[2])
        return -1;
    ec_quarter q = {0};
    q.year = atoi(s); /* the four digits: atoi stops at the Q or '-' */
    q.q = p[1] - '0';
    if (q.year < 1970)
        return -1;
    quarter_fill(&q);
    *out = q;
    return 0;
}

void ec_quarter_previous(const ec_quarter *q, ec_quarter *out)
{
    ec_quarter p = {0};
    p.year = q->q == 1 ? q->year - 1 : q->year;
    p.q = q->q == 1 ? 4 : q->q - 1;
    quarter_fill(&p);
    *out = p;
}

/* -------------------------------------------------------------- metrics */

static const ec_metric_info metrics[EC_METRIC_COUNT] = {
    [EC_METRIC_RESOLUTION] = {"resolution_rate", "Exception resolution rate", "share", 1},
    [EC_METRIC_FCR] = {"first_contact_resolution", "First-contact resolution", "share", 1},
    [EC_METRIC_HEARD] = {"emotional_validation", "Emotional validation (felt heard)", "share", 1},
    [EC_METRIC_TRUST] = {"trust_index", "Trust index (rated 4-5)", "share", 1},
    [EC_METRIC_ESCALATION] = {"escalation_rate", "Escalation rate", "share", 0},
    [EC_METRIC_HANDLE] = {"handle_time_mean", "Average handle time", "seconds", 0},
    [EC_METRIC_HANDLE_QA] = {"handle_time_quality_adjusted",
                             "Quality-adjusted handle time (per resolved case)", "seconds", 0},
    [EC_METRIC_USES] = {"uses", "Uses (outcomes recorded)", "count", 1},
};

const ec_metric_info *ec_metric_get(ec_metric m)
{
    return &metrics[(size_t)m < EC_METRIC_COUNT ? m : 0];
}

int ec_metric_parse(const char *key, ec_metric *out)
{
    for (int m = 0; m < EC_METRIC_COUNT; m++)
        if (key && strcmp(key, metrics[m].key) == 0) {
            *out = (ec_metric)m;
            return 0;
        }
    return -1;
}

static double ratio(double num, long den, long *n)
{
    if (n)
        *n = den;
    return den > 0 ? num / (double)den : -1;
}

double ec_metric_value(ec_metric m, const ec_outcome_counts *c, long *n)
{
    switch (m) {
    case EC_METRIC_RESOLUTION: return ratio((double)c->resolved, c->uses, n);
    case EC_METRIC_FCR: return ratio((double)c->fcr_yes, c->fcr_known, n);
    case EC_METRIC_HEARD: return ratio((double)c->heard_yes, c->heard_known, n);
    case EC_METRIC_TRUST: return ratio((double)c->trust_high, c->trust_known, n);
    case EC_METRIC_ESCALATION: return ratio((double)c->escalated, c->uses, n);
    case EC_METRIC_HANDLE: return ratio(c->handle_sum, c->timed, n);
    case EC_METRIC_HANDLE_QA: return ratio(c->handle_sum, c->timed_resolved, n);
    case EC_METRIC_USES:
    default:
        if (n)
            *n = c->uses;
        return (double)c->uses;
    }
}

/* -------------------------------------------------------------- targets */

void ec_targets_default(ec_targets *out)
{
    memset(out, 0, sizeof *out);
    out->of[EC_METRIC_HEARD] = (ec_target){1, 0.85, 0.95};
    out->of[EC_METRIC_FCR] = (ec_target){1, 0.70, 0.80};
    out->of[EC_METRIC_TRUST] = (ec_target){1, 0.80, 0.90};
}

static int is_number(json_object *v)
{
    return json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int);
}

ec_status ec_targets_load(const char *file, ec_targets *targets, char **err)
{
    char *text = NULL;
    size_t len = 0;
    json_object *root = NULL;
    ec_targets t = *targets;
    ec_status st = EC_OK;
    *err = NULL;
    int e = ec_read_file(file, 1 << 20, &text, &len);
    if (e) {
        *err = ec_strdup_printf("%s: cannot read the targets (%s)%s", file, strerror(e),
                                e == ENOENT ? "; give an existing file or leave --targets out "
                                              "for the defaults"
                                            : "");
        st = e == ENOENT ? EC_ERR_NOT_FOUND : EC_ERR_IO;
        goto out;
    }
    enum json_tokener_error jerr;
    root = json_tokener_parse_verbose(text, &jerr);
    if (!root || !json_object_is_type(root, json_type_object)) {
        *err = ec_strdup_printf("%s: not a JSON object (%s); write e.g. "
                                "{\"emotional_validation\": [0.85, 0.95]}",
                                file, root ? "another JSON value" : json_tokener_error_desc(jerr));
        st = EC_ERR_PARSE;
        goto out;
    }
    json_object_object_foreach(root, key, val)
    {
        ec_metric m;
        if (ec_metric_parse(key, &m)) {
            ec_buf keys = EC_BUF_INIT;
            for (int i = 0; i < EC_METRIC_COUNT; i++)
                ec_buf_printf(&keys, "%s%s", i ? ", " : "", metrics[i].key);
            *err = ec_strdup_printf("%s: no metric \"%s\"; the metrics are %s", file, key,
                                    keys.data ? keys.data : "");
            ec_buf_free(&keys);
            st = EC_ERR_INVALID;
            goto out;
        }
        if (!val) {
            t.of[m].set = 0;
            continue;
        }
        json_object *lo = json_object_is_type(val, json_type_array) &&
                                  json_object_array_length(val) == 2
                              ? json_object_array_get_idx(val, 0)
                              : NULL;
        json_object *hi = lo ? json_object_array_get_idx(val, 1) : NULL;
        if (!lo || !hi || !is_number(lo) || !is_number(hi)) {
            *err = ec_strdup_printf("%s: \"%s\" must be [LOW, HIGH] (two numbers) or null", file,
                                    key);
            st = EC_ERR_INVALID;
            goto out;
        }
        double l = json_object_get_double(lo), h = json_object_get_double(hi);
        int share = strcmp(metrics[m].unit, "share") == 0;
        if (l < 0 || h < l || (share && h > 1)) {
            *err = ec_strdup_printf("%s: \"%s\" [%g, %g] is not a range%s", file, key, l, h,
                                    share ? " of shares from 0 to 1 (0.85, not 85)"
                                          : " from LOW to HIGH, both 0 or more");
            st = EC_ERR_INVALID;
            goto out;
        }
        t.of[m] = (ec_target){1, l, h};
    }
    *targets = t;
out:
    json_object_put(root);
    free(text);
    return st;
}

ec_target_status ec_target_check(const ec_target *t, double value)
{
    if (!t || !t->set || value < 0)
        return EC_TARGET_NONE;
    /* A rounding hair below a bound counts as on it: 0.85 computed as 17/20
     * must not read as "below 85%". */
    const double eps = 1e-9;
    if (value < t->low - eps)
        return EC_TARGET_BELOW;
    if (value > t->high + eps)
        return EC_TARGET_ABOVE;
    return EC_TARGET_WITHIN;
}

const char *ec_target_status_name(ec_target_status s)
{
    switch (s) {
    case EC_TARGET_BELOW: return "below";
    case EC_TARGET_WITHIN: return "within";
    case EC_TARGET_ABOVE: return "above";
    default: return NULL;
    }
}

int ec_target_met(ec_metric m, ec_target_status s)
{
    if (s == EC_TARGET_NONE)
        return -1;
    if (s == EC_TARGET_WITHIN)
        return 1;
    return (s == EC_TARGET_ABOVE) == (ec_metric_get(m)->higher_is_better != 0);
}

/* --------------------------------------------------------------- report */

static void counts_sum(ec_outcome_counts *to, const ec_outcome_counts *c)
{
    to->uses += c->uses;
    to->resolved += c->resolved;
    to->escalated += c->escalated;
    to->unresolved += c->unresolved;
    to->fcr_known += c->fcr_known;
    to->fcr_yes += c->fcr_yes;
    to->heard_known += c->heard_known;
    to->heard_yes += c->heard_yes;
    to->trust_known += c->trust_known;
    to->trust_sum += c->trust_sum;
    to->trust_high += c->trust_high;
    to->timed += c->timed;
    to->handle_sum += c->handle_sum;
    to->timed_resolved += c->timed_resolved;
}

ec_status ec_report_build(ec_store *store, const ec_quarter *q, size_t top_paths,
                          ec_report **out, char **err)
{
    ec_stats *months = NULL, *paths = NULL;
    ec_report *r = calloc(1, sizeof *r);
    ec_status st = EC_OK;
    *out = NULL;
    *err = NULL;
    if (!r)
        return EC_ERR_NOMEM;
    r->quarter = *q;
    ec_quarter_previous(q, &r->previous);
    for (int i = 0; i < 6; i++)
        snprintf(r->months[i].key, sizeof r->months[i].key, "%s",
                 i < 3 ? r->previous.months[i] : q->months[i - 3]);

    ec_stats_request req = {.since = r->previous.since, .until = q->until, .by = EC_BY_MONTH};
    if ((st = ec_store_stats(store, &req, &months, err)) != EC_OK)
        goto out;
    for (size_t g = 0; g < months->n; g++)
        for (int i = 0; i < 6; i++)
            if (strcmp(months->groups[g].key, r->months[i].key) == 0)
                counts_sum(&r->months[i].counts, &months->groups[g].counts);
    for (int i = 0; i < 6; i++)
        counts_sum(i < 3 ? &r->before : &r->current, &r->months[i].counts);

    req = (ec_stats_request){.since = q->since, .until = q->until, .by = EC_BY_PATH};
    if ((st = ec_store_stats(store, &req, &paths, err)) != EC_OK)
        goto out;
    if (top_paths && !(r->paths = calloc(top_paths, sizeof *r->paths))) {
        st = EC_ERR_NOMEM;
        goto out;
    }
    /* Groups come most used first, ties by name. */
    for (size_t g = 0; g < paths->n && r->n_paths < top_paths; g++) {
        const char *key = paths->groups[g].key, *hash = strchr(key, '#');
        if (!*key || !hash)
            continue; /* outcomes without a path */
        ec_report_path *p = &r->paths[r->n_paths];
        p->playbook_id = ec_strdup_printf("%.*s", (int)(hash - key), key);
        p->path_id = ec_strdup(hash + 1);
        if (!p->playbook_id || !p->path_id) {
            free(p->playbook_id);
            free(p->path_id);
            st = EC_ERR_NOMEM;
            goto out;
        }
        p->counts = paths->groups[g].counts;
        ec_wilson95(p->counts.resolved, p->counts.uses, &p->low, &p->high);
        r->n_paths++;
    }
out:
    ec_stats_free(months);
    ec_stats_free(paths);
    if (st == EC_OK)
        *out = r;
    else
        ec_report_free(r);
    return st;
}

void ec_report_free(ec_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_paths; i++) {
        free(r->paths[i].playbook_id);
        free(r->paths[i].path_id);
    }
    free(r->paths);
    free(r);
}

/* ------------------------------------------------------------ scenarios */

double ec_scenario_score(const ec_outcome_counts *c)
{
    if (c->uses <= 0)
        return 0;
    double not_heard = c->heard_known > 0
                           ? (double)(c->heard_known - c->heard_yes) / (double)c->heard_known
                           : 0;
    return (double)(c->uses + c->escalated + c->unresolved) + (double)c->uses * not_heard;
}

size_t ec_best_path(const ec_path_stats *stats, size_t n, double *low)
{
    size_t best = 0;
    double best_low = -1;
    for (size_t i = 0; i < n; i++) {
        if (stats[i].uses < EC_BEST_PATH_MIN_USES)
            continue;
        double lo, hi;
        ec_wilson95(stats[i].resolved, stats[i].uses, &lo, &hi);
        if (lo > best_low) {
            best_low = lo;
            best = i;
        }
    }
    if (low)
        *low = best_low;
    return best;
}
