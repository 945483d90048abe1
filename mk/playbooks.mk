# The schema is installed for authors' editors and tools; the binary embeds it.
schemadir = $(pkgdatadir)/schema
dist_schema_DATA = playbooks/schema/playbook.rng playbooks/schema/article.rng \
	playbooks/schema/synonyms.rng

# The starter library ships in the tarball (it is the test corpus too) and is
# installed as examples.
playbooksdir = $(pkgdatadir)/playbooks
EXTRA_DIST += playbooks
