#!/usr/bin/env bash
# evaluate.sh - the server's /api/evaluate (one government judged): the
# answer must be the very JSON of `powershare coalitions FILE --evaluate
# ... --format json`, and its numbers the hand-derived ones of the command
# cases tests/cases/evaluate/ (their cmd files give the arithmetic):
#   Northern Ireland 2007 executive dup + sf + uup + sdlp: 98 of 108,
#     quota 55; dup and sf critical (the unionist and nationalist consents),
#     uup and sdlp surplus; inside, only sub-coalitions with dup and sf
#     win (4): Banzhaf 1/2, 1/2, 0, 0; exits: dup or sf alone.
#   Iraq 2014, sol + ahrar + kdp: 151 of 328, 14 short of 165, no Sunni list.
# Needs curl and python3 (no browser).
#
# Also the executive a formation rule computes (/api/analyze) and parity in
# /api/coalition's posts.
#
# usage: tests/web/evaluate.sh BUILD_DIR
# The last line is "web evaluate: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=$(cd "${1:-build}" && pwd)
ps_bin="$build/src/cli/powershare"
T=$(mktemp -d)
suite="web evaluate"
. "$root/tests/web/lib.sh"
web_begin
for tool in curl python3; do
    command -v "$tool" >/dev/null || { bad "missing tool: $tool"; exit 1; }
done
[ -x "$ps_bin" ] || { bad "no program at $ps_bin"; exit 1; }

start_server "$T/serve.log" data/iraq-2014.json tests/data/evaluate/ni-2007.json \
    tests/data/formation/ni-2007.json tests/data/formation/be-2014.json
[ -n "$url" ] || { bad "the server did not start: $(cat "$T/serve.log")"; exit 1; }

api "evaluate: NI 2007 executive, 98 of 108, dup and sf critical" 200 \
    "/api/evaluate?leg=ni-2007&members=dup,sf,uup,sdlp" \
    "j['seats'] == 98 and j['quota'] == 55 and j['surplus'] == 43 and j['winning'] and j['critical'] == ['dup', 'sf'] and j['surplus_members'] == ['uup', 'sdlp'] and j['communities'] == {'unionist': 'substance', 'nationalist': 'substance', 'other': 'absent'}"
api "evaluate: power inside, 4 winning sub-coalitions, 1/2 1/2 0 0" 200 \
    "/api/evaluate?leg=ni-2007&members=dup,sf,uup,sdlp" \
    "j['winning_subcoalitions'] == 4 and [(m['swings'], m['banzhaf']['num'], m['banzhaf']['den'], m['shapley_shubik']['num']) for m in j['members']] == [(4, '1', '2', '1'), (4, '1', '2', '1'), (0, '0', '1', '0'), (0, '0', '1', '0')]"
api "evaluate: smallest exits" 200 "/api/evaluate?leg=ni-2007&members=dup,sf,uup,sdlp" \
    "j['majority_exit'] == {'size': 1, 'count': 2, 'sets': [['dup'], ['sf']]} and j['condition_exit'] == {'size': 2, 'count': 2, 'sets': [['dup', 'uup'], ['sf', 'sdlp']]}"
api "evaluate: posts 4, 3, 2, 1 of 10" 200 \
    "/api/evaluate?leg=ni-2007&members=dup,sf,uup,sdlp&posts=dup:4,sf:3,uup:2,sdlp:1" \
    "j['posts'] == 10 and [(m['posts'], m['post_share']['num'], m['post_share']['den']) for m in j['members']] == [(4, 2, 5), (3, 3, 10), (2, 1, 5), (1, 1, 10)]"
api "evaluate: Iraq sol + ahrar + kdp loses, 14 short, no Sunni list" 200 \
    "/api/evaluate?leg=iraq-2014&members=sol,ahrar,kdp" \
    "j['seats'] == 151 and j['surplus'] == -14 and not j['winning'] and j['winning_subcoalitions'] is None and j['majority_exit'] is None and not j['condition']['holds'] and [f['reason'] for f in j['condition']['failed']] == ['lacks a Sunni list']"
api "evaluate: unknown party 422, naming it and the ids" 422 \
    "/api/evaluate?leg=ni-2007&members=dup,tuv" \
    "'tuv' in j['error'] and 'dup, sf, uup' in j['error']"
api "evaluate: no members 422" 422 "/api/evaluate?leg=ni-2007" "'empty list' in j['error']"
api "evaluate: a party twice 422" 422 "/api/evaluate?leg=ni-2007&members=dup,dup" \
    "'twice' in j['error']"
api "evaluate: unknown legislature 404" 404 "/api/evaluate?leg=nope&members=dup" "'error' in j"

# The executive of a formation rule (tests/data/formation/ni-2007.json,
# the picks worked by hand in tests/cases/formation/ni-2007-analyze):
# DUP 4, SF 3, UUP 2, SDLP 1 of 10; First Minister DUP, deputy First
# Minister SF. The second ni-2007 file is served as ni-2007-2.
api "analyze: the executive by the formation rule, DUP 4, SF 3, UUP 2, SDLP 1" 200 \
    "/api/analyze?leg=ni-2007-2" \
    "j['executive']['posts'] == 10 and dict(zip(j['executive']['coalition'], j['executive']['won'])) == {'dup': 4, 'sf': 3, 'uup': 2, 'sdlp': 1} and [(r['office'], r['party']) for r in j['executive']['reserved']] == [('First Minister', 'dup'), ('deputy First Minister', 'sf')]"
api "analyze: no formation rule, no executive" 200 "/api/analyze?leg=ni-2007" \
    "j['executive'] is None"
# Parity (tests/data/formation/be-2014.json, 14 ministries, 7 to each
# language group; Gamson within each, tests/cases/formation/be-2014-portfolios):
# Michel I: N-VA 4, CD&V 2, Open Vld 1, MR 7. A coalition without a
# French-speaking list cannot meet parity: no posts.
api "coalition: parity, Michel I 4, 2, 1 and 7 of 14" 200 \
    "/api/coalition?leg=be-2014&members=nva,cdv,openvld,mr" \
    "j['posts'] == 14 and [(m['id'], m['gamson']['posts']) for m in j['members']] == [('nva', 4), ('mr', 7), ('cdv', 2), ('openvld', 1)]"
api "coalition: parity unmet, no posts" 200 "/api/coalition?leg=be-2014&members=nva,cdv,openvld,vb" \
    "j['posts'] == 0 and all(m['gamson']['posts'] == 0 for m in j['members'])"

# the same object as the command line's
curl -s --max-time 20 -o "$T/api.json" "${url}api/evaluate?leg=ni-2007&members=dup,sf,uup,sdlp&posts=dup:4,sf:3,uup:2,sdlp:1"
"$ps_bin" coalitions tests/data/evaluate/ni-2007.json --evaluate dup,sf,uup,sdlp \
    --posts dup=4,sf=3,uup=2,sdlp=1 --format json >"$T/cli.json"
if cmp -s "$T/api.json" "$T/cli.json"; then
    ok "evaluate: the API answers with the command line's JSON, byte for byte"
else
    bad "evaluate: the API's JSON differs from the command line's"
fi
