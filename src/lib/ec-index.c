/* ec-index.c: files -> the Xapian index (see ec-index.h and ec-layout.h).
 *
 * Bookkeeping lives in the index's own metadata, so that it commits with the
 * documents in the same transaction and can never disagree with them:
 *   f:<hash of the file's real path> -> "<content hash>\t<kind>\t<id>\t<line>\t<real path>\t<shown path>"
 *   i:<id> -> the f: hash of the file that defines the id
 *   d:<id> -> the document as JSON (for open, trainers, reports)
 *   s:<f: hash> -> a synonyms file's groups as JSON */
#define _XOPEN_SOURCE 700
#include "ec-index.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "ec-layout.h"
#include "ec-lint.h"
#include "ec-load.h"
#include "ec-model-json.h"
#include "ec-pack.h"
#include "ec-util.h"
#include "ec-walk.h"
#include "xapian-c.h"

/* Xapian refuses terms longer than 245 bytes; longer boolean values (a tag
 * pasted with a paragraph in it) are not filterable rather than fatal. */
#define MAX_TERM 240

/* Gap between fields so phrases never match across two of them. */
#define FIELD_GAP 100

/* Documents whose changes Xapian holds in memory before writing them. Its
 * pending postings live in maps that, at its default of 10,000, outgrow the
 * CPU caches: at 10,000 files (24,219 units) 1,000 took a full run from
 * 53.7 s to 29.1 s and its peak RSS from 181 MB to 51 MB; 500 was no faster,
 * 4,000 took 37.3 s. */
#define FLUSH_DOCS 1000

typedef struct docids {
    xc_docid *items;
    size_t n, cap;
    int oom;
} docids;

typedef struct indexer {
    xc_database *db;
    xc_termgen *tg;
    xc_stemmer *stem;
    ec_loader *loader;
    const char *today;
    ec_diags *diags;
    ec_index_stats *stats;
    int synonyms_dirty;
    xc_phraseset *phrases; /* the phrase terms documents get in this run */
    size_t written;        /* documents added or rewritten in this run */
    struct unit_refresh *dry; /* set: add_doc updates a stored unit's phrase terms instead */
    docids changed;           /* documents whose terms changed in place (for the bounds) */
    const ec_index_options *options;
    char *err; /* first fatal error */
    ec_status st;
} indexer;

/* A document's phrase terms, each with its wdf; OOM when one was not kept. */
typedef struct phrase_list {
    ec_strv terms;
    unsigned *wdf;
    size_t wdf_cap;
    int oom;
} phrase_list;

/* refresh_file_phrases: the stored units of a file, in the order its units
 * are built again; MISMATCH when the file now makes more units than these. */
typedef struct unit_refresh {
    const struct docids *ids;
    size_t next;
    int mismatch;
} unit_refresh;

/* One f: entry, split. Fields point into LINE. */
typedef struct file_entry {
    char *line;
    const char *hash, *kind, *id, *real, *shown;
    long id_line;
} file_entry;

static void file_entry_free(file_entry *e)
{
    free(e->line);
    memset(e, 0, sizeof *e);
}

/* Splits a stored f: value; returns 0 when it has the expected shape. */
static int file_entry_parse(char *value, file_entry *e)
{
    memset(e, 0, sizeof *e);
    e->line = value;
    char *f[6];
    char *p = value;
    for (int i = 0; i < 6; i++) {
        f[i] = p;
        char *tab = strchr(p, '\t');
        if (i < 5) {
            if (!tab)
                return -1;
            *tab = '\0';
            p = tab + 1;
        }
    }
    e->hash = f[0];
    e->kind = f[1];
    e->id = f[2];
    e->id_line = strtol(f[3], NULL, 10);
    e->real = f[4];
    e->shown = f[5];
    return 0;
}

/* Records a fatal xapian-c failure once; later ones keep the first message. */
static int xfail(indexer *ix, xc_status xs, const char *what)
{
    if (xs == XC_OK)
        return 0;
    if (!ix->err) {
        ix->err = ec_strdup_printf("%s: %s", what, xc_last_error());
        ix->st = xs == XC_ERR_NOMEM ? EC_ERR_NOMEM
                 : xs == XC_ERR_LOCKED ? EC_ERR_LOCKED
                 : xs == XC_ERR_CORRUPT ? EC_ERR_CORRUPT
                                        : EC_ERR_SEARCH;
    }
    return -1;
}

static char *meta_get(indexer *ix, const char *prefix, const char *key)
{
    char *k = ec_strdup_printf("%s%s", prefix, key);
    char *v = NULL;
    if (!k || xfail(ix, xc_database_get_metadata(ix->db, k, &v, NULL), "reading the index"))
        v = NULL;
    free(k);
    return v;
}

static int meta_set(indexer *ix, const char *prefix, const char *key, const char *value)
{
    char *k = ec_strdup_printf("%s%s", prefix, key);
    if (!k)
        return xfail(ix, XC_ERR_NOMEM, "indexing");
    int r = xfail(ix, xc_database_set_metadata(ix->db, k, value, value ? strlen(value) : 0),
                  "writing the index");
    free(k);
    return r;
}

/* ------------------------------------------------------------ documents */

static int bool_term(indexer *ix, xc_document *doc, const char *prefix, const char *value)
{
    if (!value || !*value)
        return 0;
    char term[MAX_TERM + 1];
    int n = snprintf(term, sizeof term, "%s%s", prefix, value);
    if (n < 0 || (size_t)n >= sizeof term)
        return 0;
    return xfail(ix, xc_document_add_boolean_term(doc, term), "indexing");
}

static int text(indexer *ix, const char *s, unsigned wdf, const char *field_prefix)
{
    if (!s || !*s)
        return 0;
    /* Positions only feed the phrase terms (add_doc), so none without phrases. */
    int positions = ix->phrases && xc_phraseset_size(ix->phrases) > 0;
    if (xfail(ix, xc_termgen_index_text(ix->tg, s, (size_t)-1, wdf, "", positions), "indexing"))
        return -1;
    if (field_prefix &&
        xfail(ix, xc_termgen_index_text(ix->tg, s, (size_t)-1, 1, field_prefix, 0), "indexing"))
        return -1;
    return xfail(ix, xc_termgen_increase_termpos(ix->tg, FIELD_GAP), "indexing");
}

static int texts(indexer *ix, const ec_strv *v, unsigned wdf, const char *field_prefix)
{
    for (size_t i = 0; i < v->n; i++)
        if (text(ix, v->items[i], wdf, field_prefix))
            return -1;
    return 0;
}

static int value(indexer *ix, xc_document *doc, xc_slot slot, const char *v)
{
    if (!v || !*v)
        return 0;
    return xfail(ix, xc_document_set_value(doc, slot, v, strlen(v)), "indexing");
}

/* The boolean terms, values and text every unit of META carries. */
static int add_meta(indexer *ix, xc_document *doc, const ec_meta *m, const char *kind,
                    const char *file_hash)
{
    int r = 0;
    r |= bool_term(ix, doc, EC_PFX_ID, m->id);
    r |= bool_term(ix, doc, EC_PFX_FILE, file_hash);
    r |= bool_term(ix, doc, EC_PFX_KIND, kind);
    r |= bool_term(ix, doc, EC_PFX_CATEGORY, m->category);
    r |= bool_term(ix, doc, EC_PFX_STATUS, m->status);
    for (size_t i = 0; i < m->channels.n; i++)
        r |= bool_term(ix, doc, EC_PFX_CHANNEL, m->channels.items[i]);
    for (size_t i = 0; i < m->products.n; i++)
        r |= bool_term(ix, doc, EC_PFX_PRODUCT, m->products.items[i]);
    for (size_t i = 0; i < m->tags.n; i++)
        r |= bool_term(ix, doc, EC_PFX_TAG, m->tags.items[i]);
    r |= value(ix, doc, EC_SLOT_ID, m->id);
    r |= value(ix, doc, EC_SLOT_CATEGORY, m->category);
    r |= value(ix, doc, EC_SLOT_KIND, kind);
    r |= value(ix, doc, EC_SLOT_STATUS, m->status);
    if (m->channels.n)
        r |= value(ix, doc, EC_SLOT_CHANNELS, m->channels.items[0]);
    /* The title weighs most: it is what the author says the case is. 8 was
     * measured best on both relevance sets (tests/relevance/run). */
    r |= text(ix, m->title, 8, EC_PFX_TITLE);
    r |= text(ix, m->summary, 2, NULL);
    r |= texts(ix, &m->tags, 2, NULL);
    return r ? -1 : 0;
}

