#!/bin/sh
# edgecase index is incremental: a second run over the same tree changes
# nothing; a file whose content changed is the only one re-indexed; a deleted
# file is removed from the index and search no longer finds it.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
n=$(count_xml "$tmp/pb")

ec_index "$tmp/pb"
check_eq "first run exit status" 0 "$rc"
check_eq "first run adds every file" \
    "indexed $n files into $tmp/db: $n added, 0 updated, 0 removed, 0 unchanged, 0 failed" "$summary"

ec_index "$tmp/pb"
check_eq "second run exit status" 0 "$rc"
check_eq "second run: every file unchanged" \
    "indexed $n files into $tmp/db: 0 added, 0 updated, 0 removed, $n unchanged, 0 failed" "$summary"

# Same bytes, new mtime: still unchanged (the content hash decides).
touch "$tmp/pb/billing/refund-not-received.xml"
ec_index "$tmp/pb"
check_eq "touched mtime only: every file unchanged" \
    "indexed $n files into $tmp/db: 0 added, 0 updated, 0 removed, $n unchanged, 0 failed" "$summary"

# New content: only that file is re-indexed.
echo '<!-- edited by 020-index-incremental -->' >>"$tmp/pb/billing/double-charge.xml"
ec_index "$tmp/pb"
check_eq "edited file: exit status" 0 "$rc"
check_eq "edited file: 1 updated, the rest unchanged" \
    "indexed $n files into $tmp/db: 0 added, 1 updated, 0 removed, $((n - 1)) unchanged, 0 failed" "$summary"

# A deleted file leaves the index, and search stops finding it.
ec_search --json --filter id=delivery.wrong-item wrong item delivered
check_eq "before delete: search exit status" 0 "$rc"
check_eq "before delete: the playbook is found" "delivery.wrong-item" "$(json_ids)"
ec_search --json --limit 100 wrong item delivered
check_eq "before delete: found without a filter" "delivery.wrong-item" \
    "$(json_ids | grep -x delivery.wrong-item)"

rm "$tmp/pb/delivery/wrong-item.xml"
ec_index "$tmp/pb"
check_eq "deleted file: exit status" 0 "$rc"
check_eq "deleted file: 1 removed, the rest unchanged" \
    "indexed $((n - 1)) files into $tmp/db: 0 added, 0 updated, 1 removed, $((n - 1)) unchanged, 0 failed" "$summary"

ec_search --json --filter id=delivery.wrong-item wrong item delivered
check_eq "after delete: search exit status" 0 "$rc"
check_eq "after delete: no result with the id" "" "$(json_ids)"
check_eq "after delete: total is 0" "0" "$(json_get total)"
ec_search --json --limit 100 wrong item delivered
check_eq "after delete: not found without a filter" "" \
    "$(json_ids | grep -x delivery.wrong-item)"

# And a run after that is a no-op again.
ec_index "$tmp/pb"
check_eq "run after delete: every file unchanged" \
    "indexed $((n - 1)) files into $tmp/db: 0 added, 0 updated, 0 removed, $((n - 1)) unchanged, 0 failed" "$summary"
finish
