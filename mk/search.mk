# search: engine sources, CLI sources and tests of this part.
src_lib_libedgecase_a_SOURCES += \
	src/lib/ec-layout.h src/lib/ec-layout.c \
	src/lib/ec-model-json.h src/lib/ec-model-json.c \
	src/lib/ec-index.h src/lib/ec-index.c \
	src/lib/ec-pack.h src/lib/ec-pack.c \
	src/lib/ec-search.h src/lib/ec-search.c
src_edgecase_SOURCES += src/cli/cmd-index.c src/cli/cmd-search.c \
	src/cli/search-view.h src/cli/search-view.c

check_PROGRAMS += tests/unit/test-search
TESTS += tests/unit/test-search
tests_unit_test_search_SOURCES = tests/unit/test-search.c tests/unit/test.h
tests_unit_test_search_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
tests_unit_test_search_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_unit_test_search_SOURCES = dummy.cxx

# Shell tests of index and search on the starter library (helpers: index-lib.sh).
TESTS += tests/cli/020-index-incremental.sh tests/cli/021-index-broken-file.sh
EXTRA_DIST += tests/cli/020-index-incremental.sh tests/cli/021-index-broken-file.sh \
	tests/cli/index-lib.sh
TESTS += tests/cli/022-search-during-index.sh tests/cli/023-batch-during-index.sh
EXTRA_DIST += tests/cli/022-search-during-index.sh tests/cli/023-batch-during-index.sh
TESTS += tests/cli/024-search-json-contract.sh
EXTRA_DIST += tests/cli/024-search-json-contract.sh tests/cli/json-contract.py
TESTS += tests/cli/025-index-lock.sh
EXTRA_DIST += tests/cli/025-index-lock.sh
TESTS += tests/cli/026-search-filters.sh tests/cli/027-search-escalate.sh \
	tests/cli/028-search-correction.sh tests/cli/029-search-usage.sh \
	tests/cli/050-search-repeated-words.sh tests/cli/051-search-quoted.sh
EXTRA_DIST += tests/cli/026-search-filters.sh tests/cli/027-search-escalate.sh \
	tests/cli/028-search-correction.sh tests/cli/029-search-usage.sh \
	tests/cli/050-search-repeated-words.sh tests/cli/051-search-quoted.sh
