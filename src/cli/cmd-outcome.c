#include "cli.h"
#include "commands.h"

int cmd_outcome(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("outcome: not built yet");
    return EXIT_PROBLEMS;
}
