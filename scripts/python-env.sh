#!/usr/bin/env bash
# python-env.sh - a throwaway Python environment with the powershare
# package installed as a user installs it (docs/python.md): libpowershare
# from BUILD_DIR installed under DIR/dest (scripts/install-lib.sh), the
# package built by pip
# (offline, no build isolation: Debian's meson-python) into the virtual
# environment DIR/venv, which sees Debian's packages (pandas). Used by
# tests/run-python.sh and bench/run-python.sh. Prints what failed and exits
# non-zero on failure.
#
# usage: scripts/python-env.sh BUILD_DIR DIR   (then DIR/venv/bin/python)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
dir=$2
py=${PS_PYTHON:-/usr/bin/python3}
mkdir -p "$dir"

pcdir=$("$root/scripts/install-lib.sh" "$build" "$dir") || exit 1

"$py" -m venv --system-site-packages "$dir/venv" >"$dir/venv.log" 2>&1 ||
    { cat "$dir/venv.log"; echo "python3 -m venv failed (Debian: python3-venv)"; exit 1; }
PKG_CONFIG_PATH=$pcdir "$dir/venv/bin/pip" install --no-index \
    --no-build-isolation --no-deps --quiet --no-cache-dir "$root/bindings/python" \
    >"$dir/pip.log" 2>&1 ||
    { tail -n 40 "$dir/pip.log"; echo "pip install bindings/python failed"; exit 1; }
