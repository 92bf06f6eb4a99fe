#!/usr/bin/env bash
# install-lib.sh - libpowershare from BUILD_DIR installed into the
# throwaway folder DIR/dest, its pkg-config file pointed there; prints the
# folder to put in PKG_CONFIG_PATH. Used by scripts/python-env.sh and
# tests/run-r.sh to build the Python and R packages as a user would,
# against an installed library.
#
# usage: PKG_CONFIG_PATH=$(scripts/install-lib.sh BUILD_DIR DIR)
set -u
build=$(cd "$1" && pwd)
dir=$2
mkdir -p "$dir"
meson install -C "$build" --destdir "$dir/dest" --quiet >"$dir/install.log" 2>&1 ||
    { cat "$dir/install.log" >&2; echo "meson install of $build failed" >&2; exit 1; }
pc=$(find "$dir/dest" -name powershare.pc | head -n 1)
[ -n "$pc" ] || { echo "no powershare.pc installed" >&2; exit 1; }
# the .pc names the configured prefix; point it into the throwaway folder
prefix=$(sed -n 's/^prefix=//p' "$pc")
sed -i "s|^prefix=.*|prefix=$dir/dest$prefix|" "$pc"
dirname "$pc"
