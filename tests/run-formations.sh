#!/usr/bin/env bash
# run-formations.sh - checks the real formations of tests/data/formations/
# with the built program.
#
# Each case folder holds legislature.json (a powershare legislature),
# cabinet.json (the cabinet that formed: its members, their seats and the
# cabinet's seat total as written down from the sources, see the folder's
# SOURCES.md) and SOURCES.md. For every case:
#   loads      `powershare power legislature.json` and `powershare coalitions
#              legislature.json --format json --top 1` exit 0
#   seat sum   the parties' seats add up to total_seats minus
#              unattributed_seats (and vacant_seats)
#   members    every id of cabinet.json (members, uncertain or disputed) is a
#              party of the file, and no id is both a member and uncertain
#   cabinet    `powershare portfolios --coalition MEMBERS --posts 1 --format
#              csv` accepts the members, and the seats it reports for each
#              member and in total equal the ones cabinet.json records
#              (written from the sources, not from the program); a case
#              with "formed": false has no members and 0 seats
#   sources    SOURCES.md exists and names every key cabinet.json cites
# Then, once, the checker itself: broken copies of a case (a seat changed, an
# unknown member, a wrong cabinet total, a file that does not load) must each
# be refused; each such check counts as one test.
#
# usage: tests/run-formations.sh POWERSHARE_BINARY [CASE_DIR...]
# (default: every folder of tests/data/formations/ and of
# tests/data/formations-heldout/). Needs jq.
# Prints one line per failure and ends with
# "formations: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ $# -lt 1 ]; then
    echo "usage: $0 POWERSHARE_BINARY [CASE_DIR...]" >&2
    exit 2
