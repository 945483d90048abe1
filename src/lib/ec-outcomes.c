/* ec-outcomes.c: the outcome store in SQLite (DBDIR/outcomes.db).
 *
 * Durability: WAL journal with synchronous=FULL. In WAL mode NORMAL syncs
 * only at checkpoints, so a commit survives kill -9 but can be rolled back by
 * a power cut or OS crash; FULL syncs the WAL at every commit, so a record
 * that ec_store_record() acknowledged survives both. It costs one fsync of
 * an appended WAL page per record (well under a millisecond on an SSD). The
 * search log alone commits with NORMAL (run_txn_relaxed): it is written on
 * every search, in the agent's way, and losing its last rows to a power cut
 * loses no outcome.
 *
 * Concurrency: every write is one BEGIN IMMEDIATE transaction, so a writer
 * takes the lock before it reads and never has to give up half way (a
 * deferred transaction that upgrades can get SQLITE_BUSY with no wait). The
 * busy handler waits BUSY_STEP_MS; past that the whole transaction is tried
 * again until BUSY_TOTAL_S, so another agent recording is never an error.
 *
 * Summaries: each record updates, in its own transaction, the per-path
 * totals (path_stats: search ranking, ec_store_path_stats) and the daily
 * totals per dimension (daily: ec_store_stats), so neither reads outcomes. */
#define _POSIX_C_SOURCE 200809L
#include "ec-outcomes.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <sqlite3.h>

#include "ec-outcomes-internal.h"
#include "ec-redact.h"
#include "ec-util.h"

#define STORE_FILE "outcomes.db"
#define STORE_VERSION 1   /* PRAGMA user_version this edgecase writes */
#define BUSY_STEP_MS 2000 /* the busy handler's wait per attempt */
#define BUSY_TOTAL_S 120  /* then the lock holder is reported */
#define FILE_MODE 0660    /* owner and group: the agents' group records */
#define DIR_MODE 0770
#define MAX_REF 200
#define MAX_NAME 100
#define MAX_NOTE 4000
#define MAX_QUERY 2000
#define MAX_HANDLE_SECONDS (7 * 86400.0)

/* ---------------------------------------------------------------- schema */

/* Migration N takes a store from user_version N to N+1. Never edit one that
 * has shipped: add the next. */
static const char *const migrations[STORE_VERSION] = {
    "CREATE TABLE cases ("
    "  id INTEGER PRIMARY KEY,"
    "  ref TEXT NOT NULL UNIQUE,"          /* the CRM's case reference */
    "  first_at INTEGER NOT NULL,"         /* earliest closed_at of its outcomes */
    "  last_at INTEGER NOT NULL);"
    "CREATE TABLE outcomes ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  playbook_id TEXT, path_id TEXT,"    /* both NULL: no path used */
    "  result TEXT NOT NULL CHECK (result IN ('resolved', 'escalated', 'unresolved')),"
    "  fcr INTEGER CHECK (fcr IN (0, 1)),"  /* NULL: not known */
    "  heard INTEGER CHECK (heard IN (0, 1)),"
    "  trust INTEGER CHECK (trust BETWEEN 1 AND 5),"
    "  handle_seconds REAL CHECK (handle_seconds >= 0),"
    "  agent TEXT, channel TEXT,"
    "  note TEXT,"                         /* redacted */
    "  closed_at INTEGER NOT NULL,"        /* Unix seconds */
    "  recorded_at INTEGER NOT NULL);"
    "CREATE INDEX outcomes_case ON outcomes(case_id);"
    "CREATE INDEX outcomes_closed ON outcomes(closed_at);"
    "CREATE TABLE searches ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  query TEXT NOT NULL,"               /* redacted */
    "  filters TEXT,"
    "  shown TEXT NOT NULL,"               /* JSON array of ID#PATH or ID, best first */
    "  n_shown INTEGER NOT NULL,"
    "  top_score REAL NOT NULL,"
    "  used TEXT, used_at INTEGER,"
    "  case_ref TEXT, agent TEXT, channel TEXT);"
    "CREATE INDEX searches_at ON searches(at);"
    "CREATE TABLE path_stats ("
    "  playbook_id TEXT NOT NULL, path_id TEXT NOT NULL,"
    "  uses INTEGER NOT NULL, resolved INTEGER NOT NULL,"
    "  PRIMARY KEY (playbook_id, path_id)) WITHOUT ROWID;"
    /* Per UTC day and dimension (all, path, channel, agent) and key. */
    "CREATE TABLE daily ("
    "  dim TEXT NOT NULL, key TEXT NOT NULL, day INTEGER NOT NULL,"
    "  uses INTEGER NOT NULL, resolved INTEGER NOT NULL, escalated INTEGER NOT NULL,"
    "  unresolved INTEGER NOT NULL, fcr_known INTEGER NOT NULL, fcr_yes INTEGER NOT NULL,"
    "  heard_known INTEGER NOT NULL, heard_yes INTEGER NOT NULL,"
    "  trust_known INTEGER NOT NULL, trust_sum INTEGER NOT NULL, trust_high INTEGER NOT NULL,"
    "  timed INTEGER NOT NULL, handle_sum REAL NOT NULL, timed_resolved INTEGER NOT NULL,"
    "  PRIMARY KEY (dim, key, day)) WITHOUT ROWID;",
};

/* The columns of daily after day, in order, and where each lives in
 * ec_outcome_counts: the upsert binds and the stats query reads through it. */
typedef struct counter_def {
    size_t off;
    int real;
} counter_def;
#define COUNTER(f) {offsetof(ec_outcome_counts, f), 0}
static const counter_def counters[] = {
    COUNTER(uses),        COUNTER(resolved),  COUNTER(escalated),   COUNTER(unresolved),
    COUNTER(fcr_known),   COUNTER(fcr_yes),   COUNTER(heard_known), COUNTER(heard_yes),
    COUNTER(trust_known), COUNTER(trust_sum), COUNTER(trust_high),  COUNTER(timed),
    {offsetof(ec_outcome_counts, handle_sum), 1}, COUNTER(timed_resolved),
};
#define N_COUNTERS (sizeof counters / sizeof counters[0])
#define COUNTER_COLUMNS                                                                   \
    "uses, resolved, escalated, unresolved, fcr_known, fcr_yes, heard_known, heard_yes, " \
    "trust_known, trust_sum, trust_high, timed, handle_sum, timed_resolved"

enum {
    ST_CASE,
    ST_OUTCOME,
    ST_PATH_STATS,
    ST_DAILY,
    ST_SEARCH,
    ST_MARK_USED,
    ST_GET_PATH,
    ST_STATS,
    N_STMTS
};

