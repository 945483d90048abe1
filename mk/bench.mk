# bench: `make bench` measures indexing, search latency, cold start, memory and
# outcome recording on a generated corpus, side by side with SQLite FTS5 and a
# raw Xapian loop (tests/bench/README). Never part of `make check`: it takes
# minutes and its figures depend on the machine's load.
EXTRA_PROGRAMS += tests/bench/bench-peer
tests_bench_bench_peer_SOURCES = tests/bench/bench-peer.c
tests_bench_bench_peer_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS) $(SQLITE3_CFLAGS)
tests_bench_bench_peer_LDADD = src/xapian-c/libxapianc.a $(XAPIAN_LIBS) $(LIBXML2_LIBS) $(SQLITE3_LIBS)
nodist_EXTRA_tests_bench_bench_peer_SOURCES = dummy.cxx
CLEANFILES += $(EXTRA_PROGRAMS)

# Outcome recording: tests/bench/bench-outcomes (built as a check program in
# mk/outcomes.mk) records 2,000 outcomes in a fresh store; the driver reads its
# records/s and p99.
EXTRA_DIST += tests/bench/run tests/bench/gen-corpus tests/bench/README

# BENCH_DOCS: corpus sizes, space-separated (default 10,000 and 100,000 files).
BENCH_DOCS = 10000 100000
BENCH_FLAGS =
bench: src/edgecase tests/bench/bench-peer tests/bench/bench-outcomes
	py='$(PYTHON3)'; $${py:-python3} $(srcdir)/tests/bench/run --edgecase src/edgecase --peer tests/bench/bench-peer \
	  --library $(srcdir)/playbooks --out tests/bench/out $(BENCH_FLAGS) $(BENCH_DOCS)
.PHONY: bench
