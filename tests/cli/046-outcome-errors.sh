#!/bin/sh
# Errors a person can act on, naming the file, with nothing stored lost: a
# store written by a newer edgecase, a corrupt one, a read-only directory;
# and search goes on by text alone when the store is missing or unreadable.
. "$top_srcdir/tests/cli/outcome-lib.sh"

copy_playbooks billing
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"
ec_search --json "my payment bounced"
check_eq "no store: search works" 0 "$rc"
check_eq "no store: no outcome figures" "0 None" \
    "$(json_path '" ".join(str(d["results"][0][k]) for k in ("uses", "success_rate"))')"
check_eq "no store: search did not create one" no "$([ -e "$tmp/db/outcomes.db" ] && echo yes || echo no)"

store="$tmp/db/outcomes.db"
ec_outcome record --db "$tmp/db" --case E-1 --result resolved
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 42"); c.commit()' "$store"
ec_outcome record --db "$tmp/db" --case E-2 --result resolved
check_eq "newer: exit status 1" 1 "$rc"
check_eq "newer: says so, names the file and what to do" \
    "edgecase: outcome record: $store was written by a newer edgecase (store version 42; this one knows up to 1): upgrade edgecase to use it; it was left untouched" \
    "$(cat "$tmp/err")"
check_eq "newer: untouched" "1|42" "$(db_query "SELECT count(*), (SELECT user_version FROM pragma_user_version) FROM outcomes")"
ec_stats
check_eq "newer: stats refuses too" 1 "$rc"
ec_search "my payment bounced"
check_eq "newer: search goes on by text" 0 "$rc"

mkdir -p "$tmp/bad"
printf 'customer records, not a database\n' >"$tmp/bad/outcomes.db"
cp "$tmp/bad/outcomes.db" "$tmp/bad.copy"
ec_outcome record --db "$tmp/bad" --case E-3 --result resolved
check_eq "corrupt: exit status 1" 1 "$rc"
check_grep "corrupt: names the file and what to do" "$tmp/bad/outcomes.db is damaged or is not an edgecase outcome store" "$tmp/err"
check_grep "corrupt: how to save its records" "move it aside (keep it: 'sqlite3 FILE .recover' can save its records)" "$tmp/err"
check_eq "corrupt: left as it was" same "$(cmp -s "$tmp/bad/outcomes.db" "$tmp/bad.copy" && echo same)"
cp -R "$tmp/db/index" "$tmp/bad/index"
ec_search --db "$tmp/bad" "my payment bounced"
check_eq "corrupt: search goes on by text" 0 "$rc"

# Read-only: root ignores permissions, so run as nobody when root.
mkdir -p "$tmp/ro"
chmod 755 "$tmp" "$tmp/ro"
as_user=
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null 2>&1 && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
    chmod 555 "$tmp/ro"
fi
if [ "$(id -u)" -eq 0 ] && [ -z "$as_user" ]; then
    echo "# skipped the read-only case: root without setpriv"
else
    $as_user "$EDGECASE" outcome record --db "$tmp/ro" --case E-4 --result resolved >"$tmp/out" 2>"$tmp/err"
    check_eq "read-only directory: exit status 1" 1 "$?"
    check_grep "read-only directory: names the file and what to do" \
        "cannot create $tmp/ro/outcomes.db: Permission denied; the database directory must be writable by this user" "$tmp/err"
fi
chmod 700 "$tmp"
finish
