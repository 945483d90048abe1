# insights: unmet demand, weak paths, stale content (edgecase patterns) and
# the search-log import.
src_lib_libedgecase_a_SOURCES += src/lib/ec-insights.h src/lib/ec-insights.c
src_edgecase_SOURCES += src/cli/cmd-patterns.c src/cli/cmd-searches.c

# The synthetic history (tests/insights/history.py) drives 080's exact checks;
# perf.sh times Banking77 (skips without ../shared/data).
INSIGHTS_CLI_TESTS = tests/cli/080-patterns.sh tests/cli/081-searches-import.sh \
	tests/insights/perf.sh
TESTS += $(INSIGHTS_CLI_TESTS)
EXTRA_DIST += $(INSIGHTS_CLI_TESTS) tests/insights/history.py
