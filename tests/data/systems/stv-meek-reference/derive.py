#!/usr/bin/env python3
"""Derives this folder's files from Droop's ballot files and its transcripts
of the PR Foundation's reference Meek rule (SOURCES.md says which and why).

    derive.py DROOP_CHECKOUT NAME OUT_DIR

writes OUT_DIR/NAME.blt (the ballots, candidates listed in reverse order)
and OUT_DIR/NAME.expected.csv (each round's figures, as `powershare stv
--rule meek --format csv` writes its stages table). Candidates are listed in
reverse so that `--ties first` (the candidate listed last is defeated)
defeats the candidate Droop's default tie order (candidate number, first
defeated) defeats; the count is otherwise the same.

    derive.py --dump DUMP BALLOTS.blt OUT.csv

writes the figures of a transcript DUMP that Droop wrote for BALLOTS.blt
(`python3 Droop.py meek-prf dump BALLOTS.blt > DUMP`), the candidates in the
file's own order (for counts without a tie).
"""
import csv
import re
import sys


def read_blt(path):
    tokens = open(path, encoding="utf-8-sig").read().split("\n")
    n, seats = map(int, tokens[0].split())
    lines, i = [], 1
    while tokens[i].strip() != "0":
        nums = list(map(int, tokens[i].split()))
        lines.append((nums[0], nums[1:-1]))
        i += 1
    # a name is the line's first quoted text (a second is an affiliation)
    names = [re.match(r'\s*"([^"]*)"', t).group(1) for t in tokens[i + 1:i + 1 + n]]
    title = tokens[i + 1 + n].strip().strip('"')
    return n, seats, lines, names, title


def write_blt(path, n, seats, lines, names, title):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{n} {seats}\n")
        for count, prefs in lines:
            f.write(" ".join(map(str, [count] + [n + 1 - p for p in prefs] + [0])) + "\n")
        f.write("0\n")
        for name in reversed(names):
            f.write(f'"{name}"\n')
        f.write(f'"{title}"\n')


def write_expected(path, dump, names, order=reversed):
    rows = list(csv.reader(open(dump, encoding="utf-8"), delimiter="\t"))
    while rows[0][:2] != ["R", "Action"]:  # a report may precede the dump
        rows.pop(0)
    head = rows[0]
    out = [["stage", "candidate", "votes", "keep_factor"]]
    seen = set()
    for r in rows[1:]:
        if len(r) < 2 or not r[0].isdigit() or r[1] not in ("elect", "defeat") or r[0] in seen:
            continue
        seen.add(r[0])  # the row that ended the round (B.2.c or B.3)
        quota, residual = r[head.index("Quota")], r[head.index("Residual")]
        # column k is candidate k of the ballot file (by number, not by name:
        # Droop reads a candidate's affiliation as the next candidate's name)
        figures = {}
        for k in range(1, len(names) + 1):
            figures[names[k - 1]] = (r[head.index(f"{k}.vote")], r[head.index(f"{k}.kf")])
        for name in order(names):
            out.append([r[0], name, *figures[name]])
        out.append([r[0], "Non-transferable votes", residual, ""])
        out.append([r[0], "Non-transferable votes due to rounding", "0.000000000", ""])
        out.append([r[0], "Quota", quota, ""])
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(out)


def main():
    if sys.argv[1] == "--dump":
        dump, ballots, out = sys.argv[2:5]
        names = read_blt(ballots)[3]
        write_expected(out, dump, names, order=list)
        return
    droop, name, out = sys.argv[1:4]
    n, seats, lines, names, title = read_blt(f"{droop}/test/blt/{name}.blt")
    write_blt(f"{out}/{name}.blt", n, seats, lines, names, title)
    write_expected(f"{out}/{name}.expected.csv",
                   f"{droop}/test/ref/dump/{name}-meek-prf-o6-fixed-p9-d9.txt", names)


if __name__ == "__main__":
    main()