static const char *const stmt_sql[N_STMTS] = {
    [ST_CASE] = "INSERT INTO cases(ref, first_at, last_at) VALUES (?1, ?2, ?2) "
                "ON CONFLICT(ref) DO UPDATE SET first_at = min(first_at, excluded.first_at), "
                "last_at = max(last_at, excluded.last_at) RETURNING id",
    [ST_OUTCOME] = "INSERT INTO outcomes(case_id, playbook_id, path_id, result, fcr, heard, trust, "
                   "handle_seconds, agent, channel, note, closed_at, recorded_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    [ST_PATH_STATS] = "INSERT INTO path_stats(playbook_id, path_id, uses, resolved) "
                      "VALUES (?1, ?2, 1, ?3) ON CONFLICT DO UPDATE SET uses = uses + 1, "
                      "resolved = resolved + excluded.resolved",
    [ST_DAILY] = "INSERT INTO daily(dim, key, day, " COUNTER_COLUMNS ") VALUES (?1, ?2, ?3, "
                 "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
                 "ON CONFLICT DO UPDATE SET uses = uses + excluded.uses, "
                 "resolved = resolved + excluded.resolved, escalated = escalated + excluded.escalated, "
                 "unresolved = unresolved + excluded.unresolved, "
                 "fcr_known = fcr_known + excluded.fcr_known, fcr_yes = fcr_yes + excluded.fcr_yes, "
                 "heard_known = heard_known + excluded.heard_known, "
                 "heard_yes = heard_yes + excluded.heard_yes, "
                 "trust_known = trust_known + excluded.trust_known, "
                 "trust_sum = trust_sum + excluded.trust_sum, "
                 "trust_high = trust_high + excluded.trust_high, timed = timed + excluded.timed, "
                 "handle_sum = handle_sum + excluded.handle_sum, "
                 "timed_resolved = timed_resolved + excluded.timed_resolved",
    [ST_SEARCH] = "INSERT INTO searches(at, query, filters, shown, n_shown, top_score, case_ref, "
                  "agent, channel) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [ST_MARK_USED] = "UPDATE searches SET used = ?2, used_at = ?3 WHERE id = ?1",
    [ST_GET_PATH] = "SELECT uses, resolved FROM path_stats WHERE playbook_id = ?1 AND path_id = ?2",
    [ST_STATS] = "SELECT key, day, " COUNTER_COLUMNS " FROM daily "
                 "WHERE dim = ?1 AND day BETWEEN ?2 AND ?3",
};

struct ec_store {
    sqlite3 *db;
    char *file;
    int in_batch;
    unsigned rng;      /* jitter between retries */
    double busy_since; /* when the current wait for the lock began */
    sqlite3_stmt *stmts[N_STMTS];
};

/* ---------------------------------------------------------------- errors */

