/* test-outcomes.c: the outcome store: records and their validation, the
 * summaries stats and ranking read, the search log, batches, redaction on
 * the way in, permissions, and the errors for a newer, corrupt, full or
 * read-only store (which must leave what is stored alone). */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ec-outcomes-internal.h"
#include "ec-outcomes.h"
#include "test.h"

#define DAY 86400
#define MAR02 1772409600L /* 2026-03-02, a Monday: ISO week 10 */
#define MAR09 1773014400L /* 2026-03-09: week 11 */
#define APR01 1775001600L
#define DEC29 1766966400L /* 2025-12-29: ISO week 1 of 2026 */

static char root[512];

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void path_in(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", root, name);
}

static int near(double a, double b) { return fabs(a - b) < 1e-9; }

static ec_outcome outcome(const char *ref, const char *pb, const char *path, ec_outcome_result r,
                          time_t at)
{
    return (ec_outcome){.case_ref = ref, .playbook_id = pb, .path_id = path, .result = r,
                        .fcr = -1, .heard = -1, .trust = 0, .handle_seconds = -1,
                        .closed_at = at};
}

/* A single-value SQL query on FILE (opened apart from the store), as text. */
static char *query_text(const char *file, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char *out = NULL;
    if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
        sqlite3_column_text(st, 0))
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

static void check_query(const char *file, const char *sql, const char *want)
{
    char *got = query_text(file, sql);
    CHECK_STR(got, want);
    free(got);
}

static int mode_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

static void test_open_and_modes(void)
{
    char dir[600], file[700], wal[720];
    path_in(dir, sizeof dir, "new/db");
    snprintf(file, sizeof file, "%s/outcomes.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", file);
    mode_t old = umask(022);
    ec_store *s = NULL;
    char *err = NULL;
    CHECK(ec_store_open(dir, &s, &err) == EC_OK);
    CHECK(s && strcmp(ec_store_file(s), file) == 0);
    ec_outcome o = outcome("C-1", "billing.double-charge", "refund", EC_RESULT_RESOLVED, MAR02);
    CHECK(ec_store_record(s, &o, &err) == EC_OK);
    CHECK(mode_of(dir) == 0770);
    CHECK(mode_of(file) == 0660);
    CHECK(mode_of(wal) == 0660);
    umask(old);
    check_query(file, "PRAGMA journal_mode", "wal");
    check_query(file, "PRAGMA user_version", "1");
    ec_store_close(s);
    /* Opened again: no migration, the record is there. */
    CHECK(ec_store_open(dir, &s, &err) == EC_OK);
    ec_path_stats ps;
    CHECK(ec_store_path_stats(s, "billing.double-charge", "refund", &ps, &err) == EC_OK);
    CHECK(ps.uses == 1 && ps.resolved == 1 && near(ps.success_rate, 1));
    CHECK(ec_store_path_stats(s, "billing.double-charge", "other", &ps, &err) == EC_OK);
    CHECK(ps.uses == 0 && ps.success_rate < 0);
    ec_store_close(s);
}

static void check_invalid(ec_store *s, ec_outcome o, const char *field)
{
    char *err = NULL;
    ec_status st = ec_store_record(s, &o, &err);
    CHECK(st == EC_ERR_INVALID);
    CHECK(err && strncmp(err, field, strlen(field)) == 0);
    if (err && strncmp(err, field, strlen(field)) != 0)
        printf("# %s\n", err);
    free(err);
}

static void test_validation(ec_store *s)
{
    ec_outcome o = outcome("C-V", "p.x", "a", EC_RESULT_RESOLVED, MAR02);
    ec_outcome bad = o;
    bad.case_ref = "";
    check_invalid(s, bad, "case:");
    bad = o;
    bad.path_id = NULL;
    check_invalid(s, bad, "path:");
    bad = o;
    bad.playbook_id = "bad id";
    check_invalid(s, bad, "path:");
    bad = o;
    bad.result = EC_RESULT_NONE;
    check_invalid(s, bad, "result:");
    bad = o;
    bad.result = EC_RESULT_ESCALATED;
    bad.fcr = 1;
    check_invalid(s, bad, "fcr:");
    bad = o;
    bad.trust = 6;
    check_invalid(s, bad, "trust:");
    bad = o;
    bad.handle_seconds = NAN;
    check_invalid(s, bad, "handle time:");
    bad = o;
    bad.agent = "tab\there";
    check_invalid(s, bad, "agent:");
    ec_stats *st = NULL;
    char *err = NULL;
    ec_stats_request req = {0};
    CHECK(ec_store_stats(s, &req, &st, &err) == EC_OK);
    CHECK(st && st->total.uses == 0); /* nothing of the above was stored */
    ec_stats_free(st);
    CHECK(ec_outcome_result_parse("escalated") == EC_RESULT_ESCALATED);
    CHECK(ec_outcome_result_parse("Resolved") == EC_RESULT_NONE);
    CHECK_STR(ec_outcome_result_name(EC_RESULT_UNRESOLVED), "unresolved");
}

