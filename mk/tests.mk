# Tests: C unit tests of the engine (tests/unit), shell scripts that run the
# real binary on real files (tests/cli), pty tests of the shell (tests/pty).
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	EDGECASE='$(abs_top_builddir)/src/edgecase'; export EDGECASE; \
	LC_ALL=C.UTF-8; export LC_ALL; NO_COLOR=1; export NO_COLOR;
TEST_EXTENSIONS = .sh .py
SH_LOG_COMPILER = $(SHELL)
PY_LOG_COMPILER = python3

EXTRA_DIST += tests/cli/lib.sh

# Ranking on the shipped playbooks against its floor (tests/relevance/check.sh).
TESTS += tests/relevance/check.sh
EXTRA_DIST += tests/relevance/run tests/relevance/queries.tsv tests/relevance/check.sh
