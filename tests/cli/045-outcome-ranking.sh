#!/bin/sh
# Outcome-aware ranking: recorded outcomes reorder two near-equal paths; two
# lucky uses do not lift a path to the top; and the best outcomes do not lift
# a poor text match over a clearly better one.
. "$top_srcdir/tests/cli/outcome-lib.sh"

copy_playbooks billing
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"
q="my payment bounced"
pb=billing.direct-debit-failed

# rank_of PATH: the rank of PATH (ID#PATH) for $q, or "none".
rank_of() {
    ec_search --json --limit 10 "$q"
    json_path 'next((str(r["rank"]) for r in d["results"] if "%s#%s" % (r["id"], r["path"]) == "'"$1"'"), "none")'
}
# record N RESULT PATH
record() {
    i=0
    while [ "$i" -lt "$1" ]; do
        i=$((i + 1))
        printf '{"case": "%s-%s-%d", "path": "%s", "result": "%s"}\n' "$3" "$2" "$i" "$3" "$2"
    done >>"$tmp/batch.jsonl"
}
load() {
    ec_outcome import --db "$tmp/db" "$tmp/batch.jsonl"
    check_eq "import: $1" 0 "$rc"
    : >"$tmp/batch.jsonl"
}

# Without outcomes: the text ranking, the playbook's three paths first and
# near-equal (they share the playbook's text).
ec_search --json --limit 10 "$q"
first=$(json_path '"%s#%s" % (d["results"][0]["id"], d["results"][0]["path"])')
second=$(json_path '"%s#%s" % (d["results"][1]["id"], d["results"][1]["path"])')
third=$(json_path '"%s#%s" % (d["results"][2]["id"], d["results"][2]["path"])')
check_eq "text only: the playbook's three paths lead" \
    "$pb#cannot-pay-hardship $pb#pay-now-stop-retry $pb#restriction-applied" \
    "$(printf '%s\n' "$first" "$second" "$third" | sort | tr '\n' ' ' | sed 's/ $//')"
check_eq "text only: near-equal, within 5%" yes \
    "$(json_path 'd["results"][2]["score"] >= 0.95 * d["results"][0]["score"] and "yes"')"
poor=billing.double-charge#two-card-payments
poor_rank=$(rank_of "$poor")
check_eq "text only: a poor match further down" yes "$([ "$poor_rank" != none ] && [ "$poor_rank" -gt 3 ] && echo yes)"
check_eq "text only: it scores under a third of the best" yes \
    "$(json_path 'd["results"][0]["score"] > 3 * next(r["score"] for r in d["results"] if r["path"] == "two-card-payments") and "yes"')"

# Two lucky uses of the third path, two failures of the first: no change.
record 2 resolved "$third"
record 2 unresolved "$first"
load "two uses each"
check_eq "two uses: the first stays first" 1 "$(rank_of "$first")"
check_eq "two uses: the third does not jump to the top" yes "$([ "$(rank_of "$third")" -gt 1 ] && echo yes)"

# Thirty outcomes each: the third path works, the first does not.
record 25 resolved "$third"
record 3 unresolved "$third"
record 3 resolved "$first"
record 25 unresolved "$first"
load "thirty uses each"
check_eq "outcomes: the path that works comes first" 1 "$(rank_of "$third")"
check_eq "outcomes: the one that does not drops below it" yes \
    "$([ "$(rank_of "$first")" -gt 1 ] && echo yes)"
ec_search --json --limit 10 "$q"
check_eq "outcomes: uses and success rate shown" "30 0.9" \
    "$(json_path '" ".join(str(r[k]) for r in d["results"] if "%s#%s" % (r["id"], r["path"]) == "'"$third"'" for k in ("uses", "success_rate"))')"
check_eq "outcomes: scores stay within [0, 1] and in rank order" yes \
    "$(json_path 'all(0 <= r["score"] <= 1 for r in d["results"]) and [r["rank"] for r in d["results"]] == list(range(1, len(d["results"]) + 1)) and [r["score"] for r in d["results"]] == sorted([r["score"] for r in d["results"]], reverse=True) and "yes"')"

# A poor text match with perfect outcomes, the best match with bad ones.
record 300 resolved "$poor"
record 300 unresolved "$first"
record 300 unresolved "$second"
record 300 unresolved "$third"
load "three hundred uses"
check_eq "clearly better text: the poor match is not lifted above it" yes \
    "$([ "$(rank_of "$poor")" -gt 3 ] && echo yes)"
check_eq "clearly better text: the playbook's paths still lead" \
    "$pb#cannot-pay-hardship $pb#pay-now-stop-retry $pb#restriction-applied" \
    "$(json_path '" ".join(sorted("%s#%s" % (r["id"], r["path"]) for r in d["results"][:3]))')"

# Pages cut from the re-ranked list: offset-free limit 2 equals the top two of 10.
ec_search --json --limit 10 "$q"
top2=$(json_path '[r["path"] for r in d["results"][:2]]')
ec_search --json --limit 2 "$q"
check_eq "a shorter page is the head of the longer one" "$top2" "$(json_path '[r["path"] for r in d["results"]]')"
finish