/* A small history whose figures are worked out by hand below. */
static void record_history(ec_store *s)
{
    struct {
        const char *ref, *pb, *path, *agent, *channel;
        ec_outcome_result r;
        int fcr, heard, trust;
        double handle;
        time_t at;
    } h[] = {
        {"A1", "billing.x", "refund", "ann", "voice", EC_RESULT_RESOLVED, 1, 1, 5, 300, MAR02},
        {"A2", "billing.x", "refund", "ann", "voice", EC_RESULT_RESOLVED, 0, 1, 4, 600, MAR02 + 3600},
        {"A3", "billing.x", "credit", "bob", "chat", EC_RESULT_ESCALATED, 0, 0, 2, 900, MAR02 + DAY},
        {"A4", "tech.y", "reset", "bob", "chat", EC_RESULT_UNRESOLVED, -1, 1, 3, -1, MAR09},
        {"A5", "tech.y", "reset", "ann", NULL, EC_RESULT_RESOLVED, 1, -1, 0, 120, MAR09 + DAY},
        {"A6", NULL, NULL, "cat", "email", EC_RESULT_RESOLVED, -1, -1, 0, 60, APR01},
        {"A7", "billing.x", "refund", "cat", "voice", EC_RESULT_RESOLVED, 1, 1, 5, 240, DEC29},
    };
    for (size_t i = 0; i < sizeof h / sizeof h[0]; i++) {
        ec_outcome o = outcome(h[i].ref, h[i].pb, h[i].path, h[i].r, h[i].at);
        o.agent = h[i].agent;
        o.channel = h[i].channel;
        o.fcr = h[i].fcr;
        o.heard = h[i].heard;
        o.trust = h[i].trust;
        o.handle_seconds = h[i].handle;
        char *err = NULL;
        CHECK(ec_store_record(s, &o, &err) == EC_OK);
        free(err);
    }
}

static const ec_stats_group *group(const ec_stats *st, const char *key)
{
    for (size_t i = 0; i < st->n; i++)
        if (strcmp(st->groups[i].key, key) == 0)
            return &st->groups[i];
    return NULL;
}

static ec_stats *stats(ec_store *s, ec_stats_by by, const char *since, const char *until)
{
    ec_stats_request req = {since, until, by, NULL, NULL};
    ec_stats *st = NULL;
    char *err = NULL;
    if (ec_store_stats(s, &req, &st, &err) != EC_OK) {
        printf("# stats: %s\n", err ? err : "?");
        free(err);
    }
    return st;
}

static const char *category_of(void *user, const char *playbook)
{
    (void)user;
    return strncmp(playbook, "billing.", 8) == 0 ? "billing" : NULL;
}

