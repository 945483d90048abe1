/* ec-search.c: what the customer said -> ranked resolution paths and articles.
 *
 * Plain queries (what agents type nearly always) are built here rather than by
 * Xapian's QueryParser, from the indexer's own words (xc_text_words) so both
 * sides agree on every term:
 *   - stopwords dropped, words stemmed;
 *   - a word unknown to the index is replaced by its spelling suggestion, and
 *     the corrected query is reported;
 *   - synonyms (from synonyms.xml, stored stemmed by the indexer) of a word or
 *     a run of up to three words are ORed with it as one OP_SYNONYM group, so
 *     a document saying "money back" matches "refund" without the word the
 *     customer used losing its own weight (measured: +0.03 P@1 over putting
 *     the word inside the group, whose rarer term then counts as common);
 *   - a multi-word synonym is one term the indexer made (EC_PFX_PHRASE), not
 *     a phrase query: checking phrases against the position lists of common
 *     words was a quarter of all search work at 10,000 files (callgrind).
 *     The query weighs exactly as the phrase query did (value_query,
 *     group_scale); only document lengths grow by the phrase terms.
 * A proximity bonus (AND_MAYBE of NEAR pairs of adjacent words) was measured
 * and dropped: it cost 0.025-0.09 P@1 on tests/relevance/queries.tsv at every
 * scale tried. Phrases still work in quotes, through the QueryParser.
 * A query with field syntax (title:, category:...) or quotes goes through the
 * QueryParser instead. */
#define _POSIX_C_SOURCE 200809L
#include "ec-search.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ec-index.h"
#include "ec-layout.h"
#include "ec-model-json.h"
#include "ec-outcomes.h"
#include "ec-pack.h"
#include "xapian-c.h"

/* With facets asked for, documents looked at beyond the page, so they count
 * more than one page. Without, none: the matcher may then skip documents
 * that cannot reach the page (Xapian's max-weight pruning). */
#define CHECK_AT_LEAST 200
#define MAX_WORDS 64
#define MAX_SPAN 3
#define SNIPPET_BYTES 200
/* Outcome-aware ranking: a path's score is multiplied by a factor within
 * [1 - OUTCOME_WEIGHT, 1 + OUTCOME_WEIGHT] that grows with its success rate
 * smoothed toward the mean of all paths by OUTCOME_PRIOR pseudo-uses (a beta
 * prior), so two lucky uses barely move a path, and a match must be within
 * about 20% of another's relevance for outcomes to reorder them. */
#define OUTCOME_WEIGHT 0.10
#define OUTCOME_PRIOR 20.0

struct ec_searcher {
    char *dir;
    xc_database *db;
    xc_enquire *enq;
    xc_stemmer *stem;
    xc_queryparser *qp;
    ec_path_table *paths; /* outcome figures per path, for ranking */
    int phrase_terms;     /* the index has EC_PFX_PHRASE terms (layout 2) */
    int stopwords_out;    /* the index has no stopword terms (layout 4) */
    dev_t dev;            /* the index directory opened: a compacting indexer */
    ino_t ino;            /* replaces it with another (see ec-index.c) */
};

typedef struct field_def {
    const char *name;
    const char *prefix;
} field_def;

static const field_def filter_fields[] = {
    {"category", EC_PFX_CATEGORY}, {"channel", EC_PFX_CHANNEL}, {"product", EC_PFX_PRODUCT},
    {"severity", EC_PFX_SEVERITY}, {"impact", EC_PFX_IMPACT},   {"status", EC_PFX_STATUS},
    {"kind", EC_PFX_KIND},         {"tag", EC_PFX_TAG},         {"authority", EC_PFX_AUTHORITY},
    {"id", EC_PFX_ID},
};
#define N_FILTER_FIELDS (sizeof filter_fields / sizeof filter_fields[0])

static const field_def text_fields[] = {
    {"title", EC_PFX_TITLE}, {"symptom", EC_PFX_SYMPTOM}, {"says", EC_PFX_SAYS}, {"step", EC_PFX_STEP},
};
#define N_TEXT_FIELDS (sizeof text_fields / sizeof text_fields[0])

static const char *filter_prefix(const char *field)
{
    for (size_t i = 0; i < N_FILTER_FIELDS; i++)
        if (strcmp(filter_fields[i].name, field) == 0)
            return filter_fields[i].prefix;
    return NULL;
}

int ec_search_filter_field_valid(const char *field)
{
    return field && filter_prefix(field) != NULL;
}

const char *const *ec_search_filter_fields(void)
{
    static const char *const names[] = {"category", "channel", "product", "severity", "impact",
                                        "status",   "kind",    "tag",     "authority", "id", NULL};
    return names;
}

/* An xapian-c failure as our status, with its message in *ERR. */
static ec_status xerr(xc_status xs, const char *what, char **err)
{
    if (err && !*err)
        *err = ec_strdup_printf("%s: %s", what, xc_last_error());
    switch (xs) {
    case XC_ERR_NOMEM: return EC_ERR_NOMEM;
    case XC_ERR_NOT_FOUND: return EC_ERR_NOT_FOUND;
    case XC_ERR_MODIFIED: return EC_ERR_MODIFIED;
    case XC_ERR_CORRUPT: return EC_ERR_CORRUPT;
    case XC_ERR_QUERY: return EC_ERR_PARSE;
    default: return EC_ERR_SEARCH;
    }
}

void ec_searcher_close(ec_searcher *s)
{
    if (!s)
        return;
    xc_queryparser_free(s->qp);
    xc_enquire_free(s->enq);
    xc_stemmer_free(s->stem);
    xc_database_free(s->db);
    ec_path_table_free(s->paths);
    free(s->dir);
    free(s);
}

/* The enquire and parser hold the database: made again after a reopen that
 * replaced it, and at open. */
static ec_status setup(ec_searcher *s, char **err)
{
    xc_status xs;
    xc_enquire_free(s->enq);
    s->enq = NULL;
    if ((xs = xc_enquire_new(s->db, &s->enq)) != XC_OK ||
        (xs = xc_enquire_set_bm25(s->enq, EC_BM25_K1, 0, 1, EC_BM25_B, EC_BM25_MIN_NORMLEN)) != XC_OK ||
        (xs = xc_enquire_set_collapse_key(s->enq, EC_SLOT_ID, EC_MAX_PATHS_PER_PLAYBOOK)) != XC_OK)
        return xerr(xs, "preparing the search", err);
    if ((xs = xc_queryparser_set_database(s->qp, s->db)) != XC_OK)
        return xerr(xs, "preparing the search", err);
    /* An index from before phrase terms (layout 1) still answers, with phrase
     * queries; layout 2 has phrase terms and positions, 3 phrase terms only,
     * 4 no stopword terms either. */
    char *layout = NULL;
    if ((xs = xc_database_get_metadata(s->db, EC_META_LAYOUT, &layout, NULL)) != XC_OK)
        return xerr(xs, "preparing the search", err);
    s->phrase_terms = strcmp(layout, "2") == 0 || strcmp(layout, "3") == 0 ||
                      strcmp(layout, EC_LAYOUT_VERSION) == 0;
    s->stopwords_out = strcmp(layout, EC_LAYOUT_VERSION) == 0;
    free(layout);
    return EC_OK;
}

/* A reader racing an indexer's commit can read a block the commit has just
 * reused. Xapian then says DatabaseModifiedError or, at open and on some
 * reads, DatabaseCorruptError ("Expected block 139 to be level 1", seen under
 * load in tests/cli/022). Both pass once the reader starts again from the
 * newest revision. An index really corrupt still fails, after RACE_TRIES
 * tries and about 60 ms of pauses. */
#define RACE_TRIES 5

static int racing(ec_status st) { return st == EC_ERR_MODIFIED || st == EC_ERR_CORRUPT; }

/* Waits a little longer at each ATTEMPT: the writer may be mid-commit. */
static void race_pause(int attempt)
{
    struct timespec t = {0, (2L << attempt) * 1000000L};
    nanosleep(&t, NULL);
}

/* 1 when the read that failed with ST should be tried again (and the
 * searcher has been moved to the newest revision, *ERR cleared). */
static int race_again(ec_searcher *s, ec_status st, int attempt, char **err)
{
    if (!racing(st) || attempt >= RACE_TRIES)
        return 0;
    if (st == EC_ERR_CORRUPT || attempt > 0)
        race_pause(attempt);
    if (ec_searcher_reopen(s, NULL) != EC_OK)
        return 0;
    if (err) {
        free(*err);
        *err = NULL;
    }
    return 1;
}

