/* ec-insights.c: unmet demand, weak paths and stale content (ec-insights.h). */
#define _POSIX_C_SOURCE 200809L
#include "ec-insights.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/xmlwriter.h>

#include "ec-model-json.h"
#include "ec-outcomes-internal.h"

#define DAY 86400
#define DEFAULT_PERIOD_DAYS 90
#define DEFAULT_EXAMPLES 5

static ec_status store_error(ec_store *store, const char *doing, char **err)
{
    *err = ec_strdup_printf("%s: %s: %s", ec_store_file(store), doing,
                            sqlite3_errmsg(ec_store_sqlite(store)));
    return EC_ERR_STORE;
}

static char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? ec_strdup((const char *)t) : NULL;
}

/* ------------------------------------------------------------ unmet demand */

typedef struct unmet_list {
    ec_unmet *items;
    size_t n, cap;
} unmet_list;

static void unmet_clear(ec_unmet *u)
{
    free(u->text);
    free(u->case_ref);
}

static void unmet_list_free(unmet_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        unmet_clear(&l->items[i]);
    free(l->items);
}

/* Appends a copy of TEXT...; -1 on OOM. */
static int unmet_push(unmet_list *l, const char *text, time_t at, long long id, const char *case_ref,
                      unsigned why)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        ec_unmet *p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return -1;
        l->items = p;
        l->cap = cap;
    }
    ec_unmet *u = &l->items[l->n];
    u->text = ec_strdup(text);
    u->case_ref = case_ref ? ec_strdup(case_ref) : NULL;
    if (!u->text || (case_ref && !u->case_ref)) {
        unmet_clear(u);
        return -1;
    }
    u->at = at;
    u->search_id = id;
    u->why = why;
    l->n++;
    return 0;
}

/* A search is unused when no result of it was used and no search of the same
 * case was used at or after it (the agent found the answer later in the case).
 * Cases escalated or unresolved without a path add their note; without a note,
 * their searches are already here when unused. Both periods at once. */
static const char unmet_sql[] =
    "WITH last_use AS (SELECT case_ref, MAX(at) AS t FROM searches"
    "  WHERE used IS NOT NULL AND case_ref IS NOT NULL GROUP BY case_ref)"
    " SELECT s.id, s.at, s.query, s.case_ref,"
    "  s.used IS NULL AND (l.t IS NULL OR l.t < s.at), s.top_score < ?3"
    " FROM searches s LEFT JOIN last_use l ON l.case_ref = s.case_ref"
    " WHERE s.at >= ?1 AND s.at < ?2 AND trim(s.query) != ''"
    " UNION ALL"
    " SELECT 0, o.closed_at, o.note, c.ref, 0, 0 FROM outcomes o JOIN cases c ON c.id = o.case_id"
    " WHERE o.closed_at >= ?1 AND o.closed_at < ?2 AND o.playbook_id IS NULL"
    "  AND o.result IN ('escalated', 'unresolved') AND o.note IS NOT NULL AND trim(o.note) != ''"
    " ORDER BY 2, 1";

static ec_status load_unmet(ec_store *store, time_t from, time_t to, double weak, unmet_list *out,
                            char **err)
{
    sqlite3 *db = ec_store_sqlite(store);
    sqlite3_stmt *st = NULL;
    ec_status status = EC_OK;
    int rc;
    if (sqlite3_prepare_v2(db, unmet_sql, -1, &st, NULL) != SQLITE_OK) {
        status = store_error(store, "reading the search log", err);
        goto out;
    }
    sqlite3_bind_int64(st, 1, (sqlite3_int64)from);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)to);
    sqlite3_bind_double(st, 3, weak);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        unsigned why = id == 0 ? EC_UNMET_CASE
                               : (sqlite3_column_int(st, 4) ? EC_UNMET_UNUSED : 0) |
                                     (sqlite3_column_int(st, 5) ? EC_UNMET_WEAK : 0);
        const char *text = (const char *)sqlite3_column_text(st, 2);
        if (!why || !text)
            continue;
        if (unmet_push(out, text, (time_t)sqlite3_column_int64(st, 1), id,
                       (const char *)sqlite3_column_text(st, 3), why)) {
            status = EC_ERR_NOMEM;
            goto out;
        }
    }
    if (rc != SQLITE_DONE)
        status = store_error(store, "reading the search log", err);
out:
    sqlite3_finalize(st);
    return status;
}

