/* ec-insights.h: what the search log and the outcomes teach, per period.
 *
 * Three findings for knowledge managers (edgecase patterns, the quarterly
 * report):
 *   - unmet demand: searches after which nothing was used, searches whose best
 *     match was weak, and cases escalated or left unresolved without a path,
 *     grouped by ec_patterns_group() into candidate exception patterns;
 *   - weak paths: a path clearly below its category, or falling against the
 *     previous period, judged on Wilson intervals, never on raw rates;
 *   - stale content: review-by passed, or published and unused for 90 days.
 *
 * Read-only on the store and the index. Never prints, reads stdin or exits. */
#ifndef EC_INSIGHTS_H
#define EC_INSIGHTS_H

#include <stddef.h>
#include <time.h>

#include <json-c/json.h>

#include "ec-outcomes.h"
#include "ec-patterns.h"
#include "ec-search.h"
#include "ec-status.h"
#include "ec-util.h"

/* A search whose best result scored below this is a weak match. Measured on
 * the shipped playbooks with tests/relevance/queries.tsv (199 judged queries):
 * the top result is the right playbook for 144 and wrong for 55; below 0.5
 * lie 12 of the wrong (22%) and 11 of the right (8%), so under 0.5 a top
 * answer is wrong about half the time against 28% overall. Higher thresholds
 * catch more wrong answers but flag right ones faster (0.6: 42% of wrong,
 * 26% of right). Scores do not separate right from wrong well: this is a
 * hint, and unused searches remain the main signal. */
#define EC_INSIGHTS_WEAK_SCORE 0.5

/* Weak paths: uses a path (and, for a fall, both periods) needs before it is
 * judged. At 20 uses a 95% interval spans about +-20 points, so only a
 * large gap can show; fewer and every path would be "uncertain". */
#define EC_INSIGHTS_MIN_USES 20

/* Stale: published and unused for this many days. */
#define EC_INSIGHTS_STALE_DAYS 90

/* Which findings to compute (or'ed; 0 means all). */
enum {
    EC_INSIGHTS_PATTERNS = 1,
    EC_INSIGHTS_WEAK_PATHS = 2,
    EC_INSIGHTS_STALE = 4
};

typedef struct ec_insights_request {
    time_t since, until;  /* the period [since, until); until 0: now; since 0: until - 90 days.
                           * The previous period is the one of equal length before it. */
    time_t today;         /* for review-by and "unused for 90 days"; 0: the day of until */
    unsigned sections;    /* EC_INSIGHTS_*; 0: all */
    double weak_score;    /* 0: EC_INSIGHTS_WEAK_SCORE */
    long min_uses;        /* 0: EC_INSIGHTS_MIN_USES */
    unsigned stale_days;  /* 0: EC_INSIGHTS_STALE_DAYS */
    size_t max_examples;  /* verbatims per pattern; 0: 5 */
    const ec_patterns_options *grouping; /* NULL: the measured defaults */
} ec_insights_request;

/* Why a text is unmet demand (or'ed). */
enum {
    EC_UNMET_UNUSED = 1, /* no result used, then or later in the same case */
    EC_UNMET_WEAK = 2,   /* best match below the weak score */
    EC_UNMET_CASE = 4    /* a case escalated or unresolved without a path (its note) */
};

typedef struct ec_unmet {
    char *text;         /* redacted by the store */
    time_t at;
    long long search_id; /* 0 for a case note */
    char *case_ref;     /* NULL when not linked to a case */
    unsigned why;       /* EC_UNMET_* */
} ec_unmet;

typedef struct ec_unmet_pattern {
    char *label;         /* in the customers' words, from ec_patterns_group() */
    ec_strv phrases;     /* key phrases, label first */
    double cohesion;
    size_t size;         /* members in the period */
    size_t previous;     /* similar texts in the previous period (see trend) */
    ec_unmet *members;   /* the period's members, most typical first: every one */
    size_t n_members;    /* == size */
    long cases;          /* distinct cases of the members with an outcome */
    long escalated;      /* of which escalated at least once */
    long heard_known;    /* of which said whether the customer felt heard */
    long not_heard;      /* of which not heard */
    char *nearest_id;    /* the nearest indexed playbook or article, NULL if none */
    char *nearest_path;  /* its path, NULL for an article */
    char *nearest_title;
    char *nearest_category;
    double nearest_score; /* [0, 1], as ec_search_run scores it; -1 when none */
} ec_unmet_pattern;

typedef struct ec_weak_path {
    char *playbook_id, *path_id;
    char *category;          /* from the index; NULL when unknown */
    long uses, resolved;     /* in the period */
    double low, high;        /* Wilson 95% of resolved / uses */
    long category_uses, category_resolved; /* the category's other paths, the period */
    long previous_uses, previous_resolved; /* the path, the previous period */
    int below_category;      /* high < the rate of the category's other paths */
    int falling;             /* high < the previous period's rate, both >= min_uses */
} ec_weak_path;

typedef struct ec_stale {
    char *id, *kind, *title, *category, *status;
    char *review_by;         /* NULL when none */
    int review_passed;       /* review_by < today */
    int unused;              /* published, no use in stale_days, known long enough */
    time_t last_used;        /* last outcome or used search; 0: never */
} ec_stale;

typedef struct ec_insights {
    time_t since, until, previous_since; /* previous period: [previous_since, since) */
    time_t today;
    double weak_score;
    long min_uses;
    unsigned stale_days;
    size_t n_unmet, n_unmet_previous;    /* unmet texts in each period */
    ec_unmet_pattern *patterns;          /* largest first */
    size_t n_patterns;
    ec_weak_path *weak_paths;            /* lowest upper bound first */
    size_t n_weak_paths;
    ec_stale *stale;                     /* by id */
    size_t n_stale;
    int history_days;                    /* days from the store's first record to today */
} ec_insights;

/* Computes the findings REQ asks for from STORE and INDEX. INDEX (may be NULL)
 * gives categories, nearest playbooks and the playbooks to check for
 * staleness; without it those are unknown, empty and empty. On EC_OK *OUT
 * (free with ec_insights_free) holds them; on failure *OUT is NULL and *ERR
 * (caller frees) says why. */
ec_status ec_insights_compute(ec_store *store, ec_searcher *index, const ec_insights_request *req,
                              ec_insights **out, char **err);
void ec_insights_free(ec_insights *in);

/* The findings as JSON (edgecase patterns --json; edgecase(1) describes the
 * keys). MAX_MEMBERS caps each pattern's "members" (0: every member). A new
 * object the caller puts. */
json_object *ec_insights_to_json(const ec_insights *in, size_t max_members);

/* A slug of LABEL for ids and file names: lowercase ASCII letters and digits,
 * runs of anything else as one '-', at most 40 bytes; "pattern" if empty.
 * Caller frees; NULL on OOM. */
char *ec_insights_slug(const char *label);

/* Writes PATTERN as a draft playbook to DIR/ID.xml with libxml2's writer,
 * valid against the playbook schema: status draft, version 1, the label as
 * title, the key phrases as symptoms, up to MAX_SAYS (0: 5) distinct member
 * texts as customer phrases, the nearest playbook's category (else
 * "uncategorised") and a placeholder path for the knowledge manager. ID (an
 * id as the schema allows; NULL: "draft." and the label's slug) names the
 * playbook and the file; an existing file is replaced. *PATH (may be NULL;
 * caller frees) receives the file written. */
ec_status ec_insights_write_draft(const ec_unmet_pattern *pattern, const char *id, size_t max_says,
                                  const char *dir, char **path, char **err);

#endif
