#!/bin/sh
# search usage: no query is a usage error (exit 2); searching a database where
# nothing was indexed says to run edgecase index first (exit 1).
. "$top_srcdir/tests/cli/index-lib.sh"

usage='usage: edgecase search [--db DIR] [--json] [--batch] [--limit N] [--filter FIELD=VALUE]... [--status S] [--facets] QUERY...'

ec_search
check_eq "no query: exit status" 2 "$rc"
check_eq "no query: stdout" "" "$(cat "$tmp/out")"
check_eq "no query: stderr" "edgecase search: say what to search for, or use --batch to read queries from stdin
$usage" "$(cat "$tmp/err")"
ec_search --json
check_eq "--json but no query: exit status" 2 "$rc"
ec_search --limit 0 refund
check_eq "--limit 0: exit status" 2 "$rc"
ec_search --frobnicate refund
check_eq "unknown option: exit status" 2 "$rc"

for db in "$tmp/no-such-dir" "$tmp/empty"; do
    mkdir -p "$tmp/empty"
    name=$(basename "$db")
    "$EDGECASE" search --db "$db" refund >"$tmp/out" 2>"$tmp/err"
    check_eq "$name: exit status" 1 "$?"
    check_eq "$name: stdout" "" "$(cat "$tmp/out")"
    check_eq "$name: says to run edgecase index first" \
        "edgecase: nothing is indexed in $db yet; run 'edgecase index --db $db PLAYBOOK-DIR' first" \
        "$(cat "$tmp/err")"
    echo refund | "$EDGECASE" search --db "$db" --batch --json >"$tmp/out" 2>"$tmp/err"
    check_eq "$name --batch: exit status" 1 "$?"
    check_grep "$name --batch: says to run edgecase index first" \
        "run 'edgecase index --db $db PLAYBOOK-DIR' first" "$tmp/err"
done
check_eq "searching did not create the database" no "$([ -e "$tmp/no-such-dir" ] && echo yes || echo no)"

# $EDGECASE_DB is where search looks without --db.
mkdir "$tmp/envdb"
EDGECASE_DB="$tmp/envdb" "$EDGECASE" search refund >"$tmp/out" 2>"$tmp/err"
check_eq "empty \$EDGECASE_DB: exit status" 1 "$?"
check_grep "empty \$EDGECASE_DB: named in the message" "nothing is indexed in $tmp/envdb yet" "$tmp/err"
finish