/* Escalated / not heard over the distinct cases of P's members. */
static ec_status case_shares(ec_store *store, ec_unmet_pattern *p, char **err)
{
    static const char sql[] =
        "SELECT MAX(o.result = 'escalated'), COUNT(o.heard), MIN(o.heard)"
        " FROM outcomes o JOIN cases c ON c.id = o.case_id WHERE c.ref = ?1";
    sqlite3_stmt *st = NULL;
    ec_status status = EC_OK;
    ec_strv seen = {0};
    if (sqlite3_prepare_v2(ec_store_sqlite(store), sql, -1, &st, NULL) != SQLITE_OK) {
        status = store_error(store, "reading the cases", err);
        goto out;
    }
    for (size_t i = 0; i < p->n_members; i++) {
        const char *ref = p->members[i].case_ref;
        int dup = 0;
        if (!ref)
            continue;
        for (size_t j = 0; j < seen.n && !dup; j++)
            dup = strcmp(seen.items[j], ref) == 0;
        if (dup)
            continue;
        if (ec_strv_push(&seen, ref)) {
            status = EC_ERR_NOMEM;
            goto out;
        }
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_ROW) {
            status = store_error(store, "reading the cases", err);
            goto out;
        }
        if (sqlite3_column_type(st, 0) == SQLITE_NULL)
            continue; /* no outcome recorded for that case */
        p->cases++;
        p->escalated += sqlite3_column_int(st, 0);
        if (sqlite3_column_int(st, 1) > 0) {
            p->heard_known++;
            p->not_heard += sqlite3_column_int(st, 2) == 0;
        }
    }
out:
    sqlite3_finalize(st);
    ec_strv_free(&seen);
    return status;
}

/* The best indexed result for the pattern's key phrases. */
static void nearest(ec_searcher *index, ec_unmet_pattern *p)
{
    ec_buf q = {0};
    ec_results *r = NULL;
    char *err = NULL;
    p->nearest_score = -1;
    for (size_t i = 0; i < p->phrases.n; i++) {
        if (i)
            ec_buf_putc(&q, ' ');
        ec_buf_puts(&q, p->phrases.items[i]);
    }
    char *query = ec_buf_steal(&q);
    ec_search_request req = {.query = query, .limit = 1, .no_correction = 1};
    if (!index || !query || ec_search_run(index, &req, &r, &err) != EC_OK || r->n == 0)
        goto out;
    p->nearest_id = ec_strdup(r->items[0].id);
    p->nearest_path = r->items[0].path ? ec_strdup(r->items[0].path) : NULL;
    p->nearest_title = ec_strdup(r->items[0].title);
    p->nearest_category = r->items[0].category ? ec_strdup(r->items[0].category) : NULL;
    p->nearest_score = r->items[0].score;
out:
    ec_results_free(r);
    free(query);
    free(err);
}

static void pattern_clear(ec_unmet_pattern *p)
{
    free(p->label);
    ec_strv_free(&p->phrases);
    for (size_t i = 0; i < p->n_members; i++)
        unmet_clear(&p->members[i]);
    free(p->members);
    free(p->nearest_id);
    free(p->nearest_path);
    free(p->nearest_title);
    free(p->nearest_category);
}

/* Louvain's resolution for N texts. The engine's default, 4, was measured on
 * Banking77's 10,003 texts (NMI 0.71); on a few hundred texts it cuts one
 * exception into a group per wording (the synthetic history's 40 eSIM
 * searches fell into 5 groups). Modularity's scale grows with the square root
 * of the graph's weight, so the resolution shrinks with sqrt(N / 10,000), to
 * no less than 1: 4 from 10,000 texts on, 1 up to 625 (the synthetic history,
 * ~470 texts: the 40 in one group). */
static double scaled_resolution(size_t n)
{
    double r = 4 * sqrt((double)n / 10000);
    return r < 1 ? 1 : r > 4 ? 4 : r;
}

/* Trend: both periods are grouped together, so a pattern's "previous" is the
 * number of the previous period's texts that fell in its group. Groups with
 * no member in the period are not patterns of the period. */
