#!/usr/bin/env bash
# run.sh - the web tests of `powershare serve`: API checks with curl, the
# coalition builder in headless Chromium (playwright-core), and a bounded
# load test (200 concurrent requests, loopback only).
#
# Installs what it needs: Debian's chromium, nodejs, npm and curl with
# apt-get when root (otherwise it prints the apt-get line and fails), and
# the npm package playwright-core into a cache folder outside the
# repository ($PS_WEB_CACHE, default ~/.cache/powershare-web).
# Screenshots go to BUILD_DIR/web-screenshots/.
#
# usage: tests/web/run.sh BUILD_DIR
# The last line is "web: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=$(cd "${1:-build}" && pwd)
ps_bin="$build/src/cli/powershare"
PLAYWRIGHT_VERSION=1.65.1
cache=${PS_WEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/powershare-web}
shots="$build/web-screenshots"
T=$(mktemp -d)
server_pid=
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
finish() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    rm -rf "$T"
    echo "web: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
trap finish EXIT

# ---- what the tests need ----------------------------------------------------
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -ne 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "installing: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null && \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "the web tests need: apt-get install -y --no-install-recommends ${missing[*]}"
    fi
fi
for tool in chromium node npm curl python3; do
    command -v "$tool" >/dev/null || { bad "missing tool: $tool"; exit 1; }
done
if [ ! -f "$cache/node_modules/playwright-core/package.json" ]; then
    mkdir -p "$cache"
    timeout 300 npm install --prefix "$cache" --no-audit --no-fund --silent \
        "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null 2>&1 \
        || { bad "npm install playwright-core@$PLAYWRIGHT_VERSION into $cache"; exit 1; }
fi
export PLAYWRIGHT_CORE="$cache/node_modules/playwright-core"
echo "versions: $(chromium --version 2>/dev/null | head -n 1); node $(node --version);" \
     "playwright-core $(node -p "require('$PLAYWRIGHT_CORE/package.json').version")"
[ -x "$ps_bin" ] || { bad "no program at $ps_bin"; exit 1; }

# ---- the server ---------------------------------------------------------------
"$ps_bin" serve --port 0 data/iraq-2014.json tests/web/fixtures/consociational.json \
    2>"$T/serve.log" &
server_pid=$!
url=
for _ in $(seq 1 100); do
    url=$(sed -nE 's/^powershare serve: listening on (http:[^ ]+).*/\1/p' "$T/serve.log")
    [ -n "$url" ] && break
    sleep 0.1
done
if [ -z "$url" ]; then
    bad "the server did not start: $(cat "$T/serve.log")"
    exit 1
fi
case "$url" in
http://127.0.0.1:*) ok "listens on 127.0.0.1 by default ($url)" ;;
*) bad "listens on $url, not 127.0.0.1" ;;
esac

# api NAME STATUS PATH [PYTHON-EXPRESSION over the JSON body j] [curl options...]
api() {
    local name=$1 want=$2 path=$3 expr=${4:-True}
    shift 4 2>/dev/null || shift $#
    local status
    status=$(curl -s -o "$T/body" -w '%{http_code}' --max-time 20 "$@" "$url${path#/}")
    if [ "$status" != "$want" ]; then
        bad "$name: HTTP $status, expected $want: $(head -c 300 "$T/body")"
        return
    fi
    if python3 -c "
import json, sys
j = json.load(open('$T/body'))
sys.exit(0 if ($expr) else 1)" 2>"$T/py.err"; then
        ok "$name"
    else
        bad "$name: $(head -c 300 "$T/body") $(tail -n 1 "$T/py.err")"
    fi
}

api "legislatures: both files, by id" 200 /api/legislatures \
    "[l['id'] for l in j['legislatures']] == ['iraq-2014', 'consociational']"
# Iraq 2014: 328 seats, majority 165; 92+34+29+25 = 180 (hand arithmetic)
api "coalition: 180 of 165, winning, all four critical" 200 \
    "/api/coalition?leg=iraq-2014&members=sol,ahrar,muwatin,kdp" \
    "j['seats'] == 180 and j['quota'] == 165 and j['winning'] and j['surplus'] == 15 and all(m['critical'] for m in j['members'])"
api "coalition: 92+34 = 126 is 39 short" 200 "/api/coalition?leg=0&members=sol,ahrar" \
    "j['seats'] == 126 and not j['winning'] and j['short'] == 39"
# Gamson: 92/180 of the seats; 20 posts by largest remainder: 10.22, 3.78, 3.22, 2.78 -> 10, 4, 3, 3
api "coalition: Gamson shares and posts" 200 \
    "/api/coalition?leg=iraq-2014&members=sol,ahrar,muwatin,kdp" \
    "[(m['gamson']['num'], m['gamson']['den'], m['gamson']['posts']) for m in j['members']] == [(92, 180, 10), (34, 180, 4), (29, 180, 3), (25, 180, 3)]"
