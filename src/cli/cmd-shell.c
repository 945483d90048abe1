/* cmd-shell.c: edgecase shell: the agent console.
 *
 * On a terminal it is a readline console: history kept across sessions,
 * Ctrl-R, Tab completion, Ctrl-C abandoning the line (never the shell),
 * Ctrl-D leaving. From a pipe it reads one command per line with no prompt
 * or line editing, and ends each command's output with an empty line, so
 * the shell can be scripted and tested. Readline's callback interface is
 * used so SIGINT is handled outside the signal handler. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cli.h"
#include "commands.h"
#include "ec-redact.h"
#include "shell.h"

#define HISTORY_KEEP 2000

static volatile sig_atomic_t got_sigint, got_sigwinch;
static shell *the_shell;
static char *history_file;
static int failures;

static void on_signal(int sig)
{
    if (sig == SIGINT)
        got_sigint = 1;
    else
        got_sigwinch = 1;
}

/* "open ID" opens when ID is indexed (as a playbook or article id). */
static int is_indexed_id(void *ctx, const char *word)
{
    return strchr(word, '.') && shell_field_has(ctx, "id", word);
}

static void run_line(shell *sh, const char *line)
{
    shell_command cmd;
    shell_parse(line, is_indexed_id, sh, &cmd);
    if (shell_run(sh, &cmd) != 0)
        failures++;
    shell_command_free(&cmd);
    fflush(stdout);
}

/* $XDG_STATE_HOME/edgecase/history, else ~/.local/state/edgecase/history;
 * the directories are made (private: queries are about customers). Caller
 * frees; NULL when there is no home. */
static char *history_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char *dir;
    if (state && *state)
        dir = ec_strdup_printf("%s/edgecase", state);
    else if (home && *home)
        dir = ec_strdup_printf("%s/.local/state/edgecase", home);
    else
        return NULL;
    if (!dir)
        return NULL;
    ec_mkdir_p(dir, 0700, NULL); /* a failure shows when the file is opened */
    char *path = ec_strdup_printf("%s/history", dir);
    free(dir);
    if (path) {
        int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (fd < 0) {
            cli_error("history will not be kept: cannot write %s: %s", path, strerror(errno));
            free(path);
            return NULL;
        }
        close(fd);
    }
    return path;
}

static void set_prompt(shell *sh)
{
    char prompt[512];
    shell_prompt(sh, sh->ctx.color, prompt, sizeof prompt);
    rl_set_prompt(prompt);
}

/* Adds LINE to the history (and its file) once, redacted: the history file
 * is on disk, and no card number may be (PCI DSS). */
static void remember(const char *line)
{
    if (!*line)
        return;
    char *safe = ec_redact(line);
    if (!safe)
        return;
    HIST_ENTRY *prev = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (!prev || strcmp(prev->line, safe) != 0) {
        add_history(safe);
        if (history_file)
            append_history(1, history_file);
    }
    free(safe);
}

static void on_line(char *line)
{
    shell *sh = the_shell;
    if (!line) {
        /* Ctrl-D: end the prompt's line so the terminal's next prompt starts clean. */
        fputc('\n', stdout);
        sh->quit = 1;
        rl_callback_handler_remove();
        return;
    }
    shell_clean(line);
    remember(line);
    int cols = 0, rows = 0;
    rl_get_screen_size(&rows, &cols);
    printer_set_width(sh->out, cols);
    sh->ctx = *printer_get_ctx(sh->out);
    run_line(sh, line);
    free(line);
    if (sh->quit)
        rl_callback_handler_remove();
    else
        set_prompt(sh);
}

