/* commands.h: every subcommand's entry point, one per cmd-NAME.c.
 * Each takes argv with argv[0] the command name and returns an exit code. */
#ifndef EC_COMMANDS_H
#define EC_COMMANDS_H

int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_shell(int argc, char **argv);
int cmd_outcome(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_patterns(int argc, char **argv);
int cmd_searches(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_scenarios(int argc, char **argv);

#endif