/* Notes which directory S->dir names now. */
static void remember_dir(ec_searcher *s)
{
    struct stat sb;
    if (stat(s->dir, &sb) == 0) {
        s->dev = sb.st_dev;
        s->ino = sb.st_ino;
    }
}

/* 1 when S->dir names another directory than the one remember_dir saw. */
static int dir_moved(const ec_searcher *s)
{
    struct stat sb;
    return stat(s->dir, &sb) == 0 && (sb.st_dev != s->dev || sb.st_ino != s->ino);
}

/* Opens the index S->dir names now into *OUT. An indexer swapping in a
 * compacted copy can make an open fail in several ways: the name missing
 * for an instant, or the old directory's version read with the new one's
 * tables ("EOF reading block", seen in tests/robust/concurrent-search.sh),
 * or an open that works on such a mix. Each passes on a second try. */
static xc_status open_current(ec_searcher *s, xc_database **out)
{
    for (int attempt = 0;; attempt++) {
        remember_dir(s);
        xc_status xs = xc_database_open(s->dir, out);
        /* Swapped while opening: the version file and the tables may come
         * from two directories, which can even look like a good index. */
        if (xs == XC_OK && dir_moved(s) && attempt < RACE_TRIES) {
            xc_database_free(*out);
            *out = NULL;
            continue;
        }
        if (xs == XC_OK || attempt >= RACE_TRIES)
            return xs;
        ec_status st = xerr(xs, s->dir, NULL);
        if (!racing(st) && !dir_moved(s) && !(st == EC_ERR_NOT_FOUND && attempt < 3))
            return xs;
        race_pause(attempt);
    }
}

ec_status ec_searcher_open(const char *dbdir, ec_searcher **out, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    ec_searcher *s = calloc(1, sizeof *s);
    if (!s)
        return EC_ERR_NOMEM;
    s->dir = ec_strdup_printf("%s/%s", dbdir, EC_INDEX_SUBDIR);
    if (!s->dir) {
        free(s);
        return EC_ERR_NOMEM;
    }
    xc_status xs = open_current(s, &s->db);
    if (xs != XC_OK) {
        ec_status st = xerr(xs, s->dir, err);
        ec_searcher_close(s);
        return st;
    }
    if ((xs = xc_stemmer_new(EC_LANGUAGE, &s->stem)) != XC_OK ||
        (xs = xc_queryparser_new(EC_LANGUAGE, &s->qp)) != XC_OK ||
        (xs = xc_queryparser_set_stemming_strategy(s->qp, XC_STEM_ALL)) != XC_OK ||
        (xs = xc_queryparser_set_stopwords(s->qp, ec_stopwords, ec_n_stopwords)) != XC_OK) {
        ec_status st = xerr(xs, "preparing the search", err);
        ec_searcher_close(s);
        return st;
    }
    for (size_t i = 0; i < N_TEXT_FIELDS && xs == XC_OK; i++)
        xs = xc_queryparser_add_prefix(s->qp, text_fields[i].name, text_fields[i].prefix);
    for (size_t i = 0; i < N_FILTER_FIELDS && xs == XC_OK; i++)
        xs = xc_queryparser_add_boolean_prefix(s->qp, filter_fields[i].name, filter_fields[i].prefix, 1);
    ec_status st = xs == XC_OK ? setup(s, err) : xerr(xs, "preparing the search", err);
    if (st == EC_OK && !(s->paths = ec_path_table_new(dbdir)))
        st = EC_ERR_NOMEM;
    if (st != EC_OK) {
        ec_searcher_close(s);
        return st;
    }
    *out = s;
    return EC_OK;
}

ec_status ec_searcher_reopen(ec_searcher *s, char **err)
{
    if (dir_moved(s)) {
        /* Another directory now: Xapian's reopen would read its files
         * through the old one's handles. Open it afresh. */
        xc_database *db = NULL;
        dev_t dev = s->dev;
        ino_t ino = s->ino;
        xc_status xs = open_current(s, &db);
        if (xs != XC_OK) {
            s->dev = dev;
            s->ino = ino;
            return xerr(xs, "reopening the index", err);
        }
        xc_database *was = s->db;
        s->db = db;
        ec_status st = setup(s, err);
        if (st != EC_OK) {
            s->db = was;
            xc_database_free(db);
            s->dev = dev;
            s->ino = ino;
            setup(s, NULL);
            return st;
        }
        xc_database_free(was);
        return EC_OK;
    }
    int changed = 0;
    xc_status xs = xc_database_reopen(s->db, &changed);
    if (xs != XC_OK)
        return xerr(xs, "reopening the index", err);
    return EC_OK;
}

/* ------------------------------------------------------------ query words */

typedef struct qword {
    char *word;  /* as the term generator splits it */
    char *stem;
    int stop;
} qword;

typedef struct qwords {
    qword w[MAX_WORDS];
    size_t n;
    int oom;
} qwords;

static int take_word(void *user, const char *word, size_t len, unsigned pos)
{
    (void)pos;
    qwords *q = user;
    if (q->n == MAX_WORDS)
        return 1; /* a rambling call: its first 64 words say enough */
    char *w = malloc(len + 1);
    if (!w) {
        q->oom = 1;
        return 1;
    }
    memcpy(w, word, len);
    w[len] = '\0';
    q->w[q->n++] = (qword){w, NULL, ec_is_stopword(word, len)};
    return 0;
}

static void qwords_free(qwords *q)
{
    for (size_t i = 0; i < q->n; i++) {
        free(q->w[i].word);
        free(q->w[i].stem);
    }
    q->n = 0;
}

static unsigned termfreq(ec_searcher *s, const char *term)
{
    unsigned f = 0;
    if (xc_database_termfreq(s->db, term, &f) != XC_OK)
        return 0;
    return f;
}

/* 1 for a word of ASCII letters (and apostrophes) with at least one letter:
 * numbers, codes and accented names ("café", "Zoë") are not typos to fix. */
static int ascii_word(const char *w)
{
    int letters = 0;
    for (; *w; w++) {
        if (isalpha((unsigned char)*w) && !((unsigned char)*w & 0x80))
            letters++;
        else if (*w != '\'')
            return 0;
    }
    return letters > 0;
}

static int stop_at_first(void *user, const char *term, size_t len, unsigned freq)
{
    (void)term;
    (void)len;
    (void)freq;
    *(int *)user = 1;
    return 1;
}

/* 1 when the synonyms files know STEM: "lawyer" is a word, not a typo of
 * "later", even where no document uses it. */
static int has_synonyms(ec_searcher *s, const char *stem)
{
    int found = 0;
    xc_database_synonyms(s->db, stem, stop_at_first, &found);
    return found;
}

/* Replaces words the index has never seen by their spelling suggestion.
 * Returns 1 when a word was replaced. */
static int correct_words(ec_searcher *s, qwords *q)
{
    int changed = 0;
    for (size_t i = 0; i < q->n; i++) {
        qword *w = &q->w[i];
        /* Short words are left alone ("took" is not a typo of "book"), and
         * five-letter ones get one edit: two would turn "highs" into "rights". */
        size_t len = strlen(w->word);
        if (w->stop || len < 5 || !ascii_word(w->word) || termfreq(s, w->stem) > 0 ||
            has_synonyms(s, w->stem))
            continue;
        unsigned edits = len == 5 ? 1 : 2;
        char *sugg = NULL;
        if (xc_database_spelling_suggestion(s->db, w->word, edits, &sugg) != XC_OK || !sugg || !*sugg) {
            free(sugg);
            continue;
        }
        char *stem = NULL;
        if (xc_stemmer_stem(s->stem, sugg, strlen(sugg), &stem) == XC_OK && termfreq(s, stem) > 0) {
            free(w->word);
            free(w->stem);
            w->word = sugg;
            w->stem = stem;
            changed = 1;
        } else {
            free(sugg);
            free(stem);
        }
    }
    return changed;
}

/* --------------------------------------------------------- query building */

typedef struct qlist {
    xc_query **items;
    size_t n, cap;
} qlist;

static int qlist_push(qlist *l, xc_query *q)
{
    if (!q)
        return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        xc_query **p = realloc(l->items, cap * sizeof *p);
        if (!p) {
            xc_query_free(q);
            return -1;
        }
        l->items = p;
        l->cap = cap;
    }
    l->items[l->n++] = q;
    return 0;
}

