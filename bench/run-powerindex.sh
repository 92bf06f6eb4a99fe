#!/bin/sh
# run-powerindex.sh - times powershare's exact power engine and the Python
# package maxlit/powerindex side by side on the same games, and prints a
# markdown table (CPU time = user + system and peak memory from
# /usr/bin/time -v for both, their ratios) and an agreement check.
#
#   bench/run-powerindex.sh DATA_DIR [PEER_DIR]     (from the repository root)
#   BUILD=/tmp/build-rel bench/run-powerindex.sh GAMES_DIR /tmp/powerindex   (GAMES_DIR: the benchmark games)
#
# PEER_DIR is a work tree of github.com/maxlit/powerindex (default
# /tmp/powerindex); it is not fetched here and never enters the repository
# (e.g. `git --git-dir=PEER.git archive HEAD | tar -x -C /tmp/powerindex`).
# It is pure Python (no numpy); bench/powerindex_driver.py imports it from
# PEER_DIR and times Game.calc_banzhaf() / calc_shapley_shubik(). Each peer run
# is limited to PEER_CPU seconds of CPU time (default 300; a wall-clock limit
# would depend on the machine's load; 4 x PEER_CPU of wall time as a safety
# net) and PEER_MEMORY_MB of address space (default 12288): the peer keeps its
# whole Shapley-Shubik table (about n^2 q / 2 Python objects), so large games
# end in a MemoryError instead of exhausting a shared machine. EXTRA=1 adds
# games the peer cannot finish (n = 2000 and 3433 Banzhaf; 300 s each).
# ONLY="uniform.n150.q35951:shapley_shubik eec1958:banzhaf" runs only those rows.
# powershare runs bench/power_bench.c (times ps_power_compute, one thread)
# built against BUILD's static library; BUILD defaults to /tmp/build-release,
# set up as a Meson release build if it does not exist yet.
# Agreement: for every run the peer finished, `powershare power --exact`
# gives every player's exact fraction; the peer's doubles are compared with
# them (bench/powerindex_driver.py compare), and for the smaller games the
# peer's exact Banzhaf swing counts (its internal Python ints) are compared
# with banzhaf_raw exactly.
# DATA_DIR holds EPIC's game files (first line the quota, then one weight per
# line), read in place; the EEC 1958 game (4,4,4,2,2,1, quota 12) is written
# to the work directory. Needs python3, a C compiler, GMP, /usr/bin/time,
# timeout, and Meson/Ninja if the library is not built yet.
set -eu

if [ $# -lt 1 ]; then
    echo "usage: $0 DATA_DIR [PEER_DIR]" >&2
    exit 2
fi
DATA=$1
PEER=${2:-/tmp/powerindex}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-/tmp/build-release}
PYTHON=${PYTHON:-python3}
PEER_CPU=${PEER_CPU:-300}
PEER_MEMORY_MB=${PEER_MEMORY_MB:-12288}
W=${PS_BENCH_DIR:-/tmp/ps-bench}/powerindex
DRIVER=$ROOT/bench/powerindex_driver.py
mkdir -p "$W"

if [ ! -f "$PEER/powerindex/powerindex.py" ]; then
    echo "$0: no maxlit/powerindex work tree in $PEER" >&2
    exit 2
fi
if [ ! -f "$BUILD/src/lib/libpowershare.a" ] || [ ! -x "$BUILD/src/cli/powershare" ]; then
    [ -f "$BUILD/build.ninja" ] ||
        meson setup "$BUILD" "$ROOT" -Dbuildtype=release -Dtests=false >/dev/null
    ninja -C "$BUILD" src/lib/libpowershare.a src/cli/powershare >/dev/null
fi
PS=$BUILD/src/cli/powershare
cc -O2 -I"$ROOT/include" "$ROOT/bench/power_bench.c" "$BUILD/src/lib/libpowershare.a" \
    -lgmp -lm -lpthread -o "$W/power_bench"
