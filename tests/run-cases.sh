#!/usr/bin/env bash
# run-cases.sh - the data-driven command cases.
#
# Each folder tests/cases/<group>/<name>/ holds:
#   cmd       a bash snippet run from the repository root with
#             $PS (the powershare program), $DATA (tests/data) and $T (a
#             fresh temporary folder) set
#   expected  the exact standard output (optional)
#   stderr    the exact standard error (optional)
#   status    the expected exit status (optional, default 0)
# Expected outputs are written by hand from the sources (official results,
# textbook tables), never pasted from the program's own output.
#
# usage: tests/run-cases.sh POWERSHARE_BINARY [CASE_DIR...]
# Prints one line per failure and ends with "cases: N passed, N failed".
set -u
ps_bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ $# -eq 0 ]; then
    mapfile -t cases < <(find tests/cases -name cmd -printf '%h\n' | sort)
else
    cases=("$@")
fi

passed=0
failed=0
for c in "${cases[@]}"; do
    t=$(mktemp -d)
    want_status=0
    [ -f "$c/status" ] && want_status=$(cat "$c/status")
    PS="$ps_bin" DATA="$root/tests/data" T="$t" \
        timeout 300 bash "$c/cmd" >"$t/.stdout" 2>"$t/.stderr" </dev/null
    status=$?
    why=""
    if [ "$status" != "$want_status" ]; then
        why="exit status $status, expected $want_status"
    elif [ -f "$c/expected" ] && ! cmp -s "$c/expected" "$t/.stdout"; then
        why="standard output differs:
$(diff "$c/expected" "$t/.stdout" | head -n 20)"
    elif [ -f "$c/stderr" ] && ! cmp -s "$c/stderr" "$t/.stderr"; then
        why="standard error differs:
$(diff "$c/stderr" "$t/.stderr" | head -n 20)"
    fi
    if [ -z "$why" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $c: $why"
        [ -s "$t/.stderr" ] && [ ! -f "$c/stderr" ] && sed 's/^/  stderr: /' "$t/.stderr" | head -n 10
    fi
    rm -rf "$t"
done
echo "cases: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
