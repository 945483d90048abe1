/* bench-peer.c: the peers edgecase is measured against in `make bench`.
 *
 *   bench-peer fts5|xapian index DB DIR      parse every .xml under DIR, index its units
 *   bench-peer fts5|xapian search DB [--stopwords]
 *                                            read FILTER<TAB>QUERY lines on stdin, print
 *                                            one line per query (flushed): COUNT<TAB>IDS
 *
 * The units are edgecase's: one per resolution path (its playbook's title,
 * summary, tags, symptoms, customer phrases, acknowledgements and triggers,
 * then the path's own title, conditions and steps) and one per article, as
 * tests/relevance/run builds them. Files are parsed with libxml2 but not
 * validated. FILTER is "", "channel=X" or "category=X".
 *
 * fts5:   SQLite FTS5, porter tokenizer, bm25, the query's words ORed.
 * xapian: the plain Xapian loop a team would write first, through our C API:
 *         TermGenerator with the English stemmer (default strategy, positions),
 *         QueryParser defaults; --stopwords drops 50 common words at query time.
 * No edgecase logic (spelling, synonyms, field weights, collapsing) in either. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "xapian-c.h"

#define MAX_RESULTS 10

/* The 50 commonest English words of customers' sentences. */
static const char *const stopwords50[] = {
    "the", "a",    "an",   "and",  "or",   "but",  "of",   "to",   "in",   "on",
    "at",  "for",  "with", "from", "by",   "is",   "are",  "was",  "were", "be",
    "been", "it",  "its",  "this", "that", "i",    "me",   "my",   "you",  "your",
    "we",  "our",  "they", "them", "he",   "she",  "have", "has",  "had",  "do",
    "does", "did", "not",  "no",   "can",  "will", "would", "so",  "if",   "what"};
#define N_STOPWORDS (sizeof stopwords50 / sizeof stopwords50[0])

typedef struct buf {
    char *s;
    size_t len, cap;
} buf;

static void buf_add(buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 2 > b->cap) {
        size_t cap = (b->len + n + 2) * 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            fprintf(stderr, "bench-peer: out of memory\n");
            exit(2);
        }
        b->s = p;
        b->cap = cap;
    }
    if (b->len)
        b->s[b->len++] = ' ';
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

static void buf_clear(buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The text of N with runs of whitespace as one space, appended to B. */
static void add_text(buf *b, xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t)
        return;
    char *w = (char *)t, *r = (char *)t;
    int space = 1;
    for (; *r; r++) {
        if (*r == ' ' || *r == '\n' || *r == '\t' || *r == '\r') {
            if (!space)
                *w++ = ' ';
            space = 1;
        } else {
            *w++ = *r;
            space = 0;
        }
    }
    if (w > (char *)t && w[-1] == ' ')
        w--;
    *w = '\0';
    if (*t)
        buf_add(b, (const char *)t);
    xmlFree(t);
}

/* ------------------------------------------------------------ engines */

typedef struct engine {
    int fts5;
    sqlite3 *db;
    sqlite3_stmt *insert;
    xc_database *xdb;
    xc_termgen *tg;
    unsigned long files, units;
} engine;

static void die_sql(engine *e, const char *what)
{
    fprintf(stderr, "bench-peer: %s: %s\n", what, sqlite3_errmsg(e->db));
    exit(2);
}

static void die_xc(xc_status xs, const char *what)
{
    if (xs == XC_OK)
        return;
    fprintf(stderr, "bench-peer: %s: %s\n", what, xc_last_error());
    exit(2);
}

