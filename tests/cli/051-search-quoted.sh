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
# Stopwords are not indexed (layout 4); inside quotes they are dropped too,
# or "after a failed payment" would need the term "a" and match nothing.
check_eq "quoted words with stopwords: found" "billing.double-charge" \
    "$(top_id '"charged twice after a failed payment"')"
check_eq "quoted words with stopwords in a field: found" "billing.double-charge" \
    "$(top_id 'title:"Customer charged twice after a failed payment"')"
check_eq "a quoted stopword alone: nothing to find" "-" "$(top_id 'title:"the"')"
finish
