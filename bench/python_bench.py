#!/usr/bin/env python3
"""python_bench.py - the cost of calling powershare from Python.

    python_bench.py seats VOTES_CSV SEATS REPS
    python_bench.py power GAME INDEX REPS

`seats`: median microseconds per call of Sainte-Lague on the votes (party,
votes CSV) through the compiled module alone (_core.apportion, a list in,
a dict out), through powershare.seats(frame=False) (a dict in and out) and
through powershare.seats() (a DataFrame out). `power`: the median wall
seconds of the compiled module's call and of powershare.power() (a
DataFrame of floats and Fractions) on a game file (first line the quota,
then one weight per line), exact. Run by bench/run-python.sh with the package
installed in a throwaway environment (scripts/python-env.sh); the C
figures it compares with come from bench_apportion and power_bench.
"""
import csv
import statistics
import sys
import time

import powershare as ps
from powershare import _core


def per_call_us(fn, reps, rounds=7):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(reps):
            fn()
        times.append((time.perf_counter() - start) / reps * 1e6)
    return statistics.median(times)


def seats(path, n, reps):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    votes = {r["party"]: int(r["votes"]) for r in rows}
    counts = list(votes.values())
    core = per_call_us(lambda: _core.apportion(counts, n, method="sainte-lague"), reps)
    plain = per_call_us(lambda: ps.seats(votes, n, method="sainte-lague", frame=False), reps)
    table = per_call_us(lambda: ps.seats(votes, n, method="sainte-lague"), max(reps // 50, 20))
    print(f"core {core:.2f} plain {plain:.2f} frame {table:.1f}")


def power(path, index, reps):
    with open(path) as f:
        numbers = [int(line) for line in f if line.strip()]
    quota, weights = numbers[0], numbers[1:]
    module, frame = [], []
    for _ in range(reps):
        start = time.perf_counter()
        _core.power(weights, quota, indices=index)
        module.append(time.perf_counter() - start)
        start = time.perf_counter()
        ps.power(weights, quota, index=index)
        frame.append(time.perf_counter() - start)
    print(f"module {statistics.median(module):.4f} power {statistics.median(frame):.4f}")


if __name__ == "__main__":
    if sys.argv[1] == "seats":
        seats(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        power(sys.argv[2], sys.argv[3], int(sys.argv[4]))