/* Stores what a result line needs in the document's data, so the searcher
 * never loads the whole playbook to show a result. */
static int set_data(indexer *ix, xc_document *doc, const ec_meta *m, const char *kind,
                    const ec_path *path, const ec_playbook *pb, const char *snippet_text)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "id", json_object_new_string(m->id));
    json_object_object_add(o, "kind", json_object_new_string(kind));
    json_object_object_add(o, "title", json_object_new_string(m->title ? m->title : ""));
    json_object_object_add(o, "category", json_object_new_string(m->category ? m->category : ""));
    if (path) {
        json_object_object_add(o, "path", json_object_new_string(path->id));
        json_object_object_add(o, "path_title", json_object_new_string(path->title ? path->title : ""));
        json_object_object_add(o, "authority", json_object_new_string(path->authority ? path->authority : "agent"));
    }
    if (pb) {
        json_object_object_add(o, "triggers", ec_json_strv(&pb->triggers));
        if (pb->n_escalations && pb->escalations[0].to)
            json_object_object_add(o, "escalate_to", json_object_new_string(pb->escalations[0].to));
    }
    json_object_object_add(o, "text", json_object_new_string(snippet_text ? snippet_text : ""));
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
    int r = xfail(ix, xc_document_set_data(doc, s, strlen(s)), "indexing");
    json_object_put(o);
    return r;
}

static void join_into(ec_buf *b, const ec_strv *v, const char *sep)
{
    for (size_t i = 0; i < v->n; i++) {
        if (b->len)
            ec_buf_puts(b, sep);
        ec_buf_puts(b, v->items[i]);
    }
}

/* Starts a fresh Xapian document with the term generator pointed at it. */
static xc_document *new_doc(indexer *ix)
{
    xc_document *doc = NULL;
    if (xfail(ix, xc_document_new(&doc), "indexing"))
        return NULL;
    if (xfail(ix, xc_termgen_set_document(ix->tg, doc), "indexing")) {
        xc_document_free(doc);
        return NULL;
    }
    return doc;
}

static int refresh_unit(indexer *ix, xc_document *doc);

/* The index keeps no positions: they were 37% of it at 100,000 files, and
 * writing them 11% of indexing time at 10,000. Synonym phrases, the one
 * thing the searcher needed them for, are terms made here while positions
 * are still in memory; an agent's "quoted words" match as all the words. */
static int add_doc(indexer *ix, xc_document *doc)
{
    if (ix->dry)
        return refresh_unit(ix, doc);
    unsigned long stopped = xc_termgen_stopped_wdf(ix->tg);
    if (stopped && xfail(ix, xc_document_add_term(doc, EC_TERM_STOPPED, (unsigned)stopped), "indexing"))
        return -1;
    if (ix->phrases && xfail(ix, xc_phraseset_apply(ix->phrases, doc, NULL), "indexing"))
        return -1;
    if (xfail(ix, xc_document_drop_positions(doc), "indexing"))
        return -1;
    ix->written++;
    return xfail(ix, xc_database_add_document(ix->db, doc, NULL), "writing the index");
}

/* One unit per resolution path: the path's own text plus its playbook's. */
static int index_playbook(indexer *ix, const ec_playbook *pb, const char *file_hash)
{
    const ec_meta *m = &pb->meta;
    for (size_t i = 0; i < pb->n_paths; i++) {
        const ec_path *path = &pb->paths[i];
        xc_document *doc = new_doc(ix);
        if (!doc)
            return -1;
        int r = 0;
        char *unique = ec_strdup_printf("%s%s#%s", EC_PFX_UNIQUE, m->id, path->id);
        r |= unique ? bool_term(ix, doc, "", unique) : -1;
        free(unique);
        r |= add_meta(ix, doc, m, "playbook", file_hash);
        r |= bool_term(ix, doc, EC_PFX_SEVERITY, pb->severity);
        r |= bool_term(ix, doc, EC_PFX_IMPACT, pb->emotional_impact);
        r |= bool_term(ix, doc, EC_PFX_AUTHORITY, path->authority);
        r |= value(ix, doc, EC_SLOT_SEVERITY, pb->severity);
        /* What customers say and what they see is how agents search. */
        r |= texts(ix, &pb->says, 3, EC_PFX_SAYS);
        r |= texts(ix, &pb->symptoms, 3, EC_PFX_SYMPTOM);
        r |= texts(ix, &pb->triggers, 2, NULL);
        /* The path's own words tell its siblings apart. */
        r |= text(ix, path->title, 4, EC_PFX_TITLE);
        r |= texts(ix, &path->when, 2, NULL);
        r |= texts(ix, &path->steps, 1, EC_PFX_STEP);
        for (size_t e = 0; e < pb->n_escalations; e++)
            r |= texts(ix, &pb->escalations[e].when, 1, NULL);
        ec_buf snip = EC_BUF_INIT;
        ec_buf_puts(&snip, path->title ? path->title : "");
        join_into(&snip, &path->when, ". ");
        join_into(&snip, &path->steps, " ");
        join_into(&snip, &pb->symptoms, ". ");
        join_into(&snip, &pb->says, ". ");
        r |= set_data(ix, doc, m, "playbook", path, pb, snip.data);
        ec_buf_free(&snip);
        if (!r)
            r = add_doc(ix, doc);
        xc_document_free(doc);
        if (r)
            return -1;
    }
    return 0;
}

static int index_article(indexer *ix, const ec_article *a, const char *file_hash)
{
    const ec_meta *m = &a->meta;
    xc_document *doc = new_doc(ix);
    if (!doc)
        return -1;
    int r = 0;
    char *unique = ec_strdup_printf("%s%s", EC_PFX_UNIQUE, m->id);
    r |= unique ? bool_term(ix, doc, "", unique) : -1;
    free(unique);
    r |= add_meta(ix, doc, m, "article", file_hash);
    ec_buf snip = EC_BUF_INIT;
    if (m->summary)
        ec_buf_puts(&snip, m->summary);
    for (size_t i = 0; i < a->n_blocks; i++) {
        const ec_block *b = &a->blocks[i];
        r |= text(ix, b->text, b->kind == EC_BLOCK_HEADING ? 2 : 1, EC_PFX_STEP);
        if (snip.len)
            ec_buf_putc(&snip, ' ');
        ec_buf_puts(&snip, b->text);
    }
    r |= set_data(ix, doc, m, "article", NULL, NULL, snip.data);
    ec_buf_free(&snip);
    if (!r)
        r = add_doc(ix, doc);
    xc_document_free(doc);
    return r;
}

