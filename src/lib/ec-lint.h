/* ec-lint.h: the checks that need more than one file, and `lint` as a whole.
 *
 * ec_load_file already checks everything inside one file; these add the rules
 * of a tree of files: ids unique across playbooks and articles, <related>
 * references that resolve, and <review-by> dates that have passed (a warning). */
#ifndef EC_LINT_H
#define EC_LINT_H

#include <stddef.h>

#include "ec-diag.h"
#include "ec-model.h"
#include "ec-status.h"

/* Writes today's local date as YYYY-MM-DD into OUT (11 bytes). */
void ec_lint_today(char out[11]);

/* Adds a warning to DIAGS when DOC's <review-by> is before TODAY (YYYY-MM-DD;
 * NULL means the clock). Checks nothing else. DOC stays the caller's. */
void ec_lint_document(const ec_document *doc, const char *today, ec_diags *diags);

/* Runs the cross-file checks over DOCS (N loaded documents, in the order their
 * files were found; NULL entries are skipped) and ec_lint_document on each.
 * A duplicate id is reported at the later file, naming the earlier one:
 *   FILE2:LINE: id "x" is already used by FILE1:LINE; give each playbook and article its own id
 * Returns EC_OK when no error was added (warnings allowed), EC_ERR_INVALID
 * when one was, EC_ERR_NOMEM on allocation failure. Nothing is kept. */
ec_status ec_lint_documents(const ec_document *const *docs, size_t n, const char *today,
                            ec_diags *diags);

/* What `edgecase lint PATH...` does: walks PATHS, loads every file, runs the
 * cross-file checks over the files that loaded, and appends every problem of
 * every file to DIAGS (unsorted). *N_FILES (if not NULL) is set to the number
 * of files read. TODAY as above. Returns EC_OK when no error diag was added,
 * EC_ERR_INVALID when one was, or EC_ERR_NOMEM / EC_ERR_INTERNAL when the
 * check itself could not run (then *ERR, if ERR is not NULL, is a malloc'd
 * message the caller frees). */
ec_status ec_lint_paths(const char *const *paths, size_t n, const char *today, ec_diags *diags,
                        size_t *n_files, char **err);

#endif
