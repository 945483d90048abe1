#!/bin/sh
# edgecase patterns on the synthetic history of tests/insights/history.py:
# the planted eSIM pattern, the failing and the falling path, the stale
# playbooks, exactly; drafts from --emit-drafts pass lint.
. "$top_srcdir/tests/cli/index-lib.sh"
copy_playbooks
# A copy whose review-by has passed, and one published, never used and
# unchanged for a year.
sed -e 's/id="billing.price-rise-dispute"/id="billing.price-rise-dispute-2025"/' \
    -e 's|<review-by>[^<]*</review-by>|<review-by>2026-01-31</review-by>|' \
    "$top_srcdir/playbooks/billing/price-rise-dispute.xml" >"$tmp/pb/billing/price-rise-dispute-2025.xml"
sed -e 's/id="delivery.wrong-item"/id="delivery.wrong-item-legacy"/' \
    "$top_srcdir/playbooks/delivery/wrong-item.xml" >"$tmp/pb/delivery/wrong-item-legacy.xml"
touch -d 2025-06-01 "$tmp/pb/delivery/wrong-item-legacy.xml"
db="$tmp/db"
"$EDGECASE" index --db "$db" "$tmp/pb" >/dev/null 2>&1 || { echo "index failed"; exit 1; }
python3 "$top_srcdir/tests/insights/history.py" outcomes >"$tmp/outcomes.jsonl"
"$EDGECASE" outcome import --db "$db" "$tmp/outcomes.jsonl" 2>"$tmp/import.err" ||
    { cat "$tmp/import.err"; exit 1; }
python3 "$top_srcdir/tests/insights/history.py" searches "$db"

"$EDGECASE" patterns --db "$db" --json >"$tmp/p.json"
check_eq "patterns --json exits 0" 0 $?
python3 - "$tmp/p.json" >"$tmp/checks" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def out(name, value): print("%s=%s" % (name, json.dumps(value, sort_keys=True)))
out("period", [d["period"]["since"], d["period"]["until"]])
out("previous", [d["previous_period"]["since"], d["previous_period"]["until"]])
esim = [p for p in d["patterns"] if "esim" in p["label"].lower()]
out("esim_patterns", len(esim))
e = esim[0] if esim else {}
members = e.get("members", [])
out("esim_members", sum("esim" in m["text"] for m in members))
all_esim = sum("esim" in m["text"] for p in d["patterns"] for m in p["members"])
out("esim_everywhere", all_esim)
out("esim_first", d["patterns"][0]["label"] == e.get("label"))
out("esim_size_previous", [e.get("size"), e.get("previous"), e.get("trend")])
out("esim_cases", [e.get("cases"), e.get("escalated"), e.get("share_escalated"),
                   e.get("heard_known"), e.get("not_heard"), e.get("share_not_heard")])
out("members_have_times", all(m["text"] and m["at"] for m in members) and len(members) == e.get("size"))
out("nearest_has_score", e.get("nearest") is not None and 0 <= e["nearest"]["score"] <= 1)
meter = [p for p in d["patterns"] if any("case" in m["why"] and "meter" in m["text"] for m in p["members"])]
out("meter_notes", sum("meter" in m["text"] for p in meter for m in p["members"]))
out("weak_paths", [[w["playbook"] + "#" + w["path"], w["category"], w["uses"], w["resolved"],
                    w["below_category"], w["falling"], w["previous_uses"]] for w in d["weak_paths"]])
