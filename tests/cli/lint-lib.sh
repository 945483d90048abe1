# lint-lib.sh: helpers for the lint CLI tests (sourced). Runs from tests/ so the
# file names in messages are short and the same in every build directory.
set -u
cd "$top_srcdir/tests" || exit 99
tmp=$(mktemp -d "${TMPDIR:-/tmp}/edgecase-lint.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
failures=0
EDGECASE_TODAY=${EDGECASE_TODAY:-2026-06-01}
export EDGECASE_TODAY

check_eq() {
    if [ "$2" = "$3" ]; then
        echo "ok - $1"
    else
        echo "not ok - $1"
        printf '  want: %s\n  got:  %s\n' "$2" "$3"
        failures=$((failures + 1))
    fi
}

# expect RC STDOUT STDERR ARGS...: runs edgecase lint ARGS and compares the exit
# status and the whole of both outputs.
expect() {
    want_rc=$1 want_out=$2 want_err=$3
    shift 3
    "$EDGECASE" lint "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check_eq "lint $* exit status" "$want_rc" "$rc"
    check_eq "lint $* stdout" "$want_out" "$(cat "$tmp/out")"
    check_eq "lint $* stderr" "$want_err" "$(cat "$tmp/err")"
}

finish() {
    [ "$failures" -eq 0 ] && exit 0
    echo "$failures checks failed"
    exit 1
}
