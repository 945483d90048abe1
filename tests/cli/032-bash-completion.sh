#!/bin/sh
# Bash completion of the edgecase command line (completions/edgecase):
# commands, a command's options, and option values.
. "$top_srcdir/tests/cli/lib.sh"
bc=/usr/share/bash-completion/bash_completion
if [ ! -r "$bc" ] || ! command -v bash >/dev/null 2>&1; then
    echo "1..0 # SKIP bash-completion is not installed"
    exit 77
fi

# complete WORDS...: what Tab offers for the last word.
complete_words() {
    bash -c '
        . "$1"; . "$2"; shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _edgecase edgecase "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "
    ' sh "$bc" "$top_srcdir/completions/edgecase" "$@"
}

check_eq "commands" "search shell stats " "$(complete_words edgecase s)"
check_eq "a command's options" "--help " "$(complete_words edgecase shell --h)"
check_eq "shell options" "--agent " "$(complete_words edgecase shell --a)"
check_eq "filter fields" "category= channel= " "$(complete_words edgecase search --filter c)"
check_eq "statuses" "published " "$(complete_words edgecase search --status pu)"
check_eq "outcome subcommands" "import " "$(complete_words edgecase outcome i)"
check_eq "outcome results" "escalated " "$(complete_words edgecase outcome record --result e)"
mkdir "$tmp/dbdir"
check_eq "--db completes directories" "$tmp/dbdir " "$(complete_words edgecase search --db "$tmp/dbd")"
finish() {
    [ "$failures" -eq 0 ] && exit 0
    echo "$failures checks failed"
    exit 1
}
finish
