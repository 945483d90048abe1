#!/bin/sh
# 16 processes record 500 outcomes each at once, one transaction a record as
# agents do: exactly 8,000 are stored, none is refused as busy, and the
# summaries that stats and ranking read add up to the same.
. "$top_srcdir/tests/cli/outcome-lib.sh"

mkdir -p "$tmp/db"
start=$(date +%s)
pids=
for w in $(seq 1 16); do
    "$RECORD_MANY" "$tmp/db" "agent$w" 500 >"$tmp/acks.$w" 2>"$tmp/err.$w" &
    pids="$pids $!"
done
failed=0
for p in $pids; do
    wait "$p" || failed=$((failed + 1))
done
echo "# 16 x 500 records in $(($(date +%s) - start)) s"
check_eq "every writer finished without an error" 0 "$failed"
check_eq "no writer said anything on stderr" "" "$(cat "$tmp"/err.*)"
check_eq "8,000 acknowledged" 8000 "$(cat "$tmp"/acks.* | wc -l | tr -d ' ')"
check_eq "8,000 stored, each case once" "8000|8000" \
    "$(db_query "SELECT count(*), count(DISTINCT case_id) FROM outcomes")"
check_eq "the per-path summary adds up" "8000|6000" \
    "$(db_query "SELECT sum(uses), sum(resolved) FROM path_stats")"
ec_stats --json --by agent
check_eq "stats: 8,000 uses, 500 per agent" "8000 16 {500}" \
    "$(json_path 'd["total"]["uses"], len(d["groups"]), {g["uses"] for g in d["groups"]}' | tr -d '(),')"
check_eq "the database is sound" ok "$(db_query "PRAGMA integrity_check")"
finish