static int busy(int rc)
{
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* A failed SQLite call as our status, with *ERR naming the file, what was
 * being done, and what to do about it. */
static ec_status fail(const char *file, sqlite3 *db, int rc, const char *doing, char **err)
{
    const char *why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    ec_status st;
    char *msg;
    switch (rc & 0xff) {
    case SQLITE_NOMEM:
        return EC_ERR_NOMEM;
    case SQLITE_FULL:
        msg = ec_strdup_printf("%s: the disk is full while %s; free some space and try again "
                               "(this was not stored; everything stored before is safe)",
                               file, doing);
        st = EC_ERR_IO;
        break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        msg = ec_strdup_printf("%s: cannot write while %s (%s); the file and its directory must "
                               "be writable by this user: check their permissions or use another "
                               "database directory",
                               file, doing, why);
        st = EC_ERR_IO;
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        msg = ec_strdup_printf("%s is damaged or is not an edgecase outcome store (%s); move it "
                               "aside (keep it: 'sqlite3 FILE .recover' can save its records) and "
                               "run again to start a new one",
                               file, why);
        st = EC_ERR_CORRUPT;
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        msg = ec_strdup_printf("%s stayed locked by another process for %d s while %s; find the "
                               "process holding it (fuser %s) or try again",
                               file, BUSY_TOTAL_S, doing, file);
        st = EC_ERR_LOCKED;
        break;
    case SQLITE_IOERR:
        msg = ec_strdup_printf("%s: input/output error while %s (%s); check the disk", file, doing,
                               why);
        st = EC_ERR_IO;
        break;
    default:
        msg = ec_strdup_printf("%s: %s while %s", file, why, doing);
        st = EC_ERR_STORE;
    }
    if (err && !*err)
        *err = msg;
    else
        free(msg);
    return st;
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A few milliseconds, different in each process, so retrying writers spread. */
static void backoff(ec_store *s)
{
    s->rng = s->rng * 1103515245u + 12345u;
    struct timespec t = {0, (long)(1 + (s->rng >> 16) % 10) * 1000000L};
    nanosleep(&t, NULL);
}

/* The busy handler: SQLite's own sleeps in steps of up to 100 ms, which
 * leaves the lock idle most of the time when many agents record at once (16
 * writers managed 280 records/s); short sleeps with jitter keep it busy. Gives
 * up after BUSY_STEP_MS, and run_txn() tries the transaction again. */
static int on_busy(void *arg, int count)
{
    ec_store *s = arg;
    static const long step_us[] = {50, 100, 200, 400, 800, 1000};
    long us = step_us[count < 5 ? count : 5];
    if (count == 0)
        s->busy_since = now_seconds();
    else if (now_seconds() - s->busy_since > BUSY_STEP_MS / 1000.0)
        return 0;
    s->rng = s->rng * 1103515245u + 12345u;
    struct timespec t = {0, (us + (long)((s->rng >> 16) % (unsigned)us)) * 1000L};
    nanosleep(&t, NULL);
    return 1;
}

static int exec(ec_store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

static sqlite3_stmt *stmt(ec_store *s, int which, int *rc)
{
    if (!s->stmts[which])
        *rc = sqlite3_prepare_v3(s->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                 &s->stmts[which], NULL);
    return s->stmts[which];
}

/* Steps ST once (to SQLITE_DONE or SQLITE_ROW) and resets it; returns the
 * step's code, SQLITE_OK for DONE. */
static int step_once(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Runs BODY inside one write transaction (or inside the open batch),
 * retrying the whole of it while the database is busy. */
typedef int (*txn_body)(ec_store *s, void *arg);

static ec_status run_txn(ec_store *s, txn_body body, void *arg, const char *doing, char **err)
{
    if (s->in_batch) {
        int rc = body(s, arg);
        return rc == SQLITE_OK ? EC_OK : fail(s->file, s->db, rc, doing, err);
    }
    double deadline = now_seconds() + BUSY_TOTAL_S;
    for (;;) {
        int rc = exec(s, "BEGIN IMMEDIATE");
        if (rc == SQLITE_OK) {
            rc = body(s, arg);
            if (rc == SQLITE_OK)
                rc = exec(s, "COMMIT");
            if (rc != SQLITE_OK) {
                /* Keep the message: ROLLBACK would replace it. */
                ec_status st = busy(rc) ? EC_OK : fail(s->file, s->db, rc, doing, err);
                exec(s, "ROLLBACK");
                if (st != EC_OK)
                    return st;
            }
        }
        if (rc == SQLITE_OK)
            return EC_OK;
        if (!busy(rc) || now_seconds() > deadline)
            return fail(s->file, s->db, rc, doing, err);
        backoff(s);
    }
}

/* run_txn for the search log: committed without an fsync (synchronous
 * NORMAL for this transaction only). The log is written while the agent
 * waits for the next prompt, and one fsync (12-16 ms at p99 on a busy disk)
 * would double a search. WAL keeps the file consistent; a power cut can
 * lose the last searches, never an outcome, whose commits stay FULL. */
static ec_status run_txn_relaxed(ec_store *s, txn_body body, void *arg, const char *doing,
                                 char **err)
{
    if (s->in_batch)
        return run_txn(s, body, arg, doing, err);
    exec(s, "PRAGMA synchronous = NORMAL");
    ec_status st = run_txn(s, body, arg, doing, err);
    exec(s, "PRAGMA synchronous = FULL");
    return st;
}

/* ------------------------------------------------------------------ open */

/* Creates DIR and its missing parents with DIR_MODE (whatever the umask). */
static ec_status make_dir(const char *dir, char **err)
{
    char *failed = NULL;
    int rc = ec_mkdir_p(dir, DIR_MODE, &failed);
    if (rc == ENOMEM)
        return EC_ERR_NOMEM;
    if (rc) {
        *err = ec_strdup_printf("cannot create the database directory %s: %s; create it or "
                                "choose another one",
                                failed ? failed : dir, strerror(rc));
        free(failed);
        return EC_ERR_IO;
    }
    return EC_OK;
}

/* Creates FILE empty with FILE_MODE when it does not exist, so SQLite (which
 * gives its -wal and -shm files the database file's mode) never creates
 * anything world-readable, and syncs the directory so the file's name
 * survives a power cut with the first records. */
static ec_status make_file(const char *dir, const char *file, char **err)
{
    int fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, FILE_MODE);
    if (fd < 0) {
        if (errno == EEXIST)
            return EC_OK;
        if (errno == ENOSPC || errno == EDQUOT)
            *err = ec_strdup_printf("cannot create %s: %s; free some space and try again", file,
                                    strerror(errno));
        else
            *err = ec_strdup_printf("cannot create %s: %s; the database directory must be "
                                    "writable by this user: check its permissions or choose "
                                    "another one",
                                    file, strerror(errno));
        return EC_ERR_IO;
    }
    fchmod(fd, FILE_MODE);
    fsync(fd);
    close(fd);
    int dfd = open(dir, O_RDONLY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return EC_OK;
}

static int user_version(sqlite3 *db, int *version)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *version = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static ec_status newer(const char *file, int version, char **err)
{
    *err = ec_strdup_printf("%s was written by a newer edgecase (store version %d; this one knows "
                            "up to %d): upgrade edgecase to use it; it was left untouched",
                            file, version, STORE_VERSION);
    return EC_ERR_CORRUPT;
}

static int migrate_body(ec_store *s, void *arg)
{
    int *version = arg;
    int rc = user_version(s->db, version);
    for (; rc == SQLITE_OK && *version < STORE_VERSION; (*version)++) {
        char *sql = ec_strdup_printf("%s; PRAGMA user_version = %d", migrations[*version],
                                     *version + 1);
        rc = sql ? exec(s, sql) : SQLITE_NOMEM;
        free(sql);
    }
    return rc;
}

/* Brings the schema to STORE_VERSION in one transaction; a store of a newer
 * version is left as it is. */
static ec_status migrate(ec_store *s, char **err)
{
    int version = 0;
    ec_status st;
    if (user_version(s->db, &version) == SQLITE_OK && version == STORE_VERSION)
        return EC_OK;
    if (version > STORE_VERSION)
        return newer(s->file, version, err);
    /* Found newer inside the transaction: another process upgraded it. */
    st = run_txn(s, migrate_body, &version, "creating its tables", err);
    if (st == EC_OK && version > STORE_VERSION)
        return newer(s->file, version, err);
    return st;
}

/* Switches the store to WAL; SQLITE_BUSY when another process holds it. */
static int wal_mode(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(st, 0);
        rc = mode && strcmp(mode, "wal") == 0 ? SQLITE_OK : SQLITE_BUSY;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The pragmas that make the store what the top of this file says, retried
 * while another process is converting a new store to WAL. */
static ec_status configure(ec_store *s, char **err)
{
    double deadline = now_seconds() + BUSY_TOTAL_S;
    int version = 0, rc;
    for (;;) {
        rc = user_version(s->db, &version);
        if (rc == SQLITE_OK && version > STORE_VERSION)
            return newer(s->file, version, err);
        if (rc == SQLITE_OK)
            rc = wal_mode(s->db);
        if (rc == SQLITE_OK)
            rc = exec(s, "PRAGMA synchronous = FULL");
        /* A record writes about 7 pages: at SQLite's default of 1000 the
         * commit that checkpoints (writing and syncing the database file) is
         * one in 140, inside the 99th percentile of record latency. At 4000
         * (a WAL of up to 16 MB) it is one in 550. */
        if (rc == SQLITE_OK)
            rc = exec(s, "PRAGMA wal_autocheckpoint = 4000");
        if (!busy(rc) || now_seconds() > deadline)
            break;
        backoff(s);
    }
    if (rc != SQLITE_OK)
        return fail(s->file, s->db, rc, "opening it", err);
    return EC_OK;
}

/* A store handle for DBDIR, not yet open, into *OUT. */
static ec_status store_new(const char *dbdir, ec_store **out, char **err)
{
    *out = NULL;
    *err = NULL;
    if (!dbdir || !*dbdir) {
        *err = ec_strdup("no database directory given");
        return EC_ERR_USAGE;
    }
    ec_store *s = calloc(1, sizeof *s);
    if (!s || !(s->file = ec_strdup_printf("%s/%s", dbdir, STORE_FILE))) {
        free(s);
        return EC_ERR_NOMEM;
    }
    s->rng = (unsigned)getpid() ^ (unsigned)time(NULL);
    *out = s;
    return EC_OK;
}

ec_status ec_store_open(const char *dbdir, ec_store **out, char **err)
{
    ec_store *s = NULL;
    ec_status st = store_new(dbdir, &s, err);
    *out = NULL;
    if (st != EC_OK)
        return st;
    if ((st = make_dir(dbdir, err)) != EC_OK || (st = make_file(dbdir, s->file, err)) != EC_OK)
        goto out;
    int rc = sqlite3_open_v2(s->file, &s->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        st = fail(s->file, s->db, rc, "opening it", err);
        goto out;
    }
    if (sqlite3_db_readonly(s->db, "main") == 1) {
        st = fail(s->file, s->db, SQLITE_READONLY, "opening it", err);
        goto out;
    }
    sqlite3_busy_handler(s->db, on_busy, s);
    if ((st = configure(s, err)) != EC_OK || (st = migrate(s, err)) != EC_OK)
        goto out;
    *out = s;
    s = NULL;
out:
    ec_store_close(s);
    return st;
}

ec_status ec_store_open_readonly(const char *dbdir, ec_store **out, char **err)
{
    ec_store *s = NULL;
    ec_status st = store_new(dbdir, &s, err);
    int rc, version = 0;
    *out = NULL;
    if (st != EC_OK)
        return st;
    if (access(s->file, F_OK) != 0) {
        *err = ec_strdup_printf("no outcomes are recorded in %s yet", dbdir);
        st = EC_ERR_NOT_FOUND;
        goto out;
    }
    if ((rc = sqlite3_open_v2(s->file, &s->db, SQLITE_OPEN_READONLY, NULL)) != SQLITE_OK ||
        (sqlite3_busy_handler(s->db, on_busy, s), rc = user_version(s->db, &version)) != SQLITE_OK) {
        st = fail(s->file, s->db, rc, "opening it", err);
        goto out;
    }
    if (version > STORE_VERSION) {
        st = newer(s->file, version, err);
    } else if (version < STORE_VERSION) {
        /* Empty (being created) or older: the next record brings it up. */
        *err = ec_strdup_printf("no outcomes are recorded in %s yet", dbdir);
        st = EC_ERR_NOT_FOUND;
    } else {
        *out = s;
        s = NULL;
    }
out:
    ec_store_close(s);
    return st;
}

void ec_store_close(ec_store *s)
{
    if (!s)
        return;
    if (s->in_batch)
        ec_store_batch_rollback(s);
    for (int i = 0; i < N_STMTS; i++)
        sqlite3_finalize(s->stmts[i]);
    sqlite3_close(s->db);
    free(s->file);
    free(s);
}

const char *ec_store_file(const ec_store *store) { return store->file; }

sqlite3 *ec_store_sqlite(ec_store *store) { return store->db; }

/* ---------------------------------------------------------------- batches */

ec_status ec_store_batch_begin(ec_store *s, char **err)
{
    *err = NULL;
    if (s->in_batch) {
        *err = ec_strdup("a batch is already open");
        return EC_ERR_USAGE;
    }
    double deadline = now_seconds() + BUSY_TOTAL_S;
    int rc;
    while (busy(rc = exec(s, "BEGIN IMMEDIATE")) && now_seconds() < deadline)
        backoff(s);
    if (rc != SQLITE_OK)
        return fail(s->file, s->db, rc, "starting a batch", err);
    s->in_batch = 1;
    return EC_OK;
}

ec_status ec_store_batch_commit(ec_store *s, char **err)
{
    *err = NULL;
    if (!s->in_batch) {
        *err = ec_strdup("no batch is open");
        return EC_ERR_USAGE;
    }
    /* We hold the write lock since BEGIN IMMEDIATE: COMMIT cannot be busy. */
    int rc = exec(s, "COMMIT");
    if (rc != SQLITE_OK) {
        ec_status st = fail(s->file, s->db, rc, "storing the batch", err);
        ec_store_batch_rollback(s);
        return st;
    }
    s->in_batch = 0;
    return EC_OK;
}

void ec_store_batch_rollback(ec_store *s)
{
    if (s && s->in_batch) {
        exec(s, "ROLLBACK");
        s->in_batch = 0;
    }
}

/* ---------------------------------------------------------------- record */

ec_outcome_result ec_outcome_result_parse(const char *word)
{
    for (int r = EC_RESULT_RESOLVED; word && r <= EC_RESULT_UNRESOLVED; r++)
        if (strcmp(word, ec_outcome_result_name((ec_outcome_result)r)) == 0)
            return (ec_outcome_result)r;
    return EC_RESULT_NONE;
}

const char *ec_outcome_result_name(ec_outcome_result r)
{
    switch (r) {
    case EC_RESULT_RESOLVED: return "resolved";
    case EC_RESULT_ESCALATED: return "escalated";
    case EC_RESULT_UNRESOLVED: return "unresolved";
    default: return "none";
    }
}

/* Free text as the store keeps it: redacted first (so a cut cannot leave
 * half a card number), control characters as spaces (newlines and tabs kept
 * when KEEP_LINES), at most MAX bytes cut on a character boundary. What an
 * agent typed never makes a record or a log entry fail. NULL on OOM. */
static char *stored_text(const char *text, size_t max, int keep_lines)
{
    char *t = ec_redact(text ? text : "");
    if (!t)
        return NULL;
    for (char *p = t; *p; p++)
        if ((unsigned char)*p < 0x20 && !(keep_lines && (*p == '\n' || *p == '\t')))
            *p = ' ';
    size_t n = strlen(t);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--;
        t[n] = '\0';
    }
    return t;
}

/* 1 when S is a playbook or path id (FORMAT.md: letters, digits, . - _). */
static int valid_id(const char *s)
{
    if (!s || !*s || strlen(s) > MAX_NAME)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '.' || *s == '-' || *s == '_'))
            return 0;
    return 1;
}

/* NULL when S (may be NULL) is at most MAX bytes without control characters,
 * else what is wrong with it. */
static const char *bad_text(const char *s, size_t max, int allow_newlines)
{
    if (!s)
        return NULL;
    if (strlen(s) > max)
        return "is too long";
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 && !(allow_newlines && (*s == '\n' || *s == '\t')))
            return "holds a control character";
    return NULL;
}

static ec_status invalid(char **err, const char *fmt, const char *what)
{
    *err = ec_strdup_printf(fmt, what);
    return EC_ERR_INVALID;
}

/* The reason OUTCOME cannot be stored, or EC_OK. */
static ec_status validate(const ec_outcome *o, char **err)
{
    const char *why;
    if (!o->case_ref || !*o->case_ref)
        return invalid(err, "case: %s", "a case reference is required");
    if ((why = bad_text(o->case_ref, MAX_REF, 0)))
        return invalid(err, "case: the reference %s", why);
    if (!o->playbook_id != !o->path_id)
        return invalid(err, "path: %s", "give both the playbook and the path id, as ID#PATH");
    if (o->playbook_id && (!valid_id(o->playbook_id) || !valid_id(o->path_id)))
        return invalid(err, "path: %s", "ids are letters, digits, '.', '-' and '_' (ID#PATH)");
    if (o->result < EC_RESULT_RESOLVED || o->result > EC_RESULT_UNRESOLVED)
        return invalid(err, "result: %s", "must be resolved, escalated or unresolved");
    if (o->fcr < -1 || o->fcr > 1 || o->heard < -1 || o->heard > 1)
        return invalid(err, "%s", "fcr and heard are yes, no or unknown");
    if (o->fcr == 1 && o->result != EC_RESULT_RESOLVED)
        return invalid(err, "fcr: %s", "a case that was not resolved cannot be resolved at first "
                                        "contact");
    if (o->trust < 0 || o->trust > 5)
        return invalid(err, "trust: %s", "must be 1 to 5 (0: not asked)");
    if (isnan(o->handle_seconds) || o->handle_seconds > MAX_HANDLE_SECONDS)
        return invalid(err, "handle time: %s", "must be 0 to 604800 seconds (7 days)");
    if ((why = bad_text(o->agent, MAX_NAME, 0)))
        return invalid(err, "agent: %s", why);
    if ((why = bad_text(o->channel, MAX_NAME, 0)))
        return invalid(err, "channel: %s", why);
    if (o->closed_at < 0)
        return invalid(err, "closed at: %s", "must be after 1970");
    return EC_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* The day number of the ISO date at S (its first ten bytes) into *DAY; -1
 * if they are not one. */
static int parse_day(const char *s, long long *day)
{
    char date[11];
    if (strlen(s) < 10)
        return -1;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!ec_valid_iso_date(date))
        return -1;
    *day = days_from_civil(atoi(date), (unsigned)atoi(date + 5), (unsigned)atoi(date + 8));
    return 0;
}

int ec_outcome_time_parse(const char *s, time_t *out)
{
    long long day;
    int h = 0, m = 0, sec = 0, n = 0;
    char *end;
    if (!s || !*s)
        return -1;
    if (strspn(s, "0123456789") == strlen(s)) {
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (*end || v < 0 || errno == ERANGE)
            return -1;
        *out = (time_t)v;
        return 0;
    }
    if (parse_day(s, &day))
        return -1;
    if (s[10]) {
        if ((s[10] != 'T' && s[10] != ' ') ||
            (sscanf(s + 11, "%2d:%2d%n:%2d%n", &h, &m, &n, &sec, &n) < 2) || h > 23 || m > 59 ||
            sec > 60)
            return -1;
        const char *rest = s + 11 + n;
        if (strcmp(rest, "") != 0 && strcmp(rest, "Z") != 0)
            return -1;
    }
    *out = (time_t)(day * 86400 + h * 3600 + m * 60 + sec);
    return 0;
}

/* What one outcome adds to the daily counts. */
static void counts_of(const ec_outcome *o, ec_outcome_counts *c)
{
    memset(c, 0, sizeof *c);
    c->uses = 1;
    c->resolved = o->result == EC_RESULT_RESOLVED;
    c->escalated = o->result == EC_RESULT_ESCALATED;
    c->unresolved = o->result == EC_RESULT_UNRESOLVED;
    c->fcr_known = o->fcr >= 0;
    c->fcr_yes = o->fcr == 1;
    c->heard_known = o->heard >= 0;
    c->heard_yes = o->heard == 1;
    c->trust_known = o->trust > 0;
    c->trust_sum = o->trust > 0 ? o->trust : 0;
    c->trust_high = o->trust >= 4;
    c->timed = o->handle_seconds >= 0;
    c->handle_sum = o->handle_seconds >= 0 ? o->handle_seconds : 0;
    c->timed_resolved = c->timed && c->resolved;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_flag(sqlite3_stmt *st, int i, int flag)
{
    if (flag < 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int(st, i, flag);
}

typedef struct record_args {
    const ec_outcome *o;
    const char *note; /* redacted */
    time_t closed_at;
} record_args;

static int add_daily(ec_store *s, const char *dim, const char *key, long long day,
                     const ec_outcome_counts *c)
{
    int rc = SQLITE_OK;
    sqlite3_stmt *st = stmt(s, ST_DAILY, &rc);
    if (!st)
        return rc;
    sqlite3_bind_text(st, 1, dim, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key ? key : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, day);
    for (size_t k = 0; k < N_COUNTERS; k++) {
        const char *field = (const char *)c + counters[k].off;
        if (counters[k].real)
            sqlite3_bind_double(st, 4 + (int)k, *(const double *)field);
        else
            sqlite3_bind_int64(st, 4 + (int)k, *(const long *)field);
    }
    return step_once(st);
}

static int record_body(ec_store *s, void *arg)
{
    record_args *a = arg;
    const ec_outcome *o = a->o;
    int rc = SQLITE_OK;
    sqlite3_stmt *st = stmt(s, ST_CASE, &rc);
    if (!st)
        return rc;
    sqlite3_bind_text(st, 1, o->case_ref, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)a->closed_at);
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc;
    }
    sqlite3_int64 case_id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);

    if (!(st = stmt(s, ST_OUTCOME, &rc)))
        return rc;
    sqlite3_bind_int64(st, 1, case_id);
    bind_text(st, 2, o->playbook_id);
    bind_text(st, 3, o->path_id);
    sqlite3_bind_text(st, 4, ec_outcome_result_name(o->result), -1, SQLITE_STATIC);
    bind_flag(st, 5, o->fcr);
    bind_flag(st, 6, o->heard);
    bind_flag(st, 7, o->trust > 0 ? o->trust : -1);
    if (o->handle_seconds >= 0)
        sqlite3_bind_double(st, 8, o->handle_seconds);
    bind_text(st, 9, o->agent);
    bind_text(st, 10, o->channel);
    bind_text(st, 11, a->note);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)a->closed_at);
    sqlite3_bind_int64(st, 13, (sqlite3_int64)time(NULL));
    if ((rc = step_once(st)) != SQLITE_OK)
        return rc;

    char *path_key = NULL;
    if (o->playbook_id) {
        if (!(st = stmt(s, ST_PATH_STATS, &rc)))
            return rc;
        sqlite3_bind_text(st, 1, o->playbook_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, o->path_id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, o->result == EC_RESULT_RESOLVED);
        if ((rc = step_once(st)) != SQLITE_OK)
            return rc;
        if (!(path_key = ec_strdup_printf("%s#%s", o->playbook_id, o->path_id)))
            return SQLITE_NOMEM;
    }
    ec_outcome_counts c;
    counts_of(o, &c);
    long long day = (long long)(a->closed_at / 86400);
    if ((rc = add_daily(s, "all", "", day, &c)) == SQLITE_OK &&
        (rc = add_daily(s, "path", path_key, day, &c)) == SQLITE_OK &&
        (rc = add_daily(s, "channel", o->channel, day, &c)) == SQLITE_OK)
        rc = add_daily(s, "agent", o->agent, day, &c);
    free(path_key);
    return rc;
}

