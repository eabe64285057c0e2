#!/usr/bin/env bash
# Web benchmark for Foyer (not a test: it measures, it does not judge).
#
# Builds the release binary into its own scratch folder, creates the demo data in a temporary folder, then
# measures on loopback only:
#   - start-up time: process start to the first `GET /health` answering 200 (median of several runs);
#   - resident memory (VmRSS) when idle after start, and after the load;
#   - requests per second and latency percentiles with wrk for the signed-in home page and for
#     `GET /api/v1/workspaces/{id}/conversations` with an API token made by `foyer token add`.
#
# Usage: Benchmarks/web.sh [--record]
#   --record   also replaces the results block in docs/PERFORMANCE.md
# Environment: RUNS (start-up runs, default 7), DURATION (wrk seconds, default 15), THREADS (default 2),
#              CONNECTIONS (default 32), SKIP_BUILD=1 (reuse .build-release), SCRATCH (default .build-release),
#              FOYER_BINARY (measure this binary instead of building one; to try the script on a debug build).
# Needs: swift, curl, wrk, python3. The machine's cores are shared by wrk and the server: read the numbers so.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
RUNS="${RUNS:-7}"
DURATION="${DURATION:-15}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
SCRATCH="${SCRATCH:-.build-release}"
RECORD=0
[ "${1:-}" = "--record" ] && RECORD=1

for tool in curl wrk python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool is required (apt-get install -y $tool)" >&2; exit 1; }
done