static void qlist_free(qlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        xc_query_free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static xc_query *term_query(const char *term)
{
    xc_query *q = NULL;
    xc_query_new_term(term, 1, 0, &q);
    return q;
}

/* Combines L's queries with OP (the list keeps its own); one query alone is
 * copied through a one-item OR, which Xapian folds away. */
static xc_query *combine(xc_query_op op, qlist *l, unsigned window)
{
    xc_query *q = NULL;
    if (l->n == 0)
        return NULL;
    xc_query_combine(op, l->items, l->n, window, &q);
    return q;
}

/* The words of VALUE (stems joined by spaces) as term queries in *PARTS. */
static int value_terms(const char *value, qlist *parts)
{
    ec_strv words = {0};
    int r = ec_strv_split(&words, value, ' ');
    for (size_t i = 0; !r && i < words.n; i++)
        r = qlist_push(parts, term_query(words.items[i]));
    ec_strv_free(&words);
    return r;
}

/* A stored synonym value: stems joined by spaces; several make a phrase.
 * The indexer made each synonym phrase one term (EC_PFX_PHRASE), so no
 * position list is read at search time; the query still weighs as the
 * phrase query did, which the ranking is tuned with. Alone, a phrase weighs
 * as the sum of its words: their AND, filtered by the phrase term. In an
 * OP_SYNONYM group (IN_GROUP) it counts as one more term (see group_scale).
 * Snippets then centre on the query's own words rather than the phrase:
 * giving the snippet the phrase's words too (as an AND_MAYBE branch of no
 * weight) cost 10% more matcher work at 10,000 files. */
static xc_query *value_query(ec_searcher *s, const char *value, int in_group)
{
    int phrase = strchr(value, ' ') != NULL;
    char *pt = phrase && s->phrase_terms ? ec_phrase_term(value) : NULL;
    if (pt && in_group) {
        xc_query *q = term_query(pt);
        free(pt);
        return q;
    }
    qlist parts = {0};
    if (value_terms(value, &parts)) {
        free(pt);
        qlist_free(&parts);
        return NULL;
    }
    xc_query *q = NULL;
    if (!phrase) {
        q = combine(XC_OP_OR, &parts, 0);
    } else if (!pt) {
        q = combine(XC_OP_PHRASE, &parts, (unsigned)parts.n + EC_PHRASE_EXTRA);
    } else {
        xc_query *both[2] = {combine(XC_OP_AND, &parts, 0), term_query(pt)};
        if (both[0] && both[1])
            xc_query_combine(XC_OP_FILTER, both, 2, 0, &q);
        xc_query_free(both[0]);
        xc_query_free(both[1]);
    }
    free(pt);
    qlist_free(&parts);
    return q;
}

/* BM25's term weight for a term in TF of N documents, as Xapian 1.4's
 * BM25Weight computes it. */
static double bm25_idf(double n, double tf)
{
    double tw = (n - tf + 0.5) / (tf + 0.5);
    if (tw < 2)
        tw = tw * 0.5 + 1;
    return log(tw);
}

/* The factor that gives an OP_SYNONYM group of VALUES the weight it had with
 * phrase queries in it. Xapian counts the group as one term in as many
 * documents as any alternative, assuming independence; for a phrase query it
 * guesses a third of its words' AND (also assuming independence), which for
 * the correlated words of a real phrase is far below the count its phrase
 * term now gives. Only the term weight (idf) depends on that count. */
static double group_scale(ec_searcher *s, const ec_strv *values, unsigned ndocs)
{
    if (ndocs == 0)
        return 1;
    double n = ndocs, miss_then = 1, miss_now = 1;
    int phrases = 0;
    for (size_t i = 0; i < values->n; i++) {
        const char *v = values->items[i];
        if (!strchr(v, ' ')) {
            double p = termfreq(s, v) / n;
            miss_then *= 1 - p;
            miss_now *= 1 - p;
            continue;
        }
        phrases++;
        double and = n;
        ec_strv words = {0};
        char *pt = ec_phrase_term(v);
        if (ec_strv_split(&words, v, ' ') || !pt) {
            ec_strv_free(&words);
            free(pt);
            return 1; /* out of memory: the group goes unscaled */
        }
        for (size_t w = 0; w < words.n; w++)
            and *= termfreq(s, words.items[w]) / n;
        ec_strv_free(&words);
        /* Xapian rounds the AND's count, then divides it by 3 as an integer. */
        double guess = floor(floor(and + 0.5) / 3) / n;
        miss_then *= 1 - guess;
        miss_now *= 1 - termfreq(s, pt) / n;
        free(pt);
    }
    double now = bm25_idf(n, floor(n * (1 - miss_now) + 0.5));
    return phrases && now > 0 ? bm25_idf(n, floor(n * (1 - miss_then) + 0.5)) / now : 1;
}

/* A unit's synonyms group, for build_bounded: its terms (a phrase by its
 * phrase term) and the factor its weight is scaled by. */
typedef struct bare_group {
    ec_strv terms; /* none: no group */
    double scale;
} bare_group;

/* The terms of the synonyms VALUES into GROUP (scaled by SCALE): 0, or 1
 * when a phrase has no phrase term (layout 1), which the bounded match
 * cannot weigh (GROUP left empty), or -1 when out of memory. */
static int bare_group_terms(ec_searcher *s, const ec_strv *values, double scale, bare_group *group)
{
    for (size_t i = 0; i < values->n; i++) {
        const char *v = values->items[i];
        if (strchr(v, ' ') && !s->phrase_terms) {
            ec_strv_free(&group->terms);
            return 1;
        }
        if (ec_strv_push_owned(&group->terms, ec_synonym_term(v))) {
            ec_strv_free(&group->terms);
            return -1;
        }
    }
    group->scale = scale;
    return 0;
}

/* The query for the meaningful words IDX[0..N) (stems): their phrase, or the
 * word, ORed with its synonyms as one OP_SYNONYM. Returns NULL when the run
 * has no synonyms and N > 1 (the caller then tries a shorter run). *BARE
 * says whether build_bounded can weigh it (a phrase needs its phrase term),
 * BG its group then. */
static xc_query *unit_query(ec_searcher *s, qwords *q, const size_t *idx, size_t n, unsigned ndocs,
                            int *bare, bare_group *bg, int *fail)
{
    *bare = 0;
    memset(bg, 0, sizeof *bg);
    ec_buf key = EC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            ec_buf_putc(&key, ' ');
        ec_buf_puts(&key, q->w[idx[i]].stem);
    }
    ec_strv values = {0};
    if (key.oom || xc_database_synonyms(s->db, key.data, ec_strv_push_term, &values) != XC_OK) {
        ec_buf_free(&key);
        ec_strv_free(&values);
        *fail = 1;
        return NULL;
    }
    if (values.n == 0 && n > 1) {
        ec_buf_free(&key);
        return NULL;
    }
    xc_query *out = value_query(s, key.data, 0);
    *bare = n == 1 || s->phrase_terms;
    ec_buf_free(&key);
    if (values.n && out) {
        qlist alts = {0};
        for (size_t i = 0; i < values.n; i++)
            if (qlist_push(&alts, value_query(s, values.items[i], 1)))
                break;
        xc_query *group = alts.n == values.n ? combine(XC_OP_SYNONYM, &alts, 0) : NULL;
        double scale = s->phrase_terms ? group_scale(s, &values, ndocs) : 1;
        xc_query *scaled = NULL;
        if (group && scale != 1 && xc_query_scale(group, scale, &scaled) == XC_OK) {
            xc_query_free(group);
            group = scaled;
        }
        xc_query *both[2] = {out, group}, *either = NULL;
        if (group)
            xc_query_combine(XC_OP_OR, both, 2, 0, &either);
        int r = group && *bare ? bare_group_terms(s, &values, scale, bg) : 0;
        if (r < 0)
            xc_query_free(either), either = NULL;
        else if (r > 0)
            *bare = 0; /* the whole unit stays Xapian's */
        xc_query_free(group);
        xc_query_free(out);
        out = either;
        qlist_free(&alts);
    }
    ec_strv_free(&values);
    if (!out) {
        *fail = 1;
        ec_strv_free(&bg->terms);
    }
    return out;
}

/* Whether the runs of LEN stems at A and B (indexes into Q) are the same. */
static int same_run(const qwords *q, const size_t *a, const size_t *b, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (strcmp(q->w[a[k]].stem, q->w[b[k]].stem) != 0)
            return 0;
    return 1;
}

/* Each unit that came more than once is scaled by its count, which weighs it
 * exactly as ORing it that many times did. */
