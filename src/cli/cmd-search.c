#include "cli.h"
#include "commands.h"
#include <stdio.h>

int cmd_search(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("search: not built yet");
    return EXIT_PROBLEMS;
}
