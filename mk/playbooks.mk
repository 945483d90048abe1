# The schema is installed for authors' editors and tools; the binary embeds it.
schemadir = $(pkgdatadir)/schema
dist_schema_DATA = playbooks/schema/playbook.rng playbooks/schema/article.rng \
	playbooks/schema/synonyms.rng

# The starter library ships in the tarball (it is the test corpus too) and is
# installed as examples.
playbooksdir = $(pkgdatadir)/playbooks
EXTRA_DIST += playbooks

# Every .xml file under playbooks/, subdirectories kept, found when installing
# rather than listed here, so a new playbook is installed without touching this
# file. Hidden files are skipped, as lint skips them. The schema is not copied:
# it is installed once, in $(schemadir).
EC_PLAYBOOK_FILES = cd '$(srcdir)/playbooks' && \
	find . -name '.?*' -prune -o -name '*.xml' -type f -print | sed 's|^\./||' | LC_ALL=C sort

install-data-local: install-playbooks
uninstall-local: uninstall-playbooks
.PHONY: install-playbooks uninstall-playbooks

install-playbooks:
	@$(NORMAL_INSTALL)
	@list=`$(EC_PLAYBOOK_FILES)` || exit 1; \
	for f in $$list; do \
	  d=`dirname "$$f"`; \
	  $(MKDIR_P) "$(DESTDIR)$(playbooksdir)/$$d" || exit 1; \
	  echo " $(INSTALL_DATA) '$(srcdir)/playbooks/$$f' '$(DESTDIR)$(playbooksdir)/$$d'"; \
	  $(INSTALL_DATA) "$(srcdir)/playbooks/$$f" "$(DESTDIR)$(playbooksdir)/$$d" || exit 1; \
	done

# Removes only the files install-playbooks put there (an admin's own playbooks
# in the same directory stay), then the directories it made if now empty.
uninstall-playbooks:
	@$(NORMAL_UNINSTALL)
	@list=`$(EC_PLAYBOOK_FILES)` || exit 1; \
	for f in $$list; do \
	  echo " rm -f '$(DESTDIR)$(playbooksdir)/$$f'"; \
	  rm -f "$(DESTDIR)$(playbooksdir)/$$f" || exit 1; \
	done; \
	for d in `for f in $$list; do dirname "$$f"; done | LC_ALL=C sort -ru`; do \
	  test "$$d" = . || rmdir "$(DESTDIR)$(playbooksdir)/$$d" 2>/dev/null || :; \
	done; \
	rmdir "$(DESTDIR)$(playbooksdir)" 2>/dev/null || :

PLAYBOOKS_CLI_TESTS = tests/cli/070-playbooks-install.sh
TESTS += $(PLAYBOOKS_CLI_TESTS)
EXTRA_DIST += $(PLAYBOOKS_CLI_TESTS)
