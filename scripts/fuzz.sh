#!/usr/bin/env bash
# fuzz.sh - a bounded libFuzzer session over every harness (make fuzz).
#
# For each harness, runs BUILD/tests/fuzz/fuzz_<name> for SECONDS seconds on
# a working corpus in BUILD/fuzz-corpus/<name> (where new inputs go, so the
# checked-in seed corpus stays small), seeded from tests/fuzz/corpus/<name>
# and tests/fuzz/crashes/<name>. A crash, leak, sanitizer report, broken
# invariant or timeout is saved as tests/fuzz/crashes/<name>/crash-<sha1>
# (or leak-, timeout-, oom-): check it in with the fix, and it is replayed
# by `make test` for ever after. Logs go to BUILD/fuzz-<name>.log; the last
# lines give executions, coverage and findings per harness.
#
# usage: scripts/fuzz.sh BUILD_DIR SECONDS HARNESS...
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=$1
seconds=$2
shift 2

found=0
summary=()
for h in "$@"; do
    exe=$build/tests/fuzz/fuzz_$h
    work=$build/fuzz-corpus/$h
    crashes=tests/fuzz/crashes/$h
    mkdir -p "$work" "$crashes"
    log=$build/fuzz-$h.log
    dict=()
    case $h in
        legislature_json | scenarios | rule | model) dict=(-dict=tests/fuzz/legislature_json.dict) ;;
        numbers) ;;
        *) dict=(-dict=tests/fuzz/csv.dict) ;;
    esac
    before=$(find "$crashes" -type f ! -name .gitkeep | wc -l)
    echo "== fuzz_$h: $seconds s" >&2
    "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "${dict[@]}" \
        "$work" "tests/fuzz/corpus/$h" "$crashes" >"$log" 2>&1
    status=$?
    after=$(find "$crashes" -type f ! -name .gitkeep | wc -l)
    runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -n 1)
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1)
    line="fuzz_$h: exit $status, ${runs:-?} executions, ${cov:-cov: ?}, $((after - before)) new finding(s)"
    summary+=("$line")
    if [ "$status" -ne 0 ] || [ "$after" -ne "$before" ]; then
        found=1
        grep -E 'ERROR|SUMMARY|invariant|runtime error' "$log" | head -n 5 >&2
    fi
done
printf '%s\n' "${summary[@]}"
[ "$found" -eq 0 ]
