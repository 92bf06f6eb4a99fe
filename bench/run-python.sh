#!/bin/sh
# run-python.sh - what calling powershare from Python costs, side by side
# in one run: Sainte-Lague for 6 parties per call from C, from the compiled
# module, from powershare.seats() with and without a DataFrame; exact power
# on the AIIB board (87 members) from C, from powershare.power(), from the
# command line, and from the Python package maxlit/powerindex. Prints
# markdown tables.
#
#   bench/run-python.sh GAMES_DIR [PEER_DIR]     (from the repository root)
#
# GAMES_DIR holds the benchmark games (87players-1128975weight-AIIB-
# noCoalitions.csv: first line the quota, then one weight per line).
# PEER_DIR is a work tree of github.com/maxlit/powerindex (default
# /tmp/powerindex; it is not fetched here and never enters the repository;
# without it that column is left out). BUILD (default /tmp/build-release,
# a Meson release build, set up when missing) gives the C library, the
# program, and the package installed by scripts/python-env.sh into
# /tmp/ps-bench/python. Needs Debian's python3 with meson-python and pandas.
set -eu

[ $# -ge 1 ] || { echo "usage: $0 GAMES_DIR [PEER_DIR]" >&2; exit 2; }
GAMES=$1
PEER=${2:-/tmp/powerindex}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-/tmp/build-release}
W=${PS_BENCH_DIR:-/tmp/ps-bench}/python
AIIB=$GAMES/87players-1128975weight-AIIB-noCoalitions.csv
mkdir -p "$W"
[ -f "$AIIB" ] || { echo "$0: no $AIIB" >&2; exit 2; }

[ -f "$BUILD/build.ninja" ] ||
    meson setup "$BUILD" "$ROOT" -Dbuildtype=release -Dtests=false >/dev/null
ninja -C "$BUILD" >/dev/null
rm -rf "$W/env"
"$ROOT/scripts/python-env.sh" "$BUILD" "$W/env" >/dev/null
PY=$W/env/venv/bin/python
cc -O2 -I"$ROOT/include" "$ROOT/bench/bench_apportion.c" "$BUILD/src/lib/libpowershare.a" \
    -lgmp -lm -lpthread -o "$W/bench_apportion"
cc -O2 -I"$ROOT/include" "$ROOT/bench/power_bench.c" "$BUILD/src/lib/libpowershare.a" \
    -lgmp -lm -lpthread -o "$W/power_bench"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "powershare: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') + work tree," \
    "release build; $("$PY" --version 2>&1), pandas $("$PY" -c 'import pandas; print(pandas.__version__)')"
echo "load at start: $(uptime | sed 's/.*load average/load average/')"
echo

# The six largest parties of the 2021 Bundestag (second votes,
# tests/data/apportion/de-bt2021), 598 seats, as in bench/run-apportion.sh.
printf '%s\n' 11955434 8775471 6852206 5319952 4803902 2402827 >"$W/votes-6.txt"
printf 'party,votes\nSPD,11955434\nCDU,8775471\nGRUENE,6852206\nFDP,5319952\nAfD,4803902\nCSU,2402827\n' \
    >"$W/votes-6.csv"
c=$("$W/bench_apportion" run "$W/votes-6.txt" 598 100000 "$W/seats-c.txt")
set -- $("$PY" "$ROOT/bench/python_bench.py" seats "$W/votes-6.csv" 598 20000)
echo "| 6 parties, 598 seats, per call | C (ps_apportion) | Python: compiled module | Python: seats(frame=False) | Python: seats() DataFrame | overhead of the module over C |"
echo "|---|---:|---:|---:|---:|---:|"
awk -v c="$c" -v m="$2" -v p="$4" -v f="$6" \
    'BEGIN { printf "| Sainte-Lague | %.2f us | %.2f us | %.2f us | %.0f us | %.2f us |\n", c, m, p, f, m - c }'
echo

secs_of() { sed -n 's/^time \([0-9.]*\) s.*/\1/p' "$1"; }
median3() { sort -n | sed -n 2p; }
weights=$(tail -n +2 "$AIIB" | tr '\n' ',' | sed 's/,$//')
quota=$(head -n 1 "$AIIB")
echo "| AIIB board (87 members), exact | C (ps_power_compute) | Python: compiled module | Python: power() | ratio power() / C | command line (whole process) | maxlit/powerindex | ratio powerindex / power() |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for idx in banzhaf shapley_shubik; do
    for k in 1 2 3; do
        "$W/power_bench" "$AIIB" "$idx" >"$W/c.txt"
        secs_of "$W/c.txt"
    done | median3 >"$W/c.s"
    set -- $("$PY" "$ROOT/bench/python_bench.py" power "$AIIB" "$idx" 3)
    mod=$2
    py=$4
    for k in 1 2 3; do
        s=$(date +%s.%N)
        "$BUILD/src/cli/powershare" power --weights "$weights" --quota "$quota" --index "$idx" \
            >/dev/null 2>&1
        e=$(date +%s.%N)
        echo "$s $e" | awk '{ printf "%.4f\n", $2 - $1 }'
    done | median3 >"$W/cli.s"
    peer="(no $PEER)"
    pr=""
    if [ -f "$PEER/powerindex/powerindex.py" ]; then
        if python3 "$ROOT/bench/powerindex_driver.py" run "$AIIB" "$idx" --peer "$PEER" \
            --max-cpu 300 >"$W/peer.txt" 2>"$W/peer.err"; then
            peer=$(secs_of "$W/peer.txt")
            pr=$(awk -v a="$peer" -v b="$py" 'BEGIN { printf "%.0fx", a / b }')
            peer="$peer s"
        else
            peer="failed: $(tail -n 1 "$W/peer.err" | head -c 80)"
        fi
    fi
    awk -v i="$idx" -v c="$(cat "$W/c.s")" -v m="$mod" -v p="$py" -v l="$(cat "$W/cli.s")" \
        -v q="$peer" -v r="$pr" \
        'BEGIN { printf "| %s | %.4f s | %.4f s | %.4f s | %.2f | %.4f s | %s | %s |\n", i, c, m, p, p / c, l, q, r }'
done
