#!/usr/bin/env python3
"""powerindex_driver.py - times maxlit/powerindex (Python) on a weighted game file.

    powerindex_driver.py run GAME INDEX [--peer DIR] [--max-memory MB] [--max-cpu S] [--values OUT]
    powerindex_driver.py raw GAME [--peer DIR]
    powerindex_driver.py compare VALUES EXACT_CSV COLUMN
    powerindex_driver.py compare-raw RAW EXACT_CSV

GAME: first line the quota, then one weight per line (the format of EPIC's test
cases, a folder given on the command line). INDEX: banzhaf or shapley_shubik (normalised
Banzhaf, Shapley-Shubik), computed by the peer's Game.calc_banzhaf() and
Game.calc_shapley_shubik(). DIR is a work tree of github.com/maxlit/powerindex
(default $POWERINDEX_DIR or /tmp/powerindex); the peer is imported from there,
never installed.

`run` prints lines shaped like bench/power_bench.c's, so that
bench/run-powerindex.sh reads both programs the same way:
    file F players N quota Q index I peer powerindex
    time 1.234 s (cpu 1.230 s)
    banzhaf: player 1 = 0.238095238095; sum over players 1
Only the constructor and the calc_* call are timed (not reading the file nor
importing). --max-memory caps the address space (RLIMIT_AS) so that the peer's
Shapley-Shubik table, which keeps every row (its code frees nothing), ends in a
MemoryError instead of exhausting a shared machine; --max-cpu stops the run
after S seconds of CPU time (RLIMIT_CPU), which on a loaded machine is fairer
than a wall-clock limit. Either ends the run with exit status 4. --values writes every
player's value, repr() of the double, one per line.

`raw` prints the peer's exact Banzhaf swing counts (Python ints), recomputed
with the peer's own internal methods exactly as calc_banzhaf() does before it
divides by their float sum; untimed, for the agreement check.

`compare` checks a --values file against powershare's exact fractions (the CSV
of `powershare power --exact --format csv`, COLUMN banzhaf or shapley_shubik):
how many doubles equal the correctly rounded fraction, the largest distance in
units in the last place, and the largest relative error. `compare-raw` checks
the raw counts against the banzhaf_raw column, exactly.
"""
import csv
import math
import os
import resource
import signal
import sys
import time
from fractions import Fraction


def read_game(path):
    with open(path, encoding="ascii") as f:
        numbers = [int(tok) for tok in f.read().split()]
    if not numbers:
        sys.exit(f"{path}: no quota")
    return numbers[0], numbers[1:]


def import_peer(peer_dir):
    sys.path.insert(0, peer_dir)
    import powerindex  # pylint: disable=import-outside-toplevel

    return powerindex


def peer_dir_of(args):
    if "--peer" in args:
        return args[args.index("--peer") + 1]
    return os.environ.get("POWERINDEX_DIR", "/tmp/powerindex")


def option(args, name):
    return args[args.index(name) + 1] if name in args else None


class CpuLimit(Exception):
    """Raised from the SIGXCPU handler when --max-cpu is reached."""


def on_sigxcpu(_signum, _frame):
    raise CpuLimit()


