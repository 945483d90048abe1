#!/bin/sh
# outcome record: a valid outcome is stored (files 0660, no card number on
# disk), search then shows its path's uses and success rate; an unknown path
# is recorded with a warning; bad fields are usage errors that store nothing.
. "$top_srcdir/tests/cli/outcome-lib.sh"

copy_playbooks billing
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"
path=billing.direct-debit-failed#pay-now-stop-retry

umask 022
ec_outcome record --db "$tmp/db" --case CRM-1001 --path "$path" --result resolved --fcr yes \
    --heard yes --trust 5 --handle-time 312 --agent ann --channel voice \
    --note "paid by card 4111 1111 1111 1111, email jo.bloggs@example.com, call back on 07700 900123 re order 88231"
check_eq "record: exit status" 0 "$rc"
check_eq "record: says what it stored" "recorded case CRM-1001: resolved with $path" "$(cat "$tmp/out")"
check_eq "record: a known path, no warning" "" "$(cat "$tmp/err")"
check_eq "record: the store is the owner's and group's only" 660 "$(stat -c %a "$tmp/db/outcomes.db")"
check_eq "record: stored as given" "CRM-1001|billing.direct-debit-failed|pay-now-stop-retry|resolved|1|1|5|312.0|ann|voice" \
    "$(db_query "SELECT c.ref, playbook_id, path_id, result, fcr, heard, trust, handle_seconds, agent, channel FROM outcomes JOIN cases c ON c.id = case_id")"
check_eq "record: the note is redacted" "paid by card [card], email [email], call back on [phone] re order 88231" \
    "$(db_query "SELECT note FROM outcomes")"
check_eq "record: no card number anywhere in the database directory" "" \
    "$(grep -rlaE '4111 ?1111 ?1111 ?1111' "$tmp/db" || true)"

ec_search --json "my payment bounced"
check_eq "search: the path shows its uses and success rate" "1 1.0" \
    "$(json_path '" ".join(str(r[k]) for r in d["results"] if r["path"] == "pay-now-stop-retry" for k in ("uses", "success_rate"))')"
check_eq "search: a path without outcomes has a null success rate" "0 None" \
    "$(json_path '" ".join(str(r[k]) for r in d["results"] if r["path"] == "restriction-applied" for k in ("uses", "success_rate"))')"
ec_search "my payment bounced"
check_grep "search text: the success rate is shown" "100% resolved over 1 uses" "$tmp/out"

ec_outcome record --db "$tmp/db" --case CRM-1002 --path billing.nope#gone --result escalated \
    --closed-at 2026-03-01T10:15:00Z
check_eq "unknown path: recorded" 0 "$rc"
check_eq "unknown path: a warning" "edgecase outcome: warning: billing.nope#gone is not in the index; recorded anyway" \
    "$(cat "$tmp/err")"
check_eq "closed-at: stored as UTC seconds" 1772360100 \
    "$(db_query "SELECT closed_at FROM outcomes WHERE playbook_id = 'billing.nope'")"

ec_outcome record --db "$tmp/db" --case CRM-1003 --result resolved
check_eq "no path: recorded" "0 recorded case CRM-1003: resolved" "$rc $(cat "$tmp/out")"

# Usage errors: exit 2, the field named, nothing stored.
bad() {
    want=$1
    shift
    ec_outcome record --db "$tmp/db" "$@"
    check_eq "bad: $*: exit status 2" 2 "$rc"
    check_grep "bad: $*: says what is wrong" "$want" "$tmp/err"
}
bad "case: a case reference is required" --result resolved
bad "result: required" --case X1
bad 'result: "fixed" is not resolved, escalated or unresolved' --case X1 --result fixed
bad 'trust: "7" is not a number from 1 to 5' --case X1 --result resolved --trust 7
bad 'fcr: "maybe" is not yes or no' --case X1 --result resolved --fcr maybe
bad 'handle time: "5min" is not a number of seconds' --case X1 --result resolved --handle-time 5min
bad 'path: "billing.x" is not PLAYBOOK-ID#PATH-ID' --case X1 --result resolved --path billing.x
bad "fcr: a case that was not resolved cannot be resolved at first contact" --case X1 --result escalated --fcr yes
bad 'closed at: "yesterday"' --case X1 --result resolved --closed-at yesterday
bad "unexpected argument" --case X1 --result resolved extra
check_eq "bad: nothing stored" 3 "$(db_query "SELECT count(*) FROM outcomes")"

"$EDGECASE" outcome >/dev/null 2>"$tmp/err"
check_eq "no subcommand: exit status 2" 2 "$?"
check_grep "no subcommand: says what to say" "say record or import" "$tmp/err"
finish
