#include "cli.h"
#include "commands.h"

int cmd_shell(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("shell: not built yet");
    return EXIT_PROBLEMS;
}
