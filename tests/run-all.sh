#!/usr/bin/env bash
# run-all.sh - every test, in every build given, and one count at the end.
#
# For each build folder: the Criterion unit tests (each test case counts),
# then the data-driven command cases. The sanitizer build runs the same with
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

    echo "== $build: command cases"
    out=$(tests/run-cases.sh "$build/src/cli/powershare" 2>&1)
    printf '%s\n' "$out"
    line=$(printf '%s\n' "$out" | tail -n 1)
    p=$(printf '%s' "$line" | sed -nE 's/^cases: ([0-9]+) passed, ([0-9]+) failed$/\1/p')
    f=$(printf '%s' "$line" | sed -nE 's/^cases: ([0-9]+) passed, ([0-9]+) failed$/\2/p')
    if [ -z "$p" ]; then
        total_failed=$((total_failed + 1))
    else
        total_passed=$((total_passed + p))
        total_failed=$((total_failed + f))
    fi
done

echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