static ec_status find_patterns(ec_store *store, ec_searcher *index, const ec_insights_request *req,
                               ec_insights *in, char **err)
{
    unmet_list all = {0};
    ec_pattern_search *texts = NULL;
    ec_patterns *groups = NULL;
    ec_status status = load_unmet(store, in->previous_since, in->until, in->weak_score, &all, err);
    if (status != EC_OK)
        goto out;
    if (all.n == 0)
        goto out;
    if (!(texts = calloc(all.n, sizeof *texts))) {
        status = EC_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < all.n; i++) {
        texts[i] = (ec_pattern_search){all.items[i].text, all.items[i].at};
        if (all.items[i].at >= in->since)
            in->n_unmet++;
        else
            in->n_unmet_previous++;
    }
    ec_patterns_options opts = req->grouping ? *req->grouping : (ec_patterns_options){0};
    if (opts.resolution <= 0)
        opts.resolution = scaled_resolution(all.n);
    if ((status = ec_patterns_group(texts, all.n, &opts, &groups, err)) != EC_OK)
        goto out;
    if (!(in->patterns = calloc(groups->n_groups ? groups->n_groups : 1, sizeof *in->patterns))) {
        status = EC_ERR_NOMEM;
        goto out;
    }
    for (size_t g = 0; g < groups->n_groups; g++) {
        const ec_pattern_group *grp = &groups->groups[g];
        size_t now = 0;
        for (size_t i = 0; i < grp->n_members; i++)
            now += all.items[grp->members[i]].at >= in->since;
        if (now == 0)
            continue;
        ec_unmet_pattern *p = &in->patterns[in->n_patterns++];
        p->label = ec_strdup(grp->label);
        p->cohesion = grp->cohesion;
        p->size = now;
        p->previous = grp->n_members - now;
        p->members = calloc(now, sizeof *p->members);
        if (!p->label || !p->members) {
            status = EC_ERR_NOMEM;
            goto out;
        }
        for (size_t i = 0; i < grp->phrases.n; i++)
            if (ec_strv_push(&p->phrases, grp->phrases.items[i])) {
                status = EC_ERR_NOMEM;
                goto out;
            }
        /* Move the period's members over, most typical first. */
        for (size_t i = 0; i < grp->n_members; i++) {
            ec_unmet *u = &all.items[grp->members[i]];
            if (u->at < in->since)
                continue;
            p->members[p->n_members++] = *u;
            u->text = u->case_ref = NULL;
        }
        if ((status = case_shares(store, p, err)) != EC_OK)
            goto out;
        nearest(index, p);
    }
    /* ec_patterns_group orders by the size of both periods: order by this one. */
    for (size_t i = 1; i < in->n_patterns; i++)
        for (size_t j = i; j > 0 && in->patterns[j].size > in->patterns[j - 1].size; j--) {
            ec_unmet_pattern t = in->patterns[j];
            in->patterns[j] = in->patterns[j - 1];
            in->patterns[j - 1] = t;
        }
out:
    ec_patterns_free(groups);
    free(texts);
    unmet_list_free(&all);
    return status;
}

/* ------------------------------------------------------------ categories */

typedef struct doc_cache {
    ec_searcher *index;
    ec_strv ids;
    json_object **docs; /* parallel to ids; NULL when not indexed */
    size_t cap;
} doc_cache;

/* The indexed document ID (borrowed from the cache), or NULL. */
static json_object *doc_get(doc_cache *c, const char *id)
{
    for (size_t i = 0; i < c->ids.n; i++)
        if (strcmp(c->ids.items[i], id) == 0)
            return c->docs[i];
    json_object *doc = NULL;
    if (c->index && ec_searcher_document(c->index, id, &doc, NULL) != EC_OK)
        doc = NULL;
    if (c->ids.n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 32;
        json_object **d = realloc(c->docs, cap * sizeof *d);
        if (!d) {
            json_object_put(doc);
            return NULL;
        }
        c->docs = d;
        c->cap = cap;
    }
    if (ec_strv_push(&c->ids, id)) {
        json_object_put(doc);
        return NULL;
    }
    c->docs[c->ids.n - 1] = doc;
    return doc;
}

static const char *doc_str(json_object *doc, const char *key)
{
    json_object *v;
    if (!doc || !json_object_object_get_ex(doc, key, &v) || !v)
        return NULL;
    const char *s = json_object_get_string(v);
    return s && *s ? s : NULL;
}

static void doc_cache_free(doc_cache *c)
{
    for (size_t i = 0; i < c->ids.n; i++)
        json_object_put(c->docs[i]);
    free(c->docs);
    ec_strv_free(&c->ids);
}

/* ------------------------------------------------------------- weak paths */

typedef struct path_row {
    char *playbook_id, *path_id, *category;
    long uses, resolved, prev_uses, prev_resolved;
} path_row;

static const char paths_sql[] =
    "SELECT playbook_id, path_id, SUM(closed_at >= ?2), SUM(closed_at >= ?2 AND result = 'resolved'),"
    "  SUM(closed_at < ?2), SUM(closed_at < ?2 AND result = 'resolved')"
    " FROM outcomes WHERE playbook_id IS NOT NULL AND path_id IS NOT NULL"
    "  AND closed_at >= ?1 AND closed_at < ?3 GROUP BY 1, 2 ORDER BY 1, 2";

static int cmp_weak(const void *a, const void *b)
{
    const ec_weak_path *x = a, *y = b;
    if (x->high != y->high)
        return x->high < y->high ? -1 : 1;
    int c = strcmp(x->playbook_id, y->playbook_id);
    return c ? c : strcmp(x->path_id, y->path_id);
}

