/* bench-outcomes: how fast the outcome store records and sums up.
 *
 *   bench-outcomes [--records N] [--history M] [--dir DIR]
 *
 * Records N outcomes (default 2000) one transaction each, as agents do, and
 * prints the rate and the p50/p99 latency of ec_store_record(), next to the
 * same figures for a bare one-row SQLite commit on the same disk (the floor
 * fsync sets); then builds a history of M outcomes (default 1,000,000; in
 * batches; 60 paths, 200 agents, 5 channels over a year) and times
 * ec_store_stats() over all of it for each grouping. DIR (default a new
 * directory under $TMPDIR) is kept when given, removed otherwise. One line a
 * figure, each starting "bench-outcomes:", for tests/bench to collect. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ec-outcomes.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU seconds of this process: the cost without the other jobs' share. */
static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void die(const char *what, char *err)
{
    fprintf(stderr, "bench-outcomes: %s: %s\n", what, err ? err : "failed");
    exit(1);
}

/* Sorts LAT (N latencies in seconds) and prints the rate and percentiles. */
static void report(const char *what, double *lat, long n, double total)
{
    qsort(lat, (size_t)n, sizeof *lat, cmp_double);
    printf("bench-outcomes: %s: %.0f records/s, p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", what,
           n / total, 1e3 * lat[n / 2], 1e3 * lat[(size_t)(n * 0.99)], 1e3 * lat[n - 1]);
}

/* The I-th synthetic outcome into O, its strings in BUF. */
static void synthetic(long i, ec_outcome *o, char buf[3][64], time_t start)
{
    static const char *const channels[] = {"voice", "chat", "email", "social", "sms"};
    static const char *const paths[] = {"first", "second", "third"};
    unsigned long h = (unsigned long)i * 2654435761u;
    snprintf(buf[0], 64, "BENCH-%ld", i);
    snprintf(buf[1], 64, "playbook-%lu", h % 20);
    snprintf(buf[2], 64, "agent-%lu", (h >> 8) % 200);
    *o = (ec_outcome){.case_ref = buf[0], .playbook_id = buf[1], .path_id = paths[(h >> 4) % 3],
                      .result = (ec_outcome_result)(1 + (h >> 12) % 3), .fcr = -1,
                      .heard = (int)((h >> 14) % 2), .trust = (int)((h >> 16) % 6),
                      .handle_seconds = (double)(30 + (h >> 18) % 1200), .agent = buf[2],
                      .channel = channels[(h >> 20) % 5],
                      .closed_at = start + (time_t)((h >> 3) % (365L * 86400))};
    if (o->result == EC_RESULT_RESOLVED)
        o->fcr = (int)((h >> 22) % 2);
}

static void bench_records(ec_store *s, long n, time_t start)
{
    double *lat = calloc((size_t)n, sizeof *lat);
    char *err = NULL;
    if (!lat)
        die("allocating", NULL);
    double t0 = now(), c0 = cpu();
    for (long i = 0; i < n; i++) {
        ec_outcome o;
        char buf[3][64];
        synthetic(i, &o, buf, start);
        o.note = "customer read out 4111 1111 1111 1111, call back 07700 900123";
        double t = now();
        if (ec_store_record(s, &o, &err) != EC_OK)
            die("recording", err);
        lat[i] = now() - t;
    }
    char what[160];
    snprintf(what, sizeof what,
             "record %ld outcomes one transaction each (synchronous=FULL; %.3f ms CPU each)", n,
             1e3 * (cpu() - c0) / (double)n);
    report(what, lat, n, now() - t0);
    free(lat);
}

/* The floor the disk sets: N one-row commits to a bare SQLite file in DIR
 * with the store's journal and sync settings. */
