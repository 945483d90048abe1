#!/bin/sh
# search --filter and --status: a filter keeps only matching results (same
# field ORed, different fields ANDed); an unknown field is a usage error that
# lists the fields; drafts are hidden unless asked for.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
# A draft copy of a published playbook, under its own id.
sed -e 's/id="legal.threatens-lawyer" status="published"/id="legal.threatens-lawyer-draft" status="draft"/' \
    "$top_srcdir/playbooks/legal/threatens-lawyer.xml" >"$tmp/pb/legal/threatens-lawyer-draft.xml"
check_eq "draft copy made" 1 "$(grep -c 'id="legal.threatens-lawyer-draft" status="draft"' "$tmp/pb/legal/threatens-lawyer-draft.xml")"
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"

ec_search --json --limit 100 --filter category=billing refund charged
check_eq "category=billing: exit status" 0 "$rc"
check_eq "category=billing: only billing results" "billing" "$(json_ids category)"
ec_search --json --limit 100 refund charged
check_eq "unfiltered: other categories too" yes \
    "$([ "$(json_ids category | wc -l)" -gt 1 ] && echo yes)"

ec_search --json --limit 100 --filter category=billing --filter category=legal refund solicitor charged
check_eq "category=billing or legal: both, nothing else" "billing
legal" "$(json_ids category)"
ec_search --json --limit 100 --filter category=billing --filter kind=article refund
check_eq "category=billing and kind=article: billing articles only" "article billing" \
    "$(json_ids kind) $(json_ids category)"

ec_search --json --limit 100 --filter kind=article refund charged
check_eq "kind=article: exit status" 0 "$rc"
check_eq "kind=article: only articles" "article" "$(json_ids kind)"
check_eq "kind=article: no paths" "None" "$(json_ids path)"
ec_search --json --limit 100 --filter kind=playbook refund charged
check_eq "kind=playbook: only playbooks" "playbook" "$(json_ids kind)"

ec_search --json --filter category=no-such-category refund
check_eq "no match for the filter: exit status" 0 "$rc"
check_eq "no match for the filter: empty" "0 []" "$(json_get total) $(json_get results)"

ec_search --json --filter colour=red refund
check_eq "unknown field: exit status" 2 "$rc"
check_eq "unknown field: nothing on stdout" "" "$(cat "$tmp/out")"
check_eq "unknown field: the message lists the fields" \
    'edgecase search: cannot filter on "colour"; fields are category, channel, product, severity, impact, status, kind, tag, authority, id' \
    "$(head -n 1 "$tmp/err")"
check_grep "unknown field: usage follows" "usage: edgecase search" "$tmp/err"
ec_search --json --filter category refund
check_eq "filter without =VALUE: exit status" 2 "$rc"
check_grep "filter without =VALUE: says so" 'edgecase search: --filter takes FIELD=VALUE, not "category"' "$tmp/err"

# Drafts: hidden by default, shown with --status any or --status draft.
ec_search --json --limit 100 solicitor letter before action
check_eq "default status: the published playbook is found" "legal.threatens-lawyer" \
    "$(json_ids | grep -x legal.threatens-lawyer)"
check_eq "default status: the draft is hidden" "" "$(json_ids | grep -x legal.threatens-lawyer-draft)"
ec_search --json --filter id=legal.threatens-lawyer-draft solicitor
check_eq "default status, draft id filter: nothing" "0" "$(json_get total)"
ec_search --json --limit 100 --status any solicitor letter before action
check_eq "--status any: draft and published both found" "legal.threatens-lawyer
legal.threatens-lawyer-draft" "$(json_ids | grep -x 'legal.threatens-lawyer\(-draft\)\{0,1\}')"
ec_search --json --limit 100 --status draft solicitor letter before action
check_eq "--status draft: only the draft" "legal.threatens-lawyer-draft" "$(json_ids)"
ec_search --json --status bogus solicitor
check_eq "--status bogus: exit status" 2 "$rc"
finish
