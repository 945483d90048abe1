/* ec-report.h: the quarterly update pack's figures and the trainers' ranking.
 *
 * The figures come from the outcome store (ec-outcomes.h); this part picks
 * the periods, holds the targets they are judged against, and ranks the
 * scenarios. It never prints: the CLI turns the results into text, JSON and
 * HTML. Definitions of every figure and score are in edgecase(1). */
#ifndef EC_REPORT_H
#define EC_REPORT_H

#include <stddef.h>

#include "ec-outcomes.h"
#include "ec-status.h"

/* ------------------------------------------------------------- quarters */

typedef struct ec_quarter {
    int year;
    int q;          /* 1-4 */
    char label[24]; /* "2026Q4" */
    char since[24]; /* first day, YYYY-MM-DD */
    char until[24]; /* last day */
    char months[3][24]; /* its months, YYYY-MM */
} ec_quarter;

/* "2026Q4" (or "2026-Q4", q lower case too) -> *OUT; returns 0, or -1 when S
 * is not a quarter of the years 1970-9999. */
int ec_quarter_parse(const char *s, ec_quarter *out);
/* The quarter before Q into *OUT. */
void ec_quarter_previous(const ec_quarter *q, ec_quarter *out);

/* -------------------------------------------------------------- metrics */

/* The headline figures, in the order a report shows them. */
typedef enum ec_metric {
    EC_METRIC_RESOLUTION = 0, /* exception resolution rate */
    EC_METRIC_FCR,            /* first-contact resolution */
    EC_METRIC_HEARD,          /* emotional validation: the customer felt heard */
    EC_METRIC_TRUST,          /* trust index: rated 4-5 of 5 */
    EC_METRIC_ESCALATION,     /* escalation rate */
    EC_METRIC_HANDLE,         /* average handle time, seconds */
    EC_METRIC_HANDLE_QA,      /* quality-adjusted handle time: seconds per resolved case */
    EC_METRIC_USES,           /* outcomes recorded */
    EC_METRIC_COUNT
} ec_metric;

typedef struct ec_metric_info {
    const char *key;   /* the JSON key, as in `edgecase stats --json` */
    const char *label; /* for people */
    const char *unit;  /* "share" (0-1), "seconds" or "count" */
    int higher_is_better;
} ec_metric_info;

/* Static; M must be below EC_METRIC_COUNT. */
const ec_metric_info *ec_metric_get(ec_metric m);
/* The key -> the metric; returns 0, or -1 when no metric has that key. */
int ec_metric_parse(const char *key, ec_metric *out);
/* Metric M of the outcomes counted in C, -1 when its denominator is 0;
 * *N (may be NULL) receives the denominator (the outcomes that gave it). */
double ec_metric_value(ec_metric m, const ec_outcome_counts *c, long *n);

/* -------------------------------------------------------------- targets */

/* A target range [LOW, HIGH] in the metric's unit; SET 0: no target. */
typedef struct ec_target {
    int set;
    double low, high;
} ec_target;

typedef struct ec_targets {
    ec_target of[EC_METRIC_COUNT];
} ec_targets;

/* The industry's usual ranges: emotional validation 85-95%, first-contact
 * resolution of exceptions 70-80%, trust 80-90%; no target for the others. */
void ec_targets_default(ec_targets *out);

/* Reads a targets file over *TARGETS: a JSON object whose keys are metric
 * keys and whose values are [LOW, HIGH] (or null to drop that target), e.g.
 * {"emotional_validation": [0.85, 0.95], "escalation_rate": [0, 0.1]}.
 * Keys not given keep their value. On error nothing is changed and *ERR
 * (caller frees) names the file and what is wrong: EC_ERR_NOT_FOUND when it
 * does not exist, EC_ERR_IO, EC_ERR_PARSE, EC_ERR_INVALID. */
ec_status ec_targets_load(const char *file, ec_targets *targets, char **err);

typedef enum ec_target_status {
    EC_TARGET_NONE = 0, /* no target or no value */
    EC_TARGET_BELOW,    /* under the range */
    EC_TARGET_WITHIN,
    EC_TARGET_ABOVE
} ec_target_status;

ec_target_status ec_target_check(const ec_target *t, double value);
/* "below", "within", "above"; NULL for EC_TARGET_NONE. Static. */
const char *ec_target_status_name(ec_target_status s);
/* 1 when S meets M's target: within, or past the range on the better side
 * (above for a rate that should be high, below for one that should be low);
 * 0 when it misses; -1 for EC_TARGET_NONE. */
int ec_target_met(ec_metric m, ec_target_status s);

/* --------------------------------------------------------------- report */

typedef struct ec_report_month {
    char key[24]; /* YYYY-MM */
    ec_outcome_counts counts;
} ec_report_month;

typedef struct ec_report_path {
    char *playbook_id, *path_id; /* owned by the report */
    ec_outcome_counts counts;
    double low, high; /* the Wilson 95% interval of the resolution rate */
} ec_report_path;

typedef struct ec_report {
    ec_quarter quarter, previous;
    ec_outcome_counts current, before; /* this quarter, the previous one */
    ec_report_month months[6];         /* the previous quarter's three, then this one's */
    ec_report_path *paths;             /* most used in the quarter first */
    size_t n_paths;
} ec_report;

/* The figures of quarter Q and the one before, the six months' trend, and the
 * TOP_PATHS paths used most in Q (ties by name), into *OUT (free with
 * ec_report_free). Outcomes without a path are in the totals only. */
ec_status ec_report_build(ec_store *store, const ec_quarter *q, size_t top_paths,
                          ec_report **out, char **err);
void ec_report_free(ec_report *report);

/* ------------------------------------------------------------ scenarios */

/* How much a playbook's exception needs rehearsing, from its outcomes:
 *   uses + escalated + unresolved + uses x (share not heard)
 * every case counts once, once more when it went badly (escalated or left
 * unresolved) and once more, in proportion, when the customers who said
 * whether they felt heard said no. 0 when never used. */
double ec_scenario_score(const ec_outcome_counts *c);

/* Paths need this many uses before their success is trusted over the
 * playbook's own order. */
#define EC_BEST_PATH_MIN_USES 5

/* The index of the path to teach among N paths with STATS: the highest
 * Wilson 95% lower bound of success among those with at least
 * EC_BEST_PATH_MIN_USES uses (the first on a tie); 0 when none has enough.
 * *LOW receives that lower bound, -1 when the fallback was taken. */
size_t ec_best_path(const ec_path_stats *stats, size_t n, double *low);

#endif
