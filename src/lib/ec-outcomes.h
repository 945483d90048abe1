/* ec-outcomes.h: the outcome store. Cases, their outcomes and the search log.
 *
 * Callers (the shell, `edgecase outcome`, stats, patterns, search ranking) see
 * only this interface, so a server database can replace the embedded SQLite
 * file later without touching them. A store handle is not thread-safe; open
 * one per thread or process. Many processes may record at once: a busy
 * database is retried inside the store, never returned to the caller.
 *
 * Free text (queries, notes) is redacted (ec-redact.h) inside the store before
 * it is written, so no caller can store a card number by mistake.
 *
 * Every ERR argument must point to a char * the function sets: NULL on
 * success, else a message the caller frees. */
#ifndef EC_OUTCOMES_H
#define EC_OUTCOMES_H

#include <stddef.h>
#include <time.h>

#include "ec-status.h"

typedef struct ec_store ec_store;

/* Opens (creating and migrating when needed) the store in DBDIR, creating
 * DBDIR if missing. *OUT is freed with ec_store_close(). On failure *ERR
 * (caller frees) says what happened and what to do: a read-only directory, a
 * full disk, a corrupt database, or one written by a newer edgecase
 * (EC_ERR_CORRUPT). */
ec_status ec_store_open(const char *dbdir, ec_store **out, char **err);
/* Opens the store in DBDIR for reading only (stats, reports): creates and
 * migrates nothing, and needs no write permission on the file. Writing
 * through it fails. EC_ERR_NOT_FOUND when nothing was recorded there yet;
 * other errors as ec_store_open(). */
ec_status ec_store_open_readonly(const char *dbdir, ec_store **out, char **err);
void ec_store_close(ec_store *store);

typedef enum ec_outcome_result {
    EC_RESULT_NONE = 0, /* not given: invalid in a record */
    EC_RESULT_RESOLVED,
    EC_RESULT_ESCALATED,
    EC_RESULT_UNRESOLVED
} ec_outcome_result;

/* "resolved" | "escalated" | "unresolved" -> the enum, EC_RESULT_NONE if none. */
ec_outcome_result ec_outcome_result_parse(const char *word);
/* The enum -> its word; static. */
const char *ec_outcome_result_name(ec_outcome_result r);

/* One closed case. Strings are borrowed for the call; NULL means unknown.
 * Tri-state flags: -1 unknown, 0 no, 1 yes. */
typedef struct ec_outcome {
    const char *case_ref;    /* the CRM's case reference; required */
    const char *playbook_id; /* the path used as PLAYBOOK-ID and PATH-ID, */
    const char *path_id;     /* both NULL when no path was used */
    ec_outcome_result result;
    int fcr;                 /* first-contact resolution */
    int heard;               /* the customer felt heard */
    int trust;               /* 1-5, 0 unknown */
    double handle_seconds;   /* < 0 unknown */
    const char *agent;
    const char *channel;
    const char *note;        /* stored redacted, other control characters than
                              * newline and tab as spaces, cut at 4000 bytes */
    time_t closed_at;        /* 0: now */
} ec_outcome;

/* Reads a closing time: "YYYY-MM-DD" (midnight), "YYYY-MM-DDTHH:MM[:SS][Z]"
 * (a space may stand for the T), all UTC, or Unix seconds. Returns 0 and
 * sets *OUT, or -1 when S is none of these. */
int ec_outcome_time_parse(const char *s, time_t *out);

/* Validates and stores OUTCOME durably: when this returns EC_OK the record
 * survives kill -9 and a power cut. EC_ERR_INVALID with *ERR naming the field
 * for a bad record; nothing is stored then. */
ec_status ec_store_record(ec_store *store, const ec_outcome *outcome, char **err);

/* One search as the agent saw it. Strings borrowed; QUERY is redacted before
 * it is stored. SHOWN lists the results shown, best first, as "ID#PATH" or
 * "ID" for an article. */
typedef struct ec_search_entry {
    const char *query;
    const char *filters;     /* "channel=voice category=billing", or NULL */
    const char *const *shown;
    size_t n_shown;
    double top_score;        /* score of the best result, 0 when none */
    const char *case_ref;    /* the open case, or NULL */
    const char *agent;
    const char *channel;
    time_t at;               /* 0: now */
} ec_search_entry;

