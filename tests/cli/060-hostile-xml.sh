#!/bin/sh
# Hostile and broken XML through both edgecase lint and edgecase index: each
# file is refused (or, when it is fine, loaded) with a message naming it; no
# local file is read through an entity or XInclude, nothing reaches the
# network, and memory stays under a ulimit -v.
. "$top_srcdir/tests/cli/index-lib.sh"

# The memory bound. A sanitizer build reserves terabytes of virtual address
# space (ASan's shadow) and valgrind its own, so there the limit is skipped.
vlimit=1048576 # KiB: 1 GiB
if [ -n "${EC_SANITIZERS:-}" ] || ldd "$EDGECASE" 2>/dev/null | grep -q 'lib[at]san'; then
    vlimit=
    echo "# no ulimit -v: this is a sanitizer build (ASan reserves huge virtual memory)"
elif [ -n "${EC_VALGRIND:-}" ]; then
    vlimit=
    echo "# no ulimit -v: running under valgrind"
fi
limited() {
    if [ -n "$vlimit" ]; then
        (ulimit -v "$vlimit" && exec timeout 120 "$@")
    else
        timeout 300 "$@"
    fi
}

# A loopback listener that notes any connection: the external DTD points at it.
python3 "$top_srcdir/tests/cli/listen-once.py" "$tmp/port" "$tmp/connections" 600 &
listener=$!
t=0
while [ ! -s "$tmp/port" ] && [ $t -lt 100 ]; do sleep 0.1; t=$((t + 1)); done
port=$(cat "$tmp/port")

marker="EDGECASE-SECRET-$$-MARKER"
echo "$marker" >"$tmp/secret.txt"
python3 "$top_srcdir/tests/cli/hostile-gen.py" "$tmp/h" "$tmp/secret.txt" "$port" || exit 99
cd "$tmp/h" || exit 99
big_size=$(wc -c <big-text.xml | tr -d ' ')
root=$(id -u)

# case FILE STATUS FAILED MESSAGE: lint FILE and index FILE (into a fresh
# database under $dbroot) both exit STATUS and print MESSAGE; index counts
# FAILED files as failed (a path that cannot be opened at all is not counted
# as a file). $as, when set, runs edgecase as another user.
as=
dbroot=$tmp
case_() {
    f=$1 want_rc=$2 want_failed=$3 msg=$4
    limited $as "$EDGECASE" lint "$f" >"$tmp/lint.out" 2>"$tmp/lint.err"
    rc=$?
    check_eq "lint $f: exit status" "$want_rc" "$rc"
    check_grep "lint $f: message" "$msg" "$tmp/lint.out"
    db="$dbroot/db-$(echo "$f" | tr -c 'a-z0-9\n' _)"
    limited $as "$EDGECASE" index --db "$db" "$f" >"$tmp/index.out" 2>"$tmp/index.err"
    rc=$?
    check_eq "index $f: exit status" "$want_rc" "$rc"
    check_grep "index $f: message" "$msg" "$tmp/index.err"
    check_grep "index $f: summary" " 0 removed, 0 unchanged, $want_failed failed" "$tmp/index.err"
    cat "$tmp/lint.out" "$tmp/lint.err" "$tmp/index.out" "$tmp/index.err" >>"$tmp/all-output"
}

