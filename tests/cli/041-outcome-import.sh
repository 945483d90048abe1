#!/bin/sh
# outcome import: JSON Lines of the record fields; every bad line reported as
# FILE:LINE: message (exit 1), every good line stored; '-' reads stdin.
. "$top_srcdir/tests/cli/outcome-lib.sh"

cp "$top_srcdir/tests/cli/outcomes/day.jsonl" "$tmp/day.jsonl" # also the fuzz seeds
ec_outcome import --db "$tmp/db" "$tmp/day.jsonl"
check_eq "import: exit status 1 (bad lines)" 1 "$rc"
f="$tmp/day.jsonl"
check_eq "import: each bad line, by number" "$f:2: not JSON
$f:4: result: \"maybe\" is not resolved, escalated or unresolved
$f:5: expected a JSON object of the fields case, path, result, fcr, heard, trust, handle_time, agent, channel, note, closed_at
$f:7: trust: \"9\" is not a number from 1 to 5
$f:8: unknown field \"colour\"; fields are case, path, result, fcr, heard, trust, handle_time, agent, channel, note, closed_at
$f:9: case: a case reference is required
$f:10: fcr: a case that was not resolved cannot be resolved at first contact
imported 3 outcomes from $f; 7 bad lines" "$(sed 's/: not JSON: .*/: not JSON/' "$tmp/err")"
check_eq "import: the good lines are stored" "I-1|resolved|1|1|4|200.0|2026-03-02
I-4|escalated|0||||2026-03-02
I-8|resolved||||61.5|now" \
    "$(db_query "SELECT c.ref, result, fcr, heard, trust, handle_seconds, CASE WHEN c.ref = 'I-8' THEN iif(abs(closed_at - unixepoch()) < 600, 'now', closed_at) ELSE date(closed_at, 'unixepoch') END FROM outcomes JOIN cases c ON c.id = case_id ORDER BY c.ref")"
check_eq "import: notes are redacted" "IBAN [iban]" "$(db_query "SELECT note FROM outcomes WHERE note IS NOT NULL")"

printf '%s\n' '{"case": "S-1", "result": "resolved"}' '{"case": "S-2"}' |
    "$EDGECASE" outcome import --db "$tmp/db" - >"$tmp/out" 2>"$tmp/err"
check_eq "stdin: exit status" 1 "$?"
check_eq "stdin: named stdin" "stdin:2: result: required (resolved, escalated or unresolved)
imported 1 outcome from stdin; 1 bad line" "$(cat "$tmp/err")"

: >"$tmp/empty.jsonl"
ec_outcome import --db "$tmp/db" "$tmp/empty.jsonl"
check_eq "empty file: nothing to do, exit 0" "0 imported 0 outcomes from $tmp/empty.jsonl; 0 bad lines" "$rc $(cat "$tmp/err")"

ec_outcome import --db "$tmp/db" "$tmp/missing.jsonl"
check_eq "missing file: exit status 1" 1 "$rc"
check_grep "missing file: named" "cannot read $tmp/missing.jsonl: No such file or directory" "$tmp/err"
ec_outcome import --db "$tmp/db"
check_eq "no file: usage" 2 "$rc"

# A large file goes in batches: 2,500 lines, all stored.
python3 -c '
for i in range(2500):
    print("{\"case\": \"B-%d\", \"result\": \"%s\"}" % (i, "resolved" if i % 3 else "unresolved"))
' >"$tmp/big.jsonl"
ec_outcome import --db "$tmp/db" "$tmp/big.jsonl"
check_eq "big: all stored" "0 imported 2500 outcomes from $tmp/big.jsonl; 0 bad lines" "$rc $(cat "$tmp/err")"
check_eq "big: counted" 2504 "$(db_query "SELECT count(*) FROM outcomes")"
finish
