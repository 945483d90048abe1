/* replay.c: runs every fuzz target on its saved inputs, without libFuzzer.
 *
 * Built by make check with the project's own compiler and flags (so under
 * ASan/UBSan in the sanitizer build, and under valgrind by check-valgrind),
 * linked with every tests/fuzz/fuzz-*.c listed in FUZZ_TARGETS; each target
 * registers itself (fuzz.h).
 *   replay DIR...                  every file under DIR/NAME/ to target NAME,
 *                                  for each target (the regression inputs)
 *   replay --target NAME PATH...   every file under each PATH to target NAME
 *                                  (a seed corpus, or one crash file)
 * A crash is the failure; the line before it names the input. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ec-util.h"
#include "fuzz.h"

#define MAX_TARGETS 32

typedef struct target {
    const char *name;
    fuzz_fn fn;
} target;

static target targets[MAX_TARGETS];
static size_t n_targets;
static int tap_count;

void fuzz_register(const char *name, fuzz_fn fn)
{
    if (n_targets < MAX_TARGETS)
        targets[n_targets++] = (target){name, fn};
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feeds every regular file under DIR (sorted, recursively) to FN. */
static void replay_file(const char *target, fuzz_fn fn, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    int e = ec_read_file(path, (size_t)64 << 20, &buf, &len);
    if (e) {
        fprintf(stderr, "replay: cannot read %s: %s\n", path, strerror(e));
        exit(99);
    }
    /* Flushed first: if the target crashes, the log names the input. */
    printf("# %s < %s\n", target, path);
    fflush(stdout);
    fn((const unsigned char *)buf, len);
    printf("ok %d - %s: %s\n", ++tap_count, target, path);
    free(buf);
}

static void replay_dir(const char *target, fuzz_fn fn, const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        replay_file(target, fn, dir);
        return;
    }
    DIR *d = opendir(dir);
    if (!d)
        return; /* a target with no saved inputs yet */
    ec_strv names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            ec_strv_push(&names, e->d_name);
    closedir(d);
    if (names.n)
        qsort(names.items, names.n, sizeof names.items[0], cmp_names);
    for (size_t i = 0; i < names.n; i++) {
        char *path = ec_strdup_printf("%s/%s", dir, names.items[i]);
        struct stat st;
        if (path && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            replay_dir(target, fn, path);
        } else if (path) {
            replay_file(target, fn, path);
        }
        free(path);
    }
    ec_strv_free(&names);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--target") == 0) {
        size_t t = 0;
        while (t < n_targets && strcmp(targets[t].name, argv[2]) != 0)
            t++;
        if (t == n_targets) {
            fprintf(stderr, "replay: no fuzz target \"%s\" is linked in\n", argv[2]);
            return 2;
        }
        for (int a = 3; a < argc; a++)
            replay_dir(targets[t].name, targets[t].fn, argv[a]);
        printf("1..%d\n", tap_count);
        return 0;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: replay DIR... | replay --target NAME PATH...\n");
        return 2;
    }
    for (size_t t = 0; t < n_targets; t++) {
        for (int a = 1; a < argc; a++) {
            char *dir = ec_strdup_printf("%s/%s", argv[a], targets[t].name);
            if (dir)
                replay_dir(targets[t].name, targets[t].fn, dir);
            free(dir);
        }
    }
    printf("1..%d\n", tap_count);
    return 0;
}
