#!/bin/sh
# A word the customer repeats counts each time it is said: the searcher reads
# its posting list once and scales its weight by the count, which must rank
# exactly as ORing it that many times did. "refund lawyer" leans to the
# refund playbook; saying "lawyer" twice tips it to the lawyer playbook,
# wherever the second "lawyer" comes.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"

check_eq "once each: the refund playbook leads" \
    "billing.refund-not-received" "$(top_id "refund lawyer")"
check_eq "lawyer said twice, together: the lawyer playbook leads" \
    "legal.threatens-lawyer" "$(top_id "refund lawyer lawyer")"
check_eq "lawyer said twice, apart: the same" \
    "legal.threatens-lawyer" "$(top_id "lawyer refund lawyer")"
check_eq "refund said twice: the refund playbook still leads" \
    "billing.refund-not-received" "$(top_id "refund lawyer refund")"

# Identical results, order and scores, for the same words in another order.
ec_search --json --limit 10 "lawyer refund lawyer"
a=$(python3 -c 'import json,sys; print([(r["id"], r["path"], r["score"]) for r in json.load(open(sys.argv[1]))["results"]])' "$tmp/out")
ec_search --json --limit 10 "refund lawyer lawyer"
b=$(python3 -c 'import json,sys; print([(r["id"], r["path"], r["score"]) for r in json.load(open(sys.argv[1]))["results"]])' "$tmp/out")
check_eq "word order of a repeat changes nothing" "$a" "$b"
finish
