#!/bin/sh
# search --batch --json and search --json keep the contract of FORMAT.md
# section 4 (checked by json-contract.py) on awkward input: one output line per
# input line, in order, whatever the line holds.
. "$top_srcdir/tests/cli/index-lib.sh"
contract="$top_srcdir/tests/cli/json-contract.py"

copy_playbooks
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"

# The validator itself catches a broken line (so an "ok" below means something).
printf '%s\n' '{"query":"x","corrected":null,"total":1,"results":[{"rank":2,"id":"a","path":null,"kind":"playbook","title":"t","path_title":"p","score":1.5,"snippet":"","success_rate":null,"uses":0,"escalate":0}]}' >"$tmp/bad.jsonl"
echo x >"$tmp/bad.in"
python3 "$contract" "$tmp/bad.jsonl" "$tmp/bad.in" >"$tmp/bad.out"
check_eq "validator rejects a broken line" 1 "$?"
check_eq "validator names each problem" 4 "$(wc -l <"$tmp/bad.out" | tr -d ' ')"

{
    echo "charged twice"
    echo ""
    echo "the and of to a it is"
    echo "   "
    echo "café naïve 日本語 ünïcödé — “smart quotes” 😀"
    echo "duplicate paymnet"
    python3 -c 'print(("my refund has not arrived and " * 80)[:2000])'
    echo '"letter before action"'
    echo "it's \"half quoted"
    echo "title:refund"
    echo "category:billing refund"
    echo "tag:refund"
    echo "AND OR NOT"
    echo "((("
    echo "*"
    echo "-refund"
    echo "x:y:z"
    printf 'tab\tseparated\tquery\n'
    echo "I want to cancel my contract"
    echo "solicitor"
    printf 'windows line ending\r\n'
    echo "\\u0000 \\\" backslash"
} >"$tmp/queries"
nq=$(wc -l <"$tmp/queries" | tr -d ' ')
check_eq "the query file has 22 lines" 22 "$nq"
check_eq "one line is 2000 characters" 2000 "$(awk 'length($0) > 1000 { print length($0) }' "$tmp/queries")"

ec_search --batch --json <"$tmp/queries"
check_eq "batch exit status" 0 "$rc"
check_eq "batch stderr" "" "$(cat "$tmp/err")"
check_eq "one output line per input line" "$nq" "$(wc -l <"$tmp/out" | tr -d ' ')"
check_eq "batch output keeps the contract" "ok $nq" "$(python3 "$contract" "$tmp/out" "$tmp/queries" 2>&1)"
cp "$tmp/out" "$tmp/batch.out"

# Some of those answers are known exactly.
line() { sed -n "$1p" "$tmp/batch.out" >"$tmp/out"; }
line 2
check_eq "empty line: no results" "0 []" "$(json_get total) $(json_get results)"
line 3
check_eq "stopwords only: no results" "0 []" "$(json_get total) $(json_get results)"
line 1
check_eq "charged twice: some result" yes "$([ "$(json_get total)" -gt 0 ] && echo yes)"
line 10
check_eq "title:refund: only titles with refund" "ok" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["results"], "no results"
for r in d["results"]:
    assert "refund" in (r["title"] + " " + (r["path_title"] or "")).lower(), r["title"]
print("ok")
' "$tmp/out" 2>&1)"

# Without --batch, --json prints one object for the whole command line.
ec_search --json charged twice
check_eq "search --json exit status" 0 "$rc"
check_eq "search --json keeps the contract" "ok 1" "$(python3 "$contract" "$tmp/out" 2>&1)"
check_eq "search --json echoes the query" '"charged twice"' "$(json_get query)"
ec_search --json --limit 3 --filter kind=article refund
check_eq "article results keep the contract" "ok 1" "$(python3 "$contract" "$tmp/out" 2>&1)"
check_eq "article filter: only articles" "article" "$(json_ids kind)"

# Facets only when asked: then every match is counted by kind, category and channel.
ec_search --json refund
check_eq "no facets unless asked" "no" "$(python3 -c '
import json, sys
print("yes" if "facets" in json.load(open(sys.argv[1])) else "no")' "$tmp/out")"
ec_search --json --facets refund
check_eq "--facets: the contract still holds" "ok 1" "$(python3 "$contract" "$tmp/out" 2>&1)"
check_eq "--facets: the kinds add up to the total" "ok" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = d["facets"]
assert set(f) == {"category", "kind", "channel"}, sorted(f)
# Counted before paths of one playbook are collapsed: at least the total.
assert sum(f["kind"].values()) >= d["total"] > 0, (f["kind"], d["total"])
assert sum(f["category"].values()) == sum(f["kind"].values()), f
print("ok")' "$tmp/out" 2>&1)"
finish
