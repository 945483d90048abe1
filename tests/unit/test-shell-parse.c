/* test-shell-parse.c: one shell line -> a command or a search. Customers
 * say command words too, so most checks are about what stays a search. */
#include <stdlib.h>
#include <string.h>

#include "shell.h"
#include "test.h"

static int known_id(void *ctx, const char *word)
{
    (void)ctx;
    return strcmp(word, "billing.double-charge") == 0;
}

static shell_command cmd;

static shell_verb parse(const char *line)
{
    shell_command_free(&cmd);
    shell_parse(line, known_id, NULL, &cmd);
    return cmd.verb;
}

int main(void)
{
    CHECK(parse(NULL) == SHELL_EMPTY);
    CHECK(parse("") == SHELL_EMPTY);
    CHECK(parse("   \t ") == SHELL_EMPTY);
    CHECK(parse("\x01\x02\x1b") == SHELL_EMPTY);

    /* Searches, including ones that start with a command word. */
    CHECK(parse("  I was charged twice  ") == SHELL_SEARCH);
    CHECK_STR(cmd.arg, "I was charged twice");
    CHECK(parse("help me, I was charged twice") == SHELL_SEARCH);
    CHECK_STR(cmd.arg, "help me, I was charged twice");
    CHECK(parse("quit my subscription") == SHELL_SEARCH);
    CHECK(parse("open my account please") == SHELL_SEARCH);
    CHECK(parse("use my points") == SHELL_SEARCH);
    CHECK(parse("similar problem last week") == SHELL_SEARCH);
    CHECK(parse("history of my payments") == SHELL_SEARCH);
    CHECK(parse("filter my emails") == SHELL_SEARCH);
    CHECK(parse("case was closed without asking") == SHELL_SEARCH);
    CHECK(parse("done with you people") == SHELL_SEARCH);
    CHECK(parse("search help") == SHELL_SEARCH);
    CHECK_STR(cmd.arg, "help");
    CHECK(parse("search") == SHELL_ERROR);
    CHECK(parse("open 1234") == SHELL_SEARCH); /* not a result number */

    /* Commands. */
    CHECK(parse("open 2") == SHELL_OPEN && cmd.number == 2 && cmd.arg == NULL);
    CHECK(parse("OPEN 3") == SHELL_OPEN && cmd.number == 3);
    CHECK(parse("open billing.double-charge") == SHELL_OPEN && cmd.number == 0);
    CHECK_STR(cmd.arg, "billing.double-charge");
    CHECK(parse("open billing.unknown") == SHELL_SEARCH);
    CHECK(parse("open") == SHELL_ERROR);
    CHECK(strstr(cmd.error, "usage: open N") != NULL);
    CHECK(parse("use 1") == SHELL_USE && cmd.number == 1);
    CHECK(parse("similar 10") == SHELL_SIMILAR && cmd.number == 10);
    CHECK(parse("filter") == SHELL_FILTER && cmd.n_args == 0);
    CHECK(parse("filter channel=voice category=billing") == SHELL_FILTER && cmd.n_args == 2);
    CHECK_STR(cmd.args[0], "channel=voice");
    CHECK_STR(cmd.args[1], "category=billing");
    CHECK(parse("filter channel=voice billing") == SHELL_ERROR);
    CHECK(parse("filter channel=") == SHELL_ERROR);
    CHECK(parse("filter =voice") == SHELL_ERROR);
    CHECK(parse("case") == SHELL_CASE && cmd.arg == NULL);
    CHECK(parse("case CR-1234567") == SHELL_CASE);
    CHECK_STR(cmd.arg, "CR-1234567");
    CHECK(parse("note customer says lawyer") == SHELL_NOTE);
    CHECK_STR(cmd.arg, "customer says lawyer");
    CHECK(parse("note") == SHELL_ERROR);
    CHECK(parse("history") == SHELL_HISTORY);
    CHECK(parse("help") == SHELL_HELP && cmd.arg == NULL);
    CHECK(parse("help done") == SHELL_HELP);
    CHECK_STR(cmd.arg, "done");
    CHECK(parse("?") == SHELL_HELP);
    CHECK(parse("quit") == SHELL_QUIT);
    CHECK(parse("exit") == SHELL_QUIT);

    /* done: the outcome, its options, and the note after them. */
    CHECK(parse("done resolved") == SHELL_DONE && cmd.result == EC_RESULT_RESOLVED &&
          cmd.fcr == -1 && cmd.heard == -1 && cmd.trust == 0 && cmd.arg == NULL);
    CHECK(parse("done escalated fcr=no heard=yes trust=2 customer wants a manager") == SHELL_DONE);
    CHECK(cmd.result == EC_RESULT_ESCALATED && cmd.fcr == 0 && cmd.heard == 1 && cmd.trust == 2);
    CHECK_STR(cmd.arg, "customer wants a manager");
    CHECK(parse("done Unresolved note: ratio=3") == SHELL_DONE && cmd.result == EC_RESULT_UNRESOLVED);
    CHECK_STR(cmd.arg, "note: ratio=3");
    CHECK(parse("done resolved reason=refund") == SHELL_DONE);
    CHECK_STR(cmd.arg, "reason=refund");
    CHECK(parse("done resolved trust=9") == SHELL_ERROR);
    CHECK(strstr(cmd.error, "trust= takes 1 to 5") != NULL);
    CHECK(parse("done resolved fcr=maybe") == SHELL_ERROR);
    CHECK(parse("done") == SHELL_ERROR);
    CHECK(parse("done reslved") == SHELL_ERROR);
    CHECK(parse("done escalate fcr=no") == SHELL_ERROR);

    /* Cleaning: control characters and bad UTF-8 never survive. */
    CHECK(parse("refund\x1b[31m not \xff arrived\x07") == SHELL_SEARCH);
    CHECK_STR(cmd.arg, "refund [31m not ? arrived");
    CHECK(parse("caf\xc3\xa9 \xe2\x82\xac" "5 \xc2\x9b") == SHELL_SEARCH);
    CHECK_STR(cmd.arg, "caf\xc3\xa9 \xe2\x82\xac" "5");
    CHECK(parse("\xed\xa0\x80 x") == SHELL_SEARCH); /* a UTF-16 surrogate */
    CHECK_STR(cmd.arg, "??? x");

    /* Many words: only the first few matter to the grammar. */
    char *big = malloc(1 << 20);
    for (size_t i = 0; i + 5 < (1 << 20); i += 5)
        memcpy(big + i, "open ", 5);
    big[(1 << 20) - 5] = '\0';
    CHECK(parse(big) == SHELL_SEARCH);
    free(big);

    shell_command_free(&cmd);
    return test_done();
}
