/* xapian-c.h: a C API over libxapian, the only C++ in edgecase.
 *
 * libxapian is C++ and has no C API; this is ours, shaped after notmuch's:
 *
 *  - Every object is an opaque handle made by an xc_*_new / xc_*_open call and
 *    freed by its xc_*_free; every free accepts NULL.
 *  - Every call that can fail returns an xc_status. XC_OK is 0. On failure the
 *    call's out-parameters are left untouched (or set to NULL/0 where noted), and
 *    xc_last_error() holds a message saying why. No C++ exception ever crosses
 *    this boundary: Xapian::Error, std::exception and anything else are caught
 *    and turned into a status.
 *  - Strings handed in are NUL-terminated UTF-8 unless a length is passed;
 *    strings handed out are malloc'd copies the caller frees with free(), unless
 *    the comment says "borrowed".
 *  - Handles are not thread-safe; use one per thread (as Xapian itself).
 *
 * Status mapping: DatabaseLockError -> XC_ERR_LOCKED (another writer: say
 * "another indexer is running", or retry); DatabaseModifiedError ->
 * XC_ERR_MODIFIED (call xc_database_reopen and run the search again). */
#ifndef XAPIAN_C_H
#define XAPIAN_C_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* C lets a caller pass any value where an xc_ enum is expected, and the calls
 * answer XC_ERR_INVALID (or "unknown") for one outside it. In C++ an enum
 * without a fixed underlying type holds only the values of its enumerators'
 * bit range, so merely reading 42 as an xc_stem_strategy is undefined (UBSan:
 * "not a valid value for type"). C++ therefore sees each enum with the type C
 * gives it (unsigned int: none has a negative enumerator), under which every
 * value is valid. C11 has no fixed underlying types; size and calling
 * convention are the same. */
#ifdef __cplusplus
#define XC_ENUM_TYPE : unsigned int
#else
#define XC_ENUM_TYPE
#endif

typedef enum xc_status XC_ENUM_TYPE {
    XC_OK = 0,
    XC_ERR_NOMEM,        /* out of memory */
    XC_ERR_INVALID,      /* a bad argument (NULL handle, read-only database written...) */
    XC_ERR_NOT_FOUND,    /* no database at the path, or no such document */
    XC_ERR_OPENING,      /* the database exists but cannot be opened */
    XC_ERR_LOCKED,       /* another writer holds the database lock */
    XC_ERR_MODIFIED,     /* the database changed under a reader: reopen and retry */
    XC_ERR_CORRUPT,      /* damaged, or a format this libxapian does not read */
    XC_ERR_QUERY,        /* the query string cannot be parsed */
    XC_ERR_NETWORK,      /* a remote database could not be reached or failed */
    XC_ERR_UNIMPLEMENTED,/* the backend cannot do this */
    XC_ERR_DATABASE,     /* another database error */
    XC_ERR_XAPIAN,       /* another Xapian::Error */
    XC_ERR_EXCEPTION,    /* a std::exception */
    XC_ERR_UNKNOWN       /* anything else thrown */
} xc_status;

/* A short English name of STATUS ("database locked by another writer"...).
 * Static string, never NULL. */
const char *xc_status_to_string(xc_status status);

/* The message of the last failed xc_ call on this thread ("" if none).
 * Borrowed: valid until the next xc_ call on this thread; copy it to keep it. */
const char *xc_last_error(void);

/* The libxapian version in use, e.g. "1.4.22". Static string. */
const char *xc_version_string(void);

typedef unsigned xc_docid;   /* 0 means "no document" */
typedef unsigned xc_slot;    /* a value slot number */

/* ---------------------------------------------------------------- databases */

typedef struct xc_database xc_database;

/* How xc_database_open_writable treats what is (or is not) at the path. */
typedef enum xc_db_action XC_ENUM_TYPE {
    XC_DB_CREATE_OR_OPEN = 0,    /* open, creating it when missing */
    XC_DB_CREATE,                /* create; fail if it exists */
    XC_DB_CREATE_OR_OVERWRITE,   /* create, replacing what exists */
    XC_DB_OPEN                   /* open; fail (XC_ERR_NOT_FOUND) when missing */
} xc_db_action;

