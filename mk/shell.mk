# shell: the agent console (readline), its views and its tests.
src_edgecase_SOURCES += src/cli/cmd-shell.c src/cli/shell.h src/cli/shell-parse.c \
	src/cli/shell-commands.c src/cli/shell-complete.c \
	src/cli/playbook-view.h src/cli/playbook-view.c
src_edgecase_CPPFLAGS += $(READLINE_CFLAGS)

# The line parser on its own: every verb, and what stays a search.
check_PROGRAMS += tests/unit/test-shell-parse
TESTS += tests/unit/test-shell-parse
tests_unit_test_shell_parse_SOURCES = tests/unit/test-shell-parse.c tests/unit/test.h \
	src/cli/shell.h src/cli/shell-parse.c
tests_unit_test_shell_parse_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
tests_unit_test_shell_parse_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_unit_test_shell_parse_SOURCES = dummy.cxx

# The shell from a pipe (exact output) and under hostile input.
TESTS += tests/cli/030-shell-pipe.sh tests/cli/031-shell-hostile.sh
EXTRA_DIST += tests/cli/030-shell-pipe.sh tests/cli/031-shell-hostile.sh \
	tests/cli/shell/session.in tests/cli/shell/session.out

# The shell on a pseudo-terminal: completion, history, Ctrl-C, Ctrl-D, banner.
TESTS += tests/pty/010-shell-terminal.py
EXTRA_DIST += tests/pty/010-shell-terminal.py tests/pty/ptyshell.py

# edgecase index on a pseudo-terminal: its progress lines.
TESTS += tests/pty/011-index-progress.py
EXTRA_DIST += tests/pty/011-index-progress.py

# Bash completion for the edgecase command line.
bashcompletiondir = $(datadir)/bash-completion/completions
dist_bashcompletion_DATA = completions/edgecase
TESTS += tests/cli/032-bash-completion.sh
EXTRA_DIST += tests/cli/032-bash-completion.sh