ec_status ec_store_record(ec_store *s, const ec_outcome *o, char **err)
{
    *err = NULL;
    if (!s || !o)
        return EC_ERR_USAGE;
    ec_status st = validate(o, err);
    if (st != EC_OK)
        return st;
    record_args a = {o, NULL, o->closed_at ? o->closed_at : time(NULL)};
    if (o->note && !(a.note = stored_text(o->note, MAX_NOTE, 1)))
        return EC_ERR_NOMEM;
    st = run_txn(s, record_body, &a, "recording the outcome", err);
    free((char *)a.note);
    return st;
}

/* ------------------------------------------------------------ search log */

typedef struct search_args {
    const ec_search_entry *e;
    const char *query;  /* redacted */
    const char *shown;  /* JSON */
    long long id;
} search_args;

static int search_body(ec_store *s, void *arg)
{
    search_args *a = arg;
    const ec_search_entry *e = a->e;
    int rc = SQLITE_OK;
    sqlite3_stmt *st = stmt(s, ST_SEARCH, &rc);
    if (!st)
        return rc;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)(e->at ? e->at : time(NULL)));
    sqlite3_bind_text(st, 2, a->query, -1, SQLITE_STATIC);
    bind_text(st, 3, e->filters);
    sqlite3_bind_text(st, 4, a->shown, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)e->n_shown);
    sqlite3_bind_double(st, 6, e->top_score);
    bind_text(st, 7, e->case_ref);
    bind_text(st, 8, e->agent);
    bind_text(st, 9, e->channel);
    if ((rc = step_once(st)) == SQLITE_OK)
        a->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