/* Flags for xc_database_open_writable, ORed with the action. */
enum {
    XC_DB_NO_SYNC = 0x10,    /* no fsync on commit (tests, bulk loads you can redo) */
    XC_DB_RETRY_LOCK = 0x20, /* wait for another writer instead of XC_ERR_LOCKED */
    XC_DB_INMEMORY = 0x40    /* an in-memory database; PATH is ignored (may be NULL). Xapian
                              * 1.4's InMemory backend has no spelling, synonyms,
                              * transactions or metadata keys: XC_ERR_UNIMPLEMENTED */
};

/* Opens the database at PATH read-only: a database directory, a stub database
 * file, or anything else Xapian::Database accepts. *OUT: free with
 * xc_database_free(). XC_ERR_NOT_FOUND when nothing is there. */
xc_status xc_database_open(const char *path, xc_database **out);

/* Opens (or creates, per FLAGS: an xc_db_action ORed with XC_DB_* flags) a
 * writable database at PATH. XC_ERR_LOCKED when another writer holds it.
 * Every read call below works on a writable database too. */
xc_status xc_database_open_writable(const char *path, int flags, xc_database **out);
/* Makes writable databases opened after it hold at most DOCS documents'
 * changes in memory before writing them to the tables (Xapian's default is
 * 10,000). Xapian reads this from the environment (XAPIAN_FLUSH_THRESHOLD),
 * so it holds for the whole process; a value already there wins. */
xc_status xc_set_flush_threshold(unsigned docs);

/* Opens a remote database served by xapian-tcpsrv at HOST:PORT (TIMEOUT_MS
 * for each operation, 0 for Xapian's default). WRITABLE selects
 * Remote::open_writable. */
xc_status xc_database_open_remote_tcp(const char *host, unsigned port, unsigned timeout_ms,
                                      int writable, xc_database **out);

/* Opens a remote database through a program speaking the remote protocol on
 * its stdin/stdout (e.g. PROGRAM "xapian-progsrv", ARGS "/path/to/db"). */
xc_status xc_database_open_remote_prog(const char *program, const char *args, int writable,
                                       xc_database **out);

/* Closes and frees DB. An uncommitted change of a writable database is
 * committed by Xapian on close unless a transaction is open (then it is
 * discarded). NULL is accepted. */
void xc_database_free(xc_database *db);

/* 1 when DB was opened writable. */
int xc_database_is_writable(const xc_database *db);

/* Brings a read-only DB to the latest committed revision. *CHANGED (may be
 * NULL) is set to 1 when it moved. */
xc_status xc_database_reopen(xc_database *db, int *changed);

/* Number of documents; the highest docid used. */
xc_status xc_database_doccount(xc_database *db, unsigned *out);
xc_status xc_database_lastdocid(xc_database *db, xc_docid *out);
/* The documents' average length (0 for none). */
xc_status xc_database_avlength(xc_database *db, double *out);
/* 1 in *OUT when TERM indexes some document. */
xc_status xc_database_term_exists(xc_database *db, const char *term, int *out);
/* Number of documents TERM indexes. */
xc_status xc_database_termfreq(xc_database *db, const char *term, unsigned *out);

/* Calls FN for every docid that TERM indexes, in ascending order; FN returns
 * non-zero to stop early. */
typedef int (*xc_docid_fn)(void *user, xc_docid docid);
xc_status xc_database_postlist(xc_database *db, const char *term, xc_docid_fn fn, void *user);

/* Calls FN for every term starting with PREFIX ("" for all), in byte order,
 * with the number of documents it indexes. TERM is borrowed for the call. FN
 * returns non-zero to stop early. */
typedef int (*xc_term_fn)(void *user, const char *term, size_t len, unsigned freq);
xc_status xc_database_allterms(xc_database *db, const char *prefix, xc_term_fn fn, void *user);

/* Metadata: *VALUE is a malloc'd copy ("" when the key is unset), *LEN its
 * length (LEN may be NULL). */
xc_status xc_database_get_metadata(xc_database *db, const char *key, char **value, size_t *len);
/* Sets (or with LEN 0 removes) a metadata entry; writable databases only. */
xc_status xc_database_set_metadata(xc_database *db, const char *key, const char *value,
                                   size_t len);

