# index-lib.sh: helpers for the index and search CLI tests (sourced). Each test
# gets its own temporary directory $tmp with a copy of the starter library in
# $tmp/pb (without the schema) and a database directory $tmp/db.
. "$top_srcdir/tests/cli/lib.sh"
EDGECASE_TODAY=${EDGECASE_TODAY:-2026-06-01}
export EDGECASE_TODAY
unset EDGECASE_DB
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }


# check_grep NAME PATTERN FILE: FILE has a line matching the fixed string PATTERN.
check_grep() {
    if grep -qF -- "$2" "$3"; then
        echo "ok - $1"
    else
        echo "not ok - $1"
        printf '  want a line with: %s\n  got:\n' "$2"
        sed 's/^/    /' "$3"
        failures=$((failures + 1))
    fi
}

# copy_playbooks [SUBDIR...]: the starter library (or some of its directories)
# into $tmp/pb, without the schema.
copy_playbooks() {
    mkdir -p "$tmp/pb"
    if [ $# -eq 0 ]; then
        set -- $(cd "$top_srcdir/playbooks" && ls)
    fi
    for d in "$@"; do
        [ "$d" = schema ] && continue
        cp -R "$top_srcdir/playbooks/$d" "$tmp/pb/"
    done
    chmod -R u+w "$tmp/pb"
}

# count_xml DIR: the number of .xml files under DIR (what index counts).
count_xml() {
    find "$1" -name '*.xml' -type f | wc -l | tr -d ' '
}

# ec_index ARGS...: edgecase index --db $tmp/db ARGS; status in $rc, outputs in
# $tmp/out and $tmp/err, the summary line (elapsed time cut off) in $summary.
ec_index() {
    "$EDGECASE" index --db "$tmp/db" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    summary=$(grep '^indexed ' "$tmp/err" | sed 's/ ([0-9]* documents, [0-9.]* s)$//')
}

# ec_search ARGS...: edgecase search --db $tmp/db ARGS; status in $rc, outputs in
# $tmp/out and $tmp/err.
ec_search() {
    "$EDGECASE" search --db "$tmp/db" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# json_ids [FIELD]: the distinct values of FIELD (default id) of the results
# of the JSON object in $tmp/out, sorted, one a line.
json_ids() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("\n".join(sorted({str(r[sys.argv[2]]) for r in d["results"]})))
' "$tmp/out" "${1:-id}"
}

# top_id QUERY: the id of the first result of searching QUERY, or "-".
top_id() {
    ec_search --json --limit 5 "$1"
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(r[0]["id"] if r else "-")
' "$tmp/out"
}

# json_get KEY: a top-level value of the JSON object in $tmp/out, as JSON.
json_get() {
    python3 -c '
import json, sys
print(json.dumps(json.load(open(sys.argv[1]))[sys.argv[2]]))
' "$tmp/out" "$1"
}

finish() {
    [ "$failures" -eq 0 ] && exit 0
    echo "$failures checks failed"
    exit 1
}
