/* cmd-outcome.c: edgecase outcome record|import: case outcomes from a CRM.
 *
 * Both take the same fields, named alike (--handle-time is "handle_time" in
 * JSON), and go through one setter, so a CRM gets the same answer whether it
 * calls record once a case or imports a day's file. A path the index does
 * not know is recorded with a warning: outcomes may arrive before the
 * playbook is indexed, or after it is retired. */
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

#define IMPORT_BATCH 1000 /* records a transaction when importing */
#define MAX_LINE (64 * 1024)

/* One outcome being read, and the memory its strings live in. */
typedef struct outcome_input {
    ec_outcome o;
    char *path_buf; /* "ID\0PATH": o.playbook_id and o.path_id point into it */
    char msg[256];  /* the last error */
} outcome_input;

static void input_init(outcome_input *in)
{
    memset(in, 0, sizeof *in);
    in->o.fcr = in->o.heard = -1;
    in->o.handle_seconds = -1;
}

static void input_free(outcome_input *in) { free(in->path_buf); }

static const char *const field_names =
    "case, path, result, fcr, heard, trust, handle_time, agent, channel, note, closed_at";

static int yes_no(const char *v, int *out)
{
    if (strcmp(v, "yes") == 0)
        *out = 1;
    else if (strcmp(v, "no") == 0)
        *out = 0;
    else
        return -1;
    return 0;
}

/* Sets field NAME of IN to VALUE (borrowed: it must outlive the record).
 * Returns 0, or -1 with IN->msg saying what is wrong. */
static int set_field(outcome_input *in, const char *name, const char *value)
{
    ec_outcome *o = &in->o;
    char *end;
    if (strcmp(name, "case") == 0) {
        o->case_ref = value;
    } else if (strcmp(name, "path") == 0) {
        const char *hash = strchr(value, '#');
        if (!hash || hash == value || !hash[1] || strchr(hash + 1, '#')) {
            snprintf(in->msg, sizeof in->msg, "path: \"%.80s\" is not PLAYBOOK-ID#PATH-ID", value);
            return -1;
        }
        free(in->path_buf);
        if (!(in->path_buf = strdup(value))) {
            snprintf(in->msg, sizeof in->msg, "out of memory");
            return -1;
        }
        in->path_buf[hash - value] = '\0';
        o->playbook_id = in->path_buf;
        o->path_id = in->path_buf + (hash - value) + 1;
    } else if (strcmp(name, "result") == 0) {
        if ((o->result = ec_outcome_result_parse(value)) == EC_RESULT_NONE) {
            snprintf(in->msg, sizeof in->msg,
                     "result: \"%.40s\" is not resolved, escalated or unresolved", value);
            return -1;
        }
    } else if (strcmp(name, "fcr") == 0 || strcmp(name, "heard") == 0) {
        if (yes_no(value, name[0] == 'f' ? &o->fcr : &o->heard)) {
            snprintf(in->msg, sizeof in->msg, "%s: \"%.40s\" is not yes or no", name, value);
            return -1;
        }
    } else if (strcmp(name, "trust") == 0) {
        long t = strtol(value, &end, 10);
        if (!*value || *end || t < 1 || t > 5) {
            snprintf(in->msg, sizeof in->msg, "trust: \"%.40s\" is not a number from 1 to 5", value);
            return -1;
        }
        o->trust = (int)t;
    } else if (strcmp(name, "handle_time") == 0) {
        errno = 0;
        double h = strtod(value, &end);
        if (!*value || *end || errno || !(h >= 0)) {
            snprintf(in->msg, sizeof in->msg, "handle time: \"%.40s\" is not a number of seconds",
                     value);
            return -1;
        }
        o->handle_seconds = h;
    } else if (strcmp(name, "agent") == 0) {
        o->agent = value;
    } else if (strcmp(name, "channel") == 0) {
        o->channel = value;
    } else if (strcmp(name, "note") == 0) {
        o->note = value;
    } else if (strcmp(name, "closed_at") == 0) {
        if (ec_outcome_time_parse(value, &o->closed_at)) {
            snprintf(in->msg, sizeof in->msg,
                     "closed at: \"%.40s\" is not YYYY-MM-DD[THH:MM[:SS][Z]] (UTC) or Unix seconds",
                     value);
            return -1;
        }
    } else {
        snprintf(in->msg, sizeof in->msg, "unknown field \"%.40s\"; fields are %s", name,
                 field_names);
        return -1;
    }
    return 0;
}

/* What a record lacks before the store is asked, in the CLI's words. */
static int check_required(outcome_input *in)
{
    if (!in->o.case_ref) {
        snprintf(in->msg, sizeof in->msg, "case: a case reference is required");
        return -1;
    }
    if (in->o.result == EC_RESULT_NONE) {
        snprintf(in->msg, sizeof in->msg, "result: required (resolved, escalated or unresolved)");
        return -1;
    }
    return 0;
}

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
    input_init(&in);
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
            if (set_field(&in, names[c], optarg)) {
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
    if (check_required(&in)) {
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
    input_free(&in);
    return rc;
}

/* Fills IN from the JSON object line TEXT. Returns 0, or -1 with IN->msg.
 * *OBJ (put by the caller) owns the strings IN borrows. */
static int parse_line(const char *text, outcome_input *in, json_object **obj)
{
    enum json_tokener_error jerr = json_tokener_success;
    *obj = json_tokener_parse_verbose(text, &jerr);
    if (!*obj) {
        snprintf(in->msg, sizeof in->msg, "not JSON: %s", json_tokener_error_desc(jerr));
        return -1;
    }
    if (!json_object_is_type(*obj, json_type_object)) {
        snprintf(in->msg, sizeof in->msg, "expected a JSON object of the fields %s", field_names);
        return -1;
    }
    json_object_object_foreach(*obj, key, val)
    {
        const char *v;
        switch (json_object_get_type(val)) {
        case json_type_null:
            continue;
        case json_type_boolean:
            v = json_object_get_boolean(val) ? "yes" : "no";
            break;
        case json_type_string:
        case json_type_int:
        case json_type_double:
            v = json_object_get_string(val); /* numbers as json-c prints them */
            break;
        default:
            snprintf(in->msg, sizeof in->msg, "%.40s: expected a string, number or boolean", key);
            return -1;
        }
        if (set_field(in, key, v))
            return -1;
    }
    return check_required(in);
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
    input_init(&in);
    if (parse_line(text, &in, &obj)) {
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
    input_free(&in);
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
