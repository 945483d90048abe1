/* ec-patterns.c: searches that found nothing useful -> candidate exception patterns.
 *
 * Steps (each measured on Banking77 with tests/patterns/banking77-nmi; the
 * figures, and the ideas measured and dropped, are in the README):
 *   1. words as the indexer splits them (xc_text_words), stopwords dropped,
 *      stemmed; features are the stems and the pairs of consecutive stems;
 *   2. vectors weighted (1 + ln tf) * damped idf, pairs at 0.3; features seen
 *      in one text only dropped;
 *   3. the k nearest neighbours of every text by cosine, through an inverted
 *      index (only texts sharing a feature are ever compared);
 *   4. Louvain modularity on the symmetric kNN graph chooses the groups;
 *   5. groups under min_group are folded into the group they link to most;
 *   6. labels and key phrases: the features most over-represented in a group,
 *      spelled as its members spelled them most often.
 * Measured and dropped (no gain once the idf was damped): blending each
 * vector with its neighbours' (pseudo-relevance feedback), shared-neighbour
 * edge weights, k-means refinement from the Louvain groups, feature weights
 * from the groups' spread. */
#define _POSIX_C_SOURCE 200809L
#include "ec-patterns.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ec-layout.h"
#include "xapian-c.h"

#define DEFAULT_NEIGHBOURS 12
#define DEFAULT_RESOLUTION 4.0
#define DEFAULT_MIN_GROUP 5
#define DEFAULT_MAX_PHRASES 5
#define DEFAULT_PAIR_WEIGHT 0.3
#define DEFAULT_IDF_DAMPING 10.0
#define MAX_NEIGHBOURS 100
/* Louvain: passes over the nodes per level, and levels, before giving up. */
#define MAX_PASSES 32
#define MAX_LEVELS 32

/* ------------------------------------------------------------ interned strings */

/* Strings interned to dense ids (0, 1, ...): open addressing, FNV-1a. */
typedef struct strtab {
    char **keys;
    uint32_t *slots; /* id + 1; 0 is empty */
    size_t nslots, n, cap;
} strtab;

