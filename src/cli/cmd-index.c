#include "cli.h"
#include "commands.h"
#include <stdio.h>

int cmd_index(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("index: not built yet");
    return EXIT_PROBLEMS;
}
