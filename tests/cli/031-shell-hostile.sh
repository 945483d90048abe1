#!/bin/sh
# The shell under whatever an agent might paste: a 1 MB line, control
# characters and escape sequences, invalid UTF-8, NUL bytes, a line of one
# command word repeated, and a query that matches every document. No crash,
# one block per line, and nothing raw reaches the terminal.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"

python3 - "$tmp/in" <<'PY'
import sys
words = b"refund charged twice lawyer broadband outage ".split()
with open(sys.argv[1], "wb") as f:
    f.write(b" ".join(words[i % len(words)] for i in range(150000))[:1 << 20] + b"\n")
    f.write(b"\x1b]0;pwned\x07\x1b[2J\x1b[31mrefund\x1b[0m not \x01\x02\x03\x7f\xc2\x9b arrived\n")
    f.write(b"refund \xff\xfe\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 broadband \xe2\x82\n")
    f.write(b"refund\x00 hidden after a NUL\n")
    f.write(b"open " * 20000 + b"\n")
    f.write(b"filter " + b"channel=voice " * 40 + b"\n")
    f.write(b"done " + b"resolved " * 100 + b"\n")
    f.write(b"the a to of and customer account\n")
    f.write(b"open 1\n")
PY

"$EDGECASE" shell --db "$tmp/db" <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "no crash: exit status 0 or 1" yes "$([ $rc -le 1 ] && echo yes)"
check_eq "one block per input line" 9 "$(grep -c '^$' "$tmp/out")"
check_eq "no escape character reaches the output" 0 "$(cat "$tmp/out" "$tmp/err" | tr -dc '\033\007\001' | wc -c | tr -d ' ')"
check_eq "the output is valid UTF-8" ok "$(python3 -c '
import sys
open(sys.argv[1], "rb").read().decode("utf-8"); open(sys.argv[2], "rb").read().decode("utf-8")
print("ok")' "$tmp/out" "$tmp/err" 2>&1)"
check_grep "the 1 MB line is searched" "Customer charged twice" "$tmp/out"
check_grep "the escape-laden line is searched as words" "Promised refund has not arrived" "$tmp/out"
check_eq "a line of command words is a search, not a refused command" 0 "$(grep -c 'edgecase: open' "$tmp/err")"
check_grep "too many filters are refused" "filter: too many filters" "$tmp/err"
check_grep "a query of common words still opens" "SAY FIRST" "$tmp/out"
finish
