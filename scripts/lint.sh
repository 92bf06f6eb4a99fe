#!/usr/bin/env bash
# lint.sh - static analysis of src/ (make lint): cppcheck, then clang-tidy.
#
# cppcheck: --enable=warning,style,performance,portability, any finding not
#   in .cppcheck-suppressions (one line each, with why) fails.
# clang-tidy: the checks of .clang-tidy (bugprone-*, clang-analyzer-*, with
#   justified exclusions) on every .c file of src/, compiled as the build
#   compiles it (compile_commands.json of BUILD_DIR, configured here if
#   missing). Findings are counted per file and check; a count above the one
#   in .clang-tidy-known (findings triaged or reported, each with why) fails,
#   so new code is held to the checks while the known list is worked down.
#   A count below the known one is reported, so that the list shrinks.
#
# usage: scripts/lint.sh BUILD_DIR [JOBS [FILE...]]   (default: every src/**/*.c;
#        with FILEs, cppcheck is skipped and only those files are checked)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=$1
jobs=${2:-2}
shift 2 2>/dev/null || shift $#
status=0

echo "== cppcheck"
start=$(date +%s)
if [ $# -gt 0 ]; then
    echo "cppcheck: skipped (files given)"
elif ! cppcheck --enable=warning,style,performance,portability --error-exitcode=1 --std=c11 \
        --inline-suppr --suppressions-list=.cppcheck-suppressions -q -j "$jobs" \
        -Iinclude -Isrc/util -Isrc/lib -D_POSIX_C_SOURCE=200809L -D__GNUC__ \
        --template='{file}:{line}:{column}: {severity}: {message} [{id}]' src/; then
    echo "cppcheck: findings above (fix them, or suppress with a reason in .cppcheck-suppressions)"
    status=1
else
    echo "cppcheck: clean ($(( $(date +%s) - start )) s)"
fi

echo "== clang-tidy"
start=$(date +%s)
if [ ! -f "$build/compile_commands.json" ]; then
    meson setup "$build" -Dtests=false >/dev/null || exit 1
fi
log=$build/clang-tidy.log
if [ $# -gt 0 ]; then
    files=("$@")
else
    mapfile -t files < <(find src -name '*.c' | sort)
fi
printf '%s\n' "${files[@]}" | xargs -P "$jobs" -n 4 clang-tidy -p "$build" --quiet \
    >"$log" 2>/dev/null
found=$(mktemp)
# one finding per place and check (a header's finding is reported by every
# file that includes it), then counted per file and check; a message that
# spans lines (clang-analyzer-optin.performance.Padding lists the fields
# one a line) is joined up to its [check]
sed 's/\x1b\[[0-9;]*m//g' "$log" |
    awk '/: (warning|error): / && !/\]$/ {
             line = $0
             for (k = 0; k < 40 && line !~ /\]$/ && (getline nxt) > 0; k++) line = line nxt
             print line; next }
         { print }' |
    sed -nE 's#^(.*/)?((src/(lib|cli)|include/powershare)/[^:]+):([0-9]+):([0-9]+): (warning|error): .* \[([A-Za-z0-9.,-]+)\]$#\2:\5:\6 \8#p' |
    sort -u | awk '{ split($1, a, ":"); n[a[1] " " $2]++ }
                   END { for (k in n) print k, n[k] }' | sort >"$found"
known=$(mktemp)
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' .clang-tidy-known | awk '{ print $1, $2, $3 }' |
    grep -F -f <(printf '%s \n' "${files[@]}") - | sort >"$known"
new=$(join -a 1 -e 0 -o 0,1.2,2.2 <(awk '{ print $1 "|" $2, $3 }' "$found" | sort) \
          <(awk '{ print $1 "|" $2, $3 }' "$known" | sort) | awk '$2 > $3')
gone=$(join -a 2 -e 0 -o 0,1.2,2.2 <(awk '{ print $1 "|" $2, $3 }' "$found" | sort) \
          <(awk '{ print $1 "|" $2, $3 }' "$known" | sort) | awk '$2 < $3')
if [ -n "$new" ]; then
    echo "clang-tidy: new findings (file|check found known):"
    printf '%s\n' "$new" | sed 's/^/  /'
    while read -r key _; do
        f=${key%%|*}
        c=${key#*|}
        sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -F "$f:" | grep -F "[$c]" | sort -u | head -n 5
    done <<<"$new"
    status=1
fi
if [ -n "$gone" ]; then
    echo "clang-tidy: fewer findings than .clang-tidy-known lists (update the list):"
    printf '%s\n' "$gone" | sed 's/^/  /'
fi
total=$(awk '{ s += $3 } END { print s + 0 }' "$found")
echo "clang-tidy: ${#files[@]} files, $total finding(s), $(printf '%s' "$new" | grep -c .) above .clang-tidy-known ($(( $(date +%s) - start )) s)"
echo "(full clang-tidy output: $log)"
rm -f "$found" "$known"
exit "$status"
