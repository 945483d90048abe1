/* ec-walk.c: expanding command-line paths into the .xml files under them. */
#define _POSIX_C_SOURCE 200809L
#include "ec-walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The directories being walked, outermost first: entering one of them again
 * would be a symbolic-link loop. */
typedef struct dir_stack {
    dev_t dev[64];
    ino_t ino[64];
    size_t n;
} dir_stack;

typedef struct walk {
    ec_strv *files;
    ec_diags *diags;
    int problems;
    int oom;
    dir_stack stack;
} walk;

static int ends_with_xml(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_path(walk *w, const char *path, int named);

static void walk_dir(walk *w, const char *path, const struct stat *st)
{
    ec_strv names = {0};
    DIR *d = NULL;
    for (size_t i = 0; i < w->stack.n; i++)
        if (w->stack.dev[i] == st->st_dev && w->stack.ino[i] == st->st_ino)
            return; /* a link back to a directory we are inside */
    if (w->stack.n == sizeof w->stack.dev / sizeof w->stack.dev[0]) {
        ec_diags_add(w->diags, EC_SEV_ERROR, path, 0,
                     "directories are nested more than 64 deep; not walked further");
        w->problems = 1;
        return;
    }
    d = opendir(path);
    if (!d) {
        ec_diags_add(w->diags, EC_SEV_ERROR, path, 0, "cannot read directory: %s", strerror(errno));
        w->problems = 1;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (ec_strv_push(&names, e->d_name) < 0) {
            w->oom = 1;
            goto out;
        }
    }
    if (names.n)
        qsort(names.items, names.n, sizeof names.items[0], cmp_names);
    w->stack.dev[w->stack.n] = st->st_dev;
    w->stack.ino[w->stack.n] = st->st_ino;
    w->stack.n++;
    size_t plen = strlen(path);
    int slash = plen > 0 && path[plen - 1] == '/';
    for (size_t i = 0; i < names.n && !w->oom; i++) {
        char *child = ec_strdup_printf("%s%s%s", path, slash ? "" : "/", names.items[i]);
        if (!child) {
            w->oom = 1;
            break;
        }
        walk_path(w, child, 0);
        free(child);
    }
    w->stack.n--;
out:
    closedir(d);
    ec_strv_free(&names);
}

/* NAMED: the user gave this path, so it is read whatever its name, and its
 * absence is a problem. */
static void walk_path(walk *w, const char *path, int named)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        if (named || ends_with_xml(path)) {
            ec_diags_add(w->diags, EC_SEV_ERROR, path, 0, "cannot read: %s", strerror(errno));
            w->problems = 1;
        }
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        size_t before = w->files->n;
        int problems = w->problems;
        walk_dir(w, path, &st);
        /* A named directory that yields nothing is most likely the wrong one
         * (or a directory someone called x.xml): say so rather than report
         * "0 files" as a success. */
        if (named && w->files->n == before && w->problems == problems && !w->oom)
            ec_diags_add(w->diags, EC_SEV_WARNING, path, 0,
                         "is a directory with no .xml files in it; name the directory that holds the playbooks");
    } else if (named || (S_ISREG(st.st_mode) && ends_with_xml(path))) {
        if (ec_strv_push(w->files, path) < 0)
            w->oom = 1;
    }
}

ec_status ec_walk(const char *const *paths, size_t n, ec_strv *files, ec_diags *diags)
{
    walk w = {files, diags, 0, 0, {{0}, {0}, 0}};
    for (size_t i = 0; i < n && !w.oom; i++)
        walk_path(&w, paths[i], 1);
    if (w.oom)
        return EC_ERR_NOMEM;
    return w.problems ? EC_ERR_IO : EC_OK;
}
