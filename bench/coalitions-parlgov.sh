#!/usr/bin/env bash
# coalitions-parlgov.sh - timings of the coalition stage and the ParlGov
# evaluation (bench/RESULTS.md (Coalitions)).
#
# usage: bench/coalitions-parlgov.sh POWERSHARE_BINARY PARLGOV_DIR
# PARLGOV_DIR holds ParlGov's view_cabinet.csv (e.g. a copy of the ParlGov tables up to 2010:
# parlgov-to-2010); nothing from it enters the repository.
set -eu
ps=$1
pg=$2
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# 30 parties, 506 seats (quota 254): 4,624,527 minimal winning coalitions
{
    echo party,seats
    i=0
    for s in 120 80 60 45 35 28 22 18 15 12 10 8 7 6 5 5 4 4 3 3 3 2 2 2 2 1 1 1 1 1; do
        i=$((i + 1))
        echo "p$i,$s"
    done
} > "$tmp/thirty.csv"
t() {
    local label=$1
    shift
    /usr/bin/time -f "$label: %e s wall, %U s user, %M KB" "$@" > /dev/null
}
for run in 1 2 3; do
    t "30 parties, all theories, top 10" "$ps" coalitions "$tmp/thirty.csv"
    t "Iraq 2014, all theories, top 10" "$ps" coalitions "$root/data/iraq-2014.json"
    t "Iraq 2014, shia+sunni+kurdish" "$ps" coalitions "$root/data/iraq-2014.json" \
        --include-community shia --include-community sunni --include-community kurdish
    t "ParlGov evaluate (all countries)" "$ps" evaluate --parlgov "$pg"
done
"$ps" evaluate --parlgov "$pg"