/* CHANNELS is " voice chat " (space-padded, so a filter matches whole words). */
static void add_unit(engine *e, const char *uid, const char *category, const char *channels,
                     const char *title, const char *body)
{
    e->units++;
    if (e->fts5) {
        sqlite3_stmt *s = e->insert;
        sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, category, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, channels, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, title, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, body, -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE)
            die_sql(e, "inserting a unit");
        sqlite3_reset(s);
        return;
    }
    xc_document *doc = NULL;
    die_xc(xc_document_new(&doc), "new document");
    die_xc(xc_termgen_set_document(e->tg, doc), "indexing");
    die_xc(xc_termgen_index_text(e->tg, title, (size_t)-1, 1, "", 1), "indexing");
    die_xc(xc_termgen_increase_termpos(e->tg, 100), "indexing");
    die_xc(xc_termgen_index_text(e->tg, body, (size_t)-1, 1, "", 1), "indexing");
    char term[256];
    snprintf(term, sizeof term, "XCAT%s", category);
    die_xc(xc_document_add_boolean_term(doc, term), "indexing");
    char *ch = strdup(channels), *save = NULL;
    for (char *c = strtok_r(ch, " ", &save); c; c = strtok_r(NULL, " ", &save)) {
        snprintf(term, sizeof term, "XCH%s", c);
        die_xc(xc_document_add_boolean_term(doc, term), "indexing");
    }
    free(ch);
    die_xc(xc_document_set_data(doc, uid, strlen(uid)), "indexing");
    die_xc(xc_database_add_document(e->xdb, doc, NULL), "adding a document");
    xc_document_free(doc);
}

static engine *the_engine;

/* One file -> its units (tests/relevance/run's load_units). */
static void index_file(engine *e, const char *file)
{
    xmlDoc *d = xmlReadFile(file, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!d) {
        fprintf(stderr, "bench-peer: %s: not well-formed XML, skipped\n", file);
        return;
    }
    xmlNode *root = xmlDocGetRootElement(d);
    int playbook = root && is(root, "playbook"), article = root && is(root, "article");
    if (!playbook && !article) {
        xmlFreeDoc(d);
        return;
    }
    e->files++;
    xmlChar *id = xmlGetProp(root, (const xmlChar *)"id");
    buf title = {0}, common = {0}, cat = {0}, chans = {0}, body = {0};
    for (xmlNode *c = root->children; c; c = c->next) {
        if (is(c, "title"))
            add_text(&title, c);
        else if (is(c, "category"))
            add_text(&cat, c);
        else if (is(c, "channel"))
            add_text(&chans, c);
        else if (is(c, "summary") || is(c, "tag") || is(c, "symptom") || is(c, "says") ||
                 is(c, "acknowledge") || is(c, "trigger") || is(c, "body"))
            add_text(&common, c);
    }
    /* " voice chat ": a channel filter then matches whole words. */
    char *padded = malloc(chans.len + 3);
    if (!padded)
        exit(2);
    snprintf(padded, chans.len + 3, " %s ", chans.s ? chans.s : "");
    const char *idc = id ? (const char *)id : "";
    if (article) {
        add_unit(e, idc, cat.s ? cat.s : "", padded, title.s ? title.s : "", common.s ? common.s : "");
    } else {
        for (xmlNode *p = root->children; p; p = p->next) {
            if (!is(p, "path"))
                continue;
            buf_clear(&body);
            buf_add(&body, common.s ? common.s : "");
            add_text(&body, p);
            xmlChar *pid = xmlGetProp(p, (const xmlChar *)"id");
            char uid[512];
            snprintf(uid, sizeof uid, "%s#%s", idc, pid ? (const char *)pid : "");
            xmlFree(pid);
            add_unit(e, uid, cat.s ? cat.s : "", padded, title.s ? title.s : "", body.s);
        }
    }
    xmlFree(id);
    free(padded);
    free(title.s);
    free(common.s);
    free(cat.s);
    free(chans.s);
    free(body.s);
    xmlFreeDoc(d);
}

static int walk_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    size_t n = strlen(path);
    if (type == FTW_F && n > 4 && strcmp(path + n - 4, ".xml") == 0)
        index_file(the_engine, path);
    return 0;
}

