#!/usr/bin/env bash
# run-r.sh - the R package (bindings/r/powershare) as a user installs it:
# libpowershare from BUILD_DIR installed into a throwaway folder
# (scripts/install-lib.sh), `R CMD INSTALL` into a throwaway library, its
# testthat suite (each expectation counts; results checked against
# BUILD_DIR's program and docs/r.md's examples), then `R CMD check
# --no-manual`, which counts as one test that passes with no ERROR and no
# WARNING. The last line is "r: N passed, N failed".
#
# usage: tests/run-r.sh BUILD_DIR
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=$(cd "${1:-build}" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL $1"; echo "r: 0 passed, 1 failed"; exit 1; }
command -v R >/dev/null || fail "R is missing (Debian: r-base-dev)"

PKG_CONFIG_PATH=$(scripts/install-lib.sh "$build" "$T") || fail "installing libpowershare"
export PKG_CONFIG_PATH
mkdir -p "$T/rlib"
R CMD INSTALL --no-test-load --library="$T/rlib" bindings/r/powershare >"$T/install.log" 2>&1 ||
    { tail -n 40 "$T/install.log"; fail "R CMD INSTALL bindings/r/powershare"; }

# the prediction model of the source tree (the throwaway install is not
# where the library looks for it)
export POWERSHARE_MODEL=$root/data/predict-model.json POWERSHARE_SYSTEMS=$root/data/systems PS_ROOT=$root
export PS_CLI=$build/src/cli/powershare R_LIBS=$T/rlib
Rscript - <<'R' 2>&1 | tee "$T/testthat.log"
library(testthat)
library(powershare)
r <- as.data.frame(test_dir(file.path(Sys.getenv("PS_ROOT"),
                                      "bindings/r/powershare/tests/testthat"),
                            reporter = "summary", stop_on_failure = FALSE))
bad <- sum(r$failed) + sum(r$error)
cat(sprintf("testthat: %d passed, %d failed\n", sum(r$passed), bad))
R
line=$(grep -E '^testthat: [0-9]+ passed, [0-9]+ failed$' "$T/testthat.log" | tail -n 1)
[ -n "$line" ] || fail "testthat gave no count"
passed=$(echo "$line" | sed -E 's/^testthat: ([0-9]+) passed.*/\1/')
failed=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')

# R CMD check of the package alone (its tests skip what needs the repository)
(cd "$T" && R CMD build --no-build-vignettes "$root/bindings/r/powershare" >build.log 2>&1 &&
    _R_CHECK_FORCE_SUGGESTS_=false R CMD check --no-manual --no-build-vignettes \
        powershare_*.tar.gz >check.log 2>&1)
status=$(grep -E '^Status:' "$T/check.log" | tail -n 1)
echo "R CMD check --no-manual: ${status:-no status}"
if [ -n "$status" ] && ! echo "$status" | grep -qE 'ERROR|WARNING'; then
    passed=$((passed + 1))
    grep -E '^\* checking .*\.\.\. NOTE' -A4 "$T/check.log" | head -n 30
else
    failed=$((failed + 1))
    grep -E 'ERROR|WARNING' -A10 "$T/check.log" | head -n 60
fi
echo "r: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
