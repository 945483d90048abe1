/* fuzz-search.c: arbitrary bytes as what an agent types, through the query
 * path (ec_search_run, then the JSON printer's ec_results_to_json) over a
 * small index built from the shipped playbooks/ when the target starts.
 *
 * A first byte below 0x20 is a set of flags, so plain text seeds are plain
 * queries: 1 no spelling correction, 2 every status and facets, 4 the text
 * up to the first newline is a FIELD=VALUE filter, 8 a second page, 16
 * "more like this" on the first result. The query stops at a NUL, as a
 * command line does.
 *
 * fuzz-seeds: lines tests/relevance/queries.tsv
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ec-index.h"
#include "ec-search.h"
#include "scratch-dir.h"
#include "fuzz.h"

static char dbdir[] = "/tmp/edgecase-fuzz-search.XXXXXX";

static ec_searcher *open_fixture(void)
{
    char *err = NULL;
    fuzz_make_dir(dbdir);
    const char *src = getenv("EC_FUZZ_SRCDIR");
    char *playbooks = ec_strdup_printf("%s/playbooks", src && *src ? src : EC_FUZZ_SRCDIR);
    const char *paths[] = {playbooks};
    ec_index_options opt = {0};
    opt.today = "2026-06-01";
    ec_index_stats stats;
    ec_diags diags = EC_DIAGS_INIT;
    ec_status st = ec_index_run(dbdir, paths, 1, &opt, &stats, &diags, &err);
    if (st != EC_OK || stats.documents == 0)
        fuzz_setup_failed(playbooks, err ? err : "no documents indexed (is EC_FUZZ_SRCDIR right?)");
    ec_diags_free(&diags);
    free(playbooks);
    ec_searcher *s = NULL;
    if (ec_searcher_open(dbdir, &s, &err) != EC_OK)
        fuzz_setup_failed("ec_searcher_open", err);
    return s;
}

static void check_results(const ec_results *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (!r->items[i].id || !r->items[i].kind || r->items[i].score < 0 ||
            r->items[i].score > 1.0 + 1e-9)
            abort();
    json_object *j = ec_results_to_json(r);
    if (!j || !json_object_to_json_string(j))
        abort();
    json_object_put(j);
}

FUZZ_TARGET(search)
{
    static ec_searcher *s;
    if (!s)
        s = open_fixture();
    unsigned flags = 0;
    if (size && data[0] < 0x20) {
        flags = data[0];
        data++;
        size--;
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    ec_filter filter = {NULL, NULL};
    ec_search_request req = {0};
    req.query = text;
    if (flags & 4) {
        char *nl = strchr(text, '\n');
        char *eq = strchr(text, '=');
        if (nl && eq && eq < nl) {
            *nl = *eq = '\0';
            filter.field = text;
            filter.value = eq + 1;
            req.query = nl + 1;
            /* The CLI refuses unknown fields before searching. */
            if (ec_search_filter_field_valid(filter.field))
                req.filters = &filter, req.n_filters = 1;
        }
    }
    req.no_correction = flags & 1;
    req.status = (flags & 2) ? "any" : NULL;
    req.limit = 10;
    req.offset = (flags & 8) ? 10 : 0;
    req.facets = (flags & 2) != 0;

    ec_results *r = NULL;
    char *err = NULL;
    ec_status st = ec_search_run(s, &req, &r, &err);
    /* Nothing an agent types is an error of the engine's: at worst a
     * query the parser refuses, with a message (stray quotes are read as
     * words, so even that should be rare). */
    if (st != EC_OK && !((st == EC_ERR_PARSE || st == EC_ERR_USAGE) && err && *err))
        abort();
    if (st == EC_OK) {
        check_results(r);
        for (size_t i = 0; i < r->n; i++)
            (void)ec_find_trigger(req.query, &r->items[i].triggers);
        if ((flags & 16) && r->n) {
            ec_results *sim = NULL;
            char *serr = NULL;
            if (ec_search_similar(s, r->items[0].docid, &req, &sim, &serr) != EC_OK)
                abort();
            check_results(sim);
            ec_results_free(sim);
            free(serr);
        }
    }
    ec_results_free(r);
    free(err);
    free(text);
    return 0;
}
