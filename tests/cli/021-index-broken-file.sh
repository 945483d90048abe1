#!/bin/sh
# A file that breaks after it was indexed: the run reports it as FILE:LINE:
# message and exits 1, keeps the last good version searchable, and still
# indexes the other changed files.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
n=$(count_xml "$tmp/pb")
ec_index "$tmp/pb"
check_eq "good tree exit status" 0 "$rc"

refund=billing/refund-not-received.xml
roaming=billing/bill-shock-roaming.xml
# What search returns for both playbooks while they are good. The step text
# queried is only in the good versions.
ec_search --json --limit 100 --filter id=billing.refund-not-received refund
good_refund_paths=$(json_ids path)
ec_search --json --limit 100 --filter id=billing.refund-not-received rejection reason closed card sort code
good_refund_steps=$(json_ids path)
ec_search --json --limit 100 --filter id=billing.bill-shock-roaming roaming
good_roaming_paths=$(json_ids path)
check_eq "good refund playbook found" "yes" "$([ -n "$good_refund_paths" ] && echo yes)"
check_eq "good refund step text found" "overdue-or-rejected" "$(echo "$good_refund_steps" | grep -x overdue-or-rejected)"
check_eq "good roaming playbook found" "yes" "$([ -n "$good_roaming_paths" ] && echo yes)"

# Break one file by the rules (no <step> left in any path), another by XML
# (an unclosed element), and change a third one properly.
sed '/<step>/d' "$top_srcdir/playbooks/$refund" >"$tmp/pb/$refund"
sed 's|</title>|</titel>|' "$top_srcdir/playbooks/$roaming" >"$tmp/pb/$roaming"
echo '<!-- edited by 021-index-broken-file -->' >>"$tmp/pb/billing/double-charge.xml"
first_path_line=$(grep -n '<path ' "$tmp/pb/$refund" | head -n 1 | cut -d: -f1)
bad_title_line=$(grep -n '</titel>' "$tmp/pb/$roaming" | head -n 1 | cut -d: -f1)

ec_index "$tmp/pb"
check_eq "broken files: exit status" 1 "$rc"
check_eq "broken files: the good edit indexed, both broken files failed" \
    "indexed $n files into $tmp/db: 0 added, 1 updated, 0 removed, $((n - 3)) unchanged, 2 failed" "$summary"
check_grep "rule problem named FILE:LINE: message" \
    "$tmp/pb/$refund:$first_path_line: <path id=\"issued-within-timescale\"> needs at least one <step>" "$tmp/err"
check_grep "XML problem named FILE:LINE: message" \
    "$tmp/pb/$roaming:$bad_title_line: not well-formed XML:" "$tmp/err"
check_eq "nothing on stdout" "" "$(cat "$tmp/out")"

# The last good versions are still what search returns.
ec_search --json --limit 100 --filter id=billing.refund-not-received refund
check_eq "old refund paths still returned" "$good_refund_paths" "$(json_ids path)"
ec_search --json --limit 100 --filter id=billing.refund-not-received rejection reason closed card sort code
check_eq "old refund step text still found" "$good_refund_steps" "$(json_ids path)"
ec_search --json --limit 100 --filter id=billing.bill-shock-roaming roaming
check_eq "old roaming paths still returned" "$good_roaming_paths" "$(json_ids path)"
# The good edit was committed beside them.
ec_search --json --filter id=billing.double-charge charged twice
check_eq "edited playbook still searchable" "billing.double-charge" "$(json_ids)"

# A run with the files still broken fails the same way and changes nothing.
ec_index "$tmp/pb"
check_eq "still broken: exit status" 1 "$rc"
check_eq "still broken: both fail again, the rest unchanged" \
    "indexed $n files into $tmp/db: 0 added, 0 updated, 0 removed, $((n - 2)) unchanged, 2 failed" "$summary"

# Fixed again: the files are indexed and the run succeeds.
cp "$top_srcdir/playbooks/$refund" "$tmp/pb/$refund"
cp "$top_srcdir/playbooks/$roaming" "$tmp/pb/$roaming"
ec_index "$tmp/pb"
check_eq "fixed: exit status" 0 "$rc"
check_eq "fixed: exit status and summary" \
    "indexed $n files into $tmp/db: 0 added, 0 updated, 0 removed, $n unchanged, 0 failed" "$summary"
finish
