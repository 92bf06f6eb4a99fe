#!/usr/bin/env bash
# run-simulate.sh - `powershare simulate` against the R package coalitions
# (Bender & Bauer, JOSS 2018) on the same made-up 6-party German poll
# (CDU/CSU 25, SPD 24, Greens 15, FDP 12, AfD 11, Left 6, others 7; 2000
# respondents; 598 seats, 5% threshold, Sainte-Lague).
#
# powershare: 1,000,000 draws on 1 and on 2 threads. R: 10,000 draws
# (draw_from_posterior, get_seats with sls, have_majority and
# calculate_probs over all 63 coalitions), once with the parties in
# alphabetical order and once in the poll's order, to check the seat
# labels. Prints seconds per draw of both and a table of probabilities with
# their Monte Carlo standard errors and the z-score of the difference.
#
# With powershare's own R package installed in RLIB (R CMD INSTALL -l RLIB
# bindings/r/powershare), its ps_simulate() is timed too.
#
# Needs R with coalitions installed in RLIB (never part of this repository):
#   apt-get install r-base-core r-cran-{checkmate,gtools,rvest,xml2,rlang,
#     magrittr,lubridate,stringr,tidyr,purrr,dplyr,ggplot2,tibble}
#   R CMD INSTALL -l /tmp/rlib <coalitions source>
#
# usage: bench/run-simulate.sh [BUILD_DIR (default build)] [RLIB (default /tmp/rlib)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
rlib=${2:-/tmp/rlib}
keep=${KEEP:-}  # a folder to keep the raw outputs in
ps="$build/src/cli/powershare"
[ -x "$ps" ] || { echo "build powershare first (make build)" >&2; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

cat >"$t/poll.csv" <<'CSV'
pollster,date,party,share,respondents
made-up,2021-09-21,cdu,25,2000
made-up,2021-09-21,spd,24,2000
made-up,2021-09-21,greens,15,2000
made-up,2021-09-21,fdp,12,2000
made-up,2021-09-21,afd,11,2000
made-up,2021-09-21,left,6,2000
made-up,2021-09-21,others,7,2000
CSV

now() { date +%s.%N; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
args="--method sainte-lague --seats 598 --threshold 5% --draws 1000000 --seed 1 --format json"
for th in 1 2; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S" -o "$t/time$th" "$ps" simulate $args --threads "$th" \
        "$t/poll.csv" >"$t/ps$th.json"
    read -r wall user sys <"$t/time$th"
    echo "powershare 1000000 draws, $th thread(s): $wall s wall, $(echo "$user + $sys" | bc) s CPU"
done
read -r _ user sys <"$t/time1"
ps_cpu=$(echo "$user + $sys" | bc)
cmp -s "$t/ps1.json" "$t/ps2.json" && echo "powershare: 1 and 2 threads give identical bytes"

# powershare's R package (bindings/r/powershare, installed in RLIB): the
# same simulation from R, one call, 1,000,000 draws on one thread.
if command -v Rscript >/dev/null && [ -d "$rlib/powershare" ]; then
    Rscript -e 'args <- commandArgs(TRUE); library(powershare, lib.loc = args[1])
      t <- system.time(s <- ps_simulate(args[2], 598, threshold = "5%", draws = 1e6, seed = 1))
      cat(sprintf("R powershare ps_simulate 1000000 draws: %.2f s wall, %.2f s CPU\n",
                  t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]))
      c1 <- s$coalitions[1, ]
      cat(sprintf("R powershare: %s P(minimal) %.6f\n", c1$label, c1$p_minimal))' \
        "$rlib" "$t/poll.csv"
fi

if ! command -v Rscript >/dev/null || [ ! -d "$rlib/coalitions" ]; then
    echo "R or the coalitions package (in $rlib) is missing: only the powershare side ran"
    exit 0
fi

cat >"$t/run.R" <<'RSCRIPT'
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages({
  library(coalitions, lib.loc = args[1]); library(dplyr); library(tibble); library(purrr)
})
order <- args[2]
nsim <- as.integer(args[3])
if (order == "alphabetical") {
  party <- c("afd", "cdu", "fdp", "greens", "left", "others", "spd")
} else {
  party <- c("cdu", "spd", "greens", "fdp", "afd", "left", "others")
}
share <- c(cdu = 25, spd = 24, greens = 15, fdp = 12, afd = 11, left = 6, others = 7)
survey <- tibble(party = party, percent = unname(share[party]))
survey$votes <- survey$percent / 100 * 2000
real <- setdiff(party, "others")
coals <- unlist(lapply(seq_along(real), function(k) combn(sort(real), k, simplify = FALSE)),
                recursive = FALSE)
# have_majority() fails ("Can't recycle ...") for a coalition none of whose
# parties is seated in some draw (it loses those draws' rows): leave out the
# Left alone, the only such coalition here (it never has a majority).
coals <- Filter(function(k) !identical(k, "left"), coals)
t0 <- proc.time()
draws <- draw_from_posterior(survey, nsim = nsim, seed = 1)
seats <- get_seats(draws, survey, distrib.fun = sls, samplesize = 2000, hurdle = 0.05,
                   others = "others", n_seats = 598L)
if (order == "alphabetical") {
  maj <- have_majority(seats, coalitions = coals, seats_majority = 300L)
  pmin <- calculate_probs(maj, coals, exclude_superior = TRUE)
  pall <- colMeans(maj)
} else {
  pall <- c()
}
t1 <- proc.time() - t0
entry <- get_entryprobability(draws, hurdle = 0.05)
means <- seats %>% group_by(party) %>% summarize(m = sum(seats) / nsim)
cat(sprintf("seconds\t%.3f\t%.3f\n", t1[["elapsed"]], t1[["user.self"]] + t1[["sys.self"]]))
for (i in seq_along(pall))
  cat(sprintf("coalition\t%s\t%.6f\t%.6f\n", names(pall)[i], pall[[i]],
              pmin$probability[i] / 100))
for (p in real) cat(sprintf("entry\t%s\t%.6f\n", p, entry[[p]]))
for (i in seq_len(nrow(means))) cat(sprintf("mean\t%s\t%.4f\n", means$party[i], means$m[i]))
RSCRIPT

for order in alphabetical poll; do
    s=$(now)
    Rscript "$t/run.R" "$rlib" "$order" 10000 >"$t/r-$order.tsv" 2>"$t/r-$order.err" || {
        echo "R failed:"; tail -n 20 "$t/r-$order.err"; exit 1; }
    e=$(now)
    [ "$order" = poll ] && echo "(poll order: posterior draws and seats only, for the label check)"
    echo "R coalitions 10000 draws ($order order): $(grep ^seconds "$t/r-$order.tsv" | cut -f2) s wall, $(grep ^seconds "$t/r-$order.tsv" | cut -f3) s CPU inside R; $(echo "$e - $s" | bc) s wall with start-up"
done

python3 - "$t" "$ps_cpu" <<'PY'
import json, math, sys
t = sys.argv[1]
ps_cpu = float(sys.argv[2])
ps = json.load(open(f"{t}/ps2.json"))
N = ps["draws"]
def est(p, n): return p, math.sqrt(max(p * (1 - p), 0) / n)
# powershare reports minimal winning coalitions; P(majority) of any other
# coalition is needed too: rerun-free, from the JSON we only have those.
psc = {"_".join(sorted(c["parties"])): c for c in ps["coalitions"]}
r = {}
for line in open(f"{t}/r-alphabetical.tsv"):
    f = line.rstrip("\n").split("\t")
    r.setdefault(f[0], {})[f[1]] = [float(x) for x in f[2:]]
rsec = float(open(f"{t}/r-alphabetical.tsv").readline().split("\t")[2])
print()
print("| coalition | R P(majority) | powershare P(majority) | z | R P(minimal) | powershare P(minimal) | z |")
print("|---|---|---|---|---|---|---|")
worst = 0
for name, c in sorted(psc.items(), key=lambda kv: -kv[1]["p_minimal"]):
    if name not in r["coalition"]:
        continue
    rw, rm = r["coalition"][name]
    rows = []
    for rp, pp, pse in ((rw, c["p_majority"], c["se"]), (rm, c["p_minimal"], c["se_minimal"])):
        _, rse = est(rp, 10000)
        # two-proportion z test with the pooled proportion, so that a
        # probability of 0 or 1 in the smaller sample does not count as exact
        pbar = (rp * 10000 + pp * N) / (10000 + N)
        s = math.sqrt(pbar * (1 - pbar) * (1 / 10000 + 1 / N))
        z = (pp - rp) / s if s > 0 else 0.0
        worst = max(worst, abs(z))
        rows += [f"{rp:.4f} ± {rse:.4f}", f"{pp:.6f} ± {pse:.6f}", f"{z:+.2f}"]
    print(f"| {name.replace('_', '+')} | " + " | ".join(rows) + " |")
print()
print("| party | R P(5% or more) | powershare P(seats) | R mean seats | powershare mean seats |")
print("|---|---|---|---|---|")
for p in ps["parties"]:
    if p.get("others"):
        continue
    n = p["party"]
    print(f"| {n} | {r['entry'][n][0]:.4f} | {p['p_seats']:.4f} | {r['mean'][n][0]:.2f} | {p['seats_mean']:.2f} |")
print(f"\nlargest |z| over the table: {worst:.2f} ({2 * len(psc)} comparisons; "
      f"|z| < 3 expected for all when the two agree)")
print(f"CPU seconds per draw: R {rsec / 10000:.3g}, powershare (1 thread) {ps_cpu / 1e6:.3g}; "
      f"ratio {rsec / 10000 / (ps_cpu / 1e6):.0f}")
# the label check: same draws (same seed), parties given in the poll's order
rp = {}
for line in open(f"{t}/r-poll.tsv"):
    f = line.rstrip("\n").split("\t")
    if f[0] == "mean":
        rp[f[1]] = float(f[2])
print("\nR mean seats, parties in alphabetical vs poll order (a correct program gives the same):")
for n in rp:
    print(f"  {n:7s} {r['mean'][n][0]:8.2f} {rp[n]:8.2f}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$keep" ]; then mkdir -p "$keep" && cp "$t"/* "$keep"/; fi
