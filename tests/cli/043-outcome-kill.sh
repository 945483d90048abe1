#!/bin/sh
# kill -9 of a writer right after acknowledgements: every outcome it
# acknowledged is in the store, three times over at different moments, and
# the store stays sound. (A power cut is covered by synchronous=FULL: see
# src/lib/ec-outcomes.c.)
. "$top_srcdir/tests/cli/outcome-lib.sh"

mkdir -p "$tmp/db"
for round in 1 2 3; do
    want=$((round * 150))
    : >"$tmp/acks.$round"
    "$RECORD_MANY" "$tmp/db" "kill$round" 1000000 >"$tmp/acks.$round" 2>"$tmp/err.$round" &
    pid=$!
    waited=0
    while [ "$(wc -l <"$tmp/acks.$round")" -lt "$want" ] && [ "$waited" -lt 600 ]; do
        sleep 0.05
        waited=$((waited + 1))
    done
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
    acked=$(wc -l <"$tmp/acks.$round" | tr -d ' ')
    echo "# round $round: killed after $acked acknowledgements"
    check_eq "round $round: the writer got going" yes "$([ "$acked" -ge "$want" ] && echo yes)"
    if [ "$round" -eq 1 ]; then
        check_eq "after kill -9 the WAL is left, owner and group only" 660 \
            "$(stat -c %a "$tmp/db/outcomes.db-wal")"
        check_eq "so is the shared-memory file" 660 "$(stat -c %a "$tmp/db/outcomes.db-shm")"
    fi
    missing=$(db_query "SELECT ref FROM cases WHERE ref LIKE 'kill$round-%'" |
        sort >"$tmp/stored.$round"; sort "$tmp/acks.$round" | comm -23 - "$tmp/stored.$round" | wc -l | tr -d ' ')
    check_eq "round $round: every acknowledged outcome is stored" 0 "$missing"
done
check_eq "the database is sound" ok "$(db_query "PRAGMA integrity_check")"
ec_outcome record --db "$tmp/db" --case after-kill --result resolved
check_eq "and takes records again" 0 "$rc"
finish
