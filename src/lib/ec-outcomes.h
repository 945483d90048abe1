/* ec-outcomes.h: the outcome store. Cases, their outcomes and the search log.
 *
 * Callers (the shell, `edgecase outcome`, stats, patterns, search ranking) see
 * only this interface, so a server database can replace the embedded SQLite
 * file later without touching them. A store handle is not thread-safe; open
 * one per thread or process. Many processes may record at once: a busy
 * database is retried inside the store, never returned to the caller.
 *
 * Free text (queries, notes) is redacted (ec-redact.h) inside the store before
 * it is written, so no caller can store a card number by mistake. */
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
    const char *note;        /* redacted before it is stored */
    time_t closed_at;        /* 0: now */
} ec_outcome;

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
 * ec_store_mark_used(). */
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

#endif
