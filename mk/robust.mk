# robust: fuzzing, hostile input, crash safety and concurrency, valgrind.

# ---- fuzzing (tests/fuzz) ----------------------------------------------------
# One file per target: add tests/fuzz/fuzz-NAME.c (see tests/fuzz/fuzz.h) to
# this list and both make fuzz and the regression replay in make check pick
# it up. Saved inputs a target must survive live in tests/fuzz/regress/NAME/.
FUZZ_TARGETS = tests/fuzz/fuzz-load.c tests/fuzz/fuzz-search.c

# The replay driver: every target, built with the project's own compiler and
# flags (sanitizers too), fed its regression inputs and its seeds.
check_PROGRAMS += tests/fuzz/replay
tests_fuzz_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz.h $(FUZZ_TARGETS)
tests_fuzz_replay_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS) -I$(top_srcdir)/tests/fuzz \
	-DEC_FUZZ_SRCDIR='"$(abs_top_srcdir)"'
tests_fuzz_replay_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_fuzz_replay_SOURCES = dummy.cxx
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/run.sh tests/fuzz/xml.dict tests/fuzz/regress \
	tests/lsan.supp tests/valgrind.supp

# Leaks inside libraries we do not own, each proven, are suppressed by name
# (tests/lsan.supp) in the sanitizer build's make check.
AM_TESTS_ENVIRONMENT += \
	LSAN_OPTIONS="$${LSAN_OPTIONS:+$$LSAN_OPTIONS:}suppressions=$(abs_top_srcdir)/tests/lsan.supp"; \
	export LSAN_OPTIONS;

# make fuzz [FUZZ_SECONDS=N] [FUZZ_ONLY='load search']: each target for N
# seconds (default 60). Needs clang with libFuzzer (configure finds it).
FUZZ_SECONDS = 60
.PHONY: fuzz
fuzz: src/lib/schema-data.c
	@FUZZ_CC='$(FUZZ_CC)' FUZZ_CXX='$(FUZZ_CXX)' srcdir='$(abs_top_srcdir)' \
	builddir='$(abs_top_builddir)' FUZZ_SECONDS='$(FUZZ_SECONDS)' \
	FUZZ_TARGETS='$(FUZZ_TARGETS)' \
	ENGINE_C='$(src_lib_libedgecase_a_SOURCES) $(nodist_src_lib_libedgecase_a_SOURCES)' \
	ENGINE_CXX='$(src_xapian_c_libxapianc_a_SOURCES)' \
	FUZZ_CPPFLAGS='-I$(abs_top_srcdir)/src/xapian-c -I$(abs_top_srcdir)/src/lib $(XAPIAN_CFLAGS) $(LIBXML2_CFLAGS) $(SQLITE3_CFLAGS) $(JSONC_CFLAGS)' \
	FUZZ_LIBS='$(XAPIAN_LIBS) $(LIBXML2_LIBS) $(SQLITE3_LIBS) $(JSONC_LIBS)' \
	$(SHELL) $(abs_top_srcdir)/tests/fuzz/run.sh

clean-local: clean-fuzz
.PHONY: clean-fuzz
clean-fuzz:
	-rm -rf tests/fuzz/build tests/fuzz/artifacts

# ---- hostile and broken input --------------------------------------------------
ROBUST_CLI_TESTS = tests/cli/080-hostile-xml.sh
TESTS += $(ROBUST_CLI_TESTS)
EXTRA_DIST += $(ROBUST_CLI_TESTS) tests/cli/hostile-gen.py tests/cli/listen-once.py

# Tests that bound memory with ulimit -v skip it in a sanitizer build.
if SANITIZERS
AM_TESTS_ENVIRONMENT += EC_SANITIZERS=1; export EC_SANITIZERS;
endif
