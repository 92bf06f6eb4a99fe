#!/usr/bin/env bash
# setup-deps.sh - install what building and testing powershare needs.
#
# Debian packages only. As root, missing packages are installed with apt-get;
# otherwise the exact apt-get line is printed and the script fails, so a
# fresh Debian machine needs nothing but `make demo` or `make test`.
#
# usage: scripts/setup-deps.sh [build|test|fuzz|lint]
#   fuzz: what `make fuzz` needs (clang and its libFuzzer/sanitizer runtime)
#   lint: what `make lint` needs (cppcheck, clang-tidy)
set -euo pipefail

want=${1:-build}

# command -> package, for tools; then -dev packages checked with dpkg.
build_packages=(gcc make meson ninja-build pkg-config libgmp-dev libcairo2-dev libmicrohttpd-dev fonts-dejavu-core)
test_packages=(libcriterion-dev python3 chromium curl libopenmpi-dev openmpi-bin
               python3-dev python3-venv python3-pip python3-mesonpy python3-pandas
               python3-pytest python3-hypothesis
               r-base-dev r-cran-testthat r-cran-ggplot2 r-cran-jsonlite)
# libFuzzer (libclang_rt.fuzzer) and the sanitizer runtimes come with
# libclang-rt-14-dev, which Debian 12's clang does not always pull in.
fuzz_packages=(clang libclang-rt-14-dev libcriterion-dev)
lint_packages=(cppcheck clang-tidy)

packages=("${build_packages[@]}")
case $want in
    build) ;;
    test) packages+=("${test_packages[@]}") ;;
    fuzz) packages+=("${fuzz_packages[@]}") ;;
    lint) packages+=("${lint_packages[@]}") ;;
    *) echo "usage: $0 [build|test|fuzz|lint]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "powershare needs these Debian packages: ${missing[*]}" >&2
    echo "Run as root:  apt-get update && $line" >&2
    exit 1
fi

echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
