# xapian-c: our C API over libxapian; the only C++ in the project.
noinst_LIBRARIES += src/xapian-c/libxapianc.a
src_xapian_c_libxapianc_a_CPPFLAGS = $(AM_CPPFLAGS) $(XAPIAN_CFLAGS)
src_xapian_c_libxapianc_a_SOURCES = src/xapian-c/xapian-c.h src/xapian-c/xapian-c.cc

# Its unit test: every function of xapian-c.h, error statuses included. The
# remote cases need xapian-progsrv and xapian-tcpsrv (package xapian-tools);
# without them the test says 'skip' for those and runs the rest.
check_PROGRAMS += tests/unit/test-xapian-c
TESTS += tests/unit/test-xapian-c
tests_unit_test_xapian_c_SOURCES = tests/unit/test-xapian-c.c tests/unit/test.h
tests_unit_test_xapian_c_LDADD = src/xapian-c/libxapianc.a $(XAPIAN_LIBS)
nodist_EXTRA_tests_unit_test_xapian_c_SOURCES = dummy.cxx