static ec_status find_weak_paths(ec_store *store, doc_cache *docs, ec_insights *in, char **err)
{
    sqlite3_stmt *st = NULL;
    path_row *rows = NULL;
    size_t n = 0, cap = 0;
    ec_status status = EC_OK;
    int rc;
    if (sqlite3_prepare_v2(ec_store_sqlite(store), paths_sql, -1, &st, NULL) != SQLITE_OK) {
        status = store_error(store, "reading the outcomes", err);
        goto out;
    }
    sqlite3_bind_int64(st, 1, (sqlite3_int64)in->previous_since);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)in->since);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)in->until);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            path_row *p = realloc(rows, cap * sizeof *p);
            if (!p) {
                status = EC_ERR_NOMEM;
                goto out;
            }
            rows = p;
        }
        path_row *r = &rows[n++];
        memset(r, 0, sizeof *r);
        r->playbook_id = col_text(st, 0);
        r->path_id = col_text(st, 1);
        r->uses = sqlite3_column_int64(st, 2);
        r->resolved = sqlite3_column_int64(st, 3);
        r->prev_uses = sqlite3_column_int64(st, 4);
        r->prev_resolved = sqlite3_column_int64(st, 5);
        const char *cat = doc_str(doc_get(docs, r->playbook_id ? r->playbook_id : ""), "category");
        r->category = ec_strdup(cat ? cat : "");
        if (!r->playbook_id || !r->path_id || !r->category) {
            status = EC_ERR_NOMEM;
            goto out;
        }
    }
    if (rc != SQLITE_DONE) {
        status = store_error(store, "reading the outcomes", err);
        goto out;
    }
    if (!(in->weak_paths = calloc(n ? n : 1, sizeof *in->weak_paths))) {
        status = EC_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        path_row *r = &rows[i];
        if (r->uses < in->min_uses)
            continue;
        /* The category's other paths: the path itself would pull the bar to it. */
        long cu = 0, cr = 0;
        for (size_t j = 0; j < n; j++)
            if (j != i && strcmp(rows[j].category, r->category) == 0) {
                cu += rows[j].uses;
                cr += rows[j].resolved;
            }
        double low, high;
        ec_wilson95(r->resolved, r->uses, &low, &high);
        int below = cu >= in->min_uses && high < (double)cr / cu;
        int falling = r->prev_uses >= in->min_uses && high < (double)r->prev_resolved / r->prev_uses;
        if (!below && !falling)
            continue;
        ec_weak_path *w = &in->weak_paths[in->n_weak_paths++];
        w->playbook_id = ec_strdup(r->playbook_id);
        w->path_id = ec_strdup(r->path_id);
        w->category = *r->category ? ec_strdup(r->category) : NULL;
        if (!w->playbook_id || !w->path_id || (*r->category && !w->category)) {
            status = EC_ERR_NOMEM;
            goto out;
        }
        w->uses = r->uses;
        w->resolved = r->resolved;
        w->low = low;
        w->high = high;
        w->category_uses = cu;
        w->category_resolved = cr;
        w->previous_uses = r->prev_uses;
        w->previous_resolved = r->prev_resolved;
        w->below_category = below;
        w->falling = falling;
    }
    if (in->n_weak_paths > 1)
        qsort(in->weak_paths, in->n_weak_paths, sizeof *in->weak_paths, cmp_weak);
out:
    for (size_t i = 0; i < n; i++) {
        free(rows[i].playbook_id);
        free(rows[i].path_id);
        free(rows[i].category);
    }
    free(rows);
    sqlite3_finalize(st);
    return status;
}

/* ------------------------------------------------------------------ stale */

static int day_string(time_t t, char out[11])
{
    struct tm tm;
    return gmtime_r(&t, &tm) && strftime(out, 11, "%Y-%m-%d", &tm) == 10 ? 0 : -1;
}

/* The last use of each playbook: its outcomes and the used results of the log. */
static const char last_use_sql[] =
    "SELECT id, MAX(t) FROM ("
    "  SELECT playbook_id AS id, closed_at AS t FROM outcomes WHERE playbook_id IS NOT NULL"
    "  UNION ALL SELECT CASE WHEN instr(used, '#') THEN substr(used, 1, instr(used, '#') - 1)"
    "   ELSE used END, COALESCE(used_at, at) FROM searches WHERE used IS NOT NULL)"
    " GROUP BY id";

