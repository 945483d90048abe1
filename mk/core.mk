# libedgecase: the engine. Never prints, reads stdin or exits.
noinst_LIBRARIES += src/lib/libedgecase.a

src_lib_libedgecase_a_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS) $(SQLITE3_CFLAGS) $(JSONC_CFLAGS) \
	$(ZLIB_CFLAGS)
src_lib_libedgecase_a_SOURCES = \
	src/lib/ec-status.h src/lib/ec-status.c \
	src/lib/ec-util.h src/lib/ec-util.c \
	src/lib/ec-diag.h src/lib/ec-diag.c \
	src/lib/ec-model.h
nodist_src_lib_libedgecase_a_SOURCES = src/lib/schema-data.c

SCHEMA_FILES = $(srcdir)/playbooks/schema/playbook.rng \
	$(srcdir)/playbooks/schema/article.rng \
	$(srcdir)/playbooks/schema/synonyms.rng
BUILT_SOURCES += src/lib/schema-data.c
CLEANFILES += src/lib/schema-data.c
dist_noinst_SCRIPTS += src/lib/embed-schemas.sh
src/lib/schema-data.c: $(SCHEMA_FILES) $(srcdir)/src/lib/embed-schemas.sh
	$(AM_V_GEN)$(MKDIR_P) src/lib && \
	$(SHELL) $(srcdir)/src/lib/embed-schemas.sh $(SCHEMA_FILES) > $@-t && mv $@-t $@

# What every program linking the engine needs, in link order.
EC_LIBS = src/lib/libedgecase.a src/xapian-c/libxapianc.a \
	$(XAPIAN_LIBS) $(LIBXML2_LIBS) $(SQLITE3_LIBS) $(JSONC_LIBS) $(ZLIB_LIBS)
# The edgecase program: one source file per subcommand.
bin_PROGRAMS += src/edgecase
src_edgecase_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
src_edgecase_SOURCES = \
	src/cli/cli.h src/cli/commands.h src/cli/main.c \
	src/cli/printer.h src/cli/printer.c
# The engine holds C++ (xapian-c): link with the C++ driver.
nodist_EXTRA_src_edgecase_SOURCES = dummy.cxx
src_edgecase_LDADD = $(EC_LIBS) $(READLINE_LIBS) $(PTY_LIBS)