static uint64_t fnv(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static int strtab_grow(strtab *t)
{
    size_t ns = t->nslots ? t->nslots * 2 : 1024;
    uint32_t *slots = calloc(ns, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->nslots; i++) {
        uint32_t id = t->slots[i];
        if (!id)
            continue;
        const char *k = t->keys[id - 1];
        size_t j = fnv(k, strlen(k)) & (ns - 1);
        while (slots[j])
            j = (j + 1) & (ns - 1);
        slots[j] = id;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = ns;
    return 0;
}

/* The id of the LEN bytes at S, added when new; -1 on OOM. */
static long strtab_intern(strtab *t, const char *s, size_t len)
{
    if ((t->n + 1) * 2 > t->nslots && strtab_grow(t) < 0)
        return -1;
    size_t j = fnv(s, len) & (t->nslots - 1);
    while (t->slots[j]) {
        const char *k = t->keys[t->slots[j] - 1];
        if (strncmp(k, s, len) == 0 && k[len] == '\0')
            return (long)t->slots[j] - 1;
        j = (j + 1) & (t->nslots - 1);
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 512;
        char **keys = realloc(t->keys, nc * sizeof *keys);
        if (!keys)
            return -1;
        t->keys = keys;
        t->cap = nc;
    }
    char *k = malloc(len + 1);
    if (!k)
        return -1;
    memcpy(k, s, len);
    k[len] = '\0';
    t->keys[t->n] = k;
    t->slots[j] = (uint32_t)++t->n;
    return (long)t->n - 1;
}

static void strtab_free(strtab *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->keys[i]);
    free(t->keys);
    free(t->slots);
}

/* ------------------------------------------------------------ growable arrays */

typedef struct occ {
    uint32_t feat; /* feature id */
    uint32_t surf; /* how the text spelled it (surface id) */
} occ;

typedef struct term {
    uint32_t feat;
    float w;
} term;

#define VEC_PUSH(arr, n, cap, item)                                            \
    ((n) < (cap) || vec_grow((void **)&(arr), &(cap), sizeof *(arr)) == 0      \
         ? ((arr)[(n)++] = (item), 0)                                         \
         : -1)

static int vec_grow(void **arr, size_t *cap, size_t size)
{
    size_t nc = *cap ? *cap * 2 : 64;
    void *p = realloc(*arr, nc * size);
    if (!p)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

/* ------------------------------------------------------------ the working state */

typedef struct engine {
    size_t n;                 /* texts */
    unsigned k;               /* neighbours */
    strtab words;             /* surface words -> stem id (word_stem) */
    uint32_t *word_stem;
    size_t word_stem_cap;
    strtab feats;             /* stems and "stem stem" pairs */
    uint32_t *df;
    size_t df_cap;
    strtab surfs;             /* surface spellings of features */
    occ *occs;                /* every text's feature occurrences, text after text */
    size_t n_occs, occs_cap;
    size_t *occ_off;          /* text i: occs[occ_off[i] .. occ_off[i+1]) */
    term *vecs;               /* unit TF-IDF vectors, sorted by feature */
    size_t *vec_off;
    uint32_t *nb;             /* text i's neighbours: nb[i*k .. i*k + n_nb[i]) */
    float *nb_sim;
    unsigned *n_nb;
    uint32_t *group;          /* text -> group, UINT32_MAX when ungrouped */
} engine;

static void engine_free(engine *e)
{
    strtab_free(&e->words);
    free(e->word_stem);
    strtab_free(&e->feats);
    free(e->df);
    strtab_free(&e->surfs);
    free(e->occs);
    free(e->occ_off);
    free(e->vecs);
    free(e->vec_off);
    free(e->nb);
    free(e->nb_sim);
    free(e->n_nb);
    free(e->group);
}

/* ------------------------------------------------------------ 1. words -> features */

typedef struct text_words {
    ec_buf bytes;   /* the words, each NUL-terminated */
    size_t *start;  /* word i starts at bytes.data + start[i] */
    size_t n, cap;
    int oom;
} text_words;

static int collect_word(void *user, const char *word, size_t len, unsigned pos)
{
    (void)pos; /* consecutive: the splitter numbers words 1, 2, 3... */
    text_words *tw = user;
    size_t at = tw->bytes.len;
    ec_buf_append(&tw->bytes, word, len);
    ec_buf_putc(&tw->bytes, '\0');
    if (tw->bytes.oom || VEC_PUSH(tw->start, tw->n, tw->cap, at) < 0) {
        tw->oom = 1;
        return 1;
    }
    return 0;
}

/* The stem id of surface word W, stemming it the first time it is seen. */
static long stem_of(engine *e, xc_stemmer *st, const char *w, char **err)
{
    size_t len = strlen(w);
    size_t before = e->words.n;
    long wid = strtab_intern(&e->words, w, len);
    if (wid < 0)
        return -1;
    if ((size_t)wid < before)
        return e->word_stem[wid];
    char *stem = NULL;
    if (xc_stemmer_stem(st, w, len, &stem) != XC_OK) {
        if (err)
            *err = ec_strdup_printf("stemming \"%s\": %s", w, xc_last_error());
        return -2;
    }
    long fid = strtab_intern(&e->feats, stem, strlen(stem));
    free(stem);
    if (fid < 0)
        return -1;
    size_t n = (size_t)wid;
    if (VEC_PUSH(e->word_stem, n, e->word_stem_cap, (uint32_t)fid) < 0)
        return -1;
    return fid;
}

/* Adds the occurrence (feature KEY, spelled SURF) to the current text. */
static int add_occ(engine *e, const char *key, size_t klen, const char *surf, size_t slen)
{
    long f = strtab_intern(&e->feats, key, klen);
    long s = strtab_intern(&e->surfs, surf, slen);
    if (f < 0 || s < 0)
        return -1;
    occ o = {(uint32_t)f, (uint32_t)s};
    return VEC_PUSH(e->occs, e->n_occs, e->occs_cap, o);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Splits every text into features (step 1) and counts document frequencies. */
static ec_status extract_features(engine *e, const ec_pattern_search *s, char **err)
{
    ec_status rc = EC_ERR_NOMEM;
    xc_stemmer *st = NULL;
    text_words tw = {EC_BUF_INIT, NULL, 0, 0, 0};
    size_t *content = NULL, content_cap = 0;
    uint32_t *seen = NULL;
    size_t seen_cap = 0;
    ec_buf key = EC_BUF_INIT, surf = EC_BUF_INIT;

    if (xc_stemmer_new(EC_LANGUAGE, &st) != XC_OK) {
        if (err)
            *err = ec_strdup_printf("stemmer: %s", xc_last_error());
        return EC_ERR_SEARCH;
    }
    if (!(e->occ_off = malloc((e->n + 1) * sizeof *e->occ_off)))
        goto out;
    for (size_t i = 0; i < e->n; i++) {
        e->occ_off[i] = e->n_occs;
        ec_buf_reset(&tw.bytes);
        tw.n = 0;
        if (xc_text_words(s[i].text, (size_t)-1, collect_word, &tw) != XC_OK) {
            if (err)
                *err = ec_strdup_printf("splitting text %zu into words: %s", i, xc_last_error());
            rc = EC_ERR_SEARCH;
            goto out;
        }
        if (tw.oom)
            goto out;
        /* Content words: their index in tw and their stem. */
        size_t n_content = 0;
        for (size_t w = 0; w < tw.n; w++) {
            const char *word = tw.bytes.data + tw.start[w];
            if (ec_is_stopword(word, strlen(word)))
                continue;
            long fid = stem_of(e, st, word, err);
            if (fid == -2) {
                rc = EC_ERR_SEARCH;
                goto out;
            }
            if (fid < 0)
                goto out;
            if (n_content + 2 > content_cap) {
                if (vec_grow((void **)&content, &content_cap, sizeof *content) < 0)
                    goto out;
            }
            content[n_content++] = w;
            content[n_content++] = (size_t)fid;
            if (add_occ(e, e->feats.keys[fid], strlen(e->feats.keys[fid]), word, strlen(word)) < 0)
                goto out;
        }
        /* Pairs of consecutive content words, spelled with the stopwords between. */
        for (size_t c = 2; c < n_content; c += 2) {
            size_t w0 = content[c - 2], w1 = content[c];
            ec_buf_reset(&key);
            ec_buf_puts(&key, e->feats.keys[content[c - 1]]);
            ec_buf_putc(&key, ' ');
            ec_buf_puts(&key, e->feats.keys[content[c + 1]]);
            ec_buf_reset(&surf);
            for (size_t w = w0; w <= w1; w++) {
                if (w > w0)
                    ec_buf_putc(&surf, ' ');
                ec_buf_puts(&surf, tw.bytes.data + tw.start[w]);
            }
            if (key.oom || surf.oom || add_occ(e, key.data, key.len, surf.data, surf.len) < 0)
                goto out;
        }
        /* Document frequency: each feature once per text. */
        size_t n_occ = e->n_occs - e->occ_off[i];
        if (n_occ > seen_cap) {
            uint32_t *p = realloc(seen, n_occ * sizeof *p);
            if (!p)
                goto out;
            seen = p;
            seen_cap = n_occ;
        }
        for (size_t j = 0; j < n_occ; j++)
            seen[j] = e->occs[e->occ_off[i] + j].feat;
        if (n_occ)
            qsort(seen, n_occ, sizeof *seen, cmp_u32);
        while (e->df_cap < e->feats.n) {
            size_t old = e->df_cap;
            if (vec_grow((void **)&e->df, &e->df_cap, sizeof *e->df) < 0)
                goto out;
            memset(e->df + old, 0, (e->df_cap - old) * sizeof *e->df);
        }
        for (size_t j = 0; j < n_occ; j++)
            if (j == 0 || seen[j] != seen[j - 1])
                e->df[seen[j]]++;
    }
    e->occ_off[e->n] = e->n_occs;
    rc = EC_OK;
out:
    if (rc == EC_ERR_NOMEM && err && !*err)
        *err = ec_strdup("out of memory");
    xc_stemmer_free(st);
    ec_buf_free(&tw.bytes);
    free(tw.start);
    free(content);
    free(seen);
    ec_buf_free(&key);
    ec_buf_free(&surf);
    return rc;
}

static int is_pair(const engine *e, uint32_t f)
{
    return strchr(e->feats.keys[f], ' ') != NULL;
}

/* ------------------------------------------------------------ 2. TF-IDF vectors */

static int cmp_term(const void *a, const void *b)
{
    const term *x = a, *y = b;
    return x->feat < y->feat ? -1 : x->feat > y->feat;
}

static void normalise(term *v, size_t n)
{
    double s = 0;
    for (size_t j = 0; j < n; j++)
        s += (double)v[j].w * v[j].w;
    if (s > 0) {
        float inv = (float)(1.0 / sqrt(s));
        for (size_t j = 0; j < n; j++)
            v[j].w *= inv;
    }
}

static int build_vectors(engine *e, double pair_weight, double idf_damping)
{
    size_t cap = 0, n = 0;
    if (!(e->vec_off = malloc((e->n + 1) * sizeof *e->vec_off)))
        return -1;
    for (size_t i = 0; i < e->n; i++) {
        e->vec_off[i] = n;
        size_t first = n;
        for (size_t j = e->occ_off[i]; j < e->occ_off[i + 1]; j++) {
            uint32_t f = e->occs[j].feat;
            if (e->df[f] < 2) /* shared with no other text: cannot link it */
                continue;
            term t = {f, 1};
            if (VEC_PUSH(e->vecs, n, cap, t) < 0)
                return -1;
        }
        if (n > first) /* e->vecs is still NULL before the first term */
            qsort(e->vecs + first, n - first, sizeof *e->vecs, cmp_term);
        /* Merge repeats into tf, then weigh: (1 + ln tf) * idf. */
        size_t m = first;
        for (size_t j = first; j < n; j++) {
            if (m > first && e->vecs[m - 1].feat == e->vecs[j].feat)
                e->vecs[m - 1].w += 1;
            else
                e->vecs[m++] = e->vecs[j];
        }
        n = m;
        for (size_t j = first; j < n; j++) {
            uint32_t f = e->vecs[j].feat;
            /* A damped idf, 1 + ln(N/df) / D: measured, the plain ln(N/df)
             * lets rare words (typos, names) pull texts together while the
             * common domain words ("card", "top up", "transfer") are what
             * tells one exception from another. Never 0, so identical texts
             * are still each other's neighbours. */
            double idf = 1 + log((double)e->n / e->df[f]) / idf_damping;
            double w = (1 + log(e->vecs[j].w)) * idf * (is_pair(e, f) ? pair_weight : 1.0);
            e->vecs[j].w = (float)w;
        }
        normalise(e->vecs + first, n - first);
    }
    e->vec_off[e->n] = n;
    return 0;
}

/* ------------------------------------------------------------ 3. nearest neighbours */

typedef struct posting {
    uint32_t doc;
    float w;
} posting;

/* Fills e->nb / nb_sim / n_nb with each text's K most similar texts by cosine
 * of VECS (ties: the lower index), through an inverted index of VECS. */
static int find_neighbours(engine *e, const term *vecs, const size_t *off)
{
    int rc = -1;
    size_t nf = e->feats.n;
    size_t *poff = calloc(nf + 1, sizeof *poff);
    posting *post = malloc((off[e->n] ? off[e->n] : 1) * sizeof *post);
    float *acc = calloc(e->n ? e->n : 1, sizeof *acc);
    uint32_t *touched = malloc((e->n ? e->n : 1) * sizeof *touched);
    if (!poff || !post || !acc || !touched)
        goto out;
    for (size_t j = 0; j < off[e->n]; j++)
        poff[vecs[j].feat + 1]++;
    for (size_t f = 0; f < nf; f++)
        poff[f + 1] += poff[f];
    for (size_t i = 0; i < e->n; i++)
        for (size_t j = off[i]; j < off[i + 1]; j++) {
            posting p = {(uint32_t)i, vecs[j].w};
            post[poff[vecs[j].feat]++] = p;
        }
    for (size_t f = nf; f > 0; f--) /* the fill moved each start to the next's */
        poff[f] = poff[f - 1];
    poff[0] = 0;

    unsigned k = e->k;
    for (size_t i = 0; i < e->n; i++) {
        size_t nt = 0;
        for (size_t j = off[i]; j < off[i + 1]; j++) {
            float wi = vecs[j].w;
            uint32_t f = vecs[j].feat;
            for (size_t p = poff[f]; p < poff[f + 1]; p++) {
                uint32_t d = post[p].doc;
                if (d == i)
                    continue;
                if (acc[d] == 0)
                    touched[nt++] = d;
                acc[d] += wi * post[p].w;
            }
        }
        /* Top k by insertion into a sorted list: k is small. */
        uint32_t *nb = e->nb + i * k;
        float *sim = e->nb_sim + i * k;
        unsigned m = 0;
        for (size_t t = 0; t < nt; t++) {
            uint32_t d = touched[t];
            float s = acc[d];
            acc[d] = 0;
            if (s <= 0)
                continue;
            if (m == k && (s < sim[m - 1] || (s == sim[m - 1] && d > nb[m - 1])))
                continue;
            unsigned at = m < k ? m++ : m - 1;
            while (at > 0 && (sim[at - 1] < s || (sim[at - 1] == s && nb[at - 1] > d))) {
                sim[at] = sim[at - 1];
                nb[at] = nb[at - 1];
                at--;
            }
            sim[at] = s;
            nb[at] = d;
        }
        e->n_nb[i] = m;
    }
    rc = 0;
out:
    free(poff);
    free(post);
    free(acc);
    free(touched);
    return rc;
}

/* ------------------------------------------------------------ 4. Louvain */

/* An undirected weighted graph as adjacency lists (each edge in both lists). */
typedef struct graph {
    size_t n;
    size_t *off;
    uint32_t *adj;
    double *w;
    double *deg; /* weighted degree, self loops included */
} graph;

static void graph_free(graph *g)
{
    free(g->off);
    free(g->adj);
    free(g->w);
    free(g->deg);
    memset(g, 0, sizeof *g);
}

typedef struct edge {
    uint32_t a, b;
    double w;
} edge;

static int cmp_edge(const void *x, const void *y)
{
    const edge *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* The kNN graph: an edge wherever one text is among the other's neighbours,
 * weighted by their cosine. */
static int knn_graph(const engine *e, graph *g)
{
    size_t ne = 0;
    for (size_t i = 0; i < e->n; i++)
        ne += e->n_nb[i];
    edge *ed = malloc((ne ? 2 * ne : 1) * sizeof *ed);
    memset(g, 0, sizeof *g);
    g->n = e->n;
    g->off = calloc(e->n + 1, sizeof *g->off);
    g->deg = calloc(e->n ? e->n : 1, sizeof *g->deg);
    if (!ed || !g->off || !g->deg) {
        free(ed);
        graph_free(g);
        return -1;
    }
    size_t m = 0;
    for (size_t i = 0; i < e->n; i++)
        for (unsigned r = 0; r < e->n_nb[i]; r++) {
            uint32_t j = e->nb[i * e->k + r];
            double w = e->nb_sim[i * e->k + r];
            edge a = {(uint32_t)i, j, w}, b = {j, (uint32_t)i, w};
            ed[m++] = a;
            ed[m++] = b;
        }
    qsort(ed, m, sizeof *ed, cmp_edge);
    size_t u = 0; /* drop the copy when both texts chose each other */
    for (size_t i = 0; i < m; i++)
        if (u == 0 || ed[u - 1].a != ed[i].a || ed[u - 1].b != ed[i].b)
            ed[u++] = ed[i];
    g->adj = malloc((u ? u : 1) * sizeof *g->adj);
    g->w = malloc((u ? u : 1) * sizeof *g->w);
    if (!g->adj || !g->w) {
        free(ed);
        graph_free(g);
        return -1;
    }
    for (size_t i = 0; i < u; i++) {
        g->off[ed[i].a + 1]++;
        g->adj[i] = ed[i].b;
        g->w[i] = ed[i].w;
        g->deg[ed[i].a] += ed[i].w;
    }
    for (size_t i = 0; i < e->n; i++)
        g->off[i + 1] += g->off[i];
    free(ed);
    return 0;
}

/* One level of Louvain: moves nodes of G between communities (COMM, from
 * singletons) while modularity at RESOLUTION grows. Visits nodes in a fixed
 * shuffled order: deterministic, and free of the input order's bias. Returns
 * the number of moves, -1 on OOM. */
static long local_moves(const graph *g, double resolution, uint32_t *comm)
{
    long moves = 0;
    double m2 = 0;
    for (size_t i = 0; i < g->n; i++)
        m2 += g->deg[i];
    double *tot = malloc((g->n ? g->n : 1) * sizeof *tot);
    double *nw = calloc(g->n ? g->n : 1, sizeof *nw);
    uint32_t *touched = malloc((g->n ? g->n : 1) * sizeof *touched);
    uint32_t *order = malloc((g->n ? g->n : 1) * sizeof *order);
    if (!tot || !nw || !touched || !order) {
        moves = -1;
        goto out;
    }
    for (size_t i = 0; i < g->n; i++) {
        comm[i] = (uint32_t)i;
        tot[i] = g->deg[i];
        order[i] = (uint32_t)i;
    }
    if (m2 <= 0) /* no edges: every node stays alone */
        goto out;
    uint64_t seed = 88172645463325252ULL;
    for (size_t i = g->n; i > 1; i--) { /* Fisher-Yates with xorshift64 */
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        size_t j = seed % i;
        uint32_t t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    for (int pass = 0; pass < MAX_PASSES; pass++) {
        long moved = 0;
        for (size_t oi = 0; oi < g->n; oi++) {
            uint32_t i = order[oi], c0 = comm[i];
            size_t nt = 0;
            touched[nt++] = c0;
            nw[c0] = 1e-300; /* marks c0 as touched even without an edge to it */
            for (size_t p = g->off[i]; p < g->off[i + 1]; p++) {
                uint32_t c = comm[g->adj[p]];
                if (g->adj[p] == i)
                    continue;
                if (nw[c] == 0)
                    touched[nt++] = c;
                nw[c] += g->w[p];
            }
            tot[c0] -= g->deg[i];
            double scale = resolution * g->deg[i] / m2;
            uint32_t best = c0;
            double best_gain = nw[c0] - scale * tot[c0];
            for (size_t t = 0; t < nt; t++) {
                uint32_t c = touched[t];
                double gain = nw[c] - scale * tot[c];
                if (gain > best_gain + 1e-12) { /* ties keep the node where it is */
                    best = c;
                    best_gain = gain;
                }
                nw[c] = 0;
            }
            tot[best] += g->deg[i];
            if (best != c0) {
                comm[i] = best;
                moved++;
            }
        }
        moves += moved;
        if (moved == 0)
            break;
    }
out:
    free(tot);
    free(nw);
    free(touched);
    free(order);
    return moves;
}

/* Renumbers COMM densely (in order of first appearance); returns the count. */
static size_t renumber(uint32_t *comm, size_t n, uint32_t *map)
{
    size_t nc = 0;
    for (size_t i = 0; i < n; i++)
        map[i] = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        if (map[comm[i]] == UINT32_MAX)
            map[comm[i]] = (uint32_t)nc++;
        comm[i] = map[comm[i]];
    }
    return nc;
}

/* The graph of communities: one node per community of G, edges summed. */
static int aggregate(const graph *g, const uint32_t *comm, size_t nc, graph *out)
{
    int rc = -1;
    edge *ed = NULL;
    size_t m = 0, cap = 0;
    memset(out, 0, sizeof *out);
    out->n = nc;
    out->off = calloc(nc + 1, sizeof *out->off);
    out->deg = calloc(nc ? nc : 1, sizeof *out->deg);
    if (!out->off || !out->deg)
        goto out;
    for (size_t i = 0; i < g->n; i++) {
        out->deg[comm[i]] += g->deg[i];
        for (size_t p = g->off[i]; p < g->off[i + 1]; p++) {
            uint32_t a = comm[i], b = comm[g->adj[p]];
            if (a == b)
                continue;
            edge x = {a, b, g->w[p]};
            if (VEC_PUSH(ed, m, cap, x) < 0)
                goto out;
        }
    }
    if (m)
        qsort(ed, m, sizeof *ed, cmp_edge);
    size_t u = 0;
    for (size_t i = 0; i < m; i++) {
        if (u > 0 && ed[u - 1].a == ed[i].a && ed[u - 1].b == ed[i].b)
            ed[u - 1].w += ed[i].w;
        else
            ed[u++] = ed[i];
    }
    out->adj = malloc((u ? u : 1) * sizeof *out->adj);
    out->w = malloc((u ? u : 1) * sizeof *out->w);
    if (!out->adj || !out->w)
        goto out;
    for (size_t i = 0; i < u; i++) {
        out->off[ed[i].a + 1]++;
        out->adj[i] = ed[i].b;
        out->w[i] = ed[i].w;
    }
    for (size_t i = 0; i < nc; i++)
        out->off[i + 1] += out->off[i];
    rc = 0;
out:
    free(ed);
    if (rc)
        graph_free(out);
    return rc;
}

/* Louvain on G: GROUP[i] receives node i's community (dense ids). Returns
 * the number of communities, or (size_t)-1 on OOM. */
static size_t louvain(const graph *g, double resolution, uint32_t *group)
{
    size_t result = (size_t)-1;
    graph cur = {0}, next = {0};
    const graph *level = g;
    uint32_t *comm = malloc((g->n ? g->n : 1) * sizeof *comm);
    uint32_t *map = malloc((g->n ? g->n : 1) * sizeof *map);
    if (!comm || !map)
        goto out;
    for (size_t i = 0; i < g->n; i++)
        group[i] = (uint32_t)i;
    size_t nc = g->n;
    for (int lv = 0; lv < MAX_LEVELS; lv++) {
        long moves = local_moves(level, resolution, comm);
        if (moves < 0)
            goto out;
        nc = renumber(comm, level->n, map);
        for (size_t i = 0; i < g->n; i++)
            group[i] = comm[group[i]];
        if (moves == 0 || nc == level->n)
            break;
        if (aggregate(level, comm, nc, &next) < 0)
            goto out;
        graph_free(&cur);
        cur = next;
        memset(&next, 0, sizeof next);
        level = &cur;
    }
    result = nc;
out:
    graph_free(&cur);
    free(comm);
    free(map);
    return result;
}

/* ------------------------------------------------------------ 5. small groups */

/* Folds every group under MIN members into the large group its members are
 * most linked to in G (summed edge weight), text by text; a text linked to no
 * large group stays. Renumbers densely; returns the group count. */
static size_t fold_small_groups(const graph *g, uint32_t *group, size_t ng, unsigned min,
                                int *oom)
{
    size_t *size = calloc(ng ? ng : 1, sizeof *size);
    double *link = calloc(ng ? ng : 1, sizeof *link);
    uint32_t *touched = malloc((ng ? ng : 1) * sizeof *touched);
    uint32_t *map = malloc((g->n ? g->n : 1) * sizeof *map);
    if (!size || !link || !touched || !map) {
        *oom = 1;
        goto out;
    }
    for (size_t i = 0; i < g->n; i++)
        size[group[i]]++;
    /* Two rounds: a text whose neighbours were all small may find a large
     * group through the neighbours folded in the first round. */
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < g->n; i++) {
            if (size[group[i]] >= min)
                continue;
            size_t nt = 0;
            for (size_t p = g->off[i]; p < g->off[i + 1]; p++) {
                uint32_t c = group[g->adj[p]];
                if (size[c] < min)
                    continue;
                if (link[c] == 0)
                    touched[nt++] = c;
                link[c] += g->w[p];
            }
            uint32_t best = UINT32_MAX;
            for (size_t t = 0; t < nt; t++) {
                uint32_t c = touched[t];
                if (best == UINT32_MAX || link[c] > link[best] || (link[c] == link[best] && c < best))
                    best = c;
            }
            for (size_t t = 0; t < nt; t++)
                link[touched[t]] = 0;
            if (best != UINT32_MAX) {
                size[group[i]]--;
                group[i] = best;
                size[best]++; /* a large group stays large: no cascade within a round */
            }
        }
    }
    ng = renumber(group, g->n, map);
out:
    free(size);
    free(link);
    free(touched);
    free(map);
    return ng;
}

/* ------------------------------------------------------------ 6. labels, phrases */

typedef struct scored {
    uint32_t feat;
    double score;
    double cover; /* share of the group's texts with the feature */
} scored;

static int cmp_scored(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->feat < y->feat ? -1 : x->feat > y->feat;
}

typedef struct member {
    size_t index;
    double sim;
} member;

static int cmp_member(const void *a, const void *b)
{
    const member *x = a, *y = b;
    if (x->sim != y->sim)
        return x->sim > y->sim ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Scratch space for describing groups, sized once for the whole run. */
typedef struct describe_ctx {
    uint32_t *count;     /* per feature: texts of the group having it */
    uint32_t *last;      /* per feature: last text counted (+1), for once-per-text */
    uint32_t *touched;
    double *centre;      /* per feature */
    uint32_t *surf_count;/* per surface */
    uint32_t *surf_touched;
    scored *cand;
} describe_ctx;

/* How the group's texts most often spelled feature F ("" is never returned). */
static const char *spelling(const engine *e, describe_ctx *x, const member *mem, size_t nm,
                            uint32_t f)
{
    size_t nt = 0;
    for (size_t m = 0; m < nm; m++) {
        size_t i = mem[m].index;
        for (size_t j = e->occ_off[i]; j < e->occ_off[i + 1]; j++) {
            if (e->occs[j].feat != f)
                continue;
            uint32_t s = e->occs[j].surf;
            if (x->surf_count[s]++ == 0)
                x->surf_touched[nt++] = s;
        }
    }
    uint32_t best = UINT32_MAX;
    for (size_t t = 0; t < nt; t++) {
        uint32_t s = x->surf_touched[t];
        if (best == UINT32_MAX || x->surf_count[s] > x->surf_count[best] ||
            (x->surf_count[s] == x->surf_count[best] && strcmp(e->surfs.keys[s], e->surfs.keys[best]) < 0))
            best = s;
    }
    for (size_t t = 0; t < nt; t++)
        x->surf_count[x->surf_touched[t]] = 0;
    return best == UINT32_MAX ? e->feats.keys[f] : e->surfs.keys[best];
}

/* 1 when every stem of feature F is among the stems of the features CHOSEN. */
static int covered(const engine *e, uint32_t f, const uint32_t *chosen, size_t n)
{
    const char *k = e->feats.keys[f];
    while (*k) {
        size_t len = strcspn(k, " ");
        int found = 0;
        for (size_t c = 0; c < n && !found; c++) {
            const char *h = e->feats.keys[chosen[c]];
            while (*h && !found) {
                size_t hl = strcspn(h, " ");
                found = hl == len && strncmp(h, k, len) == 0;
                h += hl + (h[hl] == ' ');
            }
        }
        if (!found)
            return 0;
        k += len + (k[len] == ' ');
    }
    return 1;
}

/* Fills G (members given in MEM, NM of them, any order) from the texts. */
static int describe(const engine *e, const ec_pattern_search *s, describe_ctx *x, member *mem,
                    size_t nm, unsigned max_phrases, ec_pattern_group *g)
{
    /* Centre of the members' vectors; members ordered by closeness to it. */
    size_t nt = 0;
    for (size_t m = 0; m < nm; m++) {
        size_t i = mem[m].index;
        for (size_t j = e->vec_off[i]; j < e->vec_off[i + 1]; j++) {
            uint32_t f = e->vecs[j].feat;
            if (x->centre[f] == 0 && x->last[f] == 0)
                x->touched[nt++] = f;
            x->last[f] = 1;
            x->centre[f] += e->vecs[j].w;
        }
    }
    double norm = 0;
    for (size_t t = 0; t < nt; t++)
        norm += x->centre[x->touched[t]] * x->centre[x->touched[t]];
    norm = sqrt(norm);
    double cohesion = 0;
    for (size_t m = 0; m < nm; m++) {
        size_t i = mem[m].index;
        double d = 0;
        for (size_t j = e->vec_off[i]; j < e->vec_off[i + 1]; j++)
            d += e->vecs[j].w * x->centre[e->vecs[j].feat];
        mem[m].sim = norm > 0 ? d / norm : 0;
        cohesion += mem[m].sim;
    }
    for (size_t t = 0; t < nt; t++) {
        x->centre[x->touched[t]] = 0;
        x->last[x->touched[t]] = 0;
    }
    qsort(mem, nm, sizeof *mem, cmp_member);
    g->cohesion = nm ? cohesion / nm : 0;
    if (g->cohesion > 1)
        g->cohesion = 1;
    if (!(g->members = malloc(nm * sizeof *g->members)))
        return -1;
    g->n_members = nm;
    for (size_t m = 0; m < nm; m++) {
        size_t i = mem[m].index;
        g->members[m] = i;
        if (s[i].at && (!g->first_at || s[i].at < g->first_at))
            g->first_at = s[i].at;
        if (s[i].at && s[i].at > g->last_at)
            g->last_at = s[i].at;
    }

    /* Features by how over-represented they are: cover * ln(cover / share
     * of all texts), the group's part of the KL divergence. */
    nt = 0;
    for (size_t m = 0; m < nm; m++) {
        size_t i = mem[m].index;
        for (size_t j = e->occ_off[i]; j < e->occ_off[i + 1]; j++) {
            uint32_t f = e->occs[j].feat;
            if (e->df[f] < 2 || x->last[f] == i + 1)
                continue;
            x->last[f] = (uint32_t)(i + 1);
            if (x->count[f]++ == 0)
                x->touched[nt++] = f;
        }
    }
    size_t nc = 0;
    for (size_t t = 0; t < nt; t++) {
        uint32_t f = x->touched[t];
        double cover = (double)x->count[f] / nm, p = (double)e->df[f] / e->n;
        if (x->count[f] >= 2 && cover >= p) {
            /* + cover / 1000: when all texts are alike (every score 0) the
             * commonest feature still wins. */
            scored c = {f, cover * log(cover / p) + cover / 1000, cover};
            x->cand[nc++] = c;
        }
        x->count[f] = 0;
        x->last[f] = 0;
    }
    qsort(x->cand, nc, sizeof *x->cand, cmp_scored);

    /* The label: the best pair when it covers a fair share of what the best
     * word covers (a pair reads better), else the best word. */
    uint32_t chosen[64];
    size_t n_chosen = 0;
    if (max_phrases > 64)
        max_phrases = 64;
    long best_word = -1, best_pair = -1;
    for (size_t c = 0; c < nc; c++) {
        if (is_pair(e, x->cand[c].feat)) {
            if (best_pair < 0)
                best_pair = (long)c;
        } else if (best_word < 0) {
            best_word = (long)c;
        }
    }
    if (best_pair >= 0 &&
        (best_word < 0 || x->cand[best_pair].cover >= 0.4 * x->cand[best_word].cover)) {
        chosen[n_chosen++] = x->cand[best_pair].feat;
    } else if (best_word >= 0) {
        /* A word alone ("fee", "long") says little: the best pair holding it
         * ("transfer fee", "long does it take"), if a quarter of the texts
         * with the word say it so. */
        uint32_t w = x->cand[best_word].feat;
        chosen[n_chosen++] = w;
        for (size_t c = 0; c < nc; c++)
            if (is_pair(e, x->cand[c].feat) && covered(e, w, &x->cand[c].feat, 1) &&
                x->cand[c].cover >= 0.25 * x->cand[best_word].cover) {
                chosen[0] = x->cand[c].feat;
                break;
            }
    }
    for (size_t c = 0; c < nc && n_chosen < max_phrases; c++)
        if (!covered(e, x->cand[c].feat, chosen, n_chosen))
            chosen[n_chosen++] = x->cand[c].feat;
    if (n_chosen == 0) {
        /* No phrase shared by two members (a group of one): the heaviest
         * feature of the most typical member. */
        size_t i = mem[0].index;
        float best = -1;
        for (size_t j = e->vec_off[i]; j < e->vec_off[i + 1]; j++)
            if (e->vecs[j].w > best) {
                best = e->vecs[j].w;
                chosen[0] = e->vecs[j].feat;
                n_chosen = 1;
            }
    }
    for (size_t c = 0; c < n_chosen; c++)
        if (ec_strv_push(&g->phrases, spelling(e, x, mem, nm, chosen[c])) < 0)
            return -1;
    g->label = ec_strdup(n_chosen ? g->phrases.items[0] : "");
    return g->label ? 0 : -1;
}

static int cmp_group(const void *a, const void *b)
{
    const ec_pattern_group *x = a, *y = b;
    if (x->n_members != y->n_members)
        return x->n_members > y->n_members ? -1 : 1;
    size_t mx = x->members[0], my = y->members[0];
    for (size_t m = 1; m < x->n_members; m++)
        mx = x->members[m] < mx ? x->members[m] : mx;
    for (size_t m = 1; m < y->n_members; m++)
        my = y->members[m] < my ? y->members[m] : my;
    return mx < my ? -1 : mx > my;
}

static int build_result(const engine *e, const ec_pattern_search *s, size_t ng,
                        unsigned max_phrases, ec_patterns *p)
{
    int rc = -1;
    size_t nf = e->feats.n ? e->feats.n : 1;
    describe_ctx x = {0};
    size_t *start = calloc(ng + 1, sizeof *start);
    member *mem = malloc((e->n ? e->n : 1) * sizeof *mem);
    x.count = calloc(nf, sizeof *x.count);
    x.last = calloc(nf, sizeof *x.last);
    x.touched = malloc(nf * sizeof *x.touched);
    x.centre = calloc(nf, sizeof *x.centre);
    x.surf_count = calloc(e->surfs.n ? e->surfs.n : 1, sizeof *x.surf_count);
    x.surf_touched = malloc((e->surfs.n ? e->surfs.n : 1) * sizeof *x.surf_touched);
    x.cand = malloc(nf * sizeof *x.cand);
    p->groups = calloc(ng ? ng : 1, sizeof *p->groups);
    if (!start || !mem || !x.count || !x.last || !x.touched || !x.centre || !x.surf_count ||
        !x.surf_touched || !x.cand || !p->groups)
        goto out;
    /* Members of each group, contiguous in MEM (counting sort by group). */
    size_t n_ungrouped = 0;
    for (size_t i = 0; i < e->n; i++) {
        if (e->group[i] == UINT32_MAX)
            n_ungrouped++;
        else
            start[e->group[i] + 1]++;
    }
    for (size_t c = 0; c < ng; c++)
        start[c + 1] += start[c];
    if (n_ungrouped && !(p->ungrouped = malloc(n_ungrouped * sizeof *p->ungrouped)))
        goto out;
    for (size_t i = 0; i < e->n; i++) {
        if (e->group[i] == UINT32_MAX) {
            p->ungrouped[p->n_ungrouped++] = i;
        } else {
            member m = {i, 0};
            mem[start[e->group[i]]++] = m;
        }
    }
    for (size_t c = ng; c > 0; c--)
        start[c] = start[c - 1];
    start[0] = 0;
    for (size_t c = 0; c < ng; c++) {
        p->n_groups++;
        if (describe(e, s, &x, mem + start[c], start[c + 1] - start[c], max_phrases,
                     &p->groups[c]) < 0)
            goto out;
    }
    qsort(p->groups, p->n_groups, sizeof *p->groups, cmp_group);
    rc = 0;
out:
    free(start);
    free(mem);
    free(x.count);
    free(x.last);
    free(x.touched);
    free(x.centre);
    free(x.surf_count);
    free(x.surf_touched);
    free(x.cand);
    return rc;
}

/* ------------------------------------------------------------ the entry point */

void ec_patterns_free(ec_patterns *p)
{
    if (!p)
        return;
    for (size_t g = 0; g < p->n_groups; g++) {
        free(p->groups[g].label);
        free(p->groups[g].members);
        ec_strv_free(&p->groups[g].phrases);
    }
    free(p->groups);
    free(p->ungrouped);
    free(p);
}

ec_status ec_patterns_group(const ec_pattern_search *searches, size_t n,
                            const ec_patterns_options *opts, ec_patterns **out, char **err)
{
    ec_status rc = EC_ERR_NOMEM;
    ec_patterns_options o = opts ? *opts : (ec_patterns_options){0};
    engine e = {0};
    graph g = {0};
    ec_patterns *p = NULL;

    if (err)
        *err = NULL;
    if (!out || (n && !searches)) {
        if (err)
            *err = ec_strdup("ec_patterns_group: no searches or no place for the result");
        return EC_ERR_USAGE;
    }
    *out = NULL;
    for (size_t i = 0; i < n; i++)
        if (!searches[i].text) {
            if (err)
                *err = ec_strdup_printf("search %zu has no text", i);
            return EC_ERR_USAGE;
        }
    if (n >= UINT32_MAX || o.neighbours > MAX_NEIGHBOURS || o.resolution < 0 ||
        o.pair_weight < 0 || o.idf_damping < 0) {
        if (err)
            *err = ec_strdup_printf("too many searches or an option out of range (neighbours "
                                    "at most %d, weights and resolution not negative)",
                                    MAX_NEIGHBOURS);
        return EC_ERR_USAGE;
    }
    e.n = n;
    e.k = o.neighbours ? o.neighbours : DEFAULT_NEIGHBOURS;
    double resolution = o.resolution > 0 ? o.resolution : DEFAULT_RESOLUTION;
    unsigned min_group = o.min_group ? o.min_group : DEFAULT_MIN_GROUP;
    unsigned max_phrases = o.max_phrases ? o.max_phrases : DEFAULT_MAX_PHRASES;
    double pair_weight = o.pair_weight > 0 ? o.pair_weight : DEFAULT_PAIR_WEIGHT;
    double idf_damping = o.idf_damping > 0 ? o.idf_damping : DEFAULT_IDF_DAMPING;

    if (!(p = calloc(1, sizeof *p)))
        goto out;
    rc = extract_features(&e, searches, err);
    if (rc != EC_OK)
        goto out;
    rc = EC_ERR_NOMEM;
    size_t nn = n ? n : 1;
    e.nb = malloc(nn * e.k * sizeof *e.nb);
    e.nb_sim = malloc(nn * e.k * sizeof *e.nb_sim);
    e.n_nb = calloc(nn, sizeof *e.n_nb);
    e.group = malloc(nn * sizeof *e.group);
    if (!e.nb || !e.nb_sim || !e.n_nb || !e.group)
        goto out;
    if (build_vectors(&e, pair_weight, idf_damping) < 0 ||
        find_neighbours(&e, e.vecs, e.vec_off) < 0 || knn_graph(&e, &g) < 0)
        goto out;
    /* Modularity's null model expects a sparse graph: with few texts (n not
     * well above k * resolution) a high resolution would keep even identical
     * texts apart, since a pair merges only when n > resolution * k roughly.
     * Capped for small inputs; Banking77's 10,000 texts never reach the cap. */
    if (resolution > (double)n / (2.0 * e.k))
        resolution = (double)n / (2.0 * e.k);
    size_t ng = louvain(&g, resolution, e.group);
    if (ng == (size_t)-1)
        goto out;
    int oom = 0;
    ng = fold_small_groups(&g, e.group, ng, min_group, &oom);
    if (oom)
        goto out;
    /* A text sharing no feature with another text has no neighbour: it is
     * ungrouped rather than a group of one. Renumber what remains. */
    uint32_t *map = malloc((ng ? ng : 1) * sizeof *map);
    if (!map)
        goto out;
    for (size_t c = 0; c < ng; c++)
        map[c] = UINT32_MAX;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (e.n_nb[i] == 0) {
            e.group[i] = UINT32_MAX;
            continue;
        }
        if (map[e.group[i]] == UINT32_MAX)
            map[e.group[i]] = (uint32_t)m++;
        e.group[i] = map[e.group[i]];
    }
    free(map);
    if (build_result(&e, searches, m, max_phrases, p) < 0)
        goto out;
    *out = p;
    p = NULL;
    rc = EC_OK;
out:
    if (rc == EC_ERR_NOMEM && err && !*err)
        *err = ec_strdup("out of memory");
    ec_patterns_free(p);
    graph_free(&g);
    engine_free(&e);
    return rc;
}
