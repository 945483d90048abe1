/* search-view.h: how search results look to people (shared by `search` and
 * the shell). */
#ifndef EC_SEARCH_VIEW_H
#define EC_SEARCH_VIEW_H

#include "printer.h"

/* Renders the JSON of ec_results_to_json(): a correction line, numbered
 * results (title, path, authority, success rate, escalation), and an
 * escalation banner when a trigger was heard. */
extern const printer_view search_view;

/* The same results for the shell: one line per result, the playbook title
 * once above its paths, no snippets. */
extern const printer_view search_view_compact;

/* Just the escalation banner of DATA, if any result escalates; used by the
 * shell for notes. Returns 1 if a banner was printed. */
int search_view_banner(const printer_ctx *ctx, json_object *data);

/* The banner itself: TRIGGER was heard, escalate to TO (NULL or "" when the
 * playbook names no team). */
void search_view_print_banner(const printer_ctx *ctx, const char *trigger, const char *to);

#endif
