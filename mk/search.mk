# search: engine sources, CLI sources and tests of this part.
src_lib_libedgecase_a_SOURCES += \
	src/lib/ec-layout.h src/lib/ec-layout.c \
	src/lib/ec-model-json.h src/lib/ec-model-json.c \
	src/lib/ec-index.h src/lib/ec-index.c \
	src/lib/ec-search.h src/lib/ec-search.c
src_edgecase_SOURCES += src/cli/cmd-index.c src/cli/cmd-search.c \
	src/cli/search-view.h src/cli/search-view.c

check_PROGRAMS += tests/unit/test-search
TESTS += tests/unit/test-search
tests_unit_test_search_SOURCES = tests/unit/test-search.c tests/unit/test.h
tests_unit_test_search_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
tests_unit_test_search_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_unit_test_search_SOURCES = dummy.cxx