# toy: 30+15+10+15 = 70 of 51; only a1 critical (70-30 = 40 < 51); Beta by b2 (surplus) -> show
api "condition: met for show" 200 "/api/coalition?leg=consociational&members=a1,a2,b2,c1" \
    "j['condition']['kind'] == 'show' and j['condition']['holds'] and [m['critical'] for m in j['members']] == [True, False, False, False]"
api "condition: met for substance" 200 "/api/coalition?leg=consociational&members=a1,b1,c1" \
    "j['condition']['kind'] == 'substance' and j['seats'] == 65"
api "condition: fails without Beta" 200 "/api/coalition?leg=consociational&members=a1,a2,c1,c2" \
    "j['condition']['kind'] == 'fails' and j['winning'] and not j['condition']['holds']"
# what if a1 leaves: 70 seats, majority 36; a2+b1 = 35 short by 1
api "what-if in a coalition: remove a1" 200 \
    "/api/coalition?leg=consociational&members=a1,a2,b1&remove=a1" \
    "j['total_seats'] == 70 and j['quota'] == 36 and j['seats'] == 35 and j['dropped'] == ['a1']"
api "what-if analysis: kdp leaves, 303 seats, 152 needed" 200 \
    "/api/analyze?leg=iraq-2014&remove=kdp" \
    "j['whatif']['total_seats'] == 303 and j['whatif']['quota'] == 152 and j['whatif']['chart_svg'].startswith('<svg')"
api "analyze: names escaped in the SVG" 200 "/api/analyze?leg=consociational" \
    "'Beta &lt;One&gt; &amp; &quot;Co&quot; &#39;x&#39;' in j['hemicycle_svg'] and '<One>' not in j['hemicycle_svg']"
api "analyze: names kept exact in JSON" 200 "/api/analyze?leg=consociational" \
    "j['parties'][2]['name'] == 'Beta <One> & \"Co\" \\'x\\''"
api "unknown legislature: 404" 404 "/api/analyze?leg=nope" "'error' in j"
api "a path is never a legislature" 404 "/api/analyze?leg=..%2F..%2Fetc%2Fpasswd" "'error' in j"
api "index out of range: 404" 404 "/api/analyze?leg=7" "'error' in j"
api "unknown party: 422" 422 "/api/coalition?leg=0&members=sol,nobody" "'nobody' in j['error']"
api "bad what-if step: 422" 422 "/api/analyze?leg=0&move=sol:ahrar:500" "'500' in j['error']"
api "unknown API: 404" 404 "/api/nothing" "'error' in j"
api "POST refused: 405" 405 "/api/legislatures" "'error' in j" -X POST -d x=1
api "too many arguments: 400" 400 \
    "/api/analyze?$(for i in $(seq 1 40); do printf 'a%d=1&' "$i"; done)leg=0" "'error' in j"
long=$(head -c 3000 /dev/zero | tr '\0' a)
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url?$long")
[ "$status" = 414 ] && ok "a 3,000-byte URL: 414" || bad "a 3,000-byte URL: HTTP $status"
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "X-Big: $(head -c 40000 /dev/zero | tr '\0' b)" "${url}api/legislatures")
[ "$status" != 200 ] && ok "40 KB of headers refused (HTTP $status)" || bad "40 KB of headers accepted"
headers=$(curl -s -D - -o "$T/page" --max-time 10 "$url")
if grep -qi "^content-security-policy: default-src 'self'" <<<"$headers" &&
   grep -qi '^x-content-type-options: nosniff' <<<"$headers" &&
   grep -q 'id="leg-select"' "$T/page" && ! grep -Eq 'https?://' "$T/page"; then
    ok "the page: served with CSP and nosniff, links nothing outside"
else
    bad "the page or its headers"
fi

# ---- the browser ----------------------------------------------------------------
rm -rf "$shots"
mkdir -p "$shots"
timeout 180 node tests/web/browser.cjs "$url" "$shots" >"$T/browser.out" 2>&1
cat "$T/browser.out" | grep -v '^browser:'
line=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed$' "$T/browser.out" | tail -n 1)
if [ -n "$line" ]; then
    passed=$((passed + $(sed -E 's/browser: ([0-9]+) passed.*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$line")))
    echo "screenshots: $shots"
else
    bad "browser test did not finish: $(tail -n 5 "$T/browser.out")"
fi

# ---- load ------------------------------------------------------------------------
timeout 120 node tests/web/load.cjs "$url" 200 3 >"$T/load.out" 2>&1
cat "$T/load.out"
passed=$((passed + $(grep -c '^ok ' "$T/load.out")))
failed=$((failed + $(grep -c '^FAIL' "$T/load.out")))
grep -q '^ok   load: every' "$T/load.out" || grep -q '^FAIL' "$T/load.out" || bad "load test did not finish"

# ---- a clean stop ------------------------------------------------------------------
kill -TERM "$server_pid"
wait "$server_pid"
status=$?
server_pid=
if [ "$status" -eq 0 ] && grep -q 'powershare serve: stopped' "$T/serve.log"; then
    ok "SIGTERM stops the server cleanly"
else
    bad "the server's stop: exit $status, $(tail -n 3 "$T/serve.log")"
fi