def cmd_run(args):
    path, index = args[0], args[1]
    if index not in ("banzhaf", "shapley_shubik"):
        sys.exit(f"unknown index {index} (banzhaf or shapley_shubik)")
    px = import_peer(peer_dir_of(args))
    quota, weights = read_game(path)
    cap = option(args, "--max-memory")
    if cap:
        limit = int(cap) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu_cap = option(args, "--max-cpu")
    if cpu_cap:
        signal.signal(signal.SIGXCPU, on_sigxcpu)
        # Soft limit: SIGXCPU; the hard limit (SIGKILL) only if that is ignored.
        resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_cap), int(cpu_cap) + 10))
    w0, c0 = time.perf_counter(), time.process_time()
    try:
        game = px.Game(quota, list(weights))
        if index == "banzhaf":
            game.calc_banzhaf()
            values = game.banzhaf
        else:
            game.calc_shapley_shubik()
            values = game.shapley_shubik
    except MemoryError:
        # Free the peer's tables before formatting the message.
        game = None
        cpu = time.process_time() - c0
        print(f"error: MemoryError (address space capped at {cap} MB) after {cpu:.1f} s cpu",
              file=sys.stderr)
        return 4
    except CpuLimit:
        game = None
        cpu = time.process_time() - c0
        print(f"error: stopped at the CPU limit of {cpu_cap} s ({cpu:.1f} s in calc_*)",
              file=sys.stderr)
        return 4
    except (OverflowError, ZeroDivisionError) as e:
        print(f"error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(f"file {path} players {len(weights)} quota {quota} index {index} peer powerindex")
    print(f"time {wall:.3f} s (cpu {cpu:.3f} s)")
    print(f"{index}: player 1 = {values[0]!r}; sum over players {math.fsum(values)!r}")
    out = option(args, "--values")
    if out:
        with open(out, "w", encoding="ascii") as f:
            f.writelines(f"{v!r}\n" for v in values)
    return 0


def cmd_raw(args):
    px = import_peer(peer_dir_of(args))
    quota, weights = read_game(args[0])
    game = px.Game(quota, list(weights))
    # The same expression as Game.calc_banzhaf(), without the float division.
    coeffs = game._coeffs_of_general_GF("Banzhaf")  # pylint: disable=protected-access
    for w in game.weights:
        c = game._coeffs_of_player_GF(coeffs, w, "Banzhaf")  # pylint: disable=protected-access
        print(sum(c[(game.quota - w):game.quota]))
    return 0


def exact_column(path, column):
    with open(path, newline="", encoding="utf-8") as f:
        return [Fraction(row[column]) for row in csv.DictReader(f)]


def ulps_apart(a, b):
    if a == b:
        return 0
    return abs(a - b) / math.ulp(max(abs(a), abs(b)))


def cmd_compare(args):
    with open(args[0], encoding="ascii") as f:
        peer = [float(line) for line in f if line.strip()]
    exact = exact_column(args[1], args[2])
    if len(peer) != len(exact):
        print(f"players differ: peer {len(peer)}, powershare {len(exact)}")
        return 1
    same = 0
    worst_ulp = 0.0
    worst_rel = Fraction(0)
    worst_player = 0
    for i, (p, e) in enumerate(zip(peer, exact)):
        rounded = float(e)
        same += p == rounded
        u = ulps_apart(p, rounded)
        if e != 0:
            rel = abs(Fraction(p) - e) / e
        else:
            rel = Fraction(0) if p == 0 else Fraction(1)
        if u > worst_ulp:
            worst_ulp, worst_player = u, i + 1
        worst_rel = max(worst_rel, rel)
    where = f" (player {worst_player})" if worst_player else ""
    print(f"{same}/{len(peer)} doubles equal to the rounded exact value; "
          f"max {worst_ulp:.0f} ulp{where}; max rel err {float(worst_rel):.1e}")
    return 0 if worst_rel < Fraction(1, 10**9) else 1


def cmd_compare_raw(args):
    with open(args[0], encoding="ascii") as f:
        peer = [int(line) for line in f if line.strip()]
    exact = exact_column(args[1], "banzhaf_raw")
    differ = sum(1 for p, e in zip(peer, exact) if Fraction(p) != e)
    if len(peer) != len(exact) or differ:
        print(f"raw swing counts differ for {differ} of {len(exact)} players")
        return 1
    print(f"all {len(peer)} raw swing counts identical (largest {max(peer).bit_length()} bits)")
    return 0


def main(argv):
    commands = {"run": (cmd_run, 2), "raw": (cmd_raw, 1), "compare": (cmd_compare, 3),
                "compare-raw": (cmd_compare_raw, 2)}
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 < commands[argv[1]][1]:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return commands[argv[1]][0](argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
