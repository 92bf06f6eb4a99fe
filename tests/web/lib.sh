# lib.sh - what the web test scripts share (sourced by run.sh and
# evaluate.sh): the pass/fail count, the exit that stops the servers and
# prints the last line, starting a server, and one API check.
#
# The sourcing script sets suite (the last line's label) and T (a fresh
# temporary folder), then calls web_begin.

passed=0
failed=0
pids=()
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }

# Stops every server started, removes $T and prints
# "$suite: N passed, N failed"; the status is non-zero after a failure.
web_finish() {
    for pid in "${pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null
        fi
    done
    rm -rf "$T"
    echo "$suite: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
web_begin() { trap web_finish EXIT; }

# listening_url LOG TENTHS: the URL the server logged in LOG, waiting up to
# TENTHS tenths of a second; empty when it did not start.
listening_url() {
    local u=
    for _ in $(seq 1 "$2"); do
        u=$(sed -nE 's/^powershare serve: listening on (http:[^ ]+).*/\1/p' "$1")
        [ -n "$u" ] && break
        sleep 0.1
    done
    echo "$u"
}

# start_server LOG ARGS...: `powershare serve --port 0 ARGS...` in the
# background, its standard error in LOG; sets server_pid and url (empty
# when it did not start within 10 s).
start_server() {
    local log=$1
    shift
    "$ps_bin" serve --port 0 "$@" 2>"$log" &
    server_pid=$!
    pids+=("$server_pid")
    url=$(listening_url "$log" 100)
}

# api NAME STATUS PATH [PYTHON-EXPRESSION over the JSON body j] [curl options...]
# (against $url; the time taken is left in $T/seconds)
api() {
    local name=$1 want=$2 path=$3 expr=${4:-True}
    shift 4 2>/dev/null || shift $#
    local status out
    out=$(curl -s -o "$T/body" -w '%{http_code} %{time_total}' --max-time 20 "$@" "$url${path#/}")
    status=${out% *}
    echo "${out#* }" >"$T/seconds"
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
