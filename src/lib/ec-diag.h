/* ec-diag.h: problems found in input files, collected rather than printed.
 *
 * Every problem a person sees names the file and line, and says what to do:
 *   playbooks/billing/double-charge.xml:14: <path id="refund"> needs at least one <step>
 * The engine collects them; the CLI prints them. */
#ifndef EC_DIAG_H
#define EC_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum ec_severity { EC_SEV_ERROR = 0, EC_SEV_WARNING = 1 } ec_severity;

typedef struct ec_diag {
    char *file;    /* owned; the path as the user gave it */
    long line;     /* 1-based; 0 when the problem is about the whole file */
    ec_severity severity;
    char *message; /* owned; no trailing newline, no "FILE:LINE:" prefix */
} ec_diag;

typedef struct ec_diags {
    ec_diag *items;
    size_t n;
    size_t cap;
} ec_diags;
#define EC_DIAGS_INIT {NULL, 0, 0}

/* Appends one problem (copies FILE and the formatted message). Allocation
 * failure drops the problem silently: diagnostics never fail the caller. */
void ec_diags_add(ec_diags *d, ec_severity sev, const char *file, long line,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void ec_diags_vadd(ec_diags *d, ec_severity sev, const char *file, long line,
                   const char *fmt, va_list ap);
/* Moves every entry of SRC to the end of DST; SRC is left empty. */
void ec_diags_move(ec_diags *dst, ec_diags *src);
/* Number of entries of severity SEV. */
size_t ec_diags_count(const ec_diags *d, ec_severity sev);
/* Sorts by file, then line, keeping the order of equal entries. */
void ec_diags_sort(ec_diags *d);
/* Formats one entry as "FILE:LINE: message" or "FILE:LINE: warning: message"
 * (no ":LINE" when line is 0). Returns a malloc'd string the caller frees. */
char *ec_diag_format(const ec_diag *diag);
void ec_diags_free(ec_diags *d);

#endif
