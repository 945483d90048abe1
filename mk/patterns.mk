# patterns: unmet demand -> candidate exception patterns (engine, tests, measuring).
src_lib_libedgecase_a_SOURCES += src/lib/ec-patterns.h src/lib/ec-patterns.c

check_PROGRAMS += tests/unit/test-patterns
TESTS += tests/unit/test-patterns
tests_unit_test_patterns_SOURCES = tests/unit/test-patterns.c tests/unit/test.h
tests_unit_test_patterns_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_unit_test_patterns_SOURCES = dummy.cxx

# The grouping on a file of texts, as JSON: what tests/patterns/banking77-nmi
# measures. Not the product's command (that is `edgecase patterns`).
noinst_PROGRAMS += tests/patterns/group-texts
tests_patterns_group_texts_SOURCES = tests/patterns/group-texts.c
tests_patterns_group_texts_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
tests_patterns_group_texts_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_patterns_group_texts_SOURCES = dummy.cxx

# Banking77 NMI and purity; skips when ../shared/data is absent.
TESTS += tests/patterns/banking77-nmi
EXTRA_DIST += tests/patterns/banking77-nmi