static void bench_baseline(const char *dir, long n)
{
    char file[600];
    snprintf(file, sizeof file, "%s/baseline.db", dir);
    sqlite3 *db = NULL;
    double *lat = calloc((size_t)n, sizeof *lat);
    if (!lat || sqlite3_open(file, &db) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                         "CREATE TABLE t(x)", NULL, NULL, NULL) != SQLITE_OK)
        die("making the baseline", NULL);
    double t0 = now();
    for (long i = 0; i < n; i++) {
        double t = now();
        sqlite3_exec(db, "BEGIN IMMEDIATE; INSERT INTO t VALUES (1); COMMIT", NULL, NULL, NULL);
        lat[i] = now() - t;
    }
    report("baseline: a bare one-row SQLite commit on the same disk", lat, n, now() - t0);
    sqlite3_close(db);
    free(lat);
}

static void build_history(ec_store *s, long from, long n, time_t start)
{
    char *err = NULL;
    double t0 = now(), c0 = cpu();
    for (long i = from; i < from + n;) {
        if (ec_store_batch_begin(s, &err) != EC_OK)
            die("starting a batch", err);
        for (long k = 0; k < 10000 && i < from + n; k++, i++) {
            ec_outcome o;
            char buf[3][64];
            synthetic(i, &o, buf, start);
            if (ec_store_record(s, &o, &err) != EC_OK)
                die("recording the history", err);
        }
        if (ec_store_batch_commit(s, &err) != EC_OK)
            die("committing the history", err);
    }
    printf("bench-outcomes: built a history of %ld outcomes in %.1f s, %.1f s CPU (batches of "
           "10000)\n",
           n, now() - t0, cpu() - c0);
}

static void bench_stats(ec_store *s)
{
    static const ec_stats_by bys[] = {EC_BY_NONE,  EC_BY_PLAYBOOK, EC_BY_PATH, EC_BY_CHANNEL,
                                      EC_BY_AGENT, EC_BY_DAY,      EC_BY_WEEK, EC_BY_MONTH};
    char *err = NULL;
    for (size_t b = 0; b < sizeof bys / sizeof bys[0]; b++) {
        ec_stats_request req = {.by = bys[b]};
        ec_stats *st = NULL;
        double t0 = now(), c0 = cpu();
        if (ec_store_stats(s, &req, &st, &err) != EC_OK)
            die("stats", err);
        double t = now() - t0, c = cpu() - c0;
        printf("bench-outcomes: stats over %ld outcomes by %s: %.1f ms (%.1f ms CPU, %zu groups)\n",
               st->total.uses, ec_stats_by_name(bys[b]), 1e3 * t, 1e3 * c, st->n);
        ec_stats_free(st);
    }
}

int main(int argc, char **argv)
{
    long n_records = 2000, n_history = 1000000;
    const char *dir_opt = NULL;
    setvbuf(stdout, NULL, _IOLBF, 0); /* each figure as soon as it is known */
    for (int i = 1; i < argc; i += 2) {
        if (i + 1 < argc && strcmp(argv[i], "--records") == 0)
            n_records = atol(argv[i + 1]);
        else if (i + 1 < argc && strcmp(argv[i], "--history") == 0)
            n_history = atol(argv[i + 1]);
        else if (i + 1 < argc && strcmp(argv[i], "--dir") == 0)
            dir_opt = argv[i + 1];
        else {
            fprintf(stderr, "usage: bench-outcomes [--records N] [--history M] [--dir DIR]\n");
            return 2;
        }
    }
    char tmpl[512];
    const char *tmp = getenv("TMPDIR");
    snprintf(tmpl, sizeof tmpl, "%s/bench-outcomes.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    const char *dir = dir_opt ? dir_opt : mkdtemp(tmpl);
    if (!dir)
        die("making a directory", NULL);
    ec_store *s = NULL;
    char *err = NULL;
    if (ec_store_open(dir, &s, &err) != EC_OK)
        die("opening the store", err);
    time_t start = 1767225600; /* 2026-01-01 */
    if (n_records > 0) {
        bench_records(s, n_records, start);
        bench_baseline(dir, n_records);
    }
    if (n_history > 0)
        build_history(s, n_records, n_history, start);
    bench_stats(s);
    ec_store_close(s);
    if (!dir_opt) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "bench-outcomes: could not remove %s\n", dir);
    }
    return 0;
}
