#!/bin/sh
# edgecase lint: one fixture per rule, each with its exact message and line.
. "$top_srcdir/tests/cli/lint-lib.sh"
one="1 file checked, 1 error, 0 warnings"

expect 1 'lint/bad/missing-step.xml:5: <path id="refund"> needs at least one <step>' "$one" lint/bad/missing-step.xml
expect 1 'lint/bad/duplicate-path-id.xml:9: <path id="refund"> repeats the id of the path at line 5; give each path of a playbook its own id' "$one" lint/bad/duplicate-path-id.xml
expect 1 'lint/bad/bad-enum.xml:2: <playbook> status="live" is not allowed; use one of: draft, review, published, retired
lint/bad/bad-enum.xml:5: <channel> "fax" is not allowed; use one of: voice, chat, email, social, sms
lint/bad/bad-enum.xml:6: <severity> "urgent" is not allowed; use one of: low, medium, high, critical
lint/bad/bad-enum.xml:7: <path> authority="boss" is not allowed; use one of: agent, supervisor, specialist' \
    "1 file checked, 4 errors, 0 warnings" lint/bad/bad-enum.xml
expect 1 'lint/bad/bad-date.xml:5: <review-by> "2027-02-30" is not a real date; write YYYY-MM-DD' "$one" lint/bad/bad-date.xml
expect 0 'lint/bad/past-date.xml:5: warning: <review-by> 2025-01-31 has passed; review this playbook and set a new date' \
    "1 file checked, 0 errors, 1 warning" lint/bad/past-date.xml
EDGECASE_TODAY=2025-01-31 expect 0 '' "1 file checked, 0 errors, 0 warnings" lint/bad/past-date.xml
expect 1 'lint/bad/dangling-related.xml:6: <related ref="kb.nope"> names no playbook or article in the checked files; fix the id or remove the reference' "$one" lint/bad/dangling-related.xml
expect 1 'lint/bad/duplicate-id/second.xml:3: id "rule.same-id" is already used by lint/bad/duplicate-id/first.xml:2; give each playbook and article its own id' \
    "2 files checked, 1 error, 0 warnings" lint/bad/duplicate-id
expect 1 'lint/bad/malformed.xml:6: not well-formed XML: Opening and ending tag mismatch: step line 6 and stp' "$one" lint/bad/malformed.xml
expect 1 'lint/bad/wrong-root.xml:3: root element is <runbook>; an edgecase file starts with <playbook>, <article> or <synonyms>' "$one" lint/bad/wrong-root.xml
expect 1 'lint/bad/doctype-entities.xml:2: DTDs are not allowed in edgecase files; remove the <!DOCTYPE> declaration' "$one" lint/bad/doctype-entities.xml
expect 1 'lint/bad/empty.xml: file is empty; an edgecase file starts with <playbook>, <article> or <synonyms>' "$one" lint/bad/empty.xml
expect 1 'lint/bad/nul-byte.xml:3: file contains a NUL byte; edgecase files are UTF-8 text' "$one" lint/bad/nul-byte.xml
expect 1 'lint/bad/invalid-utf8.xml:4: invalid UTF-8 (byte 0xE9); save the file as UTF-8' "$one" lint/bad/invalid-utf8.xml
expect 1 'lint/bad/synonyms-one-term.xml:3: <group> needs at least two <term>s' "$one" lint/bad/synonyms-one-term.xml
expect 1 'lint/bad/structure.xml:2: <playbook> has an unknown attribute "lang"; remove it
lint/bad/structure.xml:2: <playbook> id="rule structure" may use only letters, digits, '"'.', '-' and '_'"'
lint/bad/structure.xml:2: <playbook> version="0" must be a whole number of 1 or more
lint/bad/structure.xml:4: <summary> must come before <category>
lint/bad/structure.xml:5: <title> must come before <category>
lint/bad/structure.xml:5: <title> is empty; write its text
lint/bad/structure.xml:6: <product> "gift cards" must be one word; use '"'-'"' instead of spaces
lint/bad/structure.xml:7: <colour> is not allowed in <playbook>; see edgecase-playbook(5) for what goes where
lint/bad/structure.xml:8: <step> may hold only text, not <b>
lint/bad/structure.xml:9: <scenario id="s"> needs an <opening>
lint/bad/structure.xml:13: <scenario id="s"> repeats the id of the scenario at line 9; give each scenario of a playbook its own id' \
    "1 file checked, 11 errors, 0 warnings" lint/bad/structure.xml
expect 1 'lint/bad/misplaced.xml:6: <step> is not allowed in <playbook>; it belongs inside <path>' "$one" lint/bad/misplaced.xml
finish
