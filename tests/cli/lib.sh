# lib.sh: what every CLI test shares (sourced): a private directory $tmp that
# is removed on exit, and check_eq, which counts failures in $failures.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/edgecase-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
failures=0

# check_eq NAME WANT GOT
check_eq() {
    if [ "$2" = "$3" ]; then
        echo "ok - $1"
    else
        echo "not ok - $1"
        printf '  want: %s\n  got:  %s\n' "$2" "$3"
        failures=$((failures + 1))
    fi
}

# check_file NAME WANT-FILE GOT-FILE: the files are the same (a diff if not).
check_file() {
    if diff -u "$2" "$3" >"$tmp/check_file.diff" 2>&1; then
        echo "ok - $1"
    else
        echo "not ok - $1"
        sed 's/^/    /' "$tmp/check_file.diff"
        failures=$((failures + 1))
    fi
}
