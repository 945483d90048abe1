# lint-lib.sh: helpers for the lint CLI tests (sourced). Runs from tests/ so the
# file names in messages are short and the same in every build directory.
. "$top_srcdir/tests/cli/lib.sh"
cd "$top_srcdir/tests" || exit 99
EDGECASE_TODAY=${EDGECASE_TODAY:-2026-06-01}
export EDGECASE_TODAY


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
