/* shell-complete.c: Tab in the agent shell.
 *
 * The first word completes to a command; after `filter`, a field and then its
 * values as indexed (so an agent never guesses "telephone" for "voice");
 * after `open`, playbook and article ids; after `done`, the outcome words and
 * then fcr=, heard=, trust=; after `help`, a command. Anything else is what
 * the customer said, where completing would only get in the way. */
#define _POSIX_C_SOURCE 200809L
#include "shell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

static shell *complete_shell;
static ec_strv candidates;
static size_t next_candidate;

static char *generator(const char *text, int state)
{
    (void)text;
    if (state == 0)
        next_candidate = 0;
    if (next_candidate < candidates.n)
        return strdup(candidates.items[next_candidate++]);
    return NULL;
}

static void add_if_prefix(const char *text, const char *word)
{
    if (strncmp(word, text, strlen(text)) == 0)
        ec_strv_push(&candidates, word);
}

static void add_field_values(const char *text)
{
    const char *eq = strchr(text, '=');
    if (!eq) {
        /* "cha" -> "channel=": the value comes next, so no space after it. */
        for (const char *const *f = ec_search_filter_fields(); *f; f++) {
            char with_eq[64];
            snprintf(with_eq, sizeof with_eq, "%s=", *f);
            add_if_prefix(text, with_eq);
        }
        rl_completion_append_character = '\0';
        return;
    }
    char field[64];
    snprintf(field, sizeof field, "%.*s", (int)(eq - text), text);
    ec_strv values = {0};
    if (ec_searcher_field_values(complete_shell->searcher, field, eq + 1, &values, NULL) == EC_OK)
        for (size_t i = 0; i < values.n; i++) {
            char *c = ec_strdup_printf("%s=%s", field, values.items[i]);
            if (c)
                ec_strv_push_owned(&candidates, c);
        }
    ec_strv_free(&values);
}

static void add_done_words(const char *text, int word_no)
{
    static const char *const results[] = {"resolved", "escalated", "unresolved", NULL};
    static const char *const options[] = {"fcr=yes", "fcr=no", "heard=yes", "heard=no", "trust=1",
                                          "trust=2", "trust=3", "trust=4",  "trust=5",  NULL};
    for (const char *const *w = word_no == 1 ? results : options; *w; w++)
        add_if_prefix(text, *w);
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    rl_attempted_completion_over = 1; /* never fall back to file names */
    ec_strv_free(&candidates);

    /* Which word is being completed, and the command word before it. */
    const char *line = rl_line_buffer;
    int word_no = 0, in_word = 0;
    char verb[16] = "";
    for (int i = 0; i < start; i++) {
        int space = line[i] == ' ' || line[i] == '\t';
        if (!space && !in_word) {
            if (word_no == 0)
                sscanf(line + i, "%15s", verb);
            word_no++;
        }
        in_word = !space;
    }

    if (word_no == 0) {
        for (const shell_help *h = shell_commands; h->name; h++)
            add_if_prefix(text, h->name);
    } else if (strcmp(verb, "filter") == 0) {
        add_field_values(text);
    } else if (strcmp(verb, "open") == 0 && word_no == 1) {
        ec_searcher_field_values(complete_shell->searcher, "id", text, &candidates, NULL);
    } else if (strcmp(verb, "done") == 0) {
        add_done_words(text, word_no);
    } else if (strcmp(verb, "help") == 0 && word_no == 1) {
        for (const shell_help *h = shell_commands; h->name; h++)
            add_if_prefix(text, h->name);
    }
    if (candidates.n == 0)
        return NULL;
    return rl_completion_matches(text, generator);
}

void shell_complete_install(shell *sh)
{
    ec_strv_free(&candidates);
    complete_shell = sh;
    if (!sh)
        return;
    rl_attempted_completion_function = complete;
    /* '=' stays inside a word so "channel=vo" completes as one. */
    rl_completer_word_break_characters = " \t\n";
}
