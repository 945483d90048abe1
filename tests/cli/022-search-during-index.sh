#!/bin/sh
# One-shot searches while the index is rewritten: an indexer commits a change
# again and again in the background while 200 search --json processes run.
# Every search exits 0, prints valid JSON and finds what it found before; every
# indexer run commits exactly the changed file.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
n=$(count_xml "$tmp/pb")
ec_index "$tmp/pb"
check_eq "initial index exit status" 0 "$rc"

# The indexer loop: each run commits one changed file. It stops when told to
# (or after 2000 runs), and logs one line per run: its exit status and summary.
reindex_loop() {
    i=0
    while [ ! -e "$tmp/stop" ] && [ $i -lt 2000 ]; do
        i=$((i + 1))
        echo "<!-- run $i -->" >>"$tmp/pb/billing/double-charge.xml"
        "$EDGECASE" index --db "$tmp/db" "$tmp/pb" >/dev/null 2>"$tmp/index.err"
        echo "$? $(sed 's/ ([0-9]* documents, [0-9.]* s)$//' "$tmp/index.err")"
    done >"$tmp/index.log"
}
reindex_loop &
loop_pid=$!
# Let the loop commit at least once before the searches start.
t=0
while [ ! -s "$tmp/index.log" ] && [ $t -lt 100 ]; do sleep 0.1; t=$((t + 1)); done

mkdir "$tmp/s"
bad=0
i=0
while [ $i -lt 200 ]; do
    i=$((i + 1))
    "$EDGECASE" search --db "$tmp/db" --json --limit 20 charged twice >"$tmp/s/$i.out" 2>"$tmp/s/$i.err"
    src=$?
    if [ $src -ne 0 ] || [ -s "$tmp/s/$i.err" ]; then
        bad=$((bad + 1))
        echo "search $i: exit status $src: $(cat "$tmp/s/$i.err")"
    fi
done
touch "$tmp/stop"
wait $loop_pid

check_eq "200 searches: every one exits 0 with nothing on stderr" 0 "$bad"
check_eq "200 searches: every output is JSON that finds the playbook" "ok" "$(python3 -c '
import json, sys
for i in range(1, 201):
    f = "%s/s/%d.out" % (sys.argv[1], i)
    d = json.load(open(f))
    assert "billing.double-charge" in [r["id"] for r in d["results"]], f
print("ok")
' "$tmp" 2>&1)"
runs=$(wc -l <"$tmp/index.log" | tr -d ' ')
echo "# $runs index runs during the searches"
check_eq "the indexer committed during the searches" yes "$([ "$runs" -ge 2 ] && echo yes)"
check_eq "every indexer run exits 0 and updates exactly the changed file" "" \
    "$(grep -v -x "0 indexed $n files into $tmp/db: 0 added, 1 updated, 0 removed, $((n - 1)) unchanged, 0 failed" "$tmp/index.log")"
finish
