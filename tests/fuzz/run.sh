#!/bin/sh
# run.sh: build and run the libFuzzer targets (make fuzz calls this).
#
# Each target is one file tests/fuzz/fuzz-NAME.c listed in FUZZ_TARGETS
# (mk/robust.mk). The engine is compiled a second time here, with clang and
# -fsanitize=fuzzer-no-link,address,undefined, so the fuzzer sees coverage of
# our code; each target is linked with it into tests/fuzz/build/fuzz-NAME.
#
# A target's seed corpus is described in the target's own comment:
#   fuzz-seeds: files DIR...   every file under each DIR (relative to srcdir)
#   fuzz-seeds: lines FILE...  each line of FILE (up to a tab; # lines skipped)
#   fuzz-dict: FILE            a libFuzzer dictionary
# Seeds are copied at run time into the build tree, never kept in git. What the
# fuzzer finds goes to tests/fuzz/corpus/NAME (kept between runs, not in git);
# a crash goes to tests/fuzz/artifacts/NAME/ and stops the run with a note on
# turning it into a regression input (tests/fuzz/regress/NAME/).
#
# Environment (set by make fuzz): FUZZ_CC FUZZ_CXX srcdir builddir
# FUZZ_SECONDS (per target) FUZZ_TARGETS ENGINE_C ENGINE_CXX FUZZ_CPPFLAGS
# FUZZ_LIBS; optional FUZZ_ONLY (target names), FUZZ_ARGS (more libFuzzer
# options, e.g. -jobs=1).
set -eu

if [ -z "${FUZZ_CC:-}" ] || [ -z "${FUZZ_CXX:-}" ]; then
    echo "make fuzz: no clang with libFuzzer was found by configure." >&2
    echo "  Install it (Debian: apt-get install clang libclang-rt-14-dev) and rerun ./configure," >&2
    echo "  or point configure at one: ./configure FUZZ_CC=clang-15 FUZZ_CXX=clang++-15" >&2
    exit 1
fi
seconds=${FUZZ_SECONDS:-60}
out="$builddir/tests/fuzz/build"
mkdir -p "$out/obj"

san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cflags="-g -O1 $san -fsanitize=fuzzer-no-link $FUZZ_CPPFLAGS"

# compile SOURCE OBJECT COMPILER [FLAGS...]: only when the source is newer.
compile() {
    src=$1 obj=$2 cc=$3
    shift 3
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$0" -nt "$obj" ]; then
        echo "  FUZZCC   $obj"
        $cc "$@" -c "$src" -o "$obj"
    fi
}

objs=
for f in $ENGINE_C; do
    case $f in *.c) ;; *) continue ;; esac
    src=$srcdir/$f
    [ -f "$src" ] || src=$builddir/$f # generated (schema-data.c)
    obj=$out/obj/$(echo "$f" | tr / _ | sed 's/\.c$/.o/')
    compile "$src" "$obj" "$FUZZ_CC" -std=c11 $cflags
    objs="$objs $obj"
done
for f in $ENGINE_CXX; do
    case $f in *.cc) ;; *) continue ;; esac
    obj=$out/obj/$(echo "$f" | tr / _ | sed 's/\.cc$/.o/')
    compile "$srcdir/$f" "$obj" "$FUZZ_CXX" -std=c++17 $cflags
    objs="$objs $obj"
done

# seed NAME TARGET-FILE DIR: the target's seed corpus, freshly, into DIR.
seed() {
    rm -rf "$3"
    mkdir -p "$3"
    sed -n 's/^ *\* *fuzz-seeds: *//p' "$2" | while read -r how paths; do
        for p in $paths; do
            case $how in
            files)
                (cd "$srcdir" && find "$p" -type f) | while read -r f; do
                    cp "$srcdir/$f" "$3/$(echo "$f" | tr / _)"
                done
                ;;
            lines)
                grep -v '^#' "$srcdir/$p" | cut -f1 | awk -v d="$3" \
                    'length($0) { f = sprintf("%s/line-%05d", d, NR); printf "%s", $0 > f; close(f) }'
                ;;
            *) echo "run.sh: $2: unknown 'fuzz-seeds: $how'" >&2; exit 1 ;;
            esac
        done
    done
}

# Leaks inside libraries we do not own, each proven (tests/lsan.supp).
LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$srcdir/tests/lsan.supp
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS UBSAN_OPTIONS

status=0
summary=
for t in $FUZZ_TARGETS; do
    name=$(basename "$t" .c | sed 's/^fuzz-//')
    if [ -n "${FUZZ_ONLY:-}" ]; then
        case " $FUZZ_ONLY " in *" $name "*) ;; *) continue ;; esac
    fi
    bin=$out/fuzz-$name
    compile "$srcdir/$t" "$out/obj/fuzz-$name.o" "$FUZZ_CC" -std=c11 $cflags -DEC_LIBFUZZER \
        -DEC_FUZZ_SRCDIR="\"$(cd "$srcdir" && pwd)\"" -I"$srcdir/tests/fuzz"
    echo "  FUZZLD   $bin"
    $FUZZ_CXX $san -fsanitize=fuzzer "$out/obj/fuzz-$name.o" $objs $FUZZ_LIBS -o "$bin"

    corpus=$builddir/tests/fuzz/corpus/$name
    seeds=$out/seeds/$name
    artifacts=$builddir/tests/fuzz/artifacts/$name
    mkdir -p "$corpus" "$artifacts"
    seed "$name" "$srcdir/$t" "$seeds"
    dict=$(sed -n 's/^ *\* *fuzz-dict: *//p' "$srcdir/$t")
    set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/"
    [ -n "$dict" ] && set -- "$@" -dict="$srcdir/$dict"
    regress=$srcdir/tests/fuzz/regress/$name
    [ -d "$regress" ] || regress=
    log=$out/fuzz-$name.log
    echo "fuzz $name: $seconds s, log in $log"
    echo "  nice $bin $* ${FUZZ_ARGS:-} $corpus $seeds $regress" >"$log"
    # shellcheck disable=SC2086
    if nice -n 10 "$bin" "$@" ${FUZZ_ARGS:-} "$corpus" "$seeds" $regress >>"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
        line="fuzz $name: ${runs:-?} runs in $seconds s, no crash, leak or timeout"
    else
        status=1
        line="fuzz $name: FAILED: see $log; the input is in $artifacts/. Fix it, then copy the input into tests/fuzz/regress/$name/ so make check replays it"
        tail -n 40 "$log" >&2
    fi
    echo "$line"
    summary="$summary$line
"
done
printf '\n%s' "$summary"
exit $status
