#!/bin/sh
# The HTML report in headless Chromium (Debian package chromium): the rendered
# page has its nine charts and logs no console error, and a screenshot is left
# in tests/output/ for a person to look at. .ci/run installs chromium and sets
# EDGECASE_REQUIRE_CHROMIUM=1, so CI fails rather than skips without it.
. "$top_srcdir/tests/cli/index-lib.sh"
gen="$top_srcdir/tests/report/gen-history.py"

chromium=
for c in chromium chromium-browser google-chrome; do
    command -v "$c" >/dev/null 2>&1 && { chromium=$c; break; }
done
if [ -z "$chromium" ]; then
    echo "chromium not found (apt-get install chromium)"
    [ "${EDGECASE_REQUIRE_CHROMIUM:-}" = 1 ] && exit 1
    exit 77
fi
# Root cannot use Chromium's sandbox; a private profile keeps runs apart.
sandbox=
[ "$(id -u)" = 0 ] && sandbox=--no-sandbox
browse() {
    timeout 120 "$chromium" --headless $sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 "$@"
}

"$EDGECASE" index --db "$tmp/db" "$top_srcdir/playbooks" >/dev/null 2>&1 || { echo "index failed"; exit 1; }
python3 "$gen" generate --seed 6 --playbooks "$top_srcdir/playbooks" "$tmp/h" || exit 1
"$EDGECASE" outcome import --db "$tmp/db" "$tmp/h/outcomes.jsonl" >/dev/null 2>&1 || exit 1
"$EDGECASE" report --db "$tmp/db" --quarter 2026Q4 --format html -o "$tmp/report.html" || exit 1

browse --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>"$tmp/console.log"
check_eq "chromium renders the page" 0 $?
check_eq "the rendered page has its 9 charts" 9 "$(grep -o '<svg ' "$tmp/dom.html" | wc -l | tr -d ' ')"
check_eq "the charts have their shapes" 1 "$(grep -c '<circle cx=' "$tmp/dom.html" | awk '{print ($1 > 0)}')"
check_eq "no console errors" "" "$(grep -E 'CONSOLE|Uncaught' "$tmp/console.log")"

# The console check is not vacuous: a page with a script error is caught.
printf '<!DOCTYPE html><html><body><script>no_such_function();</script></body></html>' >"$tmp/bad.html"
browse --dump-dom "file://$tmp/bad.html" >/dev/null 2>"$tmp/bad.log"
check_eq "a script error shows in the log" 1 "$(grep -c 'Uncaught ReferenceError' "$tmp/bad.log")"

out="$top_builddir/tests/output"
mkdir -p "$out"
rm -f "$out/report.png"
cp "$tmp/report.html" "$out/report.html"
browse --screenshot="$out/report.png" --window-size=1200,2000 "file://$tmp/report.html" \
    >/dev/null 2>&1
check_eq "a screenshot in tests/output/report.png" 1 "$([ -s "$out/report.png" ] && echo 1)"
finish
