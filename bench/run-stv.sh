#!/bin/sh
# run-stv.sh - `powershare stv --rule meek` against Droop (Jonathan Lundell's
# Python STV counter, rule meek-prf: the same reference Meek rule) on the
# same ballot files; prints a markdown table.
#
#   DROOP=/tmp/droop bench/run-stv.sh      (from the repository root)
#   BUILD=/tmp/build DROOP=/tmp/droop REPS=5 bench/run-stv.sh
#
# Needs: the program built (meson, in $BUILD, default ./build), python3 and a
# checkout of Droop outside the repository:
#   git clone https://github.com/jklundell/droop /tmp/droop
# Each command runs REPS times (default 5); the table gives the median wall
# time of the whole process (Python's start-up included, about 0.05 s here)
# and checks that both elect the same candidates.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
DROOP=${DROOP:?set DROOP to a checkout of https://github.com/jklundell/droop}
REPS=${REPS:-5}
PS="$BUILD/src/cli/powershare"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
[ -x "$PS" ] || { echo "run-stv.sh: build the program first ($PS)" >&2; exit 1; }

# median wall time in seconds of REPS runs of "$@" (output to $W/out)
median() {
    i=0
    : >"$W/times"
    while [ "$i" -lt "$REPS" ]; do
        t0=$(date +%s%N)
        "$@" >"$W/out" 2>/dev/null
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000)) >>"$W/times"
        i=$((i + 1))
    done
    sort -n "$W/times" | awk '{ a[NR] = $1 } END { printf "%.3f", a[int((NR + 1) / 2)] / 1e6 }'
}

D="$ROOT/tests/data/systems"
echo "| ballots | ballot lines | powershare (C) | Droop $(cd "$DROOP" && git log -1 --format=%h 2>/dev/null || echo '?') (python3) | ratio | same elected |"
echo "|---|---:|---:|---:|---:|:---:|"
for f in stv-glasgow-dennistoun-2022 stv-glasgow-langside-2022 stv-glasgow-govan-2022 \
    stv-dublin-north-2002; do
    blt="$D/$f/ballots.blt"
    c=$(median "$PS" stv --rule meek --format csv --table candidates "$blt")
    # elected or not, candidate by candidate in the file's order
    awk -F, 'NR > 1 { print ($2 == "yes") }' "$W/out" >"$W/c"
    p=$(cd "$DROOP" && median python3 Droop.py meek-prf dump "$blt")
    # the same from Droop's dump: the states of its last row, by candidate
    # number (its names are not used: it reads an affiliation as a name)
    awk -F'\t' '$2 == "end" { for (i = 8; i <= NF; i += 4) print ($i == "E") }' "$W/out" >"$W/p"
    if cmp -s "$W/c" "$W/p"; then ok=yes; else ok=NO; fi
    lines=$(awk '$0 == "0" { exit } NR > 1 && NF { n++ } END { print n }' "$blt")
    ratio=$(awk -v a="$p" -v b="$c" 'BEGIN { printf "%.0fx", a / b }')
    echo "| $f | $lines | ${c} s | ${p} s | $ratio | $ok |"
done
echo
echo "Median of $REPS runs of each whole process (Droop with its dump, which the"
echo "check of the elected reads). The figures of every round are compared, not"
echo "timed, by tests/cases/stv/meek-reference."