static int store_synonyms(indexer *ix, const ec_synonyms *syn, const char *file_hash)
{
    json_object *groups = json_object_new_array();
    for (size_t i = 0; i < syn->n_groups; i++)
        json_object_array_add(groups, ec_json_strv(&syn->groups[i].terms));
    int r = meta_set(ix, EC_META_SYN, file_hash,
                     json_object_to_json_string_ext(groups, JSON_C_TO_STRING_PLAIN));
    json_object_put(groups);
    ix->synonyms_dirty = 1;
    return r;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ------------------------------------------------------------- synonyms */

typedef struct stem_words {
    indexer *ix;
    ec_buf out;
} stem_words;

static int stem_one(void *user, const char *word, size_t len, unsigned pos)
{
    (void)pos;
    stem_words *sw = user;
    if (ec_is_stopword(word, len))
        return 0;
    char *s = NULL;
    if (xfail(sw->ix, xc_stemmer_stem(sw->ix->stem, word, len, &s), "stemming"))
        return 1;
    if (sw->out.len)
        ec_buf_putc(&sw->out, ' ');
    ec_buf_puts(&sw->out, s);
    free(s);
    return 0;
}

/* PHRASE as the searcher will look it up: its words but stopwords, stemmed,
 * space-joined ("close my account" -> "close account").
 * Returns a malloc'd string, "" for a phrase with no words. */
static char *synonym_key(indexer *ix, const char *phrase)
{
    stem_words sw = {ix, EC_BUF_INIT};
    if (xfail(ix, xc_text_words(phrase, (size_t)-1, stem_one, &sw), "stemming")) {
        ec_buf_free(&sw.out);
        return NULL;
    }
    return ec_buf_steal(&sw.out);
}

/* Rebuilds the synonym table from every synonyms file still indexed: small,
 * and simpler to get right than applying differences. */
static int rebuild_synonyms(indexer *ix)
{
    ec_strv keys = {0};
    int r = xfail(ix, xc_database_synonym_keys(ix->db, "", ec_strv_push_term, &keys), "reading synonyms");
    for (size_t i = 0; !r && i < keys.n; i++)
        r = xfail(ix, xc_database_clear_synonyms(ix->db, keys.items[i]), "writing synonyms");
    ec_strv_free(&keys);
    ec_strv files = {0};
    if (!r)
        r = xfail(ix, xc_database_metadata_keys(ix->db, EC_META_SYN, ec_strv_push_term, &files),
                  "reading synonyms");
    for (size_t f = 0; !r && f < files.n; f++) {
        char *js = NULL;
        if (xfail(ix, xc_database_get_metadata(ix->db, files.items[f], &js, NULL), "reading synonyms")) {
            r = -1;
            break;
        }
        json_object *groups = json_tokener_parse(js);
        free(js);
        size_t ng = groups ? json_object_array_length(groups) : 0;
        for (size_t g = 0; !r && g < ng; g++) {
            json_object *terms = json_object_array_get_idx(groups, g);
            size_t nt = json_object_array_length(terms);
            ec_strv stems = {0};
            for (size_t t = 0; t < nt; t++) {
                char *k = synonym_key(ix, json_object_get_string(json_object_array_get_idx(terms, t)));
                if (!k) {
                    r = -1;
                    break;
                }
                ec_strv_push_owned(&stems, k);
            }
            for (size_t a = 0; !r && a < stems.n; a++)
                for (size_t b = 0; !r && b < stems.n; b++)
                    if (a != b && *stems.items[a] && *stems.items[b] &&
                        strcmp(stems.items[a], stems.items[b]) != 0)
                        r = xfail(ix, xc_database_add_synonym(ix->db, stems.items[a], stems.items[b]),
                                  "writing synonyms");
            ec_strv_free(&stems);
        }
        json_object_put(groups);
    }
    ec_strv_free(&files);
    return r;
}

/* ----------------------------------------------------------- phrase terms */

static int collect_phrase(void *user, const char *term, size_t len, unsigned freq)
{
    (void)freq;
    (void)len;
    return strchr(term, ' ') && ec_strv_push((ec_strv *)user, term) ? 1 : 0;
}

/* Every multi-word synonym key and value in the synonym table, sorted,
 * without duplicates, in *OUT. */
static int synonym_phrases(indexer *ix, ec_strv *out)
{
    ec_strv keys = {0}, all = {0};
    int r = xfail(ix, xc_database_synonym_keys(ix->db, "", ec_strv_push_term, &keys), "reading synonyms");
    for (size_t k = 0; !r && k < keys.n; k++) {
        if (strchr(keys.items[k], ' ') && ec_strv_push(&all, keys.items[k]))
            r = xfail(ix, XC_ERR_NOMEM, "reading synonyms");
        else if (!r)
            r = xfail(ix, xc_database_synonyms(ix->db, keys.items[k], collect_phrase, &all),
                      "reading synonyms");
    }
    ec_strv_free(&keys);
    if (all.n)
        qsort(all.items, all.n, sizeof *all.items, cmp_str);
    for (size_t i = 0; !r && i < all.n; i++)
        if ((i == 0 || strcmp(all.items[i], all.items[i - 1]) != 0) && ec_strv_push(out, all.items[i]))
            r = xfail(ix, XC_ERR_NOMEM, "reading synonyms");
    ec_strv_free(&all);
    return r;
}

/* Every synonym group as the searcher weighs it (ec-search's unit_query):
 * the synonyms of each key, a phrase by its phrase term, in the table's
 * order, flat in TERMS, group g the next SIZES[g] of them (*N groups). A
 * group of one is left out: its term has its own table. */
static int synonym_groups(indexer *ix, ec_strv *terms, size_t **sizes, size_t *n)
{
    ec_strv keys = {0}, values = {0};
    *sizes = NULL;
    *n = 0;
    int r = xfail(ix, xc_database_synonym_keys(ix->db, "", ec_strv_push_term, &keys), "reading synonyms");
    if (!r && keys.n && !(*sizes = malloc(keys.n * sizeof **sizes)))
        r = xfail(ix, XC_ERR_NOMEM, "reading synonyms");
    for (size_t k = 0; !r && k < keys.n; k++) {
        ec_strv_free(&values);
        r = xfail(ix, xc_database_synonyms(ix->db, keys.items[k], ec_strv_push_term, &values),
                  "reading synonyms");
        if (r || values.n < 2)
            continue;
        for (size_t v = 0; !r && v < values.n; v++)
            if (ec_strv_push_owned(terms, ec_synonym_term(values.items[v])))
                r = xfail(ix, XC_ERR_NOMEM, "reading synonyms");
        (*sizes)[(*n)++] = values.n;
    }
    ec_strv_free(&values);
    ec_strv_free(&keys);
    return r;
}

/* The phrase set the index's documents were built with, as stored. */
static int stored_phrases(indexer *ix, ec_strv *out)
{
    char *v = NULL;
    if (xfail(ix, xc_database_get_metadata(ix->db, EC_META_PHRASES, &v, NULL), "reading the index"))
        return -1;
    int r = 0;
    for (char *line = v, *nl; !r && *line; line = nl ? nl + 1 : line + strlen(line)) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (*line && ec_strv_push(out, line))
            r = xfail(ix, XC_ERR_NOMEM, "reading the index");
    }
    free(v);
    return r;
}

/* Documents indexed from now on get the phrase terms of LIST. */
static int use_phrases(indexer *ix, const ec_strv *list)
{
    xc_phraseset_free(ix->phrases);
    ix->phrases = NULL;
    return xfail(ix, xc_phraseset_new((const char *const *)list->items, list->n, EC_PFX_PHRASE,
                                      EC_PHRASE_EXTRA, &ix->phrases),
                 "indexing");
}

/* Adds to OUT every phrase in exactly one of the sorted lists A and B. */
static int phrase_changes(indexer *ix, const ec_strv *a, const ec_strv *b, ec_strv *out)
{
    size_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        int c = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->items[i], b->items[j]);
        const char *changed = c < 0 ? a->items[i] : c > 0 ? b->items[j] : NULL;
        if (c <= 0)
            i++;
        if (c >= 0)
            j++;
        if (changed && ec_strv_push(out, changed))
            return xfail(ix, XC_ERR_NOMEM, "indexing");
    }
    return 0;
}

static int collect_docid(void *user, xc_docid id)
{
    docids *d = user;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 256;
        xc_docid *p = realloc(d->items, cap * sizeof *p);
        if (!p) {
            d->oom = 1;
            return 1;
        }
        d->items = p;
        d->cap = cap;
    }
    d->items[d->n++] = id;
    return 0;
}

