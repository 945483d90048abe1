# shell: engine sources, CLI sources and tests of this part.
src_edgecase_SOURCES += src/cli/cmd-shell.c
