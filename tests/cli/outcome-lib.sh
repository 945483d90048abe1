# outcome-lib.sh: helpers for the outcome and stats CLI tests (sourced), on
# top of index-lib.sh: the database directory is $tmp/db.
. "$top_srcdir/tests/cli/index-lib.sh"
RECORD_MANY="$top_builddir/tests/outcomes/record-many"

# ec_outcome ARGS...: edgecase outcome ARGS; status in $rc, outputs in
# $tmp/out and $tmp/err. Pass --db yourself (record and import take it).
ec_outcome() {
    "$EDGECASE" outcome "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# ec_stats ARGS...: edgecase stats --db $tmp/db ARGS, like ec_outcome.
ec_stats() {
    "$EDGECASE" stats --db "$tmp/db" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# db_query SQL [FILE]: the rows of SQL on FILE (default the store in $tmp/db),
# one a line, columns joined by '|'. Read-only, apart from edgecase.
db_query() {
    python3 - "${2:-$tmp/db/outcomes.db}" "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for row in con.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
}

# json_path EXPR: EXPR evaluated in Python on the JSON in $tmp/out as d.
json_path() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))
' "$tmp/out" "$1"
}