static int scale_repeats(qlist *units, const size_t *count)
{
    for (size_t k = 0; k < units->n; k++) {
        xc_query *scaled = NULL;
        if (count[k] == 1)
            continue;
        if (xc_query_scale(units->items[k], (double)count[k], &scaled) != XC_OK)
            return -1;
        xc_query_free(units->items[k]);
        units->items[k] = scaled;
    }
    return 0;
}

/* The same query as build_plain's over UNITS (unit k scaled by COUNT[k]),
 * with the units BARE_OF marks read through their BM25 bound tables
 * (xc_query_bounded_or) so that the match skips what cannot reach the page:
 * unit k is the stems Q->w[IDX[START[k] + j]] for j < SPAN_OF[k] (a word,
 * or a phrase: its words' AND filtered by its phrase term), ORed with its
 * synonyms group GROUP_OF[k] if that has terms. Same documents, same
 * weights: an OR adds its parts' weights, however they are grouped.
 * *FAST stays NULL when no unit is bounded. */
static ec_status build_bounded(const qwords *q, const size_t *idx, const qlist *units,
                               const size_t *start, const size_t *span_of, const size_t *count,
                               const int *bare_of, const bare_group *group_of, xc_query **fast)
{
    const char *stems[MAX_WORDS];
    char *phrases[MAX_WORDS];
    xc_bounded_part parts[2 * MAX_WORDS];
    xc_query *rest[MAX_WORDS + 1]; /* borrowed from UNITS, then the bounded part */
    size_t n_parts = 0, n_rest = 0, n_stems = 0, n_phrases = 0;
    ec_status st = EC_OK;
    for (size_t k = 0; k < units->n && st == EC_OK; k++) {
        if (!bare_of[k]) {
            rest[n_rest++] = units->items[k];
            continue;
        }
        const char **words = &stems[n_stems];
        ec_buf key = EC_BUF_INIT;
        for (size_t j = 0; j < span_of[k]; j++) {
            stems[n_stems++] = q->w[idx[start[k] + j]].stem;
            if (j)
                ec_buf_putc(&key, ' ');
            ec_buf_puts(&key, words[j]);
        }
        char *phrase = span_of[k] > 1 && !key.oom ? ec_phrase_term(key.data) : NULL;
        ec_buf_free(&key);
        if (span_of[k] > 1 && !phrase) {
            st = EC_ERR_NOMEM;
            break;
        }
        if (phrase)
            phrases[n_phrases++] = phrase;
        parts[n_parts++] = (xc_bounded_part){words, span_of[k], (double)count[k], phrase};
        const bare_group *g = &group_of[k];
        if (g->terms.n)
            parts[n_parts++] = (xc_bounded_part){(const char *const *)g->terms.items, g->terms.n,
                                                 g->scale * (double)count[k], NULL};
    }
    xc_query *bounded = NULL;
    if (st == EC_OK && n_parts &&
        xc_query_bounded_or(parts, n_parts, EC_META_BOUNDS, EC_BM25_K1, EC_BM25_B,
                            EC_BM25_MIN_NORMLEN, EC_BOUNDS_SHIFT, &bounded) != XC_OK)
        st = EC_ERR_NOMEM;
    for (size_t i = 0; i < n_phrases; i++)
        free(phrases[i]);
    if (st != EC_OK || !n_parts)
        return st;
    rest[n_rest++] = bounded;
    xc_status xs = xc_query_combine(XC_OP_OR, rest, n_rest, 0, fast);
    xc_query_free(bounded);
    return xs == XC_OK ? EC_OK : EC_ERR_NOMEM;
}

/* The plain-language query over Q's words in *OUT; NULL when no word is
 * meaningful (all stopwords), which is not an error. A long call repeats
 * itself ("my refund ... the refund"): a repeated run becomes one query
 * scaled by its count, so each posting list is read once. The order of the
 * results is the same; the percentage scores count distinct words. */
static ec_status build_plain(ec_searcher *s, qwords *q, xc_query **out, xc_query **fast,
                             unsigned *qlen, char **err)
{
    if (fast)
        *fast = NULL;
    size_t idx[MAX_WORDS], n = 0;
    for (size_t i = 0; i < q->n; i++)
        if (!q->w[i].stop)
            idx[n++] = i;
    *out = NULL;
    *qlen = 0;
    if (n == 0)
        return EC_OK;
    qlist units = {0};
    size_t start[MAX_WORDS], span_of[MAX_WORDS], count[MAX_WORDS], total = 0;
    int bare_of[MAX_WORDS];
    bare_group group_of[MAX_WORDS];
    unsigned ndocs = 0; /* for group_scale; 0 (no scaling) if it cannot be read */
    if (xc_database_doccount(s->db, &ndocs) != XC_OK)
        ndocs = 0;
    int fail = 0;
    for (size_t i = 0; i < n && !fail;) {
        xc_query *u = NULL;
        size_t span = 1;
        int bare = 0;
        bare_group group = {{0}, 0};
        for (size_t len = (n - i < MAX_SPAN ? n - i : MAX_SPAN); len > 1 && !u && !fail; len--) {
            u = unit_query(s, q, idx + i, len, ndocs, &bare, &group, &fail);
            if (u)
                span = len;
        }
        if (!u && !fail)
            u = unit_query(s, q, idx + i, 1, ndocs, &bare, &group, &fail);
        size_t k = 0;
        while (!fail && k < units.n &&
               !(span_of[k] == span && same_run(q, idx + start[k], idx + i, span)))
            k++;
        if (!fail && k < units.n) {
            xc_query_free(u);
            ec_strv_free(&group.terms);
            count[k]++;
        } else if (fail || qlist_push(&units, u)) {
            ec_strv_free(&group.terms);
            fail = 1;
            break;
        } else {
            start[k] = i;
            span_of[k] = span;
            count[k] = 1;
            bare_of[k] = bare;
            group_of[k] = group;
        }
        total++;
        i += span;
    }
    if (!fail && scale_repeats(&units, count))
        fail = 1;
    xc_query *main_q = fail ? NULL : combine(XC_OP_OR, &units, 0);
    *qlen = (unsigned)total;
    ec_status st = fail ? EC_ERR_SEARCH : main_q ? EC_OK : EC_ERR_NOMEM;
    if (st == EC_OK && fast)
        st = build_bounded(q, idx, &units, start, span_of, count, bare_of, group_of, fast);
    for (size_t k = 0; k < units.n; k++)
        ec_strv_free(&group_of[k].terms);
    qlist_free(&units);
    if (st != EC_OK) {
        xc_query_free(main_q);
        if (err && !*err)
            *err = ec_strdup_printf("building the query: %s", xc_last_error());
        return st;
    }
    *out = main_q;
    return EC_OK;
}

/* Field syntax or quotes: the agent means Xapian's query language. */
static int wants_parser(const char *text)
{
    if (strchr(text, '"'))
        return 1;
    for (const char *p = strchr(text, ':'); p; p = strchr(p + 1, ':')) {
        const char *b = p;
        while (b > text && (isalpha((unsigned char)b[-1]) || b[-1] == '_'))
            b--;
        size_t len = (size_t)(p - b);
        for (size_t i = 0; i < N_TEXT_FIELDS; i++)
            if (strlen(text_fields[i].name) == len && strncmp(b, text_fields[i].name, len) == 0)
                return 1;
        for (size_t i = 0; i < N_FILTER_FIELDS; i++)
            if (strlen(filter_fields[i].name) == len && strncmp(b, filter_fields[i].name, len) == 0)
                return 1;
    }
    return 0;
}

/* Whether the LEN bytes at TOKEN (one whitespace-separated word of a query,
 * punctuation around it allowed) are a stopword. A typographic apostrophe
 * (U+2019) counts as ', as it does for Xapian. */
static int stopword_token(const char *token, size_t len)
{
    char w[16];
    size_t n = 0;
    while (len && token[0] != '\'' && ispunct((unsigned char)token[0])) {
        token++;
        len--;
    }
    while (len && token[len - 1] != '\'' && ispunct((unsigned char)token[len - 1]))
        len--;
    for (size_t i = 0; i < len; i++) {
        if (n == sizeof w)
            return 0;
        if (len - i >= 3 && memcmp(token + i, "\xe2\x80\x99", 3) == 0) {
            w[n++] = '\'';
            i += 2;
        } else {
            w[n++] = (char)tolower((unsigned char)token[i]);
        }
    }
    return n > 0 && ec_is_stopword(w, n);
}

