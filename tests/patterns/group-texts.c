/* group-texts: groups the lines of a file with ec_patterns_group and prints the
 * groups as JSON, for tests/patterns/banking77-nmi to measure.
 *
 * Usage: group-texts [-k NEIGHBOURS] [-r RESOLUTION] [-m MIN_GROUP]
 *                    [-p PAIR_WEIGHT] [-d IDF_DAMPING] FILE
 * (the ec_patterns_options fields; unset: the engine's defaults)
 * Each line of FILE is one text; from a TSV line only the first column is read
 * (Banking77's second column, the label, is never seen). Prints
 * {"texts": N, "seconds": S, "groups": [{"label", "size", "cohesion",
 * "phrases", "members": [line indexes, 0-based]}], "ungrouped": [...]}. */
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ec-patterns.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static json_object *indexes(const size_t *v, size_t n)
{
    json_object *a = json_object_new_array();
    for (size_t i = 0; i < n; i++)
        json_object_array_add(a, json_object_new_int64((int64_t)v[i]));
    return a;
}

int main(int argc, char **argv)
{
    ec_patterns_options o = {0};
    int c;
    while ((c = getopt(argc, argv, "k:r:m:p:d:")) != -1) {
        switch (c) {
        case 'k': o.neighbours = (unsigned)atoi(optarg); break;
        case 'r': o.resolution = atof(optarg); break;
        case 'm': o.min_group = (unsigned)atoi(optarg); break;
        case 'd': o.idf_damping = atof(optarg); break;
        case 'p': o.pair_weight = atof(optarg); break;
        default: goto usage;
        }
    }
    if (optind != argc - 1) {
    usage:
        fprintf(stderr, "usage: group-texts [-k N] [-r RES] [-m MIN] [-p W] [-d D] FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[optind], "r");
    if (!f) {
        perror(argv[optind]);
        return 1;
    }
    ec_pattern_search *s = NULL;
    size_t n = 0, cap = 0, lcap = 0;
    char *line = NULL;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) >= 0) {
        line[strcspn(line, "\t\r\n")] = '\0';
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            s = realloc(s, cap * sizeof *s);
            if (!s) {
                fprintf(stderr, "group-texts: out of memory\n");
                return 1;
            }
        }
        s[n].text = strdup(line);
        s[n].at = 0;
        n++;
    }
    free(line);
    fclose(f);

    double t0 = now();
    ec_patterns *p = NULL;
    char *err = NULL;
    ec_status rc = ec_patterns_group(s, n, &o, &p, &err);
    double t1 = now();
    if (rc != EC_OK) {
        fprintf(stderr, "group-texts: %s\n", err ? err : ec_status_to_string(rc));
        return 1;
    }
    json_object *root = json_object_new_object();
    json_object_object_add(root, "texts", json_object_new_int64((int64_t)n));
    json_object_object_add(root, "seconds", json_object_new_double(t1 - t0));
    json_object *groups = json_object_new_array();
    for (size_t g = 0; g < p->n_groups; g++) {
        const ec_pattern_group *pg = &p->groups[g];
        json_object *o2 = json_object_new_object();
        json_object_object_add(o2, "label", json_object_new_string(pg->label));
        json_object_object_add(o2, "size", json_object_new_int64((int64_t)pg->n_members));
        json_object_object_add(o2, "cohesion", json_object_new_double(pg->cohesion));
        json_object *ph = json_object_new_array();
        for (size_t i = 0; i < pg->phrases.n; i++)
            json_object_array_add(ph, json_object_new_string(pg->phrases.items[i]));
        json_object_object_add(o2, "phrases", ph);
        json_object_object_add(o2, "members", indexes(pg->members, pg->n_members));
        json_object_array_add(groups, o2);
    }
    json_object_object_add(root, "groups", groups);
    json_object_object_add(root, "ungrouped", indexes(p->ungrouped, p->n_ungrouped));
    puts(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN));
    json_object_put(root);
    ec_patterns_free(p);
    for (size_t i = 0; i < n; i++)
        free((char *)s[i].text);
    free(s);
    return 0;
}
