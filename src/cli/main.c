/* main.c: the edgecase program. Dispatches to one subcommand per source file. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "ec-search.h"

const cli_command cli_commands[] = {
    {"lint", cmd_lint, "PATH...", "check playbook, article and synonyms files"},
    {"index", cmd_index, "[--db DIR] [--wait] PATH...", "index playbooks and articles for search"},
    {"search", cmd_search,
     "[--db DIR] [--json] [--batch] [--limit N] [--filter FIELD=VALUE]... [--status S] [--facets] QUERY...",
     "find the resolution paths and articles for what the customer said"},
    {"shell", cmd_shell, "[--db DIR] [--agent NAME] [--channel C] [--limit N]",
     "the agent console: search, open, record the case"},
    {"outcome", cmd_outcome,
     "record --case REF --result resolved|escalated|unresolved [--path ID#PATH] [--fcr yes|no] "
     "[--heard yes|no] [--trust 1-5] [--handle-time SECONDS] [--agent A] [--channel C] "
     "[--note TEXT] [--closed-at TIME] [--db DIR]\n"
     "       edgecase outcome import [--db DIR] FILE|-",
     "record case outcomes from a CRM or a file"},
    {"stats", cmd_stats,
     "[--db DIR] [--since YYYY-MM-DD] [--until YYYY-MM-DD] "
     "[--by playbook|path|category|channel|agent|day|week|month] [--json]",
     "resolution, first-contact, heard and trust figures"},
    {"patterns", cmd_patterns,
     "[--db DIR] [--since D] [--until D] [--json] [--emit-drafts DIR]",
     "new exception patterns, weak paths and stale playbooks"},
    {"searches", cmd_searches, "import [--db DIR] FILE|-",
     "load a search log (QUERY<TAB>TIME lines) as unmet demand"},
    {"report", cmd_report,
     "--quarter YYYYQN [--db DIR] [--format text|json|html] [--json] [-o FILE] "
     "[--targets FILE] [--top N]",
     "the quarterly playbook update pack: figures against targets, trends, top paths"},
    {"scenarios", cmd_scenarios,
     "[--db DIR] [--category C] [--impact low|medium|high] [--difficulty easy|medium|hard] "
     "[--format md|json|html] [--json] [--limit N] [--verbatims N]",
     "trainer packs: role-play scenarios ranked by how often and how badly they happen"},
    {"help", cmd_help, "[COMMAND]", "show the commands, or one command's usage"},
    {"version", cmd_version, "", "show the version"},
    {NULL, NULL, NULL, NULL},
};

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("edgecase: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static const cli_command *find_command(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "edgecase %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    const cli_command *c = find_command(cmd);
    if (c)
        fprintf(stderr, "usage: edgecase %s %s\n", c->name, c->usage);
    return EXIT_USAGE;
}

char *cli_db_dir(const char *opt)
{
    const char *v;
    char *out = NULL;
    if (opt && *opt)
        return strdup(opt);
    if ((v = getenv("EDGECASE_DB")) && *v)
        return strdup(v);
    if ((v = getenv("XDG_DATA_HOME")) && *v) {
        size_t n = strlen(v) + sizeof "/edgecase";
        if ((out = malloc(n)))
            snprintf(out, n, "%s/edgecase", v);
        return out;
    }
    if ((v = getenv("HOME")) && *v) {
        size_t n = strlen(v) + sizeof "/.local/share/edgecase";
        if ((out = malloc(n)))
            snprintf(out, n, "%s/.local/share/edgecase", v);
        return out;
    }
    return NULL;
}

char *cli_filter_fields(void)
{
    ec_buf fields = EC_BUF_INIT;
    for (const char *const *f = ec_search_filter_fields(); *f; f++)
        ec_buf_printf(&fields, "%s%s", fields.len ? ", " : "", *f);
    return ec_buf_steal(&fields);
}

int cli_use_color(FILE *stream)
{
    const char *nc = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (nc && *nc)
        return 0;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fileno(stream));
}

static void print_commands(FILE *out)
{
    fputs("usage: edgecase COMMAND [ARGS...]\n\ncommands:\n", out);
    for (const cli_command *c = cli_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fputs("\n'edgecase help COMMAND' shows a command's usage; 'man edgecase' tells more.\n", out);
}

int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_commands(stdout);
        return EXIT_OK;
    }
    const cli_command *c = find_command(argv[1]);
    if (!c) {
        cli_error("no command '%s'; 'edgecase help' lists them", argv[1]);
        return EXIT_USAGE;
    }
    printf("usage: edgecase %s %s\n%s\n", c->name, c->usage, c->summary);
    return EXIT_OK;
}

int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    puts(PACKAGE_STRING);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        const cli_command *shell = find_command("shell");
        if (shell && isatty(STDIN_FILENO))
            return shell->run(argc, argv);
        print_commands(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return cmd_help(1, argv);
    if (strcmp(name, "--version") == 0)
        return cmd_version(1, argv);
    const cli_command *c = find_command(name);
    if (!c) {
        cli_error("unknown command '%s'; 'edgecase help' lists the commands", name);
        return EXIT_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}
