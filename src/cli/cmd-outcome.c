/* cmd-outcome.c: edgecase outcome record|import: case outcomes from a CRM.
 *
 * Both read the same fields through one setter (outcome-input.c). A path
 * the index does not know is recorded with a warning: outcomes may arrive
 * before the playbook is indexed, or after it is retired. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cli.h"
#include "commands.h"
#include "ec-outcomes.h"
#include "ec-search.h"
#include "outcome-input.h"

#define IMPORT_BATCH 1000 /* records a transaction when importing */
#define MAX_LINE (64 * 1024)

/* 1 when the index in the searcher S (may be NULL: no index) does not hold
 * the path of O; warns once per path by the caller. */
static int unknown_path(ec_searcher *s, const ec_outcome *o)
{
    if (!s || !o->playbook_id)
        return 0;
    json_object *doc = NULL, *paths;
    int unknown = 1;
    if (ec_searcher_document(s, o->playbook_id, &doc, NULL) == EC_OK &&
        json_object_object_get_ex(doc, "paths", &paths))
        for (size_t i = 0; i < json_object_array_length(paths); i++) {
            json_object *id, *p = json_object_array_get_idx(paths, i);
            if (json_object_object_get_ex(p, "id", &id) &&
                strcmp(json_object_get_string(id), o->path_id) == 0)
                unknown = 0;
        }
    json_object_put(doc);
    return unknown;
}

/* The store and (when there is one) the index of DB_OPT; 0 on success. */
static int open_dbs(const char *cmd, const char *db_opt, ec_store **store, ec_searcher **index)
{
    char *dbdir = cli_db_dir(db_opt), *err = NULL;
    *store = NULL;
    *index = NULL;
    if (!dbdir) {
        cli_error("%s: no database directory: set --db, $EDGECASE_DB or $HOME", cmd);
        return -1;
    }
    ec_status st = ec_store_open(dbdir, store, &err);
    if (st != EC_OK) {
        cli_error("%s: %s", cmd, err ? err : ec_status_to_string(st));
        free(err);
        free(dbdir);
        return -1;
    }
    if (index && ec_searcher_open(dbdir, index, &err) != EC_OK) {
        *index = NULL; /* no index: paths are not checked */
        free(err);
    }
    free(dbdir);
    return 0;
}