static ec_status find_stale(ec_store *store, doc_cache *docs, ec_insights *in, char **err)
{
    sqlite3 *db = ec_store_sqlite(store);
    sqlite3_stmt *st = NULL;
    ec_strv ids = {0}, used_ids = {0};
    time_t *used_at = NULL;
    size_t used_cap = 0;
    ec_status status = EC_OK;
    char today[11];
    int rc;
    if (day_string(in->today, today)) {
        *err = ec_strdup("the day of today is out of range");
        status = EC_ERR_USAGE;
        goto out;
    }
    /* How far back the store's history goes: "unused for 90 days" needs 90
     * days of history, or a new store would call everything unused. */
    if (sqlite3_prepare_v2(db,
                           "SELECT MIN(t) FROM (SELECT MIN(at) AS t FROM searches"
                           " UNION ALL SELECT MIN(closed_at) FROM outcomes)",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        status = store_error(store, "reading the history", err);
        goto out;
    }
    in->history_days = sqlite3_column_type(st, 0) == SQLITE_NULL
                           ? 0
                           : (int)((in->today - (time_t)sqlite3_column_int64(st, 0)) / DAY);
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(db, last_use_sql, -1, &st, NULL) != SQLITE_OK) {
        status = store_error(store, "reading the uses", err);
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (used_ids.n == used_cap) {
            used_cap = used_cap ? 2 * used_cap : 64;
            time_t *p = realloc(used_at, used_cap * sizeof *p);
            if (!p) {
                status = EC_ERR_NOMEM;
                goto out;
            }
            used_at = p;
        }
        const char *id = (const char *)sqlite3_column_text(st, 0);
        if (ec_strv_push(&used_ids, id ? id : "")) {
            status = EC_ERR_NOMEM;
            goto out;
        }
        used_at[used_ids.n - 1] = (time_t)sqlite3_column_int64(st, 1);
    }
    if (rc != SQLITE_DONE) {
        status = store_error(store, "reading the uses", err);
        goto out;
    }
    if (!docs->index)
        goto out;
    if ((status = ec_searcher_field_values(docs->index, "id", "", &ids, err)) != EC_OK)
        goto out;
    if (!(in->stale = calloc(ids.n ? ids.n : 1, sizeof *in->stale))) {
        status = EC_ERR_NOMEM;
        goto out;
    }
    time_t horizon = in->today - (time_t)in->stale_days * DAY;
    for (size_t i = 0; i < ids.n; i++) {
        json_object *doc = doc_get(docs, ids.items[i]);
        const char *state = doc_str(doc, "status"), *review = doc_str(doc, "review_by");
        if (!doc || !state || strcmp(state, "retired") == 0)
            continue;
        time_t last = 0;
        for (size_t j = 0; j < used_ids.n; j++)
            if (strcmp(used_ids.items[j], ids.items[i]) == 0)
                last = used_at[j];
        int passed = review && strcmp(review, today) < 0;
        /* Known long enough: the history covers the window, and the source
         * file (when it can be read here) has not changed within it. The
         * index keeps no indexed-at time; a file's last change stands in. */
        const char *file = doc_str(doc, "file");
        struct stat sb;
        int fresh = file && stat(file, &sb) == 0 && sb.st_mtime > horizon;
        int unused = strcmp(state, "published") == 0 && last < horizon && !fresh &&
                     in->history_days >= (int)in->stale_days;
        if (!passed && !unused)
            continue;
        ec_stale *s = &in->stale[in->n_stale++];
        const char *kind = doc_str(doc, "kind"), *title = doc_str(doc, "title"),
                   *cat = doc_str(doc, "category");
        s->id = ec_strdup(ids.items[i]);
        s->kind = ec_strdup(kind ? kind : "playbook");
        s->title = ec_strdup(title ? title : "");
        s->category = cat ? ec_strdup(cat) : NULL;
        s->status = ec_strdup(state);
        s->review_by = review ? ec_strdup(review) : NULL;
        s->review_passed = passed;
        s->unused = unused;
        s->last_used = last;
        if (!s->id || !s->kind || !s->title || !s->status || (cat && !s->category) ||
            (review && !s->review_by)) {
            status = EC_ERR_NOMEM;
            goto out;
        }
    }
out:
    sqlite3_finalize(st);
    ec_strv_free(&ids);
    ec_strv_free(&used_ids);
    free(used_at);
    return status;
}

/* ------------------------------------------------------------------- API */

ec_status ec_insights_compute(ec_store *store, ec_searcher *index, const ec_insights_request *req,
                              ec_insights **out, char **err)
{
    ec_insights *in = NULL;
    doc_cache docs = {.index = index};
    ec_status status = EC_OK;
    *out = NULL;
    *err = NULL;
    if (!store || !req)
        return EC_ERR_USAGE;
    if (!(in = calloc(1, sizeof *in))) {
        status = EC_ERR_NOMEM;
        goto out;
    }
    in->until = req->until ? req->until : time(NULL);
    in->since = req->since ? req->since : in->until - (time_t)DEFAULT_PERIOD_DAYS * DAY;
    if (in->since >= in->until) {
        *err = ec_strdup("the period is empty: since must come before until");
        status = EC_ERR_USAGE;
        goto out;
    }
    in->previous_since = in->since - (in->until - in->since);
    in->today = req->today ? req->today : in->until - 1;
    in->weak_score = req->weak_score > 0 ? req->weak_score : EC_INSIGHTS_WEAK_SCORE;
    in->min_uses = req->min_uses > 0 ? req->min_uses : EC_INSIGHTS_MIN_USES;
    in->stale_days = req->stale_days ? req->stale_days : EC_INSIGHTS_STALE_DAYS;
    unsigned sections = req->sections ? req->sections : ~0u;
    if ((sections & EC_INSIGHTS_PATTERNS) &&
        (status = find_patterns(store, index, req, in, err)) != EC_OK)
        goto out;
    if ((sections & EC_INSIGHTS_WEAK_PATHS) &&
        (status = find_weak_paths(store, &docs, in, err)) != EC_OK)
        goto out;
    if ((sections & EC_INSIGHTS_STALE) && (status = find_stale(store, &docs, in, err)) != EC_OK)
        goto out;
out:
    doc_cache_free(&docs);
    if (status != EC_OK) {
        if (status == EC_ERR_NOMEM && !*err)
            *err = ec_strdup("out of memory while looking for patterns");
        ec_insights_free(in);
        in = NULL;
    }
    *out = in;
    return status;
}

