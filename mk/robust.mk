# robust: fuzzing, hostile input, crash safety and concurrency, valgrind.

# ---- fuzzing (tests/fuzz) ----------------------------------------------------
# One file per target: add tests/fuzz/fuzz-NAME.c (see tests/fuzz/fuzz.h) to
# this list and both make fuzz and the regression replay in make check pick
# it up. Saved inputs a target must survive live in tests/fuzz/regress/NAME/.
FUZZ_TARGETS = tests/fuzz/fuzz-load.c tests/fuzz/fuzz-search.c tests/fuzz/fuzz-shell.c \
	tests/fuzz/fuzz-redact.c tests/fuzz/fuzz-import.c

# The replay driver: every target, built with the project's own compiler and
# flags (sanitizers too), fed its regression inputs and its seeds.
check_PROGRAMS += tests/fuzz/replay
tests_fuzz_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz.h tests/fuzz/scratch-dir.h $(FUZZ_TARGETS)
tests_fuzz_replay_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS) -I$(top_srcdir)/tests/fuzz \
	-DEC_FUZZ_SRCDIR='"$(abs_top_srcdir)"'
tests_fuzz_replay_LDADD = $(EC_LIBS)
nodist_EXTRA_tests_fuzz_replay_SOURCES = dummy.cxx
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/run.sh tests/fuzz/xml.dict tests/fuzz/import.dict tests/fuzz/regress \
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
	FUZZ_CPPFLAGS='-I$(abs_top_srcdir)/src/xapian-c -I$(abs_top_srcdir)/src/lib -I$(abs_top_srcdir)/src/cli $(XAPIAN_CFLAGS) $(LIBXML2_CFLAGS) $(SQLITE3_CFLAGS) $(JSONC_CFLAGS)' \
	FUZZ_LIBS='$(XAPIAN_LIBS) $(LIBXML2_LIBS) $(SQLITE3_LIBS) $(JSONC_LIBS)' \
	$(SHELL) $(abs_top_srcdir)/tests/fuzz/run.sh

clean-local: clean-fuzz
.PHONY: clean-fuzz
clean-fuzz:
	-rm -rf tests/fuzz/build tests/fuzz/artifacts

# ---- hostile and broken input --------------------------------------------------
ROBUST_CLI_TESTS = tests/cli/060-hostile-xml.sh
TESTS += $(ROBUST_CLI_TESTS)
EXTRA_DIST += $(ROBUST_CLI_TESTS) tests/cli/hostile-gen.py tests/cli/listen-once.py

# Tests that bound memory with ulimit -v skip it in a sanitizer build.
if SANITIZERS
AM_TESTS_ENVIRONMENT += EC_SANITIZERS=1; export EC_SANITIZERS;
endif

# ---- crash safety and concurrency ----------------------------------------------
# Fast versions run in make check; make check-slow runs the full sizes: 20
# SIGKILLs during a 10,000-file re-index, 8 searchers during 20 re-index runs.
ROBUST_SLOW_TESTS = tests/robust/kill-index.sh tests/robust/concurrent-search.sh
TESTS += $(ROBUST_SLOW_TESTS)
EXTRA_DIST += $(ROBUST_SLOW_TESTS) tests/robust/gen-library.py

.PHONY: check-slow
check-slow: all
	KILL_DOCS=10000 KILL_ROUNDS=20 SEARCHERS=8 RUNS=20 \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(ROBUST_SLOW_TESTS)'

# ---- valgrind ------------------------------------------------------------------
# make check-valgrind: the CLI tests with "$EDGECASE" run under valgrind
# (tests/valgrind-edgecase). Fails on any memory error or definite leak.
VALGRIND_CLI_TESTS = $(LOAD_CLI_TESTS) tests/cli/020-index-incremental.sh \
	tests/cli/021-index-broken-file.sh tests/cli/024-search-json-contract.sh \
	tests/cli/025-index-lock.sh tests/cli/026-search-filters.sh \
	tests/cli/027-search-escalate.sh tests/cli/028-search-correction.sh \
	tests/cli/029-search-usage.sh $(ROBUST_CLI_TESTS) \
	tests/cli/040-outcome-record.sh tests/cli/041-outcome-import.sh \
	tests/cli/046-outcome-errors.sh
EXTRA_DIST += tests/valgrind-edgecase.in
CLEANFILES += tests/valgrind-edgecase
tests/valgrind-edgecase: $(srcdir)/tests/valgrind-edgecase.in Makefile
	$(AM_V_GEN)$(MKDIR_P) tests && \
	sed -e 's|%VALGRIND%|$(VALGRIND)|g' -e 's|%abs_top_srcdir%|$(abs_top_srcdir)|g' \
	    -e 's|%abs_top_builddir%|$(abs_top_builddir)|g' $(srcdir)/tests/valgrind-edgecase.in >$@-t && \
	chmod +x $@-t && mv $@-t $@

AM_TESTS_ENVIRONMENT += \
	if [ -n "$${EC_VALGRIND:-}" ]; then \
	  EDGECASE='$(abs_top_builddir)/tests/valgrind-edgecase'; export EDGECASE; \
	fi;

.PHONY: check-valgrind
check-valgrind: all tests/valgrind-edgecase
	@if [ -z '$(VALGRIND)' ]; then \
	  echo "make check-valgrind: valgrind not found; apt-get install valgrind, then rerun ./configure" >&2; \
	  exit 1; \
	fi
	@if [ -n '$(SAN_FLAGS)' ]; then \
	  echo "make check-valgrind: this is a sanitizer build; valgrind needs a plain one (./configure without --enable-sanitizers)" >&2; \
	  exit 1; \
	fi
	rm -rf tests/valgrind-logs && $(MKDIR_P) tests/valgrind-logs
	chmod 1777 tests/valgrind-logs # 046 runs edgecase as nobody, and valgrind logs it too
	EC_VALGRIND=1 EC_VALGRIND_LOGS='$(abs_top_builddir)/tests/valgrind-logs' \
	  $(MAKE) $(AM_MAKEFLAGS) check TESTS='$(VALGRIND_CLI_TESTS)'; rc=$$?; \
	logs=`ls tests/valgrind-logs | wc -l`; \
	bad=`grep -l -E 'definitely lost|ERROR SUMMARY: [1-9]|Invalid (read|write)|uninitialised' tests/valgrind-logs/* 2>/dev/null`; \
	echo "valgrind: $$logs edgecase processes checked"; \
	if [ -n "$$bad" ]; then echo "valgrind found problems:"; cat $$bad; exit 1; fi; \
	echo "valgrind: no memory errors, nothing definitely lost"; exit $$rc

clean-local: clean-valgrind
.PHONY: clean-valgrind
clean-valgrind:
	-rm -rf tests/valgrind-logs
