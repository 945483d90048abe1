#include "cli.h"
#include "commands.h"

int cmd_stats(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("stats: not built yet");
    return EXIT_PROBLEMS;
}