/* Spelling: the best correction of WORD within MAX_EDIT_DISTANCE (1-3; 0 for
 * Xapian's default of 2), or "" when none; *OUT is malloc'd. */
xc_status xc_database_spelling_suggestion(xc_database *db, const char *word,
                                          unsigned max_edit_distance, char **out);
/* Adds FREQ_INC to WORD's spelling frequency / removes FREQ_DEC of it. Writable only. */
xc_status xc_database_add_spelling(xc_database *db, const char *word, unsigned freq_inc);
xc_status xc_database_remove_spelling(xc_database *db, const char *word, unsigned freq_dec);

/* Synonyms: TERM may be several words ("close my account"); synonyms are
 * stored as Xapian stores them (the caller stems them if it wants to). */
xc_status xc_database_add_synonym(xc_database *db, const char *term, const char *synonym);
xc_status xc_database_remove_synonym(xc_database *db, const char *term, const char *synonym);
xc_status xc_database_clear_synonyms(xc_database *db, const char *term);
/* Calls FN with every synonym of TERM (TERM borrowed for the call). */
xc_status xc_database_synonyms(xc_database *db, const char *term, xc_term_fn fn, void *user);
/* Calls FN with every term that has synonyms, starting with PREFIX. */
xc_status xc_database_synonym_keys(xc_database *db, const char *prefix, xc_term_fn fn,
                                   void *user);

/* Writes pending changes to disk. Writable only. */
xc_status xc_database_commit(xc_database *db);
/* Transactions: between begin and commit nothing is visible to readers, and a
 * crash or cancel leaves the database as before begin. FLUSHED 1 also commits
 * on xc_database_commit_transaction (what edgecase uses: an atomic run). */
xc_status xc_database_begin_transaction(xc_database *db, int flushed);
xc_status xc_database_commit_transaction(xc_database *db);
/* Writes a compacted copy of DB's last committed revision to the new
 * directory OUT_DIR (which must not exist): blocks packed full, document ids
 * kept. The copy is smaller and as fast to search; DB is unchanged. */
xc_status xc_database_compact(xc_database *db, const char *out_dir);
xc_status xc_database_cancel_transaction(xc_database *db);

/* ---------------------------------------------------------------- documents */

typedef struct xc_document xc_document;

/* A new empty document; *OUT is freed with xc_document_free(). */
xc_status xc_document_new(xc_document **out);
void xc_document_free(xc_document *doc);

/* Reads document DOCID of DB into *OUT (a copy the caller frees).
 * XC_ERR_NOT_FOUND when there is no such document. */
xc_status xc_database_get_document(xc_database *db, xc_docid docid, xc_document **out);

/* Calls FN with each term of document DOCID that starts with PREFIX ("" for
 * all), in byte order, FREQ being its wdf; FN returns non-zero to stop.
 * Reads only those terms: no copy of the document is made. */
xc_status xc_database_document_terms(xc_database *db, xc_docid docid, const char *prefix,
                                     xc_term_fn fn, void *user);

/* The document's data blob: set copies LEN bytes; get returns a malloc'd copy
 * (NUL-terminated, *LEN its length; LEN may be NULL). */
xc_status xc_document_set_data(xc_document *doc, const char *data, size_t len);
xc_status xc_document_get_data(xc_document *doc, char **data, size_t *len);

/* Adds TERM with WDF_INC to its within-document frequency (no position). */
xc_status xc_document_add_term(xc_document *doc, const char *term, unsigned wdf_inc);
/* Adds TERM at position POS. */
xc_status xc_document_add_posting(xc_document *doc, const char *term, unsigned pos,
                                  unsigned wdf_inc);
/* Adds a boolean (filter) term: wdf 0, no effect on ranking. */
xc_status xc_document_add_boolean_term(xc_document *doc, const char *term);
xc_status xc_document_remove_term(xc_document *doc, const char *term);
/* Removes every position from DOC, keeping each term and its wdf: positions
 * serve xc_phraseset_apply while the document is built, and a database
 * whose documents carry none is a third of the size and faster to write.
 * Phrase and NEAR queries then match as AND. */
xc_status xc_document_drop_positions(xc_document *doc);
/* Calls FN with every term of the document (FREQ is the term's wdf). */
xc_status xc_document_terms(xc_document *doc, xc_term_fn fn, void *user);

