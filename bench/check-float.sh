#!/bin/sh
# check-float.sh - the floating-point mode (`powershare power --float`)
# against the exact fractions on every benchmark game of DATA_DIR: each
# value of each player must lie within its printed error bound of the exact
# value (decided exactly, with Python's fractions). Prints a markdown table
# per game and index family: the largest bound, the largest actual error,
# the largest error / bound, the largest bound relative to a value above
# 1e-6, and the wall times of both. Exits 1 when any value is outside its
# bound.
#
#   bench/check-float.sh DATA_DIR [THREADS]        (from the repository root)
#   BUILD=/tmp/build bench/check-float.sh GAMES_DIR 2
#
# DATA_DIR holds game files (first line the quota, then one weight per line,
# the format of EPIC's test cases); they are read in place, never copied into
# the repository. A file whose lines hold several comma-separated weights
# (pre-formed blocs) is no plain weighted game and is skipped. The exact
# programs run per index family (banzhaf and penrose; shapley_shubik), so
# that where the exact Shapley-Shubik program is refused (its work or memory
# limit) the Banzhaf values are still checked; a refusal is reported with
# its reason. Needs python3 and Meson/Ninja if the program is not built yet.
set -eu

if [ $# -lt 1 ]; then
    echo "usage: $0 DATA_DIR [THREADS]" >&2
    exit 2
fi
DATA=$1
THREADS=${2:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
PS=$BUILD/src/cli/powershare
if [ ! -x "$PS" ]; then
    [ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" "$ROOT" >/dev/null
    ninja -C "$BUILD" src/cli/powershare >/dev/null
fi
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); threads: $THREADS"
echo
echo "| game | players | quota | indices | float wall s | exact wall s | largest bound | largest error | error / bound | bound / value | outside |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"

# wall seconds of a command, its output into $1 and its standard error into $2
timed() {
    out=$1
    err=$2
    shift 2
    t0=$(date +%s.%N)
    status=0
    "$@" >"$out" 2>"$err" || status=$?
    t1=$(date +%s.%N)
    secs=$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")
    return $status
}

failed=0
for f in "$DATA"/*.csv; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    if tail -n +2 "$f" | grep -q ','; then
        echo "| $name | | | | | | skipped: blocs of players, not a plain weighted game | | | | |"
        continue
    fi
    quota=$(head -n 1 "$f" | tr -d ' \r')
    weights=$(tail -n +2 "$f" | tr -d ' \r' | grep -v '^$' | paste -sd, -)
    n=$(echo "$weights" | tr ',' '\n' | wc -l)
    game="--weights $weights --quota $quota"
    for family in banzhaf,penrose shapley_shubik; do
        # shellcheck disable=SC2086
        if ! timed "$W/float.json" "$W/float.err" "$PS" power $game --float \
            --threads "$THREADS" --index "$family" --format json; then
            echo "| $name | $n | $quota | $family | refused: $(sed 's/^powershare: //; s/|/\//g' "$W/float.err" | head -c 160) | | | | | | |"
            failed=1
            continue
        fi
        float_secs=$secs
        # shellcheck disable=SC2086
        if ! timed "$W/exact.json" "$W/exact.err" "$PS" power $game --threads "$THREADS" \
            --index "$family" --format json; then
            echo "| $name | $n | $quota | $family | $float_secs | skipped: exact refused ($(sed 's/^powershare: //; s/|/\//g' "$W/exact.err" | head -c 160)) | | | | | |"
            continue
        fi
        line=$(python3 - "$W/float.json" "$W/exact.json" "$family" <<'PY'
import json, sys
from fractions import Fraction
fl = json.load(open(sys.argv[1]))["parties"]
ex = json.load(open(sys.argv[2]))["parties"]
most_bound = most_err = most_ratio = most_rel = 0.0
outside = 0
for f, e in zip(fl, ex):
    for index in sys.argv[3].split(","):
        num, den = e[index]["fraction"].split("/")
        exact = Fraction(int(num), int(den))
        value = Fraction(f[index]["value"])
        bound = Fraction(f[index]["error_bound"])
        err = abs(value - exact)
        if err > bound:
            outside += 1
            print(f"player {f['party']} {index}: {f[index]['value']!r} exact {float(exact)!r} "
                  f"error {float(err):.3g} bound {float(bound):.3g}", file=sys.stderr)
        most_bound = max(most_bound, float(bound))
        most_err = max(most_err, float(err))
        if bound > 0:
            most_ratio = max(most_ratio, float(err / bound))
        if exact > Fraction(1, 10**6):
            most_rel = max(most_rel, float(bound / exact))
print(f"{most_bound:.3g} | {most_err:.3g} | {most_ratio:.3g} | {most_rel:.3g} | {outside}")
PY
)
        echo "| $name | $n | $quota | $family | $float_secs | $secs | $line |"
        case $line in
        *"| 0") ;;
        *) failed=1 ;;
        esac
    done
done
echo
if [ "$failed" -eq 0 ]; then
    echo "every value within its bound"
else
    echo "FAIL: some value outside its bound (or the float mode refused a game)"
fi
exit "$failed"
