#!/usr/bin/env bash
# run.sh - the web tests of `powershare serve`: API checks with curl, the
# coalition builder in headless Chromium (playwright-core), a bounded
# load test (200 concurrent requests, loopback only), and the time limit
# on work (--timeout) with a genuinely heavy chamber, with the queue that
# keeps work off the HTTP threads (cheap requests answered while heavy ones
# wait; 503 after 5 s of waiting, or when the server stops).
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
suite=web
. "$root/tests/web/lib.sh"
web_begin

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
start_server "$T/serve.log" data/iraq-2014.json tests/web/fixtures/consociational.json \
    tests/data/coalitions/de-bt2021.json tests/data/formation/ni-2007.json
if [ -z "$url" ]; then
    bad "the server did not start: $(cat "$T/serve.log")"
    exit 1
fi
case "$url" in
http://127.0.0.1:*) ok "listens on 127.0.0.1 by default ($url)" ;;
*) bad "listens on $url, not 127.0.0.1" ;;
esac

api "legislatures: the four files, by id" 200 /api/legislatures \
    "[l['id'] for l in j['legislatures']] == ['iraq-2014', 'consociational', 'de-bt2021', 'ni-2007']"
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
# A condition that is not about communities (issue 13): the Bundestag 2021
# (tests/data/coalitions/README.md: 736 seats, 369 needed) with the AfD
# excluded. union 197 + afd 83 = 280: fails, excluded; union + spd 206 =
# 403: wins and meets it; union + gruene 118 + fdp 92 + afd = 490 fails
# for the AfD alone; spd + gruene + linke 39 = 363: meets it, 6 short.
api "exclude condition: declared, every part in words" 200 "/api/analyze?leg=de-bt2021" \
    "j['condition']['declared'] and j['condition']['constrains'] and j['condition']['exclude'] == ['afd'] and j['condition']['include_communities'] == [] and j['condition']['parts'] == [{'part': 'exclude', 'text': 'excludes AfD'}]"
api "exclude condition: union + afd fails it, and says why" 200 \
    "/api/coalition?leg=de-bt2021&members=union,afd" \
    "j['seats'] == 280 and j['condition']['kind'] == 'fails' and not j['condition']['holds'] and not j['condition']['feasible'] and [(f['part'], f['reason'], f['parties']) for f in j['condition']['failed']] == [('exclude', 'excludes AfD', ['afd'])]"
api "exclude condition: union + spd meets it (403 of 369)" 200 \
    "/api/coalition?leg=de-bt2021&members=union,spd" \
    "j['seats'] == 403 and j['winning'] and j['condition']['kind'] == 'met' and j['condition']['holds'] and j['condition']['feasible'] and j['condition']['failed'] == []"
api "exclude condition: a winning coalition with the AfD still fails" 200 \
    "/api/coalition?leg=de-bt2021&members=union,gruene,fdp,afd" \
    "j['seats'] == 490 and j['winning'] and j['condition']['kind'] == 'fails' and [f['part'] for f in j['condition']['failed']] == ['exclude']"
api "exclude condition: met but short of a majority is not 'holds'" 200 \
    "/api/coalition?leg=de-bt2021&members=spd,gruene,linke" \
    "j['seats'] == 363 and j['short'] == 6 and j['condition']['kind'] == 'fails' and j['condition']['feasible'] and j['condition']['failed'] == []"
api "exclude condition: carried into a what-if (spd + afd after the union leaves)" 200 \
    "/api/coalition?leg=de-bt2021&members=spd,afd&remove=union" \
    "j['total_seats'] == 539 and j['condition']['kind'] == 'fails' and [f['reason'] for f in j['condition']['failed']] == ['excludes AfD']"
# Iraq's condition: a Shia, a Sunni and a Kurdish list; sol + ahrar are Shia
api "community condition: the same verdict, with the communities lacking" 200 \
    "/api/coalition?leg=iraq-2014&members=sol,ahrar" \
    "j['condition']['kind'] == 'fails' and [(f['part'], f['reason'], f['communities']) for f in j['condition']['failed']] == [('include_communities', 'lacks a Sunni and a Kurdish list', ['sunni', 'kurdish'])]"
# what if a1 leaves: 70 seats, majority 36; a2+b1 = 35 short by 1
api "what-if in a coalition: remove a1" 200 \
    "/api/coalition?leg=consociational&members=a1,a2,b1&remove=a1" \
    "j['total_seats'] == 70 and j['quota'] == 36 and j['seats'] == 35 and j['dropped'] == ['a1']"