/* Phrase terms: a set of phrases (words as indexed, single-space separated,
 * two or more words each) that documents get one term for, PREFIX + phrase,
 * wherever their words occur in order within the phrase's word count + EXTRA
 * positions: the same test as an OP_PHRASE query with that window. The term's
 * wdf is the smallest wdf of the phrase's words, which is what Xapian's
 * phrase matching estimates, so a query on the term weighs like the phrase
 * query while the matcher reads one posting list instead of several position
 * lists. *OUT is freed with xc_phraseset_free(). Phrases of one word are
 * ignored. */
typedef struct xc_phraseset xc_phraseset;
xc_status xc_phraseset_new(const char *const *phrases, size_t n, const char *prefix,
                           unsigned extra, xc_phraseset **out);
void xc_phraseset_free(xc_phraseset *ps);
/* Number of phrases in PS. */
size_t xc_phraseset_size(const xc_phraseset *ps);
/* Makes DOC's phrase terms for PS's phrases match its text: adds the term of
 * each phrase it holds, and removes (or corrects the wdf of) one it no longer
 * holds. *CHANGED (may be NULL) is 1 when DOC was changed. The document's
 * other terms are not touched. */
xc_status xc_phraseset_apply(const xc_phraseset *ps, xc_document *doc, int *changed);

/* Value slots: set copies LEN bytes (LEN 0 removes); get returns a malloc'd
 * copy ("" when unset). */
xc_status xc_document_set_value(xc_document *doc, xc_slot slot, const char *value, size_t len);
xc_status xc_document_get_value(xc_document *doc, xc_slot slot, char **value, size_t *len);

/* BM25 bounds, for searches that skip what cannot reach the page.
 *
 * Writes, as metadata PREFIX + term for each term whose first byte is not in
 * SKIP_FIRST (may be NULL), an upper bound of BM25's wdf / (K + wdf) for
 * BM25Weight(K1, 0, 1, B, MIN_NORMLEN) in each block of 2^SHIFT docids.
 * DOCIDS NULL: every such term's table is computed from its postings and
 * tables of terms gone are removed. Else only the terms of documents
 * DOCIDS[0..N_DOCIDS) (added or changed since) are updated; a table that
 * is missing or was written with other parameters is computed whole. Bounds
 * only ever rise, so a removed document leaves them loose, never wrong. */
xc_status xc_database_write_bounds(xc_database *db, const char *prefix, double k1, double b,
                                   double min_normlen, unsigned shift, const char *skip_first,
                                   const xc_docid *docids, size_t n_docids);
/* The same for OP_SYNONYM groups, whose bound is far below the sum of their
 * terms': group g is the next SIZES[g] of TERMS (N_GROUPS groups, terms in
 * the order xc_query_bounded_or will be given them); its table is metadata
 * PREFIX "\t" term "\t" term... (none for a group whose key would be longer
 * than 200 bytes). DOCIDS as above; either way, the group tables of groups
 * not given are removed. Bounds only ever rise. */
xc_status xc_database_write_group_bounds(xc_database *db, const char *prefix, double k1, double b,
                                         double min_normlen, unsigned shift, const char *const *terms,
                                         const size_t *sizes, size_t n_groups, const xc_docid *docids,
                                         size_t n_docids);

/* Adds DOC to DB; *DOCID (may be NULL) receives its id. */
xc_status xc_database_add_document(xc_database *db, xc_document *doc, xc_docid *docid);
/* Replaces document DOCID (adding it under that id if absent). */
xc_status xc_database_replace_document(xc_database *db, xc_docid docid, xc_document *doc);
/* Replaces every document indexed by UNIQUE_TERM with DOC (adds it when none
 * is); *DOCID (may be NULL) receives the id used. */
xc_status xc_database_replace_document_by_term(xc_database *db, const char *unique_term,
                                               xc_document *doc, xc_docid *docid);
/* Changes document DOCID's terms in place: removes each of REMOVE[0..N_REMOVE)
 * it has, then adds each of ADD[0..N_ADD) with wdf ADD_WDF[i] (without
 * positions). Only those terms' postings are written, where replacing the
 * document with a copy rewrites all of its terms and positions. */
