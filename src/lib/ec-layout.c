/* ec-layout.c: the parts of the index layout that are data, not names. */
#include "ec-layout.h"

#include <stdlib.h>
#include <string.h>

#include "ec-util.h"
#include "xapian-c.h"

/* Function words and call-centre filler. Sorted (byte order): the searcher
 * bsearches it. Kept short on purpose: "not", "no", "again", "twice", "still"
 * and "will" (a deceased customer's will) carry meaning here and stay.
 * "being", "having" and "doing" are here because their stems are the
 * stopwords "be", "have" and "do" (relevance unchanged on both sets). */
const char *const ec_stopwords[] = {
    "a",     "about", "am",    "an",    "and",   "any",   "are",   "as",    "at",    "be",
    "been",  "being", "but",   "by",    "can",   "could", "did",   "do",    "does",  "doing",
    "for",   "from",  "had",   "has",   "have",  "having", "he",    "hello", "her",   "hey",
    "hi",    "him",   "his",   "how",   "i",     "i'm",   "if",    "im",    "in",    "into",
    "is",    "it",    "it's",  "its",   "just",  "me",    "my",    "of",    "ok",    "okay",
    "on",    "or",    "our",   "please", "really", "she",   "so",    "some",  "thank", "thanks",
    "that",  "the",   "their", "them",  "then",  "there", "they",  "this",  "to",    "um",
    "us",    "very",  "was",   "we",    "were",  "what",  "which", "who",   "with",  "would",
    "yeah",  "you",   "your",
};
const unsigned long ec_n_stopwords = sizeof ec_stopwords / sizeof ec_stopwords[0];

int ec_is_stopword(const char *word, size_t len)
{
    size_t lo = 0, hi = ec_n_stopwords;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *w = ec_stopwords[mid];
        int c = strncmp(w, word, len);
        if (c == 0)
            c = w[len] == '\0' ? 0 : 1;
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

char *ec_phrase_term(const char *phrase)
{
    return ec_strdup_printf("%s%s", EC_PFX_PHRASE, phrase);
}

char *ec_synonym_term(const char *value)
{
    return strchr(value, ' ') ? ec_phrase_term(value) : ec_strdup(value);
}

#define EC_STR(x) #x
#define EC_XSTR(x) EC_STR(x)

char *ec_bounds_stamp(xc_database *db)
{
    unsigned docs = 0;
    xc_docid last = 0;
    double avg = 0;
    if (xc_database_doccount(db, &docs) != XC_OK || xc_database_lastdocid(db, &last) != XC_OK ||
        xc_database_avlength(db, &avg) != XC_OK)
        return NULL;
    /* %.17g reads back as the same double: equal figures, equal text.
     * "groups": the synonym groups have tables too, which an edgecase
     * from before them would let go stale. */
    return ec_strdup_printf("bm25 k1 " EC_XSTR(EC_BM25_K1) " b " EC_XSTR(EC_BM25_B) " min_normlen " EC_XSTR(
                                EC_BM25_MIN_NORMLEN) " shift " EC_XSTR(EC_BOUNDS_SHIFT) " groups docs %u last %u avg %.17g",
                            docs, last, avg);
}

xc_status ec_bounds_current(xc_database *db, int *current)
{
    char *stored = NULL, *now = ec_bounds_stamp(db);
    *current = 0;
    if (!now)
        return XC_ERR_NOMEM;
    xc_status xs = xc_database_get_metadata(db, EC_META_BOUNDS_PARAMS, &stored, NULL);
    if (xs == XC_OK)
        *current = strcmp(stored, now) == 0;
    free(stored);
    free(now);
    return xs;
}
