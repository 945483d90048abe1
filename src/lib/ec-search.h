/* ec-search.h: what the customer said -> ranked resolution paths and articles.
 *
 * Open a searcher once per process and reuse it: it keeps the database, query
 * parser and enquire objects warm (the shell's and every integration's hot path).
 * A searcher is not thread-safe; use one per thread. */
#ifndef EC_SEARCH_H
#define EC_SEARCH_H

#include <stddef.h>

#include <json-c/json.h>

#include "ec-status.h"
#include "ec-util.h"

typedef struct ec_searcher ec_searcher;

/* Opens the index in DBDIR read-only. EC_ERR_NOT_FOUND when nothing was indexed
 * there yet. Free with ec_searcher_close(). *ERR (caller frees) on failure. */
ec_status ec_searcher_open(const char *dbdir, ec_searcher **out, char **err);
void ec_searcher_close(ec_searcher *s);

/* Sees the latest committed index; cheap when nothing changed. */
ec_status ec_searcher_reopen(ec_searcher *s, char **err);

/* A filter FIELD=VALUE: field is one of category, channel, product, severity,
 * impact, status, kind (playbook|article), tag, authority, id. Filters on the
 * same field are ORed, different fields ANDed. */
typedef struct ec_filter {
    const char *field;
    const char *value;
} ec_filter;

/* Returns 1 if FIELD names a filterable field. */
int ec_search_filter_field_valid(const char *field);
/* The filterable field names, NULL-terminated; static. */
const char *const *ec_search_filter_fields(void);

typedef struct ec_search_request {
    const char *query;        /* what the customer said; prefixes like title: allowed */
    const ec_filter *filters; /* may be NULL when n_filters is 0 */
    size_t n_filters;
    const char *status;       /* NULL: published only; "any" for every status */
    size_t limit;             /* 0: 10 */
    size_t offset;
    int no_correction;        /* 1: never replace the query by its spelling correction */
    int facets;               /* 1: count category, kind and channel over the first
                               * 200 matches or more (about a tenth of a search's
                               * work at 10,000 files, by callgrind) */
} ec_search_request;

typedef struct ec_result {
    int rank;            /* 1-based */
    char *id;            /* playbook or article id */
    char *path;          /* path id, NULL for an article */
    char *kind;          /* "playbook" or "article" */
    char *title;         /* playbook or article title */
    char *path_title;    /* NULL for an article */
    char *authority;     /* agent | supervisor | specialist; NULL for an article */
    char *category;
    double score;        /* [0, 1], higher is better */
    char *snippet;       /* plain text with the matched words; may be "" */
    double success_rate; /* < 0 when no outcomes are known */
    long uses;
    int escalate;        /* 1 when the query contains one of the playbook's triggers */
    char *trigger;       /* the trigger found, or NULL */
    char *escalate_to;   /* the team to escalate to, or NULL */
    ec_strv triggers;    /* all trigger phrases of the playbook */
    unsigned docid;      /* for ec_search_similar() */
} ec_result;

typedef struct ec_facet_count {
    char *value;
    long count;
} ec_facet_count;

typedef struct ec_facet {
    char *field; /* category, channel, kind, ... */
    ec_facet_count *counts;
    size_t n;
} ec_facet;

typedef struct ec_results {
    char *query;     /* as asked */
    char *corrected; /* the spelling-corrected query actually run, or NULL */
    long total;      /* estimated number of matches */
    ec_result *items;
    size_t n;
    ec_facet *facets;
    size_t n_facets;
} ec_results;

/* Runs REQ on the latest committed index (the searcher reopens first, which
 * is cheap when nothing changed, and retries when an indexer commits while it
 * reads). On EC_OK *OUT (free with ec_results_free()) holds the results; an
 * empty or all-stopword query gives zero results, not an error. */
ec_status ec_search_run(ec_searcher *s, const ec_search_request *req, ec_results **out,
                        char **err);

/* "More like this": results similar to the document DOCID (from an ec_result),
 * excluding it. Same ownership as ec_search_run(). */
ec_status ec_search_similar(ec_searcher *s, unsigned docid, const ec_search_request *req,
                            ec_results **out, char **err);

void ec_results_free(ec_results *r);

/* The results as the JSON object of FORMAT.md section 4, plus "facets" when
 * the request asked for them.
 * Returns a new json-c object the caller puts (json_object_put). */
json_object *ec_results_to_json(const ec_results *r);

/* The whole playbook or article ID as JSON (the model: title, acknowledge,
 * paths with steps, escalate, triggers, scenarios, related...), for "open N" and
 * trainer packs. *OUT is a new object the caller puts. EC_ERR_NOT_FOUND if the
 * id is not indexed. */
ec_status ec_searcher_document(ec_searcher *s, const char *id, json_object **out, char **err);

/* Every indexed value of FIELD (a filterable field name) that starts with
 * PREFIX, sorted, appended to OUT (caller frees with ec_strv_free). For tab
 * completion of filter values and ids. */
ec_status ec_searcher_field_values(ec_searcher *s, const char *field, const char *prefix,
                                   ec_strv *out, char **err);

/* Returns the first trigger phrase in TRIGGERS that TEXT contains as whole
 * words, case-insensitively, or NULL. Borrowed from TRIGGERS. */
const char *ec_find_trigger(const char *text, const ec_strv *triggers);

/* As ec_find_trigger(), and also when TEXT has a trigger's words in another
 * form ("solicitors", "claim forms"): words are compared as stems, in order,
 * none skipped. Returns the trigger as written in TRIGGERS (borrowed), or NULL.
 * Use this one where a searcher is open. */
const char *ec_searcher_find_trigger(ec_searcher *s, const char *text, const ec_strv *triggers);

#endif