static int cmp_docid(const void *a, const void *b)
{
    xc_docid x = *(const xc_docid *)a, y = *(const xc_docid *)b;
    return x < y ? -1 : x > y;
}

/* Keeps in D only the docids that are also in the sorted list W. */
static void docids_intersect(docids *d, const docids *w)
{
    size_t i = 0, j = 0, n = 0;
    while (i < d->n && j < w->n) {
        if (d->items[i] < w->items[j])
            i++;
        else if (d->items[i] > w->items[j])
            j++;
        else {
            d->items[n++] = d->items[i];
            i++;
            j++;
        }
    }
    d->n = n;
}

/* File path hashes, from the documents' EC_PFX_FILE terms. */
typedef struct file_terms {
    ec_strv *out;
    int oom;
} file_terms;

static int collect_file_term(void *user, const char *term, size_t len, unsigned freq)
{
    (void)len;
    (void)freq;
    file_terms *f = user;
    size_t plen = strlen(EC_PFX_FILE);
    if (strncmp(term, EC_PFX_FILE, plen) != 0)
        return 0;
    if (ec_strv_push(f->out, term + plen))
        f->oom = 1;
    return 1; /* one per document */
}

/* Brings PHRASE's term up to date on the documents numbered FIRST..LAST.
 * WANTED says whether PHRASE is now a synonym. A phrase dropped is only a
 * term to remove. A phrase added needs the words' positions, which the index
 * does not keep (see add_doc): the documents that have all its words go
 * into REDO, for their files to be read again. */
static int refresh_phrase(indexer *ix, const char *phrase, int wanted, xc_docid first, xc_docid last,
                          docids *redo)
{
    if (first > last)
        return 0;
    char *term = ec_phrase_term(phrase);
    docids ids = {0};
    ec_strv words = {0};
    int r = term && !ec_strv_split(&words, phrase, ' ') ? 0 : xfail(ix, XC_ERR_NOMEM, "indexing");
    if (!r && !wanted)
        r = xfail(ix, xc_database_postlist(ix->db, term, collect_docid, &ids), "reading the index");
    for (size_t w = 0; !r && wanted && w < words.n; w++) {
        docids these = {0};
        r = xfail(ix, xc_database_postlist(ix->db, words.items[w], collect_docid, w ? &these : &ids),
                  "reading the index");
        if (!r && these.oom)
            r = xfail(ix, XC_ERR_NOMEM, "indexing");
        if (!r && w)
            docids_intersect(&ids, &these); /* posting lists come in docid order */
        free(these.items);
    }
    ec_strv_free(&words);
    if (!r && ids.oom)
        r = xfail(ix, XC_ERR_NOMEM, "indexing");
    for (size_t i = 0; !r && i < ids.n; i++) {
        if (ids.items[i] < first || ids.items[i] > last)
            continue;
        if (wanted) {
            if (collect_docid(redo, ids.items[i]))
                r = xfail(ix, XC_ERR_NOMEM, "indexing");
            continue;
        }
        const char *gone = term;
        ix->written++;
        r = xfail(ix, xc_database_change_terms(ix->db, ids.items[i], &gone, 1, NULL, NULL, 0),
                  "writing the index") ||
            (collect_docid(&ix->changed, ids.items[i]) && xfail(ix, XC_ERR_NOMEM, "indexing"));
    }
    free(ids.items);
    free(term);
    return r;
}

/* Brings the phrase terms of documents FIRST..LAST, made with the phrase
 * set WAS, to the set NOW; documents whose files must be read again go into
 * REDO. */
static int refresh_phrases(indexer *ix, const ec_strv *now, const ec_strv *was, xc_docid first,
                           xc_docid last, docids *redo)
{
    ec_strv changes = {0};
    int r = first <= last ? phrase_changes(ix, now, was, &changes) : 0;
    for (size_t i = 0; !r && i < changes.n; i++) {
        int wanted = now->n && bsearch(&changes.items[i], now->items, now->n, sizeof *now->items,
                                       cmp_str) != NULL;
        r = refresh_phrase(ix, changes.items[i], wanted, first, last, redo);
    }
    ec_strv_free(&changes);
    return r;
}

/* 1 when the file at PATH starts (after a BOM, an XML declaration,
 * comments and blanks) with <synonyms>: such files are indexed first, so
 * the documents of the same run get their phrase terms. A guess is enough:
 * finish_phrases puts right whatever a wrong one leaves. */
static int looks_like_synonyms(const char *path)
{
    char head[1024];
    /* Never wait on a pipe: loading it later says what is wrong with it. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat sb;
    ssize_t n = fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? read(fd, head, sizeof head - 1) : -1;
    if (fd >= 0)
        close(fd);
    if (n < 0)
        return 0;
    head[n] = '\0';
    const char *p = head;
    if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    for (;;) {
        p += strspn(p, " \t\r\n");
        const char *end = strncmp(p, "<?", 2) == 0 ? "?>" : strncmp(p, "<!--", 4) == 0 ? "-->" : NULL;
        const char *close = end ? strstr(p, end) : NULL;
        if (!close)
            break;
        p = close + strlen(end);
    }
    return strncmp(p, "<synonyms", 9) == 0 && strchr(" \t\r\n>/", p[9]) && p[9];
}

/* Puts the files that look like synonyms first, keeping the order of the
 * rest; returns how many there are. */
static size_t synonyms_first(ec_strv *files)
{
    size_t k = 0;
    for (size_t i = 0; i < files->n; i++) {
        if (!looks_like_synonyms(files->items[i]))
            continue;
        char *syn = files->items[i];
        memmove(files->items + k + 1, files->items + k, (i - k) * sizeof *files->items);
        files->items[k++] = syn;
    }
    return k;
}

/* ------------------------------------------------------------------ files */

/* Removes FILE_HASH's documents and bookkeeping (E is its parsed entry). */
static int forget_file(indexer *ix, const char *file_hash, const file_entry *e)
{
    char term[64];
    snprintf(term, sizeof term, "%s%s", EC_PFX_FILE, file_hash);
    if (xfail(ix, xc_database_delete_documents_by_term(ix->db, term), "writing the index"))
        return -1;
    if (e && *e->id) {
        char *owner = meta_get(ix, EC_META_OWNER, e->id);
        if (!owner)
            return -1;
        int mine = strcmp(owner, file_hash) == 0;
        free(owner);
        if (mine && (meta_set(ix, EC_META_OWNER, e->id, NULL) || meta_set(ix, EC_META_DOC, e->id, NULL)))
            return -1;
    }
    if (e && strcmp(e->kind, "synonyms") == 0) {
        if (meta_set(ix, EC_META_SYN, file_hash, NULL))
            return -1;
        ix->synonyms_dirty = 1;
    }
    return meta_set(ix, EC_META_FILE, file_hash, NULL);
}

/* The stored entry of FILE_HASH in *E; returns 1 when there is one, 0 when
 * not, -1 on a fatal error. */
static int lookup_file(indexer *ix, const char *file_hash, file_entry *e)
{
    char *v = meta_get(ix, EC_META_FILE, file_hash);
    if (!v)
        return -1;
    if (!*v || file_entry_parse(v, e) != 0) {
        free(v);
        memset(e, 0, sizeof *e);
        return 0;
    }
    return 1;
}

/* 0 when DOC may take its id; otherwise a diag says which file has it. */
static int check_id_free(indexer *ix, const ec_document *doc, const ec_meta *m,
                         const char *file_hash, int *taken)
{
    *taken = 0;
    char *owner = meta_get(ix, EC_META_OWNER, m->id);
    if (!owner)
        return -1;
    if (*owner && strcmp(owner, file_hash) != 0) {
        file_entry other;
        int found = lookup_file(ix, owner, &other);
        if (found < 0) {
            free(owner);
            return -1;
        }
        if (found) {
            ec_diags_add(ix->diags, EC_SEV_ERROR, doc->file, m->line,
                         "id \"%s\" is already used by %s:%ld; give each playbook and article its own id",
                         m->id, other.shown, other.id_line);
            *taken = 1;
            file_entry_free(&other);
        }
    }
    free(owner);
    return 0;
}

typedef struct related_ref {
    char *file;
    long line;
    char *ref;
} related_ref;

typedef struct related_list {
    related_ref *items;
    size_t n, cap;
} related_list;

static void related_push(related_list *l, const char *file, long line, const char *ref)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        related_ref *p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return; /* a missed warning, never a failed run */
        l->items = p;
        l->cap = cap;
    }
    l->items[l->n++] = (related_ref){ec_strdup(file), line, ec_strdup(ref)};
}

