/* shell-commands.c: what each shell command does.
 *
 * Results of the last search stay numbered until the next search, so `open
 * 2`, `use 2` and `similar 2` all mean what the agent just saw. A case is the
 * unit that becomes an outcome: `case` starts its clock, `use` and `note`
 * fill it (and start one if none is open, so an agent who forgot `case` loses
 * nothing), `done` records it; a case whose recording fails stays open so the
 * agent can try again. */
#define _POSIX_C_SOURCE 200809L
#include "shell.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <readline/history.h>

#include "cli.h"
#include "playbook-view.h"
#include "search-view.h"

static void say(shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(shell *sh, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(sh->ctx.out, fmt, ap);
    va_end(ap);
    fputc('\n', sh->ctx.out);
}

/* Opens the outcome store on first use. Returns NULL (after saying why, once)
 * when it cannot be opened: searching goes on without logging. */
static ec_store *store_of(shell *sh)
{
    if (sh->store || sh->store_failed)
        return sh->store;
    char *err = NULL;
    ec_status st = ec_store_open(sh->dbdir, &sh->store, &err);
    if (st != EC_OK) {
        cli_error("cannot open the outcome store in %s: %s", sh->dbdir,
                  err ? err : ec_status_to_string(st));
        sh->store_failed = 1;
        sh->store = NULL;
    }
    free(err);
    return sh->store;
}

/* "channel=voice category=billing", or NULL without filters. Caller frees. */
static char *filters_text(const shell *sh)
{
    if (sh->n_filters == 0)
        return NULL;
    ec_buf b = EC_BUF_INIT;
    for (size_t i = 0; i < sh->n_filters; i++)
        ec_buf_printf(&b, "%s%s=%s", i ? " " : "", sh->filters[i].field, sh->filters[i].value);
    return ec_buf_steal(&b);
}

/* "ID#PATH" or "ID" for result R. Caller frees. */
static char *result_ref(const ec_result *r)
{
    return r->path ? ec_strdup_printf("%s#%s", r->id, r->path) : ec_strdup(r->id);
}

static void log_search(shell *sh, const ec_results *res)
{
    sh->last_search_id = 0;
    ec_store *store = store_of(sh);
    if (!store)
        return;
    char **shown = calloc(res->n ? res->n : 1, sizeof *shown);
    char *filters = filters_text(sh);
    if (!shown) {
        free(filters);
        return;
    }
    for (size_t i = 0; i < res->n; i++)
        shown[i] = result_ref(&res->items[i]);
    ec_search_entry e = {
        .query = res->query,
        .filters = filters,
        .shown = (const char *const *)shown,
        .n_shown = res->n,
        .top_score = res->n ? res->items[0].score : 0,
        .case_ref = sh->kase ? sh->kase->ref : NULL,
        .agent = sh->agent,
        .channel = sh->channel,
    };
    char *err = NULL;
    ec_status st = ec_store_log_search(store, &e, &sh->last_search_id, &err);
    if (st != EC_OK)
        cli_error("the search was not logged: %s", err ? err : ec_status_to_string(st));
    free(err);
    for (size_t i = 0; i < res->n; i++)
        free(shown[i]);
    free(shown);
    free(filters);
}

/* Prints RES, keeps it as the numbered results, and logs the search. */
static void show_results(shell *sh, ec_results *res, int log)
{
    json_object *j = ec_results_to_json(res);
    printer_emit(sh->out, &search_view_compact, j);
    json_object_put(j);
    if (res->n == 0 && sh->n_filters) {
        char *f = filters_text(sh);
        say(sh, "(filters: %s; 'filter' alone clears them)", f);
        free(f);
    }
    ec_results_free(sh->last);
    sh->last = res;
    if (log)
        log_search(sh, res);
}

static ec_search_request request_of(const shell *sh)
{
    ec_search_request req = {0};
    req.filters = sh->filters;
    req.n_filters = sh->n_filters;
    req.limit = sh->limit;
    return req;
}

static int do_search(shell *sh, const char *query)
{
    ec_search_request req = request_of(sh);
    req.query = query;
    ec_results *res = NULL;
    char *err = NULL;
    ec_status st = ec_search_run(sh->searcher, &req, &res, &err);
    if (st != EC_OK) {
        cli_error("search failed: %s", err ? err : ec_status_to_string(st));
        free(err);
        return 1;
    }
    show_results(sh, res, 1);
    return 0;
}

/* Result NUMBER of the last search, or NULL after saying why not. */
static const ec_result *numbered(shell *sh, const char *cmd, long number)
{
    if (!sh->last || sh->last->n == 0) {
        cli_error("%s %ld: no results to choose from; search first", cmd, number);
        return NULL;
    }
    if (number < 1 || (size_t)number > sh->last->n) {
        cli_error("%s %ld: the last search showed results 1 to %zu", cmd, number, sh->last->n);
        return NULL;
    }
    return &sh->last->items[number - 1];
}

static int open_document(shell *sh, const char *id, const char *focus)
{
    json_object *doc = NULL;
    char *err = NULL;
    ec_status st = ec_searcher_document(sh->searcher, id, &doc, &err);
    if (st != EC_OK) {
        if (st == EC_ERR_NOT_FOUND)
            cli_error("open: nothing with id \"%s\" is indexed", id);
        else
            cli_error("open %s: %s", id, err ? err : ec_status_to_string(st));
        free(err);
        return 1;
    }
    /* Related articles by title, so the agent knows which to open next. */
    json_object *related = json_object_new_array(), *refs = NULL;
    json_object_object_get_ex(doc, "related", &refs);
    size_t n = refs ? json_object_array_length(refs) : 0;
    for (size_t i = 0; i < n; i++) {
        json_object *ref = json_object_array_get_idx(refs, i);
        const char *rid = json_object_is_type(ref, json_type_string) ? json_object_get_string(ref)
                                                                      : pj_str(ref, "ref");
        json_object *rdoc = NULL, *r = json_object_new_object();
        json_object_object_add(r, "id", json_object_new_string(rid));
        if (ec_searcher_document(sh->searcher, rid, &rdoc, NULL) == EC_OK)
            json_object_object_add(r, "title", json_object_new_string(pj_str(rdoc, "title")));
        json_object_put(rdoc);
        json_object_array_add(related, r);
    }
    json_object *data = json_object_new_object();
    json_object_object_add(data, "document", doc);
    json_object_object_add(data, "focus", focus ? json_object_new_string(focus) : NULL);
    json_object_object_add(data, "related", related);
    printer_emit(sh->out, &playbook_view, data);
    json_object_put(data);
    return 0;
}

static int do_open(shell *sh, const shell_command *cmd)
{
    if (cmd->arg)
        return open_document(sh, cmd->arg, NULL);
    const ec_result *r = numbered(sh, "open", cmd->number);
    return r ? open_document(sh, r->id, r->path) : 1;
}

static int do_similar(shell *sh, const shell_command *cmd)
{
    const ec_result *r = numbered(sh, "similar", cmd->number);
    if (!r)
        return 1;
    ec_search_request req = request_of(sh);
    ec_results *res = NULL;
    char *err = NULL;
    ec_status st = ec_search_similar(sh->searcher, r->docid, &req, &res, &err);
    if (st != EC_OK) {
        cli_error("similar %ld: %s", cmd->number, err ? err : ec_status_to_string(st));
        free(err);
        return 1;
    }
    show_results(sh, res, 0);
    return 0;
}

static void clear_filters(shell *sh)
{
    for (size_t i = 0; i < sh->n_filters; i++)
        free(sh->filter_words[i]);
    sh->n_filters = 0;
}

int shell_field_has(const shell *sh, const char *field, const char *value)
{
    ec_strv values = {0};
    int found = 0;
    if (ec_searcher_field_values(sh->searcher, field, value, &values, NULL) == EC_OK)
        for (size_t k = 0; k < values.n && !found; k++)
            found = strcmp(values.items[k], value) == 0;
    ec_strv_free(&values);
    return found;
}

static int do_filter(shell *sh, const shell_command *cmd)
{
    /* Check every filter before changing any, so a typo keeps the old set. */
    for (size_t i = 0; i < cmd->n_args; i++) {
        char field[64];
        const char *eq = strchr(cmd->args[i], '=');
        snprintf(field, sizeof field, "%.*s", (int)(eq - cmd->args[i]), cmd->args[i]);
        if (!ec_search_filter_field_valid(field)) {
            char *fields = cli_filter_fields();
            cli_error("filter: cannot filter on \"%s\"; fields are %s", field, fields ? fields : "");
            free(fields);
            return 1;
        }
        if (!shell_field_has(sh, field, eq + 1)) {
            ec_strv all = {0};
            ec_buf list = EC_BUF_INIT;
            ec_searcher_field_values(sh->searcher, field, "", &all, NULL);
            for (size_t k = 0; k < all.n && k < 12; k++)
                ec_buf_printf(&list, "%s%s", k ? ", " : "", all.items[k]);
            if (all.n > 12)
                ec_buf_puts(&list, ", ...");
            cli_error("filter: nothing indexed has %s=%s; %s values are: %s", field, eq + 1, field,
                      list.len ? list.data : "(none)");
            ec_buf_free(&list);
            ec_strv_free(&all);
            return 1;
        }
    }
    clear_filters(sh);
    for (size_t i = 0; i < cmd->n_args; i++) {
        char *copy = strdup(cmd->args[i]);
        if (!copy)
            break;
        char *eq = strchr(copy, '=');
        *eq = '\0';
        sh->filter_words[sh->n_filters] = copy;
        sh->filters[sh->n_filters] = (ec_filter){copy, eq + 1};
        sh->n_filters++;
    }
    if (sh->n_filters == 0) {
        say(sh, "filters cleared");
    } else {
        char *f = filters_text(sh);
        say(sh, "filters: %s (searches keep them until 'filter' alone)", f ? f : "");
        free(f);
    }
    return 0;
}

static void case_free(shell_case *c)
{
    if (!c)
        return;
    free(c->ref);
    free(c->playbook_id);
    free(c->path_id);
    free(c->notes);
    free(c);
}

static shell_case *case_start(shell *sh, const char *ref)
{
    shell_case *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &c->started);
    if (ref) {
        c->ref = strdup(ref);
    } else {
        char buf[32];
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        strftime(buf, sizeof buf, "C%Y%m%d-%H%M%S", &tm);
        c->ref = strdup(buf);
    }
    if (!c->ref) {
        free(c);
        return NULL;
    }
    sh->kase = c;
    return c;
}

