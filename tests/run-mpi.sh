#!/usr/bin/env bash
# run-mpi.sh - `powershare simulate`, `power` and `coalitions` under Open
# MPI give the same bytes as one process.
#
# Builds the program alone in an MPI build folder (-Dmpi=enabled), then runs
# the same commands with mpirun -n 2 and -n 3 and in one process (the plain
# build), and compares the outputs byte for byte: simulations with a fixed
# number of draws (not a multiple of the block size, with Banzhaf sums) and
# with --precision (rounds decided from counts summed over the ranks); exact
# power indices whose residues the ranks share (one layer, several layers,
# the minimal-winning-coalition indices) and Monte Carlo blocks; the
# coalition search's passes (ranked minimal coalitions with and without a
# condition, and --all); refusals of one process that ranks sharing the
# work accept: the work limit (residues shared) and the memory limit (one
# Shapley-Shubik table held by all the ranks).
# Ends with "mpi: N passed, N failed" like run-cases.sh.
#
# usage: tests/run-mpi.sh PLAIN_BUILD_DIR [MPI_BUILD_DIR]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
plain=$1
mpi_build=${2:-build-mpi}
if ! command -v mpirun >/dev/null; then
    echo "FAIL mpi: mpirun not found (scripts/setup-deps.sh test installs openmpi-bin)"
    echo "mpi: 0 passed, 1 failed"
    exit 1
fi
if [ ! -f "$mpi_build/build.ninja" ]; then
    meson setup "$mpi_build" -Dmpi=enabled -Dtests=false -Dstrict=true >/dev/null || {
        echo "FAIL mpi: meson setup $mpi_build -Dmpi=enabled failed"
        echo "mpi: 0 passed, 1 failed"
        exit 1
    }
fi
ninja -C "$mpi_build" -j2 src/cli/powershare >/dev/null || {
    echo "FAIL mpi: building $mpi_build failed"
    echo "mpi: 0 passed, 1 failed"
    exit 1
}

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
data=tests/data/simulate
games=tests/data/power
# Each line: a command and its arguments. One process gets --threads 2, the
# ranks --threads 1, so that threads and ranks both vary.
runs=(
    "simulate --method sainte-lague --seats 598 --threshold 5% --draws 30001 --seed 4 --banzhaf $data/de-2021-poll.csv"
    "simulate --method dhondt --seats 11 --precision 0.004 --seed 2 --format json $data/two.csv"
    "power --index all --exact --format csv data/iraq-2014.json"
    "power --index shapley_shubik,banzhaf,holler --exact --format json $games/random-150.csv"
    "power --index banzhaf,shapley_shubik --exact --consent shia --consent sunni --consent kurdish data/iraq-2014.json"
    "power --index banzhaf,shapley_shubik --approx --samples 300001 --seed 7 --format csv data/iraq-2014.json"
    "coalitions --top 5 data/iraq-2014.json"
    "coalitions --no-condition --include-community shia --include-community sunni --include-community kurdish --format json data/iraq-2014.json"
    "coalitions --all --top 3 --format csv tests/data/coalitions/nl-tk2023.csv"
)
passed=0
failed=0
for i in "${!runs[@]}"; do
    # shellcheck disable=SC2086
    "$plain/src/cli/powershare" ${runs[$i]} --threads 2 >"$t/one.$i" 2>&1
    for n in 2 3; do
        # shellcheck disable=SC2086
        mpirun --allow-run-as-root --oversubscribe -n $n \
            "$mpi_build/src/cli/powershare" ${runs[$i]} --threads 1 >"$t/mpi.$i.$n" 2>&1
        if [ $? -eq 0 ] && [ -s "$t/one.$i" ] && cmp -s "$t/one.$i" "$t/mpi.$i.$n"; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            echo "FAIL mpi: mpirun -n $n powershare ${runs[$i]} differs from one process:"
            diff "$t/one.$i" "$t/mpi.$i.$n" | head -n 10
        fi
    done
done
# A limit per process: refused by one process, with a message naming how
# many would do; accepted by that many ranks (and more), with the same bytes
# as one process without the limit.
# usage: [GAME=FILE] limit_check FLAG VALUE MESSAGE "RANKS..." [OPTIONS...]
limit_check() {
    local flag=$1 value=$2 message=$3 ranks=$4
    shift 4
    local run="power --index shapley_shubik --exact ${GAME:-$games/random-150.csv}"
    # shellcheck disable=SC2086
    "$plain/src/cli/powershare" $run "$flag" "$value" >"$t/alone" 2>&1
    local status=$?
    if [ $status -eq 3 ] && grep -q "$message" "$t/alone"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL mpi: powershare $run $flag $value: expected a refusal naming" \
            "'$message' (exit 3), got $status:"
        head -n 3 "$t/alone"
    fi
    # shellcheck disable=SC2086
    "$plain/src/cli/powershare" $run >"$t/unlimited" 2>&1
    for n in $ranks; do
        # shellcheck disable=SC2086
        mpirun --allow-run-as-root --oversubscribe -n "$n" "$mpi_build/src/cli/powershare" \
            $run "$flag" "$value" "$@" >"$t/shared" 2>&1
        if [ $? -eq 0 ] && [ -s "$t/unlimited" ] && cmp -s "$t/unlimited" "$t/shared"; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            echo "FAIL mpi: mpirun -n $n powershare $run $flag $value $*: differs from one" \
                "process without the limit:"
            diff "$t/unlimited" "$t/shared" | head -n 10
        fi
    done
}
# The work limit: 3 residues of 4.0e7 cell updates each, limit 5e7.
limit_check --max-work 5e7 "3 processes sharing the residues" 3
# The memory limit: one table of 5.8 MB, limit 4 MB: the ranks hold each
# table together (rows cut between ranks, and between threads).
limit_check --max-memory 4e6 "2 processes sharing the table" "2 3" --threads 1
limit_check --max-memory 4e6 "2 processes sharing the table" 2 --threads 2
# A table of many short rows (600 players of 1 to 10 seats, 2.4 MB, rows of
# at most 1,650 words): the copies of the sixteen rows below each rank's
# part fit beside its share, so the ranks add the players in wavefronts and
# pass sixteen rows up.
{
    echo party,seats
    for i in $(seq 1 600); do echo "p$i,$((1 + (i * 7919) % 10))"; done
} >"$t/many-rows.csv"
GAME=$t/many-rows.csv limit_check --max-memory 2e6 "2 processes sharing the table" "2 3" \
    --threads 1
echo "mpi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
