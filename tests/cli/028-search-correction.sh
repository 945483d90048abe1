#!/bin/sh
# Spelling correction: a misspelt query is run as its correction, reported in
# "corrected" (JSON) and "showing results for" (text); a well-spelt query and
# --no-correction leave "corrected" null.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"

ec_search --json "duplicate paymnet"
check_eq "misspelt: exit status" 0 "$rc"
check_eq "misspelt: query echoed as typed" '"duplicate paymnet"' "$(json_get query)"
check_eq "misspelt: corrected" '"duplicate payment"' "$(json_get corrected)"
check_eq "misspelt: the corrected query finds the double-charge playbook" "billing.double-charge" \
    "$(json_ids | grep -x billing.double-charge)"

ec_search --json "duplicate payment"
check_eq "well spelt: corrected is null" "null" "$(json_get corrected)"
ec_search --json --no-correction "duplicate paymnet"
check_eq "--no-correction: exit status" 0 "$rc"
check_eq "--no-correction: corrected is null" "null" "$(json_get corrected)"

ec_search "duplicate paymnet"
check_eq "text: says what was run" 'showing results for "duplicate payment" (you typed "duplicate paymnet")' \
    "$(head -n 1 "$tmp/out")"
echo "duplicate paymnet" | "$EDGECASE" search --db "$tmp/db" --batch >"$tmp/out" 2>"$tmp/err"
check_eq "batch: corrected" '"duplicate payment"' "$(json_get corrected)"
finish
