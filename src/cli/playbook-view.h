/* playbook-view.h: one playbook or article for an agent (the shell's `open`). */
#ifndef EC_PLAYBOOK_VIEW_H
#define EC_PLAYBOOK_VIEW_H

#include "printer.h"

/* Renders {"document": the JSON of ec_searcher_document(), "focus": the path
 * id to show (null: every path), "related": [{"id", "title"}]}: what to say
 * first, the path's conditions and numbered steps, when and to whom to
 * escalate, the other paths, related articles. */
extern const printer_view playbook_view;

#endif
