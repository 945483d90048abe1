#!/bin/sh
# edgecase report on a seeded synthetic history (tests/report/gen-history.py):
# the quarter's figures, the previous quarter's, the monthly trend, target
# status and the most used paths equal what the generator worked out apart;
# targets files; the HTML page is one self-contained file; usage errors.
. "$top_srcdir/tests/cli/index-lib.sh"
gen="$top_srcdir/tests/report/gen-history.py"

"$EDGECASE" index --db "$tmp/db" "$top_srcdir/playbooks" >/dev/null 2>&1 || { echo "index failed"; exit 1; }
python3 "$gen" generate --seed 6 --playbooks "$top_srcdir/playbooks" "$tmp/h" || exit 1
"$EDGECASE" outcome import --db "$tmp/db" "$tmp/h/outcomes.jsonl" >/dev/null || exit 1

"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 --json >"$tmp/report.json"
check_eq "report --json exits 0" 0 $?
python3 "$gen" check-report "$tmp/h/expect.json" "$tmp/report.json" >"$tmp/diff"
check_eq "figures, trend, targets and top paths as worked out apart" "" "$(cat "$tmp/diff")"

# The checker notices a wrong figure (it is not vacuous).
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["headline"][2]["value"] += 0.001
json.dump(d, open(sys.argv[1], "w"))' "$tmp/report.json"
python3 "$gen" check-report "$tmp/h/expect.json" "$tmp/report.json" >/dev/null
check_eq "a changed figure is caught" 1 $?

# --format json is --json; 2026-Q4 and 2026q4 name the same quarter.
"$EDGECASE" report --db "$tmp/db" --quarter 2026-q4 --format json >"$tmp/r2.json"
python3 "$gen" check-report "$tmp/h/expect.json" "$tmp/r2.json" >"$tmp/diff"
check_eq "--format json, 2026-q4" "" "$(cat "$tmp/diff")"

# The pattern sections are computed (checked in detail by 080-patterns.sh);
# this history logs no searches, so there are no unmet-demand patterns.
check_eq "pattern sections present; no patterns without searches" "True True True 0" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(*("patterns" in d, "weak_paths" in d, "stale" in d, len(d.get("patterns", []))))' "$tmp/r2.json")"

# Text: the status column and the quarter boundary.
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 >"$tmp/report.txt"
check_grep "text: headline with status" "Emotional validation (felt heard)                  88.5%   80.9%   +7.6 pts  85-95%  within, met" "$tmp/report.txt"
check_grep "text: a missed target" "70-80%  below, missed" "$tmp/report.txt"

# Targets: DBDIR/targets.json, then --targets FILE over it.
echo '{"emotional_validation": [0.90, 0.97], "first_contact_resolution": null,
       "escalation_rate": [0, 0.2]}' >"$tmp/db/targets.json"
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 --json >"$tmp/t.json"
check_eq "DBDIR/targets.json is read" \
    "$tmp/db/targets.json below None above False" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
h = {x["key"]: x for x in d["headline"]}
print(d["targets_from"], h["emotional_validation"]["status"], h["first_contact_resolution"]["status"],
      h["escalation_rate"]["status"], h["escalation_rate"]["met"])' "$tmp/t.json")"
echo '{"trust_index": [0.6, 0.7]}' >"$tmp/mine.json"
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 --targets "$tmp/mine.json" --json >"$tmp/t.json"
check_eq "--targets FILE replaces DBDIR/targets.json" "within within" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
h = {x["key"]: x for x in d["headline"]}
print(h["trust_index"]["status"], h["emotional_validation"]["status"])' "$tmp/t.json")"
rm "$tmp/db/targets.json"

echo '{"emotional_validation": [85, 95]}' >"$tmp/bad.json"
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 --targets "$tmp/bad.json" >/dev/null 2>"$tmp/err"
check_eq "a bad targets file exits 1" 1 $?
check_grep "the error names the file and the fix" "$tmp/bad.json: \"emotional_validation\" [85, 95] is not a range of shares from 0 to 1 (0.85, not 85)" "$tmp/err"
echo '{"felt_heard": [0.8, 0.9]}' >"$tmp/bad.json"
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 --targets "$tmp/bad.json" >/dev/null 2>"$tmp/err"
check_grep "an unknown metric lists the metrics" "no metric \"felt_heard\"; the metrics are resolution_rate," "$tmp/err"
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 --targets "$tmp/none.json" >/dev/null 2>"$tmp/err"
check_eq "a missing --targets file exits 1" 1 $?

# HTML: one file, nothing fetched, a chart per headline figure and the bars.
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 --format html -o "$tmp/report.html"
check_eq "report -o exits 0" 0 $?
check_eq "a trend chart per figure, one bar chart" 9 "$(grep -c '<svg ' "$tmp/report.html")"
check_eq "every chart has a title and a description" "9 9" \
    "$(grep -c '<title id=' "$tmp/report.html") $(grep -c '<desc id=' "$tmp/report.html")"
check_eq "nothing external (src=, href=, url(, @import, <script)" 0 \
    "$(grep -ciE 'src=|href=|url\(|@import|<script' "$tmp/report.html")"
check_eq "no temporary file left" "report.html" "$(cd "$tmp" && ls report.html*)"
python3 -c '
import html.parser, sys
class P(html.parser.HTMLParser):
    pass
P().feed(open(sys.argv[1]).read())' "$tmp/report.html"
check_eq "the page parses" 0 $?

# Usage errors.
"$EDGECASE" report --db "$tmp/db" >/dev/null 2>"$tmp/err"
check_eq "no --quarter: usage error" 2 $?
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q5 >/dev/null 2>"$tmp/err"
check_eq "bad quarter: usage error" 2 $?
check_grep "bad quarter: the error shows the form" "--quarter is YYYYQN (e.g. 2026Q4), not \"2026Q5\"" "$tmp/err"
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 --format pdf >/dev/null 2>&1
check_eq "bad format: usage error" 2 $?
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 -o "$tmp/no/such/dir/r.html" 2>"$tmp/err"
check_eq "unwritable -o exits 1" 1 $?
check_grep "unwritable -o names the file" "cannot write $tmp/no/such/dir/r.html" "$tmp/err"
finish