static void test_stats(ec_store *s)
{
    record_history(s);
    ec_stats *st = stats(s, EC_BY_NONE, NULL, NULL);
    CHECK(st && st->n == 0);
    const ec_outcome_counts *t = &st->total;
    CHECK(t->uses == 7 && t->resolved == 5 && t->escalated == 1 && t->unresolved == 1);
    CHECK(t->fcr_known == 5 && t->fcr_yes == 3);
    CHECK(t->heard_known == 5 && t->heard_yes == 4);
    CHECK(t->trust_known == 5 && t->trust_sum == 19 && t->trust_high == 3);
    CHECK(t->timed == 6 && near(t->handle_sum, 2220) && t->timed_resolved == 5);
    ec_outcome_figures f;
    ec_outcome_figures_compute(t, &f);
    CHECK(near(f.resolution_rate, 5.0 / 7) && near(f.escalation_rate, 1.0 / 7));
    CHECK(near(f.fcr_rate, 3.0 / 5) && near(f.heard_rate, 4.0 / 5));
    CHECK(near(f.trust_index, 3.0 / 5) && near(f.trust_mean, 19.0 / 5));
    CHECK(near(f.handle_mean, 2220.0 / 6) && near(f.handle_per_resolved, 2220.0 / 5));
    ec_stats_free(st);

    st = stats(s, EC_BY_PATH, NULL, NULL);
    CHECK(st && st->n == 4);
    CHECK_STR(st->groups[0].key, "billing.x#refund"); /* most used first */
    CHECK(st->groups[0].counts.uses == 3 && st->groups[0].counts.resolved == 3);
    CHECK(group(st, "") && group(st, "")->counts.uses == 1); /* no path */
    ec_stats_free(st);

    st = stats(s, EC_BY_PLAYBOOK, NULL, NULL);
    CHECK(st && st->n == 3 && group(st, "billing.x") && group(st, "billing.x")->counts.uses == 4);
    ec_stats_free(st);

    ec_stats_request req = {NULL, NULL, EC_BY_CATEGORY, category_of, NULL};
    char *err = NULL;
    CHECK(ec_store_stats(s, &req, &st, &err) == EC_OK);
    CHECK(st->n == 2 && group(st, "billing") && group(st, "billing")->counts.uses == 4);
    CHECK(group(st, "") && group(st, "")->counts.uses == 3); /* unknown or no path */
    ec_stats_free(st);

    st = stats(s, EC_BY_CHANNEL, NULL, NULL);
    CHECK(st && st->n == 4 && group(st, "voice")->counts.uses == 3 && group(st, "")->counts.uses == 1);
    ec_stats_free(st);

    st = stats(s, EC_BY_WEEK, NULL, NULL);
    CHECK(st && st->n == 4);
    CHECK_STR(st->groups[0].key, "2026-W01");
    CHECK_STR(st->groups[1].key, "2026-W10");
    CHECK(st->groups[1].counts.uses == 3);
    CHECK_STR(st->groups[3].key, "2026-W14");
    ec_stats_free(st);

    st = stats(s, EC_BY_MONTH, NULL, NULL);
    CHECK(st && st->n == 3);
    CHECK_STR(st->groups[0].key, "2025-12");
    CHECK(group(st, "2026-03") && group(st, "2026-03")->counts.uses == 5);
    ec_stats_free(st);

    /* Days are inclusive at both ends. */
    st = stats(s, EC_BY_DAY, "2026-03-03", "2026-03-09");
    CHECK(st && st->total.uses == 2 && st->n == 2);
    CHECK_STR(st->groups[0].key, "2026-03-03");
    ec_stats_free(st);
    st = stats(s, EC_BY_NONE, "2026-03-10", NULL);
    CHECK(st && st->total.uses == 2);
    ec_stats_free(st);

    ec_stats_request bad = {"2026-02-30", NULL, EC_BY_NONE, NULL, NULL};
    st = NULL;
    CHECK(ec_store_stats(s, &bad, &st, &err) == EC_ERR_USAGE && !st);
    CHECK(err && strstr(err, "2026-02-30"));
    free(err);

    ec_stats_by by;
    CHECK(ec_stats_by_parse("week", &by) == 0 && by == EC_BY_WEEK);
    CHECK(ec_stats_by_parse("year", &by) == -1);

    double lo, hi;
    ec_wilson95(8, 10, &lo, &hi);
    CHECK(fabs(lo - 0.490162) < 1e-6 && fabs(hi - 0.943318) < 1e-6);
    ec_wilson95(0, 5, &lo, &hi);
    CHECK(lo == 0 && fabs(hi - 0.434482) < 1e-6);
    ec_wilson95(0, 0, &lo, &hi);
    CHECK(lo == -1 && hi == -1);
}