ec_status ec_store_log_search(ec_store *s, const ec_search_entry *e, long long *id, char **err)
{
    *err = NULL;
    if (id)
        *id = 0;
    if (!s || !e || (e->n_shown && !e->shown))
        return EC_ERR_USAGE;
    const char *why;
    if ((why = bad_text(e->filters, MAX_QUERY, 0)) ||
        (why = bad_text(e->case_ref, MAX_REF, 0)) || (why = bad_text(e->agent, MAX_NAME, 0)) ||
        (why = bad_text(e->channel, MAX_NAME, 0)))
        return invalid(err, "search log: a field %s", why);
    json_object *shown = json_object_new_array_ext((int)e->n_shown);
    for (size_t i = 0; shown && i < e->n_shown; i++)
        json_object_array_add(shown, json_object_new_string(e->shown[i] ? e->shown[i] : ""));
    search_args a = {e, stored_text(e->query, MAX_QUERY, 0), NULL, 0};
    ec_status st = EC_ERR_NOMEM;
    if (shown && a.query &&
        (a.shown = json_object_to_json_string_ext(shown, JSON_C_TO_STRING_PLAIN |
                                                             JSON_C_TO_STRING_NOSLASHESCAPE)))
        st = run_txn_relaxed(s, search_body, &a, "logging the search", err);
    if (st == EC_OK && id)
        *id = a.id;
    free((char *)a.query);
    json_object_put(shown);
    return st;
}