static int do_case(shell *sh, const shell_command *cmd)
{
    if (sh->kase) {
        cli_error("case: case %s is still open; close it first with 'done resolved|escalated|unresolved'",
                  sh->kase->ref);
        return 1;
    }
    shell_case *c = case_start(sh, cmd->arg);
    if (!c) {
        cli_error("case: out of memory");
        return 1;
    }
    say(sh, "case %s started; 'use N' marks the path you follow, 'done ...' records the outcome",
        c->ref);
    return 0;
}

/* The open case, starting one (and saying so) when none is open. */
static shell_case *current_case(shell *sh)
{
    if (sh->kase)
        return sh->kase;
    shell_case *c = case_start(sh, NULL);
    if (c)
        say(sh, "case %s started", c->ref);
    else
        cli_error("out of memory");
    return c;
}

static int do_use(shell *sh, const shell_command *cmd)
{
    const ec_result *r = numbered(sh, "use", cmd->number);
    if (!r)
        return 1;
    if (!r->path) {
        cli_error("use %ld: that is a KB article; 'use' marks a playbook's resolution path", cmd->number);
        return 1;
    }
    shell_case *c = current_case(sh);
    if (!c)
        return 1;
    free(c->playbook_id);
    free(c->path_id);
    c->playbook_id = strdup(r->id);
    c->path_id = strdup(r->path);
    say(sh, "case %s: following %s#%s (%s)", c->ref, r->id, r->path, r->path_title);
    if (sh->last_search_id && store_of(sh)) {
        char *ref = result_ref(r), *err = NULL;
        if (ec_store_mark_used(sh->store, sh->last_search_id, ref, &err) != EC_OK)
            cli_error("the search log did not take 'use': %s", err ? err : "unknown error");
        free(err);
        free(ref);
    }
    return 0;
}

