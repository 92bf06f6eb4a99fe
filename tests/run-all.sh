#!/usr/bin/env bash
# run-all.sh - every test, in every build given, and one count at the end.
#
# For each build folder: the Criterion unit tests (each test case counts),
# the fuzz corpus replays (one count per harness: its seed corpus and every
# crash ever found, tests/fuzz/), the data-driven command cases, docs/cli.md
# against --help (tests/run-docs.sh), the bad-input catalogue
# (tests/run-bad.sh), the real formations of divided societies
# (tests/run-formations.sh over tests/data/formations/) and the examples of
# docs/library.md (tests/run-examples.sh); then, once, the web tests of
# `powershare serve` (tests/web/run.sh: API, browser, load; and
# tests/web/evaluate.sh: /api/evaluate, one government judged;
# PS_SKIP_WEB=1 skips both), the Python and R packages (tests/run-python.sh,
# tests/run-r.sh) and, when MPI_BUILD names a folder, `simulate` under
# mpirun. The sanitizer build runs the same with
# AddressSanitizer/UndefinedBehaviorSanitizer reports made fatal and leak
# checking on. The last line is "N passed, N failed"; any failure, crash or
# sanitizer report makes the exit status non-zero.
#
# usage: tests/run-all.sh BUILD_DIR [BUILD_DIR...]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=exitcode=23

total_passed=0
total_failed=0

# suite LABEL PREFIX COMMAND...: runs a suite that ends with the line
# "PREFIX: N passed, N failed[...]", prints its output and adds its counts;
# a suite that does not end so counts as one failure.
suite() {
    local label=$1 prefix=$2 out line p f
    shift 2
    echo "== $label"
    out=$("$@" 2>&1)
    printf '%s\n' "$out"
    line=$(printf '%s\n' "$out" | tail -n 1)
    p=$(printf '%s' "$line" | sed -nE "s/^$prefix: ([0-9]+) passed, ([0-9]+) failed.*\$/\\1/p")
    f=$(printf '%s' "$line" | sed -nE "s/^$prefix: ([0-9]+) passed, ([0-9]+) failed.*\$/\\2/p")
    if [ -z "$p" ]; then
        echo "FAIL $label: no '$prefix: N passed, N failed' line"
        total_failed=$((total_failed + 1))
    else
        total_passed=$((total_passed + p))
        total_failed=$((total_failed + f))
    fi
}

for build in "$@"; do
    echo "== $build: unit tests"
    for exe in "$build"/tests/test_*; do
        [ -x "$exe" ] && [ -f "$exe" ] || continue
        name=$(basename "$exe")
        out=$("$exe" --jobs=2 2>&1)
        status=$?
        line=$(printf '%s\n' "$out" | grep -E 'Synthesis: Tested:' | tail -n 1 \
               | sed 's/\x1b\[[0-9;]*m//g')
        if [ -z "$line" ]; then
            echo "FAIL $build/$name: no Criterion summary (exit $status)"
            printf '%s\n' "$out" | tail -n 20
            total_failed=$((total_failed + 1))
            continue
        fi
        tested=$(printf '%s' "$line" | sed -E 's/.*Tested: ([0-9]+).*/\1/')
        passing=$(printf '%s' "$line" | sed -E 's/.*Passing: ([0-9]+).*/\1/')
        bad=$((tested - passing))
        if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
            bad=1
        fi
        # Criterion runs each test in a worker process; a leak found when a
        # worker exits is only printed, so the report itself is the failure.
        reports=$(printf '%s\n' "$out" | grep -cE 'ERROR: (Leak|Address)Sanitizer|runtime error:')
        if [ "$reports" -ne 0 ]; then
            echo "FAIL $build/$name: $reports sanitizer report(s)"
            bad=$((bad + reports))
            passing=$((passing > reports ? passing - reports : 0))
        fi
        total_passed=$((total_passed + passing))
        total_failed=$((total_failed + bad))
        if [ "$bad" -ne 0 ]; then
            echo "FAIL $build/$name (exit $status):"
            printf '%s\n' "$out" | grep -vE '^\[----\]|^\[RUN \]|^\[PASS\]' | tail -n 40
        else
            echo "ok   $name: $passing tests"
        fi
    done

    echo "== $build: fuzz corpus replays"
    for exe in "$build"/tests/fuzz/fuzz_*; do
        [ -x "$exe" ] && [ -f "$exe" ] || continue
        name=$(basename "$exe")
        h=${name#fuzz_}
        out=$("$exe" "tests/fuzz/corpus/$h" "tests/fuzz/crashes/$h" 2>&1)
        status=$?
        reports=$(printf '%s\n' "$out" | grep -cE 'ERROR: (Leak|Address)Sanitizer|runtime error:|invariant broken')
        if [ "$status" -eq 0 ] && [ "$reports" -eq 0 ]; then
            echo "ok   $name: $(printf '%s\n' "$out" | tail -n 1)"
            total_passed=$((total_passed + 1))
        else
            echo "FAIL $build/$name (exit $status, $reports report(s)):"
            printf '%s\n' "$out" | tail -n 30
            total_failed=$((total_failed + 1))
        fi
    done

    suite "$build: command cases" cases tests/run-cases.sh "$build/src/cli/powershare"

    suite "$build: docs/cli.md against --help" docs tests/run-docs.sh "$build/src/cli/powershare"

    suite "$build: bad-input catalogue" "bad inputs" tests/run-bad.sh "$build/src/cli/powershare"

    suite "$build: real formations (tests/data/formations)" formations tests/run-formations.sh "$build/src/cli/powershare"

    suite "$build: docs/library.md examples" examples tests/run-examples.sh "$build"
done

# The web tests of `powershare serve` (API, headless Chromium, a bounded
# load test on loopback), once, with the first build; PS_SKIP_WEB=1 skips.
if [ -z "${PS_SKIP_WEB:-}" ] && [ $# -gt 0 ]; then
    suite "$1: web (serve: API, browser, load)" web tests/web/run.sh "$1"
    suite "$1: web (serve: one government judged)" "web evaluate" tests/web/evaluate.sh "$1"
fi

# The Python package (bindings/python), installed from the first build as
# a user installs it, and its pytest suite; PS_SKIP_PYTHON=1 skips.
if [ -z "${PS_SKIP_PYTHON:-}" ] && [ $# -gt 0 ]; then
    suite "$1: Python package (bindings/python)" python tests/run-python.sh "$1"
fi
# The R package (bindings/r/powershare): installed from the first build,
# its testthat suite and R CMD check; PS_SKIP_R=1 skips.
if [ -z "${PS_SKIP_R:-}" ] && [ $# -gt 0 ]; then
    suite "$1: R package (bindings/r/powershare)" r tests/run-r.sh "$1"
fi

# `powershare simulate` under Open MPI against one process, when the
# Makefile names an MPI build folder (MPI_BUILD); it counts like the others.
if [ -n "${MPI_BUILD:-}" ] && [ $# -gt 0 ]; then
    suite "$MPI_BUILD: simulate under mpirun" mpi tests/run-mpi.sh "$1" "$MPI_BUILD"
fi

echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