static void test_time_parse(void)
{
    time_t t = 0;
    CHECK(ec_outcome_time_parse("2026-03-02", &t) == 0 && t == MAR02);
    CHECK(ec_outcome_time_parse("2026-03-02T01:02:03Z", &t) == 0 && t == MAR02 + 3723);
    CHECK(ec_outcome_time_parse("2026-03-02 01:02", &t) == 0 && t == MAR02 + 3720);
    CHECK(ec_outcome_time_parse("1772409600", &t) == 0 && t == MAR02);
    CHECK(ec_outcome_time_parse("2026-02-30", &t) == -1);
    CHECK(ec_outcome_time_parse("2026-03-02T25:00", &t) == -1);
    CHECK(ec_outcome_time_parse("2026-03-02T01:02+01:00", &t) == -1); /* UTC only */
    CHECK(ec_outcome_time_parse("yesterday", &t) == -1);
    CHECK(ec_outcome_time_parse("", &t) == -1);
}

static void test_readonly(const char *dir)
{
    ec_store *r = NULL;
    char *err = NULL, empty[600];
    CHECK(ec_store_open_readonly(dir, &r, &err) == EC_OK && r);
    ec_stats_request req = {0};
    ec_stats *st = NULL;
    CHECK(r && ec_store_stats(r, &req, &st, &err) == EC_OK && st->total.uses > 0);
    ec_stats_free(st);
    ec_outcome o = outcome("RO-1", NULL, NULL, EC_RESULT_RESOLVED, 0);
    CHECK(r && ec_store_record(r, &o, &err) == EC_ERR_IO); /* reading only */
    free(err);
    err = NULL;
    ec_store_close(r);
    path_in(empty, sizeof empty, "nothing-recorded");
    CHECK(ec_store_open_readonly(empty, &r, &err) == EC_ERR_NOT_FOUND && !r);
    CHECK(err && strstr(err, "no outcomes are recorded"));
    free(err);
    struct stat sb;
    CHECK(stat(empty, &sb) != 0); /* and nothing was created */
}

static void test_redaction_and_log(ec_store *s)
{
    ec_outcome o = outcome("C-R", NULL, NULL, EC_RESULT_RESOLVED, 0);
    o.note = "card 4111 1111 1111 1111, mail jo@example.com, order 88231";
    char *err = NULL;
    CHECK(ec_store_record(s, &o, &err) == EC_OK);
    check_query(ec_store_file(s), "SELECT note FROM outcomes ORDER BY id DESC LIMIT 1",
                "card [card], mail [email], order 88231");
    /* A long note is kept, cut, rather than the outcome refused. */
    static char long_note[5000];
    memset(long_note, 'n', sizeof long_note - 1);
    memcpy(long_note, "line\nbell\a", 10);
    o.note = long_note;
    o.case_ref = "C-R2";
    CHECK(ec_store_record(s, &o, &err) == EC_OK);
    check_query(ec_store_file(s), "SELECT length(note) || substr(note, 1, 10) FROM outcomes "
                                  "ORDER BY id DESC LIMIT 1", "4000line\nbell ");

    const char *shown[] = {"billing.x#refund", "kb.refunds"};
    ec_search_entry e = {.query = "charged twice on 5555-5555-5555-4444", .filters = "channel=voice",
                         .shown = shown, .n_shown = 2, .top_score = 0.9, .case_ref = "C-R",
                         .agent = "ann", .channel = "voice"};
    long long id = 0;
    CHECK(ec_store_log_search(s, &e, &id, &err) == EC_OK && id > 0);
    check_query(ec_store_file(s), "SELECT query || ' | ' || shown FROM searches ORDER BY id LIMIT 1",
                "charged twice on [card] | [\"billing.x#refund\",\"kb.refunds\"]");
    char long_query[3000];
    memset(long_query, 'w', sizeof long_query - 1);
    long_query[sizeof long_query - 1] = '\0';
    memcpy(long_query, "tab\there ", 9);
    ec_search_entry e2 = {.query = long_query};
    long long id2 = 0;
    CHECK(ec_store_log_search(s, &e2, &id2, &err) == EC_OK && id2 == id + 1);
    check_query(ec_store_file(s), "SELECT length(query) || ' ' || substr(query, 1, 8) FROM searches "
                                  "ORDER BY id DESC LIMIT 1", "2000 tab here");
    CHECK(ec_store_mark_used(s, id, "billing.x#refund", &err) == EC_OK);
    check_query(ec_store_file(s), "SELECT used FROM searches WHERE used IS NOT NULL", "billing.x#refund");
    CHECK(ec_store_mark_used(s, id + 100, "billing.x#refund", &err) == EC_ERR_NOT_FOUND);
    CHECK(err && strstr(err, "no search"));
    free(err);
}

