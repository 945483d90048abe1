/* ec-index.h: files -> the Xapian index in edgecase's database directory.
 *
 * A run walks the given paths, skips files whose content hash is unchanged,
 * validates the changed ones with the lint rules, and replaces their documents;
 * files that were indexed under one of the given paths and are gone are removed.
 * The whole run is one Xapian transaction: a concurrent search sees the old index
 * or the new one, never half of each, and a killed run leaves the old one. A file
 * that fails validation keeps its previously indexed version. */
#ifndef EC_INDEX_H
#define EC_INDEX_H

#include <stddef.h>

#include "ec-diag.h"
#include "ec-status.h"

/* The Xapian database lives in DBDIR/EC_INDEX_SUBDIR. */
#define EC_INDEX_SUBDIR "index"

typedef struct ec_index_stats {
    size_t files;     /* files seen */
    size_t added;     /* files new to the index */
    size_t updated;   /* files whose content changed */
    size_t removed;   /* files gone from disk, removed from the index */
    size_t unchanged; /* files skipped: same content hash */
    size_t failed;    /* files refused (problems in the diags); old version kept */
    size_t documents; /* Xapian documents (paths and articles) in the index after the run */
    double seconds;
} ec_index_stats;

/* Called after each file; TOTAL is the number of files to look at. */
typedef void (*ec_index_progress_fn)(void *user, size_t done, size_t total);

typedef struct ec_index_options {
    int wait_for_lock;             /* 1: wait for another indexer instead of failing */
    const char *today;             /* YYYY-MM-DD for review-by warnings; NULL = clock */
    ec_index_progress_fn progress; /* may be NULL */
    void *progress_user;
    /* Called after each file read again, once all files are in, because
     * the synonyms changed (a new phrase's words are in its units); TOTAL is
     * the number of such files. May be NULL; gets PROGRESS_USER. */
    ec_index_progress_fn synonyms_progress;
} ec_index_options;

/* Indexes PATHS (files or directories) into DBDIR, creating it if needed.
 * Problems in files go to DIAGS (the run goes on); *STATS is filled in.
 * Returns EC_OK when the run committed (even if some files failed: check
 * stats->failed), EC_ERR_LOCKED when another indexer holds the database (and
 * wait_for_lock is 0), or another status with *ERR set (caller frees). */
ec_status ec_index_run(const char *dbdir, const char *const *paths, size_t n_paths,
                       const ec_index_options *options, ec_index_stats *stats,
                       ec_diags *diags, char **err);

#endif
