/* shell-parse.c: one line of the agent shell -> a command or a search.
 *
 * Agents type what the customer said, and customers say "open", "use",
 * "help" and "quit" too ("help me, I was charged twice", "quit my
 * subscription"). So a command word only makes a command when the rest of the
 * line fits that command's grammar; otherwise the whole line is a search.
 * Where an agent clearly meant the command but got it wrong ("done reslved"),
 * the answer is an error that says what to type, not a surprising search. */
#define _POSIX_C_SOURCE 200809L
#include "shell.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const shell_help shell_commands[] = {
    {"open", "open N | open ID", "show result N (or a playbook or article by id): what to say first, the steps, when to escalate"},
    {"similar", "similar N", "playbooks and articles like result N"},
    {"filter", "filter [FIELD=VALUE...]", "keep only results with these values (channel, category, ...); 'filter' alone clears"},
    {"case", "case [REF]", "start a case (the CRM's reference, or a new one); the handle-time clock starts"},
    {"use", "use N", "mark result N as the path you are following in this case"},
    {"note", "note TEXT", "add a note to the case"},
    {"done", "done resolved|escalated|unresolved [fcr=yes|no] [heard=yes|no] [trust=1-5] [NOTE...]",
     "close the case and record how it ended"},
    {"search", "search TEXT", "search for TEXT even when it starts with a command word"},
    {"history", "history", "show the lines typed before"},
    {"help", "help [COMMAND]", "show the commands, or how to use one"},
    {"quit", "quit", "leave the shell (Ctrl-D does the same)"},
    {NULL, NULL, NULL},
};

static const char *usage_of(const char *name)
{
    for (const shell_help *h = shell_commands; h->name; h++)
        if (strcmp(h->name, name) == 0)
            return h->usage;
    return "";
}

static void set_error(shell_command *cmd, const char *name, const char *why)
{
    cmd->verb = SHELL_ERROR;
    snprintf(cmd->error, sizeof cmd->error, "%s: %s; usage: %s", name, why, usage_of(name));
}

/* A result number: 1 to 999, digits only. Returns 0 when WORD is not one. */
static long result_number(const char *word)
{
    size_t n = strlen(word);
    if (n == 0 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)word[i]))
            return 0;
    return strtol(word, NULL, 10);
}

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* yes|no -> 1|0, else -1. */
static int yes_no(const char *v)
{
    if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "y") == 0)
        return 1;
    if (strcasecmp(v, "no") == 0 || strcasecmp(v, "n") == 0)
        return 0;
    return -1;
}

/* 1 when WORD looks like a mistyped outcome word: same first letter and a
 * length close to one, so "reslved" and "escalate" are caught while "with"
 * in "done with you people" is a search. */
static int near_result_word(const char *word)
{
    static const char *const words[] = {"resolved", "escalated", "unresolved"};
    size_t n = strlen(word);
    for (size_t i = 0; i < 3; i++) {
        size_t m = strlen(words[i]);
        if (tolower((unsigned char)word[0]) == words[i][0] && n + 3 >= m && n <= m + 2)
            return 1;
    }
    return 0;
}

/* Parses the options of DONE from words W[1..N-1]; the first word that is not
 * KEY=VALUE starts the note, kept from REST (its place in the raw line). */
static void parse_done(shell_command *cmd, char **w, size_t n, char *const *rest)
{
    cmd->result = ec_outcome_result_parse(w[0]);
    for (size_t i = 1; i < n; i++) {
        char *eq = strchr(w[i], '=');
        if (!eq) {
            cmd->arg = rest[i];
            return;
        }
        *eq = '\0';
        const char *key = w[i], *val = eq + 1;
        if (strcasecmp(key, "fcr") == 0 || strcasecmp(key, "heard") == 0) {
            int yn = yes_no(val);
            if (yn < 0) {
                char why[96];
                snprintf(why, sizeof why, "%.16s= takes yes or no, not \"%.32s\"", key, val);
                set_error(cmd, "done", why);
                return;
            }
            if (strcasecmp(key, "fcr") == 0)
                cmd->fcr = yn;
            else
                cmd->heard = yn;
        } else if (strcasecmp(key, "trust") == 0) {
            long t = result_number(val);
            if (t < 1 || t > 5) {
                char why[96];
                snprintf(why, sizeof why, "trust= takes 1 to 5, not \"%.32s\"", val);
                set_error(cmd, "done", why);
                return;
            }
            cmd->trust = (int)t;
        } else {
            /* "note: a=b" style text: the note starts here. */
            *eq = '=';
            cmd->arg = rest[i];
            return;
        }
    }
}