/* TEXT without the stopwords inside its quotes (malloc'd; NULL on OOM).
 * Xapian's parser keeps stopwords in a phrase, and a phrase matches as all
 * its words now that the index has no positions; with no stopword terms in
 * the index either (layout 4), "charged the wrong amount" would then match
 * nothing. Only whole words go, so the query's syntax stays as it was. */
static char *drop_quoted_stopwords(const char *text)
{
    ec_buf out = EC_BUF_INIT;
    int quoted = 0;
    for (const char *p = text; *p;) {
        if (*p == '"' || !quoted || isspace((unsigned char)*p)) {
            quoted ^= *p == '"';
            ec_buf_putc(&out, *p++);
            continue;
        }
        const char *end = p;
        while (*end && *end != '"' && !isspace((unsigned char)*end))
            end++;
        if (!stopword_token(p, (size_t)(end - p)))
            ec_buf_append(&out, p, (size_t)(end - p));
        p = end;
    }
    if (out.oom) {
        ec_buf_free(&out);
        return NULL;
    }
    return ec_buf_steal(&out);
}

/* Every status but published: what the default status rule leaves out. */
static const char *const unpublished[] = {"draft", "review", "retired"};

/* The filters of REQ (and the status rule) as one boolean query in *OUT, or
 * NULL for none. Values of one field are ORed, fields ANDed. The default rule,
 * published only, comes as *EXCLUDE instead: the other statuses, to be taken
 * away with AND_NOT. Every unit has exactly one status term (the schema
 * requires one of four), so the results are the same; but the published term
 * indexes nearly every document and checking it cost 5.7% of search
 * instructions at 10,000 files (make bench, callgrind), while the rare others
 * cost next to nothing. */
static ec_status build_filter(const ec_search_request *req, xc_query **out, xc_query **exclude,
                              char **err)
{
    *out = NULL;
    *exclude = NULL;
    qlist fields = {0};
    const char *status = req->status ? req->status : "published";
    for (size_t f = 0; f < N_FILTER_FIELDS; f++) {
        qlist values = {0};
        const char *name = filter_fields[f].name;
        for (size_t i = 0; i < req->n_filters; i++) {
            if (!req->filters[i].field || strcmp(req->filters[i].field, name) != 0)
                continue;
            char *t = ec_strdup_printf("%s%s", filter_fields[f].prefix, req->filters[i].value);
            qlist_push(&values, t ? term_query(t) : NULL);
            free(t);
        }
        if (strcmp(name, "status") == 0 && values.n == 0 && strcmp(status, "published") == 0) {
            qlist others = {0};
            for (size_t i = 0; i < sizeof unpublished / sizeof unpublished[0]; i++) {
                char *t = ec_strdup_printf("%s%s", EC_PFX_STATUS, unpublished[i]);
                qlist_push(&others, t ? term_query(t) : NULL);
                free(t);
            }
            *exclude = others.n == 3 ? combine(XC_OP_OR, &others, 0) : NULL;
            qlist_free(&others);
            if (!*exclude) {
                qlist_free(&values);
                qlist_free(&fields);
                return EC_ERR_NOMEM;
            }
        } else if (strcmp(name, "status") == 0 && values.n == 0 && strcmp(status, "any") != 0) {
            char *t = ec_strdup_printf("%s%s", EC_PFX_STATUS, status);
            qlist_push(&values, t ? term_query(t) : NULL);
            free(t);
        }
        if (values.n)
            qlist_push(&fields, combine(XC_OP_OR, &values, 0));
        qlist_free(&values);
    }
    for (size_t i = 0; i < req->n_filters; i++) {
        if (!ec_search_filter_field_valid(req->filters[i].field)) {
            qlist_free(&fields);
            if (err)
                *err = ec_strdup_printf("cannot filter on \"%s\"", req->filters[i].field ? req->filters[i].field : "");
            return EC_ERR_USAGE;
        }
    }
    if (fields.n) {
        xc_query *all = combine(XC_OP_AND, &fields, 0);
        xc_query *boolean = NULL;
        if (all)
            xc_query_scale(all, 0, &boolean);
        xc_query_free(all);
        *out = boolean;
        if (!boolean) {
            qlist_free(&fields);
            return EC_ERR_NOMEM;
        }
    }
    qlist_free(&fields);
    return EC_OK;
}

/* ---------------------------------------------------------------- results */

static void result_free(ec_result *x)
{
    free(x->id);
    free(x->path);
    free(x->kind);
    free(x->title);
    free(x->path_title);
    free(x->authority);
    free(x->category);
    free(x->snippet);
    free(x->trigger);
    free(x->escalate_to);
    ec_strv_free(&x->triggers);
}

void ec_results_free(ec_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        result_free(&r->items[i]);
    for (size_t i = 0; i < r->n_facets; i++) {
        for (size_t j = 0; j < r->facets[i].n; j++)
            free(r->facets[i].counts[j].value);
        free(r->facets[i].counts);
        free(r->facets[i].field);
    }
    free(r->facets);
    free(r->items);
    free(r->query);
    free(r->corrected);
    free(r);
}

static char *jstr(json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || json_object_get_type(v) != json_type_string)
        return NULL;
    return ec_strdup(json_object_get_string(v));
}

/* Xapian escapes &, < and > in snippets for HTML; ours are plain text. */
static void unescape_html(char *s)
{
    static const struct {
        const char *ent;
        char c;
    } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    char *w = s;
    for (const char *r = s; *r;) {
        int done = 0;
        if (*r == '&') {
            for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++) {
                size_t n = strlen(ents[i].ent);
                if (strncmp(r, ents[i].ent, n) == 0) {
                    *w++ = ents[i].c;
                    r += n;
                    done = 1;
                    break;
                }
            }
        }
        if (!done)
            *w++ = *r++;
    }
    *w = '\0';
}

static int lower_eq(unsigned char a, unsigned char b)
{
    return tolower(a) == tolower(b);
}

static int word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

const char *ec_find_trigger(const char *text, const ec_strv *triggers)
{
    if (!text || !triggers)
        return NULL;
    for (size_t t = 0; t < triggers->n; t++) {
        const char *trig = triggers->items[t];
        size_t n = strlen(trig);
        if (n == 0)
            continue;
        for (const char *p = text; *p; p++) {
            if (p > text && word_char((unsigned char)p[-1]))
                continue;
            size_t i = 0;
            while (i < n && p[i] && lower_eq((unsigned char)p[i], (unsigned char)trig[i]))
                i++;
            if (i == n && !word_char((unsigned char)p[n]))
                return trig;
        }
    }
    return NULL;
}

typedef struct facet_fill {
    ec_facet *f;
    size_t cap;
} facet_fill;

static int add_facet_count(void *user, const char *value, size_t len, unsigned freq)
{
    facet_fill *ff = user;
    if (ff->f->n == ff->cap) {
        size_t cap = ff->cap ? 2 * ff->cap : 8;
        ec_facet_count *p = realloc(ff->f->counts, cap * sizeof *p);
        if (!p)
            return 1;
        ff->f->counts = p;
        ff->cap = cap;
    }
    char *v = ec_strdup_printf("%.*s", (int)len, value);
    if (!v)
        return 1;
    ff->f->counts[ff->f->n++] = (ec_facet_count){v, (long)freq};
    return 0;
}

/* Fills R from MSET. QUERY_TEXT is what the agent said (for triggers). */
/* Splits TEXT as the indexer does (at most MAX_WORDS words) and stems each
 * word into W (free with qwords_free, also on failure). Returns 0, or -1 when
 * splitting failed and -2 when stemming did (both out of memory). */
static int read_words(ec_searcher *s, const char *text, qwords *w)
{
    if (xc_text_words(text, (size_t)-1, take_word, w) != XC_OK || w->oom)
        return -1;
    for (size_t i = 0; i < w->n; i++)
        if (xc_stemmer_stem(s->stem, w->w[i].word, strlen(w->w[i].word), &w->w[i].stem) != XC_OK)
            return -2;
    return 0;
}

/* TEXT's words as stems, " s1 s2 ... " (spaces at both ends so a phrase is
 * found with strstr on whole words). Stopwords stay: "can't call 999" must
 * not shrink to "call 999". Caller frees; NULL on OOM. */
static char *stem_line(ec_searcher *s, const char *text)
{
    qwords w = {0};
    ec_buf b = EC_BUF_INIT;
    ec_buf_putc(&b, ' ');
    if (read_words(s, text, &w) != 0)
        b.oom = 1;
    for (size_t i = 0; i < w.n && !b.oom; i++) {
        ec_buf_puts(&b, w.w[i].stem);
        ec_buf_putc(&b, ' ');
    }
    qwords_free(&w);
    if (b.oom) {
        ec_buf_free(&b);
        return NULL;
    }
    return ec_buf_steal(&b);
}

