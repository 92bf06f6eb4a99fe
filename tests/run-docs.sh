#!/usr/bin/env bash
# run-docs.sh - docs/cli.md against the program's own --help.
#
# For each command that `powershare --help` lists, its section of
# docs/cli.md (from the heading "## `powershare <command> ..." to the next
# "## " heading) must
#   1. mention every long option (--name) that `powershare <command> --help`
#      shows, anywhere in the section (the heading, the prose or a table), and
#   2. list in its tables' first column only options that --help shows.
# One count per command and direction. A missing section is one failure.
#
# usage: tests/run-docs.sh POWERSHARE_BINARY
# Prints one line per mismatch and ends with "docs: N passed, N failed".
set -u
if [ $# -ne 1 ]; then
    echo "usage: tests/run-docs.sh POWERSHARE_BINARY" >&2
    exit 2
fi
ps_bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
doc=$root/docs/cli.md

passed=0
failed=0

# the long options of a text, one per line, sorted and unique; a name ends
# at the first character that cannot be part of it ("--top," or "--top`")
long_options() {
    grep -oE -- '--[a-z][a-z0-9]*(-[a-z0-9]+)*' | sort -u
}

# the section of docs/cli.md for command $1
section() {
    awk -v cmd="$1" '
        /^## / { inside = index($0, "## `powershare " cmd " ") == 1 ||
                          index($0, "## `powershare " cmd "`") == 1 }
        inside { print }' "$doc"
}

mapfile -t commands < <("$ps_bin" --help 2>&1 |
                        awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }
                             on && /^$/ { on = 0 }')
if [ ${#commands[@]} -eq 0 ]; then
    echo "FAIL: '$ps_bin --help' lists no commands"
    echo "docs: 0 passed, 1 failed"
    exit 1
fi

for cmd in "${commands[@]}"; do
    text=$(section "$cmd")
    if [ -z "$text" ]; then
        echo "FAIL $cmd: docs/cli.md has no section '## \`powershare $cmd ...'"
        failed=$((failed + 1))
        continue
    fi
    help_opts=$("$ps_bin" "$cmd" --help 2>&1 | long_options)
    doc_opts=$(printf '%s\n' "$text" | long_options)
    # the first cell of each table row, header and rule lines left out
    table_opts=$(printf '%s\n' "$text" |
                 awk -F'|' '/^\|/ && $2 !~ /^ *(option|-+) *$/ { print $2 }' |
                 long_options)

    missing=$(comm -23 <(printf '%s\n' "$help_opts" | sed '/^$/d') \
                       <(printf '%s\n' "$doc_opts" | sed '/^$/d'))
    if [ -z "$missing" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $cmd: --help shows, docs/cli.md does not mention:" $missing
    fi

    extra=$(comm -13 <(printf '%s\n' "$help_opts" | sed '/^$/d') \
                     <(printf '%s\n' "$table_opts" | sed '/^$/d'))
    if [ -z "$extra" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $cmd: docs/cli.md lists, --help does not show:" $extra
    fi
done

echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