xc_status xc_database_change_terms(xc_database *db, xc_docid docid, const char *const *remove,
                                   size_t n_remove, const char *const *add, const unsigned *add_wdf,
                                   size_t n_add);
xc_status xc_database_delete_document(xc_database *db, xc_docid docid);
/* Deletes every document TERM indexes (none is not an error). */
xc_status xc_database_delete_documents_by_term(xc_database *db, const char *term);

/* ----------------------------------------------------------- term generator */

typedef struct xc_termgen xc_termgen;

/* Stemming strategies (Xapian::TermGenerator / QueryParser stem_strategy). */
typedef enum xc_stem_strategy XC_ENUM_TYPE {
    XC_STEM_NONE = 0, /* no stemming */
    XC_STEM_SOME,     /* stemmed terms get a "Z" prefix, unstemmed kept too (default) */
    XC_STEM_ALL,      /* every word stemmed, no "Z" */
    XC_STEM_ALL_Z,    /* every word stemmed, with "Z" */
    XC_STEM_SOME_FULL_POS /* as SOME, with positions on stemmed terms too */
} xc_stem_strategy;

/* A term generator. LANGUAGE is a Snowball stemmer name ("english", "none"
 * or NULL for none). XC_ERR_INVALID for an unknown language. */
xc_status xc_termgen_new(const char *language, xc_termgen **out);
void xc_termgen_free(xc_termgen *tg);
xc_status xc_termgen_set_stemming_strategy(xc_termgen *tg, xc_stem_strategy strategy);
/* Words in WORDS (N of them, lowercase; N 0 for none) are not indexed at
 * all: no term, no position (Xapian's STOP_ALL). xc_termgen_stopped_wdf says
 * how much they would have added to the document's length. */
xc_status xc_termgen_set_stopwords(xc_termgen *tg, const char *const *words, size_t n);
/* Later index_text calls add terms to DOC (borrowed: DOC must outlive its use
 * here) and reset the term position. */
xc_status xc_termgen_set_document(xc_termgen *tg, xc_document *doc);
/* With DB (writable, borrowed) set, words are also added to DB's spelling data. */
xc_status xc_termgen_set_spelling_database(xc_termgen *tg, xc_database *db);
/* Indexes LEN bytes of TEXT (LEN (size_t)-1: up to the NUL) with WDF_INC per
 * word, every term prefixed by PREFIX ("" or NULL for none). POSITIONS 0 skips
 * positional data. */
xc_status xc_termgen_index_text(xc_termgen *tg, const char *text, size_t len, unsigned wdf_inc,
                                const char *prefix, int positions);
/* The wdf the stopwords skipped since xc_termgen_set_document would have
 * added (each word times its call's WDF_INC); 0 for a NULL TG. */
unsigned long xc_termgen_stopped_wdf(const xc_termgen *tg);
/* Leaves a gap of DELTA positions so phrases do not match across fields. */
xc_status xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta);

/* -------------------------------------------------------------------- query */

typedef struct xc_query xc_query;

typedef enum xc_query_op XC_ENUM_TYPE {
    XC_OP_AND = 0,
    XC_OP_OR,
    XC_OP_AND_NOT,
    XC_OP_XOR,
    XC_OP_AND_MAYBE,
    XC_OP_FILTER,
    XC_OP_NEAR,
    XC_OP_PHRASE,
    XC_OP_ELITE_SET,
    XC_OP_SYNONYM,
    XC_OP_MAX
} xc_query_op;

/* A query for one TERM, with within-query frequency WQF (0 means 1) and
 * position POS (0 for none). */
xc_status xc_query_new_term(const char *term, unsigned wqf, unsigned pos, xc_query **out);
/* Combines N subqueries (borrowed: they stay the caller's) with OP. WINDOW is
 * the window of NEAR and PHRASE (0 for the number of subqueries) and the set
 * size of ELITE_SET; other ops ignore it. */
xc_status xc_query_combine(xc_query_op op, xc_query *const *subs, size_t n, unsigned window,
                           xc_query **out);
/* Q with every weight multiplied by FACTOR (>= 0; 0 makes it boolean). */
xc_status xc_query_scale(const xc_query *q, double factor, xc_query **out);
/* One part of xc_query_bounded_or: a term (N_TERMS 1), the OP_SYNONYM
 * group of TERMS[0..N_TERMS), or (FILTER set) their AND filtered by the
 * boolean term FILTER; its weight times SCALE (> 0). */
