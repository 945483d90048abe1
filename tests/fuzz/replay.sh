#!/bin/sh
# Every fuzz target replays its saved regression inputs (tests/fuzz/regress/),
# then its seeds (the shipped playbooks and lint fixtures for the loader, the
# judged relevance queries for search), through the same entry point the
# fuzzer calls. A crash, leak (ASan build) or abort fails the test.
. "$top_srcdir/tests/cli/lib.sh"
replay="$top_builddir/tests/fuzz/replay"

# split_lines FILE PREFIX: each line of FILE as its own input, PREFIX1, PREFIX2...
split_lines() {
    i=0
    while IFS= read -r l; do
        i=$((i + 1)); printf '%s' "$l" >"$2$i"
    done <"$1"
}

"$replay" "$top_srcdir/tests/fuzz/regress" >"$tmp/regress.log" 2>&1
check_eq "regression inputs replay cleanly" "0" "$?"
grep -c '^ok ' "$tmp/regress.log" | sed 's/^/# regression inputs: /'

"$replay" --target load "$top_srcdir/playbooks" "$top_srcdir/tests/lint" >"$tmp/load.log" 2>&1
check_eq "load: playbooks and lint fixtures replay cleanly" "0" "$?"

mkdir "$tmp/queries"
grep -v '^#' "$top_srcdir/tests/relevance/queries.tsv" | cut -f1 | head -n 60 |
    awk -v d="$tmp/queries" 'length($0) { f = sprintf("%s/q%03d", d, NR); printf "%s", $0 > f; close(f) }'
EC_FUZZ_SRCDIR=$top_srcdir "$replay" --target search "$tmp/queries" >"$tmp/search.log" 2>&1
check_eq "search: judged queries replay cleanly" "0" "$?"

# The shell's line parser and redaction: the judged queries, the pipe test's
# session, and hostile lines (escapes, bad UTF-8, card numbers, long lines).
mkdir "$tmp/lines"
cp "$tmp/queries"/* "$tmp/lines/"
split_lines "$top_srcdir/tests/cli/shell/session.in" "$tmp/lines/s"
python3 - "$tmp/lines" <<'PY'
import os, sys
d = sys.argv[1]
lines = [b"\x1b]0;x\x07\x1b[2Jrefund \xff\xfe\xc0\xaf \xed\xa0\x80 done",
         b"done resolved fcr=yes heard=no trust=5 " + b"x=y " * 40,
         b"filter " + b"channel=voice " * 40, b"open " * 5000,
         b"card 4111 1111 1111 1111 and 4111-1111-1111-1111 and 4111111111111111",
         b"iban GB82 WEST 1234 5698 7654 32 mail a.b@example.co.uk +44 7700 900123",
         b"9" * 100000, b"@" * 5000 + b".com", b"\xc2\x9b\xe2\x82"]
for i, l in enumerate(lines):
    open(os.path.join(d, "h%d" % i), "wb").write(l)
PY
"$replay" --target shell "$tmp/lines" >"$tmp/shell.log" 2>&1
check_eq "shell: queries, the session and hostile lines replay cleanly" "0" "$?"
"$replay" --target redact "$tmp/lines" >"$tmp/redact.log" 2>&1
check_eq "redact: the same lines replay cleanly" "0" "$?"

# Outcome import lines: the import test's day file, line by line, and
# lines at the edges of each field.
mkdir "$tmp/import"
split_lines "$top_srcdir/tests/cli/outcomes/day.jsonl" "$tmp/import/d"
python3 - "$tmp/import" <<'PY'
import os, sys
d = sys.argv[1]
lines = [b'{"case": "x", "result": "resolved", "trust": 99999999999999999999}',
         b'{"case": "x", "result": "resolved", "handle_time": 1e400}',
         b'{"case": "x", "result": "resolved", "handle_time": -0.0, "fcr": true}',
         b'{"case": "", "result": "escalated", "path": "#"}',
         b'{"case": "x", "result": "resolved", "path": "a#b#c"}',
         b'{"case": "x", "result": "resolved", "closed_at": "9999-99-99T99:99:99Z"}',
         b'{"case": "x", "result": "resolved", "closed_at": -99999999999999999}',
         b'{"case": "x\u0000y", "result": "resolved", "note": "\u0000"}',
         b'{"case": "x", "case": "y", "result": "resolved", "note": "' + b"4111 1111 1111 1111 " * 500 + b'"}',
         b'{"case": {"a": 1}}', b'[' * 100000, b'{"' + b"\ud800" * 100 + b'": 1}']
for i, l in enumerate(lines):
    open(os.path.join(d, "e%d" % i), "wb").write(l)
PY
"$replay" --target import "$tmp/import" >"$tmp/import.log" 2>&1
check_eq "import: the day file and edge lines replay cleanly" "0" "$?"

for f in regress load search shell redact import; do
    if ! tail -n 1 "$tmp/$f.log" | grep -q '^1\.\.'; then
        echo "# $f.log:"
        tail -n 30 "$tmp/$f.log" | sed 's/^/#   /'
    fi
done
[ "$failures" -eq 0 ] || exit 1
