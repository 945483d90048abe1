#!/bin/sh
# edgecase lint on the valid fixtures: no problems, exit 0; hidden files, non-.xml
# files are skipped and a directory named nested.xml is walked.
. "$top_srcdir/tests/cli/lint-lib.sh"

expect 0 "" "4 files checked, 0 errors, 0 warnings" lint/valid
expect 0 "" "1 file checked, 0 errors, 0 warnings" lint/valid/synonyms.xml
# UTF-16 with a byte-order mark loads.
expect 0 "" "1 file checked, 0 errors, 0 warnings" lint/valid/nested.xml/utf16.xml
# The cross-file rules run over what is named: alone, the article's <related> dangles.
expect 1 'lint/valid/refund-timelines.xml:16: <related ref="billing.double-charge"> names no playbook or article in the checked files; fix the id or remove the reference' \
    "1 file checked, 1 error, 0 warnings" lint/valid/refund-timelines.xml
# Once the review date has passed it is a warning, and warnings do not fail.
EDGECASE_TODAY=2027-04-01 expect 0 "lint/valid/double-charge.xml:15: warning: <review-by> 2027-03-31 has passed; review this playbook and set a new date" \
    "4 files checked, 0 errors, 1 warning" lint/valid
# JSON through the printer.
EDGECASE_TODAY=2027-04-01 "$EDGECASE" lint --json lint/valid >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "json rc" 0 "$rc"
json=$(tr -d ' \n' <"$tmp/out")
check_eq "json" '{"files":4,"errors":0,"warnings":1,"problems":[{"file":"lint/valid/double-charge.xml","line":15,"severity":"warning","message":"<review-by>2027-03-31haspassed;reviewthisplaybookandsetanewdate"}]}' "$json"
finish