/* ec_searcher_find_trigger with TEXT's stem line kept in *LINE (made on
 * first need, caller frees), so a search stems its query once, not once per
 * result. */
static const char *find_trigger(ec_searcher *s, const char *text, char **line,
                                const ec_strv *triggers)
{
    const char *literal = ec_find_trigger(text, triggers);
    if (literal || !text || !triggers || triggers->n == 0)
        return literal;
    if (!*line)
        *line = stem_line(s, text);
    const char *found = NULL;
    for (size_t t = 0; *line && t < triggers->n && !found; t++) {
        char *key = stem_line(s, triggers->items[t]);
        size_t n = key ? strlen(key) : 0;
        /* "solicitors" for "solicitor". Synonyms are not used: the groups
         * are made for recall ("court" is there beside "small claims"), and
         * a banner that cries wolf is one agents learn to ignore. */
        if (n > 2 && strstr(*line, key))
            found = triggers->items[t];
        free(key);
    }
    return found;
}

const char *ec_searcher_find_trigger(ec_searcher *s, const char *text, const ec_strv *triggers)
{
    char *line = NULL;
    const char *found = find_trigger(s, text, &line, triggers);
    free(line);
    return found;
}

/* Where a bounded match's results take their percentages and snippets from
 * (see top_document): SET, the plain query's over the best document, which
 * weighs TOP there and FAST_TOP in the bounded match. */
typedef struct page_scale {
    xc_mset *set;
    double top, fast_top;
} page_scale;

/* The percentage of MSET's item I: its own, or on SCALE's when given. The
 * two matches add a document's parts in different orders, so its weights
 * can differ in the last bits, and a percentage is truncated: the bounded
 * weights are put on the plain one's scale by the best document's, which
 * then gets exactly its plain weight, as does any document weighing the
 * same (the bounded match adds in one order for all). */
static xc_status item_percent(xc_mset *mset, const page_scale *scale, unsigned i, int *percent)
{
    double weight = 0;
    xc_status xs;
    if (!scale)
        return xc_mset_percent(mset, i, percent);
    if ((xs = xc_mset_weight(mset, i, &weight)) != XC_OK)
        return xs;
    weight = weight == scale->fast_top ? scale->top : weight * (scale->top / scale->fast_top);
    return xc_mset_convert_percent(scale->set, weight, percent);
}

/* fill_results with the query's stem line for triggers in *QUERY_LINE. */
static ec_status fill_results_with(ec_searcher *s, ec_results *r, xc_mset *mset, unsigned from,
                                   const page_scale *scale, size_t skip_docid, const char *query_text,
                                   size_t limit, char **query_line)
{
    unsigned size = xc_mset_size(mset);
    r->items = calloc(size ? size : 1, sizeof *r->items);
    if (!r->items)
        return EC_ERR_NOMEM;
    r->total = (long)xc_mset_matches_estimated(mset);
    for (unsigned i = from; i < size && r->n < limit; i++) {
        xc_docid docid = 0;
        int percent = 0;
        char *data = NULL;
        xc_status xs;
        if ((xs = xc_mset_docid(mset, i, &docid)) != XC_OK ||
            (xs = item_percent(mset, scale, i, &percent)) != XC_OK ||
            (xs = xc_mset_data(mset, i, &data, NULL)) != XC_OK)
            return xerr(xs, "reading the results", NULL); /* MODIFIED: the caller retries */
        if (docid == skip_docid) {
            free(data);
            if (r->total > 0)
                r->total--;
            continue;
        }
        json_object *o = json_tokener_parse(data);
        free(data);
        if (!o)
            return EC_ERR_CORRUPT;
        ec_result *x = &r->items[r->n++];
        x->rank = (int)r->n;
        x->docid = docid;
        x->id = jstr(o, "id");
        x->kind = jstr(o, "kind");
        x->title = jstr(o, "title");
        x->category = jstr(o, "category");
        x->path = jstr(o, "path");
        x->path_title = jstr(o, "path_title");
        x->authority = jstr(o, "authority");
        x->escalate_to = jstr(o, "escalate_to");
        x->score = percent / 100.0;
        x->success_rate = -1;
        json_object *trig;
        if (json_object_object_get_ex(o, "triggers", &trig))
            for (size_t t = 0; t < json_object_array_length(trig); t++)
                ec_strv_push(&x->triggers, json_object_get_string(json_object_array_get_idx(trig, t)));
        const char *found = find_trigger(s, query_text, query_line, &x->triggers);
        if (found) {
            x->escalate = 1;
            x->trigger = ec_strdup(found);
        }
        char *snip = NULL;
        json_object *txt;
        const char *text = json_object_object_get_ex(o, "text", &txt) ? json_object_get_string(txt) : "";
        if (xc_mset_snippet(scale ? scale->set : mset, text, SNIPPET_BYTES, EC_LANGUAGE, 0, "", "", "...",
                            &snip) == XC_OK) {
            unescape_html(snip);
            x->snippet = snip;
        } else {
            x->snippet = ec_strdup("");
        }
        json_object_put(o);
    }
    return EC_OK;
}

/* Fills R with MSET's items from FROM on (LIMIT at most, without
 * SKIP_DOCID), their percentages and snippets from SCALE when given (see
 * top_document). */
static ec_status fill_results(ec_searcher *s, ec_results *r, xc_mset *mset, unsigned from,
                              const page_scale *scale, size_t skip_docid, const char *query_text, size_t limit)
{
    char *query_line = NULL;
    ec_status st = fill_results_with(s, r, mset, from, scale, skip_docid, query_text, limit,
                                     &query_line);
    free(query_line);
    return st;
}

typedef struct ranked {
    ec_result item;
    double blended;
    size_t order; /* the text ranking's, to keep its order between equals */
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->blended != y->blended)
        return x->blended > y->blended ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The outcome factor of a path with stats P when all paths together have
 * resolved R of U: its success rate smoothed toward the mean (a beta prior
 * of OUTCOME_PRIOR pseudo-uses), how far that is from the mean scaled to
 * [-1, 1], times OUTCOME_WEIGHT. A path without outcomes gets 1. */
static double outcome_factor(const ec_path_stats *p, long u, long r)
{
    double mean = ((double)r + 1) / ((double)u + 2);
    double smoothed = ((double)p->resolved + OUTCOME_PRIOR * mean) / ((double)p->uses + OUTCOME_PRIOR);
    double span = mean > 0.5 ? mean : 1 - mean;
    return 1 + OUTCOME_WEIGHT * (smoothed - mean) / span;
}

/* Fills each path's success_rate and uses. With RERANK, blends them into
 * the scores, sorts, and keeps the page [OFFSET, OFFSET + LIMIT). */
static ec_status apply_outcomes(ec_searcher *s, ec_results *r, int rerank, size_t offset,
                                size_t limit)
{
    long u, res;
    ec_path_table_totals(s->paths, &u, &res);
    ranked *v = NULL;
    if (rerank && r->n && !(v = calloc(r->n, sizeof *v)))
        return EC_ERR_NOMEM;
    for (size_t i = 0; i < r->n; i++) {
        ec_result *x = &r->items[i];
        ec_path_stats p;
        ec_path_table_get(s->paths, x->id, x->path, &p);
        x->uses = p.uses;
        x->success_rate = p.success_rate;
        if (v) {
            v[i] = (ranked){*x, x->score * (x->path ? outcome_factor(&p, u, res) : 1), i};
            /* Shown in [0, 1]; ranked by the uncapped blend. */
            v[i].item.score = v[i].blended < 1 ? v[i].blended : 1;
        }
    }
    if (!v)
        return EC_OK;
    qsort(v, r->n, sizeof *v, cmp_ranked);
    size_t kept = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (i >= offset && kept < limit) {
            r->items[kept] = v[i].item;
            r->items[kept].rank = (int)kept + 1;
            kept++;
        } else {
            result_free(&v[i].item);
        }
    }
    r->n = kept;
    free(v);
    return EC_OK;
}

static ec_status add_facets(ec_results *r, xc_valuecount **spies, const char *const *names, size_t n)
{
    r->facets = calloc(n, sizeof *r->facets);
    if (!r->facets)
        return EC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        ec_facet *f = &r->facets[r->n_facets++];
        f->field = ec_strdup(names[i]);
        facet_fill ff = {f, 0};
        if (xc_valuecount_top(spies[i], 0, add_facet_count, &ff) != XC_OK)
            return EC_ERR_SEARCH;
    }
    return EC_OK;
}

