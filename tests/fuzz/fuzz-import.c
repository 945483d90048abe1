/* fuzz-import.c: arbitrary bytes as one line of `edgecase outcome import`,
 * through what the import does with it: outcome_input_parse_json (the CLI's
 * reader, src/cli/outcome-input.c), then ec_store_record into a scratch
 * store, in a batch rolled back so the store stays small. The line stops at
 * a NUL, as the import's C string does.
 *
 * Whatever the bytes: either a refusal with a sentence, or a record whose
 * fields are in range, which the store stores or refuses as invalid with a
 * message; never another store error.
 *
 * fuzz-seeds: lines tests/cli/outcomes/day.jsonl
 * fuzz-dict: tests/fuzz/import.dict
 */
#define _POSIX_C_SOURCE 200809L
#include "outcome-input.c"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch-dir.h"
#include "fuzz.h"

static char dbdir[] = "/tmp/edgecase-fuzz-import.XXXXXX";
static ec_store *store;

static void close_store(void) { ec_store_close(store); }

static void open_store(void)
{
    char *err = NULL;
    fuzz_make_dir(dbdir);
    atexit(close_store); /* runs before the directory is removed */
    if (ec_store_open(dbdir, &store, &err) != EC_OK)
        fuzz_setup_failed("ec_store_open", err);
}

/* The ranges outcome_input promises for a record it accepted. */
static void check_record(const ec_outcome *o)
{
    if (!o->case_ref || o->result < EC_RESULT_RESOLVED || o->result > EC_RESULT_UNRESOLVED)
        abort();
    if (o->fcr < -1 || o->fcr > 1 || o->heard < -1 || o->heard > 1)
        abort();
    if (o->trust < 0 || o->trust > 5 || !(o->handle_seconds >= 0 || o->handle_seconds == -1))
        abort();
    if (!o->playbook_id != !o->path_id)
        abort();
    if (o->playbook_id && (!*o->playbook_id || !*o->path_id || strchr(o->playbook_id, '#') ||
                           strchr(o->path_id, '#')))
        abort();
}

FUZZ_TARGET(import)
{
    if (!store)
        open_store();
    char *line = malloc(size + 1);
    if (!line)
        return 0;
    memcpy(line, data, size);
    line[size] = '\0';
    outcome_input in;
    json_object *obj = NULL;
    outcome_input_init(&in);
    if (outcome_input_parse_json(&in, line, &obj)) {
        if (!in.msg[0])
            abort(); /* a refusal says why */
    } else {
        check_record(&in.o);
        char *err = NULL;
        if (ec_store_batch_begin(store, &err) != EC_OK)
            fuzz_setup_failed("ec_store_batch_begin", err);
        ec_status st = ec_store_record(store, &in.o, &err);
        if (st != EC_OK && (st != EC_ERR_INVALID || !err || !*err)) {
            fprintf(stderr, "fuzz-import: store said %s: %s\n", ec_status_to_string(st),
                    err ? err : "(no message)");
            abort();
        }
        free(err);
        ec_store_batch_rollback(store);
    }
    json_object_put(obj);
    outcome_input_free(&in);
    free(line);
    return 0;
}