/* Appends ENTRY to the search log; *ID (may be NULL) receives its row id for
 * ec_store_mark_used(). The query is stored redacted, control characters as
 * spaces, cut at 2000 bytes: what an agent types never makes it fail. */
ec_status ec_store_log_search(ec_store *store, const ec_search_entry *entry, long long *id,
                              char **err);

/* Records that the agent used RESULT ("ID#PATH" or "ID") of the logged search
 * SEARCH_ID. */
ec_status ec_store_mark_used(ec_store *store, long long search_id, const char *result,
                             char **err);

/* Success of one path, as search ranking and the shell show it. */
typedef struct ec_path_stats {
    long uses;           /* outcomes recorded with this path */
    long resolved;       /* of which resolved */
    double success_rate; /* resolved / uses, or -1 when uses is 0 */
} ec_path_stats;

/* The stats of PLAYBOOK_ID#PATH_ID into *OUT (zero uses when none). Reads a
 * per-path summary kept up to date on every record: no scan of the outcomes. */
ec_status ec_store_path_stats(ec_store *store, const char *playbook_id, const char *path_id,
                              ec_path_stats *out, char **err);

/* The file the store lives in (DBDIR/outcomes.db); borrowed from STORE. */
const char *ec_store_file(const ec_store *store);

/* Batches, for bulk import: the records between ec_store_batch_begin() and
 * ec_store_batch_commit() are written in one transaction and acknowledged
 * only by the commit (a failed commit stores none of them). A record that
 * fails validation inside a batch stores nothing and leaves the batch open.
 * ec_store_batch_rollback() drops a batch. Outside a batch every record and
 * search is its own transaction. */
ec_status ec_store_batch_begin(ec_store *store, char **err);
ec_status ec_store_batch_commit(ec_store *store, char **err);
void ec_store_batch_rollback(ec_store *store);

/* ------------------------------------------------------------- figures */

/* What a set of outcomes adds up to. Every figure of edgecase(1) STATS is
 * computed from these (ec_outcome_figures_compute), so they can be summed
 * across groups. Counts of a flag count only the outcomes that gave it. */
typedef struct ec_outcome_counts {
    long uses;           /* outcomes */
    long resolved;       /* result resolved (without escalation) */
    long escalated;
    long unresolved;
    long fcr_known, fcr_yes;
    long heard_known, heard_yes;
    long trust_known;    /* outcomes with a trust rating 1-5 */
    long trust_sum;      /* the sum of those ratings */
    long trust_high;     /* ratings of 4 or 5 */
    long timed;          /* outcomes with a handle time */
    double handle_sum;   /* their handle seconds */
    long timed_resolved; /* of those, resolved */
} ec_outcome_counts;

/* The figures; each is -1 when its denominator is 0. */
typedef struct ec_outcome_figures {
    double resolution_rate;    /* resolved / uses: exception resolution rate */
    double resolution_low;     /* its Wilson 95% interval */
    double resolution_high;
    double fcr_rate;           /* fcr_yes / fcr_known: first-contact resolution */
    double heard_rate;         /* heard_yes / heard_known: emotional validation score */
    double trust_index;        /* trust_high / trust_known: share rating trust 4 or 5 */
    double trust_mean;         /* trust_sum / trust_known, 1-5 */
    double escalation_rate;    /* escalated / uses */
    double handle_mean;        /* handle_sum / timed: average handle time, seconds */
    double handle_per_resolved; /* handle_sum / timed_resolved: quality-adjusted
                                  * handle time, the handle seconds spent per
                                  * case actually resolved */
} ec_outcome_figures;

void ec_outcome_figures_compute(const ec_outcome_counts *counts, ec_outcome_figures *out);

/* The Wilson score interval at 95% for SUCCESSES out of N into *LOW and
 * *HIGH; both -1 when N is 0. */
void ec_wilson95(long successes, long n, double *low, double *high);