/* A banner when TEXT contains a trigger of a playbook just shown. */
static void note_triggers(shell *sh, const char *text)
{
    if (!sh->last)
        return;
    for (size_t i = 0; i < sh->last->n; i++) {
        const ec_result *r = &sh->last->items[i];
        const char *t = ec_searcher_find_trigger(sh->searcher, text, &r->triggers);
        if (t) {
            search_view_print_banner(&sh->ctx, t, r->escalate_to);
            return;
        }
    }
}

static int do_note(shell *sh, const shell_command *cmd)
{
    shell_case *c = current_case(sh);
    if (!c)
        return 1;
    char *joined = c->notes ? ec_strdup_printf("%s\n%s", c->notes, cmd->arg) : strdup(cmd->arg);
    if (!joined) {
        cli_error("note: out of memory");
        return 1;
    }
    free(c->notes);
    c->notes = joined;
    note_triggers(sh, cmd->arg);
    say(sh, "noted on case %s", c->ref);
    return 0;
}

static int do_done(shell *sh, const shell_command *cmd)
{
    shell_case *c = sh->kase;
    if (!c) {
        cli_error("done: no case is open; 'case [REF]' starts one (and 'use N' or 'note' do too)");
        return 1;
    }
    if (cmd->arg)
        note_triggers(sh, cmd->arg);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double handle = (double)(now.tv_sec - c->started.tv_sec) +
                    (double)(now.tv_nsec - c->started.tv_nsec) / 1e9;
    char *note = NULL;
    if (c->notes && cmd->arg)
        note = ec_strdup_printf("%s\n%s", c->notes, cmd->arg);
    else
        note = ec_strdup(c->notes ? c->notes : cmd->arg);

    ec_outcome o = {
        .case_ref = c->ref,
        .playbook_id = c->playbook_id,
        .path_id = c->path_id,
        .result = cmd->result,
        .fcr = cmd->fcr,
        .heard = cmd->heard,
        .trust = cmd->trust,
        .handle_seconds = handle,
        .agent = sh->agent,
        .channel = sh->channel,
        .note = note,
    };
    ec_store *store = store_of(sh);
    char *err = NULL;
    ec_status st = store ? ec_store_record(store, &o, &err) : EC_ERR_STORE;
    free(note);
    if (st != EC_OK) {
        cli_error("done: case %s was NOT recorded and stays open: %s; try 'done' again", c->ref,
                  err ? err : store ? ec_status_to_string(st) : "the outcome store cannot be opened");
        free(err);
        return 1;
    }
    char took[32];
    printer_duration(took, sizeof took, handle);
    if (c->playbook_id)
        say(sh, "case %s recorded: %s via %s#%s after %s", c->ref, ec_outcome_result_name(cmd->result),
            c->playbook_id, c->path_id, took);
    else
        say(sh, "case %s recorded: %s, no path used, after %s", c->ref,
            ec_outcome_result_name(cmd->result), took);
    case_free(c);
    sh->kase = NULL;
    return 0;
}