void ec_insights_free(ec_insights *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->n_patterns; i++)
        pattern_clear(&in->patterns[i]);
    free(in->patterns);
    for (size_t i = 0; i < in->n_weak_paths; i++) {
        free(in->weak_paths[i].playbook_id);
        free(in->weak_paths[i].path_id);
        free(in->weak_paths[i].category);
    }
    free(in->weak_paths);
    for (size_t i = 0; i < in->n_stale; i++) {
        ec_stale *s = &in->stale[i];
        free(s->id);
        free(s->kind);
        free(s->title);
        free(s->category);
        free(s->status);
        free(s->review_by);
    }
    free(in->stale);
    free(in);
}

/* ------------------------------------------------------------------- JSON */

static json_object *time_json(time_t t)
{
    char buf[32];
    struct tm tm;
    if (!t || !gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return NULL;
    return json_object_new_string(buf);
}

static json_object *share(long part, long whole)
{
    return whole > 0 ? json_object_new_double((double)part / whole) : NULL;
}

static json_object *unmet_json(const ec_unmet *u)
{
    json_object *o = json_object_new_object(), *why = json_object_new_array();
    json_object_object_add(o, "text", json_object_new_string(u->text));
    json_object_object_add(o, "at", time_json(u->at));
    json_object_object_add(o, "search_id", u->search_id ? json_object_new_int64(u->search_id) : NULL);
    json_object_object_add(o, "case_ref", ec_json_string(u->case_ref));
    if (u->why & EC_UNMET_UNUSED)
        json_object_array_add(why, json_object_new_string("unused"));
    if (u->why & EC_UNMET_WEAK)
        json_object_array_add(why, json_object_new_string("weak"));
    if (u->why & EC_UNMET_CASE)
        json_object_array_add(why, json_object_new_string("case"));
    json_object_object_add(o, "why", why);
    return o;
}

static json_object *pattern_json(const ec_unmet_pattern *p, size_t max_examples, size_t max_members)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "label", json_object_new_string(p->label));
    json_object_object_add(o, "size", json_object_new_int64((long long)p->size));
    json_object_object_add(o, "previous", json_object_new_int64((long long)p->previous));
    json_object_object_add(o, "trend", json_object_new_string(p->previous == 0 ? "new"
                                                              : p->size > p->previous ? "rising"
                                                              : p->size < p->previous ? "falling"
                                                                                      : "steady"));
    json_object_object_add(o, "phrases", ec_json_strv(&p->phrases));
    json_object_object_add(o, "cohesion", json_object_new_double(p->cohesion));
    /* Examples: the first distinct members (a log repeats itself). */
    json_object *ex = json_object_new_array();
    for (size_t i = 0; i < p->n_members && json_object_array_length(ex) < max_examples; i++) {
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = strcasecmp(p->members[j].text, p->members[i].text) == 0;
        if (!dup)
            json_object_array_add(ex, json_object_new_string(p->members[i].text));
    }
    json_object_object_add(o, "examples", ex);
    json_object_object_add(o, "cases", json_object_new_int64(p->cases));
    json_object_object_add(o, "escalated", json_object_new_int64(p->escalated));
    json_object_object_add(o, "share_escalated", share(p->escalated, p->cases));
    json_object_object_add(o, "heard_known", json_object_new_int64(p->heard_known));
    json_object_object_add(o, "not_heard", json_object_new_int64(p->not_heard));
    json_object_object_add(o, "share_not_heard", share(p->not_heard, p->heard_known));
    json_object *near = NULL;
    if (p->nearest_id) {
        near = json_object_new_object();
        json_object_object_add(near, "id", json_object_new_string(p->nearest_id));
        json_object_object_add(near, "path", ec_json_string(p->nearest_path));
        json_object_object_add(near, "title", ec_json_string(p->nearest_title));
        json_object_object_add(near, "category", ec_json_string(p->nearest_category));
        json_object_object_add(near, "score", json_object_new_double(p->nearest_score));
    }
    json_object_object_add(o, "nearest", near);
    json_object *members = json_object_new_array();
    for (size_t i = 0; i < p->n_members && (!max_members || i < max_members); i++)
        json_object_array_add(members, unmet_json(&p->members[i]));
    json_object_object_add(o, "members", members);
    return o;
}