static void test_batch(ec_store *s)
{
    char *err = NULL;
    ec_stats *st = stats(s, EC_BY_NONE, NULL, NULL);
    long before = st ? st->total.uses : -1;
    ec_stats_free(st);
    CHECK(ec_store_batch_begin(s, &err) == EC_OK);
    ec_outcome o = outcome("B-1", "b.p", "x", EC_RESULT_RESOLVED, MAR02);
    CHECK(ec_store_record(s, &o, &err) == EC_OK);
    ec_store_batch_rollback(s);
    st = stats(s, EC_BY_NONE, NULL, NULL);
    CHECK(st && st->total.uses == before);
    ec_stats_free(st);

    CHECK(ec_store_batch_begin(s, &err) == EC_OK);
    CHECK(ec_store_batch_begin(s, &err) == EC_ERR_USAGE);
    free(err);
    CHECK(ec_store_record(s, &o, &err) == EC_OK);
    ec_outcome bad = o;
    bad.trust = 9;
    CHECK(ec_store_record(s, &bad, &err) == EC_ERR_INVALID);
    free(err);
    o.case_ref = "B-2";
    CHECK(ec_store_record(s, &o, &err) == EC_OK);
    CHECK(ec_store_batch_commit(s, &err) == EC_OK);
    st = stats(s, EC_BY_NONE, NULL, NULL);
    CHECK(st && st->total.uses == before + 2);
    ec_stats_free(st);
}

static void test_path_table(const char *dir, ec_store *s)
{
    char empty[600];
    path_in(empty, sizeof empty, "no-store-here");
    ec_path_table *none = ec_path_table_new(empty);
    CHECK(none && ec_path_table_size(none) == 0);
    ec_path_stats p;
    ec_path_table_get(none, "billing.x", "refund", &p);
    CHECK(p.uses == 0 && p.success_rate < 0);
    ec_path_table_free(none);

    ec_path_table *t = ec_path_table_new(dir);
    CHECK(t && ec_path_table_size(t) > 0);
    ec_path_table_get(t, "billing.x", "refund", &p);
    CHECK(p.uses == 3 && p.resolved == 3);
    long u, r;
    ec_path_table_totals(t, &u, &r);
    ec_outcome o = outcome("T-1", "billing.x", "refund", EC_RESULT_UNRESOLVED, MAR02);
    char *err = NULL;
    CHECK(ec_store_record(s, &o, &err) == EC_OK);
    ec_path_table_get(t, "billing.x", "refund", &p);
    CHECK(p.uses == 3); /* not refreshed yet */
    ec_path_table_refresh(t);
    ec_path_table_get(t, "billing.x", "refund", &p);
    CHECK(p.uses == 4 && p.resolved == 3 && near(p.success_rate, 0.75));
    long u2, r2;
    ec_path_table_totals(t, &u2, &r2);
    CHECK(u2 == u + 1 && r2 == r);
    ec_path_table_free(t);
}

static void test_full_disk(ec_store *s)
{
    char *err = NULL;
    sqlite3 *db = ec_store_sqlite(s);
    sqlite3_exec(db, "PRAGMA max_page_count = 1", NULL, NULL, NULL); /* lowest it goes: the size now */
    char note[4001];
    memset(note, 'n', 4000);
    note[4000] = '\0';
    ec_outcome o = outcome("F-1", "full.p", "x", EC_RESULT_RESOLVED, MAR02);
    o.note = note;
    ec_status st = EC_OK;
    for (int i = 0; i < 50 && st == EC_OK; i++)
        st = ec_store_record(s, &o, &err);
    CHECK(st == EC_ERR_IO);
    CHECK(err && strstr(err, "disk is full") && strstr(err, "outcomes.db"));
    free(err);
    err = NULL;
    sqlite3_exec(db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL);
    o.case_ref = "F-2";
    CHECK(ec_store_record(s, &o, &err) == EC_OK); /* and the store still works */
}

static void write_file(const char *path, const char *content)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(content, f);
        fclose(f);
    }
}

