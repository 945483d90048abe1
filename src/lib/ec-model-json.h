/* ec-model-json.h: playbooks and articles as JSON objects.
 *
 * The index stores each document's JSON so that `open`, trainer packs and
 * reports show the whole playbook without re-reading the source files. */
#ifndef EC_MODEL_JSON_H
#define EC_MODEL_JSON_H

#include <json-c/json.h>

#include "ec-model.h"

/* Returns a new json-c object (caller puts) for a playbook or article, or NULL
 * for a synonyms file or on OOM. Keys follow the XML names with '-' as '_':
 * kind, id, status, version, title, summary, category, products, channels,
 * severity, emotional_impact, owner, review_by, tags, symptoms, says,
 * acknowledge, paths[{id, authority, title, when[], steps[]}],
 * escalate[{to, when[]}], triggers, scenarios[{id, difficulty, persona,
 * opening, twist, good_handling}], related[], body[{kind, text}], file. */
json_object *ec_document_to_json(const ec_document *doc);

/* A new JSON string of S, or NULL (JSON null) when S is NULL; caller puts. */
json_object *ec_json_string(const char *s);
/* A new JSON array of V's strings; caller puts. */
json_object *ec_json_strv(const ec_strv *v);

#endif
