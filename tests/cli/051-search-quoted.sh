#!/bin/sh
# The index keeps no word positions (they were 37% of it): synonym phrases
# are terms made while indexing, and words in quotes match as all of them,
# in any order, in the whole text or in one field.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"
check_eq "no position table" "" "$(find "$tmp/db" -name 'position.*' -size +0 | head -1)"

check_eq "quoted words: found" "legal.threatens-lawyer" "$(top_id '"letter before action"')"
check_eq "quoted words in another order: found all the same" \
    "legal.threatens-lawyer" "$(top_id '"action before letter"')"
check_eq "quoted words in a field: found" "billing.double-charge" "$(top_id 'title:"charged twice"')"
finish