typedef struct xc_bounded_part {
    const char *const *terms;
    size_t n_terms;
    double scale;
    const char *filter; /* NULL, or the AND of TERMS filtered by this term */
} xc_bounded_part;
/* The OR of PARTS[0..N), each weighed as the enquire's BM25Weight(K1, 0, 1,
 * B, MIN_NORMLEN) weighs a term of wqf 1, an OP_SYNONYM of its terms
 * (Xapian's estimate of its frequency, the sum of its wdfs), or with a
 * FILTER the XC_OP_FILTER of the XC_OP_AND of its terms by that term (the
 * sum of the terms' weights), times its scale: the same documents and
 * weights as that OR, and Xapian's estimate of its size. It reads the bounds
 * xc_database_write_bounds wrote under PREFIX with the same parameters and
 * skips documents that cannot reach the weight the match still needs; a
 * term without them is read whole. Its matches are one subquery to Xapian,
 * so percentages, matching terms and snippets come out right only from the
 * plain query. Do not scale it: Xapian 1.4 hands a posting source the
 * minimum weight unscaled. Local databases only. */
xc_status xc_query_bounded_or(const xc_bounded_part *parts, size_t n, const char *prefix, double k1,
                              double b, double min_normlen, unsigned shift, xc_query **out);
/* Matches documents whose value in SLOT lies in [LO, HI] as byte strings
 * (LO or HI NULL for an open end). Use it under XC_OP_FILTER. */
xc_status xc_query_value_range(xc_slot slot, const char *lo, const char *hi, xc_query **out);
/* The query that matches every document. */
xc_status xc_query_match_all(xc_query **out);
/* 1 when Q matches nothing (an empty query). */
int xc_query_empty(const xc_query *q);
/* Xapian's description of Q, malloc'd (for tests and debugging). */
char *xc_query_describe(const xc_query *q);
void xc_query_free(xc_query *q);

/* ------------------------------------------------------------- query parser */

typedef struct xc_queryparser xc_queryparser;

/* Parse flags (Xapian::QueryParser::FLAG_*). */
enum {
    XC_QP_BOOLEAN = 1,
    XC_QP_PHRASE = 2,
    XC_QP_LOVEHATE = 4,
    XC_QP_BOOLEAN_ANY_CASE = 8,
    XC_QP_WILDCARD = 16,
    XC_QP_PURE_NOT = 32,
    XC_QP_PARTIAL = 64,
    XC_QP_SPELLING_CORRECTION = 128,
    XC_QP_SYNONYM = 256,
    XC_QP_AUTO_SYNONYMS = 512,
    XC_QP_AUTO_MULTIWORD_SYNONYMS = 1024,
    XC_QP_CJK_NGRAM = 2048,
    XC_QP_DEFAULT = XC_QP_PHRASE | XC_QP_BOOLEAN | XC_QP_LOVEHATE
};

/* A query parser with LANGUAGE's stemmer (NULL or "none" for none). */
xc_status xc_queryparser_new(const char *language, xc_queryparser **out);
void xc_queryparser_free(xc_queryparser *qp);
xc_status xc_queryparser_set_stemming_strategy(xc_queryparser *qp, xc_stem_strategy strategy);
/* Words in WORDS are dropped from queries (kept inside phrases). */
xc_status xc_queryparser_set_stopwords(xc_queryparser *qp, const char *const *words, size_t n);
/* XC_OP_OR (the default), XC_OP_AND, XC_OP_NEAR, XC_OP_PHRASE, XC_OP_ELITE_SET or XC_OP_MAX. */
xc_status xc_queryparser_set_default_op(xc_queryparser *qp, xc_query_op op);
/* DB (borrowed: it must outlive QP's use of it) supplies spelling data,
 * synonyms and wildcard expansion. */
xc_status xc_queryparser_set_database(xc_queryparser *qp, xc_database *db);
/* FIELD:words searches terms prefixed by PREFIX (free text). A field may map
 * to several prefixes. */
xc_status xc_queryparser_add_prefix(xc_queryparser *qp, const char *field, const char *prefix);
/* FIELD:value filters on the boolean term PREFIX+value. EXCLUSIVE 1: several
 * values of one field are ORed (Xapian's default). */
