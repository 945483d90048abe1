#!/bin/sh
# edgecase scenarios on the seeded synthetic history: every published
# playbook's scenarios in the order the score gives (worked out apart by
# tests/report/gen-history.py), the best path, the hard cases' searches
# (redacted, latest first), the filters, and the md and HTML forms.
. "$top_srcdir/tests/cli/index-lib.sh"
gen="$top_srcdir/tests/report/gen-history.py"

"$EDGECASE" scenarios --db "$tmp/db" >/dev/null 2>"$tmp/err"
check_eq "no index: exits 1" 1 $?
check_grep "no index: says what to run" "run 'edgecase index --db $tmp/db PLAYBOOKS' first" "$tmp/err"

"$EDGECASE" index --db "$tmp/db" "$top_srcdir/playbooks" >/dev/null 2>&1 || { echo "index failed"; exit 1; }
"$EDGECASE" scenarios --db "$tmp/db" --json >"$tmp/none.json"
check_eq "without outcomes every scenario scores 0" "46 0.0" "$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["scenarios"]
print(len(s), max(x["score"] for x in s))' "$tmp/none.json")"

python3 "$gen" generate --seed 6 --playbooks "$top_srcdir/playbooks" "$tmp/h" || exit 1
"$EDGECASE" outcome import --db "$tmp/db" "$tmp/h/outcomes.jsonl" >/dev/null 2>&1 || exit 1
python3 "$gen" insert-searches "$tmp/db/outcomes.db" "$tmp/h/searches.json" || exit 1

"$EDGECASE" scenarios --db "$tmp/db" --json >"$tmp/all.json"
check_eq "scenarios --json exits 0" 0 $?
python3 "$gen" check-scenarios "$tmp/h/expect.json" "$tmp/all.json" >"$tmp/diff"
check_eq "order, scores, best paths and hard cases as worked out apart" "" "$(cat "$tmp/diff")"
check_eq "a playbook used less but going badly outranks one used more and handled well" \
    "bereavement.account-holder-died outage.area-outage True" "$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["scenarios"]
print(s[0]["playbook"], s[1]["playbook"], s[0]["uses"] < s[1]["uses"])' "$tmp/all.json")"

for f in difficulty=hard category=bereavement impact=high; do
    k=${f%%=*} v=${f#*=}
    "$EDGECASE" scenarios --db "$tmp/db" --json --$k "$v" >"$tmp/f.json"
    python3 "$gen" check-scenarios "$tmp/h/expect.json" "$tmp/f.json" "$f" >"$tmp/diff"
    check_eq "--$k $v keeps the order of the rest" "" "$(cat "$tmp/diff")"
done
"$EDGECASE" scenarios --db "$tmp/db" --json --difficulty hard --category account --limit 2 >"$tmp/f.json"
check_eq "--limit with two filters" "2 hard account" "$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["scenarios"]
print(len(s), *sorted({x["difficulty"] for x in s} | {x["category"] for x in s}, reverse=True))' "$tmp/f.json")"

# A search with a card number, made during a new escalated case: it is the
# playbook's latest hard case, and it comes out redacted.
"$EDGECASE" outcome record --db "$tmp/db" --case PLANT-1 --result escalated \
    --path language.interpreter-needed#languageline-conference --closed-at 2027-02-01 >/dev/null
python3 -c '
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
with con:
    con.execute("INSERT INTO searches (at, query, shown, n_shown, top_score, case_ref) VALUES "
                "(1801000000, ?, \"[]\", 0, 0.4, \"PLANT-1\")",
                ("she says pay with card 4111 1111 1111 1111 and email jo@example.com",))' "$tmp/db/outcomes.db"
"$EDGECASE" scenarios --db "$tmp/db" --json --category language >"$tmp/f.json"
check_eq "the latest hard case first, redacted" "she says pay with card [card] and email [email]" "$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["scenarios"]
print([x for x in s if x["playbook"] == "language.interpreter-needed"][0]["hard_cases"][0]["text"])' "$tmp/f.json")"

# Markdown (the default) and HTML.
"$EDGECASE" scenarios --db "$tmp/db" --format md --category language >"$tmp/pack.md"
check_eq "md: a title" "# Trainer pack: role-play scenarios" "$(head -1 "$tmp/pack.md")"
check_grep "md: the redacted verbatim quoted, escaped" "> she says pay with card \\[card\\] and email \\[email\\] (2027-01-26)" "$tmp/pack.md"
check_grep "md: acknowledge lines" "**Acknowledge first:**" "$tmp/pack.md"
"$EDGECASE" scenarios --db "$tmp/db" --format html >"$tmp/pack.html"
check_eq "html: one section a scenario" 46 "$(grep -c '<section class="scenario"' "$tmp/pack.html")"
check_eq "html: nothing external" 0 "$(grep -ciE 'src=|href=|url\(|@import|<script' "$tmp/pack.html")"
check_grep "html: the verbatim escaped" "<blockquote>she says pay with card [card] and email [email]</blockquote>" "$tmp/pack.html"

"$EDGECASE" scenarios --db "$tmp/db" --difficulty brutal >/dev/null 2>"$tmp/err"
check_eq "bad difficulty: usage error" 2 $?
"$EDGECASE" scenarios --db "$tmp/db" --format text >/dev/null 2>"$tmp/err"
check_eq "text is not a scenarios format (md is)" 2 $?
finish