static json_object *rate_json(long part, long whole)
{
    return share(part, whole);
}

json_object *ec_insights_to_json(const ec_insights *in, size_t max_members)
{
    json_object *o = json_object_new_object();
    json_object *period = json_object_new_object(), *prev = json_object_new_object();
    json_object_object_add(period, "since", time_json(in->since));
    json_object_object_add(period, "until", time_json(in->until));
    json_object_object_add(prev, "since", time_json(in->previous_since));
    json_object_object_add(prev, "until", time_json(in->since));
    json_object_object_add(o, "period", period);
    json_object_object_add(o, "previous_period", prev);
    char today[11];
    json_object_object_add(o, "today", day_string(in->today, today) ? NULL : json_object_new_string(today));
    json_object *rules = json_object_new_object();
    json_object_object_add(rules, "weak_score", json_object_new_double(in->weak_score));
    json_object_object_add(rules, "min_uses", json_object_new_int64(in->min_uses));
    json_object_object_add(rules, "stale_days", json_object_new_int64(in->stale_days));
    json_object_object_add(o, "rules", rules);
    json_object_object_add(o, "unmet", json_object_new_int64((long long)in->n_unmet));
    json_object_object_add(o, "unmet_previous", json_object_new_int64((long long)in->n_unmet_previous));

    json_object *patterns = json_object_new_array();
    for (size_t i = 0; i < in->n_patterns; i++)
        json_object_array_add(patterns, pattern_json(&in->patterns[i], DEFAULT_EXAMPLES, max_members));
    json_object_object_add(o, "patterns", patterns);

    json_object *weak = json_object_new_array();
    for (size_t i = 0; i < in->n_weak_paths; i++) {
        const ec_weak_path *w = &in->weak_paths[i];
        json_object *p = json_object_new_object(), *ci = json_object_new_array();
        json_object_object_add(p, "playbook", json_object_new_string(w->playbook_id));
        json_object_object_add(p, "path", json_object_new_string(w->path_id));
        json_object_object_add(p, "category", ec_json_string(w->category));
        json_object_object_add(p, "uses", json_object_new_int64(w->uses));
        json_object_object_add(p, "resolved", json_object_new_int64(w->resolved));
        json_object_object_add(p, "resolution_rate", rate_json(w->resolved, w->uses));
        json_object_array_add(ci, json_object_new_double(w->low));
        json_object_array_add(ci, json_object_new_double(w->high));
        json_object_object_add(p, "resolution_ci95", ci);
        json_object_object_add(p, "category_uses", json_object_new_int64(w->category_uses));
        json_object_object_add(p, "category_rate", rate_json(w->category_resolved, w->category_uses));
        json_object_object_add(p, "previous_uses", json_object_new_int64(w->previous_uses));
        json_object_object_add(p, "previous_rate", rate_json(w->previous_resolved, w->previous_uses));
        json_object_object_add(p, "below_category", json_object_new_boolean(w->below_category));
        json_object_object_add(p, "falling", json_object_new_boolean(w->falling));
        json_object_array_add(weak, p);
    }
    json_object_object_add(o, "weak_paths", weak);

    json_object *stale = json_object_new_array();
    for (size_t i = 0; i < in->n_stale; i++) {
        const ec_stale *s = &in->stale[i];
        json_object *p = json_object_new_object(), *why = json_object_new_array();
        json_object_object_add(p, "id", json_object_new_string(s->id));
        json_object_object_add(p, "kind", json_object_new_string(s->kind));
        json_object_object_add(p, "title", json_object_new_string(s->title));
        json_object_object_add(p, "category", ec_json_string(s->category));
        json_object_object_add(p, "status", json_object_new_string(s->status));
        json_object_object_add(p, "review_by", ec_json_string(s->review_by));
        json_object_object_add(p, "last_used", time_json(s->last_used));
        if (s->review_passed)
            json_object_array_add(why, json_object_new_string("review-by passed"));
        if (s->unused)
            json_object_array_add(why, json_object_new_string("unused"));
        json_object_object_add(p, "why", why);
        json_object_array_add(stale, p);
    }
    json_object_object_add(o, "stale", stale);
    json_object_object_add(o, "history_days", json_object_new_int(in->history_days));
    return o;
}

/* ----------------------------------------------------------------- drafts */

char *ec_insights_slug(const char *label)
{
    ec_buf b = {0};
    int dash = 0;
    for (const char *p = label ? label : ""; *p && b.len < 40; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && b.len)
                ec_buf_putc(&b, '-');
            ec_buf_putc(&b, c);
            dash = 0;
        } else {
            dash = 1;
        }
    }
    if (b.len == 0)
        ec_buf_puts(&b, "pattern");
    return ec_buf_steal(&b);
}