static void related_free(related_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].file);
        free(l->items[i].ref);
    }
    free(l->items);
}

/* Indexes one file whose content changed (or is new). Returns -1 only on a
 * fatal error; a file that fails validation counts in stats->failed and its
 * old documents stay. */
/* The document's JSON under d:ID, deflated (see ec-pack.h). */
static int store_doc(indexer *ix, const char *id, const char *json)
{
    char *key = ec_strdup_printf("%s%s", EC_META_DOC, id), *packed = NULL;
    size_t len = 0;
    int r = !key || ec_pack(json, strlen(json), &packed, &len)
                ? xfail(ix, XC_ERR_NOMEM, "indexing")
                : xfail(ix, xc_database_set_metadata(ix->db, key, packed, len), "writing the index");
    free(packed);
    free(key);
    return r;
}

static int index_file(indexer *ix, const char *shown, const char *real, const char *file_hash,
                      const char *content_hash, const char *buf, size_t len, int known,
                      file_entry *old, related_list *related)
{
    ec_document *doc = NULL;
    ec_status st = ec_load_memory(ix->loader, shown, buf, len, &doc, ix->diags);
    if (st == EC_ERR_NOMEM)
        return xfail(ix, XC_ERR_NOMEM, "loading");
    if (st != EC_OK) {
        ix->stats->failed++;
        return 0;
    }
    const ec_meta *m = ec_document_meta(doc);
    int taken = 0;
    if (m && check_id_free(ix, doc, m, file_hash, &taken)) {
        ec_document_free(doc);
        return -1;
    }
    if (taken) {
        ix->stats->failed++;
        ec_document_free(doc);
        return 0;
    }
    ec_lint_document(doc, ix->today, ix->diags);

    int r = known ? forget_file(ix, file_hash, old) : 0;
    const char *kind = doc->kind == EC_DOC_PLAYBOOK ? "playbook"
                       : doc->kind == EC_DOC_ARTICLE ? "article"
                                                     : "synonyms";
    if (!r && doc->kind == EC_DOC_PLAYBOOK)
        r = index_playbook(ix, &doc->u.playbook, file_hash);
    else if (!r && doc->kind == EC_DOC_ARTICLE)
        r = index_article(ix, &doc->u.article, file_hash);
    else if (!r)
        r = store_synonyms(ix, &doc->u.synonyms, file_hash);
    if (!r && m) {
        json_object *j = ec_document_to_json(doc);
        r = meta_set(ix, EC_META_OWNER, m->id, file_hash);
        if (!r)
            r = store_doc(ix, m->id, j ? json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN) : "{}");
        json_object_put(j);
        for (size_t i = 0; i < m->n_related; i++)
            related_push(related, shown, m->related[i].line, m->related[i].ref);
    }
    if (!r) {
        char *entry = ec_strdup_printf("%s\t%s\t%s\t%ld\t%s\t%s", content_hash, kind,
                                       m ? m->id : "", m ? m->line : 0L, real, shown);
        r = entry ? meta_set(ix, EC_META_FILE, file_hash, entry) : xfail(ix, XC_ERR_NOMEM, "indexing");
        free(entry);
    }
    if (!r) {
        if (known)
            ix->stats->updated++;
        else
            ix->stats->added++;
    }
    ec_document_free(doc);
    return r;
}

/* Each phrase term (EC_PFX_PHRASE) with its wdf into the phrase_list USER. */
static int collect_phrase_term(void *user, const char *term, size_t len, unsigned freq)
{
    phrase_list *l = user;
    size_t plen = strlen(EC_PFX_PHRASE);
    if (len < plen || strncmp(term, EC_PFX_PHRASE, plen) != 0)
        return 0;
    if (l->terms.n == l->wdf_cap) {
        size_t cap = l->wdf_cap ? 2 * l->wdf_cap : 8;
        unsigned *w = realloc(l->wdf, cap * sizeof *w);
        if (!w) {
            l->oom = 1;
            return 1;
        }
        l->wdf = w;
        l->wdf_cap = cap;
    }
    if (ec_strv_push(&l->terms, term)) {
        l->oom = 1;
        return 1;
    }
    l->wdf[l->terms.n - 1] = freq;
    return 0;
}

static void phrase_list_free(phrase_list *l)
{
    ec_strv_free(&l->terms);
    free(l->wdf);
}

static int same_phrases(const phrase_list *a, const phrase_list *b)
{
    if (a->terms.n != b->terms.n)
        return 0;
    for (size_t i = 0; i < a->terms.n; i++)
        if (a->wdf[i] != b->wdf[i] || strcmp(a->terms.items[i], b->terms.items[i]) != 0)
            return 0;
    return 1;
}

/* add_doc while refresh_file_phrases builds a file again: gives the next
 * stored unit the phrase terms DOC, just built, has (in place, writing only
 * those postings), and writes nothing else. */
static int refresh_unit(indexer *ix, xc_document *doc)
{
    unit_refresh *u = ix->dry;
    if (u->next == u->ids->n) {
        u->mismatch = 1;
        return 0;
    }
    xc_docid id = u->ids->items[u->next++];
    if (ix->phrases && xfail(ix, xc_phraseset_apply(ix->phrases, doc, NULL), "indexing"))
        return -1;
    phrase_list now = {0}, stored = {0};
    int r = xfail(ix, xc_document_terms(doc, collect_phrase_term, &now), "indexing") ||
            xfail(ix, xc_database_document_terms(ix->db, id, EC_PFX_PHRASE, collect_phrase_term, &stored),
                  "reading the index");
    if (!r && (now.oom || stored.oom))
        r = xfail(ix, XC_ERR_NOMEM, "indexing");
    if (!r && !same_phrases(&now, &stored)) {
        r = xfail(ix, xc_database_change_terms(ix->db, id, (const char *const *)stored.terms.items,
                                               stored.terms.n, (const char *const *)now.terms.items,
                                               now.wdf, now.terms.n),
                  "writing the index") ||
            (collect_docid(&ix->changed, id) && xfail(ix, XC_ERR_NOMEM, "indexing"));
        ix->written += !r;
    }
    phrase_list_free(&now);
    phrase_list_free(&stored);
    return r;
}

/* Brings the phrase terms of the documents of file FILE_HASH (BUF, unchanged
 * since it was indexed) up to the phrase set in force, in place: only those
 * postings are written. Indexing the file again instead (delete and add)
 * rewrote every posting of every document, and made adding a synonyms file
 * to 10,000 indexed files take three times as long as indexing them.
 * Returns 1 when done, 0 when the file must be indexed again (it does not
 * load, or no longer makes as many units as are stored: indexing it again
 * then replaces whatever this changed), -1 on a fatal error. */