log() { printf '==> %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------------------------
BIN="${FOYER_BINARY:-$ROOT/$SCRATCH/release/foyer}"
BUILD="release"
if [ -n "${FOYER_BINARY:-}" ]; then
    BUILD="binary \`$(basename "$FOYER_BINARY")\` given by FOYER_BINARY, not the release build"
elif [ "${SKIP_BUILD:-0}" != "1" ] || [ ! -x "$BIN" ]; then
    log "swift build -c release --scratch-path $SCRATCH --product foyer"
    swift build -c release --scratch-path "$SCRATCH" --product foyer >&2
fi
[ -x "$BIN" ] || { echo "error: $BIN was not built" >&2; exit 1; }

WORK="$(mktemp -d -t foyer-bench-XXXXXX)"
DATA="$WORK/data"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

now_ns() { date +%s%N; }

# Waits until $1 answers 200 (at most 120 s); prints nothing.
wait_for_health() {
    local url="$1" deadline=$(( $(date +%s) + 120 ))
    until curl -fsS -o /dev/null "$url/health" 2>/dev/null; do
        if [ "$(date +%s)" -ge "$deadline" ]; then echo "error: $url/health never answered 200" >&2; return 1; fi
        if [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "error: the server exited; its log:" >&2; cat "$WORK/server.log" >&2; return 1
        fi
        sleep 0.01
    done
}

# Starts `foyer serve` on a free port; sets SERVER_PID and URL.
start_server() {
    local port
    port="$(free_port)"
    URL="http://127.0.0.1:$port"
    FOYER_LOG_LEVEL=warning "$BIN" serve --data "$DATA" --host 127.0.0.1 --port "$port" >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
}

stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

rss_mib() {
    awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

median() {
    python3 -c 'import sys, statistics; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.0f}")' "$@"
}

# ---------------------------------------------------------------------------------------------------------
# Demo data
# ---------------------------------------------------------------------------------------------------------
log "Creating the demo data in $DATA"
demo_start=$(now_ns)
"$BIN" demo --data "$DATA" --host 127.0.0.1 --port 0 >"$WORK/demo.log" 2>&1 &
SERVER_PID=$!
deadline=$(( $(date +%s) + 600 ))
until grep -q "running at" "$WORK/demo.log"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "error: foyer demo exited:" >&2; cat "$WORK/demo.log" >&2; exit 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "error: foyer demo did not start in 600 s" >&2; exit 1; fi
    sleep 0.05
done
demo_ms=$(( ($(now_ns) - demo_start) / 1000000 ))
EMAIL="$(grep -oE '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}' "$WORK/demo.log" | head -n 1)"
PASSWORD="$(python3 - "$WORK/demo.log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"(?i)password(?: is)?\s*[:=]\s*[\"'`]?([^\s\"'`]+)", text) or \
    re.search(r"(?i)(?:the|a) password\s+[\"'`]?([^\s\"'`]+?)[\"'`]?(?:\s|$)", text)
print(m.group(1) if m else "")
PY
)"
stop_server
[ -n "$EMAIL" ] && [ -n "$PASSWORD" ] || { echo "error: no sign-in in the demo output:" >&2; cat "$WORK/demo.log" >&2; exit 1; }
MESSAGES="$(grep -oiE '[0-9][0-9 ,]* messages' "$WORK/demo.log" | head -n 1 || true)"

log "Making an API token"
TOKEN="$("$BIN" token add --data "$DATA" --email "$EMAIL" --name benchmark 2>"$WORK/token.err" | grep -oE 'foyer_[A-Za-z0-9_-]+' | head -n 1 || true)"
[ -n "$TOKEN" ] || { echo "error: foyer token add printed no token:" >&2; cat "$WORK/token.err" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------
# Start-up time
# ---------------------------------------------------------------------------------------------------------
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "Start-up time, $RUNS runs (load average $LOAD_BEFORE)"
startups=()
for _ in $(seq "$RUNS"); do
    start=$(now_ns)
    start_server
    wait_for_health "$URL"
    startups+=( $(( ($(now_ns) - start) / 1000000 )) )
    stop_server
done
startup_median="$(median "${startups[@]}")"

# ---------------------------------------------------------------------------------------------------------
# Idle memory, sign-in, load
# ---------------------------------------------------------------------------------------------------------
start_server
wait_for_health "$URL"
sleep 2
idle_rss="$(rss_mib "$SERVER_PID")"

WORKSPACE_ID="$(curl -fsS -H "Authorization: Bearer $TOKEN" "$URL/api/v1/workspaces" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0]["id"])')"

log "Signing in as $EMAIL"
JAR="$WORK/cookies.txt"
CSRF="$(curl -fsS -c "$JAR" -b "$JAR" "$URL/sign-in" | grep -oE 'name="_csrf" value="[^"]+"' | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/')"
curl -fsS -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "_csrf=$CSRF" "$URL/sign-in"
SESSION="$(awk '$6 == "foyer_session" { print $7 }' "$JAR")"
[ -n "$SESSION" ] || { echo "error: sign-in gave no session cookie" >&2; exit 1; }

HOME_URL="$URL/w/$WORKSPACE_ID"
API_URL="$URL/api/v1/workspaces/$WORKSPACE_ID/conversations"
home_status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: foyer_session=$SESSION" "$HOME_URL")"
api_status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$API_URL")"
[ "$home_status" = 200 ] && [ "$api_status" = 200 ] || {
    echo "error: home answered $home_status and the API $api_status (both must be 200)" >&2; exit 1; }

run_wrk() { # name, url, header
    log "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s $2"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -H "$3" "$2" >"$WORK/wrk-$1.txt"
    cat "$WORK/wrk-$1.txt" >&2
}
run_wrk home "$HOME_URL" "Cookie: foyer_session=$SESSION"
run_wrk api "$API_URL" "Authorization: Bearer $TOKEN"
loaded_rss="$(rss_mib "$SERVER_PID")"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
stop_server

# Reads "Requests/sec", the latency percentiles and the error counts of a wrk report.
wrk_row() {
    python3 - "$WORK/wrk-$1.txt" "$2" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = re.search(r"Requests/sec:\s*([\d.]+)", text)
pct = dict(re.findall(r"^\s*(50|75|90|99)%\s+(\S+)", text, re.M))
non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
errors = re.search(r"Socket errors:(.*)", text)
total = re.search(r"(\d+) requests in", text)
print(f"| {sys.argv[2]} | {float(rps.group(1)) if rps else 0:,.0f} | {pct.get('50','?')} | {pct.get('90','?')} | "
      f"{pct.get('99','?')} | {total.group(1) if total else '?'} | {non2xx.group(1) if non2xx else 0}"
      f"{' (' + errors.group(1).strip() + ')' if errors else ''} |")
PY
}

# ---------------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------------
swift_version="$(swift --version 2>&1 | head -n 1)"
cores="$(nproc)"
memory="$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
REPORT="$WORK/report.md"
{
    echo "<!-- web-benchmark:begin -->"
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\` by \`Benchmarks/web.sh\`"
    echo "($BUILD; $cores cores, $memory, Linux \`$(uname -r)\`, $swift_version; wrk \`-t$THREADS -c$CONNECTIONS -d${DURATION}s\`"
    echo "on the same machine as the server, over loopback; demo data${MESSAGES:+: $MESSAGES};"
    echo "load average $LOAD_BEFORE before the start-up runs, $LOAD_AFTER after the load: other work shared the machine)."
    echo
    echo "| measure | result |"
    echo "|---|---|"
    echo "| start-up, process start to first \`/health\` 200 (median of $RUNS) | ${startup_median} ms (runs: ${startups[*]} ms) |"
    echo "| demo generation + first start (\`foyer demo\` on an empty folder) | ${demo_ms} ms |"
    echo "| memory (VmRSS) idle after start | ${idle_rss} MiB |"
    echo "| memory (VmRSS) after the two load runs | ${loaded_rss} MiB |"
    echo
    echo "| endpoint | requests/s | p50 | p90 | p99 | requests | non-2xx |"
    echo "|---|---|---|---|---|---|---|"
    wrk_row home "\`GET /w/{id}\` home page, signed in"
    wrk_row api "\`GET /api/v1/workspaces/{id}/conversations\`, bearer token"
    echo "<!-- web-benchmark:end -->"
} >"$REPORT"
cat "$REPORT"

if [ "$RECORD" = 1 ]; then
    python3 - "$ROOT/docs/PERFORMANCE.md" "$REPORT" <<'PY'
import re, sys
path, report = sys.argv[1], open(sys.argv[2]).read().strip()
text = open(path).read()
pattern = re.compile(r"<!-- web-benchmark:begin -->.*?<!-- web-benchmark:end -->", re.S)
if not pattern.search(text):
    sys.exit(f"error: {path} has no <!-- web-benchmark:begin --> ... <!-- web-benchmark:end --> block")
open(path, "w").write(pattern.sub(lambda _: report, text))
print(f"recorded in {path}", file=sys.stderr)
PY
fi
