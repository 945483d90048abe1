/* ec-layout.h: how edgecase lays out its Xapian index (internal to libedgecase).
 *
 * The indexer writes and the searcher reads this layout; keeping both sides in
 * one header is what keeps them in step. Bump EC_LAYOUT_VERSION when a change
 * needs existing indexes rebuilt: the indexer then rebuilds from scratch.
 *
 * One Xapian document per unit: a resolution path (carrying its playbook's
 * title, summary, symptoms, customer phrases and tags) or an article. Terms are
 * stemmed (STEM_ALL), so the index holds one term per word, stopwords none
 * (layout 4), and carry no positions (layout 3): multi-word synonyms are terms of their own
 * (EC_PFX_PHRASE), and phrase queries match as AND. Free text is indexed
 * unprefixed, each field with its own wdf weight, and again under its field
 * prefix for field searches (title:, says:...). */
#ifndef EC_LAYOUT_H
#define EC_LAYOUT_H

#include <stddef.h>

#include "xapian-c.h"

#define EC_LAYOUT_VERSION "4" /* 2: phrase terms (EC_PFX_PHRASE); 3: no positions; 4: no stopwords */
#define EC_LANGUAGE "english"

/* Metadata keys. */
#define EC_META_LAYOUT "edgecase.layout"  /* EC_LAYOUT_VERSION */
#define EC_META_FILE "f:"   /* f:<path hash> -> "<content hash>\t<doc id or empty>\t<kind>\t<path>" */
#define EC_META_DOC "d:"    /* d:<id> -> the whole playbook or article as JSON */
#define EC_META_OWNER "i:"  /* i:<id> -> <path hash> of the file that defines it */
#define EC_META_SYN "s:"    /* s:<path hash> -> a synonyms file's groups as JSON */
#define EC_META_PHRASES "edgecase.phrases" /* the phrase terms every document has, sorted, one a line */

/* A multi-word synonym (stems joined by spaces) as one term, on every unit
 * whose text has it as OP_PHRASE with window words + EC_PHRASE_EXTRA would
 * find it: the searcher reads that term's posting list instead of checking
 * the position lists of its words (see xc_phraseset_apply). */
#define EC_PFX_PHRASE "~"
#define EC_PHRASE_EXTRA 2

/* BM25: a high k1 lets a word repeated in a title (indexed with wdf 8) or in
 * several customer phrases keep counting; b 0.75 normalises the long path
 * documents that carry their playbook's text. Both measured with
 * tests/relevance/run on queries.tsv and on shared/data/stackfaq. */
#define EC_BM25_K1 5.0
#define EC_BM25_B 0.75
/* Xapian clamps a document's normalised length at 0.5 by default, so a unit
 * a third of the average length weighs as if it were half. Nearer plain BM25
 * ranks better: StackFAQ P@1 0.785 -> 0.795, R@5 0.949 -> 0.951, MRR 0.857 ->
 * 0.862, the same anywhere from 0 to 0.3, queries.tsv unchanged; 0.2 sits
 * inside that range and still keeps a one-line article from counting as a
 * near-empty one. Search work at 100,000 files is the same (callgrind). */
#define EC_BM25_MIN_NORMLEN 0.2

/* BM25 bound tables (see xc_database_write_bounds), metadata EC_META_BOUNDS
 * + term for every unprefixed word and EC_META_BOUNDS "\t" + the terms of
 * every synonym group (xc_database_write_group_bounds), in blocks of
 * 2^EC_BOUNDS_SHIFT docids
 * (128: finer blocks cost as much more to read as they skip, measured at
 * 100,000 files). The indexer writes them in the transaction that changes the
 * documents, with the BM25 parameters above, and EC_META_BOUNDS_PARAMS (see
 * ec_bounds_stamp); the searcher uses them only when that stamp is the
 * index's own. */
#define EC_META_BOUNDS "b:"
#define EC_META_BOUNDS_PARAMS "edgecase.bounds" /* ec_bounds_stamp */
#define EC_BOUNDS_SHIFT 7
#define EC_BOUNDS_SKIP_FIRST "ABCDEFGHIJKLMNOPQRSTUVWXYZ" /* prefixed terms (phrase terms, "~", have tables) */

/* Stopwords are not indexed (layout 4), yet a unit's length still counts
 * them, as the ranking was tuned with (BM25's length normalisation): this
 * term's wdf is their share. Never searched; its capital keeps it out of
 * "more like this". */
#define EC_TERM_STOPPED "XW"

/* Free-text field prefixes (QueryParser add_prefix). */
#define EC_PFX_TITLE "S"
#define EC_PFX_SYMPTOM "XS"
#define EC_PFX_SAYS "XC"
#define EC_PFX_STEP "XP"

/* Boolean prefixes (filters and ids). */
#define EC_PFX_UNIQUE "Q"       /* Q<id>#<path> or Q<id>: one per unit */
#define EC_PFX_ID "XI"          /* playbook or article id, on every unit */
#define EC_PFX_FILE "XF"        /* hash of the source file's path */
#define EC_PFX_KIND "XK"        /* playbook | article */
#define EC_PFX_CATEGORY "XCAT"
#define EC_PFX_CHANNEL "XCH"
#define EC_PFX_PRODUCT "XPR"
#define EC_PFX_SEVERITY "XSEV"
#define EC_PFX_IMPACT "XIMP"
#define EC_PFX_STATUS "XST"
#define EC_PFX_TAG "XTAG"
#define EC_PFX_AUTHORITY "XAU"

/* Value slots. */
#define EC_SLOT_ID 0        /* playbook or article id: the collapse key */
#define EC_SLOT_CATEGORY 1  /* facets */
#define EC_SLOT_KIND 2
#define EC_SLOT_SEVERITY 3
#define EC_SLOT_CHANNELS 4  /* the first channel (facet of the primary channel) */
#define EC_SLOT_STATUS 5

/* At most this many paths of one playbook among the results. */
#define EC_MAX_PATHS_PER_PLAYBOOK 3

/* Words that carry no meaning in what customers say. Dropped from free-text
 * queries (kept inside quoted phrases); not indexed as terms of their own. */
extern const char *const ec_stopwords[];
extern const unsigned long ec_n_stopwords;
/* 1 when the LEN bytes at WORD (lowercase, as xc_text_words gives them) are a stopword. */
int ec_is_stopword(const char *word, size_t len);
/* EC_META_BOUNDS_PARAMS's value for DB as it is now: the BM25 parameters
 * above, its number of documents, highest docid and average length
 * (malloc'd; NULL when out of memory or unreadable). The figures tie the
 * tables to the documents they bound: an indexer that does not keep them
 * (an older edgecase) changes the figures, and the searcher then reads whole
 * posting lists, as before the tables. */
char *ec_bounds_stamp(xc_database *db);
/* *CURRENT: 1 when DB's bound tables are its own (its stamp is
 * ec_bounds_stamp's), else 0. Returns XC_OK, or the status that kept it
 * from telling (XC_ERR_NOMEM when the stamp could not be made). */
xc_status ec_bounds_current(xc_database *db, int *current);
/* The term a synonym PHRASE (stems joined by single spaces) is indexed
 * under: EC_PFX_PHRASE + PHRASE. Caller frees; NULL on OOM. */
char *ec_phrase_term(const char *phrase);
/* The term a synonym VALUE stands for in an OP_SYNONYM group, as the
 * searcher weighs it and the indexer bounds it: a phrase's phrase term, a
 * word itself. Caller frees; NULL on OOM. */
char *ec_synonym_term(const char *value);

#endif