printf '12\n4\n4\n4\n2\n2\n1\n' >"$W/eec1958.txt"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)"
bt=$("$PYTHON" -c 'import json, sys
print(next(o["value"] for o in json.load(open(sys.argv[1])) if o["name"] == "buildtype"))' \
    "$BUILD/meson-info/intro-buildoptions.json" 2>/dev/null || echo '?')
echo "powershare: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') + work tree," \
    "Meson $bt build, one thread"
echo "peer: maxlit/powerindex in $PEER, $($PYTHON --version 2>&1)"
echo "limits for the peer: ${PEER_CPU} s of CPU time, ${PEER_MEMORY_MB} MB of address space"
echo "load at start: $(uptime | sed 's/.*load average/load average/')"
echo
echo "| game | index | players | quota | powershare cpu s | peak MB | player 1 | powerindex cpu s (of which calc_*) | peak MB | player 1 | cpu ratio | memory ratio |"
echo "|---|---|---:|---:|---:|---:|---|---:|---:|---|---:|---:|"

cpu_of() { awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u + s}' "$1"; }
mb_of() { awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$1"; }
: >"$W/agreement.txt"

run() { # path index [raw]
    f=$1
    idx=$2
    name=$(basename "$f" .csv)
    name=${name%.txt}
    if [ -n "${ONLY:-}" ]; then
        case " $ONLY " in
        *" $name:$idx "*) ;;
        *) return ;;
        esac
    fi
    if [ ! -f "$f" ]; then
        echo "| $name | $idx | (missing) | | | | | | | | | |"
        return
    fi
    if /usr/bin/time -v -o "$W/time.txt" "$W/power_bench" "$f" "$idx" >"$W/out.txt" 2>"$W/err.txt"; then
        n=$(sed -n 's/.* players \([0-9]*\) quota.*/\1/p' "$W/out.txt")
        q=$(sed -n 's/.* quota \([0-9]*\) index.*/\1/p' "$W/out.txt")
        cpu=$(cpu_of "$W/time.txt")
        mb=$(mb_of "$W/time.txt")
        val=$(sed -n 's/^[a-z_]*: player 1 = \([^ ;]*\).*/\1/p' "$W/out.txt" | head -1)
    else
        n=
        q=
        cpu=
        mb=
        val="failed: $(head -c 100 "$W/err.txt")"
    fi
    row="| $name | $idx | $n | $q | $cpu | $mb | $val |"
    rm -f "$W/ptime.txt" "$W/values.txt"
    rc=0
    # time outside timeout: a stopped run still reports its CPU time and memory.
    /usr/bin/time -v -o "$W/ptime.txt" timeout $((4 * PEER_CPU)) "$PYTHON" "$DRIVER" run "$f" "$idx" \
        --peer "$PEER" --max-memory "$PEER_MEMORY_MB" --max-cpu "$PEER_CPU" --values "$W/values.txt" \
        >"$W/pout.txt" 2>"$W/perr.txt" || rc=$?
    if [ "$rc" -eq 0 ]; then
        pcpu=$(cpu_of "$W/ptime.txt")
        pmb=$(mb_of "$W/ptime.txt")
        pval=$(sed -n 's/^[a-z_]*: player 1 = \([^ ;]*\).*/\1/p' "$W/pout.txt")
        pcomp=$(sed -n 's/^time .* (cpu \([0-9.]*\) s)/\1/p' "$W/pout.txt")
        cr=$(echo "$cpu $pcpu" |
            awk '{ if ($1 > 0) printf "%.0fx", $2 / $1; else printf "> %.0fx", $2 / 0.01 }')
        mr=$(echo "$mb $pmb" | awk '{ if ($1 > 0) printf "%.1fx", $2 / $1; else print "-" }')
        echo "$row $pcpu (compute $pcomp) | $pmb | $pval | $cr | $mr |"
    elif [ "$rc" -eq 124 ]; then
        echo "$row stopped at $((4 * PEER_CPU)) s wall ($(cpu_of "$W/ptime.txt") cpu s) | $(mb_of "$W/ptime.txt") | | | |"
        return
    else
        pcpu=$(cpu_of "$W/ptime.txt" 2>/dev/null || true)
        pmb=$(mb_of "$W/ptime.txt" 2>/dev/null || true)
        msg=$(grep -m1 '^error: ' "$W/perr.txt" | sed 's/^error: //' | head -c 120 ||
            tail -1 "$W/perr.txt")
        [ "$rc" -eq 4 ] || msg="failed: $msg"
        echo "$row $pcpu | $pmb | $msg | | |"
        return
    fi

    # Agreement, untimed: every player against powershare's exact fractions.
    weights=$(sed 1d "$f" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
    quota=$(head -1 "$f" | tr -d ' ')
    cols=$idx
    [ $# -ge 3 ] && cols="$idx,banzhaf_raw"
    if ! "$PS" power --weights "$weights" --quota "$quota" --index "$cols" --exact \
        --format csv >"$W/exact.csv" 2>"$W/perr.txt"; then
        echo "$name $idx: powershare --exact failed: $(head -c 150 "$W/perr.txt")" >>"$W/agreement.txt"
        return
    fi
    line="$name $idx: $("$PYTHON" "$DRIVER" compare "$W/values.txt" "$W/exact.csv" "$idx" || true)"
    if [ $# -ge 3 ]; then
        "$PYTHON" "$DRIVER" raw "$f" --peer "$PEER" >"$W/raw.txt"
        line="$line; $("$PYTHON" "$DRIVER" compare-raw "$W/raw.txt" "$W/exact.csv" || true)"
    fi
    echo "$line" >>"$W/agreement.txt"
}

run "$W/eec1958.txt" banzhaf raw
run "$W/eec1958.txt" shapley_shubik
run "$DATA/uniform.n50.q11860.csv" banzhaf raw
run "$DATA/uniform.n50.q11860.csv" shapley_shubik
run "$DATA/uniform.n150.q35951.csv" banzhaf raw
run "$DATA/uniform.n150.q35951.csv" shapley_shubik
run "$DATA/87players-1128975weight-AIIB-noCoalitions.csv" banzhaf
run "$DATA/87players-1128975weight-AIIB-noCoalitions.csv" shapley_shubik
run "$DATA/linear.q100k.n500.csv" banzhaf
run "$DATA/linear.q100k.n500.csv" shapley_shubik
run "$DATA/normal_sqrd.n200.q1036947.csv" banzhaf
if [ -n "${EXTRA:-}" ]; then
    run "$DATA/linear.q100k.n2000.csv" banzhaf
    run "$DATA/3434players-72068weight-noCoalitions.csv" banzhaf
fi
echo
echo "load at end: $(uptime | sed 's/.*load average/load average/')"
echo
echo "Agreement with powershare's exact values (runs the peer finished):"
echo
sed 's/^/- /' "$W/agreement.txt"
