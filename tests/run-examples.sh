#!/usr/bin/env bash
# run-examples.sh - the C examples of docs/library.md: each is built by
# tests/meson.build (BUILD/tests/example_NAME), run from the repository root
# on data/iraq-2014.json, and its output must be the block the page shows
# after the line "`./NAME data/iraq-2014.json` prints", so that the page
# and the library cannot drift apart.
#
# usage: tests/run-examples.sh BUILD
# Prints one line per failure and ends with "examples: N passed, N failed".
set -u
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
passed=0
failed=0
for name in analyze whatif; do
    t=$(mktemp -d)
    python3 - "$name" docs/library.md >"$t/want" <<'PY'
import sys
name, page = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().split("\n")
marker = "`./%s data/iraq-2014.json` prints" % name
start = next(i for i, line in enumerate(page) if line.startswith(marker))
open_ = next(i for i in range(start, len(page)) if page[i].startswith("```"))
close = next(i for i in range(open_ + 1, len(page)) if page[i].startswith("```"))
print("\n".join(page[open_ + 1:close]))
PY
    if ! "$build/tests/example_$name" data/iraq-2014.json >"$t/got" 2>"$t/err"; then
        echo "FAIL example $name: exit status $?"; sed 's/^/  /' "$t/err" | head -n 10
        failed=$((failed + 1))
    elif ! cmp -s "$t/want" "$t/got"; then
        echo "FAIL example $name: output differs from docs/library.md:"
        diff "$t/want" "$t/got" | head -n 20
        failed=$((failed + 1))
    elif grep -qE 'ERROR: (Leak|Address)Sanitizer|runtime error:' "$t/err"; then
        echo "FAIL example $name: sanitizer report"; head -n 20 "$t/err"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
    rm -rf "$t"
done
echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