static int refresh_file_phrases(indexer *ix, const char *shown, const char *file_hash,
                                const char *buf, size_t len)
{
    docids ids = {0};
    ec_document *doc = NULL;
    char *term = ec_strdup_printf("%s%s", EC_PFX_FILE, file_hash);
    int r = term ? xfail(ix, xc_database_postlist(ix->db, term, collect_docid, &ids), "reading the index")
                 : xfail(ix, XC_ERR_NOMEM, "indexing");
    if (!r && ids.oom)
        r = xfail(ix, XC_ERR_NOMEM, "indexing");
    int done = 0;
    if (!r) {
        ec_status st = ec_load_memory(ix->loader, shown, buf, len, &doc, ix->diags);
        if (st == EC_ERR_NOMEM)
            r = xfail(ix, XC_ERR_NOMEM, "loading");
        else if (st == EC_OK && (doc->kind == EC_DOC_PLAYBOOK || doc->kind == EC_DOC_ARTICLE)) {
            /* Units are built in the order they were added: their docids'. */
            unit_refresh u = {&ids, 0, 0};
            ix->dry = &u;
            r = doc->kind == EC_DOC_PLAYBOOK ? index_playbook(ix, &doc->u.playbook, file_hash)
                                             : index_article(ix, &doc->u.article, file_hash);
            ix->dry = NULL;
            done = !r && !u.mismatch && u.next == ids.n && ids.n > 0;
        }
    }
    ec_document_free(doc);
    free(ids.items);
    free(term);
    return r ? -1 : done;
}

/* Indexes again the files whose path hashes are in REDO (sorted here), with
 * the phrase set now in force. Neither the counts nor the messages of the
 * run change: these files did not. A file that cannot be read any more
 * keeps its documents, and a warning says so. */
static int redo_files(indexer *ix, ec_strv *redo)
{
    if (redo->n)
        qsort(redo->items, redo->n, sizeof *redo->items, cmp_str);
    size_t total = 0, seen = 0;
    for (size_t i = 0; i < redo->n; i++)
        total += !i || strcmp(redo->items[i], redo->items[i - 1]) != 0;
    /* At 1,000,000 files this phase can take an hour: say how far it is. */
    ec_index_progress_fn progress = ix->options ? ix->options->synonyms_progress : NULL;
    void *progress_user = ix->options ? ix->options->progress_user : NULL;
    ec_index_stats saved = *ix->stats;
    ec_diags *diags = ix->diags, quiet = EC_DIAGS_INIT;
    related_list related = {0};
    int r = 0;
    for (size_t i = 0; !r && i < redo->n; i++) {
        if (i && strcmp(redo->items[i], redo->items[i - 1]) == 0)
            continue;
        if (progress && seen)
            progress(progress_user, seen, total);
        seen++;
        file_entry e;
        int found = lookup_file(ix, redo->items[i], &e);
        if (found < 0)
            r = -1;
        if (found <= 0)
            continue;
        char *buf = NULL, content[17];
        size_t len = 0;
        ix->diags = &quiet;
        size_t failed = ix->stats->failed;
        int done = 0;
        if (ec_load_read(e.real, &buf, &len, &quiet) == EC_OK) {
            ec_hash_hex(buf, len, content);
            if (strcmp(content, e.hash) == 0)
                done = refresh_file_phrases(ix, e.shown, redo->items[i], buf, len);
            if (done < 0)
                r = -1;
            else if (!done)
                r = index_file(ix, e.shown, e.real, redo->items[i], content, buf, len, 1, &e, &related);
        }
        ix->diags = diags;
        if (!r && (!buf || ix->stats->failed != failed))
            ec_diags_add(diags, EC_SEV_WARNING, e.shown, 0,
                         "the synonyms changed, but this file could not be indexed again to follow "
                         "them; fix it or put it back, and run index again");
        free(buf);
        file_entry_free(&e);
    }
    if (progress && seen && !r)
        progress(progress_user, seen, total);
    ec_diags_free(&quiet);
    related_free(&related);
    *ix->stats = saved;
    return r;
}

/* The files of the documents IDS (sorted here) into REDO. Most documents
 * hold the words of many phrases: each is read once. */
static int redo_files_of(indexer *ix, docids *ids, ec_strv *redo)
{
    if (ids->oom)
        return xfail(ix, XC_ERR_NOMEM, "indexing");
    if (ids->n)
        qsort(ids->items, ids->n, sizeof *ids->items, cmp_docid);
    file_terms f = {redo, 0};
    int r = 0;
    for (size_t i = 0; !r && i < ids->n; i++) {
        if (i && ids->items[i] == ids->items[i - 1])
            continue;
        r = xfail(ix, xc_database_document_terms(ix->db, ids->items[i], EC_PFX_FILE, collect_file_term, &f),
                  "reading the index");
        if (!r && f.oom)
            r = xfail(ix, XC_ERR_NOMEM, "indexing");
    }
    return r;
}

/* Makes every document's phrase terms those of the synonyms as they are at
 * the end of this run, and records that set: documents no file change
 * re-indexed (numbered up to LAST_BEFORE) still have the set STORED, the
 * ones indexed in this run the set RUN. */
/* Keeps the BM25 bound tables the searcher skips with (see ec-layout.h),
 * its words' and its synonym groups', true of this run's documents: those
 * added (numbered above LAST_BEFORE) and
 * those changed in place, when the tables were current (CURRENT) before the
 * run. Otherwise, or when the run wrote an eighth of the index or more, they
 * are computed whole from the posting lists (4 s at 100,000 files). */
static int write_bounds(indexer *ix, xc_docid last_before, int current)
{
    xc_docid last = 0;
    unsigned count = 0;
    if (xfail(ix, xc_database_lastdocid(ix->db, &last), "reading the index") ||
        xfail(ix, xc_database_doccount(ix->db, &count), "reading the index"))
        return -1;
    size_t added = last > last_before ? last - last_before : 0;
    size_t touched = added + ix->changed.n;
    if (current && touched == 0)
        return 0;
    xc_docid *ids = NULL;
    if (current && touched < count / 8 + 1) {
        ids = malloc(touched * sizeof *ids);
        if (!ids)
            return xfail(ix, XC_ERR_NOMEM, "indexing");
        if (ix->changed.n)
            memcpy(ids, ix->changed.items, ix->changed.n * sizeof *ids);
        for (size_t i = 0; i < added; i++)
            ids[ix->changed.n + i] = last_before + 1 + (xc_docid)i;
    }
    ec_strv group_terms = {0};
    size_t *sizes = NULL, n_groups = 0;
    int r = xfail(ix,
                  xc_database_write_bounds(ix->db, EC_META_BOUNDS, EC_BM25_K1, EC_BM25_B,
                                           EC_BM25_MIN_NORMLEN, EC_BOUNDS_SHIFT, EC_BOUNDS_SKIP_FIRST,
                                           ids, ids ? touched : 0),
                  "writing the index") ||
            synonym_groups(ix, &group_terms, &sizes, &n_groups);
    if (!r)
        r = xfail(ix,
                  xc_database_write_group_bounds(ix->db, EC_META_BOUNDS, EC_BM25_K1, EC_BM25_B,
                                                 EC_BM25_MIN_NORMLEN, EC_BOUNDS_SHIFT,
                                                 (const char *const *)group_terms.items, sizes, n_groups,
                                                 ids, ids ? touched : 0),
                  "writing the index");
    ec_strv_free(&group_terms);
    free(sizes);
    free(ids);
    char *stamp = r ? NULL : ec_bounds_stamp(ix->db);
    if (!r && !stamp)
        r = xfail(ix, XC_ERR_NOMEM, "indexing");
    if (!r)
        r = xfail(ix, xc_database_set_metadata(ix->db, EC_META_BOUNDS_PARAMS, stamp, strlen(stamp)),
                  "writing the index");
    free(stamp);
    return r;
}

static int finish_phrases(indexer *ix, const ec_strv *stored, const ec_strv *run, xc_docid last_before)
{
    ec_strv final = {0}, redo = {0};
    docids ids = {0};
    xc_docid last = 0;
    int r = synonym_phrases(ix, &final) ||
            xfail(ix, xc_database_lastdocid(ix->db, &last), "reading the index") ||
            refresh_phrases(ix, &final, stored, 1, last_before, &ids) ||
            refresh_phrases(ix, &final, run, last_before + 1, last, &ids) ||
            redo_files_of(ix, &ids, &redo);
    free(ids.items);
    if (!r && redo.n)
        r = use_phrases(ix, &final) || redo_files(ix, &redo);
    if (!r) {
        ec_buf b = EC_BUF_INIT;
        for (size_t i = 0; i < final.n; i++) {
            ec_buf_puts(&b, final.items[i]);
            ec_buf_putc(&b, '\n');
        }
        r = b.oom ? xfail(ix, XC_ERR_NOMEM, "indexing")
                  : xfail(ix, xc_database_set_metadata(ix->db, EC_META_PHRASES, b.data ? b.data : "",
                                                       b.len),
                          "writing the index");
        ec_buf_free(&b);
    }
    ec_strv_free(&redo);
    ec_strv_free(&final);
    return r;
}

