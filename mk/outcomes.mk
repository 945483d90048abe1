# outcomes: engine sources, CLI sources and tests of this part.
src_lib_libedgecase_a_SOURCES += \
	src/lib/ec-redact.h src/lib/ec-redact.c \
	src/lib/ec-outcomes.h src/lib/ec-outcomes-internal.h src/lib/ec-outcomes.c
src_edgecase_SOURCES += src/cli/cmd-outcome.c src/cli/outcome-input.h src/cli/outcome-input.c \
	src/cli/cmd-stats.c

check_PROGRAMS += tests/unit/test-redact tests/unit/test-outcomes
TESTS += tests/unit/test-redact tests/unit/test-outcomes
tests_unit_test_redact_SOURCES = tests/unit/test-redact.c tests/unit/test.h
tests_unit_test_redact_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_unit_test_redact_SOURCES = dummy.cxx
tests_unit_test_outcomes_SOURCES = tests/unit/test-outcomes.c tests/unit/test.h
tests_unit_test_outcomes_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE3_CFLAGS)
tests_unit_test_outcomes_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_unit_test_outcomes_SOURCES = dummy.cxx

# The CLI tests of outcome and stats; record-many is their many-agents writer.
check_PROGRAMS += tests/outcomes/record-many
tests_outcomes_record_many_SOURCES = tests/outcomes/record-many.c
tests_outcomes_record_many_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_outcomes_record_many_SOURCES = dummy.cxx
OUTCOMES_CLI_TESTS = tests/cli/040-outcome-record.sh tests/cli/041-outcome-import.sh \
	tests/cli/042-outcome-concurrent.sh tests/cli/043-outcome-kill.sh \
	tests/cli/044-stats-history.sh tests/cli/045-outcome-ranking.sh \
	tests/cli/046-outcome-errors.sh
TESTS += $(OUTCOMES_CLI_TESTS)
EXTRA_DIST += $(OUTCOMES_CLI_TESTS) tests/cli/outcome-lib.sh tests/outcomes/gen-history.py \
	tests/cli/outcomes/day.jsonl

# The store's benchmark: built with the tests, run by hand or by make bench
# (tests/bench), never by make check.
check_PROGRAMS += tests/bench/bench-outcomes
tests_bench_bench_outcomes_SOURCES = tests/bench/bench-outcomes.c
tests_bench_bench_outcomes_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE3_CFLAGS)
tests_bench_bench_outcomes_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_bench_bench_outcomes_SOURCES = dummy.cxx
