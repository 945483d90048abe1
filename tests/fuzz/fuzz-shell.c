/* fuzz-shell.c: arbitrary bytes as one line typed into the agent shell,
 * through shell_parse (the shell's own line parser, src/cli/shell-parse.c).
 * Whatever the bytes: a verb, a search text that is cleaned (no control
 * characters, valid UTF-8) and non-empty, result numbers in range, and an
 * error sentence for every refusal.
 *
 * fuzz-seeds: lines tests/relevance/queries.tsv tests/cli/shell/session.in
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "shell-parse.c"

static int is_id(void *ctx, const char *word)
{
    (void)ctx;
    return strcmp(word, "billing.double-charge") == 0;
}

static int clean_utf8(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p < 0x20 || *p == 0x7F)
            return 0;
        size_t n = utf8_len(p);
        if (n == 0)
            return 0;
        p += n;
    }
    return 1;
}

FUZZ_TARGET(shell)
{
    char *line = malloc(size + 1);
    if (!line)
        return 0;
    memcpy(line, data, size);
    line[size] = '\0'; /* the shell reads lines as C strings: a NUL ends one */
    shell_command cmd;
    shell_parse(line, is_id, NULL, &cmd);
    switch (cmd.verb) {
    case SHELL_SEARCH:
    case SHELL_NOTE:
        if (!cmd.arg || !*cmd.arg || !clean_utf8(cmd.arg))
            abort();
        break;
    case SHELL_OPEN:
    case SHELL_USE:
    case SHELL_SIMILAR:
        if (!cmd.arg && (cmd.number < 1 || cmd.number > 999))
            abort();
        break;
    case SHELL_ERROR:
        if (!cmd.error[0])
            abort();
        break;
    case SHELL_DONE:
        if (cmd.result == EC_RESULT_NONE || cmd.trust < 0 || cmd.trust > 5)
            abort();
        break;
    case SHELL_FILTER:
        for (size_t i = 0; i < cmd.n_args; i++)
            if (!strchr(cmd.args[i], '='))
                abort();
        break;
    default:
        break;
    }
    shell_command_free(&cmd);
    free(line);
    return 0;
}
