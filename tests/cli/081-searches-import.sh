#!/bin/sh
# edgecase searches import: good lines kept (redacted), bad ones reported as
# FILE:LINE: message, times in every accepted form.
. "$top_srcdir/tests/cli/index-lib.sh"
db="$tmp/db"
printf '%s\n' \
    'esim will not activate	2026-05-01' \
    'card 4111 1111 1111 1111 charged twice	2026-05-02T10:30:00Z' \
    'no time at all' \
    'epoch time	1777000000' \
    'bad time	last tuesday' \
    '	2026-05-03' \
    '' \
    'three	2026-05-04	columns' >"$tmp/log.tsv"
"$EDGECASE" searches import --db "$db" "$tmp/log.tsv" 2>"$tmp/err"
check_eq "bad lines make exit 1" 1 $?
check_grep "line 5 named" "$tmp/log.tsv:5: \"last tuesday\" is not a time" "$tmp/err"
check_grep "line 6 named" "$tmp/log.tsv:6: empty query" "$tmp/err"
check_grep "line 8 named" "$tmp/log.tsv:8: more than two columns" "$tmp/err"
check_grep "the count" "4 searches imported" "$tmp/err"
python3 - "$db/outcomes.db" >"$tmp/rows" <<'PY'
import sqlite3, sys
for q, at in sqlite3.connect(sys.argv[1]).execute("SELECT query, at FROM searches ORDER BY id"):
    print("%s|%s" % (q, at if at < 1700000000 or at in (1777000000, 1777593600, 1777717800) else "now"))
PY
check_eq "rows kept, redacted" "esim will not activate|1777593600
card [card] charged twice|1777717800
no time at all|now
epoch time|1777000000" "$(sed 's/\[[A-Za-z ]*\]/[card]/' "$tmp/rows")"
printf 'from stdin\n' | "$EDGECASE" searches import --db "$db" - 2>"$tmp/err2"
check_eq "stdin exits 0" 0 $?
"$EDGECASE" searches --db "$db" >/dev/null 2>&1
check_eq "no action is a usage error" 2 $?
"$EDGECASE" searches import --db "$db" "$tmp/missing.tsv" 2>"$tmp/err3"
check_eq "missing file exits 1" 1 $?
check_grep "and names it" "$tmp/missing.tsv" "$tmp/err3"
[ "$failures" -eq 0 ]