api "what-if analysis: kdp leaves, 303 seats, 152 needed" 200 \
    "/api/analyze?leg=iraq-2014&remove=kdp" \
    "j['whatif']['total_seats'] == 303 and j['whatif']['quota'] == 152 and j['whatif']['chart_svg'].startswith('<svg')"
# the changed chamber to draw: kdp gone; 10 of sol's 92 seats to ahrar (34)
api "what-if chamber: its lists, and a hemicycle of 303 seats without kdp" 200 \
    "/api/analyze?leg=iraq-2014&remove=kdp&move=sol:ahrar:10" \
    "(lambda c, ids: c['total_seats'] == 303 and c['quota'] == 152 and 'kdp' not in ids and c['parties'][ids.index('sol')]['seats'] == 82 and c['parties'][ids.index('ahrar')]['seats'] == 44 and c['hemicycle_svg'].count('class=\"seat\"') == 303 and c['hemicycle_svg'].count('data-party=\"%d\"' % ids.index('sol')) == 82 and sorted(c['order']) == list(range(len(ids))) and c['power_svg'].startswith('<svg'))(j['whatif']['chamber'], [p['id'] for p in j['whatif']['chamber']['parties']])"
api "what-if chamber: a merged list is drawn as one (29 + 34 = 63)" 200 \
    "/api/analyze?leg=iraq-2014&merge=ahrar,muwatin" \
    "(lambda c, ids: c['parties'][ids.index('ahrar+muwatin')]['seats'] == 63 and c['hemicycle_svg'].count('data-party=\"%d\"' % ids.index('ahrar+muwatin')) == 63)(j['whatif']['chamber'], [p['id'] for p in j['whatif']['chamber']['parties']])"
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

