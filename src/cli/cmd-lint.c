#include "cli.h"
#include "commands.h"
#include <stdio.h>

int cmd_lint(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("lint: not built yet");
    return EXIT_PROBLEMS;
}
