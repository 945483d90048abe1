/* ec-lint.c: the rules of a tree of files, and lint from paths to problems. */
#define _POSIX_C_SOURCE 200809L
#include "ec-lint.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ec-load.h"
#include "ec-walk.h"

void ec_lint_today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
        strcpy(out, "1970-01-01");
}

void ec_lint_document(const ec_document *doc, const char *today, ec_diags *diags)
{
    char clock[11];
    const ec_meta *m = ec_document_meta(doc);
    if (!m || !m->review_by || !ec_valid_iso_date(m->review_by))
        return;
    if (!today) {
        ec_lint_today(clock);
        today = clock;
    }
    if (strcmp(m->review_by, today) < 0)
        ec_diags_add(diags, EC_SEV_WARNING, doc->file, m->review_by_line,
                     "<review-by> %s has passed; review this %s and set a new date", m->review_by,
                     doc->kind == EC_DOC_PLAYBOOK ? "playbook" : "article");
}

/* One id of the tree and where it is defined. */
typedef struct id_entry {
    const char *id;
    const ec_document *doc;
    size_t order; /* position among the documents: the first wins */
} id_entry;

static int cmp_entry(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return (x->order > y->order) - (x->order < y->order);
}

static const id_entry *find_id(const id_entry *ids, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ids[mid].id, id);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(ids[lo].id, id) == 0 ? &ids[lo] : NULL;
}

ec_status ec_lint_documents(const ec_document *const *docs, size_t n, const char *today,
                            ec_diags *diags)
{
    char clock[11];
    size_t before = ec_diags_count(diags, EC_SEV_ERROR);
    id_entry *ids = malloc((n ? n : 1) * sizeof *ids);
    size_t n_ids = 0;
    if (!ids)
        return EC_ERR_NOMEM;
    if (!today) {
        ec_lint_today(clock);
        today = clock;
    }
    for (size_t i = 0; i < n; i++) {
        const ec_meta *m = ec_document_meta(docs[i]);
        if (m && m->id)
            ids[n_ids++] = (id_entry){m->id, docs[i], i};
    }
    /* Sorting keeps the lookup fast for a hundred thousand files; equal ids
     * stay in file order, so the first file is the one named as the owner. */
    qsort(ids, n_ids, sizeof *ids, cmp_entry);
    for (size_t i = 1; i < n_ids; i++) {
        if (strcmp(ids[i].id, ids[i - 1].id) != 0)
            continue;
        size_t first = i - 1;
        while (first > 0 && strcmp(ids[first - 1].id, ids[i].id) == 0)
            first--;
        const ec_meta *a = ec_document_meta(ids[first].doc), *b = ec_document_meta(ids[i].doc);
        ec_diags_add(diags, EC_SEV_ERROR, ids[i].doc->file, b->line,
                     "id \"%s\" is already used by %s:%ld; give each playbook and article its own id",
                     ids[i].id, ids[first].doc->file, a->line);
    }
    for (size_t i = 0; i < n; i++) {
        const ec_meta *m = ec_document_meta(docs[i]);
        if (!m)
            continue;
        for (size_t r = 0; r < m->n_related; r++)
            if (!find_id(ids, n_ids, m->related[r].ref))
                ec_diags_add(diags, EC_SEV_ERROR, docs[i]->file, m->related[r].line,
                             "<related ref=\"%s\"> names no playbook or article in the checked files; fix the id or remove the reference",
                             m->related[r].ref);
        ec_lint_document(docs[i], today, diags);
    }
    free(ids);
    return ec_diags_count(diags, EC_SEV_ERROR) > before ? EC_ERR_INVALID : EC_OK;
}

ec_status ec_lint_paths(const char *const *paths, size_t n, const char *today, ec_diags *diags,
                        size_t *n_files, char **err)
{
    ec_strv files = {0};
    ec_loader *loader = NULL;
    ec_document **docs = NULL;
    size_t n_docs = 0;
    int failed = 0;
    ec_status st;
    if (n_files)
        *n_files = 0;
    if (err)
        *err = NULL;
    st = ec_walk(paths, n, &files, diags);
    if (st == EC_ERR_NOMEM)
        goto out;
    failed = st != EC_OK;
    st = ec_loader_new(&loader, err);
    if (st != EC_OK)
        goto out;
    docs = calloc(files.n ? files.n : 1, sizeof *docs);
    if (!docs) {
        st = EC_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < files.n; i++) {
        ec_document *doc = NULL;
        ec_status ls = ec_load_file(loader, files.items[i], &doc, diags);
        if (ls == EC_ERR_NOMEM) {
            st = ls;
            goto out;
        }
        if (ls != EC_OK)
            failed = 1;
        else
            docs[n_docs++] = doc;
    }
    if (n_files)
        *n_files = files.n;
    st = ec_lint_documents((const ec_document *const *)docs, n_docs, today, diags);
    if (st == EC_OK && failed)
        st = EC_ERR_INVALID;
out:
    if (st == EC_ERR_NOMEM && err && !*err)
        *err = ec_strdup(ec_status_to_string(st));
    for (size_t i = 0; i < n_docs; i++)
        ec_document_free(docs[i]);
    free(docs);
    ec_loader_free(loader);
    ec_strv_free(&files);
    return st;
}
