#!/bin/bash
# run-power-mpi.sh - the exact Shapley-Shubik programs on the largest
# benchmark games: one process, MPI ranks, the floating-point mode and EPIC
# side by side, with the cost model's figures (docs/power.md, "Across MPI
# ranks").
#
#   bench/run-power-mpi.sh DATA_DIR          (from the repository root)
#
# DATA_DIR holds EPIC's test games (first line the quota, then one weight
# per line); they are read in place, never copied into the repository:
# linear.q100k.n500.csv (the reference for one core's speed),
# linear.q100k.n2000.csv and 3434players-72068weight-noCoalitions.csv (run
# with the quota 36,035, a majority of its total weight as the issue states
# it; the file's first line is not used for it).
#
# Environment:
#   BUILD      a release build of this tree (default /tmp/ps-bench/build-rel,
#              set up and built when missing)
#   MPI_BUILD  the same with -Dmpi=enabled (default /tmp/ps-bench/build-mpi)
#   RANKS      MPI ranks, one thread each (default 2), first each with its
#              own residues, then with each table held by all of them (a
#              memory limit of 60% of one table); the one process gets
#              RANKS threads, so both use the same cores
#   ONE=0      skip the one-process runs of the two large games (each takes
#              as long as the MPI run)
#   EPIC       path to EPIC's binary (jhstaudacher/EPIC, `make all`), run as
#              `epic -i SH -w FILE -q 0 --quiet` for EPIC_TIMEOUT seconds
#              (default 120)
#   GAMES      which games (default "n500 n2000 shareholders-3434"); the
#              reference speed is always measured on n500
#   NODES      node counts for the model's predictions (default "16 64"),
#              CORES cores per node (default: this machine's)
# Prints markdown tables. Needs mpirun (openmpi-bin), /usr/bin/time, a C
# compiler, GMP.
set -u
if [ $# -lt 1 ]; then
    echo "usage: $0 DATA_DIR" >&2
    exit 2
fi
DATA=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=${PS_BENCH_DIR:-/tmp/ps-bench}/power-mpi
BUILD=${BUILD:-${PS_BENCH_DIR:-/tmp/ps-bench}/build-rel}
MPI_BUILD=${MPI_BUILD:-${PS_BENCH_DIR:-/tmp/ps-bench}/build-mpi}
RANKS=${RANKS:-2}
ONE=${ONE:-1}
EPIC=${EPIC:-}
EPIC_TIMEOUT=${EPIC_TIMEOUT:-120}
NODES=${NODES:-16 64}
GAMES=${GAMES:-n500 n2000 shareholders-3434}
CORES=${CORES:-$(nproc)}
mkdir -p "$W"

build() { # dir [meson options]
    local dir=$1
    shift
    [ -f "$dir/build.ninja" ] || meson setup "$dir" "$ROOT" --buildtype=release -Dtests=false "$@" >/dev/null
    ninja -C "$dir" src/cli/powershare >/dev/null
}
build "$BUILD" || exit 1
build "$MPI_BUILD" -Dmpi=enabled || exit 1
PS=$BUILD/src/cli/powershare
PS_MPI=$MPI_BUILD/src/cli/powershare
cc -O3 -march=native "$ROOT/bench/kernel_bench.c" -o "$W/kernel_bench" || exit 1

# One rank's time and peak memory, written to $W/NAME.rank.R.
cat >"$W/rank.sh" <<'RANK'
#!/bin/sh
name=$1
shift
exec /usr/bin/time -f "%e %U %M" -o "$name.rank.$OMPI_COMM_WORLD_RANK" "$@"
RANK
chmod +x "$W/rank.sh"

# A legislature CSV (party,seats) from a game file's weights.
legislature() { # game_file out_csv
    { echo "party,seats"; tail -n +2 "$1" | awk 'NF { printf "p%d,%s\n", NR, $1 }'; } >"$2"
}

# "P U" from the refusal of --max-work 1: P residues of U cell updates.
cost() { # csv quota
    "$PS" power --index shapley_shubik --quota "$2" --max-work 1 "$1" 2>&1 |
        sed -n 's/.*(\([0-9]*\) residues of \([0-9.e+]*\)).*/\1 \2/p'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "### One core against the machine's limits"
echo
"$W/kernel_bench" 512 | sed 's/^/    /'
echo

# t: seconds per cell update on one core, from n500 with one thread.
n500=$DATA/linear.q100k.n500.csv
legislature "$n500" "$W/n500.csv"
q500=$(head -n 1 "$n500" | tr -d '\r ')
read -r P500 U500 <<<"$(cost "$W/n500.csv" "$q500")"
/usr/bin/time -f "%e %U %M" -o "$W/n500.one1" "$PS" power --index shapley_shubik --exact \
    --quota "$q500" --threads 1 --format csv "$W/n500.csv" >"$W/n500.out1"
read -r wall1 user1 _ <"$W/n500.one1"
t=$(awk -v u="$user1" -v p="$P500" -v w="$U500" 'BEGIN { printf "%.3e", u / (p * w) }')
echo "linear.q100k.n500, one thread: $P500 residues of $U500 cell updates, ${wall1} s wall, ${user1} s CPU:"
echo "t = $t s per cell update per core ($(awk -v t="$t" 'BEGIN { printf "%.2e", 1 / t }') updates/s)"
echo

row() { # label wall user peak_kb same
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$(awk -v k="$4" 'BEGIN { printf "%.0f", k / 1024 }')" "$5"
}

game() { # name file quota
    local name=$1 file=$2 quota=$3 csv=$W/$1.csv
    legislature "$file" "$csv"
    read -r P U <<<"$(cost "$csv" "$quota")"
    echo "### $name: $(($(wc -l <"$csv") - 1)) players, quota $quota, $P residues of $U cell updates"
    echo
    echo "| run | wall s | CPU s (all ranks) | peak MB (per rank) | same bytes as one process (or as the ranks with a table each) |"
    echo "|---|---:|---:|---:|:---:|"
    local one=""
    if [ "$ONE" = 1 ] || [ "$name" = n500 ]; then
        /usr/bin/time -f "%e %U %M" -o "$W/$name.one" "$PS" power --index shapley_shubik --exact \
            --quota "$quota" --threads "$RANKS" --max-work 1e14 --format csv "$csv" >"$W/$name.out.one" 2>&1
        read -r a b c <"$W/$name.one"
        row "one process, $RANKS threads" "$a" "$b" "$c" "-"
        one=$W/$name.out.one
    fi
    rm -f "$W/$name.rank."*
    local t0 t1
    t0=$(date +%s.%N)
    (cd "$W" && mpirun --allow-run-as-root --oversubscribe -n "$RANKS" ./rank.sh "$name" "$PS_MPI" \
        power --index shapley_shubik --exact --quota "$quota" --threads 1 --max-work 1e14 \
        --format csv "$csv" >"$W/$name.out.mpi" 2>&1)
    t1=$(date +%s.%N)
    local user peak same="-"
    user=$(cat "$W/$name.rank."* | awk '{ s += $2 } END { print s }')
    peak=$(cat "$W/$name.rank."* | awk '$3 > m { m = $3 } END { print m }')
    [ -n "$one" ] && { cmp -s "$one" "$W/$name.out.mpi" && same=yes || same=NO; }
    row "mpirun -n $RANKS, 1 thread each" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" "$user" "$peak" "$same"
    # each table held by all the ranks: a memory limit of 60% of one table
    # (its ranks' times in $W/NAME.held.rank.R)
    local table limit held_user held_peak held_same="-"
    table=$("$PS" power --index shapley_shubik --quota "$quota" --max-memory 1 "$csv" 2>&1 |
        sed -n 's/.* needs \([0-9.]*\) MB.*/\1/p')
    limit=$(awk -v mb="$table" 'BEGIN { printf "%.0f", mb * 1e6 * 0.6 }')
    rm -f "$W/$name.held.rank."*
    t0=$(date +%s.%N)
    (cd "$W" && mpirun --allow-run-as-root --oversubscribe -n "$RANKS" ./rank.sh "$name.held" \
        "$PS_MPI" power --index shapley_shubik --exact --quota "$quota" --threads 1 \
        --max-work 1e14 --max-memory "$limit" --format csv "$csv" >"$W/$name.out.held" 2>&1)
    t1=$(date +%s.%N)
    held_user=$(cat "$W/$name.held.rank."* | awk '{ s += $2 } END { print s }')
    held_peak=$(cat "$W/$name.held.rank."* | awk '$3 > m { m = $3 } END { print m }')
    # against one process, or else against the ranks with a table each
    cmp -s "${one:-$W/$name.out.mpi}" "$W/$name.out.held" && held_same=yes || held_same=NO
    row "mpirun -n $RANKS, each table ($table MB) held by all ranks (--max-memory $limit)" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" "$held_user" \
        "$held_peak" "$held_same"
    if "$PS" power --help 2>&1 | grep -q -- '--float'; then
        /usr/bin/time -f "%e %U %M" -o "$W/$name.float" "$PS" power --index shapley_shubik --float \
            --quota "$quota" --threads "$RANKS" --format csv "$csv" >"$W/$name.out.float" 2>&1
        read -r a b c <"$W/$name.float"
        row "--float, $RANKS threads" "$a" "$b" "$c" "(within its bound: bench/check-float.sh)"
    fi
    if [ -n "$EPIC" ]; then
        { echo "$quota"; tail -n +2 "$file"; } >"$W/$name.epic.csv"
        /usr/bin/time -f "%e %U %M" -o "$W/$name.epic" timeout "$EPIC_TIMEOUT" "$EPIC" -i SH \
            -w "$W/$name.epic.csv" -q 0 --quiet >"$W/$name.out.epic" 2>&1
        read -r a b c <"$W/$name.epic"
        if grep -q "Command exited with non-zero status" "$W/$name.epic" 2>/dev/null ||
            ! grep -q . "$W/$name.out.epic"; then
            row "EPIC -i SH (killed at $EPIC_TIMEOUT s)" "> $EPIC_TIMEOUT" "$(tail -n 1 "$W/$name.epic" | cut -d' ' -f2)" "$(tail -n 1 "$W/$name.epic" | cut -d' ' -f3)" "-"
        else
            row "EPIC -i SH" "$a" "$b" "$c" "-"
        fi
    fi
    # the model: compute = ceil(P / workers) U t; the rest of the busiest
    # rank's CPU time is its part of the final step (and start-up): the
    # final step is shared by the ranks, so one core would take RANKS times
    # as long, F1 (CPU time, not wall: the machine may be shared)
    local compute F F1 busiest
    compute=$(awk -v p="$P" -v r="$RANKS" -v u="$U" -v t="$t" 'BEGIN { printf "%.1f", int((p + r - 1) / r) * u * t }')
    busiest=$(cat "$W/$name.rank."* | awk '$2 > m { m = $2 } END { print m }')
    F=$(awk -v b="$busiest" -v c="$compute" 'BEGIN { f = b - c; if (f < 0) f = 0; printf "%.1f", f }')
    F1=$(awk -v f="$F" -v r="$RANKS" 'BEGIN { printf "%.1f", f * r }')
    echo
    echo "Model: $RANKS ranks, ceil($P / $RANKS) x $U x $t = $compute s of residues; the busiest rank used $busiest s of CPU, so its part of the final step is $F s, F1 = $F1 s on one core."
    for N in $NODES; do
        awk -v p="$P" -v n="$N" -v c="$CORES" -v u="$U" -v t="$t" -v f="$F1" 'BEGIN {
            k = int((p + n * c - 1) / (n * c)); printf "- %d nodes x %d cores: ceil(%d / %d) = %d residue(s) per core, %.1f s + F1 / %d = %.1f s\n", n, c, p, n * c, k, k * u * t, n * c, k * u * t + f / (n * c) }'
    done
    echo
}

for g in $GAMES; do
    case $g in
    n500) game n500 "$n500" "$q500" ;;
    n2000)
        n2000=$DATA/linear.q100k.n2000.csv
        game n2000 "$n2000" "$(head -n 1 "$n2000" | tr -d '\r ')"
        ;;
    shareholders-3434) game shareholders-3434 "$DATA/3434players-72068weight-noCoalitions.csv" 36035 ;;
    *) echo "unknown game $g" >&2 ;;
    esac
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