static int do_history(shell *sh)
{
    HIST_ENTRY **list = history_list();
    for (int i = 0; list && list[i]; i++)
        fprintf(sh->ctx.out, "%5d  %s\n", i + history_base, list[i]->line);
    return 0;
}

static int do_help(shell *sh, const char *name)
{
    if (name) {
        for (const shell_help *h = shell_commands; h->name; h++)
            if (strcmp(h->name, name) == 0) {
                say(sh, "%s", h->usage);
                printer_wrap(&sh->ctx, "  ", "  ", h->summary);
            }
        return 0;
    }
    say(sh, "Type what the customer said to search. Commands:");
    for (const shell_help *h = shell_commands; h->name; h++)
        fprintf(sh->ctx.out, "  %-9s %s\n", h->name, h->summary);
    say(sh, "Tab completes commands, filter values and ids; 'help COMMAND' shows its usage.");
    return 0;
}

int shell_run(shell *sh, const shell_command *cmd)
{
    switch (cmd->verb) {
    case SHELL_EMPTY: return 0;
    case SHELL_SEARCH: return do_search(sh, cmd->arg);
    case SHELL_OPEN: return do_open(sh, cmd);
    case SHELL_FILTER: return do_filter(sh, cmd);
    case SHELL_CASE: return do_case(sh, cmd);
    case SHELL_USE: return do_use(sh, cmd);
    case SHELL_NOTE: return do_note(sh, cmd);
    case SHELL_DONE: return do_done(sh, cmd);
    case SHELL_SIMILAR: return do_similar(sh, cmd);
    case SHELL_HISTORY: return do_history(sh);
    case SHELL_HELP: return do_help(sh, cmd->arg);
    case SHELL_QUIT: sh->quit = 1; return 0;
    case SHELL_ERROR: cli_error("%s", cmd->error); return 1;
    }
    return 1;
}

void shell_state_free(shell *sh)
{
    clear_filters(sh);
    ec_results_free(sh->last);
    sh->last = NULL;
    case_free(sh->kase);
    sh->kase = NULL;
}

void shell_prompt(const shell *sh, int color, char *buf, size_t size)
{
    ec_buf b = EC_BUF_INIT;
    ec_buf_puts(&b, "edgecase");
    if (sh->kase)
        ec_buf_printf(&b, " %scase %s%s", color ? "\001\033[33m\002" : "", sh->kase->ref,
                      color ? "\001\033[0m\002" : "");
    for (size_t i = 0; i < sh->n_filters; i++)
        ec_buf_printf(&b, " %s%s=%s%s", color ? "\001\033[36m\002" : "", sh->filters[i].field,
                      sh->filters[i].value, color ? "\001\033[0m\002" : "");
    ec_buf_puts(&b, "> ");
    snprintf(buf, size, "%s", b.data ? b.data : "edgecase> ");
    ec_buf_free(&b);
}
