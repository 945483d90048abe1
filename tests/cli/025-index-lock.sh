#!/bin/sh
# Only one indexer at a time: a second edgecase index started while another
# holds the database says "another indexer is running" and exits 1, and the
# first one finishes normally. The first indexer works on a large generated
# tree (the library 10 times over, ids made unique) so that it holds the lock
# long enough; the second is started again until it meets the first, within a
# time bound.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
rm -f "$tmp/pb/synonyms.xml"
# Every playbook and article id (the root's id= and every <related ref=>) gets
# the prefix cN. so that ids stay unique and references resolve.
python3 - "$tmp/pb" "$tmp/big" <<'PY' || exit 99
import os, re, sys
src, dst = sys.argv[1:]
for c in range(1, 11):
    for d, _, files in os.walk(src):
        out = os.path.join(dst, "c%d" % c, os.path.relpath(d, src))
        os.makedirs(out, exist_ok=True)
        for f in files:
            if f.endswith(".xml"):
                t = open(os.path.join(d, f), encoding="utf-8").read()
                t = re.sub(r'(<(?:playbook|article) id=")', r'\g<1>c%d.' % c, t, count=1)
                t = t.replace('<related ref="', '<related ref="c%d.' % c)
                open(os.path.join(out, f), "w", encoding="utf-8").write(t)
PY
n=$(count_xml "$tmp/big")

seen=0
attempt=0
start=$(date +%s)
while [ $seen -eq 0 ] && [ $attempt -lt 5 ] && [ $(($(date +%s) - start)) -lt 120 ]; do
    attempt=$((attempt + 1))
    rm -rf "$tmp/db"
    "$EDGECASE" index --db "$tmp/db" "$tmp/big" >"$tmp/first.out" 2>"$tmp/first.err" &
    first=$!
    # The first takes the lock when it opens the database, which it creates.
    t=0
    while [ ! -d "$tmp/db/index" ] && [ $t -lt 200 ] && kill -0 $first 2>/dev/null; do
        sleep 0.05
        t=$((t + 1))
    done
    # Try the second indexer until it meets the first or the first has ended.
    while kill -0 $first 2>/dev/null; do
        "$EDGECASE" index --db "$tmp/db" "$tmp/pb/legal" >"$tmp/second.out" 2>"$tmp/second.err"
        src=$?
        if grep -q "another indexer is running" "$tmp/second.err"; then
            seen=1
            break
        fi
    done
    wait $first
    frc=$?
done

check_eq "the second indexer met the first (attempts: $attempt)" 1 "$seen"
if [ $seen -eq 1 ]; then
    check_eq "second indexer exit status" 1 "$src"
    check_eq "second indexer says why" \
        "edgecase: another indexer is running on $tmp/db; wait for it, or run with --wait" \
        "$(cat "$tmp/second.err")"
    check_eq "second indexer stdout" "" "$(cat "$tmp/second.out")"
    check_eq "first indexer exit status" 0 "$frc"
    check_eq "first indexer indexed everything" \
        "indexed $n files into $tmp/db: $n added, 0 updated, 0 removed, 0 unchanged, 0 failed" \
        "$(grep '^indexed ' "$tmp/first.err" | sed 's/ ([0-9]* documents, [0-9.]* s)$//')"
    # With the lock free again, the next run goes through and changes nothing.
    ec_index "$tmp/big"
    check_eq "after the first: exit status" 0 "$rc"
    check_eq "after the first: every file unchanged" \
        "indexed $n files into $tmp/db: 0 added, 0 updated, 0 removed, $n unchanged, 0 failed" "$summary"
fi
finish