# ---- the time limit on work ---------------------------------------------------------
# tests/web/fixtures/heavy.json: exact power enumerates 2^25 coalitions
# against 61 layers, about ten seconds or more of one core (its notes), so
# a what-if on it that keeps its 25 lists (a move: a removal halves the work
# to about 2 s, too close to the limit) is stopped at --timeout 2.
# (plain bash: this runs while the machine is busy, a python3 start is slow)
children_of() { # "PID STATE" of each process whose parent is $1
    local parent=$1 f line rest
    for f in /proc/[0-9]*/stat; do
        { read -r line <"$f"; } 2>/dev/null || continue
        rest=${line##*) }   # "STATE PPID ...", after the command name
        rest=${rest#* }
        [ "${rest%% *}" = "$parent" ] && echo "${f//[^0-9]/} ${line##*) }" | cut -d' ' -f1,2
    done
    return 0
}
wait_children() { # until $1 has $2 children, at most 5 s
    for _ in $(seq 1 100); do
        [ "$(children_of "$1" | wc -l)" -ge "$2" ] && return 0
        sleep 0.05
    done
    return 1
}
within() { awk -v s="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(s >= lo && s <= hi) }'; }
ms_now() { echo $(($(date +%s%N) / 1000000)); }
main_url=$url
"$ps_bin" serve --port 0 --timeout 2 data/iraq-2014.json tests/web/fixtures/heavy.json \
    2>"$T/slow.log" &
slow_pid=$!
pids+=("$slow_pid")
url=$(listening_url "$T/slow.log" 150)
if [ -z "$url" ]; then
    bad "the --timeout 2 server did not start within 15 s: $(cat "$T/slow.log")"
else
    ok "with --timeout 2 the heavy chamber's power at start is cut short: the server listens"
    fds_before=$(ls "/proc/$slow_pid/fd" | wc -l)
    api "timeout: the heavy chamber's power at start says it passed the limit" 200 \
        "/api/analyze?leg=heavy" "j['power_error'] and '--timeout' in j['power_error'] and len(j['parties']) == 25"
    api "timeout: a what-if on the heavy chamber is stopped: 504" 504 \
        "/api/analyze?leg=heavy&move=p24:p00:1" "'--timeout' in j['error']"
    secs=$(cat "$T/seconds")
    within "$secs" 1.9 3.5 &&
        ok "timeout: the 504 came after $secs s (limit 2 s)" ||
        bad "timeout: the 504 came after $secs s, not within 2 s + 1.5 s"
    kids=$(children_of "$slow_pid")
    [ -z "$kids" ] && ok "timeout: no child process left after the 504" ||
        bad "timeout: processes left under the server: $kids"
    api "timeout: a coalition with a what-if step on it too" 504 \
        "/api/coalition?leg=heavy&members=p00,p24&move=p24:p00:1" "'error' in j"
    api "timeout: the heavy chamber without change still answers" 200 \
        "/api/coalition?leg=heavy&members=p24,p23,p22,p21,p20,p19,p18" "j['seats'] == 51+49+47+45+43+41+39"
    # three at once (two turns: the third waits), while a light request answers
    pids=()
    for i in 1 2 3; do
        curl -s -o "$T/par$i" -w '%{http_code}' --max-time 20 \
            "${url}api/analyze?leg=heavy&move=p2$i:p00:$i" >"$T/par$i.status" &
        pids+=($!)
    done
    saw_two=0
    wait_children "$slow_pid" 2 && saw_two=1
    # they hold both turns for 2 s: a request that waited for them would
    # take over 1.5 s
    t0=$(ms_now)
    light=$(curl -s -w ' %{http_code}' --max-time 20 "${url}api/coalition?leg=iraq-2014&members=sol,ahrar")
    t1=$(ms_now)
    [ "${light##* }" = 200 ] && [ $((t1 - t0)) -lt 1400 ] &&
        ok "timeout: a light request answered in $((t1 - t0)) ms while heavy ones ran" ||
        bad "timeout: a light request during heavy ones: ${light: -30}, $((t1 - t0)) ms"
    most=0
    for _ in $(seq 1 160); do # until none runs (the third ends near 4 s), at most 8 s
        n=$(children_of "$slow_pid" | wc -l)
        [ "$n" -gt "$most" ] && most=$n
        [ "$n" -eq 0 ] && break
        sleep 0.05
    done
    [ "$saw_two" = 1 ] && [ "$most" -le 2 ] && ok "timeout: two computations at once, never three" ||
        bad "timeout: computations at once: saw two $saw_two, at most $most"
    wait "${pids[@]}"
    [ "$(cat "$T/par1.status" "$T/par2.status" "$T/par3.status" | tr -d '\n')" = 504504504 ] &&
        ok "timeout: three concurrent heavy requests all answered 504" ||
        bad "timeout: concurrent heavy requests: $(cat "$T"/par?.status | tr '\n' ' ')"
    # Work waits in a queue, not in the HTTP threads: with eight heavy
    # requests at once (two run, six wait for a turn), the page and
    # /api/legislatures still answer at once. (When a waiting request held
    # one of the server's four HTTP threads, every connection that thread
    # had accepted waited with it, seconds behind the heavy ones.) Turns of
    # 2 s: pairs start at 0, 2 and 4 s; the last two, still waiting at 5 s,
    # get 503.
    heavy=()
    for i in 1 2 3 4 5 6 7 8; do
        curl -s -o "$T/q$i" -w '%{http_code} %{time_total}\n' --max-time 20 \
            "${url}api/analyze?leg=heavy&move=p1$i:p00:1" >"$T/q$i.status" &
        heavy+=($!)
    done
    wait_children "$slow_pid" 2
    sleep 0.3 # the other six are in
    cheap=()
    for i in $(seq 1 12); do
        path=api/legislatures
        [ $((i % 3)) = 0 ] && path=
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 20 "$url$path" \
            >"$T/cheap$i.status" &
        cheap+=($!)
    done
    wait "${cheap[@]}"
    codes=$(cut -d' ' -f1 "$T"/cheap*.status | sort | uniq -c | tr -s ' \n' ' ')
    slowest=$(cut -d' ' -f2 "$T"/cheap*.status | sort -g | tail -n 1)
    [ "$(grep -c '^200 ' "$T"/cheap*.status | grep -c ':1$')" = 12 ] && within "$slowest" 0 1 &&
        ok "queue: 12 cheap requests during 8 heavy ones all answered, the slowest in $slowest s" ||
        bad "queue: 12 cheap requests during 8 heavy ones: HTTP$codes the slowest in $slowest s (limit 1 s)"
    wait "${heavy[@]}"
    n504=$(cat "$T"/q?.status | grep -c '^504 ')
    n503=$(cat "$T"/q?.status | grep -c '^503 ')
    busy=$(grep -l 'busy; try again' "$T"/q? | wc -l)
    late=$(cat "$T"/q?.status | awk '$1 == 503 && $2 > 6.5' | wc -l)
    [ "$((n504 + n503))" = 8 ] && [ "$n504" -ge 4 ] && [ "$n503" -ge 1 ] && [ "$busy" = "$n503" ] &&
        [ "$late" = 0 ] &&
        ok "queue: of 8 heavy requests $n504 ran (504), $n503 waited 5 s for a turn (503, busy)" ||
        bad "queue: 8 heavy requests: $(cat "$T"/q?.status | tr '\n' ' '), $busy say busy"
    api "timeout: a what-if on Iraq still computes afterwards (180 - 25 = 155 of 152)" 200 \
        "/api/coalition?leg=iraq-2014&members=sol,ahrar,muwatin,kdp&remove=kdp" \
        "j['seats'] == 155 and j['quota'] == 152 and j['winning']"
    kids=$(children_of "$slow_pid")
    [ -z "$kids" ] && ok "timeout: no child process left, no zombie" ||
        bad "timeout: processes left under the server: $kids"
    for _ in $(seq 1 40); do # connections close a moment after their answer
        fds_after=$(ls "/proc/$slow_pid/fd" | wc -l)
        [ "$fds_after" -le "$fds_before" ] && break
        sleep 0.05
    done
    [ "$fds_after" -le "$fds_before" ] && ok "timeout: no descriptor leaked ($fds_before open before, $fds_after after)" ||
        bad "timeout: $fds_before descriptors open before, $fds_after after: $(ls -l "/proc/$slow_pid/fd" | tail -n +2 | sed 's/.*-> //' | sort | uniq -c | tr '\n' ' ')"
    # SIGTERM while a computation runs: the child is killed, the server
    # stops well before the 2 s limit would have ended the computation;
    # of three more requests, one running and two queued, each is answered
    # 503 "the server is stopping"
    curl -s -o /dev/null --max-time 20 "${url}api/analyze?leg=heavy&move=p24:p00:2" &
    pids=($!)
    wait_children "$slow_pid" 1
    child=$(children_of "$slow_pid" | cut -d' ' -f1)
    for i in 1 2 3; do
        curl -s -o "$T/stop$i" -w '%{http_code}' --max-time 20 \
            "${url}api/analyze?leg=heavy&move=p1$i:p00:2" >"$T/stop$i.status" &
        pids+=($!)
    done
    wait_children "$slow_pid" 2
    sleep 0.3 # the other two are queued
    t0=$(ms_now)
    kill -TERM "$slow_pid"
    wait "$slow_pid"
    status=$?
    took=$(($(ms_now) - t0))
    slow_pid=
    wait "${pids[@]}"
    if [ "$status" -eq 0 ] && [ -n "$child" ] && [ ! -e "/proc/$child" ] && [ "$took" -lt 1200 ]; then
        ok "timeout: SIGTERM during a computation stops the server in $took ms and kills the child"
    else
        bad "timeout: SIGTERM during a computation: exit $status after $took ms, child '$child' $( [ -n "$child" ] && [ -e "/proc/$child" ] && echo still there)"
    fi
    [ "$(cat "$T"/stop?.status)" = 503503503 ] && [ "$(grep -l 'the server is stopping' "$T"/stop? | wc -l)" = 3 ] &&
        ok "timeout: SIGTERM answers the running and the queued work 503, the server is stopping" ||
        bad "timeout: work during SIGTERM: $(cat "$T"/stop?.status) $(cat "$T"/stop? | head -c 300)"
fi
status=$("$ps_bin" serve --timeout 0 data/iraq-2014.json 2>"$T/usage.err"; echo $?)
[ "$status" = 2 ] && grep -q -- '--timeout wants seconds' "$T/usage.err" &&
    ok "--timeout 0 is a usage error (exit 2)" || bad "--timeout 0: exit $status, $(cat "$T/usage.err")"
url=$main_url

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
# built with -Db_sanitize=address,undefined: no report in any server's log
reports=$(grep -lE 'Sanitizer|runtime error:' "$T"/*.log 2>/dev/null)
[ -z "$reports" ] && ok "no sanitizer report in the servers' logs" ||
    bad "sanitizer reports in $(basename -a $reports | tr '\n' ' '): $(grep -hE -m 3 'Sanitizer|runtime error:' $reports)"