/* ------------------------------------------------------------ compaction */

/* Xapian's own lock is inside the index directory, which compaction
 * replaces: an indexer waiting on the old directory's lock would then write
 * into a deleted index. Indexers therefore first take this lock, beside the
 * index, for the whole run. Returns the descriptor (kept open until the run
 * ends), -1 with *ST set otherwise. */
static int writer_lock(const char *dir, int wait, ec_status *st, char **err)
{
    char *path = ec_strdup_printf("%s.lock", dir);
    if (!path) {
        *st = EC_ERR_NOMEM;
        return -1;
    }
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
    if (fd >= 0)
        (void)fchmod(fd, 0660); /* the group shares the database, whatever the umask */
    struct flock l = {0};
    l.l_type = F_WRLCK;
    l.l_whence = SEEK_SET;
    int rc = -1;
    if (fd >= 0)
        while ((rc = fcntl(fd, wait ? F_SETLKW : F_SETLK, &l)) != 0 && errno == EINTR)
            ;
    if (rc != 0) {
        int e = errno;
        if (fd >= 0 && (e == EACCES || e == EAGAIN)) {
            *st = EC_ERR_LOCKED;
        } else {
            *st = EC_ERR_IO;
            *err = ec_strdup_printf("cannot lock %s: %s; check that this user may write to the "
                                    "database directory",
                                    path, strerror(e));
        }
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    free(path);
    return fd;
}

static int remove_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(p);
    return 0;
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* What a run killed while compacting left beside DIR (the index): the
 * compacted copy being written (DIR.new-PID), and the index it was about to
 * replace (DIR.old-PID), which is put back if DIR is missing. Runs under the
 * writer lock. */
static void remove_leftovers(const char *dbdir, const char *dir)
{
    DIR *d = opendir(dbdir);
    if (!d)
        return;
    const char *base = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
    size_t blen = strlen(base);
    struct stat sb;
    int have = stat(dir, &sb) == 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (strncmp(e->d_name, base, blen) != 0 ||
            (strncmp(e->d_name + blen, ".new-", 5) != 0 && strncmp(e->d_name + blen, ".old-", 5) != 0))
            continue;
        char *path = ec_strdup_printf("%s/%s", dbdir, e->d_name);
        if (!path)
            continue;
        if (!have && e->d_name[blen + 1] == 'o' && rename(path, dir) == 0)
            have = 1;
        else
            remove_tree(path);
        free(path);
    }
    closedir(d);
}

/* Makes DIR's data durable in DBDIR: renames are only once the directory
 * holding them is synced. */
