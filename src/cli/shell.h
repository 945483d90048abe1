/* shell.h: the agent shell (`edgecase shell`).
 *
 * A line is either one of the shell's commands or, when it is not, what the
 * customer said, searched at once. shell-parse.c decides which (a pure
 * function, so it can be unit-tested and fuzzed), shell-commands.c runs it,
 * shell-complete.c completes it, cmd-shell.c owns the terminal or the pipe. */
#ifndef EC_SHELL_H
#define EC_SHELL_H

#include <stddef.h>
#include <time.h>

#include "ec-outcomes.h"
#include "ec-search.h"
#include "printer.h"

/* What a line asks for. */
typedef enum shell_verb {
    SHELL_EMPTY,   /* blank line: nothing to do */
    SHELL_SEARCH,  /* arg: the query */
    SHELL_OPEN,    /* number, or arg: a playbook or article id */
    SHELL_FILTER,  /* args: FIELD=VALUE...; none clears */
    SHELL_CASE,    /* arg: the case reference, or NULL for a new one */
    SHELL_USE,     /* number */
    SHELL_NOTE,    /* arg: the note */
    SHELL_DONE,    /* result, fcr, heard, trust, arg: the note or NULL */
    SHELL_SIMILAR, /* number */
    SHELL_HISTORY,
    SHELL_HELP,    /* arg: a command name or NULL */
    SHELL_QUIT,
    SHELL_ERROR    /* error: why the command cannot be run, with its usage */
} shell_verb;

#define SHELL_MAX_ARGS 16

/* A parsed line. Strings point into a copy owned by the command; free with
 * shell_command_free(). */
typedef struct shell_command {
    shell_verb verb;
    char *arg;                   /* see shell_verb */
    char *args[SHELL_MAX_ARGS];  /* FILTER: FIELD=VALUE words */
    size_t n_args;
    long number;                 /* OPEN/USE/SIMILAR: 1-based result number, 0 if none */
    ec_outcome_result result;    /* DONE */
    int fcr, heard;              /* DONE: -1 unknown, 0 no, 1 yes */
    int trust;                   /* DONE: 1-5, 0 unknown */
    char error[256];             /* ERROR: a sentence saying what to type instead */
    char *buf_;                  /* the owned copy */
} shell_command;

/* Parses LINE into *CMD (always initialised; free with shell_command_free
 * even on SHELL_ERROR). Never fails otherwise: a line that is not a command
 * is a search. IS_ID (may be NULL) tells whether a word is an indexed id, so
 * "open billing.double-charge" opens while "open my account" searches. */
void shell_parse(const char *line, int (*is_id)(void *ctx, const char *word), void *ctx,
                 shell_command *cmd);
void shell_command_free(shell_command *cmd);

/* In place: control characters become spaces and bytes that are not UTF-8
 * become '?', so nothing typed or pasted can reach the terminal raw when it
 * is echoed (results, errors, history). */
void shell_clean(char *text);

/* The shell's commands for help and completion, NULL-terminated. */
typedef struct shell_help {
    const char *name;
    const char *usage;
    const char *summary;
} shell_help;
extern const shell_help shell_commands[];

/* The open case: what `done` turns into an outcome. */
typedef struct shell_case {
    char *ref;
    struct timespec started; /* CLOCK_MONOTONIC, for the handle time */
    char *playbook_id;       /* the path marked with `use`, or NULL */
    char *path_id;
    char *notes;             /* `note` lines joined by newlines, or NULL */
} shell_case;

typedef struct shell {
    char *dbdir;
    ec_searcher *searcher;
    ec_store *store;         /* opened at the first record or search log; NULL until then */
    int store_failed;        /* 1 once opening failed: said once, not at every search */
    printer *out;
    printer_ctx ctx;         /* for views: stdout, colour, width */
    int interactive;         /* a terminal: prompts, colour, readline */
    char *agent, *channel;   /* recorded with each search and outcome */
    size_t limit;            /* results a search shows */
    ec_filter filters[SHELL_MAX_ARGS];
    char *filter_words[SHELL_MAX_ARGS];
    size_t n_filters;
    ec_results *last;        /* the numbered results of the last search, or NULL */
    long long last_search_id; /* its row in the search log, 0 when not logged */
    shell_case *kase;        /* the open case, or NULL */
    int quit;
} shell;

/* Runs CMD. Output goes to SH->ctx.out, errors to stderr in the form
 * "edgecase: ...". Returns 0 when the command did what was asked, 1 if not. */
int shell_run(shell *sh, const shell_command *cmd);

/* 1 when some indexed playbook or article has FIELD=VALUE exactly. */
int shell_field_has(const shell *sh, const char *field, const char *value);

/* Frees what the shell state owns (not the searcher, store or printer). */
void shell_state_free(shell *sh);

/* readline completion (shell-complete.c): installs the completer for SH;
 * NULL uninstalls it and frees what it kept. */
void shell_complete_install(shell *sh);

/* The prompt for SH's state ("edgecase> ", with the case and filters), into
 * BUF. Colour codes are wrapped for readline when COLOR. */
void shell_prompt(const shell *sh, int color, char *buf, size_t size);

#endif