static int do_index(engine *e, const char *dbpath, const char *dir)
{
    if (e->fts5) {
        remove(dbpath);
        if (sqlite3_open(dbpath, &e->db) != SQLITE_OK)
            die_sql(e, dbpath);
        if (sqlite3_exec(e->db,
                         "CREATE VIRTUAL TABLE u USING fts5(uid UNINDEXED, category UNINDEXED, "
                         "channels UNINDEXED, title, body, tokenize='porter unicode61');"
                         "BEGIN;",
                         NULL, NULL, NULL) != SQLITE_OK)
            die_sql(e, "creating the table");
        if (sqlite3_prepare_v2(e->db, "INSERT INTO u VALUES (?, ?, ?, ?, ?)", -1, &e->insert,
                               NULL) != SQLITE_OK)
            die_sql(e, "preparing the insert");
    } else {
        die_xc(xc_database_open_writable(dbpath, XC_DB_CREATE_OR_OVERWRITE, &e->xdb), dbpath);
        die_xc(xc_termgen_new("english", &e->tg), "term generator");
    }
    the_engine = e;
    if (nftw(dir, walk_one, 32, FTW_PHYS) != 0) {
        fprintf(stderr, "bench-peer: cannot read %s\n", dir);
        return 2;
    }
    if (e->fts5) {
        sqlite3_finalize(e->insert);
        if (sqlite3_exec(e->db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
            die_sql(e, "committing");
        sqlite3_close(e->db);
    } else {
        die_xc(xc_database_commit(e->xdb), "committing");
        xc_termgen_free(e->tg);
        xc_database_free(e->xdb);
    }
    printf("{\"files\": %lu, \"units\": %lu}\n", e->files, e->units);
    return 0;
}

/* --------------------------------------------------------------- search */

/* The query's words (ASCII letters and digits, and any byte >= 0x80) as an
 * FTS5 OR of quoted strings, into OUT; 0 when there is no word. */
static int fts5_match(const char *q, buf *out)
{
    buf_clear(out);
    char word[256];
    size_t n = 0, words = 0;
    for (const char *p = q;; p++) {
        unsigned char c = (unsigned char)*p;
        int wc = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c >= 0x80;
        if (wc && n < sizeof word - 3) {
            word[n++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            continue;
        }
        if (n) {
            char quoted[300];
            word[n] = '\0';
            snprintf(quoted, sizeof quoted, "%s\"%s\"", words ? "OR " : "", word);
            buf_add(out, quoted);
            words++;
            n = 0;
        }
        if (!c)
            break;
    }
    return words > 0;
}

static int do_search(engine *e, const char *dbpath, int stop)
{
    sqlite3_stmt *plain = NULL, *by_cat = NULL, *by_chan = NULL;
    xc_queryparser *qp = NULL;
    xc_enquire *enq = NULL;
    if (e->fts5) {
        if (sqlite3_open_v2(dbpath, &e->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
            die_sql(e, dbpath);
        const char *base = "SELECT uid FROM u WHERE u MATCH ?1";
        const char *tail = " ORDER BY bm25(u) LIMIT 10";
        char sql[512];
        snprintf(sql, sizeof sql, "%s%s", base, tail);
        if (sqlite3_prepare_v2(e->db, sql, -1, &plain, NULL) != SQLITE_OK)
            die_sql(e, "preparing the search");
        snprintf(sql, sizeof sql, "%s AND category = ?2%s", base, tail);
        if (sqlite3_prepare_v2(e->db, sql, -1, &by_cat, NULL) != SQLITE_OK)
            die_sql(e, "preparing the search");
        snprintf(sql, sizeof sql, "%s AND instr(channels, ?2) > 0%s", base, tail);
        if (sqlite3_prepare_v2(e->db, sql, -1, &by_chan, NULL) != SQLITE_OK)
            die_sql(e, "preparing the search");
    } else {
        die_xc(xc_database_open(dbpath, &e->xdb), dbpath);
        die_xc(xc_queryparser_new("english", &qp), "query parser");
        if (stop)
            die_xc(xc_queryparser_set_stopwords(qp, stopwords50, N_STOPWORDS), "stopwords");
        die_xc(xc_queryparser_set_database(qp, e->xdb), "query parser");
        die_xc(xc_enquire_new(e->xdb, &enq), "enquire");
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    buf match = {0}, ids = {0};
    while ((len = getline(&line, &cap, stdin)) != -1) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        char *tab = strchr(line, '\t');
        const char *filter = "", *query = line;
        if (tab) {
            *tab = '\0';
            filter = line;
            query = tab + 1;
        }
        const char *eq = strchr(filter, '=');
        int is_cat = eq && strncmp(filter, "category=", 9) == 0;
        int is_chan = eq && strncmp(filter, "channel=", 8) == 0;
        unsigned count = 0;
        buf_clear(&ids);
        if (e->fts5) {
            if (fts5_match(query, &match)) {
                sqlite3_stmt *s = is_cat ? by_cat : is_chan ? by_chan : plain;
                char padded[256];
                snprintf(padded, sizeof padded, " %s ", eq ? eq + 1 : "");
                sqlite3_bind_text(s, 1, match.s, -1, SQLITE_STATIC);
                if (is_cat)
                    sqlite3_bind_text(s, 2, eq + 1, -1, SQLITE_STATIC);
                else if (is_chan)
                    sqlite3_bind_text(s, 2, padded, -1, SQLITE_STATIC);
                int rc;
                while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
                    buf_add(&ids, (const char *)sqlite3_column_text(s, 0));
                    count++;
                }
                if (rc != SQLITE_DONE)
                    die_sql(e, "searching");
                sqlite3_reset(s);
            }
        } else {
            xc_query *q = NULL;
            xc_status xs = xc_queryparser_parse(qp, query, XC_QP_DEFAULT, "", &q);
            if (xs == XC_ERR_QUERY) /* a stray quote or bracket: words only */
                xs = xc_queryparser_parse(qp, query, 0, "", &q);
            die_xc(xs, "parsing the query");
            if (is_cat || is_chan) {
                char term[256];
                snprintf(term, sizeof term, "%s%s", is_cat ? "XCAT" : "XCH", eq + 1);
                xc_query *f = NULL, *both = NULL;
                die_xc(xc_query_new_term(term, 1, 0, &f), "filter");
                xc_query *pair[2] = {q, f};
                die_xc(xc_query_combine(XC_OP_FILTER, pair, 2, 0, &both), "filter");
                xc_query_free(q);
                xc_query_free(f);
                q = both;
            }
            xc_mset *m = NULL;
            die_xc(xc_enquire_set_query(enq, q, 0), "setting the query");
            die_xc(xc_enquire_mset(enq, 0, MAX_RESULTS, 0, &m), "searching");
            count = xc_mset_size(m);
            for (unsigned i = 0; i < count; i++) {
                char *data = NULL;
                die_xc(xc_mset_data(m, i, &data, NULL), "reading a result");
                buf_add(&ids, data);
                free(data);
            }
            xc_mset_free(m);
            xc_query_free(q);
        }
        printf("%u\t%s\n", count, ids.s ? ids.s : "");
        fflush(stdout);
    }
    free(line);
    free(match.s);
    free(ids.s);
    if (e->fts5) {
        sqlite3_finalize(plain);
        sqlite3_finalize(by_cat);
        sqlite3_finalize(by_chan);
        sqlite3_close(e->db);
    } else {
        xc_enquire_free(enq);
        xc_queryparser_free(qp);
        xc_database_free(e->xdb);
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: bench-peer fts5|xapian index DB DIR\n"
                    "       bench-peer fts5|xapian search DB [--stopwords] < FILTER<TAB>QUERY lines\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return usage();
    engine e = {0};
    if (strcmp(argv[1], "fts5") == 0)
        e.fts5 = 1;
    else if (strcmp(argv[1], "xapian") != 0)
        return usage();
    if (strcmp(argv[2], "index") == 0 && argc == 5)
        return do_index(&e, argv[3], argv[4]);
    if (strcmp(argv[2], "search") == 0 && (argc == 4 || (argc == 5 && strcmp(argv[4], "--stopwords") == 0)))
        return do_search(&e, argv[3], argc == 5);
    return usage();
}
