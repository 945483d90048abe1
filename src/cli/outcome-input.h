/* outcome-input.h: one outcome as a CRM hands it over, read into an
 * ec_outcome.
 *
 * `outcome record` (options) and `outcome import` (JSON Lines) read the same
 * fields, named alike (--handle-time is "handle_time" in JSON), through one
 * setter, so a CRM gets the same answer whichever it calls. Kept apart from
 * cmd-outcome.c so a fuzz target (tests/fuzz/fuzz-import.c) reaches exactly
 * the code an import line goes through. */
#ifndef EC_OUTCOME_INPUT_H
#define EC_OUTCOME_INPUT_H

#include <json-c/json.h>

#include "ec-outcomes.h"

/* The fields, in the order errors list them. */
#define OUTCOME_FIELDS \
    "case, path, result, fcr, heard, trust, handle_time, agent, channel, note, closed_at"

/* One outcome being read, and the memory its strings live in. */
typedef struct outcome_input {
    ec_outcome o;
    char *path_buf; /* "ID\0PATH": o.playbook_id and o.path_id point into it */
    char msg[256];  /* the last error, a sentence naming the field */
} outcome_input;

/* Empties IN: every field unknown. */
void outcome_input_init(outcome_input *in);

/* Frees what IN owns (not the strings it borrows). */
void outcome_input_free(outcome_input *in);

/* Sets field NAME of IN to VALUE, borrowed: it must outlive the record.
 * Returns 0, or -1 with IN->msg saying what is wrong. */
int outcome_input_set(outcome_input *in, const char *name, const char *value);

/* Checks what a record needs before the store is asked: 0, or -1 with
 * IN->msg. The store checks the rest (ec_store_record). */
int outcome_input_check(outcome_input *in);

/* Fills IN from TEXT, one JSON object of the fields (null: unknown; true and
 * false: yes and no). Returns 0, or -1 with IN->msg. *OBJ is set, owned by
 * the caller (json_object_put) even on failure, and holds the strings IN
 * borrows. */
int outcome_input_parse_json(outcome_input *in, const char *text, json_object **obj);

#endif