out("stale", [[s["id"], s["why"]] for s in d["stale"]])
PY
check_eq "period" 'period=["2026-03-04T00:00:00Z", "2026-06-02T00:00:00Z"]' "$(grep '^period=' "$tmp/checks")"
check_eq "previous period" 'previous=["2025-12-04T00:00:00Z", "2026-03-04T00:00:00Z"]' "$(grep '^previous=' "$tmp/checks")"
check_eq "one eSIM pattern" 'esim_patterns=1' "$(grep '^esim_patterns=' "$tmp/checks")"
check_eq "all 40 eSIM searches in it" 'esim_members=40' "$(grep '^esim_members=' "$tmp/checks")"
check_eq "and nowhere else" 'esim_everywhere=40' "$(grep '^esim_everywhere=' "$tmp/checks")"
check_eq "the largest pattern" 'esim_first=true' "$(grep '^esim_first=' "$tmp/checks")"
# 40 eSIM searches and 9 background ones that share its words, each of which
# is also in the previous period (the background repeats each period).
check_eq "size, previous, trend" 'esim_size_previous=[49, 9, "rising"]' "$(grep '^esim_size_previous=' "$tmp/checks")"
check_eq "escalated and not heard" 'esim_cases=[40, 20, 0.5, 30, 12, 0.4]' "$(grep '^esim_cases=' "$tmp/checks")"
check_eq "every member with its time" 'members_have_times=true' "$(grep '^members_have_times=' "$tmp/checks")"
check_eq "nearest playbook scored" 'nearest_has_score=true' "$(grep '^nearest_has_score=' "$tmp/checks")"
check_eq "case notes are unmet demand" 'meter_notes=6' "$(grep '^meter_notes=' "$tmp/checks")"
check_eq "weak paths" 'weak_paths=[["billing.double-charge#two-card-payments", "billing", 40, 10, true, true, 25], ["delivery.router-not-arrived#trace-stuck-parcel", "delivery", 30, 15, false, true, 30]]' \
    "$(grep '^weak_paths=' "$tmp/checks")"
check_eq "stale" 'stale=[["billing.price-rise-dispute-2025", ["review-by passed"]], ["delivery.wrong-item-legacy", ["unused"]]]' \
    "$(grep '^stale=' "$tmp/checks")"

# Text for people: the same findings.
"$EDGECASE" patterns --db "$db" >"$tmp/p.txt"
check_grep "text lists the eSIM pattern" "esim" "$tmp/p.txt"
check_grep "text flags the failing path" "billing.double-charge#two-card-payments" "$tmp/p.txt"
check_grep "text lists the stale copy" "billing.price-rise-dispute-2025: review-by passed" "$tmp/p.txt"

# Drafts: one per pattern, valid, passing lint.
"$EDGECASE" patterns --db "$db" --json --emit-drafts "$tmp/drafts" >"$tmp/p2.json"
n_patterns=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["patterns"]))' "$tmp/p2.json")
check_eq "a draft per pattern" "$n_patterns" "$(count_xml "$tmp/drafts")"
"$EDGECASE" lint "$tmp/drafts" >"$tmp/lint.out" 2>&1
check_eq "drafts pass lint" "0" "$?"
check_grep "lint saw no problem" "0 errors, 0 warnings" "$tmp/lint.out"
check_grep "the eSIM draft is a draft" 'id="draft.esim" status="draft" version="1"' "$tmp/drafts/draft.esim.xml"
check_grep "its customer phrases come from the searches" "<says>" "$tmp/drafts/draft.esim.xml"

# Bad dates are usage errors.
"$EDGECASE" patterns --db "$db" --since yesterday >/dev/null 2>"$tmp/err"
check_eq "bad --since exits 2" 2 $?
check_grep "and says what to write" "write YYYY-MM-DD" "$tmp/err"
# The quarterly report carries the same findings for its quarter.
"$EDGECASE" report --db "$db" --quarter 2026Q2 --json >"$tmp/r.json"
check_eq "report exits 0" 0 $?
check_eq "report: eSIM is the top pattern, weak path and stale playbooks listed" \
    "esim rising|billing.double-charge#two-card-payments|billing.price-rise-dispute-2025 delivery.wrong-item-legacy" \
    "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("%s %s|%s|%s" % (d["patterns"][0]["label"], d["patterns"][0]["trend"],
      " ".join(w["path"] for w in d["weak_paths"]), " ".join(s["id"] for s in d["stale"])))' "$tmp/r.json")"
"$EDGECASE" report --db "$db" --quarter 2026Q2 --format html -o "$tmp/r.html"
check_eq "report html: the patterns get a bar chart (10 charts)" 10 "$(grep -c '<svg ' "$tmp/r.html")"

[ "$failures" -eq 0 ]
