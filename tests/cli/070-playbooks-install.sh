#!/bin/sh
# make install puts the starter library in $(playbooksdir) as examples: every
# .xml file of playbooks/ with its subdirectory, not the schema (installed once,
# in $(schemadir)); the installed copy lints as the source does; make uninstall
# removes exactly those files and leaves an admin's own playbooks alone.
. "$top_srcdir/tests/cli/lib.sh"
# The make running this test may be a -j one whose jobserver is not passed on;
# the sub-make needs none of its flags.
submake() {
    (cd "$top_builddir" && MAKEFLAGS= MFLAGS= ${MAKE:-make} -s DESTDIR= playbooksdir="$tmp/pb" "$@")
}
listing() {
    (cd "$1" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
}

submake install-playbooks >"$tmp/log" 2>&1
check_eq "install-playbooks exit status" 0 "$?"
want=$(cd "$top_srcdir/playbooks" && find . -name '.?*' -prune -o -name '*.xml' -type f -print |
    sed 's|^\./||' | LC_ALL=C sort)
check_eq "every playbook installed, subdirectories kept" "$want" "$(listing "$tmp/pb")"
check_eq "schema not installed again" "" "$(listing "$tmp/pb" | grep -v '\.xml$')"
check_eq "installed files are the sources" "" \
    "$(for f in $want; do cmp -s "$top_srcdir/playbooks/$f" "$tmp/pb/$f" || echo "$f"; done)"

# The examples are a whole library: their cross-references resolve once installed.
EDGECASE_TODAY=2026-06-01 "$EDGECASE" lint "$top_srcdir/playbooks" >/dev/null 2>"$tmp/src"
EDGECASE_TODAY=2026-06-01 "$EDGECASE" lint "$tmp/pb" >"$tmp/out" 2>"$tmp/err"
check_eq "installed examples lint exit status" 0 "$?"
check_eq "installed examples lint summary" "$(cat "$tmp/src")" "$(cat "$tmp/err")"

echo '<synonyms/>' >"$tmp/pb/kb/ours.xml"
submake uninstall-playbooks >"$tmp/log" 2>&1
check_eq "uninstall-playbooks exit status" 0 "$?"
check_eq "uninstall removes only what install put there" "kb/ours.xml" "$(listing "$tmp/pb")"
rm "$tmp/pb/kb/ours.xml"
submake uninstall-playbooks >"$tmp/log" 2>&1
check_eq "emptied directories removed" "no" "$(test -d "$tmp/pb" && echo yes || echo no)"

[ "$failures" -eq 0 ] && exit 0
echo "$failures checks failed"
exit 1