/* Runs Q (with FILTER, without EXCLUDE) once and fills a new *OUT. */
/* Q with FILTER (may be NULL) and without EXCLUDE (may be NULL), in *OUT. */
static xc_status wrap_query(xc_query *q, xc_query *filter, xc_query *exclude, xc_query **out)
{
    xc_query *final = NULL;
    xc_status xs = xc_query_scale(q, 1, &final);
    if (xs == XC_OK && filter) {
        xc_query *both[2] = {final, filter}, *with = NULL;
        xs = xc_query_combine(XC_OP_FILTER, both, 2, 0, &with);
        xc_query_free(final);
        final = with;
    }
    if (xs == XC_OK && exclude) {
        xc_query *both[2] = {final, exclude}, *without = NULL;
        xs = xc_query_combine(XC_OP_AND_NOT, both, 2, 0, &without);
        xc_query_free(final);
        final = without;
    }
    *out = xs == XC_OK ? final : NULL;
    if (xs != XC_OK)
        xc_query_free(final);
    return xs;
}

/* Pushes TERM, a unique-id term (EC_PFX_UNIQUE), onto the qlist USER. */
static int push_unique_term(void *user, const char *term, size_t len, unsigned freq)
{
    (void)len;
    (void)freq;
    return qlist_push(user, term_query(term));
}

/* The plain query FINAL over just MSET's best document, in *OUT: a set whose
 * percentages and snippets the bounded query's results take (Xapian scales
 * percentages by the best document and by how many of the query's parts it
 * matches, and a snippet needs the query's terms, which a posting source
 * hides). Empty when MSET is. The filter is the document's unique-id term:
 * a boolean term, which percentages do not count, as with any filter. */
static xc_status top_document(ec_searcher *s, xc_query *final, unsigned qlen, xc_mset *mset,
                              xc_mset **out)
{
    xc_docid top = 0;
    qlist ids = {0};
    *out = NULL;
    if (xc_mset_size(mset) == 0)
        return XC_OK;
    xc_status xs = xc_mset_docid(mset, 0, &top);
    if (xs == XC_OK)
        xs = xc_database_document_terms(s->db, top, EC_PFX_UNIQUE, push_unique_term, &ids);
    xc_query *docs = xs == XC_OK ? combine(XC_OP_OR, &ids, 0) : NULL;
    qlist_free(&ids);
    if (xs == XC_OK && !docs)
        xs = XC_ERR_NOMEM; /* every unit has a unique term */
    xc_query *both[2] = {final, docs}, *one = NULL;
    if (xs == XC_OK)
        xs = xc_query_combine(XC_OP_FILTER, both, 2, 0, &one);
    if (xs == XC_OK)
        xs = xc_enquire_set_query(s->enq, one, qlen);
    if (xs == XC_OK)
        xs = xc_enquire_mset(s->enq, 0, 1, 0, out);
    if (xs == XC_OK && xc_mset_size(*out) == 0) {
        /* Cannot happen (both match it); its own percentages then. */
        xc_mset_free(*out);
        *out = NULL;
    }
    xc_query_free(one);
    xc_query_free(docs);
    return xs;
}

static ec_status run_query(ec_searcher *s, xc_query *q, xc_query *fast, unsigned qlen,
                           xc_query *filter, xc_query *exclude, const ec_search_request *req,
                           size_t skip_docid, ec_results *res, char **err)
{
    xc_query *final = NULL, *final_fast = NULL;
    if (wrap_query(q, filter, exclude, &final) != XC_OK ||
        (fast && wrap_query(fast, filter, exclude, &final_fast) != XC_OK)) {
        xc_query_free(final);
        return xerr(XC_ERR_NOMEM, "building the query", err);
    }
    size_t limit = req->limit ? req->limit : 10;
    /* With outcomes known, the page is cut from a longer list re-ranked. */
    int rerank = ec_path_table_size(s->paths) > 0;
    size_t first = rerank ? 0 : req->offset;
    size_t want = rerank ? req->offset + limit + (limit > 10 ? limit : 10) : limit;
    static const char *const facet_names[] = {"category", "kind", "channel"};
    static const xc_slot facet_slots[] = {EC_SLOT_CATEGORY, EC_SLOT_KIND, EC_SLOT_CHANNELS};
    xc_valuecount *spies[3] = {NULL, NULL, NULL};
    ec_status st = EC_OK;
    xc_status xs = XC_OK;
    for (int i = 0; i < 3 && xs == XC_OK && req->facets; i++)
        if ((xs = xc_valuecount_new(facet_slots[i], &spies[i])) == XC_OK)
            xs = xc_enquire_add_matchspy(s->enq, spies[i]);
    xc_mset *mset = NULL, *scale = NULL;
    unsigned n = (unsigned)want + (skip_docid ? 1 : 0), from = 0;
    if (xs == XC_OK && final_fast) {
        /* From the first document: the best one sets the percentages. No
         * facets here (build_query leaves FAST out when they are asked). */
        xs = xc_enquire_set_query(s->enq, final_fast, qlen);
        if (xs == XC_OK)
            xs = xc_enquire_mset(s->enq, 0, (unsigned)first + n, 0, &mset);
        from = (unsigned)first;
        if (xs == XC_OK)
            xs = top_document(s, final, qlen, mset, &scale);
    } else if (xs == XC_OK) {
        xs = xc_enquire_set_query(s->enq, final, qlen);
        if (xs == XC_OK)
            xs = xc_enquire_mset(s->enq, (unsigned)first, n, req->facets ? CHECK_AT_LEAST : 0, &mset);
    }
    page_scale ps = {scale, 0, 0};
    if (xs == XC_OK && scale && (xs = xc_mset_weight(scale, 0, &ps.top)) == XC_OK)
        xs = xc_mset_weight(mset, 0, &ps.fast_top);
    if (xs != XC_OK)
        st = xerr(xs, "searching", err);
    if (st == EC_OK)
        st = fill_results(s, res, mset, from, scale ? &ps : NULL, skip_docid, res->query, want);
    if (st == EC_OK)
        st = apply_outcomes(s, res, rerank, req->offset, limit);
    if (st == EC_OK && req->facets)
        st = add_facets(res, spies, facet_names, 3);
    xc_enquire_clear_matchspies(s->enq);
    for (int i = 0; i < 3; i++)
        xc_valuecount_free(spies[i]);
    xc_mset_free(mset);
    xc_mset_free(scale);
    xc_query_free(final_fast);
    xc_query_free(final);
    if (st != EC_OK && err && !*err)
        *err = ec_strdup(ec_status_to_string(st));
    return st;
}

static ec_results *new_results(const char *query)
{
    ec_results *r = calloc(1, sizeof *r);
    if (r && !(r->query = ec_strdup(query ? query : ""))) {
        free(r);
        r = NULL;
    }
    return r;
}

/* Builds the query for REQ into *Q (NULL when nothing meaningful was asked). */
static ec_status build_query(ec_searcher *s, const ec_search_request *req, ec_results *res,
                             xc_query **q, xc_query **fast, unsigned *qlen, char **err)
{
    const char *text = req->query ? req->query : "";
    *q = NULL;
    *fast = NULL;
    *qlen = 0;
    if (wants_parser(text)) {
        char *parsed = s->stopwords_out ? drop_quoted_stopwords(text) : NULL;
        if (s->stopwords_out && !parsed)
            return xerr(XC_ERR_NOMEM, "reading the query", err);
        xc_status xs = xc_queryparser_parse(s->qp, parsed ? parsed : text,
                                            XC_QP_DEFAULT | XC_QP_BOOLEAN_ANY_CASE, "", q);
        free(parsed);
        if (xs == XC_OK)
            return EC_OK;
        if (xs != XC_ERR_QUERY)
            return xerr(xs, "parsing the query", err);
        /* An agent's stray quote is not a syntax lesson: read it as words. */
    }
    qwords w = {0};
    int rw = read_words(s, text, &w);
    if (rw != 0) {
        qwords_free(&w);
        return xerr(XC_ERR_NOMEM, rw == -1 ? "reading the query" : "stemming the query", err);
    }
    if (!req->no_correction && correct_words(s, &w)) {
        ec_buf c = EC_BUF_INIT;
        for (size_t i = 0; i < w.n; i++) {
            if (i)
                ec_buf_putc(&c, ' ');
            ec_buf_puts(&c, w.w[i].word);
        }
        res->corrected = ec_buf_steal(&c);
    }
    /* Facets count the documents the match looks at, which skipping changes. */
    int bounded = 0;
    if (!req->facets && ec_bounds_current(s->db, &bounded) != XC_OK)
        bounded = 0; /* unreadable now: the plain match, which says why if it fails too */
    ec_status st = build_plain(s, &w, q, bounded ? fast : NULL, qlen, err);
    qwords_free(&w);
    return st;
}

