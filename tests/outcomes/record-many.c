/* record-many: records N outcomes in DBDIR one transaction each, as agents
 * do, and prints each case reference on stdout (flushed) once the store has
 * acknowledged it. For the concurrency and kill -9 tests.
 * Usage: record-many DBDIR PREFIX N */
#include <stdio.h>
#include <stdlib.h>

#include "ec-outcomes.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: record-many DBDIR PREFIX N\n");
        return 2;
    }
    long n = atol(argv[3]);
    ec_store *s = NULL;
    char *err = NULL;
    if (ec_store_open(argv[1], &s, &err) != EC_OK) {
        fprintf(stderr, "record-many: %s\n", err ? err : "cannot open the store");
        return 1;
    }
    static const char *const paths[] = {"first", "second", "third"};
    for (long i = 1; i <= n; i++) {
        char ref[128];
        snprintf(ref, sizeof ref, "%s-%ld", argv[2], i);
        ec_outcome o = {.case_ref = ref, .playbook_id = "load.test", .path_id = paths[i % 3],
                        .result = i % 4 ? EC_RESULT_RESOLVED : EC_RESULT_ESCALATED, .fcr = -1,
                        .heard = (int)(i % 2), .trust = (int)(i % 5) + 1,
                        .handle_seconds = (double)(60 + i % 300), .agent = argv[2],
                        .channel = "voice", .note = "called about card 4111 1111 1111 1111"};
        if (ec_store_record(s, &o, &err) != EC_OK) {
            fprintf(stderr, "record-many: %s: %s\n", ref, err ? err : "failed");
            free(err);
            ec_store_close(s);
            return 1;
        }
        printf("%s\n", ref);
        fflush(stdout);
    }
    ec_store_close(s);
    return 0;
}