/* Length of the valid UTF-8 sequence at S, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (n == 0)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    /* Overlong 3- and 4-byte forms, surrogates and code points past U+10FFFF. */
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

/* Control characters become spaces and bytes that are not UTF-8 become '?',
 * in place: whatever was pasted into the shell, what it echoes back cannot
 * move the agent's cursor or garble the terminal. */
void shell_clean(char *text)
{
    unsigned char *s = (unsigned char *)text;
    while (*s) {
        if (*s < 0x20 || *s == 0x7F) {
            *s++ = ' ';
            continue;
        }
        size_t n = utf8_len(s);
        if (n == 0) {
            *s++ = '?';
            continue;
        }
        /* C1 controls (U+0080-U+009F) act like escapes on some terminals. */
        if (n == 2 && s[0] == 0xC2 && s[1] < 0xA0) {
            s[0] = s[1] = ' ';
        }
        s += n;
    }
}

void shell_parse(const char *line, int (*is_id)(void *ctx, const char *word), void *ctx,
                 shell_command *cmd)
{
    memset(cmd, 0, sizeof *cmd);
    cmd->fcr = cmd->heard = -1;
    cmd->verb = SHELL_EMPTY;
    if (!line)
        return;
    while (*line && isspace((unsigned char)*line))
        line++;
    size_t len = strlen(line);
    while (len > 0 && isspace((unsigned char)line[len - 1]))
        len--;
    if (len == 0)
        return;

    /* Two copies: the search text as typed, and one cut into words. */
    cmd->buf_ = malloc(2 * len + 2);
    if (!cmd->buf_) {
        cmd->verb = SHELL_ERROR;
        snprintf(cmd->error, sizeof cmd->error, "out of memory");
        return;
    }
    char *text = cmd->buf_;
    memcpy(text, line, len);
    text[len] = '\0';
    shell_clean(text);
    while (len > 0 && text[len - 1] == ' ') /* controls at the end became spaces */
        text[--len] = '\0';
    char *words = text + len + 1;
    memcpy(words, text, len + 1);

    /* W[i] is the i-th word, REST[i] the text from it to the end. */
    char *w[SHELL_MAX_ARGS + 1], *rest[SHELL_MAX_ARGS + 1];
    size_t n = 0;
    char *p = words;
    while (*p && n <= SHELL_MAX_ARGS) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        w[n] = p;
        rest[n] = text + (p - words);
        n++;
        while (*p && !isspace((unsigned char)*p))
            p++;
        if (*p)
            *p++ = '\0';
    }
    int more = *p != '\0'; /* words beyond SHELL_MAX_ARGS + 1 */
    if (n == 0) /* nothing but control characters */
        return;

    cmd->verb = SHELL_SEARCH;
    cmd->arg = text;
    const char *verb = w[0];
    size_t nargs = n - 1;

    if (strcasecmp(verb, "search") == 0) {
        if (nargs == 0)
            set_error(cmd, "search", "say what the customer said");
        else
            cmd->arg = rest[1];
    } else if (strcasecmp(verb, "open") == 0 || strcasecmp(verb, "use") == 0 ||
               strcasecmp(verb, "similar") == 0) {
        shell_verb v = tolower((unsigned char)verb[0]) == 'o'   ? SHELL_OPEN
                       : tolower((unsigned char)verb[0]) == 'u' ? SHELL_USE
                                                                : SHELL_SIMILAR;
        const char *name = v == SHELL_OPEN ? "open" : v == SHELL_USE ? "use" : "similar";
        if (nargs == 0) {
            set_error(cmd, name, "say which result, by its number");
        } else if (nargs == 1 && !more) {
            long num = result_number(w[1]);
            if (num > 0) {
                cmd->verb = v;
                cmd->number = num;
                cmd->arg = NULL;
            } else if (v == SHELL_OPEN && is_id && is_id(ctx, w[1])) {
                cmd->verb = v;
                cmd->arg = rest[1];
            }
        }
    } else if (strcasecmp(verb, "filter") == 0) {
        size_t with_eq = 0;
        for (size_t i = 1; i < n; i++)
            if (strchr(w[i], '='))
                with_eq++;
        if (nargs == 0) {
            cmd->verb = SHELL_FILTER;
            cmd->arg = NULL;
        } else if (more) {
            if (with_eq)
                set_error(cmd, "filter", "too many filters");
        } else if (with_eq == nargs) {
            cmd->verb = SHELL_FILTER;
            cmd->arg = NULL;
            for (size_t i = 1; i < n; i++) {
                char *eq = strchr(w[i], '=');
                if (eq == w[i] || !eq[1]) {
                    set_error(cmd, "filter", "each filter is FIELD=VALUE, e.g. channel=voice");
                    return;
                }
                cmd->args[cmd->n_args++] = w[i];
            }
        } else if (with_eq) {
            set_error(cmd, "filter", "each filter is FIELD=VALUE, e.g. channel=voice");
        }
    } else if (strcasecmp(verb, "case") == 0) {
        if (nargs == 0) {
            cmd->verb = SHELL_CASE;
            cmd->arg = NULL;
        } else if (nargs == 1 && !more && strlen(w[1]) <= 64) {
            cmd->verb = SHELL_CASE;
            cmd->arg = rest[1];
        }
    } else if (strcasecmp(verb, "note") == 0) {
        if (nargs == 0)
            set_error(cmd, "note", "say what to note");
        else {
            cmd->verb = SHELL_NOTE;
            cmd->arg = rest[1];
        }
    } else if (strcasecmp(verb, "done") == 0) {
        if (nargs == 0) {
            set_error(cmd, "done", "say how the case ended");
        } else if ((lower(w[1]), ec_outcome_result_parse(w[1]) != EC_RESULT_NONE)) {
            cmd->verb = SHELL_DONE;
            cmd->arg = NULL;
            parse_done(cmd, w + 1, n - 1, rest + 1);
        } else if (nargs == 1 || strchr(rest[2], '=') || near_result_word(w[1])) {
            char why[96];
            snprintf(why, sizeof why, "the case ended resolved, escalated or unresolved, not \"%.32s\"",
                     w[1]);
            set_error(cmd, "done", why);
        }
    } else if (strcasecmp(verb, "history") == 0) {
        if (nargs == 0) {
            cmd->verb = SHELL_HISTORY;
            cmd->arg = NULL;
        }
    } else if (strcasecmp(verb, "help") == 0 || strcmp(verb, "?") == 0) {
        if (nargs == 0) {
            cmd->verb = SHELL_HELP;
            cmd->arg = NULL;
        } else if (nargs == 1) {
            for (const shell_help *h = shell_commands; h->name; h++)
                if (strcasecmp(h->name, w[1]) == 0) {
                    cmd->verb = SHELL_HELP;
                    cmd->arg = (char *)h->name;
                }
        }
    } else if (strcasecmp(verb, "quit") == 0 || strcasecmp(verb, "exit") == 0) {
        if (nargs == 0) {
            cmd->verb = SHELL_QUIT;
            cmd->arg = NULL;
        }
    }
}

void shell_command_free(shell_command *cmd)
{
    free(cmd->buf_);
    cmd->buf_ = NULL;
}
