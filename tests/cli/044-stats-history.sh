#!/bin/sh
# stats: the figures of a deterministic synthetic history (tests/outcomes/
# gen-history.py, seeded) checked against the same figures worked out in
# Python from their definitions, for every grouping over all time and over
# two windows; and the text table for people.
. "$top_srcdir/tests/cli/outcome-lib.sh"
gen="$top_srcdir/tests/outcomes/gen-history.py"

copy_playbooks
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"
python3 "$gen" generate --seed 20261123 --count 3000 --playbooks "$tmp/pb" \
    "$tmp/history.jsonl" "$tmp/expect.json"
ec_outcome import --db "$tmp/db" "$tmp/history.jsonl"
check_eq "import: the whole history" "0 imported 3000 outcomes from $tmp/history.jsonl; 0 bad lines" \
    "$rc $(grep -v 'warning: retired.old-playbook#old-path' "$tmp/err")"

for window in "- -" "2026-02-01 2026-03-15" "2026-04-01 -"; do
    set -- $window
    since=$1 until=$2
    for by in - playbook path category channel agent day week month; do
        args=
        [ "$by" = - ] || args="$args --by $by"
        [ "$since" = - ] || args="$args --since $since"
        [ "$until" = - ] || args="$args --until $until"
        ec_stats --json $args
        check_eq "stats$args: exit status" 0 "$rc"
        check_eq "stats$args: the figures" "" \
            "$(python3 "$gen" compare "$tmp/expect.json" "$by" "$since" "$until" "$tmp/out")"
    done
done

ec_stats --by channel --since 2026-02-01 --until 2026-03-15
check_eq "text: exit status" 0 "$rc"
check_eq "text: the title" "outcomes closed from 2026-02-01 to 2026-03-15 (UTC), by channel" "$(head -n 1 "$tmp/out")"
check_eq "text: the header" "channel uses resolved 95% CI FCR heard trust escalated AHT QAHT" \
    "$(sed -n 2p "$tmp/out" | tr -s ' ')"
check_eq "text: a row a channel, one without, and the total" "(none) chat email sms social total voice" \
    "$(sed -n '3,9p' "$tmp/out" | awk '{print $1}' | sort | tr '\n' ' ' | sed 's/ $//')"
ec_stats --json --since 2026-02-01 --until 2026-03-15
uses=$(json_path 'd["total"]["uses"]')
ec_stats --by channel --since 2026-02-01 --until 2026-03-15
check_eq "text: the total row's uses" "$uses" "$(awk '$1 == "total" {print $2}' "$tmp/out")"

ec_stats --since 2030-01-01
check_eq "text: nothing in the window" "no outcomes recorded in that time" "$(sed -n 2p "$tmp/out")"

ec_stats --by year
check_eq "bad --by: exit status 2" 2 "$rc"
check_grep "bad --by: lists the groupings" "--by is playbook, path, category, channel, agent, day, week or month, not \"year\"" "$tmp/err"
ec_stats --since 2026-13-01
check_eq "bad date: exit status 2" 2 "$rc"
check_grep "bad date: named" 'not a date: "2026-13-01"; dates are YYYY-MM-DD' "$tmp/err"
finish