static int cmd_record(int argc, char **argv)
{
    static const struct option opts[] = {
        {"case", required_argument, NULL, 'c'},     {"path", required_argument, NULL, 'p'},
        {"result", required_argument, NULL, 'r'},   {"fcr", required_argument, NULL, 'f'},
        {"heard", required_argument, NULL, 'e'},    {"trust", required_argument, NULL, 't'},
        {"handle-time", required_argument, NULL, 'T'}, {"agent", required_argument, NULL, 'a'},
        {"channel", required_argument, NULL, 'C'},  {"note", required_argument, NULL, 'n'},
        {"closed-at", required_argument, NULL, 'w'}, {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    static const char *const names[128] = {
        ['c'] = "case",  ['p'] = "path",        ['r'] = "result", ['f'] = "fcr",
        ['e'] = "heard", ['t'] = "trust",       ['T'] = "handle_time", ['a'] = "agent",
        ['C'] = "channel", ['n'] = "note",      ['w'] = "closed_at"};
    outcome_input in;
    outcome_input_init(&in);
    const char *db_opt = NULL;
    int c, rc = EXIT_OK;
    ec_store *store = NULL;
    ec_searcher *index = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        if (c == 'd') {
            db_opt = optarg;
        } else if (c == 'h') {
            rc = cmd_help(2, (char *[]){"help", "outcome", NULL});
            goto out;
        } else if (c > 0 && c < 128 && names[c]) {
            if (outcome_input_set(&in, names[c], optarg)) {
                rc = cli_usage_error("outcome", "record: %s", in.msg);
                goto out;
            }
        } else {
            rc = cli_usage_error("outcome", "record: unknown option");
            goto out;
        }
    }
    if (optind < argc) {
        rc = cli_usage_error("outcome", "record: unexpected argument \"%s\"", argv[optind]);
        goto out;
    }
    if (outcome_input_check(&in)) {
        rc = cli_usage_error("outcome", "record: %s", in.msg);
        goto out;
    }
    if (open_dbs("outcome record", db_opt, &store, &index)) {
        rc = EXIT_PROBLEMS;
        goto out;
    }
    if (unknown_path(index, &in.o))
        fprintf(stderr, "edgecase outcome: warning: %s#%s is not in the index; recorded anyway\n",
                in.o.playbook_id, in.o.path_id);
    char *err = NULL;
    ec_status st = ec_store_record(store, &in.o, &err);
    if (st != EC_OK) {
        cli_error("outcome record: case %s: %s", in.o.case_ref, err ? err : ec_status_to_string(st));
        rc = st == EC_ERR_INVALID ? EXIT_USAGE : EXIT_PROBLEMS;
    } else {
        if (in.o.playbook_id)
            printf("recorded case %s: %s with %s#%s\n", in.o.case_ref,
                   ec_outcome_result_name(in.o.result), in.o.playbook_id, in.o.path_id);
        else
            printf("recorded case %s: %s\n", in.o.case_ref, ec_outcome_result_name(in.o.result));
    }
    free(err);
out:
    ec_searcher_close(index);
    ec_store_close(store);
    outcome_input_free(&in);
    return rc;
}

/* The lines of a batch not yet committed, for the message when it fails. */
typedef struct import_state {
    const char *name;
    ec_store *store;
    ec_searcher *index;
    long first_pending, last_pending, pending, stored, bad;
} import_state;

static int commit_pending(import_state *im)
{
    char *err = NULL;
    if (!im->pending)
        return 0;
    ec_status st = ec_store_batch_commit(im->store, &err);
    if (st != EC_OK) {
        cli_error("%s: lines %ld-%ld were not stored: %s", im->name, im->first_pending,
                  im->last_pending, err ? err : ec_status_to_string(st));
        free(err);
        return -1;
    }
    im->stored += im->pending;
    im->pending = 0;
    return 0;
}

/* Stores the line LINENO; returns -1 only when the store failed (stop). */
static int import_line(import_state *im, long lineno, const char *text)
{
    outcome_input in;
    json_object *obj = NULL;
    char *err = NULL;
    int rc = 0;
    outcome_input_init(&in);
    if (outcome_input_parse_json(&in, text, &obj)) {
        fprintf(stderr, "%s:%ld: %s\n", im->name, lineno, in.msg);
        im->bad++;
        goto out;
    }
    if (!im->pending) {
        ec_status st = ec_store_batch_begin(im->store, &err);
        if (st != EC_OK) {
            cli_error("%s:%ld: %s", im->name, lineno, err ? err : ec_status_to_string(st));
            rc = -1;
            goto out;
        }
        im->first_pending = lineno;
    }
    if (unknown_path(im->index, &in.o))
        fprintf(stderr, "%s:%ld: warning: %s#%s is not in the index; recorded anyway\n", im->name,
                lineno, in.o.playbook_id, in.o.path_id);
    ec_status st = ec_store_record(im->store, &in.o, &err);
    if (st == EC_ERR_INVALID) {
        fprintf(stderr, "%s:%ld: %s\n", im->name, lineno, err);
        im->bad++;
    } else if (st != EC_OK) {
        cli_error("%s:%ld: %s", im->name, lineno, err ? err : ec_status_to_string(st));
        if (im->pending)
            cli_error("%s: lines %ld-%ld were not stored", im->name, im->first_pending, lineno);
        ec_store_batch_rollback(im->store);
        im->pending = 0;
        rc = -1;
    } else {
        im->pending++;
        im->last_pending = lineno;
        if (im->pending == IMPORT_BATCH)
            rc = commit_pending(im);
    }
    if (!im->pending)
        ec_store_batch_rollback(im->store); /* a batch that stored nothing */
out:
    free(err);
    json_object_put(obj);
    outcome_input_free(&in);
    return rc;
}

static int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db_opt = NULL;
    int c, rc = EXIT_OK;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:h", opts, NULL)) != -1) {
        if (c == 'd')
            db_opt = optarg;
        else if (c == 'h')
            return cmd_help(2, (char *[]){"help", "outcome", NULL});
        else
            return cli_usage_error("outcome", "import: unknown option");
    }
    if (optind + 1 != argc)
        return cli_usage_error("outcome", "import takes one FILE of JSON Lines ('-': standard input)");
    const char *name = argv[optind];
    int from_stdin = strcmp(name, "-") == 0;
    FILE *f = from_stdin ? stdin : fopen(name, "r");
    if (!f) {
        cli_error("cannot read %s: %s", name, strerror(errno));
        return EXIT_PROBLEMS;
    }
    import_state im = {.name = from_stdin ? "stdin" : name};
    if (open_dbs("outcome import", db_opt, &im.store, &im.index)) {
        rc = EXIT_PROBLEMS;
        goto out;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    int failed = 0;
    while (!failed && (len = getline(&line, &cap, f)) != -1) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (strspn(line, " \t") == (size_t)len)
            continue;
        if (len > MAX_LINE) {
            fprintf(stderr, "%s:%ld: line longer than %d bytes\n", im.name, lineno, MAX_LINE);
            im.bad++;
            continue;
        }
        failed = import_line(&im, lineno, line) != 0;
    }
    free(line);
    if (!failed && ferror(f)) {
        cli_error("reading %s: %s", im.name, strerror(errno));
        failed = 1;
    }
    if (failed)
        ec_store_batch_rollback(im.store);
    else
        failed = commit_pending(&im) != 0;
    fprintf(stderr, "imported %ld outcome%s from %s; %ld bad line%s\n", im.stored,
            im.stored == 1 ? "" : "s", im.name, im.bad, im.bad == 1 ? "" : "s");
    rc = failed || im.bad ? EXIT_PROBLEMS : EXIT_OK;
out:
    ec_searcher_close(im.index);
    ec_store_close(im.store);
    if (!from_stdin)
        fclose(f);
    return rc;
}

int cmd_outcome(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "record") == 0)
        return cmd_record(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return cmd_import(argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return cmd_help(2, (char *[]){"help", "outcome", NULL});
    return cli_usage_error("outcome", "say record or import");
}
