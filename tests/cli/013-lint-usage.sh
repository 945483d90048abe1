#!/bin/sh
# edgecase lint usage errors exit 2 and say why.
. "$top_srcdir/tests/cli/lint-lib.sh"

expect 2 "" "edgecase lint: name at least one file or directory to check
usage: edgecase lint PATH..."
expect 2 "" 'edgecase lint: unknown option "--frobnicate"
usage: edgecase lint PATH...' --frobnicate lint/valid
expect 2 "" 'edgecase lint: unknown option "-x"
usage: edgecase lint PATH...' -jx lint/valid
EDGECASE_TODAY=2026-13-01 expect 2 "" 'edgecase lint: EDGECASE_TODAY="2026-13-01" is not a date; write YYYY-MM-DD
usage: edgecase lint PATH...' lint/valid
expect 0 "usage: edgecase lint [--json] PATH..." "" --help
finish