static void test_newer_and_corrupt(void)
{
    char dir[600], file[700];
    path_in(dir, sizeof dir, "newer");
    snprintf(file, sizeof file, "%s/outcomes.db", dir);
    ec_store *s = NULL;
    char *err = NULL;
    CHECK(ec_store_open(dir, &s, &err) == EC_OK);
    ec_outcome o = outcome("N-1", NULL, NULL, EC_RESULT_RESOLVED, MAR02);
    CHECK(ec_store_record(s, &o, &err) == EC_OK);
    sqlite3_exec(ec_store_sqlite(s), "PRAGMA user_version = 7", NULL, NULL, NULL);
    ec_store_close(s);
    CHECK(ec_store_open(dir, &s, &err) == EC_ERR_CORRUPT && !s);
    CHECK(err && strstr(err, "newer edgecase") && strstr(err, file));
    free(err);
    check_query(file, "SELECT count(*) || ' ' || (SELECT user_version FROM pragma_user_version) "
                      "FROM outcomes", "1 7");
    ec_path_table *t = ec_path_table_new(dir); /* ranking ignores it */
    CHECK(t && ec_path_table_size(t) == 0);
    ec_path_table_free(t);

    path_in(dir, sizeof dir, "corrupt");
    mkdir(dir, 0700);
    snprintf(file, sizeof file, "%s/outcomes.db", dir);
    const char *junk = "these are not the records you are looking for, but they are somebody's";
    write_file(file, junk);
    err = NULL;
    CHECK(ec_store_open(dir, &s, &err) == EC_ERR_CORRUPT && !s);
    CHECK(err && strstr(err, "damaged") && strstr(err, file));
    free(err);
    char buf[200] = "";
    FILE *f = fopen(file, "r");
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
    }
    CHECK_STR(buf, junk); /* left as it was */
}

/* Runs as an ordinary user (root ignores permissions): a directory it may
 * not write, and a store it may read but not write. */
static void test_read_only(void)
{
    char ro[600], dir[700], shared[600];
    path_in(ro, sizeof ro, "ro");
    snprintf(dir, sizeof dir, "%s/db", ro);
    path_in(shared, sizeof shared, "shared");
    ec_store *s = NULL;
    char *err = NULL;
    CHECK(ec_store_open(shared, &s, &err) == EC_OK);
    ec_outcome o = outcome("R-1", NULL, NULL, EC_RESULT_RESOLVED, MAR02);
    CHECK(ec_store_record(s, &o, &err) == EC_OK);
    ec_store_close(s);
    mkdir(ro, 0755);
    chmod(root, 0755);
    chmod(shared, 0755);
    char file[700];
    snprintf(file, sizeof file, "%s/outcomes.db", shared);
    chmod(file, 0644);
    pid_t pid = fork();
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(9);
        int bits = 0;
        ec_store *c = NULL;
        char *e = NULL;
        if (ec_store_open(dir, &c, &e) == EC_ERR_IO && e && strstr(e, "cannot create"))
            bits |= 1;
        free(e);
        e = NULL;
        if (ec_store_open(shared, &c, &e) == EC_ERR_IO && e && strstr(e, "cannot write") &&
            strstr(e, "outcomes.db"))
            bits |= 2;
        else
            fprintf(stderr, "# %s\n", e ? e : "opened");
        free(e);
        _exit(bits == 3 ? 0 : 10 + bits);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        printf("# child exit %d\n", WEXITSTATUS(status));
    check_query(file, "SELECT count(*) FROM outcomes", "1");
    chmod(root, 0700);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/edgecase-outcomes.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root)) {
        perror(root);
        return 99;
    }
    test_open_and_modes();

    char dir[600];
    path_in(dir, sizeof dir, "db");
    ec_store *s = NULL;
    char *err = NULL;
    CHECK(ec_store_open(dir, &s, &err) == EC_OK);
    if (s) {
        test_validation(s);
        test_stats(s);
        test_redaction_and_log(s);
        test_batch(s);
        test_path_table(dir, s);
        test_full_disk(s);
        test_readonly(dir);
        ec_store_close(s);
    }
    test_time_parse();
    test_newer_and_corrupt();
    test_read_only();
    nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    return test_done();
}
