# outcomes: engine sources, CLI sources and tests of this part.
src_edgecase_SOURCES += src/cli/cmd-outcome.c src/cli/cmd-stats.c