static void sync_dir(const char *dbdir)
{
    int fd = open(dbdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Replaces the index DIR by a compacted copy of its committed revision:
 * Glass leaves blocks a run filled in random order about half full, and a
 * full compaction gives them back (a quarter of the index at 100,000 files).
 * Readers that have the old index open keep reading its open files and move
 * to the new one at their next reopen (ec_searcher_reopen notices the
 * directory changed); one opening between the two renames tries again. A
 * failure only leaves the index uncompacted. */
static void compact_index(indexer *ix, const char *dbdir, const char *dir)
{
    char *fresh = ec_strdup_printf("%s.new-%ld", dir, (long)getpid());
    char *old = ec_strdup_printf("%s.old-%ld", dir, (long)getpid());
    int swapped = 0;
    if (fresh && old && xc_database_compact(ix->db, fresh) == XC_OK && rename(dir, old) == 0) {
        swapped = rename(fresh, dir) == 0;
        if (!swapped)
            rename(old, dir);
        sync_dir(dbdir);
    }
    if (fresh)
        remove_tree(swapped ? old : fresh);
    free(fresh);
    free(old);
}

/* ------------------------------------------------------------------- run */

/* The database directory and its parents, group-writable (0770) whatever
 * the umask, like the outcome store's: agents of one group share it. */
static int mkdir_p(const char *dir, char **err)
{
    char *failed = NULL;
    int rc = ec_mkdir_p(dir, 0770, &failed);
    if (rc)
        *err = ec_strdup_printf("cannot create %s: %s", failed ? failed : dir, strerror(rc));
    free(failed);
    return rc ? -1 : 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int path_under(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return path[0] == '/';
    return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}


/* Opens (creating) the index, rebuilding it from scratch when it was made
 * with another layout. */
static ec_status open_index(const char *dir, int wait, xc_database **out, char **err)
{
    int flags = XC_DB_CREATE_OR_OPEN | (wait ? XC_DB_RETRY_LOCK : 0);
    for (int attempt = 0; attempt < 2; attempt++) {
        xc_database *db = NULL;
        xc_status xs = xc_database_open_writable(dir, flags, &db);
        if (xs == XC_ERR_LOCKED)
            return EC_ERR_LOCKED;
        if (xs != XC_OK) {
            *err = ec_strdup_printf("cannot open the index %s: %s", dir, xc_last_error());
            return xs == XC_ERR_CORRUPT ? EC_ERR_CORRUPT : EC_ERR_SEARCH;
        }
        char *layout = NULL;
        unsigned count = 0;
        if (xc_database_get_metadata(db, EC_META_LAYOUT, &layout, NULL) != XC_OK ||
            xc_database_doccount(db, &count) != XC_OK) {
            *err = ec_strdup_printf("cannot read the index %s: %s", dir, xc_last_error());
            free(layout);
            xc_database_free(db);
            return EC_ERR_SEARCH;
        }
        int current = strcmp(layout, EC_LAYOUT_VERSION) == 0 || (!*layout && count == 0);
        free(layout);
        if (current || attempt == 1) {
            *out = db;
            return EC_OK;
        }
        /* An index of another layout: its terms would not match our queries. */
        xc_database_free(db);
        flags = XC_DB_CREATE_OR_OVERWRITE | (wait ? XC_DB_RETRY_LOCK : 0);
    }
    return EC_ERR_INTERNAL;
}

ec_status ec_index_run(const char *dbdir, const char *const *paths, size_t n_paths,
                       const ec_index_options *options, ec_index_stats *stats,
                       ec_diags *diags, char **err)
{
    static const ec_index_options defaults = {0};
    if (!options)
        options = &defaults;
    *err = NULL;
    memset(stats, 0, sizeof *stats);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!dbdir || !*dbdir || (n_paths && !paths)) {
        *err = ec_strdup("no database directory or paths given");
        return EC_ERR_USAGE;
    }
    if (mkdir_p(dbdir, err))
        return *err ? EC_ERR_IO : EC_ERR_NOMEM;
    char *dir = ec_strdup_printf("%s/%s", dbdir, EC_INDEX_SUBDIR);
    if (!dir)
        return EC_ERR_NOMEM;

    indexer ix = {0};
    ix.today = options->today;
    ix.options = options;
    ix.diags = diags;
    ix.stats = stats;
    ix.st = EC_OK;
    ec_strv files = {0}, seen = {0}, roots = {0}, phrases_before = {0}, phrases_run = {0};
    related_list related = {0};
    int in_txn = 0, lock_fd = -1;

    ec_status st = EC_OK;
    lock_fd = writer_lock(dir, options->wait_for_lock, &st, err);
    if (lock_fd < 0)
        goto out;
    remove_leftovers(dbdir, dir);
    if (xc_set_flush_threshold(FLUSH_DOCS) != XC_OK) {
        st = EC_ERR_INTERNAL;
        *err = ec_strdup_printf("preparing the index: %s", xc_last_error());
        goto out;
    }
    st = open_index(dir, options->wait_for_lock, &ix.db, err);
    if (st != EC_OK)
        goto out;
    char *lerr = NULL;
    st = ec_loader_new(&ix.loader, &lerr);
    if (st != EC_OK) {
        *err = lerr;
        goto out;
    }
    if (xfail(&ix, xc_termgen_new(EC_LANGUAGE, &ix.tg), "indexing") ||
        xfail(&ix, xc_termgen_set_stemming_strategy(ix.tg, XC_STEM_ALL), "indexing") ||
        xfail(&ix, xc_termgen_set_stopwords(ix.tg, ec_stopwords, ec_n_stopwords), "indexing") ||
        xfail(&ix, xc_termgen_set_spelling_database(ix.tg, ix.db), "indexing") ||
        xfail(&ix, xc_stemmer_new(EC_LANGUAGE, &ix.stem), "indexing"))
        goto fatal;

    ec_walk(paths, n_paths, &files, diags);
    size_t n_synonyms = synonyms_first(&files);
    for (size_t i = 0; i < n_paths; i++) {
        char *real = realpath(paths[i], NULL);
        if (real)
            ec_strv_push_owned(&roots, real);
    }

    if (xfail(&ix, xc_database_begin_transaction(ix.db, 1), "starting the index run"))
        goto fatal;
    in_txn = 1;

    /* Which files are on disk now, by the hash of their real path. */
    char (*hashes)[17] = calloc(files.n ? files.n : 1, sizeof *hashes);
    char **reals = calloc(files.n ? files.n : 1, sizeof *reals);
    if (!hashes || !reals) {
        free(hashes);
        free(reals);
        xfail(&ix, XC_ERR_NOMEM, "indexing");
        goto fatal;
    }
    for (size_t i = 0; i < files.n; i++) {
        reals[i] = realpath(files.items[i], NULL);
        const char *r = reals[i] ? reals[i] : files.items[i];
        ec_hash_hex(r, strlen(r), hashes[i]);
        ec_strv_push(&seen, hashes[i]);
    }
    /* No files (a named directory with none in it) leaves seen.items NULL,
     * which qsort and bsearch must not be given even with a count of 0. */
    if (seen.n)
        qsort(seen.items, seen.n, sizeof *seen.items, cmp_str);

    /* Files indexed before under one of PATHS and gone now: removed first, so
     * a file renamed in this run can take its id back. */
    /* Documents added from here on are numbered above LAST_BEFORE. */
    xc_docid last_before = 0;
    int bounds_were_current = 0;
    if (stored_phrases(&ix, &phrases_before) ||
        xfail(&ix, xc_database_lastdocid(ix.db, &last_before), "reading the index") ||
        xfail(&ix, ec_bounds_current(ix.db, &bounds_were_current), "reading the index"))
        goto fatal;
    ec_strv known = {0};
    if (!xfail(&ix, xc_database_metadata_keys(ix.db, EC_META_FILE, ec_strv_push_term, &known), "reading the index")) {
        for (size_t k = 0; k < known.n && !ix.err; k++) {
            const char *h = known.items[k] + strlen(EC_META_FILE);
            if (seen.n && bsearch(&h, seen.items, seen.n, sizeof *seen.items, cmp_str))
                continue;
            file_entry e;
            int found = lookup_file(&ix, h, &e);
            if (found <= 0)
                continue;
            for (size_t r = 0; r < roots.n; r++) {
                if (path_under(e.real, roots.items[r])) {
                    if (!forget_file(&ix, h, &e))
                        stats->removed++;
                    break;
                }
            }
            file_entry_free(&e);
        }
    }
    ec_strv_free(&known);

    for (size_t i = 0; i < files.n && !ix.err; i++) {
        /* Synonyms are in: the documents get their phrase terms. */
        if (i == n_synonyms && ((ix.synonyms_dirty && rebuild_synonyms(&ix)) ||
                                synonym_phrases(&ix, &phrases_run) || use_phrases(&ix, &phrases_run)))
            break;
        if (i == n_synonyms)
            ix.synonyms_dirty = 0;
        const char *shown = files.items[i];
        stats->files++;
        char *buf = NULL;
        size_t len = 0;
        ec_status rs = ec_load_read(shown, &buf, &len, diags);
        if (rs != EC_OK) {
            stats->failed++;
        } else {
            char content[17];
            ec_hash_hex(buf, len, content);
            file_entry old;
            int known_file = lookup_file(&ix, hashes[i], &old);
            if (known_file < 0) {
                free(buf);
                break;
            }
            /* Unchanged content at the same place: nothing to do. The stored
             * shown path follows how the user names it today. */
            if (known_file && strcmp(old.hash, content) == 0) {
                stats->unchanged++;
            } else {
                index_file(&ix, shown, reals[i] ? reals[i] : shown, hashes[i], content, buf, len,
                           known_file, known_file ? &old : NULL, &related);
            }
            if (known_file)
                file_entry_free(&old);
        }
        free(buf);
        if (options->progress)
            options->progress(options->progress_user, i + 1, files.n);
    }
    for (size_t i = 0; i < files.n; i++)
        free(reals[i]);
    free(reals);
    free(hashes);
    if (ix.err)
        goto fatal;

    /* <related> may point at a file indexed later in the run, so it is
     * checked once every file is in. lint makes it an error; here it is a
     * warning, since the page it names may simply come in a later run. */
    for (size_t i = 0; i < related.n; i++) {
        char *owner = meta_get(&ix, EC_META_OWNER, related.items[i].ref);
        if (!owner)
            goto fatal;
        if (!*owner)
            ec_diags_add(diags, EC_SEV_WARNING, related.items[i].file, related.items[i].line,
                         "<related ref=\"%s\"> names no indexed playbook or article; index the file "
                         "that defines it, or fix the id",
                         related.items[i].ref);
        free(owner);
    }
    if (ix.synonyms_dirty && rebuild_synonyms(&ix))
        goto fatal;
    if (finish_phrases(&ix, &phrases_before, ix.phrases ? &phrases_run : &phrases_before, last_before))
        goto fatal;
    if (write_bounds(&ix, last_before, bounds_were_current))
        goto fatal;
    if (xfail(&ix, xc_database_set_metadata(ix.db, EC_META_LAYOUT, EC_LAYOUT_VERSION,
                                            strlen(EC_LAYOUT_VERSION)),
              "writing the index"))
        goto fatal;
    if (xfail(&ix, xc_database_commit_transaction(ix.db), "committing the index"))
        goto fatal;
    in_txn = 0;
    unsigned count = 0;
    if (xc_database_doccount(ix.db, &count) == XC_OK)
        stats->documents = count;
    /* A run that wrote a quarter of the index or more left it loosely
     * packed: smaller incremental runs are not worth the copy. */
    if (ix.written && ix.written >= count / 4)
        compact_index(&ix, dbdir, dir);
    st = EC_OK;
    goto out;

fatal:
    if (in_txn)
        xc_database_cancel_transaction(ix.db);
    st = ix.st != EC_OK ? ix.st : EC_ERR_INTERNAL;
    *err = ix.err ? ix.err : ec_strdup("indexing failed");
    ix.err = NULL;
out:
    stats->seconds = seconds_since(&t0);
    free(ix.err);
    free(ix.changed.items);
    related_free(&related);
    ec_strv_free(&files);
    ec_strv_free(&seen);
    ec_strv_free(&roots);
    ec_strv_free(&phrases_before);
    ec_strv_free(&phrases_run);
    xc_phraseset_free(ix.phrases);
    xc_stemmer_free(ix.stem);
    xc_termgen_free(ix.tg);
    ec_loader_free(ix.loader);
    xc_database_free(ix.db);
    if (lock_fd >= 0)
        close(lock_fd); /* after the database: the next indexer finds it closed */
    free(dir);
    return st;
}
