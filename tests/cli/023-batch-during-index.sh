#!/bin/sh
# search --batch while the index is rewritten: one searcher process kept open
# across many commits answers every query with valid JSON (exit 0, no "error"
# lines), and sees what was committed after it started.
#
# Regression test for two bugs this found: a DatabaseModifiedError raised while
# reading a match's document was not retried, and a batch never reopened the
# index so it kept answering from the revision it started with.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
n=$(count_xml "$tmp/pb")
mv "$tmp/pb/delivery" "$tmp/delivery"
ec_index "$tmp/pb"
check_eq "initial index exit status" 0 "$rc"

# Part 2: a batch started before a commit sees the commit. The queries go
# through a FIFO so the same process answers before and after.
mkfifo "$tmp/fifo" || exit 99
"$EDGECASE" search --db "$tmp/db" --batch --json --filter id=delivery.wrong-item \
    <"$tmp/fifo" >"$tmp/fresh.out" 2>"$tmp/fresh.err" &
fresh_pid=$!
exec 7>"$tmp/fifo"
echo "wrong item delivered" >&7
t=0
while [ ! -s "$tmp/fresh.out" ] && [ $t -lt 100 ]; do sleep 0.1; t=$((t + 1)); done
mv "$tmp/delivery" "$tmp/pb/delivery"
ec_index "$tmp/pb"
check_eq "delivery playbooks added" 0 "$rc"
echo "wrong item delivered" >&7
exec 7>&-
wait $fresh_pid
check_eq "fresh batch exit status" 0 "$?"
check_eq "batch before the commit: not found; after it: found" "none found" "$(python3 -c '
import json, sys
print(" ".join("found" if json.loads(l)["results"] else "none" for l in open(sys.argv[1])))
' "$tmp/fresh.out")"

# Part 1: the indexer commits again and again while a batch searcher, fed
# slowly so that it lives across many commits, answers 300 queries.
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
t=0
while [ ! -s "$tmp/index.log" ] && [ $t -lt 100 ]; do sleep 0.1; t=$((t + 1)); done

i=0
while [ $i -lt 300 ]; do
    echo "charged twice"
    echo "refund not received"
    echo "I'll see you in court"
    i=$((i + 3))
    sleep 0.01
done | "$EDGECASE" search --db "$tmp/db" --batch --json --limit 50 >"$tmp/batch.out" 2>"$tmp/batch.err"
brc=$?
touch "$tmp/stop"
wait $loop_pid

check_eq "batch search exit status" 0 "$brc"
check_eq "batch search stderr" "" "$(sort "$tmp/batch.err" | uniq -c)"
check_eq "batch search: one line per query" 300 "$(wc -l <"$tmp/batch.out" | tr -d ' ')"
check_eq "batch search: every line JSON without error that finds its playbook" "ok" "$(python3 -c '
import json, sys
want = {"charged twice": "billing.double-charge",
        "refund not received": "billing.refund-not-received",
        "I\x27ll see you in court": "legal.threatens-lawyer"}
bad = 0
for n, line in enumerate(open(sys.argv[1]), 1):
    d = json.loads(line)
    if "error" in d or want.get(d["query"]) not in [r["id"] for r in d["results"]]:
        bad += 1
print("ok" if not bad else "%d bad lines" % bad)
' "$tmp/batch.out" 2>&1)"
runs=$(wc -l <"$tmp/index.log" | tr -d ' ')
echo "# $runs index runs during the batch"
check_eq "the indexer committed during the batch" yes "$([ "$runs" -ge 2 ] && echo yes)"
check_eq "every indexer run exits 0 and updates exactly the changed file" "" \
    "$(grep -v -x "0 indexed $n files into $tmp/db: 0 added, 1 updated, 0 removed, $((n - 1)) unchanged, 0 failed" "$tmp/index.log")"
finish
