#!/bin/sh
# run-apportion.sh - powershare's Sainte-Lague against the npm package
# `sainte-lague` on the same inputs; prints a markdown table.
#
#   bench/run-apportion.sh            (from the repository root)
#   BUILD=/tmp/build bench/run-apportion.sh
#
# Needs: a C compiler, GMP, Meson/Ninja (if the library is not built yet),
# node and npm. The npm package goes to /tmp/ps-bench (never the repository).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
WORK=${PS_BENCH_DIR:-/tmp/ps-bench}
export PS_BENCH_MODULES="$WORK/node_modules"
mkdir -p "$WORK/work"
W="$WORK/work"

if [ ! -f "$BUILD/src/lib/libpowershare.a" ]; then
    [ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" "$ROOT" >/dev/null
    ninja -C "$BUILD" src/lib/libpowershare.a >/dev/null
fi
cc -O2 -I"$ROOT/include" "$ROOT/bench/bench_apportion.c" "$BUILD/src/lib/libpowershare.a" \
    -lgmp -lm -lpthread -o "$W/bench_apportion"

if [ ! -f "$WORK/node_modules/sainte-lague/package.json" ]; then
    npm install --silent --prefix "$WORK" sainte-lague >/dev/null
fi
JSVER=$(node -p "require('$WORK/node_modules/sainte-lague/package.json').version")

# Inputs: 200 parties with 1..10^7 votes (splitmix64, seed 42), and the six
# largest parties of the 2021 Bundestag (second votes, tests/data/apportion/
# de-bt2021) for a 598-seat house.
"$W/bench_apportion" gen 200 42 >"$W/votes-200.txt"
printf '%s\n' 11955434 8775471 6852206 5319952 4803902 2402827 >"$W/votes-6.txt"

echo "| case | powershare (C, exact) | sainte-lague $JSVER (node $(node --version)) | ratio | same seats |"
echo "|---|---:|---:|---:|:---:|"
bench() { # name votes seats c_reps js_reps
    c=$("$W/bench_apportion" run "$W/$2" "$3" "$4" "$W/seats-c.txt")
    js=$(node "$ROOT/bench/sainte-lague.mjs" "$W/$2" "$3" "$5" "$W/seats-js.txt")
    if cmp -s "$W/seats-c.txt" "$W/seats-js.txt"; then same=yes; else same=NO; fi
    ratio=$(awk -v a="$js" -v b="$c" 'BEGIN { printf "%.1fx", a / b }')
    echo "| $1 | $c us | $js us | $ratio | $same |"
    [ "$same" = yes ]
}
bench "200 parties, 100,000 seats" votes-200.txt 100000 2000 500
bench "6 parties, 598 seats" votes-6.txt 598 100000 20000
echo
echo "Median time per call over repeated calls in one process (C: 2,000 and"
echo "100,000 calls; node: 500 and 20,000 after the same process warmed up)."
