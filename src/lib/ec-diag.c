#define _POSIX_C_SOURCE 200809L
#include "ec-diag.h"
#include "ec-util.h"

#include <stdlib.h>
#include <string.h>

void ec_diags_vadd(ec_diags *d, ec_severity sev, const char *file, long line,
                   const char *fmt, va_list ap)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        ec_diag *p = realloc(d->items, cap * sizeof *p);
        if (!p)
            return;
        d->items = p;
        d->cap = cap;
    }
    ec_buf msg = EC_BUF_INIT;
    ec_buf_vprintf(&msg, fmt, ap);
    char *m = ec_buf_steal(&msg);
    char *f = strdup(file ? file : "-");
    if (!m || !f) {
        free(m);
        free(f);
        return;
    }
    d->items[d->n++] = (ec_diag){f, line, sev, m};
}

void ec_diags_add(ec_diags *d, ec_severity sev, const char *file, long line,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ec_diags_vadd(d, sev, file, line, fmt, ap);
    va_end(ap);
}

void ec_diags_move(ec_diags *dst, ec_diags *src)
{
    for (size_t i = 0; i < src->n; i++) {
        if (dst->n == dst->cap) {
            size_t cap = dst->cap ? dst->cap * 2 : 8;
            ec_diag *p = realloc(dst->items, cap * sizeof *p);
            if (!p) {
                free(src->items[i].file);
                free(src->items[i].message);
                continue;
            }
            dst->items = p;
            dst->cap = cap;
        }
        dst->items[dst->n++] = src->items[i];
    }
    free(src->items);
    src->items = NULL;
    src->n = src->cap = 0;
}

size_t ec_diags_count(const ec_diags *d, ec_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].severity == sev;
    return n;
}

static int diag_cmp(const ec_diag *a, const ec_diag *b)
{
    int c = strcmp(a->file, b->file);
    if (c)
        return c;
    return (a->line > b->line) - (a->line < b->line);
}

void ec_diags_sort(ec_diags *d)
{
    /* Insertion sort: stable, and lists are short. */
    for (size_t i = 1; i < d->n; i++) {
        ec_diag key = d->items[i];
        size_t j = i;
        while (j > 0 && diag_cmp(&d->items[j - 1], &key) > 0) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = key;
    }
}

char *ec_diag_format(const ec_diag *diag)
{
    const char *w = diag->severity == EC_SEV_WARNING ? "warning: " : "";
    if (diag->line > 0)
        return ec_strdup_printf("%s:%ld: %s%s", diag->file, diag->line, w, diag->message);
    return ec_strdup_printf("%s: %s%s", diag->file, w, diag->message);
}

void ec_diags_free(ec_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    d->items = NULL;
    d->n = d->cap = 0;
}