dtd="DTDs are not allowed in edgecase files; remove the <!DOCTYPE> declaration"
case_ billion-laughs.xml 1 1 "billion-laughs.xml:2: $dtd"
case_ quadratic.xml 1 1 "quadratic.xml:2: $dtd"
case_ external-entity.xml 1 1 "external-entity.xml:2: $dtd"
case_ external-dtd.xml 1 1 "external-dtd.xml:2: $dtd"
case_ xinclude.xml 1 1 "xinclude.xml:3: <xi:include> is XInclude, which edgecase never processes (a file may not pull in another); put the text in this file"
case_ deep.xml 1 1 "deep.xml:1: elements are nested too deeply (libxml2 stops at 256 levels); an edgecase file needs fewer than 10"
case_ big-text.xml 1 1 "big-text.xml: file is $big_size bytes; edgecase files may be at most 8 MiB"
case_ many-attributes.xml 1 1 "many-attributes.xml:1: an element has more than 64 attributes; edgecase elements take at most 4"
case_ invalid-utf8.xml 1 1 "invalid-utf8.xml:2: invalid UTF-8 (byte 0xE9); save the file as UTF-8"
case_ nul-byte.xml 1 1 "nul-byte.xml:3: file contains a NUL byte; edgecase files are UTF-8 text"
case_ empty.xml 1 1 "empty.xml: file is empty; an edgecase file starts with <playbook>, <article> or <synonyms>"
case_ dangling.xml 1 0 "dangling.xml: cannot read: No such file or directory"
case_ fifo.xml 1 1 "fifo.xml: is not a regular file (a pipe, socket or device); edgecase reads only .xml files"
# A directory called x.xml is a directory: walked, and said to be empty.
case_ x.xml 0 0 "x.xml: warning: is a directory with no .xml files in it; name the directory that holds the playbooks"
# Root reads mode-000 files, so as root the unreadable case runs as nobody
# (setpriv), with its databases in a directory nobody may write.
unreadable="unreadable.xml: cannot read: permission denied; make the file readable by this user (chmod a+r)"
if [ "$root" -ne 0 ]; then
    case_ unreadable.xml 1 1 "$unreadable"
elif command -v setpriv >/dev/null 2>&1; then
    mkdir "$tmp/nobody" && chmod 1777 "$tmp/nobody" && chmod 755 "$tmp" "$tmp/h"
    as="setpriv --reuid=65534 --regid=65534 --clear-groups" dbroot=$tmp/nobody
    case_ unreadable.xml 1 1 "$unreadable"
    as= dbroot=$tmp
else
    echo "ok - unreadable.xml # SKIP running as root without setpriv, and root reads mode-000 files"
fi

# Handled: UTF-16 with a byte-order mark, and a valid file of 7 MB.
limited "$EDGECASE" lint utf16-bom.xml >"$tmp/out" 2>"$tmp/err"
check_eq "lint utf16-bom.xml: valid" "0 1 file checked, 0 errors, 0 warnings" "$? $(cat "$tmp/err")"
limited "$EDGECASE" index --db "$tmp/db16" utf16-bom.xml >"$tmp/out" 2>"$tmp/err"
check_eq "index utf16-bom.xml: indexed" 0 "$?"
"$EDGECASE" search --db "$tmp/db16" --json café >"$tmp/out" 2>"$tmp/err"
check_eq "search finds the UTF-16 playbook by an accented word" "hostile.utf16" "$(json_ids)"
limited "$EDGECASE" lint large-text.xml >"$tmp/out" 2>"$tmp/err"
check_eq "lint large-text.xml (7 MB step): valid" 0 "$?"
limited "$EDGECASE" index --db "$tmp/dblarge" large-text.xml >"$tmp/out" 2>"$tmp/err"
check_eq "index large-text.xml: indexed within the memory limit" 0 "$?"

# Everything at once, as a directory: every bad file named, the run goes on.
limited "$EDGECASE" index --db "$tmp/db-all" . >"$tmp/out" 2>"$tmp/err"
check_eq "index of the whole directory: exit status" 1 "$?"
if [ "$root" -eq 0 ]; then bad=11 good=3; else bad=12 good=2; fi
check_grep "index of the whole directory: summary" " $good added, 0 updated, 0 removed, 0 unchanged, $bad failed" "$tmp/err"
cat "$tmp/out" "$tmp/err" >>"$tmp/all-output"

# Nothing read through an entity or XInclude, nothing sent anywhere.
check_eq "the secret file's text appears in no output" "" "$(grep -F "$marker" "$tmp/all-output")"
check_eq "/etc/passwd's text appears in no output" "" "$(grep -F 'root:x:0' "$tmp/all-output")"
check_eq "the secret file's text is in no index" "" "$(grep -rlF "$marker" "$tmp"/db* 2>/dev/null)"
check_eq "/etc/passwd's text is in no index" "" "$(grep -rlF 'root:x:0' "$tmp"/db* 2>/dev/null)"
rm -f "$tmp/port"
wait $listener
check_eq "no network connection was attempted" "" "$(cat "$tmp/connections" 2>/dev/null)"
cd / && finish
