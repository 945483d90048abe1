/* test-xapian-c.c: every function of xapian-c.h, on in-memory, on-disk, stub
 * and remote databases, and the error statuses: NULL arguments, read-only
 * writes, missing databases and documents, a locked database (and waiting for
 * the lock), a database modified under a reader, a query that cannot be
 * parsed, an unreachable remote server. The remote cases need xapian-progsrv
 * and xapian-tcpsrv (Debian package xapian-tools): without them they print a
 * skip line and the rest still runs. */
#define _XOPEN_SOURCE 700
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "xapian-c.h"

static char root[512]; /* the temporary directory of this run */

/* ROOT/NAME in BUF. */
static const char *in_root(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", root, name);
    return buf;
}

static int rm_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb, (void)type, (void)ftw;
    return remove(path);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* 1 when PROGRAM is an executable file in a directory of $PATH. */
static int on_path(const char *program)
{
    const char *path = getenv("PATH");
    if (!path)
        return 0;
    char *copy = strdup(path), *save = NULL;
    int found = 0;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char full[1024];
        snprintf(full, sizeof full, "%s/%s", *dir ? dir : ".", program);
        found = access(full, X_OK) == 0;
    }
    free(copy);
    return found;
}

/* A loopback TCP port nobody listens on (bound, then released). */
static unsigned unused_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = 0;
    unsigned port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
        getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
        port = ntohs(sa.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

/* ------------------------------------------------------------ collectors */

/* What the xc_*_fn callbacks saw: "term:freq " (or "term " / "docid ") each. */
typedef struct collect {
    char buf[4096];
    size_t len;
    int count;
    int stop_after; /* return non-zero after this many calls (0: never) */
    int with_freq;
} collect;

static void collect_init(collect *c, int with_freq, int stop_after)
{
    memset(c, 0, sizeof *c);
    c->with_freq = with_freq;
    c->stop_after = stop_after;
}

static int collect_term(void *user, const char *term, size_t len, unsigned freq)
{
    collect *c = user;
    int n;
    if (c->with_freq)
        n = snprintf(c->buf + c->len, sizeof c->buf - c->len, "%.*s:%u ", (int)len, term, freq);
    else
        n = snprintf(c->buf + c->len, sizeof c->buf - c->len, "%.*s ", (int)len, term);
    if (n > 0 && (size_t)n < sizeof c->buf - c->len)
        c->len += (size_t)n;
    c->count++;
    return c->stop_after && c->count >= c->stop_after;
}

static int collect_docid(void *user, xc_docid docid)
{
    collect *c = user;
    int n = snprintf(c->buf + c->len, sizeof c->buf - c->len, "%u ", docid);
    if (n > 0 && (size_t)n < sizeof c->buf - c->len)
        c->len += (size_t)n;
    c->count++;
    return c->stop_after && c->count >= c->stop_after;
}

/* The terms of DOC as "term:wdf ...". */
static const char *doc_terms(xc_document *doc, collect *c)
{
    collect_init(c, 1, 0);
    CHECK(xc_document_terms(doc, collect_term, c) == XC_OK);
    return c->buf;
}

/* A document with data TEXT, indexed by TG (positions on), value 0 CATEGORY and
 * value 1 YEAR (NULL: none), added to DB. Returns its docid (0 on failure). */
static xc_docid add_text_doc(xc_database *db, xc_termgen *tg, const char *text,
                             const char *category, const char *year)
{
    xc_document *doc = NULL;
    xc_docid id = 0;
    if (xc_document_new(&doc) != XC_OK)
        return 0;
    int ok = xc_document_set_data(doc, text, strlen(text)) == XC_OK &&
             xc_termgen_set_document(tg, doc) == XC_OK &&
             xc_termgen_index_text(tg, text, (size_t)-1, 1, NULL, 1) == XC_OK &&
             xc_document_set_value(doc, 0, category, strlen(category)) == XC_OK &&
             (!year || xc_document_set_value(doc, 1, year, strlen(year)) == XC_OK) &&
             xc_database_add_document(db, doc, &id) == XC_OK;
    xc_document_free(doc);
    return ok ? id : 0;
}

/* Number of results of Q on DB (-1 on failure). */
static int count_matches(xc_database *db, xc_query *q)
{
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    int n = -1;
    if (xc_enquire_new(db, &enq) == XC_OK && xc_enquire_set_query(enq, q, 0) == XC_OK &&
        xc_enquire_mset(enq, 0, 100, 0, &m) == XC_OK)
        n = (int)xc_mset_size(m);
    xc_mset_free(m);
    xc_enquire_free(enq);
    return n;
}

static xc_query *term(const char *t)
{
    xc_query *q = NULL;
    xc_query_new_term(t, 0, 0, &q);
    return q;
}

/* ------------------------------------------------------------------ tests */

static void test_general(void)
{
    CHECK_STR(xc_last_error(), "");
    CHECK_STR(xc_status_to_string(XC_OK), "success");
    CHECK_STR(xc_status_to_string(XC_ERR_LOCKED), "database locked by another writer");
    int all_named = 1;
    for (int s = XC_OK; s <= XC_ERR_UNKNOWN; s++) {
        const char *name = xc_status_to_string((xc_status)s);
        if (!name || !*name || strcmp(name, "unknown status") == 0)
            all_named = 0;
    }
    CHECK(all_named);
    CHECK_STR(xc_status_to_string((xc_status)999), "unknown status");
    const char *v = xc_version_string();
    CHECK(v && strncmp(v, "1.", 2) == 0);
    printf("# libxapian %s\n", v ? v : "?");

    /* Stemming. */
    char *s = NULL;
    CHECK(xc_stem_word("english", "running", &s) == XC_OK);
    CHECK_STR(s, "run");
    free(s);
    s = NULL;
    CHECK(xc_stem_word("none", "running", &s) == XC_OK);
    CHECK_STR(s, "running");
    free(s);
    s = NULL;
    CHECK(xc_stem_word(NULL, "Charges", &s) == XC_OK);
    CHECK_STR(s, "Charges");
    free(s);
    s = NULL;
    CHECK(xc_stem_word("klingon", "running", &s) == XC_ERR_INVALID);
    CHECK(s == NULL);
    CHECK(strstr(xc_last_error(), "klingon") != NULL);
    CHECK(xc_stem_word("english", NULL, &s) == XC_ERR_INVALID);
    CHECK(xc_stem_word("english", "x", NULL) == XC_ERR_INVALID);
    CHECK(strstr(xc_last_error(), "NULL") != NULL);

    /* Every free accepts NULL. */
    xc_database_free(NULL);
    xc_document_free(NULL);
    xc_termgen_free(NULL);
    xc_query_free(NULL);
    xc_queryparser_free(NULL);
    xc_valuecount_free(NULL);
    xc_enquire_free(NULL);
    xc_mset_free(NULL);
    xc_eset_free(NULL);
    CHECK(1);
}

static void test_documents(void)
{
    xc_document *doc = NULL;
    collect c;
    CHECK(xc_document_new(&doc) == XC_OK);
    CHECK(xc_document_new(NULL) == XC_ERR_INVALID);
    if (!doc)
        return;

    char *data = NULL;
    size_t len = 99;
    CHECK(xc_document_get_data(doc, &data, &len) == XC_OK);
    CHECK_STR(data, "");
    CHECK(len == 0);
    free(data);
    CHECK(xc_document_set_data(doc, "a\0b", 3) == XC_OK);
    CHECK(xc_document_get_data(doc, &data, &len) == XC_OK);
    CHECK(len == 3 && memcmp(data, "a\0b", 4) == 0); /* NUL-terminated too */
    free(data);
    CHECK(xc_document_get_data(doc, &data, NULL) == XC_OK);
    CHECK_STR(data, "a");
    free(data);
    CHECK(xc_document_set_data(doc, NULL, 5) == XC_ERR_INVALID);
    CHECK(xc_document_set_data(doc, NULL, 0) == XC_OK);
    CHECK(xc_document_get_data(NULL, &data, NULL) == XC_ERR_INVALID);
    CHECK(xc_document_get_data(doc, NULL, NULL) == XC_ERR_INVALID);

    CHECK(xc_document_add_term(doc, "apple", 2) == XC_OK);
    CHECK(xc_document_add_term(doc, "apple", 1) == XC_OK);
    CHECK(xc_document_add_posting(doc, "pear", 1, 1) == XC_OK);
    CHECK(xc_document_add_posting(doc, "pear", 5, 1) == XC_OK);
    CHECK(xc_document_add_boolean_term(doc, "Kbilling") == XC_OK);
    CHECK(xc_document_add_term(doc, "gone", 1) == XC_OK);
    CHECK(xc_document_remove_term(doc, "gone") == XC_OK);
    CHECK_STR(doc_terms(doc, &c), "Kbilling:0 apple:3 pear:2 ");
    CHECK(xc_document_remove_term(doc, "never-there") == XC_ERR_INVALID);
    CHECK(xc_document_add_term(doc, NULL, 1) == XC_ERR_INVALID);
    CHECK(xc_document_add_posting(NULL, "x", 1, 1) == XC_ERR_INVALID);
    CHECK(xc_document_add_boolean_term(doc, NULL) == XC_ERR_INVALID);
    collect_init(&c, 1, 2);
    CHECK(xc_document_terms(doc, collect_term, &c) == XC_OK);
    CHECK(c.count == 2); /* stopped early */
    CHECK(xc_document_terms(doc, NULL, NULL) == XC_ERR_INVALID);

    char *value = NULL;
    CHECK(xc_document_get_value(doc, 3, &value, &len) == XC_OK);
    CHECK_STR(value, "");
    CHECK(len == 0);
    free(value);
    CHECK(xc_document_set_value(doc, 3, "2024-01", 7) == XC_OK);
    CHECK(xc_document_get_value(doc, 3, &value, &len) == XC_OK);
    CHECK_STR(value, "2024-01");
    CHECK(len == 7);
    free(value);
    CHECK(xc_document_set_value(doc, 3, NULL, 0) == XC_OK); /* removes it */
    CHECK(xc_document_get_value(doc, 3, &value, NULL) == XC_OK);
    CHECK_STR(value, "");
    free(value);
    CHECK(xc_document_set_value(doc, 3, NULL, 2) == XC_ERR_INVALID);
    CHECK(xc_document_get_value(NULL, 3, &value, NULL) == XC_ERR_INVALID);
    xc_document_free(doc);
}

static void test_inmemory(void)
{
    xc_database *db = NULL;
    collect c;
    CHECK(xc_database_open_writable(NULL, XC_DB_INMEMORY, &db) == XC_OK);
    if (!db)
        return;
    CHECK(xc_database_is_writable(db) == 1);
    CHECK(xc_database_is_writable(NULL) == 0);
    CHECK(xc_database_open_writable(NULL, XC_DB_CREATE_OR_OPEN, &db) == XC_ERR_INVALID);
    CHECK(xc_database_open_writable("x", 0x1000, &db) == XC_ERR_INVALID);

    /* Three documents. */
    const char *words[3][3] = {{"apple", "pear", "Qa"}, {"apple", "plum", "Qb"},
                               {"fig", "pear", "Qc"}};
    for (int i = 0; i < 3; i++) {
        xc_document *doc = NULL;
        xc_docid id = 0;
        xc_document_new(&doc);
        for (int j = 0; j < 2; j++)
            xc_document_add_posting(doc, words[i][j], (unsigned)j + 1, 1);
        xc_document_add_boolean_term(doc, words[i][2]);
        xc_document_set_data(doc, words[i][2], 2);
        CHECK(xc_database_add_document(db, doc, &id) == XC_OK);
        CHECK(id == (xc_docid)i + 1);
        xc_document_free(doc);
    }
    unsigned n = 0;
    xc_docid last = 0;
    int exists = -1;
    CHECK(xc_database_doccount(db, &n) == XC_OK && n == 3);
    CHECK(xc_database_lastdocid(db, &last) == XC_OK && last == 3);
    CHECK(xc_database_term_exists(db, "pear", &exists) == XC_OK && exists == 1);
    CHECK(xc_database_term_exists(db, "kiwi", &exists) == XC_OK && exists == 0);
    CHECK(xc_database_termfreq(db, "apple", &n) == XC_OK && n == 2);
    CHECK(xc_database_termfreq(db, "kiwi", &n) == XC_OK && n == 0);
    CHECK(xc_database_doccount(NULL, &n) == XC_ERR_INVALID);
    CHECK(xc_database_doccount(db, NULL) == XC_ERR_INVALID);
    CHECK(xc_database_lastdocid(NULL, &last) == XC_ERR_INVALID);
    CHECK(xc_database_term_exists(db, NULL, &exists) == XC_ERR_INVALID);
    CHECK(xc_database_termfreq(db, "x", NULL) == XC_ERR_INVALID);

    collect_init(&c, 0, 0);
    CHECK(xc_database_postlist(db, "pear", collect_docid, &c) == XC_OK);
    CHECK_STR(c.buf, "1 3 ");
    collect_init(&c, 0, 0);
    CHECK(xc_database_postlist(db, "", collect_docid, &c) == XC_OK); /* every document */
    CHECK_STR(c.buf, "1 2 3 ");
    collect_init(&c, 0, 1);
    CHECK(xc_database_postlist(db, "apple", collect_docid, &c) == XC_OK);
    CHECK_STR(c.buf, "1 ");
    collect_init(&c, 0, 0);
    CHECK(xc_database_postlist(db, "kiwi", collect_docid, &c) == XC_OK && c.count == 0);
    CHECK(xc_database_postlist(db, "pear", NULL, NULL) == XC_ERR_INVALID);

    collect_init(&c, 1, 0);
    CHECK(xc_database_allterms(db, "", collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "Qa:1 Qb:1 Qc:1 apple:2 fig:1 pear:2 plum:1 ");
    collect_init(&c, 1, 0);
    CHECK(xc_database_allterms(db, "p", collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "pear:2 plum:1 ");
    collect_init(&c, 1, 2);
    CHECK(xc_database_allterms(db, NULL, collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "Qa:1 Qb:1 ");

    /* Documents. */
    xc_document *doc = NULL;
    char *data = NULL;
    size_t len = 0;
    CHECK(xc_database_get_document(db, 2, &doc) == XC_OK);
    CHECK(xc_document_get_data(doc, &data, &len) == XC_OK);
    CHECK_STR(data, "Qb");
    free(data);
    CHECK_STR(doc_terms(doc, &c), "Qb:0 apple:1 plum:1 ");
    /* The copy is the caller's: changing it does not change the database. */
    CHECK(xc_document_add_term(doc, "cherry", 1) == XC_OK);
    CHECK(xc_database_term_exists(db, "cherry", &exists) == XC_OK && exists == 0);
    xc_document_free(doc);
    doc = (xc_document *)&c; /* untouched on failure */
    CHECK(xc_database_get_document(db, 42, &doc) == XC_ERR_NOT_FOUND);
    CHECK(doc == (xc_document *)&c);
    CHECK(strstr(xc_last_error(), "42") != NULL);
    CHECK(xc_database_get_document(db, 0, &doc) == XC_ERR_NOT_FOUND);
    CHECK(xc_database_get_document(NULL, 1, &doc) == XC_ERR_INVALID);
    CHECK(xc_database_get_document(db, 1, NULL) == XC_ERR_INVALID);

    /* Replace, by id and by unique term; delete. */
    xc_document *nd = NULL;
    xc_docid id = 0;
    xc_document_new(&nd);
    xc_document_add_term(nd, "kiwi", 1);
    xc_document_add_boolean_term(nd, "Qb");
    CHECK(xc_database_replace_document(db, 1, nd) == XC_OK);
    CHECK(xc_database_termfreq(db, "kiwi", &n) == XC_OK && n == 1);
    CHECK(xc_database_replace_document(db, 10, nd) == XC_OK); /* absent: added as 10 */
    CHECK(xc_database_lastdocid(db, &last) == XC_OK && last == 10);
    CHECK(xc_database_replace_document(db, 0, nd) == XC_ERR_INVALID);
    CHECK(xc_database_replace_document(db, 1, NULL) == XC_ERR_INVALID);
    /* Qb indexes 1, 2 and 10: the first is replaced, the others deleted. */
    CHECK(xc_database_replace_document_by_term(db, "Qb", nd, &id) == XC_OK);
    CHECK(id == 1);
    CHECK(xc_database_termfreq(db, "Qb", &n) == XC_OK && n == 1);
    CHECK(xc_database_doccount(db, &n) == XC_OK && n == 2);
    xc_document_add_boolean_term(nd, "Qnew");
    CHECK(xc_database_replace_document_by_term(db, "Qnew", nd, &id) == XC_OK); /* added */
    CHECK(id == 11);
    id = 0;
    CHECK(xc_database_replace_document_by_term(db, "Qnew", nd, &id) == XC_OK); /* replaced */
    CHECK(id == 11);
    CHECK(xc_database_replace_document_by_term(db, "Qnew", nd, NULL) == XC_OK);
    CHECK(xc_database_replace_document_by_term(db, NULL, nd, NULL) == XC_ERR_INVALID);
    CHECK(xc_database_delete_document(db, 11) == XC_OK);
    CHECK(xc_database_delete_document(db, 11) == XC_ERR_NOT_FOUND);
    CHECK(xc_database_delete_documents_by_term(db, "Qc") == XC_OK);
    CHECK(xc_database_delete_documents_by_term(db, "Qc") == XC_OK); /* none: no error */
    CHECK(xc_database_doccount(db, &n) == XC_OK && n == 1);
    CHECK(xc_database_delete_documents_by_term(db, NULL) == XC_ERR_INVALID);
    CHECK(xc_database_add_document(db, NULL, NULL) == XC_ERR_INVALID);
    CHECK(xc_database_add_document(db, nd, NULL) == XC_OK);
    xc_document_free(nd);

    /* What the InMemory backend does not do. */
    char *value = NULL;
    CHECK(xc_database_set_metadata(db, "file:a.xml", "1", 1) == XC_OK);
    CHECK(xc_database_get_metadata(db, "file:a.xml", &value, &len) == XC_OK);
    CHECK_STR(value, "1");
    free(value);
    collect_init(&c, 0, 0);
    CHECK(xc_database_metadata_keys(db, "", collect_term, &c) == XC_ERR_UNIMPLEMENTED);
    CHECK(strstr(xc_last_error(), "InMemory") != NULL);
    CHECK(xc_database_add_spelling(db, "refund", 1) == XC_ERR_UNIMPLEMENTED);
    CHECK(xc_database_remove_spelling(db, "refund", 1) == XC_ERR_UNIMPLEMENTED);
    CHECK(xc_database_add_synonym(db, "refund", "money back") == XC_ERR_UNIMPLEMENTED);
    CHECK(xc_database_remove_synonym(db, "refund", "money back") == XC_ERR_UNIMPLEMENTED);
    CHECK(xc_database_clear_synonyms(db, "refund") == XC_ERR_UNIMPLEMENTED);
    CHECK(xc_database_begin_transaction(db, 1) == XC_ERR_UNIMPLEMENTED);
    CHECK(xc_database_commit_transaction(db) == XC_ERR_UNIMPLEMENTED);
    CHECK(xc_database_cancel_transaction(db) == XC_ERR_UNIMPLEMENTED);
    CHECK(xc_database_commit(db) == XC_OK);
    CHECK(xc_database_commit(NULL) == XC_ERR_INVALID);
    int changed = -1;
    CHECK(xc_database_reopen(db, &changed) == XC_OK); /* a writer: nothing to do */
    CHECK(changed == 0);
    CHECK(xc_database_reopen(NULL, NULL) == XC_ERR_INVALID);
    xc_database_free(db);
}

/* Metadata, spelling, synonyms and transactions, on disk (the InMemory backend
 * has none of them but metadata). */
static void test_features(void)
{
    char dir[600];
    xc_database *db = NULL;
    xc_document *nd = NULL;
    collect c;
    unsigned n = 0;
    size_t len = 0;
    CHECK(xc_database_open_writable(in_root(dir, sizeof dir, "features"),
                                    XC_DB_CREATE | XC_DB_NO_SYNC, &db) == XC_OK);
    if (!db)
        return;
    /* Metadata. */
    char *value = NULL;
    CHECK(xc_database_get_metadata(db, "file:a.xml", &value, &len) == XC_OK);
    CHECK_STR(value, "");
    CHECK(len == 0);
    free(value);
    CHECK(xc_database_set_metadata(db, "file:a.xml", "123\0x", 5) == XC_OK);
    CHECK(xc_database_set_metadata(db, "file:b.xml", "456", 3) == XC_OK);
    CHECK(xc_database_set_metadata(db, "other", "7", 1) == XC_OK);
    CHECK(xc_database_get_metadata(db, "file:a.xml", &value, &len) == XC_OK);
    CHECK(len == 5 && memcmp(value, "123\0x", 6) == 0);
    free(value);
    collect_init(&c, 1, 0);
    CHECK(xc_database_metadata_keys(db, "file:", collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "file:a.xml:0 file:b.xml:0 ");
    collect_init(&c, 0, 0);
    CHECK(xc_database_metadata_keys(db, NULL, collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "file:a.xml file:b.xml other ");
    CHECK(xc_database_set_metadata(db, "file:b.xml", NULL, 0) == XC_OK); /* removed */
    collect_init(&c, 0, 0);
    CHECK(xc_database_metadata_keys(db, "file:", collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "file:a.xml ");
    CHECK(xc_database_set_metadata(db, "", "x", 1) == XC_ERR_INVALID); /* Xapian's own check */
    CHECK(xc_database_get_metadata(db, NULL, &value, NULL) == XC_ERR_INVALID);
    CHECK(xc_database_metadata_keys(db, "", NULL, NULL) == XC_ERR_INVALID);

    /* Spelling. */
    char *s = NULL;
    CHECK(xc_database_add_spelling(db, "refund", 3) == XC_OK);
    CHECK(xc_database_add_spelling(db, "refunds", 1) == XC_OK);
    CHECK(xc_database_spelling_suggestion(db, "refnud", 0, &s) == XC_OK);
    CHECK_STR(s, "refund");
    free(s);
    CHECK(xc_database_spelling_suggestion(db, "rfnd", 1, &s) == XC_OK); /* 2 edits away */
    CHECK_STR(s, "");
    free(s);
    CHECK(xc_database_spelling_suggestion(db, "rfnd", 2, &s) == XC_OK);
    CHECK_STR(s, "refund");
    free(s);
    CHECK(xc_database_remove_spelling(db, "refund", 3) == XC_OK);
    CHECK(xc_database_spelling_suggestion(db, "refnud", 2, &s) == XC_OK);
    CHECK_STR(s, "refunds");
    free(s);
    CHECK(xc_database_spelling_suggestion(db, "zzzzzz", 3, &s) == XC_OK);
    CHECK_STR(s, "");
    free(s);
    CHECK(xc_database_spelling_suggestion(db, NULL, 2, &s) == XC_ERR_INVALID);
    CHECK(xc_database_add_spelling(db, NULL, 1) == XC_ERR_INVALID);
    CHECK(xc_database_remove_spelling(NULL, "x", 1) == XC_ERR_INVALID);

    /* Synonyms. */
    CHECK(xc_database_add_synonym(db, "close my account", "cancel") == XC_OK);
    CHECK(xc_database_add_synonym(db, "refund", "chargeback") == XC_OK);
    CHECK(xc_database_add_synonym(db, "refund", "reimburse") == XC_OK);
    CHECK(xc_database_add_synonym(db, "refund", "money back") == XC_OK);
    collect_init(&c, 0, 0);
    CHECK(xc_database_synonyms(db, "refund", collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "chargeback money back reimburse ");
    collect_init(&c, 1, 0);
    CHECK(xc_database_synonyms(db, "nothing", collect_term, &c) == XC_OK && c.count == 0);
    collect_init(&c, 0, 0);
    CHECK(xc_database_synonym_keys(db, "", collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "close my account refund ");
    collect_init(&c, 0, 0);
    CHECK(xc_database_synonym_keys(db, "re", collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "refund ");
    CHECK(xc_database_remove_synonym(db, "refund", "chargeback") == XC_OK);
    collect_init(&c, 0, 0);
    CHECK(xc_database_synonyms(db, "refund", collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "money back reimburse ");
    CHECK(xc_database_clear_synonyms(db, "refund") == XC_OK);
    collect_init(&c, 0, 0);
    CHECK(xc_database_synonym_keys(db, NULL, collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "close my account ");
    CHECK(xc_database_add_synonym(db, "x", NULL) == XC_ERR_INVALID);
    CHECK(xc_database_remove_synonym(db, NULL, "x") == XC_ERR_INVALID);
    CHECK(xc_database_clear_synonyms(db, NULL) == XC_ERR_INVALID);
    CHECK(xc_database_synonyms(db, "x", NULL, NULL) == XC_ERR_INVALID);
    CHECK(xc_database_synonym_keys(NULL, "", collect_term, &c) == XC_ERR_INVALID);

    /* Transactions. */
    unsigned before = 0;
    xc_database_doccount(db, &before);
    xc_document_new(&nd);
    xc_document_add_term(nd, "txn", 1);
    CHECK(xc_database_begin_transaction(db, 0) == XC_OK);
    CHECK(xc_database_add_document(db, nd, NULL) == XC_OK);
    CHECK(xc_database_cancel_transaction(db) == XC_OK);
    CHECK(xc_database_doccount(db, &n) == XC_OK && n == before);
    CHECK(xc_database_begin_transaction(db, 1) == XC_OK);
    CHECK(xc_database_begin_transaction(db, 1) == XC_ERR_INVALID); /* no nesting */
    CHECK(xc_database_add_document(db, nd, NULL) == XC_OK);
    CHECK(xc_database_commit_transaction(db) == XC_OK);
    CHECK(xc_database_doccount(db, &n) == XC_OK && n == before + 1);
    CHECK(xc_database_commit_transaction(db) == XC_ERR_INVALID);
    CHECK(strstr(xc_last_error(), "transaction") != NULL);
    CHECK(xc_database_cancel_transaction(db) == XC_ERR_INVALID);
    xc_document_free(nd);
    xc_database_free(db);
}

/* An on-disk database: create, open, commit, close, stub, read-only writes,
 * missing, unopenable and corrupt databases. */
static void test_disk(void)
{
    char dir[600], other[600], stub[600];
    in_root(dir, sizeof dir, "disk");
    xc_database *w = NULL, *r = NULL;
    unsigned n = 0;

    CHECK(xc_database_open_writable(dir, XC_DB_OPEN, &w) == XC_ERR_NOT_FOUND);
    CHECK(w == NULL);
    CHECK(xc_database_open(dir, &r) == XC_ERR_NOT_FOUND);
    CHECK(r == NULL);
    CHECK(strstr(xc_last_error(), dir) != NULL);
    CHECK(xc_database_open(NULL, &r) == XC_ERR_INVALID);
    CHECK(xc_database_open(dir, NULL) == XC_ERR_INVALID);

    CHECK(xc_database_open_writable(dir, XC_DB_CREATE | XC_DB_NO_SYNC, &w) == XC_OK);
    if (!w)
        return;
    CHECK(xc_database_is_writable(w) == 1);
    xc_document *doc = NULL;
    xc_document_new(&doc);
    xc_document_add_term(doc, "one", 1);
    xc_document_set_data(doc, "first", 5);
    CHECK(xc_database_add_document(w, doc, NULL) == XC_OK);
    CHECK(xc_database_set_metadata(w, "k", "v", 1) == XC_OK);
    CHECK(xc_database_commit(w) == XC_OK);

    CHECK(xc_database_open(dir, &r) == XC_OK);
    CHECK(xc_database_is_writable(r) == 0);
    CHECK(xc_database_doccount(r, &n) == XC_OK && n == 1);

    /* Uncommitted changes: invisible to the reader, committed by free. */
    CHECK(xc_database_add_document(w, doc, NULL) == XC_OK);
    int changed = -1;
    CHECK(xc_database_reopen(r, &changed) == XC_OK && changed == 0);
    CHECK(xc_database_doccount(r, &n) == XC_OK && n == 1);
    xc_database_free(w);
    w = NULL;
    CHECK(xc_database_reopen(r, &changed) == XC_OK && changed == 1);
    CHECK(xc_database_doccount(r, &n) == XC_OK && n == 2);
    CHECK(xc_database_reopen(r, NULL) == XC_OK);

    /* A transaction still open at free is discarded. */
    CHECK(xc_database_open_writable(dir, XC_DB_CREATE_OR_OPEN | XC_DB_NO_SYNC, &w) == XC_OK);
    CHECK(xc_database_begin_transaction(w, 1) == XC_OK);
    CHECK(xc_database_add_document(w, doc, NULL) == XC_OK);
    xc_database_free(w);
    w = NULL;
    CHECK(xc_database_reopen(r, &changed) == XC_OK && changed == 0);
    CHECK(xc_database_doccount(r, &n) == XC_OK && n == 2);

    /* XC_DB_CREATE on an existing database; XC_DB_CREATE_OR_OVERWRITE. */
    CHECK(xc_database_open_writable(dir, XC_DB_CREATE, &w) == XC_ERR_OPENING);
    CHECK(w == NULL);
    in_root(other, sizeof other, "overwritten");
    CHECK(xc_database_open_writable(other, XC_DB_CREATE_OR_OPEN | XC_DB_NO_SYNC, &w) == XC_OK);
    CHECK(xc_database_add_document(w, doc, NULL) == XC_OK);
    xc_database_free(w);
    w = NULL;
    CHECK(xc_database_open_writable(other, XC_DB_CREATE_OR_OVERWRITE | XC_DB_NO_SYNC, &w) ==
          XC_OK);
    CHECK(xc_database_doccount(w, &n) == XC_OK && n == 0);
    xc_database_free(w);
    w = NULL;
    CHECK(xc_database_open_writable(other, XC_DB_OPEN, &w) == XC_OK);
    xc_database_free(w);
    w = NULL;

    /* Every write on a read-only database: XC_ERR_INVALID. */
    CHECK(xc_database_add_document(r, doc, NULL) == XC_ERR_INVALID);
    CHECK(strstr(xc_last_error(), "read-only") != NULL);
    CHECK(xc_database_replace_document(r, 1, doc) == XC_ERR_INVALID);
    CHECK(xc_database_replace_document_by_term(r, "one", doc, NULL) == XC_ERR_INVALID);
    CHECK(xc_database_delete_document(r, 1) == XC_ERR_INVALID);
    CHECK(xc_database_delete_documents_by_term(r, "one") == XC_ERR_INVALID);
    CHECK(xc_database_set_metadata(r, "k", "w", 1) == XC_ERR_INVALID);
    CHECK(xc_database_add_spelling(r, "word", 1) == XC_ERR_INVALID);
    CHECK(xc_database_remove_spelling(r, "word", 1) == XC_ERR_INVALID);
    CHECK(xc_database_add_synonym(r, "a", "b") == XC_ERR_INVALID);
    CHECK(xc_database_remove_synonym(r, "a", "b") == XC_ERR_INVALID);
    CHECK(xc_database_clear_synonyms(r, "a") == XC_ERR_INVALID);
    CHECK(xc_database_commit(r) == XC_ERR_INVALID);
    CHECK(xc_database_begin_transaction(r, 1) == XC_ERR_INVALID);
    CHECK(xc_database_commit_transaction(r) == XC_ERR_INVALID);
    CHECK(xc_database_cancel_transaction(r) == XC_ERR_INVALID);
    xc_termgen *tg = NULL;
    xc_termgen_new(NULL, &tg);
    CHECK(xc_termgen_set_spelling_database(tg, r) == XC_ERR_INVALID);
    xc_termgen_free(tg);
    char *value = NULL;
    CHECK(xc_database_get_metadata(r, "k", &value, NULL) == XC_OK);
    CHECK_STR(value, "v");
    free(value);
    xc_database_free(r);
    r = NULL;

    /* A stub database file naming the directory. */
    char text[700];
    in_root(stub, sizeof stub, "stub");
    snprintf(text, sizeof text, "auto %s\n", dir);
    write_file(stub, text);
    CHECK(xc_database_open(stub, &r) == XC_OK);
    CHECK(xc_database_doccount(r, &n) == XC_OK && n == 2);
    xc_database_free(r);
    r = NULL;
    CHECK(xc_database_open_writable(stub, XC_DB_OPEN | XC_DB_NO_SYNC, &w) == XC_OK);
    CHECK(xc_database_add_document(w, doc, NULL) == XC_OK);
    xc_database_free(w);
    w = NULL;
    CHECK(xc_database_open(dir, &r) == XC_OK);
    CHECK(xc_database_doccount(r, &n) == XC_OK && n == 3);
    xc_database_free(r);
    r = NULL;
    /* A stub naming a missing database: not found. */
    snprintf(text, sizeof text, "auto %s/missing\n", root);
    write_file(stub, text);
    CHECK(xc_database_open(stub, &r) == XC_ERR_NOT_FOUND);

    /* A file that is neither a database nor a stub: cannot be opened. */
    in_root(other, sizeof other, "garbage");
    write_file(other, "this is not a stub database\n");
    CHECK(xc_database_open(other, &r) == XC_ERR_OPENING);
    CHECK(r == NULL);
    /* A directory with a damaged glass version file: corrupt. */
    in_root(other, sizeof other, "corrupt");
    mkdir(other, 0700);
    snprintf(text, sizeof text, "%s/iamglass", other);
    write_file(text, "garbage garbage garbage\n");
    CHECK(xc_database_open(other, &r) == XC_ERR_CORRUPT);
    CHECK(r == NULL);
    CHECK(*xc_last_error() != '\0');
    xc_document_free(doc);
}

static void test_lock(void)
{
    char dir[600];
    in_root(dir, sizeof dir, "locked");
    xc_database *w1 = NULL, *w2 = NULL;
    CHECK(xc_database_open_writable(dir, XC_DB_CREATE_OR_OPEN | XC_DB_NO_SYNC, &w1) == XC_OK);
    if (!w1)
        return;
    /* Xapian's lock belongs to an open file (an OFD lock, or a lock held by a
     * child process where there are none), so a second writer in this very
     * process is locked out too. */
    CHECK(xc_database_open_writable(dir, XC_DB_CREATE_OR_OPEN, &w2) == XC_ERR_LOCKED);
    CHECK(w2 == NULL);
    CHECK(strstr(xc_last_error(), "lock") != NULL);
    CHECK(xc_database_open_writable(dir, XC_DB_OPEN, &w2) == XC_ERR_LOCKED);
    /* A reader is not locked out. */
    xc_database *r = NULL;
    CHECK(xc_database_open(dir, &r) == XC_OK);
    xc_database_free(r);

    xc_database_free(w1);

    /* XC_DB_RETRY_LOCK waits: a child process takes the lock and lets it go
     * 300ms later. (A process, not a thread: Xapian may lock with an OFD
     * lock, and valgrind does not let other threads run while this one
     * blocks in F_OFD_SETLKW.) */
    int ready[2];
    if (pipe(ready) != 0) {
        printf("# skip: retry-lock check (pipe failed)\n");
        return;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        xc_database *held = NULL;
        char ok = xc_database_open_writable(dir, XC_DB_OPEN | XC_DB_NO_SYNC, &held) == XC_OK
                      ? 'y'
                      : 'n';
        close(ready[0]);
        if (write(ready[1], &ok, 1) != 1)
            ok = 'n';
        sleep_ms(300);
        xc_database_free(held);
        _exit(ok == 'y' ? 0 : 1);
    }
    close(ready[1]);
    CHECK(pid > 0);
    if (pid < 0) {
        close(ready[0]);
        return;
    }
    char got = 0;
    CHECK(read(ready[0], &got, 1) == 1 && got == 'y');
    close(ready[0]);
    CHECK(xc_database_open_writable(dir, XC_DB_OPEN, &w2) == XC_ERR_LOCKED);
    double t0 = now();
    xc_status st = xc_database_open_writable(dir, XC_DB_OPEN | XC_DB_RETRY_LOCK, &w2);
    double waited = now() - t0;
    CHECK(st == XC_OK);
    CHECK(waited >= 0.1);
    printf("# retry-lock waited %.3fs\n", waited);
    CHECK(xc_database_is_writable(w2) == 1);
    xc_database_free(w2);
    int status = -1;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A reader at an old revision while a writer commits several more: reading
 * gives XC_ERR_MODIFIED, and xc_database_reopen makes it work again. */
static void test_modified(void)
{
    char dir[600];
    in_root(dir, sizeof dir, "modified");
    /* Enough documents that the blocks the reader needs are reused by the
     * time the writer is two commits on (Xapian keeps one old revision). */
    enum { NDOCS = 1000 };
    xc_database *w = NULL, *r = NULL;
    char data[2000];
    CHECK(xc_database_open_writable(dir, XC_DB_CREATE | XC_DB_NO_SYNC, &w) == XC_OK);
    if (!w)
        return;
    xc_document *doc = NULL;
    xc_document_new(&doc);
    memset(data, 1, sizeof data);
    xc_document_set_data(doc, data, sizeof data);
    xc_document_add_term(doc, "abc", 1);
    for (int i = 0; i < NDOCS; i++)
        xc_database_add_document(w, doc, NULL);
    CHECK(xc_database_commit(w) == XC_OK);
    CHECK(xc_database_open(dir, &r) == XC_OK);
    xc_document *got = NULL;
    CHECK(xc_database_get_document(r, 1, &got) == XC_OK);
    xc_document_free(got);

    /* Two more revisions, and a change not yet committed. */
    for (int rev = 0; rev < 2; rev++) {
        xc_database_add_document(w, doc, NULL);
        CHECK(xc_database_commit(w) == XC_OK);
    }
    xc_database_add_document(w, doc, NULL);

    xc_status st = XC_OK;
    for (xc_docid id = 1; id <= NDOCS && st == XC_OK; id++) {
        got = NULL;
        char *d = NULL;
        st = xc_database_get_document(r, id, &got);
        if (st == XC_OK)
            st = xc_document_get_data(got, &d, NULL);
        free(d);
        xc_document_free(got);
    }
    CHECK(st == XC_ERR_MODIFIED);
    printf("# modified: %s\n", xc_last_error());
    /* A search on the stale reader fails the same way. */
    xc_enquire *enq = NULL;
    xc_query *all = NULL;
    xc_mset *m = NULL;
    xc_query_match_all(&all);
    xc_enquire_new(r, &enq);
    xc_enquire_set_query(enq, all, 0);
    st = xc_enquire_mset(enq, 0, NDOCS + 10, 0, &m);
    if (st == XC_OK) { /* the postlist may still be readable: the data is not */
        char *d = NULL;
        for (unsigned i = 0; i < xc_mset_size(m) && st == XC_OK; i++, free(d), d = NULL)
            st = xc_mset_data(m, i, &d, NULL);
        xc_mset_free(m);
        m = NULL;
    }
    CHECK(st == XC_ERR_MODIFIED);

    int changed = 0;
    CHECK(xc_database_reopen(r, &changed) == XC_OK && changed == 1);
    st = XC_OK;
    int right = 1;
    for (xc_docid id = 1; id <= NDOCS && st == XC_OK; id++) {
        got = NULL;
        char *d = NULL;
        st = xc_database_get_document(r, id, &got);
        if (st == XC_OK)
            st = xc_document_get_data(got, &d, NULL);
        if (st == XC_OK && d[0] != 1)
            right = 0;
        free(d);
        xc_document_free(got);
    }
    CHECK(st == XC_OK);
    CHECK(right);
    unsigned n = 0;
    CHECK(xc_database_doccount(r, &n) == XC_OK && n == NDOCS + 2);
    CHECK(xc_enquire_mset(enq, 0, NDOCS + 10, 0, &m) == XC_OK);
    CHECK(xc_mset_size(m) == NDOCS + 2);
    xc_mset_free(m);
    xc_enquire_free(enq);
    xc_query_free(all);
    xc_document_free(doc);
    xc_database_free(r);
    xc_database_free(w);
}

static void test_termgen(void)
{
    xc_termgen *tg = NULL;
    xc_document *doc = NULL;
    collect c;
    CHECK(xc_termgen_new("klingon", &tg) == XC_ERR_INVALID);
    CHECK(tg == NULL);
    CHECK(xc_termgen_new("english", NULL) == XC_ERR_INVALID);
    CHECK(xc_termgen_new("english", &tg) == XC_OK);
    if (!tg)
        return;
    xc_document_new(&doc);
    /* No document yet. */
    CHECK(xc_termgen_index_text(tg, "words", (size_t)-1, 1, NULL, 1) == XC_ERR_INVALID);
    CHECK(xc_termgen_set_document(tg, NULL) == XC_ERR_INVALID);
    CHECK(xc_termgen_set_document(tg, doc) == XC_OK);

    /* STEM_SOME (the default): Z-prefixed stems and the words. */
    CHECK(xc_termgen_index_text(tg, "The quick foxes", (size_t)-1, 1, NULL, 1) == XC_OK);
    CHECK_STR(doc_terms(doc, &c), "Zfox:1 Zquick:1 Zthe:1 foxes:1 quick:1 the:1 ");

    /* Stopwords: no term at all for "the" (STOP_STEMMED, which kept it, stops
     * nothing under STEM_ALL), and the wdf it would have added is counted,
     * per call's wdf, until the next document. */
    const char *stop[] = {"the", "a"};
    xc_document_free(doc);
    xc_document_new(&doc);
    CHECK(xc_termgen_stopped_wdf(tg) == 0);
    CHECK(xc_termgen_set_stopwords(tg, stop, 2) == XC_OK);
    CHECK(xc_termgen_set_document(tg, doc) == XC_OK);
    CHECK(xc_termgen_index_text(tg, "The quick foxes", (size_t)-1, 1, NULL, 1) == XC_OK);
    CHECK_STR(doc_terms(doc, &c), "Zfox:1 Zquick:1 foxes:1 quick:1 ");
    CHECK(xc_termgen_stopped_wdf(tg) == 1);
    CHECK(xc_termgen_index_text(tg, "a fox, the fox", (size_t)-1, 3, "S", 0) == XC_OK);
    CHECK(xc_termgen_stopped_wdf(tg) == 7);
    CHECK(xc_termgen_set_document(tg, doc) == XC_OK);
    CHECK(xc_termgen_stopped_wdf(tg) == 0);
    CHECK(xc_termgen_stopped_wdf(NULL) == 0);
    CHECK(xc_termgen_set_stopwords(tg, NULL, 2) == XC_ERR_INVALID);
    const char *bad[] = {"ok", NULL};
    CHECK(xc_termgen_set_stopwords(tg, bad, 2) == XC_ERR_INVALID);

    /* Prefix, wdf, a LEN shorter than the string, no positions. */
    xc_document_free(doc);
    xc_document_new(&doc);
    CHECK(xc_termgen_set_stemming_strategy(tg, XC_STEM_NONE) == XC_OK);
    CHECK(xc_termgen_set_document(tg, doc) == XC_OK);
    CHECK(xc_termgen_index_text(tg, "Refund twice IGNORED", 12, 2, "S", 0) == XC_OK);
    CHECK_STR(doc_terms(doc, &c), "Srefund:2 Stwice:2 ");
    CHECK(xc_termgen_index_text(tg, NULL, 4, 1, NULL, 1) == XC_ERR_INVALID);
    CHECK(xc_termgen_index_text(tg, NULL, 0, 1, NULL, 1) == XC_OK);

    /* Stem strategies. */
    xc_stem_strategy strategies[] = {XC_STEM_ALL, XC_STEM_ALL_Z, XC_STEM_SOME_FULL_POS};
    const char *want[] = {"fox:1 ", "Zfox:1 ", "Zfox:1 foxes:1 "};
    CHECK(xc_termgen_set_stopwords(tg, NULL, 0) == XC_OK); /* none */
    for (int i = 0; i < 3; i++) {
        xc_document_free(doc);
        xc_document_new(&doc);
        CHECK(xc_termgen_set_stemming_strategy(tg, strategies[i]) == XC_OK);
        xc_termgen_set_document(tg, doc);
        xc_termgen_index_text(tg, "foxes", (size_t)-1, 1, "", 1);
        CHECK_STR(doc_terms(doc, &c), want[i]);
    }
    CHECK(xc_termgen_set_stemming_strategy(tg, (xc_stem_strategy)42) == XC_ERR_INVALID);
    CHECK(xc_termgen_set_stemming_strategy(NULL, XC_STEM_ALL) == XC_ERR_INVALID);

    /* Positions and increase_termpos: a phrase does not match across the gap. */
    xc_database *db = NULL;
    xc_database_open_writable(NULL, XC_DB_INMEMORY, &db);
    CHECK(xc_termgen_set_stemming_strategy(tg, XC_STEM_NONE) == XC_OK);
    for (int gap = 0; gap < 2; gap++) {
        xc_document_free(doc);
        xc_document_new(&doc);
        xc_termgen_set_document(tg, doc);
        xc_termgen_index_text(tg, "card", (size_t)-1, 1, NULL, 1);
        if (gap)
            CHECK(xc_termgen_increase_termpos(tg, 100) == XC_OK);
        xc_termgen_index_text(tg, "declined", (size_t)-1, 1, NULL, 1);
        xc_database_add_document(db, doc, NULL);
    }
    CHECK(xc_termgen_increase_termpos(NULL, 1) == XC_ERR_INVALID);
    xc_query *parts[2] = {term("card"), term("declined")}, *phrase = NULL;
    xc_query_combine(XC_OP_PHRASE, parts, 2, 0, &phrase);
    CHECK(count_matches(db, phrase) == 1);
    /* Without positions a phrase finds nothing. */
    xc_document_free(doc);
    xc_document_new(&doc);
    xc_termgen_set_document(tg, doc);
    CHECK(xc_termgen_index_text(tg, "card declined", (size_t)-1, 1, NULL, 0) == XC_OK);
    xc_database_add_document(db, doc, NULL);
    CHECK(count_matches(db, phrase) == 1);
    CHECK(count_matches(db, parts[0]) == 3);

    /* Spelling data (not in the InMemory backend). */
    char dir[600];
    xc_database *sdb = NULL;
    CHECK(xc_database_open_writable(in_root(dir, sizeof dir, "termgen-spelling"),
                                    XC_DB_CREATE | XC_DB_NO_SYNC, &sdb) == XC_OK);
    CHECK(xc_termgen_set_spelling_database(tg, sdb) == XC_OK);
    xc_document_free(doc);
    xc_document_new(&doc);
    xc_termgen_set_document(tg, doc);
    xc_termgen_index_text(tg, "chargeback", (size_t)-1, 1, NULL, 1);
    char *s = NULL;
    CHECK(xc_database_spelling_suggestion(sdb, "chargebak", 0, &s) == XC_OK);
    CHECK_STR(s, "chargeback");
    free(s);
    CHECK(xc_termgen_set_spelling_database(tg, NULL) == XC_OK); /* off again */
    xc_termgen_index_text(tg, "dispute", (size_t)-1, 1, NULL, 1);
    CHECK(xc_database_spelling_suggestion(sdb, "disputr", 0, &s) == XC_OK);
    CHECK_STR(s, "");
    free(s);

    /* xc_database_get_document copies, positions included, and the copy
     * outlives its database. */
    xc_document *copy = NULL;
    xc_database *db2 = NULL;
    CHECK(xc_database_get_document(db, 1, &copy) == XC_OK);
    xc_database_free(db);
    xc_database_open_writable(NULL, XC_DB_INMEMORY, &db2);
    CHECK(xc_database_add_document(db2, copy, NULL) == XC_OK);
    CHECK(count_matches(db2, phrase) == 1);
    CHECK_STR(doc_terms(copy, &c), "card:1 declined:1 ");
    xc_document_free(copy);
    xc_database_free(db2);

    xc_query_free(parts[0]);
    xc_query_free(parts[1]);
    xc_query_free(phrase);
    xc_database_free(sdb);
    xc_document_free(doc);
    xc_termgen_free(tg);
}

static void test_query(void)
{
    xc_query *a = NULL, *b = NULL, *q = NULL;
    char *d;
    CHECK(xc_query_new_term("a", 0, 0, &a) == XC_OK);
    CHECK(xc_query_new_term("b", 2, 3, &b) == XC_OK);
    CHECK(xc_query_new_term(NULL, 0, 0, &q) == XC_ERR_INVALID);
    CHECK(xc_query_new_term("a", 0, 0, NULL) == XC_ERR_INVALID);
    d = xc_query_describe(a);
    CHECK_STR(d, "Query(a)");
    free(d);
    d = xc_query_describe(b);
    CHECK_STR(d, "Query(b#2@3)");
    free(d);
    CHECK(xc_query_describe(NULL) == NULL);
    CHECK(xc_query_empty(a) == 0);
    CHECK(xc_query_empty(NULL) == 1);

    xc_query *subs[2] = {a, b};
    static const struct {
        xc_query_op op;
        const char *want;
    } ops[] = {
        {XC_OP_AND, "Query((a AND b#2@3))"},
        {XC_OP_OR, "Query((a OR b#2@3))"},
        {XC_OP_AND_NOT, "Query((a AND_NOT b#2@3))"},
        {XC_OP_XOR, "Query((a XOR b#2@3))"},
        {XC_OP_AND_MAYBE, "Query((a AND_MAYBE b#2@3))"},
        {XC_OP_FILTER, "Query((a FILTER b#2@3))"},
        {XC_OP_NEAR, "Query((a NEAR 5 b#2@3))"},
        {XC_OP_PHRASE, "Query((a PHRASE 5 b#2@3))"},
        {XC_OP_ELITE_SET, "Query((a ELITE_SET 5 b#2@3))"},
        {XC_OP_SYNONYM, "Query((a SYNONYM b#2@3))"},
        {XC_OP_MAX, "Query((a MAX b#2@3))"},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        q = NULL;
        CHECK(xc_query_combine(ops[i].op, subs, 2, 5, &q) == XC_OK);
        d = xc_query_describe(q);
        CHECK_STR(d, ops[i].want);
        free(d);
        xc_query_free(q);
    }
    /* Window 0: the number of subqueries. */
    q = NULL;
    CHECK(xc_query_combine(XC_OP_PHRASE, subs, 2, 0, &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query((a PHRASE 2 b#2@3))");
    free(d);
    xc_query_free(q);
    /* No subqueries: an empty query. */
    q = NULL;
    CHECK(xc_query_combine(XC_OP_OR, NULL, 0, 0, &q) == XC_OK);
    CHECK(xc_query_empty(q) == 1);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query()");
    free(d);
    xc_query_free(q);
    CHECK(xc_query_combine(XC_OP_OR, NULL, 2, 0, &q) == XC_ERR_INVALID);
    xc_query *with_null[2] = {a, NULL};
    CHECK(xc_query_combine(XC_OP_OR, with_null, 2, 0, &q) == XC_ERR_INVALID);
    CHECK(xc_query_combine((xc_query_op)77, subs, 2, 0, &q) == XC_ERR_INVALID);

    q = NULL;
    CHECK(xc_query_scale(a, 2.5, &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query(2.5 * a)");
    free(d);
    xc_query_free(q);
    CHECK(xc_query_scale(a, -1, &q) == XC_ERR_INVALID);
    CHECK(xc_query_scale(NULL, 1, &q) == XC_ERR_INVALID);

    q = NULL;
    CHECK(xc_query_value_range(1, "2022", "2023", &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query(VALUE_RANGE 1 2022 2023)");
    free(d);
    xc_query_free(q);
    q = NULL;
    CHECK(xc_query_value_range(1, "2022", NULL, &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query(VALUE_GE 1 2022)");
    free(d);
    xc_query_free(q);
    q = NULL;
    CHECK(xc_query_value_range(1, NULL, "2022", &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query(VALUE_LE 1 2022)");
    free(d);
    xc_query_free(q);
    CHECK(xc_query_value_range(1, NULL, NULL, NULL) == XC_ERR_INVALID);

    q = NULL;
    CHECK(xc_query_match_all(&q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query(<alldocuments>)");
    free(d);
    CHECK(xc_query_empty(q) == 0);
    xc_query_free(q);
    CHECK(xc_query_match_all(NULL) == XC_ERR_INVALID);
    xc_query_free(a);
    xc_query_free(b);
}

static void test_queryparser(void)
{
    xc_queryparser *qp = NULL;
    xc_query *q = NULL;
    char *d;
    CHECK(xc_queryparser_new("klingon", &qp) == XC_ERR_INVALID);
    CHECK(xc_queryparser_new("english", &qp) == XC_OK);
    if (!qp)
        return;

    CHECK(xc_queryparser_parse(qp, "refunds", XC_QP_DEFAULT, NULL, &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query(Zrefund@1)");
    free(d);
    xc_query_free(q);

    CHECK(xc_queryparser_set_stemming_strategy(qp, XC_STEM_NONE) == XC_OK);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "refunds", XC_QP_DEFAULT, "", &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query(refunds@1)");
    free(d);
    xc_query_free(q);
    CHECK(xc_queryparser_set_stemming_strategy(qp, (xc_stem_strategy)-3) == XC_ERR_INVALID);
    CHECK(xc_queryparser_set_stemming_strategy(qp, XC_STEM_ALL) == XC_OK);

    /* Stopwords dropped; default op; default prefix. */
    const char *stop[] = {"the", "my"};
    CHECK(xc_queryparser_set_stopwords(qp, stop, 2) == XC_OK);
    CHECK(xc_queryparser_set_default_op(qp, XC_OP_AND) == XC_OK);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "the charges", XC_QP_DEFAULT, "S", &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query(Scharg@2)");
    free(d);
    xc_query_free(q);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "refund card", XC_QP_DEFAULT, NULL, &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query((refund@1 AND card@2))");
    free(d);
    xc_query_free(q);
    CHECK(xc_queryparser_set_stopwords(qp, NULL, 0) == XC_OK);
    CHECK(xc_queryparser_set_stopwords(qp, NULL, 1) == XC_ERR_INVALID);
    xc_query_op default_ops[] = {XC_OP_OR, XC_OP_NEAR, XC_OP_PHRASE, XC_OP_ELITE_SET,
                                 XC_OP_MAX};
    for (size_t i = 0; i < 5; i++)
        CHECK(xc_queryparser_set_default_op(qp, default_ops[i]) == XC_OK);
    CHECK(xc_queryparser_set_default_op(qp, XC_OP_XOR) == XC_ERR_INVALID);
    CHECK(xc_queryparser_set_default_op(qp, XC_OP_OR) == XC_OK);

    /* Prefixes. */
    CHECK(xc_queryparser_add_prefix(qp, "title", "S") == XC_OK);
    CHECK(xc_queryparser_add_prefix(qp, "title", "XT") == XC_OK); /* several prefixes */
    CHECK(xc_queryparser_add_boolean_prefix(qp, "category", "K", 1) == XC_OK);
    CHECK(xc_queryparser_add_boolean_prefix(qp, "tag", "T", 0) == XC_OK);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "title:refund category:billing category:fraud", XC_QP_DEFAULT,
                               NULL, &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query(((Srefund@1 OR XTrefund@1) FILTER (Kbilling OR Kfraud)))");
    free(d);
    xc_query_free(q);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "refund tag:a tag:b", XC_QP_DEFAULT, NULL, &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK_STR(d, "Query((refund@1 FILTER (Ta AND Tb)))");
    free(d);
    xc_query_free(q);
    CHECK(xc_queryparser_add_prefix(qp, NULL, "S") == XC_ERR_INVALID);
    CHECK(xc_queryparser_add_boolean_prefix(NULL, "f", "F", 1) == XC_ERR_INVALID);

    /* A query that cannot be parsed. */
    q = (xc_query *)qp; /* untouched on failure */
    CHECK(xc_queryparser_parse(qp, "refund AND", XC_QP_BOOLEAN, NULL, &q) == XC_ERR_QUERY);
    CHECK(q == (xc_query *)qp);
    CHECK(strstr(xc_last_error(), "Syntax") != NULL);
    printf("# bad query: %s\n", xc_last_error());
    CHECK(xc_queryparser_parse(qp, "a NOT", XC_QP_BOOLEAN, NULL, &q) == XC_ERR_QUERY);
    CHECK(xc_queryparser_parse(qp, "x", 1u << 20, NULL, &q) == XC_ERR_INVALID);
    CHECK(xc_queryparser_parse(qp, NULL, 0, NULL, &q) == XC_ERR_INVALID);
    CHECK(xc_queryparser_parse(qp, "x", 0, NULL, NULL) == XC_ERR_INVALID);
    /* Empty text: an empty query. */
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "", XC_QP_DEFAULT, NULL, &q) == XC_OK);
    CHECK(xc_query_empty(q) == 1);
    xc_query_free(q);

    /* A database for spelling, synonyms and wildcards. */
    xc_database *db = NULL;
    char dir[600];
    CHECK(xc_database_open_writable(in_root(dir, sizeof dir, "queryparser"),
                                    XC_DB_CREATE | XC_DB_NO_SYNC, &db) == XC_OK);
    xc_document *doc = NULL;
    xc_document_new(&doc);
    xc_document_add_term(doc, "chargeback", 1);
    xc_document_add_term(doc, "charger", 1);
    xc_database_add_document(db, doc, NULL);
    xc_document_free(doc);
    xc_database_add_spelling(db, "chargeback", 1);
    xc_database_add_synonym(db, "refund", "reimburse");
    xc_database_add_synonym(db, "close account", "cancel");
    CHECK(xc_queryparser_set_database(qp, db) == XC_OK);
    CHECK(xc_queryparser_set_database(qp, NULL) == XC_ERR_INVALID);
    CHECK(xc_queryparser_set_stemming_strategy(qp, XC_STEM_NONE) == XC_OK);

    char *corr = NULL;
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "chargebak", XC_QP_DEFAULT | XC_QP_SPELLING_CORRECTION, NULL,
                               &q) == XC_OK);
    CHECK(xc_queryparser_corrected(qp, &corr) == XC_OK);
    CHECK_STR(corr, "chargeback");
    free(corr);
    xc_query_free(q);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "chargeback", XC_QP_DEFAULT | XC_QP_SPELLING_CORRECTION,
                               NULL, &q) == XC_OK);
    CHECK(xc_queryparser_corrected(qp, &corr) == XC_OK);
    CHECK_STR(corr, "");
    free(corr);
    xc_query_free(q);
    CHECK(xc_queryparser_corrected(NULL, &corr) == XC_ERR_INVALID);
    CHECK(xc_queryparser_corrected(qp, NULL) == XC_ERR_INVALID);

    q = NULL;
    CHECK(xc_queryparser_parse(qp, "refund", XC_QP_DEFAULT | XC_QP_AUTO_SYNONYMS, NULL, &q) ==
          XC_OK);
    d = xc_query_describe(q);
    CHECK(d && strstr(d, "reimburse") != NULL);
    free(d);
    xc_query_free(q);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "close account", XC_QP_DEFAULT | XC_QP_AUTO_MULTIWORD_SYNONYMS,
                               NULL, &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK(d && strstr(d, "cancel") != NULL);
    free(d);
    xc_query_free(q);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "~refund", XC_QP_DEFAULT | XC_QP_SYNONYM, NULL, &q) == XC_OK);
    d = xc_query_describe(q);
    CHECK(d && strstr(d, "reimburse") != NULL);
    free(d);
    xc_query_free(q);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "charg*", XC_QP_DEFAULT | XC_QP_WILDCARD, NULL, &q) == XC_OK);
    CHECK(count_matches(db, q) == 1);
    xc_query_free(q);
    q = NULL;
    CHECK(xc_queryparser_parse(qp, "NOT refund", XC_QP_DEFAULT | XC_QP_PURE_NOT, NULL, &q) ==
          XC_OK);
    CHECK(count_matches(db, q) == 1);
    xc_query_free(q);

    xc_queryparser_free(qp);
    xc_database_free(db);
}

/* Searching: enquire, msets, weights, collapse, cutoff, sort, spies, esets,
 * snippets. */
static void test_search(void)
{
    xc_database *db = NULL;
    xc_termgen *tg = NULL;
    CHECK(xc_database_open_writable(NULL, XC_DB_INMEMORY, &db) == XC_OK);
    CHECK(xc_termgen_new("english", &tg) == XC_OK);
    if (!db || !tg)
        return;
    CHECK(xc_termgen_set_stemming_strategy(tg, XC_STEM_SOME) == XC_OK);
    static const char *texts[] = {
        "customer charged twice after payment retry",
        "refund a double charge on the card",
        "close my account and delete data",
        "suspicious charge fraud alert on the card",
        "payment failed twice retry later",
    };
    static const char *cats[] = {"billing", "billing", "account", "fraud", "billing"};
    static const char *years[] = {"2021", "2022", "2023", NULL, "2022"};
    for (int i = 0; i < 5; i++)
        CHECK(add_text_doc(db, tg, texts[i], cats[i], years[i]) == (xc_docid)i + 1);

    char *stem = NULL;
    xc_stem_word("english", "charge", &stem);
    char zcharg[64];
    snprintf(zcharg, sizeof zcharg, "Z%s", stem ? stem : "");
    free(stem);
    CHECK_STR(zcharg, "Zcharg");

    /* Every operator on real documents. */
    xc_query *charg = term(zcharg), *card = term("card"), *twice = term("twice"),
             *retry = term("retry");
    xc_query *cc[2] = {charg, card}, *tr[2] = {twice, retry}, *q = NULL;
    static const struct {
        xc_query_op op;
        int pair; /* 0: charg,card; 1: twice,retry */
        unsigned window;
        int want;
    } cases[] = {
        {XC_OP_AND, 0, 0, 2},     {XC_OP_OR, 0, 0, 3},      {XC_OP_AND_NOT, 0, 0, 1},
        {XC_OP_XOR, 0, 0, 1},     {XC_OP_AND_MAYBE, 0, 0, 3}, {XC_OP_FILTER, 0, 0, 2},
        {XC_OP_SYNONYM, 0, 0, 3}, {XC_OP_MAX, 0, 0, 3},     {XC_OP_PHRASE, 1, 0, 1},
        {XC_OP_NEAR, 1, 2, 1},    {XC_OP_NEAR, 1, 4, 2},    {XC_OP_ELITE_SET, 0, 1, -2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        q = NULL;
        xc_query_combine(cases[i].op, cases[i].pair ? tr : cc, 2, cases[i].window, &q);
        int got = count_matches(db, q);
        if (cases[i].want < 0) /* ELITE_SET 1: one of the two terms */
            CHECK(got == 2 || got == 3);
        else
            CHECK(got == cases[i].want);
        xc_query_free(q);
    }

    /* An enquire and its mset. */
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    xc_query *or3 = NULL, *subs3[3] = {charg, card, twice};
    xc_query_combine(XC_OP_OR, subs3, 3, 0, &or3);
    CHECK(xc_enquire_new(db, &enq) == XC_OK);
    CHECK(xc_enquire_new(NULL, &enq) == XC_ERR_INVALID);
    CHECK(xc_enquire_set_query(enq, or3, 0) == XC_OK);
    CHECK(xc_enquire_set_query(enq, NULL, 0) == XC_ERR_INVALID);
    CHECK(xc_enquire_mset(enq, 0, 10, 0, &m) == XC_OK);
    CHECK(xc_mset_size(m) == 4); /* 1, 2, 4, 5 */
    CHECK(xc_mset_matches_estimated(m) == 4);
    CHECK(xc_mset_matches_lower_bound(m) == 4);
    CHECK(xc_mset_matches_upper_bound(m) == 4);
    xc_docid id = 0;
    double wt = -1, prev = 1e300;
    int pct = -1, sorted = 1, pct_ok = 1;
    for (unsigned i = 0; i < xc_mset_size(m); i++) {
        CHECK(xc_mset_weight(m, i, &wt) == XC_OK);
        CHECK(xc_mset_percent(m, i, &pct) == XC_OK);
        if (wt > prev)
            sorted = 0;
        if (pct < 0 || pct > 100)
            pct_ok = 0;
        prev = wt;
    }
    CHECK(sorted);
    CHECK(pct_ok);
    CHECK(xc_mset_percent(m, 0, &pct) == XC_OK && pct > 0);
    int top_pct = pct;
    CHECK(xc_mset_weight(m, 0, &wt) == XC_OK && wt > 0);
    CHECK(xc_mset_max_attained(m) == wt);
    CHECK(xc_mset_max_possible(m) >= wt);
    CHECK(xc_mset_docid(m, 0, &id) == XC_OK);
    CHECK(id == 1 || id == 2 || id == 4); /* charg and something else */
    char *data = NULL, *value = NULL;
    size_t len = 0;
    CHECK(xc_mset_data(m, 0, &data, &len) == XC_OK);
    CHECK_STR(data, texts[id - 1]);
    CHECK(len == strlen(texts[id - 1]));
    free(data);
    CHECK(xc_mset_value(m, 0, 0, &value, &len) == XC_OK);
    CHECK_STR(value, cats[id - 1]);
    free(value);
    CHECK(xc_mset_value(m, 0, 7, &value, NULL) == XC_OK);
    CHECK_STR(value, "");
    free(value);
    unsigned cnt = 99;
    CHECK(xc_mset_collapse_count(m, 0, &cnt) == XC_OK && cnt == 0);
    /* Out of range, NULLs. */
    id = 77;
    CHECK(xc_mset_docid(m, 4, &id) == XC_ERR_INVALID);
    CHECK(id == 77);
    CHECK(strstr(xc_last_error(), "range") != NULL);
    CHECK(xc_mset_weight(m, 9, &wt) == XC_ERR_INVALID);
    CHECK(xc_mset_percent(m, 9, &pct) == XC_ERR_INVALID);
    CHECK(xc_mset_data(m, 9, &data, NULL) == XC_ERR_INVALID);
    CHECK(xc_mset_value(m, 9, 0, &value, NULL) == XC_ERR_INVALID);
    CHECK(xc_mset_collapse_count(m, 9, &cnt) == XC_ERR_INVALID);
    CHECK(xc_mset_docid(NULL, 0, &id) == XC_ERR_INVALID);
    CHECK(xc_mset_docid(m, 0, NULL) == XC_ERR_INVALID);
    CHECK(xc_mset_size(NULL) == 0);
    CHECK(xc_mset_matches_estimated(NULL) == 0);
    CHECK(xc_mset_matches_lower_bound(NULL) == 0);
    CHECK(xc_mset_matches_upper_bound(NULL) == 0);
    CHECK(xc_mset_max_possible(NULL) == 0);
    CHECK(xc_mset_max_attained(NULL) == 0);

    /* Snippets. */
    char *snip = NULL;
    const char *text = "The customer was charged twice & the payment <retry> failed.";
    CHECK(xc_mset_snippet(m, text, 200, "english", 0, "[", "]", "...", &snip) == XC_OK);
    CHECK(snip && strstr(snip, "[charged]") != NULL && strstr(snip, "[twice]") != NULL);
    CHECK(snip && strstr(snip, "&amp;") != NULL && strstr(snip, "&lt;retry&gt;") != NULL);
    printf("# snippet: %s\n", snip ? snip : "(null)");
    free(snip);
    snip = NULL;
    CHECK(xc_mset_snippet(m, text, 20, "english", XC_SNIPPET_EXHAUSTIVE, NULL, NULL, "~", &snip) ==
          XC_OK);
    CHECK(snip && strlen(snip) < 40 && strchr(snip, '~') != NULL);
    free(snip);
    snip = NULL;
    CHECK(xc_mset_snippet(m, "nothing matches here", 100, "english",
                          XC_SNIPPET_EMPTY_WITHOUT_MATCH, "[", "]", "...", &snip) == XC_OK);
    CHECK_STR(snip, "");
    free(snip);
    snip = NULL;
    CHECK(xc_mset_snippet(m, "x", 100, "english", XC_SNIPPET_BACKGROUND_MODEL, "[", "]", "...",
                          &snip) == XC_OK);
    free(snip);
    CHECK(xc_mset_snippet(m, NULL, 100, NULL, 0, "[", "]", "", &snip) == XC_ERR_INVALID);
    CHECK(xc_mset_snippet(m, "x", 100, "klingon", 0, "[", "]", "", &snip) == XC_ERR_INVALID);
    CHECK(xc_mset_snippet(m, "x", 100, NULL, 1u << 12, "[", "]", "", &snip) == XC_ERR_INVALID);
    xc_mset_free(m);

    /* Paging. */
    m = NULL;
    CHECK(xc_enquire_mset(enq, 3, 10, 0, &m) == XC_OK);
    CHECK(xc_mset_size(m) == 1);
    xc_mset_free(m);
    CHECK(xc_enquire_mset(NULL, 0, 10, 0, &m) == XC_ERR_INVALID);
    CHECK(xc_enquire_mset(enq, 0, 10, 0, NULL) == XC_ERR_INVALID);

    /* BM25 parameters: b 0 and k1 0 make every charg document weigh the same. */
    xc_enquire_set_query(enq, charg, 0);
    CHECK(xc_enquire_set_bm25(enq, 0, 0, 1, 0, 0.5) == XC_OK);
    m = NULL;
    CHECK(xc_enquire_mset(enq, 0, 10, 0, &m) == XC_OK);
    double w0 = 0, w2 = 1;
    xc_mset_weight(m, 0, &w0);
    xc_mset_weight(m, 2, &w2);
    CHECK(xc_mset_size(m) == 3 && w0 == w2);
    xc_mset_free(m);
    CHECK(xc_enquire_set_bm25(enq, 1, 0, 1, 0.5, 0.5) == XC_OK);
    m = NULL;
    CHECK(xc_enquire_mset(enq, 0, 10, 0, &m) == XC_OK);
    xc_mset_weight(m, 0, &w0);
    xc_mset_weight(m, 2, &w2);
    CHECK(w0 > w2);
    xc_mset_free(m);
    CHECK(xc_enquire_set_bm25(NULL, 1, 0, 1, 0.5, 0.5) == XC_ERR_INVALID);

    /* Weights scaled to 0: a boolean query. */
    xc_query *zero = NULL;
    CHECK(xc_query_scale(charg, 0, &zero) == XC_OK);
    xc_enquire_set_query(enq, zero, 0);
    m = NULL;
    xc_enquire_mset(enq, 0, 10, 0, &m);
    CHECK(xc_mset_size(m) == 3 && xc_mset_weight(m, 0, &w0) == XC_OK && w0 == 0);
    xc_mset_free(m);
    xc_query_free(zero);

    /* Collapse on the category. */
    xc_enquire_set_query(enq, or3, 0);
    CHECK(xc_enquire_set_collapse_key(enq, 0, 1) == XC_OK);
    m = NULL;
    CHECK(xc_enquire_mset(enq, 0, 10, 10, &m) == XC_OK);
    CHECK(xc_mset_size(m) == 2); /* one billing, one fraud */
    unsigned total_collapsed = 0;
    for (unsigned i = 0; i < xc_mset_size(m); i++) {
        cnt = 0;
        xc_mset_collapse_count(m, i, &cnt);
        total_collapsed += cnt;
    }
    CHECK(total_collapsed == 2);
    xc_mset_free(m);
    CHECK(xc_enquire_set_collapse_key(enq, 0, 2) == XC_OK);
    m = NULL;
    xc_enquire_mset(enq, 0, 10, 10, &m);
    CHECK(xc_mset_size(m) == 3);
    xc_mset_free(m);
    CHECK(xc_enquire_set_collapse_key(enq, 0, 0) == XC_ERR_INVALID);
    CHECK(xc_enquire_set_collapse_key(enq, (xc_slot)-1, 0) == XC_OK); /* off */
    m = NULL;
    xc_enquire_mset(enq, 0, 10, 10, &m);
    CHECK(xc_mset_size(m) == 4);
    xc_mset_free(m);

    /* Cutoffs. */
    CHECK(xc_enquire_set_cutoff(enq, top_pct, 0) == XC_OK);
    m = NULL;
    xc_enquire_mset(enq, 0, 10, 0, &m);
    CHECK(xc_mset_size(m) >= 1 && xc_mset_size(m) < 4);
    xc_mset_free(m);
    CHECK(xc_enquire_set_cutoff(enq, 0, 1e9) == XC_OK);
    m = NULL;
    xc_enquire_mset(enq, 0, 10, 0, &m);
    CHECK(xc_mset_size(m) == 0);
    xc_mset_free(m);
    CHECK(xc_enquire_set_cutoff(enq, 101, 0) == XC_ERR_INVALID);
    CHECK(xc_enquire_set_cutoff(enq, 0, -1) == XC_ERR_INVALID);
    CHECK(xc_enquire_set_cutoff(enq, 0, 0) == XC_OK);

    /* Sort by category: ascending puts fraud (doc 4) last, descending first. */
    CHECK(xc_enquire_set_sort_by_value(enq, 0, 0) == XC_OK);
    m = NULL;
    xc_enquire_mset(enq, 0, 10, 0, &m);
    CHECK(xc_mset_docid(m, 3, &id) == XC_OK && id == 4);
    xc_mset_free(m);
    CHECK(xc_enquire_set_sort_by_value(enq, 0, 1) == XC_OK);
    m = NULL;
    xc_enquire_mset(enq, 0, 10, 0, &m);
    CHECK(xc_mset_docid(m, 0, &id) == XC_OK && id == 4);
    xc_mset_free(m);
    CHECK(xc_enquire_set_sort_by_value(NULL, 0, 1) == XC_ERR_INVALID);

    /* Value ranges under FILTER. */
    xc_query *all = NULL, *range = NULL, *filtered = NULL, *pair[2];
    xc_query_match_all(&all);
    static const struct {
        const char *lo, *hi;
        int want;
    } ranges[] = {{"2022", NULL, 3}, {NULL, "2021", 1}, {"2022", "2022", 2}, {NULL, NULL, 4},
                  {"2030", NULL, 0}};
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        range = filtered = NULL;
        CHECK(xc_query_value_range(1, ranges[i].lo, ranges[i].hi, &range) == XC_OK);
        pair[0] = all;
        pair[1] = range;
        xc_query_combine(XC_OP_FILTER, pair, 2, 0, &filtered);
        CHECK(count_matches(db, filtered) == ranges[i].want);
        xc_query_free(range);
        xc_query_free(filtered);
    }

    /* A value-count spy over every document. */
    xc_valuecount *spy = NULL;
    collect c;
    unsigned total = 0;
    CHECK(xc_valuecount_new(0, &spy) == XC_OK);
    CHECK(xc_valuecount_new(0, NULL) == XC_ERR_INVALID);
    CHECK(xc_valuecount_total(spy, &total) == XC_OK && total == 0);
    CHECK(xc_enquire_add_matchspy(enq, spy) == XC_OK);
    CHECK(xc_enquire_add_matchspy(enq, NULL) == XC_ERR_INVALID);
    xc_enquire_set_query(enq, all, 0);
    m = NULL;
    CHECK(xc_enquire_mset(enq, 0, 1, 5, &m) == XC_OK); /* one result, five seen */
    CHECK(xc_mset_size(m) == 1);
    xc_mset_free(m);
    CHECK(xc_valuecount_total(spy, &total) == XC_OK && total == 5);
    collect_init(&c, 1, 0);
    CHECK(xc_valuecount_top(spy, 0, collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "billing:3 account:1 fraud:1 ");
    collect_init(&c, 1, 0);
    CHECK(xc_valuecount_top(spy, 1, collect_term, &c) == XC_OK);
    CHECK_STR(c.buf, "billing:3 ");
    collect_init(&c, 1, 2);
    CHECK(xc_valuecount_top(spy, 0, collect_term, &c) == XC_OK && c.count == 2);
    CHECK(xc_valuecount_top(spy, 0, NULL, NULL) == XC_ERR_INVALID);
    CHECK(xc_valuecount_total(NULL, &total) == XC_ERR_INVALID);
    CHECK(xc_enquire_clear_matchspies(enq) == XC_OK);
    m = NULL;
    xc_enquire_mset(enq, 0, 10, 0, &m);
    xc_mset_free(m);
    CHECK(xc_valuecount_total(spy, &total) == XC_OK && total == 5); /* detached */
    CHECK(xc_enquire_clear_matchspies(NULL) == XC_ERR_INVALID);
    xc_valuecount_free(spy);

    /* More like this: doc 2 and 4 share "card" and "charge". */
    xc_eset *es = NULL;
    xc_docid rel[2] = {2, 4};
    CHECK(xc_enquire_eset(enq, rel, 2, 5, &es) == XC_OK);
    CHECK(xc_eset_size(es) == 5);
    const char *t = NULL;
    double ew = -1;
    int has_card = 0;
    for (unsigned i = 0; i < xc_eset_size(es); i++) {
        CHECK(xc_eset_term(es, i, &t, &ew) == XC_OK && t && *t && ew > 0);
        if (t && strcmp(t, "card") == 0)
            has_card = 1;
    }
    CHECK(has_card);
    CHECK(xc_eset_term(es, 5, &t, &ew) == XC_ERR_INVALID);
    CHECK(xc_eset_term(es, 0, NULL, NULL) == XC_OK);
    CHECK(xc_eset_term(NULL, 0, &t, &ew) == XC_ERR_INVALID);
    CHECK(xc_eset_size(NULL) == 0);
    xc_eset_free(es);
    es = NULL;
    CHECK(xc_enquire_eset(enq, NULL, 0, 5, &es) == XC_OK);
    CHECK(xc_eset_size(es) == 0);
    xc_eset_free(es);
    CHECK(xc_enquire_eset(enq, NULL, 1, 5, &es) == XC_ERR_INVALID);

    xc_enquire_free(enq);
    xc_query_free(all);
    xc_query_free(or3);
    xc_query_free(charg);
    xc_query_free(card);
    xc_query_free(twice);
    xc_query_free(retry);
    xc_termgen_free(tg);
    xc_database_free(db);
}

/* A small on-disk database at DIR with N documents holding term "remote". */
static void make_db(const char *dir, int n)
{
    xc_database *w = NULL;
    xc_document *doc = NULL;
    if (xc_database_open_writable(dir, XC_DB_CREATE_OR_OVERWRITE | XC_DB_NO_SYNC, &w) != XC_OK)
        return;
    xc_document_new(&doc);
    xc_document_add_term(doc, "remote", 1);
    xc_document_set_data(doc, "over the wire", 13);
    for (int i = 0; i < n; i++)
        xc_database_add_document(w, doc, NULL);
    xc_document_free(doc);
    xc_database_free(w);
}

/* Searches DB for "remote": the number of results (-1 on failure). */
static int remote_search(xc_database *db)
{
    xc_query *q = term("remote");
    int n = count_matches(db, q);
    xc_query_free(q);
    return n;
}

static void test_remote_prog(void)
{
    /* A program that does not speak the protocol (or is missing). */
    xc_database *db = NULL;
    CHECK(xc_database_open_remote_prog("/nonexistent/xapian-progsrv", "x", 0, &db) ==
          XC_ERR_NETWORK);
    CHECK(db == NULL);
    CHECK(xc_database_open_remote_prog(NULL, "x", 0, &db) == XC_ERR_INVALID);
    if (!on_path("xapian-progsrv")) {
        printf("# skip: remote prog tests: xapian-progsrv not on PATH (apt-get install "
               "xapian-tools)\n");
        return;
    }
    char dir[600];
    in_root(dir, sizeof dir, "remote-prog");
    make_db(dir, 3);

    unsigned n = 0;
    CHECK(xc_database_open_remote_prog("xapian-progsrv", dir, 0, &db) == XC_OK);
    CHECK(xc_database_is_writable(db) == 0);
    CHECK(xc_database_doccount(db, &n) == XC_OK && n == 3);
    CHECK(remote_search(db) == 3);
    xc_document *doc = NULL;
    char *data = NULL;
    CHECK(xc_database_get_document(db, 2, &doc) == XC_OK);
    CHECK(xc_document_get_data(doc, &data, NULL) == XC_OK);
    CHECK_STR(data, "over the wire");
    free(data);
    CHECK(xc_database_add_document(db, doc, NULL) == XC_ERR_INVALID); /* read-only */
    CHECK(xc_database_get_document(db, 9, &doc) == XC_ERR_NOT_FOUND);
    xc_database_free(db);
    db = NULL;

    /* Writable, through "--writable". */
    char args[700];
    snprintf(args, sizeof args, "--writable %s", dir);
    CHECK(xc_database_open_remote_prog("xapian-progsrv", args, 1, &db) == XC_OK);
    CHECK(xc_database_is_writable(db) == 1);
    CHECK(xc_database_add_document(db, doc, NULL) == XC_OK);
    CHECK(xc_database_commit(db) == XC_OK);
    CHECK(xc_database_doccount(db, &n) == XC_OK && n == 4);
    xc_database_free(db);
    db = NULL;
    xc_document_free(doc);
    CHECK(xc_database_open(dir, &db) == XC_OK);
    CHECK(xc_database_doccount(db, &n) == XC_OK && n == 4);
    xc_database_free(db);
    db = NULL;

    /* The server's own errors come back mapped: a missing database. */
    in_root(dir, sizeof dir, "remote-missing");
    CHECK(xc_database_open_remote_prog("xapian-progsrv", dir, 0, &db) == XC_ERR_NOT_FOUND);
    CHECK(db == NULL);
}

static void test_remote_tcp(void)
{
    xc_database *db = NULL;
    unsigned port = unused_port();
    CHECK(port != 0);
    /* Nobody listens there: connection refused. */
    CHECK(xc_database_open_remote_tcp("127.0.0.1", port, 2000, 0, &db) == XC_ERR_NETWORK);
    CHECK(db == NULL);
    printf("# tcp: %s\n", xc_last_error());
    CHECK(xc_database_open_remote_tcp("127.0.0.1", port, 2000, 1, &db) == XC_ERR_NETWORK);
    CHECK(xc_database_open_remote_tcp(NULL, port, 0, 0, &db) == XC_ERR_INVALID);
    CHECK(xc_database_open_remote_tcp("127.0.0.1", 0, 0, 0, &db) == XC_ERR_INVALID);

    if (!on_path("xapian-tcpsrv")) {
        printf("# skip: remote tcp server test: xapian-tcpsrv not on PATH\n");
        return;
    }
    /* A one-shot xapian-tcpsrv on loopback. */
    char dir[600], portstr[16];
    in_root(dir, sizeof dir, "remote-tcp");
    make_db(dir, 2);
    port = unused_port();
    snprintf(portstr, sizeof portstr, "%u", port);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, 1);
            dup2(devnull, 2);
        }
        execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", portstr,
               "--one-shot", "--quiet", dir, (char *)NULL);
        _exit(127);
    }
    CHECK(pid > 0);
    if (pid < 0)
        return;
    xc_status st = XC_ERR_NETWORK;
    for (int tries = 0; tries < 100 && st == XC_ERR_NETWORK; tries++) {
        st = xc_database_open_remote_tcp("127.0.0.1", port, 5000, 0, &db);
        if (st == XC_ERR_NETWORK)
            sleep_ms(100);
    }
    CHECK(st == XC_OK);
    unsigned n = 0;
    CHECK(xc_database_doccount(db, &n) == XC_OK && n == 2);
    CHECK(remote_search(db) == 2);
    xc_database_free(db);
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == 0) {
        sleep_ms(500);
        if (waitpid(pid, &status, WNOHANG) == 0) {
            kill(pid, SIGTERM);
            waitpid(pid, &status, 0);
        }
    }
}

static int collect_words(void *user, const char *term, size_t len, unsigned pos)
{
    char *buf = user;
    size_t n = strlen(buf);
    snprintf(buf + n, 256 - n, "%s%.*s@%u", n ? " " : "", (int)len, term, pos);
    return 0;
}

static int stop_after_one(void *user, const char *term, size_t len, unsigned pos)
{
    (void)term;
    (void)len;
    (void)pos;
    ++*(int *)user;
    return 1;
}

static void test_words(void)
{
    /* The query side splits words exactly as the indexer does. */
    char buf[256] = "";
    CHECK(xc_text_words("You took my MONEY twice, didn't you? \xc3\x89t\xc3\xa9", (size_t)-1,
                        collect_words, buf) == XC_OK);
    CHECK_STR(buf, "you@1 took@2 my@3 money@4 twice@5 didn't@6 you@7 \xc3\xa9t\xc3\xa9@8");
    buf[0] = '\0';
    CHECK(xc_text_words("charged twice", 7, collect_words, buf) == XC_OK);
    CHECK_STR(buf, "charged@1");
    buf[0] = '\0';
    CHECK(xc_text_words("", (size_t)-1, collect_words, buf) == XC_OK);
    CHECK_STR(buf, "");
    int calls = 0;
    CHECK(xc_text_words("one two three", (size_t)-1, stop_after_one, &calls) == XC_OK);
    CHECK(calls == 1);
    CHECK(xc_text_words(NULL, (size_t)-1, collect_words, buf) == XC_ERR_INVALID);
    CHECK(xc_text_words("x", (size_t)-1, NULL, buf) == XC_ERR_INVALID);

    xc_stemmer *st = NULL;
    char *s = NULL;
    CHECK(xc_stemmer_new("english", &st) == XC_OK);
    CHECK(xc_stemmer_stem(st, "charges", 7, &s) == XC_OK);
    CHECK_STR(s, "charg");
    free(s);
    s = NULL;
    CHECK(xc_stemmer_stem(st, "refunded!", 8, &s) == XC_OK);
    CHECK_STR(s, "refund");
    free(s);
    s = NULL;
    CHECK(xc_stemmer_stem(NULL, "x", 1, &s) == XC_ERR_INVALID);
    CHECK(xc_stemmer_stem(st, NULL, 1, &s) == XC_ERR_INVALID);
    xc_stemmer_free(st);
    xc_stemmer *none = NULL;
    CHECK(xc_stemmer_new(NULL, &none) == XC_OK);
    CHECK(xc_stemmer_stem(none, "Charges", 7, &s) == XC_OK);
    CHECK_STR(s, "Charges");
    free(s);
    xc_stemmer_free(none);
    st = NULL;
    CHECK(xc_stemmer_new("klingon", &st) == XC_ERR_INVALID);
    CHECK(st == NULL);
    CHECK(xc_stemmer_new("english", NULL) == XC_ERR_INVALID);
    xc_stemmer_free(NULL);

    /* Stemmers remember their answers: a word asked again, and words asked
     * after more distinct words than the cache keeps (it starts over), stem as
     * a fresh stemmer stems them. */
    CHECK(xc_stemmer_new("english", &st) == XC_OK);
    int same = 1;
    for (int round = 0; round < 2 && same; round++) {
        for (int i = 0; i < 70000 && same; i += (round ? 997 : 1)) {
            char word[32];
            snprintf(word, sizeof word, "charging%dings", i);
            char *cached = NULL, *fresh = NULL;
            if (xc_stemmer_stem(st, word, strlen(word), &cached) != XC_OK ||
                xc_stem_word("english", word, &fresh) != XC_OK || strcmp(cached, fresh) != 0)
                same = 0;
            free(cached);
            free(fresh);
        }
    }
    CHECK(same);
    CHECK(xc_stemmer_stem(st, "charges", 7, &s) == XC_OK);
    CHECK_STR(s, "charg");
    free(s);
    xc_stemmer_free(st);
}

/* Docids matching Q in DB, as "1 3 " (boolean: every match). */
static const char *matching(xc_database *db, xc_query *q, char *buf, size_t size)
{
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    buf[0] = '\0';
    if (xc_enquire_new(db, &enq) == XC_OK && xc_enquire_set_query(enq, q, 1) == XC_OK &&
        xc_enquire_mset(enq, 0, 100, 100, &m) == XC_OK) {
        for (unsigned i = 0; i < xc_mset_size(m); i++) {
            xc_docid id = 0;
            xc_mset_docid(m, i, &id);
            snprintf(buf + strlen(buf), size - strlen(buf), "%u ", id);
        }
    }
    xc_mset_free(m);
    xc_enquire_free(enq);
    return buf;
}

/* Phrase terms must match exactly the documents OP_PHRASE with the same
 * window matches, and carry the wdf Xapian's phrase matching estimates. */
static int sum_wdf(void *user, const char *term, size_t len, unsigned freq)
{
    (void)term;
    (void)len;
    unsigned *t = user;
    t[0]++;
    t[1] += freq;
    return 0;
}

/* Positions go, terms and wdf stay; the flush threshold reaches Xapian
 * through the environment and never overrides a value already there. */
static void test_drop_positions(void)
{
    xc_termgen *tg = NULL;
    xc_document *doc = NULL;
    CHECK(xc_termgen_new("english", &tg) == XC_OK);
    CHECK(xc_document_new(&doc) == XC_OK);
    if (!tg || !doc)
        return;
    xc_termgen_set_document(tg, doc);
    CHECK(xc_termgen_index_text(tg, "money back, money back guarantee", (size_t)-1, 1, "", 1) == XC_OK);
    CHECK(xc_document_add_term(doc, "Xplain", 3) == XC_OK);
    unsigned before[2] = {0, 0}, after[2] = {0, 0};
    CHECK(xc_document_terms(doc, sum_wdf, before) == XC_OK);
    CHECK(xc_document_drop_positions(doc) == XC_OK);
    CHECK(xc_document_terms(doc, sum_wdf, after) == XC_OK);
    /* money back guarantee, their Z stems, Xplain */
    CHECK(before[0] == 7 && after[0] == 7);
    CHECK(before[1] == 13 && after[1] == 13);
    CHECK(xc_document_drop_positions(doc) == XC_OK); /* none left: a no-op */
    CHECK(xc_document_drop_positions(NULL) == XC_ERR_INVALID);
    xc_document_free(doc);
    xc_termgen_free(tg);

    unsetenv("XAPIAN_FLUSH_THRESHOLD");
    CHECK(xc_set_flush_threshold(0) == XC_ERR_INVALID);
    CHECK(getenv("XAPIAN_FLUSH_THRESHOLD") == NULL);
    CHECK(xc_set_flush_threshold(1000) == XC_OK);
    const char *v = getenv("XAPIAN_FLUSH_THRESHOLD");
    CHECK(v && strcmp(v, "1000") == 0);
    CHECK(xc_set_flush_threshold(50) == XC_OK);
    v = getenv("XAPIAN_FLUSH_THRESHOLD");
    CHECK(v && strcmp(v, "1000") == 0);
    unsetenv("XAPIAN_FLUSH_THRESHOLD");
}

/* Reading one prefix of a stored document's terms, and changing a few terms
 * in place: the rest of the document (terms, wdf, positions, data) stays. */
static void test_change_terms(void)
{
    char dir[600];
    in_root(dir, sizeof dir, "change");
    xc_database *w = NULL;
    xc_termgen *tg = NULL;
    CHECK(xc_database_open_writable(dir, XC_DB_CREATE | XC_DB_NO_SYNC, &w) == XC_OK);
    CHECK(xc_termgen_new("english", &tg) == XC_OK);
    if (!w || !tg)
        return;
    xc_docid a = add_text_doc(w, tg, "money back today", "billing", NULL);
    xc_docid b = add_text_doc(w, tg, "money back guarantee", "billing", NULL);
    xc_document *doc = NULL;
    CHECK(xc_database_get_document(w, a, &doc) == XC_OK);
    CHECK(xc_document_add_term(doc, "~old", 2) == XC_OK);
    CHECK(xc_database_replace_document(w, a, doc) == XC_OK);
    xc_document_free(doc);

    collect c;
    collect_init(&c, 1, 0);
    CHECK(xc_database_document_terms(w, a, "~", collect_term, &c) == XC_OK);
    CHECK(strcmp(c.buf, "~old:2 ") == 0);
    collect_init(&c, 1, 1); /* stops after the first */
    CHECK(xc_database_document_terms(w, a, "", collect_term, &c) == XC_OK);
    CHECK(c.count == 1);
    collect_init(&c, 1, 0);
    CHECK(xc_database_document_terms(w, a, "zz", collect_term, &c) == XC_OK);
    CHECK(c.count == 0);

    const char *gone[] = {"~old", "~never"}, *added[] = {"~money back", "~new"};
    const unsigned wdf[] = {1, 3};
    CHECK(xc_database_change_terms(w, a, gone, 2, added, wdf, 2) == XC_OK);
    CHECK(xc_database_commit(w) == XC_OK);
    collect_init(&c, 1, 0);
    CHECK(xc_database_document_terms(w, a, "~", collect_term, &c) == XC_OK);
    CHECK(strcmp(c.buf, "~money back:1 ~new:3 ") == 0);
    /* Untouched: the other terms and their positions, the data, document B. */
    unsigned count = 0;
    CHECK(xc_database_termfreq(w, "money", &count) == XC_OK && count == 2);
    CHECK(xc_database_termfreq(w, "~old", &count) == XC_OK && count == 0);
    CHECK(xc_database_termfreq(w, "~new", &count) == XC_OK && count == 1);
    CHECK(xc_database_get_document(w, a, &doc) == XC_OK);
    char *data = NULL;
    CHECK(doc && xc_document_get_data(doc, &data, NULL) == XC_OK && data &&
          strcmp(data, "money back today") == 0);
    free(data);
    xc_document_free(doc);
    xc_query *q = NULL, *parts[2] = {NULL, NULL};
    xc_query_new_term("money", 1, 0, &parts[0]);
    xc_query_new_term("back", 1, 0, &parts[1]);
    CHECK(xc_query_combine(XC_OP_PHRASE, parts, 2, 2, &q) == XC_OK);
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    CHECK(xc_enquire_new(w, &enq) == XC_OK && xc_enquire_set_query(enq, q, 0) == XC_OK &&
          xc_enquire_mset(enq, 0, 10, 0, &m) == XC_OK);
    CHECK(m && xc_mset_size(m) == 2); /* the positions of A survived */
    collect_init(&c, 1, 0);
    CHECK(xc_database_document_terms(w, b, "~", collect_term, &c) == XC_OK && c.count == 0);
    /* A term removed and added in one change ends with the added wdf. */
    const char *again[] = {"~new", "~money back"};
    const unsigned again_wdf[] = {5, 1};
    CHECK(xc_database_change_terms(w, a, again, 2, again, again_wdf, 2) == XC_OK);
    collect_init(&c, 1, 0);
    CHECK(xc_database_document_terms(w, a, "~", collect_term, &c) == XC_OK);
    CHECK(strcmp(c.buf, "~money back:1 ~new:5 ") == 0);
    CHECK(xc_database_termfreq(w, "~new", &count) == XC_OK && count == 1);

    CHECK(xc_database_change_terms(w, 999, gone, 1, NULL, NULL, 0) == XC_ERR_NOT_FOUND);
    CHECK(xc_database_change_terms(w, a, NULL, 1, NULL, NULL, 0) == XC_ERR_INVALID);
    CHECK(xc_database_change_terms(w, a, NULL, 0, added, NULL, 1) == XC_ERR_INVALID);
    CHECK(xc_database_document_terms(w, 999, "", collect_term, &c) == XC_ERR_NOT_FOUND);
    CHECK(xc_database_document_terms(w, a, "", NULL, NULL) == XC_ERR_INVALID);
    xc_database *r = NULL;
    CHECK(xc_database_open(dir, &r) == XC_OK);
    CHECK(xc_database_change_terms(r, a, gone, 1, NULL, NULL, 0) == XC_ERR_INVALID);
    xc_database_free(r);
    xc_mset_free(m);
    xc_enquire_free(enq);
    xc_query_free(q);
    xc_query_free(parts[0]);
    xc_query_free(parts[1]);
    xc_termgen_free(tg);
    xc_database_free(w);
}

static void test_phraseset(void)
{
    const char *phrases[] = {"money back", "money back guarante", "solo", "back money", ""};
    xc_phraseset *ps = NULL;
    CHECK(xc_phraseset_new(phrases, 5, "~", 2, NULL) == XC_ERR_INVALID);
    CHECK(xc_phraseset_new(phrases, 5, "~", 2, &ps) == XC_OK);
    CHECK(xc_phraseset_size(ps) == 3); /* one-word and empty phrases ignored */
    CHECK(xc_phraseset_size(NULL) == 0);
    const char *texts[] = {
        "I want my money back",                  /* 1: exact */
        "money I want back",                     /* 2: in order, within 2 + 2 words */
        "money that I really do want back",      /* 3: too far apart */
        "back then the money",                   /* 4: "back money" only */
        "money money back back money back",      /* 5: wdf 3 (min of 3 and 3) */
        "the money back guarantee, money back",  /* 6: both */
        "nothing here",                          /* 7 */
    };
    xc_database *db = NULL;
    xc_termgen *tg = NULL;
    CHECK(xc_database_open_writable(NULL, XC_DB_INMEMORY, &db) == XC_OK);
    CHECK(xc_termgen_new("english", &tg) == XC_OK);
    if (!db || !tg || !ps)
        return;
    xc_termgen_set_stemming_strategy(tg, XC_STEM_ALL);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        xc_document *doc = NULL;
        int changed = -1;
        xc_document_new(&doc);
        xc_termgen_set_document(tg, doc);
        xc_termgen_index_text(tg, texts[i], (size_t)-1, 1, NULL, 1);
        CHECK(xc_phraseset_apply(ps, doc, &changed) == XC_OK);
        CHECK(changed == (i != 2 && i != 6));
        CHECK(xc_phraseset_apply(ps, doc, &changed) == XC_OK && changed == 0); /* idempotent */
        xc_database_add_document(db, doc, NULL);
        xc_document_free(doc);
    }
    char want[256], got[256];
    for (int p = 0; p < 4; p++) {
        xc_query *words[3] = {NULL, NULL, NULL}, *phrase = NULL, *term = NULL;
        char tname[64], copy[64];
        snprintf(copy, sizeof copy, "%s", phrases[p]);
        snprintf(tname, sizeof tname, "~%s", phrases[p]);
        size_t n = 0;
        for (char *w = strtok(copy, " "); w && n < 3; w = strtok(NULL, " "))
            xc_query_new_term(w, 1, 0, &words[n++]);
        if (n < 2) {
            for (size_t i = 0; i < n; i++)
                xc_query_free(words[i]);
            continue;
        }
        xc_query_combine(XC_OP_PHRASE, words, n, (unsigned)n + 2, &phrase);
        xc_query_new_term(tname, 1, 0, &term);
        matching(db, phrase, want, sizeof want);
        matching(db, term, got, sizeof got);
        printf("# %s: phrase %s, term %s\n", phrases[p], want, got);
        CHECK(strcmp(want, got) == 0);
        for (size_t i = 0; i < n; i++)
            xc_query_free(words[i]);
        xc_query_free(phrase);
        xc_query_free(term);
    }
    unsigned f = 0;
    CHECK(xc_database_termfreq(db, "~money back", &f) == XC_OK && f == 4);
    CHECK(xc_database_termfreq(db, "~back money", &f) == XC_OK && f == 3);

    /* wdf: the smallest of the words'. */
    xc_document *doc = NULL;
    collect c;
    CHECK(xc_database_get_document(db, 5, &doc) == XC_OK);
    CHECK(strstr(doc_terms(doc, &c), "~money back:3 ") != NULL);
    /* A stale term the text no longer has goes; the others stay. */
    xc_document_add_term(doc, "~money back guarante", 7);
    xc_document_add_term(doc, "~other phrase", 1);
    int changed = 0;
    CHECK(xc_phraseset_apply(ps, doc, &changed) == XC_OK && changed == 1);
    CHECK(strstr(doc_terms(doc, &c), "~money back guarante") == NULL);
    CHECK(strstr(c.buf, "~other phrase:1 ") != NULL);
    xc_document_free(doc);

    /* No phrases: nothing to do. */
    xc_phraseset *none = NULL;
    CHECK(xc_phraseset_new(NULL, 0, "~", 2, &none) == XC_OK);
    CHECK(xc_database_get_document(db, 1, &doc) == XC_OK);
    CHECK(xc_phraseset_apply(none, doc, &changed) == XC_OK && changed == 0);
    CHECK(xc_phraseset_apply(NULL, doc, &changed) == XC_ERR_INVALID);
    xc_document_free(doc);
    xc_phraseset_free(none);
    xc_phraseset_free(ps);
    xc_termgen_free(tg);
    xc_database_free(db);
}

/* ------------------------------------------------------------ BM25 bounds */

static unsigned long bounds_seed = 12345;

static unsigned bounds_rand(unsigned n)
{
    bounds_seed = bounds_seed * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((bounds_seed >> 33) % n);
}

/* A document of the bounds corpus: each of 25 words with a chance that falls
 * with its rank, wdf 1-6 (now and then 40, as a title repeats a word), and a
 * prefixed filler of any length. HEAVY: word 0 with wdf 90 in a short document. */
static xc_docid add_bounds_doc(xc_database *db, int heavy)
{
    xc_document *doc = NULL;
    xc_docid id = 0;
    if (xc_document_new(&doc) != XC_OK)
        return 0;
    for (unsigned w = 0; w < 25; w++) {
        if (heavy ? w != 0 : bounds_rand(100) >= 90 / (1 + w / 3))
            continue;
        char t[8];
        snprintf(t, sizeof t, "w%u", w);
        unsigned wdf = heavy ? 90 : bounds_rand(20) == 0 ? 40 : 1 + bounds_rand(6);
        xc_document_add_term(doc, t, wdf);
    }
    if (!heavy)
        xc_document_add_term(doc, "XPAD", 1 + bounds_rand(300));
    /* Boolean terms to filter ANDs by, independent of the words: some
     * documents hold the filter but not every word. */
    for (unsigned f = 0; f < 3 && !heavy; f++)
        if (bounds_rand(3) == 0) {
            char t[8];
            snprintf(t, sizeof t, "F%u", f);
            xc_document_add_term(doc, t, 0);
        }
    xc_database_add_document(db, doc, &id);
    xc_document_free(doc);
    return id;
}

/* BM25Weight's wdf / (K + wdf), as the bounds and the searcher compute it. */
static double bm25_part(double wdf, double len, double avg)
{
    double normlen = len / avg < 0.2 ? 0.2 : len / avg;
    return wdf / (5.0 * (normlen * 0.75 + 0.25) + wdf);
}

typedef struct posting_terms {
    char terms[32][8];
    unsigned wdf[32];
    size_t n;
    unsigned len;
} posting_terms;

static int collect_doc_term(void *user, const char *term, size_t len, unsigned wdf)
{
    posting_terms *d = user;
    d->len += wdf;
    if (d->n < 32 && len < 8) {
        memcpy(d->terms[d->n], term, len + 1);
        d->wdf[d->n++] = wdf;
    }
    return 0;
}

/* How many postings of DB's documents 1..LAST break the tables (a bound below
 * the posting's wdf / (K + wdf), or no table for an unprefixed term); *TABLES
 * (may be NULL) gets how many terms have a table. */
static unsigned bounds_broken(xc_database *db, xc_docid last, unsigned *tables)
{
    double avg = 0;
    xc_database_avlength(db, &avg);
    unsigned broken = 0;
    if (tables)
        *tables = 0;
    for (xc_docid d = 1; d <= last; d++) {
        posting_terms dt = {0};
        if (xc_database_document_terms(db, d, NULL, collect_doc_term, &dt) != XC_OK)
            continue; /* deleted */
        for (size_t i = 0; i < dt.n; i++) {
            char key[16], *blob = NULL;
            size_t len = 0;
            snprintf(key, sizeof key, "b:%s", dt.terms[i]);
            xc_database_get_metadata(db, key, &blob, &len);
            int prefixed = dt.terms[i][0] >= 'A' && dt.terms[i][0] <= 'Z';
            char *nl = blob ? memchr(blob, '\n', len) : NULL;
            double avg_lo = 0;
            if (prefixed) {
                broken += len != 0;
            } else if (!nl || sscanf(blob, "B1 7 5 0.75 %*s %lg", &avg_lo) != 1 ||
                       (size_t)(nl + 1 - blob) + (d >> 7) >= len) {
                broken++;
            } else {
                /* The searcher allows for an average grown since. */
                unsigned char q = (unsigned char)nl[1 + (d >> 7)];
                double allowed = q / 255.0 * (avg > avg_lo ? avg / avg_lo : 1);
                broken += allowed < bm25_part(dt.wdf[i], dt.len, avg);
            }
            free(blob);
        }
    }
    if (tables) {
        collect c, groups;
        collect_init(&c, 0, 0);
        collect_init(&groups, 0, 0);
        xc_database_metadata_keys(db, "b:", collect_term, &c);
        xc_database_metadata_keys(db, "b:\t", collect_term, &groups);
        *tables = (unsigned)(c.count - groups.count); /* the words' */
    }
    return broken;
}

/* The synonym groups the bounds tests keep tables for (flat, as
 * xc_database_write_group_bounds takes them), and how many of them. */
static const char *const bound_groups[] = {"w0", "w12", "w3", "w14", "w21", "w5", "w9", "w1", "w2", "w4"};
static const size_t bound_group_sizes[] = {2, 3, 2, 3};
static size_t n_bound_groups = 4;

static xc_status write_group_bounds(xc_database *db, const xc_docid *ids, size_t n)
{
    return xc_database_write_group_bounds(db, "b:", 5, 0.75, 0.2, 7, bound_groups, bound_group_sizes,
                                          n_bound_groups, ids, n);
}

/* How many documents up to LAST hold terms of a group (of the first
 * n_bound_groups) whose table does not bound them. */
static unsigned group_bounds_broken(xc_database *db, xc_docid last)
{
    double avg = 0;
    xc_database_avlength(db, &avg);
    unsigned broken = 0;
    for (size_t g = 0, at = 0; g < n_bound_groups; at += bound_group_sizes[g], g++) {
        char key[64], *blob = NULL;
        size_t len = 0, used = (size_t)snprintf(key, sizeof key, "b:");
        for (size_t k = 0; k < bound_group_sizes[g]; k++)
            used += (size_t)snprintf(key + used, sizeof key - used, "\t%s", bound_groups[at + k]);
        xc_database_get_metadata(db, key, &blob, &len);
        char *nl = blob ? memchr(blob, '\n', len) : NULL;
        double avg_lo = 0;
        if (!nl || sscanf(blob, "B1 7 5 0.75 %*s %lg", &avg_lo) != 1)
            broken++;
        for (xc_docid d = 1; nl && d <= last; d++) {
            posting_terms dt = {0};
            if (xc_database_document_terms(db, d, NULL, collect_doc_term, &dt) != XC_OK)
                continue; /* deleted */
            unsigned sum = 0;
            for (size_t i = 0; i < dt.n; i++)
                for (size_t k = 0; k < bound_group_sizes[g]; k++)
                    if (strcmp(dt.terms[i], bound_groups[at + k]) == 0)
                        sum += dt.wdf[i];
            if (!sum)
                continue;
            size_t pos = (size_t)(nl + 1 - blob) + (d >> 7);
            double allowed = pos < len ? (unsigned char)blob[pos] / 255.0 * (avg > avg_lo ? avg / avg_lo : 1) : 0;
            broken += allowed < bm25_part(sum, dt.len, avg);
        }
        free(blob);
    }
    return broken;
}

/* Makes the bound table KEY claim next to nothing (1/255 a block). */
static void starve_table(xc_database *db, const char *key)
{
    char *blob = NULL;
    size_t len = 0;
    CHECK(xc_database_get_metadata(db, key, &blob, &len) == XC_OK && len > 0);
    char *nl = blob ? memchr(blob, '\n', len) : NULL;
    if (nl) {
        memset(nl + 1, 1, len - (size_t)(nl + 1 - blob));
        xc_database_set_metadata(db, key, blob, len);
    }
    free(blob);
}

/* How many group tables DB has. */
static size_t group_tables(xc_database *db)
{
    collect c;
    collect_init(&c, 0, 0);
    xc_database_metadata_keys(db, "b:\t", collect_term, &c);
    return c.count;
}

typedef struct qlist_t {
    xc_query *q[6];
    size_t n;
} qlist_t;

static xc_enquire *bm25_enquire(xc_database *db)
{
    xc_enquire *e = NULL;
    if (xc_enquire_new(db, &e) != XC_OK || xc_enquire_set_bm25(e, 5, 0, 1, 0.75, 0.2) != XC_OK) {
        xc_enquire_free(e);
        return NULL;
    }
    return e;
}

/* Whether Q and R give the same first N documents, in order, with the same
 * weights (to rounding: the OR adds in another order). */
static int same_mset(xc_database *db, xc_query *q, xc_query *r, unsigned n)
{
    xc_enquire *e = bm25_enquire(db);
    xc_mset *a = NULL, *b = NULL;
    int same = e && xc_enquire_set_query(e, q, 0) == XC_OK && xc_enquire_mset(e, 0, n, 0, &a) == XC_OK &&
               xc_enquire_set_query(e, r, 0) == XC_OK && xc_enquire_mset(e, 0, n, 0, &b) == XC_OK &&
               xc_mset_size(a) == xc_mset_size(b);
    for (unsigned i = 0; same && i < xc_mset_size(a); i++) {
        xc_docid da = 0, dbb = 0;
        double wa = 0, wb = 0;
        xc_mset_docid(a, i, &da);
        xc_mset_docid(b, i, &dbb);
        xc_mset_weight(a, i, &wa);
        xc_mset_weight(b, i, &wb);
        same = da == dbb && (wa - wb < 1e-12 * wa && wb - wa < 1e-12 * wa);
    }
    xc_mset_free(a);
    xc_mset_free(b);
    a = b = NULL;
    /* Asked for no documents, the match reports the query's own bounds and
     * estimate of its size: Xapian's for the plain query. */
    same = same && xc_enquire_set_query(e, q, 0) == XC_OK && xc_enquire_mset(e, 0, 0, 0, &a) == XC_OK &&
           xc_enquire_set_query(e, r, 0) == XC_OK && xc_enquire_mset(e, 0, 0, 0, &b) == XC_OK &&
           xc_mset_matches_lower_bound(a) == xc_mset_matches_lower_bound(b) &&
           xc_mset_matches_estimated(a) == xc_mset_matches_estimated(b) &&
           xc_mset_matches_upper_bound(a) == xc_mset_matches_upper_bound(b);
    xc_mset_free(a);
    xc_mset_free(b);
    xc_enquire_free(e);
    return same;
}

/* The bounded OR of N one-term parts TERMS[i] scaled by SCALES[i]. */
static xc_status bounded_terms(const char *const *terms, const double *scales, size_t n,
                               const char *prefix, double k1, xc_query **out)
{
    xc_bounded_part parts[8];
    for (size_t i = 0; i < n && i < 8; i++)
        parts[i] = (xc_bounded_part){terms ? &terms[i] : NULL, 1, scales[i], NULL};
    return xc_query_bounded_or(terms ? parts : NULL, n, prefix, k1, 0.75, 0.2, 7, out);
}

/* Of COUNT random queries (1-6 parts: a word, or now and then an OP_SYNONYM
 * group of two or three (half of them from bound_groups), or the AND of two
 * or three filtered by a boolean term; some scaled 2 or 3), how many give
 * DB's plain OR and the bounded OR
 * (tables under PREFIX, parameter K1) the same first N documents and
 * weights, and the same estimate of their number. */
static int same_queries(xc_database *db, const char *prefix, double k1, unsigned n, int count)
{
    static const char *const filters[] = {"F0", "F1", "F2"};
    int same = 0;
    for (int qi = 0; qi < count; qi++) {
        char words[6][3][8];
        const char *terms[6][3];
        xc_bounded_part bparts[6];
        qlist_t parts = {0};
        unsigned np = 1 + bounds_rand(6);
        for (unsigned i = 0; i < np; i++) {
            unsigned nt = bounds_rand(4) == 0 ? 2 + bounds_rand(2) : 1;
            const char *filter = nt > 1 && bounds_rand(2) ? filters[bounds_rand(3)] : NULL;
            size_t known = nt > 1 && !filter && bounds_rand(2) ? 1 + bounds_rand(4) : 0, at = 0;
            for (size_t g = 0; g + 1 < known; g++)
                at += bound_group_sizes[g];
            if (known)
                nt = (unsigned)bound_group_sizes[known - 1];
            qlist_t alts = {0};
            for (unsigned k = 0; k < nt; k++) {
                if (known)
                    snprintf(words[i][k], sizeof words[i][k], "%s", bound_groups[at + k]);
                else
                    snprintf(words[i][k], sizeof words[i][k], "w%u",
                             qi % 7 == 0 ? 30 + i : nt > 1 ? 10 * k + bounds_rand(10) : bounds_rand(25));
                terms[i][k] = words[i][k];
                alts.q[alts.n++] = term(words[i][k]);
            }
            double scale = bounds_rand(5) == 0 ? 2 + bounds_rand(2) : 1;
            bparts[i] = (xc_bounded_part){terms[i], nt, scale, filter};
            xc_query *one = NULL, *s = NULL;
            xc_query_combine(filter ? XC_OP_AND : nt > 1 ? XC_OP_SYNONYM : XC_OP_OR, alts.q, alts.n, 0, &one);
            if (filter) {
                xc_query *both[2] = {one, term(filter)}, *filtered = NULL;
                xc_query_combine(XC_OP_FILTER, both, 2, 0, &filtered);
                xc_query_free(both[0]);
                xc_query_free(both[1]);
                one = filtered;
            }
            xc_query_scale(one, scale, &s);
            xc_query_free(one);
            for (size_t k = 0; k < alts.n; k++)
                xc_query_free(alts.q[k]);
            parts.q[parts.n++] = s;
        }
        xc_query *plain = NULL, *bounded = NULL;
        xc_query_combine(XC_OP_OR, parts.q, parts.n, 0, &plain);
        xc_query_bounded_or(bparts, np, prefix, k1, 0.75, 0.2, 7, &bounded);
        same += plain && bounded && same_mset(db, plain, bounded, n);
        xc_query_free(plain);
        xc_query_free(bounded);
        for (size_t i = 0; i < parts.n; i++)
            xc_query_free(parts.q[i]);
    }
    return same;
}

/* BM25 bound tables: they bound every posting, after a whole computation and
 * after incremental ones; the bounded OR finds what the plain OR finds, with
 * the same weights, and it does read the tables (wrong ones change its
 * answers); tables of other parameters are ignored. */
static void test_bounds(void)
{
    char dir[600];
    in_root(dir, sizeof dir, "bounds");
    xc_database *w = NULL;
    CHECK(xc_database_open_writable(dir, XC_DB_CREATE | XC_DB_NO_SYNC, &w) == XC_OK);
    if (!w)
        return;
    const char *skip = "ABCDEFGHIJKLMNOPQRSTUVWXYZ~";
    for (int i = 0; i < 1500; i++)
        add_bounds_doc(w, 0);
    CHECK(xc_database_write_bounds(w, "b:", 5, 0.75, 0.2, 7, skip, NULL, 0) == XC_OK);
    unsigned tables = 0;
    CHECK(bounds_broken(w, 1500, &tables) == 0);
    CHECK(tables == 25); /* the words, not XPAD */
    int queries = 60;
    CHECK(same_queries(w, "b:", 5, 10, queries) == queries);
    /* Synonym groups' own tables: they bound every document's sum. */
    CHECK(group_bounds_broken(w, 1500) == n_bound_groups);
    CHECK(write_group_bounds(w, NULL, 0) == XC_OK);
    CHECK(group_bounds_broken(w, 1500) == 0 && group_tables(w) == 4);
    CHECK(same_queries(w, "b:", 5, 10, queries) == queries);
    CHECK(same_queries(w, "b:", 5, 3, queries) == queries);
    /* The words' whole computation leaves them be. */
    CHECK(xc_database_write_bounds(w, "b:", 5, 0.75, 0.2, 7, skip, NULL, 0) == XC_OK);
    CHECK(group_tables(w) == 4);
    /* Group tables that claim too little change answers: they are read. */
    collect gk;
    collect_init(&gk, 0, 0);
    xc_database_metadata_keys(w, "b:\t", collect_term, &gk);
    for (char *key = strtok(gk.buf, " "); key; key = strtok(NULL, " "))
        starve_table(w, key);
    CHECK(group_bounds_broken(w, 1500) > 0);
    CHECK(same_queries(w, "b:", 5, 10, queries) < queries);
    /* A whole computation makes them right again. */
    CHECK(write_group_bounds(w, NULL, 0) == XC_OK);
    CHECK(group_bounds_broken(w, 1500) == 0);
    CHECK(same_queries(w, "b:", 5, 3, queries) == queries);
    CHECK(same_queries(w, "b:", 5, 2000, 10) == 10); /* every match */

    /* Tables made with k1 2 are not this query's: read whole, still right. */
    CHECK(xc_database_write_bounds(w, "k2:", 2, 0.75, 0.2, 7, skip, NULL, 0) == XC_OK);
    CHECK(same_queries(w, "k2:", 5, 10, 20) == 20);
    /* No tables at all: the same. */
    CHECK(same_queries(w, "none:", 5, 10, 20) == 20);

    /* Tables that claim too little: the bounded OR trusts them and misses. */
    for (unsigned i = 0; i < 25; i++) {
        char key[16];
        snprintf(key, sizeof key, "b:w%u", i);
        starve_table(w, key);
    }
    CHECK(bounds_broken(w, 1500, NULL) > 0);
    CHECK(same_queries(w, "b:", 5, 10, queries) < queries);

    /* Incremental: 300 more documents, some with word 0 far heavier than
     * any before (longer average, too), and a document changed in place. */
    CHECK(xc_database_write_bounds(w, "b:", 5, 0.75, 0.2, 7, skip, NULL, 0) == XC_OK);
    xc_docid ids[301];
    size_t n = 0;
    for (int i = 0; i < 300; i++)
        ids[n++] = add_bounds_doc(w, i % 50 == 0);
    const char *gone[] = {"w1"}, *added[] = {"w2"};
    const unsigned wdf[] = {200};
    CHECK(xc_database_change_terms(w, 7, gone, 1, added, wdf, 1) == XC_OK);
    ids[n++] = 7;
    CHECK(bounds_broken(w, 1800, NULL) > 0); /* not yet */
    CHECK(xc_database_write_bounds(w, "b:", 5, 0.75, 0.2, 7, skip, ids, n) == XC_OK);
    CHECK(bounds_broken(w, 1800, &tables) == 0);
    CHECK(group_bounds_broken(w, 1800) > 0); /* not yet */
    CHECK(write_group_bounds(w, ids, n) == XC_OK);
    CHECK(group_bounds_broken(w, 1800) == 0);
    CHECK(same_queries(w, "b:", 5, 10, queries) == queries);
    /* A group no longer given loses its table. */
    n_bound_groups = 3;
    CHECK(write_group_bounds(w, ids, 1) == XC_OK);
    CHECK(group_tables(w) == 3 && group_bounds_broken(w, 1800) == 0);
    n_bound_groups = 4;
    CHECK(write_group_bounds(w, ids, 1) == XC_OK); /* new to it: computed whole */
    CHECK(group_tables(w) == 4 && group_bounds_broken(w, 1800) == 0);
    /* A group too long to key gets no table, and is still weighed right. */
    {
        char long_terms[40][24];
        const char *lt[40];
        size_t lsize = 40;
        xc_query *alts[40], *plain = NULL, *bounded = NULL;
        for (int i = 0; i < 40; i++) {
            snprintf(long_terms[i], sizeof long_terms[i], i < 25 ? "w%d" : "absentword%d", i);
            lt[i] = long_terms[i];
            alts[i] = term(lt[i]);
        }
        CHECK(xc_database_write_group_bounds(w, "b:", 5, 0.75, 0.2, 7, lt, &lsize, 1, NULL, 0) == XC_OK);
        CHECK(group_tables(w) == 0);
        xc_bounded_part lp = {lt, 40, 1, NULL};
        CHECK(xc_query_combine(XC_OP_SYNONYM, alts, 40, 0, &plain) == XC_OK);
        CHECK(xc_query_bounded_or(&lp, 1, "b:", 5, 0.75, 0.2, 7, &bounded) == XC_OK);
        CHECK(plain && bounded && same_mset(w, plain, bounded, 10));
        xc_query_free(plain);
        xc_query_free(bounded);
        for (int i = 0; i < 40; i++)
            xc_query_free(alts[i]);
        CHECK(write_group_bounds(w, NULL, 0) == XC_OK && group_tables(w) == 4);
    }
    /* A word new to the index gets its table. */
    const char *newword[] = {"w40"};
    const unsigned one[] = {3};
    CHECK(xc_database_change_terms(w, 9, NULL, 0, newword, one, 1) == XC_OK);
    xc_docid nine = 9;
    CHECK(xc_database_write_bounds(w, "b:", 5, 0.75, 0.2, 7, skip, &nine, 1) == XC_OK);
    CHECK(bounds_broken(w, 1800, &tables) == 0 && tables == 26);
    /* Removed documents leave bounds loose, never wrong; a whole computation
     * drops the table of a word gone from the index. */
    for (xc_docid d = 1; d <= 600; d++)
        xc_database_delete_document(w, d);
    CHECK(xc_database_write_bounds(w, "b:", 5, 0.75, 0.2, 7, skip, NULL, 0) == XC_OK);
    CHECK(bounds_broken(w, 1800, &tables) == 0 && tables == 25);
    CHECK(same_queries(w, "b:", 5, 10, queries) == queries);

    /* Documents that hold the same weigh exactly the same, wherever the
     * cursors stand (the parts are added in one order). */
    const char *six[] = {"w0", "w3", "w5", "w8", "w11", "w14"};
    const double ones[] = {1, 1, 1, 1, 1, 1};
    xc_docid twins[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        /* Just before each twin, the first three words and then the last
         * three (or the other way round) were seen last. */
        for (int half = 0; half < 3; half++) {
            xc_document *doc = NULL;
            CHECK(xc_document_new(&doc) == XC_OK);
            for (int i = 0; i < 6; i++)
                if (half == 2 || (i < 3) == (half == k))
                    xc_document_add_term(doc, six[i], half == 2 ? 20 + (unsigned)i : 1);
            CHECK(xc_database_add_document(w, doc, half == 2 ? &twins[k] : NULL) == XC_OK);
            xc_document_free(doc);
        }
    }
    CHECK(xc_database_write_bounds(w, "b:", 5, 0.75, 0.2, 7, skip, NULL, 0) == XC_OK);
    xc_query *six_q = NULL;
    CHECK(bounded_terms(six, ones, 6, "b:", 5, &six_q) == XC_OK);
    xc_enquire *e = bm25_enquire(w);
    xc_mset *m = NULL;
    double tw[2] = {-1, -2};
    CHECK(e && xc_enquire_set_query(e, six_q, 0) == XC_OK && xc_enquire_mset(e, 0, 5000, 0, &m) == XC_OK);
    for (unsigned i = 0; m && i < xc_mset_size(m); i++) {
        xc_docid d = 0;
        xc_mset_docid(m, i, &d);
        for (int k = 0; k < 2; k++)
            if (d == twins[k])
                xc_mset_weight(m, i, &tw[k]);
    }
    CHECK(tw[0] > 0 && tw[0] == tw[1]);
    xc_mset_free(m);
    xc_enquire_free(e);
    xc_query_free(six_q);

    /* Errors. */
    const char *t1[] = {"w0"};
    const double s1[] = {1}, s0[] = {0};
    xc_query *q = NULL;
    CHECK(xc_database_write_bounds(w, "b:", 0, 0.75, 0.2, 7, skip, NULL, 0) == XC_ERR_INVALID);
    CHECK(xc_database_write_bounds(w, "", 5, 0.75, 0.2, 7, skip, NULL, 0) == XC_ERR_INVALID);
    CHECK(xc_database_write_bounds(w, "b:", 5, 0.75, 0.2, 7, skip, NULL, 3) == XC_ERR_INVALID);
    const xc_bounded_part empty = {t1, 0, 1, NULL}, no_filter = {t1, 1, 1, ""};
    CHECK(bounded_terms(NULL, s1, 1, "b:", 5, &q) == XC_ERR_INVALID);
    CHECK(bounded_terms(t1, s0, 1, "b:", 5, &q) == XC_ERR_INVALID);
    CHECK(xc_query_bounded_or(&empty, 1, "b:", 5, 0.75, 0.2, 7, &q) == XC_ERR_INVALID);
    CHECK(xc_query_bounded_or(&empty, 1, "b:", 5, 2, 0.2, 7, &q) == XC_ERR_INVALID);
    CHECK(xc_query_bounded_or(&no_filter, 1, "b:", 5, 0.75, 0.2, 7, &q) == XC_ERR_INVALID);
    const size_t one_term = 1;
    CHECK(xc_database_write_group_bounds(w, "b:", 5, 0.75, 0.2, 7, t1, &one_term, 1, NULL, 0) ==
          XC_ERR_INVALID);
    CHECK(xc_database_write_group_bounds(w, "b:", 5, 0.75, 0.2, 7, t1, NULL, 1, NULL, 0) == XC_ERR_INVALID);
    CHECK(xc_database_write_group_bounds(w, "", 5, 0.75, 0.2, 7, NULL, NULL, 0, NULL, 0) == XC_ERR_INVALID);
    CHECK(xc_database_commit(w) == XC_OK);
    xc_database *r = NULL;
    CHECK(xc_database_open(dir, &r) == XC_OK);
    CHECK(xc_database_write_bounds(r, "b:", 5, 0.75, 0.2, 7, skip, NULL, 0) == XC_ERR_INVALID);
    xc_database_free(r);
    xc_database_free(w);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/test-xapian-c.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root)) {
        perror(root);
        return 1;
    }
    test_general();
    test_documents();
    test_inmemory();
    test_features();
    test_disk();
    test_lock();
    test_modified();
    test_termgen();
    test_query();
    test_queryparser();
    test_search();
    test_remote_prog();
    test_remote_tcp();
    test_words();
    test_phraseset();
    test_change_terms();
    test_drop_positions();
    test_bounds();
    nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return test_done();
}
