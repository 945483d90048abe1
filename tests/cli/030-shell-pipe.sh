#!/bin/sh
# The shell read from a pipe: every command, with its exact output on the
# shipped playbooks (tests/cli/shell/session.in -> session.out): no prompt,
# no line editing, one block per command ended by an empty line, errors as
# "edgecase: ..." lines, exit status 1 because some commands were refused.
# Generated case references and handle times are normalised.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"

"$EDGECASE" shell --db "$tmp/db" --limit 3 --agent amira --channel voice \
    <"$top_srcdir/tests/cli/shell/session.in" >"$tmp/raw" 2>&1
check_eq "shell exit status: 1, some commands were refused" 1 "$?"
sed -E -e 's/C[0-9]{8}-[0-9]{6}/C-GENERATED/g' -e 's/ after [0-9hms ]+$/ after TIME/' \
    "$tmp/raw" >"$tmp/got"
check_file "the session's output" "$top_srcdir/tests/cli/shell/session.out" "$tmp/got"

# What the session recorded: two outcomes, every search logged with what was
# shown, and the path used marked on the search it came from.
check_eq "two outcomes recorded" 2 "$("$EDGECASE" stats --db "$tmp/db" --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["uses"])')"
check_eq "the outcomes: path, result, fcr, heard, trust, agent, channel, notes" \
    "billing.refund-not-received|credited-to-bill|resolved|1|1|5|amira|voice|customer mentioned a chargeback
refund chased
||escalated|0|0|2|amira|voice|" \
    "$(sqlite3 "$tmp/db/outcomes.db" 'SELECT playbook_id, path_id, result, fcr, heard, trust, agent, channel, note FROM outcomes ORDER BY id')"
check_eq "searches logged (similar is not a search)" 7 "$(sqlite3 "$tmp/db/outcomes.db" 'SELECT count(*) FROM searches')"
check_eq "the path used is marked on its search" \
    "my refund still hasn't arrived|billing.refund-not-received#credited-to-bill|voice" \
    "$(sqlite3 "$tmp/db/outcomes.db" 'SELECT query, used, channel FROM searches WHERE used IS NOT NULL')"

# A card number said aloud never reaches the disk, from a search or a note.
printf 'case CR-9\nmy card 4111 1111 1111 1111 was charged twice\nnote card 4111-1111-1111-1111 refunded\ndone resolved\n' |
    "$EDGECASE" shell --db "$tmp/db" >"$tmp/out" 2>"$tmp/err"
check_eq "card numbers: the session succeeds" 0 "$?"
check_eq "card numbers: none in the store" 0 "$(grep -c 4111 "$tmp/db/outcomes.db")"
check_eq "card numbers: redacted in the search log" "my card [card] was charged twice" \
    "$(sqlite3 "$tmp/db/outcomes.db" "SELECT query FROM searches WHERE case_ref = 'CR-9'")"

# A script that only searches succeeds.
printf 'my refund still has not arrived\nopen 1\n' |
    "$EDGECASE" shell --db "$tmp/db" >"$tmp/out" 2>"$tmp/err"
check_eq "a clean script: exit status 0" 0 "$?"
check_eq "a clean script: nothing on stderr" "" "$(cat "$tmp/err")"
check_eq "a clean script: two blocks" 2 "$(grep -c '^$' "$tmp/out")"

# Usage errors.
"$EDGECASE" shell --db "$tmp/db" --limit 0 </dev/null >"$tmp/out" 2>"$tmp/err"
check_eq "--limit 0: usage error" 2 "$?"
check_grep "--limit 0: says what it takes" "--limit takes a number from 1 to 100" "$tmp/err"
"$EDGECASE" shell --db "$tmp/db" extra </dev/null >"$tmp/out" 2>"$tmp/err"
check_eq "an argument: usage error" 2 "$?"
"$EDGECASE" shell --db "$tmp/nothing" </dev/null >"$tmp/out" 2>"$tmp/err"
check_eq "no index: status 1" 1 "$?"
check_grep "no index: says how to make one" "run 'edgecase index --db $tmp/nothing PLAYBOOK-DIR' first" "$tmp/err"
finish
