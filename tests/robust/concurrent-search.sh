#!/bin/sh
# Concurrency: SEARCHERS processes (default 8) search in a loop while RUNS
# re-index runs (default 5; make check-slow: 20) each rewrite every file of
# the starter library. Half the searchers are one-shot `search --json` loops,
# half are long-lived `search --batch --json` processes (one searcher that
# reopens and retries across many commits). Zero errors seen by any of them:
# every answer is JSON that finds the playbook, nothing on stderr.
. "$top_srcdir/tests/cli/index-lib.sh"
searchers=${SEARCHERS:-8}
runs=${RUNS:-5}

copy_playbooks
n=$(count_xml "$tmp/pb")
ec_index "$tmp/pb"
check_eq "initial index" 0 "$rc"

# one_shot I: search --json until told to stop; a line per search in s$I.log.
one_shot() {
    while [ ! -e "$tmp/stop" ]; do
        "$EDGECASE" search --db "$tmp/db" --json --limit 20 charged twice >"$tmp/s$1.out" 2>"$tmp/s$1.err"
        echo "$? $(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("ok" if "billing.double-charge" in [r["id"] for r in d["results"]] else "missing")' "$tmp/s$1.out" 2>&1 | tail -n 1) $(head -c 200 "$tmp/s$1.err")"
    done >"$tmp/s$1.log"
}
# batch I: one long-lived search --batch --json fed queries until told to stop.
batch() {
    python3 -c '
import os, sys, time
stop = sys.argv[1]
while not os.path.exists(stop):
    print("charged twice", flush=True)
    time.sleep(0.01)
' "$tmp/stop" | "$EDGECASE" search --db "$tmp/db" --batch --json --limit 20 >"$tmp/b$1.out" 2>"$tmp/b$1.err"
    echo $? >"$tmp/b$1.rc"
}

i=0
while [ $i -lt "$searchers" ]; do
    i=$((i + 1))
    if [ $((i % 2)) -eq 1 ]; then one_shot $i & else batch $i & fi
done
sleep 1

# The re-index runs: each changes every file, so each commit replaces all.
r=0
while [ $r -lt "$runs" ]; do
    r=$((r + 1))
    for f in $(find "$tmp/pb" -name '*.xml'); do echo "<!-- run $r -->" >>"$f"; done
    "$EDGECASE" index --db "$tmp/db" --wait "$tmp/pb" >/dev/null 2>"$tmp/index.err"
    echo "$? $(sed 's/ ([0-9]* documents, [0-9.]* s)$//' "$tmp/index.err")"
done >"$tmp/index.log"
touch "$tmp/stop"
wait

check_eq "$runs re-index runs, each updating all $n files" "" \
    "$(grep -v -x "0 indexed $n files into $tmp/db: 0 added, $n updated, 0 removed, 0 unchanged, 0 failed" "$tmp/index.log")"
total=0
errors=0
i=0
while [ $i -lt "$searchers" ]; do
    i=$((i + 1))
    if [ $((i % 2)) -eq 1 ]; then
        c=$(wc -l <"$tmp/s$i.log" | tr -d ' ')
        e=$(grep -c -v -x '0 ok ' "$tmp/s$i.log")
        grep -v -x '0 ok ' "$tmp/s$i.log" | head -n 3 | sed "s/^/# one-shot $i: /"
    else
        c=$(wc -l <"$tmp/b$i.out" | tr -d ' ')
        e=$(python3 -c '
import json, sys
bad = 0
for line in open(sys.argv[1]):
    try:
        d = json.loads(line)
        ok = "billing.double-charge" in [r["id"] for r in d["results"]]
    except ValueError:
        ok = False
    bad += not ok
print(bad)' "$tmp/b$i.out")
        [ "$(cat "$tmp/b$i.rc")" = 0 ] || e=$((e + 1))
        [ -s "$tmp/b$i.err" ] && { e=$((e + 1)); head -n 3 "$tmp/b$i.err" | sed "s/^/# batch $i: /"; }
    fi
    total=$((total + c))
    errors=$((errors + e))
done
echo "# $searchers searchers answered $total searches during $runs re-index runs"
check_eq "every searcher answered during the runs" yes "$([ "$total" -ge "$searchers" ] && echo yes)"
check_eq "zero errors seen by the searchers" 0 "$errors"
finish