xc_status xc_queryparser_add_boolean_prefix(xc_queryparser *qp, const char *field,
                                            const char *prefix, int exclusive);
/* Parses TEXT with FLAGS (XC_QP_*), unprefixed words under DEFAULT_PREFIX ("" or
 * NULL for none). *OUT: a new query (maybe empty) the caller frees.
 * XC_ERR_QUERY with a message when TEXT cannot be parsed. */
xc_status xc_queryparser_parse(xc_queryparser *qp, const char *text, unsigned flags,
                               const char *default_prefix, xc_query **out);
/* After a parse with XC_QP_SPELLING_CORRECTION: the corrected query string, or
 * "" when no correction was made. *OUT is malloc'd. */
xc_status xc_queryparser_corrected(xc_queryparser *qp, char **out);

/* ------------------------------------------------------------- match spies */

typedef struct xc_valuecount xc_valuecount;

/* Counts the values in SLOT over the documents a search looks at (facets). */
xc_status xc_valuecount_new(xc_slot slot, xc_valuecount **out);
void xc_valuecount_free(xc_valuecount *spy);
/* Documents the spy saw. */
xc_status xc_valuecount_total(xc_valuecount *spy, unsigned *out);
/* Calls FN with up to MAX (0: all) values, most frequent first; VALUE is
 * borrowed for the call and FREQ is its count. */
xc_status xc_valuecount_top(xc_valuecount *spy, unsigned max, xc_term_fn fn, void *user);

/* ---------------------------------------------------------------- enquire */

typedef struct xc_enquire xc_enquire;
typedef struct xc_mset xc_mset;
typedef struct xc_eset xc_eset;

/* An enquire session on DB (borrowed: DB must outlive it). */
xc_status xc_enquire_new(xc_database *db, xc_enquire **out);
void xc_enquire_free(xc_enquire *enq);
/* Copies Q into the enquire; Q stays the caller's. QLEN is the query length
 * for weighting (0: the number of terms). */
xc_status xc_enquire_set_query(xc_enquire *enq, const xc_query *q, unsigned qlen);
/* BM25 with Xapian's parameters (defaults: k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5). */
xc_status xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2, double k3, double b,
                              double min_normlen);
/* At most MAX_PER_KEY (>= 1) results per value of SLOT (e.g. 3 paths of one
 * playbook); slot (xc_slot)-1 turns collapsing off. */
xc_status xc_enquire_set_collapse_key(xc_enquire *enq, xc_slot slot, unsigned max_per_key);
/* Drops results under PERCENT of the best one, or weight under MIN_WEIGHT. */
xc_status xc_enquire_set_cutoff(xc_enquire *enq, int percent, double min_weight);
/* Sorts by the value in SLOT (byte order; REVERSE 1 for descending), then
 * relevance, instead of relevance alone. */
xc_status xc_enquire_set_sort_by_value(xc_enquire *enq, xc_slot slot, int reverse);
/* SPY (borrowed) sees every matching document of later get_mset calls; it must
 * outlive ENQ, or be detached with xc_enquire_clear_matchspies first. */
xc_status xc_enquire_add_matchspy(xc_enquire *enq, xc_valuecount *spy);
xc_status xc_enquire_clear_matchspies(xc_enquire *enq);
/* Runs the query: up to MAXITEMS results from rank FIRST (0-based), looking
 * at CHECKATLEAST documents at least (so spies and estimates see them).
 * *OUT is freed with xc_mset_free(). XC_ERR_MODIFIED: reopen and retry. */
xc_status xc_enquire_mset(xc_enquire *enq, unsigned first, unsigned maxitems,
                          unsigned checkatleast, xc_mset **out);
/* "More like this": the MAXITEMS best terms of the documents DOCIDS (N of
 * them), as an expand set; *OUT freed with xc_eset_free(). Terms that are
 * boolean prefixes are the caller's to skip. */
xc_status xc_enquire_eset(xc_enquire *enq, const xc_docid *docids, size_t n, unsigned maxitems,
                          xc_eset **out);

/* ---------------------------------------------------------------- results */

