/* cli.h: what every edgecase subcommand shares.
 *
 * Each subcommand lives in its own cmd-NAME.c and is listed once in the command
 * table in main.c. Exit codes: 0 success, 1 problems found or an operation
 * failed, 2 usage error. */
#ifndef EC_CLI_H
#define EC_CLI_H

#include <stdio.h>

enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

typedef int (*cli_command_fn)(int argc, char **argv);

typedef struct cli_command {
    const char *name;
    cli_command_fn run;
    const char *usage;   /* arguments after the command name */
    const char *summary; /* one line for 'edgecase help' */
} cli_command;

/* The command table (main.c); ends with a {NULL} entry. */
extern const cli_command cli_commands[];

/* Prints "edgecase: MESSAGE" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "edgecase CMD: MESSAGE" and the command's usage line to stderr, and
 * returns EXIT_USAGE so a command can 'return cli_usage_error(...)'. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The database directory: OPT if given, else $EDGECASE_DB, else
 * $XDG_DATA_HOME/edgecase, else ~/.local/share/edgecase. Returns a malloc'd
 * string the caller frees, or NULL when no home directory can be found. */
char *cli_db_dir(const char *opt);

/* The filterable fields as "category, channel, ...", for error messages.
 * Returns a malloc'd string the caller frees (NULL on OOM). */
char *cli_filter_fields(void);

/* 1 when colour may be used on STREAM: it is a terminal and NO_COLOR is unset
 * or empty, and TERM is not "dumb". */
int cli_use_color(FILE *stream);

#endif