typedef enum ec_stats_by {
    EC_BY_NONE = 0, /* the totals only */
    EC_BY_PLAYBOOK,
    EC_BY_PATH,     /* "ID#PATH"; "" for outcomes without a path */
    EC_BY_CATEGORY, /* the playbook's category, from the request's callback */
    EC_BY_CHANNEL,  /* "" when not given */
    EC_BY_AGENT,    /* "" when not given */
    EC_BY_DAY,      /* YYYY-MM-DD (UTC) */
    EC_BY_WEEK,     /* ISO 8601 week, YYYY-Www */
    EC_BY_MONTH     /* YYYY-MM */
} ec_stats_by;

/* "playbook", "path", ... -> the enum; returns 0 on success, -1 if unknown. */
int ec_stats_by_parse(const char *word, ec_stats_by *out);
/* The enum -> its word ("none" for EC_BY_NONE); static. */
const char *ec_stats_by_name(ec_stats_by by);

/* The playbook PLAYBOOK_ID's category, or NULL when unknown; the returned
 * string must live until ec_store_stats() returns. */
typedef const char *(*ec_category_fn)(void *user, const char *playbook_id);

typedef struct ec_stats_request {
    const char *since;   /* YYYY-MM-DD, first day counted (UTC), or NULL */
    const char *until;   /* YYYY-MM-DD, last day counted (UTC), or NULL */
    ec_stats_by by;
    ec_category_fn category_of; /* for EC_BY_CATEGORY */
    void *category_user;
} ec_stats_request;

typedef struct ec_stats_group {
    char *key;           /* see ec_stats_by */
    ec_outcome_counts counts;
} ec_stats_group;

typedef struct ec_stats {
    ec_outcome_counts total;
    ec_stats_group *groups; /* time keys in time order, the others by uses, most first */
    size_t n;
} ec_stats;

/* The counts of the outcomes closed between REQ's days, grouped as asked,
 * into *OUT (free with ec_stats_free). Reads daily summaries kept up to date
 * on every record, so the time does not grow with the number of outcomes.
 * EC_ERR_USAGE with *ERR for a bad date. */
ec_status ec_store_stats(ec_store *store, const ec_stats_request *req, ec_stats **out, char **err);
void ec_stats_free(ec_stats *stats);

/* -------------------------------------------------- ranking (read-only) */

/* Every path's ec_path_stats, as search ranking reads them: loaded once and
 * loaded again only when another process recorded something (PRAGMA
 * data_version), so a search costs one cheap check. Opens DBDIR/outcomes.db
 * read-only and never creates it; while there is none (or it cannot be
 * read) the table is empty and ranking goes by text alone. */
typedef struct ec_path_table ec_path_table;

/* A table for DBDIR, refreshed; NULL only on OOM. Free with
 * ec_path_table_free(). */
ec_path_table *ec_path_table_new(const char *dbdir);
void ec_path_table_free(ec_path_table *table);
/* Loads the latest figures if they changed (or the store appeared). */
void ec_path_table_refresh(ec_path_table *table);
/* The number of paths with outcomes; 0 when none are known. */
size_t ec_path_table_size(const ec_path_table *table);
/* The stats of PLAYBOOK_ID#PATH_ID into *OUT (zero uses when unknown). */
void ec_path_table_get(const ec_path_table *table, const char *playbook_id, const char *path_id,
                       ec_path_stats *out);
/* Uses and resolved summed over every path: the prior for smoothing. */
void ec_path_table_totals(const ec_path_table *table, long *uses, long *resolved);

/* ------------------------------------------------------ hard cases */

/* One search made during a case that went badly. */
typedef struct ec_hard_search {
    char *query; /* redacted (again, on the way out: rows from any writer) */
    time_t at;
} ec_hard_search;

/* The searches logged for cases in which PLAYBOOK_ID was used and that were
 * escalated, left unresolved, or where the customer did not feel heard:
 * distinct texts, the latest first (ties by text), at most LIMIT, into *OUT
 * and *N (free with ec_hard_searches_free). Trainers role-play them. */
ec_status ec_store_hard_searches(ec_store *store, const char *playbook_id, size_t limit,
                                 ec_hard_search **out, size_t *n, char **err);
void ec_hard_searches_free(ec_hard_search *searches, size_t n);

#endif
