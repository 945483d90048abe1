#!/bin/sh
# Every fuzz target replays its saved regression inputs (tests/fuzz/regress/),
# then its seeds (the shipped playbooks and lint fixtures for the loader, the
# judged relevance queries for search), through the same entry point the
# fuzzer calls. A crash, leak (ASan build) or abort fails the test.
. "$top_srcdir/tests/cli/lib.sh"
replay="$top_builddir/tests/fuzz/replay"

"$replay" "$top_srcdir/tests/fuzz/regress" >"$tmp/regress.log" 2>&1
check_eq "regression inputs replay cleanly" "0" "$?"
grep -c '^ok ' "$tmp/regress.log" | sed 's/^/# regression inputs: /'

"$replay" --target load "$top_srcdir/playbooks" "$top_srcdir/tests/lint" >"$tmp/load.log" 2>&1
check_eq "load: playbooks and lint fixtures replay cleanly" "0" "$?"

mkdir "$tmp/queries"
grep -v '^#' "$top_srcdir/tests/relevance/queries.tsv" | cut -f1 | head -n 60 |
    awk -v d="$tmp/queries" 'length($0) { f = sprintf("%s/q%03d", d, NR); printf "%s", $0 > f; close(f) }'
EC_FUZZ_SRCDIR=$top_srcdir "$replay" --target search "$tmp/queries" >"$tmp/search.log" 2>&1
check_eq "search: judged queries replay cleanly" "0" "$?"

for f in regress load search; do
    if ! tail -n 1 "$tmp/$f.log" | grep -q '^1\.\.'; then
        echo "# $f.log:"
        tail -n 30 "$tmp/$f.log" | sed 's/^/#   /'
    fi
done
[ "$failures" -eq 0 ] || exit 1
