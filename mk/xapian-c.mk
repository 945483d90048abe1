# xapian-c: our C API over libxapian; the only C++ in the project.
noinst_LIBRARIES += src/xapian-c/libxapianc.a
src_xapian_c_libxapianc_a_CPPFLAGS = $(AM_CPPFLAGS) $(XAPIAN_CFLAGS)
src_xapian_c_libxapianc_a_SOURCES = src/xapian-c/xapian-c.h src/xapian-c/xapian-c.cc