static int run_terminal(shell *sh)
{
    rl_readline_name = "edgecase";
    rl_catch_signals = 0; /* our handlers: Ctrl-C clears the line, see below */
    rl_catch_sigwinch = 0;
    shell_complete_install(sh);
    using_history();
    stifle_history(HISTORY_KEEP);
    history_file = history_path();
    if (history_file) {
        read_history(history_file);
        history_truncate_file(history_file, HISTORY_KEEP);
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGWINCH, &sa, NULL);

    fprintf(stdout, "edgecase: type what the customer said; 'help' lists the commands, Ctrl-D leaves\n");
    char prompt[512];
    shell_prompt(sh, sh->ctx.color, prompt, sizeof prompt);
    rl_callback_handler_install(prompt, on_line);
    while (!sh->quit) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fileno(rl_instream), &fds);
        int r = select(fileno(rl_instream) + 1, &fds, NULL, NULL, NULL);
        if (got_sigwinch) {
            got_sigwinch = 0;
            rl_resize_terminal();
        }
        if (got_sigint) {
            /* Abandon the line, keep the shell: a fresh, empty prompt. */
            got_sigint = 0;
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_replace_line("", 0);
            rl_crlf();
            set_prompt(sh);
            rl_on_new_line();
            rl_redisplay();
        }
        if (r < 0) {
            if (errno == EINTR)
                continue;
            cli_error("shell: cannot read the terminal: %s", strerror(errno));
            failures++;
            break;
        }
        if (FD_ISSET(fileno(rl_instream), &fds))
            rl_callback_read_char();
    }
    if (!sh->quit)
        rl_callback_handler_remove();
    shell_complete_install(NULL);
    clear_history();
    free(history_file);
    history_file = NULL;
    return 0;
}

static int run_pipe(shell *sh)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    using_history();
    while (!sh->quit && (len = getline(&line, &cap, stdin)) != -1) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        shell_clean(line);
        remember(line);
        run_line(sh, line);
        /* One block per command: an empty line ends it. */
        fputc('\n', stdout);
        fflush(stdout);
    }
    free(line);
    clear_history();
    return 0;
}

int cmd_shell(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},    {"agent", required_argument, NULL, 'a'},
        {"channel", required_argument, NULL, 'c'}, {"limit", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    long limit = 10;
    const char *db_opt = NULL, *agent = NULL, *channel = NULL;
    int c;
    optind = 1;
    while (argc > 0 && (c = getopt_long(argc, argv, "+d:a:c:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'a': agent = optarg; break;
        case 'c': channel = optarg; break;
        case 'n': {
            char *end;
            limit = strtol(optarg, &end, 10);
            if (*end || limit < 1 || limit > 100)
                return cli_usage_error("shell", "--limit takes a number from 1 to 100, not \"%s\"", optarg);
            break;
        }
        case 'h': return cmd_help(2, (char *[]){"help", "shell", NULL});
        default: return cli_usage_error("shell", "unknown option");
        }
    }
    if (argc > 0 && optind < argc)
        return cli_usage_error("shell", "unexpected \"%s\"; the shell reads what to search from its input",
                               argv[optind]);

    shell sh;
    memset(&sh, 0, sizeof sh);
    sh.dbdir = cli_db_dir(db_opt);
    if (!sh.dbdir) {
        cli_error("no database directory: set --db, $EDGECASE_DB or $HOME");
        return EXIT_USAGE;
    }
    char *err = NULL;
    ec_status st = ec_searcher_open(sh.dbdir, &sh.searcher, &err);
    if (st != EC_OK) {
        if (st == EC_ERR_NOT_FOUND)
            cli_error("nothing is indexed in %s yet; run 'edgecase index --db %s PLAYBOOK-DIR' first",
                      sh.dbdir, sh.dbdir);
        else
            cli_error("cannot open the index in %s: %s", sh.dbdir, err ? err : ec_status_to_string(st));
        free(err);
        free(sh.dbdir);
        return EXIT_PROBLEMS;
    }
    const char *env_agent = getenv("EDGECASE_AGENT");
    if (!agent)
        agent = env_agent && *env_agent ? env_agent : getenv("USER");
    sh.agent = ec_strdup(agent);
    sh.channel = ec_strdup(channel);
    sh.limit = (size_t)limit;
    sh.interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    sh.out = printer_new(PRINTER_TEXT, stdout, sh.interactive && cli_use_color(stdout));
    if (!sh.out) {
        cli_error("out of memory");
        ec_searcher_close(sh.searcher);
        free(sh.dbdir);
        return EXIT_PROBLEMS;
    }
    sh.ctx = *printer_get_ctx(sh.out);
    the_shell = &sh;

    int rc = sh.interactive ? run_terminal(&sh) : run_pipe(&sh);
    if (rc == 0 && failures && !sh.interactive)
        rc = EXIT_PROBLEMS;
    if (sh.kase)
        cli_error("case %s was left open and not recorded", sh.kase->ref);

    shell_state_free(&sh);
    printer_free(sh.out);
    ec_store_close(sh.store);
    ec_searcher_close(sh.searcher);
    free(sh.agent);
    free(sh.channel);
    free(sh.dbdir);
    the_shell = NULL;
    return rc;
}
