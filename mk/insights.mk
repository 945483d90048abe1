# insights: unmet demand, weak paths, stale content (edgecase patterns) and
# the search-log import.
src_lib_libedgecase_a_SOURCES += src/lib/ec-insights.h src/lib/ec-insights.c
src_edgecase_SOURCES += src/cli/cmd-patterns.c src/cli/cmd-searches.c