void xc_mset_free(xc_mset *mset);
/* Results in this MSet. */
unsigned xc_mset_size(const xc_mset *mset);
/* Xapian's estimate of all matches, and its bounds. */
unsigned xc_mset_matches_estimated(const xc_mset *mset);
unsigned xc_mset_matches_lower_bound(const xc_mset *mset);
unsigned xc_mset_matches_upper_bound(const xc_mset *mset);
/* The result at I (0-based, < size): docid, weight, percentage (0-100). */
xc_status xc_mset_docid(const xc_mset *mset, unsigned i, xc_docid *out);
xc_status xc_mset_weight(const xc_mset *mset, unsigned i, double *out);
xc_status xc_mset_percent(const xc_mset *mset, unsigned i, int *out);
/* WEIGHT as a percentage on MSET's scale, as its own items get theirs: a
 * result found by another query with the same weights takes its percentage
 * from a set the plain query made. */
xc_status xc_mset_convert_percent(const xc_mset *mset, double weight, int *out);
/* The highest weight any result could have had (for normalising scores). */
double xc_mset_max_possible(const xc_mset *mset);
double xc_mset_max_attained(const xc_mset *mset);
/* The data blob and a value of the result at I (malloc'd, as for documents). */
xc_status xc_mset_data(const xc_mset *mset, unsigned i, char **data, size_t *len);
xc_status xc_mset_value(const xc_mset *mset, unsigned i, xc_slot slot, char **value, size_t *len);
/* How many results at I shared its collapse key and were dropped. */
xc_status xc_mset_collapse_count(const xc_mset *mset, unsigned i, unsigned *out);

/* Snippet flags (Xapian::MSet::SNIPPET_*). */
enum { XC_SNIPPET_BACKGROUND_MODEL = 1, XC_SNIPPET_EXHAUSTIVE = 2, XC_SNIPPET_EMPTY_WITHOUT_MATCH = 4 };
/* The best LENGTH-byte extract of TEXT for this MSet's query, matched words
 * wrapped in HI_START and HI_END (e.g. "[" and "]"), cut text marked with
 * OMIT ("..."). LANGUAGE is the stemmer the text was indexed with. *OUT is
 * malloc'd. Note Xapian escapes &, < and > in TEXT as HTML entities. */
xc_status xc_mset_snippet(const xc_mset *mset, const char *text, size_t length,
                          const char *language, unsigned flags, const char *hi_start,
                          const char *hi_end, const char *omit, char **out);

void xc_eset_free(xc_eset *eset);
unsigned xc_eset_size(const xc_eset *eset);
/* The term at I (borrowed: valid as long as ESET) and its weight. */
xc_status xc_eset_term(const xc_eset *eset, unsigned i, const char **term, double *weight);

/* ------------------------------------------------------------ added later */

/* WORD stemmed with LANGUAGE's Snowball stemmer ("english"); *OUT malloc'd.
 * The indexer stems synonym terms with it so they match STEM_ALL terms. */
xc_status xc_stem_word(const char *language, const char *word, char **out);

/* Calls FN with every metadata key starting with PREFIX, in byte order (FREQ
 * is 0). The indexer lists the files it indexed with it. */
xc_status xc_database_metadata_keys(xc_database *db, const char *prefix, xc_term_fn fn,
                                    void *user);

/* A reusable stemmer: cheaper than xc_stem_word for the many words of a
 * query. LANGUAGE as for xc_termgen_new. Free with xc_stemmer_free(). */
typedef struct xc_stemmer xc_stemmer;
xc_status xc_stemmer_new(const char *language, xc_stemmer **out);
void xc_stemmer_free(xc_stemmer *st);
/* WORD (LEN bytes) stemmed into *OUT (malloc'd). */
xc_status xc_stemmer_stem(xc_stemmer *st, const char *word, size_t len, char **out);

/* Splits LEN bytes of TEXT ((size_t)-1: up to the NUL) into words exactly as
 * the term generator does (Unicode-aware, lowercased, unstemmed), calling FN
 * for each in text order with WORD borrowed for the call and FREQ set to its
 * 1-based position. The search builds its own queries from these so they use
 * the indexer's terms. FN returns non-zero to stop early. */
xc_status xc_text_words(const char *text, size_t len, xc_term_fn fn, void *user);

#ifdef __cplusplus
}
#endif

#endif