fi
ps=$1
shift
case $ps in /*) ;; *) ps=$root/$ps ;; esac
if ! command -v jq >/dev/null 2>&1; then
    echo "formations: jq is needed"
    echo "formations: 0 passed, 1 failed"
    exit 1
fi

passed=0
failed=0

# check_case DIR: prints "FAIL DIR: why" lines; status 0 when every check
# of the case holds.
check_case() {
    local d=$1 leg=$1/legislature.json cab=$1/cabinet.json bad=0
    local why out ids total unattr vacant sum formed want members n k
    for f in "$leg" "$cab" "$d/SOURCES.md"; do
        if [ ! -f "$f" ]; then
            echo "FAIL $d: missing $(basename "$f")"
            return 1
        fi
    done
    if ! why=$("$ps" power "$leg" 2>&1 >/dev/null); then
        echo "FAIL $d: powershare power refuses legislature.json: $why"
        return 1
    fi
    if ! why=$("$ps" coalitions "$leg" --format json --top 1 2>&1 >/dev/null); then
        echo "FAIL $d: powershare coalitions refuses legislature.json: $why"
        bad=1
    fi
    if ! jq -e . "$cab" >/dev/null 2>&1; then
        echo "FAIL $d: cabinet.json is not JSON"
        return 1
    fi

    total=$(jq '.total_seats' "$leg")
    if [ "$total" = null ]; then
        echo "FAIL $d: legislature.json has no total_seats"
        return 1
    fi
    unattr=$(jq '.unattributed_seats // 0' "$leg")
    vacant=$(jq '.vacant_seats // 0' "$leg")
    sum=$(jq '[.parties[].seats] | add' "$leg")
    if [ "$sum" != $((total - unattr - vacant)) ]; then
        echo "FAIL $d: party seats add up to $sum, not total_seats $total - unattributed $unattr - vacant $vacant"
        bad=1
    fi
    if [ "$(jq '.total_seats' "$cab")" != "$total" ] ||
       [ "$(jq '.unattributed_seats' "$cab")" != "$unattr" ]; then
        echo "FAIL $d: cabinet.json's total_seats/unattributed_seats differ from legislature.json's"
        bad=1
    fi

    ids=$(jq -r '(.members[].id), (.uncertain_or_disputed[].id)' "$cab")
    for k in $ids; do
        if ! jq -e --arg id "$k" 'any(.parties[]; .id == $id)' "$leg" >/dev/null; then
            echo "FAIL $d: cabinet id '$k' is not a party of legislature.json"
            bad=1
        fi
    done
    n=$(printf '%s\n' $ids | sort | uniq -d | wc -l)
    if [ "$n" -ne 0 ]; then
        echo "FAIL $d: an id is listed twice in cabinet.json"
        bad=1
    fi

    formed=$(jq -r '.formed' "$cab")
    want=$(jq '.seats' "$cab")
    members=$(jq -r '[.members[].id] | join(",")' "$cab")
    if [ "$formed" = false ]; then
        if [ -n "$members" ] || [ "$want" != 0 ]; then
            echo "FAIL $d: formed is false but members or seats are given"
            bad=1
        fi
    elif [ -z "$members" ]; then
        echo "FAIL $d: no members"
        bad=1
    elif ! out=$("$ps" portfolios --coalition "$members" --posts 1 --format csv "$leg" 2>&1); then
        echo "FAIL $d: powershare portfolios refuses the cabinet: $out"
        bad=1
    else
        # The CSV's first three columns are id,name,seats; names may be
        # quoted and hold commas, so the seats are read from the right.
        local got
        got=$(printf '%s\n' "$out" | tail -n +2 |
              awk -F, '{ print $1 "=" $(NF-4) }' | sort)
        if [ "$got" != "$(jq -r '.members[] | "\(.id)=\(.seats)"' "$cab" | sort)" ]; then
            echo "FAIL $d: members' seats in the program: $(echo $got); in cabinet.json: $(jq -r '[.members[] | "\(.id)=\(.seats)"] | join(" ")' "$cab")"
            bad=1
        fi
        sum=$(printf '%s\n' "$got" | awk -F= '{ s += $2 } END { print s + 0 }')
        if [ "$sum" != "$want" ]; then
            echo "FAIL $d: the cabinet holds $sum seats in legislature.json; cabinet.json records $want"
            bad=1
        fi
    fi
    if [ "$formed" != false ] &&
       { [ "$(jq -r '.name // ""' "$cab")" = "" ] || [ "$(jq -r '.date // ""' "$cab")" = "" ]; }; then
        echo "FAIL $d: the cabinet has no name or date"
        bad=1
    fi

    for k in $(jq -r '.sources[]' "$cab"); do
        if ! grep -q "^| $k |" "$d/SOURCES.md"; then
            echo "FAIL $d: SOURCES.md does not list the source key $k"
            bad=1
        fi
    done
    return $bad
}

if [ $# -eq 0 ]; then
    set -- tests/data/formations/*/ tests/data/formations-heldout/*/
fi
for d in "$@"; do
    d=${d%/}
    if check_case "$d"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done

# The checker must refuse broken files: each breakage of a copy of one case
# must make check_case fail.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
base=tests/data/formations/northern-ireland-2007
if [ -d "$base" ]; then
    breakage() {
        local name=$1 filter=$2 file=$3
        rm -rf "${T:?}/case"
        cp -r "$base" "$T/case"
        jq "$filter" "$base/$file" > "$T/case/$file"
        if check_case "$T/case" >/dev/null; then
            echo "FAIL checker: a copy of $base with $name passed"
            failed=$((failed + 1))
        else
            passed=$((passed + 1))
        fi
    }
    breakage "a party's seats changed" '(.parties[] | select(.id == "dup") | .seats) |= . - 1 | .total_seats |= . - 1' legislature.json
    breakage "seats not adding up" '(.parties[] | select(.id == "apni") | .seats) |= . + 1 | .unattributed_seats = 1' legislature.json
    breakage "an unknown cabinet member" '.members[0].id = "nobody"' cabinet.json
    breakage "an unknown uncertain member" '.uncertain_or_disputed = [{"id": "nobody"}]' cabinet.json
    breakage "a wrong cabinet total" '.seats |= . + 1' cabinet.json
    breakage "a member left out" '.members |= .[1:]' cabinet.json
    breakage "an uncited source key" '.sources += ["NOKEY"]' cabinet.json
    breakage "a legislature that does not load" '.parties[0].seats = -1' legislature.json
fi

echo "formations: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
