# load: engine sources, CLI sources and tests of this part.
src_lib_libedgecase_a_SOURCES += \
	src/lib/ec-model.c \
	src/lib/ec-load.h src/lib/ec-load.c \
	src/lib/ec-walk.h src/lib/ec-walk.c \
	src/lib/ec-lint.h src/lib/ec-lint.c
src_edgecase_SOURCES += src/cli/cmd-lint.c

check_PROGRAMS += tests/unit/test-load
TESTS += tests/unit/test-load
tests_unit_test_load_SOURCES = tests/unit/test-load.c tests/unit/test.h
tests_unit_test_load_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS) \
	-DEC_TEST_LINT_DIR='"$(abs_top_srcdir)/tests/lint"'
tests_unit_test_load_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_unit_test_load_SOURCES = dummy.cxx

LOAD_CLI_TESTS = tests/cli/010-lint-valid.sh tests/cli/011-lint-rules.sh \
	tests/cli/012-lint-tree.sh tests/cli/013-lint-usage.sh
TESTS += $(LOAD_CLI_TESTS)
EXTRA_DIST += $(LOAD_CLI_TESTS) tests/cli/lint-lib.sh tests/lint
