#!/usr/bin/env bash
# run-mpi.sh - `powershare simulate` under Open MPI gives the same bytes as
# one process.
#
# Builds the program alone in an MPI build folder (-Dmpi=enabled), then runs
# the same simulations with mpirun -n 2 and -n 3 and in one process (the
# plain build), and compares the outputs byte for byte: a fixed number of
# draws (not a multiple of the block size, with Banzhaf sums), and a
# --precision run (rounds decided from counts summed over the ranks).
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
runs=(
    "--method sainte-lague --seats 598 --threshold 5% --draws 30001 --seed 4 --banzhaf $data/de-2021-poll.csv"
    "--method dhondt --seats 11 --precision 0.004 --seed 2 --format json $data/two.csv"
)
passed=0
failed=0
for i in "${!runs[@]}"; do
    # shellcheck disable=SC2086
    "$plain/src/cli/powershare" simulate --threads 2 ${runs[$i]} >"$t/one.$i" 2>&1
    for n in 2 3; do
        # shellcheck disable=SC2086
        mpirun --allow-run-as-root --oversubscribe -n $n \
            "$mpi_build/src/cli/powershare" simulate --threads 1 ${runs[$i]} >"$t/mpi.$i.$n" 2>&1
        if [ $? -eq 0 ] && [ -s "$t/one.$i" ] && cmp -s "$t/one.$i" "$t/mpi.$i.$n"; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            echo "FAIL mpi: mpirun -n $n simulate ${runs[$i]} differs from one process:"
            diff "$t/one.$i" "$t/mpi.$i.$n" | head -n 10
        fi
    done
done
echo "mpi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
