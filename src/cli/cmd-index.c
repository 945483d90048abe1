/* cmd-index.c: edgecase index: playbook and article files -> the search index. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "ec-index.h"

typedef struct progress {
    struct timespec start;
    struct timespec last;
    int shown;
    int synonyms; /* the phase after the files: following changed synonyms */
} progress;

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* A progress line on a terminal only, at most ten times a second. */
static void show(progress *pr, const char *what, size_t done, size_t total)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (done < total && pr->shown && since(&pr->last, &now) < 0.1)
        return;
    pr->last = now;
    double el = since(&pr->start, &now);
    double rate = el > 0 ? (double)done / el : 0;
    double left = rate > 0 ? (double)(total - done) / rate : 0;
    fprintf(stderr, "\r\033[K%s: %zu/%zu files, %.0f files/s, %.0f s left", what, done, total,
            rate, left);
    pr->shown = 1;
}

static void show_progress(void *user, size_t done, size_t total)
{
    show(user, "indexing", done, total);
}

/* Files read again after the others because the synonyms changed; the rate
 * and time left count from the first of them. */
static void show_synonyms_progress(void *user, size_t done, size_t total)
{
    progress *pr = user;
    if (!pr->synonyms) {
        pr->synonyms = 1;
        clock_gettime(CLOCK_MONOTONIC, &pr->start);
        pr->shown = 0;
    }
    show(pr, "following the new synonyms", done, total);
}

int cmd_index(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"wait", no_argument, NULL, 'w'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db_opt = NULL;
    int quiet = 0, c;
    ec_index_options options = {0};
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:wqh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'w': options.wait_for_lock = 1; break;
        case 'q': quiet = 1; break;
        case 'h': return cmd_help(2, (char *[]){"help", "index", NULL});
        default: return cli_usage_error("index", "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("index", "name the playbook files or directories to index");
    char *dbdir = cli_db_dir(db_opt);
    if (!dbdir) {
        cli_error("no database directory: set --db, $EDGECASE_DB or $HOME");
        return EXIT_USAGE;
    }
    options.today = getenv("EDGECASE_TODAY");
    progress pr = {0};
    clock_gettime(CLOCK_MONOTONIC, &pr.start);
    if (!quiet && isatty(STDERR_FILENO)) {
        options.progress = show_progress;
        options.synonyms_progress = show_synonyms_progress;
        options.progress_user = &pr;
    }

    ec_index_stats stats = {0};
    ec_diags diags = EC_DIAGS_INIT;
    char *err = NULL;
    ec_status st = ec_index_run(dbdir, (const char *const *)argv + optind, (size_t)(argc - optind),
                                &options, &stats, &diags, &err);
    if (pr.shown)
        fputs("\r\033[K", stderr);
    ec_diags_sort(&diags);
    for (size_t i = 0; i < diags.n; i++) {
        char *line = ec_diag_format(&diags.items[i]);
        if (line)
            fprintf(stderr, "%s\n", line);
        free(line);
    }
    int rc = EXIT_OK;
    if (st == EC_ERR_LOCKED) {
        cli_error("another indexer is running on %s; wait for it, or run with --wait", dbdir);
        rc = EXIT_PROBLEMS;
    } else if (st != EC_OK) {
        cli_error("indexing into %s failed: %s", dbdir, err ? err : ec_status_to_string(st));
        rc = EXIT_PROBLEMS;
    } else {
        fprintf(stderr,
                "indexed %zu files into %s: %zu added, %zu updated, %zu removed, %zu unchanged, "
                "%zu failed (%zu documents, %.2f s)\n",
                stats.files, dbdir, stats.added, stats.updated, stats.removed, stats.unchanged,
                stats.failed, stats.documents, stats.seconds);
        if (stats.failed || ec_diags_count(&diags, EC_SEV_ERROR))
            rc = EXIT_PROBLEMS;
    }
    free(err);
    ec_diags_free(&diags);
    free(dbdir);
    return rc;
}
