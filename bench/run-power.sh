#!/bin/sh
# run-power.sh - times the exact power engine on EPIC's benchmark games and
# prints a markdown table (wall time, CPU time, peak memory from
# /usr/bin/time -v).
#
#   bench/run-power.sh DATA_DIR [THREADS]     (from the repository root)
#   BUILD=/tmp/build bench/run-power.sh GAMES_DIR 2   (GAMES_DIR: a folder holding the benchmark games)
#   EPIC=/path/to/epic bench/run-power.sh DATA_DIR   (adds EPIC's figures)
#   The Python peer maxlit/powerindex: bench/run-powerindex.sh DATA_DIR [PEER_DIR].
#
# EPIC (github.com/jhstaudacher/EPIC, C++ with GMP) is not fetched here: build
# it yourself (`make all` in its checkout) and pass the binary as EPIC. It is
# run as `epic -i BZ|SH -w FILE -q 0 --quiet` (-q 0: quota from the first
# line), each run limited to EPIC_TIMEOUT seconds (default 300).
# CPU time is user + system: on a shared machine it is steadier than wall.
#
# DATA_DIR holds the game files (first line the quota, then one weight per
# line): uniform.n150.q35951.csv, 87players-1128975weight-AIIB-noCoalitions.csv,
# linear.q100k.n500.csv, ... They are read in place, never copied into the
# repository. Nothing is downloaded. Needs a C compiler, GMP, /usr/bin/time,
# and Meson/Ninja if the library is not built yet.
set -eu

if [ $# -lt 1 ]; then
    echo "usage: $0 DATA_DIR [THREADS]" >&2
    exit 2
fi
DATA=$1
THREADS=${2:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
W=${PS_BENCH_DIR:-/tmp/ps-bench}/power
mkdir -p "$W"

if [ ! -f "$BUILD/src/lib/libpowershare.a" ]; then
    [ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" "$ROOT" >/dev/null
    ninja -C "$BUILD" src/lib/libpowershare.a >/dev/null
fi
cc -O2 -I"$ROOT/include" "$ROOT/bench/power_bench.c" "$BUILD/src/lib/libpowershare.a" \
    -lgmp -lm -lpthread -o "$W/power_bench"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "threads: $THREADS"
echo
EPIC=${EPIC:-}
EPIC_TIMEOUT=${EPIC_TIMEOUT:-300}
if [ -n "$EPIC" ]; then
    echo "| game | index | players | quota | wall s | cpu s | peak MB | player 1 | EPIC wall s | EPIC cpu s | EPIC peak MB | EPIC player 1 | cpu ratio | memory ratio |"
    echo "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---:|"
else
    echo "| game | index | players | quota | wall s | cpu s | peak MB | player 1 |"
    echo "|---|---|---:|---:|---:|---:|---:|---|"
fi
run() { # file index [extra args]
    f=$1
    idx=$2
    shift 2
    if [ ! -f "$DATA/$f" ]; then
        echo "| $f | $idx | (missing) | | | | | |"
        return
    fi
    if ! /usr/bin/time -v -o "$W/time.txt" "$W/power_bench" "$DATA/$f" "$idx" \
        --threads "$THREADS" "$@" >"$W/out.txt" 2>"$W/err.txt"; then
        echo "| $f | $idx | | | failed: $(head -c 150 "$W/err.txt") | | | |"
        return
    fi
    n=$(sed -n 's/.* players \([0-9]*\) quota.*/\1/p' "$W/out.txt")
    q=$(sed -n 's/.* quota \([0-9]*\) index.*/\1/p' "$W/out.txt")
    wall=$(sed -n 's/^time \([0-9.]*\) s/\1/p' "$W/out.txt")
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u + s}' \
        "$W/time.txt")
    mb=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$W/time.txt")
    val=$(sed -n 's/^[a-z_]*: player 1 = \([^ ;]*\).*/\1/p' "$W/out.txt" | head -1)
    row="| $f | $idx${*:+ $*} | $n | $q | $wall | $cpu | $mb | $val |"
    if [ -z "$EPIC" ]; then
        echo "$row"
        return
    fi
    case "$idx" in
    banzhaf) ei=BZ ;;
    shapley_shubik) ei=SH ;;
    *) ei= ;;
    esac
    if [ -z "$ei" ] || [ $# -gt 0 ]; then
        echo "$row | | | | | | |"
        return
    fi
    start=$(date +%s.%N)
    if timeout "$EPIC_TIMEOUT" /usr/bin/time -v -o "$W/etime.txt" "$EPIC" -i "$ei" \
        -w "$DATA/$f" -q 0 --quiet >"$W/eout.txt" 2>&1; then
        end=$(date +%s.%N)
        ewall=$(echo "$end - $start" | bc)
        ecpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u + s}' \
            "$W/etime.txt")
        emb=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$W/etime.txt")
        eval1=$(sed -n 's/^P1: *//p' "$W/eout.txt" | head -1)
        cr=$(echo "$cpu $ecpu" | awk '{ if ($1 > 0) printf "%.1fx", $2 / $1; else print "-" }')
        mr=$(echo "$mb $emb" | awk '{ if ($1 > 0) printf "%.1fx", $2 / $1; else print "-" }')
        echo "$row $(printf '%.2f' "$ewall") | $ecpu | $emb | $eval1 | $cr | $mr |"
    else
        echo "$row > $EPIC_TIMEOUT (stopped) | | | | | |"
    fi
}

run uniform.n50.q11860.csv banzhaf
run uniform.n150.q35951.csv banzhaf
run uniform.n150.q35951.csv shapley_shubik
run 87players-1128975weight-AIIB-noCoalitions.csv banzhaf
run 87players-1128975weight-AIIB-noCoalitions.csv shapley_shubik
run linear.q100k.n500.csv banzhaf
run linear.q100k.n500.csv shapley_shubik
run linear.q100k.n2000.csv banzhaf
run normal_sqrd.n200.q1036947.csv banzhaf
run 3434players-72068weight-noCoalitions.csv banzhaf
run 3434players-72068weight-noCoalitions.csv shapley_shubik --approx 100000
