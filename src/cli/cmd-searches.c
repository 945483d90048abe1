/* cmd-searches.c: edgecase searches import: load a search log kept elsewhere
 * (TSV QUERY[<TAB>TIME]) into the store, as unmet demand for edgecase
 * patterns. Queries are redacted by the store; every good line is kept, every
 * bad one reported as FILE:LINE: message. One transaction for the whole file. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "ec-outcomes.h"

/* Imports the lines of IN (named NAME in messages) into STORE; counts into
 * *GOOD and *BAD. Returns EXIT_PROBLEMS when the store fails. */
static int import_lines(ec_store *store, FILE *in, const char *name, long *good, long *bad)
{
    char *line = NULL, *err = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    int rc = EXIT_OK;
    time_t now = time(NULL);
    while ((len = getline(&line, &cap, in)) != -1) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue; /* a blank line is not a search */
        if ((size_t)len != strlen(line)) {
            fprintf(stderr, "%s:%ld: a NUL byte in the line; remove it\n", name, lineno);
            ++*bad;
            continue;
        }
        char *tab = strchr(line, '\t'), *time_s = NULL;
        if (tab) {
            *tab = '\0';
            time_s = tab + 1;
            if (strchr(time_s, '\t')) {
                fprintf(stderr, "%s:%ld: more than two columns; write QUERY<TAB>TIME\n", name, lineno);
                ++*bad;
                continue;
            }
        }
        if (strspn(line, " ") == strlen(line)) {
            fprintf(stderr, "%s:%ld: empty query\n", name, lineno);
            ++*bad;
            continue;
        }
        ec_search_entry e = {.query = line, .at = now};
        if (time_s && *time_s && ec_outcome_time_parse(time_s, &e.at) != 0) {
            fprintf(stderr, "%s:%ld: \"%s\" is not a time; write YYYY-MM-DD, "
                            "YYYY-MM-DDTHH:MM:SSZ or Unix seconds\n", name, lineno, time_s);
            ++*bad;
            continue;
        }
        ec_status s = ec_store_log_search(store, &e, NULL, &err);
        if (s == EC_ERR_INVALID) {
            fprintf(stderr, "%s:%ld: %s\n", name, lineno, err ? err : "invalid search");
            ++*bad;
        } else if (s != EC_OK) {
            cli_error("searches import: %s:%ld: %s", name, lineno, err ? err : ec_status_to_string(s));
            rc = EXIT_PROBLEMS;
            break;
        } else {
            ++*good;
        }
        free(err);
        err = NULL;
    }
    if (rc == EXIT_OK && ferror(in)) {
        cli_error("searches import: reading %s: %s", name, strerror(errno));
        rc = EXIT_PROBLEMS;
    }
    free(err);
    free(line);
    return rc;
}

static int searches_import(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db_opt = NULL;
    int c, rc = EXIT_OK;
    long good = 0, bad = 0;
    ec_store *store = NULL;
    FILE *in = NULL;
    char *dbdir = NULL, *err = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'h': return cmd_help(2, (char *[]){"help", "searches", NULL});
        default: return cli_usage_error("searches", "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("searches", "import takes one FILE (or - for standard input)");
    const char *name = argv[optind];
    if (!(dbdir = cli_db_dir(db_opt))) {
        cli_error("searches import: no database directory: set --db, $EDGECASE_DB or $HOME");
        return EXIT_USAGE;
    }
    if (strcmp(name, "-") == 0) {
        in = stdin;
        name = "(stdin)";
    } else if (!(in = fopen(name, "r"))) {
        cli_error("searches import: cannot open %s: %s", name, strerror(errno));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    ec_status s = ec_store_open(dbdir, &store, &err);
    if (s == EC_OK) {
        free(err);
        err = NULL;
        s = ec_store_batch_begin(store, &err);
    }
    if (s != EC_OK) {
        cli_error("searches import: %s", err ? err : ec_status_to_string(s));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    if ((rc = import_lines(store, in, name, &good, &bad)) != EXIT_OK) {
        ec_store_batch_rollback(store);
        goto out;
    }
    free(err);
    err = NULL;
    if ((s = ec_store_batch_commit(store, &err)) != EC_OK) {
        cli_error("searches import: nothing imported: %s", err ? err : ec_status_to_string(s));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    fprintf(stderr, "edgecase searches import: %ld searches imported into %s", good,
            ec_store_file(store));
    if (bad)
        fprintf(stderr, "; %ld bad lines skipped (above)", bad);
    fputc('\n', stderr);
    rc = bad ? EXIT_PROBLEMS : EXIT_OK;
out:
    if (in && in != stdin)
        fclose(in);
    ec_store_close(store);
    free(err);
    free(dbdir);
    return rc;
}

int cmd_searches(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return searches_import(argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return cmd_help(2, (char *[]){"help", "searches", NULL});
    if (argc < 2)
        return cli_usage_error("searches", "missing action: import");
    return cli_usage_error("searches", "unknown action \"%s\"; the action is import", argv[1]);
}