/* The schema's text type is a non-empty token: one line, no control bytes. */
static char *one_line(const char *s)
{
    ec_buf b = {0};
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= ' ' || *p == 0x7f) {
            space = b.len > 0;
            continue;
        }
        if (space)
            ec_buf_putc(&b, ' ');
        space = 0;
        ec_buf_putc(&b, (char)*p);
    }
    return ec_buf_steal(&b);
}

/* One element NAME holding TEXT made one line; skipped when TEXT is blank. */
static int write_text(xmlTextWriterPtr w, const char *name, const char *text)
{
    char *line = one_line(text ? text : "");
    int rc = 0;
    if (!line)
        return -1;
    if (*line)
        rc = xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST line) < 0 ? -1 : 0;
    free(line);
    return rc;
}

/* Case-insensitive: has V a string equal to S already? */
static int seen_text(char **v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(v[i], s) == 0)
            return 1;
    return 0;
}

ec_status ec_insights_write_draft(const ec_unmet_pattern *p, const char *draft_id, size_t max_says,
                                  const char *dir, char **path, char **err)
{
    char *slug = ec_insights_slug(p->label), *file = NULL, *id = NULL;
    xmlTextWriterPtr w = NULL;
    ec_status status = EC_OK;
    char **said = NULL;
    size_t n_said = 0;
    *err = NULL;
    if (path)
        *path = NULL;
    if (!max_says)
        max_says = DEFAULT_EXAMPLES;
    if (!slug || !(id = draft_id ? ec_strdup(draft_id) : ec_strdup_printf("draft.%s", slug)) ||
        !(file = ec_strdup_printf("%s/%s.xml", dir, id)) ||
        !(said = calloc(p->n_members ? p->n_members : 1, sizeof *said))) {
        status = EC_ERR_NOMEM;
        goto out;
    }
    if (!(w = xmlNewTextWriterFilename(file, 0))) {
        *err = ec_strdup_printf("%s: cannot write: %s; check that %s exists and is writable", file,
                                strerror(errno ? errno : EIO), dir);
        status = EC_ERR_IO;
        goto out;
    }
    const char *cat = p->nearest_category ? p->nearest_category : "uncategorised";
    char *cat_word = ec_insights_slug(cat); /* the schema's category is one word */
    int bad = !cat_word;
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    bad = bad || xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
          xmlTextWriterWriteComment(
              w, BAD_CAST " Drafted by edgecase patterns from unmet demand: complete the path,"
                          " check the category, then set status to review. ") < 0 ||
          xmlTextWriterStartElement(w, BAD_CAST "playbook") < 0 ||
          xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id) < 0 ||
          xmlTextWriterWriteAttribute(w, BAD_CAST "status", BAD_CAST "draft") < 0 ||
          xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1") < 0 ||
          write_text(w, "title", p->label) < 0;
    if (!bad) {
        char *summary = ec_strdup_printf(
            "%zu searches in the period found no answer they used (%zu in the period before).",
            p->size, p->previous);
        bad = !summary || write_text(w, "summary", summary) < 0 ||
              xmlTextWriterWriteElement(w, BAD_CAST "category",
                                        BAD_CAST(strcmp(cat_word, "pattern") ? cat_word
                                                                             : "uncategorised")) < 0;
        free(summary);
    }
    free(cat_word);
    for (size_t i = 0; !bad && i < p->phrases.n; i++)
        bad = write_text(w, "symptom", p->phrases.items[i]) < 0;
    for (size_t i = 0; !bad && i < p->n_members && n_said < max_says; i++) {
        char *line = one_line(p->members[i].text);
        if (!line) {
            bad = 1;
            break;
        }
        if (!*line || seen_text(said, n_said, line)) {
            free(line);
            continue;
        }
        said[n_said++] = line;
        bad = xmlTextWriterWriteElement(w, BAD_CAST "says", BAD_CAST line) < 0;
    }
    bad = bad || xmlTextWriterStartElement(w, BAD_CAST "path") < 0 ||
          xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "to-complete") < 0 ||
          xmlTextWriterWriteAttribute(w, BAD_CAST "authority", BAD_CAST "agent") < 0 ||
          xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST "Resolution path to write") < 0 ||
          xmlTextWriterWriteElement(
              w, BAD_CAST "step",
              BAD_CAST "Knowledge manager: replace this step with the proven resolution; give "
                       "the path a real id and title, add acknowledge lines, and check the "
                       "symptoms and customer phrases above.") < 0 ||
          xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndDocument(w) < 0;
    xmlFreeTextWriter(w);
    w = NULL;
    if (bad) {
        *err = ec_strdup_printf("%s: writing the draft failed; check the disk has room", file);
        status = EC_ERR_IO;
        goto out;
    }
    if (path) {
        *path = file;
        file = NULL;
    }
out:
    if (w)
        xmlFreeTextWriter(w);
    for (size_t i = 0; i < n_said; i++)
        free(said[i]);
    free(said);
    free(slug);
    free(id);
    free(file);
    return status;
}
