#!/usr/bin/env bash
# run-python.sh - the Python package (bindings/python) as a user installs
# it (scripts/python-env.sh: libpowershare from BUILD_DIR and the package,
# built by pip offline from Debian's packages, in a throwaway virtual
# environment), then its pytest suite, whose results are checked against BUILD_DIR's
# program. The last line is "python: N passed, N failed".
#
# usage: tests/run-python.sh BUILD_DIR
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=$(cd "${1:-build}" && pwd)
py=${PS_PYTHON:-/usr/bin/python3}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL $1"; echo "python: 0 passed, 1 failed"; exit 1; }

scripts/python-env.sh "$build" "$T" || fail "the package's install (scripts/python-env.sh)"

cd "$T" # import the installed package, not the source folder
# the prediction model of the source tree (the throwaway install is not
# where the library looks for it)
POWERSHARE_MODEL=$root/data/predict-model.json POWERSHARE_SYSTEMS=$root/data/systems PS_ROOT=$root PS_CLI=$build/src/cli/powershare \
    "$T/venv/bin/python" -m pytest -q \
    -p no:cacheprovider --junitxml "$T/junit.xml" "$root/bindings/python/tests"
"$py" - "$T/junit.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
suites = ET.parse(sys.argv[1]).getroot()
suites = [suites] if suites.tag == "testsuite" else list(suites)
tests = sum(int(s.get("tests", 0)) for s in suites)
bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
if tests == 0:
    bad = 1
print(f"python: {tests - bad - skipped} passed, {bad} failed")
sys.exit(1 if bad else 0)
PY
