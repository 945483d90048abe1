#!/bin/sh
# Crash safety: an indexer killed with SIGKILL at random moments of a re-index
# of KILL_DOCS generated files (default 300; make check-slow: 10,000), for
# KILL_ROUNDS rounds (default 3; check-slow: 20). After each kill: search
# opens and answers, the index holds exactly the documents of the last
# completed run; then the next run completes and holds exactly the new ones.
# Nothing lost, nothing doubled. Counts come from xapian-delve.
. "$top_srcdir/tests/cli/index-lib.sh"
command -v xapian-delve >/dev/null 2>&1 || { echo "# xapian-delve not found (apt-get install xapian-tools)"; exit 77; }
docs=${KILL_DOCS:-200}
rounds=${KILL_ROUNDS:-3}
gen="$top_srcdir/tests/robust/gen-library.py"

doccount() {
    xapian-delve "$tmp/db/index" 2>/dev/null | sed -n 's/^number of documents = //p'
}
# random_ms MAX: a random whole number of milliseconds in [50, MAX].
random_ms() {
    od -An -N4 -tu4 /dev/urandom | awk -v max="$1" '{ printf "%d\n", 50 + $1 % (max > 50 ? max - 50 : 1) }'
}
now_ms() {
    python3 -c 'import time; print(int(time.time() * 1000))'
}

want=$(python3 "$gen" "$top_srcdir/playbooks" "$tmp/lib" "$docs" 0) || exit 99
t0=$(now_ms)
ec_index "$tmp/lib"
full_ms=$(($(now_ms) - t0))
check_eq "first index of $docs files" "0 indexed $docs files into $tmp/db: $docs added, 0 updated, 0 removed, 0 unchanged, 0 failed" "$rc $summary"
check_eq "first index: document count" "$want" "$(doccount)"
echo "# $docs files, $want documents, a full run takes $full_ms ms"

r=0
killed_mid_run=0
while [ $r -lt "$rounds" ]; do
    r=$((r + 1))
    # Every file changes, so the run rewrites all of them in one transaction.
    rm -rf "$tmp/lib"
    python3 "$gen" "$top_srcdir/playbooks" "$tmp/lib" "$docs" "$r" >/dev/null || exit 99
    delay=$(random_ms $((full_ms * 9 / 10)))
    "$EDGECASE" index --db "$tmp/db" --quiet "$tmp/lib" >"$tmp/killed.out" 2>"$tmp/killed.err" &
    pid=$!
    sleep "$(awk -v ms="$delay" 'BEGIN { printf "%.3f", ms / 1000 }')"
    if kill -9 $pid 2>/dev/null; then
        killed_mid_run=$((killed_mid_run + 1))
        state="killed after $delay ms"
    else
        state="finished before the kill at $delay ms"
    fi
    wait $pid 2>/dev/null
    echo "# round $r: indexer $state"

    ec_search --json --limit 5 charged twice
    check_eq "round $r: search after the kill answers" "0 ok" "$rc $(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("ok" if d["total"] > 0 and d["results"] else "no results")' "$tmp/out" 2>&1)"
    check_eq "round $r: search after the kill: nothing on stderr" "" "$(cat "$tmp/err")"
    check_eq "round $r: after the kill, exactly the documents of a complete run" "$want" "$(doccount)"

    # --wait: the killed run's lock may outlive it by a moment.
    ec_index --wait "$tmp/lib"
    check_eq "round $r: the next run completes" 0 "$rc"
    check_grep "round $r: the next run indexes every file" "indexed $docs files into $tmp/db: 0 added, " "$tmp/err"
    check_eq "round $r: then exactly the right document count" "$want" "$(doccount)"
done
# The last run committed round $rounds's content: a file of it is searchable
# by its new id, and a rerun has nothing left to do.
ec_index "$tmp/lib"
check_eq "a rerun finds every file unchanged" \
    "0 indexed $docs files into $tmp/db: 0 added, 0 updated, 0 removed, $docs unchanged, 0 failed" "$rc $summary"
echo "# $killed_mid_run of $rounds kills landed mid-run"
check_eq "at least one kill landed mid-run" yes "$([ $killed_mid_run -gt 0 ] && echo yes)"
finish