typedef struct used_args {
    long long id;
    const char *result;
    int found;
} used_args;

static int used_body(ec_store *s, void *arg)
{
    used_args *a = arg;
    int rc = SQLITE_OK;
    sqlite3_stmt *st = stmt(s, ST_MARK_USED, &rc);
    if (!st)
        return rc;
    sqlite3_bind_int64(st, 1, a->id);
    sqlite3_bind_text(st, 2, a->result, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
    rc = step_once(st);
    a->found = sqlite3_changes(s->db) > 0;
    return rc;
}

ec_status ec_store_mark_used(ec_store *s, long long search_id, const char *result, char **err)
{
    *err = NULL;
    if (!s || !result || !*result)
        return EC_ERR_USAGE;
    const char *why = bad_text(result, 2 * MAX_NAME + 1, 0);
    if (why)
        return invalid(err, "used result: %s", why);
    used_args a = {search_id, result, 0};
    ec_status st = run_txn_relaxed(s, used_body, &a, "marking the result used", err);
    if (st == EC_OK && !a.found) {
        *err = ec_strdup_printf("no search %lld in the log of %s", search_id, s->file);
        return EC_ERR_NOT_FOUND;
    }
    return st;
}

/* ------------------------------------------------------------ path stats */

static void path_stats_set(ec_path_stats *out, long uses, long resolved)
{
    out->uses = uses;
    out->resolved = resolved;
    out->success_rate = uses > 0 ? (double)resolved / (double)uses : -1;
}

ec_status ec_store_path_stats(ec_store *s, const char *playbook_id, const char *path_id,
                              ec_path_stats *out, char **err)
{
    *err = NULL;
    path_stats_set(out, 0, 0);
    if (!s || !playbook_id || !path_id)
        return EC_ERR_USAGE;
    int rc = SQLITE_OK;
    sqlite3_stmt *st = stmt(s, ST_GET_PATH, &rc);
    if (!st)
        return fail(s->file, s->db, rc, "reading path figures", err);
    sqlite3_bind_text(st, 1, playbook_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, path_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        path_stats_set(out, (long)sqlite3_column_int64(st, 0), (long)sqlite3_column_int64(st, 1));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s->file, s->db, rc, "reading path figures", err);
    return EC_OK;
}

/* ------------------------------------------------------------ string map */

/* Strings to indexes, open addressing; for the path table and stats groups. */
typedef struct strmap {
    char **keys;
    size_t *vals;
    size_t cap, n;
} strmap;

static size_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

static void strmap_free(strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* The slot of KEY: where it is, or the empty slot where it would go. */
static size_t strmap_slot(const strmap *m, const char *key)
{
    size_t i = str_hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int strmap_get(const strmap *m, const char *key, size_t *val)
{
    if (!m->cap)
        return 0;
    size_t i = strmap_slot(m, key);
    if (!m->keys[i])
        return 0;
    *val = m->vals[i];
    return 1;
}

/* Adds KEY (copied) -> VAL; KEY must not be there. Returns 0, -1 on OOM. */
static int strmap_put(strmap *m, const char *key, size_t val)
{
    if (2 * (m->n + 1) > m->cap) {
        strmap grown = {0};
        grown.cap = m->cap ? 2 * m->cap : 64;
        grown.keys = calloc(grown.cap, sizeof *grown.keys);
        grown.vals = calloc(grown.cap, sizeof *grown.vals);
        if (!grown.keys || !grown.vals) {
            free(grown.keys);
            free(grown.vals);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t j = strmap_slot(&grown, m->keys[i]);
            grown.keys[j] = m->keys[i];
            grown.vals[j] = m->vals[i];
        }
        grown.n = m->n;
        free(m->keys);
        free(m->vals);
        *m = grown;
    }
    size_t i = strmap_slot(m, key);
    if (!(m->keys[i] = ec_strdup(key)))
        return -1;
    m->vals[i] = val;
    m->n++;
    return 0;
}

/* ----------------------------------------------------------------- stats */

void ec_wilson95(long successes, long n, double *low, double *high)
{
    if (n <= 0) {
        *low = *high = -1;
        return;
    }
    const double z = 1.959963984540054;
    double p = (double)successes / (double)n, nn = (double)n;
    double denom = 1 + z * z / nn;
    double centre = (p + z * z / (2 * nn)) / denom;
    double half = z * sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
    *low = centre - half < 0 ? 0 : centre - half;
    *high = centre + half > 1 ? 1 : centre + half;
}

static double ratio(double num, long den)
{
    return den > 0 ? num / (double)den : -1;
}

void ec_outcome_figures_compute(const ec_outcome_counts *c, ec_outcome_figures *f)
{
    f->resolution_rate = ratio((double)c->resolved, c->uses);
    ec_wilson95(c->resolved, c->uses, &f->resolution_low, &f->resolution_high);
    f->fcr_rate = ratio((double)c->fcr_yes, c->fcr_known);
    f->heard_rate = ratio((double)c->heard_yes, c->heard_known);
    f->trust_index = ratio((double)c->trust_high, c->trust_known);
    f->trust_mean = ratio((double)c->trust_sum, c->trust_known);
    f->escalation_rate = ratio((double)c->escalated, c->uses);
    f->handle_mean = ratio(c->handle_sum, c->timed);
    f->handle_per_resolved = ratio(c->handle_sum, c->timed_resolved);
}

static const char *const by_names[] = {"none",    "playbook", "path", "category", "channel",
                                       "agent",   "day",      "week", "month"};

int ec_stats_by_parse(const char *word, ec_stats_by *out)
{
    for (size_t i = 0; word && i < sizeof by_names / sizeof by_names[0]; i++)
        if (strcmp(word, by_names[i]) == 0) {
            *out = (ec_stats_by)i;
            return 0;
        }
    return -1;
}

const char *ec_stats_by_name(ec_stats_by by)
{
    return (size_t)by < sizeof by_names / sizeof by_names[0] ? by_names[by] : "none";
}

/* The date of a day number: days_from_civil() the other way. */
static void civil_from_days(long long z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)((long long)yoe + era * 400 + (*m <= 2));
}

/* The group key of a daily row (KEY, DAY) for BY into BUF; returns the key
 * (BUF or a string that lives as long as the row and the callback's). */
static const char *group_key(const ec_stats_request *req, const char *key, long long day,
                             char *buf, size_t size)
{
    int y;
    unsigned m, d;
    switch (req->by) {
    case EC_BY_PLAYBOOK:
    case EC_BY_CATEGORY: {
        const char *hash = strchr(key, '#');
        size_t n = hash ? (size_t)(hash - key) : strlen(key);
        snprintf(buf, size, "%.*s", (int)n, key);
        if (req->by == EC_BY_PLAYBOOK || !*buf)
            return buf;
        const char *cat = req->category_of ? req->category_of(req->category_user, buf) : NULL;
        return cat ? cat : "";
    }
    case EC_BY_DAY:
        civil_from_days(day, &y, &m, &d);
        snprintf(buf, size, "%04d-%02u-%02u", y, m, d);
        return buf;
    case EC_BY_WEEK: {
        /* ISO 8601: the week belongs to the year of its Thursday. */
        long long monday_based = ((day + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
        long long thursday = day - monday_based + 3;
        civil_from_days(thursday, &y, &m, &d);
        long long week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
        snprintf(buf, size, "%04d-W%02lld", y, week);
        return buf;
    }
    case EC_BY_MONTH:
        civil_from_days(day, &y, &m, &d);
        snprintf(buf, size, "%04d-%02u", y, m);
        return buf;
    default:
        return key;
    }
}

static void counts_add(ec_outcome_counts *to, sqlite3_stmt *st, int first_col)
{
    for (size_t k = 0; k < N_COUNTERS; k++) {
        char *field = (char *)to + counters[k].off;
        if (counters[k].real)
            *(double *)field += sqlite3_column_double(st, first_col + (int)k);
        else
            *(long *)field += (long)sqlite3_column_int64(st, first_col + (int)k);
    }
}

static int by_time(ec_stats_by by)
{
    return by == EC_BY_DAY || by == EC_BY_WEEK || by == EC_BY_MONTH;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const ec_stats_group *)a)->key, ((const ec_stats_group *)b)->key);
}

static int cmp_uses(const void *a, const void *b)
{
    const ec_stats_group *x = a, *y = b;
    if (x->counts.uses != y->counts.uses)
        return x->counts.uses > y->counts.uses ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* Adds the row at ST to the group KEY of OUT, making the group if new. */
static int add_to_group(ec_stats *out, strmap *index, size_t *cap, const char *key,
                        sqlite3_stmt *st)
{
    size_t g;
    if (!strmap_get(index, key, &g)) {
        if (out->n == *cap) {
            size_t ncap = *cap ? 2 * *cap : 16;
            ec_stats_group *p = realloc(out->groups, ncap * sizeof *p);
            if (!p)
                return -1;
            out->groups = p;
            *cap = ncap;
        }
        g = out->n;
        out->groups[g] = (ec_stats_group){ec_strdup(key), {0}};
        if (!out->groups[g].key || strmap_put(index, key, g)) {
            free(out->groups[g].key);
            return -1;
        }
        out->n++;
    }
    counts_add(&out->groups[g].counts, st, 2);
    return 0;
}

ec_status ec_store_stats(ec_store *s, const ec_stats_request *req, ec_stats **out, char **err)
{
    *out = NULL;
    *err = NULL;
    if (!s || !req)
        return EC_ERR_USAGE;
    long long since = LLONG_MIN, until = LLONG_MAX;
    const char *bad =
        req->since && (strlen(req->since) != 10 || parse_day(req->since, &since)) ? req->since
        : req->until && (strlen(req->until) != 10 || parse_day(req->until, &until)) ? req->until
                                                                                    : NULL;
    if (bad) {
        *err = ec_strdup_printf("not a date: \"%s\"; dates are YYYY-MM-DD", bad);
        return EC_ERR_USAGE;
    }
    static const char *const dims[] = {
        [EC_BY_NONE] = "all",     [EC_BY_PLAYBOOK] = "path", [EC_BY_PATH] = "path",
        [EC_BY_CATEGORY] = "path", [EC_BY_CHANNEL] = "channel", [EC_BY_AGENT] = "agent",
        [EC_BY_DAY] = "all",      [EC_BY_WEEK] = "all",      [EC_BY_MONTH] = "all"};
    if ((size_t)req->by >= sizeof dims / sizeof dims[0]) {
        *err = ec_strdup("unknown grouping");
        return EC_ERR_USAGE;
    }
    ec_stats *res = calloc(1, sizeof *res);
    strmap index = {0};
    size_t cap = 0;
    ec_status st = EC_OK;
    int rc = SQLITE_OK;
    sqlite3_stmt *q = res ? stmt(s, ST_STATS, &rc) : NULL;
    if (!res || !q) {
        st = res ? fail(s->file, s->db, rc, "reading the figures", err) : EC_ERR_NOMEM;
        goto out;
    }
    sqlite3_bind_text(q, 1, dims[req->by], -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, since);
    sqlite3_bind_int64(q, 3, until);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        counts_add(&res->total, q, 2);
        if (req->by == EC_BY_NONE)
            continue;
        char buf[256];
        const char *key = group_key(req, (const char *)sqlite3_column_text(q, 0),
                                    sqlite3_column_int64(q, 1), buf, sizeof buf);
        if (add_to_group(res, &index, &cap, key, q)) {
            st = EC_ERR_NOMEM;
            break;
        }
    }
    if (rc != SQLITE_DONE && st == EC_OK)
        st = fail(s->file, s->db, rc, "reading the figures", err);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (st == EC_OK && res->n)
        qsort(res->groups, res->n, sizeof *res->groups, by_time(req->by) ? cmp_key : cmp_uses);
out:
    strmap_free(&index);
    if (st == EC_OK)
        *out = res;
    else
        ec_stats_free(res);
    return st;
}

void ec_stats_free(ec_stats *stats)
{
    if (!stats)
        return;
    for (size_t i = 0; i < stats->n; i++)
        free(stats->groups[i].key);
    free(stats->groups);
    free(stats);
}

/* ------------------------------------------------------------ path table */

struct ec_path_table {
    char *file;
    sqlite3 *db;
    sqlite3_stmt *version, *load;
    long long data_version; /* -1: load at the next refresh */
    dev_t dev;
    ino_t ino;
    strmap index; /* "ID#PATH" -> stats */
    ec_path_stats *stats;
    size_t n;
    long total_uses, total_resolved;
};

static void table_clear(ec_path_table *t)
{
    strmap_free(&t->index);
    free(t->stats);
    t->stats = NULL;
    t->n = 0;
    t->total_uses = t->total_resolved = 0;
}

static void table_close_db(ec_path_table *t)
{
    sqlite3_finalize(t->version);
    sqlite3_finalize(t->load);
    sqlite3_close(t->db);
    t->version = t->load = NULL;
    t->db = NULL;
    t->data_version = -1;
}

ec_path_table *ec_path_table_new(const char *dbdir)
{
    ec_path_table *t = calloc(1, sizeof *t);
    if (!t || !(t->file = ec_strdup_printf("%s/%s", dbdir ? dbdir : ".", STORE_FILE))) {
        free(t);
        return NULL;
    }
    t->data_version = -1;
    ec_path_table_refresh(t);
    return t;
}

void ec_path_table_free(ec_path_table *t)
{
    if (!t)
        return;
    table_close_db(t);
    table_clear(t);
    free(t->file);
    free(t);
}

/* Opens the store read-only; 0 on success. A store this edgecase cannot
 * read (newer, not yet migrated) counts as none. */
static int table_open_db(ec_path_table *t)
{
    int version = 0;
    if (sqlite3_open_v2(t->file, &t->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_busy_timeout(t->db, 100);
    if (user_version(t->db, &version) != SQLITE_OK || version < 1 || version > STORE_VERSION ||
        sqlite3_prepare_v2(t->db, "PRAGMA data_version", -1, &t->version, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(t->db, "SELECT playbook_id || '#' || path_id, uses, resolved "
                                  "FROM path_stats", -1, &t->load, NULL) != SQLITE_OK)
        goto fail;
    return 0;
fail:
    table_close_db(t);
    return -1;
}

/* Reads path_stats into the table; 0 on success. */
static int table_load(ec_path_table *t)
{
    table_clear(t);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(t->load)) == SQLITE_ROW) {
        if (t->n == cap) {
            cap = cap ? 2 * cap : 64;
            ec_path_stats *p = realloc(t->stats, cap * sizeof *p);
            if (!p)
                break;
            t->stats = p;
        }
        long uses = (long)sqlite3_column_int64(t->load, 1);
        long resolved = (long)sqlite3_column_int64(t->load, 2);
        if (strmap_put(&t->index, (const char *)sqlite3_column_text(t->load, 0), t->n))
            break;
        path_stats_set(&t->stats[t->n++], uses, resolved);
        t->total_uses += uses;
        t->total_resolved += resolved;
    }
    sqlite3_reset(t->load);
    if (rc != SQLITE_DONE) {
        table_clear(t);
        return -1;
    }
    return 0;
}

void ec_path_table_refresh(ec_path_table *t)
{
    struct stat sb;
    if (!t)
        return;
    if (stat(t->file, &sb) != 0) {
        /* No store (yet, or moved aside): ranking by text alone. */
        table_close_db(t);
        table_clear(t);
        return;
    }
    if (t->db && (sb.st_dev != t->dev || sb.st_ino != t->ino))
        table_close_db(t); /* replaced by a new store */
    if (!t->db) {
        if (table_open_db(t)) {
            table_clear(t);
            return;
        }
        t->dev = sb.st_dev;
        t->ino = sb.st_ino;
    }
    long long dv = -1;
    if (sqlite3_step(t->version) == SQLITE_ROW)
        dv = sqlite3_column_int64(t->version, 0);
    sqlite3_reset(t->version);
    if (dv >= 0 && dv == t->data_version)
        return;
    if (table_load(t) == 0)
        t->data_version = dv;
}

size_t ec_path_table_size(const ec_path_table *t) { return t ? t->n : 0; }

void ec_path_table_get(const ec_path_table *t, const char *playbook_id, const char *path_id,
                       ec_path_stats *out)
{
    char key[2 * MAX_NAME + 2];
    size_t i;
    path_stats_set(out, 0, 0);
    if (!t || !t->n || !playbook_id || !path_id ||
        (size_t)snprintf(key, sizeof key, "%s#%s", playbook_id, path_id) >= sizeof key)
        return;
    if (strmap_get(&t->index, key, &i))
        *out = t->stats[i];
}

void ec_path_table_totals(const ec_path_table *t, long *uses, long *resolved)
{
    *uses = t ? t->total_uses : 0;
    *resolved = t ? t->total_resolved : 0;
}

/* ------------------------------------------------------------ hard cases */

ec_status ec_store_hard_searches(ec_store *s, const char *playbook_id, size_t limit,
                                 ec_hard_search **out, size_t *n, char **err)
{
    static const char sql[] =
        "SELECT s.query, MAX(s.at) AS last FROM searches s"
        " JOIN cases c ON c.ref = s.case_ref"
        " JOIN outcomes o ON o.case_id = c.id"
        " WHERE o.playbook_id = ?1 AND (o.result <> 'resolved' OR o.heard = 0)"
        " GROUP BY s.query ORDER BY last DESC, s.query LIMIT ?2";
    sqlite3_stmt *q = NULL;
    ec_hard_search *res = NULL;
    size_t got = 0;
    ec_status st = EC_OK;
    *out = NULL;
    *n = 0;
    *err = NULL;
    if (!s || !playbook_id)
        return EC_ERR_USAGE;
    if (limit == 0)
        return EC_OK;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc != SQLITE_OK || !(res = calloc(limit, sizeof *res))) {
        st = rc != SQLITE_OK ? fail(s->file, s->db, rc, "reading the hard cases", err)
                             : EC_ERR_NOMEM;
        goto out;
    }
    sqlite3_bind_text(q, 1, playbook_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)limit);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW && got < limit) {
        res[got].query = ec_redact((const char *)sqlite3_column_text(q, 0));
        res[got].at = (time_t)sqlite3_column_int64(q, 1);
        if (!res[got].query) {
            st = EC_ERR_NOMEM;
            goto out;
        }
        got++;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        st = fail(s->file, s->db, rc, "reading the hard cases", err);
out:
    sqlite3_finalize(q);
    if (st == EC_OK && got) {
        *out = res;
        *n = got;
    } else {
        ec_hard_searches_free(res, got);
    }
    return st;
}

void ec_hard_searches_free(ec_hard_search *searches, size_t n)
{
    for (size_t i = 0; searches && i < n; i++)
        free(searches[i].query);
    free(searches);
}