ec_status ec_search_run(ec_searcher *s, const ec_search_request *req, ec_results **out, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    if (!s || !req)
        return EC_ERR_USAGE;
    /* Every search sees the latest committed index: an agent's shell and a
     * CRM's batch live across many index runs. Cheap when nothing changed. */
    ec_searcher_reopen(s, NULL);
    ec_path_table_refresh(s->paths);
    for (int attempt = 0;; attempt++) {
        ec_results *res = new_results(req->query);
        if (!res)
            return EC_ERR_NOMEM;
        xc_query *q = NULL, *fast = NULL, *filter = NULL, *exclude = NULL;
        unsigned qlen = 0;
        ec_status st = build_query(s, req, res, &q, &fast, &qlen, err);
        if (st == EC_OK)
            st = build_filter(req, &filter, &exclude, err);
        if (st == EC_OK && q && !xc_query_empty(q))
            st = run_query(s, q, fast, qlen, filter, exclude, req, 0, res, err);
        xc_query_free(q);
        xc_query_free(fast);
        xc_query_free(filter);
        xc_query_free(exclude);
        if (st == EC_OK) {
            *out = res;
            return EC_OK;
        }
        ec_results_free(res);
        /* An indexer committed under us: see its work and ask again. */
        if (race_again(s, st, attempt, err))
            continue;
        return st;
    }
}

ec_status ec_search_similar(ec_searcher *s, unsigned docid, const ec_search_request *req,
                            ec_results **out, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    if (!s || !req || !docid)
        return EC_ERR_USAGE;
    ec_searcher_reopen(s, NULL);
    ec_path_table_refresh(s->paths);
    for (int attempt = 0;; attempt++) {
        xc_eset *eset = NULL;
        xc_docid d = docid;
        xc_status xs = xc_enquire_eset(s->enq, &d, 1, 40, &eset);
        if (xs != XC_OK) {
            ec_status st = xerr(xs, "finding similar cases", err);
            if (race_again(s, st, attempt, err))
                continue;
            return st;
        }
        qlist terms = {0};
        for (unsigned i = 0; i < xc_eset_size(eset) && terms.n < 20; i++) {
            const char *t = NULL;
            double w = 0;
            /* Terms starting in upper case are prefixed: fields and filters;
             * phrase terms repeat their words. */
            if (xc_eset_term(eset, i, &t, &w) != XC_OK || !t || !*t || isupper((unsigned char)t[0]) ||
                strncmp(t, EC_PFX_PHRASE, strlen(EC_PFX_PHRASE)) == 0)
                continue;
            qlist_push(&terms, term_query(t));
        }
        xc_eset_free(eset);
        ec_results *res = new_results(req->query);
        xc_query *q = combine(XC_OP_OR, &terms, 0);
        xc_query *filter = NULL, *exclude = NULL;
        ec_status st = res ? build_filter(req, &filter, &exclude, err) : EC_ERR_NOMEM;
        if (st == EC_OK && q)
            st = run_query(s, q, NULL, (unsigned)terms.n, filter, exclude, req, docid, res, err);
        qlist_free(&terms);
        xc_query_free(q);
        xc_query_free(filter);
        xc_query_free(exclude);
        if (st == EC_OK) {
            *out = res;
            return EC_OK;
        }
        ec_results_free(res);
        if (race_again(s, st, attempt, err))
            continue;
        return st;
    }
}

/* ------------------------------------------------------------------ JSON */

json_object *ec_results_to_json(const ec_results *r)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "query", json_object_new_string(r->query ? r->query : ""));
    json_object_object_add(o, "corrected", ec_json_string(r->corrected));
    json_object_object_add(o, "total", json_object_new_int64(r->total));
    json_object *items = json_object_new_array();
    for (size_t i = 0; i < r->n; i++) {
        const ec_result *x = &r->items[i];
        json_object *j = json_object_new_object();
        json_object_object_add(j, "rank", json_object_new_int(x->rank));
        json_object_object_add(j, "id", ec_json_string(x->id));
        json_object_object_add(j, "path", ec_json_string(x->path));
        json_object_object_add(j, "kind", ec_json_string(x->kind));
        json_object_object_add(j, "title", ec_json_string(x->title));
        json_object_object_add(j, "path_title", ec_json_string(x->path_title));
        json_object_object_add(j, "authority", ec_json_string(x->authority));
        json_object_object_add(j, "category", ec_json_string(x->category));
        json_object_object_add(j, "score", json_object_new_double(x->score));
        json_object_object_add(j, "snippet", json_object_new_string(x->snippet ? x->snippet : ""));
        json_object_object_add(j, "success_rate",
                               x->success_rate < 0 ? NULL : json_object_new_double(x->success_rate));
        json_object_object_add(j, "uses", json_object_new_int64(x->uses));
        json_object_object_add(j, "escalate", json_object_new_boolean(x->escalate));
        json_object_object_add(j, "trigger", ec_json_string(x->trigger));
        json_object_object_add(j, "escalate_to", ec_json_string(x->escalate_to));
        json_object_array_add(items, j);
    }
    json_object_object_add(o, "results", items);
    if (!r->facets)
        return o;
    json_object *facets = json_object_new_object();
    for (size_t i = 0; i < r->n_facets; i++) {
        json_object *f = json_object_new_object();
        for (size_t j = 0; j < r->facets[i].n; j++)
            json_object_object_add(f, r->facets[i].counts[j].value,
                                   json_object_new_int64(r->facets[i].counts[j].count));
        json_object_object_add(facets, r->facets[i].field, f);
    }
    json_object_object_add(o, "facets", facets);
    return o;
}

/* ------------------------------------------------------------- documents */

ec_status ec_searcher_document(ec_searcher *s, const char *id, json_object **out, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    char *key = ec_strdup_printf("%s%s", EC_META_DOC, id ? id : "");
    if (!key)
        return EC_ERR_NOMEM;
    char *v = NULL;
    size_t len = 0;
    ec_status st = EC_OK;
    for (int attempt = 0;; attempt++) {
        xc_status xs = xc_database_get_metadata(s->db, key, &v, &len);
        if (xs == XC_OK)
            break;
        st = xerr(xs, "reading the index", err);
        if (!race_again(s, st, attempt, err))
            break;
    }
    free(key);
    if (!v)
        return st;
    if (!*v) {
        free(v);
        if (err)
            *err = ec_strdup_printf("no playbook or article \"%s\" is indexed", id ? id : "");
        return EC_ERR_NOT_FOUND;
    }
    char *text = ec_unpack(v, len);
    free(v);
    *out = text ? json_tokener_parse(text) : NULL;
    free(text);
    if (!*out) {
        if (err)
            *err = ec_strdup_printf("the stored copy of \"%s\" is damaged; index its file again", id);
        return EC_ERR_CORRUPT;
    }
    return EC_OK;
}

typedef struct values_collect {
    ec_strv *out;
    size_t skip;
} values_collect;

static int take_value(void *user, const char *term, size_t len, unsigned freq)
{
    (void)freq;
    values_collect *c = user;
    if (len < c->skip)
        return 0;
    char *v = ec_strdup_printf("%.*s", (int)(len - c->skip), term + c->skip);
    return v ? ec_strv_push_owned(c->out, v) != 0 : 1;
}

ec_status ec_searcher_field_values(ec_searcher *s, const char *field, const char *prefix,
                                   ec_strv *out, char **err)
{
    if (err)
        *err = NULL;
    const char *pfx = field ? filter_prefix(field) : NULL;
    if (!pfx) {
        if (err)
            *err = ec_strdup_printf("cannot list values of \"%s\"", field ? field : "");
        return EC_ERR_USAGE;
    }
    char *start = ec_strdup_printf("%s%s", pfx, prefix ? prefix : "");
    if (!start)
        return EC_ERR_NOMEM;
    values_collect c = {out, strlen(pfx)};
    xc_status xs = xc_database_allterms(s->db, start, take_value, &c);
    free(start);
    if (xs != XC_OK)
        return xerr(xs, "reading the index", err);
    return EC_OK;
}
