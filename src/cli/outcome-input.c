/* outcome-input.c: the fields of one outcome, from options or a JSON line
 * (see outcome-input.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "outcome-input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void outcome_input_init(outcome_input *in)
{
    memset(in, 0, sizeof *in);
    in->o.fcr = in->o.heard = -1;
    in->o.handle_seconds = -1;
}

void outcome_input_free(outcome_input *in)
{
    free(in->path_buf);
    in->path_buf = NULL;
}

static int yes_no(const char *v, int *out)
{
    if (strcmp(v, "yes") == 0)
        *out = 1;
    else if (strcmp(v, "no") == 0)
        *out = 0;
    else
        return -1;
    return 0;
}

int outcome_input_set(outcome_input *in, const char *name, const char *value)
{
    ec_outcome *o = &in->o;
    char *end;
    if (strcmp(name, "case") == 0) {
        o->case_ref = value;
    } else if (strcmp(name, "path") == 0) {
        const char *hash = strchr(value, '#');
        if (!hash || hash == value || !hash[1] || strchr(hash + 1, '#')) {
            snprintf(in->msg, sizeof in->msg, "path: \"%.80s\" is not PLAYBOOK-ID#PATH-ID", value);
            return -1;
        }
        free(in->path_buf);
        if (!(in->path_buf = strdup(value))) {
            snprintf(in->msg, sizeof in->msg, "out of memory");
            return -1;
        }
        in->path_buf[hash - value] = '\0';
        o->playbook_id = in->path_buf;
        o->path_id = in->path_buf + (hash - value) + 1;
    } else if (strcmp(name, "result") == 0) {
        if ((o->result = ec_outcome_result_parse(value)) == EC_RESULT_NONE) {
            snprintf(in->msg, sizeof in->msg,
                     "result: \"%.40s\" is not resolved, escalated or unresolved", value);
            return -1;
        }
    } else if (strcmp(name, "fcr") == 0 || strcmp(name, "heard") == 0) {
        if (yes_no(value, name[0] == 'f' ? &o->fcr : &o->heard)) {
            snprintf(in->msg, sizeof in->msg, "%s: \"%.40s\" is not yes or no", name, value);
            return -1;
        }
    } else if (strcmp(name, "trust") == 0) {
        errno = 0;
        long t = strtol(value, &end, 10);
        if (!*value || *end || errno || t < 1 || t > 5) {
            snprintf(in->msg, sizeof in->msg, "trust: \"%.40s\" is not a number from 1 to 5", value);
            return -1;
        }
        o->trust = (int)t;
    } else if (strcmp(name, "handle_time") == 0) {
        errno = 0;
        double h = strtod(value, &end);
        if (!*value || *end || errno || !(h >= 0)) {
            snprintf(in->msg, sizeof in->msg, "handle time: \"%.40s\" is not a number of seconds",
                     value);
            return -1;
        }
        o->handle_seconds = h;
    } else if (strcmp(name, "agent") == 0) {
        o->agent = value;
    } else if (strcmp(name, "channel") == 0) {
        o->channel = value;
    } else if (strcmp(name, "note") == 0) {
        o->note = value;
    } else if (strcmp(name, "closed_at") == 0) {
        if (ec_outcome_time_parse(value, &o->closed_at)) {
            snprintf(in->msg, sizeof in->msg,
                     "closed at: \"%.40s\" is not YYYY-MM-DD[THH:MM[:SS][Z]] (UTC) or Unix seconds",
                     value);
            return -1;
        }
    } else {
        snprintf(in->msg, sizeof in->msg, "unknown field \"%.40s\"; fields are %s", name,
                 OUTCOME_FIELDS);
        return -1;
    }
    return 0;
}

int outcome_input_check(outcome_input *in)
{
    if (!in->o.case_ref) {
        snprintf(in->msg, sizeof in->msg, "case: a case reference is required");
        return -1;
    }
    if (in->o.result == EC_RESULT_NONE) {
        snprintf(in->msg, sizeof in->msg, "result: required (resolved, escalated or unresolved)");
        return -1;
    }
    return 0;
}

int outcome_input_parse_json(outcome_input *in, const char *text, json_object **obj)
{
    enum json_tokener_error jerr = json_tokener_success;
    *obj = json_tokener_parse_verbose(text, &jerr);
    if (!*obj) {
        snprintf(in->msg, sizeof in->msg, "not JSON: %s", json_tokener_error_desc(jerr));
        return -1;
    }
    if (!json_object_is_type(*obj, json_type_object)) {
        snprintf(in->msg, sizeof in->msg, "expected a JSON object of the fields %s",
                 OUTCOME_FIELDS);
        return -1;
    }
    json_object_object_foreach(*obj, key, val)
    {
        const char *v;
        switch (json_object_get_type(val)) {
        case json_type_null:
            continue;
        case json_type_boolean:
            v = json_object_get_boolean(val) ? "yes" : "no";
            break;
        case json_type_string:
        case json_type_int:
        case json_type_double:
            v = json_object_get_string(val); /* numbers as json-c prints them */
            break;
        default:
            snprintf(in->msg, sizeof in->msg, "%.40s: expected a string, number or boolean", key);
            return -1;
        }
        if (outcome_input_set(in, key, v))
            return -1;
    }
    return outcome_input_check(in);
}
